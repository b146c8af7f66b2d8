"""Account health and the suppression list (issue 9, item 5) against the real
peers: SES v2 GetAccount answered by the aws-ses-v2-local emulator (its
AWS_SES_ACCOUNT, relayed by the stand-in after checking the signature) or by
the stand-in's own config, GetSuppressedDestination by the stand-in. Both
front ends: `briefing stats`, the plan `briefing send` prints before asking,
the console's top bar and its review before `y`."""
import json
import re
import unittest

from console_tmux import TMUX, Console
from peers import free_port
from support import NOW, PeersTestCase, run

SENDER = "reports@example.com"
TO = "cfo@example.com"
BCC = "audit@example.com"
SANDBOX_PROBATION = {"ProductionAccessEnabled": False, "SendingEnabled": True,
                     "EnforcementStatus": "PROBATION"}
SUPPRESSED = {TO: {"reason": "BOUNCE", "last_update": "2026-11-20T10:00:00Z"}}


class AccountCliTest(PeersTestCase):
    env_values = {"SES_REGION": "us-east-1", "SES_FROM_ADDRESS": SENDER, "EXEC_REPORT_TO": TO,
                  "SES_BCC_ADDRESS": BCC}

    def stats(self, *args, check=None):
        return run("stats", "--root", self.root, *args, env=self.env, check=check)

    def send(self, *args, check=None, input=None):
        return run("send", "--root", self.root, "--ledger", self.ledger, "--now", NOW, *args,
                   env=self.env, check=check, input=input)

    def actions(self, name):
        return [r for r in self.standin.requests() if r["action"] == name]

    # -- stats ---------------------------------------------------------------

    def test_stats_shows_the_emulators_account_and_gives_rates_as_numbers(self):
        doc = json.loads(self.stats("--json", check=0).stdout)
        self.assertEqual(doc["account"], {
            "known": True, "summary": "production · HEALTHY", "needs_attention": False,
            "production_access": True, "sandbox": False, "enforcement_status": "HEALTHY",
            "sending_enabled": True})
        self.assertIs(doc["at_risk"], False)
        self.assertIsInstance(doc["totals"]["bounce_rate"], float)
        self.assertEqual(doc["totals"]["bounce_rate"], 2.13)  # 1 of 47, the stand-in's default
        self.assertEqual(doc["totals"]["complaint_rate"], 0)
        [account_call] = self.actions("GetAccount")
        self.assertTrue(account_call["signature_ok"])
        text = self.stats(check=0).stdout
        self.assertRegex(text, r"Account  production · HEALTHY\n")
        self.assertRegex(text, r"sending +enabled")

    def test_stats_with_ses_unreachable_exits_4_as_send_does_not_3(self):
        """O14: no answer is the network or the endpoint, not the
        configuration: `stats` exits as `send` does, and says so."""
        endpoint = f"http://127.0.0.1:{free_port()}"
        result = run("stats", "--root", self.root, "--endpoint", endpoint, env=self.env, check=4)
        self.assertIn("SES did not answer at all: check the network and the endpoint",
                      result.stderr)
        sent = self.send("--persona", "cfo", "--yes", "--endpoint", endpoint)
        self.assertEqual(sent.returncode, 4, sent.stderr)

    def test_stats_exits_5_when_a_rate_is_at_risk_and_0_under_review(self):
        points = lambda bounces: [{"timestamp": "2026-11-22T10:15:00Z", "delivery_attempts": 100,
                                   "bounces": bounces, "complaints": 0, "rejects": 0}]
        self.standin.config({"statistics": points(7)})
        doc = json.loads(self.stats("--json", check=0).stdout)
        self.assertEqual((doc["totals"]["bounce_rate"], doc["totals"]["bounce_level"]),
                         (7, "under review"))
        self.standin.config({"statistics": points(10)})
        result = self.stats("--json", check=5)
        doc = json.loads(result.stdout)
        self.assertIs(doc["at_risk"], True)
        self.assertEqual(doc["totals"]["bounce_level"], "at risk")
        self.assertIn("the bounce rate is at or above 10%", result.stderr)
        self.stats(check=5)

    def test_stats_exits_5_and_says_so_when_the_account_is_on_probation(self):
        self.standin.config({"account": SANDBOX_PROBATION})
        result = self.stats(check=5)
        self.assertIn("Account  sandbox · PROBATION  (needs attention)", result.stdout)
        self.assertIn("sandbox: recipients must be verified identities", result.stdout)
        self.assertIn("SES has the account on probation", result.stderr)
        doc = json.loads(self.stats("--json", check=5).stdout)
        self.assertEqual((doc["account"]["sandbox"], doc["account"]["enforcement_status"],
                          doc["account"]["needs_attention"]), (True, "PROBATION", True))

    def test_stats_says_when_the_account_state_could_not_be_asked(self):
        self.standin.faults([{"kind": "rejected", "action": "GetAccount"}])
        doc = json.loads(self.stats("--json", check=0).stdout)
        self.assertIs(doc["account"]["known"], False)
        self.assertIn("GetAccount: MessageRejected", doc["account"]["error"])

    # -- the plan before `y` ---------------------------------------------------

    def test_the_plan_warns_of_sandbox_probation_and_a_suppressed_recipient_before_asking(self):
        self.standin.config({"account": SANDBOX_PROBATION, "suppressed": SUPPRESSED})
        result = self.send("--all", check=2)  # no terminal: it refuses to ask, sends nothing
        out = result.stderr  # the plan goes where the question would
        self.assertIn("Account:  sandbox (recipients must be verified identities), PROBATION", out)
        warnings = out[out.index("Warnings:"):]
        self.assertIn("  the account is on probation (EnforcementStatus PROBATION)", warnings)
        self.assertIn("  the account is in the SES sandbox: recipients must be verified identities",
                      warnings)
        self.assertIn(f"  {TO} is on the account's suppression list (BOUNCE since 2026-11-20): "
                      "SES will drop every message to it", warnings)
        self.assertNotIn(BCC + " is on", warnings)
        self.assertEqual(self.standin.sends(), [])
        # Eight reports to the same two addresses: each is asked about once.
        asked = sorted(r["address"] for r in self.actions("GetSuppressedDestination"))
        self.assertEqual(asked, sorted([TO, BCC]))
        self.assertTrue(all(r["signature_ok"] for r in self.actions("GetSuppressedDestination")))

    def test_the_json_dry_run_carries_the_plans_warnings_on_each_report(self):
        """docs/sending.md step 5: `--json` puts the summary on stderr and
        the same warning lines, one string each, in every report's
        "warnings"; none is an empty list."""
        clean = json.loads(self.send("--persona", "ceo", "--dry-run", "--json", check=0).stdout)
        self.assertEqual([report["warnings"] for report in clean], [[]])

        self.standin.config({"account": SANDBOX_PROBATION, "suppressed": SUPPRESSED})
        result = self.send("--all", "--dry-run", "--json", check=0)
        reports = json.loads(result.stdout)
        summary = result.stderr[result.stderr.index("\nWarnings:\n") + len("\nWarnings:\n"):]
        said = []
        for line in summary.splitlines():
            if not line.startswith("  "):
                break
            said.append(line[2:])
        self.assertEqual(len(said), 3, result.stderr)
        self.assertIn(f"{TO} is on the account's suppression list (BOUNCE since 2026-11-20): "
                      "SES will drop every message to it", said)
        self.assertEqual(len(reports), 8)
        for report in reports:
            self.assertEqual(report["warnings"], said)

    def test_a_suppressed_recipient_is_a_warning_and_the_batch_still_goes_with_yes(self):
        self.standin.config({"suppressed": SUPPRESSED})
        result = self.send("--persona", "ceo", "--yes", check=0)
        self.assertIn(f"{TO} is on the account's suppression list (BOUNCE since 2026-11-20)",
                      result.stdout + result.stderr)
        self.assertEqual(len(self.standin.sends()), 1)

    def test_a_shut_down_or_paused_account_is_refused_even_with_unverified_ok(self):
        for account, why in (({"EnforcementStatus": "SHUTDOWN"}, "EnforcementStatus SHUTDOWN"),
                             ({"SendingEnabled": False}, "SendingEnabled false")):
            self.standin.reset()
            self.standin.config({"account": {"ProductionAccessEnabled": True, "SendingEnabled": True,
                                             "EnforcementStatus": "HEALTHY", **account}})
            result = self.send("--persona", "ceo", "--yes", "--unverified-ok", check=4)
            self.assertIn(why, result.stderr)
            self.assertIn("nothing was sent", result.stderr)
            self.assertEqual(self.standin.sends(), [])
            self.assertEqual(self.emulator.store()["emails"], [])

    def test_an_unanswered_account_or_suppression_check_is_a_warning_not_a_refusal(self):
        self.standin.faults([{"kind": "rejected", "action": "GetAccount"},
                             {"kind": "rejected", "action": "GetSuppressedDestination"}])
        result = self.send("--persona", "ceo", "--yes", check=0)
        self.assertIn("the account's state was not checked (GetAccount: MessageRejected",
                      result.stderr)
        self.assertIn("the suppression list was not checked (GetSuppressedDestination: "
                      "MessageRejected", result.stderr)
        self.assertEqual(len(self.standin.sends()), 1)


