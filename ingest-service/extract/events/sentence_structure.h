// Clause and argument structure of one sentence: splits the sentence into
// clauses (coordinate clauses after ", but" / ";" / " - ", relative clauses
// after ", which", parentheses) and finds a trigger's arguments by position
// within them: its subject (with coordinated lists "A, B and C"), the agents
// of a passive or nominalization ("signing of ... by A, B"), its organization
// and its nearest date.
#ifndef ALLIANCE_INGEST_EXTRACT_EVENTS_SENTENCE_STRUCTURE_H_
#define ALLIANCE_INGEST_EXTRACT_EVENTS_SENTENCE_STRUCTURE_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "ingest-service/extract/annotated_document.h"
#include "ingest-service/extract/events/trigger_lexicon.h"

namespace alliance::ingest::events {

// What kind of clause a run of tokens is.
enum class ClauseKind { kMain, kCoordinate, kRelative, kParenthetical };

// One clause. Its tokens are those whose clause index is this clause's; a
// nested relative or parenthetical clause interrupts it.
struct Clause {
  ClauseKind kind = ClauseKind::kMain;
  int32_t first_token = 0;      // first token (document index)
  int32_t end_token = 0;        // one past the last token
  int32_t antecedent_token = -1;  // relative clauses: the token before ", which"
};

// The structure of one sentence of an AnnotatedDocument. Built once per
// sentence and then only read. Thread-compatible. `doc` and `words` must
// outlive it.
class SentenceStructure {
 public:
  // `focus_organization` is the code "the organization" refers to ("" when the
  // document has none).
  SentenceStructure(const AnnotatedDocument& doc, int sentence_index, const TriggerLexicon& words,
                    std::string focus_organization);

  const AnnotatedDocument& doc() const { return doc_; }
  const Sentence& sentence() const { return sentence_; }
  const TriggerLexicon& words() const { return words_; }
  const std::vector<Clause>& clauses() const { return clauses_; }
  const std::string& focus_organization() const { return focus_organization_; }
  // The organization the document's unnamed references mean: its focus, or in
  // a text that names none, the ledger's own (the lexicon's default focus).
  const std::string& DocumentOrganization() const {
    return focus_organization_.empty() ? words_.default_organization() : focus_organization_;
  }
  // This sentence's mentions, in document order (pointers into doc().mentions).
  const std::vector<const Mention*>& mentions() const { return mentions_; }

  // Returns the clause index of document token `token`. A token past the
  // sentence's end (the end of a span that closes the sentence) is in its
  // last clause, and one before its start in its first.
  int ClauseOf(int token) const {
    if (clause_of_.empty()) return 0;
    const int last = static_cast<int>(clause_of_.size()) - 1;
    return clause_of_[static_cast<size_t>(std::clamp(token - sentence_.first_token, 0, last))];
  }
  // Returns the mention that covers document token `token`, or null.
  const Mention* MentionAt(int token) const;
  // Returns true when token `token` is inside a mention (a date, a name).
  bool InMention(int token) const { return MentionAt(token) != nullptr; }

  // Returns true when `m` can act as a state: a country by name or capital,
  // or a demonym before a government noun ("the Kyrgyz government"); not a
  // modifier ("Bordurian-led") and not "citizens of X".
  bool IsActingCountry(const Mention& m) const;

  // Returns the actors (countries, or people tied to a country) of the trigger
  // at tokens [first, end): the agents after "by" when the clause has them,
  // else the subject before the trigger in its clause (with its coordinated
  // list), else a relative clause's antecedent, else (for a subject pronoun or
  // a clause without subject) the nearest actor earlier in the sentence, else
  // (for a pronoun) a state of the sentence before, preferring one that is not
  // just a place ("in X").
  // `allow_people` admits person mentions.
  // `take_agents` false skips the "by" rule (the agent of a passive frame such
  // as "membership was suspended by the council" is not its member).
  std::vector<const Mention*> Actors(int first, int end, bool allow_people, bool take_agents = true) const;

  // Returns the agents after "by" of the trigger at [first, end) in its
  // clause ("signed by A, B and C"); empty when none.
  std::vector<const Mention*> Agents(int first, int end, bool allow_people) const;

  // Returns the country that possesses the noun at `token`: "Ruritania's
  // membership", "Ruritania's CSTO membership", "the membership of Ruritania";
  // null when none.
  const Mention* PossessorOf(int token) const;

  // A gapped conjunct: a country that repeats the trigger's verb with its own
  // date ("A signed on D1, B on D2 and C on D3", "..., and so did B").
  struct Gapped {
    const Mention* country = nullptr;
    const Mention* date = nullptr;  // null: the trigger's own date applies
  };
  // Returns later dates that repeat the trigger for the same actors: "quit the
  // CSTO first in 1999 and again in 2012" gives 2012 after `own` (1999).
  std::vector<const Mention*> RepeatedDates(const Mention* own, int next) const;

  // The tense of the verb that starts the trigger at `first`, for undated
  // announcements: kPresent ("freezes", "is sending", "rejoins"), kPerfect
  // ("has frozen", "have left"), kOther (past, nouns, infinitives).
  enum class Tense { kPresent, kPerfect, kOther };
  Tense TenseAt(int first) const;

  // The date of an undated announcement by the trigger at `first`: the
  // publication day for the present ("Ruritania freezes its participation",
  // "the CSTO is sending troops"), its month, approximate, for the perfect
  // ("has frozen"); unset otherwise or without a publication date. After a
  // dated statement ("said on Thursday that ... had frozen"), the statement's
  // month, approximate, whatever the tense.
  v1::PartialDate AnnouncementDate(int first) const;

