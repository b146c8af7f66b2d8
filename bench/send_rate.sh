#!/usr/bin/env bash
# Benchmark of sending at the account's rate (issue 10): `briefing send`
# against a boto3 loop through a stand-in SES that delays every answer 50,
# 150 or 250 ms and throttles beyond MaxSendRate 14/s; batches of 60 and
# 300 reports. Prints a Markdown table (docs/performance.md). Not run by
# ctest. Takes about eight minutes, most of it the boto3 loop.
#
# usage: bench/send_rate.sh [BUILD_DIR] [--delays 50,150,250] [--batches 60,300]
#        (default build-release, built here -O2)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-release}
shift || true
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j2 --target briefing >/dev/null
exec /usr/bin/python3 -B bench/send_rate.py "$build" "$@"
