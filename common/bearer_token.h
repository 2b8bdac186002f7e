// Bearer-token authentication of RPCs ("authorization: Bearer <token>").
#ifndef ALLIANCE_COMMON_BEARER_TOKEN_H_
#define ALLIANCE_COMMON_BEARER_TOKEN_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "grpcpp/server_context.h"

namespace alliance {

// Checks the bearer token of incoming calls against a configured secret, in
// constant time. With no token configured every call passes. Immutable after
// construction; thread-safe.
// Returns OK when `token` can be sent as "authorization: Bearer <token>": one or
// more visible ASCII characters (0x21-0x7E). gRPC refuses other header bytes, so
// a token with a space, a control character or non-ASCII text could never be
// presented. INVALID_ARGUMENT naming `what` and the offset otherwise.
absl::Status ValidateBearerToken(absl::string_view token, absl::string_view what);

// Returns the bearer token in the first line of the file `path`, trimmed and
// checked with ValidateBearerToken. Errors name `what` (a flag or variable)
// and the path: NOT_FOUND when the file cannot be read or holds no token,
// INVALID_ARGUMENT when the token could not be sent. The one reader of token
// files for the services and alliancectl.
absl::StatusOr<std::string> ReadBearerTokenFile(const std::string& path, absl::string_view what);

// Returns the bearer token from the file `token_file` (ReadBearerTokenFile)
// or, when `token_file` is empty, from the environment variable `env_var`,
// trimmed and checked; "" when that is unset or empty (no token).
absl::StatusOr<std::string> BearerTokenFromFileOrEnvironment(const std::string& token_file,
                                                             const std::string& env_var);

class BearerTokenAuthenticator {
 public:
  // An authenticator that lets every call through.
  BearerTokenAuthenticator() = default;
  // An authenticator that requires `token` (empty: lets every call through).
  explicit BearerTokenAuthenticator(std::string token);

  // Returns the authenticator requiring the token
  // BearerTokenFromFileOrEnvironment() gives (none: no token required).
  static absl::StatusOr<BearerTokenAuthenticator> FromFileOrEnvironment(const std::string& token_file,
                                                                         const std::string& env_var);

  // True when calls must carry the token.
  bool enabled() const { return !token_.empty(); }

  // Returns UNAUTHENTICATED unless `authorization` (the metadata value) is
  // "Bearer <token>" with the configured token.
  absl::Status CheckHeader(absl::string_view authorization) const;

  // Returns UNAUTHENTICATED unless the call's metadata carries the token.
  absl::Status Check(const grpc::ServerContextBase& context) const;

 private:
  std::string token_;
};

}  // namespace alliance

#endif  // ALLIANCE_COMMON_BEARER_TOKEN_H_
