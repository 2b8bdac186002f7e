// Consolidation: turns the per-document records of one group into the facts
// the query service stores and serves, with their conflicts.
//
// A group is all records about one organization and country: membership
// records in one group, requests and interventions together in another (a
// granted request and the intervention it led to inform each other). The query
// service recomputes a group whenever a new document touches it and diffs the
// result against what it stored. Every replica must compute the same bytes, so
// the result depends only on the SET of records and documents given: records
// are sorted canonically first, every choice has a deterministic tie-break, no
// hash-map iteration reaches the output, and confidence is computed from
// integers. See membership_merge.h, request_merge.h, intervention_merge.h and
// source_independence.h for the rules.
//
// All functions are pure and thread-safe.
#ifndef ALLIANCE_QUERY_CONSOLIDATION_CONSOLIDATOR_H_
#define ALLIANCE_QUERY_CONSOLIDATION_CONSOLIDATOR_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "alliance/v1/ingest_service.pb.h"
#include "alliance/v1/records.pb.h"
#include "query-service/consolidation/copy_graph.h"
#include "query-service/consolidation/group_facts.h"
#include "query-service/consolidation/membership_merge.h"

namespace alliance::query {

// Returns the group a record belongs to: "membership/<ORG>/<COUNTRY>" or, for
// interventions (by host) and requests (by requester), "aid/<ORG>/<COUNTRY>", with
// `default_organization` standing in for an empty organization. Returns ""
// for a record with no kind set.
std::string GroupKeyOf(const v1::Record& record, absl::string_view default_organization);

// Returns the prefixes every group key of `organization` starts with (one per
// kind of group), so a store can find an organization's groups by prefix.
std::vector<std::string> GroupKeyPrefixesOf(absl::string_view organization);

// Sets what consolidation derives from `record` alone (its document ids), so
// that consolidating it again and again does not derive them each time. Call
// it once the record is final.
void PrepareForConsolidation(SourcedRecord* record);

// Sorts `records` into canonical order: by their deterministic bytes, then
// sequence. Consolidation reads records in this order, so its result depends
// on the set of records only.
void SortCanonically(std::vector<SourcedRecord>* records);

// Inserts `record` into `records` (in canonical order), keeping the order.
void InsertCanonically(SourcedRecord record, std::vector<SourcedRecord>* records);

// What a caller that consolidates one group again and again keeps between
// calls, so each call need not derive it. The result is the same with or
// without it.
struct ConsolidationAids {
  // The CopyGraph of exactly the documents given; null: built for the call.
  const CopyGraph* copies = nullptr;
  // True when the records are in canonical order already (SortCanonically).
  bool records_in_canonical_order = false;
};

// Consolidates `records` (normally one group; records of several groups are
// consolidated group by group) into facts and conflicts. `documents` supplies
// publication dates, titles and sentence fingerprints by document id; missing
// documents count as independent sources. Records without a kind are ignored.
// Facts are sorted by id, conflicts by subject_id then field; at most one
// conflict exists per (subject_id, field).
GroupFacts ConsolidateGroup(const std::vector<SourcedRecord>& records,
                            const absl::flat_hash_map<std::string, v1::DocumentInfo>& documents,
                            absl::string_view default_organization, const ConsolidationAids& aids = {});

// What consolidating one group keeps for the next consolidation of it
// (ConsolidateGroupKeeping). Empty when made; a move-only value.
struct KeptConsolidation {
  // The merge of a group of membership events; empty for other groups.
  std::optional<MembershipMerge> membership;
  // Calls that updated `membership` with the added records, and calls that
  // merged every record (for metrics and tests).
  int64_t updates = 0;
  int64_t rebuilds = 0;

  // Returns an estimate of the memory held, in bytes.
  size_t EstimateBytes() const { return membership.has_value() ? membership->EstimateBytes() : 0; }
};

// Returns the facts of a group that a kept consolidation holds, with
// `added` (copies of the records added since, prepared) when each of them
// retells a fact it holds (MembershipMerge::TryAdd): the bytes
// ConsolidateGroup() gives for the group's records, updating `kept` (not
// null) and reading no other record. Otherwise returns nullopt and empties
// `kept`: the caller consolidates the group from scratch
// (ConsolidateAndKeep).
//
// aids.copies must be the graph of `documents` that the call that made
// `kept` was given, grown only. The caller empties `kept` whenever a
// document changes, an id once missing from `documents` is added to it, or
// the graph is built afresh (see MembershipMerge).
std::optional<GroupFacts> ConsolidateAdded(const std::vector<SourcedRecord>& added,
                                           const absl::flat_hash_map<std::string, v1::DocumentInfo>& documents,
                                           const ConsolidationAids& aids, KeptConsolidation* kept);

// Returns ConsolidateGroup(records, documents, default_organization, aids),
// the same bytes, keeping in `kept` (not null) what ConsolidateAdded() needs
// when the records are a group of membership events. `records` must be of
// one group, in canonical order (aids.records_in_canonical_order).
GroupFacts ConsolidateAndKeep(const std::vector<SourcedRecord>& records,
                              const absl::flat_hash_map<std::string, v1::DocumentInfo>& documents,
                              absl::string_view default_organization, const ConsolidationAids& aids,
                              KeptConsolidation* kept);

// ConsolidateAdded(), or else ConsolidateAndKeep(): `records` are the
// group's records, `added` among them.
GroupFacts ConsolidateGroupKeeping(const std::vector<SourcedRecord>& records,
                                   const std::vector<SourcedRecord>& added,
                                   const absl::flat_hash_map<std::string, v1::DocumentInfo>& documents,
                                   absl::string_view default_organization, const ConsolidationAids& aids,
                                   KeptConsolidation* kept);

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_CONSOLIDATION_CONSOLIDATOR_H_
