// Serves gRPC methods from their raw request bytes, on gRPC's public callback
// API (the generated `WithRawCallbackMethod_*` classes), with handlers written
// as plain blocking code.
//
// Why the raw bytes: proto3 refuses to parse a `string` field that is not
// UTF-8, and gRPC then answers INTERNAL (or silently ends a stream) before any
// handler runs. A method served through this adapter parses the request itself
// (ParseRequest, common/request_parsing.h) and answers INVALID_ARGUMENT naming
// the field instead.
//
// Why blocking handlers: the services' handlers wait on RocksDB syncs, on the
// change feed and on slow clients. A callback-API reaction runs on gRPC's small
// shared executor and must not block it, so a handler that may block runs on a
// thread of its own (one per call, as the sync API's thread pool would give it)
// and talks to the reactor through queues (MessageWriter, MessageInbox) that the
// reactions fill and drain, so a message costs no thread hop unless a queue is
// empty or full. A handler that is quick (reads that never
// wait) may run on the callback thread instead (ServeUnary with
// HandlerThread::kCallbackThread).
//
// Ownership: gRPC owns each call; a reactor deletes itself in OnDone(). The
// handler's thread destroys the handler (and what it captured) and then calls
// Finish(), its last use of the reactor. The service a handler points to must
// outlive the call: grpc::Server::Shutdown() returns only once every callback
// call has finished.
//
// Thread-safety: MessageWriter and MessageInbox are thread-safe; the reactors
// keep at most one read and one write outstanding, as gRPC requires.
#ifndef ALLIANCE_COMMON_RAW_REQUEST_ADAPTER_H_
#define ALLIANCE_COMMON_RAW_REQUEST_ADAPTER_H_

#include <deque>
#include <functional>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "common/grpc_status.h"
#include "common/request_parsing.h"
#include "grpcpp/server_context.h"
#include "grpcpp/support/byte_buffer.h"
#include "grpcpp/support/proto_buffer_writer.h"
#include "grpcpp/support/server_callback.h"
#include "grpcpp/support/status.h"

namespace alliance {

// Where a unary handler runs.
enum class HandlerThread {
  // On gRPC's callback thread: only for handlers that never wait.
  kCallbackThread,
  // On a thread of its own: for handlers that may wait (a synced write).
  kOwnThread,
};

// A generated service with generated method mixins applied:
// WithMethods<Service, WithRawCallbackMethod_A, WithRawCallbackMethod_B>::type
// is WithRawCallbackMethod_A<WithRawCallbackMethod_B<Service>>, written as a
// flat list instead of nested templates.
template <typename Service, template <typename> class... Mixins>
struct WithMethods {
  using type = Service;
};
template <typename Service, template <typename> class First, template <typename> class... Rest>
struct WithMethods<Service, First, Rest...> {
  using type = First<typename WithMethods<Service, Rest...>::type>;
};

// Sends the messages of a server stream. Write queues the message behind at
// most a few others (waiting while the queue is full, which is how flow
// control holds a fast writer back) and returns false once the stream is
// broken (the client went away or the call was cancelled). The call ends only
// after every queued message was sent.
template <typename Message>
class MessageWriter {
 public:
  virtual ~MessageWriter() = default;
  virtual bool Write(const Message& message) = 0;
};

// Receives the messages of a client stream as bytes (the handler parses each,
// so that one bad message can be answered on its own). The reactor reads
// ahead, up to its limits, while the handler works.
class MessageInbox {
 public:
  virtual ~MessageInbox() = default;
  // Waits for at least one message, then moves up to `max` (> 0) of those
  // that have arrived into `out` (cleared first), in order. False when the
  // client finished sending (or the call broke) and every message was taken.
  virtual bool Take(size_t max, std::vector<grpc::ByteBuffer>* out) = 0;
};

// How far a bidirectional stream reads ahead of its handler and how many of
// its messages may wait to be sent.
struct StreamLimits {
  // Reading stops while this many messages, or this many bytes, wait to be taken.
  size_t read_ahead_messages = 64;
  size_t read_ahead_bytes = size_t{256} << 10;
  // Write waits while this many messages wait to be sent.
  size_t queued_writes = 64;
};

// Serializes `message` into `buffer`; false when it cannot be serialized.
template <typename Message>
bool SerializeMessage(const Message& message, grpc::ByteBuffer* buffer) {
  bool own_buffer = false;
  return grpc::SerializationTraits<Message>::Serialize(message, buffer, &own_buffer).ok();
}

namespace raw_request_internal {

// The messages a reactor sends, queued: StartWrite for the first, the next
// from OnWriteDone. Reactions may run inside StartWrite, so it is never called
// with the mutex held. Thread-safe.
template <typename Message, typename Reactor>
class WriteQueue final : public MessageWriter<Message> {
 public:
  WriteQueue(Reactor* reactor, size_t limit) : reactor_(reactor), limit_(limit > 0 ? limit : 1) {}

