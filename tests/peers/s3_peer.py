#!/usr/bin/python3
"""S3 for the tests: the S3 of the fauxqs emulator (npm, pinned), started
on 127.0.0.1, behind a checking front on 127.0.0.1 that does what fauxqs
does not:

  - every request's SigV4 is checked with botocore's S3SigV4Auth for
    service "s3" against --access-key/--secret (403 SignatureDoesNotMatch,
    S3's XML error, when it is wrong);
  - x-amz-content-sha256 must be the SHA-256 of the body (400
    XAmzContentSHA256Mismatch) and x-amz-checksum-sha256, when sent, its
    base64 (400 BadDigest), as S3 checks them;
  - the checksum and the x-amz-tagging of each stored object are kept here
    (fauxqs keeps neither): a GET/HEAD with x-amz-checksum-mode: ENABLED
    answers x-amz-checksum-sha256, and GET ?tagging answers the TagSet.

The bytes themselves are stored by fauxqs. Control API (never signed):

    PUT  /_control/buckets/NAME     creates the bucket in fauxqs
    GET  /_control/objects/NAME/KEY the bytes fauxqs holds (unsigned)
    PUT  /_control/objects/NAME/KEY replaces those bytes, keeping the
                                    checksum and tags kept here (an object
                                    changed behind S3's back: tampered)
    GET  /_control/requests         every request: method, path, checks
    GET  /_control/stored           {"/bucket/key": {"checksum", "tagging"}}
    POST /_control/reset            forgets the requests and the queued failures
    POST /_control/fail?count=N&status=S&code=C
                                    the next N requests answer S with C

Prints `LISTENING <port>` once ready. Debian's /usr/bin/python3.
"""
import argparse
import base64
import hashlib
import json
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.server import BaseHTTPRequestHandler
from xml.sax.saxutils import escape

from botocore.auth import S3SigV4Auth

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ses_standin import ErrorAnswer, Server, SignatureChecker  # noqa: E402

PEERS_DIR = os.path.dirname(os.path.abspath(__file__))
LAUNCHER = os.path.join(PEERS_DIR, "fauxqs_loopback.mjs")
# Hop-by-hop or recomputed here: never copied from fauxqs's answer.
DROPPED_HEADERS = {"transfer-encoding", "connection", "content-length", "keep-alive", "date"}


def start_fauxqs():
    process = subprocess.Popen(["node", LAUNCHER, "0"], stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE)
    line = process.stdout.readline().decode("ascii", "replace").split()
    if len(line) != 2 or line[0] != "LISTENING":
        process.kill()
        sys.exit("s3_peer.py: fauxqs did not start")
    return process, f"http://127.0.0.1:{line[1]}"


class State:
    def __init__(self, args, upstream):
        self.upstream = upstream
        self.checker = SignatureChecker(args.access_key, args.secret, args.region, service="s3",
                                        signer=S3SigV4Auth)
        self.lock = threading.Lock()
        self.requests = []
        self.objects = {}          # "/bucket/key" -> {"checksum": ..., "tagging": ...}
        self.faults = []           # (status, code) for the next requests


def error_xml(code, message):
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{escape(code)}</Code>'
            f"<Message>{escape(message)}</Message><RequestId>{uuid.uuid4()}</RequestId>"
            "</Error>").encode()


def tagging_xml(tagging):
    tags = "".join(f"<Tag><Key>{escape(k)}</Key><Value>{escape(v)}</Value></Tag>"
                   for k, v in urllib.parse.parse_qsl(tagging or "", keep_blank_values=True))
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<Tagging xmlns="http://s3.amazonaws.com/'
            f'doc/2006-03-01/"><TagSet>{tags}</TagSet></Tagging>').encode()


