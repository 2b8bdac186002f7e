#include "ingest-service/extract/events/trigger_lexicon.h"

#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "ingest-service/extract/lexicon.h"

namespace alliance::ingest::events {
namespace {

// Records the first syntax error with its position.
class FirstErrorCollector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (message_.empty()) message_ = absl::StrCat(line + 1, ":", column + 1, ": ", message);
  }
  const std::string& message() const { return message_; }

 private:
  std::string message_;
};

}  // namespace

const Trigger* TriggerMatch::Find(TriggerKind kind) const {
  for (const Trigger* t : triggers) {
    if (t->kind() == kind) return t;
  }
  return nullptr;
}

absl::StatusOr<std::unique_ptr<TriggerLexicon>> TriggerLexicon::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("trigger lexicon ", path, " cannot be read"));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return FromText(path, buffer.str());
}

absl::StatusOr<std::unique_ptr<TriggerLexicon>> TriggerLexicon::FromText(absl::string_view name,
                                                                         absl::string_view text) {
  std::unique_ptr<TriggerLexicon> lexicon(new TriggerLexicon());
  google::protobuf::TextFormat::Parser parser;
  FirstErrorCollector errors;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(std::string(text), &lexicon->data_)) {
    return absl::InvalidArgumentError(absl::StrCat(name, ":", errors.message()));
  }
  absl::Status status = lexicon->Build(name);
  if (!status.ok()) return status;
  return lexicon;
}

v1::MembershipAction TriggerLexicon::ActionOf(const Trigger& trigger) {
  v1::MembershipAction action = v1::MEMBERSHIP_ACTION_UNSPECIFIED;
  v1::MembershipAction_Parse(absl::StrCat("MEMBERSHIP_ACTION_", trigger.action()), &action);
  return action;
}

void TriggerLexicon::AddPhrase(const std::string& key, uint32_t set, const Trigger* trigger) {
  Entry& entry = phrases_[key];
  entry.sets |= set;
  if (trigger != nullptr) entry.triggers.push_back(trigger);
  int tokens = 1;
  for (size_t i = 0; i < key.size(); ++i) {
    if (key[i] != ' ') continue;
    phrases_[key.substr(0, i)].is_prefix = true;
    ++tokens;
  }
  if (tokens > max_tokens_) max_tokens_ = tokens;
}

absl::Status TriggerLexicon::Build(absl::string_view name) {
  auto invalid = [&](const std::string& what) {
    return absl::InvalidArgumentError(absl::StrCat(name, ": ", what));
  };
  for (int i = 0; i < data_.triggers_size(); ++i) {
    const Trigger& t = data_.triggers(i);
    const std::string where = absl::StrCat("triggers[", i, "]");
    if (t.kind() == TRIGGER_KIND_UNSPECIFIED) return invalid(where + " has no kind");
    if (t.kind() == TRIGGER_KIND_MEMBERSHIP) {
      if (ActionOf(t) == v1::MEMBERSHIP_ACTION_UNSPECIFIED) {
        return invalid(absl::StrCat(where, " has unknown membership action \"", t.action(), "\""));
      }
    } else if (!t.action().empty()) {
      return invalid(where + " sets an action but is not a membership trigger");
    }
    if (t.phrases_size() == 0) return invalid(where + " has no phrases");
    if (t.confidence() <= 0 || t.confidence() > 1) {
      return invalid(where + " needs a confidence in (0, 1]");
    }
    for (const std::string& phrase : t.phrases()) {
      const std::string key = Lexicon::PhraseKey(phrase);
      if (key.empty()) return invalid(absl::StrCat(where, " has an empty phrase"));
      AddPhrase(key, 0, &t);
    }
  }
  const std::pair<const google::protobuf::RepeatedPtrField<std::string>*, uint32_t> sets[] = {
      {&data_.modality().negations(), kNegation},
      {&data_.modality().hypotheticals(), kHypothetical},
      {&data_.modality().proposals(), kProposal},
      {&data_.modality().reporting(), kReporting},
      {&data_.modality().not_done(), kNotDone},
      {&data_.clauses().conjunctions(), kConjunction},
      {&data_.clauses().relative_pronouns(), kRelativePronoun},
      {&data_.clauses().complementizers(), kComplementizer},
      {&data_.references().organization_nouns(), kOrganizationNoun},
      {&data_.references().government_nouns(), kGovernmentNoun},
      {&data_.references().non_state_nouns(), kNonStateNoun},
      {&data_.references().troop_nouns(), kTroopNoun},
      {&data_.references().definite_determiners(), kDefinite},
      {&data_.references().subject_pronouns(), kSubjectPronoun},
      {&data_.references().possessives(), kPossessive},
      {&data_.references().host_prepositions(), kHostPreposition},
      {&data_.references().coordinators(), kCoordinator},
      {&data_.references().agent_prepositions(), kAgentPreposition},
  };
  for (const auto& [words, set] : sets) {
    for (const std::string& word : *words) {
      const std::string key = Lexicon::PhraseKey(word);
      if (key.empty()) return invalid(absl::StrCat("empty word in a word list (flag ", set, ")"));
      AddPhrase(key, set, nullptr);
    }
  }
  if (data_.references().organization_nouns_size() == 0) {
    return invalid("references.organization_nouns is empty");
  }
  return absl::OkStatus();
}

template <typename Visit>
void TriggerLexicon::ScanPhrases(const std::vector<Token>& tokens, int i, int end, Visit visit) const {
  if (i >= end) return;
  // The first token is looked up without copying; most tokens stop there.
  auto it = phrases_.find(tokens[static_cast<size_t>(i)].lower);
  if (it == phrases_.end()) return;
  visit(it->second, i + 1);
  if (!it->second.is_prefix) return;
  std::string key = tokens[static_cast<size_t>(i)].lower;
  for (int n = 1; n < max_tokens_ && i + n < end; ++n) {
    key.push_back(' ');
    key += tokens[static_cast<size_t>(i + n)].lower;
    it = phrases_.find(key);
    if (it == phrases_.end()) return;
    visit(it->second, i + n + 1);
    if (!it->second.is_prefix) return;
  }
}

std::vector<TriggerMatch> TriggerLexicon::FindTriggers(const std::vector<Token>& tokens, int first,
                                                       int end) const {
  std::vector<TriggerMatch> out;
  for (int i = first; i < end;) {
    const Entry* best = nullptr;
    int best_end = i;
    ScanPhrases(tokens, i, end, [&](const Entry& entry, int phrase_end) {
      if (entry.triggers.empty()) return;
      best = &entry;
      best_end = phrase_end;
    });
    if (best == nullptr) {
      ++i;
      continue;
    }
    out.push_back(TriggerMatch{i, best_end, best->triggers});
    i = best_end;
  }
  return out;
}

int TriggerLexicon::MatchWords(uint32_t set, const std::vector<Token>& tokens, int i, int end) const {
  int best = i;
  ScanPhrases(tokens, i, end, [&](const Entry& entry, int phrase_end) {
    if ((entry.sets & set) != 0) best = phrase_end;
  });
  return best;
}

bool TriggerLexicon::IsWord(uint32_t set, const Token& token) const {
  auto it = phrases_.find(token.lower);
  return it != phrases_.end() && (it->second.sets & set) != 0;
}

}  // namespace alliance::ingest::events
