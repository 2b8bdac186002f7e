#include "ingest-service/extract/text_normalizer.h"

#include <string>

#include "gtest/gtest.h"

namespace alliance::ingest {
namespace {

struct Case {
  std::string input;
  std::string expected;
};

TEST(TextNormalizer, NormalizesLineBreaksBomAndComposition) {
  const Case cases[] = {
      {"plain ASCII", "plain ASCII"},
      {"a\r\nb\rc\n", "a\nb\nc\n"},
      {"\xEF\xBB\xBFTitle", "Title"},
      // "e" + combining acute becomes "é" (NFC).
      {"Ante\xCC\x81", "Ant\xC3\xA9"},
      {"Ant\xC3\xB3nio", "Ant\xC3\xB3nio"},
      {"", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(NormalizeText(c.input), c.expected) << c.input;
}

TEST(TextNormalizer, KeepsTypographicQuotesDashesAndSpaces) {
  const std::string text = "Russia’s “allies” — and – others\xC2\xA0here";
  EXPECT_EQ(NormalizeText(text), text);
}

TEST(TextNormalizer, IsIdempotent) {
  const std::string once = NormalizeText("Ante\xCC\x81\r\nsecond line");
  EXPECT_EQ(NormalizeText(once), once);
}

}  // namespace
}  // namespace alliance::ingest
