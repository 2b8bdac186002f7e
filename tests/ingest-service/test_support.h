// Shared fixtures of the ingest-service tests: a temporary directory that removes
// itself, and a fake Extractor that returns fixed records.
#ifndef ALLIANCE_TESTS_INGEST_SERVICE_TEST_SUPPORT_H_
#define ALLIANCE_TESTS_INGEST_SERVICE_TEST_SUPPORT_H_

#include <atomic>
#include <filesystem>
#include <string>
#include <system_error>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "alliance/v1/ingest_service.pb.h"
#include "common/partial_date.h"
#include "ingest-service/extract/extractor.h"
#include "tests/testing/subprocess.h"

namespace alliance::ingest::testing {

// A fresh directory, removed with everything in it on destruction.
// Thread-compatible.
class ScopedTempDir {
 public:
  explicit ScopedTempDir(const std::string& prefix)
      : path_(alliance::testing::MakeTempDir(prefix)) {}
  ~ScopedTempDir() {
    std::error_code ignored;
    if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
  }
  ScopedTempDir(const ScopedTempDir&) = delete;
  ScopedTempDir& operator=(const ScopedTempDir&) = delete;

  const std::string& path() const { return path_; }
  std::string Child(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Returns evidence for sentence `index` of a text, as an extractor would.
inline v1::Evidence SentenceEvidence(int index, int begin, int end, std::string quote) {
  v1::Evidence evidence;
  evidence.set_sentence_index(index);
  evidence.set_begin(begin);
  evidence.set_end(end);
  evidence.set_quote(std::move(quote));
  return evidence;
}

// An Extractor that returns the text unchanged and, for every document, the same
// records: two membership events, one intervention (with a troop figure) and one
// assistance request, without ids or document stamps. Its metadata is the
// request's, with `published` parsed (INVALID_ARGUMENT naming
// "document.published" when malformed). A text containing
// "EXTRACTOR-REFUSES" is refused with FAILED_PRECONDITION. Thread-safe.
class FakeExtractor final : public Extractor {
 public:
  absl::StatusOr<ExtractionResult> Extract(const v1::Document& document) const override {
    calls_.fetch_add(1);
    if (absl::StrContains(document.text(), "EXTRACTOR-REFUSES")) {
      return absl::FailedPreconditionError("document.text: the fake extractor refuses it");
    }
    ExtractionResult result;
    result.normalized_text = document.text();
    result.info.set_title(document.title());
    result.info.set_source(document.source());
    result.info.set_url(document.url());
    result.info.set_author(document.author());
    // As the real extractor's metadata reader does: the request's date, parsed.
    if (!document.published().empty()) {
      absl::StatusOr<v1::PartialDate> published = ParseIsoDate(document.published(), "document.published");
      if (!published.ok()) return published.status();
      *result.info.mutable_published() = *std::move(published);
    }

    v1::Record joined;
    v1::MembershipEvent* event = joined.mutable_membership_event();
    event->set_country("ARM");
    event->set_organization("CSTO");
    event->set_action(v1::MEMBERSHIP_ACTION_SIGNED);
    event->mutable_date()->set_year(1992);
    *event->add_evidence() = SentenceEvidence(0, 0, 5, "first");
    result.records.push_back(joined);

    v1::Record withdrew;
    v1::MembershipEvent* second = withdrew.mutable_membership_event();
    second->set_country("UZB");
    second->set_organization("CSTO");
    second->set_action(v1::MEMBERSHIP_ACTION_WITHDREW);
    second->set_id("given-id");  // Kept as is: ids are only assigned when empty.
    *second->add_evidence() = SentenceEvidence(1, 6, 12, "second");
    result.records.push_back(withdrew);

    v1::Record deployed;
    v1::Intervention* intervention = deployed.mutable_intervention();
    intervention->set_organization("CSTO");
    intervention->set_host_country("KAZ");
    *intervention->add_evidence() = SentenceEvidence(2, 13, 20, "third");
    v1::TroopContribution* troops = intervention->add_troops();
    troops->set_count(2500);
    *troops->mutable_evidence() = SentenceEvidence(3, 21, 30, "fourth");
    result.records.push_back(deployed);

    v1::Record asked;
    v1::AssistanceRequest* request = asked.mutable_assistance_request();
    request->set_organization("CSTO");
    request->set_requester_country("ARM");
    request->set_outcome(v1::ASSISTANCE_OUTCOME_DENIED);
    *request->add_evidence() = SentenceEvidence(4, 31, 40, "fifth");
    result.records.push_back(asked);

    result.info.set_length(static_cast<int64_t>(result.normalized_text.size()));
    return result;
  }

  // Returns how many times Extract was called.
  int calls() const { return calls_.load(); }

 private:
  mutable std::atomic<int> calls_{0};
};

}  // namespace alliance::ingest::testing

#endif  // ALLIANCE_TESTS_INGEST_SERVICE_TEST_SUPPORT_H_
