// The timeline renderer on hand-built timelines, without a server: one row per
// country, bars placed by date, marks and markers per kind and outcome, the
// axis, XML escaping of quotes, and the same bytes for the same input.
#include "cli/timeline_render.h"

#include <regex>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/timeline_model.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace alliance::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

TimelineSource Source(std::string quote, std::string document = "CSTO at thirty") {
  return TimelineSource{std::move(quote), std::move(document), "2022-03-25"};
}

TimelineRow Row(std::string country) {
  TimelineRow row;
  row.country = std::move(country);
  return row;
}

TimelinePeriod Period(TimelineStatus status, TimelineDate from, TimelineDate to) {
  TimelinePeriod period;
  period.status = status;
  period.from = from;
  period.to = to;
  period.ongoing = to.year == 0;
  period.facts.push_back(TimelineFact{"opened by SIGNED", {Source("It signed the treaty.")}});
  return period;
}

TimelineMarker Request(TimelineDate date, TimelineOutcome outcome) {
  TimelineMarker marker;
  marker.kind = TimelineMarkerKind::kRequest;
  marker.outcome = outcome;
  marker.date = date;
  marker.summary = "request for help";
  marker.facts.push_back(TimelineFact{"", {Source("It asked for help.")}});
  return marker;
}

// ARM: member 1992-05-15 to 1999-04 and from 2006 on, a withdrawal in 1999,
// a denied request in 2020; KAZ: an intervention 2022-01-05..2022-01-12 and a
// granted request; UZB: a suspension in 2012 and a pending request.
Timeline SampleTimeline() {
  Timeline timeline;
  timeline.organization = "CSTO";
  TimelineRow arm = Row("ARM");
  arm.periods.push_back(Period(TimelineStatus::kMember, {1992, 5, 15}, {1999, 4}));
  arm.periods.push_back(Period(TimelineStatus::kMember, {2006}, {}));
  arm.events.push_back(TimelineEvent{TimelineEventKind::kWithdrawal, {1999, 4}, false, "ARM WITHDREW 1999-04",
                                     {TimelineFact{"", {Source("Armenia left.")}}}});
  arm.markers.push_back(Request({2020}, TimelineOutcome::kDenied));
  TimelineRow kaz = Row("KAZ");
  kaz.periods.push_back(Period(TimelineStatus::kMember, {1992}, {}));
  TimelineMarker intervention;
  intervention.kind = TimelineMarkerKind::kIntervention;
  intervention.outcome = TimelineOutcome::kGranted;
  intervention.date = {2022, 1, 5};
  intervention.end = {2022, 1, 12};
  intervention.summary = "KAZ intervention";
  kaz.markers.push_back(intervention);
  kaz.markers.push_back(Request({2022, 1, 5}, TimelineOutcome::kGranted));
  TimelineRow uzb = Row("UZB");
  uzb.periods.push_back(Period(TimelineStatus::kSuspended, {2012}, {2013}));
  uzb.periods.push_back(Period(TimelineStatus::kObserver, {2014}, {2015}));
  uzb.events.push_back(TimelineEvent{TimelineEventKind::kSuspension, {2012}, false, "UZB SUSPENDED 2012", {}});
  uzb.markers.push_back(Request({2010}, TimelineOutcome::kPending));
  uzb.markers.push_back(Request({2011}, TimelineOutcome::kNotRequested));
  timeline.rows = {arm, kaz, uzb};
  return timeline;
}

