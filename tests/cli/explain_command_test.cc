// Runs `alliancectl explain` in-process against the fake query service and
// checks what it prints of the claims, sources, date readings and disputes.
#include "cli/explain_command.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cli/fake_services.h"

namespace alliance::cli {
namespace {

using ::testing::HasSubstr;

using ExplainCommandTest = CommandTest;

TEST_F(ExplainCommandTest, PrintsEachClaimWithItsSourceDateReadingAndTheDisputes) {
  ASSERT_EQ(Run({"explain", "membership/CSTO/ZMB/WITHDREW/2031"}), kExitOk) << err_.str();
  const std::string out = out_.str();
  EXPECT_THAT(out, HasSubstr("1 independent source among 2 claims"));
  EXPECT_THAT(out, HasSubstr("Supporting claims (2):\n  - Title of doc-a\n"));
  EXPECT_THAT(out, HasSubstr("  - Title of doc-b, a copy of Title of doc-a\n"));
  EXPECT_THAT(out, HasSubstr("REPORTED by ZMB (“said”)"));
  EXPECT_THAT(out, HasSubstr("date: “last year” → 2031 (relative to publication 2032-02-01; 2031-01-01..2031-12-31)"));
  EXPECT_THAT(out, HasSubstr("date: “in 2031” → 2031 (absolute; 2031-01-01..2031-12-31)"));
  EXPECT_THAT(out, HasSubstr("Zembla left last year, its envoy said."));
  EXPECT_THAT(out, HasSubstr("Contradicting claims (1):\n  - Title of doc-c\n"));
  EXPECT_THAT(out, HasSubstr("Disputed date:\n  2031 (the fact's): 1 claim\n  2030: 1 claim\n"));
}

TEST_F(ExplainCommandTest, NeedsOneFactIdAndReportsAnUnknownOne) {
  EXPECT_NE(Run({"explain"}), kExitOk);
  EXPECT_THAT(err_.str(), HasSubstr("explain takes one FACT_ID"));
  EXPECT_NE(Run({"explain", "membership/CSTO/ZMB/JOINED/1900"}), kExitOk);
  EXPECT_THAT(err_.str(), HasSubstr("fact_id"));
}

TEST(DescribeDateReading, NamesTheWordsRuleAnchorAndInterval) {
  v1::PartialDate spring;
  spring.set_year(2031);
  spring.set_approximate(true);
  spring.set_as_written("spring 2031");
  spring.set_rule(v1::DATE_RULE_ABSOLUTE);
  spring.set_earliest("2031-03-01");
  spring.set_latest("2031-05-31");
  EXPECT_EQ(DescribeDateReading(spring), "“spring 2031” → ~2031 (absolute; 2031-03-01..2031-05-31)");
  EXPECT_EQ(DescribeDateReading(v1::PartialDate()), "undated");
  v1::PartialDate bare;  // a request date: no words, rule or written interval
  bare.set_year(2005);
  EXPECT_EQ(DescribeDateReading(bare), "2005 (2005-01-01..2005-12-31)");
}

}  // namespace
}  // namespace alliance::cli
