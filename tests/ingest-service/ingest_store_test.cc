// IngestStore: atomic, gapless, idempotent commits to the change log; reading it
// back; waiting for commits; closing and reopening.
#include "ingest-service/ingest_store.h"

#include <functional>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/ingest-service/test_support.h"

namespace alliance::ingest {
namespace {

using ::alliance::ingest::testing::ScopedTempDir;
using ::testing::ElementsAre;

// A change for document `id` with `records` membership events.
v1::Change MakeChange(const std::string& id, int records = 1) {
  v1::Change change;
  change.mutable_document()->set_document_id(id);
  change.mutable_document()->set_title(absl::StrCat("Title of ", id));
  for (int i = 0; i < records; ++i) {
    change.add_records()->mutable_membership_event()->set_id(absl::StrCat(id, "/m", i));
  }
  return change;
}

std::vector<uint64_t> Sequences(const std::vector<v1::Change>& changes) {
  std::vector<uint64_t> sequences;
  for (const v1::Change& change : changes) sequences.push_back(change.sequence());
  return sequences;
}

class IngestStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<IngestStore> OpenStore() {
    absl::StatusOr<std::unique_ptr<IngestStore>> store = IngestStore::Open(dir_.Child("db"));
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? *std::move(store) : nullptr;
  }

  // Commits `count` distinct documents "doc-<first>".."doc-<first+count-1>".
  void CommitDocuments(IngestStore* store, int first, int count) {
    for (int i = first; i < first + count; ++i) {
      absl::StatusOr<CommitResult> result = store->Commit(MakeChange(absl::StrCat("doc-", i)), "text");
      ASSERT_TRUE(result.ok()) << result.status();
    }
  }

  // Expects store->ReadChanges(after_sequence, limit) to succeed with no
  // changes. `store` must not be null.
  static void ExpectNoChangesAfter(IngestStore* store, uint64_t after_sequence, size_t limit) {
    absl::StatusOr<std::vector<v1::Change>> changes = store->ReadChanges(after_sequence, limit);
    ASSERT_TRUE(changes.ok()) << changes.status();
    EXPECT_TRUE(changes->empty());
  }

  // What a WaitForCommit call returned and how long it took to return.
  struct WaitOutcome {
    bool saw_commit = false;
    absl::Duration waited;
  };

  // Calls store->WaitForCommit(0, 30 s) on another thread, runs `wake` once
  // that thread is about to wait (50 ms later, so that it most likely waits
  // already), and returns what the wait returned once the thread is done.
  WaitOutcome WaitForCommitWhile(IngestStore* store, const std::function<void()>& wake) {
    WaitOutcome outcome;
    absl::Notification waiting;
    std::thread waiter([&] {
      waiting.Notify();
      const absl::Time start = absl::Now();
      outcome.saw_commit = store->WaitForCommit(0, absl::Seconds(30));
      outcome.waited = absl::Now() - start;
    });
    waiting.WaitForNotification();
    absl::SleepFor(absl::Milliseconds(50));
    wake();
    waiter.join();
    return outcome;
  }

  ScopedTempDir dir_{"ingest_store_test"};
};

TEST_F(IngestStoreTest, EmptyStoreStartsBeforeSequenceOne) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->last_sequence(), 0u);
  EXPECT_EQ(store->first_retained_sequence(), 1u);
  ExpectNoChangesAfter(store.get(), 0, 10);
}

TEST_F(IngestStoreTest, CommitMakesDocumentChangeAndSequenceVisibleTogether) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  absl::StatusOr<CommitResult> result = store->Commit(MakeChange("doc-a", 3), "normalized text");
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->sequence, 1u);
  EXPECT_FALSE(result->duplicate);
  EXPECT_EQ(result->counts.membership_events(), 3);

  EXPECT_EQ(store->last_sequence(), 1u);
  absl::StatusOr<v1::IngestDocumentResponse> document = store->GetDocument("doc-a");
  ASSERT_TRUE(document.ok()) << document.status();
  EXPECT_EQ(document->sequence(), 1u);
  EXPECT_EQ(document->counts().membership_events(), 3);

  absl::StatusOr<std::vector<v1::Change>> changes = store->ReadChanges(0, 10);
  ASSERT_TRUE(changes.ok()) << changes.status();
  ASSERT_EQ(changes->size(), 1u);
  EXPECT_EQ((*changes)[0].sequence(), 1u);
  EXPECT_FALSE((*changes)[0].heartbeat());
  EXPECT_EQ((*changes)[0].document().document_id(), "doc-a");
  EXPECT_EQ((*changes)[0].document().title(), "Title of doc-a");
  EXPECT_EQ((*changes)[0].records_size(), 3);
}

