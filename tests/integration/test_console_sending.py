"""The console's second half against the real peers (the aws-ses-v2-local
emulator behind the SigV4-checking stand-in): the top bar's account state,
the recipients form, confirming and sending marked reports, resending from
the history, and the statistics view."""
import email
import email.header
import json
import os
import re
import subprocess
import time
import unittest

from console_tmux import PACED, TMUX, Console, text_part
from support import PeersTestCase, run, write_env

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
        self.review_all(console)
        console.send("y")
        # "Sent 2 message(s)", or "Sent 1 message(s) of 2: 1 failed, ..."
        return console.wait_for(
            lambda s: re.search(rf"Sent ({count} message\(s\)|\d+ message\(s\) of {count}:)", s),
            timeout=30)

    def back_out_of_review(self, console, count):
        """q twice: the review, then the form; nothing is sent."""
        console.send("q")
        console.wait_for(f"Recipients of {count} message(s)")
        console.send("q")
        console.wait_for("nothing sent")

    def review_all(self, console):
        return console.review_all()

    def review_then_send(self, console, outcome):
        """y in the form, every message shown, y: waits for `outcome`."""
        console.send("y")
        self.review_all(console)
        console.send("y")
        return console.wait_for(outcome, timeout=30)

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
            self.back_out_of_review(console, 1)
        self.assertEqual(self.stored_ids(), [])

    def test_a_saved_bcc_is_in_the_form_after_a_restart(self):
        with self.console() as console:
            console.cfo_bcc_saved("records@example.com")
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
            console.wait_for("Give all 2 reports the To, Cc and Bcc of cfo/portfolio? (u undoes) (y/n)")
            console.send("y")
            screen = console.wait_for("now go to the recipients of")
            self.assertIn("u undoes", screen)
            self.assertEqual(screen.count("board@example.com"), 2)
            console.send("y")
            self.review_all(console)
            console.send("y")
            console.wait_for("Sent 2 message(s) of 2:", timeout=30)
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

    def test_the_review_says_which_credentials_sign_never_the_secret(self):
        with self.console() as console:
            console.send("3", "Space")
            console.wait_for("1 marked")
            console.send("s")
            console.wait_for("Recipients of 1 message(s)")
            console.send("y")
            screen = console.wait_for("Message 1 of 1")
            self.assertRegex(screen, r"Signed by +the environment")
            self.assertNotIn(self.standin.secret, screen)
            self.back_out_of_review(console, 1)

    def test_esc_stops_a_batch_and_those_in_flight_finish(self):
        # Paced and answered slowly: the batch lasts long enough to be
        # stopped, whatever number of requests the pacing keeps in flight.
        self.standin.faults([{"kind": "slow", "action": "SendRawEmail", "seconds": 0.7}] * 8)
        self.standin.config(PACED)
        with self.console() as console:
            console.send_the_plan()
            console.wait_for("Esc stops; those in flight finish")
            # Esc once the first send is at SES (answered in 0.7 s): it is in
            # flight, so it finishes, on a loaded machine too.
            deadline = time.monotonic() + 30
            while not any(r["action"] == "SendRawEmail" for r in self.standin.requests()):
                self.assertLess(time.monotonic(), deadline, "no SendRawEmail reached SES")
                time.sleep(0.05)
            console.send("Escape")
            screen = console.wait_for("(stopped)", timeout=30)
            sent = len(re.findall(r"MessageId \S+", screen))
            self.assertGreaterEqual(sent, 1)
            self.assertLess(sent, 8)
            self.assertIn("not-attempted", screen)
            self.assertIn(f"Sent {sent} message(s) of 8", screen)  # never "Sent 8"
            self.assertEqual(len(self.stored_ids()), sent)
            console.send("q", "H")
            console.wait_for("Delivery history — 8 deliveries,")
            console.send("s", "s", "s")  # any → unknown → failed → not-attempted
            screen = console.wait_for("state not-attempted")
            left = 8 - sent
            self.assertIn(f"{left} deliver{'y' if left == 1 else 'ies'},", screen)

    def test_esc_with_several_in_flight_waits_for_them_and_leaves_no_sending_row(self):
        # At 2 a second with each answer 1.5 s away, several requests are in
        # flight when Esc comes, and some reports have not started.
        self.standin.config({"quota": {"max_send_rate": 2}})
        self.standin.faults([{"kind": "slow", "action": "SendRawEmail", "seconds": 1.5}] * 8)
        with self.console() as console:
            console.send_the_plan()
            console.wait_for("Esc stops; those in flight finish")
            console.wait_for(lambda screen: re.search(r"\b[2-9] in flight", screen), timeout=20)
            console.send("Escape")
            screen = console.wait_for("(stopped)", timeout=30)
            sent = len(re.findall(r"MessageId \S+", screen))
            self.assertGreaterEqual(sent, 2)  # those in flight were waited for
            self.assertLess(sent, 8)
            self.assertEqual(len(self.stored_ids()), sent)
            ledger = os.path.join(console.home, "state", "briefing", "ledger.sqlite3")
            log = json.loads(run("log", "--json", "--ledger", ledger, env=self.env,
                                 check=0).stdout)
            states = [d["state"] for d in log]
            self.assertEqual(len(states), 8)
            self.assertLessEqual(set(states), {"sent", "failed", "unknown", "not-attempted"})
            self.assertEqual(states.count("sent"), sent)
            self.assertIn("not-attempted", states)

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
            console.wait_for("— this sends it again. Go on? (y/n)")
            console.send("y")
            console.wait_for("cfo/portfolio resend (")
            console.send("y")
            console.wait_for("y sends now")
            console.send("y")
            console.wait_for("Sent 1 message(s) of 1:", timeout=30)
            self.assertEqual(len(self.stored_ids()), 2)
            console.send("q", "H")
            console.wait_for("Delivery history — 2 deliveries,")

    def test_after_a_resend_the_history_cursor_stays_on_the_same_delivery(self):
        """The resend adds a row at the top: the cursor follows the delivery
        it was on, so a second `r` does not resend another report."""
        with self.console() as console:
            console.send("3", "Space", "1", "Space")
            console.wait_for("2 marked")
            self.send_marked(console, 2)
            console.send("q", "H")
            console.wait_for("Delivery history — 2 deliveries,")
            console.send("j", "Enter")
            chosen = re.search(r"Delivery (\d+) · (\S+)",
                               console.wait_for(lambda s: re.search(r"Delivery \d+ · ", s)))
            console.send("q")
            console.wait_for("Delivery history — 2 deliveries,")
            console.send("r")
            console.wait_for(f"{chosen.group(2)} (delivery {chosen.group(1)}) already delivered at ")
            console.wait_for("— this sends it again. Go on? (y/n)")
            console.send("y")
            console.wait_for(f"{chosen.group(2)} resend (")
            console.send("y")
            console.wait_for("y sends now")
            console.send("y")
            console.wait_for("Sent 1 message(s) of 1:", timeout=30)
            console.send("q")
            screen = console.wait_for("Delivery history — 3 deliveries,")
            rows = screen.splitlines()
            header = next(i for i, line in enumerate(rows) if line.lstrip().startswith("id "))
            self.assertRegex(rows[header + 1], r"^\s*3\s")  # the new delivery is the top row
            console.send("Enter")
            screen = console.wait_for(lambda s: re.search(r"Delivery \d+ · ", s))
            self.assertIn(f"Delivery {chosen.group(1)} · {chosen.group(2)}", screen)

    def test_the_review_at_80x24_shows_every_message_before_y_sends(self):
        with Console(self.root, width=80, height=24, env=self.env) as console:
            console.wait_for("CEO — Portfolio")
            console.send("a")
            console.wait_for("8 marked")
            console.send("s")
            console.wait_for("Recipients of 8 message(s)")
            console.send("y")
            screen = console.wait_for("Message 1 of 8 · ceo/portfolio", timeout=20)
            self.assertIn("more lines below", screen)
            self.assertIn("Bcc      audit@example.com   (envelope only: not in the message)", screen)
            console.send("y")  # not everything was on screen: nothing leaves
            console.wait_for("not sent yet: 7 of 8 messages not shown")
            self.assertEqual(self.standin.sends(), [])
            self.assertEqual(self.review_all(console), set(range(1, 9)))
            console.send("y")
            console.wait_for("Sent 8 message(s) of 8:", timeout=30)
            console.send("q")
            console.resize(120, 40)
            console.send("H")
            screen = console.wait_for("Delivery history — 8 deliveries")
            self.assertIn(" audit/dangerouscentaur-client-portfolio ", screen)  # whole, not cut
        self.assertEqual(len(self.stored_ids()), 8)

    def test_enter_in_the_review_opens_the_bytes_and_names_the_headers_stamped_when_sent(self):
        with self.console() as console:
            console.send("3", "s")
            console.wait_for("Recipients of 1 message(s)")
            console.send("y")
            screen = console.wait_for("y sends now", timeout=20)
            self.assertRegex(screen, r"Message 1 of 1 · cfo/portfolio · about \d+\.\d KB")
            console.send("Enter")
            screen = console.wait_for("as it will be sent (about ")
            self.assertRegex(screen, r"Subject  Executive Report: CFO — Portfolio")
            self.assertIn("Subject: =?UTF-8?B?", screen)  # the bytes, as they go out
            # What is stamped when it leaves is said above the bytes, not claimed exact.
            self.assertNotIn("exactly as it will be sent", screen)
            note = "Date, Message-ID and X-Briefing-Delivery are set when the message leaves"
            self.assertIn(note, screen)
            self.assertLess(screen.index(note), screen.index("Subject: =?UTF-8?B?"))
            self.assertRegex(screen, r"the message's bytes \(about \d+ when sent\)")
            self.assertIn("X-Briefing-Report: cfo/portfolio", screen)
            console.send("q")
            console.wait_for("y sends now")
            self.back_out_of_review(console, 1)
        self.assertEqual(self.stored_ids(), [])

    def test_a_resend_from_the_history_of_an_archive_changed_on_disk_is_refused(self):
        """O16: the history's `r` goes through the engine's check of the
        archived bytes against the ledger's SHA-256, as `briefing resend`."""
        with self.console() as console:
            console.send("3", "Space")
            console.wait_for("1 marked")
            self.send_marked(console, 1)
            [archive] = [os.path.join(folder, name)
                         for folder, _, names in os.walk(console.home)
                         for name in names if name.endswith(".eml")]
            with open(archive, "rb") as f:
                archived = f.read()
            with open(archive, "wb") as f:
                f.write(archived.replace(b"Executive Report", b"Executive Rep0rt", 1))
            console.send("q", "H")
            console.wait_for("Delivery history — 1 delivery,")
            console.send("r")
            console.wait_for("— this sends it again. Go on? (y/n)")
            console.send("y")
            screen = console.wait_for("not resent:", timeout=20)
            self.assertIn(f"{archive}: its SHA-256 is not the ledger'", screen)
            self.assertNotIn("byte-identical", screen)
            console.send("y")
            console.wait_for("cannot be built")
            time.sleep(1)
            self.assertEqual(len(self.stored_ids()), 1)
            self.assertEqual(len(self.standin.sends()), 1)

    def test_cancelling_a_resend_returns_to_the_history_and_q_then_to_the_reports(self):
        with self.console() as console:
            console.send("3", "Space")
            self.send_marked(console, 1)
            console.send("q", "H")
            console.wait_for("Delivery history — 1 delivery,")
            console.send("r")
            console.wait_for(" already delivered at ")
            console.send("n")  # no: nothing opens
            screen = console.wait_for("not done: the answer was no")
            self.assertIn("Delivery history", screen)
            console.send("r", "y")
            console.wait_for("cfo/portfolio resend (")
            console.send("q")
            screen = console.wait_for("Delivery history — 1 delivery,")
            self.assertIn("nothing sent", screen)
            console.send("q")
            console.wait_for("Entities")
            self.assertTrue(console.alive())
        self.assertEqual(len(self.stored_ids()), 1)

    def test_q_with_messages_not_sent_asks_before_quitting(self):
        with self.console() as console:
            console.send("3", "s")
            console.wait_for("Recipients of 1 message(s)")
            console.send("Q")
            console.wait_for("Quit and drop the 1 message not sent (and any recipients you edited)? (y/n)")
            console.send("x")  # any other key: no
            console.wait_for("not done: the answer was no")
            self.assertTrue(console.alive())
            console.send("q")
            console.wait_for("nothing sent")

    def test_an_empty_to_is_refused_in_the_form(self):
        with self.console() as console:
            console.send("3", "s")
            console.wait_for("Recipients of 1 message(s)")
            console.send("Enter")
            screen = console.wait_for("Editing To of cfo/portfolio — Enter keeps, Esc drops, ^U clears")
            self.assertIn("Enter:done", screen.splitlines()[-1])
            self.assertIn("^U:clear", screen.splitlines()[-1])
            console.send("C-u", "Enter")
            console.wait_for("To cannot be empty: give at least one address")
            console.send("Escape")
            screen = console.wait_for("Recipients of 1 message(s)")
            self.assertIn("owner@example.com", screen)
            console.send("q")
        self.assertEqual(self.stored_ids(), [])

    def test_recipients_fixed_in_the_form_stay_with_a_report_not_sent(self):
        """A report the batch did not deliver stays marked with the To the
        operator typed: `s` again shows and sends that To, not the old one."""
        self.standin.faults([{"kind": "rejected", "action": "SendRawEmail"}])
        with self.console() as console:
            console.send("3", "Space", "s")
            console.wait_for("Recipients of 1 message(s)")
            console.send("Enter")
            console.wait_for("Editing To of cfo/portfolio")
            console.send("C-u")
            console.type("cfo@example.com")
            console.send("Enter")
            console.wait_for(lambda s: "cfo@example.com" in s and "Editing" not in s)
            self.review_then_send(console, "1 failed")
            console.send("q")
            console.wait_for("with the recipients set in the form")
            console.send("s")
            screen = console.wait_for("Recipients of 1 message(s)")
            self.assertIn("cfo@example.com", screen)
            self.assertNotIn("owner@example.com", screen)
            self.review_then_send(console, "Sent 1 message(s) of 1:")
        stored = self.emulator.store()["emails"]
        self.assertEqual(len(stored), 1)
        self.assertIn("cfo@example.com", stored[0]["destination"]["to"])
        self.assertNotIn("owner@example.com", stored[0]["destination"]["to"])

    def test_u_puts_back_the_recipients_a_replaced(self):
        with self.console() as console:
            console.send("3", "Space", "1", "Space")
            console.wait_for("2 marked")
            console.send("s")
            console.wait_for("Recipients of 2 message(s)")
            console.send("Enter", "C-u")
            console.type("board@example.com")
            console.send("Enter")
            console.wait_for("message rebuilt")
            console.send("a", "y")
            screen = console.wait_for("u undoes")
            self.assertNotIn("owner@example.com", screen)
            console.send("u")
            screen = console.wait_for("recipients put back as they were before a")
            self.assertIn("owner@example.com", screen)
            self.assertEqual(screen.count("board@example.com"), 1)
            console.send("q")

    def test_enter_in_the_history_shows_the_whole_error(self):
        self.standin.faults([{"kind": "rejected", "action": "SendRawEmail"}])
        with self.console() as console:
            console.send("3", "Space", "s")
            console.wait_for("Recipients of 1 message(s)")
            console.send("y")
            self.review_all(console)
            console.send("y")
            console.wait_for("1 failed", timeout=30)
            console.send("q", "H")
            console.wait_for("Delivery history — 1 delivery,")
            console.send("Enter")
            screen = console.wait_for("Delivery 1 · cfo/portfolio")
            self.assertIn("MessageRejected", screen)
            self.assertIn("The following identities failed the check.", screen)
            console.send("q")
            console.wait_for("Delivery history — 1 delivery,")

    def test_a_handoff_changed_during_the_review_is_rebuilt_shown_and_asked_again(self):
        handoff = os.path.join(self.root, "agent_handoffs", "projects", "3028-51st-st-rental.md")
        with self.console() as console:
            console.review_one(("j", "j", "j", "j", "j", "6"), "Audit — 3028 51st St Rental")
            console.wait_for("Subject  Executive Report: Audit — 3028 51st St Rental", timeout=20)
            with open(handoff) as f:
                text = f.read()
            with open(handoff, "w") as f:
                f.write(re.sub(r"^# .*$", "# Renamed Rental", text, count=1, flags=re.M))
            screen = console.wait_for("Subject  Executive Report: Audit — Renamed Rental", timeout=20)
            self.assertIn("the data changed: 1 message was built again", screen)
            self.assertEqual(self.standin.sends(), [])
            console.read_rebuilt_and_send()  # a rebuilt message is read before y sends it
        sends = self.standin.sends()
        self.assertEqual(len(sends), 1)
        subject = str(email.header.make_header(email.header.decode_header(
            email.message_from_string(sends[0]["raw"])["Subject"])))
        self.assertIn("Renamed Rental", subject)

    def test_a_body_rebuilt_during_the_review_is_not_sent_until_it_is_opened(self):
        handoff = os.path.join(self.root, "agent_handoffs", "projects", "3028-51st-st-rental.md")
        with self.console() as console:
            console.review_one(("j", "j", "j", "j", "j", "3"), "CFO — 3028 51st St Rental")
            console.wait_for("y sends now", timeout=20)  # one message, shown whole
            # Only the body changes: the headers on screen stay the same.
            subprocess.run(["sed", "-i", "s|\\$145/night|$199/night|", handoff], check=True)
            screen = console.wait_for("message 1 was rebuilt from changed data: Enter reads it", timeout=20)
            self.assertIn("the data changed: 1 message was built again", screen)
            self.assertNotIn("y sends now", screen)
            console.send("y")
            console.wait_for("not sent: the data changed since you looked: message 1 was rebuilt")
            time.sleep(1)
            self.assertEqual(self.stored_ids(), [])
            console.read_rebuilt_and_send()
        self.assertEqual(len(self.stored_ids()), 1)
        body = text_part(self.standin.sends()[0]["raw"])
        self.assertIn("$4,378/month", body)  # 22 nights at the new $199
        self.assertNotIn("$3,190/month", body)

    def test_a_rebuilt_message_opens_at_its_changed_text_not_its_mime_headers(self):
        """Enter on a rebuilt message shows its text decoded as the recipient
        reads it, at the first changed line; the rebuilt mark clears only once
        every changed line was on screen (O13, O1)."""
        handoff = os.path.join(self.root, "agent_handoffs", "projects", "3028-51st-st-rental.md")
        with self.console() as console:
            console.review_one(("j", "j", "j", "j", "j", "3"), "CFO — 3028 51st St Rental")
            console.wait_for("y sends now", timeout=20)
            subprocess.run(["sed", "-i", "s|\\$145/night|$199/night|", handoff], check=True)
            console.wait_for("message 1 was rebuilt from changed data: Enter reads it", timeout=20)
            console.send("Enter")
            screen = console.wait_for("opened at its first changed line")
            self.assertIn("$4,378/month", screen)  # the figure that changed, on screen
            self.assertNotIn("MIME-Version:", screen)
            self.assertNotIn("=E2=80", screen)  # decoded, not quoted-printable
            self.assertIn("–", screen)  # "($2,970–$3,050)": as its recipient reads it
            # The $199 moves figures down to the breakeven table: one screen
            # is not all of it, so going back now leaves the mark.
            self.assertNotIn("every changed line was on screen", screen)
            console.send("q")
            console.wait_for("message 1 was rebuilt from changed data: Enter reads it")
            console.send("y")
            console.wait_for("not sent: the data changed since you looked")
            console.send("Enter")
            console.wait_for("opened at its first changed line")
            console.read_changed_lines()
            console.send("q")
            console.wait_for("y sends now")  # read: the mark is gone
            self.back_out_of_review(console, 1)
        self.assertEqual(self.stored_ids(), [])

    def test_a_change_far_down_a_never_sent_report_opens_there(self):
        """O13 as the operator met it: a risk line ~70 lines down the text of
        a report never sent (so `d` has nothing to compare) is on screen
        when Enter opens the rebuilt message; before, the top was."""
        handoff = os.path.join(self.root, "agent_handoffs", "projects", "jada.md")
        with Console(self.root, width=80, height=24, env=self.env) as console:
            console.wait_for("CEO — Portfolio")
            console.review_one(("j", "j", "6"), "Audit — JADA")
            console.wait_for("Message 1 of 1", timeout=20)
            subprocess.run(["sed", "-i", "s|one boat (high)|one boat, INSURER DECLINED THE CLAIM "
                            "(high)|", handoff], check=True)
            console.wait_for("message 1 was rebuilt from changed data: Enter reads it", timeout=20)
            console.send("Enter")
            screen = console.wait_for(lambda s: "opened at its first changed line" in s or
                                      "every changed line was on screen" in s)
            self.assertIn("INSURER DECLINED", screen)
            self.assertNotIn("lines 1-", screen)  # not the top of the message
            console.read_changed_lines()  # the risk's recommendation below it changed too
            console.send("q")
            console.review_all()
            console.send("q")
            console.wait_for("Recipients of 1 message(s)")
            console.send("q")
            console.wait_for("nothing sent")
        self.assertEqual(self.stored_ids(), [])

    def test_a_handoff_removed_during_the_review_stops_y_for_the_whole_batch(self):
        """O12: nothing is sent unless every message of the review is built
        (the CLI's rule): a message that cannot be built now keeps `y` from
        sending the others, and says which and why."""
        handoff = os.path.join(self.root, "agent_handoffs", "projects", "3028-51st-st-rental.md")
        with self.console() as console:
            console.send("j", "j", "3")
            console.wait_for("CFO — JADA")
            console.send("Space", "j", "j", "j", "3")
            console.wait_for("CFO — 3028 51st St Rental")
            console.send("Space")
            console.wait_for("2 marked")
            console.send("s")
            console.wait_for("Recipients of 2 message(s)")
            console.send("y")
            self.review_all(console)
            os.rename(handoff, os.path.join(self.dir, "moved-away.md"))
            screen = console.wait_for("cannot be built now", timeout=20)
            self.assertNotIn("y sends now", screen)
            console.send("y")
            screen = console.wait_for("nothing sent: message 2 cannot be built")
            self.assertIn("cannot be built (in red): nothing is sent until every message is", screen)
            # Read as the rebuilt mark asks: y still refuses, for the same reason.
            console.send("j", "Enter")
            console.wait_for("as it will be sent (about ")
            console.send("q")
            console.wait_for("Send 2 messages?")
            console.send("y")
            console.wait_for("nothing sent: message 2 cannot be built")
            time.sleep(1)
            self.assertEqual(self.standin.sends(), [])
            self.back_out_of_review(console, 2)

    def test_an_edit_of_the_env_file_given_with_env_is_seen_mid_review(self):
        """O5: `--env FILE` plays repos.env's part, so it is watched as
        repos.env is: a new sender there mid-review rebuilds the review."""
        env_file = os.path.join(self.dir, "elsewhere", "ops.env")
        os.makedirs(os.path.dirname(env_file))
        os.rename(os.path.join(self.root, "repos.env"), env_file)
        with Console(self.root, env=self.env, args=("--env", env_file)) as console:
            console.wait_for("CEO — Portfolio")
            console.review_one(("3",), "CFO — Portfolio")
            console.wait_for("y sends now", timeout=20)
            subprocess.run(["sed", "-i", "s|^SES_FROM_ADDRESS=.*|SES_FROM_ADDRESS=board-office@example.com|",
                            env_file], check=True)
            # The review's From line changes at once; the top bar's identity check of the
            # new sender answers asynchronously ("checking…" first; under ASan on a loaded
            # machine it took longer than one poll): wait for both, then assert both.
            screen = console.wait_for(lambda screen: "From      board-office@example.com" in screen
                                      and "board-office@example.com (verified)" in screen.splitlines()[0],
                                      timeout=20)
            self.assertIn("From      board-office@example.com", screen)
            self.assertIn("board-office@example.com (verified)", screen.splitlines()[0])
            self.back_out_of_review(console, 1)
        self.assertEqual(self.stored_ids(), [])

    def test_resend_failed_names_a_failed_test_send_it_leaves_out(self):
        """O11: `briefing resend --failed` says why a failed [TEST] send is
        not resent, as it does for every other delivery it leaves out."""
        self.standin.faults([{"kind": "rejected", "action": "SendRawEmail"}])
        with self.console() as console:
            console.send("3", "t")
            console.wait_for("y sends the test now", timeout=20)
            console.send("y")
            console.wait_for("1 failed", timeout=30)
            ledger = os.path.join(console.home, "state", "briefing", "ledger.sqlite3")
            result = run("resend", "--failed", "--ledger", ledger, "--root", self.root, "--yes",
                         env=self.env)
        self.assertIn("delivery 1 ([TEST] cfo/portfolio, failed) left out: a test send",
                      result.stderr)
        self.assertEqual(len(self.standin.sends()), 1)

    def test_each_report_row_carries_its_last_delivery(self):
        # The fault names its report: the batch's two sends are in flight
        # together, and the stand-in takes an unnamed fault for whichever it
        # reads first, not the plan's first (a CI run under load had CFO's).
        self.standin.faults([{"kind": "rejected", "action": "SendRawEmail",
                              "report": "ceo/portfolio"}])
        def row(screen, number):
            return next(line for line in screen.splitlines() if line.startswith(f"  {number} ")
                        or line.startswith(f"* {number} ")).split("│")[0]
        with self.console() as console:
            screen = console.wait_for("CEO — Portfolio")
            self.assertTrue(row(screen, 3).rstrip().endswith("never"), row(screen, 3))
            console.send("1", "Space", "3", "Space")
            console.wait_for("2 marked")
            screen = self.send_marked(console, 2)  # CEO's is rejected
            self.assertIn("Sent 1 message(s) of 2: 1 failed, 0 unknown, 0 not attempted", screen)
            console.send("q")
            screen = console.wait_for("CFO — Portfolio")
            self.assertRegex(row(screen, 3), r"sent \d\d:\d\d\s*$")
            self.assertRegex(row(screen, 1), r"failed\s*$")
            self.assertRegex(row(screen, 2), r"never\s*$")

    def test_t_sends_a_test_to_the_sender_only_after_confirmation(self):
        with self.console() as console:
            console.send("3", "t")
            screen = console.wait_for("y sends the test now", timeout=20)
            self.assertIn(f"Send a test of this report to {SENDER} only?", screen)
            self.assertEqual(self.stored_ids(), [])  # nothing leaves before y
            console.send("y")
            console.wait_for("Sent 1 message(s) of 1:", timeout=30)
            console.send("q", "H")
            console.wait_for("Delivery history — 1 delivery,")
            console.wait_for("[TEST] cfo/portfolio")
        stored = self.emulator.store()["emails"]
        self.assertEqual(len(stored), 1)
        sends = self.standin.sends()
        self.assertEqual(len(sends), 1)
        self.assertEqual(sends[0]["destinations"], [SENDER])  # not owner@ nor the audit Bcc
        message = email.message_from_string(sends[0]["raw"])
        self.assertEqual(message["To"], SENDER)
        self.assertIsNone(message["Cc"])
        subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
        self.assertTrue(subject.startswith("[TEST] Executive Report: CFO"), subject)

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
        # named: the two sends are in flight together (see above)
        self.standin.faults([{"kind": "reset_after_read", "action": "SendRawEmail",
                              "report": "cfo/portfolio"}])
        with self.console() as console:
            console.send("3", "Space", "1", "Space")
            console.wait_for("2 marked")
            console.send("s")
            console.wait_for("Recipients of 2 message(s)")
            console.send("y")
            console.wait_for("y sends now")
            console.send("y")
            console.wait_for("1 unknown", timeout=30)
            console.wait_for("— q closes", timeout=30)  # the title counts as it goes: wait for the end
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
            screen = console.open_statistics()
            self.assertIn("17 of 200 sent, 183 left", screen)
            self.assertIn("40 delivery attempts · 2 rejects · 2 datapoints", screen)
            self.assertIn("2 bounces, 5.00%", screen)
            self.assertIn("█", screen)

    def test_statistics_chart_draws_every_attempt_the_totals_count(self):
        # eyes-op2 O7: a datapoint older than two weeks was in the totals
        # (47) but not in the chart (top 12), and nothing said so.
        now = time.time()
        stamp = lambda seconds_ago: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now - seconds_ago))
        oldest = 14 * 86400 + 1800
        self.standin.config({"statistics": [
            {"timestamp": stamp(oldest), "delivery_attempts": 30, "bounces": 0, "complaints": 0, "rejects": 0},
            {"timestamp": stamp(3600), "delivery_attempts": 17, "bounces": 0, "complaints": 0, "rejects": 0}]})
        with self.console() as console:
            screen = console.open_statistics()
            self.assertIn("47 delivery attempts", screen)
            self.assertIn("Delivery attempts, every datapoint SES sent (over two weeks)", screen)
            self.assertIn(time.strftime("%Y-%m-%d", time.gmtime(now - oldest)), screen)  # the axis starts there
            axis = [int(n) for n in re.findall(r"^ *│? +(\d+) [ ▁▂▃▄▅▆▇█]", screen, re.M)]
            self.assertIn(30, axis, screen)  # the scale's top: the old datapoint is drawn

    def test_statistics_answer_updates_the_top_bar_quota(self):
        # eyes-op2 O8: another program sent since the bar's check; S asks SES
        # again and the bar takes that fresher figure (one screen, one quota).
        self.standin.config({"quota": {"max_24_hour_send": 200, "max_send_rate": 3,
                                       "sent_last_24_hours": 17}})
        with self.console() as console:
            console.wait_for("quota 183 of 200 left")
            self.standin.config({"quota": {"max_24_hour_send": 200, "max_send_rate": 3,
                                           "sent_last_24_hours": 27}})
            screen = console.open_statistics()
            self.assertIn("27 of 200 sent, 173 left", screen)
            screen = console.wait_for("quota 173 of 200 left")
            self.assertNotIn("183 of 200", screen)
            console.send("q")
            console.wait_for("CEO — Portfolio")
            self.assertIn("quota 173 of 200 left", console.capture())

    def test_statistics_end_now_say_when_updated_colour_the_gauge_by_level_and_count_right(self):
        thirty_hours_ago = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 30 * 3600))
        self.standin.config({"statistics": [{"timestamp": thirty_hours_ago, "delivery_attempts": 5,
                                             "bounces": 1, "complaints": 0, "rejects": 1}]})
        with self.console() as console:
            screen = console.open_statistics()
            self.assertRegex(screen, r"SES statistics — updated \d\d:\d\d \(r asks again\)")
            self.assertIn("at risk: 1 bounce, 20.00%", screen)
            self.assertIn("0 complaints,", screen)
            self.assertIn("5 delivery attempts · 1 reject · 1 datapoint", screen)
            now = time.time()
            labels = {time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(now + d)) for d in (-60, 0)}
            self.assertTrue(any(label in screen for label in labels), screen)  # the axis ends now
            styled = next(line for line in console.capture(escapes=True).splitlines() if "Bounce rate" in line)
            def style_before(word):
                return re.findall(r"(?:\x1b\[[0-9;]*m)+", styled[:styled.index(word)])[-1]
            self.assertEqual(style_before("█"), style_before("1 bounce"))  # the at-risk colour
            self.standin.faults([{"kind": "slow", "action": "GetSendQuota", "seconds": 1.5}])
            console.send("r")
            console.wait_for("SES statistics — asking… (r asks again)")
            console.wait_for(lambda s: re.search(r"SES statistics — updated \d\d:\d\d", s), timeout=20)


if __name__ == "__main__":
    unittest.main()
