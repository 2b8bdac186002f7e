#include "cli/fact_commands.h"

#include <cstdint>
#include <ostream>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "cli/command_output.h"
#include "cli/fact_tables.h"
#include "cli/formatters.h"
#include "cli/paged_list.h"
#include "cli/rpc_support.h"
#include "cli/table_printer.h"
#include "common/status_macros.h"
#include "common/partial_date.h"
#include "grpcpp/client_context.h"

namespace alliance::cli {
namespace {

// Sets the filters that events, interventions and requests share: the
// --from/--to range, the organization and include_unasserted. INVALID_ARGUMENT
// naming the flag when a date does not parse.
template <typename Request>
absl::Status SetSharedFilters(const GlobalOptions& global, const DateRange& dates, Request* request) {
  ASSIGN_OR_RETURN(*request->mutable_from(), ParseDateFlag(dates.from, "--from"));
  ASSIGN_OR_RETURN(*request->mutable_to(), ParseDateFlag(dates.to, "--to"));
  request->set_organization(global.organization);
  request->set_include_unasserted(global.include_unasserted);
  SetKnowledgeTime(global, request);
  return absl::OkStatus();
}

// Return the request a command sends, or INVALID_ARGUMENT naming the flag whose
// value does not parse.
absl::StatusOr<v1::ListMembersRequest> MakeMembersRequest(const GlobalOptions& global,
                                                          const MembersOptions& options) {
  v1::ListMembersRequest request;
  ASSIGN_OR_RETURN(*request.mutable_as_of(), ParseDateFlag(options.as_of, "--as-of"));
  request.set_organization(global.organization);
  request.set_include_observers(options.observers);
  SetKnowledgeTime(global, &request);
  return request;
}

absl::StatusOr<v1::ListMembershipEventsRequest> MakeEventsRequest(const GlobalOptions& global,
                                                                  const EventsOptions& options) {
  v1::ListMembershipEventsRequest request;
  RETURN_IF_ERROR(SetSharedFilters(global, options.dates, &request));
  if (!options.action.empty()) {
    ASSIGN_OR_RETURN(const v1::MembershipAction action, ParseAction(options.action, "--action"));
    request.set_action(action);
  }
  request.set_country(NormalizeCountry(options.country));
  return request;
}

absl::StatusOr<v1::ListInterventionsRequest> MakeInterventionsRequest(
    const GlobalOptions& global, const InterventionsOptions& options) {
  v1::ListInterventionsRequest request;
  RETURN_IF_ERROR(SetSharedFilters(global, options.dates, &request));
  request.set_host_country(NormalizeCountry(options.host));
  return request;
}

absl::StatusOr<v1::ListAssistanceRequestsRequest> MakeRequestsRequest(
    const GlobalOptions& global, const RequestsOptions& options) {
  v1::ListAssistanceRequestsRequest request;
  RETURN_IF_ERROR(SetSharedFilters(global, options.dates, &request));
  if (!options.outcome.empty()) {
    ASSIGN_OR_RETURN(const v1::AssistanceOutcome outcome,
                     ParseOutcome(options.outcome, "--outcome"));
    request.set_outcome(outcome);
  }
  request.set_requester_country(NormalizeCountry(options.country));
  return request;
}

}  // namespace

int RunMembers(CommandContext& context, const MembersOptions& options,
               const std::vector<std::string>& args) {
  if (!args.empty()) return UsageError(context, "members takes no arguments");
  absl::StatusOr<v1::ListMembersRequest> request = MakeMembersRequest(context.options, options);
  if (!request.ok()) return ReportError(context, request.status());
  TablePrinter table({LeftColumn("COUNTRY"), LeftColumn("STATUS"), LeftColumn("SINCE"),
                      OptionalColumn("NOTES")});
  const int code = FetchAllPages<v1::ListMembersRequest, v1::ListMembersResponse>(
      context, *std::move(request),
      [&context](grpc::ClientContext* call, const v1::ListMembersRequest& r,
                 v1::ListMembersResponse* response) {
        return context.query->ListMembers(call, r, response);
      },
      [&table](const v1::ListMembersResponse& page) {
        for (const v1::Member& member : page.members()) {
          std::string notes = ReportedNote(member.factuality(), member.reported_by());
          if (member.straddles_as_of()) {
            // The date of an event that opened or may have ended the status
            // holds as_of: the answer could go either way.
            absl::StrAppend(&notes, notes.empty() ? "" : "; ", "UNCERTAIN on this date: ",
                            absl::StrJoin(member.straddling_event_ids(), ", "));
          }
          table.AddRow({member.country(), StatusName(member.status()),
                        FormatBoundaryCell(member.since(), member.since_at_latest(), "-"), notes});
          AddEvidence(table, member.evidence(), member.evidence_total(), "");
        }
      });
  if (code == kExitOk && !context.options.json) PrintTableOrNone(context, table, "No members.");
  return code;
}

int RunHistory(CommandContext& context, const std::vector<std::string>& args) {
  if (args.size() != 1) return UsageError(context, "history takes one COUNTRY (e.g. UZB)");
  v1::GetMembershipHistoryRequest request;
  request.set_country(NormalizeCountry(args[0]));
  request.set_organization(context.options.organization);
  request.set_include_unasserted(context.options.include_unasserted);
  SetKnowledgeTime(context.options, &request);
  v1::GetMembershipHistoryResponse response;
  grpc::ClientContext call;
  PrepareCall(context, Service::kQuery, &call);
  const grpc::Status status = context.query->GetMembershipHistory(&call, request, &response);
  if (!status.ok()) return ReportRpcError(context, Service::kQuery, status);
  if (context.options.json) return PrintJson(context, response) ? kExitOk : kExitError;

  TablePrinter events({LeftColumn("DATE"), LeftColumn("ACTION"), LeftColumn("ORG"),
                       RightColumn("SOURCES"), RightColumn("CONFIDENCE"), OptionalColumn("NOTES")});
  for (const v1::MembershipEvent& event : response.events()) {
    events.AddRow({FormatDateCell(event.date()), ActionName(event.action()), event.organization(),
                   absl::StrCat(event.sources()), FormatConfidence(event.confidence()),
                   FactNotes(event.factuality(), event.disputed(), event.reported_by())});
    AddEvidence(events, event.evidence(), event.evidence_total(), event.id());
  }
  PrintTableOrNone(context, events, absl::StrCat("No membership events for ", request.country(), "."));
  if (response.periods_size() > 0) {
    TablePrinter periods({LeftColumn("STATUS"), LeftColumn("FROM"), LeftColumn("TO"),
                          OptionalColumn("NOTES")});
    for (const v1::MembershipPeriod& period : response.periods()) {
      // An undated end has as_written "unknown"; a period without an end continues.
      const bool ended = !IsUnset(period.to()) || !period.to().as_written().empty();
      periods.AddRow({StatusName(period.status()),
                      FormatBoundaryCell(period.from(), period.from_at_latest(), "-"),
                      ended ? FormatBoundaryCell(period.to(), period.to_at_latest(), "unknown") : "now",
                      ReportedNote(period.factuality(), period.reported_by())});
    }
    *context.out << "\n";
    periods.Print(*context.out);
  }
  return kExitOk;
}

int RunEvents(CommandContext& context, const EventsOptions& options,
              const std::vector<std::string>& args) {
  if (!args.empty()) return UsageError(context, "events takes no arguments; filter with --country");
  absl::StatusOr<v1::ListMembershipEventsRequest> request =
      MakeEventsRequest(context.options, options);
  if (!request.ok()) return ReportError(context, request.status());
  TablePrinter table({LeftColumn("COUNTRY"), LeftColumn("ACTION"), LeftColumn("DATE"),
                      RightColumn("SOURCES"), RightColumn("CONFIDENCE"), OptionalColumn("NOTES")});
  const int code = FetchAllPages<v1::ListMembershipEventsRequest, v1::ListMembershipEventsResponse>(
      context, *std::move(request),
      [&context](grpc::ClientContext* call, const v1::ListMembershipEventsRequest& r,
                 v1::ListMembershipEventsResponse* response) {
        return context.query->ListMembershipEvents(call, r, response);
      },
      [&table](const v1::ListMembershipEventsResponse& page) {
        for (const v1::MembershipEvent& event : page.events()) {
          table.AddRow({event.country(), ActionName(event.action()), FormatDateCell(event.date()),
                        absl::StrCat(event.sources()), FormatConfidence(event.confidence()),
                        FactNotes(event.factuality(), event.disputed(), event.reported_by())});
          AddEvidence(table, event.evidence(), event.evidence_total(), event.id());
        }
      });
  if (code == kExitOk && !context.options.json) {
    PrintTableOrNone(context, table, "No membership events match.");
  }
  return code;
}

int RunInterventions(CommandContext& context, const InterventionsOptions& options,
                     const std::vector<std::string>& args) {
  if (!args.empty()) return UsageError(context, "interventions takes no arguments; filter with --host");
  absl::StatusOr<v1::ListInterventionsRequest> request =
      MakeInterventionsRequest(context.options, options);
  if (!request.ok()) return ReportError(context, request.status());
  TablePrinter table({LeftColumn("HOST"), LeftColumn("ORG"), LeftColumn("START"), LeftColumn("END"),
                      LeftColumn("TROOPS", 40), LeftColumn("CONTRIBUTORS", 30),
                      LeftColumn("REQUESTED BY"), RightColumn("SOURCES"), RightColumn("CONFIDENCE"),
                      OptionalColumn("NOTES")});
  const int code = FetchAllPages<v1::ListInterventionsRequest, v1::ListInterventionsResponse>(
      context, *std::move(request),
      [&context](grpc::ClientContext* call, const v1::ListInterventionsRequest& r,
                 v1::ListInterventionsResponse* response) {
        return context.query->ListInterventions(call, r, response);
      },
      [&table](const v1::ListInterventionsResponse& page) {
        for (const v1::Intervention& intervention : page.interventions()) {
          const std::string contributors = absl::StrJoin(intervention.contributing_countries(), ",");
          table.AddRow({intervention.host_country(), intervention.organization(),
                        FormatDateCell(intervention.start()), FormatDateCell(intervention.end()),
                        FormatTroops(intervention), contributors.empty() ? "-" : contributors,
                        intervention.requested_by().empty() ? "-" : intervention.requested_by(),
                        absl::StrCat(intervention.sources()),
                        FormatConfidence(intervention.confidence()),
                        FactNotes(intervention.factuality(), intervention.disputed(),
                                  intervention.reported_by())});
          if (!intervention.purpose().empty()) {
            table.AddDetail(absl::StrCat("  purpose: ",
                                         TruncateToWidth(CollapseWhitespace(intervention.purpose()),
                                                         kMaxQuoteWidth)));
          }
          AddEvidence(table, intervention.evidence(), intervention.evidence_total(), intervention.id());
        }
      });
  if (code == kExitOk && !context.options.json) PrintTableOrNone(context, table, "No interventions match.");
  return code;
}

int RunRequests(CommandContext& context, const RequestsOptions& options,
                const std::vector<std::string>& args) {
  if (!args.empty()) return UsageError(context, "requests takes no arguments; filter with --country");
  absl::StatusOr<v1::ListAssistanceRequestsRequest> request =
      MakeRequestsRequest(context.options, options);
  if (!request.ok()) return ReportError(context, request.status());
  TablePrinter table({LeftColumn("COUNTRY"), LeftColumn("ORG"), LeftColumn("DATE"),
                      LeftColumn("OUTCOME"), LeftColumn("REQUESTED BY", 30), RightColumn("SOURCES"),
                      RightColumn("CONFIDENCE"), OptionalColumn("NOTES")});
  const int code = FetchAllPages<v1::ListAssistanceRequestsRequest, v1::ListAssistanceRequestsResponse>(
      context, *std::move(request),
      [&context](grpc::ClientContext* call, const v1::ListAssistanceRequestsRequest& r,
                 v1::ListAssistanceRequestsResponse* response) {
        return context.query->ListAssistanceRequests(call, r, response);
      },
      [&table](const v1::ListAssistanceRequestsResponse& page) {
        for (const v1::AssistanceRequest& item : page.requests()) {
          table.AddRow({item.requester_country(), item.organization(), FormatDateCell(item.date()),
                        OutcomeName(item.outcome()),
                        item.requester_person().empty() ? "-" : item.requester_person(),
                        absl::StrCat(item.sources()), FormatConfidence(item.confidence()),
                        FactNotes(item.factuality(), item.disputed(), item.reported_by())});
          if (!item.context().empty()) {
            table.AddDetail(absl::StrCat(
                "  context: ", TruncateToWidth(CollapseWhitespace(item.context()), kMaxQuoteWidth)));
          }
          AddEvidence(table, item.evidence(), item.evidence_total(), item.id());
        }
      });
  if (code == kExitOk && !context.options.json) PrintTableOrNone(context, table, "No requests match.");
  return code;
}

int RunConflicts(CommandContext& context, const std::vector<std::string>& args) {
  if (!args.empty()) return UsageError(context, "conflicts takes no arguments");
  v1::ListConflictsRequest request;
  request.set_organization(context.options.organization);
  SetKnowledgeTime(context.options, &request);
  TablePrinter table({LeftColumn("SUBJECT"), LeftColumn("FIELD"), RightColumn("CLAIMS"),
                      LeftColumn("SUMMARY", 60)});
  const int code = FetchAllPages<v1::ListConflictsRequest, v1::ListConflictsResponse>(
      context, request,
      [&context](grpc::ClientContext* call, const v1::ListConflictsRequest& r,
                 v1::ListConflictsResponse* response) {
        return context.query->ListConflicts(call, r, response);
      },
      [&table](const v1::ListConflictsResponse& page) {
        for (const v1::Conflict& conflict : page.conflicts()) {
          table.AddRow({conflict.subject_id(), conflict.field(), absl::StrCat(conflict.claims_size()),
                        conflict.summary()});
          for (const v1::ConflictClaim& claim : conflict.claims()) {
            table.AddDetail(absl::StrCat("  claim ", claim.value(), ":"));
            AddEvidence(table, claim.evidence(), claim.evidence_total(), "", 4);
          }
        }
      });
  if (code == kExitOk && !context.options.json) PrintTableOrNone(context, table, "No conflicts.");
  return code;
}

int RunEvidence(CommandContext& context, const std::vector<std::string>& args) {
  if (args.size() != 1) return UsageError(context, "evidence takes one FACT_ID");
  v1::ListEvidenceRequest request;
  request.set_fact_id(args[0]);
  int32_t total = 0;
  TablePrinter table({LeftColumn("DOCUMENT"), RightColumn("SENTENCE"), LeftColumn("QUOTE", 80)});
  const int code = FetchAllPages<v1::ListEvidenceRequest, v1::ListEvidenceResponse>(
      context, request,
      [&context](grpc::ClientContext* call, const v1::ListEvidenceRequest& r, v1::ListEvidenceResponse* response) {
        return context.query->ListEvidence(call, r, response);
      },
      [&table, &total](const v1::ListEvidenceResponse& page) {
        total = page.total();
        for (const v1::Evidence& e : page.evidence()) {
          table.AddRow({e.document_title().empty() ? e.document_id().substr(0, 12) : e.document_title(),
                        absl::StrCat(e.sentence_index()), e.quote()});
        }
      });
  if (code == kExitOk && !context.options.json) {
    PrintTableOrNone(context, table, "No evidence.");
    *context.out << total << " quotes\n";
  }
  return code;
}

}  // namespace alliance::cli
