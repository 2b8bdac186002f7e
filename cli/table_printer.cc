#include "cli/table_printer.h"

#include <algorithm>
#include <utility>

namespace alliance::cli {
namespace {

constexpr absl::string_view kEllipsis = "…";
constexpr absl::string_view kColumnGap = "  ";

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

size_t DisplayWidth(absl::string_view text) {
  size_t width = 0;
  for (char c : text) {
    if (!IsContinuationByte(c)) ++width;
  }
  return width;
}

std::string TruncateToWidth(absl::string_view text, size_t max_width) {
  if (DisplayWidth(text) <= max_width) return std::string(text);
  if (max_width == 0) return "";
  // Keep max_width - 1 code points and make room for the ellipsis.
  size_t kept = 0;
  size_t end = 0;
  while (end < text.size()) {
    if (!IsContinuationByte(text[end])) {
      if (kept == max_width - 1) break;
      ++kept;
    }
    ++end;
  }
  std::string result(text.substr(0, end));
  // Do not leave a space dangling before the ellipsis.
  while (!result.empty() && result.back() == ' ') result.pop_back();
  result.append(kEllipsis.data(), kEllipsis.size());
  return result;
}

TablePrinter::TablePrinter(std::vector<Column> columns) : columns_(std::move(columns)) {}

TablePrinter TablePrinter::WithHeaders(const std::vector<std::string>& headers) {
  std::vector<Column> columns;
  columns.reserve(headers.size());
  for (const std::string& header : headers) columns.push_back(Column{header, Align::kLeft, 0, false});
  return TablePrinter(std::move(columns));
}

void TablePrinter::AddRow(std::vector<std::string> cells) {
  rows_.push_back(Row{std::move(cells), {}});
}

void TablePrinter::AddDetail(std::string line) {
  if (rows_.empty()) return;
  rows_.back().details.push_back(std::move(line));
}

std::string TablePrinter::Cell(const Row& row, size_t column) const {
  if (column >= row.cells.size()) return "";
  const size_t max_width = columns_[column].max_width;
  if (max_width == 0) return row.cells[column];
  return TruncateToWidth(row.cells[column], max_width);
}

bool TablePrinter::Visible(size_t column) const {
  if (!columns_[column].hide_when_empty) return true;
  for (const Row& row : rows_) {
    if (column < row.cells.size() && !row.cells[column].empty()) return true;
  }
  return false;
}

void TablePrinter::Print(std::ostream& out) const {
  std::vector<size_t> widths(columns_.size(), 0);
  std::vector<bool> visible(columns_.size(), true);
  for (size_t c = 0; c < columns_.size(); ++c) {
    visible[c] = Visible(c);
    widths[c] = DisplayWidth(columns_[c].header);
    for (const Row& row : rows_) widths[c] = std::max(widths[c], DisplayWidth(Cell(row, c)));
  }
  auto print_line = [&](const std::vector<std::string>& cells) {
    std::string line;
    bool first = true;
    for (size_t c = 0; c < columns_.size(); ++c) {
      if (!visible[c]) continue;
      const std::string& cell = cells[c];
      const size_t pad = widths[c] - std::min(widths[c], DisplayWidth(cell));
      if (!first) line.append(kColumnGap.data(), kColumnGap.size());
      first = false;
      if (columns_[c].align == Align::kRight) {
        line.append(pad, ' ');
        line += cell;
      } else {
        line += cell;
        line.append(pad, ' ');
      }
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  std::vector<std::string> header;
  for (const Column& column : columns_) header.push_back(column.header);
  print_line(header);
  for (const Row& row : rows_) {
    std::vector<std::string> cells;
    for (size_t c = 0; c < columns_.size(); ++c) cells.push_back(Cell(row, c));
    print_line(cells);
    for (const std::string& detail : row.details) out << detail << '\n';
  }
}

}  // namespace alliance::cli
