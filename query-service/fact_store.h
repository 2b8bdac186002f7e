// FactStore: the query service's own database of consolidated facts.
//
// The store follows the ingest service's change log. Each applied change (its
// document, its per-document records, the re-consolidated facts and conflicts of
// every group the change touched, a watch-log entry describing what changed, and
// the new applied sequence) is written in ONE synced RocksDB WriteBatch, so a
// crash between batches never loses or doubles anything and a restarted store
// resumes from applied_sequence() + 1. Consolidation is deterministic, so two
// stores that applied the same changes hold the same bytes (see StateDigest()).
//
// Key layout (all in the default column family):
//   meta/applied, meta/documents, meta/facts      8-byte big-endian counters
//   doc/<document_id>                              v1::DocumentInfo
//   rec/<group>/<sequence BE>/<n BE>               v1::Record (per document)
//   fact/m/<id>, fact/i/<id>, fact/r/<id>          v1::MembershipEvent, Intervention, AssistanceRequest
//   fact/c/<subject_id>\0<field>                   v1::Conflict
//   brief/m/<id>, brief/i/<id>, brief/r/<id>       the same fact with its strongest
//                                                  answer_evidence_per_fact quotes
//                                                  and evidence_total (what answers read)
//   ord/<m|i|r>/<ORG>/[<COUNTRY>]\0<sort key>      the brief row again, in List order
//                                                  (ordered_rows.h): a page is one seek
//   gfact/<group>\0<fact key>                      "" (which facts a group produced)
//   watch/<sequence BE>                            v1::WatchResponse (the fact changes of one change)
//   meta/digest                                    StateDigest of every fact/ entry (32 bytes)
//   meta/staged, meta/staged_documents             the last staged sequence and the new
//                                                  documents staged (absent: none staged)
//   dirty/<group>                                  "" (a group with staged records)
//   meta/answer_rows                               the bound the brief/ and ord/ rows were
//                                                  cut at, + 1
//
// The database is the truth; the only in-memory state (counters, the digest
// cache) is read back from it when the store opens. Brief and ordered rows
// are derived from their fact row and written in the same batch; they are not
// digested. A store opened with another bound (or written before those rows
// existed) rewrites them all once.
#ifndef ALLIANCE_QUERY_FACT_STORE_H_
#define ALLIANCE_QUERY_FACT_STORE_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "alliance/v1/ingest_service.pb.h"
#include "alliance/v1/query_service.pb.h"
#include "alliance/v1/records.pb.h"
#include "query-service/consolidation/group_facts.h"
#include "query-service/consolidation/source_independence.h"
#include "query-service/group_cache.h"
#include "query-service/state_digest.h"

namespace rocksdb {
class DB;
class WriteBatch;
}  // namespace rocksdb

namespace alliance::query {

// Settings of a FactStore.
struct FactStoreOptions {
  // Organization that records with an empty organization belong to.
  std::string default_organization = "CSTO";
  // Watch-log entries kept, counted back from the applied sequence; 0 keeps all.
  // Watch requests older than what is kept get OUT_OF_RANGE.
  uint64_t watch_log_retention = 0;
  // Evidence quotes the facts that answers and watch-log entries read keep
  // (BoundEvidence: one per document first; evidence_total says how many
  // there are); 0 keeps all. A fact told by thousands of articles would
  // otherwise be read whole for every answer that lists it, and put every
  // quote into every watch entry that touches it (tens of MiB per entry while
  // catching up, past gRPC's default message limit for Watch clients).
  // FactEvidence() still has every quote.
  int answer_evidence_per_fact = 3;
  // Sync the write-ahead log on every Apply. Only tests turn this off.
  bool sync = true;
  // Memory RocksDB may use: each of the (at most two) memtables, and the block
  // cache of the table files' blocks, shared by all reads.
  size_t memtable_bytes = size_t{16} << 20;
  size_t block_cache_bytes = size_t{32} << 20;
  // Memory for the records, documents and facts of recently applied groups
  // (group_cache.h), so a live change re-reads none of its groups' history;
  // 0 keeps none. Only batches of at most kCachingBatchChanges changes (the
  // live tail, not a backlog that touches every group) leave their groups
  // cached.
  size_t group_cache_bytes = size_t{64} << 20;
};

// The most changes a batch may hold for the groups it touched to stay cached.
inline constexpr size_t kCachingBatchChanges = 64;

// The progress and contents of a FactStore at one applied sequence.
struct FactStoreStatus {
  uint64_t applied_sequence = 0;
  // The last staged or applied sequence (see FactStore::Stage).
  uint64_t staged_sequence = 0;
  int64_t documents = 0;
  int64_t facts = 0;
  std::string state_digest;
};

// The query service's RocksDB of records, consolidated facts, conflicts and the
// watch log.
//
// Thread-safe: Apply() calls are serialized internally; reads may run
// concurrently with them and see either all of an applied change or none of it.
class FactStore {
 public:
  // Opens (creating when missing) the store in directory `path`. The returned
  // store owns the database; it is closed when the store is destroyed.
  static absl::StatusOr<std::unique_ptr<FactStore>> Open(const std::string& path,
                                                         FactStoreOptions options);

