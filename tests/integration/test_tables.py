"""Tables as every reader gets them: GitHub's parser (Debian's cmark-gfm)
reads the --format md output as the tables the HTML part draws, the sent
message's HTML part holds them too, and no text line is wider than --width."""
import email
import email.policy
import os
import shutil
import subprocess
import unicodedata
import unittest
from html.parser import HTMLParser

from support import NOW, SAMPLE, TempDir, copy_sample, run, write_env

CMARK_GFM = shutil.which("cmark-gfm")


class TableCells(HTMLParser):
    """Every <table> as a list of rows of cell texts; the narrow-screen
    labels (class briefing-label) are not part of a cell's text."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tables, self.row, self.cell, self.skip = [], None, None, 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = ""
        elif tag == "span" and ("class", "briefing-label") in attrs:
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr":
            self.tables[-1].append(self.row)
        elif tag == "span" and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if self.cell is not None and not self.skip:
            self.cell += data


def display_width(line):
    """Terminal columns: East Asian wide and emoji 2, combining marks 0."""
    width = 0
    for char in line:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


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
