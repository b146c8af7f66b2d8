"""One ledger test suite, two back ends (issue 11): every scenario runs the
same script through tests/drivers/ledger_driver.c against the SQLite ledger
(a fresh file) and against the DynamoDB ledger (a fresh table in dynalite,
every request signed and checked by dynamodb_standin.py), and expects the
same answers. What only one back end promises (several machines at once)
is in its own class below."""
import os
import re
import socket
import subprocess
import time
import unittest

import botocore.session

from support import DynamoDBTestCase, TempDir, environment

DRIVER = os.path.join(os.environ.get("BRIEFING_BUILD_DIR", "build"), "ledger_driver")
# The SQLite ledger stamps a delivery with the real clock and a day claim reads
# the deliveries created on that UTC day, so the day claimed is today's (a fixed
# date passed only on the day it was written); OTHER_DAY is one that holds none.
DAY = time.strftime("%Y-%m-%d", time.gmtime())
OTHER_DAY = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 2 * 86400))
TO = "Jane Doe <jane@example.com>, bob@example.com"
BCC = "audit@example.com"


def parse(stdout):
    """[(command, [lines])], the first entry being ("open", [...])."""
    out = []
    for line in stdout.splitlines():
        if line.startswith("> "):
            out.append((line[2:], []))
        elif line.startswith("open "):
            out.append(("open", [line[5:]]))
        else:
            out[-1][1].append(line)
    return out


def fields(line):
    return dict(part.split("=", 1) for part in line.split(" ") if "=" in part)


