#include "common/sequence_key.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace alliance {

std::string EncodeFixed64BigEndian(uint64_t value) {
  std::string out(8, '\0');
  for (int i = 7; i >= 0; --i) {
    out[i] = static_cast<char>(value & 0xff);
    value >>= 8;
  }
  return out;
}

std::optional<uint64_t> DecodeFixed64BigEndian(absl::string_view bytes) {
  if (bytes.size() != 8) return std::nullopt;
  uint64_t value = 0;
  for (unsigned char c : bytes) value = (value << 8) | c;
  return value;
}

std::string SequenceKey(absl::string_view prefix, uint64_t sequence) {
  return absl::StrCat(prefix, EncodeFixed64BigEndian(sequence));
}

std::optional<uint64_t> ParseSequenceKey(absl::string_view key, absl::string_view prefix) {
  if (!absl::StartsWith(key, prefix)) return std::nullopt;
  return DecodeFixed64BigEndian(key.substr(prefix.size()));
}

}  // namespace alliance
