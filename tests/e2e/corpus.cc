#include "tests/e2e/corpus.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
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

absl::StatusOr<v1::Document> ParseHeaderedArticle(const std::string& contents) {
  const size_t line_end = std::min(contents.find('\n'), contents.size());
  const absl::string_view header = absl::string_view(contents).substr(0, line_end);
  const size_t title = header.find(" | TITLE: ");
  const size_t date = header.rfind(" | DATE: ");
  if (!absl::StartsWith(header, "SOURCE: ") || title == absl::string_view::npos || date == absl::string_view::npos ||
      date < title) {
    return absl::InvalidArgumentError(absl::StrCat("not a \"SOURCE: … | TITLE: … | DATE: …\" line: ", header));
  }
  v1::Document document;
  document.set_url(std::string(absl::StripAsciiWhitespace(header.substr(8, title - 8))));
  document.set_title(std::string(absl::StripAsciiWhitespace(header.substr(title + 10, date - title - 10))));
  document.set_published(std::string(absl::StripAsciiWhitespace(header.substr(date + 9))));
  size_t text = line_end;
  while (text < contents.size()) {  // skip the line break and the blank lines after the header
    const size_t next = std::min(contents.find('\n', text + 1), contents.size());
    if (!absl::StripAsciiWhitespace(absl::string_view(contents).substr(text + 1, next - text - 1)).empty()) break;
    text = next;
  }
  document.set_text(text < contents.size() ? contents.substr(text + 1) : "");
  return document;
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
