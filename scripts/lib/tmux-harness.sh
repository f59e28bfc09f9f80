# Shared by the tmux end-to-end scripts (tui-e2e.sh, replay-e2e.sh, lesson-e2e.sh): a plain shell
# in a detached tmux pane on a private socket, and helpers that type keys, read the screen and
# wait for a pattern with a deadline. Source it after setting BNLAB; define extra_cleanup to remove
# files of your own. Counters: passed, failed.
command -v tmux >/dev/null || { echo "e2e: tmux is not installed (Debian: apt-get install tmux)"; exit 2; }

SOCKET="bnlab-e2e-$$-$RANDOM"
SESSION="e2e"
T() { tmux -L "$SOCKET" -f /dev/null "$@"; }
SOCKET_PATH=""
cleanup() {
    declare -F extra_cleanup >/dev/null && extra_cleanup
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
screen_escapes() { T capture-pane -p -e -t "$SESSION" 2>/dev/null; }
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

# wait_until NAME [SECONDS] -- COMMAND...: passes when COMMAND succeeds before the deadline.
wait_until() {
    local name=$1 deadline=$((SECONDS + $2)); shift 3
    while [ "$SECONDS" -lt "$deadline" ]; do
        if "$@"; then pass "$name"; return 0; fi
        sleep 0.1
    done
    fail "$name"; return 1
}

has_points() { screen | grep -q '|.*\*'; }
has_braille() { screen | LC_ALL=C.UTF-8 grep -qP '[\x{2801}-\x{28FF}]'; }
only_ascii() { ! screen | LC_ALL=C.UTF-8 grep -qP '[^\x{00}-\x{7F}]'; }
has_color() { screen_escapes | grep -Eq $'\e\\[([0-9;]*;)?(3[0-7]|38;5;[0-9]+|4[0-7])(;[0-9;]*)?m'; }
terminal_sane() { [ "$(pane '#{alternate_on}')" = 0 ] && [ "$(pane '#{cursor_flag}')" = 1 ]; }
keys() { T send-keys -t "$SESSION" "$@"; }
type_line() { T send-keys -t "$SESSION" -l -- "$1"; T send-keys -t "$SESSION" Enter; }

# shell_works NAME: the shell echoes a fresh token, so it reads lines and prints normally again.
shell_works() {
    local token="done-$RANDOM$RANDOM"
    type_line "echo $token"
    wait_for "$1" "^$token\$" 5
}

launch() { type_line "clear; $1; echo bnlab-exit-\$?"; }

# start_shell: a plain shell in a 120x40 pane, with a UTF-8 locale and colors.
start_shell() {
    T new-session -d -s "$SESSION" -x 120 -y 40 \
        "env -u NO_COLOR -u LC_ALL LANG=C.UTF-8 PS1='$ ' HISTFILE=/dev/null bash --norc --noprofile"
    SOCKET_PATH=$(T display-message -p '#{socket_path}')
    wait_for "a shell starts in tmux" '^\$' 5 || { echo "$passed passed, $failed failed"; exit 1; }
}

