#!/usr/bin/env bash
# Benchmark of `briefing render --all` (issue: foundation). Prints, for the
# sample portfolio and synthetic ones of 100 and 1,000 entities, the mean wall
# time (hyperfine, in one run so the ratios are comparable) and peak memory
# (GNU time). Figures go to docs/performance.md with this command.
#
# usage: bench/render.sh [BUILD_DIR]   (default build-release, built here -O2)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-release}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j"$(nproc)" --target briefing >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in 100 1000; do
  /usr/bin/python3 bench/gen_portfolio.py "$work/p$n" "$n"
done
bin="$build/briefing"
export SOURCE_DATE_EPOCH=1795392000
hyperfine --warmup 3 --min-runs 20 -N --export-markdown "$work/render.md" \
  -n sample "$bin render --all --root examples/portfolio" \
  -n "100 entities" "$bin render --all --root $work/p100" \
  -n "1000 entities" "$bin render --all --root $work/p1000" >/dev/null
cat "$work/render.md"
echo
echo "| portfolio | peak RSS (KiB) | output bytes |"
echo "|---|---:|---:|"
for name in sample p100 p1000; do
  root=examples/portfolio
  [ "$name" = sample ] || root="$work/$name"
  rss=$(/usr/bin/time -f '%M' "$bin" render --all --root "$root" 2>&1 >/dev/null | tail -1)
  bytes=$("$bin" render --all --root "$root" | wc -c)
  echo "| $name | $rss | $bytes |"
done
