#include "cli/service_status_commands.h"

#include <algorithm>
#include <memory>
#include <ostream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cli/command_output.h"
#include "cli/rpc_support.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/client_context.h"

namespace alliance::cli {
namespace {

constexpr absl::Duration kDefaultWaitTimeout = absl::Seconds(30);

}  // namespace

int RunStatus(CommandContext& context, const std::vector<std::string>& args) {
  if (!args.empty()) return UsageError(context, "status takes no arguments");
  v1::GetStatusResponse response;
  grpc::ClientContext call;
  PrepareCall(context, Service::kQuery, &call);
  const grpc::Status status = context.query->GetStatus(&call, v1::GetStatusRequest(), &response);
  if (!status.ok()) return ReportRpcError(context, Service::kQuery, status);
  if (context.options.json) return PrintJson(context, response) ? kExitOk : kExitError;
  std::ostream& out = *context.out;
  out << absl::StrFormat("%-18s%s\n", "query service", context.options.query_address)
      << absl::StrFormat("%-18s%d\n", "applied sequence", response.applied_sequence())
      << absl::StrFormat("%-18s%d\n", "staged sequence", response.staged_sequence())
      << absl::StrFormat("%-18s%d\n", "ingest sequence", response.ingest_sequence())
      << absl::StrFormat("%-18s%s\n", "caught up", response.caught_up() ? "yes" : "no")
      << absl::StrFormat("%-18s%s\n", "connected", response.connected() ? "yes" : "no")
      << absl::StrFormat("%-18s%d\n", "documents", response.documents())
      << absl::StrFormat("%-18s%d\n", "facts", response.facts())
      << absl::StrFormat("%-18s%s\n", "state digest",
                         response.state_digest().empty() ? "-" : response.state_digest());
  return kExitOk;
}

int RunWaitCaughtUp(CommandContext& context, const WaitCaughtUpOptions& options,
                    const std::vector<std::string>& args) {
  if (!args.empty()) return UsageError(context, "wait-caught-up takes no arguments");
  const absl::Duration limit = options.limit.value_or(kDefaultWaitTimeout);
  const absl::Time give_up = absl::Now() + limit;
  v1::GetStatusResponse last;
  grpc::Status last_error = grpc::Status::OK;
  bool answered = false;
  while (true) {
    const absl::Duration remaining = give_up - absl::Now();
    if (remaining <= absl::ZeroDuration()) break;
    grpc::ClientContext call;
    call.set_deadline(absl::ToChronoTime(
        absl::Now() + std::min(remaining, std::min(context.options.timeout, absl::Seconds(10)))));
    v1::GetStatusResponse response;
    const grpc::Status status = context.query->GetStatus(&call, v1::GetStatusRequest(), &response);
    if (status.ok()) {
      answered = true;
      last = response;
      last_error = grpc::Status::OK;
      if (response.caught_up() && response.applied_sequence() >= response.ingest_sequence() &&
          response.applied_sequence() >= options.sequence) {
        if (context.options.json) return PrintJson(context, response) ? kExitOk : kExitError;
        *context.out << "caught up at sequence " << response.applied_sequence() << "\n";
        return kExitOk;
      }
    } else if (status.error_code() == grpc::StatusCode::UNAVAILABLE ||
               status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
      last_error = status;  // the service may still be starting; keep polling
    } else {
      return ReportRpcError(context, Service::kQuery, status);
    }
    const absl::Duration pause = std::min(options.poll_interval, give_up - absl::Now());
    if (pause > absl::ZeroDuration()) absl::SleepFor(pause);
  }
  // Never answered: say why it could not be reached. Otherwise the last poll may
  // merely have run into the overall limit; report the last state seen.
  if (!answered && !last_error.ok()) return ReportRpcError(context, Service::kQuery, last_error);
  *context.err << "alliancectl: the query service did not catch up within "
               << absl::FormatDuration(limit);
  if (answered) {
    *context.err << " (applied " << last.applied_sequence() << ", ingest " << last.ingest_sequence()
                 << ", caught_up " << (last.caught_up() ? "yes" : "no") << ")";
  }
  if (!last_error.ok()) *context.err << "; last poll: " << CodeName(last_error);
  *context.err << "\n";
  return kExitError;
}

int RunHealth(CommandContext& context, const std::vector<std::string>& args) {
  if (args.size() > 2) return UsageError(context, "health takes [ingest|query] [SERVICE]");
  Service service = Service::kQuery;
  if (!args.empty()) {
    if (args[0] == "ingest") {
      service = Service::kIngest;
    } else if (args[0] != "query") {
      return UsageError(context, absl::StrCat("health: \"", args[0], "\" is neither ingest nor query"));
    }
  }
  grpc::health::v1::HealthCheckRequest request;
  if (args.size() == 2) request.set_service(args[1]);
  auto stub = grpc::health::v1::Health::NewStub(
      service == Service::kIngest ? context.ingest_channel : context.query_channel);
  grpc::health::v1::HealthCheckResponse response;
  grpc::ClientContext call;
  call.set_deadline(absl::ToChronoTime(absl::Now() + context.options.timeout));
  const grpc::Status status = stub->Check(&call, request, &response);
  if (!status.ok()) return ReportRpcError(context, service, status);
  if (context.options.json) {
    if (!PrintJson(context, response)) return kExitError;
  } else {
    *context.out << ServiceName(service) << " service at " << ServiceAddress(context, service) << ": "
                 << grpc::health::v1::HealthCheckResponse::ServingStatus_Name(response.status())
                 << "\n";
  }
  return response.status() == grpc::health::v1::HealthCheckResponse::SERVING ? kExitOk : kExitError;
}

}  // namespace alliance::cli
