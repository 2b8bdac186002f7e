#include "ingest-service/extract/unicode_text.h"

#include <utf8proc.h>

#include "common/utf8.h"

namespace alliance::ingest {

int DecodeUtf8(absl::string_view text, size_t pos, int32_t* cp) {
  const unsigned char c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  const size_t length = DecodeUtf8At(text, pos, cp);
  if (*cp < 0) {
    *cp = 0xFFFD;
    return 1;
  }
  return static_cast<int>(length);
}

void AppendUtf8(int32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
    return;
  }
  utf8proc_uint8_t buf[4];
  const utf8proc_ssize_t n = utf8proc_encode_char(cp, buf);
  out->append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

CharClass ClassifyChar(int32_t cp) {
  if (cp < 0x80) {
    if (cp == ' ' || (cp >= '\t' && cp <= '\r')) return CharClass::kSpace;
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return CharClass::kLetter;
    if (cp >= '0' && cp <= '9') return CharClass::kDigit;
    if (cp == '\'') return CharClass::kApostrophe;
    if (cp == '-') return CharClass::kHyphen;
    return CharClass::kOther;
  }
  switch (cp) {
    case 0x2019: case 0x2018: case 0x02BC:
      return CharClass::kApostrophe;
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
      return CharClass::kHyphen;
    case 0x200B: case 0xFEFF:
      return CharClass::kSpace;
    default:
      break;
  }
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
      return CharClass::kLetter;
    case UTF8PROC_CATEGORY_ND:
      return CharClass::kDigit;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
      return CharClass::kSpace;
    default:
      return CharClass::kOther;
  }
}

bool IsUpperChar(int32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  const utf8proc_category_t cat = utf8proc_category(cp);
  return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

bool IsLowerChar(int32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

int32_t CanonicalPunctuation(int32_t cp) {
  switch (cp) {
    case 0x2019: case 0x2018: case 0x02BC: case 0x201B:
      return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
      return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
      return '-';
    default:
      return cp;
  }
}

void AppendCanonicalLower(absl::string_view text, std::string* out) {
  // Copy, then lower ASCII in place; fall back at the first non-ASCII byte.
  const size_t start = out->size();
  out->append(text.data(), text.size());
  char* dst = out->data() + start;
  size_t i = 0;
  for (; i < text.size(); ++i) {
    const char c = dst[i];
    if (static_cast<unsigned char>(c) >= 0x80) break;
    if (c >= 'A' && c <= 'Z') dst[i] = static_cast<char>(c + ('a' - 'A'));
  }
  if (i == text.size()) return;
  out->resize(start + i);  // the rest goes code point by code point
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : static_cast<char>(c));
      ++i;
      continue;
    }
    int32_t cp = 0;
    i += static_cast<size_t>(DecodeUtf8(text, i, &cp));
    AppendUtf8(CanonicalPunctuation(utf8proc_tolower(cp)), out);
  }
}

std::string CanonicalLower(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  AppendCanonicalLower(text, &out);
  return out;
}

}  // namespace alliance::ingest
