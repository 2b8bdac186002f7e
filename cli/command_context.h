// CommandContext: what one alliancectl subcommand works with — the settings all
// subcommands share (GlobalOptions), channels and stubs to the ingest and query
// services, and the streams to read from and write to — and alliancectl's exit
// codes. A subcommand's own flags come in its own options struct.
//
// Ownership: a context owns its channels and stubs; it borrows its streams,
// which must outlive it. Tests build a context with MakeCommandContext against
// fake servers and run commands in-process.
//
// Thread contract: CommandContext is thread-compatible (one invocation, one
// thread at a time); the gRPC channels and stubs inside are thread-safe.
#ifndef ALLIANCE_CLI_COMMAND_CONTEXT_H_
#define ALLIANCE_CLI_COMMAND_CONTEXT_H_

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>

#include "absl/time/time.h"
#include "alliance/v1/ingest_service.grpc.pb.h"
#include "alliance/v1/query_service.grpc.pb.h"
#include "common/tls_credentials.h"
#include "grpcpp/channel.h"

namespace alliance::cli {

// Exit codes of alliancectl.
inline constexpr int kExitOk = 0;
// A failed call, bad input, a refused document, or a usage error.
inline constexpr int kExitError = 1;
// A service could not be reached.
inline constexpr int kExitUnreachable = 2;

// Settings every command shares, from the global flags and the environment:
// where the services are, how to call them, and how to print. What one command
// alone reads (a filter, a title) is in that command's own options struct.
struct GlobalOptions {
  std::string ingest_address = "127.0.0.1:50051";
  std::string query_address = "127.0.0.1:50052";
  // Print one JSON object per response instead of tables.
  bool json = false;
  // Also show facts that are not asserted (hypothetical, reported, ...).
  bool include_unasserted = false;
  // Deadline of each call.
  absl::Duration timeout = absl::Seconds(10);
  // Bearer token sent to the ingest service when not empty.
  std::string token;
  // Bearer token sent to the query service when not empty.
  std::string query_token;
  // TLS to both services when tls.ca_file is set (client certificate optional).
  ClientTlsFiles tls;
  // page_size of List requests; 0 lets the service choose.
  int32_t page_size = 0;
  // Organization code of queries; empty lets the service choose.
  std::string organization;
  // known_as_of_sequence of queries: answer as the replica knew it after this
  // change-log sequence (0: now).
  uint64_t known_as_of = 0;
  // known_as_of_unix of queries: answer as the replica knew it at this Unix
  // time in seconds (0: now). At most one of the two is set.
  int64_t known_as_of_unix = 0;
};

// Sets the knowledge time of `options` (known_as_of, known_as_of_unix) on a
// query `request` (not null).
template <typename Request>
void SetKnowledgeTime(const GlobalOptions& options, Request* request) {
  request->set_known_as_of_sequence(options.known_as_of);
  request->set_known_as_of_unix(options.known_as_of_unix);
}

// What a subcommand works with: the shared options, the two services, and where
// to write. The streams are not owned and must outlive the context.
// Thread-compatible.
struct CommandContext {
  GlobalOptions options;
  std::shared_ptr<grpc::Channel> query_channel;
  std::shared_ptr<grpc::Channel> ingest_channel;
  std::unique_ptr<v1::QueryService::StubInterface> query;
  std::unique_ptr<v1::IngestService::StubInterface> ingest;
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
  std::istream* in = nullptr;
};

// Creates a context with channels to the addresses in `options`: TLS when
// options.tls.ca_file is set (the files must be readable; main() checks them
// with MakeChannelCredentials first), plaintext otherwise. No connection is made
// until a command calls. None of the streams may be null.
std::unique_ptr<CommandContext> MakeCommandContext(GlobalOptions options, std::ostream* out,
                                                   std::ostream* err, std::istream* in);

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_COMMAND_CONTEXT_H_
