#include "common/flags_from_env.h"

#include <cstdlib>

#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace alliance {

std::string EnvVarForFlag(absl::string_view flag_name) {
  return absl::StrCat("ALLIANCE_", absl::AsciiStrToUpper(flag_name));
}

absl::Status ApplyFlagsFromEnvironment(const std::vector<std::string>& flag_names) {
  for (const std::string& name : flag_names) {
    const std::string var = EnvVarForFlag(name);
    const char* value = std::getenv(var.c_str());
    if (value == nullptr) continue;
    absl::CommandLineFlag* flag = absl::FindCommandLineFlag(name);
    if (flag == nullptr) return absl::InternalError(absl::StrCat("no flag --", name));
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      return absl::InvalidArgumentError(absl::StrCat(var, ": ", error));
    }
  }
  return absl::OkStatus();
}

}  // namespace alliance
