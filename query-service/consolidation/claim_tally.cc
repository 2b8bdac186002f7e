#include "query-service/consolidation/claim_tally.h"

#include <algorithm>

namespace alliance::query {

bool LexicographicTieBreak(const std::string& a, const std::string& b) { return a < b; }

bool LongerTextTieBreak(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() > b.size();
  return a < b;
}

ClaimTally::Entry& ClaimTally::Find(const std::string& value) {
  auto it = entries_.find(value);
  if (it == entries_.end()) it = entries_.emplace(value, Entry(&sources_->documents())).first;
  return it->second;
}

void ClaimTally::Rebind(SourceIndependence* sources) {
  sources_ = sources;
  for (auto& [value, entry] : entries_) entry.evidence.Rebind(&sources->documents());
}

namespace {

// Orders claims as Rank() does: more sources first, then the tie-break.
bool RanksBefore(int sources_a, const std::string& a, int sources_b, const std::string& b,
                 const TieBreak& tie_break) {
  if (sources_a != sources_b) return sources_a > sources_b;
  if (a == b) return false;
  return tie_break(a, b);
}

}  // namespace

std::vector<RankedClaim> ClaimTally::Rank(const TieBreak& tie_break) const {
  std::vector<RankedClaim> ranked;
  ranked.reserve(entries_.size());
  for (const auto& [value, entry] : entries_) {
    const SourceSet& documents = Counted(entry);
    RankedClaim claim;
    claim.value = value;
    claim.document_ids = documents.SortedIds();
    claim.sources = documents.sources();
    claim.evidence = entry.evidence.Sorted();
    ranked.push_back(std::move(claim));
  }
  std::sort(ranked.begin(), ranked.end(), [&](const RankedClaim& a, const RankedClaim& b) {
    return RanksBefore(a.sources, a.value, b.sources, b.value, tie_break);
  });
  return ranked;
}

std::string ClaimTally::Winner(const TieBreak& tie_break) const {
  if (entries_.size() == 1) return entries_.begin()->first;
  auto best = entries_.begin();
  for (auto it = std::next(entries_.begin()); it != entries_.end(); ++it) {
    if (RanksBefore(Counted(it->second).sources(), it->first, Counted(best->second).sources(), best->first,
                    tie_break)) {
      best = it;
    }
  }
  return best->first;
}

size_t ClaimTally::EstimateBytes() const {
  size_t bytes = 0;
  for (const auto& [value, entry] : entries_) {
    bytes += value.size() + entry.documents.EstimateBytes() + 64;
  }
  return bytes;
}

bool ClaimsFromIndependentSources(const std::vector<RankedClaim>& claims, SourceIndependence* sources) {
  for (size_t i = 0; i < claims.size(); ++i) {
    for (size_t j = i + 1; j < claims.size(); ++j) {
      for (const std::string& a : claims[i].document_ids) {
        for (const std::string& b : claims[j].document_ids) {
          if (!sources->AreCopies(a, b)) return true;
        }
      }
    }
  }
  return false;
}

v1::ConflictClaim ToConflictClaim(const RankedClaim& claim) {
  v1::ConflictClaim out;
  out.set_value(claim.value);
  for (const v1::Evidence& evidence : claim.evidence) *out.add_evidence() = evidence;
  return out;
}

}  // namespace alliance::query
