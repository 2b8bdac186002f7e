#include "ingest-service/document_ingester.h"

#include <string>
#include <utility>

#include "absl/time/clock.h"
#include "common/log.h"
#include "common/status_macros.h"
#include "ingest-service/change_builder.h"

namespace alliance::ingest {

DocumentIngester::DocumentIngester(IngestStore* store, const Extractor& extractor,
                                   ValidationLimits limits)
    : store_(store), extractor_(extractor), limits_(limits) {}

absl::StatusOr<v1::IngestDocumentResponse> DocumentIngester::Ingest(
    const v1::IngestDocumentRequest& request) const {
  const v1::Document& document = request.document();
  RETURN_IF_ERROR(ValidateDocument(document, limits_));
  ASSIGN_OR_RETURN(ExtractionResult extraction, extractor_.Extract(document));
  // The text the ids and offsets refer to must itself be storable.
  if (extraction.normalized_text.empty()) {
    return absl::InternalError("extractor returned an empty normalized text");
  }
  const std::string normalized_text = extraction.normalized_text;
  v1::Change change =
      BuildChange(document, std::move(extraction), absl::ToUnixSeconds(absl::Now()));
  const std::string document_id = change.document().document_id();
  const std::string title = change.document().title();
  const int records = change.records_size();
  ASSIGN_OR_RETURN(CommitResult committed, store_->Commit(std::move(change), normalized_text));

  v1::IngestDocumentResponse response;
  response.set_document_id(document_id);
  response.set_duplicate(committed.duplicate);
  response.set_sequence(committed.sequence);
  *response.mutable_counts() = committed.counts;
  response.set_client_tag(request.client_tag());
  if (committed.duplicate) {
    LogInfo("ingest", "duplicate ", document_id, " (first stored at sequence ", committed.sequence,
            ")");
  } else {
    LogInfo("ingest", "stored ", document_id, " at sequence ", committed.sequence, " with ",
            records, " records: \"", title, "\"");
  }
  return response;
}

}  // namespace alliance::ingest
