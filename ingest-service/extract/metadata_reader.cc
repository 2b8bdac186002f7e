#include "ingest-service/extract/metadata_reader.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "common/partial_date.h"
#include "common/status_macros.h"
#include "ingest-service/extract/date_resolver.h"
#include "ingest-service/extract/tokenizer.h"

namespace alliance::ingest {
namespace {

constexpr size_t kMaxTitleBytes = 200;
constexpr size_t kFallbackTitleBytes = 150;
constexpr size_t kMaxAuthorBytes = 60;
constexpr size_t kMaxHeaderLineBytes = 200;
constexpr size_t kCaptionPrefixBytes = 32;

// What one header line says.
struct HeaderLine {
  absl::string_view text;
  std::optional<v1::PartialDate> date;
  bool byline = false;  // "date | author | source"
  std::string author;
  std::string source;
};

bool LooksLikePersonName(absl::string_view line) {
  if (line.empty() || line.size() > kMaxAuthorBytes) return false;
  const TokenizedText tokenized = Tokenize(line);
  int words = 0;
  for (const Token& t : tokenized.tokens) {
    if (t.shape == Token::Shape::kWord) {
      if (!t.capitalized) return false;
      ++words;
    } else if (t.lower != "." && t.lower != "-") {
      return false;
    }
  }
  return words >= 2 && words <= 5;
}

// Returns `author` without a leading "By".
absl::string_view StripBylinePrefix(absl::string_view author, const Lexicon& lexicon) {
  const size_t space = author.find(' ');
  if (space == absl::string_view::npos) return author;
  if (!lexicon.HasFlag(Lexicon::PhraseKey(author.substr(0, space)), kBylinePrefix)) return author;
  return absl::StripAsciiWhitespace(author.substr(space + 1));
}

HeaderLine ReadHeaderLine(absl::string_view line, const DateResolver& dates, const Lexicon& lexicon) {
  HeaderLine header;
  header.text = line;
  if (line.size() > kMaxHeaderLineBytes) return header;  // a paragraph, not a header
  std::vector<absl::string_view> fields = absl::StrSplit(line, '|');
  for (absl::string_view& f : fields) f = absl::StripAsciiWhitespace(f);
  if (fields.size() >= 2) {
    header.date = dates.ParseDate(fields[0]);
    const bool no_date = lexicon.HasFlag(Lexicon::PhraseKey(fields[0]), kNoDateMarker);
    if (header.date.has_value() || no_date) {
      header.byline = true;
      if (fields.size() >= 3) {
        header.author = std::string(StripBylinePrefix(fields[1], lexicon));
        header.source = std::string(fields.back());
      } else {
        header.source = std::string(fields[1]);
      }
    }
    return header;
  }
  header.date = dates.ParseDate(line);
  return header;
}

// Share of capitalized words among words of four letters or more.
double TitleCaseRatio(absl::string_view line) {
  const TokenizedText tokenized = Tokenize(line);
  int long_words = 0, capitalized = 0;
  for (const Token& t : tokenized.tokens) {
    if (t.shape != Token::Shape::kWord || t.end - t.begin < 4) continue;
    ++long_words;
    if (t.capitalized) ++capitalized;
  }
  return long_words == 0 ? 0.0 : static_cast<double>(capitalized) / long_words;
}

int WordCount(absl::string_view line) {
  int words = 0;
  for (const Token& t : Tokenize(line).tokens) words += t.shape == Token::Shape::kWord;
  return words;
}

std::string TruncateAtWord(absl::string_view line, size_t max_bytes) {
  if (line.size() <= max_bytes) return std::string(line);
  size_t cut = line.rfind(' ', max_bytes);
  if (cut == absl::string_view::npos || cut == 0) cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // stay on a code point
  return std::string(absl::StripAsciiWhitespace(line.substr(0, cut)));
}

}  // namespace

bool ReadSectionDate(absl::string_view line, const Lexicon& lexicon, v1::PartialDate* date) {
  const DateResolver dates(lexicon);
  const HeaderLine header = ReadHeaderLine(absl::StripAsciiWhitespace(line), dates, lexicon);
  if (header.byline) {
    *date = header.date.has_value() ? *header.date : v1::PartialDate();
    return true;
  }
  if (header.date.has_value() && header.date->day() != 0) {
    *date = *header.date;
    return true;
  }
  return false;
}

absl::Status ReadMetadata(const v1::Document& document, absl::string_view text, const Lexicon& lexicon,
                          v1::DocumentInfo* info, absl::Span<const FurnitureLine> furniture) {
  info->set_title(document.title());
  info->set_source(document.source());
  info->set_url(document.url());
  info->set_author(document.author());
  info->clear_published();
  if (!document.published().empty()) {
    ASSIGN_OR_RETURN(*info->mutable_published(), ParseIsoDate(document.published(), "document.published"));
  }

  std::vector<absl::string_view> lines;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty()) continue;
    lines.push_back(line);
    if (static_cast<int>(lines.size()) >= kHeaderLines) break;
  }
  const DateResolver dates(lexicon);
  std::vector<HeaderLine> headers;
  headers.reserve(lines.size());
  for (absl::string_view line : lines) headers.push_back(ReadHeaderLine(line, dates, lexicon));

  bool have_date = info->published().year() != 0;
  bool have_byline = false;
  std::string author, source;
  for (size_t i = 0; i < headers.size(); ++i) {
    const HeaderLine& h = headers[i];
    if (h.date.has_value() && !have_date) {
      *info->mutable_published() = *h.date;
      have_date = true;
      if (!h.byline && i + 1 < headers.size() && LooksLikePersonName(headers[i + 1].text) && author.empty()) {
        author = std::string(StripBylinePrefix(headers[i + 1].text, lexicon));
      }
    }
    if (h.byline && !have_byline) {
      have_byline = true;
      if (author.empty()) author = h.author;
      if (source.empty()) source = h.source;
    }
  }
  if (info->author().empty()) info->set_author(author);
  if (info->source().empty()) info->set_source(source);
  if (!info->title().empty()) return absl::OkStatus();

  // The title: a heading-like line (short, no final period), title case first.
  auto is_caption = [&](size_t i) {
    // The first word is enough: tokenize only the start of the line.
    const TokenizedText tokenized = Tokenize(lines[i].substr(0, kCaptionPrefixBytes));
    if (!tokenized.tokens.empty() && lexicon.HasFlag(tokenized.tokens[0].lower, kCaptionPrefix)) return true;
    return i + 1 < lines.size() && lines[i + 1] == lines[i];  // a caption repeated as alt text
  };
  // Page furniture (a site menu, a byline) is no title.
  auto is_furniture = [&](absl::string_view line) {
    const int32_t begin = static_cast<int32_t>(line.data() - text.data());
    const int32_t end = begin + static_cast<int32_t>(line.size());
    auto it = std::lower_bound(furniture.begin(), furniture.end(), begin,
                               [](const FurnitureLine& f, int32_t offset) { return f.end <= offset; });
    return it != furniture.end() && it->begin < end;
  };
  std::vector<size_t> candidates;
  for (size_t i = 0; i < lines.size(); ++i) {
    const HeaderLine& h = headers[i];
    if (h.date.has_value() || h.byline || is_caption(i) || is_furniture(lines[i])) continue;
    if (i > 0 && lines[i - 1] == lines[i]) continue;
    candidates.push_back(i);
  }
  for (size_t i : candidates) {
    const absl::string_view line = lines[i];
    if (line.size() <= kMaxTitleBytes && line.back() != '.' && WordCount(line) >= 3 && TitleCaseRatio(line) >= 0.6) {
      info->set_title(std::string(line));
      return absl::OkStatus();
    }
  }
  for (size_t i : candidates) {
    const absl::string_view line = lines[i];
    if (line.size() <= kMaxTitleBytes && line.back() != '.' && WordCount(line) >= 3) {
      info->set_title(std::string(line));
      return absl::OkStatus();
    }
  }
  // No heading: the first sentence of the first line stands in.
  if (!candidates.empty()) {
    absl::string_view line = lines[candidates[0]];
    const size_t stop = line.find(". ");
    if (stop != absl::string_view::npos) line = line.substr(0, stop + 1);
    info->set_title(TruncateAtWord(line, kFallbackTitleBytes));
  }
  return absl::OkStatus();
}

}  // namespace alliance::ingest
