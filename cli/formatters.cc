#include "cli/formatters.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "absl/time/time.h"
#include "cli/table_printer.h"
#include "common/partial_date.h"
#include "google/protobuf/descriptor.h"

namespace alliance::cli {
namespace {

// Returns the value's name with `prefix` removed; "-" for the zero value.
std::string EnumName(const google::protobuf::EnumDescriptor* descriptor, int number,
                     absl::string_view prefix) {
  if (number == 0) return "-";
  const google::protobuf::EnumValueDescriptor* value = descriptor->FindValueByNumber(number);
  if (value == nullptr) return absl::StrCat(number);
  absl::string_view name = value->name();
  absl::ConsumePrefix(&name, prefix);
  return std::string(name);
}

// Finds a non-zero value by its short or full name, ignoring case and accepting
// '-' for '_'. Returns 0 when nothing matches.
int FindEnumValue(const google::protobuf::EnumDescriptor* descriptor, absl::string_view text,
                  absl::string_view prefix) {
  std::string wanted = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(text));
  absl::StrReplaceAll({{"-", "_"}}, &wanted);
  if (wanted.empty()) return 0;
  absl::string_view short_name = wanted;
  absl::ConsumePrefix(&short_name, prefix);
  const google::protobuf::EnumValueDescriptor* value =
      descriptor->FindValueByName(absl::StrCat(prefix, short_name));
  return value == nullptr ? 0 : value->number();
}

std::string AcceptedValues(const google::protobuf::EnumDescriptor* descriptor,
                           absl::string_view prefix) {
  std::vector<std::string> names;
  for (int i = 0; i < descriptor->value_count(); ++i) {
    if (descriptor->value(i)->number() == 0) continue;
    names.push_back(absl::AsciiStrToLower(EnumName(descriptor, descriptor->value(i)->number(), prefix)));
  }
  return absl::StrJoin(names, ", ");
}

constexpr absl::string_view kActionPrefix = "MEMBERSHIP_ACTION_";
constexpr absl::string_view kStatusPrefix = "MEMBERSHIP_STATUS_";
constexpr absl::string_view kOutcomePrefix = "ASSISTANCE_OUTCOME_";
constexpr absl::string_view kFactualityPrefix = "FACTUALITY_";
constexpr absl::string_view kChangeKindPrefix = "CHANGE_KIND_";
constexpr absl::string_view kCaseStatusPrefix = "CASE_STATUS_";
constexpr absl::string_view kCaseStagePrefix = "CASE_STAGE_";

// " (hypothetical)" for facts that are not asserted, " (reported by RUS)" for
// attributed ones, "" otherwise.
std::string FactualitySuffix(v1::Factuality factuality, absl::string_view reported_by = "") {
  if (factuality == v1::FACTUALITY_ASSERTED || factuality == v1::FACTUALITY_UNSPECIFIED) return "";
  return absl::StrCat(" (", absl::AsciiStrToLower(FactualityName(factuality)),
                      factuality == v1::FACTUALITY_REPORTED && !reported_by.empty() ? " by " : "",
                      factuality == v1::FACTUALITY_REPORTED ? reported_by : "", ")");
}

}  // namespace

std::string ActionName(v1::MembershipAction action) {
  return EnumName(v1::MembershipAction_descriptor(), action, kActionPrefix);
}
std::string StatusName(v1::MembershipStatus status) {
  return EnumName(v1::MembershipStatus_descriptor(), status, kStatusPrefix);
}
std::string OutcomeName(v1::AssistanceOutcome outcome) {
  return EnumName(v1::AssistanceOutcome_descriptor(), outcome, kOutcomePrefix);
}
std::string FactualityName(v1::Factuality factuality) {
  return EnumName(v1::Factuality_descriptor(), factuality, kFactualityPrefix);
}
std::string ChangeKindName(v1::ChangeKind kind) {
  return EnumName(v1::ChangeKind_descriptor(), kind, kChangeKindPrefix);
}
std::string CaseStatusName(v1::CaseStatus status) {
  return EnumName(v1::CaseStatus_descriptor(), status, kCaseStatusPrefix);
}
std::string CaseStageName(v1::CaseStage stage) {
  return EnumName(v1::CaseStage_descriptor(), stage, kCaseStagePrefix);
}

