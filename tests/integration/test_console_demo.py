"""scripts/demo as an operator runs it (tmux): the console on a copy
of the sample portfolio in a temporary folder the demo names, so saving
recipients (`w`) leaves the checkout's examples/portfolio as it was, and
the command the demo prints at the end reads the demo's own ledger."""
import glob
import os
import re
import shlex
import signal
import unittest
import urllib.request

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

    def test_ctrl_c_that_ends_the_console_at_once_still_ends_the_demo_in_order(self):
        # eyes-op2 O3: Esc during a send, then one Ctrl-C ends the console
        # at once (by SIGINT); the demo must not die with it: its closing
        # lines print and the emulator stays up until Enter.
        with TempDir() as tmp:
            console = Console(None, 200, 40, env={"BRIEFING": BRIEFING, "TMPDIR": tmp}, command=[DEMO])
            emulator = None
            try:
                console.wait_for("CEO — Portfolio", timeout=60)
                emulator = console.descendant_pid("aws-ses-v2-local")
                self.assertIsNotNone(emulator)
                console.wait_for("quota 50000 of 50000 left", timeout=30)
                console.send("3", "s")
                console.wait_for("Recipients of 1 message(s)")
                console.send("y")
                console.review_all()
                os.kill(emulator, signal.SIGSTOP)  # SES holds the request: it stays in flight
                console.send("y")
                console.wait_for("1 in flight", timeout=20)
                console.send("Escape")
                console.wait_for("Stopping: waiting for 1 in flight", timeout=20)
                console.send("C-c")
                screen = console.wait_for("The emulator's page stays up until you press Enter", timeout=20)
                self.assertIn("The demo's deliveries:", screen)
                self.assertIn("stopped at once: 1 message(s) in flight", console.stderr())
                os.kill(emulator, signal.SIGCONT)
                # Still up (the Ctrl-C was the console's, not the peers'): the
                # page the closing line names answers until Enter.
                page = re.search(r"press Enter \(or Ctrl-C\): (http://127\.0\.0\.1:\d+)", screen).group(1)
                with urllib.request.urlopen(page + "/health-check", timeout=10) as answer:
                    self.assertEqual(answer.status, 200)
                console.send("Enter")
                console.wait_for(lambda s: not console.alive(), timeout=20)
            finally:
                if emulator:
                    try:
                        os.kill(emulator, signal.SIGCONT)
                    except ProcessLookupError:
                        pass
                console.close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
