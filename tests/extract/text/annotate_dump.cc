// Prints what the text stages make of an article: metadata, sentences and
// mentions, and the lines skipped as page furniture. Usage: annotate_dump FILE [LEXICON_DIR]
// With ANNOTATE_DUMP_REPEAT=N in the environment it instead annotates the file N
// times and prints the throughput.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "common/partial_date.h"
#include "ingest-service/extract/annotate.h"
#include "ingest-service/extract/lexicon.h"
#include "ingest-service/extract/page_furniture.h"

namespace {

const char* KindName(alliance::ingest::MentionKind kind) {
  using alliance::ingest::MentionKind;
  switch (kind) {
    case MentionKind::kCountry: return "COUNTRY";
    case MentionKind::kOrganization: return "ORG";
    case MentionKind::kPerson: return "PERSON";
    case MentionKind::kDate: return "DATE";
    case MentionKind::kNumber: return "NUMBER";
  }
  return "?";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: annotate_dump FILE [LEXICON_DIR]\n";
    return 2;
  }
  const std::string lexicon_dir = argc > 2 ? argv[2] : std::string(ALLIANCE_SOURCE_DIR) + "/data/lexicon";
  auto lexicon = alliance::ingest::Lexicon::Load(lexicon_dir);
  if (!lexicon.ok()) {
    std::cerr << lexicon.status() << "\n";
    return 1;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  alliance::v1::Document document;
  document.set_text(buffer.str());
  if (const char* repeat = std::getenv("ANNOTATE_DUMP_REPEAT"); repeat != nullptr) {
    const int n = std::atoi(repeat);
    const auto start = std::chrono::steady_clock::now();
    size_t mentions = 0;
    for (int i = 0; i < n; ++i) mentions += alliance::ingest::Annotate(document, **lexicon)->mentions.size();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << (static_cast<double>(document.text().size()) * n / seconds / 1e6) << " MB/s (" << mentions
              << " mentions)\n";
    return 0;
  }
  auto doc = alliance::ingest::Annotate(document, **lexicon);
  if (!doc.ok()) {
    std::cerr << doc.status() << "\n";
    return 1;
  }
  std::cout << "title: " << doc->info.title() << "\nauthor: " << doc->info.author()
            << "\nsource: " << doc->info.source() << "\npublished: " << alliance::FormatDate(doc->info.published())
            << "\nfingerprints: " << doc->info.sentence_fingerprints_size() << "\n";
  for (const auto& f : doc->furniture) {
    std::cout << "furniture " << alliance::ingest::FurnitureKindName(f.kind) << ": "
              << doc->text.substr(f.begin, f.end - f.begin) << "\n";
  }
  size_t m = 0;
  for (const auto& s : doc->sentences) {
    std::cout << "\n[" << s.index << "] " << doc->text.substr(s.begin, s.end - s.begin) << "\n";
    for (; m < doc->mentions.size() && doc->mentions[m].sentence == s.index; ++m) {
      const auto& x = doc->mentions[m];
      std::cout << "    " << KindName(x.kind) << " '" << doc->text.substr(x.begin, x.end - x.begin) << "'";
      if (!x.code.empty()) std::cout << " code=" << x.code;
      if (!x.literal_code.empty() && x.literal_code != x.code) std::cout << " literal=" << x.literal_code;
      if (x.kind == alliance::ingest::MentionKind::kCountry) std::cout << " form=" << static_cast<int>(x.country_form);
      if (!x.role.empty()) std::cout << " role=" << x.role;
      if (!x.person_country.empty()) std::cout << " of=" << x.person_country;
      if (x.kind == alliance::ingest::MentionKind::kDate) {
        std::cout << " date=" << alliance::FormatDate(x.date) << (x.date.approximate() ? " ~" : "")
                  << (x.relative ? " rel" : "");
        if (x.date.year() == 0 && x.date.month() != 0) std::cout << " month=" << x.date.month() << " day=" << x.date.day();
      }
      if (x.kind == alliance::ingest::MentionKind::kNumber) std::cout << " n=" << x.number << (x.approximate ? " ~" : "");
      std::cout << "\n";
    }
  }
  return 0;
}
