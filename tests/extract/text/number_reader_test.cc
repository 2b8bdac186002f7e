#include "ingest-service/extract/number_reader.h"

#include <string>

#include "gtest/gtest.h"
#include "ingest-service/extract/tokenizer.h"
#include "test_lexicon.h"

namespace alliance::ingest {
namespace {

struct Case {
  std::string text;  // the count is at the start
  int64_t value;
  bool approximate;
  int tokens;  // how many tokens it spans
};

TEST(NumberReader, ReadsCounts) {
  const Case cases[] = {
      {"2,500 CSTO troops", 2500, false, 1},
      {"3000 soldiers", 3000, false, 1},
      {"about 3,000 paratroopers", 3000, true, 2},
      {"over 2,000 troops", 2000, true, 2},
      {"more than 80 missiles", 80, true, 3},
      {"up to 1,000 troops", 1000, true, 3},
      {"dozens of its soldiers", 24, true, 1},
      {"hundreds of deaths", 200, true, 1},
      {"three thousand troops", 3000, false, 2},
      {"3 thousand troops", 3000, false, 2},
      {"2.5 million people", 2500000, false, 2},
      {"nine states", 9, false, 1},
      {"some 150 officers", 150, true, 2},
      // An approximate count of a scale composes, whatever the pair.
      {"tens of thousands of troops", 20000, true, 3},
      {"hundreds of thousands of people", 200000, true, 3},
      {"dozens of hundreds of rounds", 2400, true, 3},
      {"tens of soldiers", 20, true, 1},
  };
  for (const Case& c : cases) {
    const TokenizedText t = Tokenize(c.text);
    auto match = ReadNumber(t.tokens, 0, static_cast<int>(t.tokens.size()), testing::RepositoryLexicon());
    ASSERT_TRUE(match.has_value()) << c.text;
    EXPECT_EQ(match->value, c.value) << c.text;
    EXPECT_EQ(match->approximate, c.approximate) << c.text;
    EXPECT_EQ(match->end_token - match->first_token, c.tokens) << c.text;
  }
}

TEST(NumberReader, FindsNoCountInWords) {
  // A military unit ("a company of marines") is no head count: unit sizes differ by army.
  for (const std::string text : {"about the treaty", "more than ever", "troops", "a company said", "a company of marines"}) {
    const TokenizedText t = Tokenize(text);
    auto match = ReadNumber(t.tokens, 0, static_cast<int>(t.tokens.size()), testing::RepositoryLexicon());
    EXPECT_FALSE(match.has_value()) << text;
  }
}

TEST(NumberReader, StopsAtTheGivenEnd) {
  const TokenizedText t = Tokenize("3 thousand");
  auto match = ReadNumber(t.tokens, 0, 1, testing::RepositoryLexicon());
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->value, 3);
}

TEST(NumberReader, ParsesNumberTokens) {
  double v = 0;
  EXPECT_TRUE(ParseNumberToken("2,500", &v));
  EXPECT_DOUBLE_EQ(v, 2500);
  EXPECT_TRUE(ParseNumberToken("3.5", &v));
  EXPECT_DOUBLE_EQ(v, 3.5);
  EXPECT_FALSE(ParseNumberToken("102nd", &v));
  EXPECT_FALSE(ParseNumberToken("", &v));
}

}  // namespace
}  // namespace alliance::ingest
