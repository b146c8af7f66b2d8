"""The console at the documented minimum, 80×24 (and at 120×40), as a
new operator first sees it, against the stand-in in front of the emulator:
every text either whole or ending with "…", the parts that matter (the
region, a delivery's state, a statistics verdict, a key's help) never the
ones cut, and the top bar and the review telling the same story about the
sender."""
import os
import re
import sqlite3
import subprocess
import time
import unittest

from console_tmux import TMUX, Console
from support import PeersTestCase

IDENTITY_DOWN = [{"kind": "http_500", "action": "GetIdentityVerificationAttributes"}] * 9


def persona_rows(screen):
    """The persona rows of the left pane, "1 CEO ... never"."""
    return [line.split("│")[0] for line in screen.splitlines()
            if re.match(r"^[ *] [1-6] ", line)]


@unittest.skipUnless(TMUX, "tmux is not installed")
class ConsoleScreenTest(PeersTestCase):
    env_values = {"SES_REGION": "us-east-1", "SES_FROM_ADDRESS": "reports@example.com",
                  "EXEC_REPORT_TO": "owner@example.com", "SES_BCC_ADDRESS": "audit@example.com"}

    def console(self, width=80, height=24):
        console = Console(self.root, width, height, env=self.env, args=("--ledger", self.ledger))
        # the start-up check is done (at 80 columns the quota is written shorter)
        console.wait_for(lambda s: re.search(r"50000( of |/)50000 left", s))
        return console

    def test_the_top_bar_keeps_the_region_and_the_personas_their_delivery_column(self):
        for width, height in ((80, 24), (120, 40)):
            with self.console(width, height) as console:
                screen = console.wait_for("CEO — Portfolio")
                top = screen.splitlines()[0]
                # The endpoint, the label and a standing that needs no action
                # give way first: the sender, its state and the region stay whole.
                self.assertIn(" reports@example.com (verified) │ us-east-1 ", top)
                self.assertNotIn("us-ea…", top)
                rows = persona_rows(screen)
                self.assertEqual(len(rows), 6, screen)
                # Audit has no Portfolio report: its column says so, and its
                # long title never runs into it (cut like the others' at most).
                self.assertRegex(rows[5], r"^  6 Audit +(Operati… +)?—\s*$")
                for row in rows[:5]:
                    self.assertRegex(row, r"never\s*$")
                # one column: every row's last word starts at the same place
                self.assertEqual(len({re.search(r"\S+\s*$", row).start() for row in rows}), 1, rows)

    def test_the_top_bar_and_the_history_say_which_ledger(self):
        # 120 columns: the ledger between the region and the standing. At
        # 80 the healthy standing gives way and the quota is written
        # shorter so the ledger stays named; the history's title names it too.
        with self.console(120, 40) as console:
            top = console.wait_for("CEO — Portfolio").splitlines()[0]
            self.assertRegex(top, r" │ us-east-1 +(│ 127\.0\.[^│]* )?│ ledger: sqlite │ ")  # the endpoint when room is left
        with self.console() as console:
            top = console.wait_for(lambda s: "50000/50000 left" in s).splitlines()[0]
            self.assertRegex(top, r"\(verified\) │ us-east-1 +│ ledger: sqlite │ 50000/50000 left\s*$")
            self.assertLessEqual(len(top), 80)
            console.send("H")
            console.wait_for("Delivery history — 0 deliveries, newest first, all deliveries · ledger: sqlite")

    def test_history_reads_the_page_after_its_last_row_when_moved_past_it(self):
        # 501 deliveries: the first read is a page of 500 ("500+"); moving
        # past its last row reads the one after it, and no row repeats.
        driver = os.path.join(os.environ.get("BRIEFING_BUILD_DIR", "build"), "ledger_driver")
        subprocess.run([driver, "sqlite:" + self.ledger], input="", text=True, check=True,
                       capture_output=True, timeout=60)
        db = sqlite3.connect(self.ledger)
        with db:
            db.executemany(
                "INSERT INTO deliveries (id, persona, scope, to_addresses, state, created_at,"
                " updated_at) VALUES (?, 'cfo', 'portfolio', 'owner@example.com', 'failed', ?, ?)",
                [(i, 1764000000 + i * 60, 1764000000 + i * 60) for i in range(1, 502)])
        db.close()
        with self.console(120, 40) as console:
            console.send("H")
            console.wait_for("Delivery history — 500+ deliveries")
            console.type("j" * 499)  # the 500th row: delivery 2, the page's last
            console.wait_for(lambda screen: re.search(r"^ *2 +20", screen, re.M)
                             and "500+ deliveries" in screen)
            console.send("j")
            screen = console.wait_for("Delivery history — 501 deliveries")
            rows = re.findall(r"^[ >]*(\d+) +20\d\d-", screen, re.M)
            self.assertEqual(rows[-2:], ["2", "1"], screen)

    def test_history_at_80_columns_shows_each_state_whole_and_the_rows_fit(self):
        with self.console() as console:
            self.standin.faults([{"kind": "slow", "action": "SendRawEmail", "seconds": 1}] * 8)
            # 1 a second: CTO starts a second after CEO, so Esc pressed once
            # "Sending" shows stops it (at PACED's 2 a second, with the first
            # send no longer alone, CTO started 1/8 s after CEO, before Esc).
            self.standin.config({"quota": {"max_send_rate": 1.0}})
            console.send_the_plan()
            console.wait_for("Sending")
            console.send("Escape")
            console.wait_for("(stopped)", timeout=30)
            console.send("Escape")
            screen = console.wait_for("Entities")
            rows = persona_rows(screen)
            self.assertRegex(rows[1], r"^\* 2 CTO\s+not sent\s*$")  # the legend's short word
            self.assertRegex(rows[4], r"^\* 5 Accounting\s+not sent\s*$")  # not "Accoun…"
            console.send("H")
            screen = console.wait_for("Delivery history — 8 deliveries, newest first, all deliveries")
            self.assertNotIn("not-at…", screen)
            lines = screen.splitlines()
            header = next(line for line in lines if line.lstrip().startswith("id "))
            self.assertIn(" state ", header)
            body = [line for line in lines if re.match(r"^ \d+ ", line)]
            self.assertEqual(len(body), 8, screen)
            for line in body:
                self.assertRegex(line, r" (sent|not-attempted) ")
                self.assertLessEqual(len(line), 80)
            not_attempted = [line for line in body if " not-attempted " in line]
            self.assertGreater(len(not_attempted), 0)
            self.assertIn("stopped by", not_attempted[0])  # the reason starts to show

    def test_statistics_at_80_columns_keep_each_verdict_whole(self):
        now = time.time()
        points = [{"timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now - 5 * 3600)),
                   "delivery_attempts": 47, "bounces": 1, "complaints": 1, "rejects": 2}]
        self.standin.config({"statistics": points})
        with self.console() as console:
            screen = console.open_statistics()
            # The verdict comes first: what is cut, if anything, is SES's thresholds.
            self.assertIn("ok: 1 bounce, 2.13% (review 5%, at risk 10%)", screen)
            self.assertIn("at risk: 1 complaint, 2.13% (review 0.1%, at risk", screen)
            self.assertIn("0 of 50000 sent, 50000 left · at most", screen)
            self.assertIn("█", screen)

    def test_help_at_80x24_wraps_every_description_instead_of_cutting_it(self):
        with self.console() as console:
            console.send("?")
            screen = console.wait_for("Keys (")
            pages = [screen]
            while len(pages) < 60:  # to the last page: the screen stops changing
                console.send("j", "j", "j", "j", "j")
                pages.append(console.wait_stable())
                if pages[-1] == pages[-2]:
                    break
            text = "\n".join(pages)
            for page in pages:
                help_lines = page.splitlines()[2:-2]  # between the title and the bars
                cut = [line for line in help_lines if re.search(r"…(\s{2,}|\s*$)", line)]
                self.assertEqual(cut, [], page)  # a cut ends its column with …
            self.assertRegex(text, r"report: scroll right.*\n\s+\(wide code lines\)")
            self.assertRegex(text, r"what changed since it.*\n\s+was last sent")
            self.assertRegex(text, r"stop: those in flight.*\n\s+finish; close")

    def test_the_top_bar_says_what_the_review_says_about_the_sender(self):
        with self.console() as console:
            self.assertIn("(verified)", console.capture().splitlines()[0])
            self.standin.faults(IDENTITY_DOWN)
            console.send("3", "s")
            console.wait_for("Recipients of 1 message(s)")
            console.send("y")
            screen = console.wait_for("U allows sending without that check", timeout=30)
            self.assertIn("[reports@example.com: unavailable]", screen)
            top = screen.splitlines()[0]
            self.assertIn(" reports@example.com (unavailable) │ us-east-1 ", top)
            self.assertNotIn("verified", top)
            console.send("q", "q")
            console.wait_for("nothing sent")
        self.assertEqual(self.standin.sends(), [])


    def test_a_later_try_that_never_left_does_not_hide_the_report_sent_today(self):
        # CFO sent, then a second try stopped before it left (not-attempted):
        # the row says what the plan says, sent at that time.
        driver = os.path.join(os.environ.get("BRIEFING_BUILD_DIR", "build"), "ledger_driver")
        script = ("add\tcfo\tportfolio\tcfo@example.com\t-\t-\t-\t0\n"
                  "sending\t1\nsent\t1\tses-1\treq-1\t1\n"
                  "add\tcfo\tportfolio\tcfo@example.com\t-\t-\t-\t0\n"
                  "not-attempted\t2\tstopped by the operator before it was sent\n"
                  "add\tcto\tportfolio\tcto@example.com\t-\t-\t-\t0\n"
                  "not-attempted\t3\tstopped by the operator before it was sent\n")
        out = subprocess.run([driver, "sqlite:" + self.ledger], input=script, text=True,
                             capture_output=True, check=True).stdout
        self.assertNotIn("error:", out)
        with self.console() as console:
            rows = persona_rows(console.wait_for("Entities"))
            self.assertRegex(rows[2], r"^  3 CFO\s+sent \d\d:\d\d\s*$")
            self.assertRegex(rows[1], r"^  2 CTO\s+not sent\s*$")  # nothing of it ever left

    def test_why_the_account_cannot_be_checked_is_in_the_message_log_whole(self):
        # The top bar has room for the start of the reason only; M has it all.
        env = {**self.env, "AWS_PROFILE": "nosuch-profile"}
        with Console(self.root, 80, 24, env=env, args=("--ledger", self.ledger)) as console:
            top = console.wait_for(lambda s: "unavailable" in s.splitlines()[0]).splitlines()[0]
            self.assertLessEqual(len(top), 80)
            console.send("M")
            log = console.wait_for("Messages, newest first")
            self.assertRegex(log, r"SES account check: unavailable: .*nosuch-profile")


if __name__ == "__main__":
    unittest.main(verbosity=2)
