#include "bench/parser_comparison/link_grammar_parser.h"

#include <link-grammar/link-includes.h>

#include <algorithm>
#include <chrono>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace alliance::bench {

using ingest::Mention;
using ingest::MentionKind;
using ingest::events::SentenceStructure;

double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

struct LinkGrammarParser::Impl {
  Dictionary dict = nullptr;
  Parse_Options opts = nullptr;
  LgOptions options;
};

namespace {

// Passes on warnings and errors; drops link-grammar's info and debug notes
// (the "en" dictionary names a locale, en_US.UTF-8, most machines lack).
void ReportLinkGrammarMessage(lg_errinfo* info, void* /*data*/) {
  if (info->severity > lg_Warn) return;
  char* message = lg_error_formatmsg(info);
  std::fprintf(stderr, "%s", message);
  free(message);
}

}  // namespace

absl::StatusOr<std::unique_ptr<LinkGrammarParser>> LinkGrammarParser::Create(const LgOptions& options) {
  // The dictionary wants a UTF-8 locale; C.UTF-8 exists everywhere.
  std::setlocale(LC_ALL, "C.UTF-8");
  lg_error_set_handler(ReportLinkGrammarMessage, nullptr);
  std::unique_ptr<LinkGrammarParser> parser(new LinkGrammarParser());
  parser->impl_ = std::make_unique<Impl>();
  Impl& impl = *parser->impl_;
  impl.options = options;
  impl.dict = dictionary_create_lang("en");
  if (impl.dict == nullptr) return absl::UnavailableError("link-grammar: cannot open dictionary \"en\"");
  impl.opts = parse_options_create();
  parse_options_set_verbosity(impl.opts, 0);
  parse_options_set_max_parse_time(impl.opts, options.max_parse_time_seconds);
  parse_options_set_linkage_limit(impl.opts, options.linkage_limit);
  parse_options_set_min_null_count(impl.opts, 0);
  parse_options_set_max_null_count(impl.opts, 0);
  parse_options_set_islands_ok(impl.opts, false);
  parse_options_set_spell_guess(impl.opts, 0);
  parse_options_set_repeatable_rand(impl.opts, true);
  if (options.disjunct_cost > 0) parse_options_set_disjunct_cost(impl.opts, options.disjunct_cost);
  if (options.short_length > 0) parse_options_set_short_length(impl.opts, options.short_length);
  return parser;
}

LinkGrammarParser::~LinkGrammarParser() {
  if (impl_ == nullptr) return;
  if (impl_->opts != nullptr) parse_options_delete(impl_->opts);
  if (impl_->dict != nullptr) dictionary_delete(impl_->dict);
}

LgParse LinkGrammarParser::Parse(absl::string_view text) {
  LgParse out;
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = ThreadCpuSeconds();
  const std::string copy(text);
  ::Sentence sent = sentence_create(copy.c_str(), impl_->dict);
  if (sent == nullptr) return out;
  // One call: link-grammar tries 0 null words first and only then more, all
  // within the one time bound.
  parse_options_set_min_null_count(impl_->opts, 0);
  parse_options_set_max_null_count(impl_->opts, 0);
  int found = 0;
  if (sentence_split(sent, impl_->opts) == 0) {
    if (impl_->options.allow_null_words) parse_options_set_max_null_count(impl_->opts, sentence_length(sent));
    found = sentence_parse(sent, impl_->opts);
  }
  out.timed_out = parse_options_timer_expired(impl_->opts) != 0 || parse_options_resources_exhausted(impl_->opts) != 0;
  if (found > 0) {
    Linkage linkage = linkage_create(0, sent, impl_->opts);
    if (linkage != nullptr) {
      out.linked = true;
      out.null_count = sentence_null_count(sent);
      const int words = linkage_get_num_words(linkage);
      for (int w = 0; w < words; ++w) {
        LgWord& word = out.words.emplace_back();
        word.label = linkage_get_word(linkage, w);
        word.begin = static_cast<int>(linkage_get_word_byte_start(linkage, w));
        word.end = static_cast<int>(linkage_get_word_byte_end(linkage, w));
      }
      const int links = linkage_get_num_links(linkage);
      for (int i = 0; i < links; ++i) {
        LgLink& link = out.links.emplace_back();
        link.left = static_cast<int>(linkage_get_link_lword(linkage, i));
        link.right = static_cast<int>(linkage_get_link_rword(linkage, i));
        link.label = linkage_get_link_label(linkage, i);
      }
      if (impl_->options.keep_diagram) {
        char* diagram = linkage_print_diagram(linkage, true, 200);
        out.diagram = diagram;
        linkage_free_diagram(diagram);
      }
      linkage_delete(linkage);
    }
  }
  sentence_delete(sent);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out.cpu_seconds = ThreadCpuSeconds() - cpu_start;
  return out;
}

