#!/usr/bin/env bash
# A soak run by hand: builds, starts both services on loopback with fresh
# databases (in a temporary directory), runs bench/load's load_generator against
# them for SOAK_SECONDS (default 120) and prints the report: documents, queries,
# watch responses, errors, latencies and both services' resident memory. Exits
# non-zero when any call failed. Extra arguments go to load_generator
# (e.g. --rate=50 --query_threads=4 --watchers=8).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD_DIR=${ALLIANCE_BUILD_DIR:-build}
SECONDS_TO_RUN=${SOAK_SECONDS:-120}
ALLIANCE_BUILD_DIR="$BUILD_DIR" scripts/build.sh --target ingest-service query-service load_generator

RUN_DIR=$(mktemp -d /tmp/alliance-soak-XXXXXX)
INGEST_PID=""
QUERY_PID=""
cleanup() {
  for pid in $QUERY_PID $INGEST_PID; do
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT

wait_port() {
  for _ in $(seq 1 100); do [ -s "$1" ] && { cat "$1"; return; }; sleep 0.1; done
  echo "soak: $1 never appeared" >&2; exit 2
}

"$BUILD_DIR/ingest-service/ingest-service" --listen=127.0.0.1:0 --port_file="$RUN_DIR/ingest.port" \
  --db="$RUN_DIR/ingest-db" --lexicon_dir="$ROOT/data/lexicon" >"$RUN_DIR/ingest.log" 2>&1 </dev/null &
INGEST_PID=$!
INGEST_ADDR=127.0.0.1:$(wait_port "$RUN_DIR/ingest.port")
"$BUILD_DIR/query-service/query-service" --listen=127.0.0.1:0 --port_file="$RUN_DIR/query.port" \
  --db="$RUN_DIR/query-db" --ingest="$INGEST_ADDR" --lexicon_dir="$ROOT/data/lexicon" \
  >"$RUN_DIR/query.log" 2>&1 </dev/null &
QUERY_PID=$!
QUERY_ADDR=127.0.0.1:$(wait_port "$RUN_DIR/query.port")
echo "soak: ingest $INGEST_ADDR (pid $INGEST_PID), query $QUERY_ADDR (pid $QUERY_PID), $SECONDS_TO_RUN s"

"$BUILD_DIR/bench/load/load_generator" --ingest="$INGEST_ADDR" --query="$QUERY_ADDR" \
  --duration_seconds="$SECONDS_TO_RUN" --pids="$INGEST_PID,$QUERY_PID" "$@"
