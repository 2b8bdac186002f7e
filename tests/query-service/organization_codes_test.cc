// Organization codes read from the lexicon's organizations file.
#include "query-service/organization_codes.h"

#include <set>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace alliance::query {
namespace {

TEST(OrganizationCodes, ReadsEveryCodeOfTheFile) {
  absl::StatusOr<std::set<std::string>> codes = ParseOrganizationCodes(R"pb(
    organizations { code: "NORTHPACT" names: "Northern Pact" }
    organizations { code: "NP" names: "Northern Treaty" lineage: "NORTHPACT" }
  )pb", "organizations.textproto");
  ASSERT_TRUE(codes.ok()) << codes.status();
  EXPECT_THAT(*codes, ::testing::ElementsAre("NORTHPACT", "NP"));
}

TEST(OrganizationCodes, AParseErrorNamesTheFileAndLine) {
  absl::StatusOr<std::set<std::string>> codes =
      ParseOrganizationCodes("organizations {\n  code: NORTHPACT\n}\n", "orgs.textproto");
  EXPECT_EQ(codes.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(codes.status().message()), ::testing::StartsWith("orgs.textproto:2:"));
}

TEST(OrganizationCodes, AnOrganizationWithoutACodeIsRefused) {
  absl::StatusOr<std::set<std::string>> codes =
      ParseOrganizationCodes("organizations { names: \"Nameless\" }", "orgs.textproto");
  EXPECT_EQ(codes.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(OrganizationCodes, AMissingDirectoryIsNotFound) {
  EXPECT_EQ(LoadOrganizationCodes("/nonexistent/lexicon").status().code(), absl::StatusCode::kNotFound);
}

TEST(OrganizationCodes, TheBundledLexiconNamesTheDefaultOrganization) {
  absl::StatusOr<std::set<std::string>> codes = LoadOrganizationCodes(ALLIANCE_SOURCE_DIR "/data/lexicon");
  ASSERT_TRUE(codes.ok()) << codes.status();
  EXPECT_EQ(codes->count("CSTO"), 1u);
}

}  // namespace
}  // namespace alliance::query
