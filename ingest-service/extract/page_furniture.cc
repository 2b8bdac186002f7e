#include "ingest-service/extract/page_furniture.h"

#include <algorithm>
#include <optional>
#include <string>

#include "ingest-service/extract/metadata_reader.h"

namespace alliance::ingest {
namespace {

// A full sentence has at least this many words.
constexpr int kMinSentenceWords = 5;
// Longest line (in words) a cue without a colon, a byline or a list item opens.
constexpr int kMaxCueLineWords = 12;
constexpr int kMaxBylineWords = 12;
constexpr int kMaxListItemWords = 20;
// Words a list heading or a live label may have after it on its line.
constexpr int kMaxHeadingExtraWords = 2;
constexpr int kMaxLabelExtraWords = 2;
// Link bars: every segment at most this long, or three in four at most
// kShortSegmentWords and none longer than kMaxSegmentWords.
constexpr int kMaxAllSegmentWords = 6;
constexpr int kShortSegmentWords = 3;
constexpr int kMaxSegmentWords = 12;
// Longest furniture line (a cookie notice), in words; longer lines are
// paragraphs. A credit ends a caption of at most kMaxCaptionWords.
constexpr int kMaxFurnitureWords = 100;
constexpr int kMaxCaptionWords = 60;
// Longest button label and credit (words), and longest timestamp line (tokens).
constexpr int kMaxButtonWords = 4;
constexpr int kMaxCreditTokens = 12;
constexpr int kMaxTimestampTokens = 16;
// A line at least this long that stops mid-sentence may be wrapped prose.
constexpr int32_t kWrappedLineBytes = 60;
// Longest line offered to the header reader.
constexpr int32_t kMaxHeaderBytes = 200;

inline char Single(const Token& t) { return t.lower.size() == 1 ? t.lower[0] : '\0'; }

bool IsTerminal(const Token& t) {
  if (t.shape == Token::Shape::kPunctuation) {
    const char c = Single(t);
    return c == '.' || c == '!' || c == '?' || t.lower == "\xE2\x80\xA6" || (t.lower.size() > 1 && t.lower[0] == '.');
  }
  return t.shape == Token::Shape::kWord && t.lower.size() > 1 && t.lower.back() == '.';  // "U.S."
}

bool IsCloser(const Token& t) {
  const char c = Single(t);
  return c == '"' || c == '\'' || c == ')' || c == ']' || t.lower == "\xC2\xBB";  // »
}

bool IsOpener(const Token& t) {
  const char c = Single(t);
  return c == '(' || c == '[' || c == '"' || c == '\'';
}

bool IsWordLike(const Token& t) { return t.shape == Token::Shape::kWord || t.shape == Token::Shape::kOther; }

// A word written in lower case: cues never are.
bool IsLowerWord(absl::string_view text, const Token& t) {
  if (t.shape != Token::Shape::kWord || t.capitalized) return false;
  const unsigned char b = static_cast<unsigned char>(text[static_cast<size_t>(t.begin)]);
  return b >= 0x80 || (b >= 'a' && b <= 'z');
}

// What one line is made of.
struct Line {
  int first = 0;  // first token
  int end = 0;    // one past the last token
  int words = 0;
  int separators = 0;
  int segments = 0;            // between separators
  int short_segments = 0;      // of at most kShortSegmentWords words
  int max_segment_words = 0;
  int first_segment_words = 0;
  bool terminal = false;       // ends in . ! ? (closing marks aside)
  bool period = false;         // ends in . or !
  bool consent = false;        // holds a consent word
  bool clock = false;          // holds a clock time "10:14"
  bool full_sentence() const { return terminal && words >= kMinSentenceWords; }
};

class FurnitureFinder {
 public:
  FurnitureFinder(absl::string_view text, const TokenizedText& tokenized, const Lexicon& lexicon)
      : text_(text), tokens_(tokenized.tokens), newlines_(tokenized.newlines_before), lexicon_(lexicon) {}

