"""briefing send with several requests in flight, paced at MaxSendRate,
against the SigV4-checking stand-in made far away (every answer delayed)
and strict about the rate (Throttling beyond it, like SES). Nothing here is
timed: the assertions are on what the peer saw and what the ledger holds."""
import json
import os
import re
import signal
import sqlite3
import subprocess
import time
import unittest

from support import BRIEFING, NOW, SOURCE_DIR, TempDir, environment, run, write_env

from peers import StandIn, peak_in_flight

GEN_PORTFOLIO = os.path.join(SOURCE_DIR, "bench", "gen_portfolio.py")
SETTLED = {"sent", "failed", "unknown", "not-attempted"}
# The peer stamps arrivals; on a loaded machine loopback jitter reaches tens
# of milliseconds, so a window is allowed to be this much short of a second
# (unpaced requests come ~0 s apart).
JITTER_SECONDS = 0.1


def crowded_windows(sends, rate):
    """Pairs of sends `rate` apart that arrived within one second (less the
    jitter allowance): then some second held more than `rate` sends."""
    times = sorted(s["time"] for s in sends)
    return [(round(times[i], 3), round(times[i + rate] - times[i], 3))
            for i in range(len(times) - rate)
            if times[i + rate] - times[i] < 1.0 - JITTER_SECONDS]


