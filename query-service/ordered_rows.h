// Ordered rows: the key schema that lets a List method read one page of its
// answer instead of every fact of the organization.
//
// Each membership event, intervention and assistance request is stored a
// second time (its brief bytes, see fact_store.h) under keys that sort in the
// order its List method answers in (sort_keys.h), once in its organization's
// scope and once in its organization-and-country scope:
//
//   ord/<m|i|r>/<ORG>/\0<sort key>            every fact of the organization
//   ord/<m|i|r>/<ORG>/<COUNTRY>\0<sort key>   the facts of one country (the
//                                             member, the host, the requester)
//
// A page is then one seek past the last sort key returned and a read of the
// rows that follow. Country codes never contain '\0', so the two scopes never
// share a key. Pure and thread-safe.
#ifndef ALLIANCE_QUERY_ORDERED_ROWS_H_
#define ALLIANCE_QUERY_ORDERED_ROWS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "alliance/v1/query_service.pb.h"

namespace alliance::query {

// The kinds of ordered rows.
enum class OrderedKind : char { kMembership = 'm', kIntervention = 'i', kRequest = 'r' };

// Every ordered row's key starts with this.
inline constexpr char kOrderedPrefix[] = "ord/";

// Returns the prefix of the ordered rows of one kind in one scope: the
// organization's when `country` is empty, else that country's within it.
std::string OrderedScopePrefix(OrderedKind kind, absl::string_view organization, absl::string_view country);

// Returns the keys of the ordered rows of the fact `change` carries (the
// organization's scope, then the country's when the fact names a country),
// with `default_organization` standing in for an empty organization. Empty for
// a conflict or an unset fact (they have no ordered rows).
std::vector<std::string> OrderedKeysOf(const v1::RecordChange& change, absl::string_view default_organization);

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_ORDERED_ROWS_H_
