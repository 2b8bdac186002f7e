#include "query-service/evidence_bound.h"

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace alliance::query {
namespace {

using ::testing::ElementsAre;

// Evidence named "<document>:<sentence>" from a list of such names.
google::protobuf::RepeatedPtrField<v1::Evidence> Quotes(const std::vector<std::string>& names) {
  google::protobuf::RepeatedPtrField<v1::Evidence> out;
  for (const std::string& name : names) {
    v1::Evidence* e = out.Add();
    e->set_document_id(name.substr(0, name.find(':')));
    e->set_sentence_index(std::stoi(name.substr(name.find(':') + 1)));
  }
  return out;
}

std::vector<std::string> Names(const google::protobuf::RepeatedPtrField<v1::Evidence>& evidence) {
  std::vector<std::string> out;
  for (const v1::Evidence& e : evidence) out.push_back(e.document_id() + ":" + std::to_string(e.sentence_index()));
  return out;
}

TEST(BoundEvidence, KeepsOnePerDocumentFirstInStoredOrder) {
  auto evidence = Quotes({"a:1", "a:2", "a:3", "b:1", "b:2", "c:1"});
  EXPECT_EQ(BoundEvidence(3, &evidence), 6);
  EXPECT_THAT(Names(evidence), ElementsAre("a:1", "b:1", "c:1"));
}

TEST(BoundEvidence, FillsWithTheRestWhenDocumentsAreFewerThanTheBound) {
  auto evidence = Quotes({"a:1", "a:2", "a:3", "b:1", "b:2"});
  EXPECT_EQ(BoundEvidence(3, &evidence), 5);
  EXPECT_THAT(Names(evidence), ElementsAre("a:1", "a:2", "b:1"));
}

TEST(BoundEvidence, KeepsAllWhenUnderTheBoundOrUnbounded) {
  auto few = Quotes({"a:1", "b:1"});
  EXPECT_EQ(BoundEvidence(3, &few), 2);
  EXPECT_THAT(Names(few), ElementsAre("a:1", "b:1"));
  auto all = Quotes({"a:1", "a:2", "a:3", "a:4"});
  EXPECT_EQ(BoundEvidence(0, &all), 4);
  EXPECT_EQ(all.size(), 4);
}

// Brute-force oracle: for every list of up to six quotes over three documents
// and every bound, the kept quotes are a subsequence of the input, as many as
// the bound allows, and cover as many documents as they can.
TEST(BoundEvidence, MatchesTheOracleOnAllSmallInputs) {
  const std::vector<std::string> documents = {"a", "b", "c"};
  for (int n = 0; n <= 6; ++n) {
    std::vector<int> digits(static_cast<size_t>(n), 0);
    while (true) {
      std::vector<std::string> names;
      for (int i = 0; i < n; ++i) names.push_back(documents[static_cast<size_t>(digits[static_cast<size_t>(i)])] + ":" + std::to_string(i));
      for (int bound = 1; bound <= 7; ++bound) {
        auto evidence = Quotes(names);
        ASSERT_EQ(BoundEvidence(bound, &evidence), n);
        const std::vector<std::string> kept = Names(evidence);
        ASSERT_EQ(static_cast<int>(kept.size()), std::min(n, bound));
        // A subsequence of the input (sentence indexes are positions).
        for (size_t i = 1; i < kept.size(); ++i) ASSERT_LT(evidence.Get(static_cast<int>(i - 1)).sentence_index(),
                                                           evidence.Get(static_cast<int>(i)).sentence_index());
        std::set<std::string> all_documents, kept_documents;
        for (const std::string& name : names) all_documents.insert(name.substr(0, 1));
        for (const std::string& name : kept) kept_documents.insert(name.substr(0, 1));
        ASSERT_EQ(kept_documents.size(), std::min(all_documents.size(), static_cast<size_t>(bound)));
      }
      int i = 0;
      while (i < n && ++digits[static_cast<size_t>(i)] == 3) digits[static_cast<size_t>(i++)] = 0;
      if (i == n) break;
    }
  }
}

TEST(BoundEvidenceOf, RecordsTheTotalOnFactsClaimsAndMembers) {
  v1::AssistanceRequest request;
  *request.mutable_evidence() = Quotes({"a:1", "b:1", "c:1", "d:1"});
  BoundEvidenceOf(2, &request);
  EXPECT_EQ(request.evidence_size(), 2);
  EXPECT_EQ(request.evidence_total(), 4);

  v1::Conflict conflict;
  *conflict.add_claims()->mutable_evidence() = Quotes({"a:1", "b:1", "c:1"});
  *conflict.add_claims()->mutable_evidence() = Quotes({"d:1"});
  BoundEvidenceOf(2, &conflict);
  EXPECT_EQ(conflict.claims(0).evidence_size(), 2);
  EXPECT_EQ(conflict.claims(0).evidence_total(), 3);
  EXPECT_EQ(conflict.claims(1).evidence_total(), 1);

  v1::Member member;
  *member.mutable_evidence() = Quotes({"a:1", "a:2", "a:3", "a:4"});
  BoundEvidenceOf(3, &member);
  EXPECT_EQ(member.evidence_size(), 3);
  EXPECT_EQ(member.evidence_total(), 4);
}

TEST(CopyBounded, EqualsACopyBoundedWholeAndLeavesTheFactAsItWas) {
  const std::vector<std::string> documents = {"a", "b", "c", "d"};
  std::mt19937 random(3);
  for (int round = 0; round < 200; ++round) {
    v1::Intervention fact;
    fact.set_id("intervention/CSTO/RUR/2001");
    fact.set_host_country("RUR");
    fact.set_sources(static_cast<int32_t>(random() % 9));
    if (random() % 3 == 0) fact.set_evidence_total(static_cast<int32_t>(random() % 20));
    std::vector<std::string> names;
    const int n = static_cast<int>(random() % 12);
    for (int i = 0; i < n; ++i) names.push_back(documents[random() % documents.size()] + ":" + std::to_string(i));
    *fact.mutable_evidence() = Quotes(names);
    const std::string before = fact.SerializeAsString();
    for (int bound = 0; bound <= 5; ++bound) {
      v1::Intervention expected = fact;
      BoundEvidenceOf(bound, &expected);
      v1::Intervention got;
      got.set_purpose("left over from before");  // replaced whole
      CopyBounded(bound, &fact, &got);
      ASSERT_EQ(got.SerializeAsString(), expected.SerializeAsString()) << "round " << round << " bound " << bound;
      ASSERT_EQ(fact.SerializeAsString(), before);
    }
  }
  v1::MembershipEvent event;
  *event.mutable_evidence() = Quotes({"a:1", "a:2", "b:1"});
  v1::MembershipEvent bounded_event;
  CopyBounded(2, &event, &bounded_event);
  EXPECT_THAT(Names(bounded_event.evidence()), ElementsAre("a:1", "b:1"));
  EXPECT_EQ(bounded_event.evidence_total(), 3);
  v1::AssistanceRequest request;
  *request.mutable_evidence() = Quotes({"a:1", "b:1", "c:1"});
  v1::AssistanceRequest bounded_request;
  CopyBounded(1, &request, &bounded_request);
  EXPECT_THAT(Names(bounded_request.evidence()), ElementsAre("a:1"));
  EXPECT_EQ(bounded_request.evidence_total(), 3);
}

}  // namespace
}  // namespace alliance::query
