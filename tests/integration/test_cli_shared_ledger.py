"""The shared ledger on DynamoDB from the command line (issue 11), against
dynalite behind the signature-checking dynamodb_standin.py (and, to send,
the SES emulator behind its own stand-in): `briefing ledger create-table`
makes the table once and waits until it is active; `send`, `log` and
`resend` work on it as on SQLite; two machines (two state folders, one
table) send one plan at once and each report goes out once; a machine
killed mid-send leaves `unknown` that the other sees and does not resend."""
import email
import json
import os
import re
import signal
import socket
import subprocess
import unittest

import botocore.session

from support import (BRIEFING, NOW, DynamoDBTestCase, SharedLedgerPeersTestCase, copy_sample,
                     environment, run, wait_for)
from peers import http_json  # tests/peers, on sys.path once support is imported


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
        self.assertIn("which table? --table T, or a dynamodb://T ledger", result.stderr)
        bad = run("ledger", "create-table", "--root", self.root, "--table", "no/slash",
                  env=self.dynamodb_env())
        self.assertEqual(bad.returncode, 3)
        self.assertIn("a DynamoDB table name holds only A-Z, a-z, 0-9", bad.stderr)
        self.assertEqual(run("ledger", "--root", self.root, env=self.dynamodb_env()).returncode,
                         2)


