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
    def setUp(self):
        self.tmp = TempDir()
        self.dir = os.path.realpath(self.tmp.__enter__())
        self.first = os.path.join(self.dir, "first", "briefing")
        shutil.copytree(SOURCE_DIR, self.first, ignore=ignored, symlinks=True)
        result = build(self.first)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(cached_source(self.first), self.first)

    def tearDown(self):
        self.tmp.__exit__(None, None, None)

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
        moved = os.path.join(self.dir, "moved", "briefing")
        os.makedirs(os.path.dirname(moved))
        os.rename(self.first, moved)
        self.assert_rebuilt_for(moved, self.first)

    def test_a_copied_checkout_builds_and_leaves_the_original_alone(self):
        copy = os.path.join(self.dir, "copy", "briefing")
        shutil.copytree(self.first, copy, symlinks=True)
        self.assert_rebuilt_for(copy, self.first)
        self.assertEqual(cached_source(self.first), self.first)
        self.assertEqual(build(self.first).stderr, "")


if __name__ == "__main__":
    unittest.main(verbosity=2)
