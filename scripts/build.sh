#!/usr/bin/env bash
# Configures and builds Alliance Ledger into build/ (or $ALLIANCE_BUILD_DIR).
# Usage: scripts/build.sh [cmake --build arguments, e.g. --target ingest-service]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${ALLIANCE_BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE:-RelWithDebInfo} \
  ${ALLIANCE_CMAKE_ARGS:-} >/dev/null
cmake --build "$BUILD_DIR" -j "${ALLIANCE_JOBS:-$(nproc)}" "$@"
