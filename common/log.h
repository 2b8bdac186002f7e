// Minimal structured logging to stderr: one line per call, safe from any thread.
#ifndef ALLIANCE_COMMON_LOG_H_
#define ALLIANCE_COMMON_LOG_H_

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace alliance {

// Severity of a log line.
enum class LogSeverity { kInfo, kWarning, kError };

// Writes "<UTC time> <I|W|E> <component>: <message>" to stderr as one write.
void LogLine(LogSeverity severity, absl::string_view component, absl::string_view message);

// Logs the concatenation of `args` (anything absl::StrCat accepts).
template <typename... Args>
void LogInfo(absl::string_view component, const Args&... args) {
  LogLine(LogSeverity::kInfo, component, absl::StrCat(args...));
}
template <typename... Args>
void LogWarning(absl::string_view component, const Args&... args) {
  LogLine(LogSeverity::kWarning, component, absl::StrCat(args...));
}
template <typename... Args>
void LogError(absl::string_view component, const Args&... args) {
  LogLine(LogSeverity::kError, component, absl::StrCat(args...));
}

}  // namespace alliance

#endif  // ALLIANCE_COMMON_LOG_H_
