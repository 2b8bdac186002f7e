#include "query-service/fact_explainer.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "common/partial_date.h"
#include "query-service/consolidation/date_merge.h"
#include "query-service/consolidation/evidence_set.h"
#include "query-service/consolidation/fact_fields.h"
#include "query-service/consolidation/membership_merge.h"

namespace alliance::query {
namespace {

using QuoteKey = EvidenceSet::Key;

std::set<QuoteKey> QuotesOf(const google::protobuf::RepeatedPtrField<v1::Evidence>& evidence) {
  std::set<QuoteKey> quotes;
  for (const v1::Evidence& e : evidence) quotes.insert(EvidenceSet::KeyOf(e));
  return quotes;
}

bool SharesAQuote(const v1::Record& record, const std::set<QuoteKey>& quotes) {
  for (const v1::Evidence& e : EvidenceOf(record)) {
    if (quotes.count(EvidenceSet::KeyOf(e)) > 0) return true;
  }
  return false;
}

// The date a record or fact is about: a membership event's date, an
// intervention's start, a request's date.
const v1::PartialDate& DateOf(const v1::Record& record) {
  switch (record.kind_case()) {
    case v1::Record::kIntervention:
      return record.intervention().start();
    case v1::Record::kAssistanceRequest:
      return record.assistance_request().date();
    default:
      return record.membership_event().date();
  }
}

v1::Factuality FactualityOf(const v1::Record& record) {
  switch (record.kind_case()) {
    case v1::Record::kIntervention:
      return record.intervention().factuality();
    case v1::Record::kAssistanceRequest:
      return record.assistance_request().factuality();
    default:
      return record.membership_event().factuality();
  }
}

// True when `record` is about the same kind of thing as `fact`: the same kind
// of record and, for membership events, an action consolidation merges with
// the fact's (SameMembershipEvent: "signed" and "joined" are one entry).
bool SameKind(const v1::Record& record, const v1::Record& fact) {
  if (record.kind_case() != fact.kind_case()) return false;
  return !fact.has_membership_event() ||
         SameMembershipEvent(record.membership_event().action(), fact.membership_event().action());
}

// Builds claims from records, with their articles.
class ClaimMaker {
 public:
  explicit ClaimMaker(const DocumentMap& documents) : documents_(documents) {}

  v1::Claim Make(const SourcedRecord& sourced) const {
    v1::Claim claim;
    *claim.mutable_record() = sourced.record;
    claim.set_sequence(sourced.sequence);
    const auto& evidence = EvidenceOf(sourced.record);
    if (evidence.empty()) return claim;
    const v1::Evidence& first = evidence[0];
    claim.set_document_id(first.document_id());
    claim.set_document_title(first.document_title());
    *claim.mutable_document_published() = first.document_published();
    auto document = documents_.find(first.document_id());
    if (document != documents_.end()) {
      if (!document->second.title().empty()) claim.set_document_title(document->second.title());
      if (!IsUnset(document->second.published())) *claim.mutable_document_published() = document->second.published();
    }
    claim.set_independent(true);
    return claim;
  }

