// The quality bar of issue #3, end to end over gRPC: ingest the bundled corpus
// into the real binaries and compare the answers with seed-gold.json. Prints
// precision and recall per record kind.
#include <chrono>
#include <cstdio>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/e2e/corpus.h"
#include "tests/e2e/gold_scorer.h"
#include "tests/e2e/local_cluster.h"

namespace alliance::testing {
namespace {

void SetDeadline(grpc::ClientContext* context) {
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
}

class SeedGoldEndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    cluster_ = new LocalCluster();
    ASSERT_TRUE(cluster_->StartIngest().ok());
    ASSERT_TRUE(cluster_->StartQuery().ok());
    auto ingest = cluster_->IngestStub();
    absl::StatusOr<std::vector<v1::IngestDocumentResponse>> ingested = IngestBundledCorpus(ingest.get());
    ASSERT_TRUE(ingested.ok()) << ingested.status();
    const std::vector<CorpusFile> files = ReadBundledCorpus();
    ASSERT_EQ(ingested->size(), files.size());
    for (size_t i = 0; i < files.size(); ++i) (*texts_)[(*ingested)[i].document_id()] = files[i].text;
    ASSERT_TRUE(cluster_->WaitForApplied(ingested->back().sequence()).ok());

    const std::string json = ReadFileOrEmpty(SourcePath("tests/e2e/testdata/seed-gold.json"));
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = true;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, gold_, options).ok());
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }

  static std::vector<v1::MembershipEvent> AllEvents() {
    auto query = cluster_->QueryStub();
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::GetMembershipHistoryRequest request;
    request.set_organization(gold_->organization());
    v1::GetMembershipHistoryResponse response;
    EXPECT_TRUE(query->GetMembershipHistory(&context, request, &response).ok());
    return {response.events().begin(), response.events().end()};
  }
  static std::vector<v1::AssistanceRequest> AllRequests() {
    auto query = cluster_->QueryStub();
    std::vector<v1::AssistanceRequest> all;
    std::string token;
    do {
      grpc::ClientContext context;
      SetDeadline(&context);
      v1::ListAssistanceRequestsRequest request;
      request.set_organization(gold_->organization());
      request.set_page_token(token);
      v1::ListAssistanceRequestsResponse response;
      EXPECT_TRUE(query->ListAssistanceRequests(&context, request, &response).ok());
      all.insert(all.end(), response.requests().begin(), response.requests().end());
      token = response.next_page_token();
    } while (!token.empty());
    return all;
  }
  static std::vector<v1::Intervention> AllInterventions() {
    auto query = cluster_->QueryStub();
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::ListInterventionsRequest request;
    request.set_organization(gold_->organization());
    request.set_page_size(1000);
    v1::ListInterventionsResponse response;
    EXPECT_TRUE(query->ListInterventions(&context, request, &response).ok());
    return {response.interventions().begin(), response.interventions().end()};
  }
  static std::vector<v1::Conflict> AllConflicts() {
    auto query = cluster_->QueryStub();
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::ListConflictsRequest request;
    request.set_organization(gold_->organization());
    request.set_page_size(1000);
    v1::ListConflictsResponse response;
    EXPECT_TRUE(query->ListConflicts(&context, request, &response).ok());
    return {response.conflicts().begin(), response.conflicts().end()};
  }

  // Checks that an evidence quote is the text at its offsets in its source.
  static void ExpectRealSentence(const v1::Evidence& evidence, const std::string& what) {
    auto it = texts_->find(evidence.document_id());
    ASSERT_NE(it, texts_->end()) << what << ": unknown document " << evidence.document_id();
    const std::string& text = it->second;
    ASSERT_GE(evidence.begin(), 0) << what;
    ASSERT_LE(evidence.end(), static_cast<int>(text.size())) << what;
    ASSERT_LT(evidence.begin(), evidence.end()) << what;
    EXPECT_EQ(text.substr(evidence.begin(), evidence.end() - evidence.begin()), evidence.quote()) << what;
  }

  static LocalCluster* cluster_;
  static SeedGold* gold_;
  static std::map<std::string, std::string>* texts_;
};

LocalCluster* SeedGoldEndToEnd::cluster_ = nullptr;
SeedGold* SeedGoldEndToEnd::gold_ = new SeedGold();
std::map<std::string, std::string>* SeedGoldEndToEnd::texts_ = new std::map<std::string, std::string>();

