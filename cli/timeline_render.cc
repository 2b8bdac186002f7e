#include "cli/timeline_render.h"

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"

namespace alliance::cli {
namespace {

// Vertical layout, top to bottom.
constexpr double kTitleBaseline = 26;
constexpr double kSubtitleBaseline = 44;
constexpr double kLegendTop = 56;
constexpr double kLegendRowHeight = 20;
constexpr double kAxisLabelBaseline = 116;
constexpr double kRowsTop = 124;
constexpr double kRowHeight = 32;
constexpr double kFootLineHeight = 16;
// Within a row: the bar's band, request markers above its middle, intervention
// markers below it.
constexpr double kBarTop = 11;
constexpr double kBarHeight = 10;
constexpr double kRequestY = 10;
constexpr double kInterventionY = 23;
constexpr double kMinBarWidth = 3;

// Formats a coordinate with one decimal; the same value always prints the same.
std::string Num(double value) {
  std::string text = absl::StrFormat("%.1f", value);
  if (text == "-0.0") text = "0.0";
  return text;
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonthOf(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

// The first day `date` covers, in years (2000.0 is January 1, 2000).
double YearFraction(const TimelineDate& date) {
  const int days_in_year = IsLeapYear(date.year) ? 366 : 365;
  int day_of_year = 0;
  const int month = std::clamp(date.month, 0, 12);
  for (int m = 1; m < month; ++m) day_of_year += DaysInMonthOf(date.year, m);
  if (month > 0 && date.day > 0) day_of_year += std::min(date.day, DaysInMonthOf(date.year, month)) - 1;
  return date.year + static_cast<double>(day_of_year) / days_in_year;
}

// Formats a date as "1992", "1992-05" or "1992-05-15" ("~" when approximate,
// "by " when only the date by which it happened is known); `unknown` when unset.
std::string DateText(const TimelineDate& date, bool is_latest, absl::string_view unknown) {
  if (date.year == 0) return std::string(unknown);
  std::string text = absl::StrFormat("%04d", date.year);
  if (date.month > 0) absl::StrAppendFormat(&text, "-%02d", date.month);
  if (date.month > 0 && date.day > 0) absl::StrAppendFormat(&text, "-%02d", date.day);
  if (date.approximate) text = absl::StrCat("~", text);
  if (is_latest) text = absl::StrCat("by ", text);
  return text;
}

absl::string_view StatusClass(TimelineStatus status) {
  switch (status) {
    case TimelineStatus::kMember: return "member";
    case TimelineStatus::kObserver: return "observer";
    case TimelineStatus::kSuspended: return "suspended";
  }
  return "member";
}

absl::string_view StatusWord(TimelineStatus status) {
  switch (status) {
    case TimelineStatus::kMember: return "MEMBER";
    case TimelineStatus::kObserver: return "OBSERVER";
    case TimelineStatus::kSuspended: return "SUSPENDED";
  }
  return "MEMBER";
}

absl::string_view OutcomeClass(TimelineOutcome outcome) {
  switch (outcome) {
    case TimelineOutcome::kGranted: return "granted";
    case TimelineOutcome::kDenied: return "denied";
    case TimelineOutcome::kPending: return "pending";
    case TimelineOutcome::kNotRequested: return "not-requested";
  }
  return "pending";
}

// The hover text of an element: its summary line, then each fact's heading
// and quotes, escaped.
std::string TitleElement(absl::string_view summary, const std::vector<TimelineFact>& facts) {
  std::vector<std::string> lines = {std::string(summary)};
  for (const TimelineFact& fact : facts) {
    if (!fact.heading.empty()) lines.push_back(absl::StrCat(fact.heading, ":"));
    for (const TimelineSource& source : fact.sources) {
      std::string line = absl::StrCat("  \xE2\x80\x9C", source.quote, "\xE2\x80\x9D \xE2\x80\x94 ",
                                      source.document.empty() ? "unknown source" : source.document);
      if (!source.published.empty()) absl::StrAppend(&line, " (", source.published, ")");
      lines.push_back(std::move(line));
    }
  }
  return absl::StrCat("<title>", XmlEscape(absl::StrJoin(lines, "\n")), "</title>");
}

void ConsiderDate(const TimelineDate& date, int* first, int* last) {
  if (date.year == 0) return;
  *first = std::min(*first, date.year);
  *last = std::max(*last, date.year);
}

constexpr char kStyle[] =
    "text{font-family:'DejaVu Sans','Liberation Sans',Arial,Helvetica,sans-serif;font-size:12px;"
    "fill:#1a202c}"
    ".title{font-size:18px;font-weight:bold}.subtitle,.foot{font-size:11px;fill:#4a5568}"
    ".country{font-weight:bold;font-family:'DejaVu Sans Mono','Liberation Mono',monospace}"
    ".year{font-size:11px;fill:#4a5568;text-anchor:middle}"
    ".bg0{fill:#ffffff}.bg1{fill:#f2f4f7}"
    ".grid{stroke:#dfe3e8;stroke-width:1}.grid.major{stroke:#c4cad3}"
    ".bar.member{fill:#3b6fb6}.bar.observer{fill:#8fbfe0}.bar.suspended{fill:#e8a33d}"
    ".bar.uncertain{fill-opacity:0.55;stroke:#4a5568;stroke-width:1;stroke-dasharray:3 2}"
    ".mark.withdrawal line{stroke:#c0392b;stroke-width:2.5}"
    ".mark.withdrawal path{fill:#c0392b}"
    ".mark.suspension line{stroke:#dd6b20;stroke-width:2.5;stroke-dasharray:4 2}"
    ".mark.suspension path{fill:#dd6b20}"
    ".marker circle,.marker path{stroke:#ffffff;stroke-width:1.5}"
    ".request.granted circle{fill:#2f855a}.request.denied circle{fill:#c53030}"
    ".request.pending circle{fill:#d69e2e}"
    ".request.not-requested circle{fill:#ffffff;stroke:#718096;stroke-width:1.5}"
    ".intervention path{fill:#5b3f9e}.intervention line{stroke:#5b3f9e;stroke-width:3}";

// Draws the legend's swatches and words, left to right from `x`.
std::string Legend() {
  std::string svg = "<g class=\"legend\">\n";
  double x = kTimelinePlotLeft;
  double top = kLegendTop;
  double mid = top + 7;
  // Advances past a word of `text`: about 6.3 px per character at 12 px.
  auto word = [&](absl::string_view text) {
    absl::StrAppend(&svg, "<text x=\"", Num(x), "\" y=\"", Num(mid + 4), "\">", XmlEscape(text),
                    "</text>\n");
    x += 6.3 * text.size() + 22;
  };
  struct StatusItem {
    TimelineStatus status;
    absl::string_view words;
  };
  for (const StatusItem& item : {StatusItem{TimelineStatus::kMember, "member"},
                                 StatusItem{TimelineStatus::kObserver, "observer"},
                                 StatusItem{TimelineStatus::kSuspended, "suspended"}}) {
    absl::StrAppend(&svg, "<rect class=\"bar ", StatusClass(item.status), "\" x=\"", Num(x), "\" y=\"",
                    Num(mid - 5), "\" width=\"22\" height=\"10\"/>\n");
    x += 27;
    word(item.words);
  }
  absl::StrAppend(&svg, "<rect class=\"bar member uncertain\" x=\"", Num(x), "\" y=\"", Num(mid - 5),
                  "\" width=\"22\" height=\"10\"/>\n");
  x += 27;
  word("uncertain dates (hover for why)");
  for (const absl::string_view kind : {absl::string_view("withdrawal"), absl::string_view("suspension")}) {
    absl::StrAppend(&svg, "<g class=\"mark ", kind, "\"><line x1=\"", Num(x + 4), "\" y1=\"", Num(top),
                    "\" x2=\"", Num(x + 4), "\" y2=\"", Num(top + 14), "\"/></g>\n");
    x += 12;
    word(kind);
  }
  // Markers on a second line.
  x = kTimelinePlotLeft;
  top += kLegendRowHeight;
  mid += kLegendRowHeight;
  absl::StrAppend(&svg, "<g class=\"marker intervention\"><path d=\"M", Num(x + 6), " ", Num(mid - 6), "L",
                  Num(x + 12), " ", Num(mid), "L", Num(x + 6), " ", Num(mid + 6), "L", Num(x), " ", Num(mid),
                  "Z\"/></g>\n");
  x += 17;
  word("intervention");
  struct OutcomeItem {
    TimelineOutcome outcome;
    absl::string_view words;
  };
  for (const OutcomeItem& item : {OutcomeItem{TimelineOutcome::kGranted, "request granted"},
                                  OutcomeItem{TimelineOutcome::kDenied, "denied"},
                                  OutcomeItem{TimelineOutcome::kPending, "pending"},
                                  OutcomeItem{TimelineOutcome::kNotRequested, "not requested"}}) {
    absl::StrAppend(&svg, "<g class=\"marker request ", OutcomeClass(item.outcome), "\"><circle cx=\"",
                    Num(x + 6), "\" cy=\"", Num(mid), "\" r=\"5.5\"/></g>\n");
    x += 16;
    word(item.words);
  }
  absl::StrAppend(&svg, "</g>\n");
  return svg;
}

// Returns the years between labelled ticks: the smallest of 1, 2, 5, 10, ...
// that leaves at least 34 px between labels.
int LabelStep(double pixels_per_year) {
  for (const int step : {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}) {
    if (step * pixels_per_year >= 34) return step;
  }
  return 1000;
}

std::string Axis(const TimelineAxis& axis, double rows_bottom) {
  std::string svg = "<g class=\"axis\">\n";
  const double pixels_per_year = (kTimelinePlotRight - kTimelinePlotLeft) / (axis.end_year - axis.first_year);
  const int step = LabelStep(pixels_per_year);
  const int minor = pixels_per_year >= 4 ? 1 : step;
  for (int year = axis.first_year; year <= axis.end_year; ++year) {
    const bool labelled = year % step == 0;
    if (!labelled && year % minor != 0) continue;
    const double x = axis.X(TimelineDate{year});
    absl::StrAppend(&svg, "<line class=\"grid", labelled ? " major" : "", "\" x1=\"", Num(x), "\" y1=\"",
                    Num(kAxisLabelBaseline + 4), "\" x2=\"", Num(x), "\" y2=\"", Num(rows_bottom), "\"/>\n");
    if (labelled) {
      absl::StrAppend(&svg, "<text class=\"year\" x=\"", Num(x), "\" y=\"", Num(kAxisLabelBaseline), "\">",
                      year, "</text>\n");
    }
  }
  absl::StrAppend(&svg, "</g>\n");
  return svg;
}

std::string PeriodSummary(const std::string& country, const TimelinePeriod& period) {
  std::string end;
  if (period.ongoing) {
    end = "now";
  } else {
    end = DateText(period.to, period.to_is_latest, "an unknown date");
  }
  std::string summary = absl::StrCat(country, " ", StatusWord(period.status), " from ",
                                     DateText(period.from, period.from_is_latest, "an unknown date"), " to ", end);
  if (!period.note.empty()) absl::StrAppend(&summary, " (", period.note, ")");
  return summary;
}

std::string Period(const std::string& country, const TimelinePeriod& period, const TimelineAxis& axis,
                   double top) {
  const double axis_start = kTimelinePlotLeft;
  const double axis_end = kTimelinePlotRight;
  const double x1 = period.from.year == 0 ? axis_start : axis.X(period.from);
  double x2;
  if (period.ongoing) {
    x2 = axis_end;
  } else if (period.to.year == 0) {
    x2 = x1;  // ended at an unknown date: only its start is drawn
  } else {
    x2 = axis.X(period.to);
  }
  const double width = std::max(x2 - x1, kMinBarWidth);
  const bool uncertain = period.from.year == 0 || period.from_is_latest || period.to_is_latest ||
                         (!period.ongoing && period.to.year == 0);
  return absl::StrCat("<g class=\"period\">", TitleElement(PeriodSummary(country, period), period.facts),
                      "<rect class=\"bar ", StatusClass(period.status), uncertain ? " uncertain" : "",
                      "\" x=\"", Num(x1), "\" y=\"", Num(top + kBarTop), "\" width=\"", Num(width),
                      "\" height=\"", Num(kBarHeight), "\"/></g>\n");
}

std::string Event(const TimelineEvent& event, const TimelineAxis& axis, double top) {
  const double x = axis.X(event.date);
  const absl::string_view kind = event.kind == TimelineEventKind::kWithdrawal ? "withdrawal" : "suspension";
  return absl::StrCat("<g class=\"mark ", kind, "\">", TitleElement(event.summary, event.facts), "<line x1=\"",
                      Num(x), "\" y1=\"", Num(top + 3), "\" x2=\"", Num(x), "\" y2=\"", Num(top + kRowHeight - 3),
                      "\"/><path d=\"M", Num(x - 4), " ", Num(top + 2), "L", Num(x + 4), " ", Num(top + 2), "L",
                      Num(x), " ", Num(top + 8), "Z\"/></g>\n");
}

std::string Marker(const TimelineMarker& marker, const TimelineAxis& axis, double top) {
  const double x = axis.X(marker.date);
  const std::string title = TitleElement(marker.summary, marker.facts);
  if (marker.kind == TimelineMarkerKind::kRequest) {
    return absl::StrCat("<g class=\"marker request ", OutcomeClass(marker.outcome), "\">", title,
                        "<circle cx=\"", Num(x), "\" cy=\"", Num(top + kRequestY), "\" r=\"5.5\"/></g>\n");
  }
  const double y = top + kInterventionY;
  std::string span;
  if (marker.end.year != 0) {
    const double end = axis.X(marker.end);
    if (end > x) {
      span = absl::StrCat("<line x1=\"", Num(x), "\" y1=\"", Num(y), "\" x2=\"", Num(end), "\" y2=\"", Num(y),
                          "\"/>");
    }
  }
  return absl::StrCat("<g class=\"marker intervention ", OutcomeClass(marker.outcome), "\">", title, span,
                      "<path d=\"M", Num(x), " ", Num(y - 6), "L", Num(x + 6), " ", Num(y), "L", Num(x), " ",
                      Num(y + 6), "L", Num(x - 6), " ", Num(y), "Z\"/></g>\n");
}

double RowsBottom(const Timeline& timeline) {
  return kRowsTop + kRowHeight * std::max<size_t>(timeline.rows.size(), 1);
}

double PictureHeight(const Timeline& timeline) {
  const size_t foot_lines = 1 + timeline.undrawn.size() + (timeline.undrawn.empty() ? 0 : 1);
  return RowsBottom(timeline) + 10 + kFootLineHeight * foot_lines + 6;
}

// The <svg> element, without an XML declaration.
std::string SvgElement(const Timeline& timeline) {
  const TimelineAxis axis = AxisFor(timeline);
  const double height = PictureHeight(timeline);
  const double rows_bottom = RowsBottom(timeline);
  const std::string organization = timeline.organization.empty() ? "Alliance" : timeline.organization;
  std::string svg = absl::StrCat(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"", Num(kTimelineWidth), "\" height=\"", Num(height),
      "\" viewBox=\"0 0 ", Num(kTimelineWidth), " ", Num(height), "\">\n<title>",
      XmlEscape(absl::StrCat(organization, " membership timeline")), "</title>\n<style>", kStyle,
      "</style>\n<rect class=\"bg0\" x=\"0\" y=\"0\" width=\"", Num(kTimelineWidth), "\" height=\"", Num(height),
      "\"/>\n<text class=\"title\" x=\"", Num(kTimelinePlotLeft), "\" y=\"", Num(kTitleBaseline), "\">",
      XmlEscape(organization), " membership timeline</text>\n<text class=\"subtitle\" x=\"",
      Num(kTimelinePlotLeft), "\" y=\"", Num(kSubtitleBaseline),
      "\">One row per country. Hover over a bar, mark or marker for its quotes and sources.</text>\n");
  absl::StrAppend(&svg, Legend());
  for (size_t i = 0; i < timeline.rows.size(); ++i) {
    const double top = kRowsTop + kRowHeight * i;
    absl::StrAppend(&svg, "<rect class=\"bg", i % 2, "\" x=\"0\" y=\"", Num(top), "\" width=\"",
                    Num(kTimelineWidth), "\" height=\"", Num(kRowHeight), "\"/>\n");
  }
  absl::StrAppend(&svg, Axis(axis, rows_bottom));
  for (size_t i = 0; i < timeline.rows.size(); ++i) {
    const TimelineRow& row = timeline.rows[i];
    const double top = kRowsTop + kRowHeight * i;
    absl::StrAppend(&svg, "<g class=\"row\" id=\"row-", XmlEscape(row.country), "\">\n<text class=\"country\" x=\"12\" y=\"",
                    Num(top + 20), "\">", XmlEscape(row.country), "</text>\n");
    for (const TimelinePeriod& period : row.periods) absl::StrAppend(&svg, Period(row.country, period, axis, top));
    for (const TimelineEvent& event : row.events) absl::StrAppend(&svg, Event(event, axis, top));
    for (const TimelineMarker& marker : row.markers) absl::StrAppend(&svg, Marker(marker, axis, top));
    absl::StrAppend(&svg, "</g>\n");
  }
  double y = rows_bottom + 10 + kFootLineHeight - 4;
  if (timeline.rows.empty()) {
    absl::StrAppend(&svg, "<text class=\"subtitle\" x=\"", Num(kTimelinePlotLeft), "\" y=\"", Num(kRowsTop + 20),
                    "\">No membership periods, requests or interventions.</text>\n");
  }
  if (!timeline.undrawn.empty()) {
    absl::StrAppend(&svg, "<text class=\"foot\" x=\"12\" y=\"", Num(y), "\">Not drawn (no date to place them by):</text>\n");
    y += kFootLineHeight;
    for (const std::string& line : timeline.undrawn) {
      absl::StrAppend(&svg, "<text class=\"foot\" x=\"24\" y=\"", Num(y), "\">", XmlEscape(line), "</text>\n");
      y += kFootLineHeight;
    }
  }
  absl::StrAppend(&svg, "<text class=\"foot\" x=\"12\" y=\"", Num(y),
                  "\">Drawn by alliancectl timeline from the query service\xE2\x80\x99s membership periods, "
                  "membership events, requests and interventions.</text>\n</svg>\n");
  return svg;
}

}  // namespace

double TimelineAxis::X(const TimelineDate& date) const {
  const double span = std::max(end_year - first_year, 1);
  return kTimelinePlotLeft + (YearFraction(date) - first_year) / span * (kTimelinePlotRight - kTimelinePlotLeft);
}

TimelineAxis AxisFor(const Timeline& timeline) {
  int first = 1 << 30;
  int last = -(1 << 30);
  for (const TimelineRow& row : timeline.rows) {
    for (const TimelinePeriod& period : row.periods) {
      ConsiderDate(period.from, &first, &last);
      ConsiderDate(period.to, &first, &last);
    }
    for (const TimelineEvent& event : row.events) ConsiderDate(event.date, &first, &last);
    for (const TimelineMarker& marker : row.markers) {
      ConsiderDate(marker.date, &first, &last);
      ConsiderDate(marker.end, &first, &last);
    }
  }
  if (first > last) return TimelineAxis{2000, 2001};
  return TimelineAxis{first, last + 1};
}

std::string RenderTimelineSvg(const Timeline& timeline) {
  return absl::StrCat("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", SvgElement(timeline));
}

std::string RenderTimelineHtml(const Timeline& timeline) {
  const std::string heading =
      XmlEscape(absl::StrCat(timeline.organization.empty() ? "Alliance" : timeline.organization,
                             " membership timeline"));
  return absl::StrCat("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>", heading,
                      "</title>\n<style>body{margin:12px;background:#ffffff;font-family:'DejaVu Sans',"
                      "'Liberation Sans',Arial,sans-serif}svg{display:block;max-width:100%;height:auto}</style>\n"
                      "</head>\n<body>\n",
                      SvgElement(timeline), "</body>\n</html>\n");
}

std::string XmlEscape(absl::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&apos;"; break;
      default: {
        const unsigned char byte = static_cast<unsigned char>(c);
        if (byte < 0x20 && c != '\n' && c != '\t' && c != '\r') {
          escaped += ' ';
        } else {
          escaped += c;
        }
      }
    }
  }
  return escaped;
}

}  // namespace alliance::cli
