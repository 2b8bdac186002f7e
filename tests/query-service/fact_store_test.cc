// FactStore: idempotent, gap-refusing, crash-safe application of the change log,
// equal digests on replicas, and the watch log.
#include "query-service/fact_store.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <random>
#include <set>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "query-service/sort_keys.h"
#include "tests/query-service/test_changes.h"
#include "tests/query-service/unsynced_store.h"
#include "tests/testing/subprocess.h"

namespace alliance::query {
namespace {

using ::alliance::query::testing::DocumentId;
using ::alliance::query::testing::Heartbeat;
using ::alliance::query::testing::MakeChange;
using ::alliance::query::testing::Membership;
using ::alliance::query::testing::SampleLog;
using ::alliance::query::testing::ScopedTempDir;

class FactStoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<FactStore> OpenStore(const std::string& path, FactStoreOptions options = {}) {
    absl::StatusOr<std::unique_ptr<FactStore>> store = testing::OpenUnsyncedStore(path, options);
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? std::move(*store) : nullptr;
  }

  ScopedTempDir dir_{alliance::testing::MakeTempDir("fact_store_test")};
};

TEST_F(FactStoreTest, ApplyIsIdempotentForARepeatedSequence) {
  auto store = OpenStore(dir_.path());
  ASSERT_NE(store, nullptr);
  const std::vector<v1::Change> log = SampleLog();
  for (const v1::Change& change : log) ASSERT_TRUE(store->Apply(change).ok());
  const int64_t facts = store->fact_count();
  const absl::StatusOr<std::string> digest = store->StateDigest();
  ASSERT_TRUE(digest.ok());

  for (const v1::Change& change : log) EXPECT_TRUE(store->Apply(change).ok());

  EXPECT_EQ(store->applied_sequence(), log.size());
  EXPECT_EQ(store->document_count(), static_cast<int64_t>(log.size()));
  EXPECT_EQ(store->fact_count(), facts);
  EXPECT_EQ(*store->StateDigest(), *digest);
  absl::StatusOr<std::vector<v1::WatchResponse>> watch = store->ReadWatchLog(0, 1000, 1000);
  ASSERT_TRUE(watch.ok());
  EXPECT_EQ(watch->size(), log.size());
}

TEST_F(FactStoreTest, RefusesAGapAndWritesNothing) {
  auto store = OpenStore(dir_.path());
  ASSERT_NE(store, nullptr);
  const std::vector<v1::Change> log = SampleLog();
  ASSERT_TRUE(store->Apply(log[0]).ok());

  const absl::Status gap = store->Apply(log[2]);

  EXPECT_EQ(gap.code(), absl::StatusCode::kFailedPrecondition) << gap;
  EXPECT_EQ(store->applied_sequence(), 1u);
  EXPECT_EQ(store->document_count(), 1);
  EXPECT_TRUE(store->Apply(log[1]).ok());
  EXPECT_EQ(store->applied_sequence(), 2u);
}

TEST_F(FactStoreTest, KnowsWhichOrganizationsItsRecordsBelongTo) {
  FactStoreOptions options;
  options.default_organization = "CSTO";
  auto store = OpenStore(dir_.path(), options);
  ASSERT_NE(store, nullptr);
  // One record of the EAEU, one with no organization (the default's).
  ASSERT_TRUE(store->Apply(MakeChange(1, 1, {Membership(DocumentId(1), "ARM", v1::MEMBERSHIP_ACTION_JOINED, "2015",
                                                        v1::FACTUALITY_ASSERTED, "EAEU")}))
                  .ok());
  ASSERT_TRUE(store->Apply(MakeChange(2, 2, {Membership(DocumentId(2), "BLR", v1::MEMBERSHIP_ACTION_JOINED, "1994",
                                                        v1::FACTUALITY_ASSERTED, "")}))
                  .ok());

  auto holds = [&store](const std::string& organization) {
    absl::StatusOr<bool> held = store->HoldsOrganization(organization);
    EXPECT_TRUE(held.ok()) << held.status();
    return held.ok() && *held;
  };
  EXPECT_TRUE(holds("EAEU"));
  EXPECT_TRUE(holds("CSTO"));
  // "EAE" is a key prefix of "EAEU" but not the same organization.
  EXPECT_FALSE(holds("EAE"));
  EXPECT_FALSE(holds("SCO"));
}

TEST_F(FactStoreTest, ABatchGivesTheSameStateAsOneChangeAtATime) {
  const std::vector<v1::Change> log = SampleLog();
  auto one_by_one = OpenStore(dir_.path() + "/one");
  auto batched = OpenStore(dir_.path() + "/batched");
  ASSERT_NE(one_by_one, nullptr);
  ASSERT_NE(batched, nullptr);
  for (const v1::Change& change : log) ASSERT_TRUE(one_by_one->Apply(change).ok());
  // Batches of three, each overlapping the last by one change (re-delivery).
  for (size_t begin = 0; begin < log.size(); begin += 2) {
    const size_t end = std::min(log.size(), begin + 3);
    ASSERT_TRUE(batched->ApplyBatch(absl::MakeConstSpan(log.data() + begin, end - begin)).ok()) << begin;
  }

  EXPECT_EQ(batched->applied_sequence(), log.size());
  EXPECT_EQ(batched->document_count(), one_by_one->document_count());
  EXPECT_EQ(batched->fact_count(), one_by_one->fact_count());
  EXPECT_EQ(*batched->StateDigest(), *one_by_one->StateDigest());
  // One watch entry per batch, at its last sequence; together they end in the same facts.
  absl::StatusOr<std::vector<v1::WatchResponse>> watch = batched->ReadWatchLog(0, 1000, 1000);
  ASSERT_TRUE(watch.ok());
  EXPECT_LT(watch->size(), log.size());
  EXPECT_EQ(watch->back().sequence(), log.size());
}

TEST_F(FactStoreTest, ABatchWithAGapWritesNothing) {
  const std::vector<v1::Change> log = SampleLog();
  auto store = OpenStore(dir_.path());
  ASSERT_NE(store, nullptr);
  const std::vector<v1::Change> gapped = {log[0], log[1], log[3]};
  const absl::Status status = store->ApplyBatch(gapped);
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  EXPECT_EQ(store->applied_sequence(), 0u);
  EXPECT_EQ(store->document_count(), 0);
  EXPECT_EQ(store->fact_count(), 0);
}

TEST_F(FactStoreTest, IgnoresHeartbeats) {
  auto store = OpenStore(dir_.path());
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(store->Apply(Heartbeat(42)).ok());
  EXPECT_EQ(store->applied_sequence(), 0u);
}

TEST_F(FactStoreTest, AppliedSequenceAndFactsSurviveReopen) {
  const std::vector<v1::Change> log = SampleLog();
  std::string digest;
  int64_t facts = 0;
  {
    auto store = OpenStore(dir_.path());
    ASSERT_NE(store, nullptr);
    for (int i = 0; i < 5; ++i) ASSERT_TRUE(store->Apply(log[i]).ok());
    digest = *store->StateDigest();
    facts = store->fact_count();
    EXPECT_GT(facts, 0);
  }
  auto reopened = OpenStore(dir_.path());
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(reopened->applied_sequence(), 5u);
  EXPECT_EQ(reopened->document_count(), 5);
  EXPECT_EQ(reopened->fact_count(), facts);
  EXPECT_EQ(*reopened->StateDigest(), digest);
  absl::StatusOr<std::vector<v1::MembershipEvent>> events = reopened->MembershipEvents();
  ASSERT_TRUE(events.ok());
  EXPECT_FALSE(events->empty());

  for (size_t i = 5; i < log.size(); ++i) ASSERT_TRUE(reopened->Apply(log[i]).ok());
  EXPECT_EQ(reopened->applied_sequence(), log.size());
}

TEST_F(FactStoreTest, TwoStoresApplyingTheSameChangesHaveEqualDigests) {
  ScopedTempDir other_dir(alliance::testing::MakeTempDir("fact_store_test_replica"));
  auto first = OpenStore(dir_.path());
  auto second = OpenStore(other_dir.path());
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  const std::string empty_digest = *first->StateDigest();

  for (const v1::Change& change : SampleLog()) {
    ASSERT_TRUE(first->Apply(change).ok());
    // The replica receives each change twice, as after a reconnect.
    ASSERT_TRUE(second->Apply(change).ok());
    ASSERT_TRUE(second->Apply(change).ok());
    ASSERT_EQ(*first->StateDigest(), *second->StateDigest()) << "after change " << change.sequence();
  }
  EXPECT_NE(*first->StateDigest(), empty_digest);
  EXPECT_EQ(first->fact_count(), second->fact_count());
}

TEST_F(FactStoreTest, TheKeptDigestIsTheDigestOfEveryStoredFact) {
  // Oracle: the digest recomputed from scratch after each change, whether the
  // change added, updated or removed facts (the sample log does all three).
  auto store = OpenStore(dir_.path());
  ASSERT_NE(store, nullptr);
  ASSERT_EQ(*store->StateDigest(), *store->RecomputeStateDigest());
  for (const v1::Change& change : SampleLog()) {
    ASSERT_TRUE(store->Apply(change).ok());
    ASSERT_EQ(*store->StateDigest(), *store->RecomputeStateDigest()) << "after change " << change.sequence();
  }
  // A batch applied at once keeps it too.
  ScopedTempDir other_dir(alliance::testing::MakeTempDir("fact_store_test_batch"));
  auto batched = OpenStore(other_dir.path());
  ASSERT_NE(batched, nullptr);
  ASSERT_TRUE(batched->ApplyBatch(SampleLog()).ok());
  EXPECT_EQ(*batched->StateDigest(), *batched->RecomputeStateDigest());
  EXPECT_EQ(*batched->StateDigest(), *store->StateDigest());
}

TEST_F(FactStoreTest, AScopedReadIsTheFullScanFilteredToItsOrganizationAndCountry) {
  auto store = OpenStore(dir_.path());
  ASSERT_NE(store, nullptr);
  for (const v1::Change& change : SampleLog()) ASSERT_TRUE(store->Apply(change).ok());
  auto ids = [](const auto& facts) {
    std::vector<std::string> out;
    for (const auto& fact : facts) out.push_back(fact.id());
    return out;
  };
  // Oracle: every fact, filtered by hand. (Pages of the other kinds are
  // checked against theirs in PagesInListOrderMatchASortedFullScan...)
  const std::vector<v1::MembershipEvent> all_events = *store->MembershipEvents();
  std::set<std::pair<std::string, std::string>> scopes = {{"CSTO", ""}, {"NATO", ""}, {"CST", ""}};
  for (const auto& e : all_events) scopes.insert({e.organization(), e.country()});
  for (const auto& [organization, country] : scopes) {
    const FactStore::Scope scope{organization, country};
    std::vector<std::string> want_events;
    for (const auto& e : all_events) {
      if (e.organization() == organization && (country.empty() || e.country() == country)) want_events.push_back(e.id());
    }
    EXPECT_EQ(ids(*store->MembershipEvents(scope)), want_events) << organization << "/" << country;
  }
  EXPECT_FALSE(store->MembershipEvents(FactStore::Scope{"CSTO", "UZB"})->empty());
}

TEST_F(FactStoreTest, AnAbandonedApplyWritesNothingAndTheNextOneResumes) {
  auto store = OpenStore(dir_.path());
  ASSERT_NE(store, nullptr);
  const std::vector<v1::Change> log = SampleLog();
  ASSERT_TRUE(store->Apply(log[0]).ok());
  const std::string digest = *store->StateDigest();
  const int64_t facts = store->fact_count();

  std::atomic<bool> cancel{true};
  const absl::Status abandoned = store->ApplyBatch(absl::MakeConstSpan(log).subspan(1), &cancel);
  EXPECT_EQ(abandoned.code(), absl::StatusCode::kCancelled) << abandoned;
  EXPECT_EQ(store->applied_sequence(), 1u);
  EXPECT_EQ(store->fact_count(), facts);
  EXPECT_EQ(*store->StateDigest(), digest);
  EXPECT_EQ(*store->RecomputeStateDigest(), digest);

  cancel = false;
  ASSERT_TRUE(store->ApplyBatch(absl::MakeConstSpan(log).subspan(1), &cancel).ok());
  EXPECT_EQ(store->applied_sequence(), log.size());
}

TEST_F(FactStoreTest, StatusDescribesOneConsistentState) {
  auto store = OpenStore(dir_.path());
  ASSERT_NE(store, nullptr);
  const StoreProgress empty = store->Status();
  EXPECT_EQ(empty.applied, 0u);
  for (const v1::Change& change : SampleLog()) ASSERT_TRUE(store->Apply(change).ok());

  const StoreProgress status = store->Status();

  EXPECT_EQ(status.applied, store->applied_sequence());
  EXPECT_EQ(status.staged, store->staged_sequence());
  EXPECT_EQ(status.documents, store->document_count());
  EXPECT_EQ(status.facts, store->fact_count());
  EXPECT_EQ(status.digest.Hex(), *store->StateDigest());
  EXPECT_NE(status.digest.Hex(), empty.digest.Hex());
}

TEST_F(FactStoreTest, WatchLogRecordsAddedThenUpdated) {
  auto store = OpenStore(dir_.path());
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->Apply(MakeChange(1, 1, {Membership(DocumentId(1), "UZB", v1::MEMBERSHIP_ACTION_WITHDREW,
                                                        "2012-06")}))
                  .ok());
  ASSERT_TRUE(store->Apply(MakeChange(2, 2, {Membership(DocumentId(2), "UZB", v1::MEMBERSHIP_ACTION_WITHDREW,
                                                        "2012-06-28")}))
                  .ok());

