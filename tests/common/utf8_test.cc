// The one UTF-8 decoder: well-formed sequences decode to their code points;
// overlong forms, surrogates, code points above U+10FFFF, stray continuation
// bytes and truncated sequences are ill-formed, found at the byte they start.
#include "common/utf8.h"

#include <string>

#include "gtest/gtest.h"

namespace alliance {
namespace {

TEST(Utf8, DecodesWellFormedSequences) {
  const std::string text = "a\xC3\xA9\xE2\x80\x94\xF0\x9F\x8C\x8D";  // a é — 🌍
  int32_t c = 0;
  EXPECT_EQ(DecodeUtf8At(text, 0, &c), 1u);
  EXPECT_EQ(c, 'a');
  EXPECT_EQ(DecodeUtf8At(text, 1, &c), 2u);
  EXPECT_EQ(c, 0xE9);
  EXPECT_EQ(DecodeUtf8At(text, 3, &c), 3u);
  EXPECT_EQ(c, 0x2014);
  EXPECT_EQ(DecodeUtf8At(text, 6, &c), 4u);
  EXPECT_EQ(c, 0x1F30D);
  EXPECT_EQ(FirstInvalidUtf8(text), -1);
  EXPECT_EQ(FirstInvalidUtf8(""), -1);
}

TEST(Utf8, FindsIllFormedSequencesAtTheirFirstByte) {
  EXPECT_EQ(FirstInvalidUtf8("ab\xC0\xAF"), 2);          // overlong "/"
  EXPECT_EQ(FirstInvalidUtf8("abc\xED\xA0\x80"), 3);     // a surrogate, U+D800
  EXPECT_EQ(FirstInvalidUtf8("\xF4\x90\x80\x80"), 0);    // above U+10FFFF
  EXPECT_EQ(FirstInvalidUtf8("a\x80"), 1);               // a stray continuation byte
  EXPECT_EQ(FirstInvalidUtf8("ab\xE2\x80"), 2);          // truncated
  int32_t c = 0;
  EXPECT_GE(DecodeUtf8At("\xFF" "a", 0, &c), 1u);
  EXPECT_EQ(c, -1);
}

}  // namespace
}  // namespace alliance
