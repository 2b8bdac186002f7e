// Reads document metadata: from the request when it gives them, else from the
// header lines at the top of the text, such as
//   "25 March 2022 | James Porteous | Clipper Media News"
//   "No Date | John P. Ruehl | Indepth News"
//   "July 09, 2021" followed by an author line.
#ifndef ALLIANCE_INGEST_EXTRACT_METADATA_READER_H_
#define ALLIANCE_INGEST_EXTRACT_METADATA_READER_H_

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "alliance/v1/ingest_service.pb.h"
#include "ingest-service/extract/annotated_document.h"
#include "ingest-service/extract/lexicon.h"

namespace alliance::ingest {

// How many non-empty lines at the top of a text may hold header lines.
inline constexpr int kHeaderLines = 15;

// This reader is the one place a document's metadata is decided: the ingest
// service stores the DocumentInfo it fills (change_builder.h adds only ids,
// lengths and a fallback title) and never re-reads the request's fields.
//
// Sets title, source, url, author and published of `info` (not null) from
// `document`, filling what the request leaves empty from the header lines of
// `text` (the normalized text). The first dated header line gives the
// publication date. No line of `furniture` (page furniture of `text`, in
// order; see page_furniture.h) is taken for the title. Returns
// INVALID_ARGUMENT naming "document.published" when the request's date is not
// ISO 8601. Pure and thread-safe.
absl::Status ReadMetadata(const v1::Document& document, absl::string_view text, const Lexicon& lexicon,
                          v1::DocumentInfo* info, absl::Span<const FurnitureLine> furniture = {});

// Reads a header line that starts a (new) article inside a text: a byline
// ("15 February 2022 | Outlet", "No Date | Author | Outlet") or a line that is
// only a full date. Returns true when `line` is one, setting `*date` (not null)
// to its date, unset for "No Date". Pure and thread-safe.
bool ReadSectionDate(absl::string_view line, const Lexicon& lexicon, v1::PartialDate* date);

}  // namespace alliance::ingest

#endif  // ALLIANCE_INGEST_EXTRACT_METADATA_READER_H_
