// The query commands that print facts as tables: members, history, events,
// interventions, requests, conflicts and evidence. Each builds its request from
// the options and positional arguments, calls the query service (every page of
// a List method), and prints a table or, with --json, one object per response.
//
// Organization, --include-unasserted, --page-size and --json come from the
// context's GlobalOptions; each command's own filters from its options struct.
//
// Ownership: the commands use the stubs and streams of the CommandContext they
// are given and keep nothing; options are read, not kept.
//
// Thread contract: thread-compatible, as the CommandContext is.
#ifndef ALLIANCE_CLI_FACT_COMMANDS_H_
#define ALLIANCE_CLI_FACT_COMMANDS_H_

#include <string>
#include <vector>

#include "cli/command_context.h"

namespace alliance::cli {

// A --from/--to filter as typed (YYYY, YYYY-MM or YYYY-MM-DD); empty is unset.
struct DateRange {
  std::string from;
  std::string to;
};

// members: --as-of, --observers.
struct MembersOptions {
  // The date to answer for ("1994-05"); empty: today.
  std::string as_of;
  // Also list observers.
  bool observers = false;
};

// events: --country, --action, --from, --to.
struct EventsOptions {
  // ISO alpha-3 code of one country, any case ("rur" for Ruritania).
  std::string country;
  // A membership action ("withdrew", "joined", ...).
  std::string action;
  DateRange dates;
};

// interventions: --host, --from, --to (on the start date).
struct InterventionsOptions {
  // ISO alpha-3 code of the host country.
  std::string host;
  DateRange dates;
};

// requests: --country, --outcome, --from, --to.
struct RequestsOptions {
  // ISO alpha-3 code of the requesting country.
  std::string country;
  // granted, denied, not_requested or pending.
  std::string outcome;
  DateRange dates;
};

// Run one command and return its exit code; `args` are the positional
// arguments after the command's name. A filter that does not parse is reported
// (naming its flag) before anything is sent.
int RunMembers(CommandContext& context, const MembersOptions& options,
               const std::vector<std::string>& args);
int RunHistory(CommandContext& context, const std::vector<std::string>& args);
int RunEvents(CommandContext& context, const EventsOptions& options,
              const std::vector<std::string>& args);
int RunInterventions(CommandContext& context, const InterventionsOptions& options,
                     const std::vector<std::string>& args);
int RunRequests(CommandContext& context, const RequestsOptions& options,
                const std::vector<std::string>& args);
int RunConflicts(CommandContext& context, const std::vector<std::string>& args);
int RunEvidence(CommandContext& context, const std::vector<std::string>& args);

}  // namespace alliance::cli

#endif  // ALLIANCE_CLI_FACT_COMMANDS_H_
