// Page tokens: round trip, refusal of forged, garbled and foreign tokens, page sizes.
#include "query-service/page_token.h"

#include <string>

#include "absl/strings/escaping.h"
#include "alliance/v1/query_service.pb.h"
#include "gtest/gtest.h"

namespace alliance::query {
namespace {

uint64_t EventsQuery(const std::string& country) {
  v1::ListMembershipEventsRequest request;
  request.set_country(country);
  return QueryFingerprint("ListMembershipEvents", request);
}

PagePosition At(const std::string& key, uint64_t applied) {
  PagePosition position;
  position.after_key = key;
  position.applied_sequence = applied;
  return position;
}

TEST(PageToken, RoundTripsThePositionForTheSameQuery) {
  const uint64_t query = EventsQuery("UZB");
  for (const PagePosition& position : {At("k", 0), At(std::string("\0\x01" "binary" "\xff", 9), 7), At("membership/x", ~0ull)}) {
    absl::StatusOr<PagePosition> decoded = DecodePageToken(EncodePageToken(position, query), query);
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    EXPECT_EQ(decoded->after_key, position.after_key);
    EXPECT_EQ(decoded->applied_sequence, position.applied_sequence);
  }
}

TEST(PageToken, EmptyTokenMeansTheFirstPage) {
  absl::StatusOr<PagePosition> decoded = DecodePageToken("", EventsQuery("UZB"));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->after_key, "");
}

TEST(PageToken, TokenIsWebSafe) {
  const std::string token = EncodePageToken(At(std::string(40, '\xff'), ~0ull), ~0ull);
  EXPECT_EQ(token.find_first_of("+/="), std::string::npos) << token;
}

TEST(PageToken, PagingFieldsDoNotChangeTheQueryFingerprint) {
  v1::ListMembershipEventsRequest first, next;
  first.set_country("UZB");
  next.set_country("UZB");
  next.set_page_size(7);
  next.set_page_token("something");
  EXPECT_EQ(QueryFingerprint("m", first), QueryFingerprint("m", next));
  EXPECT_NE(QueryFingerprint("m", first), QueryFingerprint("other", first));
}

TEST(PageToken, RejectsTokenOfAnotherQuery) {
  absl::StatusOr<PagePosition> decoded =
      DecodePageToken(EncodePageToken(At("k", 1), EventsQuery("UZB")), EventsQuery("ARM"));
  EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(decoded.status().message().rfind("page_token: ", 0), 0u) << decoded.status();
}

TEST(PageToken, RejectsGarbledTokens) {
  const uint64_t query = EventsQuery("UZB");
  const std::string good = EncodePageToken(At("membership/CSTO/UZB", 12), query);
  std::string old_offset_token;  // a version-1 token (an offset) from before keys
  {
    std::string raw(25, '\0');
    raw[0] = 1;
    old_offset_token = absl::WebSafeBase64Escape(raw);
  }
  for (const std::string& bad : {std::string("not a token!"), std::string("AAAA"), good.substr(0, good.size() - 4),
                                 good + "AAAA", std::string("%%%"), old_offset_token,
                                 EncodePageToken(At("", 3), query)}) {
    absl::StatusOr<PagePosition> decoded = DecodePageToken(bad, query);
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(decoded.status().message().rfind("page_token: ", 0), 0u) << decoded.status();
  }
}

TEST(PageToken, RejectsAForgedPosition) {
  const uint64_t query = EventsQuery("UZB");
  std::string raw;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(EncodePageToken(At("membership/CSTO/UZB", 100), query), &raw));
  raw[17] ^= 0x01;  // change the key without fixing the checksum
  absl::StatusOr<PagePosition> decoded = DecodePageToken(absl::WebSafeBase64Escape(raw), query);
  EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(PageSize, DefaultsClampsAndRejectsNegative) {
  EXPECT_EQ(*ResolvePageSize(0), kDefaultPageSize);
  EXPECT_EQ(*ResolvePageSize(7), 7);
  EXPECT_EQ(*ResolvePageSize(1000), 1000);
  EXPECT_EQ(*ResolvePageSize(5000), kMaxPageSize);
  absl::StatusOr<int> negative = ResolvePageSize(-1);
  EXPECT_EQ(negative.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(negative.status().message(), "page_size: must not be negative");
}

}  // namespace
}  // namespace alliance::query
