"""$XDG_CONFIG_HOME/briefing/config (briefing-config(5)): defaults for root,
theme, env, ledger and archive; the command line wins; a bad line is an
error naming file:line; and --version names a commit of this repository."""
import os
import re
import subprocess
import unittest

from console_tmux import Console, plain
from support import SAMPLE, SOURCE_DIR, TempDir, run


class ConfigFileTest(unittest.TestCase):
    def setUp(self):
        temp = TempDir()
        self.home = temp.__enter__()
        self.addCleanup(temp.__exit__, None, None, None)
        self.config = os.path.join(self.home, "config", "briefing", "config")
        os.makedirs(os.path.dirname(self.config))
        self.env = {"XDG_CONFIG_HOME": os.path.join(self.home, "config"), "HOME": self.home,
                    "XDG_STATE_HOME": os.path.join(self.home, "state")}

    def write(self, *lines):
        with open(self.config, "w") as f:
            f.write("\n".join(lines) + "\n")

    def test_root_from_the_file_is_used_when_the_command_line_has_none(self):
        self.write("# where the handoffs are", f"root = {SAMPLE}")
        out = run("list", env=self.env, check=0).stdout
        self.assertIn(f"Portfolio {SAMPLE}: 7 entities", out)

    def test_the_command_line_wins_over_the_file(self):
        self.write("root = /nonexistent/portfolio")
        self.assertIn("/nonexistent/portfolio", run("list", env=self.env, check=2).stderr)
        run("list", "--root", SAMPLE, env=self.env, check=0)

    def test_a_home_relative_value_starts_at_home(self):
        os.symlink(SAMPLE, os.path.join(self.home, "portfolio"))
        self.write("root = ~/portfolio")
        out = run("list", env=self.env, check=0).stdout
        self.assertIn(f"Portfolio {self.home}/portfolio: 7 entities", out)

    def test_ledger_from_the_file_is_the_ledger_log_reads(self):
        ledger = os.path.join(self.home, "elsewhere", "ledger.sqlite3")
        os.makedirs(os.path.dirname(ledger))
        self.write(f"root = {SAMPLE}", f"ledger = {ledger}")  # log takes no --root: ignored
        # log only reads (it never creates a ledger): its refusal names the file's ledger
        self.assertIn(f"no ledger at {ledger}", run("log", "--json", env=self.env, check=2).stderr)
        os.close(os.open(ledger, os.O_CREAT | os.O_WRONLY, 0o600))
        run("log", "--json", env=self.env, check=0)
        self.assertFalse(os.path.exists(os.path.join(self.home, "state", "briefing")))

    def test_each_bad_line_is_an_error_naming_file_and_line_and_nothing_runs(self):
        cases = {
            ("root = x", "no equals sign here"): ':2: expected "key = value"',
            ("[defaults]", "root = x"): ":1: a section header",
            ("root = x", "", "colour = red"): ':3: unknown key "colour"',
            ("theme =",): ":1: theme has no value",
            ("root = a", "root = b"): ":2: root is set twice",
            ("root = /" + "x" * 300,): ":1: a line longer than",
        }
        for lines, message in cases.items():
            self.write(*lines)
            result = run("list", "--root", SAMPLE, env=self.env)
            self.assertEqual(result.returncode, 3, lines)
            self.assertEqual(result.stdout, "", lines)
            self.assertIn(self.config + message, result.stderr, lines)

    def test_help_does_not_read_the_file(self):
        self.write("bad line")
        run("send", "--help", env=self.env, check=0)

    def test_a_missing_file_is_no_error_and_a_relative_xdg_config_home_is_ignored(self):
        run("list", "--root", SAMPLE, env=self.env, check=0)
        self.write("bad line")
        run("list", "--root", SAMPLE, env=dict(self.env, XDG_CONFIG_HOME="config"), check=0)
        os.makedirs(os.path.join(self.home, ".config", "briefing"))
        os.rename(self.config, os.path.join(self.home, ".config", "briefing", "config"))
        run("list", "--root", SAMPLE, env=dict(self.env, XDG_CONFIG_HOME="config"), check=3)

    def test_the_consoles_theme_comes_from_the_file_and_briefing_theme_wins_over_it(self):
        self.write("theme = fromthefile")
        env = {"XDG_CONFIG_HOME": os.path.join(self.home, "config")}
        with Console(SAMPLE, width=160, env=env) as console:
            console.wait_for('theme "fromthefile" not found')
        with Console(SAMPLE, width=160, env=dict(env, BRIEFING_THEME="fromenv")) as console:
            screen = plain(console.wait_for('theme "fromenv" not found'))
            self.assertNotIn("fromthefile", screen)


class VersionTest(unittest.TestCase):
    def test_version_says_the_version_and_a_commit_of_this_repository(self):
        out = run("--version", check=0).stdout
        match = re.fullmatch(r"briefing (\d+\.\d+\.\d+) \(git ([0-9a-f]{12}|unknown)\)\n", out)
        self.assertIsNotNone(match, out)
        with open(os.path.join(SOURCE_DIR, "CMakeLists.txt")) as f:
            self.assertIn(f"VERSION {match.group(1)}", f.read())
        inside_git = subprocess.run(["git", "-C", SOURCE_DIR, "rev-parse"],
                                    capture_output=True).returncode == 0
        if inside_git:
            subprocess.run(["git", "-C", SOURCE_DIR, "cat-file", "-e", match.group(2) + "^{commit}"],
                           check=True)


if __name__ == "__main__":
    unittest.main()
