// Early-return helpers for absl::Status and absl::StatusOr (Abseil 20220623 has none).
#ifndef ALLIANCE_COMMON_STATUS_MACROS_H_
#define ALLIANCE_COMMON_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define ALLIANCE_STATUS_CONCAT_INNER_(a, b) a##b
#define ALLIANCE_STATUS_CONCAT_(a, b) ALLIANCE_STATUS_CONCAT_INNER_(a, b)

// Returns from the enclosing function when `expr` (an absl::Status) is not OK.
#define RETURN_IF_ERROR(expr)                      \
  do {                                             \
    ::absl::Status alliance_status_ = (expr);      \
    if (!alliance_status_.ok()) return alliance_status_; \
  } while (0)

// Evaluates `rexpr` (an absl::StatusOr<T>); returns its status when not OK,
// otherwise moves the value into `lhs` (which may be a declaration).
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  ASSIGN_OR_RETURN_IMPL_(ALLIANCE_STATUS_CONCAT_(alliance_statusor_, __LINE__), lhs, rexpr)

#define ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                           \
  if (!statusor.ok()) return statusor.status();      \
  lhs = std::move(statusor).value()

#endif  // ALLIANCE_COMMON_STATUS_MACROS_H_
