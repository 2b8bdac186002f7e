// The settings of a FactStore (fact_store.h), which its ChangeApplier
// (change_applier.h) reads too. Plain values.
#ifndef ALLIANCE_QUERY_FACT_STORE_OPTIONS_H_
#define ALLIANCE_QUERY_FACT_STORE_OPTIONS_H_

#include <cstddef>
#include <cstdint>
#include <string>

namespace alliance::query {

// Settings of a FactStore.
struct FactStoreOptions {
  // Organization that records with an empty organization belong to.
  std::string default_organization = "CSTO";
  // Watch-log entries kept, counted back from the applied sequence; 0 keeps all.
  // Watch requests older than what is kept get OUT_OF_RANGE.
  uint64_t watch_log_retention = 0;
  // Evidence quotes the facts that answers and watch-log entries read keep
  // (BoundEvidence: one per document first; evidence_total says how many
  // there are); 0 keeps all. A fact told by thousands of articles would
  // otherwise be read whole for every answer that lists it, and put every
  // quote into every watch entry that touches it (tens of MiB per entry while
  // catching up, past gRPC's default message limit for Watch clients).
  // FactEvidence() still has every quote.
  int answer_evidence_per_fact = 3;
  // Sync the write-ahead log on every Apply. Only tests turn this off.
  bool sync = true;
  // Memory RocksDB may use: each of the (at most two) memtables, and the block
  // cache of the table files' blocks, shared by all reads.
  size_t memtable_bytes = size_t{16} << 20;
  size_t block_cache_bytes = size_t{32} << 20;
  // Memory for the records, documents and facts of recently applied groups
  // (group_cache.h), so a live change re-reads none of its groups' history;
  // 0 keeps none. Only batches of at most kCachingBatchChanges changes (the
  // live tail, not a backlog that touches every group) leave their groups
  // cached.
  size_t group_cache_bytes = size_t{64} << 20;
};

// The most changes a batch may hold for the groups it touched to stay cached.
inline constexpr size_t kCachingBatchChanges = 64;

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_FACT_STORE_OPTIONS_H_
