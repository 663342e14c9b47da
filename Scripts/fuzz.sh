#!/usr/bin/env bash
# Fuzzing Descent with libFuzzer (issue 7).
#
#   Scripts/fuzz.sh build            the Descent library instrumented (-sanitize=fuzzer,address,
#                                    SwiftPM, scratch .build-fuzz) and one fuzzer per target in
#                                    .build-fuzz/fuzzers/
#   Scripts/fuzz.sh run SECONDS      every target for SECONDS (libFuzzer -max_total_time), FUZZ_JOBS
#                                    at a time (default 2), each on a copy of Fuzz/Corpus/<target>;
#                                    logs in .build-fuzz/logs/<target>.log, crash inputs in
#                                    .build-fuzz/artifacts/<target>/
#   Scripts/fuzz.sh run SECONDS T…   only the named targets
#
# The targets: formula, csv, npy, run-checkpoint, training-checkpoint, number-list. Each harness
# (Fuzz/<Name>Fuzz.swift) calls the check that Tests/DescentTests/Fuzz/FuzzTargets*.swift (or
# Tests/DescentCLITests/Fuzz/NumberListFuzzTarget.swift) defines and the corpus tests also run.
set -euo pipefail
cd "$(dirname "$0")/.."

SCRATCH=.build-fuzz
# Swift's own crash handler reads memory ASan reports as bad; libFuzzer handles the signal.
export SWIFT_BACKTRACE=enable=no
# Leaks that are not Descent's (see the file).
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
TARGETS=(formula csv npy run-checkpoint training-checkpoint number-list)

harness() {
  case "$1" in
    formula) echo Fuzz/FormulaFuzz.swift ;;
    csv) echo Fuzz/CSVFuzz.swift ;;
    npy) echo Fuzz/NumPyFuzz.swift ;;
    run-checkpoint) echo Fuzz/RunCheckpointFuzz.swift ;;
    training-checkpoint) echo Fuzz/TrainingCheckpointFuzz.swift ;;
    number-list) echo Fuzz/NumberListFuzz.swift ;;
    *) echo "unknown fuzz target '$1'; the targets are ${TARGETS[*]}" >&2; exit 2 ;;
  esac
}

build() {
  local began=$SECONDS
  swift build -c release --scratch-path "$SCRATCH" --target Descent \
    -Xswiftc -sanitize=fuzzer,address
  local release="$SCRATCH/release"
  local objects=("$release"/Descent.build/*.o "$release"/RealModule.build/*.o
    "$release"/_NumericsShims.build/*.o)
  local link=($(pkg-config --libs openblas lapacke) -llapacke)
  mkdir -p "$SCRATCH/fuzzers"
  for target in "${TARGETS[@]}"; do
    local sources=("$(harness "$target")")
    if [ "$target" = number-list ]; then
      sources+=(Sources/DescentCLI/NumberList.swift Fuzz/Support/CommandFailure.swift
        Tests/DescentCLITests/Fuzz/NumberListFuzzTarget.swift)
    else
      sources+=(Tests/DescentTests/Fuzz/FuzzTargets*.swift)
    fi
    echo "fuzzer $target"
    swiftc -sanitize=fuzzer,address -parse-as-library -O -D FUZZING -module-name FuzzHarness \
      -I "$release/Modules" -I Sources/CLAPACK "${sources[@]}" \
      $([ "$target" = number-list ] || printf '%s\n' "${objects[@]}") "${link[@]}" \
      -o "$SCRATCH/fuzzers/$target"
  done
  echo "built the fuzzers in $((SECONDS - began)) s" | tee "$SCRATCH/build-seconds.txt"
}

run() {
  local seconds=$1
  shift
  local chosen=("$@")
  [ ${#chosen[@]} -gt 0 ] || chosen=("${TARGETS[@]}")
  mkdir -p "$SCRATCH/logs" "$SCRATCH/corpus" "$SCRATCH/artifacts"
  local jobs=${FUZZ_JOBS:-2}
  local running=0
  for target in "${chosen[@]}"; do
    harness "$target" >/dev/null
    local work="$SCRATCH/corpus/$target"
    mkdir -p "$work" "$SCRATCH/artifacts/$target"
    cp -n Fuzz/Corpus/"$target"/* "$work"/ 2>/dev/null || true
    echo "fuzzing $target for $seconds s"
    (
      echo "seeds: $(ls Fuzz/Corpus/"$target" | wc -l)"
      echo "seconds: $seconds"
      "$SCRATCH/fuzzers/$target" "$work" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1 \
        -artifact_prefix="$SCRATCH/artifacts/$target/" 2>&1 || echo "exit status: $?"
      echo "corpus after: $(ls "$work" | wc -l)"
    ) > "$SCRATCH/logs/$target.log" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
      wait -n
      running=$((running - 1))
    fi
  done
  wait
  grep -H -E "stat::number_of_executed_units|SUMMARY|exit status" "$SCRATCH"/logs/*.log || true
}

case "${1:-}" in
  build) build ;;
  run) shift; run "${1:?seconds per target}" "${@:2}" ;;
  *) echo "usage: Scripts/fuzz.sh build | run SECONDS [TARGET…]" >&2; exit 2 ;;
esac
