// Reads counts from tokens: "2,500", "3000", "about 3,000", "more than 80",
// "up to 1,000", "dozens", "hundreds", "a company", "three thousand".
// Pure and thread-safe.
#ifndef ALLIANCE_INGEST_EXTRACT_NUMBER_READER_H_
#define ALLIANCE_INGEST_EXTRACT_NUMBER_READER_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/strings/string_view.h"
#include "ingest-service/extract/annotated_document.h"
#include "ingest-service/extract/lexicon.h"

namespace alliance::ingest {

// A count found in the text.
struct NumberMatch {
  int32_t first_token = 0;  // first token, including an approximator ("about")
  int32_t end_token = 0;    // one past the last token
  int64_t value = 0;
  bool approximate = false;  // "about", "over", "dozens", "a company"
};

// Returns the count that starts at token `i` of `tokens` and ends before
// `end`, or nullopt when none starts there.
std::optional<NumberMatch> ReadNumber(const std::vector<Token>& tokens, int i, int end,
                                      const Lexicon& lexicon);

// Parses a number token's text ("2,500" → 2500, "3.5" → 3.5). Returns false
// when `lower` is not a number token.
bool ParseNumberToken(absl::string_view lower, double* value);

}  // namespace alliance::ingest

#endif  // ALLIANCE_INGEST_EXTRACT_NUMBER_READER_H_