  absl::StatusOr<std::vector<v1::WatchResponse>> log = store->ReadWatchLog(0, 2, 10);

  ASSERT_TRUE(log.ok()) << log.status();
  ASSERT_EQ(log->size(), 2u);
  ASSERT_EQ((*log)[0].changes_size(), 1);
  EXPECT_EQ((*log)[0].sequence(), 1u);
  EXPECT_EQ((*log)[0].changes(0).kind(), v1::CHANGE_KIND_ADDED);
  EXPECT_EQ((*log)[0].changes(0).sequence(), 1u);
  EXPECT_EQ((*log)[0].changes(0).membership_event().country(), "UZB");
  ASSERT_GE((*log)[1].changes_size(), 1);
  EXPECT_EQ((*log)[1].sequence(), 2u);
  bool updated = false;
  for (const v1::RecordChange& change : (*log)[1].changes()) {
    if (change.kind() == v1::CHANGE_KIND_UPDATED && change.has_membership_event()) {
      updated = true;
      EXPECT_EQ(change.membership_event().evidence_size(), 2);
    }
  }
  EXPECT_TRUE(updated) << (*log)[1].DebugString();
  EXPECT_EQ(store->fact_count(), 1);
}

TEST_F(FactStoreTest, AnswersAndWatchEntriesCarryABoundedShareOfAFactsEvidence) {
  FactStoreOptions options;
  options.answer_evidence_per_fact = 2;
  auto store = OpenStore(dir_.path(), options);
  ASSERT_NE(store, nullptr);
  for (uint64_t n = 1; n <= 5; ++n) {
    ASSERT_TRUE(store->Apply(MakeChange(n, n, {Membership(DocumentId(n), "UZB", v1::MEMBERSHIP_ACTION_WITHDREW,
                                                          "2012-06")}))
                    .ok());
  }

  absl::StatusOr<std::vector<v1::WatchResponse>> log = store->ReadWatchLog(4, 5, 10);

  ASSERT_TRUE(log.ok()) << log.status();
  ASSERT_EQ(log->size(), 1u);
  ASSERT_EQ((*log)[0].changes_size(), 1);
  const v1::MembershipEvent& event = (*log)[0].changes(0).membership_event();
  EXPECT_EQ(event.evidence_size(), 2);
  EXPECT_EQ(event.evidence_total(), 5);
  // Reads for answers get the same share, by scope or not.
  for (const auto& read : {store->MembershipEvents(), store->MembershipEvents(FactStore::Scope{"CSTO", "UZB"})}) {
    ASSERT_TRUE(read.ok()) << read.status();
    ASSERT_EQ(read->size(), 1u);
    EXPECT_EQ((*read)[0].evidence_size(), 2);
    EXPECT_EQ((*read)[0].evidence_total(), 5);
  }
  // The store itself keeps every quote.
  absl::StatusOr<std::vector<v1::Evidence>> all = store->FactEvidence(event.id());
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->size(), 5u);
  const absl::StatusOr<std::string> digest = store->StateDigest();
  ASSERT_TRUE(digest.ok());

  // Opened with another bound, the store cuts its answers anew; the facts,
  // and so the digest, stay as they were.
  store.reset();
  options.answer_evidence_per_fact = 4;
  store = OpenStore(dir_.path(), options);
  ASSERT_NE(store, nullptr);
  absl::StatusOr<std::vector<v1::MembershipEvent>> reopened = store->MembershipEvents();
  ASSERT_TRUE(reopened.ok()) << reopened.status();
  ASSERT_EQ(reopened->size(), 1u);
  EXPECT_EQ((*reopened)[0].evidence_size(), 4);
  EXPECT_EQ((*reopened)[0].evidence_total(), 5);
  EXPECT_EQ(store->StateDigest().value_or(""), *digest);
  EXPECT_EQ(store->RecomputeStateDigest().value_or(""), *digest);
}

