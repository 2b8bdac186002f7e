// Reads the organization codes of the extraction lexicon, so the query service
// can tell a misspelt organization in a request from one it merely holds no
// facts about.
//
// Pure functions; thread-safe.
#ifndef ALLIANCE_QUERY_ORGANIZATION_CODES_H_
#define ALLIANCE_QUERY_ORGANIZATION_CODES_H_

#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace alliance::query {

// The file of the lexicon directory that lists organizations (see
// proto/alliance/ingest/lexicon/lexicon.proto and data/lexicon/README.md).
inline constexpr char kOrganizationsFile[] = "organizations.textproto";

// Returns the `code` of every organization in `text`, a lexicon file in text
// format. INVALID_ARGUMENT naming `file_name` and the line when it does not parse.
absl::StatusOr<std::set<std::string>> ParseOrganizationCodes(absl::string_view text,
                                                             absl::string_view file_name);

// Reads `lexicon_dir`/organizations.textproto and returns its codes. NOT_FOUND
// when the file is missing.
absl::StatusOr<std::set<std::string>> LoadOrganizationCodes(const std::string& lexicon_dir);

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_ORGANIZATION_CODES_H_
