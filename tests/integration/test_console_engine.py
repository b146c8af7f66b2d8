"""The engine's rules as the console shows them (tmux, against the stand-in
in front of the emulator): what SES cannot confirm is refused until the
operator allows it with U and then says y, and a stopped batch leaves every
report in the ledger."""
import os
import sqlite3
import unittest

from console_tmux import TMUX, Console
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
        with self.console() as console:
            console.send_the_plan()
            console.wait_for("Esc stops; those in flight finish")
            console.send("Escape")
            console.wait_for("(stopped)", timeout=30)
        with sqlite3.connect(self.ledger) as db:
            states = [s for (s,) in db.execute("SELECT state FROM deliveries ORDER BY id")]
            reasons = {r for (r,) in db.execute(
                "SELECT error_message FROM deliveries WHERE state = 'not-attempted'")}
        self.assertEqual(len(states), 8)
        self.assertIn("not-attempted", states)
        self.assertEqual(reasons, {"stopped by the operator before it was sent"})
        self.assertEqual(states.count("sent"), len(self.standin.sends()))


if __name__ == "__main__":
    unittest.main(verbosity=2)