TEST_F(FactStoreTest, ReadsFactsOfEachKindWithFilters) {
  auto store = OpenStore(dir_.path());
  ASSERT_NE(store, nullptr);
  for (const v1::Change& change : SampleLog()) ASSERT_TRUE(store->Apply(change).ok());

  auto uzb = store->MembershipEvents([](const v1::MembershipEvent& e) { return e.country() == "UZB"; });
  auto interventions = store->Interventions();
  auto requests = store->AssistanceRequests();

  ASSERT_TRUE(uzb.ok());
  ASSERT_TRUE(interventions.ok());
  ASSERT_TRUE(requests.ok());
  EXPECT_EQ(uzb->size(), 4u);  // signed, withdrew 1999, rejoined, withdrew 2012 (told twice)
  EXPECT_EQ(interventions->size(), 2u);
  EXPECT_EQ(requests->size(), 3u);
  EXPECT_EQ(store->fact_count(), static_cast<int64_t>(store->MembershipEvents()->size() + 5));
}

TEST_F(FactStoreTest, AReopenedStoreStillHoldsTheWholeWatchHistoryOfABatch) {
  const std::vector<v1::Change> log = SampleLog();
  {
    auto store = OpenStore(dir_.path());
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->ApplyBatch(absl::MakeConstSpan(log.data(), 5)).ok());  // one entry, at 5
    EXPECT_EQ(store->watch_log_start(), 1u);
  }
  auto reopened = OpenStore(dir_.path());
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(reopened->watch_log_start(), 1u) << "a Watch from 0 still gets the whole history after a restart";
  absl::StatusOr<std::vector<v1::WatchResponse>> entries = reopened->ReadWatchLog(0, 5, 100);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ(entries->front().sequence(), 5u);
}

