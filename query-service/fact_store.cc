#include "query-service/fact_store.h"

#include <algorithm>
#include <map>
#include <set>
#include <atomic>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "common/deterministic_bytes.h"
#include "common/content_hash.h"
#include "common/rocksdb_status.h"
#include "common/sequence_key.h"
#include "common/status_macros.h"
#include "query-service/consolidation/consolidator.h"
#include "query-service/consolidation/source_independence.h"
#include "query-service/evidence_bound.h"
#include "query-service/ordered_rows.h"
#include "query-service/watch_log.h"
#include "rocksdb/cache.h"
#include "rocksdb/db.h"
#include "rocksdb/table.h"
#include "rocksdb/options.h"
#include "rocksdb/write_batch.h"

namespace alliance::query {
namespace {

constexpr char kAppliedKey[] = "meta/applied";
constexpr char kStagedKey[] = "meta/staged";
constexpr char kStagedDocumentsKey[] = "meta/staged_documents";
constexpr char kDirtyPrefix[] = "dirty/";
constexpr char kDocumentsKey[] = "meta/documents";
constexpr char kFactsKey[] = "meta/facts";
constexpr char kDigestKey[] = "meta/digest";
constexpr char kDocumentPrefix[] = "doc/";
constexpr char kRecordPrefix[] = "rec/";
constexpr char kFactPrefix[] = "fact/";
constexpr char kMembershipPrefix[] = "fact/m/";
constexpr char kInterventionPrefix[] = "fact/i/";
constexpr char kRequestPrefix[] = "fact/r/";
constexpr char kConflictPrefix[] = "fact/c/";
constexpr char kGroupFactPrefix[] = "gfact/";
// Written by stores before ordered rows existed; removed when they are built.
constexpr char kOldBriefsKey[] = "meta/briefs";
constexpr char kAnswerRowsKey[] = "meta/answer_rows";
constexpr char kBriefPrefix[] = "brief/";
constexpr char kBriefMembershipPrefix[] = "brief/m/";
constexpr char kBriefInterventionPrefix[] = "brief/i/";
constexpr char kBriefRequestPrefix[] = "brief/r/";

absl::string_view View(const rocksdb::Slice& slice) { return absl::string_view(slice.data(), slice.size()); }


std::string ConflictKey(const v1::Conflict& conflict) {
  return absl::StrCat(kConflictPrefix, conflict.subject_id(), std::string(1, '\0'), conflict.field());
}

std::string GroupFactPrefix(absl::string_view group) {
  return absl::StrCat(kGroupFactPrefix, group, std::string(1, '\0'));
}

std::string RecordPrefix(absl::string_view group) { return absl::StrCat(kRecordPrefix, group, "/"); }

std::string RecordKey(absl::string_view group, uint64_t sequence, uint32_t index) {
  std::string key = SequenceKey(RecordPrefix(group), sequence);
  key.push_back('/');
  key.append(EncodeFixed64BigEndian(index).substr(4));
  return key;
}

absl::Status Corrupt(absl::string_view what, absl::string_view key) {
  return absl::DataLossError(absl::StrCat("fact store: cannot parse ", what, " at key \"",
                                          absl::CHexEscape(key), "\""));
}

// Reads an 8-byte counter; 0 when absent.
absl::StatusOr<uint64_t> ReadCounter(rocksdb::DB* db, const std::string& key) {
  std::string value;
  rocksdb::Status status = db->Get(rocksdb::ReadOptions(), key, &value);
  if (status.IsNotFound()) return 0;
  if (!status.ok()) return FromRocksDbStatus(status, absl::StrCat("fact store: reading ", key));
  std::optional<uint64_t> counter = DecodeFixed64BigEndian(value);
  if (!counter.has_value()) return Corrupt("counter", key);
  return *counter;
}

// Collects the document ids a record's evidence points at.
void CollectDocumentIds(const v1::Record& record, std::set<std::string>* ids) {
  auto add_all = [ids](const auto& evidence_list) {
    for (const v1::Evidence& evidence : evidence_list) {
      if (!evidence.document_id().empty()) ids->insert(evidence.document_id());
    }
  };
  switch (record.kind_case()) {
    case v1::Record::kMembershipEvent:
      add_all(record.membership_event().evidence());
      break;
    case v1::Record::kIntervention:
      add_all(record.intervention().evidence());
      for (const v1::TroopContribution& troops : record.intervention().troops()) {
        if (!troops.evidence().document_id().empty()) ids->insert(troops.evidence().document_id());
      }
      break;
    case v1::Record::kAssistanceRequest:
      add_all(record.assistance_request().evidence());
      break;
    default:
      break;
  }
}

// Fills the fact of `change` from a stored fact key and value, keeping
// `evidence_per_fact` quotes of it (0: all).
absl::Status SetFact(absl::string_view key, const std::string& bytes, int evidence_per_fact,
                     v1::RecordChange* change) {
  bool parsed = false;
  if (absl::StartsWith(key, kMembershipPrefix)) {
    parsed = change->mutable_membership_event()->ParseFromString(bytes);
    if (parsed) BoundEvidenceOf(evidence_per_fact, change->mutable_membership_event());
  } else if (absl::StartsWith(key, kInterventionPrefix)) {
    parsed = change->mutable_intervention()->ParseFromString(bytes);
    if (parsed) BoundEvidenceOf(evidence_per_fact, change->mutable_intervention());
  } else if (absl::StartsWith(key, kRequestPrefix)) {
    parsed = change->mutable_assistance_request()->ParseFromString(bytes);
    if (parsed) BoundEvidenceOf(evidence_per_fact, change->mutable_assistance_request());
  } else if (absl::StartsWith(key, kConflictPrefix)) {
    parsed = change->mutable_conflict()->ParseFromString(bytes);
    if (parsed) BoundEvidenceOf(evidence_per_fact, change->mutable_conflict());
  }
  return parsed ? absl::OkStatus() : Corrupt("fact", key);
}

// Returns the stored key and bytes of every fact and conflict of `result`.
std::map<std::string, std::string> KeyedFacts(const GroupFacts& result) {
  std::map<std::string, std::string> out;
  for (const auto& fact : result.membership_events) out[absl::StrCat(kMembershipPrefix, fact.id())] = DeterministicBytes(fact);
  for (const auto& fact : result.interventions) out[absl::StrCat(kInterventionPrefix, fact.id())] = DeterministicBytes(fact);
  for (const auto& fact : result.assistance_requests) out[absl::StrCat(kRequestPrefix, fact.id())] = DeterministicBytes(fact);
  for (const auto& conflict : result.conflicts) out[ConflictKey(conflict)] = DeterministicBytes(conflict);
  return out;
}

// True for facts that count in fact_count() (conflicts do not).
bool IsCountedFact(absl::string_view key) { return !absl::StartsWith(key, kConflictPrefix); }

// Returns the brief/ key of a fact/ key of a membership event, intervention
// or request; "" for a conflict (conflicts have no brief row).
std::string BriefKeyOf(absl::string_view fact_key) {
  if (absl::StartsWith(fact_key, kConflictPrefix)) return "";
  return absl::StrCat(kBriefPrefix, fact_key.substr(sizeof(kFactPrefix) - 1));
}

// Returns the bytes of the brief row of a fact that SetFact() bounded into
// `change`; "" for a conflict (no brief row).
std::string BriefBytes(const v1::RecordChange& change) {
  switch (change.fact_case()) {
    case v1::RecordChange::kMembershipEvent:
      return DeterministicBytes(change.membership_event());
    case v1::RecordChange::kIntervention:
      return DeterministicBytes(change.intervention());
    case v1::RecordChange::kAssistanceRequest:
      return DeterministicBytes(change.assistance_request());
    default:
      return "";
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<FactStore>> FactStore::Open(const std::string& path,
                                                           FactStoreOptions options) {
  rocksdb::Options db_options;
  db_options.create_if_missing = true;
  // Memory: at most two memtables of options.memtable_bytes (RocksDB's default
  // is 64 MiB each). Every applied change rewrites its groups' facts, so
  // memtables fill fast and would otherwise dominate the replica's resident
  // memory. Reads go through a block cache of a fixed size.
  db_options.write_buffer_size = options.memtable_bytes;
  db_options.max_write_buffer_number = 2;
  rocksdb::BlockBasedTableOptions table_options;
  table_options.block_cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  db_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table_options));
  rocksdb::DB* raw = nullptr;
  rocksdb::Status status = rocksdb::DB::Open(db_options, path, &raw);
  if (!status.ok()) return FromRocksDbStatus(status, absl::StrCat("fact store: opening ", path));
  std::unique_ptr<FactStore> store(new FactStore(std::unique_ptr<rocksdb::DB>(raw), std::move(options)));
  RETURN_IF_ERROR(store->LoadState());
  RETURN_IF_ERROR(store->RebuildAnswerRowsIfStale());
  // Changes staged before a stop are consolidated now, so the store opens
  // with every change it holds applied.
  RETURN_IF_ERROR(store->ApplyBatch({}));
  return store;
}

FactStore::FactStore(std::unique_ptr<rocksdb::DB> db, FactStoreOptions options)
    : options_(std::move(options)), db_(std::move(db)), group_cache_(options_.group_cache_bytes) {}

FactStore::~FactStore() {
  // Everything was written synced (or the caller chose otherwise); closing just
  // releases the lock and files.
  db_->Close().PermitUncheckedError();
}

absl::Status FactStore::LoadState() {
  ASSIGN_OR_RETURN(const uint64_t applied, ReadCounter(db_.get(), kAppliedKey));
  ASSIGN_OR_RETURN(const uint64_t documents, ReadCounter(db_.get(), kDocumentsKey));
  ASSIGN_OR_RETURN(const uint64_t facts, ReadCounter(db_.get(), kFactsKey));
  ASSIGN_OR_RETURN(const uint64_t watch_start, WatchLog::FirstKept(db_.get(), applied + 1));
  // The digest of the facts, kept current by every apply; a store written
  // before it was kept gets it computed once here.
  query::StateDigest digest;
  std::string digest_bytes;
  const rocksdb::Status got = db_->Get(rocksdb::ReadOptions(), kDigestKey, &digest_bytes);
  if (got.ok()) {
    std::optional<query::StateDigest> stored = query::StateDigest::Decode(digest_bytes);
    if (!stored.has_value()) return Corrupt("state digest", kDigestKey);
    digest = *stored;
  } else if (got.IsNotFound()) {
    ASSIGN_OR_RETURN(digest, DigestOfAllFacts());
    if (digest != query::StateDigest()) {
      rocksdb::WriteOptions write_options;
      write_options.sync = options_.sync;
      const rocksdb::Status put = db_->Put(write_options, kDigestKey, digest.Encode());
      if (!put.ok()) return FromRocksDbStatus(put, "fact store: storing the state digest");
    }
  } else {
    return FromRocksDbStatus(got, "fact store: reading the state digest");
  }
  ASSIGN_OR_RETURN(const uint64_t staged, ReadCounter(db_.get(), kStagedKey));
  ASSIGN_OR_RETURN(const uint64_t staged_documents, ReadCounter(db_.get(), kStagedDocumentsKey));
  {
    absl::MutexLock apply_lock(&apply_mu_);
    staged_documents_ = staged > applied ? static_cast<int64_t>(staged_documents) : 0;
  }
  absl::MutexLock lock(&mu_);
  applied_ = applied;
  staged_ = std::max(staged, applied);
  documents_ = static_cast<int64_t>(documents);
  facts_ = static_cast<int64_t>(facts);
  watch_start_ = watch_start;
  digest_ = digest;
  return absl::OkStatus();
}

absl::Status FactStore::RebuildAnswerRowsIfStale() {
  const uint64_t wanted = static_cast<uint64_t>(std::max(0, options_.answer_evidence_per_fact)) + 1;
  ASSIGN_OR_RETURN(const uint64_t cut_at, ReadCounter(db_.get(), kAnswerRowsKey));
  if (cut_at == wanted) return absl::OkStatus();
  rocksdb::WriteBatch batch;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  for (const char* derived : {kBriefPrefix, kOrderedPrefix}) {
    for (it->Seek(derived); it->Valid() && it->key().starts_with(derived); it->Next()) batch.Delete(it->key());
  }
  for (it->Seek(kFactPrefix); it->Valid() && it->key().starts_with(kFactPrefix); it->Next()) {
    const std::string key(View(it->key()));
    const std::string brief_key = BriefKeyOf(key);
    if (brief_key.empty()) continue;
    v1::RecordChange bounded;
    RETURN_IF_ERROR(SetFact(key, std::string(View(it->value())), options_.answer_evidence_per_fact, &bounded));
    const std::string brief = BriefBytes(bounded);
    batch.Put(brief_key, brief);
    for (const std::string& ordered_key : OrderedKeysOf(bounded, options_.default_organization)) {
      batch.Put(ordered_key, brief);
    }
  }
  if (!it->status().ok()) return FromRocksDbStatus(it->status(), "fact store: rewriting the brief rows");
  batch.Delete(kOldBriefsKey);
  batch.Put(kAnswerRowsKey, EncodeFixed64BigEndian(wanted));
  rocksdb::WriteOptions write_options;
  write_options.sync = options_.sync;
  const rocksdb::Status written = db_->Write(write_options, &batch);
  if (!written.ok()) return FromRocksDbStatus(written, "fact store: rewriting the brief rows");
  return absl::OkStatus();
}

absl::StatusOr<query::StateDigest> FactStore::DigestOfAllFacts() const {
  query::StateDigest digest;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(kFactPrefix); it->Valid() && it->key().starts_with(kFactPrefix); it->Next()) {
    digest.Add(View(it->key()), View(it->value()));
  }
  if (!it->status().ok()) return FromRocksDbStatus(it->status(), "fact store: digesting the facts");
  return digest;
}

absl::StatusOr<std::string> FactStore::RecomputeStateDigest() const {
  ASSIGN_OR_RETURN(const query::StateDigest digest, DigestOfAllFacts());
  return digest.Hex();
}

absl::Status FactStore::Apply(const v1::Change& change) { return ApplyBatch(absl::MakeConstSpan(&change, 1)); }

namespace {

absl::Status Abandoned() {
  return absl::CancelledError("apply abandoned on request before anything was written");
}

}  // namespace

absl::StatusOr<std::vector<const v1::Change*>> FactStore::FreshChanges(absl::Span<const v1::Change> changes,
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

absl::Status FactStore::WriteDocumentsAndRecords(const std::vector<const v1::Change*>& changes,
                                                 rocksdb::WriteBatch* batch, DocumentMap* pending,
                                                 std::map<std::string, std::vector<SourcedRecord>>* touched,
                                                 int64_t* new_documents) {
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
      std::string group = GroupKeyOf(record, options_.default_organization);
      if (group.empty()) continue;
      batch->Put(RecordKey(group, change->sequence(), static_cast<uint32_t>(n)), DeterministicBytes(record));
      (*touched)[group].push_back(SourcedRecord{change->sequence(), record});
    }
  }
  return absl::OkStatus();
}

