"""The ledger end to end: crashes, concurrent batches, resend, audit export."""
import hashlib
import hmac
import json
import os
import re
import signal
import sqlite3
import subprocess
import unittest

from support import BRIEFING, NOW, PeersTestCase, TempDir, copy_sample, run, wait_for


class LedgerTest(PeersTestCase):
    env_values = {"SES_REGION": "us-east-1", "SES_FROM_ADDRESS": "reports@example.com",
                  "EXEC_REPORT_TO": "owner@example.com", "SES_BCC_ADDRESS": "audit@example.com"}

    def briefing(self, *args, check=None):
        return run(*args, "--ledger", self.ledger, env=self.env, check=check)

    def send(self, *args, check=None):
        return self.briefing("send", "--root", self.root, "--now", NOW, "--yes", *args, check=check)

    def log(self, *args):
        return json.loads(self.briefing("log", "--json", *args, check=0).stdout)

    def start_send_in_background(self, *args):
        env = dict(os.environ, **self.env)
        return subprocess.Popen([BRIEFING, "send", "--root", self.root, "--now", NOW, "--yes",
                                 "--ledger", self.ledger, *args], env=env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)

    def hanging_send_seen(self):
        return any(r["action"] == "SendRawEmail" and r["status"] == "hang"
                   for r in self.standin.requests())

    def test_kill_9_mid_send_leaves_unknown_and_a_rerun_does_not_resend_it(self):
        # At 1 a second each send starts about a second after the one
        # before (the pacer's window holds one), so the reports after cfo
        # are staged (their rows pending, their messages archived) but not
        # started when the kill comes: the test has that second to see
        # cfo's hang and kill. At 2 a second, with the first send no longer
        # alone, cmo could start 1/8 s after cfo, and at load 19 it did
        # (CI, 2026-12-07: cmo "unknown", 2 runs of 2).
        self.standin.config({"quota": {"max_send_rate": 1}})
        # cfo's send hangs, named by its report.
        self.standin.faults([{"kind": "hang", "action": "SendRawEmail", "seconds": 60,
                              "report": "cfo/portfolio"}])
        process = self.start_send_in_background("--all")
        wait_for(self.hanging_send_seen)
        process.send_signal(signal.SIGKILL)
        process.communicate()

        result = self.briefing("log", "--json", check=0)
        self.assertIn("interrupted", result.stderr)
        rows = json.loads(result.stdout)
        deliveries = {d["persona"]: d for d in rows}
        self.assertEqual(deliveries["ceo"]["state"], "sent")
        self.assertEqual(deliveries["cto"]["state"], "sent")
        self.assertEqual(deliveries["cfo"]["state"], "unknown")
        self.assertEqual(deliveries["cmo"]["state"], "failed")  # never left: interrupted
        staged = [d for d in rows if d["persona"] not in ("ceo", "cto", "cfo")]
        self.assertGreaterEqual(len(staged), 1)
        for d in staged:  # every one staged behind cfo never left
            self.assertEqual((d["state"], d["error_code"]), ("failed", "interrupted"), d)

        sends_before = len(self.standin.sends())
        rerun = self.send("--all", "--json")
        self.assertEqual(rerun.returncode, 1, rerun.stderr)
        self.assertIn("cfo/portfolio left out: its last delivery", rerun.stderr)
        rerun_personas = [r["persona"] for r in json.loads(rerun.stdout)]
        self.assertNotIn("cfo", rerun_personas)
        # The default plan also leaves out, and says so, what went out today.
        self.assertIn("ceo/portfolio left out: already sent today", rerun.stderr)
        self.assertIn("--include-sent", rerun.stderr)
        self.assertNotIn("ceo", rerun_personas)
        self.assertNotIn("cto", rerun_personas)
        self.assertEqual(len(self.standin.sends()), sends_before + 5)

        again = self.send("--all", "--json", "--include-sent")
        again_personas = [r["persona"] for r in json.loads(again.stdout)]
        self.assertNotIn("cfo", again_personas)  # unknown stays out, asked or not
        self.assertEqual(again_personas.count("ceo"), 1)
        self.assertEqual(len(self.standin.sends()), sends_before + 5 + 7)

    def test_a_second_concurrent_batch_is_refused(self):
        self.standin.faults([{"kind": "hang", "action": "SendRawEmail", "seconds": 60}])
        first = self.start_send_in_background("--persona", "ceo")
        try:
            wait_for(self.hanging_send_seen)
            second = self.send("--persona", "cto")
            self.assertNotEqual(second.returncode, 0)
            self.assertIn("another briefing batch is running", second.stderr)
            self.assertEqual(len(self.standin.sends()), 1)
        finally:
            first.kill()
            first.communicate()

    def test_resend_one_persona_sends_exactly_the_archived_message(self):
        self.send("--all", check=0)
        self.assertEqual(len(self.emulator.store()["emails"]), 8)
        cfo = next(d for d in self.log() if d["persona"] == "cfo")
        with open(cfo["archive"], "rb") as f:
            archived = f.read()
        self.assertEqual(hashlib.sha256(archived).hexdigest(), cfo["sha256"])
        for suffix in (".txt", ".html"):
            self.assertTrue(os.path.exists(cfo["archive"][:-4] + suffix))

        result = self.briefing("resend", str(cfo["id"]), "--root", self.root, "--yes", check=0)
        self.assertEqual(len(self.emulator.store()["emails"]), 9)
        resent = self.standin.sends()[-1]
        self.assertEqual(resent["raw"].encode(), archived)
        newest = self.log()[0]
        self.assertEqual(newest["resend_of"], cfo["id"])
        self.assertEqual(newest["state"], "sent")
        self.assertIn(newest["message_id"], result.stderr)

    def test_a_resend_of_an_archive_changed_on_disk_is_refused_with_both_hashes(self):
        """O16: "byte-identical" must be true: the archived .eml is checked
        against the ledger's SHA-256 before anything leaves."""
        self.send("--persona", "cto", check=0)
        original = self.log()[0]
        with open(original["archive"], "rb") as f:
            archived = f.read()
        changed = archived.replace(b"Executive Report", b"Executive Rep0rt", 1)
        self.assertNotEqual(changed, archived)
        with open(original["archive"], "wb") as f:
            f.write(changed)
        sends_before = len(self.standin.sends())
        result = self.briefing("resend", str(original["id"]), "--root", self.root, "--yes")
        self.assertNotEqual(result.returncode, 0, result.stderr)
        self.assertIn(f"{original['archive']}: its SHA-256 is not the ledger's, so it changed since", result.stderr)
        self.assertIn(f"ledger {original['sha256'][:12]}...", result.stderr)
        self.assertIn(f"file {hashlib.sha256(changed).hexdigest()[:12]}...", result.stderr)
        self.assertIn(f"briefing resend {original['id']} --regenerate", result.stderr)
        self.assertIn("nothing was sent", result.stderr)
        self.assertNotIn("byte-identical", result.stderr)
        self.assertEqual(len(self.standin.sends()), sends_before)
        # Put back as it was, the same command sends those bytes again.
        with open(original["archive"], "wb") as f:
            f.write(archived)
        self.briefing("resend", str(original["id"]), "--root", self.root, "--yes", check=0)
        self.assertEqual(self.standin.sends()[-1]["raw"].encode(), archived)

    def test_resend_regenerate_builds_the_report_afresh(self):
        self.send("--persona", "cfo", check=0)
        original = self.log()[0]
        projects = os.path.join(self.root, "agent_handoffs", "projects")
        with open(os.path.join(projects, "jada.md")) as f:
            text = f.read()
        with open(os.path.join(projects, "jada.md"), "w") as f:
            f.write(text.replace("Slip rent: $1,650/month", "Slip rent: $2,650/month"))
        self.briefing("resend", str(original["id"]), "--regenerate", "--root", self.root, "--yes",
                      "--now", NOW, check=0)
        resent = self.standin.sends()[-1]["raw"]
        self.assertIn("$8,088", resent)  # gross burn grew by the $1,000
        with open(original["archive"]) as f:
            self.assertNotIn("$8,088", f.read())
        self.assertEqual(self.log()[0]["resend_of"], original["id"])
        self.assertEqual(len(self.emulator.store()["emails"]), 2)

    def test_resend_failed_sends_only_failed_and_unknown(self):
        # By report: the sends after the first are two in flight, and which
        # of cto and cfo arrives first is the machine's choice.
        self.standin.faults([{"kind": "rejected", "action": "SendRawEmail", "report": "ceo/portfolio"},
                             {"kind": "reset_after_read", "action": "SendRawEmail",
                              "report": "cfo/portfolio"}])
        self.send("--all")
        states = {d["persona"]: d["state"] for d in self.log()}
        self.assertEqual((states["ceo"], states["cto"], states["cfo"]), ("failed", "sent", "unknown"))
        before = len(self.standin.sends())
        self.briefing("resend", "--failed", "--root", self.root, "--yes", check=0)
        self.assertEqual(len(self.standin.sends()), before + 1)  # the failed one; unknown waits
        self.briefing("resend", "--failed", "--include-unknown", "--root", self.root, "--yes",
                      check=0)
        resent = self.standin.sends()[before:]
        self.assertEqual(len(resent), 2)
        self.assertEqual(sorted(d["persona"] for d in self.log()[:2]), ["ceo", "cfo"])

    def test_export_hashes_every_address_and_holds_no_secret(self):
        self.send("--all", check=0)
        path = os.path.join(self.dir, "audit.jsonl")
        result = self.briefing("log", "--export", path, check=0)
        salt = re.search(r"salt\n  ([0-9a-f]{64})\n", result.stderr).group(1)
        with open(path) as f:
            text = f.read()
        self.assertEqual(len(text.splitlines()), 8)
        self.assertNotIn("@", text)
        self.assertNotIn(self.standin.secret, text)
        self.assertNotIn(salt, text)
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o600)
        first = json.loads(text.splitlines()[0])
        # Not the bare SHA-256 a dictionary of addresses would find...
        self.assertNotIn(hashlib.sha256(b"owner@example.com").hexdigest(), text)
        # ...but the HMAC under the salt printed once.
        self.assertIn(hmac.new(bytes.fromhex(salt), b"owner@example.com", hashlib.sha256).hexdigest(),
                      first["to"])
        again = self.briefing("log", "--export", path, check=0)
        self.assertNotEqual(re.search(r"salt\n  ([0-9a-f]{64})\n", again.stderr).group(1), salt)

    def test_log_filters_and_one_delivery_in_full(self):
        self.send("--all", check=0)
        self.assertEqual([d["persona"] for d in self.log("--persona", "cmo")], ["cmo"])
        self.assertEqual(len(self.log("--state", "sent")), 8)
        self.assertEqual(self.log("--state", "failed"), [])
        one = self.briefing("log", str(self.log()[0]["id"]), check=0).stdout
        self.assertIn("message id", one)
        self.assertIn("archive", one)

    def test_a_resent_unknown_delivery_is_settled_in_log_and_a_second_resend_says_so(self):
        self.send("--persona", "ceo", check=0)
        with sqlite3.connect(self.ledger) as db:  # as a crash mid-request leaves it
            db.execute("UPDATE deliveries SET state = 'unknown' WHERE id = 1")
        before = self.briefing("log", "1", check=0).stdout
        self.assertIn("resend only then: briefing resend 1", before)
        self.assertNotIn("settled", before)
        self.briefing("resend", "1", "--root", self.root, "--yes", check=0)
        one = self.briefing("log", "1", check=0).stdout
        self.assertRegex(one, r"settled     resent as 2 \(sent, \d{4}-\d\d-\d\dT\d\d:\d\d")
        self.assertNotIn("resend only then", one)
        unknown = self.briefing("log", "--state", "unknown", check=0).stdout
        self.assertRegex(unknown, r"(?m)^1 .* unknown .*resent as 2 \(sent")
        self.assertIn("1 of 1 unknown deliveries were resent (settled", unknown)
        again = self.briefing("resend", "1", "--root", self.root, check=2)  # asks: no terminal
        self.assertIn("delivery 1 (unknown) was resent as 2, sent, at", again.stderr)
        self.assertIn("this sends it again", again.stderr)
        self.assertEqual(len(self.standin.sends()), 2)

    def test_corrupt_ledger_is_a_clear_error_and_nothing_is_sent(self):
        os.makedirs(os.path.dirname(self.ledger), exist_ok=True)
        with open(self.ledger, "wb") as f:
            f.write(b"this is not a database" * 100)
        result = self.send("--persona", "ceo")
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn(self.ledger, result.stderr)
        self.assertEqual(self.standin.requests(), [])


