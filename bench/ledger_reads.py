"""The read half of bench/ledger_backends.py (issue 11): N deliveries loaded
straight into a fresh ledger of each back end, then every read path the
operator and the engine use, timed through tests/drivers/ledger_driver.c,
with the DynamoDB requests it made and the items those requests read.

The loaded history: one delivery every LOAD_STEP seconds up to now (100,000
span 23 months, so `log` crosses month partitions on DynamoDB), the eight
reports in turn, one recipient each. Every 50th is `failed`, every 97th
`unknown`, every 40th a test send; the newest audit/initech delivery is
`not-attempted`, so its standing takes planning's second read (the day's
holder). Loading is not what is measured: SQLite gets one transaction of
INSERTs (its triggers keep the counts as the ledger's writers would);
DynamoDB gets BatchWriteItem sent to dynalite itself, not through the
signature-checking stand-in, with the items, id pointers and counter items
docs/ledger.md describes."""
import os
import sqlite3
import subprocess
import tempfile
import time

import botocore.session

from peers import SignedDynamoDB

LOAD_STEP = 600  # seconds between two deliveries
TO = "owner@example.com"


def state_of(i):
    if i % 50 == 0:
        return "failed"
    if i % 97 == 0:
        return "unknown"
    return "sent"


def history(count, reports, now):
    """[(id, persona, scope, state, created_at, test)], oldest first."""
    rows = []
    for i in range(1, count + 1):
        persona, scope = reports[i % len(reports)]
        rows.append((i, persona, scope, state_of(i), now - (count - i) * LOAD_STEP,
                     1 if i % 40 == 0 else 0))
    newest_initech = max(r[0] for r in rows if r[1:3] == ("audit", "initech"))
    rows[newest_initech - 1] = rows[newest_initech - 1][:3] + ("not-attempted",) + \
        rows[newest_initech - 1][4:]
    return rows


def load_sqlite(path, rows):
    db = sqlite3.connect(path)
    with db:
        db.executemany(
            "INSERT INTO deliveries (id, persona, scope, subject, from_address, to_addresses,"
            " state, message_id, attempts, created_at, updated_at, size_bytes, test, host)"
            " VALUES (?, ?, ?, 'Weekly report', 'briefing@example.com', ?, ?, ?, 1, ?, ?,"
            " 4096, ?, 'bench')",
            [(i, p, s, TO, state, f"msg-{i}" if state == "sent" else None, at, at, test)
             for i, p, s, state, at, test in rows])
        db.executemany(
            "INSERT INTO recipients (delivery_id, position, address, kind, outcome, at)"
            " VALUES (?, 0, ?, 'to', 'delivered', ?)",
            [(i, TO, at) for i, _, _, state, at, _ in rows if state == "sent"])
    db.close()


def sort_key(at, i):
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(at)) + f".000Z#{i:010d}"


def dynamodb_items(rows):
    """The table's items for `rows`, as PutRequests."""
    S = lambda v: {"S": str(v)}  # noqa: E731
    N = lambda v: {"N": str(v)}  # noqa: E731
    items, counts = [], {}
    for i, persona, scope, state, at, test in rows:
        pk, sk = f"{persona}#{scope}", sort_key(at, i)
        item = {"pk": S(pk), "sk": S(sk), "id": N(i), "persona": S(persona), "scope": S(scope),
                "state": S(state), "attempts": N(1), "created_at": N(at), "updated_at": N(at),
                "size_bytes": N(4096), "test": N(test), "host": S("bench"),
                "month": S(sk[:7]), "subject": S("Weekly report"),
                "from": S("briefing@example.com"), "to": S(TO)}
        if state == "sent":
            item.update({"message_id": S(f"msg-{i}"), "r_count": N(1), "r0_address": S(TO),
                         "r0_kind": S("to"), "r0_outcome": S("delivered"), "r0_at": N(at),
                         "r0_opens": N(0), "r0_clicks": N(0)})
        items.append(item)
        items.append({"pk": S(f"id#{i}"), "sk": S("id"), "delivery_pk": S(pk),
                      "delivery_sk": S(sk)})
        counts[state] = counts.get(state, 0) + 1
    items.append({"pk": S("meta#counter"), "sk": S("delivery"), "next": N(len(rows)),
                  "first_month": S(sort_key(rows[0][4], 1)[:7])})
    items.append({"pk": S("meta#counter"), "sk": S("states"),
                  **{f"n_{state}": N(counts.get(state, 0))
                     for state in ("pending", "sending", "sent", "failed", "unknown",
                                   "not-attempted")}})
    return items


def load_dynamodb(url, table, rows):
    client = botocore.session.get_session().create_client(
        "dynamodb", endpoint_url=url, region_name="us-east-1", aws_access_key_id="bench",
        aws_secret_access_key="bench")
    items = dynamodb_items(rows)
    for start in range(0, len(items), 25):
        pending = {table: [{"PutRequest": {"Item": item}} for item in items[start:start + 25]]}
        while pending:
            pending = client.batch_write_item(RequestItems=pending).get("UnprocessedItems")


