#include "ingest-service/extract/mention_finder.h"

#include <algorithm>
#include <utility>

#include "common/partial_date.h"
#include "ingest-service/extract/number_reader.h"
#include "ingest-service/extract/tokenizer.h"

namespace alliance::ingest {
namespace {

constexpr int kMaxNameWords = 4;
// How many sentences back an offset ("a week later") may find its anchor date.
constexpr int kAnchorSentences = 3;

bool HasAsciiLowerCase(absl::string_view s) {
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return true;
  }
  return false;
}

Mention MakeMention(MentionKind kind, const std::vector<Token>& tokens, const Sentence& sentence, int first,
                    int end) {
  Mention m;
  m.kind = kind;
  m.sentence = sentence.index;
  m.first_token = first;
  m.end_token = end;
  m.begin = tokens[static_cast<size_t>(first)].begin;
  m.end = tokens[static_cast<size_t>(end) - 1].end;
  return m;
}

}  // namespace

MentionFinder::MentionFinder(const Lexicon& lexicon, const v1::PartialDate& published)
    : lexicon_(lexicon), dates_(lexicon), published_(published) {}

MentionFinder::PhraseMatch MentionFinder::LongestPhrase(absl::string_view text, const std::vector<Token>& tokens,
                                                        int i, int end) const {
  PhraseMatch best;
  if (!(flags_[static_cast<size_t>(i - flags_first_)] & kPhraseStart)) return best;
  const std::string& first = tokens[static_cast<size_t>(i)].lower;
  std::string key = first;
  for (int k = i;;) {
    const LexiconEntry* entry = lexicon_.FindPhrase(key);
    if (entry != nullptr) {
      const absl::string_view span = text.substr(
          static_cast<size_t>(tokens[static_cast<size_t>(i)].begin),
          static_cast<size_t>(tokens[static_cast<size_t>(k)].end - tokens[static_cast<size_t>(i)].begin));
      if ((!entry->upper_case_only || !HasAsciiLowerCase(span)) &&
          (!entry->capitalized || tokens[static_cast<size_t>(i)].capitalized)) {
        best.entry = entry;
        best.end_token = k + 1;
      }
    }
    ++k;
    if (k >= end || k - i >= lexicon_.max_phrase_tokens()) break;
    key.push_back(' ');
    key += tokens[static_cast<size_t>(k)].lower;
    if (!lexicon_.IsPhrasePrefix(key)) break;
  }
  return best;
}

int MentionFinder::ReadName(absl::string_view text, const std::vector<Token>& tokens, int i, int end) const {
  int k = i;
  int words = 0;
  while (k < end && words < kMaxNameWords) {
    const Token& t = tokens[static_cast<size_t>(k)];
    if (t.shape != Token::Shape::kWord || !t.capitalized || t.lower == "'s") break;
    // A country, organization or role is not part of a name ("chair was Borduria").
    {
      const PhraseMatch pm = LongestPhrase(text, tokens, k, end);
      if (pm.entry != nullptr && (pm.entry->kind == LexiconEntry::Kind::kCountry ||
                                  pm.entry->kind == LexiconEntry::Kind::kOrganization ||
                                  pm.entry->kind == LexiconEntry::Kind::kRole)) {
        break;
      }
    }
    ++k;
    ++words;
    // Initials ("John P. Ruehl") and hyphenated names ("Kassym-Jomart").
    if (k + 1 < end && tokens[static_cast<size_t>(k)].begin == t.end) {
      const Token& joiner = tokens[static_cast<size_t>(k)];
      const Token& next = tokens[static_cast<size_t>(k) + 1];
      if (joiner.lower == "." && t.end - t.begin == 1 && next.capitalized) {
        k += 1;
      } else if (joiner.lower == "-" && next.begin == joiner.end && next.capitalized &&
                 next.shape == Token::Shape::kWord) {
        k += 1;
        --words;  // the two halves count as one word
      }
    }
  }
  // A name ending in a dangling joiner is cut back.
  while (k > i && tokens[static_cast<size_t>(k) - 1].shape == Token::Shape::kPunctuation) --k;
  return k;
}