absl::Status FactStore::Stage(absl::Span<const v1::Change> changes) {
  absl::MutexLock apply_lock(&apply_mu_);
  ASSIGN_OR_RETURN(const std::vector<const v1::Change*> fresh_changes, FreshChanges(changes, staged_sequence()));
  if (fresh_changes.empty()) return absl::OkStatus();
  auto clear_cache = absl::MakeCleanup([this]() ABSL_NO_THREAD_SAFETY_ANALYSIS { group_cache_.Clear(); });
  rocksdb::WriteBatch batch;
  DocumentMap pending;
  std::map<std::string, std::vector<SourcedRecord>> touched;
  int64_t new_documents = 0;
  RETURN_IF_ERROR(WriteDocumentsAndRecords(fresh_changes, &batch, &pending, &touched, &new_documents));
  for (const auto& [group, records] : touched) {
    batch.Put(absl::StrCat(kDirtyPrefix, group), "");
    group_cache_.Take(group);  // its records changed: read it afresh when consolidated
  }
  const uint64_t sequence = fresh_changes.back()->sequence();
  batch.Put(kStagedKey, EncodeFixed64BigEndian(sequence));
  batch.Put(kStagedDocumentsKey, EncodeFixed64BigEndian(static_cast<uint64_t>(staged_documents_ + new_documents)));
  // Not synced: staged rows are written atomically with meta/staged, so a
  // crash loses the last staged batches whole, and the follower sends them
  // again from meta/staged + 1.
  const rocksdb::Status written = db_->Write(rocksdb::WriteOptions(), &batch);
  if (!written.ok()) {
    return FromRocksDbStatus(written, absl::StrCat("fact store: staging changes ", fresh_changes.front()->sequence(),
                                                   " to ", sequence));
  }
  std::move(clear_cache).Cancel();
  staged_documents_ += new_documents;
  absl::MutexLock lock(&mu_);
  staged_ = sequence;
  return absl::OkStatus();
}

