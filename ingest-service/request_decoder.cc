#include "ingest-service/request_decoder.h"

#include "common/status_macros.h"
#include "ingest-service/document_validator.h"
#include "ingest-service/lenient_request.pb.h"

namespace alliance::ingest {

absl::StatusOr<v1::IngestDocumentRequest> DecodeIngestDocumentRequest(absl::string_view wire,
                                                                      std::string* client_tag) {
  client_tag->clear();
  v1::IngestDocumentRequest request;
  if (request.ParseFromArray(wire.data(), static_cast<int>(wire.size()))) {
    *client_tag = request.client_tag();
    return request;
  }
  // Find out why through the mirror with bytes fields.
  internal::LenientIngestDocumentRequest lenient;
  if (!lenient.ParseFromArray(wire.data(), static_cast<int>(wire.size()))) {
    return absl::InvalidArgumentError("request: not a valid alliance.v1.IngestDocumentRequest");
  }
  RETURN_IF_ERROR(ValidateUtf8Text(lenient.client_tag(), "client_tag"));
  *client_tag = lenient.client_tag();
  const internal::LenientDocument& document = lenient.document();
  RETURN_IF_ERROR(ValidateUtf8Text(document.text(), "document.text"));
  RETURN_IF_ERROR(ValidateUtf8Text(document.title(), "document.title"));
  RETURN_IF_ERROR(ValidateUtf8Text(document.source(), "document.source"));
  RETURN_IF_ERROR(ValidateUtf8Text(document.url(), "document.url"));
  RETURN_IF_ERROR(ValidateUtf8Text(document.published(), "document.published"));
  RETURN_IF_ERROR(ValidateUtf8Text(document.author(), "document.author"));
  // Valid UTF-8 everywhere we know of: a field newer than the mirror is at fault.
  return absl::InvalidArgumentError(
      "request: a string field is not valid UTF-8 (or the message is malformed)");
}

}  // namespace alliance::ingest
