// Parses gRPC request bytes into a message, and when they do not parse, says
// which field is at fault. Proto3 refuses a `string` field that is not UTF-8,
// and gRPC answers such a request with INTERNAL before any handler runs; a
// service that reads the bytes itself can answer INVALID_ARGUMENT naming the
// field instead.
//
// Pure functions; thread-safe.
#ifndef ALLIANCE_COMMON_REQUEST_PARSING_H_
#define ALLIANCE_COMMON_REQUEST_PARSING_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"
#include "grpcpp/support/byte_buffer.h"

namespace alliance {

// Returns why `wire` is not a valid `descriptor` message: INVALID_ARGUMENT
// "<field path>: invalid UTF-8 at byte offset N" for the first string field (at any
// depth, e.g. "as_of.as_written") that is not UTF-8, else INVALID_ARGUMENT
// "request: not a valid <message name>".
absl::Status ExplainUnparsableMessage(absl::string_view wire, const google::protobuf::Descriptor& descriptor);

// Returns the value of the top-level string field `field_number` in `wire`
// when it is there and is UTF-8, else "". Reads what a message that does not
// parse still says (a client's tag, to match a refusal to its request).
std::string ReadValidStringField(absl::string_view wire, int field_number);

// Returns the bytes of `buffer`. INTERNAL when they cannot be read.
absl::StatusOr<std::string> ByteBufferContents(const grpc::ByteBuffer& buffer);

// Parses `wire` as a `Message`, explaining a failure as above.
template <typename Message>
absl::StatusOr<Message> ParseMessage(absl::string_view wire) {
  Message message;
  if (message.ParseFromArray(wire.data(), static_cast<int>(wire.size()))) return message;
  return ExplainUnparsableMessage(wire, *Message::descriptor());
}

// Parses `buffer` as a `Message`, explaining a failure as above.
template <typename Message>
absl::StatusOr<Message> ParseRequest(const grpc::ByteBuffer& buffer) {
  absl::StatusOr<std::string> wire = ByteBufferContents(buffer);
  if (!wire.ok()) return wire.status();
  return ParseMessage<Message>(*wire);
}

}  // namespace alliance

#endif  // ALLIANCE_COMMON_REQUEST_PARSING_H_
