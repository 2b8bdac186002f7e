// Bad and hostile input against the real binaries, one table row per case.
//
// Every ingest row expects a precise status code. A refused document leaves
// nothing behind: no sequence is used, the change feed carries nothing for it,
// and the query replica never counts it. Hostile text that is still valid
// (extremely long sentences and tokens, runs of punctuation, mixed scripts) is
// accepted and yields only the records its sentences state. Every query row
// expects INVALID_ARGUMENT naming the offending field, or OK for limits that are
// clamped, and leaves the replica's state digest unchanged.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "common/partial_date.h"
#include "gmock/gmock.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/e2e/corpus.h"
#include "tests/e2e/local_cluster.h"

namespace alliance::testing {
namespace {

using ::testing::HasSubstr;

// The ingest service runs with a small document limit so the over-limit row is cheap.
constexpr int kMaxDocumentBytes = 256 << 10;

void SetDeadline(grpc::ClientContext* context, int seconds = 30) {
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(seconds));
}

v1::Document Text(std::string text) {
  v1::Document document;
  document.set_text(std::move(text));
  return document;
}

std::string Repeat(absl::string_view piece, size_t total_bytes) {
  std::string out;
  out.reserve(total_bytes + piece.size());
  while (out.size() < total_bytes) out.append(piece.data(), piece.size());
  return out;
}

// One ingest case.
struct IngestRow {
  std::string name;
  v1::Document document;
  grpc::StatusCode code;
  // For a refused document: what the message must contain (the field).
  std::string message_part;
  // For an accepted one: the membership events, interventions and requests its
  // text states (-1: not checked).
  int records = 0;
};

std::vector<IngestRow> IngestRows() {
  std::vector<IngestRow> rows;
  auto refused = [&rows](std::string name, v1::Document document, grpc::StatusCode code, std::string part) {
    rows.push_back({std::move(name), std::move(document), code, std::move(part), 0});
  };
  auto accepted = [&rows](std::string name, v1::Document document, int records) {
    rows.push_back({std::move(name), std::move(document), grpc::StatusCode::OK, "", records});
  };
  using grpc::StatusCode;

  refused("empty text", Text(""), StatusCode::INVALID_ARGUMENT, "document.text: must not be empty");
  refused("white space only", Text(" \t\r\n\u00a0\u2003\u200b\ufeff "), StatusCode::INVALID_ARGUMENT,
          "document.text: must not be empty");
  refused("text one byte over the limit", Text(std::string(kMaxDocumentBytes + 1, 'a')),
          StatusCode::RESOURCE_EXHAUSTED, "document.text");
  refused("NUL byte", Text(std::string("Armenia joined the CSTO\0 in 1992.", 34)), StatusCode::INVALID_ARGUMENT,
          "document.text");
  refused("control character", Text("Armenia joined the CSTO \x07in 1992."), StatusCode::INVALID_ARGUMENT,
          "document.text");
  refused("escape sequence", Text("Armenia \x1b[31mjoined\x1b[0m the CSTO in 1992."), StatusCode::INVALID_ARGUMENT,
          "document.text");
  refused("invalid UTF-8", Text("Armenia joined the CSTO in 1992. \xc3\x28"), StatusCode::INVALID_ARGUMENT,
          "document.text");
  refused("overlong UTF-8", Text("Armenia joined the CSTO \xc0\xaf in 1992."), StatusCode::INVALID_ARGUMENT,
          "document.text");
  refused("UTF-16 surrogate encoded in UTF-8", Text("Armenia \xed\xa0\x80 joined."), StatusCode::INVALID_ARGUMENT,
          "document.text");
  {
    v1::Document document = Text("Armenia joined the CSTO in 1992.");
    document.set_title("A title\x01with a control character");
    refused("control character in the title", document, StatusCode::INVALID_ARGUMENT, "document.title");
  }
  {
    v1::Document document = Text("Armenia joined the CSTO in 1992.");
    document.set_source(std::string(8 << 10, 's'));
    refused("source over its limit", document, StatusCode::INVALID_ARGUMENT, "document.source");
  }
  for (const char* published : {"2022-13-01", "2022-02-30", "2022-00-10", "yesterday", "22-03-2022",
                                "2022/03/25", "-2022", "2022-03-25T10:00:00Z", "99999"}) {
    v1::Document document = Text("Armenia joined the CSTO in 1992.");
    document.set_published(published);
    refused(absl::StrCat("malformed publication date \"", published, "\""), document, StatusCode::INVALID_ARGUMENT,
            "document.published");
  }

  // Valid but hostile: stored, with only what the sentences state.
  accepted("extremely long sentence", Text(Repeat("and the delegates met once more in the hall ", 200 << 10)), 0);
  accepted("extremely long token", Text(Repeat("x", 200 << 10)), 0);
  accepted("extremely long number", Text(absl::StrCat("In ", Repeat("9", 100 << 10), " the council met.")), 0);
  accepted("repeated full stops", Text(Repeat(".", 100 << 10)), 0);
  accepted("repeated mixed punctuation", Text(Repeat("!?,;:-\u2014\u00ab\u00bb()[]\"'", 100 << 10)), 0);
  accepted("many short sentences", Text(Repeat("Yes. No! Why? ", 100 << 10)), 0);
  accepted("mixed scripts without a statement",
           Text("\u0415\u0440\u0435\u0432\u0430\u043d, 12 \u043c\u0430\u0440\u0442\u0430. "
                "\u96c6\u4f53\u5b89\u5168\u6761\u7ea6\u7ec4\u7ec7. \u0645\u0631\u062d\u0628\u0627. "
                "\u202eevil\u202c e\u0301 \U0001F1F7\U0001F1F8 \u0928\u092e\u0938\u094d\u0924\u0947."),
           0);
  // A plain English statement amid other scripts is still read, with evidence
  // that quotes it exactly.
  accepted("mixed scripts around a statement",
           Text("\u041e\u0414\u041a\u0411 \u2014 \u96c6\u4f53\u5b89\u5168. \u0645\u0631\u062d\u0628\u0627 "
                "\U0001F30D.\n\nUzbekistan withdrew from the CSTO in 2012. "
                "\u0423\u0437\u0431\u0435\u043a\u0438\u0441\u0442\u0430\u043d \u2014 \u4e4c\u5179\u522b\u514b."),
           1);
  return rows;
}

int RecordCount(const v1::RecordCounts& counts) {
  return counts.membership_events() + counts.interventions() + counts.assistance_requests();
}

class BadInputEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(cluster_.StartIngest({absl::StrCat("--max_document_bytes=", kMaxDocumentBytes)}).ok());
    ASSERT_TRUE(cluster_.StartQuery().ok());
    ingest_ = cluster_.IngestStub();
    query_ = cluster_.QueryStub();
    // The bundled corpus, so that queries have facts and page tokens to work with.
    absl::StatusOr<std::vector<v1::IngestDocumentResponse>> corpus = IngestBundledCorpus(ingest_.get());
    ASSERT_TRUE(corpus.ok()) << corpus.status();
    ASSERT_FALSE(corpus->empty());
    corpus_sequence_ = corpus->back().sequence();
    ASSERT_TRUE(cluster_.WaitForApplied(corpus_sequence_).ok());
  }

  // Sends a plain document and returns its sequence: one more than the last
  // stored, so every sequence before it is accounted for.
  uint64_t IngestSentinel() {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::IngestDocumentRequest request;
    request.mutable_document()->set_text("A sentinel document with nothing to extract.");
    v1::IngestDocumentResponse response;
    EXPECT_TRUE(ingest_->IngestDocument(&context, request, &response).ok());
    return response.sequence();
  }

  // Reads the change feed after `after` up to `last` and returns the document ids.
  std::vector<std::string> FeedDocumentIds(uint64_t after, uint64_t last) {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::StreamChangesRequest request;
    request.set_after_sequence(after);
    auto reader = ingest_->StreamChanges(&context, request);
    std::vector<std::string> ids;
    v1::Change change;
    while (reader->Read(&change)) {
      if (change.heartbeat()) continue;
      ids.push_back(change.document().document_id());
      if (change.sequence() >= last) break;
    }
    context.TryCancel();
    reader->Finish();
    return ids;
  }

  LocalCluster cluster_;
  std::unique_ptr<v1::IngestService::Stub> ingest_;
  std::unique_ptr<v1::QueryService::Stub> query_;
  uint64_t corpus_sequence_ = 0;
};

