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
SOCKET="bnlab-replay-e2e-$$-$RANDOM"
SESSION="replay"
T() { tmux -L "$SOCKET" -f /dev/null "$@"; }
SOCKET_PATH=""
cleanup() {
    rm -rf "$WORK"
    T kill-server >/dev/null 2>&1
    [ -n "$SOCKET_PATH" ] && rm -f "$SOCKET_PATH"
}
trap cleanup EXIT
passed=0 failed=0

pass() { passed=$((passed + 1)); echo "ok    $1"; }
fail() {
    failed=$((failed + 1)); echo "FAIL  $1"
    screen | sed 's/^/      | /' | head -45
}
screen() { T capture-pane -p -t "$SESSION" 2>/dev/null; }
pane() { T display-message -p -t "$SESSION" "$1" 2>/dev/null; }

# wait_for NAME PATTERN [SECONDS]: passes when the pane shows a line matching the extended regular
# expression PATTERN before the deadline (default 10 s).
wait_for() {
    local name=$1 pattern=$2 deadline=$((SECONDS + ${3:-10}))
    while [ "$SECONDS" -lt "$deadline" ]; do
        if screen | grep -Eq -- "$pattern"; then pass "$name"; return 0; fi
        sleep 0.1
    done
    fail "$name (no /$pattern/ within ${3:-10} s)"; return 1
}

# wait_gone NAME PATTERN [SECONDS]: passes when no line matches PATTERN any more.
wait_gone() {
    local name=$1 pattern=$2 deadline=$((SECONDS + ${3:-10}))
    while [ "$SECONDS" -lt "$deadline" ]; do
        if ! screen | grep -Eq -- "$pattern"; then pass "$name"; return 0; fi
        sleep 0.1
    done
    fail "$name (/$pattern/ still shown after ${3:-10} s)"; return 1
}

# wait_until NAME SECONDS -- COMMAND...: passes when COMMAND succeeds before the deadline.
wait_until() {
    local name=$1 deadline=$((SECONDS + $2)); shift 3
    while [ "$SECONDS" -lt "$deadline" ]; do
        if "$@"; then pass "$name"; return 0; fi
        sleep 0.1
    done
    fail "$name"; return 1
}

has_braille() { screen | LC_ALL=C.UTF-8 grep -qP '[\x{2801}-\x{28FF}]'; }
terminal_sane() { [ "$(pane '#{alternate_on}')" = 0 ] && [ "$(pane '#{cursor_flag}')" = 1 ]; }
keys() { T send-keys -t "$SESSION" "$@"; }
type_line() { T send-keys -t "$SESSION" -l -- "$1"; T send-keys -t "$SESSION" Enter; }
shell_works() {
    local token="done-$RANDOM$RANDOM"
    type_line "echo $token"
    wait_for "$1" "^$token\$" 5
}
launch() { type_line "clear; $1; echo bnlab-exit-\$?"; }

T new-session -d -s "$SESSION" -x 120 -y 40 \
    "env -u NO_COLOR -u LC_ALL LANG=C.UTF-8 PS1='$ ' HISTFILE=/dev/null bash --norc --noprofile"
SOCKET_PATH=$(T display-message -p '#{socket_path}')
wait_for "a shell starts in tmux" '^\$' 5 || { echo "$passed passed, $failed failed"; exit 1; }

# --- One run: step, epoch, play, jump ------------------------------------------------------------
launch "$REPLAY '$BN'"
wait_for "replay opens paused at the first step" 'paused [0-9]+ steps/s . step 0/32'
wait_for "the empty chart says how to go on" 'No loss at step 0 yet'
wait_for "the run is listed as replayed" 'r1 bn-vs-no-bn/bn +replay'
wait_for "the status says how to play" 'replaying bn-vs-no-bn-bn\.jsonl'
keys f f f
wait_for "f steps forward" 'step 3/32'
keys b
wait_for "b steps back" 'step 2/32'
keys F
wait_for "F goes to the end of epoch 1" 'step 16/32 . epoch 1/2'
wait_for "the legend reads the loss at the cursor" '■ bn [0-9.]+'
keys 2
wait_for "the accuracy chart follows the cursor (epoch 1 evaluated)" 'bn eval [0-9.]+%'
keys 1
keys ' '
wait_for "Space plays to the end" 'step 32/32 \(end\)' 10
wait_for "at the end the run is done" 'r1 bn-vs-no-bn/bn +done'
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
wait_for "both runs are in the legend" '■ bn [0-9.]+ +■ no-bn [0-9.]+'
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