  std::vector<FurnitureLine> Find() {
    std::vector<FurnitureLine> out;
    const int n = static_cast<int>(tokens_.size());
    bool in_list = false;
    bool previous_furniture = false;
    Line previous;
    bool have_previous = false;
    for (int first = 0; first < n;) {
      int end = first + 1;
      while (end < n && newlines_[static_cast<size_t>(end)] == 0) ++end;
      const Line line = Measure(first, end);
      const bool continues = have_previous && !previous_furniture && newlines_[static_cast<size_t>(first)] == 1 &&
                             MayBeWrapped(previous);
      bool heading = false;
      std::optional<FurnitureKind> kind;
      if (in_list && IsListItem(line, newlines_[static_cast<size_t>(first)] > 1)) {
        kind = FurnitureKind::kListItem;
      } else {
        in_list = false;  // a list goes on only through its items
        kind = Classify(line, continues, &heading);
      }
      if (kind && Protected(line)) {
        kind.reset();
        heading = false;
      }
      if (kind) {
        FurnitureLine f;
        f.kind = *kind;
        f.first_token = first;
        f.end_token = end;
        f.begin = tokens_[static_cast<size_t>(first)].begin;
        f.end = tokens_[static_cast<size_t>(end) - 1].end;
        out.push_back(f);
        if (heading) in_list = true;
      } else {
        in_list = false;
      }
      previous_furniture = kind.has_value();
      previous = line;
      have_previous = true;
      first = end;
    }
    return out;
  }

 private:
  const Token& token(int i) const { return tokens_[static_cast<size_t>(i)]; }

  Line Measure(int first, int end) const {
    Line line;
    line.first = first;
    line.end = end;
    int segment_words = 0;
    auto close_segment = [&] {
      if (line.segments == 0) line.first_segment_words = segment_words;
      ++line.segments;
      line.short_segments += segment_words <= kShortSegmentWords;
      line.max_segment_words = std::max(line.max_segment_words, segment_words);
      segment_words = 0;
    };
    const std::vector<std::string>& consent = lexicon_.consent_words();
    for (int i = first; i < end; ++i) {
      const Token& t = token(i);
      if (IsWordLike(t)) {
        ++line.words;
        ++segment_words;
        if (!line.consent) {
          for (const std::string& w : consent) {
            if (t.lower.size() == w.size() && t.lower == w) line.consent = true;
          }
        }
      } else if (t.shape == Token::Shape::kPunctuation) {
        if (IsSeparator(i, first, end)) {
          ++line.separators;
          close_segment();
        } else if (Single(t) == ':' && i > first && i + 1 < end && token(i - 1).shape == Token::Shape::kNumber &&
                   token(i + 1).shape == Token::Shape::kNumber && token(i - 1).end == t.begin &&
                   t.end == token(i + 1).begin) {
          line.clock = true;
        }
      }
    }
    close_segment();
    int last = end - 1;
    while (last > first && IsCloser(token(last))) --last;
    line.terminal = IsTerminal(token(last));
    line.period = line.terminal && Single(token(last)) != '?';
    return line;
  }

  // A separator of a link bar: a separator mark not glued to words on both sides.
  bool IsSeparator(int i, int first, int end) const {
    const Token& t = token(i);
    if (t.end - t.begin > 3 || !lexicon_.MayStartFurnitureMark(static_cast<unsigned char>(text_[static_cast<size_t>(t.begin)])) ||
        !(lexicon_.FurnitureFlags(TokenText(text_, t)) & kFurnitureSeparator)) {
      return false;
    }
    if (Single(t) == '|') return true;
    const bool glued_before = i > first && token(i - 1).end == t.begin;
    const bool glued_after = i + 1 < end && token(i + 1).begin == t.end;
    return !(glued_before && glued_after);
  }

  // True when `line`, followed by a single line break, may be a paragraph
  // wrapped in the middle of a sentence.
  bool MayBeWrapped(const Line& line) const {
    if (line.terminal || line.separators > 0) return false;
    const Token& last = token(line.end - 1);
    if (last.end - token(line.first).begin < kWrappedLineBytes) return false;
    return Single(last) == ',' || Single(last) == '-' || IsLowerWord(text_, last);
  }

  // The longest cue, heading or label at `start` within the line: its flags,
  // and its end token in `*cue_end`. 0 when there is none.
  uint32_t MatchCue(int start, int end, int* cue_end) const {
    if (start >= end) return 0;
    const Token& t = token(start);
    if (IsLowerWord(text_, t)) return 0;
    const uint32_t start_flags = lexicon_.FurnitureFlags(t.lower);
    if (!(start_flags & kFurnitureStart)) return 0;
    constexpr uint32_t kOpening = kFurnitureCue | kFurnitureListHeading | kFurnitureLiveLabel | kFurnitureNotice;
    uint32_t best = start_flags & kOpening;
    *cue_end = start + 1;
    std::string key = t.lower;
    const int limit = std::min(end, start + lexicon_.max_furniture_tokens());
    for (int i = start + 1; i < limit; ++i) {
      key.push_back(' ');
      key += token(i).lower;
      const uint32_t flags = lexicon_.FurnitureFlags(key) & kOpening;
      if (flags) {
        best = flags;
        *cue_end = i + 1;
      }
    }
    return best;
  }

