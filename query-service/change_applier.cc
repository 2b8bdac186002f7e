#include "query-service/change_applier.h"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

#include "absl/cleanup/cleanup.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "common/deterministic_bytes.h"
#include "common/rocksdb_status.h"
#include "common/sequence_key.h"
#include "common/status_macros.h"
#include "query-service/consolidation/consolidator.h"
#include "query-service/consolidation/evidence_set.h"
#include "query-service/evidence_bound.h"
#include "query-service/fact_rows.h"
#include "query-service/ordered_rows.h"
#include "query-service/watch_log.h"
#include "rocksdb/db.h"
#include "rocksdb/write_batch.h"

namespace alliance::query {
namespace {

using namespace rows;  // NOLINT: the key schema, throughout

// Returns the stored key and bytes of every fact and conflict of `result`.
std::map<std::string, std::string> KeyedFacts(const GroupFacts& result) {
  std::map<std::string, std::string> out;
  for (const auto& fact : result.membership_events) out[absl::StrCat(kMembershipPrefix, fact.id())] = DeterministicBytes(fact);
  for (const auto& fact : result.interventions) out[absl::StrCat(kInterventionPrefix, fact.id())] = DeterministicBytes(fact);
  for (const auto& fact : result.assistance_requests) out[absl::StrCat(kRequestPrefix, fact.id())] = DeterministicBytes(fact);
  for (const auto& conflict : result.conflicts) out[ConflictKey(conflict)] = DeterministicBytes(conflict);
  return out;
}

// Finds the fact with id `id` in `facts` (sorted by id); null when absent.
template <typename Fact>
Fact* FindById(std::vector<Fact>* facts, absl::string_view id) {
  auto found = std::lower_bound(facts->begin(), facts->end(), id,
                                [](const Fact& fact, absl::string_view wanted) { return fact.id() < wanted; });
  return found != facts->end() && found->id() == id ? &*found : nullptr;
}

// Sets the fact of `change` to the membership event, intervention or request
// of `facts` stored under `fact_key`, with `evidence_per_fact` of its quotes
// (as SetFact() would from its bytes, without parsing or copying them all).
// Returns false, setting nothing, for a conflict or a fact not in `facts`.
bool SetBoundedFact(absl::string_view fact_key, int evidence_per_fact, GroupFacts* facts,
                    v1::RecordChange* change) {
  if (absl::ConsumePrefix(&fact_key, kMembershipPrefix)) {
    v1::MembershipEvent* fact = FindById(&facts->membership_events, fact_key);
    if (fact != nullptr) CopyBounded(evidence_per_fact, fact, change->mutable_membership_event());
    return fact != nullptr;
  }
  if (absl::ConsumePrefix(&fact_key, kInterventionPrefix)) {
    v1::Intervention* fact = FindById(&facts->interventions, fact_key);
    if (fact != nullptr) CopyBounded(evidence_per_fact, fact, change->mutable_intervention());
    return fact != nullptr;
  }
  if (absl::ConsumePrefix(&fact_key, kRequestPrefix)) {
    v1::AssistanceRequest* fact = FindById(&facts->assistance_requests, fact_key);
    if (fact != nullptr) CopyBounded(evidence_per_fact, fact, change->mutable_assistance_request());
    return fact != nullptr;
  }
  return false;
}

absl::Status Abandoned() {
  return absl::CancelledError("apply abandoned on request before anything was written");
}

}  // namespace

ChangeApplier::ChangeApplier(rocksdb::DB* db, const FactStoreOptions* options)
    : db_(db), options_(options), group_cache_(options->group_cache_bytes) {}

absl::StatusOr<std::vector<const v1::Change*>> ChangeApplier::FreshChanges(absl::Span<const v1::Change> changes,
                                                                       uint64_t staged) {
  std::vector<const v1::Change*> fresh;
  uint64_t sequence = staged;
  for (const v1::Change& change : changes) {
    if (change.heartbeat() || change.sequence() <= sequence) continue;
    if (change.sequence() != sequence + 1) {
      return absl::FailedPreconditionError(absl::StrCat("fact store: change ", change.sequence(),
                                                        " does not follow the applied sequence ", sequence,
                                                        " (a gap in the change log)"));
    }
    sequence = change.sequence();
    fresh.push_back(&change);
  }
  return fresh;
}

int64_t ChangeApplier::LatestIngestTime(const std::vector<const v1::Change*>& changes, int64_t at_least) {
  int64_t latest = at_least;
  for (const v1::Change* change : changes) latest = std::max(latest, change->document().ingested_at_unix());
  return latest;
}

absl::Status ChangeApplier::WriteDocumentsAndRecords(const std::vector<const v1::Change*>& changes,
                                                     rocksdb::WriteBatch* batch, DocumentMap* pending,
                                                     RecordsByGroup* touched, int64_t* new_documents) {
  const rocksdb::ReadOptions read_options;
  for (const v1::Change* change : changes) {
    const v1::DocumentInfo& document = change->document();
    if (!document.document_id().empty()) {
      const std::string key = absl::StrCat(kDocumentPrefix, document.document_id());
      std::string ignored;
      rocksdb::Status found = db_->Get(read_options, key, &ignored);
      if (found.IsNotFound()) {
        if (pending->count(document.document_id()) == 0) ++*new_documents;
      } else if (!found.ok()) {
        return FromRocksDbStatus(found, "fact store: reading a document");
      }
      batch->Put(key, DeterministicBytes(document));
      (*pending)[document.document_id()] = document;
      group_cache_.RefreshDocument(document);
    }
    for (int n = 0; n < change->records_size(); ++n) {
      const v1::Record& record = change->records(n);
      std::string group = GroupKeyOf(record, options_->default_organization);
      if (group.empty()) continue;
      batch->Put(RecordKey(group, change->sequence(), static_cast<uint32_t>(n)), DeterministicBytes(record));
      SourcedRecord& sourced = (*touched)[group].emplace_back();
      sourced.sequence = change->sequence();
      sourced.record = record;
    }
  }
  return absl::OkStatus();
}

void ChangeApplier::CacheWrittenGroups() {
  for (auto& [group, state] : written_groups_) group_cache_.Put(group, std::move(state));
  written_groups_.clear();
}

absl::StatusOr<StoreProgress> ChangeApplier::Stage(absl::Span<const v1::Change> changes,
                                                   const StoreProgress& from) {
  CacheWrittenGroups();
  ASSIGN_OR_RETURN(const std::vector<const v1::Change*> fresh_changes, FreshChanges(changes, from.staged));
  if (fresh_changes.empty()) return from;
  auto clear_cache = absl::MakeCleanup([this] { group_cache_.Clear(); });
  rocksdb::WriteBatch batch;
  DocumentMap pending;
  RecordsByGroup touched;
  int64_t new_documents = 0;
  RETURN_IF_ERROR(WriteDocumentsAndRecords(fresh_changes, &batch, &pending, &touched, &new_documents));
  for (const auto& [group, records] : touched) {
    batch.Put(DirtyKey(group), "");
    group_cache_.Take(group);  // its records changed: read it afresh when consolidated
  }
  StoreProgress to = from;
  to.staged = fresh_changes.back()->sequence();
  to.staged_documents += new_documents;
  to.staged_ingested_at_unix = LatestIngestTime(fresh_changes, from.staged_ingested_at_unix);
  batch.Put(kStagedKey, EncodeFixed64BigEndian(to.staged));
  batch.Put(kStagedDocumentsKey, EncodeFixed64BigEndian(static_cast<uint64_t>(to.staged_documents)));
  batch.Put(kStagedIngestedAtKey, EncodeFixed64BigEndian(static_cast<uint64_t>(to.staged_ingested_at_unix)));
  // Not synced: staged rows are written atomically with meta/staged, so a
  // crash loses the last staged batches whole, and the follower sends them
  // again from meta/staged + 1.
  const rocksdb::Status written = db_->Write(rocksdb::WriteOptions(), &batch);
  if (!written.ok()) {
    return FromRocksDbStatus(written, absl::StrCat("fact store: staging changes ", fresh_changes.front()->sequence(),
                                                   " to ", to.staged));
  }
  std::move(clear_cache).Cancel();
  return to;
}

absl::StatusOr<StoreProgress> ChangeApplier::Apply(absl::Span<const v1::Change> changes, const StoreProgress& from,
                                                   const std::atomic<bool>* cancel) {
  // States an earlier apply wrote and left aside are current: back into the
  // cache before this batch's documents refresh it.
  CacheWrittenGroups();
  auto cancelled = [cancel] { return cancel != nullptr && cancel->load(std::memory_order_relaxed); };
  // The changes to apply: heartbeats and re-deliveries dropped, the rest must
  // continue the staged (or else applied) sequence without a gap.
  ASSIGN_OR_RETURN(const std::vector<const v1::Change*> fresh_changes, FreshChanges(changes, from.staged));
  const bool has_staged = from.staged != from.applied;
  if (fresh_changes.empty() && !has_staged) return from;
  StoreProgress to = from;
  to.applied = to.staged = fresh_changes.empty() ? from.staged : fresh_changes.back()->sequence();
  const uint64_t sequence = to.applied;
  // A batch that is not written leaves cached states that may have taken its
  // documents, or been taken out: start the cache afresh.
  auto clear_cache = absl::MakeCleanup([this] { group_cache_.Clear(); });

  rocksdb::WriteBatch batch;
  DocumentMap pending;  // the batch's documents, not yet in the database
  RecordsByGroup touched;
  int64_t new_documents = 0;
  RETURN_IF_ERROR(WriteDocumentsAndRecords(fresh_changes, &batch, &pending, &touched, &new_documents));
  to.documents += from.staged_documents + new_documents;
  to.staged_documents = 0;
  // Groups with staged records are consolidated with this batch's (a live
  // apply with nothing staged reads no dirty rows).
  if (has_staged) {
    ASSIGN_OR_RETURN(const std::vector<std::string> dirty, DirtyGroups());
    for (const std::string& group : dirty) {
      touched.try_emplace(group);
      batch.Delete(DirtyKey(group));
    }
    batch.Delete(kStagedKey);
    batch.Delete(kStagedDocumentsKey);
    batch.Delete(kStagedIngestedAtKey);
  }
  const bool cache_groups = !has_staged && fresh_changes.size() <= kCachingBatchChanges;

  // Each touched group is consolidated once for the whole batch; its fact
  // changes are one watch-log entry at the batch's last sequence.
  v1::WatchResponse entry;
  entry.set_sequence(sequence);
  // Staged changes have only their stamp left (kStagedIngestedAtKey).
  entry.set_ingested_at_unix(LatestIngestTime(fresh_changes, has_staged ? from.staged_ingested_at_unix : 0));
  to.staged_ingested_at_unix = 0;
  std::vector<std::pair<std::string, GroupState>> to_cache;
  for (auto& [group, fresh] : touched) {
    // Consolidation is the slow part: a stop need not wait for all of it.
    if (cancelled()) return Abandoned();
    // A cached group keeps its merge: the batch's records, when they retell
    // facts it holds, update those facts alone.
    std::vector<SourcedRecord> added;
    if (cache_groups) {
      for (SourcedRecord& record : fresh) PrepareForConsolidation(&record);
      added = fresh;
    }
    ASSIGN_OR_RETURN(GroupState state, GroupStateWith(group, std::move(fresh), pending, cache_groups));
    ConsolidationAids aids;
    aids.copies = &CurrentCopyGraph(&state);
    aids.records_in_canonical_order = cache_groups;
    std::optional<GroupFacts> updated;
    if (cache_groups) updated = ConsolidateAdded(added, state.documents, aids, &state.kept);
    if (!updated.has_value() && !state.records_held) RETURN_IF_ERROR(ReadRecordsBack(group, added, &state));
    GroupFacts result =
        updated.has_value() ? std::move(*updated)
        : cache_groups
            ? ConsolidateAndKeep(state.records, state.documents, options_->default_organization, aids, &state.kept)
            : ConsolidateGroup(state.records, state.documents, options_->default_organization, aids);
    FactBytes now = KeyedFacts(result);
    RETURN_IF_ERROR(DiffGroup(group, state.facts, now, &result, sequence, &batch, &entry, &to));
    if (cache_groups) {
      if (state.kept.membership.has_value() && state.records_held) {
        // The merge is kept: let the records go until a merge from scratch.
        disposer_.Dispose(std::move(state.records));
        state.records = {};
        state.records_held = false;
      }
      state.facts = std::move(now);
      to_cache.emplace_back(group, std::move(state));
    }
  }

  to.watch_start = WatchLog::Append(&batch, sequence, entry, options_->watch_log_retention, from.watch_start);
  batch.Put(kAppliedKey, EncodeFixed64BigEndian(sequence));
  batch.Put(kDocumentsKey, EncodeFixed64BigEndian(static_cast<uint64_t>(to.documents)));
  batch.Put(kFactsKey, EncodeFixed64BigEndian(static_cast<uint64_t>(to.facts)));
  batch.Put(kDigestKey, to.digest.Encode());

  if (cancelled()) return Abandoned();
  rocksdb::WriteOptions write_options;
  write_options.sync = options_->sync;
  rocksdb::Status written = db_->Write(write_options, &batch);
  if (!written.ok()) {
    return FromRocksDbStatus(written,
                             absl::StrCat("fact store: applying changes ", from.applied + 1, " to ", sequence));
  }
  std::move(clear_cache).Cancel();
  // Put back by CacheWrittenGroups(), after the caller has published the
  // batch: putting back a state of thousands of records, and the evictions
  // that make room for it, need not delay what Watch clients see.
  written_groups_ = std::move(to_cache);
  return to;
}

absl::StatusOr<std::vector<std::string>> ChangeApplier::DirtyGroups() const {
  std::vector<std::string> groups;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(kDirtyPrefix); it->Valid() && it->key().starts_with(kDirtyPrefix); it->Next()) {
    groups.emplace_back(View(it->key()).substr(sizeof(kDirtyPrefix) - 1));
  }
  if (!it->status().ok()) return FromRocksDbStatus(it->status(), "fact store: reading the staged groups");
  return groups;
}

