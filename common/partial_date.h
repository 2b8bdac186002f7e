// Parsing, validation, ordering and formatting of alliance.v1.PartialDate.
//
// A PartialDate is known to the year, month or day. For ordering, range
// filters, merges and `as_of` answers a partial date is treated as the
// interval of days it can mean (IntervalOf): its `earliest`..`latest` when
// set ("spring 2021" is 2021-03-01..2021-05-31), else the days its precision
// covers ("1999" is 1999-01-01..1999-12-31), one unit wider when approximate.
// All functions are pure and thread-safe.
#ifndef ALLIANCE_COMMON_PARTIAL_DATE_H_
#define ALLIANCE_COMMON_PARTIAL_DATE_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "alliance/v1/records.pb.h"

namespace alliance {

// Parses an ISO 8601 date "YYYY", "YYYY-MM" or "YYYY-MM-DD". Errors name `field`.
absl::StatusOr<v1::PartialDate> ParseIsoDate(absl::string_view text, absl::string_view field);

// Validates a date given in a request: either year/month/day (month 1-12, a day
// that exists in that month, no day without month, year 1..9999) or, when year is
// 0, an ISO date in `as_written`, which it parses. An entirely empty date is
// valid and means "unset". The interval and rule fields are cleared: a request
// date means the days of its parts. Errors are INVALID_ARGUMENT naming `field`.
absl::StatusOr<v1::PartialDate> NormalizeRequestDate(const v1::PartialDate& date,
                                                     absl::string_view field);

// Returns true when the date carries no information (year 0).
bool IsUnset(const v1::PartialDate& date);

// Returns the number of days in `month` of `year` (proleptic Gregorian).
int DaysInMonth(int year, int month);

// The days a date can mean, as sortable day numbers (yyyymmdd as an
// integer), both inclusive. {0, 0} for an unset date.
struct DayInterval {
  int32_t first = 0;
  int32_t last = 0;
};

// Returns the interval of `date`: `earliest`..`latest` when both are valid
// ISO days in order; otherwise the days its parts cover (unknown month 1..12,
// unknown day 1..the month's last), and for an approximate date without them
// one unit more ("around 5 June 2021" its month, "around June 2021" its year;
// an approximate year stays its year).
DayInterval IntervalOf(const v1::PartialDate& date);

// Returns IntervalOf(date).first. 0 for an unset date.
int32_t FirstDayKey(const v1::PartialDate& date);

// Returns IntervalOf(date).last. 0 for an unset date.
int32_t LastDayKey(const v1::PartialDate& date);

// Sets `earliest` and `latest` of a set date to IntervalOf() when they are not
// both set already. No change to an unset date.
void CompleteInterval(v1::PartialDate* date);

// Sets `earliest` and `latest` of `date` to the days `first` and `last`
// (yyyymmdd numbers, as DayInterval holds them).
void SetInterval(int32_t first, int32_t last, v1::PartialDate* date);

// Moves `date` to `year`, and its `earliest`..`latest`, when set, by as many
// years (29 February becomes the 28th in a common year): "late January" read
// in one year and then placed in another keeps its days.
void MoveToYear(int year, v1::PartialDate* date);

// Formats a yyyymmdd day number as "YYYY-MM-DD".
std::string FormatDayKey(int32_t key);

// Orders dates chronologically by their intervals' first day, then the longer
// interval first.
// Unset dates sort after every set date. Returns <0, 0 or >0.
int CompareDates(const v1::PartialDate& a, const v1::PartialDate& b);

// Returns true when `finer` lies within `coarser` ("1992-05-15" within "1992").
bool Refines(const v1::PartialDate& finer, const v1::PartialDate& coarser);

// Returns true when neither date excludes the other (one refines the other or they are equal).
bool Compatible(const v1::PartialDate& a, const v1::PartialDate& b);

// Formats as "YYYY", "YYYY-MM" or "YYYY-MM-DD"; "" for an unset date.
std::string FormatDate(const v1::PartialDate& date);

// Builds a date from parts (0 = unknown).
v1::PartialDate MakeDate(int year, int month = 0, int day = 0);

}  // namespace alliance

#endif  // ALLIANCE_COMMON_PARTIAL_DATE_H_
