// Throughput of the extraction pipeline (Annotate + event stages) on one
// thread over the bundled corpus (data/corpus/*.txt), in bytes of input text
// per second. Target: at least 25 MB/s.
//
//   build-*/bench/pipeline_benchmark [--benchmark_min_time=2]
//
// Lexicons come from data/lexicon, or from $ALLIANCE_LEXICON_DIR; the corpus
// from data/corpus, or from $ALLIANCE_CORPUS_DIR.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "ingest-service/extract/pipeline.h"

namespace alliance::ingest {
namespace {

std::string FromEnv(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : fallback;
}

// The pipeline and the corpus, loaded once.
struct Corpus {
  std::unique_ptr<Extractor> extractor;
  std::vector<v1::Document> documents;
  v1::Document concatenated;
  int64_t bytes = 0;
};

const Corpus& LoadCorpus() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus();
    auto extractor =
        NewPipelineExtractor(FromEnv("ALLIANCE_LEXICON_DIR", std::string(ALLIANCE_SOURCE_DIR) + "/data/lexicon"));
    if (!extractor.ok()) {
      std::cerr << extractor.status() << "\n";
      std::exit(1);
    }
    c->extractor = std::move(*extractor);
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(
             FromEnv("ALLIANCE_CORPUS_DIR", std::string(ALLIANCE_SOURCE_DIR) + "/data/corpus"))) {
      if (entry.path().extension() == ".txt") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::string all;
    for (const auto& file : files) {
      std::ifstream in(file, std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      c->documents.emplace_back().set_text(buffer.str());
      c->bytes += static_cast<int64_t>(buffer.str().size());
      all += buffer.str();
      all += "\n\n";
    }
    c->concatenated.set_text(all);
    return c;
  }();
  return *corpus;
}

// Extracts every corpus document, one after another.
void BM_ExtractCorpusPerDocument(benchmark::State& state) {
  const Corpus& corpus = LoadCorpus();
  size_t records = 0;
  for (auto _ : state) {
    for (const v1::Document& document : corpus.documents) {
      auto result = corpus.extractor->Extract(document);
      if (!result.ok()) {
        state.SkipWithError("extraction failed");
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
BENCHMARK(BM_ExtractCorpusPerDocument)->Unit(benchmark::kMillisecond);

// Extracts the whole corpus as one document.
void BM_ExtractCorpusConcatenated(benchmark::State& state) {
  const Corpus& corpus = LoadCorpus();
  for (auto _ : state) {
    auto result = corpus.extractor->Extract(corpus.concatenated);
    if (!result.ok()) {
      state.SkipWithError("extraction failed");
      return;
    }
    benchmark::DoNotOptimize(result->records.data());
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(corpus.concatenated.text().size()));
}
BENCHMARK(BM_ExtractCorpusConcatenated)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace alliance::ingest

BENCHMARK_MAIN();
