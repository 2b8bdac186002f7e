// Runs the fact commands (members, history, events, evidence) in-process
// against the fake query service and checks the requests they send and the
// tables and JSON they print.
#include "cli/fact_commands.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/command_context.h"
#include "common/partial_date.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/cli/fake_services.h"

namespace alliance::cli {
namespace {

using ::testing::ContainsRegex;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

using FactCommandsTest = CommandTest;

TEST_F(FactCommandsTest, MembersPrintsATableOfCountriesWithEvidence) {
  ASSERT_EQ(Run({"members"}), kExitOk) << err_.str();
  const std::vector<std::string> lines = Lines(out_.str());
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "COUNTRY  STATUS  SINCE");
  EXPECT_THAT(out_.str(), ContainsRegex("\nARM +MEMBER +1992\n"));
  EXPECT_THAT(out_.str(), ContainsRegex("\nRUS +MEMBER +1992\n"));
  EXPECT_THAT(out_.str(), HasSubstr("  “ARM signed the treaty.” — CSTO at thirty (s.3)\n"));
}

TEST_F(FactCommandsTest, MembersMarksAStatusTheDateCannotDecide) {
  commands_.members.as_of = "2005-06-01";
  ASSERT_EQ(Run({"members"}), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(),
              ContainsRegex("\nKAZ +MEMBER +1992 +UNCERTAIN on this date: membership/CSTO/KAZ/WITHDREW/2005\n"));
  EXPECT_THAT(out_.str(), ContainsRegex("\nRUS +MEMBER +1992 *\n"));
}

TEST_F(FactCommandsTest, KnownAsOfIsSentWithEveryPageOfTheQuestion) {
  options_.known_as_of = 7;
  options_.page_size = 2;
  commands_.members.as_of = "2005";
  ASSERT_EQ(Run({"members"}), kExitOk) << err_.str();
  const std::vector<v1::ListMembersRequest> requests = query_service_.members_requests();
  ASSERT_EQ(requests.size(), 2u);
  for (const v1::ListMembersRequest& request : requests) EXPECT_EQ(request.known_as_of_sequence(), 7u);
  ASSERT_EQ(Run({"events"}), kExitOk) << err_.str();
  EXPECT_EQ(query_service_.events_requests().back().known_as_of_sequence(), 7u);
}

TEST_F(FactCommandsTest, KnownAsOfTimeIsSentWithEveryPageOfTheQuestion) {
  options_.known_as_of_unix = 1930360000;
  options_.page_size = 2;
  ASSERT_EQ(Run({"members"}), kExitOk) << err_.str();
  const std::vector<v1::ListMembersRequest> requests = query_service_.members_requests();
  ASSERT_EQ(requests.size(), 2u);
  for (const v1::ListMembersRequest& request : requests) {
    EXPECT_EQ(request.known_as_of_unix(), 1930360000);
    EXPECT_EQ(request.known_as_of_sequence(), 0u);
  }
  ASSERT_EQ(Run({"events"}), kExitOk) << err_.str();
  EXPECT_EQ(query_service_.events_requests().back().known_as_of_unix(), 1930360000);
}

TEST_F(FactCommandsTest, MembersFollowsNextPageTokenUntilEmpty) {
  options_.page_size = 2;
  ASSERT_EQ(Run({"members"}), kExitOk) << err_.str();
  const std::vector<v1::ListMembersRequest> requests = query_service_.members_requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].page_token(), "");
  EXPECT_EQ(requests[1].page_token(), "page-2");
  EXPECT_EQ(requests[0].page_size(), 2);
  for (const char* country : {"ARM", "BLR", "KAZ", "RUS"}) {
    EXPECT_THAT(out_.str(), ContainsRegex(absl::StrCat("\n", country, " +MEMBER"))) << country;
  }
}

