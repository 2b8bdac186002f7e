#include "query-service/historical_facts.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "query-service/sort_keys.h"
#include "tests/testing/record_parts.h"

namespace alliance::query {
namespace {

using ::alliance::testing::Date;
using ::testing::ElementsAre;

v1::RecordChange Change(v1::ChangeKind kind, const std::string& id, const std::string& date, int sources = 1) {
  v1::RecordChange change;
  change.set_kind(kind);
  v1::AssistanceRequest* request = change.mutable_assistance_request();
  request->set_id(id);
  *request->mutable_date() = Date(date);
  request->set_sources(sources);
  return change;
}

v1::WatchResponse Entry(uint64_t sequence, std::vector<v1::RecordChange> changes) {
  v1::WatchResponse entry;
  entry.set_sequence(sequence);
  for (v1::RecordChange& change : changes) {
    change.set_sequence(sequence);
    *entry.add_changes() = std::move(change);
  }
  return entry;
}

std::vector<std::string> Ids(const std::vector<v1::AssistanceRequest>& facts) {
  std::vector<std::string> ids;
  for (const auto& f : facts) ids.push_back(f.id());
  return ids;
}

TEST(HistoricalFacts, ReplaysAddsUpdatesAndRemovalsInOrder) {
  const std::vector<v1::WatchResponse> log = {
      Entry(1, {Change(v1::CHANGE_KIND_ADDED, "request/ALLY/ZMB/2031", "2031"),
                Change(v1::CHANGE_KIND_ADDED, "request/ALLY/RUR/2030", "2030")}),
      Entry(3, {Change(v1::CHANGE_KIND_UPDATED, "request/ALLY/ZMB/2031", "2031-04", 2)}),
      Entry(4, {Change(v1::CHANGE_KIND_REMOVED, "request/ALLY/RUR/2030", "2030"),
                Change(v1::CHANGE_KIND_ADDED, "request/OTHER/ZMB/2031", "2031")})};
  const auto after_first = HistoricalFacts::FromEntries({log[0]});
  auto page = after_first->AssistanceRequestPage({"ALLY", ""}, "", 10, {});
  ASSERT_TRUE(page.ok());
  EXPECT_THAT(Ids(page->facts), ElementsAre("request/ALLY/RUR/2030", "request/ALLY/ZMB/2031")) << "by date";

  const auto after_all = HistoricalFacts::FromEntries(log);
  page = after_all->AssistanceRequestPage({"ALLY", ""}, "", 10, {});
  ASSERT_TRUE(page.ok());
  ASSERT_THAT(Ids(page->facts), ElementsAre("request/ALLY/ZMB/2031")) << "removed, and another organization's";
  EXPECT_EQ(page->facts[0].sources(), 2) << "the updated version";
  EXPECT_EQ(after_all->size(), 2u);
}

TEST(HistoricalFacts, PagesFollowTheListOrderAndScope) {
  std::vector<v1::RecordChange> changes;
  for (const char* date : {"2034", "2031", "2033", "2032"}) {
    changes.push_back(Change(v1::CHANGE_KIND_ADDED, std::string("request/ALLY/ZMB/") + date, date));
  }
  changes.push_back(Change(v1::CHANGE_KIND_ADDED, "request/ALLY/ZMBX/2031", "2031"));
  const auto facts = HistoricalFacts::FromEntries({Entry(1, changes)});
  auto first = facts->AssistanceRequestPage({"ALLY", "ZMB"}, "", 2, {});
  ASSERT_TRUE(first.ok());
  EXPECT_THAT(Ids(first->facts), ElementsAre("request/ALLY/ZMB/2031", "request/ALLY/ZMB/2032"));
  EXPECT_TRUE(first->more);
  auto second = facts->AssistanceRequestPage({"ALLY", "ZMB"}, SortKeyOf(first->facts.back()), 2, {});
  ASSERT_TRUE(second.ok());
  EXPECT_THAT(Ids(second->facts), ElementsAre("request/ALLY/ZMB/2033", "request/ALLY/ZMB/2034"));
  EXPECT_FALSE(second->more);
  auto kept = facts->AssistanceRequestPage({"ALLY", ""}, "", 10, [](const v1::AssistanceRequest& r) {
    return r.date().year() == 2031;
  });
  ASSERT_TRUE(kept.ok());
  EXPECT_THAT(Ids(kept->facts), ElementsAre("request/ALLY/ZMB/2031", "request/ALLY/ZMBX/2031"));
}

}  // namespace
}  // namespace alliance::query
