#include "cli/commands.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <sstream>
#include <thread>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "cli/formatters.h"
#include "cli/table_printer.h"
#include "common/grpc_status.h"
#include "common/partial_date.h"
#include "google/protobuf/util/json_util.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace alliance::cli {
namespace {

// Responses carry evidence sentences; allow pages well beyond gRPC's 4 MiB default.
constexpr int kMaxReceiveMessageBytes = 64 << 20;
constexpr absl::Duration kDefaultWaitTimeout = absl::Seconds(30);
// Evidence lines beneath a fact are limited so one fact cannot flood the screen.
constexpr int kMaxEvidenceLines = 5;
constexpr absl::Duration kMaxWatchBackoff = absl::Seconds(5);

enum class Service { kIngest, kQuery };

absl::string_view ServiceName(Service service) {
  return service == Service::kIngest ? "ingest" : "query";
}

const std::string& ServiceAddress(const CommandContext& context, Service service) {
  return service == Service::kIngest ? context.options.ingest_address
                                     : context.options.query_address;
}

grpc::Channel* ServiceChannel(const CommandContext& context, Service service) {
  return service == Service::kIngest ? context.ingest_channel.get() : context.query_channel.get();
}

// Sets the per-call deadline (scaled by `calls` for bulk streams) and, for the
// ingest service, the bearer token.
void PrepareCall(const CommandContext& context, Service service, grpc::ClientContext* call,
                 int calls = 1) {
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

// Prints what went wrong with a call to `service` and returns the exit code.
int ReportRpcError(CommandContext& context, Service service, const grpc::Status& status) {
  std::ostream& err = *context.err;
  const std::string& address = ServiceAddress(context, service);
  const absl::string_view name = ServiceName(service);
  const std::string detail = absl::StrCat(CodeName(status), ": ", status.error_message());
  grpc::Channel* channel = ServiceChannel(context, service);
  const bool never_connected =
      channel != nullptr && channel->GetState(false) != GRPC_CHANNEL_READY;
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
      err << "alliancectl: cannot reach the " << name << " service at " << address << " ("
          << detail << "). Is " << name << "-service running?\n";
      return kExitUnreachable;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      if (never_connected) {
        err << "alliancectl: cannot reach the " << name << " service at " << address << " ("
            << detail << "). Is " << name << "-service running?\n";
        return kExitUnreachable;
      }
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

// Prints a client-side error (bad flag value, unreadable file) and returns kExitError.
int ReportError(CommandContext& context, const absl::Status& status) {
  *context.err << "alliancectl: " << status.message() << "\n";
  return kExitError;
}

int UsageError(CommandContext& context, absl::string_view message) {
  *context.err << "alliancectl: " << message << "\nRun 'alliancectl help' for usage.\n";
  return kExitError;
}

// Writes `message` as one line of JSON. Returns false (after reporting) on failure.
bool PrintJson(CommandContext& context, const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = false;
  const auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    *context.err << "alliancectl: cannot print " << message.GetTypeName() << " as JSON: "
                 << status.ToString() << "\n";
    return false;
  }
  *context.out << json << "\n";
  return true;
}

// Adds the evidence lines of one fact; `total` is how many quotes the fact has
// (its evidence_total; the answer carries a few), `fact_id` where to get them.
void AddEvidence(TablePrinter& table, const google::protobuf::RepeatedPtrField<v1::Evidence>& evidence,
                 int32_t total, const std::string& fact_id, int indent = 2) {
  int shown = 0;
  for (const v1::Evidence& item : evidence) {
    if (shown == kMaxEvidenceLines) break;
    table.AddDetail(FormatEvidenceLine(item, indent));
    ++shown;
  }
  const int more = std::max(total, evidence.size()) - shown;
  if (more > 0) {
    table.AddDetail(absl::StrCat(std::string(indent, ' '), "(", more, " more quotes",
                                 fact_id.empty() ? "" : absl::StrCat("; alliancectl evidence ", fact_id), ")"));
  }
}

// Returns "disputed" and/or the factuality when it is not ASSERTED (with the
// speaker of a REPORTED fact), for a NOTES column.
std::string Notes(v1::Factuality factuality, bool disputed, const std::string& reported_by = "") {
  std::vector<std::string> notes;
  if (factuality == v1::FACTUALITY_REPORTED) {
    notes.push_back(ReportedNote(factuality, reported_by));
  } else if (factuality != v1::FACTUALITY_ASSERTED && factuality != v1::FACTUALITY_UNSPECIFIED) {
    notes.push_back(FactualityName(factuality));
  }
  if (disputed) notes.push_back("DISPUTED");
  return absl::StrJoin(notes, ",");
}

TablePrinter::Column Left(std::string header, size_t max_width = 0) {
  return TablePrinter::Column{std::move(header), TablePrinter::Align::kLeft, max_width, false};
}
TablePrinter::Column Right(std::string header) {
  return TablePrinter::Column{std::move(header), TablePrinter::Align::kRight, 0, false};
}
TablePrinter::Column Optional(std::string header) {
  return TablePrinter::Column{std::move(header), TablePrinter::Align::kLeft, 0, true};
}

void PrintTableOrNone(CommandContext& context, const TablePrinter& table, absl::string_view none) {
  if (table.row_count() == 0) {
    *context.out << none << "\n";
    return;
  }
  table.Print(*context.out);
}

// Calls a paged List method until next_page_token is empty. In --json mode prints
// each page as it arrives; otherwise hands each page to `on_page`.
template <typename Request, typename Response>
int FetchAllPages(
    CommandContext& context, Request request,
    std::function<grpc::Status(grpc::ClientContext*, const Request&, Response*)> call,
    const std::function<void(const Response&)>& on_page) {
  request.set_page_size(context.options.page_size);
  std::string previous_token;
  while (true) {
    Response response;
    grpc::ClientContext call_context;
    PrepareCall(context, Service::kQuery, &call_context);
    const grpc::Status status = call(&call_context, request, &response);
    if (!status.ok()) return ReportRpcError(context, Service::kQuery, status);
    if (context.options.json) {
      if (!PrintJson(context, response)) return kExitError;
    } else {
      on_page(response);
    }
    const std::string& next = response.next_page_token();
    if (next.empty()) return kExitOk;
    if (next == request.page_token()) {
      *context.err << "alliancectl: the query service returned the same page token twice; stopping\n";
      return kExitError;
    }
    request.set_page_token(next);
  }
}

// A parsed date filter, or the exit code after reporting why it did not parse.
bool ParseDateOption(CommandContext& context, absl::string_view text, absl::string_view flag,
                     v1::PartialDate* date, int* exit_code) {
  absl::StatusOr<v1::PartialDate> parsed = ParseDateFlag(text, flag);
  if (!parsed.ok()) {
    *exit_code = ReportError(context, parsed.status());
    return false;
  }
  *date = *std::move(parsed);
  return true;
}

// --- ingest -----------------------------------------------------------------

// Returns the title for a file: its base name without the extension.
std::string TitleFromPath(absl::string_view path) {
  const size_t slash = path.find_last_of('/');
  absl::string_view base = slash == absl::string_view::npos ? path : path.substr(slash + 1);
  const size_t dot = base.find_last_of('.');
  if (dot != absl::string_view::npos && dot > 0) base = base.substr(0, dot);
  return std::string(base);
}

absl::StatusOr<std::string> ReadInput(CommandContext& context, const std::string& name) {
  if (name == "-") {
    return std::string(std::istreambuf_iterator<char>(*context.in), std::istreambuf_iterator<char>());
  }
  std::ifstream file(name, std::ios::binary);
  if (!file) return absl::NotFoundError(absl::StrCat(name, ": cannot open file"));
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (file.bad()) return absl::DataLossError(absl::StrCat(name, ": read error"));
  return text;
}

// Expands directory arguments into the regular, non-hidden files they contain,
// sorted by name; other arguments pass through. Reports unreadable directories.
std::vector<std::string> ExpandDirectories(CommandContext& context, const std::vector<std::string>& args,
                                           int* failed) {
  std::vector<std::string> names;
  for (const std::string& arg : args) {
    std::error_code error;
    if (arg == "-" || !std::filesystem::is_directory(arg, error)) {
      names.push_back(arg);
      continue;
    }
    std::vector<std::string> files;
    for (std::filesystem::directory_iterator it(arg, error), end; !error && it != end; it.increment(error)) {
      const std::string file_name = it->path().filename().string();
      if (file_name.empty() || file_name[0] == '.') continue;
      std::error_code type_error;
      if (it->is_regular_file(type_error)) files.push_back(it->path().string());
    }
    if (error) {
      *context.err << "alliancectl: " << arg << ": cannot list directory (" << error.message() << ")\n";
      ++*failed;
      continue;
    }
    if (files.empty()) {
      *context.err << "alliancectl: " << arg << ": directory has no files\n";
      ++*failed;
      continue;
    }
    std::sort(files.begin(), files.end());
    names.insert(names.end(), files.begin(), files.end());
  }
  return names;
}

std::string FormatCounts(const v1::RecordCounts& counts) {
  return absl::StrFormat("%d events, %d interventions, %d requests", counts.membership_events(),
                         counts.interventions(), counts.assistance_requests());
}

// --- watch ------------------------------------------------------------------

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

// --- dispatch -----------------------------------------------------------------

struct CommandSpec {
  const char* name;
  int (*run)(CommandContext&, const std::vector<std::string>&);
  const char* synopsis;
  const char* summary;
};

const std::vector<CommandSpec>& Commands() {
  static const auto* commands = new std::vector<CommandSpec>{
      {"ingest", &RunIngest, "ingest FILE|DIR... [--title T | --title-from-text]",
       "send articles (a directory: its files; \"-\": stdin); one line per acknowledgement"},
      {"members", &RunMembers, "members [--as-of DATE] [--observers]",
       "members (and observers) on a date"},
      {"history", &RunHistory, "history COUNTRY", "a country's membership events and periods"},
      {"events", &RunEvents, "events [--country X] [--action A] [--from D] [--to D]",
       "membership events across countries"},
      {"interventions", &RunInterventions, "interventions [--host X] [--from D] [--to D]",
       "interventions, by start date"},
      {"requests", &RunRequests,
       "requests [--country X] [--outcome granted|denied|not_requested|pending] [--from D] [--to D]",
       "requests for help and their outcomes"},
      {"conflicts", &RunConflicts, "conflicts", "where sources disagree"},
      {"evidence", &RunEvidence, "evidence FACT_ID", "every quote behind one fact (answers carry a few)"},
      {"status", &RunStatus, "status", "how far the query service has followed the change feed"},
      {"watch", &RunWatch, "watch [--after N] [--country X]",
       "print fact changes as they happen, until Ctrl-C"},
      {"wait-caught-up", &RunWaitCaughtUp, "wait-caught-up [--timeout 30s] [--sequence N]",
       "wait until the query service has applied everything ingested"},
      {"health", &RunHealth, "health [ingest|query] [SERVICE]",
       "grpc.health.v1 check (default: query, whole server); exit 0 when SERVING"},
  };
  return *commands;
}

}  // namespace

std::unique_ptr<CommandContext> MakeCommandContext(CliOptions options, std::ostream* out,
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

std::string UsageText() {
  std::string text =
      "alliancectl: ask Alliance Ledger about membership history and interventions.\n\n"
      "Usage: alliancectl [global flags] COMMAND [flags] [args]\n\nCommands:\n";
  for (const CommandSpec& command : Commands()) {
    absl::StrAppend(&text, "  ", command.synopsis, "\n      ", command.summary, "\n");
  }
  absl::StrAppend(
      &text,
      "  help\n      this text\n\n"
      "Global flags (each also from the environment, e.g. ALLIANCE_QUERY):\n"
      "  --ingest=HOST:PORT      ingest service (default 127.0.0.1:50051)\n"
      "  --query=HOST:PORT       query service (default 127.0.0.1:50052)\n"
      "  --json                  one JSON object per response, for scripts\n"
      "  --include-unasserted    also show hypothetical, proposed, negated and reported facts\n"
      "  --timeout=10s           deadline of each call\n"
      "  --token=T               bearer token for the ingest service (also --token_file=PATH,\n"
      "                          ALLIANCE_INGEST_TOKEN or ALLIANCE_INGEST_TOKEN_FILE)\n"
      "  --query_token=T         bearer token for the query service (also --query_token_file=PATH,\n"
      "                          ALLIANCE_QUERY_TOKEN)\n"
      "  --tls_ca=PEM            use TLS to both services, trusting this CA; --tls_cert=PEM and\n"
      "                          --tls_key=PEM add a client certificate (mutual TLS);\n"
      "                          --tls_server_name=NAME overrides the expected server name\n"
      "  --page-size=N           page size of List calls (all pages are printed)\n"
      "  --organization=CODE     organization (default: the service's, CSTO)\n\n"
      "Dates are YYYY, YYYY-MM or YYYY-MM-DD.\n"
      "Exit codes: 0 success, 1 error, 2 a service could not be reached.\n");
  return text;
}

std::vector<std::string> CanonicalFlagSpelling(const std::vector<std::string>& args) {
  std::vector<std::string> result;
  result.reserve(args.size());
  bool flags_ended = false;
  for (const std::string& arg : args) {
    if (flags_ended || arg == "--" || !absl::StartsWith(arg, "-") || arg == "-") {
      if (arg == "--") flags_ended = true;
      result.push_back(arg);
      continue;
    }
    const size_t dashes = absl::StartsWith(arg, "--") ? 2 : 1;
    const size_t equals = arg.find('=');
    const size_t name_end = equals == std::string::npos ? arg.size() : equals;
    std::string canonical = arg;
    std::replace(canonical.begin() + dashes, canonical.begin() + name_end, '-', '_');
    result.push_back(std::move(canonical));
  }
  return result;
}

int RunCommand(CommandContext& context, const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "help") {
    *context.out << UsageText();
    return kExitOk;
  }
  for (const CommandSpec& command : Commands()) {
    if (args[0] == command.name) {
      return command.run(context, std::vector<std::string>(args.begin() + 1, args.end()));
    }
  }
  return UsageError(context, absl::StrCat("unknown command \"", args[0], "\""));
}

int RunIngest(CommandContext& context, const std::vector<std::string>& args) {
  if (args.empty()) return UsageError(context, "ingest: name at least one FILE (\"-\" for stdin)");
  if (std::count(args.begin(), args.end(), "-") > 1) {
    return UsageError(context, "ingest: \"-\" (stdin) may be given only once");
  }
  std::ostream& out = *context.out;
  int failed = 0;
  std::vector<std::string> inputs;  // names of the files sent, in order
  std::vector<v1::IngestDocumentRequest> requests;
  for (const std::string& name : ExpandDirectories(context, args, &failed)) {
    absl::StatusOr<std::string> text = ReadInput(context, name);
    if (!text.ok()) {
      *context.err << "alliancectl: " << text.status().message() << "\n";
      ++failed;
      continue;
    }
    v1::IngestDocumentRequest request;
    request.set_client_tag(name);
    v1::Document* document = request.mutable_document();
    document->set_text(*std::move(text));
    if (!context.options.title.empty()) {
      document->set_title(context.options.title);
    } else if (name != "-" && !context.options.title_from_text) {
      document->set_title(TitleFromPath(name));
    }
    inputs.push_back(name);
    requests.push_back(std::move(request));
  }
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

int RunMembers(CommandContext& context, const std::vector<std::string>& args) {
  if (!args.empty()) return UsageError(context, "members takes no arguments");
  v1::ListMembersRequest request;
  int exit_code = kExitOk;
  if (!ParseDateOption(context, context.options.as_of, "--as-of", request.mutable_as_of(),
                       &exit_code)) {
    return exit_code;
  }
  request.set_organization(context.options.organization);
  request.set_include_observers(context.options.observers);
  TablePrinter table({Left("COUNTRY"), Left("STATUS"), Left("SINCE"), Optional("NOTES")});
  const int code = FetchAllPages<v1::ListMembersRequest, v1::ListMembersResponse>(
      context, request,
      [&context](grpc::ClientContext* call, const v1::ListMembersRequest& r,
                 v1::ListMembersResponse* response) {
        return context.query->ListMembers(call, r, response);
      },
      [&table](const v1::ListMembersResponse& page) {
        for (const v1::Member& member : page.members()) {
          table.AddRow({member.country(), StatusName(member.status()),
                        FormatBoundaryCell(member.since(), member.since_at_latest(), "-"),
                        ReportedNote(member.factuality(), member.reported_by())});
          AddEvidence(table, member.evidence(), member.evidence_total(), "");
        }
      });
  if (code == kExitOk && !context.options.json) PrintTableOrNone(context, table, "No members.");
  return code;
}

int RunHistory(CommandContext& context, const std::vector<std::string>& args) {
  if (args.size() != 1) return UsageError(context, "history takes one COUNTRY (e.g. UZB)");
  v1::GetMembershipHistoryRequest request;
  request.set_country(NormalizeCountry(args[0]));
  request.set_organization(context.options.organization);
  request.set_include_unasserted(context.options.include_unasserted);
  v1::GetMembershipHistoryResponse response;
  grpc::ClientContext call;
  PrepareCall(context, Service::kQuery, &call);
  const grpc::Status status = context.query->GetMembershipHistory(&call, request, &response);
  if (!status.ok()) return ReportRpcError(context, Service::kQuery, status);
  if (context.options.json) return PrintJson(context, response) ? kExitOk : kExitError;

  TablePrinter events({Left("DATE"), Left("ACTION"), Left("ORG"), Right("SOURCES"),
                       Right("CONFIDENCE"), Optional("NOTES")});
  for (const v1::MembershipEvent& event : response.events()) {
    events.AddRow({FormatDateCell(event.date()), ActionName(event.action()), event.organization(),
                   absl::StrCat(event.sources()), FormatConfidence(event.confidence()),
                   Notes(event.factuality(), event.disputed(), event.reported_by())});
    AddEvidence(events, event.evidence(), event.evidence_total(), event.id());
  }
  PrintTableOrNone(context, events, absl::StrCat("No membership events for ", request.country(), "."));
  if (response.periods_size() > 0) {
    TablePrinter periods({Left("STATUS"), Left("FROM"), Left("TO"), Optional("NOTES")});
    for (const v1::MembershipPeriod& period : response.periods()) {
      // An undated end has as_written "unknown"; a period without an end continues.
      const bool ended = !IsUnset(period.to()) || !period.to().as_written().empty();
      periods.AddRow({StatusName(period.status()),
                      FormatBoundaryCell(period.from(), period.from_at_latest(), "-"),
                      ended ? FormatBoundaryCell(period.to(), period.to_at_latest(), "unknown") : "now",
                      ReportedNote(period.factuality(), period.reported_by())});
    }
    *context.out << "\n";
    periods.Print(*context.out);
  }
  return kExitOk;
}

int RunEvents(CommandContext& context, const std::vector<std::string>& args) {
  if (!args.empty()) return UsageError(context, "events takes no arguments; filter with --country");
  v1::ListMembershipEventsRequest request;
  int exit_code = kExitOk;
  if (!ParseDateOption(context, context.options.from, "--from", request.mutable_from(), &exit_code) ||
      !ParseDateOption(context, context.options.to, "--to", request.mutable_to(), &exit_code)) {
    return exit_code;
  }
  if (!context.options.action.empty()) {
    absl::StatusOr<v1::MembershipAction> action = ParseAction(context.options.action, "--action");
    if (!action.ok()) return ReportError(context, action.status());
    request.set_action(*action);
  }
  request.set_organization(context.options.organization);
  request.set_country(NormalizeCountry(context.options.country));
  request.set_include_unasserted(context.options.include_unasserted);
  TablePrinter table({Left("COUNTRY"), Left("ACTION"), Left("DATE"), Right("SOURCES"),
                      Right("CONFIDENCE"), Optional("NOTES")});
  const int code = FetchAllPages<v1::ListMembershipEventsRequest, v1::ListMembershipEventsResponse>(
      context, request,
      [&context](grpc::ClientContext* call, const v1::ListMembershipEventsRequest& r,
                 v1::ListMembershipEventsResponse* response) {
        return context.query->ListMembershipEvents(call, r, response);
      },
      [&table](const v1::ListMembershipEventsResponse& page) {
        for (const v1::MembershipEvent& event : page.events()) {
          table.AddRow({event.country(), ActionName(event.action()), FormatDateCell(event.date()),
                        absl::StrCat(event.sources()), FormatConfidence(event.confidence()),
                        Notes(event.factuality(), event.disputed(), event.reported_by())});
          AddEvidence(table, event.evidence(), event.evidence_total(), event.id());
        }
      });
  if (code == kExitOk && !context.options.json) {
    PrintTableOrNone(context, table, "No membership events match.");
  }
  return code;
}

int RunInterventions(CommandContext& context, const std::vector<std::string>& args) {
  if (!args.empty()) return UsageError(context, "interventions takes no arguments; filter with --host");
  v1::ListInterventionsRequest request;
  int exit_code = kExitOk;
  if (!ParseDateOption(context, context.options.from, "--from", request.mutable_from(), &exit_code) ||
      !ParseDateOption(context, context.options.to, "--to", request.mutable_to(), &exit_code)) {
    return exit_code;
  }
  request.set_organization(context.options.organization);
  request.set_host_country(NormalizeCountry(context.options.host));
  request.set_include_unasserted(context.options.include_unasserted);
  TablePrinter table({Left("HOST"), Left("ORG"), Left("START"), Left("END"), Left("TROOPS", 40),
                      Left("CONTRIBUTORS", 30), Left("REQUESTED BY"), Right("SOURCES"),
                      Right("CONFIDENCE"), Optional("NOTES")});
  const int code = FetchAllPages<v1::ListInterventionsRequest, v1::ListInterventionsResponse>(
      context, request,
      [&context](grpc::ClientContext* call, const v1::ListInterventionsRequest& r,
                 v1::ListInterventionsResponse* response) {
        return context.query->ListInterventions(call, r, response);
      },
      [&table](const v1::ListInterventionsResponse& page) {
        for (const v1::Intervention& intervention : page.interventions()) {
          const std::string contributors = absl::StrJoin(intervention.contributing_countries(), ",");
          table.AddRow({intervention.host_country(), intervention.organization(),
                        FormatDateCell(intervention.start()), FormatDateCell(intervention.end()),
                        FormatTroops(intervention), contributors.empty() ? "-" : contributors,
                        intervention.requested_by().empty() ? "-" : intervention.requested_by(),
                        absl::StrCat(intervention.sources()),
                        FormatConfidence(intervention.confidence()),
                        Notes(intervention.factuality(), intervention.disputed(), intervention.reported_by())});
          if (!intervention.purpose().empty()) {
            table.AddDetail(absl::StrCat("  purpose: ",
                                         TruncateToWidth(CollapseWhitespace(intervention.purpose()),
                                                         kMaxQuoteWidth)));
          }
          AddEvidence(table, intervention.evidence(), intervention.evidence_total(), intervention.id());
        }
      });
  if (code == kExitOk && !context.options.json) PrintTableOrNone(context, table, "No interventions match.");
  return code;
}

int RunRequests(CommandContext& context, const std::vector<std::string>& args) {
  if (!args.empty()) return UsageError(context, "requests takes no arguments; filter with --country");
  v1::ListAssistanceRequestsRequest request;
  int exit_code = kExitOk;
  if (!ParseDateOption(context, context.options.from, "--from", request.mutable_from(), &exit_code) ||
      !ParseDateOption(context, context.options.to, "--to", request.mutable_to(), &exit_code)) {
    return exit_code;
  }
  if (!context.options.outcome.empty()) {
    absl::StatusOr<v1::AssistanceOutcome> outcome = ParseOutcome(context.options.outcome, "--outcome");
    if (!outcome.ok()) return ReportError(context, outcome.status());
    request.set_outcome(*outcome);
  }
  request.set_organization(context.options.organization);
  request.set_requester_country(NormalizeCountry(context.options.country));
  request.set_include_unasserted(context.options.include_unasserted);
  TablePrinter table({Left("COUNTRY"), Left("ORG"), Left("DATE"), Left("OUTCOME"),
                      Left("REQUESTED BY", 30), Right("SOURCES"), Right("CONFIDENCE"),
                      Optional("NOTES")});
  const int code = FetchAllPages<v1::ListAssistanceRequestsRequest, v1::ListAssistanceRequestsResponse>(
      context, request,
      [&context](grpc::ClientContext* call, const v1::ListAssistanceRequestsRequest& r,
                 v1::ListAssistanceRequestsResponse* response) {
        return context.query->ListAssistanceRequests(call, r, response);
      },
      [&table](const v1::ListAssistanceRequestsResponse& page) {
        for (const v1::AssistanceRequest& item : page.requests()) {
          table.AddRow({item.requester_country(), item.organization(), FormatDateCell(item.date()),
                        OutcomeName(item.outcome()),
                        item.requester_person().empty() ? "-" : item.requester_person(),
                        absl::StrCat(item.sources()), FormatConfidence(item.confidence()),
                        Notes(item.factuality(), item.disputed(), item.reported_by())});
          if (!item.context().empty()) {
            table.AddDetail(absl::StrCat(
                "  context: ", TruncateToWidth(CollapseWhitespace(item.context()), kMaxQuoteWidth)));
          }
          AddEvidence(table, item.evidence(), item.evidence_total(), item.id());
        }
      });
  if (code == kExitOk && !context.options.json) PrintTableOrNone(context, table, "No requests match.");
  return code;
}

int RunConflicts(CommandContext& context, const std::vector<std::string>& args) {
  if (!args.empty()) return UsageError(context, "conflicts takes no arguments");
  v1::ListConflictsRequest request;
  request.set_organization(context.options.organization);
  TablePrinter table({Left("SUBJECT"), Left("FIELD"), Right("CLAIMS"), Left("SUMMARY", 60)});
  const int code = FetchAllPages<v1::ListConflictsRequest, v1::ListConflictsResponse>(
      context, request,
      [&context](grpc::ClientContext* call, const v1::ListConflictsRequest& r,
                 v1::ListConflictsResponse* response) {
        return context.query->ListConflicts(call, r, response);
      },
      [&table](const v1::ListConflictsResponse& page) {
        for (const v1::Conflict& conflict : page.conflicts()) {
          table.AddRow({conflict.subject_id(), conflict.field(), absl::StrCat(conflict.claims_size()),
                        conflict.summary()});
          for (const v1::ConflictClaim& claim : conflict.claims()) {
            table.AddDetail(absl::StrCat("  claim ", claim.value(), ":"));
            AddEvidence(table, claim.evidence(), claim.evidence_total(), "", 4);
          }
        }
      });
  if (code == kExitOk && !context.options.json) PrintTableOrNone(context, table, "No conflicts.");
  return code;
}

int RunEvidence(CommandContext& context, const std::vector<std::string>& args) {
  if (args.size() != 1) return UsageError(context, "evidence takes one FACT_ID");
  v1::ListEvidenceRequest request;
  request.set_fact_id(args[0]);
  int32_t total = 0;
  TablePrinter table({Left("DOCUMENT"), Right("SENTENCE"), Left("QUOTE", 80)});
  const int code = FetchAllPages<v1::ListEvidenceRequest, v1::ListEvidenceResponse>(
      context, request,
      [&context](grpc::ClientContext* call, const v1::ListEvidenceRequest& r, v1::ListEvidenceResponse* response) {
        return context.query->ListEvidence(call, r, response);
      },
      [&table, &total](const v1::ListEvidenceResponse& page) {
        total = page.total();
        for (const v1::Evidence& e : page.evidence()) {
          table.AddRow({e.document_title().empty() ? e.document_id().substr(0, 12) : e.document_title(),
                        absl::StrCat(e.sentence_index()), e.quote()});
        }
      });
  if (code == kExitOk && !context.options.json) {
    PrintTableOrNone(context, table, "No evidence.");
    *context.out << total << " quotes\n";
  }
  return code;
}

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

int RunWatch(CommandContext& context, const std::vector<std::string>& args) {
  if (!args.empty()) return UsageError(context, "watch takes no arguments");
  v1::WatchRequest request;
  request.set_organization(context.options.organization);
  request.set_country(NormalizeCountry(context.options.country));
  uint64_t after = context.options.after;
  bool connected_once = false;
  bool reported_loss = false;
  absl::Duration backoff = context.options.initial_backoff;
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
      backoff = context.options.initial_backoff;
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
    absl::SleepFor(backoff);
    backoff = std::min(backoff * 2, kMaxWatchBackoff);
  }
}

int RunWaitCaughtUp(CommandContext& context, const std::vector<std::string>& args) {
  if (!args.empty()) return UsageError(context, "wait-caught-up takes no arguments");
  const absl::Duration limit =
      context.options.timeout_given ? context.options.timeout : kDefaultWaitTimeout;
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
          response.applied_sequence() >= context.options.sequence) {
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
    const absl::Duration pause = std::min(context.options.poll_interval, give_up - absl::Now());
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