TEST_F(FactCommandsTest, MembersJsonPrintsOneParsableObjectPerPage) {
  options_.json = true;
  ASSERT_EQ(Run({"members"}), kExitOk) << err_.str();
  const std::vector<std::string> lines = Lines(out_.str());
  ASSERT_EQ(lines.size(), 2u) << out_.str();
  std::vector<std::string> countries;
  for (const std::string& line : lines) {
    v1::ListMembersResponse page;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(line, &page).ok()) << line;
    for (const v1::Member& member : page.members()) countries.push_back(member.country());
  }
  EXPECT_THAT(countries, ElementsAre("ARM", "BLR", "KAZ", "RUS"));
}

TEST_F(FactCommandsTest, MembersSendsAsOfAndObservers) {
  commands_.members.as_of = "2005-01-01";
  commands_.members.observers = true;
  ASSERT_EQ(Run({"members"}), kExitOk) << err_.str();
  const auto requests = query_service_.members_requests();
  ASSERT_FALSE(requests.empty());
  EXPECT_EQ(FormatDate(requests[0].as_of()), "2005-01-01");
  EXPECT_TRUE(requests[0].include_observers());
}

TEST_F(FactCommandsTest, MalformedDateIsReportedWithoutCallingTheService) {
  commands_.members.as_of = "2005-13-01";
  EXPECT_EQ(Run({"members"}), kExitError);
  EXPECT_THAT(err_.str(), HasSubstr("alliancectl: --as-of: \"2005-13-01\""));
  EXPECT_TRUE(query_service_.members_requests().empty());
}

TEST_F(FactCommandsTest, HistoryPrintsEventsWithEvidenceAndPeriods) {
  ASSERT_EQ(Run({"history", "uzb"}), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), ContainsRegex("2012 +WITHDREW +CSTO +2 +0.75\n"));
  EXPECT_THAT(out_.str(), HasSubstr("“Uzbekistan, which rejoined the CSTO in 2006, left again in 2012.” — CSTO at thirty (s.31)"));
  EXPECT_THAT(out_.str(), ContainsRegex("MEMBER +2006 +2012\n"));
}

TEST_F(FactCommandsTest, HistorySaysHowManyMoreQuotesAFactHasAndEvidenceListsThemAll) {
  ASSERT_EQ(Run({"history", "UZB"}), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("(4 more quotes; alliancectl evidence membership/CSTO/UZB/WITHDREW/2012)"));
  out_.str("");
  ASSERT_EQ(Run({"evidence", "membership/CSTO/UZB/WITHDREW/2012"}), kExitOk) << err_.str();
  for (int i = 0; i < 5; ++i) EXPECT_THAT(out_.str(), HasSubstr(absl::StrCat("(quote ", i, ")"))) << i;
  EXPECT_THAT(out_.str(), HasSubstr("5 quotes\n"));
  EXPECT_EQ(Run({"evidence", "membership/CSTO/XXX/SIGNED/1992"}), kExitError);
  EXPECT_THAT(err_.str(), HasSubstr("fact_id"));
  EXPECT_NE(Run({"evidence"}), kExitOk);
}

TEST_F(FactCommandsTest, EventsSendsParsedFilters) {
  commands_.events.country = "uzb";
  commands_.events.action = "withdrew";
  commands_.events.dates.from = "2000";
  ASSERT_EQ(Run({"events"}), kExitOk) << err_.str();
  const auto requests = query_service_.events_requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].country(), "UZB");
  EXPECT_EQ(requests[0].action(), v1::MEMBERSHIP_ACTION_WITHDREW);
  EXPECT_EQ(requests[0].from().year(), 2000);
  EXPECT_THAT(Lines(out_.str()), ElementsAre("COUNTRY  ACTION    DATE  SOURCES  CONFIDENCE",
                                             "UZB      WITHDREW  2012        2        0.75"));
}

TEST_F(FactCommandsTest, UnknownActionIsAUsageError) {
  commands_.events.action = "left";
  EXPECT_EQ(Run({"events"}), kExitError);
  EXPECT_THAT(err_.str(), HasSubstr("--action"));
  EXPECT_TRUE(query_service_.events_requests().empty());
}

}  // namespace
}  // namespace alliance::cli
