#include "ingest-service/extract/events/intervention_extractor.h"

#include <cstdlib>
#include <optional>
#include <string>

#include "absl/strings/match.h"
#include "common/partial_date.h"
#include "ingest-service/extract/date_resolver.h"
#include "ingest-service/extract/events/event_records.h"
#include "ingest-service/extract/events/modality.h"

namespace alliance::ingest::events {
namespace {

constexpr int kMaxOrganizationGap = 12;
// "by"/"under" this far after a deployment trigger may introduce its organization.
constexpr int kMaxAgentSearch = 6;
constexpr int kMaxEndGap = 8;
// A contribution sentence attaches to an intervention at most this far back.
constexpr int kMaxContributionBack = 6;
// "The deployment comprised ...": a definite noun refers to an intervention at
// most this far back (headings and bullets count as sentences).
constexpr int kMaxDefiniteBack = 10;
// Words between a count and its troop noun ("1,200 CSTO troops", "1,200 of its troops").
constexpr int kMaxCountToNoun = 4;

bool SameOrEmpty(const std::string& want, const std::string& have) { return want.empty() || want == have; }

// True when the sentence before names troops ("pulling its troops out").
bool PreviousSentenceHasTroops(const SentenceStructure& s) {
  const int index = s.sentence().index;
  if (index == 0) return false;
  const Sentence& before = s.doc().sentences[static_cast<size_t>(index - 1)];
  for (int i = before.first_token; i < before.end_token; ++i) {
    if (s.words().IsWord(kTroopNoun, s.doc().tokens[static_cast<size_t>(i)])) return true;
  }
  return false;
}

// Returns the troop noun that is the subject of the verb at `first`: within a
// few words before it in its clause ("Bordurian paratroopers began arriving");
// -1 when none.
int TroopNounBefore(const SentenceStructure& s, int first) {
  constexpr int kMaxSubjectWords = 4;
  for (int i = first - 1; i >= s.sentence().first_token && i >= first - kMaxSubjectWords; --i) {
    if (s.ClauseOf(i) != s.ClauseOf(first)) return -1;
    const Token& t = s.doc().tokens[static_cast<size_t>(i)];
    if (s.words().IsWord(kTroopNoun, t)) return i;
    // "They had arrived": the troops of the sentence before.
    if (i == s.sentence().first_token && t.lower == "they" && PreviousSentenceHasTroops(s)) return i;
  }
  return -1;
}

bool TroopsBefore(const SentenceStructure& s, int first) { return TroopNounBefore(s, first) >= 0; }

// True when the troops that are the subject of the verb at `first` are
// definite ("The first units landed", "the peacekeepers began leaving"): they
// are those of a deployment the text has told of.
bool DefiniteTroopsBefore(const SentenceStructure& s, int first) {
  constexpr int kMaxNounPhraseWords = 3;
  const int noun = TroopNounBefore(s, first);
  if (noun >= 0 && !s.words().IsWord(kTroopNoun, s.doc().tokens[static_cast<size_t>(noun)])) return true;  // "They"
  for (int i = noun - 1; noun >= 0 && i >= s.sentence().first_token && i >= noun - kMaxNounPhraseWords; --i) {
    const Token& token = s.doc().tokens[static_cast<size_t>(i)];
    if (s.words().IsWord(kDefinite, token) || s.words().IsWord(kPossessive, token)) return true;
    if (token.shape == Token::Shape::kPunctuation || s.MentionAt(i) != nullptr) return false;
  }
  return false;
}

// True when the verb of `match` moves troops that no state in its clause owns:
// a troop noun is its subject ("About 1,200 troops arrive") or its object
// ("to send about 1,200 peacekeepers").
bool SendsTroops(const SentenceStructure& s, const TriggerMatch& match) {
  constexpr int kMaxObjectWords = 5;
  const Trigger* trigger = match.Find(TRIGGER_KIND_INTERVENTION);
  if (trigger == nullptr || trigger->nominal()) return false;
  // "Bordurian troops moved ... and sent up to 1,000 troops": a state's own.
  for (const Mention* m : s.mentions()) {
    if (m->first_token >= match.first_token) break;
    if (m->kind == MentionKind::kCountry && s.ClauseOf(m->first_token) == s.ClauseOf(match.first_token)) return false;
  }
  if (TroopsBefore(s, match.first_token)) return true;
  for (int i = match.first_token + 1; i < s.sentence().end_token && i <= match.end_token + kMaxObjectWords; ++i) {
    if (s.ClauseOf(i) != s.ClauseOf(match.first_token)) break;
    if (s.words().IsWord(kTroopNoun, s.doc().tokens[static_cast<size_t>(i)])) return true;
  }
  return false;
}

// True when the verb of `match` names where the troops went, known or not
// ("sent to the Valley", "landed in Port Town"): a preposition of place and
// a name after it in its clause.
bool NamesAPlace(const SentenceStructure& s, const TriggerMatch& match) {
  constexpr int kMaxPlaceGap = 6;
  const std::vector<Token>& tokens = s.doc().tokens;
  for (int i = match.end_token; i + 1 < s.sentence().end_token && i <= match.end_token + kMaxPlaceGap; ++i) {
    if (s.ClauseOf(i) != s.ClauseOf(match.first_token)) break;
    const Token& t = tokens[static_cast<size_t>(i)];
    if (t.shape == Token::Shape::kPunctuation) break;
    if ((s.words().IsWord(kHostPreposition, t) || t.lower == "near") && tokens[static_cast<size_t>(i + 1)].capitalized &&
        s.MentionAt(i + 1) == nullptr) {
      return true;
    }
  }
  return false;
}

// True when the verb of `match` is the infinitive a request verb before it in
// its clause asks for ("asked the CSTO to intervene", "called on the bloc to
// send troops").
bool RequestedAction(const SentenceStructure& s, const std::vector<TriggerMatch>& triggers, const TriggerMatch& match) {
  const Trigger* trigger = match.Find(TRIGGER_KIND_INTERVENTION);
  if (trigger == nullptr || trigger->nominal() || match.first_token == s.sentence().first_token ||
      s.doc().tokens[static_cast<size_t>(match.first_token - 1)].lower != "to") {
    return false;
  }
  for (const TriggerMatch& other : triggers) {
    if (other.first_token >= match.first_token) break;
    const Trigger* request = other.Find(TRIGGER_KIND_REQUEST);
    if (request != nullptr && !request->nominal() && s.ClauseOf(other.first_token) == s.ClauseOf(match.first_token)) {
      return true;
    }
  }
  return false;
}

// Returns the country an end trigger takes troops out of: "pulling its troops
// out of Freedonia", "withdrew from Freedonia"; null when none.
const Mention* WithdrawnFrom(const SentenceStructure& s, const TriggerMatch& match) {
  constexpr int kMaxFromGap = 6;
  const std::vector<Token>& tokens = s.doc().tokens;
  for (int i = match.end_token; i + 1 < s.sentence().end_token && i <= match.end_token + kMaxFromGap; ++i) {
    if (s.ClauseOf(i) != s.ClauseOf(match.first_token)) break;
    const std::string& w = tokens[static_cast<size_t>(i)].lower;
    const bool from = w == "from" || (w == "of" && tokens[static_cast<size_t>(i - 1)].lower == "out");
    if (!from) continue;
    const Mention* m = s.MentionAt(i + 1);
    if (m != nullptr && m->kind == MentionKind::kCountry && m->country_form != CountryForm::kDemonym) return m;
    return nullptr;
  }
  return nullptr;
}

// True when `match` is a noun that introduces a counted force no state in its
// clause owns: "within days a force of 1,400 servicemen had taken up positions".
bool IntroducesCountedForce(const SentenceStructure& s, const TriggerMatch& match) {
  const Trigger* trigger = match.Find(TRIGGER_KIND_INTERVENTION);
  if (trigger == nullptr || !trigger->nominal() || match.first_token == s.sentence().first_token) return false;
  const std::vector<Token>& tokens = s.doc().tokens;
  const std::string& article = tokens[static_cast<size_t>(match.first_token - 1)].lower;
  if (article != "a" && article != "an") return false;
  if (match.end_token + 2 >= s.sentence().end_token || tokens[static_cast<size_t>(match.end_token)].lower != "of") {
    return false;
  }
  const Mention* count = s.MentionAt(match.end_token + 1);
  if (count == nullptr || count->kind != MentionKind::kNumber || count->end_token >= s.sentence().end_token ||
      !s.words().IsWord(kTroopNoun, tokens[static_cast<size_t>(count->end_token)])) {
    return false;
  }
  for (const Mention* m : s.mentions()) {
    if (m->first_token >= match.first_token) break;
    if (m->kind == MentionKind::kCountry && m->country_form != CountryForm::kPlace &&
        s.ClauseOf(m->first_token) == s.ClauseOf(match.first_token)) {
      return false;
    }
  }
  return true;
}

// Returns the latest request for help, granted or pending, that troops sent
// from sentence `sentence` without a destination answer: told at most three
// sentences before or in the same one, to `organization` when not empty;
// null when none.
const v1::AssistanceRequest* AnsweredRequest(const std::vector<v1::AssistanceRequest>& requests,
                                             const std::string& organization, int sentence) {
  constexpr int kMaxRequestBack = 3;
  const v1::AssistanceRequest* answered = nullptr;
  for (const v1::AssistanceRequest& request : requests) {
    const int at = request.evidence_size() > 0 ? request.evidence(0).sentence_index() : -1;
    if (at < 0 || at > sentence || sentence - at > kMaxRequestBack) continue;
    if (request.factuality() != v1::FACTUALITY_ASSERTED && request.factuality() != v1::FACTUALITY_REPORTED) continue;
    if (request.outcome() != v1::ASSISTANCE_OUTCOME_GRANTED && request.outcome() != v1::ASSISTANCE_OUTCOME_PENDING) {
      continue;
    }
    if (!organization.empty() && request.organization() != organization) continue;
    if (request.requester_country().empty() || request.requester_country() == request.organization()) continue;
    answered = &request;
  }
  return answered;
}

// True when an intervention trigger other than `match` shares its clause.
bool DeploymentInClause(const SentenceStructure& s, const std::vector<TriggerMatch>& triggers,
                        const TriggerMatch& match) {
  for (const TriggerMatch& other : triggers) {
    if (&other != &match && other.Find(TRIGGER_KIND_INTERVENTION) != nullptr &&
        s.ClauseOf(other.first_token) == s.ClauseOf(match.first_token)) {
      return true;
    }
  }
  return false;
}

}  // namespace

const v1::Intervention* InterventionExtractor::Recent(const std::string& organization, const std::string& host,
                                                      int sentence, int max_back) const {
  for (size_t i = records_.size(); i-- > 0;) {
    const v1::Intervention& r = records_[i];
    if (sentence - sentence_of_[i] > max_back) break;
    // Told as fact or attributed ("according to figures the alliance published").
    if (r.factuality() != v1::FACTUALITY_ASSERTED && r.factuality() != v1::FACTUALITY_REPORTED) continue;
    if (SameOrEmpty(organization, r.organization()) && SameOrEmpty(host, r.host_country())) return &r;
  }
  return nullptr;
}

namespace {

// Returns the country a count is listed under: "Sylvania – 150", "Ruritania
// -- 100", or, gapped, "and Sylvania about 200"; null when none.
const Mention* ListedUnder(const SentenceStructure& s, const Mention& count) {
  const std::vector<Token>& tokens = s.doc().tokens;
  int i = count.first_token - 1;
  while (i > s.sentence().first_token && tokens[static_cast<size_t>(i)].lower == "-") --i;
  const Mention* m = s.MentionAt(i);
  if (m == nullptr || m->kind != MentionKind::kCountry || m->end_token != i + 1) return nullptr;
  if (m->country_form == CountryForm::kDemonym) return nullptr;
  // A dash, or a gapped conjunct after a coordinator or the colon that opens a
  // list ("... and Sylvania about 200", "smaller units: Sylvania about 200").
  const bool dashed = i + 1 < count.first_token;
  const Token* before = m->first_token > s.sentence().first_token ? &tokens[static_cast<size_t>(m->first_token - 1)]
                                                                   : nullptr;
  const bool gapped = before != nullptr && (s.words().IsWord(kCoordinator, *before) || before->lower == ":");
  return dashed || gapped ? m : nullptr;
}

// True when `match` sends troops: a contribution ("contributed"), or a verb of
// deployment with a state as its subject ("Sylvania sent a company").
bool Sends(const TriggerMatch& match) {
  if (match.Find(TRIGGER_KIND_CONTRIBUTION) != nullptr) return true;
  const Trigger* deployment = match.Find(TRIGGER_KIND_INTERVENTION);
  return deployment != nullptr && !deployment->nominal();
}

// Returns the single country that contributes through a contribution trigger
// starting before `token` in its clause (a frame's span may hold the figure
// itself: "sent 200 troops"); "" when none.
std::string ContributorBefore(const SentenceStructure& s, const std::vector<TriggerMatch>& triggers, int token) {
  std::string found;
  for (const TriggerMatch& match : triggers) {
    if (match.first_token >= token) break;
    if (!Sends(match)) continue;
    if (s.ClauseOf(match.first_token) != s.ClauseOf(token)) continue;
    const Mention* owner = s.PossessorOf(match.first_token);
    if (owner != nullptr) {
      found = owner->code;
      continue;
    }
    const std::vector<const Mention*> actors = s.Actors(match.first_token, match.end_token, false);
    if (actors.size() == 1) found = ActorCode(*actors[0]);
  }
  return found;
}

void AddContributor(const std::string& country, v1::Intervention* record) {
  if (country.empty()) return;
  for (const std::string& c : record->contributing_countries()) {
    if (c == country) return;
  }
  record->add_contributing_countries(country);
}

}  // namespace

void InterventionExtractor::AddTroops(const SentenceStructure& s, int from, int to, const std::string& contributor,
                                      const std::vector<TriggerMatch>& triggers, v1::Intervention* record) const {
  const std::vector<Token>& tokens = s.doc().tokens;
  bool any_troop_noun = false;
  for (int i = s.sentence().first_token; i < s.sentence().end_token; ++i) {
    any_troop_noun |= s.words().IsWord(kTroopNoun, tokens[static_cast<size_t>(i)]);
  }
  for (const Mention* m : s.mentions()) {
    if (m->kind != MentionKind::kNumber || m->first_token < from || m->first_token >= to) continue;
    int noun = -1;
    for (int i = m->end_token; i < s.sentence().end_token && i <= m->end_token + kMaxCountToNoun; ++i) {
      if (s.words().IsWord(kTroopNoun, tokens[static_cast<size_t>(i)])) {
        noun = i;
        break;
      }
    }
    const Mention* listed = any_troop_noun ? ListedUnder(s, *m) : nullptr;
    // "about 1,200 of them": the troops named before.
    const bool of_them = noun < 0 && any_troop_noun && m->end_token + 1 < s.sentence().end_token &&
                         tokens[static_cast<size_t>(m->end_token)].lower == "of" &&
                         (tokens[static_cast<size_t>(m->end_token + 1)].lower == "them" ||
                          tokens[static_cast<size_t>(m->end_token + 1)].lower == "those");
    if (noun < 0 && listed == nullptr && !of_them) continue;
    std::string country = listed != nullptr ? listed->code : contributor;
    if (noun >= 0) {
      const Mention* before_noun = s.MentionAt(noun - 1);
      if (before_noun != nullptr && before_noun->kind == MentionKind::kCountry) country = before_noun->code;
    }
    if (country.empty()) country = ContributorBefore(s, triggers, m->first_token);
    // "one paratrooper company", "two battalions of paratroopers": a count of
    // units; its sender still contributes.
    bool units = false;
    for (int i = m->end_token; i < s.sentence().end_token && i <= m->end_token + 1; ++i) {
      units |= s.words().IsWord(kUnitNoun, tokens[static_cast<size_t>(i)]);
    }
    if (units) {
      if (country != record->host_country()) AddContributor(country, record);
      continue;
    }
    const int last = noun >= 0 ? noun : m->end_token - 1;
    v1::TroopContribution* troops = record->add_troops();
    troops->set_country(country);
    troops->set_count(static_cast<int32_t>(m->number));
    troops->set_approximate(m->approximate);
    *troops->mutable_evidence() = SentenceEvidence(s.doc(), s.sentence());
    troops->set_as_written(s.doc().text.substr(static_cast<size_t>(m->begin),
                                               static_cast<size_t>(tokens[static_cast<size_t>(last)].end - m->begin)));
    AddContributor(country, record);
  }
  // "Bordurian paratroopers", "Borduria -- the bulk of the force; Sylvania --
  // around 200": states whose troops are named without a figure (not the
  // host's own units).
  for (const Mention* m : s.mentions()) {
    if (m->kind != MentionKind::kCountry || m->first_token < from || m->first_token >= to) continue;
    if (m->code == record->host_country() || m->end_token >= s.sentence().end_token) continue;
    const Token& next = tokens[static_cast<size_t>(m->end_token)];
    const bool troops_of = m->country_form == CountryForm::kDemonym && s.words().IsWord(kTroopNoun, next);
    const bool dash_listed = m->country_form == CountryForm::kName && any_troop_noun && next.lower == "-" &&
                             record->troops_size() > 0;
    if (troops_of || dash_listed) AddContributor(m->code, record);
  }
  // "Sylvania sent a company of paratroopers": a contributor without a figure.
  for (const TriggerMatch& match : triggers) {
    if (!Sends(match) || match.first_token < from || match.first_token >= to) continue;
    bool sends_troops = false;
    for (int i = match.first_token; i < s.sentence().end_token && i <= match.end_token + kMaxCountToNoun + 2; ++i) {
      sends_troops |= s.words().IsWord(kTroopNoun, tokens[static_cast<size_t>(i)]);
    }
    if (sends_troops) AddContributor(ContributorBefore(s, triggers, match.end_token), record);
  }
}

void InterventionExtractor::AddSentence(const SentenceStructure& s, const std::vector<TriggerMatch>& triggers,
                                        const std::vector<v1::AssistanceRequest>& requests) {
  const int sentence = s.sentence().index;
  const std::vector<Token>& tokens = s.doc().tokens;
  const size_t first_new = records_.size();
  bool any_intervention = false;
  for (size_t k = 0; k < triggers.size(); ++k) {
    const TriggerMatch& match = triggers[k];
    const Trigger* trigger = match.Find(TRIGGER_KIND_INTERVENTION);
    // "The last CSTO peacekeepers left Freedonia today": an end alone, with
    // the organization before it and the host after it (a clause of its own:
    // "the mission had been accomplished; ... the last aircraft left on 19 January").
    const bool end_only = trigger == nullptr && match.Find(TRIGGER_KIND_INTERVENTION_END) != nullptr &&
                          !DeploymentInClause(s, triggers, match);
    if (end_only) trigger = match.Find(TRIGGER_KIND_INTERVENTION_END);
    if (trigger == nullptr) continue;
    if (trigger->needs_troops() && !TroopsBefore(s, match.first_token)) continue;
    // "asked the CSTO to intervene in Sylvania": what was asked for, not done.
    if (!end_only && RequestedAction(s, triggers, match)) continue;
    double confidence = trigger->confidence();
    // "Bordurian soldiers moved into the Hill Province": a state's own troops; only an
    // organization named with them ("under the CSTO flag") makes them its.
    const int troop_subject = TroopNounBefore(s, match.first_token);
    const Mention* owner_state = troop_subject > s.sentence().first_token ? s.MentionAt(troop_subject - 1) : nullptr;
    const bool state_troops = owner_state != nullptr && owner_state->kind == MentionKind::kCountry &&
                              owner_state->country_form == CountryForm::kDemonym;
    std::string organization =
        state_troops ? "" : s.OrganizationBeforeInClause(match.first_token, kMaxOrganizationGap);
    // "the first troops of the alliance were in Port Town": the owner inside a
    // subject-first frame.
    if (organization.empty() && match.object_first && match.end_token - match.first_token > 2) {
      organization = s.OrganizationAfter(match.first_token + 1, match.end_token - match.first_token - 2);
    }
    // "1,200 of its troops entered": the organization named earlier.
    if (organization.empty() && s.WordBefore(kPossessive, match.first_token, 4)) {
      organization = s.OrganizationBefore(match.first_token, match.first_token - s.sentence().first_token);
    }
    // "The intervention by the CSTO in Freedonia", "troops were dispatched to
    // Freedonia by the CSTO", "the deployment of CSTO peacekeepers", "arriving
    // in Freedonia under the CSTO flag": an agent or owner after the trigger.
    for (int i = match.end_token; organization.empty() && i < s.sentence().end_token &&
                                  i <= match.end_token + kMaxAgentSearch && s.ClauseOf(i) == s.ClauseOf(match.first_token);
         ++i) {
      const std::string& w = tokens[static_cast<size_t>(i)].lower;
      // "the mission, led by the alliance's chief of staff": an aside, not the agent.
      if (tokens[static_cast<size_t>(i)].shape == Token::Shape::kPunctuation) break;
      const bool introduces = s.words().IsWord(kAgentPreposition, tokens[static_cast<size_t>(i)]) || w == "under" ||
                              (w == "of" && i == match.end_token);
      if (!introduces || end_only) continue;
      organization = s.OrganizationAfter(i + 1, 3);
      // "the deployment of CSTO peacekeepers" names troops; "the mission of the
      // CSTO" names a purpose.
      if (w == "of" && !organization.empty()) {
        bool troops = false;
        for (int t = i + 1; t < s.sentence().end_token && t <= i + 4; ++t) {
          troops |= s.words().IsWord(kTroopNoun, tokens[static_cast<size_t>(t)]);
        }
        if (!troops) organization.clear();
      }
    }
    // "Bordurian paratroopers began landing in Freedonia, the vanguard of a force
    // that a Moscow-led alliance agreed to send": the organization that sends
    // them later in the sentence.
    for (size_t j = k + 1; organization.empty() && j < triggers.size(); ++j) {
      const Trigger* later = triggers[j].Find(TRIGGER_KIND_INTERVENTION);
      if (later == nullptr) later = triggers[j].Find(TRIGGER_KIND_CONTRIBUTION);
      if (later == nullptr || later->nominal()) continue;
      if (later->needs_troops() && !TroopsBefore(s, triggers[j].first_token)) continue;
      organization = s.OrganizationBefore(triggers[j].first_token, kMaxOrganizationGap);
      if (!organization.empty()) confidence -= 0.1;
    }
    const Mention* host_mention = s.HostOf(match.first_token, match.end_token);
    if (host_mention == nullptr && end_only) host_mention = WithdrawnFrom(s, match);
    std::string host = host_mention != nullptr ? host_mention->code : "";
    // "the last aircraft carrying peacekeepers left on 19 January": an end of
    // troops without organization or host ends the latest deployment.
    const v1::Intervention* ended = nullptr;
    // So does a definite end ("its withdrawal was completed", "the pullout").
    const bool definite_end =
        end_only && match.first_token > s.sentence().first_token &&
        (s.words().IsWord(kDefinite, tokens[static_cast<size_t>(match.first_token - 1)]) ||
         s.words().IsWord(kPossessive, tokens[static_cast<size_t>(match.first_token - 1)]));
    if (end_only && (host.empty() || organization.empty()) && (TroopsBefore(s, match.first_token) || definite_end)) {
      ended = Recent(organization, host, sentence, kMaxDefiniteBack);
      if (ended != nullptr) {
        organization = ended->organization();
        host = ended->host_country();
      }
    }
    if (end_only && (host.empty() || organization.empty())) continue;
    const Modality modality = ClassifyFactuality(s, match, *trigger);
    const v1::Intervention* antecedent = nullptr;
    if (organization.empty() || host.empty()) {
      // Only references that name the host ("the intervention in Freedonia",
      // "The troops, sent in to secure Freedonia's ...") or the organization
      // right before the noun ("the CSTO intervention") corefer.
      const bool named_organization = !s.OrganizationBefore(match.first_token, 2).empty();
      // "The force will ...": a definite noun refers to the latest deployment.
      // (Not "the forces", which may be anyone's.)
      const bool definite_noun = trigger->nominal() && match.first_token > s.sentence().first_token &&
                                 s.words().IsWord(kDefinite, tokens[static_cast<size_t>(match.first_token - 1)]) &&
                                 !s.words().IsWord(kTroopNoun, tokens[static_cast<size_t>(match.first_token)]);
      const bool definite_troops = trigger->needs_troops() && DefiniteTroopsBefore(s, match.first_token);
      if (modality.factuality != v1::FACTUALITY_ASSERTED && modality.factuality != v1::FACTUALITY_REPORTED) continue;
      if (!host.empty() || named_organization || definite_noun || definite_troops) {
        antecedent = Recent(organization, host, sentence,
                            (definite_noun || definite_troops) && host.empty() ? kMaxDefiniteBack : sentence + 1);
      }
      if (antecedent != nullptr) {
        organization = antecedent->organization();
        host = antecedent->host_country();
        confidence -= 0.1;
      } else if (host.empty() && !end_only &&
                 (!organization.empty() || SendsTroops(s, match) || IntroducesCountedForce(s, match)) &&
                 !NamesAPlace(s, match) && Recent("", "", sentence, kMaxDefiniteBack) == nullptr) {
        // "The alliance agreed within hours to send about 1,200 peacekeepers",
        // "About 1,200 troops arrive the next day": troops sent without a
        // destination go where help was asked for. After a deployment they
        // are a share of it ("Sylvania sent 200 troops"), read below.
        const v1::AssistanceRequest* answered = AnsweredRequest(requests, organization, sentence);
        if (answered == nullptr) continue;
        organization = answered->organization();
        host = answered->requester_country();
        confidence -= 0.1;
      } else {
        continue;
      }
    }
    if (organization == host) continue;
    any_intervention = true;

    // An end trigger after the intervention in the same clause: "left a week later".
    const TriggerMatch* end_match = nullptr;
    for (size_t j = k + 1; j < triggers.size(); ++j) {
      if (triggers[j].first_token > match.end_token + kMaxEndGap) break;
      if (triggers[j].Find(TRIGGER_KIND_INTERVENTION_END) != nullptr &&
          s.ClauseOf(triggers[j].first_token) == s.ClauseOf(match.first_token)) {
        end_match = &triggers[j];
        break;
      }
    }
    v1::PartialDate start;
    v1::PartialDate end;
    if (end_only) {
      end = DateOf(s.NearestDate(match.first_token, match.end_token));
      if (antecedent != nullptr) start = antecedent->start();
    } else if (end_match != nullptr) {
      const Mention* date = s.NearestDate(end_match->first_token, end_match->end_token);
      if (date != nullptr && date->first_token >= end_match->end_token) end = date->date;
      if (antecedent != nullptr) start = antecedent->start();
      // "left a week later": the distance counted from the start.
      if (date != nullptr && date->relative && date->offset.has_value() && !IsUnset(start)) {
        end = ResolveRelativeTo(*date->offset, start);
        end.set_as_written(date->date.as_written());
        end.set_rule(v1::DATE_RULE_OFFSET_FROM_ANCHOR);
        end.set_anchor(FormatDate(start));
        CompleteInterval(&end);
      }
    } else if (antecedent != nullptr && trigger->nominal()) {
      // "The force began handing its sites back on 13 January": a reference
      // to a deployment told of before does not date its start (Finish dates
      // it from the others when the antecedent has none yet).
      start = antecedent->start();
    } else {
      const Mention* start_mention = s.NearestDate(match.first_token, match.end_token);
      start = DateOf(start_mention);
      // "from 6 to 19 January 2022": both ends.
      end = DateOf(s.RangeEndOf(start_mention));
      if (IsUnset(start) && antecedent != nullptr) start = antecedent->start();
      // "The CSTO is sending troops": dated by publication.
      if (IsUnset(start) && !trigger->nominal()) start = s.AnnouncementDate(match.first_token);
    }

    // (records_ may grow below: keep what is needed of the antecedent.)
    const v1::PartialDate antecedent_end = antecedent != nullptr ? antecedent->end() : v1::PartialDate();
    v1::Intervention* record = nullptr;
    for (size_t i = first_new; i < records_.size(); ++i) {
      if (records_[i].organization() == organization && records_[i].host_country() == host &&
          records_[i].factuality() == modality.factuality) {
        record = &records_[i];
      }
    }
    if (record == nullptr) {
      record = &records_.emplace_back();
      sentence_of_.push_back(sentence);
      record->set_organization(organization);
      record->set_host_country(host);
      *record->add_evidence() = SentenceEvidence(s.doc(), s.sentence());
      record->set_factuality(modality.factuality);
      if (modality.factuality == v1::FACTUALITY_REPORTED) record->set_reported_by(modality.reported_by);
      record->set_factuality_cue(modality.cue);
      record->set_confidence(BoundConfidence(confidence));
      AddTroops(s, s.sentence().first_token, s.sentence().end_token, "", triggers, record);
    }
    if (record->purpose().empty()) record->set_purpose(s.PurposeAfter(match.end_token));
    if (IsUnset(record->start()) && !IsUnset(start)) *record->mutable_start() = start;
    if (IsUnset(record->end()) && !IsUnset(end)) *record->mutable_end() = end;
    // "... finished pulling its troops out on 19 January. They had arrived on
    // 6 January": what the text already told of the deployment holds.
    if (IsUnset(record->end()) && !IsUnset(antecedent_end) &&
        (IsUnset(record->start()) || LastDayKey(record->start()) <= FirstDayKey(antecedent_end))) {
      *record->mutable_end() = antecedent_end;
    }
  }
  if (any_intervention) return;

  // Contributors' shares of a recent intervention: "Borduria ..., sending about
  // 3,000 paratroopers", "Sylvania sent around 200 troops, Sylvania 150 and
  // Ruritania 100, while Sylvania contributed a company of paratroopers".
  // The sender is a state ("Borduria contributed ...") or the members as a list
  // ("the other members sent smaller units: Sylvania about 200 ...").
  const TriggerMatch* sends = nullptr;
  const TriggerMatch* any_sends = nullptr;
  for (const TriggerMatch& match : triggers) {
    if (!Sends(match)) continue;
    if (any_sends == nullptr) any_sends = &match;
    const std::vector<const Mention*> actors = s.Actors(match.first_token, match.end_token, false);
    if (actors.size() == 1 && actors[0]->kind == MentionKind::kCountry) {
      sends = &match;
      break;
    }
  }
  if (sends == nullptr) sends = any_sends;
  if (sends == nullptr) return;
  const v1::Intervention* antecedent = Recent("", "", sentence, kMaxContributionBack);
  if (antecedent == nullptr) return;
  const Trigger* trigger = sends->Find(TRIGGER_KIND_CONTRIBUTION);
  if (trigger == nullptr) trigger = sends->Find(TRIGGER_KIND_INTERVENTION);
  const Modality modality = ClassifyFactuality(s, *sends, *trigger);
  // Wire copy attributes contributions ("Ruritania said it was sending 100 troops").
  if (modality.factuality != v1::FACTUALITY_ASSERTED && modality.factuality != v1::FACTUALITY_REPORTED) return;
  v1::Intervention contribution;
  contribution.set_organization(antecedent->organization());
  contribution.set_host_country(antecedent->host_country());
  *contribution.mutable_start() = antecedent->start();
  AddTroops(s, s.sentence().first_token, s.sentence().end_token, "", triggers, &contribution);
  // A share without a contributor would read as the whole force: keep only the states' shares.
  for (int t = contribution.troops_size() - 1; t >= 0; --t) {
    if (contribution.troops(t).country().empty()) contribution.mutable_troops()->DeleteSubrange(t, 1);
  }
  // "Borduria is providing most of the soldiers": a contributor without a figure.
  bool troop_noun = false;
  for (int i = sends->end_token; i < s.sentence().end_token && i <= sends->end_token + kMaxCountToNoun + 2; ++i) {
    troop_noun |= s.words().IsWord(kTroopNoun, tokens[static_cast<size_t>(i)]);
  }
  if (troop_noun) AddContributor(ContributorBefore(s, triggers, sends->end_token), &contribution);
  if (contribution.troops_size() == 0 && contribution.contributing_countries_size() == 0) return;
  *contribution.add_evidence() = SentenceEvidence(s.doc(), s.sentence());
  contribution.set_factuality(modality.factuality);
  contribution.set_reported_by(modality.reported_by);
  contribution.set_factuality_cue(modality.cue);
  contribution.set_confidence(BoundConfidence(trigger->confidence() - 0.1));
  records_.push_back(std::move(contribution));
  sentence_of_.push_back(sentence);
}

std::vector<v1::Intervention> InterventionExtractor::Finish() {
  for (size_t i = 0; i < records_.size(); ++i) {
    v1::Intervention& r = records_[i];
    if (IsUnset(r.start())) {
      int best_distance = 0;
      const v1::Intervention* best = nullptr;
      for (size_t j = 0; j < records_.size(); ++j) {
        const v1::Intervention& o = records_[j];
        if (j == i || IsUnset(o.start()) || o.factuality() != v1::FACTUALITY_ASSERTED) continue;
        if (o.organization() != r.organization() || o.host_country() != r.host_country()) continue;
        const int distance = std::abs(sentence_of_[j] - sentence_of_[i]);
        if (best == nullptr || distance < best_distance) {
          best = &o;
          best_distance = distance;
        }
      }
      if (best != nullptr) *r.mutable_start() = best->start();
    }
  }
  return std::move(records_);
}

}  // namespace alliance::ingest::events
