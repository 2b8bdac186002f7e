#include "ingest-service/extract/mention_finder.h"

#include <string>
#include <vector>

#include "common/partial_date.h"
#include "gtest/gtest.h"
#include "ingest-service/extract/sentence_splitter.h"
#include "ingest-service/extract/tokenizer.h"
#include "test_lexicon.h"

namespace alliance::ingest {
namespace {

struct Found {
  std::string text;
  std::vector<Mention> mentions;
  std::string Span(const Mention& m) const { return text.substr(m.begin, m.end - m.begin); }
  const Mention* Get(MentionKind kind, const std::string& span) const {
    for (const Mention& m : mentions) {
      if (m.kind == kind && Span(m) == span) return &m;
    }
    return nullptr;
  }
  int Count(MentionKind kind) const {
    int n = 0;
    for (const Mention& m : mentions) n += m.kind == kind;
    return n;
  }
};

Found FindAll(const std::string& text, const Lexicon& lexicon = testing::RepositoryLexicon(),
              const std::string& published = "") {
  Found found;
  found.text = text;
  const TokenizedText tokenized = Tokenize(text);
  v1::PartialDate date;
  if (!published.empty()) date = *ParseIsoDate(published, "published");
  MentionFinder finder(lexicon, date);
  for (const Sentence& s : SplitSentences(text, tokenized, lexicon)) {
    finder.FindInSentence(text, tokenized.tokens, s, &found.mentions);
  }
  return found;
}

TEST(MentionFinder, FindsCountriesByNameDemonymAndCapital) {
  const Found f = FindAll("The Russian-led force helped Kazakh police while Yerevan and the Kremlin argued over Georgia.");
  struct Case {
    std::string span;
    std::string code;
    CountryForm form;
  };
  for (const Case& c : {Case{"Russian", "RUS", CountryForm::kDemonym}, Case{"Kazakh", "KAZ", CountryForm::kDemonym},
                        Case{"Yerevan", "ARM", CountryForm::kCapital}, Case{"Kremlin", "RUS", CountryForm::kCapital},
                        Case{"Georgia", "GEO", CountryForm::kName}}) {
    const Mention* m = f.Get(MentionKind::kCountry, c.span);
    ASSERT_NE(m, nullptr) << c.span;
    EXPECT_EQ(m->code, c.code);
    EXPECT_EQ(m->country_form, c.form);
  }
}

TEST(MentionFinder, FindsPlacesInsideACountry) {
  const Found f = FindAll("Troops landed in Almaty after clashes in Osh and Jalal-Abad.");
  for (const auto& [span, code] : {std::pair<std::string, std::string>{"Almaty", "KAZ"}, {"Osh", "KGZ"},
                                   {"Jalal-Abad", "KGZ"}}) {
    const Mention* m = f.Get(MentionKind::kCountry, span);
    ASSERT_NE(m, nullptr) << span;
    EXPECT_EQ(m->code, code);
    EXPECT_EQ(m->country_form, CountryForm::kPlace);
  }
}

TEST(MentionFinder, LongestMatchWins) {
  const Found f = FindAll("The Tashkent Pact met in Tashkent, and the Collective Security Treaty Organization agreed.");
  const Mention* pact = f.Get(MentionKind::kOrganization, "Tashkent Pact");
  ASSERT_NE(pact, nullptr);
  EXPECT_EQ(pact->code, "CSTO");
  ASSERT_NE(f.Get(MentionKind::kCountry, "Tashkent"), nullptr);
  EXPECT_NE(f.Get(MentionKind::kOrganization, "Collective Security Treaty Organization"), nullptr);
  EXPECT_EQ(f.Get(MentionKind::kOrganization, "Collective Security Treaty"), nullptr);
}

TEST(MentionFinder, MapsLineageButKeepsLiteralCode) {
  const Found f = FindAll("Nine states signed the Collective Security Treaty (CST) in 1992.");
  const Mention* cst = f.Get(MentionKind::kOrganization, "CST");
  ASSERT_NE(cst, nullptr);
  EXPECT_EQ(cst->code, "CSTO");
  EXPECT_EQ(cst->literal_code, "CST");
}

TEST(MentionFinder, AcronymsNeedUpperCaseAndNamesNeedCapitals) {
  const Found f = FindAll("The un-named cst officials said that turkey and us were fine, and Georgia agreed.");
  EXPECT_EQ(f.Count(MentionKind::kOrganization), 0);
  EXPECT_EQ(f.Count(MentionKind::kCountry), 1);
}

TEST(MentionFinder, LearnsAcronymsDefinedInParentheses) {
  testing::TempLexiconDir dir;
  dir.Write("organizations.textproto",
            "organizations { code: \"NDP\" names: \"Northern Defence Pact\" }\n"
            "organizations { code: \"CSTO\" names: \"Collective Security Treaty Organization\" }");
  auto lexicon = Lexicon::Load(dir.path());
  ASSERT_TRUE(lexicon.ok()) << lexicon.status();
  const Found f = FindAll("The Northern Defence Pact (NDP) met. Later the NDP sent troops.", **lexicon);
  const Mention* later = nullptr;
  for (const Mention& m : f.mentions) {
    if (m.kind == MentionKind::kOrganization && f.Span(m) == "NDP" && m.sentence == 1) later = &m;
  }
  ASSERT_NE(later, nullptr);
  EXPECT_EQ(later->code, "NDP");
}

TEST(MentionFinder, FindsPeopleAfterRolesWithCountry) {
  const Found f = FindAll(
      "Belarusian President Alexander Lukashenko did not appeal. Acting President Roza Otunbayeva called for help. "
      "President Kassym-Jomart Tokayev asked. The then President of Russia, Dmitry Medvedev, refused. "
      "Prime Minister Ivan Petrovsky-Noname resigned. Armenia’s Prime Minister Vardan Testyan asked.");
  struct Case {
    std::string span;
    std::string name;
    std::string role;
    std::string country;
  };
  for (const Case& c :
       {Case{"Alexander Lukashenko", "Alexander Lukashenko", "president", "BLR"},
        Case{"Roza Otunbayeva", "Roza Otunbayeva", "acting president", "KGZ"},
        Case{"Kassym-Jomart Tokayev", "Kassym-Jomart Tokayev", "president", "KAZ"},
        Case{"Dmitry Medvedev", "Dmitry Medvedev", "president", "RUS"},
        Case{"Ivan Petrovsky-Noname", "Ivan Petrovsky-Noname", "prime minister", ""},
        Case{"Vardan Testyan", "Vardan Testyan", "prime minister", "ARM"}}) {
    const Mention* m = f.Get(MentionKind::kPerson, c.span);
    ASSERT_NE(m, nullptr) << c.span;
    EXPECT_EQ(m->code, c.name);
    EXPECT_EQ(m->role, c.role);
    EXPECT_EQ(m->person_country, c.country) << c.span;
  }
  EXPECT_NE(f.Get(MentionKind::kCountry, "Belarusian"), nullptr);
  EXPECT_NE(f.Get(MentionKind::kCountry, "Russia"), nullptr);
}

TEST(MentionFinder, FindsPeopleAfterRoleOfOrganization) {
  const Found f = FindAll("The Secretary-General of the CSTO Jan Novak-Example spoke.");
  const Mention* m = f.Get(MentionKind::kPerson, "Jan Novak-Example");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->role, "secretary-general");
  EXPECT_TRUE(m->person_country.empty());
  EXPECT_NE(f.Get(MentionKind::kOrganization, "CSTO"), nullptr);
}

TEST(MentionFinder, FindsPeopleBySurnameAlias) {
  const Found f = FindAll("Later, Tokayev thanked Putin.");
  const Mention* m = f.Get(MentionKind::kPerson, "Tokayev");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->code, "Kassym-Jomart Tokayev");
  EXPECT_EQ(m->person_country, "KAZ");
  EXPECT_TRUE(m->role.empty());
}

