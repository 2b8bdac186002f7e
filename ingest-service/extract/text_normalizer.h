// Normalizes article text so that offsets and hashes are stable: Unicode NFC,
// line breaks as LF, no byte-order mark.
//
// Typographic quotes, apostrophes, dashes and Unicode spaces are kept as they
// are, so evidence quotes stay verbatim substrings of the source; the tokenizer
// and matchers treat them as their ASCII equivalents instead.
#ifndef ALLIANCE_INGEST_EXTRACT_TEXT_NORMALIZER_H_
#define ALLIANCE_INGEST_EXTRACT_TEXT_NORMALIZER_H_

#include <string>

#include "absl/strings/string_view.h"

namespace alliance::ingest {

// Returns `text` (valid UTF-8) in NFC with CRLF and CR turned into LF and a
// leading byte-order mark removed. Pure and thread-safe.
std::string NormalizeText(absl::string_view text);

}  // namespace alliance::ingest

#endif  // ALLIANCE_INGEST_EXTRACT_TEXT_NORMALIZER_H_
