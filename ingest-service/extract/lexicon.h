// The lexicon: names, aliases and words the text stages match, loaded once
// from text-format files (data/lexicon/*.textproto, see proto/alliance/ingest/lexicon/lexicon.proto).
//
// Phrases are looked up by their key: the canonical lower-case forms of their
// tokens (see tokenizer.h) joined by single spaces, so "Russia’s" in the text
// and "Russia's" in a file meet, and "Nur-Sultan" is "nur - sultan".
#ifndef ALLIANCE_INGEST_EXTRACT_LEXICON_H_
#define ALLIANCE_INGEST_EXTRACT_LEXICON_H_

#include <bitset>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "ingest-service/extract/annotated_document.h"
#include "alliance/ingest/lexicon/lexicon.pb.h"

namespace alliance::ingest {

// What a lexicon phrase names.
struct LexiconEntry {
  enum class Kind { kCountry, kOrganization, kPerson, kRole, kNumberWord };
  Kind kind = Kind::kCountry;
  int32_t index = 0;  // into countries(), organizations(), people(), roles() or number_words()
  CountryForm country_form = CountryForm::kName;  // kCountry only
  bool upper_case_only = false;  // acronyms: match only text without lower-case letters
  bool capitalized = false;      // proper names: the first word must be capitalized in the text
};

// Flags of single words and short phrases the grammar of dates, numbers and
// sentences relies on.
enum WordFlag : uint32_t {
  kQualifier = 1u << 0,
  kPastWord = 1u << 1,
  kPresentWord = 1u << 2,
  kFutureWord = 1u << 3,
  kLaterWord = 1u << 4,
  kEarlierWord = 1u << 5,
  kAgoWord = 1u << 6,
  kYearPreposition = 1u << 7,
  kYearNoun = 1u << 8,
  kDeterminer = 1u << 9,
  kVagueCount = 1u << 10,
  kNoDateMarker = 1u << 11,
  kApproximator = 1u << 12,
  kNonFinalAbbreviation = 1u << 13,
  kAbbreviation = 1u << 14,
  kSentenceStarter = 1u << 15,
  kCaptionPrefix = 1u << 16,
  kMonth = 1u << 17,           // a month name or abbreviation
  kSeason = 1u << 18,          // a season
  kTimeUnit = 1u << 19,        // "week", "years"
  kDayWord = 1u << 20,         // "yesterday"
  kNumberWordStart = 1u << 21, // the first word of a number word ("dozens", "a" of "a company")
  kCapitalizedAbbreviation = 1u << 22,  // an abbreviation written capitalized ("No.", "Sept.")
  kPhraseStart = 1u << 23,     // the first word of a lexicon phrase (see FindPhrase)
  kVagueCountStart = 1u << 24, // the first word of a vague count ("a" of "a few")
  kWeekday = 1u << 25,         // "Thursday"
  kBylinePrefix = 1u << 26,    // "By" before an author's name
  kDatePart = 1u << 27,        // a part of a day or period ("morning", "end"); see DateWordFlags
};

// Flags of the words of the date grammar beyond WordFlag (DateWordFlags).
enum DateWordFlag : uint32_t {
  kDayPartWord = 1u << 0,        // "morning", "night"
  kPeriodPartWord = 1u << 1,     // "end" of "the end of 1993"
  kAfterWord = 1u << 2,          // "after" of "a month after"
  kBeforeWord = 1u << 3,         // "before" of "a week before"
  kRangeOpenerWord = 1u << 4,    // "from", "between"
  kRangeConnectorWord = 1u << 5, // "to", "until", "and"
  kFutureMarkerWord = 1u << 6,   // "will"
  kFirstThirdWord = 1u << 7,     // "early", "beginning": the first third of a period
  kMiddleThirdWord = 1u << 8,    // "mid", "middle"
  kLastThirdWord = 1u << 9,      // "late", "end"
};

// Flags of the words and phrases of page furniture (FurnitureVocabulary).
enum FurnitureFlag : uint32_t {
  kFurnitureCue = 1u << 0,          // opens a furniture line ("Share", "Tags")
  kFurnitureListHeading = 1u << 1,  // heads a teaser list ("Most read")
  kFurnitureConsent = 1u << 2,      // a consent-notice word ("cookies")
  kFurnitureLiveLabel = 1u << 3,    // a live or breaking-news label ("BREAKING")
  kFurnitureTimeWord = 1u << 4,     // a word of timestamp lines ("GMT", "updated")
  kFurnitureSeparator = 1u << 5,    // a link-bar separator ("|")
  kFurnitureListMarker = 1u << 6,   // a list-item marker ("•")
  kFurnitureStart = 1u << 7,        // the first word of a cue, heading or label
  kFurnitureNotice = 1u << 8,       // a cue of a legal or consent notice ("©", "Privacy")
  kFurnitureConsentContext = 1u << 9,  // a word around a consent word in a notice ("your")
};

// Immutable after Load; thread-safe to share between threads.
class Lexicon {
 public:
  // Files read by Load. Those marked optional may be absent.
  static constexpr const char* kRequiredFiles[] = {"countries.textproto", "organizations.textproto",
                                                  "roles.textproto", "dates.textproto",
                                                  "numbers.textproto", "sentences.textproto"};
  static constexpr const char* kOptionalFiles[] = {"people.textproto", "headers.textproto",
                                                  "furniture.textproto"};

