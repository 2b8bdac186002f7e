// Runs the built alliancectl binary for tests and collects what it printed.
#ifndef ALLIANCE_TESTS_CLI_RUN_ALLIANCECTL_H_
#define ALLIANCE_TESTS_CLI_RUN_ALLIANCECTL_H_

#include <sys/wait.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "gtest/gtest.h"
#include "tests/testing/subprocess.h"

namespace alliance::cli {

// What one run of alliancectl did.
struct AlliancectlResult {
  int exit_code = -1;  // -1 when it did not exit normally
  std::string output;  // stdout and stderr together
};

// Runs alliancectl with `args` and the current environment plus `env`, waiting
// at most `timeout`. Failures to start or finish are test failures.
inline AlliancectlResult RunAlliancectl(const std::vector<std::string>& args,
                                        const std::map<std::string, std::string>& env = {},
                                        absl::Duration timeout = absl::Seconds(30)) {
  const std::string dir = testing::MakeTempDir("alliancectl");
  const std::string log = absl::StrCat(dir, "/output.log");
  std::vector<std::string> argv = {testing::BinaryPath("cli/alliancectl")};
  argv.insert(argv.end(), args.begin(), args.end());
  testing::Subprocess process;
  AlliancectlResult result;
  const absl::Status started = process.Start(argv, env, log);
  EXPECT_TRUE(started.ok()) << started;
  if (!started.ok()) return result;
  const absl::StatusOr<int> status = process.Wait(timeout);
  EXPECT_TRUE(status.ok()) << status.status();
  if (status.ok() && WIFEXITED(*status)) result.exit_code = WEXITSTATUS(*status);
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  result.output = text.str();
  return result;
}

}  // namespace alliance::cli

#endif  // ALLIANCE_TESTS_CLI_RUN_ALLIANCECTL_H_
