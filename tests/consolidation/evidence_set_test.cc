#include "query-service/consolidation/evidence_set.h"

#include "gtest/gtest.h"
#include "tests/consolidation/record_builders.h"

namespace alliance::query {
namespace {

using testing::Cite;
using testing::Document;
using testing::Documents;

TEST(EvidenceSet, DropsDuplicatesAndOrdersByPublicationThenDocumentThenOffset) {
  const DocumentMap documents =
      Documents({Document("late", "2022-03-25"), Document("early", "2010-06-01"),
                 Document("also-early", "2010-06-01")});
  EvidenceSet set(&documents);
  set.Add(Cite("late", 2));
  set.Add(Cite("unknown", 0));
  set.Add(Cite("early", 5));
  set.Add(Cite("early", 1));
  set.Add(Cite("late", 2));
  set.Add(Cite("also-early", 9));
  const std::vector<v1::Evidence> sorted = set.Sorted();
  std::vector<std::string> order;
  for (const v1::Evidence& e : sorted) order.push_back(absl::StrCat(e.document_id(), "@", e.sentence_index()));
  EXPECT_EQ(order, (std::vector<std::string>{"also-early@9", "early@1", "early@5", "late@2", "unknown@0"}));
  EXPECT_EQ(sorted[1].document_title(), "Title of early");
  EXPECT_EQ(sorted[1].document_published().year(), 2010);
}

TEST(EvidenceSet, KeepsTheSameDuplicateWhateverTheOrder) {
  v1::Evidence a = Cite("d", 1), b = Cite("d", 1);
  b.set_quote("a different rendering");
  EvidenceSet first(nullptr), second(nullptr);
  first.Add(a);
  first.Add(b);
  second.Add(b);
  second.Add(a);
  ASSERT_EQ(first.Sorted().size(), 1u);
  EXPECT_EQ(first.Sorted()[0].quote(), second.Sorted()[0].quote());
}

TEST(EvidenceSet, RecordsWithoutEvidenceCountAsTheirOwnSource) {
  google::protobuf::RepeatedPtrField<v1::Evidence> none;
  EXPECT_EQ(RecordDocumentIds(7, none), std::vector<std::string>{"sequence:7"});
  google::protobuf::RepeatedPtrField<v1::Evidence> two;
  *two.Add() = Cite("b");
  *two.Add() = Cite("a");
  *two.Add() = Cite("b", 3);
  EXPECT_EQ(RecordDocumentIds(7, two), (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace alliance::query
