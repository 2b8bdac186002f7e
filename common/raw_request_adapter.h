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
// and talks to the reactor through MessageWriter / RawMessageReader, whose calls
// wait for the reactor's completions. A handler that is quick (reads that never
// wait) may run on the callback thread instead (ServeUnary with
// HandlerThread::kCallbackThread).
//
// Ownership: gRPC owns each call; a reactor deletes itself in OnDone(). The
// handler's thread destroys the handler (and what it captured) and then calls
// Finish(), its last use of the reactor. The service a handler points to must
// outlive the call: grpc::Server::Shutdown() returns only once every callback
// call has finished.
//
// Thread-safety: MessageWriter::Write may be called from one thread at a time,
// RawMessageReader::Read from one thread at a time; one reader and one writer
// may work at once (gRPC allows one read and one write outstanding).
#ifndef ALLIANCE_COMMON_RAW_REQUEST_ADAPTER_H_
#define ALLIANCE_COMMON_RAW_REQUEST_ADAPTER_H_

#include <functional>
#include <thread>
#include <utility>

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

// Sends the messages of a server stream. Write blocks until gRPC has taken the
// message (flow control may hold it back) and returns false once the stream is
// broken (the client went away or the call was cancelled).
template <typename Message>
class MessageWriter {
 public:
  virtual ~MessageWriter() = default;
  virtual bool Write(const Message& message) = 0;
};

// Receives the messages of a client stream as bytes (the handler parses each,
// so that one bad message can be answered on its own). Read blocks until a
// message arrives and returns false when the client has finished sending or
// the call is broken.
class RawMessageReader {
 public:
  virtual ~RawMessageReader() = default;
  virtual bool Read(grpc::ByteBuffer* message) = 0;
};

// Serializes `message` into `buffer`; false when it cannot be serialized.
template <typename Message>
bool SerializeMessage(const Message& message, grpc::ByteBuffer* buffer) {
  bool own_buffer = false;
  return grpc::SerializationTraits<Message>::Serialize(message, buffer, &own_buffer).ok();
}

namespace raw_request_internal {

// One pending operation of a reactor that a blocking thread waits for.
// Thread-safe.
class Completion {
 public:
  // Marks the operation started.
  void Start() ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    pending_ = true;
  }
  // Called by the reactor's reaction.
  void Done(bool ok) ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    pending_ = false;
    ok_ = ok;
  }
  // Waits for Done() and returns its `ok`.
  bool Wait() ABSL_LOCKS_EXCLUDED(mu_) {
    absl::MutexLock lock(&mu_);
    mu_.Await(absl::Condition(
        +[](bool* pending) { return !*pending; }, &pending_));
    return ok_;
  }

 private:
  absl::Mutex mu_;
  bool pending_ ABSL_GUARDED_BY(mu_) = false;
  bool ok_ ABSL_GUARDED_BY(mu_) = false;
};

// Writes through a reactor's StartWrite, waiting for OnWriteDone.
template <typename Message, typename Reactor>
class ReactorWriter final : public MessageWriter<Message> {
 public:
  explicit ReactorWriter(Reactor* reactor) : reactor_(reactor) {}

  bool Write(const Message& message) override {
    if (broken_) return false;
    buffer_.Clear();
    if (!SerializeMessage(message, &buffer_)) return false;
    done_.Start();
    reactor_->StartWrite(&buffer_);
    broken_ = !done_.Wait();
    return !broken_;
  }

  // The reactor's OnWriteDone.
  void OnWriteDone(bool ok) { done_.Done(ok); }

 private:
  Reactor* const reactor_;
  grpc::ByteBuffer buffer_;  // must live until OnWriteDone
  Completion done_;
  bool broken_ = false;  // used by the writing thread only
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

// A server-streaming call refused before its request is read: ends at once
// with its status. Create with `new`; deletes itself.
class RefusedWriteReactor final : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
 public:
  explicit RefusedWriteReactor(const grpc::Status& status) { Finish(status); }
  void OnDone() override { delete this; }
};

// Serves one server-streaming call: parses the request bytes as a Request and
// runs `handler` on a thread of its own, writing through a MessageWriter; the
// call ends with the handler's status. Create with `new`; deletes itself.
template <typename Request, typename Response>
class BlockingWriteReactor final : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
 public:
  using Handler = std::function<grpc::Status(const Request&, MessageWriter<Response>*)>;

  BlockingWriteReactor(const grpc::ByteBuffer* request_bytes, Handler handler) : writer_(this) {
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
      Finish(status);  // the last use of `this`: OnDone may delete it at once
    }).detach();
  }

  void OnWriteDone(bool ok) override { writer_.OnWriteDone(ok); }
  void OnDone() override { delete this; }

 private:
  raw_request_internal::ReactorWriter<Response, BlockingWriteReactor> writer_;
};

// Serves one bidirectional-streaming call: runs `handler` on a thread of its
// own with a RawMessageReader (the handler may hand it to a second thread of
// its own, to read while it writes) and a MessageWriter; the call ends with the
// handler's status, which it returns only when no Read() is in progress.
// Create with `new`; deletes itself.
template <typename Response>
class BlockingBidiReactor final : public grpc::ServerBidiReactor<grpc::ByteBuffer, grpc::ByteBuffer>,
                                  private RawMessageReader {
 public:
  using Handler = std::function<grpc::Status(RawMessageReader*, MessageWriter<Response>*)>;

  explicit BlockingBidiReactor(Handler handler) : writer_(this) {
    std::thread([this, handler = std::move(handler)]() mutable {
      grpc::Status status;
      {
        const auto run = std::move(handler);  // released before the call ends
        status = run(this, &writer_);
      }
      Finish(status);  // the last use of `this`: OnDone may delete it at once
    }).detach();
  }

  void OnReadDone(bool ok) override { read_.Done(ok); }
  void OnWriteDone(bool ok) override { writer_.OnWriteDone(ok); }
  void OnDone() override { delete this; }

 private:
  bool Read(grpc::ByteBuffer* message) override {
    if (reads_ended_) return false;
    read_.Start();
    StartRead(message);
    reads_ended_ = !read_.Wait();
    return !reads_ended_;
  }

  raw_request_internal::Completion read_;
  bool reads_ended_ = false;  // used by the reading thread only
  raw_request_internal::ReactorWriter<Response, BlockingBidiReactor> writer_;
};

}  // namespace alliance

#endif  // ALLIANCE_COMMON_RAW_REQUEST_ADAPTER_H_
