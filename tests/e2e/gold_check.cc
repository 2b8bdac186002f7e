#include "tests/e2e/gold_check.h"

#include <cstdio>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/util/json_util.h"

namespace alliance::testing {
namespace {

// The members of `a` that are not in `b`.
std::vector<std::string> Minus(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::vector<std::string> out;
  for (const auto& x : a) {
    if (!b.count(x)) out.push_back(x);
  }
  return out;
}

// A list request for the gold's organization that gets everything in one page
// (the gold checks expect far fewer than 1,000 answers).
template <typename Request>
Request OnePage(const SeedGold& gold) {
  Request request;
  request.set_organization(gold.organization());
  request.set_page_size(1000);
  return request;
}

// `status` with the end of a service's log, which goes with its directory.
absl::Status WithLogTail(const absl::Status& status, const std::string& log) {
  const std::string text = ReadFileOrEmpty(log);
  const size_t keep = 600;
  return absl::Status(status.code(), absl::StrCat(status.message(), "\n", log, " ends:\n",
                                                  text.size() > keep ? text.substr(text.size() - keep) : text));
}

}  // namespace

std::string MembersOnDate::Describe() const {
  if (exact()) return absl::StrCat(as_of, " exact (", absl::StrJoin(got, ","), ")");
  std::string out = absl::StrCat(as_of, " got ", absl::StrJoin(got, ","));
  if (const auto missing = Minus(want, got); !missing.empty()) absl::StrAppend(&out, "; missing ", absl::StrJoin(missing, ","));
  if (const auto extra = Minus(got, want); !extra.empty()) absl::StrAppend(&out, "; extra ", absl::StrJoin(extra, ","));
  return out;
}

std::string ConflictCheck::Describe() const {
  std::string out = absl::StrCat(conflicts.size(), " conflict(s)");
  for (const auto& conflict : conflicts) {
    std::vector<std::string> values;
    for (const auto& claim : conflict.claims()) values.push_back(claim.value());
    absl::StrAppend(&out, "\n  conflict: ", conflict.subject_id(), " ", conflict.field(), " (", conflict.claims_size(),
                    " claims: ", absl::StrJoin(values, " | "), ")");
  }
  for (const auto& id : undisputed_requests) absl::StrAppend(&out, "\n  no outcome conflict on ", id);
  if (!troops_conflict) absl::StrAppend(&out, "\n  no troops conflict on a required intervention");
  return out;
}

absl::StatusOr<std::unique_ptr<GoldCheck>> GoldCheck::Start(const std::vector<CorpusDocument>& documents,
                                                            const std::string& gold_path) {
  std::unique_ptr<GoldCheck> check(new GoldCheck());
  const std::string json = ReadFileOrEmpty(SourcePath(gold_path));
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  if (auto parsed = google::protobuf::util::JsonStringToMessage(json, &check->gold_, options); !parsed.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(gold_path, ": ", parsed.ToString()));
  }
  if (absl::Status started = check->cluster_.StartIngest(); !started.ok()) {
    return WithLogTail(started, check->cluster_.root() + "/ingest.log");
  }
  if (absl::Status started = check->cluster_.StartQuery(); !started.ok()) {
    return WithLogTail(started, check->cluster_.root() + "/query-0.log");
  }
  auto ingest = check->cluster_.IngestStub();
  absl::StatusOr<std::vector<v1::IngestDocumentResponse>> ingested = IngestEach(ingest.get(), documents);
  if (!ingested.ok()) return ingested.status();
  if (ingested->size() != documents.size() || documents.empty()) {
    return absl::InternalError(absl::StrCat(ingested->size(), " responses for ", documents.size(), " documents"));
  }
  uint64_t last = 0;
  for (size_t i = 0; i < documents.size(); ++i) {
    check->texts_[(*ingested)[i].document_id()] = documents[i].document.text();
    last = std::max(last, (*ingested)[i].sequence());
  }
  if (auto applied = check->cluster_.WaitForApplied(last); !applied.ok()) return applied.status();
  return check;
}

std::vector<v1::MembershipEvent> GoldCheck::Events() const {
  v1::GetMembershipHistoryRequest request;
  request.set_organization(gold_.organization());
  const auto response = Call(&v1::QueryService::Stub::GetMembershipHistory, request);
  return {response.events().begin(), response.events().end()};
}

