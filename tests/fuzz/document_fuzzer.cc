// Fuzzes document validation and text analysis: any bytes as document.text (and
// optionally document.published, see fuzz_input.h) must be either refused by
// ValidateDocument or annotated with consistent offsets.
#include <cstddef>
#include <cstdint>
#include <memory>

#include "absl/status/status.h"
#include "ingest-service/document_validator.h"
#include "ingest-service/extract/annotate.h"
#include "ingest-service/extract/lexicon.h"
#include "tests/fuzz/fuzz_input.h"

namespace alliance::fuzz {
namespace {

const ingest::Lexicon& SharedLexicon() {
  static const ingest::Lexicon* const lexicon = [] {
    auto loaded = ingest::Lexicon::Load(ALLIANCE_LEXICON_DIR);
    if (!loaded.ok()) {
      std::fprintf(stderr, "document_fuzzer: %s\n", loaded.status().ToString().c_str());
      std::abort();
    }
    return loaded->release();
  }();
  return *lexicon;
}

// Checks the offsets of an annotated document: tokens, sentences, page
// furniture and mentions lie inside the text, are non-empty and sorted.
void CheckAnnotation(const ingest::AnnotatedDocument& doc) {
  const int64_t text_size = static_cast<int64_t>(doc.text.size());
  const int64_t num_tokens = static_cast<int64_t>(doc.tokens.size());
  for (size_t i = 0; i < doc.tokens.size(); ++i) {
    const ingest::Token& token = doc.tokens[i];
    FUZZ_CHECK(0 <= token.begin && token.begin < token.end && token.end <= text_size, "token offsets");
    if (i > 0) FUZZ_CHECK(doc.tokens[i - 1].end <= token.begin, "tokens sorted, not overlapping");
  }
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    const ingest::Sentence& sentence = doc.sentences[i];
    FUZZ_CHECK(sentence.index == static_cast<int32_t>(i), "sentence index");
    FUZZ_CHECK(0 <= sentence.begin && sentence.begin < sentence.end && sentence.end <= text_size,
               "sentence offsets");
    FUZZ_CHECK(0 <= sentence.first_token && sentence.first_token <= sentence.end_token &&
                   sentence.end_token <= num_tokens,
               "sentence token range");
    if (i > 0) FUZZ_CHECK(doc.sentences[i - 1].end <= sentence.begin, "sentences sorted, not overlapping");
  }
  // Page furniture: whole token ranges inside the text, in order, and no
  // sentence reaches into one.
  size_t next_sentence = 0;
  for (size_t i = 0; i < doc.furniture.size(); ++i) {
    const ingest::FurnitureLine& line = doc.furniture[i];
    FUZZ_CHECK(0 <= line.first_token && line.first_token < line.end_token && line.end_token <= num_tokens,
               "furniture token range");
    FUZZ_CHECK(line.begin == doc.tokens[static_cast<size_t>(line.first_token)].begin &&
                   line.end == doc.tokens[static_cast<size_t>(line.end_token) - 1].end,
               "furniture offsets are those of its tokens");
    if (i > 0) FUZZ_CHECK(doc.furniture[i - 1].end_token <= line.first_token, "furniture sorted, not overlapping");
    while (next_sentence < doc.sentences.size() && doc.sentences[next_sentence].end_token <= line.first_token) {
      ++next_sentence;
    }
    if (next_sentence < doc.sentences.size()) {
      FUZZ_CHECK(doc.sentences[next_sentence].first_token >= line.end_token, "no sentence in page furniture");
    }
  }
  for (size_t i = 0; i < doc.mentions.size(); ++i) {
    const ingest::Mention& mention = doc.mentions[i];
    FUZZ_CHECK(0 <= mention.begin && mention.begin < mention.end && mention.end <= text_size,
               "mention offsets");
    FUZZ_CHECK(0 <= mention.sentence && mention.sentence < static_cast<int32_t>(doc.sentences.size()),
               "mention sentence");
    const ingest::Sentence& sentence = doc.sentences[static_cast<size_t>(mention.sentence)];
    FUZZ_CHECK(sentence.begin <= mention.begin && mention.end <= sentence.end, "mention inside its sentence");
    FUZZ_CHECK(0 <= mention.first_token && mention.first_token < mention.end_token &&
                   mention.end_token <= num_tokens,
               "mention token range");
    if (i > 0) FUZZ_CHECK(doc.mentions[i - 1].begin <= mention.begin, "mentions sorted by begin");
  }
}

}  // namespace
}  // namespace alliance::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace alliance;
  const ingest::Lexicon& lexicon = fuzz::SharedLexicon();
  const v1::Document document = fuzz::DocumentFromBytes(data, size);

  // The lower-level checks must agree with ValidateDocument on the text.
  const bool text_ok = ingest::ValidateUtf8Text(document.text(), "document.text").ok();
  if (text_ok) (void)ingest::HasVisibleCharacter(document.text());

  const absl::Status valid = ingest::ValidateDocument(document, ingest::ValidationLimits{});
  if (!valid.ok()) return 0;
  FUZZ_CHECK(text_ok, "ValidateDocument accepted text that ValidateUtf8Text refuses");
  FUZZ_CHECK(ingest::HasVisibleCharacter(document.text()), "ValidateDocument accepted a blank text");

  absl::StatusOr<ingest::AnnotatedDocument> annotated = ingest::Annotate(document, lexicon);
  if (!annotated.ok()) {
    FUZZ_CHECK(annotated.status().code() == absl::StatusCode::kInvalidArgument,
               "Annotate fails only with INVALID_ARGUMENT");
    return 0;
  }
  fuzz::CheckAnnotation(*annotated);
  return 0;
}
