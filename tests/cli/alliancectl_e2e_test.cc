// alliancectl against the real ingest-service and query-service binaries on
// loopback ports: the scripted workflow (ingest, wait-caught-up, query as JSON).
#include <signal.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "alliance/v1/query_service.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/cli/run_alliancectl.h"
#include "tests/testing/subprocess.h"

namespace alliance::cli {
namespace {

using ::testing::HasSubstr;

constexpr int kCorpusDocuments = 5;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n', absl::SkipEmpty());
  return lines;
}

// Starts both services once for the suite; stops them with SIGTERM at the end.
class AlliancectlEndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    root_ = new std::string(testing::MakeTempDir("alliancectl_e2e"));
    ingest_ = new testing::Subprocess();
    query_ = new testing::Subprocess();
    const std::string ingest_port_file = absl::StrCat(*root_, "/ingest.port");
    ASSERT_TRUE(ingest_
                    ->Start({testing::BinaryPath("ingest-service/ingest-service"), "--listen=127.0.0.1:0",
                             absl::StrCat("--port_file=", ingest_port_file),
                             absl::StrCat("--db=", *root_, "/ingest-db"),
                             absl::StrCat("--lexicon_dir=", ALLIANCE_SOURCE_DIR, "/data/lexicon")},
                            {}, absl::StrCat(*root_, "/ingest.log"))
                    .ok());
    const absl::StatusOr<int> ingest_port = testing::WaitForPortFile(ingest_port_file, absl::Seconds(30));
    ASSERT_TRUE(ingest_port.ok()) << ingest_port.status();
    ingest_address_ = new std::string(absl::StrCat("127.0.0.1:", *ingest_port));
    const std::string query_port_file = absl::StrCat(*root_, "/query.port");
    ASSERT_TRUE(query_
                    ->Start({testing::BinaryPath("query-service/query-service"), "--listen=127.0.0.1:0",
                             absl::StrCat("--port_file=", query_port_file),
                             absl::StrCat("--db=", *root_, "/query-db"),
                             absl::StrCat("--ingest=", *ingest_address_), "--heartbeat_seconds=1"},
                            {}, absl::StrCat(*root_, "/query.log"))
                    .ok());
    const absl::StatusOr<int> query_port = testing::WaitForPortFile(query_port_file, absl::Seconds(30));
    ASSERT_TRUE(query_port.ok()) << query_port.status();
    query_address_ = new std::string(absl::StrCat("127.0.0.1:", *query_port));
  }

  static void TearDownTestSuite() {
    for (testing::Subprocess* process : {query_, ingest_}) {
      if (process != nullptr && process->running()) {
        process->Signal(SIGTERM).IgnoreError();
        process->Wait(absl::Seconds(15)).IgnoreError();
      }
      delete process;  // kills it if it is still running
    }
    query_ = ingest_ = nullptr;
  }

  void SetUp() override {
    if (ingest_address_ == nullptr || query_address_ == nullptr) GTEST_SKIP() << "services did not start";
  }

  // Runs alliancectl pointed at both services through the environment.
  static AlliancectlResult Ctl(const std::vector<std::string>& args) {
    return RunAlliancectl(args, {{"ALLIANCE_INGEST", *ingest_address_}, {"ALLIANCE_QUERY", *query_address_}},
                          absl::Seconds(90));
  }

  static std::string* root_;
  static testing::Subprocess* ingest_;
  static testing::Subprocess* query_;
  static std::string* ingest_address_;
  static std::string* query_address_;
};

std::string* AlliancectlEndToEnd::root_ = nullptr;
testing::Subprocess* AlliancectlEndToEnd::ingest_ = nullptr;
testing::Subprocess* AlliancectlEndToEnd::query_ = nullptr;
std::string* AlliancectlEndToEnd::ingest_address_ = nullptr;
std::string* AlliancectlEndToEnd::query_address_ = nullptr;

TEST_F(AlliancectlEndToEnd, IngestsTheCorpusWaitsForTheQueryServiceAndAnswersAsJson) {
  const AlliancectlResult health = Ctl({"health", "ingest"});
  EXPECT_EQ(health.exit_code, 0) << health.output;

  const AlliancectlResult ingest = Ctl({"ingest", absl::StrCat(ALLIANCE_SOURCE_DIR, "/data/corpus")});
  ASSERT_EQ(ingest.exit_code, 0) << ingest.output;
  const std::vector<std::string> acks = Lines(ingest.output);
  ASSERT_EQ(acks.size(), kCorpusDocuments + 1u) << ingest.output;
  EXPECT_EQ(acks.back(), absl::StrCat(kCorpusDocuments, " new, 0 duplicate, 0 failed; last sequence ",
                                      kCorpusDocuments));

  const AlliancectlResult wait =
      Ctl({"wait-caught-up", "--timeout=60s", absl::StrCat("--sequence=", kCorpusDocuments)});
  ASSERT_EQ(wait.exit_code, 0) << wait.output;

  const AlliancectlResult status = Ctl({"--json", "status"});
  ASSERT_EQ(status.exit_code, 0) << status.output;
  v1::GetStatusResponse parsed;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(status.output, &parsed).ok()) << status.output;
  EXPECT_EQ(parsed.documents(), kCorpusDocuments);
  EXPECT_GE(parsed.applied_sequence(), static_cast<uint64_t>(kCorpusDocuments));
  EXPECT_TRUE(parsed.caught_up());

  const AlliancectlResult members = Ctl({"--json", "members", "--page-size=1"});
  ASSERT_EQ(members.exit_code, 0) << members.output;
  for (const std::string& line : Lines(members.output)) {
    v1::ListMembersResponse page;
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(line, &page).ok()) << line;
  }

  const AlliancectlResult again = Ctl({"ingest", absl::StrCat(ALLIANCE_SOURCE_DIR, "/data/corpus")});
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_THAT(again.output, HasSubstr(absl::StrCat("0 new, ", kCorpusDocuments, " duplicate, 0 failed")));
}

TEST_F(AlliancectlEndToEnd, ShowsTheServicesValidationMessages) {
  const AlliancectlResult history = Ctl({"history", "XYZ"});
  EXPECT_EQ(history.exit_code, 1);
  EXPECT_THAT(history.output, HasSubstr("XYZ"));
  EXPECT_THAT(history.output, ::testing::StartsWith("alliancectl: "));
}

}  // namespace
}  // namespace alliance::cli