uint64_t FactStore::staged_sequence() const {
  absl::MutexLock lock(&mu_);
  return staged_;
}

absl::Status FactStore::ApplyBatch(absl::Span<const v1::Change> changes, const std::atomic<bool>* cancel) {
  absl::MutexLock apply_lock(&apply_mu_);
  auto cancelled = [cancel] { return cancel != nullptr && cancel->load(std::memory_order_relaxed); };
  uint64_t applied, staged;
  int64_t documents, facts;
  uint64_t watch_start;
  query::StateDigest digest;
  {
    absl::MutexLock lock(&mu_);
    applied = applied_;
    staged = staged_;
    documents = documents_;
    facts = facts_;
    watch_start = watch_start_;
    digest = digest_;
  }
  // The changes to apply: heartbeats and re-deliveries dropped, the rest must
  // continue the staged (or else applied) sequence without a gap.
  ASSIGN_OR_RETURN(const std::vector<const v1::Change*> fresh_changes, FreshChanges(changes, staged));
  const bool has_staged = staged != applied;
  if (fresh_changes.empty() && !has_staged) return absl::OkStatus();
  const uint64_t sequence = fresh_changes.empty() ? staged : fresh_changes.back()->sequence();
  // A batch that is not written leaves cached states that may have taken its
  // documents, or been taken out: start the cache afresh.
  auto clear_cache = absl::MakeCleanup([this]() ABSL_NO_THREAD_SAFETY_ANALYSIS { group_cache_.Clear(); });

  rocksdb::WriteBatch batch;
  DocumentMap pending;  // the batch's documents, not yet in the database
  // The batch's records, by group (ordered, so the watch entry is deterministic).
  std::map<std::string, std::vector<SourcedRecord>> touched;
  int64_t new_documents = 0;
  RETURN_IF_ERROR(WriteDocumentsAndRecords(fresh_changes, &batch, &pending, &touched, &new_documents));
  documents += staged_documents_ + new_documents;
  // Groups with staged records are consolidated with this batch's (a live
  // apply with nothing staged reads no dirty rows).
  if (has_staged) {
    ASSIGN_OR_RETURN(const std::vector<std::string> dirty, DirtyGroups());
    for (const std::string& group : dirty) {
      touched.try_emplace(group);
      batch.Delete(absl::StrCat(kDirtyPrefix, group));
    }
    batch.Delete(kStagedKey);
    batch.Delete(kStagedDocumentsKey);
  }
  const bool cache_groups = !has_staged && fresh_changes.size() <= kCachingBatchChanges;

  // Each touched group is consolidated once for the whole batch; its fact
  // changes are one watch-log entry at the batch's last sequence.
  v1::WatchResponse entry;
  entry.set_sequence(sequence);
  std::vector<std::pair<std::string, GroupState>> to_cache;
  for (auto& [group, fresh] : touched) {
    // Consolidation is the slow part: a stop need not wait for all of it.
    if (cancelled()) return Abandoned();
    ASSIGN_OR_RETURN(GroupState state, GroupStateWith(group, std::move(fresh), pending));
    const GroupFacts result = ConsolidateGroup(state.records, state.documents, options_.default_organization);
    FactBytes now = KeyedFacts(result);
    RETURN_IF_ERROR(DiffGroup(group, state.facts, now, sequence, &batch, &entry, &facts, &digest));
    if (cache_groups) {
      state.facts = std::move(now);
      to_cache.emplace_back(group, std::move(state));
    }
  }

  const uint64_t new_watch_start =
      WatchLog::Append(&batch, sequence, entry, options_.watch_log_retention, watch_start);
  batch.Put(kAppliedKey, EncodeFixed64BigEndian(sequence));
  batch.Put(kDocumentsKey, EncodeFixed64BigEndian(static_cast<uint64_t>(documents)));
  batch.Put(kFactsKey, EncodeFixed64BigEndian(static_cast<uint64_t>(facts)));
  batch.Put(kDigestKey, digest.Encode());

  if (cancelled()) return Abandoned();
  rocksdb::WriteOptions write_options;
  write_options.sync = options_.sync;
  rocksdb::Status written = db_->Write(write_options, &batch);
  if (!written.ok()) {
    return FromRocksDbStatus(written, absl::StrCat("fact store: applying changes ", applied + 1, " to ", sequence));
  }
  std::move(clear_cache).Cancel();
  for (auto& [group, state] : to_cache) group_cache_.Put(group, std::move(state));
  staged_documents_ = 0;
  absl::MutexLock lock(&mu_);
  applied_ = sequence;
  staged_ = sequence;
  documents_ = documents;
  facts_ = facts;
  watch_start_ = new_watch_start;
  digest_ = digest;
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> FactStore::DirtyGroups() const {
  std::vector<std::string> groups;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(kDirtyPrefix); it->Valid() && it->key().starts_with(kDirtyPrefix); it->Next()) {
    groups.emplace_back(View(it->key()).substr(sizeof(kDirtyPrefix) - 1));
  }
  if (!it->status().ok()) return FromRocksDbStatus(it->status(), "fact store: reading the staged groups");
  return groups;
}

