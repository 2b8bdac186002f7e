// The text-analysis entry point: turns a request's document into an
// AnnotatedDocument (normalized text, metadata, tokens, sentences, mentions)
// for the event stages.
#ifndef ALLIANCE_INGEST_EXTRACT_ANNOTATE_H_
#define ALLIANCE_INGEST_EXTRACT_ANNOTATE_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "alliance/v1/ingest_service.pb.h"
#include "ingest-service/extract/annotated_document.h"
#include "ingest-service/extract/lexicon.h"

namespace alliance::ingest {

// Sentences with fewer tokens than this get no fingerprint: they are too
// common to tell syndicated copies apart.
inline constexpr int kMinFingerprintTokens = 8;

// Annotates `document` (text already validated as non-empty UTF-8): normalizes
// the text, reads metadata (request first, then header lines), splits
// sentences and tokens and finds mentions, resolving relative dates against
// the publication date. Sets info.length and info.sentence_fingerprints.
// Returns INVALID_ARGUMENT naming "document.published" for a malformed date.
// Pure and thread-safe; `lexicon` is only read.
absl::StatusOr<AnnotatedDocument> Annotate(const v1::Document& document, const Lexicon& lexicon);

// Returns the canonical form of a sentence's tokens used for fingerprints:
// lower case, typographic quotes and dashes mapped, tokens joined by one space.
std::string CanonicalSentence(const std::vector<Token>& tokens, const Sentence& sentence);

}  // namespace alliance::ingest

#endif  // ALLIANCE_INGEST_EXTRACT_ANNOTATE_H_
