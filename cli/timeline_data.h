// Gathers what the timeline picture shows from the query service and turns it
// into a Timeline (cli/timeline_model.h): GetMembershipHistory for every
// country (its events and the membership periods the service derives from
// them, query-service/consolidation/membership_timeline), and every page of
// ListInterventions and ListAssistanceRequests. Only the default answers are
// drawn (asserted and reported facts), whatever --include-unasserted says, so
// that the picture never shows a proposed or negated fact as if it happened.
//
// Ownership: FetchTimelineFacts uses the stubs and streams of the
// CommandContext it is given and keeps nothing; BuildTimeline returns a new
// value.
//
// Thread contract: BuildTimeline is pure and thread-safe; FetchTimelineFacts
// is thread-compatible, as the CommandContext is.
#ifndef ALLIANCE_CLI_TIMELINE_DATA_H_
#define ALLIANCE_CLI_TIMELINE_DATA_H_

#include <string>
#include <vector>

#include "alliance/v1/query_service.pb.h"
#include "alliance/v1/records.pb.h"
#include "cli/command_context.h"
#include "cli/timeline_model.h"

namespace alliance::cli {

// The query service's answers a timeline is built from.
struct TimelineFacts {
  // The organization asked about; empty for the service's default.
  std::string organization;
  // Every country's membership events and periods.
  v1::GetMembershipHistoryResponse history;
  std::vector<v1::Intervention> interventions;
  std::vector<v1::AssistanceRequest> requests;
};

// Calls the query service for the organization in context.options (all pages)
// and fills `facts`, which must not be null. Returns kExitOk, or the exit code
// of the failed call after reporting it on the context's err stream.
int FetchTimelineFacts(CommandContext& context, TimelineFacts* facts);

// Returns the picture of `facts`: one row per country that has a period, a
// withdrawal or suspension, a request or an intervention (hosted), sorted by
// country code; within a row, elements by date. A fact without a date is placed
// at the earliest publication date of its quotes ("by" that date); without one
// it is listed in Timeline::undrawn. An undated withdrawal or suspension is
// left out when the country has a dated one of the same kind, which it most
// likely repeats (the rule membership periods follow). Pure.
Timeline BuildTimeline(const TimelineFacts& facts);

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_TIMELINE_DATA_H_
