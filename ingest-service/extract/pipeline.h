// The extraction pipeline: the real Extractor behind the ingest service.
#ifndef ALLIANCE_INGEST_EXTRACT_PIPELINE_H_
#define ALLIANCE_INGEST_EXTRACT_PIPELINE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "ingest-service/extract/extractor.h"

namespace alliance::ingest {

// Loads the lexicons in `lexicon_dir` (data/lexicon) and returns the pipeline.
// Returns INVALID_ARGUMENT naming the file and line when a lexicon is malformed,
// NOT_FOUND when the directory or a required file is missing.
absl::StatusOr<std::unique_ptr<Extractor>> NewPipelineExtractor(const std::string& lexicon_dir);

}  // namespace alliance::ingest

#endif  // ALLIANCE_INGEST_EXTRACT_PIPELINE_H_
