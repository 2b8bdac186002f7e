// The query service's request checks on their own: each refusal names its
// field, and what passes comes back resolved.
#include "query-service/request_validation.h"

#include <set>
#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "query-service/page_token.h"
#include "tests/query-service/test_changes.h"

namespace alliance::query {
namespace {

using ::alliance::query::testing::Date;
using ::testing::HasSubstr;
using ::testing::StartsWith;

// A holds_organization callback that fails the test when it is asked.
absl::StatusOr<bool> NeverAsked(const std::string& organization) {
  ADD_FAILURE() << "asked whether the store holds " << organization;
  return false;
}

TEST(ValidateCountry, AcceptsEmptyAndKnownCodesAndNamesTheFieldOtherwise) {
  EXPECT_TRUE(ValidateCountry("", "country").ok());
  EXPECT_TRUE(ValidateCountry("KAZ", "country").ok());
  const absl::Status ruritania = ValidateCountry("RUR", "host_country");
  EXPECT_EQ(ruritania.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(ruritania.message()), StartsWith("host_country: unknown ISO 3166-1 alpha-3 code \"RUR\""));
  EXPECT_FALSE(ValidateCountry("kaz", "country").ok()) << "codes are upper case";
}

TEST(IsOrganizationCode, TakesTwoToSixteenUpperCaseLettersOrDigitsStartingWithALetter) {
  EXPECT_TRUE(IsOrganizationCode("RP"));
  EXPECT_TRUE(IsOrganizationCode("RURITANIAPACT2"));
  EXPECT_TRUE(IsOrganizationCode("ABCDEFGHIJKLMNOP"));
  EXPECT_FALSE(IsOrganizationCode("ABCDEFGHIJKLMNOPQ"));
  EXPECT_FALSE(IsOrganizationCode("R"));
  EXPECT_FALSE(IsOrganizationCode("2PACT"));
  EXPECT_FALSE(IsOrganizationCode("Pact"));
  EXPECT_FALSE(IsOrganizationCode("RURI-PACT"));
}

TEST(ValidateOrganization, NamesTheFieldAndEscapesTheValue) {
  EXPECT_TRUE(ValidateOrganization("").ok());
  EXPECT_TRUE(ValidateOrganization("RURIPACT").ok());
  const absl::Status bad = ValidateOrganization("ruri\npact");
  EXPECT_EQ(bad.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad.message()), StartsWith("organization: \"ruri\\npact\" is not an organization code"));
}

TEST(ResolveOrganization, EmptyMeansTheDefault) {
  absl::StatusOr<std::string> resolved = ResolveOrganization("", "RURIPACT", {"GRAUSTARK"}, NeverAsked);
  ASSERT_TRUE(resolved.ok()) << resolved.status();
  EXPECT_EQ(*resolved, "RURIPACT");
}

TEST(ResolveOrganization, AcceptsTheDefaultAndKnownCodesWithoutAskingTheStore) {
  const std::set<std::string> known = {"GRAUSTARK", "KRAKOZHIA"};
  EXPECT_EQ(*ResolveOrganization("RURIPACT", "RURIPACT", known, NeverAsked), "RURIPACT");
  EXPECT_EQ(*ResolveOrganization("KRAKOZHIA", "RURIPACT", known, NeverAsked), "KRAKOZHIA");
  // No known codes: any well-formed code goes.
  EXPECT_EQ(*ResolveOrganization("ELBONIA", "RURIPACT", {}, NeverAsked), "ELBONIA");
}

TEST(ResolveOrganization, AsksTheStoreAboutOtherCodes) {
  const std::set<std::string> known = {"GRAUSTARK", "KRAKOZHIA"};
  std::string asked;
  auto holds = [&asked](const std::string& code) -> absl::StatusOr<bool> {
    asked = code;
    return code == "ELBONIA";
  };
  EXPECT_EQ(*ResolveOrganization("ELBONIA", "RURIPACT", known, holds), "ELBONIA");
  EXPECT_EQ(asked, "ELBONIA");

  const absl::StatusOr<std::string> unknown = ResolveOrganization("FREEDONIA", "RURIPACT", known, holds);
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(unknown.status().message(),
            "organization: unknown organization code \"FREEDONIA\" (known: GRAUSTARK, KRAKOZHIA)");
}

TEST(ResolveOrganization, PassesOnAStoreErrorAndRefusesMalformedCodesFirst) {
  auto failing = [](const std::string&) -> absl::StatusOr<bool> { return absl::DataLossError("torn row"); };
  EXPECT_EQ(ResolveOrganization("ELBONIA", "RURIPACT", {"GRAUSTARK"}, failing).status().code(),
            absl::StatusCode::kDataLoss);
  const absl::StatusOr<std::string> malformed = ResolveOrganization("elbonia", "RURIPACT", {"GRAUSTARK"}, NeverAsked);
  EXPECT_EQ(malformed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(malformed.status().message()), HasSubstr("is not an organization code"));
}

TEST(OrganizationOf, IsTheFactsOwnOrTheDefault) {
  EXPECT_EQ(OrganizationOf("GRAUSTARK", "RURIPACT"), "GRAUSTARK");
  EXPECT_EQ(OrganizationOf("", "RURIPACT"), "RURIPACT");
}

TEST(ResolveDateRange, RefusesARangeThatEndsBeforeItStarts) {
  const absl::StatusOr<DateRange> backwards = ResolveDateRange(Date("2010-05"), Date("2009"));
  EXPECT_EQ(backwards.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(backwards.status().message()), StartsWith("to: "));
  EXPECT_TRUE(ResolveDateRange(Date("2010-05"), Date("2010")).ok()) << "overlapping bounds are a range";

  v1::PartialDate garbled;
  garbled.set_as_written("the fifth of Smarch");
  const absl::StatusOr<DateRange> bad_from = ResolveDateRange(garbled, Date(""));
  EXPECT_EQ(bad_from.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad_from.status().message()), StartsWith("from"));
}

