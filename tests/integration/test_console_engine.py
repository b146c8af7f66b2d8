"""The engine's rules as the console shows them (tmux, against the stand-in
in front of the emulator): what SES cannot confirm is refused until the
operator allows it with U and then says y, a stopped batch leaves every
report in the ledger, and a console open across midnight builds its
reports again with the new date."""
import email
import os
import re
import sqlite3
import subprocess
import time
import unittest
from datetime import datetime, timezone

from console_tmux import PACED, TMUX, Console, text_part
from support import PeersTestCase

IDENTITY_DOWN = [{"kind": "http_500", "action": "GetIdentityVerificationAttributes"}] * 9


@unittest.skipUnless(TMUX, "tmux is not installed")
class ConsoleEngineTest(PeersTestCase):
    env_values = {"SES_REGION": "us-east-1", "SES_FROM_ADDRESS": "reports@example.com",
                  "EXEC_REPORT_TO": "owner@example.com", "SES_BCC_ADDRESS": "audit@example.com"}

    def console(self):
        console = Console(self.root, env=self.env, args=("--ledger", self.ledger))
        console.wait_for("quota 50000 of 50000 left")  # the start-up check is done
        return console

    def test_an_unconfirmed_sender_is_refused_until_u_allows_it_and_y_sends(self):
        with self.console() as console:
            self.standin.faults(IDENTITY_DOWN)
            console.send("3", "Space", "s")
            console.wait_for("Recipients of 1 message(s)")
            console.send("y")
            console.wait_for("U allows sending without that check", timeout=30)
            console.send("y")
            console.wait_for("(U allows it)")
            self.assertEqual(self.standin.sends(), [])
            console.send("U")
            console.wait_for("y sends now", timeout=30)
            self.assertEqual(self.standin.sends(), [])  # U alone sends nothing
            console.send("y")
            console.wait_for("Sent 1 message(s)", timeout=30)
        self.assertEqual(len(self.standin.sends()), 1)

    def test_a_batch_stopped_with_esc_leaves_every_report_in_the_ledger(self):
        self.standin.faults([{"kind": "slow", "action": "SendRawEmail", "seconds": 1}] * 8)
        self.standin.config(PACED)
        with self.console() as console:
            console.send_the_plan()
            console.wait_for("Esc stops; those in flight finish")
            # Esc once the first send is at SES (answered in 1 s): it is in
            # flight, so it finishes, on a loaded machine too (CI at load 25
            # pressed Esc before it left: nothing was sent).
            deadline = time.monotonic() + 30
            while not any(r["action"] == "SendRawEmail" for r in self.standin.requests()):
                self.assertLess(time.monotonic(), deadline, "no SendRawEmail reached SES")
                time.sleep(0.05)
            console.send("Escape")
            console.wait_for("(stopped)", timeout=30)
            sent = len(self.standin.sends())
            console.send("Escape")  # closes: the reports not sent keep their marks
            screen = console.wait_for("Entities")
            self.assertIn(f" {8 - sent} marked", screen)
            self.assertIn(f"{8 - sent} reports not sent still marked", screen)
            console.send("1")  # the CEO report went out first: unmarked
            screen = console.wait_for("CEO — Portfolio")
            self.assertRegex(screen, r"\n  1 CEO .*sent \d\d:\d\d")
            # The CTO's went beside it when its start came before Esc (the
            # first send need not go alone, docs/sending.md): marked only
            # when it was not sent.
            with sqlite3.connect(self.ledger) as db:
                (cto,) = db.execute("SELECT state FROM deliveries WHERE persona = 'cto' "
                                    "AND scope = 'portfolio'").fetchone()
            self.assertRegex(screen, r"\n  2 CTO .*sent \d\d:\d\d" if cto == "sent"
                             else r"\n\* 2 CTO")
            # r on a report that never left builds it from today's data
            # (the CLI's `resend --failed` rule), no "--regenerate" needed.
            console.send("H")
            console.wait_for("Delivery history — 8 deliveries")
            console.send("r")
            screen = console.wait_for("Recipients of 1 message(s)")
            self.assertIn("delivery 8 (not-attempted) was never sent: built from today's data", screen)
            self.assertNotIn("--regenerate", screen)
            console.send_from_form()
        with sqlite3.connect(self.ledger) as db:
            # The batch's eight; the ninth is the resend of delivery 8.
            states = [s for (s,) in db.execute("SELECT state FROM deliveries WHERE id <= 8 ORDER BY id")]
            reasons = {r for (r,) in db.execute(
                "SELECT error_message FROM deliveries WHERE state = 'not-attempted'")}
            resend = db.execute("SELECT resend_of, state FROM deliveries WHERE id = 9").fetchone()
        self.assertEqual(len(states), 8)
        self.assertIn("not-attempted", states)
        self.assertEqual(reasons, {"stopped by the operator before it was sent"})
        self.assertEqual(states.count("sent") + 1, len(self.standin.sends()))
        self.assertEqual(resend, (8, "sent"))

    def test_a_report_sent_today_is_asked_about_once_and_sent_again_on_y(self):
        with self.console() as console:
            console.send("3", "s")
            console.wait_for("Recipients of 1 message(s)")
            console.send_from_form()
            console.send("q")
            console.wait_for("CFO — Portfolio")
            console.send("s")  # the engine's plan leaves it out unless asked
            screen = console.wait_for(lambda s: re.search(
                r"cfo/portfolio already sent today at \d\d:\d\d — send again\? \(y/n\)", s))
            self.assertNotIn("--include-sent", screen)
            console.send("n")
            console.wait_for("left out 1 report already sent today")
            self.assertEqual(len(self.standin.sends()), 1)
            console.send("s")
            console.wait_for("— send again? (y/n)")
            console.send("y")
            console.wait_for("Recipients of 1 message(s)")
            console.send_from_form()
        self.assertEqual(len(self.standin.sends()), 2)
        with sqlite3.connect(self.ledger) as db:
            rows = db.execute("SELECT persona, scope, state FROM deliveries ORDER BY id").fetchall()
        self.assertEqual(rows, [("cfo", "portfolio", "sent")] * 2)

    def set_clock(self, path, at):
        """The console's test clock (BRIEFING_TEST_CLOCK_FILE) to `at` now:
        the offset written to a new file renamed over it, never half seen."""
        with open(path + ".new", "w") as f:
            f.write(f"{int(at - time.time())}\n")
        os.replace(path + ".new", path)

    def test_a_review_open_across_midnight_is_built_again_with_the_new_date(self):
        # The console's clock (BRIEFING_TEST_CLOCK_FILE, test-only) starts an
        # hour before a UTC midnight; once the review is open on the 7th the
        # test moves it past midnight, and the message goes out on the 8th,
        # dated the 8th throughout.
        midnight = datetime(2026, 12, 8, tzinfo=timezone.utc).timestamp()
        clock = os.path.join(self.dir, "clock")
        self.set_clock(clock, midnight - 3600)
        env = {**self.env, "TZ": "UTC", "BRIEFING_TEST_CLOCK_FILE": clock}
        with Console(self.root, env=env, args=("--ledger", self.ledger)) as console:
            console.wait_for("quota 50000 of 50000 left")
            console.send("3")
            console.wait_for("CFO — Portfolio")
            console.wait_for("· 2026-12-07")  # the report's date, in its heading
            console.send("s")
            console.wait_for("Recipients of 1 message(s)")
            console.send("y")
            console.wait_for("y sends now", timeout=20)
            self.set_clock(clock, midnight + 1)
            console.wait_for("a new day began: 1 message was built again", timeout=20)
            screen = console.wait_for("message 1 was rebuilt from changed data", timeout=20)
            console.send("y")  # not yet: the rebuilt message was not read
            console.wait_for("not sent: the data changed since you looked")
            console.read_rebuilt_and_send()
            console.send("q")
            console.wait_for("· 2026-12-08")  # the preview follows the day too
        raw = self.standin.sends()[0]["raw"]
        self.assertRegex(email.message_from_string(raw)["Date"], r"^Tue, 0?8 Dec 2026 00:")
        body = text_part(raw)
        self.assertIn("2026-12-08", body)
        self.assertNotIn("2026-12-07", body)

    def test_d_in_the_review_shows_the_figures_that_moved_since_the_last_send(self):
        handoff = os.path.join(self.root, "agent_handoffs", "projects", "3028-51st-st-rental.md")
        with self.console() as console:
            console.review_one(("j", "j", "j", "j", "j", "3"), "CFO — 3028 51st St Rental")
            console.wait_for("y sends now", timeout=20)
            console.send("d")  # nothing went out yet: nothing to compare with
            console.wait_for("nothing to compare: cfo/3028-51st-st-rental has no sent version")
            console.send("y")
            console.wait_for("Sent 1 message(s) of 1:", timeout=30)
            console.send("q")
            subprocess.run(["sed", "-i", "s|\\$145/night|$199/night|", handoff], check=True)
            console.wait_for("reloaded:")
            console.send("s")
            console.wait_for("— send again? (y/n)")
            console.send("y")
            console.wait_for("Recipients of 1 message(s)")
            console.send("y")
            console.wait_for("y sends now", timeout=20)
            console.send("d")
            screen = console.wait_for("what changed since it was last sent")
            self.assertIn("Figures that moved since delivery 1 (sent ", screen)
            self.assertRegex(screen, r"▸ .*\$3,190/month → \$4,378/month")
            self.assertIn("--- cfo/3028-51st-st-rental sent ", screen)
            self.assertIn("+++ this message", screen)
            # The figure that moved is highlighted: not in the body's colour.
            coloured = console.capture(escapes=True)
            moved = next(line for line in coloured.splitlines() if "→ $4,378" in line)
            body = next(line for line in coloured.splitlines() if "+++ this message" in line)
            self.assertNotEqual(moved[:moved.index("▸")], body[:body.index("+++")])
            console.send("q")
            console.wait_for("y sends now")
            console.send("q", "q")
            console.wait_for("nothing sent")
        self.assertEqual(len(self.standin.sends()), 1)  # d sends nothing


if __name__ == "__main__":
    unittest.main(verbosity=2)
