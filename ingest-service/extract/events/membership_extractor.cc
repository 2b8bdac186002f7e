#include "ingest-service/extract/events/membership_extractor.h"

#include <string>

#include "ingest-service/extract/events/event_records.h"
#include "ingest-service/extract/events/modality.h"

namespace alliance::ingest::events {
namespace {

constexpr int kMaxObjectGap = 8;
// An organization named before the trigger counts only this close.
constexpr int kMaxOrganizationBefore = 20;

}  // namespace

void ExtractMembershipEvents(const SentenceStructure& s, const std::vector<TriggerMatch>& triggers,
                             std::vector<v1::MembershipEvent>* out) {
  const size_t first_new = out->size();
  for (size_t k = 0; k < triggers.size(); ++k) {
    const TriggerMatch& match = triggers[k];
    const Trigger* trigger = match.Find(TRIGGER_KIND_MEMBERSHIP);
    if (trigger == nullptr) continue;
    const std::vector<const Mention*> actors = s.Actors(match.first_token, match.end_token, false);
    if (actors.empty()) continue;
    double confidence = trigger->confidence();
    std::string organization = s.OrganizationAfter(match.end_token, kMaxObjectGap);
    if (organization.empty()) {
      organization = s.OrganizationBefore(match.first_token, kMaxOrganizationBefore);
      confidence -= 0.05;
    }
    if (organization.empty() && trigger->implicit_organization()) {
      organization = s.focus_organization();
      confidence -= 0.1;
    }
    if (organization.empty()) continue;
    const Modality modality = ClassifyFactuality(s, match.first_token, match.end_token, *trigger);
    int next = -1;
    for (size_t j = k + 1; j < triggers.size() && next < 0; ++j) {
      if (triggers[j].Find(TRIGGER_KIND_MEMBERSHIP) != nullptr) next = triggers[j].first_token;
    }
    const Mention* date = s.NearestDate(match.first_token, match.end_token, next);
    if (date != nullptr && s.ClauseOf(date->first_token) != s.ClauseOf(match.first_token)) confidence -= 0.05;
    if (actors.size() > 1) confidence -= 0.05;
    for (const Mention* actor : actors) {
      const std::string country = ActorCode(*actor);
      if (country.empty()) continue;
      bool duplicate = false;
      for (size_t i = first_new; i < out->size(); ++i) {
        const v1::MembershipEvent& e = (*out)[i];
        duplicate |= e.country() == country && e.organization() == organization &&
                     e.action() == TriggerLexicon::ActionOf(*trigger);
      }
      if (duplicate) continue;
      v1::MembershipEvent* event = &out->emplace_back();
      event->set_country(country);
      event->set_organization(organization);
      event->set_action(TriggerLexicon::ActionOf(*trigger));
      *event->mutable_date() = DateOf(date);
      *event->add_evidence() = SentenceEvidence(s.doc(), s.sentence());
      event->set_confidence(BoundConfidence(confidence));
      event->set_factuality(modality.factuality);
      event->set_reported_by(modality.reported_by);
    }
  }
}

}  // namespace alliance::ingest::events