  // Loads and validates the lexicon files in `dir`. Returns NOT_FOUND when the
  // directory or a required file is missing, INVALID_ARGUMENT naming the file
  // (and line:column for syntax errors) when a file is malformed: a bad country
  // code, an empty name, an alias that names two different things, an unknown
  // lineage or person country.
  static absl::StatusOr<std::unique_ptr<Lexicon>> Load(const std::string& dir);

  // Builds a lexicon from (file name, text-format content) pairs, validated as
  // Load does. The file names only label errors.
  static absl::StatusOr<std::unique_ptr<Lexicon>> FromTexts(
      const std::vector<std::pair<std::string, std::string>>& files);

  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;

  // Returns the entry for the phrase `key`, or null.
  const LexiconEntry* FindPhrase(absl::string_view key) const;
  // Returns true when `key` is a phrase or the start of a longer phrase.
  bool IsPhrasePrefix(absl::string_view key) const;
  // The longest phrase, in tokens.
  int max_phrase_tokens() const { return max_phrase_tokens_; }

  // Returns the flags of the word or short phrase `key` (0 when unknown).
  uint32_t WordFlags(absl::string_view key) const;
  bool HasFlag(absl::string_view key, WordFlag flag) const { return (WordFlags(key) & flag) != 0; }
  // The longest flagged phrase, in tokens.
  int max_flagged_tokens() const { return max_flagged_tokens_; }

  // Returns the FurnitureFlag bits of the word or phrase `key` (0 when unknown).
  // Separators and list markers are looked up as written in the text, not by key.
  uint32_t FurnitureFlags(absl::string_view key) const {
    if (furniture_.empty()) return 0;
    auto it = furniture_.find(key);
    return it == furniture_.end() ? 0 : it->second;
  }
  // The longest furniture phrase, in tokens.
  int max_furniture_tokens() const { return max_furniture_tokens_; }
  // The consent words, for a cheap scan of every token of a line.
  const std::vector<std::string>& consent_words() const { return consent_words_; }
  // True when a separator or list marker may start with byte `b`: a cheap test
  // before FurnitureFlags on every punctuation token.
  bool MayStartFurnitureMark(unsigned char b) const { return furniture_mark_bytes_[b]; }

  // Date words. Each returns 0 / null when `key` is not one.
  int MonthNumber(absl::string_view key) const;
  int WeekdayNumber(absl::string_view key) const;  // 1 = Monday ... 7 = Sunday
  const lexicon::Season* FindSeason(absl::string_view key) const;
  const lexicon::TimeUnit* FindTimeUnit(absl::string_view key) const;
  const lexicon::DayWord* FindDayWord(absl::string_view key) const;
  const lexicon::AnchorWord* FindAnchorWord(absl::string_view key) const;
  // Returns the DateWordFlag bits of the word `key` (0 when unknown).
  uint32_t DateWordFlags(absl::string_view key) const;
  // True when `key` is a plural time unit ("weeks").
  bool IsPluralUnit(absl::string_view key) const { return plural_units_.contains(key); }
  // True when `opener` and `connector` belong to one DateRangeWords entry.
  bool IsRangePair(absl::string_view opener, absl::string_view connector) const;

  const lexicon::Country& country(int i) const { return data_.countries(i); }
  const lexicon::Organization& organization(int i) const { return data_.organizations(i); }
  const lexicon::Person& person(int i) const { return data_.people(i); }
  const lexicon::Role& role(int i) const { return data_.roles(i); }
  const lexicon::NumberWord& number_word(int i) const { return data_.numbers().words(i); }
  int num_countries() const { return data_.countries_size(); }
  int num_organizations() const { return data_.organizations_size(); }

  // Returns the code at the root of organization `i`'s lineage ("CSTO" for the CST).
  const std::string& OrganizationRoot(int i) const { return organization_roots_[static_cast<size_t>(i)]; }

  // Returns the phrase key of `text`: its tokens' canonical lower forms joined by spaces.
  static std::string PhraseKey(absl::string_view text);

 private:
  Lexicon() = default;
  absl::Status Build(const std::vector<std::string>& file_names,
                     const std::vector<lexicon::LexiconFile>& files);

  // Constant after construction.
  lexicon::LexiconFile data_;  // all files merged
  std::vector<std::string> organization_roots_;
  absl::flat_hash_map<std::string, LexiconEntry> phrases_;
  absl::flat_hash_set<std::string> prefixes_;
  absl::flat_hash_map<std::string, uint32_t> words_;
  absl::flat_hash_map<std::string, int> months_;
  absl::flat_hash_map<std::string, int> weekdays_;
  absl::flat_hash_map<std::string, int> seasons_;
  absl::flat_hash_map<std::string, int> units_;
  absl::flat_hash_map<std::string, int> day_words_;
  absl::flat_hash_map<std::string, int> anchor_words_;
  absl::flat_hash_map<std::string, uint32_t> date_words_;  // DateWordFlag bits
  absl::flat_hash_set<std::string> plural_units_;
  // Bit i set: the word is an opener / connector of DateRangeWords entry i.
  absl::flat_hash_map<std::string, uint64_t> range_openers_;
  absl::flat_hash_map<std::string, uint64_t> range_connectors_;
  absl::flat_hash_map<std::string, uint32_t> furniture_;
  std::vector<std::string> consent_words_;
  std::bitset<256> furniture_mark_bytes_;
  int max_phrase_tokens_ = 1;
  int max_furniture_tokens_ = 1;
  int max_flagged_tokens_ = 1;
};

}  // namespace alliance::ingest

#endif  // ALLIANCE_INGEST_EXTRACT_LEXICON_H_
