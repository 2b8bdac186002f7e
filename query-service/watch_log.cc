#include "query-service/watch_log.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/deterministic_bytes.h"
#include "common/rocksdb_status.h"
#include "common/sequence_key.h"
#include "common/status_macros.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"

namespace alliance::query {
namespace {

constexpr char kWatchPrefix[] = "watch/";
constexpr char kWatchTimePrefix[] = "watch_time/";
// The first sequence the log holds every change from, once it was pruned.
constexpr char kWatchStartKey[] = "meta/watch_start";

absl::string_view View(const rocksdb::Slice& slice) { return absl::string_view(slice.data(), slice.size()); }

absl::Status Corrupt(absl::string_view what, absl::string_view key) {
  return absl::DataLossError(absl::StrCat("fact store: cannot parse ", what, " at key \"", absl::CHexEscape(key),
                                          "\""));
}


}  // namespace

absl::StatusOr<uint64_t> WatchLog::FirstKept(rocksdb::DB* db, uint64_t when_empty, uint64_t retention) {
  ASSIGN_OR_RETURN(const uint64_t recorded, ReadCounter(db, kWatchStartKey, 0, "fact store"));
  if (recorded > 0) return recorded;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions()));
  it->Seek(kWatchPrefix);
  if (it->Valid() && it->key().starts_with(kWatchPrefix)) {
    if (retention == 0) return 1;
    std::optional<uint64_t> first = ParseSequenceKey(View(it->key()), kWatchPrefix);
    if (!first.has_value()) return Corrupt("watch-log key", View(it->key()));
    return *first;
  }
  if (!it->status().ok()) return FromRocksDbStatus(it->status(), "fact store: reading the watch log");
  return when_empty;
}

uint64_t WatchLog::Append(rocksdb::WriteBatch* batch, uint64_t sequence, const v1::WatchResponse& entry,
                          uint64_t retention, uint64_t first_kept) {
  batch->Put(SequenceKey(kWatchPrefix, sequence), DeterministicBytes(entry));
  batch->Put(SequenceKey(kWatchTimePrefix, sequence),
             EncodeFixed64BigEndian(static_cast<uint64_t>(entry.ingested_at_unix())));
  if (retention > 0 && sequence >= retention) {
    const uint64_t keep_from = sequence - retention + 1;
    if (keep_from > first_kept) {
      batch->DeleteRange(SequenceKey(kWatchPrefix, 0), SequenceKey(kWatchPrefix, keep_from));
      batch->DeleteRange(SequenceKey(kWatchTimePrefix, 0), SequenceKey(kWatchTimePrefix, keep_from));
      batch->Put(kWatchStartKey, EncodeFixed64BigEndian(keep_from));
      return keep_from;
    }
  }
  return first_kept;
}

absl::StatusOr<std::vector<v1::WatchResponse>> WatchLog::Read(rocksdb::DB* db, uint64_t after, uint64_t up_to,
                                                             size_t limit, size_t max_bytes) {
  std::vector<v1::WatchResponse> out;
  size_t bytes = 0;
  if (after >= up_to || limit == 0) return out;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(SequenceKey(kWatchPrefix, after + 1)); it->Valid() && it->key().starts_with(kWatchPrefix);
       it->Next()) {
    std::optional<uint64_t> sequence = ParseSequenceKey(View(it->key()), kWatchPrefix);
    if (!sequence.has_value()) return Corrupt("watch-log key", View(it->key()));
    if (*sequence > up_to) break;
    v1::WatchResponse response;
    if (!response.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return Corrupt("watch-log entry", View(it->key()));
    }
    out.push_back(std::move(response));
    bytes += it->value().size();
    if (out.size() >= limit || bytes >= max_bytes) break;
  }
  if (!it->status().ok()) return FromRocksDbStatus(it->status(), "fact store: reading the watch log");
  return out;
}

absl::StatusOr<std::vector<BatchTime>> WatchLog::ReadTimes(rocksdb::DB* db, uint64_t after, uint64_t up_to,
                                                            size_t limit) {
  std::vector<BatchTime> out;
  if (after >= up_to || limit == 0) return out;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(SequenceKey(kWatchTimePrefix, after + 1)); it->Valid() && it->key().starts_with(kWatchTimePrefix);
       it->Next()) {
    std::optional<uint64_t> sequence = ParseSequenceKey(View(it->key()), kWatchTimePrefix);
    if (!sequence.has_value()) return Corrupt("watch-log time key", View(it->key()));
    if (*sequence > up_to) break;
    std::optional<uint64_t> time = DecodeFixed64BigEndian(View(it->value()));
    if (!time.has_value()) return Corrupt("watch-log time", View(it->key()));
    out.push_back({*sequence, static_cast<int64_t>(*time)});
    if (out.size() >= limit) break;
  }
  if (!it->status().ok()) return FromRocksDbStatus(it->status(), "fact store: reading the watch-log times");
  return out;
}

}  // namespace alliance::query
