// Scores the query service's answers against seed-gold.json.
#ifndef ALLIANCE_TESTS_E2E_GOLD_SCORER_H_
#define ALLIANCE_TESTS_E2E_GOLD_SCORER_H_

#include <string>
#include <vector>

#include "alliance/v1/records.pb.h"
#include "seed_gold.pb.h"

namespace alliance::testing {

// Precision and recall of one record kind, with the reasons behind misses.
struct KindScore {
  int required = 0;         // required gold items
  int recalled = 0;         // required items found
  int returned = 0;         // returned asserted facts
  int correct = 0;          // returned facts matching a required item
  int allowed = 0;          // returned facts matching only an allowed item
  std::vector<std::string> misses;           // required items not found
  std::vector<std::string> false_positives;  // returned facts matching nothing
  std::vector<std::string> forbidden;        // returned facts matching a forbidden example

  double precision() const {
    const int judged = returned - allowed;
    return judged == 0 ? 1.0 : static_cast<double>(correct) / judged;
  }
  double recall() const { return required == 0 ? 1.0 : static_cast<double>(recalled) / required; }
  double f1() const {
    const double p = precision(), r = recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }
  std::string Summary(const std::string& kind) const;
};

// Returns true when `actual` matches the gold date `gold` ("", "1999", "1999-04",
// "1992-05-15"): equal, or finer than it; an empty gold date matches anything.
bool DateMatches(const v1::PartialDate& actual, const std::string& gold);

// Scores asserted membership events against the gold required/allowed/forbidden lists.
KindScore ScoreMembershipEvents(const SeedGold& gold, const std::vector<v1::MembershipEvent>& events);

// Scores asserted assistance requests; a required item marked must_be_disputed
// only counts when the matching fact is disputed.
KindScore ScoreAssistanceRequests(const SeedGold& gold, const std::vector<v1::AssistanceRequest>& requests);

// How the returned interventions compare with the gold's required and forbidden ones.
struct InterventionCheck {
  // Checks of the required interventions: each one found (host, organization),
  // its start, end, whole-force figure, each listed contributor and the requester.
  int checks = 0;
  int passed = 0;
  int forbidden = 0;                  // returned interventions in a forbidden host
  std::vector<std::string> problems;  // every failed check and forbidden intervention
  bool complete() const { return passed == checks && forbidden == 0; }
  std::string Summary() const;  // counts, then one line per problem
};

// Compares `interventions` with the gold. A required intervention is looked for
// by host (and organization, when given), preferring one whose start matches.
InterventionCheck CheckInterventions(const SeedGold& gold, const std::vector<v1::Intervention>& interventions);

}  // namespace alliance::testing

#endif  // ALLIANCE_TESTS_E2E_GOLD_SCORER_H_