namespace {

constexpr int kMaxDepth = 6;

// Reads one parse against one sentence of an annotated document.
class ActorReader {
 public:
  ActorReader(const LgParse& parse, const SentenceStructure& s) : p_(parse), s_(s), base_(s.sentence().begin) {
    by_word_.resize(p_.words.size());
    for (size_t i = 0; i < p_.links.size(); ++i) {
      by_word_[static_cast<size_t>(p_.links[i].left)].push_back(static_cast<int>(i));
      by_word_[static_cast<size_t>(p_.links[i].right)].push_back(static_cast<int>(i));
    }
  }

  std::vector<const Mention*> Actors(int first, int end) {
    const auto& tokens = s_.doc().tokens;
    const int begin_byte = tokens[static_cast<size_t>(first)].begin - base_;
    const int end_byte = tokens[static_cast<size_t>(end - 1)].end - base_;
    int verb = -1;
    int noun = -1;
    int any = -1;
    for (int w = 1; w < static_cast<int>(p_.words.size()); ++w) {
      const LgWord& word = p_.words[static_cast<size_t>(w)];
      if (word.end <= begin_byte || word.begin >= end_byte || IsNull(w)) continue;
      if (any < 0) any = w;
      const std::string sub = Subscript(w);
      if (verb < 0 && !sub.empty() && (sub[0] == 'v' || sub[0] == 'w' || sub[0] == 'q')) verb = w;
      if (!sub.empty() && (sub[0] == 'n' || sub[0] == 's' || sub[0] == 'p' || sub[0] == 'g')) noun = w;
    }
    std::vector<int> subjects;
    if (verb >= 0) {
      SubjectsOf(verb, 0, &subjects);
    } else {
      const int head = noun >= 0 ? noun : any;
      if (head < 0) return {};
      // "A's withdrawal", "the signing ... by A": the noun's own arguments.
      Expand(head, 0, /*self=*/false);
      if (!found_.empty()) return Result();
      // "giving A partner status" (the other object), else "A was granted
      // observer status", "A became an observer" (the verb's subject).
      for (int i : by_word_[static_cast<size_t>(head)]) {
        const LgLink& l = p_.links[static_cast<size_t>(i)];
        if (l.right != head || l.label[0] != 'O') continue;
        for (int j : by_word_[static_cast<size_t>(l.left)]) {
          const LgLink& k = p_.links[static_cast<size_t>(j)];
          if (k.left == l.left && k.right != head && k.label[0] == 'O') Expand(k.right, 0, true);
        }
        if (found_.empty()) SubjectsOf(l.left, 0, &subjects);
      }
    }
    for (int subject : subjects) Expand(subject, 0, /*self=*/true);
    return Result();
  }

 private:
  std::vector<const Mention*> Result() const { return found_; }