TEST_F(BadInputEndToEnd, EachIngestRowGetsItsStatusAndRefusedDocumentsLeaveNothing) {
  std::vector<std::string> accepted_ids;
  for (const IngestRow& row : IngestRows()) {
    SCOPED_TRACE(row.name);
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::IngestDocumentRequest request;
    *request.mutable_document() = row.document;
    v1::IngestDocumentResponse response;
    const grpc::Status status = ingest_->IngestDocument(&context, request, &response);
    ASSERT_EQ(status.error_code(), row.code) << status.error_message();
    if (row.code != grpc::StatusCode::OK) {
      EXPECT_THAT(status.error_message(), HasSubstr(row.message_part));
      continue;
    }
    EXPECT_FALSE(response.duplicate());
    EXPECT_EQ(response.sequence(), corpus_sequence_ + accepted_ids.size() + 1) << "gapless, nothing else stored";
    if (row.records >= 0) {
      EXPECT_EQ(RecordCount(response.counts()), row.records);
    }
    accepted_ids.push_back(response.document_id());
  }

  // Nothing refused took a sequence or reached the change feed.
  const uint64_t sentinel = IngestSentinel();
  EXPECT_EQ(sentinel, corpus_sequence_ + accepted_ids.size() + 1);
  std::vector<std::string> fed = FeedDocumentIds(corpus_sequence_, sentinel);
  ASSERT_EQ(fed.size(), accepted_ids.size() + 1);
  fed.pop_back();
  EXPECT_EQ(fed, accepted_ids);

  // The replica holds exactly the accepted documents, and both services still serve.
  absl::StatusOr<v1::GetStatusResponse> status = cluster_.WaitForApplied(sentinel);
  ASSERT_TRUE(status.ok()) << status.status();
  EXPECT_EQ(status->documents(), static_cast<int64_t>(sentinel));
}

