// Hand-made change-log entries for the query service's tests: documents with
// membership events, interventions and requests for help, as the ingest service
// would stream them.
#ifndef ALLIANCE_TESTS_QUERY_SERVICE_TEST_CHANGES_H_
#define ALLIANCE_TESTS_QUERY_SERVICE_TEST_CHANGES_H_

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "alliance/v1/ingest_service.pb.h"
#include "alliance/v1/records.pb.h"
#include "common/content_hash.h"
#include "common/partial_date.h"
#include "tests/testing/record_parts.h"

namespace alliance::query::testing {

using ::alliance::testing::Date;

// Returns evidence citing sentence `sentence` of `document_id`.
inline v1::Evidence Cite(const std::string& document_id, int sentence = 0) {
  return alliance::testing::CiteSentence(document_id, sentence,
                                         absl::StrCat("Sentence ", sentence, " of ", document_id, "."));
}

// Returns the id of test document `n` (32 hex digits, like a content hash).
inline std::string DocumentId(int n) { return ContentHash(absl::StrCat("test document ", n)); }

inline v1::Record Membership(const std::string& document_id, const std::string& country,
                             v1::MembershipAction action, const std::string& date,
                             v1::Factuality factuality = v1::FACTUALITY_ASSERTED,
                             const std::string& organization = "CSTO", int sentence = 0) {
  v1::Record record;
  v1::MembershipEvent* event = record.mutable_membership_event();
  event->set_id(absl::StrCat(document_id, "/m", sentence));
  event->set_country(country);
  event->set_organization(organization);
  event->set_action(action);
  *event->mutable_date() = Date(date);
  event->set_factuality(factuality);
  event->set_confidence(0.5);
  event->set_sources(1);
  *event->add_evidence() = Cite(document_id, sentence);
  return record;
}

inline v1::Record Intervention(const std::string& document_id, const std::string& host,
                               const std::string& start, int troops = 0,
                               v1::Factuality factuality = v1::FACTUALITY_ASSERTED,
                               const std::string& organization = "CSTO", int sentence = 1) {
  v1::Record record;
  v1::Intervention* intervention = record.mutable_intervention();
  intervention->set_id(absl::StrCat(document_id, "/i", sentence));
  intervention->set_organization(organization);
  intervention->set_host_country(host);
  *intervention->mutable_start() = Date(start);
  if (troops > 0) {
    v1::TroopContribution* contribution = intervention->add_troops();
    contribution->set_count(troops);
    *contribution->mutable_evidence() = Cite(document_id, sentence);
    contribution->set_as_written(absl::StrCat(troops, " troops"));
  }
  intervention->set_factuality(factuality);
  intervention->set_confidence(0.5);
  intervention->set_sources(1);
  *intervention->add_evidence() = Cite(document_id, sentence);
  return record;
}

inline v1::Record Request(const std::string& document_id, const std::string& country,
                          v1::AssistanceOutcome outcome, const std::string& date,
                          v1::Factuality factuality = v1::FACTUALITY_ASSERTED,
                          const std::string& organization = "CSTO", int sentence = 2) {
  v1::Record record;
  v1::AssistanceRequest* request = record.mutable_assistance_request();
  request->set_id(absl::StrCat(document_id, "/r", sentence));
  request->set_organization(organization);
  request->set_requester_country(country);
  *request->mutable_date() = Date(date);
  request->set_outcome(outcome);
  request->set_factuality(factuality);
  request->set_confidence(0.5);
  request->set_sources(1);
  *request->add_evidence() = Cite(document_id, sentence);
  return record;
}

// Returns change `sequence` adding test document `document` (independent of every
// other test document) with `records`.
inline v1::Change MakeChange(uint64_t sequence, int document, std::vector<v1::Record> records) {
  v1::Change change;
  change.set_sequence(sequence);
  v1::DocumentInfo* info = change.mutable_document();
  info->set_document_id(DocumentId(document));
  info->set_title(absl::StrCat("Test document ", document));
  *info->mutable_published() = Date("2022-01-10");
  for (int i = 0; i < 5; ++i) info->add_sentence_fingerprints(Fingerprint64(absl::StrCat(document, "#", i)));
  std::sort(info->mutable_sentence_fingerprints()->begin(), info->mutable_sentence_fingerprints()->end());
  for (v1::Record& record : records) *change.add_records() = std::move(record);
  return change;
}

inline v1::Change Heartbeat(uint64_t latest) {
  v1::Change change;
  change.set_sequence(latest);
  change.set_heartbeat(true);
  return change;
}

// Returns changes after + 1 to after + 3, documents first_document to
// first_document + 2, each joining one country (MNG, SRB, AFG) in 2030: applied
// as one batch, one watch-log entry with three facts.
inline std::vector<v1::Change> ThreeCountryBatch(uint64_t after, int first_document) {
  std::vector<v1::Change> batch;
  const char* countries[] = {"MNG", "SRB", "AFG"};
  for (int i = 0; i < 3; ++i) {
    const int document = first_document + i;
    batch.push_back(MakeChange(after + 1 + i, document,
                               {Membership(DocumentId(document), countries[i], v1::MEMBERSHIP_ACTION_JOINED, "2030")}));
  }
  return batch;
}

// A small log: membership of several countries (UZB leaves and rejoins and leaves
// again), two interventions, requests for help, one unasserted event, and one
// event told by two documents.
inline std::vector<v1::Change> SampleLog() {
  std::vector<v1::Change> log;
  auto add = [&log](int document, std::vector<v1::Record> records) {
    log.push_back(MakeChange(log.size() + 1, document, std::move(records)));
  };
  add(1, {Membership(DocumentId(1), "RUS", v1::MEMBERSHIP_ACTION_SIGNED, "1992-05-15"),
          Membership(DocumentId(1), "KAZ", v1::MEMBERSHIP_ACTION_SIGNED, "1992-05-15", v1::FACTUALITY_ASSERTED,
                     "CSTO", 1),
          Membership(DocumentId(1), "UZB", v1::MEMBERSHIP_ACTION_SIGNED, "1992-05-15", v1::FACTUALITY_ASSERTED,
                     "CSTO", 2)});
  add(2, {Membership(DocumentId(2), "UZB", v1::MEMBERSHIP_ACTION_WITHDREW, "1999")});
  add(3, {Membership(DocumentId(3), "UZB", v1::MEMBERSHIP_ACTION_REJOINED, "2006-08"),
          Membership(DocumentId(3), "ARM", v1::MEMBERSHIP_ACTION_SIGNED, "1992-05-15", v1::FACTUALITY_ASSERTED,
                     "CSTO", 3)});
  add(4, {Membership(DocumentId(4), "UZB", v1::MEMBERSHIP_ACTION_WITHDREW, "2012-06")});
  add(5, {Intervention(DocumentId(5), "KAZ", "2022-01-06", 2500),
          Request(DocumentId(5), "KAZ", v1::ASSISTANCE_OUTCOME_GRANTED, "2022-01-05")});
  add(6, {Request(DocumentId(6), "ARM", v1::ASSISTANCE_OUTCOME_DENIED, "2022-09-13"),
          Request(DocumentId(6), "KGZ", v1::ASSISTANCE_OUTCOME_DENIED, "2010-06")});
  add(7, {Membership(DocumentId(7), "UKR", v1::MEMBERSHIP_ACTION_JOINED, "2023", v1::FACTUALITY_HYPOTHETICAL)});
  add(8, {Membership(DocumentId(8), "UZB", v1::MEMBERSHIP_ACTION_WITHDREW, "2012-06"),
          Intervention(DocumentId(8), "TJK", "2001")});
  add(9, {Membership(DocumentId(9), "SRB", v1::MEMBERSHIP_ACTION_OBSERVER_GRANTED, "2013-04")});
  add(10, {});
  return log;
}

// A temporary directory removed when the object goes away.
class ScopedTempDir {
 public:
  explicit ScopedTempDir(std::string path) : path_(std::move(path)) {}
  ~ScopedTempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScopedTempDir(const ScopedTempDir&) = delete;
  ScopedTempDir& operator=(const ScopedTempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace alliance::query::testing

#endif  // ALLIANCE_TESTS_QUERY_SERVICE_TEST_CHANGES_H_
