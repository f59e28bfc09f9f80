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

# Experiments, runs and reports.
RUNS="$WORK/runs"
check "list shows the catalog" 0 'bn-vs-no-bn .*BatchNorm vs' -- bash -c "cd '$ROOT' && '$BNLAB' list | tr '\n' ' '"
mkdir -p "$WORK/long-ids"
sed 's/^id: .*/id: bn-vs-no-bn-bn-b16-lr0.1-gn-long/' "$ROOT/experiments/bn-vs-no-bn.yaml" > "$WORK/long-ids/bn-vs-no-bn-bn-b16-lr0.1-gn-long.yaml"
check "list never cuts a long id (run takes it as printed)" 0 '^bn-vs-no-bn-bn-b16-lr0.1-gn-long$' -- "$BNLAB" list --experiments "$WORK/long-ids"
mkdir -p "$WORK/catalog" && cp "$ROOT/experiments/bn-vs-no-bn.yaml" "$WORK/catalog/"
printf 'id: broken\ntitle: Broken\nsummary: x\nnotes: x\nmodel:\n  - {type: Linear, out: fast}\n' > "$WORK/catalog/broken.yaml"
check "list names a broken experiment file and still lists the rest" 0 "bn-vs-no-bn .*invalid +[^ ]*broken.yaml:6: field 'model\[0\].out'" -- bash -c "'$BNLAB' list --experiments '$WORK/catalog' | tr '\n' ' '"
check "run trains both variants on the subset, saying so" 0 'bn +done +300/[0-9]+ +1/1 .*no-bn +done' -- bash -c "cd '$ROOT' && '$BNLAB' run bn-vs-no-bn --epochs 1 --subset 300 --data '$SUBSET' --runs '$RUNS' 2>/dev/null | tr '\n' ' '"
check "run with an unknown experiment exits 2" 2 "no experiment 'nope'" -- bash -c "cd '$ROOT' && '$BNLAB' run nope"
check "run with an unknown variant exits 2" 2 "no variant 'bm'" -- bash -c "cd '$ROOT' && '$BNLAB' run bn-vs-no-bn --variant bm --runs '$RUNS'"
check "runs lists the saved runs" 0 'bn-vs-no-bn +no-bn +done' -- "$BNLAB" runs --runs "$RUNS"
check "runs takes the folder as an argument too, as watch does" 0 'bn-vs-no-bn +no-bn +done' -- "$BNLAB" runs "$RUNS"
check "runs shows the subset and the epochs done/planned" 0 'no-bn +done +300/100 +1/1 ' -- "$BNLAB" runs --runs "$RUNS"
BNFILE=$(ls "$RUNS"/bn-vs-no-bn-bn-*.jsonl | head -1)
# A second seed of one variant: both runs are named by their seed, in runs and in show.
check "run with another seed" 0 'bn +done' -- bash -c "cd '$ROOT' && '$BNLAB' run bn-vs-no-bn --variant bn --seed 77 --epochs 1 --subset 300 --data '$SUBSET' --runs '$RUNS' 2>/dev/null"
# (runs started in the same second may be listed in either order)
check "runs names runs of one variant by seed" 0 'bn s77 +done.*bn s[0-9]+ +done|bn s[0-9]+ +done.*bn s77 +done' -- bash -c "'$BNLAB' runs --runs '$RUNS' | tr '\n' ' '"
check "show names runs of one variant by seed, with subset and epochs" 0 'bn-vs-no-bn / bn s77 .*1/1 epochs, subset 300/100 images.*bn s77 eval' -- bash -c "'$BNLAB' show '$RUNS'/bn-vs-no-bn-bn-*.jsonl | tr '\n' ' '"
python3 - "$BNFILE" "$WORK/huge.jsonl" <<'PY'
import json, sys
lines = open(sys.argv[1]).read().splitlines()
out = []
for line in lines:
    event = json.loads(line)
    if event.get("type") == "epoch": event["train_loss"] = 3.1e30
    if "format" in event: event["variant"] = "bn\u001b]0;pwned\u0007"
    out.append(json.dumps(event))
