#!/usr/bin/python3
"""A loopback Amazon SES (v1 Query API) stand-in for the tests.

It answers what the aws-ses-v2-local emulator lacks: it checks every request's
SigV4 signature with botocore (AWS's own signer), answers GetSendQuota,
GetSendStatistics and GetIdentityVerificationAttributes with the API
reference's XML shapes, and injects faults on demand. With --forward it fronts
the emulator: sends whose signature is good are relayed to it, so a test talks
to one endpoint and still finds the message in the emulator's GET /store.

    ses_standin.py --port 0 [--forward http://127.0.0.1:EMU]
                   [--access-key AKID --secret SECRET] [--region us-east-1]
                   [--temporary KEY:SECRET:TOKEN ...]
                   [--delay-ms MS] [--max-send-rate N] [--enforce-rate]

prints `LISTENING <port>` on stdout once it accepts connections. The control
API lives on the same port and needs no signature:

    POST /_control/faults    JSON list, consumed in order per matching action:
                             {"kind": "throttle", "action": "SendRawEmail"}
                             (action omitted or "*": the next request of any
                             action; "seconds" for slow and hang)
    GET  /_control/faults    the faults not consumed yet
    GET  /_control/requests  every SES request received, oldest first
                             (?format=tsv: one line each, for C tests)
    POST /_control/config    {"quota": {...}, "statistics": [...],
                             "identities": {...}, "default_identity_status": ...,
                             "enforce_rate": bool, "delay_ms": number}
    POST /_control/reset     forget requests and faults, restore the config

Debian's /usr/bin/python3 only (it has botocore); stdlib otherwise.
"""
import argparse
import base64
import email
import email.utils
import hmac
import json
import socket
import struct
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

XMLNS = "http://ses.amazonaws.com/doc/2010-12-01/"
SIGNATURE_MAX_SKEW_SECONDS = 15 * 60  # SES refuses older or newer signatures

# Faults answered as an SES error: kind -> (HTTP status, Type, Code, Message).
ERROR_FAULTS = {
    "throttle": (400, "Sender", "Throttling", "Maximum sending rate exceeded."),
    "daily_quota": (400, "Sender", "Throttling", "Daily message quota exceeded."),
    "rejected": (400, "Sender", "MessageRejected",
                 "Email address is not verified. The following identities failed the check."),
    "http_500": (500, "Receiver", "InternalFailure", "The request processing has failed."),
    "http_502": (502, "Receiver", "BadGateway", "Bad gateway."),
    "http_503": (503, "Receiver", "ServiceUnavailable", "Service is unavailable. Try again later."),
    "http_504": (504, "Receiver", "GatewayTimeout", "Gateway timeout."),
}
# Faults that change how (or whether) the answer is delivered.
DELIVERY_FAULTS = {"slow", "reset_after_read", "hang", "truncated", "unverified"}

DEFAULT_CONFIG = {
    "quota": {"max_24_hour_send": 50000.0, "max_send_rate": 14.0, "sent_last_24_hours": None},
    # Deliberately out of time order: SES does not sort them either. Healthy
    # rates (2.13% bounces, no complaint): `stats` exits 5 only when a test
    # configures an account at risk.
    "statistics": [
        {"timestamp": "2026-11-23T08:15:00Z", "delivery_attempts": 12, "bounces": 1,
         "complaints": 0, "rejects": 0},
        {"timestamp": "2026-11-23T07:45:00Z", "delivery_attempts": 30, "bounces": 0,
         "complaints": 0, "rejects": 2},
        {"timestamp": "2026-11-23T08:00:00Z", "delivery_attempts": 5, "bounces": 0,
         "complaints": 0, "rejects": 0},
    ],
    # identity -> VerificationStatus; identities not listed get
    # default_identity_status, or are left out of the answer when it is null.
    "identities": {},
    "default_identity_status": "Success",
    # When true, sends beyond quota.max_send_rate in any 1 s window are throttled
    # (counted when they arrive; a number: beyond that many instead).
    "enforce_rate": False,
    # Every SES answer waits this long before it goes out, like SES's own
    # processing and a far region's round trip (the rate is still counted
    # when a request arrives).
    "delay_ms": 0,
    # SES v2 GetAccount's answer; null: relayed to the emulator (--forward,
    # which answers from its AWS_SES_ACCOUNT), else a healthy production one.
    "account": None,
    # SES v2 suppression list: address -> {"reason": "BOUNCE"|"COMPLAINT",
    # "last_update": ISO 8601}; addresses not listed answer 404 NotFoundException.
    "suppressed": {},
    # SES v1 configuration sets: name -> {"event_destinations": [{"name",
    # "enabled", "matching_event_types": [...], "topic_arn"}]}.
    "configuration_sets": {},
}
HEALTHY_ACCOUNT = {"ProductionAccessEnabled": True, "SendingEnabled": True,
                   "EnforcementStatus": "HEALTHY", "DedicatedIpAutoWarmupEnabled": False,
                   "SendQuota": {"Max24HourSend": 50000.0, "MaxSendRate": 14.0,
                                 "SentLast24Hours": 0.0}}


