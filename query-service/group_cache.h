// GroupCache: what the fact store last read and wrote for recently applied
// groups, kept in memory so that a change touching a group need not read and
// parse all of the group's records, cited documents and facts again.
//
// A group's state is exactly what the store would load for it: every record
// of the group, the documents those records cite (with only what
// consolidation reads: title, publication date and sentence fingerprints), the
// ids they cite that the store does not hold, and the group's facts as stored.
// The fact store takes a state out while it applies a batch and puts it back
// only after the batch is written, so a cached state is never ahead of or
// behind the database; a failed apply clears the cache.
//
// Bounded by an estimate of the bytes the states hold: putting a state back
// evicts states until the total fits, and a state larger than the whole
// capacity is not kept. Which state goes is decided by how often each was
// used, with aging (GreedyDual-Size-Frequency): a state's priority is the
// cache's age when it was last put back plus the times it was used, each use
// weighted by the cost of a miss per byte held; the lowest goes first (the
// least recently put among equals), and the cache's age becomes its
// priority. A miss costs time in proportion to the state's size (reading and
// merging its records), and that time stalls every change queued behind it,
// so the harm of a miss grows as the square of its size: the weight of a use
// is 1 + the state's size in MiB (kMissCostUnitBytes). An evicted group keeps
// its count of uses (a few bytes per group ever cached), so a group evicted
// while the cache was young, before its uses had added up, comes back with
// them. So the group of a story that every tenth change retells stays, even
// when it holds half the cache, while groups touched once pass through; a
// group that stops being used ages out.
//
// Evicted states are destroyed on a thread of the cache's own
// (BackgroundDisposer): freeing a big group's thousands of records took a
// sixth of the apply thread's time at 100,000 articles.
//
// Thread-compatible: the fact store uses it under its apply lock only.
#ifndef ALLIANCE_QUERY_GROUP_CACHE_H_
#define ALLIANCE_QUERY_GROUP_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "common/background_disposer.h"
#include "alliance/v1/ingest_service.pb.h"
#include "query-service/consolidation/consolidator.h"
#include "query-service/consolidation/copy_graph.h"
#include "query-service/consolidation/group_facts.h"
#include "query-service/consolidation/source_independence.h"

namespace alliance::query {

// The state size in which a use weighs one more in eviction priority.
inline constexpr size_t kMissCostUnitBytes = size_t{1} << 20;

// The consolidation inputs and stored facts of one group.
struct GroupState {
  // Once cached: in canonical order (SortCanonically), each prepared for
  // consolidation (PrepareForConsolidation). Empty when `records_held` is
  // false.
  std::vector<SourcedRecord> records;
  // False when the records were let go because `kept` holds the group's
  // merge: a change that retells its facts needs only that, and a merge from
  // scratch reads the records again from the database. A busy story's
  // records are most of its state's memory.
  bool records_held = true;
  // The cited documents the store holds, slimmed (SlimDocument).
  DocumentMap documents;
  // Cited document ids the store did not hold when the state was read.
  absl::flat_hash_set<std::string> missing_documents;
  // Fact keys ("fact/...") to their stored bytes.
  std::map<std::string, std::string> facts;
  // The copy relation among `documents`: some of them (with their current
  // fingerprints), the others to be added before it is used; absent until
  // first needed, and dropped when a held document's fingerprints change.
  std::optional<CopyGraph> copies;
  // What the last consolidation of the group kept for the next one
  // (ConsolidateGroupKeeping); emptied whenever a held document changes, a
  // missing one arrives, or `copies` is built afresh.
  KeptConsolidation kept;
};

// Brings `state->copies` up to `state->documents` (building it when absent,
// which empties `state->kept`) and returns it.
const CopyGraph& CurrentCopyGraph(GroupState* state);

// Returns `document` with only what consolidation reads: id, title,
// publication date and sentence fingerprints.
v1::DocumentInfo SlimDocument(const v1::DocumentInfo& document);

// Returns an estimate of the memory `state` holds, in bytes.
size_t EstimateBytes(const GroupState& state);

// A bounded cache of GroupStates by group key, evicting by use and age.
class GroupCache {
 public:
  // A cache of at most `capacity_bytes` (0: keeps nothing).
  explicit GroupCache(size_t capacity_bytes);

  GroupCache(const GroupCache&) = delete;
  GroupCache& operator=(const GroupCache&) = delete;

  // Removes the state of `group` from the cache and returns it; nullopt when
  // it is not cached.
  std::optional<GroupState> Take(const std::string& group);

  // Caches `state` for `group` (one more use of it), replacing what was
  // cached for it, then evicts states of the lowest priority until the total
  // fits the capacity. A state larger than the capacity is dropped.
  void Put(const std::string& group, GroupState state);

  // Gives every cached state that cites `document` its new content (a
  // document delivered again, or one a state had found missing).
  void RefreshDocument(const v1::DocumentInfo& document);

  // Drops every state.
  void Clear();

  // The number of cached states and the estimated bytes they hold.
  size_t size() const { return held_; }
  size_t bytes() const { return bytes_; }

 private:
  struct Entry {
    GroupState state;
    // Estimated bytes of `state`; 0 while it is taken out or evicted.
    size_t bytes = 0;
    bool taken = false;
    // Evicted: no state, only the count of uses.
    bool evicted = false;
    // Times put, and the priority and order of the last put.
    uint64_t uses = 0;
    uint64_t priority = 0;
    uint64_t order = 0;
  };

  // Evicts the held state of the lowest priority (the earliest put among
  // equals) and ages the cache to its priority.
  void EvictOne();

  const size_t capacity_bytes_;
  // Held, taken-out and evicted states by group.
  absl::flat_hash_map<std::string, Entry> entries_;
  size_t held_ = 0;
  size_t bytes_ = 0;
  uint64_t age_ = 0;
  uint64_t puts_ = 0;
  // Destroys evicted states.
  BackgroundDisposer<GroupState> disposer_;
};

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_GROUP_CACHE_H_
