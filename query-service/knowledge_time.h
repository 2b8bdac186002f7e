// Knowledge time by ingest timestamp: resolves known_as_of_unix (a moment,
// rather than a change-log sequence) to the applied sequence whose state the
// replica answered from then, using the ingest times its watch log keeps
// (watch_log.h). HistoricalFacts then rebuilds that state as for
// known_as_of_sequence.
//
// Each applied batch is stamped with the latest ingest time of its changes.
// The state known at T is the one after the longest run of batches, from the
// first, all stamped at or before T: it holds nothing ingested after T.
// Stamps normally grow with the sequence, and this is then simply the last
// batch stamped at or before T. Were a batch stamped earlier than one before
// it (two ingests racing across a second boundary, a clock stepped back), the
// state still ends before the first batch stamped after T instead of reaching
// past it. Stamps are whole seconds: batches ingested within one second are
// all known at that second.
//
// Ownership: keeps nothing; the store is borrowed for the call.
// Thread-safety: thread-safe; reads the store only.
#ifndef ALLIANCE_QUERY_KNOWLEDGE_TIME_H_
#define ALLIANCE_QUERY_KNOWLEDGE_TIME_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "query-service/fact_store.h"

namespace alliance::query {

// Returns the applied sequence the state known at `known_as_of_unix` (Unix
// seconds) stands at: 0 when the first batch was stamped after it (the empty
// state, which the replica answered then), the applied sequence when every
// batch was stamped at or before it (a time in the future included).
// INVALID_ARGUMENT naming known_as_of_unix when it is negative. OUT_OF_RANGE
// naming known_as_of_unix when the watch log no longer reaches back to the
// first batch (--watch_retention), or when the answer depends on batches
// applied before this replica recorded ingest times.
absl::StatusOr<uint64_t> SequenceKnownAt(const FactStore& store, int64_t known_as_of_unix);

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_KNOWLEDGE_TIME_H_