TEST(MentionFinder, RoleWithoutNameIsNoPerson) {
  const Found f = FindAll("In 2020, the chair was Russia; the president said nothing.");
  EXPECT_EQ(f.Count(MentionKind::kPerson), 0);
  EXPECT_NE(f.Get(MentionKind::kCountry, "Russia"), nullptr);
}

TEST(MentionFinder, FindsNumbersButNotYears) {
  const Found f = FindAll("In 2022, about 3,000 paratroopers and 2,500 CSTO troops arrived.");
  const Mention* about = f.Get(MentionKind::kNumber, "about 3,000");
  ASSERT_NE(about, nullptr);
  EXPECT_EQ(about->number, 3000);
  EXPECT_TRUE(about->approximate);
  ASSERT_NE(f.Get(MentionKind::kNumber, "2,500"), nullptr);
  EXPECT_EQ(f.Get(MentionKind::kNumber, "2022"), nullptr);
  EXPECT_NE(f.Get(MentionKind::kDate, "2022"), nullptr);
}

TEST(MentionFinder, AnchorsOffsetsOnThePreviousDate) {
  const Found f = FindAll("The intervention began on January 5, 2022. The force left a week later.");
  const Mention* later = f.Get(MentionKind::kDate, "a week later");
  ASSERT_NE(later, nullptr);
  EXPECT_EQ(FormatDate(later->date), "2022-01-12");
  EXPECT_EQ(later->date.as_written(), "a week later");
  EXPECT_TRUE(later->relative);
}