  FactStore(const FactStore&) = delete;
  FactStore& operator=(const FactStore&) = delete;
  ~FactStore();

  // Applies one change of the ingest service's log. Heartbeats and changes at or
  // below applied_sequence() are ignored (OK), so re-delivery is harmless. A
  // change that is not applied_sequence() + 1 is a gap: FAILED_PRECONDITION, and
  // nothing is written.
  absl::Status Apply(const v1::Change& change) ABSL_LOCKS_EXCLUDED(apply_mu_, mu_);

  // Applies consecutive changes (continuing staged_sequence()) and any staged
  // ones in one synced batch, consolidating each touched group once: the same facts, conflicts and counts as applying them one by
  // one, for much less work when a backlog streams in. The watch log gets one
  // entry, at the last sequence, with the net fact changes of the whole batch
  // (a fact added and then updated within it is one ADDED). Heartbeats and
  // changes at or below the applied sequence are skipped; a gap is
  // FAILED_PRECONDITION and nothing is written. When `cancel` (may be null)
  // becomes true while the batch is being consolidated, the apply stops
  // before it writes anything and returns CANCELLED: a stopping replica need
  // not finish a long batch, and resumes from applied_sequence() + 1.
  absl::Status ApplyBatch(absl::Span<const v1::Change> changes, const std::atomic<bool>* cancel = nullptr)
      ABSL_LOCKS_EXCLUDED(apply_mu_, mu_);

  // Stores consecutive changes' documents and records without consolidating
  // them: for a backlog, so that each group is consolidated once when the
  // backlog is applied, not once per batch (a group's consolidation reads its
  // whole history). Nothing a query reads changes, applied_sequence() stays,
  // and the next ApplyBatch() (or Open()) consolidates every staged group
  // with its own changes. Not synced; a crash loses the last staged batches
  // whole, and staged_sequence() says where to resume. Heartbeats and changes
  // at or below staged_sequence() are skipped; a gap is FAILED_PRECONDITION
  // and nothing is written.
  absl::Status Stage(absl::Span<const v1::Change> changes) ABSL_LOCKS_EXCLUDED(apply_mu_, mu_);

  // Returns the sequence of the last staged or applied change. Does not wait
  // for an apply in progress.
  uint64_t staged_sequence() const ABSL_LOCKS_EXCLUDED(mu_);

  // Returns the sequence of the last applied change (0 when none).
  uint64_t applied_sequence() const ABSL_LOCKS_EXCLUDED(mu_);
  // Returns the number of documents applied.
  int64_t document_count() const ABSL_LOCKS_EXCLUDED(mu_);
  // Returns the number of consolidated facts (membership events, interventions and
  // assistance requests, asserted or not; conflicts are not counted).
  int64_t fact_count() const ABSL_LOCKS_EXCLUDED(mu_);
  // Returns the first sequence whose watch-log entry is still kept
  // (applied_sequence() + 1 when the log is empty).
  uint64_t watch_log_start() const ABSL_LOCKS_EXCLUDED(mu_);

  // Returns the state digest (see state_digest.h) of every fact and conflict
  // key and value, as 64 lowercase hex characters. Equal on stores that
  // applied the same changes. Kept current by each apply: constant time.
  absl::StatusOr<std::string> StateDigest() const ABSL_LOCKS_EXCLUDED(mu_);

  // Computes the state digest afresh from every stored fact (time in
  // proportion to the store), to check the kept one against.
  absl::StatusOr<std::string> RecomputeStateDigest() const;

  // Returns the applied sequence, counts and digest of one consistent state (an
  // Apply() running meanwhile is either wholly in it or not at all).
  absl::StatusOr<FactStoreStatus> Status() const ABSL_LOCKS_EXCLUDED(mu_);

  // Which facts of a kind to read: an organization's, and among them one
  // country's when `country` is set (a membership event's country, an
  // intervention's host, a request's requester). Fact ids begin
  // "<kind>/<ORG>/<COUNTRY>/", so a scope is one prefix scan of the store,
  // not a scan of every fact.
  struct Scope {
    std::string organization;
    std::string country;
  };

