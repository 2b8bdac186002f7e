#include "tests/e2e/gold_scorer.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "common/partial_date.h"

namespace alliance::testing {
namespace {

std::string ActionName(v1::MembershipAction action) {
  std::string name = v1::MembershipAction_Name(action);
  return name.substr(std::string("MEMBERSHIP_ACTION_").size());
}

std::string OutcomeName(v1::AssistanceOutcome outcome) {
  std::string name = v1::AssistanceOutcome_Name(outcome);
  return name.substr(std::string("ASSISTANCE_OUTCOME_").size());
}

bool Contains(const google::protobuf::RepeatedPtrField<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end() ||
         std::find(values.begin(), values.end(), "*") != values.end();
}

bool EventMatches(const GoldMembershipEvent& gold, const v1::MembershipEvent& event) {
  return (gold.country() == "*" || gold.country() == event.country()) &&
         Contains(gold.actions(), ActionName(event.action())) && DateMatches(event.date(), gold.date());
}

std::string Describe(const v1::MembershipEvent& event) {
  return absl::StrCat(event.country(), " ", ActionName(event.action()), " ", FormatDate(event.date()));
}

std::string Describe(const GoldMembershipEvent& gold) {
  return absl::StrCat(gold.country(), " ", absl::StrJoin(gold.actions(), "|"), " ", gold.date());
}

bool RequestMatches(const GoldRequest& gold, const v1::AssistanceRequest& request) {
  return gold.requester_country() == request.requester_country() &&
         Contains(gold.outcomes(), OutcomeName(request.outcome())) && DateMatches(request.date(), gold.date());
}

std::string Describe(const v1::AssistanceRequest& request) {
  return absl::StrCat(request.requester_country(), " ", FormatDate(request.date()), " ",
                      OutcomeName(request.outcome()), request.disputed() ? " (disputed)" : "");
}

std::string Describe(const GoldRequest& gold) {
  return absl::StrCat(gold.requester_country(), " ", gold.date(), " ", absl::StrJoin(gold.outcomes(), "|"),
                      gold.must_be_disputed() ? " (must be disputed)" : "");
}

}  // namespace

std::string KindScore::Summary(const std::string& kind) const {
  std::string out = absl::StrFormat("%s: precision %.3f (%d/%d, %d allowed), recall %.3f (%d/%d)", kind,
                                    precision(), correct, returned - allowed, allowed, recall(), recalled, required);
  for (const auto& m : misses) absl::StrAppend(&out, "\n  missing: ", m);
  for (const auto& f : false_positives) absl::StrAppend(&out, "\n  unexpected: ", f);
  for (const auto& f : forbidden) absl::StrAppend(&out, "\n  FORBIDDEN: ", f);
  return out;
}

bool DateMatches(const v1::PartialDate& actual, const std::string& gold) {
  if (gold.empty()) return true;
  absl::StatusOr<v1::PartialDate> expected = ParseIsoDate(gold, "gold");
  if (!expected.ok()) return false;
  return FormatDate(actual) == gold || Refines(actual, *expected);
}

KindScore ScoreMembershipEvents(const SeedGold& gold, const std::vector<v1::MembershipEvent>& events) {
  KindScore score;
  const auto& spec = gold.membership_events();
  score.required = spec.required_size();
  for (const auto& required : spec.required()) {
    const bool found = std::any_of(events.begin(), events.end(),
                                   [&](const v1::MembershipEvent& e) { return EventMatches(required, e); });
    if (found) {
      ++score.recalled;
    } else {
      score.misses.push_back(Describe(required));
    }
  }
  for (const auto& event : events) {
    ++score.returned;
    for (const auto& forbidden : spec.forbidden_examples()) {
      if (EventMatches(forbidden, event)) score.forbidden.push_back(Describe(event));
    }
    const bool correct = std::any_of(spec.required().begin(), spec.required().end(),
                                     [&](const GoldMembershipEvent& g) { return EventMatches(g, event); });
    const bool allowed = std::any_of(spec.allowed().begin(), spec.allowed().end(),
                                     [&](const GoldMembershipEvent& g) { return EventMatches(g, event); });
    if (correct) {
      ++score.correct;
    } else if (allowed) {
      ++score.allowed;
    } else {
      score.false_positives.push_back(Describe(event));
    }
  }
  return score;
}

KindScore ScoreAssistanceRequests(const SeedGold& gold, const std::vector<v1::AssistanceRequest>& requests) {
  KindScore score;
  const auto& spec = gold.assistance_requests();
  score.required = spec.required_size();
  for (const auto& required : spec.required()) {
    const bool found = std::any_of(requests.begin(), requests.end(), [&](const v1::AssistanceRequest& r) {
      return RequestMatches(required, r) && (!required.must_be_disputed() || r.disputed());
    });
    if (found) {
      ++score.recalled;
    } else {
      score.misses.push_back(Describe(required));
    }
  }
  for (const auto& request : requests) {
    ++score.returned;
    const bool correct = std::any_of(spec.required().begin(), spec.required().end(),
                                     [&](const GoldRequest& g) { return RequestMatches(g, request); });
    const bool allowed = std::any_of(spec.allowed().begin(), spec.allowed().end(),
                                     [&](const GoldRequest& g) { return RequestMatches(g, request); });
    if (correct) {
      ++score.correct;
    } else if (allowed) {
      ++score.allowed;
    } else {
      score.false_positives.push_back(Describe(request));
    }
  }
  return score;
}

std::string InterventionCheck::Summary() const {
  std::string out = absl::StrFormat("interventions: %d of %d checks passed, %d forbidden", passed, checks, forbidden);
  for (const auto& p : problems) absl::StrAppend(&out, "\n  ", p);
  return out;
}

InterventionCheck CheckInterventions(const SeedGold& gold, const std::vector<v1::Intervention>& interventions) {
  InterventionCheck check;
  auto expect = [&check](bool ok, const std::string& problem) {
    ++check.checks;
    if (ok) {
      ++check.passed;
    } else {
      check.problems.push_back(problem);
    }
  };
  for (const auto& required : gold.interventions().required()) {
    const v1::Intervention* found = nullptr;
    for (const auto& intervention : interventions) {
      if (intervention.host_country() != required.host_country() ||
          (!required.organization().empty() && intervention.organization() != required.organization())) {
        continue;
      }
      if (found == nullptr || DateMatches(intervention.start(), required.start())) found = &intervention;
    }
    const std::string name = absl::StrCat(required.host_country(), " ", required.start());
    // The intervention itself, then each attribute the gold gives.
    const int attributes = (required.start().empty() ? 0 : 1) + (required.end().empty() ? 0 : 1) +
                           (required.troops_total() > 0 ? 1 : 0) + required.contributors_include_size() +
                           (required.requested_by_country().empty() ? 0 : 1);
    expect(found != nullptr, absl::StrCat("no intervention in ", name));
    if (found == nullptr) {
      check.checks += attributes;
      continue;
    }
    if (!required.start().empty()) {
      expect(DateMatches(found->start(), required.start()),
             absl::StrCat(name, ": start ", FormatDate(found->start()), ", want ", required.start()));
    }
    if (!required.end().empty()) {
      expect(DateMatches(found->end(), required.end()),
             absl::StrCat(name, ": end ", FormatDate(found->end()), ", want ", required.end()));
    }
    if (required.troops_total() > 0) {
      const bool total = std::any_of(found->troops().begin(), found->troops().end(), [&](const v1::TroopContribution& t) {
        return t.country().empty() && t.count() == required.troops_total();
      });
      expect(total, absl::StrCat(name, ": no whole-force figure of ", required.troops_total()));
    }
    for (const auto& contributor : required.contributors_include()) {
      expect(std::find(found->contributing_countries().begin(), found->contributing_countries().end(), contributor) !=
                 found->contributing_countries().end(),
             absl::StrCat(name, ": contributor ", contributor, " missing"));
    }
    if (!required.requested_by_country().empty()) {
      expect(found->requested_by() == required.requested_by_country(),
             absl::StrCat(name, ": requested_by \"", found->requested_by(), "\", want ",
                          required.requested_by_country()));
    }
  }
  for (const auto& forbidden : gold.interventions().forbidden_examples()) {
    for (const auto& intervention : interventions) {
      if (intervention.host_country() == forbidden.host_country()) {
        ++check.forbidden;
        check.problems.push_back(
            absl::StrCat("forbidden intervention in ", forbidden.host_country(), ": ", forbidden.why()));
      }
    }
  }
  return check;
}

}  // namespace alliance::testing
