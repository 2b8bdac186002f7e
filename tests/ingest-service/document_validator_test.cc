// ValidateDocument: what the ingest service refuses before extracting anything,
// with the code and the field each refusal names.
#include "ingest-service/document_validator.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace alliance::ingest {
namespace {

using ::testing::HasSubstr;

v1::Document Text(std::string text) {
  v1::Document document;
  document.set_text(std::move(text));
  return document;
}

struct RefusedCase {
  std::string name;
  v1::Document document;
  absl::StatusCode code;
  std::vector<std::string> message_parts;
};

std::vector<RefusedCase> RefusedCases() {
  ValidationLimits limits;
  std::vector<RefusedCase> cases;
  cases.push_back({"Empty", Text(""), absl::StatusCode::kInvalidArgument,
                   {"document.text: must not be empty"}});
  cases.push_back({"WhitespaceOnly", Text(" \t\r\n \xC2\xA0\xE3\x80\x80 "),
                   absl::StatusCode::kInvalidArgument, {"document.text: must not be empty"}});
  cases.push_back({"OverLimit", Text(std::string(limits.max_text_bytes + 1, 'a')),
                   absl::StatusCode::kResourceExhausted,
                   {"document.text", "4194305 bytes", "limit of 4194304"}});
  cases.push_back({"InvalidUtf8", Text("abc\xFF" "def"), absl::StatusCode::kInvalidArgument,
                   {"document.text", "invalid UTF-8", "byte offset 3"}});
  cases.push_back({"TruncatedUtf8Sequence", Text("ab\xE2\x82"), absl::StatusCode::kInvalidArgument,
                   {"document.text", "invalid UTF-8", "byte offset 2"}});
  cases.push_back({"OverlongUtf8", Text("a\xC0\xAF"), absl::StatusCode::kInvalidArgument,
                   {"invalid UTF-8", "byte offset 1"}});
  cases.push_back({"EncodedSurrogate", Text("ab\xED\xA0\x80"), absl::StatusCode::kInvalidArgument,
                   {"invalid UTF-8", "byte offset 2"}});
  cases.push_back({"AboveUnicodeRange", Text("\xF4\x90\x80\x80"), absl::StatusCode::kInvalidArgument,
                   {"invalid UTF-8", "byte offset 0"}});
  cases.push_back({"NulByte", Text(std::string("abc\0def", 7)), absl::StatusCode::kInvalidArgument,
                   {"document.text", "NUL", "byte offset 3"}});
  cases.push_back({"BellControlCharacter", Text("alarm\x07!"), absl::StatusCode::kInvalidArgument,
                   {"document.text", "U+0007", "byte offset 5"}});
  cases.push_back({"EscapeControlCharacter", Text("x\x1B[31m"), absl::StatusCode::kInvalidArgument,
                   {"document.text", "U+001B", "byte offset 1"}});

  v1::Document bad_month = Text("An article.");
  bad_month.set_published("2022-13-01");
  cases.push_back({"PublishedMonth13", bad_month, absl::StatusCode::kInvalidArgument,
                   {"document.published"}});
  v1::Document bad_day = Text("An article.");
  bad_day.set_published("2021-02-29");
  cases.push_back({"PublishedDayNotInMonth", bad_day, absl::StatusCode::kInvalidArgument,
                   {"document.published"}});
  v1::Document not_iso = Text("An article.");
  not_iso.set_published("March 2022");
  cases.push_back({"PublishedNotIso", not_iso, absl::StatusCode::kInvalidArgument,
                   {"document.published"}});

  v1::Document long_title = Text("An article.");
  long_title.set_title(std::string(limits.max_field_bytes + 1, 't'));
  cases.push_back({"OversizedTitle", long_title, absl::StatusCode::kInvalidArgument,
                   {"document.title", "exceeds the limit"}});
  v1::Document bad_source = Text("An article.");
  bad_source.set_source("Outlet\xC3");
  cases.push_back({"InvalidUtf8Source", bad_source, absl::StatusCode::kInvalidArgument,
                   {"document.source", "invalid UTF-8", "byte offset 6"}});
  v1::Document long_url = Text("An article.");
  long_url.set_url("https://example.org/" + std::string(limits.max_field_bytes, 'u'));
  cases.push_back({"OversizedUrl", long_url, absl::StatusCode::kInvalidArgument, {"document.url"}});
  v1::Document nul_author = Text("An article.");
  nul_author.set_author(std::string("A\0B", 3));
  cases.push_back({"NulInAuthor", nul_author, absl::StatusCode::kInvalidArgument,
                   {"document.author", "NUL"}});
  return cases;
}

class RefusedDocument : public ::testing::TestWithParam<RefusedCase> {};

TEST_P(RefusedDocument, IsRefusedWithCodeNamingTheField) {
  const RefusedCase& c = GetParam();
  const absl::Status status = ValidateDocument(c.document, ValidationLimits());
  EXPECT_EQ(status.code(), c.code) << status;
  for (const std::string& part : c.message_parts) {
    EXPECT_THAT(std::string(status.message()), HasSubstr(part));
  }
}

INSTANTIATE_TEST_SUITE_P(DocumentValidator, RefusedDocument, ::testing::ValuesIn(RefusedCases()),
                         [](const ::testing::TestParamInfo<RefusedCase>& info) {
                           return info.param.name;
                         });

struct AcceptedCase {
  std::string name;
  v1::Document document;
};

std::vector<AcceptedCase> AcceptedCases() {
  std::vector<AcceptedCase> cases;
  cases.push_back({"PlainText", Text("Armenia froze its participation in the CSTO.")});
  cases.push_back({"TabsNewlinesAndCarriageReturns", Text("Title\r\n\n\tIndented paragraph.\r\n")});
  cases.push_back({"Cyrillic", Text("ОДКБ направила миротворцев в Казахстан.")});
  cases.push_back({"ArmenianAndGeorgian", Text("Հայաստան — საქართველო")});
  cases.push_back({"CjkAndEmoji", Text("集体安全条约组织 \xF0\x9F\x9B\xA1")});
  cases.push_back({"LargestCodePoint", Text("x\xF4\x8F\xBF\xBF")});
  cases.push_back({"DeleteCharacterIsNotC0", Text("a\x7F" "b")});
  ValidationLimits limits;
  cases.push_back({"ExactlyAtLimit", Text(std::string(limits.max_text_bytes, 'a'))});

  v1::Document full = Text("25 March 2022 | Author | Outlet\nText.");
  full.set_title("Ереван и ОДКБ");
  full.set_source("Clipper Media News");
  full.set_url("https://example.org/a?b=c");
  full.set_author("Анна Петрова");
  full.set_published("2022-03-25");
  cases.push_back({"AllMetadata", full});
  v1::Document year_only = Text("Text.");
  year_only.set_published("1999");
  cases.push_back({"PublishedYearOnly", year_only});
  v1::Document month_only = Text("Text.");
  month_only.set_published("2021-09");
  cases.push_back({"PublishedYearAndMonth", month_only});
  return cases;
}

class AcceptedDocument : public ::testing::TestWithParam<AcceptedCase> {};

TEST_P(AcceptedDocument, PassesValidation) {
  const absl::Status status = ValidateDocument(GetParam().document, ValidationLimits());
  EXPECT_TRUE(status.ok()) << status;
}

INSTANTIATE_TEST_SUITE_P(DocumentValidator, AcceptedDocument, ::testing::ValuesIn(AcceptedCases()),
                         [](const ::testing::TestParamInfo<AcceptedCase>& info) {
                           return info.param.name;
                         });

TEST(DocumentValidator, HonoursAConfiguredTextLimit) {
  ValidationLimits limits;
  limits.max_text_bytes = 10;
  EXPECT_TRUE(ValidateDocument(Text("0123456789"), limits).ok());
  const absl::Status status = ValidateDocument(Text("0123456789A"), limits);
  EXPECT_EQ(status.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(std::string(status.message()), HasSubstr("11 bytes exceeds the limit of 10"));
}

TEST(DocumentValidator, HonoursAConfiguredFieldLimit) {
  ValidationLimits limits;
  limits.max_field_bytes = 5;
  v1::Document document = Text("Text.");
  document.set_author("12345");
  EXPECT_TRUE(ValidateDocument(document, limits).ok());
  document.set_author("123456");
  const absl::Status status = ValidateDocument(document, limits);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("document.author"));
}

TEST(DocumentValidator, TextWithVisibleCharacterAmongSpacesIsNotBlank) {
  EXPECT_FALSE(HasVisibleCharacter(" \xE2\x80\x8B\xEF\xBB\xBF\t"));
  EXPECT_TRUE(HasVisibleCharacter("  .  "));
}

}  // namespace
}  // namespace alliance::ingest
