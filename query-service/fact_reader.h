// FactReader: what the query answers read consolidated facts through. The
// FactStore reads the current state from RocksDB; HistoricalFacts
// (historical_facts.h) holds the state as it was known at an earlier applied
// sequence. FactQueries answers from either with the same code.
//
// Thread-safety: implementations are safe for concurrent reads.
#ifndef ALLIANCE_QUERY_FACT_READER_H_
#define ALLIANCE_QUERY_FACT_READER_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "alliance/v1/query_service.pb.h"
#include "alliance/v1/records.pb.h"

namespace alliance::query {

class FactReader {
 public:
  virtual ~FactReader() = default;

  // Which facts of a kind to read: an organization's, and among them one
  // country's when `country` is set (a membership event's country, an
  // intervention's host, a request's requester). Fact ids begin
  // "<kind>/<ORG>/<COUNTRY>/", so a scope is one prefix of ids.
  struct Scope {
    std::string organization;
    std::string country;
  };

  // One page of a List answer.
  template <typename Fact>
  struct Page {
    // In List order (sort_keys.h), each with its answer_evidence_per_fact
    // strongest quotes and evidence_total.
    std::vector<Fact> facts;
    // True when another fact that `keep` accepts follows the page.
    bool more = false;
  };

  // Returns the membership events in `scope` for which `keep` (may be empty:
  // keep all) returns true, in key order (by id), from one state, each with
  // its answer_evidence_per_fact strongest quotes and evidence_total.
  virtual absl::StatusOr<std::vector<v1::MembershipEvent>> MembershipEvents(
      const Scope& scope, const std::function<bool(const v1::MembershipEvent&)>& keep) const = 0;

  // Returns one page of the facts of one kind in `scope`, in the order their
  // List method answers in: the first `limit` for which `keep` (may be empty:
  // keep all) returns true among those whose sort key follows `after_key`
  // (empty: from the first), from one state.
  virtual absl::StatusOr<Page<v1::MembershipEvent>> MembershipEventPage(
      const Scope& scope, absl::string_view after_key, size_t limit,
      const std::function<bool(const v1::MembershipEvent&)>& keep) const = 0;
  virtual absl::StatusOr<Page<v1::Intervention>> InterventionPage(
      const Scope& scope, absl::string_view after_key, size_t limit,
      const std::function<bool(const v1::Intervention&)>& keep) const = 0;
  virtual absl::StatusOr<Page<v1::AssistanceRequest>> AssistanceRequestPage(
      const Scope& scope, absl::string_view after_key, size_t limit,
      const std::function<bool(const v1::AssistanceRequest&)>& keep) const = 0;

  // Returns the conflicts for which `keep` (may be empty) returns true, by
  // subject id, then field, with all their quotes.
  virtual absl::StatusOr<std::vector<v1::Conflict>> Conflicts(
      const std::function<bool(const v1::Conflict&)>& keep) const = 0;
};

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_FACT_READER_H_