class SendRateTest(unittest.TestCase):
    """A portfolio of `ENTITIES` synthetic entities (5 + ENTITIES/3 reports)."""

    ENTITIES = 30   # 15 reports

    @classmethod
    def setUpClass(cls):
        cls.standin = StandIn().__enter__()
        cls.tmp = TempDir()
        cls.shared = cls.tmp.__enter__()
        cls.portfolio = os.path.join(cls.shared, "portfolio")
        subprocess.run(["/usr/bin/python3", GEN_PORTFOLIO, cls.portfolio, str(cls.ENTITIES)],
                       check=True, capture_output=True)
        write_env(cls.portfolio, SES_REGION="us-east-1", SES_FROM_ADDRESS="reports@example.com",
                  EXEC_REPORT_TO="owner@example.com")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.__exit__(None, None, None)
        cls.standin.__exit__(None, None, None)

    def setUp(self):
        self.standin.reset()
        self.dir_context = TempDir()
        self.dir = self.dir_context.__enter__()
        self.ledger = os.path.join(self.dir, "ledger.sqlite3")
        self.env = {"AWS_ENDPOINT_URL_SES": self.standin.url, "HOME": self.dir,
                    **self.standin.credentials_env()}

    def tearDown(self):
        self.dir_context.__exit__(None, None, None)

    def send_args(self, *extra):
        return ["send", "--all", "--yes", "--root", self.portfolio, "--ledger", self.ledger,
                "--archive", os.path.join(self.dir, "archive"), "--now", NOW, *extra]

    def send(self, *extra, check=None):
        return run(*self.send_args(*extra), env=self.env, check=check, timeout=240)

    def start_batch_until_three_sends(self):
        """`briefing send` in the background, returned once the peer has seen
        three of its requests (the batch is under way)."""
        process = subprocess.Popen([BRIEFING, *self.send_args()], env=environment(self.env),
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, start_new_session=True)
        deadline = time.monotonic() + 60
        while len(self.sends()) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        if len(self.sends()) < 3:
            process.kill()
            process.communicate()
            self.fail("the batch never got going")
        return process

    def ledger_states(self):
        with sqlite3.connect(self.ledger) as db:
            return [row[0] for row in db.execute("SELECT state FROM deliveries ORDER BY id")]

    def sends(self):
        return self.standin.sends()

    def test_with_a_far_peer_several_requests_are_in_flight_at_once(self):
        self.standin.far_away(300, 14)
        result = self.send("--json", check=0)
        reports = json.loads(result.stdout)
        self.assertEqual(len(reports), 15)
        self.assertEqual({r["state"] for r in reports}, {"sent"}, result.stderr)
        sends = self.sends()
        self.assertEqual(len(sends), 15)
        # One at a time, each holding 300 ms, would never overlap.
        self.assertGreater(peak_in_flight(sends), 1)
        self.assertTrue(all(s["signature_ok"] for s in sends))
        # Connections are reused: far fewer than one per send.
        self.assertLess(len({s["client"] for s in sends}), len(sends))

    def test_no_second_holds_more_than_max_send_rate_sends(self):
        self.standin.far_away(400, 4, enforce_rate=False)
        result = self.send("--json", check=0)
        self.assertEqual({r["state"] for r in json.loads(result.stdout)}, {"sent"})
        sends = self.sends()
        self.assertEqual(len(sends), 15)
        self.assertGreater(peak_in_flight(sends), 1)
        self.assertEqual(crowded_windows(sends, 4), [])

    def test_no_pacing_keeps_its_meaning_the_rate_is_not_kept(self):
        # The counter-test of the one above: the same batch unpaced crowds
        # seconds, so that test can fail.
        self.standin.far_away(400, 4, enforce_rate=False)
        result = self.send("--json", "--no-pacing", check=0)
        self.assertEqual({r["state"] for r in json.loads(result.stdout)}, {"sent"})
        self.assertNotEqual(crowded_windows(self.sends(), 4), [])

    def test_a_throttling_burst_slows_the_batch_and_every_report_is_sent(self):
        # GetSendQuota says 12 a second, but SES lets only 5 through (another
        # sender on the account): the batch meets "Maximum sending rate
        # exceeded", slows down, and every report still goes, once.
        self.standin.far_away(100, 12, enforce_rate=5)
        result = self.send("--json", check=0)
        reports = json.loads(result.stdout)
        self.assertEqual({r["state"] for r in reports}, {"sent"}, result.stderr)
        sends = self.sends()
        throttled = [s for s in sends if s["error_code"] == "Throttling"]
        self.assertGreater(len(throttled), 0)
        accepted = [s for s in sends if s["message_id"]]
        self.assertEqual(len(accepted), 15)
        self.assertEqual(sorted(r["message_id"] for r in reports),
                         sorted(s["message_id"] for s in accepted))
        self.assertEqual(self.ledger_states(), ["sent"] * 15)
        self.assertIn(f'SES answered "Maximum sending rate exceeded" {len(throttled)} time(s)',
                      result.stderr)

    def test_sigint_mid_batch_stops_new_sends_and_settles_every_row(self):
        self.standin.far_away(400, 3, enforce_rate=False)
        process = self.start_batch_until_three_sends()
        try:
            process.send_signal(signal.SIGINT)
            _, stderr = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
        self.assertEqual(process.returncode, 1, stderr)
        self.assertIn("stopping: no new message starts", stderr)
        states = self.ledger_states()
        self.assertEqual(len(states), 15)  # every report has its row
        self.assertLessEqual(set(states), SETTLED, states)
        self.assertIn("not-attempted", states)
        self.assertIn("sent", states)
        # What was in flight finished: every request the peer answered is
        # a sent row, and nothing started after the stop was recorded.
        accepted = [s for s in self.sends() if s["message_id"]]
        self.assertEqual(states.count("sent"), len(accepted))
        log = json.loads(run("log", "--json", "--ledger", self.ledger, env=self.env,
                             check=0).stdout)
        reasons = {d.get("error_message") for d in log if d["state"] == "not-attempted"}
        self.assertEqual(reasons, {"stopped by the operator before it was sent"})

    def test_kill_9_while_reports_are_staged_leaves_them_failed_and_resendable(self):
        # At one send a second the batch stages the reports ahead of their
        # slots (rows `pending`, archives written) long before they may
        # start. A kill -9 then: what never reached the peer is `failed`
        # (interrupted: not sent, resendable), or `unknown` for the one
        # committed `sending` just before its slot; nothing is `sent` that
        # SES did not accept, and every report the peer saw has its row.
        self.standin.config({"quota": {"max_send_rate": 1}})
        process = self.start_batch_until_three_sends()
        try:
            with sqlite3.connect(self.ledger) as db:
                pending = db.execute("SELECT count(*) FROM deliveries WHERE state = 'pending'"
                                     " AND archive_path IS NOT NULL").fetchone()[0]
            process.kill()
            process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
        # Staged: rows whose archive is on disk and that wait for their slot.
        self.assertGreaterEqual(pending, 2, "nothing was staged ahead of its slot")
        seen = {int(re.search(r"X-Briefing-Delivery: (\d+)", s["raw"]).group(1)): s
                for s in self.sends()}
        log = json.loads(run("log", "--json", "--ledger", self.ledger, env=self.env,
                             check=0).stdout)
        rows = {d["id"]: d for d in log}
        self.assertLessEqual(set(seen), set(rows), "a request the peer saw has no row")
        for id, row in rows.items():
            if id in seen:
                self.assertIn(row["state"], {"sent", "unknown"}, row)
                if row["state"] == "sent":
                    self.assertEqual(row["message_id"], seen[id]["message_id"])
                continue
            self.assertIn(row["state"], {"failed", "unknown"}, row)
            self.assertEqual(row["error_code"], "interrupted", row)
            if row["archive"]:
                self.assertTrue(os.path.exists(row["archive"]), row)
        never_left = [r for id, r in rows.items() if id not in seen]
        self.assertLessEqual(sum(r["state"] == "unknown" for r in never_left), 1, never_left)
        self.assertGreaterEqual(sum(r["state"] == "failed" for r in never_left), 2, never_left)

        # The failed ones go with resend --failed, each once.
        sent_before = len(self.sends())
        self.standin.config({"quota": {"max_send_rate": 14}})
        again = run("resend", "--failed", "--yes", "--ledger", self.ledger, "--root",
                    self.portfolio, "--now", NOW, env=self.env, check=0, timeout=240)
        failed = sum(r["state"] == "failed" for r in rows.values())
        self.assertIn(f"{failed} sent, 0 failed", again.stderr)
        self.assertEqual(len(self.sends()), sent_before + failed)


if __name__ == "__main__":
    unittest.main()
