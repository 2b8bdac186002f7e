#!/usr/bin/env bash
# Installs the Debian packages Alliance Ledger builds, runs and tests with.
# Skips apt entirely when everything is already installed.
set -euo pipefail

PACKAGES=(
  cmake ninja-build g++ pkg-config git
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  librocksdb-dev libabsl-dev libre2-dev libicu-dev libutf8proc-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang libclang-rt-dev openssl
  liblink-grammar-dev link-grammar-dictionaries-en
  # deploy/k8s test (Debian's python3 with yaml).
  python3-yaml
  # scripts/test-containers.sh: podman with runc (with podman alone apt picks crun,
  # which cannot start containers on hosts with a hybrid cgroup v1/v2 hierarchy),
  # catatonit for podman's infra processes, debootstrap for the offline base image.
  podman runc catatonit debootstrap
  # tests/cli/timeline_e2e_test: renders `alliancectl timeline` in headless
  # Chromium (fonts: the picture's first choice) and decodes the PNG with zlib.
  chromium fonts-dejavu-core zlib1g-dev
  # examples/python: Debian's gRPC for Python and its code generator.
  python3-grpcio python3-grpc-tools
)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