TEST_F(FactStoreTest, EachWatchEntryIsStampedWithTheLatestIngestTimeOfItsBatch) {
  // Seven documents stamped by the ingest service; 4 was stamped before 3
  // (two ingests racing), and 7 before the staged 6.
  const int64_t stamps[] = {0, 7000, 7000, 7005, 7003, 7010, 7020, 7015};
  std::vector<v1::Change> log;
  for (int n = 1; n <= 7; ++n) {
    v1::Change change = MakeChange(n, 600 + n, {Membership(DocumentId(600 + n), "SYL", v1::MEMBERSHIP_ACTION_JOINED,
                                                           absl::StrCat(2000 + n))});
    change.mutable_document()->set_ingested_at_unix(stamps[n]);
    log.push_back(std::move(change));
  }
  const std::vector<BatchTime> expected = {{2, 7000}, {4, 7005}, {5, 7010}, {7, 7020}};
  {
    auto store = OpenStore(dir_.path());
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->ApplyBatch(absl::MakeConstSpan(log).subspan(0, 2)).ok());
    ASSERT_TRUE(store->ApplyBatch(absl::MakeConstSpan(log).subspan(2, 2)).ok());
    ASSERT_TRUE(store->Stage(absl::MakeConstSpan(log).subspan(4, 1)).ok());
  }
  // The staged change is applied when the store opens: its stamp was kept.
  auto store = OpenStore(dir_.path());
  ASSERT_NE(store, nullptr);
  ASSERT_EQ(store->applied_sequence(), 5u);
  ASSERT_TRUE(store->Stage(absl::MakeConstSpan(log).subspan(5, 1)).ok());
  ASSERT_TRUE(store->ApplyBatch(absl::MakeConstSpan(log).subspan(6, 1)).ok());

  absl::StatusOr<std::vector<BatchTime>> times = store->ReadWatchTimes(0, 7, 100);
  ASSERT_TRUE(times.ok()) << times.status();
  EXPECT_EQ(*times, expected);
  absl::StatusOr<std::vector<v1::WatchResponse>> entries = store->ReadWatchLog(0, 7, 100);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ((*entries)[i].sequence(), expected[i].sequence);
    EXPECT_EQ((*entries)[i].ingested_at_unix(), expected[i].ingested_at_unix) << "at " << expected[i].sequence;
  }
}

