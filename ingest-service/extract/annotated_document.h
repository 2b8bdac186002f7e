// The shared representation between the text-analysis stages (normalization,
// sentences, tokens, mentions, dates) and the event stages (events, modality).
//
// All offsets are byte offsets into AnnotatedDocument::text, the normalized text.
// An AnnotatedDocument is built once per document and then only read: it is
// immutable after construction and safe to read from several threads.
#ifndef ALLIANCE_INGEST_EXTRACT_ANNOTATED_DOCUMENT_H_
#define ALLIANCE_INGEST_EXTRACT_ANNOTATED_DOCUMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "alliance/v1/ingest_service.pb.h"
#include "alliance/v1/records.pb.h"

namespace alliance::ingest {

// One token: a word, a number, or a punctuation mark.
struct Token {
  enum class Shape { kWord, kNumber, kPunctuation, kOther };
  int32_t begin = 0;   // first byte
  int32_t end = 0;     // one past the last byte
  Shape shape = Shape::kOther;
  bool capitalized = false;  // first character is an upper-case letter
  std::string lower;         // the token in lower case (Unicode-aware)
};

// One sentence: a contiguous run of tokens.
struct Sentence {
  int32_t index = 0;        // 0-based position in the document
  int32_t begin = 0;        // first byte of the sentence
  int32_t end = 0;          // one past its last byte (trailing space excluded)
  int32_t first_token = 0;  // index into AnnotatedDocument::tokens
  int32_t end_token = 0;    // one past the sentence's last token
};

// Why a line was taken for page furniture (see page_furniture.h).
enum class FurnitureKind {
  kLinkBar,      // short segments between separators: menus, breadcrumbs, share bars, footers
  kCueLine,      // opens with a cue ("Share", "Tags:", "Photo:", "Advertisement", "Comments (12)")
  kListHeading,  // heads a teaser list ("Related articles", "Most read")
  kListItem,     // an item of such a list
  kConsent,      // a cookie notice or setting
  kButtons,      // ends in bracketed button labels ("[Accept all]", "[Sign up]")
  kByline,       // "By NAME"
  kCredit,       // a caption ending in a credit ("... Photo: AFP")
  kLiveLabel,    // "BREAKING", "LIVE: ..." on its own line
  kTimestamp,    // only a time ("10:14 GMT", "Updated 13:02", "2 hours ago")
};

// A line of page furniture: no sentence is made of it.
struct FurnitureLine {
  FurnitureKind kind = FurnitureKind::kCueLine;
  int32_t begin = 0;        // first byte of the line's first token
  int32_t end = 0;          // one past the line's last token
  int32_t first_token = 0;  // index into AnnotatedDocument::tokens
  int32_t end_token = 0;    // one past the line's last token
};

// What a mention refers to.
enum class MentionKind {
  kCountry,       // a state, by name, demonym or capital metonym
  kOrganization,  // an organization, by name or acronym
  kPerson,        // a named person (with a role when the text gives one)
  kDate,          // a date expression, resolved to a PartialDate
  kNumber,        // a count ("1,200", "about 3,000", "dozens")
};

// How a country is named: by name, adjective, capital (a metonym for its
// government) or a place inside it (a location only).
enum class CountryForm { kName, kDemonym, kCapital, kPlace };

// How a date was resolved, for explanations (see date_resolver.h).
enum class DateRule {
  kAbsolute,               // written in full: "15 May 1992", "1999", "the 1990s", "late 1993"
  kYearFromPublication,    // a month or day without a year: the latest one not after publication
                           // (the first one not before it in a future clause: "will meet on 5 May")
  kYearFromAnchor,         // a month or day without a year, in the year of the previous date:
                           // "Ruritania on 24 September 2031, Freedonia on 9 December"
  kRelativeToPublication,  // counted from the publication date: "yesterday", "last month", "two weeks ago"
  kWeekday,                // a weekday name, the nearest such day not after (or, in a future clause, not before) publication
  kFromRangeEnd,           // completed from the other end of a range: "6" of "6-19 January 2022", "99" of "1993-99"
  kOffsetFromDate,         // an offset from a date in the same phrase: "a month after 15 May 1992"
  kOffsetFromAnchor,       // from the previous date in the text: "seven years later", "the following year", "the 5th"
  kOffsetOfClause,         // the date of the clause that follows, from the sentence's own date:
                           // "on Thursday, a day after [the president appealed]" is Wednesday
};

// A signed distance in time (see date_resolver.h): "a week later" is
// {days: 7}, "two years earlier" is {years: -2}, "the same year" is
// {precision: kYear}, "the 5th" is {day_of_month: 5}.
struct DateOffset {
  // The finest precision of the result; coarser anchors stay coarser.
  enum class Precision { kAny, kYear, kMonth, kDay };
  int days = 0;
  int months = 0;
  int years = 0;
  bool vague = false;  // "a few weeks", "days later"
  Precision precision = Precision::kAny;
  // When not 0: that day of the anchor's month, or of the next month when the
  // anchor is a later day of its month ("on 28 January ... on the 5th").
  int day_of_month = 0;
};

// Whether a date is a point or one end of a range ("2006-2012", "from 6 to 19 January 2022").
enum class DateRole { kPoint, kRangeStart, kRangeEnd };

// A span of text that names something the events can use as an argument.
struct Mention {
  MentionKind kind = MentionKind::kCountry;
  int32_t sentence = 0;     // index of the sentence that contains it
  int32_t begin = 0;        // first byte
  int32_t end = 0;          // one past the last byte
  int32_t first_token = 0;  // index of its first token
  int32_t end_token = 0;    // one past its last token