namespace {

// Parses `text` as a value of the enum `Enum` (its names after `prefix`, any
// case, '-' for '_'); INVALID_ARGUMENT naming `flag` and listing the accepted
// values when it is none of them ("... is not <what>; use one of ...").
template <typename Enum>
absl::StatusOr<Enum> ParseEnumFlag(const google::protobuf::EnumDescriptor* descriptor, absl::string_view prefix,
                                   absl::string_view what, absl::string_view text, absl::string_view flag) {
  const int number = FindEnumValue(descriptor, text, prefix);
  if (number == 0) {
    return absl::InvalidArgumentError(absl::StrCat(flag, ": \"", text, "\" is not ", what, "; use one of ",
                                                   AcceptedValues(descriptor, prefix)));
  }
  return static_cast<Enum>(number);
}

}  // namespace

absl::StatusOr<v1::MembershipAction> ParseAction(absl::string_view text, absl::string_view flag) {
  return ParseEnumFlag<v1::MembershipAction>(v1::MembershipAction_descriptor(), kActionPrefix, "a membership action",
                                             text, flag);
}

absl::StatusOr<v1::AssistanceOutcome> ParseOutcome(absl::string_view text, absl::string_view flag) {
  return ParseEnumFlag<v1::AssistanceOutcome>(v1::AssistanceOutcome_descriptor(), kOutcomePrefix, "an outcome", text,
                                              flag);
}

absl::StatusOr<v1::CaseStatus> ParseCaseStatus(absl::string_view text, absl::string_view flag) {
  return ParseEnumFlag<v1::CaseStatus>(v1::CaseStatus_descriptor(), kCaseStatusPrefix, "a case status", text, flag);
}

absl::StatusOr<v1::PartialDate> ParseDateFlag(absl::string_view text, absl::string_view flag) {
  text = absl::StripAsciiWhitespace(text);
  if (text.empty()) return v1::PartialDate();
  absl::StatusOr<v1::PartialDate> date = ParseIsoDate(text, flag);
  if (date.ok()) return date;
  const std::string quoted = absl::StrCat("\"", text, "\"");
  if (absl::StrContains(date.status().message(), quoted)) return date.status();
  // Say which value was wrong, not only why ("month 13 is out of range").
  absl::string_view why = date.status().message();
  absl::ConsumePrefix(&why, absl::StrCat(flag, ": "));
  return absl::InvalidArgumentError(absl::StrCat(flag, ": ", quoted, " is not a valid date: ", why));
}

absl::StatusOr<int64_t> ParseKnownAsOfTime(absl::string_view text, absl::string_view flag) {
  text = absl::StripAsciiWhitespace(text);
  if (text.empty()) return 0;
  int64_t seconds = 0;
  const bool all_digits =
      std::all_of(text.begin(), text.end(), [](char c) { return absl::ascii_isdigit(static_cast<unsigned char>(c)); });
  if (all_digits) {
    if (!absl::SimpleAtoi(text, &seconds)) {
      return absl::InvalidArgumentError(absl::StrCat(flag, ": \"", text, "\" is too large for Unix seconds"));
    }
  } else {
    absl::Time time;
    std::string why;
    if (!absl::ParseTime(absl::RFC3339_full, text, &time, &why)) {
      return absl::InvalidArgumentError(absl::StrCat(flag, ": \"", text,
                                                     "\" is neither an RFC 3339 time (e.g. 2031-03-04T05:06:07Z) "
                                                     "nor Unix seconds: ", why));
    }
    seconds = absl::ToUnixSeconds(time);
  }
  if (seconds <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": \"", text, "\" is not after 1970-01-01T00:00:00Z"));
  }
  return seconds;
}

std::string NormalizeCountry(absl::string_view text) {
  return absl::AsciiStrToUpper(absl::StripAsciiWhitespace(text));
}

std::string FormatDateCell(const v1::PartialDate& date) {
  if (IsUnset(date)) return "-";
  return absl::StrCat(date.approximate() ? "~" : "", FormatDate(date));
}

