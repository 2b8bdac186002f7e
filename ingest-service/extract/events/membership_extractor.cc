#include "ingest-service/extract/events/membership_extractor.h"

#include <algorithm>
#include <optional>
#include <string>

#include "absl/strings/match.h"
#include "common/partial_date.h"
#include "ingest-service/extract/events/event_records.h"
#include "ingest-service/extract/events/modality.h"

namespace alliance::ingest::events {
namespace {

constexpr int kMaxObjectGap = 8;
// An organization named before the trigger counts only this close.
constexpr int kMaxOrganizationBefore = 20;
// An organization named this many sentences back still counts for a verb
// whose sentence names none.
constexpr int kMaxOrganizationSentencesBack = 2;

// Returns the first token of a "refused to" / "declined to" phrase that ends
// right before the verb at `first` (quotation marks between do not count), or
// -1 when none does.
int NotDoneStart(const SentenceStructure& s, int first) {
  constexpr int kWindow = 4;
  const std::vector<Token>& tokens = s.doc().tokens;
  for (int i = std::max(s.sentence().first_token, first - kWindow); i < first; ++i) {
    const int end = s.words().MatchWords(kNotDone, tokens, i, first);
    if (end == first) return i;
  }
  return -1;
}

// True when the verb form at `first` is used as a noun: after a determiner
// ("the return", "its exit") or in a bare prepositional idiom ("in return").
bool UsedAsNoun(const SentenceStructure& s, int first) {
  if (first <= s.sentence().first_token) return false;
  const Token& before = s.doc().tokens[static_cast<size_t>(first - 1)];
  const Token& verb = s.doc().tokens[static_cast<size_t>(first)];
  // Articles and possessives only: "that" may be a relative ("the states that signed").
  if (s.words().IsWord(kPossessive, before) || before.lower == "the" || before.lower == "a" || before.lower == "an") {
    return true;
  }
  // "an Ruritanian return": an adjective of nationality qualifies a noun.
  const Mention* demonym = s.MentionAt(first - 1);
  if (demonym != nullptr && demonym->kind == MentionKind::kCountry && demonym->country_form == CountryForm::kDemonym) {
    return true;
  }
  const bool inflected = absl::EndsWith(verb.lower, "ing") || absl::EndsWith(verb.lower, "ed");
  return !inflected && (before.lower == "in" || before.lower == "on");
}

// True when the trigger at `first` continues the verb phrase that ended at
// `previous_end` with the same subject: only a coordinator (and adverbs,
// objects, dates) between, no new actor.
bool SharesSubject(const SentenceStructure& s, int previous_end, int first) {
  // "..., while the other six parties signed": a subject of its own.
  if (s.HasOvertSubject(first)) return false;
  bool coordinated = false;
  for (int t = previous_end; t < first; ++t) {
    const Token& w = s.doc().tokens[static_cast<size_t>(t)];
    if (s.words().IsWord(kCoordinator, w) || w.lower == "then") coordinated = true;
    const Mention* m = s.MentionAt(t);
    if (m != nullptr && m->kind == MentionKind::kCountry) return false;
    if (s.words().IsWord(kRelativePronoun, w) || s.words().IsWord(kSubjectPronoun, w)) return false;
  }
  return coordinated;
}

// Replaces each actor's event by the two ends of its date ranges: the action
// at a range's start, the trigger's range_end_action at its end ("a member in
// 2031–2038 and again in 2041–2045", "Ruritania (2031–38)"). An actor without a
// range keeps its event unless the trigger needs one (a state such as "was a
// member" announces nothing by itself).
void ExpandRanges(const SentenceStructure& s, const Trigger& trigger, v1::MembershipAction action, int next,
                  std::vector<const Mention*>* actors, std::vector<const Mention*>* dates,
                  std::vector<v1::MembershipAction>* actions) {
  const v1::MembershipAction end_action = TriggerLexicon::ActionNamed(trigger.range_end_action());
  std::vector<const Mention*> out_actors;
  std::vector<const Mention*> out_dates;
  std::vector<v1::MembershipAction> out_actions;
  for (size_t a = 0; a < actors->size(); ++a) {
    const Mention* start = s.RangeRightAfter(*(*actors)[a]);
    if (start == nullptr) start = (*dates)[a];
    std::vector<const Mention*> starts = {start};
    for (const Mention* later : s.RepeatedDates(start, next)) starts.push_back(later);
    bool any = false;
    for (const Mention* range_start : starts) {
      const Mention* range_end = s.RangeEndOf(range_start);
      if (range_end == nullptr) continue;
      any = true;
      out_actors.insert(out_actors.end(), {(*actors)[a], (*actors)[a]});
      out_dates.insert(out_dates.end(), {range_start, range_end});
      out_actions.insert(out_actions.end(), {action, end_action});
    }
    if (!any && !trigger.needs_range()) {
      out_actors.push_back((*actors)[a]);
      out_dates.push_back((*dates)[a]);
      out_actions.push_back(action);
    }
  }
  *actors = std::move(out_actors);
  *dates = std::move(out_dates);
  *actions = std::move(out_actions);
}

// True when the organization after a trigger only modifies the name of a
// deployment or force: "sent troops to join the CSTO mission".
bool NamesAnotherEvent(const SentenceStructure& s, const std::vector<TriggerMatch>& triggers, int end) {
  for (int i = end; i < s.sentence().end_token && i <= end + kMaxObjectGap; ++i) {
    const Mention* m = s.MentionAt(i);
    if (m == nullptr || m->kind != MentionKind::kOrganization) continue;
    const int next = m->end_token;
    if (next >= s.sentence().end_token) return false;
    if (s.words().IsWord(kTroopNoun, s.doc().tokens[static_cast<size_t>(next)])) return true;
    for (const TriggerMatch& t : triggers) {
      if (t.first_token == next && (t.Find(TRIGGER_KIND_INTERVENTION) != nullptr ||
                                    t.Find(TRIGGER_KIND_CONTRIBUTION) != nullptr)) {
        return true;
      }
    }
    return false;
  }
  return false;
}

// A possessor whose noun is left out after a nominal trigger: "the first
// departure from the CSTO since Ruritania's in 2031" tells that Ruritania
// departed, in 2012. The country and the date after it (null when none).
struct ElidedPossessor {
  const Mention* country = nullptr;
  const Mention* date = nullptr;
};

// Returns the elided possessor after the nominal trigger ending at `end`: a
// time preposition, a country's name with "'s", and no noun after it (only
// punctuation, the sentence's end or another time preposition).
std::optional<ElidedPossessor> ElidedPossessorAfter(const SentenceStructure& s, int end) {
  constexpr int kMaxGap = 6;
  const std::vector<Token>& tokens = s.doc().tokens;
  const int stop = s.sentence().end_token;
  for (int i = end; i + 2 < stop && i <= end + kMaxGap; ++i) {
    const Token& t = tokens[static_cast<size_t>(i)];
    if (t.shape == Token::Shape::kPunctuation) return std::nullopt;
    if (!s.words().IsWord(kTimePreposition, t)) continue;
    const Mention* country = s.MentionAt(i + 1);
    if (country == nullptr || country->kind != MentionKind::kCountry || country->country_form != CountryForm::kName ||
        country->first_token != i + 1) {
      return std::nullopt;
    }
    int after = country->end_token;
    if (after >= stop || tokens[static_cast<size_t>(after)].lower != "'s") return std::nullopt;
    ++after;
    ElidedPossessor elided{country, nullptr};
    if (after >= stop) return elided;
    const Token& next = tokens[static_cast<size_t>(after)];
    if (next.shape == Token::Shape::kPunctuation) return elided;
    if (!s.words().IsWord(kTimePreposition, next)) return std::nullopt;
    const Mention* date = s.MentionAt(after + 1);
    if (date != nullptr && date->kind == MentionKind::kDate && date->date.year() != 0) elided.date = date;
    return elided;
  }
  return std::nullopt;
}

}  // namespace

void ExtractMembershipEvents(const SentenceStructure& s, const std::vector<TriggerMatch>& triggers,
                             std::vector<v1::MembershipEvent>* out) {
  const size_t first_new = out->size();
  // The previous membership trigger's actors, for coordinated verb phrases
  // that share them ("refused to renew the treaty and left").
  std::vector<const Mention*> shared_actors;
  int shared_end = -1;
  for (size_t k = 0; k < triggers.size(); ++k) {
    const TriggerMatch& match = triggers[k];
    const Trigger* trigger = match.Find(TRIGGER_KIND_MEMBERSHIP);
    if (trigger == nullptr) continue;
    if (!trigger->nominal() && !match.object_first && UsedAsNoun(s, match.first_token)) {
      // "an Ruritanian return to the CSTO": the same words as a noun, if a frame has them so.
      trigger = nullptr;
      for (const Trigger* t : match.triggers) {
        if (t->kind() == TRIGGER_KIND_MEMBERSHIP && t->nominal()) trigger = t;
      }
      if (trigger == nullptr) continue;
    }
    // "suspended Ruritania's membership": the member is the object's possessor;
    // "membership was suspended by the council": not the agent.
    const Mention* possessor =
        match.member_is_possessor && match.object_token >= 0 ? s.PossessorOf(match.object_token) : nullptr;
    std::vector<const Mention*> actors;
    const Mention* object_member = match.member_token >= 0 ? s.MentionAt(match.member_token) : nullptr;
    if (object_member != nullptr && object_member->kind == MentionKind::kCountry) {
      actors = {object_member};  // "pull Ruritania out of the bloc"
    } else if (match.member_token >= 0) {
      continue;  // a name that is no state
    } else if (possessor != nullptr) {
      actors = {possessor};
    } else if (const Mention* demonym = trigger->nominal() ? s.MentionAt(match.first_token - 1) : nullptr;
               demonym != nullptr && demonym->kind == MentionKind::kCountry &&
               demonym->country_form == CountryForm::kDemonym) {
      actors = {demonym};  // "a third Ruritanian return to the CSTO"
    } else if (trigger->nominal() && match.first_token > s.sentence().first_token &&
               s.words().IsWord(kDefinite, s.doc().tokens[static_cast<size_t>(match.first_token - 1)])) {
      // "the renewal of the treaty" names an event, not its subject's act: only
      // a possessor ("the return of Ruritania") or agents ("by A, B") take part.
      const Mention* owner = s.PossessorOf(match.first_token);
      if (owner == nullptr) owner = s.PossessorOf(match.end_token - 1);
      actors = owner != nullptr ? std::vector<const Mention*>{owner}
                                : s.Agents(match.first_token, match.end_token, false);
    } else {
      actors = s.Actors(match.first_token, match.end_token, false, !match.member_is_possessor);
    }
    // "Observer status ... was given to Serbia": the recipient of a passive.
    if (actors.empty() && match.object_first && match.end_token + 1 < s.sentence().end_token &&
        s.doc().tokens[static_cast<size_t>(match.end_token)].lower == "to") {
      const Mention* recipient = s.MentionAt(match.end_token + 1);
      if (recipient != nullptr && s.IsActingCountry(*recipient)) actors = s.ListStartingAt(recipient);
    }
    if (actors.empty() && !trigger->nominal() && shared_end >= 0 && SharesSubject(s, shared_end, match.first_token)) {
      actors = shared_actors;
    }
    // "Three more states acceded the following year: A on D1, B on D2": the
    // members are the gapped list.
    std::vector<const Mention*> list_dates;  // the list's own dates, when the members are a list
    const bool from_list = actors.empty();
    if (actors.empty()) {
      for (const SentenceStructure::Gapped& gapped : s.GappedConjuncts(match.end_token, -1)) {
        if (gapped.date == nullptr) continue;
        actors.push_back(gapped.country);
        list_dates.push_back(gapped.date);
      }
    }
    // "Former members: Ruritania (2031–2038), Freedonia (2031–2040)": a state
    // noun with a list of countries and their ranges after it.
    if (actors.empty() && trigger->needs_range()) {
      for (const Mention* m : s.mentions()) {
        if (m->first_token >= match.end_token && s.IsActingCountry(*m) && s.RangeRightAfter(*m) != nullptr) {
          actors.push_back(m);
        }
      }
    }
    // "the first departure from the CSTO since Ruritania's in 2031": the
    // earlier event is presupposed, whatever the main clause's modality.
    if (trigger->nominal()) {
      if (std::optional<ElidedPossessor> elided = ElidedPossessorAfter(s, match.end_token)) {
        std::string organization = s.OrganizationAfter(match.end_token, kMaxObjectGap);
        if (organization.empty()) organization = s.focus_organization();
        if (!organization.empty()) {
          v1::MembershipEvent* event = &out->emplace_back();
          event->set_country(elided->country->code);
          event->set_organization(organization);
          event->set_action(TriggerLexicon::ActionOf(*trigger));
          *event->mutable_date() = DateOf(elided->date);
          *event->add_evidence() = SentenceEvidence(s.doc(), s.sentence());
          event->set_confidence(BoundConfidence(trigger->confidence() - 0.15));
          event->set_factuality(v1::FACTUALITY_ASSERTED);
        }
      }
    }
    if (actors.empty()) continue;
    shared_actors = actors;
    shared_end = match.end_token;
    double confidence = trigger->confidence();
    // "let its membership of the CST lapse", "Observer status in the CSTO
    // Assembly was given": an organization inside a frame's span is its own.
    std::string organization;
    if (match.object_token >= 0 || match.object_first) {
      for (int t = match.first_token; t < match.end_token && organization.empty(); ++t) {
        const Mention* m = s.MentionAt(t);
        if (m != nullptr && m->kind == MentionKind::kOrganization) organization = m->code;
      }
    }
    if (organization.empty()) organization = s.OrganizationAfter(match.end_token, kMaxObjectGap);
    if (organization.empty()) {
      organization = s.OrganizationBefore(match.first_token, kMaxOrganizationBefore);
      confidence -= 0.05;
    }
    if (organization.empty() && trigger->implicit_organization()) {
      organization = s.focus_organization();
      confidence -= 0.1;
    }
    // "Three more states acceded the following year: A on D1, ...", "Former
    // members: A (2031–2038)": a list's organization may be that of the
    // sentences just before.
    // "Ruritania left in 2038": a verb without an object means the
    // organization the document is about (an aside about another one in the
    // sentence before does not change that), else the one named just before.
    const bool passive = match.first_token > s.sentence().first_token &&
                         s.words().IsWord(kAuxiliary, s.doc().tokens[static_cast<size_t>(match.first_token - 1)]);
    if (organization.empty() && !trigger->nominal() && !passive && s.TakesNoObject(match.end_token)) {
      organization = s.focus_organization();
      if (organization.empty()) organization = s.RecentOrganization(kMaxOrganizationSentencesBack);
      confidence -= 0.15;
    }
    if (organization.empty() && from_list) {
      organization = s.RecentOrganization(kMaxOrganizationSentencesBack);
      confidence -= 0.15;
    }
    if (organization.empty()) continue;
    if (NamesAnotherEvent(s, triggers, match.end_token)) continue;
    Modality modality = ClassifyFactuality(s, match, *trigger);
    v1::MembershipAction action = TriggerLexicon::ActionOf(*trigger);
    // "did not renew", "did not sign the protocol renewing": a declined renewal.
    if (action == v1::MEMBERSHIP_ACTION_RENEWED && modality.factuality == v1::FACTUALITY_NEGATED) {
      action = v1::MEMBERSHIP_ACTION_DECLINED_RENEWAL;
      modality = Modality();  // asserted: no cue
    }
    // "refused to sign": no signature; beside a renewal in the same sentence
    // ("six states signed the protocol prolonging the treaty; Ruritania
    // declined to sign") it is a declined renewal.
    const int refused = action == v1::MEMBERSHIP_ACTION_SIGNED && modality.factuality == v1::FACTUALITY_ASSERTED
                            ? NotDoneStart(s, match.first_token)
                            : -1;
    if (refused >= 0) {
      bool renewal = false;
      for (const TriggerMatch& other : triggers) {
        const Trigger* t = other.Find(TRIGGER_KIND_MEMBERSHIP);
        renewal |= t != nullptr && TriggerLexicon::ActionOf(*t) == v1::MEMBERSHIP_ACTION_RENEWED;
      }
      if (renewal) {
        action = v1::MEMBERSHIP_ACTION_DECLINED_RENEWAL;
      } else {
        modality.factuality = v1::FACTUALITY_NEGATED;
        SetCue(s, refused, match.first_token, &modality);
      }
    }
    int next = -1;
    for (size_t j = k + 1; j < triggers.size() && next < 0; ++j) {
      // The next event's verb (a state such as "its membership" is none).
      const Trigger* later = triggers[j].Find(TRIGGER_KIND_MEMBERSHIP);
      if (later != nullptr && !later->needs_range()) next = triggers[j].first_token;
    }
    const Mention* date = s.NearestDate(match.first_token, match.end_token, next);
    if (date != nullptr && s.ClauseOf(date->first_token) != s.ClauseOf(match.first_token)) confidence -= 0.05;
    if (actors.size() > 1) confidence -= 0.05;
    v1::PartialDate own_date = DateOf(date);
    if (date == nullptr) own_date = s.AnnouncementDate(match.first_token);
    // Who did it when: one (actor, date, action) per event.
    std::vector<const Mention*> dates(actors.size(), date);
    if (list_dates.size() == actors.size()) dates = list_dates;
    std::vector<v1::MembershipAction> actions(actors.size(), action);
    if (trigger->range_end_action().empty()) {
      for (const Mention* repeated : s.RepeatedDates(date, next)) {
        const size_t n = actors.size();
        for (size_t a = 0; a < n; ++a) {
          actors.push_back(actors[a]);
          dates.push_back(repeated);
          actions.push_back(action);
        }
      }
      for (const SentenceStructure::Gapped& gapped : s.GappedConjuncts(match.end_token, next)) {
        if (std::find(actors.begin(), actors.end(), gapped.country) != actors.end()) continue;
        actors.push_back(gapped.country);
        dates.push_back(gapped.date != nullptr ? gapped.date : date);
        actions.push_back(action);
      }
    } else {
      ExpandRanges(s, *trigger, action, next, &actors, &dates, &actions);
    }
    for (size_t a = 0; a < actors.size(); ++a) {
      const Mention* actor = actors[a];
      const Mention* actor_date = dates[a];
      const v1::MembershipAction actor_action = actions[a];
      const std::string country = ActorCode(*actor);
      if (country.empty()) continue;
      bool duplicate = false;
      const v1::PartialDate event_date = actor_date != nullptr ? DateOf(actor_date) : own_date;
      for (size_t i = first_new; i < out->size(); ++i) {
        const v1::MembershipEvent& e = (*out)[i];
        duplicate |= e.country() == country && e.organization() == organization && e.action() == actor_action &&
                     FormatDate(e.date()) == FormatDate(event_date);
      }
      if (duplicate) continue;
      v1::MembershipEvent* event = &out->emplace_back();
      event->set_country(country);
      event->set_organization(organization);
      event->set_action(actor_action);
      *event->mutable_date() = event_date;
      *event->add_evidence() = SentenceEvidence(s.doc(), s.sentence());
      event->set_confidence(BoundConfidence(confidence));
      event->set_factuality(modality.factuality);
      event->set_reported_by(modality.reported_by);
      event->set_factuality_cue(modality.cue);
    }
  }
}

}  // namespace alliance::ingest::events