absl::StatusOr<std::vector<SourcedRecord>> FactStore::LoadGroupRecords(const std::string& group) const {
  std::vector<SourcedRecord> records;
  const std::string prefix = RecordPrefix(group);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    SourcedRecord sourced;
    if (!sourced.record.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return Corrupt("record", View(it->key()));
    }
    // A group name that is a path prefix of another shares the key prefix.
    if (GroupKeyOf(sourced.record, options_.default_organization) != group) continue;
    std::optional<uint64_t> record_sequence = DecodeFixed64BigEndian(View(it->key()).substr(prefix.size(), 8));
    if (!record_sequence.has_value()) return Corrupt("record key", View(it->key()));
    sourced.sequence = *record_sequence;
    records.push_back(std::move(sourced));
  }
  if (!it->status().ok()) return FromRocksDbStatus(it->status(), "fact store: reading records");
  return records;
}

absl::StatusOr<bool> FactStore::HoldsOrganization(absl::string_view organization) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  for (const std::string& group_prefix : GroupKeyPrefixesOf(organization)) {
    const std::string prefix = absl::StrCat(kRecordPrefix, group_prefix);
    it->Seek(prefix);
    if (it->Valid() && it->key().starts_with(prefix)) return true;
  }
  if (!it->status().ok()) return FromRocksDbStatus(it->status(), "fact store: reading records");
  return false;
}

