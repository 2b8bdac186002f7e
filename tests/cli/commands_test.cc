// Runs alliancectl's commands in-process against fake gRPC servers that return
// canned responses, and checks what the commands print and return.
#include "cli/command_context.h"
#include "cli/command_table.h"
#include "cli/flag_spelling.h"

#include <atomic>
#include <filesystem>
#include <cstdio>
#include <fstream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "common/partial_date.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"

namespace alliance::cli {
namespace {

using ::testing::ContainsRegex;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

v1::Evidence MakeEvidence(const std::string& quote, int sentence) {
  v1::Evidence evidence;
  evidence.set_document_id("0123456789abcdef0123456789abcdef");
  evidence.set_document_title("CSTO at thirty");
  evidence.set_sentence_index(sentence);
  evidence.set_quote(quote);
  return evidence;
}

v1::Member MakeMember(const std::string& country, int since) {
  v1::Member member;
  member.set_country(country);
  member.set_status(v1::MEMBERSHIP_STATUS_MEMBER);
  *member.mutable_since() = MakeDate(since);
  *member.add_evidence() = MakeEvidence(absl::StrCat(country, " signed the treaty."), 3);
  return member;
}

// Answers QueryService calls from canned data and records what it was asked.
// Thread-safe.
class FakeQueryService final : public v1::QueryService::Service {
 public:
  grpc::Status ListMembers(grpc::ServerContext*, const v1::ListMembersRequest* request,
                           v1::ListMembersResponse* response) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      members_requests_.push_back(*request);
    }
    // Two pages: ARM, BLR then KAZ, RUS.
    if (request->page_token().empty()) {
      *response->add_members() = MakeMember("ARM", 1992);
      *response->add_members() = MakeMember("BLR", 1993);
      response->set_next_page_token("page-2");
    } else if (request->page_token() == "page-2") {
      *response->add_members() = MakeMember("KAZ", 1992);
      *response->add_members() = MakeMember("RUS", 1992);
    } else {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "page_token: unknown token");
    }
    return grpc::Status::OK;
  }

  grpc::Status GetMembershipHistory(grpc::ServerContext*, const v1::GetMembershipHistoryRequest* request,
                                    v1::GetMembershipHistoryResponse* response) override {
    if (request->country() != "UZB") {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                          absl::StrCat("country: \"", request->country(), "\" is not a known ISO alpha-3 code"));
    }
    v1::MembershipEvent* event = response->add_events();
    event->set_id("membership/CSTO/UZB/WITHDREW/2012");
    event->set_country("UZB");
    event->set_organization("CSTO");
    event->set_action(v1::MEMBERSHIP_ACTION_WITHDREW);
    *event->mutable_date() = MakeDate(2012);
    event->set_sources(2);
    event->set_confidence(0.75);
    event->set_factuality(v1::FACTUALITY_ASSERTED);
    *event->add_evidence() = MakeEvidence("Uzbekistan, which rejoined the CSTO in 2006, left again in 2012.", 31);
    event->set_evidence_total(5);  // the answer carries one of five quotes
    v1::MembershipPeriod* period = response->add_periods();
    period->set_country("UZB");
    period->set_status(v1::MEMBERSHIP_STATUS_MEMBER);
    *period->mutable_from() = MakeDate(2006);
    *period->mutable_to() = MakeDate(2012);
    return grpc::Status::OK;
  }

  grpc::Status ListMembershipEvents(grpc::ServerContext*, const v1::ListMembershipEventsRequest* request,
                                    v1::ListMembershipEventsResponse* response) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      events_requests_.push_back(*request);
    }
    v1::MembershipEvent* event = response->add_events();
    event->set_country("UZB");
    event->set_action(v1::MEMBERSHIP_ACTION_WITHDREW);
    *event->mutable_date() = MakeDate(2012);
    event->set_sources(2);
    event->set_confidence(0.75);
    event->set_factuality(v1::FACTUALITY_ASSERTED);
    return grpc::Status::OK;
  }

  grpc::Status ListEvidence(grpc::ServerContext*, const v1::ListEvidenceRequest* request,
                            v1::ListEvidenceResponse* response) override {
    if (request->fact_id() != "membership/CSTO/UZB/WITHDREW/2012") {
      return grpc::Status(grpc::StatusCode::NOT_FOUND, absl::StrCat("fact_id: no fact \"", request->fact_id(), "\""));
    }
    // Two pages: three quotes, then two.
    const bool first = request->page_token().empty();
    for (int i = first ? 0 : 3; i < (first ? 3 : 5); ++i) {
      *response->add_evidence() = MakeEvidence(absl::StrCat("Uzbekistan left in 2012 (quote ", i, ")."), i);
    }
    if (first) response->set_next_page_token("page-2");
    response->set_total(5);
    return grpc::Status::OK;
  }

  grpc::Status GetStatus(grpc::ServerContext*, const v1::GetStatusRequest*,
                         v1::GetStatusResponse* response) override {
    const int call = ++status_calls_;
    response->set_ingest_sequence(7);
    response->set_applied_sequence(call >= caught_up_after_ ? 7 : 3);
    response->set_staged_sequence(7);
    response->set_caught_up(call >= caught_up_after_);
    response->set_documents(7);
    response->set_facts(40);
    return grpc::Status::OK;
  }

  grpc::Status Watch(grpc::ServerContext*, const v1::WatchRequest* request,
                     grpc::ServerWriter<v1::WatchResponse>* writer) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      watch_requests_.push_back(*request);
    }
    const bool drop = watch_drops_left_-- > 0;
    v1::WatchResponse first;
    first.set_sequence(request->after_sequence() + 1);
    v1::RecordChange* change = first.add_changes();
    change->set_sequence(request->after_sequence() + 1);
    change->set_kind(v1::CHANGE_KIND_ADDED);
    v1::MembershipEvent* event = change->mutable_membership_event();
    event->set_country("UZB");
    event->set_organization("CSTO");
    event->set_action(v1::MEMBERSHIP_ACTION_WITHDREW);
    *event->mutable_date() = MakeDate(2012);
    *event->add_evidence() = MakeEvidence("Uzbekistan left in 2012.", 4);
    writer->Write(first);
    if (drop) return grpc::Status(grpc::StatusCode::UNAVAILABLE, "fake restart");
    v1::WatchResponse progress;
    progress.set_sequence(request->after_sequence() + 1);
    progress.set_progress_notify(true);
    writer->Write(progress);
    return grpc::Status::OK;  // a real service keeps the stream open
  }

  std::vector<v1::ListMembersRequest> members_requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return members_requests_;
  }
  std::vector<v1::ListMembershipEventsRequest> events_requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return events_requests_;
  }
  std::vector<v1::WatchRequest> watch_requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return watch_requests_;
  }
  // The next `count` Watch calls end with UNAVAILABLE after one change.
  void set_watch_drops(int count) { watch_drops_left_ = count; }
  // GetStatus reports caught up from this call on (1-based).
  void set_caught_up_after(int call) { caught_up_after_ = call; }
  int status_calls() const { return status_calls_; }

 private:
  std::mutex mu_;
  std::vector<v1::ListMembersRequest> members_requests_;
  std::vector<v1::ListMembershipEventsRequest> events_requests_;
  std::vector<v1::WatchRequest> watch_requests_;
  std::atomic<int> watch_drops_left_{0};
  std::atomic<int> caught_up_after_{1};
  std::atomic<int> status_calls_{0};
};

