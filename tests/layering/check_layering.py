#!/usr/bin/env python3
"""The architecture, enforced: every #include in src/ and include/ against
the layering table below, the modules' DEPS in CMakeLists.txt against the
same table, and docs/architecture.md's table against it too (print the
block it should hold with --print-doc-table).

A module may include its own headers, the public headers (briefing/X.h) of
the modules it lists, and its own private headers ("<module>/...") only.
Libraries that tie a module to the outside world (curses, libcurl, SQLite)
belong to one module each, so the core never draws and the UI never talks
to SES or opens the ledger: it goes through send/, which wraps both.
"""
import os
import re
import sys

SOURCE = os.environ.get("BRIEFING_SOURCE_DIR",
                        os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

# module -> the modules it may include and link (besides itself).
LAYERS = {
    "util": [],
    "model": ["util"],
    "render": ["util"],
    "report": ["model", "render", "util"],
    "mail": ["util"],
    "ses": ["util"],
    "ledger": ["util"],
    "dashboard": ["util"],
    "ledger_dynamodb": ["ledger", "ses", "mail", "util"],
    "events": ["ledger", "util"],
    "send": ["model", "report", "render", "mail", "ses", "ledger", "ledger_dynamodb", "dashboard",
             "events", "util"],
    "cli": ["send", "ledger", "report", "render", "model", "util"],
    "ui": ["send", "report", "render", "model", "util"],
    "main": ["cli", "ui"],
}

# Public headers that are not named after their module nor after one of
# its files (briefing/utf8.h is util's: src/util/utf8.c).
HEADER_MODULE = {"mime.h": "mail"}


def header_module(name):
    """The module of include/briefing/<name>."""
    stem = name[:-2] if name.endswith(".h") else name
    if name in HEADER_MODULE:
        return HEADER_MODULE[name]
    if stem in LAYERS:
        return stem
    for module in LAYERS:
        if os.path.exists(os.path.join(SOURCE, "src", module, stem + ".c")):
            return module
    return stem


def headers_of(module):
    folder = os.path.join(SOURCE, "include", "briefing")
    return sorted(h for h in os.listdir(folder) if h.endswith(".h") and header_module(h) == module)

# System headers only one module may include: <prefix> -> modules.
SYSTEM_OWNERS = {
    "curses.h": ["ui"], "ncurses": ["ui"], "ncursesw": ["ui"],
    "curl/": ["ses", "dashboard"],
    "sqlite3.h": ["ledger"],
    "expat.h": ["ses"], "ini.h": ["ses", "cli"],
    "cmark": ["model", "render"],
}

# The ledger helpers the UI may call on the values the engine hands it;
# everything else of ses_* and ledger_* is the engine's.
UI_ALLOWED_CALLS = {"ledger_state_name", "ledger_state_from_name",
                    "ledger_deliveries_free", "ledger_delivery_clear",
                    "ledger_outcome_name", "ledger_outcome_summary", "ledger_recipients_free"}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^">]+)[">]', re.M)
CALL = re.compile(r"\b((?:ses|ledger)_[a-z0-9_]+)\s*\(")


def files_of(module):
    if module == "main":
        return [os.path.join(SOURCE, "src", "main.c")]
    paths = []
    folder = os.path.join(SOURCE, "src", module)
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        if name.endswith((".c", ".h")):
            paths.append(os.path.join(folder, name))
    paths += [os.path.join(SOURCE, "include", "briefing", h) for h in headers_of(module)]
    return paths


def module_of_include(target):
    if target.startswith("briefing/"):
        return header_module(target[len("briefing/"):])
    if "/" in target and target.split("/")[0] in LAYERS:
        return target.split("/")[0]
    return None


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


def check_includes(problems):
    for module, allowed in LAYERS.items():
        for path in files_of(module):
            text = open(path, encoding="utf-8").read()
            rel = os.path.relpath(path, SOURCE)
            for m in INCLUDE.finditer(text):
                quote, target = m.group(1), m.group(2)
                where = f"{rel}:{line_of(text, m.start())}"
                if quote == '"':
                    owner = module_of_include(target)
                    if owner is None:
                        problems.append(f"{where}: \"{target}\" is no module's header")
                    elif owner != module and (owner not in allowed or not target.startswith("briefing/")):
                        problems.append(f"{where}: {module} may not include \"{target}\" "
                                        f"({owner}); it may use {', '.join(allowed) or 'nothing else'}")
                    continue
                for prefix, owners in SYSTEM_OWNERS.items():
                    if target.startswith(prefix) and module not in owners:
                        problems.append(f"{where}: <{target}> belongs to {' and '.join(owners)}, "
                                        f"not {module}")


def check_ui_calls(problems):
    for path in files_of("ui"):
        text = open(path, encoding="utf-8").read()
        for m in CALL.finditer(text):
            if m.group(1) not in UI_ALLOWED_CALLS:
                problems.append(f"{os.path.relpath(path, SOURCE)}:{line_of(text, m.start())}: "
                                f"ui calls {m.group(1)}(): ask the engine (briefing/send.h)")


def cmake_deps():
    text = open(os.path.join(SOURCE, "CMakeLists.txt"), encoding="utf-8").read()
    deps = {}
    for m in re.finditer(r"^briefing_module\((\w+)([^)]*)\)", text, re.M):
        words = m.group(2).split()
        listed, current = [], None
        for w in words:
            if w in ("DEPS", "PKGS"):
                current = w
            elif current == "DEPS":
                listed.append(w)
        deps[m.group(1)] = listed
    return deps


def closure(deps, module):
    seen, todo = set(), list(deps.get(module, []))
    while todo:
        d = todo.pop()
        if d not in seen:
            seen.add(d)
            todo += deps.get(d, [])
    return seen


def check_cmake(problems):
    deps = cmake_deps()
    for module, allowed in LAYERS.items():
        if module == "main":
            continue
        if module not in deps:
            problems.append(f"CMakeLists.txt: no briefing_module({module})")
            continue
        for d in deps[module]:
            if d not in allowed:
                problems.append(f"CMakeLists.txt: {module} lists DEPS {d}, which the layering "
                                f"table does not allow")
        linked = closure(deps, module)
        for d in allowed:
            used = any(f'"briefing/{h}"' in open(p, encoding="utf-8").read()
                       for p in files_of(module)
                       for h in headers_of(d))
            if used and d not in linked:
                problems.append(f"CMakeLists.txt: {module} includes {d} but does not link it "
                                f"(add it to DEPS)")


def doc_table():
    rows = ["| module | may use |", "|---|---|"]
    for module, allowed in LAYERS.items():
        rows.append(f"| {module} | {', '.join(allowed) if allowed else '(nothing)'} |")
    return "\n".join(rows)


def check_doc(problems):
    doc = open(os.path.join(SOURCE, "docs", "architecture.md"), encoding="utf-8").read()
    m = re.search(r"<!-- layering table.*?-->\n(.*?)\n<!-- end of layering table -->", doc, re.S)
    if not m:
        problems.append("docs/architecture.md: no layering table block "
                        "(<!-- layering table ... --> ... <!-- end of layering table -->)")
    elif m.group(1).strip() != doc_table():
        problems.append("docs/architecture.md: the layering table differs from "
                        "tests/layering/check_layering.py; replace it with:\n" + doc_table())


def main():
    if "--print-doc-table" in sys.argv:
        print(doc_table())
        return 0
    problems = []
    check_includes(problems)
    check_ui_calls(problems)
    check_cmake(problems)
    check_doc(problems)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} layering problem(s)")
        return 1
    print("layering: every include and call follows docs/architecture.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
