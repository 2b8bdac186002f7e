// IngestStore: the ingest service's source of truth — stored documents and the
// change log that query services follow.
//
// Each new document is committed with its change-log entry and the new last
// sequence in ONE synced RocksDB WriteBatch, so after a crash the log holds all
// of a document or none of it. A single writer assigns sequence numbers, so the
// log runs from 1 without gaps. Committing the same document id again is a
// duplicate: nothing is written and the first commit's sequence and counts are
// returned.
//
// Key layout (default column family):
//   doc/<document_id>          v1::IngestDocumentResponse {document_id, sequence, counts}
//   text/<document_id>         the normalized text, so documents can be re-extracted
//   log/<sequence BE>          v1::Change (sequence, document info, records)
//   meta/last_sequence         8-byte big-endian
//   meta/first_retained        8-byte big-endian; absent means 1 (nothing pruned yet)
//
// The database is the truth; the in-memory sequence counters are read back from
// it when the store opens.
#ifndef ALLIANCE_INGEST_INGEST_STORE_H_
#define ALLIANCE_INGEST_INGEST_STORE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "alliance/v1/ingest_service.pb.h"

namespace rocksdb {
class DB;
}  // namespace rocksdb

namespace alliance::ingest {

// What Commit did.
struct CommitResult {
  // Sequence of the change that added the document (the first one, for a duplicate).
  uint64_t sequence = 0;
  // True when the document id was already stored and nothing was written.
  bool duplicate = false;
  // Records the (first) change holds.
  v1::RecordCounts counts;
};

// One document to commit: its change (sequence ignored) and normalized text.
struct PendingCommit {
  v1::Change change;
  std::string normalized_text;
};

// The ingest service's RocksDB of documents and the change log.
//
// Thread-safe. Commit() calls are serialized internally; reads and waits may run
// concurrently with them and see either all of a commit or none of it. After
// Close() every call returns UNAVAILABLE (waits return at once).
class IngestStore {
 public:
  // Opens (creating when missing) the store in directory `path`. The returned
  // store owns the database; it is closed by Close() or the destructor.
  static absl::StatusOr<std::unique_ptr<IngestStore>> Open(const std::string& path);

  IngestStore(const IngestStore&) = delete;
  IngestStore& operator=(const IngestStore&) = delete;
  ~IngestStore();

  // Commits `change` (whose document().document_id() must be set; its sequence
  // is ignored) and `normalized_text` durably, assigning the next sequence. When
  // the document id is already stored, writes nothing and returns the first
  // commit's sequence and counts with duplicate = true. Returns INVALID_ARGUMENT
  // without a document id, UNAVAILABLE after Close(), and the mapped RocksDB error
  // when the write fails (then no sequence is used up).
  absl::StatusOr<CommitResult> Commit(v1::Change change, absl::string_view normalized_text)
      ABSL_LOCKS_EXCLUDED(write_mu_, db_mu_, mu_);

  // Commits several documents in ONE synced batch (group commit), assigning
  // consecutive sequences in their order: what Commit() does for each, for
  // one sync instead of one per document. A document whose id is stored, or
  // comes earlier in `commits`, is a duplicate of that commit; one without an
  // id is INVALID_ARGUMENT. When the write fails, every new document of the
  // batch gets the error and no sequence is used up. Returns one result per
  // commit, in order.
  std::vector<absl::StatusOr<CommitResult>> CommitAll(std::vector<PendingCommit> commits)
      ABSL_LOCKS_EXCLUDED(write_mu_, db_mu_, mu_);

  // Returns up to `max_count` changes with sequence > `after_sequence`, in order;
  // empty when there are none yet. OUT_OF_RANGE when after_sequence + 1 is older
  // than first_retained_sequence().
  absl::StatusOr<std::vector<v1::Change>> ReadChanges(uint64_t after_sequence,
                                                      size_t max_count) const
      ABSL_LOCKS_EXCLUDED(db_mu_, mu_);

  // Returns what a duplicate commit of `document_id` would answer: the id, the
  // sequence of the change that added it and its counts. NOT_FOUND when absent.
  absl::StatusOr<v1::IngestDocumentResponse> GetDocument(absl::string_view document_id) const
      ABSL_LOCKS_EXCLUDED(db_mu_);

  // Returns the sequence of the last committed change (0 when the log is empty).
  uint64_t last_sequence() const ABSL_LOCKS_EXCLUDED(mu_);

  // Returns the oldest sequence still in the log. Changes before it have been
  // pruned; readers asking for them get OUT_OF_RANGE. 1 until pruning exists.
  uint64_t first_retained_sequence() const ABSL_LOCKS_EXCLUDED(mu_);

  // Blocks until last_sequence() > `after_sequence`, `timeout` passes,
  // WakeWaiters() is called or the store is closed. Returns true when a change
  // after `after_sequence` is committed.
  bool WaitForCommit(uint64_t after_sequence, absl::Duration timeout) const
      ABSL_LOCKS_EXCLUDED(mu_);

  // Makes every current WaitForCommit() return now, e.g. so streams notice that
  // the service is shutting down.
  void WakeWaiters() ABSL_LOCKS_EXCLUDED(mu_);

  // Wakes all waiters, waits for a commit in progress to finish and closes the
  // database, releasing its lock so the directory can be opened again.
  // Idempotent.
  void Close() ABSL_LOCKS_EXCLUDED(db_mu_, mu_);

 private:
  IngestStore(rocksdb::DB* db, uint64_t last_sequence, uint64_t first_retained);

  // Serializes Commit(); held across the duplicate check and the write so that
  // sequences are assigned in commit order. Acquired before db_mu_ and mu_.
  absl::Mutex write_mu_;
  // Next sequence to assign.
  uint64_t next_sequence_ ABSL_GUARDED_BY(write_mu_);

  // Readers of the database hold it shared; Close() holds it exclusively to
  // delete the database. Acquired before mu_.
  mutable absl::Mutex db_mu_;
  rocksdb::DB* db_ ABSL_GUARDED_BY(db_mu_);  // Owned; null after Close().

  // Guards the state that waiters watch.
  mutable absl::Mutex mu_;
  uint64_t last_sequence_ ABSL_GUARDED_BY(mu_);
  uint64_t first_retained_ ABSL_GUARDED_BY(mu_);
  uint64_t wake_generation_ ABSL_GUARDED_BY(mu_) = 0;
  bool closed_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace alliance::ingest

#endif  // ALLIANCE_INGEST_INGEST_STORE_H_
