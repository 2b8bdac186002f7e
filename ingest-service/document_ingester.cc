#include "ingest-service/document_ingester.h"

#include <string>
#include <utility>
#include <vector>

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
  return std::move(IngestAll({request})[0]);
}

absl::StatusOr<PendingCommit> DocumentIngester::Prepare(const v1::IngestDocumentRequest& request) const {
  const v1::Document& document = request.document();
  RETURN_IF_ERROR(ValidateDocument(document, limits_));
  ASSIGN_OR_RETURN(ExtractionResult extraction, extractor_.Extract(document));
  // The text the ids and offsets refer to must itself be storable.
  if (extraction.normalized_text.empty()) {
    return absl::InternalError("extractor returned an empty normalized text");
  }
  PendingCommit pending;
  pending.normalized_text = extraction.normalized_text;
  pending.change = BuildChange(std::move(extraction), absl::ToUnixSeconds(absl::Now()));
  return pending;
}

std::vector<absl::StatusOr<v1::IngestDocumentResponse>> DocumentIngester::IngestAll(
    const std::vector<v1::IngestDocumentRequest>& requests) const {
  std::vector<absl::StatusOr<v1::IngestDocumentResponse>> out(requests.size(),
                                                              absl::UnknownError("not ingested"));
  std::vector<PendingCommit> commits;
  std::vector<size_t> committed;  // the request of each commit
  for (size_t i = 0; i < requests.size(); ++i) {
    absl::StatusOr<PendingCommit> prepared = Prepare(requests[i]);
    if (!prepared.ok()) {
      out[i] = prepared.status();
      continue;
    }
    commits.push_back(*std::move(prepared));
    committed.push_back(i);
  }
  std::vector<std::string> titles;
  std::vector<int> records;
  for (const PendingCommit& commit : commits) {
    titles.push_back(commit.change.document().title());
    records.push_back(commit.change.records_size());
  }
  std::vector<std::string> document_ids;
  for (const PendingCommit& commit : commits) document_ids.push_back(commit.change.document().document_id());
  std::vector<absl::StatusOr<CommitResult>> results = store_->CommitAll(std::move(commits));
  for (size_t c = 0; c < results.size(); ++c) {
    const size_t i = committed[c];
    if (!results[c].ok()) {
      out[i] = results[c].status();
      continue;
    }
    const CommitResult& result = *results[c];
    v1::IngestDocumentResponse response;
    response.set_document_id(document_ids[c]);
    response.set_duplicate(result.duplicate);
    response.set_sequence(result.sequence);
    *response.mutable_counts() = result.counts;
    response.set_client_tag(requests[i].client_tag());
    if (result.duplicate) {
      LogInfo("ingest", "duplicate ", document_ids[c], " (first stored at sequence ", result.sequence, ")");
    } else {
      LogInfo("ingest", "stored ", document_ids[c], " at sequence ", result.sequence, " with ", records[c],
              " records: \"", titles[c], "\"");
    }
    out[i] = std::move(response);
  }
  return out;
}

}  // namespace alliance::ingest
