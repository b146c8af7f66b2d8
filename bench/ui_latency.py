#!/usr/bin/python3
"""Benchmark of the console's live preview (issue items 2 and 11): how
long from a key press to the finished redraw, measured from outside through
tmux (a step ends when the preview's title line, which names the persona
and the lines shown, changes).

- For the sample portfolio and a synthetic one of 100 entities it walks
  down the entity list with `j` (each step a report never rendered at this
  width: cold) and back up with `k` (cached: warm).
- On the sample it switches persona with 1-6: the first round renders
  (cold), the later rounds hit the cache.
- On a portfolio whose one handoff has 100,000 risks (the CEO report, the
  console's first screen, is ~100,000 lines through the real report and
  preview) it scrolls with j, PgDn, and jumps with G / g.

Prints a markdown table: median and 95th percentile per walk. tmux's
polling adds a few milliseconds to every figure: compare rows with each
other, not with zero.

usage: bench/ui_latency.py [BUILD_DIR]   (default build-release, built -O2)
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

SOURCE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(SOURCE_DIR, "tests", "integration"))
STEPS = 30


def build(build_dir):
    subprocess.run(["cmake", "-S", SOURCE_DIR, "-B", build_dir, "-DCMAKE_BUILD_TYPE=Release"],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", build_dir, "-j", str(os.cpu_count()), "--target", "briefing"],
                   check=True, stdout=subprocess.DEVNULL)
    return os.path.join(build_dir, "briefing")


def title(console):
    lines = console.capture().splitlines()
    return lines[1] if len(lines) > 1 else ""


def step(console, key):
    """Seconds from sending `key` until the preview's title line changes."""
    before = title(console)
    start = time.monotonic()
    console.send(key)
    while title(console) == before:
        if time.monotonic() - start > 10:
            raise RuntimeError(f"no redraw after {key!r}")
    return time.monotonic() - start


def walk(console, key, steps):
    return [step(console, key) for _ in range(steps)]


def walk_keys(console, keys, rounds):
    return [step(console, key) for _ in range(rounds) for key in keys]


def write_big_handoff(root, items=100_000):
    """One entity with `items` risks: the CEO report lists every one."""
    projects = os.path.join(root, "agent_handoffs", "projects")
    os.makedirs(projects)
    lines = ["# Big Risks", "", "- Kind: core", f"- Business: one entity with {items:,} risks", "",
             "## Revenue", "", "- Sales: $50,000/month", "", "## Risks", ""]
    lines += [f"- Risk {i:06d}: the crew may miss visit {i}" for i in range(items)]
    with open(os.path.join(projects, "big-risks.md"), "w") as handoff:
        handoff.write("\n".join(lines) + "\n")


def report(name, samples):
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    print(f"| {name} | {len(samples)} | {statistics.median(samples) * 1000:.1f} | {p95 * 1000:.1f} |")


def main():
    build_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(SOURCE_DIR, "build-release")
    os.environ["BRIEFING"] = build(build_dir)
    from console_tmux import Console  # reads BRIEFING at import
    work = tempfile.mkdtemp(prefix="briefing-ui-bench-")
    try:
        synthetic = os.path.join(work, "p100")
        subprocess.run(["/usr/bin/python3", os.path.join(SOURCE_DIR, "bench", "gen_portfolio.py"),
                        synthetic, "100"], check=True)
        big = os.path.join(work, "big")
        write_big_handoff(big)
        sample = os.path.join(SOURCE_DIR, "examples", "portfolio")
        env = {"SOURCE_DATE_EPOCH": "1795392000"}
        print("| portfolio, walk | steps | median ms | p95 ms |")
        print("|---|---:|---:|---:|")
        for name, root in (("sample", sample), ("100 entities", synthetic)):
            with Console(root, 120, 40, env=env) as console:
                console.wait_for("CEO — Portfolio")
                steps = min(STEPS, 7 if name == "sample" else STEPS)
                report(f"{name}, j (cold)", walk(console, "j", steps))
                report(f"{name}, k (cached)", walk(console, "k", steps))
        with Console(sample, 120, 40, env=env) as console:
            console.wait_for("CEO — Portfolio")
            personas = ["2", "3", "4", "5", "6", "1"]
            report("sample, persona 1-6 (cold)", walk_keys(console, personas, 1))
            report("sample, persona 1-6 (cached)", walk_keys(console, personas, 5))
        start = time.monotonic()
        with Console(big, 120, 40, env=env) as console:
            console.wait_for(lambda screen: "CEO — Portfolio" in screen and "/100" in screen, timeout=120)
            report("100k-line report, first screen", [time.monotonic() - start])
            console.send("l")  # focus the report: j scrolls it
            report("100k-line report, j (1 line)", walk(console, "j", STEPS))
            report("100k-line report, PgDn", walk(console, "NPage", STEPS))
            report("100k-line report, G / g (ends)", walk_keys(console, ["G", "g"], STEPS // 2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
