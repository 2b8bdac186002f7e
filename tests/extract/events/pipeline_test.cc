#include "ingest-service/extract/pipeline.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/extract/events/event_test_support.h"
#include "tests/extract/events/one_article_answers.h"

namespace alliance::ingest {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// A lexicon directory with the bundled word files and an invented alliance of
// invented states, so no rule can lean on real names.
class InventedAllianceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("invented_lexicon_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    for (const char* name : {"dates.textproto", "numbers.textproto", "sentences.textproto", "roles.textproto",
                             "headers.textproto", "triggers.textproto"}) {
      fs::copy_file(fs::path(events::testing::LexiconDir()) / name, dir_ / name, fs::copy_options::overwrite_existing);
    }
    Write("countries.textproto",
          "countries { code: \"XNA\" names: \"Norvania\" demonyms: \"Norvanian\" capitals: \"Velt\" }\n"
          "countries { code: \"XSA\" names: \"Sudmark\" demonyms: \"Sudmarkian\" }\n"
          "countries { code: \"XOA\" names: \"Ostria\" demonyms: \"Ostrian\" }\n");
    Write("organizations.textproto",
          "organizations { code: \"BSC\" names: \"Boreal Security Compact\" acronyms: \"BSC\" }\n");
    Write("people.textproto", "people { name: \"Ilka Marr\" aliases: \"Marr\" country: \"XOA\" }\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }

  std::vector<v1::Record> Extract(const std::string& text) {
    auto extractor = NewPipelineExtractor(dir_.string());
    EXPECT_TRUE(extractor.ok()) << extractor.status();
    v1::Document document;
    document.set_text(text);
    auto result = (*extractor)->Extract(document);
    EXPECT_TRUE(result.ok()) << result.status();
    return result->records;
  }

  fs::path dir_;
};

TEST_F(InventedAllianceTest, ReadsMembershipOfAnInventedAlliance) {
  const auto records = Extract(
      "The Boreal Security Compact (BSC) was founded in 2001. In March 2003, Norvania and Sudmark joined the BSC. "
      "Sudmark, which left the compact in 2009 and rejoined the BSC in 2014, is now loyal.");
  EXPECT_THAT(events::testing::DescribeAll(events::testing::Memberships(records)),
              ElementsAre("XNA JOINED BSC 2003-03", "XSA JOINED BSC 2003-03", "XSA WITHDREW BSC 2009",
                          "XSA REJOINED BSC 2014"));
}

TEST_F(InventedAllianceTest, ReadsAnInterventionAndItsRequest) {
  const auto records = Extract(
      "In May 2018, Ostrian President Ilka Marr appealed to the BSC for help, which the compact quickly agreed to. "
      "About 1,200 BSC troops were sent into Ostria on May 20, 2018. A BSC intervention in Sudmark would be "
      "unthinkable.");
  EXPECT_THAT(events::testing::DescribeAll(events::testing::Requests(records)), ElementsAre("XOA GRANTED 2018-05"));
  std::vector<v1::Intervention> asserted;
  for (const auto& i : events::testing::Interventions(records)) {
    if (i.factuality() == v1::FACTUALITY_ASSERTED) asserted.push_back(i);
  }
  ASSERT_EQ(asserted.size(), 1u);
  EXPECT_EQ(asserted[0].host_country(), "XOA");
  // Consolidation links the request to the intervention the article tells.
  const auto answered = events::testing::Interventions(events::testing::AnswersFromOneArticle(records));
  ASSERT_FALSE(answered.empty());
  for (const auto& i : answered) {
    if (i.factuality() == v1::FACTUALITY_ASSERTED) {
      EXPECT_EQ(i.requested_by(), "XOA");
    }
  }
  EXPECT_EQ(FormatDate(asserted[0].start()), "2018-05-20");
  ASSERT_EQ(asserted[0].troops_size(), 1);
  EXPECT_EQ(asserted[0].troops(0).count(), 1200);
  EXPECT_TRUE(asserted[0].troops(0).approximate());
}

