// Conversion of rocksdb::Status to absl::Status, used only inside stores.
#ifndef ALLIANCE_COMMON_ROCKSDB_STATUS_H_
#define ALLIANCE_COMMON_ROCKSDB_STATUS_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "rocksdb/status.h"

namespace alliance {

// Maps NotFound to NOT_FOUND, Corruption to DATA_LOSS, Busy/TryAgain/TimedOut to
// UNAVAILABLE, and anything else to INTERNAL; the message starts with `context`.
absl::Status FromRocksDbStatus(const rocksdb::Status& status, absl::string_view context);

}  // namespace alliance

#endif  // ALLIANCE_COMMON_ROCKSDB_STATUS_H_
