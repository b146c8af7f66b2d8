"""Drives the console in a private tmux server, for tests/integration/test_console_*.py.

Each Console starts `briefing --root ROOT` in a detached tmux session of a
given size on its own socket (-L), with TERM=xterm-256color, LANG=C.UTF-8
and a temporary HOME/XDG_STATE_HOME, so nothing touches the operator's
ledger. Tests send keys and poll the pane until what they expect shows up or
a deadline passes: never a fixed long sleep.
"""
import email
import itertools
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import time

from support import BRIEFING, SOURCE_DIR

TMUX = shutil.which("tmux")
# The stand-in's SES rate at 2 messages a second (StandIn.config): a batch
# of 8 takes seconds however many requests fly at once, so Esc lands in the
# middle of it and leaves some reports not attempted.
PACED = {"quota": {"max_send_rate": 2.0}}
_counter = itertools.count()
ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


class Console:
    def __init__(self, root, width=120, height=40, env=None, args=(), command=None):
        """`command` (a list) runs instead of `briefing --root ROOT ARGS`."""
        if not TMUX:
            raise RuntimeError("tmux is not installed")
        self.socket = f"briefing-test-{os.getpid()}-{next(_counter)}"
        self.home = tempfile.mkdtemp(prefix="briefing-console-")
        self.stderr_path = os.path.join(self.home, "stderr.txt")
        variables = {
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "HOME": self.home,
            "XDG_STATE_HOME": os.path.join(self.home, "state"),
            "XDG_CONFIG_HOME": os.path.join(self.home, "config"),
            "BRIEFING_THEME_DIR": os.path.join(SOURCE_DIR, "themes"),
            "AWS_EC2_METADATA_DISABLED": "true",  # never the test machine's instance role
        }
        variables.update(env or {})
        # Whatever the test runner's environment holds must not steer the console.
        parts = ["env"]
        for key in ("NO_COLOR", "SOURCE_DATE_EPOCH", "BRIEFING_THEME", "EDITOR", "VISUAL",
                    "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SES", "AWS_PROFILE"):
            if key not in variables:
                parts += ["-u", key]
        parts += [f"{key}={value}" for key, value in variables.items()]
        parts += command or [BRIEFING, "--root", root, *args]
        command = shlex.join(parts) + " 2>" + shlex.quote(self.stderr_path)
        self._tmux("new-session", "-d", "-x", str(width), "-y", str(height), command)

    def _tmux(self, *args, check=True):
        return subprocess.run([TMUX, "-L", self.socket, "-f", "/dev/null", *args],
                              capture_output=True, text=True, check=check, timeout=30)

    def send(self, *keys):
        """tmux key names ("Enter", "C-f", "PageDown") or literal strings."""
        for key in keys:
            self._tmux("send-keys", key)

    def type(self, text):
        self._tmux("send-keys", "-l", text)

    def capture(self, escapes=False):
        args = ["capture-pane", "-p"] + (["-e"] if escapes else [])
        result = self._tmux(*args, check=False)
        return result.stdout if result.returncode == 0 else ""

    def wait_for(self, expected, timeout=10.0, escapes=False):
        """Polls until `expected` (a string, or a function of the screen)
        holds; returns the screen. Fails with the last screen."""
        check = expected if callable(expected) else (lambda screen: expected in screen)
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.capture(escapes)
            if check(screen):
                # A capture can land in the middle of a redraw: accept a
                # screen only once it holds still for one more poll.
                time.sleep(0.05)
                again = self.capture(escapes)
                if again == screen or check(again):
                    return again
                screen = again
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {expected!r}; screen:\n{screen}\n"
                             f"stderr:\n{self.stderr()}")

    def wait_stable(self, timeout=5.0, quiet=0.3):
        """Waits until the screen stops changing for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        last, since = self.capture(), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(0.05)
            screen = self.capture()
            if screen != last:
                last, since = screen, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return screen
        return last

    def review_all(self):
        """Pages through the send review until y may send; returns the
        message numbers ("Message N of M") seen on the way. After each
        PgDn it waits for the review's footer to move (fewer lines below,
        fewer messages not shown; the footer is drawn last), not for a
        fixed time."""
        seen = set()
        screen = self.wait_for(lambda s: "Message 1 of" in s or "y sends the test now" in s,
                               timeout=20)
        for _ in range(20):
            seen.update(int(n) for n in re.findall(r"Message (\d+) of \d+ ·", screen))
            if review_may_send(screen):
                return seen
            before = review_progress(screen)
            self.send("PageDown")
            screen = self.wait_settled(lambda s: review_may_send(s) or review_progress(s) != before)
        raise AssertionError(f"y never became possible; screen:\n{screen}")

    def wait_settled(self, check, timeout=10.0):
        """As wait_for, but the screen must also be the same on the next
        poll: a redraw that scrolls moves the old footer before it draws
        the new one, and a capture in between must not count."""
        deadline = time.monotonic() + timeout
        screen = self.capture()
        while time.monotonic() < deadline:
            time.sleep(0.05)
            again = self.capture()
            if again == screen and check(screen):
                return screen
            screen = again
        raise AssertionError(f"timed out waiting for the review to move; screen:\n{screen}\n"
                             f"stderr:\n{self.stderr()}")

    def send_from_form(self, count=1):
        """In the recipients form: y, every message of the review on
        screen, y; waits for the totals."""
        self.send("y")
        self.review_all()
        self.send("y")
        return self.wait_for(f"Sent {count} message(s) of {count}:", timeout=30)

    def send_the_plan(self, count=8):
        """a (mark the default plan), s, y past the recipients form, every
        message of the review on screen, then y: the batch starts."""
        self.send("a")
        self.wait_for(f"{count} marked")
        self.send("s")
        self.wait_for(f"Recipients of {count} message(s)")
        self.send("y")
        self.review_all()
        self.send("y")

    def cfo_bcc_saved(self, bcc):
        """3, s: the CFO report's form; its Bcc set to `bcc`, then w saves
        the form's recipients to recipients.env."""
        self.send("3", "s")
        self.wait_for("Recipients of 1 message(s)")
        self.send("j", "j", "Enter", "C-u")
        self.type(bcc)
        self.send("Enter")
        self.wait_for("message rebuilt")
        self.send("w")

    def open_statistics(self):
        """S, then waits for SES's answer; returns the screen."""
        self.send("S")
        return self.wait_for("delivery attempts", timeout=20)

    def review_one(self, keys, title):
        """Selects a report with `keys` (its preview titled `title`), s, y
        past the recipients form: the review of that one message opens."""
        self.send(*keys)
        self.wait_for(title)
        self.send("s")
        self.wait_for("Recipients of 1 message(s)")
        self.send("y")

    def read_changed_lines(self):
        """In a rebuilt message just opened (at its first changed line):
        PgDn until the console says every changed line was on screen."""
        done = "every changed line was on screen"
        screen = self.wait_for(lambda s: re.search(r" · lines (\d+)-", s))
        for _ in range(60):
            if done in screen:
                return screen
            before = re.search(r" · lines (\d+)-", screen).group(1)
            self.send("PageDown")
            screen = self.wait_for(lambda s: done in s or (
                re.search(r" · lines (\d+)-", s) and
                re.search(r" · lines (\d+)-", s).group(1) != before))
        raise AssertionError(f"the changed lines were never all shown; screen:\n{screen}")

    def read_rebuilt_and_send(self):
        """In a review whose only message was rebuilt: Enter reads it (every
        changed line on screen), q goes back, y sends; waits for the totals."""
        self.send("Enter")
        self.wait_for("as it will be sent (about ")
        self.read_changed_lines()
        self.send("q")
        self.wait_for("y sends now")
        self.send("y")
        return self.wait_for("Sent 1 message(s) of 1:", timeout=30)

    def resize(self, width, height):
        self._tmux("resize-window", "-x", str(width), "-y", str(height))

    def descendant_pid(self, word):
        """The pid of a process started under the pane whose command line
        holds `word` (a peer scripts/demo started, say); None if none."""
        pane = int(self._tmux("display-message", "-p", "#{pane_pid}").stdout)
        listing = subprocess.run(["ps", "-eo", "pid=,ppid=,args="], capture_output=True, text=True,
                                 check=True).stdout
        rows = [line.split(None, 2) for line in listing.splitlines()]
        family, found = {pane}, True
        while found:
            found = False
            for pid, ppid, *args in rows:
                if int(ppid) in family and int(pid) not in family:
                    family.add(int(pid))
                    found = True
        return next((int(pid) for pid, _, *args in rows if int(pid) in family and word in " ".join(args)),
                    None)

    def alive(self):
        return self._tmux("has-session", check=False).returncode == 0

    def stderr(self):
        try:
            with open(self.stderr_path) as f:
                return f.read()
        except OSError:
            return ""

    def quit(self, timeout=5.0):
        """Q (and y when it asks, with reports marked or a form open), then
        waits for the console to exit; False if it did not."""
        self.send("Q")
        deadline = time.monotonic() + timeout
        answered = False
        while time.monotonic() < deadline:
            if not self.alive():
                return True
            if not answered and "Quit and drop the" in self.capture():
                self.send("y")
                answered = True
            time.sleep(0.05)
        return False

    def close(self):
        self._tmux("kill-server", check=False)
        if not os.environ.get("KEEP_TEMP"):
            shutil.rmtree(self.home, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, exc_type, *exc):
        """Quits the console the operator's way; a sanitizer report on its
        stderr (a sanitized build) fails the test."""
        try:
            if exc_type is None:
                exited = self.quit()
                report = self.stderr()
                if "Sanitizer" in report or "runtime error:" in report:
                    raise AssertionError(f"the console's stderr has a sanitizer report:\n{report[-4000:]}")
                if not exited:
                    raise AssertionError(f"the console did not exit on Q; screen:\n{self.capture()}")
        finally:
            self.close()


def review_may_send(screen):
    return "y sends now" in screen or "y sends the test now" in screen


def review_progress(screen):
    """Where the send review's footer says the page is: the lines still
    below and the messages not shown yet (both shrink as PgDn moves on)."""
    return (re.findall(r"↓ (\d+) more lines? below", screen),
            re.findall(r"(\d+) of \d+ not shown yet", screen))


def text_part(raw):
    """The decoded text/plain part of a raw message."""
    message = email.message_from_string(raw)
    return "".join(part.get_payload(decode=True).decode()
                   for part in message.walk() if part.get_content_type() == "text/plain")


def plain(screen):
    """The screen without SGR escapes."""
    return ESCAPE.sub("", screen)
