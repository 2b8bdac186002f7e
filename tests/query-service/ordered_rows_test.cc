// Ordered rows: each fact gets a key in its organization's scope and one in its
// country's, both sorting like its List answer, and the scopes never overlap.
#include "query-service/ordered_rows.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "query-service/sort_keys.h"

namespace alliance::query {
namespace {

v1::RecordChange Request(const std::string& organization, const std::string& country, int year,
                         const std::string& id) {
  v1::RecordChange change;
  v1::AssistanceRequest* request = change.mutable_assistance_request();
  request->set_id(id);
  request->set_organization(organization);
  request->set_requester_country(country);
  request->mutable_date()->set_year(year);
  return change;
}

TEST(OrderedRows, AFactHasAKeyInItsOrganizationsScopeAndOneInItsCountrys) {
  const v1::RecordChange change = Request("CSTO", "RUR", 2001, "request/CSTO/RUR/2001");

  const std::vector<std::string> keys = OrderedKeysOf(change, "CSTO");

  ASSERT_EQ(keys.size(), 2u);
  const std::string sort_key = SortKeyOf(change.assistance_request());
  EXPECT_EQ(keys[0], OrderedScopePrefix(OrderedKind::kRequest, "CSTO", "") + sort_key);
  EXPECT_EQ(keys[1], OrderedScopePrefix(OrderedKind::kRequest, "CSTO", "RUR") + sort_key);
}

TEST(OrderedRows, AnEmptyOrganizationIsTheDefaultOne) {
  const std::vector<std::string> keys = OrderedKeysOf(Request("", "RUR", 2001, "r"), "CSTO");

  ASSERT_EQ(keys.size(), 2u);
  EXPECT_TRUE(absl::StartsWith(keys[0], OrderedScopePrefix(OrderedKind::kRequest, "CSTO", "")));
}

TEST(OrderedRows, AFactWithNoCountryHasOnlyTheOrganizationsKey) {
  const std::vector<std::string> keys = OrderedKeysOf(Request("CSTO", "", 2001, "r"), "CSTO");

  ASSERT_EQ(keys.size(), 1u);
  EXPECT_TRUE(absl::StartsWith(keys[0], OrderedScopePrefix(OrderedKind::kRequest, "CSTO", "")));
}

TEST(OrderedRows, KeysOfOneScopeSortLikeTheAnswer) {
  const v1::RecordChange later = Request("CSTO", "RUR", 2010, "a");
  const v1::RecordChange earlier = Request("CSTO", "FRE", 1999, "z");

  EXPECT_LT(OrderedKeysOf(earlier, "CSTO")[0], OrderedKeysOf(later, "CSTO")[0]);
}

TEST(OrderedRows, ScopesAndKindsDoNotShareKeys) {
  // Neither the organization's scope nor another organization's holds a
  // country's rows, and kinds are apart.
  const std::string organization = OrderedScopePrefix(OrderedKind::kRequest, "CSTO", "");
  const std::string country = OrderedScopePrefix(OrderedKind::kRequest, "CSTO", "RUR");
  const std::vector<std::string> keys = OrderedKeysOf(Request("CSTO", "RUR", 2001, "r"), "CSTO");
  EXPECT_FALSE(absl::StartsWith(keys[1], organization));
  EXPECT_FALSE(absl::StartsWith(keys[0], country));
  EXPECT_FALSE(absl::StartsWith(keys[0], OrderedScopePrefix(OrderedKind::kRequest, "CST", "")));
  EXPECT_FALSE(absl::StartsWith(keys[0], OrderedScopePrefix(OrderedKind::kIntervention, "CSTO", "")));
}

TEST(OrderedRows, EachKindIsKeyedByItsOwnCountryField) {
  v1::RecordChange event;
  event.mutable_membership_event()->set_country("FRE");
  event.mutable_membership_event()->set_organization("CSTO");
  v1::RecordChange intervention;
  intervention.mutable_intervention()->set_host_country("BOR");
  intervention.mutable_intervention()->set_organization("CSTO");

  EXPECT_TRUE(absl::StartsWith(OrderedKeysOf(event, "CSTO")[1],
                               OrderedScopePrefix(OrderedKind::kMembership, "CSTO", "FRE")));
  EXPECT_TRUE(absl::StartsWith(OrderedKeysOf(intervention, "CSTO")[1],
                               OrderedScopePrefix(OrderedKind::kIntervention, "CSTO", "BOR")));
}

TEST(OrderedRows, AConflictHasNone) {
  v1::RecordChange conflict;
  conflict.mutable_conflict()->set_subject_id("membership/CSTO/RUR");
  EXPECT_TRUE(OrderedKeysOf(conflict, "CSTO").empty());
  EXPECT_TRUE(OrderedKeysOf(v1::RecordChange(), "CSTO").empty());
}

}  // namespace
}  // namespace alliance::query
