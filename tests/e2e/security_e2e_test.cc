// End to end over gRPC with access control: the real binaries with a bearer
// token on the ingest service, and with TLS (and mutual TLS) on both services
// and on the link between them, with certificates made by the openssl CLI.
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "alliance/v1/ingest_service.grpc.pb.h"
#include "alliance/v1/query_service.grpc.pb.h"
#include "common/tls_credentials.h"
#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/e2e/local_cluster.h"
#include "tests/testing/subprocess.h"

namespace alliance::testing {
namespace {

using ::testing::HasSubstr;

constexpr char kToken[] = "e2e-ingest-token-0123456789";
constexpr char kText[] =
    "Armenia, Belarus, Kazakhstan, Kyrgyzstan, Russia and Tajikistan signed the Collective Security "
    "Treaty in Tashkent on May 15, 1992.";

void SetDeadline(grpc::ClientContext* context, int seconds = 10) {
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
}

v1::IngestDocumentRequest Article(const std::string& text = kText) {
  v1::IngestDocumentRequest request;
  request.mutable_document()->set_text(text);
  request.mutable_document()->set_published("2022-01-20");
  return request;
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::trunc);
  out << content;
}

// ---------------------------------------------------------------------------
// Bearer token.

class TokenEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    token_file_ = absl::StrCat(cluster_.root(), "/ingest.token");
    WriteFile(token_file_, absl::StrCat(kToken, "\n"));
    ASSERT_TRUE(cluster_.StartIngest({absl::StrCat("--ingest_token_file=", token_file_)}).ok());
  }

  LocalCluster cluster_;
  std::string token_file_;
};

TEST_F(TokenEndToEnd, FollowerWithTheTokenCatchesUpAndClientsWithoutItAreRefused) {
  auto ingest = cluster_.IngestStub();
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::IngestDocumentResponse response;
    const grpc::Status status = ingest->IngestDocument(&context, Article(), &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_THAT(status.error_message(), HasSubstr("authorization"));
  }
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    context.AddMetadata("authorization", "Bearer not-the-token");
    v1::IngestDocumentResponse response;
    EXPECT_EQ(ingest->IngestDocument(&context, Article(), &response).error_code(),
              grpc::StatusCode::UNAUTHENTICATED);
  }
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    auto reader = ingest->StreamChanges(&context, v1::StreamChangesRequest());
    v1::Change change;
    EXPECT_FALSE(reader->Read(&change));
    EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::UNAUTHENTICATED);
  }

  uint64_t sequence = 0;
  {
    grpc::ClientContext context;
    SetDeadline(&context, 30);
    context.AddMetadata("authorization", absl::StrCat("Bearer ", kToken));
    v1::IngestDocumentResponse response;
    const grpc::Status status = ingest->IngestDocument(&context, Article(), &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    sequence = response.sequence();
    EXPECT_EQ(sequence, 1u) << "the refused calls stored nothing";
  }

  // A follower with the token catches up; one without it never does.
  ASSERT_TRUE(cluster_.StartQuery(0, {absl::StrCat("--ingest_token_file=", token_file_)}).ok());
  ASSERT_TRUE(cluster_.StartQuery(1).ok());
  absl::StatusOr<v1::GetStatusResponse> caught_up = cluster_.WaitForApplied(sequence, 0, absl::Seconds(60));
  ASSERT_TRUE(caught_up.ok()) << caught_up.status();
  EXPECT_EQ(caught_up->applied_sequence(), sequence);
  absl::StatusOr<v1::GetStatusResponse> refused = cluster_.WaitForApplied(sequence, 1, absl::Seconds(3));
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kDeadlineExceeded)
      << "a follower without the token must not receive changes";
}

// ---------------------------------------------------------------------------
// TLS and mutual TLS.

