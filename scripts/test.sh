#!/usr/bin/env bash
# Installs what is needed, builds everything, and runs every test (ctest).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# The Node client test and the Node example need their gRPC packages, and the
# deploy/k8s schema check the Kubernetes schemas of kubernetes-models (all from
# the npm registry).
if command -v npm >/dev/null 2>&1; then
  npm ci --prefix tests/node --no-audit --no-fund --loglevel=error || echo "test: npm ci failed; the Node client test is skipped"
  npm ci --prefix examples/node --no-audit --no-fund --loglevel=error || echo "test: npm ci failed; the Node example test is skipped"
  npm ci --prefix tests/deploy --no-audit --no-fund --loglevel=error || echo "test: npm ci failed; the k8s schema check is skipped"
fi
BUILD_DIR=${ALLIANCE_BUILD_DIR:-build}
ALLIANCE_BUILD_DIR="$BUILD_DIR" scripts/build.sh
cd "$BUILD_DIR"
ctest --output-on-failure -j "${ALLIANCE_TEST_JOBS:-2}" --timeout 600
cd "$OLDPWD"
# Both container images built and run as deploy/README.md says, checked through the
# published ports (scripts/test-containers.sh; ALLIANCE_SKIP_CONTAINERS=1 skips it).
ALLIANCE_BUILD_DIR="$BUILD_DIR" scripts/test-containers.sh
# Then the unit tests of the text and storage units under ASan + UBSan
# (build-asan/), and each libFuzzer target for FUZZ_SECONDS (build-fuzz/). A finding
# fails this script. ALLIANCE_SKIP_SANITIZERS=1 / ALLIANCE_SKIP_FUZZ=1 skip them.
if [[ "${ALLIANCE_SKIP_SANITIZERS:-0}" != 1 ]]; then
  scripts/test-sanitizers.sh
fi
if [[ "${ALLIANCE_SKIP_FUZZ:-0}" != 1 ]]; then
  scripts/fuzz.sh
fi
