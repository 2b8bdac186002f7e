// The timeline picture's input: plain structs that say what to draw for each
// country — membership periods, withdrawals and suspensions, requests for help
// and interventions — each with the quotes and sources its hover text shows.
// cli/timeline_data builds one from the query service's answers;
// cli/timeline_render draws it. Nothing here knows about gRPC or protobuf, so
// the renderer can be tested with hand-built timelines.
//
// Ownership: plain values.
//
// Thread contract: plain data, thread-compatible.
#ifndef ALLIANCE_CLI_TIMELINE_MODEL_H_
#define ALLIANCE_CLI_TIMELINE_MODEL_H_

#include <string>
#include <vector>

namespace alliance::cli {

// A date known to the year, month or day (0 = unknown part); year 0 is unset.
struct TimelineDate {
  int year = 0;
  int month = 0;
  int day = 0;
  // The text qualifies the date ("early 2019").
  bool approximate = false;
};

// One quote behind a drawn element.
struct TimelineSource {
  // The sentence, verbatim.
  std::string quote;
  // The document's title, or its id when it has none.
  std::string document;
  // The document's publication date ("2022-03-25"); empty when unknown.
  std::string published;
};

// One fact behind a drawn element: a heading ("opened by SIGNED 1992-05-15")
// and its quotes.
struct TimelineFact {
  std::string heading;
  std::vector<TimelineSource> sources;
};

// A country's standing over a period.
enum class TimelineStatus { kMember, kObserver, kSuspended };

// One membership period, drawn as a bar.
struct TimelinePeriod {
  TimelineStatus status = TimelineStatus::kMember;
  // First day; year 0 when unknown (the bar then starts at the axis' start).
  TimelineDate from;
  // `from` is only the date by which the period had begun (its opening event
  // is undated; this is the first article that states it).
  bool from_is_latest = false;
  // End; year 0 when it continues or ended at an unknown date (see ongoing).
  TimelineDate to;
  // `to` is only the date by which the period had ended.
  bool to_is_latest = false;
  // The period continues (drawn to the axis' end).
  bool ongoing = false;
  // "REPORTED by RUS" and the like; empty for asserted periods.
  std::string note;
  // The opening and closing events.
  std::vector<TimelineFact> facts;
};

// A membership event drawn as a mark across the row.
enum class TimelineEventKind { kWithdrawal, kSuspension };

struct TimelineEvent {
  TimelineEventKind kind = TimelineEventKind::kWithdrawal;
  TimelineDate date;
  // `date` is only the date by which it had happened.
  bool date_is_latest = false;
  // One line for the hover text ("WITHDREW 2012").
  std::string summary;
  std::vector<TimelineFact> facts;
};

// What became of a request for help; interventions are always kGranted.
enum class TimelineOutcome { kGranted, kDenied, kPending, kNotRequested };

// What a marker stands for.
enum class TimelineMarkerKind { kRequest, kIntervention };

// A request for help or an intervention, drawn as a marker.
struct TimelineMarker {
  TimelineMarkerKind kind = TimelineMarkerKind::kRequest;
  TimelineOutcome outcome = TimelineOutcome::kPending;
  TimelineDate date;
  bool date_is_latest = false;
  // For interventions: when the deployment ended; year 0 when unknown.
  TimelineDate end;
  // One line for the hover text ("request 2010-06: DENIED").
  std::string summary;
  std::vector<TimelineFact> facts;
};

// One country's row.
struct TimelineRow {
  // ISO alpha-3 code, the row's label.
  std::string country;
  std::vector<TimelinePeriod> periods;
  std::vector<TimelineEvent> events;
  std::vector<TimelineMarker> markers;
};

// The whole picture of one organization.
struct Timeline {
  // Organization code for the heading ("CSTO").
  std::string organization;
  // Rows in the order drawn.
  std::vector<TimelineRow> rows;
  // One line per fact that could not be placed (no date and no publication
  // date to place it by), listed beneath the picture.
  std::vector<std::string> undrawn;
};

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_TIMELINE_MODEL_H_
