#!/usr/bin/env bash
# Trains the fixture runs of the whole-screen golden tests and writes them, normalized, into
# Tests/BNTUITests/Fixtures/screen-runs/ (one folder per group, files named EXPERIMENT-VARIANT.jsonl).
#
# Usage: scripts/make-screen-runs.sh PATH/TO/bnlab        (a debug or release build)
#
# Every run trains headless with `bnlab run` on the Fashion-MNIST test subset kept with the tests
# (1000 training and 200 test images), with the experiment's fixed seed (or --seed), --subset 1000
# and 1 or 2 epochs (a BN run takes about 40 kB an epoch, mostly its BN snapshots). Groups:
#   bn-vs-no-bn/        bn and no-bn, 2 epochs
#   bn-momentum/        the four momenta, 1 epoch
#   learning-rate/      all six variants, 2 epochs (no-bn-lr1.0 diverges in the second)
#   grad-accumulation/  batch-64 and micro-16x4, 1 epoch
#   seeds/              bn-vs-no-bn/no-bn with seeds 1, 2 and 3, 1 epoch
# What changes from one training to the next is rewritten to fixed values, so regenerating gives
# the same bytes when the numbers are the same: the header's `started` (2026-01-01T00:00:00Z plus
# one minute per file, so "newest first" lists are stable), `run_id` (6 hex digits of a hash of the
# group and file name),
# the dataset folder (relative to the package root), step `time` (0.05 s a step), epoch and end
# `seconds` (the time of the last step before them), and checkpoint file names. Fails when the runs
# take 3 MB or more. The experiments are copied with `record.snapshots: 6`, so a 16- or 32-step run
# keeps a handful of full snapshots (every forward of the watched channels is still recorded). Afterwards run `BNLAB_UPDATE_SCREENS=1 swift test --filter
# Screens` (or `make screens`) to regenerate the goldens.
set -euo pipefail
BNLAB=${1:?usage: scripts/make-screen-runs.sh PATH/TO/bnlab (e.g. .build/debug/bnlab)}
[ -f "$BNLAB" ] && [ -x "$BNLAB" ] || {
    echo "make-screen-runs: $BNLAB is not an executable; build it with 'swift build --product bnlab'" >&2; exit 2; }
BNLAB=$(cd "$(dirname "$BNLAB")" && pwd)/$(basename "$BNLAB")
command -v python3 >/dev/null || { echo "make-screen-runs: python3 is needed to normalize the runs" >&2; exit 2; }

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA="$ROOT/Tests/BNDataTests/Fixtures/fashion-subset"
OUT="$ROOT/Tests/BNTUITests/Fixtures/screen-runs"
WORK=$(mktemp -d)
CATALOG=$(mktemp -d)
trap 'rm -rf "$WORK" "$CATALOG"' EXIT
SUBSET=1000
# The shipped catalog with ~6 full BN snapshots per run instead of ~200, to keep the fixtures small.
for f in "$ROOT"/experiments/*.yaml; do
    sed 's/^\(  *\)snapshots: [0-9]*/\1snapshots: 6/' "$f" > "$CATALOG/$(basename "$f")"
done

# train GROUP EXPERIMENT EPOCHS [bnlab run options…]: one `bnlab run` into WORK/GROUP.
train() {
    local group=$1 experiment=$2 epochs=$3
    shift 3
    echo "make-screen-runs: $group: bnlab run $experiment --epochs $epochs --subset $SUBSET $*" >&2
    mkdir -p "$WORK/$group"
    # A diverging variant is a result, not a failure: only a failed run (exit 1) or bad use (2) stops.
    "$BNLAB" run "$experiment" --epochs "$epochs" --subset "$SUBSET" --jobs 2 \
        --data "$DATA" --experiments "$CATALOG" --runs "$WORK/$group" "$@" >/dev/null
}

