// query-service: follows the ingest service's change feed into its own RocksDB
// and answers alliance.v1.QueryService RPCs.
//
//   query-service --listen=HOST:PORT --db=DIR --ingest=HOST:PORT [--organization=CSTO]
//                 [--lexicon_dir=data/lexicon]
//
// Every flag may also be set as ALLIANCE_<FLAG> in the environment. Health
// ("" and "alliance.v1.QueryService") is NOT_SERVING until the store is open and
// the follower has caught up with the ingest service once. SIGTERM or SIGINT
// shut it down gracefully and it exits 0.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "common/bearer_token.h"
#include "common/flags_from_env.h"
#include "common/grpc_server_runner.h"
#include "common/tls_credentials.h"
#include "common/log.h"
#include "common/malloc_arenas.h"
#include "common/port_file.h"
#include "common/shutdown_signal.h"
#include "grpcpp/grpcpp.h"
#include "query-service/change_follower.h"
#include "query-service/fact_store.h"
#include "query-service/organization_codes.h"
#include "query-service/query_service_impl.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50052", "Address to serve QueryService on (HOST:PORT; port 0 picks one).");
ABSL_FLAG(std::string, db, "", "Directory of the query service's RocksDB (required).");
ABSL_FLAG(std::string, ingest, "127.0.0.1:50051", "Address of the ingest service to follow (HOST:PORT).");
ABSL_FLAG(std::string, ingest_token_file, "",
          "File whose first line is the bearer token for the ingest service's StreamChanges (optional).");
ABSL_FLAG(std::string, organization, "CSTO", "Organization of requests that leave it empty.");
ABSL_FLAG(std::string, lexicon_dir, "data/lexicon",
          "Directory of the extraction lexicons; requests naming an organization code not in its "
          "organizations.textproto (and not in any stored record) get INVALID_ARGUMENT.");
ABSL_FLAG(std::string, port_file, "", "When set, the bound port is written here once the server runs.");
ABSL_FLAG(int, heartbeat_seconds, 2, "Heartbeat interval asked of the change feed; 3 missed ones drop the stream.");
ABSL_FLAG(int, max_message_bytes, 16 * 1024 * 1024, "Largest gRPC message sent or received, in bytes.");
ABSL_FLAG(int, shutdown_grace_seconds, 5, "How long in-flight RPCs may run after SIGTERM.");
ABSL_FLAG(std::string, query_token_file, "",
          "File whose first line is the bearer token every QueryService call must carry "
          "(unset: the ALLIANCE_QUERY_TOKEN environment variable, else queries are open).");
ABSL_FLAG(std::string, tls_cert, "", "PEM certificate chain of the server (with --tls_key: serve TLS).");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of the server.");
ABSL_FLAG(std::string, tls_client_ca, "", "PEM CA that must sign client certificates (mutual TLS).");
ABSL_FLAG(std::string, ingest_tls_ca, "", "PEM CA of the ingest service's certificate (set: TLS to ingest).");
ABSL_FLAG(std::string, ingest_tls_cert, "", "PEM client certificate for the ingest link (mutual TLS).");
ABSL_FLAG(std::string, ingest_tls_key, "", "PEM client key for the ingest link (mutual TLS).");
ABSL_FLAG(std::string, ingest_tls_server_name, "", "Name expected in the ingest service's certificate.");
ABSL_FLAG(int, max_streams, 64, "Most Watch streams served at once.");
ABSL_FLAG(int, memtable_mb, 16, "Size of each of the database's (at most two) write buffers, MiB.");
ABSL_FLAG(int, block_cache_mb, 32, "Size of the database's block cache, MiB.");
ABSL_FLAG(int, group_cache_mb, 64,
          "Memory for the records, documents and facts of recently changed groups, MiB (0: none), so a live change "
          "does not re-read its groups' history.");
ABSL_FLAG(int, malloc_arenas, 2, "Most malloc arenas the threads share (0: the C library's default).");
ABSL_FLAG(int, max_evidence_per_fact, 3,
          "Evidence quotes an answer carries per fact (one per document first; 0: all). ListEvidence pages "
          "through the rest.");
ABSL_FLAG(int64_t, watch_retention, 0, "Watch-log entries kept (0: all); older Watch requests get OUT_OF_RANGE.");

