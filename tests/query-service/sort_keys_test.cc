// Sort keys against the orders the List answers use, on every pair of a
// varied set of values (brute force: the key order must be the comparator's).
#include "query-service/sort_keys.h"

#include <string>
#include <tuple>
#include <vector>

#include "common/partial_date.h"
#include "gtest/gtest.h"

namespace alliance::query {
namespace {

std::vector<v1::PartialDate> Dates() {
  std::vector<v1::PartialDate> out;
  out.emplace_back();  // unset
  for (int year : {1992, 1999, 2022}) {
    for (int month : {0, 1, 12}) {
      for (int day : {0, 1, 31}) {
        if (month == 0 && day != 0) continue;
        v1::PartialDate date;
        date.set_year(year);
        date.set_month(month);
        date.set_day(day);
        out.push_back(date);
      }
    }
  }
  return out;
}

int Sign(int v) { return (v > 0) - (v < 0); }

TEST(SortKeys, DatesSortAsCompareDates) {
  const auto dates = Dates();
  for (const auto& a : dates) {
    for (const auto& b : dates) {
      const int by_key = Sign(DateSortKey(a).compare(DateSortKey(b)));
      EXPECT_EQ(by_key, Sign(CompareDates(a, b))) << FormatDate(a) << " vs " << FormatDate(b);
    }
  }
}

// The comparator of membership events in the query service: date, country,
// action, id.
bool EventBefore(const v1::MembershipEvent& a, const v1::MembershipEvent& b) {
  const int by_date = CompareDates(a.date(), b.date());
  if (by_date != 0) return by_date < 0;
  if (a.country() != b.country()) return a.country() < b.country();
  if (a.action() != b.action()) return a.action() < b.action();
  return a.id() < b.id();
}

TEST(SortKeys, MembershipEventsSortAsTheirComparator) {
  std::vector<v1::MembershipEvent> events;
  const auto dates = Dates();
  for (size_t d = 0; d < dates.size(); d += 3) {
    for (const char* country : {"ARM", "AR", "UZB"}) {
      for (auto action : {v1::MEMBERSHIP_ACTION_SIGNED, v1::MEMBERSHIP_ACTION_WITHDREW}) {
        for (const char* id : {"m/a", "m/ab"}) {
          v1::MembershipEvent& e = events.emplace_back();
          *e.mutable_date() = dates[d];
          e.set_country(country);
          e.set_action(action);
          e.set_id(id);
        }
      }
    }
  }
  for (const auto& a : events) {
    for (const auto& b : events) {
      ASSERT_EQ(SortKeyOf(a) < SortKeyOf(b), EventBefore(a, b))
          << a.ShortDebugString() << " vs " << b.ShortDebugString();
    }
  }
}

TEST(SortKeys, RequestsInterventionsConflictsMembersAndEvidenceSortAsTheirAnswers) {
  const auto dates = Dates();
  std::vector<v1::AssistanceRequest> requests;
  for (const auto& date : dates) {
    for (const char* id : {"request/CSTO/KGZ/2010", "request/CSTO/KGZ/2010-2"}) {
      v1::AssistanceRequest& r = requests.emplace_back();
      *r.mutable_date() = date;
      r.set_id(id);
    }
  }
  for (const auto& a : requests) {
    for (const auto& b : requests) {
      const int by_date = CompareDates(a.date(), b.date());
      const bool before = by_date != 0 ? by_date < 0 : a.id() < b.id();
      ASSERT_EQ(SortKeyOf(a) < SortKeyOf(b), before) << a.ShortDebugString() << " vs " << b.ShortDebugString();
    }
  }
  std::vector<v1::Conflict> conflicts;
  for (const char* subject : {"request/CSTO/ARM/2020", "request/CSTO/ARM/2020-2"}) {
    for (const char* field : {"outcome", "date"}) {
      v1::Conflict& c = conflicts.emplace_back();
      c.set_subject_id(subject);
      c.set_field(field);
    }
  }
  for (const auto& a : conflicts) {
    for (const auto& b : conflicts) {
      // The store's key: "fact/c/<subject_id>\0<field>".
      const bool before = std::string(a.subject_id() + '\0' + a.field()) < std::string(b.subject_id() + '\0' + b.field());
      ASSERT_EQ(SortKeyOf(a) < SortKeyOf(b), before);
    }
  }
  std::vector<v1::Evidence> evidence;
  for (size_t d = 0; d < dates.size(); d += 4) {
    for (const char* document : {"ab", "abc"}) {
      for (int begin : {0, 7, 300}) {
        v1::Evidence& e = evidence.emplace_back();
        *e.mutable_document_published() = dates[d];
        e.set_document_id(document);
        e.set_begin(begin);
        e.set_end(begin + 5);
      }
    }
  }
  for (const auto& a : evidence) {
    for (const auto& b : evidence) {
      // EvidenceSet's canonical order: publication date, document, offsets.
      const int by_date = CompareDates(a.document_published(), b.document_published());
      bool before = by_date < 0;
      if (by_date == 0) {
        before = std::make_tuple(a.document_id(), a.begin(), a.end()) <
                 std::make_tuple(b.document_id(), b.begin(), b.end());
      }
      ASSERT_EQ(SortKeyOf(a) < SortKeyOf(b), before) << a.ShortDebugString() << " vs " << b.ShortDebugString();
    }
  }
  v1::Member arm, armx;
  arm.set_country("ARM");
  armx.set_country("ARMX");
  EXPECT_LT(SortKeyOf(arm), SortKeyOf(armx));
}

}  // namespace
}  // namespace alliance::query
