#!/usr/bin/env bash
# End-to-end check of `bnlab watch` in a real terminal (tmux), run after scripts/python-tests.sh.
# Usage: scripts/watch-e2e.sh PATH/TO/bnlab
# Opens `bnlab watch` on an empty folder in a detached tmux pane (120x40), then starts a Python
# training there (python/examples/ddp_bn.py: 2 processes, gloo on CPU, random data) and checks that
# the workbench follows it while it runs: both rank files appear as runs, their loss is drawn,
# the small-batch diagnostic shows, and both end as done. A hand-written file that stops growing
# without an end event is shown stalled; one that ends appears done. q quits cleanly.
# Needs the cached torch venv ($BNLAB_TORCH_VENV, default ~/.cache/bnlab-torch-venv), which
# scripts/python-tests.sh creates. Prints one line per check and "N passed, M failed".
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/lib/torch-venv.sh"
"$PY" -c "import torch" 2>/dev/null || { echo "watch-e2e: no torch in $VENV; run scripts/python-tests.sh first"; exit 2; }
BNLAB=${1:?usage: scripts/watch-e2e.sh PATH/TO/bnlab}
[ -x "$BNLAB" ] || { echo "watch-e2e: $BNLAB is not an executable"; exit 2; }
BNLAB=$(cd "$(dirname "$BNLAB")" && pwd)/$(basename "$BNLAB")

WORK=$(mktemp -d)
TRAINER=""
extra_cleanup() {
    [ -n "$TRAINER" ] && kill "$TRAINER" 2>/dev/null
    rm -rf "$WORK"
}
. "$ROOT/scripts/lib/tmux-harness.sh"
start_shell

launch "'$BNLAB' watch --stall 3 --runs '$WORK' '$WORK'"
wait_for "watch opens on an empty folder" "watch: $(basename "$WORK")" 10
wait_for "it says what it follows" 'watching '

# A training another program runs while bnlab watches: 2 ranks, slowed down to be seen live.
PYTHONPATH="$ROOT/python" "$PY" "$ROOT/python/examples/ddp_bn.py" --runs "$WORK" --steps 40 --sleep 0.25 \
    --data "$WORK/no-data" >"$WORK/trainer.log" 2>&1 &
TRAINER=$!
wait_for "the rank 0 file appears as a run" 'bn r0 +running' 90
wait_for "the rank 1 file appears as a run" 'bn r1 +running' 10
wait_for "the loss legend names both ranks" '● bn r[01] [0-9.]+ +▲ bn r[01] [0-9.]+' 20
wait_until "the loss is drawn while it trains" 20 -- has_braille
wait_for "the small-batch diagnostic is shown on the run" '! small_batch_without_sync' 20
wait_for "diagnostics are markers on the chart" '│! (1|5|10)' 10
running_now() { kill -0 "$TRAINER" 2>/dev/null; }
wait_until "all this happened while the training was still running" 1 -- running_now
wait_for "rank 0 ends as done" 'bn r0 +done' 90
wait_for "rank 1 ends as done" 'bn r1 +done' 10
wait "$TRAINER"; status=$?; TRAINER=""
[ "$status" -eq 0 ] && pass "the training exited with status 0" || { fail "the training exited with status $status"; tail -5 "$WORK/trainer.log"; }

# A run that stops growing without an end event is stalled; one that ends is done.
{
    printf '{"format":"bnlab-run","version":"1.1","run_id":"hand01","experiment":"ddp-bn","variant":"by-hand","config":null,"started":"2026-01-01T00:00:00Z","params":{"lr":0.1}}\n'
    for i in 1 2 3 4 5; do printf '{"type":"step","step":%d,"epoch":1,"loss":%d.5,"lr":0.1,"samples":%d}\n' "$i" "$((6 - i))" "$((8 * i))"; done
    printf '{"type":"step","st'
} >"$WORK/by-hand.jsonl"
wait_for "a new file in the folder appears" 'hand01 by-hand' 10
wait_for "it is stalled after 3 quiet seconds" 'stalled: no new lines for [0-9]+ s' 15
printf 'ep":6,"epoch":1,"loss":0.5,"lr":0.1,"samples":48}\n{"type":"end","status":"done","step":6}\n' >>"$WORK/by-hand.jsonl"
wait_for "its end makes it done" 'hand01 by-hand +done' 10
wait_gone "no run is stalled any more" 'stalled:' 5

# The runs browser (R) follows the folder too: a file that grows while it is open.
keys R
wait_for "R opens the runs browser over the folder" 'Saved runs [0-9]+' 10
wait_for "the DDP rank files are listed by rank" 'bn r1 .* done' 10
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
{
    printf '{"format":"bnlab-run","version":"1.1","run_id":"grow01","experiment":"ddp-bn","variant":"grows","config":null,"started":"%s","params":{"lr":0.1}}\n' "$now"
    for i in 1 2 3; do printf '{"type":"step","step":%d,"epoch":1,"loss":%d.25,"lr":0.1,"samples":%d}\n' "$i" "$((9 - i))" "$((8 * i))"; done
} >"$WORK/grows.jsonl"
wait_for "a new file appears in the open browser, running" 'grows +[0-9-]+ [0-9:]+ running' 10
keys g
wait_for "its steps, loss and state are shown" 'grows · step 3 · loss 6.25 · running' 5
for i in 4 5 6 7; do printf '{"type":"step","step":%d,"epoch":1,"loss":%d.25,"lr":0.1,"samples":%d}\n' "$i" "$((9 - i))" "$((8 * i))"; done >>"$WORK/grows.jsonl"
wait_for "its row follows the file as it grows" 'grows · step 7 · loss 2.25 · running' 5
wait_for "it is stalled after 3 quiet seconds" 'grows · step 7 · loss 2.25 · stalled' 10
printf '{"type":"end","status":"done","step":7}\n' >>"$WORK/grows.jsonl"
wait_for "its end makes it done" 'grows · step 7 · loss 2.25 · done' 5
keys Escape

keys q
wait_for "q quits with status 0" '^bnlab-exit-0$' 10
wait_until "the terminal is restored (main screen, cursor shown)" 5 -- terminal_sane
shell_works "the shell is back and echoes"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