// Acknowledges IngestDocuments requests in order; refuses texts containing
// "REFUSE" and marks repeated texts as duplicates. Thread-safe.
class FakeIngestService final : public v1::IngestService::Service {
 public:
  grpc::Status IngestDocuments(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<v1::IngestDocumentResponse, v1::IngestDocumentRequest>* stream) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      auto it = context->client_metadata().find("authorization");
      authorization_ = it == context->client_metadata().end()
                           ? ""
                           : std::string(it->second.data(), it->second.size());
    }
    v1::IngestDocumentRequest request;
    while (stream->Read(&request)) {
      v1::IngestDocumentResponse response;
      response.set_client_tag(request.client_tag());
      std::lock_guard<std::mutex> lock(mu_);
      titles_.push_back(request.document().title());
      if (absl::StrContains(request.document().text(), "REFUSE")) {
        response.mutable_error()->set_code(static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
        response.mutable_error()->set_message("document.text: refused by the fake");
      } else {
        auto [it, added] = texts_.emplace(request.document().text(), next_sequence_);
        if (added) ++next_sequence_;
        response.set_document_id(absl::StrCat("doc", it->second));
        response.set_duplicate(!added);
        response.set_sequence(it->second);
        response.mutable_counts()->set_membership_events(2);
        response.mutable_counts()->set_interventions(1);
      }
      stream->Write(response);
    }
    return grpc::Status::OK;
  }

  std::vector<std::string> titles() {
    std::lock_guard<std::mutex> lock(mu_);
    return titles_;
  }
  std::string authorization() {
    std::lock_guard<std::mutex> lock(mu_);
    return authorization_;
  }

 private:
  std::mutex mu_;
  std::map<std::string, uint64_t> texts_;
  uint64_t next_sequence_ = 1;
  std::vector<std::string> titles_;
  std::string authorization_;
};

