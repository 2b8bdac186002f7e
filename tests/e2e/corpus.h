// Reads the bundled corpus (data/corpus/*.txt) and the development articles
// (tests/e2e/testdata/dev/*.txt) for end-to-end tests.
#ifndef ALLIANCE_TESTS_E2E_CORPUS_H_
#define ALLIANCE_TESTS_E2E_CORPUS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "common/headered_article.h"
#include "alliance/v1/ingest_service.grpc.pb.h"

namespace alliance::testing {

// One article of the corpus.
struct CorpusFile {
  std::string name;  // file name, e.g. "000_717d4766af32fb9f.txt"
  std::string text;  // its contents
};

// One article as it is sent to the ingest service.
struct CorpusDocument {
  std::string name;       // file name
  v1::Document document;  // text and whatever metadata the file gives
};

// Returns the articles in data/corpus sorted by file name.
std::vector<CorpusFile> ReadBundledCorpus();

// The bundled corpus as documents: the whole file is the text.
std::vector<CorpusDocument> BundledCorpusDocuments();

// Returns the development articles (tests/e2e/testdata/dev/*.txt), sorted by
// file name, with their headers parsed; the first parse error otherwise.
absl::StatusOr<std::vector<CorpusDocument>> ReadDevCorpus();

// Ingests `documents` one IngestDocument call at a time and returns the
// responses in the same order; the first failed call's status otherwise.
absl::StatusOr<std::vector<v1::IngestDocumentResponse>> IngestEach(v1::IngestService::Stub* stub,
                                                                   const std::vector<CorpusDocument>& documents);

// Ingests the bundled corpus one IngestDocument call at a time and returns the
// responses in ReadBundledCorpus() order; the first failed call's status otherwise.
absl::StatusOr<std::vector<v1::IngestDocumentResponse>> IngestBundledCorpus(v1::IngestService::Stub* stub);

// Returns the contents of a file (empty when it cannot be read).
std::string ReadFileOrEmpty(const std::string& path);

}  // namespace alliance::testing

#endif  // ALLIANCE_TESTS_E2E_CORPUS_H_
