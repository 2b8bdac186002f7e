// CMU link-grammar (Debian liblink-grammar-dev, dictionary "en") behind a
// small interface, and the question the event stages ask of a parse: who is
// the subject or agent of a membership trigger. Built only for the parser
// comparison (bench/parser_comparison), never linked into the services.
#ifndef ALLIANCE_BENCH_PARSER_COMPARISON_LINK_GRAMMAR_PARSER_H_
#define ALLIANCE_BENCH_PARSER_COMPARISON_LINK_GRAMMAR_PARSER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ingest-service/extract/annotated_document.h"
#include "ingest-service/extract/events/sentence_structure.h"

namespace alliance::bench {

// One word of a linkage: link-grammar's label ("left.v-d", "'s.p",
// "[Tashkent]" for a null word) and its bytes in the parsed text.
struct LgWord {
  std::string label;
  int begin = 0;  // first byte, relative to the parsed text
  int end = 0;    // one past the last byte
};

// One link: words left < right and the link's label ("Ss*s", "SJlp", "Pv").
struct LgLink {
  int left = 0;
  int right = 0;
  std::string label;
};

// The first (lowest-cost) linkage of one sentence.
struct LgParse {
  bool linked = false;      // a linkage was found (possibly with null words)
  int null_count = 0;       // words left out of the linkage
  bool timed_out = false;   // the time bound was hit
  double seconds = 0;       // wall time of sentence_create + parse + linkage
  double cpu_seconds = 0;   // the same in this thread's CPU time
  std::vector<LgWord> words;  // words[0] is LEFT-WALL
  std::vector<LgLink> links;
  std::string diagram;      // only when asked for

  // A complete parse: linked, no null word, within the time bound.
  bool complete() const { return linked && null_count == 0 && !timed_out; }
};

// This thread's CPU time in seconds (CLOCK_THREAD_CPUTIME_ID).
double ThreadCpuSeconds();

struct LgOptions {
  int max_parse_time_seconds = 1;  // link-grammar's bound is whole seconds
  int linkage_limit = 100;
  bool allow_null_words = true;    // retry with null words when none fits whole
  bool keep_diagram = false;
  double disjunct_cost = 0;  // > 0: instead of the dictionary's (2.7 for "en")
  int short_length = 0;      // > 0: instead of link-grammar's 16
};

// One dictionary and one set of parse options. Not thread-safe: one per thread.
class LinkGrammarParser {
 public:
  // Opens dictionary "en". Returns UNAVAILABLE when it cannot be opened.
  static absl::StatusOr<std::unique_ptr<LinkGrammarParser>> Create(const LgOptions& options);
  ~LinkGrammarParser();
  LinkGrammarParser(const LinkGrammarParser&) = delete;
  LinkGrammarParser& operator=(const LinkGrammarParser&) = delete;

  // Parses `text` (one sentence) and returns its first linkage. The time
  // bound (max_parse_time_seconds) is on the parse proper, in wall time.
  LgParse Parse(absl::string_view text);

 private:
  LinkGrammarParser() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Returns the actors (acting countries) of the membership trigger at document
// tokens [first, end) of `s`, read off `parse` of the sentence text
// (s.doc().text from s.sentence().begin): the agents of a passive ("signed by
// A, B and C"), else the subject of the trigger's verb, reached through
// auxiliaries, modals, "to" complements and verb coordination (VJ), expanded
// through subject coordination (SJ), possessors ("A's membership"), "of"
// complements ("the presidents of A and B"), demonym modifiers and relative
// pronouns (MX/R links to the antecedent); a subject pronoun falls back to the
// nearest acting country before it. A nominal trigger ("A's withdrawal",
// "granted observer status") takes its possessor or "by" agent, else the
// subject of the verb it is the object of.
std::vector<const ingest::Mention*> LinkGrammarActors(const LgParse& parse, const ingest::events::SentenceStructure& s,
                                                      int first, int end);

}  // namespace alliance::bench

#endif  // ALLIANCE_BENCH_PARSER_COMPARISON_LINK_GRAMMAR_PARSER_H_
