#include "query-service/consolidation/membership_timeline.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "common/partial_date.h"
#include "query-service/consolidation/fact_fields.h"

namespace alliance::query {
namespace {

bool Counts(const v1::MembershipEvent& event) { return AnsweredByDefault(event.factuality()); }

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

// An event that counts, with the date it is placed at in the timeline.
struct TimedEvent {
  const v1::MembershipEvent* event;
  v1::PartialDate anchor;  // UndatedAnchor(*event); unset for dated events

  bool dated() const { return !IsUnset(event->date()); }
  bool anchored() const { return !IsUnset(anchor); }
  // The date the event is ordered by: its own, else its anchor (unset: neither).
  const v1::PartialDate& when() const { return dated() ? event->date() : anchor; }
  // The phase of the header's order: 1 undated opening without anchor, 2 dated
  // or anchored, 3 other undated.
  int phase() const {
    if (dated() || anchored()) return 2;
    return OpensStatus(event->action()) ? 1 : 3;
  }
};

bool TimelineBefore(const TimedEvent& x, const TimedEvent& y) {
  const v1::MembershipEvent& a = *x.event;
  const v1::MembershipEvent& b = *y.event;
  if (a.country() != b.country()) return a.country() < b.country();
  if (x.phase() != y.phase()) return x.phase() < y.phase();
  const int by_date = CompareDates(x.when(), y.when());
  if (by_date != 0) return by_date < 0;
  // On the same date, an undated event known by then happened on or before it.
  if (x.dated() != y.dated()) return !x.dated();
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

  void Apply(const TimedEvent& timed) {
    const v1::MembershipEvent& event = *timed.event;
    anchor_ = &timed.anchor;
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
    if (IsUnset(event.date()) && !IsUnset(*anchor_)) *period.mutable_from_at_latest() = *anchor_;
    period.add_event_ids(event.id());
    period.set_factuality(event.factuality());
    if (event.factuality() == v1::FACTUALITY_REPORTED) period.set_reported_by(event.reported_by());
    out_->push_back(std::move(period));
    return out_->size() - 1;
  }

  void Close(std::optional<size_t>* open, const v1::MembershipEvent& event) {
    if (!open->has_value()) return;
    v1::MembershipPeriod& period = (*out_)[**open];
    *period.mutable_to() = event.date();
    if (IsUnset(event.date())) {
      period.mutable_to()->set_as_written(kUnknownEnd);
      if (!IsUnset(*anchor_)) *period.mutable_to_at_latest() = *anchor_;
    }
    period.add_event_ids(event.id());
    open->reset();
  }

  std::vector<v1::MembershipPeriod>* const out_;
  const v1::PartialDate* anchor_ = nullptr;  // of the event being applied
  std::optional<size_t> membership_;  // index of the open MEMBER/SUSPENDED period
  std::optional<size_t> observer_;    // index of the open OBSERVER period
};

bool IsClosed(const v1::PartialDate& to) {
  return !IsUnset(to) || to.as_written() == kUnknownEnd;
}

// Whether a boundary has happened by a date.
enum class ByDate { kNo, kMaybe, kYes };

// Returns whether a boundary has happened by `as_of`'s first day: by its
// date's interval (kYes when the interval ends by then, kNo when it begins
// after, kMaybe when it holds that day and later ones), else by its anchor
// (kYes on and after it, kNo before); without either, a boundary set by an
// event of the first phase has happened before any date, one of the last
// phase only in the latest state.
ByDate HappenedBy(const v1::PartialDate& date, const v1::PartialDate& anchor, bool first_phase,
                  const v1::PartialDate& as_of) {
  if (IsUnset(as_of)) return ByDate::kYes;
  const v1::PartialDate& when = IsUnset(date) ? anchor : date;
  if (IsUnset(when)) return first_phase ? ByDate::kYes : ByDate::kNo;
  const int32_t day = FirstDayKey(as_of);
  const DayInterval interval = IntervalOf(when);
  if (interval.first > day) return ByDate::kNo;
  if (IsUnset(date) || interval.last <= day) return ByDate::kYes;
  return ByDate::kMaybe;
}

}  // namespace

v1::PartialDate UndatedAnchor(const v1::MembershipEvent& event) {
  if (!IsUnset(event.date())) return v1::PartialDate();
  const v1::PartialDate* earliest = nullptr;
  for (const v1::Evidence& evidence : event.evidence()) {
    const v1::PartialDate& published = evidence.document_published();
    if (IsUnset(published)) continue;
    if (earliest == nullptr || CompareDates(published, *earliest) < 0) earliest = &published;
  }
  // Only the calendar parts: equal dates written differently are one anchor.
  if (earliest == nullptr) return v1::PartialDate();
  return MakeDate(earliest->year(), earliest->month(), earliest->day());
}

std::vector<v1::MembershipPeriod> ComputePeriods(const std::vector<v1::MembershipEvent>& events) {
  // An undated event most likely repeats a dated one of the same country,
  // track and direction when such a dated event exists; it is then skipped.
  std::set<std::string> dated_buckets;
  for (const v1::MembershipEvent& event : events) {
    if (Counts(event) && !IsUnset(event.date())) dated_buckets.insert(BucketOf(event));
  }
  std::vector<TimedEvent> ordered;
  for (const v1::MembershipEvent& event : events) {
    if (!Counts(event)) continue;
    if (IsUnset(event.date()) && dated_buckets.count(BucketOf(event)) > 0) continue;
    ordered.push_back(TimedEvent{&event, UndatedAnchor(event)});
  }
  std::stable_sort(ordered.begin(), ordered.end(), TimelineBefore);
  std::vector<v1::MembershipPeriod> periods;
  size_t begin = 0;
  while (begin < ordered.size()) {
    size_t end = begin;
    while (end < ordered.size() && ordered[end].event->country() == ordered[begin].event->country()) ++end;
    std::vector<v1::MembershipPeriod> country_periods;
    CountryTimeline timeline(&country_periods);
    for (size_t i = begin; i < end; ++i) timeline.Apply(ordered[i]);
    for (v1::MembershipPeriod& period : country_periods) periods.push_back(std::move(period));
    begin = end;
  }
  return periods;
}

std::vector<CurrentPeriod> CurrentPeriods(const std::vector<v1::MembershipPeriod>& periods,
                                          const v1::PartialDate& as_of, bool include_observers) {
  // The period each event opened, to end a period when the next one begins.
  std::map<std::pair<std::string, std::string>, const v1::MembershipPeriod*> opened_by;
  for (const v1::MembershipPeriod& period : periods) {
    if (period.event_ids_size() > 0) opened_by.emplace(std::make_pair(period.country(), period.event_ids(0)), &period);
  }
  // Boundaries happen in timeline order, so one placed before a boundary
  // that surely happened has happened too ("2005" before an exit known by
  // 2005-03-01). Per country: the latest first day of a dated boundary, and
  // of an anchored one, that surely happened. An anchored boundary comes
  // before a dated one on the same day; a longer interval before a shorter one.
  struct SureBounds {
    int32_t dated = 0;
    int32_t anchored = 0;
  };
  std::map<std::string, SureBounds> sure;
  auto note = [&](const std::string& country, const v1::PartialDate& date, const v1::PartialDate& anchor,
                  bool first_phase) {
    if (HappenedBy(date, anchor, first_phase, as_of) != ByDate::kYes) return;
    SureBounds& bounds = sure[country];
    if (!IsUnset(date)) bounds.dated = std::max(bounds.dated, FirstDayKey(date));
    if (IsUnset(date) && !IsUnset(anchor)) bounds.anchored = std::max(bounds.anchored, FirstDayKey(anchor));
  };
  // Without date or anchor, a SUSPENDED period was opened by an undated
  // SUSPENDED (phase 3), so it begins only in the latest state; other periods
  // were opened by phase-1 events, before any date.
  auto first_phase = [](const v1::MembershipPeriod& period) {
    return period.status() != v1::MEMBERSHIP_STATUS_SUSPENDED;
  };
  for (const v1::MembershipPeriod& period : periods) {
    note(period.country(), period.from(), period.from_at_latest(), first_phase(period));
    if (IsClosed(period.to())) note(period.country(), period.to(), period.to_at_latest(), false);
  }
  auto happened = [&](const std::string& country, const v1::PartialDate& date, const v1::PartialDate& anchor,
                      bool first) {
    const ByDate by = HappenedBy(date, anchor, first, as_of);
    if (by != ByDate::kMaybe) return by;
    auto bounds = sure.find(country);
    if (bounds == sure.end()) return by;
    const int32_t day = FirstDayKey(date);
    return day <= bounds->second.dated || day < bounds->second.anchored ? ByDate::kYes : by;
  };
  auto began = [&](const v1::MembershipPeriod& period) {
    return happened(period.country(), period.from(), period.from_at_latest(), first_phase(period));
  };
  auto ended = [&](const v1::MembershipPeriod& period) {
    if (!IsClosed(period.to())) return ByDate::kNo;
    if (period.event_ids_size() > 1) {
      auto next = opened_by.find(std::make_pair(period.country(), period.event_ids(1)));
      if (next != opened_by.end()) return began(*next->second);
    }
    return happened(period.country(), period.to(), period.to_at_latest(), /*first=*/false);
  };
  // Per country, among the periods with a listed status: the one that surely
  // holds on as_of (of two, the later in timeline order; not expected), else
  // the first one that may hold.
  struct Candidate {
    CurrentPeriod current;
    bool sure = false;
  };
  std::map<std::string, Candidate> chosen;
  for (const v1::MembershipPeriod& period : periods) {
    const bool listed = period.status() == v1::MEMBERSHIP_STATUS_MEMBER ||
                        (include_observers && (period.status() == v1::MEMBERSHIP_STATUS_OBSERVER ||
                                               period.status() == v1::MEMBERSHIP_STATUS_SUSPENDED));
    if (!listed) continue;
    const ByDate b = began(period), e = ended(period);
    if (b == ByDate::kNo || e == ByDate::kYes) continue;
    Candidate candidate;
    candidate.current.period = &period;
    candidate.sure = b == ByDate::kYes && e == ByDate::kNo;
    if (b == ByDate::kMaybe && period.event_ids_size() > 0) {
      candidate.current.straddling_event_ids.push_back(period.event_ids(0));
    }
    if (e == ByDate::kMaybe && period.event_ids_size() > 1) {
      candidate.current.straddling_event_ids.push_back(period.event_ids(1));
    }
    auto [it, inserted] = chosen.emplace(period.country(), candidate);
    if (!inserted && candidate.sure) it->second = std::move(candidate);
  }
  std::vector<CurrentPeriod> out;
  out.reserve(chosen.size());
  for (auto& [country, candidate] : chosen) out.push_back(std::move(candidate.current));
  return out;
}

v1::Member MemberOf(const v1::MembershipPeriod& period) {
  v1::Member member;
  member.set_country(period.country());
  member.set_status(period.status());
  *member.mutable_since() = period.from();
  if (!IsUnset(period.from_at_latest())) *member.mutable_since_at_latest() = period.from_at_latest();
  member.set_factuality(period.factuality());
  member.set_reported_by(period.reported_by());
  return member;
}

v1::Member MemberOf(const CurrentPeriod& current) {
  v1::Member member = MemberOf(*current.period);
  member.set_straddles_as_of(!current.straddling_event_ids.empty());
  for (const std::string& id : current.straddling_event_ids) member.add_straddling_event_ids(id);
  return member;
}

std::vector<v1::Member> MembersAsOf(const std::vector<v1::MembershipPeriod>& periods,
                                    const v1::PartialDate& as_of, bool include_observers) {
  std::vector<v1::Member> members;
  for (const CurrentPeriod& current : CurrentPeriods(periods, as_of, include_observers)) {
    members.push_back(MemberOf(current));
  }
  return members;
}

}  // namespace alliance::query
