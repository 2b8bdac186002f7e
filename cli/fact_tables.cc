#include "cli/fact_tables.h"

#include <algorithm>
#include <ostream>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/formatters.h"

namespace alliance::cli {

TablePrinter::Column LeftColumn(std::string header, size_t max_width) {
  return TablePrinter::Column{std::move(header), TablePrinter::Align::kLeft, max_width, false};
}

TablePrinter::Column RightColumn(std::string header) {
  return TablePrinter::Column{std::move(header), TablePrinter::Align::kRight, 0, false};
}

TablePrinter::Column OptionalColumn(std::string header) {
  return TablePrinter::Column{std::move(header), TablePrinter::Align::kLeft, 0, true};
}

void AddEvidence(TablePrinter& table, const google::protobuf::RepeatedPtrField<v1::Evidence>& evidence,
                 int32_t total, const std::string& fact_id, int indent) {
  int shown = 0;
  for (const v1::Evidence& item : evidence) {
    if (shown == kMaxEvidenceLines) break;
    table.AddDetail(FormatEvidenceLine(item, indent));
    ++shown;
  }
  const int more = std::max(total, evidence.size()) - shown;
  if (more > 0) {
    table.AddDetail(absl::StrCat(std::string(indent, ' '), "(", more, " more quotes",
                                 fact_id.empty() ? "" : absl::StrCat("; alliancectl evidence ", fact_id), ")"));
  }
}

std::string FactNotes(v1::Factuality factuality, bool disputed,
                      const std::string& reported_by) {
  std::vector<std::string> notes;
  if (factuality == v1::FACTUALITY_REPORTED) {
    notes.push_back(ReportedNote(factuality, reported_by));
  } else if (factuality != v1::FACTUALITY_ASSERTED && factuality != v1::FACTUALITY_UNSPECIFIED) {
    notes.push_back(FactualityName(factuality));
  }
  if (disputed) notes.push_back("DISPUTED");
  return absl::StrJoin(notes, ",");
}

void PrintTableOrNone(CommandContext& context, const TablePrinter& table, absl::string_view none) {
  if (table.row_count() == 0) {
    *context.out << none << "\n";
    return;
  }
  table.Print(*context.out);
}

}  // namespace alliance::cli