absl::Status FactStore::LoadCitedDocuments(const std::vector<SourcedRecord>& records, const DocumentMap& pending,
                                           DocumentMap* documents, absl::flat_hash_set<std::string>* missing) const {
  std::set<std::string> document_ids;
  for (const SourcedRecord& record : records) CollectDocumentIds(record.record, &document_ids);
  for (const std::string& id : document_ids) {
    if (documents->contains(id)) continue;
    if (auto it = pending.find(id); it != pending.end()) {
      (*documents)[id] = SlimDocument(it->second);
      missing->erase(id);
      continue;
    }
    std::string bytes;
    rocksdb::Status status = db_->Get(rocksdb::ReadOptions(), absl::StrCat(kDocumentPrefix, id), &bytes);
    if (status.IsNotFound()) {  // consolidation counts unknown documents as independent
      missing->insert(id);
      continue;
    }
    if (!status.ok()) return FromRocksDbStatus(status, "fact store: reading a document");
    v1::DocumentInfo info;
    if (!info.ParseFromString(bytes)) return Corrupt("document", id);
    (*documents)[id] = SlimDocument(info);
    missing->erase(id);
  }
  return absl::OkStatus();
}

absl::StatusOr<GroupState> FactStore::GroupStateWith(const std::string& group, std::vector<SourcedRecord> fresh,
                                                     const DocumentMap& pending) {
  GroupState state;
  if (std::optional<GroupState> cached = group_cache_.Take(group); cached.has_value()) {
    state = std::move(*cached);
  } else {
    ASSIGN_OR_RETURN(state.records, LoadGroupRecords(group));
    ASSIGN_OR_RETURN(state.facts, LoadGroupFacts(group));
    RETURN_IF_ERROR(LoadCitedDocuments(state.records, pending, &state.documents, &state.missing_documents));
  }
  RETURN_IF_ERROR(LoadCitedDocuments(fresh, pending, &state.documents, &state.missing_documents));
  for (SourcedRecord& record : fresh) state.records.push_back(std::move(record));
  return state;
}

