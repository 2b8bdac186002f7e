#include "bench/load/synthetic_corpus.h"

#include "absl/strings/str_cat.h"

namespace alliance::load {
namespace {

constexpr const char* kCountries[] = {"Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia",
                                      "Tajikistan", "Uzbekistan", "Azerbaijan", "Georgia"};
constexpr const char* kMonths[] = {"January", "February", "March", "April", "May", "June",
                                   "July", "August", "September", "October", "November", "December"};

}  // namespace

std::string SyntheticArticle(int index) {
  const char* country = kCountries[index % 9];
  const char* other = kCountries[(index / 9 + 3) % 9];
  const int year = 1993 + index % 30;
  const char* month = kMonths[index % 12];
  return absl::StrCat(
      "Dispatch number ", index, " on the Collective Security Treaty Organization (CSTO).\n\n",
      "In ", month, " ", year, ", ", country, " joined the Collective Security Treaty Organization. ",
      "Officials in ", other, " said the decision was discussed at length for ", index % 7 + 2, " days. ",
      "In ", year + 1, ", ", other, " asked the CSTO for help during border clashes, but the organization ",
      "declined the request. ",
      "Analysts note that report ", index, " was filed from the regional office as part of a routine series.\n");
}

}  // namespace alliance::load
