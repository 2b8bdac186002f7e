// Membership periods derived from consolidated membership events, and the
// members of an organization on a date.
//
// Only asserted events count (FACTUALITY_ASSERTED; UNSPECIFIED is treated as
// asserted so hand-built events work). Callers pass the events of ONE
// organization; periods are per country.
//
// An undated event is skipped when the country has a dated event on the same
// track (membership or observer) in the same direction (opening or closing):
// "Uzbekistan, which left the treaty" then most likely repeats a dated exit,
// and must not close a later membership.
//
// Order: by country, then date (alliance::CompareDates: earlier first day
// first, a coarser date before a finer one with the same first day). Undated
// events that open a status (SIGNED, JOINED, REJOINED, RENEWED,
// OBSERVER_GRANTED) come before every dated event; other undated events come
// after every dated one. On equal dates: entries, then RENEWED, SUSPENDED,
// exits (DECLINED_RENEWAL, WITHDREW), OBSERVER_ENDED, PARTNER_PROPOSED; then id.
//
// Transitions (one membership track and one observer track per country):
//   SIGNED, JOINED, REJOINED  open MEMBER (no new period when already MEMBER;
//                             end a SUSPENDED period; end an OBSERVER period)
//   RENEWED                   keeps MEMBER; opens MEMBER when not a member
//   WITHDREW, DECLINED_RENEWAL  close MEMBER or SUSPENDED
//   SUSPENDED                 MEMBER -> SUSPENDED (opens SUSPENDED otherwise)
//   OBSERVER_GRANTED          opens OBSERVER unless a member or observer
//   OBSERVER_ENDED            closes OBSERVER
//   PARTNER_PROPOSED          nothing
// A period's `from` is its opening event's date (unset when undated) and `to`
// the closing event's date; `to` unset means it continues, EXCEPT when an
// undated event closed it: then `to` has year 0 and as_written "unknown".
#ifndef ALLIANCE_QUERY_CONSOLIDATION_MEMBERSHIP_TIMELINE_H_
#define ALLIANCE_QUERY_CONSOLIDATION_MEMBERSHIP_TIMELINE_H_

#include <vector>

#include "alliance/v1/query_service.pb.h"
#include "alliance/v1/records.pb.h"

namespace alliance::query {

// The as_written text of a period end closed by an undated event.
inline constexpr char kUnknownEnd[] = "unknown";

// Returns the periods the events imply, sorted by country, then chronologically.
// Pure and thread-safe; the result does not depend on the order of `events`.
std::vector<v1::MembershipPeriod> ComputePeriods(const std::vector<v1::MembershipEvent>& events);

// Returns who was a member on `as_of`, sorted by country: MEMBER periods, and
// with `include_observers` also OBSERVER and SUSPENDED ones. Member.since is the
// period's `from`; evidence is left to the caller (period.event_ids()[0]).
//
// A boundary event has happened by `as_of` when its date's FIRST day is on or
// before as_of's first day: "1999" has happened by 2000-01-01 (and by
// 1999-06-01), "1993" by 1995-01-01, "2006" by 2006-01-01. An undated opening
// has happened before any date; an undated closing only in the latest state.
// An unset `as_of` means the latest state: every event has happened.
// Pure and thread-safe.
std::vector<v1::Member> MembersAsOf(const std::vector<v1::MembershipPeriod>& periods,
                                    const v1::PartialDate& as_of, bool include_observers);

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_CONSOLIDATION_MEMBERSHIP_TIMELINE_H_
