// An in-process stand-in for the ingest service's change feed: StreamChanges
// serves a canned, growable change log and heartbeats, and records what it was
// asked. The other IngestService methods are left UNIMPLEMENTED.
#ifndef ALLIANCE_TESTS_QUERY_SERVICE_FAKE_INGEST_H_
#define ALLIANCE_TESTS_QUERY_SERVICE_FAKE_INGEST_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "alliance/v1/ingest_service.grpc.pb.h"
#include "grpcpp/grpcpp.h"

namespace alliance::query::testing {

// The change feed. Thread-safe.
class FakeIngestService final : public v1::IngestService::Service {
 public:
  // Appends changes to the log (their sequences must continue it).
  void Append(const std::vector<v1::Change>& changes) {
    absl::MutexLock lock(&mu_);
    for (const v1::Change& change : changes) log_.push_back(change);
  }

  // Returns the after_sequence of every StreamChanges call so far.
  std::vector<uint64_t> requests() const {
    absl::MutexLock lock(&mu_);
    return requests_;
  }

  grpc::Status StreamChanges(grpc::ServerContext* context, const v1::StreamChangesRequest* request,
                             grpc::ServerWriter<v1::Change>* writer) override {
    uint64_t next = request->after_sequence() + 1;
    const absl::Duration heartbeat =
        request->heartbeat_seconds() > 0 ? absl::Seconds(request->heartbeat_seconds()) : absl::InfiniteDuration();
    {
      absl::MutexLock lock(&mu_);
      requests_.push_back(request->after_sequence());
    }
    absl::Time last_sent = absl::Now();
    while (!context->IsCancelled()) {
      v1::Change change;
      bool have = false;
      uint64_t latest = 0;
      {
        absl::MutexLock lock(&mu_);
        latest = log_.size();
        if (next <= log_.size()) {
          change = log_[next - 1];
          have = true;
        } else {
          auto more = [this, next]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return next <= log_.size(); };
          mu_.AwaitWithTimeout(absl::Condition(&more), absl::Milliseconds(50));
        }
      }
      if (have) {
        // As the real service does: how far the log reaches right now.
        change.set_committed_sequence(latest);
        if (!writer->Write(change)) break;
        ++next;
        last_sent = absl::Now();
      } else if (absl::Now() - last_sent >= heartbeat) {
        v1::Change beat;
        beat.set_heartbeat(true);
        beat.set_sequence(latest);
        if (!writer->Write(beat)) break;
        last_sent = absl::Now();
      }
    }
    return grpc::Status::OK;
  }

 private:
  mutable absl::Mutex mu_;
  std::vector<v1::Change> log_ ABSL_GUARDED_BY(mu_);
  std::vector<uint64_t> requests_ ABSL_GUARDED_BY(mu_);
};

// A gRPC server on 127.0.0.1 serving a fake ingest service — a
// FakeIngestService or a test's own (not owned; it must outlive the server).
// Thread-compatible.
class FakeIngestServer {
 public:
  explicit FakeIngestServer(v1::IngestService::Service* service) : service_(service) {}
  ~FakeIngestServer() { Stop(); }

  // Starts listening on 127.0.0.1:`port` (0 picks a free port); false on failure.
  bool Start(int port = 0) {
    grpc::ServerBuilder builder;
    builder.AddListeningPort(absl::StrCat("127.0.0.1:", port), grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(service_);
    server_ = builder.BuildAndStart();
    return server_ != nullptr && port_ > 0;
  }

  // Stops the server, cutting open streams.
  void Stop() {
    if (server_ == nullptr) return;
    server_->Shutdown(std::chrono::system_clock::now() + std::chrono::milliseconds(200));
    server_->Wait();
    server_.reset();
  }

  int port() const { return port_; }
  std::string address() const { return absl::StrCat("127.0.0.1:", port_); }

 private:
  v1::IngestService::Service* const service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace alliance::query::testing

#endif  // ALLIANCE_TESTS_QUERY_SERVICE_FAKE_INGEST_H_