absl::StatusOr<FactStore::FactBytes> FactStore::LoadGroupFacts(const std::string& group) const {
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

absl::StatusOr<std::vector<std::string>> FactStore::StoredOrderedKeys(const std::string& fact_key) const {
  const std::string brief_key = BriefKeyOf(fact_key);
  if (brief_key.empty()) return std::vector<std::string>();
  std::string bytes;
  const rocksdb::Status got = db_->Get(rocksdb::ReadOptions(), brief_key, &bytes);
  if (got.IsNotFound()) return std::vector<std::string>();
  if (!got.ok()) return FromRocksDbStatus(got, "fact store: reading a brief row");
  v1::RecordChange stored;
  RETURN_IF_ERROR(SetFact(fact_key, bytes, 0, &stored));
  return OrderedKeysOf(stored, options_.default_organization);
}

absl::Status FactStore::DiffGroup(const std::string& group, const FactBytes& before, const FactBytes& now,
                                  uint64_t sequence, rocksdb::WriteBatch* batch, v1::WatchResponse* entry,
                                  int64_t* facts, query::StateDigest* digest) const {
  const int evidence_per_fact = options_.answer_evidence_per_fact;
  const std::string index_prefix = GroupFactPrefix(group);
  // Each changed fact is parsed and bounded once, for its brief row and its
  // watch-log change both.
  auto record_change = [&](v1::ChangeKind kind, const std::string& key,
                           const std::string& bytes) -> absl::StatusOr<const v1::RecordChange*> {
    v1::RecordChange* out = entry->add_changes();
    out->set_sequence(sequence);
    out->set_kind(kind);
    RETURN_IF_ERROR(SetFact(key, bytes, evidence_per_fact, out));
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
    const std::vector<std::string> ordered = OrderedKeysOf(change, options_.default_organization);
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
      digest->Add(key, bytes);
      if (IsCountedFact(key)) ++*facts;
    } else if (old->second != bytes) {
      ASSIGN_OR_RETURN(const v1::RecordChange* change, record_change(v1::CHANGE_KIND_UPDATED, key, bytes));
      ASSIGN_OR_RETURN(const std::vector<std::string> old_ordered, StoredOrderedKeys(key));
      batch->Put(key, bytes);
      put_brief(key, *change, old_ordered);
      digest->Remove(key, old->second);
      digest->Add(key, bytes);
    }
  }
  for (const auto& [key, bytes] : before) {
    if (now.count(key) != 0) continue;
    ASSIGN_OR_RETURN(const std::vector<std::string> old_ordered, StoredOrderedKeys(key));
    for (const std::string& ordered_key : old_ordered) batch->Delete(ordered_key);
    batch->Delete(key);
    if (const std::string brief_key = BriefKeyOf(key); !brief_key.empty()) batch->Delete(brief_key);
    batch->Delete(index_prefix + key);
    digest->Remove(key, bytes);
    if (IsCountedFact(key)) --*facts;
    RETURN_IF_ERROR(record_change(v1::CHANGE_KIND_REMOVED, key, bytes).status());
  }
  return absl::OkStatus();
}

