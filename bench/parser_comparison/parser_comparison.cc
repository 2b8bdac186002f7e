// Compares two answers to "who is the subject or actor of each membership
// trigger" (issue #8 item 2): the hand-written clause analysis
// (events/sentence_structure.h, SentenceStructure::Actors) and CMU
// link-grammar (LinkGrammarActors), on the phenomena suite and on the dev set,
// for accuracy and speed. Prints Markdown tables.
//
//   build-*/bench/parser_comparison/parser_comparison --corpus_dir=../shared/corpus
//       [--lexicon_dir=data/lexicon] [--repeat=20] [--cases [--diagrams]]
//
// Both analysers see the same sentences, mentions and triggers (Annotate and
// TriggerLexicon::FindTriggers) and are asked only about candidate sentences:
// a membership trigger plus an organization mention or an organization noun
// (bloc, alliance, treaty, pact, ...). A trigger is scored when its
// organization (found as membership_extractor.cc finds it) is the alliance
// (--organization). For a phenomena case, the countries both analysers assign
// over its scored triggers are compared with the countries of its expected
// membership_events. The dev set has no per-sentence gold; its sentences that
// contain a quote cited by a required or allowed membership fact of
// dev-gold.json get that fact's country as silver gold.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "bench/parser_comparison/link_grammar_parser.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "ingest-service/extract/annotate.h"
#include "ingest-service/extract/events/sentence_structure.h"
#include "ingest-service/extract/events/trigger_lexicon.h"
#include "ingest-service/extract/lexicon.h"
#include "ingest-service/extract/pipeline.h"
#include "ingest-service/extract/text_normalizer.h"
#include "re2/re2.h"

ABSL_FLAG(std::string, corpus_dir, "", "directory with phenomena.json, dev/ and dev-gold.json (../shared/corpus)");
ABSL_FLAG(std::string, lexicon_dir, ALLIANCE_SOURCE_DIR "/data/lexicon", "lexicon directory");
ABSL_FLAG(std::string, organization, "CSTO", "the alliance whose membership triggers are scored");
ABSL_FLAG(int, max_parse_time, 1, "link-grammar's time bound per sentence, whole seconds");
ABSL_FLAG(int, linkage_limit, 100, "link-grammar's linkage limit");
ABSL_FLAG(double, disjunct_cost, 0, "link-grammar's disjunct cost bound (0: the dictionary's)");
ABSL_FLAG(int, short_length, 0, "link-grammar's short connector length (0: its default)");
ABSL_FLAG(int, repeat, 20, "passes over the dev set when timing the fast stages (sentence_structure, pipeline)");
ABSL_FLAG(bool, all_sentences, true, "also parse every dev sentence with link-grammar (throughput without gating)");
ABSL_FLAG(bool, cases, false, "print each scored phenomena case and dev sentence with both answers");
ABSL_FLAG(bool, diagrams, false, "with --cases: print link-grammar's diagram where the answers differ");

