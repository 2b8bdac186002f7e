// ChangeApplier: turns changes of the ingest service's log into the fact
// store's writes. For each batch it stores the documents and records, takes
// the groups the batch touched, consolidates each once (consolidator.h),
// diffs the result against what the group produced before, and writes the
// changed fact, brief, ordered and index rows, one watch-log entry (stamped
// with the batch's latest ingest time) and the new counters in ONE RocksDB
// WriteBatch (synced unless the options say otherwise). Staging stores
// documents and records only, with their latest ingest time, and marks their
// groups dirty; the next apply consolidates them.
//
// The applier owns the group cache (group_cache.h): the state of a group is
// taken out while a batch is applied and put back only after the batch is
// written (CacheWrittenGroups), so it is never ahead of or behind the
// database; any failure clears the cache.
//
// It keeps no counters of its own: each call is given the store's progress
// and returns the progress after its write, which the FactStore publishes.
// The rows it writes are laid out as fact_store.h documents (fact_rows.h).
//
// Thread-compatible: the FactStore calls it under its apply lock only. Reads
// of the database by others may run meanwhile and see a batch whole or not at
// all.
#ifndef ALLIANCE_QUERY_CHANGE_APPLIER_H_
#define ALLIANCE_QUERY_CHANGE_APPLIER_H_

#include <atomic>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "alliance/v1/ingest_service.pb.h"
#include "alliance/v1/query_service.pb.h"
#include "common/background_disposer.h"
#include "query-service/consolidation/group_facts.h"
#include "query-service/consolidation/source_independence.h"
#include "query-service/fact_store_options.h"
#include "query-service/group_cache.h"
#include "query-service/state_digest.h"

namespace rocksdb {
class DB;
struct ReadOptions;
class WriteBatch;
}  // namespace rocksdb

namespace alliance::query {

// How far a store has come: what an apply continues from and returns.
struct StoreProgress {
  uint64_t applied = 0;
  // The last staged sequence; `applied` when nothing is staged.
  uint64_t staged = 0;
  // Documents applied, and the new documents among the staged changes.
  int64_t documents = 0;
  int64_t staged_documents = 0;
  // The latest ingest time (Unix seconds) among the staged changes; 0 when
  // nothing is staged. The batch that applies them is stamped with it.
  int64_t staged_ingested_at_unix = 0;
  // Consolidated facts (conflicts not counted).
  int64_t facts = 0;
  // The first kept watch-log sequence (applied + 1 when the log is empty).
  uint64_t watch_start = 1;
  // The digest of every fact row.
  StateDigest digest;
};

// Adds to `ids` the document ids a record's evidence points at, its troop
// figures' included.
void CollectDocumentIds(const v1::Record& record, std::set<std::string>* ids);

// Returns the stored per-document records of `group` in key order (change
// sequence, then position), read with `read` (a snapshot, or none).
// `default_organization` is the one records without an organization belong to.
absl::StatusOr<std::vector<SourcedRecord>> ReadGroupRecords(rocksdb::DB* db, const rocksdb::ReadOptions& read,
                                                            const std::string& group,
                                                            absl::string_view default_organization);

class ChangeApplier {
 public:
  // `db` and `options` are not owned, must not be null and must outlive the
  // applier.
  ChangeApplier(rocksdb::DB* db, const FactStoreOptions* options);

  ChangeApplier(const ChangeApplier&) = delete;
  ChangeApplier& operator=(const ChangeApplier&) = delete;

  // Applies the changes of `changes` that follow `from.staged`, with every
  // staged change, in one batch, and returns the progress it wrote (`from`
  // when there was nothing to apply). Heartbeats and re-deliveries are
  // skipped; a gap is FAILED_PRECONDITION. When `cancel` (may be null)
  // becomes true before the write, returns CANCELLED. On any error nothing is
  // written. See FactStore::ApplyBatch.
  absl::StatusOr<StoreProgress> Apply(absl::Span<const v1::Change> changes, const StoreProgress& from,
                                      const std::atomic<bool>* cancel);

  // Puts back into the group cache the states of the groups the last Apply()
  // wrote (those it may keep). Apply() leaves them aside so that its caller
  // can publish the batch first; the next Apply() or Stage() puts back any
  // still aside, so not calling this costs time, never correctness.
  void CacheWrittenGroups();

  // Stores the documents and records of the changes of `changes` that follow
  // `from.staged`, unsynced and unconsolidated, with their latest ingest time
  // (the stamp of the batch that will apply them), and returns the progress
  // it wrote. See FactStore::Stage.
  absl::StatusOr<StoreProgress> Stage(absl::Span<const v1::Change> changes, const StoreProgress& from);

