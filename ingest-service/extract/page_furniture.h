// Finds page furniture: the lines a web page puts around an article (site
// menus, breadcrumbs, share bars, cookie notices, newsletter sign-ups, teaser
// lists, tags, bylines, captions and credits, copyright lines, advertisement
// and comment markers, live-blog labels, timestamps), so that no sentence, and
// so no record, is made of them. Nothing is deleted: the furniture is a list of
// whole lines (byte and token ranges of the normalized text) that the sentence
// splitter skips, so evidence offsets stay those of the text.
//
// A line is furniture when
//  * it is a link bar: at least two separators ("|", "›", "/", see the
//    lexicon's link_separators) between short segments;
//  * it opens with a cue word (line_cues: "Share", "Tags", "Photo",
//    "Advertisement", "Sign up") followed by a colon, or without one when the
//    line is not a full sentence; or with a notice cue (notice_cues: "©",
//    "All rights reserved", "Privacy policy", "Cookies") in any case;
//  * it is a list heading ("Related articles", "Most read") alone, which also
//    makes the list lines after it furniture (numbered or bulleted items, or
//    short lines that do not end in a period) up to the next paragraph;
//  * it holds a consent word ("cookies") with words of a notice around it
//    ("we", "your", "site"; two, or one when the line is not a sentence);
//  * it ends in bracketed button labels ("[Accept all]");
//  * it is a byline ("By NAME ..."), not a full sentence;
//  * it ends in a photo credit ("... Photo: AFP", "(Credit: ...)");
//  * it is a live label alone ("BREAKING", "LIVE: Kazakhstan latest");
//  * it is only a timestamp ("10:14 GMT", "Updated 13:02", "2 hours ago").
// A full sentence (ends in . ! ? with at least five words) is never furniture
// by a cue without a colon, a byline or a live label; no line of more than 100
// words is furniture; and a line the header reader takes for a dated header
// (ReadSectionDate) never is. Cue words must not be written in lower case, and
// a cue that may continue the previous line's wrapped prose does not count.
// One pass over the tokens; pure and thread-safe.
#ifndef ALLIANCE_INGEST_EXTRACT_PAGE_FURNITURE_H_
#define ALLIANCE_INGEST_EXTRACT_PAGE_FURNITURE_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "ingest-service/extract/annotated_document.h"
#include "ingest-service/extract/lexicon.h"
#include "ingest-service/extract/tokenizer.h"

namespace alliance::ingest {

// Returns the furniture lines of `text` (normalized), whose tokens are
// `tokenized`, in order and not overlapping.
std::vector<FurnitureLine> FindPageFurniture(absl::string_view text, const TokenizedText& tokenized,
                                             const Lexicon& lexicon);

// Returns a name for `kind` ("link-bar", "cue-line", ...), for tools and tests.
const char* FurnitureKindName(FurnitureKind kind);

}  // namespace alliance::ingest

#endif  // ALLIANCE_INGEST_EXTRACT_PAGE_FURNITURE_H_
