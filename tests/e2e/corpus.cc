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

std::vector<CorpusFile> ReadBundledCorpus() {
  std::vector<CorpusFile> files;
  for (const auto& entry : std::filesystem::directory_iterator(SourcePath("data/corpus"))) {
    if (entry.path().extension() != ".txt") continue;
    files.push_back({entry.path().filename().string(), ReadFileOrEmpty(entry.path().string())});
  }
  std::sort(files.begin(), files.end(), [](const CorpusFile& a, const CorpusFile& b) { return a.name < b.name; });
  return files;
}

absl::StatusOr<std::vector<v1::IngestDocumentResponse>> IngestBundledCorpus(v1::IngestService::Stub* stub) {
  std::vector<v1::IngestDocumentResponse> responses;
  for (const CorpusFile& file : ReadBundledCorpus()) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    v1::IngestDocumentRequest request;
    request.mutable_document()->set_text(file.text);
    v1::IngestDocumentResponse response;
    const grpc::Status status = stub->IngestDocument(&context, request, &response);
    if (!status.ok()) {
      return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                          absl::StrCat(file.name, ": ", status.error_message()));
    }
    responses.push_back(std::move(response));
  }
  return responses;
}

}  // namespace alliance::testing
