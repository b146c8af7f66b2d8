"""Tables as every reader gets them: GitHub's parser (Debian's cmark-gfm)
reads the --format md output as the tables the HTML part draws, the sent
message's HTML part holds them too, and no text line is wider than --width."""
import email
import email.policy
import os
import re
import shutil
import subprocess
import unicodedata
import unittest
from html import escape as html_escape
from html.parser import HTMLParser

from support import NOW, SAMPLE, SOURCE_DIR, TempDir, copy_sample, run, write_env

CMARK_GFM = shutil.which("cmark-gfm")
CHROMIUM = shutil.which("chromium")

# One page holding every report in iframes of a phone's and a desktop's
# width; once they have loaded it records, per frame, how many pixels the
# report is wider than its frame (0: no sideways scrolling).
PROBE = """<!DOCTYPE html><html><body>%s<script>
window.addEventListener('load', function () {
  var out = [];
  document.querySelectorAll('iframe').forEach(function (f) {
    var d = f.contentDocument.documentElement;
    out.push(f.id + '=' + (d.scrollWidth - f.clientWidth));
  });
  document.body.setAttribute('data-overflow', out.join(' '));
});
</script></body></html>"""


# The same page, recording per frame how many pixels its widest table
# reaches past the report's text column (the 720 px page less its padding).
TABLES_PAST_PAGE = PROBE.replace(
    "out.push(f.id + '=' + (d.scrollWidth - f.clientWidth));",
    "var past = 0, body = f.contentDocument.querySelector('.briefing-body');"
    "var edge = body.getBoundingClientRect().right - 16;"
    "f.contentDocument.querySelectorAll('table').forEach(function (t) {"
    "  past = Math.max(past, Math.ceil(t.getBoundingClientRect().right - edge)); });"
    "out.push(f.id + '=' + past);")


def sideways_overflow(reports, widths=(375, 1024), probe=PROBE):
    """{(report, width): pixels} from Debian's headless Chromium."""
    frames = "".join(
        f'<iframe id="{name}@{width}" style="width:{width}px;height:600px;border:0" '
        f'srcdoc="{html_escape(text, quote=True)}"></iframe>'
        for name, text in reports.items() for width in widths)
    with TempDir() as tmp:
        path = os.path.join(tmp, "probe.html")
        with open(path, "w", encoding="utf-8") as f:
            f.write(probe % frames)
        dom = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                              "--hide-scrollbars", "--window-size=1100,800",
                              "--virtual-time-budget=10000", "--dump-dom", "file://" + path],
                             capture_output=True, text=True, timeout=300).stdout
    found = re.search(r'data-overflow="([^"]*)"', dom)
    if not found:
        raise AssertionError("chromium did not run the probe:\n" + dom[-2000:])
    result = {}
    for item in found.group(1).split():
        key, pixels = item.rsplit("=", 1)
        name, width = key.rsplit("@", 1)
        result[(name, int(width))] = int(pixels)
    return result


class TableCells(HTMLParser):
    """Every <table> as a list of rows of cell texts. A wide table's phone
    form (class briefing-phone: column groups or records) is set apart in
    `phone_forms`, each table as (classes, rows), so `tables` holds each
    table once, as GitHub draws it."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tables, self.phone_forms, self.row, self.cell = [], [], None, None
        self.all_tables = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            classes = (dict(attrs).get("class") or "").split()
            rows = []
            self.all_tables.append((classes, rows))
            (self.phone_forms if "briefing-phone" in classes else self.tables).append(
                (classes, rows) if "briefing-phone" in classes else rows)
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr":
            self.all_tables[-1][1].append(self.row)

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def phone_form_losses(html):
    """What a wide table's phone form leaves out of its desktop form (the
    whole table that follows it): a column missing from every group or
    with other cells, a record's line that differs or is missing (a cell
    that says nothing may be left out after a record's first line)."""
    losses, phone = [], []
    for classes, rows in TableCells(html).all_tables:
        if "briefing-phone" in classes:
            phone.append((classes, rows))
            continue
        if "briefing-desktop" not in classes:
            if phone:
                losses.append(f"a phone form before a table without a desktop form: {rows[:1]}")
            continue
        if not phone:
            losses.append(f"a desktop form without a phone form: {rows[:1]}")
            continue
        header, body = rows[0], rows[1:]
        if "briefing-records" in phone[0][0]:
            records = []
            for label, value in phone[0][1]:
                if label == header[0] and (not records or len(records[-1]) > 0):
                    records.append({})
                records[-1][label] = value
            if len(records) != len(body):
                losses.append(f"{len(records)} records for {len(body)} rows under {header}")
            for record, row in zip(records, body):
                for c, (heading, cell) in enumerate(zip(header, row)):
                    if record.get(heading) != cell and (c == 0 or cell not in ("", "\u2014")):
                        losses.append(f"{heading}: {record.get(heading)!r} for {cell!r}")
        else:
            columns = {}
            for _, group in phone:
                for c, heading in enumerate(group[0]):
                    columns.setdefault(heading, [line[c] for line in group[1:]])
            for c, heading in enumerate(header):
                if columns.get(heading) != [line[c] for line in body]:
                    losses.append(f"column {heading!r} of {header}")
        phone = []
    return losses


