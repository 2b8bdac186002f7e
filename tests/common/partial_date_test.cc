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

}  // namespace
}  // namespace alliance
