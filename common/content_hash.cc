#include "common/content_hash.h"

#include <openssl/sha.h>

#include "absl/strings/escaping.h"

namespace alliance {
namespace {

std::string Sha256Bytes(absl::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof(digest));
}

}  // namespace

std::string ContentHash(absl::string_view normalized_text) {
  return absl::BytesToHexString(Sha256Bytes(normalized_text).substr(0, 16));
}

std::string Sha256Hex(absl::string_view data) { return absl::BytesToHexString(Sha256Bytes(data)); }

uint64_t Fingerprint64(absl::string_view text) {
  uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

}  // namespace alliance
