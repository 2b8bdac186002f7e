#include "common/bearer_token.h"

#include "common/status_macros.h"

#include <openssl/crypto.h>

#include <cstdlib>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace alliance {

BearerTokenAuthenticator::BearerTokenAuthenticator(std::string token) : token_(std::move(token)) {}

absl::Status ValidateBearerToken(absl::string_view token, absl::string_view what) {
  if (token.empty()) return absl::InvalidArgumentError(absl::StrCat(what, ": the token is empty"));
  for (size_t i = 0; i < token.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(token[i]);
    if (c < 0x21 || c > 0x7e) {
      return absl::InvalidArgumentError(absl::StrCat(
          what, ": byte ", i, " of the token is not a visible ASCII character (tokens are sent in a gRPC header)"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<std::string> ReadBearerTokenFile(const std::string& path, absl::string_view what) {
  std::ifstream file(path);
  std::string line;
  if (!file || !std::getline(file, line)) {
    return absl::NotFoundError(absl::StrCat(what, ": cannot read a token from ", path));
  }
  const std::string token(absl::StripAsciiWhitespace(line));
  if (token.empty()) return absl::NotFoundError(absl::StrCat(what, ": ", path, " holds no token"));
  RETURN_IF_ERROR(ValidateBearerToken(token, absl::StrCat(what, " ", path)));
  return token;
}

absl::StatusOr<std::string> BearerTokenFromFileOrEnvironment(const std::string& token_file,
                                                             const std::string& env_var) {
  if (!token_file.empty()) return ReadBearerTokenFile(token_file, "token file");
  const char* value = env_var.empty() ? nullptr : std::getenv(env_var.c_str());
  const std::string token = value == nullptr ? "" : std::string(absl::StripAsciiWhitespace(value));
  if (!token.empty()) RETURN_IF_ERROR(ValidateBearerToken(token, env_var));
  return token;
}

absl::StatusOr<BearerTokenAuthenticator> BearerTokenAuthenticator::FromFileOrEnvironment(
    const std::string& token_file, const std::string& env_var) {
  ASSIGN_OR_RETURN(std::string token, BearerTokenFromFileOrEnvironment(token_file, env_var));
  return BearerTokenAuthenticator(std::move(token));
}

absl::Status BearerTokenAuthenticator::CheckHeader(absl::string_view authorization) const {
  if (!enabled()) return absl::OkStatus();
  absl::string_view presented = authorization;
  if (!absl::ConsumePrefix(&presented, "Bearer ") && !absl::ConsumePrefix(&presented, "bearer ")) {
    return absl::UnauthenticatedError("authorization: a bearer token is required (\"authorization: Bearer <token>\")");
  }
  // Compare in constant time over the configured length; the length check leaks
  // only the length, which a fixed-size random token makes harmless.
  const bool same = presented.size() == token_.size() &&
                    CRYPTO_memcmp(presented.data(), token_.data(), token_.size()) == 0;
  if (!same) return absl::UnauthenticatedError("authorization: the bearer token is not valid");
  return absl::OkStatus();
}

absl::Status BearerTokenAuthenticator::Check(const grpc::ServerContextBase& context) const {
  if (!enabled()) return absl::OkStatus();
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) return CheckHeader("");
  return CheckHeader(absl::string_view(it->second.data(), it->second.size()));
}

}  // namespace alliance
