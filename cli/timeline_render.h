// Draws a Timeline (cli/timeline_model.h) as an SVG picture, or as a single
// self-contained HTML page holding that picture: one row per country,
// membership periods as bars coloured by status, withdrawals and suspensions
// as marks across the row, requests for help and interventions as markers
// coloured by outcome, a legend and a time axis with year ticks. Every drawn
// element carries an SVG <title> (the browser's hover text) with its facts'
// quotes and sources.
//
// The output depends only on the input: the same Timeline gives the same
// bytes (no clock, no locale, fixed number formatting), so a picture can be
// committed and compared.
//
// Ownership: functions take their input by reference and return new strings.
//
// Thread contract: pure; thread-safe.
#ifndef ALLIANCE_CLI_TIMELINE_RENDER_H_
#define ALLIANCE_CLI_TIMELINE_RENDER_H_

#include <string>

#include "absl/strings/string_view.h"
#include "cli/timeline_model.h"

namespace alliance::cli {

// Width of the picture in pixels, and where the plot area (the axis) lies.
inline constexpr double kTimelineWidth = 1180;
inline constexpr double kTimelinePlotLeft = 70;
inline constexpr double kTimelinePlotRight = 1160;

// The time axis of a picture: whole years from first_year (inclusive) to
// end_year (exclusive), mapped linearly onto [kTimelinePlotLeft,
// kTimelinePlotRight].
struct TimelineAxis {
  int first_year = 0;
  int end_year = 0;

  // Returns the x coordinate of the first day `date` covers (unknown month and
  // day count as January and the 1st).
  double X(const TimelineDate& date) const;
};

// Returns the axis of `timeline`: from January 1 of the earliest year of any
// drawn date to January 1 after the latest; 2000..2001 when nothing has a date.
TimelineAxis AxisFor(const Timeline& timeline);

// Returns the picture as a standalone SVG document (with an XML declaration).
std::string RenderTimelineSvg(const Timeline& timeline);

// Returns an HTML page (UTF-8, no scripts, nothing loaded from elsewhere) with
// a heading and the picture inline.
std::string RenderTimelineHtml(const Timeline& timeline);

// Returns `text` escaped for XML character data and attribute values (& < > "
// '), with the control characters XML 1.0 forbids replaced by spaces.
std::string XmlEscape(absl::string_view text);

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_TIMELINE_RENDER_H_
