#include "ingest-service/extract/date_resolver.h"

#include <optional>
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

// Returns the match whose words are `as_written`, or null.
const DateMatch* FindWritten(const std::vector<DateMatch>& matches, const std::string& as_written) {
  for (const DateMatch& m : matches) {
    if (m.date.as_written() == as_written) return &m;
  }
  return nullptr;
}

// " [words] [words]" of every match, for failure messages.
std::string AllWritten(const std::vector<DateMatch>& matches) {
  std::string seen;
  for (const DateMatch& m : matches) seen += " [" + m.date.as_written() + "]";
  return seen;
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
        Case{"TimelineYear", "2013 — Serbia obtained observer status.", "", "2013", "2013", false, false},
        Case{"BulletedTimelineYear", "• 2013: Serbia obtained observer status.", "", "2013", "2013", false, false},
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
        Case{"TheSeasonOfAWar", "Pleas during the autumn war went unanswered.", "2020-12-01", "the autumn", "2020", true, true},
        Case{"TheSeasonBeforePublicationsOwn", "Pleas during the autumn war went unanswered.", "2021-05-01", "the autumn", "2020", true, true},
        Case{"AMonthAfterAPossessive", "Armenia's May request was ignored.", "2021-06-05", "May", "2021-05", false, true},
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

const char* RuleName(DateRule rule) {
  switch (rule) {
    case DateRule::kAbsolute: return "absolute";
    case DateRule::kYearFromPublication: return "year-from-publication";
    case DateRule::kYearFromAnchor: return "year-from-anchor";
    case DateRule::kRelativeToPublication: return "relative-to-publication";
    case DateRule::kWeekday: return "weekday";
    case DateRule::kFromRangeEnd: return "from-range-end";
    case DateRule::kOffsetFromDate: return "offset-from-date";
    case DateRule::kOffsetFromAnchor: return "offset-from-anchor";
    case DateRule::kOffsetOfClause: return "offset-of-clause";
  }
  return "?";
}

// One expected date of a sentence: the match whose words are `as_written`.
struct RuleCase {
  std::string name;
  std::string sentence;
  std::string published;
  std::string as_written;
  std::string date;  // FormatDate of it ("" when unset)
  DateRule rule;
  bool approximate = false;
  bool needs_anchor = false;  // an offset the caller may still anchor
};

void PrintTo(const RuleCase& c, std::ostream* os) { *os << c.name; }

class DateResolverRules : public ::testing::TestWithParam<RuleCase> {};

TEST_P(DateResolverRules, ResolvesWithTheRule) {
  const RuleCase& c = GetParam();
  const std::vector<DateMatch> matches = Find(c.sentence, c.published);
  const DateMatch* found = FindWritten(matches, c.as_written);
  ASSERT_NE(found, nullptr) << c.sentence << " ->" << AllWritten(matches);
  EXPECT_EQ(FormatDate(found->date), c.date);
  EXPECT_STREQ(RuleName(found->rule), RuleName(c.rule));
  EXPECT_EQ(found->date.approximate(), c.approximate);
  EXPECT_EQ(found->needs_anchor, c.needs_anchor);
  EXPECT_EQ(found->role, DateRole::kPoint);
}

// 2022-01-06 was a Thursday; 2022-01-07 a Friday.
INSTANTIATE_TEST_SUITE_P(
    DateResolver, DateResolverRules,
    ::testing::Values(
        // Weekdays.
        RuleCase{"WeekdayBeforeFridayPublication", "Paratroopers began arriving on Thursday.", "2022-01-07", "Thursday", "2022-01-06", DateRule::kWeekday},
        RuleCase{"WeekdayAfterFutureMarker", "Ministers will meet on Tuesday in Moscow.", "2022-01-06", "Tuesday", "2022-01-11", DateRule::kWeekday},
        RuleCase{"WeekdayFutureAfterInitialDate", "On Monday, ministers will meet in Moscow.", "2022-01-06", "Monday", "2022-01-10", DateRule::kWeekday},
        RuleCase{"FutureMarkerInAnotherClause", "The ministers, who met on Monday, will meet again.", "2022-01-06", "Monday", "2022-01-03", DateRule::kWeekday},
        RuleCase{"ThisComingWeekday", "They meet this coming Monday.", "2022-01-06", "this coming Monday", "2022-01-10", DateRule::kWeekday},
        RuleCase{"ThisPastWeekday", "They met this past Monday.", "2022-01-06", "this past Monday", "2022-01-03", DateRule::kWeekday},
        RuleCase{"WeekdayWithDayPart", "Tokayev spoke on Thursday night.", "2022-01-07", "Thursday night", "2022-01-06", DateRule::kWeekday},
        RuleCase{"WeekdayBeforeWrittenDate", "Troops landed on Thursday, 6 January 2022, in Almaty.", "", "Thursday, 6 January 2022", "2022-01-06", DateRule::kAbsolute},
        // The publication day and its neighbours.
        RuleCase{"EarlierToday", "Earlier today the council met.", "2022-01-06", "Earlier today", "2022-01-06", DateRule::kRelativeToPublication},
        RuleCase{"LaterToday", "The council meets later today.", "2022-01-06", "later today", "2022-01-06", DateRule::kRelativeToPublication},
        RuleCase{"ThisMorning", "Troops landed this morning.", "2022-01-06", "this morning", "2022-01-06", DateRule::kRelativeToPublication},
        RuleCase{"LastNight", "Tokayev asked for help last night.", "2022-01-06", "last night", "2022-01-05", DateRule::kRelativeToPublication},
        RuleCase{"YesterdayEvening", "Tokayev spoke yesterday evening.", "2022-01-06", "yesterday evening", "2022-01-05", DateRule::kRelativeToPublication},
        RuleCase{"Tonight", "In a televised address tonight, Tokayev appealed for help.", "2022-01-06", "tonight", "2022-01-06", DateRule::kRelativeToPublication},
        RuleCase{"OvernightAlone", "Dozens were killed overnight.", "2022-01-06", "overnight", "2022-01-06", DateRule::kRelativeToPublication, true},
        RuleCase{"EarlierInTheDayWithoutAnchor", "Earlier in the day he dismissed the government.", "2022-01-06", "Earlier in the day", "2022-01-06", DateRule::kRelativeToPublication, false, true},
        RuleCase{"EarlierInTheDayAfterADay", "He asked for help on 5 January 2022; earlier in the day he had dismissed the government.", "2022-01-06", "earlier in the day", "2022-01-05", DateRule::kOffsetFromAnchor},
        // Periods counted from publication.
        RuleCase{"LastMonth", "Armenia stopped paying last month.", "2024-06-12", "last month", "2024-05", DateRule::kRelativeToPublication},
        RuleCase{"AMonthAgo", "Armenia stopped paying a month ago.", "2022-03-25", "a month ago", "2022-02", DateRule::kRelativeToPublication},
        RuleCase{"LastWeekIsItsMonth", "Last week Armenia asked for help.", "2022-09-22", "Last week", "2022-09", DateRule::kRelativeToPublication},
        RuleCase{"LastWeekOverTwoMonths", "Last week Armenia asked for help.", "2022-10-05", "Last week", "2022-09-29", DateRule::kRelativeToPublication, true},
        RuleCase{"TwoWeeksAgo", "Armenia asked for help two weeks ago.", "2021-05-28", "two weeks ago", "2021-05", DateRule::kRelativeToPublication},
        RuleCase{"EarlierThisWeek", "Ministers met earlier this week.", "2022-01-06", "earlier this week", "2022-01", DateRule::kRelativeToPublication},
        RuleCase{"EarlierThisMonth", "Serbia became an observer earlier this month.", "2013-04-20", "earlier this month", "2013-04", DateRule::kRelativeToPublication},
        RuleCase{"AYearAgoToday", "A year ago today, the first troops landed.", "2023-01-06", "A year ago today", "2022-01-06", DateRule::kRelativeToPublication},
        RuleCase{"NumberWordYearsAgo", "No one has applied since Uzbekistan came back sixteen years ago.", "2022-05-16", "sixteen years ago", "2006", DateRule::kRelativeToPublication},
        // Months and days without a year.
        RuleCase{"LateMonth", "In late June, Tashkent notified the secretariat.", "2012-12-20", "late June", "2012-06", DateRule::kYearFromPublication, true},
        RuleCase{"MidMonth", "Kyrgyzstan's plea in mid-June was rejected.", "2010-07-01", "mid-June", "2010-06", DateRule::kYearFromPublication, true},
        RuleCase{"MonthDayInFutureClause", "It has scheduled a referendum for June 27.", "2010-06-15", "June 27", "2010-06-27", DateRule::kYearFromPublication},
        RuleCase{"YearOfThePreviousDate", "Azerbaijan joined on 24 September 1993, Georgia on 9 December.", "2023-06-30", "9 December", "1993-12-09", DateRule::kYearFromAnchor},
        RuleCase{"DayOfThePreviousMonth", "In January, Tokayev asked for help on the night of the 5th.", "2022-02-01", "the 5th", "2022-01-05", DateRule::kOffsetFromAnchor},
        RuleCase{"DayOfMonthWithoutAnchor", "Tokayev asked for help on the 5th.", "2022-02-01", "the 5th", "2022-01-05", DateRule::kYearFromPublication, false, true},
        // Parts of a period.
        RuleCase{"EndOfYear", "Georgia joined at the end of 1993.", "", "the end of 1993", "1993", DateRule::kAbsolute, true},
        RuleCase{"BeginningOfMonth", "Troops arrived at the beginning of January 2022.", "", "the beginning of January 2022", "2022-01", DateRule::kAbsolute, true},
        RuleCase{"EndOfTheYear", "Troops are to leave by the end of the year.", "2022-03-25", "the end of the year", "2022", DateRule::kRelativeToPublication, true, true},
        // Offsets from a date in the sentence.
        RuleCase{"NumberWordYearsLater", "Uzbekistan left in 1999 and returned seven years later.", "", "seven years later", "2006", DateRule::kOffsetFromAnchor},
        RuleCase{"HyphenatedNumberWord", "It joined in 1992 and left twenty-one years later.", "", "twenty-one years later", "2013", DateRule::kOffsetFromAnchor},
        RuleCase{"TheFollowingYear", "They signed in May 1992; Azerbaijan joined the following year.", "", "the following year", "1993", DateRule::kOffsetFromAnchor},
        RuleCase{"ThePreviousDay", "Troops arrived on 6 January 2022, and the previous day Tokayev appealed.", "", "the previous day", "2022-01-05", DateRule::kOffsetFromAnchor},
        RuleCase{"ThatYear", "Uzbekistan left GUAM in May 2005 and closed the base that year.", "", "that year", "2005", DateRule::kOffsetFromAnchor},
        RuleCase{"TheNextMorning", "Tokayev appealed on 5 January 2022 and the next morning troops landed.", "", "the next morning", "2022-01-06", DateRule::kOffsetFromAnchor},
        RuleCase{"LaterThatNight", "Zas spoke on 6 January 2022; later that night troops landed.", "", "later that night", "2022-01-06", DateRule::kOffsetFromAnchor},
        RuleCase{"LaterThatDay", "Zas spoke on 6 January 2022 and later that day troops landed.", "", "later that day", "2022-01-06", DateRule::kOffsetFromAnchor},
        RuleCase{"TheDayBefore", "The treaty was signed on 15 May 1992; the day before, leaders met.", "", "the day before", "1992-05-14", DateRule::kOffsetFromAnchor},
        RuleCase{"AMonthAfterADate", "It took effect a month after 15 May 1992.", "", "a month after 15 May 1992", "1992-06", DateRule::kOffsetFromDate},
        RuleCase{"AWeekBeforeADate", "Talks began a week before 13 September 2022.", "", "a week before 13 September 2022", "2022-09-06", DateRule::kOffsetFromDate},
        RuleCase{"AnOffsetBeforeAClause", "Paratroopers began arriving on Thursday, a day after Tokayev appealed for help.", "2022-01-07", "a day after", "2022-01-05", DateRule::kOffsetOfClause},
        RuleCase{"SixDaysAfterAClause", "The last peacekeepers left today, six days after the withdrawal began.", "2022-01-19", "six days after", "2022-01-13", DateRule::kOffsetOfClause},
        RuleCase{"ClauseBeforeTheSentencesDate", "A day after Tokayev appealed, troops arrived on Thursday.", "2022-01-07", "A day after", "2022-01-05", DateRule::kOffsetOfClause},
        RuleCase{"ClauseWithoutADate", "Three decades after leaders signed the pact, the alliance has sent soldiers.", "2022-05-16", "Three decades after", "1992", DateRule::kOffsetOfClause, false, true}),
    [](const ::testing::TestParamInfo<RuleCase>& info) { return info.param.name; });

// Both ends of a range, in order.
struct RangeCase {
  std::string name;
  std::string sentence;
  std::string published;
  std::string start_written, start;
  std::string end_written, end;
  DateRule start_rule = DateRule::kAbsolute;
  DateRule end_rule = DateRule::kAbsolute;
};

void PrintTo(const RangeCase& c, std::ostream* os) { *os << c.name; }

class DateResolverRanges : public ::testing::TestWithParam<RangeCase> {};

TEST_P(DateResolverRanges, ReturnsBothEnds) {
  const RangeCase& c = GetParam();
  const std::vector<DateMatch> matches = Find(c.sentence, c.published);
  ASSERT_EQ(matches.size(), 2u) << c.sentence;
  EXPECT_EQ(matches[0].date.as_written(), c.start_written);
  EXPECT_EQ(FormatDate(matches[0].date), c.start);
  EXPECT_EQ(matches[0].role, DateRole::kRangeStart);
  EXPECT_STREQ(RuleName(matches[0].rule), RuleName(c.start_rule));
  EXPECT_EQ(matches[1].date.as_written(), c.end_written);
  EXPECT_EQ(FormatDate(matches[1].date), c.end);
  EXPECT_EQ(matches[1].role, DateRole::kRangeEnd);
  EXPECT_STREQ(RuleName(matches[1].rule), RuleName(c.end_rule));
}

INSTANTIATE_TEST_SUITE_P(
    DateResolver, DateResolverRanges,
    ::testing::Values(
        RangeCase{"EnDash", "It was a member in 2006–2012.", "", "2006", "2006", "2012", "2012"},
        RangeCase{"Hyphen", "It was a member in 2006-2012.", "", "2006", "2006", "2012", "2012"},
        RangeCase{"FromTo", "It belonged to the treaty from 1993 to 1999.", "", "1993", "1993", "1999", "1999"},
        RangeCase{"FromUntil", "It was an observer from 2013 until 2021.", "", "2013", "2013", "2021", "2021"},
        RangeCase{"BetweenAnd", "It was a member between 2006 and 2012.", "", "2006", "2006", "2012", "2012"},
        RangeCase{"ShortEnd", "Georgia (1993–99) left.", "", "1993", "1993", "99", "1999", DateRule::kAbsolute, DateRule::kFromRangeEnd},
        RangeCase{"ShortEndInParentheses", "Uzbekistan (2006–12) left.", "", "2006", "2006", "12", "2012", DateRule::kAbsolute, DateRule::kFromRangeEnd},
        RangeCase{"ShortEndOverCentury", "It was a member in 1998–02.", "", "1998", "1998", "02", "2002", DateRule::kAbsolute, DateRule::kFromRangeEnd},
        RangeCase{"MonthDaysYear", "The mission ran January 6–19, 2022.", "", "January 6", "2022-01-06", "19, 2022", "2022-01-19", DateRule::kFromRangeEnd, DateRule::kFromRangeEnd},
        RangeCase{"DaysMonthYear", "The mission ran 6–19 January 2022.", "", "6", "2022-01-06", "19 January 2022", "2022-01-19", DateRule::kFromRangeEnd, DateRule::kAbsolute},
        RangeCase{"FromDayToDate", "The mission lasted from 6 to 19 January 2022.", "", "6", "2022-01-06", "19 January 2022", "2022-01-19", DateRule::kFromRangeEnd, DateRule::kAbsolute},
        RangeCase{"FromDayToDateWithoutYear", "The mission lasted from 6 to 19 January.", "2023-01-05", "6", "2022-01-06", "19 January", "2022-01-19", DateRule::kYearFromPublication, DateRule::kYearFromPublication},
        RangeCase{"Months", "Talks ran January–March 2022.", "", "January", "2022-01", "March 2022", "2022-03", DateRule::kFromRangeEnd, DateRule::kAbsolute},
        RangeCase{"OverNewYear", "It lasted from 30 December to 2 January 2022.", "", "30 December", "2021-12-30", "2 January 2022", "2022-01-02", DateRule::kFromRangeEnd, DateRule::kAbsolute},
        RangeCase{"FullDates", "It lasted from 30 December 2021 to 2 January 2022.", "", "30 December 2021", "2021-12-30", "2 January 2022", "2022-01-02"}),
    [](const ::testing::TestParamInfo<RangeCase>& info) { return info.param.name; });

TEST(DateResolver, MarksEachRangeOfAList) {
  const std::vector<DateMatch> matches = Find("Uzbekistan (1992–1999, 2006–2012) and Georgia in 1994 and 1999.");
  ASSERT_EQ(matches.size(), 6u);
  const DateRole expected[] = {DateRole::kRangeStart, DateRole::kRangeEnd, DateRole::kRangeStart,
                               DateRole::kRangeEnd,   DateRole::kPoint,    DateRole::kPoint};
  for (size_t i = 0; i < matches.size(); ++i) EXPECT_EQ(matches[i].role, expected[i]) << i;
}

TEST(DateResolver, OvernightGivesWayToAnotherDate) {
  const std::vector<DateMatch> matches = Find("Troops landed on 6 January 2022 overnight.", "2022-01-07");
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].date.as_written(), "6 January 2022");
}

