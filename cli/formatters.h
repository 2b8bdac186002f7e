// Text for people: enum names, dates, numbers, one-line fact summaries and
// evidence lines, plus parsing of the enum, date and knowledge time filters
// alliancectl accepts.
// All functions are pure and thread-safe.
#ifndef ALLIANCE_CLI_FORMATTERS_H_
#define ALLIANCE_CLI_FORMATTERS_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "alliance/v1/query_service.pb.h"
#include "alliance/v1/records.pb.h"

namespace alliance::cli {

// The longest an evidence quote is shown, in code points (the "…" included).
inline constexpr size_t kMaxQuoteWidth = 160;
// The longest a document title is shown beneath a fact, in code points.
inline constexpr size_t kMaxTitleWidth = 40;

// Return the enum value's name without its prefix ("WITHDREW" for
// MEMBERSHIP_ACTION_WITHDREW); "-" for *_UNSPECIFIED, the number when unknown.
std::string ActionName(v1::MembershipAction action);
std::string StatusName(v1::MembershipStatus status);
std::string OutcomeName(v1::AssistanceOutcome outcome);
std::string FactualityName(v1::Factuality factuality);
std::string ChangeKindName(v1::ChangeKind kind);
std::string CaseStatusName(v1::CaseStatus status);
std::string CaseStageName(v1::CaseStage stage);

// Parse a filter value such as "withdrew", "WITHDREW", "declined-renewal" or
// "MEMBERSHIP_ACTION_WITHDREW". Errors are INVALID_ARGUMENT naming `flag` and
// listing the accepted values.
absl::StatusOr<v1::MembershipAction> ParseAction(absl::string_view text, absl::string_view flag);
absl::StatusOr<v1::AssistanceOutcome> ParseOutcome(absl::string_view text, absl::string_view flag);
absl::StatusOr<v1::CaseStatus> ParseCaseStatus(absl::string_view text, absl::string_view flag);

// Parses a date flag ("2005", "2005-01", "2005-01-01"); an empty text is an unset
// date. Errors are INVALID_ARGUMENT naming `flag` (e.g. "--as-of").
absl::StatusOr<v1::PartialDate> ParseDateFlag(absl::string_view text, absl::string_view flag);

// Parses a knowledge time flag: an RFC 3339 time ("2031-03-04T05:06:07Z",
// "2031-03-04T08:06:07+03:00"; fractions of a second are dropped) or Unix
// seconds ("1930360000"), into Unix seconds; an empty text is 0 (unset). The
// time must be after 1970-01-01T00:00:00Z (0 means now on the wire). Errors
// are INVALID_ARGUMENT naming `flag` (e.g. "--known-as-of-time").
absl::StatusOr<int64_t> ParseKnownAsOfTime(absl::string_view text, absl::string_view flag);

// Normalizes a country code argument: trimmed and upper-cased ("uzb" -> "UZB").
std::string NormalizeCountry(absl::string_view text);

// Formats a date for a table cell: "2012", "2012-05", "2012-05-15", with a
// leading "~" when approximate; "-" when unset.
std::string FormatDateCell(const v1::PartialDate& date);

// Formats a period boundary for a table cell: the date (FormatDateCell), or,
// when it is undated, "by <at_latest>" (the publication date by which the
// status had begun or ended) or `undated_text` without one.
std::string FormatBoundaryCell(const v1::PartialDate& date, const v1::PartialDate& at_latest,
                               absl::string_view undated_text);

// Formats who a fact is attributed to, for a NOTES column: "REPORTED by RUS",
// "REPORTED" without a speaker; "" when the factuality is not REPORTED.
std::string ReportedNote(v1::Factuality factuality, absl::string_view reported_by);

// Formats a confidence in 0..1 with two decimals ("0.75").
std::string FormatConfidence(double confidence);

// Formats troop figures: "~3000 (AAA 2000, BBB ~100)"; "-" when there are none.
std::string FormatTroops(const v1::Intervention& intervention);

// Collapses runs of whitespace (newlines included) into single spaces and trims.
std::string CollapseWhitespace(absl::string_view text);

// Formats one evidence line, indented by `indent` spaces:
//   “<quote, at most kMaxQuoteWidth code points>” — <title> (s.<sentence index>)
// The document id's first 12 digits stand in for a missing title.
std::string FormatEvidenceLine(const v1::Evidence& evidence, int indent = 2);

// Return one line describing a fact, for `watch` ("ZMB WITHDREW 2031").
std::string SummarizeMembershipEvent(const v1::MembershipEvent& event);
std::string SummarizeIntervention(const v1::Intervention& intervention);
std::string SummarizeAssistanceRequest(const v1::AssistanceRequest& request);
std::string SummarizeConflict(const v1::Conflict& conflict);

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_FORMATTERS_H_