  // Returns the stored membership events in `scope` for which `keep` (may be
  // empty: keep all) returns true, in key order (by id), from one snapshot,
  // each with its answer_evidence_per_fact strongest quotes and evidence_total.
  absl::StatusOr<std::vector<v1::MembershipEvent>> MembershipEvents(
      const Scope& scope, const std::function<bool(const v1::MembershipEvent&)>& keep = {}) const;

  // One page of a List answer.
  template <typename Fact>
  struct Page {
    // In List order (sort_keys.h), each with its answer_evidence_per_fact
    // strongest quotes and evidence_total.
    std::vector<Fact> facts;
    // True when another fact that `keep` accepts follows the page.
    bool more = false;
  };

  // Returns one page of the facts of one kind in `scope`, in the order their
  // List method answers in: the first `limit` for which `keep` (may be empty:
  // keep all) returns true among those whose sort key follows `after_key`
  // (empty: from the first). Reads from one snapshot only the rows up to the
  // page's end (and to the next accepted fact), not the whole scope.
  absl::StatusOr<Page<v1::MembershipEvent>> MembershipEventPage(
      const Scope& scope, absl::string_view after_key, size_t limit,
      const std::function<bool(const v1::MembershipEvent&)>& keep = {}) const;
  absl::StatusOr<Page<v1::Intervention>> InterventionPage(
      const Scope& scope, absl::string_view after_key, size_t limit,
      const std::function<bool(const v1::Intervention&)>& keep = {}) const;
  absl::StatusOr<Page<v1::AssistanceRequest>> AssistanceRequestPage(
      const Scope& scope, absl::string_view after_key, size_t limit,
      const std::function<bool(const v1::AssistanceRequest&)>& keep = {}) const;

  // Returns the stored facts of one kind for which `keep` (may be empty: keep all)
  // returns true, in key order (by id; conflicts by subject id, then field). All
  // facts come from one consistent snapshot. Facts carry answer_evidence_per_fact
  // quotes and evidence_total, as above; conflicts carry all their quotes.
  absl::StatusOr<std::vector<v1::MembershipEvent>> MembershipEvents(
      const std::function<bool(const v1::MembershipEvent&)>& keep = {}) const;
  absl::StatusOr<std::vector<v1::Intervention>> Interventions(
      const std::function<bool(const v1::Intervention&)>& keep = {}) const;
  absl::StatusOr<std::vector<v1::AssistanceRequest>> AssistanceRequests(
      const std::function<bool(const v1::AssistanceRequest&)>& keep = {}) const;
  absl::StatusOr<std::vector<v1::Conflict>> Conflicts(
      const std::function<bool(const v1::Conflict&)>& keep = {}) const;

  // Returns the evidence of the fact (membership event, intervention or
  // assistance request) with id `fact_id`, in its stored canonical order;
  // NOT_FOUND naming fact_id when there is no such fact.
  absl::StatusOr<std::vector<v1::Evidence>> FactEvidence(absl::string_view fact_id) const;

  // Returns true when a stored record belongs to `organization` (records with no
  // organization belong to FactStoreOptions::default_organization). Staged
  // records count: an organization is known as soon as its records are
  // stored, though its facts come with the next apply.
  absl::StatusOr<bool> HoldsOrganization(absl::string_view organization) const;

  // Returns the watch-log entries with after < sequence <= up_to, in order, at most
  // `limit` of them and no more once they hold `max_bytes` (at least one).
  absl::StatusOr<std::vector<v1::WatchResponse>> ReadWatchLog(uint64_t after, uint64_t up_to, size_t limit,
                                                              size_t max_bytes = SIZE_MAX) const;

  // Blocks until applied_sequence() > `after` or `timeout` passes; returns
  // applied_sequence().
  uint64_t WaitForAppliedAbove(uint64_t after, absl::Duration timeout) const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  FactStore(std::unique_ptr<rocksdb::DB> db, FactStoreOptions options);

  // Fact keys ("fact/...") to their stored bytes.
  using FactBytes = std::map<std::string, std::string>;

  // Reads counters and the watch-log start from the database.
  absl::Status LoadState();
  // Rewrites every brief/ and ord/ row from its fact/ row when they were cut
  // at another bound (or not written at all), in one synced batch.
  absl::Status RebuildAnswerRowsIfStale();

