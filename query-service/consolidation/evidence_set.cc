#include "query-service/consolidation/evidence_set.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/partial_date.h"

namespace alliance::query {
namespace {

std::string Canonical(const v1::Evidence& evidence) {
  std::string bytes;
  evidence.SerializeToString(&bytes);  // no map fields: deterministic
  return bytes;
}

}  // namespace

std::vector<std::string> RecordDocumentIds(
    uint64_t sequence, const google::protobuf::RepeatedPtrField<v1::Evidence>& evidence) {
  std::vector<std::string> ids;
  for (const v1::Evidence& e : evidence) {
    if (!e.document_id().empty()) ids.push_back(e.document_id());
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (ids.empty()) ids.push_back(absl::StrCat("sequence:", sequence));
  return ids;
}

const google::protobuf::RepeatedPtrField<v1::Evidence>& EvidenceOf(const v1::Record& record) {
  switch (record.kind_case()) {
    case v1::Record::kIntervention:
      return record.intervention().evidence();
    case v1::Record::kAssistanceRequest:
      return record.assistance_request().evidence();
    default:
      return record.membership_event().evidence();  // empty for a record of no kind
  }
}

const std::vector<std::string>& DocumentIdsOf(const SourcedRecord& record, std::vector<std::string>* scratch) {
  if (!record.document_ids.empty()) return record.document_ids;
  *scratch = RecordDocumentIds(record.sequence, EvidenceOf(record.record));
  return *scratch;
}

void EvidenceSet::Add(const v1::Evidence& evidence) {
  v1::Evidence filled = evidence;
  if (documents_ != nullptr) {
    auto it = documents_->find(evidence.document_id());
    if (it != documents_->end()) {
      if (filled.document_title().empty()) filled.set_document_title(it->second.title());
      if (IsUnset(filled.document_published()) && !IsUnset(it->second.published())) {
        *filled.mutable_document_published() = it->second.published();
      }
    }
  }
  // try_emplace leaves `filled` as it is when the key is there already.
  auto [it, inserted] = items_.try_emplace(KeyOf(evidence),
                                           std::move(filled));
  if (!inserted && Canonical(filled) < Canonical(it->second)) it->second = std::move(filled);
}

namespace {

// Sorts evidence already in (document_id, begin, end) order by publication
// date, keeping that order within a date.
void SortByPublication(std::vector<v1::Evidence>* evidence) {
  std::stable_sort(evidence->begin(), evidence->end(), [](const v1::Evidence& a, const v1::Evidence& b) {
    return CompareDates(a.document_published(), b.document_published()) < 0;
  });
}

}  // namespace

std::vector<v1::Evidence> EvidenceSet::Sorted() const {
  std::vector<v1::Evidence> out;
  out.reserve(items_.size());
  for (const auto& [key, evidence] : items_) out.push_back(evidence);
  SortByPublication(&out);
  return out;
}

std::vector<v1::Evidence> EvidenceSet::SortedOf(std::vector<Key> keys) const {
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  std::vector<v1::Evidence> out;
  out.reserve(keys.size());
  for (const Key& key : keys) {
    auto it = items_.find(key);
    if (it != items_.end()) out.push_back(it->second);
  }
  SortByPublication(&out);
  return out;
}

void EvidenceSet::CopyTo(google::protobuf::RepeatedPtrField<v1::Evidence>* out) const {
  std::vector<const v1::Evidence*> sorted;
  sorted.reserve(items_.size());
  for (const auto& [key, evidence] : items_) sorted.push_back(&evidence);
  std::stable_sort(sorted.begin(), sorted.end(), [](const v1::Evidence* a, const v1::Evidence* b) {
    return CompareDates(a->document_published(), b->document_published()) < 0;
  });
  out->Reserve(out->size() + static_cast<int>(sorted.size()));
  for (const v1::Evidence* evidence : sorted) *out->Add() = *evidence;
}

size_t EvidenceSet::EstimateBytes() const {
  size_t bytes = 0;
  for (const auto& [key, evidence] : items_) bytes += std::get<0>(key).size() + 2 * evidence.ByteSizeLong() + 160;
  return bytes;
}

void EvidenceSet::MoveTo(google::protobuf::RepeatedPtrField<v1::Evidence>* out) {
  std::vector<v1::Evidence> sorted;
  sorted.reserve(items_.size());
  for (auto& [key, evidence] : items_) sorted.push_back(std::move(evidence));
  items_.clear();
  SortByPublication(&sorted);
  out->Reserve(out->size() + static_cast<int>(sorted.size()));
  for (v1::Evidence& evidence : sorted) *out->Add() = std::move(evidence);
}

}  // namespace alliance::query
