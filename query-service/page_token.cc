#include "query-service/page_token.h"

#include <memory>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/content_hash.h"
#include "common/sequence_key.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace alliance::query {
namespace {

// Layout: version (1 byte) | offset (8 bytes BE) | fingerprint (8 bytes BE) |
// checksum of the preceding bytes (8 bytes BE).
constexpr char kVersion = 1;
constexpr size_t kPayloadSize = 1 + 8 + 8;
constexpr size_t kTokenSize = kPayloadSize + 8;
// Domain separation, so a checksum here is not a fingerprint of anything else.
constexpr absl::string_view kChecksumSalt = "alliance.v1 page token";

uint64_t Checksum(absl::string_view payload) { return Fingerprint64(absl::StrCat(kChecksumSalt, payload)); }

absl::Status InvalidToken(absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("page_token: ", why));
}

}  // namespace

absl::StatusOr<int> ResolvePageSize(int32_t page_size) {
  if (page_size < 0) return absl::InvalidArgumentError("page_size: must not be negative");
  if (page_size == 0) return kDefaultPageSize;
  return page_size > kMaxPageSize ? kMaxPageSize : static_cast<int>(page_size);
}

uint64_t QueryFingerprint(absl::string_view method, const google::protobuf::Message& request) {
  std::unique_ptr<google::protobuf::Message> filters(request.New());
  filters->CopyFrom(request);
  const google::protobuf::Descriptor* descriptor = filters->GetDescriptor();
  const google::protobuf::Reflection* reflection = filters->GetReflection();
  for (const char* paging : {"page_size", "page_token"}) {
    if (const google::protobuf::FieldDescriptor* field = descriptor->FindFieldByName(paging)) {
      reflection->ClearField(filters.get(), field);
    }
  }
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    filters->SerializeToCodedStream(&coded);
  }
  return Fingerprint64(absl::StrCat(method, std::string(1, '\0'), bytes));
}

std::string EncodePageToken(uint64_t offset, uint64_t query_fingerprint) {
  std::string payload = absl::StrCat(std::string(1, kVersion), EncodeFixed64BigEndian(offset),
                                     EncodeFixed64BigEndian(query_fingerprint));
  std::string token = absl::StrCat(payload, EncodeFixed64BigEndian(Checksum(payload)));
  return absl::WebSafeBase64Escape(token);
}

absl::StatusOr<uint64_t> DecodePageToken(absl::string_view token, uint64_t query_fingerprint) {
  if (token.empty()) return 0;
  std::string bytes;
  if (!absl::WebSafeBase64Unescape(token, &bytes)) return InvalidToken("not a token from this service");
  if (bytes.size() != kTokenSize || bytes[0] != kVersion) return InvalidToken("not a token from this service");
  const absl::string_view payload(bytes.data(), kPayloadSize);
  if (DecodeFixed64BigEndian(absl::string_view(bytes).substr(kPayloadSize)) != Checksum(payload)) {
    return InvalidToken("corrupted token");
  }
  if (DecodeFixed64BigEndian(payload.substr(9, 8)) != query_fingerprint) {
    return InvalidToken("the token belongs to a different query (filters changed)");
  }
  return *DecodeFixed64BigEndian(payload.substr(1, 8));
}

}  // namespace alliance::query
