#include "cli/command_output.h"

#include <ostream>
#include <string>

#include "google/protobuf/util/json_util.h"

namespace alliance::cli {

int ReportError(CommandContext& context, const absl::Status& status) {
  *context.err << "alliancectl: " << status.message() << "\n";
  return kExitError;
}

int UsageError(CommandContext& context, absl::string_view message) {
  *context.err << "alliancectl: " << message << "\nRun 'alliancectl help' for usage.\n";
  return kExitError;
}

bool PrintJson(CommandContext& context, const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = false;
  const auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    *context.err << "alliancectl: cannot print " << message.GetTypeName() << " as JSON: "
                 << status.ToString() << "\n";
    return false;
  }
  *context.out << json << "\n";
  return true;
}

}  // namespace alliance::cli
