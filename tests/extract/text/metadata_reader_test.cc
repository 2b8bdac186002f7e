#include "ingest-service/extract/metadata_reader.h"

#include <string>

#include "common/partial_date.h"
#include "gtest/gtest.h"
#include "test_lexicon.h"

namespace alliance::ingest {
namespace {

v1::DocumentInfo Read(const std::string& text, const v1::Document& base = v1::Document()) {
  v1::DocumentInfo info;
  const absl::Status status = ReadMetadata(base, text, testing::RepositoryLexicon(), &info);
  EXPECT_TRUE(status.ok()) << status;
  return info;
}

TEST(MetadataReader, ReadsPipeByline) {
  const v1::DocumentInfo info = Read(
      "Photo: Flag of the alliance (cropped)\n25 March 2022 | James Porteous | Clipper Media News\n\n"
      "Op-ed: What If The Partners Intervene?\nThe body starts here.");
  EXPECT_EQ(FormatDate(info.published()), "2022-03-25");
  EXPECT_EQ(info.author(), "James Porteous");
  EXPECT_EQ(info.source(), "Clipper Media News");
  EXPECT_EQ(info.title(), "Op-ed: What If The Partners Intervene?");
}

TEST(MetadataReader, ReadsDateLineFollowedByAuthor) {
  const v1::DocumentInfo info = Read(
      "A 2018 gathering in Kazakhstan.\nA 2018 gathering in Kazakhstan.\n\nDoes The Alliance Have a Future?\n\n"
      "July 09, 2021\nKirill Krivosheev\n\nThis article was originally published elsewhere.");
  EXPECT_EQ(FormatDate(info.published()), "2021-07-09");
  EXPECT_EQ(info.author(), "Kirill Krivosheev");
  EXPECT_EQ(info.title(), "Does The Alliance Have a Future?");
}

TEST(MetadataReader, TwoFieldBylineGivesSource) {
  const v1::DocumentInfo info = Read("Debate on Cooperation Between Two Bodies\n15 February 2022 | What’s In Blue\n");
  EXPECT_EQ(FormatDate(info.published()), "2022-02-15");
  EXPECT_EQ(info.source(), "What’s In Blue");
  EXPECT_EQ(info.title(), "Debate on Cooperation Between Two Bodies");
}

TEST(MetadataReader, NoDateBylineGivesAuthorButNoDate) {
  const v1::DocumentInfo info = Read("The Title Of The Piece\nNo Date | John P. Ruehl | Indepth News\nBody.");
  EXPECT_EQ(info.published().year(), 0);
  EXPECT_EQ(info.author(), "John P. Ruehl");
  EXPECT_EQ(info.source(), "Indepth News");
}

TEST(MetadataReader, TakesTheFirstDatedHeaderLine) {
  const v1::DocumentInfo info =
      Read("No Date | A. Writer | Outlet\n3 May 2020 | B. Writer | Outlet\n4 May 2021 | C. Writer | Outlet\n");
  EXPECT_EQ(FormatDate(info.published()), "2020-05-03");
  EXPECT_EQ(info.author(), "A. Writer");
}

TEST(MetadataReader, DropsByFromAuthor) {
  const v1::DocumentInfo info = Read("Jan. 13, 2022 | By Jane Doe | Example Wire\nBody text.");
  EXPECT_EQ(FormatDate(info.published()), "2022-01-13");
  EXPECT_EQ(info.author(), "Jane Doe");
}

TEST(MetadataReader, RequestFieldsWin) {
  v1::Document request;
  request.set_title("Given Title");
  request.set_published("2020-02");
  request.set_author("Given Author");
  request.set_url("https://example.org/a");
  const v1::DocumentInfo info = Read("Other Title Line Here\n25 March 2022 | Jane Roe | Outlet\n", request);
  EXPECT_EQ(info.title(), "Given Title");
  EXPECT_EQ(FormatDate(info.published()), "2020-02");
  EXPECT_EQ(info.author(), "Given Author");
  EXPECT_EQ(info.source(), "Outlet");
  EXPECT_EQ(info.url(), "https://example.org/a");
}

TEST(MetadataReader, RejectsMalformedPublished) {
  v1::Document request;
  request.set_published("2022-13-01");
  v1::DocumentInfo info;
  const absl::Status status = ReadMetadata(request, "Text.", testing::RepositoryLexicon(), &info);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("document.published"), std::string::npos);
}

TEST(MetadataReader, FallsBackToFirstSentenceForTitle) {
  const v1::DocumentInfo info = Read("Russia built an alliance after 1991. This led to a treaty.\nMore text.");
  EXPECT_EQ(info.title(), "Russia built an alliance after 1991.");
  EXPECT_EQ(info.published().year(), 0);
}

TEST(MetadataReader, ReadsSectionDates) {
  v1::PartialDate date;
  EXPECT_TRUE(ReadSectionDate("15 February 2022 | What’s In Blue", testing::RepositoryLexicon(), &date));
  EXPECT_EQ(FormatDate(date), "2022-02-15");
  EXPECT_TRUE(ReadSectionDate("No Date | John P. Ruehl | Indepth News", testing::RepositoryLexicon(), &date));
  EXPECT_EQ(date.year(), 0);
  EXPECT_FALSE(ReadSectionDate("The treaty was signed in 1992.", testing::RepositoryLexicon(), &date));
}

}  // namespace
}  // namespace alliance::ingest
