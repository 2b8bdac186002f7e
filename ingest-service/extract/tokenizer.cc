#include "ingest-service/extract/tokenizer.h"

#include "ingest-service/extract/unicode_text.h"

namespace alliance::ingest {
namespace {

struct Char {
  int32_t cp = 0;
  int len = 0;
  CharClass cls = CharClass::kOther;
};

// Classes of the ASCII bytes, computed once.
struct AsciiClasses {
  CharClass cls[128];
  AsciiClasses() {
    for (int b = 0; b < 128; ++b) cls[b] = ClassifyChar(b);
  }
};
const AsciiClasses kAscii;

inline Char CharAt(absl::string_view text, size_t pos) {
  Char c;
  if (pos >= text.size()) return c;
  const unsigned char b = static_cast<unsigned char>(text[pos]);
  if (b < 0x80) {
    c.cp = b;
    c.len = 1;
    c.cls = kAscii.cls[b];
    return c;
  }
  c.len = DecodeUtf8(text, pos, &c.cp);
  c.cls = ClassifyChar(c.cp);
  return c;
}

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// Length of a run of single letters each followed by '.', at least two of them
// ("U.S.", "e.g."); 0 when there is none at `pos`.
size_t DottedAbbreviationLength(absl::string_view text, size_t pos) {
  size_t i = pos;
  int letters = 0;
  while (i < text.size()) {
    const Char c = CharAt(text, i);
    if (c.cls != CharClass::kLetter) break;
    if (i + c.len >= text.size() || text[i + c.len] != '.') break;
    // The letter must be alone: no letter right after the period... unless the
    // pattern continues (letter '.' letter '.').
    i += c.len + 1;
    ++letters;
    const Char next = CharAt(text, i);
    if (next.len == 0 || next.cls != CharClass::kLetter) break;
    const Char after = CharAt(text, i + next.len);
    if (after.len == 0 || after.cp != '.') break;
  }
  if (letters < 2) return 0;
  // Not followed by another letter (that would be a word such as "Kremlin.ru").
  const Char next = CharAt(text, i);
  if (next.len != 0 && next.cls == CharClass::kLetter) return 0;
  return i - pos;
}

}  // namespace

TokenizedText Tokenize(absl::string_view text) {
  TokenizedText out;
  out.tokens.reserve(text.size() / 4 + 16);
  out.newlines_before.reserve(text.size() / 4 + 16);
  int newlines = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const Char c = CharAt(text, pos);
    if (c.cls == CharClass::kSpace) {
      if (c.cp == '\n' && newlines < 255) ++newlines;
      pos += static_cast<size_t>(c.len);
      continue;
    }
    Token& token = out.tokens.emplace_back();
    token.begin = static_cast<int32_t>(pos);
    size_t end = pos + static_cast<size_t>(c.len);
    if (c.cls == CharClass::kLetter) {
      token.shape = Token::Shape::kWord;
      token.capitalized = IsUpperChar(c.cp);
      const size_t dotted = DottedAbbreviationLength(text, pos);
      if (dotted > 0) {
        end = pos + dotted;
      } else {
        while (end < text.size()) {
          // ASCII letters and digits, the common case, without decoding.
          const unsigned char b = static_cast<unsigned char>(text[end]);
          if (b < 0x80 && (kAscii.cls[b] == CharClass::kLetter || kAscii.cls[b] == CharClass::kDigit)) {
            ++end;
            continue;
          }
          const Char n = CharAt(text, end);
          if (n.cls == CharClass::kLetter || n.cls == CharClass::kDigit) {
            end += static_cast<size_t>(n.len);
            continue;
          }
          if (n.cls == CharClass::kApostrophe) {
            // An apostrophe inside a word ("don't", "O’Brien") stays, except the
            // possessive "’s", which becomes a token of its own.
            const Char after = CharAt(text, end + n.len);
            if (after.len == 0 || after.cls != CharClass::kLetter) break;
            if ((after.cp == 's' || after.cp == 'S')) {
              const Char after2 = CharAt(text, end + n.len + after.len);
              if (after2.len == 0 || after2.cls != CharClass::kLetter) break;
            }
            end += static_cast<size_t>(n.len);
            continue;
          }
          break;
        }
      }
    } else if (c.cls == CharClass::kDigit) {
      token.shape = Token::Shape::kNumber;
      while (end < text.size()) {
        const Char n = CharAt(text, end);
        if (n.cls == CharClass::kDigit) {
          end += static_cast<size_t>(n.len);
        } else if ((n.cp == ',' || n.cp == '.') && end + 1 < text.size() && IsAsciiDigit(text[end + 1])) {
          end += 1;
        } else {
          break;
        }
      }
      // Letters glued to the digits make an ordinal or a decade ("102nd", "1990s").
      while (end < text.size()) {
        const Char n = CharAt(text, end);
        if (n.cls != CharClass::kLetter && n.cls != CharClass::kDigit) break;
        token.shape = Token::Shape::kOther;
        end += static_cast<size_t>(n.len);
      }
    } else if (c.cls == CharClass::kApostrophe) {
      token.shape = Token::Shape::kPunctuation;
      // The possessive "’s" after a word.
      const Char s = CharAt(text, end);
      if (s.len != 0 && (s.cp == 's' || s.cp == 'S')) {
        const Char after = CharAt(text, end + s.len);
        if (after.len == 0 || (after.cls != CharClass::kLetter && after.cls != CharClass::kDigit)) {
          end += static_cast<size_t>(s.len);
          token.shape = Token::Shape::kWord;
        }
      }
    } else if (c.cp == '.') {
      token.shape = Token::Shape::kPunctuation;
      while (end < text.size() && text[end] == '.') ++end;
    } else {
      token.shape = Token::Shape::kPunctuation;
    }
    token.end = static_cast<int32_t>(end);
    AppendCanonicalLower(text.substr(pos, end - pos), &token.lower);
    out.newlines_before.push_back(static_cast<uint8_t>(newlines));
    newlines = 0;
    pos = end;
  }
  return out;
}

}  // namespace alliance::ingest
