"""Starts and stops the tests' real peers: the aws-ses-v2-local emulator and
the SES stand-in (ses_standin.py), each as a context manager.

    from peers import Emulator, StandIn

    with Emulator() as emulator, StandIn(forward=emulator.url) as ses:
        env = {"AWS_ENDPOINT_URL_SES": ses.url, **ses.credentials_env()}
        ...                              # run briefing against ses.url
        ses.requests()                   # what the stand-in saw
        emulator.store()["emails"]       # what reached the emulator

Each peer runs in its own process group on 127.0.0.1 and is killed with it
on exit, even when the test fails. Debian's /usr/bin/python3 only.
"""
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

PEERS_DIR = os.path.dirname(os.path.abspath(__file__))
STANDIN_SCRIPT = os.path.join(PEERS_DIR, "ses_standin.py")
EMULATOR_CLI = os.path.join(PEERS_DIR, "node_modules", "aws-ses-v2-local", "dist", "cli.js")
PYTHON = "/usr/bin/python3"  # has botocore; the pyenv python3 on PATH does not
NODE = "node"

# The stand-in's default keys: AWS's documented example pair, never a real one.
ACCESS_KEY_ID = "AKIDEXAMPLE"
SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
REGION = "us-east-1"
START_TIMEOUT_SECONDS = 20


class PeerError(RuntimeError):
    pass


def free_port():
    """A port free right now on 127.0.0.1 (the emulator cannot take port 0)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_json(method, url, value=None, timeout=10):
    data = None if value is None else json.dumps(value).encode()
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        body = response.read()
    return json.loads(body) if body else None


def stop_process_group(process):
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# What the emulator's SES v2 GetAccount answers (its AWS_SES_ACCOUNT, every
# field its schema requires): a healthy account out of the sandbox.
HEALTHY_ACCOUNT = {
    "DedicatedIpAutoWarmupEnabled": False,
    "Details": {"AdditionalContactEmailAddresses": ["ops@example.com"], "ContactLanguage": "EN",
                "MailType": "TRANSACTIONAL",
                "ReviewDetails": {"CaseId": "example-case", "Status": "GRANTED"},
                "UseCaseDescription": "Weekly executive reports", "WebsiteURL": "https://example.com"},
    "EnforcementStatus": "HEALTHY",
    "ProductionAccessEnabled": True,
    "SendingEnabled": True,
    "SendQuota": {"Max24HourSend": 50000, "MaxSendRate": 14, "SentLast24Hours": 0},
    "SuppressionAttributes": {"SuppressedReasons": ["BOUNCE", "COMPLAINT"]},
}


class Emulator:
    """aws-ses-v2-local on 127.0.0.1; `url` is its endpoint. `account`
    changes what its v2 GetAccount answers (merged into HEALTHY_ACCOUNT)."""

    def __init__(self, port=None, account=None):
        self.port = port
        self.account = dict(HEALTHY_ACCOUNT, **(account or {}))
        self.process = None
        # Known before it starts (it cannot take port 0), so a stand-in
        # that forwards to it can start beside it (start_together).
        self.url = f"http://127.0.0.1:{port or free_port()}"

    def start(self):
        if not os.path.exists(EMULATOR_CLI):
            raise PeerError(f"{EMULATOR_CLI}: missing; run scripts/setup (npm ci in tests/peers)")
        port = self.url.rsplit(":", 1)[1]
        self.process = subprocess.Popen(
            [NODE, EMULATOR_CLI, "--port", port, "--host", "127.0.0.1"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            start_new_session=True,
            env=dict(os.environ, AWS_SES_ACCOUNT=json.dumps(self.account)))

    def ready(self):
        """Waits until it answers; when its port was taken between probe
        and bind, starts again on another (then `url` changes)."""
        for _ in range(3):
            if self.wait_ready():
                return
            stop_process_group(self.process)
            if self.port:
                break
            self.url = f"http://127.0.0.1:{free_port()}"
            self.start()
        stderr = self.process.stderr.read().decode("utf-8", "replace")[-2000:]
        raise PeerError(f"aws-ses-v2-local did not start on {self.url}: {stderr}")

    def __enter__(self):
        self.start()
        self.ready()
        return self

    def wait_ready(self):
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                urllib.request.urlopen(self.url + "/health-check", timeout=1).read()
                return True
            except OSError:
                time.sleep(0.1)
        return False

    def __exit__(self, *exc):
        stop_process_group(self.process)
        self.process.stderr.close()

    def store(self):
        """{'emails': [...], 'templates': {...}} as the emulator lists them."""
        return http_json("GET", self.url + "/store")

    def clear(self):
        http_json("POST", self.url + "/clear-store", {})


def read_listening_line(process, name):
    """The URL of a peer that prints `LISTENING <port>` once ready; stops
    it and raises PeerError (with its stderr) when it prints anything else."""
    line = process.stdout.readline().decode("ascii", "replace").split()
    if len(line) != 2 or line[0] != "LISTENING":
        stop_process_group(process)
        stderr = process.stderr.read().decode("utf-8", "replace")[-2000:]
        raise PeerError(f"{name} did not start: {stderr}")
    return f"http://127.0.0.1:{line[1]}"


def start_together(*peers):
    """Starts every peer at once, then waits for each to be ready: each
    takes seconds (node, botocore), and side by side they take the
    slowest one's time, not the sum. Stops them all if one fails."""
    started = []
    try:
        for peer in peers:
            peer.start()
            started.append(peer)
        for peer in peers:
            peer.ready()
    except BaseException:
        for peer in started:
            if peer.process.poll() is None:
                stop_process_group(peer.process)
        raise
    return peers


