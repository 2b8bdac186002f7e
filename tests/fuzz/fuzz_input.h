// Turns fuzzer bytes into a v1::Document, shared by the fuzz targets.
//
// Input format: when the bytes start with '@', the rest of the first line is
// document.published and the remainder is document.text; otherwise all bytes are
// the text and published is empty (so the date comes from header lines). Seeds
// stay readable: a plain article is a valid input.
#ifndef ALLIANCE_TESTS_FUZZ_FUZZ_INPUT_H_
#define ALLIANCE_TESTS_FUZZ_FUZZ_INPUT_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "absl/strings/string_view.h"
#include "alliance/v1/ingest_service.pb.h"

namespace alliance::fuzz {

// Returns the document that `data[0, size)` encodes.
inline v1::Document DocumentFromBytes(const uint8_t* data, size_t size) {
  absl::string_view input(reinterpret_cast<const char*>(data), size);
  v1::Document document;
  if (!input.empty() && input.front() == '@') {
    size_t newline = input.find('\n');
    if (newline == absl::string_view::npos) newline = input.size();
    document.set_published(std::string(input.substr(1, newline - 1)));
    input.remove_prefix(newline == input.size() ? newline : newline + 1);
  }
  document.set_text(std::string(input));
  return document;
}

// Aborts with `what` when `condition` is false, so libFuzzer records a crash.
#define FUZZ_CHECK(condition, what)                                               \
  do {                                                                            \
    if (!(condition)) {                                                           \
      std::fprintf(stderr, "FUZZ_CHECK failed: %s (%s) at %s:%d\n", #condition,    \
                   what, __FILE__, __LINE__);                                     \
      std::abort();                                                               \
    }                                                                             \
  } while (false)

}  // namespace alliance::fuzz

#endif  // ALLIANCE_TESTS_FUZZ_FUZZ_INPUT_H_
