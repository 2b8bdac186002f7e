#include "query-service/consolidation/fact_clustering.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "common/partial_date.h"
#include "query-service/consolidation/date_merge.h"

namespace alliance::query {
namespace {

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  size_t Root(size_t i) {
    while (parent_[i] != i) {
      parent_[i] = parent_[parent_[i]];
      i = parent_[i];
    }
    return i;
  }
  void Join(size_t a, size_t b) {
    a = Root(a);
    b = Root(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }

 private:
  std::vector<size_t> parent_;
};

}  // namespace

std::vector<std::vector<size_t>> ClusterByDate(const std::vector<v1::PartialDate>& dates,
                                               const SameKind& same_kind,
                                               const SameKind& also_same,
                                               const SameKind& same_exact) {
  const size_t n = dates.size();
  UnionFind facts(n);
  std::vector<size_t> dated, undated;
  for (size_t i = 0; i < n; ++i) (IsUnset(dates[i]) ? undated : dated).push_back(i);
  for (size_t a = 0; a < dated.size(); ++a) {
    for (size_t b = a + 1; b < dated.size(); ++b) {
      const size_t i = dated[a], j = dated[b];
      if (!same_kind(i, j)) continue;
      if (DatesCompatible(dates[i], dates[j]) || (also_same && also_same(i, j))) facts.Join(i, j);
    }
  }
  // Decide every undated record against the dated facts before joining any.
  std::vector<size_t> unplaced;
  std::vector<std::pair<size_t, size_t>> placements;
  for (size_t u : undated) {
    std::set<size_t> candidates, exact;
    for (size_t d : dated) {
      if (!same_kind(u, d)) continue;
      candidates.insert(facts.Root(d));
      if (same_exact && same_exact(u, d)) exact.insert(facts.Root(d));
    }
    if (!exact.empty()) candidates = exact;
    if (candidates.size() == 1) {
      placements.emplace_back(u, *candidates.begin());
    } else {
      unplaced.push_back(u);
    }
  }
  for (const auto& [u, root] : placements) facts.Join(u, root);
  for (size_t a = 0; a < unplaced.size(); ++a) {
    for (size_t b = a + 1; b < unplaced.size(); ++b) {
      if (same_kind(unplaced[a], unplaced[b])) facts.Join(unplaced[a], unplaced[b]);
    }
  }
  std::map<size_t, std::vector<size_t>> by_root;  // root is the smallest index
  for (size_t i = 0; i < n; ++i) by_root[facts.Root(i)].push_back(i);
  std::vector<std::vector<size_t>> out;
  out.reserve(by_root.size());
  for (auto& [root, members] : by_root) out.push_back(std::move(members));
  return out;
}

}  // namespace alliance::query
