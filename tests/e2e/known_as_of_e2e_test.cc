// known_as_of_sequence through the real binaries. The oracle is the replica
// itself, asked then: the bundled corpus is ingested one article at a time,
// and after each is applied every List and Get answer is recorded; at the end,
// the same questions with known_as_of_sequence set to each of those sequences
// must give exactly the recorded bytes.
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/e2e/corpus.h"
#include "tests/e2e/local_cluster.h"

namespace alliance::testing {
namespace {

using ::testing::HasSubstr;

std::unique_ptr<grpc::ClientContext> Deadline() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
  return context;
}

v1::PartialDate Year(int year) {
  v1::PartialDate date;
  date.set_year(year);
  date.set_month(1);
  date.set_day(1);
  return date;
}

// Every List and Get answer of the replica, serialized, by question.
using Answers = std::map<std::string, std::string>;

// Asks every question with `known` as known_as_of_sequence (0: now).
Answers Ask(v1::QueryService::Stub* stub, uint64_t known, grpc::Status* failed) {
  Answers answers;
  auto record = [&](const std::string& question, const grpc::Status& status, const google::protobuf::Message& m) {
    if (!status.ok() && failed->ok()) *failed = status;
    answers[question] = m.SerializeAsString();
  };
  for (const std::string& country : {"", "UZB", "ARM"}) {
    v1::GetMembershipHistoryRequest request;
    request.set_country(country);
    request.set_include_unasserted(true);
    request.set_known_as_of_sequence(known);
    v1::GetMembershipHistoryResponse response;
    record("history " + country, stub->GetMembershipHistory(Deadline().get(), request, &response), response);
  }
  for (int year : {1995, 2000, 2008, 2013, 2022}) {
    v1::ListMembersRequest request;
    *request.mutable_as_of() = Year(year);
    request.set_include_observers(true);
    request.set_known_as_of_sequence(known);
    v1::ListMembersResponse response;
    record("members " + std::to_string(year), stub->ListMembers(Deadline().get(), request, &response), response);
  }
  {
    v1::ListMembershipEventsRequest request;
    request.set_include_unasserted(true);
    request.set_page_size(1000);
    request.set_known_as_of_sequence(known);
    v1::ListMembershipEventsResponse response;
    record("events", stub->ListMembershipEvents(Deadline().get(), request, &response), response);
  }
  {
    v1::ListInterventionsRequest request;
    request.set_include_unasserted(true);
    request.set_page_size(1000);
    request.set_known_as_of_sequence(known);
    v1::ListInterventionsResponse response;
    record("interventions", stub->ListInterventions(Deadline().get(), request, &response), response);
  }
  {
    v1::ListAssistanceRequestsRequest request;
    request.set_include_unasserted(true);
    request.set_page_size(1000);
    request.set_known_as_of_sequence(known);
    v1::ListAssistanceRequestsResponse response;
    record("requests", stub->ListAssistanceRequests(Deadline().get(), request, &response), response);
  }
  {
    v1::ListConflictsRequest request;
    request.set_page_size(1000);
    request.set_known_as_of_sequence(known);
    v1::ListConflictsResponse response;
    record("conflicts", stub->ListConflicts(Deadline().get(), request, &response), response);
  }
  {
    v1::ListCasesRequest request;
    request.set_page_size(1000);
    request.set_known_as_of_sequence(known);
    v1::ListCasesResponse response;
    record("cases", stub->ListCases(Deadline().get(), request, &response), response);
  }
  return answers;
}

TEST(KnownAsOfEndToEnd, EveryAnswerAtEverySequenceIsTheOneTheReplicaGaveThen) {
  LocalCluster cluster;
  ASSERT_TRUE(cluster.StartIngest().ok());
  ASSERT_TRUE(cluster.StartQuery().ok());
  auto ingest = cluster.IngestStub();
  auto query = cluster.QueryStub();

  std::map<uint64_t, Answers> then;
  for (const CorpusDocument& document : BundledCorpusDocuments()) {
    v1::IngestDocumentRequest request;
    *request.mutable_document() = document.document;
    v1::IngestDocumentResponse ack;
    ASSERT_TRUE(ingest->IngestDocument(Deadline().get(), request, &ack).ok()) << document.name;
    ASSERT_TRUE(cluster.WaitForApplied(ack.sequence()).ok());
    grpc::Status failed;
    then[ack.sequence()] = Ask(query.get(), 0, &failed);
    ASSERT_TRUE(failed.ok()) << failed.error_message();
  }
  ASSERT_GE(then.size(), 5u);

  for (const auto& [sequence, answers] : then) {
    grpc::Status failed;
    const Answers known = Ask(query.get(), sequence, &failed);
    ASSERT_TRUE(failed.ok()) << "at " << sequence << ": " << failed.error_message();
    for (const auto& [question, bytes] : answers) {
      EXPECT_EQ(known.at(question), bytes) << question << " as known at sequence " << sequence;
    }
  }
  // The answers did change along the way (the test would pass vacuously otherwise).
  EXPECT_NE(then.begin()->second.at("members 2008"), then.rbegin()->second.at("members 2008"));
  EXPECT_NE(then.begin()->second.at("requests"), then.rbegin()->second.at("requests"));

  // A sequence this replica has not applied is refused, naming the field.
  v1::ListMembersRequest ahead;
  ahead.set_known_as_of_sequence(then.rbegin()->first + 10);
  v1::ListMembersResponse response;
  const grpc::Status status = query->ListMembers(Deadline().get(), ahead, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_THAT(status.error_message(), HasSubstr("known_as_of_sequence"));
}

TEST(KnownAsOfEndToEnd, AReplicaThatPrunesItsWatchLogSaysItCannotLookBack) {
  LocalCluster cluster;
  ASSERT_TRUE(cluster.StartIngest().ok());
  ASSERT_TRUE(cluster.StartQuery(0, {"--watch_retention=1"}).ok());
  auto ingest = cluster.IngestStub();
  uint64_t last = 0;
  for (const CorpusDocument& document : BundledCorpusDocuments()) {
    v1::IngestDocumentRequest request;
    *request.mutable_document() = document.document;
    v1::IngestDocumentResponse ack;
    ASSERT_TRUE(ingest->IngestDocument(Deadline().get(), request, &ack).ok());
    last = ack.sequence();
  }
  ASSERT_TRUE(cluster.WaitForApplied(last).ok());
  v1::ListAssistanceRequestsRequest request;
  request.set_known_as_of_sequence(1);
  v1::ListAssistanceRequestsResponse response;
  const grpc::Status status = cluster.QueryStub()->ListAssistanceRequests(Deadline().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::OUT_OF_RANGE);
  EXPECT_THAT(status.error_message(), HasSubstr("known_as_of_sequence"));
  EXPECT_THAT(status.error_message(), HasSubstr("--watch_retention"));
}

}  // namespace
}  // namespace alliance::testing