TEST(DateResolver, ClauseOffsetsCountBackFromTheSentencesTime) {
  const std::vector<DateMatch> matches =
      Find("Three decades after leaders signed the pact, the alliance has sent soldiers.", "2022-05-16");
  ASSERT_EQ(matches.size(), 1u);
  // The caller re-anchors it on the previous date: thirty years before it.
  EXPECT_TRUE(matches[0].needs_anchor);
  EXPECT_EQ(matches[0].offset.years, -30);
}

TEST(DateResolver, AnchorPhrasesCarryTheirPrecision) {
  const std::vector<DateMatch> matches = Find("The same day, Lukashenko spoke.", "2022-03-25");
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_TRUE(matches[0].needs_anchor);
  EXPECT_TRUE(IsUnset(matches[0].date));
  EXPECT_EQ(matches[0].offset.precision, DateOffset::Precision::kDay);
  const std::vector<DateMatch> fifth = Find("Tokayev asked for help on the 5th.");
  ASSERT_EQ(fifth.size(), 1u);
  EXPECT_EQ(fifth[0].offset.day_of_month, 5);
}

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
                      NoDateCase{"ModalMayBeforeAVerb", "Armenia may request help."},
                      NoDateCase{"SeasonWithoutPreposition", "The autumn war was long."},
                      NoDateCase{"ModalMay", "The bloc may send 15 observers."},
                      NoDateCase{"VerbMarch", "Protesters march 20 miles."},
                      NoDateCase{"SpanNotDate", "In the last year, the bloc faced challenges."},
                      NoDateCase{"PluralAnchorSpan", "In the following years the bloc grew."},
                      NoDateCase{"DayAfterDay", "Fighting went on day after day."},
                      NoDateCase{"OrdinalUnit", "The 5th Army crossed the border."},
                      NoDateCase{"OrdinalCentury", "It was founded in the 20th century."},
                      NoDateCase{"EndOfSomethingElse", "It has sent aid since the beginning of the conflict."}),
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

