#include "ingest-service/extract/date_resolver.h"

#include <string>

#include "absl/time/civil_time.h"
#include "common/partial_date.h"
#include "ingest-service/extract/number_reader.h"
#include "ingest-service/extract/tokenizer.h"

namespace alliance::ingest {
namespace {

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2099;

bool AllDigits(absl::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int DigitsValue(absl::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

v1::PartialDate Date(int year, int month, int day, bool approximate) {
  v1::PartialDate d = MakeDate(year, month, day);
  d.set_approximate(approximate);
  return d;
}

int Compare(int y1, int m1, int d1, int y2, int m2, int d2) {
  if (y1 != y2) return y1 < y2 ? -1 : 1;
  if (m1 != m2) return m1 < m2 ? -1 : 1;
  if (d1 != d2) return d1 < d2 ? -1 : 1;
  return 0;
}

}  // namespace

v1::PartialDate ResolveRelativeTo(const DateOffset& offset, const v1::PartialDate& anchor) {
  v1::PartialDate out;
  if (IsUnset(anchor)) return out;
  bool approximate = offset.vague || anchor.approximate();
  int year = anchor.year(), month = anchor.month(), day = anchor.day();
  if (offset.days != 0) {
    if (day != 0) {
      const absl::CivilDay d = absl::CivilDay(year, month, day) + offset.days;
      year = static_cast<int>(d.year());
      month = d.month();
      day = d.day();
    } else if (month != 0) {
      const absl::CivilDay d = absl::CivilDay(year, month, 15) + offset.days;
      year = static_cast<int>(d.year());
      month = d.month();
      approximate = true;
    } else {
      const absl::CivilDay d = absl::CivilDay(year, 7, 1) + offset.days;
      year = static_cast<int>(d.year());
      approximate = true;
    }
  }
  if (offset.months != 0) {
    if (month != 0) {
      const absl::CivilMonth m = absl::CivilMonth(year, month) + offset.months;
      year = static_cast<int>(m.year());
      month = m.month();
      day = 0;
    } else {
      year += offset.months / 12;
      approximate = true;
    }
  }
  if (offset.years != 0) {
    year += offset.years;
    month = 0;
    day = 0;
  }
  out = Date(year, month, day, approximate);
  return out;
}

// Scans the tokens of one sentence (or phrase) for date expressions.
class DateResolver::Scanner {
 public:
  Scanner(const Lexicon& lexicon, absl::string_view text, const std::vector<Token>& tokens, int first,
          int end, const v1::PartialDate& published, const uint32_t* flags)
      : lx_(lexicon), text_(text), tokens_(tokens), first_(first), end_(end), published_(published), flags_(flags) {
    if (flags_ == nullptr) {
      owned_flags_.resize(static_cast<size_t>(end - first));
      for (int k = first; k < end; ++k) owned_flags_[static_cast<size_t>(k - first)] = lexicon.WordFlags(L(k));
      flags_ = owned_flags_.data();
    }
  }

  std::vector<DateMatch> Run() {
    std::vector<DateMatch> out;
    for (int i = first_; i < end_;) {
      DateMatch m;
      if (MayStartDate(i) && MatchAt(i, &m)) {
        m.first_token = i;
        m.date.set_as_written(std::string(text_.substr(
            static_cast<size_t>(tokens_[static_cast<size_t>(i)].begin),
            static_cast<size_t>(tokens_[static_cast<size_t>(m.end_token) - 1].end - tokens_[static_cast<size_t>(i)].begin))));
        last_date_end_ = m.end_token;
        out.push_back(std::move(m));
        i = out.back().end_token;
      } else {
        ++i;
      }
    }
    return out;
  }

 private:
  const std::string& L(int k) const {
    static const std::string kEmpty;
    return k >= first_ && k < end_ ? tokens_[static_cast<size_t>(k)].lower : kEmpty;
  }
  const Token& T(int k) const { return tokens_[static_cast<size_t>(k)]; }
  uint32_t F(int k) const { return In(k) ? flags_[k - first_] : 0; }

  // A cheap test that rules out most tokens before the patterns run: a date
  // starts with a digit or a date word, or with a word ("last", "a", "two",
  // "the") shortly before a unit, season, weekday or qualifier ("a few weeks
  // later", "the early 1990s"), or with a determiner before a decade.
  bool MayStartDate(int i) const {
    const char c = L(i)[0];
    if (c >= '0' && c <= '9') return true;
    const uint32_t f = F(i);
    constexpr uint32_t kSelf = kQualifier | kMonth | kSeason | kDayWord | kWeekday | kTimeUnit;
    if (f & kSelf) return true;
    if ((f & kDeterminer) && In(i + 1) && L(i + 1)[0] >= '0' && L(i + 1)[0] <= '9') return true;
    constexpr uint32_t kHead = kTimeUnit | kSeason | kWeekday | kQualifier;
    return ((F(i + 1) | F(i + 2) | F(i + 3)) & kHead) != 0;
  }
  bool In(int k) const { return k >= first_ && k < end_; }
  bool Adjacent(int k) const { return In(k) && In(k - 1) && T(k).begin == T(k - 1).end; }

  // A four-digit year token in range, or -1.
  int YearAt(int k) const {
    if (!In(k) || T(k).shape != Token::Shape::kNumber) return -1;
    const std::string& s = L(k);
    if (s.size() != 4 || !AllDigits(s)) return -1;
    const int y = DigitsValue(s);
    return y >= kMinYear && y <= kMaxYear ? y : -1;
  }

  // A day of month ("15", "09", "15th"), or -1.
  int DayAt(int k) const {
    if (!In(k)) return -1;
    const std::string& s = L(k);
    size_t digits = 0;
    while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
    if (digits == 0 || digits > 2) return -1;
    const absl::string_view suffix = absl::string_view(s).substr(digits);
    if (!suffix.empty() && suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") return -1;
    const int d = DigitsValue(absl::string_view(s).substr(0, digits));
    return d >= 1 && d <= 31 ? d : -1;
  }

  // A capitalized month name at k; sets *after to the token after it (past an
  // abbreviation's period when a number follows: "Sept. 2010").
  int MonthAt(int k, int* after) const {
    if (!In(k) || !T(k).capitalized) return 0;
    const int m = lx_.MonthNumber(L(k));
    if (m == 0) return 0;
    *after = k + 1;
    if (L(k + 1) == "." && Adjacent(k + 1) && In(k + 2) && T(k + 2).shape != Token::Shape::kWord) {
      *after = k + 2;
    }
    return m;
  }

  // A decade token ("1990s"), or -1.
  int DecadeAt(int k) const {
    if (!In(k)) return -1;
    const std::string& s = L(k);
    if (s.size() != 5 || s[4] != 's' || !AllDigits(absl::string_view(s).substr(0, 4)) || s[3] != '0') return -1;
    const int y = DigitsValue(absl::string_view(s).substr(0, 4));
    return y >= kMinYear && y <= kMaxYear ? y : -1;
  }

  bool HasPublished() const { return published_.year() != 0; }

  // Year of the most recent (month, day) not after publication; 0 when unknown.
  int YearForMonthDay(int month, int day) const {
    if (!HasPublished()) return 0;
    int year = published_.year();
    if (published_.month() != 0 &&
        Compare(year, month, day, year, published_.month(), published_.day() == 0 ? 31 : published_.day()) > 0) {
      --year;
    }
    return year;
  }

  // Absolute dates starting with a month, a day or a season, and decades.
  bool MatchCore(int i, DateMatch* m, bool year_alone_ok) {
    int after = 0;
    if (const int month = MonthAt(i, &after)) {
      const int day = DayAt(after);
      if (day > 0) {
        int k = after + 1;
        if (L(k) == ",") ++k;
        if (const int year = YearAt(k); year > 0) {
          return Set(m, k + 1, Date(year, month, day, false), false);
        }
        return Set(m, after + 1, Date(YearForMonthDay(month, day), month, day, false), true);
      }
      int k = after;
      if (L(k) == "," || L(k) == "of") ++k;
      if (const int year = YearAt(k); year > 0) return Set(m, k + 1, Date(year, month, 0, false), false);
      // A month alone needs a preposition ("in January"): "May" is also a verb.
      if (year_alone_ok || (F(i - 1) & kYearPreposition)) {
        return Set(m, after, Date(YearForMonthDay(month, 1), month, 0, false), true);
      }
      return false;
    }
    if (const int day = DayAt(i); day > 0) {
      int k = i + 1;
      if (L(k) == "of") ++k;
      if (const int month = MonthAt(k, &after)) {
        if (const int year = YearAt(after); year > 0) return Set(m, after + 1, Date(year, month, day, false), false);
        return Set(m, after, Date(YearForMonthDay(month, day), month, day, false), true);
      }
      return false;
    }
    if (lx_.FindSeason(L(i)) != nullptr) {
      int k = i + 1;
      if (L(k) == "of") ++k;
      if (const int year = YearAt(k); year > 0) return Set(m, k + 1, Date(year, 0, 0, true), false);
      return false;
    }
    if (const int decade = DecadeAt(i); decade > 0) return Set(m, i + 1, Date(decade, 0, 0, true), false);
    if (year_alone_ok) {
      if (const int year = YearAt(i); year > 0) return Set(m, i + 1, Date(year, 0, 0, false), false);
    }
    return false;
  }

  // ISO dates: "2022-01-05", "2022-01".
  bool MatchIso(int i, DateMatch* m) {
    const int year = YearAt(i);
    if (year < 0 || L(i + 1) != "-" || !Adjacent(i + 1) || !Adjacent(i + 2)) return false;
    const std::string& ms = L(i + 2);
    if (ms.size() != 2 || !AllDigits(ms)) return false;
    const int month = DigitsValue(ms);
    if (month < 1 || month > 12) return false;
    if (L(i + 3) == "-" && Adjacent(i + 3) && Adjacent(i + 4) && L(i + 4).size() == 2 && AllDigits(L(i + 4))) {
      const int day = DigitsValue(L(i + 4));
      if (day >= 1 && day <= DaysInMonth(year, month)) return Set(m, i + 5, Date(year, month, day, false), false);
      return false;
    }
    return Set(m, i + 3, Date(year, month, 0, false), false);
  }

  // A bare year where the context makes it one.
  bool MatchContextYear(int i, DateMatch* m) {
    const int year = YearAt(i);
    if (year < 0) return false;
    const std::string& prev = L(i - 1);
    const uint32_t prev_flags = F(i - 1);
    const uint32_t next_flags = F(i + 1);
    bool ok = (prev_flags & (kYearPreposition | kQualifier)) != 0 || (next_flags & kYearNoun) != 0;
    // "the 2020 conflict", "A 2018 gathering": a determiner and a word after.
    if (!ok && (prev_flags & kDeterminer) && In(i + 1) && T(i + 1).shape == Token::Shape::kWord) ok = true;
    // Ranges and lists after a year: "1994 and 1999", "2014-2015".
    if (!ok && (prev == "and" || prev == "or" || prev == "to" || prev == "-" || prev == ",") &&
        last_date_end_ == i - 1 && In(i - 2)) {
      ok = true;
    }
    // A range starting here: "2014-2015".
    if (!ok && L(i + 1) == "-" && YearAt(i + 2) > 0) ok = true;
    // An apposition: "In the same year, 2010, ...".
    if (!ok && prev == "," && (F(i - 2) & kTimeUnit) && L(i + 1) == ",") ok = true;
    // In parentheses: "(2019)".
    if (!ok && prev == "(" && L(i + 1) == ")") ok = true;
    if (!ok) return false;
    return Set(m, i + 1, Date(year, 0, 0, false), false);
  }

  // "today", "tomorrow (16 February)".
  bool MatchDayWord(int i, DateMatch* m) {
    const lexicon::DayWord* word = lx_.FindDayWord(L(i));
    if (word == nullptr) return false;
    v1::PartialDate date;
    if (published_.day() != 0) {
      const absl::CivilDay d = absl::CivilDay(published_.year(), published_.month(), published_.day()) +
                               word->offset_days();
      date = Date(static_cast<int>(d.year()), d.month(), d.day(), false);
    }
    int end = i + 1;
    // An explicit date in parentheses wins: "Tomorrow (16 February)".
    if (L(i + 1) == "(") {
      DateMatch inner;
      if (MatchCore(i + 2, &inner, false) && L(inner.end_token) == ")") {
        end = inner.end_token + 1;
        v1::PartialDate explicit_date = inner.date;
        if (inner.relative && date.year() != 0) explicit_date.set_year(date.year());
        date = explicit_date;
      }
    }
    if (date.year() == 0 && published_.day() == 0 && end == i + 1) return false;
    return Set(m, end, date, true);
  }

  // "on Thursday": the latest such day not after publication; "next Thursday":
  // the first one after it.
  bool MatchWeekday(int i, DateMatch* m) {
    if (!(F(i) & kWeekday) || !T(i).capitalized || published_.day() == 0) return false;
    const int weekday = lx_.WeekdayNumber(L(i));  // 1 = Monday
    const absl::CivilDay pub(published_.year(), published_.month(), published_.day());
    // absl::Weekday counts from Monday = 0.
    const int pub_weekday = static_cast<int>(absl::GetWeekday(pub)) + 1;
    absl::CivilDay day = pub - ((pub_weekday - weekday + 7) % 7);
    return Set(m, i + 1, Date(static_cast<int>(day.year()), day.month(), day.day(), false), true);
  }

  // "next Monday", "last Friday".
  bool MatchDeicticWeekday(int i, int direction, DateMatch* m) {
    if (!(F(i + 1) & kWeekday) || published_.day() == 0 || direction == 0) return false;
    const int weekday = lx_.WeekdayNumber(L(i + 1));
    const absl::CivilDay pub(published_.year(), published_.month(), published_.day());
    const int pub_weekday = static_cast<int>(absl::GetWeekday(pub)) + 1;
    const absl::CivilDay day = direction > 0 ? pub + ((weekday - pub_weekday + 6) % 7 + 1)
                                             : pub - ((pub_weekday - weekday + 6) % 7 + 1);
    return Set(m, i + 2, Date(static_cast<int>(day.year()), day.month(), day.day(), false), true);
  }

  // "last year", "this month", "next spring", "last fall".
  bool MatchDeictic(int i, DateMatch* m) {
    const uint32_t flags = F(i);
    const int direction = (flags & kPastWord) ? -1 : (flags & kPresentWord) ? 0 : (flags & kFutureWord) ? 1 : 2;
    if (direction == 2 || !In(i + 1)) return false;
    // "the last year" is a span, not a date.
    if (F(i - 1) & kDeterminer) return false;
    if (!HasPublished()) return false;
    if (MatchDeicticWeekday(i, direction, m)) return true;
    const int py = published_.year(), pm = published_.month();
    if (const lexicon::TimeUnit* unit = lx_.FindTimeUnit(L(i + 1))) {
      if (unit->years() == 1) return Set(m, i + 2, Date(py + direction, 0, 0, false), true);
      if (unit->months() == 1 && pm != 0) {
        const absl::CivilMonth mm = absl::CivilMonth(py, pm) + direction;
        return Set(m, i + 2, Date(static_cast<int>(mm.year()), mm.month(), 0, false), true);
      }
      if (unit->days() == 7 && published_.day() != 0) {
        const absl::CivilDay d = absl::CivilDay(py, pm, published_.day()) + 7 * direction;
        return Set(m, i + 2, Date(static_cast<int>(d.year()), d.month(), d.day(), true), true);
      }
      return false;
    }
    if (const lexicon::Season* season = lx_.FindSeason(L(i + 1))) {
      const int first = season->first_month();
      int year = py;
      if (pm == 0) {
        year = py + direction;
      } else {
        // The latest start of the season not after publication, and whether
        // the season was still going on then.
        const int latest = first <= pm ? py : py - 1;
        const int since = (pm - first + 12) % 12;
        const bool ongoing = since < 3;
        if (direction == -1) year = ongoing ? latest - 1 : latest;
        if (direction == 0) year = ongoing ? latest : (first > pm ? py : latest);
        if (direction == 1) year = first > pm ? py : py + 1;
      }
      return Set(m, i + 2, Date(year, 0, 0, true), true);
    }
    return false;
  }

  // "a week later", "two years earlier", "three days ago", "days later".
  bool MatchOffset(int i, DateMatch* m) {
    int k = i;
    int count = 1;
    bool vague = false;
    // Vague counts: "a few", "several", "a couple of".
    int vague_len = 0;
    if (F(i) & kVagueCountStart) {
      std::string key;
      for (int t = i; t < end_ && t - i < lx_.max_flagged_tokens(); ++t) {
        if (t > i) key.push_back(' ');
        key += L(t);
        if (lx_.HasFlag(key, kVagueCount)) vague_len = t - i + 1;
      }
    }
    if (vague_len > 0) {
      k = i + vague_len;
      vague = true;
      count = 2;
    } else if (L(i) == "a" || L(i) == "an") {
      k = i + 1;
    } else if (auto number = ReadNumber(tokens_, i, end_, lx_); number.has_value()) {
      if (number->value <= 0 || number->value > 1000) return false;
      count = static_cast<int>(number->value);
      vague = number->approximate;
      k = number->end_token;
    } else if (lx_.FindTimeUnit(L(i)) == nullptr) {
      return false;
    } else {
      vague = true;  // "days later"
      count = 2;
    }
    const lexicon::TimeUnit* unit = lx_.FindTimeUnit(L(k));
    if (unit == nullptr) return false;
    const uint32_t flags = F(k + 1);
    int sign = 0;
    if (flags & (kLaterWord)) sign = 1;
    if (flags & (kEarlierWord | kAgoWord)) sign = -1;
    if (sign == 0) return false;
    // "two years later in 1994": the explicit year wins.
    for (int t = k + 2; t < k + 5 && In(t); ++t) {
      if (YearAt(t) > 0) return false;
    }
    DateOffset offset;
    offset.days = sign * count * unit->days();
    offset.months = sign * count * unit->months();
    offset.years = sign * count * unit->years();
    offset.vague = vague;
    m->offset = offset;
    if (flags & kAgoWord) {
      return Set(m, k + 2, HasPublished() ? ResolveRelativeTo(offset, published_) : v1::PartialDate(), true);
    }
    m->needs_anchor = true;
    return Set(m, k + 2, v1::PartialDate(), true);
  }

  bool MatchAt(int i, DateMatch* m) {
    if (MatchIso(i, m)) return true;
    // "the 1990s", "the early 1990s", "the spring of 2021".
    if ((F(i) & kDeterminer) && (DecadeAt(i + 1) > 0 || (F(i + 1) & kQualifier) ||
                                           lx_.FindSeason(L(i + 1)) != nullptr)) {
      DateMatch inner;
      if (MatchQualified(i + 1, &inner) || (DecadeAt(i + 1) > 0 && MatchCore(i + 1, &inner, false)) ||
          (lx_.FindSeason(L(i + 1)) != nullptr && MatchCore(i + 1, &inner, false))) {
        *m = inner;
        return true;
      }
    }
    if (MatchQualified(i, m)) return true;
    if (MatchDayWord(i, m)) return true;
    if (MatchWeekday(i, m)) return true;
    if (MatchDeictic(i, m)) return true;
    if (MatchOffset(i, m)) return true;
    if (MatchCore(i, m, false)) return true;
    return MatchContextYear(i, m);
  }

  // "early 2019", "mid-2010", "late January 2022", "early 1990s".
  bool MatchQualified(int i, DateMatch* m) {
    if (!(F(i) & kQualifier)) return false;
    int k = i + 1;
    if (L(k) == "-" && Adjacent(k)) ++k;
    DateMatch inner;
    if (!MatchCore(k, &inner, true) || inner.relative) return false;
    inner.date.set_approximate(true);
    return Set(m, inner.end_token, inner.date, false);
  }

  static bool Set(DateMatch* m, int end_token, const v1::PartialDate& date, bool relative) {
    m->end_token = end_token;
    m->date = date;
    m->relative = relative;
    return true;
  }

  const Lexicon& lx_;
  absl::string_view text_;
  const std::vector<Token>& tokens_;
  const int first_;
  const int end_;
  const v1::PartialDate& published_;
  const uint32_t* flags_;               // WordFlags of tokens [first_, end_)
  std::vector<uint32_t> owned_flags_;  // when the caller gave none
  int last_date_end_ = -1;
};

std::vector<DateMatch> DateResolver::FindDates(absl::string_view text, const std::vector<Token>& tokens,
                                               int first, int end, const v1::PartialDate& published,
                                               const uint32_t* flags) const {
  return Scanner(lexicon_, text, tokens, first, end, published, flags).Run();
}

std::optional<v1::PartialDate> DateResolver::ParseDate(absl::string_view phrase) const {
  const TokenizedText tokenized = Tokenize(phrase);
  const int n = static_cast<int>(tokenized.tokens.size());
  const v1::PartialDate unset;
  std::vector<DateMatch> matches = FindDates(phrase, tokenized.tokens, 0, n, unset);
  if (matches.size() != 1 || matches[0].relative || matches[0].date.year() == 0) {
    // A year alone on a line is a date too.
    if (n == 1 && matches.empty()) {
      const std::string& s = tokenized.tokens[0].lower;
      if (s.size() == 4 && AllDigits(s)) {
        const int y = DigitsValue(s);
        if (y >= kMinYear && y <= kMaxYear) {
          v1::PartialDate d = MakeDate(y);
          d.set_as_written(std::string(phrase));
          return d;
        }
      }
    }
    return std::nullopt;
  }
  for (int k = 0; k < n; ++k) {
    if (k >= matches[0].first_token && k < matches[0].end_token) continue;
    if (tokenized.tokens[static_cast<size_t>(k)].shape != Token::Shape::kPunctuation) return std::nullopt;
  }
  return matches[0].date;
}

std::optional<DateOffset> DateResolver::ParseOffset(absl::string_view phrase) const {
  const TokenizedText tokenized = Tokenize(phrase);
  const int n = static_cast<int>(tokenized.tokens.size());
  const v1::PartialDate unset;
  std::vector<DateMatch> matches = FindDates(phrase, tokenized.tokens, 0, n, unset);
  if (matches.size() != 1 || matches[0].first_token != 0 || matches[0].end_token != n) return std::nullopt;
  if (matches[0].offset.days == 0 && matches[0].offset.months == 0 && matches[0].offset.years == 0) {
    return std::nullopt;
  }
  return matches[0].offset;
}

}  // namespace alliance::ingest
