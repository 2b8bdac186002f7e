// An in-process QueryService on a loopback port over a store holding the sample
// log, for tests that talk gRPC to the service without starting the binary.
#ifndef ALLIANCE_TESTS_QUERY_SERVICE_LOOPBACK_QUERY_SERVER_H_
#define ALLIANCE_TESTS_QUERY_SERVICE_LOOPBACK_QUERY_SERVER_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/grpcpp.h"
#include "query-service/fact_store.h"
#include "tests/query-service/test_changes.h"

namespace alliance::query::testing {

// Opens a store in `path` (sync off, for speed) and applies SampleLog() to it.
inline absl::StatusOr<std::unique_ptr<FactStore>> OpenStoreWithSampleLog(const std::string& path,
                                                                         FactStoreOptions options) {
  options.sync = false;
  absl::StatusOr<std::unique_ptr<FactStore>> store = FactStore::Open(path, options);
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

}  // namespace alliance::query::testing

#endif  // ALLIANCE_TESTS_QUERY_SERVICE_LOOPBACK_QUERY_SERVER_H_
