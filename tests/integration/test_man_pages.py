"""The man pages (man/*.scd, built by scdoc): man renders each without a
warning, each has the sections a reader looks for, and briefing(1) names
every environment variable the program reads."""
import glob
import os
import re
import subprocess
import unittest

from support import BRIEFING, SOURCE_DIR

BUILD_DIR = os.environ.get("BRIEFING_BUILD_DIR", os.path.dirname(BRIEFING))
PAGES = {
    "briefing.1": ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "EXIT STATUS", "ENVIRONMENT",
                   "FILES", "SEE ALSO"],
    "briefing-handoff.5": ["NAME", "SYNOPSIS", "DESCRIPTION", "PARTS", "VALUES", "DIAGNOSTICS",
                           "SEE ALSO"],
    "briefing-config.5": ["NAME", "SYNOPSIS", "CONFIGURATION FILE", "REPOS.ENV", "THEMES",
                          "SEE ALSO"],
}


def section(text, heading):
    """The body of the section `heading` of a rendered page."""
    start = re.search(rf"^{heading}$", text, re.M).end()
    end = re.compile(r"^[A-Z]", re.M).search(text, start)
    return text[start:end.start() if end else len(text)]


def render(page):
    """`MANWIDTH=80 man -l --warnings PAGE`: the text and what groff said."""
    result = subprocess.run(["man", "-l", "--warnings", os.path.join(BUILD_DIR, "man", page)],
                            env=dict(os.environ, MANWIDTH="80", MAN_KEEP_FORMATTING=""),
                            capture_output=True, text=True)
    return result.returncode, re.sub(r".\x08", "", result.stdout), result.stderr


class ManPagesTest(unittest.TestCase):
    def test_each_page_renders_without_warnings_and_has_its_sections(self):
        for page, sections in PAGES.items():
            status, text, warnings = render(page)
            self.assertEqual(status, 0, page)
            self.assertEqual(warnings, "", page)
            headings = re.findall(r"^([A-Z][A-Z. ]+)$", text, re.M)
            self.assertEqual([h for h in headings if h in sections], sections, page)

    def test_the_exit_codes_are_those_of_the_cli_header(self):
        with open(os.path.join(SOURCE_DIR, "include", "briefing", "cli.h")) as f:
            codes = re.findall(r"EXIT_[A-Z_]+ = (\d+)", f.read())
        text = render("briefing.1")[1]
        self.assertEqual(re.findall(r"^ {7}(\d+)$", section(text, "EXIT STATUS"), re.M), codes)

    def test_briefing_1_names_every_environment_variable_the_program_reads(self):
        variables = set()
        for path in glob.glob(os.path.join(SOURCE_DIR, "src", "**", "*.c"), recursive=True):
            with open(path) as f:
                variables |= set(re.findall(r'getenv\("([A-Z_]+)"\)', f.read()))
        variables -= {"HOME", "TERM", "PATH"}  # what every program reads
        self.assertIn("BRIEFING_THEME_DIR", variables)
        text = render("briefing.1")[1]
        environment = section(text, "ENVIRONMENT")
        for variable in sorted(variables):
            self.assertRegex(environment, rf"\b{variable}\b")

    def test_the_installed_theme_folder_is_named(self):
        with open(os.path.join(BUILD_DIR, "CMakeCache.txt")) as f:
            prefix = re.search(r"^CMAKE_INSTALL_PREFIX:PATH=(.*)$", f.read(), re.M).group(1)
        self.assertIn(f"{prefix}/share/briefing/themes", render("briefing-config.5")[1])


if __name__ == "__main__":
    unittest.main()