  // kCountry: ISO 3166-1 alpha-3 code. kOrganization: the organization the
  // mention belongs to, after lineage (the CST is "CSTO"). kPerson: the person's
  // canonical name.
  std::string code;
  // kOrganization: the code as written before lineage ("CST"); otherwise empty.
  std::string literal_code;
  // kCountry: how it was written.
  CountryForm country_form = CountryForm::kName;
  // kPerson: the role given with the name ("president", "prime minister"), and
  // the country the role or the lexicon ties the person to (alpha-3 or empty).
  std::string role;
  std::string person_country;
  // kDate: the resolved date (precision by which fields are 0; approximate set
  // for "early 2019", "spring 2021"; as_written holds the words).
  v1::PartialDate date;
  // kDate: true when resolved against the publication date ("last fall").
  bool relative = false;
  // kDate: the rule that resolved it, and whether it is one end of a range.
  DateRule date_rule = DateRule::kAbsolute;
  DateRole date_role = DateRole::kPoint;
  // kDate: the distance the words count, when they count one ("a week later"
  // is +7 days, "two weeks ago" -14 days, "a month after 15 May 2031" +1
  // month, "a day after <clause>" +1 day); unset when they count none ("that
  // year", "the 5th", "15 May 2031"). The date resolver decides it once, so
  // later stages can count the same distance from another anchor (an
  // intervention's start) without reading the words again.
  std::optional<DateOffset> offset;
  // kNumber: the value and whether it is approximate ("about", "over", "dozens").
  int64_t number = 0;
  bool approximate = false;
};

// A document after the text-analysis stages.
struct AnnotatedDocument {
  // Normalized text (NFC; curly quotes, dashes and odd spaces normalized).
  std::string text;
  // Metadata from the request or read from header lines (published, title, author).
  v1::DocumentInfo info;
  std::vector<Token> tokens;
  std::vector<Sentence> sentences;
  // Lines of page furniture, in order; their tokens belong to no sentence.
  std::vector<FurnitureLine> furniture;
  // Every mention, sorted by begin offset (ties: longer first).
  std::vector<Mention> mentions;
};

}  // namespace alliance::ingest

#endif  // ALLIANCE_INGEST_EXTRACT_ANNOTATED_DOCUMENT_H_
