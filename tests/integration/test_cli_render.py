"""briefing list and briefing render, as a script or cron job calls them."""
import email
import email.policy
import json
import os
import re
import unittest

from support import NOW, SAMPLE, TempDir, copy_sample, run, write_env

PLAN = ["ceo/portfolio", "cto/portfolio", "cfo/portfolio", "cmo/portfolio", "cao/portfolio"]


class ListTest(unittest.TestCase):
    def test_list_json_has_seven_entities_and_a_plan_of_eight(self):
        doc = json.loads(run("list", "--root", SAMPLE, "--json", check=0).stdout)
        self.assertEqual(len(doc["entities"]), 7)
        kinds = [e["kind"] for e in doc["entities"]]
        self.assertEqual(kinds.count("core"), 4)
        self.assertEqual(kinds.count("ancillary"), 3)
        plan = [f'{p["persona"]}/{p["scope"]}' for p in doc["plan"]]
        self.assertEqual(plan[:5], PLAN)
        ancillary = [e["id"] for e in doc["entities"] if e["kind"] == "ancillary"]
        self.assertEqual(plan[5:], [f"audit/{a}" for a in ancillary])
        self.assertEqual([p["id"] for p in doc["personas"]], ["ceo", "cto", "cfo", "cmo", "cao", "audit"])

    def test_list_on_a_missing_root_exits_2(self):
        result = run("list", "--root", "/nonexistent/portfolio")
        self.assertEqual(result.returncode, 2)
        self.assertIn("/nonexistent/portfolio", result.stderr)


class AncillaryOnlyTest(unittest.TestCase):
    """A portfolio whose handoffs are all ancillary has no portfolio report:
    it would read "0 core entities ... No problems found"."""

    CORE = ["dangerouscentaur.md", "jada.md", "queen-of-san-diego.md", "quickdumpnow.md"]

    def setUp(self):
        self.tmp = TempDir()
        self.root = copy_sample(self.tmp.__enter__())
        for name in self.CORE:
            os.remove(os.path.join(self.root, "agent_handoffs", "projects", name))
        write_env(self.root, SES_FROM_ADDRESS="reports@example.com",
                  EXEC_REPORT_TO="owner@example.com")

    def tearDown(self):
        self.tmp.__exit__(None, None, None)

    def test_a_portfolio_report_without_a_core_entity_exits_2_saying_why(self):
        result = run("render", "--persona", "ceo", "--entity", "portfolio", "--root", self.root,
                     "--now", NOW)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("needs at least one core entity", result.stderr)
        self.assertEqual(result.stdout, "")

    def test_list_shows_the_plan_without_the_portfolio_reports(self):
        result = run("list", "--root", self.root, "--json", check=0)
        plan = [f'{p["persona"]}/{p["scope"]}' for p in json.loads(result.stdout)["plan"]]
        self.assertEqual(len(plan), 3)
        self.assertTrue(all(t.startswith("audit/") for t in plan))
        self.assertIn("ceo/portfolio left out: ", result.stderr)

    def test_the_plan_leaves_the_portfolio_reports_out_and_keeps_the_audits(self):
        result = run("render", "--all", "--root", self.root, "--now", NOW, check=0)
        reports = re.findall(r"^=== \d/(\d) (\S+) ===$", result.stdout, re.M)
        self.assertEqual({r[0] for r in reports}, {"3"})
        self.assertTrue(all(r[1].startswith("audit/") for r in reports))
        for target in PLAN:
            self.assertIn(f"{target} left out: ", result.stderr)
        self.assertNotIn("0 core entities", result.stdout)
        with TempDir() as state:
            dry = run("send", "--all", "--dry-run", "--offline", "--json", "--root", self.root, "--now", NOW,
                      "--ledger", os.path.join(state, "ledger.sqlite3"), check=0)
        self.assertEqual(len(json.loads(dry.stdout)), 3)


