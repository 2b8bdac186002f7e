// Generates many distinct, realistic-looking articles for load and fault tests.
#ifndef ALLIANCE_BENCH_LOAD_SYNTHETIC_CORPUS_H_
#define ALLIANCE_BENCH_LOAD_SYNTHETIC_CORPUS_H_

#include <string>

namespace alliance::load {

// Returns article number `index`: a few sentences about membership actions and
// requests for help, varied by index so that every article has distinct text
// (and so a distinct document id). Deterministic.
std::string SyntheticArticle(int index);

// Returns article number `index` of a news stream: each article tells of one
// event drawn from a pool of `events` with a heavy head (the first events are
// told by thousands of articles, most by a few, as news repeats big stories),
// about one of a dozen countries and four organizations, one of several
// actions, in one of several phrasings, with a line of its own so every
// article has distinct text. Requests and interventions are dated across
// 1992–2024; a country's membership of an organization has a short history
// (at most two episodes of each action) that many events retell, as real
// membership histories do. Deterministic.
std::string NewsStreamArticle(int index, int events = 20000);

}  // namespace alliance::load

#endif  // ALLIANCE_BENCH_LOAD_SYNTHETIC_CORPUS_H_
