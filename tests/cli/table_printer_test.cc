#include "cli/table_printer.h"

#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace alliance::cli {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> Lines(const TablePrinter& table) {
  std::ostringstream out;
  table.Print(out);
  std::vector<std::string> lines = absl::StrSplit(out.str(), '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

TEST(DisplayWidth, CountsCodePointsNotBytes) {
  EXPECT_EQ(DisplayWidth(""), 0u);
  EXPECT_EQ(DisplayWidth("UZB"), 3u);
  EXPECT_EQ(DisplayWidth("Ереван"), 6u);  // 12 bytes
  EXPECT_EQ(DisplayWidth("“a”—…"), 5u);
}

TEST(TruncateToWidth, LeavesShortTextAlone) {
  EXPECT_EQ(TruncateToWidth("CSTO", 4), "CSTO");
  EXPECT_EQ(TruncateToWidth("Ереван", 6), "Ереван");
}

TEST(TruncateToWidth, CutsLongTextWithAnEllipsisWithinTheWidth) {
  EXPECT_EQ(TruncateToWidth("Collective Security", 8), "Collect…");
  EXPECT_EQ(DisplayWidth(TruncateToWidth("Collective Security", 8)), 8u);
}

TEST(TruncateToWidth, NeverSplitsAMultiByteCodePoint) {
  const std::string cut = TruncateToWidth("Ереван и Москва", 4);
  EXPECT_EQ(cut, "Ере…");
  EXPECT_EQ(DisplayWidth(cut), 4u);
}

TEST(TruncateToWidth, DropsASpaceBeforeTheEllipsis) {
  EXPECT_EQ(TruncateToWidth("ab cdef", 4), "ab…");
}

TEST(TruncateToWidth, ZeroWidthGivesEmptyText) { EXPECT_EQ(TruncateToWidth("abc", 0), ""); }

TEST(TablePrinter, AlignsColumnsToTheWidestCell) {
  TablePrinter table = TablePrinter::WithHeaders({"COUNTRY", "ACTION", "DATE"});
  table.AddRow({"UZB", "WITHDREW", "2012"});
  table.AddRow({"ARM", "DECLINED_RENEWAL", "1999-04"});
  EXPECT_THAT(Lines(table), ElementsAre("COUNTRY  ACTION            DATE",
                                        "UZB      WITHDREW          2012",
                                        "ARM      DECLINED_RENEWAL  1999-04"));
}

TEST(TablePrinter, MeasuresUtf8CellsByCodePoints) {
  TablePrinter table = TablePrinter::WithHeaders({"CITY", "CODE"});
  table.AddRow({"Ереван", "ARM"});
  table.AddRow({"Baku", "AZE"});
  EXPECT_THAT(Lines(table), ElementsAre("CITY    CODE", "Ереван  ARM", "Baku    AZE"));
}

TEST(TablePrinter, RightAlignsNumericColumns) {
  TablePrinter table({{"NAME", TablePrinter::Align::kLeft, 0, false},
                      {"SOURCES", TablePrinter::Align::kRight, 0, false}});
  table.AddRow({"a", "2"});
  table.AddRow({"b", "12"});
  EXPECT_THAT(Lines(table), ElementsAre("NAME  SOURCES", "a           2", "b          12"));
}

TEST(TablePrinter, TruncatesCellsBeyondTheColumnMaximum) {
  TablePrinter table({{"TITLE", TablePrinter::Align::kLeft, 10, false},
                      {"N", TablePrinter::Align::kLeft, 0, false}});
  table.AddRow({"The intervention by the CSTO in Kazakhstan", "1"});
  EXPECT_THAT(Lines(table), ElementsAre("TITLE       N", "The inter…  1"));
}

TEST(TablePrinter, PrintsDetailLinesBeneathTheirRow) {
  TablePrinter table = TablePrinter::WithHeaders({"A", "B"});
  table.AddDetail("ignored before any row");
  table.AddRow({"x", "y"});
  table.AddDetail("  “quote one”");
  table.AddDetail("  “quote two”");
  table.AddRow({"z", "w"});
  EXPECT_THAT(Lines(table), ElementsAre("A  B", "x  y", "  “quote one”", "  “quote two”", "z  w"));
}

TEST(TablePrinter, FillsMissingCellsAndTrimsTrailingSpaces) {
  TablePrinter table = TablePrinter::WithHeaders({"A", "LONGER"});
  table.AddRow({"x"});
  EXPECT_THAT(Lines(table), ElementsAre("A  LONGER", "x"));
}

TEST(TablePrinter, HidesOptionalColumnsThatAreEmptyEverywhere) {
  TablePrinter table({{"A", TablePrinter::Align::kLeft, 0, false},
                      {"NOTES", TablePrinter::Align::kLeft, 0, true},
                      {"B", TablePrinter::Align::kLeft, 0, false}});
  table.AddRow({"x", "", "y"});
  EXPECT_THAT(Lines(table), ElementsAre("A  B", "x  y"));
  table.AddRow({"z", "DISPUTED", "w"});
  EXPECT_THAT(Lines(table), ElementsAre("A  NOTES     B", "x            y", "z  DISPUTED  w"));
}

}  // namespace
}  // namespace alliance::cli
