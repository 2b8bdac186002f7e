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

TEST(PageToken, RoundTripsOffsetForTheSameQuery) {
  const uint64_t query = EventsQuery("UZB");
  for (uint64_t offset : {0ull, 1ull, 100ull, 123456789ull}) {
    absl::StatusOr<uint64_t> decoded = DecodePageToken(EncodePageToken(offset, query), query);
    ASSERT_TRUE(decoded.ok()) << decoded.status();
    EXPECT_EQ(*decoded, offset);
  }
}

TEST(PageToken, EmptyTokenMeansTheFirstPage) {
  absl::StatusOr<uint64_t> decoded = DecodePageToken("", EventsQuery("UZB"));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, 0u);
}

TEST(PageToken, TokenIsWebSafe) {
  const std::string token = EncodePageToken(~0ull, ~0ull);
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
  absl::StatusOr<uint64_t> decoded = DecodePageToken(EncodePageToken(100, EventsQuery("UZB")), EventsQuery("ARM"));
  EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(decoded.status().message().rfind("page_token: ", 0), 0u) << decoded.status();
}

TEST(PageToken, RejectsGarbledTokens) {
  const uint64_t query = EventsQuery("UZB");
  const std::string good = EncodePageToken(100, query);
  for (const std::string& bad : {std::string("not a token!"), std::string("AAAA"), good.substr(0, good.size() - 4),
                                 good + "AAAA", std::string("%%%")}) {
    absl::StatusOr<uint64_t> decoded = DecodePageToken(bad, query);
    EXPECT_EQ(decoded.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(decoded.status().message().rfind("page_token: ", 0), 0u) << decoded.status();
  }
}

TEST(PageToken, RejectsForgedOffset) {
  const uint64_t query = EventsQuery("UZB");
  std::string raw;
  ASSERT_TRUE(absl::WebSafeBase64Unescape(EncodePageToken(100, query), &raw));
  raw[8] ^= 0x01;  // change the offset without fixing the checksum
  absl::StatusOr<uint64_t> decoded = DecodePageToken(absl::WebSafeBase64Escape(raw), query);
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
