#include "ingest-service/extract/events/event_records.h"

#include <algorithm>

#include "common/partial_date.h"

namespace alliance::ingest::events {

v1::Evidence SentenceEvidence(const AnnotatedDocument& doc, const Sentence& sentence) {
  v1::Evidence evidence;
  evidence.set_sentence_index(sentence.index);
  evidence.set_begin(sentence.begin);
  evidence.set_end(sentence.end);
  evidence.set_quote(doc.text.substr(static_cast<size_t>(sentence.begin),
                                     static_cast<size_t>(sentence.end - sentence.begin)));
  return evidence;
}

v1::PartialDate DateOf(const Mention* date) {
  if (date == nullptr) return v1::PartialDate();
  return date->date;
}

void CompleteDateIntervals(v1::Record* record) {
  switch (record->kind_case()) {
    case v1::Record::kMembershipEvent:
      CompleteInterval(record->mutable_membership_event()->mutable_date());
      break;
    case v1::Record::kIntervention:
      CompleteInterval(record->mutable_intervention()->mutable_start());
      CompleteInterval(record->mutable_intervention()->mutable_end());
      break;
    case v1::Record::kAssistanceRequest:
      CompleteInterval(record->mutable_assistance_request()->mutable_date());
      break;
    case v1::Record::KIND_NOT_SET:
      break;
  }
}

double BoundConfidence(double value) { return std::clamp(value, 0.3, 0.95); }

}  // namespace alliance::ingest::events
