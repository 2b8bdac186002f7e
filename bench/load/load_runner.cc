#include "bench/load/load_runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <thread>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "alliance/v1/ingest_service.grpc.pb.h"
#include "alliance/v1/query_service.grpc.pb.h"
#include "bench/load/process_memory.h"
#include "bench/load/synthetic_corpus.h"
#include "grpcpp/grpcpp.h"

namespace alliance::load {
namespace {

constexpr size_t kMaxErrorSamples = 8;
constexpr const char* kCountries[] = {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB", "AZE", "GEO"};

// Collects latencies and errors from many threads.
class Recorder {
 public:
  void Latency(std::vector<double>* into, absl::Duration took) {
    absl::MutexLock lock(&mu_);
    into->push_back(absl::ToDoubleMilliseconds(took));
  }
  void Error(std::atomic<int64_t>* counter, const std::string& what) {
    counter->fetch_add(1);
    absl::MutexLock lock(&mu_);
    if (errors_.size() < kMaxErrorSamples) errors_.push_back(what);
  }
  std::vector<double> TakeIngest() { return Take(&ingest_ms_); }
  std::vector<double> TakeQuery() { return Take(&query_ms_); }
  std::vector<std::string> TakeErrors() {
    absl::MutexLock lock(&mu_);
    return errors_;
  }
  std::vector<double>* ingest_ms() { return &ingest_ms_; }
  std::vector<double>* query_ms() { return &query_ms_; }

 private:
  std::vector<double> Take(std::vector<double>* from) {
    absl::MutexLock lock(&mu_);
    return *from;
  }
  absl::Mutex mu_;
  std::vector<double> ingest_ms_ ABSL_GUARDED_BY(mu_);
  std::vector<double> query_ms_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> errors_ ABSL_GUARDED_BY(mu_);
};

LatencySummary Summarize(std::vector<double> ms) {
  LatencySummary summary;
  summary.count = static_cast<int64_t>(ms.size());
  if (ms.empty()) return summary;
  std::sort(ms.begin(), ms.end());
  auto at = [&ms](double q) { return ms[std::min(ms.size() - 1, static_cast<size_t>(q * ms.size()))]; };
  summary.p50_ms = at(0.50);
  summary.p99_ms = at(0.99);
  summary.max_ms = ms.back();
  return summary;
}

void SetDeadline(grpc::ClientContext* context, absl::Duration deadline) {
  context->set_deadline(absl::ToChronoTime(absl::Now() + deadline));
}

// One QueryService call, chosen by `n`; returns its status.
grpc::Status QueryOnce(v1::QueryService::Stub* stub, int64_t n, absl::Duration deadline) {
  grpc::ClientContext context;
  SetDeadline(&context, deadline);
  const char* country = kCountries[n % 9];
  switch (n % 7) {
    case 0: {
      v1::ListMembersRequest request;
      request.mutable_as_of()->set_year(1994 + static_cast<int>(n % 30));
      request.set_include_observers(n % 2 == 0);
      v1::ListMembersResponse response;
      return stub->ListMembers(&context, request, &response);
    }
    case 1: {
      v1::GetMembershipHistoryRequest request;
      request.set_country(country);
      v1::GetMembershipHistoryResponse response;
      return stub->GetMembershipHistory(&context, request, &response);
    }
    case 2: {
      v1::ListMembershipEventsRequest request;
      request.set_page_size(20);
      v1::ListMembershipEventsResponse response;
      grpc::Status status = stub->ListMembershipEvents(&context, request, &response);
      if (!status.ok() || response.next_page_token().empty()) return status;
      // And the next page, with the token of the first.
      grpc::ClientContext next_context;
      SetDeadline(&next_context, deadline);
      request.set_page_token(response.next_page_token());
      return stub->ListMembershipEvents(&next_context, request, &response);
    }
    case 3: {
      v1::ListInterventionsRequest request;
      v1::ListInterventionsResponse response;
      return stub->ListInterventions(&context, request, &response);
    }
    case 4: {
      v1::ListAssistanceRequestsRequest request;
      request.set_requester_country(country);
      v1::ListAssistanceRequestsResponse response;
      return stub->ListAssistanceRequests(&context, request, &response);
    }
    case 5: {
      v1::ListConflictsRequest request;
      v1::ListConflictsResponse response;
      return stub->ListConflicts(&context, request, &response);
    }
    default: {
      v1::GetStatusResponse response;
      return stub->GetStatus(&context, v1::GetStatusRequest(), &response);
    }
  }
}

// Follows Watch from the start; checks sequences only ever increase.
class Watcher {
 public:
  Watcher(std::shared_ptr<grpc::Channel> channel, Recorder* recorder, std::atomic<int64_t>* errors,
          std::atomic<int64_t>* responses)
      : stub_(v1::QueryService::NewStub(channel)) {
    thread_ = std::thread([this, recorder, errors, responses] {
      auto reader = stub_->Watch(&context_, v1::WatchRequest());
      v1::WatchResponse response;
      while (reader->Read(&response)) {
        if (response.sequence() < sequence_.load()) {
          recorder->Error(errors, absl::StrCat("watch: sequence ", response.sequence(), " after ", sequence_.load()));
        }
        sequence_.store(response.sequence());
        if (response.changes_size() > 0) responses->fetch_add(1);
      }
      const grpc::Status status = reader->Finish();
      if (!stopping_.load()) {
        recorder->Error(errors, absl::StrCat("watch ended: ", status.error_code(), " ", status.error_message()));
      }
    });
  }
  ~Watcher() { Stop(); }
  void Stop() {
    if (!thread_.joinable()) return;
    stopping_.store(true);
    context_.TryCancel();
    thread_.join();
  }
  uint64_t sequence() const { return sequence_.load(); }

 private:
  std::unique_ptr<v1::QueryService::Stub> stub_;
  grpc::ClientContext context_;
  std::atomic<uint64_t> sequence_{0};
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

// Samples the resident memory of `pids` until stopped.
class MemorySampler {
 public:
  MemorySampler(std::vector<pid_t> pids, absl::Duration interval) : pids_(std::move(pids)) {
    samples_.resize(pids_.size());
    thread_ = std::thread([this, interval] {
      while (!stop_.WaitForNotificationWithTimeout(interval)) SampleOnce();
    });
    SampleOnce();
  }
  ~MemorySampler() { Stop(); }
  void Stop() {
    if (!thread_.joinable()) return;
    stop_.Notify();
    thread_.join();
    SampleOnce();
  }
  std::vector<MemorySeries> Series() {
    absl::MutexLock lock(&mu_);
    std::vector<MemorySeries> out;
    for (size_t i = 0; i < pids_.size(); ++i) {
      MemorySeries series;
      series.pid = pids_[i];
      const std::vector<ProcessMemory>& s = samples_[i];
      series.samples = static_cast<int>(s.size());
      if (s.empty()) {
        out.push_back(series);
        continue;
      }
      series.first_rss_bytes = s.front().rss_bytes;
      series.last_rss_bytes = s.back().rss_bytes;
      series.peak_rss_bytes = s.back().peak_rss_bytes;
      const size_t third = std::max<size_t>(1, s.size() / 3);
      for (size_t k = 0; k < third; ++k) series.early_max_rss_bytes = std::max(series.early_max_rss_bytes, s[k].rss_bytes);
      for (size_t k = s.size() - third; k < s.size(); ++k) {
        series.late_max_rss_bytes = std::max(series.late_max_rss_bytes, s[k].rss_bytes);
      }
      out.push_back(series);
    }
    return out;
  }

 private:
  void SampleOnce() {
    absl::MutexLock lock(&mu_);
    for (size_t i = 0; i < pids_.size(); ++i) {
      absl::StatusOr<ProcessMemory> memory = ReadProcessMemory(pids_[i]);
      if (memory.ok()) samples_[i].push_back(*memory);
    }
  }
  const std::vector<pid_t> pids_;
  absl::Notification stop_;
  absl::Mutex mu_;
  std::vector<std::vector<ProcessMemory>> samples_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
};

}  // namespace

std::string LoadReport::ToString() const {
  std::string out = absl::StrFormat(
      "load: %.1f s; %d documents (%.1f/s), %d queries (%.1f/s), %d watch responses; errors: ingest %d, "
      "query %d, watch %d, catch-up %d\n",
      seconds, documents, seconds > 0 ? documents / seconds : 0.0, queries, seconds > 0 ? queries / seconds : 0.0,
      watch_responses, ingest_errors, query_errors, watch_errors, catch_up_errors);
  absl::StrAppendFormat(&out, "load: ingest latency p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)\n",
                        ingest_latency.p50_ms, ingest_latency.p99_ms, ingest_latency.max_ms, ingest_latency.count);
  absl::StrAppendFormat(&out, "load: query latency p50 %.2f ms, p99 %.2f ms, max %.1f ms (n=%d)\n",
                        query_latency.p50_ms, query_latency.p99_ms, query_latency.max_ms, query_latency.count);
  absl::StrAppendFormat(&out, "load: last ingest sequence %d, query applied %d, watchers at", last_ingest_sequence,
                        applied_sequence);
  for (uint64_t s : watcher_sequences) absl::StrAppend(&out, " ", s);
  absl::StrAppend(&out, "\n");
  for (const MemorySeries& m : memory) {
    absl::StrAppendFormat(&out,
                          "load: pid %d RSS first %.1f MiB, early max %.1f MiB, late max %.1f MiB, last %.1f MiB, "
                          "peak %.1f MiB (%d samples)\n",
                          m.pid, m.first_rss_bytes / 1048576.0, m.early_max_rss_bytes / 1048576.0,
                          m.late_max_rss_bytes / 1048576.0, m.last_rss_bytes / 1048576.0,
                          m.peak_rss_bytes / 1048576.0, m.samples);
  }
  for (const std::string& error : error_samples) absl::StrAppend(&out, "load: error: ", error, "\n");
  return out;
}

absl::StatusOr<LoadReport> RunLoad(const LoadOptions& options) {
  if (options.ingest_rate <= 0 || options.query_threads < 0 || options.watchers < 0) {
    return absl::InvalidArgumentError("load: ingest_rate must be > 0, query_threads and watchers >= 0");
  }
  for (pid_t pid : options.sampled_pids) {
    if (absl::Status s = ReadProcessMemory(pid).status(); !s.ok()) return s;
  }
  auto ingest_channel = grpc::CreateChannel(options.ingest_address, grpc::InsecureChannelCredentials());
  auto query_channel = grpc::CreateChannel(options.query_address, grpc::InsecureChannelCredentials());
  auto ingest = v1::IngestService::NewStub(ingest_channel);

  Recorder recorder;
  std::atomic<int64_t> ingest_errors{0}, query_errors{0}, watch_errors{0}, watch_responses{0}, queries{0};
  std::atomic<bool> stop{false};
  MemorySampler sampler(options.sampled_pids, options.sample_interval);

  std::vector<std::unique_ptr<Watcher>> watchers;
  for (int i = 0; i < options.watchers; ++i) {
    watchers.push_back(std::make_unique<Watcher>(query_channel, &recorder, &watch_errors, &watch_responses));
  }
  std::vector<std::thread> query_threads;
  for (int t = 0; t < options.query_threads; ++t) {
    query_threads.emplace_back([&, t] {
      auto stub = v1::QueryService::NewStub(query_channel);
      for (int64_t n = t; !stop.load(); n += options.query_threads) {
        const absl::Time start = absl::Now();
        const grpc::Status status = QueryOnce(stub.get(), n, options.call_deadline);
        if (status.ok()) {
          queries.fetch_add(1);
          recorder.Latency(recorder.query_ms(), absl::Now() - start);
        } else {
          recorder.Error(&query_errors, absl::StrCat("query ", n % 7, ": ", status.error_code(), " ",
                                                     status.error_message()));
        }
      }
    });
  }

  // Paced ingests on this thread.
  LoadReport report;
  const absl::Time start = absl::Now();
  const absl::Time end = start + options.duration;
  const absl::Duration period = absl::Seconds(1.0 / options.ingest_rate);
  absl::Time next = start;
  for (int i = options.first_article; absl::Now() < end; ++i) {
    absl::SleepFor(next - absl::Now());
    next += period;
    grpc::ClientContext context;
    SetDeadline(&context, options.call_deadline);
    v1::IngestDocumentRequest request;
    request.mutable_document()->set_text(SyntheticArticle(i));
    v1::IngestDocumentResponse response;
    const absl::Time sent = absl::Now();
    const grpc::Status status = ingest->IngestDocument(&context, request, &response);
    if (status.ok() && !response.duplicate()) {
      ++report.documents;
      report.last_ingest_sequence = std::max(report.last_ingest_sequence, response.sequence());
      recorder.Latency(recorder.ingest_ms(), absl::Now() - sent);
    } else {
      recorder.Error(&ingest_errors, status.ok() ? absl::StrCat("ingest: article ", i, " was a duplicate")
                                                 : absl::StrCat("ingest: ", status.error_code(), " ",
                                                                status.error_message()));
    }
  }
  stop.store(true);
  for (std::thread& thread : query_threads) thread.join();
  report.seconds = absl::ToDoubleSeconds(absl::Now() - start);

  // Catch up: the query service applies everything; the watchers see it.
  auto query = v1::QueryService::NewStub(query_channel);
  const absl::Time catch_up_end = absl::Now() + options.catch_up_timeout;
  while (absl::Now() < catch_up_end) {
    grpc::ClientContext context;
    SetDeadline(&context, options.call_deadline);
    v1::GetStatusResponse status;
    if (query->GetStatus(&context, v1::GetStatusRequest(), &status).ok()) {
      report.applied_sequence = status.applied_sequence();
      if (status.applied_sequence() >= report.last_ingest_sequence) break;
    }
    absl::SleepFor(absl::Milliseconds(50));
  }
  for (auto& watcher : watchers) {
    while (watcher->sequence() < report.applied_sequence && absl::Now() < catch_up_end) {
      absl::SleepFor(absl::Milliseconds(20));
    }
    watcher->Stop();
    report.watcher_sequences.push_back(watcher->sequence());
  }
  sampler.Stop();
  bool behind = report.applied_sequence < report.last_ingest_sequence;
  for (uint64_t sequence : report.watcher_sequences) behind = behind || sequence < report.applied_sequence;
  if (behind) {
    std::atomic<int64_t> catch_up_errors{0};
    recorder.Error(&catch_up_errors, absl::StrCat("not caught up ", absl::FormatDuration(options.catch_up_timeout),
                                               " after the load: query applied ", report.applied_sequence,
                                               " of ", report.last_ingest_sequence));
    report.catch_up_errors = catch_up_errors.load();
  }

  report.ingest_errors = ingest_errors.load();
  report.query_errors = query_errors.load();
  report.watch_errors = watch_errors.load();
  report.watch_responses = watch_responses.load();
  report.queries = queries.load();
  report.ingest_latency = Summarize(recorder.TakeIngest());
  report.query_latency = Summarize(recorder.TakeQuery());
  report.memory = sampler.Series();
  report.error_samples = recorder.TakeErrors();
  return report;
}

}  // namespace alliance::load