void CollectDocumentIds(const v1::Record& record, std::set<std::string>* ids) {
  for (const v1::Evidence& evidence : EvidenceOf(record)) {
    if (!evidence.document_id().empty()) ids->insert(evidence.document_id());
  }
  for (const v1::TroopContribution& troops : record.intervention().troops()) {
    if (!troops.evidence().document_id().empty()) ids->insert(troops.evidence().document_id());
  }
}

absl::StatusOr<std::vector<SourcedRecord>> ReadGroupRecords(rocksdb::DB* db, const rocksdb::ReadOptions& read,
                                                            const std::string& group,
                                                            absl::string_view default_organization) {
  std::vector<SourcedRecord> records;
  const std::string prefix = RecordPrefix(group);
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(read));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    SourcedRecord sourced;
    if (!sourced.record.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return Corrupt("record", View(it->key()));
    }
    // A group name that is a path prefix of another shares the key prefix.
    if (GroupKeyOf(sourced.record, default_organization) != group) continue;
    std::optional<uint64_t> record_sequence = DecodeFixed64BigEndian(View(it->key()).substr(prefix.size(), 8));
    if (!record_sequence.has_value()) return Corrupt("record key", View(it->key()));
    sourced.sequence = *record_sequence;
    records.push_back(std::move(sourced));
  }
  if (!it->status().ok()) return FromRocksDbStatus(it->status(), "fact store: reading records");
  return records;
}

