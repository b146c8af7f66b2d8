"""The DynamoDB client of the shared ledger (issue 11, step 1) against real
peers: dynalite (DynamoDB's API on LevelDB, in memory) behind
dynamodb_standin.py, which checks every request's SigV4 signature with
botocore. The calls go through tests/drivers/dynamodb_driver.c; what they
did is read back with botocore straight from dynalite, not through the
client under test."""
import os
import subprocess
import unittest

import botocore.session

from support import DynamoDBTestCase, environment

DRIVER = os.path.join(os.environ.get("BRIEFING_BUILD_DIR", "build"), "dynamodb_driver")
TABLE = "briefing-ledger"
EXIT_CONDITION = 3


class DynamoDBClientTest(DynamoDBTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        session = botocore.session.get_session()
        cls.direct = session.create_client(
            "dynamodb", region_name="us-east-1", endpoint_url=cls.dynalite.url,
            aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="direct-check-only")
        cls.driver("create-table", TABLE, expect=0)

    @classmethod
    def driver(cls, *args, expect=None, env=None):
        full_env = environment({**cls.dynamodb_env(), **(env or {})})
        result = subprocess.run([DRIVER, *args], env=full_env, capture_output=True, text=True,
                                timeout=60, stdin=subprocess.DEVNULL)
        if expect is not None and result.returncode != expect:
            raise AssertionError(f"dynamodb_driver {' '.join(args)} exited {result.returncode}, "
                                 f"expected {expect}\nstdout:\n{result.stdout}\n"
                                 f"stderr:\n{result.stderr}")
        return result

    def item(self, pk, sk):
        answer = self.direct.get_item(TableName=TABLE, Key={"pk": {"S": pk}, "sk": {"S": sk}},
                                      ConsistentRead=True)
        return {name: next(iter(value.values())) for name, value in
                answer.get("Item", {}).items()}

    def test_table_is_created_on_demand_with_both_indexes_and_once(self):
        table = self.direct.describe_table(TableName=TABLE)["Table"]
        self.assertEqual(table["TableStatus"], "ACTIVE")
        self.assertEqual([(k["AttributeName"], k["KeyType"]) for k in table["KeySchema"]],
                         [("pk", "HASH"), ("sk", "RANGE")])
        indexes = {i["IndexName"]: [(k["AttributeName"], k["KeyType"]) for k in i["KeySchema"]]
                   for i in table["GlobalSecondaryIndexes"]}
        self.assertEqual(indexes, {"by_batch": [("batch", "HASH"), ("sk", "RANGE")],
                                   "by_message_id": [("message_id", "HASH")]})
        self.assertEqual(table["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST")
        again = self.driver("create-table", TABLE, expect=EXIT_CONDITION)
        self.assertEqual(again.stdout, "exists\n")

    def test_a_claim_succeeds_once_and_the_second_machine_is_told(self):
        key = ("cfo#weekly", "2026-12-07T09:12:00Z#d-claim")
        first = self.driver("claim", TABLE, *key, "batch-claim", "laptop-a", expect=0)
        self.assertEqual(first.stdout, "done\n")
        second = self.driver("claim", TABLE, *key, "batch-claim", "server-b",
                             expect=EXIT_CONDITION)
        self.assertEqual(second.stdout, "condition_failed\n")
        self.assertEqual(second.stderr, "")  # a result, not an error
        self.assertEqual(self.item(*key)["host"], "laptop-a")
        self.assertEqual(self.item(*key)["state"], "sending")

    def test_a_transition_guarded_by_the_state_it_leaves_fails_once_the_state_moved(self):
        key = ("ceo#weekly", "2026-12-07T09:12:00Z#d-move")
        self.driver("claim", TABLE, *key, "batch-move", "laptop-a", expect=0)
        self.driver("move", TABLE, *key, "sending", "sent", "0100-example-message", expect=0)
        late = self.driver("move", TABLE, *key, "sending", "unknown", expect=EXIT_CONDITION)
        self.assertEqual(late.stdout, "condition_failed\n")
        item = self.item(*key)
        self.assertEqual((item["state"], item["message_id"]), ("sent", "0100-example-message"))
        got = self.driver("get", TABLE, *key, expect=0).stdout.splitlines()
        self.assertIn("state=sent", got)
        self.assertIn("message_id=0100-example-message", got)
        missing = self.driver("get", TABLE, key[0], "no-such-sort-key", expect=EXIT_CONDITION)
        self.assertEqual(missing.stdout, "not_found\n")

    def test_query_by_batch_index_reads_every_page_in_sort_order(self):
        sort_keys = [f"2026-12-07T09:0{n}:00Z#d-page{n}" for n in range(5)]
        for n, sk in enumerate(sort_keys):
            self.driver("claim", TABLE, ("cmo#weekly", "cto#weekly")[n % 2], sk, "batch-pages",
                        "laptop-a", expect=0)
        self.driver("claim", TABLE, "cmo#weekly", "2026-12-07T09:00:30Z#other", "batch-other",
                    "laptop-a", expect=0)
        lines = self.driver("query", TABLE, "by_batch", "batch", "batch-pages", "2",
                            expect=0).stdout.splitlines()
        self.assertEqual(lines[:-1], sort_keys)
        self.assertGreaterEqual(int(lines[-1].split("=")[1]), 3)  # 2 + 2 + 1 at least

    def test_query_by_message_id_finds_the_delivery_events_join_on(self):
        key = ("audit#monthly", "2026-12-07T09:12:00Z#d-events")
        self.driver("claim", TABLE, *key, "batch-events", "laptop-a", expect=0)
        self.driver("move", TABLE, *key, "sending", "sent", "0100-events-example", expect=0)
        lines = self.driver("query", TABLE, "by_message_id", "message_id", "0100-events-example",
                            "0", expect=0).stdout.splitlines()
        self.assertEqual(lines, [key[1], "pages=1"])

    def test_every_request_is_signed_and_a_wrong_key_reaches_nothing(self):
        requests = self.standin.requests()
        self.assertTrue(requests)
        self.assertTrue(all(r["signature_ok"] for r in requests), requests)
        key = ("accounting#weekly", "2026-12-07T09:12:00Z#d-badkey")
        refused = self.driver("claim", TABLE, *key, "batch-bad", "laptop-a", expect=1,
                              env={"AWS_SECRET_ACCESS_KEY": "not-the-secret-at-all"})
        self.assertIn("PutItem: SignatureDoesNotMatch", refused.stderr)
        self.assertNotIn("not-the-secret-at-all", refused.stderr)
        self.assertEqual(self.item(*key), {})

    def test_a_throttled_or_failing_write_is_retried_and_claims_once(self):
        key = ("cfo#monthly", "2026-12-07T09:12:00Z#d-throttle")
        self.standin.faults([{"kind": "throttle", "op": "PutItem"},
                             {"kind": "http_500", "op": "PutItem"}])
        self.driver("claim", TABLE, *key, "batch-throttle", "laptop-a", expect=0)
        puts = [r for r in self.standin.requests() if r["op"] == "PutItem"][-3:]
        self.assertEqual([r["fault"] for r in puts], ["throttle", "http_500", None])
        self.assertEqual(self.item(*key)["host"], "laptop-a")

    def test_a_write_applied_before_a_5xx_meets_itself_on_retry(self):
        key = ("ceo#monthly", "2026-12-07T09:12:00Z#d-applied")
        self.standin.faults([{"kind": "applied_then_500", "op": "PutItem"}])
        retried = self.driver("claim", TABLE, *key, "batch-applied", "laptop-a",
                              expect=EXIT_CONDITION)
        # the documented rule: a condition failed on a retry is read back
        self.assertEqual(retried.stdout, "condition_failed attempts=2\n")
        self.assertEqual(self.item(*key)["host"], "laptop-a")

    def test_a_write_whose_answer_is_lost_is_unknown_and_never_retried(self):
        key = ("cto#monthly", "2026-12-07T09:12:00Z#d-lost")
        before = len(self.standin.requests())
        self.standin.faults([{"kind": "applied_then_reset", "op": "PutItem"}])
        lost = self.driver("claim", TABLE, *key, "batch-lost", "laptop-a", expect=1)
        self.assertIn("dynamodb_driver: PutItem: unknown: ", lost.stderr)
        self.assertIn("(1 attempts", lost.stderr)
        puts = [r for r in self.standin.requests()[before:] if r["op"] == "PutItem"]
        self.assertEqual([(r["fault"], r["status"]) for r in puts],
                         [("applied_then_reset", "reset")])
        self.assertEqual(self.item(*key)["state"], "sending")


if __name__ == "__main__":
    unittest.main()
