// CommandContext: what one alliancectl subcommand works with — the settings of
// the invocation, channels and stubs to the ingest and query services, and the
// streams to read from and write to — and alliancectl's exit codes.
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

// Settings of one invocation, from flags and the environment.
struct CliOptions {
  // Constant after flag parsing: where the services are and how to call them.
  std::string ingest_address = "127.0.0.1:50051";
  std::string query_address = "127.0.0.1:50052";
  bool json = false;
  bool include_unasserted = false;
  // Per-call deadline; wait-caught-up uses it as its overall limit when given.
  absl::Duration timeout = absl::Seconds(10);
  bool timeout_given = false;
  // Bearer token sent to the ingest service when not empty.
  std::string token;
  // Bearer token sent to the query service when not empty.
  std::string query_token;
  // TLS to both services when tls.ca_file is set (client certificate optional).
  ClientTlsFiles tls;
  // page_size of List requests; 0 lets the service choose.
  int32_t page_size = 0;

  // Filters of the subcommands; empty or zero means unset.
  std::string organization;
  std::string country;
  std::string action;
  std::string host;
  std::string outcome;
  std::string from;
  std::string to;
  std::string as_of;
  std::string title;
  // ingest: leave titles empty so the service reads them from the text.
  bool title_from_text = false;
  bool observers = false;
  uint64_t after = 0;
  // wait-caught-up: also wait until applied_sequence reaches this.
  uint64_t sequence = 0;
  // wait-caught-up: pause between GetStatus polls.
  absl::Duration poll_interval = absl::Milliseconds(250);
  // watch: first pause before resuming a lost stream (doubles up to 5s).
  absl::Duration initial_backoff = absl::Milliseconds(500);
};

// What a subcommand works with: options, the two services, and where to write.
// The streams are not owned and must outlive the context. Thread-compatible.
struct CommandContext {
  CliOptions options;
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
std::unique_ptr<CommandContext> MakeCommandContext(CliOptions options, std::ostream* out,
                                                   std::ostream* err, std::istream* in);

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_COMMAND_CONTEXT_H_
