// The Watch loop: replays a FactStore's watch log after a request's
// after_sequence and then follows newly applied changes, writing the ones the
// request's filters match as WatchResponses.
//
// A progress notification (progress_notify, the applied sequence) goes out
// once the replay has caught up and again whenever the stream has been idle
// for the progress interval. An entry whose matching changes exceed the
// response size is sent in parts (WatchResponse.continued). The caller
// validates the request (ValidateWatchRequest) and decides, through
// `keep_going`, when the stream must end (client cancelled, shutdown).
//
// Ownership: StreamWatch borrows the store and the writer for the length of
// the call and keeps nothing.
//
// Thread-safety: StreamWatch blocks its calling thread until the stream ends;
// many may run at once over one store (the store is thread-safe). `writer` is
// used from the calling thread only.
#ifndef ALLIANCE_QUERY_WATCH_STREAM_H_
#define ALLIANCE_QUERY_WATCH_STREAM_H_

#include <cstddef>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/time/time.h"
#include "alliance/v1/query_service.pb.h"
#include "common/raw_request_adapter.h"
#include "query-service/fact_store.h"

namespace alliance::query {

// Settings of one Watch stream (see QueryServiceOptions' watch_* fields).
struct WatchStreamOptions {
  // The organization of stored facts that name none.
  std::string default_organization;
  // An idle stream gets a progress notification this often.
  absl::Duration progress_interval = absl::Seconds(5);
  // Largest response (bytes of changes) before an entry is sent in parts.
  size_t response_bytes = size_t{512} << 10;
  // How long the loop waits for news before asking `keep_going` again.
  absl::Duration poll_interval = absl::Milliseconds(200);
};

// Streams the changes `request` (already validated) asks for into `writer`
// until something ends the stream, and returns why: the error of `keep_going`
// (asked before every step; OK goes on), CANCELLED when a write fails,
// OUT_OF_RANGE when after_sequence is older than the retained watch log, or a
// store error. Never returns OK. `store` and `writer` must not be null.
absl::Status StreamWatch(const FactStore* store, const v1::WatchRequest& request, const WatchStreamOptions& options,
                         absl::FunctionRef<absl::Status()> keep_going, MessageWriter<v1::WatchResponse>* writer);

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_WATCH_STREAM_H_