TEST_F(IngestStoreTest, UnknownDocumentIsNotFound) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->GetDocument("nope").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(IngestStoreTest, SequencesAreGaplessFromOne) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  CommitDocuments(store.get(), 0, 5);
  absl::StatusOr<std::vector<v1::Change>> changes = store->ReadChanges(0, 100);
  ASSERT_TRUE(changes.ok()) << changes.status();
  EXPECT_THAT(Sequences(*changes), ElementsAre(1, 2, 3, 4, 5));
  EXPECT_EQ(store->last_sequence(), 5u);
}

TEST_F(IngestStoreTest, DuplicateTextKeepsFirstSequenceAndAddsNoChange) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->Commit(MakeChange("doc-a", 2), "text a").ok());
  ASSERT_TRUE(store->Commit(MakeChange("doc-b"), "text b").ok());

  // A second commit of doc-a, even with other records, changes nothing.
  absl::StatusOr<CommitResult> again = store->Commit(MakeChange("doc-a", 7), "text a");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->duplicate);
  EXPECT_EQ(again->sequence, 1u);
  EXPECT_EQ(again->counts.membership_events(), 2);

  EXPECT_EQ(store->last_sequence(), 2u);
  absl::StatusOr<std::vector<v1::Change>> changes = store->ReadChanges(0, 100);
  ASSERT_TRUE(changes.ok()) << changes.status();
  EXPECT_THAT(Sequences(*changes), ElementsAre(1, 2));
  EXPECT_EQ((*changes)[0].records_size(), 2);

  // The next new document continues the log without a gap.
  absl::StatusOr<CommitResult> next = store->Commit(MakeChange("doc-c"), "text c");
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(next->sequence, 3u);
}

TEST_F(IngestStoreTest, CommitAllWritesAGroupInOrderWithItsDuplicatesAndErrors) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->Commit(MakeChange("doc-a", 2), "text a").ok());

  auto pending = [](const std::string& id, int records) {
    PendingCommit commit;
    commit.change = MakeChange(id, records);
    commit.normalized_text = absl::StrCat("text ", id);
    return commit;
  };
  std::vector<PendingCommit> group;
  group.push_back(pending("doc-b", 1));
  group.push_back(pending("doc-a", 5));  // stored before
  group.push_back(pending("doc-c", 3));
  group.push_back(pending("doc-b", 9));  // earlier in this group
  group.push_back(pending("", 1));       // no id
  group.push_back(pending("doc-d", 1));
  std::vector<absl::StatusOr<CommitResult>> results = store->CommitAll(std::move(group));
  ASSERT_EQ(results.size(), 6u);
  for (size_t i : {0u, 1u, 2u, 3u, 5u}) ASSERT_TRUE(results[i].ok()) << i << ": " << results[i].status();
  EXPECT_EQ(results[0]->sequence, 2u);
  EXPECT_FALSE(results[0]->duplicate);
  EXPECT_TRUE(results[1]->duplicate);
  EXPECT_EQ(results[1]->sequence, 1u);
  EXPECT_EQ(results[1]->counts.membership_events(), 2);
  EXPECT_EQ(results[2]->sequence, 3u);
  EXPECT_TRUE(results[3]->duplicate);
  EXPECT_EQ(results[3]->sequence, 2u);
  EXPECT_EQ(results[3]->counts.membership_events(), 1);
  EXPECT_EQ(results[4].status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(results[5]->sequence, 4u);

  // The log runs on without a gap and holds each new document once.
  EXPECT_EQ(store->last_sequence(), 4u);
  absl::StatusOr<std::vector<v1::Change>> changes = store->ReadChanges(0, 100);
  ASSERT_TRUE(changes.ok()) << changes.status();
  EXPECT_THAT(Sequences(*changes), ElementsAre(1, 2, 3, 4));
  EXPECT_EQ((*changes)[2].records_size(), 3);
  absl::StatusOr<v1::IngestDocumentResponse> c = store->GetDocument("doc-c");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->sequence(), 3u);
}

TEST_F(IngestStoreTest, ReopenAfterCloseContinuesTheSequence) {
  {
    auto store = OpenStore();
    ASSERT_NE(store, nullptr);
    CommitDocuments(store.get(), 0, 3);
    store->Close();
  }
  auto reopened = OpenStore();
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(reopened->last_sequence(), 3u);
  absl::StatusOr<CommitResult> duplicate = reopened->Commit(MakeChange("doc-1"), "text");
  ASSERT_TRUE(duplicate.ok()) << duplicate.status();
  EXPECT_TRUE(duplicate->duplicate);
  EXPECT_EQ(duplicate->sequence, 2u);
  absl::StatusOr<CommitResult> fresh = reopened->Commit(MakeChange("doc-new"), "text");
  ASSERT_TRUE(fresh.ok()) << fresh.status();
  EXPECT_FALSE(fresh->duplicate);
  EXPECT_EQ(fresh->sequence, 4u);
}

