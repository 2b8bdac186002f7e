// BuildChange: what the ingest service stamps on an extraction before storing it.
#include "ingest-service/change_builder.h"

#include <string>

#include "common/content_hash.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest-service/test_support.h"

namespace alliance::ingest {
namespace {

using ::alliance::ingest::testing::FakeExtractor;

v1::Document MakeDocument(const std::string& text) {
  v1::Document document;
  document.set_text(text);
  return document;
}

v1::Change Build(const v1::Document& document, int64_t now = 1700000000) {
  FakeExtractor extractor;
  absl::StatusOr<ExtractionResult> result = extractor.Extract(document);
  EXPECT_TRUE(result.ok()) << result.status();
  return BuildChange(*std::move(result), now);
}

TEST(ChangeBuilder, DocumentIdIsTheContentHashOfTheNormalizedText) {
  const v1::Document document = MakeDocument("Some article text.");
  const v1::Change change = Build(document);
  EXPECT_EQ(change.document().document_id(), ContentHash("Some article text."));
  EXPECT_EQ(change.document().document_id().size(), 32u);
  EXPECT_EQ(change.document().length(), 18);
  EXPECT_EQ(change.document().ingested_at_unix(), 1700000000);
  EXPECT_EQ(change.sequence(), 0u);
}

TEST(ChangeBuilder, StampsEveryEvidenceIncludingTroopFigures) {
  v1::Document document = MakeDocument("Text.");
  document.set_title("A title");
  document.set_published("2022-01-06");
  const v1::Change change = Build(document);
  const std::string& id = change.document().document_id();
  ASSERT_EQ(change.records_size(), 4);

  std::vector<v1::Evidence> evidence;
  for (const v1::Record& record : change.records()) {
    if (record.has_membership_event()) {
      for (const auto& e : record.membership_event().evidence()) evidence.push_back(e);
    } else if (record.has_intervention()) {
      for (const auto& e : record.intervention().evidence()) evidence.push_back(e);
      for (const auto& troops : record.intervention().troops()) evidence.push_back(troops.evidence());
    } else if (record.has_assistance_request()) {
      for (const auto& e : record.assistance_request().evidence()) evidence.push_back(e);
    }
  }
  ASSERT_EQ(evidence.size(), 5u);
  for (const v1::Evidence& e : evidence) {
    EXPECT_EQ(e.document_id(), id);
    EXPECT_EQ(e.document_title(), "A title");
    EXPECT_EQ(e.document_published().year(), 2022);
    EXPECT_EQ(e.document_published().month(), 1);
    EXPECT_EQ(e.document_published().day(), 6);
    EXPECT_FALSE(e.quote().empty());  // What the extractor set is kept.
  }
  EXPECT_EQ(change.document().published().year(), 2022);
}

TEST(ChangeBuilder, AssignsRecordIdsPerKindInOrderAndKeepsGivenOnes) {
  const v1::Change change = Build(MakeDocument("Text."));
  const std::string& id = change.document().document_id();
  ASSERT_EQ(change.records_size(), 4);
  EXPECT_EQ(change.records(0).membership_event().id(), id + "/m0");
  EXPECT_EQ(change.records(1).membership_event().id(), "given-id");
  EXPECT_EQ(change.records(2).intervention().id(), id + "/i0");
  EXPECT_EQ(change.records(3).assistance_request().id(), id + "/r0");
}

TEST(ChangeBuilder, TitleFallsBackToTheFirstNonEmptyLineTrimmed) {
  const v1::Change change = Build(MakeDocument("\n   \n  CSTO troops leave Kazakhstan  \nBody text."));
  EXPECT_EQ(change.document().title(), "CSTO troops leave Kazakhstan");
  EXPECT_EQ(change.records(0).membership_event().evidence(0).document_title(),
            "CSTO troops leave Kazakhstan");
}

TEST(ChangeBuilder, RequestTitleWinsOverTheFirstLine) {
  v1::Document document = MakeDocument("First line\nBody.");
  document.set_title("Given title");
  EXPECT_EQ(Build(document).document().title(), "Given title");
}

TEST(ChangeBuilder, FallbackTitleIsCutOnACharacterBoundary) {
  std::string line;
  while (line.size() < 2 * kMaxFallbackTitleBytes) line += "Ж";  // Two bytes each.
  line = "x" + line;  // Makes the cut fall inside a character.
  const std::string title = FallbackTitle(line);
  EXPECT_LE(title.size(), kMaxFallbackTitleBytes);
  EXPECT_GE(title.size(), kMaxFallbackTitleBytes - 1);
  EXPECT_EQ(title.size() % 2, 1u) << "an odd length means no character was split";
}

TEST(ChangeBuilder, FallbackTitleSkipsLinesOfOnlyWhiteSpace) {
  EXPECT_EQ(FallbackTitle("\xC2\xA0\r\n\tTitle\r\nBody"), "Title");
  EXPECT_EQ(FallbackTitle(" \n\t\n"), "");
}

TEST(ChangeBuilder, CountsRecordsOfEachKind) {
  const v1::Change change = Build(MakeDocument("Text."));
  const v1::RecordCounts counts = CountRecords(change.records());
  EXPECT_EQ(counts.membership_events(), 2);
  EXPECT_EQ(counts.interventions(), 1);
  EXPECT_EQ(counts.assistance_requests(), 1);
}

TEST(ChangeBuilder, DropsRecordsOfNoKind) {
  ExtractionResult result;
  result.normalized_text = "Text.";
  result.records.emplace_back();
  result.records.emplace_back().mutable_membership_event()->set_country("ARM");
  const v1::Change change = BuildChange(std::move(result), 0);
  ASSERT_EQ(change.records_size(), 1);
  EXPECT_EQ(change.records(0).membership_event().id(), change.document().document_id() + "/m0");
}

}  // namespace
}  // namespace alliance::ingest