TEST_F(FactStoreTest, RetentionDropsOldWatchEntries) {
  FactStoreOptions options;
  options.watch_log_retention = 3;
  auto store = OpenStore(dir_.path(), options);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->watch_log_start(), 1u);
  for (const v1::Change& change : SampleLog()) ASSERT_TRUE(store->Apply(change).ok());

  EXPECT_EQ(store->watch_log_start(), 8u);
  absl::StatusOr<std::vector<v1::WatchResponse>> log = store->ReadWatchLog(0, 100, 100);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 3u);
  EXPECT_EQ(log->front().sequence(), 8u);
  store.reset();
  auto reopened = OpenStore(dir_.path(), options);
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(reopened->watch_log_start(), 8u);
}

TEST_F(FactStoreTest, WaitForAppliedAboveReturnsAfterApplyOrTimeout) {
  auto store = OpenStore(dir_.path());
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->WaitForAppliedAbove(0, absl::Milliseconds(20)), 0u);
  ASSERT_TRUE(store->Apply(SampleLog()[0]).ok());
  EXPECT_EQ(store->WaitForAppliedAbove(0, absl::Seconds(5)), 1u);
}

TEST_F(FactStoreTest, SecondOpenOfTheSameDirectoryFails) {
  auto store = OpenStore(dir_.path());
  ASSERT_NE(store, nullptr);
  FactStoreOptions options;
  absl::StatusOr<std::unique_ptr<FactStore>> second = FactStore::Open(dir_.path(), options);
  EXPECT_FALSE(second.ok());
}

// Walks every page of one kind in `scope` through `read_page` (size 2) and
// returns the ids, in order.
template <typename ReadPage>
std::vector<std::string> WalkPages(const ReadPage& read_page) {
  std::vector<std::string> ids;
  std::string after;
  for (int guard = 0; guard < 10000; ++guard) {
    auto page = read_page(after);
    EXPECT_TRUE(page.ok()) << page.status();
    if (!page.ok()) break;
    for (const auto& fact : page->facts) ids.push_back(fact.id());
    if (!page->more) break;
    EXPECT_FALSE(page->facts.empty());
    after = SortKeyOf(page->facts.back());
  }
  return ids;
}

