#include "cli/formatters.h"

#include <string>

#include "absl/status/status.h"
#include "cli/table_printer.h"
#include "common/partial_date.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace alliance::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

TEST(EnumNames, DropThePrefix) {
  EXPECT_EQ(ActionName(v1::MEMBERSHIP_ACTION_WITHDREW), "WITHDREW");
  EXPECT_EQ(ActionName(v1::MEMBERSHIP_ACTION_DECLINED_RENEWAL), "DECLINED_RENEWAL");
  EXPECT_EQ(StatusName(v1::MEMBERSHIP_STATUS_OBSERVER), "OBSERVER");
  EXPECT_EQ(OutcomeName(v1::ASSISTANCE_OUTCOME_NOT_REQUESTED), "NOT_REQUESTED");
  EXPECT_EQ(FactualityName(v1::FACTUALITY_HYPOTHETICAL), "HYPOTHETICAL");
  EXPECT_EQ(ChangeKindName(v1::CHANGE_KIND_ADDED), "ADDED");
}

TEST(EnumNames, ShowUnspecifiedAsDashAndUnknownAsNumber) {
  EXPECT_EQ(ActionName(v1::MEMBERSHIP_ACTION_UNSPECIFIED), "-");
  EXPECT_EQ(ActionName(static_cast<v1::MembershipAction>(99)), "99");
}

TEST(ParseAction, AcceptsShortLowerDashedAndFullNames) {
  EXPECT_EQ(*ParseAction("withdrew", "--action"), v1::MEMBERSHIP_ACTION_WITHDREW);
  EXPECT_EQ(*ParseAction("WITHDREW", "--action"), v1::MEMBERSHIP_ACTION_WITHDREW);
  EXPECT_EQ(*ParseAction("declined-renewal", "--action"), v1::MEMBERSHIP_ACTION_DECLINED_RENEWAL);
  EXPECT_EQ(*ParseAction("MEMBERSHIP_ACTION_REJOINED", "--action"), v1::MEMBERSHIP_ACTION_REJOINED);
}

TEST(ParseAction, RejectsUnknownNamesNamingTheFlagAndTheChoices) {
  const auto action = ParseAction("left", "--action");
  ASSERT_FALSE(action.ok());
  EXPECT_EQ(action.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(action.status().message()), StartsWith("--action: \"left\""));
  EXPECT_THAT(std::string(action.status().message()), HasSubstr("withdrew"));
  EXPECT_FALSE(ParseAction("unspecified", "--action").ok());
}

TEST(ParseOutcome, AcceptsTheDocumentedValues) {
  EXPECT_EQ(*ParseOutcome("denied", "--outcome"), v1::ASSISTANCE_OUTCOME_DENIED);
  EXPECT_EQ(*ParseOutcome("granted", "--outcome"), v1::ASSISTANCE_OUTCOME_GRANTED);
  EXPECT_EQ(*ParseOutcome("not_requested", "--outcome"), v1::ASSISTANCE_OUTCOME_NOT_REQUESTED);
  EXPECT_EQ(*ParseOutcome("not-requested", "--outcome"), v1::ASSISTANCE_OUTCOME_NOT_REQUESTED);
  EXPECT_EQ(*ParseOutcome("pending", "--outcome"), v1::ASSISTANCE_OUTCOME_PENDING);
  EXPECT_FALSE(ParseOutcome("refused", "--outcome").ok());
}

TEST(ParseDateFlag, AcceptsYearMonthAndDay) {
  const auto year = ParseDateFlag("2005", "--as-of");
  ASSERT_TRUE(year.ok());
  EXPECT_EQ(year->year(), 2005);
  EXPECT_EQ(year->month(), 0);
  const auto day = ParseDateFlag("2005-01-31", "--as-of");
  ASSERT_TRUE(day.ok());
  EXPECT_EQ(FormatDate(*day), "2005-01-31");
}

TEST(ParseDateFlag, TreatsEmptyAsUnset) {
  const auto date = ParseDateFlag("", "--from");
  ASSERT_TRUE(date.ok());
  EXPECT_TRUE(IsUnset(*date));
}

TEST(ParseDateFlag, RejectsMalformedDatesNamingTheFlag) {
  for (const char* text : {"2005-13", "2005-02-30", "05", "2005/01/01", "January 2005"}) {
    const auto date = ParseDateFlag(text, "--as-of");
    ASSERT_FALSE(date.ok()) << text;
    EXPECT_EQ(date.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(date.status().message()), StartsWith("--as-of")) << text;
  }
}

TEST(ParseKnownAsOfTime, AcceptsRfc3339TimesAndUnixSeconds) {
  EXPECT_EQ(*ParseKnownAsOfTime("1930360000", "--known-as-of-time"), 1930360000);
  EXPECT_EQ(*ParseKnownAsOfTime("2031-03-04T05:06:07Z", "--known-as-of-time"), 1930367167);
  EXPECT_EQ(*ParseKnownAsOfTime("2031-03-04T08:06:07+03:00", "--known-as-of-time"), 1930367167) << "an offset";
  EXPECT_EQ(*ParseKnownAsOfTime("2031-03-04T05:06:07.9Z", "--known-as-of-time"), 1930367167) << "whole seconds";
  EXPECT_EQ(*ParseKnownAsOfTime("", "--known-as-of-time"), 0) << "unset";
}

TEST(ParseKnownAsOfTime, RejectsOtherTextAndTimesNotAfter1970NamingTheFlag) {
  for (const char* text : {"2031-03-04", "2031-03-04 05:06:07", "yesterday", "-5", "0", "1969-12-31T23:59:59Z",
                           "99999999999999999999"}) {
    const auto time = ParseKnownAsOfTime(text, "--known-as-of-time");
    ASSERT_FALSE(time.ok()) << text;
    EXPECT_EQ(time.status().code(), absl::StatusCode::kInvalidArgument) << text;
    EXPECT_THAT(std::string(time.status().message()), StartsWith("--known-as-of-time: \"")) << text;
  }
}

