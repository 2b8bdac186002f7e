// Generates many distinct, realistic-looking articles for load and fault tests.
#ifndef ALLIANCE_BENCH_LOAD_SYNTHETIC_CORPUS_H_
#define ALLIANCE_BENCH_LOAD_SYNTHETIC_CORPUS_H_

#include <string>

namespace alliance::load {

// Returns article number `index`: a few sentences about membership actions and
// requests for help, varied by index so that every article has distinct text
// (and so a distinct document id). Deterministic.
std::string SyntheticArticle(int index);

}  // namespace alliance::load

#endif  // ALLIANCE_BENCH_LOAD_SYNTHETIC_CORPUS_H_
