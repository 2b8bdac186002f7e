// The serialization of a protobuf message that is the same on every machine
// and run (map entries in key order), for bytes that are stored, hashed or
// compared between replicas.
#ifndef ALLIANCE_COMMON_DETERMINISTIC_BYTES_H_
#define ALLIANCE_COMMON_DETERMINISTIC_BYTES_H_

#include <string>

#include "google/protobuf/message_lite.h"

namespace alliance {

// Returns `message` serialized deterministically. Pure.
std::string DeterministicBytes(const google::protobuf::MessageLite& message);

}  // namespace alliance

#endif  // ALLIANCE_COMMON_DETERMINISTIC_BYTES_H_
