// Cost of consolidating one group (the work the query service repeats for every
// change that touches the group), by the number of records in the group.
// Records look like a news stream about one country: membership events and
// refused requests over 30 years, each year reported by many documents.
//
//   build-*/bench/consolidation_benchmark [--benchmark_min_time=1]
//
// Target: a group of 1,000 records consolidates in well under 10 ms, so a
// replica keeps up with dozens of documents per second on one core.
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "common/content_hash.h"
#include "common/partial_date.h"
#include "query-service/consolidation/consolidator.h"

namespace alliance::query {
namespace {

v1::Evidence Cite(const std::string& document_id) {
  v1::Evidence evidence;
  evidence.set_document_id(document_id);
  evidence.set_begin(0);
  evidence.set_end(60);
  evidence.set_quote(absl::StrCat("A sentence of ", document_id, "."));
  return evidence;
}

// Record `i`: an asserted joining of the CSTO by ARM on `date` (ISO), told
// by `document_id`.
SourcedRecord Joining(int i, const std::string& document_id, const std::string& date) {
  SourcedRecord sourced;
  sourced.sequence = static_cast<uint64_t>(i) + 1;
  v1::MembershipEvent* event = sourced.record.mutable_membership_event();
  event->set_id(absl::StrCat(document_id, "/m0"));
  event->set_country("ARM");
  event->set_organization("CSTO");
  event->set_action(v1::MEMBERSHIP_ACTION_JOINED);
  *event->mutable_date() = *ParseIsoDate(date, "date");
  event->set_factuality(v1::FACTUALITY_ASSERTED);
  *event->add_evidence() = Cite(document_id);
  return sourced;
}

// Record `i` of a group about ARM: a joining (dated by year) in two of three
// records, a refused request in the third.
SourcedRecord MakeRecord(int i, const std::string& document_id) {
  const std::string year = std::to_string(1993 + i % 30);
  if (i % 3 != 2) return Joining(i, document_id, i % 2 == 0 ? year : absl::StrCat(year, "-05"));
  SourcedRecord sourced;
  sourced.sequence = static_cast<uint64_t>(i) + 1;
  v1::AssistanceRequest* request = sourced.record.mutable_assistance_request();
  request->set_id(absl::StrCat(document_id, "/r0"));
  request->set_requester_country("ARM");
  request->set_organization("CSTO");
  request->set_outcome(v1::ASSISTANCE_OUTCOME_DENIED);
  *request->mutable_date() = *ParseIsoDate(year, "date");
  request->set_factuality(v1::FACTUALITY_ASSERTED);
  *request->add_evidence() = Cite(document_id);
  return sourced;
}

// Document `id`, published in `year`, with sentence fingerprints `first` to
// `first + count - 1`.
v1::DocumentInfo MakeDocument(const std::string& id, int year, uint64_t first, int count) {
  v1::DocumentInfo info;
  info.set_document_id(id);
  info.mutable_published()->set_year(year);
  for (int k = 0; k < count; ++k) info.add_sentence_fingerprints(first + static_cast<uint64_t>(k));
  return info;
}

// The timed loop of every benchmark here: consolidates the group over and over.
// With `aids`, what a query replica keeps of a busy group between
// consolidations (group_cache.h).
void ConsolidateRepeatedly(const std::vector<SourcedRecord>& records,
                           const absl::flat_hash_map<std::string, v1::DocumentInfo>& documents,
                           benchmark::State* state, const ConsolidationAids& aids = {}) {
  for (auto _ : *state) {
    GroupFacts facts = ConsolidateGroup(records, documents, "CSTO", aids);
    benchmark::DoNotOptimize(facts);
  }
  state->SetComplexityN(static_cast<int64_t>(records.size()));
  state->counters["records"] = static_cast<double>(records.size());
}

void BM_ConsolidateGroup(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  std::vector<SourcedRecord> records;
  absl::flat_hash_map<std::string, v1::DocumentInfo> documents;
  for (int i = 0; i < n; ++i) {
    const std::string id = ContentHash(absl::StrCat("document ", i));
    records.push_back(MakeRecord(i, id));
    documents[id] = MakeDocument(id, 2000 + i % 20, static_cast<uint64_t>(i) * 1000, 8);
  }
  ConsolidateRepeatedly(records, documents, &state);
}
BENCHMARK(BM_ConsolidateGroup)->RangeMultiplier(4)->Range(16, 1024)->Unit(benchmark::kMillisecond)->Complexity();

// Returns the `i`th telling of the head event, and adds its document to
// `documents`.
SourcedRecord HeadEventTelling(int i, absl::flat_hash_map<std::string, v1::DocumentInfo>* documents) {
  const std::string id = ContentHash(absl::StrCat("document ", i));
  v1::DocumentInfo& info = (*documents)[id] = MakeDocument(id, 2001, static_cast<uint64_t>(i) * 1000, 3);
  info.add_sentence_fingerprints(42);  // the event's sentence
  return Joining(i, id, "2001-05-14");
}

// The head of a news stream: one event told by every document of the group,
// in the same words (every record the same claim, every document sharing
// the event's sentence).
// range(1): 1 keeps what a group cache keeps between consolidations: the
// copy graph, and the records in canonical order, each prepared.
void BM_ConsolidateOneEventToldManyTimes(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  std::vector<SourcedRecord> records;
  absl::flat_hash_map<std::string, v1::DocumentInfo> documents;
  for (int i = 0; i < n; ++i) records.push_back(HeadEventTelling(i, &documents));
  const CopyGraph copies = CopyGraph::Build(documents);
  ConsolidationAids aids;
  if (state.range(1) != 0) {
    SortCanonically(&records);
    for (SourcedRecord& record : records) PrepareForConsolidation(&record);
    aids.copies = &copies;
    aids.records_in_canonical_order = true;
  }
  ConsolidateRepeatedly(records, documents, &state, aids);
}
// 8192: about the head of the 100,000-article news stream (scale_benchmark).
BENCHMARK(BM_ConsolidateOneEventToldManyTimes)
    ->ArgsProduct({{64, 512, 4096, 8192, 16384}, {0, 1}})
    ->ArgNames({"records", "kept_state"})
    ->Unit(benchmark::kMillisecond);

// What a query replica does when one more article retells the head event of
// a group it keeps (group cache): the article's document joins the copy
// graph, its record joins the records, and the kept consolidation updates
// the one fact (ConsolidateGroupKeeping). Compare with kept_state:1 above,
// the same group merged from scratch.
void BM_RetellTheHeadEventOfAKeptGroup(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  std::vector<SourcedRecord> records;
  absl::flat_hash_map<std::string, v1::DocumentInfo> documents;
  for (int i = 0; i < n; ++i) records.push_back(HeadEventTelling(i, &documents));
  SortCanonically(&records);
  for (SourcedRecord& record : records) PrepareForConsolidation(&record);
  CopyGraph copies = CopyGraph::Build(documents);
  ConsolidationAids aids;
  aids.copies = &copies;
  aids.records_in_canonical_order = true;
  KeptConsolidation kept;
  ConsolidateGroupKeeping(records, records, documents, "CSTO", aids, &kept);
  int next = n;
  for (auto _ : state) {
    SourcedRecord added = HeadEventTelling(next++, &documents);
    const std::string& id = added.record.membership_event().evidence(0).document_id();
    copies.Add(id, documents.at(id));
    PrepareForConsolidation(&added);
    InsertCanonically(added, &records);
    GroupFacts facts = ConsolidateGroupKeeping(records, {added}, documents, "CSTO", aids, &kept);
    benchmark::DoNotOptimize(facts);
  }
  if (kept.rebuilds != 1) state.SkipWithError("a retelling merged the group again");
  state.counters["records"] = static_cast<double>(n);
}
BENCHMARK(BM_RetellTheHeadEventOfAKeptGroup)
    ->Arg(512)
    ->Arg(8192)
    ->Arg(16384)
    ->ArgNames({"records"})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace alliance::query

BENCHMARK_MAIN();
