#include "ingest-service/extract/date_resolver.h"

#include <string>
#include <utility>

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

int32_t DayKey(const absl::CivilDay& d) { return static_cast<int32_t>(d.year()) * 10000 + d.month() * 100 + d.day(); }

absl::CivilDay DayOf(int32_t key) { return absl::CivilDay(key / 10000, key / 100 % 100, key % 100); }

v1::PartialDate DayDate(const absl::CivilDay& d, bool approximate) {
  return Date(static_cast<int>(d.year()), d.month(), d.day(), approximate);
}

// Monday = 0 ... Sunday = 6.
int WeekdayIndex(const absl::CivilDay& d) { return static_cast<int>(absl::GetWeekday(d)); }

// The finest date that holds all of [lo, hi]: a day, or a month; a span over
// two months is its middle day, approximate.
// Either way its interval is [lo, hi].
v1::PartialDate SpanDate(const absl::CivilDay& lo, const absl::CivilDay& hi, bool approximate) {
  if (lo == hi) return DayDate(lo, approximate);
  v1::PartialDate date = lo.year() == hi.year() && lo.month() == hi.month()
                             ? Date(static_cast<int>(lo.year()), lo.month(), 0, approximate)
                             : DayDate(lo + (hi - lo) / 2, true);
  SetInterval(DayKey(lo), DayKey(hi), &date);
  return date;
}

// The season of `year`, approximate, with its months as its interval: the
// season begins in its `first_month` and lasts `months` (3 when not given).
// "spring 2021" is 2021-03..2021-05. A season written with a year that runs
// into the next year is named for the year it ends in ("winter 2021" is
// 2020-12..2021-02); with `year_is_start` (a season found from publication)
// `year` is the one it begins in.
v1::PartialDate SeasonDate(int year, const lexicon::Season& season, bool year_is_start) {
  const int months = season.months() > 0 ? season.months() : 3;
  absl::CivilMonth first(year, season.first_month());
  if (!year_is_start && season.first_month() + months - 1 > 12) first -= 12;
  const absl::CivilMonth last = first + (months - 1);
  v1::PartialDate date = Date(year, 0, 0, true);
  SetInterval(DayKey(absl::CivilDay(first)), DayKey(absl::CivilDay(last + 1) - 1), &date);
  return date;
}

// A decade: "the 1990s" is 1990-01-01..1999-12-31.
v1::PartialDate DecadeDate(int decade) {
  v1::PartialDate date = Date(decade, 0, 0, true);
  SetInterval(decade * 10000 + 101, (decade + 9) * 10000 + 1231, &date);
  return date;
}

// Returns `date`, approximate, with its interval narrowed to one third of it
// (0 the first, 1 the middle, 2 the last): by whole months when the interval
// is a number of whole months divisible by three ("early 2019" is January to
// April, "late 1990s" 1996-09..1999-12), by days otherwise ("late June" is
// 21..30 June).
v1::PartialDate NarrowedToThird(v1::PartialDate date, int third) {
  // The period the words name: "June 2031" of "late June 2031" is June, not
  // the year an approximate month would vouch for.
  v1::PartialDate period = date;
  period.set_approximate(false);
  const DayInterval whole = IntervalOf(period);
  date.set_approximate(true);
  const absl::CivilDay lo = DayOf(whole.first), hi = DayOf(whole.last);
  const absl::CivilMonth first_month(lo), last_month(hi);
  const int64_t months = last_month - first_month + 1;
  if (lo.day() == 1 && (hi + 1).day() == 1 && months % 3 == 0) {
    const absl::CivilMonth from = first_month + third * (months / 3);
    SetInterval(DayKey(absl::CivilDay(from)), DayKey(absl::CivilDay(from + months / 3) - 1), &date);
    return date;
  }
  const int64_t days = hi - lo + 1;
  const absl::CivilDay from = lo + third * (days / 3);
  const absl::CivilDay to = third == 2 ? hi : lo + (third + 1) * (days / 3) - 1;
  SetInterval(DayKey(from), DayKey(to), &date);
  return date;
}

v1::DateRule ProtoRule(DateRule rule) {
  switch (rule) {
    case DateRule::kAbsolute:
      return v1::DATE_RULE_ABSOLUTE;
    case DateRule::kYearFromPublication:
      return v1::DATE_RULE_YEAR_FROM_PUBLICATION;
    case DateRule::kYearFromAnchor:
      return v1::DATE_RULE_YEAR_FROM_ANCHOR;
    case DateRule::kRelativeToPublication:
      return v1::DATE_RULE_RELATIVE_TO_PUBLICATION;
    case DateRule::kWeekday:
      return v1::DATE_RULE_WEEKDAY;
    case DateRule::kFromRangeEnd:
      return v1::DATE_RULE_RANGE_END;
    case DateRule::kOffsetFromDate:
      return v1::DATE_RULE_OFFSET_FROM_DATE;
    case DateRule::kOffsetFromAnchor:
      return v1::DATE_RULE_OFFSET_FROM_ANCHOR;
    case DateRule::kOffsetOfClause:
      return v1::DATE_RULE_OFFSET_OF_CLAUSE;
  }
  return v1::DATE_RULE_UNSPECIFIED;
}

// `day` moved by whole years or months, keeping the day of month where it
// exists ("a year ago today"); days are added as they are.
absl::CivilDay ShiftDay(const absl::CivilDay& day, const DateOffset& offset) {
  absl::CivilMonth m = absl::CivilMonth(day) + offset.months + 12 * offset.years;
  const int last = DaysInMonth(static_cast<int>(m.year()), m.month());
  const absl::CivilDay out(m.year(), m.month(), day.day() < last ? day.day() : last);
  return out + offset.days;
}

DateOffset Negate(DateOffset offset) {
  offset.days = -offset.days;
  offset.months = -offset.months;
  offset.years = -offset.years;
  return offset;
}

}  // namespace

std::optional<DateOffset> WrittenOffset(const DateMatch& match) {
  const DateOffset offset = match.rule == DateRule::kOffsetOfClause ? Negate(match.offset) : match.offset;
  if (offset.days == 0 && offset.months == 0 && offset.years == 0) return std::nullopt;
  return offset;
}

