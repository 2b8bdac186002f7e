#!/usr/bin/env bash
# The main job: installs what is needed, builds, starts both services on embedded
# RocksDB (in .run/), ingests the bundled corpus (data/corpus/) and prints answers.
# The services keep running afterwards so you can ask more; `scripts/demo.sh stop`
# stops them.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUN_DIR="$ROOT/.run"
BUILD_DIR=${ALLIANCE_BUILD_DIR:-build}
INGEST_ADDR=${ALLIANCE_DEMO_INGEST:-127.0.0.1:50051}
QUERY_ADDR=${ALLIANCE_DEMO_QUERY:-127.0.0.1:50052}

stop_services() {
  for name in query ingest; do
    if [ -f "$RUN_DIR/$name.pid" ]; then
      pid=$(cat "$RUN_DIR/$name.pid")
      if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
      fi
      rm -f "$RUN_DIR/$name.pid"
    fi
  done
}

if [ "${1:-}" = "stop" ]; then
  stop_services
  echo "demo: services stopped"
  exit 0
fi

scripts/install-deps.sh
# Only the three programs are built here; scripts/test.sh builds the rest in the same tree.
ALLIANCE_BUILD_DIR="$BUILD_DIR" scripts/build.sh --target ingest-service query-service alliancectl

stop_services
rm -rf "$RUN_DIR/ingest-db" "$RUN_DIR/query-db"
mkdir -p "$RUN_DIR"
CTL=("$BUILD_DIR/cli/alliancectl" "--ingest=$INGEST_ADDR" "--query=$QUERY_ADDR")

echo "demo: starting ingest-service on $INGEST_ADDR (log: .run/ingest.log)"
"$BUILD_DIR/ingest-service/ingest-service" --listen="$INGEST_ADDR" --db="$RUN_DIR/ingest-db" \
  --lexicon_dir="$ROOT/data/lexicon" >"$RUN_DIR/ingest.log" 2>&1 </dev/null &
echo $! >"$RUN_DIR/ingest.pid"
echo "demo: starting query-service on $QUERY_ADDR (log: .run/query.log)"
"$BUILD_DIR/query-service/query-service" --listen="$QUERY_ADDR" --db="$RUN_DIR/query-db" \
  --ingest="$INGEST_ADDR" --lexicon_dir="$ROOT/data/lexicon" >"$RUN_DIR/query.log" 2>&1 </dev/null &
echo $! >"$RUN_DIR/query.pid"

section() { printf '\n\033[1m== %s\033[0m\n$ alliancectl %s\n' "$1" "$2"; }

# The ingest stream retries until the service accepts connections.
for _ in $(seq 1 50); do "${CTL[@]}" status >/dev/null 2>&1 && break; sleep 0.2; done
section "Ingest the bundled corpus" "ingest data/corpus/*.txt"
"${CTL[@]}" ingest data/corpus/*.txt
"${CTL[@]}" wait-caught-up --timeout=60s >/dev/null

section "Status" "status"
"${CTL[@]}" status
for date in 1995-01-01 2000-01-01 2008-01-01 2013-01-01 2022-06-01; do
  section "Members as of $date" "members --as-of $date"
  "${CTL[@]}" members --as-of "$date"
done
section "Membership history of Uzbekistan" "history UZB"
"${CTL[@]}" history UZB
section "Interventions" "interventions"
"${CTL[@]}" interventions
section "Requests for help" "requests"
"${CTL[@]}" requests
section "Conflicts between sources" "conflicts"
"${CTL[@]}" conflicts

cat <<MSG

demo: both services are still running (ingest $INGEST_ADDR, query $QUERY_ADDR).
      Ask more with $BUILD_DIR/cli/alliancectl (try: requests --outcome denied, history ARM, watch).
      Stop them with: scripts/demo.sh stop
MSG
