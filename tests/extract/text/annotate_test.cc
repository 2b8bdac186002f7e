#include "ingest-service/extract/annotate.h"

#include <algorithm>
#include <memory>
#include <string>

#include "common/partial_date.h"
#include "gtest/gtest.h"
#include "ingest-service/extract/lexicon.h"

namespace alliance::ingest {
namespace {

const Lexicon& TestLexicon() {
  static const Lexicon* lexicon = [] {
    auto loaded = Lexicon::Load(std::string(ALLIANCE_SOURCE_DIR) + "/data/lexicon");
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    return loaded.ok() ? loaded->release() : nullptr;
  }();
  return *lexicon;
}

AnnotatedDocument AnnotateText(const std::string& text, const std::string& published = "") {
  v1::Document document;
  document.set_text(text);
  document.set_published(published);
  auto doc = Annotate(document, TestLexicon());
  EXPECT_TRUE(doc.ok()) << doc.status();
  return doc.ok() ? *std::move(doc) : AnnotatedDocument();
}

const Mention* FindMention(const AnnotatedDocument& doc, MentionKind kind, const std::string& text) {
  for (const Mention& m : doc.mentions) {
    if (m.kind == kind && doc.text.substr(m.begin, m.end - m.begin) == text) return &m;
  }
  return nullptr;
}

TEST(Annotate, ResolvesRelativeDatesAgainstPublishedFromRequest) {
  const AnnotatedDocument doc =
      AnnotateText("The war last fall between Armenia and Azerbaijan was ignored by the bloc.", "2021-07-09");
  EXPECT_EQ(FormatDate(doc.info.published()), "2021-07-09");
  const Mention* date = FindMention(doc, MentionKind::kDate, "last fall");
  ASSERT_NE(date, nullptr);
  EXPECT_EQ(date->date.year(), 2020);
  EXPECT_TRUE(date->relative);
  EXPECT_TRUE(date->date.approximate());
}

TEST(Annotate, ReadsPublicationDateFromHeaderLine) {
  const AnnotatedDocument doc = AnnotateText(
      "Some Headline About The Alliance\n25 March 2022 | Jane Roe | Example News\n\n"
      "The bloc met on March 3 in Moscow.");
  EXPECT_EQ(FormatDate(doc.info.published()), "2022-03-25");
  EXPECT_EQ(doc.info.author(), "Jane Roe");
  EXPECT_EQ(doc.info.source(), "Example News");
  const Mention* date = FindMention(doc, MentionKind::kDate, "March 3");
  ASSERT_NE(date, nullptr);
  EXPECT_EQ(FormatDate(date->date), "2022-03-03");
}

TEST(Annotate, RejectsMalformedPublishedNamingTheField) {
  v1::Document document;
  document.set_text("Text.");
  document.set_published("March 2022");
  auto doc = Annotate(document, TestLexicon());
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(doc.status().message().find("document.published"), std::string::npos);
}

TEST(Annotate, MentionsAreSortedAndInsideTheirSentences) {
  const AnnotatedDocument doc = AnnotateText(
      "In 1993, Azerbaijan, Belarus and Georgia joined the Collective Security Treaty (CST). "
      "Uzbekistan left the CSTO in 2012.\nAbout 3,000 Russian paratroopers were sent a week later.");
  ASSERT_FALSE(doc.mentions.empty());
  for (size_t i = 0; i < doc.mentions.size(); ++i) {
    const Mention& m = doc.mentions[i];
    const Sentence& s = doc.sentences[static_cast<size_t>(m.sentence)];
    EXPECT_GE(m.begin, s.begin);
    EXPECT_LE(m.end, s.end);
    EXPECT_GE(m.first_token, s.first_token);
    EXPECT_LE(m.end_token, s.end_token);
    if (i > 0) {
      EXPECT_LE(doc.mentions[i - 1].begin, m.begin);
    }
  }
}

TEST(Annotate, FingerprintsIgnoreQuoteStylesAndSpacing) {
  const AnnotatedDocument curly = AnnotateText(
      "The CSTO’s “peacekeeping” forces were sent to Kazakhstan in January 2022 — quickly.");
  const AnnotatedDocument straight = AnnotateText(
      "The CSTO's \"peacekeeping\"   forces were sent to Kazakhstan in January 2022 - quickly.");
  ASSERT_EQ(curly.info.sentence_fingerprints_size(), 1);
  EXPECT_EQ(curly.info.sentence_fingerprints(0), straight.info.sentence_fingerprints(0));
  EXPECT_EQ(curly.info.length(), static_cast<int64_t>(curly.text.size()));
}

TEST(Annotate, ShortSentencesGetNoFingerprint) {
  const AnnotatedDocument doc = AnnotateText("Too short to tell.");
  EXPECT_EQ(doc.info.sentence_fingerprints_size(), 0);
}

TEST(Annotate, KeepsTypographicPunctuationVerbatim) {
  const std::string text = "Russia’s “allies” — Armenia and Belarus — agreed.";
  const AnnotatedDocument doc = AnnotateText(text);
  EXPECT_EQ(doc.text, text);
}

TEST(Annotate, HandlesEmptyAndBlankText) {
  for (const std::string text : {"", " ", "\n\n\t", "\xEF\xBB\xBF"}) {
    const AnnotatedDocument doc = AnnotateText(text);
    EXPECT_TRUE(doc.sentences.empty());
    EXPECT_TRUE(doc.mentions.empty());
  }
}

// Random valid UTF-8 made of words, digits, punctuation and odd code points:
// Annotate must keep its invariants on any of it.
TEST(Annotate, KeepsInvariantsOnRandomText) {
  const char* pieces[] = {"Russia", "’s", " ", "\n", ".", "U.S.", "2,500", "1999", "May", "15", ",", "—", "“",
                          "”", "(", ")", "CSTO", "President", "Tokayev", "last", "fall", "a", "week", "later",
                          "e\xCC\x81", "\xC2\xA0", "\xF0\x9F\x98\x80", "|", "No Date", "?", "-", "mid", "the"};
  uint32_t state = 12345;
  for (int round = 0; round < 200; ++round) {
    std::string text;
    for (int i = 0; i < 60; ++i) {
      state = state * 1664525u + 1013904223u;
      text += pieces[(state >> 8) % (sizeof(pieces) / sizeof(pieces[0]))];
      if ((state >> 20) % 3 == 0) text += " ";
    }
    const AnnotatedDocument doc = AnnotateText(text, "2022-03-25");
    // Every token is in one sentence or one line of page furniture.
    int32_t next_token = 0;
    size_t furniture = 0;
    auto skip_furniture = [&] {
      while (furniture < doc.furniture.size() && doc.furniture[furniture].first_token == next_token) {
        ASSERT_LT(doc.furniture[furniture].first_token, doc.furniture[furniture].end_token) << text;
        next_token = doc.furniture[furniture++].end_token;
      }
    };
    for (const Sentence& s : doc.sentences) {
      skip_furniture();
      ASSERT_EQ(s.first_token, next_token) << text;
      ASSERT_LT(s.first_token, s.end_token) << text;
      next_token = s.end_token;
      ASSERT_LE(s.end, static_cast<int32_t>(doc.text.size()));
    }
    skip_furniture();
    ASSERT_EQ(furniture, doc.furniture.size()) << text;
    ASSERT_EQ(next_token, static_cast<int32_t>(doc.tokens.size())) << text;
    for (const Mention& m : doc.mentions) {
      const Sentence& s = doc.sentences[static_cast<size_t>(m.sentence)];
      ASSERT_GE(m.first_token, s.first_token) << text;
      ASSERT_LE(m.end_token, s.end_token) << text;
      ASSERT_LT(m.begin, m.end) << text;
    }
  }
}

}  // namespace
}  // namespace alliance::ingest