  // Words in tokens [from, end).
  int WordsFrom(int from, int end) const {
    int words = 0;
    for (int i = from; i < end; ++i) words += IsWordLike(token(i));
    return words;
  }

  std::optional<FurnitureKind> Classify(const Line& line, bool continues, bool* heading) const {
    if (line.words > kMaxFurnitureWords) return std::nullopt;  // a paragraph
    const int first = line.first;
    const int end = line.end;
    // A cue at the start of the line, or just inside an opening bracket.
    int cue_end = 0;
    int cue_start = first;
    uint32_t cue = MatchCue(first, end, &cue_end);
    if (!cue && (Single(token(first)) == '(' || Single(token(first)) == '[')) {
      cue_start = first + 1;
      cue = MatchCue(cue_start, end, &cue_end);
    }
    const bool colon = cue && cue_end < end && Single(token(cue_end)) == ':';
    if (cue & kFurnitureListHeading) {
      const int extra = WordsFrom(cue_end, end);
      if (!continues && !line.terminal && extra <= kMaxHeadingExtraWords && cue_start == first &&
          (extra == 0 || !colon)) {
        *heading = true;
        return FurnitureKind::kListHeading;
      }
    }
    if (IsByline(line) && !continues) return FurnitureKind::kByline;
    if (IsLinkBar(line)) return FurnitureKind::kLinkBar;
    if (cue & kFurnitureCue) {
      if (colon || (cue & kFurnitureNotice)) return FurnitureKind::kCueLine;
      if (!continues && !line.full_sentence() && (line.words <= kMaxCueLineWords || line.separators >= 2)) {
        return FurnitureKind::kCueLine;
      }
    }
    if (line.consent && IsConsentNotice(line)) return FurnitureKind::kConsent;
    if ((cue & kFurnitureLiveLabel) && !continues && cue_start == first && !line.terminal) {
      int after = cue_end;
      while (after < end && token(after).shape == Token::Shape::kPunctuation) ++after;
      if (WordsFrom(after, end) <= kMaxLabelExtraWords) return FurnitureKind::kLiveLabel;
    }
    if (IsTimestamp(line)) return FurnitureKind::kTimestamp;
    if (EndsInButtons(line)) return FurnitureKind::kButtons;
    if (EndsInCredit(line)) return FurnitureKind::kCredit;
    return std::nullopt;
  }

  // A line with a consent word that reads as a notice: two context words
  // ("We use cookies on our site"), or one in a line that is not a sentence
  // ("This site uses cookies. OK"). Only lines with a consent word get here.
  bool IsConsentNotice(const Line& line) const {
    int context = 0;
    for (int i = line.first; i < line.end; ++i) {
      if (token(i).shape == Token::Shape::kWord &&
          (lexicon_.FurnitureFlags(token(i).lower) & kFurnitureConsentContext)) {
        ++context;
      }
    }
    return context >= 2 || (context == 1 && !line.full_sentence());
  }

  bool IsByline(const Line& line) const {
    if (line.end - line.first < 2 || line.words > kMaxBylineWords || line.full_sentence()) return false;
    const Token& by = token(line.first);
    const Token& name = token(line.first + 1);
    return by.capitalized && lexicon_.HasFlag(by.lower, kBylinePrefix) && name.shape == Token::Shape::kWord &&
           name.capitalized;
  }

  bool IsLinkBar(const Line& line) const {
    if (line.separators < 2 || line.max_segment_words > kMaxSegmentWords) return false;
    return line.max_segment_words <= kMaxAllSegmentWords || line.short_segments * 4 >= line.segments * 3;
  }

  // A list item after a list heading: a numbered or bulleted line, or a short
  // one that does not end in a period right under the previous line.
  bool IsListItem(const Line& line, bool after_blank_line) const {
    if (line.words > kMaxFurnitureWords) return false;
    const Token& t = token(line.first);
    if (t.shape == Token::Shape::kPunctuation && t.end - t.begin <= 3 &&
        lexicon_.MayStartFurnitureMark(static_cast<unsigned char>(text_[static_cast<size_t>(t.begin)])) &&
        (lexicon_.FurnitureFlags(TokenText(text_, t)) & kFurnitureListMarker)) {
      return true;
    }
    if (t.shape == Token::Shape::kNumber && t.end - t.begin <= 2 && line.first + 1 < line.end) {
      const char c = Single(token(line.first + 1));
      if (c == '.' || c == ')') return true;
    }
    return !after_blank_line && !line.period && line.words <= kMaxListItemWords;
  }

