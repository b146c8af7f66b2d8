#!/usr/bin/python3
"""A loopback stand-in for the services briefing gets temporary AWS
credentials from, answering with the shapes AWS documents:

    POST /                  STS Query API, version 2011-06-15:
                            AssumeRole (its SigV4 signature checked with
                            botocore against --source-key/--source-secret,
                            service "sts") and AssumeRoleWithWebIdentity
                            (WebIdentityToken must be --web-identity-token)
    GET  /federation/credentials?account_id=&role_name=
                            SSO GetRoleCredentials (x-amz-sso_bearer_token
                            must be --sso-token)
    POST /token             SSO OIDC CreateToken, grantType refresh_token:
                            clientId/clientSecret must be --sso-client-id/
                            --sso-client-secret, refreshToken the current
                            one (first --sso-refresh-token; each use rotates
                            it to "<it>-rotated-<n>"); answers accessToken
                            --sso-token valid --valid-seconds
    PUT  /latest/api/token  IMDSv2 session token (needs the TTL header)
    GET  /latest/meta-data/iam/security-credentials/[ROLE]
                            the instance role and its keys (need the token)
    GET  /latest/meta-data/placement/region
                            --instance-region (needs the token; 404 when
                            not given)
    GET  /container/credentials
                            container credentials (Authorization must be
                            --container-token)
    GET  /_control/requests every request received, oldest first (never a
                            secret: which checks passed and the parameters)
    POST /_control/reset    forgets them

Every credential answer hands out the same temporary keys (--issue-key,
--issue-secret, --issue-token), valid for --valid-seconds. Prints
`LISTENING <port>` once it accepts connections. Debian's /usr/bin/python3.
"""
import argparse
import json
import os
import sys
import threading
import time
import urllib.parse
import uuid
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ses_standin import ErrorAnswer, Server, SignatureChecker, serve  # noqa: E402

STS_XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/"
IMDS_TOKEN_TTL_HEADER = "X-aws-ec2-metadata-token-ttl-seconds"


def iso(when):
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


