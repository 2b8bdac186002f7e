// The fact store's key schema and the codecs of its rows, shared by the store
// (fact_store.h), which reads them, and the change applier
// (change_applier.h), which writes them. The layout itself is documented in
// fact_store.h; this file only names it.
//
// All functions are pure and
// thread-safe.
#ifndef ALLIANCE_QUERY_FACT_ROWS_H_
#define ALLIANCE_QUERY_FACT_ROWS_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "alliance/v1/query_service.pb.h"
#include "alliance/v1/records.pb.h"

namespace rocksdb {
class DB;
class Slice;
}  // namespace rocksdb

namespace alliance::query::rows {

// 8-byte big-endian counters.
inline constexpr char kAppliedKey[] = "meta/applied";
inline constexpr char kStagedKey[] = "meta/staged";
inline constexpr char kStagedDocumentsKey[] = "meta/staged_documents";
// The latest ingest time (Unix seconds) of the staged changes, for the
// watch-log entry of the batch that applies them.
inline constexpr char kStagedIngestedAtKey[] = "meta/staged_ingested_at";
inline constexpr char kDocumentsKey[] = "meta/documents";
inline constexpr char kFactsKey[] = "meta/facts";
// The StateDigest of every fact/ row.
inline constexpr char kDigestKey[] = "meta/digest";
// The bound the brief/ and ord/ rows were cut at, + 1.
inline constexpr char kAnswerRowsKey[] = "meta/answer_rows";
// Written by stores before ordered rows existed; removed when they are built.
inline constexpr char kOldBriefsKey[] = "meta/briefs";

inline constexpr char kDirtyPrefix[] = "dirty/";
inline constexpr char kDocumentPrefix[] = "doc/";
inline constexpr char kRecordPrefix[] = "rec/";
inline constexpr char kFactPrefix[] = "fact/";
inline constexpr char kMembershipPrefix[] = "fact/m/";
inline constexpr char kInterventionPrefix[] = "fact/i/";
inline constexpr char kRequestPrefix[] = "fact/r/";
inline constexpr char kConflictPrefix[] = "fact/c/";
inline constexpr char kGroupFactPrefix[] = "gfact/";
inline constexpr char kBriefPrefix[] = "brief/";
inline constexpr char kBriefMembershipPrefix[] = "brief/m/";
inline constexpr char kBriefInterventionPrefix[] = "brief/i/";
inline constexpr char kBriefRequestPrefix[] = "brief/r/";

// Returns the bytes of `slice` as a view.
absl::string_view View(const rocksdb::Slice& slice);

// Returns "fact/c/<subject_id>\0<field>".
std::string ConflictKey(const v1::Conflict& conflict);

// Returns "gfact/<group>\0": the prefix of the index rows naming the facts
// `group` produced.
std::string GroupFactPrefix(absl::string_view group);

// Returns "rec/<group>/": the prefix of a group's records. A group whose name
// is a path prefix of another's shares it, so readers check each record's
// group.
std::string RecordPrefix(absl::string_view group);

// Returns "rec/<group>/<sequence BE>/<n BE32>": the n-th record of a change.
std::string RecordKey(absl::string_view group, uint64_t sequence, uint32_t index);

// Returns "dirty/<group>".
std::string DirtyKey(absl::string_view group);

// Returns DATA_LOSS saying that `what` at `key` does not parse.
absl::Status Corrupt(absl::string_view what, absl::string_view key);

// True for fact keys that count in the store's fact count (conflicts do not).
bool IsCountedFact(absl::string_view fact_key);

// Returns the brief/ key of the fact/ key of a membership event, intervention
// or request; "" for a conflict (conflicts have no brief row).
std::string BriefKeyOf(absl::string_view fact_key);

// Parses the stored fact row (`fact_key`, `bytes`) into the matching field of
// `change`, keeping `evidence_per_fact` quotes of it (0: all; see
// evidence_bound.h). DATA_LOSS when the bytes do not parse.
absl::Status SetFact(absl::string_view fact_key, const std::string& bytes, int evidence_per_fact,
                     v1::RecordChange* change);

// Returns the bytes of the brief row of the fact SetFact() put into `change`;
// "" for a conflict (no brief row).
std::string BriefBytes(const v1::RecordChange& change);

}  // namespace alliance::query::rows

#endif  // ALLIANCE_QUERY_FACT_ROWS_H_
