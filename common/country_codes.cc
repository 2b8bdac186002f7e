#include "common/country_codes.h"

#include <string>

#include "absl/container/flat_hash_set.h"
#include "unicode/locid.h"

namespace alliance {
namespace {

// Builds the set of alpha-3 codes from ICU's alpha-2 list.
absl::flat_hash_set<std::string> BuildAlpha3Codes() {
  absl::flat_hash_set<std::string> codes;
  for (const char* const* alpha2 = icu::Locale::getISOCountries(); *alpha2 != nullptr; ++alpha2) {
    const icu::Locale locale("", *alpha2);
    const std::string alpha3 = locale.getISO3Country();
    if (alpha3.size() == 3) codes.insert(alpha3);
  }
  return codes;
}

}  // namespace

bool IsKnownCountryCode(absl::string_view alpha3) {
  // Built once, thread-safely (function-local static), and never destroyed.
  static const auto* const kCodes = new absl::flat_hash_set<std::string>(BuildAlpha3Codes());
  return alpha3.size() == 3 && kCodes->contains(alpha3);
}

}  // namespace alliance