TEST(FormatDateCell, ShowsPrecisionApproximationAndUnset) {
  EXPECT_EQ(FormatDateCell(MakeDate(2012)), "2012");
  EXPECT_EQ(FormatDateCell(MakeDate(1992, 5, 15)), "1992-05-15");
  v1::PartialDate approximate = MakeDate(2019);
  approximate.set_approximate(true);
  EXPECT_EQ(FormatDateCell(approximate), "~2019");
  EXPECT_EQ(FormatDateCell(v1::PartialDate()), "-");
}

TEST(FormatConfidence, UsesTwoDecimals) {
  EXPECT_EQ(FormatConfidence(0.75), "0.75");
  EXPECT_EQ(FormatConfidence(1), "1.00");
}

TEST(NormalizeCountry, UpperCasesAndTrims) { EXPECT_EQ(NormalizeCountry(" uzb "), "UZB"); }

TEST(FormatTroops, ShowsTheWholeForceAndContributors) {
  v1::Intervention intervention;
  EXPECT_EQ(FormatTroops(intervention), "-");
  v1::TroopContribution* whole = intervention.add_troops();
  whole->set_count(2500);
  EXPECT_EQ(FormatTroops(intervention), "2500");
  v1::TroopContribution* rus = intervention.add_troops();
  rus->set_country("RUS");
  rus->set_count(2000);
  rus->set_approximate(true);
  EXPECT_EQ(FormatTroops(intervention), "2500 (RUS ~2000)");
}

TEST(CollapseWhitespace, JoinsLinesAndTrims) {
  EXPECT_EQ(CollapseWhitespace("  a\n\n b\t c  "), "a b c");
}

TEST(FormatEvidenceLine, QuotesTheSentenceWithTitleAndSentenceIndex) {
  v1::Evidence evidence;
  evidence.set_quote("Uzbekistan left again in 2012.");
  evidence.set_document_title("The intervention by the CSTO in Kazakhstan, explained");
  evidence.set_sentence_index(31);
  EXPECT_EQ(FormatEvidenceLine(evidence),
            "  “Uzbekistan left again in 2012.” — The intervention by the CSTO in Kazakhs… (s.31)");
}

TEST(FormatEvidenceLine, ShortensLongQuotesToAboutOneHundredSixtyCharacters) {
  v1::Evidence evidence;
  std::string quote;
  for (int i = 0; i < 50; ++i) quote += "Ереван ";
  evidence.set_quote(quote);
  evidence.set_document_title("T");
  const std::string line = FormatEvidenceLine(evidence, 0);
  const std::string suffix = " — T (s.0)";
  ASSERT_GT(line.size(), suffix.size());
  const std::string quoted = line.substr(0, line.size() - suffix.size());
  EXPECT_EQ(DisplayWidth(quoted), kMaxQuoteWidth);
  EXPECT_THAT(quoted, testing::EndsWith("…”"));
}

TEST(FormatEvidenceLine, FallsBackToTheDocumentIdWithoutATitle) {
  v1::Evidence evidence;
  evidence.set_quote("q");
  evidence.set_document_id("0123456789abcdef0123456789abcdef");
  evidence.set_sentence_index(2);
  EXPECT_EQ(FormatEvidenceLine(evidence, 4), "    “q” — 0123456789ab (s.2)");
}

TEST(Summaries, DescribeEachKindOfFactOnOneLine) {
  v1::MembershipEvent event;
  event.set_country("UZB");
  event.set_organization("CSTO");
  event.set_action(v1::MEMBERSHIP_ACTION_WITHDREW);
  *event.mutable_date() = MakeDate(2012);
  event.set_factuality(v1::FACTUALITY_ASSERTED);
  EXPECT_EQ(SummarizeMembershipEvent(event), "UZB WITHDREW 2012 (CSTO)");
  event.set_factuality(v1::FACTUALITY_PROPOSED);
  EXPECT_EQ(SummarizeMembershipEvent(event), "UZB WITHDREW 2012 (CSTO) (proposed)");

  v1::Intervention intervention;
  intervention.set_organization("CSTO");
  intervention.set_host_country("KAZ");
  *intervention.mutable_start() = MakeDate(2022, 1, 6);
  *intervention.mutable_end() = MakeDate(2022, 1, 19);
  intervention.add_troops()->set_count(2030);
  EXPECT_EQ(SummarizeIntervention(intervention),
            "CSTO intervention in KAZ 2022-01-06..2022-01-19, troops 2030");

  v1::AssistanceRequest request;
  request.set_organization("CSTO");
  request.set_requester_country("ARM");
  *request.mutable_date() = MakeDate(2022, 9);
  request.set_outcome(v1::ASSISTANCE_OUTCOME_DENIED);
  request.set_disputed(true);
  EXPECT_EQ(SummarizeAssistanceRequest(request), "ARM request to CSTO 2022-09: DENIED (disputed)");

  v1::Conflict conflict;
  conflict.set_subject_id("intervention/CSTO/KAZ/2022");
  conflict.set_field("troops");
  EXPECT_EQ(SummarizeConflict(conflict), "conflict: intervention/CSTO/KAZ/2022 troops");
  conflict.set_summary("KAZ intervention 2022: troops");
  EXPECT_EQ(SummarizeConflict(conflict), "conflict: KAZ intervention 2022: troops");
}

}  // namespace
}  // namespace alliance::cli
