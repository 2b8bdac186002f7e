#include "ingest-service/extract/date_resolver.h"

#include <ostream>
#include <string>
#include <vector>

#include "common/partial_date.h"
#include "gtest/gtest.h"
#include "ingest-service/extract/tokenizer.h"
#include "test_lexicon.h"

namespace alliance::ingest {
namespace {

v1::PartialDate Published(const std::string& iso) {
  if (iso.empty()) return v1::PartialDate();
  return *ParseIsoDate(iso, "published");
}

std::vector<DateMatch> Find(const std::string& text, const std::string& published = "") {
  const TokenizedText tokenized = Tokenize(text);
  const DateResolver resolver(testing::RepositoryLexicon());
  return resolver.FindDates(text, tokenized.tokens, 0, static_cast<int>(tokenized.tokens.size()),
                            Published(published));
}

struct Case {
  std::string name;
  std::string sentence;
  std::string published;
  std::string as_written;  // the only date expected
  std::string date;        // FormatDate of it
  bool approximate;
  bool relative;
};

// Names the case in failure messages (gtest would print raw bytes).
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class DateResolverCases : public ::testing::TestWithParam<Case> {};

TEST_P(DateResolverCases, Resolves) {
  const Case& c = GetParam();
  const std::vector<DateMatch> matches = Find(c.sentence, c.published);
  ASSERT_EQ(matches.size(), 1u) << c.sentence;
  EXPECT_EQ(matches[0].date.as_written(), c.as_written);
  EXPECT_EQ(FormatDate(matches[0].date), c.date);
  EXPECT_EQ(matches[0].date.approximate(), c.approximate);
  EXPECT_EQ(matches[0].relative, c.relative);
}

INSTANTIATE_TEST_SUITE_P(
    DateResolver, DateResolverCases,
    ::testing::Values(
        Case{"MonthDayYear", "The treaty was signed on May 15, 1992, in Tashkent.", "", "May 15, 1992", "1992-05-15", false, false},
        Case{"DayMonthYear", "It was signed on 15 May 1992 in Tashkent.", "", "15 May 1992", "1992-05-15", false, false},
        Case{"OrdinalDay", "It came on the 3rd of March 2004 at last.", "", "3rd of March 2004", "2004-03-03", false, false},
        Case{"MonthYear", "In April 1999 six states extended it.", "", "April 1999", "1999-04", false, false},
        Case{"MonthOfYear", "A vote in March of 2022 condemned it.", "", "March of 2022", "2022-03", false, false},
        Case{"AbbreviatedMonth", "It began in Sept. 2010 in the south.", "", "Sept. 2010", "2010-09", false, false},
        Case{"YearAfterPreposition", "Uzbekistan left the bloc in 2012.", "", "2012", "2012", false, false},
        Case{"YearStartingSentence", "In 2019, Armenian forces joined Russian forces in Syria.", "", "2019", "2019", false, false},
        Case{"YearBeforeEventNoun", "Their 2020 war changed the region.", "", "2020", "2020", false, false},
        Case{"YearAfterDeterminer", "A 2018 gathering of the bloc took place.", "", "2018", "2018", false, false},
        Case{"YearInApposition", "In the same year, 2010, many assessed it.", "", "2010", "2010", false, false},
        Case{"Decade", "It helped Tajikistan during the 1990s civil war.", "", "the 1990s", "1990", true, false},
        Case{"QualifiedDecade", "The bloc emerged in the early 1990s as a pact.", "", "the early 1990s", "1990", true, false},
        Case{"Season", "He made a request in spring 2021 at last.", "", "spring 2021", "2021", true, false},
        Case{"EarlyYear", "In early 2019, Armenia deployed soldiers.", "", "early 2019", "2019", true, false},
        Case{"LateYear", "Talks stalled in late 2020 for good.", "", "late 2020", "2020", true, false},
        Case{"MidHyphenYear", "By mid-2010 the south was in turmoil.", "", "mid-2010", "2010", true, false},
        Case{"QualifiedMonth", "Troops arrived in early January 2022 overnight.", "", "early January 2022", "2022-01", true, false},
        Case{"Iso", "Published 2022-01-05 online.", "", "2022-01-05", "2022-01-05", false, false},
        Case{"IsoMonth", "Data as of 2021-04 only.", "", "2021-04", "2021-04", false, false},
        Case{"ResolvesLastFallAgainstPublicationDate", "The war last fall was ignored.", "2021-07-09", "last fall", "2020", true, true},
        Case{"LastAutumnDuringAutumn", "The war last autumn was ignored.", "2021-10-02", "last autumn", "2020", true, true},
        Case{"ThisYear", "The chair this year is Tajikistan.", "2021-07-09", "this year", "2021", false, true},
        Case{"LastYear", "The chair last year was Russia.", "2021-07-09", "last year", "2020", false, true},
        Case{"NextYear", "The chair next year will be Kazakhstan.", "2021-07-09", "next year", "2022", false, true},
        Case{"MonthDayWithoutYearUsesPublicationYear", "On February 19, Zas spoke.", "2022-03-25", "February 19", "2022-02-19", false, true},
        Case{"MonthDayAfterPublicationIsLastYear", "On December 19, Zas spoke.", "2022-03-25", "December 19", "2021-12-19", false, true},
        Case{"MonthAloneAfterPreposition", "The conflict in April was brief.", "2021-07-09", "April", "2021-04", false, true},
        Case{"MonthAloneLaterThanPublication", "The conflict in September was brief.", "2021-07-09", "September", "2020-09", false, true},
        Case{"TomorrowWithExplicitDate", "Tomorrow (16 February), the Council will meet.", "2022-02-15", "Tomorrow (16 February)", "2022-02-16", false, true},
        Case{"Yesterday", "Yesterday the Council met.", "2022-02-15", "Yesterday", "2022-02-14", false, true},
        // 2022-01-06 was a Thursday.
        Case{"WeekdayIsLatestNotAfterPublication", "On Tuesday, troops landed.", "2022-01-06", "Tuesday", "2022-01-04", false, true},
        Case{"WeekdayOfPublicationDay", "On Thursday, troops landed.", "2022-01-06", "Thursday", "2022-01-06", false, true},
        Case{"NextWeekday", "They leave next Monday.", "2022-01-06", "next Monday", "2022-01-10", false, true},
        Case{"LastWeekday", "They met last Thursday.", "2022-01-06", "last Thursday", "2021-12-30", false, true},
        Case{"YearsAgo", "Three years ago the bloc met.", "2022-02-15", "Three years ago", "2019", false, true}),
    [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

struct NoDateCase {
  std::string name;
  std::string sentence;
};

// Names the case in failure messages (gtest would print raw bytes).
void PrintTo(const NoDateCase& c, std::ostream* os) { *os << c.name; }

class DateResolverRejects : public ::testing::TestWithParam<NoDateCase> {};

TEST_P(DateResolverRejects, FindsNoDate) {
  const std::vector<DateMatch> matches = Find(GetParam().sentence, "2022-03-25");
  EXPECT_TRUE(matches.empty()) << GetParam().sentence << " -> " << matches[0].date.as_written();
}

INSTANTIATE_TEST_SUITE_P(
    DateResolver, DateResolverRejects,
    ::testing::Values(NoDateCase{"CountWithComma", "Some 2,500 troops were sent."},
                      NoDateCase{"Percent", "It is more than 40 percent of exports."},
                      NoDateCase{"Ordinal", "The Russian 102nd military base is there."},
                      NoDateCase{"RuleNumber", "They spoke under rule 37 of the rules."},
                      NoDateCase{"BareCount", "They sent 3000 soldiers."},
                      NoDateCase{"ModalMay", "The bloc may send 15 observers."},
                      NoDateCase{"VerbMarch", "Protesters march 20 miles."},
                      NoDateCase{"SpanNotDate", "In the last year, the bloc faced challenges."}),
    [](const ::testing::TestParamInfo<NoDateCase>& info) { return info.param.name; });

TEST(DateResolver, PrefersExplicitYearOverOffset) {
  const std::vector<DateMatch> matches = Find("The treaty came into force two years later in 1994.");
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(FormatDate(matches[0].date), "1994");
}

TEST(DateResolver, MarksOffsetsThatNeedAnAnchor) {
  const std::vector<DateMatch> matches = Find("The force left a week later.", "2022-03-25");
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_TRUE(matches[0].needs_anchor);
  EXPECT_EQ(matches[0].offset.days, 7);
  EXPECT_EQ(matches[0].date.as_written(), "a week later");
  EXPECT_EQ(matches[0].date.year(), 0);
}

TEST(DateResolver, FindsSeveralDatesInOrder) {
  const std::vector<DateMatch> matches =
      Find("Uzbekistan rejoined in 2006 and left again in 2012, between 1994 and 1999.");
  ASSERT_EQ(matches.size(), 4u);
  EXPECT_EQ(FormatDate(matches[0].date), "2006");
  EXPECT_EQ(FormatDate(matches[1].date), "2012");
  EXPECT_EQ(FormatDate(matches[2].date), "1994");
  EXPECT_EQ(FormatDate(matches[3].date), "1999");
}

TEST(DateResolver, ReadsBothEndsOfYearRange) {
  const std::vector<DateMatch> matches = Find("The talks of 2014–2015 failed.");
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(FormatDate(matches[0].date), "2014");
  EXPECT_EQ(FormatDate(matches[1].date), "2015");
}

TEST(DateResolver, LeavesRelativeDatesUnsetWithoutPublicationDate) {
  const std::vector<DateMatch> matches = Find("On February 19, Zas spoke.");
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].date.year(), 0);
  EXPECT_EQ(matches[0].date.month(), 2);
  EXPECT_EQ(matches[0].date.day(), 19);
  EXPECT_TRUE(Find("The chair last year was Russia.").empty());
}

TEST(DateResolver, ParsesWholeDatePhrases) {
  const DateResolver resolver(testing::RepositoryLexicon());
  EXPECT_EQ(FormatDate(*resolver.ParseDate("25 March 2022")), "2022-03-25");
  EXPECT_EQ(FormatDate(*resolver.ParseDate("July 09, 2021")), "2021-07-09");
  EXPECT_EQ(FormatDate(*resolver.ParseDate("2019")), "2019");
  EXPECT_FALSE(resolver.ParseDate("25 March 2022 was a day").has_value());
  EXPECT_FALSE(resolver.ParseDate("last year").has_value());
  EXPECT_FALSE(resolver.ParseDate("Kirill Krivosheev").has_value());
}

TEST(DateResolver, ParsesOffsets) {
  const DateResolver resolver(testing::RepositoryLexicon());
  auto offset = resolver.ParseOffset("two years earlier");
  ASSERT_TRUE(offset.has_value());
  EXPECT_EQ(offset->years, -2);
  EXPECT_FALSE(resolver.ParseOffset("in 1994").has_value());
}

struct RelativeCase {
  std::string name;
  DateOffset offset;
  std::string anchor;
  std::string expected;
  bool approximate;
};

// Names the case in failure messages (gtest would print raw bytes).
void PrintTo(const RelativeCase& c, std::ostream* os) { *os << c.name; }

class ResolveRelativeToCases : public ::testing::TestWithParam<RelativeCase> {};

TEST_P(ResolveRelativeToCases, Resolves) {
  const RelativeCase& c = GetParam();
  const v1::PartialDate date = ResolveRelativeTo(c.offset, *ParseIsoDate(c.anchor, "anchor"));
  EXPECT_EQ(FormatDate(date), c.expected);
  EXPECT_EQ(date.approximate(), c.approximate);
}

INSTANTIATE_TEST_SUITE_P(
    DateResolver, ResolveRelativeToCases,
    ::testing::Values(RelativeCase{"WeekAfterDay", DateOffset{7, 0, 0, false}, "2022-01-05", "2022-01-12", false},
                      RelativeCase{"WeekAcrossMonthEnd", DateOffset{7, 0, 0, false}, "2022-01-28", "2022-02-04", false},
                      RelativeCase{"WeekAfterMonthStaysMonth", DateOffset{7, 0, 0, false}, "2022-01", "2022-01", true},
                      RelativeCase{"YearsAfterDayIsYear", DateOffset{0, 0, 2, false}, "1992-05-15", "1994", false},
                      RelativeCase{"MonthsBefore", DateOffset{0, -3, 0, false}, "2022-02", "2021-11", false},
                      RelativeCase{"VagueWeeks", DateOffset{14, 0, 0, true}, "2022-02-19", "2022-03-05", true}),
    [](const ::testing::TestParamInfo<RelativeCase>& info) { return info.param.name; });

TEST(DateResolver, ResolveRelativeToUnsetAnchorIsUnset) {
  EXPECT_TRUE(IsUnset(ResolveRelativeTo(DateOffset{7, 0, 0, false}, v1::PartialDate())));
}

}  // namespace
}  // namespace alliance::ingest
