// The query side at scale (issue #9): for each corpus size, starts a fresh
// ingest service, streams that many news-stream articles (synthetic_corpus.h)
// over IngestDocuments, starts a fresh query service and times its catch-up,
// then measures from one client, in the same run:
//   * query p50/p99 of GetMembershipHistory (one country), ListMembers (as of
//     2005), ListAssistanceRequests (a page of 100) and ListCases (a page of
//     100, linked from all requests and interventions) and Explain (the first
//     of that country's events: its group's records read and mapped), as ratios to
//     grpc.health.v1.Health/Check, and their response sizes; then the same
//     answers from an in-process server that holds them in memory, the floor
//     the transport sets for answers of those sizes;
//   * Watch visibility: from an IngestDocument acknowledgement to the Watch
//     response that carries it, at 10 documents/s;
//   * peak RSS (VmHWM) of both services; how long SIGTERM takes to stop them.
// Prints one block per size. Bounded: each size stops after its work, and
// every wait has a deadline. Not a test: figures go to the README.
//
//   build-release/bench/load/scale_benchmark --sizes=1000,10000
//       --bin_dir=build-release --lexicon_dir=data/lexicon
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "alliance/v1/ingest_service.grpc.pb.h"
#include "alliance/v1/query_service.grpc.pb.h"
#include "bench/load/process_memory.h"
#include "bench/load/synthetic_corpus.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpc/health/v1/health.grpc.pb.h"

ABSL_FLAG(std::string, sizes, "1000,10000", "Corpus sizes (articles), comma-separated");
ABSL_FLAG(std::string, bin_dir, "build-release", "Build directory holding ingest-service/ and query-service/");
ABSL_FLAG(std::string, lexicon_dir, "data/lexicon", "Lexicon directory");
ABSL_FLAG(std::string, work_dir, "/tmp/alliance-scale", "Where the databases go (emptied per size)");
ABSL_FLAG(int, queries, 300, "Calls of each kind per size");
ABSL_FLAG(int, watch_documents, 50, "Documents ingested at 10/s for the Watch visibility figure");
ABSL_FLAG(std::string, serve_answers, "",
          "Internal: serve the answers in this directory from memory (the transport floor) instead of benchmarking");
ABSL_FLAG(std::string, serve_answers_port_file, "", "Internal: with --serve_answers, where the port goes");
ABSL_FLAG(int, replicas, 3,
          "Query replicas whose state digests are compared at the end: the measured one and replicas - 1 fresh "
          "ones catching up together on the same feed");