// Runs `command` through the shell; returns whether it exited 0.
bool RunShell(const std::string& command) { return std::system(command.c_str()) == 0; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// A binary started by hand (LocalCluster speaks plaintext only), with its log.
struct Service {
  Subprocess process;
  std::string log;
  int port = 0;
  std::string address() const { return absl::StrCat("127.0.0.1:", port); }
};

class TlsEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = MakeTempDir("alliance-tls-e2e-");
    ASSERT_TRUE(MakeCertificates()) << "openssl could not make the test certificates in " << dir_;
  }

  void TearDown() override {
    query_.process.Kill();
    ingest_.process.Kill();
    if (HasFailure()) {
      std::fprintf(stderr, "--- ingest log\n%s--- query log\n%s", ReadFile(ingest_.log).c_str(),
                   ReadFile(query_.log).c_str());
    }
    if (std::getenv("ALLIANCE_KEEP_TEST_DIRS") == nullptr) RunShell(absl::StrCat("rm -rf '", dir_, "'"));
  }

  std::string Path(const std::string& name) const { return absl::StrCat(dir_, "/", name); }

  // A CA, a server certificate for 127.0.0.1 and localhost, and a client certificate.
  bool MakeCertificates() const {
    const std::string d = dir_;
    const std::string ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
    WriteFile(Path("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
    WriteFile(Path("client.ext"), "extendedKeyUsage=clientAuth\n");
    const std::string quiet = " >>'" + d + "/openssl.log' 2>&1";
    return RunShell("cd '" + d + "' && openssl req -x509 " + ec +
               " -keyout ca.key -out ca.pem -days 2 -subj /CN=alliance-test-ca" + quiet) &&
           RunShell("cd '" + d + "' && openssl req " + ec + " -keyout server.key -out server.csr -subj /CN=localhost" +
               quiet) &&
           RunShell("cd '" + d +
               "' && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 "
               "-extfile server.ext -out server.pem" + quiet) &&
           RunShell("cd '" + d + "' && openssl req " + ec +
               " -keyout client.key -out client.csr -subj /CN=alliance-test-client" + quiet) &&
           RunShell("cd '" + d +
               "' && openssl x509 -req -in client.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 "
               "-extfile client.ext -out client.pem" + quiet);
  }

  // Starts `argv` (with --port_file added) and reads its port back.
  absl::Status Start(Service* service, const std::string& name, std::vector<std::string> argv) {
    const std::string port_file = Path(name + ".port");
    service->log = Path(name + ".log");
    argv.push_back("--port_file=" + port_file);
    if (absl::Status started = service->process.Start(argv, {}, service->log); !started.ok()) return started;
    absl::StatusOr<int> port = WaitForPortFile(port_file, absl::Seconds(30));
    if (!port.ok()) return port.status();
    service->port = *port;
    return absl::OkStatus();
  }

  // Starts the ingest service on TLS, requiring client certificates signed by
  // the test CA.
  absl::Status StartMutualTlsIngest() {
    return Start(&ingest_, "ingest",
                 {BinaryPath("ingest-service/ingest-service"), "--listen=127.0.0.1:0", "--db=" + Path("ingest-db"),
                  "--lexicon_dir=" + SourcePath("data/lexicon"), "--tls_cert=" + Path("server.pem"),
                  "--tls_key=" + Path("server.key"), "--tls_client_ca=" + Path("ca.pem")});
  }

  // Sends Article() to ingest_ over mutual TLS with the client certificate,
  // storing the answer in `response` (not null).
  grpc::Status IngestWithCertificate(v1::IngestDocumentResponse* response) {
    auto stub = v1::IngestService::NewStub(Channel(ingest_, WithCertificate()));
    grpc::ClientContext context;
    SetDeadline(&context, 30);
    return stub->IngestDocument(&context, Article(), response);
  }

  // Sends SIGTERM to `service` (not null) and expects it to exit 0 within 20 s.
  static void ExpectStopsCleanlyOnSigterm(Service* service) {
    ASSERT_TRUE(service->process.Signal(SIGTERM).ok());
    absl::StatusOr<int> exit_status = service->process.Wait(absl::Seconds(20));
    ASSERT_TRUE(exit_status.ok()) << exit_status.status();
    EXPECT_TRUE(WIFEXITED(*exit_status) && WEXITSTATUS(*exit_status) == 0);
  }

  std::shared_ptr<grpc::Channel> Channel(const Service& service, ClientTlsFiles files) const {
    absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials = MakeChannelCredentials(files);
    EXPECT_TRUE(credentials.ok()) << credentials.status();
    if (!credentials.ok()) return nullptr;
    return grpc::CreateCustomChannel(service.address(), *credentials, MakeChannelArguments(files));
  }

  ClientTlsFiles WithCertificate() const { return {Path("ca.pem"), Path("client.pem"), Path("client.key"), ""}; }
  ClientTlsFiles WithoutCertificate() const { return {Path("ca.pem"), "", "", ""}; }

  std::string dir_;
  Service ingest_;
  Service query_;
};

TEST_F(TlsEndToEnd, MutualTlsIngestAndTlsFollowerCatchUpAndOtherClientsAreRefused) {
  ASSERT_TRUE(StartMutualTlsIngest().ok());
  ASSERT_TRUE(Start(&query_, "query",
                    {BinaryPath("query-service/query-service"), "--listen=127.0.0.1:0", "--db=" + Path("query-db"),
                     "--ingest=" + ingest_.address(), "--heartbeat_seconds=1", "--tls_cert=" + Path("server.pem"),
                     "--tls_key=" + Path("server.key"), "--ingest_tls_ca=" + Path("ca.pem"),
                     "--ingest_tls_cert=" + Path("client.pem"), "--ingest_tls_key=" + Path("client.key"),
                     "--ingest_tls_server_name=localhost"})
                  .ok());

  // A plaintext client gets nowhere.
  {
    auto stub = v1::IngestService::NewStub(
        grpc::CreateChannel(ingest_.address(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext context;
    SetDeadline(&context, 5);
    v1::IngestDocumentResponse response;
    const grpc::Status status = stub->IngestDocument(&context, Article(), &response);
    EXPECT_FALSE(status.ok());
    EXPECT_NE(status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
  }
  // A TLS client without a certificate is refused by the mutual-TLS ingest service.
  {
    auto stub = v1::IngestService::NewStub(Channel(ingest_, WithoutCertificate()));
    grpc::ClientContext context;
    SetDeadline(&context, 5);
    v1::IngestDocumentResponse response;
    EXPECT_FALSE(stub->IngestDocument(&context, Article(), &response).ok());
  }

  // With a client certificate the document is stored ...
  uint64_t sequence = 0;
  {
    v1::IngestDocumentResponse response;
    const grpc::Status status = IngestWithCertificate(&response);
    ASSERT_TRUE(status.ok()) << status.error_code() << " " << status.error_message();
    sequence = response.sequence();
    EXPECT_EQ(sequence, 1u) << "refused calls stored nothing";
  }

  // ... and the follower, over mutual TLS, catches up; its own TLS port answers.
  auto query = v1::QueryService::NewStub(Channel(query_, WithoutCertificate()));
  v1::GetStatusResponse status_response;
  const absl::Time deadline = absl::Now() + absl::Seconds(60);
  while (absl::Now() < deadline) {
    grpc::ClientContext context;
    SetDeadline(&context, 2);
    status_response.Clear();
    if (query->GetStatus(&context, v1::GetStatusRequest(), &status_response).ok() && status_response.caught_up() &&
        status_response.applied_sequence() >= sequence) {
      break;
    }
    absl::SleepFor(absl::Milliseconds(100));
  }
  EXPECT_TRUE(status_response.caught_up());
  EXPECT_EQ(status_response.applied_sequence(), sequence);

  // The query service's TLS port refuses plaintext too.
  {
    auto plain = v1::QueryService::NewStub(grpc::CreateChannel(query_.address(), grpc::InsecureChannelCredentials()));
    grpc::ClientContext context;
    SetDeadline(&context, 5);
    v1::GetStatusResponse response;
    EXPECT_FALSE(plain->GetStatus(&context, v1::GetStatusRequest(), &response).ok());
  }

  // Both stop cleanly.
  ASSERT_NO_FATAL_FAILURE(ExpectStopsCleanlyOnSigterm(&query_));
  ExpectStopsCleanlyOnSigterm(&ingest_);
}

TEST_F(TlsEndToEnd, FollowerWithoutAClientCertificateNeverCatchesUp) {
  ASSERT_TRUE(StartMutualTlsIngest().ok());
  {
    v1::IngestDocumentResponse response;
    const grpc::Status status = IngestWithCertificate(&response);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  ASSERT_TRUE(Start(&query_, "query",
                    {BinaryPath("query-service/query-service"), "--listen=127.0.0.1:0", "--db=" + Path("query-db"),
                     "--ingest=" + ingest_.address(), "--heartbeat_seconds=1", "--ingest_tls_ca=" + Path("ca.pem")})
                  .ok());
  auto query = v1::QueryService::NewStub(grpc::CreateChannel(query_.address(), grpc::InsecureChannelCredentials()));
  absl::SleepFor(absl::Seconds(3));
  grpc::ClientContext context;
  SetDeadline(&context, 5);
  v1::GetStatusResponse response;
  ASSERT_TRUE(query->GetStatus(&context, v1::GetStatusRequest(), &response).ok());
  EXPECT_EQ(response.applied_sequence(), 0u);
  EXPECT_FALSE(response.caught_up());
}

// Runs alliancectl with `args`; returns its exit code (-1 when it did not exit).
int RunAlliancectl(const std::vector<std::string>& args, const std::string& log) {
  std::vector<std::string> argv = {BinaryPath("cli/alliancectl")};
  argv.insert(argv.end(), args.begin(), args.end());
  Subprocess process;
  if (!process.Start(argv, {}, log).ok()) return -1;
  absl::StatusOr<int> status = process.Wait(absl::Seconds(30));
  if (!status.ok() || !WIFEXITED(*status)) return -1;
  return WEXITSTATUS(*status);
}

TEST_F(TlsEndToEnd, AlliancectlIngestsOverMutualTlsOnlyWithItsCertificate) {
  ASSERT_TRUE(StartMutualTlsIngest().ok());
  const std::string article = Path("article.txt");
  WriteFile(article, kText);
  const std::string ingest_flag = "--ingest=" + ingest_.address();
  EXPECT_NE(RunAlliancectl({ingest_flag, "--timeout=5s", "ingest", article}, Path("ctl-plain.log")), 0)
      << ReadFile(Path("ctl-plain.log"));
  EXPECT_NE(RunAlliancectl({ingest_flag, "--timeout=5s", "--tls_ca=" + Path("ca.pem"), "ingest", article},
                           Path("ctl-nocert.log")),
            0)
      << ReadFile(Path("ctl-nocert.log"));
  EXPECT_EQ(RunAlliancectl({ingest_flag, "--timeout=20s", "--tls_ca=" + Path("ca.pem"),
                            "--tls_cert=" + Path("client.pem"), "--tls_key=" + Path("client.key"), "ingest",
                            article},
                           Path("ctl-mtls.log")),
            0)
      << ReadFile(Path("ctl-mtls.log"));
  EXPECT_NE(RunAlliancectl({ingest_flag, "--tls_ca=" + Path("missing.pem"), "ingest", article},
                           Path("ctl-missing.log")),
            0);
}

}  // namespace
}  // namespace alliance::testing