std::string FormatBoundaryCell(const v1::PartialDate& date, const v1::PartialDate& at_latest,
                               absl::string_view undated_text) {
  if (!IsUnset(date)) return FormatDateCell(date);
  if (!IsUnset(at_latest)) return absl::StrCat("by ", FormatDateCell(at_latest));
  return std::string(undated_text);
}

std::string ReportedNote(v1::Factuality factuality, absl::string_view reported_by) {
  if (factuality != v1::FACTUALITY_REPORTED) return "";
  return reported_by.empty() ? "REPORTED" : absl::StrCat("REPORTED by ", reported_by);
}

std::string FormatConfidence(double confidence) { return absl::StrFormat("%.2f", confidence); }

std::string FormatTroops(const v1::Intervention& intervention) {
  std::string whole;
  std::vector<std::string> parts;
  for (const v1::TroopContribution& troops : intervention.troops()) {
    const std::string count = absl::StrCat(troops.approximate() ? "~" : "", troops.count());
    if (troops.country().empty()) {
      if (whole.empty()) whole = count;
    } else {
      parts.push_back(absl::StrCat(troops.country(), " ", count));
    }
  }
  if (whole.empty() && parts.empty()) return "-";
  if (parts.empty()) return whole;
  const std::string contributors = absl::StrJoin(parts, ", ");
  if (whole.empty()) return contributors;
  return absl::StrCat(whole, " (", contributors, ")");
}

std::string CollapseWhitespace(absl::string_view text) {
  std::string result;
  result.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (absl::ascii_isspace(static_cast<unsigned char>(c))) {
      pending_space = !result.empty();
      continue;
    }
    if (pending_space) result.push_back(' ');
    pending_space = false;
    result.push_back(c);
  }
  return result;
}

std::string FormatEvidenceLine(const v1::Evidence& evidence, int indent) {
  // The curly quotes count against the limit so the whole quote stays within it.
  const std::string quote = TruncateToWidth(CollapseWhitespace(evidence.quote()), kMaxQuoteWidth - 2);
  std::string title = CollapseWhitespace(evidence.document_title());
  if (title.empty()) title = evidence.document_id().substr(0, 12);
  if (title.empty()) title = "unknown document";
  return absl::StrCat(std::string(indent > 0 ? indent : 0, ' '), "“", quote, "” — ",
                      TruncateToWidth(title, kMaxTitleWidth), " (s.", evidence.sentence_index(), ")");
}

std::string SummarizeMembershipEvent(const v1::MembershipEvent& event) {
  return absl::StrCat(event.country(), " ", ActionName(event.action()), " ",
                      FormatDateCell(event.date()), " (", event.organization(), ")",
                      FactualitySuffix(event.factuality(), event.reported_by()));
}

std::string SummarizeIntervention(const v1::Intervention& intervention) {
  std::string summary = absl::StrCat(intervention.organization(), " intervention in ",
                                     intervention.host_country(), " ",
                                     FormatDateCell(intervention.start()));
  if (!IsUnset(intervention.end())) absl::StrAppend(&summary, "..", FormatDateCell(intervention.end()));
  const std::string troops = FormatTroops(intervention);
  if (troops != "-") absl::StrAppend(&summary, ", troops ", troops);
  absl::StrAppend(&summary, FactualitySuffix(intervention.factuality(), intervention.reported_by()));
  return summary;
}

std::string SummarizeAssistanceRequest(const v1::AssistanceRequest& request) {
  return absl::StrCat(request.requester_country(), " request to ", request.organization(), " ",
                      FormatDateCell(request.date()), ": ", OutcomeName(request.outcome()),
                      request.disputed() ? " (disputed)" : "",
                      FactualitySuffix(request.factuality(), request.reported_by()));
}

std::string SummarizeConflict(const v1::Conflict& conflict) {
  if (!conflict.summary().empty()) return absl::StrCat("conflict: ", conflict.summary());
  return absl::StrCat("conflict: ", conflict.subject_id(), " ", conflict.field());
}

}  // namespace alliance::cli
