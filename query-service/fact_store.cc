#include "query-service/fact_store.h"

#include <algorithm>
#include <iterator>
#include <optional>
#include <set>
#include <utility>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "common/rocksdb_status.h"
#include "common/sequence_key.h"
#include "common/status_macros.h"
#include "query-service/consolidation/consolidator.h"
#include "query-service/fact_rows.h"
#include "query-service/ordered_rows.h"
#include "query-service/watch_log.h"
#include "rocksdb/cache.h"
#include "rocksdb/db.h"
#include "rocksdb/table.h"
#include "rocksdb/options.h"
#include "rocksdb/write_batch.h"

namespace alliance::query {
namespace {

using namespace rows;  // NOLINT: the key schema, throughout

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
    : options_(std::move(options)), db_(std::move(db)), applier_(db_.get(), &options_) {}

FactStore::~FactStore() {
  // Everything was written synced (or the caller chose otherwise); closing just
  // releases the lock and files.
  db_->Close().PermitUncheckedError();
}

absl::Status FactStore::LoadState() {
  ASSIGN_OR_RETURN(const uint64_t applied, ReadCounter(db_.get(), kAppliedKey, 0, "fact store"));
  ASSIGN_OR_RETURN(const uint64_t documents, ReadCounter(db_.get(), kDocumentsKey, 0, "fact store"));
  ASSIGN_OR_RETURN(const uint64_t facts, ReadCounter(db_.get(), kFactsKey, 0, "fact store"));
  ASSIGN_OR_RETURN(const uint64_t watch_start,
                   WatchLog::FirstKept(db_.get(), applied + 1, options_.watch_log_retention));
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
  ASSIGN_OR_RETURN(const uint64_t staged, ReadCounter(db_.get(), kStagedKey, 0, "fact store"));
  ASSIGN_OR_RETURN(const uint64_t staged_documents, ReadCounter(db_.get(), kStagedDocumentsKey, 0, "fact store"));
  ASSIGN_OR_RETURN(const uint64_t staged_ingested_at,
                   ReadCounter(db_.get(), kStagedIngestedAtKey, 0, "fact store"));
  StoreProgress progress;
  progress.applied = applied;
  progress.staged = std::max(staged, applied);
  progress.documents = static_cast<int64_t>(documents);
  progress.staged_documents = staged > applied ? static_cast<int64_t>(staged_documents) : 0;
  progress.staged_ingested_at_unix = staged > applied ? static_cast<int64_t>(staged_ingested_at) : 0;
  progress.facts = static_cast<int64_t>(facts);
  progress.watch_start = watch_start;
  progress.digest = digest;
  Publish(progress);
  return absl::OkStatus();
}

absl::Status FactStore::RebuildAnswerRowsIfStale() {
  const uint64_t wanted = static_cast<uint64_t>(std::max(0, options_.answer_evidence_per_fact)) + 1;
  ASSIGN_OR_RETURN(const uint64_t cut_at, ReadCounter(db_.get(), kAnswerRowsKey, 0, "fact store"));
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

absl::Status FactStore::ApplyBatch(absl::Span<const v1::Change> changes, const std::atomic<bool>* cancel) {
  absl::MutexLock apply_lock(&apply_mu_);
  ASSIGN_OR_RETURN(const StoreProgress progress, applier_.Apply(changes, Status(), cancel));
  Publish(progress);
  // Readers and Watch see the batch now; the cache is filled after.
  applier_.CacheWrittenGroups();
  return absl::OkStatus();
}

absl::Status FactStore::Stage(absl::Span<const v1::Change> changes) {
  absl::MutexLock apply_lock(&apply_mu_);
  ASSIGN_OR_RETURN(const StoreProgress progress, applier_.Stage(changes, Status()));
  Publish(progress);
  return absl::OkStatus();
}

void FactStore::Publish(const StoreProgress& progress) {
  absl::MutexLock lock(&mu_);
  progress_ = progress;
}

uint64_t FactStore::staged_sequence() const {
  absl::MutexLock lock(&mu_);
  return progress_.staged;
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

uint64_t FactStore::applied_sequence() const {
  absl::MutexLock lock(&mu_);
  return progress_.applied;
}

int64_t FactStore::document_count() const {
  absl::MutexLock lock(&mu_);
  return progress_.documents;
}

int64_t FactStore::fact_count() const {
  absl::MutexLock lock(&mu_);
  return progress_.facts;
}

uint64_t FactStore::watch_log_start() const {
  absl::MutexLock lock(&mu_);
  return progress_.watch_start;
}

bool FactStore::watch_log_reaches_start() const {
  // Append prunes once a batch's sequence reaches the retention.
  return options_.watch_log_retention == 0 || applied_sequence() < options_.watch_log_retention;
}

absl::StatusOr<std::string> FactStore::StateDigest() const { return Status().digest.Hex(); }

StoreProgress FactStore::Status() const {
  // The counters and the digest change together under mu_, so one read of
  // them is one state; nothing is scanned.
  absl::MutexLock lock(&mu_);
  return progress_;
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

// Returns the stored membership event, intervention or assistance request
// with id `fact_id` (read with `read`) as a record; NOT_FOUND naming fact_id
// when there is none.
absl::StatusOr<v1::Record> ReadFact(rocksdb::DB* db, const rocksdb::ReadOptions& read, absl::string_view fact_id) {
  v1::Record fact;
  std::string value;
  for (const char* prefix : {kMembershipPrefix, kInterventionPrefix, kRequestPrefix}) {
    const std::string key = absl::StrCat(prefix, fact_id);
    const rocksdb::Status got = db->Get(read, key, &value);
    if (got.IsNotFound()) continue;
    if (!got.ok()) return FromRocksDbStatus(got, "fact store: reading a fact");
    google::protobuf::Message* message =
        prefix == kMembershipPrefix     ? static_cast<google::protobuf::Message*>(fact.mutable_membership_event())
        : prefix == kInterventionPrefix ? static_cast<google::protobuf::Message*>(fact.mutable_intervention())
                                        : static_cast<google::protobuf::Message*>(fact.mutable_assistance_request());
    if (!message->ParseFromString(value)) return Corrupt("fact", key);
    return fact;
  }
  return absl::NotFoundError(absl::StrCat("fact_id: no fact \"", fact_id, "\""));
}

}  // namespace

absl::StatusOr<std::vector<v1::Evidence>> FactStore::FactEvidence(absl::string_view fact_id) const {
  ASSIGN_OR_RETURN(v1::Record fact, ReadFact(db_.get(), rocksdb::ReadOptions(), fact_id));
  google::protobuf::RepeatedPtrField<v1::Evidence>* evidence =
      fact.has_membership_event() ? fact.mutable_membership_event()->mutable_evidence()
      : fact.has_intervention()   ? fact.mutable_intervention()->mutable_evidence()
                                  : fact.mutable_assistance_request()->mutable_evidence();
  return std::vector<v1::Evidence>(std::make_move_iterator(evidence->begin()),
                                   std::make_move_iterator(evidence->end()));
}

absl::StatusOr<FactSources> FactStore::ReadFactSources(absl::string_view fact_id) const {
  rocksdb::ReadOptions read;
  const rocksdb::Snapshot* snapshot = db_->GetSnapshot();
  read.snapshot = snapshot;
  auto release = absl::MakeCleanup([&] { db_->ReleaseSnapshot(snapshot); });
  FactSources sources;
  ASSIGN_OR_RETURN(sources.fact, ReadFact(db_.get(), read, fact_id));
  std::string value;
  const std::string group = GroupKeyOf(sources.fact, options_.default_organization);
  ASSIGN_OR_RETURN(sources.records, ReadGroupRecords(db_.get(), read, group, options_.default_organization));
  std::set<std::string> cited;
  for (const SourcedRecord& record : sources.records) CollectDocumentIds(record.record, &cited);
  for (const std::string& id : cited) {
    const rocksdb::Status got = db_->Get(read, absl::StrCat(kDocumentPrefix, id), &value);
    if (got.IsNotFound()) continue;
    if (!got.ok()) return FromRocksDbStatus(got, "fact store: reading a document");
    v1::DocumentInfo document;
    if (!document.ParseFromString(value)) return Corrupt("document", absl::StrCat(kDocumentPrefix, id));
    sources.documents.emplace(id, std::move(document));
  }
  const std::string conflicts = absl::StrCat(kConflictPrefix, fact_id, std::string(1, '\0'));
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read));
  for (it->Seek(conflicts); it->Valid() && it->key().starts_with(conflicts); it->Next()) {
    v1::Conflict& conflict = sources.conflicts.emplace_back();
    if (!conflict.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return Corrupt("conflict", View(it->key()));
    }
  }
  if (!it->status().ok()) return FromRocksDbStatus(it->status(), "fact store: reading conflicts");
  return sources;
}

absl::StatusOr<std::vector<v1::WatchResponse>> FactStore::ReadWatchLog(uint64_t after, uint64_t up_to,
                                                                       size_t limit, size_t max_bytes) const {
  return WatchLog::Read(db_.get(), after, up_to, limit, max_bytes);
}

absl::StatusOr<std::vector<BatchTime>> FactStore::ReadWatchTimes(uint64_t after, uint64_t up_to,
                                                                 size_t limit) const {
  return WatchLog::ReadTimes(db_.get(), after, up_to, limit);
}

uint64_t FactStore::WaitForAppliedAbove(uint64_t after, absl::Duration timeout) const {
  absl::MutexLock lock(&mu_);
  auto above = [this, after]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return progress_.applied > after; };
  mu_.AwaitWithTimeout(absl::Condition(&above), timeout);
  return progress_.applied;
}

}  // namespace alliance::query
