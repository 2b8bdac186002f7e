#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/) with clang in build-fuzz/ and runs each
# for a bounded time, failing on any crash, sanitizer report or invariant failure.
#   FUZZ_SECONDS   seconds per fuzzer (default 60)
#   FUZZ_TARGETS   fuzzers to run (default "document_fuzzer pipeline_fuzzer")
#   FUZZ_BUILD_DIR build directory (default build-fuzz)
# New inputs are kept in $FUZZ_BUILD_DIR/corpus/<fuzzer>/ (the checked-in seeds in
# tests/fuzz/corpus/ are only read); a crashing input lands in
# $FUZZ_BUILD_DIR/artifacts/<fuzzer>/ and is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-"document_fuzzer pipeline_fuzzer"}
BUILD_DIR=${FUZZ_BUILD_DIR:-build-fuzz}

# The libraries get coverage instrumentation (fuzzer-no-link) and ASan/UBSan
# (ALLIANCE_SANITIZE); the fuzzer executables add libFuzzer itself.
CC=clang CXX=clang++ cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DALLIANCE_FUZZ=ON -DALLIANCE_SANITIZE=ON -DALLIANCE_BUILD_BENCH=OFF \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link" >/dev/null
# shellcheck disable=SC2086
cmake --build "$BUILD_DIR" -j "${ALLIANCE_JOBS:-$(nproc)}" --target $TARGETS

status=0
summary=()
for fuzzer in $TARGETS; do
  work="$BUILD_DIR/corpus/$fuzzer"
  artifacts="$BUILD_DIR/artifacts/$fuzzer/"
  log="$BUILD_DIR/$fuzzer.log"
  mkdir -p "$work" "$artifacts"
  echo "fuzz: $fuzzer for ${SECONDS_EACH}s (log: $log)"
  rc=0
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
    "$BUILD_DIR/tests/fuzz/$fuzzer" "$work" "tests/fuzz/corpus/$fuzzer" \
    -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=30 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts" -print_final_stats=1 >"$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
  if [[ $rc -ne 0 ]]; then
    status=1
    tail -n 60 "$log"
    summary+=("fuzz: $fuzzer FAILED (exit $rc) after ${execs:-?} execs; inputs: $(ls "$artifacts" | tr '\n' ' ')")
  else
    summary+=("fuzz: $fuzzer ok: ${execs:-?} execs in ${SECONDS_EACH}s (${rate:-?} exec/s, ${cov:-cov: ?}), no crashes")
  fi
done
printf '%s\n' "${summary[@]}"
exit $status
