// FactSources: what the store holds about one consolidated fact, for
// explaining it (fact_explainer.h): the fact, the per-document records of its
// group, the documents they cite and the conflicts about it.
#ifndef ALLIANCE_QUERY_FACT_SOURCES_H_
#define ALLIANCE_QUERY_FACT_SOURCES_H_

#include <vector>

#include "alliance/v1/records.pb.h"
#include "query-service/consolidation/group_facts.h"
#include "query-service/consolidation/source_independence.h"

namespace alliance::query {

// Read from one snapshot of the store (FactStore::ReadFactSources). A plain
// value; owns its contents.
struct FactSources {
  // The fact (exactly one kind set), with all its evidence.
  v1::Record fact;
  // Every stored record of the fact's group (the records it was consolidated
  // from, among others), in key order.
  std::vector<SourcedRecord> records;
  // The documents the records cite, by id (those the store holds).
  DocumentMap documents;
  // The conflicts whose subject is the fact, by field.
  std::vector<v1::Conflict> conflicts;
};

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_FACT_SOURCES_H_
