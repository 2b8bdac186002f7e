#include "ingest-service/extract/events/request_extractor.h"

#include "common/partial_date.h"
#include "ingest-service/extract/date_resolver.h"
#include "ingest-service/extract/events/event_records.h"
#include "ingest-service/extract/events/modality.h"

namespace alliance::ingest::events {
namespace {

// The organization asked must follow the trigger this closely.
constexpr int kMaxOrganizationGap = 3;
// What a request asks for ("for military help") spans at most this many words.
constexpr int kMaxRequestedWords = 3;
// An answer verb this close before an owned request noun answers it.
constexpr int kMaxAnswerBefore = 3;
// ... or, for an owned request noun ("Yerevan's appeal for help"), this close
// on either side.
constexpr int kMaxOwnedOrganizationGap = 12;
// Outcomes in later sentences apply this far.
constexpr int kMaxOutcomeBack = 2;
// A request without a date takes the situation's date from this far back.
constexpr int kMaxSituationBack = 5;
// The helped country follows a refusal this closely ("refused to help Ruritania").
constexpr int kMaxObjectGap = 6;

// Returns true when the request noun at `first` refers back ("the request",
// "its request", "Ruritania's request").
bool IsQuote(const Token& t) { return t.lower == "\"" || t.lower == "\u201c" || t.lower == "\u201d"; }

bool RefersBack(const SentenceStructure& s, int first) {
  // Quotation marks around the noun do not count: the president's “request”.
  while (first > s.sentence().first_token && IsQuote(s.doc().tokens[static_cast<size_t>(first - 1)])) --first;
  if (first <= s.sentence().first_token) return false;
  const Token& before = s.doc().tokens[static_cast<size_t>(first - 1)];
  if (s.words().IsWord(kDefinite, before) || s.words().IsWord(kPossessive, before)) return true;
  return before.lower == "'s";
}

// True when "yet" stands among the few words before the verb at `first`
// ("has not yet asked").
bool YetBefore(const SentenceStructure& s, int first) {
  constexpr int kMaxAdverbGap = 3;
  for (int i = first - 1; i >= s.sentence().first_token && i >= first - kMaxAdverbGap; --i) {
    if (s.doc().tokens[static_cast<size_t>(i)].lower == "yet") return true;
  }
  return false;
}

// Returns the agent of a passive that follows the request noun ending at
// token `end`: "a request was made by President the president", "A request for
// peacekeepers, sent to the CSTO by Sylvania's interim government"; null
// when none.
const Mention* PassiveAgentAfter(const SentenceStructure& s, int end) {
  constexpr int kMaxAgentGap = 8;
  constexpr int kMaxTitleWords = 2;
  const std::vector<Token>& tokens = s.doc().tokens;
  for (int i = end; i + 1 < s.sentence().end_token && i <= end + kMaxAgentGap; ++i) {
    if (!s.words().IsWord(kAgentPreposition, tokens[static_cast<size_t>(i)])) continue;
    for (int k = i + 1; k < s.sentence().end_token && k <= i + 1 + kMaxTitleWords; ++k) {
      const Mention* m = s.MentionAt(k);
      if (m == nullptr) continue;
      const bool actor = s.IsActingCountry(*m) || (m->kind == MentionKind::kCountry && m->country_form == CountryForm::kName) ||
                         (m->kind == MentionKind::kPerson && !m->person_country.empty());
      return actor ? m : nullptr;
    }
    return nullptr;
  }
  return nullptr;
}

// Returns the organization whose members as a body a request ending at token
// `end` (or "to" after it) is addressed to: "asked Freedonia's partners in
// the CSTO", "appealed to the leaders of all CSTO member states"; "" when none.
std::string MembersAddressed(const SentenceStructure& s, int end) {
  constexpr int kMaxMembersGap = 8;
  const std::vector<Token>& tokens = s.doc().tokens;
  for (int i = end; i < s.sentence().end_token && i <= end + kMaxMembersGap; ++i) {
    const Token& t = tokens[static_cast<size_t>(i)];
    if (t.shape == Token::Shape::kPunctuation && t.lower != "'s") break;
    const int after = s.words().MatchWords(kMemberNoun, tokens, i, s.sentence().end_token);
    if (after <= i || after >= s.sentence().end_token) continue;
    const std::string& preposition = tokens[static_cast<size_t>(after)].lower;
    if (preposition != "in" && preposition != "of") return "";
    return s.OrganizationAfter(after + 1, kMaxOrganizationGap);
  }
  return "";
}

// Returns the organization a request ending at token `end` is addressed to:
// right after it ("appealed to the CSTO"), or after what it asks for ("a
// request for military help from the CSTO", "asked for peacekeepers from
// the bloc"); "" when none.
std::string AddressedOrganization(const SentenceStructure& s, int end) {
  std::string organization = s.OrganizationAfter(end, kMaxOrganizationGap);
  if (organization.empty()) organization = MembersAddressed(s, end);
  if (!organization.empty() || end >= s.sentence().end_token || s.doc().tokens[static_cast<size_t>(end)].lower != "for") {
    return organization;
  }
  // Skip the thing asked for, up to the preposition that names the addressee.
  for (int i = end + 1; i < s.sentence().end_token && i <= end + 1 + kMaxRequestedWords; ++i) {
    const Token& t = s.doc().tokens[static_cast<size_t>(i)];
    if (t.shape == Token::Shape::kPunctuation) break;
    if (t.lower == "from" || t.lower == "to") return s.OrganizationAfter(i + 1, kMaxOrganizationGap - 1);
  }
  return "";
}

// True when the request at tokens [first, end) names no addressee at all:
// what follows is what it asks for or nothing ("appeals for help on the 5th",
// "Sylvania's appeal for peacekeepers", "Ruritania's requests of May 2031"),
// and no other state or person between the requester and it could be the one
// asked ("wrote to Putin asking for consultations"). Such a request in a text about an
// organization is made to it.
bool Unaddressed(const SentenceStructure& s, const TriggerMatch& match, bool owned, const Mention& requester) {
  const int first = match.first_token;
  const int end = match.end_token;
  if (end < s.sentence().end_token) {
    const Token& next = s.doc().tokens[static_cast<size_t>(end)];
    const Mention* object = s.MentionAt(end);
    if (object != nullptr || next.lower == "to" || next.lower == "from") return false;
    // It must go straight on to the help it asks for: "asked its allies for
    // help" has an addressee, "sought better relations" and "a call for
    // restraint" ask for no help. An owned noun may stand alone ("Ruritania's
    // requests of May 2031").
    if (next.lower == "for") {
      bool aid = false;
      for (int i = end + 1; i < s.sentence().end_token && i <= end + 1 + kMaxRequestedWords && !aid; ++i) {
        const Token& t = s.doc().tokens[static_cast<size_t>(i)];
        if (t.shape == Token::Shape::kPunctuation && !IsQuote(t)) break;
        aid = s.words().IsWord(kAidNoun, t) || s.words().IsWord(kTroopNoun, t);
      }
      if (!aid) return false;
    } else if (!owned) {
      return false;
    }
  } else if (!owned) {
    return false;
  }
  const int clause = s.ClauseOf(first);
  for (const Mention* m : s.mentions()) {
    if (m == &requester || (m->kind != MentionKind::kCountry && m->kind != MentionKind::kPerson)) continue;
    // Only between the requester and the request ("wrote to Putin asking").
    if (m->first_token < requester.end_token) continue;
    if (m->first_token >= end || s.ClauseOf(m->first_token) != clause) continue;
    if (m->kind == MentionKind::kCountry && m->country_form == CountryForm::kDemonym) continue;
    if (ActorCode(*m) != ActorCode(requester)) return false;
  }
  return true;
}

// Returns who owns the request noun at [first, end): the possessor of "X's
// request" / "at X's request", or X of "at the request of X" (a country
// acting as a state, or a person tied to one); null when none. Sets `*at` for
// the "at ... request" forms, which report a request that was acted on.
const Mention* RequestOwner(const SentenceStructure& s, int first, int end, bool* at) {
  const std::vector<Token>& tokens = s.doc().tokens;
  const int sentence_first = s.sentence().first_token;
  auto token = [&](int i) -> const Token* {
    return i >= sentence_first && i < s.sentence().end_token ? &tokens[static_cast<size_t>(i)] : nullptr;
  };
  auto actor = [&](const Mention* m) {
    return m != nullptr && (s.IsActingCountry(*m) || m->kind == MentionKind::kCountry ||
                            (m->kind == MentionKind::kPerson && !m->person_country.empty()));
  };
  *at = false;
  // "X's request", "at President the president's request", "at the president's “request”".
  int possessive = first - 1;
  while (token(possessive) != nullptr && IsQuote(*token(possessive))) --possessive;
  if (const Token* before = token(possessive); before != nullptr && before->lower == "'s") {
    const Mention* m = s.MentionAt(possessive - 1);
    if (!actor(m) || (m->kind == MentionKind::kCountry && m->country_form == CountryForm::kDemonym)) return nullptr;
    const Token* at_word = token(m->first_token - 1);
    *at = at_word != nullptr && at_word->lower == "at";
    return m;
  }
  // "at the request of X".
  const Token* the = token(first - 1);
  const Token* at_word = token(first - 2);
  const Token* of = token(end);
  if (the != nullptr && at_word != nullptr && of != nullptr && at_word->lower == "at" && of->lower == "of") {
    // "at the request of the country's president": the country named before.
    const Token* det = token(end + 1);
    const Token* noun = token(end + 2);
    const Token* possessive_mark = token(end + 3);
    if (det != nullptr && noun != nullptr && possessive_mark != nullptr && s.words().IsWord(kDefinite, *det) &&
        s.words().IsWord(kHostNoun, *noun) && possessive_mark->lower == "'s") {
      const Mention* country = s.CountryBefore(end + 2);
      if (country != nullptr) {
        *at = true;
        return country;
      }
    }
    // "at the request of President the president": a title may come first.
    constexpr int kMaxTitleWords = 2;
    for (int i = end + 1; i <= end + 1 + kMaxTitleWords; ++i) {
      const Mention* m = s.MentionAt(i);
      if (m == nullptr) continue;
      if (actor(m)) {
        *at = true;
        return m;
      }
      break;
    }
  }
  return nullptr;
}

// True when the sentence has an asserted deployment trigger ("troops arrived
// ... at the request of").
bool HasDeployment(const SentenceStructure& s, const std::vector<TriggerMatch>& triggers) {
  for (const TriggerMatch& match : triggers) {
    for (TriggerKind kind : {TRIGGER_KIND_INTERVENTION, TRIGGER_KIND_CONTRIBUTION}) {
      const Trigger* t = match.Find(kind);
      if (t == nullptr) continue;
      if (ClassifyFactuality(s, match.first_token, match.end_token, *t).factuality == v1::FACTUALITY_ASSERTED) {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

v1::AssistanceOutcome RequestExtractor::OutcomeAfter(const SentenceStructure& s,
                                                     const std::vector<TriggerMatch>& triggers, int after,
                                                     const std::string& requester, int before) const {
  for (const TriggerMatch& match : triggers) {
    if (match.first_token < after || (before >= 0 && match.end_token > before)) continue;
    const Trigger* refusal = match.Find(TRIGGER_KIND_REFUSAL);
    const Trigger* acceptance = match.Find(TRIGGER_KIND_ACCEPTANCE);
    // "the organization would not send peacekeepers": a deployment refused.
    const Trigger* deployment = match.Find(TRIGGER_KIND_INTERVENTION);
    if (deployment == nullptr) deployment = match.Find(TRIGGER_KIND_CONTRIBUTION);
    if (refusal == nullptr && acceptance == nullptr && deployment != nullptr &&
        s.WordBefore(kNegation, match.first_token, 3) && !s.OrganizationBefore(match.first_token, 6).empty()) {
      return v1::ASSISTANCE_OUTCOME_DENIED;
    }
    if (refusal == nullptr && acceptance == nullptr) continue;
    const Modality modality = ClassifyFactuality(s, match.first_token, match.end_token,
                                                 refusal != nullptr ? *refusal : *acceptance);
    // Proposal words before it belong to the request ("called on the CSTO").
    if (modality.factuality == v1::FACTUALITY_HYPOTHETICAL || modality.factuality == v1::FACTUALITY_NEGATED) continue;
    // "..., which Yerevan denied": the requester denying a report refuses nothing.
    bool by_requester = false;
    for (const Mention* m : s.mentions()) {
      if (m->end_token > match.first_token || m->end_token < match.first_token - kMaxAnswerBefore) continue;
      // "Sylvania's request was turned down": a possessor, not the subject.
      if (s.doc().tokens[static_cast<size_t>(m->end_token)].lower == "'s") continue;
      by_requester |= !requester.empty() && s.ClauseOf(m->first_token) == s.ClauseOf(match.first_token) &&
                      ActorCode(*m) == requester;
    }
    if (by_requester) continue;
    return refusal != nullptr ? v1::ASSISTANCE_OUTCOME_DENIED : v1::ASSISTANCE_OUTCOME_GRANTED;
  }
  return v1::ASSISTANCE_OUTCOME_UNSPECIFIED;
}

v1::PartialDate RequestExtractor::StoryDate(const SentenceStructure& s, const Mention& date) const {
  if (date.date_rule != DateRule::kOffsetFromAnchor || !date.offset.has_value() || IsUnset(story_date_)) {
    return date.date;
  }
  // The anchor may be in this sentence ("joined in 1993 and left seven years later").
  for (const Mention* m : s.mentions()) {
    if (m == &date) break;
    if (m->kind == MentionKind::kDate && m->date.year() != 0) return date.date;
  }
  v1::PartialDate moved = ResolveRelativeTo(*date.offset, story_date_);
  if (IsUnset(moved)) return date.date;
  moved.set_as_written(date.date.as_written());
  moved.set_rule(v1::DATE_RULE_OFFSET_FROM_ANCHOR);
  moved.set_anchor(FormatDate(story_date_));
  CompleteInterval(&moved);
  return moved;
}

v1::PartialDate RequestExtractor::SituationDate(const std::string& country, int sentence) const {
  for (auto it = dated_.rbegin(); it != dated_.rend(); ++it) {
    if (sentence - it->sentence > kMaxSituationBack) break;
    if (it->countries.count(country) == 0) continue;
    v1::PartialDate date = it->date;
    date.set_approximate(true);
    return date;
  }
  return v1::PartialDate();
}

void RequestExtractor::NoteSentence(int sentence, const Mention* begin, const Mention* end) {
  const Mention* date = nullptr;
  DatedSentence dated;
  dated.sentence = sentence;
  for (const Mention* m = begin; m != end; ++m) {
    if (m->kind == MentionKind::kDate && m->date.year() != 0 && date == nullptr) date = m;
    const std::string code = ActorCode(*m);
    if (!code.empty()) dated.countries.insert(code);
  }
  if (date == nullptr) return;
  dated.date = date->date;
  dated_.push_back(std::move(dated));
}

void RequestExtractor::AddSentence(const SentenceStructure& s, const std::vector<TriggerMatch>& triggers) {
  const int sentence = s.sentence().index;
  const std::vector<Token>& tokens = s.doc().tokens;
  bool created = false;
  for (const TriggerMatch& match : triggers) {
    const Trigger* trigger = match.Find(TRIGGER_KIND_REQUEST);
    if (trigger == nullptr) continue;
    // "Ruritania's appeal to the CSTO", "at the request of President the president":
    // a request noun with its owner; other definite ones refer back.
    bool at_request = false;
    const Mention* owner = nullptr;
    if (RefersBack(s, match.first_token)) {
      owner = RequestOwner(s, match.first_token, match.end_token, &at_request);
      // "Bishkek then took its plea to the Moscow-led bloc": a possessive
      // pronoun before a request addressed to an organization is its subject's.
      const bool addressed = !AddressedOrganization(s, match.end_token).empty();
      if (owner == nullptr && !(addressed && s.WordBefore(kPossessive, match.first_token, 1))) continue;
    }
    // "a request was made by President the president", "help was requested by
    // Freedonia": the agent owns it.
    if (owner == nullptr) owner = PassiveAgentAfter(s, match.end_token);
    std::string organization = AddressedOrganization(s, match.end_token);
    if (organization.empty() && owner != nullptr) {
      organization = s.OrganizationAfter(match.end_token, kMaxOwnedOrganizationGap);
      if (organization.empty()) organization = s.OrganizationBefore(match.first_token, kMaxOwnedOrganizationGap);
      // "They had arrived ... at the request of the country's president": the
      // document's organization, as for its descriptions.
      if (organization.empty() && at_request) organization = s.DocumentOrganization();
    }
    const std::vector<const Mention*> actors =
        owner != nullptr ? std::vector<const Mention*>{owner} : s.Actors(match.first_token, match.end_token, true);
    if (actors.empty()) continue;
    const Mention* actor = actors.back();
    bool unaddressed = false;
    if (organization.empty() && !s.focus_organization().empty() &&
        Unaddressed(s, match, owner != nullptr, *actor)) {
      organization = s.focus_organization();
      unaddressed = true;
    }
    if (organization.empty()) continue;
    const std::string country = ActorCode(*actor);
    if (country.empty() || country == organization) continue;
    bool duplicate = false;
    for (size_t i = 0; i < records_.size(); ++i) {
      // An owned request noun repeats an earlier request of the same country.
      duplicate |= records_[i].requester_country() == country && (sentence_of_[i] == sentence || owner != nullptr);
    }
    if (duplicate) continue;

    const Modality modality = ClassifyFactuality(s, match.first_token, match.end_token, *trigger);
    v1::AssistanceRequest request;
    request.set_organization(organization);
    request.set_requester_country(country);
    if (actor->kind == MentionKind::kPerson) request.set_requester_person(actor->code);
    double confidence = trigger->confidence() - (unaddressed ? 0.1 : 0.0);
    v1::Factuality factuality = modality.factuality;
    v1::AssistanceOutcome outcome = v1::ASSISTANCE_OUTCOME_PENDING;
    if (factuality == v1::FACTUALITY_NEGATED) {
      factuality = v1::FACTUALITY_ASSERTED;
      outcome = v1::ASSISTANCE_OUTCOME_NOT_REQUESTED;
    } else if (factuality == v1::FACTUALITY_PROPOSED) {
      // "called on X to appeal to the CSTO, but he did not do so".
      const int clause = s.ClauseOf(match.first_token);
      for (int i = match.end_token; i < s.sentence().end_token; ++i) {
        if (s.ClauseOf(i) == clause) continue;
        if (s.words().MatchWords(kNotDone, tokens, i, s.sentence().end_token) > i) {
          factuality = v1::FACTUALITY_ASSERTED;
          outcome = v1::ASSISTANCE_OUTCOME_NOT_REQUESTED;
          confidence -= 0.1;
          break;
        }
      }
    } else {
      v1::AssistanceOutcome after = OutcomeAfter(s, triggers, match.end_token, country);
      // "The CSTO declined Sylvania's request": the answer comes first.
      if (after == v1::ASSISTANCE_OUTCOME_UNSPECIFIED && owner != nullptr) {
        after = OutcomeAfter(s, triggers, owner->first_token - kMaxAnswerBefore, country, owner->first_token);
      }
      if (after != v1::ASSISTANCE_OUTCOME_UNSPECIFIED) outcome = after;
      if (at_request && HasDeployment(s, triggers)) outcome = v1::ASSISTANCE_OUTCOME_GRANTED;
    }
    request.set_outcome(outcome);
    request.set_factuality(factuality);
    if (factuality == v1::FACTUALITY_REPORTED) request.set_reported_by(modality.reported_by);
    // An asserted "did not ask" (NOT_REQUESTED) has no cue.
    if (factuality != v1::FACTUALITY_ASSERTED) request.set_factuality_cue(modality.cue);
    request.set_context(s.PurposeAfter(match.end_token));
    const Mention* date = s.NearestDate(match.first_token, match.end_token);
    // "Sylvania itself has not yet asked": a present or perfect request is
    // dated by publication, not by a date of another clause. An affirmative
    // perfect is the day's news ("the president has asked the CSTO for help"); a
    // negated one describes the time up to it (the month).
    const SentenceStructure::Tense tense = s.TenseAt(match.first_token);
    const bool own_clause = date != nullptr && s.ClauseOf(date->first_token) == s.ClauseOf(match.first_token);
    v1::PartialDate announced;
    // A historic present with a date ("14 May 2031 — Ruritania asks ...") keeps it.
    const bool dated_present = tense == SentenceStructure::Tense::kPresent && date != nullptr;
    if (!own_clause && tense != SentenceStructure::Tense::kOther && !dated_present) {
      announced = s.AnnouncementDate(match.first_token);
      // "has not asked" covers the time up to publication (its year); "has not
      // yet asked" the current situation (its month).
      if (tense == SentenceStructure::Tense::kPerfect && outcome == v1::ASSISTANCE_OUTCOME_NOT_REQUESTED &&
          !YetBefore(s, match.first_token)) {
        announced.set_month(0);
      }
      if (tense == SentenceStructure::Tense::kPerfect && outcome != v1::ASSISTANCE_OUTCOME_NOT_REQUESTED &&
          s.doc().info.published().day() != 0) {
        announced = s.doc().info.published();
        announced.set_as_written("");
      }
    }
    if (!IsUnset(announced)) {
      *request.mutable_date() = announced;
    } else if (date != nullptr) {
      *request.mutable_date() = StoryDate(s, *date);
    } else {
      *request.mutable_date() = SituationDate(country, sentence);
      confidence -= 0.1;
    }
    *request.add_evidence() = SentenceEvidence(s.doc(), s.sentence());
    request.set_confidence(BoundConfidence(confidence));
    records_.push_back(std::move(request));
    sentence_of_.push_back(sentence);
    created = true;
  }

  if (!created) {
    // An outcome for a request still pending from the sentences before.
    bool applied = false;
    const v1::AssistanceOutcome outcome =
        OutcomeAfter(s, triggers, s.sentence().first_token, records_.empty() ? "" : records_.back().requester_country());
    if (outcome != v1::ASSISTANCE_OUTCOME_UNSPECIFIED && !records_.empty() &&
        sentence - sentence_of_.back() <= kMaxOutcomeBack &&
        records_.back().outcome() == v1::ASSISTANCE_OUTCOME_PENDING &&
        records_.back().factuality() == v1::FACTUALITY_ASSERTED) {
      records_.back().set_outcome(outcome);
      *records_.back().add_evidence() = SentenceEvidence(s.doc(), s.sentence());
      applied = true;
    }
    // A refusal by the organization: "the organization again refused to help Ruritania".
    for (const TriggerMatch& match : triggers) {
      if (applied) break;
      const Trigger* refusal = match.Find(TRIGGER_KIND_REFUSAL);
      if (refusal == nullptr) continue;
      const std::string organization = s.OrganizationBefore(match.first_token, 4);
      if (organization.empty()) continue;
      const Modality modality = ClassifyFactuality(s, match.first_token, match.end_token, *refusal);
      if (modality.factuality != v1::FACTUALITY_ASSERTED) continue;
      const Mention* object = nullptr;
      for (const Mention* m : s.mentions()) {
        if (m->first_token < match.end_token || m->first_token > match.end_token + kMaxObjectGap) continue;
        if (s.IsActingCountry(*m)) {
          object = m;
          break;
        }
      }
      if (object == nullptr || object->code == organization) continue;
      v1::AssistanceRequest request;
      request.set_organization(organization);
      request.set_requester_country(object->code);
      request.set_outcome(v1::ASSISTANCE_OUTCOME_DENIED);
      request.set_factuality(v1::FACTUALITY_ASSERTED);
      *request.mutable_date() = DateOf(s.NearestDate(match.first_token, match.end_token));
      *request.add_evidence() = SentenceEvidence(s.doc(), s.sentence());
      request.set_confidence(BoundConfidence(refusal->confidence() - 0.1));
      records_.push_back(std::move(request));
      sentence_of_.push_back(sentence);
      break;
    }
  }
}

}  // namespace alliance::ingest::events