class LogReadsOnlyTest(unittest.TestCase):
    """`log` only reads: it never creates a ledger, and refuses a persona
    that does not exist instead of saying "No deliveries." (issue 13)."""

    def test_a_missing_ledger_is_refused_and_not_created(self):
        with TempDir() as tmp:
            path = os.path.join(tmp, "nonexistent", "dir", "l.sqlite3")
            result = run("log", "--ledger", path, env={"HOME": tmp})
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn(f"no ledger at {path}", result.stderr)
            self.assertNotIn("No deliveries", result.stdout)
            self.assertFalse(os.path.exists(os.path.join(tmp, "nonexistent")))
            default = run("log", env={"HOME": tmp, "XDG_STATE_HOME": ""})
            self.assertEqual(default.returncode, 2, default.stderr)
            self.assertIn(f"no ledger at {tmp}/.local/state/briefing/ledger.sqlite3", default.stderr)
            self.assertFalse(os.path.exists(os.path.join(tmp, ".local")))

    def test_an_unknown_persona_is_refused_as_send_refuses_it(self):
        with TempDir() as tmp:
            result = run("log", "--persona", "cfoo", "--ledger", os.path.join(tmp, "l.sqlite3"),
                         env={"HOME": tmp})
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn('--persona: "cfoo" is not a persona (ceo cto cfo cmo cao audit)',
                          result.stderr)
            self.assertEqual(result.stdout, "")

    def test_log_lists_a_page_and_the_page_after_it(self):
        # 120 deliveries: `log` lists the newest 50 and says how to ask for
        # the next page; --after starts after a delivery, --limit 0 is all.
        with TempDir() as tmp:
            path = os.path.join(tmp, "l.sqlite3")
            driver = os.path.join(os.environ.get("BRIEFING_BUILD_DIR", "build"), "ledger_driver")
            subprocess.run([driver, "sqlite:" + path], input="", text=True, check=True,
                           capture_output=True, timeout=60)
            db = sqlite3.connect(path)
            with db:
                db.executemany(
                    "INSERT INTO deliveries (id, persona, scope, to_addresses, state, created_at,"
                    " updated_at) VALUES (?, 'cfo', 'portfolio', 'owner@example.com', 'sent', ?, ?)",
                    [(i, 1764000000 + i // 3, 1764000000) for i in range(1, 121)])
            db.close()
            log = lambda *args: run("log", "--ledger", path, *args, env={"HOME": tmp})  # noqa: E731
            ids = lambda result: [d["id"] for d in json.loads(result.stdout)]  # noqa: E731
            first = log("--json")
            self.assertEqual(ids(first), list(range(120, 70, -1)))
            self.assertIn("50 shown (--limit); the next page: --after 71", first.stderr)
            self.assertEqual(ids(log("--json", "--after", "71")), list(range(70, 20, -1)))
            last = log("--json", "--after", "21")
            self.assertEqual(ids(last), list(range(20, 0, -1)))
            self.assertNotIn("next page", last.stderr)
            self.assertEqual(len(ids(log("--json", "--limit", "0"))), 120)
            text = log("--limit", "2")
            self.assertEqual(len(text.stdout.strip().splitlines()), 3, text.stdout)  # heading, 2
            for bad, message in ((("--limit", "-1"), '--limit: "-1" is not a number'),
                                 (("--after", "x"), '--after: "x" is not a delivery id')):
                refused = log(*bad)
                self.assertEqual(refused.returncode, 2, refused.stderr)
                self.assertIn(message, refused.stderr)
            missing = log("--after", "999")
            self.assertNotEqual(missing.returncode, 0)
            self.assertIn("no delivery 999 to list after", missing.stderr)


class NamedLedgerFolderTest(PeersTestCase):
    """A ledger named by --ledger, BRIEFING_LEDGER or the config file whose
    folder does not exist is a typo, not a new ledger: send refuses it (exit
    2) and creates nothing; a dry run never creates a ledger (docs/ledger.md)."""
    env_values = LedgerTest.env_values

    def send(self, ledger, *args, env=None):
        return run("send", "--root", self.root, "--now", NOW, "--persona", "ceo", "--ledger", ledger,
                   *args, env={**self.env, **(env or {})})

    def test_a_mistyped_ledger_folder_stops_send_and_resend_and_creates_nothing(self):
        self.assertEqual(self.send(self.ledger, "--yes").returncode, 0)
        typo = os.path.join(self.dir, "stat", "ledger.sqlite3")
        for args in (("--yes",), ("--dry-run",)):
            result = self.send(typo, *args)
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn(f"ledger {typo}: no folder {self.dir}/stat: create it, or check the path",
                          result.stderr)
        from_environment = run("send", "--root", self.root, "--now", NOW, "--persona", "ceo", "--yes",
                               env={**self.env, "BRIEFING_LEDGER": typo})
        self.assertEqual(from_environment.returncode, 2, from_environment.stderr)
        resend = run("resend", "1", "--root", self.root, "--ledger", typo, "--yes", env=self.env)
        self.assertEqual(resend.returncode, 2, resend.stderr)
        self.assertIn("no folder", resend.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "stat")))
        self.assertEqual(len(self.standin.sends()), 1)

    def test_a_dry_run_on_a_new_ledger_file_creates_it_not_and_a_send_does(self):
        new = os.path.join(self.dir, "state", "new.sqlite3")
        dry = self.send(new, "--dry-run")
        self.assertEqual(dry.returncode, 0, dry.stderr)
        self.assertIn(f"no ledger at {new}", dry.stderr)
        self.assertIn("a send creates it, this dry run does not", dry.stderr)
        self.assertFalse(os.path.exists(new))
        self.assertEqual(self.send(new, "--yes").returncode, 0)
        self.assertTrue(os.path.exists(new))


class DiffReadsOnlyTest(unittest.TestCase):
    """`diff` only reads: on a state folder with no ledger it says there is
    no sent version (exit 2) and creates neither the ledger nor its folder."""

    def test_a_missing_ledger_is_no_sent_version_and_not_created(self):
        with TempDir() as tmp:
            root = copy_sample(tmp)
            state = os.path.join(tmp, "state")
            diff = ("diff", "--root", root, "--persona", "ceo", "--now", NOW)
            result = run(*diff, env={"HOME": tmp, "XDG_STATE_HOME": state})
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn(f"no ledger at {state}/briefing/ledger.sqlite3", result.stderr)
            self.assertEqual(result.stdout, "")
            self.assertFalse(os.path.exists(state))
            named = os.path.join(tmp, "nonexistent", "l.sqlite3")
            result = run(*diff, "--ledger", named, env={"HOME": tmp})
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn(f"no ledger at {named}", result.stderr)
            self.assertFalse(os.path.exists(os.path.join(tmp, "nonexistent")))


if __name__ == "__main__":
    unittest.main(verbosity=2)
