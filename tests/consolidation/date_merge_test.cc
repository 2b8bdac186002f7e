#include "query-service/consolidation/date_merge.h"

#include <algorithm>
#include <deque>

#include "common/partial_date.h"
#include "gtest/gtest.h"
#include "tests/consolidation/record_builders.h"

namespace alliance::query {
namespace {

using testing::Approximate;
using testing::Cite;
using testing::Date;
using testing::Document;
using testing::Documents;

DateClaim Claim(const v1::PartialDate& date, const std::string& document) {
  // Claims point at their evidence; the test's outlive every claim.
  static std::deque<v1::Evidence>* const evidence = new std::deque<v1::Evidence>();
  evidence->push_back(Cite(document));
  return DateClaim{date, {document}, {&evidence->back()}};
}

TEST(DateMerge, FinerDateRefinesCoarser) {
  const DocumentMap documents;
  SourceIndependence sources(&documents);
  const DateChoice choice =
      ChooseDate({Claim(Date("1992"), "a"), Claim(Date("1992-05-15"), "b"), Claim(Date("1992-05"), "c")},
                 &sources);
  EXPECT_EQ(FormatDate(choice.date), "1992-05-15");
  EXPECT_TRUE(choice.alternatives.empty());
}

TEST(DateMerge, DisagreeingFinerDatesKeepTheBetterSupportedOne) {
  const DocumentMap documents;
  SourceIndependence sources(&documents);
  const DateChoice choice = ChooseDate({Claim(Date("1999"), "a"), Claim(Date("1999-03"), "b"),
                                        Claim(Date("1999-04"), "c"), Claim(Date("1999-04-02"), "d")},
                                       &sources);
  EXPECT_EQ(FormatDate(choice.date), "1999-04-02");
  ASSERT_EQ(choice.alternatives.size(), 2u);
  EXPECT_EQ(choice.alternatives[0].value, "1999-04");
  EXPECT_EQ(choice.alternatives[0].sources, 2);
  EXPECT_EQ(choice.alternatives[1].value, "1999-03");
  EXPECT_EQ(choice.alternatives[1].evidence.size(), 1u);
}

TEST(DateMerge, TiesGoToTheEarliestDate) {
  const DocumentMap documents;
  SourceIndependence sources(&documents);
  EXPECT_EQ(FormatDate(ChooseDate({Claim(Date("1999-04"), "c"), Claim(Date("1999-03"), "b")}, &sources).date),
            "1999-03");
}

TEST(DateMerge, SyndicatedCopiesSupportADateOnce) {
  const DocumentMap documents = Documents({Document("a", "2020", 1, "wire", 10),
                                           Document("a-copy", "2020", 1, "wire", 10),
                                           Document("b", "2020"), Document("c", "2020")});
  SourceIndependence sources(&documents);
  const DateChoice choice = ChooseDate({Claim(Date("1999-04"), "a"), Claim(Date("1999-04"), "a-copy"),
                                        Claim(Date("1999-05"), "b"), Claim(Date("1999-05"), "c")},
                                       &sources);
  EXPECT_EQ(FormatDate(choice.date), "1999-05");
}

// A year, approximate, with the interval its words give ("spring 2021").
v1::PartialDate Span(int year, const std::string& earliest, const std::string& latest) {
  v1::PartialDate date = Approximate(year, 0);
  date.set_earliest(earliest);
  date.set_latest(latest);
  return date;
}

TEST(DateMerge, ApproximateMonthWithoutWordsToNarrowItCoversItsYear) {
  const v1::PartialDate around_october = Approximate(2020, 10);
  EXPECT_TRUE(DatesCompatible(around_october, Date("2020")));
  EXPECT_TRUE(DatesCompatible(around_october, Date("2020-10")));
  EXPECT_TRUE(DatesCompatible(Date("2020-11-03"), around_october));
  EXPECT_TRUE(DatesCompatible(around_october, Approximate(2020, 4)));
  EXPECT_FALSE(DatesCompatible(around_october, Date("2021")));
  EXPECT_FALSE(DatesCompatible(Date("1999-03"), Date("1999-04")));
  EXPECT_FALSE(DatesCompatible(Date("1999"), v1::PartialDate()));
}

TEST(DateMerge, DatesCompareByTheirIntervals) {
  const v1::PartialDate spring = Span(2021, "2021-03-01", "2021-05-31");
  const v1::PartialDate early = Span(2021, "2021-01-01", "2021-04-30");
  const v1::PartialDate fall = Span(2021, "2021-09-01", "2021-11-30");
  EXPECT_TRUE(DateWithin(spring, Date("2021")));  // shorter, though less precise by its parts
  EXPECT_FALSE(DateWithin(Date("2021"), spring));
  EXPECT_TRUE(DateWithin(Date("2021-04"), spring));
  EXPECT_TRUE(DateWithin(Date("2021-04-02"), early));
  EXPECT_FALSE(DateWithin(Date("2021-09"), spring));
  EXPECT_TRUE(DatesCompatible(spring, early));  // they overlap in March and April
  EXPECT_FALSE(DateWithin(spring, early));
  EXPECT_FALSE(DateWithin(early, spring));
  EXPECT_TRUE(DatesExclusive(spring, fall));
  EXPECT_FALSE(SameDate(spring, early));  // same parts, other days
}

TEST(DateMerge, OverlappingDatesDoNotDisputeEachOther) {
  const DocumentMap documents;
  SourceIndependence sources(&documents);
  const DateChoice choice = ChooseDate({Claim(Date("2021"), "a"), Claim(Span(2021, "2021-03-01", "2021-05-31"), "b"),
                                        Claim(Span(2021, "2021-01-01", "2021-04-30"), "c")},
                                       &sources);
  EXPECT_TRUE(choice.alternatives.empty());
  EXPECT_EQ(choice.date.earliest(), "2021-01-01");  // a tie goes to the earliest
}

TEST(DateMerge, ExclusiveIntervalsUnderOneYearAreADispute) {
  const DocumentMap documents;
  SourceIndependence sources(&documents);
  const DateChoice choice = ChooseDate(
      {Claim(Span(2021, "2021-03-01", "2021-05-31"), "a"), Claim(Date("2021-09"), "b"), Claim(Date("2021-09-14"), "c")},
      &sources);
  EXPECT_EQ(FormatDate(choice.date), "2021-09-14");
  ASSERT_EQ(choice.alternatives.size(), 2u);
  EXPECT_EQ(choice.alternatives[0].value, "2021-09");
  EXPECT_EQ(choice.alternatives[1].value, "2021 (approximate, 2021-03-01..2021-05-31)");
}

TEST(DateMerge, ExactDateWinsOverApproximateOneOfTheSameUnit) {
  const DocumentMap documents;
  SourceIndependence sources(&documents);
  const DateChoice exact = ChooseDate({Claim(Approximate(2020, 10), "a"), Claim(Date("2020-10"), "b")}, &sources);
  EXPECT_EQ(FormatDate(exact.date), "2020-10");
  EXPECT_FALSE(exact.date.approximate());
  const DateChoice approx = ChooseDate({Claim(Date("2020"), "a"), Claim(Approximate(2020, 10), "b")}, &sources);
  EXPECT_EQ(FormatDate(approx.date), "2020-10");
  EXPECT_TRUE(approx.date.approximate());
  EXPECT_TRUE(approx.alternatives.empty());
}

TEST(DateMerge, ResultDoesNotDependOnClaimOrder) {
  const DocumentMap documents;
  SourceIndependence sources(&documents);
  std::vector<DateClaim> claims = {Claim(Date("1999"), "a"), Claim(Date("1999-03"), "b"),
                                   Claim(Date("1999-04"), "c"), Claim(Date("1999-03-02"), "d"),
                                   Claim(v1::PartialDate(), "e")};
  const DateChoice reference = ChooseDate(claims, &sources);
  std::sort(claims.begin(), claims.end(),
            [](const DateClaim& a, const DateClaim& b) { return a.document_ids < b.document_ids; });
  do {
    const DateChoice other = ChooseDate(claims, &sources);
    EXPECT_EQ(other.date.SerializeAsString(), reference.date.SerializeAsString());
    ASSERT_EQ(other.alternatives.size(), reference.alternatives.size());
    for (size_t i = 0; i < other.alternatives.size(); ++i) {
      EXPECT_EQ(other.alternatives[i].value, reference.alternatives[i].value);
    }
  } while (std::next_permutation(claims.begin(), claims.end(), [](const DateClaim& a, const DateClaim& b) {
    return a.document_ids < b.document_ids;
  }));
  EXPECT_EQ(FormatDate(reference.date), "1999-03-02");
}

TEST(DateMerge, UndatedClaimsLeaveTheDateUnset) {
  const DocumentMap documents;
  SourceIndependence sources(&documents);
  EXPECT_TRUE(IsUnset(ChooseDate({Claim(v1::PartialDate(), "a")}, &sources).date));
  EXPECT_TRUE(IsUnset(ChooseDate({}, &sources).date));
}

}  // namespace
}  // namespace alliance::query
