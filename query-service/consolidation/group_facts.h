// The input and output types of consolidation: records as they arrived in the
// change log, and the consolidated facts and conflicts of one group.
// Plain values: thread-compatible.
#ifndef ALLIANCE_QUERY_CONSOLIDATION_GROUP_FACTS_H_
#define ALLIANCE_QUERY_CONSOLIDATION_GROUP_FACTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "alliance/v1/records.pb.h"

namespace alliance::query {

// One per-document record with the change-log sequence that delivered it.
struct SourcedRecord {
  uint64_t sequence = 0;
  v1::Record record;
  // The document ids of the record's evidence as RecordDocumentIds() gives
  // them, kept with records that are consolidated again and again (a group
  // cache's): empty until PrepareForConsolidation() (consolidator.h) sets
  // it, and consolidation derives them itself while empty. Set it only
  // through that function, once the record is final.
  std::vector<std::string> document_ids;
};

// The consolidated facts of one group, each list sorted by id; conflicts sorted
// by subject_id, then field.
struct GroupFacts {
  std::vector<v1::MembershipEvent> membership_events;
  std::vector<v1::Intervention> interventions;
  std::vector<v1::AssistanceRequest> assistance_requests;
  std::vector<v1::Conflict> conflicts;
};

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_CONSOLIDATION_GROUP_FACTS_H_