def display_width(line):
    """Terminal columns: East Asian wide and emoji 2, combining marks 0."""
    width = 0
    for char in line:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def display_slots(line):
    """The line as terminal columns: a wide character fills two slots (the
    second None), a combining mark joins the slot before it."""
    slots = []
    for char in line:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        slots.append(char)
        if unicodedata.east_asian_width(char) in ("W", "F"):
            slots.append(None)
    return slots


def misaligned_lines(text):
    """Table lines whose column gaps (where the rule of dashes has its two
    spaces) hold something other than blanks: the header lines above each
    rule and the rows below it up to the first blank line, but a row's
    source line ("    Where: ...", drawn under the row across the columns)
    and its wrapped continuation."""
    lines = text.splitlines()
    bad = []
    for index, rule in enumerate(lines):
        if not re.fullmatch(r"-+(  -+)+", rule):
            continue
        gaps = [i for i, c in enumerate(rule) if c == " "]
        start = index
        while start > 0 and lines[start - 1].strip():
            start -= 1
        end = index + 1
        while end < len(lines) and lines[end].strip():
            end += 1
        under_row = False
        for line in lines[start:index] + lines[index + 1:end]:
            under_row = under_row or re.match(r" {0,4}Where:( |$)", line) is not None
            if under_row:
                continue
            slots = display_slots(line)
            if any(gap < len(slots) and slots[gap] != " " for gap in gaps):
                bad.append(line)
    return bad


PORTFOLIOS = {
    "sample": SAMPLE,
    "independent-2": os.path.join(SOURCE_DIR, "tests", "fixtures", "independent-portfolio-2"),
    "independent-3": os.path.join(SOURCE_DIR, "tests", "fixtures", "independent-portfolio-3"),
    "independent-4": os.path.join(SOURCE_DIR, "tests", "fixtures", "independent-portfolio-4"),
}

# A line may pass the width only as one URL alone on it (docs/rendering.md:
# a URL is never broken), after its list or quote prefix.
URL_ALONE = re.compile(r"[\s>\-\d.]*[(<\[\"']*(\S*://\S*|(mailto:|www\.)\S*)")
# A money amount as reports write it; a token that starts like one and is
# not one is an amount cut across lines ("$1,0" / "50").
AMOUNT_START = re.compile(r"\$\d[\d,.]*")
AMOUNT = re.compile(r"\$(\d{1,3}(,\d{3})*|\d+)(\.\d+)?[KM]?")


def every_persona(fmt, out_dir, root, *extra):
    """The default plan's reports plus an audit of every entity."""
    reports = render_all(fmt, out_dir, *extra, root=root)
    projects = os.path.join(root, "agent_handoffs", "projects")
    for name in sorted(os.listdir(projects)):
        entity = name[:-3] if name.endswith(".md") else None
        if entity and f"audit-{entity}" not in reports:
            reports[f"audit-{entity}"] = run("render", "--persona", "audit", "--entity", entity,
                                             "--root", root, "--now", NOW, "--format", fmt,
                                             *extra, check=0).stdout
    return reports


def written_in_handoffs(root):
    """Amount-shaped tokens as the handoffs write them (the sample holds a
    malformed "$1,2,00/year" on purpose, which reports quote)."""
    tokens = set()
    projects = os.path.join(root, "agent_handoffs", "projects")
    for name in os.listdir(projects):
        with open(os.path.join(projects, name), encoding="utf-8") as f:
            tokens.update(t.rstrip(".,") for t in AMOUNT_START.findall(f.read()))
    return tokens


