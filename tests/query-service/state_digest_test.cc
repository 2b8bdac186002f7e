#include "query-service/state_digest.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace alliance::query {
namespace {

using Entry = std::pair<std::string, std::string>;

StateDigest Of(const std::vector<Entry>& entries) {
  StateDigest digest;
  for (const auto& [key, value] : entries) digest.Add(key, value);
  return digest;
}

TEST(StateDigest, DoesNotDependOnOrder) {
  std::vector<Entry> entries = {{"fact/m/a", "1"}, {"fact/m/b", "2"}, {"fact/i/c", "3"}, {"fact/c/d", ""}};
  const StateDigest first = Of(entries);
  std::sort(entries.begin(), entries.end());
  do {
    ASSERT_EQ(Of(entries), first);
  } while (std::next_permutation(entries.begin(), entries.end()));
}

TEST(StateDigest, RemovingWhatWasAddedGivesTheDigestOfWhatRemains) {
  StateDigest digest = Of({{"a", "1"}, {"b", "2"}, {"c", "3"}});
  digest.Remove("b", "2");
  EXPECT_EQ(digest, Of({{"a", "1"}, {"c", "3"}}));
  digest.Remove("a", "1");
  digest.Remove("c", "3");
  EXPECT_EQ(digest, StateDigest());
  // An update is a removal and an addition.
  StateDigest updated = Of({{"a", "1"}});
  updated.Remove("a", "1");
  updated.Add("a", "9");
  EXPECT_EQ(updated, Of({{"a", "9"}}));
}

TEST(StateDigest, TellsSetsApart) {
  const std::vector<StateDigest> digests = {
      Of({}), Of({{"a", "1"}}), Of({{"a", "2"}}), Of({{"b", "1"}}), Of({{"a", "1"}, {"b", "1"}}),
      // Key and value boundaries count: "ab"+"c" is not "a"+"bc".
      Of({{"ab", "c"}}), Of({{"a", "bc"}}), Of({{"a", "1"}, {"a", "1"}})};
  for (size_t i = 0; i < digests.size(); ++i) {
    for (size_t j = i + 1; j < digests.size(); ++j) EXPECT_NE(digests[i], digests[j]) << i << " vs " << j;
  }
}

TEST(StateDigest, EncodesAndDecodes) {
  const StateDigest digest = Of({{"a", "1"}, {"b", "2"}});
  const std::string bytes = digest.Encode();
  ASSERT_EQ(bytes.size(), 32u);
  const std::optional<StateDigest> back = StateDigest::Decode(bytes);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(*back, digest);
  EXPECT_FALSE(StateDigest::Decode("short").has_value());
  EXPECT_EQ(digest.Hex().size(), 64u);
  EXPECT_NE(digest.Hex(), StateDigest().Hex());
}

}  // namespace
}  // namespace alliance::query