// Oracle: the facts of `all` in `scope`, filtered by `keep`, sorted as the
// List methods answer.
template <typename Fact, typename CountryOf, typename Keep>
std::vector<std::string> Expected(const std::vector<Fact>& all, const FactStore::Scope& scope,
                                  const CountryOf& country_of, const Keep& keep) {
  std::vector<std::pair<std::string, std::string>> keyed;
  for (const Fact& fact : all) {
    if (fact.organization() != scope.organization) continue;
    if (!scope.country.empty() && country_of(fact) != scope.country) continue;
    if (!keep(fact)) continue;
    keyed.emplace_back(SortKeyOf(fact), fact.id());
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<std::string> ids;
  for (const auto& entry : keyed) ids.push_back(entry.second);
  return ids;
}

// Checks every page walk of every kind and scope against the oracle, with and
// without a filter.
void ExpectPagesMatchTheFullScan(const FactStore& store) {
  const std::vector<v1::MembershipEvent> events = *store.MembershipEvents();
  const std::vector<v1::Intervention> interventions = *store.Interventions();
  const std::vector<v1::AssistanceRequest> requests = *store.AssistanceRequests();
  auto even_year = [](const v1::PartialDate& date) { return date.year() % 2 == 0; };
  for (const std::string organization : {"CSTO", "NATO"}) {
    for (const std::string country : {"", "RUR", "FRE", "BOR", "SYL"}) {
      const FactStore::Scope scope{organization, country};
      const std::string where = organization + "/" + country;
      auto event_country = [](const v1::MembershipEvent& fact) { return fact.country(); };
      auto host = [](const v1::Intervention& fact) { return fact.host_country(); };
      auto requester = [](const v1::AssistanceRequest& fact) { return fact.requester_country(); };
      auto all = [](const auto&) { return true; };
      EXPECT_EQ(WalkPages([&](const std::string& after) { return store.MembershipEventPage(scope, after, 2); }),
                Expected(events, scope, event_country, all))
          << where;
      EXPECT_EQ(WalkPages([&](const std::string& after) { return store.InterventionPage(scope, after, 2); }),
                Expected(interventions, scope, host, all))
          << where;
      EXPECT_EQ(WalkPages([&](const std::string& after) { return store.AssistanceRequestPage(scope, after, 2); }),
                Expected(requests, scope, requester, all))
          << where;
      const std::function<bool(const v1::AssistanceRequest&)> keep = [&](const v1::AssistanceRequest& fact) {
        return even_year(fact.date());
      };
      EXPECT_EQ(
          WalkPages([&](const std::string& after) { return store.AssistanceRequestPage(scope, after, 2, keep); }),
          Expected(requests, scope, requester, keep))
          << where << " (filtered)";
    }
  }
}

TEST_F(FactStoreTest, PagesInListOrderMatchASortedFullScanAsFactsAreAddedRedatedAndMerged) {
  FactStoreOptions options;
  options.answer_evidence_per_fact = 2;
  auto store = OpenStore(dir_.path(), options);
  ASSERT_NE(store, nullptr);
  // Claims about a few countries whose dates are told at different
  // precisions, so later documents refine, move and merge earlier facts.
  std::mt19937 random(20261127);
  const char* countries[] = {"RUR", "FRE", "BOR", "SYL"};
  const char* organizations[] = {"CSTO", "NATO"};
  const char* dates[] = {"2001", "2001-03", "2001-03-04", "2002", "2002-11-30", "2003-07", ""};
  auto pick = [&random](const auto& options) { return options[random() % (sizeof(options) / sizeof(options[0]))]; };
  uint64_t sequence = 0;
  for (int document = 1; document <= 60; ++document) {
    std::vector<v1::Record> records;
    const int count = 1 + static_cast<int>(random() % 3);
    for (int n = 0; n < count; ++n) {
      const std::string id = DocumentId(document);
      switch (random() % 3) {
        case 0:
          records.push_back(Membership(id, pick(countries), random() % 2 ? v1::MEMBERSHIP_ACTION_JOINED
                                                                         : v1::MEMBERSHIP_ACTION_WITHDREW,
                                       pick(dates), v1::FACTUALITY_ASSERTED, pick(organizations), n));
          break;
        case 1:
          records.push_back(testing::Intervention(id, pick(countries), pick(dates), 100 * (1 + n),
                                                  v1::FACTUALITY_ASSERTED, pick(organizations), n));
          break;
        default:
          records.push_back(testing::Request(id, pick(countries),
                                             random() % 2 ? v1::ASSISTANCE_OUTCOME_DENIED
                                                          : v1::ASSISTANCE_OUTCOME_GRANTED,
                                             pick(dates), v1::FACTUALITY_ASSERTED, pick(organizations), n));
          break;
      }
    }
    // One at a time, then a few in one batch: both keep the rows in step.
    if (document % 10 < 7) {
      ASSERT_TRUE(store->Apply(MakeChange(++sequence, document, std::move(records))).ok());
      ExpectPagesMatchTheFullScan(*store);
    } else {
      std::vector<v1::Change> batch = {MakeChange(++sequence, document, std::move(records))};
      ASSERT_TRUE(store->ApplyBatch(batch).ok());
    }
    if (::testing::Test::HasFailure()) return;
  }
  ExpectPagesMatchTheFullScan(*store);
  EXPECT_GT(store->fact_count(), 20);

  // Reopened with another bound, the rows are rewritten with it.
  store.reset();
  options.answer_evidence_per_fact = 1;
  store = OpenStore(dir_.path(), options);
  ASSERT_NE(store, nullptr);
  ExpectPagesMatchTheFullScan(*store);
  auto page = store->MembershipEventPage({"CSTO", ""}, "", 1000);
  ASSERT_TRUE(page.ok());
  for (const v1::MembershipEvent& event : page->facts) EXPECT_LE(event.evidence_size(), 1) << event.id();
}

TEST_F(FactStoreTest, APageStopsAtItsLimitAndSaysWhetherMoreFollow) {
  auto store = OpenStore(dir_.path());
  ASSERT_NE(store, nullptr);
  for (int n = 1; n <= 3; ++n) {
    ASSERT_TRUE(store
                    ->Apply(MakeChange(n, n, {testing::Request(DocumentId(n), "RUR", v1::ASSISTANCE_OUTCOME_DENIED,
                                                               absl::StrCat(2000 + n))}))
                    .ok());
  }
  const FactStore::Scope scope{"CSTO", "RUR"};

  auto first = store->AssistanceRequestPage(scope, "", 2);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->facts.size(), 2u);
  EXPECT_TRUE(first->more);
  EXPECT_EQ(first->facts[0].date().year(), 2001);
  auto last = store->AssistanceRequestPage(scope, SortKeyOf(first->facts[1]), 2);
  ASSERT_TRUE(last.ok());
  ASSERT_EQ(last->facts.size(), 1u);
  EXPECT_FALSE(last->more);
  EXPECT_EQ(last->facts[0].date().year(), 2003);
  // A filter that rejects what follows: no more.
  auto filtered = store->AssistanceRequestPage(scope, "", 2, [](const v1::AssistanceRequest& fact) {
    return fact.date().year() != 2003;
  });
  ASSERT_TRUE(filtered.ok());
  EXPECT_EQ(filtered->facts.size(), 2u);
  EXPECT_FALSE(filtered->more);
}

