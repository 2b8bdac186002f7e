// Finds and resolves date expressions.
//
// Absolute: "May 15, 1992", "15 May 1992", "April 1999", "Sept. 2010", "1999"
// (a bare year only where the context makes it one: "in 1999", "the 2020
// conflict"), "the 1990s", "spring 2021", "early 2019", "mid-2010",
// "2022-01-05". Relative to the publication date: "last fall", "this year",
// "tomorrow (16 February)", "on February 19" and "in January" without a year
// (the most recent such date not after publication), "three days ago". Offsets
// from an earlier date in the text ("a week later") are returned with
// needs_anchor set; ResolveRelativeTo resolves them.
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

// A signed distance in time: "a week later" is {days: 7}, "two years earlier"
// is {years: -2}.
struct DateOffset {
  int days = 0;
  int months = 0;
  int years = 0;
  bool vague = false;  // "a few weeks", "days later"
};

// One date expression.
struct DateMatch {
  int32_t first_token = 0;
  int32_t end_token = 0;
  // The resolved date; as_written holds the words. Unset (year 0) when
  // needs_anchor is true, or when a relative date has no publication date.
  v1::PartialDate date;
  // True when resolved against the publication date or an anchor.
  bool relative = false;
  // True for an offset from an earlier date ("a week later"); see `offset`.
  bool needs_anchor = false;
  DateOffset offset;
};

// Returns `anchor` moved by `offset`. The result is no finer than the anchor
// (a week after "January 2022" is "January 2022", approximate) nor than the
// offset's unit (two years after "15 May 1992" is "1994"). Returns an unset
// date when the anchor is unset. Pure.
v1::PartialDate ResolveRelativeTo(const DateOffset& offset, const v1::PartialDate& anchor);

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
  // "July 09, 2021", "2022-01-05"); nullopt otherwise.
  std::optional<v1::PartialDate> ParseDate(absl::string_view phrase) const;

  // Returns the offset when all of `phrase` is one ("a week later"); nullopt
  // otherwise. Lets later stages re-anchor an offset mention.
  std::optional<DateOffset> ParseOffset(absl::string_view phrase) const;

 private:
  class Scanner;
  const Lexicon& lexicon_;
};

}  // namespace alliance::ingest

#endif  // ALLIANCE_INGEST_EXTRACT_DATE_RESOLVER_H_
