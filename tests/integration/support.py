"""Shared by the integration tests: where things are, and running briefing.

Tests are plain unittest modules run by Debian's /usr/bin/python3 under
ctest; ctest passes BRIEFING (the binary), BRIEFING_SOURCE_DIR and SHARED_DIR.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

SOURCE_DIR = os.environ.get("BRIEFING_SOURCE_DIR",
                            os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
BRIEFING = os.environ.get("BRIEFING", os.path.join(SOURCE_DIR, "build", "briefing"))
SAMPLE = os.path.join(SOURCE_DIR, "examples", "portfolio")
NOW = "2026-11-23T09:00:00Z"

sys.path.insert(0, os.path.join(SOURCE_DIR, "tests", "peers"))


def environment(env=None):
    """The environment briefing runs in: the test runner's, without what
    would steer it (AWS_*, SOURCE_DATE_EPOCH, DASHBOARD_URL), plus `env`."""
    full_env = dict(os.environ)
    full_env.pop("SOURCE_DATE_EPOCH", None)
    for key in list(full_env):
        if key.startswith("AWS_") or key == "DASHBOARD_URL":
            full_env.pop(key)
    # The operator's ~/.config/briefing/config (a ledger, a root) must not
    # steer a test: a folder that holds none, unless the test gives one.
    full_env["XDG_CONFIG_HOME"] = "/nonexistent/briefing-tests-config"
    # No test machine's own instance role: a test that wants one sets its endpoint.
    full_env["AWS_EC2_METADATA_DISABLED"] = "true"
    if env:
        full_env.update(env)
    return full_env


def run(*args, env=None, input=None, timeout=60, check=None):
    """Runs briefing with args; returns the CompletedProcess (text mode).
    `check` is the expected exit code, asserted when given."""
    full_env = environment(env)
    result = subprocess.run([BRIEFING, *args], env=full_env, input=input, capture_output=True,
                            text=True, timeout=timeout, stdin=None if input is not None else subprocess.DEVNULL,
                            start_new_session=True)  # no controlling terminal: it never asks the runner's
    if check is not None and result.returncode != check:
        raise AssertionError(f"briefing {' '.join(args)} exited {result.returncode}, expected {check}\n"
                             f"stdout:\n{result.stdout[-3000:]}\nstderr:\n{result.stderr[-3000:]}")
    return result


def wait_for(predicate, seconds=20):
    """The first true value of `predicate()`, asked every 50 ms; fails the
    test after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out waiting")


class TempDir:
    """A temporary directory, removed on exit (kept when KEEP_TEMP is set)."""

    def __enter__(self):
        self.path = tempfile.mkdtemp(prefix="briefing-test-")
        return self.path

    def __exit__(self, *exc):
        if not os.environ.get("KEEP_TEMP"):
            shutil.rmtree(self.path, ignore_errors=True)


def copy_sample(dest):
    """A private copy of the sample portfolio (tests may edit it)."""
    root = os.path.join(dest, "portfolio")
    shutil.copytree(SAMPLE, root, symlinks=True)
    return root


def write_env(root, **values):
    """Writes <root>/repos.env from keyword arguments (mode 0600)."""
    path = os.path.join(root, "repos.env")
    with open(path, "w") as f:
        for key, value in values.items():
            f.write(f"{key}={value}\n")
    os.chmod(path, 0o600)
    return path