open(sys.argv[2], "w").write("\n".join(out) + "\n")
PY
mkdir -p "$WORK/huge" && cp "$WORK/huge.jsonl" "$WORK/huge/"
check "runs prints a diverged loss in scientific notation" 0 ' 3\.1e30 ' -- "$BNLAB" runs --runs "$WORK/huge"
check "runs strips control characters from names in files" 0 '^0$' -- bash -c "'$BNLAB' runs --runs '$WORK/huge' | tr -cd '\033\007' | wc -c"
check "show strips control characters from names in files" 0 '^0$' -- bash -c "'$BNLAB' show --color never '$WORK/huge.jsonl' | tr -cd '\033\007' | wc -c"
check "show is plain text when piped" 0 '^0$' -- bash -c "'$BNLAB' show '$BNFILE' | tr -cd '\033' | wc -c"
check "show --color always colours the chart" 0 '\[0;36m' -- bash -c "'$BNLAB' show --color always '$BNFILE' | cat -v"
check "show colours on a terminal" 0 '\[0;36m' -- bash -c "script -qec \"'$BNLAB' show '$BNFILE'\" /dev/null | cat -v"
check "show honours NO_COLOR on a terminal" 0 '^0$' -- bash -c "NO_COLOR=1 script -qec \"'$BNLAB' show '$BNFILE'\" /dev/null | tr -cd '\033' | wc -c"
check "the workbench refuses TERM=dumb with exit 2" 2 'needs a terminal that can move its cursor' -- script -qec "TERM=dumb '$BNLAB' --demo" /dev/null
check "replay refuses TERM=dumb with exit 2" 2 'needs a terminal that can move its cursor' -- script -qec "TERM=dumb '$BNLAB' replay '$BNFILE'" /dev/null
check "lesson --fresh refuses TERM=dumb with exit 2" 2 'needs a terminal that can move its cursor' -- script -qec "cd '$ROOT' && TERM=dumb timeout 20 '$BNLAB' lesson bn-vs-no-bn --fresh --epochs 1 --subset 100 --data '$SUBSET' --runs '$WORK/lesson'" /dev/null
check "lesson --fresh refuses TERM=dumb before training (no run file)" 0 '^0$' -- bash -c "ls '$WORK'/lesson/*.jsonl 2>/dev/null | wc -l"
check "show prints a loss chart and the accuracy table" 0 'Training loss.*Ankle boot.*running_mean' -- bash -c "'$BNLAB' show '$BNFILE' | tr '\n' ' '"
check "show --ascii prints ASCII only" 0 '^0$' -- bash -c "'$BNLAB' show --ascii '$BNFILE' | LC_ALL=C tr -d '\n\t -~' | wc -c"
check "show --glyphs ascii prints ASCII only, as the full-screen commands take it" 0 '^0$' -- bash -c "'$BNLAB' show --glyphs ascii '$BNFILE' | LC_ALL=C tr -d '\n\t -~' | wc -c"
check "export csv has one row per step" 0 '^step,epoch,loss,lr,samples' -- "$BNLAB" export "$BNFILE" --format csv
check "export json holds header and events" 0 '"events"' -- "$BNLAB" export "$BNFILE" --format json
# A reader that leaves early (| head) ends the export quietly: status 0, nothing on stderr.
for fmt in csv json; do
    check "export --format $fmt into a pipe closed early exits 0 without a word" 0 '^0 0$' -- \
        bash -c "'$BNLAB' export '$BNFILE' --format $fmt 2>'$WORK/pipe.err' | head -c 10 >/dev/null; echo \${PIPESTATUS[0]} \$(wc -c <'$WORK/pipe.err')"
done
check "export to a full disk exits 2 naming the problem" 2 'cannot write to standard output: No space left' -- \
    bash -c "'$BNLAB' export '$BNFILE' --format csv >/dev/full"
