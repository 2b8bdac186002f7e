#include "cli/explain_command.h"

#include <map>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "alliance/v1/query_service.grpc.pb.h"
#include "cli/command_output.h"
#include "cli/formatters.h"
#include "cli/rpc_support.h"
#include "common/partial_date.h"

namespace alliance::cli {
namespace {

// "DATE_RULE_RELATIVE_TO_PUBLICATION" -> "relative to publication".
std::string RuleWords(v1::DateRule rule) {
  std::string name(absl::StripPrefix(v1::DateRule_Name(rule), "DATE_RULE_"));
  absl::AsciiStrToLower(&name);
  return absl::StrReplaceAll(name, {{"_", " "}});
}

const v1::PartialDate& DateOf(const v1::Record& record) {
  if (record.has_intervention()) return record.intervention().start();
  if (record.has_assistance_request()) return record.assistance_request().date();
  return record.membership_event().date();
}

std::string Summary(const v1::Record& record) {
  if (record.has_intervention()) return SummarizeIntervention(record.intervention());
  if (record.has_assistance_request()) return SummarizeAssistanceRequest(record.assistance_request());
  return SummarizeMembershipEvent(record.membership_event());
}

// "ASSERTED", "REPORTED by RUS (“said that”)", "NEGATED (“did not”)": the
// factuality, the speaker and the words that decided it.
std::string DescribeFactuality(const v1::Record& record) {
  v1::Factuality factuality = record.membership_event().factuality();
  std::string speaker = record.membership_event().reported_by();
  std::string cue = record.membership_event().factuality_cue();
  if (record.has_intervention()) {
    factuality = record.intervention().factuality();
    speaker = record.intervention().reported_by();
    cue = record.intervention().factuality_cue();
  } else if (record.has_assistance_request()) {
    factuality = record.assistance_request().factuality();
    speaker = record.assistance_request().reported_by();
    cue = record.assistance_request().factuality_cue();
  }
  std::string out = FactualityName(factuality);
  if (!speaker.empty()) absl::StrAppend(&out, " by ", speaker);
  if (!cue.empty()) absl::StrAppend(&out, " (“", cue, "”)");
  return out;
}

const google::protobuf::RepeatedPtrField<v1::Evidence>& EvidenceOf(const v1::Record& record) {
  if (record.has_intervention()) return record.intervention().evidence();
  if (record.has_assistance_request()) return record.assistance_request().evidence();
  return record.membership_event().evidence();
}

// Titles of the articles the claims come from, by document id.
using Titles = std::map<std::string, std::string>;

std::string TitleOf(const Titles& titles, const std::string& document_id) {
  auto it = titles.find(document_id);
  return it != titles.end() && !it->second.empty() ? it->second : document_id.substr(0, 12);
}

void PrintClaim(CommandContext& context, const Titles& titles, const v1::Claim& claim) {
  std::ostream& out = *context.out;
  out << "  - " << TitleOf(titles, claim.document_id());
  if (!IsUnset(claim.document_published())) out << " (published " << FormatDate(claim.document_published()) << ")";
  if (!claim.independent()) out << ", a copy of " << TitleOf(titles, claim.copy_of());
  out << "\n    " << Summary(claim.record()) << "; " << DescribeFactuality(claim.record()) << "\n";
  out << "    date: " << DescribeDateReading(DateOf(claim.record())) << "\n";
  for (const v1::Evidence& evidence : EvidenceOf(claim.record())) out << FormatEvidenceLine(evidence, 4) << "\n";
}

}  // namespace

std::string DescribeDateReading(const v1::PartialDate& date) {
  if (IsUnset(date)) return "undated";
  std::string out;
  if (!date.as_written().empty()) absl::StrAppend(&out, "“", date.as_written(), "” → ");
  absl::StrAppend(&out, FormatDateCell(date), " (");
  if (date.rule() != v1::DATE_RULE_UNSPECIFIED) {
    absl::StrAppend(&out, RuleWords(date.rule()));
    if (!date.anchor().empty()) absl::StrAppend(&out, " ", date.anchor());
    absl::StrAppend(&out, "; ");
  }
  const DayInterval interval = IntervalOf(date);
  absl::StrAppend(&out, FormatDayKey(interval.first), "..", FormatDayKey(interval.last), ")");
  return out;
}

int RunExplain(CommandContext& context, const std::vector<std::string>& args) {
  if (args.size() != 1) return UsageError(context, "explain takes one FACT_ID");
  v1::ExplainRequest request;
  request.set_fact_id(args[0]);
  v1::ExplainResponse response;
  grpc::ClientContext call;
  PrepareCall(context, Service::kQuery, &call);
  const grpc::Status status = context.query->Explain(&call, request, &response);
  if (!status.ok()) return ReportRpcError(context, Service::kQuery, status);
  if (context.options.json) return PrintJson(context, response) ? kExitOk : kExitError;

  v1::Record fact;
  if (response.has_membership_event()) *fact.mutable_membership_event() = response.membership_event();
  if (response.has_intervention()) *fact.mutable_intervention() = response.intervention();
  if (response.has_assistance_request()) *fact.mutable_assistance_request() = response.assistance_request();
  Titles titles;
  for (const auto* claims : {&response.supporting(), &response.contradicting()}) {
    for (const v1::Claim& claim : *claims) titles[claim.document_id()] = claim.document_title();
  }
  std::ostream& out = *context.out;
  out << args[0] << "\n  " << Summary(fact) << "; " << DescribeFactuality(fact) << "\n";
  out << "  date: " << DescribeDateReading(DateOf(fact)) << "\n";
  out << "  " << response.independent_sources() << " independent source"
      << (response.independent_sources() == 1 ? "" : "s") << " among " << response.supporting_size() << " claim"
      << (response.supporting_size() == 1 ? "" : "s") << "\n\n";
  out << "Supporting claims (" << response.supporting_size() << "):\n";
  for (const v1::Claim& claim : response.supporting()) PrintClaim(context, titles, claim);
  if (response.contradicting_size() > 0) {
    out << "\nContradicting claims (" << response.contradicting_size() << "):\n";
    for (const v1::Claim& claim : response.contradicting()) PrintClaim(context, titles, claim);
  }
  for (const v1::ExplainedDispute& dispute : response.disputes()) {
    out << "\nDisputed " << dispute.field() << ":\n";
    for (const v1::ExplainedSide& side : dispute.sides()) {
      out << "  " << side.value() << (side.chosen() ? " (the fact's)" : "") << ": " << side.claims_size() << " claim"
          << (side.claims_size() == 1 ? "" : "s") << "\n";
    }
  }
  return kExitOk;
}

}  // namespace alliance::cli