  // Only a time: numbers, punctuation, time words, months and weekdays, with a
  // clock time or a time word.
  bool IsTimestamp(const Line& line) const {
    if (line.end - line.first > kMaxTimestampTokens) return false;
    bool time_word = false;
    for (int i = line.first; i < line.end; ++i) {
      const Token& t = token(i);
      if (t.shape == Token::Shape::kNumber || t.shape == Token::Shape::kPunctuation) continue;
      if (lexicon_.FurnitureFlags(t.lower) & kFurnitureTimeWord) {
        time_word = true;
        continue;
      }
      if (lexicon_.WordFlags(t.lower) & (kMonth | kWeekday | kTimeUnit | kAgoWord)) continue;
      return false;
    }
    return line.clock || time_word;
  }

  // Ends in one or more capitalized bracketed labels ("[Accept all]"), after
  // the end of a sentence, a colon, or nothing.
  bool EndsInButtons(const Line& line) const {
    int j = line.end - 1;
    int labels = 0;
    while (j > line.first && Single(token(j)) == ']') {
      int open = j - 1;
      int words = 0;
      while (open >= line.first && Single(token(open)) != '[' && Single(token(open)) != ']' &&
             !IsTerminal(token(open))) {
        words += IsWordLike(token(open));
        --open;
      }
      if (open < line.first || Single(token(open)) != '[' || words == 0 || words > kMaxButtonWords) return false;
      const Token& label = token(open + 1);
      if (label.shape != Token::Shape::kWord || !label.capitalized) return false;
      if (open > line.first && token(open - 1).end == token(open).begin) return false;  // "2012.[1]"
      ++labels;
      j = open - 1;
    }
    if (labels == 0) return false;
    return j < line.first || IsTerminal(token(j)) || Single(token(j)) == ':';
  }

  // A caption that ends in a credit: "... Photo: AFP", "... (Credit: Agency)".
  bool EndsInCredit(const Line& line) const {
    if (line.words > kMaxCaptionWords) return false;
    const int from = std::max(line.first + 1, line.end - kMaxCreditTokens);
    for (int i = line.end - 2; i >= from; --i) {
      const Token& t = token(i);
      if (t.shape != Token::Shape::kWord || !t.capitalized || !lexicon_.HasFlag(t.lower, kCaptionPrefix)) continue;
      const Token& next = token(i + 1);
      if (Single(next) != ':' && !lexicon_.HasFlag(next.lower, kBylinePrefix)) continue;
      const Token& before = token(i - 1);
      if (IsTerminal(before) || IsOpener(before) || Single(before) == '|' || Single(before) == '-') return true;
    }
    return false;
  }

  // A line the header reader reads as a dated header stays text.
  bool Protected(const Line& line) const {
    const int32_t begin = token(line.first).begin;
    const int32_t end = token(line.end - 1).end;
    if (end - begin > kMaxHeaderBytes) return false;
    v1::PartialDate date;
    return ReadSectionDate(text_.substr(static_cast<size_t>(begin), static_cast<size_t>(end - begin)), lexicon_,
                           &date);
  }

  const absl::string_view text_;
  const std::vector<Token>& tokens_;
  const std::vector<uint8_t>& newlines_;
  const Lexicon& lexicon_;
};

}  // namespace

std::vector<FurnitureLine> FindPageFurniture(absl::string_view text, const TokenizedText& tokenized,
                                             const Lexicon& lexicon) {
  return FurnitureFinder(text, tokenized, lexicon).Find();
}

const char* FurnitureKindName(FurnitureKind kind) {
  switch (kind) {
    case FurnitureKind::kLinkBar: return "link-bar";
    case FurnitureKind::kCueLine: return "cue-line";
    case FurnitureKind::kListHeading: return "list-heading";
    case FurnitureKind::kListItem: return "list-item";
    case FurnitureKind::kConsent: return "consent";
    case FurnitureKind::kButtons: return "buttons";
    case FurnitureKind::kByline: return "byline";
    case FurnitureKind::kCredit: return "credit";
    case FurnitureKind::kLiveLabel: return "live-label";
    case FurnitureKind::kTimestamp: return "timestamp";
  }
  return "?";
}

}  // namespace alliance::ingest