class SharedLedgerSendTest(SharedLedgerPeersTestCase):
    """Each test: its own table; machines "a" and "b" are two state folders
    (XDG_STATE_HOME) on it, as two laptops would be."""
    env_values = {"SES_REGION": "us-east-1", "SES_FROM_ADDRESS": "reports@example.com",
                  "EXEC_REPORT_TO": "owner@example.com", "SES_BCC_ADDRESS": "audit@example.com"}

    def setUp(self):
        super().setUp()
        table = "shared-" + self._testMethodName[:200]
        self.env.update({"AWS_ENDPOINT_URL_DYNAMODB": self.dynamodb.standin.url,
                         "BRIEFING_LEDGER": "dynamodb://" + table})
        run("ledger", "create-table", "--root", self.root, env=self.env, check=0)

    def machine_env(self, machine, extra=None):
        return {**self.env, "XDG_STATE_HOME": os.path.join(self.dir, "machine-" + machine),
                **(extra or {})}

    def briefing(self, *args, machine="a", check=None, env=None):
        return run(*args, env=self.machine_env(machine, env), check=check, timeout=120)

    def send_args(self, *args):
        return ["send", "--root", self.root, "--now", NOW, "--yes", *args]

    def start(self, machine, *args):
        return subprocess.Popen([BRIEFING, *self.send_args(*args)],
                                env=environment(self.machine_env(machine)),
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, start_new_session=True)

    def log(self, *args, machine="a", env=None):
        return json.loads(self.briefing("log", "--json", *args, machine=machine, env=env,
                                        check=0).stdout)

    def test_send_log_and_resend_on_the_shared_ledger(self):
        sent = json.loads(self.briefing(*self.send_args("--all", "--json"), check=0).stdout)
        self.assertEqual(len(sent), 8)
        self.assertTrue(all(r["state"] == "sent" for r in sent))
        self.assertEqual(len(self.emulator.store()["emails"]), 8)
        history = self.log(machine="b")  # the other machine sees one history
        self.assertEqual(len(history), 8)
        self.assertEqual([d["id"] for d in history], sorted((d["id"] for d in history),
                                                             reverse=True))
        cfo = next(d for d in history if d["persona"] == "cfo")
        one = json.loads(self.briefing("log", str(cfo["id"]), "--json", check=0).stdout)
        self.assertEqual(one["state"], "sent")
        self.assertEqual({r["outcome"] for r in one["recipients"]}, {"sent"})
        self.assertIn("owner@example.com", [r["address"] for r in one["recipients"]])
        self.assertEqual(one["host"], socket.gethostname())  # every item stores it
        again = self.briefing(*self.send_args("--all", "--json"), machine="b", check=0)
        self.assertRegex(again.stderr, r"cfo/portfolio left out: already sent today at \d\d:\d\d "
                         + re.escape(f"from {socket.gethostname()} (delivery {cfo['id']})"))
        self.assertIn("nothing to send: 8 left out", again.stderr)
        self.assertEqual(len(self.emulator.store()["emails"]), 8)
        resent = self.briefing("resend", str(cfo["id"]), "--root", self.root, "--yes", check=0)
        self.assertEqual(len(self.emulator.store()["emails"]), 9)
        newest = self.log()[0]
        self.assertEqual((newest["resend_of"], newest["state"]), (cfo["id"], "sent"))
        self.assertIn(newest["message_id"], resent.stderr)
        status = json.loads(self.briefing("ledger", "status", "--json", machine="b",
                                          check=0).stdout)
        self.assertEqual((status["backend"], status["deliveries"], status["states"]["sent"]),
                         ("dynamodb", 9, 9))
        self.assertEqual(status["last_delivery"]["id"], newest["id"])

    def test_the_other_machine_resends_a_message_byte_for_byte_from_the_s3_archive(self):
        bucket = "shared-" + str(abs(hash(self._testMethodName)))[:12]
        self.s3.create_bucket(bucket)
        archive = {"AWS_ENDPOINT_URL_S3": self.s3.url, "BRIEFING_ARCHIVE": f"s3://{bucket}/reports"}
        self.briefing(*self.send_args("--persona", "cfo"), env=archive, check=0)
        first = self.standin.sends()[0]["raw"]
        [delivery] = self.log(machine="b", env=archive)
        self.assertTrue(delivery["archive"].startswith(f"s3://{bucket}/reports/"))
        result = self.briefing("resend", str(delivery["id"]), "--root", self.root, "--yes",
                               machine="b", env=archive, check=0)
        self.assertIn(f"byte-identical resend of delivery {delivery['id']}", result.stderr)
        self.assertEqual(self.standin.sends()[-1]["raw"], first)
        newest = self.log(machine="a", env=archive)[0]
        self.assertEqual((newest["resend_of"], newest["state"]), (delivery["id"], "sent"))

    def test_two_machines_sending_one_plan_at_once_send_each_report_once(self):
        self.standin.config({"delay_ms": 200})
        first, second = self.start("a", "--all", "--json"), self.start("b", "--all", "--json")
        outputs = [p.communicate(timeout=180) for p in (first, second)]
        sent = [r for out, _ in outputs for r in json.loads(out) if r["state"] == "sent"]
        reports = [(r["persona"], r["entity"]) for r in sent]
        self.assertEqual(sorted(reports), sorted(set(reports)))  # none sent twice
        self.assertEqual(len(sent), 8, outputs)
        others = [r for out, _ in outputs for r in json.loads(out) if r["state"] != "sent"]
        self.assertTrue(all(r["state"] == "not-attempted" for r in others), others)
        if others:  # a claim refused: the operator is told who holds the day
            self.assertRegex(outputs[0][1] + outputs[1][1],
                             r"(is being sent by|sent today at) .* \(delivery \d+\)")
        self.assertEqual(len(self.emulator.store()["emails"]), 8)
        self.assertEqual(len(self.standin.sends()), 8)

    def test_a_failing_dynamodb_sends_nothing_and_a_throttled_one_is_retried(self):
        self.dynamodb.standin.faults([{"kind": "http_500", "op": "*"}] * 40)
        failed = self.briefing(*self.send_args("--all", "--json"))
        self.assertNotEqual(failed.returncode, 0)
        self.assertIn("InternalServerError", failed.stderr)
        self.assertEqual(self.standin.sends(), [])  # no claim committed, no message sent
        self.dynamodb.standin.reset()
        self.dynamodb.standin.faults([{"kind": "throttle", "op": "PutItem"}] * 2 +
                                     [{"kind": "throttle", "op": "UpdateItem"}] * 2)
        self.briefing(*self.send_args("--all", "--json"), check=0)
        self.assertEqual(len(self.standin.sends()), 8)
        throttled = [r for r in self.dynamodb.standin.requests() if r["fault"] == "throttle"]
        self.assertEqual(len(throttled), 4)

    def test_kill_9_mid_send_leaves_unknown_the_other_machine_sees_and_does_not_resend(self):
        self.standin.faults([{"kind": "hang", "action": "SendRawEmail", "seconds": 60}])
        process = self.start("a", "--persona", "cfo")
        wait_for(lambda: any(r["action"] == "SendRawEmail" and r["status"] == "hang"
                             for r in self.standin.requests()))
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        stale = {"BRIEFING_LEDGER_STALE_SECONDS": "0"}
        result = self.briefing("log", "--json", machine="b", env=stale, check=0)
        cfo = [d for d in json.loads(result.stdout) if d["persona"] == "cfo"]
        self.assertEqual([d["state"] for d in cfo], ["unknown"])
        self.assertEqual(cfo[0]["error_code"], "interrupted")
        rerun = self.briefing(*self.send_args("--all", "--json"), machine="b", env=stale)
        self.assertNotIn("cfo", [r["persona"] for r in json.loads(rerun.stdout)], rerun.stderr)
        self.assertIn("cfo/portfolio left out", rerun.stderr)
        reports = [email.message_from_string(s["raw"])["X-Briefing-Report"]
                   for s in self.standin.sends()]
        self.assertEqual(reports.count("cfo/portfolio"), 1)  # the killed machine's, only
        self.assertEqual(len(reports), 8)  # the other seven went out from machine b

    def hang_the_next_send(self):
        self.standin.faults([{"kind": "hang", "action": "SendRawEmail", "seconds": 60}])

    def wait_for_the_hang(self):
        return wait_for(lambda: next((r for r in self.standin.sends() if r["status"] == "hang"),
                                     None))

    def report_counts(self):
        reports = [email.message_from_string(s["raw"])["X-Briefing-Report"]
                   for s in self.standin.sends()]
        return {report: reports.count(report) for report in reports}

    def test_the_killed_machine_itself_sees_its_in_flight_send_unknown_at_once(self):
        # Issue 11 finding K: the same host need not wait for the stale time.
        self.hang_the_next_send()
        process = self.start("a", "--persona", "ceo")
        self.wait_for_the_hang()
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        after = self.briefing("log", "--json", machine="a", check=0)
        [ceo] = [d for d in json.loads(after.stdout) if d["persona"] == "ceo"]
        self.assertEqual((ceo["state"], ceo["error_code"]), ("unknown", "interrupted"))
        self.assertIn("interrupted while sending", after.stderr)
        again = self.briefing(*self.send_args("--persona", "ceo"), machine="a")
        self.assertEqual(again.returncode, 1, again.stderr)
        self.assertIn(f"ceo/portfolio left out: its last delivery ({ceo['id']}) is unknown",
                      again.stderr)
        self.assertEqual(self.report_counts(), {"ceo/portfolio": 1})

    def test_a_report_another_live_process_is_sending_is_left_out_even_when_named(self):
        self.hang_the_next_send()
        process = self.start("a", "--persona", "ceo")
        try:
            self.wait_for_the_hang()
            other = self.briefing(*self.send_args("--persona", "ceo"), machine="b")
            self.assertEqual(other.returncode, 0, other.stderr)  # it is going out: no failure
            self.assertRegex(other.stderr, r"ceo/portfolio left out: is being sent by "
                             + re.escape(socket.gethostname()) + r" since \d\d:\d\d \(delivery 1\)")
            self.assertEqual(self.report_counts(), {"ceo/portfolio": 1})
        finally:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()

    def test_a_refused_day_claim_does_not_hide_the_unknown_delivery_from_resend_failed(self):
        # Issue 11 finding A: b plans first, a claims and sends while b waits
        # for SES's GetAccount, a is killed mid-send; b's refused claims wrote
        # not-attempted rows that must not make the report resendable.
        self.standin.faults([{"kind": "slow", "action": "GetAccount", "seconds": 8},
                             {"kind": "hang", "action": "SendRawEmail", "seconds": 60}])
        second = self.start("b", "--all", "--json")
        wait_for(lambda: not any(f.get("action") == "GetAccount" for f in
                                 http_json("GET", self.standin.url + "/_control/faults")))
        first = self.start("a", "--all", "--json")
        hung = self.wait_for_the_hang()
        second.communicate(timeout=180)
        os.killpg(first.pid, signal.SIGKILL)
        first.communicate()
        held = email.message_from_string(hung["raw"])["X-Briefing-Report"]
        persona = held.split("/")[0]
        history = self.log(machine="b")
        [unknown] = [d for d in history if d["persona"] == persona and d["state"] == "unknown"]
        refused = [d for d in history if d["persona"] == persona and d["state"] == "not-attempted"]
        self.assertEqual(len(refused), 1, history)
        counts = self.report_counts()
        self.assertEqual(counts[held], 1)
        resend = self.briefing("resend", "--failed", "--batch", str(refused[0]["batch"]),
                               "--root", self.root, "--yes", machine="b")
        self.assertEqual(resend.returncode, 0, resend.stderr)
        self.assertIn(f"delivery {refused[0]['id']} ({held}, not-attempted) left out: delivery "
                      f"{unknown['id']} of that report", resend.stderr)
        self.assertIn("is unknown (SES may have it", resend.stderr)
        self.assertEqual(self.report_counts(), counts)  # nothing sent again
        rerun = self.briefing(*self.send_args("--all", "--json"), machine="b")
        self.assertEqual(rerun.returncode, 1, rerun.stderr)
        self.assertIn(f"{held} left out: its last delivery ({unknown['id']}) is unknown",
                      rerun.stderr)
        self.assertEqual(self.report_counts()[held], 1)


if __name__ == "__main__":
    unittest.main()
