// The project's one UTF-8 decoder, on ICU's U8_NEXT: the well-formed byte
// sequences of Unicode (Table 3-7), so overlong forms, surrogates and code
// points above U+10FFFF are ill-formed. Request validation, request parsing
// and text analysis all decode through it.
//
// Pure functions; thread-safe.
#ifndef ALLIANCE_COMMON_UTF8_H_
#define ALLIANCE_COMMON_UTF8_H_

#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"

namespace alliance {

// Decodes the sequence starting at `text[pos]` (pos < text.size()): sets
// `*code_point` and returns the sequence's length; for an ill-formed sequence
// sets `*code_point` to -1 and returns the length of its maximal ill-formed
// part (at least 1). `code_point` must not be null.
size_t DecodeUtf8At(absl::string_view text, size_t pos, int32_t* code_point);

// Returns the offset of the first byte of `text` that starts an ill-formed
// sequence, or -1 when `text` is all well-formed UTF-8.
int64_t FirstInvalidUtf8(absl::string_view text);

}  // namespace alliance

#endif  // ALLIANCE_COMMON_UTF8_H_
