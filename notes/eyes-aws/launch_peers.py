#!/usr/bin/python3
"""eyes-aws: starts the loopback AWS a new user stands in for real AWS with:
aws-ses-v2-local, the SigV4-checking SES stand-in in front of it (region
us-west-2, as examples/portfolio/repos.env.example says), and aws_standin.py
(STS, SSO portal, IMDSv2, container) handing out made-up temporary keys.
Writes the URLs to $EYES/peers.env (sourceable) and waits for SIGTERM."""
import os
import signal
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "peers"))
from peers import AWS_STANDIN_SCRIPT, PYTHON, Emulator, StandIn, start_listening, stop_process_group  # noqa

EYES = os.environ.get("EYES", "/tmp/eyes-aws")
# Made-up secrets to grep for afterwards (never key-shaped AKIA literals).
ISSUED = ("ASIAEYESISSUEDKEY", "eyesIssuedSECRETvalue0000000000000000000", "eyesIssuedTOKEN" + "t" * 600)
PROCESS = ("ASIAEYESPROCESSKEY", "eyesProcessSECRETvalue00000000000000000", "eyesProcessTOKENvalue")
SSO_TOKEN = "eyesSSOaccessTOKENvalue"
SOURCE = ("AKIDEYESSOURCE", "eyesSourceSECRETvalue000000000000000000")
REGION = "us-west-2"


def main():
    os.makedirs(EYES, exist_ok=True)
    with Emulator() as emulator, StandIn(forward=emulator.url, region=REGION,
                                         temporary=[ISSUED, PROCESS]) as ses:
        aws, aws_url = start_listening(
            [PYTHON, "-B", AWS_STANDIN_SCRIPT, "--port", "0", "--region", REGION,
             "--issue-key", ISSUED[0], "--issue-secret", ISSUED[1], "--issue-token", ISSUED[2],
             "--sso-token", SSO_TOKEN, "--source-key", SOURCE[0], "--source-secret", SOURCE[1]],
            "aws_standin.py")
        try:
            with open(os.path.join(EYES, "peers.env"), "w") as f:
                f.write(f"EMULATOR={emulator.url}\nSES={ses.url}\nAWS={aws_url}\n")
                for name, value in (("ISSUED_KEY", ISSUED[0]), ("ISSUED_SECRET", ISSUED[1]),
                                    ("ISSUED_TOKEN", ISSUED[2]), ("PROCESS_KEY", PROCESS[0]),
                                    ("PROCESS_SECRET", PROCESS[1]), ("PROCESS_TOKEN", PROCESS[2]),
                                    ("SSO_TOKEN", SSO_TOKEN), ("SOURCE_KEY", SOURCE[0]),
                                    ("SOURCE_SECRET", SOURCE[1])):
                    f.write(f"{name}={value}\n")
            print("ready", flush=True)
            while True:
                signal.pause()
        except KeyboardInterrupt:
            pass
        finally:
            stop_process_group(aws)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    main()
