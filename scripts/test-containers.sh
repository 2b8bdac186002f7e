#!/usr/bin/env bash
# Builds both container images and runs them exactly as deploy/README.md says, then
# checks them through the published ports:
#
#   1. the base images: debootstrap (minbase bookworm) imported as
#      localhost/debian:bookworm and :bookworm-slim, made once per machine (podman's
#      image store is the cache; `podman rmi debian:bookworm debian:bookworm-slim`
#      to remake them);
#   2. the README block marked `test-containers:build` (from the repository root);
#   3. the README block marked `test-containers:run` (in a scratch directory with its
#      own deploy/secrets/ and a link to data/, alliancectl from the build on PATH):
#      token, secret, network, volumes, both `podman run`s, ingest of data/corpus/;
#   4. health (host side and the images' HEALTHCHECK), real answers (ListMembers,
#      GetMembershipHistory, GetStatus), then `podman kill -s KILL query`,
#      `podman start query`: it must resume after its applied sequence (its log and
#      GetStatus), keep its state digest, and apply a new document.
#
# Everything it creates (containers, network, volumes, secret, scratch directory) is
# removed on exit; the images stay as the build cache. Every wait is bounded.
#
# Skips (exit 0, saying why) only when podman cannot run at all here: not installed,
# or `podman info` fails (no user namespaces, no storage). ALLIANCE_SKIP_CONTAINERS=1
# skips explicitly. ALLIANCE_BUILD_DIR (default build) is where alliancectl is.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
README=deploy/README.md
BUILD_DIR=${ALLIANCE_BUILD_DIR:-build}
BASE_IMAGE=localhost/debian:bookworm
DEBIAN_MIRROR=${ALLIANCE_DEBIAN_MIRROR:-http://deb.debian.org/debian}

say() { echo "test-containers: $*"; }
fail() { say "FAILED: $*"; exit 1; }
skip() { say "SKIPPED: $*"; exit 0; }
elapsed() { echo "$(( SECONDS - $1 )) s"; }

if [[ "${ALLIANCE_SKIP_CONTAINERS:-0}" == 1 ]]; then
  skip "ALLIANCE_SKIP_CONTAINERS=1"
fi
if ! command -v podman >/dev/null 2>&1; then
  skip "podman is not installed (scripts/install-deps.sh installs podman runc catatonit debootstrap)"
fi
if ! info_error=$(podman info 2>&1 >/dev/null); then
  skip "podman cannot run here: $(tail -n 3 <<<"$info_error")"
fi
command -v debootstrap >/dev/null 2>&1 || fail "debootstrap is not installed (scripts/install-deps.sh)"

# --- The README's blocks: the commands run here are the ones it shows. -------------
readme_block() {  # prints the ```sh block after the line `<!-- test-containers:$1 -->`
  awk -v marker="<!-- test-containers:$1 -->" '
    $0 == marker { found = 1; next }
    found == 1 && /^```/ { found = 2; next }
    found == 2 && /^```/ { exit }
    found == 2 { print }' "$README"
}
BUILD_BLOCK=$(readme_block build)
RUN_BLOCK=$(readme_block run)
[[ -n "$BUILD_BLOCK" && -n "$RUN_BLOCK" ]] || fail "$README lacks the test-containers:build/run blocks"

# What the run block creates, by name (kept in step with it; checked below).
CONTAINERS=(query ingest)
NETWORK=alliance
VOLUMES=(alliance-ingest alliance-query)
SECRET=ingest_token
for name in "${CONTAINERS[@]}" "$NETWORK" "${VOLUMES[@]}" "$SECRET"; do
  grep -q -- "$name" <<<"$RUN_BLOCK" || fail "the run block no longer names $name; update this script"
done

existing=()
for c in "${CONTAINERS[@]}"; do podman container exists "$c" && existing+=("container $c"); done
podman network exists "$NETWORK" && existing+=("network $NETWORK")
for v in "${VOLUMES[@]}"; do podman volume exists "$v" && existing+=("volume $v"); done
podman secret inspect "$SECRET" >/dev/null 2>&1 && existing+=("secret $SECRET")

remove_created() {
  podman rm -f -t 2 "${CONTAINERS[@]}" >/dev/null 2>&1 || true
  podman volume rm -f "${VOLUMES[@]}" >/dev/null 2>&1 || true
  podman network rm -f "$NETWORK" >/dev/null 2>&1 || true
  podman secret rm "$SECRET" >/dev/null 2>&1 || true
}
if [[ ${#existing[@]} -gt 0 ]]; then
  if [[ "${CI:-}" == true || "${ALLIANCE_CONTAINERS_REPLACE:-0}" == 1 ]]; then
    say "removing leftovers of an earlier run: ${existing[*]}"
    remove_created
  else
    fail "these already exist and would be replaced: ${existing[*]}
  (remove them, or run with ALLIANCE_CONTAINERS_REPLACE=1 if they are an earlier run's)"
  fi
fi

# The README publishes 127.0.0.1:50051 and :50052; say so plainly if they are taken
# (scripts/demo.sh's services, say) instead of failing inside `podman run`.
for port in 50051 50052; do
  if timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null; then
    fail "127.0.0.1:$port is in use (scripts/demo.sh stop?); the README's containers publish it"
  fi
done

SCRATCH=""
cleanup() {
  local code=$?
  trap - EXIT INT TERM
  if [[ $code -ne 0 ]]; then
    for c in "${CONTAINERS[@]}"; do
      if podman container exists "$c"; then
        say "--- podman logs $c (last 30 lines)"
        podman logs --tail 30 "$c" 2>&1 || true
      fi
    done
  fi
  remove_created
  if [[ -n "$SCRATCH" ]]; then rm -rf "$SCRATCH"; fi
  say "removed the containers, network, volumes and secret it made"
  exit "$code"
}
trap cleanup EXIT INT TERM
SCRATCH=$(mktemp -d /tmp/alliance-containers.XXXXXX)
start_all=$SECONDS

# --- 1. Base images, once per machine. ---------------------------------------------
t=$SECONDS
if podman image exists "$BASE_IMAGE" && podman image exists "$BASE_IMAGE-slim"; then
  say "base image $BASE_IMAGE: cached"
else
  say "base image $BASE_IMAGE: debootstrap --variant=minbase bookworm ($DEBIAN_MIRROR)"
  mkdir "$SCRATCH/root"
  timeout 15m debootstrap --variant=minbase bookworm "$SCRATCH/root" "$DEBIAN_MIRROR" \
    >"$SCRATCH/debootstrap.log" 2>&1 || { tail -n 20 "$SCRATCH/debootstrap.log"; fail "debootstrap"; }
  rm -rf "$SCRATCH"/root/var/cache/apt/archives/*.deb "$SCRATCH"/root/var/lib/apt/lists/*
  tar -C "$SCRATCH/root" -c . | podman import - "$BASE_IMAGE" >/dev/null
  podman tag "$BASE_IMAGE" "$BASE_IMAGE-slim"
  rm -rf "$SCRATCH/root"
  say "base image made in $(elapsed "$t")"
fi

# --- 2. Build both images (README block). ------------------------------------------
image_id() { podman image inspect --format '{{.Id}}' "$1" 2>/dev/null || true; }
old_ids=("$(image_id localhost/alliance/ingest-service)" "$(image_id localhost/alliance/query-service)")
t=$SECONDS
say "building the images (deploy/README.md, test-containers:build)"
echo "$BUILD_BLOCK"
if ! timeout -k 30s 40m bash -euo pipefail -c "$BUILD_BLOCK" >"$SCRATCH/build.log" 2>&1; then
  tail -n 40 "$SCRATCH/build.log"
  fail "image build"
fi
say "images built in $(elapsed "$t")"
# A rebuild leaves the images it replaced untagged; drop those (the layer cache stays).
for id in "${old_ids[@]}"; do
  if [[ -n "$id" && "$(podman image inspect --format '{{len .RepoTags}}' "$id" 2>/dev/null || echo 1)" == 0 ]]; then
    podman rmi "$id" >/dev/null 2>&1 || true
  fi
done
for image in ingest-service query-service; do
  say "image alliance/$image: $(podman image inspect --format '{{.Size}}' "localhost/alliance/$image" | awk '{printf "%.0f MB", $1/1e6}')"
done

# --- 3. Run them (README block) in a scratch directory. ----------------------------
case "$BUILD_DIR" in /*) CTL=$BUILD_DIR/cli/alliancectl ;; *) CTL=$REPO/$BUILD_DIR/cli/alliancectl ;; esac
if [[ ! -x "$CTL" ]]; then
  say "building alliancectl into $BUILD_DIR/"
  ALLIANCE_BUILD_DIR="$BUILD_DIR" scripts/build.sh --target alliancectl >/dev/null
fi
mkdir -p "$SCRATCH/run/deploy/secrets"
ln -s "$REPO/data" "$SCRATCH/run/data"
t=$SECONDS
say "starting the containers (deploy/README.md, test-containers:run)"
echo "$RUN_BLOCK"
if ! (cd "$SCRATCH/run" && PATH="$(dirname "$CTL"):$PATH" \
      timeout -k 10s 5m bash -euo pipefail -c "$RUN_BLOCK") >"$SCRATCH/run.log" 2>&1; then
  cat "$SCRATCH/run.log"
  fail "the README's run commands"
fi
cat "$SCRATCH/run.log"
say "running, corpus ingested and applied in $(elapsed "$t")"
TOKEN_FILE=$SCRATCH/run/deploy/secrets/ingest_token

# --- 4. Checks. ---------------------------------------------------------------------
ctl() { timeout 60s "$CTL" --timeout=10s "$@"; }
json_field() {  # json_field FIELD: reads one JSON object from stdin
  python3 -c 'import json,sys; print(json.load(sys.stdin).get(sys.argv[1], 0))' "$1"
}
wait_for() {  # wait_for SECONDS DESCRIPTION COMMAND...
  local limit=$1 what=$2; shift 2
  local deadline=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    (( SECONDS < deadline )) || fail "$what: not within ${limit} s"
    sleep 1
  done
}

ctl health ingest >/dev/null || fail "ingest health through 127.0.0.1:50051"
# wait-caught-up returns once the applied sequence reaches the ingest service's; the
# query service turns SERVING when its follower reports caught up, which may land
# just after, so health is waited for, boundedly.
wait_for 30 "query health through 127.0.0.1:50052" "$CTL" --timeout=3s health query
# The images' own HEALTHCHECK (alliancectl inside the container).
podman healthcheck run ingest || fail "ingest HEALTHCHECK"
podman healthcheck run query || fail "query HEALTHCHECK"
say "health: SERVING on both published ports and in both HEALTHCHECKs"

corpus_documents=$(find data/corpus -maxdepth 1 -name '*.txt' | wc -l)
status=$(ctl --json status)
applied=$(json_field appliedSequence <<<"$status")
documents=$(json_field documents <<<"$status")
digest=$(json_field stateDigest <<<"$status")
[[ "$documents" == "$corpus_documents" ]] || fail "GetStatus: $documents documents, expected $corpus_documents ($status)"
[[ "$applied" -ge "$corpus_documents" ]] || fail "GetStatus: applied sequence $applied < $corpus_documents"
# An ingest without the token is refused (the secret is in force).
if echo "Unauthenticated text." | ctl --token= ingest - >/dev/null 2>&1; then
  fail "ingest without the bearer token was accepted"
fi

members() {  # members DATE: sorted country codes, comma-separated
  ctl --json members --as-of "$1" |
    python3 -c 'import json,sys; print(",".join(sorted(m["country"] for line in sys.stdin if line.strip() for m in json.loads(line).get("members", []))))'
}
expect_members() {
  local got; got=$(members "$1")
  [[ "$got" == "$2" ]] || fail "ListMembers as of $1: got [$got], expected [$2]"
  say "ListMembers as of $1: $got"
}
# The bundled articles: the six who renewed the treaty in 1999 without Uzbekistan,
# which rejoined in 2006 and left again in 2012.
expect_members 2005-01-01 ARM,BLR,KAZ,KGZ,RUS,TJK
expect_members 2008-01-01 ARM,BLR,KAZ,KGZ,RUS,TJK,UZB
history=$(ctl --json history UZB |
  python3 -c 'import json,sys
r = json.load(sys.stdin)
print(" ".join("%s:%s" % (e.get("action", "").replace("MEMBERSHIP_ACTION_", ""), e.get("date", {}).get("year", 0))
               for e in r.get("events", [])))')
[[ "$history" == *"WITHDREW:1999"*"JOINED:2006"*"WITHDREW:2012"* ]] ||
  fail "GetMembershipHistory UZB: got [$history], expected WITHDREW 1999, JOINED 2006, WITHDREW 2012"
say "GetMembershipHistory UZB: $history"

# Kill -9 the query container, start it again: it must resume after its applied
# sequence from its own volume, not replay the feed from 0.
say "podman kill -s KILL query at applied sequence $applied"
podman kill -s KILL query >/dev/null
wait_for 30 "query container stopped" bash -c '[[ "$(podman inspect --format "{{.State.Running}}" query)" == false ]]'
podman start query >/dev/null
wait_for 60 "query health after the restart" "$CTL" --timeout=3s health query
resumed_from=$(podman logs query 2>&1 | sed -n 's/.*following ingest at .* from sequence \([0-9]*\).*/\1/p' | tail -n 1)
[[ "$resumed_from" == "$((applied + 1))" ]] ||
  fail "after kill -9 the query service followed from sequence '$resumed_from', expected $((applied + 1))"
status=$(ctl --json status)
[[ "$(json_field appliedSequence <<<"$status")" == "$applied" ]] || fail "GetStatus after the restart: $status"
[[ "$(json_field stateDigest <<<"$status")" == "$digest" ]] || fail "state digest changed across kill -9: $status"
expect_members 2005-01-01 ARM,BLR,KAZ,KGZ,RUS,TJK
say "restarted: resumed from sequence $resumed_from with the same state digest"
# And it keeps following: one more article is applied after the restart.
printf '%s\n' "12 March 2024 | Test desk | Container test" "" \
  "Armenia froze its participation in the CSTO in February 2024." |
  ctl --token_file="$TOKEN_FILE" ingest - >/dev/null || fail "ingest after the restart"
wait_for 60 "the new article applied" \
  bash -c "[[ \$('$CTL' --json status | python3 -c 'import json,sys; print(json.load(sys.stdin).get(\"appliedSequence\", 0))') -gt $applied ]]"
say "a new article after the restart was applied"

say "all checks passed in $(elapsed "$start_all")"
