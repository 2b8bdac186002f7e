#include "ingest-service/extract/sentence_splitter.h"

#include <algorithm>

#include "ingest-service/extract/unicode_text.h"

namespace alliance::ingest {
namespace {

// Single-byte token tests, cheaper than string comparisons.
inline char Single(const Token& token) { return token.lower.size() == 1 ? token.lower[0] : '\0'; }

bool IsEllipsis(const Token& token) {
  return token.lower == "\xE2\x80\xA6" || (token.lower.size() > 1 && token.lower[0] == '.' && token.lower[1] == '.');
}

bool IsTerminal(const Token& token) {
  const char c = Single(token);
  return c == '.' || c == '!' || c == '?' || IsEllipsis(token);
}

bool IsCloser(const Token& token) {
  const char c = Single(token);
  return c == '"' || c == '\'' || c == ')' || c == ']';
}

bool IsOpener(const Token& token) {
  const char c = Single(token);
  return c == '"' || c == '\'' || c == '(' || c == '[';
}

bool StartsLowerCase(absl::string_view text, const Token& token) {
  int32_t cp = 0;
  DecodeUtf8(text, static_cast<size_t>(token.begin), &cp);
  return IsLowerChar(cp);
}

bool EndsLowerOrDigit(absl::string_view text, const Token& token) {
  const char last = text[static_cast<size_t>(token.end) - 1];
  return (last >= 'a' && last <= 'z') || (last >= '0' && last <= '9');
}

// True when `next` can begin a sentence after terminal punctuation.
bool LooksLikeSentenceStart(const Token& next) {
  return next.capitalized || next.shape == Token::Shape::kNumber || IsOpener(next) ||
         Single(next) == '-';
}

bool IsSentenceStarter(const Token& next, const Lexicon& lexicon) {
  return next.capitalized && lexicon.HasFlag(next.lower, kSentenceStarter);
}

bool IsInitial(absl::string_view text, const Token& token) {
  if (token.shape != Token::Shape::kWord) return false;
  int32_t cp = 0;
  const int len = DecodeUtf8(text, static_cast<size_t>(token.begin), &cp);
  return len == token.end - token.begin && IsUpperChar(cp);
}

}  // namespace

std::vector<Sentence> SplitSentences(absl::string_view text, const TokenizedText& tokenized,
                                     const Lexicon& lexicon, absl::Span<const FurnitureLine> skip) {
  const std::vector<Token>& tokens = tokenized.tokens;
  const int n = static_cast<int>(tokens.size());
  std::vector<Sentence> sentences;
  if (n == 0) return sentences;
  std::vector<bool> boundary(static_cast<size_t>(n) + 1, false);

  for (int i = 1; i < n; ++i) {
    const int nl = tokenized.newlines_before[static_cast<size_t>(i)];
    if (nl >= 2 || (nl == 1 && !StartsLowerCase(text, tokens[static_cast<size_t>(i)]))) boundary[static_cast<size_t>(i)] = true;
  }

  for (int j = 0; j < n; ++j) {
    const Token& t = tokens[static_cast<size_t>(j)];
    if (t.shape == Token::Shape::kNumber) continue;
    const bool dotted = t.shape == Token::Shape::kWord && t.lower.size() > 1 && t.lower.back() == '.';
    if (!dotted && (t.shape != Token::Shape::kPunctuation || !IsTerminal(t))) continue;
    int k = j + 1;
    while (k < n && IsCloser(tokens[static_cast<size_t>(k)]) &&
           tokens[static_cast<size_t>(k)].begin == tokens[static_cast<size_t>(k) - 1].end) {
      ++k;
    }
    if (k >= n) break;
    const Token& next = tokens[static_cast<size_t>(k)];
    const bool spaced = next.begin > tokens[static_cast<size_t>(k) - 1].end;
    bool split = false;
    if (dotted) {
      split = spaced && !lexicon.HasFlag(t.lower, kNonFinalAbbreviation) && IsSentenceStarter(next, lexicon);
    } else if (Single(t) == '.' && j > 0 && tokens[static_cast<size_t>(j) - 1].end == t.begin &&
               tokens[static_cast<size_t>(j) - 1].shape == Token::Shape::kWord) {
      const Token& word = tokens[static_cast<size_t>(j) - 1];
      uint32_t flags = lexicon.WordFlags(word.lower);
      if ((flags & kCapitalizedAbbreviation) && !word.capitalized) flags &= ~(kNonFinalAbbreviation | kAbbreviation);
      if (flags & kNonFinalAbbreviation) {
        split = false;
      } else if ((flags & kAbbreviation) || IsInitial(text, word)) {
        split = spaced && IsSentenceStarter(next, lexicon);
      } else if (spaced) {
        split = LooksLikeSentenceStart(next);
      } else {
        split = next.capitalized && next.shape == Token::Shape::kWord && EndsLowerOrDigit(text, word);
      }
    } else if (Single(t) == '.' && j > 0 && tokens[static_cast<size_t>(j) - 1].end == t.begin &&
               tokens[static_cast<size_t>(j) - 1].shape != Token::Shape::kPunctuation) {
      // After a number: "in 1991. This" and "in 1991.This".
      split = spaced ? LooksLikeSentenceStart(next)
                     : next.capitalized && next.shape == Token::Shape::kWord;
    } else if (IsEllipsis(t)) {
      split = spaced && next.capitalized;
    } else {
      split = spaced && LooksLikeSentenceStart(next);
    }
    if (split) boundary[static_cast<size_t>(k)] = true;
  }

  // Skipped lines are sentences of their own that are not emitted.
  std::vector<bool> skipped;
  if (!skip.empty()) {
    skipped.assign(static_cast<size_t>(n), false);
    for (const FurnitureLine& line : skip) {
      const int first = std::max(0, line.first_token);
      const int end = std::min(n, line.end_token);
      if (first >= end) continue;
      for (int i = first; i < end; ++i) skipped[static_cast<size_t>(i)] = true;
      boundary[static_cast<size_t>(first)] = true;
      boundary[static_cast<size_t>(end)] = true;
    }
  }

  int start = 0;
  auto emit = [&](int end_token) {
    if (!skipped.empty() && skipped[static_cast<size_t>(start)]) {
      start = end_token;
      return;
    }
    Sentence s;
    s.index = static_cast<int32_t>(sentences.size());
    s.first_token = start;
    s.end_token = end_token;
    s.begin = tokens[static_cast<size_t>(start)].begin;
    s.end = tokens[static_cast<size_t>(end_token) - 1].end;
    sentences.push_back(s);
    start = end_token;
  };
  for (int i = 1; i < n; ++i) {
    if (boundary[static_cast<size_t>(i)] ||
        tokens[static_cast<size_t>(i)].end - tokens[static_cast<size_t>(start)].begin > kMaxSentenceBytes) {
      emit(i);
    }
  }
  emit(n);
  return sentences;
}

}  // namespace alliance::ingest