// Starts `service` on 127.0.0.1 with a port chosen by the system.
std::unique_ptr<grpc::Server> StartServer(grpc::Service* service, int* port) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), port);
  builder.RegisterService(service);
  return builder.BuildAndStart();
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

class CommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    query_server_ = StartServer(&query_service_, &query_port_);
    ingest_server_ = StartServer(&ingest_service_, &ingest_port_);
    ASSERT_NE(query_server_, nullptr);
    ASSERT_NE(ingest_server_, nullptr);
    ASSERT_GT(query_port_, 0);
    ASSERT_GT(ingest_port_, 0);
    options_.query_address = absl::StrCat("127.0.0.1:", query_port_);
    options_.ingest_address = absl::StrCat("127.0.0.1:", ingest_port_);
    options_.timeout = absl::Seconds(5);
    commands_.wait_caught_up.poll_interval = absl::Milliseconds(10);
    commands_.watch.initial_backoff = absl::Milliseconds(10);
  }

  void TearDown() override {
    const auto deadline = std::chrono::system_clock::now() + std::chrono::seconds(2);
    if (query_server_) query_server_->Shutdown(deadline);
    if (ingest_server_) ingest_server_->Shutdown(deadline);
    for (const std::string& path : temp_files_) std::remove(path.c_str());
  }

  // Runs `args` (command name first) with options_ and commands_ and returns
  // the exit code.
  int Run(const std::vector<std::string>& args) {
    out_.str("");
    err_.str("");
    context_ = MakeCommandContext(options_, &out_, &err_, &in_);
    return RunCommand(*context_, commands_, args);
  }

  std::string WriteTempFile(const std::string& name, const std::string& text) {
    const char* dir = std::getenv("TEST_TMPDIR");
    const std::string path = absl::StrCat(dir != nullptr ? dir : "/tmp", "/alliancectl_test_",
                                          ::getpid(), "_", name);
    std::ofstream(path) << text;
    temp_files_.push_back(path);
    return path;
  }

  FakeQueryService query_service_;
  FakeIngestService ingest_service_;
  std::unique_ptr<grpc::Server> query_server_;
  std::unique_ptr<grpc::Server> ingest_server_;
  int query_port_ = 0;
  int ingest_port_ = 0;
  GlobalOptions options_;
  CommandOptions commands_;
  std::unique_ptr<CommandContext> context_;
  std::ostringstream out_;
  std::ostringstream err_;
  std::istringstream in_;
  std::vector<std::string> temp_files_;
};

TEST_F(CommandsTest, MembersPrintsATableOfCountriesWithEvidence) {
  ASSERT_EQ(Run({"members"}), kExitOk) << err_.str();
  const std::vector<std::string> lines = Lines(out_.str());
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "COUNTRY  STATUS  SINCE");
  EXPECT_THAT(out_.str(), ContainsRegex("\nARM +MEMBER +1992\n"));
  EXPECT_THAT(out_.str(), ContainsRegex("\nRUS +MEMBER +1992\n"));
  EXPECT_THAT(out_.str(), HasSubstr("  “ARM signed the treaty.” — CSTO at thirty (s.3)\n"));
}

TEST_F(CommandsTest, MembersFollowsNextPageTokenUntilEmpty) {
  options_.page_size = 2;
  ASSERT_EQ(Run({"members"}), kExitOk) << err_.str();
  const std::vector<v1::ListMembersRequest> requests = query_service_.members_requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].page_token(), "");
  EXPECT_EQ(requests[1].page_token(), "page-2");
  EXPECT_EQ(requests[0].page_size(), 2);
  for (const char* country : {"ARM", "BLR", "KAZ", "RUS"}) {
    EXPECT_THAT(out_.str(), ContainsRegex(absl::StrCat("\n", country, " +MEMBER"))) << country;
  }
}

