// The behavioural suite of issue #8 (tests/extract/testdata/phenomena.json, in
// the CheckList style): every case is one linguistic phenomenon in a short text
// with the records a correct extractor emits. Each case goes through the whole
// pipeline (NewPipelineExtractor) with its publication date, and its records
// through consolidation, as the query service would answer from that one
// article (requests and interventions are linked there); the test prints
// the pass rate per phenomenon and every failing case, and gates on ratchets.
//
// Scoring: only records of the CSTO (or with no organization) count, as the
// query service filters by organization. A case passes when every expected
// item is matched by some record and, when the case is `complete`, every
// scored record matches some expected item. Dates match exactly (an expected
// "" matches any date), factuality must be equal.
//
// Developer mode: ALLIANCE_PHENOMENA_FILTER=<substring of an id or phenomenon>
// runs only the matching cases (the overall floor is then not checked), e.g.
//   ALLIANCE_PHENOMENA_FILTER=gapping build/tests/extract/events/phenomena_test
// ALLIANCE_LEXICON_DIR=<dir> loads the lexicons from another directory than data/lexicon.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/partial_date.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "ingest-service/extract/pipeline.h"
#include "tests/extract/events/one_article_answers.h"
#include "phenomena.pb.h"

namespace alliance::ingest {
namespace {

using ::alliance::testing::PhenomenaSuite;
using ::alliance::testing::PhenomenonCase;
using ::alliance::testing::PhenomenonIntervention;
using ::alliance::testing::PhenomenonMembership;
using ::alliance::testing::PhenomenonRequest;

// Issue #8's target: at least 90% of all cases pass.
constexpr double kPassRateTarget = 0.90;
// The ratchet below the target: the cases the pipeline passes (41 of 148 when
// the suite was added at 973ad44; 97 of 148 at 53d8373; 101 at 6df9eb9; 118,
// 80%, at the end of the issue #8 session; 120 with unaddressed requests and
// addressees named as members; 125 with passive agents of requests and unit
// counts; 129 with statement-dated reports, seasons and parenthesized lists;
// 131 once a noun sharing a verb frame's words kept its own trigger; 132 with
// venues and ties of focus to the ledger's organization; 133 with places; 134,
// 90.5%, the target, with "They had arrived" and "out of Kazakhstan"; 135 with
// "accession" as a noun of its own; 136 with elided possessors).
// Raise it whenever
// extraction improves (to the new count of passing cases; the test prints it),
// never lower it, until it reaches kPassRateTarget.
constexpr double kPassRateFloor = 136.0 / 148;

// Phenomena in which no case may produce a false ASSERTED record (a scored
// ASSERTED record that matches no expected item). Target: 100% of these cases.
const std::set<std::string> kNoFalseAssertionPhenomena = {"negation", "hypothetical", "proposal",
                                                          "other-alliance-distractor", "non-member-actor"};
// Cases of those phenomena that produce a false ASSERTED record. Empty is the
// goal, reached when negation-03 ("has not asked the CSTO to intervene": no
// intervention, the year) was fixed; the test fails when a listed case is
// clean, so an id leaves as soon as it can. Never add one.
const std::set<std::string> kKnownFalseAssertions = {};

const char kScoredOrganization[] = "CSTO";

std::string SourcePath(const std::string& relative) { return std::string(ALLIANCE_SOURCE_DIR) + "/" + relative; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Enum names without their prefix ("SIGNED", "DENIED", "ASSERTED").
std::string ActionName(v1::MembershipAction action) {
  return v1::MembershipAction_Name(action).substr(std::string("MEMBERSHIP_ACTION_").size());
}
std::string OutcomeName(v1::AssistanceOutcome outcome) {
  return v1::AssistanceOutcome_Name(outcome).substr(std::string("ASSISTANCE_OUTCOME_").size());
}
std::string FactualityName(v1::Factuality factuality) {
  return v1::Factuality_Name(factuality).substr(std::string("FACTUALITY_").size());
}

bool Contains(const google::protobuf::RepeatedPtrField<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

bool DateEquals(const v1::PartialDate& actual, const std::string& expected) {
  return expected.empty() || FormatDate(actual) == expected;
}

std::string Or(const std::string& value, const std::string& fallback) { return value.empty() ? fallback : value; }

// --- Expected items -------------------------------------------------------

bool Matches(const PhenomenonMembership& want, const v1::MembershipEvent& got) {
  return want.country() == got.country() && Contains(want.actions(), ActionName(got.action())) &&
         DateEquals(got.date(), want.date()) && want.factuality() == FactualityName(got.factuality());
}

bool Matches(const PhenomenonRequest& want, const v1::AssistanceRequest& got) {
  return want.requester_country() == got.requester_country() && Contains(want.outcomes(), OutcomeName(got.outcome())) &&
         DateEquals(got.date(), want.date()) && want.factuality() == FactualityName(got.factuality());
}

// The troop figure of `country` ("" for the whole force) equal to `count`.
bool HasTroops(const v1::Intervention& got, const std::string& country, int count) {
  return std::any_of(got.troops().begin(), got.troops().end(),
                     [&](const v1::TroopContribution& t) { return t.country() == country && t.count() == count; });
}

bool HasContributor(const v1::Intervention& got, const std::string& country) {
  return Contains(got.contributing_countries(), country) ||
         std::any_of(got.troops().begin(), got.troops().end(),
                     [&](const v1::TroopContribution& t) { return t.country() == country; });
}

bool Matches(const PhenomenonIntervention& want, const v1::Intervention& got) {
  if (want.host_country() != got.host_country() || want.factuality() != FactualityName(got.factuality())) return false;
  if (!want.start().empty() && FormatDate(got.start()) != want.start()) return false;
  if (!want.end().empty() && FormatDate(got.end()) != want.end()) return false;
  if (want.troops_total() > 0 && !HasTroops(got, "", want.troops_total())) return false;
  for (const auto& country : want.contributors_include()) {
    if (!HasContributor(got, country)) return false;
  }
  for (const auto& [country, count] : want.contributor_troops()) {
    if (!HasTroops(got, country, count)) return false;
  }
  return want.requested_by_country().empty() || want.requested_by_country() == got.requested_by();
}

std::string Describe(const PhenomenonMembership& want) {
  return absl::StrCat("membership ", want.country(), " ", absl::StrJoin(want.actions(), "|"), " ",
                      Or(want.date(), "(any date)"), " ", want.factuality());
}

std::string Describe(const PhenomenonRequest& want) {
  return absl::StrCat("request    ", want.requester_country(), " ", absl::StrJoin(want.outcomes(), "|"), " ",
                      Or(want.date(), "(any date)"), " ", want.factuality());
}

std::string Describe(const PhenomenonIntervention& want) {
  std::string out = absl::StrCat("intervention in ", want.host_country());
  if (!want.start().empty() || !want.end().empty()) {
    absl::StrAppend(&out, " ", Or(want.start(), "?"), "..", Or(want.end(), "?"));
  }
  if (want.troops_total() > 0) absl::StrAppend(&out, " total ", want.troops_total());
  std::map<std::string, int> per_country(want.contributor_troops().begin(), want.contributor_troops().end());
  for (const auto& [country, count] : per_country) absl::StrAppend(&out, " ", country, "=", count);
  if (!want.contributors_include().empty()) {
    absl::StrAppend(&out, " contributors ", absl::StrJoin(want.contributors_include(), ","));
  }
  if (!want.requested_by_country().empty()) absl::StrAppend(&out, " requested by ", want.requested_by_country());
  return absl::StrCat(out, " ", want.factuality());
}

// --- Extracted records ----------------------------------------------------

// Applies `get` to whichever kind of record `record` holds (a default value when none).
template <typename Get>
auto OfRecord(const v1::Record& record, Get get) -> std::decay_t<decltype(get(record.membership_event()))> {
  switch (record.kind_case()) {
    case v1::Record::kMembershipEvent:
      return get(record.membership_event());
    case v1::Record::kAssistanceRequest:
      return get(record.assistance_request());
    case v1::Record::kIntervention:
      return get(record.intervention());
    default:
      return {};
  }
}

std::string Organization(const v1::Record& record) {
  return OfRecord(record, [](const auto& r) { return r.organization(); });
}

v1::Factuality FactualityOf(const v1::Record& record) {
  return OfRecord(record, [](const auto& r) { return r.factuality(); });
}

bool Scored(const v1::Record& record) {
  const std::string organization = Organization(record);
  return organization.empty() || organization == kScoredOrganization;
}

std::string Describe(const v1::Record& record) {
  std::string out;
  if (record.has_membership_event()) {
    const auto& e = record.membership_event();
    out = absl::StrCat("membership ", e.country(), " ", ActionName(e.action()), " ", Or(FormatDate(e.date()), "(no date)"));
  } else if (record.has_assistance_request()) {
    const auto& r = record.assistance_request();
    out = absl::StrCat("request    ", r.requester_country(), " ", OutcomeName(r.outcome()), " ",
                       Or(FormatDate(r.date()), "(no date)"));
  } else if (record.has_intervention()) {
    const auto& i = record.intervention();
    out = absl::StrCat("intervention in ", i.host_country(), " ", Or(FormatDate(i.start()), "?"), "..",
                       Or(FormatDate(i.end()), "?"));
    for (const auto& t : i.troops()) absl::StrAppend(&out, " ", Or(t.country(), "total"), "=", t.count());
    if (!i.contributing_countries().empty()) {
      absl::StrAppend(&out, " contributors ", absl::StrJoin(i.contributing_countries(), ","));
    }
    if (!i.requested_by().empty()) absl::StrAppend(&out, " requested by ", i.requested_by());
  }
  return absl::StrCat(out, " ", FactualityName(FactualityOf(record)), " [", Or(Organization(record), "no organization"),
                      "]");
}

bool MatchesAnyExpected(const PhenomenonCase& c, const v1::Record& record) {
  const auto& expect = c.expect();
  if (record.has_membership_event()) {
    return std::any_of(expect.membership_events().begin(), expect.membership_events().end(),
                       [&](const PhenomenonMembership& want) { return Matches(want, record.membership_event()); });
  }
  if (record.has_assistance_request()) {
    return std::any_of(expect.assistance_requests().begin(), expect.assistance_requests().end(),
                       [&](const PhenomenonRequest& want) { return Matches(want, record.assistance_request()); });
  }
  if (record.has_intervention()) {
    return std::any_of(expect.interventions().begin(), expect.interventions().end(),
                       [&](const PhenomenonIntervention& want) { return Matches(want, record.intervention()); });
  }
  return false;
}

// Appends the descriptions of the `wanted` items that no record matches.
template <typename Want, typename Got>
void CollectMissing(const google::protobuf::RepeatedPtrField<Want>& wanted, const std::vector<Got>& records,
                    std::vector<std::string>* missing) {
  for (const Want& want : wanted) {
    if (std::none_of(records.begin(), records.end(), [&](const Got& got) { return Matches(want, got); })) {
      missing->push_back(Describe(want));
    }
  }
}

// --- Running the suite ----------------------------------------------------

struct CaseResult {
  const PhenomenonCase* c = nullptr;
  std::string error;                        // extraction failed
  std::vector<std::string> missing;         // expected items no scored record matches
  std::vector<std::string> unexpected;      // scored records matching no expected item
  std::vector<std::string> false_asserted;  // the ASSERTED ones among them
  std::vector<std::string> ignored;         // records of other organizations

  bool passed() const { return error.empty() && missing.empty() && (unexpected.empty() || !c->complete()); }
};

struct SuiteRun {
  PhenomenaSuite suite;
  std::string filter;  // ALLIANCE_PHENOMENA_FILTER, when set
  std::vector<CaseResult> results;
  std::string load_error;
};

CaseResult RunCase(const Extractor& extractor, const PhenomenonCase& c) {
  CaseResult result;
  result.c = &c;
  v1::Document document;
  document.set_text(c.text());
  document.set_published(c.published());
  absl::StatusOr<ExtractionResult> extracted = extractor.Extract(document);
  if (!extracted.ok()) {
    result.error = extracted.status().ToString();
    return result;
  }
  std::vector<v1::MembershipEvent> events;
  std::vector<v1::AssistanceRequest> requests;
  std::vector<v1::Intervention> interventions;
  std::vector<v1::Record> scored;
  for (const v1::Record& record : extracted->records) {
    if (Scored(record)) {
      scored.push_back(record);
    } else {
      result.ignored.push_back(Describe(record));
    }
  }
  for (const v1::Record& record : events::testing::AnswersFromOneArticle(scored, kScoredOrganization)) {
    if (record.has_membership_event()) events.push_back(record.membership_event());
    if (record.has_assistance_request()) requests.push_back(record.assistance_request());
    if (record.has_intervention()) interventions.push_back(record.intervention());
    if (!MatchesAnyExpected(c, record)) {
      result.unexpected.push_back(Describe(record));
      if (FactualityOf(record) == v1::FACTUALITY_ASSERTED) result.false_asserted.push_back(Describe(record));
    }
  }
  CollectMissing(c.expect().membership_events(), events, &result.missing);
  CollectMissing(c.expect().assistance_requests(), requests, &result.missing);
  CollectMissing(c.expect().interventions(), interventions, &result.missing);
  return result;
}

// Checks that the gold names enum values that exist (a typo would fail silently).
void ValidateNames(const PhenomenonCase& c) {
  auto check = [&](bool ok, const std::string& what) { EXPECT_TRUE(ok) << c.id() << ": unknown " << what; };
  auto factuality = [&](const std::string& name) {
    v1::Factuality value;
    check(v1::Factuality_Parse("FACTUALITY_" + name, &value), "factuality " + name);
  };
  for (const auto& want : c.expect().membership_events()) {
    for (const auto& action : want.actions()) {
      v1::MembershipAction value;
      check(v1::MembershipAction_Parse("MEMBERSHIP_ACTION_" + action, &value), "action " + action);
    }
    factuality(want.factuality());
  }
  for (const auto& want : c.expect().assistance_requests()) {
    for (const auto& outcome : want.outcomes()) {
      v1::AssistanceOutcome value;
      check(v1::AssistanceOutcome_Parse("ASSISTANCE_OUTCOME_" + outcome, &value), "outcome " + outcome);
    }
    factuality(want.factuality());
  }
  for (const auto& want : c.expect().interventions()) factuality(want.factuality());
}

const SuiteRun& RunSuite() {
  static const SuiteRun* run = [] {
    auto* r = new SuiteRun();
    const std::string json = ReadFile(SourcePath("tests/extract/testdata/phenomena.json"));
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = true;
    const auto status = google::protobuf::util::JsonStringToMessage(absl::StrCat("{\"cases\": ", json, "}"),
                                                                     &r->suite, options);
    if (!status.ok()) {
      r->load_error = absl::StrCat("phenomena.json: ", status.ToString());
      return r;
    }
    // ALLIANCE_LEXICON_DIR tries other lexicons (as extract_dump does).
    const char* lexicon_dir = std::getenv("ALLIANCE_LEXICON_DIR");
    auto extractor = NewPipelineExtractor(lexicon_dir != nullptr ? lexicon_dir : SourcePath("data/lexicon"));
    if (!extractor.ok()) {
      r->load_error = extractor.status().ToString();
      return r;
    }
    if (const char* filter = std::getenv("ALLIANCE_PHENOMENA_FILTER")) r->filter = filter;
    for (const PhenomenonCase& c : r->suite.cases()) {
      if (!r->filter.empty() && !absl::StrContains(c.id(), r->filter) && !absl::StrContains(c.phenomenon(), r->filter)) {
        continue;
      }
      r->results.push_back(RunCase(**extractor, c));
    }
    return r;
  }();
  return *run;
}

// Pass counts of one phenomenon (or of all).
struct Tally {
  int cases = 0;
  int passed = 0;
  int false_asserted = 0;  // cases with a false ASSERTED record
  double rate() const { return cases == 0 ? 0.0 : static_cast<double>(passed) / cases; }
  void Add(const CaseResult& result) {
    ++cases;
    passed += result.passed() ? 1 : 0;
    false_asserted += result.false_asserted.empty() ? 0 : 1;
  }
};

void PrintTable(const SuiteRun& run) {
  std::vector<std::string> order;  // phenomena in file order
  std::map<std::string, Tally> by_phenomenon;
  Tally all;
  for (const CaseResult& result : run.results) {
    const std::string& phenomenon = result.c->phenomenon();
    if (!by_phenomenon.count(phenomenon)) order.push_back(phenomenon);
    by_phenomenon[phenomenon].Add(result);
    all.Add(result);
  }
  if (!run.filter.empty()) std::printf("ALLIANCE_PHENOMENA_FILTER=%s\n", run.filter.c_str());
  std::printf("%-28s %5s %6s %6s  %s\n", "phenomenon", "cases", "passed", "rate", "cases with a false ASSERTED");
  auto row = [](const std::string& name, const Tally& t, bool gated) {
    std::printf("%-28s %5d %6d %5.0f%%  %d%s\n", name.c_str(), t.cases, t.passed, 100 * t.rate(), t.false_asserted,
                gated ? " (gated)" : "");
  };
  for (const std::string& phenomenon : order) {
    row(phenomenon, by_phenomenon[phenomenon], kNoFalseAssertionPhenomena.count(phenomenon) > 0);
  }
  row("overall", all, false);
  std::printf("floor %.1f%% (%.0f of %d), target %.0f%%\n", 100 * kPassRateFloor,
              kPassRateFloor * run.suite.cases_size(), run.suite.cases_size(), 100 * kPassRateTarget);
}

void PrintFailure(const CaseResult& result) {
  const PhenomenonCase& c = *result.c;
  std::string text = c.text().substr(0, 160);
  std::replace(text.begin(), text.end(), '\n', ' ');
  std::printf("\n%s [%s] published %s%s\n  text: %s%s\n", c.id().c_str(), c.phenomenon().c_str(),
              c.published().c_str(), c.complete() ? "" : " (not complete)", text.c_str(),
              c.text().size() > 160 ? "..." : "");
  if (!result.error.empty()) std::printf("  extraction failed: %s\n", result.error.c_str());
  for (const auto& m : result.missing) std::printf("  missing:    %s\n", m.c_str());
  for (const auto& u : result.unexpected) {
    std::printf("  %s %s\n", c.complete() ? "unexpected:" : "other:     ", u.c_str());
  }
  for (const auto& i : result.ignored) std::printf("  (ignored)   %s\n", i.c_str());
  if (!c.note().empty()) std::printf("  note: %s\n", c.note().c_str());
}

TEST(PhenomenaSuite, GoldNamesRealEnumValues) {
  const SuiteRun& run = RunSuite();
  ASSERT_TRUE(run.load_error.empty()) << run.load_error;
  ASSERT_GT(run.suite.cases_size(), 0);
  std::set<std::string> ids;
  for (const PhenomenonCase& c : run.suite.cases()) {
    EXPECT_TRUE(ids.insert(c.id()).second) << "duplicate id " << c.id();
    ValidateNames(c);
  }
  for (const std::string& id : kKnownFalseAssertions) {
    const auto c = std::find_if(run.suite.cases().begin(), run.suite.cases().end(),
                                [&](const PhenomenonCase& c) { return c.id() == id; });
    EXPECT_TRUE(c != run.suite.cases().end() && kNoFalseAssertionPhenomena.count(c->phenomenon()))
        << "kKnownFalseAssertions names " << id << ", which is not a case of a gated phenomenon";
  }
}

TEST(PhenomenaSuite, PassRateIsAtLeastTheFloor) {
  const SuiteRun& run = RunSuite();
  ASSERT_TRUE(run.load_error.empty()) << run.load_error;
  PrintTable(run);
  int passed = 0;
  for (const CaseResult& result : run.results) {
    if (result.passed()) {
      ++passed;
    } else {
      PrintFailure(result);
    }
  }
  std::fflush(stdout);
  if (!run.filter.empty()) {
    GTEST_SKIP() << "ALLIANCE_PHENOMENA_FILTER is set: " << passed << " of " << run.results.size()
                 << " matching cases pass; the floor applies to the whole suite";
  }
  const double rate = static_cast<double>(passed) / run.suite.cases_size();
  EXPECT_GE(rate, kPassRateFloor) << passed << " of " << run.suite.cases_size() << " cases pass";
  if (rate > kPassRateFloor && rate < kPassRateTarget) {
    std::printf("\n%d of %d cases pass: raise kPassRateFloor to %d.0 / %d\n", passed, run.suite.cases_size(), passed,
                run.suite.cases_size());
  }
}

TEST(PhenomenaSuite, NoFalseAssertedRecordInModalityAndDistractorCases) {
  const SuiteRun& run = RunSuite();
  ASSERT_TRUE(run.load_error.empty()) << run.load_error;
  for (const CaseResult& result : run.results) {
    const PhenomenonCase& c = *result.c;
    if (!kNoFalseAssertionPhenomena.count(c.phenomenon())) continue;
    const bool known = kKnownFalseAssertions.count(c.id()) > 0;
    if (result.false_asserted.empty()) {
      // A ratchet: a fixed known case leaves the list, so it cannot come back.
      if (known) ADD_FAILURE() << c.id() << " has no false ASSERTED record now: remove it from kKnownFalseAssertions";
      continue;
    }
    const std::string records = absl::StrJoin(result.false_asserted, "\n  ");
    if (known) {
      std::printf("%s (known): %s\n  %s\n", c.id().c_str(), c.text().c_str(), records.c_str());
    } else {
      ADD_FAILURE() << c.id() << " [" << c.phenomenon() << "] \"" << c.text() << "\"\n  false ASSERTED: " << records;
    }
  }
}

}  // namespace
}  // namespace alliance::ingest
