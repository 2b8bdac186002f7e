#include "ingest-service/extract/events/sentence_structure.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "common/partial_date.h"

namespace alliance::ingest::events {
namespace {

// Subjects further than this from their trigger are not taken.
constexpr int kMaxSubjectGap = 10;
// "in the country" this far after a trigger names its host.
constexpr int kMaxHostNounGap = 8;
// "by" further than this after a trigger does not introduce its agents.
constexpr int kMaxAgentGap = 25;

bool IsPunct(const Token& t, char c) { return t.lower.size() == 1 && t.lower[0] == c; }

}  // namespace

std::string FocusOrganization(const AnnotatedDocument& doc, const std::string& preferred) {
  absl::flat_hash_map<std::string, std::pair<int, int>> counts;  // code -> (count, -first)
  int order = 0;
  for (const Mention& m : doc.mentions) {
    if (m.kind != MentionKind::kOrganization) continue;
    auto [it, inserted] = counts.try_emplace(m.code, 0, -order);
    ++it->second.first;
    ++order;
  }
  std::string best;
  std::pair<int, int> best_key{0, 0};
  for (const auto& [code, key] : counts) {
    if (best.empty() || key > best_key || (key == best_key && code < best)) {
      best = code;
      best_key = key;
    }
  }
  // A text that names several organizations as often as each other is, for
  // this ledger, about its own one among them.
  if (auto it = counts.find(preferred); it != counts.end() && it->second.first == best_key.first) return preferred;
  return best;
}

std::string ActorCode(const Mention& m) {
  if (m.kind == MentionKind::kCountry) return m.code;
  if (m.kind == MentionKind::kPerson) return m.person_country;
  return "";
}

SentenceStructure::SentenceStructure(const AnnotatedDocument& doc, int sentence_index,
                                     const TriggerLexicon& words, std::string focus_organization)
    : doc_(doc),
      sentence_(doc.sentences[static_cast<size_t>(sentence_index)]),
      words_(words),
      focus_organization_(std::move(focus_organization)) {
  const size_t n = static_cast<size_t>(sentence_.end_token - sentence_.first_token);
  mention_at_.assign(n, nullptr);
  auto it = std::lower_bound(doc.mentions.begin(), doc.mentions.end(), sentence_.begin,
                             [](const Mention& m, int32_t begin) { return m.begin < begin; });
  for (; it != doc.mentions.end() && it->begin < sentence_.end; ++it) {
    if (it->sentence != sentence_.index) continue;
    mentions_.push_back(&*it);
    for (int t = it->first_token; t < it->end_token; ++t) {
      const int k = t - sentence_.first_token;
      if (k >= 0 && static_cast<size_t>(k) < n && mention_at_[static_cast<size_t>(k)] == nullptr) {
        mention_at_[static_cast<size_t>(k)] = &*it;
      }
    }
  }
  SplitClauses();
}

const Mention* SentenceStructure::MentionAt(int token) const {
  const int k = token - sentence_.first_token;
  if (k < 0 || k >= static_cast<int>(mention_at_.size())) return nullptr;
  return mention_at_[static_cast<size_t>(k)];
}

bool SentenceStructure::IsSpacedDash(int token) const {
  const Token& t = doc_.tokens[static_cast<size_t>(token)];
  if (!IsPunct(t, '-')) return false;
  const std::string& text = doc_.text;
  return t.begin > 0 && text[static_cast<size_t>(t.begin - 1)] == ' ' &&
         static_cast<size_t>(t.end) < text.size() && text[static_cast<size_t>(t.end)] == ' ';
}

void SentenceStructure::SplitClauses() {
  const int first = sentence_.first_token;
  const int end = sentence_.end_token;
  clause_of_.assign(static_cast<size_t>(end - first), 0);
  clauses_.push_back(Clause{ClauseKind::kMain, first, end, -1});
  std::vector<int> stack = {0};
  auto open = [&](ClauseKind kind, int at, int antecedent) {
    clauses_.push_back(Clause{kind, at, at, antecedent});
    stack.push_back(static_cast<int>(clauses_.size()) - 1);
  };
  auto pop_relatives = [&] {
    while (stack.size() > 1 && clauses_[static_cast<size_t>(stack.back())].kind == ClauseKind::kRelative) {
      stack.pop_back();
    }
  };
  auto in_parenthesis = [&] {
    for (int c : stack) {
      if (clauses_[static_cast<size_t>(c)].kind == ClauseKind::kParenthetical) return true;
    }
    return false;
  };
  auto new_coordinate = [&](int at) {
    pop_relatives();
    if (in_parenthesis()) return;
    stack.clear();
    clauses_.push_back(Clause{ClauseKind::kCoordinate, at, at, -1});
    stack.push_back(static_cast<int>(clauses_.size()) - 1);
  };
  for (int i = first; i < end; ++i) {
    const Token& t = doc_.tokens[static_cast<size_t>(i)];
    const bool punct = t.shape == Token::Shape::kPunctuation;
    if (punct && (IsPunct(t, '(') || IsPunct(t, '['))) {
      open(ClauseKind::kParenthetical, i, -1);
    } else if (punct && (IsPunct(t, ';') || IsPunct(t, ':') || IsSpacedDash(i))) {
      clause_of_[static_cast<size_t>(i - first)] = stack.back();
      new_coordinate(i + 1);
      continue;
    } else if (punct && IsPunct(t, ',') && i + 1 < end) {
      const Token& next = doc_.tokens[static_cast<size_t>(i + 1)];
      if (words_.IsWord(kRelativePronoun, next)) {
        pop_relatives();
        clause_of_[static_cast<size_t>(i - first)] = stack.back();
        open(ClauseKind::kRelative, i + 1, i - 1);
        continue;
      }
      if (words_.IsWord(kConjunction, next)) {
        // ", and Sylvania" continues a list; ", and three of ..." and ", and
        // last year it ..." start a clause.
        const Mention* listed = i + 2 < end ? MentionAt(i + 2) : nullptr;
        const bool list_goes_on = next.lower == "and" && listed != nullptr && listed->first_token == i + 2 &&
                                  listed->kind != MentionKind::kDate;
        if (!list_goes_on) {
          clause_of_[static_cast<size_t>(i - first)] = stack.back();
          new_coordinate(i + 1);
          continue;
        }
      }
      if (clauses_[static_cast<size_t>(stack.back())].kind == ClauseKind::kRelative) {
        clause_of_[static_cast<size_t>(i - first)] = stack.back();
        stack.pop_back();
        continue;
      }
    }
    const int c = stack.back();
    clause_of_[static_cast<size_t>(i - first)] = c;
    Clause& clause = clauses_[static_cast<size_t>(c)];
    if (clause.end_token <= i) clause.end_token = i + 1;
    if (punct && (IsPunct(t, ')') || IsPunct(t, ']')) && stack.size() > 1 &&
        clauses_[static_cast<size_t>(c)].kind == ClauseKind::kParenthetical) {
      stack.pop_back();
    }
  }
  for (Clause& c : clauses_) {
    if (c.end_token < c.first_token) c.end_token = c.first_token;
  }
}

bool SentenceStructure::IsActingCountry(const Mention& m) const {
  if (m.kind != MentionKind::kCountry || m.country_form == CountryForm::kPlace) return false;
  const int next = m.end_token;
  if (next < sentence_.end_token) {
    const Token& t = doc_.tokens[static_cast<size_t>(next)];
    // "Bordurian-led", "Borduria-Ukraine": a modifier, not an actor ("Sylvania --
    // signed" is a dash: a letter must follow the hyphen).
    const size_t after = static_cast<size_t>(t.end);
    const bool word_follows = after < doc_.text.size() && std::isalpha(static_cast<unsigned char>(doc_.text[after]));
    if (IsPunct(t, '-') && doc_.text[static_cast<size_t>(t.begin)] == '-' && !IsSpacedDash(next) && word_follows) {
      return false;
    }
    // "U.S. troops", "Bordurian forces": the soldiers, not the state.
    if (words_.IsWord(kTroopNoun, t)) return false;
  }
  if (m.country_form == CountryForm::kDemonym) {
    if (next >= sentence_.end_token) return false;
    const Token& t = doc_.tokens[static_cast<size_t>(next)];
    const Mention* following = MentionAt(next);
    const bool person_follows = following != nullptr && following->kind == MentionKind::kPerson;
    if (!words_.IsWord(kGovernmentNoun, t) && !person_follows) return false;
  }
  // "the summit in Capital City", "signed in Old City": a capital after a preposition
  // of place is the venue, not the government.
  if (m.country_form == CountryForm::kCapital && m.first_token > sentence_.first_token) {
    const std::string& before = doc_.tokens[static_cast<size_t>(m.first_token - 1)].lower;
    if (before == "in" || before == "at" || before == "near") return false;
  }
  // "citizens of Ruritania": the country is not the actor.
  if (m.first_token - 2 >= sentence_.first_token) {
    const Token& of = doc_.tokens[static_cast<size_t>(m.first_token - 1)];
    if (of.lower == "of" && words_.IsWord(kNonStateNoun, doc_.tokens[static_cast<size_t>(m.first_token - 2)])) {
      return false;
    }
  }
  return true;
}

bool SentenceStructure::IsActor(const Mention& m, bool allow_people) const {
  if (m.kind == MentionKind::kPerson) return allow_people && !m.person_country.empty();
  return IsActingCountry(m);
}

bool SentenceStructure::InParenthesis(int token) const {
  return clauses_[static_cast<size_t>(ClauseOf(token))].kind == ClauseKind::kParenthetical;
}

bool SentenceStructure::Coordinated(const Mention& before, const Mention& after) const {
  if (before.end_token > after.first_token) return false;
  // "Freedonia (2031–38) and Azerbaijan": a parenthesis after a name is its own.
  bool coordinator = false;
  for (int t = before.end_token; t < after.first_token; ++t) {
    if (InParenthesis(t)) continue;
    if (!words_.IsWord(kCoordinator, doc_.tokens[static_cast<size_t>(t)])) return false;
    coordinator = true;
  }
  return coordinator;
}

std::vector<const Mention*> SentenceStructure::ListEndingAt(const Mention* last) const {
  std::vector<const Mention*> list = {last};
  auto it = std::find(mentions_.begin(), mentions_.end(), last);
  const Mention* cur = last;
  while (it != mentions_.begin()) {
    const Mention* prev = *(it - 1);
    --it;
    if (InParenthesis(prev->first_token) && !InParenthesis(cur->first_token)) continue;
    if (prev->kind != MentionKind::kCountry || !Coordinated(*prev, *cur) || !IsActingCountry(*prev)) break;
    list.insert(list.begin(), prev);
    cur = prev;
  }
  return list;
}

std::vector<const Mention*> SentenceStructure::ListStartingAt(const Mention* first) const {
  std::vector<const Mention*> list = {first};
  auto it = std::find(mentions_.begin(), mentions_.end(), first);
  const Mention* cur = first;
  while (it != mentions_.end() && it + 1 != mentions_.end()) {
    const Mention* next = *(it + 1);
    ++it;
    if (InParenthesis(next->first_token) && !InParenthesis(cur->first_token)) continue;
    if (next->kind != MentionKind::kCountry || !Coordinated(*cur, *next) || !IsActingCountry(*next)) break;
    list.push_back(next);
    cur = next;
  }
  return list;
}

const Mention* SentenceStructure::PossessorOf(int token) const {
  // "Ruritania's [CSTO] membership".
  int i = token - 1;
  const Mention* org = MentionAt(i);
  if (org != nullptr && org->kind == MentionKind::kOrganization) i = org->first_token - 1;
  if (i > sentence_.first_token && doc_.tokens[static_cast<size_t>(i)].lower == "'s") {
    const Mention* m = MentionAt(i - 1);
    if (m != nullptr && m->kind == MentionKind::kCountry && m->country_form != CountryForm::kDemonym) return m;
  }
  // "the membership of Ruritania".
  if (token + 2 < sentence_.end_token && doc_.tokens[static_cast<size_t>(token + 1)].lower == "of") {
    const Mention* m = MentionAt(token + 2);
    if (m != nullptr && m->kind == MentionKind::kCountry && m->first_token == token + 2 &&
        m->country_form != CountryForm::kDemonym) {
      return m;
    }
  }
  return nullptr;
}

std::vector<const Mention*> SentenceStructure::RepeatedDates(const Mention* own, int next) const {
  std::vector<const Mention*> out;
  if (own == nullptr) return out;
  const int stop = next >= 0 ? next : sentence_.end_token;
  const Mention* previous = own;
  for (const Mention* d : mentions_) {
    if (d->first_token < previous->end_token || d->first_token >= stop) continue;
    if (d->kind != MentionKind::kDate) {
      if (d->kind == MentionKind::kCountry || d->kind == MentionKind::kOrganization) break;
      continue;
    }
    if (d->date.year() == 0) continue;
    // The end of the previous range ("1992–1999") is part of it.
    if (d->date_role == DateRole::kRangeEnd) {
      previous = d;
      continue;
    }
    // Only a coordinator, repetition adverbs and prepositions between: ", and again in 2012".
    bool coordinated = false;
    bool plain = true;
    for (int t = previous->end_token; t < d->first_token && plain; ++t) {
      const Token& w = doc_.tokens[static_cast<size_t>(t)];
      if (words_.IsWord(kCoordinator, w)) {
        coordinated = true;
      } else {
        plain = words_.IsWord(kRepetition, w) || (w.shape == Token::Shape::kWord && !w.capitalized && w.lower.size() <= 3 &&
                                                 !words_.IsWord(kAuxiliary, w));
      }
    }
    const bool boundary = d->end_token >= sentence_.end_token ||
                          doc_.tokens[static_cast<size_t>(d->end_token)].shape == Token::Shape::kPunctuation ||
                          words_.IsWord(kCoordinator, doc_.tokens[static_cast<size_t>(d->end_token)]);
    if (!coordinated || !plain || !boundary) break;
    out.push_back(d);
    previous = d;
  }
  return out;
}

SentenceStructure::Tense SentenceStructure::TenseAt(int first) const {
  const Token& verb = doc_.tokens[static_cast<size_t>(first)];
  if (verb.shape != Token::Shape::kWord) return Tense::kOther;
  // "Ruritania's pleas", "the appeals": a noun has no tense.
  if (first > sentence_.first_token) {
    const Token& before = doc_.tokens[static_cast<size_t>(first - 1)];
    if (before.lower == "'s" || words_.IsWord(kDefinite, before) || words_.IsWord(kPossessive, before)) {
      return Tense::kOther;
    }
  }
  // The auxiliary before it, skipping adverbs and negation ("has formally
  // left", "has not yet asked").
  int i = first - 1;
  while (i >= sentence_.first_token) {
    const Token& t = doc_.tokens[static_cast<size_t>(i)];
    if (!absl::EndsWith(t.lower, "ly") && !words_.IsWord(kNegation, t) && !words_.IsWord(kTenseAdverb, t)) break;
    --i;
  }
  const std::string aux = i >= sentence_.first_token ? doc_.tokens[static_cast<size_t>(i)].lower : "";
  if (aux == "has" || aux == "have") return Tense::kPerfect;
  if ((aux == "is" || aux == "are") && absl::EndsWith(verb.lower, "ing")) return Tense::kPresent;
  if (aux == "is" || aux == "are" || aux == "was" || aux == "were" || aux == "had" || aux == "to" ||
      aux == "will" || aux == "would" || aux == "did") {
    return Tense::kOther;
  }
  // "Ruritania freezes", "Ruritania today rejoins": a third-person present.
  if (absl::EndsWith(verb.lower, "s") && !absl::EndsWith(verb.lower, "ss") && !absl::EndsWith(verb.lower, "us")) {
    return Tense::kPresent;
  }
  return Tense::kOther;
}

v1::PartialDate SentenceStructure::AnnouncementDate(int first) const {
  const v1::PartialDate& published = doc_.info.published();
  v1::PartialDate date;
  // "the premier said on Thursday that Ruritania had frozen ...": what a dated
  // statement reports happened by then (its month).
  for (const Mention* m : mentions_) {
    if (m->first_token >= first) break;
    if (m->kind == MentionKind::kDate && m->date.year() != 0 && DatesAStatement(*m)) {
      date.set_year(m->date.year());
      date.set_month(m->date.month());
      date.set_approximate(true);
      date.set_rule(v1::DATE_RULE_STATEMENT_DATE);
      date.set_anchor(FormatDate(m->date));
      CompleteInterval(&date);
      return date;
    }
  }
  if (published.year() == 0) return date;
  switch (TenseAt(first)) {
    case Tense::kPresent:
      date = MakeDate(published.year(), published.month(), published.day());
      break;
    case Tense::kPerfect:
      date.set_year(published.year());
      date.set_month(published.month());
      date.set_approximate(true);
      break;
    case Tense::kOther:
      break;
  }
  if (!IsUnset(date)) {
    date.set_rule(v1::DATE_RULE_PUBLICATION_DATE);
    date.set_anchor(FormatDate(published));
    CompleteInterval(&date);
  }
  return date;
}

std::vector<SentenceStructure::Gapped> SentenceStructure::GappedConjuncts(int end, int next) const {
  constexpr int kMaxDateGap = 3;
  std::vector<Gapped> out;
  const int stop = next >= 0 ? next : sentence_.end_token;
  for (const Mention* m : mentions_) {
    if (m->first_token <= end || m->first_token >= stop || m->kind != MentionKind::kCountry) continue;
    if (!IsActingCountry(*m)) continue;
    // "so did B", "as did B": the trigger's date.
    if (m->first_token - 2 > end) {
      const Token& did = doc_.tokens[static_cast<size_t>(m->first_token - 1)];
      const Token& so = doc_.tokens[static_cast<size_t>(m->first_token - 2)];
      if (did.lower == "did" && (so.lower == "so" || so.lower == "as")) {
        out.push_back({m, nullptr});
        continue;
      }
    }
    // Introduced by a coordinator: ", B on D2", "and C in 1994", "; B ...", or
    // a list after a colon ("acceded the following year: A on D1, B on D2").
    const Token& before = doc_.tokens[static_cast<size_t>(m->first_token - 1)];
    const bool coordinated = words_.IsWord(kCoordinator, before) || IsPunct(before, ';') || IsPunct(before, ':');
    if (!coordinated) continue;
    // Followed closely by its own date, and then by a boundary.
    for (const Mention* d : mentions_) {
      if (d->kind != MentionKind::kDate || d->first_token < m->end_token) continue;
      if (d->first_token > m->end_token + kMaxDateGap || d->date.year() == 0) break;
      const bool boundary = d->end_token >= sentence_.end_token ||
                            words_.IsWord(kCoordinator, doc_.tokens[static_cast<size_t>(d->end_token)]) ||
                            doc_.tokens[static_cast<size_t>(d->end_token)].shape == Token::Shape::kPunctuation;
      bool plain = true;  // only prepositions or a dash between the country and its date
      for (int t = m->end_token; t < d->first_token; ++t) {
        const Token& w = doc_.tokens[static_cast<size_t>(t)];
        plain &= (w.shape == Token::Shape::kWord && !w.capitalized && w.lower.size() <= 3) || w.lower == "-";
      }
      if (boundary && plain) out.push_back({m, d});
      break;
    }
  }
  return out;
}

std::vector<const Mention*> SentenceStructure::Agents(int first, int end, bool allow_people) const {
  const int clause = ClauseOf(first);
  for (int i = end; i < sentence_.end_token && i < end + kMaxAgentGap; ++i) {
    if (ClauseOf(i) != clause) continue;
    if (!words_.IsWord(kAgentPreposition, doc_.tokens[static_cast<size_t>(i)])) continue;
    for (const Mention* m : mentions_) {
      if (m->first_token <= i || m->first_token > i + 6) continue;
      if (!IsActor(*m, allow_people)) continue;
      if (m->kind != MentionKind::kCountry) return {m};
      std::vector<const Mention*> agents = ListStartingAt(m);
      // "by A, B and C – and by D, E and F –": a second list of agents.
      int t = agents.back()->end_token;
      while (t < sentence_.end_token && (IsPunct(doc_.tokens[static_cast<size_t>(t)], '-') ||
                                         IsPunct(doc_.tokens[static_cast<size_t>(t)], ','))) {
        ++t;
      }
      if (t + 2 < sentence_.end_token && doc_.tokens[static_cast<size_t>(t)].lower == "and" &&
          words_.IsWord(kAgentPreposition, doc_.tokens[static_cast<size_t>(t + 1)])) {
        const Mention* next = MentionAt(t + 2);
        if (next != nullptr && next->first_token == t + 2 && IsActingCountry(*next)) {
          for (const Mention* more : ListStartingAt(next)) agents.push_back(more);
        }
      }
      return agents;
    }
    break;
  }
  return {};
}

bool SentenceStructure::IsPreviousSentenceActor(const Mention& m) const {
  // A name or capital, not a modifier ("Borduria-led") or a demonym.
  if (m.country_form == CountryForm::kDemonym) return false;
  const size_t next = static_cast<size_t>(m.end_token);
  if (next < doc_.tokens.size()) {
    const Token& t = doc_.tokens[next];
    if (t.lower == "-" && doc_.text[static_cast<size_t>(t.begin)] == '-' && !IsSpacedDash(m.end_token)) return false;
    if (words_.IsWord(kTroopNoun, t)) return false;
  }
  return true;
}

bool SentenceStructure::HasOvertSubject(int first) const {
  // Skip auxiliaries and adverbs back to the word before the verb.
  int i = first - 1;
  while (i >= sentence_.first_token) {
    const Token& t = doc_.tokens[static_cast<size_t>(i)];
    const bool article = t.lower == "a" || t.lower == "an" || t.lower == "the";
    if (!words_.IsWord(kAuxiliary, t) && !absl::EndsWith(t.lower, "ly") && !words_.IsWord(kNegation, t) && !article) {
      break;
    }
    --i;
  }
  if (i < sentence_.first_token) return false;
  const Token& t = doc_.tokens[static_cast<size_t>(i)];
  if (t.shape != Token::Shape::kWord || MentionAt(i) != nullptr) return false;
  // "and left", "which left", "it quit": no noun of its own.
  // "applied to rejoin", "its membership": an infinitive or a possessive refers back.
  if (words_.IsWord(kCoordinator, t) || words_.IsWord(kRelativePronoun, t) || words_.IsWord(kSubjectPronoun, t) ||
      words_.IsWord(kConjunction, t) || words_.IsWord(kComplementizer, t) || words_.IsWord(kPossessive, t) ||
      t.lower == "then" || t.lower == "to") {
    return false;
  }
  // "the others renewed": a noun of its own that names no state.
  return !t.capitalized;
}

std::vector<const Mention*> SentenceStructure::Actors(int first, int end, bool allow_people, bool take_agents) const {
  const int clause = ClauseOf(first);
  // Agents: "signed by A, B and C", "the signing of ... by A, B".
  if (take_agents) {
    std::vector<const Mention*> agents = Agents(first, end, allow_people);
    if (!agents.empty()) return agents;
  }
  // Subject: the nearest actor before the trigger in its clause.
  for (auto it = mentions_.rbegin(); it != mentions_.rend(); ++it) {
    const Mention* m = *it;
    if (m->end_token > first) continue;
    if (first - m->end_token > kMaxSubjectGap) break;
    if (ClauseOf(m->first_token) != clause) continue;
    if (!IsActor(*m, allow_people)) continue;
    // "in Chisinau, the Charter was signed": a place, not a subject.
    if (m->first_token > sentence_.first_token &&
        words_.IsWord(kHostPreposition, doc_.tokens[static_cast<size_t>(m->first_token - 1)])) {
      continue;
    }
    return m->kind == MentionKind::kCountry ? ListEndingAt(m) : std::vector<const Mention*>{m};
  }
  const Clause& c = clauses_[static_cast<size_t>(clause)];
  if (c.kind == ClauseKind::kRelative && c.antecedent_token >= 0) {
    const Mention* m = MentionAt(c.antecedent_token);
    if (m != nullptr && IsActor(*m, allow_people)) {
      return m->kind == MentionKind::kCountry ? ListEndingAt(m) : std::vector<const Mention*>{m};
    }
  }
  const bool pronoun = WordBefore(kSubjectPronoun, first, 5);
  if ((c.kind == ClauseKind::kCoordinate || c.kind == ClauseKind::kRelative || pronoun) &&
      (pronoun || !HasOvertSubject(first))) {
    for (auto it = mentions_.rbegin(); it != mentions_.rend(); ++it) {
      const Mention* m = *it;
      if (m->end_token > first) continue;
      if (clauses_[static_cast<size_t>(ClauseOf(m->first_token))].kind == ClauseKind::kParenthetical) continue;
      if (!IsActor(*m, allow_people)) continue;
      return m->kind == MentionKind::kCountry ? ListEndingAt(m) : std::vector<const Mention*>{m};
    }
  }
  // "Within hours it asked the alliance ...": a pronoun whose antecedent is in
  // the sentence before (a state there that is not just a place).
  if (pronoun) {
    const Mention* fallback = nullptr;
    const Mention* preferred = nullptr;
    // Only the sentence before: start at its first mention, not the document's.
    const int32_t previous_begin =
        doc_.sentences[static_cast<size_t>(sentence_.index > 0 ? sentence_.index - 1 : 0)].begin;
    auto from = std::lower_bound(doc_.mentions.begin(), doc_.mentions.end(), previous_begin,
                                 [](const Mention& m, int32_t begin) { return m.begin < begin; });
    for (auto it = from; sentence_.index > 0 && it != doc_.mentions.end() && it->begin < sentence_.begin; ++it) {
      if (it->sentence != sentence_.index - 1 || it->kind != MentionKind::kCountry) continue;
      if (!IsPreviousSentenceActor(*it)) continue;
      fallback = &*it;
      const bool place = it->first_token > 0 &&
                         words_.IsWord(kHostPreposition, doc_.tokens[static_cast<size_t>(it->first_token - 1)]);
      if (!place && preferred == nullptr) preferred = &*it;
    }
    if (preferred != nullptr) return {preferred};
    if (fallback != nullptr) return {fallback};
  }
  return {};
}

std::string SentenceStructure::OrganizationNounAt(int token, int* end) const {
  constexpr int kMaxModifierTokens = 5;  // "the six - member Moscow - led"
  const Token& t = doc_.tokens[static_cast<size_t>(token)];
  const bool definite = words_.IsWord(kDefinite, t) || words_.IsWord(kPossessive, t);
  const bool indefinite = t.lower == "a" || t.lower == "an";
  if (!definite && !indefinite) return "";
  // "GUUAM, the pro-Western grouping": the description of a name the lexicon
  // does not know.
  if (token - 2 >= sentence_.first_token && IsPunct(doc_.tokens[static_cast<size_t>(token - 1)], ',') &&
      doc_.tokens[static_cast<size_t>(token - 2)].capitalized && MentionAt(token - 2) == nullptr) {
    return "";
  }
  // Determiner, modifiers, organization noun: "the Moscow-led pact".
  for (int noun = token + 1; noun < sentence_.end_token && noun <= token + 1 + kMaxModifierTokens; ++noun) {
    const Token& w = doc_.tokens[static_cast<size_t>(noun)];
    const Mention* m = MentionAt(noun);
    // A name: not a description (a number is a modifier: "the six-member bloc").
    if (m != nullptr && m->kind != MentionKind::kCountry && m->kind != MentionKind::kNumber) return "";
    if (words_.IsWord(kContrastive, w)) return "";  // "a different Moscow-led body": another one
    if (words_.IsWord(kOrganizationNoun, w)) {
      // "the Moscow-led body, the Eurasian Economic Union": the name that follows.
      if (noun + 2 < sentence_.end_token && IsPunct(doc_.tokens[static_cast<size_t>(noun + 1)], ',')) {
        for (int k = noun + 2; k < sentence_.end_token && k <= noun + 3; ++k) {
          const Mention* named = MentionAt(k);
          if (named != nullptr && named->kind == MentionKind::kOrganization) {
            *end = noun + 1;
            return named->code;
          }
        }
      }
      const std::string described = words_.DescribedOrganization(doc_.tokens, token + 1, noun);
      // At most two modifiers, a hyphenated compound counting as one ("the
      // six-member bloc", "the old military pact").
      int modifiers = 0;
      for (int k = token + 1; k < noun; ++k) {
        const bool hyphen = doc_.tokens[static_cast<size_t>(k)].lower == "-";
        const bool joined = k > token + 1 && doc_.tokens[static_cast<size_t>(k - 1)].lower == "-";
        if (!hyphen && !joined) ++modifiers;
      }
      constexpr int kMaxGenericModifiers = 2;
      if (described.empty() && (!definite || modifiers > kMaxGenericModifiers)) return "";
      // "the organization's" refers to the one the document is about as well.
      *end = noun + 1;
      if (!described.empty()) return described;
      // In a document that names no organization, a generic description is
      // the ledger's own organization (the lexicon's default focus).
      return DocumentOrganization();
    }
    if (w.shape == Token::Shape::kPunctuation && w.lower != "-") return "";
    if (words_.IsWord(kDefinite, w) || words_.IsWord(kAuxiliary, w)) return "";
  }
  return "";
}

std::string SentenceStructure::OrganizationAfter(int end, int max_gap) const {
  for (int i = end; i < sentence_.end_token && i <= end + max_gap; ++i) {
    const Mention* m = MentionAt(i);
    if (m != nullptr && m->kind == MentionKind::kOrganization) return m->code;
    int noun_end = 0;
    std::string code = OrganizationNounAt(i, &noun_end);
    if (!code.empty()) return code;
  }
  return "";
}

bool SentenceStructure::TakesNoObject(int end) const {
  int i = end;
  // Adverbs: "left again", "joined formally".
  while (i < sentence_.end_token && (words_.IsWord(kRepetition, doc_.tokens[static_cast<size_t>(i)]) ||
                                     absl::EndsWith(doc_.tokens[static_cast<size_t>(i)].lower, "ly"))) {
    ++i;
  }
  if (i >= sentence_.end_token) return true;
  const Token& t = doc_.tokens[static_cast<size_t>(i)];
  if (t.shape == Token::Shape::kPunctuation) return t.lower != "'s";
  const Mention* m = MentionAt(i);
  if (m != nullptr) return m->kind == MentionKind::kDate;
  return words_.IsWord(kTimePreposition, t) || words_.IsWord(kCoordinator, t) || words_.IsWord(kConjunction, t) ||
         words_.IsWord(kRelativePronoun, t);
}

std::string SentenceStructure::RecentOrganization(int max_back) const {
  auto it = std::lower_bound(doc_.mentions.begin(), doc_.mentions.end(), sentence_.begin,
                             [](const Mention& m, int32_t begin) { return m.begin < begin; });
  while (it != doc_.mentions.begin()) {
    --it;
    if (it->sentence < sentence_.index - max_back) break;
    if (it->kind == MentionKind::kOrganization) return it->code;
  }
  return "";
}

std::string SentenceStructure::OrganizationBefore(int first, int max_gap) const {
  return OrganizationBetween(first, max_gap, false);
}

std::string SentenceStructure::OrganizationBeforeInClause(int first, int max_gap) const {
  return OrganizationBetween(first, max_gap, true);
}

std::string SentenceStructure::OrganizationBetween(int first, int max_gap, bool same_clause) const {
  const int clause = first < sentence_.end_token ? ClauseOf(first) : -1;
  for (int i = first - 1; i >= sentence_.first_token && i >= first - max_gap; --i) {
    if (same_clause && ClauseOf(i) != clause) continue;
    const Mention* m = MentionAt(i);
    if (m != nullptr && m->kind == MentionKind::kOrganization) return m->code;
    int noun_end = 0;
    std::string code = OrganizationNounAt(i, &noun_end);
    if (!code.empty() && noun_end <= first) return code;
  }
  return "";
}

const Mention* SentenceStructure::RangeEndOf(const Mention* start) const {
  if (start == nullptr || start->date_role != DateRole::kRangeStart) return nullptr;
  for (const Mention* m : mentions_) {
    if (m->first_token < start->end_token || m->kind != MentionKind::kDate) continue;
    return m->date_role == DateRole::kRangeEnd ? m : nullptr;
  }
  return nullptr;
}

const Mention* SentenceStructure::RangeRightAfter(const Mention& m) const {
  const int open = m.end_token;
  if (open + 1 >= sentence_.end_token || !IsPunct(doc_.tokens[static_cast<size_t>(open)], '(')) return nullptr;
  const Mention* date = MentionAt(open + 1);
  return date != nullptr && date->kind == MentionKind::kDate && date->date_role == DateRole::kRangeStart ? date
                                                                                                          : nullptr;
}

bool SentenceStructure::IsAttributive(const Mention& date) const {
  // "of the 1992 treaty": a bare year between a determiner and a noun.
  if (date.first_token <= sentence_.first_token || date.end_token >= sentence_.end_token) return false;
  if (date.date.month() != 0 || date.end_token - date.first_token != 1) return false;
  if (doc_.tokens[static_cast<size_t>(date.first_token)].shape != Token::Shape::kNumber) return false;
  // Only inside a noun's own complement ("Article 4 of the 1992 treaty",
  // "under the 1992 treaty"); "sign the 1999 protocol" and "during the 2020
  // war" date their clause.
  if (date.first_token - 2 < sentence_.first_token) return false;
  const std::string& governor = doc_.tokens[static_cast<size_t>(date.first_token - 2)].lower;
  if (governor != "of" && governor != "under" && governor != "with" && governor != "by") return false;
  const Token& before = doc_.tokens[static_cast<size_t>(date.first_token - 1)];
  const Token& after = doc_.tokens[static_cast<size_t>(date.end_token)];
  return (words_.IsWord(kDefinite, before) || words_.IsWord(kPossessive, before) || before.lower == "a") &&
         after.shape == Token::Shape::kWord && MentionAt(date.end_token) == nullptr;
}

bool SentenceStructure::DatesAStatement(const Mention& date) const {
  for (int i = date.first_token - 1; i >= sentence_.first_token && i >= date.first_token - 2; --i) {
    if (words_.IsWord(kSpeechVerb, doc_.tokens[static_cast<size_t>(i)])) return true;
  }
  return false;
}

const Mention* SentenceStructure::NearestDate(int first, int end, int next) const {
  const int clause = ClauseOf(first);
  // "left the CSTO in 1999 and rejoined it in 2004": each verb's own date follows it.
  for (const Mention* m : mentions_) {
    if (next >= 0 && m->first_token >= next) break;
    if (m->kind != MentionKind::kDate || m->date.year() == 0 || m->first_token < end || DatesAStatement(*m) ||
        IsAttributive(*m) || m->date_rule == DateRule::kOffsetOfClause) {
      continue;
    }
    if (ClauseOf(m->first_token) == clause) return m;
  }
  const Mention* best = nullptr;
  int best_distance = 0;
  for (int pass = 0; pass < 2 && best == nullptr; ++pass) {
    for (const Mention* m : mentions_) {
      if (m->kind != MentionKind::kDate || m->date.year() == 0 || DatesAStatement(*m) || IsAttributive(*m)) continue;
      // "six months after Old City sent ...": it dates the clause after it.
      if (m->date_rule == DateRule::kOffsetOfClause && m->end_token > first) continue;
      const int c = ClauseOf(m->first_token);
      if (pass == 0 && c != clause) continue;
      if (pass == 1) {
        const ClauseKind kind = clauses_[static_cast<size_t>(c)].kind;
        if (kind != ClauseKind::kMain && kind != ClauseKind::kCoordinate) continue;
      }
      // Dates after the trigger win ties ("rejoined the CSTO in 2006").
      const int distance = m->first_token >= end ? 2 * (m->first_token - end)
                                                 : 2 * (first - m->end_token) + 1;
      if (best == nullptr || distance < best_distance) {
        best = m;
        best_distance = distance;
      }
    }
  }
  return best;
}

const Mention* SentenceStructure::HostOf(int first, int end) const {
  const int clause = ClauseOf(first);
  // "the Freedonian operation", "CSTO's Freedonian operation" (but "the Bordurian
  // contingent", "Bordurian forces" name who sends them, not where).
  const Mention* before = MentionAt(first - 1);
  if (before != nullptr && before->kind == MentionKind::kCountry && before->country_form == CountryForm::kDemonym &&
      !words_.IsWord(kTroopNoun, doc_.tokens[static_cast<size_t>(first)])) {
    return before;
  }
  for (const Mention* m : mentions_) {
    if (m->first_token < end || m->kind != MentionKind::kCountry) continue;
    if (ClauseOf(m->first_token) != clause) continue;
    if (m->country_form == CountryForm::kDemonym) continue;
    const bool after_preposition =
        m->first_token > sentence_.first_token &&
        words_.IsWord(kHostPreposition, doc_.tokens[static_cast<size_t>(m->first_token - 1)]);
    const bool possessive = m->end_token < sentence_.end_token &&
                            doc_.tokens[static_cast<size_t>(m->end_token)].lower == "'s";
    // "entered Freedonia": the object right after the trigger.
    if (after_preposition || possessive || m->first_token == end) return m;
    if (m->first_token > end + 8) break;
  }
  // "in Freedonia, ... CSTO peacekeeping forces were used" (a country by
  // name: "a pact signed in Old City" names a venue, not a host).
  for (auto it = mentions_.rbegin(); it != mentions_.rend(); ++it) {
    const Mention* m = *it;
    if (m->end_token > first || m->kind != MentionKind::kCountry) continue;
    if (m->country_form != CountryForm::kName && m->country_form != CountryForm::kPlace) continue;
    if (ClauseOf(m->first_token) != clause) continue;
    if (m->first_token > sentence_.first_token &&
        words_.IsWord(kHostPreposition, doc_.tokens[static_cast<size_t>(m->first_token - 1)]) &&
        doc_.tokens[static_cast<size_t>(m->first_token - 1)].lower != "to") {
      return m;
    }
  }
  // "on the ground in the country", "on its territory": the country named last before.
  for (int t = end; t + 2 < sentence_.end_token && t <= end + kMaxHostNounGap; ++t) {
    if (ClauseOf(t) != clause) break;
    if (!words_.IsWord(kHostPreposition, doc_.tokens[static_cast<size_t>(t)]) &&
        doc_.tokens[static_cast<size_t>(t)].lower != "on") {
      continue;
    }
    const Token& det = doc_.tokens[static_cast<size_t>(t + 1)];
    const Token& noun = doc_.tokens[static_cast<size_t>(t + 2)];
    if ((det.lower == "the" || words_.IsWord(kPossessive, det)) && words_.IsWord(kHostNoun, noun)) {
      return CountryBefore(first);
    }
  }
  return nullptr;
}

const Mention* SentenceStructure::CountryBefore(int token) const {
  const int32_t begin = doc_.tokens[static_cast<size_t>(token)].begin;
  auto it = std::lower_bound(doc_.mentions.begin(), doc_.mentions.end(), begin,
                             [](const Mention& m, int32_t b) { return m.begin < b; });
  while (it != doc_.mentions.begin()) {
    --it;
    if (it->kind == MentionKind::kCountry && it->country_form == CountryForm::kName) return &*it;
  }
  return nullptr;
}

std::string SentenceStructure::PurposeAfter(int end) const {
  constexpr int kMaxPurposeTokens = 12;
  constexpr int kMaxPurposeGap = 8;
  if (end >= sentence_.end_token) return "";
  const int clause = ClauseOf(end > sentence_.first_token ? end - 1 : end);
  for (int i = end; i + 1 < sentence_.end_token && i <= end + kMaxPurposeGap; ++i) {
    const Token& t = doc_.tokens[static_cast<size_t>(i)];
    if (ClauseOf(i) != clause || t.shape == Token::Shape::kPunctuation) return "";
    if (t.lower != "to") continue;
    const Token& verb = doc_.tokens[static_cast<size_t>(i + 1)];
    // "to secure", not "to the Donbas" or "to Freedonia".
    if (verb.shape != Token::Shape::kWord || verb.capitalized || MentionAt(i + 1) != nullptr ||
        words_.IsWord(kDefinite, verb) || words_.IsWord(kPossessive, verb)) {
      continue;
    }
    int last = i + 1;
    while (last + 1 < sentence_.end_token && last + 1 - i < kMaxPurposeTokens &&
           doc_.tokens[static_cast<size_t>(last + 1)].shape != Token::Shape::kPunctuation) {
      ++last;
    }
    const int32_t begin = t.begin;
    const int32_t stop = doc_.tokens[static_cast<size_t>(last)].end;
    return doc_.text.substr(static_cast<size_t>(begin), static_cast<size_t>(stop - begin));
  }
  return "";
}

bool SentenceStructure::WordBefore(uint32_t set, int first, int window) const {
  const int clause = ClauseOf(first);
  for (int i = first - 1; i >= sentence_.first_token && i >= first - window; --i) {
    if (ClauseOf(i) != clause) return false;
    if (words_.IsWord(set, doc_.tokens[static_cast<size_t>(i)])) return true;
  }
  return false;
}

}  // namespace alliance::ingest::events
