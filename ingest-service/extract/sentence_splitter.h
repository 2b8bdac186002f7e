// Finds sentence boundaries in tokenized text.
//
// A sentence ends at . ! ? or … (with closing quotes and brackets after them)
// before a likely sentence start, at a line break (unless the next line goes on
// in lower case), and never after an initial ("John P. Ruehl") or an
// abbreviation that does not end sentences ("Mr.", "e.g."). Abbreviations that
// may end one ("U.S.", "D.C.", "Sept.") end it only before a sentence-starting
// word ("...in Washington, D.C. He is..."). A missing space is tolerated after a
// digit or lower-case word ("in 1991.This led"). Runs longer than
// kMaxSentenceBytes are cut so later stages stay linear. Pure and thread-safe.
#ifndef ALLIANCE_INGEST_EXTRACT_SENTENCE_SPLITTER_H_
#define ALLIANCE_INGEST_EXTRACT_SENTENCE_SPLITTER_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "ingest-service/extract/annotated_document.h"
#include "ingest-service/extract/lexicon.h"
#include "ingest-service/extract/tokenizer.h"

namespace alliance::ingest {

// Longest sentence, in bytes, before it is cut at a token boundary.
inline constexpr int kMaxSentenceBytes = 2000;

// Returns the sentences of `tokenized` (the tokens of `text`), in order and
// numbered from 0; every token outside `skip` belongs to exactly one sentence,
// and no sentence crosses the edge of a `skip` line or has tokens in one.
// `skip` (page furniture, see page_furniture.h) must be in order and not overlap.
std::vector<Sentence> SplitSentences(absl::string_view text, const TokenizedText& tokenized,
                                     const Lexicon& lexicon, absl::Span<const FurnitureLine> skip = {});

}  // namespace alliance::ingest

#endif  // ALLIANCE_INGEST_EXTRACT_SENTENCE_SPLITTER_H_
