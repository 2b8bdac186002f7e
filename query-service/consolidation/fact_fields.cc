#include "query-service/consolidation/fact_fields.h"

#include <algorithm>
#include <map>
#include <numeric>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/partial_date.h"

namespace alliance::query {
namespace {

std::string StripPrefix(const std::string& name, absl::string_view prefix) {
  return absl::StartsWith(name, prefix) ? name.substr(prefix.size()) : name;
}

}  // namespace

std::string ActionName(v1::MembershipAction action) {
  return StripPrefix(v1::MembershipAction_Name(action), "MEMBERSHIP_ACTION_");
}

v1::MembershipAction ActionFromName(absl::string_view name) {
  v1::MembershipAction action = v1::MEMBERSHIP_ACTION_UNSPECIFIED;
  if (!v1::MembershipAction_Parse(absl::StrCat("MEMBERSHIP_ACTION_", name), &action)) {
    return v1::MEMBERSHIP_ACTION_UNSPECIFIED;
  }
  return action;
}

std::string ActionWords(v1::MembershipAction action) {
  return absl::StrReplaceAll(absl::AsciiStrToLower(ActionName(action)), {{"_", " "}});
}

std::string OutcomeName(v1::AssistanceOutcome outcome) {
  return StripPrefix(v1::AssistanceOutcome_Name(outcome), "ASSISTANCE_OUTCOME_");
}

v1::AssistanceOutcome OutcomeFromName(absl::string_view name) {
  v1::AssistanceOutcome outcome = v1::ASSISTANCE_OUTCOME_UNSPECIFIED;
  if (!v1::AssistanceOutcome_Parse(absl::StrCat("ASSISTANCE_OUTCOME_", name), &outcome)) {
    return v1::ASSISTANCE_OUTCOME_UNSPECIFIED;
  }
  return outcome;
}

std::string YearLabel(const v1::PartialDate& date) {
  return IsUnset(date) ? "undated" : absl::StrCat(date.year());
}

int FactualityStrength(v1::Factuality factuality) {
  switch (factuality) {
    case v1::FACTUALITY_ASSERTED:
      return 5;
    case v1::FACTUALITY_REPORTED:
      return 4;
    case v1::FACTUALITY_PROPOSED:
      return 3;
    case v1::FACTUALITY_HYPOTHETICAL:
      return 2;
    case v1::FACTUALITY_NEGATED:
      return 1;
    default:
      return 0;
  }
}

v1::Factuality CombineFactuality(const std::vector<v1::Factuality>& values) {
  v1::Factuality best = v1::FACTUALITY_UNSPECIFIED;
  for (v1::Factuality value : values) {
    if (FactualityStrength(value) > FactualityStrength(best)) best = value;
  }
  return best;
}

bool AnsweredByDefault(v1::Factuality factuality) {
  return factuality == v1::FACTUALITY_ASSERTED || factuality == v1::FACTUALITY_REPORTED ||
         factuality == v1::FACTUALITY_UNSPECIFIED;
}

bool SupportsFact(v1::Factuality record, v1::Factuality fact) {
  return !AnsweredByDefault(fact) || AnsweredByDefault(record);
}

std::vector<std::string> UniqueIds(const std::vector<std::string>& base_ids) {
  std::map<std::string, int> seen;
  std::vector<std::string> out;
  out.reserve(base_ids.size());
  for (const std::string& id : base_ids) {
    const int count = ++seen[id];
    out.push_back(count == 1 ? id : absl::StrCat(id, "-", count));
  }
  return out;
}

std::vector<std::string> AssignFactIds(const std::vector<std::string>& base_ids,
                                       const std::vector<v1::PartialDate>& dates) {
  std::vector<size_t> order(base_ids.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (base_ids[a] != base_ids[b]) return base_ids[a] < base_ids[b];
    return CompareDates(dates[a], dates[b]) < 0;
  });
  std::vector<std::string> ordered;
  ordered.reserve(order.size());
  for (size_t i : order) ordered.push_back(base_ids[i]);
  const std::vector<std::string> unique = UniqueIds(ordered);
  std::vector<std::string> out(base_ids.size());
  for (size_t k = 0; k < order.size(); ++k) out[order[k]] = unique[k];
  return out;
}

}  // namespace alliance::query
