// Consolidation of membership records: one fact per membership event of a
// country, however many articles tell it.
//
// Rules:
// * Records of one country join when their actions name the same kind of
//   event and their dates are compatible (date_merge.h). Same kind: equal
//   actions, and the synonyms SIGNED~JOINED, JOINED~REJOINED and
//   WITHDREW~DECLINED_RENEWAL (articles word one accession or exit either way).
//   The fact's action is the one with most independent sources; ties go to the
//   lower enum value. Incompatible dates stay separate facts (a country can
//   withdraw twice). An undated record joins the one dated fact with its exact
//   action, else the one dated fact of a synonymous action (fact_clustering.h).
// * The date is ChooseDate()'s; competing finer dates give Conflict "date".
// * Factuality: CombineFactuality() of the records (ASSERTED when any record
//   asserts it; REPORTED when the best is an attributed claim). When the fact
//   is answered by default (AnsweredByDefault: asserted or reported), only
//   asserted and reported records supply the action, the date, evidence and
//   sources: a proposal is not support for a fact. A REPORTED fact names its
//   speaker in reported_by (the one with most independent sources).
// * sources, reported_sources and confidence: FactSupport (fact_fields.h); a
//   source whose records only report the event counts half in confidence.
// * Entry conflict: two dated entries (SIGNED, JOINED, REJOINED) of one
//   country answered by default, with no such exit (WITHDREW,
//   DECLINED_RENEWAL) between them, cannot both be right; both stay, marked
//   disputed, and a Conflict "date" on the later one lists each date ("ZMB
//   joined: 2030 or 2031").
// * Conflicts need independent sources on two sides (ClaimsFromIndependentSources).
// * Id "membership/<ORG>/<COUNTRY>/<ACTION>/<YYYY|undated>", "-2"... on clashes.
//
// MembershipMerge keeps a group's merge between consolidations, so that a
// record retelling a fact held updates that fact alone.
//
// Thread-compatible: the merge updates the SourceIndependence cache and `out`;
// give each thread its own.
#ifndef ALLIANCE_QUERY_CONSOLIDATION_MEMBERSHIP_MERGE_H_
#define ALLIANCE_QUERY_CONSOLIDATION_MEMBERSHIP_MERGE_H_

#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/string_view.h"
#include "query-service/consolidation/group_facts.h"
#include "query-service/consolidation/source_independence.h"

namespace alliance::query {

// Returns true when two actions may describe the same event.
bool SameMembershipEvent(v1::MembershipAction a, v1::MembershipAction b);

// Consolidates the membership-event records of one group (one organization
// and country), appending facts and conflicts to `out`. `records` must be in
// canonical order and hold only membership events; `organization` replaces an
// empty organization. `sources` and `out` must not be null.
void MergeMembershipEvents(const std::vector<const SourcedRecord*>& records,
                           absl::string_view organization, SourceIndependence* sources,
                           GroupFacts* out);

// The merge of one group's membership events, kept between consolidations:
// per fact, the running tallies its fields are chosen from (evidence,
// sources, action, speaker, dates), so that a record added later that
// retells a fact held updates that fact in time in proportion to the record,
// plus copying the group's facts out, instead of merging every record again.
//
// A record retells a fact when a record merged before makes the same claim
// in everything clustering looks at (the same action, the same date, both
// answered by default or both not) and it does not raise the fact's combined
// factuality. Clustering then puts it with that record and leaves every
// other fact as it was (fact_clustering.h), and the fact's tallies take it.
// Any other record needs a merge from scratch (Rebuild). Either way the
// facts are exactly MergeMembershipEvents()'s for the same records.
//
// The tallies hold node numbers of a CopyGraph and evidence filled in from a
// DocumentMap: every call must be given a SourceIndependence over the same
// documents (only ever added to) and the same graph (only ever grown, by
// CopyGraph::Add). When a document held changes, or an id held as unknown
// becomes known, the merge must be rebuilt.
//
// Thread-compatible.
class MembershipMerge {
 public:
  MembershipMerge();
  ~MembershipMerge();
  MembershipMerge(MembershipMerge&&) noexcept;
  MembershipMerge& operator=(MembershipMerge&&) noexcept;

  // Merges `records` from scratch: membership events of one group, in
  // canonical order; `organization` replaces an empty organization.
  void Rebuild(const std::vector<const SourcedRecord*>& records, absl::string_view organization,
               SourceIndependence* sources);

  // Adds `record`, which no merged record is, when it retells a fact held,
  // and returns true; otherwise returns false, and the merge must be rebuilt
  // (records added before the false one stay added).
  bool TryAdd(const SourcedRecord& record, SourceIndependence* sources);

  // Appends to `out` the facts and conflicts of the records merged, as
  // MergeMembershipEvents() does, built from the tallies (copying their
  // evidence out). With `keep` false, the merge gives its tallies up to
  // `out` and is empty afterwards.
  void AppendTo(SourceIndependence* sources, GroupFacts* out, bool keep = true);

  // Returns an estimate of the memory held, in bytes.
  size_t EstimateBytes() const;

 private:
  struct Fact;
  // What clustering tells records apart by: (action * 2 + answered by
  // default, year, month, day, approximate).
  using ClaimKey = std::tuple<int, int, int, int, bool>;
  static ClaimKey ClaimKeyOf(const v1::MembershipEvent& event);

  // In canonical order of their first records, as clustering orders them.
  std::vector<std::unique_ptr<Fact>> facts_;
  // Each claim merged, to the fact its records are in.
  std::map<ClaimKey, Fact*> fact_of_claim_;
  // A fact's first record changed: facts_ must be sorted again.
  bool reorder_ = false;
};

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_CONSOLIDATION_MEMBERSHIP_MERGE_H_
