// HistoricalFacts: the consolidated facts as a replica knew them after an
// earlier applied sequence (knowledge time), rebuilt from its watch log, for
// answers with known_as_of_sequence (or known_as_of_unix, resolved to a
// sequence by knowledge_time.h).
//
// The watch log holds, per applied batch, every fact that batch added,
// updated or removed, as it then was (with the strongest quotes an answer
// carries and evidence_total). Replaying its entries up to a sequence gives
// the facts as they were after the last batch at or before it: the state a
// replica stopped there answered from. A backlog applied in one batch has no
// states in between; its entry stands at its last sequence.
//
// Ownership: owns its copy of the facts; the store is read only in Rebuild().
// Thread-safety: immutable after Rebuild(); safe for concurrent reads.
#ifndef ALLIANCE_QUERY_HISTORICAL_FACTS_H_
#define ALLIANCE_QUERY_HISTORICAL_FACTS_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "query-service/fact_reader.h"
#include "query-service/fact_store.h"

namespace alliance::query {

class HistoricalFacts final : public FactReader {
 public:
  // Replays `store`'s watch log up to `sequence` (0: none of it, the empty
  // state before the first batch, which known_as_of_unix may ask for).
  // FAILED_PRECONDITION naming known_as_of_sequence when the store has not
  // applied `sequence` yet; OUT_OF_RANGE when the log no longer reaches back
  // to the first sequence (--watch_retention pruned it), so the state cannot
  // be rebuilt.
  static absl::StatusOr<std::unique_ptr<HistoricalFacts>> Rebuild(const FactStore& store, uint64_t sequence);

  // Builds the state from watch-log `entries` in order (Rebuild's replay; for tests).
  static std::unique_ptr<HistoricalFacts> FromEntries(const std::vector<v1::WatchResponse>& entries);

  absl::StatusOr<std::vector<v1::MembershipEvent>> MembershipEvents(
      const Scope& scope, const std::function<bool(const v1::MembershipEvent&)>& keep) const override;
  absl::StatusOr<Page<v1::MembershipEvent>> MembershipEventPage(
      const Scope& scope, absl::string_view after_key, size_t limit,
      const std::function<bool(const v1::MembershipEvent&)>& keep) const override;
  absl::StatusOr<Page<v1::Intervention>> InterventionPage(
      const Scope& scope, absl::string_view after_key, size_t limit,
      const std::function<bool(const v1::Intervention&)>& keep) const override;
  absl::StatusOr<Page<v1::AssistanceRequest>> AssistanceRequestPage(
      const Scope& scope, absl::string_view after_key, size_t limit,
      const std::function<bool(const v1::AssistanceRequest&)>& keep) const override;
  absl::StatusOr<std::vector<v1::Conflict>> Conflicts(
      const std::function<bool(const v1::Conflict&)>& keep) const override;

  // The number of facts and conflicts held.
  size_t size() const;

 private:
  HistoricalFacts() = default;
  void Replay(const v1::WatchResponse& entry);

  // By id (conflicts by subject id, then field): key order.
  std::map<std::string, v1::MembershipEvent> events_;
  std::map<std::string, v1::Intervention> interventions_;
  std::map<std::string, v1::AssistanceRequest> requests_;
  std::map<std::pair<std::string, std::string>, v1::Conflict> conflicts_;
};

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_HISTORICAL_FACTS_H_
