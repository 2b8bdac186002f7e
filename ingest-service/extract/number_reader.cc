#include "ingest-service/extract/number_reader.h"

#include <cmath>
#include <string>

namespace alliance::ingest {
namespace {

// Returns the number of tokens of the longest phrase at `i` whose key satisfies
// `accept`, up to `max_tokens`; 0 when none.
template <typename Accept>
int LongestPhrase(const std::vector<Token>& tokens, int i, int end, int max_tokens, Accept accept) {
  std::string key;
  int best = 0;
  for (int k = i; k < end && k - i < max_tokens; ++k) {
    if (k > i) key.push_back(' ');
    key += tokens[static_cast<size_t>(k)].lower;
    if (accept(key)) best = k - i + 1;
  }
  return best;
}

const lexicon::NumberWord* NumberWordAt(const std::vector<Token>& tokens, int i, int end,
                                        const Lexicon& lexicon, int* length) {
  const lexicon::NumberWord* found = nullptr;
  std::string key;
  *length = 0;
  for (int k = i; k < end && k - i < lexicon.max_phrase_tokens(); ++k) {
    if (k > i) key.push_back(' ');
    key += tokens[static_cast<size_t>(k)].lower;
    if (!lexicon.IsPhrasePrefix(key)) break;
    const LexiconEntry* entry = lexicon.FindPhrase(key);
    if (entry != nullptr && entry->kind == LexiconEntry::Kind::kNumberWord) {
      found = &lexicon.number_word(entry->index);
      *length = k - i + 1;
    }
  }
  return found;
}

}  // namespace

bool ParseNumberToken(absl::string_view lower, double* value) {
  if (lower.empty() || lower[0] < '0' || lower[0] > '9') return false;
  double integer = 0;
  double fraction = 0;
  double scale = 0;
  for (char c : lower) {
    if (c >= '0' && c <= '9') {
      if (scale > 0) {
        fraction += (c - '0') * scale;
        scale /= 10;
      } else {
        integer = integer * 10 + (c - '0');
      }
    } else if (c == ',') {
      continue;
    } else if (c == '.') {
      if (scale > 0) return false;
      scale = 0.1;
    } else {
      return false;
    }
  }
  *value = integer + fraction;
  return true;
}

std::optional<NumberMatch> ReadNumber(const std::vector<Token>& tokens, int i, int end,
                                      const Lexicon& lexicon) {
  NumberMatch match;
  match.first_token = i;
  int j = i + LongestPhrase(tokens, i, end, lexicon.max_flagged_tokens(), [&](const std::string& key) {
            return lexicon.HasFlag(key, kApproximator);
          });
  match.approximate = j > i;
  if (j >= end) return std::nullopt;
  double value = 0;
  int length = 0;
  if (tokens[static_cast<size_t>(j)].shape == Token::Shape::kNumber &&
      ParseNumberToken(tokens[static_cast<size_t>(j)].lower, &value)) {
    ++j;
  } else if (const lexicon::NumberWord* word = NumberWordAt(tokens, j, end, lexicon, &length);
             word != nullptr && !word->multiplier()) {
    value = static_cast<double>(word->value());
    match.approximate = match.approximate || word->approximate();
    j += length;
    // An approximate count of a scale: "tens of thousands", "hundreds of thousands".
    int scale_length = 0;
    if (word->approximate() && j + 1 < end && tokens[static_cast<size_t>(j)].lower == "of") {
      const lexicon::NumberWord* scale = NumberWordAt(tokens, j + 1, end, lexicon, &scale_length);
      if (scale != nullptr && scale->scale() > 0) {
        value *= static_cast<double>(scale->scale());
        j += 1 + scale_length;
      }
    }
  } else {
    return std::nullopt;
  }
  // Multipliers: "3,000" is also written "3 thousand" or "three thousand".
  for (int round = 0; round < 2 && j < end; ++round) {
    const lexicon::NumberWord* word = NumberWordAt(tokens, j, end, lexicon, &length);
    if (word == nullptr || !word->multiplier()) break;
    value *= static_cast<double>(word->value());
    match.approximate = match.approximate || word->approximate();
    j += length;
  }
  match.end_token = j;
  match.value = static_cast<int64_t>(std::llround(value));
  return match;
}

}  // namespace alliance::ingest
