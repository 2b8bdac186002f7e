// Opaque page tokens for the query service's List methods, and page sizes.
//
// A token records where a page walk stands: the sort key of the last item
// returned (see sort_keys.h; the next page starts after it, so a walk that
// spans changes to the data neither repeats nor skips an item that was there
// all along), the applied sequence the page was cut at, and a fingerprint of
// the request's filters, so a token is only accepted by the same query it came
// from. It is web-safe base64 of a small versioned binary struct with a
// checksum; garbled, truncated or edited tokens are refused. The checksum
// guards against accidents, not attackers: a forged token can at worst name
// another position in the same answer. All functions are pure and thread-safe.
#ifndef ALLIANCE_QUERY_PAGE_TOKEN_H_
#define ALLIANCE_QUERY_PAGE_TOKEN_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace alliance::query {

// Page size used when a request leaves page_size at 0.
inline constexpr int kDefaultPageSize = 100;
// Largest page size; larger requests are clamped to it.
inline constexpr int kMaxPageSize = 1000;

// Returns the page size to use for a request's `page_size`: 0 -> kDefaultPageSize,
// above kMaxPageSize -> kMaxPageSize. INVALID_ARGUMENT "page_size: ..." when negative.
absl::StatusOr<int> ResolvePageSize(int32_t page_size);

// Returns a fingerprint of `request` with its page_size and page_token fields
// cleared, and of `method`, so tokens of one query are refused by another.
uint64_t QueryFingerprint(absl::string_view method, const google::protobuf::Message& request);

// Where a page walk stands.
struct PagePosition {
  // The sort key of the last item already returned; empty: the first page.
  std::string after_key;
  // The store's applied sequence when that page was cut.
  uint64_t applied_sequence = 0;
};

// Returns the token for the page after `position` of the query with
// `query_fingerprint`.
std::string EncodePageToken(const PagePosition& position, uint64_t query_fingerprint);

// Returns the position a request's `token` names: the first page for an empty
// token. INVALID_ARGUMENT "page_token: ..." when the token is malformed or
// belongs to a query with another fingerprint.
absl::StatusOr<PagePosition> DecodePageToken(absl::string_view token, uint64_t query_fingerprint);

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_PAGE_TOKEN_H_
