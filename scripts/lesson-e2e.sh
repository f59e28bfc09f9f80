#!/usr/bin/env bash
# End-to-end checks of the saved-runs browser and of `bnlab lesson` in a real terminal (tmux), run
# after scripts/lesson-e2e.sh.
# Usage: scripts/lesson-e2e.sh PATH/TO/bnlab
# Copies the fixture runs of Tests/Fixtures/runs into a fresh runs folder, then: `bnlab lesson`
# without saved runs says so; with them it pauses at each step on its chart, reveals the answer,
# goes on to the next step and quits cleanly; with --fresh it trains a tiny subset first (needs the
# dataset, as `make test` installs); in the demo workbench R browses the saved runs, m marks
# two, Enter compares them, W goes back to the live runs (still running); --high-contrast leaves
# nothing dim and H toggles it. Every wait polls the pane
# until a deadline. Prints one line per check and a closing "N passed, M failed"; exits 1 when any fails.
set -uo pipefail
BNLAB=${1:?usage: scripts/lesson-e2e.sh PATH/TO/bnlab}
BNLAB=$(cd "$(dirname "$BNLAB")" && pwd)/$(basename "$BNLAB")
[ -x "$BNLAB" ] || { echo "lesson-e2e: $BNLAB is not an executable"; exit 2; }
command -v tmux >/dev/null || { echo "lesson-e2e: tmux is not installed (Debian: apt-get install tmux)"; exit 2; }

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FIXTURES="$ROOT/Tests/Fixtures/runs"
BN="$FIXTURES/bn-vs-no-bn-bn.jsonl"
NOBN="$FIXTURES/bn-vs-no-bn-no-bn.jsonl"
WORK=$(mktemp -d)

extra_cleanup() { rm -rf "$WORK"; }
. "$ROOT/scripts/lib/tmux-harness.sh"
LESSON="'$BNLAB' lesson --experiments '$ROOT/experiments' --runs '$WORK/runs'"
DEMO="'$BNLAB' --demo --experiments '$ROOT/experiments' --runs '$WORK/runs'"
mkdir -p "$WORK/runs"
start_shell

# --- A lesson without saved runs, then over the fixture runs --------------------------------------
launch "$LESSON bn-vs-no-bn"
wait_for "without saved runs the lesson says so" 'no saved run of bn-vs-no-bn'
wait_for "and exits with status 2" '^bnlab-exit-2$'
cp "$BN" "$NOBN" "$WORK/runs/"
launch "$LESSON bn-vs-no-bn"
wait_for "the lesson opens over the newest run of each variant" 'r2 (bn-vs-no-bn/)?no-bn'
wait_for "it pauses at the first step's pause point" 'Lesson 1/4, paused at step 300'
wait_for "the first step shows the loss chart" 'training loss per step'
wait_for "the question is asked" 'Q: Which training-loss curve has fallen faster'
wait_for "the answer waits for a key" 'press a to reveal the answer'
keys a
wait_for "a reveals the answer" 'A: The bn curve'
keys N
wait_for "N goes on to the next step (end of epoch 1)" 'Lesson 2/4, paused at end of epoch 1'
wait_for "that step shows the accuracy chart" 'bn eval [0-9.]+%'
wait_gone "the previous answer is gone" 'A: The bn curve'
keys N
wait_for "the BN step pauses on the BN panel" 'Lesson 3/4, paused at step 1000'
keys N
wait_for "the last step" 'Lesson 4/4, paused at end of epoch 10'
wait_for "the last step says N ends it" 'N ends the lesson'
keys N
wait_for "after the last step the lesson is finished" 'Lesson finished \(4 steps\)'
keys q
wait_for "q quits the lesson with status 0" '^bnlab-exit-0$'
wait_until "the terminal is restored after the lesson" 5 -- terminal_sane
shell_works "the shell works after the lesson"
launch "'$BNLAB' lesson --experiments '$ROOT/experiments' --runs '$WORK/fresh' bn-vs-no-bn --fresh --epochs 1 --subset 200 --jobs 1"
wait_for "--fresh trains the variants first, then the lesson opens over them" 'Lesson 1/4, paused at step 300' 60
wait_for "both fresh runs are replayed" 'r2 (bn-vs-no-bn/)?no-bn'
keys q
wait_for "the fresh lesson quits with status 0" '^bnlab-exit-0$'
if [ "$(ls "$WORK/fresh" | grep -c '^bn-vs-no-bn-.*\.jsonl$')" = 2 ]; then pass "the fresh runs are saved"; else fail "the fresh runs are saved"; fi
launch "$LESSON learning-rate"
wait_for "an experiment without a lesson is named" 'learning-rate has no lesson; lessons ship with: .*bn-vs-no-bn'

# --- High contrast: bold, bright, nothing dim ------------------------------------------------------
sgr() { T capture-pane -e -p -t "$SESSION" 2>/dev/null | grep -Eo $'\e\\[[0-9;]*m'; }
has_dim() { sgr | grep -Eq '[[;]2(;[0-9;]*)?m'; }
no_dim() { ! has_dim; }
has_bold() { sgr | grep -Eq '[[;]1(;[0-9;]*)?m'; }
launch "TERM=xterm-256color $LESSON --high-contrast bn-vs-no-bn"
wait_for "the lesson opens in high contrast" 'Lesson 1/4, paused'
wait_until "nothing is dim in high contrast" 5 -- no_dim
wait_until "text is bold in high contrast" 5 -- has_bold
keys H
wait_for "H switches high contrast off" 'high contrast off'
wait_until "the normal look has dim text again" 5 -- has_dim
keys H
wait_for "H switches it back on" 'high contrast on'
wait_until "and nothing is dim again" 5 -- no_dim
keys q
wait_for "the high-contrast lesson quits with status 0" '^bnlab-exit-0$'

# --- The saved-runs browser in the live workbench -------------------------------------------------
launch "$DEMO"
wait_for "the demo workbench opens" 'Experiments 1/'
keys Enter
wait_for "the variant picker opens" 'Run bn-vs-no-bn'
keys Enter
wait_for "live runs start" 'started bn-vs-no-bn, all variants'
keys R
wait_for "R opens the saved-runs browser" 'Saved runs 2'
wait_for "the browser lists variant, status and accuracy" 'bn-vs-no-bn +no-bn +[0-9-]+ [0-9:]+ +done .*[0-9.]+%'
keys m j m
wait_for "m marks two runs" 'Saved runs 2, 2 marked'
keys Enter
wait_for "Enter compares the marked runs" 'comparing 2 runs'
wait_for "the replay bar shows the cursor" 'step 0/32'
keys W
wait_for "W goes back to the live runs, still active" 'back to the live runs \([0-9]+ active\)'
wait_gone "the replay is closed" 'step 0/32'
keys q
wait_for "quitting with live runs asks first" 'Quit bnlab\?'
keys y
wait_for "the workbench quits with status 0" '^bnlab-exit-0$'
wait_until "the terminal is restored" 5 -- terminal_sane
shell_works "the shell works at the end"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