namespace alliance::query {
namespace {

constexpr char kComponent[] = "query-service";
constexpr char kServiceName[] = "alliance.v1.QueryService";

int Main(int argc, char** argv) {
  BlockShutdownSignals();
  absl::SetProgramUsageMessage("Follows the ingest service's change feed and answers QueryService RPCs.");
  absl::Status from_env = ApplyFlagsFromEnvironment(
      {"listen", "db", "ingest", "ingest_token_file", "organization", "lexicon_dir", "port_file", "heartbeat_seconds",
       "max_message_bytes", "shutdown_grace_seconds", "watch_retention", "query_token_file", "tls_cert",
       "tls_key", "tls_client_ca", "ingest_tls_ca", "ingest_tls_cert", "ingest_tls_key", "ingest_tls_server_name",
       "max_streams", "max_evidence_per_fact", "memtable_mb", "block_cache_mb", "group_cache_mb", "malloc_arenas"});
  if (!from_env.ok()) {
    LogError(kComponent, from_env.message());
    return 2;
  }
  absl::ParseCommandLine(argc, argv);
  if (!ApplyMallocArenasFlag(absl::GetFlag(FLAGS_malloc_arenas), kComponent)) return 2;
  const std::string db_path = absl::GetFlag(FLAGS_db);
  if (db_path.empty()) {
    LogError(kComponent, "--db is required");
    return 2;
  }
  if (absl::GetFlag(FLAGS_heartbeat_seconds) < 1 || absl::GetFlag(FLAGS_shutdown_grace_seconds) < 0 ||
      absl::GetFlag(FLAGS_max_message_bytes) < 1024 || absl::GetFlag(FLAGS_watch_retention) < 0 ||
      absl::GetFlag(FLAGS_max_streams) < 1 || absl::GetFlag(FLAGS_max_evidence_per_fact) < 0 ||
      absl::GetFlag(FLAGS_memtable_mb) < 1 || absl::GetFlag(FLAGS_block_cache_mb) < 1 ||
      absl::GetFlag(FLAGS_group_cache_mb) < 0) {
    LogError(kComponent, "--heartbeat_seconds must be >= 1, --shutdown_grace_seconds >= 0, "
                         "--max_message_bytes >= 1024, --watch_retention >= 0, --max_streams >= 1 and "
                         "--max_evidence_per_fact >= 0, --memtable_mb >= 1, --block_cache_mb >= 1 and --group_cache_mb >= 0");
    return 2;
  }
  // The token this replica presents to the ingest service, read and checked
  // as the services read their own.
  absl::StatusOr<std::string> ingest_token =
      BearerTokenFromFileOrEnvironment(absl::GetFlag(FLAGS_ingest_token_file), "ALLIANCE_INGEST_TOKEN");
  if (!ingest_token.ok()) {
    LogError(kComponent, "--ingest_token_file: ", ingest_token.status().ToString());
    return 2;
  }
  absl::StatusOr<BearerTokenAuthenticator> authenticator =
      BearerTokenAuthenticator::FromFileOrEnvironment(absl::GetFlag(FLAGS_query_token_file), "ALLIANCE_QUERY_TOKEN");
  if (!authenticator.ok()) {
    LogError(kComponent, "--query_token_file: ", authenticator.status().ToString());
    return 2;
  }
  ServerTlsFiles server_tls{absl::GetFlag(FLAGS_tls_cert), absl::GetFlag(FLAGS_tls_key),
                            absl::GetFlag(FLAGS_tls_client_ca)};
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> server_credentials = MakeServerCredentials(server_tls);
  if (!server_credentials.ok()) {
    LogError(kComponent, "--tls_cert/--tls_key/--tls_client_ca: ", server_credentials.status().ToString());
    return 2;
  }
  ClientTlsFiles ingest_tls{absl::GetFlag(FLAGS_ingest_tls_ca), absl::GetFlag(FLAGS_ingest_tls_cert),
                            absl::GetFlag(FLAGS_ingest_tls_key), absl::GetFlag(FLAGS_ingest_tls_server_name)};
  if (absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> checked = MakeChannelCredentials(ingest_tls);
      !checked.ok()) {
    LogError(kComponent, "--ingest_tls_*: ", checked.status().ToString());
    return 2;
  }

  FactStoreOptions store_options;
  store_options.default_organization = absl::GetFlag(FLAGS_organization);
  store_options.watch_log_retention = static_cast<uint64_t>(absl::GetFlag(FLAGS_watch_retention));
  store_options.memtable_bytes = static_cast<size_t>(absl::GetFlag(FLAGS_memtable_mb)) << 20;
  store_options.block_cache_bytes = static_cast<size_t>(absl::GetFlag(FLAGS_block_cache_mb)) << 20;
  store_options.group_cache_bytes = static_cast<size_t>(absl::GetFlag(FLAGS_group_cache_mb)) << 20;
  store_options.answer_evidence_per_fact = absl::GetFlag(FLAGS_max_evidence_per_fact);
  absl::StatusOr<std::unique_ptr<FactStore>> opened = FactStore::Open(db_path, store_options);
  if (!opened.ok()) {
    LogError(kComponent, "cannot open the store: ", opened.status().ToString());
    return 1;
  }
  std::unique_ptr<FactStore> store = std::move(*opened);
  LogInfo(kComponent, "opened store ", db_path, " at applied sequence ", store->applied_sequence(), " (",
          store->document_count(), " documents, ", store->fact_count(), " facts)");

  QueryServiceOptions service_options;
  service_options.default_organization = absl::GetFlag(FLAGS_organization);
  absl::StatusOr<std::set<std::string>> organizations = LoadOrganizationCodes(absl::GetFlag(FLAGS_lexicon_dir));
  if (organizations.ok()) {
    service_options.known_organizations = *std::move(organizations);
  } else if (absl::IsNotFound(organizations.status())) {
    LogWarning(kComponent, "--lexicon_dir: ", organizations.status().message(),
               "; any well-formed organization code is accepted in requests");
  } else {
    LogError(kComponent, "--lexicon_dir: ", organizations.status().ToString());
    return 2;
  }
  service_options.authenticator = *std::move(authenticator);
  service_options.max_streams = absl::GetFlag(FLAGS_max_streams);
  service_options.max_evidence_per_fact = absl::GetFlag(FLAGS_max_evidence_per_fact);

  // The follower starts after the server, so its progress callback may touch
  // the health service; declared first so it is destroyed last among users of it.
  ChangeFollowerOptions follower_options;
  follower_options.ingest_address = absl::GetFlag(FLAGS_ingest);
  follower_options.ingest_token = *ingest_token;
  follower_options.ingest_tls = ingest_tls;
  follower_options.heartbeat_seconds = absl::GetFlag(FLAGS_heartbeat_seconds);
  follower_options.max_message_bytes = absl::GetFlag(FLAGS_max_message_bytes);
  GrpcServerRunner* runner = nullptr;  // set before the follower starts
  std::atomic<bool> serving{false};
  follower_options.on_progress = [&runner, &serving](const FollowerProgress& progress) {
    if (progress.caught_up && runner != nullptr && !serving.exchange(true)) {
      runner->SetServing(true);
      LogInfo(kComponent, "health: SERVING");
    }
  };
  ChangeFollower follower(store.get(), follower_options);
  QueryServiceImpl service(store.get(), &follower, service_options);

  GrpcServerSettings server_settings;
  server_settings.listen_address = absl::GetFlag(FLAGS_listen);
  server_settings.credentials = *server_credentials;
  server_settings.max_message_bytes = absl::GetFlag(FLAGS_max_message_bytes);
  server_settings.services = {&service};
  server_settings.health_name = kServiceName;
  server_settings.serving_at_start = false;  // SERVING once caught up
  absl::StatusOr<std::unique_ptr<GrpcServerRunner>> server = GrpcServerRunner::Start(std::move(server_settings));
  if (!server.ok()) {
    LogError(kComponent, server.status().message());
    return 1;
  }
  runner = server->get();
  const int port = runner->port();
  LogInfo(kComponent, "listening on port ", port, "; following ingest at ", follower_options.ingest_address,
          " from sequence ", store->applied_sequence() + 1);
  if (!absl::GetFlag(FLAGS_port_file).empty()) {
    if (absl::Status written = WritePortFile(absl::GetFlag(FLAGS_port_file), port); !written.ok()) {
      LogError(kComponent, "--port_file: ", written.ToString());
      return 1;
    }
  }
  follower.Start();

  const int signal_number = WaitForShutdownSignal();
  LogInfo(kComponent, "signal ", signal_number, ": shutting down (grace ",
          absl::GetFlag(FLAGS_shutdown_grace_seconds), " s)");
  // Each step is timed, so an operator whose stop ran past the grace period
  // sees which one held it.
  absl::Time step_start = absl::Now();
  auto step_seconds = [&step_start] {
    const absl::Time now = absl::Now();
    const double seconds = absl::ToDoubleSeconds(now - step_start);
    step_start = now;
    return absl::StrFormat("%.2f s", seconds);
  };
  runner->StopServing();  // NOT_SERVING from now on, whatever the follower reports
  follower.Stop();
  const std::string follower_seconds = step_seconds();
  // Calls in flight get the grace period to finish (new ones and Watch
  // streams end at once with UNAVAILABLE); then the server closes without
  // waiting for connected but idle clients, which may take seconds to read
  // its goodbye (gRPC's C++ client polls an idle channel every 5 s).
  service.BeginShutdown();
  service.WaitUntilIdle(absl::Seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds)));
  runner->Close(absl::Now());
  server->reset();
  const std::string server_seconds = step_seconds();
  const uint64_t applied = store->applied_sequence();
  store.reset();
  LogInfo(kComponent, "stopped cleanly at applied sequence ", applied, " (follower ", follower_seconds, ", server ",
          server_seconds, ", store ", step_seconds(), ")");
  return 0;
}

}  // namespace
}  // namespace alliance::query

int main(int argc, char** argv) { return alliance::query::Main(argc, argv); }
