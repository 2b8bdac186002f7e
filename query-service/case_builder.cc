#include "query-service/case_builder.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/partial_date.h"
#include "query-service/sort_keys.h"

namespace alliance::query {
namespace {

bool GrantedOrPending(const v1::AssistanceRequest& request) {
  return request.outcome() == v1::ASSISTANCE_OUTCOME_GRANTED || request.outcome() == v1::ASSISTANCE_OUTCOME_PENDING;
}

// True when both dates are set and `request` was made in the year
// `intervention` began, no later than it began.
bool DatedAnswer(const v1::AssistanceRequest& request, const v1::Intervention& intervention) {
  return !IsUnset(request.date()) && !IsUnset(intervention.start()) &&
         request.date().year() == intervention.start().year() &&
         FirstDayKey(request.date()) <= LastDayKey(intervention.start());
}

// "<ORG>/<COUNTRY>/<rest>" of a fact id "<kind>/<ORG>/<COUNTRY>/<rest>".
absl::string_view AfterKind(absl::string_view id) {
  const size_t slash = id.find('/');
  return slash == absl::string_view::npos ? id : id.substr(slash + 1);
}

// The first step of a fact carries its evidence.
v1::CaseStep* AddStep(v1::Case* out, v1::CaseStage stage, const v1::PartialDate& date, const std::string& fact_id,
                      std::string summary) {
  v1::CaseStep* step = out->add_timeline();
  step->set_stage(stage);
  if (!IsUnset(date)) *step->mutable_date() = date;
  step->set_fact_id(fact_id);
  step->set_summary(std::move(summary));
  return step;
}

template <typename Fact>
void QuoteFact(const Fact& fact, v1::CaseStep* step) {
  *step->mutable_evidence() = fact.evidence();
  step->set_evidence_total(std::max(fact.evidence_total(), fact.evidence_size()));
}

std::string TroopsSummary(const v1::Intervention& intervention) {
  for (const v1::TroopContribution& troops : intervention.troops()) {
    if (troops.country().empty()) {
      return absl::StrCat(troops.approximate() ? "about " : "", troops.count(), " troops deployed");
    }
  }
  return "forces deployed";
}

void AddIntervention(const v1::Intervention& intervention, v1::Case* out) {
  out->add_intervention_ids(intervention.id());
  QuoteFact(intervention, AddStep(out, v1::CASE_STAGE_DEPLOYED, intervention.start(), intervention.id(),
                                  TroopsSummary(intervention)));
  if (!IsUnset(intervention.end())) {
    AddStep(out, v1::CASE_STAGE_WITHDRAWN, intervention.end(), intervention.id(), "forces withdrawn");
  }
  out->set_disputed(out->disputed() || intervention.disputed());
}

// Orders the steps by stage, then date (undated last), then fact id.
void SortTimeline(v1::Case* out) {
  std::vector<std::pair<std::string, v1::CaseStep>> keyed;
  for (v1::CaseStep& step : *out->mutable_timeline()) {
    std::string key = absl::StrCat(std::string(1, static_cast<char>('a' + step.stage())), DateSortKey(step.date()), "\n",
                                   step.fact_id());
    keyed.emplace_back(std::move(key), std::move(step));
  }
  std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  out->clear_timeline();
  for (auto& [key, step] : keyed) *out->add_timeline() = std::move(step);
}

v1::CaseStatus StatusOf(const v1::Case& out, const v1::AssistanceRequest* request) {
  bool deployed = false, all_ended = true;
  for (const v1::CaseStep& step : out.timeline()) {
    if (step.stage() == v1::CASE_STAGE_DEPLOYED) {
      deployed = true;
      const bool ended = std::any_of(out.timeline().begin(), out.timeline().end(), [&](const v1::CaseStep& other) {
        return other.stage() == v1::CASE_STAGE_WITHDRAWN && other.fact_id() == step.fact_id();
      });
      all_ended &= ended;
    }
  }
  if (deployed) return all_ended ? v1::CASE_STATUS_WITHDRAWN : v1::CASE_STATUS_DEPLOYED;
  switch (request->outcome()) {
    case v1::ASSISTANCE_OUTCOME_GRANTED:
      return v1::CASE_STATUS_GRANTED;
    case v1::ASSISTANCE_OUTCOME_DENIED:
      return v1::CASE_STATUS_DENIED;
    default:
      return v1::CASE_STATUS_REQUESTED;
  }
}

}  // namespace

std::vector<v1::Case> BuildCases(const std::string& organization, const std::vector<v1::AssistanceRequest>& requests,
                                 const std::vector<v1::Intervention>& interventions) {
  // The requests a case starts from, by country, in id order.
  std::map<std::string, std::vector<const v1::AssistanceRequest*>> appeals;
  for (const v1::AssistanceRequest& request : requests) {
    if (request.outcome() != v1::ASSISTANCE_OUTCOME_NOT_REQUESTED) appeals[request.requester_country()].push_back(&request);
  }
  for (auto& [country, list] : appeals) {
    std::sort(list.begin(), list.end(), [](const auto* a, const auto* b) { return a->id() < b->id(); });
  }

  // Which request each intervention answered (null: none).
  std::map<std::string, std::vector<const v1::Intervention*>> answered_by;  // request id -> interventions
  std::vector<const v1::Intervention*> unanswered;
  std::vector<const v1::Intervention*> sorted_interventions;
  for (const v1::Intervention& intervention : interventions) sorted_interventions.push_back(&intervention);
  std::sort(sorted_interventions.begin(), sorted_interventions.end(),
            [](const auto* a, const auto* b) { return a->id() < b->id(); });
  for (const v1::Intervention* intervention : sorted_interventions) {
    const v1::AssistanceRequest* answered = nullptr;
    auto of_host = appeals.find(intervention->host_country());
    if (of_host != appeals.end()) {
      std::vector<const v1::AssistanceRequest*> open;
      for (const v1::AssistanceRequest* request : of_host->second) {
        if (GrantedOrPending(*request)) open.push_back(request);
      }
      for (const v1::AssistanceRequest* request : open) {
        if (DatedAnswer(*request, *intervention) &&
            (answered == nullptr || FirstDayKey(request->date()) > FirstDayKey(answered->date()))) {
          answered = request;
        }
      }
      if (answered == nullptr && open.size() == 1 && intervention->requested_by() == intervention->host_country() &&
          (IsUnset(open[0]->date()) || IsUnset(intervention->start()))) {
        answered = open[0];
      }
    }
    if (answered != nullptr) {
      answered_by[answered->id()].push_back(intervention);
    } else {
      unanswered.push_back(intervention);
    }
  }

  std::vector<v1::Case> cases;
  for (const auto& [country, list] : appeals) {
    for (const v1::AssistanceRequest* request : list) {
      v1::Case& out = cases.emplace_back();
      out.set_id(absl::StrCat("case/", AfterKind(request->id())));
      out.set_organization(organization);
      out.set_country(country);
      out.set_request_id(request->id());
      out.set_disputed(request->disputed());
      std::string asked = absl::StrCat(country, " asked for help");
      if (!request->requester_person().empty()) absl::StrAppend(&asked, " (", request->requester_person(), ")");
      QuoteFact(*request, AddStep(&out, v1::CASE_STAGE_REQUESTED, request->date(), request->id(), std::move(asked)));
      if (request->outcome() == v1::ASSISTANCE_OUTCOME_GRANTED || request->outcome() == v1::ASSISTANCE_OUTCOME_DENIED) {
        AddStep(&out, v1::CASE_STAGE_DECIDED, v1::PartialDate(), request->id(),
                request->outcome() == v1::ASSISTANCE_OUTCOME_GRANTED ? "granted" : "denied");
      }
      auto answering = answered_by.find(request->id());
      if (answering != answered_by.end()) {
        for (const v1::Intervention* intervention : answering->second) AddIntervention(*intervention, &out);
      }
      SortTimeline(&out);
      out.set_status(StatusOf(out, request));
    }
  }
  for (const v1::Intervention* intervention : unanswered) {
    v1::Case& out = cases.emplace_back();
    const absl::string_view rest = AfterKind(intervention->id());  // ORG/COUNTRY/...
    const size_t second = rest.find('/', rest.find('/') + 1);
    out.set_id(second == absl::string_view::npos
                   ? absl::StrCat("case/", rest, "/deployment")
                   : absl::StrCat("case/", rest.substr(0, second), "/deployment", rest.substr(second)));
    out.set_organization(organization);
    out.set_country(intervention->host_country());
    AddIntervention(*intervention, &out);
    SortTimeline(&out);
    out.set_status(StatusOf(out, nullptr));
  }
  std::vector<std::pair<std::string, size_t>> keys;
  for (size_t i = 0; i < cases.size(); ++i) keys.emplace_back(SortKeyOf(cases[i]), i);
  std::sort(keys.begin(), keys.end());
  std::vector<v1::Case> sorted;
  for (const auto& [key, i] : keys) sorted.push_back(std::move(cases[i]));
  return sorted;
}

}  // namespace alliance::query
