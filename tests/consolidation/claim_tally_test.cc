// ClaimTally: values ranked by independent sources (copies count once), ties
// broken as asked; a value's documents come out sorted and unique however
// often they were added; Winner() is Rank()'s first value, checked on random
// tallies.
#include "query-service/consolidation/claim_tally.h"

#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "tests/consolidation/record_builders.h"

namespace alliance::query {
namespace {

using testing::Cite;
using testing::Document;
using testing::Documents;

TEST(ClaimTally, RanksByIndependentSourcesThenTieBreak) {
  const DocumentMap documents = Documents({Document("a", "2022", 4, "wire", 30), Document("a-copy", "2022", 8, "wire", 30),
                                           Document("b", "2022"), Document("c", "2022")});
  SourceIndependence sources(&documents);
  ClaimTally tally(&sources);
  // "Ruritania" from two copies of one report: one source; "Freedonia" from two.
  tally.Add("Ruritania", {"a"}, std::vector<v1::Evidence>{Cite("a")});
  tally.Add("Ruritania", {"a-copy", "a"}, std::vector<v1::Evidence>{Cite("a-copy")});
  tally.AddValue("Freedonia", {"b"});
  tally.AddValue("Freedonia", {"c", "b"});

  const std::vector<RankedClaim> ranked = tally.Rank(LexicographicTieBreak);
  ASSERT_EQ(ranked.size(), 2u);
  EXPECT_EQ(ranked[0].value, "Freedonia");
  EXPECT_EQ(ranked[0].sources, 2);
  EXPECT_EQ(ranked[0].document_ids, (std::vector<std::string>{"b", "c"}));
  EXPECT_TRUE(ranked[0].evidence.empty());
  EXPECT_EQ(ranked[1].value, "Ruritania");
  EXPECT_EQ(ranked[1].sources, 1);
  EXPECT_EQ(ranked[1].document_ids, (std::vector<std::string>{"a", "a-copy"}));
  EXPECT_EQ(ranked[1].evidence.size(), 2u);
  EXPECT_EQ(tally.Winner(LexicographicTieBreak), "Freedonia");
}

TEST(ClaimTally, WinnerIsTheFirstRankedValueAndCountsMatchAFreshCount) {
  std::mt19937 random(17);
  std::vector<v1::DocumentInfo> list;
  for (int d = 0; d < 8; ++d) {
    list.push_back(Document("doc" + std::to_string(d), "2022", 3, d % 3 == 0 ? "wire" : "", d % 3 == 0 ? 20 : 0));
  }
  const DocumentMap documents = Documents(list);
  const std::vector<std::string> values = {"Sylvania", "Borduria", "Syldavia", "Ruritania and Freedonia"};
  for (int round = 0; round < 300; ++round) {
    SourceIndependence sources(&documents);
    ClaimTally tally(&sources);
    const int claims = 1 + static_cast<int>(random() % 6);
    for (int c = 0; c < claims; ++c) {
      std::vector<std::string> ids;
      for (int k = 0; k <= static_cast<int>(random() % 3); ++k) ids.push_back("doc" + std::to_string(random() % 8));
      tally.AddValue(values[random() % values.size()], ids);
    }
    for (const TieBreak& tie_break : {TieBreak(LexicographicTieBreak), TieBreak(LongerTextTieBreak)}) {
      ASSERT_EQ(tally.Winner(tie_break), tally.Rank(tie_break).front().value) << "round " << round;
    }
    // The counts kept as ids were added are the ones counted afresh.
    SourceIndependence afresh(&documents);
    for (const RankedClaim& claim : tally.Rank(LexicographicTieBreak)) {
      ASSERT_EQ(claim.sources, afresh.CountSources(claim.document_ids)) << "round " << round;
    }
  }
}

}  // namespace
}  // namespace alliance::query
