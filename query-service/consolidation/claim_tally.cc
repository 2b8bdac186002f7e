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
  if (it == entries_.end()) it = entries_.emplace(value, Entry(documents_)).first;
  return it->second;
}

std::vector<RankedClaim> ClaimTally::Rank(SourceIndependence* sources,
                                          const TieBreak& tie_break) const {
  std::vector<RankedClaim> ranked;
  ranked.reserve(entries_.size());
  for (const auto& [value, entry] : entries_) {
    RankedClaim claim;
    claim.value = value;
    claim.document_ids = entry.documents;
    std::sort(claim.document_ids.begin(), claim.document_ids.end());
    claim.document_ids.erase(std::unique(claim.document_ids.begin(), claim.document_ids.end()),
                             claim.document_ids.end());
    claim.sources = sources->CountSources(claim.document_ids);
    claim.evidence = entry.evidence.Sorted();
    ranked.push_back(std::move(claim));
  }
  std::sort(ranked.begin(), ranked.end(), [&](const RankedClaim& a, const RankedClaim& b) {
    if (a.sources != b.sources) return a.sources > b.sources;
    if (a.value == b.value) return false;
    return tie_break(a.value, b.value);
  });
  return ranked;
}

std::string ClaimTally::Winner(SourceIndependence* sources, const TieBreak& tie_break) const {
  if (entries_.size() == 1) return entries_.begin()->first;
  return Rank(sources, tie_break).front().value;
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
