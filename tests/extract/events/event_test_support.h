// Test support for the event stages: the bundled lexicons, loaded once, and
// annotation of short texts written in the tests.
#ifndef ALLIANCE_TESTS_EXTRACT_EVENTS_EVENT_TEST_SUPPORT_H_
#define ALLIANCE_TESTS_EXTRACT_EVENTS_EVENT_TEST_SUPPORT_H_

#include <memory>
#include <string>
#include <vector>

#include "common/partial_date.h"
#include "gtest/gtest.h"
#include "ingest-service/extract/annotate.h"
#include "ingest-service/extract/events/event_extractor.h"
#include "ingest-service/extract/events/trigger_lexicon.h"
#include "ingest-service/extract/lexicon.h"

namespace alliance::ingest::events::testing {

inline std::string LexiconDir() { return std::string(ALLIANCE_SOURCE_DIR) + "/data/lexicon"; }

// The bundled lexicons, loaded once per test binary.
struct Lexicons {
  std::unique_ptr<Lexicon> text;
  std::unique_ptr<TriggerLexicon> words;
};

inline const Lexicons& Bundled() {
  static const Lexicons* lexicons = [] {
    auto* l = new Lexicons();
    auto text = Lexicon::Load(LexiconDir());
    auto words = TriggerLexicon::Load(LexiconDir() + "/triggers.textproto");
    if (!text.ok() || !words.ok()) {
      ADD_FAILURE() << "cannot load lexicons: " << text.status() << " / " << words.status();
      std::abort();
    }
    l->text = std::move(*text);
    l->words = std::move(*words);
    return l;
  }();
  return *lexicons;
}

// Annotates `text` with the bundled lexicon; `published` is ISO ("2021-07-09") or "".
inline AnnotatedDocument AnnotateText(const std::string& text, const std::string& published = "",
                                      const Lexicon* lexicon = nullptr) {
  v1::Document document;
  document.set_text(text);
  document.set_published(published);
  auto doc = Annotate(document, lexicon != nullptr ? *lexicon : *Bundled().text);
  EXPECT_TRUE(doc.ok()) << doc.status();
  return doc.ok() ? std::move(*doc) : AnnotatedDocument();
}

// Runs all event stages over `text`.
inline std::vector<v1::Record> ExtractText(const std::string& text, const std::string& published = "") {
  const EventExtractor extractor(*Bundled().words);
  return extractor.Extract(AnnotateText(text, published));
}

inline std::vector<v1::MembershipEvent> Memberships(const std::vector<v1::Record>& records) {
  std::vector<v1::MembershipEvent> out;
  for (const auto& r : records) {
    if (r.has_membership_event()) out.push_back(r.membership_event());
  }
  return out;
}

inline std::vector<v1::Intervention> Interventions(const std::vector<v1::Record>& records) {
  std::vector<v1::Intervention> out;
  for (const auto& r : records) {
    if (r.has_intervention()) out.push_back(r.intervention());
  }
  return out;
}

inline std::vector<v1::AssistanceRequest> Requests(const std::vector<v1::Record>& records) {
  std::vector<v1::AssistanceRequest> out;
  for (const auto& r : records) {
    if (r.has_assistance_request()) out.push_back(r.assistance_request());
  }
  return out;
}

// "UZB WITHDREW CSTO 2012" (plus " HYPOTHETICAL" etc. when not asserted).
inline std::string Describe(const v1::MembershipEvent& e) {
  std::string s = e.country() + " " + v1::MembershipAction_Name(e.action()).substr(18) + " " + e.organization();
  const std::string date = FormatDate(e.date());
  if (!date.empty()) s += " " + date;
  if (e.factuality() != v1::FACTUALITY_ASSERTED) s += " " + v1::Factuality_Name(e.factuality()).substr(11);
  return s;
}

inline std::vector<std::string> DescribeAll(const std::vector<v1::MembershipEvent>& events) {
  std::vector<std::string> out;
  for (const auto& e : events) out.push_back(Describe(e));
  return out;
}

// "ARM DENIED 2020" (plus factuality when not asserted).
inline std::string Describe(const v1::AssistanceRequest& r) {
  std::string s = r.requester_country() + " " + v1::AssistanceOutcome_Name(r.outcome()).substr(19);
  const std::string date = FormatDate(r.date());
  if (!date.empty()) s += " " + date;
  if (r.factuality() != v1::FACTUALITY_ASSERTED) s += " " + v1::Factuality_Name(r.factuality()).substr(11);
  return s;
}

inline std::vector<std::string> DescribeAll(const std::vector<v1::AssistanceRequest>& requests) {
  std::vector<std::string> out;
  for (const auto& r : requests) out.push_back(Describe(r));
  return out;
}

}  // namespace alliance::ingest::events::testing

#endif  // ALLIANCE_TESTS_EXTRACT_EVENTS_EVENT_TEST_SUPPORT_H_