TEST_F(FactStoreTest, CachedGroupsGiveTheSameStateAsReadingEveryGroupAgain) {
  // Three stores on one log: no group cache, a cache too small to hold much
  // (evicting all the time), and one that holds everything.
  std::vector<std::unique_ptr<FactStore>> stores;
  std::vector<std::unique_ptr<ScopedTempDir>> dirs;
  for (size_t bytes : {size_t{0}, size_t{24} << 10, size_t{64} << 20}) {
    dirs.push_back(std::make_unique<ScopedTempDir>(alliance::testing::MakeTempDir("fact_store_cache")));
    FactStoreOptions options;
    options.group_cache_bytes = bytes;
    stores.push_back(OpenStore(dirs.back()->path(), options));
    ASSERT_NE(stores.back(), nullptr);
  }
  std::mt19937 random(42);
  const char* countries[] = {"RUR", "FRE", "BOR"};
  const char* dates[] = {"2001", "2001-03", "2001-03-04", "2002"};
  auto pick = [&random](const auto& options) { return options[random() % (sizeof(options) / sizeof(options[0]))]; };
  std::vector<v1::Change> log;
  for (int document = 1; document <= 80; ++document) {
    std::vector<v1::Record> records;
    // Most records cite their own document; some cite one delivered later
    // (missing until then).
    const std::string cited = document % 9 == 0 ? DocumentId(1000 + document) : DocumentId(document);
    records.push_back(Membership(cited, pick(countries), v1::MEMBERSHIP_ACTION_JOINED, pick(dates)));
    if (random() % 2) {
      records.push_back(testing::Request(DocumentId(document), pick(countries), v1::ASSISTANCE_OUTCOME_DENIED,
                                         pick(dates)));
    }
    v1::Change change = MakeChange(log.size() + 1, document, std::move(records));
    if (document % 4 == 0) {
      // A syndicated copy of the document before it (all but one sentence
      // shared): the two count as one source.
      const v1::Change& original = log.back();
      *change.mutable_document()->mutable_sentence_fingerprints() = original.document().sentence_fingerprints();
      change.mutable_document()->set_sentence_fingerprints(0, document);
    }
    log.push_back(std::move(change));
    if (document % 9 == 0) {
      // The cited document arrives, with no records of its own.
      log.push_back(MakeChange(log.size() + 1, 1000 + document, {}));
    }
    if (document % 13 == 0) {
      // An earlier document delivered again, re-titled and re-dated: every
      // fact quoting it changes.
      v1::Change again = MakeChange(log.size() + 1, document - 5, {});
      again.mutable_document()->set_title(absl::StrCat("Corrected document ", document - 5));
      again.mutable_document()->mutable_published()->set_year(2023);
      log.push_back(std::move(again));
    }
    if (document % 10 == 0) {
      // An earlier document delivered again with the sentences of another:
      // it becomes that one's copy, and stops being its old copies'.
      v1::Change again = MakeChange(log.size() + 1, document - 7, {});
      *again.mutable_document()->mutable_sentence_fingerprints() =
          MakeChange(0, document - 2, {}).document().sentence_fingerprints();
      log.push_back(std::move(again));
    }
  }
  for (size_t n = 0; n < log.size(); ++n) {
    for (auto& store : stores) {
      if (n % 17 == 5) {
        // A refused gap and an abandoned apply in between leave nothing behind.
        EXPECT_FALSE(store->Apply(MakeChange(log[n].sequence() + 1, 9999, {})).ok());
        const std::atomic<bool> cancel{true};
        EXPECT_EQ(store->ApplyBatch(absl::MakeConstSpan(&log[n], 1), &cancel).code(), absl::StatusCode::kCancelled);
      }
      ASSERT_TRUE(store->Apply(log[n]).ok()) << n;
    }
    const std::string want = *stores[0]->StateDigest();
    for (size_t s = 1; s < stores.size(); ++s) ASSERT_EQ(*stores[s]->StateDigest(), want) << "store " << s << " at " << n;
  }
  for (auto& store : stores) EXPECT_EQ(*store->RecomputeStateDigest(), *store->StateDigest());
  const std::vector<v1::WatchResponse> want = *stores[0]->ReadWatchLog(0, log.size(), log.size());
  for (size_t s = 1; s < stores.size(); ++s) {
    const std::vector<v1::WatchResponse> got = *stores[s]->ReadWatchLog(0, log.size(), log.size());
    ASSERT_EQ(got.size(), want.size());
    for (size_t n = 0; n < want.size(); ++n) {
      EXPECT_EQ(got[n].SerializeAsString(), want[n].SerializeAsString()) << "store " << s << " entry " << n;
    }
  }
}

// A log in which later documents re-date, merge and repeat earlier claims, and
// some documents are delivered twice.
std::vector<v1::Change> MixedLog(int documents) {
  std::mt19937 random(7);
  const char* countries[] = {"RUR", "FRE", "BOR"};
  const char* dates[] = {"2001", "2001-03", "2001-03-04", "2002"};
  auto pick = [&random](const auto& options) { return options[random() % (sizeof(options) / sizeof(options[0]))]; };
  std::vector<v1::Change> log;
  for (int document = 1; document <= documents; ++document) {
    const int id = document % 11 == 0 ? document - 3 : document;  // some delivered again
    log.push_back(MakeChange(log.size() + 1, id,
                             {Membership(DocumentId(id), pick(countries), v1::MEMBERSHIP_ACTION_JOINED, pick(dates)),
                              testing::Request(DocumentId(id), pick(countries), v1::ASSISTANCE_OUTCOME_DENIED,
                                               pick(dates))}));
  }
  return log;
}