  // Returns the changes of `changes` after sequence `staged` (heartbeats and
  // re-deliveries dropped); a gap is FAILED_PRECONDITION.
  static absl::StatusOr<std::vector<const v1::Change*>> FreshChanges(absl::Span<const v1::Change> changes,
                                                                      uint64_t staged);
  // Adds to `batch` the documents and records of `changes`, to `pending` the
  // documents, to `touched` the records by group and to `*new_documents` the
  // documents the store did not hold.
  absl::Status WriteDocumentsAndRecords(const std::vector<const v1::Change*>& changes, rocksdb::WriteBatch* batch,
                                        DocumentMap* pending,
                                        std::map<std::string, std::vector<SourcedRecord>>* touched,
                                        int64_t* new_documents) ABSL_EXCLUSIVE_LOCKS_REQUIRED(apply_mu_);
  // Returns the groups with staged records.
  absl::StatusOr<std::vector<std::string>> DirtyGroups() const;

  // Returns the state of `group` before `fresh` (its records in the batch
  // being applied) and with them: from the cache, or read from the database.
  // `pending` holds the batch's documents, taken as given.
  absl::StatusOr<GroupState> GroupStateWith(const std::string& group, std::vector<SourcedRecord> fresh,
                                            const DocumentMap& pending) ABSL_EXCLUSIVE_LOCKS_REQUIRED(apply_mu_);

  // Returns the stored per-document records of `group`.
  absl::StatusOr<std::vector<SourcedRecord>> LoadGroupRecords(const std::string& group) const;
  // Adds to `documents` (slimmed, see SlimDocument) the documents the records'
  // evidence cites that it does not hold yet, with `pending` (the documents
  // being applied) taken as given, and to `missing` the cited ids the store
  // does not hold.
  absl::Status LoadCitedDocuments(const std::vector<SourcedRecord>& records, const DocumentMap& pending,
                                  DocumentMap* documents, absl::flat_hash_set<std::string>* missing) const;
  // Returns the facts and conflicts `group` produced last time.
  absl::StatusOr<FactBytes> LoadGroupFacts(const std::string& group) const;
  // Adds to `batch` the writes that turn `before` into `now` for `group`, to
  // `entry` the matching RecordChanges, and to `*facts` the change in fact count.
  // None of the pointers may be null. The entry's facts, and the brief and
  // ordered rows, keep answer_evidence_per_fact quotes (0: all). Reads the
  // stored brief rows of changed facts (to find their old ordered rows).
  absl::Status DiffGroup(const std::string& group, const FactBytes& before, const FactBytes& now,
                         uint64_t sequence, rocksdb::WriteBatch* batch, v1::WatchResponse* entry, int64_t* facts,
                         query::StateDigest* digest) const;
  // Returns the keys of the ordered rows the stored brief row of `fact_key`
  // has (none when it has no brief row).
  absl::StatusOr<std::vector<std::string>> StoredOrderedKeys(const std::string& fact_key) const;
  // Digests every stored fact (the kept digest, from scratch).
  absl::StatusOr<query::StateDigest> DigestOfAllFacts() const;

  // Returns every stored value under `prefix`, in key order, parsed as `Message`
  // and filtered by `keep`.
  template <typename Message>
  absl::StatusOr<std::vector<Message>> ScanFacts(const std::string& prefix,
                                                 const std::function<bool(const Message&)>& keep) const;
  // Returns the page of ordered rows under `prefix` after `after_key` (see
  // MembershipEventPage).
  template <typename Message>
  absl::StatusOr<Page<Message>> ScanPage(const std::string& prefix, absl::string_view after_key, size_t limit,
                                         const std::function<bool(const Message&)>& keep) const;

  // Constant after construction
  const FactStoreOptions options_;
  const std::unique_ptr<rocksdb::DB> db_;

  // Serializes Apply(): the read-consolidate-write cycle must not interleave.
  mutable absl::Mutex apply_mu_;
  GroupCache group_cache_ ABSL_GUARDED_BY(apply_mu_);
  // The new documents staged since the last apply.
  int64_t staged_documents_ ABSL_GUARDED_BY(apply_mu_) = 0;

  mutable absl::Mutex mu_;
  uint64_t applied_ ABSL_GUARDED_BY(mu_) = 0;
  // The last staged sequence; applied_ when nothing is staged. Written only
  // under apply_mu_ as well, so an apply's own reads of it stay current.
  uint64_t staged_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t documents_ ABSL_GUARDED_BY(mu_) = 0;
  int64_t facts_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t watch_start_ ABSL_GUARDED_BY(mu_) = 1;
  query::StateDigest digest_ ABSL_GUARDED_BY(mu_);
};

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_FACT_STORE_H_
