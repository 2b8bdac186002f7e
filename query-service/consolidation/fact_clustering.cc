#include "query-service/consolidation/fact_clustering.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <numeric>
#include <set>
#include <tuple>

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

// The distinct dates among some records, and which of them are compatible
// (DatesCompatible), decided lazily once per pair of distinct dates.
class DistinctDates {
 public:
  DistinctDates(const std::vector<v1::PartialDate>& dates, const std::vector<size_t>& indices)
      : dates_(dates), index_of_(dates.size(), 0) {
    std::map<DateKey, size_t> seen;
    for (size_t i : indices) {
      auto [it, inserted] = seen.emplace(DateKeyOf(dates[i]), firsts_.size());
      if (inserted) firsts_.push_back(i);
      index_of_[i] = it->second;
    }
    compatible_.assign(firsts_.size() * firsts_.size(), kUnknown);
  }

  // True when the dates of records `i` and `j` are compatible.
  bool Compatible(size_t i, size_t j) {
    const size_t a = index_of_[i], b = index_of_[j];
    int8_t& known = compatible_[a * firsts_.size() + b];
    if (known == kUnknown) {
      known = DatesCompatible(dates_[firsts_[a]], dates_[firsts_[b]]) ? 1 : 0;
      compatible_[b * firsts_.size() + a] = known;
    }
    return known == 1;
  }

 private:
  static constexpr int8_t kUnknown = -1;
  const std::vector<v1::PartialDate>& dates_;
  std::vector<size_t> index_of_;  // record -> distinct date
  std::vector<size_t> firsts_;    // distinct date -> a record that has it
  std::vector<int8_t> compatible_;
};

}  // namespace

std::vector<std::vector<size_t>> ClusterByDate(const std::vector<v1::PartialDate>& dates,
                                               const SameKind& same_kind,
                                               const SameKind& also_same,
                                               const SameKind& same_exact,
                                               const SameKind& may_place,
                                               const std::vector<int>* classes) {
  const size_t n = dates.size();
  UnionFind facts(n);
  // Each record's representative: the first record of its (class, date), or
  // itself. Only representatives are weighed; the rest join theirs at the end.
  std::vector<size_t> representative(n);
  std::iota(representative.begin(), representative.end(), 0);
  if (classes != nullptr) {
    std::map<std::pair<int, DateKey>, size_t> first_of;
    for (size_t i = 0; i < n; ++i) {
      representative[i] = first_of.emplace(std::make_pair((*classes)[i], DateKeyOf(dates[i])), i).first->second;
    }
  }
  std::vector<size_t> dated, undated;
  for (size_t i = 0; i < n; ++i) {
    if (representative[i] != i) continue;
    (IsUnset(dates[i]) ? undated : dated).push_back(i);
  }
  // A group repeats few distinct dates many times, so compatibility is decided
  // once per pair of distinct dates; pairs already in one fact are skipped (a
  // join would change nothing). Both keep the result exactly as if every pair
  // were tried.
  DistinctDates distinct(dates, dated);
  for (size_t a = 0; a < dated.size(); ++a) {
    for (size_t b = a + 1; b < dated.size(); ++b) {
      const size_t i = dated[a], j = dated[b];
      if (facts.Root(i) == facts.Root(j) || !same_kind(i, j)) continue;
      if (distinct.Compatible(i, j) || (also_same && also_same(i, j))) facts.Join(i, j);
    }
  }
  // Decide every undated record against the dated facts before joining any.
  std::vector<size_t> unplaced;
  std::vector<std::pair<size_t, size_t>> placements;
  for (size_t u : undated) {
    std::set<size_t> candidates, exact;
    for (size_t d : dated) {
      if (!same_kind(u, d) || (may_place && !may_place(u, d))) continue;
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
  // A representative is the first of its records, so a root (the smallest
  // index) is the smallest index of all the records that follow it too.
  std::map<size_t, std::vector<size_t>> by_root;
  for (size_t i = 0; i < n; ++i) by_root[facts.Root(representative[i])].push_back(i);
  std::vector<std::vector<size_t>> out;
  out.reserve(by_root.size());
  for (auto& [root, members] : by_root) out.push_back(std::move(members));
  return out;
}

}  // namespace alliance::query