// The part of `svg` that draws `country`'s row.
std::string RowOf(const std::string& svg, const std::string& country) {
  const size_t begin = svg.find(absl::StrCat("id=\"row-", country, "\""));
  if (begin == std::string::npos) return "";
  const size_t end = svg.find("\n</g>\n", begin);
  return svg.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

int Count(const std::string& text, const std::string& what) {
  int count = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++count;
  return count;
}

struct Bar {
  std::string classes;
  double x = 0;
  double width = 0;
};

std::vector<Bar> Bars(const std::string& svg_part) {
  static const std::regex kBar(R"re(<rect class="bar ([a-z ]+)" x="([0-9.]+)" y="[0-9.]+" width="([0-9.]+)")re");
  std::vector<Bar> bars;
  for (auto it = std::sregex_iterator(svg_part.begin(), svg_part.end(), kBar); it != std::sregex_iterator(); ++it) {
    Bar bar;
    bar.classes = (*it)[1];
    EXPECT_TRUE(absl::SimpleAtod((*it)[2].str(), &bar.x));
    EXPECT_TRUE(absl::SimpleAtod((*it)[3].str(), &bar.width));
    bars.push_back(bar);
  }
  return bars;
}

TEST(TimelineRender, DrawsOneRowPerCountryInTheGivenOrder) {
  const std::string svg = RenderTimelineSvg(SampleTimeline());
  EXPECT_THAT(svg, StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_EQ(Count(svg, "<g class=\"row\""), 3);
  const size_t arm = svg.find("id=\"row-ARM\"");
  const size_t kaz = svg.find("id=\"row-KAZ\"");
  const size_t uzb = svg.find("id=\"row-UZB\"");
  ASSERT_NE(arm, std::string::npos);
  EXPECT_LT(arm, kaz);
  EXPECT_LT(kaz, uzb);
  EXPECT_THAT(RowOf(svg, "ARM"), HasSubstr(">ARM</text>"));
  EXPECT_THAT(svg, HasSubstr("CSTO membership timeline"));
}

TEST(TimelineRender, PlacesBarsByTheirDates) {
  const Timeline timeline = SampleTimeline();
  const TimelineAxis axis = AxisFor(timeline);
  EXPECT_EQ(axis.first_year, 1992);
  EXPECT_EQ(axis.end_year, 2023);
  EXPECT_DOUBLE_EQ(axis.X({1992}), kTimelinePlotLeft);
  EXPECT_DOUBLE_EQ(axis.X({2023}), kTimelinePlotRight);
  EXPECT_LT(axis.X({2005}), axis.X({2005, 6, 30}));
  EXPECT_LT(axis.X({2005, 6, 30}), axis.X({2005, 7, 1}));
  EXPECT_LT(axis.X({2005, 12, 31}), axis.X({2006}));
  EXPECT_DOUBLE_EQ(axis.X({2005, 6}), axis.X({2005, 6, 1}));

  const std::string svg = RenderTimelineSvg(timeline);
  const std::vector<Bar> arm = Bars(RowOf(svg, "ARM"));
  ASSERT_EQ(arm.size(), 2u);
  EXPECT_EQ(arm[0].classes, "member");
  EXPECT_NEAR(arm[0].x, axis.X({1992, 5, 15}), 0.06);
  EXPECT_NEAR(arm[0].x + arm[0].width, axis.X({1999, 4}), 0.11);
  // A period that continues runs to the end of the axis.
  EXPECT_NEAR(arm[1].x, axis.X({2006}), 0.06);
  EXPECT_NEAR(arm[1].x + arm[1].width, kTimelinePlotRight, 0.11);
  EXPECT_LT(arm[0].x + arm[0].width, arm[1].x);

  const std::vector<Bar> uzb = Bars(RowOf(svg, "UZB"));
  ASSERT_EQ(uzb.size(), 2u);
  EXPECT_EQ(uzb[0].classes, "suspended");
  EXPECT_EQ(uzb[1].classes, "observer");
  EXPECT_NEAR(uzb[0].width, axis.X({2013}) - axis.X({2012}), 0.11);
}

TEST(TimelineRender, DrawsUncertainBoundariesDashedAndUnknownStartsFromTheAxisStart) {
  Timeline timeline = SampleTimeline();
  TimelinePeriod by_publication = Period(TimelineStatus::kObserver, {2013, 5, 20}, {});
  by_publication.from_is_latest = true;
  TimelinePeriod unknown_start = Period(TimelineStatus::kMember, {}, {1994});
  TimelineRow srb_row = Row("SRB");
  srb_row.periods = {by_publication, unknown_start};
  timeline.rows.push_back(srb_row);
  const std::string svg = RenderTimelineSvg(timeline);
  const std::vector<Bar> srb = Bars(RowOf(svg, "SRB"));
  ASSERT_EQ(srb.size(), 2u);
  EXPECT_EQ(srb[0].classes, "observer uncertain");
  EXPECT_EQ(srb[1].classes, "member uncertain");
  EXPECT_NEAR(srb[1].x, kTimelinePlotLeft, 0.06);
  EXPECT_THAT(RowOf(svg, "SRB"), HasSubstr("SRB OBSERVER from by 2013-05-20 to now"));
}

TEST(TimelineRender, DrawsAMarkerPerRequestOutcomeAndForInterventions) {
  const std::string svg = RenderTimelineSvg(SampleTimeline());
  const std::string arm = RowOf(svg, "ARM");
  const std::string kaz = RowOf(svg, "KAZ");
  const std::string uzb = RowOf(svg, "UZB");
  EXPECT_EQ(Count(arm, "class=\"marker request denied\""), 1);
  EXPECT_EQ(Count(arm, "class=\"marker request"), 1);
  EXPECT_EQ(Count(kaz, "class=\"marker request granted\""), 1);
  EXPECT_EQ(Count(kaz, "class=\"marker intervention granted\""), 1);
  EXPECT_EQ(Count(uzb, "class=\"marker request pending\""), 1);
  EXPECT_EQ(Count(uzb, "class=\"marker request not-requested\""), 1);
  // The deployment's span is drawn from start to end.
  EXPECT_THAT(kaz, HasSubstr("<line x1="));
  EXPECT_EQ(Count(arm, "class=\"mark withdrawal\""), 1);
  EXPECT_EQ(Count(uzb, "class=\"mark suspension\""), 1);
  EXPECT_EQ(Count(kaz, "class=\"mark "), 0);
}

TEST(TimelineRender, HasALegendOfEveryKindAndYearTicks) {
  const std::string svg = RenderTimelineSvg(SampleTimeline());
  const size_t legend = svg.find("<g class=\"legend\">");
  ASSERT_NE(legend, std::string::npos);
  const std::string part = svg.substr(legend, svg.find("\n</g>\n", legend) - legend);
  for (const char* what : {"bar member", "bar observer", "bar suspended", "mark withdrawal", "mark suspension",
                           "marker intervention", "marker request granted", "marker request denied",
                           "marker request pending", "marker request not-requested"}) {
    EXPECT_THAT(part, HasSubstr(absl::StrCat("class=\"", what))) << what;
  }
  for (int year = 1992; year <= 2023; ++year) {
    EXPECT_THAT(svg, HasSubstr(absl::StrCat("class=\"year\" x=\"", absl::StrFormat("%.1f", AxisFor(SampleTimeline()).X({year})),
                                            "\" y=\"116.0\">", year, "</text>")))
        << year;
  }
}

TEST(TimelineRender, LabelsFewerYearsOnALongAxis) {
  Timeline timeline;
  TimelineRow row = Row("RUS");
  row.periods.push_back(Period(TimelineStatus::kMember, {1900}, {1999}));
  timeline.rows.push_back(row);
  const std::string svg = RenderTimelineSvg(timeline);
  EXPECT_THAT(svg, HasSubstr(">1900</text>"));
  EXPECT_THAT(svg, HasSubstr(">1910</text>"));
  EXPECT_THAT(svg, Not(HasSubstr(">1901</text>")));
}

TEST(TimelineRender, EscapesQuotesTitlesAndCodesInHoverText) {
  Timeline timeline = SampleTimeline();
  timeline.organization = "A&B";
  timeline.rows[0].markers[0].facts = {
      TimelineFact{"heading <h>", {Source("Troops <b>said</b> \"go\" & 'stay'", "Q&A: \"Is <it> over?\"")}}};
  const std::string svg = RenderTimelineSvg(timeline);
  EXPECT_THAT(svg, HasSubstr("Troops &lt;b&gt;said&lt;/b&gt; &quot;go&quot; &amp; &apos;stay&apos;"));
  EXPECT_THAT(svg, HasSubstr("Q&amp;A: &quot;Is &lt;it&gt; over?&quot;"));
  EXPECT_THAT(svg, HasSubstr("heading &lt;h&gt;:"));
  EXPECT_THAT(svg, HasSubstr("A&amp;B membership timeline"));
  EXPECT_THAT(svg, Not(HasSubstr("<b>")));
  EXPECT_THAT(svg, Not(HasSubstr("\"go\"")));
  EXPECT_THAT(svg, Not(HasSubstr("A&B")));
  // The quote is in the <title> of its marker, with its source.
  EXPECT_THAT(RowOf(svg, "ARM"),
              HasSubstr("<g class=\"marker request denied\"><title>request for help\nheading &lt;h&gt;:\n"
                        "  \xE2\x80\x9CTroops &lt;b&gt;said"));
  const std::string html = RenderTimelineHtml(timeline);
  EXPECT_THAT(html, HasSubstr("<title>A&amp;B membership timeline</title>"));
  EXPECT_THAT(html, Not(HasSubstr("<b>")));
}

TEST(TimelineRender, XmlEscapeReplacesForbiddenControlCharacters) {
  EXPECT_EQ(XmlEscape(std::string("a\x01" "b\x1f" "c\n\td", 8)), "a b c\n\td");
  EXPECT_EQ(XmlEscape("<&>\"'"), "&lt;&amp;&gt;&quot;&apos;");
  EXPECT_EQ(XmlEscape("Kyrgyzstan \xE2\x80\x94 \xE2\x80\x9Cno\xE2\x80\x9D"), "Kyrgyzstan \xE2\x80\x94 \xE2\x80\x9Cno\xE2\x80\x9D");
}

TEST(TimelineRender, SameInputGivesTheSameBytes) {
  const std::string first = RenderTimelineSvg(SampleTimeline());
  const Timeline copy = SampleTimeline();
  EXPECT_EQ(RenderTimelineSvg(copy), first);
  EXPECT_EQ(RenderTimelineSvg(copy), RenderTimelineSvg(copy));
  EXPECT_EQ(RenderTimelineHtml(copy), RenderTimelineHtml(SampleTimeline()));
}

TEST(TimelineRender, HtmlIsOneSelfContainedPage) {
  const std::string html = RenderTimelineHtml(SampleTimeline());
  EXPECT_THAT(html, StartsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"));
  EXPECT_THAT(html, HasSubstr("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_THAT(html, Not(HasSubstr("<?xml")));
  EXPECT_THAT(html, Not(HasSubstr("<script")));
  EXPECT_THAT(html, Not(HasSubstr("src=")));
  EXPECT_THAT(html, Not(HasSubstr("href=")));
  EXPECT_EQ(Count(html, "http"), 1);  // the SVG namespace, nothing fetched
}

TEST(TimelineRender, ListsUndrawnFactsAndSaysSoWhenThereIsNothing) {
  Timeline empty;
  empty.undrawn = {"ARM request for help - : PENDING [request/CSTO/ARM/0]"};
  const std::string svg = RenderTimelineSvg(empty);
  EXPECT_THAT(svg, HasSubstr("No membership periods, requests or interventions."));
  EXPECT_THAT(svg, HasSubstr("Not drawn (no date to place them by):"));
  EXPECT_THAT(svg, HasSubstr(">ARM request for help - : PENDING [request/CSTO/ARM/0]</text>"));
  EXPECT_EQ(AxisFor(empty).first_year, 2000);
  EXPECT_EQ(AxisFor(empty).end_year, 2001);
}

}  // namespace
}  // namespace alliance::cli
