"""briefing send and briefing stats against real peers: the aws-ses-v2-local
emulator, and the SigV4-checking stand-in in front of it."""
import email
import email.policy
import json
import os
import sqlite3
import unittest

from support import BRIEFING, NOW, SAMPLE, PeersTestCase, run

FROM = "Reports <reports@example.com>"
TO = "owner@example.com"
AUDIT = "audit@example.com"


class SendTest(PeersTestCase):
    env_values = {"SES_REGION": "us-east-1", "SES_FROM_ADDRESS": f'"{FROM}"', "EXEC_REPORT_TO": TO,
                  "SES_BCC_ADDRESS": AUDIT, "EXEC_REPORT_TO_CFO": "cfo@example.com"}

    def send(self, *args, check=None, env=None):
        return run("send", "--root", self.root, "--ledger", self.ledger, "--now", NOW, *args,
                   env={**self.env, **(env or {})}, check=check)

    def test_eight_reports_reach_the_emulator_signed_with_bcc_only_in_destinations(self):
        result = self.send("--all", "--yes", "--json", check=0)
        reports = json.loads(result.stdout)
        self.assertEqual(len(reports), 8)
        self.assertTrue(all(r["state"] == "sent" and r["message_id"] for r in reports))
        sends = self.standin.sends()
        self.assertEqual(len(sends), 8)
        self.assertTrue(all(s["signature_ok"] for s in self.standin.requests()))
        stored = self.emulator.store()["emails"]
        self.assertEqual(sorted(e["messageId"] for e in stored),
                         sorted(r["message_id"] for r in reports))
        # Several are in flight from the first: SES may see them in another
        # order than the batch's, so each report is found by its MessageId.
        by_message_id = {s["message_id"]: s for s in sends}
        for report in reports:
            send = by_message_id[report["message_id"]]
            self.assertIn(AUDIT, send["destinations"])
            message = email.message_from_string(send["raw"], policy=email.policy.default)
            self.assertIsNone(message["Bcc"])
            self.assertNotIn(AUDIT, send["raw"])
            self.assertEqual(message["Subject"], report["subject"])
            self.assertEqual(message.get_content_type(), "multipart/alternative")
        cfo = next(e for e in stored if "CFO" in e["subject"])
        self.assertEqual(cfo["destination"]["to"], ["cfo@example.com"])
        self.assertTrue(cfo["body"]["text"].strip())
        self.assertIn("<", cfo["body"]["html"])

    def test_a_dry_run_checks_with_ses_and_exits_as_the_send_would(self):
        ok = self.send("--persona", "cfo", "--dry-run", check=0)
        self.assertIn("credentials, sender, quota and account checked with SES", ok.stdout)
        self.assertIn("[reports@example.com: Success]", ok.stdout)
        self.assertEqual(len(self.standin.sends()), 0)
        self.assertTrue(any(r["action"] == "GetSendQuota" for r in self.standin.requests()))
        down = self.send("--persona", "cfo", "--dry-run", "--endpoint", "http://127.0.0.1:9",
                         check=4)
        self.assertIn("the send would stop", down.stderr)
        self.assertNotIn("built and valid", down.stdout)
        no_profile = self.send("--persona", "cfo", "--dry-run", check=3,
                               env={"AWS_PROFILE": "reprots", "AWS_ACCESS_KEY_ID": "",
                                    "AWS_SECRET_ACCESS_KEY": ""})
        self.assertIn('profile "reprots"', no_profile.stderr)
        offline = self.send("--persona", "cfo", "--dry-run", "--offline", "--endpoint",
                            "http://127.0.0.1:9", check=0)
        self.assertIn("credentials and SES not checked (--offline)", offline.stdout)
        self.send("--persona", "cfo", "--offline", "--yes", check=2)
        self.assertEqual(len(self.standin.sends()), 0)

    def test_a_cron_run_that_sends_nothing_counts_the_unknown_ones_on_its_last_line(self):
        self.send("--all", "--yes", check=0)
        with sqlite3.connect(self.ledger) as db:  # as a crash mid-request leaves it
            db.execute("UPDATE deliveries SET state = 'unknown' WHERE persona = 'ceo'")
        cron = self.send("--all", "--yes", check=1)
        self.assertEqual(cron.stderr.strip().splitlines()[-1],
                         "briefing: nothing sent, left out: 1 unknown (SES may have them: check "
                         "them, `briefing log --state unknown`); 7 already sent today "
                         "(--include-sent sends them again)")
        self.assertEqual(len(self.standin.sends()), 8)

    def test_a_send_dated_by_now_far_from_the_clock_says_so_before_the_question(self):
        dated = self.send("--persona", "cfo", "--dry-run", "--offline", check=0)
        self.assertIn("Dated:    2026-11-23 (--now or SOURCE_DATE_EPOCH), not today", dated.stdout)
        today = run("send", "--root", self.root, "--ledger", self.ledger, "--persona", "cfo",
                    "--dry-run", "--offline", env=self.env, check=0)
        self.assertNotIn("Dated:", today.stdout)

    def test_a_report_asked_for_again_says_before_the_question_that_it_went_out_today(self):
        first = json.loads(self.send("--persona", "ceo", "--yes", "--json", check=0).stdout)[0]
        again = self.send("--persona", "ceo", "--yes", check=0)
        self.assertRegex(again.stderr, r"\(ceo/portfolio already sent today at \d\d:\d\d( from \S+)? "
                         rf"\(delivery {first['delivery_id']}\): this sends it again\)")
        self.assertLess(again.stderr.index("this sends it again"), again.stderr.index("  sent "))
        resend = run("resend", str(first["delivery_id"]), "--root", self.root, "--ledger",
                     self.ledger, "--yes", env=self.env, check=0)
        self.assertRegex(resend.stderr, rf"delivery {first['delivery_id']} was sent at "
                         r"\d{4}-\d\d-\d\d \d\d:\d\d UTC: this sends it again")
        fresh = self.send("--persona", "cfo", "--yes", check=0)
        self.assertNotIn("this sends it again", fresh.stderr)

    def test_dry_run_applies_the_plan_and_a_second_send_has_nothing_to_send_exit_0(self):
        self.send("--all", "--yes", check=0)
        dry = self.send("--all", "--dry-run", check=0)
        self.assertIn("ceo/portfolio left out: already sent today", dry.stderr)
        self.assertNotIn("8 message(s) built", dry.stdout)
        again = self.send("--all", "--yes", check=0)
        self.assertIn("nothing to send: 8 left out (already sent today; --include-sent sends "
                      "them again)", again.stdout)
        self.assertEqual(len(self.standin.sends()), 8)
        dry_again = self.send("--all", "--dry-run", "--include-sent", "--json", check=0)
        self.assertEqual(len(json.loads(dry_again.stdout)), 8)

    def test_a_test_send_is_shown_as_test_and_never_counts_as_the_report_sent(self):
        self.send("--persona", "cto", "--yes", "--to", "reports@example.com", check=0)
        with sqlite3.connect(self.ledger) as db:  # as the console's `t` records it
            db.execute("UPDATE deliveries SET test = 1, subject = '[TEST] ' || subject")
        log = run("log", "--ledger", self.ledger, env=self.env, check=0)
        self.assertIn("[TEST] cto/portfolio", log.stdout)
        dry = self.send("--all", "--dry-run", "--json", check=0)
        self.assertIn("cto", [r["persona"] for r in json.loads(dry.stdout)])
        self.assertNotIn("left out", dry.stderr)

    def test_message_ids_are_printed_per_report(self):
        result = self.send("--persona", "ceo", "--yes", check=0)
        message_id = self.emulator.store()["emails"][0]["messageId"]
        self.assertIn(f"MessageId {message_id}", result.stderr)

    def test_wrong_secret_exits_4_with_a_readable_message_and_sends_nothing(self):
        result = self.send("--persona", "ceo", "--yes",
                           env={"AWS_SECRET_ACCESS_KEY": "wrong-secret-for-the-test"})
        self.assertEqual(result.returncode, 4, result.stderr)
        self.assertIn("SignatureDoesNotMatch", result.stderr)
        self.assertNotIn("wrong-secret-for-the-test", result.stderr + result.stdout)
        self.assertEqual(self.emulator.store()["emails"], [])

    def test_unverified_sender_is_refused_naming_the_identity(self):
        self.standin.config({"default_identity_status": "Pending", "identities": {}})
        result = self.send("--persona", "ceo", "--yes")
        self.assertEqual(result.returncode, 4, result.stderr)
        self.assertIn("reports@example.com", result.stderr)
        self.assertIn("not verified", result.stderr)
        self.assertEqual(self.standin.sends(), [])

    def test_throttling_twice_then_success_is_sent_after_three_attempts(self):
        self.standin.faults([{"kind": "throttle", "action": "SendRawEmail"},
                             {"kind": "http_503", "action": "SendRawEmail"}])
        result = self.send("--persona", "ceo", "--yes", "--json", check=0)
        self.assertEqual(json.loads(result.stdout)[0]["state"], "sent")
        self.assertEqual(len(self.standin.sends()), 3)
        self.assertEqual(len(self.emulator.store()["emails"]), 1)
        log = json.loads(run("log", "--json", "--ledger", self.ledger, env=self.env, check=0).stdout)
        self.assertEqual(log[0]["attempts"], 3)

    def test_reset_mid_response_is_unknown_and_not_retried(self):
        self.standin.faults([{"kind": "reset_after_read", "action": "SendRawEmail"}])
        result = self.send("--persona", "cfo", "--yes", "--json")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(json.loads(result.stdout)[0]["state"], "unknown")
        self.assertEqual(len(self.standin.sends()), 1)
        self.assertIn("unknown", result.stderr)

    def test_a_retry_waits_for_its_own_slot_under_the_send_rate(self):
        # At 1 message a second, the retry after a throttle is a send like
        # any other: it must not reach SES within a second of the first try.
        self.standin.config({"quota": {"max_send_rate": 1}, "enforce_rate": True})
        self.standin.faults([{"kind": "throttle", "action": "SendRawEmail"}])
        result = self.send("--persona", "ceo", "--yes", "--json", check=0)
        self.assertEqual([r["state"] for r in json.loads(result.stdout)], ["sent"])
        times = sorted(s["time"] for s in self.standin.sends())
        self.assertEqual(len(times), 2)
        gaps = [later - earlier for earlier, later in zip(times, times[1:])]
        self.assertTrue(all(gap >= 1.0 - 0.05 for gap in gaps), gaps)  # 50 ms of loopback jitter

    def test_a_non_ascii_sender_name_reaches_ses_as_an_address_it_accepts(self):
        name = "Équipe Rapports"
        with open(f"{self.root}/repos.env", "a") as f:
            f.write(f'SES_FROM_ADDRESS="{name} <reports@example.com>"\n')
        result = self.send("--persona", "ceo", "--yes", "--json", check=0)
        self.assertEqual(json.loads(result.stdout)[0]["state"], "sent", result.stderr)
        send = self.standin.sends()[0]
        self.assertTrue(send["source"].isascii(), send["source"])
        self.assertIn("reports@example.com", send["source"])
        message = email.message_from_string(send["raw"], policy=email.policy.default)
        self.assertEqual(message["From"].addresses[0].display_name, name)

    def test_daily_quota_stops_the_batch(self):
        # Room for the 8 messages' 16 recipients, but SES says the day's
        # quota is spent at the first (another sender raced it). GetAccount
        # unanswered: the first send goes alone (docs/sending.md, "The
        # first send"), so the stop finds nothing else in flight, though
        # answers take 150 ms.
        self.standin.config({"quota": {"max_24_hour_send": 30, "sent_last_24_hours": 10},
                             "delay_ms": 150})
        self.standin.faults([{"kind": "http_500", "action": "GetAccount"}] * 3 +
                            [{"kind": "daily_quota", "action": "SendRawEmail"}])
        result = self.send("--all", "--yes", "--json")
        self.assertEqual(result.returncode, 4, result.stderr)
        states = [r["state"] for r in json.loads(result.stdout)]
        self.assertEqual(states[0], "failed")
        self.assertEqual(set(states[1:]), {"not-attempted"})  # recorded, with why
        self.assertEqual(len(self.standin.sends()), 1)

    def test_a_reader_that_goes_away_does_not_kill_the_batch(self):
        # `briefing send ... | tee log` where the reader dies (the same Ctrl-C,
        # a closed terminal): every write fails with EPIPE, and the batch
        # still ends and records every report rather than dying by SIGPIPE.
        from support import environment
        import signal
        import subprocess
        reader, writer = os.pipe()
        os.close(reader)  # the reader is gone before the first line
        process = subprocess.run([BRIEFING, "send", "--root", self.root, "--ledger", self.ledger,
                                  "--now", NOW, "--all", "--yes"], env=environment(self.env),
                                 stdout=writer, stderr=writer, stdin=subprocess.DEVNULL,
                                 timeout=120, start_new_session=True)
        os.close(writer)
        self.assertNotEqual(process.returncode, -signal.SIGPIPE)
        self.assertEqual(process.returncode, 0)
        log = run("log", "--ledger", self.ledger, "--json", check=0)
        self.assertEqual([d["state"] for d in json.loads(log.stdout)], ["sent"] * 8)
        self.assertEqual(len(self.standin.sends()), 8)

    def test_an_archive_that_cannot_be_written_closes_the_rows_with_its_path_and_reason(self):
        # The archive's folder under a plain file: mkdir answers ENOTDIR. The
        # ledger is what an auditor reads later: it says why, at once, rather
        # than leaving `pending` for the next run to call "the process stopped".
        blocker = os.path.join(self.dir, "not-a-folder")
        open(blocker, "w").close()
        archive = os.path.join(blocker, "archive")
        result = self.send("--all", "--yes", "--archive", archive, check=3)
        self.assertIn(f"{archive}: cannot create the archive directory: Not a directory",
                      result.stderr)
        self.assertEqual(self.standin.sends(), [])
        with sqlite3.connect(self.ledger) as db:
            rows = db.execute("SELECT persona, state, error_message FROM deliveries").fetchall()
        self.assertEqual(len(rows), 8)
        for persona, state, why in rows:
            self.assertEqual(state, "not-attempted", persona)
            self.assertIn(f"the archive could not be written: {archive}: cannot create the "
                          "archive directory: Not a directory", why)
        log = run("log", "--ledger", self.ledger, check=0)
        self.assertNotIn("interrupted", log.stdout + log.stderr)

    def test_the_first_ctrl_c_says_how_long_the_wait_may_be(self):
        import signal
        import subprocess
        import time
        from support import environment
        self.standin.faults([{"kind": "slow", "action": "SendRawEmail", "seconds": 3}])
        process = subprocess.Popen([BRIEFING, "send", "--root", self.root, "--ledger", self.ledger,
                                    "--now", NOW, "--persona", "cfo", "--yes"],
                                   env=environment(self.env), stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   start_new_session=True)
        try:
            deadline = time.monotonic() + 30
            while not os.path.exists(self.ledger) or not self.ledger_has("sending"):
                self.assertLess(time.monotonic(), deadline)
                time.sleep(0.05)
            time.sleep(0.5)  # committed `sending` just before its request starts
            process.send_signal(signal.SIGINT)
            _, stderr = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
        self.assertIn("stopping: no new message starts; waiting for 1 in flight, up to 30 s "
                      "(SES's answer or the request's time limit); Ctrl-C again quits at once",
                      stderr)
        self.assertIn("  sent ", stderr)  # the one in flight was waited for

    def test_answering_no_sends_nothing_and_exits_0_as_help_says(self):
        import pty
        import select
        from support import environment
        pid, terminal = pty.fork()
        if pid == 0:
            os.execve(BRIEFING, [BRIEFING, "send", "--root", self.root, "--ledger", self.ledger,
                                 "--now", NOW, "--persona", "cfo"], environment(self.env))
        seen = b""
        while b"[y/N] " not in seen:
            ready, _, _ = select.select([terminal], [], [], 30)
            self.assertTrue(ready, seen)
            seen += os.read(terminal, 4096)
        os.write(terminal, b"n\n")
        while True:
            ready, _, _ = select.select([terminal], [], [], 30)
            self.assertTrue(ready, seen)
            try:
                chunk = os.read(terminal, 4096)
            except OSError:  # the child closed it
                break
            if not chunk:
                break
            seen += chunk
        _, status = os.waitpid(pid, 0)
        os.close(terminal)
        self.assertEqual(os.waitstatus_to_exitcode(status), 0, seen.decode(errors="replace"))
        self.assertIn(b"briefing: nothing sent: you answered no", seen)
        self.assertEqual(self.standin.sends(), [])
        usage = run("--help", check=0).stdout
        self.assertIn("0 ok (or a send's question\nanswered no)", usage)
        self.assertIn("5 stats: the account is at risk", usage)

    def ledger_has(self, state):
        with sqlite3.connect(self.ledger) as db:
            try:
                return db.execute("SELECT COUNT(*) FROM deliveries WHERE state = ?",
                                  (state,)).fetchone()[0] > 0
            except sqlite3.OperationalError:  # not made yet
                return False

    def test_quota_too_small_for_the_batch_is_refused_before_sending(self):
        self.standin.config({"quota": {"max_24_hour_send": 10, "sent_last_24_hours": 5}})
        result = self.send("--all", "--yes")
        self.assertEqual(result.returncode, 4, result.stderr)
        self.assertIn("quota", result.stderr)
        self.assertEqual(self.standin.sends(), [])

    def test_the_quota_is_counted_in_recipients_as_ses_counts_it(self):
        # 8 messages, each to one To and the audit Bcc: 16 recipients. 12
        # left is room for the messages but not for what SES will count.
        self.standin.config({"quota": {"max_24_hour_send": 20, "sent_last_24_hours": 8}})
        result = self.send("--all", "--yes", check=4)
        self.assertIn("quota short: 8 messages to 16 recipients but only 12 of 20 left in the "
                      "last 24 hours (SES counts each recipient)", result.stderr)
        self.assertEqual(self.standin.sends(), [])
        self.standin.config({"quota": {"max_24_hour_send": 20, "sent_last_24_hours": 4}})
        self.send("--all", "--yes", check=0)  # 16 left: room for every recipient
        self.assertEqual(len(self.standin.sends()), 8)

    def test_saved_recipients_win_and_an_empty_key_means_nobody(self):
        with open(f"{self.root}/recipients.env", "w") as f:
            f.write("EXEC_REPORT_TO_CEO=board@example.com\nEXEC_REPORT_BCC_CEO=\n")
        result = self.send("--persona", "ceo", "--dry-run", "--json", check=0)
        report = json.loads(result.stdout)[0]
        self.assertEqual((report["to"], report["bcc"]), ("board@example.com", ""))

    def test_dry_run_builds_everything_and_only_asks_ses_read_only_questions(self):
        result = self.send("--all", "--dry-run", check=0)
        self.assertIn("8 message(s) built and valid", result.stdout)
        self.assertEqual(self.standin.sends(), [])
        self.assertNotIn("SendRawEmail", {r["action"] for r in self.standin.requests()})
        self.standin.reset()
        offline = self.send("--all", "--dry-run", "--offline", check=0)
        self.assertIn("8 message(s) built and valid", offline.stdout)
        self.assertEqual(self.standin.requests(), [])

    def test_without_yes_and_without_a_terminal_nothing_is_sent(self):
        result = self.send("--persona", "ceo")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--yes", result.stderr)
        self.assertEqual(self.standin.sends(), [])

    def test_invalid_bcc_is_refused_naming_the_field(self):
        result = self.send("--persona", "ceo", "--yes", "--bcc", "not-an-address")
        self.assertEqual(result.returncode, 2)
        self.assertIn('Bcc: "not-an-address"', result.stderr)
        self.assertEqual(self.standin.requests(), [])

    def test_missing_credentials_exit_3_naming_the_keys(self):
        env = {k: "" for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")}
        result = self.send("--persona", "ceo", "--yes", env=env)
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("SES_ACCESS_KEY_ID", result.stderr)
        # An --env file is the one named, not "repos.env".
        other = os.path.join(self.dir, "nokeys.env")
        os.rename(os.path.join(self.root, "repos.env"), other)
        result = self.send("--persona", "ceo", "--yes", "--env", other, env=env)
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn(f"set SES_ACCESS_KEY_ID and SES_SECRET_ACCESS_KEY in {other};",
                      result.stderr)

    def test_every_command_that_reads_a_secret_warns_when_others_can_read_it(self):
        env_path = f"{self.root}/repos.env"
        with open(env_path, "a") as f:
            f.write("SES_SECRET_ACCESS_KEY=not-a-real-secret-for-the-test\n")
        os.chmod(env_path, 0o644)
        with open(f"{self.root}/recipients.env", "wb") as f:
            f.write(b"EXEC_REPORT_TO_CFO=cfo@example.com\0.attacker.example\n")
        commands = (["send", "--persona", "ceo", "--dry-run"], ["send", "--persona", "ceo", "--yes"],
                    ["stats"], ["render", "--persona", "ceo"], ["list"])
        for command in commands:
            result = run(*command, "--root", self.root, "--ledger", self.ledger, "--now", NOW,
                         env=self.env) if command[0] == "send" else \
                run(*command, "--root", self.root, env=self.env)
            self.assertIn("repos.env: holds a secret and is readable by others", result.stderr, command)
            self.assertIn("recipients.env:1: EXEC_REPORT_TO_CFO: the value holds a NUL byte",
                          result.stderr, command)
            self.assertNotIn("not-a-real-secret", result.stderr + result.stdout)

    def test_plain_http_to_a_remote_host_is_refused(self):
        result = self.send("--persona", "ceo", "--yes", "--endpoint", "http://email.example.com")
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertEqual(self.standin.requests(), [])

    def test_stats_shows_the_numbers_served(self):
        self.standin.config({
            "quota": {"max_24_hour_send": 50000, "max_send_rate": 14, "sent_last_24_hours": 1234},
            "statistics": [
                {"timestamp": "2026-11-22T10:15:00Z", "delivery_attempts": 300, "bounces": 9,
                 "complaints": 1, "rejects": 2},
                {"timestamp": "2026-11-21T08:00:00Z", "delivery_attempts": 100, "bounces": 12,
                 "complaints": 0, "rejects": 0},
            ]})
        doc = json.loads(run("stats", "--root", self.root, "--json", env=self.env, check=0).stdout)
        self.assertEqual(doc["quota"], {"max_24_hour_send": 50000, "max_send_rate": 14,
                                        "sent_last_24_hours": 1234})
        self.assertEqual(doc["totals"]["delivery_attempts"], 400)
        self.assertEqual(doc["totals"]["bounces"], 21)
        self.assertEqual(doc["totals"]["bounce_rate"], 5.25)  # a number: percent
        self.assertEqual(doc["totals"]["bounce_level"], "under review")
        self.assertEqual(doc["totals"]["complaint_rate"], 0.25)
        self.assertEqual([p["timestamp"] for p in doc["datapoints"]],
                         ["2026-11-21T08:00:00Z", "2026-11-22T10:15:00Z"])
        text = run("stats", "--root", self.root, env=self.env, check=0).stdout
        self.assertIn("1234 of 50000", text)


class SampleEnvTest(PeersTestCase):
    """The sample repos.env.example, as scripts/demo uses it: the default
    plan builds and sends all eight reports."""

    def setUp(self):
        super().setUp()
        with open(os.path.join(SAMPLE, "repos.env.example")) as example:
            text = example.read()
        with open(os.path.join(self.root, "repos.env"), "w") as f:
            f.write(text + "\nSES_REGION=us-east-1\n")

    def send(self, *args, check=None):
        return run("send", "--root", self.root, "--ledger", self.ledger, "--now", NOW, *args,
                   env=self.env, check=check)

    def test_sample_env_dry_run_builds_all_eight_reports(self):
        result = self.send("--all", "--dry-run", "--json", check=0)
        self.assertEqual(len(json.loads(result.stdout)), 8, result.stderr)

    def test_sample_env_sends_all_eight_reports_audit_not_bcc_of_its_own(self):
        reports = json.loads(self.send("--all", "--yes", "--json", check=0).stdout)
        self.assertEqual(len(reports), 8)
        self.assertTrue(all(r["state"] == "sent" for r in reports))
        audits = [r for r in reports if r["persona"] == "audit"]
        self.assertTrue(audits)
        self.assertTrue(all(r["to"] == "audit@example.com" and not r["bcc"] for r in audits))


if __name__ == "__main__":
    unittest.main(verbosity=2)
