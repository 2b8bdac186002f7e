#include "ingest-service/extract/events/trigger_lexicon.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "ingest-service/extract/events/inflection.h"
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

// Object heads further than this after their verb (or verbs after their
// object head) do not count.
constexpr int kMaxObjectGap = 5;

// True when `word` ends like a past participle ("offered", "taken").
bool LooksLikeParticiple(const std::string& word) {
  return word.size() > 3 && (absl::EndsWith(word, "ed") || absl::EndsWith(word, "en"));
}
constexpr int kMaxObjectFirstGap = 10;
// Unknown lower-case words allowed between a verb and its object ("signed a
// new protocol").
constexpr int kMaxUnknownFillers = 1;
// How close an object modifier follows its object head ("protocol extending").
constexpr int kMaxModifierGap = 3;

bool IsPunctuation(const Token& t) { return t.shape == Token::Shape::kPunctuation; }

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

v1::MembershipAction TriggerLexicon::ActionNamed(absl::string_view name) {
  v1::MembershipAction action = v1::MEMBERSHIP_ACTION_UNSPECIFIED;
  v1::MembershipAction_Parse(absl::StrCat("MEMBERSHIP_ACTION_", name), &action);
  return action;
}

void TriggerLexicon::AddPhrase(const std::string& key, uint32_t set, const Trigger* trigger) {
  if (trigger == nullptr && key.size() >= 3 && key.size() <= 4 && key[1] == '\'' && key.find(' ') == std::string::npos) {
    clitics_.emplace_back(key, set);
  }
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
  for (const IrregularVerb& verb : data_.irregular_verbs()) {
    std::vector<std::string>& forms = irregular_[Lexicon::PhraseKey(verb.lemma())];
    for (const std::string& form : verb.forms()) forms.push_back(Lexicon::PhraseKey(form));
  }
  for (const OrganizationDescription& d : data_.descriptions()) {
    if (d.organization().empty()) return invalid("a description has no organization");
    if (d.default_focus()) {
      if (!default_organization_.empty()) return invalid("more than one description is the default focus");
      default_organization_ = d.organization();
    }
    for (const std::string& modifier : d.modifiers()) {
      std::vector<std::string> words = absl::StrSplit(Lexicon::PhraseKey(modifier), ' ', absl::SkipEmpty());
      if (words.empty()) return invalid(absl::StrCat("an empty description modifier of ", d.organization()));
      descriptions_.emplace_back(std::move(words), d.organization());
    }
  }
  for (const std::string& verb : data_.speech_verbs()) {
    const std::string lemma = Lexicon::PhraseKey(verb);
    if (lemma.empty()) return invalid("an empty speech verb");
    auto it = irregular_.find(lemma);
    for (const std::string& form : VerbForms(lemma, it == irregular_.end() ? std::vector<std::string>{} : it->second)) {
      AddPhrase(Lexicon::PhraseKey(form), kSpeechVerb, nullptr);
    }
  }
  for (int i = 0; i < data_.frames_size(); ++i) {
    absl::Status status = CompileFrame(data_.frames(i), absl::StrCat(name, ": frames[", i, "]"));
    if (!status.ok()) return status;
  }
  const std::pair<const google::protobuf::RepeatedPtrField<std::string>*, uint32_t> sets[] = {
      {&data_.auxiliaries(), kAuxiliary},
      {&data_.object_fillers(), kObjectFiller},
      {&data_.repetitions(), kRepetition},
      {&data_.references().contrastive_modifiers(), kContrastive},
      {&data_.references().time_prepositions(), kTimePreposition},
      {&data_.tense_adverbs(), kTenseAdverb},
      {&data_.references().host_nouns(), kHostNoun},
      {&data_.references().aid_nouns(), kAidNoun},
      {&data_.references().member_nouns(), kMemberNoun},
      {&data_.references().unit_nouns(), kUnitNoun},
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
      // Nouns in both numbers: "contingent", "contingents".
      if (set == kTroopNoun || set == kOrganizationNoun || set == kUnitNoun) {
        for (const std::string& form : NounForms(key)) AddPhrase(form, set, nullptr);
      }
    }
  }
  if (data_.references().organization_nouns_size() == 0) {
    return invalid("references.organization_nouns is empty");
  }
  return absl::OkStatus();
}

