#include "ingest-service/extract/text_normalizer.h"

#include <utf8proc.h>

#include <cstdlib>

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

}  // namespace

std::string NormalizeText(absl::string_view text) {
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) text.remove_prefix(kByteOrderMark.size());
  bool ascii = true;
  bool has_cr = false;
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
    if (c == '\r') has_cr = true;
  }
  std::string unified = has_cr ? UnifyLineBreaks(text) : std::string(text);
  if (ascii || unified.empty()) return unified;  // ASCII is already NFC
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
