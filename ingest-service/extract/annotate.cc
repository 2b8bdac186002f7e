#include "ingest-service/extract/annotate.h"

#include <algorithm>
#include <string>
#include <utility>

#include "common/content_hash.h"
#include "common/status_macros.h"
#include "ingest-service/extract/mention_finder.h"
#include "ingest-service/extract/metadata_reader.h"
#include "ingest-service/extract/page_furniture.h"
#include "ingest-service/extract/sentence_splitter.h"
#include "ingest-service/extract/text_normalizer.h"
#include "ingest-service/extract/tokenizer.h"

namespace alliance::ingest {
namespace {

// Longest line taken for a header.
constexpr int32_t kMaxHeaderBytes = 200;

bool StandsOnItsOwnLine(const std::string& text, const Sentence& sentence) {
  const bool starts_line = sentence.begin == 0 || text[static_cast<size_t>(sentence.begin) - 1] == '\n';
  const bool ends_line = static_cast<size_t>(sentence.end) == text.size() || text[static_cast<size_t>(sentence.end)] == '\n';
  return starts_line && ends_line;
}

}  // namespace

namespace {

void AppendCanonicalSentence(const std::vector<Token>& tokens, const Sentence& sentence, std::string* canonical) {
  for (int i = sentence.first_token; i < sentence.end_token; ++i) {
    if (i > sentence.first_token) canonical->push_back(' ');
    *canonical += tokens[static_cast<size_t>(i)].lower;
  }
}

// True when the sentence may be a dated header: short, with a '|' or starting
// with a digit or capital.
bool MayBeHeader(const std::string& text, const std::vector<Token>& tokens, const Sentence& sentence) {
  if (sentence.index == 0 || sentence.end - sentence.begin > kMaxHeaderBytes) return false;
  if (sentence.end_token - sentence.first_token > 20) return false;
  const Token& first = tokens[static_cast<size_t>(sentence.first_token)];
  return (first.capitalized || first.shape == Token::Shape::kNumber) && StandsOnItsOwnLine(text, sentence);
}

}  // namespace

std::string CanonicalSentence(const std::vector<Token>& tokens, const Sentence& sentence) {
  std::string canonical;
  AppendCanonicalSentence(tokens, sentence, &canonical);
  return canonical;
}

absl::StatusOr<AnnotatedDocument> Annotate(const v1::Document& document, const Lexicon& lexicon) {
  AnnotatedDocument doc;
  doc.text = NormalizeText(document.text());
  TokenizedText tokenized = Tokenize(doc.text);
  doc.furniture = FindPageFurniture(doc.text, tokenized, lexicon);
  RETURN_IF_ERROR(ReadMetadata(document, doc.text, lexicon, &doc.info, doc.furniture));
  doc.info.set_length(static_cast<int64_t>(doc.text.size()));

  doc.sentences = SplitSentences(doc.text, tokenized, lexicon, doc.furniture);
  doc.tokens = std::move(tokenized.tokens);

  MentionFinder finder(lexicon, doc.info.published());
  doc.mentions.reserve(doc.tokens.size() / 8 + 16);
  std::vector<uint64_t> fingerprints;
  std::string canonical;  // reused between sentences
  for (const Sentence& sentence : doc.sentences) {
    // A dated header further down starts another article with its own date.
    v1::PartialDate section_date;
    if (MayBeHeader(doc.text, doc.tokens, sentence) &&
        ReadSectionDate(absl::string_view(doc.text).substr(static_cast<size_t>(sentence.begin),
                                                           static_cast<size_t>(sentence.end - sentence.begin)),
                        lexicon, &section_date)) {
      finder.set_published(section_date);
    }
    finder.FindInSentence(doc.text, doc.tokens, sentence, &doc.mentions);
    if (sentence.end_token - sentence.first_token >= kMinFingerprintTokens) {
      canonical.clear();
      AppendCanonicalSentence(doc.tokens, sentence, &canonical);
      fingerprints.push_back(Fingerprint64(canonical));
    }
  }
  auto before = [](const Mention& a, const Mention& b) {
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.end > b.end;
  };
  // The finder emits in order; sorting is only a safety net.
  if (!std::is_sorted(doc.mentions.begin(), doc.mentions.end(), before)) {
    std::stable_sort(doc.mentions.begin(), doc.mentions.end(), before);
  }
  std::sort(fingerprints.begin(), fingerprints.end());
  fingerprints.erase(std::unique(fingerprints.begin(), fingerprints.end()), fingerprints.end());
  for (uint64_t f : fingerprints) doc.info.add_sentence_fingerprints(f);
  return doc;
}

}  // namespace alliance::ingest
