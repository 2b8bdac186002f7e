#include "common/bearer_token.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "gtest/gtest.h"

namespace alliance {
namespace {

TEST(BearerToken, WithoutATokenEveryCallPasses) {
  BearerTokenAuthenticator open;
  EXPECT_FALSE(open.enabled());
  EXPECT_TRUE(open.CheckHeader("").ok());
  EXPECT_TRUE(open.CheckHeader("Bearer anything").ok());
}

TEST(BearerToken, RequiresTheExactTokenWithTheBearerScheme) {
  BearerTokenAuthenticator auth("s3cret-token");
  EXPECT_TRUE(auth.enabled());
  EXPECT_TRUE(auth.CheckHeader("Bearer s3cret-token").ok());
  for (const char* bad : {"", "s3cret-token", "Bearer s3cret-tokeN", "Bearer s3cret-token-longer", "Bearer ",
                          "Basic s3cret-token", "Bearer s3cret"}) {
    absl::Status status = auth.CheckHeader(bad);
    EXPECT_EQ(status.code(), absl::StatusCode::kUnauthenticated) << bad;
    EXPECT_NE(status.message().find("authorization"), std::string::npos) << bad;
  }
}

TEST(BearerToken, ReadsTheFirstLineOfATokenFile) {
  const std::string path = ::testing::TempDir() + "/token";
  {
    std::ofstream out(path);
    out << "  from-file \nsecond line ignored\n";
  }
  auto auth = BearerTokenAuthenticator::FromFileOrEnvironment(path, "");
  ASSERT_TRUE(auth.ok()) << auth.status();
  EXPECT_TRUE(auth->CheckHeader("Bearer from-file").ok());
  std::remove(path.c_str());
  EXPECT_EQ(BearerTokenAuthenticator::FromFileOrEnvironment(path, "").status().code(), absl::StatusCode::kNotFound);
}

TEST(BearerToken, FallsBackToTheEnvironment) {
  setenv("ALLIANCE_TEST_TOKEN_ENV", "env-token", 1);
  auto auth = BearerTokenAuthenticator::FromFileOrEnvironment("", "ALLIANCE_TEST_TOKEN_ENV");
  ASSERT_TRUE(auth.ok());
  EXPECT_TRUE(auth->CheckHeader("Bearer env-token").ok());
  unsetenv("ALLIANCE_TEST_TOKEN_ENV");
  auto open = BearerTokenAuthenticator::FromFileOrEnvironment("", "ALLIANCE_TEST_TOKEN_ENV");
  ASSERT_TRUE(open.ok());
  EXPECT_FALSE(open->enabled());
}

TEST(BearerToken, OnlyVisibleAsciiCanBeAToken) {
  EXPECT_TRUE(ValidateBearerToken("abc-DEF_123.~+/=", "token").ok());
  for (const std::string& bad : {std::string(""), std::string("two words"), std::string("line\nbreak"),
                                 std::string("tab\there"), std::string("caf\xc3\xa9"), std::string("nul\0", 4)}) {
    const absl::Status status = ValidateBearerToken(bad, "ALLIANCE_INGEST_TOKEN");
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(status.message().find("ALLIANCE_INGEST_TOKEN"), std::string::npos) << status;
  }
}

TEST(BearerToken, AFileOrVariableWithAnUnsendableTokenIsRefusedAtStart) {
  setenv("ALLIANCE_TEST_TOKEN_ENV", "  has a space  ", 1);
  EXPECT_EQ(BearerTokenAuthenticator::FromFileOrEnvironment("", "ALLIANCE_TEST_TOKEN_ENV").status().code(),
            absl::StatusCode::kInvalidArgument);
  unsetenv("ALLIANCE_TEST_TOKEN_ENV");
}

}  // namespace
}  // namespace alliance
