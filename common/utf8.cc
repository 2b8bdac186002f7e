#include "common/utf8.h"

#include "unicode/utf8.h"

namespace alliance {

size_t DecodeUtf8At(absl::string_view text, size_t pos, int32_t* code_point) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  int32_t offset = static_cast<int32_t>(pos);
  UChar32 c;
  U8_NEXT(bytes, offset, length, c);
  *code_point = c < 0 ? -1 : c;
  return static_cast<size_t>(offset) - pos;
}

int64_t FirstInvalidUtf8(absl::string_view text) {
  size_t offset = 0;
  while (offset < text.size()) {
    int32_t c = 0;
    const size_t length = DecodeUtf8At(text, offset, &c);
    if (c < 0) return static_cast<int64_t>(offset);
    offset += length;
  }
  return -1;
}

}  // namespace alliance
