#!/usr/bin/env bash
# Benchmark of sending (issue: SES engine). 200 messages to the local
# aws-ses-v2-local emulator with pacing off: `briefing send` against a boto3
# loop (python3-boto3) doing the same SendRawEmail calls with the same bytes,
# in the same run; then briefing's client CPU per message from callgrind
# (instructions, repeatable whatever the machine is doing).
#
# usage: bench/send.sh [BUILD_DIR]   (default build-release, built here -O2)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-release}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j"$(nproc)" --target briefing >/dev/null
work=$(mktemp -d)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
node tests/peers/node_modules/aws-ses-v2-local/dist/cli.js --host 127.0.0.1 --port "$port" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/health-check" >/dev/null 2>&1 && break; sleep 0.1; done
# Both clients talk to the SigV4-checking stand-in in front of the emulator:
# it answers the identity and quota checks the emulator lacks, and checks
# every signature, for briefing and boto3 alike.
coproc standin { exec /usr/bin/python3 -B tests/peers/ses_standin.py --port 0 \
  --forward "http://127.0.0.1:$port" 2>/dev/null; }
pids+=("$standin_PID")
read -r _ standin_port <&"${standin[0]}"
endpoint="http://127.0.0.1:$standin_port"

# 585 entities: every third is ancillary, so the default plan is 5 + 195 = 200.
/usr/bin/python3 bench/gen_portfolio.py "$work/p" 585
export AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
export HOME=$work
start=$(date +%s.%N)
/usr/bin/time -f "%U %S" -o "$work/briefing.cpu" "$build/briefing" send --all --yes --no-pacing --root "$work/p" --endpoint "$endpoint" \
  --ledger "$work/wall.sqlite3" --archive "$work/archive" 2>"$work/wall.log" >/dev/null || true
end=$(date +%s.%N)
sent=$(grep -c "^  sent" "$work/wall.log" || true)
briefing_wall=$(echo "$end - $start" | bc)

read -r boto_sent boto_wall < <(/usr/bin/time -f "%U %S" -o "$work/boto3.cpu" \
  /usr/bin/python3 bench/boto3_send.py "$endpoint" "$work/archive")
cpu_ms() { awk -v n="$2" '{printf "%.2f", 1000 * ($1 + $2) / n}' "$1"; }

valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
  "$build/briefing" send --all --yes --no-pacing --root "$work/p" --endpoint "$endpoint" \
  --ledger "$work/cg.sqlite3" --archive "$work/archive-cg" >/dev/null 2>"$work/cg.log" || true
instructions=$(grep -E '^(summary|totals):' "$work/callgrind.out" | head -1 | awk '{print $2}')

echo "| client | messages | wall (s) | wall per message (ms) | client CPU per message (ms) |"
echo "|---|---:|---:|---:|---:|"
echo "| briefing send (renders the 200 reports, writes ledger and archive with fsync) | $sent | $briefing_wall | $(echo "scale=2; 1000 * $briefing_wall / $sent" | bc) | $(cpu_ms "$work/briefing.cpu" "$sent") |"
echo "| boto3 send_raw_email loop (same bytes, nothing rendered or recorded) | $boto_sent | $boto_wall | $(echo "scale=2; 1000 * $boto_wall / $boto_sent" | bc) | $(cpu_ms "$work/boto3.cpu" "$boto_sent") |"
echo
echo "briefing under callgrind: $instructions instructions in all, $(echo "$instructions / 200" | bc) per message (rendering, MIME, signing, ledger, archive included)"
