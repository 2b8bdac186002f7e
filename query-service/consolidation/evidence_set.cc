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
  Key key(evidence.document_id(), evidence.begin(), evidence.end());
  auto [it, inserted] = items_.emplace(std::move(key), filled);
  if (!inserted && Canonical(filled) < Canonical(it->second)) it->second = std::move(filled);
}

std::vector<v1::Evidence> EvidenceSet::Sorted() const {
  std::vector<v1::Evidence> out;
  out.reserve(items_.size());
  for (const auto& [key, evidence] : items_) out.push_back(evidence);
  // items_ is already ordered by (document_id, begin, end); a stable sort by
  // publication date keeps that order within a date.
  std::stable_sort(out.begin(), out.end(), [](const v1::Evidence& a, const v1::Evidence& b) {
    return CompareDates(a.document_published(), b.document_published()) < 0;
  });
  return out;
}

void EvidenceSet::AppendTo(google::protobuf::RepeatedPtrField<v1::Evidence>* out) const {
  for (v1::Evidence& evidence : Sorted()) *out->Add() = std::move(evidence);
}

}  // namespace alliance::query
