#include "ingest-service/extract/tokenizer.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace alliance::ingest {
namespace {

std::vector<std::string> Texts(absl::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text).tokens) out.emplace_back(TokenText(text, t));
  return out;
}

std::vector<std::string> Lowers(absl::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text).tokens) out.push_back(t.lower);
  return out;
}

using V = std::vector<std::string>;

TEST(Tokenizer, SplitsHyphensAndPossessives) {
  EXPECT_EQ(Texts("Russian-led CSTO"), (V{"Russian", "-", "led", "CSTO"}));
  EXPECT_EQ(Texts("Russia’s army"), (V{"Russia", "’s", "army"}));
  EXPECT_EQ(Texts("Belarus’ exports"), (V{"Belarus", "’", "exports"}));
  EXPECT_EQ(Texts("don’t O’Brien"), (V{"don’t", "O’Brien"}));
  EXPECT_EQ(Texts("Force—“designed"), (V{"Force", "—", "“", "designed"}));
}

TEST(Tokenizer, KeepsNumbersAndDottedAbbreviationsWhole) {
  EXPECT_EQ(Texts("2,500 troops and 3.5 million"), (V{"2,500", "troops", "and", "3.5", "million"}));
  EXPECT_EQ(Texts("U.S. troops, e.g. these"), (V{"U.S.", "troops", ",", "e.g.", "these"}));
  EXPECT_EQ(Texts("in 1991.This"), (V{"in", "1991", ".", "This"}));
  EXPECT_EQ(Texts("the 102nd base in the 1990s"), (V{"the", "102nd", "base", "in", "the", "1990s"}));
  EXPECT_EQ(Texts("Kremlin.ru"), (V{"Kremlin", ".", "ru"}));
  EXPECT_EQ(Texts("wait..."), (V{"wait", "..."}));
}

TEST(Tokenizer, LowersUnicodeAndMapsTypographicPunctuation) {
  EXPECT_EQ(Lowers("ÉTAT Russia’s – “x”"), (V{"état", "russia", "'s", "-", "\"", "x", "\""}));
}

TEST(Tokenizer, RecordsOffsetsShapesAndLineBreaks) {
  const std::string text = "Tokayev said\n\n2,500 ‘troops’.";
  const TokenizedText t = Tokenize(text);
  ASSERT_EQ(t.tokens.size(), 7u);
  EXPECT_EQ(t.tokens[0].begin, 0);
  EXPECT_EQ(t.tokens[0].end, 7);
  EXPECT_TRUE(t.tokens[0].capitalized);
  EXPECT_EQ(t.tokens[0].shape, Token::Shape::kWord);
  EXPECT_EQ(t.tokens[2].shape, Token::Shape::kNumber);
  EXPECT_EQ(t.newlines_before[2], 2);
  EXPECT_EQ(t.newlines_before[1], 0);
  EXPECT_EQ(t.tokens[3].shape, Token::Shape::kPunctuation);
  for (const Token& token : t.tokens) {
    EXPECT_LT(token.begin, token.end);
    EXPECT_LE(token.end, static_cast<int32_t>(text.size()));
  }
}

TEST(Tokenizer, TreatsUnicodeSpacesAsSpaces) {
  EXPECT_EQ(Texts("a\xC2\xA0" "b\xE2\x80\x89" "c"), (V{"a", "b", "c"}));
}

}  // namespace
}  // namespace alliance::ingest
