// alliancectl: the command-line client of Alliance Ledger. Parses flags (and
// their ALLIANCE_* environment variables) and hands over to cli/command_table.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "cli/command_context.h"
#include "cli/command_table.h"
#include "cli/flag_spelling.h"
#include "cli/formatters.h"
#include "common/bearer_token.h"
#include "common/flags_from_env.h"
#include "common/tls_credentials.h"

ABSL_FLAG(std::string, ingest, "127.0.0.1:50051", "Address of the ingest service.");
ABSL_FLAG(std::string, query, "127.0.0.1:50052", "Address of the query service.");
ABSL_FLAG(bool, json, false, "Print one JSON object per response.");
ABSL_FLAG(bool, include_unasserted, false, "Also show facts that are not asserted.");
ABSL_FLAG(absl::Duration, timeout, absl::Seconds(10),
          "Deadline of each call; for wait-caught-up, how long to wait (default 30s).");
ABSL_FLAG(std::string, token, "", "Bearer token for the ingest service.");
ABSL_FLAG(std::string, token_file, "", "File whose first line is the bearer token (instead of --token).");
ABSL_FLAG(std::string, query_token, "", "Bearer token for the query service.");
ABSL_FLAG(std::string, query_token_file, "", "File whose first line is the query service's bearer token.");
ABSL_FLAG(std::string, tls_ca, "", "PEM CA of the services' certificates: use TLS to both services.");
ABSL_FLAG(std::string, tls_cert, "", "PEM client certificate, for services that require mutual TLS.");
ABSL_FLAG(std::string, tls_key, "", "PEM client key, for services that require mutual TLS.");
ABSL_FLAG(std::string, tls_server_name, "", "Name expected in the services' certificates (default: the host).");
ABSL_FLAG(int32_t, page_size, 0, "Page size of List calls (0: the service's default).");
ABSL_FLAG(std::string, organization, "", "Organization code (empty: the service's default).");
ABSL_FLAG(uint64_t, known_as_of, 0,
          "Queries: answer as the query service knew it after this change-log sequence (0: now).");
ABSL_FLAG(std::string, known_as_of_time, "",
          "Queries: answer as the query service knew it at this time (RFC 3339, e.g. 2031-03-04T05:06:07Z, or "
          "Unix seconds); not with --known-as-of.");
ABSL_FLAG(std::string, country, "", "events, requests, cases, watch: ISO alpha-3 country code.");
ABSL_FLAG(std::string, action, "", "events: membership action (withdrew, joined, ...).");
ABSL_FLAG(std::string, host, "", "interventions: host country code.");
ABSL_FLAG(std::string, outcome, "", "requests: granted, denied, not_requested or pending.");
ABSL_FLAG(std::string, status, "", "cases: requested, denied, granted, deployed or withdrawn.");
ABSL_FLAG(std::string, from, "", "Only facts on or after this date (YYYY[-MM[-DD]]).");
ABSL_FLAG(std::string, to, "", "Only facts on or before this date (YYYY[-MM[-DD]]).");
ABSL_FLAG(std::string, as_of, "", "members: the date to answer for (YYYY[-MM[-DD]]).");
ABSL_FLAG(bool, observers, false, "members: also list observers.");
ABSL_FLAG(std::string, title, "", "ingest: title of the documents (default: the file name).");
ABSL_FLAG(bool, title_from_text, false,
          "ingest: let the service take each title from the text's heading line.");
ABSL_FLAG(std::string, output, "", "timeline: file to write (default: standard output).");
ABSL_FLAG(bool, html, false, "timeline: write one self-contained HTML page instead of SVG.");
ABSL_FLAG(uint64_t, after, 0, "watch: start after this sequence.");
ABSL_FLAG(uint64_t, sequence, 0, "wait-caught-up: also wait until this sequence is applied.");

