#!/usr/bin/env python3
"""Benchmark of the ledger's two back ends (issue 11): the per-message
overhead of the DynamoDB ledger against SQLite, and how the read paths
scale with the number of deliveries. Through tests/drivers/ledger_driver.c
(the ledger's calls, no SES), DynamoDB being dynalite behind the
signature-checking dynamodb_standin.py on loopback: the figures are the
client's work and the round trips, not AWS's latency.

usage: bench/ledger_backends.py [BUILD_DIR] [writes] [N ...]   (default 100 400 1000)
       bench/ledger_backends.py [BUILD_DIR] reads [N ...]      (default 1000 10000 100000)

`writes` adds deliveries through the driver, one by one. `reads` loads N
deliveries straight into a fresh ledger of each back end (SQLite: one
transaction of INSERTs into the driver's file; DynamoDB: BatchWriteItem to
dynalite itself, the items docs/ledger.md describes), then times each read
path through the driver and counts its DynamoDB requests and the items
they read. Run it under `nice -n 10`: 100,000 deliveries take minutes to
load. Prints the markdown tables of docs/performance.md."""
import os
import subprocess
import sys
import tempfile
import time

SOURCE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(SOURCE, "tests", "peers"))
from peers import SignedDynamoDB  # noqa: E402

ARGS = sys.argv[1:]
BUILD = ARGS.pop(0) if ARGS and not ARGS[0].isdigit() and ARGS[0] not in ("reads", "writes") \
    else "build"
MODE = ARGS.pop(0) if ARGS and ARGS[0] in ("reads", "writes") else "writes"
SIZES = [int(n) for n in ARGS] or ([1000, 10000, 100000] if MODE == "reads" else [100, 400, 1000])
DRIVER = os.path.join(BUILD, "ledger_driver")
REPORTS = [("ceo", "portfolio"), ("cfo", "portfolio"), ("cto", "portfolio"), ("cmo", "portfolio"),
           ("cao", "portfolio"), ("audit", "acme"), ("audit", "globex"), ("audit", "initech")]


def driver(spec, lines, env):
    start = time.monotonic()
    result = subprocess.run([DRIVER, spec], input="".join("\t".join(map(str, l)) + "\n"
                                                         for l in lines),
                            env=env, capture_output=True, text=True, check=True)
    if "error:" in result.stdout:
        raise RuntimeError(result.stdout[result.stdout.index("error:"):][:300])
    return time.monotonic() - start, result.stdout


def deliveries(first_id, count):
    """add, sending, sent for `count` deliveries (ids from first_id)."""
    lines = []
    for i in range(count):
        persona, scope = REPORTS[i % len(REPORTS)]
        delivery = first_id + i
        lines += [("add", persona, scope, "owner@example.com", "-", "audit@example.com", 0, 0),
                  ("sending", delivery), ("sent", delivery, f"msg-{delivery}", "req", 1)]
    return lines


def claims(spec, env, empty, day):
    """ms per day claim: the eight reports' deliveries claim `day` (each
    granted), against the same adds without the claims."""
    adds = [("add", p, s, "owner@example.com", "-", "-", 0, 0) for p, s in REPORTS]
    with_claims = adds + [("claim", i, day) for i in range(1, len(REPORTS) + 1)]
    plain = driver(spec, adds, env)[0]
    claimed = driver(spec, with_claims, env)[0]
    return (claimed - plain) / len(REPORTS) * 1000


def writes():
    tmp = tempfile.mkdtemp(prefix="briefing-bench-")
    with SignedDynamoDB() as peers:
        env = dict(os.environ, HOME=tmp, AWS_ENDPOINT_URL_DYNAMODB=peers.standin.url,
                   LEDGER_DRIVER_CREATE="1", **peers.standin.credentials_env())
        backends = {"sqlite": "sqlite:" + os.path.join(tmp, "ledger.sqlite3"),
                    "dynamodb": "dynamodb://bench-ledger"}
        empty = {name: min(driver(spec, [], env)[0] for _ in range(3))
                 for name, spec in backends.items()}
        claim_ms = {name: claims(spec, env, empty, time.strftime("%Y-%m-%d", time.gmtime()))
                    for name, spec in backends.items()}
        write_rows, done = [], 2 * len(REPORTS)
        for size in SIZES:
            count = size - done
            for name, spec in backends.items():
                before = len(peers.standin.requests())
                seconds, _ = driver(spec, deliveries(done + 1, count), env)
                calls = (len(peers.standin.requests()) - before) / count
                write_rows.append((name, size, count, (seconds - empty[name]) / count * 1000,
                                   calls))
            done = size
    print("| back end | ms per day claim |")
    print("|---|---:|")
    for name, ms in claim_ms.items():
        print(f"| {name} | {ms:.2f} |")
    print()
    print("| back end | deliveries after | added in the run | ms per delivery (add, sending, sent) | DynamoDB requests per delivery |")
    print("|---|---:|---:|---:|---:|")
    for name, size, count, ms, calls in write_rows:
        print(f"| {name} | {size} | {count} | {ms:.2f} | {calls:.1f} |")


if __name__ == "__main__":
    from ledger_reads import reads  # noqa: E402  (bench/, beside this file)
    reads(DRIVER, SIZES, REPORTS, driver) if MODE == "reads" else writes()
