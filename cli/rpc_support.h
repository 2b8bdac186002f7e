// How alliancectl's commands call the two services: which service a call goes
// to, the deadline and bearer token each call carries, and how a failed call is
// explained to the user and turned into an exit code.
//
// Ownership: nothing here owns anything; functions read the CommandContext they
// are given and write only to its err stream.
//
// Thread contract: the functions are thread-compatible, as the CommandContext
// they use is.
#ifndef ALLIANCE_CLI_RPC_SUPPORT_H_
#define ALLIANCE_CLI_RPC_SUPPORT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "cli/command_context.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"

namespace alliance::cli {

// The service a call goes to.
enum class Service { kIngest, kQuery };

// Returns "ingest" or "query", as messages name the services.
absl::string_view ServiceName(Service service);

// Returns the address `service` is called at.
const std::string& ServiceAddress(const CommandContext& context, Service service);

// Sets the per-call deadline on `call` (the timeout scaled by `calls` for bulk
// streams; none when `calls` is 0, for streams that run until stopped) and the
// bearer token configured for `service`, if any. `call` must not be null.
void PrepareCall(const CommandContext& context, Service service, grpc::ClientContext* call,
                 int calls = 1);

// Returns the canonical name of the status's code ("UNAVAILABLE").
std::string CodeName(const grpc::Status& status);

// Prints what went wrong with a call to `service` — with a hint when the service
// could not be reached, did not answer in time or refused the credentials — and
// returns the exit code: kExitUnreachable when it could not be reached,
// kExitError otherwise.
int ReportRpcError(CommandContext& context, Service service, const grpc::Status& status);

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_RPC_SUPPORT_H_
