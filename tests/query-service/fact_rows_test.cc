// fact_rows: the key schema orders a group's records by sequence, keeps
// groups apart, names brief rows only for facts, and the counters and fact
// codecs read back what was written.
#include "query-service/fact_rows.h"

#include <memory>
#include <string>

#include "common/sequence_key.h"
#include "gtest/gtest.h"
#include "rocksdb/db.h"
#include "tests/query-service/test_changes.h"
#include "tests/testing/subprocess.h"

namespace alliance::query::rows {
namespace {

using ::alliance::query::testing::DocumentId;
using ::alliance::query::testing::Membership;

TEST(FactRowsTest, RecordKeysSortBySequenceThenIndexWithinTheirGroup) {
  const std::string group = "membership/CSTO/ARM";
  // Byte order is numeric order, across a carry in any byte.
  EXPECT_LT(RecordKey(group, 255, 7), RecordKey(group, 256, 0));
  EXPECT_LT(RecordKey(group, 9, 255), RecordKey(group, 9, 256));
  EXPECT_LT(RecordKey(group, 1, 0), RecordKey(group, uint64_t{1} << 40, 0));
  EXPECT_EQ(RecordKey(group, 3, 1).rfind(RecordPrefix(group), 0), 0u);
  EXPECT_NE(RecordKey(group, 3, 1).rfind(RecordPrefix("membership/CSTO/AZE"), 0), 0u);
}

TEST(FactRowsTest, BriefRowsExistForFactsButNotConflicts) {
  EXPECT_EQ(BriefKeyOf("fact/m/membership/CSTO/ARM/joined/1994"), "brief/m/membership/CSTO/ARM/joined/1994");
  EXPECT_EQ(BriefKeyOf("fact/r/request/CSTO/KAZ/2022"), "brief/r/request/CSTO/KAZ/2022");
  v1::Conflict conflict;
  conflict.set_subject_id("membership/CSTO/ARM/joined/1994");
  conflict.set_field("date");
  EXPECT_EQ(BriefKeyOf(ConflictKey(conflict)), "");
  EXPECT_FALSE(IsCountedFact(ConflictKey(conflict)));
  EXPECT_TRUE(IsCountedFact("fact/i/intervention/CSTO/KAZ/2022"));
}

TEST(FactRowsTest, ConflictKeysSortBySubjectThenField) {
  v1::Conflict a, b, c;
  a.set_subject_id("x/1");
  a.set_field("troops");
  b.set_subject_id("x/1/2");  // a longer subject must not sort inside x/1's fields
  b.set_field("date");
  c.set_subject_id("x/1");
  c.set_field("date");
  EXPECT_LT(ConflictKey(c), ConflictKey(a));
  EXPECT_LT(ConflictKey(a), ConflictKey(b));
}

TEST(FactRowsTest, SetFactBoundsEvidenceAndRefusesBytesThatDoNotParse) {
  v1::Record record = Membership(DocumentId(1), "ARM", v1::MEMBERSHIP_ACTION_JOINED, "1994");
  v1::MembershipEvent event = record.membership_event();
  for (int n = 2; n <= 5; ++n) *event.add_evidence() = testing::Cite(DocumentId(n));
  v1::RecordChange change;
  ASSERT_TRUE(SetFact("fact/m/some-id", event.SerializeAsString(), 2, &change).ok());
  ASSERT_TRUE(change.has_membership_event());
  EXPECT_EQ(change.membership_event().evidence_size(), 2);
  EXPECT_EQ(change.membership_event().evidence_total(), 5);
  EXPECT_FALSE(BriefBytes(change).empty());

  v1::RecordChange bad;
  const absl::Status status = SetFact("fact/m/some-id", "\xff\xff\xff", 0, &bad);
  EXPECT_EQ(status.code(), absl::StatusCode::kDataLoss);
  EXPECT_NE(status.message().find("fact/m/some-id"), std::string::npos) << status;
}

}  // namespace
}  // namespace alliance::query::rows
