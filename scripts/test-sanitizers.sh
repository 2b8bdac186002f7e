#!/usr/bin/env bash
# Builds with AddressSanitizer and UndefinedBehaviorSanitizer
# (-DALLIANCE_SANITIZE=ON) in build-asan/ and runs tests there; any sanitizer
# report (including a leak) fails the test that triggered it, and so this script.
#
# By default (ALLIANCE_ASAN_SCOPE=units+services) it runs, as GoogleTest
# executables:
#  * the units that handle untrusted text and stored state — document validation,
#    text analysis, the event stages, consolidation and
#    both stores;
#  * the gRPC services in-process (ingest and query handlers, the raw-request
#    reactors and request parsing, the server runner, the change follower,
#    access control) and both real binaries built with the sanitizers,
#    driven end to end (bad input, the corpus through every method, kill -9 and
#    restart).
# Only the CLI, the fault/soak/security end-to-end tests and the Node client are
# left out, to keep CI's time budget on two cores. ALLIANCE_ASAN_SCOPE=units runs
# the first group only; ALLIANCE_ASAN_SCOPE=all builds everything and runs the
# whole ctest suite.
#   ALLIANCE_ASAN_BUILD_DIR  build directory (default build-asan)
#   ALLIANCE_ASAN_SCOPE      units (default) or all
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${ALLIANCE_ASAN_BUILD_DIR:-build-asan}
SCOPE=${ALLIANCE_ASAN_SCOPE:-units+services}
UNIT_TESTS=(
  # ingest-service: validation, change building, the store
  document_validator_test change_builder_test ingest_store_test
  # text analysis
  lexicon_test text_normalizer_test tokenizer_test sentence_splitter_test date_resolver_test
  number_reader_test mention_finder_test metadata_reader_test annotate_test
  # event stages and the whole pipeline
  trigger_lexicon_test sentence_structure_test modality_test membership_extractor_test
  intervention_extractor_test request_extractor_test pipeline_test seed_gold_test
  # consolidation
  source_independence_test evidence_set_test date_merge_test fact_clustering_test
  membership_merge_test request_merge_test request_intervention_link_test
  intervention_merge_test consolidator_test membership_timeline_test seed_scenario_test
  # query-service store and common helpers
  fact_store_test page_token_test partial_date_test sequence_key_test country_codes_test
)
SERVICE_TESTS=(
  # in-process gRPC services
  ingest_service_test query_service_test change_follower_test query_access_test bearer_token_test
  # serving from request bytes on the callback API, and the server runner
  raw_request_adapter_test grpc_server_runner_test request_parsing_test log_tail_test
  # the real binaries, built with the sanitizers
  ingest_binary_test query_binary_test service_e2e_test bad_input_e2e_test
)
SERVICE_BINARIES=(ingest-service query-service)
if [[ "$SCOPE" == units+services ]]; then
  UNIT_TESTS+=("${SERVICE_TESTS[@]}")
fi

# LeakSanitizer works on this platform, so leaks are findings too. Reports of
# every process — including the service binaries the end-to-end tests start,
# which inherit this environment — go to files in REPORT_DIR; any file there is
# a finding.
REPORT_DIR=$(mktemp -d /tmp/alliance-sanitizer-reports-XXXXXX)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:check_initialization_order=1}:log_path=$REPORT_DIR/asan
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}:log_path=$REPORT_DIR/ubsan

start=$(date +%s)
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DALLIANCE_SANITIZE=ON -DALLIANCE_BUILD_BENCH=OFF >/dev/null
if [[ "$SCOPE" == all ]]; then
  cmake --build "$BUILD_DIR" -j "${ALLIANCE_JOBS:-$(nproc)}"
  built=$(date +%s)
  (cd "$BUILD_DIR" && ctest --output-on-failure -j "${ALLIANCE_TEST_JOBS:-2}" --timeout 900)
  count="the whole ctest suite"
else
  targets=("${UNIT_TESTS[@]}")
  [[ "$SCOPE" == units+services ]] && targets+=("${SERVICE_BINARIES[@]}")
  cmake --build "$BUILD_DIR" -j "${ALLIANCE_JOBS:-$(nproc)}" --target "${targets[@]}"
  built=$(date +%s)
  failed=()
  for t in "${UNIT_TESTS[@]}"; do
    exe=$(find "$BUILD_DIR/tests" -type f -name "$t" -perm -u+x | head -1)
    if [[ -z "$exe" ]]; then
      echo "sanitizers: $t was not built" >&2
      failed+=("$t")
      continue
    fi
    if ! "$exe" --gtest_brief=1 >"$BUILD_DIR/$t.log" 2>&1; then
      cat "$BUILD_DIR/$t.log"
      failed+=("$t")
    fi
  done
  if compgen -G "$REPORT_DIR/*" >/dev/null; then
    cat "$REPORT_DIR"/* >&2
    failed+=("sanitizer reports in $REPORT_DIR")
  fi
  if [[ ${#failed[@]} -gt 0 ]]; then
    echo "sanitizers: FAILED: ${failed[*]}" >&2
    exit 1
  fi
  count="${#UNIT_TESTS[@]} test executables"
fi
end=$(date +%s)
echo "sanitizers: ASan+UBSan ($SCOPE) build $((built - start)) s, $count passed in $((end - built)) s, no findings"
