// Small helpers the event stages share to build records: evidence of a
// sentence, dates of mentions, confidence bounds.
#ifndef ALLIANCE_INGEST_EXTRACT_EVENTS_EVENT_RECORDS_H_
#define ALLIANCE_INGEST_EXTRACT_EVENTS_EVENT_RECORDS_H_

#include "alliance/v1/records.pb.h"
#include "ingest-service/extract/annotated_document.h"

namespace alliance::ingest::events {

// Returns the evidence of sentence `sentence` of `doc`: its index, byte range
// and text.
v1::Evidence SentenceEvidence(const AnnotatedDocument& doc, const Sentence& sentence);

// Returns the date of a date mention (unset for null).
v1::PartialDate DateOf(const Mention* date);

// Gives every set date of `record` its interval (CompleteInterval): the
// stages set it where the words narrow it ("spring 2021"); the rest cover
// what their parts say.
void CompleteDateIntervals(v1::Record* record);

// Returns `value` clamped to [0.3, 0.95].
double BoundConfidence(double value);

}  // namespace alliance::ingest::events

#endif  // ALLIANCE_INGEST_EXTRACT_EVENTS_EVENT_RECORDS_H_
