// known_as_of_sequence and known_as_of_unix through the real binaries. The
// oracle is the replica itself, asked then: articles are ingested one at a
// time, and after each is applied every List and Get answer is recorded; later,
// the same questions asked as known after each of those sequences, or at each
// of those moments, must give exactly the recorded bytes.
#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/clock.h"
#include "absl/time/time.h"
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

// The knowledge time of the questions: a sequence or a moment (both 0: now).
struct KnownAsOf {
  uint64_t sequence = 0;
  int64_t unix_seconds = 0;
};

template <typename Request>
void SetKnown(const KnownAsOf& known, Request* request) {
  request->set_known_as_of_sequence(known.sequence);
  request->set_known_as_of_unix(known.unix_seconds);
}

// Asks every question as known at `known`.
Answers Ask(v1::QueryService::Stub* stub, const KnownAsOf& known, grpc::Status* failed) {
  Answers answers;
  auto record = [&](const std::string& question, const grpc::Status& status, const google::protobuf::Message& m) {
    if (!status.ok() && failed->ok()) *failed = status;
    answers[question] = m.SerializeAsString();
  };
  for (const char* country : {"", "UZB", "ARM"}) {
    v1::GetMembershipHistoryRequest request;
    request.set_country(country);
    request.set_include_unasserted(true);
    SetKnown(known, &request);
    v1::GetMembershipHistoryResponse response;
    record(std::string("history ") + country, stub->GetMembershipHistory(Deadline().get(), request, &response), response);
  }
  for (int year : {1995, 2000, 2008, 2013, 2022}) {
    v1::ListMembersRequest request;
    *request.mutable_as_of() = Year(year);
    request.set_include_observers(true);
    SetKnown(known, &request);
    v1::ListMembersResponse response;
    record("members " + std::to_string(year), stub->ListMembers(Deadline().get(), request, &response), response);
  }
  {
    v1::ListMembershipEventsRequest request;
    request.set_include_unasserted(true);
    request.set_page_size(1000);
    SetKnown(known, &request);
    v1::ListMembershipEventsResponse response;
    record("events", stub->ListMembershipEvents(Deadline().get(), request, &response), response);
  }
  {
    v1::ListInterventionsRequest request;
    request.set_include_unasserted(true);
    request.set_page_size(1000);
    SetKnown(known, &request);
    v1::ListInterventionsResponse response;
    record("interventions", stub->ListInterventions(Deadline().get(), request, &response), response);
  }
  {
    v1::ListAssistanceRequestsRequest request;
    request.set_include_unasserted(true);
    request.set_page_size(1000);
    SetKnown(known, &request);
    v1::ListAssistanceRequestsResponse response;
    record("requests", stub->ListAssistanceRequests(Deadline().get(), request, &response), response);
  }
  {
    v1::ListConflictsRequest request;
    request.set_page_size(1000);
    SetKnown(known, &request);
    v1::ListConflictsResponse response;
    record("conflicts", stub->ListConflicts(Deadline().get(), request, &response), response);
  }
  {
    v1::ListCasesRequest request;
    request.set_page_size(1000);
    SetKnown(known, &request);
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
    then[ack.sequence()] = Ask(query.get(), {}, &failed);
    ASSERT_TRUE(failed.ok()) << failed.error_message();
  }
  ASSERT_GE(then.size(), 5u);

  for (const auto& [sequence, answers] : then) {
    grpc::Status failed;
    const Answers known = Ask(query.get(), {sequence, 0}, &failed);
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

// True when some question has another answer in `a` than in `b`.
bool AnyAnswerDiffers(const Answers& a, const Answers& b) {
  for (const auto& [question, bytes] : a) {
    if (b.at(question) != bytes) return true;
  }
  return false;
}

// Returns the ingest time of each watch-log entry of the replica up to
// `last`, by sequence (entries that changed no fact are not streamed).
std::map<uint64_t, int64_t> WatchedIngestTimes(v1::QueryService::Stub* stub, uint64_t last) {
  std::map<uint64_t, int64_t> times;
  auto context = Deadline();
  v1::WatchRequest request;
  std::unique_ptr<grpc::ClientReader<v1::WatchResponse>> reader = stub->Watch(context.get(), request);
  v1::WatchResponse response;
  while (reader->Read(&response)) {
    if (!response.progress_notify()) times[response.sequence()] = response.ingested_at_unix();
    if (response.sequence() >= last) break;
  }
  context->TryCancel();
  return times;
}

TEST(KnownAsOfEndToEnd, EveryAnswerAtEachIngestTimeIsTheOneTheReplicaGaveThen) {
  LocalCluster cluster;
  ASSERT_TRUE(cluster.StartIngest().ok());
  ASSERT_TRUE(cluster.StartQuery().ok());
  auto ingest = cluster.IngestStub();
  auto query = cluster.QueryStub();

  grpc::Status failed;
  const Answers empty = Ask(query.get(), {}, &failed);  // nothing ingested yet
  ASSERT_TRUE(failed.ok()) << failed.error_message();
  // Stamps are whole seconds: a second before now precedes the first.
  const int64_t before_first = absl::ToUnixSeconds(absl::Now()) - 1;

  // Three articles more than a second apart, so that each has a second of its
  // own; `at` is a moment after one was stored and before the next was.
  struct Then {
    uint64_t sequence;
    int64_t at;
    Answers answers;
  };
  std::vector<Then> then;
  const std::vector<CorpusDocument> documents = BundledCorpusDocuments();
  ASSERT_GE(documents.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    if (i > 0) absl::SleepFor(absl::Milliseconds(1100));
    v1::IngestDocumentRequest request;
    *request.mutable_document() = documents[i].document;
    v1::IngestDocumentResponse ack;
    ASSERT_TRUE(ingest->IngestDocument(Deadline().get(), request, &ack).ok()) << documents[i].name;
    ASSERT_TRUE(cluster.WaitForApplied(ack.sequence()).ok());
    const int64_t at = absl::ToUnixSeconds(absl::Now());
    then.push_back({ack.sequence(), at, Ask(query.get(), {}, &failed)});
    ASSERT_TRUE(failed.ok()) << failed.error_message();
    // Each article changed an answer (the test would pass vacuously otherwise).
    EXPECT_TRUE(AnyAnswerDiffers(then.back().answers, i == 0 ? empty : then[i - 1].answers)) << i;
  }

  // Asks at each recorded moment (and before the first) and compares.
  auto expect_answers_then = [&](const std::string& when) {
    grpc::Status status;
    const Answers at_start = Ask(query.get(), {0, before_first}, &status);
    ASSERT_TRUE(status.ok()) << when << ": " << status.error_message();
    for (const auto& [question, bytes] : empty) {
      EXPECT_EQ(at_start.at(question), bytes) << question << " before the first article, " << when;
    }
    for (const Then& step : then) {
      const Answers known = Ask(query.get(), {0, step.at}, &status);
      ASSERT_TRUE(status.ok()) << when << ", at " << step.at << ": " << status.error_message();
      for (const auto& [question, bytes] : step.answers) {
        EXPECT_EQ(known.at(question), bytes) << question << " as known at " << step.at << ", " << when;
      }
    }
  };
  expect_answers_then("live");

  // Watch shows each entry's ingest time: after the moment recorded before it,
  // at or before its own.
  const std::map<uint64_t, int64_t> watched = WatchedIngestTimes(query.get(), then.back().sequence);
  for (size_t i = 0; i < then.size(); ++i) {
    auto found = watched.find(then[i].sequence);
    ASSERT_NE(found, watched.end()) << then[i].sequence;
    EXPECT_LE(found->second, then[i].at) << then[i].sequence;
    EXPECT_GT(found->second, i == 0 ? before_first : then[i - 1].at) << then[i].sequence;
  }

  // Both ways of asking at once are refused, naming both fields.
  v1::ListMembersRequest both;
  both.set_known_as_of_sequence(then.front().sequence);
  both.set_known_as_of_unix(then.front().at);
  v1::ListMembersResponse response;
  const grpc::Status refused = query->ListMembers(Deadline().get(), both, &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(refused.error_message(), HasSubstr("known_as_of_sequence, known_as_of_unix"));

  // The times are stored with the watch log: a restarted replica answers the same.
  ASSERT_TRUE(cluster.StopQuery().ok());
  ASSERT_TRUE(cluster.StartQuery().ok());
  ASSERT_TRUE(cluster.WaitForApplied(then.back().sequence).ok());
  query = cluster.QueryStub();
  expect_answers_then("after a restart");
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

  // So does a question at a moment.
  request.set_known_as_of_sequence(0);
  request.set_known_as_of_unix(absl::ToUnixSeconds(absl::Now()));
  const grpc::Status at_time = cluster.QueryStub()->ListAssistanceRequests(Deadline().get(), request, &response);
  EXPECT_EQ(at_time.error_code(), grpc::StatusCode::OUT_OF_RANGE);
  EXPECT_THAT(at_time.error_message(), HasSubstr("known_as_of_unix"));
}

}  // namespace
}  // namespace alliance::testing
