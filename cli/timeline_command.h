// `alliancectl timeline`: draws the organization's history as a picture — one
// row per country, membership periods as bars coloured by status, withdrawals
// and suspensions marked, requests for help and interventions as markers with
// their outcome, hover text with each quote and its source — and writes it as
// SVG, or with --html as one self-contained HTML page. The facts come from
// cli/timeline_data, the drawing from cli/timeline_render.
//
// Ownership: RunTimeline uses the stubs and streams of the CommandContext it is
// given and keeps nothing; options are read, not kept.
//
// Thread contract: thread-compatible, as the CommandContext is.
#ifndef ALLIANCE_CLI_TIMELINE_COMMAND_H_
#define ALLIANCE_CLI_TIMELINE_COMMAND_H_

#include <string>
#include <vector>

#include "cli/command_context.h"

namespace alliance::cli {

// timeline: --output, --html.
struct TimelineOptions {
  // File to write; empty or "-": the out stream.
  std::string output;
  // Write an HTML page holding the SVG instead of the bare SVG.
  bool html = false;
};

// Fetches the facts, draws them and writes the picture; returns the exit code.
// `args` must be empty; --json does not apply (the output is a picture).
int RunTimeline(CommandContext& context, const TimelineOptions& options,
                const std::vector<std::string>& args);

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_TIMELINE_COMMAND_H_
