#include "common/request_parsing.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/unknown_field_set.h"
#include "common/utf8.h"

namespace alliance {
namespace {

// Finds the first string field of `descriptor` (recursing into message fields)
// in `wire` that is not UTF-8. OK when there is none.
absl::Status FindInvalidString(absl::string_view wire, const google::protobuf::Descriptor& descriptor,
                               const std::string& path, int depth) {
  google::protobuf::UnknownFieldSet fields;
  if (depth > 32 || !fields.ParseFromArray(wire.data(), static_cast<int>(wire.size()))) {
    return absl::OkStatus();  // not even well-formed wire data: no field to blame
  }
  for (int i = 0; i < fields.field_count(); ++i) {
    const google::protobuf::UnknownField& field = fields.field(i);
    if (field.type() != google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) continue;
    const google::protobuf::FieldDescriptor* known = descriptor.FindFieldByNumber(field.number());
    if (known == nullptr) continue;
    const std::string name = path.empty() ? known->name() : absl::StrCat(path, ".", known->name());
    if (known->type() == google::protobuf::FieldDescriptor::TYPE_STRING) {
      const int64_t bad = FirstInvalidUtf8(field.length_delimited());
      if (bad >= 0) return absl::InvalidArgumentError(absl::StrCat(name, ": invalid UTF-8 at byte offset ", bad));
    } else if (known->type() == google::protobuf::FieldDescriptor::TYPE_MESSAGE) {
      absl::Status nested = FindInvalidString(field.length_delimited(), *known->message_type(), name, depth + 1);
      if (!nested.ok()) return nested;
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ExplainUnparsableMessage(absl::string_view wire, const google::protobuf::Descriptor& descriptor) {
  absl::Status invalid = FindInvalidString(wire, descriptor, "", 0);
  if (!invalid.ok()) return invalid;
  return absl::InvalidArgumentError(absl::StrCat("request: not a valid ", descriptor.full_name()));
}

std::string ReadValidStringField(absl::string_view wire, int field_number) {
  google::protobuf::UnknownFieldSet fields;
  if (!fields.ParseFromArray(wire.data(), static_cast<int>(wire.size()))) return "";
  std::string value;
  for (int i = 0; i < fields.field_count(); ++i) {
    const google::protobuf::UnknownField& field = fields.field(i);
    // The last occurrence wins, as when protobuf parses the message.
    if (field.number() == field_number && field.type() == google::protobuf::UnknownField::TYPE_LENGTH_DELIMITED) {
      value = field.length_delimited();
    }
  }
  return FirstInvalidUtf8(value) < 0 ? value : "";
}

absl::StatusOr<std::string> ByteBufferContents(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  if (!buffer.Dump(&slices).ok()) return absl::InternalError("request: cannot read the request bytes");
  std::string wire;
  wire.reserve(buffer.Length());
  for (const grpc::Slice& slice : slices) wire.append(reinterpret_cast<const char*>(slice.begin()), slice.size());
  return wire;
}

}  // namespace alliance
