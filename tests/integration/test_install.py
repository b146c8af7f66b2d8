"""`cmake --install` into a DESTDIR (no root needed): the tree a package
holds, and an installed binary that finds its themes and its man page."""
import gzip
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
    "share/man/man1/briefing.1.gz",
    "share/man/man5/briefing-handoff.5.gz",
    "share/man/man5/briefing-config.5.gz",
    "share/bash-completion/completions/briefing",
    "share/doc/briefing/README.md",
    "share/doc/briefing/copyright",
    "share/doc/briefing/changelog.gz",
    "share/doc/briefing/handoff-format.md",
    "share/doc/briefing/examples/portfolio/repos.env.example",
]


def zsh_completion_dir(prefix):
    """Where _briefing goes: Debian's zsh reads /usr/share/zsh/vendor-completions
    (a package's), not /usr/share/zsh/site-functions; other prefixes use
    zsh's own site-functions."""
    return "share/zsh/vendor-completions" if prefix == "/usr" else "share/zsh/site-functions"


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
        for path in INSTALLED + [zsh_completion_dir(self.prefix) + "/_briefing"]:
            self.assertTrue(os.path.isfile(os.path.join(self.tree, path)), path)
        self.assertTrue(os.access(self.program, os.X_OK))

    @unittest.skipUnless(shutil.which("zsh"), "zsh (Debian package) is missing")
    def test_zsh_finds_the_completion_where_it_is_installed(self):
        if self.prefix not in ("/usr", "/usr/local"):
            self.skipTest(f"prefix {self.prefix}: no zsh looks there by itself")
        fpath = subprocess.run(["zsh", "-fc", "print -l $fpath"], capture_output=True, text=True,
                               check=True).stdout.split("\n")
        self.assertIn(os.path.join(self.prefix, zsh_completion_dir(self.prefix)), fpath)

    def test_bash_completes_commands_and_options_from_the_installed_script(self):
        script = os.path.join(self.tree, "share/bash-completion/completions/briefing")
        out = subprocess.run(
            ["bash", "--norc", "-c", f"source '{script}'; complete -p briefing; "
             "COMP_WORDS=(briefing --root /x se); COMP_CWORD=3; _briefing; echo \"${COMPREPLY[*]}\"; "
             "COMP_WORDS=(briefing send --per); COMP_CWORD=2; _briefing; echo \"${COMPREPLY[*]}\""],
            capture_output=True, text=True, check=True).stdout.splitlines()
        self.assertEqual(out, ["complete -F _briefing briefing", "send", "--persona"])

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
                                 os.path.join(self.tree, "share", "man", "man1", "briefing.1.gz")],
                                env=dict(os.environ, MANWIDTH="80"), capture_output=True, text=True)
        self.assertEqual(result.stderr, "")
        self.assertIn("briefing send [OPTIONS]", re.sub(r".\x08", "", result.stdout))

    def test_man_pages_and_changelog_are_gzip_n_as_debian_wants(self):
        for path in INSTALLED:
            if path.endswith(".gz"):
                with open(os.path.join(self.tree, path), "rb") as f:
                    header = f.read(10)
                # gzip -9n: no file name (FLG bit 3) and no time (MTIME 0), so
                # two builds give the same bytes; XFL 2: the slowest, best level.
                self.assertEqual(header[:3], b"\x1f\x8b\x08", path)
                self.assertEqual((header[3] & 0x08, header[4:8], header[8]), (0, b"\0\0\0\0", 2),
                                 path)

    def test_the_changelog_names_the_version_the_binary_says(self):
        version = subprocess.run([self.program, "--version"], capture_output=True, text=True,
                                 check=True).stdout.split()[1]
        with gzip.open(os.path.join(self.tree, "share/doc/briefing/changelog.gz"), "rt") as f:
            self.assertRegex(f.readline(), rf"^briefing \({re.escape(version)}\) ")

    def test_the_copyright_file_is_machine_readable(self):
        with open(os.path.join(self.tree, "share/doc/briefing/copyright")) as f:
            text = f.read()
        self.assertTrue(text.startswith("Format: https://www.debian.org/doc/packaging-manuals/"
                                        "copyright-format/1.0/\n"))
        self.assertRegex(text, r"\nFiles: \*\nCopyright: .+\nLicense: \S+")


if __name__ == "__main__":
    unittest.main()
