#include "ingest-service/extract/events/modality.h"

#include <vector>

namespace alliance::ingest::events {
namespace {

constexpr int kNegationWindow = 3;

// A cue phrase in the text: tokens [first, end); first is -1 when none.
struct CueSpan {
  int first = -1;
  int end = -1;
  bool found() const { return first >= 0; }
};

// Returns the first `set` phrase that starts in [from, to) within `clause`
// (any clause when -1) and is not inside a mention (the longest one starting
// there and ending by `to`); not found when none.
CueSpan FindCue(const SentenceStructure& s, uint32_t set, int from, int to, int clause, bool stop_at_complementizer) {
  const std::vector<Token>& tokens = s.doc().tokens;
  for (int i = from; i < to; ++i) {
    if (clause >= 0 && s.ClauseOf(i) != clause) continue;
    if (stop_at_complementizer && s.words().IsWord(kComplementizer, tokens[static_cast<size_t>(i)])) return {};
    if (s.InMention(i)) continue;
    // "Ruritania's May request": a capitalized word inside running text is a
    // name (but "What If Borduria's Partners Intervene" is a title).
    if (i > s.sentence().first_token && tokens[static_cast<size_t>(i)].capitalized &&
        !tokens[static_cast<size_t>(i - 1)].capitalized) {
      continue;
    }
    const int end = s.words().MatchWords(set, tokens, i, to);
    if (end > i) return {i, end};
  }
  return {};
}

// Returns `factuality` decided by the words at tokens [first, end).
Modality Decided(const SentenceStructure& s, v1::Factuality factuality, int first, int end) {
  Modality result;
  result.factuality = factuality;
  SetCue(s, first, end, &result);
  return result;
}

}  // namespace

void SetCue(const SentenceStructure& s, int first, int end, Modality* modality) {
  const std::vector<Token>& tokens = s.doc().tokens;
  const int32_t begin = tokens[static_cast<size_t>(first)].begin;
  const int32_t stop = tokens[static_cast<size_t>(end - 1)].end;
  modality->cue_first = first;
  modality->cue_end = end;
  modality->cue = s.doc().text.substr(static_cast<size_t>(begin), static_cast<size_t>(stop - begin));
}

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
  if (last.lower == "?") return Decided(s, v1::FACTUALITY_HYPOTHETICAL, sentence_end - 1, sentence_end);
  // Cues inside the trigger count too: an object-first frame spans its verb
  // group ("peacekeepers could be sent", "participation has not been frozen").
  const int cue_end = inner_cues ? end : first;
  CueSpan cue = FindCue(s, kHypothetical, clause_first, cue_end, clause, false);
  if (!cue.found() && trigger.nominal()) cue = FindCue(s, kHypothetical, end, sentence_end, clause, true);
  if (cue.found()) return Decided(s, v1::FACTUALITY_HYPOTHETICAL, cue.first, cue.end);
  if (!trigger.proposal_is_event()) {
    cue = FindCue(s, kProposal, clause_first, first, clause, false);
    if (cue.found()) return Decided(s, v1::FACTUALITY_PROPOSED, cue.first, cue.end);
  }
  const int window_first = first - kNegationWindow > clause_first ? first - kNegationWindow : clause_first;
  cue = FindCue(s, kNegation, window_first, cue_end, clause, false);
  if (cue.found()) return Decided(s, v1::FACTUALITY_NEGATED, cue.first, cue.end);
  cue = FindCue(s, kReporting, s.sentence().first_token, first, -1, false);
  const bool after = !cue.found();
  // "..., according to some reports": an attribution after the claim.
  if (after) {
    // Only while the clause runs on uninterrupted: an attribution after a
    // relative clause ("..., when ..., according to Yerevan, ...") is that clause's.
    int stop = end;
    while (stop < sentence_end && s.ClauseOf(stop) == clause) ++stop;
    cue = FindCue(s, kReporting, end, stop, clause, false);
  }
  if (cue.found()) {
    // "did not say that Ruritania was leaving": nobody claims it.
    const int negation_first = cue.first - kNegationWindow > s.sentence().first_token ? cue.first - kNegationWindow
                                                                                        : s.sentence().first_token;
    const CueSpan negation = FindCue(s, kNegation, negation_first, cue.first, s.ClauseOf(cue.first), false);
    if (negation.found()) return Decided(s, v1::FACTUALITY_HYPOTHETICAL, negation.first, cue.end);
    result = Decided(s, v1::FACTUALITY_REPORTED, cue.first, cue.end);
    auto speaker = [](const Mention* m) {
      return m->kind != MentionKind::kDate && m->kind != MentionKind::kNumber;
    };
    if (after) {
      for (const Mention* m : s.mentions()) {
        if (m->first_token > cue.first && speaker(m)) {
          result.reported_by = m->code;
          break;
        }
      }
    } else {
      for (auto it = s.mentions().rbegin(); it != s.mentions().rend(); ++it) {
        if ((*it)->end_token <= cue.first && speaker(*it)) {
          result.reported_by = (*it)->code;
          break;
        }
      }
    }
  }
  return result;
}

}  // namespace alliance::ingest::events
