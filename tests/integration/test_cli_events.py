"""`briefing events` end to end: the sample plan sent to the SES emulator,
then SES events shaped like the SES Developer Guide's examples published
through a real SNS topic into a real SQS queue (fauxqs, tests/peers), or
sent raw to the queue; `events` applies them and `log` shows each
recipient's outcome exactly as the events said."""
import copy
import email
import email.policy
import http.server
import json
import os
import signal
import subprocess
import threading
import time
import unittest
import urllib.request

from support import BRIEFING, NOW, EventsQueueTestCase, run

TO = "cfo@example.com, ceo@example.com"
CC = "ops@example.com"
RECIPIENTS = ["cfo@example.com", "ceo@example.com", "ops@example.com"]

# The shape of the Developer Guide's "Delivery" example, the parts every
# event shares; the per-type parts are added by ses_event().
MAIL = {
    "timestamp": "2026-11-23T09:00:01.240Z",
    "source": "reports@example.com",
    "sourceArn": "arn:aws:ses:us-east-1:123456789012:identity/reports@example.com",
    "sendingAccountId": "123456789012",
    "messageId": None,
    "destination": RECIPIENTS,
    "headersTruncated": False,
    "headers": [{"name": "From", "value": "reports@example.com"},
                {"name": "To", "value": TO},
                {"name": "Subject", "value": "Briefing"}],
    "commonHeaders": {"from": ["reports@example.com"], "to": RECIPIENTS[:2],
                      "messageId": None, "subject": "Briefing"},
    "tags": {"ses:configuration-set": ["briefing-events"]},
}


def ses_event(event_type, message_id, part=None, raw_message=None):
    """An SES event; with `raw_message` (the bytes SES received), its
    mail.headers are that message's, as SES publishes them."""
    mail = copy.deepcopy(MAIL)
    mail["messageId"] = message_id
    mail["commonHeaders"]["messageId"] = message_id
    if raw_message is not None:
        message = email.message_from_string(raw_message, policy=email.policy.compat32)
        mail["headers"] = [{"name": name, "value": value} for name, value in message.items()]
    event = {"eventType": event_type, "mail": mail}
    if part is not None:
        event[{"Delivery": "delivery", "Bounce": "bounce", "Complaint": "complaint",
               "DeliveryDelay": "deliveryDelay", "Send": "send"}[event_type]] = part
    return event


def delivery(message_id, recipients=RECIPIENTS, at="2026-11-23T09:00:05.133Z"):
    return ses_event("Delivery", message_id, {
        "timestamp": at, "processingTimeMillis": 3893, "recipients": recipients,
        "smtpResponse": "250 2.6.0 Message received", "reportingMTA": "mta.example.com"})


def bounce(message_id, address, permanent=True):
    return ses_event("Bounce", message_id, {
        "bounceType": "Permanent" if permanent else "Transient",
        "bounceSubType": "General" if permanent else "MailboxFull",
        "bouncedRecipients": [{
            "emailAddress": address, "action": "failed", "status": "5.1.1" if permanent else "4.2.2",
            "diagnosticCode": "smtp; 550 5.1.1 user unknown" if permanent
            else "smtp; 452 4.2.2 mailbox full"}],
        "timestamp": "2026-11-23T09:00:06.669Z",
        "feedbackId": "0100015dc7a3b7b5-example-000000", "reportingMTA": "dsn; mta.example.com"})


def complaint(message_id, address):
    return ses_event("Complaint", message_id, {
        "complainedRecipients": [{"emailAddress": address}],
        "timestamp": "2026-11-23T10:00:00.000Z", "feedbackId": "example-feedback",
        "userAgent": "ExampleMail/1.0", "complaintFeedbackType": "abuse",
        "arrivalDate": "2026-11-23T09:59:00.000Z"})


def delay(message_id, address, at="2026-11-23T09:00:04.000Z"):
    return ses_event("DeliveryDelay", message_id, {
        "timestamp": at, "delayType": "TransientCommunicationFailure",
        "expirationTime": "2026-11-24T09:00:00.000Z", "reportingMTA": "mta.example.com",
        "delayedRecipients": [{"emailAddress": address, "status": "4.4.1",
                               "diagnosticCode": "smtp; 421 4.4.1 Unable to connect"}]})


