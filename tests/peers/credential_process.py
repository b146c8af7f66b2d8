#!/usr/bin/python3
"""A credential_process for the tests: prints AWS's JSON shape on stdout.

    credential_process.py --key AKID --secret SECRET [--token T]
                          [--expires-in SECONDS] [--counter FILE]
                          [--exit CODE --say TEXT] [--sleep SECONDS] [--print TEXT]

--expires-in: an Expiration that many seconds from now (negative: past; omitted:
none). --counter: the key id gets the number of runs so far appended, so a
test can see a refresh asked again. --exit/--say: fail with CODE after writing
TEXT on stderr. --print: print TEXT instead of the JSON. --say alone writes TEXT
on stderr and still succeeds.
"""
import argparse
import json
import sys
import time
from datetime import datetime, timedelta, timezone


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--key", default="ASIAPROCESSEXAMPLE")
    parser.add_argument("--secret", default="processSECRETprocessSECRETprocess0000000")
    parser.add_argument("--token")
    parser.add_argument("--expires-in", type=int)
    parser.add_argument("--counter")
    parser.add_argument("--exit", type=int, default=0)
    parser.add_argument("--say")
    parser.add_argument("--sleep", type=float, default=0)
    parser.add_argument("--print", dest="text")
    args = parser.parse_args()
    if args.sleep:
        time.sleep(args.sleep)
    if args.say:
        sys.stderr.write(args.say + "\n")
    if args.exit:
        sys.exit(args.exit)
    if args.text is not None:
        print(args.text)
        return
    key = args.key
    if args.counter:
        try:
            with open(args.counter) as f:
                runs = int(f.read() or 0)
        except FileNotFoundError:
            runs = 0
        runs += 1
        with open(args.counter, "w") as f:
            f.write(str(runs))
        key = f"{key}{runs}"
    answer = {"Version": 1, "AccessKeyId": key, "SecretAccessKey": args.secret}
    if args.token:
        answer["SessionToken"] = args.token
    if args.expires_in is not None:
        when = datetime.now(timezone.utc) + timedelta(seconds=args.expires_in)
        answer["Expiration"] = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    print(json.dumps(answer, indent=2))


if __name__ == "__main__":
    main()
