"""The console shows SES's delivery events live: two reports sent from the
console to the emulator (behind the SigV4-checking stand-in), then SES
events shaped like the SES Developer Guide's examples published through a
real SNS topic into a real SQS queue (fauxqs, tests/peers). The console
polls the queue in the background: the history rows change with no key
pressed, Enter lists a delivery's recipients with the bounce's detail, the
bounced report's row is marked, the recipients form flags the address and
the review (the engine's preflight) says it again."""
import json
import re
import unittest

import test_cli_events as shapes  # the SES event shapes (the module, so its tests do not run here)
from console_tmux import TMUX, Console
from support import EventsQueueTestCase, run, write_env

TO = "cfo@example.com, ceo@example.com"
BOUNCE_DETAIL = "Permanent/General: smtp; 550 5.1.1 user unknown"


@unittest.skipUnless(TMUX, "tmux is not installed")
class ConsoleEventsTest(EventsQueueTestCase):
    queue_prefix = "console-events"
    env_values = {"SES_REGION": "us-east-1", "SES_FROM_ADDRESS": "reports@example.com",
                  "EXEC_REPORT_TO": TO, "EXEC_REPORT_CC": "", "EXEC_REPORT_BCC": "",
                  "SES_BCC_ADDRESS": "", "SES_CONFIGURATION_SET": "briefing-events"}

    def console(self):
        console = Console(self.root, env=self.env, args=("--ledger", self.ledger))
        console.wait_for("CEO — Portfolio")
        return console

    def deliveries(self):
        shown = run("log", "--json", "--ledger", self.ledger, env=self.env, check=0)
        return {d["persona"]: d for d in json.loads(shown.stdout)}

    def publish(self, event):
        self.sqs.publish(self.topic_arn, json.dumps(event))

    def send_ceo_and_cfo(self, console):
        console.send("1", "Space", "3", "Space")
        console.wait_for("2 marked")
        console.send("s")
        console.wait_for("Recipients of 2 message(s)")
        console.send_from_form(count=2)
        console.send("q")
        console.wait_for("CFO — Portfolio")  # the last one marked stays selected

    def test_history_rows_follow_the_published_events_and_enter_shows_the_bounce(self):
        with self.console() as console:
            self.send_ceo_and_cfo(console)
            console.send("H")
            screen = console.wait_for("Delivery history — 2 deliveries")
            self.assertEqual(screen.count("sent 2/2"), 2, screen)
            sent = self.deliveries()
            ceo, cfo = sent["ceo"]["message_id"], sent["cfo"]["message_id"]
            self.publish(shapes.delivery(ceo, ["cfo@example.com", "ceo@example.com"]))
            self.publish(shapes.bounce(cfo, "cfo@example.com"))
            self.publish(shapes.delivery(cfo, ["ceo@example.com"]))
            # No key from here: the background poll brings them in.
            screen = console.wait_for(lambda s: "delivered 2/2" in s and "bounced 1/2" in s,
                                      timeout=30)
            cfo_row = next(line for line in screen.splitlines() if "cfo/portfolio" in line)
            self.assertIn("bounced 1/2", cfo_row)
            self.assertEqual(self.sqs.count(self.queue_name), 0)
            # The newest (the CFO's) is selected: Enter lists its recipients.
            console.send("Enter")
            screen = console.wait_for("Delivery 2 · cfo/portfolio")
            self.assertIn("Recipients bounced 1/2", screen)
            bounced = next(line for line in screen.splitlines() if "cfo@example.com" in line
                           and "bounced" in line)
            self.assertRegex(bounced, r"cfo@example\.com\s+to\s+bounced\s+2026-11-23 09:00:06 UTC")
            self.assertIn(BOUNCE_DETAIL, screen)
            self.assertRegex(screen, r"ceo@example\.com\s+to\s+delivered")
            self.assertIn("MessageId", screen)  # what Enter showed before stays
            console.send("q")
            console.wait_for("Delivery history — 2 deliveries")
            console.send("q")
            screen = console.wait_for("CFO — Portfolio")
            cfo_persona = next(line for line in screen.splitlines()
                               if re.match(r"[ *] 3 ", line)).split("│")[0]
            self.assertRegex(cfo_persona, r"! bounced\s*$")
            ceo_persona = next(line for line in screen.splitlines()
                               if re.match(r"[ *] 1 ", line)).split("│")[0]
            self.assertRegex(ceo_persona, r"sent \d\d:\d\d\s*$")
            # The CFO's recipients form flags the address that bounced.
            console.send("3", "s")
            console.wait_for("already sent today")
            console.send("y")
            screen = console.wait_for("Recipients of 1 message(s)")
            self.assertIn("cfo@example.com bounced permanently Nov 23 (delivery 2): "
                          + BOUNCE_DETAIL[:30], screen)
            self.assertNotIn("ceo@example.com bounced", screen)
            # The review says it again: the engine's preflight, as `send` (O9).
            console.send("y")
            flat = " ".join(console.wait_for("Message 1 of 1").split())
            self.assertIn("cfo@example.com bounced permanently 2026-11-23 (delivery 2): "
                          + BOUNCE_DETAIL + ": check the address or take it out of the "
                          "recipients", flat)
            self.assertNotIn("ceo@example.com bounced", flat)
            console.send("q")
            console.wait_for("Recipients of 1 message(s)")
            console.send("q")

    def test_a_queue_that_refuses_is_said_once_and_no_key_waits_for_it(self):
        write_env(self.root, **dict(self.env_values,
                                    SES_EVENTS_QUEUE_URL=self.queue_url + "-no-such-queue"))
        with self.console() as console:
            screen = console.wait_for("delivery events: SQS ReceiveMessage", timeout=20)
            self.assertIn("trying again every 30 s", screen)
            console.send("H")  # answered at once, the poll's retry pending
            console.wait_for("Nothing sent yet.")
            console.send("q")
            console.wait_for("CEO — Portfolio")  # leaving checks that Q ends it in time


if __name__ == "__main__":
    unittest.main()
