#!/usr/bin/env bash
# End-to-end checks of the full-screen workbench in a real terminal (tmux), run after the unit tests.
# Usage: scripts/tui-e2e.sh PATH/TO/bnlab
# Drives `bnlab` in a detached tmux pane (120x40) with a plain shell, training for real on the
# Fashion-MNIST test subset: the catalog shows, Enter starts bn-vs-no-bn, progress and braille
# charts appear, help opens and closes, the pane is
# resized, quitting asks first and leaves a working shell; the playground (`e`) trains a changed
# variant and writes it into a copy of the catalog; Ctrl-C, SIGTERM, ASCII, NO_COLOR, a bad
# TERM and a non-terminal are checked too. Every wait polls the pane until a deadline.
# Prints one line per check and a closing "N passed, M failed"; exits 1 when any check fails.
set -uo pipefail
BNLAB=${1:?usage: scripts/tui-e2e.sh PATH/TO/bnlab}
BNLAB=$(cd "$(dirname "$BNLAB")" && pwd)/$(basename "$BNLAB")
[ -x "$BNLAB" ] || { echo "tui-e2e: $BNLAB is not an executable"; exit 2; }
command -v tmux >/dev/null || { echo "tui-e2e: tmux is not installed (Debian: apt-get install tmux)"; exit 2; }

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SUBSET="$ROOT/Tests/BNDataTests/Fixtures/fashion-subset"
RUNS=$(mktemp -d)
REAL="'$BNLAB' --experiments '$ROOT/experiments' --data '$SUBSET' --runs '$RUNS' --epochs 400"
EXPS=""
extra_cleanup() { rm -rf "$RUNS"; [ -z "$EXPS" ] || rm -rf "$EXPS"; }
. "$ROOT/scripts/lib/tmux-harness.sh"
start_shell

# --- The main walk-through ------------------------------------------------------------------
launch "$REAL"
wait_for "the catalog is shown" 'BatchNorm vs\. no BatchNorm'
wait_for "the run queue is empty" 'No runs yet'
wait_for "the footer lists key hints" 'Enter run .*\?/F1 help'
wait_until "colors are used when allowed" 5 -- has_color
keys j j
wait_for "j j moves to bn-vs-no-bn" 'Experiments 3/[0-9]+'
keys Enter
wait_for "Enter offers all variants or one" 'Run bn-vs-no-bn'
keys Enter
wait_for "both variants are queued and running" '#2 (bn-vs-no-bn/)?no-bn +(running|done)'
wait_for "progress shows epoch and step" 'ep [0-9]+/[0-9]+ [0-9]+/[0-9]+'
wait_for "progress shows samples/s" '[0-9.]+k?/s +[0-9]+:[0-9][0-9]'
wait_until "braille chart cells appear" 10 -- has_braille
keys '?'
wait_for "? opens the help" 'or Esc closes'
wait_for "the help lists the quit binding" 'q/Ctrl-C +quit'
keys '?'
wait_gone "? closes the help" 'closes this help'
keys 3
wait_for "3 shows the BN running statistics" 'running_mean (c[0-9]+-c[0-9]+ of [0-9]+|all [0-9]+) by'
wait_for "the expected line and its difference from running_mean are shown" 'max \|expected - running\| = [0-9.e-]+ \(relative\)'
keys 2
wait_for "2 shows per-class accuracy after an epoch" 'bn eval [0-9.]+%' 20
keys 1
T resize-window -t "$SESSION" -x 70 -y 20
wait_for "a 70x20 pane gets the compact layout" 'Experiments 3/[0-9]+ +\(Tab: runs\)'
T resize-window -t "$SESSION" -x 30 -y 10
wait_for "a 30x10 pane says it is too small" 'too small: 30x10'
T resize-window -t "$SESSION" -x 120 -y 40
wait_for "back at 120x40 the full layout returns" '─ Experiments 3/[0-9]+ '
wait_until "charts are redrawn after the resize" 10 -- has_braille
keys q
wait_for "q asks first while runs are active" 'Quit bnlab\?'
keys y
wait_for "y quits with status 0" '^bnlab-exit-0$'
wait_until "the terminal is restored (main screen, cursor shown)" 5 -- terminal_sane
wait_gone "no workbench is left on the screen" 'Experiments 3/[0-9]+'
shell_works "the shell is back and echoes"
check_files() { [ "$(ls "$RUNS"/bn-vs-no-bn-*.jsonl 2>/dev/null | wc -l)" -eq 2 ] && tail -qn1 "$RUNS"/bn-vs-no-bn-*.jsonl | grep -c '"status":"cancelled"' | grep -qx 2; }
wait_until "quitting cancelled both runs, whose files end with a cancelled event" 5 -- check_files

