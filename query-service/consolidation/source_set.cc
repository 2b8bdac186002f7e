#include "query-service/consolidation/source_set.h"

#include <algorithm>
#include <utility>

namespace alliance::query {

int SourceSet::Root(int member) {
  while (parent_[member] != member) {
    parent_[member] = parent_[parent_[member]];
    member = parent_[member];
  }
  return member;
}

void SourceSet::MarkAsserting(int member) {
  const int root = Root(member);
  if (asserting_[root]) return;
  asserting_[root] = true;
  ++asserting_components_;
}

int SourceSet::AddOne(const std::string& id, const CopyGraph& graph) {
  const int member = static_cast<int>(ids_.size());
  ids_.push_back(&member_of_id_.emplace(id, member).first->first);
  parent_.push_back(member);
  asserting_.push_back(false);
  ++components_;
  const int node = graph.NodeOf(id);
  if (node < 0) return member;  // unknown: a source of its own
  member_of_node_.emplace(node, member);
  for (int copy : graph.CopiesOf(node)) {
    auto other = member_of_node_.find(copy);
    if (other == member_of_node_.end()) continue;
    const int a = Root(member), b = Root(other->second);
    if (a == b) continue;
    // The smaller member becomes the root; a joined component asserts when
    // either part did.
    const int root = std::min(a, b), child = std::max(a, b);
    parent_[child] = root;
    --components_;
    if (asserting_[a] && asserting_[b]) --asserting_components_;
    asserting_[root] = asserting_[a] || asserting_[b];
  }
  return member;
}

void SourceSet::Add(const std::vector<std::string>& document_ids, bool asserting, const CopyGraph& graph) {
  for (const std::string& id : document_ids) {
    auto found = member_of_id_.find(id);
    const int member = found != member_of_id_.end() ? found->second : AddOne(id, graph);
    if (asserting) MarkAsserting(member);
  }
}

void SourceSet::AddAll(const SourceSet& other, const CopyGraph& graph) {
  for (const std::string* id : other.ids_) {
    if (!member_of_id_.contains(*id)) AddOne(*id, graph);
  }
  // `other` keeps which components assert, not which documents: each of its
  // asserting components lies whole inside one component here, so marking
  // that one through the component's root is what counting needs.
  for (size_t member = 0; member < other.ids_.size(); ++member) {
    if (other.parent_[member] == static_cast<int>(member) && other.asserting_[member]) {
      MarkAsserting(member_of_id_.at(*other.ids_[member]));
    }
  }
}

std::vector<std::string> SourceSet::SortedIds() const {
  std::vector<std::string> sorted;
  sorted.reserve(ids_.size());
  for (const std::string* id : ids_) sorted.push_back(*id);
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}

size_t SourceSet::EstimateBytes() const {
  size_t bytes = 0;
  for (const std::string* id : ids_) bytes += id->size() + 80;  // the id twice, with map and vector slots
  return bytes + 16 * member_of_node_.size();
}

size_t DeferredSourceSet::EstimateBytes() const {
  size_t bytes = counted_.EstimateBytes();
  for (const std::string& id : pending_) bytes += id.size() + 32;
  return bytes;
}

}  // namespace alliance::query
