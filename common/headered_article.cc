#include "common/headered_article.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace alliance {

absl::StatusOr<v1::Document> ParseHeaderedArticle(const std::string& contents) {
  const size_t line_end = std::min(contents.find('\n'), contents.size());
  const absl::string_view header = absl::string_view(contents).substr(0, line_end);
  const size_t title = header.find(" | TITLE: ");
  const size_t date = header.rfind(" | DATE: ");
  if (!absl::StartsWith(header, "SOURCE: ") || title == absl::string_view::npos || date == absl::string_view::npos ||
      date < title) {
    return absl::InvalidArgumentError(absl::StrCat("not a \"SOURCE: … | TITLE: … | DATE: …\" line: ", header));
  }
  v1::Document document;
  document.set_url(std::string(absl::StripAsciiWhitespace(header.substr(8, title - 8))));
  document.set_title(std::string(absl::StripAsciiWhitespace(header.substr(title + 10, date - title - 10))));
  document.set_published(std::string(absl::StripAsciiWhitespace(header.substr(date + 9))));
  size_t text = line_end;
  while (text < contents.size()) {  // skip the line break and the blank lines after the header
    const size_t next = std::min(contents.find('\n', text + 1), contents.size());
    if (!absl::StripAsciiWhitespace(absl::string_view(contents).substr(text + 1, next - text - 1)).empty()) break;
    text = next;
  }
  document.set_text(text < contents.size() ? contents.substr(text + 1) : "");
  return document;
}

}  // namespace alliance
