// Membership events: who signed, joined, renewed, declined to renew, left,
// rejoined, was suspended, became an observer or was floated as a partner.
#ifndef ALLIANCE_INGEST_EXTRACT_EVENTS_MEMBERSHIP_EXTRACTOR_H_
#define ALLIANCE_INGEST_EXTRACT_EVENTS_MEMBERSHIP_EXTRACTOR_H_

#include <vector>

#include "alliance/v1/records.pb.h"
#include "ingest-service/extract/events/sentence_structure.h"
#include "ingest-service/extract/events/trigger_lexicon.h"

namespace alliance::ingest::events {

// Appends to `out` (not null) one event per acting country of each membership
// trigger in `sentence`:
// * actors are the trigger's agents or subject (SentenceStructure::Actors), a
//   coordinated list giving one event per country;
// * the organization is the one named (or "the organization") at most eight
//   tokens after the trigger, else the nearest one before it in the sentence,
//   else, for triggers that allow it ("founding member"), the document's
//   focus organization; no organization, no event;
// * the date is the first after the trigger in its clause and before the next
//   membership trigger, else the nearest in the clause, else in the sentence;
//   none is borrowed from other sentences;
// * factuality and its cue come from ClassifyFactuality, except that a negated
//   renewal is an asserted DECLINED_RENEWAL (no cue) and "refused to sign" is
//   NEGATED with the refusal as its cue.
// Pure.
void ExtractMembershipEvents(const SentenceStructure& sentence, const std::vector<TriggerMatch>& triggers,
                             std::vector<v1::MembershipEvent>* out);

}  // namespace alliance::ingest::events

#endif  // ALLIANCE_INGEST_EXTRACT_EVENTS_MEMBERSHIP_EXTRACTOR_H_