def cut_amounts(text, as_written=frozenset()):
    """Amount-shaped tokens that are not whole amounts (nor written so in a
    handoff), and "one-" left at a line's end (of "one-off")."""
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        for token in AMOUNT_START.finditer(line):
            amount = token.group(0).rstrip(".,")
            if amount not in as_written and not AMOUNT.fullmatch(amount):
                found.append(f"{number}: {amount!r} in {line!r}")
        if re.search(r"\bone-(\s|$)", line):
            found.append(f"{number}: 'one-' in {line!r}")
    return found


def render_all(fmt, out_dir, *extra, root=SAMPLE):
    run("render", "--all", "--root", root, "--now", NOW, "--format", fmt, "--out", out_dir,
        *extra, check=0)
    reports = {}
    for name in sorted(os.listdir(out_dir)):
        with open(os.path.join(out_dir, name), encoding="utf-8") as f:
            reports[name.rsplit(".", 1)[0]] = f.read()
    return reports


def github_tables(markdown):
    html = subprocess.run([CMARK_GFM, "-e", "table", "-e", "strikethrough", "-e", "autolink"],
                          input=markdown, capture_output=True, text=True, check=True).stdout
    return TableCells(html).tables


@unittest.skipUnless(CMARK_GFM, "cmark-gfm (GitHub's parser, Debian package cmark-gfm) is missing")
class TablesTest(unittest.TestCase):
    def test_md_tables_are_read_by_github_as_the_html_part_draws_them(self):
        with TempDir() as tmp:
            markdown = render_all("md", os.path.join(tmp, "md"))
            html = render_all("html", os.path.join(tmp, "html"))
        self.assertEqual(len(markdown), 8)
        total = 0
        for name, text in markdown.items():
            with self.subTest(report=name):
                self.assertNotIn("```table", text)
                expected = github_tables(text)
                delimiter_rows = [l for l in text.splitlines() if l.startswith("| :-") or
                                  l.startswith("| -")]
                self.assertEqual(len(expected), len(delimiter_rows))
                self.assertEqual(TableCells(html[name]).tables, expected)
                self.assertEqual(phone_form_losses(html[name]), [])
                total += len(expected)
        self.assertGreater(total, 20)

    def test_text_part_fits_every_width_from_40_to_120(self):
        with TempDir() as tmp:
            for width in range(40, 121):
                texts = render_all("text", os.path.join(tmp, str(width)), "--width", str(width))
                for name, text in texts.items():
                    for number, line in enumerate(text.splitlines(), 1):
                        if display_width(line) > width:
                            self.fail(f"{name}.txt:{number}: {display_width(line)} columns at "
                                      f"--width {width}: {line!r}")

    def test_every_portfolio_fits_and_keeps_amounts_whole(self):
        """Every persona of the four portfolios at 40, 60, 72 and 100
        columns: no line wider than the width (but a URL alone on its line),
        no amount or "one-off" cut across lines, no table drawn as records
        at 60 columns and more."""
        with TempDir() as tmp:
            for tag, root in PORTFOLIOS.items():
                as_written = written_in_handoffs(root)
                for width in (40, 60, 72, 100):
                    texts = every_persona("text", os.path.join(tmp, f"{tag}-{width}"), root,
                                          "--width", str(width))
                    self.assertGreaterEqual(len(texts), 8)
                    for name, text in texts.items():
                        with self.subTest(portfolio=tag, report=name, width=width):
                            wide = [line for line in text.splitlines()
                                    if display_width(line) > width and
                                    not URL_ALONE.fullmatch(line)]
                            self.assertEqual(wide, [])
                            self.assertEqual(cut_amounts(text, as_written), [])
                            self.assertEqual(misaligned_lines(text), [])
                            if width >= 60:
                                records = re.findall(r"^(?:Account|#|Entity|Channel): ", text, re.M)
                                self.assertEqual(records, [])

    @unittest.skipUnless(CHROMIUM, "chromium (Debian package) is missing")
    def test_every_portfolio_html_fits_a_phone_even_without_its_style_block(self):
        """F51: the Gmail app on non-Google accounts drops <style>; the
        inline styles alone must keep every report inside a 375 px phone,
        and a wide table's phone form must hold every cell of the table.
        With <style>, no table sticks out of the 720 px page on a desktop,
        and every table carries its width rules inline."""
        reports = {}
        with TempDir() as tmp:
            for tag, root in PORTFOLIOS.items():
                for name, html in every_persona("html", os.path.join(tmp, tag), root).items():
                    reports[f"{tag}-{name}"] = html
                    reports[f"{tag}-{name}-nostyle"] = re.sub(r"<style>.*?</style>", "", html,
                                                              flags=re.S)
        for name, html in reports.items():
            for table in re.findall(r"<table [^>]*>", html):
                with self.subTest(report=name, table=table[:60]):
                    self.assertIn('style="width:100%;', table)
                    self.assertIn("overflow-wrap:break-word;", table)
            with self.subTest(report=name):
                self.assertEqual(phone_form_losses(html), [])
        phone = sideways_overflow({k: v for k, v in reports.items() if k.endswith("-nostyle")},
                                  widths=(375,))
        self.assertEqual({key: px for key, px in phone.items() if px > 0}, {})
        desktop = sideways_overflow({k: v for k, v in reports.items()
                                     if not k.endswith("-nostyle")}, widths=(1024,),
                                    probe=TABLES_PAST_PAGE)
        self.assertEqual({key: px for key, px in desktop.items() if px > 0}, {})

    def test_every_html_part_stays_under_gmails_clip(self):
        """Gmail clips an HTML part past 102 KB behind "View entire
        message": every persona of the four portfolios, each audit
        included, stays under 90 KB (docs/rendering.md, Size)."""
        limit = 90 * 1024
        with TempDir() as tmp:
            for tag, root in PORTFOLIOS.items():
                reports = every_persona("html", os.path.join(tmp, tag), root)
                self.assertGreaterEqual(len(reports), 8)
                for name, html in reports.items():
                    with self.subTest(portfolio=tag, report=name):
                        self.assertIn("</html>", html)
                        self.assertLessEqual(len(html.encode("utf-8")), limit)

    def test_cjk_and_emoji_entity_names_keep_columns_aligned_and_within_the_width(self):
        with TempDir() as tmp:
            root = copy_sample(tmp)
            path = os.path.join(root, "agent_handoffs", "projects", "jada.md")
            with open(path, encoding="utf-8") as f:
                handoff = f.read()
            with open(path, "w", encoding="utf-8") as f:
                f.write(handoff.replace("# JADA\n", "# 東京ラーメン 🍜 Cafe\u0301\n", 1))
            for width in (40, 56, 72, 100, 120):
                texts = render_all("text", os.path.join(tmp, str(width)), "--width", str(width),
                                   root=root)
                self.assertIn("東京ラーメン 🍜 Cafe\u0301", texts["cfo-portfolio"])
                for name, text in texts.items():
                    with self.subTest(report=name, width=width):
                        self.assertEqual(misaligned_lines(text), [])
                        self.assertEqual([l for l in text.splitlines() if display_width(l) > width], [])

    @unittest.skipUnless(CHROMIUM, "chromium (Debian package) is missing")
    def test_html_parts_never_scroll_sideways_on_a_phone_or_a_desktop(self):
        with TempDir() as tmp:
            root = copy_sample(tmp)
            path = os.path.join(root, "agent_handoffs", "projects", "jada.md")
            with open(path, encoding="utf-8") as f:
                handoff = f.read()
            with open(path, "w", encoding="utf-8") as f:  # a long name and CJK, as a path would be
                f.write(handoff.replace("# JADA\n", "# JADA_Yacht_Charters_and_Crew_Scheduling_東京\n", 1))
            reports = render_all("html", os.path.join(tmp, "html"), root=root)
        overflow = sideways_overflow(reports)
        self.assertEqual(len(overflow), 2 * len(reports))
        self.assertEqual({key: px for key, px in overflow.items() if px > 0}, {})

    def test_sent_message_html_part_holds_the_same_tables(self):
        with TempDir() as tmp:
            root = copy_sample(tmp)
            write_env(root, SES_REGION="us-east-1", SES_FROM_ADDRESS="reports@example.com",
                      EXEC_REPORT_TO="exec@example.com")
            eml = run("render", "--persona", "cfo", "--root", root, "--now", NOW, "--format",
                      "eml", check=0).stdout
            markdown = run("render", "--persona", "cfo", "--root", root, "--now", NOW, check=0).stdout
        message = email.message_from_string(eml, policy=email.policy.default)
        html = message.get_body(preferencelist=("html",)).get_content()
        text = message.get_body(preferencelist=("plain",)).get_content()
        self.assertIn('<meta name="color-scheme" content="light dark">', html)
        self.assertEqual(TableCells(html).tables, github_tables(markdown))
        self.assertTrue(all(display_width(line) <= 72 for line in text.splitlines()))
        self.assertIn("Gross burn/month", text)


if __name__ == "__main__":
    unittest.main()
