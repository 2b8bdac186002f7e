#include "cli/ingest_command.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <ostream>
#include <thread>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_format.h"
#include "cli/command_output.h"
#include "cli/document_inputs.h"
#include "cli/rpc_support.h"
#include "grpcpp/client_context.h"

namespace alliance::cli {
namespace {

// The documents one ingest sends, in order, with the input each came from.
struct DocumentBatch {
  std::vector<std::string> names;
  std::vector<v1::IngestDocumentRequest> requests;
};

std::string FormatCounts(const v1::RecordCounts& counts) {
  return absl::StrFormat("%d events, %d interventions, %d requests", counts.membership_events(),
                         counts.interventions(), counts.assistance_requests());
}

// Reads the inputs named by `args` into requests titled as `options` says.
// Reports each argument or input that could not be read and adds it to `*failed`.
DocumentBatch ReadDocuments(CommandContext& context, const IngestOptions& options,
                            const std::vector<std::string>& args, int* failed) {
  DocumentBatch batch;
  ExpandedInputs inputs = ExpandDirectories(args);
  for (const absl::Status& error : inputs.errors) {
    *context.err << "alliancectl: " << error.message() << "\n";
    ++*failed;
  }
  for (const std::string& name : inputs.names) {
    absl::StatusOr<std::string> text = ReadInput(*context.in, name);
    if (!text.ok()) {
      *context.err << "alliancectl: " << text.status().message() << "\n";
      ++*failed;
      continue;
    }
    v1::IngestDocumentRequest request;
    request.set_client_tag(name);
    v1::Document* document = request.mutable_document();
    document->set_text(*std::move(text));
    if (!options.title.empty()) {
      document->set_title(options.title);
    } else if (name != "-" && !options.title_from_text) {
      document->set_title(TitleFromPath(name));
    }
    batch.names.push_back(name);
    batch.requests.push_back(std::move(request));
  }
  return batch;
}

}  // namespace

int RunIngest(CommandContext& context, const IngestOptions& options,
              const std::vector<std::string>& args) {
  if (args.empty()) return UsageError(context, "ingest: name at least one FILE (\"-\" for stdin)");
  if (std::count(args.begin(), args.end(), "-") > 1) {
    return UsageError(context, "ingest: \"-\" (stdin) may be given only once");
  }
  std::ostream& out = *context.out;
  int failed = 0;
  DocumentBatch batch = ReadDocuments(context, options, args, &failed);
  const std::vector<std::string>& inputs = batch.names;
  const std::vector<v1::IngestDocumentRequest>& requests = batch.requests;
  if (requests.empty()) return kExitError;

  grpc::ClientContext call;
  PrepareCall(context, Service::kIngest, &call, static_cast<int>(requests.size()));
  std::unique_ptr<grpc::ClientReaderWriterInterface<v1::IngestDocumentRequest,
                                                    v1::IngestDocumentResponse>>
      stream = context.ingest->IngestDocuments(&call);
  // Write on a separate thread so that acknowledgements are read while requests
  // are still being sent; flow control would otherwise stall a large batch.
  std::thread writer([&stream, &requests] {
    for (const v1::IngestDocumentRequest& request : requests) {
      if (!stream->Write(request)) break;
    }
    stream->WritesDone();
  });

  int acknowledged = 0, created = 0, duplicates = 0;
  uint64_t last_sequence = 0;
  v1::IngestDocumentResponse response;
  while (acknowledged < static_cast<int>(inputs.size()) && stream->Read(&response)) {
    const std::string& name = inputs[acknowledged];
    ++acknowledged;
    const bool refused = response.has_error() && response.error().code() != 0;
    if (refused) ++failed;
    if (context.options.json) {
      PrintJson(context, response);
    } else if (refused) {
      out << name << "  error  "
          << absl::StatusCodeToString(static_cast<absl::StatusCode>(response.error().code()))
          << ": " << response.error().message() << "\n";
    } else {
      out << name << "  " << (response.duplicate() ? "duplicate" : "new") << "  "
          << response.document_id() << "  seq " << response.sequence() << "  "
          << FormatCounts(response.counts()) << "\n";
    }
    if (!refused) {
      if (response.duplicate()) {
        ++duplicates;
      } else {
        ++created;
      }
      last_sequence = std::max(last_sequence, response.sequence());
    }
    out.flush();
  }
  writer.join();
  const grpc::Status status = stream->Finish();
  if (!status.ok()) {
    const int code = ReportRpcError(context, Service::kIngest, status);
    if (acknowledged < static_cast<int>(inputs.size())) {
      *context.err << "alliancectl: " << inputs.size() - acknowledged
                   << " file(s) were not acknowledged\n";
    }
    return code;
  }
  if (acknowledged < static_cast<int>(inputs.size())) {
    *context.err << "alliancectl: the ingest service ended the stream after " << acknowledged
                 << " of " << inputs.size() << " acknowledgements\n";
    failed += static_cast<int>(inputs.size()) - acknowledged;
  }
  if (!context.options.json) {
    out << absl::StrFormat("%d new, %d duplicate, %d failed; last sequence %d\n", created,
                           duplicates, failed, last_sequence);
  }
  return failed == 0 ? kExitOk : kExitError;
}

}  // namespace alliance::cli
