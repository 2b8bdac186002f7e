#include "ingest-service/extract/events/modality.h"

#include <vector>

namespace alliance::ingest::events {
namespace {

constexpr int kNegationWindow = 3;

// Returns the first token of a `set` phrase that starts in [from, to) within
// `clause` (any clause when -1) and is not inside a mention; -1 when none.
int FindCue(const SentenceStructure& s, uint32_t set, int from, int to, int clause, bool stop_at_complementizer) {
  const std::vector<Token>& tokens = s.doc().tokens;
  for (int i = from; i < to; ++i) {
    if (clause >= 0 && s.ClauseOf(i) != clause) continue;
    if (stop_at_complementizer && s.words().IsWord(kComplementizer, tokens[static_cast<size_t>(i)])) return -1;
    if (s.InMention(i)) continue;
    // "Ruritania's May request": a capitalized word inside running text is a
    // name (but "What If Borduria's Partners Intervene" is a title).
    if (i > s.sentence().first_token && tokens[static_cast<size_t>(i)].capitalized &&
        !tokens[static_cast<size_t>(i - 1)].capitalized) {
      continue;
    }
    if (s.words().MatchWords(set, tokens, i, to) > i) return i;
  }
  return -1;
}

}  // namespace

Modality ClassifyFactuality(const SentenceStructure& s, const TriggerMatch& match, const Trigger& trigger) {
  return ClassifyFactuality(s, match.first_token, match.end_token, trigger, match.object_first);
}

Modality ClassifyFactuality(const SentenceStructure& s, int first, int end, const Trigger& trigger, bool inner_cues) {
  Modality result;
  const int clause = s.ClauseOf(first);
  const int clause_first = s.clauses()[static_cast<size_t>(clause)].first_token;
  const int sentence_end = s.sentence().end_token;

  // A question asserts nothing: "Should Ruritania quit the CSTO?".
  const Token& last = s.doc().tokens[static_cast<size_t>(sentence_end - 1)];
  if (last.lower == "?") {
    result.factuality = v1::FACTUALITY_HYPOTHETICAL;
    result.cue_token = sentence_end - 1;
    return result;
  }
  // Cues inside the trigger count too: an object-first frame spans its verb
  // group ("peacekeepers could be sent", "participation has not been frozen").
  const int cue_end = inner_cues ? end : first;
  int cue = FindCue(s, kHypothetical, clause_first, cue_end, clause, false);
  if (cue < 0 && trigger.nominal()) cue = FindCue(s, kHypothetical, end, sentence_end, clause, true);
  if (cue >= 0) {
    result.factuality = v1::FACTUALITY_HYPOTHETICAL;
    result.cue_token = cue;
    return result;
  }
  if (!trigger.proposal_is_event()) {
    cue = FindCue(s, kProposal, clause_first, first, clause, false);
    if (cue >= 0) {
      result.factuality = v1::FACTUALITY_PROPOSED;
      result.cue_token = cue;
      return result;
    }
  }
  const int window_first = first - kNegationWindow > clause_first ? first - kNegationWindow : clause_first;
  cue = FindCue(s, kNegation, window_first, cue_end, clause, false);
  if (cue >= 0) {
    result.factuality = v1::FACTUALITY_NEGATED;
    result.cue_token = cue;
    return result;
  }
  cue = FindCue(s, kReporting, s.sentence().first_token, first, -1, false);
  const bool after = cue < 0;
  // "..., according to some reports": an attribution after the claim.
  if (after) {
    // Only while the clause runs on uninterrupted: an attribution after a
    // relative clause ("..., when ..., according to Yerevan, ...") is that clause's.
    int stop = end;
    while (stop < sentence_end && s.ClauseOf(stop) == clause) ++stop;
    cue = FindCue(s, kReporting, end, stop, clause, false);
  }
  if (cue >= 0) {
    // "did not say that Ruritania was leaving": nobody claims it.
    const int negation_first = cue - kNegationWindow > s.sentence().first_token ? cue - kNegationWindow
                                                                                  : s.sentence().first_token;
    if (FindCue(s, kNegation, negation_first, cue, s.ClauseOf(cue), false) >= 0) {
      result.factuality = v1::FACTUALITY_HYPOTHETICAL;
      result.cue_token = cue;
      return result;
    }
    result.factuality = v1::FACTUALITY_REPORTED;
    result.cue_token = cue;
    auto speaker = [](const Mention* m) {
      return m->kind != MentionKind::kDate && m->kind != MentionKind::kNumber;
    };
    if (after) {
      for (const Mention* m : s.mentions()) {
        if (m->first_token > cue && speaker(m)) {
          result.reported_by = m->code;
          break;
        }
      }
    } else {
      for (auto it = s.mentions().rbegin(); it != s.mentions().rend(); ++it) {
        if ((*it)->end_token <= cue && speaker(*it)) {
          result.reported_by = (*it)->code;
          break;
        }
      }
    }
  }
  return result;
}

}  // namespace alliance::ingest::events
