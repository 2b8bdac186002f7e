// Library-level check of the bundled corpus against the spirit of
// seed-gold.json (tests/e2e/testdata): required membership events and
// requests appear somewhere in the corpus with the right action, outcome and
// date; forbidden ones never appear asserted; the Kazakhstan intervention
// carries its start, troops and requester; every evidence quote is the text it
// points at. Cross-document merging is the query service's job, so this looks
// at records only. Prints precision and recall per kind.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "gmock/gmock.h"
#include "common/partial_date.h"
#include "gtest/gtest.h"
#include "ingest-service/extract/pipeline.h"
#include "tests/extract/events/event_test_support.h"
#include "tests/extract/events/one_article_answers.h"

namespace alliance::ingest {
namespace {

namespace fs = std::filesystem;

struct Expected {
  std::string country;
  std::set<std::string> kinds;  // actions or outcomes, any of which is right
  std::string date;             // "", "1999", "1999-04", "1992-05-15"
};

// The gold items (facts about the corpus belong in tests, never in code).
const std::vector<Expected> kRequiredMembership = {
    {"ARM", {"SIGNED"}, "1992-05-15"}, {"KAZ", {"SIGNED"}, "1992-05-15"}, {"KGZ", {"SIGNED"}, "1992-05-15"},
    {"RUS", {"SIGNED"}, "1992-05-15"}, {"TJK", {"SIGNED"}, "1992-05-15"}, {"UZB", {"SIGNED"}, "1992-05-15"},
    {"AZE", {"JOINED", "SIGNED"}, "1993"}, {"BLR", {"JOINED", "SIGNED"}, "1993"},
    {"GEO", {"JOINED", "SIGNED"}, "1993"}, {"ARM", {"RENEWED"}, "1999-04"}, {"BLR", {"RENEWED"}, "1999-04"},
    {"KAZ", {"RENEWED"}, "1999-04"}, {"KGZ", {"RENEWED"}, "1999-04"}, {"RUS", {"RENEWED"}, "1999-04"},
    {"TJK", {"RENEWED"}, "1999-04"}, {"AZE", {"DECLINED_RENEWAL", "WITHDREW"}, "1999"},
    {"GEO", {"DECLINED_RENEWAL", "WITHDREW"}, "1999"}, {"UZB", {"DECLINED_RENEWAL", "WITHDREW"}, "1999"},
    {"UZB", {"REJOINED", "JOINED"}, "2006"}, {"UZB", {"WITHDREW", "SUSPENDED"}, "2012"}};
const std::vector<Expected> kAllowedMembership = {
    {"AZE", {"SIGNED"}, "1992"}, {"BLR", {"SIGNED", "JOINED"}, "1992"}, {"GEO", {"SIGNED", "JOINED"}, "1992"},
    {"SRB", {"OBSERVER_GRANTED"}, ""}, {"AFG", {"OBSERVER_GRANTED", "OBSERVER_ENDED"}, ""},
    {"AZE", {"PARTNER_PROPOSED"}, "2019"}, {"*", {"RENEWED", "SIGNED", "JOINED"}, "1994"}};
const std::vector<Expected> kForbiddenMembership = {
    {"ARM", {"WITHDREW", "SUSPENDED"}, ""}, {"UKR", {"*"}, ""}, {"SRB", {"JOINED"}, ""}};
const std::vector<Expected> kRequiredRequests = {
    {"KGZ", {"DENIED"}, "2010-06"}, {"ARM", {"DENIED"}, "2021"},         {"ARM", {"DENIED"}, "2022-09"},
    {"KAZ", {"GRANTED"}, "2022"},   {"BLR", {"NOT_REQUESTED"}, "2020"}, {"ARM", {"DENIED"}, "2020"},
    {"ARM", {"NOT_REQUESTED"}, "2020"}};
const std::vector<Expected> kAllowedRequests = {{"TJK", {"DENIED"}, "2010-09"}, {"TJK", {"DENIED"}, "2021"}};

// True when `actual` (YYYY[-MM[-DD]] or "") equals or refines `gold`.
bool DateMatches(const std::string& actual, const std::string& gold) {
  return gold.empty() || actual.compare(0, gold.size(), gold) == 0;
}

bool Matches(const Expected& e, const std::string& country, const std::string& kind, const std::string& date) {
  return (e.country == "*" || e.country == country) && (e.kinds.count("*") > 0 || e.kinds.count(kind) > 0) &&
         DateMatches(date, e.date);
}

// Precision and recall of distinct asserted (country, kind, date) items.
struct Score {
  int required = 0, recalled = 0, judged = 0, correct = 0;
  std::vector<std::string> misses, false_positives;
  void Print(const char* kind) const {
    std::printf("%-12s precision %d/%d = %.2f  recall %d/%d = %.2f\n", kind, correct, judged,
                judged == 0 ? 1.0 : static_cast<double>(correct) / judged, recalled, required,
                required == 0 ? 1.0 : static_cast<double>(recalled) / required);
    for (const auto& m : misses) std::printf("  miss: %s\n", m.c_str());
    for (const auto& f : false_positives) std::printf("  false positive: %s\n", f.c_str());
  }
};

using Item = std::tuple<std::string, std::string, std::string>;  // country, kind, date

Score ScoreItems(const std::set<Item>& items, const std::vector<Expected>& required,
                 const std::vector<Expected>& allowed) {
  Score score;
  score.required = static_cast<int>(required.size());
  for (const Expected& e : required) {
    bool found = false;
    for (const auto& [c, k, d] : items) found |= Matches(e, c, k, d);
    if (found) {
      ++score.recalled;
    } else {
      score.misses.push_back(e.country + " " + *e.kinds.begin() + " " + e.date);
    }
  }
  for (const auto& [c, k, d] : items) {
    bool is_required = false, is_allowed = false;
    for (const Expected& e : required) is_required |= Matches(e, c, k, d);
    for (const Expected& e : allowed) is_allowed |= Matches(e, c, k, d);
    // A coarser date ("2010" for "2010-06") or none merges into the finer fact
    // of the same country and kind in the query service: judge it by that fact.
    for (const Expected& e : required) {
      is_required |= !d.empty() && e.date.compare(0, d.size(), d) == 0 && Matches(Expected{e.country, e.kinds, ""}, c, k, "");
    }
    // A PENDING request yields to a definite outcome of the same request.
    if (k == "PENDING") {
      bool definite = false;
      for (const auto& [c2, k2, d2] : items) definite |= c2 == c && k2 != "PENDING" && (d2.compare(0, d.size(), d) == 0 || d.compare(0, d2.size(), d2) == 0);
      if (definite) continue;
    }
    if (d.empty()) {
      for (const Expected& e : required) is_required |= Matches(Expected{e.country, e.kinds, ""}, c, k, "");
      for (const Expected& e : allowed) is_allowed |= Matches(Expected{e.country, e.kinds, ""}, c, k, "");
    }
    if (is_allowed && !is_required) continue;
    ++score.judged;
    if (is_required) {
      ++score.correct;
    } else {
      score.false_positives.push_back(c + " " + k + " " + d);
    }
  }
  return score;
}

class SeedGoldTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto extractor = NewPipelineExtractor(events::testing::LexiconDir());
    ASSERT_TRUE(extractor.ok()) << extractor.status();
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(std::string(ALLIANCE_SOURCE_DIR) + "/data/corpus")) {
      if (entry.path().extension() == ".txt") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    results_ = new std::vector<ExtractionResult>();
    for (const auto& file : files) {
      std::ifstream in(file, std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      v1::Document document;
      document.set_text(buffer.str());
      auto result = (*extractor)->Extract(document);
      ASSERT_TRUE(result.ok()) << file << ": " << result.status();
      results_->push_back(std::move(*result));
    }
  }
  static void TearDownTestSuite() { delete results_; }

  static std::vector<ExtractionResult>* results_;
};

std::vector<ExtractionResult>* SeedGoldTest::results_ = nullptr;

TEST_F(SeedGoldTest, MembershipEventsMatchTheGold) {
  std::set<Item> items;
  for (const auto& result : *results_) {
    for (const auto& e : events::testing::Memberships(result.records)) {
      if (e.organization() != "CSTO" || e.factuality() != v1::FACTUALITY_ASSERTED) continue;
      const std::string action = v1::MembershipAction_Name(e.action()).substr(18);
      const std::string date = FormatDate(e.date());
      for (const Expected& f : kForbiddenMembership) {
        EXPECT_FALSE(Matches(f, e.country(), action, date)) << "forbidden: " << events::testing::Describe(e);
      }
      items.emplace(e.country(), action, date);
    }
  }
  const Score score = ScoreItems(items, kRequiredMembership, kAllowedMembership);
  score.Print("membership");
  EXPECT_EQ(score.recalled, score.required);
  EXPECT_GE(score.correct, score.judged * 9 / 10);
}

TEST_F(SeedGoldTest, AssistanceRequestsMatchTheGold) {
  std::set<Item> items;
  for (const auto& result : *results_) {
    for (const auto& r : events::testing::Requests(result.records)) {
      if (r.organization() != "CSTO" || r.factuality() != v1::FACTUALITY_ASSERTED) continue;
      items.emplace(r.requester_country(), v1::AssistanceOutcome_Name(r.outcome()).substr(19), FormatDate(r.date()));
    }
  }
  const Score score = ScoreItems(items, kRequiredRequests, kAllowedRequests);
  score.Print("requests");
  EXPECT_EQ(score.recalled, score.required);
  EXPECT_GE(score.correct, score.judged * 8 / 10);
}

TEST_F(SeedGoldTest, TheKazakhstanInterventionHasItsStartTroopsAndRequester) {
  bool start = false, end = false, total = false, russia = false, requester = false;
  int judged = 0, correct = 0;
  for (const auto& result : *results_) {
    for (const auto& i : events::testing::Interventions(result.records)) {
      if (i.factuality() != v1::FACTUALITY_ASSERTED) continue;
      EXPECT_NE(i.host_country(), "UKR");
      EXPECT_NE(i.host_country(), "SYR");
      ++judged;
      if (i.organization() != "CSTO" || i.host_country() != "KAZ") continue;
      ++correct;
      start |= DateMatches(FormatDate(i.start()), "2022-01");
      end |= DateMatches(FormatDate(i.end()), "2022-01");
      for (const auto& t : i.troops()) {
        total |= t.country().empty() && t.count() == 2500;
        russia |= t.country() == "RUS" && t.count() == 3000 && t.approximate();
      }
    }
  }
  // The requester is linked in consolidation, from the article's own request.
  for (const auto& result : *results_) {
    for (const auto& i : events::testing::Interventions(events::testing::AnswersFromOneArticle(result.records))) {
      requester |= i.organization() == "CSTO" && i.host_country() == "KAZ" &&
                   i.factuality() == v1::FACTUALITY_ASSERTED && i.requested_by() == "KAZ";
    }
  }
  std::printf("%-12s precision %d/%d (records)  start %d end %d troops %d RUS %d requester %d\n", "intervention",
              correct, judged, start, end, total, russia, requester);
  EXPECT_EQ(correct, judged);
  EXPECT_TRUE(start);
  EXPECT_TRUE(end);
  EXPECT_TRUE(total);
  EXPECT_TRUE(russia);
  EXPECT_TRUE(requester);
}

TEST_F(SeedGoldTest, EveryEvidenceQuoteIsTheSentenceItPointsAt) {
  for (const auto& result : *results_) {
    std::vector<v1::Evidence> evidence;
    for (const auto& r : result.records) {
      if (r.has_membership_event()) evidence.insert(evidence.end(), r.membership_event().evidence().begin(),
                                                    r.membership_event().evidence().end());
      if (r.has_intervention()) evidence.insert(evidence.end(), r.intervention().evidence().begin(),
                                                r.intervention().evidence().end());
      if (r.has_assistance_request()) evidence.insert(evidence.end(), r.assistance_request().evidence().begin(),
                                                      r.assistance_request().evidence().end());
    }
    for (const auto& e : evidence) {
      ASSERT_LE(e.begin(), e.end());
      ASSERT_LE(static_cast<size_t>(e.end()), result.normalized_text.size());
      EXPECT_EQ(e.quote(), result.normalized_text.substr(static_cast<size_t>(e.begin()),
                                                         static_cast<size_t>(e.end() - e.begin())));
      EXPECT_FALSE(e.quote().empty());
      EXPECT_EQ(e.quote().find('\n'), std::string::npos) << e.quote();
    }
  }
}

// Every date read from the corpus says how it was read and what days it can
// mean (v1::PartialDate): a rule, an anchor for the rules that count from one,
// and an interval of real days in order.
TEST_F(SeedGoldTest, EveryDateCarriesItsRuleAnchorAndInterval) {
  int dates = 0;
  for (const auto& result : *results_) {
    std::vector<const v1::PartialDate*> found;
    for (const auto& r : result.records) {
      if (r.has_membership_event()) found.push_back(&r.membership_event().date());
      if (r.has_intervention()) found.insert(found.end(), {&r.intervention().start(), &r.intervention().end()});
      if (r.has_assistance_request()) found.push_back(&r.assistance_request().date());
    }
    for (const v1::PartialDate* date : found) {
      if (IsUnset(*date)) continue;
      ++dates;
      const std::string label = date->ShortDebugString();
      EXPECT_NE(date->rule(), v1::DATE_RULE_UNSPECIFIED) << label;
      const bool counted_from_another = date->rule() != v1::DATE_RULE_ABSOLUTE &&
                                        date->rule() != v1::DATE_RULE_OFFSET_FROM_DATE;
      EXPECT_EQ(!date->anchor().empty(), counted_from_another) << label;
      auto earliest = ParseIsoDate(date->earliest(), "earliest");
      auto latest = ParseIsoDate(date->latest(), "latest");
      ASSERT_TRUE(earliest.ok() && latest.ok()) << label;
      EXPECT_NE(earliest->day(), 0) << label;
      EXPECT_NE(latest->day(), 0) << label;
      EXPECT_LE(FirstDayKey(*earliest), FirstDayKey(*latest)) << label;
      EXPECT_EQ(IntervalOf(*date).first, FirstDayKey(*earliest)) << label;
    }
  }
  EXPECT_GT(dates, 20);
}

}  // namespace
}  // namespace alliance::ingest
