#!/usr/bin/env bash
# Times bnlab over many saved runs and over one large run, so the figures of issue 11 can be
# checked again on any machine.
#
# Usage: scripts/bench-runs.sh PATH/TO/bnlab [N] [WORK]
#   N     synthetic runs to list (default 10000; ~90 kB each, 2 epochs of 16 steps)
#   WORK  where the runs are generated and kept between calls (default: a folder under $TMPDIR)
#
# Generates (once, with scripts/bench-runs-gen.py) N small runs in WORK/runs-N and one large run
# in WORK/big (100 epochs × 940 steps = 94k steps, ~2k snapshots of 256 channels, bn_watch every
# step: ~67 MB), then prints one line per measurement, in seconds (wall clock, best of 3 where
# it is cheap):
#   runs-cold     `bnlab runs` with no summary index (it is deleted first)
#   runs-warm     `bnlab runs` again, the index written by the cold call in place
#   runs-json     `bnlab runs --json` with the index
#   show-big      `bnlab show` of the large run
#   browser-open  in tmux: the workbench's R key until the browser lists the runs
#   replay-open   in tmux: `bnlab replay` of the large run until its first frame is drawn
# The tmux figures include up to 20 ms of polling. Use a release build for figures worth
# comparing (`swift build -c release --product bnlab`).
#
# Figures on the 2-core development machine (release builds, shared with other builds):
#                  before (1,000 runs)   after (1,000 runs)   after (10,000 runs)
#   runs-cold          17.6 s               0.56 s               1.7 s
#   runs-warm          11.5 s (no index)    0.036 s              0.25 s
#   browser-open       13.9 s               –                    0.14 s
#   show-big            6.4 s (67 MB)                            0.54 s (124 MB/s)
#   replay-open         8.0 s (67 MB)                            0.60 s
set -euo pipefail
BNLAB=${1:?usage: scripts/bench-runs.sh PATH/TO/bnlab [N] [WORK]}
N=${2:-10000}
WORK=${3:-${TMPDIR:-/tmp}/bnlab-bench}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BNLAB=$(cd "$(dirname "$BNLAB")" && pwd)/$(basename "$BNLAB")
RUNS="$WORK/runs-$N"
BIG="$WORK/big"
mkdir -p "$WORK"
if [ ! -d "$RUNS" ]; then
    echo "generating $N runs in $RUNS…" >&2
    python3 "$ROOT/scripts/bench-runs-gen.py" "$RUNS.tmp" "$N" && mv "$RUNS.tmp" "$RUNS"
fi
if [ ! -d "$BIG" ]; then
    echo "generating the large run in $BIG…" >&2
    python3 "$ROOT/scripts/bench-runs-gen.py" "$BIG.tmp" 1 --epochs 100 --steps 940 --snapshot-every 50 --layers 1 --bodies 1 \
        && mv "$BIG.tmp" "$BIG"
fi
BIGFILE=$(ls "$BIG"/*.jsonl | head -1)
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$2"; }
# best of 3 wall-clock seconds of a command, its output discarded
best3() {
    local best=""
    for _ in 1 2 3; do
        local t0 t1 e
        t0=$(now); "$@" >/dev/null; t1=$(now)
        e=$(elapsed "$t0" "$t1")
        if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < float(sys.argv[2]) else 1)" "$e" "$best"; then best=$e; fi
    done
    echo "$best"
}
report() { printf '%-13s %8s s   %s\n' "$1" "$2" "$3"; }

rm -f "$RUNS/.bnlab-index"
t0=$(now); "$BNLAB" runs --runs "$RUNS" >/dev/null; t1=$(now)
report runs-cold "$(elapsed "$t0" "$t1")" "$N runs, no index"
report runs-warm "$(best3 "$BNLAB" runs --runs "$RUNS")" "$N runs, index in place"
if "$BNLAB" runs --help | grep -q -- --json; then
    report runs-json "$(best3 "$BNLAB" runs --json --runs "$RUNS")" "$N runs, index in place"
fi
SIZE=$(stat -c %s "$BIGFILE")
report show-big "$(best3 "$BNLAB" show --runs "$BIG" "$BIGFILE")" "$((SIZE / 1000000)) MB"

command -v tmux >/dev/null || { echo "tmux not found: browser-open and replay-open skipped" >&2; exit 0; }
SESSION=bnlab-bench-$$
trap 'tmux kill-session -t "$SESSION" 2>/dev/null || true' EXIT
# waits until the pane shows TEXT (grep -E), at most 120 s; prints the time it appeared
wait_for() {
    local text=$1
    for _ in $(seq 1 6000); do
        if tmux capture-pane -p -t "$SESSION" 2>/dev/null | grep -qE "$text"; then now; return 0; fi
        sleep 0.02
    done
    echo "timed out waiting for '$text'" >&2
    tmux capture-pane -p -t "$SESSION" >&2 || true
    return 1
}
# the workbench over the demo backend (no dataset needed), its runs folder the N runs
tmux new-session -d -s "$SESSION" -x 160 -y 48 "cd '$ROOT' && '$BNLAB' workbench --demo --runs '$RUNS'; sleep 30"
wait_for "bnlab" >/dev/null
sleep 0.5
t0=$(now); tmux send-keys -t "$SESSION" R
t1=$(wait_for "[0-9,]+ saved runs")
report browser-open "$(elapsed "$t0" "$t1")" "$N runs, R until listed"
tmux kill-session -t "$SESSION"

t0=$(now)
tmux new-session -d -s "$SESSION" -x 160 -y 48 "'$BNLAB' replay --runs '$BIG' '$BIGFILE'; sleep 30"
t1=$(wait_for "step [0-9]")
report replay-open "$(elapsed "$t0" "$t1")" "$((SIZE / 1000000)) MB, until the first frame"
