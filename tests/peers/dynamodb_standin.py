#!/usr/bin/python3
"""A loopback stand-in in front of dynalite (which checks no signature):
every DynamoDB request's SigV4 signature is checked with botocore (service
"dynamodb", --access-key/--secret/--region), then the request is forwarded
to --forward and its answer relayed. A request with a bad signature gets
DynamoDB's 400 JSON error and never reaches dynalite.

    POST /                   DynamoDB JSON 1.0 (X-Amz-Target: DynamoDB_20120810.<Op>)
    POST /_control/faults    queue faults: [{"kind": "throttle", "op": "PutItem"}, ...]
                             ("op" omitted or "*": any); one consumed per matching
                             request ("after": N lets the first N matching requests
                             through first, so a fault lands mid-way through a run),
                             answered instead of forwarding it:
                             throttle -> 400 ThrottlingException,
                             http_500 -> 500 InternalServerError;
                             after forwarding it (dynalite did the write):
                             applied_then_500 -> 500 InternalServerError,
                             applied_then_reset -> the connection closed, no answer
    GET  /_control/requests  every request, oldest first: op, signature_ok,
                             status, error_code, fault, items (how many items
                             a successful read answered: Query's and Scan's
                             ScannedCount, GetItem's 0 or 1)
    POST /_control/reset     forgets them and the faults

Prints `LISTENING <port>` once it accepts connections. Debian's /usr/bin/python3.
"""
import argparse
import json
import os
import socket
import sys
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ses_standin import ErrorAnswer, Server, SignatureChecker, serve  # noqa: E402

TARGET_PREFIX = "DynamoDB_20120810."
AFTER_FORWARD = {"applied_then_500", "applied_then_reset"}
FAULT_ANSWERS = {
    "throttle": (400, "ThrottlingException", "Rate of requests exceeds the allowed throughput."),
    "http_500": (500, "InternalServerError", "Internal server error"),
    "applied_then_500": (500, "InternalServerError", "Internal server error"),
}


class State:
    def __init__(self, checker, forward):
        self.checker, self.forward = checker, forward
        self.lock = threading.Lock()
        self.requests, self.faults = [], []

    def take_fault(self, op):
        with self.lock:
            for i, fault in enumerate(self.faults):
                if fault.get("op", "*") in ("*", op):
                    if fault.get("after", 0) > 0:
                        fault["after"] -= 1
                        return None
                    return self.faults.pop(i)
        return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "dynamodb-standin"
    sys_version = ""

    def log_message(self, format, *args):
        pass

    def answer(self, status, body, content_type="application/x-amz-json-1.0"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def answer_json(self, status, value):
        self.answer(status, json.dumps(value).encode(), "application/json")

    def error(self, status, code, message):
        body = json.dumps({"__type": "com.amazonaws.dynamodb.v20120810#" + code,
                           "message": message}).encode()
        self.answer(status, body)

    def do_GET(self):
        state = self.server.state
        if self.path == "/_control/requests":
            with state.lock:
                self.answer_json(200, state.requests)
        else:
            self.answer_json(404, {"error": "unknown path"})

    def do_POST(self):
        state = self.server.state
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.path == "/_control/faults":
            faults = json.loads(body)
            with state.lock:
                state.faults.extend(faults if isinstance(faults, list) else [faults])
            return self.answer_json(200, {"queued": len(state.faults)})
        if self.path == "/_control/reset":
            with state.lock:
                state.requests.clear()
                state.faults.clear()
            return self.answer_json(200, {})
        target = self.headers.get("X-Amz-Target", "")
        op = target[len(TARGET_PREFIX):] if target.startswith(TARGET_PREFIX) else target
        entry = {"op": op, "signature_ok": False, "status": None, "error_code": None,
                 "fault": None}
        with state.lock:
            state.requests.append(entry)
        try:
            state.checker.check("POST", self.path, self.headers, body)
        except ErrorAnswer as refused:
            entry.update(status=400, error_code=refused.code)
            return self.error(400, refused.code, refused.message)
        entry["signature_ok"] = True
        fault = state.take_fault(op)
        kind = fault["kind"] if fault else None
        entry["fault"] = kind
        if kind in AFTER_FORWARD:
            status, answer = self.forward(body)
            entry["forwarded_status"] = status
        if kind == "applied_then_reset":
            entry["status"] = "reset"
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return None
        if kind:
            status, code, message = FAULT_ANSWERS[kind]
            entry.update(status=status, error_code=code)
            return self.error(status, code, message)
        status, answer = self.forward(body)
        if status >= 400:
            entry["error_code"] = json.loads(answer or b"{}").get("__type", "").rpartition("#")[2]
        elif op in ("Query", "Scan", "GetItem"):
            read = json.loads(answer or b"{}")
            entry["items"] = read.get("ScannedCount", 1 if "Item" in read else 0)
        entry["status"] = status
        self.answer(status, answer)

    def forward(self, body):
        """(status, body) of dynalite's answer to the same request."""
        headers = {name: self.headers[name] for name in
                   ("Content-Type", "X-Amz-Target", "X-Amz-Date", "Authorization")
                   if self.headers.get(name)}
        request = urllib.request.Request(self.server.state.forward + "/", data=body,
                                         headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, answer = response.status, response.read()
        except urllib.error.HTTPError as refused:
            status, answer = refused.code, refused.read()
        return status, answer


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0, help="0: any free port")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--forward", required=True, help="dynalite's URL")
    parser.add_argument("--access-key", default="AKIDEXAMPLE")
    parser.add_argument("--secret", default="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    parser.add_argument("--region", default="us-east-1")
    args = parser.parse_args()
    server = Server((args.host, args.port), Handler)
    checker = SignatureChecker(args.access_key, args.secret, args.region, service="dynamodb")
    server.state = State(checker, args.forward.rstrip("/"))
    serve(server)


if __name__ == "__main__":
    main()