head -c 3000 "$BNFILE" > "$WORK/cut.jsonl"
check "show reads a truncated run file up to the cut, with a notice" 0 'notice: .*(mid-line|partial|cut)' -- "$BNLAB" show "$WORK/cut.jsonl"
head -c 100 "$BNFILE" > "$WORK/cut-header.jsonl"
check "show on a file cut inside its header says so (not 'not a run file')" 2 'the header line is cut off' -- "$BNLAB" show "$WORK/cut-header.jsonl"
check "run with a missing data folder names the data, not the run file" 0 'could not read the data: .*no-data: data folder not found' -- \
    bash -c "cd '$ROOT' && '$BNLAB' run bn-vs-no-bn --variant bn --data '$WORK/no-data' --runs '$WORK/nodata-runs' 2>&1; true"
echo '{"hello": 1}' > "$WORK/other.jsonl"
check "show rejects a file that is not a run file" 2 'not a bnlab run file' -- "$BNLAB" show "$WORK/other.jsonl"

# interrupted_run SIGNAL FOLDER: starts a long run into FOLDER, sends SIGNAL once it has written
# a few lines, and sets $status to its exit status.
interrupted_run() {
    ( cd "$ROOT" && exec "$BNLAB" run bn-vs-no-bn --variant bn --epochs 200 --data "$SUBSET" --runs "$2" >"$2.out" 2>&1 ) &
    local pid=$!
    for _ in $(seq 100); do ls "$2"/*.jsonl >/dev/null 2>&1 && [ "$(wc -l < "$(ls "$2"/*.jsonl | head -1)")" -gt 20 ] && break; sleep 0.1; done
    kill -"$1" $pid; wait $pid; status=$?
}

# Ctrl-C: the runs end as cancelled and their files stay complete.
interrupted_run INT "$WORK/cancel"
check "Ctrl-C cancels the run (exit 130)" 0 '^130$' -- echo "$status"
check "Ctrl-C leaves a complete run file ending in a cancelled event" 0 '"status":"cancelled"' -- bash -c "tail -1 '$WORK'/cancel/*.jsonl"

# Hostile inputs and process edges (issue 10): clear errors, never a crash.
check "no standard streams at all: exit 2, not a trap" 0 '^2$' -- bash -c "'$BNLAB' <&- >&- 2>&-; echo \$?"
check "progress to a closed stderr does not kill the run" 0 '"status":"done"' -- bash -c "cd '$ROOT' && '$BNLAB' run bn-vs-no-bn --variant bn --epochs 1 --data '$SUBSET' --runs '$WORK/closed' 2>&- >/dev/null; tail -1 '$WORK'/closed/*.jsonl"
if [ -w /dev/full ]; then
    check "progress to a full disk does not kill the run" 0 '"status":"done"' -- bash -c "cd '$ROOT' && '$BNLAB' run bn-vs-no-bn --variant bn --epochs 1 --data '$SUBSET' --runs '$WORK/full' 2>/dev/full >/dev/full; tail -1 '$WORK'/full/*.jsonl"
fi
printf '{"cases": []}' > "$WORK/empty-cases.json"
check "parity on a file without cases exits 2" 2 'has no cases' -- "$BNLAB" parity "$WORK/empty-cases.json"
printf '{"seed": 1e30, "cases": []}' > "$WORK/big-seed.json"
check "parity on a seed out of range names the field, not 'not valid JSON'" 2 "field 'seed'" -- "$BNLAB" parity "$WORK/big-seed.json"
mkdir -p "$WORK/escapes" && printf 'id: escapes\ntitle: "Retitle \\e]0;pwned\\a here"\nsummary: x\nnotes: x\nmodel:\n  - {type: Flatten}\n  - {type: Linear, out: 10}\noptimizer: {type: sgd, lr: 0.1}\nbatch_size: 8\nepochs: 1\n' > "$WORK/escapes/escapes.yaml"
check "list strips escape sequences from names" 0 '^0$' -- bash -c "'$BNLAB' list --experiments '$WORK/escapes' | tr -cd '\033\007' | wc -c"

# SIGTERM: exit 143, and the run file still ends with its end event.
interrupted_run TERM "$WORK/term"
check "SIGTERM cancels the run (exit 143)" 0 '^143$' -- echo "$status"
check "SIGTERM leaves a run file ending in a cancelled event" 0 '"status":"cancelled"' -- bash -c "tail -1 '$WORK'/term/*.jsonl"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
