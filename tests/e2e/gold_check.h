// A gold check end to end over gRPC: articles ingested into the real binaries
// (LocalCluster), the query service's answers fetched and compared with a gold
// file in the seed-gold.json format. Shared by seed_gold_e2e_test (the bundled
// corpus) and dev_gold_e2e_test (the development articles of issue #8); each
// test decides how strict to be.
#ifndef ALLIANCE_TESTS_E2E_GOLD_CHECK_H_
#define ALLIANCE_TESTS_E2E_GOLD_CHECK_H_

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "alliance/v1/records.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/e2e/corpus.h"
#include "tests/e2e/gold_scorer.h"
#include "tests/e2e/local_cluster.h"

namespace alliance::testing {

// The members the query service lists on one gold date, against the gold's.
struct MembersOnDate {
  std::string as_of;
  std::set<std::string> want;
  std::set<std::string> got;  // countries with status MEMBER
  bool exact() const { return want == got; }
  std::string Describe() const;  // "2000-01-01 exact" or what is missing and extra
};

// The expected conflicts: what the gold's items call for, and all conflicts.
struct ConflictCheck {
  std::vector<v1::Conflict> conflicts;
  // Returned requests matching a must_be_disputed gold item with no outcome conflict.
  std::vector<std::string> undisputed_requests;
  // True when a required intervention (by host) is the subject of a troops conflict.
  bool troops_conflict = false;
  std::string Describe() const;  // one line per conflict, then the problems
};

// Evidence quotes checked against the texts that were sent.
struct QuoteCheck {
  int checked = 0;
  std::vector<std::string> problems;  // records without evidence, quotes that are not the text at their offsets
};

// One ingested corpus and its gold file. Thread-compatible.
class GoldCheck {
 public:
  // Starts the ingest and query services, ingests `documents` in order, waits
  // until the query service has applied them and reads `gold_path` (relative to
  // the source directory).
  static absl::StatusOr<std::unique_ptr<GoldCheck>> Start(const std::vector<CorpusDocument>& documents,
                                                          const std::string& gold_path);

  const SeedGold& gold() const { return gold_; }
  int documents() const { return static_cast<int>(texts_.size()); }

  // The default (asserted) answers for the gold's organization.
  std::vector<v1::MembershipEvent> Events() const;
  std::vector<v1::AssistanceRequest> Requests() const;
  std::vector<v1::Intervention> Interventions() const;
  std::vector<v1::Conflict> Conflicts() const;

  // A stub of the query service, for calls the checks above do not make.
  std::unique_ptr<v1::QueryService::Stub> QueryStub() const { return cluster_.QueryStub(); }

  // ListMembers(as_of) for every members_as_of date of the gold.
  std::vector<MembersOnDate> MembersOnGoldDates() const;
  ConflictCheck CheckConflicts() const;
  // Every record's evidence is the text of its document at its offsets.
  QuoteCheck CheckEvidenceQuotes() const;
  // Prints the count and EXPECTs every quote verbatim (and at least one).
  void ExpectEvidenceQuotesVerbatim() const;

 private:
  GoldCheck() = default;
  // Calls a unary QueryService method of the replica with a 20 s deadline;
  // EXPECTs it to succeed.
  template <typename Request, typename Response>
  Response Call(grpc::Status (v1::QueryService::Stub::*method)(grpc::ClientContext*, const Request&, Response*),
                const Request& request) const {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    Response response;
    const grpc::Status status = (cluster_.QueryStub().get()->*method)(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }
  void CheckQuote(const v1::Evidence& evidence, const std::string& what, QuoteCheck* check) const;

  LocalCluster cluster_;
  SeedGold gold_;
  std::map<std::string, std::string> texts_;  // document id -> text sent
};

// A test suite sharing one GoldCheck, started once. `Corpus` provides
// `static absl::StatusOr<std::vector<CorpusDocument>> Documents()` and
// `static constexpr char kGoldPath[]`.
template <typename Corpus>
class GoldEndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<std::vector<CorpusDocument>> documents = Corpus::Documents();
    ASSERT_TRUE(documents.ok()) << documents.status();
    absl::StatusOr<std::unique_ptr<GoldCheck>> check = GoldCheck::Start(*documents, Corpus::kGoldPath);
    ASSERT_TRUE(check.ok()) << check.status();
    check_ = std::move(*check);
  }
  static void TearDownTestSuite() { check_.reset(); }
  void SetUp() override { ASSERT_NE(check_, nullptr) << "the gold check did not start"; }

  static const GoldCheck& check() { return *check_; }

 private:
  static inline std::unique_ptr<GoldCheck> check_;
};

}  // namespace alliance::testing

#endif  // ALLIANCE_TESTS_E2E_GOLD_CHECK_H_
