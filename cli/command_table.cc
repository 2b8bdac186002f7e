#include "cli/command_table.h"

#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/command_output.h"

namespace alliance::cli {
namespace {

using Args = std::vector<std::string>;

struct CommandSpec {
  const char* name;
  // Runs the command with its part of the options.
  int (*run)(CommandContext&, const CommandOptions&, const Args&);
  const char* synopsis;
  const char* summary;
};

// Adapts a command with options of its own to CommandSpec::run: it is given
// options.*kPart.
template <typename Options, Options CommandOptions::*kPart,
          int (*kRun)(CommandContext&, const Options&, const Args&)>
int WithOptions(CommandContext& context, const CommandOptions& options, const Args& args) {
  return kRun(context, options.*kPart, args);
}

// Adapts a command that has only the global options to CommandSpec::run.
template <int (*kRun)(CommandContext&, const Args&)>
int WithoutOptions(CommandContext& context, const CommandOptions&, const Args& args) {
  return kRun(context, args);
}

const std::vector<CommandSpec>& Commands() {
  static const auto* commands = new std::vector<CommandSpec>{
      {"ingest", &WithOptions<IngestOptions, &CommandOptions::ingest, &RunIngest>,
       "ingest FILE|DIR... [--title T | --title-from-text]",
       "send articles (a directory: its files; \"-\": stdin); one line per acknowledgement"},
      {"members", &WithOptions<MembersOptions, &CommandOptions::members, &RunMembers>,
       "members [--as-of DATE] [--observers]", "members (and observers) on a date"},
      {"history", &WithoutOptions<&RunHistory>, "history COUNTRY",
       "a country's membership events and periods"},
      {"events", &WithOptions<EventsOptions, &CommandOptions::events, &RunEvents>,
       "events [--country X] [--action A] [--from D] [--to D]",
       "membership events across countries"},
      {"interventions",
       &WithOptions<InterventionsOptions, &CommandOptions::interventions, &RunInterventions>,
       "interventions [--host X] [--from D] [--to D]", "interventions, by start date"},
      {"requests", &WithOptions<RequestsOptions, &CommandOptions::requests, &RunRequests>,
       "requests [--country X] [--outcome granted|denied|not_requested|pending] [--from D] [--to D]",
       "requests for help and their outcomes"},
      {"cases", &WithOptions<CasesOptions, &CommandOptions::cases, &RunCases>,
       "cases [--country X] [--status requested|denied|granted|deployed|withdrawn]",
       "each crisis from the request for help to the withdrawal, step by step, with quotes"},
      {"conflicts", &WithoutOptions<&RunConflicts>, "conflicts", "where sources disagree"},
      {"evidence", &WithoutOptions<&RunEvidence>, "evidence FACT_ID",
       "every quote behind one fact (answers carry a few)"},
      {"explain", &WithoutOptions<&RunExplain>, "explain FACT_ID",
       "why the ledger believes one fact: its claims, sources, date readings and disputes"},
      {"timeline", &WithOptions<TimelineOptions, &CommandOptions::timeline, &RunTimeline>,
       "timeline [--output FILE] [--html]",
       "a picture (SVG; --html: one page) of every country's periods, requests and interventions"},
      {"status", &WithoutOptions<&RunStatus>, "status",
       "how far the query service has followed the change feed"},
      {"watch", &WithOptions<WatchOptions, &CommandOptions::watch, &RunWatch>,
       "watch [--after N] [--country X]", "print fact changes as they happen, until Ctrl-C"},
      {"wait-caught-up",
       &WithOptions<WaitCaughtUpOptions, &CommandOptions::wait_caught_up, &RunWaitCaughtUp>,
       "wait-caught-up [--timeout 30s] [--sequence N]",
       "wait until the query service has applied everything ingested"},
      {"health", &WithoutOptions<&RunHealth>, "health [ingest|query] [SERVICE]",
       "grpc.health.v1 check (default: query, whole server); exit 0 when SERVING"},
  };
  return *commands;
}

}  // namespace

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
      "  --organization=CODE     organization (default: the service's, CSTO)\n"
      "  --known-as-of=N         queries answer as the service knew it after change-log\n"
      "                          sequence N (0: now); combines with --as-of, --from, --to\n"
      "  --known-as-of-time=T    the same at a time: RFC 3339 (2031-03-04T05:06:07Z) or Unix\n"
      "                          seconds; the state after the last batch ingested by then\n\n"
      "Dates are YYYY, YYYY-MM or YYYY-MM-DD.\n"
      "Exit codes: 0 success, 1 error, 2 a service could not be reached.\n");
  return text;
}

int RunCommand(CommandContext& context, const CommandOptions& options,
               const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "help") {
    *context.out << UsageText();
    return kExitOk;
  }
  for (const CommandSpec& command : Commands()) {
    if (args[0] == command.name) {
      return command.run(context, options, Args(args.begin() + 1, args.end()));
    }
  }
  return UsageError(context, absl::StrCat("unknown command \"", args[0], "\""));
}

}  // namespace alliance::cli