class ErrorAnswer(Exception):
    """An SES error response to send instead of a result."""

    def __init__(self, status, error_type, code, message):
        super().__init__(message)
        self.status, self.error_type, self.code, self.message = status, error_type, code, message


def error_xml(error_type, code, message, request_id):
    return (f'<ErrorResponse xmlns="{XMLNS}">\n'
            f"  <Error>\n    <Type>{escape(error_type)}</Type>\n    <Code>{escape(code)}</Code>\n"
            f"    <Message>{escape(message)}</Message>\n  </Error>\n"
            f"  <RequestId>{request_id}</RequestId>\n</ErrorResponse>\n")


def result_xml(action, inner, request_id):
    return (f'<{action}Response xmlns="{XMLNS}">\n  <{action}Result>\n{inner}  </{action}Result>\n'
            f"  <ResponseMetadata>\n    <RequestId>{request_id}</RequestId>\n  </ResponseMetadata>\n"
            f"</{action}Response>\n")


def new_message_id():
    return f"{int(time.time() * 1000):016x}-{uuid.uuid4()}-000000"


# Base64's three characters that a form encodes, undone with str.replace:
# parse_qsl takes a few hundred milliseconds of this process's one
# interpreter lock over a message of a few MB, which would stall (and so
# bunch up) every other request arriving meanwhile.
BASE64_ESCAPES = (("%2B", "+"), ("%2F", "/"), ("%3D", "="))


def form_value(text):
    """One form value decoded (application/x-www-form-urlencoded)."""
    if len(text) > 65536:
        decoded = text.replace("+", " ")
        for escape, character in BASE64_ESCAPES:
            decoded = decoded.replace(escape, character)
        if "%" not in decoded:
            return decoded
    return urllib.parse.unquote_plus(text)


def parse_form(text):
    """The form's fields, like dict(parse_qsl(text, keep_blank_values=True))."""
    form = {}
    for field in text.split("&"):
        if field:
            name, _, value = field.partition("=")
            form[urllib.parse.unquote_plus(name)] = form_value(value)
    return form


def report_header(raw):
    """A message's X-Briefing-Report value (which report it is), or None."""
    for line in raw.split("\r\n\r\n", 1)[0].split("\r\n"):
        name, _, value = line.partition(":")
        if name.lower() == "x-briefing-report":
            return value.strip()
    return None


def form_members(form, prefix):
    """Values of prefix.member.1, prefix.member.2, ... in order."""
    values = []
    while f"{prefix}.member.{len(values) + 1}" in form:
        values.append(form[f"{prefix}.member.{len(values) + 1}"])
    return values


def message_recipients(entry):
    """A SendRawEmail's recipients: its Destinations, else (as SES does
    without them) the To, Cc and Bcc of the message."""
    if entry.get("destinations"):
        return len(entry["destinations"])
    message = email.message_from_string(entry.get("raw") or "")
    fields = [value for name in ("To", "Cc", "Bcc") for value in message.get_all(name, [])]
    return len([address for _, address in email.utils.getaddresses(fields) if address])


TSV_COLUMNS = ("action", "time", "signature_ok", "fault", "status", "error_code", "destinations",
               "message_id", "client", "session_token")


def requests_tsv(requests):
    """One line per request, TSV_COLUMNS in order ("-" for none): for C tests."""
    def cell(value):
        if isinstance(value, list):
            value = ",".join(value)
        if isinstance(value, bool):
            value = "true" if value else "false"
        if isinstance(value, float):
            value = f"{value:.6f}"
        return "-" if value in (None, "") else str(value).replace("\t", " ").replace("\n", " ")
    return "".join("\t".join(cell(r.get(c)) for c in TSV_COLUMNS) + "\n" for r in requests)


