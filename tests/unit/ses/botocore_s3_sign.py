#!/usr/bin/python3
"""What botocore's S3SigV4Auth signs a request to: prints its Authorization.

Reads one JSON object on stdin: method, url (the path as sent, encoded
once), headers (name -> value, the ones briefing signs besides X-Amz-Date,
X-Amz-Content-SHA256 and X-Amz-Security-Token, which botocore adds), body
(text), key, secret, token (or null), region and amz_date (the fixed time
to sign at). Used by tests/unit/ses/test_s3_names.c. Debian's python3.
"""
import json
import sys

from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def main():
    given = json.load(sys.stdin)
    request = AWSRequest(method=given["method"], url=given["url"], headers=given["headers"],
                         data=given["body"].encode())
    signer = S3SigV4Auth(Credentials(given["key"], given["secret"], given["token"]), "s3",
                         given["region"])
    # add_auth() signs "now": sign at the test's fixed date instead.
    request.context["timestamp"] = given["amz_date"]
    signer._modify_request_before_signing(request)
    canonical = signer.canonical_request(request)
    signature = signer.signature(signer.string_to_sign(request, canonical), request)
    signer._inject_signature_to_request(request, signature)
    print(request.headers["Authorization"])


if __name__ == "__main__":
    main()