namespace {

// Only the global flags come from the environment; filters of one command would
// surprise when set in the environment of another.
const std::vector<std::string>& EnvironmentFlags() {
  static const auto* names = new std::vector<std::string>{
      "ingest", "query", "json", "include_unasserted", "timeout", "token", "token_file", "page_size",
      "organization", "query_token", "query_token_file", "tls_ca", "tls_cert", "tls_key", "tls_server_name"};
  return *names;
}

bool WantsHelp(const std::vector<std::string>& args) {
  for (const std::string& arg : args) {
    if (arg == "--") return false;
    if (arg == "-h" || arg == "--help" || arg == "-help") return true;
  }
  return false;
}

bool TimeoutGiven(const std::vector<std::string>& args) {
  if (std::getenv(alliance::EnvVarForFlag("timeout").c_str()) != nullptr) return true;
  for (const std::string& arg : args) {
    if (arg == "--") return false;
    if (arg == "--timeout" || absl::StartsWith(arg, "--timeout=") || arg == "-timeout" ||
        absl::StartsWith(arg, "-timeout=")) {
      return true;
    }
  }
  return false;
}

// Returns `token` when it can be sent in a header (see ValidateBearerToken).
absl::StatusOr<std::string> Checked(std::string token, absl::string_view what) {
  if (absl::Status valid = alliance::ValidateBearerToken(token, what); !valid.ok()) return valid;
  return token;
}

// Returns the ingest bearer token: --token, else --token_file, else the query
// service's own settings (ALLIANCE_INGEST_TOKEN_FILE, else ALLIANCE_INGEST_TOKEN:
// a file wins, as in the services), so that alliancectl inside a service
// container needs no extra configuration. Tokens are trimmed and must be
// visible ASCII.
absl::StatusOr<std::string> ResolveToken() {
  if (!absl::GetFlag(FLAGS_token).empty()) {
    return Checked(std::string(absl::StripAsciiWhitespace(absl::GetFlag(FLAGS_token))), "--token");
  }
  if (!absl::GetFlag(FLAGS_token_file).empty()) {
    return alliance::ReadBearerTokenFile(absl::GetFlag(FLAGS_token_file), "--token_file");
  }
  if (const char* path = std::getenv("ALLIANCE_INGEST_TOKEN_FILE"); path != nullptr && *path != '\0') {
    return alliance::ReadBearerTokenFile(path, "ALLIANCE_INGEST_TOKEN_FILE");
  }
  if (const char* token = std::getenv("ALLIANCE_INGEST_TOKEN"); token != nullptr && *token != '\0') {
    return Checked(std::string(absl::StripAsciiWhitespace(token)), "ALLIANCE_INGEST_TOKEN");
  }
  return std::string();
}

// Returns the query service's bearer token: --query_token, else
// --query_token_file, else ALLIANCE_QUERY_TOKEN; empty when none is set.
absl::StatusOr<std::string> ResolveQueryToken() {
  if (!absl::GetFlag(FLAGS_query_token).empty()) {
    return Checked(std::string(absl::StripAsciiWhitespace(absl::GetFlag(FLAGS_query_token))), "--query_token");
  }
  if (!absl::GetFlag(FLAGS_query_token_file).empty()) {
    return alliance::ReadBearerTokenFile(absl::GetFlag(FLAGS_query_token_file), "--query_token_file");
  }
  if (const char* token = std::getenv("ALLIANCE_QUERY_TOKEN"); token != nullptr && *token != '\0') {
    return Checked(std::string(absl::StripAsciiWhitespace(token)), "ALLIANCE_QUERY_TOKEN");
  }
  return std::string();
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("alliancectl COMMAND [flags]; run 'alliancectl help'.");
  const std::vector<std::string> args = alliance::cli::CanonicalFlagSpelling(
      std::vector<std::string>(argv, argv + argc));
  if (WantsHelp(args)) {
    std::cout << alliance::cli::UsageText();
    return alliance::cli::kExitOk;
  }
  const absl::Status env = alliance::ApplyFlagsFromEnvironment(EnvironmentFlags());
  if (!env.ok()) {
    std::cerr << "alliancectl: " << env.message() << "\n";
    return alliance::cli::kExitError;
  }
  std::vector<char*> raw;
  for (const std::string& arg : args) raw.push_back(const_cast<char*>(arg.c_str()));
  const std::vector<char*> positional = absl::ParseCommandLine(static_cast<int>(raw.size()), raw.data());

  alliance::cli::GlobalOptions options;
  options.ingest_address = absl::GetFlag(FLAGS_ingest);
  options.query_address = absl::GetFlag(FLAGS_query);
  options.json = absl::GetFlag(FLAGS_json);
  options.include_unasserted = absl::GetFlag(FLAGS_include_unasserted);
  options.timeout = absl::GetFlag(FLAGS_timeout);
  absl::StatusOr<std::string> token = ResolveToken();
  if (!token.ok()) {
    std::cerr << "alliancectl: " << token.status().message() << "\n";
    return alliance::cli::kExitError;
  }
  options.token = *std::move(token);
  absl::StatusOr<std::string> query_token = ResolveQueryToken();
  if (!query_token.ok()) {
    std::cerr << "alliancectl: " << query_token.status().message() << "\n";
    return alliance::cli::kExitError;
  }
  options.query_token = *std::move(query_token);
  options.tls = {absl::GetFlag(FLAGS_tls_ca), absl::GetFlag(FLAGS_tls_cert), absl::GetFlag(FLAGS_tls_key),
                 absl::GetFlag(FLAGS_tls_server_name)};
  if (absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> checked =
          alliance::MakeChannelCredentials(options.tls);
      !checked.ok()) {
    std::cerr << "alliancectl: --tls_ca/--tls_cert/--tls_key: " << checked.status().message() << "\n";
    return alliance::cli::kExitError;
  }
  options.page_size = absl::GetFlag(FLAGS_page_size);
  options.organization = absl::GetFlag(FLAGS_organization);
  options.known_as_of = absl::GetFlag(FLAGS_known_as_of);
  absl::StatusOr<int64_t> known_as_of_unix =
      alliance::cli::ParseKnownAsOfTime(absl::GetFlag(FLAGS_known_as_of_time), "--known-as-of-time");
  if (!known_as_of_unix.ok()) {
    std::cerr << "alliancectl: " << known_as_of_unix.status().message() << "\n";
    return alliance::cli::kExitError;
  }
  options.known_as_of_unix = *known_as_of_unix;
  if (options.known_as_of != 0 && options.known_as_of_unix != 0) {
    std::cerr << "alliancectl: --known-as-of and --known-as-of-time: give one or neither (a sequence or a time)\n";
    return alliance::cli::kExitError;
  }

  // Each subcommand's own flags; one flag may serve several subcommands.
  alliance::cli::CommandOptions commands;
  commands.ingest.title = absl::GetFlag(FLAGS_title);
  commands.ingest.title_from_text = absl::GetFlag(FLAGS_title_from_text);
  commands.members.as_of = absl::GetFlag(FLAGS_as_of);
  commands.members.observers = absl::GetFlag(FLAGS_observers);
  const alliance::cli::DateRange dates = {absl::GetFlag(FLAGS_from), absl::GetFlag(FLAGS_to)};
  commands.events.country = absl::GetFlag(FLAGS_country);
  commands.events.action = absl::GetFlag(FLAGS_action);
  commands.events.dates = dates;
  commands.interventions.host = absl::GetFlag(FLAGS_host);
  commands.interventions.dates = dates;
  commands.requests.country = absl::GetFlag(FLAGS_country);
  commands.requests.outcome = absl::GetFlag(FLAGS_outcome);
  commands.requests.dates = dates;
  commands.cases.country = absl::GetFlag(FLAGS_country);
  commands.cases.status = absl::GetFlag(FLAGS_status);
  commands.watch.country = absl::GetFlag(FLAGS_country);
  commands.watch.after = absl::GetFlag(FLAGS_after);
  commands.wait_caught_up.sequence = absl::GetFlag(FLAGS_sequence);
  commands.timeline.output = absl::GetFlag(FLAGS_output);
  commands.timeline.html = absl::GetFlag(FLAGS_html);
  // --timeout bounds the whole wait only when given; otherwise it waits 30s.
  if (TimeoutGiven(args)) commands.wait_caught_up.limit = options.timeout;

  if (options.timeout <= absl::ZeroDuration()) {
    std::cerr << "alliancectl: --timeout must be positive\n";
    return alliance::cli::kExitError;
  }
  if (options.page_size < 0) {
    std::cerr << "alliancectl: --page-size must not be negative\n";
    return alliance::cli::kExitError;
  }

  auto context = alliance::cli::MakeCommandContext(std::move(options), &std::cout, &std::cerr, &std::cin);
  return alliance::cli::RunCommand(
      *context, commands, std::vector<std::string>(positional.begin() + 1, positional.end()));
}
