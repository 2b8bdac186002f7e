#include "query-service/consolidation/consolidator.h"

#include <algorithm>
#include <random>

#include "common/partial_date.h"
#include "gtest/gtest.h"
#include "tests/consolidation/record_builders.h"

namespace alliance::query {
namespace {

using testing::Approximate;
using testing::Bytes;
using testing::Cite;
using testing::Date;
using testing::Document;
using testing::Documents;
using testing::Intervention;
using testing::Membership;
using testing::Request;
using testing::Troops;

TEST(Consolidator, GroupKeysUseTheDefaultOrganizationForEmptyOnes) {
  EXPECT_EQ(GroupKeyOf(Membership(1, "a", "UZB", v1::MEMBERSHIP_ACTION_WITHDREW, "2012").record, "CSTO"),
            "membership/CSTO/UZB");
  EXPECT_EQ(GroupKeyOf(Membership(1, "a", "UZB", v1::MEMBERSHIP_ACTION_WITHDREW, "2012", "EAEU").record, "CSTO"),
            "membership/EAEU/UZB");
  EXPECT_EQ(GroupKeyOf(Intervention(1, "a", "KAZ", Date("2022")).record, "CSTO"), "aid/CSTO/KAZ");
  EXPECT_EQ(GroupKeyOf(Request(1, "a", "ARM", v1::ASSISTANCE_OUTCOME_DENIED, Date("2020")).record, "CSTO"),
            "aid/CSTO/ARM");
  EXPECT_EQ(GroupKeyOf(v1::Record(), "CSTO"), "");
}

// A scenario with every kind of record, syndicated copies and conflicts.
std::vector<SourcedRecord> MixedScenario(const std::string& org) {
  std::vector<SourcedRecord> records = {
      Membership(1, "a", "AZE", v1::MEMBERSHIP_ACTION_SIGNED, "1992", org),
      Membership(2, "b", "AZE", v1::MEMBERSHIP_ACTION_JOINED, "1993", org),
      Membership(3, "c", "AZE", v1::MEMBERSHIP_ACTION_JOINED, "1993", org),
      Membership(4, "b", "AZE", v1::MEMBERSHIP_ACTION_DECLINED_RENEWAL, "1999-04", org, v1::FACTUALITY_ASSERTED, 1),
      Membership(5, "a", "AZE", v1::MEMBERSHIP_ACTION_WITHDREW, "1999", org, v1::FACTUALITY_ASSERTED, 1),
      Membership(6, "a-copy", "AZE", v1::MEMBERSHIP_ACTION_WITHDREW, "1999", org, v1::FACTUALITY_ASSERTED, 1),
      Membership(7, "c", "AZE", v1::MEMBERSHIP_ACTION_PARTNER_PROPOSED, "2019", org, v1::FACTUALITY_PROPOSED, 2),
      Membership(8, "d", "AZE", v1::MEMBERSHIP_ACTION_RENEWED, "1999-03", org),
      Membership(9, "e", "AZE", v1::MEMBERSHIP_ACTION_RENEWED, "1999-04", org),
      Membership(10, "f", "AZE", v1::MEMBERSHIP_ACTION_RENEWED, "1999", org),
      Request(11, "a", "ARM", v1::ASSISTANCE_OUTCOME_DENIED, Date("2020"), org, 3),
      Request(12, "a-copy", "ARM", v1::ASSISTANCE_OUTCOME_DENIED, Date("2020"), org, 3),
      Request(13, "b", "ARM", v1::ASSISTANCE_OUTCOME_DENIED, Date("2020"), org, 3),
      Request(14, "d", "ARM", v1::ASSISTANCE_OUTCOME_NOT_REQUESTED, Approximate(2020, 10), org, 3),
      Request(15, "d", "ARM", v1::ASSISTANCE_OUTCOME_DENIED, Approximate(2021, 4), org, 4),
      Intervention(16, "a", "KAZ", Date("2022-01-05"), {Troops("", 2500, false, "a", 5)}, org, 5),
      Intervention(17, "a-copy", "KAZ", Date("2022-01-05"), {Troops("", 2500, false, "a-copy", 5)}, org, 5),
      Intervention(18, "e", "KAZ", Date("2022-01"), {Troops("RUS", 3000, true, "e", 5)}, org, 5),
      Intervention(19, "f", "KAZ", Date("2022-01-06"), {Troops("", 2000, true, "f", 5)}, org, 5),
  };
  return records;
}

DocumentMap MixedDocuments() {
  return Documents({Document("a", "2022-03-01", 4, "wire", 30), Document("a-copy", "2022-03-25", 8, "wire", 30),
                    Document("b", "2021-07-09"), Document("c", "2010-01-01"), Document("d", "2021-07-09"),
                    Document("e", "2022-01-20"), Document("f", "")});
}

TEST(Consolidator, ShuffledInputGivesIdenticalBytes) {
  const DocumentMap documents = MixedDocuments();
  std::vector<SourcedRecord> records = MixedScenario("");
  // Inputs where order could leak: the same sentence cited with different
  // renderings, dates written differently, and records without evidence.
  for (int variant = 0; variant < 3; ++variant) {
    SourcedRecord record = Membership(30 + variant, "b", "AZE", v1::MEMBERSHIP_ACTION_JOINED, "1993");
    v1::MembershipEvent* event = record.record.mutable_membership_event();
    event->mutable_evidence(0)->set_quote(absl::StrCat("rendering ", variant));
    event->mutable_date()->set_as_written(absl::StrCat("in 1993 (", variant, ")"));
    event->set_reported_by(absl::StrCat("speaker ", variant % 2));
    records.push_back(record);
  }
  // Attributed claims: alone (AZE's 2019 exit), and beside asserted ones.
  for (int variant = 0; variant < 2; ++variant) {
    SourcedRecord record = Membership(35 + variant, variant == 0 ? "c" : "d", "AZE", v1::MEMBERSHIP_ACTION_WITHDREW,
                                      "2019", "", v1::FACTUALITY_REPORTED, 6);
    record.record.mutable_membership_event()->set_reported_by(variant == 0 ? "Baku" : "Aliyev");
    records.push_back(record);
    SourcedRecord request = Request(37 + variant, "e", "ARM", v1::ASSISTANCE_OUTCOME_DENIED, Date("2020"), "", 8);
    request.record.mutable_assistance_request()->set_factuality(v1::FACTUALITY_REPORTED);
    request.record.mutable_assistance_request()->set_reported_by(variant == 0 ? "Yerevan" : "Pashinyan");
    records.push_back(request);
  }
  SourcedRecord bare = Request(40, "x", "ARM", v1::ASSISTANCE_OUTCOME_GRANTED, Date("2020-11"));
  bare.record.mutable_assistance_request()->clear_evidence();
  records.push_back(bare);
  const std::string reference = Bytes(ConsolidateGroup(records, documents, "CSTO"));
  std::mt19937 random(20221);
  for (int round = 0; round < 25; ++round) {
    std::shuffle(records.begin(), records.end(), random);
    ASSERT_EQ(Bytes(ConsolidateGroup(records, documents, "CSTO")), reference) << "round " << round;
  }
  std::reverse(records.begin(), records.end());
  EXPECT_EQ(Bytes(ConsolidateGroup(records, documents, "CSTO")), reference);
  // Records prepared for consolidation (some or all of them) give the same
  // bytes; so do records kept in canonical order, sorted at once or inserted
  // one by one, with a kept copy graph.
  const CopyGraph copies = CopyGraph::Build(documents);
  ConsolidationAids aids;
  aids.copies = &copies;
  aids.records_in_canonical_order = true;
  for (int round = 0; round < 10; ++round) {
    std::shuffle(records.begin(), records.end(), random);
    for (SourcedRecord& record : records) {
      if (random() % 2 == 0) PrepareForConsolidation(&record);
    }
    ASSERT_EQ(Bytes(ConsolidateGroup(records, documents, "CSTO")), reference) << "prepared round " << round;
    std::vector<SourcedRecord> inserted;
    for (const SourcedRecord& record : records) InsertCanonically(record, &inserted);
    ASSERT_EQ(Bytes(ConsolidateGroup(inserted, documents, "CSTO", aids)), reference) << "inserted round " << round;
    std::vector<SourcedRecord> sorted = records;
    SortCanonically(&sorted);
    ASSERT_EQ(Bytes(ConsolidateGroup(sorted, documents, "CSTO", aids)), reference) << "sorted round " << round;
    for (size_t i = 0; i < sorted.size(); ++i) {
      ASSERT_EQ(sorted[i].sequence, inserted[i].sequence) << "round " << round << " position " << i;
    }
  }
}

TEST(Consolidator, PreparingARecordKeepsWhatConsolidationWouldDerive) {
  SourcedRecord record = Membership(7, "b", "AZE", v1::MEMBERSHIP_ACTION_JOINED, "1993");
  *record.record.mutable_membership_event()->add_evidence() = record.record.membership_event().evidence(0);
  record.record.mutable_membership_event()->mutable_evidence(1)->set_document_id("a");
  PrepareForConsolidation(&record);
  EXPECT_EQ(record.document_ids, (std::vector<std::string>{"a", "b"}));

  SourcedRecord bare = Request(9, "x", "ARM", v1::ASSISTANCE_OUTCOME_GRANTED, Date("2020-11"));
  bare.record.mutable_assistance_request()->clear_evidence();
  PrepareForConsolidation(&bare);
  EXPECT_EQ(bare.document_ids, (std::vector<std::string>{"sequence:9"}));
}

TEST(Consolidator, MixedGroupsGiveSortedFactsAndOneConflictPerField) {
  const GroupFacts facts = ConsolidateGroup(MixedScenario(""), MixedDocuments(), "CSTO");
  std::vector<std::string> ids;
  for (const auto& f : facts.membership_events) ids.push_back(f.id());
  EXPECT_EQ(ids, (std::vector<std::string>{
                     "membership/CSTO/AZE/DECLINED_RENEWAL/1999", "membership/CSTO/AZE/JOINED/1993",
                     "membership/CSTO/AZE/PARTNER_PROPOSED/2019", "membership/CSTO/AZE/RENEWED/1999",
                     "membership/CSTO/AZE/SIGNED/1992"}));
  // DECLINED_RENEWAL (b) and WITHDREW (a, a-copy) tie on sources; the lower enum value wins.
  EXPECT_EQ(facts.membership_events[0].sources(), 2);
  EXPECT_EQ(facts.membership_events[0].evidence_size(), 3);
  EXPECT_EQ(facts.membership_events[2].factuality(), v1::FACTUALITY_PROPOSED);

  ASSERT_EQ(facts.assistance_requests.size(), 2u);
  EXPECT_EQ(facts.assistance_requests[0].id(), "request/CSTO/ARM/2020");
  EXPECT_TRUE(facts.assistance_requests[0].disputed());
  EXPECT_EQ(facts.assistance_requests[0].sources(), 3);  // a and its copy count once
  EXPECT_EQ(facts.assistance_requests[0].outcome(), v1::ASSISTANCE_OUTCOME_DENIED);
  EXPECT_FALSE(facts.assistance_requests[1].disputed());

  ASSERT_EQ(facts.interventions.size(), 1u);
  EXPECT_EQ(facts.interventions[0].troops_size(), 2);
  EXPECT_EQ(facts.interventions[0].sources(), 3);

  std::vector<std::pair<std::string, std::string>> keys;
  for (const v1::Conflict& c : facts.conflicts) keys.emplace_back(c.subject_id(), c.field());
  EXPECT_EQ(keys, (std::vector<std::pair<std::string, std::string>>{
                      {"intervention/CSTO/KAZ/2022", "troops"},
                      {"membership/CSTO/AZE/JOINED/1993", "date"},
                      {"membership/CSTO/AZE/RENEWED/1999", "date"},
                      {"request/CSTO/ARM/2020", "outcome"}}));
  // Troops: 2500 (two copies, one source) vs about 2000 (one source): a tie the
  // exact figure wins; RUS about 3000 exceeds the whole force. One conflict holds all.
  const v1::Conflict& troops = facts.conflicts[0];
  std::vector<std::string> values;
  for (const auto& claim : troops.claims()) values.push_back(claim.value());
  EXPECT_EQ(values, (std::vector<std::string>{"2500", "2000", "RUS:3000"}));
}

TEST(Consolidator, InventedAllianceWorksTheSame) {
  // An alliance and country codes nobody has heard of, with every rule exercised.
  std::vector<SourcedRecord> records = MixedScenario("");
  for (SourcedRecord& record : records) {
    v1::Record& r = record.record;
    auto rename = [](std::string* code) {
      if (*code == "AZE") *code = "QQA";
      if (*code == "ARM") *code = "QQB";
      if (*code == "KAZ") *code = "QQC";
      if (*code == "RUS") *code = "QQD";
    };
    if (r.has_membership_event()) rename(r.mutable_membership_event()->mutable_country());
    if (r.has_assistance_request()) rename(r.mutable_assistance_request()->mutable_requester_country());
    if (r.has_intervention()) {
      rename(r.mutable_intervention()->mutable_host_country());
      for (auto& troop : *r.mutable_intervention()->mutable_troops()) rename(troop.mutable_country());
    }
  }
  const GroupFacts facts = ConsolidateGroup(records, MixedDocuments(), "ZENITH");
  std::vector<std::string> conflict_subjects;
  for (const v1::Conflict& c : facts.conflicts) {
    conflict_subjects.push_back(c.subject_id());
    EXPECT_EQ(c.organization(), "ZENITH");
  }
  EXPECT_EQ(conflict_subjects, (std::vector<std::string>{"intervention/ZENITH/QQC/2022",
                                                         "membership/ZENITH/QQA/JOINED/1993",
                                                         "membership/ZENITH/QQA/RENEWED/1999",
                                                         "request/ZENITH/QQB/2020"}));
  EXPECT_EQ(facts.conflicts[1].summary(), "QQA joined: 1992 or 1993");
  EXPECT_EQ(facts.conflicts[0].claims(2).value(), "QQD:3000");
  ASSERT_EQ(facts.membership_events.size(), 5u);
  for (const auto& fact : facts.membership_events) EXPECT_EQ(fact.organization(), "ZENITH");
}

TEST(Consolidator, ExplicitOrganizationsFormTheirOwnGroups) {
  const GroupFacts facts = ConsolidateGroup(
      {Membership(1, "a", "KAZ", v1::MEMBERSHIP_ACTION_JOINED, "2015", "EAEU"),
       Membership(2, "b", "KAZ", v1::MEMBERSHIP_ACTION_SIGNED, "1992", ""),
       Membership(3, "c", "KAZ", v1::MEMBERSHIP_ACTION_SIGNED, "1992", "CSTO")},
      {}, "CSTO");
  ASSERT_EQ(facts.membership_events.size(), 2u);
  EXPECT_EQ(facts.membership_events[0].id(), "membership/CSTO/KAZ/SIGNED/1992");
  EXPECT_EQ(facts.membership_events[0].sources(), 2);
  EXPECT_EQ(facts.membership_events[1].id(), "membership/EAEU/KAZ/JOINED/2015");
  EXPECT_TRUE(facts.conflicts.empty());
}

TEST(Consolidator, EmptyInputGivesNoFacts) {
  const GroupFacts facts = ConsolidateGroup({}, {}, "CSTO");
  EXPECT_TRUE(facts.membership_events.empty());
  EXPECT_TRUE(facts.interventions.empty());
  EXPECT_TRUE(facts.assistance_requests.empty());
  EXPECT_TRUE(facts.conflicts.empty());
}

// ConsolidateGroupKeeping against the oracle ConsolidateGroup (from scratch,
// no aids): a random membership group grows by a few records at a time, its
// documents arrive (some copies of others, some cited before they arrive),
// and after every step the kept consolidation must give the same bytes. The
// records repeat few claims, as news does, so most steps take the update
// path; new claims, stronger factualities and late documents force rebuilds.
void CheckKeptConsolidationAgainstFromScratch(uint32_t seed) {
  std::mt19937 random(seed);
  const std::vector<v1::MembershipAction> actions = {
      v1::MEMBERSHIP_ACTION_SIGNED, v1::MEMBERSHIP_ACTION_JOINED, v1::MEMBERSHIP_ACTION_REJOINED,
      v1::MEMBERSHIP_ACTION_WITHDREW, v1::MEMBERSHIP_ACTION_SUSPENDED};
  const std::vector<v1::Factuality> factualities = {v1::FACTUALITY_ASSERTED, v1::FACTUALITY_ASSERTED,
                                                    v1::FACTUALITY_REPORTED, v1::FACTUALITY_PROPOSED,
                                                    v1::FACTUALITY_NEGATED};
  const std::vector<v1::PartialDate> dates = {v1::PartialDate(), Date("2001"),       Date("2001-05"),
                                              Date("2001-05-14"), Date("2001-05-15"), Approximate(2001, 5),
                                              Date("2005"),       Date("2005-03")};
  const std::vector<std::string> as_written = {"", "in May 2001", "that spring"};
  const std::vector<std::string> speakers = {"", "the ministry", "a spokesman for the bloc"};
  int64_t updates = 0, rebuilds = 0;
  for (int round = 0; round < 12; ++round) {
    DocumentMap documents;
    CopyGraph copies;
    KeptConsolidation kept;
    std::vector<SourcedRecord> records;
    std::vector<std::string> not_arrived;  // cited, not yet delivered
    uint64_t sequence = 0;
    for (int step = 0; step < 40; ++step) {
      std::vector<SourcedRecord> added;
      const int count = 1 + static_cast<int>(random() % 3);
      for (int r = 0; r < count; ++r) {
        const std::string document = "doc" + std::to_string(sequence);
        ++sequence;
        const bool arrives = random() % 6 != 0;
        if (arrives) {
          // One in three is a reprint of an earlier wire story.
          v1::DocumentInfo info = Document(document, random() % 2 == 0 ? "2001-06-01" : "2002", 4,
                                           random() % 3 == 0 ? "wire" + std::to_string(random() % 2) : "", 6);
          copies.Add(document, info);
          documents[document] = info;
        } else {
          not_arrived.push_back(document);
        }
        v1::PartialDate date = dates[random() % 10 == 0 ? random() % dates.size() : random() % 3 + 3];
        date.set_as_written(as_written[random() % as_written.size()]);
        SourcedRecord record = Membership(sequence, document, "RUR", actions[random() % 10 == 0 ? random() % 5 : 1], "",
                                          random() % 2 == 0 ? "" : "CSTO",
                                          factualities[random() % 10 == 0 ? random() % 5 : 0],
                                          static_cast<int>(random() % 2));
        *record.record.mutable_membership_event()->mutable_date() = date;
        record.record.mutable_membership_event()->set_reported_by(speakers[random() % speakers.size()]);
        if (random() % 4 == 0) {  // a second sentence, sometimes from a document cited before
          *record.record.mutable_membership_event()->add_evidence() =
              Cite("doc" + std::to_string(random() % sequence), static_cast<int>(random() % 3));
        }
        PrepareForConsolidation(&record);
        added.push_back(record);
        InsertCanonically(std::move(record), &records);
      }
      // A document cited before arrives: the caller empties what it kept.
      if (!not_arrived.empty() && random() % 8 == 0) {
        const std::string late = not_arrived.back();
        not_arrived.pop_back();
        documents[late] = Document(late, "2001-07-01");
        copies.Add(late, documents[late]);
        kept = KeptConsolidation();
      }
      ConsolidationAids aids;
      aids.copies = &copies;
      aids.records_in_canonical_order = true;
      const GroupFacts got = ConsolidateGroupKeeping(records, added, documents, "CSTO", aids, &kept);
      const GroupFacts expected = ConsolidateGroup(records, documents, "CSTO");
      ASSERT_EQ(Bytes(got), Bytes(expected)) << "seed " << seed << " round " << round << " step " << step;
      updates += kept.updates;
      rebuilds += kept.rebuilds;
      kept.updates = kept.rebuilds = 0;
    }
  }
  // Both paths ran, the update path most often.
  EXPECT_GT(rebuilds, 0) << "seed " << seed;
  EXPECT_GT(updates, rebuilds) << "seed " << seed;
}

TEST(Consolidator, KeptConsolidationGivesTheBytesOfAConsolidationFromScratch) {
  for (uint32_t seed = 1; seed <= 6; ++seed) CheckKeptConsolidationAgainstFromScratch(seed);
}

TEST(Consolidator, KeptConsolidationFollowsAFactWhoseFirstRecordChanges) {
  // Two entries on one day (a signing and a rejoining, not the same kind of
  // event) and an earlier accession: the date conflict lands on whichever of
  // the two comes last in canonical order of their first records. A retelling
  // of the rejoining from document "a" moves it first.
  std::vector<SourcedRecord> records = {Membership(1, "m", "RUR", v1::MEMBERSHIP_ACTION_JOINED, "2000-02-02"),
                                        Membership(2, "n", "RUR", v1::MEMBERSHIP_ACTION_SIGNED, "2001-05-14"),
                                        Membership(3, "o", "RUR", v1::MEMBERSHIP_ACTION_REJOINED, "2001-05-14")};
  const DocumentMap documents = Documents({Document("m", "2001"), Document("n", "2001"), Document("o", "2001"),
                                           Document("a", "2002")});
  const CopyGraph copies = CopyGraph::Build(documents);
  SortCanonically(&records);
  for (SourcedRecord& record : records) PrepareForConsolidation(&record);
  ConsolidationAids aids;
  aids.copies = &copies;
  aids.records_in_canonical_order = true;
  KeptConsolidation kept;
  const GroupFacts before = ConsolidateGroupKeeping(records, records, documents, "CSTO", aids, &kept);
  ASSERT_EQ(before.conflicts.size(), 1u);
  EXPECT_EQ(before.conflicts[0].subject_id(), "membership/CSTO/RUR/REJOINED/2001");

  SourcedRecord retelling = Membership(4, "a", "RUR", v1::MEMBERSHIP_ACTION_REJOINED, "2001-05-14");
  PrepareForConsolidation(&retelling);
  InsertCanonically(retelling, &records);
  const GroupFacts after = ConsolidateGroupKeeping(records, {retelling}, documents, "CSTO", aids, &kept);
  EXPECT_EQ(kept.updates, 1);
  EXPECT_EQ(Bytes(after), Bytes(ConsolidateGroup(records, documents, "CSTO")));
  ASSERT_EQ(after.conflicts.size(), 1u);
  EXPECT_EQ(after.conflicts[0].subject_id(), "membership/CSTO/RUR/SIGNED/2001");
}

TEST(Consolidator, KeptConsolidationMergesOtherGroupsFromScratch) {
  KeptConsolidation kept;
  std::vector<SourcedRecord> records = {Intervention(1, "a", "RUR", Date("2022-01-06")),
                                        Request(2, "b", "RUR", v1::ASSISTANCE_OUTCOME_GRANTED, Date("2022-01-05"))};
  SortCanonically(&records);
  for (SourcedRecord& record : records) PrepareForConsolidation(&record);
  ConsolidationAids aids;
  aids.records_in_canonical_order = true;
  const GroupFacts got = ConsolidateGroupKeeping(records, {records[0]}, {}, "CSTO", aids, &kept);
  EXPECT_EQ(Bytes(got), Bytes(ConsolidateGroup(records, {}, "CSTO")));
  EXPECT_FALSE(kept.membership.has_value());
}

}  // namespace
}  // namespace alliance::query