TEST_F(CommandsTest, MembersJsonPrintsOneParsableObjectPerPage) {
  options_.json = true;
  ASSERT_EQ(Run({"members"}), kExitOk) << err_.str();
  const std::vector<std::string> lines = Lines(out_.str());
  ASSERT_EQ(lines.size(), 2u) << out_.str();
  std::vector<std::string> countries;
  for (const std::string& line : lines) {
    v1::ListMembersResponse page;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(line, &page).ok()) << line;
    for (const v1::Member& member : page.members()) countries.push_back(member.country());
  }
  EXPECT_THAT(countries, ElementsAre("ARM", "BLR", "KAZ", "RUS"));
}

TEST_F(CommandsTest, MembersSendsAsOfAndObservers) {
  commands_.members.as_of = "2005-01-01";
  commands_.members.observers = true;
  ASSERT_EQ(Run({"members"}), kExitOk) << err_.str();
  const auto requests = query_service_.members_requests();
  ASSERT_FALSE(requests.empty());
  EXPECT_EQ(FormatDate(requests[0].as_of()), "2005-01-01");
  EXPECT_TRUE(requests[0].include_observers());
}

TEST_F(CommandsTest, MalformedDateIsReportedWithoutCallingTheService) {
  commands_.members.as_of = "2005-13-01";
  EXPECT_EQ(Run({"members"}), kExitError);
  EXPECT_THAT(err_.str(), HasSubstr("alliancectl: --as-of: \"2005-13-01\""));
  EXPECT_TRUE(query_service_.members_requests().empty());
}

TEST_F(CommandsTest, HistoryPrintsEventsWithEvidenceAndPeriods) {
  ASSERT_EQ(Run({"history", "uzb"}), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), ContainsRegex("2012 +WITHDREW +CSTO +2 +0.75\n"));
  EXPECT_THAT(out_.str(), HasSubstr("“Uzbekistan, which rejoined the CSTO in 2006, left again in 2012.” — CSTO at thirty (s.31)"));
  EXPECT_THAT(out_.str(), ContainsRegex("MEMBER +2006 +2012\n"));
}

TEST_F(CommandsTest, HistorySaysHowManyMoreQuotesAFactHasAndEvidenceListsThemAll) {
  ASSERT_EQ(Run({"history", "UZB"}), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), HasSubstr("(4 more quotes; alliancectl evidence membership/CSTO/UZB/WITHDREW/2012)"));
  out_.str("");
  ASSERT_EQ(Run({"evidence", "membership/CSTO/UZB/WITHDREW/2012"}), kExitOk) << err_.str();
  for (int i = 0; i < 5; ++i) EXPECT_THAT(out_.str(), HasSubstr(absl::StrCat("(quote ", i, ")"))) << i;
  EXPECT_THAT(out_.str(), HasSubstr("5 quotes\n"));
  EXPECT_EQ(Run({"evidence", "membership/CSTO/XXX/SIGNED/1992"}), kExitError);
  EXPECT_THAT(err_.str(), HasSubstr("fact_id"));
  EXPECT_NE(Run({"evidence"}), kExitOk);
}

TEST_F(CommandsTest, InvalidArgumentFromTheServiceIsShownAsIs) {
  EXPECT_EQ(Run({"history", "XYZ"}), kExitError);
  EXPECT_EQ(err_.str(), "alliancectl: country: \"XYZ\" is not a known ISO alpha-3 code\n");
}

TEST_F(CommandsTest, EventsSendsParsedFilters) {
  commands_.events.country = "uzb";
  commands_.events.action = "withdrew";
  commands_.events.dates.from = "2000";
  ASSERT_EQ(Run({"events"}), kExitOk) << err_.str();
  const auto requests = query_service_.events_requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].country(), "UZB");
  EXPECT_EQ(requests[0].action(), v1::MEMBERSHIP_ACTION_WITHDREW);
  EXPECT_EQ(requests[0].from().year(), 2000);
  EXPECT_THAT(Lines(out_.str()), ElementsAre("COUNTRY  ACTION    DATE  SOURCES  CONFIDENCE",
                                             "UZB      WITHDREW  2012        2        0.75"));
}

TEST_F(CommandsTest, UnknownActionIsAUsageError) {
  commands_.events.action = "left";
  EXPECT_EQ(Run({"events"}), kExitError);
  EXPECT_THAT(err_.str(), HasSubstr("--action"));
  EXPECT_TRUE(query_service_.events_requests().empty());
}

