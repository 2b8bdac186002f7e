#include "bench/load/process_memory.h"

#include <fstream>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/match.h"
#include "absl/strings/strip.h"

namespace alliance::load {
namespace {

// Parses the value of a "Name:   1234 kB" line into bytes.
bool ParseKilobytes(absl::string_view value, int64_t* bytes) {
  value = absl::StripAsciiWhitespace(value);
  if (!absl::ConsumeSuffix(&value, "kB")) return false;
  int64_t kilobytes = 0;
  if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(value), &kilobytes)) return false;
  *bytes = kilobytes * 1024;
  return true;
}

}  // namespace

absl::StatusOr<ProcessMemory> ReadProcessMemory(pid_t pid) {
  const std::string path = absl::StrCat("/proc/", pid, "/status");
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat(path, " cannot be read"));
  ProcessMemory memory;
  bool rss = false;
  bool peak = false;
  std::string line;
  while (std::getline(in, line)) {
    absl::string_view view(line);
    if (absl::ConsumePrefix(&view, "VmRSS:")) rss = ParseKilobytes(view, &memory.rss_bytes);
    if (absl::ConsumePrefix(&view, "VmHWM:")) peak = ParseKilobytes(view, &memory.peak_rss_bytes);
  }
  if (!rss || !peak) return absl::InternalError(absl::StrCat(path, " has no VmRSS/VmHWM lines"));
  return memory;
}

}  // namespace alliance::load