train bn-vs-no-bn bn-vs-no-bn 2
train bn-momentum bn-momentum 1
train learning-rate learning-rate 2
train grad-accumulation grad-accumulation 1 --variant batch-64
train grad-accumulation grad-accumulation 1 --variant micro-16x4
for seed in 1 2 3; do
    train seeds bn-vs-no-bn 1 --variant no-bn --seed "$seed"
done

python3 - "$WORK" "$OUT" "$ROOT" <<'PY'
import hashlib, json, os, sys
from datetime import datetime, timedelta, timezone

work, out, root = sys.argv[1:4]
base = datetime(2026, 1, 1, tzinfo=timezone.utc)
STEP_SECONDS = 0.05        # the fixed pace written as step `time`: time = step * 0.05


def replace_strings(value, old, new):
    """Every string inside `value` with `old` replaced by `new` (file names in checkpoint events)."""
    if isinstance(value, str):
        return value.replace(old, new)
    if isinstance(value, list):
        return [replace_strings(v, old, new) for v in value]
    if isinstance(value, dict):
        return {k: replace_strings(v, old, new) for k, v in value.items()}
    return value


# Read every run first: the fixed `started` times follow the sorted target names, not the order
# (or the clock) of training.
runs = []
for group in sorted(os.listdir(work)):
    source = os.path.join(work, group)
    for name in os.listdir(source):
        if not name.endswith(".jsonl"):
            continue
        with open(os.path.join(source, name)) as f:
            lines = [json.loads(line) for line in f if line.strip()]
        header = lines[0]
        stem = f"{header['experiment']}-{header['variant']}"
        if group == "seeds":
            stem += f"-seed{header.get('seed', 0)}"
        runs.append((group, stem, name[: -len(".jsonl")], lines))
runs.sort(key=lambda run: (run[0], run[1]))

for group in sorted({run[0] for run in runs}):
    target = os.path.join(out, group)
    os.makedirs(target, exist_ok=True)
    for name in os.listdir(target):
        if name.endswith(".jsonl"):
            os.remove(os.path.join(target, name))

for minute, (group, stem, old_stem, lines) in enumerate(runs):
    header = lines[0]
    old_id = header.get("run_id")
    new_id = hashlib.sha1(f"{group}/{stem}".encode()).hexdigest()[:6]   # 6 hex digits, as bnlab writes
    header["started"] = (base + timedelta(minutes=minute)).strftime("%Y-%m-%dT%H:%M:%SZ")
    header["run_id"] = new_id
    dataset = (header.get("config") or {}).get("dataset") or {}
    if isinstance(dataset.get("folder"), str):
        dataset["folder"] = os.path.relpath(dataset["folder"], root)
    last_time = 0.0
    for event in lines[1:]:
        kind = event.get("type")
        if kind == "step":
            last_time = round(event["step"] * STEP_SECONDS, 4)
            if "time" in event:
                event["time"] = last_time
        elif kind in ("epoch", "end") and "seconds" in event:
            event["seconds"] = last_time
        elif kind == "progress":
            event["samples_per_second"] = 1000.0
            event.pop("eta_seconds", None)
    lines = [replace_strings(line, old_stem, stem) for line in lines]
    if old_id:
        lines = [replace_strings(line, old_id, new_id) if i > 0 else line for i, line in enumerate(lines)]
    with open(os.path.join(out, group, stem + ".jsonl"), "w") as f:
        for line in lines:
            f.write(json.dumps(line, separators=(",", ":"), ensure_ascii=False) + "\n")
PY

BYTES=$(find "$OUT" -name '*.jsonl' -exec cat {} + | wc -c)
echo "make-screen-runs: wrote $(find "$OUT" -name '*.jsonl' | wc -l) runs, $BYTES bytes, into ${OUT#"$ROOT"/}" >&2
if [ "$BYTES" -ge 3000000 ]; then
    echo "make-screen-runs: the runs take $BYTES bytes, over the 3 MB budget: lower the epochs above, or the" \
         "snapshot cadence (record: in experiments/) of the biggest files:" >&2
    find "$OUT" -name '*.jsonl' -size +60k -exec ls -l {} + >&2
    exit 1
fi
