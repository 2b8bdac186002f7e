// ingest-service: accepts articles over gRPC, extracts their records, stores them
// in RocksDB and serves the change feed. Flags may also be set from environment
// variables ALLIANCE_<FLAG> (the command line wins).
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "common/bearer_token.h"
#include "common/flags_from_env.h"
#include "common/log.h"
#include "common/malloc_arenas.h"
#include "common/port_file.h"
#include "common/shutdown_signal.h"
#include "ingest-service/extract/pipeline.h"
#include "ingest-service/ingest_server.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051", "Address to serve gRPC on, HOST:PORT (port 0 picks one)");
ABSL_FLAG(std::string, db, "", "RocksDB directory of documents and the change log (required)");
ABSL_FLAG(std::string, lexicon_dir, "data/lexicon", "Directory of the extraction lexicons");
ABSL_FLAG(int64_t, max_document_bytes, 4 << 20, "Largest document text accepted, in bytes");
ABSL_FLAG(int32_t, max_message_bytes, 8 << 20, "Largest gRPC message accepted, in bytes");
ABSL_FLAG(std::string, port_file, "", "When set, write the bound port number to this file after start");
ABSL_FLAG(int32_t, shutdown_grace_seconds, 5, "Seconds calls in progress get to finish at shutdown");
ABSL_FLAG(std::string, ingest_token_file, "",
          "File whose first line is the bearer token every IngestService call must carry "
          "(unset: the ALLIANCE_INGEST_TOKEN environment variable, else no token)");
ABSL_FLAG(std::string, tls_cert, "", "PEM certificate chain of the server (with --tls_key: serve TLS)");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of the server");
ABSL_FLAG(std::string, tls_client_ca, "", "PEM CA that must sign client certificates (mutual TLS)");
ABSL_FLAG(int32_t, max_streams, 64, "Most StreamChanges calls served at once");
ABSL_FLAG(int32_t, malloc_arenas, 2, "Most malloc arenas the threads share (0: the C library's default)");

namespace {

constexpr char kComponent[] = "ingest-service";

int Run() {
  const std::string db = absl::GetFlag(FLAGS_db);
  if (db.empty()) {
    alliance::LogError(kComponent, "--db is required (or ALLIANCE_DB): the RocksDB directory to use");
    return 2;
  }
  if (absl::GetFlag(FLAGS_max_document_bytes) <= 0 || absl::GetFlag(FLAGS_max_message_bytes) <= 0 ||
      absl::GetFlag(FLAGS_shutdown_grace_seconds) < 0 || absl::GetFlag(FLAGS_max_streams) <= 0) {
    alliance::LogError(kComponent, "--max_document_bytes, --max_message_bytes and --max_streams must be "
                                   "positive, --shutdown_grace_seconds not negative");
    return 2;
  }
  absl::StatusOr<alliance::BearerTokenAuthenticator> authenticator =
      alliance::BearerTokenAuthenticator::FromFileOrEnvironment(absl::GetFlag(FLAGS_ingest_token_file),
                                                                "ALLIANCE_INGEST_TOKEN");
  if (!authenticator.ok()) {
    alliance::LogError(kComponent, "--ingest_token_file: ", authenticator.status().ToString());
    return 2;
  }

  absl::StatusOr<std::unique_ptr<alliance::ingest::Extractor>> extractor =
      alliance::ingest::NewPipelineExtractor(absl::GetFlag(FLAGS_lexicon_dir));
  if (!extractor.ok()) {
    alliance::LogError(kComponent, "cannot load lexicons from ", absl::GetFlag(FLAGS_lexicon_dir),
                       ": ", extractor.status().ToString());
    return 1;
  }

  alliance::ingest::IngestServerOptions options;
  options.listen_address = absl::GetFlag(FLAGS_listen);
  options.db_path = db;
  options.service.limits.max_text_bytes = static_cast<size_t>(absl::GetFlag(FLAGS_max_document_bytes));
  options.max_message_bytes = absl::GetFlag(FLAGS_max_message_bytes);
  options.shutdown_grace = absl::Seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds));
  options.service.authenticator = *std::move(authenticator);
  options.service.max_streams = absl::GetFlag(FLAGS_max_streams);
  options.tls.cert_file = absl::GetFlag(FLAGS_tls_cert);
  options.tls.key_file = absl::GetFlag(FLAGS_tls_key);
  options.tls.client_ca_file = absl::GetFlag(FLAGS_tls_client_ca);
  absl::StatusOr<std::unique_ptr<alliance::ingest::IngestServer>> server =
      alliance::ingest::IngestServer::Start(options, *std::move(extractor));
  if (!server.ok()) {
    alliance::LogError(kComponent, "cannot start: ", server.status().ToString());
    return 1;
  }

  const std::string port_file = absl::GetFlag(FLAGS_port_file);
  if (!port_file.empty()) {
    if (absl::Status written = alliance::WritePortFile(port_file, (*server)->port()); !written.ok()) {
      alliance::LogError(kComponent, "--port_file: ", written.ToString());
      (*server)->Shutdown();
      return 1;
    }
  }

  const int signal_number = alliance::WaitForShutdownSignal();
  alliance::LogInfo(kComponent, "signal ", signal_number, ": shutting down");
  (*server)->Shutdown();
  alliance::LogInfo(kComponent, "bye");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  alliance::BlockShutdownSignals();
  absl::SetProgramUsageMessage(
      "Serves alliance.v1.IngestService.\n  ingest-service --db=DIR [--listen=HOST:PORT] "
      "[--lexicon_dir=DIR] [--port_file=FILE]");
  const absl::Status from_env = alliance::ApplyFlagsFromEnvironment(
      {"listen", "db", "lexicon_dir", "max_document_bytes", "max_message_bytes", "port_file",
       "shutdown_grace_seconds", "ingest_token_file", "tls_cert", "tls_key", "tls_client_ca", "max_streams",
       "malloc_arenas"});
  if (!from_env.ok()) {
    alliance::LogError(kComponent, from_env.ToString());
    return 2;
  }
  absl::ParseCommandLine(argc, argv);
  if (!alliance::ApplyMallocArenasFlag(absl::GetFlag(FLAGS_malloc_arenas), kComponent)) return 2;
  return Run();
}
