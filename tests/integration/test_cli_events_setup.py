"""`briefing events --setup [--dry-run] [--yes]` (issue 9, item 6) against real
peers: the SES stand-in (v1 configuration sets, every signature checked with
botocore) and the fauxqs SNS+SQS emulator. What it makes must work: a
message published to the topic it created arrives in the queue it created."""
import collections
import json
import os
import re
import subprocess
import unittest

from support import BRIEFING, TempDir, copy_sample, environment, run, write_env

from peers import StandIn, http_json
from sqs_peer import Fauxqs

SET = "briefing"
NAME = "briefing-ses-events"


class EventsSetupTest(unittest.TestCase):
    # fauxqs takes longer to start than most tests here take: the next
    # tests' start while this one runs.
    SPARES = 2

    @classmethod
    def setUpClass(cls):
        cls.spare_sqs = collections.deque()
        cls.start_spares()
        cls.ses = StandIn().__enter__()

    @classmethod
    def tearDownClass(cls):
        for sqs in cls.spare_sqs:
            sqs.__exit__(None, None, None)
        cls.ses.__exit__(None, None, None)

    @classmethod
    def start_spares(cls):
        while len(cls.spare_sqs) < cls.SPARES:
            sqs = Fauxqs()
            sqs.start()
            cls.spare_sqs.append(sqs)

    @classmethod
    def fresh_sqs(cls):
        """A fauxqs no test has used (no queue, no topic), ready."""
        sqs = cls.spare_sqs.popleft()
        cls.start_spares()
        sqs.ready()
        return sqs

    def setUp(self):
        self.ses.reset()
        self.sqs = self.fresh_sqs()
        self.addCleanup(self.sqs.__exit__, None, None, None)
        self.tmp = TempDir()
        self.dir = self.tmp.__enter__()
        self.addCleanup(self.tmp.__exit__, None, None, None)
        self.root = copy_sample(self.dir)
        write_env(self.root, SES_REGION="us-east-1", SES_FROM_ADDRESS="reports@example.com")
        self.env = {"AWS_ENDPOINT_URL_SES": self.ses.url, "AWS_ENDPOINT_URL_SNS": self.sqs.url,
                    "AWS_ENDPOINT_URL_SQS": self.sqs.url, "HOME": self.dir,
                    **self.ses.credentials_env()}

    def setup(self, *args, check=None):
        return run("events", "--setup", "--root", self.root, *args, env=self.env, check=check)

    def configuration_sets(self):
        return http_json("GET", self.ses.url + "/_control/config")["configuration_sets"]

    def queues(self):
        return http_json("GET", self.sqs.url + "/_fauxqs/queues")

    def repos_env_lines(self, stdout):
        return re.findall(r"^(SES_CONFIGURATION_SET|SES_EVENTS_QUEUE_URL)=(.*)$", stdout, re.M)

    def test_dry_run_prints_each_call_and_asks_nothing(self):
        result = self.setup("--dry-run", check=0)
        for call in ("SNS CreateTopic Name=briefing-ses-events",
                     "SQS GetQueueUrl QueueName=briefing-ses-events",
                     "CreateQueue QueueName=briefing-ses-events",
                     "SetQueueAttributes Policy=",
                     "Subscribe Protocol=sqs Endpoint=<QueueArn of briefing-ses-events>",
                     "CreateConfigurationSet ConfigurationSet.Name=briefing",
                     "SES CreateConfigurationSetEventDestination ConfigurationSetName=briefing"):
            self.assertIn(call, result.stdout)
        self.assertIn('"aws:SourceArn":"<TopicArn of briefing-ses-events>"', result.stdout)
        self.assertEqual(self.ses.requests(), [])
        self.assertEqual(self.queues(), [])
        self.assertEqual([name for name, _ in self.repos_env_lines(result.stdout)],
                         ["SES_CONFIGURATION_SET", "SES_EVENTS_QUEUE_URL"])

    def test_without_a_terminal_or_yes_nothing_is_called_and_yes_goes_with_setup(self):
        result = self.setup(check=2)
        self.assertIn("nothing created", result.stderr)
        self.assertIn("add --yes", result.stderr)
        self.assertEqual(self.ses.requests(), [])
        self.assertEqual(self.queues(), [])
        for flag in ("--yes", "--dry-run"):
            plain = run("events", "--root", self.root, flag, env=self.env, check=2)
            self.assertIn("go with --setup", plain.stderr)

    def setup_at_a_terminal(self, answer):
        """--setup with a terminal as stdin that has `answer` typed in."""
        controller, terminal = os.openpty()
        try:
            os.write(controller, answer.encode() + b"\n")
            return subprocess.run([BRIEFING, "events", "--setup", "--root", self.root],
                                  env=environment(self.env), stdin=terminal,
                                  capture_output=True, text=True, timeout=60)
        finally:
            os.close(terminal)
            os.close(controller)

    def test_at_a_terminal_it_asks_and_only_y_creates(self):
        refused = self.setup_at_a_terminal("n")
        self.assertEqual(refused.returncode, 2, refused.stderr)
        self.assertIn("Create what delivery events need and is missing", refused.stderr)
        self.assertIn("in us-east-1? [y/N]", refused.stderr)
        self.assertEqual((self.ses.requests(), self.queues()), ([], []))
        agreed = self.setup_at_a_terminal("y")
        self.assertEqual(agreed.returncode, 0, agreed.stderr)
        self.assertIn("5 created", agreed.stdout)
        self.assertEqual([q["name"] for q in self.queues()], [NAME])

    def test_messages_name_the_env_file_read_and_an_error_prints_no_summary(self):
        env_file = os.path.join(self.dir, "other.env")
        with open(env_file, "w") as f:
            f.write("SES_REGION=us-east-1\nSES_FROM_ADDRESS=reports@example.com\n")
        os.chmod(env_file, 0o600)
        result = run("events", "--root", self.root, "--env", env_file, env=self.env, check=3)
        self.assertIn(f"set SES_EVENTS_QUEUE_URL in {env_file} to the SQS queue", result.stderr)
        self.assertNotIn("repos.env", result.stderr)
        self.assertEqual(result.stdout, "")  # no "0 received: ..." before the error
        dry = self.setup("--dry-run", "--env", env_file, check=0)
        self.assertIn(f"\nAdd to {env_file}:\n", dry.stdout)
        self.assertNotIn("repos.env", dry.stdout)

    def test_setup_creates_a_working_route_and_a_second_run_creates_nothing(self):
        first = self.setup("--yes", check=0)
        self.assertIn("5 created", first.stdout)
        [queue] = self.queues()
        self.assertEqual(queue["name"], NAME)
        lines = dict(self.repos_env_lines(first.stdout))
        self.assertEqual(lines, {"SES_CONFIGURATION_SET": SET, "SES_EVENTS_QUEUE_URL": queue["url"]})
        # The queue's policy lets that topic, and only it, send.
        attributes = self.sqs.sqs("GetQueueAttributes", {"QueueUrl": queue["url"],
                                                         "AttributeNames": ["Policy"]})
        [statement] = json.loads(attributes["Attributes"]["Policy"])["Statement"]
        topic_arn = statement["Condition"]["ArnEquals"]["aws:SourceArn"]
        self.assertEqual(topic_arn, f"arn:aws:sns:us-east-1:000000000000:{NAME}")
        self.assertEqual((statement["Effect"], statement["Principal"], statement["Action"],
                          statement["Resource"]),
                         ("Allow", {"Service": "sns.amazonaws.com"}, "sqs:SendMessage",
                          queue["arn"]))
        # SES publishes the set's events to that topic.
        [destination] = self.configuration_sets()[SET]["event_destinations"]
        self.assertEqual((destination["name"], destination["enabled"], destination["topic_arn"]),
                         ("briefing-sns", True, topic_arn))
        self.assertEqual(set(destination["matching_event_types"]),
                         {"send", "reject", "bounce", "complaint", "delivery", "deliveryDelay",
                          "renderingFailure"})
        self.assertTrue(all(r["signature_ok"] for r in self.ses.requests()))
        # The route works: what the topic publishes reaches the queue.
        self.sqs.publish(topic_arn, json.dumps({"eventType": "Delivery"}))
        self.assertEqual(self.sqs.count(NAME), 1)

        self.ses.reset()
        self.ses.config({"configuration_sets": {SET: {"event_destinations": [destination]}}})
        second = self.setup("--yes", check=0)
        self.assertIn("Nothing created: everything was there already.", second.stdout)
        self.assertEqual(second.stdout.count("(already there)"), 5)
        self.assertEqual(dict(self.repos_env_lines(second.stdout)), lines)
        self.assertEqual(len(self.queues()), 1)
        self.assertEqual([r["action"] for r in self.ses.requests()], ["DescribeConfigurationSet"])
        self.sqs.publish(topic_arn, json.dumps({"eventType": "Bounce"}))
        self.assertEqual(self.sqs.count(NAME), 2)  # one subscription, not two

    def test_the_configured_set_name_is_used(self):
        write_env(self.root, SES_REGION="us-east-1", SES_CONFIGURATION_SET="weekly-reports")
        result = self.setup("--yes", check=0)
        self.assertIn("SES_CONFIGURATION_SET=weekly-reports", result.stdout)
        self.assertIn("weekly-reports", self.configuration_sets())
        self.assertEqual([q["name"] for q in self.queues()], ["weekly-reports-ses-events"])

    def test_a_name_aws_would_refuse_is_refused_before_any_call(self):
        write_env(self.root, SES_REGION="us-east-1", SES_CONFIGURATION_SET="weekly reports")
        result = self.setup("--yes", check=3)
        self.assertIn("SES_CONFIGURATION_SET \"weekly reports\"", result.stderr)
        self.assertEqual(self.ses.requests(), [])

    def test_ses_refusing_names_the_call_and_exits_4(self):
        self.ses.faults([{"kind": "rejected", "action": "DescribeConfigurationSet"}])
        result = self.setup("--yes", check=4)
        self.assertIn("SES DescribeConfigurationSet: MessageRejected", result.stderr)
        self.assertNotIn("SES_EVENTS_QUEUE_URL=", result.stdout)


if __name__ == "__main__":
    unittest.main()
