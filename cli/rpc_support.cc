#include "cli/rpc_support.h"

#include <ostream>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "common/grpc_status.h"
#include "grpcpp/channel.h"

namespace alliance::cli {
namespace {

grpc::Channel* ServiceChannel(const CommandContext& context, Service service) {
  return service == Service::kIngest ? context.ingest_channel.get() : context.query_channel.get();
}

}  // namespace

absl::string_view ServiceName(Service service) {
  return service == Service::kIngest ? "ingest" : "query";
}

const std::string& ServiceAddress(const CommandContext& context, Service service) {
  return service == Service::kIngest ? context.options.ingest_address
                                     : context.options.query_address;
}

void PrepareCall(const CommandContext& context, Service service, grpc::ClientContext* call,
                 int calls) {
  if (calls > 0) {
    call->set_deadline(absl::ToChronoTime(absl::Now() + context.options.timeout * calls));
  }
  if (service == Service::kIngest && !context.options.token.empty()) {
    call->AddMetadata("authorization", absl::StrCat("Bearer ", context.options.token));
  }
  if (service == Service::kQuery && !context.options.query_token.empty()) {
    call->AddMetadata("authorization", absl::StrCat("Bearer ", context.options.query_token));
  }
}

std::string CodeName(const grpc::Status& status) { return GrpcCodeName(status.error_code()); }

int ReportRpcError(CommandContext& context, Service service, const grpc::Status& status) {
  std::ostream& err = *context.err;
  const std::string& address = ServiceAddress(context, service);
  const absl::string_view name = ServiceName(service);
  const std::string detail = absl::StrCat(CodeName(status), ": ", status.error_message());
  grpc::Channel* channel = ServiceChannel(context, service);
  const bool never_connected =
      channel != nullptr && channel->GetState(false) != GRPC_CHANNEL_READY;
  // A deadline that ran out before the channel ever connected means the
  // service is not there, as UNAVAILABLE does.
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE ||
      (status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED && never_connected)) {
    err << "alliancectl: cannot reach the " << name << " service at " << address << " ("
        << detail << "). Is " << name << "-service running?\n";
    return kExitUnreachable;
  }
  switch (status.error_code()) {
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      err << "alliancectl: the " << name << " service at " << address << " did not answer within "
          << absl::FormatDuration(context.options.timeout) << " (" << detail
          << "); raise --timeout\n";
      return kExitError;
    case grpc::StatusCode::INVALID_ARGUMENT:
      err << "alliancectl: " << status.error_message() << "\n";
      return kExitError;
    case grpc::StatusCode::UNAUTHENTICATED:
    case grpc::StatusCode::PERMISSION_DENIED:
      err << "alliancectl: the " << name << " service at " << address << " refused the call ("
          << detail << (service == Service::kIngest ? "); pass --token or --token_file\n"
                                                    : "); pass --query_token or --query_token_file\n");
      return kExitError;
    default:
      err << "alliancectl: " << name << " service at " << address << ": " << detail << "\n";
      return kExitError;
  }
}

}  // namespace alliance::cli
