// Lets every command-line flag also be set from an environment variable, for containers.
#ifndef ALLIANCE_COMMON_FLAGS_FROM_ENV_H_
#define ALLIANCE_COMMON_FLAGS_FROM_ENV_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace alliance {

// Returns the environment variable for flag `flag_name`: "ALLIANCE_" followed by the
// name in upper case ("ingest_token_file" -> "ALLIANCE_INGEST_TOKEN_FILE").
std::string EnvVarForFlag(absl::string_view flag_name);

// Sets each flag in `flag_names` from its environment variable when that is set.
// Call before absl::ParseCommandLine so that the command line wins. Returns
// INVALID_ARGUMENT naming the variable when a value does not parse.
absl::Status ApplyFlagsFromEnvironment(const std::vector<std::string>& flag_names);

}  // namespace alliance

#endif  // ALLIANCE_COMMON_FLAGS_FROM_ENV_H_
