"""Which ledger, and the day claim, from the command line: `briefing ledger
status`, the ledger named by --ledger, BRIEFING_LEDGER or the config file
(a bad value is an error that quotes it, never another ledger), and two
state folders sharing one ledger file through BRIEFING_LEDGER: a report
one of them sent today is not sent again by the other's plan, even when
the other's local day began after it (the claim's day is UTC)."""
import calendar
import json
import os
import socket
import sqlite3
import time
import unittest

from support import NOW, PeersTestCase, run


class LedgerBackendTest(PeersTestCase):
    env_values = {"SES_REGION": "us-east-1", "SES_FROM_ADDRESS": "reports@example.com",
                  "EXEC_REPORT_TO": "owner@example.com", "SES_BCC_ADDRESS": "audit@example.com"}

    def machine(self, name, **extra):
        """The environment of one "machine": its own home and state folder."""
        home = os.path.join(self.dir, name)
        os.makedirs(home, exist_ok=True)
        return dict(self.env, HOME=home, XDG_STATE_HOME=os.path.join(home, "state"), **extra)

    def send_all(self, env, *args, check=None):
        return run("send", "--root", self.root, "--now", NOW, "--yes", "--all", *args, env=env,
                   check=check)

    def sends_seen(self):
        return sum(1 for r in self.standin.requests() if r["action"] == "SendRawEmail")

    def test_status_names_the_back_end_and_counts_what_was_sent(self):
        env = self.machine("a")
        missing = run("ledger", "status", "--ledger", self.ledger, env=env, check=2)
        self.assertIn(f"no ledger at {self.ledger}", missing.stderr)
        self.assertFalse(os.path.exists(self.ledger))  # status only reads
        self.send_all(dict(env, BRIEFING_LEDGER=self.ledger), check=0)
        text = run("ledger", "status", env=dict(env, BRIEFING_LEDGER=self.ledger), check=0).stdout
        self.assertRegex(text, r"(?m)^ledger +sqlite$")
        self.assertRegex(text, rf"(?m)^where +{self.ledger}$")
        self.assertRegex(text, r"(?m)^deliveries +8 \(8 sent\)$")
        self.assertRegex(text, r"(?m)^batches +1$")
        self.assertRegex(text, r"(?m)^last delivery +\d{4}-\d\d-\d\d \d\d:\d\d \(delivery 8, \w+/[\w-]+, sent\)$")
        self.assertRegex(text, r"(?m)^kept aside +0$")
        status = json.loads(run("ledger", "status", "--json", "--ledger", self.ledger, env=env,
                                check=0).stdout)
        log = json.loads(run("log", "--json", "--ledger", self.ledger, env=env, check=0).stdout)
        self.assertEqual(status["backend"], "sqlite")
        self.assertEqual(status["where"], self.ledger)
        self.assertEqual(status["deliveries"], len(log))
        self.assertEqual(status["states"]["sent"], 8)
        self.assertEqual(status["states"]["failed"], 0)
        self.assertEqual(status["batches"], 1)
        self.assertEqual(status["last_delivery"]["id"], log[0]["id"])
        self.assertEqual(status["last_delivery"]["created_at"], log[0]["created_at"])
        self.assertEqual({d["host"] for d in log}, {socket.gethostname()})  # schema v6
        self.assertEqual(status["kept_aside"], 0)
        usage = run("ledger", "--ledger", self.ledger, env=env, check=2)
        self.assertIn("briefing ledger status", usage.stderr)
        unknown = run("ledger", "frobnicate", "--ledger", self.ledger, env=env, check=2)
        self.assertIn("unknown sub-command \"frobnicate\"", unknown.stderr)

    def test_a_bad_ledger_value_is_an_error_that_quotes_it_never_another_ledger(self):
        env = self.machine("a")
        default = os.path.join(env["XDG_STATE_HOME"], "briefing", "ledger.sqlite3")
        cases = {
            "dynamo://x": '"dynamo://" names no ledger back end',
            "dynamodb://": "no table name",
            "dynamodb://ab": "a DynamoDB table name is 3 to 255 characters",
            "dynamodb://a b c": "a DynamoDB table name holds only A-Z",
        }
        for value, why in cases.items():
            for args in (("ledger", "status"), ("log",), ("send", "--root", self.root, "--all",
                                                           "--yes", "--now", NOW)):
                result = run(*args, env=dict(env, BRIEFING_LEDGER=value), check=3)
                self.assertIn(f'ledger "{value}": {why}', result.stderr)
            result = run("ledger", "status", "--ledger", value, env=env, check=3)
            self.assertIn(f'ledger "{value}"', result.stderr)
        # A DynamoDB ledger that cannot be opened (nothing listens at its
        # endpoint) is an error naming it, not the local file instead.
        result = run("send", "--root", self.root, "--all", "--yes", "--now", NOW,
                     env=dict(env, BRIEFING_LEDGER="dynamodb://exec-reports",
                              AWS_ENDPOINT_URL_DYNAMODB="http://127.0.0.1:9"))
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("dynamodb://exec-reports", result.stderr)
        self.assertFalse(os.path.exists(default))
        self.assertEqual(self.sends_seen(), 0)

    def test_the_command_line_wins_then_the_environment_then_the_config_file(self):
        env = self.machine("a")
        config_home = os.path.join(self.dir, "config")
        os.makedirs(os.path.join(config_home, "briefing"))
        from_file = os.path.join(self.dir, "from-file.sqlite3")
        from_environment = os.path.join(self.dir, "from-environment.sqlite3")
        with open(os.path.join(config_home, "briefing", "config"), "w") as f:
            f.write(f"ledger = {from_file}\n")
        env = dict(env, XDG_CONFIG_HOME=config_home)
        self.send_all(env, check=0)
        self.assertTrue(os.path.exists(from_file))
        result = run("ledger", "status", env=dict(env, BRIEFING_LEDGER=from_environment), check=2)
        self.assertIn(f"no ledger at {from_environment}", result.stderr)
        result = run("ledger", "status", "--json", "--ledger", from_file,
                     env=dict(env, BRIEFING_LEDGER="dynamo://x"), check=0)
        self.assertEqual(json.loads(result.stdout)["where"], from_file)

    def test_two_state_folders_on_one_ledger_file_send_each_report_once(self):
        shared = os.path.join(self.dir, "shared", "ledger.sqlite3")
        os.makedirs(os.path.dirname(shared), exist_ok=True)  # a named ledger's folder exists
        a = self.machine("a", BRIEFING_LEDGER=shared)
        self.send_all(a, check=0)
        self.assertEqual(self.sends_seen(), 8)
        # The same plan from the second folder: planning sees today's sends.
        again = self.send_all(self.machine("b", BRIEFING_LEDGER=shared), check=0)
        self.assertIn("8 left out (already sent today", again.stdout + again.stderr)
        self.assertEqual(self.sends_seen(), 8)

    def test_the_claim_holds_the_utc_day_where_a_local_day_began_later(self):
        # a's sends are moved to one minute after UTC midnight; b's clock is
        # two minutes behind UTC, so its local day began after them: its
        # plan lets the reports through, and the claim refuses each one.
        now = time.time()
        day_start = calendar.timegm(time.gmtime(now)[:3] + (0, 0, 0))
        if now - day_start < 240:
            self.skipTest("within four minutes of UTC midnight: no local day to put between")
        shared = os.path.join(self.dir, "shared", "ledger.sqlite3")
        os.makedirs(os.path.dirname(shared), exist_ok=True)  # a named ledger's folder exists
        self.send_all(self.machine("a", BRIEFING_LEDGER=shared), check=0)
        with sqlite3.connect(shared) as db:
            db.execute("UPDATE deliveries SET created_at = ?", (day_start + 60,))
        b = self.machine("b", BRIEFING_LEDGER=shared, TZ="BEHIND+0:02")
        result = self.send_all(b, check=0)  # left out by the claim: no failure
        self.assertEqual(self.sends_seen(), 8)
        host = socket.gethostname()
        lines = [line for line in result.stderr.splitlines() if line.startswith("  not-attempted")]
        self.assertEqual(len(lines), 8, result.stderr)
        for line in lines:
            # 00:01 UTC is the evening before on b's clock: the date is said
            self.assertRegex(line, rf"sent at \d\d:\d\d on \d{{4}}-\d\d-\d\d \(today in UTC\) "
                                   rf"from {host} \(delivery [1-8]\); resend it explicitly$")
        self.assertIn("8 left out: another delivery sent or is sending the report today",
                      result.stderr)
        log = json.loads(run("log", "--json", env=b, check=0).stdout)
        refused = [d for d in log if d["state"] == "not-attempted"]
        self.assertEqual(len(refused), 8)
        self.assertTrue(all("resend it explicitly" in d["error_message"] for d in refused))
        # --include-sent is the operator's explicit choice: it claims nothing.
        self.send_all(b, "--include-sent", check=0)
        self.assertEqual(self.sends_seen(), 16)


if __name__ == "__main__":
    unittest.main(verbosity=2)