// Returns the distance `phrase` counts when all of it is one date expression.
std::optional<DateOffset> OffsetOfPhrase(const DateResolver& resolver, const std::string& phrase) {
  const TokenizedText tokenized = Tokenize(phrase);
  const int n = static_cast<int>(tokenized.tokens.size());
  const std::vector<DateMatch> matches = resolver.FindDates(phrase, tokenized.tokens, 0, n, v1::PartialDate());
  if (matches.size() != 1 || matches[0].first_token != 0 || matches[0].end_token != n) return std::nullopt;
  return WrittenOffset(matches[0]);
}

TEST(DateResolver, ParsesOffsets) {
  const DateResolver resolver(testing::RepositoryLexicon());
  auto offset = OffsetOfPhrase(resolver, "two years earlier");
  ASSERT_TRUE(offset.has_value());
  EXPECT_EQ(offset->years, -2);
  EXPECT_FALSE(OffsetOfPhrase(resolver, "in 1994").has_value());
  auto after = OffsetOfPhrase(resolver, "six days after");
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->days, 6);
  auto following = OffsetOfPhrase(resolver, "the following year");
  ASSERT_TRUE(following.has_value());
  EXPECT_EQ(following->years, 1);
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
                      RelativeCase{"VagueWeeks", DateOffset{14, 0, 0, true}, "2022-02-19", "2022-03-05", true},
                      RelativeCase{"SameYearOfADay", DateOffset{0, 0, 0, false, DateOffset::Precision::kYear}, "2022-01-06", "2022", false},
                      RelativeCase{"SameDay", DateOffset{0, 0, 0, false, DateOffset::Precision::kDay}, "2022-01-06", "2022-01-06", false},
                      RelativeCase{"SameDayOfAYearIsUnset", DateOffset{0, 0, 0, false, DateOffset::Precision::kDay}, "1992", "", false},
                      RelativeCase{"DayOfAMonth", DateOffset{0, 0, 0, false, DateOffset::Precision::kAny, 5}, "2022-01", "2022-01-05", false},
                      RelativeCase{"DayOfTheNextMonth", DateOffset{0, 0, 0, false, DateOffset::Precision::kAny, 5}, "2022-01-28", "2022-02-05", false},
                      RelativeCase{"DayOfAYearIsUnset", DateOffset{0, 0, 0, false, DateOffset::Precision::kAny, 5}, "2022", "", false}),
    [](const ::testing::TestParamInfo<RelativeCase>& info) { return info.param.name; });