class RenderTest(unittest.TestCase):
    def test_render_all_prints_eight_reports_with_separators(self):
        out = run("render", "--all", "--root", SAMPLE, "--now", NOW, check=0).stdout
        separators = re.findall(r"^=== (\d)/8 (\S+) ===$", out, re.M)
        self.assertEqual([s[0] for s in separators], [str(i) for i in range(1, 9)])
        self.assertEqual([s[1] for s in separators][:5], PLAN)

    def test_render_is_reproducible_with_now_and_source_date_epoch(self):
        first = run("render", "--all", "--root", SAMPLE, "--now", NOW, check=0).stdout
        second = run("render", "--all", "--root", SAMPLE, "--now", NOW, check=0).stdout
        self.assertEqual(first, second)
        epoch = run("render", "--all", "--root", SAMPLE, env={"SOURCE_DATE_EPOCH": "1795424400"},
                    check=0).stdout
        self.assertEqual(first, epoch)

    def test_render_text_wraps_at_72_columns_except_tables(self):
        out = run("render", "--persona", "cfo", "--root", SAMPLE, "--format", "text", "--now", NOW,
                  check=0).stdout
        self.assertTrue(out.endswith("\n"))
        self.assertIn("CFO", out.upper())

    def test_render_html_is_a_document(self):
        out = run("render", "--persona", "ceo", "--root", SAMPLE, "--format", "html", "--now", NOW,
                  check=0).stdout
        self.assertTrue(out.lstrip().lower().startswith("<!doctype html>"))
        self.assertIn("</html>", out)

    def test_render_out_dir_writes_one_file_per_report(self):
        with TempDir() as tmp:
            out_dir = os.path.join(tmp, "out")
            run("render", "--all", "--root", SAMPLE, "--now", NOW, "--out", out_dir, check=0)
            self.assertEqual(len(os.listdir(out_dir)), 8)
            self.assertIn("cfo-portfolio.md", os.listdir(out_dir))

    def test_render_out_writes_reports_for_the_owner_only(self):
        with TempDir() as tmp:
            out_dir = os.path.join(tmp, "out")
            os.makedirs(os.path.join(tmp, "old"))
            stale = os.path.join(tmp, "old", "cfo-portfolio.md")
            with open(stale, "w") as f:
                f.write("stale")
            os.chmod(stale, 0o644)
            os.umask(0o022)
            run("render", "--all", "--root", SAMPLE, "--now", NOW, "--out", out_dir, check=0)
            run("render", "--persona", "cfo", "--root", SAMPLE, "--now", NOW, "--out",
                os.path.join(tmp, "old"), check=0)
            self.assertEqual(os.stat(out_dir).st_mode & 0o777, 0o700)
            for name in os.listdir(out_dir):
                self.assertEqual(os.stat(os.path.join(out_dir, name)).st_mode & 0o777, 0o600, name)
            self.assertEqual(os.stat(stale).st_mode & 0o777, 0o600)
            self.assertNotEqual(open(stale).read(), "stale")

    def test_changing_one_figure_changes_the_report(self):
        with TempDir() as tmp:
            root = copy_sample(tmp)
            before = run("render", "--persona", "cfo", "--root", root, "--now", NOW, check=0).stdout
            projects = os.path.join(root, "agent_handoffs", "projects")
            path = next(os.path.join(projects, f) for f in sorted(os.listdir(projects))
                        if "$" in open(os.path.join(projects, f)).read())
            text = open(path).read()
            changed = re.sub(r"\$(\d)", lambda m: "$" + str((int(m.group(1)) % 9) + 1), text, count=1)
            self.assertNotEqual(text, changed)
            open(path, "w").write(changed)
            after = run("render", "--persona", "cfo", "--root", root, "--now", NOW, check=0).stdout
            self.assertNotEqual(before, after)

    def test_every_secret_on_a_site_line_stays_out_of_the_cto_report(self):
        # Key-shaped literals are split so none is committed whole.
        line = ('KEYS = ["AKIA' + 'DDDDDDDDDDDDDDD4", "AKIA' + 'EEEEEEEEEEEEEEE5"]; '
                'db_password = "ninth-pass-uvwx"; pay("sk_' + 'live_tenthSTRIPEkey00")\n')
        tails = ["DDDDDDDDDDD4", "EEEEEEEEEEE5", "h-pass-uvwx", "STRIPEkey00"]
        with TempDir() as tmp:
            root = copy_sample(tmp)
            write_env(root, SES_FROM_ADDRESS="reports@example.com", EXEC_REPORT_TO="cto@example.com")
            with open(os.path.join(root, "sites", "dangerouscentaur", "keys.py"), "w") as f:
                f.write(line)
            for fmt in ("md", "text", "html"):
                out = run("render", "--persona", "cto", "--root", root, "--format", fmt, "--now", NOW,
                          check=0).stdout
                self.assertIn("keys.py", out, fmt)
                for tail in tails:
                    self.assertNotIn(tail, out, fmt)
            eml = run("render", "--persona", "cto", "--root", root, "--format", "eml", "--now", NOW,
                      check=0).stdout
            message = email.message_from_string(eml, policy=email.policy.default)
            parts = [part.get_content() for part in message.walk() if not part.is_multipart()]
            self.assertEqual(len(parts), 2)
            for part in parts:
                self.assertIn("keys.py", part)
                for tail in tails:
                    self.assertNotIn(tail, part)

    def test_a_handoff_with_a_surrogate_still_makes_valid_reports_and_messages(self):
        with TempDir() as tmp:
            root = copy_sample(tmp)
            write_env(root, SES_FROM_ADDRESS="reports@example.com", EXEC_REPORT_TO="cfo@example.com")
            path = os.path.join(root, "agent_handoffs", "projects", "jada.md")
            with open(path, "ab") as f:
                f.write(b"\n## Assets\n\n- Dinghy: \xed\xa0\x80 outboard, \xf4\x90\x80\x80 oars\n")
            line = open(path, "rb").read().count(b"\n")
            for persona in ("ceo", "cfo"):  # the CEO report quotes Assets items
                result = run("render", "--persona", persona, "--root", root, "--format", "eml",
                             "--now", NOW)
                self.assertEqual(result.returncode, 0, result.stderr)
                message = email.message_from_string(result.stdout, policy=email.policy.default)
                for part in message.walk():
                    if not part.is_multipart():
                        self.assertIn(f"jada.md:{line}:", part.get_content())
                        self.assertIn("UTF-8", part.get_content())

    def test_bad_persona_format_and_now_are_usage_errors(self):
        for args in (["--persona", "cxo"], ["--persona", "cfo", "--format", "pdf"],
                     ["--persona", "cfo", "--now", "yesterday"], ["--persona", "audit"],
                     ["--persona", "cfo", "--entity", "no-such-entity"], []):
            result = run("render", "--root", SAMPLE, *args)
            self.assertEqual(result.returncode, 2, args)
            self.assertTrue(result.stderr.startswith("briefing: "), result.stderr)

    def test_unknown_option_is_a_usage_error(self):
        result = run("render", "--root", SAMPLE, "--frobnicate")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--frobnicate", result.stderr)

    def test_help_and_version(self):
        self.assertIn("render", run("--help", check=0).stdout)
        self.assertRegex(run("--version", check=0).stdout, r"^briefing \d+\.\d+\.\d+")
        self.assertIn("--format", run("render", "--help", check=0).stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)