absl::StatusOr<std::vector<SourcedRecord>> ChangeApplier::LoadGroupRecords(const std::string& group) const {
  return ReadGroupRecords(db_, rocksdb::ReadOptions(), group, options_->default_organization);
}

absl::StatusOr<bool> ChangeApplier::LoadCitedDocuments(const std::vector<SourcedRecord>& records,
                                                       const DocumentMap& pending, DocumentMap* documents,
                                                       absl::flat_hash_set<std::string>* missing) const {
  std::set<std::string> document_ids;
  for (const SourcedRecord& record : records) CollectDocumentIds(record.record, &document_ids);
  // The ids to read, in key order: one batched lookup for a group's
  // thousands of documents instead of a lookup each.
  bool found_missing = false;
  std::vector<std::string> ids, keys;
  for (const std::string& id : document_ids) {
    if (documents->contains(id)) continue;
    if (auto it = pending.find(id); it != pending.end()) {
      (*documents)[id] = SlimDocument(it->second);
      found_missing |= missing->erase(id) > 0;
      continue;
    }
    ids.push_back(id);
    keys.push_back(absl::StrCat(kDocumentPrefix, id));
  }
  if (ids.empty()) return found_missing;
  std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<rocksdb::PinnableSlice> values(keys.size());
  std::vector<rocksdb::Status> statuses(keys.size());
  db_->MultiGet(rocksdb::ReadOptions(), db_->DefaultColumnFamily(), slices.size(), slices.data(), values.data(),
                statuses.data(), /*sorted_input=*/true);
  for (size_t i = 0; i < ids.size(); ++i) {
    if (statuses[i].IsNotFound()) {  // consolidation counts unknown documents as independent
      missing->insert(ids[i]);
      continue;
    }
    if (!statuses[i].ok()) return FromRocksDbStatus(statuses[i], "fact store: reading a document");
    v1::DocumentInfo info;
    if (!info.ParseFromArray(values[i].data(), static_cast<int>(values[i].size()))) {
      return Corrupt("document", ids[i]);
    }
    (*documents)[ids[i]] = SlimDocument(info);
    found_missing |= missing->erase(ids[i]) > 0;
  }
  return found_missing;
}