uint64_t FactStore::applied_sequence() const {
  absl::MutexLock lock(&mu_);
  return applied_;
}

int64_t FactStore::document_count() const {
  absl::MutexLock lock(&mu_);
  return documents_;
}

int64_t FactStore::fact_count() const {
  absl::MutexLock lock(&mu_);
  return facts_;
}

uint64_t FactStore::watch_log_start() const {
  absl::MutexLock lock(&mu_);
  return watch_start_;
}

absl::StatusOr<std::string> FactStore::StateDigest() const {
  ASSIGN_OR_RETURN(FactStoreStatus status, Status());
  return std::move(status.state_digest);
}

absl::StatusOr<FactStoreStatus> FactStore::Status() const {
  // The counters and the digest change together under mu_, so one read of
  // them is one state; nothing is scanned.
  absl::MutexLock lock(&mu_);
  FactStoreStatus status;
  status.applied_sequence = applied_;
  status.staged_sequence = staged_;
  status.documents = documents_;
  status.facts = facts_;
  status.state_digest = digest_.Hex();
  return status;
}

template <typename Message>
absl::StatusOr<std::vector<Message>> FactStore::ScanFacts(
    const std::string& prefix, const std::function<bool(const Message&)>& keep) const {
  std::vector<Message> out;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    Message message;
    if (!message.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return Corrupt("fact", View(it->key()));
    }
    if (!keep || keep(message)) out.push_back(std::move(message));
  }
  if (!it->status().ok()) return FromRocksDbStatus(it->status(), "fact store: reading facts");
  return out;
}

template <typename Message>
absl::StatusOr<FactStore::Page<Message>> FactStore::ScanPage(const std::string& prefix, absl::string_view after_key,
                                                             size_t limit,
                                                             const std::function<bool(const Message&)>& keep) const {
  Page<Message> page;
  const std::string start = absl::StrCat(prefix, after_key);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  it->Seek(start);
  // The page starts after the last fact returned, which may still be there.
  if (!after_key.empty() && it->Valid() && View(it->key()) == start) it->Next();
  for (; it->Valid() && it->key().starts_with(prefix); it->Next()) {
    Message message;
    if (!message.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return Corrupt("ordered row", View(it->key()));
    }
    if (keep && !keep(message)) continue;
    if (page.facts.size() == limit) {
      page.more = true;
      break;
    }
    page.facts.push_back(std::move(message));
  }
  if (!it->status().ok()) return FromRocksDbStatus(it->status(), "fact store: reading a page");
  return page;
}

absl::StatusOr<FactStore::Page<v1::MembershipEvent>> FactStore::MembershipEventPage(
    const Scope& scope, absl::string_view after_key, size_t limit,
    const std::function<bool(const v1::MembershipEvent&)>& keep) const {
  return ScanPage<v1::MembershipEvent>(
      OrderedScopePrefix(OrderedKind::kMembership, scope.organization, scope.country), after_key, limit, keep);
}

absl::StatusOr<FactStore::Page<v1::Intervention>> FactStore::InterventionPage(
    const Scope& scope, absl::string_view after_key, size_t limit,
    const std::function<bool(const v1::Intervention&)>& keep) const {
  return ScanPage<v1::Intervention>(
      OrderedScopePrefix(OrderedKind::kIntervention, scope.organization, scope.country), after_key, limit, keep);
}

