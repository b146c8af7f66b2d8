"""scripts/demo as an operator runs it (tmux): the console on a copy
of the sample portfolio in a temporary folder the demo names, so saving
recipients (`w`) leaves the checkout's examples/portfolio as it was, and
the command the demo prints at the end reads the demo's own ledger."""
import glob
import os
import re
import shlex
import unittest

from console_tmux import TMUX, Console
from support import BRIEFING, SAMPLE, SOURCE_DIR, TempDir, run

DEMO = os.path.join(SOURCE_DIR, "scripts", "demo")


def snapshot(folder):
    """Every file under `folder` with its size and modification time."""
    found = {}
    for parent, _, files in os.walk(folder):
        for name in files:
            path = os.path.join(parent, name)
            info = os.lstat(path)
            found[os.path.relpath(path, folder)] = (info.st_size, info.st_mtime_ns)
    return found


@unittest.skipUnless(TMUX, "tmux is not installed")
class ConsoleDemoTest(unittest.TestCase):
    def test_the_demo_runs_on_a_copy_and_prints_how_to_read_its_ledger(self):
        before = snapshot(SAMPLE)
        with TempDir() as tmp:
            # BRIEFING: the binary under test, so the demo skips setup and build.
            env = {"BRIEFING": BRIEFING, "TMPDIR": tmp}
            # Wide enough that the paths the demo prints stay on one line.
            console = Console(None, 200, 40, env=env, command=[DEMO])
            try:
                console.wait_for("CEO — Portfolio", timeout=60)
                console.wait_for("│ production HEALTHY │ quota 50000 of 50000 left", timeout=30)
                console.cfo_bcc_saved("records@example.com")
                console.wait_for(f"saved 1 persona(s)' recipients to {tmp}/briefing-demo")
                console.send_from_form()
                console.send("q")
                console.wait_for("CFO — Portfolio")
                console.send("Q")
                screen = console.wait_for("The emulator's page stays up until you press Enter")
                command = re.search(r"The demo's deliveries: +(.+ log --ledger \S+)", screen).group(1)
                self.assertIn(f"The demo's folder:      {tmp}/briefing-demo", screen)
                console.send("Enter")
            finally:
                console.close()
            argv = shlex.split(command)
            self.assertEqual(argv[0], BRIEFING)
            log = run(*argv[1:], check=0).stdout
            self.assertRegex(log, r"cfo\s+portfolio|cfo/portfolio")
            self.assertIn("sent", log)
            saved = glob.glob(os.path.join(tmp, "briefing-demo.*", "portfolio", "recipients.env"))
            self.assertEqual(len(saved), 1, os.listdir(tmp))
            with open(saved[0]) as f:
                self.assertIn('EXEC_REPORT_BCC_CFO="records@example.com"', f.read())
        self.assertEqual(snapshot(SAMPLE), before)  # the checkout's sample is untouched


if __name__ == "__main__":
    unittest.main(verbosity=2)