absl::StatusOr<GroupState> ChangeApplier::GroupStateWith(const std::string& group, std::vector<SourcedRecord> fresh,
                                                         const DocumentMap& pending, bool to_cache) {
  GroupState state;
  if (std::optional<GroupState> cached = group_cache_.Take(group); cached.has_value()) {
    state = std::move(*cached);  // in canonical order and prepared, as cached
    if (!state.records_held && !to_cache) {
      ASSIGN_OR_RETURN(state.records, LoadGroupRecords(group));
      state.records_held = true;
    }
  } else {
    ASSIGN_OR_RETURN(state.records, LoadGroupRecords(group));
    ASSIGN_OR_RETURN(state.facts, LoadGroupFacts(group));
    RETURN_IF_ERROR(LoadCitedDocuments(state.records, pending, &state.documents, &state.missing_documents).status());
    if (to_cache) {
      SortCanonically(&state.records);
      for (SourcedRecord& record : state.records) PrepareForConsolidation(&record);
    }
  }
  ASSIGN_OR_RETURN(const bool found_missing,
                   LoadCitedDocuments(fresh, pending, &state.documents, &state.missing_documents));
  // An id held as missing that is found now changes what the kept
  // consolidation counted (RefreshDocument normally sees it first).
  if (found_missing) state.kept = KeptConsolidation();
  if (!state.records_held) return state;  // the caller holds `fresh` as added records
  for (SourcedRecord& record : fresh) {
    if (to_cache) {
      InsertCanonically(std::move(record), &state.records);
    } else {
      state.records.push_back(std::move(record));
    }
  }
  return state;
}

