// `alliancectl timeline` through the real binaries: ingest-service and
// query-service on loopback ports (tests/e2e/local_cluster.h), the bundled
// corpus ingested with alliancectl, then the picture drawn as SVG and HTML,
// checked for its country rows, compared with the README's picture
// (docs/timeline.svg), and rendered in headless Chromium.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/cli/png_pixels.h"
#include "tests/cli/run_alliancectl.h"
#include "tests/e2e/local_cluster.h"
#include "tests/testing/subprocess.h"

namespace alliance::cli {
namespace {

using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr int kCorpusDocuments = 5;

// The countries the bundled corpus speaks of, one row each.
const std::vector<std::string>& CorpusCountries() {
  static const auto* countries = new std::vector<std::string>{"AFG", "ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "SRB", "TJK", "UZB"};
  return *countries;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> RowCountries(const std::string& svg) {
  static const std::regex kRow(R"re(<g class="row" id="row-([A-Z]{3})">)re");
  std::vector<std::string> countries;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), kRow); it != std::sregex_iterator(); ++it) {
    countries.push_back((*it)[1]);
  }
  return countries;
}

std::string RowOf(const std::string& svg, const std::string& country) {
  const size_t begin = svg.find(absl::StrCat("id=\"row-", country, "\""));
  if (begin == std::string::npos) return "";
  return svg.substr(begin, svg.find("\n</g>\n", begin) - begin);
}

// Returns the path of the chromium binary, or "" when none is installed.
std::string FindChromium() {
  const char* path = std::getenv("PATH");
  for (const absl::string_view dir : absl::StrSplit(path != nullptr ? path : "/usr/bin", ':')) {
    for (const char* name : {"chromium", "chromium-browser"}) {
      const std::string candidate = absl::StrCat(dir, "/", name);
      if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    }
  }
  return "";
}

// Starts both services once, ingests the corpus and draws the picture as SVG
// and as HTML.
class TimelineEndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    cluster_ = new testing::LocalCluster();
    ASSERT_TRUE(cluster_->StartIngest().ok());
    ASSERT_TRUE(cluster_->StartQuery().ok());
    const AlliancectlResult ingest = Ctl({"ingest", testing::SourcePath("data/corpus")});
    ASSERT_EQ(ingest.exit_code, 0) << ingest.output;
    ASSERT_TRUE(cluster_->WaitForApplied(kCorpusDocuments).ok());
    svg_path_ = new std::string(absl::StrCat(cluster_->root(), "/timeline.svg"));
    html_path_ = new std::string(absl::StrCat(cluster_->root(), "/timeline.html"));
    const AlliancectlResult svg = Ctl({"timeline", absl::StrCat("--output=", *svg_path_)});
    ASSERT_EQ(svg.exit_code, 0) << svg.output;
    const AlliancectlResult html = Ctl({"timeline", "--html", absl::StrCat("--output=", *html_path_)});
    ASSERT_EQ(html.exit_code, 0) << html.output;
  }

  static void TearDownTestSuite() {
    if (cluster_ != nullptr) {
      cluster_->StopQuery().IgnoreError();
      cluster_->StopIngest().IgnoreError();
    }
    delete cluster_;
    cluster_ = nullptr;
  }

  void SetUp() override {
    if (svg_path_ == nullptr || html_path_ == nullptr) GTEST_SKIP() << "the suite's set-up failed";
  }

  static AlliancectlResult Ctl(const std::vector<std::string>& args) {
    return RunAlliancectl(args,
                          {{"ALLIANCE_INGEST", cluster_->ingest_address()},
                           {"ALLIANCE_QUERY", cluster_->query_address()}},
                          absl::Seconds(90));
  }

  static testing::LocalCluster* cluster_;
  static std::string* svg_path_;
  static std::string* html_path_;
};

testing::LocalCluster* TimelineEndToEnd::cluster_ = nullptr;
std::string* TimelineEndToEnd::svg_path_ = nullptr;
std::string* TimelineEndToEnd::html_path_ = nullptr;

