#include "query-service/ordered_rows.h"

#include "absl/strings/str_cat.h"
#include "query-service/sort_keys.h"

namespace alliance::query {
namespace {

// The two keys of a fact of `kind` with this organization, country and sort key.
std::vector<std::string> KeysOf(OrderedKind kind, const std::string& organization,
                                absl::string_view default_organization, const std::string& country,
                                const std::string& sort_key) {
  const absl::string_view org = organization.empty() ? default_organization : absl::string_view(organization);
  std::vector<std::string> keys;
  keys.push_back(absl::StrCat(OrderedScopePrefix(kind, org, ""), sort_key));
  if (!country.empty()) keys.push_back(absl::StrCat(OrderedScopePrefix(kind, org, country), sort_key));
  return keys;
}

}  // namespace

std::string OrderedScopePrefix(OrderedKind kind, absl::string_view organization, absl::string_view country) {
  return absl::StrCat(kOrderedPrefix, std::string(1, static_cast<char>(kind)), "/", organization, "/", country,
                      std::string(1, '\0'));
}

std::vector<std::string> OrderedKeysOf(const v1::RecordChange& change, absl::string_view default_organization) {
  switch (change.fact_case()) {
    case v1::RecordChange::kMembershipEvent: {
      const v1::MembershipEvent& fact = change.membership_event();
      return KeysOf(OrderedKind::kMembership, fact.organization(), default_organization, fact.country(),
                    SortKeyOf(fact));
    }
    case v1::RecordChange::kIntervention: {
      const v1::Intervention& fact = change.intervention();
      return KeysOf(OrderedKind::kIntervention, fact.organization(), default_organization, fact.host_country(),
                    SortKeyOf(fact));
    }
    case v1::RecordChange::kAssistanceRequest: {
      const v1::AssistanceRequest& fact = change.assistance_request();
      return KeysOf(OrderedKind::kRequest, fact.organization(), default_organization, fact.requester_country(),
                    SortKeyOf(fact));
    }
    default:
      return {};
  }
}

}  // namespace alliance::query
