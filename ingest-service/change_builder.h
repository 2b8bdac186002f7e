// ChangeBuilder: turns what the Extractor produced for one document into the
// change-log entry the ingest service stores and publishes.
//
// It stamps what only the service knows: the document id (the content hash of
// the normalized text), the length, the ingest time, a title when neither the
// request nor the extractor gave one, the document's id, title and publication
// date on every piece of evidence, and ids for records that have none.
//
// All functions are pure and thread-safe.
#ifndef ALLIANCE_INGEST_CHANGE_BUILDER_H_
#define ALLIANCE_INGEST_CHANGE_BUILDER_H_

#include <cstdint>
#include <string>

#include "absl/strings/string_view.h"
#include "alliance/v1/ingest_service.pb.h"
#include "google/protobuf/repeated_field.h"
#include "ingest-service/extract/extractor.h"

namespace alliance::ingest {

// Longest title, in bytes, taken from the first line of a text.
inline constexpr size_t kMaxFallbackTitleBytes = 200;

// Returns the change for `result` with sequence 0 (the store assigns it). The
// document's metadata is result.info as the extractor produced it (its
// metadata reader decides title, source, url, author and published from the
// request and the header lines); only an empty title is filled, with
// FallbackTitle(). ingested_at_unix is set to `ingested_at_unix`.
// Record ids that are empty become "<document_id>/m<n>", "/i<n>" or "/r<n>",
// where n counts records of that kind from 0 in order. Records with no kind set
// are dropped.
v1::Change BuildChange(ExtractionResult result, int64_t ingested_at_unix);

// Returns the first line of `text` that has a visible character, with white
// space trimmed, cut to at most kMaxFallbackTitleBytes on a character boundary;
// "" when there is none.
std::string FallbackTitle(absl::string_view text);

// Returns how many records of each kind `records` holds.
v1::RecordCounts CountRecords(const google::protobuf::RepeatedPtrField<v1::Record>& records);

}  // namespace alliance::ingest

#endif  // ALLIANCE_INGEST_CHANGE_BUILDER_H_
