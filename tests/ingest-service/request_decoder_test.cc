// DecodeIngestDocumentRequest: reading request bytes, including ones protobuf
// itself would refuse because a string is not valid UTF-8.
#include "ingest-service/request_decoder.h"

#include <string>

#include "gmock/gmock.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "ingest-service/lenient_request.pb.h"

namespace alliance::ingest {
namespace {

using ::testing::HasSubstr;

std::string Wire(const std::string& text, const std::string& tag, const std::string& title = "") {
  internal::LenientIngestDocumentRequest request;
  request.mutable_document()->set_text(text);
  request.mutable_document()->set_title(title);
  request.set_client_tag(tag);
  return request.SerializeAsString();
}

TEST(RequestDecoder, ReadsAValidRequest) {
  std::string tag;
  absl::StatusOr<v1::IngestDocumentRequest> request =
      DecodeIngestDocumentRequest(Wire("Текст статьи.", "t-1", "Title"), &tag);
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->document().text(), "Текст статьи.");
  EXPECT_EQ(request->document().title(), "Title");
  EXPECT_EQ(request->client_tag(), "t-1");
  EXPECT_EQ(tag, "t-1");
}

TEST(RequestDecoder, InvalidUtf8TextNamesFieldAndOffsetAndKeepsTheTag) {
  std::string tag;
  absl::StatusOr<v1::IngestDocumentRequest> request =
      DecodeIngestDocumentRequest(Wire("abc\xE2\x28\xA1", "t-2"), &tag);
  EXPECT_EQ(request.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(request.status().message()),
              HasSubstr("document.text: invalid UTF-8 at byte offset 3"));
  EXPECT_EQ(tag, "t-2");
}

TEST(RequestDecoder, InvalidUtf8TitleNamesTheTitle) {
  std::string tag;
  absl::StatusOr<v1::IngestDocumentRequest> request =
      DecodeIngestDocumentRequest(Wire("Text.", "t-3", "\xFF"), &tag);
  EXPECT_EQ(request.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(request.status().message()), HasSubstr("document.title"));
}

TEST(RequestDecoder, InvalidUtf8TagNamesTheTag) {
  std::string tag;
  absl::StatusOr<v1::IngestDocumentRequest> request =
      DecodeIngestDocumentRequest(Wire("Text.", "\xC0"), &tag);
  EXPECT_EQ(request.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(request.status().message()), HasSubstr("client_tag"));
  EXPECT_TRUE(tag.empty());
}

TEST(RequestDecoder, GarbageIsInvalidArgument) {
  std::string tag;
  absl::StatusOr<v1::IngestDocumentRequest> request =
      DecodeIngestDocumentRequest(std::string("\x0A\xFF\xFF\xFF", 4), &tag);
  EXPECT_EQ(request.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(request.status().message()), HasSubstr("request"));
}

// The mirror must keep up with the API: every field of the API messages has a
// field of the same number and name in the mirror.
void ExpectMirrors(const google::protobuf::Descriptor* api,
                   const google::protobuf::Descriptor* mirror) {
  for (int i = 0; i < api->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = api->field(i);
    const google::protobuf::FieldDescriptor* twin = mirror->FindFieldByNumber(field->number());
    ASSERT_NE(twin, nullptr) << mirror->full_name() << " lacks field " << field->name();
    EXPECT_EQ(twin->name(), field->name());
  }
}

TEST(RequestDecoder, LenientMirrorHasEveryApiField) {
  ExpectMirrors(v1::IngestDocumentRequest::descriptor(),
                internal::LenientIngestDocumentRequest::descriptor());
  ExpectMirrors(v1::Document::descriptor(), internal::LenientDocument::descriptor());
}

}  // namespace
}  // namespace alliance::ingest
