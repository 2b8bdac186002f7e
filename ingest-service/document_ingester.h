// DocumentIngester: the one path every article takes into the ingest service —
// validate, extract, stamp, commit — shared by the unary and the bulk RPC.
#ifndef ALLIANCE_INGEST_DOCUMENT_INGESTER_H_
#define ALLIANCE_INGEST_DOCUMENT_INGESTER_H_

#include <vector>

#include "absl/status/statusor.h"
#include "alliance/v1/ingest_service.pb.h"
#include "ingest-service/document_validator.h"
#include "ingest-service/extract/extractor.h"
#include "ingest-service/ingest_store.h"

namespace alliance::ingest {

// Stores documents and their records through an Extractor and an IngestStore.
//
// Thread-safe (the store serializes commits; the extractor is thread-safe).
// Does not own `store` or `extractor`, which must outlive it.
class DocumentIngester {
 public:
  DocumentIngester(IngestStore* store, const Extractor& extractor, ValidationLimits limits);
  DocumentIngester(const DocumentIngester&) = delete;
  DocumentIngester& operator=(const DocumentIngester&) = delete;

  // Validates `request.document()`, extracts its records, stamps them (see
  // BuildChange) and commits them durably. Returns {document_id, duplicate,
  // sequence, counts, client_tag}; for a text already stored, the first commit's
  // id, sequence and counts with duplicate = true. Errors: those of
  // ValidateDocument, the extractor's (with their code) and the store's; nothing
  // is stored when any step fails.
  absl::StatusOr<v1::IngestDocumentResponse> Ingest(const v1::IngestDocumentRequest& request) const;

  // Ingest() for documents that arrived together: each is validated and
  // extracted on its own, and all that pass are committed in one synced batch
  // (IngestStore::CommitAll), in order. Returns one result per request, in
  // order; a failure of one document does not affect the others.
  std::vector<absl::StatusOr<v1::IngestDocumentResponse>> IngestAll(
      const std::vector<v1::IngestDocumentRequest>& requests) const;

 private:
  // Validates, extracts and stamps one document, ready to commit.
  absl::StatusOr<PendingCommit> Prepare(const v1::IngestDocumentRequest& request) const;

  // Constant after construction.
  IngestStore* const store_;
  const Extractor& extractor_;
  const ValidationLimits limits_;
};

}  // namespace alliance::ingest

#endif  // ALLIANCE_INGEST_DOCUMENT_INGESTER_H_
