// Reads a process's memory figures from /proc, for tests and load generators
// that check memory stays bounded.
#ifndef ALLIANCE_BENCH_LOAD_PROCESS_MEMORY_H_
#define ALLIANCE_BENCH_LOAD_PROCESS_MEMORY_H_

#include <sys/types.h>

#include <cstdint>

#include "absl/status/statusor.h"

namespace alliance::load {

// Resident set size figures of one process, in bytes.
struct ProcessMemory {
  int64_t rss_bytes = 0;       // VmRSS: resident now
  int64_t peak_rss_bytes = 0;  // VmHWM: the most ever resident
};

// Reads /proc/<pid>/status. NOT_FOUND when the process does not exist.
absl::StatusOr<ProcessMemory> ReadProcessMemory(pid_t pid);

}  // namespace alliance::load

#endif  // ALLIANCE_BENCH_LOAD_PROCESS_MEMORY_H_
