#include "cli/flag_spelling.h"

#include <algorithm>
#include <utility>

#include "absl/strings/match.h"

namespace alliance::cli {

std::vector<std::string> CanonicalFlagSpelling(const std::vector<std::string>& args) {
  std::vector<std::string> result;
  result.reserve(args.size());
  bool flags_ended = false;
  for (const std::string& arg : args) {
    if (flags_ended || arg == "--" || !absl::StartsWith(arg, "-") || arg == "-") {
      if (arg == "--") flags_ended = true;
      result.push_back(arg);
      continue;
    }
    const size_t dashes = absl::StartsWith(arg, "--") ? 2 : 1;
    const size_t equals = arg.find('=');
    const size_t name_end = equals == std::string::npos ? arg.size() : equals;
    std::string canonical = arg;
    std::replace(canonical.begin() + dashes, canonical.begin() + name_end, '-', '_');
    result.push_back(std::move(canonical));
  }
  return result;
}

}  // namespace alliance::cli
