"""The test peers themselves, checked with AWS's own client (boto3): the
stand-in's answers parse with botocore's SES models, its signature check
accepts what botocore signs and refuses a wrong secret, its faults behave as
documented, and a send through it reaches the aws-ses-v2-local emulator.
Tests of briefing trust these peers; this is why they may."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "peers"))

import boto3  # noqa: E402  (Debian's python3-boto3)
import botocore.exceptions  # noqa: E402
from botocore.config import Config  # noqa: E402
from botocore.parsers import ResponseParserError  # noqa: E402

from peers import Emulator, StandIn  # noqa: E402

RAW = (b"From: Briefing <briefing@example.com>\r\nTo: exec@example.com\r\n"
       b"Subject: Weekly briefing\r\n\r\nRunway: 14 months.\r\n")


def ses_client(standin, secret=None, access_key=None, token=None):
    return boto3.client(
        "ses", region_name=standin.region, endpoint_url=standin.url,
        aws_access_key_id=access_key or standin.access_key,
        aws_secret_access_key=secret or standin.secret, aws_session_token=token,
        config=Config(retries={"total_max_attempts": 1, "mode": "standard"},
                      connect_timeout=2, read_timeout=2))


class StandInTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.standin = StandIn().__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.standin.__exit__(None, None, None)

    def setUp(self):
        self.standin.reset()
        self.ses = self.client()

    def client(self, **kwargs):
        client = ses_client(self.standin, **kwargs)
        self.addCleanup(client.close)
        return client

    def error_of(self, call, **kwargs):
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            call(**kwargs)
        return caught.exception.response

    def test_quota_parses_with_botocore(self):
        self.standin.config({"quota": {"max_24_hour_send": 200, "max_send_rate": 1.5,
                                       "sent_last_24_hours": 17}})
        quota = self.ses.get_send_quota()
        self.assertEqual((quota["Max24HourSend"], quota["MaxSendRate"], quota["SentLast24Hours"]),
                         (200.0, 1.5, 17.0))
        self.assertTrue(quota["ResponseMetadata"]["RequestId"])

    def test_quota_counts_recipients_as_ses_does(self):
        # SES's SentLast24Hours counts recipients (the preflight does too):
        # a message to two Destinations uses 2, one with none its headers' 3.
        self.ses.send_raw_email(RawMessage={"Data": RAW}, Source="briefing@example.com",
                                Destinations=["exec@example.com", "cfo@example.com"])
        self.assertEqual(self.ses.get_send_quota()["SentLast24Hours"], 2.0)
        three = RAW.replace(b"To: exec@example.com", b"To: a@example.com, b@example.com\r\nCc: c@example.com")
        self.ses.send_raw_email(RawMessage={"Data": three})
        self.assertEqual(self.ses.get_send_quota()["SentLast24Hours"], 5.0)

    def test_statistics_parse_with_botocore(self):
        points = [{"timestamp": "2026-11-23T08:15:00Z", "delivery_attempts": 12, "bounces": 1,
                   "complaints": 0, "rejects": 3}]
        self.standin.config({"statistics": points})
        answer = self.ses.get_send_statistics()["SendDataPoints"]
        self.assertEqual(len(answer), 1)
        self.assertEqual(answer[0]["DeliveryAttempts"], 12)
        self.assertEqual(answer[0]["Rejects"], 3)
        self.assertEqual(answer[0]["Timestamp"].timestamp(), 1795421700)

    def test_identity_answers_and_unverified_fault(self):
        self.standin.config({"identities": {"example.com": "Success"},
                             "default_identity_status": None})
        answer = self.ses.get_identity_verification_attributes(
            Identities=["example.com", "unknown.example.com"])["VerificationAttributes"]
        self.assertEqual(list(answer), ["example.com"])
        self.assertEqual(answer["example.com"]["VerificationStatus"], "Success")
        self.standin.faults([{"kind": "unverified"}])
        answer = self.ses.get_identity_verification_attributes(Identities=["example.com"])
        self.assertEqual(answer["VerificationAttributes"]["example.com"]["VerificationStatus"],
                         "Pending")

    def test_send_is_recorded_with_its_destinations_and_message(self):
        sent = self.ses.send_raw_email(RawMessage={"Data": RAW}, Source="briefing@example.com",
                                       Destinations=["exec@example.com", "cfo@example.com"])
        [request] = self.standin.sends()
        self.assertTrue(request["signature_ok"])
        self.assertEqual(request["message_id"], sent["MessageId"])
        self.assertEqual(request["destinations"], ["exec@example.com", "cfo@example.com"])
        self.assertEqual(request["raw"].encode(), RAW)

    def test_wrong_secret_is_signature_does_not_match(self):
        bad = self.client(secret="not-the-secret")
        error = self.error_of(bad.get_send_quota)
        self.assertEqual(error["Error"]["Code"], "SignatureDoesNotMatch")
        self.assertEqual(error["ResponseMetadata"]["HTTPStatusCode"], 403)
        self.assertFalse(self.standin.requests()[0]["signature_ok"])

    def test_session_token_signed_by_botocore_is_accepted(self):
        self.client(token="EXAMPLEsessionTOKEN").get_send_quota()
        [request] = self.standin.requests()
        self.assertTrue(request["signature_ok"])
        self.assertTrue(request["session_token"])

    def test_unknown_key_is_invalid_client_token_id(self):
        bad = self.client(access_key="AKIDUNKNOWN")
        self.assertEqual(self.error_of(bad.get_send_quota)["Error"]["Code"], "InvalidClientTokenId")

    def test_error_faults_answer_like_ses(self):
        self.standin.faults([{"kind": "throttle"}, {"kind": "daily_quota"}, {"kind": "http_503"}])
        expected = [("Throttling", "Maximum sending rate exceeded.", 400),
                    ("Throttling", "Daily message quota exceeded.", 400),
                    ("ServiceUnavailable", None, 503)]
        for code, message, status in expected:
            error = self.error_of(self.ses.get_send_quota)
            self.assertEqual(error["Error"]["Code"], code)
            if message:
                self.assertEqual(error["Error"]["Message"], message)
            self.assertEqual(error["ResponseMetadata"]["HTTPStatusCode"], status)

    def test_faults_only_match_their_action(self):
        self.standin.faults([{"kind": "throttle", "action": "SendRawEmail"}])
        self.ses.get_send_quota()
        self.assertEqual(len(self.standin.pending_faults()), 1)
        error = self.error_of(self.ses.send_raw_email, RawMessage={"Data": RAW},
                              Destinations=["exec@example.com"])
        self.assertEqual(error["Error"]["Code"], "Throttling")
        self.assertEqual(self.standin.pending_faults(), [])

    def test_a_fault_naming_a_report_waits_for_that_reports_message(self):
        cfo = RAW.replace(b"\r\n\r\n", b"\r\nX-Briefing-Report: cfo/portfolio\r\n\r\n", 1)
        ceo = cfo.replace(b"cfo/portfolio", b"ceo/portfolio")
        self.standin.faults([{"kind": "rejected", "action": "SendRawEmail",
                              "report": "cfo/portfolio"}])
        for raw in (RAW, ceo):  # no report, another report: sent
            self.ses.send_raw_email(RawMessage={"Data": raw}, Destinations=["exec@example.com"])
        self.assertEqual(len(self.standin.pending_faults()), 1)
        error = self.error_of(self.ses.send_raw_email, RawMessage={"Data": cfo},
                              Destinations=["exec@example.com"])
        self.assertEqual(error["Error"]["Code"], "MessageRejected")
        self.assertEqual(self.standin.pending_faults(), [])

    def test_lost_answers(self):
        self.standin.faults([{"kind": "reset_after_read"}, {"kind": "truncated"},
                             {"kind": "hang", "seconds": 5}])
        with self.assertRaises(botocore.exceptions.ConnectionClosedError):
            self.ses.get_send_quota()
        with self.assertRaises(ResponseParserError):
            self.ses.get_send_quota()
        with self.assertRaises(botocore.exceptions.ReadTimeoutError):
            self.ses.get_send_quota()
        self.assertEqual([r["status"] for r in self.standin.requests()], ["reset", 200, "hang"])

    def test_enforced_rate_throttles_the_excess(self):
        self.standin.config({"quota": {"max_send_rate": 2}, "enforce_rate": True})
        codes = []
        for _ in range(3):
            try:
                self.ses.send_raw_email(RawMessage={"Data": RAW}, Destinations=["exec@example.com"])
                codes.append("ok")
            except botocore.exceptions.ClientError as error:
                codes.append(error.response["Error"]["Code"])
        self.assertEqual(codes, ["ok", "ok", "Throttling"])


class FrontingTheEmulatorTest(unittest.TestCase):
    def test_send_reaches_the_emulator_store(self):
        with Emulator() as emulator, StandIn(forward=emulator.url) as standin:
            client = ses_client(standin)
            self.addCleanup(client.close)
            sent = client.send_raw_email(RawMessage={"Data": RAW}, Source="briefing@example.com",
                                         Destinations=["exec@example.com"])
            emails = emulator.store()["emails"]
            self.assertEqual([e["messageId"] for e in emails], [sent["MessageId"]])
            self.assertEqual(emails[0]["subject"], "Weekly briefing")
            self.assertTrue(standin.sends()[0]["forwarded"])


if __name__ == "__main__":
    unittest.main()
