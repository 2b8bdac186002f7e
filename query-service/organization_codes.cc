#include "query-service/organization_codes.h"

#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "alliance/ingest/lexicon/lexicon.pb.h"

namespace alliance::query {
namespace {

// Keeps the first parse error, with its line (1-based) and column.
class FirstError : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column, const std::string& message) override {
    if (error_.empty()) error_ = absl::StrCat(line + 1, ":", column + 1, ": ", message);
  }
  const std::string& error() const { return error_; }

 private:
  std::string error_;
};

}  // namespace

absl::StatusOr<std::set<std::string>> ParseOrganizationCodes(absl::string_view text,
                                                             absl::string_view file_name) {
  ingest::lexicon::LexiconFile file;
  FirstError errors;
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(std::string(text), &file)) {
    return absl::InvalidArgumentError(absl::StrCat(file_name, ":", errors.error()));
  }
  std::set<std::string> codes;
  for (const auto& organization : file.organizations()) {
    if (organization.code().empty()) {
      return absl::InvalidArgumentError(absl::StrCat(file_name, ": an organization has no code"));
    }
    codes.insert(organization.code());
  }
  return codes;
}

absl::StatusOr<std::set<std::string>> LoadOrganizationCodes(const std::string& lexicon_dir) {
  const std::string path = absl::StrCat(lexicon_dir, "/", kOrganizationsFile);
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat(path, " cannot be read"));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ParseOrganizationCodes(buffer.str(), path);
}

}  // namespace alliance::query
