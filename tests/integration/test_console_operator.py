"""What a first-time operator ran into in the console (docs/console.md),
against the real peers: Ctrl-C while sending and elsewhere, the title and
q/Q once a batch is stopped, resending an `unknown` delivery, the status
line's count of what the plan left out, a display name with a comma, the
MIME boundary of the review against what SES received, and the top bar
with SES out of reach."""
import json
import os
import re
import time
import unittest

from console_tmux import TMUX, Console
from support import PeersTestCase, run

SENDER = "reports@example.com"


@unittest.skipUnless(TMUX, "tmux is not installed")
class ConsoleOperatorTest(PeersTestCase):
    env_values = {"SES_REGION": "us-east-1", "SES_FROM_ADDRESS": SENDER,
                  "EXEC_REPORT_TO": "owner@example.com", "SES_BCC_ADDRESS": "audit@example.com"}

    def console(self, width=120, height=40, env=None):
        console = Console(self.root, width, height, env={**self.env, **(env or {})},
                          args=("--ledger", self.ledger))
        console.wait_for("CEO — Portfolio")
        return console

    def ledger_states(self):
        log = run("log", "--json", "--ledger", self.ledger, env=self.env, check=0).stdout
        return {d["id"]: d["state"] for d in json.loads(log)}

    def wait_exit(self, console, timeout=10.0):
        deadline = time.monotonic() + timeout
        while console.alive():
            self.assertLess(time.monotonic(), deadline, f"still running:\n{console.capture()}")
            time.sleep(0.05)

    def start_send_in_flight(self, console):
        """The CFO report's test send (t), reviewed and confirmed: its one
        request waits on the stand-in's hang fault."""
        console.send("3")
        console.wait_for("CFO — Portfolio")
        console.send("t")
        console.review_all()
        console.send("y")
        console.wait_for(lambda s: re.search(r"sending\s+\[TEST\] cfo/portfolio\s+in flight", s), timeout=20)

    def send_report(self, console, key, title):
        console.review_one((key,), title)
        console.review_all()
        console.send("y")
        screen = console.wait_for(lambda s: re.search(r"Sent \d message\(s\) of 1:", s), timeout=30)
        console.send("q")
        console.wait_for(title)
        return screen

    def test_progress_shows_the_pace_reached_not_the_ceiling_while_ses_is_silent(self):
        """O2: with the one request hanging, nothing was answered: the
        progress says so instead of "14.0 a second"."""
        self.standin.faults([{"kind": "hang", "action": "SendRawEmail", "seconds": 4}])
        with self.console() as console:
            self.start_send_in_flight(console)
            screen = console.wait_for(lambda s: re.search(r"0 done in \d+\.\d s", s))
            self.assertNotRegex(screen, r"\d+\.\d a second, SES allows")
            self.assertIn("SES allows 14 a second", screen)
            screen = console.wait_for("Sent 0 message(s) of 1:", timeout=30)  # the hang: unknown
            self.assertRegex(screen, r"1 done in \d+\.\d s, SES allows 14 a second")

    def test_ctrl_c_while_sending_stops_as_esc_and_the_title_says_what_it_waits_for(self):
        self.standin.faults([{"kind": "hang", "action": "SendRawEmail", "seconds": 4}])
        with self.console() as console:
            self.start_send_in_flight(console)
            console.send("C-c")
            screen = console.wait_for("Stopping: waiting for 1 in flight (up to 30 s)")
            self.assertNotIn("Esc stops", screen)
            console.send("q")
            console.wait_for("Ctrl-C again quits at once")
            console.send("Q")
            console.wait_for("Ctrl-C again quits at once")
            # The hang ends (the stand-in closes): the stop completes, recorded.
            screen = console.wait_for("Sent 0 message(s) of 1:", timeout=30)
            self.assertRegex(screen, r"unknown\s+\[TEST\] cfo/portfolio\s+unknown: SendRawEmail")
            self.assertTrue(console.alive())
        states = self.ledger_states()
        self.assertEqual(len(states), 1)
        self.assertIn(list(states.values())[0], ("unknown", "failed"))

    def test_a_second_ctrl_c_quits_at_once_and_says_what_was_in_flight(self):
        self.standin.faults([{"kind": "hang", "action": "SendRawEmail", "seconds": 60}])
        console = self.console()
        try:
            self.start_send_in_flight(console)
            console.send("C-c")
            console.wait_for("Stopping: waiting for 1 in flight")
            started = time.monotonic()
            console.send("C-c")
            self.wait_exit(console)
            self.assertLess(time.monotonic() - started, 10)  # not the 30 s time limit
            self.assertIn("stopped at once: 1 message(s) in flight read as unknown",
                          console.stderr())
        finally:
            console.close()
        self.assertEqual(list(self.ledger_states().values()), ["unknown"])  # repaired, not sending

    def test_ctrl_c_asks_while_messages_wait_and_quits_when_none_do(self):
        console = self.console()
        try:
            console.send("3", "s")
            console.wait_for("Recipients of 1 message(s)")
            console.send("C-c")
            console.wait_for("Quit and drop the 1 message not sent")
            self.assertTrue(console.alive())
            console.send("C-c")  # the second: yes
            self.wait_exit(console)
        finally:
            console.close()
        console = self.console()
        try:
            console.send("C-c")
            self.wait_exit(console)
        finally:
            console.close()
        self.assertEqual(self.standin.sends(), [])

    def test_q_and_Q_ask_before_dropping_marked_reports(self):
        console = self.console()
        try:
            console.send("a")
            console.wait_for("8 marked")
            console.send("Q")
            console.wait_for("Quit and drop the 8 marked reports, not sent? (y/n)")
            console.send("n")
            console.wait_for("8 marked")
            self.assertTrue(console.alive())
            console.send("q")
            console.wait_for("Quit and drop the 8 marked reports, not sent? (y/n)")
            console.send("y")
            self.wait_exit(console)
        finally:
            console.close()
        self.assertEqual(self.standin.sends(), [])

    def test_a_row_sending_in_another_process_is_read_again_until_it_ends(self):
        import subprocess
        from support import BRIEFING, environment
        self.standin.faults([{"kind": "slow", "action": "SendRawEmail", "seconds": 8}])
        with self.console() as console:
            cli = subprocess.Popen([BRIEFING, "send", "--root", self.root, "--ledger", self.ledger,
                                    "--persona", "cfo", "--yes"], env=environment(self.env),
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
            try:
                # R reads the rows once (two moves in one go could be drawn as
                # none); no key after that. The bound is how long the other
                # process may take to start on a loaded machine, not a
                # performance target (a CI run beside other builds needed
                # more than 20 s once).
                deadline = time.monotonic() + 60
                while "sending" not in self.ledger_states().values():
                    self.assertLess(time.monotonic(), deadline)
                    time.sleep(0.05)
                console.send("R")
                console.wait_for(lambda s: re.search(r"3 CFO .* sending", s))
                self.assertEqual(cli.wait(timeout=60), 0)
            finally:
                if cli.poll() is None:
                    cli.kill()
            console.wait_for(lambda s: re.search(r"3 CFO .* sent \d\d:\d\d", s), timeout=10)

    def test_recipients_env_changed_under_an_open_review_says_the_form_keeps_its_own(self):
        with self.console() as console:
            console.review_one(("4",), "CMO — Portfolio")
            console.wait_for("Message 1 of 1", timeout=20)
            with open(os.path.join(self.root, "recipients.env"), "a") as f:
                f.write('EXEC_REPORT_TO_CMO="newcmo@example.com"\n')
            screen = console.wait_for("the configured recipients changed", timeout=20)
            self.assertIn("the form keeps those shown for 1 message (q, then s, takes the new "
                          "ones)", " ".join(screen.split()))
            self.assertRegex(screen, r"To +owner@example.com")
            console.send("q", "q")
            console.wait_for("nothing sent")
            console.send("s")
            console.wait_for("Recipients of 1 message(s)")
            console.wait_for("newcmo@example.com")

    def test_unknown_deliveries_are_counted_when_left_out_and_asked_about_on_resend(self):
        with self.console() as console:
            self.send_report(console, "1", "CEO — Portfolio")  # delivery 1: sent
            self.standin.faults([{"kind": "reset_after_read", "action": "SendRawEmail"}])
            screen = self.send_report(console, "3", "CFO — Portfolio")  # delivery 2: unknown
            self.assertIn("1 unknown", screen)
            console.send("1", "Space", "3", "Space")
            console.wait_for("2 marked")
            console.send("s")
            console.wait_for("already sent today at")
            console.send("n")
            console.wait_for("left out 1 sent today and 1 unknown (H shows them)")
            console.send("H")
            console.wait_for("Delivery history — 2 deliveries")
            console.send("r")  # the top row: delivery 2, unknown
            console.wait_for("delivery 2 is unknown: SES may already have sent it — check first. "
                             "Resend anyway? (y/n)")
            console.send("y")
            console.wait_for("Recipients of 1 message(s)")
            console.send("y")
            console.wait_for("delivery 2 is unknown: SES may already have sent it — resend only "
                             "if it never arrived", timeout=20)
            console.send("q", "q")
            console.wait_for("Delivery history")
        self.assertEqual(len(self.standin.sends()), 2)  # the resend was not sent

    def test_an_unknown_delivery_resent_reads_resent_as_in_the_history(self):
        with self.console() as console:
            self.standin.faults([{"kind": "reset_after_read", "action": "SendRawEmail"}])
            self.send_report(console, "3", "CFO — Portfolio")  # delivery 1: unknown
            console.send("H")
            console.wait_for("Delivery 1 is unknown: SES may have sent it")
            console.send("r")
            console.wait_for("Resend anyway? (y/n)")
            console.send("y")
            console.wait_for("Recipients of 1 message(s)")
            console.send("y")
            console.review_all()
            console.send("y")
            console.wait_for("Sent 1 message(s) of 1:", timeout=30)
            console.send("q")
            screen = console.wait_for(lambda s: re.search(
                r"^ 1 .* unknown .*resent as 2 \(sent\)$", s, re.M))
            self.assertRegex(screen, r"Delivery 1 is unknown and was resent as 2 \(sent, "
                             r"\d{4}-\d\d-\d\d \d\d:\d\d UTC\): r would send another copy")
            self.assertNotIn("unknown deliver", screen)  # none left to check
            console.send("r")
            console.wait_for("delivery 1 was resent as 2 (sent,")
            console.wait_for("— this sends another copy. Resend anyway? (y/n)")
            console.send("n")
        self.assertEqual(len(self.standin.sends()), 2)

    def test_at_80_columns_a_resend_still_says_resend_in_the_history(self):
        with self.console(80, 24) as console:
            self.send_report(console, "4", "CMO — Portfolio")  # delivery 1
            console.send("H")
            console.wait_for("Delivery history — 1 delivery")
            console.send("r")
            console.wait_for("already delivered at")
            console.send("y")
            console.wait_for("Recipients of 1 message(s)")
            console.send("y")
            console.review_all()
            console.send("y")
            console.wait_for("Sent 1 message(s) of 1:", timeout=30)
            console.send("q")
            screen = console.wait_for("Delivery history — 2 deliveries")
            row = next(line for line in screen.splitlines() if line.startswith(" 2 "))
            self.assertRegex(row, r" cmo/portf\S*… \(resend\) ")

    def test_the_message_log_title_counts_messages_not_wrapped_lines(self):
        with self.console(80, 24) as console:
            console.send("M")
            screen = console.wait_for(lambda s: re.search(
                r"Messages, newest first — (\d+) messages? · lines 1-(\d+) of (\d+)", s))
            counted, _, lines = re.search(
                r"Messages, newest first — (\d+) messages? · lines 1-(\d+) of (\d+)",
                screen).groups()
            stamped = re.findall(r"^ \d\d:\d\d:\d\d  ", screen, re.M)
            self.assertEqual(int(counted), len(stamped), screen)
            self.assertGreater(int(lines), len(stamped), screen)  # the diagnostic wraps at 80
            console.send("q")

    def test_a_display_name_with_a_comma_must_be_quoted_and_reads_back_quoted(self):
        with self.console() as console:
            console.send("3", "s")
            console.wait_for("Recipients of 1 message(s)")
            console.send("Enter", "C-u")
            console.type("Zoë Müller, CFO <cfo@example.com>")
            console.send("Enter")
            screen = console.wait_for("must be quoted")
            self.assertIn('To: "Zoë Müller" is not an address (no @): a display name with a '
                          'comma must be quoted', screen.replace("\n", ""))
            self.assertNotIn("punycode", screen)
            console.send("Enter", "C-u")
            console.type('"Müller, Zoë" <cfo@example.com>')
            console.send("Enter")
            console.wait_for("message rebuilt")
            console.send("y")
            screen = console.wait_for("Message 1 of 1", timeout=20)
            self.assertRegex(screen, r'To +"Müller, Zoë" <cfo@example.com>')
            console.send("q", "q")
            console.wait_for("nothing sent")

    def test_the_boundary_reviewed_is_the_boundary_sent(self):
        with self.console() as console:
            console.review_one(("3",), "CFO — Portfolio")
            console.review_all()
            console.send("Enter")
            screen = console.wait_for(lambda s: re.search(r'boundary="(=_briefing_\w+)"', s))
            reviewed = re.search(r'boundary="(=_briefing_\w+)"', screen).group(1)
            console.send("q")
            console.wait_for("y sends now")
            console.send("y")
            console.wait_for("Sent 1 message(s) of 1:", timeout=30)
        raw = self.standin.sends()[0]["raw"]
        self.assertIn(f'boundary="{reviewed}"', raw)
        self.assertIn(f"--{reviewed}--", raw)

    def test_at_80_columns_a_message_id_is_not_cut_for_a_long_name_on_another_row(self):
        with self.console(80, 24) as console:
            console.send_the_plan()
            screen = console.wait_for("Sent 8 message(s) of 8:", timeout=60)
            stored = {e["messageId"] for e in self.emulator.store()["emails"]}
            # Every row's id whole, the longest report's (audit/
            # dangerouscentaur-client-portfolio) too: with or without its
            # label, on its row or the line below.
            shown = re.findall(r"^\s+sent\s+(\w+/[\w-]+)\s+(?:MessageId )?(\S*)\n"
                               r"(?:\s+MessageId (\S+)\n)?", screen, re.M)
            self.assertEqual(len(shown), 8, screen)
            for target, on_row, below in shown:
                shown_id = on_row or below
                self.assertIn(shown_id, stored, f"{target}: {shown_id!r} cut\n{screen}")

    def test_audit_on_the_portfolio_says_to_pick_an_entity_in_plain_words(self):
        with self.console(80, 24) as console:
            console.send("6")
            screen = console.wait_for("Audit takes one entity")
            self.assertNotIn("audit: needs", screen)
            self.assertIn("pick one in the", screen)  # wrapped between words, if at all

    def test_started_outside_a_portfolio_it_says_so_as_list_does(self):
        empty = os.path.join(self.dir, "not-a-portfolio")
        os.makedirs(empty)
        listed = run("list", "--root", empty, env=self.env, check=2)
        self.assertIn("is --root the portfolio folder?", listed.stderr)
        with Console(empty, 80, 24, env=self.env, args=("--ledger", self.ledger)) as console:
            screen = console.wait_for("the portfolio folder?")
            self.assertIn("No CEO report for portfolio: no handoffs in", screen)
            self.assertIn("nothing to report on", screen)
            self.assertIn("Portfolio (no handoffs)", screen)
            self.assertNotIn("ancillary", screen)
            console.send("s")
            screen = console.wait_for("nothing to send")
            self.assertNotIn("ancillary", screen)

    def test_the_top_bar_names_the_endpoint_in_the_room_left(self):
        with self.console(120, 40) as console:
            screen = console.wait_for(lambda s: re.search(r"quota \d+ of \d+ left", s))
            host = self.standin.url.split("://", 1)[1]
            self.assertRegex(screen.splitlines()[0], r"│ us-east-1 │ " + re.escape(host[:4]))

    def test_with_ses_out_of_reach_the_top_bar_keeps_the_sender_and_region(self):
        env = {"AWS_ENDPOINT_URL_SES": "http://127.0.0.1:9"}  # nothing listens: refused
        with self.console(80, 24, env=env) as console:
            screen = console.wait_for(lambda s: "(unavailable)" in s.splitlines()[0], timeout=20)
            top = screen.splitlines()[0]
            self.assertIn(f" {SENDER} (unavailable) │ us-east-1", top)
            self.assertNotIn("connection", top)  # the reason is in M's log, whole
            console.send("M")
            console.wait_for(lambda s: re.search(r"SES account check: unavailable: \S", s))
            console.send("q", "3", "s")
            console.wait_for("Recipients of 1 message(s)")
            console.send("y")
            screen = console.wait_for("SES did not answer: check the network and the endpoint",
                                      timeout=30)
            # Wrapped warnings break between words: every SES call named
            # reads whole once the lines are joined with the space a wrap took.
            joined = " ".join(line.strip() for line in screen.splitlines())
            calls = set(re.findall(r"\bGet[A-Za-z]*", joined))
            self.assertTrue(calls, screen)
            self.assertLessEqual(calls, {"GetAccount", "GetSendQuota",
                                         "GetIdentityVerificationAttributes", "GetSuppressedDestination"}, screen)
            # q is refused while a check still retries ("still checking with SES…", by design:
            # the review never closes under a check in flight); under ASan on a loaded machine
            # the last retry can outlast the warning, so q is pressed again until it goes back
            deadline = time.monotonic() + 60
            while True:
                console.send("q")
                screen = console.wait_for(lambda s: "Recipients of 1 message(s)" in s
                                          or "still checking with SES" in s)
                if "Recipients of 1 message(s)" in screen:
                    break
                self.assertLess(time.monotonic(), deadline, screen)
                time.sleep(1)
            console.send("q")
            console.wait_for("nothing sent")


if __name__ == "__main__":
    unittest.main(verbosity=2)