namespace {

namespace v1 = alliance::v1;
using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

// A child service process; the destructor kills it if still running.
struct Service {
  pid_t pid = -1;
  ~Service() {
    if (pid > 0) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
  }
  bool Start(const std::vector<std::string>& argv, const std::string& log) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    return rc == 0;
  }
  // SIGTERM, then the seconds until it exits (or -1 after 30 s).
  double Stop() {
    const auto start = Clock::now();
    kill(pid, SIGTERM);
    while (Ms(Clock::now() - start) < 30000) {
      if (waitpid(pid, nullptr, WNOHANG) == pid) {
        pid = -1;
        return Ms(Clock::now() - start) / 1000;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return -1;
  }
};

int ReadPort(const std::string& path) {
  for (int i = 0; i < 300; ++i) {
    std::ifstream in(path);
    int port = 0;
    if (in >> port && port > 0) return port;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return 0;
}

struct Latency {
  double p50 = 0, p99 = 0;
  size_t bytes = 0;
};

Latency Summarize(std::vector<double> ms, size_t bytes) {
  std::sort(ms.begin(), ms.end());
  Latency l;
  if (ms.empty()) return l;
  l.p50 = ms[ms.size() / 2];
  l.p99 = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  l.bytes = bytes;
  return l;
}

template <typename Call>
Latency Time(int n, Call call) {
  std::vector<double> ms;
  size_t bytes = 0;
  for (int i = 0; i < n; ++i) {
    const auto start = Clock::now();
    bytes = call();
    ms.push_back(Ms(Clock::now() - start));
  }
  return Summarize(std::move(ms), bytes);
}

std::unique_ptr<grpc::ClientContext> Deadline(int seconds = 30) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
  return context;
}

// One client's back-to-back figures for Health/Check and the three queries,
// with the last answer of each.
struct QueryFigures {
  Latency check, history, members, requests, cases, explain;
  v1::GetMembershipHistoryResponse history_answer;
  v1::ListMembersResponse members_answer;
  v1::ListAssistanceRequestsResponse requests_answer;
  v1::ListCasesResponse cases_answer;
  v1::ExplainResponse explain_answer;
};

// Times `n` calls of each kind over `channel`, one kind after another.
QueryFigures TimeQueries(const std::shared_ptr<grpc::Channel>& channel, int n) {
  auto stub = v1::QueryService::NewStub(channel);
  auto health = grpc::health::v1::Health::NewStub(channel);
  QueryFigures figures;
  figures.check = Time(n, [&] {
    grpc::health::v1::HealthCheckResponse response;
    health->Check(Deadline().get(), {}, &response);
    return response.ByteSizeLong();
  });
  figures.history = Time(n, [&] {
    v1::GetMembershipHistoryRequest request;
    request.set_country("KAZ");
    figures.history_answer.Clear();
    stub->GetMembershipHistory(Deadline().get(), request, &figures.history_answer);
    return figures.history_answer.ByteSizeLong();
  });
  figures.members = Time(n, [&] {
    v1::ListMembersRequest request;
    request.mutable_as_of()->set_as_written("2005-01-01");
    figures.members_answer.Clear();
    stub->ListMembers(Deadline().get(), request, &figures.members_answer);
    return figures.members_answer.ByteSizeLong();
  });
  figures.requests = Time(n, [&] {
    v1::ListAssistanceRequestsRequest request;
    request.set_page_size(100);
    figures.requests_answer.Clear();
    stub->ListAssistanceRequests(Deadline().get(), request, &figures.requests_answer);
    return figures.requests_answer.ByteSizeLong();
  });
  // Cases are linked on each call from all of the organization's requests and
  // interventions: the one answer whose work grows with the corpus.
  figures.cases = Time(n, [&] {
    v1::ListCasesRequest request;
    request.set_page_size(100);
    figures.cases_answer.Clear();
    stub->ListCases(Deadline().get(), request, &figures.cases_answer);
    return figures.cases_answer.ByteSizeLong();
  });
  // Explain reads the fact's whole group (every record of the country's
  // membership events): its work grows with what the corpus says of one country.
  const std::string fact_id =
      figures.history_answer.events().empty() ? "" : figures.history_answer.events(0).id();
  figures.explain = Time(n, [&] {
    v1::ExplainRequest request;
    request.set_fact_id(fact_id);
    figures.explain_answer.Clear();
    stub->Explain(Deadline().get(), request, &figures.explain_answer);
    return figures.explain_answer.ByteSizeLong();
  });
  return figures;
}

// Answers the three queries with fixed responses, doing nothing else.
class AnswersFromMemory final : public v1::QueryService::Service {
 public:
  explicit AnswersFromMemory(const QueryFigures& answers) : answers_(answers) {}
  grpc::Status GetMembershipHistory(grpc::ServerContext*, const v1::GetMembershipHistoryRequest*,
                                    v1::GetMembershipHistoryResponse* response) override {
    *response = answers_.history_answer;
    return grpc::Status::OK;
  }
  grpc::Status ListMembers(grpc::ServerContext*, const v1::ListMembersRequest*,
                           v1::ListMembersResponse* response) override {
    *response = answers_.members_answer;
    return grpc::Status::OK;
  }
  grpc::Status ListAssistanceRequests(grpc::ServerContext*, const v1::ListAssistanceRequestsRequest*,
                                      v1::ListAssistanceRequestsResponse* response) override {
    *response = answers_.requests_answer;
    return grpc::Status::OK;
  }
  grpc::Status ListCases(grpc::ServerContext*, const v1::ListCasesRequest*,
                         v1::ListCasesResponse* response) override {
    *response = answers_.cases_answer;
    return grpc::Status::OK;
  }
  grpc::Status Explain(grpc::ServerContext*, const v1::ExplainRequest*, v1::ExplainResponse* response) override {
    *response = answers_.explain_answer;
    return grpc::Status::OK;
  }

 private:
  const QueryFigures& answers_;
};

// The files the answers go to, in directory `dir`.
std::string HistoryFile(const std::string& dir) { return dir + "/history.bin"; }
std::string MembersFile(const std::string& dir) { return dir + "/members.bin"; }
std::string RequestsFile(const std::string& dir) { return dir + "/requests.bin"; }
std::string CasesFile(const std::string& dir) { return dir + "/cases.bin"; }
std::string ExplainFile(const std::string& dir) { return dir + "/explain.bin"; }

bool ReadMessage(const std::string& path, google::protobuf::Message* message) {
  std::ifstream in(path, std::ios::binary);
  return in && message->ParseFromIstream(&in);
}

bool WriteMessage(const std::string& path, const google::protobuf::Message& message) {
  std::ofstream out(path, std::ios::binary);
  return out && message.SerializeToOstream(&out);
}

// Serves the answers in directory `answers_dir` (see HistoryFile) with gRPC's
// own Health service on 127.0.0.1, writes the port to `port_file`, and runs
// until killed: the --serve_answers mode of this program.
int ServeAnswers(const std::string& answers_dir, const std::string& port_file) {
  QueryFigures answers;
  if (!ReadMessage(HistoryFile(answers_dir), &answers.history_answer) ||
      !ReadMessage(MembersFile(answers_dir), &answers.members_answer) ||
      !ReadMessage(RequestsFile(answers_dir), &answers.requests_answer) ||
      !ReadMessage(CasesFile(answers_dir), &answers.cases_answer) ||
      !ReadMessage(ExplainFile(answers_dir), &answers.explain_answer)) {
    std::fprintf(stderr, "--serve_answers: cannot read the answers in %s\n", answers_dir.c_str());
    return 2;
  }
  grpc::EnableDefaultHealthCheckService(true);
  AnswersFromMemory service(answers);
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&service);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) return 1;
  std::ofstream(port_file) << port << "\n";
  server->Wait();
  return 0;
}