absl::Status TriggerLexicon::CompileFrame(const Frame& frame, const std::string& where) {
  auto invalid = [&](const std::string& what) { return absl::InvalidArgumentError(absl::StrCat(where, " ", what)); };
  Trigger& trigger = frame_triggers_.emplace_back();
  trigger.set_kind(frame.kind());
  trigger.set_action(frame.action());
  trigger.set_confidence(frame.confidence());
  trigger.set_implicit_organization(frame.implicit_organization());
  trigger.set_proposal_is_event(frame.proposal_is_event());
  trigger.set_nominal(frame.verbs_size() == 0);
  trigger.set_range_end_action(frame.range_end_action());
  trigger.set_needs_range(frame.needs_range());
  trigger.set_needs_troops(frame.needs_troops());
  if (!frame.range_end_action().empty() && ActionNamed(frame.range_end_action()) == v1::MEMBERSHIP_ACTION_UNSPECIFIED) {
    return invalid(absl::StrCat("has unknown range end action \"", frame.range_end_action(), "\""));
  }
  if (frame.kind() == TRIGGER_KIND_UNSPECIFIED) return invalid("has no kind");
  if (frame.kind() == TRIGGER_KIND_MEMBERSHIP && ActionOf(trigger) == v1::MEMBERSHIP_ACTION_UNSPECIFIED) {
    return invalid(absl::StrCat("has unknown membership action \"", frame.action(), "\""));
  }
  if (frame.kind() != TRIGGER_KIND_MEMBERSHIP && !frame.action().empty()) {
    return invalid("sets an action but is not a membership frame");
  }
  if (frame.confidence() <= 0 || frame.confidence() > 1) return invalid("needs a confidence in (0, 1]");
  if (frame.verbs_size() == 0 && frame.nouns_size() == 0) return invalid("has no verbs or nouns");
  if ((frame.passive() || frame.subject_objects()) && frame.objects_size() == 0) {
    return invalid("is passive or takes its object as subject but has no objects");
  }
  std::vector<std::string> particles;
  for (const std::string& p : frame.particles()) particles.push_back(Lexicon::PhraseKey(p));
  auto irregular = [&](const std::string& lemma) {
    auto it = irregular_.find(lemma);
    return it == irregular_.end() ? std::vector<std::string>{} : it->second;
  };
  std::vector<std::string> verb_forms;
  std::vector<std::string> participles;
  for (const std::string& verb : frame.verbs()) {
    const std::string lemma = Lexicon::PhraseKey(verb);
    if (lemma.empty()) return invalid("has an empty verb");
    for (std::string& form : VerbForms(lemma, irregular(lemma))) verb_forms.push_back(Lexicon::PhraseKey(form));
    for (std::string& form : ParticipleForms(lemma, irregular(lemma))) participles.push_back(Lexicon::PhraseKey(form));
  }
  std::vector<std::string> noun_forms;
  for (const std::string& noun : frame.nouns()) {
    const std::string lemma = Lexicon::PhraseKey(noun);
    if (lemma.empty()) return invalid("has an empty noun");
    // The particles follow each noun already: "return" with particle "to",
    // not "return to" (which would need "return to to").
    for (const std::string& particle : particles) {
      if (absl::EndsWith(lemma, absl::StrCat(" ", particle))) {
        return invalid(absl::StrCat("has noun \"", noun, "\" ending in its particle \"", particle, "\""));
      }
    }
    for (std::string& form : NounForms(lemma)) noun_forms.push_back(Lexicon::PhraseKey(form));
  }
  if (frame.objects_size() == 0 && !frame.member_object()) {
    // Plain phrases: every form, with each particle (or alone when none is
    // needed). Nouns get a nominal copy of the trigger.
    const Trigger* noun_trigger = &trigger;
    if (!trigger.nominal() && !noun_forms.empty()) {
      Trigger& copy = frame_triggers_.emplace_back(trigger);
      copy.set_nominal(true);
      noun_trigger = &copy;
    }
    for (const auto& [forms, owner] : {std::make_pair(&verb_forms, static_cast<const Trigger*>(&trigger)),
                                       std::make_pair(&noun_forms, noun_trigger)}) {
      for (const std::string& form : *forms) {
        if (particles.empty()) AddPhrase(form, 0, owner);
        for (const std::string& particle : particles) AddPhrase(absl::StrCat(form, " ", particle), 0, owner);
      }
    }
    return absl::OkStatus();
  }
  for (const auto* forms : {&verb_forms, &noun_forms}) {
    for (const std::string& form : *forms) {
      if (form.find(' ') != std::string::npos) return invalid("with objects needs one-word verbs and nouns");
    }
  }
  CompiledFrame& compiled = frames_.emplace_back();
  compiled.trigger = &trigger;
  compiled.particles = particles;
  compiled.passive = frame.passive();
  compiled.subject_objects = frame.subject_objects();
  compiled.member_is_possessor = frame.member_is_possessor();
  compiled.member_object = frame.member_object();
  if (compiled.member_object && (particles.empty() || frame.objects_size() != 0)) {
    return invalid("with member_object needs particles and no objects");
  }
  for (const std::string& object : frame.objects()) {
    for (std::string& form : NounForms(Lexicon::PhraseKey(object))) {
      compiled.object_words = std::max<int>(compiled.object_words, 1 + std::count(form.begin(), form.end(), ' '));
      compiled.objects.insert(std::move(form));
    }
  }
  for (const std::string& modifier : frame.object_modifiers()) {
    const std::string lemma = Lexicon::PhraseKey(modifier);
    for (std::string& form : VerbForms(lemma, irregular(lemma))) compiled.modifiers.insert(std::move(form));
  }
  if (compiled.passive) compiled.participles.insert(participles.begin(), participles.end());
  if (compiled.subject_objects) compiled.verb_forms.insert(verb_forms.begin(), verb_forms.end());
  for (const auto* forms : {&verb_forms, &noun_forms}) {
    for (const std::string& form : *forms) {
      // Multi-word verbs ("pull out") are keyed by their first word and checked whole.
      std::vector<const CompiledFrame*>& list = frames_by_verb_[form];
      if (std::find(list.begin(), list.end(), &compiled) == list.end()) list.push_back(&compiled);
    }
  }
  if (compiled.passive || compiled.subject_objects) {
    for (const std::string& object : compiled.objects) {
      const std::string first_word = object.substr(0, object.find(' '));
      std::vector<const CompiledFrame*>& list = frames_by_object_[first_word];
      if (std::find(list.begin(), list.end(), &compiled) == list.end()) list.push_back(&compiled);
    }
  }
  return absl::OkStatus();
}

