// English inflection for lexicon lemmas: the forms a verb or noun lemma takes
// in text, so lexicons list "suspend" once rather than every form of it.
//
// Regular rules only; a lexicon supplies the irregular forms ("froze",
// "frozen"). The rules over-generate on purpose where English is ambiguous
// (both "admited" and "admitted"): a form that never occurs in text costs
// nothing, a missing one loses a match. Pure functions; thread-safe.
#ifndef ALLIANCE_INGEST_EXTRACT_EVENTS_INFLECTION_H_
#define ALLIANCE_INGEST_EXTRACT_EVENTS_INFLECTION_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace alliance::ingest::events {

// Returns the lemma and its regular verb forms: 3rd person singular ("joins",
// "pushes", "denies"), past and participle ("joined", "agreed", "denied",
// "stopped"), and present participle ("joining", "leaving", "stopping").
// Only the first word of a multi-word lemma inflects ("pull out" ->
// "pulled out"). `irregular` forms are added as they are. Lower-case input;
// no duplicates; the lemma comes first.
std::vector<std::string> VerbForms(absl::string_view lemma, const std::vector<std::string>& irregular = {});

// Returns the past and participle forms among VerbForms: the regular -ed
// forms and `irregular` ones (for passives: "was suspended", "is frozen").
std::vector<std::string> ParticipleForms(absl::string_view lemma, const std::vector<std::string>& irregular = {});

// Returns the lemma and its plural ("request" -> "requests", "body" ->
// "bodies", "status" -> "statuses"). Only the last word of a multi-word lemma
// inflects ("observer seat" -> "observer seats"), or the last before a
// preposition ("call for help" -> "calls for help").
std::vector<std::string> NounForms(absl::string_view lemma);

}  // namespace alliance::ingest::events

#endif  // ALLIANCE_INGEST_EXTRACT_EVENTS_INFLECTION_H_
