// The pieces of alliancectl's fact tables: column kinds, the NOTES cell
// (factuality, dispute), the evidence lines printed beneath a fact, and the
// "nothing matched" line that stands in for an empty table.
//
// Ownership: the functions fill a TablePrinter the caller owns, or write to a
// CommandContext's out stream, which they do not own.
//
// Thread contract: the functions are thread-compatible; the column helpers and
// FactNotes are pure and thread-safe.
#ifndef ALLIANCE_CLI_FACT_TABLES_H_
#define ALLIANCE_CLI_FACT_TABLES_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "alliance/v1/records.pb.h"
#include "cli/command_context.h"
#include "cli/table_printer.h"
#include "google/protobuf/repeated_ptr_field.h"

namespace alliance::cli {

// Evidence lines beneath a fact are limited so one fact cannot flood the screen.
inline constexpr int kMaxEvidenceLines = 5;

// Return a column of the given alignment; Optional columns are left out when
// every cell is empty (NOTES).
TablePrinter::Column LeftColumn(std::string header, size_t max_width = 0);
TablePrinter::Column RightColumn(std::string header);
TablePrinter::Column OptionalColumn(std::string header);

// Adds at most kMaxEvidenceLines evidence lines beneath the table's last row,
// indented by `indent`, and then a "(N more quotes ...)" line when `total` (the
// fact's evidence_total; an answer carries only a few) exceeds what was shown.
// The line names `fact_id` for `alliancectl evidence` when it is not empty.
void AddEvidence(TablePrinter& table, const google::protobuf::RepeatedPtrField<v1::Evidence>& evidence,
                 int32_t total, const std::string& fact_id, int indent = 2);

// Returns the NOTES cell of a fact: "DISPUTED" and/or the factuality when it is
// not ASSERTED (with the speaker of a REPORTED fact), joined by commas.
std::string FactNotes(v1::Factuality factuality, bool disputed,
                      const std::string& reported_by = "");

// Prints `table`, or the line `none` when it has no rows.
void PrintTableOrNone(CommandContext& context, const TablePrinter& table, absl::string_view none);

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_FACT_TABLES_H_
