#include "bench/load/synthetic_corpus.h"

#include <cstdint>
#include <string>

#include "absl/strings/str_cat.h"

namespace alliance::load {
namespace {

constexpr const char* kCountries[] = {"Armenia", "Belarus", "Kazakhstan", "Kyrgyzstan", "Russia",
                                      "Tajikistan", "Uzbekistan", "Azerbaijan", "Georgia"};
constexpr const char* kMonths[] = {"January", "February", "March", "April", "May", "June",
                                   "July", "August", "September", "October", "November", "December"};

constexpr const char* kStreamCountries[] = {"Armenia",  "Belarus",   "Kazakhstan", "Kyrgyzstan",
                                            "Russia",   "Tajikistan", "Uzbekistan", "Azerbaijan",
                                            "Georgia",  "Moldova",    "Serbia",     "Afghanistan"};
constexpr const char* kStreamOrganizations[] = {"the Collective Security Treaty Organization (CSTO)",
                                                "the Shanghai Cooperation Organisation (SCO)",
                                                "the Commonwealth of Independent States (CIS)", "NATO"};

// A deterministic value in [0, 1) for `index` (splitmix64).
double Unit(uint64_t index) {
  uint64_t z = index + 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  z ^= z >> 31;
  return static_cast<double>(z >> 11) / static_cast<double>(1ull << 53);
}

}  // namespace

std::string NewsStreamArticle(int index, int events) {
  // Heavy head: event = events * u^4 puts half the articles on the first 6%.
  const double u = Unit(static_cast<uint64_t>(index));
  const int event = static_cast<int>(events * u * u * u * u);
  const int kind = (event / 5) % 6;
  // A country's membership of an organization has a short history that the
  // stream retells: each membership action (kinds 0, 1, 2 and 5) has at most
  // two episodes per country and organization, on fixed dates, however many
  // events of the pool tell it. Requests and interventions (kinds 3 and 4)
  // are the long tail, each event on a date of its own across 1992-2024.
  // (Dating every event apart gave one country dozens of accessions: answers
  // that grew with the corpus, which no real history does.)
  const bool membership = kind != 3 && kind != 4;
  const int when = membership ? event % 48 + 48 * 7 * (2 * kind + (event / 480) % 2) : event;
  const char* country = kStreamCountries[event % 12];
  const char* organization = kStreamOrganizations[(event / 12) % 4];
  const int year = 1992 + (when / 48) % 33;
  const char* month = kMonths[(when / 7) % 12];
  const int day = 1 + (when / 3) % 28;
  const char* other = kStreamCountries[(event / 12 + 5) % 12];
  std::string body;
  switch (kind) {
    case 0:
      body = absl::StrCat("On ", day, " ", month, " ", year, " ", country, " joined ", organization, ".");
      break;
    case 1:
      body = absl::StrCat(country, " left ", organization, " in ", month, " ", year, ", officials said.");
      break;
    case 2:
      body = absl::StrCat("In ", month, " ", year, ", ", country, " suspended its participation in ", organization,
                          ".");
      break;
    case 3:
      body = absl::StrCat(country, " asked ", organization, " for help on ", day, " ", month, " ", year,
                          ", but the request was turned down.");
      break;
    case 4:
      body = absl::StrCat("In ", year, " ", organization, " sent about ", 100 * (1 + event % 30), " troops to ",
                          country, " at the request of its government.");
      break;
    default:
      body = absl::StrCat(country, " became an observer in ", organization, " in ", year, ".");
      break;
  }
  // Phrasing around the event varies by article, not by event.
  const char* openers[] = {"", "Reports from the region confirm the news. ", "Diplomats discussed it at length. ",
                           "Markets barely reacted. "};
  return absl::StrCat("Dispatch ", index, " from the ", other, " desk.\n\n", openers[index % 4], body,
                      " The report, number ", index, ", was filed by the regional office.\n");
}

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
