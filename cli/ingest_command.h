// `alliancectl ingest`: sends articles (files, the files of directories, or
// standard input) to the ingest service over one IngestDocuments stream and
// prints one line per acknowledgement, then a summary line.
//
// Ownership: RunIngest uses the stubs and streams of the CommandContext it is
// given; the documents it reads live only for the call.
//
// Thread contract: thread-compatible, as the CommandContext is. Internally one
// extra thread writes the stream while the calling thread reads it; both are
// joined before RunIngest returns.
#ifndef ALLIANCE_CLI_INGEST_COMMAND_H_
#define ALLIANCE_CLI_INGEST_COMMAND_H_

#include <string>
#include <vector>

#include "cli/command_context.h"

namespace alliance::cli {

// ingest: --title, --title-from-text.
struct IngestOptions {
  // Title of every document sent; empty: each file's base name (none for stdin).
  std::string title;
  // Leave titles empty so that the service reads them from the text's heading.
  bool title_from_text = false;
};

// Sends the inputs named by `args` (FILE, DIR or "-", at most one "-") and
// returns kExitOk when every one was read and accepted, kExitError when any
// was unreadable or refused (the rest are still sent), and kExitUnreachable
// when the ingest service could not be reached.
int RunIngest(CommandContext& context, const IngestOptions& options,
              const std::vector<std::string>& args);

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_INGEST_COMMAND_H_
