#include "query-service/consolidation/date_merge.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "common/partial_date.h"

namespace alliance::query {
namespace {

// The interval an approximate date can vouch for: one unit coarser.
v1::PartialDate EffectiveDate(const v1::PartialDate& date) {
  if (!date.approximate()) return MakeDate(date.year(), date.month(), date.day());
  if (date.day() != 0) return MakeDate(date.year(), date.month());
  return MakeDate(date.year());
}

using DateKey = std::tuple<int, int, int, bool>;

DateKey KeyOf(const v1::PartialDate& date) {
  return DateKey(date.year(), date.month(), date.day(), date.approximate());
}

// Orders competing dates of equal support: earliest first, then exact first.
bool EarlierDate(const v1::PartialDate& a, const v1::PartialDate& b) {
  const int by_date = CompareDates(a, b);
  if (by_date != 0) return by_date < 0;
  if (a.approximate() != b.approximate()) return !a.approximate();
  return KeyOf(a) < KeyOf(b);
}

}  // namespace

int DatePrecisionRank(const v1::PartialDate& date) {
  if (IsUnset(date)) return 0;
  const int exact = date.month() == 0 ? 2 : (date.day() == 0 ? 4 : 6);
  return date.approximate() ? exact - 1 : exact;
}

bool SameDate(const v1::PartialDate& a, const v1::PartialDate& b) { return KeyOf(a) == KeyOf(b); }

bool DateWithin(const v1::PartialDate& finer, const v1::PartialDate& coarser) {
  if (IsUnset(finer) || IsUnset(coarser)) return false;
  if (SameDate(finer, coarser)) return true;
  const v1::PartialDate ef = EffectiveDate(finer), ec = EffectiveDate(coarser);
  return FirstDayKey(ef) >= FirstDayKey(ec) && LastDayKey(ef) <= LastDayKey(ec) &&
         DatePrecisionRank(finer) > DatePrecisionRank(coarser);
}

bool DatesCompatible(const v1::PartialDate& a, const v1::PartialDate& b) {
  return DateWithin(a, b) || DateWithin(b, a);
}

std::string DateClaimValue(const v1::PartialDate& date) {
  std::string value = FormatDate(date);
  if (date.approximate()) value += " (approximate)";
  return value;
}

DateChoice ChooseDate(const std::vector<DateClaim>& claims, SourceIndependence* sources) {
  DateChoice choice;
  // Distinct dates, each with the as_written text that sorts first.
  std::map<DateKey, v1::PartialDate> distinct;
  for (const DateClaim& claim : claims) {
    if (IsUnset(claim.date)) continue;
    auto [it, inserted] = distinct.emplace(KeyOf(claim.date), claim.date);
    if (!inserted && !claim.date.as_written().empty() &&
        (it->second.as_written().empty() || claim.date.as_written() < it->second.as_written())) {
      it->second.set_as_written(claim.date.as_written());
    }
  }
  const v1::PartialDate* current = nullptr;
  std::set<std::string> conflicting_values;
  while (true) {
    std::vector<const v1::PartialDate*> candidates;
    for (const auto& [key, date] : distinct) {
      if (current == nullptr || (!SameDate(date, *current) && DateWithin(date, *current))) {
        candidates.push_back(&date);
      }
    }
    if (candidates.empty()) break;
    // The coarsest candidates: those not within another candidate.
    std::vector<const v1::PartialDate*> coarsest;
    for (const v1::PartialDate* c : candidates) {
      bool inside_other = false;
      for (const v1::PartialDate* other : candidates) {
        if (other != c && DateWithin(*c, *other)) inside_other = true;
      }
      if (!inside_other) coarsest.push_back(c);
    }
    if (coarsest.size() == 1) {
      current = coarsest.front();
      continue;
    }
    std::vector<std::pair<const v1::PartialDate*, RankedClaim>> branches;
    for (const v1::PartialDate* branch : coarsest) {
      std::set<std::string> documents;
      EvidenceSet evidence(&sources->documents());
      for (const DateClaim& claim : claims) {
        if (!DateWithin(claim.date, *branch)) continue;
        documents.insert(claim.document_ids.begin(), claim.document_ids.end());
        for (const v1::Evidence* e : claim.evidence) evidence.Add(*e);
      }
      RankedClaim ranked;
      ranked.value = DateClaimValue(*branch);
      ranked.document_ids.assign(documents.begin(), documents.end());
      ranked.sources = sources->CountSources(ranked.document_ids);
      ranked.evidence = evidence.Sorted();
      branches.emplace_back(branch, std::move(ranked));
    }
    std::sort(branches.begin(), branches.end(), [](const auto& a, const auto& b) {
      if (a.second.sources != b.second.sources) return a.second.sources > b.second.sources;
      return EarlierDate(*a.first, *b.first);
    });
    for (auto& [branch, ranked] : branches) {
      if (conflicting_values.insert(ranked.value).second) {
        choice.alternatives.push_back(std::move(ranked));
      }
    }
    current = branches.front().first;
  }
  if (current != nullptr) choice.date = *current;
  return choice;
}

}  // namespace alliance::query
