"""Every option a command accepts is in its --help, its section of
briefing(1) and both shell completions; everything those list, and every
option of the README's usage block, is accepted. What is accepted is found
by asking the binary, not by reading the table the documents come from."""
import os
import re
import subprocess
import unittest
from concurrent.futures import ThreadPoolExecutor

from support import BRIEFING, NOW, SAMPLE, SOURCE_DIR, TempDir, run

BUILD_DIR = os.environ.get("BRIEFING_BUILD_DIR", os.path.dirname(BRIEFING))
COMMANDS = ["", "list", "render", "send", "stats", "log", "resend", "diff", "events", "ledger"]


def command_args(command, *args):
    return [command, *args] if command else list(args)


def accepts(command, option):
    """True when `briefing COMMAND --OPTION=80 --help` parses (an option
    with a value; --help so nothing runs) or is refused only because the
    option is a flag, which takes no value."""
    result = run(*command_args(command, f"--{option}=80", "--help"))
    if result.returncode == 0:
        return result.stdout.startswith("usage:")
    return f"--{option}=80 takes no value" in result.stderr


def options_in(text):
    return set(re.findall(r"(?<![\w-])--([a-z][a-z-]*)", text)) - {"help", "version", "generate"}


def candidates():
    """Every option name any source mentions: the binary's help, the
    documents, the README, and the source that parses them."""
    names = set()
    for command in COMMANDS:
        names |= options_in(run(*command_args(command, "--help"), check=0).stdout)
    for path in (os.path.join(BUILD_DIR, "completions", "briefing.bash"),
                 os.path.join(BUILD_DIR, "completions", "briefing.zsh"),
                 os.path.join(SOURCE_DIR, "README.md")):
        with open(path) as f:
            names |= options_in(f.read())
    with open(os.path.join(SOURCE_DIR, "src", "cli", "cli_table.c")) as f:
        names |= set(re.findall(r'CLI_(?:OPT|FLAG)\("([a-z-]+)"', f.read()))
    names.add("theme")
    return names


def man_sections():
    """briefing(1) rendered, split into each command's section."""
    text = subprocess.run(["man", "-l", os.path.join(BUILD_DIR, "man", "briefing.1")],
                          env=dict(os.environ, MANWIDTH="80", MAN_KEEP_FORMATTING=""),
                          capture_output=True, text=True, check=True).stdout
    text = re.sub(r".\x08", "", text)
    sections = {}
    heading = re.compile(r"^ {3}briefing( [a-z]+)? \[OPTIONS\]", re.M)
    matches = list(heading.finditer(text))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else text.index("EXIT STATUS")
        sections[(match.group(1) or "").strip()] = text[match.end():end]
    return sections


def completion_sections(shell):
    """The options each command's arm of the completion script offers."""
    with open(os.path.join(BUILD_DIR, "completions", f"briefing.{shell}")) as f:
        script = f.read()
    sections = {}
    if shell == "bash":
        for command, words in re.findall(r"^    ([a-z]+|\*)\) words=\"([^\"]*)\"", script, re.M):
            sections["" if command == "*" else command] = words
    else:
        console, commands = script.split("case $state in", 1)
        sections[""] = console.split("_arguments -C", 1)[1]
        for command, body in re.findall(r"^  ([a-z]+)\)\n(.*?) ;;$", commands, re.M | re.S):
            sections[command] = body
    return sections


class OptionsDocumentedTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        names = sorted(candidates())
        pairs = [(c, n) for c in COMMANDS for n in names]
        with ThreadPoolExecutor(max_workers=4) as pool:  # ~200 runs: the machine is shared
            verdicts = list(pool.map(lambda pair: accepts(*pair), pairs))
        cls.accepted = {c: set() for c in COMMANDS}
        for (command, name), accepted in zip(pairs, verdicts):
            if accepted:
                cls.accepted[command].add(name)
        cls.help = {c: options_in(run(*command_args(c, "--help"), check=0).stdout) for c in COMMANDS}

    def test_every_command_accepts_some_options_and_refuses_a_made_up_one(self):
        for command in COMMANDS:
            self.assertIn("root" if command != "log" else "ledger", self.accepted[command])
            result = run(*command_args(command, "--no-such-option"))
            self.assertEqual(result.returncode, 2, command)
            self.assertIn("--no-such-option", result.stderr)

    def test_send_help_lists_what_the_issue_found_missing(self):
        for option in ("now", "archive", "env", "no-pacing"):
            self.assertIn(option, self.accepted["send"])
            self.assertIn(option, self.help["send"])

    def test_every_accepted_option_is_in_the_commands_help_and_nothing_else_is(self):
        for command in COMMANDS:
            help_options = self.help[command]
            if command == "":  # the console's help also names the commands' options
                help_options = options_in(run("--help", check=0).stdout.split("Commands:")[0])
            self.assertEqual(help_options, self.accepted[command], f"briefing {command} --help")

    def test_every_accepted_option_is_in_the_commands_man_section_and_nothing_else_is(self):
        sections = man_sections()
        self.assertEqual(sorted(sections), sorted(COMMANDS))
        for command in COMMANDS:
            self.assertEqual(options_in(sections[command]), self.accepted[command],
                             f"briefing(1), briefing {command}")

    def test_every_accepted_option_is_offered_by_both_completions_and_nothing_else_is(self):
        for shell in ("bash", "zsh"):
            sections = completion_sections(shell)
            self.assertEqual(sorted(sections), sorted(COMMANDS), shell)
            for command in COMMANDS:
                self.assertEqual(options_in(sections[command]), self.accepted[command],
                                 f"{shell} completion, briefing {command}")

    def test_every_option_of_the_readme_usage_block_is_accepted(self):
        with open(os.path.join(SOURCE_DIR, "README.md")) as f:
            readme = f.read()
        block = re.search(r"## Using it\n+```\n(.*?)```", readme, re.S).group(1)
        lines = [line for line in block.splitlines() if line.strip()]
        command = None
        for line in lines:
            match = re.match(r"briefing(?: ([a-z]+))?\s", line + " ")
            if match:
                command = match.group(1) or ""
            usage = line.split("#")[0]
            for option in options_in(usage):
                self.assertIn(option, self.accepted[command], f"README: {line.strip()}")

    def test_bash_completion_offers_a_commands_options_and_an_options_values(self):
        script = os.path.join(BUILD_DIR, "completions", "briefing.bash")

        def complete(*words):
            line = " ".join(["briefing", *words])
            program = (f'source "{script}"; COMP_WORDS=({line}); COMP_CWORD={len(words)}; '
                       '_briefing; printf "%s\\n" "${COMPREPLY[@]}"; complete -p briefing')
            return subprocess.run(["bash", "-c", program], capture_output=True, text=True,
                                  check=True).stdout.split("\n")

        offered = complete("send", "--no")
        self.assertIn("--now", offered)
        self.assertIn("--no-pacing", offered)
        self.assertIn("complete -F _briefing briefing", offered)
        self.assertEqual(complete("render", "--persona", "c")[:4], ["ceo", "cto", "cfo", "cmo"])
        self.assertNotIn("--theme", complete("log", "--"))
        self.assertIn("resend", complete("re"))

    def test_every_value_the_completions_offer_is_accepted(self):
        with open(os.path.join(BUILD_DIR, "completions", "briefing.bash")) as f:
            script = f.read()
        offered = dict(re.findall(r"^    --([a-z]+)\)\n.*?compgen -W \"([^\"]*)\"", script, re.M | re.S))
        self.assertEqual(sorted(offered), ["format", "persona", "state"])
        with TempDir() as temp:
            ledger = os.path.join(temp, "ledger.sqlite3")
            os.close(os.open(ledger, os.O_CREAT | os.O_WRONLY, 0o600))  # log never creates one
            env_file = os.path.join(temp, "repos.env")  # eml needs a sender and a recipient
            with open(env_file, "w") as f:
                f.write("SES_FROM_ADDRESS=reports@example.com\nEXEC_REPORT_TO=ceo@example.com\n")
            for value in offered["format"].split():
                run("render", "--root", SAMPLE, "--env", env_file, "--persona", "ceo", "--format",
                    value, "--now", NOW, check=0)
            for value in offered["persona"].split():
                run("log", "--persona", value, "--ledger", ledger, check=0)
            for value in offered["state"].split():
                run("log", "--state", value, "--ledger", ledger, check=0)
            self.assertEqual(run("log", "--state", "lost", "--ledger", ledger).returncode, 2)

    def test_zsh_completion_is_valid_zsh(self):
        script = os.path.join(BUILD_DIR, "completions", "briefing.zsh")
        result = subprocess.run(["zsh", "-n", script], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)


if __name__ == "__main__":
    unittest.main()