TEST_F(TimelineEndToEnd, DrawsARowForEachCountryOfTheCorpus) {
  const std::string svg = ReadFile(*svg_path_);
  ASSERT_THAT(svg, StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg"));
  EXPECT_THAT(RowCountries(svg), ElementsAreArray(CorpusCountries()));
  EXPECT_THAT(svg, HasSubstr("CSTO membership timeline"));
  // What the README's example session says of the corpus, drawn.
  EXPECT_THAT(RowOf(svg, "UZB"), HasSubstr("class=\"bar member\""));
  EXPECT_THAT(RowOf(svg, "UZB"), HasSubstr("class=\"mark withdrawal\""));
  EXPECT_THAT(RowOf(svg, "UZB"), HasSubstr("UZB MEMBER from 2006 to 2012"));
  EXPECT_THAT(RowOf(svg, "KAZ"), HasSubstr("class=\"marker intervention granted\""));
  EXPECT_THAT(RowOf(svg, "KAZ"), HasSubstr("KAZ intervention 2022-01-05 to 2022-01-12"));
  EXPECT_THAT(RowOf(svg, "KGZ"), HasSubstr("class=\"marker request denied\""));
  // Hover text quotes the article and names it.
  EXPECT_THAT(RowOf(svg, "KAZ"), HasSubstr("However, the CSTO\xE2\x80\x99s intervention in Kazakhstan on January 5, 2022"));
  const std::string html = ReadFile(*html_path_);
  EXPECT_THAT(html, StartsWith("<!DOCTYPE html>"));
  EXPECT_THAT(RowCountries(html), ElementsAreArray(CorpusCountries()));
}

TEST_F(TimelineEndToEnd, WritesTheSameBytesEachTimeAndToStandardOutput) {
  const AlliancectlResult again = Ctl({"timeline"});
  ASSERT_EQ(again.exit_code, 0);
  EXPECT_EQ(again.output, ReadFile(*svg_path_));
}

TEST_F(TimelineEndToEnd, IsThePictureInTheReadme) {
  EXPECT_EQ(ReadFile(*svg_path_), ReadFile(testing::SourcePath("docs/timeline.svg")))
      << "docs/timeline.svg is no longer what `alliancectl timeline` draws of data/corpus; after "
         "scripts/demo.sh, run: build/cli/alliancectl timeline --output=docs/timeline.svg";
}

TEST_F(TimelineEndToEnd, AnOrganizationWithoutFactsGivesAnEmptyPicture) {
  const AlliancectlResult sco = Ctl({"timeline", "--organization=SCO"});
  ASSERT_EQ(sco.exit_code, 0) << sco.output;
  EXPECT_THAT(sco.output, HasSubstr("SCO membership timeline"));
  EXPECT_THAT(sco.output, HasSubstr("No membership periods, requests or interventions."));
  EXPECT_TRUE(RowCountries(sco.output).empty());
}

// Renders `path` in headless Chromium at 1200x800 and decodes the screenshot.
absl::StatusOr<testing::PngPixels> Screenshot(const std::string& chromium, const std::string& path,
                                              const std::string& dir) {
  const std::string png = absl::StrCat(dir, "/shot.png");
  testing::Subprocess browser;
  const absl::Status started = browser.Start(
      {chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
       absl::StrCat("--user-data-dir=", dir, "/profile"), absl::StrCat("--screenshot=", png),
       "--window-size=1200,800", absl::StrCat("file://", path)},
      {{"HOME", dir}}, absl::StrCat(dir, "/chromium.log"));
  if (!started.ok()) return started;
  const absl::StatusOr<int> status = browser.Wait(absl::Seconds(120));
  if (!status.ok()) return status.status();
  if (!WIFEXITED(*status) || WEXITSTATUS(*status) != 0) {
    return absl::InternalError(absl::StrCat("chromium failed: ", ReadFile(absl::StrCat(dir, "/chromium.log"))));
  }
  const std::string bytes = ReadFile(png);
  if (bytes.empty()) return absl::InternalError("chromium wrote no screenshot");
  return testing::DecodePng(bytes);
}

TEST_F(TimelineEndToEnd, RendersInHeadlessChromium) {
  const std::string chromium = FindChromium();
  if (chromium.empty()) {
    GTEST_SKIP() << "chromium is not installed (scripts/install-deps.sh installs Debian's chromium); "
                    "the picture was not rendered";
  }
  for (const std::string* path : {html_path_, svg_path_}) {
    SCOPED_TRACE(*path);
    const std::string dir = testing::MakeTempDir("timeline-chromium");
    const absl::StatusOr<testing::PngPixels> shot = Screenshot(chromium, *path, dir);
    ASSERT_TRUE(shot.ok()) << shot.status();
    EXPECT_EQ(shot->width, 1200);
    EXPECT_EQ(shot->height, 800);
    std::map<uint32_t, int> colors;
    for (const uint32_t pixel : shot->rgba) ++colors[pixel];
    EXPECT_GT(colors.size(), 10u) << "the screenshot is (nearly) one colour";
    // The bars and markers were drawn in their colours: member bars, the
    // intervention and the denied request.
    EXPECT_GT(shot->CountNear(0x3b6fb6, 6), 2000) << "member bars";
    EXPECT_GT(shot->CountNear(0x5b3f9e, 6), 20) << "the intervention marker";
    EXPECT_GT(shot->CountNear(0xc53030, 6), 20) << "denied request markers";
  }
}

}  // namespace
}  // namespace alliance::cli