class State:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.requests = []
        self.imds_tokens = set()
        self.refresh_token = args.sso_refresh_token
        self.refreshes = 0
        self.checker = SignatureChecker(args.source_key, args.source_secret, args.region,
                                        service="sts")

    def record(self, entry):
        with self.lock:
            self.requests.append(entry)

    def expiration(self):
        return datetime.now(timezone.utc) + timedelta(seconds=self.args.valid_seconds)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "aws-standin"
    sys_version = ""

    def log_message(self, format, *args):
        pass

    @property
    def state(self):
        return self.server.state

    def answer(self, status, body, content_type):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def answer_json(self, status, value):
        self.answer(status, json.dumps(value), "application/json")

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    # -- STS -------------------------------------------------------------

    def do_POST(self):
        body = self.read_body()
        if self.path == "/_control/reset":
            with self.state.lock:
                self.state.requests.clear()
            self.answer_json(200, {"ok": True})
            return
        if self.path == "/token":
            self.create_token(body)
            return
        form = dict(urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        action = form.get("Action", "")
        entry = {"service": "sts", "action": action,
                 "parameters": {k: v for k, v in form.items()
                                if k not in ("WebIdentityToken", "TokenCode")},
                 "token_code": form.get("TokenCode"),
                 "session_token": "X-Amz-Security-Token" in self.headers}
        try:
            if action == "AssumeRole":
                self.state.checker.check("POST", self.path, self.headers, body)
                entry["signature_ok"] = True
            elif action == "AssumeRoleWithWebIdentity":
                if form.get("WebIdentityToken") != self.state.args.web_identity_token:
                    raise ErrorAnswer(400, "Sender", "InvalidIdentityToken",
                                      "The web identity token that was passed is not valid.")
                entry["web_identity_ok"] = True
            else:
                raise ErrorAnswer(400, "Sender", "InvalidAction", f"Could not find operation {action}")
            if self.state.args.deny:
                raise ErrorAnswer(403, "Sender", "AccessDenied",
                                  "User is not authorized to perform: sts:AssumeRole")
        except ErrorAnswer as error:
            entry["status"] = error.status
            self.state.record(entry)
            self.answer(error.status,
                        f'<ErrorResponse xmlns="{STS_XMLNS}">\n  <Error>\n'
                        f"    <Type>{error.error_type}</Type>\n    <Code>{error.code}</Code>\n"
                        f"    <Message>{escape(error.message)}</Message>\n  </Error>\n"
                        f"  <RequestId>{uuid.uuid4()}</RequestId>\n</ErrorResponse>\n",
                        "text/xml")
            return
        entry["status"] = 200
        self.state.record(entry)
        args = self.state.args
        self.answer(200,
                    f'<{action}Response xmlns="{STS_XMLNS}">\n  <{action}Result>\n'
                    "    <Credentials>\n"
                    f"      <AccessKeyId>{args.issue_key}</AccessKeyId>\n"
                    f"      <SecretAccessKey>{escape(args.issue_secret)}</SecretAccessKey>\n"
                    f"      <SessionToken>{escape(args.issue_token)}</SessionToken>\n"
                    f"      <Expiration>{iso(self.state.expiration())}</Expiration>\n"
                    "    </Credentials>\n"
                    "    <AssumedRoleUser>\n"
                    f"      <Arn>{escape(form.get('RoleArn', ''))}/{escape(form.get('RoleSessionName', ''))}</Arn>\n"
                    "      <AssumedRoleId>AROAEXAMPLE:session</AssumedRoleId>\n"
                    "    </AssumedRoleUser>\n"
                    f"  </{action}Result>\n  <ResponseMetadata>\n"
                    f"    <RequestId>{uuid.uuid4()}</RequestId>\n  </ResponseMetadata>\n"
                    f"</{action}Response>\n", "text/xml")

    # -- SSO OIDC ----------------------------------------------------------

    def create_token(self, body):
        args = self.state.args
        try:
            request = json.loads(body or b"{}")
        except ValueError:
            request = {}
        entry = {"service": "sso-oidc", "grant_type": request.get("grantType"),
                 "client_ok": (request.get("clientId") == args.sso_client_id
                               and request.get("clientSecret") == args.sso_client_secret)}
        with self.state.lock:
            entry["refresh_ok"] = request.get("refreshToken") == self.state.refresh_token
            ok = entry["client_ok"] and entry["refresh_ok"] and entry["grant_type"] == "refresh_token"
            if ok and not args.deny:
                self.state.refreshes += 1
                self.state.refresh_token = f"{args.sso_refresh_token}-rotated-{self.state.refreshes}"
            new_refresh_token = self.state.refresh_token
        if not ok or args.deny:
            entry["status"] = 400
            self.state.record(entry)
            self.answer_json(400, {"error": "invalid_grant",
                                   "error_description": "Invalid refresh token provided"})
            return
        entry["status"] = 200
        self.state.record(entry)
        self.answer_json(200, {"accessToken": args.sso_token, "tokenType": "Bearer",
                               "expiresIn": args.valid_seconds, "refreshToken": new_refresh_token})

    # -- IMDSv2 ----------------------------------------------------------

    def do_PUT(self):
        self.read_body()
        path = urllib.parse.urlsplit(self.path).path
        entry = {"service": "imds", "method": "PUT", "path": path}
        if path != "/latest/api/token" or not self.headers.get(IMDS_TOKEN_TTL_HEADER):
            entry["status"] = 400
            self.state.record(entry)
            self.answer(400, "", "text/plain")
            return
        token = uuid.uuid4().hex
        with self.state.lock:
            self.state.imds_tokens.add(token)
        entry["status"] = 200
        self.state.record(entry)
        self.answer(200, token, "text/plain")

    def credentials_json(self, token_name):
        args = self.state.args
        return {"Code": "Success", "LastUpdated": iso(datetime.now(timezone.utc)),
                "Type": "AWS-HMAC", "AccessKeyId": args.issue_key,
                "SecretAccessKey": args.issue_secret, token_name: args.issue_token,
                "Expiration": iso(self.state.expiration())}

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/_control/requests":
            with self.state.lock:
                self.answer_json(200, list(self.state.requests))
            return
        if url.path == "/federation/credentials":
            self.sso(urllib.parse.parse_qs(url.query))
        elif url.path.startswith("/latest/meta-data/"):
            self.imds(url.path)
        elif url.path == "/container/credentials":
            self.container()
        else:
            self.answer_json(404, {"message": f"no such path {url.path}"})

    def sso(self, query):
        args = self.state.args
        entry = {"service": "sso", "account_id": query.get("account_id", [""])[0],
                 "role_name": query.get("role_name", [""])[0]}
        if self.headers.get("x-amz-sso_bearer_token") != args.sso_token:
            entry["status"] = 401
            self.state.record(entry)
            self.answer_json(401, {"message": "Session token not found or invalid"})
            return
        entry["status"] = 200
        self.state.record(entry)
        expiration_ms = int(self.state.expiration().timestamp() * 1000)
        self.answer_json(200, {"roleCredentials": {
            "accessKeyId": args.issue_key, "secretAccessKey": args.issue_secret,
            "sessionToken": args.issue_token, "expiration": expiration_ms}})

    def imds(self, path):
        entry = {"service": "imds", "method": "GET", "path": path}
        with self.state.lock:
            token_ok = self.headers.get("X-aws-ec2-metadata-token") in self.state.imds_tokens
        entry["status"] = 200 if token_ok else 401
        self.state.record(entry)
        if not token_ok:
            self.answer(401, "", "text/plain")
            return
        if path == "/latest/meta-data/placement/region":
            region = self.state.args.instance_region
            self.answer(200 if region else 404, region, "text/plain")
            return
        if not path.startswith("/latest/meta-data/iam/security-credentials/"):
            self.answer(404, "", "text/plain")
            return
        role = path.rsplit("/", 1)[1]
        if not role:
            self.answer(200, self.state.args.role_name, "text/plain")
        elif role == self.state.args.role_name:
            self.answer_json(200, self.credentials_json("Token"))
        else:
            self.answer(404, "", "text/plain")

    def container(self):
        entry = {"service": "container",
                 "authorization_ok": self.headers.get("Authorization") == self.state.args.container_token}
        entry["status"] = 200 if entry["authorization_ok"] else 403
        self.state.record(entry)
        if not entry["authorization_ok"]:
            self.answer_json(403, {"message": "invalid authorization token"})
            return
        self.answer_json(200, self.credentials_json("Token"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--source-key", default="AKIDSOURCEEXAMPLE")
    parser.add_argument("--source-secret", default="sourceSECRETsourceSECRETsource0000000000")
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--issue-key", default="ASIATEMPORARYEXAMPLE")
    parser.add_argument("--issue-secret", default="tempSECRETtempSECRETtempSECRET0000000000")
    parser.add_argument("--issue-token", default="IQoJb3JpZ2luX2VjEXAMPLE" + "x" * 1000)
    parser.add_argument("--valid-seconds", type=int, default=3600)
    parser.add_argument("--web-identity-token", default="eyJhbGciOiJSUzI1NiJ9.example.signature")
    parser.add_argument("--sso-token", default="aoaEXAMPLEssoACCESStoken")
    parser.add_argument("--sso-client-id", default="sso-client-id-example")
    parser.add_argument("--sso-client-secret", default="ssoCLIENTsecretEXAMPLE")
    parser.add_argument("--sso-refresh-token", default="ssoREFRESHtokenEXAMPLE")
    parser.add_argument("--container-token", default="container-authorization-example")
    parser.add_argument("--instance-region", default="",
                        help="placement/region of the instance; empty: 404")
    parser.add_argument("--role-name", default="briefing-instance-role")
    parser.add_argument("--deny", action="store_true", help="refuse every STS call: AccessDenied")
    args = parser.parse_args()
    server = Server(("127.0.0.1", args.port), Handler)
    server.state = State(args)
    serve(server)


if __name__ == "__main__":
    main()
