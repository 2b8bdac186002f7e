// Splits normalized text into tokens with byte offsets.
//
// Words are runs of letters and digits; a hyphen or dash is a token of its own
// ("Russian-led" is "Russian" "-" "led"), and so is a possessive ending
// ("Russia’s" is "Russia" "’s"). Numbers keep inner separators ("2,500",
// "3.5"); runs of single letters with periods stay whole ("U.S.", "e.g.").
// Pure and thread-safe.
#ifndef ALLIANCE_INGEST_EXTRACT_TOKENIZER_H_
#define ALLIANCE_INGEST_EXTRACT_TOKENIZER_H_

#include <cstdint>
#include <vector>

#include "absl/strings/string_view.h"
#include "ingest-service/extract/annotated_document.h"

namespace alliance::ingest {

// The tokens of a text and the layout between them.
struct TokenizedText {
  std::vector<Token> tokens;
  // newlines_before[i]: how many line breaks separate token i from token i-1
  // (from the start of the text, for token 0), capped at 255.
  std::vector<uint8_t> newlines_before;
};

// Tokenizes `text`. Offsets are byte offsets into `text`.
TokenizedText Tokenize(absl::string_view text);

// Returns true when `token` is a digit-only number with optional inner ","
// or "." ("2,500"), i.e. Token::Shape::kNumber.
inline bool IsNumberToken(const Token& token) { return token.shape == Token::Shape::kNumber; }

// Returns the text of `token` within `text`.
inline absl::string_view TokenText(absl::string_view text, const Token& token) {
  return text.substr(static_cast<size_t>(token.begin), static_cast<size_t>(token.end - token.begin));
}

}  // namespace alliance::ingest

#endif  // ALLIANCE_INGEST_EXTRACT_TOKENIZER_H_
