// The file format of the development articles (tests/e2e/testdata/dev/): a
// first line "SOURCE: <url> | TITLE: <title> | DATE: <YYYY[-MM[-DD]]>" that is
// what a client sends in Document's url, title and published fields, then the
// article text. Shared by the end-to-end tests and the pipeline benchmark.
#ifndef ALLIANCE_COMMON_HEADERED_ARTICLE_H_
#define ALLIANCE_COMMON_HEADERED_ARTICLE_H_

#include <string>

#include "absl/status/statusor.h"
#include "alliance/v1/ingest_service.pb.h"

namespace alliance {

// Parses one headered article: url, title and published from the header line;
// the text is what follows that line and the blank lines after it.
// INVALID_ARGUMENT when the first line is not of that form. Pure.
absl::StatusOr<v1::Document> ParseHeaderedArticle(const std::string& contents);

}  // namespace alliance

#endif  // ALLIANCE_COMMON_HEADERED_ARTICLE_H_
