#include "query-service/request_validation.h"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/country_codes.h"
#include "common/partial_date.h"

namespace alliance::query {

absl::Status ValidateCountry(const std::string& code, absl::string_view field) {
  if (code.empty() || IsKnownCountryCode(code)) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(field, ": unknown ISO 3166-1 alpha-3 code \"", absl::CHexEscape(code), "\""));
}

bool IsOrganizationCode(absl::string_view code) {
  if (code.size() < 2 || code.size() > 16 || code[0] < 'A' || code[0] > 'Z') return false;
  return std::all_of(code.begin(), code.end(),
                     [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

absl::Status ValidateOrganization(const std::string& organization) {
  if (organization.empty() || IsOrganizationCode(organization)) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("organization: \"", absl::CHexEscape(organization),
                                                 "\" is not an organization code (2-16 upper-case letters "
                                                 "or digits starting with a letter, e.g. \"CSTO\")"));
}

absl::StatusOr<std::string> ResolveOrganization(
    const std::string& organization, const std::string& default_organization,
    const std::set<std::string>& known_organizations,
    absl::FunctionRef<absl::StatusOr<bool>(const std::string&)> holds_organization) {
  RETURN_IF_ERROR(ValidateOrganization(organization));
  if (organization.empty() || organization == default_organization || known_organizations.empty() ||
      known_organizations.count(organization) > 0) {
    return organization.empty() ? default_organization : organization;
  }
  ASSIGN_OR_RETURN(const bool held, holds_organization(organization));
  if (held) return organization;
  return absl::InvalidArgumentError(absl::StrCat("organization: unknown organization code \"", organization,
                                                 "\" (known: ", absl::StrJoin(known_organizations, ", "), ")"));
}

bool DateRange::unbounded() const { return IsUnset(from) && IsUnset(to); }

bool DateRange::Overlaps(const v1::PartialDate& date) const {
  if (unbounded()) return true;
  if (IsUnset(date)) return false;
  if (!IsUnset(from) && LastDayKey(date) < FirstDayKey(from)) return false;
  if (!IsUnset(to) && FirstDayKey(date) > LastDayKey(to)) return false;
  return true;
}

absl::StatusOr<DateRange> ResolveDateRange(const v1::PartialDate& from, const v1::PartialDate& to) {
  DateRange range;
  ASSIGN_OR_RETURN(range.from, NormalizeRequestDate(from, "from"));
  ASSIGN_OR_RETURN(range.to, NormalizeRequestDate(to, "to"));
  if (!IsUnset(range.from) && !IsUnset(range.to) && FirstDayKey(range.from) > LastDayKey(range.to)) {
    return absl::InvalidArgumentError(
        absl::StrCat("to: ", FormatDate(range.to), " is before from (", FormatDate(range.from), ")"));
  }
  return range;
}

absl::Status ValidateMembershipAction(int action) {
  if (v1::MembershipAction_IsValid(action)) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("action: unknown MembershipAction value ", action));
}

absl::Status ValidateAssistanceOutcome(int outcome) {
  if (v1::AssistanceOutcome_IsValid(outcome)) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("outcome: unknown AssistanceOutcome value ", outcome));
}

absl::Status ValidateCaseStatus(int status) {
  if (v1::CaseStatus_IsValid(status)) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat("status: unknown CaseStatus value ", status));
}

absl::Status RequireField(const std::string& value, absl::string_view field) {
  if (!value.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(absl::StrCat(field, ": required"));
}

absl::Status ValidateKnowledgeTime(uint64_t known_as_of_sequence, int64_t known_as_of_unix) {
  if (known_as_of_sequence != 0 && known_as_of_unix != 0) {
    return absl::InvalidArgumentError(absl::StrCat("known_as_of_sequence, known_as_of_unix: set one or neither (",
                                                   known_as_of_sequence, " and ", known_as_of_unix, " given)"));
  }
  if (known_as_of_unix < 0) {
    return absl::InvalidArgumentError(absl::StrCat("known_as_of_unix: ", known_as_of_unix,
                                                   " is negative; give seconds since 1970-01-01T00:00:00Z"));
  }
  return absl::OkStatus();
}

absl::Status ValidateWatchKinds(const google::protobuf::RepeatedPtrField<std::string>& kinds) {
  for (const std::string& kind : kinds) {
    if (kind != kMembershipKind && kind != kInterventionKind && kind != kRequestKind && kind != kConflictKind) {
      return absl::InvalidArgumentError(
          absl::StrCat("kinds: unknown kind \"", absl::CHexEscape(kind),
                       "\" (expected membership_event, intervention, assistance_request or conflict)"));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateWatchRequest(const v1::WatchRequest& request) {
  RETURN_IF_ERROR(ValidateOrganization(request.organization()));
  RETURN_IF_ERROR(ValidateCountry(request.country(), "country"));
  return ValidateWatchKinds(request.kinds());
}

absl::Status CheckTokenNotAhead(const PagePosition& position, uint64_t applied_sequence) {
  if (position.applied_sequence <= applied_sequence) return absl::OkStatus();
  return absl::FailedPreconditionError(
      absl::StrCat("page_token: cut at applied sequence ", position.applied_sequence,
                   " but this replica has applied only ", applied_sequence,
                   "; retry when it has caught up, or start the walk again"));
}

}  // namespace alliance::query
