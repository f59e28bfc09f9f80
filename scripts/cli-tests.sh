#!/usr/bin/env bash
# End-to-end checks of the bnlab command line, run by `make test` after the unit tests.
# Usage: scripts/cli-tests.sh PATH/TO/bnlab
# Prints one line per check and a closing "N passed, M failed"; exits 1 when any check fails.
set -uo pipefail
BNLAB=${1:?usage: scripts/cli-tests.sh PATH/TO/bnlab}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SUBSET="$ROOT/Tests/BNDataTests/Fixtures/fashion-subset"
GOLDEN="$ROOT/Tests/BNParityTests/Fixtures/pytorch-golden.json"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
passed=0 failed=0

# check NAME EXPECTED_STATUS PATTERN -- COMMAND...: runs COMMAND, checks its exit status and that
# its output (stdout and stderr) matches the extended regular expression PATTERN.
check() {
    local name=$1 want=$2 pattern=$3; shift 4
    local out status
    out=$("$@" 2>&1); status=$?
    if [ "$status" -eq "$want" ] && grep -Eq -- "$pattern" <<<"$out"; then
        passed=$((passed + 1)); echo "ok    $name"
    else
        failed=$((failed + 1)); echo "FAIL  $name (status $status, wanted $want; pattern /$pattern/)"
        sed 's/^/      | /' <<<"$out" | tail -15
    fi
}

check "parity passes the shared golden file" 0 '^51 passed, 0 failed$' -- "$BNLAB" parity "$GOLDEN"
check "parity on a missing file exits 2" 2 'golden file .*absent.json' -- "$BNLAB" parity "$WORK/absent.json"
printf '{"cases": [' > "$WORK/broken.json"
check "parity on broken JSON exits 2" 2 'not valid JSON' -- "$BNLAB" parity "$WORK/broken.json"
python3 - "$GOLDEN" "$WORK/wrong.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
case = next(c for c in d["cases"] if c["name"] == "seed_bn1d_2x3")
case["steps"][0]["output"]["data"][0] += 0.01
json.dump({"cases": [case]}, open(sys.argv[2], "w"))
PY
check "parity reports a wrong reference and exits 1" 1 '^0 passed, 1 failed$' -- "$BNLAB" parity "$WORK/wrong.json"

check "data describes the test subset" 0 'train 1000, test 200' -- "$BNLAB" data --data "$SUBSET" --samples 1
check "data finds Fashion-MNIST class names" 0 'Ankle boot' -- "$BNLAB" data --data "$SUBSET" --samples 1
check "data on a missing folder exits 2" 2 'no-such-folder' -- "$BNLAB" data --data "$WORK/no-such-folder"
mkdir -p "$WORK/truncated" && cp "$SUBSET"/* "$WORK/truncated/"
head -c 1000 "$SUBSET/train-labels-idx1-ubyte.gz" | gzip -dc 2>/dev/null | head -c 500 > "$WORK/truncated/train-labels-idx1-ubyte"
rm "$WORK/truncated/train-labels-idx1-ubyte.gz"
check "data on a truncated file exits 2 naming it" 2 'train-labels-idx1-ubyte' -- "$BNLAB" data --data "$WORK/truncated"

check "bench runs every workload" 0 'MLP 784-256-256-10 with BN .*CNN' -- bash -c "'$BNLAB' bench --batches 3 | tr '\n' ' '"
check "bench --json is JSON" 0 '"samplesPerSecond"' -- "$BNLAB" bench --batches 2 --json --workload mlp

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
