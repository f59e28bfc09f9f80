#!/usr/bin/env bash
# Fuzzes one of bnlab's file readers for N minutes: scripts/fuzz.sh TARGET MINUTES [--swift]
#   TARGET: run-file | experiment | golden | idx | safetensors
# Uses libFuzzer (a build with -sanitize=fuzzer in .build-fuzz); with --swift, or when that build
# fails, the seeded Swift mutation fuzzer of an ordinary build. Seeds come from
# Tests/BNFuzzTests/Fixtures/fuzz-corpus/TARGET; every crashing, hanging or memory-hungry input is
# written to Tests/BNFuzzTests/Fixtures/fuzz-regressions/TARGET/, where `make test` replays it.
# Prints the figures: inputs run, inputs per second, crashes.
set -uo pipefail
TARGET=${1:?usage: scripts/fuzz.sh TARGET MINUTES [--swift]}
MINUTES=${2:?usage: scripts/fuzz.sh TARGET MINUTES [--swift]}
MODE=${3:-libfuzzer}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
case "$TARGET" in run-file|experiment|golden|idx|safetensors) ;; *) echo "unknown target '$TARGET'" >&2; exit 2 ;; esac
SEEDS="Tests/BNFuzzTests/Fixtures/fuzz-corpus/$TARGET"
CRASHES="Tests/BNFuzzTests/Fixtures/fuzz-regressions/$TARGET"
SECONDS_TOTAL=$(( MINUTES * 60 ))
mkdir -p "$CRASHES" .build-fuzz
before=$(ls "$CRASHES" | wc -l)

if [ "$MODE" != "--swift" ] && swift build -c debug --product bnlab-fuzz --scratch-path .build-fuzz \
        -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DBNLAB_LIBFUZZER >.build-fuzz/build.log 2>&1; then
    WORK=".build-fuzz/corpus/$TARGET"
    mkdir -p "$WORK"
    # -rss_limit_mb and -timeout make memory bombs and hangs count as crashes too.
    BNLAB_FUZZ_TARGET=$TARGET .build-fuzz/debug/bnlab-fuzz "$WORK" "$SEEDS" -max_total_time="$SECONDS_TOTAL" \
        -max_len=65536 -rss_limit_mb=2048 -timeout=20 -artifact_prefix="$CRASHES/" -print_final_stats=1 \
        >".build-fuzz/$TARGET.log" 2>&1
    status=$?
    runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' ".build-fuzz/$TARGET.log" | grep -Eo '[0-9]+$' | tail -1)
    speed=$(grep -Eo 'stat::average_exec_per_sec: *[0-9]+' ".build-fuzz/$TARGET.log" | grep -Eo '[0-9]+$' | tail -1)
    cov=$(grep -Eo 'cov: [0-9]+' ".build-fuzz/$TARGET.log" | tail -1)
    after=$(ls "$CRASHES" | wc -l)
    echo "$TARGET (libFuzzer, $MINUTES min): ${runs:-?} inputs, ${speed:-?}/s, ${cov:-cov: ?} edges, corpus $(ls "$WORK" | wc -l), $(( after - before )) crashes (exit $status)"
    [ "$after" -eq "$before" ] && [ "$status" -eq 0 ]
else
    [ "$MODE" != "--swift" ] && echo "libFuzzer build failed (see .build-fuzz/build.log); using the Swift mutation fuzzer" >&2
    swift build --product bnlab-fuzz >/dev/null 2>&1 || { echo "build failed" >&2; exit 2; }
    "$(swift build --show-bin-path)/bnlab-fuzz" "$TARGET" "$SECONDS_TOTAL" "$SEEDS" "$CRASHES"
    status=$?
    after=$(ls "$CRASHES" | wc -l)
    echo "$TARGET (Swift mutation fuzzer, $MINUTES min): $(( after - before )) crashes (exit $status)"
    [ "$after" -eq "$before" ] && [ "$status" -eq 0 ]
fi
