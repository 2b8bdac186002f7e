// What every alliancectl command writes besides its tables: one-line JSON for
// --json, client-side errors (a bad flag value, an unreadable file), and usage
// errors that point at `alliancectl help`.
//
// Ownership: the functions write to the CommandContext's streams, which they
// do not own.
//
// Thread contract: thread-compatible, as the CommandContext is.
#ifndef ALLIANCE_CLI_COMMAND_OUTPUT_H_
#define ALLIANCE_CLI_COMMAND_OUTPUT_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "cli/command_context.h"
#include "google/protobuf/message.h"

namespace alliance::cli {

// Prints a client-side error (bad flag value, unreadable file) as
// "alliancectl: <message>" and returns kExitError.
int ReportError(CommandContext& context, const absl::Status& status);

// Prints `message` and a pointer to `alliancectl help`; returns kExitError.
int UsageError(CommandContext& context, absl::string_view message);

// Writes `message` to the out stream as one line of JSON. Returns false, after
// reporting on the err stream, when it cannot be printed.
bool PrintJson(CommandContext& context, const google::protobuf::Message& message);

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_COMMAND_OUTPUT_H_
