#include "ingest-service/extract/events/event_records.h"

#include <algorithm>

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

double BoundConfidence(double value) { return std::clamp(value, 0.3, 0.95); }

}  // namespace alliance::ingest::events
