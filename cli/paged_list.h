// FetchAllPages: calls one of the query service's paged List methods until
// next_page_token comes back empty, so that commands print every page.
//
// Ownership: the request is taken by value; pages are handed to the caller's
// callback and not kept.
//
// Thread contract: thread-compatible, as the CommandContext is; the callbacks
// run on the calling thread.
#ifndef ALLIANCE_CLI_PAGED_LIST_H_
#define ALLIANCE_CLI_PAGED_LIST_H_

#include <functional>
#include <ostream>
#include <string>

#include "cli/command_context.h"
#include "cli/command_output.h"
#include "cli/rpc_support.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"

namespace alliance::cli {

// Calls `call` (a List method of the query service) with `request`, page after
// page, until next_page_token is empty, and returns the exit code. In --json
// mode prints each page as it arrives; otherwise hands each page to `on_page`.
// Stops with kExitError when the service returns the same page token twice.
template <typename Request, typename Response>
int FetchAllPages(
    CommandContext& context, Request request,
    std::function<grpc::Status(grpc::ClientContext*, const Request&, Response*)> call,
    const std::function<void(const Response&)>& on_page) {
  request.set_page_size(context.options.page_size);
  while (true) {
    Response response;
    grpc::ClientContext call_context;
    PrepareCall(context, Service::kQuery, &call_context);
    const grpc::Status status = call(&call_context, request, &response);
    if (!status.ok()) return ReportRpcError(context, Service::kQuery, status);
    if (context.options.json) {
      if (!PrintJson(context, response)) return kExitError;
    } else {
      on_page(response);
    }
    const std::string& next = response.next_page_token();
    if (next.empty()) return kExitOk;
    if (next == request.page_token()) {
      *context.err << "alliancectl: the query service returned the same page token twice; stopping\n";
      return kExitError;
    }
    request.set_page_token(next);
  }
}

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_PAGED_LIST_H_
