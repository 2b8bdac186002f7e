#include "common/rocksdb_status.h"

#include <optional>
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/sequence_key.h"

namespace alliance {

absl::Status FromRocksDbStatus(const rocksdb::Status& status, absl::string_view context) {
  if (status.ok()) return absl::OkStatus();
  const std::string message = absl::StrCat(context, ": ", status.ToString());
  if (status.IsNotFound()) return absl::NotFoundError(message);
  if (status.IsCorruption()) return absl::DataLossError(message);
  if (status.IsBusy() || status.IsTryAgain() || status.IsTimedOut()) return absl::UnavailableError(message);
  return absl::InternalError(message);
}

absl::StatusOr<uint64_t> ReadCounter(rocksdb::DB* db, absl::string_view key, uint64_t absent,
                                     absl::string_view store) {
  std::string value;
  const rocksdb::Status status = db->Get(rocksdb::ReadOptions(), rocksdb::Slice(key.data(), key.size()), &value);
  if (status.IsNotFound()) return absent;
  if (!status.ok()) return FromRocksDbStatus(status, absl::StrCat(store, ": reading ", key));
  std::optional<uint64_t> counter = DecodeFixed64BigEndian(value);
  if (!counter.has_value()) {
    return absl::DataLossError(absl::StrCat(store, ": the counter at key \"", absl::CHexEscape(key),
                                            "\" is not 8 bytes"));
  }
  return *counter;
}

}  // namespace alliance