class ListeningPeer:
    """A peer process that takes port 0 and prints `LISTENING <port>` once
    it accepts connections: a subclass says what it runs (`command()`: the
    interpreter, the script, its flags), what it needs installed
    (`required`, a path) and what it does once up (`started()`); starting,
    the ready line and stopping are here, once for every such peer."""

    name = "peer"
    required = None  # a path that must exist (an npm package), else PeerError

    def command(self):
        raise NotImplementedError

    def started(self):
        """Called once the peer listens (initial configuration)."""

    def start(self):
        if self.required and not os.path.exists(self.required):
            raise PeerError(f"{self.required}: missing; run scripts/setup (npm ci in tests/peers)")
        self.process = subprocess.Popen(self.command(), stdin=subprocess.DEVNULL,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        start_new_session=True)

    def ready(self):
        """Waits for the ready line; then `url` is where it listens."""
        self.url = read_listening_line(self.process, self.name)
        self.started()

    def __enter__(self):
        self.start()
        self.ready()
        return self

    def __exit__(self, *exc):
        stop_process_group(self.process)
        self.process.stdout.close()
        self.process.stderr.close()


class SigningPeer(ListeningPeer):
    """A stand-in that checks each request's SigV4 signature for one key
    pair in one region (given as its flags), optionally forwarding to
    `forward`: a URL, or a peer (its `url` when this one starts)."""

    def __init__(self, forward=None, access_key=ACCESS_KEY_ID, secret=SECRET_ACCESS_KEY,
                 region=REGION):
        self.forward_to, self.access_key, self.secret, self.region = (forward, access_key, secret,
                                                                      region)
        self.forward = None  # the URL it forwards to, once started
        self.process = None
        self.url = None

    def signing_flags(self):
        self.forward = getattr(self.forward_to, "url", self.forward_to)
        flags = ["--access-key", self.access_key, "--secret", self.secret, "--region", self.region]
        return flags + (["--forward", self.forward] if self.forward else [])

    def ready(self):
        """As ListeningPeer's; when the peer it forwards to started beside
        it had to move to another port meanwhile, starts again towards it."""
        super().ready()
        if self.forward != getattr(self.forward_to, "url", self.forward_to):
            self.__exit__(None, None, None)
            self.start()
            super().ready()

    def credentials_env(self):
        """The environment that makes an AWS client sign for this stand-in."""
        return {"AWS_ACCESS_KEY_ID": self.access_key, "AWS_SECRET_ACCESS_KEY": self.secret,
                "AWS_REGION": self.region}


