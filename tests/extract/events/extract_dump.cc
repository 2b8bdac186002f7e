// Prints the records the pipeline reads from text files, one line each.
// Usage: extract_dump FILE... (lexicons from data/lexicon, or $ALLIANCE_LEXICON_DIR).
// A file whose first line is a dev-article header ("SOURCE: u | TITLE: t | DATE: d")
// is read as Document fields; any other file is plain text with no publication date.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <utility>

#include "absl/strings/str_join.h"
#include "common/headered_article.h"
#include "common/partial_date.h"
#include "ingest-service/extract/pipeline.h"

namespace {

const char* Fact(alliance::v1::Factuality f) {
  switch (f) {
    case alliance::v1::FACTUALITY_ASSERTED: return "";
    case alliance::v1::FACTUALITY_NEGATED: return " [NEGATED]";
    case alliance::v1::FACTUALITY_HYPOTHETICAL: return " [HYPOTHETICAL]";
    case alliance::v1::FACTUALITY_PROPOSED: return " [PROPOSED]";
    case alliance::v1::FACTUALITY_REPORTED: return " [REPORTED]";
    default: return " [?]";
  }
}

}  // namespace

int main(int argc, char** argv) {
  const char* env = std::getenv("ALLIANCE_LEXICON_DIR");
  const std::string dir = env != nullptr ? env : std::string(ALLIANCE_SOURCE_DIR) + "/data/lexicon";
  auto extractor = alliance::ingest::NewPipelineExtractor(dir);
  if (!extractor.ok()) {
    std::cerr << extractor.status() << "\n";
    return 1;
  }
  for (int a = 1; a < argc; ++a) {
    std::ifstream in(argv[a], std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    alliance::v1::Document document;
    if (auto headered = alliance::ParseHeaderedArticle(buffer.str()); headered.ok()) {
      document = *std::move(headered);
    } else {
      document.set_text(buffer.str());
    }
    auto result = (*extractor)->Extract(document);
    if (!result.ok()) {
      std::cerr << argv[a] << ": " << result.status() << "\n";
      return 1;
    }
    std::cout << "== " << argv[a] << "\n";
    for (const auto& r : result->records) {
      if (r.has_membership_event()) {
        const auto& e = r.membership_event();
        std::cout << "M " << e.country() << " " << alliance::v1::MembershipAction_Name(e.action()).substr(18) << " "
                  << e.organization() << " " << alliance::FormatDate(e.date()) << Fact(e.factuality()) << " c="
                  << e.confidence() << " s=" << e.evidence(0).sentence_index() << "\n";
      } else if (r.has_intervention()) {
        const auto& i = r.intervention();
        std::cout << "I " << i.organization() << " in " << i.host_country() << " "
                  << alliance::FormatDate(i.start()) << ".." << alliance::FormatDate(i.end()) << " req="
                  << i.requested_by();
        for (const auto& t : i.troops()) std::cout << " troops(" << t.country() << ":" << t.count() << (t.approximate() ? "~" : "") << ")";
        if (i.contributing_countries_size() > 0) std::cout << " by=" << absl::StrJoin(i.contributing_countries(), ",");
        std::cout << Fact(i.factuality()) << " s=" << i.evidence(0).sentence_index() << "\n";
      } else {
        const auto& q = r.assistance_request();
        std::cout << "R " << q.requester_country() << " (" << q.requester_person() << ") -> " << q.organization()
                  << " " << alliance::FormatDate(q.date()) << " "
                  << alliance::v1::AssistanceOutcome_Name(q.outcome()).substr(19) << Fact(q.factuality())
                  << " s=" << q.evidence(0).sentence_index() << (q.evidence_size() > 1 ? "+" : "") << "\n";
      }
    }
  }
  return 0;
}
