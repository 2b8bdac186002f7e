// `alliancectl explain FACT_ID`: why the ledger believes one fact (Explain).
// Prints the fact, then each supporting claim (its article, whether it
// counted as an independent source or as a copy of which article, its
// factuality with the speaker and cue words, how its date was read: words,
// rule, anchor and interval, and its quotes), the contradicting claims, and
// each disputed field with its sides. --json prints the response as JSON.
//
// Ownership and thread contract: as the other commands (fact_commands.h).
#ifndef ALLIANCE_CLI_EXPLAIN_COMMAND_H_
#define ALLIANCE_CLI_EXPLAIN_COMMAND_H_

#include <string>
#include <vector>

#include "alliance/v1/records.pb.h"
#include "cli/command_context.h"

namespace alliance::cli {

// Runs `explain` and returns its exit code.
int RunExplain(CommandContext& context, const std::vector<std::string>& args);

// Describes how a date was read, for people: `“in spring 2021” → 2021~
// (absolute; 2021-03-01..2021-05-31)`, with the anchor for the rules that
// count from one ("relative to publication 2031-03-10"). "undated" when unset.
std::string DescribeDateReading(const v1::PartialDate& date);

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_EXPLAIN_COMMAND_H_
