#include "ingest-service/extract/events/inflection.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace alliance::ingest::events {
namespace {

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Splits "pull out" into {"pull", " out"} (head first) or, with `last`, into
// {"observer ", "seat"} (prefix, head).
std::pair<std::string, std::string> SplitHead(absl::string_view lemma, bool last) {
  if (last) {
    const size_t space = lemma.rfind(' ');
    if (space == absl::string_view::npos) return {"", std::string(lemma)};
    return {std::string(lemma.substr(0, space + 1)), std::string(lemma.substr(space + 1))};
  }
  const size_t space = lemma.find(' ');
  if (space == absl::string_view::npos) return {std::string(lemma), ""};
  return {std::string(lemma.substr(0, space)), std::string(lemma.substr(space))};
}

// True when `w` ends consonant-vowel-consonant ("stop", "admit"), where
// English may double the last consonant before -ed / -ing.
bool EndsCvc(const std::string& w) {
  if (w.size() < 3) return false;
  const char c = w.back();
  if (IsVowel(c) || c == 'w' || c == 'x' || c == 'y') return false;
  return IsVowel(w[w.size() - 2]) && !IsVowel(w[w.size() - 3]);
}

void AddUnique(std::vector<std::string>* out, std::string form) {
  if (std::find(out->begin(), out->end(), form) == out->end()) out->push_back(std::move(form));
}

// Regular past / participle forms of a single word.
std::vector<std::string> RegularPast(const std::string& w) {
  std::vector<std::string> out;
  if (absl::EndsWith(w, "e")) {
    out.push_back(w + "d");
  } else if (w.size() > 1 && w.back() == 'y' && !IsVowel(w[w.size() - 2])) {
    out.push_back(w.substr(0, w.size() - 1) + "ied");
  } else {
    out.push_back(w + "ed");
    if (EndsCvc(w)) out.push_back(w + w.back() + "ed");
  }
  return out;
}

}  // namespace

std::vector<std::string> ParticipleForms(absl::string_view lemma, const std::vector<std::string>& irregular) {
  const auto [head, rest] = SplitHead(lemma, false);
  std::vector<std::string> out;
  for (std::string& past : RegularPast(head)) AddUnique(&out, past + rest);
  for (const std::string& form : irregular) AddUnique(&out, form);
  return out;
}

std::vector<std::string> VerbForms(absl::string_view lemma, const std::vector<std::string>& irregular) {
  const auto [head, rest] = SplitHead(lemma, false);
  std::vector<std::string> out = {std::string(lemma)};
  if (head.empty()) return out;
  // 3rd person singular.
  if (absl::EndsWith(head, "s") || absl::EndsWith(head, "x") || absl::EndsWith(head, "z") ||
      absl::EndsWith(head, "ch") || absl::EndsWith(head, "sh") || absl::EndsWith(head, "o")) {
    AddUnique(&out, head + "es" + rest);
  } else if (head.size() > 1 && head.back() == 'y' && !IsVowel(head[head.size() - 2])) {
    AddUnique(&out, head.substr(0, head.size() - 1) + "ies" + rest);
  } else {
    AddUnique(&out, head + "s" + rest);
  }
  for (std::string& form : ParticipleForms(lemma, irregular)) AddUnique(&out, std::move(form));
  // Present participle.
  if (absl::EndsWith(head, "ie")) {
    AddUnique(&out, head.substr(0, head.size() - 2) + "ying" + rest);
  } else if (absl::EndsWith(head, "e") && !absl::EndsWith(head, "ee") && head.size() > 2) {
    AddUnique(&out, head.substr(0, head.size() - 1) + "ing" + rest);
  } else {
    AddUnique(&out, head + "ing" + rest);
    if (EndsCvc(head)) AddUnique(&out, head + head.back() + "ing" + rest);
  }
  return out;
}

std::vector<std::string> NounForms(absl::string_view lemma) {
  // "call for help": the head is the noun before the preposition.
  for (absl::string_view preposition : {" for", " of", " to", " from", " into", " with"}) {
    size_t at = lemma.find(preposition);
    while (at != absl::string_view::npos && at + preposition.size() < lemma.size() &&
           lemma[at + preposition.size()] != ' ') {
      at = lemma.find(preposition, at + 1);
    }
    if (at == absl::string_view::npos) continue;
    std::vector<std::string> out;
    for (std::string& form : NounForms(lemma.substr(0, at))) out.push_back(form + std::string(lemma.substr(at)));
    return out;
  }
  const auto [prefix, head] = SplitHead(lemma, true);
  std::vector<std::string> out = {std::string(lemma)};
  if (head.empty()) return out;
  if (absl::EndsWith(head, "s") || absl::EndsWith(head, "x") || absl::EndsWith(head, "z") ||
      absl::EndsWith(head, "ch") || absl::EndsWith(head, "sh")) {
    AddUnique(&out, prefix + head + "es");
  } else if (head.size() > 1 && head.back() == 'y' && !IsVowel(head[head.size() - 2])) {
    AddUnique(&out, prefix + head.substr(0, head.size() - 1) + "ies");
  } else {
    AddUnique(&out, prefix + head + "s");
  }
  return out;
}

}  // namespace alliance::ingest::events