absl::Status ChangeApplier::ReadRecordsBack(const std::string& group, const std::vector<SourcedRecord>& added,
                                            GroupState* state) const {
  // The batch is not written yet: the database holds the records before it.
  ASSIGN_OR_RETURN(state->records, LoadGroupRecords(group));
  SortCanonically(&state->records);
  for (SourcedRecord& record : state->records) PrepareForConsolidation(&record);
  for (const SourcedRecord& record : added) InsertCanonically(record, &state->records);
  state->records_held = true;
  return absl::OkStatus();
}

absl::StatusOr<ChangeApplier::FactBytes> ChangeApplier::LoadGroupFacts(const std::string& group) const {
  FactBytes facts;
  const std::string prefix = GroupFactPrefix(group);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    std::string fact_key(View(it->key()).substr(prefix.size()));
    std::string bytes;
    rocksdb::Status status = db_->Get(rocksdb::ReadOptions(), fact_key, &bytes);
    if (status.IsNotFound()) continue;
    if (!status.ok()) return FromRocksDbStatus(status, "fact store: reading a fact");
    facts.emplace(std::move(fact_key), std::move(bytes));
  }
  if (!it->status().ok()) return FromRocksDbStatus(it->status(), "fact store: reading the group index");
  return facts;
}

absl::StatusOr<std::vector<std::string>> ChangeApplier::StoredOrderedKeys(const std::string& fact_key) const {
  const std::string brief_key = BriefKeyOf(fact_key);
  if (brief_key.empty()) return std::vector<std::string>();
  std::string bytes;
  const rocksdb::Status got = db_->Get(rocksdb::ReadOptions(), brief_key, &bytes);
  if (got.IsNotFound()) return std::vector<std::string>();
  if (!got.ok()) return FromRocksDbStatus(got, "fact store: reading a brief row");
  v1::RecordChange stored;
  RETURN_IF_ERROR(SetFact(fact_key, bytes, 0, &stored));
  return OrderedKeysOf(stored, options_->default_organization);
}

