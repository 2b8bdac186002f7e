#!/usr/bin/env bash
# Generates the Python modules of the Alliance Ledger API (alliance.v1) into
# ./generated (or $1) with Debian's grpc_tools. Only alliance/v1 is generated:
# the standard health protocol comes with grpcio's own packages.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
proto="$here/../../proto"
out="${1:-$here/generated}"
mkdir -p "$out"
/usr/bin/python3 -m grpc_tools.protoc -I "$proto" --python_out="$out" --grpc_python_out="$out" \
  "$proto"/alliance/v1/*.proto
echo "make_stubs: wrote alliance/v1 modules to $out"