// Times the answers of `served` from a server process that holds them in
// memory (this program with --serve_answers; gRPC's own Health service), set
// up like the query service: the floor any query service pays for answers of
// these sizes, measured the same way.
QueryFigures TimeAnswersFromMemory(const QueryFigures& served, const std::string& self, const std::string& work,
                                   int n) {
  QueryFigures figures;
  const std::string port_file = work + "/answers.port";
  if (!WriteMessage(HistoryFile(work), served.history_answer) ||
      !WriteMessage(MembersFile(work), served.members_answer) ||
      !WriteMessage(RequestsFile(work), served.requests_answer) ||
      !WriteMessage(CasesFile(work), served.cases_answer) ||
      !WriteMessage(ExplainFile(work), served.explain_answer)) {
    return figures;
  }
  Service server;
  if (!server.Start({self, "--serve_answers=" + work, "--serve_answers_port_file=" + port_file},
                    work + "/answers.log")) {
    return figures;
  }
  const int port = ReadPort(port_file);
  if (port == 0) return figures;
  figures = TimeQueries(grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()), n);
  server.Stop();
  return figures;
}

// Prints Health/Check and each query's p50 and p99, as ratios to Check's.
void PrintQueryFigures(const char* label, const QueryFigures& f) {
  const Latency& check = f.check;
  std::printf("%sHealth/Check%*s p50 %.3f ms, p99 %.3f ms\n", label, static_cast<int>(11 - std::strlen(label)), "",
              check.p50, check.p99);
  for (const auto& [name, l] : {std::pair<const char*, Latency>{"GetMembershipHistory KAZ", f.history},
                                {"ListMembers as of 2005", f.members},
                                {"ListAssistanceRequests 100", f.requests},
                                {"ListCases 100", f.cases},
                                {"Explain (KAZ's first event)", f.explain}}) {
    std::printf("%s%-28s p50 %.3f ms (%.1fx), p99 %.3f ms (%.1fx of check p99), %zu bytes\n", label, name, l.p50,
                check.p50 > 0 ? l.p50 / check.p50 : 0, l.p99, check.p99 > 0 ? l.p99 / check.p99 : 0, l.bytes);
  }
}

