// What `alliancectl ingest` sends: turns its FILE, DIR and "-" arguments into
// the names of the inputs to read, reads each input's text, and picks the
// default title of a file.
//
// Ownership: the functions return values the caller owns; ReadInput reads the
// stream it is given but does not own it.
//
// Thread contract: TitleFromPath is pure and thread-safe; the others touch the
// file system (and ReadInput the stream) and are thread-compatible.
#ifndef ALLIANCE_CLI_DOCUMENT_INPUTS_H_
#define ALLIANCE_CLI_DOCUMENT_INPUTS_H_

#include <iosfwd>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace alliance::cli {

// The inputs named by ingest's arguments, in order, and why some named nothing.
struct ExpandedInputs {
  // File names, and "-" for standard input.
  std::vector<std::string> names;
  // One error per directory argument that could not be listed or was empty; the
  // message names the directory.
  std::vector<absl::Status> errors;
};

// Expands directory arguments into the regular, non-hidden files they contain,
// sorted by name (a directory: its files, not its subdirectories); other
// arguments, "-" among them, pass through unchanged. A Ruritanian archive
// directory holding "b.txt", "a.txt" and ".index" becomes ".../a.txt",
// ".../b.txt".
ExpandedInputs ExpandDirectories(const std::vector<std::string>& args);

// Returns the text of the input `name`: all of `stdin` for "-", the file's bytes
// otherwise. NOT_FOUND when the file cannot be opened, DATA_LOSS when reading
// fails; the message starts with `name`.
absl::StatusOr<std::string> ReadInput(std::istream& stdin_stream, const std::string& name);

// Returns the default title for a file: its base name without the extension
// ("articles/ruritania-joins.txt" -> "ruritania-joins").
std::string TitleFromPath(absl::string_view path);

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_DOCUMENT_INPUTS_H_