TEST_F(IngestStoreTest, CloseReleasesTheDatabaseForAnotherOpen) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_FALSE(IngestStore::Open(dir_.Child("db")).ok()) << "the database should be locked";
  store->Close();
  EXPECT_TRUE(IngestStore::Open(dir_.Child("db")).ok());
}

TEST_F(IngestStoreTest, ReadChangesAfterNReturnsTheChangesAfterIt) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  CommitDocuments(store.get(), 0, 6);

  absl::StatusOr<std::vector<v1::Change>> after_two = store->ReadChanges(2, 100);
  ASSERT_TRUE(after_two.ok()) << after_two.status();
  EXPECT_THAT(Sequences(*after_two), ElementsAre(3, 4, 5, 6));

  absl::StatusOr<std::vector<v1::Change>> batch = store->ReadChanges(1, 2);
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_THAT(Sequences(*batch), ElementsAre(2, 3));

  ASSERT_NO_FATAL_FAILURE(ExpectNoChangesAfter(store.get(), 6, 100));
  ExpectNoChangesAfter(store.get(), 60, 100);
}

TEST_F(IngestStoreTest, CommitWithoutDocumentIdIsInvalidAndWritesNothing) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->Commit(MakeChange(""), "text").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(store->last_sequence(), 0u);
}

TEST_F(IngestStoreTest, WaitForCommitReturnsWhenAChangeIsCommitted) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  const WaitOutcome outcome =
      WaitForCommitWhile(store.get(), [&] { ASSERT_TRUE(store->Commit(MakeChange("doc-a"), "text").ok()); });
  EXPECT_TRUE(outcome.saw_commit);
  EXPECT_LT(outcome.waited, absl::Seconds(10));
}

TEST_F(IngestStoreTest, WaitForCommitTimesOutWithoutACommit) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  const absl::Time start = absl::Now();
  EXPECT_FALSE(store->WaitForCommit(0, absl::Milliseconds(100)));
  EXPECT_GE(absl::Now() - start, absl::Milliseconds(90));
}

TEST_F(IngestStoreTest, CloseWakesAWaiter) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  const WaitOutcome outcome = WaitForCommitWhile(store.get(), [&] { store->Close(); });
  EXPECT_FALSE(outcome.saw_commit);
  EXPECT_LT(outcome.waited, absl::Seconds(10));
}

TEST_F(IngestStoreTest, WakeWaitersWakesAWaiterWithoutACommit) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  const WaitOutcome outcome = WaitForCommitWhile(store.get(), [&] { store->WakeWaiters(); });
  EXPECT_LT(outcome.waited, absl::Seconds(10));
}

TEST_F(IngestStoreTest, CallsAfterCloseAreUnavailable) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  store->Close();
  EXPECT_EQ(store->Commit(MakeChange("doc-a"), "text").status().code(),
            absl::StatusCode::kUnavailable);
  EXPECT_EQ(store->ReadChanges(0, 10).status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(store->GetDocument("doc-a").status().code(), absl::StatusCode::kUnavailable);
  EXPECT_FALSE(store->WaitForCommit(0, absl::Seconds(30)));  // Returns at once.
  store->Close();  // Idempotent.
}

TEST_F(IngestStoreTest, ConcurrentCommitsGetDistinctGaplessSequences) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  constexpr int kThreads = 4;
  constexpr int kDocuments = 10;
  std::vector<std::vector<CommitResult>> results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      // Every thread commits the same ten documents: each is new exactly once.
      for (int i = 0; i < kDocuments; ++i) {
        absl::StatusOr<CommitResult> result =
            store->Commit(MakeChange(absl::StrCat("doc-", i)), "text");
        if (result.ok()) results[t].push_back(*result);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  int fresh = 0;
  std::set<uint64_t> fresh_sequences;
  for (const auto& thread_results : results) {
    ASSERT_EQ(thread_results.size(), static_cast<size_t>(kDocuments));
    for (const CommitResult& result : thread_results) {
      if (!result.duplicate) {
        ++fresh;
        fresh_sequences.insert(result.sequence);
      }
    }
  }
  EXPECT_EQ(fresh, kDocuments);
  EXPECT_EQ(fresh_sequences.size(), static_cast<size_t>(kDocuments));
  EXPECT_EQ(*fresh_sequences.begin(), 1u);
  EXPECT_EQ(*fresh_sequences.rbegin(), static_cast<uint64_t>(kDocuments));
  absl::StatusOr<std::vector<v1::Change>> changes = store->ReadChanges(0, 100);
  ASSERT_TRUE(changes.ok()) << changes.status();
  EXPECT_EQ(changes->size(), static_cast<size_t>(kDocuments));
}

}  // namespace
}  // namespace alliance::ingest
