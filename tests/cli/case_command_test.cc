// Runs `alliancectl cases` in-process against the fake query service and
// checks the request it sends and the steps it prints.
#include "cli/case_command.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cli/fake_services.h"

namespace alliance::cli {
namespace {

using ::testing::ContainsRegex;
using ::testing::HasSubstr;

using CaseCommandTest = CommandTest;

TEST_F(CaseCommandTest, PrintsEachStepOfACaseWithTheQuotesOfItsFacts) {
  ASSERT_EQ(Run({"cases"}), kExitOk) << err_.str();
  const std::string out = out_.str();
  EXPECT_THAT(out, ContainsRegex("CASE +STATUS +STEP +DATE +WHAT +NOTES\n"));
  EXPECT_THAT(out, ContainsRegex("case/CSTO/KAZ/2022 +WITHDRAWN +REQUESTED +2022-01-05 +KAZ asked for help +DISPUTED\n"));
  EXPECT_THAT(out, ContainsRegex("\n +DECIDED +- +granted *\n"));
  EXPECT_THAT(out, ContainsRegex("\n +DEPLOYED +2022-01-06 +2500 troops deployed *\n"));
  EXPECT_THAT(out, ContainsRegex("\n +WITHDRAWN +2022-01-19 +forces withdrawn *\n"));
  EXPECT_THAT(out, HasSubstr("Tokayev asked the CSTO for help on 5 January."));
  EXPECT_THAT(out, HasSubstr("About 2,500 troops arrived on 6 January."));
  EXPECT_THAT(out, HasSubstr("intervention/CSTO/KAZ/2022")) << "the fact behind the 3 more quotes is named";
}

TEST_F(CaseCommandTest, SendsItsFiltersAndRefusesAnUnknownStatusBeforeSending) {
  commands_.cases.country = "kaz";
  commands_.cases.status = "withdrawn";
  ASSERT_EQ(Run({"cases"}), kExitOk) << err_.str();
  std::vector<v1::ListCasesRequest> sent = query_service_.cases_requests();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].country(), "KAZ");
  EXPECT_EQ(sent[0].status(), v1::CASE_STATUS_WITHDRAWN);

  commands_.cases.status = "victorious";
  EXPECT_NE(Run({"cases"}), kExitOk);
  EXPECT_THAT(err_.str(), HasSubstr("--status: \"victorious\" is not a case status"));
  EXPECT_EQ(query_service_.cases_requests().size(), 1u) << "nothing sent";
  EXPECT_NE(Run({"cases", "KAZ"}), kExitOk) << "the country is a flag";
}

}  // namespace
}  // namespace alliance::cli