int RunSize(int size, const std::string& self) {
  const std::string bin = absl::GetFlag(FLAGS_bin_dir);
  const std::string work = absl::StrCat(absl::GetFlag(FLAGS_work_dir), "/", size);
  std::filesystem::remove_all(work);
  std::filesystem::create_directories(work);
  Service ingest, query;
  if (!ingest.Start({bin + "/ingest-service/ingest-service", "--db=" + work + "/ingest", "--listen=127.0.0.1:0",
                     "--port_file=" + work + "/ingest.port", "--lexicon_dir=" + absl::GetFlag(FLAGS_lexicon_dir)},
                    work + "/ingest.log")) {
    std::fprintf(stderr, "cannot start the ingest service\n");
    return 1;
  }
  const int ingest_port = ReadPort(work + "/ingest.port");
  const std::string ingest_address = absl::StrCat("127.0.0.1:", ingest_port);
  auto ingest_stub =
      v1::IngestService::NewStub(grpc::CreateChannel(ingest_address, grpc::InsecureChannelCredentials()));

  // Bulk ingest.
  size_t bytes = 0;
  const auto ingest_start = Clock::now();
  {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1800));
    auto stream = ingest_stub->IngestDocuments(&context);
    std::atomic<int> acked{0};
    std::thread reader([&] {
      v1::IngestDocumentResponse ack;
      while (stream->Read(&ack)) ++acked;
    });
    for (int i = 0; i < size; ++i) {
      v1::IngestDocumentRequest request;
      request.mutable_document()->set_text(alliance::load::NewsStreamArticle(i));
      bytes += request.document().text().size();
      if (!stream->Write(request)) break;
    }
    stream->WritesDone();
    reader.join();
    if (!stream->Finish().ok() || acked.load() != size) {
      std::fprintf(stderr, "bulk ingest failed after %d acknowledgements\n", acked.load());
      return 1;
    }
  }
  const double ingest_seconds = Ms(Clock::now() - ingest_start) / 1000;

  // A fresh replica catches up.
  const auto catch_up_start = Clock::now();
  if (!query.Start({bin + "/query-service/query-service", "--db=" + work + "/query", "--listen=127.0.0.1:0",
                    "--port_file=" + work + "/query.port", "--ingest=" + ingest_address,
                    "--lexicon_dir=" + absl::GetFlag(FLAGS_lexicon_dir)},
                   work + "/query.log")) {
    std::fprintf(stderr, "cannot start the query service\n");
    return 1;
  }
  const int query_port = ReadPort(work + "/query.port");
  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", query_port), grpc::InsecureChannelCredentials());
  auto query_stub = v1::QueryService::NewStub(channel);
  uint64_t applied = 0;
  while (Ms(Clock::now() - catch_up_start) < 3600e3) {
    v1::GetStatusResponse status;
    if (query_stub->GetStatus(Deadline().get(), {}, &status).ok()) {
      applied = status.applied_sequence();
      if (applied >= static_cast<uint64_t>(size)) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const double catch_up_seconds = Ms(Clock::now() - catch_up_start) / 1000;
  // Memory the catch-up needed, apart from what queries add later.
  const auto caught_up_memory = alliance::load::ReadProcessMemory(query.pid);

  // Queries, back to back, against Health/Check from the same client.
  QueryFigures served = TimeQueries(channel, absl::GetFlag(FLAGS_queries));
  // The same answers from a server that holds them in memory: what the
  // transport alone costs for these response sizes, next to Health/Check.
  QueryFigures floor = TimeAnswersFromMemory(served, self, work, absl::GetFlag(FLAGS_queries));

  // Watch visibility at 10 documents/s.
  std::vector<double> visibility;
  if (absl::GetFlag(FLAGS_watch_documents) > 0) {
    grpc::ClientContext watch_context;
    watch_context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(120));
    v1::WatchRequest watch_request;
    watch_request.set_after_sequence(applied);
    auto watch = query_stub->Watch(&watch_context, watch_request);
    std::atomic<uint64_t> seen{applied};
    std::vector<std::pair<uint64_t, Clock::time_point>> arrivals;
    std::mutex arrivals_mu;
    std::thread watcher([&] {
      v1::WatchResponse response;
      while (watch->Read(&response)) {
        if (response.progress_notify()) continue;
        std::lock_guard<std::mutex> lock(arrivals_mu);
        arrivals.emplace_back(response.sequence(), Clock::now());
        seen = std::max<uint64_t>(seen, response.sequence());
      }
    });
    std::vector<std::pair<uint64_t, Clock::time_point>> acks;
    for (int i = 0; i < absl::GetFlag(FLAGS_watch_documents); ++i) {
      const auto next = Clock::now() + std::chrono::milliseconds(100);
      v1::IngestDocumentRequest request;
      request.mutable_document()->set_text(alliance::load::NewsStreamArticle(size + i));
      v1::IngestDocumentResponse ack;
      if (ingest_stub->IngestDocument(Deadline().get(), request, &ack).ok()) {
        acks.emplace_back(ack.sequence(), Clock::now());
      }
      std::this_thread::sleep_until(next);
    }
    const auto wait_start = Clock::now();
    while (!acks.empty() && seen.load() < acks.back().first && Ms(Clock::now() - wait_start) < 30000) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    watch_context.TryCancel();
    watcher.join();
    std::lock_guard<std::mutex> lock(arrivals_mu);
    for (const auto& [sequence, acked_at] : acks) {
      for (const auto& [arrived_sequence, arrived_at] : arrivals) {
        if (arrived_sequence >= sequence) {
          visibility.push_back(std::max(0.0, Ms(arrived_at - acked_at)));
          break;
        }
      }
    }
  }
  const Latency watch = Summarize(visibility, 0);

  // A client replaying the whole watch log from the start: the largest
  // response it gets (one per applied batch of the catch-up).
  size_t largest_watch_response = 0;
  {
    grpc::ClientContext replay_context;
    replay_context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(300));
    auto replay = query_stub->Watch(&replay_context, v1::WatchRequest());
    v1::WatchResponse response;
    while (replay->Read(&response)) {
      largest_watch_response = std::max(largest_watch_response, response.ByteSizeLong());
      if (response.progress_notify()) break;  // sent once the replay has caught up
    }
    replay_context.TryCancel();
    replay->Finish();
  }

  const auto ingest_memory = alliance::load::ReadProcessMemory(ingest.pid);
  const auto query_memory = alliance::load::ReadProcessMemory(query.pid);

  // More replicas on the same feed, catching up together; every replica's
  // state digest must equal the measured one's once all applied the same log.
  const int replica_count = std::max(1, absl::GetFlag(FLAGS_replicas));
  std::vector<std::unique_ptr<Service>> replicas;
  std::vector<std::unique_ptr<v1::QueryService::Stub>> replica_stubs;
  replica_stubs.push_back(v1::QueryService::NewStub(channel));
  for (int r = 1; r < replica_count; ++r) {
    const std::string name = absl::StrCat(work, "/replica", r);
    replicas.push_back(std::make_unique<Service>());
    if (!replicas.back()->Start({bin + "/query-service/query-service", "--db=" + name, "--listen=127.0.0.1:0",
                                 "--port_file=" + name + ".port", "--ingest=" + ingest_address,
                                 "--lexicon_dir=" + absl::GetFlag(FLAGS_lexicon_dir)},
                                name + ".log")) {
      std::fprintf(stderr, "cannot start replica %d\n", r);
      return 1;
    }
    const int port = ReadPort(name + ".port");
    replica_stubs.push_back(v1::QueryService::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials())));
  }
  v1::GetStatusResponse measured_status;
  replica_stubs.front()->GetStatus(Deadline().get(), {}, &measured_status);
  const auto replicas_start = Clock::now();
  std::vector<std::string> digests(replica_stubs.size());
  digests[0] = measured_status.state_digest();
  for (size_t r = 1; r < replica_stubs.size(); ++r) {
    while (Ms(Clock::now() - replicas_start) < 3600e3) {
      v1::GetStatusResponse status;
      if (replica_stubs[r]->GetStatus(Deadline().get(), {}, &status).ok() &&
          status.applied_sequence() >= measured_status.applied_sequence()) {
        digests[r] = status.state_digest();
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  const double replicas_seconds = Ms(Clock::now() - replicas_start) / 1000;
  const bool digests_equal =
      !digests[0].empty() && std::all_of(digests.begin(), digests.end(), [&](const std::string& d) { return d == digests[0]; });
  for (auto& replica : replicas) replica->Stop();

  const double query_stop = query.Stop();
  const double ingest_stop = ingest.Stop();

  std::printf("== %d articles (%.1f MB)\n", size, static_cast<double>(bytes) / 1e6);
  std::printf("bulk ingest            %.0f documents/s, %.2f MB/s\n", size / ingest_seconds,
              static_cast<double>(bytes) / 1e6 / ingest_seconds);
  std::printf("fresh replica catch-up %.1f s (applied %llu)\n", catch_up_seconds,
              static_cast<unsigned long long>(applied));
  PrintQueryFigures("", served);
  PrintQueryFigures("from memory: ", floor);
  std::printf("Watch visibility       p50 %.1f ms, p99 %.1f ms (%zu documents at 10/s)\n", watch.p50, watch.p99,
              visibility.size());
  {
    // The tail, whose few values p99 of a few hundred documents stands on.
    std::vector<double> sorted = visibility;
    std::sort(sorted.begin(), sorted.end());
    auto at = [&sorted](double q) {
      return sorted.empty() ? 0.0 : sorted[std::min(sorted.size() - 1, static_cast<size_t>(q * sorted.size()))];
    };
    std::printf("Watch visibility tail  p90 %.1f ms, p95 %.1f ms, max %.1f ms\n", at(0.90), at(0.95),
                sorted.empty() ? 0.0 : sorted.back());
  }
  std::printf("Watch replay from 0    largest response %zu bytes\n", largest_watch_response);
  std::printf("peak RSS               ingest %.1f MiB, query %.1f MiB\n",
              ingest_memory.ok() ? ingest_memory->peak_rss_bytes / 1048576.0 : -1.0,
              query_memory.ok() ? query_memory->peak_rss_bytes / 1048576.0 : -1.0);
  std::printf("query RSS              peak by end of catch-up %.1f MiB, at the end (after queries) %.1f MiB\n",
              caught_up_memory.ok() ? caught_up_memory->peak_rss_bytes / 1048576.0 : -1.0,
              query_memory.ok() ? query_memory->rss_bytes / 1048576.0 : -1.0);
  std::printf("SIGTERM to exit        query %.2f s, ingest %.2f s\n", query_stop, ingest_stop);
  std::printf("replicas               %d at sequence %llu, digests %s (%s...), the other %d caught up together in %.1f s\n",
              replica_count, static_cast<unsigned long long>(measured_status.applied_sequence()),
              digests_equal ? "equal" : "DIFFER", digests[0].substr(0, 16).c_str(), replica_count - 1,
              replicas_seconds);
  std::fflush(stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  if (!absl::GetFlag(FLAGS_serve_answers).empty()) {
    return ServeAnswers(absl::GetFlag(FLAGS_serve_answers), absl::GetFlag(FLAGS_serve_answers_port_file));
  }
  const std::string self = std::filesystem::canonical("/proc/self/exe").string();
  for (absl::string_view size_text : absl::StrSplit(absl::GetFlag(FLAGS_sizes), ',')) {
    int size = 0;
    if (!absl::SimpleAtoi(size_text, &size) || size <= 0) {
      std::fprintf(stderr, "--sizes: \"%s\" is not a positive number\n", std::string(size_text).c_str());
      return 2;
    }
    if (RunSize(size, self) != 0) return 1;
  }
  return 0;
}
