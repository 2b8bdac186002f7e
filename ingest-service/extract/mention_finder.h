// Finds the mentions of one sentence: countries (names, demonyms, capitals),
// organizations (names, acronyms, and acronyms a text defines in parentheses
// after a known name), people (lexicon names and aliases, and capitalized
// names after a role word: "Belarusian President Alexander Lukashenko"),
// dates (see date_resolver.h) and counts (see number_reader.h).
#ifndef ALLIANCE_INGEST_EXTRACT_MENTION_FINDER_H_
#define ALLIANCE_INGEST_EXTRACT_MENTION_FINDER_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "alliance/v1/records.pb.h"
#include "ingest-service/extract/annotated_document.h"
#include "ingest-service/extract/date_resolver.h"
#include "ingest-service/extract/lexicon.h"

namespace alliance::ingest {

// Finds mentions sentence by sentence through one document. Keeps the acronyms
// the document defines ("... Treaty Organization (CSTO)") and the last date seen
// (to anchor "a week later"), so one finder serves one document, in order.
// Thread-compatible. The lexicon must outlive the finder.
class MentionFinder {
 public:
  // `published` (may be unset) resolves relative dates.
  MentionFinder(const Lexicon& lexicon, const v1::PartialDate& published);

  MentionFinder(const MentionFinder&) = delete;
  MentionFinder& operator=(const MentionFinder&) = delete;

  // Replaces the date relative dates resolve against from here on (a text that
  // holds several articles, each under its own dated header). May be unset.
  void set_published(const v1::PartialDate& published) { published_ = published; }

  // Appends the mentions of `sentence` (of `text` and `tokens`) to `out` (not
  // null), sorted by begin offset, longer first on ties.
  void FindInSentence(absl::string_view text, const std::vector<Token>& tokens, const Sentence& sentence,
                      std::vector<Mention>* out);

 private:
  struct PhraseMatch {
    const LexiconEntry* entry = nullptr;
    int end_token = 0;
  };
  PhraseMatch LongestPhrase(absl::string_view text, const std::vector<Token>& tokens, int i, int end) const;
  // Reads a capitalized name starting at token i; returns its end token (i when none).
  int ReadName(absl::string_view text, const std::vector<Token>& tokens, int i, int end) const;

  const Lexicon& lexicon_;
  const DateResolver dates_;
  v1::PartialDate published_;
  // Acronyms this document defined for lexicon organizations.
  absl::flat_hash_map<std::string, int> local_acronyms_;
  // WordFlags of the current sentence's tokens (reused between sentences).
  std::vector<uint32_t> flags_;
  int flags_first_ = 0;  // token index of flags_[0]
  // The last resolved date, and the sentence it was in.
  v1::PartialDate last_date_;
  int last_date_sentence_ = -10;
};

}  // namespace alliance::ingest

#endif  // ALLIANCE_INGEST_EXTRACT_MENTION_FINDER_H_