 private:
  // Fact keys ("fact/...") to their stored bytes.
  using FactBytes = std::map<std::string, std::string>;
  // Records by group, in group order (so a watch entry is deterministic).
  using RecordsByGroup = std::map<std::string, std::vector<SourcedRecord>>;

  // Returns the changes of `changes` after sequence `staged` (heartbeats and
  // re-deliveries dropped); a gap is FAILED_PRECONDITION.
  static absl::StatusOr<std::vector<const v1::Change*>> FreshChanges(absl::Span<const v1::Change> changes,
                                                                      uint64_t staged);
  // Returns the latest ingest time of `changes` and `at_least`: what a batch
  // of them is stamped with. The latest rather than the last change's, so
  // that a batch is never stamped before a change it holds (the ingest
  // service stamps documents before it orders them).
  static int64_t LatestIngestTime(const std::vector<const v1::Change*>& changes, int64_t at_least);
  // Adds to `batch` the documents and records of `changes`, to `pending` the
  // documents, to `touched` the records by group and to `*new_documents` the
  // documents the store did not hold.
  absl::Status WriteDocumentsAndRecords(const std::vector<const v1::Change*>& changes, rocksdb::WriteBatch* batch,
                                        DocumentMap* pending, RecordsByGroup* touched, int64_t* new_documents);
  // Returns the groups with staged records.
  absl::StatusOr<std::vector<std::string>> DirtyGroups() const;

  // Returns the state of `group` before `fresh` (its records in the batch
  // being applied) and with them: from the cache, or read from the database.
  // `pending` holds the batch's documents, taken as given. A state read for
  // the cache (`to_cache`), like one taken from it, has its records in
  // canonical order and prepared (PrepareForConsolidation; `fresh` must come
  // prepared then); another has them as read. A cached state whose records were let go gets `fresh` only
  // when not `to_cache` (its records read back); else it stays without them
  // (see ReadRecordsBack).
  absl::StatusOr<GroupState> GroupStateWith(const std::string& group, std::vector<SourcedRecord> fresh,
                                            const DocumentMap& pending, bool to_cache);
  // Gives `state` (of `group`, cached with its records let go) its records
  // again: those stored, in canonical order and prepared, with `added` (the
  // batch's, prepared).
  absl::Status ReadRecordsBack(const std::string& group, const std::vector<SourcedRecord>& added,
                               GroupState* state) const;
  // Returns the stored per-document records of `group`.
  absl::StatusOr<std::vector<SourcedRecord>> LoadGroupRecords(const std::string& group) const;
  // Adds to `documents` (slimmed, see SlimDocument) the documents the records'
  // evidence cites that it does not hold yet, with `pending` (the documents
  // being applied) taken as given, and to `missing` the cited ids the store
  // does not hold.
  // Returns true when an id `missing` held was found (and taken out of it).
  absl::StatusOr<bool> LoadCitedDocuments(const std::vector<SourcedRecord>& records, const DocumentMap& pending,
                                          DocumentMap* documents, absl::flat_hash_set<std::string>* missing) const;
  // Returns the facts and conflicts `group` produced last time.
  absl::StatusOr<FactBytes> LoadGroupFacts(const std::string& group) const;

  // Adds to `batch` the writes that turn `before` into `now` (the stored
  // bytes of `now_facts`) for `group`, to `entry` the matching
  // RecordChanges, and to `progress` the change in fact count and digest.
  // None of the pointers may be null; `now_facts` is the same when this
  // returns. The entry's facts, and the brief and ordered rows, keep
  // answer_evidence_per_fact quotes (0: all). Reads the stored brief rows of
  // changed facts (to find their old ordered rows).
  absl::Status DiffGroup(const std::string& group, const FactBytes& before, const FactBytes& now,
                         GroupFacts* now_facts, uint64_t sequence, rocksdb::WriteBatch* batch, v1::WatchResponse* entry,
                         StoreProgress* progress) const;
  // Returns the keys of the ordered rows the stored brief row of `fact_key`
  // has (none when it has no brief row).
  absl::StatusOr<std::vector<std::string>> StoredOrderedKeys(const std::string& fact_key) const;

  // Constant after construction
  rocksdb::DB* const db_;
  const FactStoreOptions* const options_;

  GroupCache group_cache_;
  // Destroys the records a cached group lets go, off the apply path.
  BackgroundDisposer<std::vector<SourcedRecord>> disposer_;
  // The states of the groups the last Apply() wrote, for CacheWrittenGroups().
  std::vector<std::pair<std::string, GroupState>> written_groups_;
};

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_CHANGE_APPLIER_H_
