#include "query-service/query_service_impl.h"

#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/grpc_status.h"
#include "common/status_macros.h"
#include "grpcpp/support/byte_buffer.h"
#include "query-service/request_validation.h"

namespace alliance::query {
namespace {

FactQueryOptions QueryOptionsOf(const QueryServiceOptions& options) {
  FactQueryOptions out;
  out.default_organization = options.default_organization;
  out.known_organizations = options.known_organizations;
  out.max_evidence_per_fact = options.max_evidence_per_fact;
  return out;
}

WatchStreamOptions WatchOptionsOf(const QueryServiceOptions& options) {
  WatchStreamOptions out;
  out.default_organization = options.default_organization;
  out.progress_interval = options.watch_progress_interval;
  out.response_bytes = options.watch_response_bytes;
  out.poll_interval = options.watch_poll_interval;
  return out;
}

}  // namespace

QueryServiceImpl::QueryServiceImpl(FactStore* store, const ChangeFollower* follower, QueryServiceOptions options)
    : store_(store),
      options_(std::move(options)),
      queries_(store, follower, QueryOptionsOf(options_)),
      watch_options_(WatchOptionsOf(options_)),
      streams_(options_.max_streams) {}

class QueryServiceImpl::CallScope {
 public:
  explicit CallScope(QueryServiceImpl* service) : service_(service) {
    absl::MutexLock lock(&service_->calls_mu_);
    ++service_->calls_in_flight_;
  }
  CallScope(const CallScope&) = delete;
  CallScope& operator=(const CallScope&) = delete;
  ~CallScope() {
    absl::MutexLock lock(&service_->calls_mu_);
    --service_->calls_in_flight_;
  }

 private:
  QueryServiceImpl* const service_;
};

bool QueryServiceImpl::WaitUntilIdle(absl::Duration timeout) {
  absl::MutexLock lock(&calls_mu_);
  auto idle = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(calls_mu_) { return calls_in_flight_ == 0; };
  return calls_mu_.AwaitWithTimeout(absl::Condition(&idle), timeout);
}

template <typename Request, typename Response>
grpc::ServerUnaryReactor* QueryServiceImpl::Serve(grpc::CallbackServerContext* context, const grpc::ByteBuffer* request,
                                                  grpc::ByteBuffer* response,
                                                  absl::Status (FactQueries::*method)(const Request&, Response*)
                                                      const) {
  const CallScope call(this);  // the handler runs on this thread, within this scope
  if (absl::Status auth = CheckCaller(*context); !auth.ok()) return FinishUnary(context, ToGrpcStatus(auth));
  return ServeUnary<Request, Response>(context, request, response, HandlerThread::kCallbackThread,
                                       [this, method](const Request& parsed, Response* answer) {
                                         if (absl::Status serving = CheckServing(); !serving.ok()) {
                                           return ToGrpcStatus(serving);
                                         }
                                         return ToGrpcStatus((queries_.*method)(parsed, answer));
                                       });
}

void QueryServiceImpl::BeginShutdown() { shutting_down_.store(true); }

absl::Status QueryServiceImpl::CheckServing() const {
  if (shutting_down_.load()) return absl::UnavailableError("the query service is shutting down");
  return absl::OkStatus();
}

absl::Status QueryServiceImpl::CheckCaller(const grpc::ServerContextBase& context) const {
  return options_.authenticator.Check(context);
}

grpc::ServerUnaryReactor* QueryServiceImpl::GetMembershipHistory(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
  return Serve(context, request, response, &FactQueries::GetMembershipHistory);
}

grpc::ServerUnaryReactor* QueryServiceImpl::ListMembers(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
  return Serve(context, request, response, &FactQueries::ListMembers);
}

grpc::ServerUnaryReactor* QueryServiceImpl::ListMembershipEvents(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
  return Serve(context, request, response, &FactQueries::ListMembershipEvents);
}

grpc::ServerUnaryReactor* QueryServiceImpl::ListInterventions(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
  return Serve(context, request, response, &FactQueries::ListInterventions);
}

grpc::ServerUnaryReactor* QueryServiceImpl::ListAssistanceRequests(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
  return Serve(context, request, response, &FactQueries::ListAssistanceRequests);
}

grpc::ServerUnaryReactor* QueryServiceImpl::ListConflicts(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
  return Serve(context, request, response, &FactQueries::ListConflicts);
}

grpc::ServerUnaryReactor* QueryServiceImpl::ListCases(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
  return Serve(context, request, response, &FactQueries::ListCases);
}

grpc::ServerUnaryReactor* QueryServiceImpl::ListEvidence(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
  return Serve(context, request, response, &FactQueries::ListEvidence);
}

grpc::ServerUnaryReactor* QueryServiceImpl::Explain(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
  return Serve(context, request, response, &FactQueries::Explain);
}

grpc::ServerUnaryReactor* QueryServiceImpl::GetStatus(
    grpc::CallbackServerContext* context, const grpc::ByteBuffer* request, grpc::ByteBuffer* response) {
  return Serve(context, request, response, &FactQueries::GetStatus);
}

grpc::ServerWriteReactor<grpc::ByteBuffer>* QueryServiceImpl::Watch(grpc::CallbackServerContext* context,
                                                                     const grpc::ByteBuffer* request) {
  using Refused = RefusedReactor<grpc::ServerWriteReactor<grpc::ByteBuffer>>;
  if (absl::Status auth = CheckCaller(*context); !auth.ok()) return new Refused(ToGrpcStatus(auth));
  StreamSlots::Slot slot = streams_.TryAcquire();
  if (!slot.acquired()) {
    return new Refused(grpc::Status(
        grpc::StatusCode::RESOURCE_EXHAUSTED,
        absl::StrCat("max_streams: ", options_.max_streams, " Watch streams are already open; retry later")));
  }
  auto call = std::make_shared<CallScope>(this);
  auto held = std::make_shared<StreamSlots::Slot>(std::move(slot));
  return new BlockingWriteReactor<v1::WatchRequest, v1::WatchResponse>(
      request, [this, context, call = std::move(call), held = std::move(held)](
                   const v1::WatchRequest& parsed, MessageWriter<v1::WatchResponse>* writer) {
        return ToGrpcStatus(ServeWatch(*context, parsed, writer));
      });
}

absl::Status QueryServiceImpl::ServeWatch(const grpc::CallbackServerContext& context, const v1::WatchRequest& request,
                                          MessageWriter<v1::WatchResponse>* writer) const {
  RETURN_IF_ERROR(CheckServing());
  RETURN_IF_ERROR(ValidateWatchRequest(request));
  return StreamWatch(
      store_, request, watch_options_,
      [this, &context]() -> absl::Status {
        if (context.IsCancelled()) return absl::CancelledError("the client cancelled the watch");
        return CheckServing();
      },
      writer);
}

}  // namespace alliance::query
