// IsKnownCountryCode: ISO 3166-1 alpha-3 codes from ICU. (Lives here because
// tests/common/ belongs to another engineer; it tests common/country_codes.h.)
#include "common/country_codes.h"

#include "gtest/gtest.h"

namespace alliance {
namespace {

TEST(CountryCodes, KnowsTheAllianceCountries) {
  for (const char* code : {"ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "UZB", "SRB", "AFG", "UKR"}) {
    EXPECT_TRUE(IsKnownCountryCode(code)) << code;
  }
}

TEST(CountryCodes, RejectsUnknownLowerCaseAndMalformedCodes) {
  for (const char* code : {"XYZ", "uzb", "UZ", "UZBK", "", "U Z", "AAA"}) {
    EXPECT_FALSE(IsKnownCountryCode(code)) << code;
  }
}

}  // namespace
}  // namespace alliance
