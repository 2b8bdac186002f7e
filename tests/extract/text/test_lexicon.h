// Test helpers: the repository's lexicon, loaded once, and temporary lexicon
// directories for tests that need invented entries.
#ifndef ALLIANCE_TESTS_EXTRACT_TEXT_TEST_LEXICON_H_
#define ALLIANCE_TESTS_EXTRACT_TEXT_TEST_LEXICON_H_

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "gtest/gtest.h"
#include "ingest-service/extract/lexicon.h"

namespace alliance::ingest::testing {

inline std::string LexiconDir() { return std::string(ALLIANCE_SOURCE_DIR) + "/data/lexicon"; }

// Returns the repository's lexicon (data/lexicon), loaded once.
inline const Lexicon& RepositoryLexicon() {
  static const Lexicon* lexicon = [] {
    auto loaded = Lexicon::Load(LexiconDir());
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status();
      std::abort();
    }
    return loaded->release();
  }();
  return *lexicon;
}

// A temporary copy of data/lexicon whose files a test may replace; removed
// when destroyed.
class TempLexiconDir {
 public:
  TempLexiconDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "lexicon-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
    for (const auto& entry : std::filesystem::directory_iterator(LexiconDir())) {
      std::filesystem::copy_file(entry.path(), std::filesystem::path(path_) / entry.path().filename());
    }
  }
  ~TempLexiconDir() { std::filesystem::remove_all(path_); }
  TempLexiconDir(const TempLexiconDir&) = delete;
  TempLexiconDir& operator=(const TempLexiconDir&) = delete;

  // Replaces (or creates) `name` with `content`.
  void Write(const std::string& name, const std::string& content) const {
    std::ofstream(std::filesystem::path(path_) / name, std::ios::trunc) << content;
  }
  // Removes `name`.
  void Remove(const std::string& name) const { std::filesystem::remove(std::filesystem::path(path_) / name); }

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace alliance::ingest::testing

#endif  // ALLIANCE_TESTS_EXTRACT_TEXT_TEST_LEXICON_H_
