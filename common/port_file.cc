#include "common/port_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace alliance {

absl::Status WritePortFile(const std::string& path, int port) {
  const std::string temporary = absl::StrCat(path, ".tmp");
  auto failed = [&path](absl::string_view step) {
    return absl::UnavailableError(absl::StrCat("port file ", path, ": cannot ", step, ": ", std::strerror(errno)));
  };
  std::FILE* file = std::fopen(temporary.c_str(), "w");
  if (file == nullptr) return failed(absl::StrCat("create ", temporary));
  const bool written = std::fprintf(file, "%d\n", port) > 0;
  if (std::fclose(file) != 0 || !written) return failed(absl::StrCat("write ", temporary));
  if (std::rename(temporary.c_str(), path.c_str()) != 0) return failed("rename the temporary file onto it");
  return absl::OkStatus();
}

}  // namespace alliance
