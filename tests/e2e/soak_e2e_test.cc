// A bounded soak: both real binaries under a steady stream of ingests with
// concurrent queries and live Watch streams for a fixed time. No call may fail,
// every watcher must end at the replica's applied sequence, and neither
// service's resident memory may keep growing.
//
// ALLIANCE_SOAK_SECONDS overrides the default 30 s (e.g. 600 for a long run).
#include <cstdio>
#include <cstdlib>

#include "bench/load/load_runner.h"
#include "gtest/gtest.h"
#include "tests/e2e/local_cluster.h"

namespace alliance::testing {
namespace {

using ::alliance::load::LoadOptions;
using ::alliance::load::LoadReport;
using ::alliance::load::MemorySeries;

int SoakSeconds() {
  const char* value = std::getenv("ALLIANCE_SOAK_SECONDS");
  const int seconds = value == nullptr ? 0 : std::atoi(value);
  return seconds > 0 ? seconds : 30;
}

TEST(SoakEndToEnd, SteadyIngestWithQueriesAndWatchersHasNoErrorsAndBoundedMemory) {
  LocalCluster cluster;
  ASSERT_TRUE(cluster.StartIngest().ok());
  ASSERT_TRUE(cluster.StartQuery().ok());
  ASSERT_TRUE(cluster.WaitForApplied(0).ok());

  LoadOptions options;
  options.ingest_address = cluster.ingest_address();
  options.query_address = cluster.query_address();
  options.duration = absl::Seconds(SoakSeconds());
  options.ingest_rate = 20;
  options.query_threads = 2;
  options.watchers = 3;
  options.sampled_pids = {cluster.ingest_pid(), cluster.query_pid()};
  absl::StatusOr<LoadReport> report = load::RunLoad(options);
  ASSERT_TRUE(report.ok()) << report.status();
  std::fputs(report->ToString().c_str(), stdout);

  EXPECT_EQ(report->errors(), 0);
  // The pace held (within a fifth) and queries ran throughout.
  EXPECT_GE(report->documents, static_cast<int64_t>(0.8 * 20 * SoakSeconds()));
  EXPECT_GT(report->queries, report->documents);
  // The replica applied every document, and every watcher followed it live to the end.
  EXPECT_EQ(report->applied_sequence, report->last_ingest_sequence);
  for (uint64_t sequence : report->watcher_sequences) EXPECT_EQ(sequence, report->applied_sequence);
  EXPECT_GT(report->watch_responses, 0);

  // Memory: a plateau, not steady growth. RocksDB's memtables and caches fill
  // in the first third; after that the most resident may rise only modestly.
  ASSERT_EQ(report->memory.size(), 2u);
  for (const MemorySeries& memory : report->memory) {
    SCOPED_TRACE(memory.pid);
    EXPECT_GE(memory.samples, 3);
    EXPECT_LT(memory.peak_rss_bytes, int64_t{512} << 20);
    EXPECT_LT(memory.late_max_rss_bytes, memory.early_max_rss_bytes + memory.early_max_rss_bytes / 2 +
                                             (int64_t{48} << 20));
  }
}

}  // namespace
}  // namespace alliance::testing
