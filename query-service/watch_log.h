// WatchLog: the query service's log of fact changes, one entry per applied
// batch at the batch's last sequence, which Watch replays. It lives in the
// fact store's database under "watch/<sequence BE>" and is written in the same
// batch as the facts it describes; with a retention, entries older than the
// last `retention` sequences are pruned in that batch too, and the sequence the
// log is complete from is kept under "meta/watch_start".
//
// Each entry's ingest time (WatchResponse.ingested_at_unix) is also kept on
// its own under "watch_time/<sequence BE>" (8 bytes BE), written and pruned
// with the entry: resolving a knowledge time (knowledge_time.h) reads these
// small rows instead of parsing every entry. Entries written before ingest
// times were recorded have none.
//
// Stateless: every call names the database (not owned; it must outlive the
// call). Reads are thread-safe; Append only adds to a caller's WriteBatch.
#ifndef ALLIANCE_QUERY_WATCH_LOG_H_
#define ALLIANCE_QUERY_WATCH_LOG_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "alliance/v1/query_service.pb.h"

namespace rocksdb {
class DB;
class WriteBatch;
}  // namespace rocksdb

namespace alliance::query {

// The ingest time of the batch whose watch-log entry stands at `sequence`.
struct BatchTime {
  uint64_t sequence = 0;
  int64_t ingested_at_unix = 0;

  bool operator==(const BatchTime& other) const {
    return sequence == other.sequence && ingested_at_unix == other.ingested_at_unix;
  }
};

class WatchLog {
 public:
  // Returns the first sequence the log holds every change from: what a
  // pruning Append recorded; else 1 when the log has entries (one entry covers
  // its whole batch, so an entry at 5 after a batch of 1..5 still starts the
  // log at 1); `when_empty` when it has none. A store pruned before the
  // sequence was recorded (`retention` > 0, nothing recorded) starts at its
  // oldest entry.
  static absl::StatusOr<uint64_t> FirstKept(rocksdb::DB* db, uint64_t when_empty, uint64_t retention = 0);

  // Adds to `batch` the entry for the batch ending at `sequence`, its ingest
  // time row, and, when `retention` > 0, the deletion of the entries (and
  // time rows) it no longer keeps. Returns the first kept sequence after that
  // batch (given `first_kept` before it).
  static uint64_t Append(rocksdb::WriteBatch* batch, uint64_t sequence, const v1::WatchResponse& entry,
                         uint64_t retention, uint64_t first_kept);

  // Returns the entries with after < sequence <= up_to, in order, at most
  // `limit` of them and no more once their stored bytes reach `max_bytes`
  // (at least one). DATA_LOSS for an entry that does not parse.
  static absl::StatusOr<std::vector<v1::WatchResponse>> Read(rocksdb::DB* db, uint64_t after, uint64_t up_to,
                                                            size_t limit, size_t max_bytes = SIZE_MAX);

  // Returns the ingest times of the entries with after < sequence <= up_to
  // that have one, in order, at most `limit` (> 0) of them. DATA_LOSS for a
  // row that does not parse.
  static absl::StatusOr<std::vector<BatchTime>> ReadTimes(rocksdb::DB* db, uint64_t after, uint64_t up_to,
                                                          size_t limit);
};

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_WATCH_LOG_H_
