// Parsing, validation, ordering and formatting of alliance.v1.PartialDate.
//
// A PartialDate is known to the year, month or day. For ordering and range
// filters a partial date is treated as the interval of days it covers: "1999"
// covers 1999-01-01..1999-12-31. All functions are pure and thread-safe.
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
// valid and means "unset". Errors are INVALID_ARGUMENT naming `field`.
absl::StatusOr<v1::PartialDate> NormalizeRequestDate(const v1::PartialDate& date,
                                                     absl::string_view field);

// Returns true when the date carries no information (year 0).
bool IsUnset(const v1::PartialDate& date);

// Returns the number of days in `month` of `year` (proleptic Gregorian).
int DaysInMonth(int year, int month);

// Returns a sortable day number of the first day the date covers
// (yyyymmdd as an integer; unknown parts count as 01). 0 for an unset date.
int32_t FirstDayKey(const v1::PartialDate& date);

// Returns a sortable day number of the last day the date covers
// (unknown month counts as 12, unknown day as the month's last). 0 for unset.
int32_t LastDayKey(const v1::PartialDate& date);

// Orders dates chronologically by their first day, then coarser before finer.
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