TEST(DateRange, OverlapsTheDaysADateCovers) {
  const DateRange range = *ResolveDateRange(Date("2010-03"), Date("2010-06-15"));
  EXPECT_TRUE(range.Overlaps(Date("2010")));
  EXPECT_TRUE(range.Overlaps(Date("2010-06-15")));
  EXPECT_TRUE(range.Overlaps(Date("2010-03-01")));
  EXPECT_FALSE(range.Overlaps(Date("2010-06-16")));
  EXPECT_FALSE(range.Overlaps(Date("2010-02")));
  EXPECT_FALSE(range.Overlaps(Date(""))) << "undated facts match only an unbounded range";

  const DateRange open = *ResolveDateRange(Date(""), Date(""));
  EXPECT_TRUE(open.unbounded());
  EXPECT_TRUE(open.Overlaps(Date("")));
  const DateRange from_only = *ResolveDateRange(Date("2010"), Date(""));
  EXPECT_FALSE(from_only.unbounded());
  EXPECT_TRUE(from_only.Overlaps(Date("2099")));
  EXPECT_FALSE(from_only.Overlaps(Date("2009-12-31")));
}

TEST(ValidateEnums, NameTheirField) {
  EXPECT_TRUE(ValidateMembershipAction(v1::MEMBERSHIP_ACTION_UNSPECIFIED).ok());
  EXPECT_TRUE(ValidateMembershipAction(v1::MEMBERSHIP_ACTION_WITHDREW).ok());
  EXPECT_EQ(ValidateMembershipAction(999).message(), "action: unknown MembershipAction value 999");
  EXPECT_TRUE(ValidateAssistanceOutcome(v1::ASSISTANCE_OUTCOME_GRANTED).ok());
  EXPECT_EQ(ValidateAssistanceOutcome(-1).message(), "outcome: unknown AssistanceOutcome value -1");
}