  bool IsNull(int w) const {
    const std::string& label = p_.words[static_cast<size_t>(w)].label;
    return !label.empty() && label[0] == '[';
  }
  std::string Text(int w) const {
    const LgWord& word = p_.words[static_cast<size_t>(w)];
    if (word.end <= word.begin) return "";
    return absl::AsciiStrToLower(s_.doc().text.substr(static_cast<size_t>(base_ + word.begin),
                                                      static_cast<size_t>(word.end - word.begin)));
  }
  // "left.v-d" -> "v-d"; "" without a subscript.
  std::string Subscript(int w) const {
    const std::string& label = p_.words[static_cast<size_t>(w)].label;
    const size_t dot = label.rfind('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 >= label.size()) return "";
    return label.substr(dot + 1);
  }
  const LgLink& Link(int i) const { return p_.links[static_cast<size_t>(i)]; }

  // The mention over word `w` (a country first), or null.
  const Mention* MentionOf(int w) const {
    const LgWord& word = p_.words[static_cast<size_t>(w)];
    const Mention* best = nullptr;
    for (const Mention* m : s_.mentions()) {
      if (m->end - base_ <= word.begin || m->begin - base_ >= word.end) continue;
      if (best == nullptr || (m->kind == MentionKind::kCountry && best->kind != MentionKind::kCountry)) best = m;
    }
    return best;
  }

  void Add(const Mention* m) {
    if (std::find(found_.begin(), found_.end(), m) == found_.end()) found_.push_back(m);
  }

  // The subjects of verb `v`: S links (SI: inverted), else those of the word
  // it hangs from (auxiliary, modal, "to", coordinating conjunction).
  void SubjectsOf(int v, int depth, std::vector<int>* out) {
    if (depth > kMaxDepth) return;
    const size_t before = out->size();
    for (int i : by_word_[static_cast<size_t>(v)]) {
      const LgLink& l = Link(i);
      const std::string& a = l.label;
      const bool inverted = absl::StartsWith(a, "SI") || absl::StartsWith(a, "SFI") || absl::StartsWith(a, "SXI");
      if (a[0] != 'S' || absl::StartsWith(a, "SJ")) continue;
      if (inverted && l.left == v) out->push_back(l.right);
      if (!inverted && l.right == v) out->push_back(l.left);
    }
    if (out->size() > before) return;
    // Passive: "signed by A, B and C" (agents win, as in sentence_structure).
    bool passive = false;
    for (int i : by_word_[static_cast<size_t>(v)]) {
      const LgLink& l = Link(i);
      if (l.right == v && absl::StartsWith(l.label, "Pv")) passive = true;
    }
    if (passive && depth == 0) {
      const size_t had = found_.size();
      AgentsOf(v, 0);
      if (found_.size() > had) return;
    }
    for (int i : by_word_[static_cast<size_t>(v)]) {
      const LgLink& l = Link(i);
      const std::string& a = l.label;
      if (l.right == v && (a[0] == 'I' || absl::StartsWith(a, "TO") || absl::StartsWith(a, "MVi") ||
                           absl::StartsWith(a, "Pv") || absl::StartsWith(a, "Pg") || absl::StartsWith(a, "PP") ||
                           absl::StartsWith(a, "Pa") || absl::StartsWith(a, "VJr"))) {
        SubjectsOf(l.left, depth + 1, out);
      }
      if (l.left == v && absl::StartsWith(a, "VJl")) SubjectsOf(l.right, depth + 1, out);
    }
  }

  // "by A" after verb or noun `w`.
  void AgentsOf(int w, int depth) {
    for (int i : by_word_[static_cast<size_t>(w)]) {
      const LgLink& l = Link(i);
      if (l.left == w && (absl::StartsWith(l.label, "MVp") || absl::StartsWith(l.label, "Mp"))) {
        ObjectsOf(l.right, "by", depth);
      }
    }
  }

  // The objects of preposition `p` when it is `preposition`, also through
  // coordinated phrases ("by A and B – and by C" is MJ(by, and) MJ(and, by)).
  void ObjectsOf(int p, absl::string_view preposition, int depth) {
    if (depth > kMaxDepth) return;
    if (Text(p) == preposition) {
      for (int j : by_word_[static_cast<size_t>(p)]) {
        const LgLink& k = Link(j);
        if (k.left == p && k.label[0] == 'J') Expand(k.right, depth + 1, true);
      }
      return;
    }
    for (int j : by_word_[static_cast<size_t>(p)]) {
      const LgLink& k = Link(j);
      if (k.right == p && absl::StartsWith(k.label, "MJl")) ObjectsOf(k.left, preposition, depth + 1);
      if (k.left == p && absl::StartsWith(k.label, "MJr")) ObjectsOf(k.right, preposition, depth + 1);
    }
  }

  // Adds the acting countries word `w` stands for. `self`: `w` itself may be
  // one (false for a nominal trigger, whose own arguments are wanted).
  void Expand(int w, int depth, bool self) {
    if (depth > kMaxDepth || w <= 0 || IsNull(w)) return;
    if (std::find(expanded_.begin(), expanded_.end(), w) != expanded_.end()) return;
    expanded_.push_back(w);
    if (self) {
      const Mention* m = MentionOf(w);
      if (m != nullptr && m->kind == MentionKind::kCountry) {
        if (s_.IsActingCountry(*m)) Add(m);
        // A list parsed as appositions: "A, B, C" as MX(A, B) MX(B, C).
        for (int i : by_word_[static_cast<size_t>(w)]) {
          const LgLink& l = Link(i);
          if (l.left == w && absl::StartsWith(l.label, "MX")) Expand(l.right, depth + 1, true);
        }
        return;
      }
      const std::string word = Text(w);
      if (word == "it" || word == "they" || word == "he" || word == "she") {
        // The nearest acting country before the pronoun.
        const Mention* best = nullptr;
        for (const Mention* c : s_.mentions()) {
          if (c->end - base_ <= p_.words[static_cast<size_t>(w)].begin && s_.IsActingCountry(*c)) best = c;
        }
        if (best != nullptr) Add(best);
        return;
      }
      if (word == "which" || word == "who" || word == "that") {
        for (int i : by_word_[static_cast<size_t>(w)]) {
          const LgLink& l = Link(i);
          if (l.right == w && (absl::StartsWith(l.label, "MX") || l.label[0] == 'R')) Expand(l.left, depth + 1, true);
        }
        return;
      }
    }
    for (int i : by_word_[static_cast<size_t>(w)]) {
      const LgLink& l = Link(i);
      const std::string& a = l.label;
      // Coordination: "A, B and C" (the conjunction heads its conjuncts).
      if (l.left == w && absl::StartsWith(a, "SJr")) Expand(l.right, depth + 1, true);
      if (l.right == w && absl::StartsWith(a, "SJl")) Expand(l.left, depth + 1, true);
      // Possessor: "A 's membership" is YS(A, 's) D(’s, membership).
      if (l.right == w && a[0] == 'D' && absl::StartsWith(Text(l.left), "'")) {
        for (int j : by_word_[static_cast<size_t>(l.left)]) {
          const LgLink& k = Link(j);
          if (k.right == l.left && (absl::StartsWith(k.label, "YS") || absl::StartsWith(k.label, "YP"))) {
            Expand(k.left, depth + 1, true);
          }
        }
      }
      // "the presidents of A and B" (Mp, Mf).
      if (l.left == w && a[0] == 'M' && !absl::StartsWith(a, "MX")) ObjectsOf(l.right, "of", depth);
      // Apposition: "six states -- A, B and C --".
      if (l.left == w && absl::StartsWith(a, "MX")) Expand(l.right, depth + 1, true);
      // "the Uzbek parliament": a demonym modifying the head.
      if (l.right == w && (a[0] == 'A' || a[0] == 'G')) {
        const Mention* m = MentionOf(l.left);
        if (m != nullptr && m->kind == MentionKind::kCountry) Add(m);
      }
    }
    if (!self) AgentsOf(w, depth);
  }

  const LgParse& p_;
  const SentenceStructure& s_;
  const int base_;
  std::vector<std::vector<int>> by_word_;  // link indices per word
  std::vector<const Mention*> found_;
  std::vector<int> expanded_;  // words already expanded
};

}  // namespace

std::vector<const Mention*> LinkGrammarActors(const LgParse& parse, const SentenceStructure& s, int first, int end) {
  if (!parse.linked || end <= first) return {};
  ActorReader reader(parse, s);
  return reader.Actors(first, end);
}

}  // namespace alliance::bench