 private:
  const DocumentMap& documents_;
};

// Orders claims by publication date (undated last), then document id, then
// sequence.
bool PublishedBefore(const v1::Claim& a, const v1::Claim& b) {
  const int by_date = CompareDates(a.document_published(), b.document_published());
  if (by_date != 0) return by_date < 0;
  if (a.document_id() != b.document_id()) return a.document_id() < b.document_id();
  return a.sequence() < b.sequence();
}

// Marks the claims (in PublishedBefore order) whose articles are syndicated
// copies of an earlier one's, and returns the number of independent sources.
int MarkCopies(const DocumentMap& documents, std::vector<v1::Claim>* claims) {
  SourceIndependence independence(&documents);
  // The first article of each cluster, in order; and each article's cluster.
  std::vector<std::string> firsts;
  std::map<std::string, std::string> first_of;
  std::vector<std::vector<std::string>> members;
  for (v1::Claim& claim : *claims) {
    const std::string& id = claim.document_id();
    auto known = first_of.find(id);
    if (known == first_of.end()) {
      std::string cluster;
      for (size_t c = 0; c < firsts.size() && cluster.empty(); ++c) {
        for (const std::string& member : members[c]) {
          if (!id.empty() && !member.empty() && independence.AreCopies(id, member)) {
            cluster = firsts[c];
            members[c].push_back(id);
            break;
          }
        }
      }
      if (cluster.empty()) {
        cluster = id;
        firsts.push_back(id);
        members.push_back({id});
      }
      known = first_of.emplace(id, cluster).first;
    }
    if (known->second != id) {
      claim.set_independent(false);
      claim.set_copy_of(known->second);
    }
  }
  return static_cast<int>(firsts.size());
}

}  // namespace

v1::ExplainResponse ExplainFact(const FactSources& sources) {
  v1::ExplainResponse response;
  const v1::Record& fact = sources.fact;
  switch (fact.kind_case()) {
    case v1::Record::kMembershipEvent:
      *response.mutable_membership_event() = fact.membership_event();
      break;
    case v1::Record::kIntervention:
      *response.mutable_intervention() = fact.intervention();
      break;
    case v1::Record::kAssistanceRequest:
      *response.mutable_assistance_request() = fact.assistance_request();
      break;
    case v1::Record::KIND_NOT_SET:
      return response;
  }
  const ClaimMaker maker(sources.documents);
  const std::set<QuoteKey> fact_quotes = QuotesOf(EvidenceOf(fact));

  std::vector<v1::Claim> supporting, contradicting;
  std::set<std::pair<uint64_t, size_t>> contradicting_seen;
  auto contradict = [&](size_t index) {
    if (contradicting_seen.emplace(sources.records[index].sequence, index).second) {
      contradicting.push_back(maker.Make(sources.records[index]));
    }
  };
  for (size_t i = 0; i < sources.records.size(); ++i) {
    const v1::Record& record = sources.records[i].record;
    if (!SameKind(record, fact)) continue;
    if (SharesAQuote(record, fact_quotes) && SupportsFact(FactualityOf(record), FactualityOf(fact))) {
      supporting.push_back(maker.Make(sources.records[i]));
    } else if (FactualityOf(record) == v1::FACTUALITY_NEGATED && FactualityOf(fact) != v1::FACTUALITY_NEGATED &&
               (IsUnset(DateOf(record)) || IsUnset(DateOf(fact)) || DatesCompatible(DateOf(record), DateOf(fact)))) {
      contradict(i);
    }
  }

  for (const v1::Conflict& conflict : sources.conflicts) {
    v1::ExplainedDispute* dispute = response.add_disputes();
    dispute->set_field(conflict.field());
    for (int side_index = 0; side_index < conflict.claims_size(); ++side_index) {
      const v1::ConflictClaim& claim = conflict.claims(side_index);
      v1::ExplainedSide* side = dispute->add_sides();
      side->set_value(claim.value());
      side->set_chosen(side_index == 0);
      const std::set<QuoteKey> side_quotes = QuotesOf(claim.evidence());
      std::vector<v1::Claim> claims;
      for (size_t i = 0; i < sources.records.size(); ++i) {
        const v1::Record& record = sources.records[i].record;
        if (record.kind_case() != fact.kind_case() || !SharesAQuote(record, side_quotes)) continue;
        claims.push_back(maker.Make(sources.records[i]));
        if (side_index > 0) contradict(i);
      }
      std::sort(claims.begin(), claims.end(), PublishedBefore);
      for (v1::Claim& c : claims) *side->add_claims() = std::move(c);
    }
  }

  std::sort(supporting.begin(), supporting.end(), PublishedBefore);
  std::sort(contradicting.begin(), contradicting.end(), PublishedBefore);
  response.set_independent_sources(MarkCopies(sources.documents, &supporting));
  for (v1::Claim& claim : supporting) *response.add_supporting() = std::move(claim);
  for (v1::Claim& claim : contradicting) *response.add_contradicting() = std::move(claim);
  return response;
}

}  // namespace alliance::query
