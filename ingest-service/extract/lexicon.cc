#include "ingest-service/extract/lexicon.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/status_macros.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "ingest-service/extract/tokenizer.h"
#include "ingest-service/extract/unicode_text.h"

namespace alliance::ingest {
namespace {

// Collects the first text-format error with its 1-based line and column.
class FirstErrorCollector final : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column, const std::string& message) override {
    if (!error_.empty()) return;
    error_ = absl::StrCat(line + 1, ":", column + 1, ": ", message);
  }
  const std::string& error() const { return error_; }

 private:
  std::string error_;
};

bool IsCountryCode(absl::string_view code) {
  if (code.size() != 3) return false;
  for (char c : code) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

bool HasLowerCase(absl::string_view text) {
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

bool HasLetterOrDigit(absl::string_view key) {
  for (size_t i = 0; i < key.size();) {
    int32_t cp = 0;
    const int len = DecodeUtf8(key, i, &cp);
    const CharClass cls = ClassifyChar(cp);
    if (cls == CharClass::kLetter || cls == CharClass::kDigit) return true;
    i += static_cast<size_t>(len);
  }
  return false;
}

int TokenCount(absl::string_view key) {
  return key.empty() ? 0 : 1 + static_cast<int>(std::count(key.begin(), key.end(), ' '));
}

// Adds `form` with the key of a sentence-vocabulary abbreviation: "Sept." and
// "Mr." become the word before the period ("sept", "mr"); dotted tokens such as
// "U.S." stay whole ("u.s.").
std::string AbbreviationKey(absl::string_view form) {
  std::string key = Lexicon::PhraseKey(form);
  if (absl::EndsWith(key, " .")) key.resize(key.size() - 2);
  return key;
}

}  // namespace

std::string Lexicon::PhraseKey(absl::string_view text) {
  const TokenizedText tokenized = Tokenize(text);
  std::string key;
  for (const Token& token : tokenized.tokens) {
    if (!key.empty()) key.push_back(' ');
    key += token.lower;
  }
  return key;
}

absl::StatusOr<std::unique_ptr<Lexicon>> Lexicon::Load(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    return absl::NotFoundError(absl::StrCat("lexicon directory ", dir, " does not exist"));
  }
  std::vector<std::pair<std::string, std::string>> files;
  auto read = [&](const char* name, bool required) -> absl::Status {
    const std::filesystem::path path = std::filesystem::path(dir) / name;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      if (!required) return absl::OkStatus();
      return absl::NotFoundError(absl::StrCat("lexicon file ", path.string(), " is missing"));
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    files.emplace_back(path.string(), buffer.str());
    return absl::OkStatus();
  };
  for (const char* name : kRequiredFiles) RETURN_IF_ERROR(read(name, true));
  for (const char* name : kOptionalFiles) RETURN_IF_ERROR(read(name, false));
  return FromTexts(files);
}

absl::StatusOr<std::unique_ptr<Lexicon>> Lexicon::FromTexts(
    const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<std::string> names;
  std::vector<lexicon::LexiconFile> parsed(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    names.push_back(files[i].first);
    FirstErrorCollector errors;
    google::protobuf::TextFormat::Parser parser;
    parser.RecordErrorsTo(&errors);
    if (!parser.ParseFromString(files[i].second, &parsed[i])) {
      return absl::InvalidArgumentError(absl::StrCat(files[i].first, ":", errors.error()));
    }
  }
  std::unique_ptr<Lexicon> lexicon(new Lexicon());
  RETURN_IF_ERROR(lexicon->Build(names, parsed));
  return lexicon;
}

