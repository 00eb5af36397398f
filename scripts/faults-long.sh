#!/usr/bin/env bash
# The long fault and hostile-input runs (docs/reliability.md). Hours, not minutes: run it
# before a release or after touching ingest, the store, the database or the media layer.
#
#   scripts/faults-long.sh                 # everything, defaults below
#   KILL_ROUNDS=50 CORPUS_RUNS=2 scripts/faults-long.sh
#   KILL_SEED=123456 scripts/faults-long.sh   # replay the kill rounds of an earlier run
#
# Every step runs even when an earlier one fails; the script exits non-zero if any failed,
# and the log of each step is kept in $LOG_DIR.
set -uo pipefail
cd "$(dirname "$0")/.."

export KILL_ROUNDS="${KILL_ROUNDS:-500}"
CORPUS_RUNS="${CORPUS_RUNS:-5}"
LOG_DIR="${LOG_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/custodian-faults-long-XXXXXX")}"
mkdir -p "$LOG_DIR"
failed=()

step() {
  local name="$1"
  shift
  local log="$LOG_DIR/$name.log"
  local start=$SECONDS
  printf '== %s: %s\n' "$name" "$*"
  if env "$@" >"$log" 2>&1; then
    printf '   passed in %ss (%s)\n' "$((SECONDS - start))" "$log"
  else
    printf '   FAILED in %ss — see %s\n' "$((SECONDS - start))" "$log"
    failed+=("$name")
  fi
  # The figures each suite prints (kills, files tried, ingested, refused, …).
  grep -hE '^\[(hostile corpus|hostile names|disk full|concurrency)\]|kill rounds \(seed' "$log" | sed 's/^/   /' || true
}

# 1. SIGKILL at random moments of an ingest, KILL_ROUNDS times (tests/integration/faults).
step kill-ingest npx vitest run tests/integration/faults/killIngest.test.ts

# 2. The hostile corpus with the 5 GiB sparse file (> 4 GiB: sizes and offsets must not wrap).
step corpus-5GiB HOSTILE_HUGE=1 npx vitest run tests/integration/hostile/corpus.test.ts

# 3. The corpus and the hostile names again and again (timing-dependent paths: derivative
#    jobs overlapping, ffprobe timeouts under load).
for i in $(seq 1 "$CORPUS_RUNS"); do
  step "hostile-run-$i" npx vitest run tests/integration/hostile
done

# 4. Concurrency with a 2 GB copy in flight and more second-process runs; the full disk.
step concurrency-long CONCURRENCY_LARGE_MB=2000 CONCURRENCY_CLI_RUNS=10 npx vitest run tests/integration/faults/concurrency.test.ts
step disk-full npx vitest run tests/integration/faults/diskFull.test.ts

if [ "${#failed[@]}" -gt 0 ]; then
  printf '\nFAILED: %s (logs in %s)\n' "${failed[*]}" "$LOG_DIR"
  exit 1
fi
printf '\nAll long fault runs passed (logs in %s).\n' "$LOG_DIR"
