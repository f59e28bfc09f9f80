#!/usr/bin/env bash
# Checks every lesson's claims on fresh runs: each experiment with a `lesson:` is trained into a
# temporary runs folder and `bnlab lesson EXP --check` evaluates every expectation on it.
# Usage: scripts/check-lessons.sh PATH/TO/bnlab [--full] [EXPERIMENT…]
#   quick (default, `make test`): each experiment's `lesson_check` size (subset and epochs), so the
#         claims marked `when: full` are reported as skipped;
#   --full (`make check-lessons`): all the data for the experiment's own epochs, every claim checked.
# Data: $BNLAB_DATA or the installed Fashion-MNIST. Prints each check's report and a closing
# "N lessons hold, M fail"; exits 1 when any lesson fails.
set -uo pipefail
BNLAB=${1:?usage: scripts/check-lessons.sh PATH/TO/bnlab [--full] [EXPERIMENT…]}
shift
FULL=()
if [ "${1:-}" = "--full" ]; then FULL=(--full); shift; fi
[ -x "$BNLAB" ] || { echo "check-lessons: $BNLAB is not an executable"; exit 2; }
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${BNLAB_DATA:-/usr/share/datasets/fashion-mnist}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if [ $# -gt 0 ]; then
    EXPERIMENTS=("$@")
else
    mapfile -t EXPERIMENTS < <(grep -l '^lesson:' "$ROOT"/experiments/*.yaml | xargs -n1 basename | sed 's/\.yaml$//')
fi
passed=0 failed=0
for exp in "${EXPERIMENTS[@]}"; do
    start=$SECONDS
    "$BNLAB" lesson "$exp" --check --fresh "${FULL[@]}" --experiments "$ROOT/experiments" --data "$DATA" \
        --runs "$WORK/$exp" >"$WORK/$exp.out" 2>"$WORK/$exp.err"
    status=$?
    cat "$WORK/$exp.out"
    if [ "$status" -eq 0 ]; then
        passed=$((passed + 1)); echo "ok   $exp lesson holds ($((SECONDS - start)) s)"
    else
        failed=$((failed + 1)); echo "FAIL $exp lesson (exit $status, $((SECONDS - start)) s)"
        grep -v '^\[' "$WORK/$exp.err" | tail -5
    fi
    echo
done
echo "$passed lessons hold, $failed fail"
[ "$failed" -eq 0 ]