absl::Status Lexicon::Build(const std::vector<std::string>& file_names,
                            const std::vector<lexicon::LexiconFile>& files) {
  // Who claimed each phrase, to name both sides of a duplicate.
  absl::flat_hash_map<std::string, std::string> owners;
  std::string file;  // the file being added, for errors

  auto invalid = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(file, ": ", why));
  };
  auto add_phrase = [&](absl::string_view form, const LexiconEntry& entry,
                        const std::string& owner) -> absl::Status {
    if (absl::StripAsciiWhitespace(form).empty()) return invalid(absl::StrCat(owner, " has an empty name"));
    const std::string key = PhraseKey(form);
    auto [it, inserted] = owners.emplace(key, owner);
    if (!inserted && it->second != owner) {
      return invalid(absl::StrCat("\"", form, "\" names both ", it->second, " and ", owner));
    }
    LexiconEntry e = entry;
    e.upper_case_only = entry.upper_case_only || !HasLowerCase(form);
    int32_t first_char = 0;
    const absl::string_view trimmed = absl::StripAsciiWhitespace(form);
    DecodeUtf8(trimmed, 0, &first_char);
    e.capitalized = IsUpperChar(first_char);
    if (inserted) phrases_.emplace(key, e);
    max_phrase_tokens_ = std::max(max_phrase_tokens_, TokenCount(key));
    for (size_t i = 0; i < key.size(); ++i) {
      if (key[i] == ' ') prefixes_.insert(key.substr(0, i));
    }
    prefixes_.insert(key);
    words_[key.substr(0, key.find(' '))] |= kPhraseStart;
    return absl::OkStatus();
  };
  auto add_words = [&](const google::protobuf::RepeatedPtrField<std::string>& forms, uint32_t flag,
                       bool abbreviation) -> absl::Status {
    for (const std::string& form : forms) {
      if (absl::StripAsciiWhitespace(form).empty()) return invalid("empty word in a word list");
      const std::string key = abbreviation ? AbbreviationKey(form) : PhraseKey(form);
      words_[key] |= flag;
      if (abbreviation && form[0] >= 'A' && form[0] <= 'Z') words_[key] |= kCapitalizedAbbreviation;
      max_flagged_tokens_ = std::max(max_flagged_tokens_, TokenCount(key));
    }
    return absl::OkStatus();
  };
  // Furniture words; `mark` entries must be a single punctuation character,
  // looked up as written rather than by phrase key.
  auto add_furniture = [&](const google::protobuf::RepeatedPtrField<std::string>& forms, uint32_t flag,
                           bool mark) -> absl::Status {
    for (const std::string& form : forms) {
      if (absl::StripAsciiWhitespace(form).empty()) return invalid("empty word in a furniture list");
      // Marks are kept as written: "»" is a separator, the quote it folds to is not.
      const std::string key = mark ? std::string(absl::StripAsciiWhitespace(form)) : PhraseKey(form);
      if (mark && (PhraseKey(key).find(' ') != std::string::npos || HasLetterOrDigit(key))) {
        return invalid(absl::StrCat("furniture mark \"", form, "\" is not one punctuation character"));
      }
      furniture_[key] |= flag;
      if (mark) furniture_mark_bytes_.set(static_cast<unsigned char>(key[0]));
      if (flag & (kFurnitureCue | kFurnitureLiveLabel)) furniture_[key.substr(0, key.find(' '))] |= kFurnitureStart;
      max_furniture_tokens_ = std::max(max_furniture_tokens_, TokenCount(key));
    }
    return absl::OkStatus();
  };
  auto add_keyed = [&](const google::protobuf::RepeatedPtrField<std::string>& forms, int value,
                       absl::flat_hash_map<std::string, int>* map, absl::string_view what,
                       uint32_t flag) -> absl::Status {
    if (forms.empty()) return invalid(absl::StrCat(what, " without forms"));
    for (const std::string& form : forms) {
      if (absl::StripAsciiWhitespace(form).empty()) return invalid(absl::StrCat("empty ", what));
      const std::string key = PhraseKey(form);
      (*map)[key] = value;
      words_[key] |= flag;
    }
    return absl::OkStatus();
  };

  std::vector<std::string> organization_files, person_files;  // where each was defined
  for (size_t f = 0; f < files.size(); ++f) {
    file = file_names[f];
    const lexicon::LexiconFile& in = files[f];
    for (const lexicon::Country& country : in.countries()) {
      if (!IsCountryCode(country.code())) {
        return invalid(absl::StrCat("country code \"", country.code(), "\" is not three upper-case letters"));
      }
      if (country.names().empty()) return invalid(absl::StrCat("country ", country.code(), " has no names"));
      LexiconEntry entry{LexiconEntry::Kind::kCountry, data_.countries_size()};
      const std::string owner = absl::StrCat("country ", country.code());
      for (const std::string& name : country.names()) RETURN_IF_ERROR(add_phrase(name, entry, owner));
      for (const std::string& name : country.aliases()) RETURN_IF_ERROR(add_phrase(name, entry, owner));
      entry.country_form = CountryForm::kDemonym;
      for (const std::string& name : country.demonyms()) RETURN_IF_ERROR(add_phrase(name, entry, owner));
      entry.country_form = CountryForm::kCapital;
      for (const std::string& name : country.capitals()) RETURN_IF_ERROR(add_phrase(name, entry, owner));
      entry.country_form = CountryForm::kPlace;
      for (const std::string& name : country.places()) RETURN_IF_ERROR(add_phrase(name, entry, owner));
      *data_.add_countries() = country;
    }
    for (const lexicon::Organization& org : in.organizations()) {
      if (org.code().empty()) return invalid("organization without a code");
      if (org.names().empty() && org.acronyms().empty()) {
        return invalid(absl::StrCat("organization ", org.code(), " has no names"));
      }
      LexiconEntry entry{LexiconEntry::Kind::kOrganization, data_.organizations_size()};
      const std::string owner = absl::StrCat("organization ", org.code());
      for (const std::string& name : org.names()) RETURN_IF_ERROR(add_phrase(name, entry, owner));
      for (const std::string& name : org.aliases()) RETURN_IF_ERROR(add_phrase(name, entry, owner));
      LexiconEntry acronym = entry;
      acronym.upper_case_only = true;
      for (const std::string& name : org.acronyms()) RETURN_IF_ERROR(add_phrase(name, acronym, owner));
      *data_.add_organizations() = org;
      organization_files.push_back(file);
    }
    for (const lexicon::Person& person : in.people()) {
      if (absl::StripAsciiWhitespace(person.name()).empty()) return invalid("person without a name");
      if (!person.country().empty() && !IsCountryCode(person.country())) {
        return invalid(absl::StrCat("person ", person.name(), ": country code \"", person.country(),
                                    "\" is not three upper-case letters"));
      }
      LexiconEntry entry{LexiconEntry::Kind::kPerson, data_.people_size()};
      const std::string owner = absl::StrCat("person ", person.name());
      RETURN_IF_ERROR(add_phrase(person.name(), entry, owner));
      for (const std::string& name : person.aliases()) RETURN_IF_ERROR(add_phrase(name, entry, owner));
      *data_.add_people() = person;
      person_files.push_back(file);
    }
    for (const lexicon::Role& role : in.roles()) {
      if (absl::StripAsciiWhitespace(role.role()).empty()) return invalid("role without a name");
      LexiconEntry entry{LexiconEntry::Kind::kRole, data_.roles_size()};
      const std::string owner = absl::StrCat("role ", role.role());
      RETURN_IF_ERROR(add_phrase(role.role(), entry, owner));
      for (const std::string& form : role.forms()) RETURN_IF_ERROR(add_phrase(form, entry, owner));
      *data_.add_roles() = role;
    }
    if (in.has_numbers()) {
      for (const lexicon::NumberWord& word : in.numbers().words()) {
        if (word.forms().empty()) return invalid("number word without forms");
        if (word.value() <= 0) return invalid(absl::StrCat("number word \"", word.forms(0), "\" needs a positive value"));
        LexiconEntry entry{LexiconEntry::Kind::kNumberWord, data_.numbers().words_size()};
        const std::string owner = absl::StrCat("number word \"", word.forms(0), "\"");
        for (const std::string& form : word.forms()) {
          RETURN_IF_ERROR(add_phrase(form, entry, owner));
          const std::string key = PhraseKey(form);
          words_[key.substr(0, key.find(' '))] |= kNumberWordStart;
        }
        *data_.mutable_numbers()->add_words() = word;
      }
      RETURN_IF_ERROR(add_words(in.numbers().approximators(), kApproximator, false));
      for (const std::string& form : in.numbers().approximators()) {
        const std::string key = PhraseKey(form);
        words_[key.substr(0, key.find(' '))] |= kNumberWordStart;
      }
    }
    if (in.has_dates()) {
      const lexicon::DateVocabulary& d = in.dates();
      for (const lexicon::Month& month : d.months()) {
        if (month.number() < 1 || month.number() > 12) {
          return invalid(absl::StrCat("month number ", month.number(), " is out of range 1..12"));
        }
        RETURN_IF_ERROR(add_keyed(month.forms(), month.number(), &months_, "month", kMonth));
      }
      for (const lexicon::Weekday& weekday : d.weekdays()) {
        if (weekday.number() < 1 || weekday.number() > 7) {
          return invalid(absl::StrCat("weekday number ", weekday.number(), " is out of range 1..7"));
        }
        RETURN_IF_ERROR(add_keyed(weekday.forms(), weekday.number(), &weekdays_, "weekday", kWeekday));
      }
      for (const lexicon::Season& season : d.seasons()) {
        if (season.first_month() < 1 || season.first_month() > 12) {
          return invalid(absl::StrCat("season ", season.name(), ": first_month is out of range 1..12"));
        }
        if (season.months() < 0 || season.months() > 12) {
          return invalid(absl::StrCat("season ", season.name(), ": months is out of range 0..12"));
        }
        RETURN_IF_ERROR(add_keyed(season.forms(), data_.dates().seasons_size(), &seasons_, "season", kSeason));
        *data_.mutable_dates()->add_seasons() = season;
      }
      for (const lexicon::TimeUnit& unit : d.units()) {
        const int set = (unit.days() > 0) + (unit.months() > 0) + (unit.years() > 0);
        if (set != 1) return invalid("a time unit needs exactly one of days, months, years");
        RETURN_IF_ERROR(add_keyed(unit.forms(), data_.dates().units_size(), &units_, "time unit", kTimeUnit));
        for (const std::string& form : unit.plurals()) {
          const std::string key = PhraseKey(form);
          if (!units_.contains(key)) return invalid(absl::StrCat("plural \"", form, "\" is not among its unit's forms"));
          plural_units_.insert(key);
        }
        *data_.mutable_dates()->add_units() = unit;
      }
      for (const lexicon::DayWord& word : d.day_words()) {
        RETURN_IF_ERROR(add_keyed(word.forms(), data_.dates().day_words_size(), &day_words_, "day word", kDayWord));
        *data_.mutable_dates()->add_day_words() = word;
      }
      for (const lexicon::AnchorWord& word : d.anchor_words()) {
        if (word.step() < -1 || word.step() > 1) return invalid("an anchor word's step is -1, 0 or 1");
        RETURN_IF_ERROR(add_keyed(word.forms(), data_.dates().anchor_words_size(), &anchor_words_, "anchor word", 0));
        *data_.mutable_dates()->add_anchor_words() = word;
      }
      auto add_date_words = [&](const google::protobuf::RepeatedPtrField<std::string>& forms,
                                uint32_t flag) -> absl::Status {
        for (const std::string& form : forms) {
          const std::string key = PhraseKey(form);
          if (key.empty() || key.find(' ') != std::string::npos) {
            return invalid(absl::StrCat("date word \"", form, "\" is not one word"));
          }
          date_words_[key] |= flag;
          if (flag & (kDayPartWord | kPeriodPartWord)) words_[key] |= kDatePart;
        }
        return absl::OkStatus();
      };
      RETURN_IF_ERROR(add_date_words(d.day_parts(), kDayPartWord));
      RETURN_IF_ERROR(add_date_words(d.period_parts(), kPeriodPartWord));
      RETURN_IF_ERROR(add_date_words(d.after_words(), kAfterWord));
      RETURN_IF_ERROR(add_date_words(d.before_words(), kBeforeWord));
      RETURN_IF_ERROR(add_date_words(d.future_markers(), kFutureMarkerWord));
      RETURN_IF_ERROR(add_date_words(d.first_third_words(), kFirstThirdWord));
      RETURN_IF_ERROR(add_date_words(d.middle_third_words(), kMiddleThirdWord));
      RETURN_IF_ERROR(add_date_words(d.last_third_words(), kLastThirdWord));
      for (const lexicon::DateRangeWords& range : d.ranges()) {
        const int index = data_.dates().ranges_size();
        if (index >= 64) return invalid("more than 64 date range entries");
        if (range.openers().empty() || range.connectors().empty()) {
          return invalid("a date range entry needs openers and connectors");
        }
        RETURN_IF_ERROR(add_date_words(range.openers(), kRangeOpenerWord));
        RETURN_IF_ERROR(add_date_words(range.connectors(), kRangeConnectorWord));
        for (const std::string& form : range.openers()) range_openers_[PhraseKey(form)] |= uint64_t{1} << index;
        for (const std::string& form : range.connectors()) range_connectors_[PhraseKey(form)] |= uint64_t{1} << index;
        *data_.mutable_dates()->add_ranges() = range;
      }
      RETURN_IF_ERROR(add_words(d.qualifiers(), kQualifier, false));
      RETURN_IF_ERROR(add_words(d.past_words(), kPastWord, false));
      RETURN_IF_ERROR(add_words(d.present_words(), kPresentWord, false));
      RETURN_IF_ERROR(add_words(d.future_words(), kFutureWord, false));
      RETURN_IF_ERROR(add_words(d.later_words(), kLaterWord, false));
      RETURN_IF_ERROR(add_words(d.earlier_words(), kEarlierWord, false));
      RETURN_IF_ERROR(add_words(d.ago_words(), kAgoWord, false));
      RETURN_IF_ERROR(add_words(d.year_prepositions(), kYearPreposition, false));
      RETURN_IF_ERROR(add_words(d.year_nouns(), kYearNoun, false));
      RETURN_IF_ERROR(add_words(d.determiners(), kDeterminer, false));
      RETURN_IF_ERROR(add_words(d.vague_counts(), kVagueCount, false));
      for (const std::string& form : d.vague_counts()) {
        const std::string key = PhraseKey(form);
        words_[key.substr(0, key.find(' '))] |= kVagueCountStart;
      }
      RETURN_IF_ERROR(add_words(d.no_date_markers(), kNoDateMarker, false));
    }
    if (in.has_sentences()) {
      RETURN_IF_ERROR(add_words(in.sentences().non_final_abbreviations(), kNonFinalAbbreviation, true));
      RETURN_IF_ERROR(add_words(in.sentences().abbreviations(), kAbbreviation, true));
      RETURN_IF_ERROR(add_words(in.sentences().sentence_starters(), kSentenceStarter, false));
    }
    if (in.has_headers()) {
      RETURN_IF_ERROR(add_words(in.headers().caption_prefixes(), kCaptionPrefix, false));
      RETURN_IF_ERROR(add_words(in.headers().byline_prefixes(), kBylinePrefix, false));
    }
    if (in.has_furniture()) {
      const lexicon::FurnitureVocabulary& v = in.furniture();
      RETURN_IF_ERROR(add_furniture(v.line_cues(), kFurnitureCue, false));
      RETURN_IF_ERROR(add_furniture(v.list_headings(), kFurnitureCue | kFurnitureListHeading, false));
      RETURN_IF_ERROR(add_furniture(v.consent_words(), kFurnitureConsent, false));
      RETURN_IF_ERROR(add_furniture(v.live_labels(), kFurnitureLiveLabel, false));
      RETURN_IF_ERROR(add_furniture(v.time_words(), kFurnitureTimeWord, false));
      RETURN_IF_ERROR(add_furniture(v.link_separators(), kFurnitureSeparator, true));
      RETURN_IF_ERROR(add_furniture(v.list_markers(), kFurnitureListMarker, true));
      RETURN_IF_ERROR(add_furniture(v.notice_cues(), kFurnitureCue | kFurnitureNotice, false));
      RETURN_IF_ERROR(add_furniture(v.consent_context(), kFurnitureConsentContext, false));
      for (const std::string& form : v.consent_words()) {
        const std::string key = PhraseKey(form);
        if (key.find(' ') != std::string::npos) return invalid(absl::StrCat("consent word \"", form, "\" is not one word"));
        consent_words_.push_back(key);
      }
    }
  }

  // Lineage: every lineage names a known organization, without cycles.
  absl::flat_hash_map<std::string, int> by_code;
  for (int i = 0; i < data_.organizations_size(); ++i) {
    file = organization_files[static_cast<size_t>(i)];
    if (!by_code.emplace(data_.organizations(i).code(), i).second) {
      return invalid(absl::StrCat("organization ", data_.organizations(i).code(), " is defined twice"));
    }
  }
  for (int i = 0; i < data_.organizations_size(); ++i) {
    file = organization_files[static_cast<size_t>(i)];
    int current = i;
    for (int steps = 0; !data_.organizations(current).lineage().empty(); ++steps) {
      auto it = by_code.find(data_.organizations(current).lineage());
      if (it == by_code.end()) {
        return invalid(absl::StrCat("organization ", data_.organizations(current).code(),
                                    ": lineage names unknown organization \"",
                                    data_.organizations(current).lineage(), "\""));
      }
      if (steps > data_.organizations_size()) {
        return invalid(absl::StrCat("organization ", data_.organizations(i).code(), ": lineage has a cycle"));
      }
      current = it->second;
    }
    organization_roots_.push_back(data_.organizations(current).code());
  }
  absl::flat_hash_set<std::string> country_codes;
  file = "countries";
  for (const lexicon::Country& country : data_.countries()) {
    if (!country_codes.insert(country.code()).second) {
      return invalid(absl::StrCat("country ", country.code(), " is defined twice"));
    }
  }
  for (int i = 0; i < data_.people_size(); ++i) {
    const lexicon::Person& person = data_.people(i);
    file = person_files[static_cast<size_t>(i)];
    if (!person.country().empty() && !country_codes.contains(person.country())) {
      return invalid(absl::StrCat("person ", person.name(), ": unknown country ", person.country()));
    }
  }
  return absl::OkStatus();
}

