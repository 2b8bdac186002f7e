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

// Layout: version (1 byte) | fingerprint (8 bytes BE) | applied sequence (8
// bytes BE) | the sort key (the rest) | checksum of the preceding bytes (8
// bytes BE). Version 1 tokens (offsets) are refused: they came from a service
// that paged by position.
constexpr char kVersion = 2;
constexpr size_t kHeaderSize = 1 + 8 + 8;
constexpr size_t kChecksumSize = 8;
// Sort keys are a few ids long; anything far longer is not ours.
constexpr size_t kMaxKeySize = 4096;
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

std::string EncodePageToken(const PagePosition& position, uint64_t query_fingerprint) {
  std::string payload = absl::StrCat(std::string(1, kVersion), EncodeFixed64BigEndian(query_fingerprint),
                                     EncodeFixed64BigEndian(position.applied_sequence), position.after_key);
  std::string token = absl::StrCat(payload, EncodeFixed64BigEndian(Checksum(payload)));
  return absl::WebSafeBase64Escape(token);
}

absl::StatusOr<PagePosition> DecodePageToken(absl::string_view token, uint64_t query_fingerprint) {
  if (token.empty()) return PagePosition();
  std::string bytes;
  if (!absl::WebSafeBase64Unescape(token, &bytes)) return InvalidToken("not a token from this service");
  if (bytes.size() < kHeaderSize + kChecksumSize || bytes.size() > kHeaderSize + kMaxKeySize + kChecksumSize ||
      bytes[0] != kVersion) {
    return InvalidToken("not a token from this service");
  }
  const absl::string_view payload(bytes.data(), bytes.size() - kChecksumSize);
  if (DecodeFixed64BigEndian(absl::string_view(bytes).substr(payload.size())) != Checksum(payload)) {
    return InvalidToken("corrupted token");
  }
  if (DecodeFixed64BigEndian(payload.substr(1, 8)) != query_fingerprint) {
    return InvalidToken("the token belongs to a different query (filters changed)");
  }
  PagePosition position;
  position.applied_sequence = *DecodeFixed64BigEndian(payload.substr(9, 8));
  position.after_key = std::string(payload.substr(kHeaderSize));
  if (position.after_key.empty()) return InvalidToken("not a token from this service");
  return position;
}

}  // namespace alliance::query
