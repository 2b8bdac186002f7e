#include "query-service/consolidation/membership_timeline.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "common/partial_date.h"

namespace alliance::query {
namespace {

bool Counts(const v1::MembershipEvent& event) {
  return event.factuality() == v1::FACTUALITY_ASSERTED ||
         event.factuality() == v1::FACTUALITY_UNSPECIFIED;
}

bool OpensStatus(v1::MembershipAction action) {
  switch (action) {
    case v1::MEMBERSHIP_ACTION_SIGNED:
    case v1::MEMBERSHIP_ACTION_JOINED:
    case v1::MEMBERSHIP_ACTION_REJOINED:
    case v1::MEMBERSHIP_ACTION_RENEWED:
    case v1::MEMBERSHIP_ACTION_OBSERVER_GRANTED:
      return true;
    default:
      return false;
  }
}

// Order of events on the same date.
int SameDateRank(v1::MembershipAction action) {
  switch (action) {
    case v1::MEMBERSHIP_ACTION_SIGNED:
    case v1::MEMBERSHIP_ACTION_JOINED:
    case v1::MEMBERSHIP_ACTION_REJOINED:
    case v1::MEMBERSHIP_ACTION_OBSERVER_GRANTED:
      return 0;
    case v1::MEMBERSHIP_ACTION_RENEWED:
      return 1;
    case v1::MEMBERSHIP_ACTION_SUSPENDED:
      return 2;
    case v1::MEMBERSHIP_ACTION_DECLINED_RENEWAL:
    case v1::MEMBERSHIP_ACTION_WITHDREW:
      return 3;
    case v1::MEMBERSHIP_ACTION_OBSERVER_ENDED:
      return 4;
    default:
      return 5;
  }
}

// The track an event moves: 0 membership, 1 observer status, -1 none.
int Track(v1::MembershipAction action) {
  switch (action) {
    case v1::MEMBERSHIP_ACTION_OBSERVER_GRANTED:
    case v1::MEMBERSHIP_ACTION_OBSERVER_ENDED:
      return 1;
    case v1::MEMBERSHIP_ACTION_PARTNER_PROPOSED:
    case v1::MEMBERSHIP_ACTION_UNSPECIFIED:
      return -1;
    default:
      return 0;
  }
}

// Returns the key of an event's (country, track, opens) bucket.
std::string BucketOf(const v1::MembershipEvent& event) {
  return event.country() + "/" + std::to_string(Track(event.action())) + "/" +
         (OpensStatus(event.action()) ? "open" : "close");
}

// 0: undated opening, 1: dated, 2: undated other.
int Phase(const v1::MembershipEvent& event) {
  if (!IsUnset(event.date())) return 1;
  return OpensStatus(event.action()) ? 0 : 2;
}

bool TimelineBefore(const v1::MembershipEvent& a, const v1::MembershipEvent& b) {
  if (a.country() != b.country()) return a.country() < b.country();
  if (Phase(a) != Phase(b)) return Phase(a) < Phase(b);
  const int by_date = CompareDates(a.date(), b.date());
  if (by_date != 0) return by_date < 0;
  if (SameDateRank(a.action()) != SameDateRank(b.action())) {
    return SameDateRank(a.action()) < SameDateRank(b.action());
  }
  if (a.id() != b.id()) return a.id() < b.id();
  return a.action() < b.action();
}

// Builds the periods of one country from its events in timeline order.
class CountryTimeline {
 public:
  explicit CountryTimeline(std::vector<v1::MembershipPeriod>* out) : out_(out) {}

  void Apply(const v1::MembershipEvent& event) {
    switch (event.action()) {
      case v1::MEMBERSHIP_ACTION_SIGNED:
      case v1::MEMBERSHIP_ACTION_JOINED:
      case v1::MEMBERSHIP_ACTION_REJOINED:
        EnterAsMember(event);
        break;
      case v1::MEMBERSHIP_ACTION_RENEWED:
        if (!membership_) EnterAsMember(event);
        break;
      case v1::MEMBERSHIP_ACTION_WITHDREW:
      case v1::MEMBERSHIP_ACTION_DECLINED_RENEWAL:
        Close(&membership_, event);
        break;
      case v1::MEMBERSHIP_ACTION_SUSPENDED:
        if (membership_ && Status(*membership_) == v1::MEMBERSHIP_STATUS_SUSPENDED) break;
        Close(&membership_, event);
        Close(&observer_, event);
        membership_ = Open(v1::MEMBERSHIP_STATUS_SUSPENDED, event);
        break;
      case v1::MEMBERSHIP_ACTION_OBSERVER_GRANTED:
        if (!membership_ && !observer_) observer_ = Open(v1::MEMBERSHIP_STATUS_OBSERVER, event);
        break;
      case v1::MEMBERSHIP_ACTION_OBSERVER_ENDED:
        Close(&observer_, event);
        break;
      default:
        break;
    }
  }