v1::PartialDate ResolveRelativeTo(const DateOffset& offset, const v1::PartialDate& anchor) {
  v1::PartialDate out;
  if (IsUnset(anchor)) return out;
  bool approximate = offset.vague || anchor.approximate();
  int year = anchor.year(), month = anchor.month(), day = anchor.day();
  // "earlier in the day" after "in 1992" has no day to keep.
  if ((offset.precision == DateOffset::Precision::kDay && day == 0) ||
      (offset.precision == DateOffset::Precision::kMonth && month == 0)) {
    return out;
  }
  if (offset.day_of_month != 0) {
    // "the 5th": a day of the anchor's month (or of the next one, after a later day).
    if (month == 0) return out;
    if (day != 0 && offset.day_of_month < day) {
      const absl::CivilMonth next = absl::CivilMonth(year, month) + 1;
      year = static_cast<int>(next.year());
      month = next.month();
    }
    if (offset.day_of_month > DaysInMonth(year, month)) return Date(year, month, 0, true);
    return Date(year, month, offset.day_of_month, approximate);
  }
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
  if (offset.precision == DateOffset::Precision::kYear) month = 0;
  if (offset.precision == DateOffset::Precision::kYear || offset.precision == DateOffset::Precision::kMonth) day = 0;
  out = Date(year, month, day, approximate);
  return out;
}