int TriggerLexicon::MatchAny(const std::vector<std::string>& keys, const std::vector<Token>& tokens, int i,
                             int end) {
  int best = -1;
  for (const std::string& key : keys) {
    int t = i;
    size_t pos = 0;
    bool ok = true;
    while (ok && pos <= key.size()) {
      const size_t space = key.find(' ', pos);
      const size_t stop = space == std::string::npos ? key.size() : space;
      ok = t < end && tokens[static_cast<size_t>(t)].lower == absl::string_view(key).substr(pos, stop - pos);
      ++t;
      pos = stop + 1;
    }
    if (ok && t > best) best = t;
  }
  return best;
}

int TriggerLexicon::MatchObject(const CompiledFrame& frame, const std::vector<Token>& tokens, int i, int end) const {
  std::string key;
  int best = -1;
  for (int n = 0; n < frame.object_words && i + n < end; ++n) {
    if (n > 0) key.push_back(' ');
    key += tokens[static_cast<size_t>(i + n)].lower;
    if (frame.objects.contains(key)) best = i + n + 1;
  }
  return best;
}

TriggerMatch TriggerLexicon::MatchFrames(const std::vector<Token>& tokens, int i, int end) const {
  TriggerMatch best;
  auto offer = [&](const CompiledFrame* frame, int first, int stop, int object, bool object_first) {
    if (stop - first <= best.end_token - best.first_token) return;
    best = TriggerMatch{first, stop, {frame->trigger}, object, object_first, frame->member_is_possessor};
    if (frame->member_object) {
      best.member_token = object;
      best.object_token = -1;
    }
  };
  const Token& at = tokens[static_cast<size_t>(i)];
  // Verb (or noun) first: "froze its participation", "signed a protocol extending".
  if (auto it = frames_by_verb_.find(at.lower); it != frames_by_verb_.end()) {
    for (const CompiledFrame* frame : it->second) {
      if (frame->member_object) {
        // "pull Ruritania out of": a name, then the particle.
        constexpr int kMaxNameTokens = 4;
        if (i + 1 >= end || !tokens[static_cast<size_t>(i + 1)].capitalized) continue;
        for (int k = i + 2; k < end && k <= i + 1 + kMaxNameTokens; ++k) {
          const int stop = MatchAny(frame->particles, tokens, k, end);
          if (stop > 0) {
            offer(frame, i, stop, i + 1, false);
            break;
          }
          if (!tokens[static_cast<size_t>(k)].capitalized) break;
        }
        continue;
      }
      int j = i + 1;
      if (!frame->particles.empty()) {
        j = MatchAny(frame->particles, tokens, j, end);
        if (j < 0) continue;
      }
      int unknown = 0;
      for (int k = j; k < end && k <= j + kMaxObjectGap; ++k) {
        const Token& t = tokens[static_cast<size_t>(k)];
        const int object_end = MatchObject(*frame, tokens, k, end);
        if (object_end > 0) {
          if (frame->modifiers.empty()) {
            offer(frame, i, object_end, k, false);
          } else {
            // Names and their articles do not count towards the gap ("its
            // membership of the Collective Security Treaty lapse").
            int plain_words = 0;
            for (int m = object_end; m < end && plain_words < kMaxModifierGap; ++m) {
              const Token& mod = tokens[static_cast<size_t>(m)];
              if (frame->modifiers.contains(mod.lower)) {
                offer(frame, i, m + 1, k, false);
                break;
              }
              if (IsPunctuation(mod)) break;
              if (!mod.capitalized && mod.lower != "the" && mod.lower != "of") ++plain_words;
            }
          }
          break;
        }
        if (IsPunctuation(t) && t.lower != "'s" && t.lower != "'" && t.lower != "-") break;
        const bool filler = IsWord(kObjectFiller, t) || t.capitalized || t.shape == Token::Shape::kNumber ||
                            IsPunctuation(t);
        // "has offered troops": a frame verb that is an auxiliary ("have",
        // "be") followed by a participle is no verb of its own.
        if (!filler && k == j && IsWord(kAuxiliary, at) && LooksLikeParticiple(t.lower)) break;
        if (!filler && ++unknown > kMaxUnknownFillers) break;
      }
    }
  }
  // Object first: "participation is frozen", "membership was formally suspended",
  // "the observer seat ... lapsed".
  if (auto it = frames_by_object_.find(at.lower); it != frames_by_object_.end()) {
    for (const CompiledFrame* frame : it->second) {
      const int object_end = MatchObject(*frame, tokens, i, end);
      if (object_end < 0) continue;
      bool auxiliary = false;
      bool modified = frame->modifiers.empty();  // "the protocol extending ... was signed"
      for (int k = object_end; k < end && k <= object_end + kMaxObjectFirstGap; ++k) {
        const Token& t = tokens[static_cast<size_t>(k)];
        if (IsPunctuation(t)) break;
        if (!modified) {
          modified = k < object_end + kMaxModifierGap && frame->modifiers.contains(t.lower);
          continue;
        }
        if ((frame->passive && auxiliary && frame->participles.contains(t.lower)) ||
            (frame->subject_objects && frame->verb_forms.contains(t.lower))) {
          int stop = k + 1;
          if (!frame->particles.empty()) {
            // "peacekeepers are now in": a particle after at most two adverbs.
            stop = -1;
            for (int p = k + 1; p < end && p <= k + 3 && stop < 0; ++p) stop = MatchAny(frame->particles, tokens, p, end);
            if (stop < 0) break;
          }
          offer(frame, i, stop, i, true);
          break;
        }
        if (IsWord(kAuxiliary, t)) auxiliary = true;
      }
    }
  }
  return best;
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
    TriggerMatch frame = (frames_by_verb_.empty() && frames_by_object_.empty())
                             ? TriggerMatch{}
                             : MatchFrames(tokens, i, end);
    if (frame.end_token > i && frame.end_token >= best_end) {
      // "return to" is a verb frame and a noun: the noun's triggers come
      // second, for a caller that finds the words used as a noun.
      if (best != nullptr && best_end == frame.end_token) {
        frame.triggers.insert(frame.triggers.end(), best->triggers.begin(), best->triggers.end());
      }
      i = frame.end_token;
      out.push_back(std::move(frame));
      continue;
    }
    if (best == nullptr) {
      ++i;
      continue;
    }
    out.push_back(TriggerMatch{i, best_end, best->triggers});
    i = best_end;
  }
  return out;
}