TEST(MentionFinder, ResolvesRelativeDatesAgainstPublished) {
  const Found f = FindAll("The Karabakh war last fall was ignored.", testing::RepositoryLexicon(), "2021-07-09");
  const Mention* fall = f.Get(MentionKind::kDate, "last fall");
  ASSERT_NE(fall, nullptr);
  EXPECT_EQ(FormatDate(fall->date), "2020");
  EXPECT_TRUE(fall->relative);
}

TEST(MentionFinder, CarriesTheDateRuleAndRangeRole) {
  const Found f = FindAll("Uzbekistan was a member from 2006 to 2012 and left on Thursday.", testing::RepositoryLexicon(),
                          "2012-06-29");
  const Mention* start = f.Get(MentionKind::kDate, "2006");
  const Mention* end = f.Get(MentionKind::kDate, "2012");
  const Mention* thursday = f.Get(MentionKind::kDate, "Thursday");
  ASSERT_NE(start, nullptr);
  ASSERT_NE(end, nullptr);
  ASSERT_NE(thursday, nullptr);
  EXPECT_EQ(start->date_role, DateRole::kRangeStart);
  EXPECT_EQ(end->date_role, DateRole::kRangeEnd);
  EXPECT_EQ(start->date_rule, DateRule::kAbsolute);
  EXPECT_EQ(thursday->date_role, DateRole::kPoint);
  EXPECT_EQ(thursday->date_rule, DateRule::kWeekday);
  EXPECT_EQ(FormatDate(thursday->date), "2012-06-28");
}

TEST(MentionFinder, AnchorsAcrossSentences) {
  struct Case {
    std::string text;
    std::string published;
    std::string span;
    std::string date;
    DateRule rule;
  };
  for (const Case& c : {
           // A day or month without a year takes the narrative's year.
           Case{"The deployment took place in January 2022. Tokayev had asked for help on 5 January.", "2023-06-30",
                "5 January", "2022-01-05", DateRule::kYearFromAnchor},
           Case{"It signed on 2 April 1999. Three weeks later, on 24 April, it joined GUAM.", "2017-03-01", "24 April",
                "1999-04-24", DateRule::kYearFromAnchor},
           // A date earlier in the year rolls into the next one, unless a
           // pluperfect looks back.
           Case{"They left on 19 January 2022. They came back on 6 January.", "", "6 January", "2023-01-06",
                DateRule::kYearFromAnchor},
           Case{"They left on 19 January 2022. They had arrived on 6 January.", "", "6 January", "2022-01-06",
                DateRule::kYearFromAnchor},
           // A day-precise phrase needs a day to anchor on, else publication.
           Case{"Tokayev appealed on 5 January 2022. Earlier in the day he dismissed the government.", "2022-01-06",
                "Earlier in the day", "2022-01-05", DateRule::kOffsetFromAnchor},
           Case{"Kyrgyzstan asked in 2010. Earlier in the day he dismissed the government.", "2022-01-06",
                "Earlier in the day", "2022-01-06", DateRule::kRelativeToPublication},
           Case{"Georgia joined in 1993. The following year it signed.", "", "The following year", "1994",
                DateRule::kOffsetFromAnchor},
           // "N after <clause>" counts back from the narrative's time.
           Case{"The treaty turned 30 on Sunday. Three decades after leaders signed it, the alliance sent soldiers.",
                "2022-05-16", "Three decades after", "1992", DateRule::kOffsetOfClause},
       }) {
    const Found f = FindAll(c.text, testing::RepositoryLexicon(), c.published);
    const Mention* m = f.Get(MentionKind::kDate, c.span);
    ASSERT_NE(m, nullptr) << c.text;
    EXPECT_EQ(FormatDate(m->date), c.date) << c.text;
    EXPECT_EQ(m->date_rule, c.rule) << c.text;
    EXPECT_EQ(m->date.as_written(), c.span);
  }
}

TEST(MentionFinder, UsesAnInventedCountryLexicon) {
  testing::TempLexiconDir dir;
  dir.Write("countries.textproto",
            "countries { code: \"ZZA\" names: \"Zembla\" demonyms: \"Zemblan\" capitals: \"Onhava\" }");
  dir.Remove("people.textproto");
  auto lexicon = Lexicon::Load(dir.path());
  ASSERT_TRUE(lexicon.ok()) << lexicon.status();
  const Found f = FindAll("Zemblan troops left Onhava for Russia.", **lexicon);
  ASSERT_NE(f.Get(MentionKind::kCountry, "Zemblan"), nullptr);
  ASSERT_NE(f.Get(MentionKind::kCountry, "Onhava"), nullptr);
  EXPECT_EQ(f.Get(MentionKind::kCountry, "Onhava")->code, "ZZA");
  EXPECT_EQ(f.Get(MentionKind::kCountry, "Russia"), nullptr);
}

}  // namespace
}  // namespace alliance::ingest
