#include "ingest-service/ingest_store.h"

#include <map>

#include <utility>

#include "absl/strings/str_cat.h"
#include "common/rocksdb_status.h"
#include "common/sequence_key.h"
#include "ingest-service/change_builder.h"
#include "rocksdb/db.h"
#include "rocksdb/options.h"
#include "rocksdb/write_batch.h"

namespace alliance::ingest {
namespace {

constexpr absl::string_view kDocumentPrefix = "doc/";
constexpr absl::string_view kTextPrefix = "text/";
constexpr absl::string_view kLogPrefix = "log/";
constexpr absl::string_view kLastSequenceKey = "meta/last_sequence";
constexpr absl::string_view kFirstRetainedKey = "meta/first_retained";

rocksdb::Slice ToSlice(absl::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

absl::Status ClosedError() { return absl::UnavailableError("ingest store is closed"); }

}  // namespace

absl::StatusOr<std::unique_ptr<IngestStore>> IngestStore::Open(const std::string& path) {
  if (path.empty()) return absl::InvalidArgumentError("db: a database directory is required");
  rocksdb::Options options;
  options.create_if_missing = true;
  options.keep_log_file_num = 5;
  rocksdb::DB* raw_db = nullptr;
  const rocksdb::Status opened = rocksdb::DB::Open(options, path, &raw_db);
  if (!opened.ok()) return FromRocksDbStatus(opened, absl::StrCat("open ingest store ", path));
  std::unique_ptr<rocksdb::DB> db(raw_db);

  absl::StatusOr<uint64_t> last = ReadCounter(db.get(), kLastSequenceKey, 0, "ingest store");
  if (!last.ok()) return last.status();
  absl::StatusOr<uint64_t> first_retained = ReadCounter(db.get(), kFirstRetainedKey, 1, "ingest store");
  if (!first_retained.ok()) return first_retained.status();
  return std::unique_ptr<IngestStore>(new IngestStore(db.release(), *last, *first_retained));
}

IngestStore::IngestStore(rocksdb::DB* db, uint64_t last_sequence, uint64_t first_retained)
    : next_sequence_(last_sequence + 1),
      db_(db),
      last_sequence_(last_sequence),
      first_retained_(first_retained) {}

IngestStore::~IngestStore() { Close(); }

absl::StatusOr<CommitResult> IngestStore::Commit(v1::Change change,
                                                 absl::string_view normalized_text) {
  std::vector<PendingCommit> one(1);
  one[0].change = std::move(change);
  one[0].normalized_text = std::string(normalized_text);
  return std::move(CommitAll(std::move(one))[0]);
}

std::vector<absl::StatusOr<CommitResult>> IngestStore::CommitAll(std::vector<PendingCommit> commits) {
  std::vector<absl::StatusOr<CommitResult>> results(commits.size(), absl::UnknownError("not committed"));
  absl::MutexLock write_lock(&write_mu_);
  absl::ReaderMutexLock db_lock(&db_mu_);
  if (db_ == nullptr) {
    for (auto& result : results) result = ClosedError();
    return results;
  }

  // Duplicates are detected under write_mu_, so two concurrent commits of the
  // same text cannot both be new; within the batch, a later copy of a text is
  // a duplicate of the earlier one.
  std::map<std::string, CommitResult> in_batch;  // document id -> its new commit
  std::vector<size_t> written;                   // indexes of the new documents
  rocksdb::WriteBatch batch;
  uint64_t sequence = next_sequence_;
  for (size_t i = 0; i < commits.size(); ++i) {
    v1::Change& change = commits[i].change;
    const std::string document_id = change.document().document_id();
    if (document_id.empty()) {
      results[i] = absl::InvalidArgumentError("change.document.document_id: must not be empty");
      continue;
    }
    if (auto earlier = in_batch.find(document_id); earlier != in_batch.end()) {
      CommitResult duplicate = earlier->second;
      duplicate.duplicate = true;
      results[i] = duplicate;
      continue;
    }
    const std::string document_key = absl::StrCat(kDocumentPrefix, document_id);
    std::string existing;
    const rocksdb::Status found = db_->Get(rocksdb::ReadOptions(), document_key, &existing);
    if (found.ok()) {
      v1::IngestDocumentResponse first;
      if (!first.ParseFromString(existing)) {
        results[i] = absl::DataLossError(absl::StrCat(document_key, ": unreadable document entry"));
        continue;
      }
      CommitResult result;
      result.sequence = first.sequence();
      result.duplicate = true;
      result.counts = first.counts();
      results[i] = result;
      continue;
    }
    if (!found.IsNotFound()) {
      results[i] = FromRocksDbStatus(found, absl::StrCat("read ", document_key));
      continue;
    }

    change.set_sequence(sequence);
    change.set_heartbeat(false);
    CommitResult result;
    result.sequence = sequence;
    result.counts = CountRecords(change.records());

    v1::IngestDocumentResponse entry;
    entry.set_document_id(document_id);
    entry.set_sequence(sequence);
    *entry.mutable_counts() = result.counts;

    rocksdb::Status put = batch.Put(document_key, entry.SerializeAsString());
    if (put.ok()) put = batch.Put(absl::StrCat(kTextPrefix, document_id), ToSlice(commits[i].normalized_text));
    if (put.ok()) put = batch.Put(SequenceKey(kLogPrefix, sequence), change.SerializeAsString());
    if (!put.ok()) {
      // The batch holds half of this document: nothing of the batch is written.
      const absl::Status failed = FromRocksDbStatus(put, "build commit batch");
      for (auto& r : results) r = failed;
      return results;
    }
    in_batch.emplace(document_id, result);
    results[i] = result;
    written.push_back(i);
    ++sequence;
  }
  if (written.empty()) return results;

  const uint64_t last = sequence - 1;
  rocksdb::Status put = batch.Put(ToSlice(kLastSequenceKey), EncodeFixed64BigEndian(last));
  rocksdb::WriteOptions write_options;
  write_options.sync = true;
  const rocksdb::Status status = put.ok() ? db_->Write(write_options, &batch) : put;
  if (!status.ok()) {
    // No sequence is used up; every new document of the batch failed, and a
    // duplicate of one of them within the batch with it.
    const absl::Status failed = FromRocksDbStatus(status, absl::StrCat("commit sequences ", next_sequence_, "..", last));
    for (size_t i = 0; i < commits.size(); ++i) {
      if (in_batch.count(commits[i].change.document().document_id()) > 0) results[i] = failed;
    }
    return results;
  }
  next_sequence_ = sequence;
  absl::MutexLock lock(&mu_);  // Releasing it wakes the waiters.
  last_sequence_ = last;
  return results;
}

absl::StatusOr<std::vector<v1::Change>> IngestStore::ReadChanges(uint64_t after_sequence,
                                                                 size_t max_count) const {
  absl::ReaderMutexLock db_lock(&db_mu_);
  if (db_ == nullptr) return ClosedError();
  const uint64_t first_retained = first_retained_sequence();
  if (after_sequence + 1 < first_retained) {
    return absl::OutOfRangeError(absl::StrCat("after_sequence: ", after_sequence,
                                              " is older than the retained log, which starts at ",
                                              first_retained));
  }
  std::vector<v1::Change> changes;
  if (max_count == 0) return changes;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(SequenceKey(kLogPrefix, after_sequence + 1));
       it->Valid() && changes.size() < max_count; it->Next()) {
    const rocksdb::Slice key = it->key();
    std::optional<uint64_t> sequence =
        ParseSequenceKey(absl::string_view(key.data(), key.size()), kLogPrefix);
    if (!sequence.has_value()) break;  // Past the log.
    v1::Change change;
    if (!change.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return absl::DataLossError(absl::StrCat("change ", *sequence, ": unreadable"));
    }
    changes.push_back(std::move(change));
  }
  if (!it->status().ok()) return FromRocksDbStatus(it->status(), "read change log");
  return changes;
}

absl::StatusOr<v1::IngestDocumentResponse> IngestStore::GetDocument(
    absl::string_view document_id) const {
  absl::ReaderMutexLock db_lock(&db_mu_);
  if (db_ == nullptr) return ClosedError();
  const std::string key = absl::StrCat(kDocumentPrefix, document_id);
  std::string value;
  const rocksdb::Status status = db_->Get(rocksdb::ReadOptions(), key, &value);
  if (!status.ok()) return FromRocksDbStatus(status, absl::StrCat("document ", document_id));
  v1::IngestDocumentResponse entry;
  if (!entry.ParseFromString(value)) {
    return absl::DataLossError(absl::StrCat(key, ": unreadable document entry"));
  }
  return entry;
}

uint64_t IngestStore::last_sequence() const {
  absl::MutexLock lock(&mu_);
  return last_sequence_;
}

uint64_t IngestStore::first_retained_sequence() const {
  absl::MutexLock lock(&mu_);
  return first_retained_;
}

bool IngestStore::WaitForCommit(uint64_t after_sequence, absl::Duration timeout) const {
  absl::MutexLock lock(&mu_);
  const uint64_t generation = wake_generation_;
  auto ready = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return last_sequence_ > after_sequence || closed_ || wake_generation_ != generation;
  };
  mu_.AwaitWithTimeout(absl::Condition(&ready), timeout);
  return last_sequence_ > after_sequence;
}

void IngestStore::WakeWaiters() {
  absl::MutexLock lock(&mu_);
  ++wake_generation_;
}

void IngestStore::Close() {
  {
    absl::MutexLock lock(&mu_);
    closed_ = true;
  }
  absl::WriterMutexLock db_lock(&db_mu_);
  delete db_;
  db_ = nullptr;
}

}  // namespace alliance::ingest