absl::Status ChangeApplier::DiffGroup(const std::string& group, const FactBytes& before, const FactBytes& now,
                                      GroupFacts* now_facts, uint64_t sequence, rocksdb::WriteBatch* batch, v1::WatchResponse* entry,
                                      StoreProgress* progress) const {
  const int evidence_per_fact = options_->answer_evidence_per_fact;
  const std::string index_prefix = GroupFactPrefix(group);
  // Each changed fact is parsed and bounded once, for its brief row and its
  // watch-log change both.
  // A fact of `now` is copied from `now_facts` with only its kept evidence;
  // a conflict, or a removed fact, is parsed from its bytes.
  auto record_change = [&](v1::ChangeKind kind, const std::string& key,
                           const std::string& bytes) -> absl::StatusOr<const v1::RecordChange*> {
    v1::RecordChange* out = entry->add_changes();
    out->set_sequence(sequence);
    out->set_kind(kind);
    if (kind == v1::CHANGE_KIND_REMOVED || !SetBoundedFact(key, evidence_per_fact, now_facts, out)) {
      RETURN_IF_ERROR(SetFact(key, bytes, evidence_per_fact, out));
    }
    return out;
  };
  // A changed fact's brief row, and its ordered rows (moved when its sort key
  // changed).
  auto put_brief = [&](const std::string& key, const v1::RecordChange& change,
                       const std::vector<std::string>& old_ordered) {
    const std::string brief_key = BriefKeyOf(key);
    if (brief_key.empty()) return;
    const std::string brief = BriefBytes(change);
    batch->Put(brief_key, brief);
    const std::vector<std::string> ordered = OrderedKeysOf(change, options_->default_organization);
    for (const std::string& old_key : old_ordered) {
      if (std::find(ordered.begin(), ordered.end(), old_key) == ordered.end()) batch->Delete(old_key);
    }
    for (const std::string& ordered_key : ordered) batch->Put(ordered_key, brief);
  };
  for (const auto& [key, bytes] : now) {
    auto old = before.find(key);
    if (old == before.end()) {
      ASSIGN_OR_RETURN(const v1::RecordChange* change, record_change(v1::CHANGE_KIND_ADDED, key, bytes));
      batch->Put(key, bytes);
      put_brief(key, *change, {});
      batch->Put(index_prefix + key, "");
      progress->digest.Add(key, bytes);
      if (IsCountedFact(key)) ++progress->facts;
    } else if (old->second != bytes) {
      ASSIGN_OR_RETURN(const v1::RecordChange* change, record_change(v1::CHANGE_KIND_UPDATED, key, bytes));
      ASSIGN_OR_RETURN(const std::vector<std::string> old_ordered, StoredOrderedKeys(key));
      batch->Put(key, bytes);
      put_brief(key, *change, old_ordered);
      progress->digest.Remove(key, old->second);
      progress->digest.Add(key, bytes);
    }
  }
  for (const auto& [key, bytes] : before) {
    if (now.count(key) != 0) continue;
    ASSIGN_OR_RETURN(const std::vector<std::string> old_ordered, StoredOrderedKeys(key));
    for (const std::string& ordered_key : old_ordered) batch->Delete(ordered_key);
    batch->Delete(key);
    if (const std::string brief_key = BriefKeyOf(key); !brief_key.empty()) batch->Delete(brief_key);
    batch->Delete(index_prefix + key);
    progress->digest.Remove(key, bytes);
    if (IsCountedFact(key)) --progress->facts;
    RETURN_IF_ERROR(record_change(v1::CHANGE_KIND_REMOVED, key, bytes).status());
  }
  return absl::OkStatus();
}

}  // namespace alliance::query
