"""The console's second half against the real peers (the aws-ses-v2-local
emulator behind the SigV4-checking stand-in): the top bar's account state,
the recipients form, confirming and sending marked reports, resending from
the history, and the statistics view."""
import email
import os
import re
import time
import unittest

from console_tmux import TMUX, Console
from support import PeersTestCase, write_env

SENDER = "reports@example.com"


@unittest.skipUnless(TMUX, "tmux is not installed")
class ConsoleSendingTest(PeersTestCase):
    env_values = {"SES_REGION": "us-east-1", "SES_FROM_ADDRESS": SENDER,
                  "EXEC_REPORT_TO": "owner@example.com", "SES_BCC_ADDRESS": "audit@example.com"}

    def console(self):
        console = Console(self.root, env=self.env)
        console.wait_for("CEO — Portfolio")
        return console

    def stored_ids(self):
        return sorted(e["messageId"] for e in self.emulator.store()["emails"])

    def send_marked(self, console, count):
        console.send("s")
        console.wait_for(f"Recipients of {count} message(s)")
        console.send("y")
        console.wait_for("y sends now")
        console.send("y")
        return console.wait_for(f"Sent {count} message(s)", timeout=30)

    def test_top_bar_shows_the_verified_sender_and_the_quota_left(self):
        with self.console() as console:
            screen = console.wait_for(lambda s: re.search(r"quota \d+ of \d+ left", s))
            self.assertIn(f"{SENDER} (verified)", screen)

    def test_an_invalid_bcc_is_refused_until_fixed_and_nothing_is_sent(self):
        with self.console() as console:
            console.send("3", "Space", "s")
            console.wait_for("Recipients of 1 message(s)")
            console.send("j", "j", "Enter", "C-u")
            console.type("not an address")
            console.send("Enter")
            console.wait_for('Bcc: "not an address"')
            console.send("y")
            console.wait_for("cannot be built")
            console.send("Enter", "C-u")
            console.type("records@example.com")
            console.send("Enter")
            screen = console.wait_for("message rebuilt")
            self.assertNotIn("bcc[0]", screen)
            self.assertIn("records@example.com", screen)
            console.send("y")
            console.wait_for("y sends now")
            console.send("q")
            console.wait_for("Recipients of 1 message(s)")
            console.send("q")
            console.wait_for("nothing sent")
        self.assertEqual(self.stored_ids(), [])

    def test_a_saved_bcc_is_in_the_form_after_a_restart(self):
        with self.console() as console:
            console.send("3", "s")
            console.wait_for("Recipients of 1 message(s)")
            console.send("j", "j", "Enter", "C-u")
            console.type("records@example.com")
            console.send("Enter")
            console.wait_for("message rebuilt")
            console.send("w")
            screen = console.wait_for("recipients.env")
            self.assertIn(f"saved 1 persona(s)' recipients to {self.root}/recipients.env", screen)
            console.send("q")
            console.wait_for("nothing sent")
        path = os.path.join(self.root, "recipients.env")
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o600)
        with open(path) as saved:
            self.assertIn('EXEC_REPORT_BCC_CFO="records@example.com"', saved.read())
        with self.console() as console:
            console.send("3", "s")
            screen = console.wait_for("Recipients of 1 message(s)")
            self.assertIn("records@example.com", screen)
            self.assertNotIn("audit@example.com", screen)
            console.send("q")
        self.assertEqual(self.stored_ids(), [])

    def test_a_applies_one_reports_recipients_to_every_marked_report(self):
        with self.console() as console:
            console.send("3", "Space", "1", "Space")
            console.wait_for("2 marked")
            console.send("s")
            console.wait_for("Recipients of 2 message(s)")
            console.send("j", "Enter", "C-u")
            console.type("board@example.com")
            console.send("Enter")
            console.wait_for("message rebuilt")
            console.send("a")
            screen = console.wait_for("now go to the recipients of")
            self.assertEqual(screen.count("board@example.com"), 2)
            console.send("y")
            console.wait_for("y sends now")
            console.send("y")
            console.wait_for("Sent 2 message(s)", timeout=30)
        for send in self.standin.sends():
            self.assertIn("board@example.com", send["destinations"])

    def test_two_marked_reports_are_sent_and_their_message_ids_shown(self):
        with self.console() as console:
            console.send("3", "Space", "1", "Space")
            console.wait_for("2 marked")
            screen = self.send_marked(console, 2)
            shown = sorted(re.findall(r"MessageId (\S+)", screen))
            self.assertEqual(len(shown), 2)
            self.assertEqual(shown, self.stored_ids())
            console.send("Escape")
            console.wait_for("0 marked")

    def test_the_confirmation_says_which_credentials_sign_never_the_secret(self):
        with self.console() as console:
            console.send("3", "Space")
            console.wait_for("1 marked")
            console.send("s")
            console.wait_for("Recipients of 1 message(s)")
            console.send("y")
            screen = console.wait_for("y sends now")
            self.assertRegex(screen, r"Credentials +the environment")
            self.assertNotIn(self.standin.secret, screen)

    def test_esc_stops_a_batch_after_the_message_in_flight(self):
        self.standin.faults([{"kind": "slow", "action": "SendRawEmail", "seconds": 0.7}] * 8)
        with self.console() as console:
            console.send("a")
            console.wait_for("8 marked")
            console.send("s")
            console.wait_for("Recipients of 8 message(s)")
            console.send("y")
            console.wait_for("y sends now")
            console.send("y")
            console.wait_for("Esc stops after the message in flight")
            console.send("Escape")
            screen = console.wait_for("(stopped)", timeout=30)
            sent = len(re.findall(r"MessageId \S+", screen))
            self.assertGreaterEqual(sent, 1)
            self.assertLess(sent, 8)
            self.assertIn("skipped", screen)
            self.assertEqual(len(self.stored_ids()), sent)

    def test_a_delivery_resent_from_the_history_adds_exactly_one_message(self):
        with self.console() as console:
            console.send("3", "Space")
            self.send_marked(console, 1)
            self.assertEqual(len(self.stored_ids()), 1)
            console.send("q")
            console.wait_for("Entities")
            console.send("H")
            console.wait_for("Delivery history — 1 delivery,")
            console.send("r")
            console.wait_for("cfo/portfolio resend (")
            console.send("y")
            console.wait_for("y sends now")
            console.send("y")
            console.wait_for("Sent 1 message(s)", timeout=30)
            self.assertEqual(len(self.stored_ids()), 2)
            console.send("q", "H")
            console.wait_for("Delivery history — 2 deliveries,")

    def test_t_sends_a_test_to_the_sender_only_after_confirmation(self):
        with self.console() as console:
            console.send("3", "t")
            screen = console.wait_for("y sends the test now", timeout=20)
            self.assertIn(f"Send a test of this report to {SENDER} only?", screen)
            self.assertEqual(self.stored_ids(), [])  # nothing leaves before y
            console.send("y")
            console.wait_for("Sent 1 message(s)", timeout=30)
            console.send("q", "H")
            console.wait_for("Delivery history — 1 delivery,")
        stored = self.emulator.store()["emails"]
        self.assertEqual(len(stored), 1)
        sends = self.standin.sends()
        self.assertEqual(len(sends), 1)
        self.assertEqual(sends[0]["destinations"], [SENDER])  # not owner@ nor the audit Bcc
        message = email.message_from_string(sends[0]["raw"])
        self.assertEqual(message["To"], SENDER)
        self.assertIsNone(message["Cc"])

    def test_t_without_a_sender_address_says_which_key_to_set(self):
        write_env(self.root, SES_REGION="us-east-1", EXEC_REPORT_TO="owner@example.com")
        with self.console() as console:
            console.send("t")
            console.wait_for("no test sent: set SES_FROM_ADDRESS")
        self.assertEqual(self.standin.sends(), [])

    def test_q_on_a_test_confirmation_sends_nothing(self):
        with self.console() as console:
            console.send("t")
            console.wait_for("y sends the test now", timeout=20)
            console.send("q")
            console.wait_for("no test sent")
        self.assertEqual(self.stored_ids(), [])

    def test_history_filters_by_state_and_persona_and_explains_unknown(self):
        self.standin.faults([{"kind": "reset_after_read", "action": "SendRawEmail"}])
        with self.console() as console:
            console.send("3", "Space", "1", "Space")
            console.wait_for("2 marked")
            console.send("s")
            console.wait_for("Recipients of 2 message(s)")
            console.send("y")
            console.wait_for("y sends now")
            console.send("y")
            console.wait_for("1 unknown", timeout=30)
            console.send("q", "H")
            # Wait for the last thing the view draws, not its title: a capture
            # may land in the middle of a redraw.
            screen = console.wait_for(lambda screen: "Delivery history — 2 deliveries," in screen
                                      and "1 unknown delivery (highlighted)" in screen)
            styled = console.capture(escapes=True).splitlines()
            def style_before(word):  # the last colour change before `word` on its line
                line = next(line for line in styled if word in line)
                last_run = re.findall(r"(?:\x1b\[[0-9;]*m)+", line[:line.index(word)])[-1]
                return set(re.findall(r"\x1b\[[0-9;]*m", last_run))
            advice = style_before("1 unknown delivery")
            self.assertTrue(advice)
            self.assertLessEqual(advice, style_before("cfo/portfolio"))  # the warning style
            console.send("s")
            screen = console.wait_for("state unknown")
            self.assertIn("1 delivery,", screen)
            self.assertNotIn("ceo/portfolio", screen)
            self.assertIn("is unknown: SES may have sent it", screen)
            self.assertIn("if it never arrived, r resends it.", screen)
            console.send("c", "p")
            screen = console.wait_for("persona ceo · state any")
            self.assertIn("1 delivery,", screen)
            self.assertIn("ceo/portfolio", screen)
            self.assertNotIn("cfo/portfolio", screen)
            self.assertNotIn("unknown deliver", screen)
            console.send("?")
            help_screen = console.wait_for("filter: next persona")
            self.assertIn("filter: next state", help_screen)

    def test_statistics_view_shows_the_stand_in_numbers(self):
        now = time.time()
        points = [{"timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now - hours * 3600)),
                   "delivery_attempts": attempts, "bounces": bounces, "complaints": 0, "rejects": 1}
                  for hours, attempts, bounces in ((30, 25, 1), (5, 15, 1))]
        self.standin.config({"quota": {"max_24_hour_send": 200, "max_send_rate": 3,
                                       "sent_last_24_hours": 17},
                             "statistics": points})
        with self.console() as console:
            console.send("S")
            screen = console.wait_for("delivery attempts", timeout=20)
            self.assertIn("17 of 200 sent, 183 left", screen)
            self.assertIn("40 delivery attempts · 2 rejects · 2 datapoints", screen)
            self.assertIn("2 bounces, 5.00%", screen)
            self.assertIn("█", screen)


if __name__ == "__main__":
    unittest.main()
