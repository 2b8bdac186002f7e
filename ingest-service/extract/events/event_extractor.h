// The event stages over one annotated document: membership events,
// interventions and assistance requests, each with evidence and factuality.
#ifndef ALLIANCE_INGEST_EXTRACT_EVENTS_EVENT_EXTRACTOR_H_
#define ALLIANCE_INGEST_EXTRACT_EVENTS_EVENT_EXTRACTOR_H_

#include <vector>

#include "alliance/v1/records.pb.h"
#include "ingest-service/extract/annotated_document.h"
#include "ingest-service/extract/events/trigger_lexicon.h"

namespace alliance::ingest::events {

// Runs the event stages sentence by sentence. Immutable after construction
// and thread-safe: Extract keeps its per-document state on the stack.
class EventExtractor {
 public:
  // `words` must outlive the extractor.
  explicit EventExtractor(const TriggerLexicon& words) : words_(words) {}

  EventExtractor(const EventExtractor&) = delete;
  EventExtractor& operator=(const EventExtractor&) = delete;

  // Returns the records of `doc`: membership events, then interventions, then
  // assistance requests, each in sentence order. A record whose organization
  // no stage could tell gets the lexicon's default one (default_focus), so
  // every record names an organization when the lexicon has a default.
  // Deterministic.
  std::vector<v1::Record> Extract(const AnnotatedDocument& doc) const;

 private:
  const TriggerLexicon& words_;
};

}  // namespace alliance::ingest::events

#endif  // ALLIANCE_INGEST_EXTRACT_EVENTS_EVENT_EXTRACTOR_H_
