// Membership periods derived from consolidated membership events, and the
// members of an organization on a date.
//
// The events that count are the ones answered by default (AnsweredByDefault in
// fact_fields.h): ASSERTED and REPORTED alike (wire reports attribute nearly
// everything), and UNSPECIFIED so that hand-built events work; negated,
// hypothetical and proposed events never move a status. Callers pass the
// events of ONE organization; periods are per country.
//
// Undated events. An event the text gives without a date ("Serbia, an
// observer", "Uzbekistan, which left the treaty") is known to have happened by
// the time an article stating it was published. Its ANCHOR is the earliest
// `document_published` among its evidence (year, month and day only); an
// undated event without any publication date has no anchor.
//
// An undated event is skipped when the country has a dated event on the same
// track (membership or observer) in the same direction (opening or closing;
// SUSPENDED counts as closing): "Uzbekistan, which left the treaty" then most
// likely repeats a dated exit, and must not close a later membership. This
// holds whatever the anchor: extraction's undated events are the noisiest, and
// a dated event of the kind is the better witness.
//
// Order: by country, then in three phases:
//   1. undated events without anchor that open a status (SIGNED, JOINED,
//      REJOINED, RENEWED, OBSERVER_GRANTED): before every other event;
//   2. dated events at their date and anchored undated events at their anchor,
//      by alliance::CompareDates (earlier first day first, a coarser date
//      before a finer one with the same first day); on equal dates an anchored
//      event comes before a dated one (it happened on or before that date),
//      then entries, RENEWED, SUSPENDED, exits (DECLINED_RENEWAL, WITHDREW),
//      OBSERVER_ENDED, PARTNER_PROPOSED; then id;
//   3. other undated events without anchor: after every other event.
// So an undated status holds from (at the latest) the publication of the first
// article that states it, not for every date before it, and an undated exit
// happens by its publication date, before anything dated later.
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
//
// Period fields:
//   from            the opening event's date; unset when it is undated.
//   from_at_latest  only when `from` is unset: the opening event's anchor (the
//                   period had begun by then); unset without anchor.
//   to              the closing event's date; unset while the period
//                   continues, EXCEPT when an undated event closed it: then
//                   `to` has year 0 and as_written "unknown" (kUnknownEnd).
//   to_at_latest    only when `to` is "unknown": the closing event's anchor
//                   (the period had ended by then); unset without anchor.
//   event_ids       the opening event's id, then the closing event's.
//   factuality, reported_by  those of the opening event.
// A period's effective start (from, else from_at_latest) is never after its
// effective end (to, else to_at_latest), since events are applied in the
// order above.
#ifndef ALLIANCE_QUERY_CONSOLIDATION_MEMBERSHIP_TIMELINE_H_
#define ALLIANCE_QUERY_CONSOLIDATION_MEMBERSHIP_TIMELINE_H_

#include <vector>

#include "alliance/v1/query_service.pb.h"
#include "alliance/v1/records.pb.h"

namespace alliance::query {

// The as_written text of a period end closed by an undated event.
inline constexpr char kUnknownEnd[] = "unknown";

// Returns the anchor of an undated event: the earliest publication date among
// its evidence, as year/month/day only; unset when the event is dated or no
// evidence has a publication date. Pure.
v1::PartialDate UndatedAnchor(const v1::MembershipEvent& event);

// Returns the periods the events imply, sorted by country, then in timeline
// order. Pure and thread-safe; the result does not depend on the order of
// `events`.
std::vector<v1::MembershipPeriod> ComputePeriods(const std::vector<v1::MembershipEvent>& events);

// A period that holds, or may hold, on a date (CurrentPeriods).
struct CurrentPeriod {
  // Points into the periods CurrentPeriods was given.
  const v1::MembershipPeriod* period = nullptr;
  // The events whose date interval holds the date, so that the period may not
  // have begun yet (its opening event) or may have ended already (its closing
  // event); empty when it surely holds.
  std::vector<std::string> straddling_event_ids;
};

// Returns the periods current on `as_of`, at most one per country, sorted by
// country: MEMBER periods, and with `include_observers` also OBSERVER and
// SUSPENDED ones.
//
// A boundary is compared by its date's interval (IntervalOf in
// common/partial_date.h) with as_of's first day: it has surely happened when
// the interval ends on or before that day ("1999" by 2000-01-01, "15 March
// 2006" by 2006-03-15), surely not when it begins after it ("2006" by
// 2005-12-31), and may have happened when the interval holds that day and
// later ones ("2006" by 2006-06-01, "spring 2021" by 2021-04-01) -- unless a
// boundary of the country after it in timeline order surely happened, since
// boundaries happen in that order ("2006" by 2006-06-01 when an exit dated
// 2006-05-02 followed it). A period
// whose opening surely happened and whose closing surely did not is current.
// Otherwise a country is answered when a period with a listed status may
// hold: the first such period in timeline order (the listed status it had
// before the uncertain change, or the one the change may have brought),
// naming the straddling events, rather than guessing on which side of the
// date they fell.
//
// An undated boundary uses its anchor (from_at_latest, to_at_latest): it has
// happened on and after the anchor, not before (an undated observer anchored
// 2013-05-20 is listed for as_of 2013-05-20 and later). Without an anchor, an
// undated boundary has happened as its event's phase says: an opening of
// phase 1 before any date; a closing, and the start of a SUSPENDED period
// (opened by an undated SUSPENDED, phase 3), only in the latest state. An
// unset `as_of` means the latest state: every boundary has happened. A period
// closed by the event that opened another (an entry ends an observer period;
// a suspension ends a membership) ends when that one begins, whatever its
// `to` says. `periods` are as ComputePeriods returns them. Pure and
// thread-safe.
std::vector<CurrentPeriod> CurrentPeriods(const std::vector<v1::MembershipPeriod>& periods,
                                          const v1::PartialDate& as_of, bool include_observers);

// Returns the member a period describes: since is the period's `from`,
// since_at_latest its `from_at_latest`, status, factuality and reported_by its
// own; evidence is left to the caller (period.event_ids()[0]). Pure.
v1::Member MemberOf(const v1::MembershipPeriod& period);

// Returns MemberOf(*current.period) with straddles_as_of and
// straddling_event_ids from `current`. Pure.
v1::Member MemberOf(const CurrentPeriod& current);

// Returns MemberOf() each of CurrentPeriods(), sorted by country. Pure and
// thread-safe.
std::vector<v1::Member> MembersAsOf(const std::vector<v1::MembershipPeriod>& periods,
                                    const v1::PartialDate& as_of, bool include_observers);

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_CONSOLIDATION_MEMBERSHIP_TIMELINE_H_
