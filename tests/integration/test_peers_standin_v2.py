"""The stand-in's SES API v2 answers (GetAccount, GetSuppressedDestination)
and its v1 configuration-set calls, checked with AWS's own client (boto3):
they parse with botocore's models, and what botocore signs is accepted.
briefing's account, suppression and `events --setup` tests trust these."""
import os
import sys
import unittest
from datetime import datetime, timezone

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "peers"))

import boto3  # noqa: E402  (Debian's python3-boto3)
import botocore.exceptions  # noqa: E402
from botocore.config import Config  # noqa: E402

from peers import StandIn  # noqa: E402


class StandInV2Test(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.standin = StandIn().__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.standin.__exit__(None, None, None)

    def setUp(self):
        self.standin.reset()

    def client(self, service, secret=None):
        client = boto3.client(
            service, region_name=self.standin.region, endpoint_url=self.standin.url,
            aws_access_key_id=self.standin.access_key,
            aws_secret_access_key=secret or self.standin.secret,
            config=Config(retries={"total_max_attempts": 1, "mode": "standard"},
                          connect_timeout=2, read_timeout=2))
        self.addCleanup(client.close)
        return client

    def test_get_account_parses_and_follows_the_config(self):
        sesv2 = self.client("sesv2")
        account = sesv2.get_account()
        self.assertEqual((account["ProductionAccessEnabled"], account["SendingEnabled"],
                          account["EnforcementStatus"]), (True, True, "HEALTHY"))
        self.standin.config({"account": {"ProductionAccessEnabled": False, "SendingEnabled": False,
                                         "EnforcementStatus": "SHUTDOWN"}})
        account = sesv2.get_account()
        self.assertEqual((account["ProductionAccessEnabled"], account["SendingEnabled"],
                          account["EnforcementStatus"]), (False, False, "SHUTDOWN"))
        self.assertTrue(all(r["signature_ok"] for r in self.standin.requests()))

    def test_suppressed_destination_and_not_found(self):
        sesv2 = self.client("sesv2")
        self.standin.config({"suppressed": {"cfo@example.com": {
            "reason": "COMPLAINT", "last_update": "2026-11-20T10:00:00Z"}}})
        found = sesv2.get_suppressed_destination(EmailAddress="CFO@example.com")
        entry = found["SuppressedDestination"]
        self.assertEqual(entry["Reason"], "COMPLAINT")
        self.assertEqual(entry["LastUpdateTime"], datetime(2026, 11, 20, 10, tzinfo=timezone.utc))
        with self.assertRaises(sesv2.exceptions.NotFoundException):
            sesv2.get_suppressed_destination(EmailAddress="ceo@example.com")
        self.assertEqual([r["address"] for r in self.standin.requests()],
                         ["CFO@example.com", "ceo@example.com"])

    def test_a_wrong_secret_is_refused_on_v2_too(self):
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            self.client("sesv2", secret="wrong" * 8).get_account()
        self.assertEqual(caught.exception.response["Error"]["Code"], "SignatureDoesNotMatch")

    def test_configuration_set_and_its_sns_destination(self):
        ses = self.client("ses")
        ses.create_configuration_set(ConfigurationSet={"Name": "briefing"})
        with self.assertRaises(ses.exceptions.ConfigurationSetAlreadyExistsException):
            ses.create_configuration_set(ConfigurationSet={"Name": "briefing"})
        topic = "arn:aws:sns:us-east-1:000000000000:briefing-events"
        ses.create_configuration_set_event_destination(
            ConfigurationSetName="briefing",
            EventDestination={"Name": "briefing-sns", "Enabled": True,
                              "MatchingEventTypes": ["send", "delivery", "bounce"],
                              "SNSDestination": {"TopicARN": topic}})
        described = ses.describe_configuration_set(
            ConfigurationSetName="briefing", ConfigurationSetAttributeNames=["eventDestinations"])
        [destination] = described["EventDestinations"]
        self.assertEqual((destination["Name"], destination["Enabled"],
                          destination["MatchingEventTypes"], destination["SNSDestination"]["TopicARN"]),
                         ("briefing-sns", True, ["send", "delivery", "bounce"], topic))
        with self.assertRaises(ses.exceptions.ConfigurationSetDoesNotExistException):
            ses.describe_configuration_set(ConfigurationSetName="other")


if __name__ == "__main__":
    unittest.main()