  bool Write(const Message& message) override ABSL_LOCKS_EXCLUDED(mu_) {
    grpc::ByteBuffer buffer;
    if (!SerializeMessage(message, &buffer)) return false;
    grpc::ByteBuffer* start = nullptr;
    {
      absl::MutexLock lock(&mu_);
      auto room = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return broken_ || queue_.size() < limit_; };
      mu_.Await(absl::Condition(&room));
      if (broken_) return false;
      queue_.push_back(std::move(buffer));  // a deque: the front stays where it is
      if (!writing_) {
        writing_ = true;
        start = &queue_.front();
      }
    }
    if (start != nullptr) reactor_->StartWrite(start);
    return true;
  }

  // The reactor's OnWriteDone.
  void OnWriteDone(bool ok) ABSL_LOCKS_EXCLUDED(mu_) {
    grpc::ByteBuffer* next = nullptr;
    {
      absl::MutexLock lock(&mu_);
      queue_.pop_front();
      if (!ok) {
        broken_ = true;
        queue_.clear();
      }
      writing_ = !queue_.empty();
      if (writing_) next = &queue_.front();
    }
    if (next != nullptr) reactor_->StartWrite(next);
  }

  // Waits until every queued message was sent or the stream broke.
  void Drain() ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(+[](bool* writing) { return !*writing; }, &writing_));
  }

 private:
  Reactor* const reactor_;
  const size_t limit_;
  absl::Mutex mu_;
  std::deque<grpc::ByteBuffer> queue_ ABSL_GUARDED_BY(mu_);  // the front is being written
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  bool broken_ ABSL_GUARDED_BY(mu_) = false;
};

}  // namespace raw_request_internal

// Ends a unary call at once with `status` (a refusal before the request is
// read). Returns the reactor to give back to gRPC.
inline grpc::ServerUnaryReactor* FinishUnary(grpc::CallbackServerContext* context, const grpc::Status& status) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(status);
  return reactor;
}

// Serves one unary call: parses `request_bytes` as a Request (errors name the
// field), runs `handler` where `thread` says, and answers with its status and,
// when OK, its response. Returns the reactor to give back to gRPC.
template <typename Request, typename Response>
grpc::ServerUnaryReactor* ServeUnary(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request_bytes,
                                     grpc::ByteBuffer* response_bytes, HandlerThread thread,
                                     std::function<grpc::Status(const Request&, Response*)> handler) {
  absl::StatusOr<Request> request = ParseRequest<Request>(*request_bytes);
  if (!request.ok()) return FinishUnary(context, ToGrpcStatus(request.status()));
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  auto serve = [reactor, response_bytes, handler = std::move(handler), request = *std::move(request)]() mutable {
    grpc::Status status;
    {
      // Released before the call ends: what the handler holds (its service's
      // call count) must not outlive the call.
      const auto run = std::move(handler);
      Response response;
      status = run(request, &response);
      if (status.ok() && !SerializeMessage(response, response_bytes)) {
        status = grpc::Status(grpc::StatusCode::INTERNAL, "response: cannot be serialized");
      }
    }
    reactor->Finish(status);
  };
  if (thread == HandlerThread::kCallbackThread) {
    serve();
  } else {
    std::thread(std::move(serve)).detach();
  }
  return reactor;
}

// A streaming call refused before its requests are read: ends at once with
// its status. `Reactor` is grpc::ServerWriteReactor<grpc::ByteBuffer> or
// grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>. Create with
// `new`; deletes itself.
template <typename Reactor>
class RefusedReactor final : public Reactor {
 public:
  explicit RefusedReactor(const grpc::Status& status) { this->Finish(status); }
  void OnDone() override { delete this; }
};