class LedgerScenarios:
    """The scenarios; a subclass says which ledger (spec()) and its env."""

    def run_script(self, *commands, env=None, ledger=None):
        script = "".join("\t".join(str(a) for a in c) + "\n" for c in commands)
        result = subprocess.run([DRIVER, ledger or self.spec()], input=script,
                                env=environment({**self.env(), **(env or {})}),
                                capture_output=True, text=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr)
        return parse(result.stdout)

    def one(self, *commands, env=None):
        """The output lines of each command (the open's is dropped)."""
        return [lines for _, lines in self.run_script(*commands, env=env)[1:]]

    def add(self, persona="cfo", scope="portfolio", to=TO, bcc=BCC, batch=0, test=0):
        return ("add", persona, scope, to, "-", bcc, batch, test)

    def test_a_delivery_goes_pending_sending_sent_with_its_recipients(self):
        out = self.one(self.add(), ("sending", 1), ("sent", 1, "msg-1", "req-1", 2), ("get", 1),
                       ("recipients", 1))
        self.assertEqual(out[0], ["id 1"])
        self.assertEqual(out[1:3], [["ok"], ["ok"]])
        got = fields(out[3][0])
        self.assertEqual((got["state"], got["attempts"], got["message_id"], got["outcome"]),
                         ("sent", "2", "msg-1", "sent"))
        self.assertIn("sent 3/3", out[3][0])
        self.assertEqual([r.split(" ")[:3] for r in out[4]],
                         [["jane@example.com", "to", "sent"], ["bob@example.com", "to", "sent"],
                          ["audit@example.com", "bcc", "sent"]])

    def test_a_refused_transition_names_the_state_it_found(self):
        out = self.one(self.add(), ("sent", 1, "m", "r", 1), ("sending", 1), ("sending", 1),
                       ("failed", 1, "MessageRejected", "no"), ("unknown", 1, "timeout", "lost"),
                       ("get", 1))
        self.assertRegex(out[1][0], r"^error: .*delivery 1 is pending and cannot become sent")
        self.assertEqual(out[2], ["ok"])
        self.assertRegex(out[3][0], r"^error: .*delivery 1 is sending and cannot become sending")
        self.assertEqual(out[4], ["ok"])
        self.assertRegex(out[5][0], r"^error: .*delivery 1 is failed and cannot become unknown")
        self.assertEqual(fields(out[6][0])["state"], "failed")

    def test_the_second_claimer_of_a_day_is_told_who_holds_it(self):
        out = self.one(self.add(), ("claim", 1, DAY), ("sending", 1), self.add(),
                       ("claim", 2, DAY), ("sent", 1, "m1", "r1", 1), self.add(),
                       ("claim", 3, DAY), ("claim", 3, OTHER_DAY))
        self.assertEqual(out[1], ["claimed"])
        self.assertEqual(out[4], [f"held 1 sending {socket.gethostname()}"])
        self.assertEqual(out[7], [f"held 1 sent {socket.gethostname()}"])
        self.assertEqual(out[8], ["claimed"])  # another day

    def test_a_failed_or_not_attempted_delivery_frees_the_day(self):
        out = self.one(self.add(), ("claim", 1, DAY), ("sending", 1),
                       ("failed", 1, "MessageRejected", "refused"), self.add(),
                       ("claim", 2, DAY), ("not-attempted", 2, "stopped"), self.add(),
                       ("claim", 3, DAY))
        self.assertEqual(out[5], ["claimed"])
        self.assertEqual(out[8], ["claimed"])

    def test_an_event_is_applied_once_by_its_key(self):
        out = self.one(self.add(), ("sending", 1), ("sent", 1, "msg-1", "r", 1),
                       ("event", "k1", "Delivery", "msg-1", 0, "-", 1700000000, "-",
                        "bob@example.com"),
                       ("event", "k1", "Delivery", "msg-1", 0, "-", 1700000000, "-",
                        "bob@example.com"),
                       ("event", "k2", "Open", "msg-1", 0, "-", 1700000001, "-",
                        "bob@example.com"),
                       ("event", "k2", "Open", "msg-1", 0, "-", 1700000001, "-",
                        "bob@example.com"),
                       ("event", "k3", "Delivery", "msg-unknown", 0, "-", 1700000002, "-",
                        "bob@example.com"),
                       ("kept",), ("recipients", 1))
        self.assertTrue(out[3][0].startswith("applied delivery=1"), out[3])
        self.assertTrue(out[4][0].startswith("duplicate"), out[4])
        self.assertTrue(out[6][0].startswith("duplicate"), out[6])
        self.assertTrue(out[7][0].startswith("kept-aside delivery=0 no delivery has MessageId"),
                        out[7])
        self.assertEqual(out[8], ["1"])
        self.assertIn("bob@example.com to delivered opens=1 clicks=0 detail=-", out[9])

    def test_recipient_outcomes_move_only_as_the_table_allows(self):
        bounce = "Permanent/General: smtp; 550 5.1.1 user unknown"
        out = self.one(self.add(), ("sending", 1), ("sent", 1, "msg-1", "r", 1),
                       ("event", "a", "Delivery", "msg-1", 0, "-", 100, "-", "bob@example.com",
                        "jane@example.com"),
                       ("event", "b", "DeliveryDelay", "msg-1", 0, "-", 101, "-",
                        "bob@example.com"),
                       ("event", "c", "Bounce", "msg-1", 0, "-", 102, bounce, "jane@example.com"),
                       ("event", "d", "Delivery", "msg-1", 0, "-", 103, "-", "jane@example.com"),
                       ("event", "e", "Complaint", "msg-1", 0, "-", 104, "abuse",
                        "stranger@example.com"),
                       ("recipients", 1), ("flags", "jane@example.com, bob@example.com"),
                       ("get", 1))
        recipients = {r.split(" ")[0]: r.split(" ")[1:3] for r in out[8]}
        self.assertEqual(recipients, {"jane@example.com": ["to", "bounced"],
                                      "bob@example.com": ["to", "delivered"],
                                      "audit@example.com": ["bcc", "sent"],
                                      "stranger@example.com": ["event", "complained"]})
        self.assertEqual(out[9], ["jane@example.com bounced delivery=1"])
        self.assertIn("outcome=complained", out[10][0])

    def test_a_later_delivered_clears_an_address_flag_and_a_later_send_does_not(self):
        """docs/sending.md step 4: a Delivery SES timed after the bounce or
        complaint clears the address's warning; events applied out of order
        give the same answer."""
        bounce = "Permanent/General: smtp; 550 5.1.1 user unknown"
        both = "jane@example.com, bob@example.com"
        out = self.one(self.add(), ("sending", 1), ("sent", 1, "msg-1", "r", 1),
                       ("event", "k1", "Bounce", "msg-1", 0, "-", 200, bounce,
                        "jane@example.com"),
                       self.add(), ("sending", 2), ("sent", 2, "msg-2", "r", 1),
                       ("flags", both),  # 7: sent since, no Delivery yet
                       ("event", "k2", "Delivery", "msg-2", 0, "-", 300, "-", "jane@example.com"),
                       ("flags", both),  # 9: delivered since
                       ("event", "k3", "Complaint", "msg-2", 0, "-", 400, "abuse",
                        "jane@example.com"),
                       ("flags", both),  # 11: complained after that Delivery
                       self.add(), ("sending", 3), ("sent", 3, "msg-3", "r", 1),
                       # bob: the later Delivery applied before the older bounce
                       ("event", "k4", "Delivery", "msg-3", 0, "-", 600, "-", "bob@example.com"),
                       ("event", "k5", "Bounce", "msg-1", 0, "-", 500, bounce, "bob@example.com"),
                       ("flags", both))  # 17
        self.assertEqual(out[7], ["jane@example.com bounced delivery=1"])
        self.assertEqual(out[9], [])
        self.assertEqual(out[11], ["jane@example.com complained delivery=2"])
        self.assertTrue(out[16][0].startswith("applied delivery=1"), out[16])
        self.assertEqual(out[17], ["jane@example.com complained delivery=2"])

    def test_list_filters_newest_first_across_pages(self):
        commands = [("batch", "first"), ("batch", "second")]
        reports = [("cfo", "portfolio", 1, 0), ("ceo", "portfolio", 1, 0), ("cfo", "acme", 2, 0),
                   ("cfo", "portfolio", 2, 0), ("cto", "portfolio", 2, 1),
                   ("cfo", "portfolio", 2, 0), ("audit", "portfolio", 1, 0)]
        for persona, scope, batch, test in reports:
            commands.append(self.add(persona, scope, batch=batch, test=test))
        commands += [("sending", 4), ("sent", 4, "m4", "r", 1), ("list",),
                     ("list", "persona=cfo", "scope=portfolio"), ("list", "state=sent"),
                     ("list", "batch=2"), ("list", "limit=3"), ("list", "no-tests", "batch=2"),
                     ("list", "persona=cfo"), ("last-batch",)]
        out = self.one(*commands, env={"BRIEFING_DYNAMODB_PAGE_SIZE": "2"})
        ids = lambda lines: [int(line.split(" ")[0]) for line in lines]
        listed = out[len(reports) + 4:]
        self.assertEqual(ids(listed[0]), [7, 6, 5, 4, 3, 2, 1])
        self.assertEqual(ids(listed[1]), [6, 4, 1])
        self.assertEqual(listed[2], ["4 sent cfo/portfolio"])
        self.assertEqual(ids(listed[3]), [6, 5, 4, 3])
        self.assertEqual(ids(listed[4]), [7, 6, 5])
        self.assertEqual(ids(listed[5]), [6, 4, 3])
        self.assertEqual(ids(listed[6]), [6, 4, 3, 1])
        self.assertEqual(listed[7], ["2"])

    def test_pages_after_a_delivery_list_each_one_once_in_order(self):
        reports = [("cfo", "portfolio"), ("ceo", "portfolio"), ("cfo", "portfolio"),
                   ("cfo", "acme"), ("cfo", "portfolio"), ("cto", "portfolio"),
                   ("cfo", "portfolio")]
        commands = [self.add(persona, scope) for persona, scope in reports]
        commands += [("list",), ("list", "limit=3"), ("list", "limit=3", "after=5"),
                     self.add("cfo", "portfolio"),  # a delivery added between two pages
                     ("list", "limit=3", "after=2"), ("list", "limit=3", "after=1"),
                     ("list", "persona=cfo", "scope=portfolio", "limit=2"),
                     ("list", "persona=cfo", "scope=portfolio", "limit=2", "after=5"),
                     ("list", "persona=cfo", "scope=portfolio", "after=3"),
                     ("list", "after=99")]
        # Query pages of 2 items: a page of the listing spans several
        out = self.one(*commands, env={"BRIEFING_DYNAMODB_PAGE_SIZE": "2"})
        ids = lambda lines: [int(line.split(" ")[0]) for line in lines]
        listed = out[len(reports):]
        self.assertEqual(ids(listed[0]), [7, 6, 5, 4, 3, 2, 1])
        pages = [ids(listed[1]), ids(listed[2]), ids(listed[4]), ids(listed[5])]
        self.assertEqual(pages, [[7, 6, 5], [4, 3, 2], [1], []])
        self.assertEqual(ids(listed[6]), [8, 7])
        self.assertEqual(ids(listed[7]), [3, 1])
        self.assertEqual(ids(listed[8]), [1])
        self.assertRegex(listed[9][0], r"^error: .*no delivery 99 to list after")

    def test_counts_by_state_follow_every_change(self):
        out = self.one(self.add(), self.add("ceo"), self.add("cto"), self.add("cmo"),
                       ("sending", 1), ("sent", 1, "m1", "r1", 1),
                       ("failed", 2, "MessageRejected", "no"), ("not-attempted", 3, "stopped"),
                       ("sent", 4, "m4", "r4", 1),  # refused: pending cannot become sent
                       ("count",), ("status",))
        self.assertEqual(out[9], ["pending=1 sending=0 sent=1 failed=1 unknown=0 "
                                  "not-attempted=1"])
        self.assertEqual(out[10], ["deliveries=4 last=4 batches=0"])

    def test_a_sending_left_by_a_killed_process_is_unknown_next_time(self):
        self.one(self.add(), ("sending", 1), self.add(), ("claim", 2, DAY), ("sending", 2))
        run = self.run_script(("get", 1), ("get", 2), env={"BRIEFING_LEDGER_STALE_SECONDS": "0"})
        self.assertEqual(run[0], ("open", ["recovered=2"]))
        for _, lines in run[1:]:
            got = fields(lines[0])
            self.assertEqual((got["state"], got["error_code"]), ("unknown", "interrupted"))
        again = self.run_script(self.add(), ("claim", 3, DAY))
        self.assertEqual(again[0], ("open", ["recovered=0"]))
        self.assertEqual(again[2][1], [f"held 2 unknown {socket.gethostname()}"])

    def test_a_send_event_settles_an_unknown_delivery_named_by_its_header(self):
        out = self.one(self.add(), ("sending", 1), ("unknown", 1, "timeout", "no answer"),
                       ("event", "s1", "Send", "msg-late", 1, "ceo/portfolio", 200, "-"),
                       ("event", "s2", "Send", "msg-late", 1, "cfo/portfolio", 200, "-"),
                       ("get", 1))
        self.assertTrue(out[3][0].startswith("kept-aside"), out[3])
        self.assertTrue(out[4][0].startswith("applied delivery=1 delivery 1 was unknown"), out[4])
        got = fields(out[5][0])
        self.assertEqual((got["state"], got["message_id"], got["error_code"]),
                         ("sent", "msg-late", "-"))

    def test_a_message_is_kept_aside_once_and_listed_as_kept(self):
        out = self.one(("keep", "not json", "no usable event"),
                       ("keep", "{\"a\": 1}", "names no delivery"),
                       ("keep", "not json", "no usable event"), ("kept",), ("kept-list",))
        self.assertEqual(out[:4], [["kept"], ["kept"], ["duplicate"], ["2"]])
        self.assertEqual(out[4], ["no usable event | not json",
                                  "names no delivery | {\"a\": 1}"])

    def test_batches_and_their_notes(self):
        out = self.one(("batch", "weekly"), ("note", 1, "cards posted"), ("last-batch",),
                       ("note", 9, "no such batch: nothing to note"), ("batch", "-"),
                       ("last-batch",))
        self.assertEqual(out, [["batch 1"], ["ok"], ["1"], ["ok"], ["batch 2"], ["2"]])