def read_paths(size, rows, now):
    """[(label, driver lines (one read), repeats)]."""
    day = now - now % 86400
    sent = [r[0] for r in rows if r[3] == "sent" and r[0] > size // 2][:20]
    first_page_end = size - 499  # the console's first screen: the newest 500
    return [
        ("`log` (first page: the newest 50)", lambda k: [("list", "limit=50")], 10),
        ("`log ID` (get and its recipients)",
         lambda k: [("get", size // 2 + k), ("recipients", size // 2 + k)], 10),
        ("console history, first load (newest 500)", lambda k: [("list", "limit=500")], 5),
        ("console history, the next 500 (after the 500th)",
         lambda k: [("list", "limit=500", f"after={first_page_end}")], 5),
        ("standing: latest of cfo/portfolio (one read)",
         lambda k: [("list", "persona=cfo", "scope=portfolio", "no-tests", "limit=1")], 10),
        ("standing: audit/initech, latest not-attempted (two reads)",
         lambda k: [("list", "persona=audit", "scope=initech", "no-tests", "limit=1"),
                    ("list", "persona=audit", "scope=initech", "no-tests", f"since={day}")], 10),
        ("`events`: a Delivery event joined by MessageId",
         lambda k: [("event", f"bench-{size}-{k}", "Delivery", f"msg-{sent[k]}", 0, "-", now,
                     "-", TO)], 10),
        ("`ledger status` (counts, newest, batches, kept aside)", lambda k: [("status",)], 10),
        ("`log --state unknown` (a filter no key holds)",
         lambda k: [("list", "state=unknown", "limit=50")], 1),
    ]


def requests_of(standin, action):
    """What `action` made the stand-in read: (requests, items read)."""
    if standin is None:
        return action(), 0, 0
    before = len(standin.requests())
    result = action()
    made = standin.requests()[before:]
    return result, len(made), sum(r.get("items") or 0 for r in made)


def timed_run(driver_path, spec, lines, env):
    """(stdout, wall ms of each command as the driver measured it, open
    and process start left out)."""
    result = subprocess.run([driver_path, spec], input="".join(
        "\t".join(map(str, line)) + "\n" for line in lines), env=dict(env, LEDGER_DRIVER_TIMES="1"),
        capture_output=True, text=True, check=True)
    if "error:" in result.stdout:
        raise RuntimeError(result.stdout[result.stdout.index("error:"):][:300])
    times = [float(line.split()[2]) for line in result.stderr.splitlines()
             if line.startswith("time ")]
    return result.stdout, times


def measure(driver_path, spec, env, standin, lines_of, repeats, opening):
    """(median ms per read, requests per read, items read per read, lines
    answered per read); `opening` is an empty run's requests and items."""
    per_read = len(lines_of(0))
    script = [line for k in range(repeats) for line in lines_of(k)]
    (out, times), made, items = requests_of(
        standin, lambda: timed_run(driver_path, spec, script, env))
    reads = sorted(sum(times[k * per_read:(k + 1) * per_read]) for k in range(repeats))
    answered = [line for line in out.splitlines()[1:] if not line.startswith("> ")]
    return (reads[len(reads) // 2], (made - opening[0]) / repeats,
            (items - opening[1]) / repeats, len(answered) // repeats)


def reads(driver_path, sizes, reports, run):
    tmp = tempfile.mkdtemp(prefix="briefing-bench-reads-")
    results, labels = [], ["opening the ledger (every command)"]
    with SignedDynamoDB() as peers:
        env = dict(os.environ, HOME=tmp, AWS_ENDPOINT_URL_DYNAMODB=peers.standin.url,
                   LEDGER_DRIVER_CREATE="1", **peers.standin.credentials_env())
        for size in sizes:
            now = int(time.time())
            rows = history(size, reports, now)
            specs = {"sqlite": "sqlite:" + os.path.join(tmp, f"reads-{size}.sqlite3"),
                     "dynamodb": f"dynamodb://bench-reads-{size}"}
            for name, spec in specs.items():
                run(spec, [], env)  # creates the file or the table (and its counts item)
                start = time.monotonic()
                if name == "sqlite":
                    load_sqlite(spec[len("sqlite:"):], rows)
                else:
                    load_dynamodb(peers.dynalite.url, spec[len("dynamodb://"):], rows)
                print(f"loaded {size} into {name} in {time.monotonic() - start:.1f} s", flush=True)
                standin = peers.standin if name == "dynamodb" else None
                _, *opening = requests_of(standin, lambda: run(spec, [], env))
                open_ms = sorted(run(spec, [], env)[0] * 1000 for _ in range(5))[2]
                results.append(("opening the ledger (every command)", name, size, open_ms,
                                opening[0], opening[1], 1))
                for label, lines_of, repeats in read_paths(size, rows, now):
                    labels += [label] if label not in labels else []
                    results.append((label, name, size) + measure(
                        driver_path, spec, env, standin, lines_of, repeats, opening))
    print()
    print("| read | back end | deliveries | ms per read (median) | DynamoDB requests | items read |"
          " lines answered |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for label, name, size, ms, made, items, answered in sorted(
            results, key=lambda r: (labels.index(r[0]), r[1] != "sqlite", r[2])):
        print(f"| {label} | {name} | {size:,} | {ms:.1f} | {made:g} | {items:g} | {answered} |")
