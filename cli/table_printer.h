// Aligned text tables for alliancectl's human-readable output.
#ifndef ALLIANCE_CLI_TABLE_PRINTER_H_
#define ALLIANCE_CLI_TABLE_PRINTER_H_

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace alliance::cli {

// Returns the display width of UTF-8 `text`, counted in code points (bytes that
// do not continue a multi-byte sequence). Good enough for the Latin, Cyrillic and
// punctuation the corpus uses; East Asian wide characters would count as one.
size_t DisplayWidth(absl::string_view text);

// Returns `text` cut to at most `max_width` code points, ending in "…" when it was
// cut. Never splits a code point. `max_width` 0 yields "".
std::string TruncateToWidth(absl::string_view text, size_t max_width);

// Collects rows of cells and prints them as columns aligned by display width,
// separated by two spaces, under a header row. A row may carry detail lines
// (evidence quotes) that are printed beneath it as they are, outside the columns.
// Cells wider than a column's maximum width are truncated with "…".
//
// Thread-compatible.
class TablePrinter {
 public:
  // How a column aligns its cells.
  enum class Align { kLeft, kRight };

  // One column: its header, alignment, the widest a cell may be (0: no limit),
  // and whether to leave it out when every row's cell is empty.
  struct Column {
    std::string header;
    Align align = Align::kLeft;
    size_t max_width = 0;
    bool hide_when_empty = false;
  };

  explicit TablePrinter(std::vector<Column> columns);

  // Creates left-aligned columns without width limits from header names.
  static TablePrinter WithHeaders(const std::vector<std::string>& headers);

  // Appends a row. Missing cells print empty; extra cells are ignored.
  void AddRow(std::vector<std::string> cells);

  // Appends a line printed beneath the most recent row. Ignored before any row.
  void AddDetail(std::string line);

  // Returns the number of rows added.
  size_t row_count() const { return rows_.size(); }

  // Writes the header and all rows to `out`. Trailing spaces are not written.
  void Print(std::ostream& out) const;

 private:
  struct Row {
    std::vector<std::string> cells;
    std::vector<std::string> details;
  };

  std::string Cell(const Row& row, size_t column) const;
  bool Visible(size_t column) const;

  std::vector<Column> columns_;
  std::vector<Row> rows_;
};

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_TABLE_PRINTER_H_
