#include "ingest-service/extract/events/request_extractor.h"

#include "common/partial_date.h"
#include "ingest-service/extract/events/event_records.h"
#include "ingest-service/extract/events/modality.h"

namespace alliance::ingest::events {
namespace {

// The organization asked must follow the trigger this closely.
constexpr int kMaxOrganizationGap = 3;
// Outcomes in later sentences apply this far.
constexpr int kMaxOutcomeBack = 2;
// A request without a date takes the situation's date from this far back.
constexpr int kMaxSituationBack = 5;
// The helped country follows a refusal this closely ("refused to help Armenia").
constexpr int kMaxObjectGap = 6;

// Returns true when the request noun at `first` refers back ("the request",
// "its request", "Armenia's request").
bool RefersBack(const SentenceStructure& s, int first) {
  if (first <= s.sentence().first_token) return false;
  const Token& before = s.doc().tokens[static_cast<size_t>(first - 1)];
  if (s.words().IsWord(kDefinite, before) || s.words().IsWord(kPossessive, before)) return true;
  return before.lower == "'s";
}

}  // namespace

v1::AssistanceOutcome RequestExtractor::OutcomeAfter(const SentenceStructure& s,
                                                     const std::vector<TriggerMatch>& triggers, int after) const {
  for (const TriggerMatch& match : triggers) {
    if (match.first_token < after) continue;
    const Trigger* refusal = match.Find(TRIGGER_KIND_REFUSAL);
    const Trigger* acceptance = match.Find(TRIGGER_KIND_ACCEPTANCE);
    if (refusal == nullptr && acceptance == nullptr) continue;
    const Modality modality = ClassifyFactuality(s, match.first_token, match.end_token,
                                                 refusal != nullptr ? *refusal : *acceptance);
    // Proposal words before it belong to the request ("called on the CSTO").
    if (modality.factuality == v1::FACTUALITY_HYPOTHETICAL || modality.factuality == v1::FACTUALITY_NEGATED) continue;
    return refusal != nullptr ? v1::ASSISTANCE_OUTCOME_DENIED : v1::ASSISTANCE_OUTCOME_GRANTED;
  }
  return v1::ASSISTANCE_OUTCOME_UNSPECIFIED;
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
    if (trigger == nullptr || RefersBack(s, match.first_token)) continue;
    const std::string organization = s.OrganizationAfter(match.end_token, kMaxOrganizationGap);
    if (organization.empty()) continue;
    const std::vector<const Mention*> actors = s.Actors(match.first_token, match.end_token, true);
    if (actors.empty()) continue;
    const Mention* actor = actors.back();
    const std::string country = ActorCode(*actor);
    if (country.empty() || country == organization) continue;
    bool duplicate = false;
    for (size_t i = 0; i < records_.size(); ++i) {
      duplicate |= sentence_of_[i] == sentence && records_[i].requester_country() == country;
    }
    if (duplicate) continue;

    const Modality modality = ClassifyFactuality(s, match.first_token, match.end_token, *trigger);
    v1::AssistanceRequest request;
    request.set_organization(organization);
    request.set_requester_country(country);
    if (actor->kind == MentionKind::kPerson) request.set_requester_person(actor->code);
    double confidence = trigger->confidence();
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
      const v1::AssistanceOutcome after = OutcomeAfter(s, triggers, match.end_token);
      if (after != v1::ASSISTANCE_OUTCOME_UNSPECIFIED) outcome = after;
    }
    request.set_outcome(outcome);
    request.set_factuality(factuality);
    request.set_context(s.PurposeAfter(match.end_token));
    const Mention* date = s.NearestDate(match.first_token, match.end_token);
    if (date != nullptr) {
      *request.mutable_date() = date->date;
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
    const v1::AssistanceOutcome outcome = OutcomeAfter(s, triggers, s.sentence().first_token);
    if (outcome != v1::ASSISTANCE_OUTCOME_UNSPECIFIED && !records_.empty() &&
        sentence - sentence_of_.back() <= kMaxOutcomeBack &&
        records_.back().outcome() == v1::ASSISTANCE_OUTCOME_PENDING &&
        records_.back().factuality() == v1::FACTUALITY_ASSERTED) {
      records_.back().set_outcome(outcome);
      *records_.back().add_evidence() = SentenceEvidence(s.doc(), s.sentence());
      applied = true;
    }
    // A refusal by the organization: "the organization again refused to help Armenia".
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
