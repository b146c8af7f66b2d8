"""The fauxqs SNS+SQS emulator (npm, pinned) on 127.0.0.1, as a context
manager, with the few calls the tests make: a queue, a topic subscribed to
it, publishing to the topic (SNS wraps the message in its Notification
envelope) or sending to the queue directly, and counting what is left.

    from sqs_peer import Fauxqs
    with Fauxqs() as sqs:
        queue_url = sqs.create_queue("ses-events")
        topic_arn = sqs.create_topic("ses-events", queue_url)
        sqs.publish(topic_arn, json.dumps(event))      # SNS -> SQS
        sqs.send(queue_url, json.dumps(event))         # raw to SQS
        sqs.count("ses-events")                        # visible + in flight

fauxqs speaks SQS's JSON protocol only (Debian's botocore 1.29 signs SQS
with the older query protocol, which fauxqs routes to SNS), so the calls
are plain HTTP here. fauxqs checks no signature; briefing's SigV4 is
checked against AWS's test suite and the SES stand-in.
"""
import json
import os
import urllib.parse
import urllib.request

from peers import NODE, PEERS_DIR, ListeningPeer

LAUNCHER = os.path.join(PEERS_DIR, "fauxqs_loopback.mjs")
FAUXQS_PACKAGE = os.path.join(PEERS_DIR, "node_modules", "fauxqs", "package.json")


class Fauxqs(ListeningPeer):
    name = "fauxqs"
    required = FAUXQS_PACKAGE

    def command(self):
        return [NODE, LAUNCHER, "0"]

    def sqs(self, action, body):
        """One SQS JSON-protocol call; the decoded answer."""
        request = urllib.request.Request(
            self.url + "/", data=json.dumps(body).encode(), method="POST",
            headers={"Content-Type": "application/x-amz-json-1.0",
                     "X-Amz-Target": "AmazonSQS." + action})
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = response.read()
        return json.loads(answer) if answer else {}

    def sns(self, action, **params):
        """One SNS query-protocol call; the XML answer as text."""
        data = urllib.parse.urlencode({"Action": action, **params}).encode()
        request = urllib.request.Request(
            self.url + "/", data=data, method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.read().decode()

    def create_queue(self, name, visibility_timeout=30):
        return self.sqs("CreateQueue", {"QueueName": name, "Attributes": {
            "VisibilityTimeout": str(visibility_timeout)}})["QueueUrl"]

    def queue_arn(self, queue_url):
        return self.sqs("GetQueueAttributes", {"QueueUrl": queue_url,
                                               "AttributeNames": ["QueueArn"]})["Attributes"]["QueueArn"]

    def create_topic(self, name, queue_url):
        """A topic whose notifications land in `queue_url` (SNS envelope on)."""
        answer = self.sns("CreateTopic", Name=name)
        arn = answer.split("<TopicArn>")[1].split("</TopicArn>")[0]
        self.sns("Subscribe", TopicArn=arn, Protocol="sqs", Endpoint=self.queue_arn(queue_url))
        return arn

    def publish(self, topic_arn, message):
        self.sns("Publish", TopicArn=topic_arn, Message=message)

    def send(self, queue_url, body):
        self.sqs("SendMessage", {"QueueUrl": queue_url, "MessageBody": body})

    def count(self, name):
        """Messages in the queue, visible or received and not yet deleted."""
        with urllib.request.urlopen(f"{self.url}/_fauxqs/queues", timeout=10) as response:
            for queue in json.loads(response.read()):
                if queue["name"] == name:
                    return queue["approximateMessageCount"] + queue["approximateInflightCount"]
        raise PeerError(f"fauxqs has no queue {name}")
