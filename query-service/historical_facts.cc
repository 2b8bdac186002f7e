#include "query-service/historical_facts.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "query-service/sort_keys.h"

namespace alliance::query {
namespace {

// Watch-log entries read per step of a replay, and their most bytes.
constexpr size_t kReplayBatch = 64;
constexpr size_t kReplayBytes = size_t{8} << 20;

// The id prefix of `scope` for facts of `kind` ("intervention/CSTO/" or
// "intervention/CSTO/KAZ/").
std::string PrefixOf(absl::string_view kind, const FactReader::Scope& scope) {
  return scope.country.empty() ? absl::StrCat(kind, "/", scope.organization, "/")
                               : absl::StrCat(kind, "/", scope.organization, "/", scope.country, "/");
}

template <typename Fact>
void Set(const v1::RecordChange& change, const Fact& fact, std::map<std::string, Fact>* facts) {
  if (change.kind() == v1::CHANGE_KIND_REMOVED) {
    facts->erase(fact.id());
  } else {
    (*facts)[fact.id()] = fact;
  }
}

// The facts of `facts` in `scope` that `keep` accepts, in List order, after
// `after_key`, at most `limit` (more: one more follows).
template <typename Fact>
FactReader::Page<Fact> PageOf(const std::map<std::string, Fact>& facts, absl::string_view kind,
                              const FactReader::Scope& scope, absl::string_view after_key, size_t limit,
                              const std::function<bool(const Fact&)>& keep) {
  const std::string prefix = PrefixOf(kind, scope);
  std::vector<std::pair<std::string, const Fact*>> keyed;
  for (auto it = facts.lower_bound(prefix); it != facts.end() && absl::StartsWith(it->first, prefix); ++it) {
    if (keep && !keep(it->second)) continue;
    std::string key = SortKeyOf(it->second);
    if (!after_key.empty() && key <= after_key) continue;
    keyed.emplace_back(std::move(key), &it->second);
  }
  std::sort(keyed.begin(), keyed.end());
  FactReader::Page<Fact> page;
  for (const auto& [key, fact] : keyed) {
    if (page.facts.size() == limit) {
      page.more = true;
      break;
    }
    page.facts.push_back(*fact);
  }
  return page;
}

}  // namespace

absl::StatusOr<std::unique_ptr<HistoricalFacts>> HistoricalFacts::Rebuild(const FactStore& store, uint64_t sequence) {
  const uint64_t applied = store.applied_sequence();
  if (sequence > applied) {
    return absl::FailedPreconditionError(absl::StrCat("known_as_of_sequence: ", sequence,
                                                      " is not applied on this replica yet (applied: ", applied, ")"));
  }
  if (!store.watch_log_reaches_start()) {
    return absl::OutOfRangeError(absl::StrCat("known_as_of_sequence: this replica keeps only its latest watch-log "
                                              "entries (--watch_retention), from sequence ",
                                              store.watch_log_start(), ", so earlier states cannot be rebuilt"));
  }
  std::unique_ptr<HistoricalFacts> facts(new HistoricalFacts());
  uint64_t cursor = 0;
  while (cursor < sequence) {
    ASSIGN_OR_RETURN(const std::vector<v1::WatchResponse> entries,
                     store.ReadWatchLog(cursor, sequence, kReplayBatch, kReplayBytes));
    if (entries.empty()) break;
    for (const v1::WatchResponse& entry : entries) {
      facts->Replay(entry);
      cursor = entry.sequence();
    }
  }
  return facts;
}

std::unique_ptr<HistoricalFacts> HistoricalFacts::FromEntries(const std::vector<v1::WatchResponse>& entries) {
  std::unique_ptr<HistoricalFacts> facts(new HistoricalFacts());
  for (const v1::WatchResponse& entry : entries) facts->Replay(entry);
  return facts;
}

void HistoricalFacts::Replay(const v1::WatchResponse& entry) {
  for (const v1::RecordChange& change : entry.changes()) {
    switch (change.fact_case()) {
      case v1::RecordChange::kMembershipEvent:
        Set(change, change.membership_event(), &events_);
        break;
      case v1::RecordChange::kIntervention:
        Set(change, change.intervention(), &interventions_);
        break;
      case v1::RecordChange::kAssistanceRequest:
        Set(change, change.assistance_request(), &requests_);
        break;
      case v1::RecordChange::kConflict: {
        const auto key = std::make_pair(change.conflict().subject_id(), change.conflict().field());
        if (change.kind() == v1::CHANGE_KIND_REMOVED) {
          conflicts_.erase(key);
        } else {
          conflicts_[key] = change.conflict();
        }
        break;
      }
      default:
        break;
    }
  }
}

absl::StatusOr<std::vector<v1::MembershipEvent>> HistoricalFacts::MembershipEvents(
    const Scope& scope, const std::function<bool(const v1::MembershipEvent&)>& keep) const {
  const std::string prefix = PrefixOf("membership", scope);
  std::vector<v1::MembershipEvent> out;
  for (auto it = events_.lower_bound(prefix); it != events_.end() && absl::StartsWith(it->first, prefix); ++it) {
    if (!keep || keep(it->second)) out.push_back(it->second);
  }
  return out;
}

absl::StatusOr<FactReader::Page<v1::MembershipEvent>> HistoricalFacts::MembershipEventPage(
    const Scope& scope, absl::string_view after_key, size_t limit,
    const std::function<bool(const v1::MembershipEvent&)>& keep) const {
  return PageOf(events_, "membership", scope, after_key, limit, keep);
}

absl::StatusOr<FactReader::Page<v1::Intervention>> HistoricalFacts::InterventionPage(
    const Scope& scope, absl::string_view after_key, size_t limit,
    const std::function<bool(const v1::Intervention&)>& keep) const {
  return PageOf(interventions_, "intervention", scope, after_key, limit, keep);
}

absl::StatusOr<FactReader::Page<v1::AssistanceRequest>> HistoricalFacts::AssistanceRequestPage(
    const Scope& scope, absl::string_view after_key, size_t limit,
    const std::function<bool(const v1::AssistanceRequest&)>& keep) const {
  return PageOf(requests_, "request", scope, after_key, limit, keep);
}

absl::StatusOr<std::vector<v1::Conflict>> HistoricalFacts::Conflicts(
    const std::function<bool(const v1::Conflict&)>& keep) const {
  std::vector<v1::Conflict> out;
  for (const auto& [key, conflict] : conflicts_) {
    if (!keep || keep(conflict)) out.push_back(conflict);
  }
  return out;
}

size_t HistoricalFacts::size() const {
  return events_.size() + interventions_.size() + requests_.size() + conflicts_.size();
}

}  // namespace alliance::query