namespace alliance::bench {
namespace {

using ingest::AnnotatedDocument;
using ingest::Mention;
using ingest::MentionKind;
using ingest::Sentence;
using ingest::events::SentenceStructure;
using ingest::events::TriggerLexicon;
using ingest::events::TriggerMatch;
using CodeSet = std::set<std::string>;

// As membership_extractor.cc.
constexpr int kMaxObjectGap = 8;
constexpr int kMaxOrganizationBefore = 20;

// Timing is in this thread's CPU time: the machine's two cores are shared, and
// wall time would charge other processes' work to the analysers.
double CpuSince(double start) { return ThreadCpuSeconds() - start; }

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << path << "\n";
    std::exit(1);
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

google::protobuf::Value ReadJson(const std::string& path) {
  google::protobuf::Struct wrapper;
  const auto status = google::protobuf::util::JsonStringToMessage("{\"v\":" + ReadFile(path) + "}", &wrapper);
  if (!status.ok()) {
    std::cerr << path << ": " << status.ToString() << "\n";
    std::exit(1);
  }
  return wrapper.fields().at("v");
}

const google::protobuf::Value* Field(const google::protobuf::Value& v, const std::string& name) {
  if (v.kind_case() != google::protobuf::Value::kStructValue) return nullptr;
  auto it = v.struct_value().fields().find(name);
  return it == v.struct_value().fields().end() ? nullptr : &it->second;
}

std::string StringField(const google::protobuf::Value& v, const std::string& name) {
  const google::protobuf::Value* f = Field(v, name);
  return f != nullptr && f->kind_case() == google::protobuf::Value::kStringValue ? f->string_value() : "";
}

std::string Codes(const CodeSet& set) { return set.empty() ? "-" : absl::StrJoin(set, ","); }

// What both analysers answered for one candidate sentence.
struct CandidateResult {
  int sentence = 0;
  LgParse parse;
  double lg_read_seconds = 0;  // reading actors off the parse
  int scored_triggers = 0;     // membership triggers of the alliance
  CodeSet ss;                  // countries sentence_structure assigned
  CodeSet lg;                  // countries link-grammar assigned
};

struct DocumentResult {
  int sentences = 0;
  std::vector<CandidateResult> candidates;
};

// Context shared by every document.
struct Setup {
  std::unique_ptr<ingest::Lexicon> lexicon;
  std::unique_ptr<TriggerLexicon> words;
  std::unique_ptr<LinkGrammarParser> parser;
  std::string organization;
};

bool HasMembershipTrigger(const std::vector<TriggerMatch>& triggers) {
  for (const TriggerMatch& t : triggers) {
    if (t.Find(ingest::events::TRIGGER_KIND_MEMBERSHIP) != nullptr) return true;
  }
  return false;
}

// A candidate: a membership trigger and the alliance named or described.
bool IsCandidate(const AnnotatedDocument& doc, const Sentence& sentence, const TriggerLexicon& words,
                 const std::vector<TriggerMatch>& triggers, size_t first_mention) {
  if (!HasMembershipTrigger(triggers)) return false;
  for (size_t i = first_mention; i < doc.mentions.size() && doc.mentions[i].begin < sentence.end; ++i) {
    if (doc.mentions[i].kind == MentionKind::kOrganization && doc.mentions[i].sentence == sentence.index) return true;
  }
  for (int t = sentence.first_token; t < sentence.end_token; ++t) {
    if (words.IsWord(ingest::events::kOrganizationNoun, doc.tokens[static_cast<size_t>(t)])) return true;
  }
  return false;
}

// Runs both analysers over the candidate sentences of `doc`.
DocumentResult Analyse(const AnnotatedDocument& doc, Setup& setup) {
  DocumentResult result;
  result.sentences = static_cast<int>(doc.sentences.size());
  const std::string focus = ingest::events::FocusOrganization(doc);
  size_t mention = 0;
  for (const Sentence& sentence : doc.sentences) {
    while (mention < doc.mentions.size() && doc.mentions[mention].begin < sentence.begin) ++mention;
    const std::vector<TriggerMatch> triggers =
        setup.words->FindTriggers(doc.tokens, sentence.first_token, sentence.end_token);
    if (!IsCandidate(doc, sentence, *setup.words, triggers, mention)) continue;
    const SentenceStructure s(doc, sentence.index, *setup.words, focus);
    CandidateResult& c = result.candidates.emplace_back();
    c.sentence = sentence.index;
    c.parse = setup.parser->Parse(absl::string_view(doc.text).substr(
        static_cast<size_t>(sentence.begin), static_cast<size_t>(sentence.end - sentence.begin)));
    for (const TriggerMatch& match : triggers) {
      const ingest::events::Trigger* trigger = match.Find(ingest::events::TRIGGER_KIND_MEMBERSHIP);
      if (trigger == nullptr) continue;
      std::string organization = s.OrganizationAfter(match.end_token, kMaxObjectGap);
      if (organization.empty()) organization = s.OrganizationBefore(match.first_token, kMaxOrganizationBefore);
      if (organization.empty() && trigger->implicit_organization()) organization = s.focus_organization();
      if (organization != setup.organization) continue;
      ++c.scored_triggers;
      for (const Mention* m : s.Actors(match.first_token, match.end_token, false)) {
        const std::string code = ingest::events::ActorCode(*m);
        if (!code.empty()) c.ss.insert(code);
      }
      const double start = ThreadCpuSeconds();
      const std::vector<const Mention*> lg = LinkGrammarActors(c.parse, s, match.first_token, match.end_token);
      c.lg_read_seconds += CpuSince(start);
      for (const Mention* m : lg) {
        const std::string code = ingest::events::ActorCode(*m);
        if (!code.empty()) c.lg.insert(code);
      }
    }
  }
  return result;
}

// Precision, recall and exact sets of one analyser over some cases.
struct Score {
  int tp = 0, fp = 0, fn = 0, exact = 0, cases = 0;
  void Add(const CodeSet& predicted, const CodeSet& gold) {
    ++cases;
    int hit = 0;
    for (const std::string& c : predicted) hit += gold.count(c) > 0 ? 1 : 0;
    tp += hit;
    fp += static_cast<int>(predicted.size()) - hit;
    fn += static_cast<int>(gold.size()) - hit;
    exact += predicted == gold ? 1 : 0;
  }
  void Add(const Score& o) {
    tp += o.tp, fp += o.fp, fn += o.fn, exact += o.exact, cases += o.cases;
  }
  std::string Format() const {
    const double p = tp + fp == 0 ? 1.0 : static_cast<double>(tp) / (tp + fp);
    const double r = tp + fn == 0 ? 1.0 : static_cast<double>(tp) / (tp + fn);
    return absl::StrFormat("%.2f | %.2f | %d/%d", p, r, exact, cases);
  }
};

struct GroupScore {
  int cases = 0;
  Score ss, lg;
};

std::string SentenceText(const AnnotatedDocument& doc, int index) {
  const ingest::Sentence& s = doc.sentences[static_cast<size_t>(index)];
  return doc.text.substr(static_cast<size_t>(s.begin), static_cast<size_t>(s.end - s.begin));
}

void PrintCase(const std::string& label, const AnnotatedDocument& doc, const CandidateResult& c, const CodeSet& gold) {
  if (!absl::GetFlag(FLAGS_cases)) return;
  std::printf("  [%s] gold=%s ss=%s%s lg=%s%s nulls=%d%s\n    %s\n", label.c_str(), Codes(gold).c_str(),
              Codes(c.ss).c_str(), c.ss == gold ? "" : "(x)", Codes(c.lg).c_str(), c.lg == gold ? "" : "(x)",
              c.parse.null_count, c.parse.timed_out ? " TIMEOUT" : "", SentenceText(doc, c.sentence).c_str());
  if (absl::GetFlag(FLAGS_diagrams) && c.lg != c.ss) std::printf("%s\n", c.parse.diagram.c_str());
}

// ---------------------------------------------------------------- phenomena

void RunPhenomena(const std::string& path, Setup& setup, std::vector<double>* parse_seconds) {
  const google::protobuf::Value cases = ReadJson(path);
  std::map<std::string, GroupScore> groups;
  std::vector<std::string> order;
  GroupScore all;
  int no_trigger = 0;
  if (absl::GetFlag(FLAGS_cases)) std::printf("Phenomena cases (x: differs from the gold)\n");
  for (const google::protobuf::Value& item : cases.list_value().values()) {
    const google::protobuf::Value* expect = Field(item, "expect");
    const google::protobuf::Value* events = expect == nullptr ? nullptr : Field(*expect, "membership_events");
    if (events == nullptr || events->list_value().values().empty()) continue;
    CodeSet gold;
    for (const google::protobuf::Value& e : events->list_value().values()) gold.insert(StringField(e, "country"));
    v1::Document document;
    document.set_text(StringField(item, "text"));
    document.set_published(StringField(item, "published"));
    auto doc = ingest::Annotate(document, *setup.lexicon);
    if (!doc.ok()) {
      std::cerr << StringField(item, "id") << ": " << doc.status() << "\n";
      std::exit(1);
    }
    const DocumentResult r = Analyse(*doc, setup);
    const std::string phenomenon = StringField(item, "phenomenon");
    if (groups.find(phenomenon) == groups.end()) order.push_back(phenomenon);
    GroupScore& g = groups[phenomenon];
    ++g.cases;
    ++all.cases;
    CodeSet ss, lg;
    int scored = 0;
    for (const CandidateResult& c : r.candidates) {
      parse_seconds->push_back(c.parse.cpu_seconds);
      scored += c.scored_triggers;
      ss.insert(c.ss.begin(), c.ss.end());
      lg.insert(c.lg.begin(), c.lg.end());
      if (c.scored_triggers > 0) PrintCase(StringField(item, "id"), *doc, c, gold);
    }
    if (scored == 0) {
      ++no_trigger;
      if (absl::GetFlag(FLAGS_cases)) std::printf("  [%s] no alliance membership trigger\n", StringField(item, "id").c_str());
      continue;
    }
    g.ss.Add(ss, gold);
    g.lg.Add(lg, gold);
  }
  std::printf("\n#### Phenomena suite: actors of membership triggers\n\n");
  std::printf("Cases with expected membership events; scored where the pipeline finds an alliance membership "
              "trigger in a candidate sentence (%d cases have none: both analysers are never asked).\n"
              "P and R over countries per case, exact = cases whose country set equals the gold.\n\n",
              no_trigger);
  std::printf("| phenomenon | cases | scored | sentence_structure P | R | exact | link-grammar P | R | exact |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  std::sort(order.begin(), order.end());
  for (const std::string& name : order) {
    const GroupScore& g = groups[name];
    all.ss.Add(g.ss);
    all.lg.Add(g.lg);
    std::printf("| %s | %d | %d | %s | %s |\n", name.c_str(), g.cases, g.ss.cases, g.ss.Format().c_str(),
                g.lg.Format().c_str());
  }
  std::printf("| **all** | %d | %d | %s | %s |\n", all.cases, all.ss.cases, all.ss.Format().c_str(),
              all.lg.Format().c_str());
}

// ---------------------------------------------------------------------- dev

struct DevDocument {
  std::string name;  // "01"
  v1::Document document;
  AnnotatedDocument doc;
};

// Reads an article: its first line is "SOURCE: .. | TITLE: .. | DATE: ..".
v1::Document ReadArticle(const std::string& path) {
  const std::string raw = ReadFile(path);
  v1::Document document;
  const size_t newline = raw.find('\n');
  const std::string header = raw.substr(0, newline);
  document.set_text(newline == std::string::npos ? "" : raw.substr(newline + 1));
  for (absl::string_view field : absl::StrSplit(header, " | ")) {
    if (absl::ConsumePrefix(&field, "SOURCE: ")) document.set_url(std::string(field));
    if (absl::ConsumePrefix(&field, "TITLE: ")) document.set_title(std::string(field));
    if (absl::ConsumePrefix(&field, "DATE: ")) document.set_published(std::string(field));
  }
  return document;
}

// Silver gold: per article and sentence, the countries of the required and
// allowed membership facts whose "why" quotes that sentence ("02 \"...\"").
std::map<std::pair<std::string, int>, CodeSet> SilverGold(const std::string& path,
                                                          const std::vector<DevDocument>& docs) {
  std::map<std::pair<std::string, int>, CodeSet> gold;
  const google::protobuf::Value root = ReadJson(path);
  const google::protobuf::Value* events = Field(root, "membership_events");
  if (events == nullptr) return gold;
  static const RE2 kQuote("((?:\\d\\d(?:, | and |/))*\\d\\d) \"([^\"]+)\"");
  for (const char* list : {"required", "allowed"}) {
    const google::protobuf::Value* facts = Field(*events, list);
    if (facts == nullptr) continue;
    for (const google::protobuf::Value& fact : facts->list_value().values()) {
      const std::string country = StringField(fact, "country");
      const std::string why = StringField(fact, "why") + " " + StringField(fact, "note");
      re2::StringPiece input(why);
      std::string articles, quote;
      while (RE2::FindAndConsume(&input, kQuote, &articles, &quote)) {
        re2::StringPiece numbers(articles);
        std::string article;
        while (RE2::FindAndConsume(&numbers, "(\\d\\d)", &article)) {
          for (const DevDocument& d : docs) {
            if (d.name != article) continue;
            for (absl::string_view part : absl::StrSplit(quote, "\xE2\x80\xA6")) {  // "…"
              for (absl::string_view piece : absl::StrSplit(part, "...")) {
                const std::string needle = ingest::NormalizeText(absl::StripAsciiWhitespace(piece));
                if (needle.size() < 4) continue;
                const size_t at = d.doc.text.find(needle);
                if (at == std::string::npos) continue;
                for (const Sentence& s : d.doc.sentences) {
                  if (static_cast<size_t>(s.begin) <= at && at < static_cast<size_t>(s.end)) {
                    gold[{d.name, s.index}].insert(country);
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  return gold;
}

struct Stats {
  double mean_ms = 0, p50_ms = 0, p99_ms = 0, max_ms = 0, total_s = 0;
};
Stats Summarize(std::vector<double> seconds) {
  Stats s;
  if (seconds.empty()) return s;
  std::sort(seconds.begin(), seconds.end());
  for (double x : seconds) s.total_s += x;
  s.mean_ms = 1000 * s.total_s / static_cast<double>(seconds.size());
  s.p50_ms = 1000 * seconds[seconds.size() / 2];
  s.p99_ms = 1000 * seconds[std::min(seconds.size() - 1, static_cast<size_t>(0.99 * static_cast<double>(seconds.size())))];
  s.max_ms = 1000 * seconds.back();
  return s;
}

double MBps(int64_t bytes, double seconds) { return seconds <= 0 ? 0 : static_cast<double>(bytes) / 1e6 / seconds; }

void RunDev(const std::string& corpus_dir, Setup& setup, const std::vector<double>& phenomena_parse_seconds) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(corpus_dir + "/dev")) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<DevDocument> docs;
  int64_t bytes = 0;
  for (const auto& file : files) {
    DevDocument& d = docs.emplace_back();
    d.name = file.filename().string().substr(0, 2);
    d.document = ReadArticle(file.string());
    bytes += static_cast<int64_t>(d.document.text().size());
    auto doc = ingest::Annotate(d.document, *setup.lexicon);
    if (!doc.ok()) {
      std::cerr << file << ": " << doc.status() << "\n";
      std::exit(1);
    }
    d.doc = std::move(*doc);
  }
  const auto silver = SilverGold(corpus_dir + "/dev-gold.json", docs);

  // Accuracy (silver) and link-grammar on the candidates.
  int sentences = 0, candidates = 0, complete = 0, timeouts = 0;
  int64_t candidate_bytes = 0;
  double lg_read = 0, candidate_wall_max = 0, all_wall_max = 0;
  std::vector<double> candidate_seconds;
  Score ss, lg;
  int silver_sentences = 0;
  if (absl::GetFlag(FLAGS_cases)) std::printf("\nDev sentences with silver gold\n");
  for (const DevDocument& d : docs) {
    const DocumentResult r = Analyse(d.doc, setup);
    sentences += r.sentences;
    for (const CandidateResult& c : r.candidates) {
      ++candidates;
      const ingest::Sentence& s = d.doc.sentences[static_cast<size_t>(c.sentence)];
      candidate_bytes += s.end - s.begin;
      complete += c.parse.complete() ? 1 : 0;
      timeouts += c.parse.timed_out ? 1 : 0;
      candidate_seconds.push_back(c.parse.cpu_seconds);
      candidate_wall_max = std::max(candidate_wall_max, c.parse.seconds);
      lg_read += c.lg_read_seconds;
      auto it = silver.find({d.name, c.sentence});
      if (it == silver.end() || c.scored_triggers == 0) continue;
      ++silver_sentences;
      ss.Add(c.ss, it->second);
      lg.Add(c.lg, it->second);
      PrintCase(d.name, d.doc, c, it->second);
    }
  }
  int silver_total = 0;
  for (const auto& entry : silver) silver_total += entry.second.empty() ? 0 : 1;

  // sentence_structure over every sentence: triggers, structure, actors.
  const int repeat = std::max(1, absl::GetFlag(FLAGS_repeat));
  size_t sink = 0;
  double start = ThreadCpuSeconds();
  for (int pass = 0; pass < repeat; ++pass) {
    for (const DevDocument& d : docs) {
      const std::string focus = ingest::events::FocusOrganization(d.doc);
      for (const ingest::Sentence& sentence : d.doc.sentences) {
        const auto triggers = setup.words->FindTriggers(d.doc.tokens, sentence.first_token, sentence.end_token);
        const SentenceStructure s(d.doc, sentence.index, *setup.words, focus);
        for (const TriggerMatch& t : triggers) {
          if (t.Find(ingest::events::TRIGGER_KIND_MEMBERSHIP) != nullptr) {
            sink += s.Actors(t.first_token, t.end_token, false).size();
          }
        }
        sink += s.clauses().size();
      }
    }
  }
  const double ss_seconds = CpuSince(start) / repeat;

  // The gate alone: triggers and the candidate test over every sentence.
  start = ThreadCpuSeconds();
  for (int pass = 0; pass < repeat; ++pass) {
    for (const DevDocument& d : docs) {
      size_t mention = 0;
      for (const ingest::Sentence& sentence : d.doc.sentences) {
        while (mention < d.doc.mentions.size() && d.doc.mentions[mention].begin < sentence.begin) ++mention;
        const auto triggers = setup.words->FindTriggers(d.doc.tokens, sentence.first_token, sentence.end_token);
        sink += IsCandidate(d.doc, sentence, *setup.words, triggers, mention) ? 1 : 0;
      }
    }
  }
  const double gate_seconds = CpuSince(start) / repeat;

  // The whole extraction pipeline as the ingest service runs it (one thread).
  auto extractor = ingest::NewPipelineExtractor(absl::GetFlag(FLAGS_lexicon_dir));
  if (!extractor.ok()) {
    std::cerr << extractor.status() << "\n";
    std::exit(1);
  }
  start = ThreadCpuSeconds();
  for (int pass = 0; pass < repeat; ++pass) {
    for (const DevDocument& d : docs) {
      auto result = (*extractor)->Extract(d.document);
      if (result.ok()) sink += result->records.size();
    }
  }
  const double pipeline_seconds = CpuSince(start) / repeat;

  // link-grammar over every sentence (no gate).
  std::vector<double> all_seconds;
  int all_complete = 0, all_timeouts = 0;
  if (absl::GetFlag(FLAGS_all_sentences)) {
    for (const DevDocument& d : docs) {
      for (const ingest::Sentence& s : d.doc.sentences) {
        const LgParse p = setup.parser->Parse(absl::string_view(d.doc.text).substr(
            static_cast<size_t>(s.begin), static_cast<size_t>(s.end - s.begin)));
        all_seconds.push_back(p.cpu_seconds);
        all_wall_max = std::max(all_wall_max, p.seconds);
        all_complete += p.complete() ? 1 : 0;
        all_timeouts += p.timed_out ? 1 : 0;
      }
    }
  }
  if (sink == 42) std::printf(" ");  // keeps the timed loops

  const Stats cand = Summarize(candidate_seconds);
  const Stats every = Summarize(all_seconds);
  const Stats phen = Summarize(phenomena_parse_seconds);
  const double lg_gated_seconds = cand.total_s + lg_read;

  std::printf("\n#### Dev set: silver actors (sentences quoted by dev-gold.json membership facts)\n\n");
  std::printf("%d of the %d quoted sentences are candidates with an alliance membership trigger.\n\n",
              silver_sentences, silver_total);
  std::printf("| analyser | P | R | exact |\n|---|---:|---:|---:|\n");
  std::printf("| sentence_structure | %s |\n| link-grammar | %s |\n", ss.Format().c_str(), lg.Format().c_str());

  std::printf("\n#### Dev set: coverage and speed (%zu articles, %s bytes, %d sentences; one core)\n\n", docs.size(),
              absl::StrCat(bytes).c_str(), sentences);
  std::printf("| measure | value |\n|---|---:|\n");
  std::printf("| candidate sentences | %d of %d (%.1f%%), %s bytes |\n", candidates, sentences,
              100.0 * candidates / std::max(1, sentences), absl::StrCat(candidate_bytes).c_str());
  std::printf("| link-grammar complete linkage (0 null words, within %d s), candidates | %d of %d (%.0f%%) |\n",
              absl::GetFlag(FLAGS_max_parse_time), complete, candidates, 100.0 * complete / std::max(1, candidates));
  std::printf("| link-grammar time bound hit, candidates | %d |\n", timeouts);
  std::printf("| link-grammar parse time per candidate (CPU): mean / p50 / p99 / max | %.1f / %.1f / %.1f / %.1f ms |\n",
              cand.mean_ms, cand.p50_ms, cand.p99_ms, cand.max_ms);
  std::printf("| link-grammar parse time per candidate, wall max | %.1f ms |\n", 1000 * candidate_wall_max);
  std::printf("| link-grammar parse time per phenomena candidate (CPU): mean / p99 | %.1f / %.1f ms |\n",
              phen.mean_ms, phen.p99_ms);
  if (!all_seconds.empty()) {
    std::printf("| link-grammar complete linkage, every sentence | %d of %d (%.0f%%), %d hit the bound |\n",
                all_complete, sentences, 100.0 * all_complete / std::max(1, sentences), all_timeouts);
    std::printf("| link-grammar parse time, every sentence (CPU): mean / p99 / max; wall max | %.1f / %.1f / %.1f; %.1f ms |\n",
                every.mean_ms, every.p99_ms, every.max_ms, 1000 * all_wall_max);
  }
  std::printf("\n| throughput (corpus bytes / CPU time, one core) | MB/s |\n|---|---:|\n");
  std::printf("| (i) sentence_structure, every sentence (triggers + clauses + actors) | %.1f |\n",
              MBps(bytes, ss_seconds));
  std::printf("| gate alone (triggers + candidate test, every sentence) | %.1f |\n", MBps(bytes, gate_seconds));
  std::printf("| (ii) link-grammar, candidate sentences only (parse + actors) | %.3f |\n",
              MBps(bytes, lg_gated_seconds));
  std::printf("| (ii') link-grammar on the candidates' own bytes | %.3f |\n", MBps(candidate_bytes, cand.total_s));
  if (!all_seconds.empty()) {
    std::printf("| (iii) link-grammar, every sentence | %.3f |\n", MBps(bytes, every.total_s));
  }
  std::printf("| extraction pipeline today (Annotate + events) | %.1f |\n", MBps(bytes, pipeline_seconds));
  std::printf("| extraction pipeline + gated link-grammar (estimate: pipeline time + (ii) time) | %.2f |\n",
              MBps(bytes, pipeline_seconds + lg_gated_seconds));
}

}  // namespace
}  // namespace alliance::bench

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("Compares sentence_structure with link-grammar on the phenomena suite and dev set.");
  absl::ParseCommandLine(argc, argv);
  using namespace alliance::bench;
  std::string corpus = absl::GetFlag(FLAGS_corpus_dir);
  if (corpus.empty()) corpus = ALLIANCE_SOURCE_DIR "/../shared/corpus";
  Setup setup;
  setup.organization = absl::GetFlag(FLAGS_organization);
  const std::string lexicon_dir = absl::GetFlag(FLAGS_lexicon_dir);
  auto lexicon = alliance::ingest::Lexicon::Load(lexicon_dir);
  auto words = alliance::ingest::events::TriggerLexicon::Load(lexicon_dir + "/triggers.textproto");
  if (!lexicon.ok() || !words.ok()) {
    std::cerr << (lexicon.ok() ? words.status() : lexicon.status()) << "\n";
    return 1;
  }
  setup.lexicon = std::move(*lexicon);
  setup.words = std::move(*words);
  LgOptions options;
  options.max_parse_time_seconds = absl::GetFlag(FLAGS_max_parse_time);
  options.linkage_limit = absl::GetFlag(FLAGS_linkage_limit);
  options.keep_diagram = absl::GetFlag(FLAGS_diagrams);
  options.disjunct_cost = absl::GetFlag(FLAGS_disjunct_cost);
  options.short_length = absl::GetFlag(FLAGS_short_length);
  auto parser = LinkGrammarParser::Create(options);
  if (!parser.ok()) {
    std::cerr << parser.status() << "\n";
    return 1;
  }
  setup.parser = std::move(*parser);
  std::vector<double> phenomena_seconds;
  RunPhenomena(corpus + "/phenomena.json", setup, &phenomena_seconds);
  RunDev(corpus, setup, phenomena_seconds);
  return 0;
}
