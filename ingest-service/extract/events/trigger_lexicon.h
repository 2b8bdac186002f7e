// The trigger lexicon: the phrases and frames that announce events and the
// small word sets that shape clauses, modality and references (data/lexicon/
// triggers.textproto, see triggers.proto). Words only, never events.
//
// Frames are compiled at load time: a frame without objects becomes phrases
// (every inflection of its verbs and nouns, with each particle); a frame with
// objects is matched by FindTriggers around its object head (see Frame in
// triggers.proto). Frame triggers are synthesized Trigger messages the
// lexicon owns, so extractors treat frames and phrases alike.
#ifndef ALLIANCE_INGEST_EXTRACT_EVENTS_TRIGGER_LEXICON_H_
#define ALLIANCE_INGEST_EXTRACT_EVENTS_TRIGGER_LEXICON_H_

#include <cstdint>
#include <deque>
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
  kAuxiliary = 1u << 18,
  kObjectFiller = 1u << 19,
  kRepetition = 1u << 20,
  kSpeechVerb = 1u << 21,
  kContrastive = 1u << 22,
  kTimePreposition = 1u << 23,
  kTenseAdverb = 1u << 24,
  kHostNoun = 1u << 25,
  kAidNoun = 1u << 26,
  kMemberNoun = 1u << 27,
  kUnitNoun = 1u << 28,
};

// One trigger found in a sentence: tokens [first_token, end_token) and every
// trigger the phrase belongs to (a phrase such as "left" may announce a
// withdrawal or the end of a deployment; the extractors decide by context).
struct TriggerMatch {
  int32_t first_token = 0;
  int32_t end_token = 0;
  std::vector<const Trigger*> triggers;
  // Frames only: the object head that selected the frame (-1 for phrases and
  // frames without objects), and whether it came first as the subject of a
  // passive or intransitive verb ("membership was suspended").
  int32_t object_token = -1;
  bool object_first = false;
  // The frame's member_is_possessor.
  bool member_is_possessor = false;
  // member_object frames: the first token of the member's name ("pull
  // Ruritania out of"); -1 otherwise.
  int32_t member_token = -1;

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
  // phrase or frame first (a frame wins a tie) and not overlapping.
  std::vector<TriggerMatch> FindTriggers(const std::vector<Token>& tokens, int first, int end) const;

  // Returns the end token of the longest phrase of word set `set` that starts
  // at token `i` and ends at or before `end`; returns `i` when none does. A
  // one-word clitic of the set ("n't") also matches a word it ends
  // ("didn't", "hasn't"), since the tokenizer keeps the two together.
  int MatchWords(uint32_t set, const std::vector<Token>& tokens, int i, int end) const;

  // Returns true when the single token `token` is a word of `set`.
  bool IsWord(uint32_t set, const Token& token) const;

  // Returns the organization whose description modifiers occur among tokens
  // [first, end) ("moscow - led"), or "" when none does.
  std::string DescribedOrganization(const std::vector<Token>& tokens, int first, int end) const;

  // The organization of the description marked default_focus, or "".
  const std::string& default_organization() const { return default_organization_; }

  // Returns the action of a membership trigger.
  static v1::MembershipAction ActionOf(const Trigger& trigger) { return ActionNamed(trigger.action()); }
  // Returns the action named `name` without its prefix ("SIGNED"), or UNSPECIFIED.
  static v1::MembershipAction ActionNamed(absl::string_view name);

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

  // A frame with objects, ready to match.
  struct CompiledFrame {
    const Trigger* trigger = nullptr;
    std::vector<std::string> particles;              // phrase keys
    absl::flat_hash_set<std::string> objects;        // object head forms (may span words)
    int object_words = 1;                            // longest object head, in words
    absl::flat_hash_set<std::string> modifiers;      // forms of object_modifiers
    absl::flat_hash_set<std::string> participles;    // passive: past participles
    absl::flat_hash_set<std::string> verb_forms;     // subject_objects: every verb form
    bool passive = false;
    bool subject_objects = false;
    bool member_is_possessor = false;
    bool member_object = false;
  };
  // Returns the end of the object head of `frame` starting at token `i`, or -1.
  int MatchObject(const CompiledFrame& frame, const std::vector<Token>& tokens, int i, int end) const;
  // Returns the best frame match starting at token `i`, or one with end_token 0.
  TriggerMatch MatchFrames(const std::vector<Token>& tokens, int i, int end) const;
  // Returns the end of the longest phrase of `keys` at token `i`, or -1.
  static int MatchAny(const std::vector<std::string>& keys, const std::vector<Token>& tokens, int i, int end);

  TriggerLexicon() = default;
  absl::Status Build(absl::string_view name);
  absl::Status CompileFrame(const Frame& frame, const std::string& where);
  void AddPhrase(const std::string& phrase, uint32_t set, const Trigger* trigger);

  // Constant after construction.
  TriggerLexiconFile data_;
  absl::flat_hash_map<std::string, Entry> phrases_;  // phrases and their prefixes
  // One-word forms that are clitics ("n't": they begin with a letter and an
  // apostrophe), which the tokenizer leaves inside their word ("didn't"),
  // with their sets: MatchWords matches them at a word's end.
  std::vector<std::pair<std::string, uint32_t>> clitics_;
  int max_tokens_ = 1;
  std::deque<Trigger> frame_triggers_;                // one per frame, stable addresses
  std::deque<CompiledFrame> frames_;                  // frames with objects
  // Verb form -> frames with objects that it starts ("froze" -> suspend frame).
  absl::flat_hash_map<std::string, std::vector<const CompiledFrame*>> frames_by_verb_;
  // Object head first word -> passive / subject frames it may start.
  absl::flat_hash_map<std::string, std::vector<const CompiledFrame*>> frames_by_object_;
  std::string default_organization_;
  // Description modifiers, as token lists, with their organization.
  std::vector<std::pair<std::vector<std::string>, std::string>> descriptions_;
  // Irregular forms by lemma.
  absl::flat_hash_map<std::string, std::vector<std::string>> irregular_;
};

}  // namespace alliance::ingest::events

#endif  // ALLIANCE_INGEST_EXTRACT_EVENTS_TRIGGER_LEXICON_H_
