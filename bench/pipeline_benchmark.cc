// Throughput of the extraction pipeline (Annotate + event stages) on one
// thread, in bytes of input text per second, over
//   - the bundled seed corpus (data/corpus/*.txt): target at least 25 MB/s;
//   - the development corpus of issue #8 (tests/e2e/testdata/dev/*.txt), as a
//     client sends it (header line stripped, its DATE as Document.published):
//     target at least 10 MB/s per core on the concatenated corpus (issue #8).
//
//   cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release
//   cmake --build build-release --target pipeline_benchmark
//   build-release/bench/pipeline_benchmark [--benchmark_min_time=3]
//
// Lexicons come from data/lexicon, or from $ALLIANCE_LEXICON_DIR; the seed corpus
// from data/corpus, or from $ALLIANCE_CORPUS_DIR; the dev corpus from
// tests/e2e/testdata/dev, or from $ALLIANCE_DEV_CORPUS_DIR.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "benchmark/benchmark.h"
#include "common/headered_article.h"
#include "ingest-service/extract/pipeline.h"

namespace alliance::ingest {
namespace {

std::string FromEnv(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : fallback;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The .txt files of `dir`, sorted by path.
std::vector<std::filesystem::path> TextFiles(const std::string& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

[[noreturn]] void Fail(const std::string& message) {
  std::cerr << message << "\n";
  std::exit(1);
}

// The pipeline, loaded once.
const Extractor& LoadExtractor() {
  static const Extractor* extractor = [] {
    auto loaded =
        NewPipelineExtractor(FromEnv("ALLIANCE_LEXICON_DIR", std::string(ALLIANCE_SOURCE_DIR) + "/data/lexicon"));
    if (!loaded.ok()) Fail(loaded.status().ToString());
    return loaded->release();
  }();
  return *extractor;
}

// A corpus: its documents one by one, and their texts as one document.
struct Corpus {
  std::vector<v1::Document> documents;
  v1::Document concatenated;
  int64_t bytes = 0;  // sum of the documents' text sizes
};

void Concatenate(Corpus& corpus) {
  std::string all;
  for (const v1::Document& document : corpus.documents) {
    corpus.bytes += static_cast<int64_t>(document.text().size());
    all += document.text();
    all += "\n\n";
  }
  corpus.concatenated.set_text(all);
}

// The bundled seed corpus: bare texts, no metadata.
const Corpus& SeedCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus();
    for (const auto& file :
         TextFiles(FromEnv("ALLIANCE_CORPUS_DIR", std::string(ALLIANCE_SOURCE_DIR) + "/data/corpus"))) {
      c->documents.emplace_back().set_text(ReadFile(file));
    }
    Concatenate(*c);
    return c;
  }();
  return *corpus;
}

// One dev article as a client sends it (common/headered_article.h).
v1::Document ParseDevArticle(const std::filesystem::path& file) {
  absl::StatusOr<v1::Document> document = ParseHeaderedArticle(ReadFile(file));
  if (!document.ok()) Fail(file.string() + ": " + document.status().ToString());
  return *std::move(document);
}

// The dev corpus of issue #8. The concatenated document can carry one
// publication date only: the latest of the articles' (ISO dates compare as
// strings), so that no article's own dates lie after it.
const Corpus& DevCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus();
    const std::string dir =
        FromEnv("ALLIANCE_DEV_CORPUS_DIR", std::string(ALLIANCE_SOURCE_DIR) + "/tests/e2e/testdata/dev");
    std::string latest;
    for (const auto& file : TextFiles(dir)) {
      c->documents.push_back(ParseDevArticle(file));
      latest = std::max(latest, c->documents.back().published());
    }
    if (c->documents.empty()) Fail("no .txt file in " + dir);
    Concatenate(*c);
    c->concatenated.set_published(latest);
    return c;
  }();
  return *corpus;
}

// Extracts every document of a corpus, one after another.
void ExtractPerDocument(benchmark::State& state, const Corpus& corpus) {
  const Extractor& extractor = LoadExtractor();
  size_t records = 0;
  for (auto _ : state) {
    for (const v1::Document& document : corpus.documents) {
      auto result = extractor.Extract(document);
      if (!result.ok()) {
        state.SkipWithError(result.status().ToString().c_str());
        return;
      }
      records += result->records.size();
      benchmark::DoNotOptimize(result->records.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * corpus.bytes);
  state.counters["records_per_pass"] =
      static_cast<double>(records) / static_cast<double>(std::max<int64_t>(1, state.iterations()));
}

// Extracts a whole corpus as one document.
void ExtractConcatenated(benchmark::State& state, const Corpus& corpus) {
  const Extractor& extractor = LoadExtractor();
  size_t records = 0;
  for (auto _ : state) {
    auto result = extractor.Extract(corpus.concatenated);
    if (!result.ok()) {
      state.SkipWithError(result.status().ToString().c_str());
      return;
    }
    records += result->records.size();
    benchmark::DoNotOptimize(result->records.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(corpus.concatenated.text().size()));
  state.counters["records_per_pass"] =
      static_cast<double>(records) / static_cast<double>(std::max<int64_t>(1, state.iterations()));
}

void BM_ExtractCorpusPerDocument(benchmark::State& state) { ExtractPerDocument(state, SeedCorpus()); }
BENCHMARK(BM_ExtractCorpusPerDocument)->Unit(benchmark::kMillisecond);

void BM_ExtractCorpusConcatenated(benchmark::State& state) { ExtractConcatenated(state, SeedCorpus()); }
BENCHMARK(BM_ExtractCorpusConcatenated)->Unit(benchmark::kMillisecond);

// The dev corpus, each article with its own url, title and publication date.
void BM_ExtractDevPerDocument(benchmark::State& state) { ExtractPerDocument(state, DevCorpus()); }
BENCHMARK(BM_ExtractDevPerDocument)->Unit(benchmark::kMillisecond);

// The dev corpus as one document: the figure of issue #8's throughput target.
void BM_ExtractDevConcatenated(benchmark::State& state) { ExtractConcatenated(state, DevCorpus()); }
BENCHMARK(BM_ExtractDevConcatenated)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace alliance::ingest

BENCHMARK_MAIN();
