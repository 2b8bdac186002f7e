// Request validation for the query service: the checks a QueryService request
// passes before anything is read for it, each failing with INVALID_ARGUMENT
// naming the field (FAILED_PRECONDITION for a page token from a replica that
// is further along).
//
// It covers country codes, organization codes (and the default organization
// that stands in for an empty one), date ranges, enum filters, the knowledge
// time fields, Watch kinds, and a List request's page size and page token
// (turned into a Page).
//
// Ownership: the functions keep nothing; what they return is the caller's.
//
// Thread-safety: every function is pure (ResolveOrganization calls the
// `holds_organization` callback it is given) and safe to call from any thread.
#ifndef ALLIANCE_QUERY_REQUEST_VALIDATION_H_
#define ALLIANCE_QUERY_REQUEST_VALIDATION_H_

#include <cstdint>
#include <set>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "alliance/v1/query_service.pb.h"
#include "alliance/v1/records.pb.h"
#include "common/status_macros.h"
#include "google/protobuf/repeated_field.h"
#include "query-service/page_token.h"

namespace alliance::query {

// The fact kinds a WatchRequest may name in `kinds`.
inline constexpr absl::string_view kMembershipKind = "membership_event";
inline constexpr absl::string_view kInterventionKind = "intervention";
inline constexpr absl::string_view kRequestKind = "assistance_request";
inline constexpr absl::string_view kConflictKind = "conflict";

// Returns INVALID_ARGUMENT naming `field` unless `code` is empty or a known
// ISO 3166-1 alpha-3 code.
absl::Status ValidateCountry(const std::string& code, absl::string_view field);

// Returns true for ^[A-Z][A-Z0-9]{1,15}$.
bool IsOrganizationCode(absl::string_view code);

// Returns INVALID_ARGUMENT naming "organization" unless `organization` is
// empty or an organization code.
absl::Status ValidateOrganization(const std::string& organization);

// Returns `organization`, or `default_organization` when it is empty.
// INVALID_ARGUMENT naming "organization" when it is not an organization code,
// or when `known_organizations` is not empty, does not hold it, it is not the
// default and `holds_organization` (asked only then) says no stored fact
// belongs to it. An error of `holds_organization` is returned as it is.
absl::StatusOr<std::string> ResolveOrganization(
    const std::string& organization, const std::string& default_organization,
    const std::set<std::string>& known_organizations,
    absl::FunctionRef<absl::StatusOr<bool>(const std::string&)> holds_organization);

// Returns the organization a stored fact belongs to: its `own`, or
// `default_organization` when that is empty.
inline absl::string_view OrganizationOf(const std::string& own, absl::string_view default_organization) {
  return own.empty() ? default_organization : absl::string_view(own);
}

// An inclusive date range filter; an unset bound is open.
struct DateRange {
  v1::PartialDate from;
  v1::PartialDate to;

  // True when neither bound is set.
  bool unbounded() const;

  // True when the interval of days `date` covers overlaps the range. Undated
  // facts match only an unbounded range.
  bool Overlaps(const v1::PartialDate& date) const;
};

// Returns the range of a request's `from` and `to` dates (fields "from" and
// "to"); INVALID_ARGUMENT when a date is malformed or `to` is before `from`.
absl::StatusOr<DateRange> ResolveDateRange(const v1::PartialDate& from, const v1::PartialDate& to);

// Returns INVALID_ARGUMENT naming "action" / "outcome" / "status" for a value
// outside the enum.
absl::Status ValidateMembershipAction(int action);
absl::Status ValidateAssistanceOutcome(int outcome);
absl::Status ValidateCaseStatus(int status);

// Returns INVALID_ARGUMENT "<field>: required" when `value` is empty.
absl::Status RequireField(const std::string& value, absl::string_view field);

// Returns INVALID_ARGUMENT naming both fields when a request sets both
// known_as_of_sequence and known_as_of_unix (one knowledge time, asked two
// ways), and naming known_as_of_unix when it is negative.
absl::Status ValidateKnowledgeTime(uint64_t known_as_of_sequence, int64_t known_as_of_unix);

// Returns INVALID_ARGUMENT naming "kinds" unless every one of `kinds` is one
// of the k*Kind names above.
absl::Status ValidateWatchKinds(const google::protobuf::RepeatedPtrField<std::string>& kinds);

// Validates a WatchRequest's filters: organization, country and kinds.
absl::Status ValidateWatchRequest(const v1::WatchRequest& request);

// The paging parameters of one List request after validation.
struct Page {
  int size = kDefaultPageSize;
  PagePosition position;
  uint64_t query_fingerprint = 0;
  // The store's applied sequence when the request came in (the next token's).
  uint64_t applied_sequence = 0;
};

// Returns FAILED_PRECONDITION when a token cut at `position` comes from a
// replica further along than `applied_sequence`: its walk cannot continue
// consistently here.
absl::Status CheckTokenNotAhead(const PagePosition& position, uint64_t applied_sequence);

// Validates the paging of a List request of `method` (its page_size and
// page_token) at the store's `applied_sequence`.
template <typename Request>
absl::StatusOr<Page> ResolvePage(absl::string_view method, const Request& request, uint64_t applied_sequence) {
  Page page;
  ASSIGN_OR_RETURN(page.size, ResolvePageSize(request.page_size()));
  page.query_fingerprint = QueryFingerprint(method, request);
  ASSIGN_OR_RETURN(page.position, DecodePageToken(request.page_token(), page.query_fingerprint));
  page.applied_sequence = applied_sequence;
  RETURN_IF_ERROR(CheckTokenNotAhead(page.position, applied_sequence));
  return page;
}

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_REQUEST_VALIDATION_H_
