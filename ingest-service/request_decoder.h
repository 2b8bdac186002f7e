// RequestDecoder: reads an IngestDocumentRequest from its wire bytes so that a
// request with invalid UTF-8 is refused like any other bad input —
// INVALID_ARGUMENT naming the field and byte offset — instead of failing inside
// gRPC's own parsing (which answers INTERNAL, or silently ends a bulk stream).
//
// All functions are pure and thread-safe.
#ifndef ALLIANCE_INGEST_REQUEST_DECODER_H_
#define ALLIANCE_INGEST_REQUEST_DECODER_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "alliance/v1/ingest_service.pb.h"

namespace alliance::ingest {

// Parses `wire` (a serialized alliance.v1.IngestDocumentRequest). Returns
// INVALID_ARGUMENT naming the field ("document.text: invalid UTF-8 at byte offset
// 4") when a string field is not valid UTF-8, and INVALID_ARGUMENT "request: ..."
// when the bytes are not such a message at all. Sets `*client_tag` (which may
// not be null) to the request's client_tag whenever it can be read, so a refusal
// can still be matched by the client.
absl::StatusOr<v1::IngestDocumentRequest> DecodeIngestDocumentRequest(absl::string_view wire,
                                                                      std::string* client_tag);

}  // namespace alliance::ingest

#endif  // ALLIANCE_INGEST_REQUEST_DECODER_H_
