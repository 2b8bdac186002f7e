// An in-process QueryService on a loopback port over a store holding the sample
// log, for tests that talk gRPC to the service without starting the binary, and
// the fixture those tests share.
#ifndef ALLIANCE_TESTS_QUERY_SERVICE_LOOPBACK_QUERY_SERVER_H_
#define ALLIANCE_TESTS_QUERY_SERVICE_LOOPBACK_QUERY_SERVER_H_

#include <chrono>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "query-service/fact_store.h"
#include "query-service/query_service_impl.h"
#include "tests/query-service/test_changes.h"
#include "tests/query-service/unsynced_store.h"
#include "tests/testing/subprocess.h"

namespace alliance::query::testing {

// Opens a store in `path` (sync off, for speed) and applies SampleLog() to it.
inline absl::StatusOr<std::unique_ptr<FactStore>> OpenStoreWithSampleLog(const std::string& path,
                                                                         FactStoreOptions options) {
  absl::StatusOr<std::unique_ptr<FactStore>> store = OpenUnsyncedStore(path, options);
  if (!store.ok()) return store.status();
  for (const v1::Change& change : SampleLog()) {
    absl::Status applied = (*store)->Apply(change);
    if (!applied.ok()) return applied;
  }
  return store;
}

// A started server and a stub connected to it.
struct LoopbackServer {
  std::unique_ptr<grpc::Server> server;  // null when the server failed to start
  std::unique_ptr<v1::QueryService::Stub> stub;
};

// Serves `service` (not owned; must outlive the server) on 127.0.0.1:0.
inline LoopbackServer ServeOnLoopback(grpc::Service* service) {
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(service);
  LoopbackServer out;
  out.server = builder.BuildAndStart();
  if (out.server != nullptr) {
    out.stub = v1::QueryService::NewStub(
        grpc::CreateChannel(absl::StrCat("127.0.0.1:", port), grpc::InsecureChannelCredentials()));
  }
  return out;
}

// Runs a QueryServiceImpl over a store holding the sample log in a temporary
// directory, served on a loopback port, for tests that call it through stub_.
// The fixture owns the directory, store, service, server and stub; TearDown
// shuts the service down. Thread-compatible: used from the test's thread.
class LoopbackQueryServiceTest : public ::testing::Test {
 protected:
  // Names the temporary directory after `temp_dir_prefix`.
  explicit LoopbackQueryServiceTest(const std::string& temp_dir_prefix)
      : dir_(alliance::testing::MakeTempDir(temp_dir_prefix)) {}

  // Opens the store with `store_options`, applies the sample log and serves a
  // service built with `options` (Watch polling every 20 ms, to keep tests
  // quick); a fatal test failure when any of it fails.
  void StartService(FactStoreOptions store_options, QueryServiceOptions options) {
    absl::StatusOr<std::unique_ptr<FactStore>> store = OpenStoreWithSampleLog(dir_.path(), store_options);
    ASSERT_TRUE(store.ok()) << store.status();
    store_ = std::move(*store);
    options.watch_poll_interval = absl::Milliseconds(20);
    service_ = std::make_unique<QueryServiceImpl>(store_.get(), nullptr, options);
    LoopbackServer served = ServeOnLoopback(service_.get());
    ASSERT_NE(served.server, nullptr);
    server_ = std::move(served.server);
    stub_ = std::move(served.stub);
  }

  void TearDown() override {
    if (server_ != nullptr) {
      service_->BeginShutdown();
      server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
    }
  }

  ScopedTempDir dir_;
  std::unique_ptr<FactStore> store_;
  std::unique_ptr<QueryServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<v1::QueryService::Stub> stub_;
};

}  // namespace alliance::query::testing

#endif  // ALLIANCE_TESTS_QUERY_SERVICE_LOOPBACK_QUERY_SERVER_H_
