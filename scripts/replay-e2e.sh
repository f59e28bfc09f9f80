#!/usr/bin/env bash
# End-to-end checks of `bnlab replay` in a real terminal (tmux), run after scripts/tui-e2e.sh.
# Usage: scripts/replay-e2e.sh PATH/TO/bnlab
# Replays the fixture run of Tests/Fixtures/runs in a detached tmux pane (120x40): it opens paused
# at the first step, steps by step and by epoch, plays to the end, jumps back, compares two runs
# with a legend and a config diff, reports a truncated file and a file that is not a run file
# inside the workbench, and quits cleanly leaving a working shell. Every wait polls the pane until
# a deadline. Prints one line per check and a closing "N passed, M failed"; exits 1 when any fails.
set -uo pipefail
BNLAB=${1:?usage: scripts/replay-e2e.sh PATH/TO/bnlab}
BNLAB=$(cd "$(dirname "$BNLAB")" && pwd)/$(basename "$BNLAB")
[ -x "$BNLAB" ] || { echo "replay-e2e: $BNLAB is not an executable"; exit 2; }
command -v tmux >/dev/null || { echo "replay-e2e: tmux is not installed (Debian: apt-get install tmux)"; exit 2; }

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FIXTURES="$ROOT/Tests/Fixtures/runs"
BN="$FIXTURES/bn-vs-no-bn-bn.jsonl"
NOBN="$FIXTURES/bn-vs-no-bn-no-bn.jsonl"
WORK=$(mktemp -d)
REPLAY="'$BNLAB' replay --experiments '$ROOT/experiments' --runs '$WORK'"
extra_cleanup() { rm -rf "$WORK"; }
. "$ROOT/scripts/lib/tmux-harness.sh"
start_shell

# --- One run: step, epoch, play, jump ------------------------------------------------------------
launch "$REPLAY '$BN'"
wait_for "replay opens paused at the first step" 'paused [0-9]+ steps/s . step 0/32'
wait_for "the empty chart says how to go on" 'No loss at step 0 yet'
wait_for "the run is listed as replayed" 'r1 (bn-vs-no-bn/)?bn +replay'
wait_for "the status says how to play" 'replaying bn-vs-no-bn-bn\.jsonl'
keys f f f
wait_for "f steps forward" 'step 3/32'
keys b
wait_for "b steps back" 'step 2/32'
keys F
wait_for "F goes to the end of epoch 1" 'step 16/32 . epoch 1/2'
wait_for "the legend reads the loss at the cursor" '[●■▲◆] bn [0-9.e-]+'
keys 2
wait_for "the accuracy chart follows the cursor (epoch 1 evaluated)" 'bn eval [0-9.]+%'
keys 1
keys ' '
wait_for "Space plays to the end" 'step 32/32 \(end\)' 10
wait_for "at the end the run is done" 'r1 (bn-vs-no-bn/)?bn +done'
keys 0
wait_for "0 jumps to the start" 'step 0/32'
keys '*'
wait_for "* plays faster" 'paused 100 steps/s'
keys '$'
wait_for "\$ jumps to the end" 'step 32/32 \(end\)'
keys '?'
wait_for "the help lists the replay keys" 'step forward'
keys Escape
wait_gone "Esc closes the help" 'closes this help'
keys q
wait_for "q quits a replay at once with status 0" '^bnlab-exit-0$'
wait_until "the terminal is restored after the replay" 5 -- terminal_sane
shell_works "the shell works after the replay"

# --- Two runs: overlay, legend, config diff ------------------------------------------------------
launch "$REPLAY '$BN' '$NOBN'"
wait_for "comparing two runs" 'comparing 2 runs'
keys '$'
wait_for "both runs are in the legend" '[●■▲◆] bn [0-9.e-]+ +[●■▲◆] no-bn [0-9.e-]+'
wait_until "the compared curves are drawn" 10 -- has_braille
keys D
wait_for "D opens the config diff" 'Config diff'
wait_for "the diff lists the differing layer" 'model\[2\]\.type +BatchNorm1d +ReLU'
if screen | grep -Eq '^[│ ]*│ (epochs|batch_size) '; then fail "the diff leaves out equal keys"; else pass "the diff leaves out equal keys"; fi
keys Escape
wait_gone "Esc closes the diff" 'Config diff'
keys q
wait_for "the comparison quits with status 0" '^bnlab-exit-0$'

# --- A truncated file and a file that is not a run file --------------------------------------------
head -c $(( $(wc -c <"$BN") * 2 / 3 )) "$BN" >"$WORK/cut.jsonl"
printf 'these are my notes\n' >"$WORK/notes.txt"
launch "$REPLAY '$WORK/cut.jsonl'"
wait_for "a truncated file opens with a notice" 'note: cut\.jsonl: file ends mid-line'
keys '$'
wait_for "it replays up to the cut" 'step [0-9]+/[0-9]+ \(end\)'
keys q
wait_for "the truncated replay quits with status 0" '^bnlab-exit-0$'
launch "$REPLAY '$WORK/notes.txt'"
wait_for "a file that is not a run file is explained in the UI" 'not a bnlab run file'
wait_for "the chart says nothing can be replayed" 'Nothing to replay'
keys q
wait_for "it still quits with status 0" '^bnlab-exit-0$'
wait_until "the terminal is restored" 5 -- terminal_sane
shell_works "the shell works at the end"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
