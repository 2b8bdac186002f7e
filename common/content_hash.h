// Stable hashes of text: document ids and sentence fingerprints. Pure, thread-safe.
#ifndef ALLIANCE_COMMON_CONTENT_HASH_H_
#define ALLIANCE_COMMON_CONTENT_HASH_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace alliance {

// Returns the document id of `normalized_text`: the first 16 bytes of its SHA-256
// as 32 lowercase hex digits. Identical text always has the same id.
std::string ContentHash(absl::string_view normalized_text);

// Returns a 64-bit fingerprint of `text` (FNV-1a), stable across runs, builds and
// machines, for comparing sentences between documents.
uint64_t Fingerprint64(absl::string_view text);

// Returns the lowercase hex SHA-256 of `data` (64 digits), for state digests.
std::string Sha256Hex(absl::string_view data);

}  // namespace alliance

#endif  // ALLIANCE_COMMON_CONTENT_HASH_H_
