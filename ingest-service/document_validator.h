// DocumentValidator: checks an incoming v1::Document before anything is extracted
// or stored, so that bad input is refused with a precise, field-naming error and
// never leaves a partial document behind.
//
// All functions are pure and thread-safe.
#ifndef ALLIANCE_INGEST_DOCUMENT_VALIDATOR_H_
#define ALLIANCE_INGEST_DOCUMENT_VALIDATOR_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "alliance/v1/ingest_service.pb.h"

namespace alliance::ingest {

// Size limits applied to a document. Plain value type; copy freely.
struct ValidationLimits {
  // Default maximum size of document.text: 4 MiB.
  static constexpr size_t kDefaultMaxTextBytes = size_t{4} << 20;
  // Default maximum size of each metadata field (title, source, url, author).
  static constexpr size_t kDefaultMaxFieldBytes = size_t{4} << 10;

  // Maximum size of document.text in bytes; larger texts get RESOURCE_EXHAUSTED.
  size_t max_text_bytes = kDefaultMaxTextBytes;
  // Maximum size in bytes of title, source, url and author; larger ones get
  // INVALID_ARGUMENT naming the field.
  size_t max_field_bytes = kDefaultMaxFieldBytes;
};

// Checks `document` against `limits`. Returns OK, or:
//  * INVALID_ARGUMENT "document.text: must not be empty" when the text is empty
//    or only white space (Unicode White_Space, zero-width space, BOM);
//  * RESOURCE_EXHAUSTED naming the size and the limit when the text is too long;
//  * INVALID_ARGUMENT naming the field and byte offset for invalid UTF-8, a NUL
//    byte or a C0 control character other than tab, line feed and carriage
//    return, in the text or in title/source/url/author;
//  * INVALID_ARGUMENT naming the field when title/source/url/author is too long;
//  * INVALID_ARGUMENT "document.published: ..." when `published` is set but is
//    not an ISO 8601 date "YYYY", "YYYY-MM" or "YYYY-MM-DD". The validator only
//    refuses such a date; the value is read by the extractor's metadata reader
//    (extract/metadata_reader.h), which every later stage takes it from.
absl::Status ValidateDocument(const v1::Document& document, const ValidationLimits& limits);

// Checks that `value` is well-formed UTF-8 (no overlong forms, surrogates or code
// points above U+10FFFF) without NUL bytes or C0 control characters other than
// tab, line feed and carriage return. Errors are INVALID_ARGUMENT naming `field`
// and the byte offset of the first offending byte.
absl::Status ValidateUtf8Text(absl::string_view value, absl::string_view field);

// Returns true when `value` (assumed valid UTF-8) has at least one character
// that is not white space.
bool HasVisibleCharacter(absl::string_view value);

}  // namespace alliance::ingest

#endif  // ALLIANCE_INGEST_DOCUMENT_VALIDATOR_H_