void MentionFinder::FindInSentence(absl::string_view text, const std::vector<Token>& tokens,
                                   const Sentence& sentence, std::vector<Mention>* out) {
  const int end = sentence.end_token;
  flags_first_ = sentence.first_token;
  flags_.resize(static_cast<size_t>(end - sentence.first_token));
  for (int k = sentence.first_token; k < end; ++k) {
    const Token& t = tokens[static_cast<size_t>(k)];
    flags_[static_cast<size_t>(k - flags_first_)] =
        t.shape == Token::Shape::kPunctuation && t.end - t.begin == 1 ? 0 : lexicon_.WordFlags(t.lower);
  }
  const std::vector<DateMatch> dates =
      dates_.FindDates(text, tokens, sentence.first_token, end, published_, flags_.data());
  size_t next_date = 0;
  // The last country mention in this sentence, for "Sylvaniaian President X".
  int country_end_token = -1;
  std::string country_code;

  for (int i = sentence.first_token; i < end;) {
    if (next_date < dates.size() && dates[next_date].first_token == i) {
      const DateMatch& d = dates[next_date++];
      Mention m = MakeMention(MentionKind::kDate, tokens, sentence, d.first_token, d.end_token);
      m.date = d.date;
      m.relative = d.relative;
      m.date_rule = d.rule;
      m.date_role = d.role;
      m.offset = WrittenOffset(d);
      const bool anchored = last_date_.year() != 0 && last_date_sentence_ >= sentence.index - kAnchorSentences;
      if (d.needs_anchor && anchored) {
        // Without a fine enough anchor the resolver's own reading (if any) stays.
        v1::PartialDate date = ResolveRelativeTo(d.offset, last_date_);
        if (!IsUnset(date)) {
          date.set_as_written(m.date.as_written());
          if (d.rule != DateRule::kOffsetOfClause) m.date_rule = DateRule::kOffsetFromAnchor;
          date.set_rule(m.date_rule == DateRule::kOffsetOfClause ? v1::DATE_RULE_OFFSET_OF_CLAUSE
                                                                 : v1::DATE_RULE_OFFSET_FROM_ANCHOR);
          date.set_anchor(FormatDate(last_date_));
          CompleteInterval(&date);
          m.date = std::move(date);
        }
      } else if (d.rule == DateRule::kYearFromPublication && d.role == DateRole::kPoint && anchored &&
                 last_date_.month() != 0) {
        // "Three weeks later, on 24 April": the year of the narrative.
        v1::PartialDate date = YearFromAnchor(m.date, last_date_, published_, false);
        // "... left on 19 January. They had arrived on 6 January": a
        // pluperfect looks back, so it does not roll into the next year.
        constexpr int kMaxAuxiliaryGap = 4;
        bool pluperfect = false;
        for (int k = std::max(sentence.first_token, d.first_token - kMaxAuxiliaryGap); k < d.first_token; ++k) {
          pluperfect |= tokens[static_cast<size_t>(k)].lower == "had";
        }
        if (pluperfect && !IsUnset(date) && date.year() > last_date_.year()) MoveToYear(last_date_.year(), &date);
        if (!IsUnset(date)) {
          date.set_rule(v1::DATE_RULE_YEAR_FROM_ANCHOR);
          date.set_anchor(FormatDate(last_date_));
          m.date = std::move(date);
          m.date_rule = DateRule::kYearFromAnchor;
        }
      }
      if (m.date.year() != 0) {
        last_date_ = m.date;
        last_date_sentence_ = sentence.index;
      }
      out->push_back(std::move(m));
      i = d.end_token;
      continue;
    }
    const int limit = next_date < dates.size() ? dates[next_date].first_token : end;
    const Token& t = tokens[static_cast<size_t>(i)];

    if (t.shape == Token::Shape::kNumber || (flags_[static_cast<size_t>(i - flags_first_)] & kNumberWordStart)) {
      if (auto number = ReadNumber(tokens, i, limit, lexicon_); number.has_value()) {
        Mention m = MakeMention(MentionKind::kNumber, tokens, sentence, number->first_token, number->end_token);
        m.number = number->value;
        m.approximate = number->approximate;
        out->push_back(std::move(m));
        i = number->end_token;
        continue;
      }
    }

    const PhraseMatch pm = LongestPhrase(text, tokens, i, limit);
    if (pm.entry == nullptr) {
      if (t.shape == Token::Shape::kWord && t.capitalized) {
        auto it = local_acronyms_.find(t.lower);
        if (it != local_acronyms_.end() && !HasAsciiLowerCase(TokenText(text, t))) {
          Mention m = MakeMention(MentionKind::kOrganization, tokens, sentence, i, i + 1);
          m.literal_code = lexicon_.organization(it->second).code();
          m.code = lexicon_.OrganizationRoot(it->second);
          out->push_back(std::move(m));
        }
      }
      ++i;
      continue;
    }
    const LexiconEntry& entry = *pm.entry;
    switch (entry.kind) {
      case LexiconEntry::Kind::kCountry: {
        Mention m = MakeMention(MentionKind::kCountry, tokens, sentence, i, pm.end_token);
        m.code = lexicon_.country(entry.index).code();
        m.country_form = entry.country_form;
        country_end_token = pm.end_token;
        country_code = m.code;
        out->push_back(std::move(m));
        i = pm.end_token;
        break;
      }
      case LexiconEntry::Kind::kOrganization: {
        Mention m = MakeMention(MentionKind::kOrganization, tokens, sentence, i, pm.end_token);
        m.literal_code = lexicon_.organization(entry.index).code();
        m.code = lexicon_.OrganizationRoot(entry.index);
        out->push_back(std::move(m));
        i = pm.end_token;
        // "Collective Rapid Reaction Forces (CRRF)": an acronym defined here.
        const int k = pm.end_token;
        if (k + 2 < end && tokens[static_cast<size_t>(k)].lower == "(" &&
            tokens[static_cast<size_t>(k) + 2].lower == ")") {
          const Token& acronym = tokens[static_cast<size_t>(k) + 1];
          if (acronym.shape == Token::Shape::kWord && !HasAsciiLowerCase(TokenText(text, acronym)) &&
              lexicon_.FindPhrase(acronym.lower) == nullptr) {
            local_acronyms_.emplace(acronym.lower, entry.index);
          }
        }
        break;
      }
      case LexiconEntry::Kind::kPerson: {
        Mention m = MakeMention(MentionKind::kPerson, tokens, sentence, i, pm.end_token);
        m.code = lexicon_.person(entry.index).name();
        m.person_country = lexicon_.person(entry.index).country();
        out->push_back(std::move(m));
        i = pm.end_token;
        break;
      }
      case LexiconEntry::Kind::kRole: {
        const std::string role = lexicon_.role(entry.index).role();
        // "Sylvaniaian President X", "Ruritania's Prime Minister X".
        const bool after_country =
            country_end_token == i ||
            (i > 0 && country_end_token == i - 1 && tokens[static_cast<size_t>(i) - 1].lower == "'s");
        std::string person_country = after_country ? country_code : std::string();
        int k = pm.end_token;
        // "President of Borduria, Dmitry Medvedev", "Secretary-General of the CSTO Stanislav Zas".
        if (k + 1 < limit && tokens[static_cast<size_t>(k)].lower == "of") {
          int j = k + 1;
          if (j + 1 < limit && tokens[static_cast<size_t>(j)].lower == "the") ++j;
          const PhraseMatch of = LongestPhrase(text, tokens, j, limit);
          if (of.entry != nullptr && (of.entry->kind == LexiconEntry::Kind::kCountry ||
                                      of.entry->kind == LexiconEntry::Kind::kOrganization)) {
            Mention c = MakeMention(of.entry->kind == LexiconEntry::Kind::kCountry ? MentionKind::kCountry
                                                                                    : MentionKind::kOrganization,
                                    tokens, sentence, j, of.end_token);
            if (of.entry->kind == LexiconEntry::Kind::kCountry) {
              c.code = lexicon_.country(of.entry->index).code();
              c.country_form = of.entry->country_form;
              person_country = c.code;
            } else {
              c.literal_code = lexicon_.organization(of.entry->index).code();
              c.code = lexicon_.OrganizationRoot(of.entry->index);
            }
            out->push_back(std::move(c));
            k = of.end_token;
            if (k < limit && tokens[static_cast<size_t>(k)].lower == ",") ++k;
          }
        }
        const int name_end = ReadName(text, tokens, k, limit);
        if (name_end == k) {
          i = k > pm.end_token ? k : pm.end_token;
          break;
        }
        Mention m = MakeMention(MentionKind::kPerson, tokens, sentence, k, name_end);
        m.role = role;
        // The lexicon knows the name, or its surname.
        const PhraseMatch full = LongestPhrase(text, tokens, k, name_end);
        const PhraseMatch last = LongestPhrase(text, tokens, name_end - 1, name_end);
        const PhraseMatch* known = full.entry != nullptr && full.end_token == name_end ? &full
                                   : last.entry != nullptr                             ? &last
                                                                                       : nullptr;
        if (known != nullptr && known->entry->kind == LexiconEntry::Kind::kPerson) {
          m.code = lexicon_.person(known->entry->index).name();
          if (person_country.empty()) person_country = lexicon_.person(known->entry->index).country();
        } else {
          m.code = std::string(text.substr(static_cast<size_t>(m.begin), static_cast<size_t>(m.end - m.begin)));
        }
        m.person_country = person_country;
        out->push_back(std::move(m));
        i = name_end;
        break;
      }
      case LexiconEntry::Kind::kNumberWord:
        ++i;
        break;
    }
  }
}

}  // namespace alliance::ingest