std::vector<v1::AssistanceRequest> GoldCheck::Requests() const {
  std::vector<v1::AssistanceRequest> all;
  v1::ListAssistanceRequestsRequest request;
  request.set_organization(gold_.organization());
  do {
    const auto response = Call(&v1::QueryService::Stub::ListAssistanceRequests, request);
    all.insert(all.end(), response.requests().begin(), response.requests().end());
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return all;
}

std::vector<v1::Intervention> GoldCheck::Interventions() const {
  const auto response = Call(&v1::QueryService::Stub::ListInterventions, OnePage<v1::ListInterventionsRequest>(gold_));
  return {response.interventions().begin(), response.interventions().end()};
}

std::vector<v1::Conflict> GoldCheck::Conflicts() const {
  const auto response = Call(&v1::QueryService::Stub::ListConflicts, OnePage<v1::ListConflictsRequest>(gold_));
  return {response.conflicts().begin(), response.conflicts().end()};
}

std::vector<MembersOnDate> GoldCheck::MembersOnGoldDates() const {
  std::vector<MembersOnDate> dates;
  for (const auto& expected : gold_.members_as_of()) {
    v1::ListMembersRequest request;
    request.set_organization(gold_.organization());
    request.mutable_as_of()->set_as_written(expected.as_of());
    const auto response = Call(&v1::QueryService::Stub::ListMembers, request);
    MembersOnDate date{expected.as_of(), {expected.members().begin(), expected.members().end()}, {}};
    for (const auto& member : response.members()) {
      if (member.status() == v1::MEMBERSHIP_STATUS_MEMBER) date.got.insert(member.country());
    }
    dates.push_back(std::move(date));
  }
  return dates;
}

ConflictCheck GoldCheck::CheckConflicts() const {
  ConflictCheck check;
  check.conflicts = Conflicts();
  std::set<std::string> subjects;
  for (const auto& conflict : check.conflicts) subjects.insert(absl::StrCat(conflict.subject_id(), "#", conflict.field()));
  // Every disputed request the gold demands is the subject of an outcome conflict.
  for (const auto& request : Requests()) {
    for (const auto& required : gold_.assistance_requests().required()) {
      if (required.must_be_disputed() && request.requester_country() == required.requester_country() &&
          DateMatches(request.date(), required.date()) && !subjects.count(absl::StrCat(request.id(), "#outcome"))) {
        check.undisputed_requests.push_back(request.id());
      }
    }
  }
  // A required intervention's troop figures disagree (whole force vs one contributor).
  for (const auto& intervention : Interventions()) {
    for (const auto& required : gold_.interventions().required()) {
      if (intervention.host_country() == required.host_country() &&
          subjects.count(absl::StrCat(intervention.id(), "#troops"))) {
        check.troops_conflict = true;
      }
    }
  }
  return check;
}

void GoldCheck::CheckQuote(const v1::Evidence& evidence, const std::string& what, QuoteCheck* check) const {
  ++check->checked;
  auto it = texts_.find(evidence.document_id());
  if (it == texts_.end()) {
    check->problems.push_back(absl::StrCat(what, ": unknown document ", evidence.document_id()));
    return;
  }
  const std::string& text = it->second;
  if (evidence.begin() < 0 || evidence.end() > static_cast<int>(text.size()) || evidence.begin() >= evidence.end()) {
    check->problems.push_back(absl::StrCat(what, ": offsets ", evidence.begin(), "..", evidence.end(), " outside ",
                                           text.size(), " bytes"));
    return;
  }
  if (text.substr(evidence.begin(), evidence.end() - evidence.begin()) != evidence.quote()) {
    check->problems.push_back(absl::StrCat(what, ": quote \"", evidence.quote(), "\" is not the text at ",
                                           evidence.begin(), "..", evidence.end()));
  }
}

QuoteCheck GoldCheck::CheckEvidenceQuotes() const {
  QuoteCheck check;
  auto check_all = [&](const std::string& id, const auto& evidence) {
    if (evidence.empty()) check.problems.push_back(absl::StrCat(id, ": no evidence"));
    for (const v1::Evidence& e : evidence) CheckQuote(e, id, &check);
  };
  for (const auto& event : Events()) check_all(event.id(), event.evidence());
  for (const auto& request : Requests()) check_all(request.id(), request.evidence());
  for (const auto& intervention : Interventions()) check_all(intervention.id(), intervention.evidence());
  return check;
}

void GoldCheck::ExpectEvidenceQuotesVerbatim() const {
  const QuoteCheck quotes = CheckEvidenceQuotes();
  std::printf("evidence quotes checked: %d, not verbatim: %zu\n", quotes.checked, quotes.problems.size());
  EXPECT_TRUE(quotes.problems.empty()) << absl::StrJoin(quotes.problems, "\n");
  EXPECT_GT(quotes.checked, 0);
}

}  // namespace alliance::testing