class EmulatorAccountTest(PeersTestCase):
    """The emulator's own GetAccount, started with a sandboxed account."""
    env_values = AccountCliTest.env_values
    emulator_account = {"ProductionAccessEnabled": False}

    def test_stats_reads_the_sandbox_from_the_emulator(self):
        doc = json.loads(run("stats", "--root", self.root, "--json", env=self.env,
                             check=0).stdout)
        self.assertEqual(doc["account"]["summary"], "sandbox · HEALTHY")


@unittest.skipUnless(TMUX, "tmux is not installed")
class AccountConsoleTest(PeersTestCase):
    env_values = AccountCliTest.env_values

    def console(self):
        console = Console(self.root, env=self.env)
        console.wait_for("CEO — Portfolio")
        return console

    def test_the_top_bar_shows_production_then_probation_in_red(self):
        with self.console() as console:
            screen = console.wait_for(lambda s: re.search(r"│ production HEALTHY │ quota \d+ of \d+ left", s))
            self.assertIn(f"{SENDER} (verified)", screen)
        self.standin.config({"account": SANDBOX_PROBATION})
        with self.console() as console:
            console.wait_for("│ sandbox PROBATION │ quota")
            styled = console.capture(escapes=True).splitlines()
            bar = next(line for line in styled if "PROBATION" in line)
            before = re.findall(r"\x1b\[[0-9;]*m", bar[:bar.index("sandbox PROBATION")])
            after_quota = re.findall(r"\x1b\[[0-9;]*m", bar[:bar.index("quota")])
            self.assertNotEqual(before[-1:], after_quota[-1:])  # its own colour, not the bar's

    def test_at_80_columns_an_alarm_stays_and_a_healthy_standing_gives_way(self):
        with Console(self.root, 80, 24, env=self.env) as console:
            top = console.wait_for(lambda s: "50000/50000 left" in s).splitlines()[0]
            self.assertIn(f"{SENDER} (verified) │ us-east-1 ", top)
            self.assertNotIn("production", top)
            self.assertIn("│ ledger: sqlite │ 50000/50000 left", top)  # the quota shorter, the ledger kept
        self.standin.config({"account": SANDBOX_PROBATION})
        with Console(self.root, 80, 24, env=self.env) as console:
            top = console.wait_for("│ sandbox PROBATION │ quota").splitlines()[0]
            self.assertIn("(verified) │ us-east-1", top)

    def test_the_review_warns_of_a_suppressed_recipient_before_y(self):
        self.standin.config({"account": SANDBOX_PROBATION, "suppressed": SUPPRESSED})
        with self.console() as console:
            console.send("3", "Space")
            console.wait_for("1 marked")
            console.send("s")
            console.wait_for("Recipients of 1 message(s)")
            console.send("y")
            screen = console.wait_for("Message 1 of 1")
            flat = " ".join(screen.split())
            self.assertIn("Account sandbox: recipients must be verified identities · PROBATION", flat)
            self.assertIn(f"{TO} is on the account's suppression list (BOUNCE since 2026-11-20)",
                          flat)
            self.assertEqual(self.standin.sends(), [])
            console.send("q")
            console.wait_for("Recipients of 1 message(s)")
            console.send("q")
            console.wait_for("nothing sent")


if __name__ == "__main__":
    unittest.main()
