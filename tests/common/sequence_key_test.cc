#include "common/sequence_key.h"

#include "gtest/gtest.h"

namespace alliance {
namespace {

TEST(SequenceKey, SortsInNumericOrder) {
  EXPECT_LT(SequenceKey("c/", 9), SequenceKey("c/", 10));
  EXPECT_LT(SequenceKey("c/", 255), SequenceKey("c/", 256));
  EXPECT_LT(SequenceKey("c/", 1), SequenceKey("c/", uint64_t{1} << 40));
}

TEST(SequenceKey, RoundTripsAndRejectsOtherShapes) {
  EXPECT_EQ(ParseSequenceKey(SequenceKey("c/", 123456789), "c/"), 123456789u);
  EXPECT_FALSE(ParseSequenceKey("d/12345678", "c/").has_value());
  EXPECT_FALSE(ParseSequenceKey("c/123", "c/").has_value());
}

}  // namespace
}  // namespace alliance
