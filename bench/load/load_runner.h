// LoadRunner: a bounded, steady load on a running ingest service and query
// service — paced ingests, concurrent queries and live Watch streams — with
// latencies, errors and the services' memory recorded. The soak test and the
// load_generator benchmark both run it.
//
// Usage:
//   LoadOptions options;
//   options.ingest_address = "127.0.0.1:50051";
//   options.query_address = "127.0.0.1:50052";
//   options.duration = absl::Seconds(30);
//   absl::StatusOr<LoadReport> report = RunLoad(options);
//
// RunLoad blocks for about `duration` plus the time the query service takes to
// catch up afterwards. It is not thread-safe to share a LoadOptions being
// mutated; RunLoad itself starts and joins its own threads.
#ifndef ALLIANCE_BENCH_LOAD_LOAD_RUNNER_H_
#define ALLIANCE_BENCH_LOAD_LOAD_RUNNER_H_

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace alliance::load {

// What to run.
struct LoadOptions {
  std::string ingest_address;
  std::string query_address;
  // How long ingests, queries and watches run.
  absl::Duration duration = absl::Seconds(30);
  // Documents per second, sent one at a time with IngestDocument at a steady pace.
  double ingest_rate = 20;
  // Index of the first synthetic article (see synthetic_corpus.h); use distinct
  // ranges for runs against the same database to avoid duplicates.
  int first_article = 0;
  // Threads issuing QueryService calls back to back.
  int query_threads = 2;
  // Watch streams following the query service from sequence 0.
  int watchers = 2;
  // Processes whose resident memory is sampled (e.g. both services).
  std::vector<pid_t> sampled_pids;
  // How often memory is sampled.
  absl::Duration sample_interval = absl::Milliseconds(500);
  // How long to wait after the load for the query service and watchers to catch up.
  absl::Duration catch_up_timeout = absl::Seconds(60);
  // Deadline of each unary call.
  absl::Duration call_deadline = absl::Seconds(10);
};

// Latency distribution of one kind of call, in milliseconds.
struct LatencySummary {
  int64_t count = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
};

// Resident memory of one sampled process over the run.
struct MemorySeries {
  pid_t pid = 0;
  int64_t first_rss_bytes = 0;   // at the first sample
  int64_t last_rss_bytes = 0;    // at the last sample
  int64_t peak_rss_bytes = 0;    // VmHWM at the end (the most ever resident)
  // The most resident in the first and last third of the samples, to tell a
  // plateau from steady growth.
  int64_t early_max_rss_bytes = 0;
  int64_t late_max_rss_bytes = 0;
  int samples = 0;
};

// What happened.
struct LoadReport {
  double seconds = 0;                 // the load phase
  int64_t documents = 0;              // acknowledged ingests
  int64_t ingest_errors = 0;
  int64_t queries = 0;                // successful QueryService calls
  int64_t query_errors = 0;
  int64_t watch_responses = 0;        // responses with changes, over all watchers
  int64_t watch_errors = 0;           // out-of-order sequences or streams that failed
  // 1 when the query service or a watcher had not caught up with the last
  // ingest within catch_up_timeout (it cannot keep up with this load).
  int64_t catch_up_errors = 0;
  uint64_t last_ingest_sequence = 0;
  uint64_t applied_sequence = 0;      // of the query service after catching up
  std::vector<uint64_t> watcher_sequences;  // where each watcher ended
  LatencySummary ingest_latency;
  LatencySummary query_latency;
  std::vector<MemorySeries> memory;
  std::vector<std::string> error_samples;  // the first few error messages

  int64_t errors() const { return ingest_errors + query_errors + watch_errors + catch_up_errors; }
  // A human-readable multi-line summary.
  std::string ToString() const;
};

// Runs the load described by `options`. Errors of individual calls are counted
// in the report; the returned status is an error only when the run could not
// be set up (for example a sampled process does not exist).
absl::StatusOr<LoadReport> RunLoad(const LoadOptions& options);

}  // namespace alliance::load

#endif  // ALLIANCE_BENCH_LOAD_LOAD_RUNNER_H_
