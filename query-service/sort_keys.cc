#include "query-service/sort_keys.h"

#include <algorithm>
#include <cstdint>

#include "absl/strings/str_cat.h"
#include "common/partial_date.h"
#include "common/sequence_key.h"

namespace alliance::query {
namespace {

// A signed 32-bit number as 4 bytes that sort like the numbers.
std::string Ordered32(int32_t value) {
  const uint32_t biased = static_cast<uint32_t>(value) ^ 0x80000000u;
  return EncodeFixed64BigEndian(biased).substr(4);
}

// A string field followed by a byte that sorts before any of its own, so "A"
// sorts before "AB" and the fields after it do not interfere.
std::string Terminated(const std::string& text) { return absl::StrCat(text, std::string(1, '\0')); }

}  // namespace

std::string DateSortKey(const v1::PartialDate& date) {
  if (IsUnset(date)) return std::string(1, '\x01');
  // First day ascending, then last day descending (the coarser first).
  return absl::StrCat(std::string(1, '\0'), Ordered32(FirstDayKey(date)), Ordered32(-LastDayKey(date)));
}

std::string SortKeyOf(const v1::MembershipEvent& event) {
  return absl::StrCat(DateSortKey(event.date()), Terminated(event.country()), Ordered32(event.action()),
                      Terminated(event.id()));
}

std::string SortKeyOf(const v1::Intervention& intervention) {
  return absl::StrCat(DateSortKey(intervention.start()), Terminated(intervention.id()));
}

std::string SortKeyOf(const v1::AssistanceRequest& request) {
  return absl::StrCat(DateSortKey(request.date()), Terminated(request.id()));
}

std::string SortKeyOf(const v1::Conflict& conflict) {
  return absl::StrCat(Terminated(conflict.subject_id()), Terminated(conflict.field()));
}

std::string SortKeyOf(const v1::Member& member) { return Terminated(member.country()); }

std::string SortKeyOf(const v1::Case& a_case) {
  std::string first = DateSortKey(v1::PartialDate());  // unset sorts last
  for (const v1::CaseStep& step : a_case.timeline()) {
    if (IsUnset(step.date())) continue;
    first = std::min(first, DateSortKey(step.date()));
  }
  return absl::StrCat(first, Terminated(a_case.id()));
}

std::string SortKeyOf(const v1::Evidence& evidence) {
  return absl::StrCat(DateSortKey(evidence.document_published()), Terminated(evidence.document_id()),
                      Ordered32(evidence.begin()), Ordered32(evidence.end()));
}

}  // namespace alliance::query
