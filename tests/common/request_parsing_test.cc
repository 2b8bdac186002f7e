// ParseRequest / ExplainUnparsableMessage: request bytes that do not parse are
// explained by the field at fault.
#include "common/request_parsing.h"

#include <string>

#include "alliance/v1/ingest_service.pb.h"
#include "alliance/v1/query_service.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace alliance {
namespace {

using ::testing::HasSubstr;

// Serializes `message` as is: C++ protobuf writes a string field that is not
// UTF-8 (it only logs), so tests can make the bytes a raw client would send.
template <typename Message>
grpc::ByteBuffer Bytes(const Message& message) {
  const std::string wire = message.SerializeAsString();
  grpc::Slice slice(wire);
  return grpc::ByteBuffer(&slice, 1);
}

std::string Message(const absl::Status& status) { return std::string(status.message()); }

TEST(RequestParsing, AValidRequestParses) {
  v1::ListMembersRequest request;
  request.set_organization("CSTO");
  request.mutable_as_of()->set_as_written("2005-01-01");
  absl::StatusOr<v1::ListMembersRequest> parsed = ParseRequest<v1::ListMembersRequest>(Bytes(request));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  EXPECT_EQ(parsed->as_of().as_written(), "2005-01-01");
}

TEST(RequestParsing, NamesATopLevelStringThatIsNotUtf8) {
  v1::ListMembershipEventsRequest request;
  request.set_country("ARM");
  request.set_page_token("ok\xff\xfe");
  absl::StatusOr<v1::ListMembershipEventsRequest> parsed =
      ParseRequest<v1::ListMembershipEventsRequest>(Bytes(request));
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Message(parsed.status()), "page_token: invalid UTF-8 at byte offset 2");
}

TEST(RequestParsing, NamesANestedFieldByItsPath) {
  v1::ListMembersRequest request;
  request.mutable_as_of()->set_as_written("2005\xc0\xaf");  // an overlong '/'
  absl::StatusOr<v1::ListMembersRequest> parsed = ParseRequest<v1::ListMembersRequest>(Bytes(request));
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Message(parsed.status()), "as_of.as_written: invalid UTF-8 at byte offset 4");
}

TEST(RequestParsing, NamesARepeatedStringAndRefusesSurrogates) {
  v1::WatchRequest request;
  request.add_kinds("membership_event");
  request.add_kinds("\xed\xa0\x80");  // a UTF-16 surrogate encoded in UTF-8
  absl::StatusOr<v1::WatchRequest> parsed = ParseRequest<v1::WatchRequest>(Bytes(request));
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Message(parsed.status()), "kinds: invalid UTF-8 at byte offset 0");
}

TEST(RequestParsing, BytesThatAreNoMessageAtAllSayWhichMessageWasExpected) {
  grpc::Slice slice(std::string("\x0a\xff\xff\xff\xff\x0f garbage", 14));
  absl::StatusOr<v1::GetStatusRequest> parsed = ParseRequest<v1::GetStatusRequest>(grpc::ByteBuffer(&slice, 1));
  EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Message(parsed.status()), HasSubstr("request: not a valid alliance.v1.GetStatusRequest"));
}

// An ingest request as a raw client may send it: the text in any bytes.
std::string IngestWire(const std::string& text, const std::string& tag, const std::string& title = "") {
  v1::IngestDocumentRequest request;
  request.mutable_document()->set_text(text);
  request.mutable_document()->set_title(title);
  request.set_client_tag(tag);
  return request.SerializeAsString();
}

TEST(RequestParsing, ReadsAValidIngestRequestFromWireBytes) {
  absl::StatusOr<v1::IngestDocumentRequest> request =
      ParseMessage<v1::IngestDocumentRequest>(IngestWire("Текст статьи.", "t-1", "Title"));
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->document().text(), "Текст статьи.");
  EXPECT_EQ(request->document().title(), "Title");
  EXPECT_EQ(request->client_tag(), "t-1");
}

TEST(RequestParsing, InvalidUtf8TextNamesFieldAndOffsetAndTheTagCanStillBeRead) {
  const std::string wire = IngestWire("abc\xE2\x28\xA1", "t-2");
  absl::StatusOr<v1::IngestDocumentRequest> request = ParseMessage<v1::IngestDocumentRequest>(wire);
  EXPECT_EQ(request.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Message(request.status()), HasSubstr("document.text: invalid UTF-8 at byte offset 3"));
  EXPECT_EQ(ReadValidStringField(wire, v1::IngestDocumentRequest::kClientTagFieldNumber), "t-2");
}

TEST(RequestParsing, InvalidUtf8TitleNamesTheTitle) {
  absl::StatusOr<v1::IngestDocumentRequest> request =
      ParseMessage<v1::IngestDocumentRequest>(IngestWire("Text.", "t-3", "\xFF"));
  EXPECT_EQ(request.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Message(request.status()), HasSubstr("document.title"));
}

TEST(RequestParsing, InvalidUtf8TagNamesTheTagAndIsNotReadBack) {
  const std::string wire = IngestWire("Text.", "\xC0");
  absl::StatusOr<v1::IngestDocumentRequest> request = ParseMessage<v1::IngestDocumentRequest>(wire);
  EXPECT_EQ(request.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Message(request.status()), HasSubstr("client_tag"));
  EXPECT_EQ(ReadValidStringField(wire, v1::IngestDocumentRequest::kClientTagFieldNumber), "");
}

TEST(RequestParsing, GarbageIngestBytesAreInvalidArgumentAndHaveNoTag) {
  const std::string wire("\x0A\xFF\xFF\xFF", 4);
  absl::StatusOr<v1::IngestDocumentRequest> request = ParseMessage<v1::IngestDocumentRequest>(wire);
  EXPECT_EQ(request.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(Message(request.status()), HasSubstr("request: not a valid alliance.v1.IngestDocumentRequest"));
  EXPECT_EQ(ReadValidStringField(wire, v1::IngestDocumentRequest::kClientTagFieldNumber), "");
}

TEST(RequestParsing, TheLastOccurrenceOfAFieldIsTheOneRead) {
  const std::string wire = IngestWire("Text.", "first") + IngestWire("", "second");
  EXPECT_EQ(ReadValidStringField(wire, v1::IngestDocumentRequest::kClientTagFieldNumber), "second");
  EXPECT_EQ(ParseMessage<v1::IngestDocumentRequest>(wire)->client_tag(), "second");
}

}  // namespace
}  // namespace alliance
