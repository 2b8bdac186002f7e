// The trigger lexicon: the phrases that announce events and the small word
// sets that shape clauses, modality and references (data/lexicon/
// triggers.textproto, see triggers.proto). Words only, never events.
#ifndef ALLIANCE_INGEST_EXTRACT_EVENTS_TRIGGER_LEXICON_H_
#define ALLIANCE_INGEST_EXTRACT_EVENTS_TRIGGER_LEXICON_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "alliance/v1/records.pb.h"
#include "ingest-service/extract/annotated_document.h"
#include "ingest-service/extract/events/triggers.pb.h"

namespace alliance::ingest::events {

// The word sets of a trigger lexicon, as bits.
enum WordSet : uint32_t {
  kNegation = 1u << 0,
  kHypothetical = 1u << 1,
  kProposal = 1u << 2,
  kReporting = 1u << 3,
  kNotDone = 1u << 4,
  kConjunction = 1u << 5,
  kRelativePronoun = 1u << 6,
  kComplementizer = 1u << 7,
  kOrganizationNoun = 1u << 8,
  kGovernmentNoun = 1u << 9,
  kNonStateNoun = 1u << 10,
  kTroopNoun = 1u << 11,
  kDefinite = 1u << 12,
  kSubjectPronoun = 1u << 13,
  kPossessive = 1u << 14,
  kHostPreposition = 1u << 15,
  kCoordinator = 1u << 16,
  kAgentPreposition = 1u << 17,
};

// One trigger found in a sentence: tokens [first_token, end_token) and every
// trigger the phrase belongs to (a phrase such as "left" may announce a
// withdrawal or the end of a deployment; the extractors decide by context).
struct TriggerMatch {
  int32_t first_token = 0;
  int32_t end_token = 0;
  std::vector<const Trigger*> triggers;

  // Returns the first trigger of `kind`, or null.
  const Trigger* Find(TriggerKind kind) const;
};

// Immutable after loading; thread-safe to share.
class TriggerLexicon {
 public:
  // Loads and validates the file at `path`. Returns NOT_FOUND when it is
  // missing, INVALID_ARGUMENT naming the file (with line:column for syntax
  // errors, with the trigger's position for bad entries) when it is malformed.
  static absl::StatusOr<std::unique_ptr<TriggerLexicon>> Load(const std::string& path);

  // Parses and validates `text`; `name` only labels errors.
  static absl::StatusOr<std::unique_ptr<TriggerLexicon>> FromText(absl::string_view name,
                                                                  absl::string_view text);

  TriggerLexicon(const TriggerLexicon&) = delete;
  TriggerLexicon& operator=(const TriggerLexicon&) = delete;

  // Returns the triggers among tokens [first, end), left to right, longest
  // phrase first and not overlapping.
  std::vector<TriggerMatch> FindTriggers(const std::vector<Token>& tokens, int first, int end) const;

  // Returns the end token of the longest phrase of word set `set` that starts
  // at token `i` and ends at or before `end`; returns `i` when none does.
  int MatchWords(uint32_t set, const std::vector<Token>& tokens, int i, int end) const;

  // Returns true when the single token `token` is a word of `set`.
  bool IsWord(uint32_t set, const Token& token) const;

  // Returns the action of a membership trigger.
  static v1::MembershipAction ActionOf(const Trigger& trigger);

  const TriggerLexiconFile& data() const { return data_; }

 private:
  struct Entry {
    uint32_t sets = 0;
    std::vector<const Trigger*> triggers;
    bool is_prefix = false;  // the start of a longer phrase
  };
  // Returns the entry of the phrase of tokens [i, i + n) for growing n, one
  // lookup per token; calls `visit(entry, end_token)` for each phrase found.
  template <typename Visit>
  void ScanPhrases(const std::vector<Token>& tokens, int i, int end, Visit visit) const;

  TriggerLexicon() = default;
  absl::Status Build(absl::string_view name);
  void AddPhrase(const std::string& phrase, uint32_t set, const Trigger* trigger);

  // Constant after construction.
  TriggerLexiconFile data_;
  absl::flat_hash_map<std::string, Entry> phrases_;  // phrases and their prefixes
  int max_tokens_ = 1;
};

}  // namespace alliance::ingest::events

#endif  // ALLIANCE_INGEST_EXTRACT_EVENTS_TRIGGER_LEXICON_H_
