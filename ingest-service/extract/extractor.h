// The seam between the ingest service and the extraction pipeline.
#ifndef ALLIANCE_INGEST_EXTRACT_EXTRACTOR_H_
#define ALLIANCE_INGEST_EXTRACT_EXTRACTOR_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "alliance/v1/ingest_service.pb.h"
#include "alliance/v1/records.pb.h"

namespace alliance::ingest {

// What extraction produced for one document.
struct ExtractionResult {
  // The document text after Unicode normalization; evidence offsets index it and
  // the document id is its content hash.
  std::string normalized_text;
  // Metadata: title, source, url, author and published (from the request, or read
  // from the text when the request has none), length and sentence_fingerprints.
  // document_id and ingested_at_unix are left for the ingest service to set.
  v1::DocumentInfo info;
  // Records read from the text, each naming its organization (the ledger's
  // default when the text leaves it implicit), so nothing downstream has to
  // decide what an empty one means. Evidence carries sentence_index, begin, end and
  // quote; the ingest service stamps document_id, document_title and
  // document_published. Record ids may be empty: the ingest service assigns them.
  std::vector<v1::Record> records;
};

// Turns one article into records. Implementations are pure and deterministic (the
// same document always gives the same result) and thread-safe: the ingest service
// calls Extract from many RPC threads at once.
class Extractor {
 public:
  virtual ~Extractor() = default;

  // Extracts the records of `document`, whose text the caller has already
  // validated as non-empty UTF-8 within the size limit. Returns INVALID_ARGUMENT
  // naming the field for input it cannot use (e.g. a malformed `published`).
  virtual absl::StatusOr<ExtractionResult> Extract(const v1::Document& document) const = 0;
};

}  // namespace alliance::ingest

#endif  // ALLIANCE_INGEST_EXTRACT_EXTRACTOR_H_
