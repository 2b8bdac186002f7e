// Builders of per-document records and documents for consolidation tests.
#ifndef ALLIANCE_TESTS_CONSOLIDATION_RECORD_BUILDERS_H_
#define ALLIANCE_TESTS_CONSOLIDATION_RECORD_BUILDERS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "alliance/v1/ingest_service.pb.h"
#include "alliance/v1/records.pb.h"
#include "common/content_hash.h"
#include "common/partial_date.h"
#include "tests/testing/record_parts.h"
#include "query-service/consolidation/consolidator.h"
#include "query-service/consolidation/source_independence.h"

namespace alliance::query::testing {

using ::alliance::testing::Date;

inline v1::PartialDate Approximate(int year, int month) {
  v1::PartialDate date = MakeDate(year, month);
  date.set_approximate(true);
  return date;
}

// Returns evidence pointing at sentence `sentence` of `document_id`.
inline v1::Evidence Cite(const std::string& document_id, int sentence = 0) {
  return alliance::testing::CiteSentence(document_id, sentence,
                                         absl::StrCat("sentence ", sentence, " of ", document_id));
}

// A document with `unique` sentences of its own and the shared sentences
// `shared_with_tag` (identified by tag, so two documents given the same tag and
// count share them).
inline v1::DocumentInfo Document(const std::string& id, const std::string& published,
                                 int unique = 10, const std::string& shared_tag = "",
                                 int shared = 0) {
  v1::DocumentInfo document;
  document.set_document_id(id);
  document.set_title(absl::StrCat("Title of ", id));
  *document.mutable_published() = Date(published);
  std::vector<uint64_t> prints;
  for (int i = 0; i < unique; ++i) prints.push_back(Fingerprint64(absl::StrCat(id, "#", i)));
  for (int i = 0; i < shared; ++i) prints.push_back(Fingerprint64(absl::StrCat(shared_tag, "#", i)));
  std::sort(prints.begin(), prints.end());
  for (uint64_t p : prints) document.add_sentence_fingerprints(p);
  return document;
}

// Three documents copied in a chain: "a" and "b" share the sentences "x",
// "b" and "c" share "y", so "a" and "c" are copies only through "b".
inline std::vector<v1::DocumentInfo> CopiesInAChain() {
  v1::DocumentInfo b = Document("b", "2020", 0, "x", 5);
  const v1::DocumentInfo y_sentences = Document("tmp", "2020", 0, "y", 5);
  for (uint64_t p : y_sentences.sentence_fingerprints()) b.add_sentence_fingerprints(p);
  return {Document("a", "2020", 3, "x", 5), b, Document("c", "2020", 3, "y", 5)};
}

inline DocumentMap Documents(const std::vector<v1::DocumentInfo>& list) {
  DocumentMap out;
  for (const v1::DocumentInfo& d : list) out[d.document_id()] = d;
  return out;
}

inline SourcedRecord Membership(uint64_t sequence, const std::string& document,
                                const std::string& country, v1::MembershipAction action,
                                const std::string& date, const std::string& organization = "",
                                v1::Factuality factuality = v1::FACTUALITY_ASSERTED,
                                int sentence = 0) {
  SourcedRecord out;
  out.sequence = sequence;
  v1::MembershipEvent* event = out.record.mutable_membership_event();
  event->set_id(absl::StrCat(document, "/m", sentence));
  event->set_country(country);
  event->set_organization(organization);
  event->set_action(action);
  *event->mutable_date() = Date(date);
  event->set_factuality(factuality);
  *event->add_evidence() = Cite(document, sentence);
  return out;
}

inline SourcedRecord Request(uint64_t sequence, const std::string& document,
                             const std::string& country, v1::AssistanceOutcome outcome,
                             const v1::PartialDate& date, const std::string& organization = "",
                             int sentence = 0) {
  SourcedRecord out;
  out.sequence = sequence;
  v1::AssistanceRequest* request = out.record.mutable_assistance_request();
  request->set_id(absl::StrCat(document, "/r", sentence));
  request->set_organization(organization);
  request->set_requester_country(country);
  *request->mutable_date() = date;
  request->set_outcome(outcome);
  request->set_factuality(v1::FACTUALITY_ASSERTED);
  *request->add_evidence() = Cite(document, sentence);
  return out;
}

inline v1::TroopContribution Troops(const std::string& country, int count, bool approximate,
                                    const std::string& document, int sentence = 0) {
  v1::TroopContribution troop;
  troop.set_country(country);
  troop.set_count(count);
  troop.set_approximate(approximate);
  *troop.mutable_evidence() = Cite(document, sentence);
  return troop;
}

inline SourcedRecord Intervention(uint64_t sequence, const std::string& document,
                                  const std::string& host, const v1::PartialDate& start,
                                  const std::vector<v1::TroopContribution>& troops = {},
                                  const std::string& organization = "", int sentence = 0) {
  SourcedRecord out;
  out.sequence = sequence;
  v1::Intervention* intervention = out.record.mutable_intervention();
  intervention->set_id(absl::StrCat(document, "/i", sentence));
  intervention->set_organization(organization);
  intervention->set_host_country(host);
  *intervention->mutable_start() = start;
  intervention->set_factuality(v1::FACTUALITY_ASSERTED);
  for (const v1::TroopContribution& troop : troops) *intervention->add_troops() = troop;
  *intervention->add_evidence() = Cite(document, sentence);
  return out;
}

// The signature shared by MergeMembershipEvents, MergeInterventions and
// MergeAssistanceRequests.
using GroupMergeFunction = void (*)(const std::vector<const SourcedRecord*>& records,
                                    absl::string_view organization, SourceIndependence* sources,
                                    GroupFacts* out);

// Runs `merge` over `records` (in canonical order) as one group of the default
// organization "CSTO", judging copies by `documents`, and returns the facts.
inline GroupFacts MergeGroup(GroupMergeFunction merge, const std::vector<SourcedRecord>& records,
                             const DocumentMap& documents) {
  std::vector<const SourcedRecord*> pointers;
  for (const SourcedRecord& record : records) pointers.push_back(&record);
  SourceIndependence sources(&documents);
  GroupFacts out;
  merge(pointers, "CSTO", &sources, &out);
  return out;
}

// Returns the deterministic bytes of everything in `facts`, for comparisons.
inline std::string Bytes(const GroupFacts& facts) {
  std::string out;
  auto append = [&out](const google::protobuf::MessageLite& m) {
    std::string bytes;
    m.SerializeToString(&bytes);
    absl::StrAppend(&out, bytes.size(), ":", bytes);
  };
  for (const auto& m : facts.membership_events) append(m);
  out += "|";
  for (const auto& m : facts.interventions) append(m);
  out += "|";
  for (const auto& m : facts.assistance_requests) append(m);
  out += "|";
  for (const auto& m : facts.conflicts) append(m);
  return out;
}

}  // namespace alliance::query::testing

#endif  // ALLIANCE_TESTS_CONSOLIDATION_RECORD_BUILDERS_H_
