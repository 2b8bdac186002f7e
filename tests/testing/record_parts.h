// Parts of hand-made records for tests: partial dates written as ISO text, and
// evidence citing a sentence at fixed offsets.
#ifndef ALLIANCE_TESTS_TESTING_RECORD_PARTS_H_
#define ALLIANCE_TESTS_TESTING_RECORD_PARTS_H_

#include <string>

#include "alliance/v1/records.pb.h"
#include "common/partial_date.h"

namespace alliance::testing {

// Returns a date from "YYYY", "YYYY-MM" or "YYYY-MM-DD" ("" = unset). The text
// must be valid: a malformed one is a bug in the test.
inline v1::PartialDate Date(const std::string& iso) {
  if (iso.empty()) return v1::PartialDate();
  return *ParseIsoDate(iso, "test");
}

// Returns evidence quoting `quote` as sentence `sentence` of `document_id`,
// the sentence standing at offsets [100 * sentence, 100 * sentence + 80).
inline v1::Evidence CiteSentence(const std::string& document_id, int sentence, const std::string& quote) {
  v1::Evidence evidence;
  evidence.set_document_id(document_id);
  evidence.set_sentence_index(sentence);
  evidence.set_begin(sentence * 100);
  evidence.set_end(sentence * 100 + 80);
  evidence.set_quote(quote);
  return evidence;
}

}  // namespace alliance::testing

#endif  // ALLIANCE_TESTS_TESTING_RECORD_PARTS_H_