absl::StatusOr<FactStore::Page<v1::AssistanceRequest>> FactStore::AssistanceRequestPage(
    const Scope& scope, absl::string_view after_key, size_t limit,
    const std::function<bool(const v1::AssistanceRequest&)>& keep) const {
  return ScanPage<v1::AssistanceRequest>(
      OrderedScopePrefix(OrderedKind::kRequest, scope.organization, scope.country), after_key, limit, keep);
}

absl::StatusOr<std::vector<v1::MembershipEvent>> FactStore::MembershipEvents(
    const std::function<bool(const v1::MembershipEvent&)>& keep) const {
  return ScanFacts<v1::MembershipEvent>(kBriefMembershipPrefix, keep);
}

absl::StatusOr<std::vector<v1::Intervention>> FactStore::Interventions(
    const std::function<bool(const v1::Intervention&)>& keep) const {
  return ScanFacts<v1::Intervention>(kBriefInterventionPrefix, keep);
}

absl::StatusOr<std::vector<v1::AssistanceRequest>> FactStore::AssistanceRequests(
    const std::function<bool(const v1::AssistanceRequest&)>& keep) const {
  return ScanFacts<v1::AssistanceRequest>(kBriefRequestPrefix, keep);
}

namespace {

// The key prefix of the facts of one kind ("membership", "intervention",
// "request") in `scope`.
std::string ScopePrefix(absl::string_view store_prefix, absl::string_view kind, const FactStore::Scope& scope) {
  std::string prefix = absl::StrCat(store_prefix, kind, "/", scope.organization, "/");
  if (!scope.country.empty()) absl::StrAppend(&prefix, scope.country, "/");
  return prefix;
}

}  // namespace

absl::StatusOr<std::vector<v1::MembershipEvent>> FactStore::MembershipEvents(
    const Scope& scope, const std::function<bool(const v1::MembershipEvent&)>& keep) const {
  return ScanFacts<v1::MembershipEvent>(ScopePrefix(kBriefMembershipPrefix, "membership", scope), keep);
}

absl::StatusOr<std::vector<v1::Conflict>> FactStore::Conflicts(
    const std::function<bool(const v1::Conflict&)>& keep) const {
  return ScanFacts<v1::Conflict>(kConflictPrefix, keep);
}

namespace {

// Parses a stored fact of type `Fact` and takes its evidence; false when the
// bytes do not parse.
template <typename Fact>
bool TakeEvidence(const std::string& bytes, std::vector<v1::Evidence>* out) {
  Fact fact;
  if (!fact.ParseFromString(bytes)) return false;
  for (v1::Evidence& evidence : *fact.mutable_evidence()) out->push_back(std::move(evidence));
  return true;
}

}  // namespace

absl::StatusOr<std::vector<v1::Evidence>> FactStore::FactEvidence(absl::string_view fact_id) const {
  // One snapshot for the three lookups.
  rocksdb::ReadOptions read;
  const rocksdb::Snapshot* snapshot = db_->GetSnapshot();
  read.snapshot = snapshot;
  auto release = absl::MakeCleanup([&] { db_->ReleaseSnapshot(snapshot); });
  using Taker = bool (*)(const std::string&, std::vector<v1::Evidence>*);
  const std::pair<const char*, Taker> kinds[] = {{kMembershipPrefix, &TakeEvidence<v1::MembershipEvent>},
                                                 {kInterventionPrefix, &TakeEvidence<v1::Intervention>},
                                                 {kRequestPrefix, &TakeEvidence<v1::AssistanceRequest>}};
  std::string value;
  for (const auto& [prefix, take] : kinds) {
    const std::string key = absl::StrCat(prefix, fact_id);
    const rocksdb::Status got = db_->Get(read, key, &value);
    if (got.IsNotFound()) continue;
    if (!got.ok()) return FromRocksDbStatus(got, "fact store: reading a fact");
    std::vector<v1::Evidence> evidence;
    if (!take(value, &evidence)) return Corrupt("fact", key);
    return evidence;
  }
  return absl::NotFoundError(absl::StrCat("fact_id: no fact \"", fact_id, "\""));
}

absl::StatusOr<std::vector<v1::WatchResponse>> FactStore::ReadWatchLog(uint64_t after, uint64_t up_to,
                                                                       size_t limit, size_t max_bytes) const {
  return WatchLog::Read(db_.get(), after, up_to, limit, max_bytes);
}

uint64_t FactStore::WaitForAppliedAbove(uint64_t after, absl::Duration timeout) const {
  absl::MutexLock lock(&mu_);
  auto above = [this, after]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return applied_ > after; };
  mu_.AwaitWithTimeout(absl::Condition(&above), timeout);
  return applied_;
}

}  // namespace alliance::query
