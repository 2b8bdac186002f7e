// ExplainFact: why the ledger believes one fact (QueryService.Explain).
//
// Given what the store holds about a fact (FactSources), it finds:
//   * the supporting claims: the records of the fact's group of the fact's
//     kind (for membership events, an action merged with its own: "signed"
//     and "joined" are one entry) whose factuality supports the fact's
//     (SupportsFact) and that one of the fact's quotes comes from --
//     consolidation unions the quotes of every record it merges into a fact,
//     and a quote is one sentence of one article;
//   * which of their articles counted as independent sources: syndicated
//     copies (SourceIndependence) are clustered among the supporting articles
//     alone, and each article after the first of its cluster (by publication
//     date, then id) names that first one in copy_of;
//   * the disputes: for each conflict about the fact, its sides (the first is
//     the value the fact holds) with the claims whose quotes make each side;
//   * the contradicting claims: those on a side the fact did not take, and
//     negated records of the same kind (and action) whose dates may be the
//     fact's. A claim that supports the fact but gives another value of a
//     field is in both lists.
// How each claim's date was read (words, rule, anchor, interval) and its
// factuality (speaker, cue words) are in the claim's record as extracted.
//
// Pure and thread-safe.
#ifndef ALLIANCE_QUERY_FACT_EXPLAINER_H_
#define ALLIANCE_QUERY_FACT_EXPLAINER_H_

#include "alliance/v1/query_service.pb.h"
#include "query-service/fact_sources.h"

namespace alliance::query {

// Returns the Explain answer for the fact of `sources`.
v1::ExplainResponse ExplainFact(const FactSources& sources);

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_FACT_EXPLAINER_H_
