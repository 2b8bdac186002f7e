// StateDigest: a digest of a set of (key, value) entries that does not depend
// on their order and updates in constant time per entry, so that a store can
// keep it current as changes are applied instead of rehashing everything it
// holds whenever someone asks (GetStatus at 20,000 articles hashed every fact).
//
// The digest is the sum, in four 64-bit lanes modulo 2^64, of the SHA-256 of
// each entry (its key's length, key, value's length and value); the hex form is
// the SHA-256 of those lanes. Two sets are equal, bar an accident, exactly
// when their digests are. It detects divergence between replicas; it is not
// meant to resist someone crafting entries to collide.
//
// A value type: copyable; not thread-safe (its owner guards it).
#ifndef ALLIANCE_QUERY_STATE_DIGEST_H_
#define ALLIANCE_QUERY_STATE_DIGEST_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace alliance::query {

class StateDigest {
 public:
  // The digest of the empty set.
  StateDigest() = default;

  // Adds, or removes, one entry. Removing an entry that was never added leaves
  // a digest no set has; the caller removes only what it added.
  void Add(absl::string_view key, absl::string_view value);
  void Remove(absl::string_view key, absl::string_view value);

  // The 32 bytes to store it as, and back (nullopt for any other size).
  std::string Encode() const;
  static std::optional<StateDigest> Decode(absl::string_view bytes);

  // Lowercase hex, 64 characters.
  std::string Hex() const;

  bool operator==(const StateDigest& other) const { return lanes_ == other.lanes_; }
  bool operator!=(const StateDigest& other) const { return !(*this == other); }

 private:
  std::array<uint64_t, 4> lanes_{};
};

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_STATE_DIGEST_H_