const LexiconEntry* Lexicon::FindPhrase(absl::string_view key) const {
  auto it = phrases_.find(key);
  return it == phrases_.end() ? nullptr : &it->second;
}

bool Lexicon::IsPhrasePrefix(absl::string_view key) const { return prefixes_.contains(key); }

uint32_t Lexicon::WordFlags(absl::string_view key) const {
  auto it = words_.find(key);
  return it == words_.end() ? 0 : it->second;
}

int Lexicon::MonthNumber(absl::string_view key) const {
  auto it = months_.find(key);
  return it == months_.end() ? 0 : it->second;
}

int Lexicon::WeekdayNumber(absl::string_view key) const {
  auto it = weekdays_.find(key);
  return it == weekdays_.end() ? 0 : it->second;
}

const lexicon::Season* Lexicon::FindSeason(absl::string_view key) const {
  auto it = seasons_.find(key);
  return it == seasons_.end() ? nullptr : &data_.dates().seasons(it->second);
}

const lexicon::TimeUnit* Lexicon::FindTimeUnit(absl::string_view key) const {
  auto it = units_.find(key);
  return it == units_.end() ? nullptr : &data_.dates().units(it->second);
}

const lexicon::DayWord* Lexicon::FindDayWord(absl::string_view key) const {
  auto it = day_words_.find(key);
  return it == day_words_.end() ? nullptr : &data_.dates().day_words(it->second);
}

const lexicon::AnchorWord* Lexicon::FindAnchorWord(absl::string_view key) const {
  auto it = anchor_words_.find(key);
  return it == anchor_words_.end() ? nullptr : &data_.dates().anchor_words(it->second);
}

uint32_t Lexicon::DateWordFlags(absl::string_view key) const {
  auto it = date_words_.find(key);
  return it == date_words_.end() ? 0 : it->second;
}

bool Lexicon::IsRangePair(absl::string_view opener, absl::string_view connector) const {
  auto o = range_openers_.find(opener);
  if (o == range_openers_.end()) return false;
  auto c = range_connectors_.find(connector);
  return c != range_connectors_.end() && (o->second & c->second) != 0;
}

}  // namespace alliance::ingest
