#include "common/partial_date.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace alliance {
namespace {

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

absl::Status Invalid(absl::string_view field, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", why));
}

bool ParseDigits(absl::string_view s, size_t width, int* out) {
  if (s.size() != width) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return absl::SimpleAtoi(s, out);
}

absl::Status ValidateParts(int year, int month, int day, absl::string_view field) {
  if (year < 1 || year > 9999) return Invalid(field, absl::StrCat("year ", year, " is out of range 1..9999"));
  if (month < 0 || month > 12) return Invalid(field, absl::StrCat("month ", month, " is out of range 1..12"));
  if (day < 0 || day > 31) return Invalid(field, absl::StrCat("day ", day, " is out of range 1..31"));
  if (day != 0 && month == 0) return Invalid(field, "a day needs a month");
  if (day != 0 && day > DaysInMonth(year, month)) {
    return Invalid(field, absl::StrFormat("%04d-%02d has no day %d", year, month, day));
  }
  return absl::OkStatus();
}

// Returns the yyyymmdd number of an ISO day "YYYY-MM-DD" that exists; 0
// otherwise (also for "").
int32_t ParseDayKey(absl::string_view text) {
  int year = 0, month = 0, day = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !ParseDigits(text.substr(0, 4), 4, &year) ||
      !ParseDigits(text.substr(5, 2), 2, &month) || !ParseDigits(text.substr(8, 2), 2, &day)) {
    return 0;
  }
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return 0;
  return year * 10000 + month * 100 + day;
}

}  // namespace

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && IsLeap(year)) return 29;
  return kDays[month - 1];
}

v1::PartialDate MakeDate(int year, int month, int day) {
  v1::PartialDate date;
  date.set_year(year);
  date.set_month(month);
  date.set_day(day);
  return date;
}

absl::StatusOr<v1::PartialDate> ParseIsoDate(absl::string_view text, absl::string_view field) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, '-');
  int year = 0, month = 0, day = 0;
  const bool shape_ok = !parts.empty() && parts.size() <= 3 && ParseDigits(parts[0], 4, &year) &&
                        (parts.size() < 2 || ParseDigits(parts[1], 2, &month)) &&
                        (parts.size() < 3 || ParseDigits(parts[2], 2, &day));
  if (!shape_ok || (parts.size() >= 2 && month == 0) || (parts.size() == 3 && day == 0)) {
    return Invalid(field, absl::StrCat("\"", text, "\" is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)"));
  }
  absl::Status valid = ValidateParts(year, month, day, field);
  if (!valid.ok()) return valid;
  v1::PartialDate date = MakeDate(year, month, day);
  date.set_as_written(std::string(text));
  return date;
}

absl::StatusOr<v1::PartialDate> NormalizeRequestDate(const v1::PartialDate& date,
                                                     absl::string_view field) {
  if (date.year() == 0) {
    if (date.month() != 0 || date.day() != 0) return Invalid(field, "month or day given without a year");
    if (date.as_written().empty()) return date;
    return ParseIsoDate(date.as_written(), field);
  }
  absl::Status valid = ValidateParts(date.year(), date.month(), date.day(), field);
  if (!valid.ok()) return valid;
  v1::PartialDate parts = date;
  parts.clear_earliest();
  parts.clear_latest();
  parts.clear_rule();
  parts.clear_anchor();
  return parts;
}

bool IsUnset(const v1::PartialDate& date) { return date.year() == 0; }

DayInterval IntervalOf(const v1::PartialDate& date) {
  if (IsUnset(date)) return DayInterval();
  const int32_t earliest = ParseDayKey(date.earliest()), latest = ParseDayKey(date.latest());
  if (earliest != 0 && latest != 0 && earliest <= latest) return DayInterval{earliest, latest};
  int month = date.month(), day = date.day();
  if (date.approximate()) {
    // An approximate date vouches for one unit more than it says.
    if (day != 0) {
      day = 0;
    } else {
      month = 0;
    }
  }
  const int first_month = month == 0 ? 1 : month, last_month = month == 0 ? 12 : month;
  const int first_day = day == 0 ? 1 : day;
  const int last_day = day == 0 ? DaysInMonth(date.year(), last_month) : day;
  return DayInterval{date.year() * 10000 + first_month * 100 + first_day,
                     date.year() * 10000 + last_month * 100 + last_day};
}

int32_t FirstDayKey(const v1::PartialDate& date) { return IntervalOf(date).first; }

int32_t LastDayKey(const v1::PartialDate& date) { return IntervalOf(date).last; }

std::string FormatDayKey(int32_t key) {
  return absl::StrFormat("%04d-%02d-%02d", key / 10000, key / 100 % 100, key % 100);
}

void SetInterval(int32_t first, int32_t last, v1::PartialDate* date) {
  date->set_earliest(FormatDayKey(first));
  date->set_latest(FormatDayKey(last));
}

void MoveToYear(int year, v1::PartialDate* date) {
  const int shift = year - date->year();
  date->set_year(year);
  if (shift == 0) return;
  auto moved = [shift](const std::string& day) -> std::string {
    const int32_t key = ParseDayKey(day);
    if (key == 0) return day;
    const int y = key / 10000 + shift, m = key / 100 % 100;
    const int d = std::min(key % 100, DaysInMonth(y, m));
    return FormatDayKey(y * 10000 + m * 100 + d);
  };
  date->set_earliest(moved(date->earliest()));
  date->set_latest(moved(date->latest()));
}

void CompleteInterval(v1::PartialDate* date) {
  if (IsUnset(*date)) return;
  if (ParseDayKey(date->earliest()) != 0 && ParseDayKey(date->latest()) != 0) return;
  const DayInterval interval = IntervalOf(*date);
  SetInterval(interval.first, interval.last, date);
}

int CompareDates(const v1::PartialDate& a, const v1::PartialDate& b) {
  if (IsUnset(a) || IsUnset(b)) return static_cast<int>(IsUnset(a)) - static_cast<int>(IsUnset(b));
  const int32_t fa = FirstDayKey(a), fb = FirstDayKey(b);
  if (fa != fb) return fa < fb ? -1 : 1;
  const int32_t la = LastDayKey(a), lb = LastDayKey(b);
  if (la != lb) return la > lb ? -1 : 1;  // the coarser (longer) interval first
  return 0;
}

bool Refines(const v1::PartialDate& finer, const v1::PartialDate& coarser) {
  if (IsUnset(finer) || IsUnset(coarser)) return false;
  return FirstDayKey(finer) >= FirstDayKey(coarser) && LastDayKey(finer) <= LastDayKey(coarser);
}

bool Compatible(const v1::PartialDate& a, const v1::PartialDate& b) {
  return Refines(a, b) || Refines(b, a);
}

std::string FormatDate(const v1::PartialDate& date) {
  if (IsUnset(date)) return "";
  if (date.month() == 0) return absl::StrFormat("%04d", date.year());
  if (date.day() == 0) return absl::StrFormat("%04d-%02d", date.year(), date.month());
  return absl::StrFormat("%04d-%02d-%02d", date.year(), date.month(), date.day());
}

}  // namespace alliance
