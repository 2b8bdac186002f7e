#include "common/partial_date.h"

#include "gtest/gtest.h"

namespace alliance {
namespace {

TEST(PartialDate, ParsesIsoDatesOfEveryPrecision) {
  auto year = ParseIsoDate("1999", "f");
  ASSERT_TRUE(year.ok());
  EXPECT_EQ(FormatDate(*year), "1999");
  auto month = ParseIsoDate("1999-04", "f");
  ASSERT_TRUE(month.ok());
  EXPECT_EQ(month->month(), 4);
  auto day = ParseIsoDate("1992-05-15", "f");
  ASSERT_TRUE(day.ok());
  EXPECT_EQ(FormatDate(*day), "1992-05-15");
}

TEST(PartialDate, RejectsImpossibleDatesNamingTheField) {
  for (const char* bad : {"1999-13", "1999-02-30", "99", "1999-4", "abcd", "1999-00", "", "2001-02-29"}) {
    auto parsed = ParseIsoDate(bad, "as_of");
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(parsed.status().message().find("as_of"), std::string::npos) << parsed.status();
  }
  EXPECT_TRUE(ParseIsoDate("2000-02-29", "f").ok());
}

TEST(PartialDate, NormalizesRequestDatesFromPartsOrText) {
  v1::PartialDate text;
  text.set_as_written("2005-01-01");
  auto parsed = NormalizeRequestDate(text, "as_of");
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->year(), 2005);
  EXPECT_FALSE(NormalizeRequestDate(MakeDate(2005, 13), "as_of").ok());
  EXPECT_FALSE(NormalizeRequestDate(MakeDate(0, 3), "as_of").ok());
  EXPECT_TRUE(IsUnset(*NormalizeRequestDate(v1::PartialDate(), "as_of")));
}

TEST(PartialDate, OrdersByFirstDayWithCoarserFirstAndUnsetLast) {
  EXPECT_LT(CompareDates(MakeDate(1992), MakeDate(1992, 5, 15)), 0);
  EXPECT_LT(CompareDates(MakeDate(1992, 5, 15), MakeDate(1993)), 0);
  EXPECT_GT(CompareDates(v1::PartialDate(), MakeDate(1800)), 0);
  EXPECT_EQ(CompareDates(MakeDate(2012, 1), MakeDate(2012, 1)), 0);
}

TEST(PartialDate, RefinementIsContainment) {
  EXPECT_TRUE(Refines(MakeDate(1992, 5, 15), MakeDate(1992)));
  EXPECT_TRUE(Refines(MakeDate(1999, 4), MakeDate(1999)));
  EXPECT_FALSE(Refines(MakeDate(1993), MakeDate(1992)));
  EXPECT_TRUE(Compatible(MakeDate(1999), MakeDate(1999, 4)));
  EXPECT_FALSE(Compatible(MakeDate(1999, 3), MakeDate(1999, 4)));
  EXPECT_EQ(LastDayKey(MakeDate(2000, 2)), 20000229);
  EXPECT_EQ(FirstDayKey(MakeDate(2000)), 20000101);
}

TEST(PartialDate, IntervalIsTheDaysTheDateCanMean) {
  EXPECT_EQ(IntervalOf(MakeDate(1999)).first, 19990101);
  EXPECT_EQ(IntervalOf(MakeDate(1999)).last, 19991231);
  EXPECT_EQ(IntervalOf(MakeDate(2000, 2)).last, 20000229);
  EXPECT_EQ(IntervalOf(MakeDate(1992, 5, 15)).first, 19920515);
  EXPECT_EQ(IntervalOf(v1::PartialDate()).first, 0);
  // Written days win over the parts.
  v1::PartialDate spring = MakeDate(2021);
  spring.set_approximate(true);
  spring.set_earliest("2021-03-01");
  spring.set_latest("2021-05-31");
  EXPECT_EQ(IntervalOf(spring).first, 20210301);
  EXPECT_EQ(LastDayKey(spring), 20210531);
  // Without them an approximate date covers one unit more; a year stays a year.
  v1::PartialDate around = MakeDate(2021, 6, 5);
  around.set_approximate(true);
  EXPECT_EQ(IntervalOf(around).first, 20210601);
  EXPECT_EQ(IntervalOf(around).last, 20210630);
  around.set_day(0);
  EXPECT_EQ(IntervalOf(around).first, 20210101);
  around.set_month(0);
  EXPECT_EQ(IntervalOf(around).last, 20211231);
  // Days that do not exist, or out of order, are not an interval.
  v1::PartialDate bad = MakeDate(2021);
  bad.set_earliest("2021-02-30");
  bad.set_latest("2021-03-01");
  EXPECT_EQ(IntervalOf(bad).first, 20210101);
  bad.set_earliest("2021-05-01");
  bad.set_latest("2021-04-01");
  EXPECT_EQ(IntervalOf(bad).last, 20211231);
}

TEST(PartialDate, CompleteIntervalWritesTheDaysOnce) {
  v1::PartialDate month = MakeDate(2030, 4);
  CompleteInterval(&month);
  EXPECT_EQ(month.earliest(), "2030-04-01");
  EXPECT_EQ(month.latest(), "2030-04-30");
  v1::PartialDate spring = MakeDate(2021);
  spring.set_earliest("2021-03-01");
  spring.set_latest("2021-05-31");
  CompleteInterval(&spring);
  EXPECT_EQ(spring.latest(), "2021-05-31");
  v1::PartialDate unset;
  CompleteInterval(&unset);
  EXPECT_TRUE(unset.earliest().empty());
}

TEST(PartialDate, MovingToAnotherYearMovesTheDays) {
  v1::PartialDate late_february = MakeDate(2024, 2);
  late_february.set_earliest("2024-02-21");
  late_february.set_latest("2024-02-29");
  MoveToYear(2023, &late_february);
  EXPECT_EQ(late_february.year(), 2023);
  EXPECT_EQ(late_february.earliest(), "2023-02-21");
  EXPECT_EQ(late_february.latest(), "2023-02-28");
}

TEST(PartialDate, RequestDatesMeanTheDaysOfTheirParts) {
  v1::PartialDate asked = MakeDate(2005);
  asked.set_earliest("2005-06-01");
  asked.set_latest("2005-06-30");
  asked.set_rule(v1::DATE_RULE_WEEKDAY);
  auto normalized = NormalizeRequestDate(asked, "as_of");
  ASSERT_TRUE(normalized.ok());
  EXPECT_EQ(FirstDayKey(*normalized), 20050101);
  EXPECT_EQ(normalized->rule(), v1::DATE_RULE_UNSPECIFIED);
}

}  // namespace
}  // namespace alliance
