// Finds and resolves date expressions.
//
// Absolute: "May 15, 1992", "15 May 1992", "April 1999", "Sept. 2010", "1999"
// (a bare year only where the context makes it one: "in 1999", "the 2020
// conflict"), "the 1990s", "spring 2021", "early 2019", "mid-2010", "the end
// of 1993" (approximate years, not December), "2022-01-05".
//
// Relative to the publication date: "last fall", "this year", "last month",
// "tomorrow (16 February)", "this morning", "last night", "earlier today",
// "overnight" (the publication day, approximate, and only when nothing else in
// the sentence dates it), "on February 19" and "in (late) January" without a
// year (the most recent such date not after publication), "three days ago", "a
// year ago today". Weeks are read as calendar weeks: "last week" and "two weeks
// ago" are the month that holds the whole week (or the week's middle day,
// approximate, when it straddles two months).
//
// Weekdays: "on Thursday" is the latest Thursday not after publication (the
// publication day itself when it is a Thursday), or the first one not before it
// when a future marker ("will") precedes it in its clause; "next Tuesday" and
// "this coming Monday" are after publication, "last Tuesday" and "this past
// Monday" before it. "Thursday, 6 January 2022" is the written date.
//
// Ranges: "2006-2012", "from 2006 to 2012", "between 2006 and 2012",
// "(1993-99)", "January 6-19, 2022", "6-19 January 2022", "from 6 to 19
// January 2022" give two matches, role kRangeStart and kRangeEnd; an end
// written in part takes the rest from the other end (rule kFromRangeEnd). With
// an ASCII hyphen, "2021-04" stays a month (ISO); a second part above 12, or a
// dash, makes a range.
//
// Offsets: "a month after 15 May 1992" is resolved here (kOffsetFromDate).
// "seven years later", "the following year", "the previous day", "that year",
// "later that day" and "the 5th" are offsets from an earlier date in the text:
// returned with needs_anchor set, for the caller to resolve with
// ResolveRelativeTo against the previous date (kOffsetFromAnchor); "earlier in
// the day" also carries the publication day for when there is no anchor.
// "N units after <clause>" dates the clause that follows: with a date earlier
// in the sentence ("arrived on Thursday, a day after Tokayev appealed") it is
// that date minus N (kOffsetOfClause, resolved here); without one it is read
// as "N units later" from the anchor.
//
// Precision is carried by which fields are 0; `approximate` is set for
// qualified dates ("early 2019", "spring 2021", "the 1990s", vague offsets).
#ifndef ALLIANCE_INGEST_EXTRACT_DATE_RESOLVER_H_
#define ALLIANCE_INGEST_EXTRACT_DATE_RESOLVER_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/strings/string_view.h"
#include "alliance/v1/records.pb.h"
#include "ingest-service/extract/annotated_document.h"
#include "ingest-service/extract/lexicon.h"

namespace alliance::ingest {

// One date expression.
struct DateMatch {
  int32_t first_token = 0;
  int32_t end_token = 0;
  // The resolved date; as_written holds the words. Unset (year 0) when
  // needs_anchor is true without a fallback, or when a relative date has no
  // publication date.
  v1::PartialDate date;
  // True when resolved against the publication date or an anchor.
  bool relative = false;
  // True for an offset from an earlier date ("a week later"); see `offset`.
  // `date`, when set, is the reading without an anchor ("earlier in the day":
  // the publication day).
  bool needs_anchor = false;
  // The distance from the anchor ("two weeks ago": from publication). For
  // kOffsetOfClause it is the distance from the sentence's time to the
  // clause's date: -1 day for "a day after <clause>". None for "a year ago
  // today", whose words name the day they count from.
  DateOffset offset;
  // How `date` was resolved; kOffsetFromAnchor when needs_anchor and `date`
  // is unset.
  DateRule rule = DateRule::kAbsolute;
  // kRangeStart / kRangeEnd for the two ends of a range.
  DateRole role = DateRole::kPoint;
};

// Returns the distance the words of `match` count, as written: "a day after
// <clause>" is +1 day even though match.offset, counted from the sentence's
// time back to the clause, is -1 day. Returns nullopt when the words count no
// distance ("that year", "the 5th": no days, months or years). Pure.
std::optional<DateOffset> WrittenOffset(const DateMatch& match);

// Returns `anchor` moved by `offset`. The result is no finer than the anchor
// (a week after "January 2022" is "January 2022", approximate) nor than the
// offset's unit (two years after "15 May 1992" is "1994") or precision.
// Returns an unset date when the anchor is unset or coarser than the offset
// needs ("earlier in the day" after "in 1992", "the 5th" after "in 1992"). Pure.
v1::PartialDate ResolveRelativeTo(const DateOffset& offset, const v1::PartialDate& anchor);

// Returns `date` (a month or day written without a year) in the year of
// `anchor`, the date before it in the text: the same year, or the next when it
// comes earlier in the year than the anchor ("in December 2022 ... on 5
// January"). Returns an unset date when there is no month or anchor, or,
// unless `future`, when the result would be after `published` (when set). Pure.
v1::PartialDate YearFromAnchor(const v1::PartialDate& date, const v1::PartialDate& anchor,
                               const v1::PartialDate& published, bool future);

// Finds dates with the words of a Lexicon. Immutable; thread-safe. The lexicon
// must outlive the resolver.
class DateResolver {
 public:
  explicit DateResolver(const Lexicon& lexicon) : lexicon_(lexicon) {}

  // Returns the date expressions among tokens [first, end) of `text`, in order
  // and not overlapping, resolving relative ones against `published` (which may
  // be unset). `flags`, when not null, holds Lexicon::WordFlags of tokens
  // [first, end) already looked up by the caller.
  std::vector<DateMatch> FindDates(absl::string_view text, const std::vector<Token>& tokens, int first,
                                   int end, const v1::PartialDate& published,
                                   const uint32_t* flags = nullptr) const;

  // Returns the date when all of `phrase` is one absolute date ("25 March 2022",
  // "July 09, 2021", "2022-01-05"); nullopt otherwise. For metadata: the date
  // has its parts and words only, no interval or rule.
  std::optional<v1::PartialDate> ParseDate(absl::string_view phrase) const;

 private:
  class Scanner;
  const Lexicon& lexicon_;
};

}  // namespace alliance::ingest

#endif  // ALLIANCE_INGEST_EXTRACT_DATE_RESOLVER_H_
