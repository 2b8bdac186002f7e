// Small Unicode helpers shared by the text stages: decoding, character classes,
// lower-casing and the punctuation equivalences used at match time (’ is ',
// “ ” are ", and – — are -). All functions are pure and thread-safe.
#ifndef ALLIANCE_INGEST_EXTRACT_UNICODE_TEXT_H_
#define ALLIANCE_INGEST_EXTRACT_UNICODE_TEXT_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"

namespace alliance::ingest {

// The classes the tokenizer cares about.
enum class CharClass {
  kSpace,       // ASCII and Unicode spaces, including newlines and no-break spaces
  kLetter,      // letters and combining marks
  kDigit,       // decimal digits
  kApostrophe,  // ' ’ ‘ ʼ
  kHyphen,      // - ‐ ‑ ‒ – — ― −
  kOther,       // other punctuation and symbols
};

// Decodes the code point at `text[pos]` into `*cp` and returns its length in
// bytes (at least 1). Invalid bytes decode as U+FFFD of length 1. `cp` must not
// be null.
int DecodeUtf8(absl::string_view text, size_t pos, int32_t* cp);

// Appends the UTF-8 encoding of `cp` to `out` (not null).
void AppendUtf8(int32_t cp, std::string* out);

// Returns the class of `cp`.
CharClass ClassifyChar(int32_t cp);

// Returns true when `cp` is an upper-case or title-case letter.
bool IsUpperChar(int32_t cp);

// Returns true when `cp` is a lower-case letter.
bool IsLowerChar(int32_t cp);

// Returns `cp` with typographic quotes and dashes mapped to ASCII (’ → ',
// “ → ", — → -); other code points unchanged.
int32_t CanonicalPunctuation(int32_t cp);

// Appends `text` lower-cased (Unicode-aware) with CanonicalPunctuation applied
// to `out` (not null). ASCII takes a fast path.
void AppendCanonicalLower(absl::string_view text, std::string* out);

// Returns `text` lower-cased with CanonicalPunctuation applied.
std::string CanonicalLower(absl::string_view text);

}  // namespace alliance::ingest

#endif  // ALLIANCE_INGEST_EXTRACT_UNICODE_TEXT_H_
