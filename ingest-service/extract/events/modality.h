// Modality: whether the text asserts the event a trigger announces, or only
// negates, supposes, proposes or reports it.
#ifndef ALLIANCE_INGEST_EXTRACT_EVENTS_MODALITY_H_
#define ALLIANCE_INGEST_EXTRACT_EVENTS_MODALITY_H_

#include <string>

#include "alliance/v1/records.pb.h"
#include "ingest-service/extract/events/sentence_structure.h"
#include "ingest-service/extract/events/triggers.pb.h"

namespace alliance::ingest::events {

// The factuality of one trigger and the words that decided it.
struct Modality {
  v1::Factuality factuality = v1::FACTUALITY_ASSERTED;
  // The deciding cue: document tokens [cue_first, cue_end), and those words as
  // the text writes them ("did not", "would", "according to", "?"); -1, -1
  // and "" when asserted.
  int cue_first = -1;
  int cue_end = -1;
  std::string cue;
  std::string reported_by;   // REPORTED: who said it (a code or a name), may be empty
};

// Sets the cue of `modality` to document tokens [first, end) of `sentence`
// and their text (first < end). `modality` must not be null.
void SetCue(const SentenceStructure& sentence, int first, int end, Modality* modality);

// Classifies the trigger at tokens [first, end) of `sentence`:
// * HYPOTHETICAL: a question ("Should Ruritania quit the CSTO?"), a hypothetical word ("would", "if", "unlikely", "scenario")
//   before the trigger in its clause, or, for nominal triggers, after it up to
//   a complementizer ("an intervention in X would be"; not "... proved that the
//   alliance could");
// * PROPOSED: a proposal or call by others before it in its clause ("called on
//   X to appeal", "appealed to their government to withdraw"), unless the
//   trigger itself names a proposal;
// * NEGATED: a negation at most three tokens before it ("did not appeal",
//   "failed to appeal", "refrained from intervening");
// * REPORTED: an attribution ("stated that", "according to") earlier in the
//   sentence, or later in its clause ("..., according to Yerevan"); reported_by is
//   the nearest name before an earlier cue, or the first name after a later one;
//   a negated attribution ("did not say that ...") is HYPOTHETICAL: nobody claims it;
// * ASSERTED otherwise. The first that applies wins, in this order.
// The cue is the phrase that matched ("would be", "called on", "failed to",
// "according to", the "?"); for a negated attribution, from the negation to
// the attribution ("did not say that").
// Cue words inside mentions ("May 15") do not count. Pure.
// `inner_cues` also counts hypothetical and negation cues inside the trigger,
// for frames whose object comes first and spans the verb group
// ("peacekeepers could be sent", "participation has not been frozen").
Modality ClassifyFactuality(const SentenceStructure& sentence, int first, int end, const Trigger& trigger,
                            bool inner_cues = false);
// The same for a matched trigger (inner cues for object-first frames).
Modality ClassifyFactuality(const SentenceStructure& sentence, const TriggerMatch& match, const Trigger& trigger);

}  // namespace alliance::ingest::events

#endif  // ALLIANCE_INGEST_EXTRACT_EVENTS_MODALITY_H_