TEST_F(BadInputEndToEnd, TheBulkStreamAcknowledgesEachRowInOrderAndGoesOn) {
  const std::vector<IngestRow> rows = IngestRows();
  grpc::ClientContext context;
  SetDeadline(&context, 120);
  auto stream = ingest_->IngestDocuments(&context);
  uint64_t expected_sequence = corpus_sequence_;
  for (size_t i = 0; i < rows.size(); ++i) {
    SCOPED_TRACE(rows[i].name);
    v1::IngestDocumentRequest request;
    *request.mutable_document() = rows[i].document;
    request.set_client_tag(absl::StrCat("row-", i));
    ASSERT_TRUE(stream->Write(request));
    v1::IngestDocumentResponse ack;
    ASSERT_TRUE(stream->Read(&ack));
    EXPECT_EQ(ack.client_tag(), absl::StrCat("row-", i));
    EXPECT_EQ(ack.error().code(), static_cast<int>(rows[i].code)) << ack.error().message();
    if (rows[i].code != grpc::StatusCode::OK) {
      EXPECT_THAT(ack.error().message(), HasSubstr(rows[i].message_part));
      EXPECT_EQ(ack.sequence(), 0u);
      EXPECT_TRUE(ack.document_id().empty());
    } else {
      EXPECT_EQ(ack.sequence(), ++expected_sequence);
    }
  }
  ASSERT_TRUE(stream->WritesDone());
  const grpc::Status finished = stream->Finish();
  EXPECT_TRUE(finished.ok()) << finished.error_message();
  EXPECT_EQ(IngestSentinel(), expected_sequence + 1);
}

