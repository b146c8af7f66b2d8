"""`cmake --install` into a DESTDIR (no root needed): the tree a package
holds, and an installed binary that finds its themes and its man page."""
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import console_tmux
from console_tmux import Console, plain
from support import BRIEFING, SAMPLE

BUILD_DIR = os.environ.get("BRIEFING_BUILD_DIR", os.path.dirname(BRIEFING))
INSTALLED = [
    "bin/briefing",
    "share/briefing/themes/default.theme",
    "share/briefing/themes/light.theme",
    "share/briefing/themes/mono.theme",
    "share/man/man1/briefing.1",
    "share/man/man5/briefing-handoff.5",
    "share/man/man5/briefing-config.5",
    "share/bash-completion/completions/briefing",
    "share/zsh/site-functions/_briefing",
    "share/doc/briefing/README.md",
    "share/doc/briefing/handoff-format.md",
    "share/doc/briefing/examples/portfolio/repos.env.example",
]


def configured_prefix():
    with open(os.path.join(BUILD_DIR, "CMakeCache.txt")) as f:
        return re.search(r"^CMAKE_INSTALL_PREFIX:PATH=(.*)$", f.read(), re.M).group(1)


class InstallTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.destdir = tempfile.mkdtemp(prefix="briefing-install-")
        cls.prefix = configured_prefix()
        cls.tree = cls.destdir + cls.prefix
        subprocess.run(["cmake", "--install", BUILD_DIR], env=dict(os.environ, DESTDIR=cls.destdir),
                       capture_output=True, text=True, check=True)
        cls.program = os.path.join(cls.tree, "bin", "briefing")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.destdir, ignore_errors=True)

    def console(self, *args):
        """The installed binary's console, with no theme folder but its own."""
        console_tmux.BRIEFING = self.program  # Console runs the module's BRIEFING
        self.addCleanup(setattr, console_tmux, "BRIEFING", BRIEFING)
        return Console(SAMPLE, width=400, env={"BRIEFING_THEME_DIR": ""}, args=args)

    def test_the_tree_holds_the_program_themes_man_pages_completions_and_docs(self):
        for path in INSTALLED:
            self.assertTrue(os.path.isfile(os.path.join(self.tree, path)), path)
        self.assertTrue(os.access(self.program, os.X_OK))

    def test_the_installed_binary_says_its_version_and_commit(self):
        out = subprocess.run([self.program, "--version"], capture_output=True, text=True,
                             check=True).stdout
        self.assertRegex(out, r"^briefing \d+\.\d+\.\d+ \(git ([0-9a-f]{7,}|unknown)\)\n$")

    def test_the_installed_binary_finds_a_theme_installed_beside_it(self):
        themes = os.path.join(self.tree, "share", "briefing", "themes")
        shutil.copy(os.path.join(themes, "light.theme"), os.path.join(themes, "only-here.theme"))
        with self.console("--theme", "only-here") as console:
            # A blank screen can hold still while a busy machine starts it.
            screen = plain(console.wait_for("Entities"))
            self.assertNotIn("not found", screen)
            self.assertNotIn("theme:", screen)

    def test_a_missing_theme_names_the_folders_beside_the_binary_and_the_prefix(self):
        with self.console("--theme", "nosuchtheme") as console:
            screen = plain(console.wait_for('theme "nosuchtheme" not found'))
            flat = re.sub(r"\s+", "", screen)
            self.assertIn(re.sub(r"\s+", "", f"{self.tree}/bin/../share/briefing/themes"), flat)
            self.assertIn(f"{self.prefix}/share/briefing/themes".replace(" ", ""), flat)

    def test_the_installed_man_page_renders_without_warnings(self):
        result = subprocess.run(["man", "-l", "--warnings",
                                 os.path.join(self.tree, "share", "man", "man1", "briefing.1")],
                                env=dict(os.environ, MANWIDTH="80"), capture_output=True, text=True)
        self.assertEqual(result.stderr, "")
        self.assertIn("briefing send [OPTIONS]", re.sub(r".\x08", "", result.stdout))


if __name__ == "__main__":
    unittest.main()
