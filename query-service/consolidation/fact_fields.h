// Small shared rules for consolidated facts: names of enum values, fact ids,
// and how the factuality of several records combines. Pure and thread-safe.
#ifndef ALLIANCE_QUERY_CONSOLIDATION_FACT_FIELDS_H_
#define ALLIANCE_QUERY_CONSOLIDATION_FACT_FIELDS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "alliance/v1/records.pb.h"

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
// asserts it, otherwise the strongest value present.
v1::Factuality CombineFactuality(const std::vector<v1::Factuality>& values);

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