v1::PartialDate YearFromAnchor(const v1::PartialDate& date, const v1::PartialDate& anchor,
                               const v1::PartialDate& published, bool future) {
  v1::PartialDate out;
  if (date.month() == 0 || IsUnset(anchor)) return out;
  int year = anchor.year();
  if (anchor.month() != 0 && Compare(0, date.month(), date.day(), 0, anchor.month(), anchor.day()) < 0) ++year;
  if (!future && published.year() != 0 &&
      Compare(year, date.month(), date.day(), published.year(), published.month() == 0 ? 12 : published.month(),
              published.day() == 0 ? 31 : published.day()) > 0) {
    return out;
  }
  out = date;
  MoveToYear(year, &out);
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
    std::vector<Found> found;  // what each match of `out` still needs
    for (int i = first_; i < end_;) {
      if (!MayStartDate(i)) {
        ++i;
        continue;
      }
      found_ = Found{};
      DateMatch start, end;
      if (MatchPartialRange(i, &start, &end)) {
        Add(&start, &out, &found);
        Add(&end, &out, &found);
        i = out.back().end_token;
        continue;
      }
      DateMatch m;
      m.first_token = i;
      if (MatchAt(i, &m)) {
        m.first_token = i;
        Add(&m, &out, &found);
        i = out.back().end_token;
      } else {
        ++i;
      }
    }
    MarkRanges(&out);
    ResolveInSentence(&out, found);
    RecordDerivations(&out, found);
    // "overnight" dates a sentence only when nothing else does.
    if (out.size() > 1) {
      size_t kept = 0;
      for (size_t j = 0; j < out.size(); ++j) {
        if (!found[j].weak) out[kept++] = std::move(out[j]);
      }
      out.resize(kept);
    }
    return out;
  }

 private:
  // What a match found by MatchAt still needs after the whole sentence is read.
  struct Found {
    bool clause = false;  // "N units after <clause>": dates the clause that follows
    bool weak = false;    // "overnight"
    int third = -1;       // "early 2019": the third of its period a qualifier names (ThirdNamedAt)
  };

  void Add(DateMatch* m, std::vector<DateMatch>* out, std::vector<Found>* found) {
    m->date.set_as_written(std::string(Span(m->first_token, m->end_token)));
    last_date_end_ = m->end_token;
    out->push_back(std::move(*m));
    found->push_back(found_);
    found_ = Found{};
  }

  absl::string_view Span(int first, int end) const {
    return text_.substr(static_cast<size_t>(T(first).begin), static_cast<size_t>(T(end - 1).end - T(first).begin));
  }

  const std::string& L(int k) const {
    static const std::string kEmpty;
    return k >= first_ && k < end_ ? tokens_[static_cast<size_t>(k)].lower : kEmpty;
  }
  const Token& T(int k) const { return tokens_[static_cast<size_t>(k)]; }
  uint32_t F(int k) const { return In(k) ? flags_[k - first_] : 0; }
  // DateWordFlags of token k (only for words with no cheaper test).
  uint32_t D(int k) const { return In(k) && T(k).shape == Token::Shape::kWord ? lx_.DateWordFlags(L(k)) : 0; }

  // A cheap test that rules out most tokens before the patterns run: a date
  // starts with a digit or a date word, or with a word ("last", "a", "two",
  // "the") shortly before a unit, season, weekday, qualifier, day word or part
  // of a day ("a few weeks later", "the early 1990s", "earlier today", "this
  // morning"), or with a determiner before a number or a part of a period
  // ("the 5th", "the end of 1993").
  bool MayStartDate(int i) const {
    const char c = L(i)[0];
    if (c >= '0' && c <= '9') return true;
    const uint32_t f = F(i);
    constexpr uint32_t kSelf = kQualifier | kMonth | kSeason | kDayWord | kWeekday | kTimeUnit | kDatePart;
    if (f & kSelf) return true;
    if ((f & kDeterminer) && In(i + 1) && L(i + 1)[0] >= '0' && L(i + 1)[0] <= '9') return true;
    constexpr uint32_t kHead = kTimeUnit | kSeason | kWeekday | kQualifier | kDayWord | kDatePart;
    return ((F(i + 1) | F(i + 2) | F(i + 3)) & kHead) != 0;
  }
  bool In(int k) const { return k >= first_ && k < end_; }
  bool Adjacent(int k) const { return In(k) && In(k - 1) && T(k).begin == T(k - 1).end; }
  bool IsDash(int k) const { return L(k) == "-"; }
  // A dash other than the ASCII hyphen ("–", "—").
  bool IsTypographicDash(int k) const { return IsDash(k) && T(k).end - T(k).begin > 1; }
  // A word that ends a clause for the weekday's tense test.
  bool ClauseBreak(int k) const {
    const std::string& s = L(k);
    return s == "," || s == ";" || s == ":" || s == "." || s == "(" || s == ")";
  }
  // True when token k joins two ends of a range opened before token `start`.
  bool JoinsRange(int k, int start) const {
    if (IsDash(k)) return true;
    return (D(k) & kRangeConnectorWord) && (D(start - 1) & kRangeOpenerWord) && lx_.IsRangePair(L(start - 1), L(k));
  }

  // A four-digit year token in range, or -1.
  int YearAt(int k) const {
    if (!In(k) || T(k).shape != Token::Shape::kNumber) return -1;
    const std::string& s = L(k);
    if (s.size() != 4 || !AllDigits(s)) return -1;
    const int y = DigitsValue(s);
    return y >= kMinYear && y <= kMaxYear ? y : -1;
  }

  // A day of month ("15", "09", "15th"), or -1. *ordinal is set when it has a suffix.
  int DayAt(int k, bool* ordinal = nullptr) const {
    if (!In(k)) return -1;
    const std::string& s = L(k);
    size_t digits = 0;
    while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
    if (digits == 0 || digits > 2) return -1;
    const absl::string_view suffix = absl::string_view(s).substr(digits);
    if (!suffix.empty() && suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") return -1;
    if (ordinal != nullptr) *ordinal = !suffix.empty();
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

  // A count at k ("a", "two", "3", "twenty-five"); sets *after. 0 when none.
  int CountAt(int k, int* after, bool* approximate) const {
    *approximate = false;
    if (L(k) == "a" || L(k) == "an") {
      *after = k + 1;
      return 1;
    }
    auto number = ReadNumber(tokens_, k, end_, lx_);
    if (!number.has_value() || number->value <= 0 || number->value > 1000) return 0;
    int value = static_cast<int>(number->value);
    *after = number->end_token;
    *approximate = number->approximate;
    // "twenty-five": tens, a hyphen and a unit number.
    if (value >= 20 && value < 100 && value % 10 == 0 && IsDash(*after) && Adjacent(*after) && Adjacent(*after + 1)) {
      auto units = ReadNumber(tokens_, *after + 1, end_, lx_);
      if (units.has_value() && units->value >= 1 && units->value <= 9 && units->first_token == *after + 1) {
        value += static_cast<int>(units->value);
        *after = units->end_token;
      }
    }
    return value;
  }

  bool HasPublished() const { return published_.year() != 0; }
  bool HasPublishedDay() const { return published_.day() != 0; }
  absl::CivilDay PublishedDay() const { return absl::CivilDay(published_.year(), published_.month(), published_.day()); }

  // Year of the most recent (month, day) not after publication, or with
  // `future` of the first one not before it; 0 when unknown.
  int YearForMonthDay(int month, int day, bool future = false) const {
    if (!HasPublished()) return 0;
    int year = published_.year();
    if (published_.month() == 0) return year;
    // A month alone (day 0) counts as its first day in the past, its last in the future.
    const int c = Compare(year, month, day != 0 ? day : future ? 31 : 1, year, published_.month(),
                          published_.day() != 0 ? published_.day() : future ? 1 : 31);
    if (!future && c > 0) --year;
    if (future && c < 0) ++year;
    return year;
  }

  // A four-digit year among tokens [k, k + 3): "two years later in 1994".
  bool ExplicitYearFollows(int k) const {
    for (int t = k; t < k + 3 && In(t); ++t) {
      if (YearAt(t) > 0) return true;
    }
    return false;
  }

  // Extends a match over a part of the day after it ("yesterday morning").
  int PastDayPart(int k) const { return (F(k) & kDatePart) && (D(k) & kDayPartWord) ? k + 1 : k; }

  // Absolute dates starting with a month, a day or a season, and decades.
  bool MatchCore(int i, DateMatch* m, bool year_alone_ok) {
    int after = 0;
    if (const int month = MonthAt(i, &after)) {
      const int day = DayAt(after);
      if (day > 0) {
        int k = after + 1;
        if (L(k) == ",") ++k;
        if (const int year = YearAt(k); year > 0) {
          return Set(m, k + 1, Date(year, month, day, false), false, DateRule::kAbsolute);
        }
        return Set(m, after + 1, Date(YearForMonthDay(month, day, FutureClause(i, after + 1)), month, day, false), true,
                   DateRule::kYearFromPublication);
      }
      int k = after;
      if (L(k) == "," || L(k) == "of") ++k;
      if (const int year = YearAt(k); year > 0) {
        return Set(m, k + 1, Date(year, month, 0, false), false, DateRule::kAbsolute);
      }
      // A month alone needs a preposition ("in January"): "May" is also a verb.
      // A capitalized month after a possessive modifies a noun ("Ruritania's May
      // request"): a verb never follows "'s".
      const bool possessed = In(i - 1) && L(i - 1) == "'s" && T(i).capitalized;
      if (year_alone_ok || possessed || (F(i - 1) & kYearPreposition)) {
        return Set(m, after, Date(YearForMonthDay(month, 0, FutureClause(i, after)), month, 0, false), true,
                   DateRule::kYearFromPublication);
      }
      return false;
    }
    if (const int day = DayAt(i); day > 0) {
      int k = i + 1;
      if (L(k) == "of") ++k;
      if (const int month = MonthAt(k, &after)) {
        if (const int year = YearAt(after); year > 0) {
          return Set(m, after + 1, Date(year, month, day, false), false, DateRule::kAbsolute);
        }
        return Set(m, after, Date(YearForMonthDay(month, day, FutureClause(i, after)), month, day, false), true,
                   DateRule::kYearFromPublication);
      }
      return false;
    }
    if (const lexicon::Season* season = lx_.FindSeason(L(i)); season != nullptr) {
      int k = i + 1;
      if (L(k) == "of") ++k;
      if (const int year = YearAt(k); year > 0) {
        return Set(m, k + 1, SeasonDate(year, *season, false), false, DateRule::kAbsolute);
      }
      // "during the autumn war", "in the spring": the latest such season by
      // publication (its year, approximate).
      if (L(i - 1) == "the" && (F(i - 2) & kYearPreposition) && HasPublished()) {
        const int py = published_.year(), pm = published_.month();
        const int year = pm == 0 || season->first_month() <= pm ? py : py - 1;
        return Set(m, i + 1, SeasonDate(year, *season, true), true, DateRule::kRelativeToPublication);
      }
      return false;
    }
    if (const int decade = DecadeAt(i); decade > 0) {
      return Set(m, i + 1, DecadeDate(decade), false, DateRule::kAbsolute);
    }
    if (year_alone_ok) {
      if (const int year = YearAt(i); year > 0) return Set(m, i + 1, Date(year, 0, 0, false), false, DateRule::kAbsolute);
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
      if (day >= 1 && day <= DaysInMonth(year, month)) {
        return Set(m, i + 5, Date(year, month, day, false), false, DateRule::kAbsolute);
      }
      return false;
    }
    return Set(m, i + 3, Date(year, month, 0, false), false, DateRule::kAbsolute);
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
    // Ranges and lists after a year: "1994 and 1999", "2014-2015", "from 2013 until 2021".
    if (!ok && (prev == "and" || prev == "or" || prev == "-" || prev == "," || (D(i - 1) & kRangeConnectorWord)) &&
        last_date_end_ == i - 1 && In(i - 2)) {
      ok = true;
    }
    // A range starting here: "2014-2015".
    if (!ok && L(i + 1) == "-" && YearAt(i + 2) > 0) ok = true;
    // An apposition: "In the same year, 2010, ...".
    if (!ok && prev == "," && (F(i - 2) & kTimeUnit) && L(i + 1) == ",") ok = true;
    // In parentheses: "(2019)".
    if (!ok && prev == "(" && L(i + 1) == ")") ok = true;
    // A timeline entry: "2013 — Serbia ...", "• 2013: ...", at the start of its sentence.
    const bool starts = !In(i - 1) || (T(i - 1).shape != Token::Shape::kWord &&
                                       T(i - 1).shape != Token::Shape::kNumber && !In(i - 2));
    if (!ok && starts && (L(i + 1) == "-" || L(i + 1) == ":")) ok = true;
    if (!ok) return false;
    return Set(m, i + 1, Date(year, 0, 0, false), false, DateRule::kAbsolute);
  }

  // "today", "tomorrow (16 February)", "yesterday morning", "overnight".
  bool MatchDayWord(int i, DateMatch* m) {
    const lexicon::DayWord* word = lx_.FindDayWord(L(i));
    if (word == nullptr) return false;
    v1::PartialDate date;
    if (HasPublishedDay()) {
      const absl::CivilDay day = PublishedDay() + word->offset_days();
      date = DayDate(day, word->approximate());
      // "overnight": that day or the night before it.
      if (word->approximate()) SetInterval(DayKey(day - 1), DayKey(day), &date);
    }
    int end = PastDayPart(i + 1);
    DateRule rule = DateRule::kRelativeToPublication;
    // An explicit date in parentheses wins: "Tomorrow (16 February)".
    if (L(end) == "(") {
      DateMatch inner;
      if (MatchCore(end + 1, &inner, false) && L(inner.end_token) == ")") {
        end = inner.end_token + 1;
        v1::PartialDate explicit_date = inner.date;
        if (inner.relative && date.year() != 0) MoveToYear(date.year(), &explicit_date);
        date = explicit_date;
        if (!inner.relative) rule = DateRule::kAbsolute;
      }
    }
    if (date.year() == 0 && !HasPublishedDay() && end == i + 1) return false;
    found_.weak = word->weak();
    return Set(m, end, date, true, rule);
  }

  // True when a future marker ("will") comes before token i in its clause, or
  // just after a sentence-initial date ("On Monday, ministers will meet").
  bool FutureClause(int i, int end) const {
    for (int k = i - 1; k >= first_ && k >= i - 12 && !ClauseBreak(k); --k) {
      if (D(k) & kFutureMarkerWord) return true;
    }
    if (i - first_ <= 1) {
      int t = end;
      if (L(t) == ",") ++t;
      for (int n = 0; n < 4 && In(t) && !ClauseBreak(t); ++n, ++t) {
        if (D(t) & kFutureMarkerWord) return true;
      }
    }
    return false;
  }

  // "on Thursday": the latest such day not after publication, or the first one
  // not before it in a future clause; "Thursday, 6 January 2022": the date.
  bool MatchWeekday(int i, DateMatch* m) {
    if (!(F(i) & kWeekday) || !T(i).capitalized) return false;
    // A written date after the weekday wins.
    {
      int k = i + 1;
      if (L(k) == ",") ++k;
      DateMatch inner;
      if (MatchCore(k, &inner, false) && inner.date.day() != 0) {
        *m = inner;
        return true;
      }
    }
    if (!HasPublishedDay()) return false;
    const int weekday = lx_.WeekdayNumber(L(i)) - 1;  // Monday = 0
    const absl::CivilDay pub = PublishedDay();
    const int end = PastDayPart(i + 1);
    const absl::CivilDay day = FutureClause(i, end) ? pub + ((weekday - WeekdayIndex(pub) + 7) % 7)
                                                    : pub - ((WeekdayIndex(pub) - weekday + 7) % 7);
    return Set(m, end, DayDate(day, false), true, DateRule::kWeekday);
  }

  // "next Monday", "last Friday" (the weekday at i + 1).
  bool MatchDeicticWeekday(int i, int direction, DateMatch* m) {
    if (!(F(i + 1) & kWeekday) || !HasPublishedDay() || direction == 0) return false;
    const int weekday = lx_.WeekdayNumber(L(i + 1)) - 1;
    const absl::CivilDay pub = PublishedDay();
    const int pub_weekday = WeekdayIndex(pub);
    const absl::CivilDay day = direction > 0 ? pub + ((weekday - pub_weekday + 6) % 7 + 1)
                                             : pub - ((pub_weekday - weekday + 6) % 7 + 1);
    return Set(m, PastDayPart(i + 2), DayDate(day, false), true, DateRule::kWeekday);
  }

  // The calendar week (Monday to Sunday) `direction` weeks from publication's,
  // cut at publication by `qualifier` (-1 "earlier this week", +1 "later this week").
  v1::PartialDate WeekDate(int direction, int qualifier) const {
    const absl::CivilDay pub = PublishedDay();
    const absl::CivilDay monday = pub - WeekdayIndex(pub) + 7 * direction;
    absl::CivilDay lo = monday, hi = monday + 6;
    if (direction == 0 && qualifier < 0) hi = pub;
    if (direction == 0 && qualifier > 0) lo = pub;
    return SpanDate(lo, hi, false);
  }

  // "last year", "this month", "next spring", "last fall", "last week", "this
  // morning", "last night", "this coming Monday". `qualifier` is -1 or +1 after
  // "earlier" or "later" ("earlier this week").
  bool MatchDeictic(int i, DateMatch* m, int qualifier = 0) {
    const uint32_t flags = F(i);
    const int direction = (flags & kPastWord) ? -1 : (flags & kPresentWord) ? 0 : (flags & kFutureWord) ? 1 : 2;
    if (direction == 2 || !In(i + 1)) return false;
    // "the last year" is a span, not a date.
    if (F(i - 1) & kDeterminer) return false;
    if (!HasPublished()) return false;
    if (MatchDeicticWeekday(i, direction, m)) return true;
    if (direction == 0 && (F(i + 1) & (kPastWord | kFutureWord)) && (F(i + 2) & kWeekday)) {
      // "this coming Monday", "this past Friday".
      return MatchDeicticWeekday(i + 1, (F(i + 1) & kPastWord) ? -1 : 1, m);
    }
    if (direction == 0 && (F(i + 1) & kWeekday)) return MatchWeekday(i + 1, m);  // "this Monday"
    const int py = published_.year(), pm = published_.month();
    if ((F(i + 1) & kDatePart) && (D(i + 1) & kDayPartWord)) {
      // "this morning", "last night"; "next morning" is the day after an anchor.
      if (direction > 0 || !HasPublishedDay()) return false;
      return Set(m, i + 2, DayDate(PublishedDay() + direction, false), true, DateRule::kRelativeToPublication);
    }
    if (const lexicon::TimeUnit* unit = lx_.FindTimeUnit(L(i + 1))) {
      if (lx_.IsPluralUnit(L(i + 1))) return false;  // "the past years"
      if (unit->years() == 1) return Set(m, i + 2, Date(py + direction, 0, 0, false), true, DateRule::kRelativeToPublication);
      if (unit->months() == 1 && pm != 0) {
        const absl::CivilMonth mm = absl::CivilMonth(py, pm) + direction;
        return Set(m, i + 2, Date(static_cast<int>(mm.year()), mm.month(), 0, false), true,
                   DateRule::kRelativeToPublication);
      }
      if (unit->days() == 7 && HasPublishedDay()) {
        return Set(m, i + 2, WeekDate(direction, qualifier), true, DateRule::kRelativeToPublication);
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
      return Set(m, i + 2, SeasonDate(year, *season, /*year_is_start=*/pm != 0), true,
                 DateRule::kRelativeToPublication);
    }
    return false;
  }

  // An offset from the previous date: `step` units of `unit`, or the same
  // period (step 0) at the unit's precision.
  static DateOffset AnchorOffset(const lexicon::TimeUnit& unit, int step) {
    DateOffset offset;
    offset.days = step * unit.days();
    offset.months = step * unit.months();
    offset.years = step * unit.years();
    if (step == 0) {
      offset.precision = unit.years() > 0    ? DateOffset::Precision::kYear
                         : unit.months() > 0 ? DateOffset::Precision::kMonth
                                             : DateOffset::Precision::kDay;
      offset.vague = unit.days() > 1;  // "that week"
    }
    return offset;
  }

  bool SetAnchored(DateMatch* m, int end, const DateOffset& offset, const v1::PartialDate& fallback = {}) {
    m->needs_anchor = true;
    m->offset = offset;
    return Set(m, end, fallback, true, IsUnset(fallback) ? DateRule::kOffsetFromAnchor : DateRule::kRelativeToPublication);
  }

  // "the following year", "the previous day", "the same month", "that year".
  bool MatchAnchorWord(int i, DateMatch* m, bool same_only = false) {
    int k = i;
    if (L(k) == "the" || ((F(k) & kDeterminer) && lx_.FindAnchorWord(L(k)) == nullptr)) ++k;
    const lexicon::AnchorWord* word = lx_.FindAnchorWord(L(k));
    if (word == nullptr || (same_only && word->step() != 0)) return false;
    // Without "the", only words that are not deictic ("that year"; "next year"
    // counts from publication).
    if (k == i && (F(k) & (kPastWord | kPresentWord | kFutureWord))) return false;
    // "In the same year, 2010, ...": the written year wins.
    if (ExplicitYearFollows(k + 2)) return false;
    const lexicon::TimeUnit* unit = lx_.FindTimeUnit(L(k + 1));
    if (unit == nullptr && (F(k + 1) & kDatePart) && (D(k + 1) & kDayPartWord)) {
      // "the next morning", "that night": a day.
      DateOffset offset;
      offset.days = word->step();
      offset.precision = DateOffset::Precision::kDay;
      return SetAnchored(m, k + 2, offset);
    }
    if (unit == nullptr || lx_.IsPluralUnit(L(k + 1))) return false;
    return SetAnchored(m, k + 2, AnchorOffset(*unit, word->step()));
  }

  // "the 5th" ("on the night of the 5th"): a day of the previous date's month;
  // without one, the latest such day not after publication.
  bool MatchDayOfMonth(int i, DateMatch* m) {
    if (L(i) != "the") return false;
    bool ordinal = false;
    const int day = DayAt(i + 1, &ordinal);
    if (day < 0 || !ordinal) return false;
    DateMatch written;
    if (MatchCore(i + 1, &written, false)) return false;  // "the 3rd of March 2004"
    const int next = i + 2;
    if (In(next) && T(next).shape != Token::Shape::kPunctuation && !(F(next) & kYearPreposition) &&
        !(D(next) & kRangeConnectorWord)) {
      return false;  // "the 102nd base", "the 5th Army"
    }
    DateOffset offset;
    offset.day_of_month = day;
    v1::PartialDate fallback;
    if (HasPublishedDay()) {
      absl::CivilMonth month(published_.year(), published_.month());
      if (day > published_.day()) month -= 1;
      if (day > DaysInMonth(static_cast<int>(month.year()), month.month())) month -= 1;
      fallback = Date(static_cast<int>(month.year()), month.month(), day, false);
    }
    if (!SetAnchored(m, next, offset, fallback)) return false;
    if (!IsUnset(fallback)) m->rule = DateRule::kYearFromPublication;
    return true;
  }

  // "the end of 1993", "the beginning of January", "the middle of the 1990s",
  // "end-2021", "by the end of the year".
  bool MatchPeriodPart(int i, DateMatch* m) {
    int k = i;
    if (F(k) & kDeterminer) ++k;
    if (!(F(k) & kDatePart) || !(D(k) & kPeriodPartWord)) return false;
    int j = k + 1;
    if (L(j) == "of" || (IsDash(j) && Adjacent(j) && Adjacent(j + 1))) {
      ++j;
    } else {
      return false;
    }
    // "the end of the year": the period of the previous date, or of publication.
    if (L(j) == "the" && lx_.FindTimeUnit(L(j + 1)) != nullptr && !lx_.IsPluralUnit(L(j + 1)) &&
        !ExplicitYearFollows(j + 2)) {
      const lexicon::TimeUnit& unit = *lx_.FindTimeUnit(L(j + 1));
      if (unit.days() > 1) return false;  // "the end of the week": no precision to keep
      DateOffset offset = AnchorOffset(unit, 0);
      offset.vague = true;
      v1::PartialDate fallback;
      if (HasPublished()) fallback = ResolveRelativeTo(offset, published_);
      return SetAnchored(m, j + 2, offset, fallback);
    }
    DateMatch inner;
    const Found before = found_;
    if (!MatchAt(j, &inner) || inner.needs_anchor || IsUnset(inner.date)) {
      found_ = before;  // what the inner match found is not this match's
      return false;
    }
    *m = inner;
    m->date.set_approximate(true);
    found_.third = ThirdNamedAt(k);
    m->end_token = inner.end_token;
    return true;
  }

  // "earlier today", "later this month", "earlier in the day", "later that year".
  bool MatchEarlierLater(int i, DateMatch* m) {
    const uint32_t f = F(i);
    if (!(f & (kEarlierWord | kLaterWord))) return false;
    const int qualifier = (f & kEarlierWord) ? -1 : 1;
    DateMatch inner;
    if (MatchDayWord(i + 1, &inner) || MatchDeictic(i + 1, &inner, qualifier) || MatchAnchorWord(i + 1, &inner, true)) {
      *m = inner;
      return true;
    }
    // "earlier in the day": the day of the previous date, or of publication.
    if ((F(i + 1) & kYearPreposition) && L(i + 2) == "the") {
      const lexicon::TimeUnit* unit = lx_.FindTimeUnit(L(i + 3));
      if (unit == nullptr || lx_.IsPluralUnit(L(i + 3)) || ExplicitYearFollows(i + 4)) return false;
      const DateOffset offset = AnchorOffset(*unit, 0);
      v1::PartialDate fallback;
      if (unit->days() == 7) {
        if (HasPublishedDay()) fallback = WeekDate(0, qualifier);
      } else if (HasPublished() && (unit->days() == 0 || HasPublishedDay())) {
        fallback = ResolveRelativeTo(offset, published_);
        fallback.set_approximate(false);
      }
      return SetAnchored(m, i + 4, offset, fallback);
    }
    return false;
  }

  // "a week later", "two years earlier", "three days ago", "days later", "a
  // year ago today", "a month after 15 May 1992", "a day after <clause>", "the
  // day before".
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
    } else if (L(i) == "the" && lx_.FindTimeUnit(L(i + 1)) != nullptr && !lx_.IsPluralUnit(L(i + 1)) &&
               (D(i + 2) & (kAfterWord | kBeforeWord))) {
      k = i + 1;  // "the day after", "the year before"
    } else if (int after = 0; (count = CountAt(i, &after, &vague)) > 0) {
      k = after;
    } else if (lx_.IsPluralUnit(L(i))) {
      vague = true;  // "days later"
      count = 2;
    } else {
      return false;
    }
    const lexicon::TimeUnit* unit = lx_.FindTimeUnit(L(k));
    if (unit == nullptr) return false;
    const uint32_t flags = F(k + 1);
    const uint32_t preposition = D(k + 1) & (kAfterWord | kBeforeWord);
    int sign = 0;
    if (flags & kLaterWord) sign = 1;
    if (flags & (kEarlierWord | kAgoWord)) sign = -1;
    if (preposition & kAfterWord) sign = 1;
    if (preposition & kBeforeWord) sign = -1;
    if (sign == 0) return false;
    DateOffset offset;
    offset.days = sign * count * unit->days();
    offset.months = sign * count * unit->months();
    offset.years = sign * count * unit->years();
    offset.vague = vague;
    m->offset = offset;
    if (preposition != 0) {
      // "a month after 15 May 1992": counted from the date that follows.
      const Found saved = found_;
      int j = k + 2;
      DateMatch inner;
      bool dated = MatchAt(j, &inner);
      if (!dated && (F(j) & kDeterminer) && YearAt(j + 1) > 0) dated = MatchContextYear(j + 1, &inner);  // "the 2020 war"
      found_ = saved;
      if (dated && !inner.needs_anchor && inner.date.year() != 0) {
        return Set(m, inner.end_token, ResolveRelativeTo(offset, inner.date), inner.relative, DateRule::kOffsetFromDate);
      }
      // "the day before.": the previous date's neighbour.
      if (!In(k + 2) || T(k + 2).shape == Token::Shape::kPunctuation) {
        return SetAnchored(m, k + 2, offset);
      }
      // "a day after the president appealed": dates the clause that follows.
      found_.clause = true;
      return SetAnchored(m, k + 2, offset);
    }
    // "two years later in 1994": the explicit year wins.
    if (ExplicitYearFollows(k + 2)) return false;
    if (flags & kAgoWord) {
      if (!HasPublished()) return Set(m, k + 2, v1::PartialDate(), true, DateRule::kRelativeToPublication);
      // "a year ago today": the same day then.
      if (const lexicon::DayWord* word = lx_.FindDayWord(L(k + 2));
          word != nullptr && word->offset_days() == 0 && !word->weak() && HasPublishedDay()) {
        // The words name the day they count from: no distance to count again
        // from another date (see WrittenOffset).
        m->offset = DateOffset();
        return Set(m, k + 3, DayDate(ShiftDay(PublishedDay(), offset), vague), true, DateRule::kRelativeToPublication);
      }
      // "two weeks ago": the week around that day.
      if (unit->days() % 7 == 0 && unit->days() > 0 && HasPublishedDay()) {
        const absl::CivilDay center = PublishedDay() + offset.days;
        return Set(m, k + 2, SpanDate(center - 3, center + 3, vague), true, DateRule::kRelativeToPublication);
      }
      return Set(m, k + 2, ResolveRelativeTo(offset, published_), true, DateRule::kRelativeToPublication);
    }
    return SetAnchored(m, k + 2, offset);
  }

  // Ranges whose first end is written in part: "January 6-19, 2022", "6-19
  // January 2022", "from 6 to 19 January", "January-March 2022", "1993-99".
  bool MatchPartialRange(int i, DateMatch* a, DateMatch* b) {
    int after = 0;
    // "January 6-19, 2022", "January 6 to 19".
    if (const int month = MonthAt(i, &after)) {
      const int d1 = DayAt(after);
      if (d1 > 0 && JoinsRange(after + 1, i)) {
        const int d2 = DayAt(after + 2);
        int k = after + 3;
        if (d2 > d1 && !lx_.MonthNumber(L(k))) {
          if (L(k) == "," && YearAt(k + 1) > 0) ++k;
          const int year = YearAt(k);
          const int y = year > 0 ? year : YearForMonthDay(month, d2);
          if (y != 0 && d2 > DaysInMonth(y, month)) return false;
          const DateRule rule = year > 0 ? DateRule::kFromRangeEnd : DateRule::kYearFromPublication;
          SetRange(a, i, after + 1, Date(y, month, d1, false), year <= 0, rule, DateRole::kRangeStart);
          SetRange(b, after + 2, year > 0 ? k + 1 : after + 3, Date(y, month, d2, false), year <= 0, rule,
                   DateRole::kRangeEnd);
          return true;
        }
      }
      // "January-March 2022", "from January to March".
      int probe = 0;
      DateMatch end;
      if (d1 < 0 && JoinsRange(after, i) && MonthAt(after + 1, &probe) && MatchCore(after + 1, &end, true) &&
          end.date.day() == 0 && end.date.month() != 0) {
        const int y = end.date.year() == 0 ? 0 : end.date.year() - (month > end.date.month() ? 1 : 0);
        SetRange(a, i, after, Date(y, month, 0, false), end.relative,
                 end.relative ? DateRule::kYearFromPublication : DateRule::kFromRangeEnd, DateRole::kRangeStart);
        *b = end;
        b->first_token = after + 1;
        b->role = DateRole::kRangeEnd;
        return true;
      }
      return false;
    }
    // "6-19 January 2022", "from 6 to 19 January".
    if (const int d1 = DayAt(i); d1 > 0 && T(i).shape == Token::Shape::kNumber && JoinsRange(i + 1, i)) {
      const int d2 = DayAt(i + 2);
      DateMatch end;
      if (d2 > d1 && MatchCore(i + 2, &end, false) && end.date.day() == d2) {
        SetRange(a, i, i + 1, Date(end.date.year(), end.date.month(), d1, false), end.relative,
                 end.relative ? DateRule::kYearFromPublication : DateRule::kFromRangeEnd, DateRole::kRangeStart);
        *b = end;
        b->first_token = i + 2;
        b->role = DateRole::kRangeEnd;
        return true;
      }
    }
    // "1993-99", "(2006-12)": the end's century from the start.
    if (const int y1 = YearAt(i); y1 > 0 && IsDash(i + 1)) {
      const std::string& s = L(i + 2);
      if (In(i + 2) && T(i + 2).shape == Token::Shape::kNumber && s.size() == 2 && AllDigits(s)) {
        const int yy = DigitsValue(s);
        // With an ASCII hyphen, "2021-04" is a month.
        if (!IsTypographicDash(i + 1) && yy >= 1 && yy <= 12) return false;
        if (IsDash(i + 3) && Adjacent(i + 3)) return false;  // "2022-01-05"-like
        int y2 = y1 / 100 * 100 + yy;
        if (y2 <= y1) y2 += 100;
        if (y2 > kMaxYear) return false;
        SetRange(a, i, i + 1, Date(y1, 0, 0, false), false, DateRule::kAbsolute, DateRole::kRangeStart);
        SetRange(b, i + 2, i + 3, Date(y2, 0, 0, false), false, DateRule::kFromRangeEnd, DateRole::kRangeEnd);
        return true;
      }
    }
    return false;
  }

  static void SetRange(DateMatch* m, int first, int end, const v1::PartialDate& date, bool relative, DateRule rule,
                       DateRole role) {
    m->first_token = first;
    Set(m, end, date, relative, rule);
    m->role = role;
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
    if (MatchPeriodPart(i, m)) return true;
    if (MatchDayOfMonth(i, m)) return true;
    if (MatchOffset(i, m)) return true;
    if (MatchAnchorWord(i, m)) return true;
    if (MatchQualified(i, m)) return true;
    if (MatchEarlierLater(i, m)) return true;
    if (MatchDayWord(i, m)) return true;
    if (MatchWeekday(i, m)) return true;
    if (MatchDeictic(i, m)) return true;
    if (MatchCore(i, m, false)) return true;
    return MatchContextYear(i, m);
  }

  // "early 2019", "mid-2010", "late January 2022", "early 1990s", "late June".
  bool MatchQualified(int i, DateMatch* m) {
    if (!(F(i) & kQualifier)) return false;
    int k = i + 1;
    if (L(k) == "-" && Adjacent(k)) ++k;
    DateMatch inner;
    if (!MatchCore(k, &inner, true)) return false;
    inner.date.set_approximate(true);
    found_.third = ThirdNamedAt(i);
    return Set(m, inner.end_token, inner.date, inner.relative, inner.rule);
  }

  // Marks two dates joined as a range ("from 1993 to 1999", "2006-2012",
  // "between 1994 and 1999") and completes a start written without its year
  // from the end ("from 30 December to 2 January 2022").
  void MarkRanges(std::vector<DateMatch>* out) const {
    for (size_t j = 0; j + 1 < out->size(); ++j) {
      DateMatch& a = (*out)[j];
      DateMatch& b = (*out)[j + 1];
      if (a.role != DateRole::kPoint || b.role != DateRole::kPoint || a.needs_anchor || b.needs_anchor) continue;
      if (b.first_token != a.end_token + 1 || !JoinsRange(a.end_token, a.first_token)) continue;
      a.role = DateRole::kRangeStart;
      b.role = DateRole::kRangeEnd;
      if (a.rule == DateRule::kYearFromPublication && b.rule != DateRule::kYearFromPublication && b.date.year() != 0 &&
          a.date.month() != 0) {
        const int year = b.date.year() - (Compare(0, a.date.month(), a.date.day(), 0, b.date.month(), b.date.day()) > 0);
        MoveToYear(year, &a.date);
        a.rule = DateRule::kFromRangeEnd;
        a.relative = false;
      }
      ++j;
    }
  }

  // Resolves offsets against a date earlier in the sentence ("in 1999 ...
  // seven years later", "In January ... the 5th"), and "N units after
  // <clause>" against the sentence's own date.
  void ResolveInSentence(std::vector<DateMatch>* out, const std::vector<Found>& found) const {
    const DateMatch* previous = nullptr;  // the last resolved date
    for (size_t j = 0; j < out->size(); ++j) {
      DateMatch& m = (*out)[j];
      if (m.needs_anchor) {
        const std::string as_written = m.date.as_written();
        if (found[j].clause) {
          const DateMatch* own = previous;
          // "A day after the president appealed, troops arrived on Thursday."
          if (own == nullptr && SentenceInitial(m.first_token)) {
            for (size_t t = j + 1; t < out->size() && own == nullptr; ++t) {
              const DateMatch& later = (*out)[t];
              if (later.needs_anchor || later.date.year() == 0) continue;
              for (int k = m.end_token; k < later.first_token; ++k) {
                if (L(k) == ",") {
                  own = &later;
                  break;
                }
              }
              if (own == nullptr) break;  // a date inside the clause
            }
          }
          // The clause's date is the sentence's time minus the offset; without
          // a date in the sentence, that time is the previous date in the
          // text (for the caller), or the publication date.
          m.offset = Negate(m.offset);
          m.rule = DateRule::kOffsetOfClause;
          if (own != nullptr) {
            m.date = ResolveRelativeTo(m.offset, own->date);
            m.date.set_anchor(FormatDate(own->date));
            m.needs_anchor = false;
          } else if (HasPublished()) {
            m.date = ResolveRelativeTo(m.offset, published_);
            m.date.set_anchor(FormatDate(published_));
          }
        } else if (previous != nullptr) {
          if (v1::PartialDate date = ResolveRelativeTo(m.offset, previous->date); !IsUnset(date)) {
            m.date = date;
            m.date.set_anchor(FormatDate(previous->date));
            m.rule = DateRule::kOffsetFromAnchor;
            m.needs_anchor = false;
          }
        }
        m.date.set_as_written(as_written);
      } else if (m.rule == DateRule::kYearFromPublication && previous != nullptr && m.role == DateRole::kPoint &&
                 previous->rule != DateRule::kYearFromPublication) {
        // "Ruritania on 24 September 2031, Freedonia on 9 December": the year
        // of the date before (unless that one too took its year from
        // publication: the caller may still find the narrative's year for both).
        v1::PartialDate date = YearFromAnchor(m.date, previous->date, published_, FutureClause(m.first_token, m.end_token));
        if (!IsUnset(date)) {
          m.date = date;
          m.date.set_anchor(FormatDate(previous->date));
          m.rule = DateRule::kYearFromAnchor;
        }
      }
      if (!m.needs_anchor && m.date.year() != 0) previous = &m;
    }
  }

  // True when only punctuation comes before token k in the sentence.
  bool SentenceInitial(int k) const {
    for (int t = first_; t < k; ++t) {
      if (T(t).shape != Token::Shape::kPunctuation) return false;
    }
    return true;
  }

  // Returns the third of a period the qualifier or period part at token k
  // names ("early": 0, "mid": 1, "the end of": 2), or -1 ("the turn of").
  int ThirdNamedAt(int k) const {
    const uint32_t word = D(k);
    if (word & kFirstThirdWord) return 0;
    if (word & kMiddleThirdWord) return 1;
    if (word & kLastThirdWord) return 2;
    return -1;
  }

  // Records on each match's date how it was resolved (rule and anchor) and
  // the interval it means (see v1::PartialDate), once its year is settled:
  // a qualified date is narrowed to the third its word names. Anchors set
  // while resolving (the previous date, the sentence's date) stay.
  void RecordDerivations(std::vector<DateMatch>* out, const std::vector<Found>& found) const {
    for (size_t j = 0; j < out->size(); ++j) {
      DateMatch& m = (*out)[j];
      if (IsUnset(m.date)) continue;
      if (found[j].third >= 0) m.date = NarrowedToThird(std::move(m.date), found[j].third);
      m.date.set_rule(ProtoRule(m.rule));
      if (m.date.anchor().empty()) {
        if (m.rule == DateRule::kYearFromPublication || m.rule == DateRule::kRelativeToPublication ||
            m.rule == DateRule::kWeekday) {
          m.date.set_anchor(FormatDate(published_));
        } else if (m.rule == DateRule::kFromRangeEnd) {
          const DateMatch* other = m.role == DateRole::kRangeStart && j + 1 < out->size() ? &(*out)[j + 1]
                                   : m.role == DateRole::kRangeEnd && j > 0            ? &(*out)[j - 1]
                                                                                        : nullptr;
          if (other != nullptr) m.date.set_anchor(FormatDate(other->date));
        }
      }
      CompleteInterval(&m.date);
    }
  }

  static bool Set(DateMatch* m, int end_token, const v1::PartialDate& date, bool relative, DateRule rule) {
    m->end_token = end_token;
    m->date = date;
    m->relative = relative;
    m->rule = rule;
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
  Found found_;  // set by the matchers for the match being read
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
  // A whole-phrase date is metadata (a publication date), quoted with every
  // piece of evidence: its parts and words say all, so it goes without the
  // interval and rule a date read from a sentence carries.
  v1::PartialDate date = std::move(matches[0].date);
  date.clear_earliest();
  date.clear_latest();
  date.clear_rule();
  date.clear_anchor();
  return date;
}

}  // namespace alliance::ingest
