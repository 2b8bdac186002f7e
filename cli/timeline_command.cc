#include "cli/timeline_command.h"

#include <fstream>
#include <ostream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "cli/command_output.h"
#include "cli/timeline_data.h"
#include "cli/timeline_render.h"

namespace alliance::cli {

int RunTimeline(CommandContext& context, const TimelineOptions& options,
                const std::vector<std::string>& args) {
  if (!args.empty()) return UsageError(context, "timeline takes no arguments; name the file with --output");
  if (context.options.json) return UsageError(context, "timeline writes a picture; --json does not apply");
  TimelineFacts facts;
  if (const int code = FetchTimelineFacts(context, &facts); code != kExitOk) return code;
  const Timeline timeline = BuildTimeline(facts);
  const std::string picture = options.html ? RenderTimelineHtml(timeline) : RenderTimelineSvg(timeline);
  if (options.output.empty() || options.output == "-") {
    *context.out << picture;
    return kExitOk;
  }
  std::ofstream file(options.output, std::ios::binary | std::ios::trunc);
  file << picture;
  file.close();
  if (!file) {
    return ReportError(context, absl::UnavailableError(absl::StrCat("--output: cannot write ", options.output)));
  }
  *context.out << "wrote " << options.output << " (" << timeline.rows.size() << " countries)\n";
  return kExitOk;
}

}  // namespace alliance::cli
