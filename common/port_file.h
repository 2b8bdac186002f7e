// The port file a service writes once it listens (--port_file), so that a
// script or test that asked for port 0 learns the port the kernel chose.
#ifndef ALLIANCE_COMMON_PORT_FILE_H_
#define ALLIANCE_COMMON_PORT_FILE_H_

#include <string>

#include "absl/status/status.h"

namespace alliance {

// Writes `port` and a newline to `path` atomically (a temporary file beside
// it, then a rename), so that a reader never sees a partial number. Returns
// an error naming the path when it cannot.
absl::Status WritePortFile(const std::string& path, int port);

}  // namespace alliance

#endif  // ALLIANCE_COMMON_PORT_FILE_H_
