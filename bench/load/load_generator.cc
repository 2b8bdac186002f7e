// load_generator: runs a bounded steady load (paced ingests, concurrent queries,
// live Watch streams) against running services and prints latencies, errors and
// the services' resident memory. Exits 1 when any call failed.
//
//   load_generator --ingest=127.0.0.1:50051 --query=127.0.0.1:50052
//     --duration_seconds=60 --rate=20 --query_threads=2 --watchers=2
//     --pids=<ingest pid>,<query pid>
//
// scripts/soak.sh starts both services on loopback and runs it.
#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "bench/load/load_runner.h"

ABSL_FLAG(std::string, ingest, "127.0.0.1:50051", "Ingest service address");
ABSL_FLAG(std::string, query, "127.0.0.1:50052", "Query service address");
ABSL_FLAG(int, duration_seconds, 30, "How long the load runs");
ABSL_FLAG(double, rate, 20, "Documents ingested per second");
ABSL_FLAG(int, query_threads, 2, "Threads issuing queries back to back");
ABSL_FLAG(int, watchers, 2, "Watch streams following the query service");
ABSL_FLAG(int, first_article, 0, "Index of the first synthetic article (distinct per run on one database)");
ABSL_FLAG(std::string, pids, "", "Comma-separated process ids whose memory is sampled");

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Runs a bounded steady load against the Alliance Ledger services.");
  absl::ParseCommandLine(argc, argv);
  alliance::load::LoadOptions options;
  options.ingest_address = absl::GetFlag(FLAGS_ingest);
  options.query_address = absl::GetFlag(FLAGS_query);
  options.duration = absl::Seconds(absl::GetFlag(FLAGS_duration_seconds));
  options.ingest_rate = absl::GetFlag(FLAGS_rate);
  options.query_threads = absl::GetFlag(FLAGS_query_threads);
  options.watchers = absl::GetFlag(FLAGS_watchers);
  options.first_article = absl::GetFlag(FLAGS_first_article);
  for (absl::string_view piece : absl::StrSplit(absl::GetFlag(FLAGS_pids), ',', absl::SkipEmpty())) {
    int pid = 0;
    if (!absl::SimpleAtoi(piece, &pid)) {
      std::fprintf(stderr, "load_generator: --pids: \"%s\" is not a process id\n", std::string(piece).c_str());
      return 2;
    }
    options.sampled_pids.push_back(pid);
  }
  absl::StatusOr<alliance::load::LoadReport> report = alliance::load::RunLoad(options);
  if (!report.ok()) {
    std::fprintf(stderr, "load_generator: %s\n", report.status().ToString().c_str());
    return 2;
  }
  std::fputs(report->ToString().c_str(), stdout);
  return report->errors() == 0 ? 0 : 1;
}