TEST_F(SeedGoldEndToEnd, MembersAsOfEveryGoldDateAreExact) {
  auto query = cluster_->QueryStub();
  for (const auto& expected : gold_->members_as_of()) {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::ListMembersRequest request;
    request.set_organization(gold_->organization());
    request.mutable_as_of()->set_as_written(expected.as_of());
    v1::ListMembersResponse response;
    ASSERT_TRUE(query->ListMembers(&context, request, &response).ok());
    std::set<std::string> actual;
    for (const auto& member : response.members()) {
      if (member.status() == v1::MEMBERSHIP_STATUS_MEMBER) actual.insert(member.country());
    }
    const std::set<std::string> want(expected.members().begin(), expected.members().end());
    EXPECT_EQ(actual, want) << "as of " << expected.as_of() << ": got " << absl::StrJoin(actual, ",");
  }
}

TEST_F(SeedGoldEndToEnd, MembershipEventsMeetPrecisionAndRecall) {
  KindScore score = ScoreMembershipEvents(*gold_, AllEvents());
  std::printf("%s\n", score.Summary("membership events").c_str());
  EXPECT_GE(score.precision(), 0.95);
  EXPECT_GE(score.recall(), 0.95);
  EXPECT_TRUE(score.forbidden.empty());
}

TEST_F(SeedGoldEndToEnd, AssistanceRequestsMeetPrecisionAndRecall) {
  KindScore score = ScoreAssistanceRequests(*gold_, AllRequests());
  std::printf("%s\n", score.Summary("assistance requests").c_str());
  EXPECT_GE(score.precision(), 0.95);
  EXPECT_GE(score.recall(), 0.95);
}

TEST_F(SeedGoldEndToEnd, RequiredInterventionIsCompleteAndForbiddenOnesAbsent) {
  std::vector<std::string> problems = CheckInterventions(*gold_, AllInterventions());
  std::printf("interventions: %zu problem(s)\n  %s\n", problems.size(), absl::StrJoin(problems, "\n  ").c_str());
  EXPECT_TRUE(problems.empty());
}

TEST_F(SeedGoldEndToEnd, ExpectedConflictsAreRecorded) {
  std::vector<v1::Conflict> conflicts = AllConflicts();
  std::set<std::string> subjects;
  for (const auto& conflict : conflicts) {
    subjects.insert(absl::StrCat(conflict.subject_id(), "#", conflict.field()));
    std::printf("conflict: %s %s (%d claims)\n", conflict.subject_id().c_str(), conflict.field().c_str(),
                conflict.claims_size());
  }
  // Every disputed request the gold demands is the subject of an outcome conflict.
  for (const auto& request : AllRequests()) {
    for (const auto& required : gold_->assistance_requests().required()) {
      if (required.must_be_disputed() && request.requester_country() == required.requester_country() &&
          DateMatches(request.date(), required.date())) {
        EXPECT_TRUE(subjects.count(absl::StrCat(request.id(), "#outcome"))) << request.id();
      }
    }
  }
  // The required intervention's troop figures disagree (whole force vs one contributor).
  bool troops_conflict = false;
  for (const auto& intervention : AllInterventions()) {
    for (const auto& required : gold_->interventions().required()) {
      if (intervention.host_country() == required.host_country() && subjects.count(absl::StrCat(intervention.id(), "#troops"))) {
        troops_conflict = true;
      }
    }
  }
  EXPECT_TRUE(troops_conflict);
  EXPECT_GE(conflicts.size(), static_cast<size_t>(gold_->conflicts_expected_size()));
}

TEST_F(SeedGoldEndToEnd, EveryEvidenceQuotesARealSentenceOfItsSource) {
  int checked = 0;
  for (const auto& event : AllEvents()) {
    EXPECT_FALSE(event.evidence().empty()) << event.id();
    for (const auto& evidence : event.evidence()) ExpectRealSentence(evidence, event.id()), ++checked;
  }
  for (const auto& request : AllRequests()) {
    EXPECT_FALSE(request.evidence().empty()) << request.id();
    for (const auto& evidence : request.evidence()) ExpectRealSentence(evidence, request.id()), ++checked;
  }
  for (const auto& intervention : AllInterventions()) {
    EXPECT_FALSE(intervention.evidence().empty()) << intervention.id();
    for (const auto& evidence : intervention.evidence()) ExpectRealSentence(evidence, intervention.id()), ++checked;
  }
  std::printf("evidence quotes checked: %d\n", checked);
  EXPECT_GT(checked, 0);
}

}  // namespace
}  // namespace alliance::testing
