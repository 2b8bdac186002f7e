#include "ingest-service/document_validator.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/partial_date.h"
#include "common/status_macros.h"

namespace alliance::ingest {
namespace {

// Decodes the UTF-8 sequence at the start of `text` following the well-formed
// byte sequences of Unicode (Table 3-7), which excludes overlong forms,
// surrogates and code points above U+10FFFF. Returns the sequence length and
// sets `*code_point`, or returns 0 when the bytes are not well-formed.
size_t DecodeUtf8(absl::string_view text, char32_t* code_point) {
  const auto byte = [&](size_t i) { return static_cast<uint8_t>(text[i]); };
  const auto continuation_in = [&](size_t i, uint8_t low, uint8_t high) {
    return i < text.size() && byte(i) >= low && byte(i) <= high;
  };
  const uint8_t lead = byte(0);
  if (lead < 0x80) {
    *code_point = lead;
    return 1;
  }
  if (lead >= 0xC2 && lead <= 0xDF) {
    if (!continuation_in(1, 0x80, 0xBF)) return 0;
    *code_point = (char32_t{lead} & 0x1F) << 6 | (byte(1) & 0x3F);
    return 2;
  }
  if (lead >= 0xE0 && lead <= 0xEF) {
    const uint8_t low = lead == 0xE0 ? 0xA0 : 0x80;
    const uint8_t high = lead == 0xED ? 0x9F : 0xBF;
    if (!continuation_in(1, low, high) || !continuation_in(2, 0x80, 0xBF)) return 0;
    *code_point = (char32_t{lead} & 0x0F) << 12 | (char32_t{byte(1)} & 0x3F) << 6 | (byte(2) & 0x3F);
    return 3;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    const uint8_t low = lead == 0xF0 ? 0x90 : 0x80;
    const uint8_t high = lead == 0xF4 ? 0x8F : 0xBF;
    if (!continuation_in(1, low, high) || !continuation_in(2, 0x80, 0xBF) ||
        !continuation_in(3, 0x80, 0xBF)) {
      return 0;
    }
    *code_point = (char32_t{lead} & 0x07) << 18 | (char32_t{byte(1)} & 0x3F) << 12 |
                  (char32_t{byte(2)} & 0x3F) << 6 | (byte(3) & 0x3F);
    return 4;
  }
  return 0;
}

// Unicode White_Space, plus the invisible zero-width space and byte order mark,
// which make a text no less blank.
bool IsBlank(char32_t c) {
  switch (c) {
    case 0x0009: case 0x000A: case 0x000B: case 0x000C: case 0x000D: case 0x0020:
    case 0x0085: case 0x00A0: case 0x1680: case 0x2028: case 0x2029: case 0x202F:
    case 0x205F: case 0x3000: case 0x200B: case 0xFEFF:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

absl::Status ValidateMetadataField(absl::string_view value, absl::string_view field,
                                   const ValidationLimits& limits) {
  if (value.size() > limits.max_field_bytes) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": ", value.size(),
                                                   " bytes exceeds the limit of ",
                                                   limits.max_field_bytes, " bytes"));
  }
  return ValidateUtf8Text(value, field);
}

}  // namespace

absl::Status ValidateUtf8Text(absl::string_view value, absl::string_view field) {
  size_t offset = 0;
  while (offset < value.size()) {
    char32_t c = 0;
    const size_t length = DecodeUtf8(value.substr(offset), &c);
    if (length == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": invalid UTF-8 at byte offset ", offset));
    }
    if (c == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ": NUL byte at byte offset ", offset));
    }
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      return absl::InvalidArgumentError(absl::StrFormat(
          "%s: control character U+%04X at byte offset %d (only tab, line feed and "
          "carriage return are allowed)",
          field, static_cast<uint32_t>(c), offset));
    }
    offset += length;
  }
  return absl::OkStatus();
}

bool HasVisibleCharacter(absl::string_view value) {
  size_t offset = 0;
  while (offset < value.size()) {
    char32_t c = 0;
    const size_t length = DecodeUtf8(value.substr(offset), &c);
    if (length == 0) return true;  // Not white space, whatever it is.
    if (!IsBlank(c)) return true;
    offset += length;
  }
  return false;
}

absl::Status ValidateDocument(const v1::Document& document, const ValidationLimits& limits) {
  const std::string& text = document.text();
  if (text.empty()) return absl::InvalidArgumentError("document.text: must not be empty");
  if (text.size() > limits.max_text_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat("document.text: ", text.size(),
                                                     " bytes exceeds the limit of ",
                                                     limits.max_text_bytes, " bytes"));
  }
  RETURN_IF_ERROR(ValidateUtf8Text(text, "document.text"));
  if (!HasVisibleCharacter(text)) {
    return absl::InvalidArgumentError("document.text: must not be empty (it is only white space)");
  }
  if (!document.published().empty()) {
    RETURN_IF_ERROR(ParseIsoDate(document.published(), "document.published").status());
  }
  RETURN_IF_ERROR(ValidateMetadataField(document.title(), "document.title", limits));
  RETURN_IF_ERROR(ValidateMetadataField(document.source(), "document.source", limits));
  RETURN_IF_ERROR(ValidateMetadataField(document.url(), "document.url", limits));
  RETURN_IF_ERROR(ValidateMetadataField(document.author(), "document.author", limits));
  return absl::OkStatus();
}

}  // namespace alliance::ingest
