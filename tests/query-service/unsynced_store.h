// OpenUnsyncedStore: a FactStore for tests, with syncing off because a test's
// store never has to survive a machine crash.
#ifndef ALLIANCE_TESTS_QUERY_SERVICE_UNSYNCED_STORE_H_
#define ALLIANCE_TESTS_QUERY_SERVICE_UNSYNCED_STORE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "query-service/fact_store.h"

namespace alliance::query::testing {

// Opens (or creates) the store in `path` with `options`, sync off. The caller
// owns the store.
inline absl::StatusOr<std::unique_ptr<FactStore>> OpenUnsyncedStore(const std::string& path,
                                                                    FactStoreOptions options = {}) {
  options.sync = false;
  return FactStore::Open(path, options);
}

}  // namespace alliance::query::testing

#endif  // ALLIANCE_TESTS_QUERY_SERVICE_UNSYNCED_STORE_H_
