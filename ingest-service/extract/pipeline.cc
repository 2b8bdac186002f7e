// Temporary: normalizes nothing and extracts nothing until the real pipeline lands
// (issue 3). It lets the ingest service link and run end to end.
#include "ingest-service/extract/pipeline.h"

namespace alliance::ingest {
namespace {

class EmptyExtractor final : public Extractor {
 public:
  absl::StatusOr<ExtractionResult> Extract(const v1::Document& document) const override {
    ExtractionResult result;
    result.normalized_text = document.text();
    result.info.set_title(document.title());
    result.info.set_source(document.source());
    result.info.set_url(document.url());
    result.info.set_author(document.author());
    result.info.set_length(static_cast<int64_t>(result.normalized_text.size()));
    return result;
  }
};

}  // namespace

absl::StatusOr<std::unique_ptr<Extractor>> NewPipelineExtractor(const std::string& /*lexicon_dir*/) {
  return std::make_unique<EmptyExtractor>();
}

}  // namespace alliance::ingest
