#include "query-service/watch_stream.h"

#include <algorithm>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/log_tail.h"
#include "common/status_macros.h"
#include "query-service/request_validation.h"

namespace alliance::query {
namespace {

// Watch-log entries read per batch while replaying.
constexpr size_t kWatchBatch = 64;
// Most stored bytes of watch-log entries a Watch stream reads at once: entries
// of a catch-up batch are MiBs each, and every stream replaying the log would
// otherwise hold 64 of them.
constexpr size_t kWatchReadBytes = size_t{1} << 20;

// Returns the Watch kind name of a fact change.
absl::string_view KindOf(const v1::RecordChange& change) {
  switch (change.fact_case()) {
    case v1::RecordChange::kMembershipEvent: return kMembershipKind;
    case v1::RecordChange::kIntervention: return kInterventionKind;
    case v1::RecordChange::kAssistanceRequest: return kRequestKind;
    case v1::RecordChange::kConflict: return kConflictKind;
    default: return "";
  }
}

// The filters of one Watch call.
struct WatchFilter {
  std::string organization;  // empty: any
  std::string country;       // empty: any
  std::set<std::string> kinds;  // empty: all
  std::string default_organization;

  bool Matches(const v1::RecordChange& change) const {
    if (!kinds.empty() && kinds.count(std::string(KindOf(change))) == 0) return false;
    if (!organization.empty() && OrganizationOf(change) != organization) return false;
    return country.empty() || InvolvesCountry(change);
  }

  absl::string_view OrganizationOf(const v1::RecordChange& change) const {
    switch (change.fact_case()) {
      case v1::RecordChange::kMembershipEvent:
        return query::OrganizationOf(change.membership_event().organization(), default_organization);
      case v1::RecordChange::kIntervention:
        return query::OrganizationOf(change.intervention().organization(), default_organization);
      case v1::RecordChange::kAssistanceRequest:
        return query::OrganizationOf(change.assistance_request().organization(), default_organization);
      case v1::RecordChange::kConflict:
        return query::OrganizationOf(change.conflict().organization(), default_organization);
      default:
        return "";
    }
  }

  bool InvolvesCountry(const v1::RecordChange& change) const {
    switch (change.fact_case()) {
      case v1::RecordChange::kMembershipEvent:
        return change.membership_event().country() == country;
      case v1::RecordChange::kIntervention: {
        const v1::Intervention& intervention = change.intervention();
        if (intervention.host_country() == country || intervention.requested_by() == country) return true;
        for (const std::string& contributor : intervention.contributing_countries()) {
          if (contributor == country) return true;
        }
        for (const v1::TroopContribution& troops : intervention.troops()) {
          if (troops.country() == country) return true;
        }
        return false;
      }
      case v1::RecordChange::kAssistanceRequest:
        return change.assistance_request().requester_country() == country;
      case v1::RecordChange::kConflict: {
        // Subject ids are paths such as "request/<ORG>/<COUNTRY>/<YEAR>".
        for (absl::string_view part : absl::StrSplit(change.conflict().subject_id(), '/')) {
          if (part == country) return true;
        }
        return false;
      }
      default:
        return false;
    }
  }
};

}  // namespace

absl::Status StreamWatch(const FactStore* store, const v1::WatchRequest& request, const WatchStreamOptions& options,
                         absl::FunctionRef<absl::Status()> keep_going, MessageWriter<v1::WatchResponse>* writer) {
  WatchFilter filter;
  filter.organization = request.organization();
  filter.country = request.country();
  filter.default_organization = options.default_organization;
  filter.kinds.insert(request.kinds().begin(), request.kinds().end());

  uint64_t cursor = request.after_sequence();
  uint64_t applied = 0;  // as deliver last read it: what a progress notification may claim
  auto write = [writer](const v1::WatchResponse& response) {
    return writer->Write(response) ? absl::OkStatus() : absl::CancelledError("the client went away");
  };
  auto deliver = [&]() -> absl::StatusOr<LogTailSteps::Delivery> {
    applied = store->applied_sequence();
    LogTailSteps::Delivery delivery;
    if (cursor >= applied) return delivery;
    const uint64_t start = store->watch_log_start();
    if (cursor + 1 < start) {
      return absl::OutOfRangeError(absl::StrCat("after_sequence: ", cursor,
                                                " is older than the retained watch history, which starts at ",
                                                start, "; re-read the state and watch from ", applied));
    }
    ASSIGN_OR_RETURN(const std::vector<v1::WatchResponse> entries,
                     store->ReadWatchLog(cursor, applied, kWatchBatch, kWatchReadBytes));
    delivery.advanced = true;
    for (const v1::WatchResponse& entry : entries) {
      // Parts of a large entry carry the sequence before it (see
      // WatchResponse.continued); the last part carries its own.
      const uint64_t before_entry = cursor;
      cursor = entry.sequence();
      v1::WatchResponse out;
      size_t out_bytes = 0;
      for (const v1::RecordChange& change : entry.changes()) {
        if (!filter.Matches(change)) continue;
        const size_t bytes = change.ByteSizeLong();
        if (out.changes_size() > 0 && out_bytes + bytes > options.response_bytes) {
          out.set_sequence(before_entry);
          out.set_continued(true);
          out.set_ingested_at_unix(entry.ingested_at_unix());
          RETURN_IF_ERROR(write(out));
          delivery.wrote = true;
          out.Clear();
          out_bytes = 0;
        }
        *out.add_changes() = change;
        out_bytes += bytes;
      }
      if (out.changes_size() == 0) continue;
      out.set_sequence(entry.sequence());
      out.set_ingested_at_unix(entry.ingested_at_unix());
      RETURN_IF_ERROR(write(out));
      delivery.wrote = true;
    }
    if (entries.empty()) cursor = applied;  // nothing retained in between
    return delivery;
  };
  auto notify_idle = [&] {
    v1::WatchResponse progress;
    progress.set_progress_notify(true);
    progress.set_sequence(applied);
    return write(progress);
  };
  auto wait = [&](absl::Duration at_most) { store->WaitForAppliedAbove(std::max(cursor, applied), at_most); };
  LogTailOptions tail;
  tail.idle_notice_interval = options.progress_interval;
  tail.notice_when_first_caught_up = true;  // the replay is over
  tail.poll_interval = options.poll_interval;
  return FollowLog(tail, {keep_going, deliver, notify_idle, wait});
}

}  // namespace alliance::query
