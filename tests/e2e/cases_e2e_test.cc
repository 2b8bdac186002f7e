// ListCases through the real binaries on the bundled corpus: each crisis from
// the request for help to the withdrawal, with its parts' evidence, and the
// filters and errors of the request.
#include <chrono>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/gold_check.h"

namespace alliance::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

struct SeedCorpus {
  static absl::StatusOr<std::vector<CorpusDocument>> Documents() { return BundledCorpusDocuments(); }
  static constexpr char kGoldPath[] = "tests/e2e/testdata/seed-gold.json";
};
using CasesEndToEnd = GoldEndToEnd<SeedCorpus>;

grpc::Status ListCases(const GoldCheck& check, const v1::ListCasesRequest& request, v1::ListCasesResponse* response) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  return check.QueryStub()->ListCases(&context, request, response);
}

std::vector<v1::Case> AllCases(const GoldCheck& check, v1::ListCasesRequest request) {
  std::vector<v1::Case> cases;
  do {
    v1::ListCasesResponse response;
    const grpc::Status status = ListCases(check, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (!status.ok()) break;
    cases.insert(cases.end(), response.cases().begin(), response.cases().end());
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return cases;
}

const v1::Case* Find(const std::vector<v1::Case>& cases, const std::string& country, int year) {
  for (const v1::Case& c : cases) {
    if (c.country() == country && !c.timeline().empty() && c.timeline(0).date().year() == year) return &c;
  }
  return nullptr;
}

std::vector<std::string> Stages(const v1::Case& c) {
  std::vector<std::string> stages;
  for (const v1::CaseStep& step : c.timeline()) stages.push_back(v1::CaseStage_Name(step.stage()).substr(11));
  return stages;
}

TEST_F(CasesEndToEnd, KazakhstanGoesFromItsRequestToTheWithdrawalWithEachPartQuoted) {
  const std::vector<v1::Case> cases = AllCases(check(), v1::ListCasesRequest());
  const v1::Case* kaz = Find(cases, "KAZ", 2022);
  ASSERT_NE(kaz, nullptr);
  EXPECT_EQ(kaz->id(), "case/CSTO/KAZ/2022");
  EXPECT_EQ(kaz->status(), v1::CASE_STATUS_WITHDRAWN);
  EXPECT_THAT(Stages(*kaz), ElementsAre("REQUESTED", "DECIDED", "DEPLOYED", "WITHDRAWN"));
  EXPECT_EQ(kaz->timeline(1).summary(), "granted");
  EXPECT_EQ(kaz->request_id(), kaz->timeline(0).fact_id());
  ASSERT_EQ(kaz->intervention_ids_size(), 1);
  EXPECT_EQ(kaz->timeline(2).fact_id(), kaz->intervention_ids(0));
  // The deployment began in January 2022 and ended after it began.
  EXPECT_EQ(kaz->timeline(2).date().year(), 2022);
  EXPECT_EQ(kaz->timeline(2).date().month(), 1);
  EXPECT_GE(kaz->timeline(3).date().day(), kaz->timeline(2).date().day());
  // Each part keeps its own quotes: the request's sentence and the deployment's.
  ASSERT_GT(kaz->timeline(0).evidence_size(), 0);
  ASSERT_GT(kaz->timeline(2).evidence_size(), 0);
  EXPECT_NE(kaz->timeline(0).evidence(0).quote(), kaz->timeline(2).evidence(0).quote());
  EXPECT_GE(kaz->timeline(2).evidence_total(), kaz->timeline(2).evidence_size());
  EXPECT_TRUE(kaz->disputed()) << "sources disagree on the troops";
}

TEST_F(CasesEndToEnd, DeniedAppealsAreCasesOfTheirOwnAndNoneWasMadeUpForBelarus) {
  const std::vector<v1::Case> cases = AllCases(check(), v1::ListCasesRequest());
  for (const auto& [country, year] : std::vector<std::pair<std::string, int>>{{"KGZ", 2010}, {"ARM", 2022}}) {
    const v1::Case* denied = Find(cases, country, year);
    ASSERT_NE(denied, nullptr) << country << " " << year;
    EXPECT_EQ(denied->status(), v1::CASE_STATUS_DENIED) << country;
    EXPECT_THAT(Stages(*denied), ElementsAre("REQUESTED", "DECIDED"));
    EXPECT_EQ(denied->timeline(1).summary(), "denied");
  }
  // Belarus said it did not ask (NOT_REQUESTED): no appeal, no case.
  for (const v1::Case& c : cases) EXPECT_NE(c.country(), "BLR") << c.id();
  // Chronological by the first dated step.
  for (size_t i = 1; i < cases.size(); ++i) {
    if (cases[i].timeline(0).date().year() == 0) continue;
    EXPECT_LE(cases[i - 1].timeline(0).date().year(), cases[i].timeline(0).date().year());
  }
}

TEST_F(CasesEndToEnd, FiltersAndPagesWalkTheSameCases) {
  const std::vector<v1::Case> all = AllCases(check(), v1::ListCasesRequest());
  v1::ListCasesRequest small_pages;
  small_pages.set_page_size(1);
  const std::vector<v1::Case> paged = AllCases(check(), small_pages);
  ASSERT_EQ(paged.size(), all.size());
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(paged[i].id(), all[i].id());

  v1::ListCasesRequest armenia;
  armenia.set_country("ARM");
  for (const v1::Case& c : AllCases(check(), armenia)) EXPECT_EQ(c.country(), "ARM");
  v1::ListCasesRequest denied;
  denied.set_status(v1::CASE_STATUS_DENIED);
  const std::vector<v1::Case> refusals = AllCases(check(), denied);
  EXPECT_GE(refusals.size(), 3u);
  for (const v1::Case& c : refusals) EXPECT_EQ(c.status(), v1::CASE_STATUS_DENIED);
}

TEST_F(CasesEndToEnd, BadRequestsNameTheField) {
  v1::ListCasesResponse response;
  v1::ListCasesRequest bad_status;
  bad_status.set_status(static_cast<v1::CaseStatus>(42));
  grpc::Status status = ListCases(check(), bad_status, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("status"));
  v1::ListCasesRequest bad_country;
  bad_country.set_country("XYZ");
  status = ListCases(check(), bad_country, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("country"));
}

}  // namespace
}  // namespace alliance::testing
