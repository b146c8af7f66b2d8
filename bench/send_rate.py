#!/usr/bin/python3
"""Benchmark of sending at the account's rate (issue 10): `briefing send`
against a boto3 loop, in the same run, through the SigV4-checking SES
stand-in made far away and strict like SES: every answer held DELAY ms,
MaxSendRate 14 a second, Throttling beyond it (counted when requests
arrive, in any one-second window).

For each delay (50, 150, 250 ms) and batch (60, 300 reports: the audits of
a synthetic portfolio whose every entity is ancillary) it runs `briefing send --all --yes` (paced, as an operator runs
it), then the boto3 loop (bench/boto3_send.py: one send_raw_email after the
other, boto3's own retries) over the very .eml files briefing archived.
Figures come from the stand-in's record of each request (arrival and
answer times) and from GNU time for the client process:

  start rate   sends started a second, first to last (what MaxSendRate caps),
               and as a share of MaxSendRate
  sending      first request in to last answer out, against N / MaxSendRate
  throttled    Throttling answers the client got
  in flight    the most requests the stand-in held at once
  CPU/msg      the client's user+system time / messages (briefing's
               includes rendering the reports, the ledger and the archive)

usage: bench/send_rate.py BUILD_DIR [--delays 50,150,250] [--batches 60,300]
Not a test: ctest never runs it (bench/send_rate.sh builds and runs it).
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_DIR = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(SOURCE_DIR, "tests", "peers"))
from peers import StandIn, peak_in_flight  # noqa: E402

MAX_SEND_RATE = 14
NOW = "2026-11-23T09:00:00Z"


def portfolio(work, reports):
    """A synthetic portfolio of `reports` entities, all ancillary: its
    default plan is their `reports` audits, a few KB each (with core
    entities, the portfolio-wide reports of a plan this size pass SES's
    10 MB limit, which briefing refuses before sending)."""
    root = os.path.join(work, f"portfolio-{reports}")
    subprocess.run(["/usr/bin/python3", os.path.join(HERE, "gen_portfolio.py"), root,
                    str(reports), "--ancillary-every", "1"], check=True, capture_output=True)
    with open(os.path.join(root, "repos.env"), "w") as f:
        f.write("SES_REGION=us-east-1\nSES_FROM_ADDRESS=reports@example.com\n"
                "EXEC_REPORT_TO=owner@example.com\n")
    return root


def timed(command, env):
    """Runs `command` under GNU time; (exit code, wall s, cpu s)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as times:
        started = time.monotonic()
        done = subprocess.run(["/usr/bin/time", "-f", "%U %S", "-o", times.name, *command],
                              env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)
        wall = time.monotonic() - started
        user, system = (float(x) for x in times.read().split()[-2:])
    return done, wall, user + system


def busiest_second(sends):
    times = sorted(s["time"] for s in sends)
    return max(sum(1 for u in times[i:] if u < t + 1.0) for i, t in enumerate(times))


def figures(client, delay, reports, sends, wall, cpu):
    accepted = [s for s in sends if s["message_id"]]
    starts = sorted(s["time"] for s in sends)
    answered = [s["answered"] for s in sends if s["answered"]]
    start_rate = (len(starts) - 1) / (starts[-1] - starts[0]) if len(starts) > 1 else 0
    sending = max(answered) - starts[0]
    return {"client": client, "delay": delay, "reports": reports, "sent": len(accepted),
            "requests": len(sends),
            "throttled": sum(1 for s in sends if s["error_code"] == "Throttling"),
            "start_rate": start_rate, "share": start_rate / MAX_SEND_RATE,
            "sending": sending, "limit": reports / MAX_SEND_RATE,
            "peak": peak_in_flight(sends), "busiest": busiest_second(sends),
            "wall": wall, "cpu_ms": 1000 * cpu / max(len(accepted), 1)}


def run_briefing(build, ses, env, work, root, delay, reports):
    ses.far_away(delay, MAX_SEND_RATE)
    archive = os.path.join(work, f"archive-{delay}-{reports}")
    done, wall, cpu = timed([os.path.join(build, "briefing"), "send", "--all", "--yes",
                             "--include-sent", "--root", root, "--now", NOW,
                             "--ledger", os.path.join(work, "ledger.sqlite3"),
                             "--archive", archive], env)
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-2000:])
    return figures("briefing send", delay, reports, ses.sends(omit="raw"), wall, cpu), archive


def run_boto3(ses, env, archive, delay, reports):
    ses.far_away(delay, MAX_SEND_RATE)
    done, wall, cpu = timed(["/usr/bin/python3", os.path.join(HERE, "boto3_send.py"), ses.url,
                             archive], env)
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-2000:])
    return figures("boto3 loop", delay, reports, ses.sends(omit="raw"), wall, cpu)


def print_table(rows):
    print(f"| delay (ms) | reports | client | sent | start rate (/s) | share of {MAX_SEND_RATE}/s "
          "| sending (s) | limit (s) | Throttling | most in flight | busiest second "
          "| process wall (s) | client CPU/msg (ms) |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['delay']} | {r['reports']} | {r['client']} | {r['sent']} "
              f"| {r['start_rate']:.2f} | {100 * r['share']:.1f}% | {r['sending']:.2f} "
              f"| {r['limit']:.2f} | {r['throttled']} | {r['peak']} | {r['busiest']} "
              f"| {r['wall']:.2f} | {r['cpu_ms']:.2f} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("build")
    parser.add_argument("--delays", default="50,150,250")
    parser.add_argument("--batches", default="60,300")
    args = parser.parse_args()
    delays = [int(d) for d in args.delays.split(",")]
    batches = [int(b) for b in args.batches.split(",")]
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as work, StandIn() as ses:
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": work, "LANG": "C.UTF-8",
               "XDG_CONFIG_HOME": os.path.join(work, "config"),
               "AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL_SES": ses.url,
               **ses.credentials_env()}
        roots = {reports: portfolio(work, reports) for reports in batches}
        rows = []
        for delay in delays:
            for reports in batches:
                row, archive = run_briefing(args.build, ses, env, work, roots[reports], delay,
                                            reports)
                rows.append(row)
                rows.append(run_boto3(ses, env, archive, delay, reports))
                sys.stderr.write(f"done: {delay} ms, {reports} reports\n")
        print_table(rows)


if __name__ == "__main__":
    main()