# --- The playground, at 80x24 in ASCII without colour: e, a new lr, w writes it, Enter trains it
EXPS=$(mktemp -d)
cp "$ROOT"/experiments/*.yaml "$EXPS"/
SHIPPED=$(ls "$EXPS"/*.yaml | wc -l)
T resize-window -t "$SESSION" -x 80 -y 24
launch "NO_COLOR=1 '$BNLAB' --glyphs ascii --experiments '$EXPS' --data '$SUBSET' --runs '$RUNS' --epochs 400"
wait_for "bnlab starts for the playground" 'BatchNorm vs\. no BatchNorm'
keys j j e
wait_for "e opens the playground on bn-vs-no-bn" 'Playground: bn-vs-no-bn'
wait_for "the form starts from the variant's learning rate" 'learning rate +0\.01'
keys Down 0 . 1
wait_for "the typed lr is marked as changed" '\*learning rate +0\.1_? +was 0\.01'
wait_for "the new variant's name says what changed" 'new variant: bn-lr0\.1'
keys Down Down -
wait_for "a value the loader refuses shows its error" "field 'variants\[0\]\.momentum': expected a number or null"
keys BSpace 0 . 0 1
wait_gone "a good value clears the error" "field 'variants"
wait_for "the name follows" 'new variant: bn-lr0\.1-bnm0\.01'
keys BSpace BSpace BSpace BSpace 0 . 1
wait_for "the name says only what changed" 'new variant: bn-lr0\.1 '
keys w
wait_for "w writes a new experiment file" 'written: .*bn-vs-no-bn-bn-lr0\.1\.yaml'
wait_until "the form draws only ASCII" 5 -- only_ascii
if has_color; then fail "NO_COLOR: the form draws no colors"; else pass "NO_COLOR: the form draws no colors"; fi
keys Enter
wait_gone "Enter closes the form" 'Playground: bn-vs-no-bn'
wait_for "the new variant trains live on the queue" 'bn-lr0\.1 +(running|done)'
wait_for "the catalog lists the new experiment" "Experiments 3/$((SHIPPED + 1))"
# one row per run ("bn-lr0.1  42% running") or, while two fit, the bar under it ("###812/6400### 13k/s 0:01")
wait_for "the new run shows progress" 'bn-lr0\.1 +[0-9]+% running|[0-9]+/[0-9]+[^ ]* +[0-9.]+k?/s' 30
keys q y
wait_for "quits after the playground" '^bnlab-exit-0$'
T resize-window -t "$SESSION" -x 120 -y 40
if "$BNLAB" list --experiments "$EXPS" 2>&1 | grep -q 'bn-vs-no-bn-bn-lr0\.1'; then
    pass "bnlab list shows the written experiment"
else
    fail "bnlab list shows the written experiment"
fi
if grep -qs '"variant":"bn-lr0.1"' "$RUNS"/bn-vs-no-bn-bn-lr0.1-*.jsonl && grep -qs '"lr":0.1' "$RUNS"/bn-vs-no-bn-bn-lr0.1-*.jsonl; then
    pass "the run file's header carries the new variant and its lr"
else
    fail "the run file's header carries the new variant and its lr"
fi

# --- Ctrl-C as a key ------------------------------------------------------------------------
launch "'$BNLAB' --demo"
wait_for "bnlab starts again" 'BatchNorm vs\. no BatchNorm'
keys Enter Enter
wait_for "runs start again" '#1 (bn-vs-no-bn/)?bn +running'
keys C-c
wait_for "Ctrl-C asks first while runs are active" 'Quit bnlab\?'
keys C-c
wait_for "a second Ctrl-C quits" '^bnlab-exit-0$'
wait_until "the terminal is restored after Ctrl-C" 5 -- terminal_sane
shell_works "the shell works after Ctrl-C"

# --- SIGTERM --------------------------------------------------------------------------------
launch "'$BNLAB' --demo"
wait_for "bnlab starts for SIGTERM" 'BatchNorm vs\. no BatchNorm'
keys Enter Enter
wait_for "runs start before SIGTERM" '#1 (bn-vs-no-bn/)?bn +running'
pid=$(ps -o pid= --ppid "$(pane '#{pane_pid}')" | head -1 | tr -d ' ')
if [ -n "$pid" ]; then kill -TERM "$pid"; else fail "found bnlab's process id"; fi
wait_for "SIGTERM exits with 143" '^bnlab-exit-143$'
wait_until "the terminal is restored after SIGTERM" 5 -- terminal_sane
shell_works "the shell works after SIGTERM"

# --- A crash (a fault signal): the terminal is restored before the runtime reports it -------
launch "SWIFT_BACKTRACE=interactive=no '$BNLAB' --demo"
wait_for "bnlab starts for the crash" 'BatchNorm vs\. no BatchNorm'
pid=$(ps -o pid= --ppid "$(pane '#{pane_pid}')" | head -1 | tr -d ' ')
if [ -n "$pid" ]; then kill -SEGV "$pid"; else fail "found bnlab's process id"; fi
wait_for "SIGSEGV exits with 139" '^bnlab-exit-139$' 30
wait_until "the terminal is restored after a crash" 5 -- terminal_sane
shell_works "the shell works after a crash"

# --- ASCII and NO_COLOR ---------------------------------------------------------------------
launch "LC_ALL=C NO_COLOR=1 '$BNLAB' --demo"
wait_for "bnlab starts with LC_ALL=C" 'Experiments 1/5'
keys Enter Enter
wait_for "runs start in ASCII mode" '#1 (bn-vs-no-bn/)?bn +running'
sleep 1
wait_until "LC_ALL=C draws only ASCII" 5 -- only_ascii
wait_until "the ASCII loss chart has points" 5 -- has_points
if has_color; then fail "NO_COLOR draws no colors"; else pass "NO_COLOR draws no colors"; fi
keys q y
wait_for "ASCII mode quits cleanly" '^bnlab-exit-0$'
wait_until "the terminal is restored after ASCII mode" 5 -- terminal_sane

# --- Failures that must not take the terminal -----------------------------------------------
launch "TERM=no-such-terminal '$BNLAB' --demo"
wait_for "an unknown TERM is explained" 'not in the terminfo database'
wait_for "an unknown TERM exits 2" '^bnlab-exit-2$'
shell_works "the shell works after a bad TERM"

out=$("$BNLAB" </dev/null 2>&1); status=$?
if [ "$status" -eq 2 ] && grep -q 'bnlab run' <<<"$out"; then
    pass "without a terminal bnlab points to bnlab run / show and exits 2"
else
    failed=$((failed + 1)); echo "FAIL  without a terminal bnlab points to bnlab run / show and exits 2 (status $status)"
    sed 's/^/      | /' <<<"$out" | head -5
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