std::string TriggerLexicon::DescribedOrganization(const std::vector<Token>& tokens, int first, int end) const {
  for (const auto& [words, organization] : descriptions_) {
    const int n = static_cast<int>(words.size());
    for (int i = first; i + n <= end; ++i) {
      bool match = true;
      for (int k = 0; k < n && match; ++k) match = tokens[static_cast<size_t>(i + k)].lower == words[static_cast<size_t>(k)];
      if (match) return organization;
    }
  }
  return "";
}

int TriggerLexicon::MatchWords(uint32_t set, const std::vector<Token>& tokens, int i, int end) const {
  int best = i;
  ScanPhrases(tokens, i, end, [&](const Entry& entry, int phrase_end) {
    if ((entry.sets & set) != 0) best = phrase_end;
  });
  if (best == i && i < end) {
    // "didn't", "hasn't": a clitic at the end of a longer word.
    const std::string& word = tokens[static_cast<size_t>(i)].lower;
    for (const auto& [clitic, sets] : clitics_) {
      if ((sets & set) != 0 && word.size() > clitic.size() && absl::EndsWith(word, clitic)) return i + 1;
    }
  }
  return best;
}

bool TriggerLexicon::IsWord(uint32_t set, const Token& token) const {
  auto it = phrases_.find(token.lower);
  return it != phrases_.end() && (it->second.sets & set) != 0;
}

}  // namespace alliance::ingest::events
