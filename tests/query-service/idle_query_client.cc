// A client that connects to a query service, makes one call and then holds
// its channel open without using it, in a process that serves nothing (so
// nothing polls the channel but gRPC's slow backup poller): how a long-lived
// application sits between its queries. Writes READY_FILE after the call and
// exits after 60 s at most.
//
//   idle_query_client HOST:PORT READY_FILE
#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

#include "alliance/v1/query_service.grpc.pb.h"
#include "grpcpp/grpcpp.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: idle_query_client HOST:PORT READY_FILE\n");
    return 2;
  }
  auto channel = grpc::CreateChannel(argv[1], grpc::InsecureChannelCredentials());
  auto stub = alliance::v1::QueryService::NewStub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  alliance::v1::GetStatusResponse response;
  const grpc::Status status = stub->GetStatus(&context, alliance::v1::GetStatusRequest(), &response);
  if (!status.ok()) {
    std::fprintf(stderr, "GetStatus: %s\n", status.error_message().c_str());
    return 1;
  }
  std::ofstream(argv[2]) << "ready\n";
  std::this_thread::sleep_for(std::chrono::seconds(60));
  return 0;
}
