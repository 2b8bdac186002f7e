#include "ingest-service/extract/lexicon.h"

#include <ostream>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "test_lexicon.h"

namespace alliance::ingest {
namespace {

using ::testing::HasSubstr;
using testing::RepositoryLexicon;
using testing::TempLexiconDir;

TEST(Lexicon, LoadsRepositoryLexicon) {
  const Lexicon& lexicon = RepositoryLexicon();
  EXPECT_GT(lexicon.num_countries(), 15);
  EXPECT_GT(lexicon.num_organizations(), 5);
}

TEST(Lexicon, PhraseKeysMapTypographicPunctuation) {
  EXPECT_EQ(Lexicon::PhraseKey("Russia’s"), "russia 's");
  EXPECT_EQ(Lexicon::PhraseKey("Nur-Sultan"), "nur - sultan");
  EXPECT_EQ(Lexicon::PhraseKey("Secretary–General"), "secretary - general");
  EXPECT_EQ(Lexicon::PhraseKey("  Tashkent   Pact "), "tashkent pact");
}

TEST(Lexicon, FindsNamesDemonymsCapitalsAndAcronyms) {
  const Lexicon& lexicon = RepositoryLexicon();
  struct Case {
    std::string phrase;
    LexiconEntry::Kind kind;
    std::string code;
    CountryForm form;
  };
  const Case cases[] = {
      {"Kazakhstan", LexiconEntry::Kind::kCountry, "KAZ", CountryForm::kName},
      {"Kazakh", LexiconEntry::Kind::kCountry, "KAZ", CountryForm::kDemonym},
      {"Azeri", LexiconEntry::Kind::kCountry, "AZE", CountryForm::kDemonym},
      {"Kremlin", LexiconEntry::Kind::kCountry, "RUS", CountryForm::kCapital},
      {"Nur-Sultan", LexiconEntry::Kind::kCountry, "KAZ", CountryForm::kCapital},
      {"Kiev", LexiconEntry::Kind::kCountry, "UKR", CountryForm::kCapital},
      {"Collective Security Treaty Organisation", LexiconEntry::Kind::kOrganization, "CSTO", CountryForm::kName},
      {"Tashkent Pact", LexiconEntry::Kind::kOrganization, "CSTO", CountryForm::kName},
      {"CST", LexiconEntry::Kind::kOrganization, "CST", CountryForm::kName},
  };
  for (const Case& c : cases) {
    const LexiconEntry* entry = lexicon.FindPhrase(Lexicon::PhraseKey(c.phrase));
    ASSERT_NE(entry, nullptr) << c.phrase;
    EXPECT_EQ(entry->kind, c.kind) << c.phrase;
    const std::string code = entry->kind == LexiconEntry::Kind::kCountry
                                 ? lexicon.country(entry->index).code()
                                 : lexicon.organization(entry->index).code();
    EXPECT_EQ(code, c.code) << c.phrase;
    if (entry->kind == LexiconEntry::Kind::kCountry) {
      EXPECT_EQ(entry->country_form, c.form) << c.phrase;
    }
  }
}

TEST(Lexicon, AcronymsMatchOnlyInUpperCase) {
  const LexiconEntry* entry = RepositoryLexicon().FindPhrase("csto");
  ASSERT_NE(entry, nullptr);
  EXPECT_TRUE(entry->upper_case_only);
  EXPECT_FALSE(RepositoryLexicon().FindPhrase("kazakhstan")->upper_case_only);
}

TEST(Lexicon, ResolvesLineageToRoot) {
  const Lexicon& lexicon = RepositoryLexicon();
  const LexiconEntry* cst = lexicon.FindPhrase(Lexicon::PhraseKey("Collective Security Treaty"));
  ASSERT_NE(cst, nullptr);
  EXPECT_EQ(lexicon.organization(cst->index).code(), "CST");
  EXPECT_EQ(lexicon.OrganizationRoot(cst->index), "CSTO");
}

TEST(Lexicon, KnowsDateAndSentenceWords) {
  const Lexicon& lexicon = RepositoryLexicon();
  EXPECT_EQ(lexicon.MonthNumber("sept"), 9);
  EXPECT_EQ(lexicon.MonthNumber("may"), 5);
  EXPECT_EQ(lexicon.MonthNumber("mayday"), 0);
  ASSERT_NE(lexicon.FindSeason("autumn"), nullptr);
  EXPECT_EQ(lexicon.FindSeason("autumn")->first_month(), 9);
  EXPECT_TRUE(lexicon.HasFlag("u.s.", kAbbreviation));
  EXPECT_TRUE(lexicon.HasFlag("mr", kNonFinalAbbreviation));
  EXPECT_TRUE(lexicon.HasFlag("more than", kApproximator));
}

TEST(Lexicon, LoadsInventedAllianceFromTempDir) {
  TempLexiconDir dir;
  dir.Write("organizations.textproto", R"pb(
    organizations { code: "NDP" names: "Northern Defence Pact" acronyms: "NDP" }
    organizations { code: "NDT" names: "Northern Defence Treaty" lineage: "NDP" }
  )pb");
  dir.Write("countries.textproto", R"pb(
    countries { code: "ZZA" names: "Zembla" demonyms: "Zemblan" capitals: "Onhava" }
  )pb");
  dir.Remove("people.textproto");  // its people belong to countries this lexicon lacks
  auto lexicon = Lexicon::Load(dir.path());
  ASSERT_TRUE(lexicon.ok()) << lexicon.status();
  const LexiconEntry* treaty = (*lexicon)->FindPhrase(Lexicon::PhraseKey("Northern Defence Treaty"));
  ASSERT_NE(treaty, nullptr);
  EXPECT_EQ((*lexicon)->OrganizationRoot(treaty->index), "NDP");
  const LexiconEntry* capital = (*lexicon)->FindPhrase("onhava");
  ASSERT_NE(capital, nullptr);
  EXPECT_EQ(capital->country_form, CountryForm::kCapital);
}

struct InvalidCase {
  std::string name;
  std::string file;
  std::string content;
  std::string error;
};

// Names the case in failure messages (gtest would print raw bytes).
void PrintTo(const InvalidCase& c, std::ostream* os) { *os << c.name; }

class LexiconValidation : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(LexiconValidation, RejectsWithErrorNamingFileAndProblem) {
  TempLexiconDir dir;
  dir.Write(GetParam().file, GetParam().content);
  auto lexicon = Lexicon::Load(dir.path());
  ASSERT_FALSE(lexicon.ok());
  EXPECT_EQ(lexicon.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(lexicon.status().message()), HasSubstr(GetParam().file));
  EXPECT_THAT(std::string(lexicon.status().message()), HasSubstr(GetParam().error));
}

INSTANTIATE_TEST_SUITE_P(
    Errors, LexiconValidation,
    ::testing::Values(
        InvalidCase{"SyntaxErrorWithLineAndColumn", "countries.textproto",
                    "countries { code: \"ARM\"\n names: \"Armenia\" \n bogus_field: 1 }", ":3:"},
        InvalidCase{"LowerCaseCountryCode", "countries.textproto", "countries { code: \"arm\" names: \"Armenia\" }",
                    "not three upper-case letters"},
        InvalidCase{"TwoLetterCountryCode", "countries.textproto", "countries { code: \"AM\" names: \"Armenia\" }",
                    "not three upper-case letters"},
        InvalidCase{"CountryWithoutNames", "countries.textproto", "countries { code: \"ARM\" }", "has no names"},
        InvalidCase{"EmptyName", "countries.textproto", "countries { code: \"ARM\" names: \"\" }", "empty name"},
        InvalidCase{"AliasNamingTwoCountries", "countries.textproto",
                    "countries { code: \"ARM\" names: \"Armenia\" }\ncountries { code: \"ARX\" names: \"X\" "
                    "aliases: \"armenia\" }",
                    "names both country ARM and country ARX"},
        InvalidCase{"UnknownLineage", "organizations.textproto",
                    "organizations { code: \"CST\" names: \"Collective Security Treaty\" lineage: \"NOPE\" }",
                    "unknown organization \"NOPE\""},
        InvalidCase{"PersonWithUnknownCountry", "people.textproto",
                    "people { name: \"Jane Roe\" country: \"ZZZ\" }", "unknown country ZZZ"},
        InvalidCase{"MonthOutOfRange", "dates.textproto", "dates { months { number: 13 forms: \"Smarch\" } }",
                    "out of range"}),
    [](const ::testing::TestParamInfo<InvalidCase>& info) { return info.param.name; });

TEST(Lexicon, MissingRequiredFileIsNotFound) {
  TempLexiconDir dir;
  dir.Remove("countries.textproto");
  auto lexicon = Lexicon::Load(dir.path());
  ASSERT_FALSE(lexicon.ok());
  EXPECT_EQ(lexicon.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(lexicon.status().message()), HasSubstr("countries.textproto"));
}

TEST(Lexicon, MissingDirectoryIsNotFound) {
  auto lexicon = Lexicon::Load("/nonexistent/lexicon");
  ASSERT_FALSE(lexicon.ok());
  EXPECT_EQ(lexicon.status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace alliance::ingest