class SQLiteLedgerTest(LedgerScenarios, unittest.TestCase):
    def setUp(self):
        self.tmp = TempDir()
        self.home = self.tmp.__enter__()

    def tearDown(self):
        self.tmp.__exit__(None, None, None)

    def spec(self):
        return "sqlite:" + os.path.join(self.home, "ledger.sqlite3")

    def env(self):
        return {"HOME": self.home}


class DynamoDBLedgerTest(LedgerScenarios, DynamoDBTestCase):
    def spec(self):
        return "dynamodb://ledger-" + self._testMethodName[:200]

    def env(self):
        return {**self.dynamodb_env(), "LEDGER_DRIVER_CREATE": "1"}

    def test_a_table_without_counts_says_so_and_never_gets_partial_ones(self):
        self.one(self.add())
        self.direct().delete_item(TableName=self.spec()[len("dynamodb://"):],
                                  Key={"pk": {"S": "meta#counter"}, "sk": {"S": "states"}})
        out = self.one(("count",), self.add(), ("sending", 2), ("count",), ("status",))
        for refused in (out[0], out[3], out[4]):
            self.assertRegex(refused[0], r"^error: dynamodb://\S+: this table keeps no delivery "
                                         r"counts")

    def test_a_fresh_sending_of_another_machine_is_left_alone(self):
        self.one(self.add(), ("sending", 1))
        # As another machine's would read: its host, its process (alive there).
        [item] = [i for i in self.table_items() if i.get("id") == {"N": "1"}]
        self.direct().update_item(
            TableName=self.spec()[len("dynamodb://"):],
            Key={"pk": item["pk"], "sk": item["sk"]},
            UpdateExpression="SET host = :h, writer = :w",
            ExpressionAttributeValues={":h": {"S": "laptop-b.example.com"},
                                       ":w": {"S": "laptop-b.example.com pid 1"}})
        run = self.run_script(("get", 1))
        self.assertEqual(run[0], ("open", ["recovered=0"]))
        self.assertEqual(fields(run[1][1][0])["state"], "sending")

    def test_a_sending_left_by_a_gone_process_of_this_host_is_unknown_at_once(self):
        # Issue 11 finding K: no stale time to wait for (the driver that
        # wrote it has exited; its pid is gone), as SQLite's open.
        self.one(self.add(), ("sending", 1))
        run = self.run_script(("get", 1))
        self.assertEqual(run[0], ("open", ["recovered=1"]))
        got = fields(run[1][1][0])
        self.assertEqual((got["state"], got["error_code"]), ("unknown", "interrupted"))

    def direct(self):
        return botocore.session.get_session().create_client(
            "dynamodb", region_name="us-east-1", endpoint_url=self.dynalite.url,
            aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="direct-check-only")

    def table_items(self):
        table = self.spec()[len("dynamodb://"):]
        return self.direct().scan(TableName=table, ConsistentRead=True)["Items"]

    def test_no_secret_reaches_the_table(self):
        self.one(self.add(), ("claim", 1, DAY), ("sending", 1), ("sent", 1, "m", "r", 1),
                 ("event", "k", "Delivery", "m", 0, "-", 1, "-", "bob@example.com"))
        items = self.table_items()
        self.assertGreaterEqual(len(items), 5)  # counter, pointer, delivery, claim, event
        text = repr(items)
        for name, value in self.standin.credentials_env().items():
            if name != "AWS_REGION":
                self.assertNotIn(value, text)

    def test_a_write_applied_before_a_5xx_is_recognised_as_ours(self):
        """UpdateItem applied, then 500: the retry's condition fails on its
        own first attempt; reading the item back settles it (the same
        writer, the target state)."""
        self.one(self.add(), ("claim", 1, DAY))
        self.standin.faults([{"kind": "applied_then_500", "op": "UpdateItem"}])
        out = self.one(("sending", 1), ("get", 1))
        self.assertEqual(out[0], ["ok"])
        self.assertEqual(fields(out[1][0])["state"], "sending")
        self.assertEqual(fields(out[1][0])["attempts"], "1")

    def test_a_throttled_claim_is_retried_and_claims_once(self):
        self.one(self.add(), self.add())
        self.standin.faults([{"kind": "throttle", "op": "PutItem"},
                             {"kind": "applied_then_500", "op": "PutItem"}])
        out = self.one(("claim", 1, DAY), ("claim", 2, DAY))
        self.assertEqual(out[0], ["claimed"])
        self.assertEqual(out[1], [f"held 1 pending {socket.gethostname()}"])

if __name__ == "__main__":
    unittest.main()
