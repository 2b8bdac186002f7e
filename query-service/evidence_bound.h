// Bounds the evidence a response carries per fact, so that an answer's size
// follows its page, not how many articles repeat a fact: at 48,000 articles one
// page of 100 requests with every quote passed gRPC's default 4 MiB receive
// limit. ListEvidence pages through all of a fact's evidence.
#ifndef ALLIANCE_QUERY_EVIDENCE_BOUND_H_
#define ALLIANCE_QUERY_EVIDENCE_BOUND_H_

#include <cstdint>

#include "alliance/v1/query_service.pb.h"
#include "alliance/v1/records.pb.h"
#include "google/protobuf/repeated_field.h"

namespace alliance::query {

// Keeps at most `max` of `evidence` (all when `max` <= 0): first the first
// quote of each document, in the stored order, then the others in that order,
// so a few quotes show as many sources as they can; the kept ones stay in the
// stored order. Returns how many there were. Pure.
int32_t BoundEvidence(int max, google::protobuf::RepeatedPtrField<v1::Evidence>* evidence);

// Sets `*out` to `*fact` as BoundEvidenceOf(max, ...) would leave a copy of
// it, copying only the evidence kept: a fact told by thousands of articles is
// not copied whole to be cut down. `fact` is the same when this returns (its
// evidence is set aside while the rest is copied). Neither may be null.
void CopyBounded(int max, v1::MembershipEvent* fact, v1::MembershipEvent* out);
void CopyBounded(int max, v1::Intervention* fact, v1::Intervention* out);
void CopyBounded(int max, v1::AssistanceRequest* fact, v1::AssistanceRequest* out);

// Bounds every evidence list in one answered message and records each list's
// full size in the matching `evidence_total` field (facts, their troop
// figures' single quotes aside, conflict claims and members); a total already
// set and larger (a message bounded before) is kept. Pure.
void BoundEvidenceOf(int max, v1::MembershipEvent* event);
void BoundEvidenceOf(int max, v1::Intervention* intervention);
void BoundEvidenceOf(int max, v1::AssistanceRequest* request);
void BoundEvidenceOf(int max, v1::Conflict* conflict);
void BoundEvidenceOf(int max, v1::Member* member);

}  // namespace alliance::query

#endif  // ALLIANCE_QUERY_EVIDENCE_BOUND_H_
