#include "cli/document_inputs.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <istream>
#include <iterator>
#include <system_error>

#include "absl/strings/str_cat.h"

namespace alliance::cli {
namespace {

// Returns the regular, non-hidden files in `directory`, sorted by name.
// NOT_FOUND when it cannot be listed, INVALID_ARGUMENT when it holds no files.
absl::StatusOr<std::vector<std::string>> ListDirectoryFiles(const std::string& directory) {
  std::vector<std::string> files;
  std::error_code error;
  for (std::filesystem::directory_iterator it(directory, error), end; !error && it != end;
       it.increment(error)) {
    const std::string file_name = it->path().filename().string();
    if (file_name.empty() || file_name[0] == '.') continue;
    std::error_code type_error;
    if (it->is_regular_file(type_error)) files.push_back(it->path().string());
  }
  if (error) {
    return absl::NotFoundError(
        absl::StrCat(directory, ": cannot list directory (", error.message(), ")"));
  }
  if (files.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(directory, ": directory has no files"));
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

ExpandedInputs ExpandDirectories(const std::vector<std::string>& args) {
  ExpandedInputs inputs;
  for (const std::string& arg : args) {
    std::error_code error;
    if (arg == "-" || !std::filesystem::is_directory(arg, error)) {
      inputs.names.push_back(arg);
      continue;
    }
    absl::StatusOr<std::vector<std::string>> files = ListDirectoryFiles(arg);
    if (!files.ok()) {
      inputs.errors.push_back(files.status());
      continue;
    }
    inputs.names.insert(inputs.names.end(), files->begin(), files->end());
  }
  return inputs;
}

absl::StatusOr<std::string> ReadInput(std::istream& stdin_stream, const std::string& name) {
  if (name == "-") {
    return std::string(std::istreambuf_iterator<char>(stdin_stream), std::istreambuf_iterator<char>());
  }
  std::ifstream file(name, std::ios::binary);
  if (!file) return absl::NotFoundError(absl::StrCat(name, ": cannot open file"));
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  if (file.bad()) return absl::DataLossError(absl::StrCat(name, ": read error"));
  return text;
}

std::string TitleFromPath(absl::string_view path) {
  const size_t slash = path.find_last_of('/');
  absl::string_view base = slash == absl::string_view::npos ? path : path.substr(slash + 1);
  const size_t dot = base.find_last_of('.');
  if (dot != absl::string_view::npos && dot > 0) base = base.substr(0, dot);
  return std::string(base);
}

}  // namespace alliance::cli
