// Fuzzes the whole extraction pipeline on documents that pass ValidateDocument
// (input format in fuzz_input.h): every evidence must quote the normalized text
// exactly, and extraction must be deterministic.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/message.h"
#include "ingest-service/document_validator.h"
#include "ingest-service/extract/pipeline.h"
#include "tests/fuzz/fuzz_input.h"

namespace alliance::fuzz {
namespace {

const ingest::Extractor& SharedExtractor() {
  static const ingest::Extractor* const extractor = [] {
    auto made = ingest::NewPipelineExtractor(ALLIANCE_LEXICON_DIR);
    if (!made.ok()) {
      std::fprintf(stderr, "pipeline_fuzzer: %s\n", made.status().ToString().c_str());
      std::abort();
    }
    return made->release();
  }();
  return *extractor;
}

// Checks one Evidence against the normalized text.
void CheckEvidence(const v1::Evidence& evidence, const std::string& text) {
  FUZZ_CHECK(0 <= evidence.begin() && evidence.begin() <= evidence.end() &&
                 static_cast<size_t>(evidence.end()) <= text.size(),
             "evidence offsets within normalized_text");
  FUZZ_CHECK(evidence.quote() ==
                 text.substr(static_cast<size_t>(evidence.begin()),
                             static_cast<size_t>(evidence.end() - evidence.begin())),
             "quote == normalized_text[begin, end)");
}

// Visits every Evidence message nested anywhere in `message` (records keep
// evidence in several places, e.g. per troop contribution).
void CheckAllEvidence(const google::protobuf::Message& message, const std::string& text) {
  if (message.GetDescriptor() == v1::Evidence::descriptor()) {
    CheckEvidence(static_cast<const v1::Evidence&>(message), text);
    return;
  }
  const google::protobuf::Reflection* reflection = message.GetReflection();
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const google::protobuf::FieldDescriptor* field : fields) {
    if (field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
        CheckAllEvidence(reflection->GetRepeatedMessage(message, field, i), text);
      }
    } else {
      CheckAllEvidence(reflection->GetMessage(message, field), text);
    }
  }
}

// Returns a byte-exact rendering of `result` (deterministic serialization).
std::string Serialize(const ingest::ExtractionResult& result) {
  std::string out;
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    coded.WriteVarint64(result.normalized_text.size());
    coded.WriteString(result.normalized_text);
    result.info.SerializeWithCachedSizes(&coded);
    for (const v1::Record& record : result.records) {
      coded.WriteVarint64(record.ByteSizeLong());
      record.SerializeWithCachedSizes(&coded);
    }
  }
  return out;
}

}  // namespace
}  // namespace alliance::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace alliance;
  const ingest::Extractor& extractor = fuzz::SharedExtractor();
  const v1::Document document = fuzz::DocumentFromBytes(data, size);
  if (!ingest::ValidateDocument(document, ingest::ValidationLimits{}).ok()) return 0;

  absl::StatusOr<ingest::ExtractionResult> first = extractor.Extract(document);
  if (!first.ok()) {
    FUZZ_CHECK(first.status().code() == absl::StatusCode::kInvalidArgument,
               "Extract fails only with INVALID_ARGUMENT");
    return 0;
  }
  for (const v1::Record& record : first->records) fuzz::CheckAllEvidence(record, first->normalized_text);

  absl::StatusOr<ingest::ExtractionResult> second = extractor.Extract(document);
  FUZZ_CHECK(second.ok(), "second Extract of the same document succeeds");
  FUZZ_CHECK(fuzz::Serialize(*first) == fuzz::Serialize(*second), "extracting twice gives identical records");
  return 0;
}
