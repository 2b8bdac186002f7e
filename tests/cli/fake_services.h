// Test support for alliancectl's commands: fake query and ingest services that
// answer from canned data and record what they were asked, and a fixture that
// starts them on 127.0.0.1 and runs commands in-process against them.
//
// Ownership: the fixture owns the fake services, their servers, the context it
// runs commands with, and the temporary files it writes (removed in TearDown).
//
// Thread contract: the fake services are thread-safe (gRPC calls them on its
// own threads); the fixture is used from the test's thread only.
#ifndef ALLIANCE_TESTS_CLI_FAKE_SERVICES_H_
#define ALLIANCE_TESTS_CLI_FAKE_SERVICES_H_

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "alliance/v1/ingest_service.grpc.pb.h"
#include "alliance/v1/query_service.grpc.pb.h"
#include "cli/command_context.h"
#include "cli/command_table.h"
#include "common/partial_date.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"

namespace alliance::cli {

// Returns evidence quoting `quote` as sentence `sentence` of one fixed document.
inline v1::Evidence MakeEvidence(const std::string& quote, int sentence) {
  v1::Evidence evidence;
  evidence.set_document_id("0123456789abcdef0123456789abcdef");
  evidence.set_document_title("CSTO at thirty");
  evidence.set_sentence_index(sentence);
  evidence.set_quote(quote);
  return evidence;
}

// Returns a member since `since`, with one quote of evidence.
inline v1::Member MakeMember(const std::string& country, int since) {
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
      // Asked on a date: KAZ's exit dated by a year that holds it.
      if (request->as_of().year() != 0 || !request->as_of().as_written().empty()) {
        response->mutable_members(0)->set_straddles_as_of(true);
        response->mutable_members(0)->add_straddling_event_ids("membership/CSTO/KAZ/WITHDREW/2005");
      }
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

  // One case: Kazakhstan's request, its grant, the deployment and withdrawal.
  grpc::Status ListCases(grpc::ServerContext*, const v1::ListCasesRequest* request,
                         v1::ListCasesResponse* response) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      cases_requests_.push_back(*request);
    }
    v1::Case* c = response->add_cases();
    c->set_id("case/CSTO/KAZ/2022");
    c->set_organization("CSTO");
    c->set_country("KAZ");
    c->set_status(v1::CASE_STATUS_WITHDRAWN);
    c->set_disputed(true);
    auto step = [c](v1::CaseStage stage, int day, const std::string& fact_id, const std::string& summary) {
      v1::CaseStep* added = c->add_timeline();
      added->set_stage(stage);
      if (day > 0) *added->mutable_date() = MakeDate(2022, 1, day);
      added->set_fact_id(fact_id);
      added->set_summary(summary);
      return added;
    };
    v1::CaseStep* asked = step(v1::CASE_STAGE_REQUESTED, 5, "request/CSTO/KAZ/2022", "KAZ asked for help");
    *asked->add_evidence() = MakeEvidence("Tokayev asked the CSTO for help on 5 January.", 2);
    asked->set_evidence_total(1);
    step(v1::CASE_STAGE_DECIDED, 0, "request/CSTO/KAZ/2022", "granted");
    v1::CaseStep* deployed = step(v1::CASE_STAGE_DEPLOYED, 6, "intervention/CSTO/KAZ/2022", "2500 troops deployed");
    *deployed->add_evidence() = MakeEvidence("About 2,500 troops arrived on 6 January.", 3);
    deployed->set_evidence_total(4);
    step(v1::CASE_STAGE_WITHDRAWN, 19, "intervention/CSTO/KAZ/2022", "forces withdrawn");
    return grpc::Status::OK;
  }

  // One withdrawal told by two articles (the second a reprint of the first,
  // dating it "last year") and disputed by a third.
  grpc::Status Explain(grpc::ServerContext*, const v1::ExplainRequest* request,
                       v1::ExplainResponse* response) override {
    if (request->fact_id() != "membership/CSTO/ZMB/WITHDREW/2031") {
      return grpc::Status(grpc::StatusCode::NOT_FOUND, absl::StrCat("fact_id: no fact \"", request->fact_id(), "\""));
    }
    auto event = [](const std::string& as_written, int year, v1::DateRule rule, const std::string& anchor) {
      v1::MembershipEvent e;
      e.set_id("membership/CSTO/ZMB/WITHDREW/2031");
      e.set_country("ZMB");
      e.set_organization("CSTO");
      e.set_action(v1::MEMBERSHIP_ACTION_WITHDREW);
      e.mutable_date()->set_year(year);
      e.mutable_date()->set_as_written(as_written);
      e.mutable_date()->set_rule(rule);
      e.mutable_date()->set_anchor(anchor);
      e.mutable_date()->set_earliest(absl::StrCat(year, "-01-01"));
      e.mutable_date()->set_latest(absl::StrCat(year, "-12-31"));
      e.set_factuality(v1::FACTUALITY_ASSERTED);
      return e;
    };
    *response->mutable_membership_event() = event("in 2031", 2031, v1::DATE_RULE_ABSOLUTE, "");
    response->mutable_membership_event()->set_sources(1);
    response->set_independent_sources(1);
    auto claim = [&](const std::string& document, const std::string& copy_of, v1::MembershipEvent e,
                     const std::string& quote) {
      v1::Claim c;
      *e.add_evidence() = MakeEvidence(quote, 0);
      *c.mutable_record()->mutable_membership_event() = std::move(e);
      c.set_document_id(document);
      c.set_document_title(absl::StrCat("Title of ", document));
      c.set_independent(copy_of.empty());
      c.set_copy_of(copy_of);
      return c;
    };
    *response->add_supporting() =
        claim("doc-a", "", event("in 2031", 2031, v1::DATE_RULE_ABSOLUTE, ""), "Zembla left the bloc in 2031.");
    v1::MembershipEvent reported = event("last year", 2031, v1::DATE_RULE_RELATIVE_TO_PUBLICATION, "2032-02-01");
    reported.set_factuality(v1::FACTUALITY_REPORTED);
    reported.set_reported_by("ZMB");
    reported.set_factuality_cue("said");
    *response->add_supporting() = claim("doc-b", "doc-a", reported, "Zembla left last year, its envoy said.");
    *response->add_contradicting() =
        claim("doc-c", "", event("in 2030", 2030, v1::DATE_RULE_ABSOLUTE, ""), "Zembla quit in 2030.");
    v1::ExplainedDispute* dispute = response->add_disputes();
    dispute->set_field("date");
    v1::ExplainedSide* chosen = dispute->add_sides();
    chosen->set_value("2031");
    chosen->set_chosen(true);
    *chosen->add_claims() = response->supporting(0);
    v1::ExplainedSide* other = dispute->add_sides();
    other->set_value("2030");
    *other->add_claims() = response->contradicting(0);
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

  std::vector<v1::ListCasesRequest> cases_requests() {
    std::lock_guard<std::mutex> lock(mu_);
    return cases_requests_;
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
  std::vector<v1::ListCasesRequest> cases_requests_;
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
inline std::unique_ptr<grpc::Server> StartServer(grpc::Service* service, int* port) {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), port);
  builder.RegisterService(service);
  return builder.BuildAndStart();
}

// Returns a loopback port on which nothing listens: that of a server just
// started and stopped (0 when none could start).
inline int DeadPort() {
  FakeQueryService unused;
  int port = 0;
  std::unique_ptr<grpc::Server> server = StartServer(&unused, &port);
  if (server != nullptr) server->Shutdown();
  return port;
}

// Returns the lines of `text`, without the empty one after a final newline.
inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

// Starts a fake query and a fake ingest service, and runs commands against
// them with options_ and commands_, collecting what they print.
class CommandTest : public ::testing::Test {
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

  // Writes `text` to a temporary file named after `name` and returns its path;
  // TearDown removes it.
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

}  // namespace alliance::cli

#endif  // ALLIANCE_TESTS_CLI_FAKE_SERVICES_H_
