// ReadProcessMemory: figures of this very process.
#include "bench/load/process_memory.h"

#include <unistd.h>

#include <cstring>
#include <memory>

#include "gtest/gtest.h"

namespace alliance::load {
namespace {

TEST(ProcessMemory, PeakGrowsWhenMemoryIsTouched) {
  absl::StatusOr<ProcessMemory> before = ReadProcessMemory(getpid());
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_GT(before->rss_bytes, 0);
  EXPECT_GE(before->peak_rss_bytes, before->rss_bytes);

  constexpr size_t kBytes = size_t{64} << 20;
  std::unique_ptr<char[]> block(new char[kBytes]);
  std::memset(block.get(), 1, kBytes);
  absl::StatusOr<ProcessMemory> after = ReadProcessMemory(getpid());
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_GE(after->peak_rss_bytes, before->rss_bytes + static_cast<int64_t>(kBytes) / 2);
  EXPECT_EQ(block[kBytes - 1], 1);
}

TEST(ProcessMemory, AMissingProcessIsNotFound) {
  EXPECT_EQ(ReadProcessMemory(-2).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace alliance::load
