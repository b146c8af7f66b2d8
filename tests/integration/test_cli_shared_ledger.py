"""The shared ledger on DynamoDB from the command line (issue 11), against
dynalite behind the signature-checking dynamodb_standin.py:
`briefing ledger create-table` makes the table once and waits until it is
active; what it made is read back with botocore straight from dynalite."""
import os
import unittest

import botocore.session

from support import DynamoDBTestCase, copy_sample, run


class CreateTableTest(DynamoDBTestCase):
    def setUp(self):
        self.root = copy_sample(os.path.join(self.home, self._testMethodName))

    def direct(self):
        return botocore.session.get_session().create_client(
            "dynamodb", region_name="us-east-1", endpoint_url=self.dynalite.url,
            aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="direct-check-only")

    def test_create_table_makes_it_once_on_demand_with_its_indexes(self):
        first = run("ledger", "create-table", "--root", self.root, "--table", "shared-ledger",
                    env=self.dynamodb_env(), check=0)
        self.assertEqual(first.stdout, "dynamodb://shared-ledger: created, ACTIVE (on demand)\n")
        again = run("ledger", "create-table", "--root", self.root,
                    env={**self.dynamodb_env(), "BRIEFING_LEDGER": "dynamodb://shared-ledger"},
                    check=0)
        self.assertEqual(again.stdout,
                         "dynamodb://shared-ledger: exists already, ACTIVE (on demand)\n")
        table = self.direct().describe_table(TableName="shared-ledger")["Table"]
        self.assertEqual(table["TableStatus"], "ACTIVE")
        self.assertEqual(table["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST")
        indexes = {i["IndexName"]: [k["AttributeName"] for k in i["KeySchema"]]
                   for i in table["GlobalSecondaryIndexes"]}
        self.assertEqual(indexes, {"by_batch": ["batch", "sk"], "by_message_id": ["message_id"],
                                   "by_month": ["month", "sk"],
                                   "by_inflight": ["inflight", "sk"]})
        self.assertTrue(all(r["signature_ok"] for r in self.standin.requests()))

    def test_create_table_without_a_table_says_how_to_name_one(self):
        result = run("ledger", "create-table", "--root", self.root, env=self.dynamodb_env())
        self.assertEqual(result.returncode, 3)
        self.assertIn("which table? --table T, or BRIEFING_LEDGER=dynamodb://T", result.stderr)
        bad = run("ledger", "create-table", "--root", self.root, "--table", "no/slash",
                  env=self.dynamodb_env())
        self.assertEqual(bad.returncode, 3)
        self.assertIn("a table name is 3 to 255 of", bad.stderr)
        self.assertEqual(run("ledger", "--root", self.root, env=self.dynamodb_env()).returncode,
                         2)


if __name__ == "__main__":
    unittest.main()