TEST(RequireField, RefusesOnlyAnEmptyValue) {
  EXPECT_TRUE(RequireField("membership/RURIPACT/RUR/SIGNED/1920", "fact_id").ok());
  const absl::Status missing = RequireField("", "fact_id");
  EXPECT_EQ(missing.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(missing.message(), "fact_id: required");
}

TEST(ValidateKnowledgeTime, TakesOneFormOrNeitherAndNoNegativeTime) {
  EXPECT_TRUE(ValidateKnowledgeTime(0, 0).ok());
  EXPECT_TRUE(ValidateKnowledgeTime(12, 0).ok());
  EXPECT_TRUE(ValidateKnowledgeTime(0, 2000000000).ok());
  const absl::Status both = ValidateKnowledgeTime(12, 2000000000);
  EXPECT_EQ(both.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(both.message()), StartsWith("known_as_of_sequence, known_as_of_unix: "));
  const absl::Status negative = ValidateKnowledgeTime(0, -86400);
  EXPECT_EQ(negative.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(negative.message()), StartsWith("known_as_of_unix: -86400 "));
}

TEST(ValidateWatchRequest, ChecksOrganizationCountryAndKinds) {
  v1::WatchRequest request;
  request.set_organization("RURIPACT");
  request.set_country("KAZ");
  request.add_kinds("membership_event");
  request.add_kinds("conflict");
  EXPECT_TRUE(ValidateWatchRequest(request).ok());

  v1::WatchRequest treaty = request;
  treaty.add_kinds("treaty");
  EXPECT_THAT(std::string(ValidateWatchRequest(treaty).message()), StartsWith("kinds: unknown kind \"treaty\""));

  v1::WatchRequest country = request;
  country.set_country("RUR");
  EXPECT_THAT(std::string(ValidateWatchRequest(country).message()), StartsWith("country: "));

  v1::WatchRequest organization = request;
  organization.set_organization("ruripact");
  EXPECT_THAT(std::string(ValidateWatchRequest(organization).message()), StartsWith("organization: "));
}

TEST(ResolvePage, DefaultsAndClampsThePageSize) {
  v1::ListMembersRequest request;
  absl::StatusOr<Page> page = ResolvePage("ListMembers", request, 7);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->size, kDefaultPageSize);
  EXPECT_TRUE(page->position.after_key.empty());
  EXPECT_EQ(page->applied_sequence, 7u);
  request.set_page_size(kMaxPageSize + 1);
  EXPECT_EQ(ResolvePage("ListMembers", request, 7)->size, kMaxPageSize);
  request.set_page_size(-1);
  EXPECT_THAT(std::string(ResolvePage("ListMembers", request, 7).status().message()), StartsWith("page_size"));
}

TEST(ResolvePage, TakesBackItsOwnTokensOnly) {
  v1::ListMembersRequest request;
  request.set_organization("RURIPACT");
  const Page first = *ResolvePage("ListMembers", request, 7);
  PagePosition next;
  next.after_key = "after Ruritania";
  next.applied_sequence = 7;
  request.set_page_token(EncodePageToken(next, first.query_fingerprint));

  absl::StatusOr<Page> second = ResolvePage("ListMembers", request, 9);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->position.after_key, "after Ruritania");
  EXPECT_EQ(second->position.applied_sequence, 7u);
  EXPECT_EQ(second->applied_sequence, 9u);

  v1::ListMembersRequest other_filter = request;
  other_filter.set_organization("GRAUSTARK");
  EXPECT_THAT(std::string(ResolvePage("ListMembers", other_filter, 9).status().message()), StartsWith("page_token"));
  EXPECT_THAT(std::string(ResolvePage("ListConflicts", request, 9).status().message()), StartsWith("page_token"));
}

TEST(ResolvePage, RefusesATokenFromAReplicaFurtherAlong) {
  v1::ListMembersRequest request;
  const Page first = *ResolvePage("ListMembers", request, 12);
  PagePosition next;
  next.after_key = "k";
  next.applied_sequence = 12;
  request.set_page_token(EncodePageToken(next, first.query_fingerprint));
  const absl::Status behind = ResolvePage("ListMembers", request, 11).status();
  EXPECT_EQ(behind.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(behind.message()), StartsWith("page_token: cut at applied sequence 12"));
  EXPECT_TRUE(ResolvePage("ListMembers", request, 12).ok());
}

}  // namespace
}  // namespace alliance::query
