#!/usr/bin/env bash
# How long scripts/test's valgrind step takes one test at a time and two at
# a time (longest first), in the same run: the figure of docs/performance.md
# "The test suite's wall time". Needs a built build/ (BUILD_DIR=build
# scripts/build) whose ctest ran once (its measured times order the lanes).
# usage: bench/valgrind_lanes.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export BRIEFING_SOURCE_DIR=$PWD SHARED_DIR=$PWD/../shared
log_dir=$(mktemp -d)
trap 'rm -rf "$log_dir"' EXIT
# scripts/test's own functions, so what is timed is what CI runs.
eval "$(sed -n '/^valgrind_one() {/,/^}/p; /^unit_tests_longest_first() {/,/^}/p' scripts/test)"
tests=$(unit_tests_longest_first)
seconds_since() { echo "$(date +%s.%N) - $1" | bc; }

start=$(date +%s.%N)
for name in $tests; do valgrind_one "$name"; done
serial=$(seconds_since "$start")

start=$(date +%s.%N)
running=0
for name in $tests; do
  valgrind_one "$name" &
  running=$((running + 1))
  if [ "$running" = 2 ]; then
    wait -n
    running=1
  fi
done
wait
lanes=$(seconds_since "$start")
failed=$(grep -l failed "$log_dir"/*.valgrind-verdict | wc -l)
printf '| one at a time (s) | two at a time (s) | ratio | tests | failed |\n|---:|---:|---:|---:|---:|\n'
printf '| %.1f | %.1f | %.2f | %d | %d |\n' "$serial" "$lanes" "$(echo "$lanes / $serial" | bc -l)" \
  "$(echo "$tests" | wc -w)" "$failed"