 private:
  v1::MembershipStatus Status(size_t index) const { return (*out_)[index].status(); }

  void EnterAsMember(const v1::MembershipEvent& event) {
    if (membership_ && Status(*membership_) == v1::MEMBERSHIP_STATUS_MEMBER) return;
    Close(&membership_, event);
    Close(&observer_, event);
    membership_ = Open(v1::MEMBERSHIP_STATUS_MEMBER, event);
  }

  size_t Open(v1::MembershipStatus status, const v1::MembershipEvent& event) {
    v1::MembershipPeriod period;
    period.set_country(event.country());
    period.set_status(status);
    *period.mutable_from() = event.date();
    period.add_event_ids(event.id());
    out_->push_back(std::move(period));
    return out_->size() - 1;
  }

  void Close(std::optional<size_t>* open, const v1::MembershipEvent& event) {
    if (!open->has_value()) return;
    v1::MembershipPeriod& period = (*out_)[**open];
    *period.mutable_to() = event.date();
    if (IsUnset(event.date())) period.mutable_to()->set_as_written(kUnknownEnd);
    period.add_event_ids(event.id());
    open->reset();
  }

  std::vector<v1::MembershipPeriod>* const out_;
  std::optional<size_t> membership_;  // index of the open MEMBER/SUSPENDED period
  std::optional<size_t> observer_;    // index of the open OBSERVER period
};

bool IsClosed(const v1::PartialDate& to) {
  return !IsUnset(to) || to.as_written() == kUnknownEnd;
}

// Returns true when a boundary with this date has happened by `as_of`.
bool HappenedBy(const v1::PartialDate& date, bool opening, const v1::PartialDate& as_of) {
  if (IsUnset(as_of)) return true;
  if (IsUnset(date)) return opening;
  return FirstDayKey(date) <= FirstDayKey(as_of);
}

}  // namespace

std::vector<v1::MembershipPeriod> ComputePeriods(const std::vector<v1::MembershipEvent>& events) {
  // An undated event most likely repeats a dated one of the same country,
  // track and direction when such a dated event exists; it is then skipped.
  std::set<std::string> dated_buckets;
  for (const v1::MembershipEvent& event : events) {
    if (Counts(event) && !IsUnset(event.date())) dated_buckets.insert(BucketOf(event));
  }
  std::vector<const v1::MembershipEvent*> ordered;
  for (const v1::MembershipEvent& event : events) {
    if (!Counts(event)) continue;
    if (IsUnset(event.date()) && dated_buckets.count(BucketOf(event)) > 0) continue;
    ordered.push_back(&event);
  }
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const v1::MembershipEvent* a, const v1::MembershipEvent* b) {
                     return TimelineBefore(*a, *b);
                   });
  std::vector<v1::MembershipPeriod> periods;
  size_t begin = 0;
  while (begin < ordered.size()) {
    size_t end = begin;
    while (end < ordered.size() && ordered[end]->country() == ordered[begin]->country()) ++end;
    std::vector<v1::MembershipPeriod> country_periods;
    CountryTimeline timeline(&country_periods);
    for (size_t i = begin; i < end; ++i) timeline.Apply(*ordered[i]);
    for (v1::MembershipPeriod& period : country_periods) periods.push_back(std::move(period));
    begin = end;
  }
  return periods;
}

std::vector<v1::Member> MembersAsOf(const std::vector<v1::MembershipPeriod>& periods,
                                    const v1::PartialDate& as_of, bool include_observers) {
  std::map<std::string, const v1::MembershipPeriod*> current;
  for (const v1::MembershipPeriod& period : periods) {
    if (!HappenedBy(period.from(), /*opening=*/true, as_of)) continue;
    if (IsClosed(period.to()) && HappenedBy(period.to(), /*opening=*/false, as_of)) continue;
    const bool listed = period.status() == v1::MEMBERSHIP_STATUS_MEMBER ||
                        (include_observers && (period.status() == v1::MEMBERSHIP_STATUS_OBSERVER ||
                                               period.status() == v1::MEMBERSHIP_STATUS_SUSPENDED));
    if (!listed) continue;
    auto [it, inserted] = current.emplace(period.country(), &period);
    // Two overlapping periods: the later-starting one is the current one.
    if (!inserted && CompareDates(it->second->from(), period.from()) < 0) it->second = &period;
  }
  std::vector<v1::Member> members;
  for (const auto& [country, period] : current) {
    v1::Member member;
    member.set_country(country);
    member.set_status(period->status());
    *member.mutable_since() = period->from();
    members.push_back(std::move(member));
  }
  return members;
}

}  // namespace alliance::query