TEST_F(CommandsTest, UnreachableQueryServiceGivesExitCodeTwoAndAHint) {
  // A port that was just free: start a server, note its port, stop it.
  FakeQueryService unused;
  int port = 0;
  std::unique_ptr<grpc::Server> server = StartServer(&unused, &port);
  ASSERT_GT(port, 0);
  server->Shutdown();
  server.reset();
  options_.query_address = absl::StrCat("127.0.0.1:", port);
  EXPECT_EQ(Run({"members"}), kExitUnreachable);
  EXPECT_THAT(err_.str(), HasSubstr(absl::StrCat("alliancectl: cannot reach the query service at 127.0.0.1:",
                                                 port, " (UNAVAILABLE: ")));
  EXPECT_THAT(err_.str(), HasSubstr("Is query-service running?"));
}

TEST_F(CommandsTest, IngestPrintsOneAcknowledgementPerFileInOrder) {
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

TEST_F(CommandsTest, IngestReportsDuplicates) {
  const std::string file = WriteTempFile("dup.txt", "Same text.");
  ASSERT_EQ(Run({"ingest", file, file}), kExitOk) << err_.str();
  const std::vector<std::string> lines = Lines(out_.str());
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_THAT(lines[1], HasSubstr("  duplicate  doc1  seq 1"));
}

TEST_F(CommandsTest, IngestOfARefusedDocumentExitsNonZero) {
  const std::string good = WriteTempFile("good.txt", "Kazakhstan asked for help in 2022.");
  const std::string bad = WriteTempFile("bad.txt", "REFUSE this one");
  EXPECT_EQ(Run({"ingest", bad, good}), kExitError);
  const std::vector<std::string> lines = Lines(out_.str());
  ASSERT_EQ(lines.size(), 3u) << out_.str();
  EXPECT_EQ(lines[0], absl::StrCat(bad, "  error  INVALID_ARGUMENT: document.text: refused by the fake"));
  EXPECT_THAT(lines[1], HasSubstr("  new  doc1  seq 1"));
  EXPECT_EQ(lines[2], "1 new, 0 duplicate, 1 failed; last sequence 1");
}

TEST_F(CommandsTest, IngestOfAMissingFileExitsNonZeroAndSendsTheRest) {
  const std::string good = WriteTempFile("ok.txt", "Belarus signed in 1993.");
  EXPECT_EQ(Run({"ingest", "/nonexistent/file.txt", good}), kExitError);
  EXPECT_THAT(err_.str(), HasSubstr("/nonexistent/file.txt: cannot open file"));
  EXPECT_THAT(out_.str(), HasSubstr(absl::StrCat(good, "  new")));
}

TEST_F(CommandsTest, IngestOfADirectorySendsItsFilesInNameOrder) {
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

TEST_F(CommandsTest, IngestLeavesTitlesToTheServiceWhenAsked) {
  const std::string file = WriteTempFile("headed.txt", "A Title\n\nBelarus signed in 1993.");
  commands_.ingest.title_from_text = true;
  ASSERT_EQ(Run({"ingest", file}), kExitOk) << err_.str();
  EXPECT_THAT(ingest_service_.titles(), ElementsAre(""));
}

TEST_F(CommandsTest, IngestReadsStdinAndTakesTheTitleFlag) {
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

TEST_F(CommandsTest, UnreachableIngestServiceGivesExitCodeTwo) {
  const std::string file = WriteTempFile("x.txt", "text");
  options_.ingest_address = "127.0.0.1:1";
  EXPECT_EQ(Run({"ingest", file}), kExitUnreachable);
  EXPECT_THAT(err_.str(), HasSubstr("cannot reach the ingest service at 127.0.0.1:1"));
}

TEST_F(CommandsTest, WatchPrintsChangesAndSkipsProgressNotifications) {
  commands_.watch.after = 41;
  ASSERT_EQ(Run({"watch"}), kExitOk) << err_.str();
  EXPECT_THAT(Lines(out_.str()), ElementsAre("seq 42  ADDED    UZB WITHDREW 2012 (CSTO)",
                                             "  “Uzbekistan left in 2012.” — CSTO at thirty (s.4)"));
}

TEST_F(CommandsTest, WatchResumesAfterTheLastSequenceWhenTheStreamIsLost) {
  query_service_.set_watch_drops(2);
  commands_.watch.after = 41;
  ASSERT_EQ(Run({"watch"}), kExitOk) << err_.str();
  const std::vector<v1::WatchRequest> requests = query_service_.watch_requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].after_sequence(), 41u);
  EXPECT_EQ(requests[1].after_sequence(), 42u);
  EXPECT_EQ(requests[2].after_sequence(), 43u);
  EXPECT_THAT(out_.str(), HasSubstr("seq 42  ADDED"));
  EXPECT_THAT(out_.str(), HasSubstr("seq 43  ADDED"));
  EXPECT_THAT(out_.str(), HasSubstr("seq 44  ADDED"));
  EXPECT_THAT(err_.str(), HasSubstr("resuming after sequence 42"));
}

TEST_F(CommandsTest, WatchOfAnUnreachableServiceExitsTwo) {
  options_.query_address = "127.0.0.1:1";
  EXPECT_EQ(Run({"watch"}), kExitUnreachable);
  EXPECT_THAT(err_.str(), HasSubstr("cannot reach the query service at 127.0.0.1:1"));
}

TEST_F(CommandsTest, WaitCaughtUpPollsUntilCaughtUp) {
  query_service_.set_caught_up_after(3);
  ASSERT_EQ(Run({"wait-caught-up"}), kExitOk) << err_.str();
  EXPECT_EQ(query_service_.status_calls(), 3);
  EXPECT_EQ(out_.str(), "caught up at sequence 7\n");
}

TEST_F(CommandsTest, WaitCaughtUpGivesUpAfterTheTimeout) {
  query_service_.set_caught_up_after(1 << 30);
  options_.timeout = absl::Milliseconds(300);
  commands_.wait_caught_up.limit = absl::Milliseconds(300);
  EXPECT_EQ(Run({"wait-caught-up"}), kExitError);
  EXPECT_THAT(err_.str(), HasSubstr("did not catch up within 300ms (applied 3, ingest 7"));
}

TEST_F(CommandsTest, StatusPrintsTheFollowerState) {
  ASSERT_EQ(Run({"status"}), kExitOk) << err_.str();
  EXPECT_THAT(out_.str(), ContainsRegex("applied sequence +7\n"));
  EXPECT_THAT(out_.str(), ContainsRegex("staged sequence +7\n"));
  EXPECT_THAT(out_.str(), ContainsRegex("caught up +yes\n"));
}

TEST_F(CommandsTest, HelpAndNoArgumentsPrintUsage) {
  ASSERT_EQ(Run({}), kExitOk);
  EXPECT_THAT(out_.str(), HasSubstr("wait-caught-up"));
  ASSERT_EQ(Run({"help"}), kExitOk);
  EXPECT_THAT(out_.str(), HasSubstr("members [--as-of DATE]"));
}

TEST_F(CommandsTest, UnknownCommandIsAnError) {
  EXPECT_EQ(Run({"frobnicate"}), kExitError);
  EXPECT_THAT(err_.str(), HasSubstr("unknown command \"frobnicate\""));
  EXPECT_THAT(out_.str(), Not(HasSubstr("Usage")));
}

TEST_F(CommandsTest, HealthReportsServingForEitherService) {
  ASSERT_EQ(Run({"health"}), kExitOk) << err_.str();
  EXPECT_EQ(out_.str(), absl::StrCat("query service at ", options_.query_address, ": SERVING\n"));
  ASSERT_EQ(Run({"health", "ingest"}), kExitOk) << err_.str();
  EXPECT_EQ(out_.str(), absl::StrCat("ingest service at ", options_.ingest_address, ": SERVING\n"));
}

TEST_F(CommandsTest, HealthOfAnUnknownServiceNameFails) {
  EXPECT_EQ(Run({"health", "query", "no.such.Service"}), kExitError);
  EXPECT_THAT(err_.str(), HasSubstr("NOT_FOUND"));
}

TEST(CanonicalFlagSpelling, TurnsDashesInFlagNamesIntoUnderscores) {
  EXPECT_THAT(CanonicalFlagSpelling({"alliancectl", "members", "--as-of", "2005-01-01", "--include-unasserted",
                                     "--page-size=5", "-", "--title=a-b", "--", "--keep-this"}),
              ElementsAre("alliancectl", "members", "--as_of", "2005-01-01", "--include_unasserted",
                          "--page_size=5", "-", "--title=a-b", "--", "--keep-this"));
}

}  // namespace
}  // namespace alliance::cli
