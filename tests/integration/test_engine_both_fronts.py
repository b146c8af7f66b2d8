"""Both front ends run the same engine: the default plan sent through
`briefing send --all --yes` and through the console (a s y y, in tmux)
against the same peers leaves the same ledger, row by row (persona, scope,
recipients, subject, state; not ids or times)."""
import os
import sqlite3
import unittest

from console_tmux import TMUX, Console
from support import PeersTestCase, run

COLUMNS = "persona, scope, to_addresses, cc_addresses, bcc_addresses, subject, state"


def ledger_rows(path):
    with sqlite3.connect(path) as db:
        return db.execute(f"SELECT {COLUMNS} FROM deliveries ORDER BY id").fetchall()


@unittest.skipUnless(TMUX, "tmux is not installed")
class BothFrontEndsTest(PeersTestCase):
    env_values = {"SES_REGION": "us-east-1", "SES_FROM_ADDRESS": "reports@example.com",
                  "EXEC_REPORT_TO": "owner@example.com", "EXEC_REPORT_TO_CFO": "cfo@example.com",
                  "EXEC_REPORT_CC_CMO": "marketing@example.com",
                  "SES_BCC_ADDRESS": "audit@example.com"}

    def test_the_default_plan_leaves_the_same_ledger_through_the_cli_and_the_console(self):
        cli_ledger = os.path.join(self.dir, "cli", "ledger.sqlite3")
        os.makedirs(os.path.dirname(cli_ledger))  # a named ledger's folder exists
        run("send", "--root", self.root, "--ledger", cli_ledger, "--all", "--yes",
            env=self.env, check=0)
        self.assertEqual(len(self.standin.sends()), 8)

        console_ledger = os.path.join(self.dir, "console", "ledger.sqlite3")
        os.makedirs(os.path.dirname(console_ledger))  # a named ledger's folder exists
        with Console(self.root, env=self.env, args=("--ledger", console_ledger)) as console:
            console.wait_for("CEO — Portfolio")
            console.send_the_plan()
            console.wait_for("Sent 8 message(s)", timeout=60)
        self.assertEqual(len(self.standin.sends()), 16)

        cli_rows, console_rows = ledger_rows(cli_ledger), ledger_rows(console_ledger)
        self.assertEqual(len(cli_rows), 8)
        self.assertEqual([r[-1] for r in cli_rows], ["sent"] * 8)
        self.assertEqual(cli_rows, console_rows)


if __name__ == "__main__":
    unittest.main(verbosity=2)