TEST(DateResolver, YearFromAnchor) {
  const auto date = [](const std::string& iso) { return *ParseIsoDate(iso, "date"); };
  v1::PartialDate december = MakeDate(0, 12, 9);
  EXPECT_EQ(FormatDate(YearFromAnchor(december, date("1993-09-24"), date("2023-06-30"), false)), "1993-12-09");
  v1::PartialDate january = MakeDate(0, 1, 5);
  // A date earlier in the year than the anchor is in the next year...
  EXPECT_EQ(FormatDate(YearFromAnchor(january, date("2022-12"), date("2023-06-30"), false)), "2023-01-05");
  // ... unless that is after publication and nothing says it is to come.
  EXPECT_TRUE(IsUnset(YearFromAnchor(january, date("2022-12"), date("2023-01-01"), false)));
  EXPECT_EQ(FormatDate(YearFromAnchor(january, date("2022-12"), date("2023-01-01"), true)), "2023-01-05");
  EXPECT_EQ(FormatDate(YearFromAnchor(MakeDate(0, 12), date("2012-06-28"), v1::PartialDate(), false)), "2012-12");
}

TEST(DateResolver, ResolveRelativeToUnsetAnchorIsUnset) {
  EXPECT_TRUE(IsUnset(ResolveRelativeTo(DateOffset{7, 0, 0, false}, v1::PartialDate())));
}


