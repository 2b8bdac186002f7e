#include "query-service/consolidation/date_merge.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "common/partial_date.h"

namespace alliance::query {
namespace {

// Orders competing dates of equal support: earliest first, then exact first.
bool EarlierDate(const v1::PartialDate& a, const v1::PartialDate& b) {
  const int by_date = CompareDates(a, b);
  if (by_date != 0) return by_date < 0;
  if (a.approximate() != b.approximate()) return !a.approximate();
  return DateKeyOf(a) < DateKeyOf(b);
}

}  // namespace

DateKey DateKeyOf(const v1::PartialDate& date) {
  const DayInterval interval = IntervalOf(date);
  return DateKey(date.year(), date.month(), date.day(), date.approximate(), interval.first, interval.last);
}

int DatePrecisionRank(const v1::PartialDate& date) {
  if (IsUnset(date)) return 0;
  const int exact = date.month() == 0 ? 2 : (date.day() == 0 ? 4 : 6);
  return date.approximate() ? exact - 1 : exact;
}

bool SameDate(const v1::PartialDate& a, const v1::PartialDate& b) { return DateKeyOf(a) == DateKeyOf(b); }

bool DateWithin(const v1::PartialDate& finer, const v1::PartialDate& coarser) {
  if (IsUnset(finer) || IsUnset(coarser)) return false;
  if (SameDate(finer, coarser)) return true;
  const DayInterval f = IntervalOf(finer), c = IntervalOf(coarser);
  if (f.first < c.first || f.last > c.last) return false;
  if (f.first != c.first || f.last != c.last) return true;
  return DatePrecisionRank(finer) > DatePrecisionRank(coarser);
}

bool DatesCompatible(const v1::PartialDate& a, const v1::PartialDate& b) {
  if (IsUnset(a) || IsUnset(b)) return false;
  const DayInterval x = IntervalOf(a), y = IntervalOf(b);
  return x.first <= y.last && y.first <= x.last;
}

bool DatesExclusive(const v1::PartialDate& a, const v1::PartialDate& b) {
  return !IsUnset(a) && !IsUnset(b) && !DatesCompatible(a, b);
}

std::string DateClaimValue(const v1::PartialDate& date) {
  std::string value = FormatDate(date);
  if (!date.approximate()) return value;
  // The days an approximate date can mean, when its words say ("spring").
  if (date.earliest().empty() || date.latest().empty()) return value + " (approximate)";
  return absl::StrCat(value, " (approximate, ", date.earliest(), "..", date.latest(), ")");
}

DateTally::Claims* DateTally::ClaimsOf(const v1::PartialDate& date) {
  if (IsUnset(date)) return nullptr;
  auto [it, inserted] = by_date_.try_emplace(DateKeyOf(date));
  Claims& claims = it->second;
  // The words kept are the ones that sort first (an empty one last), with
  // the rule and anchor they were read by; ties by rule, then anchor.
  auto wording = [](const v1::PartialDate& d) {
    return std::make_tuple(d.as_written().empty(), d.as_written(), static_cast<int>(d.rule()), d.anchor());
  };
  if (inserted || wording(date) < wording(claims.date)) claims.date = date;
  return &claims;
}

RankedClaim DateTally::BranchClaim(const v1::PartialDate& branch, const EvidenceSet* evidence) const {
  std::vector<const Claims*> within;
  for (const auto& [key, claims] : by_date_) {
    if (DateWithin(claims.date, branch)) within.push_back(&claims);
  }
  RankedClaim ranked;
  ranked.value = DateClaimValue(branch);
  std::vector<EvidenceSet::Key> keys;
  if (evidence != nullptr) {
    for (const Claims* claims : within) keys.insert(keys.end(), claims->evidence.begin(), claims->evidence.end());
  }
  if (within.size() == 1) {
    const SourceSet& documents = Counted(*within.front());
    ranked.document_ids = documents.SortedIds();
    ranked.sources = documents.sources();
  } else {
    SourceSet all;
    for (const Claims* claims : within) all.AddAll(Counted(*claims), sources_->Graph());
    ranked.document_ids = all.SortedIds();
    ranked.sources = all.sources();
  }
  if (evidence != nullptr) ranked.evidence = evidence->SortedOf(std::move(keys));
  return ranked;
}

DateChoice DateTally::Choose(const EvidenceSet* evidence) const {
  DateChoice choice;
  const v1::PartialDate* current = nullptr;
  std::set<std::string> conflicting_values;
  while (true) {
    std::vector<const v1::PartialDate*> candidates;
    for (const auto& [key, claims] : by_date_) {
      const v1::PartialDate& date = claims.date;
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
    for (const v1::PartialDate* branch : coarsest) branches.emplace_back(branch, BranchClaim(*branch, evidence));
    std::sort(branches.begin(), branches.end(), [](const auto& a, const auto& b) {
      if (a.second.sources != b.second.sources) return a.second.sources > b.second.sources;
      return EarlierDate(*a.first, *b.first);
    });
    const v1::PartialDate* followed = branches.front().first;
    bool disputed = false;
    for (const auto& [branch, ranked] : branches) disputed |= DatesExclusive(*branch, *followed);
    if (disputed) {
      for (auto& [branch, ranked] : branches) {
        if (branch != followed && !DatesExclusive(*branch, *followed)) continue;
        if (conflicting_values.insert(ranked.value).second) choice.alternatives.push_back(std::move(ranked));
      }
    }
    current = followed;
  }
  if (current != nullptr) choice.date = *current;
  return choice;
}

size_t DateTally::EstimateBytes() const {
  size_t bytes = 0;
  for (const auto& [key, claims] : by_date_) {
    bytes += 160 + claims.documents.EstimateBytes();
    for (const EvidenceSet::Key& e : claims.evidence) bytes += std::get<0>(e).size() + 48;
  }
  return bytes;
}

DateChoice ChooseDate(const std::vector<DateClaim>& claims, SourceIndependence* sources) {
  DateTally tally(sources);
  for (const DateClaim& claim : claims) tally.Add(claim.date, claim.document_ids, claim.evidence);
  DateChoice choice = tally.Choose(nullptr);
  if (choice.alternatives.empty()) return choice;
  // Sources disagree (rarely): choose again with the claims' evidence.
  EvidenceSet evidence(&sources->documents());
  for (const DateClaim& claim : claims) {
    for (const v1::Evidence* e : claim.evidence) evidence.Add(*e);
  }
  return tally.Choose(&evidence);
}

}  // namespace alliance::query
