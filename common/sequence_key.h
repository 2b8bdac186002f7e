// Order-preserving encoding of sequence numbers as RocksDB key suffixes.
#ifndef ALLIANCE_COMMON_SEQUENCE_KEY_H_
#define ALLIANCE_COMMON_SEQUENCE_KEY_H_

#include <cstdint>
#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace alliance {

// Returns `prefix` followed by `sequence` as 8 big-endian bytes, so that keys sort
// in sequence order.
std::string SequenceKey(absl::string_view prefix, uint64_t sequence);

// Returns the sequence of a key built by SequenceKey with `prefix`, or nullopt
// when `key` does not have that shape.
std::optional<uint64_t> ParseSequenceKey(absl::string_view key, absl::string_view prefix);

// Encodes `value` as 8 big-endian bytes.
std::string EncodeFixed64BigEndian(uint64_t value);

// Decodes 8 big-endian bytes; nullopt when `bytes` is not 8 bytes long.
std::optional<uint64_t> DecodeFixed64BigEndian(absl::string_view bytes);

}  // namespace alliance

#endif  // ALLIANCE_COMMON_SEQUENCE_KEY_H_
