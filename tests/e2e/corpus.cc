#include "tests/e2e/corpus.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

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

}  // namespace alliance::testing
