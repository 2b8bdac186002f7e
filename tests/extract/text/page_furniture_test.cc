#include "ingest-service/extract/page_furniture.h"

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "ingest-service/extract/annotate.h"
#include "ingest-service/extract/sentence_splitter.h"
#include "test_lexicon.h"

namespace alliance::ingest {
namespace {

// (kind, line) of every furniture line of `text`.
using Found = std::vector<std::pair<std::string, std::string>>;

Found FindIn(const std::string& text, const Lexicon& lexicon = testing::RepositoryLexicon()) {
  const TokenizedText tokenized = Tokenize(text);
  Found out;
  for (const FurnitureLine& f : FindPageFurniture(text, tokenized, lexicon)) {
    out.emplace_back(FurnitureKindName(f.kind),
                     text.substr(static_cast<size_t>(f.begin), static_cast<size_t>(f.end - f.begin)));
  }
  return out;
}

// A text of one line that is (kind) furniture or, with kind "", is not.
struct Case {
  std::string name;
  std::string line;
  std::string kind;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class PageFurnitureLines : public ::testing::TestWithParam<Case> {};

// Each line alone, and between two paragraphs of an article, which must stay.
TEST_P(PageFurnitureLines, IsFurnitureOfItsKindOrNot) {
  const Case& c = GetParam();
  const Found expected = c.kind.empty() ? Found{} : Found{{c.kind, c.line}};
  EXPECT_EQ(FindIn(c.line), expected);
  const std::string text = "The bloc met in Moscow on Monday.\n" + c.line + "\n\nIts members agreed on a budget.";
  EXPECT_EQ(FindIn(text), expected);
}

INSTANTIATE_TEST_SUITE_P(
    PageFurniture, PageFurnitureLines,
    ::testing::Values(
        // Site menus, breadcrumbs and footers: short segments between separators.
        Case{"Menu", "Home | World | Politics | Business | Opinion | Video", "link-bar"},
        Case{"MenuOfAccountLinks", "Menu | Search | Sign in", "link-bar"},
        Case{"BreadcrumbWithAngleQuotes", "World › Europe › South Caucasus", "link-bar"},
        Case{"BreadcrumbWithGreaterThan", "Home > News > Asia", "link-bar"},
        Case{"BreadcrumbWithSlashes", "News / World / Central Asia", "link-bar"},
        Case{"BreadcrumbWithGuillemets", "Start » Regions » Caucasus", "link-bar"},
        Case{"FooterLinks", "About us | Contact | Terms of use | Privacy policy | Careers", "link-bar"},
        // Share bars.
        Case{"ShareBar", "Share on Facebook | Share on X | Email", "link-bar"},
        Case{"ShareBarWithDots", "Share: Facebook · X · LinkedIn · Copy link", "link-bar"},
        Case{"ShareAndPrint", "Share | Tweet | Print", "link-bar"},
        Case{"ShareThisArticle", "Share this article", "cue-line"},
        Case{"FollowUs", "Follow us on social media", "cue-line"},
        // Cookie banners and settings.
        Case{"CookieNoticeSentence", "We use cookies to improve your experience on our website.", "consent"},
        Case{"CookieNoticeWithOk", "This site uses cookies. OK", "consent"},
        Case{"CookieSettings", "Cookie settings", "cue-line"},
        Case{"ConsentButtons", "[Accept all] [Reject non-essential] [Manage settings]", "buttons"},
        Case{"PrivacyPolicy", "Privacy policy", "cue-line"},
        // Newsletter sign-ups.
        Case{"SignUpLine", "Sign up for our weekly newsletter", "cue-line"},
        Case{"SubscribeLine", "Subscribe to read the full story", "cue-line"},
        Case{"NewsletterWithButton", "Newsletter: Get the morning briefing in your inbox. [Sign up]", "cue-line"},
        Case{"PromptWithButton", "Get the morning briefing in your inbox. [Subscribe now]", "buttons"},
        // Teasers on one line.
        Case{"RelatedWithColon", "Related: Five things to know about the summit", "cue-line"},
        Case{"RelatedFullSentence", "Related: A neighbour asked the bloc for help in 2010 and was refused.", "cue-line"},
        Case{"RelatedTeasersInline", "Related articles: A new member joins | Should the pact survive?", "cue-line"},
        Case{"AlsoLikeInline", "You might also like: 'Could the bloc expand?' - 'Five facts about treaties'",
             "cue-line"},
        Case{"ReadMore", "Read more: How the pact was born", "cue-line"},
        // Tags.
        Case{"Tags", "Tags: security, alliances, Central Asia", "cue-line"},
        Case{"Topics", "Topics: Defence | Diplomacy", "cue-line"},
        // Bylines.
        Case{"Byline", "By Jane Roe", "byline"},
        Case{"BylineWithOutlet", "By Jane Roe and John Doe, Example News", "byline"},
        Case{"BylineWithDate", "By Example staff | 23 February 2024, 10:14 GMT | Updated 13:02 GMT", "byline"},
        Case{"WireSignOff", "(Reporting by Jane Roe; Editing by John Doe)", "cue-line"},
        // Photo captions and credits.
        Case{"PhotoCaption", "Photo: Leaders at the summit in the capital, December 2012. (Credit: Example Images)",
             "cue-line"},
        Case{"PhotoCaptionSentence", "Photo: Soldiers guard the airport after the troops arrived.", "cue-line"},
        Case{"CaptionEndingInCredit", "Soldiers guard the airport after the troops arrived. Photo: Example Agency",
             "credit"},
        Case{"CaptionEndingInBracketedCredit", "Leaders at the summit in the capital (Photo by Jane Roe/Agency)",
             "credit"},
        Case{"Credit", "Credit: Example Images", "cue-line"},
        // Copyright lines.
        Case{"CopyrightSign", "© 2024 Example Daily News Ltd. All rights reserved.", "cue-line"},
        Case{"CopyrightLetter", "(c) 2022 Example News. All rights reserved.", "cue-line"},
        Case{"CopyrightWord", "Copyright 2021 Example Media Group", "cue-line"},
        Case{"RightsReserved", "All rights reserved.", "cue-line"},
        Case{"CopyrightFooterBar", "© 2024 Example Ltd. All rights reserved. | About us | Contact | Terms of use",
             "link-bar"},
        // Advertisement and comments.
        Case{"Advertisement", "Advertisement", "cue-line"},
        Case{"AdvertisementInCapitals", "ADVERTISEMENT", "cue-line"},
        Case{"Sponsored", "Sponsored content", "cue-line"},
        Case{"CommentCount", "Comments (12)", "cue-line"},
        Case{"SkipLink", "Skip to main content", "cue-line"},
        Case{"ListenWidget", "Listen to this article · 4 min", "cue-line"},
        // Live-blog widgets and timestamps.
        Case{"Breaking", "BREAKING", "live-label"},
        Case{"Live", "LIVE", "live-label"},
        Case{"LiveWithTopic", "LIVE: Kazakhstan latest", "live-label"},
        Case{"LiveUpdates", "Live updates", "live-label"},
        Case{"ClockTime", "10:14 GMT", "timestamp"},
        Case{"UpdatedTime", "Updated 13:02 GMT", "timestamp"},
        Case{"DateAndTime", "Thursday 6 January 2022, 14:05 GMT", "timestamp"},
        Case{"HoursAgo", "2 hours ago", "timestamp"},
        Case{"ReadingTime", "4 min read", "timestamp"},

        // Not furniture: article sentences, even short ones or ones that start
        // with a cue word.
        Case{"ShortSentence", "Armenia froze its participation.", ""},
        Case{"SentenceStartingWithShare", "Share prices fell after the summit in Moscow.", ""},
        Case{"SentenceStartingWithRelated", "Related talks ended without any agreement.", ""},
        Case{"SentenceStartingWithTerms", "Terms of the treaty were extended in 1999.", ""},
        Case{"SentenceStartingWithLive", "Live fire exercises began on Monday near the border.", ""},
        Case{"SentenceStartingWithVideo", "Video footage showed troops at the airport.", ""},
        Case{"SentenceStartingWithMostRead", "Most read the decision as a snub to Moscow.", ""},
        Case{"SentenceStartingWithBy", "By 2012, Uzbekistan had left the bloc again.", ""},
        Case{"SentenceStartingWithByMonth", "By January the bloc had seven members.", ""},
        Case{"LiveBlogEntry", "14:05  The parliament has approved sending 150 soldiers.", ""},
        Case{"LiveBlogEntryWithoutPeriod", "12:30  Belarus says a company of paratroopers is on its way", ""},
        Case{"BulletedFact", "• 16 August 2006 — The country comes back into the fold.", ""},
        Case{"DateLine", "Thursday 6 January", ""},
        Case{"YearLine", "2012", ""},
        Case{"DatedHeader", "25 March 2022 | Jane Roe | Example News", ""},
        Case{"UndatedHeader", "No Date | John P. Ruehl | Indepth News", ""},
        Case{"TitleWithOneSeparator", "Opinion | The empty chair tells us more about the pact than any communique",
             ""},
        Case{"PlaceAndDate", "Almaty / Vienna, 15 February 2022", ""},
        Case{"InfoboxLine", "Member states: Armenia (since 1992), Belarus (since 1993), Russia (since 1992).", ""},
        Case{"QuestionHeadlineAlone", "Should Armenia quit the pact?", ""},
        Case{"SlashesInsideWords", "The Armenia/Azerbaijan border and the Kyrgyz/Tajik border / both tense", ""},
        Case{"FootnoteMarker", "Uzbekistan left the bloc in 2012. [1]", ""},
        Case{"GluedFootnote", "Uzbekistan left the bloc in 2012.[Note 1]", ""},
        Case{"EditorialBracket", "He said they [the allies] had failed.", ""},
        Case{"LowerCaseBracketAtEnd", "It left in 2012. [citation needed]", ""},
        Case{"LowerCaseCue", "share of the budget went to the force", ""},
        Case{"BreakingHeadline", "BREAKING: Troops leave the capital after a week of unrest", ""},
        Case{"LiveBlogTitle", "LIVE  Unrest in the country: the president asks the bloc for help; first troops land",
             ""},
        Case{"CaptionWordInsideSentence", "The minister said the photo was taken in 2012 by a soldier.", ""},
        Case{"CookiesInTheNews", "In 2013 a diplomat handed out cookies to protesters in the capital.", ""},
        Case{"CookiesInAnOpinion", "We all remember the cookies handed out on the square.", ""}),
    [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(PageFurniture, TeaserListAfterAHeadingUpToTheNextParagraph) {
  const std::string text =
      "The treaty was extended in 1999.\n"
      "\n"
      "Related articles\n"
      "• A new member joins the northern alliance (4 April 2023)\n"
      "• Opinion: Should the country quit the pact?\n"
      "Monitors extend their mission on the border\n"
      "\n"
      "Most read\n"
      "1. Markets slip as oil prices climb\n"
      "2. Who will win the title?\n"
      "\n"
      "3. Ten things to do over the holidays.\n"
      "The bloc has six members.\n"
      "Short line after the paragraph\n";
  const Found expected = {
      {"list-heading", "Related articles"},
      {"list-item", "• A new member joins the northern alliance (4 April 2023)"},
      {"list-item", "• Opinion: Should the country quit the pact?"},
      {"list-item", "Monitors extend their mission on the border"},
      {"list-heading", "Most read"},
      {"list-item", "1. Markets slip as oil prices climb"},
      {"list-item", "2. Who will win the title?"},
      {"list-item", "3. Ten things to do over the holidays."},
  };
  EXPECT_EQ(FindIn(text), expected);
}

TEST(PageFurniture, HeadingStartsAListOnlyAlone) {
  // With a colon and items the heading line is furniture itself; the lines
  // after it are judged on their own.
  EXPECT_EQ(FindIn("You might also like: two stories\nA headline without a period\n"),
            (Found{{"cue-line", "You might also like: two stories"}}));
  // A heading with a couple of words after it still heads a list.
  EXPECT_EQ(FindIn("More from Example Daily\nMarkets slip as oil prices climb\n"),
            (Found{{"list-heading", "More from Example Daily"}, {"list-item", "Markets slip as oil prices climb"}}));
  // Unmarked items must follow the heading directly: after a blank line a
  // short line is a headline, not an item.
  EXPECT_EQ(FindIn("Most read\n\nThe country leaves the pact\n"), (Found{{"list-heading", "Most read"}}));
  EXPECT_EQ(FindIn("Most read\n\n1. The country leaves the pact\n"),
            (Found{{"list-heading", "Most read"}, {"list-item", "1. The country leaves the pact"}}));
}

TEST(PageFurniture, CueThatMayContinueWrappedProseIsNotFurniture) {
  // A paragraph wrapped at a fixed width: a line that stops mid-sentence goes
  // on in the next, even when that one starts with a cue word.
  const std::string text =
      "The summit in Moscow ended without a statement on the border, and the\n"
      "Terms of the old treaty\n";
  EXPECT_EQ(FindIn(text), Found{});
  // After a finished sentence the same line is a cue line.
  EXPECT_EQ(FindIn("The summit in Moscow ended without a statement on the border.\nTerms of use\n"),
            (Found{{"cue-line", "Terms of use"}}));
}

TEST(PageFurniture, OffsetsAreThoseOfTheLineInTheText) {
  const std::string text = "  Home | World | Asia  \r\nThe bloc met.\n\tAdvertisement\n";
  const TokenizedText tokenized = Tokenize(text);
  const std::vector<FurnitureLine> found = FindPageFurniture(text, tokenized, testing::RepositoryLexicon());
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].begin, 2);
  EXPECT_EQ(text.substr(static_cast<size_t>(found[0].begin), static_cast<size_t>(found[0].end - found[0].begin)),
            "Home | World | Asia");
  EXPECT_EQ(found[0].first_token, 0);
  EXPECT_EQ(found[0].end_token, 5);
  EXPECT_EQ(text.substr(static_cast<size_t>(found[1].begin), static_cast<size_t>(found[1].end - found[1].begin)),
            "Advertisement");
  EXPECT_EQ(found[1].end_token, static_cast<int32_t>(tokenized.tokens.size()));
}

TEST(PageFurniture, EmptyAndPlainTextsHaveNone) {
  EXPECT_EQ(FindIn(""), Found{});
  EXPECT_EQ(FindIn("\n\n"), Found{});
  EXPECT_EQ(FindIn("The bloc met. It agreed.\nIt left."), Found{});
}

TEST(PageFurniture, CuesComeFromTheLexicon) {
  testing::TempLexiconDir dir;
  dir.Write("furniture.textproto",
            "furniture { line_cues: \"Partager\" list_headings: \"A lire aussi\" link_separators: \"~\" }");
  auto lexicon = Lexicon::Load(dir.path());
  ASSERT_TRUE(lexicon.ok()) << lexicon.status();
  EXPECT_EQ(FindIn("Partager: Facebook\nA lire aussi\n1. Un titre\n\nAccueil ~ Monde ~ Asie\nShare: Facebook\n",
                   **lexicon),
            (Found{{"cue-line", "Partager: Facebook"},
                   {"list-heading", "A lire aussi"},
                   {"list-item", "1. Un titre"},
                   {"link-bar", "Accueil ~ Monde ~ Asie"}}));
  // Without the file there is no furniture.
  dir.Remove("furniture.textproto");
  auto bare = Lexicon::Load(dir.path());
  ASSERT_TRUE(bare.ok()) << bare.status();
  EXPECT_EQ(FindIn("Share: Facebook | X | Email\nAdvertisement\n", **bare), Found{});
}

TEST(PageFurniture, LexiconRefusesMarksThatAreNotPunctuation) {
  testing::TempLexiconDir dir;
  dir.Write("furniture.textproto", "furniture { link_separators: \"or\" }");
  auto lexicon = Lexicon::Load(dir.path());
  ASSERT_FALSE(lexicon.ok());
  EXPECT_EQ(lexicon.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(lexicon.status().message().find("furniture.textproto"), std::string::npos);
  dir.Write("furniture.textproto", "furniture { consent_words: \"cookie banner\" }");
  EXPECT_FALSE(Lexicon::Load(dir.path()).ok());
}

TEST(PageFurnitureSplitting, NoSentenceIsMadeOfFurniture) {
  const std::string text = "The bloc met.\nShare | Tweet | Print\nshe left.\nAdvertisement";
  const TokenizedText tokenized = Tokenize(text);
  const Lexicon& lexicon = testing::RepositoryLexicon();
  const std::vector<FurnitureLine> furniture = FindPageFurniture(text, tokenized, lexicon);
  ASSERT_EQ(furniture.size(), 2u);
  std::vector<std::string> sentences;
  int index = 0;
  for (const Sentence& s : SplitSentences(text, tokenized, lexicon, furniture)) {
    EXPECT_EQ(s.index, index++);
    sentences.push_back(text.substr(static_cast<size_t>(s.begin), static_cast<size_t>(s.end - s.begin)));
  }
  // The lower-case line after the share bar starts a sentence of its own
  // rather than joining the furniture.
  EXPECT_EQ(sentences, (std::vector<std::string>{"The bloc met.", "she left."}));
  // Without furniture every token is in a sentence (the share bar and the
  // lower-case line make one).
  EXPECT_EQ(SplitSentences(text, tokenized, lexicon).size(), 3u);
}

// A news page wrapped in site furniture keeps exactly its article sentences,
// at their byte offsets in the normalized text.
TEST(PageFurnitureAnnotate, WrappedArticleKeepsItsSentencesWithExactOffsets) {
  const std::vector<std::string> article = {
      "Armenia has frozen its participation in the Collective Security Treaty Organization, Prime Minister "
      "Nikol Pashinyan said on Thursday.",
      "He said the treaty had not worked for Armenia.",
      "Uzbekistan left the CSTO in 2012.",
      "Kazakhstan asked the bloc for help in January 2022.",
  };
  const std::string text =
      "Skip to main content\n"
      "Home | World | Politics | Opinion | Subscribe\n"
      "We use cookies to improve your experience. [Accept all] [Manage settings]\n"
      "World › Europe › South Caucasus\n"
      "\n"
      "Armenia freezes its role in the pact\n"
      "By Jane Roe | 23 February 2024, 10:14 GMT\n"
      "Share: Facebook | X | Email\n"
      "Photo: Soldiers at a base in Armenia. (Credit: Example Images)\n"
      "\n" +
      article[0] + " " + article[1] +
      "\n\n"
      "Advertisement\n"
      "\n" +
      article[2] +
      "\n\n"
      "Related articles\n"
      "• Uzbekistan quits CSTO for second time\n"
      "• Should Armenia quit the CSTO?\n"
      "\n" +
      article[3] +
      "\n\n"
      "Most read\n"
      "1. Kyrgyzstan asks the CSTO for troops\n"
      "Tags: CSTO, Armenia, security\n"
      "Comments (12)\n"
      "© 2024 Example News. All rights reserved. | Privacy | Terms\n";
  v1::Document document;
  document.set_text(text);
  document.set_published("2024-02-23");
  auto doc = Annotate(document, testing::RepositoryLexicon());
  ASSERT_TRUE(doc.ok()) << doc.status();
  ASSERT_EQ(doc->text, text);  // nothing was removed

  std::vector<std::string> sentences;
  for (const Sentence& s : doc->sentences) {
    const std::string sentence = text.substr(static_cast<size_t>(s.begin), static_cast<size_t>(s.end - s.begin));
    sentences.push_back(sentence);
    EXPECT_EQ(static_cast<size_t>(s.begin), text.find(sentence)) << sentence;
  }
  std::vector<std::string> expected = {"Armenia freezes its role in the pact"};  // the title stays
  expected.insert(expected.end(), article.begin(), article.end());
  EXPECT_EQ(sentences, expected);
  EXPECT_EQ(doc->furniture.size(), 16u);

  // No mention comes from the furniture: Kyrgyzstan is named only in a teaser.
  for (const Mention& m : doc->mentions) EXPECT_NE(m.code, "KGZ");
  // Syndication fingerprints ignore the furniture too.
  EXPECT_EQ(doc->info.sentence_fingerprints_size(), 3);
}

// The title read from the header lines is never a line of furniture.
TEST(PageFurnitureAnnotate, MenusAndBylinesAreNoTitle) {
  v1::Document document;
  document.set_text(
      "Home | World | Politics | Opinion\n"
      "World › Europe › South Caucasus\n"
      "Armenia Freezes Its Role In The Pact\n"
      "By Jane Roe\n"
      "\n"
      "Armenia has frozen its participation in the bloc, its prime minister said.");
  auto doc = Annotate(document, testing::RepositoryLexicon());
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->info.title(), "Armenia Freezes Its Role In The Pact");
}

}  // namespace
}  // namespace alliance::ingest
