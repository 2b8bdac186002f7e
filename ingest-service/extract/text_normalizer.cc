#include "ingest-service/extract/text_normalizer.h"

#include <utf8proc.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "common/utf8.h"

namespace alliance::ingest {
namespace {

constexpr absl::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Copies `text` with CRLF and lone CR turned into LF.
std::string UnifyLineBreaks(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out.push_back('\n');
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

// True when every code point of `text` is unchanged by NFC in any context:
// below U+0300 (no combining marks) or general punctuation such as ’ “ ” — …
// (U+2002..U+206F; U+2000 and U+2001 decompose canonically). A base letter
// followed by a combining mark fails the test, since the mark is >= U+0300.
bool TriviallyNfc(absl::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    int32_t cp = 0;
    const size_t n = DecodeUtf8At(text, i, &cp);
    if (cp < 0) return false;
    if (cp >= 0x300 && !(cp >= 0x2002 && cp <= 0x206F)) return false;
    i += n;
  }
  return true;
}

}  // namespace

std::string NormalizeText(absl::string_view text) {
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) text.remove_prefix(kByteOrderMark.size());
  const bool has_cr = std::memchr(text.data(), '\r', text.size()) != nullptr;
  bool ascii = true;
  size_t i = 0;
  for (; i + 8 <= text.size() && ascii; i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    ascii = (word & 0x8080808080808080ull) == 0;
  }
  for (; i < text.size() && ascii; ++i) ascii = static_cast<unsigned char>(text[i]) < 0x80;
  std::string unified = has_cr ? UnifyLineBreaks(text) : std::string(text);
  if (ascii || unified.empty() || TriviallyNfc(unified)) return unified;
  utf8proc_uint8_t* composed = nullptr;
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(unified.data()),
                   static_cast<utf8proc_ssize_t>(unified.size()), &composed,
                   static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0) return unified;  // the caller validated UTF-8; keep the text as is
  std::string out(reinterpret_cast<const char*>(composed), static_cast<size_t>(n));
  std::free(composed);
  return out;
}

}  // namespace alliance::ingest