TEST_F(InventedAllianceTest, EachRecordKeepsTheWordsThatDecidedItsFactuality) {
  const auto memberships = events::testing::Memberships(
      Extract("Norvania did not join the BSC in 2005. Sudmark joined the BSC in 2006. "
              "Ostria refused to sign the BSC treaty in 2007."));
  ASSERT_EQ(memberships.size(), 3u);
  EXPECT_EQ(memberships[0].factuality(), v1::FACTUALITY_NEGATED);
  EXPECT_EQ(memberships[0].factuality_cue(), "did not");
  EXPECT_EQ(memberships[1].factuality(), v1::FACTUALITY_ASSERTED);
  EXPECT_EQ(memberships[1].factuality_cue(), "");
  // Negated by the extractor's own rule, which points at its words.
  EXPECT_EQ(memberships[2].factuality(), v1::FACTUALITY_NEGATED);
  EXPECT_EQ(memberships[2].factuality_cue(), "refused to");

  const auto requests = events::testing::Requests(
      Extract("Ostria asked the BSC for help in May 2018, according to Norvania. "
              "Sudmark did not ask the BSC for help in 2019."));
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].factuality(), v1::FACTUALITY_REPORTED);
  EXPECT_EQ(requests[0].factuality_cue(), "according to");
  // "did not ask" is an asserted absence of a request: nothing to point at.
  EXPECT_EQ(requests[1].outcome(), v1::ASSISTANCE_OUTCOME_NOT_REQUESTED);
  EXPECT_EQ(requests[1].factuality(), v1::FACTUALITY_ASSERTED);
  EXPECT_EQ(requests[1].factuality_cue(), "");

  const auto interventions =
      events::testing::Interventions(Extract("A BSC intervention in Sudmark would be unthinkable."));
  ASSERT_EQ(interventions.size(), 1u);
  EXPECT_EQ(interventions[0].factuality(), v1::FACTUALITY_HYPOTHETICAL);
  EXPECT_EQ(interventions[0].factuality_cue(), "would be");
}

TEST_F(InventedAllianceTest, ReportsAMalformedTriggerFileByName) {
  Write("triggers.textproto", "triggers { kind: TRIGGER_KIND_MEMBERSHIP action: \"ANNEXED\" }");
  auto extractor = NewPipelineExtractor(dir_.string());
  ASSERT_FALSE(extractor.ok());
  EXPECT_EQ(extractor.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(extractor.status().message(), HasSubstr("triggers.textproto"));
}

TEST(Pipeline, MissingLexiconDirectoryIsNotFound) {
  EXPECT_EQ(NewPipelineExtractor("/nonexistent/lexicon").status().code(), absl::StatusCode::kNotFound);
}

TEST(Pipeline, ExtractIsDeterministicAcrossThreads) {
  auto extractor = NewPipelineExtractor(events::testing::LexiconDir());
  ASSERT_TRUE(extractor.ok()) << extractor.status();
  std::ifstream in(std::string(ALLIANCE_SOURCE_DIR) + "/data/corpus/002_dfd454984cb772b8.txt");
  std::stringstream buffer;
  buffer << in.rdbuf();
  v1::Document document;
  document.set_text(buffer.str());
  auto serialize = [&] {
    std::string out;
    auto result = (*extractor)->Extract(document);
    if (!result.ok()) return out;
    for (const auto& r : result->records) out += r.SerializeAsString();
    return out;
  };
  const std::string expected = serialize();
  ASSERT_FALSE(expected.empty());
  std::vector<std::string> got(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < got.size(); ++i) threads.emplace_back([&, i] { got[i] = serialize(); });
  for (auto& t : threads) t.join();
  for (const auto& g : got) EXPECT_EQ(g, expected);
}

TEST(Pipeline, EveryRecordNamesItsOrganization) {
  auto extractor = NewPipelineExtractor(events::testing::LexiconDir());
  ASSERT_TRUE(extractor.ok()) << extractor.status();
  int records = 0;
  for (const auto& entry : fs::directory_iterator(std::string(ALLIANCE_SOURCE_DIR) + "/data/corpus")) {
    std::ifstream in(entry.path());
    std::stringstream buffer;
    buffer << in.rdbuf();
    v1::Document document;
    document.set_text(buffer.str());
    auto result = (*extractor)->Extract(document);
    ASSERT_TRUE(result.ok()) << entry.path() << ": " << result.status();
    for (const v1::Record& r : result->records) {
      ++records;
      const std::string& organization = r.has_membership_event() ? r.membership_event().organization()
                                        : r.has_intervention()   ? r.intervention().organization()
                                                                 : r.assistance_request().organization();
      EXPECT_FALSE(organization.empty()) << entry.path() << ": " << r.ShortDebugString();
    }
  }
  EXPECT_GT(records, 0);
}

}  // namespace
}  // namespace alliance::ingest