class SignatureChecker:
    """Re-signs a received request with botocore and compares Authorization.

    Knows one long-term key and any number of temporary ones, each with the
    session token that must come with it (X-Amz-Security-Token, signed)."""

    def __init__(self, access_key, secret, region, temporary=(), service="ses",
                 signer=SigV4Auth):
        # signer: botocore's S3SigV4Auth for S3 (path encoded once, never
        # normalised; X-Amz-Content-SHA256 computed from the body and signed)
        self.region, self.service, self.signer = region, service, signer
        self.keys = {access_key: (secret, None)}
        for key, temporary_secret, token in temporary:
            self.keys[key] = (temporary_secret, token)

    def check(self, method, path, headers, body):
        """Raises ErrorAnswer when the request is not signed by the known key."""
        authorization = headers.get("Authorization")
        if not authorization:
            raise ErrorAnswer(403, "Sender", "MissingAuthenticationToken",
                              "Request is missing Authentication Token")
        fields = parse_authorization(authorization)
        if fields is None:
            raise ErrorAnswer(400, "Sender", "IncompleteSignature",
                              "Authorization header requires 'Credential', 'SignedHeaders' and "
                              "'Signature' parameters.")
        signed = fields["SignedHeaders"].split(";")
        if "X-Amz-Security-Token" in headers and "x-amz-security-token" not in signed:
            raise ErrorAnswer(400, "Sender", "IncompleteSignature",
                              "X-Amz-Security-Token must be a signed header.")
        key_id = fields["Credential"].split("/")[0]
        secret, token = self.keys.get(key_id, (None, None))
        if secret is None or (token is not None and headers.get("X-Amz-Security-Token") != token):
            raise ErrorAnswer(403, "Sender", "InvalidClientTokenId",
                              "The security token included in the request is invalid.")
        amz_date = headers.get("X-Amz-Date", "")
        check_date(amz_date)
        expected = self.expected_authorization(method, path, headers, body, fields, amz_date,
                                               key_id, secret)
        if not hmac.compare_digest(expected, authorization):
            raise ErrorAnswer(403, "Sender", "SignatureDoesNotMatch",
                              "The request signature we calculated does not match the signature "
                              "you provided. Check your AWS Secret Access Key and signing method. "
                              "Consult the service documentation for details.")

    def expected_authorization(self, method, path, headers, body, fields, amz_date, key_id,
                               secret):
        signed = fields["SignedHeaders"].split(";")
        request_headers = {}
        for name in signed:
            values = headers.get_all(name) or []
            request_headers[name] = ",".join(values)
        url = f"http://{headers.get('Host', '')}{path}"
        request = AWSRequest(method=method, url=url, headers=request_headers, data=body)
        token = headers.get("X-Amz-Security-Token")
        signer = self.signer(Credentials(key_id, secret, token), self.service, self.region)
        # botocore's add_auth() signs "now"; sign at the request's own date instead.
        request.context["timestamp"] = amz_date
        signer._modify_request_before_signing(request)
        canonical = signer.canonical_request(request)
        signature = signer.signature(signer.string_to_sign(request, canonical), request)
        signer._inject_signature_to_request(request, signature)
        return request.headers["Authorization"]


def parse_authorization(value):
    """{'Credential': ..., 'SignedHeaders': ..., 'Signature': ...} or None."""
    scheme, _, rest = value.partition(" ")
    if scheme != "AWS4-HMAC-SHA256":
        return None
    fields = {}
    for part in rest.split(","):
        key, _, field_value = part.strip().partition("=")
        fields[key] = field_value
    if not all(fields.get(k) for k in ("Credential", "SignedHeaders", "Signature")):
        return None
    return fields