// Serves one server-streaming call: parses the request bytes as a Request and
// runs `handler` on a thread of its own, writing through a MessageWriter; the
// call ends with the handler's status. Create with `new`; deletes itself.
template <typename Request, typename Response>
class BlockingWriteReactor final : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
 public:
  using Handler = std::function<grpc::Status(const Request&, MessageWriter<Response>*)>;

  BlockingWriteReactor(const grpc::ByteBuffer* request_bytes, Handler handler) {
    absl::StatusOr<Request> request = ParseRequest<Request>(*request_bytes);
    if (!request.ok()) {
      Finish(ToGrpcStatus(request.status()));
      return;
    }
    std::thread([this, handler = std::move(handler), request = *std::move(request)]() mutable {
      grpc::Status status;
      {
        const auto run = std::move(handler);  // released before the call ends
        status = run(request, &writer_);
      }
      writer_.Drain();
      Finish(status);  // the last use of `this`: OnDone may delete it at once
    }).detach();
  }

  void OnWriteDone(bool ok) override { writer_.OnWriteDone(ok); }
  void OnDone() override { delete this; }

 private:
  // One message waits while another is sent: a slow client holds Write back.
  raw_request_internal::WriteQueue<Response, BlockingWriteReactor> writer_{this, 1};
};

// Serves one bidirectional-streaming call: reads ahead into a MessageInbox
// (within `limits`) and runs `handler` on a thread of its own with that inbox
// and a queued MessageWriter; the call ends with the handler's status once its
// messages are sent. Create with `new`; deletes itself.
template <typename Response>
class BlockingBidiReactor final : public grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>,
                                  private MessageInbox {
 public:
  using Handler = std::function<grpc::Status(MessageInbox*, MessageWriter<Response>*)>;

  BlockingBidiReactor(StreamLimits limits, Handler handler) : limits_(limits), writer_(this, limits.queued_writes) {
    {
      absl::MutexLock lock(&mu_);
      reading_ = true;
    }
    StartRead(&incoming_);
    std::thread([this, handler = std::move(handler)]() mutable {
      grpc::Status status;
      {
        const auto run = std::move(handler);  // released before the call ends
        status = run(this, &writer_);
      }
      writer_.Drain();
      {
        absl::MutexLock lock(&mu_);
        finished_ = true;  // no read starts after this; one in progress ends with the call
      }
      Finish(status);  // the last use of `this`: OnDone may delete it at once
    }).detach();
  }

  void OnReadDone(bool ok) override ABSL_LOCKS_EXCLUDED(mu_) {
    bool again = false;
    {
      absl::MutexLock lock(&mu_);
      if (!ok) {
        reads_ended_ = true;
      } else {
        queued_bytes_ += incoming_.Length();
        queue_.push_back(std::move(incoming_));
        incoming_ = grpc::ByteBuffer();
        again = MayReadLocked();
      }
      reading_ = again;
    }
    if (again) StartRead(&incoming_);  // reactions may run inside: not under mu_
  }
  void OnWriteDone(bool ok) override { writer_.OnWriteDone(ok); }
  void OnDone() override { delete this; }

 private:
  bool Take(size_t max, std::vector<grpc::ByteBuffer>* out) override ABSL_LOCKS_EXCLUDED(mu_) {
    out->clear();
    bool resume = false;
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return !queue_.empty() || reads_ended_; };
      mu_.Await(absl::Condition(&ready));
      while (!queue_.empty() && out->size() < max) {
        queued_bytes_ -= queue_.front().Length();
        out->push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      resume = !reading_ && MayReadLocked();
      if (resume) reading_ = true;
    }
    if (resume) StartRead(&incoming_);
    return !out->empty();
  }

  // True when another read may start: the client may still send and the
  // inbox is within its limits.
  bool MayReadLocked() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return !reads_ended_ && !finished_ && queue_.size() < limits_.read_ahead_messages &&
           queued_bytes_ < limits_.read_ahead_bytes;
  }

  const StreamLimits limits_;
  grpc::ByteBuffer incoming_;  // the read in progress; touched by its starter and OnReadDone only
  absl::Mutex mu_;
  std::deque<grpc::ByteBuffer> queue_ ABSL_GUARDED_BY(mu_);
  size_t queued_bytes_ ABSL_GUARDED_BY(mu_) = 0;
  bool reading_ ABSL_GUARDED_BY(mu_) = false;
  bool reads_ended_ ABSL_GUARDED_BY(mu_) = false;
  bool finished_ ABSL_GUARDED_BY(mu_) = false;
  raw_request_internal::WriteQueue<Response, BlockingBidiReactor> writer_;
};

}  // namespace alliance

#endif  // ALLIANCE_COMMON_RAW_REQUEST_ADAPTER_H_
