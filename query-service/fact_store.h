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
//   watch_time/<sequence BE>                       its ingested_at_unix (8 bytes BE)
//   meta/digest                                    StateDigest of every fact/ entry (32 bytes)
//   meta/staged, meta/staged_documents             the last staged sequence and the new
//                                                  documents staged (absent: none staged)
//   meta/staged_ingested_at                        the latest ingest time of the staged
//                                                  changes (Unix seconds, 8 bytes BE)
//   dirty/<group>                                  "" (a group with staged records)
//   meta/answer_rows                               the bound the brief/ and ord/ rows were
//                                                  cut at, + 1
//
// Units: the store owns the database, opens it and answers reads; the key
// schema and row codecs are fact_rows.h; every write of an apply or stage is
// computed and made by the ChangeApplier (change_applier.h), which the store
// calls under its apply lock and whose returned progress it publishes.
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
#include "query-service/change_applier.h"
#include "query-service/fact_reader.h"
#include "query-service/fact_sources.h"
#include "query-service/fact_store_options.h"
#include "query-service/state_digest.h"
#include "query-service/watch_log.h"

namespace rocksdb {
class DB;
class WriteBatch;
}  // namespace rocksdb

namespace alliance::query {

// The query service's RocksDB of records, consolidated facts, conflicts and the
// watch log.
//
// Thread-safe: Apply() calls are serialized internally; reads may run
// concurrently with them and see either all of an applied change or none of it.
class FactStore : public FactReader {
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
  // True when the watch log still holds every entry since the first apply
  // (no --watch_retention, or none reached yet), so any earlier state can be
  // rebuilt from it (historical_facts.h).
  bool watch_log_reaches_start() const ABSL_LOCKS_EXCLUDED(mu_);

  // Returns the state digest (see state_digest.h) of every fact and conflict
  // key and value, as 64 lowercase hex characters. Equal on stores that
  // applied the same changes. Kept current by each apply: constant time.
  absl::StatusOr<std::string> StateDigest() const ABSL_LOCKS_EXCLUDED(mu_);

  // Computes the state digest afresh from every stored fact (time in
  // proportion to the store), to check the kept one against.
  absl::StatusOr<std::string> RecomputeStateDigest() const;

  // Returns the applied and staged sequences, counts and digest of one
  // consistent state (an Apply() running meanwhile is either wholly in it or
  // not at all).
  StoreProgress Status() const ABSL_LOCKS_EXCLUDED(mu_);

  // Returns the stored membership events in `scope` for which `keep` (may be
  // empty: keep all) returns true, in key order (by id), from one snapshot,
  // each with its answer_evidence_per_fact strongest quotes and evidence_total.
  absl::StatusOr<std::vector<v1::MembershipEvent>> MembershipEvents(
      const Scope& scope, const std::function<bool(const v1::MembershipEvent&)>& keep = {}) const override;


  // Returns one page of the facts of one kind in `scope`, in the order their
  // List method answers in: the first `limit` for which `keep` (may be empty:
  // keep all) returns true among those whose sort key follows `after_key`
  // (empty: from the first). Reads from one snapshot only the rows up to the
  // page's end (and to the next accepted fact), not the whole scope.
  absl::StatusOr<Page<v1::MembershipEvent>> MembershipEventPage(
      const Scope& scope, absl::string_view after_key, size_t limit,
      const std::function<bool(const v1::MembershipEvent&)>& keep = {}) const override;
  absl::StatusOr<Page<v1::Intervention>> InterventionPage(
      const Scope& scope, absl::string_view after_key, size_t limit,
      const std::function<bool(const v1::Intervention&)>& keep = {}) const override;
  absl::StatusOr<Page<v1::AssistanceRequest>> AssistanceRequestPage(
      const Scope& scope, absl::string_view after_key, size_t limit,
      const std::function<bool(const v1::AssistanceRequest&)>& keep = {}) const override;

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
      const std::function<bool(const v1::Conflict&)>& keep = {}) const override;

  // Returns the evidence of the fact (membership event, intervention or
  // assistance request) with id `fact_id`, in its stored canonical order;
  // NOT_FOUND naming fact_id when there is no such fact.
  absl::StatusOr<std::vector<v1::Evidence>> FactEvidence(absl::string_view fact_id) const;

  // Returns what the store holds about the fact with id `fact_id` (a
  // membership event, intervention or assistance request): the fact with all
  // its evidence, its group's records, the documents they cite and the
  // conflicts about it, from one snapshot. NOT_FOUND naming fact_id when
  // there is no such fact.
  absl::StatusOr<FactSources> ReadFactSources(absl::string_view fact_id) const;

  // Returns true when a stored record belongs to `organization` (records with no
  // organization belong to FactStoreOptions::default_organization). Staged
  // records count: an organization is known as soon as its records are
  // stored, though its facts come with the next apply.
  absl::StatusOr<bool> HoldsOrganization(absl::string_view organization) const;

  // Returns the watch-log entries with after < sequence <= up_to, in order, at most
  // `limit` of them and no more once they hold `max_bytes` (at least one).
  absl::StatusOr<std::vector<v1::WatchResponse>> ReadWatchLog(uint64_t after, uint64_t up_to, size_t limit,
                                                              size_t max_bytes = SIZE_MAX) const;

  // Returns the ingest times of the watch-log entries with after < sequence
  // <= up_to that have one (see watch_log.h), in order, at most `limit`.
  absl::StatusOr<std::vector<BatchTime>> ReadWatchTimes(uint64_t after, uint64_t up_to, size_t limit) const;

  // Blocks until applied_sequence() > `after` or `timeout` passes; returns
  // applied_sequence().
  uint64_t WaitForAppliedAbove(uint64_t after, absl::Duration timeout) const ABSL_LOCKS_EXCLUDED(mu_);

 private:
  FactStore(std::unique_ptr<rocksdb::DB> db, FactStoreOptions options);

  // Reads counters and the watch-log start from the database.
  absl::Status LoadState();
  // Rewrites every brief/ and ord/ row from its fact/ row when they were cut
  // at another bound (or not written at all), in one synced batch.
  absl::Status RebuildAnswerRowsIfStale();

  // Publishes `progress` (after the applier wrote it).
  void Publish(const StoreProgress& progress) ABSL_LOCKS_EXCLUDED(mu_);

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

  // Serializes Apply(), ApplyBatch() and Stage(): the read-consolidate-write
  // cycle must not interleave. Lock order: apply_mu_, then mu_.
  mutable absl::Mutex apply_mu_;
  ChangeApplier applier_ ABSL_GUARDED_BY(apply_mu_);

  // The progress of the last write; written only under apply_mu_ as well, so
  // an apply's own reads of it stay current.
  mutable absl::Mutex mu_;
  StoreProgress progress_ ABSL_GUARDED_BY(mu_);
};

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_FACT_STORE_H_