  // Returns the gapped conjuncts after the trigger ending at `end`, up to token
  // `next` (the next trigger; -1 for none).
  std::vector<Gapped> GappedConjuncts(int end, int next) const;

  // Returns true when the verb at `first` has a subject of its own that is no
  // name ("the others renewed"), so no earlier actor is borrowed for it.
  bool HasOvertSubject(int first) const;

  // Returns the coordinated list that ends with mention `last` ("A, B and C"),
  // first to last.
  std::vector<const Mention*> ListEndingAt(const Mention* last) const;
  // Returns the coordinated list that starts with mention `first`.
  std::vector<const Mention*> ListStartingAt(const Mention* first) const;

  // Returns the organization the trigger at [first, end) refers to: an
  // organization mention (or "the organization") at most `max_gap` tokens
  // after it; "" when none.
  std::string OrganizationAfter(int end, int max_gap) const;
  // Returns true when the verb ending at `end` has no object of its own: the
  // sentence ends, or punctuation, a preposition, a conjunction or a date
  // follows ("Ruritania left in 2038", "... do not, and drop out.").
  bool TakesNoObject(int end) const;

  // Returns the organization named last in the `max_back` sentences before
  // this one ("The CST was signed in 1992. Three more states acceded the
  // following year: ..."); "" when none.
  std::string RecentOrganization(int max_back) const;

  // Returns the nearest organization mention (or "the organization") before
  // token `first`, at most `max_gap` tokens away; "" when none.
  std::string OrganizationBefore(int first, int max_gap) const;
  // As OrganizationBefore, but only an organization in the clause of token
  // `first` ("..., although Sylvania let Bordurian forces cross" does not reach
  // back across the clause break to the CSTO named before it).
  std::string OrganizationBeforeInClause(int first, int max_gap) const;

  // Returns the date of the trigger at tokens [first, end): the first date
  // after it in its clause and before token `next` (the next trigger; -1 for
  // none), else the date nearest to it within its clause, else within the
  // sentence's main and coordinate clauses; null when none. Only resolved
  // dates (year known) count.
  const Mention* NearestDate(int first, int end, int next = -1) const;

  // Returns the end of the date range that `start` begins ("1992–1999",
  // "from 6 to 19 January 2022"), or null when `start` begins none.
  const Mention* RangeEndOf(const Mention* start) const;

  // Returns the start of a date range in parentheses right after `m`
  // ("Ruritania (2031–38)"), or null.
  const Mention* RangeRightAfter(const Mention& m) const;

  // Returns true when `date` is a bare year used as the attribute of a noun in
  // another noun's complement ("Article 4 of the 1992 treaty"): it dates that
  // thing, not the event.
  bool IsAttributive(const Mention& date) const;

  // Returns true when `date` follows a verb of saying closely ("said on
  // Thursday"): it dates the statement, not the event the statement reports.
  bool DatesAStatement(const Mention& date) const;

  // Returns the host of the trigger at [first, end): a demonym right before
  // it ("the Freedonian operation"), else the first country mention after it in
  // the same clause that follows a host preposition, is a possessive
  // ("Freedonia's") or is the trigger's object ("entered Freedonia"), else
  // "in <country>" earlier in the clause, else "in the country" / "on its
  // territory" after it (the country named last before); null when none.
  const Mention* HostOf(int first, int end) const;

  // Returns the last country named by name before token `token` in the
  // document (for "the country"); null when none.
  const Mention* CountryBefore(int token) const;

  // Returns the purpose clause after token `end` in its clause, in the text's
  // words: "to" and a verb up to the next punctuation ("to secure Freedonia's
  // critical infrastructure"), at most kMaxPurposeTokens; "" when none.
  std::string PurposeAfter(int end) const;

  // Returns true when one of the `window` tokens before `first` (within the
  // clause) is a word of `set`.
  bool WordBefore(uint32_t set, int first, int window) const;

 private:
  void SplitClauses();
  bool IsSpacedDash(int token) const;
  // True when token `token` is inside parentheses.
  bool InParenthesis(int token) const;
  // True when only coordinators (and parentheses) separate country mentions
  // `before` and `after`: "A, B and C", "A (2031–38) and B".
  bool Coordinated(const Mention& before, const Mention& after) const;
  // True when `m`, a country mention of the sentence before, can be what a
  // pronoun here refers to.
  bool IsPreviousSentenceActor(const Mention& m) const;
  bool IsActor(const Mention& m, bool allow_people) const;
  std::string OrganizationNounAt(int token, int* end) const;
  std::string OrganizationBetween(int first, int max_gap, bool same_clause) const;

  const AnnotatedDocument& doc_;
  const Sentence& sentence_;
  const TriggerLexicon& words_;
  const std::string focus_organization_;
  std::vector<const Mention*> mentions_;
  std::vector<const Mention*> mention_at_;  // per sentence token
  std::vector<Clause> clauses_;
  std::vector<int> clause_of_;  // per sentence token
};

// Returns the organization a document is about: the most often mentioned one
// (ties: `preferred`, the ledger's own organization, when it is among them,
// else the first mentioned); "" when none is mentioned.
std::string FocusOrganization(const AnnotatedDocument& doc, const std::string& preferred = "");

// Returns the code a mention acts for: a country's code, or a person's country.
std::string ActorCode(const Mention& m);

}  // namespace alliance::ingest::events

#endif  // ALLIANCE_INGEST_EXTRACT_EVENTS_SENTENCE_STRUCTURE_H_
