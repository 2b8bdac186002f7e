// alliancectl's subcommands. Each runs against the stubs and streams of a
// CommandContext, so tests can run them in-process against fake servers.
#ifndef ALLIANCE_CLI_COMMANDS_H_
#define ALLIANCE_CLI_COMMANDS_H_

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

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

// Runs the subcommand named by args[0] with the positional arguments that follow
// and returns the exit code. An empty `args` or "help" prints the usage text.
int RunCommand(CommandContext& context, const std::vector<std::string>& args);

// The subcommands; `args` are the positional arguments after the name.
int RunIngest(CommandContext& context, const std::vector<std::string>& args);
int RunMembers(CommandContext& context, const std::vector<std::string>& args);
int RunHistory(CommandContext& context, const std::vector<std::string>& args);
int RunEvents(CommandContext& context, const std::vector<std::string>& args);
int RunInterventions(CommandContext& context, const std::vector<std::string>& args);
int RunRequests(CommandContext& context, const std::vector<std::string>& args);
int RunConflicts(CommandContext& context, const std::vector<std::string>& args);
int RunEvidence(CommandContext& context, const std::vector<std::string>& args);
int RunStatus(CommandContext& context, const std::vector<std::string>& args);
int RunWatch(CommandContext& context, const std::vector<std::string>& args);
int RunWaitCaughtUp(CommandContext& context, const std::vector<std::string>& args);
int RunHealth(CommandContext& context, const std::vector<std::string>& args);

// Returns the usage text printed by `alliancectl help`.
std::string UsageText();

// Rewrites "--as-of=2005" as "--as_of=2005" (flag names with dashes, as people
// type them, into the underscores flag libraries need). Arguments after "--" and
// values are left alone.
std::vector<std::string> CanonicalFlagSpelling(const std::vector<std::string>& args);

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_COMMANDS_H_
