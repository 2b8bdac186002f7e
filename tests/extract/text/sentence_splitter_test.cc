#include "ingest-service/extract/sentence_splitter.h"

#include <ostream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "test_lexicon.h"

namespace alliance::ingest {
namespace {

std::vector<std::string> Split(const std::string& text) {
  const TokenizedText tokenized = Tokenize(text);
  std::vector<std::string> out;
  for (const Sentence& s : SplitSentences(text, tokenized, testing::RepositoryLexicon())) {
    out.push_back(text.substr(static_cast<size_t>(s.begin), static_cast<size_t>(s.end - s.begin)));
  }
  return out;
}

using V = std::vector<std::string>;

struct Case {
  std::string name;
  std::string text;
  V sentences;
};

// Names the case in failure messages (gtest would print raw bytes).
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class SentenceSplitterCases : public ::testing::TestWithParam<Case> {};

TEST_P(SentenceSplitterCases, Splits) { EXPECT_EQ(Split(GetParam().text), GetParam().sentences); }

INSTANTIATE_TEST_SUITE_P(
    SentenceSplitter, SentenceSplitterCases,
    ::testing::Values(
        Case{"AtTerminalPunctuation", "The bloc met. Was it useful? Yes! It was.",
             {"The bloc met.", "Was it useful?", "Yes!", "It was."}},
        Case{"KeepsClosingQuotesWithTheSentence", "He said “no.” Then he left.",
             {"He said “no.”", "Then he left."}},
        Case{"NotAfterUsAbbreviation", "U.S. troops left. Then Russia came.",
             {"U.S. troops left.", "Then Russia came."}},
        Case{"NotAfterSeptAbbreviation", "It began in Sept. 2010 in the south.", {"It began in Sept. 2010 in the south."}},
        Case{"NotAfterTitle", "Mr. Zas and Dr. Roe met.", {"Mr. Zas and Dr. Roe met."}},
        Case{"NotInsideInitials", "John P. Ruehl is a journalist.", {"John P. Ruehl is a journalist."}},
        Case{"NotInsideDecimals", "Growth was 3.5 percent. It fell.", {"Growth was 3.5 percent.", "It fell."}},
        Case{"AfterDcBeforePronoun", "He lives in Washington, D.C. He writes.", {"He lives in Washington, D.C.", "He writes."}},
        Case{"NotAfterDcBeforeParenthesis", "WASHINGTON, D.C. (IDN) — Russia acted.",
             {"WASHINGTON, D.C. (IDN) — Russia acted."}},
        Case{"MissingSpaceAfterYear", "It collapsed in 1991.This led to a treaty.",
             {"It collapsed in 1991.", "This led to a treaty."}},
        Case{"NotInsideDomain", "Photo by Kremlin.ru shared here.", {"Photo by Kremlin.ru shared here."}},
        Case{"AtLineBreaksOfHeaders", "A Headline\n25 March 2022 | Jane Roe\n\nBody text here.",
             {"A Headline", "25 March 2022 | Jane Roe", "Body text here."}},
        Case{"NotAtLineBreakBeforeLowerCase", "The treaty was signed by\nsix states.",
             {"The treaty was signed by\nsix states."}},
        Case{"NotBeforeLowerCase", "It was e.g. useful. And so on.", {"It was e.g. useful.", "And so on."}}),
    [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(SentenceSplitter, CutsVeryLongRunsAtBoundedLength) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "word ";
  const TokenizedText tokenized = Tokenize(text);
  const std::vector<Sentence> sentences = SplitSentences(text, tokenized, testing::RepositoryLexicon());
  ASSERT_GT(sentences.size(), 1u);
  int32_t covered = 0;
  for (const Sentence& s : sentences) {
    EXPECT_LE(s.end - s.begin, kMaxSentenceBytes);
    covered += s.end_token - s.first_token;
  }
  EXPECT_EQ(covered, static_cast<int32_t>(tokenized.tokens.size()));
}

TEST(SentenceSplitter, IndexesAndTokenRangesAreContiguous) {
  const std::string text = "One here. Two there.\nThree.";
  const TokenizedText tokenized = Tokenize(text);
  const std::vector<Sentence> sentences = SplitSentences(text, tokenized, testing::RepositoryLexicon());
  ASSERT_EQ(sentences.size(), 3u);
  for (size_t i = 0; i < sentences.size(); ++i) {
    EXPECT_EQ(sentences[i].index, static_cast<int32_t>(i));
    if (i > 0) {
      EXPECT_EQ(sentences[i].first_token, sentences[i - 1].end_token);
    }
  }
  EXPECT_EQ(sentences.back().end_token, static_cast<int32_t>(tokenized.tokens.size()));
}

}  // namespace
}  // namespace alliance::ingest
