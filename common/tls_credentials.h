// TLS credentials for the servers and for the clients between them, from PEM files.
#ifndef ALLIANCE_COMMON_TLS_CREDENTIALS_H_
#define ALLIANCE_COMMON_TLS_CREDENTIALS_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"

namespace alliance {

// Where a server's TLS material lives. All paths empty: plaintext.
struct ServerTlsFiles {
  std::string cert_file;       // PEM certificate chain
  std::string key_file;        // PEM private key
  std::string client_ca_file;  // when set, clients must present a certificate it signed (mutual TLS)
};

// Where a client's TLS material lives. ca_file empty: plaintext.
struct ClientTlsFiles {
  std::string ca_file;    // PEM roots that sign the server's certificate
  std::string cert_file;  // client certificate, for mutual TLS (optional)
  std::string key_file;   // client key, for mutual TLS (optional)
  std::string server_name_override;  // expected name in the server certificate (optional)
};

// Returns server credentials: insecure when no files are given, TLS otherwise.
// INVALID_ARGUMENT when only one of cert and key is given; NOT_FOUND when a file
// cannot be read.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(const ServerTlsFiles& files);

// Returns channel credentials: insecure when no CA is given, TLS otherwise.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> MakeChannelCredentials(const ClientTlsFiles& files);

// Returns channel arguments for `files` (the server name override, when set).
grpc::ChannelArguments MakeChannelArguments(const ClientTlsFiles& files);

}  // namespace alliance

#endif  // ALLIANCE_COMMON_TLS_CREDENTIALS_H_
