#include "cli/watch_command.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <ostream>

#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "cli/command_output.h"
#include "cli/fact_tables.h"
#include "cli/formatters.h"
#include "cli/rpc_support.h"
#include "common/backoff.h"
#include "grpcpp/client_context.h"

namespace alliance::cli {
namespace {

constexpr absl::Duration kMaxWatchBackoff = absl::Seconds(5);

// Prints one change as "seq N  KIND  summary" and at most kMaxEvidenceLines
// evidence lines beneath it.
void PrintRecordChange(CommandContext& context, const v1::RecordChange& change) {
  std::ostream& out = *context.out;
  const google::protobuf::RepeatedPtrField<v1::Evidence>* evidence = nullptr;
  std::string summary;
  switch (change.fact_case()) {
    case v1::RecordChange::kMembershipEvent:
      summary = SummarizeMembershipEvent(change.membership_event());
      evidence = &change.membership_event().evidence();
      break;
    case v1::RecordChange::kIntervention:
      summary = SummarizeIntervention(change.intervention());
      evidence = &change.intervention().evidence();
      break;
    case v1::RecordChange::kAssistanceRequest:
      summary = SummarizeAssistanceRequest(change.assistance_request());
      evidence = &change.assistance_request().evidence();
      break;
    case v1::RecordChange::kConflict:
      summary = SummarizeConflict(change.conflict());
      break;
    case v1::RecordChange::FACT_NOT_SET:
      summary = "(no fact)";
      break;
  }
  out << absl::StrFormat("seq %d  %-8s %s\n", change.sequence(), ChangeKindName(change.kind()),
                         summary);
  if (evidence != nullptr) {
    int shown = 0;
    for (const v1::Evidence& item : *evidence) {
      if (shown++ == kMaxEvidenceLines) break;
      out << FormatEvidenceLine(item) << "\n";
    }
  }
}

}  // namespace

int RunWatch(CommandContext& context, const WatchOptions& options,
             const std::vector<std::string>& args) {
  if (!args.empty()) return UsageError(context, "watch takes no arguments");
  v1::WatchRequest request;
  request.set_organization(context.options.organization);
  request.set_country(NormalizeCountry(options.country));
  uint64_t after = options.after;
  bool connected_once = false;
  bool reported_loss = false;
  BackoffOptions backoff_options;  // doubling up to kMaxWatchBackoff, without jitter
  backoff_options.initial = options.initial_backoff;
  backoff_options.max = kMaxWatchBackoff;
  Backoff backoff(backoff_options);
  while (true) {
    request.set_after_sequence(after);
    grpc::ClientContext call;
    PrepareCall(context, Service::kQuery, &call, /*calls=*/0);  // runs until stopped
    std::unique_ptr<grpc::ClientReaderInterface<v1::WatchResponse>> stream =
        context.query->Watch(&call, request);
    v1::WatchResponse response;
    while (stream->Read(&response)) {
      connected_once = true;
      reported_loss = false;
      backoff.Reset();
      after = std::max(after, response.sequence());
      if (context.options.json) {
        if (!PrintJson(context, response)) return kExitError;
      } else {
        for (const v1::RecordChange& change : response.changes()) PrintRecordChange(context, change);
      }
      context.out->flush();
    }
    const grpc::Status status = stream->Finish();
    if (status.ok() || status.error_code() == grpc::StatusCode::CANCELLED) return kExitOk;
    // Once watching has worked, ride out restarts of the query service: resume
    // after the last sequence seen, as the Watch contract allows.
    if (!connected_once || status.error_code() != grpc::StatusCode::UNAVAILABLE) {
      return ReportRpcError(context, Service::kQuery, status);
    }
    if (!reported_loss) {
      *context.err << "alliancectl: watch: lost the query service at " << context.options.query_address
                   << " (" << CodeName(status) << ": " << status.error_message()
                   << "); resuming after sequence " << after << " when it is back\n";
      reported_loss = true;
    }
    absl::SleepFor(backoff.Next());
  }
}

}  // namespace alliance::cli