def check_date(amz_date):
    try:
        signed_at = datetime.strptime(amz_date, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
    except ValueError:
        raise ErrorAnswer(400, "Sender", "IncompleteSignature",
                          f"Invalid X-Amz-Date '{amz_date}'") from None
    skew = abs(time.time() - signed_at.timestamp())
    if skew > SIGNATURE_MAX_SKEW_SECONDS:
        raise ErrorAnswer(403, "Sender", "SignatureDoesNotMatch",
                          f"Signature expired: {amz_date} is more than 15 minutes from now.")


class StandIn:
    """State shared by the handler threads; every access holds `lock`."""

    def __init__(self, checker, forward, defaults=None):
        self.checker, self.forward = checker, forward
        self.defaults = json.loads(json.dumps(DEFAULT_CONFIG))
        for key, value in (defaults or {}).items():
            if key == "quota":
                self.defaults["quota"].update(value)
            else:
                self.defaults[key] = value
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.reset()

    def reset(self):
        with self.lock:
            self.config = json.loads(json.dumps(self.defaults))
            self.faults = []
            self.requests = []
            self.accepted_send_times = []

    def add_faults(self, faults):
        for fault in faults:
            kind = fault.get("kind")
            if kind not in ERROR_FAULTS and kind not in DELIVERY_FAULTS:
                raise ValueError(f"unknown fault kind {kind!r}")
        with self.lock:
            self.faults.extend(faults)

    def take_fault(self, action, report=None):
        """The first fault that matches: its action ("*" or omitted: any)
        and, when it names one, its report (a SendRawEmail's
        X-Briefing-Report). Naming the report is what makes a fault hit the
        message a test means when a batch has several sends in flight,
        whose arrival order is not the plan's."""
        with self.lock:
            for index, fault in enumerate(self.faults):
                if (fault.get("action", "*") in ("*", action) and
                        fault.get("report") in (None, report)):
                    return self.faults.pop(index)
        return None

    def update_config(self, changes):
        with self.lock:
            for key, value in changes.items():
                if key not in DEFAULT_CONFIG:
                    raise ValueError(f"unknown config key {key!r}")
                if key == "quota":
                    self.config["quota"].update(value)
                else:
                    self.config[key] = value

    def record(self, entry):
        with self.lock:
            self.requests.append(entry)

    def rate_exceeded(self, now):
        """Books a send at `now` unless the configured rate forbids it."""
        with self.lock:
            window = [t for t in self.accepted_send_times if now - t < 1.0]
            enforce = self.config["enforce_rate"]
            # A number: SES lets fewer through than GetSendQuota says (another
            # sender on the account), to make the client meet Throttling.
            rate = self.config["quota"]["max_send_rate"] if enforce is True else enforce
            if enforce and len(window) >= rate:
                return True
            self.accepted_send_times = window + [now]
            return False

    def sent_recipients(self):
        """What SES's SentLast24Hours counts: recipients, not messages (a
        message to To, Cc and a Bcc uses 3 of the daily quota), of every
        send accepted so far."""
        with self.lock:
            return sum(message_recipients(r) for r in self.requests
                       if r["action"] == "SendRawEmail" and r.get("message_id"))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like SES
    server_version = "ses-standin"
    sys_version = ""

    @property
    def state(self):
        return self.server.state

    def log_message(self, format, *args):
        if self.server.verbose:
            sys.stderr.write("ses_standin: " + (format % args) + "\n")

    # -- plumbing --------------------------------------------------------

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def answer(self, status, body, content_type="text/xml", close=False):
        data = body.encode("utf-8") if isinstance(body, str) else body
        entry = getattr(self, "entry", None)  # an SES request's, not the control API's
        if entry is not None:
            with self.state.lock:
                delay = float(self.state.config["delay_ms"]) / 1000
            time.sleep(delay)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-amzn-RequestId", getattr(self, "request_id", ""))
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(data)
        if entry is not None:
            entry["answered"] = time.time()
            self.entry = None

    def answer_json(self, status, value):
        self.answer(status, json.dumps(value, indent=1), "application/json")

    def reset_connection(self):
        """Ends the connection with a TCP RST and no answer (SO_LINGER 0)."""
        self.close_connection = True
        self.reset_on_finish = True

    def finish(self):
        super().finish()
        if getattr(self, "reset_on_finish", False):
            # rfile and wfile are closed now, so close() really closes the fd;
            # with a zero linger the kernel sends RST instead of FIN.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()

    # -- routes ----------------------------------------------------------

    def do_GET(self):
        self.request_id = str(uuid.uuid4())
        self.entry = None
        url = urllib.parse.urlsplit(self.path)
        path = url.path
        if path == "/_control/requests":
            query = urllib.parse.parse_qs(url.query)
            omit = set(",".join(query.get("omit", [])).split(","))
            with self.state.lock:
                requests = [{k: v for k, v in r.items() if k not in omit}
                            for r in self.state.requests]
            if query.get("format") == ["tsv"]:
                self.answer(200, requests_tsv(requests), "text/tab-separated-values")
            else:
                self.answer_json(200, requests)
        elif path == "/_control/faults":
            with self.state.lock:
                self.answer_json(200, list(self.state.faults))
        elif path == "/_control/config":
            with self.state.lock:
                self.answer_json(200, self.state.config)
        elif path == "/health-check":
            self.answer(200, "")
        elif path.startswith("/v2/email/"):
            self.ses_v2("GET", b"")
        else:
            self.answer_json(404, {"error": f"no such path {path}"})

    def do_POST(self):
        self.request_id = str(uuid.uuid4())
        self.entry = None
        # A request arrives when its headers do: a large body takes this
        # process a while to read and parse, which must not move it.
        self.arrived = time.time()
        body = self.read_body()
        path = urllib.parse.urlsplit(self.path).path
        if path.startswith("/_control/"):
            self.control(path, body)
        else:
            self.ses(path, body)

    def control(self, path, body):
        try:
            value = json.loads(body or b"null")
            if path == "/_control/faults":
                self.state.add_faults(value if isinstance(value, list) else [value])
            elif path == "/_control/config":
                self.state.update_config(value)
            elif path == "/_control/reset":
                self.state.reset()
            else:
                self.answer_json(404, {"error": f"no such path {path}"})
                return
        except (ValueError, AttributeError, TypeError) as error:
            self.answer_json(400, {"error": str(error)})
            return
        self.answer_json(200, {"ok": True})

    def ses(self, path, body):
        form = parse_form(body.decode("utf-8", "replace"))
        action = form.get("Action", "")
        entry = self.describe(action, form)
        self.entry = entry
        try:
            self.state.checker.check("POST", self.path, self.headers, body)
            entry["signature_ok"] = True
        except ErrorAnswer as error:
            entry["signature_ok"] = False
            self.record_and_fail(entry, error)
            return
        fault = self.state.take_fault(action, report_header(entry.get("raw", "")))
        entry["fault"] = fault["kind"] if fault else None
        self.state.record(entry)
        try:
            self.serve_action(action, form, body, entry, fault)
        except ErrorAnswer as error:
            entry.update(status=error.status, error_code=error.code)
            self.answer(error.status, error_xml(error.error_type, error.code, error.message,
                                                self.request_id))

    def describe(self, action, form):
        entry = {"action": action, "time": self.arrived, "answered": None,
                 "request_id": self.request_id,
                 "client": "%s:%d" % self.client_address[:2],
                 "session_token": "X-Amz-Security-Token" in self.headers,  # never its value
                 "signature_ok": None, "fault": None, "status": None, "error_code": None}
        if action == "SendRawEmail":
            raw = base64.b64decode(form.get("RawMessage.Data", ""), validate=False)
            entry.update(source=form.get("Source"), destinations=form_members(form, "Destinations"),
                         configuration_set=form.get("ConfigurationSetName"),
                         raw=raw.decode("utf-8", "replace"), message_id=None,
                         forwarded=False)
        if action == "GetIdentityVerificationAttributes":
            entry["identities"] = form_members(form, "Identities")
        return entry

    def record_and_fail(self, entry, error):
        entry.update(status=error.status, error_code=error.code)
        self.state.record(entry)
        self.answer(error.status, error_xml(error.error_type, error.code, error.message,
                                            self.request_id))

    def serve_action(self, action, form, body, entry, fault):
        kind = fault["kind"] if fault else None
        if kind in ERROR_FAULTS:
            raise ErrorAnswer(*ERROR_FAULTS[kind])
        if kind == "reset_after_read":
            entry["status"] = "reset"
            self.reset_connection()
            return
        if kind == "hang":
            entry["status"] = "hang"
            self.state.stopping.wait(float(fault.get("seconds", 3600)))
            self.close_connection = True
            return
        if kind == "slow":
            time.sleep(float(fault.get("seconds", 1)))
        status, xml = self.result(action, form, body, entry, pending=(kind == "unverified"))
        entry["status"] = status
        if kind == "truncated":
            self.answer(status, xml.encode("utf-8")[: len(xml) // 2], close=True)
            return
        self.answer(status, xml)

    def result(self, action, form, body, entry, pending):
        if action == "SendRawEmail":
            return self.send_raw_email(form, body, entry)
        if action == "GetSendQuota":
            return 200, result_xml(action, self.quota_xml(), self.request_id)
        if action == "GetSendStatistics":
            return 200, result_xml(action, self.statistics_xml(), self.request_id)
        if action == "GetIdentityVerificationAttributes":
            return 200, result_xml(action, self.identities_xml(entry["identities"], pending),
                                   self.request_id)
        if action in CONFIGURATION_SET_ACTIONS:
            return 200, result_xml(action, getattr(self, CONFIGURATION_SET_ACTIONS[action])(form),
                                   self.request_id)
        raise ErrorAnswer(400, "Sender", "InvalidAction",
                          f"The action {action or '(none)'} is not valid for this web service.")

    # -- actions ---------------------------------------------------------

    def send_raw_email(self, form, body, entry):
        if not form.get("RawMessage.Data"):
            raise ErrorAnswer(400, "Sender", "ValidationError",
                              "1 validation error detected: Value null at 'rawMessage.data' "
                              "failed to satisfy constraint: Member must not be null")
        source = form.get("Source", "")
        if any(ord(c) > 127 for c in source):
            # Like SES: a display name in Source must be an RFC 2047 encoded
            # word; raw UTF-8 there is refused.
            raise ErrorAnswer(400, "Sender", "InvalidParameterValue",
                              "Illegal address: non-ASCII characters in Source")
        if self.state.rate_exceeded(entry["time"]):
            raise ErrorAnswer(*ERROR_FAULTS["throttle"])
        if self.state.forward:
            return self.forward_send(body, entry)
        entry["message_id"] = new_message_id()
        inner = f"    <MessageId>{entry['message_id']}</MessageId>\n"
        return 200, result_xml("SendRawEmail", inner, self.request_id)

    def forward_send(self, body, entry):
        """Relays a verified send to the emulator and returns its answer."""
        request = urllib.request.Request(
            self.state.forward.rstrip("/") + "/", data=body, method="POST",
            headers={"Content-Type": self.headers.get("Content-Type", ""),
                     "Authorization": self.headers.get("Authorization", "")})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, answer = response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            status, answer = error.code, error.read().decode("utf-8", "replace")
        except OSError as error:
            raise ErrorAnswer(500, "Receiver", "InternalFailure",
                              f"ses_standin: forwarding to {self.state.forward} failed: {error}")
        start, end = answer.find("<MessageId>"), answer.find("</MessageId>")
        if status == 200 and start >= 0 and end > start:
            entry["message_id"] = answer[start + len("<MessageId>"):end]
        entry["forwarded"] = True
        return status, answer

    def quota_xml(self):
        with self.state.lock:
            quota = dict(self.state.config["quota"])
        sent = quota["sent_last_24_hours"]
        if sent is None:
            sent = float(self.state.sent_recipients())
        return (f"    <SentLast24Hours>{float(sent)}</SentLast24Hours>\n"
                f"    <Max24HourSend>{float(quota['max_24_hour_send'])}</Max24HourSend>\n"
                f"    <MaxSendRate>{float(quota['max_send_rate'])}</MaxSendRate>\n")

    def statistics_xml(self):
        with self.state.lock:
            points = list(self.state.config["statistics"])
        members = "".join(
            "      <member>\n"
            f"        <DeliveryAttempts>{p['delivery_attempts']}</DeliveryAttempts>\n"
            f"        <Timestamp>{escape(p['timestamp'])}</Timestamp>\n"
            f"        <Rejects>{p['rejects']}</Rejects>\n"
            f"        <Bounces>{p['bounces']}</Bounces>\n"
            f"        <Complaints>{p['complaints']}</Complaints>\n"
            "      </member>\n" for p in points)
        return f"    <SendDataPoints>\n{members}    </SendDataPoints>\n"

    def identities_xml(self, identities, pending):
        with self.state.lock:
            known = dict(self.state.config["identities"])
            default = self.state.config["default_identity_status"]
        entries = ""
        for identity in identities:
            status = "Pending" if pending else known.get(identity, default)
            if status is None:
                continue  # SES leaves identities it does not know out of the map
            token = ""
            if "@" not in identity:
                token = f"          <VerificationToken>{uuid.uuid4().hex}</VerificationToken>\n"
            entries += ("      <entry>\n"
                        f"        <key>{escape(identity)}</key>\n"
                        "        <value>\n"
                        f"          <VerificationStatus>{escape(status)}</VerificationStatus>\n"
                        f"{token}"
                        "        </value>\n"
                        "      </entry>\n")
        return f"    <VerificationAttributes>\n{entries}    </VerificationAttributes>\n"


    # -- SES API v2 (REST JSON): GetAccount, GetSuppressedDestination ----

    V2_SUPPRESSION_PREFIX = "/v2/email/suppression/addresses/"

    def ses_v2(self, method, body):
        """A v2 call: signature checked, faults applied, answered in JSON."""
        path = urllib.parse.urlsplit(self.path).path
        if path == "/v2/email/account":
            action, address = "GetAccount", None
        elif path.startswith(self.V2_SUPPRESSION_PREFIX):
            action = "GetSuppressedDestination"
            address = urllib.parse.unquote(path[len(self.V2_SUPPRESSION_PREFIX):])
        else:
            action, address = "", None
        entry = {"action": action or f"{method} {path}", "time": time.time(),
                 "request_id": self.request_id, "client": "%s:%d" % self.client_address[:2],
                 "session_token": "X-Amz-Security-Token" in self.headers,
                 "signature_ok": None, "fault": None, "status": None, "error_code": None,
                 "address": address}
        try:
            self.state.checker.check(method, self.path, self.headers, body)
            entry["signature_ok"] = True
            fault = self.state.take_fault(action)
            entry["fault"] = fault["kind"] if fault else None
            status, value = self.v2_result(action, address, fault)
        except ErrorAnswer as error:
            entry["signature_ok"] = entry["signature_ok"] or False
            status, value = error.status, {"message": error.message}
            entry["error_code"] = error.code
        entry["status"] = status
        self.state.record(entry)
        data = json.dumps(value).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-amzn-RequestId", self.request_id)
        if entry["error_code"]:
            self.send_header("x-amzn-ErrorType", f"{entry['error_code']}:http://internal.amazon.com/")
        self.end_headers()
        self.wfile.write(data)

    def v2_result(self, action, address, fault):
        kind = fault["kind"] if fault else None
        if kind in ERROR_FAULTS:
            raise ErrorAnswer(*ERROR_FAULTS[kind])
        if kind == "slow":
            time.sleep(float(fault.get("seconds", 1)))
        if kind == "hang":
            self.state.stopping.wait(float(fault.get("seconds", 3600)))
        if action == "GetAccount":
            return self.v2_account()
        if action == "GetSuppressedDestination":
            return self.v2_suppressed(address)
        raise ErrorAnswer(404, "Sender", "NotFoundException", "Unknown operation")

    def v2_account(self):
        with self.state.lock:
            account = self.state.config["account"]
        if account is None and self.state.forward:
            # The emulator wants some Authorization, as it does for sends.
            request = urllib.request.Request(
                self.state.forward.rstrip("/") + "/v2/email/account",
                headers={"Authorization": self.headers.get("Authorization", "")})
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    return response.status, json.loads(response.read())
            except urllib.error.HTTPError as error:
                raise ErrorAnswer(error.code, "Sender", "BadRequestException",
                                  error.read().decode("utf-8", "replace")) from None
        return 200, account if account is not None else HEALTHY_ACCOUNT

    def v2_suppressed(self, address):
        with self.state.lock:
            listed = {k.lower(): v for k, v in self.state.config["suppressed"].items()}
        found = listed.get((address or "").lower())
        if not found:
            raise ErrorAnswer(404, "Sender", "NotFoundException",
                              f"Email address {address} does not exist on your suppression list.")
        when = datetime.strptime(found["last_update"], "%Y-%m-%dT%H:%M:%SZ")
        return 200, {"SuppressedDestination": {
            "EmailAddress": address, "Reason": found["reason"],
            "LastUpdateTime": when.replace(tzinfo=timezone.utc).timestamp(),
            "Attributes": {"MessageId": found.get("message_id", "0000-example"),
                           "FeedbackId": found.get("feedback_id", "0000-feedback")}}}

    # -- SES v1 configuration sets (what `briefing events --setup` makes) -

    def configuration_sets(self):
        return self.state.config["configuration_sets"]

    def create_configuration_set(self, form):
        name = form.get("ConfigurationSet.Name", "")
        with self.state.lock:
            if name in self.configuration_sets():
                raise ErrorAnswer(400, "Sender", "ConfigurationSetAlreadyExists",
                                  f"Configuration set <{name}> already exists.")
            self.configuration_sets()[name] = {"event_destinations": []}
        return ""

    def describe_configuration_set(self, form):
        name = form.get("ConfigurationSetName", "")
        with self.state.lock:
            found = self.configuration_sets().get(name)
            destinations = list(found["event_destinations"]) if found else []
        if found is None:
            raise ErrorAnswer(400, "Sender", "ConfigurationSetDoesNotExist",
                              f"Configuration set <{name}> does not exist.")
        members = "".join(
            "      <member>\n"
            f"        <Name>{escape(d['name'])}</Name>\n"
            f"        <Enabled>{'true' if d['enabled'] else 'false'}</Enabled>\n"
            "        <MatchingEventTypes>\n"
            + "".join(f"          <member>{escape(t)}</member>\n" for t in d["matching_event_types"])
            + "        </MatchingEventTypes>\n"
            f"        <SNSDestination><TopicARN>{escape(d['topic_arn'])}</TopicARN></SNSDestination>\n"
            "      </member>\n" for d in destinations)
        return (f"    <ConfigurationSet><Name>{escape(name)}</Name></ConfigurationSet>\n"
                f"    <EventDestinations>\n{members}    </EventDestinations>\n")

    def create_configuration_set_event_destination(self, form):
        name = form.get("ConfigurationSetName", "")
        prefix = "EventDestination."
        destination = {"name": form.get(prefix + "Name", ""),
                       "enabled": form.get(prefix + "Enabled", "false") == "true",
                       "matching_event_types": form_members(form, prefix + "MatchingEventTypes"),
                       "topic_arn": form.get(prefix + "SNSDestination.TopicARN", "")}
        with self.state.lock:
            found = self.configuration_sets().get(name)
            if found is None:
                raise ErrorAnswer(400, "Sender", "ConfigurationSetDoesNotExist",
                                  f"Configuration set <{name}> does not exist.")
            if any(d["name"] == destination["name"] for d in found["event_destinations"]):
                raise ErrorAnswer(400, "Sender", "EventDestinationAlreadyExists",
                                  f"Event destination {destination['name']} already exists.")
            if not destination["topic_arn"] or not destination["matching_event_types"]:
                raise ErrorAnswer(400, "Sender", "InvalidSNSDestination",
                                  "An SNS destination needs a TopicARN and event types.")
            found["event_destinations"].append(destination)
        return ""


CONFIGURATION_SET_ACTIONS = {
    "CreateConfigurationSet": "create_configuration_set",
    "DescribeConfigurationSet": "describe_configuration_set",
    "CreateConfigurationSetEventDestination": "create_configuration_set_event_destination",
}


class Server(ThreadingHTTPServer):
    """The peers' HTTP server (every stand-in's and s3_peer's). Nagle is off
    on each connection: http.server writes an answer's headers and its body
    separately, and with Nagle on the body waited for the client's delayed
    ACK, 40 ms an answer (a DynamoDB call through the stand-in took 53 ms,
    14 without; docs/performance.md, "CI under 10 minutes")."""
    daemon_threads = True
    allow_reuse_address = True

    def get_request(self):
        connection, address = super().get_request()
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return connection, address


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--forward", help="URL of aws-ses-v2-local to relay sends to")
    parser.add_argument("--access-key", default="AKIDEXAMPLE")
    parser.add_argument("--secret", default="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--temporary", action="append", default=[], metavar="KEY:SECRET:TOKEN",
                        help="also accept these temporary credentials (only with their token)")
    parser.add_argument("--verbose", action="store_true", help="log each request on stderr")
    parser.add_argument("--delay-ms", type=float, default=0,
                        help="hold every SES answer this long (config delay_ms)")
    parser.add_argument("--max-send-rate", type=float,
                        help="the MaxSendRate GetSendQuota answers (config quota.max_send_rate)")
    parser.add_argument("--enforce-rate", action="store_true",
                        help="answer Throttling to sends beyond MaxSendRate in any second")
    args = parser.parse_args()
    defaults = {"delay_ms": args.delay_ms, "enforce_rate": args.enforce_rate}
    if args.max_send_rate is not None:
        defaults["quota"] = {"max_send_rate": args.max_send_rate}

    server = Server((args.host, args.port), Handler)
    temporary = [tuple(t.split(":", 2)) for t in args.temporary]
    server.state = StandIn(SignatureChecker(args.access_key, args.secret, args.region, temporary),
                           args.forward, defaults)
    server.verbose = args.verbose
    serve(server, on_stop=server.state.stopping.set)


def serve(server, on_stop=None):
    """Says LISTENING <port>, then serves until interrupted or killed."""
    print(f"LISTENING {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        if on_stop:
            on_stop()
        server.server_close()


if __name__ == "__main__":
    main()