def make_handler(state):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def answer(self, status, body, headers=()):
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            if self.command == "HEAD":
                self.send_header("Content-Length", dict(headers).get("Content-Length", "0"))
                self.end_headers()
                return
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def refuse(self, status, code, message):
            self.answer(status, b"" if self.command == "HEAD" else error_xml(code, message),
                        [("Content-Type", "application/xml")])

        def control(self, path, body):
            if self.command == "PUT" and path.startswith("/_control/buckets/"):
                name = path[len("/_control/buckets/"):]
                request = urllib.request.Request(f"{state.upstream}/{name}", data=b"",
                                                 method="PUT")
                with urllib.request.urlopen(request, timeout=10) as response:
                    return self.answer(response.status, b"")
            if self.command == "GET" and path.startswith("/_control/objects/"):
                # the key as it came, still encoded
                rest = urllib.parse.urlsplit(self.path).path[len("/_control/objects/"):]
                with urllib.request.urlopen(f"{state.upstream}/{rest}", timeout=10) as response:
                    return self.answer(200, response.read())
            if self.command == "PUT" and path.startswith("/_control/objects/"):
                rest = urllib.parse.urlsplit(self.path).path[len("/_control/objects/"):]
                request = urllib.request.Request(f"{state.upstream}/{rest}", data=body,
                                                 method="PUT",
                                                 headers={"Content-Type": "binary/octet-stream"})
                with urllib.request.urlopen(request, timeout=10) as response:
                    return self.answer(response.status, b"")
            if self.command == "GET" and path == "/_control/stored":
                with state.lock:
                    return self.answer(200, json.dumps(state.objects).encode())
            if self.command == "GET" and path == "/_control/requests":
                with state.lock:
                    return self.answer(200, json.dumps(state.requests).encode())
            if self.command == "POST" and path == "/_control/reset":
                with state.lock:  # the objects stay: each test uses its own keys
                    state.requests, state.faults = [], []
                return self.answer(200, b"")
            if self.command == "POST" and path == "/_control/fail":
                query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
                with state.lock:
                    state.faults += [(int(query.get("status", 503)), query.get("code", "SlowDown"))
                                     ] * int(query.get("count", 1))
                return self.answer(200, b"")
            return self.answer(404, b"no such control")

        def checks(self, body):
            """Raises ErrorAnswer as S3 would; the checks' names."""
            content_sha256 = self.headers.get("x-amz-content-sha256")
            if content_sha256 != hashlib.sha256(body).hexdigest():
                raise ErrorAnswer(400, "", "XAmzContentSHA256Mismatch",
                                  "The provided 'x-amz-content-sha256' header does not match "
                                  "what was computed.")
            checksum = self.headers.get("x-amz-checksum-sha256")
            if checksum is not None and \
                    checksum != base64.b64encode(hashlib.sha256(body).digest()).decode():
                raise ErrorAnswer(400, "", "BadDigest",
                                  "The SHA256 you specified did not match the calculated "
                                  "checksum.")
            state.checker.check(self.command, self.path, self.headers, body)

        def forward(self, path, query, body):
            headers = {k: v for k, v in self.headers.items()
                       if k.lower() not in ("host", "authorization", "expect")}
            if self.command == "PUT" and "Content-Type" not in self.headers:
                # S3's default; urllib would send a form type, which fauxqs parses
                headers["Content-Type"] = "binary/octet-stream"
            request = urllib.request.Request(
                state.upstream + self.path, data=body if self.command == "PUT" else None,
                method=self.command, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    status, answer, headers = response.status, response.read(), response.headers
            except urllib.error.HTTPError as refused:
                status, answer, headers = refused.code, refused.read(), refused.headers
            kept = [(k, v) for k, v in headers.items() if k.lower() not in DROPPED_HEADERS]
            if self.command == "HEAD":
                kept.append(("Content-Length", headers.get("Content-Length", "0")))
            stored = state.objects.get(path)
            if status == 200 and self.command == "PUT":
                state.objects[path] = {"checksum": self.headers.get("x-amz-checksum-sha256"),
                                       "tagging": self.headers.get("x-amz-tagging")}
                if self.headers.get("x-amz-checksum-sha256"):
                    kept.append(("x-amz-checksum-sha256", self.headers["x-amz-checksum-sha256"]))
            elif status == 200 and stored and stored["checksum"] and \
                    self.headers.get("x-amz-checksum-mode") == "ENABLED":
                kept.append(("x-amz-checksum-sha256", stored["checksum"]))
            self.answer(status, answer, kept)

        def handle_any(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            split = urllib.parse.urlsplit(self.path)
            path = urllib.parse.unquote(split.path)
            if path.startswith("/_control/"):
                return self.control(path, body)
            entry = {"method": self.command, "path": self.path, "checked": True, "error": ""}
            with state.lock:
                state.requests.append(entry)
                fault = state.faults.pop(0) if state.faults else None
            try:
                self.checks(body)
            except ErrorAnswer as refused:
                entry.update(checked=False, error=refused.code)
                return self.refuse(refused.status, refused.code, refused.message)
            if fault:
                entry["error"] = fault[1]
                return self.refuse(fault[0], fault[1], "injected by s3_peer.py")
            if self.command == "GET" and split.query == "tagging":
                stored = state.objects.get(path)
                if not stored:
                    return self.refuse(404, "NoSuchKey", "The specified key does not exist.")
                return self.answer(200, tagging_xml(stored["tagging"]),
                                   [("Content-Type", "application/xml")])
            self.forward(path, split.query, body)

        do_GET = do_PUT = do_HEAD = do_DELETE = do_POST = handle_any

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--access-key", required=True)
    parser.add_argument("--secret", required=True)
    parser.add_argument("--region", default="us-east-1")
    args = parser.parse_args()
    fauxqs, upstream = start_fauxqs()
    try:
        server = Server(("127.0.0.1", args.port), make_handler(State(args, upstream)))
        server.daemon_threads = True
        print(f"LISTENING {server.server_address[1]}", flush=True)
        server.serve_forever()
    finally:
        fauxqs.terminate()


if __name__ == "__main__":
    main()
