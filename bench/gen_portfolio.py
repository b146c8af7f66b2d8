#!/usr/bin/env python3
"""Writes a synthetic portfolio in handoff format v1 for benchmarks.

usage: gen_portfolio.py DIR ENTITIES [--seed N] [--ancillary-every K]

Every third entity is ancillary (every K-th with --ancillary-every; 1 makes
all of them ancillary: the default plan is then their ENTITIES audits, each
a few KB, for send benchmarks of many small messages); each handoff has fields, revenue, expenses
(with ranges, periods and tags), KPIs, marketing, tech, risks and actions, so
that every persona's code paths run. The figures are random but seeded: the
same arguments always give the same bytes. Addresses use example.com only.
"""
import os
import random
import sys

PERIODS = ["/month", "/year", "/quarter", "/week"]
TAGS = ["fixed", "variable", "tech", "unused", "unbilled", "overdue"]
UNITS = [("charter", "charters"), ("job", "jobs"), ("delivery", "deliveries"), ("night", "nights")]


def money(rng):
    value = rng.randint(5, 5000)
    if rng.random() < 0.2:
        return f"${value}-{value + rng.randint(1, 900)}"
    return f"${value:,}"


def handoff(rng, index, ancillary_every):
    unit, units = rng.choice(UNITS)
    kind = "ancillary" if index % ancillary_every == ancillary_every - 1 else "core"
    lines = [
        f"# Entity {index:05d}",
        "",
        f"- Kind: {kind}",
        f"- Business: synthetic business number {index}",
        f"- Domains: entity{index}.example.com, www.entity{index}.example.com",
        "- Status: operating",
        f"- Owner: owner{index}@example.com",
        "",
        "## Revenue",
        f"- {units.capitalize()}: ${rng.randint(200, 3000):,}/{unit} (variable)",
        f"- Subscriptions: {money(rng)}/month",
        "",
        "## Expenses",
    ]
    for n in range(rng.randint(4, 10)):
        tag = rng.choice(TAGS)
        lines.append(f"- Cost line {n}: {money(rng)}{rng.choice(PERIODS)} ({tag})")
    lines.append(f"- Fuel: ${rng.randint(20, 400)}/{unit} (variable)")
    lines += [
        "",
        "## KPIs",
        f"- {units.capitalize()} per month: {rng.randint(1, 40)}",
        f"- Average {unit} price: ${rng.randint(300, 4000):,}",
        f"- Email list: {rng.randint(100, 9000):,}",
        f"- Open rate: {rng.randint(10, 40)}%",
        "",
        "## Marketing",
        f"- Instagram: {rng.randint(100, 20000):,} followers",
        f"- OTA listing {index}: {rng.randint(5, 25)}% commission",
        "",
        "## Tech",
        "- Hosting: S3 + CloudFront (tech)",
        f"- Analytics: {'none (missing)' if rng.random() < 0.5 else 'GA4'}",
        "",
        "## Risks",
        f"- Single owner dependency (high)",
        "",
        "## Actions",
        f"- Publish pricing page: $0 (high)",
        f"- Launch email blast: ${rng.randint(0, 500)} (medium)",
        "",
    ]
    return "\n".join(lines)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    root, count = sys.argv[1], int(sys.argv[2])
    options = dict(zip(sys.argv[3::2], sys.argv[4::2]))
    seed = int(options.get("--seed", 1))
    ancillary_every = int(options.get("--ancillary-every", 3))
    rng = random.Random(seed)
    projects = os.path.join(root, "agent_handoffs", "projects")
    os.makedirs(projects, exist_ok=True)
    for index in range(count):
        with open(os.path.join(projects, f"entity-{index:05d}.md"), "w") as f:
            f.write(handoff(rng, index, ancillary_every))
    with open(os.path.join(root, "repos.env"), "w") as f:
        f.write("SES_REGION=us-east-1\nSES_FROM_ADDRESS=reports@example.com\n"
                "EXEC_REPORT_TO=owner@example.com\n")


if __name__ == "__main__":
    main()
