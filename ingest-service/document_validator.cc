#include "ingest-service/document_validator.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/partial_date.h"
#include "common/status_macros.h"
#include "common/utf8.h"

namespace alliance::ingest {
namespace {

// Unicode White_Space, plus the invisible zero-width space and byte order mark,
// which make a text no less blank.
bool IsBlank(int32_t c) {
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
    int32_t c = 0;
    const size_t length = DecodeUtf8At(value, offset, &c);
    if (c < 0) {
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
    int32_t c = 0;
    const size_t length = DecodeUtf8At(value, offset, &c);
    if (c < 0) return true;  // Not white space, whatever it is.
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
