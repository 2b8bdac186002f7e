#include "cli/timeline_data.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "cli/fact_tables.h"
#include "cli/formatters.h"
#include "cli/paged_list.h"
#include "cli/rpc_support.h"
#include "common/partial_date.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "grpcpp/client_context.h"

namespace alliance::cli {
namespace {

using EvidenceList = google::protobuf::RepeatedPtrField<v1::Evidence>;

TimelineDate ToTimelineDate(const v1::PartialDate& date) {
  return TimelineDate{date.year(), date.month(), date.day(), date.approximate()};
}

// The earliest publication date among the quotes, as year/month/day only;
// unset when none has one. (Where the service anchors undated events.)
v1::PartialDate EarliestPublication(const EvidenceList& evidence) {
  v1::PartialDate earliest;
  for (const v1::Evidence& e : evidence) {
    if (IsUnset(e.document_published())) continue;
    const v1::PartialDate published =
        MakeDate(e.document_published().year(), e.document_published().month(), e.document_published().day());
    if (IsUnset(earliest) || CompareDates(published, earliest) < 0) earliest = published;
  }
  return earliest;
}

// Where a fact is drawn: its date, else the earliest publication of its quotes
// (is_latest). False when it has neither.
bool Place(const v1::PartialDate& date, const EvidenceList& evidence, TimelineDate* placed, bool* is_latest) {
  if (!IsUnset(date)) {
    *placed = ToTimelineDate(date);
    *is_latest = false;
    return true;
  }
  const v1::PartialDate anchor = EarliestPublication(evidence);
  if (IsUnset(anchor)) return false;
  *placed = ToTimelineDate(anchor);
  *is_latest = true;
  return true;
}

std::vector<TimelineSource> Sources(const EvidenceList& evidence) {
  std::vector<TimelineSource> sources;
  for (const v1::Evidence& e : evidence) {
    sources.push_back(TimelineSource{
        CollapseWhitespace(e.quote()),
        e.document_title().empty() ? absl::StrCat("document ", e.document_id().substr(0, 12)) : e.document_title(),
        FormatDate(e.document_published())});
  }
  return sources;
}

// " (2 sources, confidence 0.75; DISPUTED)" and the like.
std::string Standing(int32_t sources, double confidence, v1::Factuality factuality, bool disputed,
                     const std::string& reported_by) {
  std::string text = absl::StrCat(" (", sources, sources == 1 ? " source" : " sources", ", confidence ",
                                  FormatConfidence(confidence));
  const std::string notes = FactNotes(factuality, disputed, reported_by);
  if (!notes.empty()) absl::StrAppend(&text, "; ", notes);
  return absl::StrCat(text, ")");
}

std::string PlacedDateText(const v1::PartialDate& date, const TimelineDate& placed, bool is_latest) {
  if (!is_latest) return FormatDateCell(date);
  return absl::StrCat("undated, by ", FormatDateCell(MakeDate(placed.year, placed.month, placed.day)));
}

bool AnsweredByDefault(v1::Factuality factuality) {
  return factuality == v1::FACTUALITY_ASSERTED || factuality == v1::FACTUALITY_REPORTED ||
         factuality == v1::FACTUALITY_UNSPECIFIED;
}

TimelineOutcome ToOutcome(v1::AssistanceOutcome outcome) {
  switch (outcome) {
    case v1::ASSISTANCE_OUTCOME_GRANTED: return TimelineOutcome::kGranted;
    case v1::ASSISTANCE_OUTCOME_DENIED: return TimelineOutcome::kDenied;
    case v1::ASSISTANCE_OUTCOME_NOT_REQUESTED: return TimelineOutcome::kNotRequested;
    default: return TimelineOutcome::kPending;
  }
}

TimelineStatus ToStatus(v1::MembershipStatus status) {
  switch (status) {
    case v1::MEMBERSHIP_STATUS_OBSERVER: return TimelineStatus::kObserver;
    case v1::MEMBERSHIP_STATUS_SUSPENDED: return TimelineStatus::kSuspended;
    default: return TimelineStatus::kMember;
  }
}

// The mark a membership event makes, if any.
bool MarkKind(v1::MembershipAction action, TimelineEventKind* kind) {
  switch (action) {
    case v1::MEMBERSHIP_ACTION_WITHDREW:
    case v1::MEMBERSHIP_ACTION_DECLINED_RENEWAL:
      *kind = TimelineEventKind::kWithdrawal;
      return true;
    case v1::MEMBERSHIP_ACTION_SUSPENDED:
      *kind = TimelineEventKind::kSuspension;
      return true;
    default:
      return false;
  }
}

// The fact behind one end of a period: "opened by SIGNED 1992-05-15" and its quotes.
TimelineFact EventFact(absl::string_view role, const v1::MembershipEvent& event) {
  return TimelineFact{absl::StrCat(role, " ", ActionName(event.action()), " ",
                                   IsUnset(event.date()) ? "undated" : FormatDateCell(event.date()),
                                   Standing(event.sources(), event.confidence(), event.factuality(),
                                            event.disputed(), event.reported_by())),
                      Sources(event.evidence())};
}

auto DateKey(const TimelineDate& date) { return std::make_tuple(date.year, date.month, date.day); }

std::string OrganizationOf(const TimelineFacts& facts) {
  if (!facts.organization.empty()) {
    return absl::AsciiStrToUpper(absl::StripAsciiWhitespace(facts.organization));
  }
  for (const v1::MembershipEvent& event : facts.history.events()) {
    if (!event.organization().empty()) return event.organization();
  }
  for (const v1::Intervention& intervention : facts.interventions) {
    if (!intervention.organization().empty()) return intervention.organization();
  }
  for (const v1::AssistanceRequest& request : facts.requests) {
    if (!request.organization().empty()) return request.organization();
  }
  return "";
}

}  // namespace

int FetchTimelineFacts(CommandContext& context, TimelineFacts* facts) {
  facts->organization = context.options.organization;
  {
    v1::GetMembershipHistoryRequest request;
    request.set_organization(context.options.organization);
    SetKnowledgeTime(context.options, &request);
    grpc::ClientContext call;
    PrepareCall(context, Service::kQuery, &call);
    const grpc::Status status = context.query->GetMembershipHistory(&call, request, &facts->history);
    if (!status.ok()) return ReportRpcError(context, Service::kQuery, status);
  }
  v1::ListInterventionsRequest interventions;
  interventions.set_organization(context.options.organization);
  SetKnowledgeTime(context.options, &interventions);
  int code = FetchAllPages<v1::ListInterventionsRequest, v1::ListInterventionsResponse>(
      context, interventions,
      [&context](grpc::ClientContext* call, const v1::ListInterventionsRequest& r,
                 v1::ListInterventionsResponse* response) {
        return context.query->ListInterventions(call, r, response);
      },
      [facts](const v1::ListInterventionsResponse& page) {
        facts->interventions.insert(facts->interventions.end(), page.interventions().begin(),
                                    page.interventions().end());
      });
  if (code != kExitOk) return code;
  v1::ListAssistanceRequestsRequest requests;
  requests.set_organization(context.options.organization);
  SetKnowledgeTime(context.options, &requests);
  return FetchAllPages<v1::ListAssistanceRequestsRequest, v1::ListAssistanceRequestsResponse>(
      context, requests,
      [&context](grpc::ClientContext* call, const v1::ListAssistanceRequestsRequest& r,
                 v1::ListAssistanceRequestsResponse* response) {
        return context.query->ListAssistanceRequests(call, r, response);
      },
      [facts](const v1::ListAssistanceRequestsResponse& page) {
        facts->requests.insert(facts->requests.end(), page.requests().begin(), page.requests().end());
      });
}

Timeline BuildTimeline(const TimelineFacts& facts) {
  Timeline timeline;
  timeline.organization = OrganizationOf(facts);
  std::map<std::string, TimelineRow> rows;
  auto row = [&rows](const std::string& country) -> TimelineRow& {
    TimelineRow& found = rows[country];
    found.country = country;
    return found;
  };

  std::map<std::string, const v1::MembershipEvent*> events_by_id;
  for (const v1::MembershipEvent& event : facts.history.events()) events_by_id[event.id()] = &event;

  for (const v1::MembershipPeriod& period : facts.history.periods()) {
    TimelinePeriod drawn;
    drawn.status = ToStatus(period.status());
    if (!IsUnset(period.from())) {
      drawn.from = ToTimelineDate(period.from());
    } else if (!IsUnset(period.from_at_latest())) {
      drawn.from = ToTimelineDate(period.from_at_latest());
      drawn.from_is_latest = true;
    }
    if (!IsUnset(period.to())) {
      drawn.to = ToTimelineDate(period.to());
    } else if (!period.to().as_written().empty()) {  // closed by an undated event
      if (!IsUnset(period.to_at_latest())) {
        drawn.to = ToTimelineDate(period.to_at_latest());
        drawn.to_is_latest = true;
      }
    } else {
      drawn.ongoing = true;
    }
    drawn.note = ReportedNote(period.factuality(), period.reported_by());
    for (int i = 0; i < period.event_ids_size() && i < 2; ++i) {
      const auto found = events_by_id.find(period.event_ids(i));
      if (found == events_by_id.end()) continue;
      drawn.facts.push_back(EventFact(i == 0 ? "opened by" : "closed by", *found->second));
    }
    row(period.country()).periods.push_back(std::move(drawn));
  }

  // Withdrawals and suspensions; an undated one only when its country has no
  // dated one of the same kind.
  std::set<std::pair<std::string, TimelineEventKind>> dated_marks;
  for (const v1::MembershipEvent& event : facts.history.events()) {
    TimelineEventKind kind;
    if (AnsweredByDefault(event.factuality()) && MarkKind(event.action(), &kind) && !IsUnset(event.date())) {
      dated_marks.insert({event.country(), kind});
    }
  }
  for (const v1::MembershipEvent& event : facts.history.events()) {
    TimelineEventKind kind;
    if (!AnsweredByDefault(event.factuality()) || !MarkKind(event.action(), &kind)) continue;
    if (IsUnset(event.date()) && dated_marks.count({event.country(), kind}) > 0) continue;
    TimelineEvent drawn;
    drawn.kind = kind;
    const bool placed = Place(event.date(), event.evidence(), &drawn.date, &drawn.date_is_latest);
    drawn.summary = absl::StrCat(event.country(), " ", ActionName(event.action()), " ",
                                 PlacedDateText(event.date(), drawn.date, drawn.date_is_latest),
                                 Standing(event.sources(), event.confidence(), event.factuality(),
                                          event.disputed(), event.reported_by()));
    if (!placed) {
      timeline.undrawn.push_back(absl::StrCat(drawn.summary, " [", event.id(), "]"));
      continue;
    }
    drawn.facts.push_back(TimelineFact{"", Sources(event.evidence())});
    row(event.country()).events.push_back(std::move(drawn));
  }

  for (const v1::AssistanceRequest& request : facts.requests) {
    if (!AnsweredByDefault(request.factuality())) continue;
    TimelineMarker drawn;
    drawn.kind = TimelineMarkerKind::kRequest;
    drawn.outcome = ToOutcome(request.outcome());
    const bool placed = Place(request.date(), request.evidence(), &drawn.date, &drawn.date_is_latest);
    drawn.summary = absl::StrCat(request.requester_country(), " request for help ",
                                 PlacedDateText(request.date(), drawn.date, drawn.date_is_latest), ": ",
                                 OutcomeName(request.outcome()),
                                 Standing(request.sources(), request.confidence(), request.factuality(),
                                          request.disputed(), request.reported_by()));
    if (!request.requester_person().empty()) absl::StrAppend(&drawn.summary, "; asked by ", request.requester_person());
    if (!request.context().empty()) {
      absl::StrAppend(&drawn.summary, "; context: ", CollapseWhitespace(request.context()));
    }
    if (!placed) {
      timeline.undrawn.push_back(absl::StrCat(drawn.summary, " [", request.id(), "]"));
      continue;
    }
    drawn.facts.push_back(TimelineFact{"", Sources(request.evidence())});
    row(request.requester_country()).markers.push_back(std::move(drawn));
  }

  for (const v1::Intervention& intervention : facts.interventions) {
    if (!AnsweredByDefault(intervention.factuality())) continue;
    TimelineMarker drawn;
    drawn.kind = TimelineMarkerKind::kIntervention;
    drawn.outcome = TimelineOutcome::kGranted;
    const bool placed = Place(intervention.start(), intervention.evidence(), &drawn.date, &drawn.date_is_latest);
    drawn.end = ToTimelineDate(intervention.end());
    drawn.summary = absl::StrCat(intervention.host_country(), " intervention ",
                                 PlacedDateText(intervention.start(), drawn.date, drawn.date_is_latest));
    if (!IsUnset(intervention.end())) absl::StrAppend(&drawn.summary, " to ", FormatDateCell(intervention.end()));
    absl::StrAppend(&drawn.summary, Standing(intervention.sources(), intervention.confidence(),
                                             intervention.factuality(), intervention.disputed(),
                                             intervention.reported_by()));
    const std::string troops = FormatTroops(intervention);
    if (troops != "-") absl::StrAppend(&drawn.summary, "; troops ", troops);
    if (!intervention.requested_by().empty()) {
      absl::StrAppend(&drawn.summary, "; requested by ", intervention.requested_by());
    }
    if (!intervention.purpose().empty()) {
      absl::StrAppend(&drawn.summary, "; purpose: ", CollapseWhitespace(intervention.purpose()));
    }
    if (!placed) {
      timeline.undrawn.push_back(absl::StrCat(drawn.summary, " [", intervention.id(), "]"));
      continue;
    }
    drawn.facts.push_back(TimelineFact{"", Sources(intervention.evidence())});
    row(intervention.host_country()).markers.push_back(std::move(drawn));
  }

  for (auto& [country, drawn] : rows) {
    std::stable_sort(drawn.events.begin(), drawn.events.end(), [](const TimelineEvent& a, const TimelineEvent& b) {
      return std::make_tuple(DateKey(a.date), a.summary) < std::make_tuple(DateKey(b.date), b.summary);
    });
    std::stable_sort(drawn.markers.begin(), drawn.markers.end(),
                     [](const TimelineMarker& a, const TimelineMarker& b) {
                       return std::make_tuple(DateKey(a.date), a.kind, a.summary) <
                              std::make_tuple(DateKey(b.date), b.kind, b.summary);
                     });
    timeline.rows.push_back(std::move(drawn));
  }
  return timeline;
}

}  // namespace alliance::cli
