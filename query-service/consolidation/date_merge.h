// Comparing and merging the partial dates that several sources give for one
// event.
//
// A date is compared by its interval, the days it can mean (IntervalOf in
// common/partial_date.h): "spring 2021" is March to May 2021, "early 2019"
// January to April, "the 1990s" ten years. An approximate date without words
// that narrow it promises less than it says: "around 5 May 2021" only places
// the event in May 2021 and "around May 2021" only in 2021. Dates with the
// same interval rank by precision:
//
//   precision rank: year~ 1 < year 2 < month~ 3 < month 4 < day~ 5 < day 6
//
// Date `a` lies within `b` when a's interval lies inside b's and is shorter,
// or is the same interval and a is more precise (or a and b are the same
// date). Two dates may describe one event when their intervals overlap. The
// merged date is found by walking from the longest interval to ever shorter
// ones inside it; only dates whose intervals exclude one another compete.
//
// The predicates are pure and thread-safe. ChooseDate() is thread-compatible:
// it updates the cache of the SourceIndependence it is given.
#ifndef ALLIANCE_QUERY_CONSOLIDATION_DATE_MERGE_H_
#define ALLIANCE_QUERY_CONSOLIDATION_DATE_MERGE_H_

#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "alliance/v1/records.pb.h"
#include "query-service/consolidation/claim_tally.h"
#include "query-service/consolidation/evidence_set.h"
#include "query-service/consolidation/source_set.h"
#include "query-service/consolidation/source_independence.h"

namespace alliance::query {

// Returns the precision rank above (0 for an unset date).
int DatePrecisionRank(const v1::PartialDate& date);

// The parts of a date that make it the date it is: year, month, day,
// approximate and its interval (as_written, rule and anchor aside).
using DateKey = std::tuple<int, int, int, bool, int32_t, int32_t>;

// Returns the DateKey of `date`.
DateKey DateKeyOf(const v1::PartialDate& date);

// Returns true when `a` and `b` denote the same date (equal DateKeys).
bool SameDate(const v1::PartialDate& a, const v1::PartialDate& b);

// Returns true when `finer` is the same date as `coarser` or lies within it
// (see the file comment). False when either is unset.
bool DateWithin(const v1::PartialDate& finer, const v1::PartialDate& coarser);

// Returns true when the intervals of `a` and `b` overlap: both may describe
// the same event. False when either is unset.
bool DatesCompatible(const v1::PartialDate& a, const v1::PartialDate& b);

// Returns true when the intervals of `a` and `b` have no day in common.
// False when either is unset.
bool DatesExclusive(const v1::PartialDate& a, const v1::PartialDate& b);

// One source's date for an event.
struct DateClaim {
  v1::PartialDate date;
  std::vector<std::string> document_ids;
  // The record's evidence: not owned, must outlive the claim (claims are made
  // for one consolidation, from records that outlive it).
  std::vector<const v1::Evidence*> evidence;
};

// The merged date and, when sources disagree, the competing dates.
struct DateChoice {
  // The finest date on the best-supported branch; unset when no claim is dated.
  v1::PartialDate date;
  // Empty, or the competing dates (winner first), each with its evidence.
  // Values are DateClaimValue() output.
  std::vector<RankedClaim> alternatives;
};

// The dates the supporting records of one event give, gathered by distinct
// date as they are added, so that the merged date can be chosen again after
// more are added without going over the earlier ones: a fact kept between
// consolidations keeps its DateTally. Thread-compatible.
class DateTally {
 public:
  // `sources` is not owned, must not be null and must outlive this object,
  // or until Rebind().
  explicit DateTally(SourceIndependence* sources) : sources_(sources) {}

  // Makes later calls use `sources` (same contract): a tally kept between
  // consolidations is given each one's.
  void Rebind(SourceIndependence* sources) { sources_ = sources; }

  // Adds one claim: `date` (ignored when unset) told by `document_ids`,
  // citing `evidence` (a range of v1::Evidence or of pointers to it).
  template <typename EvidenceRange>
  void Add(const v1::PartialDate& date, const std::vector<std::string>& document_ids,
           const EvidenceRange& evidence) {
    Claims* claims = ClaimsOf(date);
    if (claims == nullptr) return;
    claims->documents.Add(document_ids);
    for (const auto& e : evidence) claims->evidence.push_back(EvidenceSet::KeyOf(Deref(e)));
  }

  // Returns ChooseDate() of the claims added. The alternatives' evidence is
  // taken from `evidence`, which must hold every piece of evidence added
  // (of two pieces with one key, the one it kept); null leaves it empty, for
  // callers that read the date only.
  DateChoice Choose(const EvidenceSet* evidence) const;

  // Returns an estimate of the memory held, in bytes.
  size_t EstimateBytes() const;

 private:
  // The claims of one distinct date.
  struct Claims {
    // The date, with the as_written that sorts first (an empty one last) and
    // the rule and anchor of the claim that wrote it so.
    v1::PartialDate date;
    mutable DeferredSourceSet documents;
    std::vector<EvidenceSet::Key> evidence;
  };
  static const v1::Evidence& Deref(const v1::Evidence& e) { return e; }
  static const v1::Evidence& Deref(const v1::Evidence* e) { return *e; }
  // Returns the claims of `date`, made when new; null for an unset date.
  Claims* ClaimsOf(const v1::PartialDate& date);
  // Returns the documents of `claims`, counted.
  const SourceSet& Counted(const Claims& claims) const { return claims.documents.Counted(sources_->Graph()); }
  // Returns the support of every claim within `branch`, as a ranked claim.
  RankedClaim BranchClaim(const v1::PartialDate& branch, const EvidenceSet* evidence) const;

  // Not owned.
  SourceIndependence* sources_;
  std::map<DateKey, Claims> by_date_;
};

// Merges the dates of one event. Walks from the coarsest date to finer ones;
// where several finer dates do not lie within one another (1999-03 vs
// 1999-04 under 1999), it follows the one supported by more independent
// sources (a date is supported by every claim that lies within it), ties
// going to the earliest, then to the exact date over the approximate one.
// Only dates that exclude the followed one (DatesExclusive) are reported as
// alternatives: "early 2021" and "spring 2021" overlap and do not dispute
// each other. Undated claims are ignored.
// The result does not depend on the order of `claims`. `sources` must not be
// null.
DateChoice ChooseDate(const std::vector<DateClaim>& claims, SourceIndependence* sources);

// Returns the claim value used for `date` in conflicts: FormatDate(), and
// for an approximate date " (approximate)" with its interval when it has one
// ("2021 (approximate, 2021-03-01..2021-05-31)").
std::string DateClaimValue(const v1::PartialDate& date);

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_CONSOLIDATION_DATE_MERGE_H_
