#include "ingest-service/extract/events/event_extractor.h"

#include <string>
#include <utility>

#include "common/partial_date.h"
#include "ingest-service/extract/events/event_records.h"
#include "ingest-service/extract/events/intervention_extractor.h"
#include "ingest-service/extract/events/membership_extractor.h"
#include "ingest-service/extract/events/request_extractor.h"
#include "ingest-service/extract/events/sentence_structure.h"

namespace alliance::ingest::events {

std::vector<v1::Record> EventExtractor::Extract(const AnnotatedDocument& doc) const {
  const std::string focus = FocusOrganization(doc, words_.default_organization());
  std::vector<v1::MembershipEvent> memberships;
  InterventionExtractor interventions;
  RequestExtractor requests;
  size_t mention = 0;
  for (const Sentence& sentence : doc.sentences) {
    std::vector<TriggerMatch> triggers = words_.FindTriggers(doc.tokens, sentence.first_token, sentence.end_token);
    if (!triggers.empty()) {
      const SentenceStructure structure(doc, sentence.index, words_, focus);
      const size_t memberships_before = memberships.size();
      const size_t requests_before = requests.records().size();
      const size_t interventions_before = interventions.records().size();
      ExtractMembershipEvents(structure, triggers, &memberships);
      requests.AddSentence(structure, triggers);
      interventions.AddSentence(structure, triggers, requests.records());
      // The story's date for the sentences after: the last dated event told.
      v1::PartialDate story;
      for (size_t i = memberships_before; i < memberships.size(); ++i) {
        if (!IsUnset(memberships[i].date())) story = memberships[i].date();
      }
      for (size_t i = requests_before; i < requests.records().size(); ++i) {
        if (!IsUnset(requests.records()[i].date())) story = requests.records()[i].date();
      }
      for (size_t i = interventions_before; i < interventions.records().size(); ++i) {
        const v1::Intervention& r = interventions.records()[i];
        if (!IsUnset(r.start())) story = r.start();
        if (!IsUnset(r.end())) story = r.end();
      }
      if (!IsUnset(story)) requests.SetStoryDate(story);
    }
    const size_t first_mention = mention;
    while (mention < doc.mentions.size() && doc.mentions[mention].begin < sentence.end) ++mention;
    requests.NoteSentence(sentence.index, doc.mentions.data() + first_mention, doc.mentions.data() + mention);
  }
  std::vector<v1::Record> records;
  for (v1::MembershipEvent& e : memberships) *records.emplace_back().mutable_membership_event() = std::move(e);
  std::vector<v1::AssistanceRequest> assistance = requests.records();
  std::vector<v1::Intervention> deployments = interventions.Finish();
  for (v1::Intervention& i : deployments) *records.emplace_back().mutable_intervention() = std::move(i);
  for (v1::AssistanceRequest& r : assistance) *records.emplace_back().mutable_assistance_request() = std::move(r);
  // Every stored record names its organization: one no stage could tell is the
  // ledger's default (decided here once, not by each reader downstream).
  const std::string& fallback = words_.default_organization();
  for (v1::Record& record : records) {
    std::string* organization = nullptr;
    switch (record.kind_case()) {
      case v1::Record::kMembershipEvent:
        organization = record.mutable_membership_event()->mutable_organization();
        break;
      case v1::Record::kIntervention:
        organization = record.mutable_intervention()->mutable_organization();
        break;
      case v1::Record::kAssistanceRequest:
        organization = record.mutable_assistance_request()->mutable_organization();
        break;
      case v1::Record::KIND_NOT_SET:
        break;
    }
    if (organization != nullptr && organization->empty()) *organization = fallback;
    CompleteDateIntervals(&record);
  }
  return records;
}

}  // namespace alliance::ingest::events
