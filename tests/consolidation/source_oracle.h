// The brute-force oracle of independent sources, shared by the tests of the
// units that count them (SourceIndependence, SourceSet).
#ifndef ALLIANCE_TESTS_CONSOLIDATION_SOURCE_ORACLE_H_
#define ALLIANCE_TESTS_CONSOLIDATION_SOURCE_ORACLE_H_

#include <algorithm>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include "query-service/consolidation/source_independence.h"

namespace alliance::query::testing {

// The brute-force oracle: the clusters among `ids` by union-find over every
// pair of them (copies outside `ids` join nothing), and how many of those
// clusters hold none of `asserting`.
inline SourceCount CountByEveryPair(const std::vector<std::string>& ids_in, const std::vector<std::string>& asserting,
                             const DocumentMap& documents) {
  std::vector<std::string> ids = ids_in;
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<int> parent(ids.size());
  std::iota(parent.begin(), parent.end(), 0);
  auto root = [&parent](int i) {
    while (parent[i] != i) i = parent[i];
    return i;
  };
  for (size_t i = 0; i < ids.size(); ++i) {
    for (size_t j = i + 1; j < ids.size(); ++j) {
      auto a = documents.find(ids[i]), b = documents.find(ids[j]);
      if (a == documents.end() || b == documents.end() || !AreSyndicatedCopies(a->second, b->second)) continue;
      parent[root(static_cast<int>(j))] = root(static_cast<int>(i));
    }
  }
  std::set<int> clusters, asserted;
  for (size_t i = 0; i < ids.size(); ++i) {
    clusters.insert(root(static_cast<int>(i)));
    if (std::find(asserting.begin(), asserting.end(), ids[i]) != asserting.end()) {
      asserted.insert(root(static_cast<int>(i)));
    }
  }
  SourceCount count;
  count.sources = static_cast<int>(clusters.size());
  count.reported = count.sources - static_cast<int>(asserted.size());
  return count;
}

}  // namespace alliance::query::testing

#endif  // ALLIANCE_TESTS_CONSOLIDATION_SOURCE_ORACLE_H_
