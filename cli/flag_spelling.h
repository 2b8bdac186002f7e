// CanonicalFlagSpelling: lets people type flag names with dashes
// ("--as-of", "--page-size") although the flag library knows them with
// underscores ("--as_of", "--page_size").
//
// Ownership: takes and returns arguments by value.
//
// Thread contract: pure; thread-safe.
#ifndef ALLIANCE_CLI_FLAG_SPELLING_H_
#define ALLIANCE_CLI_FLAG_SPELLING_H_

#include <string>
#include <vector>

namespace alliance::cli {

// Rewrites "--as-of=2005" as "--as_of=2005" (flag names with dashes, as people
// type them, into the underscores flag libraries need). Arguments after "--" and
// values are left alone.
std::vector<std::string> CanonicalFlagSpelling(const std::vector<std::string>& args);

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_FLAG_SPELLING_H_
