// Validation of ISO 3166-1 alpha-3 country codes ("ARM", "KAZ", ...).
//
// The list of codes comes from ICU (icu::Locale::getISOCountries() mapped through
// getISO3Country()), built once on first use and immutable afterwards, so the
// functions here are thread-safe.
#ifndef ALLIANCE_COMMON_COUNTRY_CODES_H_
#define ALLIANCE_COMMON_COUNTRY_CODES_H_

#include "absl/strings/string_view.h"

namespace alliance {

// Returns true when `alpha3` is an ISO 3166-1 alpha-3 code that ICU knows, in upper
// case ("UZB" yes; "uzb", "XYZ" and "" no).
bool IsKnownCountryCode(absl::string_view alpha3);

}  // namespace alliance

#endif  // ALLIANCE_COMMON_COUNTRY_CODES_H_
