// Small shared rules for consolidated facts: names of enum values, fact ids,
// how the factuality of several records combines, and the fields every kind of
// fact takes from its group alike. Pure and thread-safe.
#ifndef ALLIANCE_QUERY_CONSOLIDATION_FACT_FIELDS_H_
#define ALLIANCE_QUERY_CONSOLIDATION_FACT_FIELDS_H_

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "alliance/v1/records.pb.h"
#include "query-service/consolidation/claim_tally.h"
#include "query-service/consolidation/evidence_set.h"
#include "query-service/consolidation/source_independence.h"
#include "query-service/consolidation/source_set.h"

namespace alliance::query {

// Returns "WITHDREW" for MEMBERSHIP_ACTION_WITHDREW.
std::string ActionName(v1::MembershipAction action);

// Returns the action named by ActionName(), or UNSPECIFIED.
v1::MembershipAction ActionFromName(absl::string_view name);

// Returns "declined renewal" for MEMBERSHIP_ACTION_DECLINED_RENEWAL, for summaries.
std::string ActionWords(v1::MembershipAction action);

// Returns "DENIED" for ASSISTANCE_OUTCOME_DENIED.
std::string OutcomeName(v1::AssistanceOutcome outcome);

// Returns the outcome named by OutcomeName(), or UNSPECIFIED.
v1::AssistanceOutcome OutcomeFromName(absl::string_view name);

// Returns the year of `date` as text, or "undated".
std::string YearLabel(const v1::PartialDate& date);

// Returns how close a factuality is to an assertion (higher is stronger):
// ASSERTED > REPORTED > PROPOSED > HYPOTHETICAL > NEGATED > UNSPECIFIED.
int FactualityStrength(v1::Factuality factuality);

// Combines the factuality of the records of one fact: ASSERTED if any record
// asserts it (an asserted and a reported claim of one fact make an ASSERTED
// fact), otherwise the strongest value present.
v1::Factuality CombineFactuality(const std::vector<v1::Factuality>& values);

// Returns true for facts that answers include by default: ASSERTED and
// REPORTED (an attributed claim is still an answer, marked by its factuality
// and reported_by, and weaker in confidence), and UNSPECIFIED, which the
// services never produce but hand-built records use. NEGATED, HYPOTHETICAL and
// PROPOSED facts are returned only with include_unasserted, and never shape
// membership periods. The one definition of "a default answer" for the service,
// the membership timeline and the merges.
bool AnsweredByDefault(v1::Factuality factuality);

// Returns true when a record of factuality `record` supports a fact whose
// combined factuality is `fact`: a fact answered by default is supported by
// its records answered by default only (a hypothetical "could send 5,000" adds
// neither evidence, sources nor field values to an asserted intervention, but
// a reported "sent 2,500, the ministry said" does); any other fact by all of
// its records.
bool SupportsFact(v1::Factuality record, v1::Factuality fact);

// The documents behind one fact, remembering which of them assert it (hold a
// supporting record that is not REPORTED) and which only report it, counted
// as they are added (source_set.h).
class FactSupport {
 public:
  // `sources` is not owned, must not be null and must outlive this object,
  // or until Rebind().
  explicit FactSupport(SourceIndependence* sources) : sources_(sources) {}

  // Makes later calls use `sources` (same contract; its graph must be the
  // one grown from the graph used before): support kept between
  // consolidations is given each one's.
  void Rebind(SourceIndependence* sources) { sources_ = sources; }

  // Adds the documents of one supporting record of this factuality.
  void Add(const std::vector<std::string>& document_ids, v1::Factuality factuality) {
    documents_.Add(document_ids, factuality != v1::FACTUALITY_REPORTED, sources_->Graph());
  }

  // Returns the independent sources behind the fact and how many only report it.
  SourceCount Count() const { return {documents_.sources(), documents_.reported()}; }

  // Sets `sources`, `reported_sources` and `confidence` of `fact` (any fact kind).
  template <typename Fact>
  void SetOn(Fact* fact) const {
    const SourceCount count = Count();
    fact->set_sources(count.sources);
    fact->set_reported_sources(count.reported);
    fact->set_confidence(ConfidenceForSources(count.sources, count.reported));
  }

  // Returns an estimate of the memory held, in bytes.
  size_t EstimateBytes() const { return documents_.EstimateBytes(); }

 private:
  // Not owned.
  SourceIndependence* sources_;
  SourceSet documents_;
};

// Sets the fields an intervention or assistance-request fact takes from its
// group the same way: the organization (that of `first`, the group's first
// record, or `default_organization` when it names none), the evidence (moved
// out of `evidence`, which is left empty), the factuality, the source counts
// of `support`, and, for a REPORTED fact, the speaker `reporters` ranks first.
// `evidence` and `fact` must not be null.
template <typename Fact>
void SetGroupFields(const Fact& first, absl::string_view default_organization, v1::Factuality factuality,
                    const FactSupport& support, const ClaimTally& reporters, EvidenceSet* evidence,
                    Fact* fact) {
  fact->set_organization(first.organization().empty() ? std::string(default_organization)
                                                      : first.organization());
  evidence->MoveTo(fact->mutable_evidence());
  fact->set_factuality(factuality);
  support.SetOn(fact);
  if (factuality == v1::FACTUALITY_REPORTED && !reporters.empty()) {
    fact->set_reported_by(reporters.Winner(LongerTextTieBreak));
  }
}

// Moves each of `pending` facts into `facts_out` and its conflicts, stamped
// with the fact's id as their subject, into `conflicts_out`, in order.
// `Pending` holds a `fact` (its id already set) and its `conflicts`. No
// pointer may be null; `pending` is left with moved-from elements.
template <typename Pending, typename Fact>
void MoveFactsAndConflicts(std::vector<Pending>* pending, std::vector<Fact>* facts_out,
                           std::vector<v1::Conflict>* conflicts_out) {
  for (Pending& one : *pending) {
    for (v1::Conflict& conflict : one.conflicts) {
      conflict.set_subject_id(one.fact.id());
      conflicts_out->push_back(std::move(conflict));
    }
    facts_out->push_back(std::move(one.fact));
  }
}

// Makes ids unique: the first occurrence of an id keeps it, later ones get
// "-2", "-3", ... in input order. Callers pass ids in a canonical order.
std::vector<std::string> UniqueIds(const std::vector<std::string>& base_ids);

// Returns the final id of each fact: facts sharing a base id are numbered in
// chronological order of `dates` (then input order), the earliest keeping the
// base id. `base_ids` and `dates` have one element per fact.
std::vector<std::string> AssignFactIds(const std::vector<std::string>& base_ids,
                                       const std::vector<v1::PartialDate>& dates);

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_CONSOLIDATION_FACT_FIELDS_H_