class PeersTestCase(unittest.TestCase):
    """The emulator, and the SigV4-checking stand-in in front of it, started
    once per class. Each test gets a private copy of the sample portfolio
    whose repos.env holds `env_values`, a ledger in a temporary folder, and
    `self.env`, which points briefing at the stand-in with its keys."""

    env_values = {}
    emulator_account = None  # what the emulator's GetAccount answers (peers.Emulator)

    @classmethod
    def more_peers(cls):
        """Peers a subclass needs besides these two, by attribute name;
        all start side by side (peers.start_together)."""
        return {}

    @classmethod
    def setUpClass(cls):
        from peers import Emulator, StandIn, start_together
        cls.emulator = Emulator(account=cls.emulator_account)
        cls.standin = StandIn(forward=cls.emulator)
        more = cls.more_peers()
        cls.peers = start_together(cls.emulator, cls.standin, *more.values())
        for name, peer in more.items():
            setattr(cls, name, peer)

    @classmethod
    def tearDownClass(cls):
        for peer in reversed(cls.peers):
            peer.__exit__(None, None, None)

    def setUp(self):
        self.emulator.clear()
        self.standin.reset()
        self.tmp = TempDir()
        self.dir = self.tmp.__enter__()
        self.root = copy_sample(self.dir)
        write_env(self.root, **self.env_values)
        # A named ledger's folder must exist (docs/ledger.md): the operator's
        # state folder, made once as a real one would be.
        os.makedirs(os.path.join(self.dir, "state"), exist_ok=True)
        self.ledger = os.path.join(self.dir, "state", "ledger.sqlite3")
        self.env = {"AWS_ENDPOINT_URL_SES": self.standin.url, "HOME": self.dir,
                    **self.standin.credentials_env()}

    def tearDown(self):
        self.tmp.__exit__(None, None, None)


class DynamoDBTestCase(unittest.TestCase):
    """dynalite behind the signature-checking dynamodb_standin.py, and a
    HOME of the class's own, started once per class; `dynamodb_env()`
    points a program at the stand-in with its keys."""

    @classmethod
    def setUpClass(cls):
        from peers import SignedDynamoDB
        cls.tmp = TempDir()
        cls.home = cls.tmp.__enter__()
        cls.peers = SignedDynamoDB().__enter__()
        cls.dynalite, cls.standin = cls.peers.dynalite, cls.peers.standin

    @classmethod
    def tearDownClass(cls):
        cls.peers.__exit__(None, None, None)
        cls.tmp.__exit__(None, None, None)

    @classmethod
    def dynamodb_env(cls):
        return {"AWS_ENDPOINT_URL_DYNAMODB": cls.standin.url, "HOME": cls.home,
                **cls.standin.credentials_env()}


class SharedLedgerPeersTestCase(PeersTestCase):
    """PeersTestCase with the shared ledger's and archive's peers too,
    started once per class: `dynamodb` (dynalite behind the signature-
    checking dynamodb_standin.py) and `s3` (fauxqs's S3 behind s3_peer.py)."""

    @classmethod
    def setUpClass(cls):
        from peers import S3Peer, SignedDynamoDB
        super().setUpClass()
        cls.dynamodb = SignedDynamoDB().__enter__()
        cls.s3 = S3Peer().__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.s3.__exit__(None, None, None)
        cls.dynamodb.__exit__(None, None, None)
        super().tearDownClass()


class EventsQueueTestCase(PeersTestCase):
    """PeersTestCase with SES's events route: fauxqs (SNS+SQS) started once
    per class; each test gets its own queue, subscribed to its own topic,
    named in repos.env's SES_EVENTS_QUEUE_URL, and briefing is pointed at
    it (AWS_ENDPOINT_URL_SQS). `queue_prefix` names a class's queues."""
    queue_prefix = "ses-events"

    @classmethod
    def more_peers(cls):
        from sqs_peer import Fauxqs  # tests/peers, on sys.path above
        return {"sqs": Fauxqs()}

    def setUp(self):
        # SQS names stop at 80 characters: the prefix and the test's name's end.
        self.queue_name = f"{self.queue_prefix}-{self._testMethodName[-(79 - len(self.queue_prefix)):]}"
        self.queue_name = self.queue_name[:80]
        self.queue_url = self.sqs.create_queue(self.queue_name, visibility_timeout=2)
        self.topic_arn = self.sqs.create_topic(self.queue_name, self.queue_url)
        self.env_values = dict(self.env_values, SES_EVENTS_QUEUE_URL=self.queue_url)
        super().setUp()
        self.env["AWS_ENDPOINT_URL_SQS"] = self.sqs.url


def live_row(row):
    """The independent checkers' channel-row test (changed by fixC1 A4): docs/reports.md CMO
    headline 1 counts a channel row only when one of its cells is a live listing: not `MISSING`,
    not `—`, not OTAs `not listed yet —`."""
    for cell in row.strip().strip("|").split("|")[1:]:
        for part in cell.strip().split("; "):
            part = re.sub(r"^[^:—]*: ", "", part.strip())
            if part and part not in ("MISSING", "\u2014") and not part.startswith("not listed yet"):
                return True
    return False
