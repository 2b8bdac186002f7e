// Conversion of rocksdb::Status to absl::Status, and the counters both
// stores keep, used only inside stores.
#ifndef ALLIANCE_COMMON_ROCKSDB_STATUS_H_
#define ALLIANCE_COMMON_ROCKSDB_STATUS_H_

#include <cstdint>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "rocksdb/db.h"
#include "rocksdb/status.h"

namespace alliance {

// Maps NotFound to NOT_FOUND, Corruption to DATA_LOSS, Busy/TryAgain/TimedOut to
// UNAVAILABLE, and anything else to INTERNAL; the message starts with `context`.
absl::Status FromRocksDbStatus(const rocksdb::Status& status, absl::string_view context);

// Returns the counter stored under `key` as 8 big-endian bytes
// (EncodeFixed64BigEndian), or `absent` when the key is not there. Errors
// start with `store` ("fact store"): a failed read as FromRocksDbStatus
// gives it, DATA_LOSS naming the key when the value is not 8 bytes.
absl::StatusOr<uint64_t> ReadCounter(rocksdb::DB* db, absl::string_view key, uint64_t absent,
                                     absl::string_view store);

}  // namespace alliance

#endif  // ALLIANCE_COMMON_ROCKSDB_STATUS_H_
