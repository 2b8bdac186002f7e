// Byte strings that sort like the List methods' answers, for page tokens that
// hold where a page walk stopped rather than an offset: resuming after the last
// key returned neither repeats nor skips an item that was there all along, even
// when facts were added or removed between pages.
//
// The answers are sorted by these keys, so one definition orders both the
// answer and its page tokens; sort_keys_test checks each against the order the
// API promises (chronological by CompareDates, then the tie-breakers). Pure
// and thread-safe.
#ifndef ALLIANCE_QUERY_SORT_KEYS_H_
#define ALLIANCE_QUERY_SORT_KEYS_H_

#include <string>

#include "alliance/v1/query_service.pb.h"
#include "alliance/v1/records.pb.h"

namespace alliance::query {

// A date's place in chronological order (CompareDates): earlier first days
// first, then the coarser of two dates with the same first day, unset last.
std::string DateSortKey(const v1::PartialDate& date);

// Membership events: date, country, action, id.
std::string SortKeyOf(const v1::MembershipEvent& event);
// Interventions: start, id.
std::string SortKeyOf(const v1::Intervention& intervention);
// Assistance requests: date, id.
std::string SortKeyOf(const v1::AssistanceRequest& request);
// Conflicts: subject id, field.
std::string SortKeyOf(const v1::Conflict& conflict);
// Members: country.
std::string SortKeyOf(const v1::Member& member);
// Cases: the earliest date of their steps (undated cases last), then id.
std::string SortKeyOf(const v1::Case& a_case);
// Evidence, in its canonical order: the document's publication date (unknown
// last), document id, offset.
std::string SortKeyOf(const v1::Evidence& evidence);

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_SORT_KEYS_H_
