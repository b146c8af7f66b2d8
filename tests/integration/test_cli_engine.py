"""The send engine's rules, through the command line, against the real
peers (the SigV4-checking stand-in in front of the aws-ses-v2-local
emulator): what cannot be checked is refused, nothing of a batch goes
unrecorded, resends get the same checks as sends and their own bytes, and
`diff` shows what moved since the last sent version."""
import email
import email.policy
import json
import os
import re

from support import NOW, PeersTestCase, TempDir, run

FROM = "Reports <reports@example.com>"
TO = "owner@example.com"
AUDIT = "audit@example.com"


class EngineTest(PeersTestCase):
    env_values = {"SES_REGION": "us-east-1", "SES_FROM_ADDRESS": f'"{FROM}"', "EXEC_REPORT_TO": TO,
                  "SES_BCC_ADDRESS": AUDIT}

    def briefing(self, command, *args, check=None, env=None):
        root = [] if command == "log" else ["--root", self.root]
        return run(command, *root, "--ledger", self.ledger, *args,
                   env={**self.env, **(env or {})}, check=check)

    def send(self, *args, check=None):
        return self.briefing("send", "--now", NOW, *args, check=check)

    def log(self):
        return json.loads(self.briefing("log", "--json", check=0).stdout)

    def raw_sends(self):
        return [s["raw"] for s in self.standin.sends()]

    # (4) refuse by default what cannot be checked

    def test_a_sender_ses_cannot_confirm_is_refused_unless_unverified_ok(self):
        failing = [{"kind": "http_500", "action": "GetIdentityVerificationAttributes"}] * 6
        self.standin.faults(failing)
        refused = self.send("--persona", "ceo", "--yes")
        self.assertEqual(refused.returncode, 4, refused.stderr)
        self.assertIn("could not confirm that the sender reports@example.com is verified",
                      refused.stderr)
        self.assertIn("--unverified-ok", refused.stderr)
        self.assertEqual(self.standin.sends(), [])

        self.standin.reset()
        self.standin.faults(failing)
        sent = self.send("--persona", "ceo", "--yes", "--unverified-ok", check=0)
        self.assertIn("sending anyway, as asked", sent.stderr)
        self.assertEqual(len(self.standin.sends()), 1)

    def test_an_unknown_quota_is_refused(self):
        self.standin.faults([{"kind": "http_503", "action": "GetSendQuota"}] * 6)
        result = self.send("--persona", "ceo", "--yes")
        self.assertEqual(result.returncode, 4, result.stderr)
        self.assertIn("did not say how much of the sending quota is left", result.stderr)
        self.assertEqual(self.standin.sends(), [])

    def test_an_empty_to_and_a_to_in_bcc_are_refused_with_a_clear_message(self):
        empty = self.send("--persona", "ceo", "--yes", "--to", "")
        self.assertEqual(empty.returncode, 2, empty.stderr)
        self.assertIn("To is empty", empty.stderr)
        twice = self.send("--persona", "ceo", "--yes", "--to", AUDIT)
        self.assertEqual(twice.returncode, 2, twice.stderr)
        self.assertIn(f'"{AUDIT}" is in both To and Bcc', twice.stderr)
        self.assertEqual(self.standin.requests(), [])

    def test_a_folder_without_handoffs_is_refused_saying_where_it_looked(self):
        with TempDir() as empty:
            ledger = ["--ledger", self.ledger]
            for command in (["list"], ["render", "--all"], ["send", "--all", "--yes", *ledger],
                            ["diff", "--persona", "ceo", "--entity", "portfolio", *ledger]):
                result = run(*command, "--root", empty, env=self.env)
                self.assertEqual(result.returncode, 2, (command, result.stderr))
                self.assertIn(f"no handoffs in {empty}/agent_handoffs/projects", result.stderr)
        self.assertEqual(self.standin.requests(), [])

    # (5) never lose track

    def test_a_batch_stopped_by_the_quota_records_the_rest_as_not_attempted(self):
        self.standin.faults([{"kind": "daily_quota", "action": "SendRawEmail"}])
        result = self.send("--all", "--yes")
        self.assertEqual(result.returncode, 4, result.stderr)
        self.assertIn("0 sent, 1 failed, 0 unknown, 7 not attempted", result.stderr)
        states = sorted(d["state"] for d in self.log())
        self.assertEqual(states, ["failed"] + ["not-attempted"] * 7)
        reasons = {d.get("error_message") for d in self.log() if d["state"] == "not-attempted"}
        self.assertEqual(reasons, {"stopped: SES's daily sending quota is exhausted"})

        # resend --failed covers all eight (the not-attempted ones built afresh)
        again = self.briefing("resend", "--failed", "--yes", "--now", NOW, check=0)
        self.assertIn("8 sent, 0 failed, 0 unknown, 0 not attempted", again.stderr)
        self.assertEqual(len(self.standin.sends()), 1 + 8)
        settled = self.briefing("resend", "--failed", "--yes", check=0)
        self.assertIn("nothing to resend", settled.stderr)

    def test_resend_failed_covers_every_batch_not_only_the_last(self):
        self.standin.faults([{"kind": "rejected", "action": "SendRawEmail"}])
        self.send("--persona", "ceo", "--yes", check=1)          # batch 1: failed
        self.standin.faults([{"kind": "reset_after_read", "action": "SendRawEmail"}])
        self.send("--persona", "cto", "--yes", check=1)          # batch 2: unknown
        self.send("--persona", "cfo", "--yes", check=0)          # batch 3: sent
        only_first = self.briefing("resend", "--failed", "--batch", "1", "--yes", check=0)
        self.assertIn("delivery 1 (ceo/portfolio, failed) will be resent", only_first.stderr)
        self.assertNotIn("cto", only_first.stderr)
        unchecked = self.briefing("resend", "--failed", "--yes", check=0)
        self.assertIn("delivery 2 (cto/portfolio, unknown) left out: SES may have accepted it",
                      unchecked.stderr)  # never resent by a sweep without being asked
        self.assertIn("nothing to resend", unchecked.stderr)
        rest = self.briefing("resend", "--failed", "--include-unknown", "--yes", check=0)
        self.assertIn("cto/portfolio, unknown", rest.stderr)
        self.assertNotIn("ceo/portfolio, failed", rest.stderr)   # settled by the resend
        latest = {}
        for d in sorted(self.log(), key=lambda d: d["id"]):
            latest[d["persona"]] = d["state"]
        self.assertEqual(latest, {"ceo": "sent", "cto": "sent", "cfo": "sent"})

    # (1) and (7 of issue 12): resends

    def test_a_resend_to_other_recipients_is_rebuilt_with_its_own_to(self):
        self.send("--persona", "ceo", "--yes", check=0)
        original = self.log()[0]
        result = self.briefing("resend", str(original["id"]), "--to", "cfo@example.com", "--yes",
                               check=0)
        self.assertIn("rebuilt for new recipients", result.stderr)
        raw = self.raw_sends()[-1]
        message = email.message_from_string(raw, policy=email.policy.default)
        self.assertEqual(message["To"], "cfo@example.com")
        resend = max(self.log(), key=lambda d: d["id"])
        with open(resend["archive"], encoding="utf-8", newline="") as f:
            archived = f.read()
        self.assertIn("To: cfo@example.com", archived)
        self.assertNotIn(f"To: {TO}", archived)
        stored = self.emulator.store()["emails"][-1]
        self.assertEqual(stored["destination"]["to"], ["cfo@example.com"])

    def test_a_byte_identical_resend_keeps_its_recipients_and_says_so(self):
        self.send("--persona", "ceo", "--yes", check=0)
        first = self.raw_sends()[0]
        result = self.briefing("resend", str(self.log()[0]["id"]), "--yes", check=0)
        self.assertIn("byte-identical resend of delivery 1", result.stderr)
        self.assertEqual(self.raw_sends()[-1], first)

    def test_resend_checks_addresses_exactly_as_send(self):
        self.send("--persona", "ceo", "--yes", check=0)
        delivery = str(self.log()[0]["id"])
        cases = {"forged": ("--to", "cfo@example.com\nBcc: thief@example.com"),
                 "not an address": ("--cc", "bob@@example.com"),
                 "51 recipients": ("--to", ",".join(f"r{i}@example.com" for i in range(51)))}
        for name, flag in cases.items():
            result = self.briefing("resend", delivery, *flag, "--yes")
            self.assertEqual(result.returncode, 2, (name, result.stderr))
            self.assertIn("nothing was sent", result.stderr, name)
        named = self.briefing("resend", delivery, "--cc", "bob@@example.com", "--yes")
        self.assertIn('Cc: "bob@@example.com"', named.stderr)
        self.assertEqual(len(self.standin.sends()), 1)

    # diff

    def test_diff_lists_the_money_that_moved_then_the_text(self):
        never = self.briefing("diff", "--persona", "ceo", "--entity", "jada", "--now", NOW)
        self.assertEqual(never.returncode, 2, never.stderr)
        self.assertIn("no sent version", never.stderr)
        self.send("--persona", "cfo", "--entity", "jada", "--yes", check=0)
        handoff = os.path.join(self.root, "agent_handoffs", "projects", "jada.md")
        with open(handoff, encoding="utf-8") as f:
            text = f.read()
        with open(handoff, "w", encoding="utf-8") as f:
            f.write(text.replace("Slip rent: $1,650/month", "Slip rent: $1,900/month"))
        result = self.briefing("diff", "--persona", "cfo", "--entity", "jada", "--now", NOW,
                               check=0)
        moved = result.stdout.split("\n--- ")[0]
        self.assertIn("Figures that moved since delivery 1", moved)
        self.assertRegex(moved, r"\$[0-9,]+ → \$[0-9,]+")
        self.assertIn("\n+++ cfo/jada now\n@@ -", result.stdout)
        self.assertTrue(re.search(r"^-.*\$", result.stdout, re.M))
        self.assertTrue(re.search(r"^\+.*\$", result.stdout, re.M))


if __name__ == "__main__":
    import unittest
    unittest.main(verbosity=2)