TEST_F(BadInputEndToEnd, AMessageOverTheTransportLimitIsResourceExhausted) {
  // Over the server's 8 MiB gRPC message limit, refused before it is decoded.
  grpc::ClientContext context;
  SetDeadline(&context);
  v1::IngestDocumentRequest request;
  request.mutable_document()->set_text(std::string(9 << 20, 'a'));
  v1::IngestDocumentResponse response;
  const grpc::Status status = ingest_->IngestDocument(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
  EXPECT_EQ(IngestSentinel(), corpus_sequence_ + 1);
}

// One query case: a call and what it must answer.
struct QueryRow {
  std::string name;
  std::function<grpc::Status(v1::QueryService::Stub*, grpc::ClientContext*)> call;
  grpc::StatusCode code;
  std::string field;  // the message names it (INVALID_ARGUMENT rows)
};

template <typename Request, typename Response>
std::function<grpc::Status(v1::QueryService::Stub*, grpc::ClientContext*)> Call(
    grpc::Status (v1::QueryService::Stub::*method)(grpc::ClientContext*, const Request&, Response*),
    Request request) {
  return [method, request](v1::QueryService::Stub* stub, grpc::ClientContext* context) {
    Response response;
    return (stub->*method)(context, request, &response);
  };
}

v1::PartialDate Written(const std::string& text) {
  v1::PartialDate date;
  date.set_as_written(text);
  return date;
}

std::vector<QueryRow> QueryRows(const std::string& real_members_token, const std::string& real_events_token) {
  using S = v1::QueryService::Stub;
  using grpc::StatusCode;
  std::vector<QueryRow> rows;
  auto invalid = [&rows](std::string name, auto call, std::string field) {
    rows.push_back({std::move(name), std::move(call), StatusCode::INVALID_ARGUMENT, std::move(field)});
  };

  auto history = [](const std::string& country, const std::string& organization) {
    v1::GetMembershipHistoryRequest request;
    request.set_country(country);
    request.set_organization(organization);
    return Call(&S::GetMembershipHistory, request);
  };
  invalid("unknown country code", history("XXX", ""), "country");
  invalid("country name instead of code", history("Armenia", ""), "country");
  invalid("lower-case country code", history("arm", ""), "country");
  invalid("two-letter country code", history("AM", ""), "country");
  invalid("country code that is not UTF-8", history("AR\xc3", ""), "country");
  invalid("organization code that is not UTF-8", history("", "CS\xffO"), "organization");
  invalid("unknown organization code", history("ARM", "WARSAWPACT"), "organization");
  invalid("misspelt organization code", history("", "CTSO"), "organization");
  invalid("malformed organization code", history("", "csto; drop"), "organization");
  {
    v1::ListInterventionsRequest request;
    request.set_host_country("ZZZ");
    invalid("unknown host country", Call(&S::ListInterventions, request), "host_country");
  }
  {
    v1::ListAssistanceRequestsRequest request;
    request.set_requester_country("K\u0410Z");  // a Cyrillic A
    invalid("requester country with a look-alike letter", Call(&S::ListAssistanceRequests, request),
            "requester_country");
  }

  auto members_as_of = [](v1::PartialDate as_of) {
    v1::ListMembersRequest request;
    *request.mutable_as_of() = std::move(as_of);
    return Call(&S::ListMembers, request);
  };
  invalid("month 13 as written", members_as_of(Written("2022-13-01")), "as_of");
  invalid("month 13 as numbers", members_as_of(MakeDate(2022, 13, 1)), "as_of");
  invalid("30 February", members_as_of(MakeDate(2021, 2, 30)), "as_of");
  invalid("day without a month", members_as_of(MakeDate(2021, 0, 5)), "as_of");
  invalid("negative year", members_as_of(MakeDate(-5, 1, 1)), "as_of");
  invalid("words instead of a date", members_as_of(Written("last spring")), "as_of");
  invalid("date text that is not UTF-8", members_as_of(Written("2005\xe2\x82")), "as_of.as_written");
  {
    v1::ListInterventionsRequest request;
    *request.mutable_from() = Written("2022-01-10");
    *request.mutable_to() = Written("2022-01-01");
    invalid("range that ends before it starts", Call(&S::ListInterventions, request), "to");
  }
  {
    v1::ListAssistanceRequestsRequest request;
    *request.mutable_from() = Written("2020-1-1");
    invalid("date without zero padding", Call(&S::ListAssistanceRequests, request), "from");
  }

  {
    v1::ListMembershipEventsRequest request;
    request.set_page_size(-1);
    invalid("negative page_size", Call(&S::ListMembershipEvents, request), "page_size");
  }
  {
    v1::ListConflictsRequest request;
    request.set_page_size(std::numeric_limits<int32_t>::min());
    invalid("most negative page_size", Call(&S::ListConflicts, request), "page_size");
  }
  {
    // Huge page sizes are clamped to the maximum page, not refused.
    v1::ListMembershipEventsRequest request;
    request.set_page_size(std::numeric_limits<int32_t>::max());
    rows.push_back({"huge page_size", Call(&S::ListMembershipEvents, request), StatusCode::OK, ""});
  }
  for (const std::string& forged : {std::string("AAAA"), std::string("not base64 !"), std::string(4096, 'Q'),
                                    std::string("\xff\xfe")}) {
    v1::ListMembershipEventsRequest request;
    request.set_page_token(forged);
    invalid(absl::StrCat("forged page_token of ", forged.size(), " bytes"), Call(&S::ListMembershipEvents, request),
            "page_token");
  }
  if (!real_events_token.empty()) {
    std::string tampered = real_events_token;
    tampered[tampered.size() / 2] = tampered[tampered.size() / 2] == 'A' ? 'B' : 'A';
    v1::ListMembershipEventsRequest request;
    request.set_page_size(2);
    request.set_page_token(tampered);
    invalid("tampered page_token", Call(&S::ListMembershipEvents, request), "page_token");

    v1::ListMembershipEventsRequest other_query;
    other_query.set_page_size(2);
    other_query.set_country("ARM");
    other_query.set_page_token(real_events_token);
    invalid("page_token of another query", Call(&S::ListMembershipEvents, other_query), "page_token");
  }
  if (!real_members_token.empty()) {
    v1::ListMembershipEventsRequest request;
    request.set_page_size(2);
    request.set_page_token(real_members_token);
    invalid("page_token of another method", Call(&S::ListMembershipEvents, request), "page_token");
  }
  {
    v1::ListMembershipEventsRequest request;
    request.set_action(static_cast<v1::MembershipAction>(99));
    invalid("unknown MembershipAction", Call(&S::ListMembershipEvents, request), "action");
  }
  {
    v1::ListAssistanceRequestsRequest request;
    request.set_outcome(static_cast<v1::AssistanceOutcome>(-3));
    invalid("unknown AssistanceOutcome", Call(&S::ListAssistanceRequests, request), "outcome");
  }
  return rows;
}

// Opens a Watch and returns how it ended (it must end by itself).
grpc::Status WatchStatus(v1::QueryService::Stub* stub, const v1::WatchRequest& request) {
  grpc::ClientContext context;
  SetDeadline(&context, 10);
  auto reader = stub->Watch(&context, request);
  v1::WatchResponse response;
  while (reader->Read(&response)) {
  }
  return reader->Finish();
}

TEST_F(BadInputEndToEnd, EachQueryRowGetsItsStatusNamingTheFieldAndChangesNothing) {
  absl::StatusOr<v1::GetStatusResponse> before = cluster_.WaitForApplied(corpus_sequence_);
  ASSERT_TRUE(before.ok());

  // Real page tokens, to tamper with and to replay against other queries.
  std::string members_token;
  std::string events_token;
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::ListMembersRequest request;
    request.set_page_size(1);
    v1::ListMembersResponse response;
    ASSERT_TRUE(query_->ListMembers(&context, request, &response).ok());
    members_token = response.next_page_token();
  }
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::ListMembershipEventsRequest request;
    request.set_page_size(2);
    v1::ListMembershipEventsResponse response;
    ASSERT_TRUE(query_->ListMembershipEvents(&context, request, &response).ok());
    events_token = response.next_page_token();
  }
  ASSERT_FALSE(members_token.empty()) << "the corpus has more than one member";
  ASSERT_FALSE(events_token.empty()) << "the corpus has more than two events";

  for (const QueryRow& row : QueryRows(members_token, events_token)) {
    SCOPED_TRACE(row.name);
    grpc::ClientContext context;
    SetDeadline(&context);
    const grpc::Status status = row.call(query_.get(), &context);
    EXPECT_EQ(status.error_code(), row.code) << status.error_message();
    if (row.code == grpc::StatusCode::INVALID_ARGUMENT) {
      EXPECT_THAT(status.error_message(), HasSubstr(absl::StrCat(row.field, ":")));
    }
  }

  // Watch refuses bad filters at once rather than streaming nothing forever.
  {
    v1::WatchRequest request;
    request.add_kinds("bogus_kind");
    const grpc::Status status = WatchStatus(query_.get(), request);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(), HasSubstr("kinds"));
  }
  {
    v1::WatchRequest request;
    request.add_kinds("membership_event\xff");
    const grpc::Status status = WatchStatus(query_.get(), request);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(), HasSubstr("kinds: invalid UTF-8"));
  }
  {
    v1::WatchRequest request;
    request.set_country("XX");
    const grpc::Status status = WatchStatus(query_.get(), request);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(), HasSubstr("country"));
  }
  {
    v1::WatchRequest request;
    request.set_organization("not a code");
    const grpc::Status status = WatchStatus(query_.get(), request);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(), HasSubstr("organization"));
  }

  // A huge page size is clamped: the first page holds every event (fewer than the maximum).
  {
    grpc::ClientContext context;
    SetDeadline(&context);
    v1::ListMembershipEventsRequest request;
    request.set_page_size(std::numeric_limits<int32_t>::max());
    v1::ListMembershipEventsResponse response;
    ASSERT_TRUE(query_->ListMembershipEvents(&context, request, &response).ok());
    EXPECT_GT(response.events_size(), 2);
    EXPECT_TRUE(response.next_page_token().empty());
  }

  absl::StatusOr<v1::GetStatusResponse> after = cluster_.WaitForApplied(corpus_sequence_);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->state_digest(), before->state_digest());
  EXPECT_EQ(after->applied_sequence(), before->applied_sequence());
}

}  // namespace
}  // namespace alliance::testing
