#include "query-service/state_digest.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/content_hash.h"
#include "common/sequence_key.h"

namespace alliance::query {
namespace {

// The SHA-256 of one entry as four 64-bit lanes.
std::array<uint64_t, 4> EntryLanes(absl::string_view key, absl::string_view value) {
  const std::string hex = Sha256Hex(absl::StrCat(EncodeFixed64BigEndian(key.size()), key,
                                                 EncodeFixed64BigEndian(value.size()), value));
  const std::string bytes = absl::HexStringToBytes(hex);
  std::array<uint64_t, 4> lanes{};
  for (size_t i = 0; i < 4; ++i) lanes[i] = *DecodeFixed64BigEndian(absl::string_view(bytes).substr(8 * i, 8));
  return lanes;
}

}  // namespace

void StateDigest::Add(absl::string_view key, absl::string_view value) {
  const std::array<uint64_t, 4> entry = EntryLanes(key, value);
  for (size_t i = 0; i < 4; ++i) lanes_[i] += entry[i];  // modulo 2^64
}

void StateDigest::Remove(absl::string_view key, absl::string_view value) {
  const std::array<uint64_t, 4> entry = EntryLanes(key, value);
  for (size_t i = 0; i < 4; ++i) lanes_[i] -= entry[i];
}

std::string StateDigest::Encode() const {
  std::string out;
  for (uint64_t lane : lanes_) absl::StrAppend(&out, EncodeFixed64BigEndian(lane));
  return out;
}

std::optional<StateDigest> StateDigest::Decode(absl::string_view bytes) {
  if (bytes.size() != 32) return std::nullopt;
  StateDigest digest;
  for (size_t i = 0; i < 4; ++i) digest.lanes_[i] = *DecodeFixed64BigEndian(bytes.substr(8 * i, 8));
  return digest;
}

std::string StateDigest::Hex() const { return Sha256Hex(Encode()); }

}  // namespace alliance::query