class StandIn(SigningPeer):
    """ses_standin.py on 127.0.0.1, optionally fronting the emulator."""

    name = "ses_standin.py"

    def __init__(self, forward=None, access_key=ACCESS_KEY_ID, secret=SECRET_ACCESS_KEY,
                 region=REGION, faults=None, config=None, temporary=()):
        super().__init__(forward, access_key, secret, region)
        self.temporary = temporary  # [(key, secret, session token)] also accepted
        self.initial_faults, self.initial_config = faults, config

    def command(self):
        command = [PYTHON, "-B", STANDIN_SCRIPT, "--port", "0", *self.signing_flags()]
        for key, secret, token in self.temporary:
            command += ["--temporary", f"{key}:{secret}:{token}"]
        return command

    def started(self):
        if self.initial_config:
            self.config(self.initial_config)
        if self.initial_faults:
            self.faults(self.initial_faults)

    def far_away(self, delay_ms, max_send_rate, enforce_rate=True):
        """Forgets what it saw, then answers like a far SES that keeps its
        rate: every answer held `delay_ms`, GetSendQuota's MaxSendRate
        `max_send_rate`, and (`enforce_rate`: True for that rate, a number
        for a lower one, False for none) Throttling beyond it. The set-up
        of the send-rate test and bench/send_rate.py."""
        self.reset()
        self.config({"delay_ms": delay_ms, "quota": {"max_send_rate": max_send_rate},
                     "enforce_rate": enforce_rate})

    def faults(self, faults):
        """Queues faults: [{'kind': 'throttle', 'action': 'SendRawEmail'}, ...]."""
        http_json("POST", self.url + "/_control/faults", faults)

    def pending_faults(self):
        """The queued faults no request has consumed yet."""
        return http_json("GET", self.url + "/_control/faults")

    def config(self, changes):
        """Changes answers: {'quota': {...}, 'statistics': [...], 'identities': {...}}."""
        http_json("POST", self.url + "/_control/config", changes)

    def requests(self):
        """Every SES request received, oldest first (dicts; see README.md)."""
        return http_json("GET", self.url + "/_control/requests")

    def sends(self, omit=None):
        """The SendRawEmail requests; `omit`: fields to leave out ("raw")."""
        query = f"?omit={omit}" if omit else ""
        return [r for r in http_json("GET", self.url + "/_control/requests" + query)
                if r["action"] == "SendRawEmail"]

    def reset(self):
        http_json("POST", self.url + "/_control/reset", {})


def peak_in_flight(sends):
    """The most requests a stand-in held at once (arrived, not yet
    answered), from its record of SendRawEmail requests (StandIn.sends())."""
    edges = sorted([(s["time"], 1) for s in sends] +
                   [(s["answered"], -1) for s in sends if s["answered"]])
    current = peak = 0
    for _, change in edges:
        current += change
        peak = max(peak, current)
    return peak


AWS_STANDIN_SCRIPT = os.path.join(PEERS_DIR, "aws_standin.py")
CREDENTIAL_PROCESS_SCRIPT = os.path.join(PEERS_DIR, "credential_process.py")


class AwsStandIn(ListeningPeer):
    """aws_standin.py on 127.0.0.1: STS, the SSO portal, IMDSv2 and the
    container endpoint, all handing out `issued` (key, secret, token)."""

    name = "aws_standin.py"

    source_key = "AKIDSOURCEEXAMPLE"
    source_secret = "sourceSECRETsourceSECRETsource0000000000"
    issued = ("ASIATEMPORARYEXAMPLE", "tempSECRETtempSECRETtempSECRET0000000000",
              "IQoJb3JpZ2luX2VjEXAMPLE" + "x" * 1000)
    web_identity_token = "eyJhbGciOiJSUzI1NiJ9.example.signature"
    sso_token = "aoaEXAMPLEssoACCESStoken"
    sso_client_id = "sso-client-id-example"
    sso_client_secret = "ssoCLIENTsecretEXAMPLE"
    sso_refresh_token = "ssoREFRESHtokenEXAMPLE"
    container_token = "container-authorization-example"
    role_name = "briefing-instance-role"

    def __init__(self, deny=False, region=REGION, instance_region=""):
        """`region`: what AssumeRole must be signed for; `instance_region`:
        the metadata's placement/region (empty: 404)."""
        self.deny = deny
        self.region = region
        self.instance_region = instance_region
        self.process = None
        self.url = None

    def command(self):
        return [PYTHON, "-B", AWS_STANDIN_SCRIPT, "--port", "0", "--region", self.region,
                "--instance-region", self.instance_region, *(["--deny"] if self.deny else [])]

    def requests(self):
        return http_json("GET", self.url + "/_control/requests")

    def reset(self):
        http_json("POST", self.url + "/_control/reset", {})


DYNALITE_SCRIPT = os.path.join(PEERS_DIR, "dynalite_loopback.cjs")
DYNAMODB_STANDIN_SCRIPT = os.path.join(PEERS_DIR, "dynamodb_standin.py")


class Dynalite(ListeningPeer):
    """dynalite (in memory) on 127.0.0.1; `url` is its DynamoDB endpoint."""

    name = "dynalite"
    required = os.path.join(PEERS_DIR, "node_modules", "dynalite")

    def command(self):
        return [NODE, DYNALITE_SCRIPT, "0"]


