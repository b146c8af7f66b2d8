"""scripts/build in a moved or copied checkout: the build folder's CMake
cache names the old place, and the script configures it afresh (saying so)
instead of stopping at cmake's "does not match the source" error.

Each run builds only the smallest library (BUILD_TARGET=briefing_util): what
is tested is the configure step, and a whole build per case costs minutes."""
import os
import re
import shutil
import subprocess
import unittest

from support import SOURCE_DIR, TempDir



def ignored(folder, names):
    """What a fresh checkout does not hold: git's data, build folders at the
    top (scripts/build is no build folder), caches and installed peers."""
    top = os.path.realpath(folder) == os.path.realpath(SOURCE_DIR)
    return {n for n in names if n in (".git", "__pycache__", "node_modules") or
            (top and (n == "build" or n.startswith("build-")))}


def build(checkout):
    return subprocess.run(["scripts/build"], cwd=checkout, capture_output=True, text=True,
                          env=dict(os.environ, BUILD_DIR="build", BUILD_TARGET="briefing_util"),
                          timeout=600)


def cached_source(checkout):
    with open(os.path.join(checkout, "build", "CMakeCache.txt")) as f:
        return re.search(r"^CMAKE_HOME_DIRECTORY:INTERNAL=(.*)$", f.read(), re.M).group(1)


class MovedCheckoutTest(unittest.TestCase):
    """One checkout built once for the class (a configure and a build take
    most of this file's time); each test copies it, build folder and all,
    so its cache names the first checkout."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = TempDir()
        cls.dir = os.path.realpath(cls.tmp.__enter__())
        cls.first = os.path.join(cls.dir, "first", "briefing")
        shutil.copytree(SOURCE_DIR, cls.first, ignore=ignored, symlinks=True)
        result = build(cls.first)
        if result.returncode != 0 or cached_source(cls.first) != cls.first:
            cls.tmp.__exit__(None, None, None)
            raise AssertionError(f"the first checkout did not build:\n{result.stderr}")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.__exit__(None, None, None)

    def assert_rebuilt_for(self, checkout, old):
        result = build(checkout)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(f"build was configured for {old} (a moved or copied checkout): "
                      f"configuring it afresh for {checkout}", " ".join(result.stderr.split()))
        self.assertEqual(cached_source(checkout), checkout)
        self.assertTrue(os.path.isfile(os.path.join(checkout, "build", "libbriefing_util.a")))
        again = build(checkout)  # now at home: nothing to say
        self.assertEqual((again.returncode, again.stderr), (0, ""))

    def test_a_moved_checkout_builds_in_its_old_build_folder(self):
        # Moved: a copy, with the first checkout gone from its place while
        # the copy builds (put back afterwards for the other test).
        moved = os.path.join(self.dir, "moved", "briefing")
        shutil.copytree(self.first, moved, symlinks=True)
        aside = self.first + ".aside"
        os.rename(self.first, aside)
        try:
            self.assert_rebuilt_for(moved, self.first)
        finally:
            os.rename(aside, self.first)

    def test_a_copied_checkout_builds_and_leaves_the_original_alone(self):
        copy = os.path.join(self.dir, "copy", "briefing")
        shutil.copytree(self.first, copy, symlinks=True)
        self.assert_rebuilt_for(copy, self.first)
        self.assertEqual(cached_source(self.first), self.first)
        self.assertEqual(build(self.first).stderr, "")


if __name__ == "__main__":
    unittest.main(verbosity=2)
