#!/usr/bin/python3
"""The Python/boto3 way, for comparison: SendRawEmail for every archived .eml
under ARCHIVE_DIR, one call after the other, to ENDPOINT.

usage: boto3_send.py ENDPOINT ARCHIVE_DIR
Prints the number of messages sent and the wall time in seconds.
"""
import glob
import os
import sys
import time

import boto3


def main():
    endpoint, archive = sys.argv[1], sys.argv[2]
    started = time.monotonic()
    client = boto3.client("ses", region_name="us-east-1", endpoint_url=endpoint,
                          aws_access_key_id="AKIDEXAMPLE",
                          aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    paths = sorted(glob.glob(os.path.join(archive, "*", "*.eml")))
    for path in paths:
        with open(path, "rb") as f:
            client.send_raw_email(Source="reports@example.com", Destinations=["owner@example.com"],
                                  RawMessage={"Data": f.read()})
    print(f"{len(paths)} {time.monotonic() - started:.3f}")


if __name__ == "__main__":
    main()