TEST_F(FactStoreTest, StagedChangesAppliedLaterGiveTheSameStateAsApplyingEachChange) {
  const std::vector<v1::Change> log = MixedLog(60);
  auto each = OpenStore(dir_.path());
  ASSERT_NE(each, nullptr);
  for (const v1::Change& change : log) ASSERT_TRUE(each->Apply(change).ok());
  ScopedTempDir staged_dir(alliance::testing::MakeTempDir("fact_store_staged"));
  auto staged = OpenStore(staged_dir.path());
  ASSERT_NE(staged, nullptr);
  ASSERT_TRUE(staged->ApplyBatch(absl::MakeConstSpan(log).subspan(0, 10)).ok());
  const std::string digest_at_10 = *staged->StateDigest();
  const std::vector<v1::MembershipEvent> events_at_10 = *staged->MembershipEvents();

  // Staged in three parts (one delivered twice): nothing a query reads moves.
  ASSERT_TRUE(staged->Stage(absl::MakeConstSpan(log).subspan(10, 15)).ok());
  ASSERT_TRUE(staged->Stage(absl::MakeConstSpan(log).subspan(10, 15)).ok());
  ASSERT_TRUE(staged->Stage(absl::MakeConstSpan(log).subspan(25, 20)).ok());
  EXPECT_EQ(staged->staged_sequence(), 45u);
  EXPECT_EQ(staged->applied_sequence(), 10u);
  EXPECT_EQ(*staged->StateDigest(), digest_at_10);
  EXPECT_EQ(staged->MembershipEvents()->size(), events_at_10.size());
  EXPECT_EQ(staged->document_count(), 10);
  // A gap after the staged sequence is refused.
  EXPECT_EQ(staged->Stage(absl::MakeConstSpan(log).subspan(46, 2)).code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(staged->ApplyBatch(absl::MakeConstSpan(log).subspan(46, 2)).code(),
            absl::StatusCode::kFailedPrecondition);

  // The rest, applied: everything staged is consolidated with it, in one
  // watch entry.
  ASSERT_TRUE(staged->ApplyBatch(absl::MakeConstSpan(log).subspan(45)).ok());

  EXPECT_EQ(staged->applied_sequence(), log.size());
  EXPECT_EQ(*staged->StateDigest(), *each->StateDigest());
  EXPECT_EQ(*staged->RecomputeStateDigest(), *each->StateDigest());
  EXPECT_EQ(staged->fact_count(), each->fact_count());
  EXPECT_EQ(staged->document_count(), each->document_count());
  EXPECT_EQ(staged->ReadWatchLog(10, log.size(), 100)->size(), 1u);
  ExpectPagesMatchTheFullScan(*staged);
}

TEST_F(FactStoreTest, ChangesStagedBeforeAStopAreAppliedWhenTheStoreOpens) {
  const std::vector<v1::Change> log = MixedLog(30);
  ScopedTempDir each_dir(alliance::testing::MakeTempDir("fact_store_each"));
  auto each = OpenStore(each_dir.path());
  ASSERT_NE(each, nullptr);
  for (const v1::Change& change : log) ASSERT_TRUE(each->Apply(change).ok());
  {
    auto staged = OpenStore(dir_.path());
    ASSERT_NE(staged, nullptr);
    ASSERT_TRUE(staged->ApplyBatch(absl::MakeConstSpan(log).subspan(0, 5)).ok());
    ASSERT_TRUE(staged->Stage(absl::MakeConstSpan(log).subspan(5)).ok());
    EXPECT_EQ(staged->applied_sequence(), 5u);
  }

  auto reopened = OpenStore(dir_.path());

  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(reopened->applied_sequence(), log.size());
  EXPECT_EQ(reopened->staged_sequence(), log.size());
  EXPECT_EQ(*reopened->StateDigest(), *each->StateDigest());
  EXPECT_EQ(reopened->document_count(), each->document_count());
  EXPECT_EQ(reopened->fact_count(), each->fact_count());
  // Re-delivered changes are skipped, and the log goes on.
  EXPECT_TRUE(reopened->ApplyBatch(log).ok());
  EXPECT_EQ(*reopened->StateDigest(), *each->StateDigest());
  const v1::Change next = MakeChange(log.size() + 1, 500, {Membership(DocumentId(500), "SYL",
                                                                     v1::MEMBERSHIP_ACTION_JOINED, "2004")});
  EXPECT_TRUE(reopened->Stage(absl::MakeConstSpan(&next, 1)).ok());
  EXPECT_TRUE(reopened->ApplyBatch({}).ok());
  EXPECT_EQ(reopened->applied_sequence(), log.size() + 1);
}

TEST(FactStoreScale, AppliesALongLogOfRepeatedGroups) {
  ScopedTempDir dir(alliance::testing::MakeTempDir("fact_store_scale"));
  FactStoreOptions options;
  options.sync = false;
  auto store = FactStore::Open(dir.path(), options);
  ASSERT_TRUE(store.ok());
  const char* kCountries[] = {"ARM", "BLR", "KAZ", "KGZ", "RUS", "TJK", "UZB", "AZE", "GEO"};
  const absl::Time start = absl::Now();
  for (int i = 0; i < 1100; ++i) {
    const std::string country = kCountries[i % 9];
    const std::string other = kCountries[(i / 9 + 3) % 9];
    const std::string year = std::to_string(1993 + i % 30);
    ASSERT_TRUE((*store)
                    ->Apply(MakeChange(i + 1, i, {Membership(DocumentId(i), country, v1::MEMBERSHIP_ACTION_JOINED, year),
                                                  testing::Request(DocumentId(i), other, v1::ASSISTANCE_OUTCOME_DENIED,
                                                                   std::to_string(1994 + i % 30))}))
                    .ok());
  }
  EXPECT_EQ((*store)->applied_sequence(), 1100u);
  // 90 (country, year) joins and 270 (country, year) refused requests.
  EXPECT_EQ((*store)->fact_count(), 360);
  EXPECT_LT(absl::Now() - start, absl::Seconds(120)) << "re-consolidating a group must stay cheap";
  const std::string digest = *(*store)->StateDigest();
  store->reset();
  auto reopened = FactStore::Open(dir.path(), options);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(*(*reopened)->StateDigest(), digest);
}

}  // namespace
}  // namespace alliance::query
