#include "cli/case_command.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "cli/command_output.h"
#include "cli/fact_tables.h"
#include "cli/formatters.h"
#include "cli/paged_list.h"
#include "cli/table_printer.h"

namespace alliance::cli {

int RunCases(CommandContext& context, const CasesOptions& options, const std::vector<std::string>& args) {
  if (!args.empty()) return UsageError(context, "cases takes no arguments; filter with --country or --status");
  v1::ListCasesRequest request;
  request.set_organization(context.options.organization);
  SetKnowledgeTime(context.options, &request);
  request.set_page_size(context.options.page_size);
  request.set_country(NormalizeCountry(options.country));
  if (!options.status.empty()) {
    absl::StatusOr<v1::CaseStatus> status = ParseCaseStatus(options.status, "--status");
    if (!status.ok()) return ReportError(context, status.status());
    request.set_status(*status);
  }
  TablePrinter table({LeftColumn("CASE"), LeftColumn("STATUS"), LeftColumn("STEP"), LeftColumn("DATE"),
                      LeftColumn("WHAT", 40), OptionalColumn("NOTES")});
  const int code = FetchAllPages<v1::ListCasesRequest, v1::ListCasesResponse>(
      context, std::move(request),
      [&context](grpc::ClientContext* call, const v1::ListCasesRequest& r, v1::ListCasesResponse* response) {
        return context.query->ListCases(call, r, response);
      },
      [&table](const v1::ListCasesResponse& page) {
        for (const v1::Case& c : page.cases()) {
          bool first = true;
          for (const v1::CaseStep& step : c.timeline()) {
            table.AddRow({first ? c.id() : "", first ? CaseStatusName(c.status()) : "", CaseStageName(step.stage()),
                          FormatDateCell(step.date()), step.summary(), first && c.disputed() ? "DISPUTED" : ""});
            first = false;
            if (step.evidence_size() > 0) AddEvidence(table, step.evidence(), step.evidence_total(), step.fact_id(), 4);
          }
        }
      });
  if (code == kExitOk && !context.options.json) PrintTableOrNone(context, table, "No cases match.");
  return code;
}

}  // namespace alliance::cli
