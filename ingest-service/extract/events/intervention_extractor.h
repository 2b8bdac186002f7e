// Interventions: deployments of an organization's forces on a country's
// territory, with start and end, troop figures per contributor and the
// country that asked for them.
#ifndef ALLIANCE_INGEST_EXTRACT_EVENTS_INTERVENTION_EXTRACTOR_H_
#define ALLIANCE_INGEST_EXTRACT_EVENTS_INTERVENTION_EXTRACTOR_H_

#include <vector>

#include "alliance/v1/records.pb.h"
#include "ingest-service/extract/events/sentence_structure.h"
#include "ingest-service/extract/events/trigger_lexicon.h"

namespace alliance::ingest::events {

// Reads the interventions of one document, sentence by sentence in order, and
// emits one record per sentence that describes an intervention (the query
// service merges them). Rules:
// * the actor must be an organization: named just before the trigger ("CSTO
//   troops were sent", "the CSTO's intervention"), through "its"/"their"
//   ("1,200 of its troops entered"), or after "by"; deployments by states
//   alone ("Ruritanian forces joined Bordurian forces in Syria") are not
//   interventions;
// * a definite reference without a name ("the intervention", "The troops,
//   sent in") refers to the most recent asserted intervention of the document
//   (with the same host when one is named);
// * the host is the country after "in"/"into" or a possessive after the
//   trigger, a demonym before it ("the Freedonian operation"), or "in <country>"
//   earlier in the clause;
// * an end trigger after the intervention in the same clause ("left a week
//   later") gives the end date, an offset (Mention::offset) counted from the
//   start;
// * the purpose is the "to <verb> ..." phrase after the trigger;
// * troop counts are numbers followed by a troop noun; a contributor is the
//   acting country that sends them ("Borduria ..., sending about 3,000
//   paratroopers"), otherwise the figure is the whole force.
// Thread-compatible; one extractor per document.
class InterventionExtractor {
 public:
  InterventionExtractor() = default;

  InterventionExtractor(const InterventionExtractor&) = delete;
  InterventionExtractor& operator=(const InterventionExtractor&) = delete;

  // Reads one sentence (sentences must come in document order). `requests`
  // are the document's requests read so far, this sentence's included: troops
  // sent without a destination ("About 1,200 troops arrive the next day") go
  // to the country whose request for help, granted or pending, was told at
  // most three sentences before; with none, they make no record.
  void AddSentence(const SentenceStructure& sentence, const std::vector<TriggerMatch>& triggers,
                   const std::vector<v1::AssistanceRequest>& requests);

  // The records read so far.
  const std::vector<v1::Intervention>& records() const { return records_; }

  // Completes the records: a record without a start takes the start of the
  // nearest dated asserted record of the document with the same organization
  // and host. Returns the records. (Linking them to the document's requests
  // for help is consolidation's job: request_intervention_link.h.)
  std::vector<v1::Intervention> Finish();

 private:
  // Returns the most recent asserted or reported record with `organization` (any when
  // empty) and `host` (any when empty) at most `max_back` sentences before
  // `sentence`; null when none.
  const v1::Intervention* Recent(const std::string& organization, const std::string& host, int sentence,
                                 int max_back) const;
  // Adds the troop figures among tokens [from, to) to `record`. A figure's
  // contributor is, in order: a country right before its troop noun ("100
  // Ruritanian servicemen"); a country it is listed under ("Sylvania – 150",
  // "and Sylvania about 200"); `contributor`; the single actor of a
  // contribution verb or the owner of a contribution noun before it in its
  // clause ("Borduria contributed some 3,000 paratroopers", "Sylvania's
  // contribution is ... 200 men"); otherwise none (the whole force). A figure
  // needs a troop noun unless it is listed under a country. Contributors that
  // send troops without a figure ("Sylvania sent a company of paratroopers")
  // are added too.
  void AddTroops(const SentenceStructure& s, int from, int to, const std::string& contributor,
                 const std::vector<TriggerMatch>& triggers, v1::Intervention* record) const;

  std::vector<v1::Intervention> records_;
  std::vector<int> sentence_of_;  // per record: the sentence it was read from
};

}  // namespace alliance::ingest::events

#endif  // ALLIANCE_INGEST_EXTRACT_EVENTS_INTERVENTION_EXTRACTOR_H_
