// Runs `alliancectl ingest` in-process against the fake ingest service and
// checks what it sends (texts, titles, token) and the acknowledgement lines,
// summary and exit code it prints.
#include "cli/ingest_command.h"

#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/command_context.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "tests/cli/fake_services.h"

namespace alliance::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

using IngestCommandTest = CommandTest;

TEST_F(IngestCommandTest, IngestPrintsOneAcknowledgementPerFileInOrder) {
  const std::string first = WriteTempFile("first.txt", "Armenia signed the treaty in 1992.");
  const std::string second = WriteTempFile("second.txt", "Uzbekistan left in 2012.");
  options_.token = "s3cret";
  ASSERT_EQ(Run({"ingest", first, second}), kExitOk) << err_.str();
  const std::vector<std::string> lines = Lines(out_.str());
  ASSERT_EQ(lines.size(), 3u) << out_.str();
  EXPECT_EQ(lines[0], absl::StrCat(first, "  new  doc1  seq 1  2 events, 1 interventions, 0 requests"));
  EXPECT_EQ(lines[1], absl::StrCat(second, "  new  doc2  seq 2  2 events, 1 interventions, 0 requests"));
  EXPECT_EQ(lines[2], "2 new, 0 duplicate, 0 failed; last sequence 2");
  EXPECT_THAT(ingest_service_.titles(), ElementsAre(testing::EndsWith("first"), testing::EndsWith("second")));
  EXPECT_EQ(ingest_service_.authorization(), "Bearer s3cret");
}

TEST_F(IngestCommandTest, IngestReportsDuplicates) {
  const std::string file = WriteTempFile("dup.txt", "Same text.");
  ASSERT_EQ(Run({"ingest", file, file}), kExitOk) << err_.str();
  const std::vector<std::string> lines = Lines(out_.str());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_THAT(lines[1], HasSubstr("  duplicate  doc1  seq 1"));
}

TEST_F(IngestCommandTest, IngestOfARefusedDocumentExitsNonZero) {
  const std::string good = WriteTempFile("good.txt", "Kazakhstan asked for help in 2022.");
  const std::string bad = WriteTempFile("bad.txt", "REFUSE this one");
  EXPECT_EQ(Run({"ingest", bad, good}), kExitError);
  const std::vector<std::string> lines = Lines(out_.str());
  ASSERT_EQ(lines.size(), 3u) << out_.str();
  EXPECT_EQ(lines[0], absl::StrCat(bad, "  error  INVALID_ARGUMENT: document.text: refused by the fake"));
  EXPECT_THAT(lines[1], HasSubstr("  new  doc1  seq 1"));
  EXPECT_EQ(lines[2], "1 new, 0 duplicate, 1 failed; last sequence 1");
}

TEST_F(IngestCommandTest, IngestOfAMissingFileExitsNonZeroAndSendsTheRest) {
  const std::string good = WriteTempFile("ok.txt", "Belarus signed in 1993.");
  EXPECT_EQ(Run({"ingest", "/nonexistent/file.txt", good}), kExitError);
  EXPECT_THAT(err_.str(), HasSubstr("/nonexistent/file.txt: cannot open file"));
  EXPECT_THAT(out_.str(), HasSubstr(absl::StrCat(good, "  new")));
}

TEST_F(IngestCommandTest, IngestOfADirectorySendsItsFilesInNameOrder) {
  const std::string dir = absl::StrCat(std::getenv("TEST_TMPDIR") != nullptr ? std::getenv("TEST_TMPDIR") : "/tmp",
                                       "/alliancectl_dir_", ::getpid());
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(std::filesystem::create_directories(dir));
  std::ofstream(dir + "/b.txt") << "Second article.";
  std::ofstream(dir + "/a.txt") << "First article.";
  std::ofstream(dir + "/.hidden") << "Not an article.";
  const int code = Run({"ingest", dir});
  std::filesystem::remove_all(dir);
  ASSERT_EQ(code, kExitOk) << err_.str();
  const std::vector<std::string> lines = Lines(out_.str());
  ASSERT_EQ(lines.size(), 3u) << out_.str();
  EXPECT_THAT(lines[0], testing::StartsWith(dir + "/a.txt  new  doc1"));
  EXPECT_THAT(lines[1], testing::StartsWith(dir + "/b.txt  new  doc2"));
  EXPECT_THAT(ingest_service_.titles(), ElementsAre("a", "b"));
}

TEST_F(IngestCommandTest, IngestLeavesTitlesToTheServiceWhenAsked) {
  const std::string file = WriteTempFile("headed.txt", "A Title\n\nBelarus signed in 1993.");
  commands_.ingest.title_from_text = true;
  ASSERT_EQ(Run({"ingest", file}), kExitOk) << err_.str();
  EXPECT_THAT(ingest_service_.titles(), ElementsAre(""));
}

TEST_F(IngestCommandTest, IngestReadsStdinAndTakesTheTitleFlag) {
  in_.str("Tajikistan signed in 1992.");
  commands_.ingest.title = "From stdin";
  options_.json = true;
  ASSERT_EQ(Run({"ingest", "-"}), kExitOk) << err_.str();
  v1::IngestDocumentResponse ack;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(Lines(out_.str()).at(0), &ack).ok());
  EXPECT_EQ(ack.client_tag(), "-");
  EXPECT_EQ(ack.sequence(), 1u);
  EXPECT_THAT(ingest_service_.titles(), ElementsAre("From stdin"));
}

TEST_F(IngestCommandTest, UnreachableIngestServiceGivesExitCodeTwo) {
  const std::string file = WriteTempFile("x.txt", "text");
  options_.ingest_address = "127.0.0.1:1";
  EXPECT_EQ(Run({"ingest", file}), kExitUnreachable);
  EXPECT_THAT(err_.str(), HasSubstr("cannot reach the ingest service at 127.0.0.1:1"));
}

}  // namespace
}  // namespace alliance::cli
