#!/usr/bin/env bash
# End-to-end checks of the saved-runs browser and of `bnlab lesson` in a real terminal (tmux), run
# after scripts/lesson-e2e.sh.
# Usage: scripts/lesson-e2e.sh PATH/TO/bnlab
# Copies the fixture runs of Tests/Fixtures/runs (32 steps, 2 epochs) into a fresh runs folder,
# then: `bnlab lesson` without saved runs says so; with them it names the steps the runs are too
# short for before it starts, pauses at the step they reach with its claims checked (holding and
# failing), reveals the answer, ends without jumping back, p goes back and r restarts; --check
# prints the claims and exits 1 (2 on bad input); --record writes a valid asciinema v2 file; with --fresh it trains a tiny subset first (needs the
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
wait_for "runs too short for the lesson are named before it starts" 'too short for this lesson: 1 of its 4'
wait_for "with the step and point each missing step needs" 'step 1 needs step 300 \(bn: the run ends at'
wait_for "and the --fresh command sized to the lesson" 'For the whole lesson: bnlab lesson bn-vs-no-bn --fresh \(trains every variant'
keys N
wait_for "N starts at the first step the runs reach (end of epoch 1), never a clamped one" 'Lesson 2/4, paused at the end of epoch 1'
wait_for "that step shows the accuracy chart" 'bn eval [0-9.]+%'
wait_for "its checked claims are shown with their values" 'check holds bn.accuracy@epoch1 > no-bn.accuracy@epoch1 \(0\.6 > 0\.16\)'
wait_for "a claim these runs contradict is shown as failing" 'check FAILS 0.82 <= bn.accuracy@epoch1 <= 0.86'
wait_for "and flagged beside the text" 'The runs contradict'
wait_for "the question is asked" 'Q: Compare the eval-mode and train-mode bars'
keys a
wait_for "a reveals the answer" 'A: Overall almost exactly'
keys N
wait_for "the steps beyond the runs are skipped: the lesson ends at epoch 1's point" 'Lesson finished \(4 steps\)'
wait_for "the replay stayed at step 16, never jumping back" 'step 16/32'
keys p
wait_for "p goes back to the previous step" 'Lesson 2/4, paused at the end of epoch 1'
keys r
wait_for "r restarts the lesson from the start" 'Lesson 2/4: playing to|Lesson 2/4, paused at the end of epoch 1'
wait_for "and pauses at the first step again" 'Lesson 2/4, paused at the end of epoch 1'
keys q
wait_for "q quits the lesson with status 0" '^bnlab-exit-0$'
wait_until "the terminal is restored after the lesson" 5 -- terminal_sane
shell_works "the shell works after the lesson"

# --- --check: one line per claim, exit 1 when one fails, 2 on bad input -----------------------------
out=$("$BNLAB" lesson --experiments "$ROOT/experiments" --runs "$WORK/runs" bn-vs-no-bn --check 2>&1); status=$?
if [ "$status" = 1 ] && grep -q '^  holds    bn.accuracy@epoch1 > no-bn.accuracy@epoch1' <<<"$out" \
    && grep -q 'FAILS    the runs do not reach this step.s pause point (bn: the run ends at step 32)' <<<"$out" \
    && grep -Eq '^[0-9]+ hold, [0-9]+ fail, 0 skipped; 3 pause points not reached$' <<<"$out"; then
    pass "--check lists every claim, the unreached points, and exits 1"
else
    fail "--check lists every claim, the unreached points, and exits 1 (exit $status): $out"
fi
out=$("$BNLAB" lesson --experiments "$ROOT/experiments" --runs "$WORK/runs" no-such-lesson --check 2>&1); status=$?
if [ "$status" = 2 ] && grep -q "no experiment 'no-such-lesson'" <<<"$out"; then pass "--check on bad input exits 2"
else fail "--check on bad input exits 2 (exit $status): $out"; fi
out=$("$BNLAB" lesson --experiments "$ROOT/experiments" --runs "$WORK/runs" bn-vs-no-bn --check --full 2>&1); status=$?
if [ "$status" = 2 ] && grep -q -- "--full goes with --check --fresh" <<<"$out"; then pass "--check with a misused option exits 2"
else fail "--check with a misused option exits 2 (exit $status): $out"; fi

# --- --record: an asciinema v2 file of the session --------------------------------------------------
launch "$LESSON bn-vs-no-bn --record '$WORK/lesson.cast'"
wait_for "the recorded lesson opens as usual" 'too short for this lesson'
keys N
wait_for "and plays" 'Lesson 2/4, paused at the end of epoch 1'
keys q
wait_for "the recorded lesson quits with status 0" '^bnlab-exit-0$'
wait_until "the terminal is restored after a recorded lesson" 5 -- terminal_sane
cast_ok() {
    python3 - "$WORK/lesson.cast" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
header = json.loads(lines[0])
assert header["version"] == 2 and header["width"] > 0 and header["height"] > 0, header
events = [json.loads(line) for line in lines[1:]]
assert events and all(len(e) == 3 and e[1] == "o" and isinstance(e[0], float) and isinstance(e[2], str) for e in events)
assert all(a[0] <= b[0] for a, b in zip(events, events[1:]))
assert "Lesson 2/4" in "".join(e[2] for e in events)
PY
}
if cast_ok; then pass "--record wrote a valid asciinema v2 file of what was shown"; else fail "--record wrote a valid asciinema v2 file"; fi

launch "'$BNLAB' lesson --experiments '$ROOT/experiments' --runs '$WORK/fresh' bn-vs-no-bn --fresh --epochs 1 --subset 200 --jobs 1"
wait_for "--fresh trains the variants first, then the lesson opens over them" 'too short for this lesson' 60
wait_for "both fresh runs are replayed" 'r2 (bn-vs-no-bn/)?no-bn'
keys q
wait_for "the fresh lesson quits with status 0" '^bnlab-exit-0$'
if [ "$(ls "$WORK/fresh" | grep -c '^bn-vs-no-bn-.*\.jsonl$')" = 2 ]; then pass "the fresh runs are saved"; else fail "the fresh runs are saved"; fi
# every shipped experiment has a lesson: a copy of the catalog with one lesson taken out
NOLESSON="$WORK/no-lesson"
mkdir -p "$NOLESSON" && cp "$ROOT"/experiments/*.yaml "$NOLESSON"/
sed -i '/^lesson:/,$d' "$NOLESSON/learning-rate.yaml"
launch "'$BNLAB' lesson --experiments '$NOLESSON' --runs '$WORK/runs' learning-rate"
wait_for "an experiment without a lesson is named" 'learning-rate has no lesson; lessons ship with: .*bn-vs-no-bn'

# --- High contrast: bold, bright, nothing dim ------------------------------------------------------
sgr() { T capture-pane -e -p -t "$SESSION" 2>/dev/null | grep -Eo $'\e\\[[0-9;]*m'; }
has_dim() { sgr | grep -Eq '[[;]2(;[0-9;]*)?m'; }
no_dim() { ! has_dim; }
has_bold() { sgr | grep -Eq '[[;]1(;[0-9;]*)?m'; }
launch "TERM=xterm-256color $LESSON --high-contrast bn-vs-no-bn"
wait_for "the lesson opens in high contrast" 'too short for this lesson'
keys N
wait_for "and goes on to its first shown step" 'Lesson 2/4, paused'
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
