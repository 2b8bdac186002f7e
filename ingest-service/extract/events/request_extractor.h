// Assistance requests: who asked an organization for help, when, and what
// became of it (or that a country did not ask).
#ifndef ALLIANCE_INGEST_EXTRACT_EVENTS_REQUEST_EXTRACTOR_H_
#define ALLIANCE_INGEST_EXTRACT_EVENTS_REQUEST_EXTRACTOR_H_

#include <set>
#include <string>
#include <vector>

#include "alliance/v1/records.pb.h"
#include "ingest-service/extract/events/sentence_structure.h"
#include "ingest-service/extract/events/trigger_lexicon.h"

namespace alliance::ingest::events {

// Reads the assistance requests of one document, sentence by sentence in
// order. Rules:
// * "X's appeal to the CSTO", "at the request of X", "at X's request": a
//   request noun with its owner starts a request unless the same country's
//   request was read before; "at ... request" beside a deployment is GRANTED;
// * a request trigger needs the organization right after it ("appealed to the
//   CSTO", "called for the dispatch of CSTO police") and a requester: a
//   country acting as a state or a person tied to one; a definite or
//   possessive request noun ("the request", "its request") refers back and
//   starts nothing;
// * a negated request ("did not appeal", "failed to appeal") is an asserted
//   NOT_REQUESTED; a proposed one ("called on X to appeal") followed by a
//   denial in a later clause ("but he did not do so") too;
// * the outcome is a refusal (DENIED) or acceptance (GRANTED) after the
//   trigger in the sentence, or in the next two sentences while the request is
//   still pending ("The request for help was declined ..."); else PENDING;
// * a refusal by the organization with a country as object and no request
//   ("the organization again refused to help Ruritania") is a DENIED request;
// * the context is the "to <verb> ..." phrase after the trigger ("to help end
//   ethnic clashes in the country");
// * the date is the nearest in the clause or sentence; when there is none, the
//   date of a sentence at most five back that mentions the requester (the
//   situation the request is part of), marked approximate.
// Thread-compatible; one extractor per document.
class RequestExtractor {
 public:
  RequestExtractor() = default;
  RequestExtractor(const RequestExtractor&) = delete;
  RequestExtractor& operator=(const RequestExtractor&) = delete;

  // Reads one sentence (sentences must come in document order).
  void AddSentence(const SentenceStructure& sentence, const std::vector<TriggerMatch>& triggers);

  // Notes the dates and countries of sentence `sentence` (its mentions are
  // [begin, end)), for requests that come later without a date. Call for every
  // sentence, after AddSentence when it has one.
  void NoteSentence(int sentence, const Mention* begin, const Mention* end);

  // Sets the date of the latest event the text has told of before the next
  // sentence. An offset date with no anchor in its own sentence ("Twelve years
  // earlier, when Sylvania asked ...") counts from it, not from whatever
  // date an aside last mentioned.
  void SetStoryDate(const v1::PartialDate& date) { story_date_ = date; }

  // The records read so far.
  const std::vector<v1::AssistanceRequest>& records() const { return records_; }

 private:
  struct DatedSentence {
    int sentence = 0;
    v1::PartialDate date;
    std::set<std::string> countries;
  };
  // Returns the outcome an asserted refusal or acceptance trigger in
  // `triggers` at or after token `after` (and ending by `before`, -1: any)
  // gives, skipping those `requester` itself says; UNSPECIFIED when none.
  v1::AssistanceOutcome OutcomeAfter(const SentenceStructure& s, const std::vector<TriggerMatch>& triggers,
                                     int after, const std::string& requester, int before = -1) const;
  v1::PartialDate SituationDate(const std::string& country, int sentence) const;
  // Returns the date of `date`, re-anchored on the story date when it is an
  // offset (its Mention::offset, as the text stage read it) whose anchor lies
  // outside its sentence (see SetStoryDate).
  v1::PartialDate StoryDate(const SentenceStructure& s, const Mention& date) const;

  v1::PartialDate story_date_;

  std::vector<v1::AssistanceRequest> records_;
  std::vector<int> sentence_of_;
  std::vector<DatedSentence> dated_;  // recent sentences with a date
};

}  // namespace alliance::ingest::events

#endif  // ALLIANCE_INGEST_EXTRACT_EVENTS_REQUEST_EXTRACTOR_H_