class EventsTest(EventsQueueTestCase):
    queue_prefix = "ses-events"
    env_values = {"SES_REGION": "us-east-1", "SES_FROM_ADDRESS": "reports@example.com",
                  "EXEC_REPORT_TO": TO, "EXEC_REPORT_CC": CC, "EXEC_REPORT_BCC": "",
                  "SES_BCC_ADDRESS": "", "SES_CONFIGURATION_SET": "briefing-events"}

    def briefing(self, *args, check=None, env=None):
        return run(*args, "--ledger", self.ledger, env=dict(self.env, **(env or {})), check=check)

    def events(self, *args, check=0, env=None):
        result = self.briefing("events", "--root", self.root, "--json", *args, check=check, env=env)
        return json.loads(result.stdout)

    def send_sample_plan(self):
        self.briefing("send", "--root", self.root, "--now", NOW, "--yes", "--all", check=0)
        deliveries = json.loads(self.briefing("log", "--json", check=0).stdout)
        self.assertGreaterEqual(len(deliveries), 3)
        return {d["persona"]: d for d in deliveries}

    def recipients(self, delivery_id):
        shown = json.loads(self.briefing("log", str(delivery_id), "--json", check=0).stdout)
        return {r["address"]: r for r in shown["recipients"]}, shown

    def publish(self, event):
        self.sqs.publish(self.topic_arn, json.dumps(event))

    def send_raw(self, event):
        self.sqs.send(self.queue_url, json.dumps(event) if isinstance(event, dict) else event)

    def test_each_recipient_shows_what_the_published_events_said(self):
        sent = self.send_sample_plan()
        ceo, cto, cfo = sent["ceo"], sent["cto"], sent["cfo"]
        for d in (ceo, cto, cfo):
            self.assertEqual(d["state"], "sent")
            self.assertEqual(d["outcome"], "sent 3/3")
        # ceo: delivered to all (through SNS), then a complaint from one.
        self.publish(delivery(ceo["message_id"]))
        self.publish(complaint(ceo["message_id"], "ops@example.com"))
        # cto: a permanent bounce (raw to SQS), delivered to the others.
        self.send_raw(bounce(cto["message_id"], "ceo@example.com"))
        self.send_raw(delivery(cto["message_id"], ["cfo@example.com", "ops@example.com"]))
        # cfo: a transient bounce; a delay then a delivery; a delay read
        # after its delivery (published later) does not undo it.
        self.publish(bounce(cfo["message_id"], "ops@example.com", permanent=False))
        self.publish(delay(cfo["message_id"], "cfo@example.com"))
        self.publish(delivery(cfo["message_id"], ["cfo@example.com", "ceo@example.com"]))
        self.publish(delay(cfo["message_id"], "ceo@example.com", at="2026-11-23T09:00:03.000Z"))
        # The same event twice (SNS at least once), an event for a message
        # the ledger does not know, and a message that is no event at all.
        self.publish(delivery(ceo["message_id"]))
        self.send_raw(delivery("0100018c-not-ours-000000"))
        self.send_raw("this is not JSON {")

        summary = self.events()
        self.assertEqual(summary["error"], None)
        self.assertEqual(summary["received"], 11)
        self.assertEqual(summary["applied"], 8)
        self.assertEqual(summary["duplicates"], 1)
        self.assertEqual(summary["kept_aside"], 2)
        self.assertEqual(summary["later"], 0)
        reasons = [e["detail"] for e in summary["events"] if e["result"] == "kept aside"]
        self.assertIn("no delivery has MessageId 0100018c-not-ours-000000", reasons)
        self.assertTrue(any(r.startswith("not JSON") for r in reasons), reasons)
        self.assertEqual(self.sqs.count(self.queue_name), 0)

        ceo_rows, ceo_shown = self.recipients(ceo["id"])
        self.assertEqual([ceo_rows[a]["outcome"] for a in RECIPIENTS],
                         ["delivered", "delivered", "complained"])
        self.assertEqual(ceo_rows["ops@example.com"]["detail"], "abuse")
        self.assertEqual(ceo_rows["ops@example.com"]["at"], "2026-11-23T10:00:00Z")
        self.assertEqual(ceo_rows["cfo@example.com"]["detail"], "250 2.6.0 Message received")
        self.assertEqual(ceo_shown["outcome"], "complained 1/3")

        cto_rows, cto_shown = self.recipients(cto["id"])
        self.assertEqual(cto_rows["ceo@example.com"]["outcome"], "bounced")
        self.assertEqual(cto_rows["ceo@example.com"]["detail"],
                         "Permanent/General: smtp; 550 5.1.1 user unknown")
        self.assertEqual(cto_rows["ceo@example.com"]["at"], "2026-11-23T09:00:06Z")
        self.assertEqual(cto_rows["cfo@example.com"]["outcome"], "delivered")
        self.assertEqual(cto_shown["outcome"], "bounced 1/3")

        cfo_rows, cfo_shown = self.recipients(cfo["id"])
        self.assertEqual(cfo_rows["ops@example.com"]["outcome"], "bounced")
        self.assertEqual(cfo_rows["ops@example.com"]["detail"],
                         "Transient/MailboxFull: smtp; 452 4.2.2 mailbox full")
        self.assertEqual(cfo_rows["cfo@example.com"]["outcome"], "delivered")
        self.assertEqual(cfo_rows["ceo@example.com"]["outcome"], "delivered")
        self.assertEqual(cfo_shown["outcome"], "bounced 1/3")

        # The list's compact column says the same, in aligned columns.
        listing = self.briefing("log", check=0).stdout.splitlines()
        header = listing[0]
        outcome_column = header.index("OUTCOME")
        report_column = header.index("REPORT")
        by_id = {line.split()[0]: line for line in listing[1:]}
        self.assertEqual(by_id[str(ceo["id"])][outcome_column:report_column].strip(),
                         "complained 1/3")
        self.assertEqual(by_id[str(cto["id"])][outcome_column:report_column].strip(),
                         "bounced 1/3")
        for line in listing[1:]:
            self.assertEqual(line[report_column - 1], " ", line)
            self.assertNotEqual(line[report_column], " ", line)

        # Nothing queued: a second run receives nothing and changes nothing.
        again = self.events()
        self.assertEqual(again["received"], 0)
        self.assertEqual(self.recipients(ceo["id"])[0], ceo_rows)

    def past_bounce_warnings(self, output):
        """The plan's warning lines about what SES's events said before."""
        return [line.strip() for line in output.splitlines()
                if "bounced permanently" in line or " complained " in line]

    def test_send_and_its_dry_run_warn_of_a_recipient_ses_bounced_permanently(self):
        # eyes-op2 O9: the console's form flagged it, `send` said nothing.
        sent = self.send_sample_plan()
        ceo, cto, cfo = sent["ceo"], sent["cto"], sent["cfo"]
        self.publish(bounce(cfo["message_id"], "cfo@example.com"))
        self.publish(complaint(ceo["message_id"], "ops@example.com"))
        # A transient bounce says nothing of the next message: no warning.
        self.publish(bounce(cto["message_id"], "ceo@example.com", permanent=False))
        self.assertEqual(self.events()["applied"], 3)
        expected = [
            f"cfo@example.com bounced permanently 2026-11-23 (delivery {cfo['id']}): "
            "Permanent/General: smtp; 550 5.1.1 user unknown: check the address or take it "
            "out of the recipients",
            f"ops@example.com complained 2026-11-23 (delivery {ceo['id']}): abuse: check the "
            "address or take it out of the recipients"]
        plan = ("send", "--root", self.root, "--now", NOW, "--persona", "cfo", "--include-sent")

        dry = self.briefing(*plan, "--dry-run", check=0)
        warnings = dry.stdout[dry.stdout.index("\nWarnings:\n"):]
        self.assertEqual(self.past_bounce_warnings(warnings), expected, dry.stdout)
        # --offline asks SES nothing: the ledger's word is still said.
        offline = self.briefing(*plan, "--dry-run", "--offline", check=0)
        self.assertEqual(self.past_bounce_warnings(offline.stdout), expected, offline.stdout)
        self.assertIn("credentials and SES not checked (--offline)", offline.stdout)

        # The cron form: the warning is in its log, before the send; a
        # warning, not a refusal, so the report goes and the exit is 0.
        before = len(self.standin.sends())
        cron = self.briefing(*plan, "--yes", check=0)
        summary = cron.stderr[:cron.stderr.index("MessageId")]
        self.assertEqual(self.past_bounce_warnings(summary), expected, cron.stderr)
        self.assertEqual(len(self.standin.sends()), before + 1)
        self.assertIn("1 sent, 0 failed, 0 unknown, 0 not attempted", cron.stderr)

        # Other recipients: nothing said of addresses that never bounced.
        other = self.briefing(*plan, "--to", "newcfo@example.com", "--cc", "", "--dry-run",
                              check=0)
        self.assertEqual(self.past_bounce_warnings(other.stdout), [], other.stdout)

        # docs/sending.md step 4: the cron send alone ends no warning; SES
        # reporting it Delivered to cfo@ after the bounce ends cfo@'s, and
        # ops@'s complaint, which that Delivery does not name, stays.
        again = self.briefing(*plan, "--dry-run", "--offline", check=0)
        self.assertEqual(self.past_bounce_warnings(again.stdout), expected, again.stdout)
        newest = json.loads(self.briefing("log", "--json", check=0).stdout)[0]
        self.assertEqual((newest["persona"], newest["state"]), ("cfo", "sent"))
        self.publish(delivery(newest["message_id"], ["cfo@example.com"],
                              at="2026-11-23T11:00:00.000Z"))
        self.assertEqual(self.events()["applied"], 1)
        cleared = self.briefing(*plan, "--dry-run", "--offline", check=0)
        self.assertEqual(self.past_bounce_warnings(cleared.stdout), expected[1:], cleared.stdout)

    def test_an_unknown_delivery_is_resolved_by_its_send_event(self):
        # SES takes the message, then the connection resets before its
        # answer: the ledger cannot know, so the delivery is `unknown`.
        self.standin.faults([{"kind": "reset_after_read", "action": "SendRawEmail"}])
        self.briefing("send", "--root", self.root, "--now", NOW, "--yes", "--persona", "cfo")
        (unknown,) = json.loads(self.briefing("log", "--json", check=0).stdout)
        self.assertEqual(unknown["state"], "unknown")
        self.assertIsNone(unknown["outcome"])

        (request,) = self.standin.sends()
        self.assertEqual(request["message_id"], None)  # SES's answer never came
        raw = request["raw"]
        self.assertIn(f"X-Briefing-Delivery: {unknown['id']}", raw)
        message_id = "0100018c-resolved-by-send-000000"
        self.publish(ses_event("Send", message_id, {}, raw_message=raw))
        self.publish(delivery(message_id, ["cfo@example.com"]))
        summary = self.events()
        self.assertEqual((summary["applied"], summary["kept_aside"]), (2, 0), summary)
        self.assertIn("was unknown: SES's Send event says it was sent",
                      summary["events"][0]["detail"])
        rows, shown = self.recipients(unknown["id"])
        self.assertEqual(shown["state"], "sent")
        self.assertEqual(shown["message_id"], message_id)
        self.assertIsNone(shown["error_code"])
        self.assertEqual(rows["cfo@example.com"]["outcome"], "delivered")
        self.assertEqual(rows["ops@example.com"]["outcome"], "sent")
        self.assertEqual(shown["outcome"], "delivered 1/3")
        # Planning no longer holds the report back as "maybe sent".
        plan = self.briefing("send", "--root", self.root, "--now", NOW, "--persona", "cfo",
                             "--dry-run")
        self.assertNotIn("its last delivery", plan.stderr)

    def test_killed_between_commit_and_delete_the_event_comes_back_and_changes_nothing(self):
        sent = self.send_sample_plan()
        self.publish(delivery(sent["ceo"]["message_id"]))
        with SqsProxy(self.sqs.url, hold="AmazonSQS.DeleteMessageBatch", env=self.env) as proxy:
            env = dict(os.environ, **dict(self.env, AWS_ENDPOINT_URL_SQS=proxy.url))
            process = subprocess.Popen([BRIEFING, "events", "--root", self.root, "--ledger",
                                        self.ledger], env=env, stdin=subprocess.DEVNULL,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            self.assertTrue(proxy.held.wait(30), "events never asked SQS to delete")
            process.send_signal(signal.SIGKILL)
            process.communicate()
        # The ledger committed before the delete was asked for.
        rows, shown = self.recipients(sent["ceo"]["id"])
        self.assertEqual(shown["outcome"], "delivered 3/3")
        self.assertEqual(self.sqs.count(self.queue_name), 1)
        # After its visibility timeout (2 s) the message comes back.
        summary = self.events("--wait", "5")
        self.assertEqual((summary["received"], summary["duplicates"], summary["applied"]),
                         (1, 1, 0), summary)
        self.assertEqual(self.recipients(sent["ceo"]["id"])[0], rows)
        self.assertEqual(self.sqs.count(self.queue_name), 0)

    def test_every_sqs_request_is_signed_for_sqs_with_the_ses_credentials(self):
        sent = self.send_sample_plan()
        self.publish(delivery(sent["ceo"]["message_id"]))
        with SqsProxy(self.sqs.url, env=self.env) as proxy:
            summary = self.events(env={"AWS_ENDPOINT_URL_SQS": proxy.url})
            self.assertEqual(summary["applied"], 1)
            self.assertEqual(proxy.seen, [("AmazonSQS.ReceiveMessage", True),
                                          ("AmazonSQS.DeleteMessageBatch", True),
                                          ("AmazonSQS.ReceiveMessage", True)])
            # A wrong secret: SQS refuses (exit 4), nothing is applied or lost.
            self.publish(delivery(sent["cto"]["message_id"]))
            wrong = self.briefing("events", "--root", self.root, check=4, env={
                "AWS_ENDPOINT_URL_SQS": proxy.url, "AWS_SECRET_ACCESS_KEY": "not-the-secret"})
            self.assertIn("SignatureDoesNotMatch", wrong.stderr)
            self.assertNotIn("not-the-secret", wrong.stderr)
        self.assertEqual(self.sqs.count(self.queue_name), 1)
        self.assertEqual(self.recipients(sent["cto"]["id"])[1]["outcome"], "sent 3/3")

    def test_wait_long_polls_for_the_first_event(self):
        sent = self.send_sample_plan()
        later = threading.Timer(1.0, self.publish, [delivery(sent["cto"]["message_id"])])
        later.start()
        try:
            result = self.briefing("events", "--root", self.root, "--wait", "10", check=0)
        finally:
            later.join()
        lines = result.stdout.splitlines()
        self.assertEqual(lines[-1], "1 received: 1 applied, 0 duplicate(s), 0 kept aside, "
                                    "0 left for later")
        self.assertRegex(lines[0], rf"^applied +Delivery +delivery {sent['cto']['id']}: Delivery$")

    def test_log_json_and_the_export_speak_one_vocabulary(self):
        self.send_sample_plan()
        listed = json.loads(self.briefing("log", "--json", check=0).stdout)[0]
        export = os.path.join(self.dir, "audit.jsonl")
        self.briefing("log", "--export", export, check=0)
        with open(export) as f:
            exported = json.loads(f.readline())
        self.assertEqual(set(exported) - set(listed), set())
        self.assertEqual(set(listed) - set(exported), {"archive"})
        for key in ("scope", "size_bytes", "outcome", "test"):
            self.assertIn(key, exported)
        self.assertEqual(exported["outcome"], "sent 3/3")

    def test_kept_aside_lists_when_why_and_the_masked_start_of_each_body(self):
        missing = self.briefing("events", "--kept-aside", check=2)
        self.assertIn(f"no ledger at {self.ledger}", missing.stderr)
        self.assertFalse(os.path.exists(self.ledger))  # it only reads
        not_ours = json.dumps(delivery("0100018c-not-ours-000000"))
        key = "AKIA" + "Q" * 16  # key-shaped, built here: no such literal in the tree
        junk = f"not JSON {{\nkey={key} " + "é" * 100
        self.send_raw(not_ours)
        self.send_raw(junk)
        self.assertEqual(self.events()["kept_aside"], 2)

        listed = json.loads(self.briefing("events", "--kept-aside", "--json", check=0).stdout)
        self.assertEqual(listed["count"], 2)
        first, second = listed["kept_aside"]
        self.assertEqual(first["reason"], "no delivery has MessageId 0100018c-not-ours-000000")
        self.assertEqual(first["body_start"], not_ours[:80])
        self.assertTrue(second["reason"].startswith("not JSON"), second["reason"])
        self.assertEqual(second["body_start"],
                         ("not JSON { key=AKIA" + "*" * 12 + " " + "é" * 100)[:80])
        for entry in (first, second):
            self.assertRegex(entry["kept_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        text = self.briefing("events", "--kept-aside", check=0).stdout
        self.assertTrue(text.startswith("2 message(s) kept aside"), text)
        self.assertIn(f"  {first['reason']}\n    {not_ours[:80]}\n", text)
        self.assertNotIn(key, text + json.dumps(listed, ensure_ascii=False))
        self.assertEqual(self.sqs.count(self.queue_name), 0)  # listing receives nothing
        for other in (["--setup"], ["--wait", "1"]):
            refused = self.briefing("events", "--kept-aside", *other, check=2)
            self.assertIn("--kept-aside", refused.stderr)

    def set_queue_url(self, url):
        path = os.path.join(self.root, "repos.env")
        with open(path) as f:
            lines = [line for line in f if not line.startswith("SES_EVENTS_QUEUE_URL=")]
        if url:
            lines.append(f"SES_EVENTS_QUEUE_URL={url}\n")
        with open(path, "w") as f:
            f.writelines(lines)

    def test_without_a_queue_it_says_which_key_to_set(self):
        self.set_queue_url(None)
        result = self.briefing("events", "--root", self.root, check=3)
        self.assertIn("SES_EVENTS_QUEUE_URL", result.stderr)
        usage = self.briefing("events", "--root", self.root, "--wait", "21", check=2)
        self.assertIn("--wait", usage.stderr)

    def test_sqs_refusing_is_exit_4_and_nothing_is_lost(self):
        self.send_raw(delivery("0100018c-waiting-000000"))
        self.set_queue_url(self.queue_url.rsplit("/", 1)[0] + "/no-such-queue")
        result = self.briefing("events", "--root", self.root, check=4)
        self.assertIn("SQS ReceiveMessage", result.stderr)
        self.assertIn("QueueDoesNotExist", result.stderr)
        self.assertEqual(self.sqs.count(self.queue_name), 1)


class SqsProxy:
    """An HTTP proxy in front of fauxqs (which checks no signature). It
    checks each request's SigV4 for service `sqs` with botocore (the SES
    stand-in's checker), answering 403 as SQS does when it is wrong, and
    records (X-Amz-Target, signature ok). The one whose X-Amz-Target is
    `hold` is never answered and sets `held`: the moment between
    briefing's ledger commit and SQS's delete, where a test kills it."""

    def __init__(self, upstream, hold=None, env=None):
        from ses_standin import ErrorAnswer, SignatureChecker
        self.upstream, self.hold = upstream, hold
        self.held = threading.Event()
        self.seen = []
        env = env or {}
        self.checker = SignatureChecker(env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"],
                                        env["AWS_REGION"], service="sqs")
        self.refusal = ErrorAnswer

    def __enter__(self):
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self, status, body):
                self.send_response(status)
                self.send_header("Content-Type", "application/x-amz-json-1.0")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                target = self.headers.get("X-Amz-Target")
                try:
                    proxy.checker.check("POST", self.path, self.headers, body)
                except proxy.refusal as refused:
                    proxy.seen.append((target, False))
                    return self.answer(refused.status, json.dumps({
                        "__type": f"com.amazon.coral.service#{refused.code}",
                        "message": refused.message}).encode())
                proxy.seen.append((target, True))
                if target == proxy.hold:
                    proxy.held.set()
                    time.sleep(30)
                    return
                request = urllib.request.Request(
                    proxy.upstream + self.path, data=body, method="POST",
                    headers={k: v for k, v in self.headers.items() if k.lower() != "host"})
                with urllib.request.urlopen(request, timeout=30) as response:
                    self.answer(response.status, response.read())

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


if __name__ == "__main__":
    unittest.main()