class DynamoDBStandIn(SigningPeer):
    """dynamodb_standin.py on 127.0.0.1 in front of `forward` (dynalite):
    checks each request's SigV4 signature for service "dynamodb"."""

    name = "dynamodb_standin.py"

    def command(self):
        return [PYTHON, "-B", DYNAMODB_STANDIN_SCRIPT, "--port", "0", *self.signing_flags()]

    def requests(self):
        return http_json("GET", self.url + "/_control/requests")

    def faults(self, faults):
        http_json("POST", self.url + "/_control/faults", faults)

    def reset(self):
        """Forgets the requests seen and the faults not consumed."""
        http_json("POST", self.url + "/_control/reset", {})


class SignedDynamoDB:
    """dynalite behind dynamodb_standin.py, started and stopped together:
    `standin` is the signed endpoint the code under test talks to,
    `dynalite` the store a test may read directly."""

    def __enter__(self):
        self.dynalite = Dynalite().__enter__()
        try:
            self.standin = DynamoDBStandIn(forward=self.dynalite.url).__enter__()
        except BaseException:
            self.dynalite.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc):
        self.standin.__exit__(*exc)
        self.dynalite.__exit__(*exc)


S3_PEER_SCRIPT = os.path.join(PEERS_DIR, "s3_peer.py")


class S3Peer(ListeningPeer):
    """s3_peer.py on 127.0.0.1: fauxqs's S3 behind a front that checks each
    request's SigV4 (service "s3") and payload hashes, and keeps the
    checksums and tags. `url` is the endpoint (AWS_ENDPOINT_URL_S3)."""

    name = "s3_peer.py"

    def __init__(self, access_key=ACCESS_KEY_ID, secret=SECRET_ACCESS_KEY, region=REGION):
        self.access_key, self.secret, self.region = access_key, secret, region
        self.process = None
        self.url = None

    def command(self):
        return [PYTHON, "-B", S3_PEER_SCRIPT, "--port", "0", "--access-key", self.access_key,
                "--secret", self.secret, "--region", self.region]

    def create_bucket(self, name):
        request = urllib.request.Request(f"{self.url}/_control/buckets/{name}", data=b"",
                                         method="PUT")
        urllib.request.urlopen(request, timeout=10).close()

    def object(self, bucket, key):
        """The bytes S3 holds at `key` (unsigned), or None when there are none."""
        try:
            with urllib.request.urlopen(f"{self.url}/_control/objects/{bucket}/{key}",
                                        timeout=10) as response:
                return response.read()
        except urllib.error.HTTPError:
            return None

    def put_object(self, bucket, key, data, tagging=None):
        """A PutObject as another S3 client makes it: signed (botocore's
        S3SigV4Auth), with its x-amz-checksum-sha256 and tags."""
        import base64
        import hashlib
        from botocore.auth import S3SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
        url = f"{self.url}/{bucket}/{urllib.parse.quote(key)}"
        headers = {"Content-Type": "binary/octet-stream",  # not urllib's form type
                   "x-amz-checksum-sha256": base64.b64encode(hashlib.sha256(data).digest()).decode()}
        if tagging:
            headers["x-amz-tagging"] = tagging
        request = AWSRequest(method="PUT", url=url, data=data, headers=headers)
        S3SigV4Auth(Credentials(self.access_key, self.secret), "s3", self.region).add_auth(request)
        urllib.request.urlopen(urllib.request.Request(url, data=data, method="PUT",
                                                      headers=dict(request.headers.items())),
                               timeout=10).close()

    def replace_object(self, bucket, key, data):
        """Changes the bytes behind S3's back: the checksum kept stays the old one."""
        request = urllib.request.Request(f"{self.url}/_control/objects/{bucket}/{key}",
                                         data=data, method="PUT")
        urllib.request.urlopen(request, timeout=10).close()

    def stored(self):
        """{"/bucket/key": {"checksum": base64, "tagging": "report-type=..."}}."""
        return http_json("GET", self.url + "/_control/stored")

    def requests(self):
        """Every S3 request: method, path (as sent), checked, error."""
        return http_json("GET", self.url + "/_control/requests")

    def fail(self, count, status=503, code="SlowDown"):
        urllib.request.urlopen(urllib.request.Request(
            f"{self.url}/_control/fail?count={count}&status={status}&code={code}", data=b"",
            method="POST"), timeout=10).close()
