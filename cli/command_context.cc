#include "cli/command_context.h"

#include <ostream>
#include <utility>

#include "absl/status/statusor.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace alliance::cli {
namespace {

// Responses carry evidence sentences; allow pages well beyond gRPC's 4 MiB default.
constexpr int kMaxReceiveMessageBytes = 64 << 20;

}  // namespace

std::unique_ptr<CommandContext> MakeCommandContext(GlobalOptions options, std::ostream* out,
                                                   std::ostream* err, std::istream* in) {
  auto context = std::make_unique<CommandContext>();
  context->options = std::move(options);
  grpc::ChannelArguments arguments = MakeChannelArguments(context->options.tls);
  arguments.SetMaxReceiveMessageSize(kMaxReceiveMessageBytes);
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials =
      MakeChannelCredentials(context->options.tls);
  if (!credentials.ok()) {
    // Never fall back to plaintext when TLS was asked for: system roots instead.
    *err << "alliancectl: " << credentials.status().message() << "\n";
    credentials = grpc::SslCredentials(grpc::SslCredentialsOptions());
  }
  context->query_channel =
      grpc::CreateCustomChannel(context->options.query_address, *credentials, arguments);
  context->ingest_channel =
      grpc::CreateCustomChannel(context->options.ingest_address, *credentials, arguments);
  context->query = v1::QueryService::NewStub(context->query_channel);
  context->ingest = v1::IngestService::NewStub(context->ingest_channel);
  context->out = out;
  context->err = err;
  context->in = in;
  return context;
}

}  // namespace alliance::cli
