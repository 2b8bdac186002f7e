// Checks how ingest's FILE, DIR and "-" arguments become the inputs it reads,
// and the default titles of files.
#include "cli/document_inputs.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace alliance::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Returns a fresh, empty directory for one test; the test removes it.
std::string MakeEmptyDirectory(const std::string& name) {
  const char* tmp = std::getenv("TEST_TMPDIR");
  const std::string dir =
      absl::StrCat(tmp != nullptr ? tmp : "/tmp", "/document_inputs_", ::getpid(), "_", name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(DocumentInputs, TitleIsTheBaseNameWithoutTheExtension) {
  EXPECT_EQ(TitleFromPath("articles/ruritania-joins.txt"), "ruritania-joins");
  EXPECT_EQ(TitleFromPath("ruritania.2031.txt"), "ruritania.2031");
  EXPECT_EQ(TitleFromPath("archive.d/ruritania"), "ruritania");
  EXPECT_EQ(TitleFromPath(".ruritania"), ".ruritania");
}

TEST(DocumentInputs, ExpandsADirectoryIntoItsVisibleFilesByNameAndPassesTheRestThrough) {
  const std::string dir = MakeEmptyDirectory("expand");
  std::ofstream(dir + "/b.txt") << "Ruritania left.";
  std::ofstream(dir + "/a.txt") << "Ruritania joined.";
  std::ofstream(dir + "/.index") << "not an article";
  std::filesystem::create_directories(dir + "/older");
  const ExpandedInputs inputs = ExpandDirectories({"-", dir, "missing.txt"});
  std::filesystem::remove_all(dir);
  EXPECT_THAT(inputs.names, ElementsAre("-", dir + "/a.txt", dir + "/b.txt", "missing.txt"));
  EXPECT_THAT(inputs.errors, IsEmpty());
}

TEST(DocumentInputs, AnEmptyDirectoryIsAnErrorNamingIt) {
  const std::string dir = MakeEmptyDirectory("empty");
  const ExpandedInputs inputs = ExpandDirectories({dir});
  std::filesystem::remove_all(dir);
  EXPECT_THAT(inputs.names, IsEmpty());
  ASSERT_EQ(inputs.errors.size(), 1u);
  EXPECT_EQ(inputs.errors[0].message(), absl::StrCat(dir, ": directory has no files"));
}

TEST(DocumentInputs, ReadsStandardInputForADashAndReportsAMissingFile) {
  std::istringstream in("Ruritania signed in 2031.");
  absl::StatusOr<std::string> text = ReadInput(in, "-");
  ASSERT_TRUE(text.ok()) << text.status();
  EXPECT_EQ(*text, "Ruritania signed in 2031.");
  absl::StatusOr<std::string> missing = ReadInput(in, "/nonexistent/ruritania.txt");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "/nonexistent/ruritania.txt: cannot open file");
}

}  // namespace
}  // namespace alliance::cli