// The interval, rule and anchor a date carries (see v1::PartialDate).
struct IntervalCase {
  std::string name;
  std::string sentence;
  std::string published;
  std::string as_written;
  std::string earliest;
  std::string latest;
  v1::DateRule rule;
  std::string anchor;
};

void PrintTo(const IntervalCase& c, std::ostream* os) { *os << c.name; }

class DateResolverIntervals : public ::testing::TestWithParam<IntervalCase> {};

TEST_P(DateResolverIntervals, CarriesTheDaysItCanMeanAndHowItWasRead) {
  const IntervalCase& c = GetParam();
  const std::vector<DateMatch> matches = Find(c.sentence, c.published);
  const DateMatch* found = FindWritten(matches, c.as_written);
  ASSERT_NE(found, nullptr) << c.sentence << " ->" << AllWritten(matches);
  EXPECT_EQ(found->date.earliest(), c.earliest);
  EXPECT_EQ(found->date.latest(), c.latest);
  EXPECT_EQ(v1::DateRule_Name(found->date.rule()), v1::DateRule_Name(c.rule));
  EXPECT_EQ(found->date.anchor(), c.anchor);
}

INSTANTIATE_TEST_SUITE_P(
    DateResolver, DateResolverIntervals,
    ::testing::Values(
        IntervalCase{"Day", "The pact was signed on 4 June 2031.", "", "4 June 2031", "2031-06-04", "2031-06-04",
                     v1::DATE_RULE_ABSOLUTE, ""},
        IntervalCase{"Month", "Talks resumed in October 2030.", "", "October 2030", "2030-10-01", "2030-10-31",
                     v1::DATE_RULE_ABSOLUTE, ""},
        IntervalCase{"Year", "The republic left the bloc in 2029.", "", "2029", "2029-01-01", "2029-12-31",
                     v1::DATE_RULE_ABSOLUTE, ""},
        IntervalCase{"Season", "It asked for help in spring 2031.", "", "spring 2031", "2031-03-01", "2031-05-31",
                     v1::DATE_RULE_ABSOLUTE, ""},
        IntervalCase{"WinterEndsInItsYear", "Troops left in winter 2032.", "", "winter 2032", "2031-12-01",
                     "2032-02-29", v1::DATE_RULE_ABSOLUTE, ""},
        IntervalCase{"Decade", "The bloc grew in the 2010s.", "", "the 2010s", "2010-01-01", "2019-12-31",
                     v1::DATE_RULE_ABSOLUTE, ""},
        IntervalCase{"EarlyYear", "In early 2030 the council met.", "", "early 2030", "2030-01-01", "2030-04-30",
                     v1::DATE_RULE_ABSOLUTE, ""},
        IntervalCase{"MidYear", "By mid-2030 the force had grown.", "", "mid-2030", "2030-05-01", "2030-08-31",
                     v1::DATE_RULE_ABSOLUTE, ""},
        IntervalCase{"LateDecade", "It drifted away in the late 2010s.", "", "the late 2010s", "2016-09-01",
                     "2019-12-31", v1::DATE_RULE_ABSOLUTE, ""},
        IntervalCase{"LateMonthByDays", "The envoys met in late June 2031.", "", "late June 2031", "2031-06-21",
                     "2031-06-30", v1::DATE_RULE_ABSOLUTE, ""},
        IntervalCase{"EndOfYear", "It froze its seat at the end of 2029.", "", "the end of 2029", "2029-09-01",
                     "2029-12-31", v1::DATE_RULE_ABSOLUTE, ""},
        IntervalCase{"EarlySpring", "Help came in early spring 2031.", "", "early spring 2031", "2031-03-01",
                     "2031-03-31", v1::DATE_RULE_ABSOLUTE, ""},
        IntervalCase{"LastMonth", "The minister resigned last month.", "2031-03-10", "last month", "2031-02-01",
                     "2031-02-28", v1::DATE_RULE_RELATIVE_TO_PUBLICATION, "2031-03-10"},
        IntervalCase{"LastWeekAcrossMonths", "Envoys met last week.", "2031-04-09", "last week", "2031-03-31",
                     "2031-04-06", v1::DATE_RULE_RELATIVE_TO_PUBLICATION, "2031-04-09"},
        IntervalCase{"LastFall", "The request came last fall.", "2031-03-10", "last fall", "2030-09-01",
                     "2030-11-30", v1::DATE_RULE_RELATIVE_TO_PUBLICATION, "2031-03-10"},
        IntervalCase{"MonthWithoutYear", "The envoy arrived on 5 February.", "2031-03-10", "5 February",
                     "2031-02-05", "2031-02-05", v1::DATE_RULE_YEAR_FROM_PUBLICATION, "2031-03-10"},
        IntervalCase{"Weekday", "The force arrived on Monday.", "2031-03-13", "Monday", "2031-03-10", "2031-03-10",
                     v1::DATE_RULE_WEEKDAY, "2031-03-13"},
        IntervalCase{"RangeStartFromItsEnd", "Drills ran from 6 to 19 May 2031.", "", "6", "2031-05-06",
                     "2031-05-06", v1::DATE_RULE_RANGE_END, "2031-05-19"},
        IntervalCase{"OffsetInTheSentence", "It joined in 2024 and left seven years later.", "", "seven years later",
                     "2031-01-01", "2031-12-31", v1::DATE_RULE_OFFSET_FROM_ANCHOR, "2024"},
        IntervalCase{"OffsetFromADate", "They came a month after 15 May 2031.", "", "a month after 15 May 2031",
                     "2031-06-01", "2031-06-30", v1::DATE_RULE_OFFSET_FROM_DATE, ""},
        IntervalCase{"VagueOffsetIsWider", "In March 2031 it asked; a few weeks later troops came.", "",
                     "a few weeks later", "2031-01-01", "2031-12-31", v1::DATE_RULE_OFFSET_FROM_ANCHOR,
                     "2031-03"}));

TEST(DateResolver, MovingAQualifiedDateToAnotherYearKeepsItsDays) {
  // "late December" takes its year from the range's end, its days with it.
  const std::vector<DateMatch> matches = Find("Drills ran from late December to 2 January 2032.", "");
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(matches[0].date.as_written(), "late December");
  EXPECT_EQ(matches[0].date.earliest(), "2031-12-21");
  EXPECT_EQ(matches[0].date.latest(), "2031-12-31");
}

}  // namespace
}  // namespace alliance::ingest
