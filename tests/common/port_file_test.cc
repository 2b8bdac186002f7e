// WritePortFile: the port and a newline land at the path whole, replacing
// what was there; a path that cannot be written gives an error naming it.
#include "common/port_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "tests/testing/subprocess.h"

namespace alliance {
namespace {

std::string Contents(const std::string& path) {
  std::ifstream in(path);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(PortFile, WritesThePortAndReplacesAnOldOne) {
  const std::string dir = testing::MakeTempDir("port_file_test");
  const std::string path = dir + "/service.port";
  ASSERT_TRUE(WritePortFile(path, 50051).ok());
  EXPECT_EQ(Contents(path), "50051\n");
  ASSERT_TRUE(WritePortFile(path, 7).ok());
  EXPECT_EQ(Contents(path), "7\n");
  EXPECT_FALSE(std::ifstream(path + ".tmp").good()) << "the temporary file is renamed away";
  std::filesystem::remove_all(dir);
}

TEST(PortFile, AnUnwritablePathIsAnErrorNamingIt) {
  const absl::Status status = WritePortFile("/nonexistent-directory/service.port", 1);
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("/nonexistent-directory/service.port"), std::string::npos) << status;
}

}  // namespace
}  // namespace alliance
