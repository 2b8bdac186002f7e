#include "query-service/fact_explainer.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/partial_date.h"
#include "gtest/gtest.h"
#include "query-service/consolidation/consolidator.h"
#include "tests/consolidation/record_builders.h"

namespace alliance::query {
namespace {

using testing::Document;
using testing::Documents;
using testing::Membership;

constexpr v1::MembershipAction kWithdrew = v1::MEMBERSHIP_ACTION_WITHDREW;
constexpr v1::MembershipAction kJoined = v1::MEMBERSHIP_ACTION_JOINED;

// The sources of the consolidated fact of `action` among `records`, as the
// store would read them: the fact, every record of the group, the documents,
// the conflicts about the fact.
FactSources SourcesOf(const std::vector<SourcedRecord>& records, const DocumentMap& documents,
                      v1::MembershipAction action) {
  const GroupFacts facts = ConsolidateGroup(records, documents, "CSTO");
  FactSources sources;
  for (const v1::MembershipEvent& event : facts.membership_events) {
    if (event.action() == action && event.factuality() != v1::FACTUALITY_NEGATED) {
      *sources.fact.mutable_membership_event() = event;
    }
  }
  EXPECT_TRUE(sources.fact.has_membership_event());
  for (const v1::Conflict& conflict : facts.conflicts) {
    if (conflict.subject_id() == sources.fact.membership_event().id()) sources.conflicts.push_back(conflict);
  }
  sources.records = records;
  sources.documents = documents;
  return sources;
}

// "document:copy_of" per claim, in order ("b:a" for a copy of a).
std::string Claims(const google::protobuf::RepeatedPtrField<v1::Claim>& claims) {
  std::vector<std::string> out;
  for (const v1::Claim& claim : claims) {
    EXPECT_EQ(claim.independent(), claim.copy_of().empty());
    out.push_back(claim.independent() ? claim.document_id() : absl::StrCat(claim.document_id(), ":", claim.copy_of()));
  }
  return absl::StrJoin(out, ",");
}

TEST(FactExplainer, SupportingClaimsAreTheRecordsMergedIntoTheFactWithTheirCopies) {
  // "b" reprints "a"; "c" is independent; "a" also tells of the joining.
  const DocumentMap documents = Documents({Document("a", "2031-03-01", 4, "wire", 6),
                                           Document("b", "2031-03-02", 2, "wire", 6), Document("c", "2031-01-15")});
  const std::vector<SourcedRecord> records = {
      Membership(3, "b", "XAA", kWithdrew, "2030", "CSTO", v1::FACTUALITY_ASSERTED, 1),
      Membership(1, "a", "XAA", kWithdrew, "2030", "CSTO", v1::FACTUALITY_ASSERTED, 1),
      Membership(1, "a", "XAA", kJoined, "2024", "CSTO", v1::FACTUALITY_ASSERTED, 2),
      Membership(2, "c", "XAA", kWithdrew, "2030-11", "CSTO", v1::FACTUALITY_REPORTED, 5)};
  const FactSources sources = SourcesOf(records, documents, kWithdrew);
  const v1::ExplainResponse explained = ExplainFact(sources);
  ASSERT_TRUE(explained.has_membership_event());
  EXPECT_EQ(explained.membership_event().id(), sources.fact.membership_event().id());
  // By publication date; the reprint counted with the article it copies.
  EXPECT_EQ(Claims(explained.supporting()), "c,a,b:a");
  EXPECT_EQ(explained.independent_sources(), 2);
  EXPECT_EQ(explained.independent_sources(), explained.membership_event().sources());
  EXPECT_EQ(explained.supporting(0).document_title(), "Title of c");
  EXPECT_EQ(FormatDate(explained.supporting(0).document_published()), "2031-01-15");
  EXPECT_EQ(explained.supporting(0).record().membership_event().factuality(), v1::FACTUALITY_REPORTED);
  EXPECT_EQ(FormatDate(explained.supporting(0).record().membership_event().date()), "2030-11");
  EXPECT_EQ(explained.supporting(2).sequence(), 3u);
  EXPECT_TRUE(explained.contradicting().empty());
  EXPECT_TRUE(explained.disputes().empty());
}

TEST(FactExplainer, ADisputedDateShowsEachSideAndTheLosingClaimsContradict) {
  // "b" gives only the year, so every record tells of one withdrawal.
  const DocumentMap documents = Documents({Document("a", "2031-01-01"), Document("b", "2031-01-15"),
                                           Document("c", "2031-02-01"), Document("d", "2031-03-01")});
  const std::vector<SourcedRecord> records = {
      Membership(1, "a", "XAA", kWithdrew, "2030-03", "CSTO"), Membership(4, "b", "XAA", kWithdrew, "2030", "CSTO"),
      Membership(2, "c", "XAA", kWithdrew, "2030-05", "CSTO"),
      Membership(3, "d", "XAA", kWithdrew, "2030-05", "CSTO")};
  const v1::ExplainResponse explained = ExplainFact(SourcesOf(records, documents, kWithdrew));
  EXPECT_EQ(FormatDate(explained.membership_event().date()), "2030-05");
  ASSERT_EQ(explained.disputes_size(), 1);
  const v1::ExplainedDispute& dispute = explained.disputes(0);
  EXPECT_EQ(dispute.field(), "date");
  ASSERT_EQ(dispute.sides_size(), 2);
  EXPECT_EQ(dispute.sides(0).value(), "2030-05");
  EXPECT_TRUE(dispute.sides(0).chosen());
  EXPECT_EQ(Claims(dispute.sides(0).claims()), "c,d");
  EXPECT_EQ(dispute.sides(1).value(), "2030-03");
  EXPECT_FALSE(dispute.sides(1).chosen());
  EXPECT_EQ(Claims(dispute.sides(1).claims()), "a");
  EXPECT_EQ(Claims(explained.contradicting()), "a");
  // The losing claim still tells of the withdrawal: it supports the fact too.
  EXPECT_EQ(Claims(explained.supporting()), "a,b,c,d");
}

TEST(FactExplainer, NegationsThatMayBeAboutTheFactContradictIt) {
  const DocumentMap documents =
      Documents({Document("a", "2031-01-01"), Document("e", "2031-02-01"), Document("f", "2031-03-01")});
  const std::vector<SourcedRecord> records = {
      Membership(1, "a", "XAA", kWithdrew, "2030", "CSTO"),
      Membership(2, "e", "XAA", kWithdrew, "2030-06", "CSTO", v1::FACTUALITY_NEGATED),
      Membership(3, "f", "XAA", kWithdrew, "2001", "CSTO", v1::FACTUALITY_NEGATED)};
  const v1::ExplainResponse explained = ExplainFact(SourcesOf(records, documents, kWithdrew));
  EXPECT_EQ(Claims(explained.supporting()), "a");
  EXPECT_EQ(Claims(explained.contradicting()), "e");  // not the denial about 2001
}

TEST(FactExplainer, TheAnswerDoesNotDependOnTheOrderOfTheRecords) {
  const DocumentMap documents = Documents({Document("a", "2031-03-01", 4, "wire", 6),
                                           Document("b", "2031-03-02", 2, "wire", 6), Document("c", "2031-01-15"),
                                           Document("d", "2031-01-15")});
  std::vector<SourcedRecord> records = {
      Membership(1, "a", "XAA", kWithdrew, "2030-03", "CSTO"), Membership(2, "b", "XAA", kWithdrew, "2030-03", "CSTO"),
      Membership(3, "c", "XAA", kWithdrew, "2030-05", "CSTO"), Membership(4, "d", "XAA", kWithdrew, "2030", "CSTO")};
  const std::string reference = ExplainFact(SourcesOf(records, documents, kWithdrew)).SerializeAsString();
  std::sort(records.begin(), records.end(),
            [](const SourcedRecord& x, const SourcedRecord& y) { return x.sequence < y.sequence; });
  do {
    ASSERT_EQ(ExplainFact(SourcesOf(records, documents, kWithdrew)).SerializeAsString(), reference);
  } while (std::next_permutation(records.begin(), records.end(), [](const SourcedRecord& x, const SourcedRecord& y) {
    return x.sequence < y.sequence;
  }));
}

}  // namespace
}  // namespace alliance::query
