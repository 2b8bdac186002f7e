#include "tests/e2e/corpus.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "grpcpp/grpcpp.h"
#include "tests/e2e/local_cluster.h"

namespace alliance::testing {

std::string ReadFileOrEmpty(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

namespace {

// The .txt files of a source directory, sorted by file name.
std::vector<CorpusFile> ReadTextFiles(const std::string& relative_dir) {
  std::vector<CorpusFile> files;
  for (const auto& entry : std::filesystem::directory_iterator(SourcePath(relative_dir))) {
    if (entry.path().extension() != ".txt") continue;
    files.push_back({entry.path().filename().string(), ReadFileOrEmpty(entry.path().string())});
  }
  std::sort(files.begin(), files.end(), [](const CorpusFile& a, const CorpusFile& b) { return a.name < b.name; });
  return files;
}

}  // namespace

std::vector<CorpusFile> ReadBundledCorpus() { return ReadTextFiles("data/corpus"); }

std::vector<CorpusDocument> BundledCorpusDocuments() {
  std::vector<CorpusDocument> documents;
  for (const CorpusFile& file : ReadBundledCorpus()) {
    CorpusDocument document{file.name, {}};
    document.document.set_text(file.text);
    documents.push_back(std::move(document));
  }
  return documents;
}

absl::StatusOr<std::vector<CorpusDocument>> ReadDevCorpus() {
  std::vector<CorpusDocument> documents;
  for (const CorpusFile& file : ReadTextFiles("tests/e2e/testdata/dev")) {
    absl::StatusOr<v1::Document> document = ParseHeaderedArticle(file.text);
    if (!document.ok()) return absl::InvalidArgumentError(absl::StrCat(file.name, ": ", document.status().message()));
    documents.push_back({file.name, std::move(*document)});
  }
  return documents;
}

absl::StatusOr<std::vector<v1::IngestDocumentResponse>> IngestEach(v1::IngestService::Stub* stub,
                                                                   const std::vector<CorpusDocument>& documents) {
  std::vector<v1::IngestDocumentResponse> responses;
  for (const CorpusDocument& document : documents) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    v1::IngestDocumentRequest request;
    *request.mutable_document() = document.document;
    v1::IngestDocumentResponse response;
    const grpc::Status status = stub->IngestDocument(&context, request, &response);
    if (!status.ok()) {
      return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                          absl::StrCat(document.name, ": ", status.error_message()));
    }
    responses.push_back(std::move(response));
  }
  return responses;
}

absl::StatusOr<std::vector<v1::IngestDocumentResponse>> IngestBundledCorpus(v1::IngestService::Stub* stub) {
  return IngestEach(stub, BundledCorpusDocuments());
}

}  // namespace alliance::testing
