#include "ingest-service/change_builder.h"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/content_hash.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/reflection.h"
#include "ingest-service/document_validator.h"

namespace alliance::ingest {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;

// Sets the document's id, title and date on every v1::Evidence inside `message`,
// however deeply nested, so new record kinds and fields need no change here.
void StampEvidence(const v1::DocumentInfo& info, Message* message) {
  if (message->GetDescriptor() == v1::Evidence::descriptor()) {
    auto* evidence = static_cast<v1::Evidence*>(message);
    evidence->set_document_id(info.document_id());
    evidence->set_document_title(info.title());
    *evidence->mutable_document_published() = info.published();
    return;
  }
  const google::protobuf::Reflection* reflection = message->GetReflection();
  const google::protobuf::Descriptor* descriptor = message->GetDescriptor();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const FieldDescriptor* field = descriptor->field(i);
    if (field->cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      const int size = reflection->FieldSize(*message, field);
      for (int j = 0; j < size; ++j) {
        StampEvidence(info, reflection->MutableRepeatedMessage(message, field, j));
      }
    } else if (reflection->HasField(*message, field)) {
      StampEvidence(info, reflection->MutableMessage(message, field));
    }
  }
}

// Cuts `text` to at most `max_bytes` without splitting a UTF-8 sequence.
absl::string_view CutOnCharacterBoundary(absl::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace

std::string FallbackTitle(absl::string_view text) {
  for (absl::string_view line : absl::StrSplit(text, absl::ByAnyChar("\r\n"))) {
    if (!HasVisibleCharacter(line)) continue;
    const absl::string_view trimmed =
        absl::StripAsciiWhitespace(CutOnCharacterBoundary(absl::StripAsciiWhitespace(line),
                                                          kMaxFallbackTitleBytes));
    return std::string(trimmed);
  }
  return "";
}

v1::RecordCounts CountRecords(const google::protobuf::RepeatedPtrField<v1::Record>& records) {
  v1::RecordCounts counts;
  for (const v1::Record& record : records) {
    switch (record.kind_case()) {
      case v1::Record::kMembershipEvent:
        counts.set_membership_events(counts.membership_events() + 1);
        break;
      case v1::Record::kIntervention:
        counts.set_interventions(counts.interventions() + 1);
        break;
      case v1::Record::kAssistanceRequest:
        counts.set_assistance_requests(counts.assistance_requests() + 1);
        break;
      case v1::Record::KIND_NOT_SET:
        break;
    }
  }
  return counts;
}

v1::Change BuildChange(ExtractionResult result, int64_t ingested_at_unix) {
  v1::Change change;
  v1::DocumentInfo& info = *change.mutable_document();
  info = std::move(result.info);
  info.set_document_id(ContentHash(result.normalized_text));
  info.set_length(static_cast<int64_t>(result.normalized_text.size()));
  info.set_ingested_at_unix(ingested_at_unix);

  // The extractor's metadata reader has already taken the request's metadata
  // (and parsed `published`); only a missing title is the service's to supply.
  if (info.title().empty()) info.set_title(FallbackTitle(result.normalized_text));

  const std::string& id = info.document_id();
  int memberships = 0, interventions = 0, requests = 0;
  for (v1::Record& record : result.records) {
    switch (record.kind_case()) {
      case v1::Record::kMembershipEvent: {
        v1::MembershipEvent* event = record.mutable_membership_event();
        if (event->id().empty()) event->set_id(absl::StrCat(id, "/m", memberships));
        ++memberships;
        break;
      }
      case v1::Record::kIntervention: {
        v1::Intervention* intervention = record.mutable_intervention();
        if (intervention->id().empty()) intervention->set_id(absl::StrCat(id, "/i", interventions));
        ++interventions;
        break;
      }
      case v1::Record::kAssistanceRequest: {
        v1::AssistanceRequest* request = record.mutable_assistance_request();
        if (request->id().empty()) request->set_id(absl::StrCat(id, "/r", requests));
        ++requests;
        break;
      }
      case v1::Record::KIND_NOT_SET:
        continue;  // An empty record says nothing; it is not stored.
    }
    StampEvidence(info, &record);
    *change.add_records() = std::move(record);
  }
  return change;
}

}  // namespace alliance::ingest
