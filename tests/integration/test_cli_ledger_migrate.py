"""`briefing ledger migrate --to dynamodb://TABLE` (issue 11, Deliver 4):
a local SQLite history built by real sends (the SES stand-in in front of
the aws-ses-v2-local emulator), with a failed and an unknown delivery, a
resend and SES events, copied into a table of dynalite (behind the
signature-checking dynamodb_standin.py) and its archive up to fauxqs's S3
(behind s3_peer.py). What is checked: every delivery, state, MessageId,
hash, host and recipient outcome read back from a second state folder on
the table; a byte-identical resend from there; a rerun copying nothing
twice; a DynamoDB failing mid-way, then the same command completing it
without duplicates on a table that has another machine's history (ids
renumbered); a tampered archive file named with exit 1; `ledger status`'s
archive lines. Peers start once for the file's one class."""
import email
import json
import os
import re
import signal
import socket
import subprocess
import unittest

from support import BRIEFING, NOW, PeersTestCase, environment, run, wait_for

DRIVER = os.path.join(os.environ.get("BRIEFING_BUILD_DIR", "build"), "ledger_driver")
PREFIX = "reports"


class LedgerMigrateTest(PeersTestCase):
    env_values = {"SES_REGION": "us-east-1", "SES_FROM_ADDRESS": "reports@example.com",
                  "EXEC_REPORT_TO": "owner@example.com, cfo@example.com",
                  "SES_BCC_ADDRESS": "audit@example.com"}

    @classmethod
    def setUpClass(cls):
        from peers import S3Peer, SignedDynamoDB
        super().setUpClass()
        cls.dynamodb = SignedDynamoDB().__enter__()
        cls.s3 = S3Peer().__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.s3.__exit__(None, None, None)
        cls.dynamodb.__exit__(None, None, None)
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.dynamodb.standin.reset()
        name = self._testMethodName.replace("_", "-")
        self.table = "migrate-" + name[:200]
        self.bucket = ("mig-" + name)[:63].rstrip("-")
        self.s3.create_bucket(self.bucket)
        self.archive = f"s3://{self.bucket}/{PREFIX}"
        self.env.update({"AWS_ENDPOINT_URL_DYNAMODB": self.dynamodb.standin.url,
                         "AWS_ENDPOINT_URL_S3": self.s3.url})
        run("ledger", "create-table", "--root", self.root, "--table", self.table, env=self.env,
            check=0)
        self.local = os.path.join(self.dir, "machine-a", "briefing", "ledger.sqlite3")

    # ---- the two machines ----

    def machine_env(self, machine, extra=None):
        env = {**self.env, "XDG_STATE_HOME": os.path.join(self.dir, "machine-" + machine)}
        if machine != "a":  # a keeps its SQLite ledger; the others are on the table
            env.update({"BRIEFING_LEDGER": "dynamodb://" + self.table,
                        "BRIEFING_ARCHIVE": self.archive})
        return {**env, **(extra or {})}

    def briefing(self, *args, machine="a", check=None, env=None):
        return run(*args, env=self.machine_env(machine, env), check=check, timeout=120)

    def send(self, *args, machine="a"):
        return self.briefing("send", "--root", self.root, "--now", NOW, "--yes", *args,
                             machine=machine)

    def log(self, *args, machine="a"):
        return json.loads(self.briefing("log", "--json", *args, machine=machine,
                                        check=0).stdout)

    def migrate(self, *args, check=None, env=None):
        return self.briefing("ledger", "migrate", "--root", self.root, "--to",
                             "dynamodb://" + self.table, *args, check=check, env=env)

    def apply_events(self, *events):
        """SES events applied to machine a's SQLite ledger through the
        ledger's own ledger_apply_event (tests/drivers/ledger_driver.c)."""
        script = "".join("\t".join(["event", *map(str, e)]) + "\n" for e in events)
        result = subprocess.run([DRIVER, "sqlite:" + self.local], input=script,
                                env=environment(self.env), capture_output=True, text=True,
                                timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn("error:", result.stdout)

    def history_with_a_failure_an_unknown_a_resend_and_events(self):
        self.standin.faults([{"kind": "rejected", "action": "SendRawEmail"},
                             {"kind": "slow", "action": "SendRawEmail", "seconds": 0},
                             {"kind": "reset_after_read", "action": "SendRawEmail"}])
        self.send("--all")
        states = {d["persona"]: d for d in self.log()}
        self.assertEqual((states["ceo"]["state"], states["cto"]["state"],
                          states["cfo"]["state"]), ("failed", "sent", "unknown"))
        self.briefing("resend", str(states["ceo"]["id"]), "--root", self.root, "--yes", check=0)
        cto, cmo = states["cto"], states["cmo"]
        self.apply_events(
            ("a" * 64, "Delivery", cto["message_id"], 0, "-", 1796630400, "-",
             "owner@example.com"),
            ("b" * 64, "Bounce", cmo["message_id"], 0, "-", 1796630460,
             "Permanent/General: smtp; 550 5.1.1 no such user", "cfo@example.com"),
            ("c" * 64, "Open", cto["message_id"], 0, "-", 1796630520, "-", "owner@example.com"))
        return self.log()

    # ---- the tests ----

    def test_history_and_archive_go_up_and_the_other_machine_reads_and_resends_them(self):
        local = self.history_with_a_failure_an_unknown_a_resend_and_events()
        self.assertEqual(len(local), 9)
        result = self.migrate("--archive", self.archive, check=0)
        self.assertIn(f"-> dynamodb://{self.table} (ids kept)", result.stdout)
        self.assertIn("deliveries  9: 9 copied, 0 already there", result.stdout)
        # the sent, the unknown and the failed one go up (7 + 1 + 1)
        self.assertIn(f"archive     {self.archive}: 9 uploaded, 0 already there, 0 failed",
                      result.stdout)
        self.assertIn("verified    sent 7/7, failed 1/1, unknown 1/1", result.stdout)
        self.assertIn("verified    9 of 9 archived messages match the ledger's SHA-256",
                      result.stdout)
        self.assertTrue(all(r["signature_ok"] for r in self.dynamodb.standin.requests()))

        shared = self.log(machine="b")  # another state folder, on the table
        fields = ("id", "batch", "resend_of", "persona", "scope", "state", "message_id",
                  "request_id", "sha256", "size_bytes", "host", "created_at", "subject", "to",
                  "bcc", "error_code", "outcome", "test")
        self.assertEqual([{k: d[k] for k in fields} for d in shared],
                         [{k: d[k] for k in fields} for d in local])
        self.assertTrue(all(d["archive"].startswith(self.archive + "/") for d in shared))
        self.assertEqual({d["host"] for d in shared}, {socket.gethostname()})
        cmo = next(d for d in shared if d["persona"] == "cmo")
        full = json.loads(self.briefing("log", str(cmo["id"]), "--json", machine="b",
                                        check=0).stdout)
        outcomes = {r["address"]: (r["outcome"], r["detail"]) for r in full["recipients"]}
        self.assertEqual(outcomes["cfo@example.com"],
                         ("bounced", "Permanent/General: smtp; 550 5.1.1 no such user"))
        cto_full = json.loads(self.briefing("log", str(next(d["id"] for d in shared
                                                            if d["persona"] == "cto")),
                                            "--json", machine="b", check=0).stdout)
        owner = next(r for r in cto_full["recipients"] if r["address"] == "owner@example.com")
        self.assertEqual((owner["outcome"], owner["opens"]), ("delivered", 1))

        # a byte-identical resend from the other machine, read back from S3
        cto = next(d for d in shared if d["persona"] == "cto")
        original = next(s["raw"] for s in self.standin.sends()
                        if email.message_from_string(s["raw"])["X-Briefing-Report"]
                        == "cto/portfolio")
        resent = self.briefing("resend", str(cto["id"]), "--root", self.root, "--yes",
                               machine="b", check=0)
        self.assertIn(f"byte-identical resend of delivery {cto['id']}", resent.stderr)
        self.assertEqual(self.standin.sends()[-1]["raw"], original)
        newest = self.log(machine="b")[0]
        self.assertEqual((newest["id"], newest["resend_of"], newest["state"]),
                         (len(local) + 1, cto["id"], "sent"))  # the counter went on
        # the table's counts take the copies in, then the resend
        on_table = json.loads(self.briefing("ledger", "status", "--json", machine="b",
                                            check=0).stdout)
        self.assertEqual(on_table["deliveries"], len(local) + 1)

        # a second run copies nothing twice
        again = self.migrate("--archive", self.archive, check=0)
        self.assertIn("deliveries  9: 0 copied, 9 already there", again.stdout)
        self.assertIn("0 uploaded, 9 already there, 0 failed", again.stdout)
        self.assertEqual(len(self.log(machine="b")), len(local) + 1)

        status = json.loads(self.briefing("ledger", "status", "--json", "--archive",
                                          self.archive, check=0).stdout)
        self.assertEqual(status["archive"]["where"], self.archive)
        self.assertTrue(status["archive"]["remote"])
        self.assertEqual(status["archive"]["only_local"], 8)  # the local ledger still names files
        self.assertEqual((status["archive"]["last_upload"]["uploaded"],
                          status["archive"]["last_upload"]["where"]), (9, self.archive))
        text = self.briefing("ledger", "status", check=0).stdout
        self.assertRegex(text, r"archive        .*machine-a/briefing/archive/?\n")
        self.assertIn("only local     - (a folder", text)

    def test_a_dynamodb_failing_mid_way_then_a_rerun_completes_it_without_duplicates(self):
        self.send("--all", machine="c")  # another machine's history is on the table first
        theirs = self.log(machine="c")
        self.send("--all")
        cto = next(d for d in self.log() if d["persona"] == "cto")
        self.briefing("resend", str(cto["id"]), "--root", self.root, "--yes", check=0)
        local = self.log()
        self.assertEqual(len(local), 9)
        # The 4th PutItem is applied but answered 500 (its retry meets itself);
        # 20 more go through, then every one fails (more than the retries).
        self.dynamodb.standin.faults([{"kind": "applied_then_500", "op": "PutItem", "after": 3},
                                      {"kind": "http_500", "op": "PutItem", "after": 20}] +
                                     [{"kind": "http_500", "op": "PutItem"}] * 30)
        failed = self.migrate("--archive", self.archive)
        self.assertEqual(failed.returncode, 3, failed.stderr)
        self.assertIn("InternalServerError", failed.stderr)
        self.assertRegex(failed.stderr, r"\d of 9 copied so far: run the same command again")
        faults = [r["fault"] for r in self.dynamodb.standin.requests() if r["fault"]]
        self.assertEqual(faults[0], "applied_then_500")
        self.dynamodb.standin.reset()
        done = self.migrate("--archive", self.archive, check=0)
        self.assertIn("(ids renumbered from the table's counter)", done.stdout)
        copied = re.search(r"deliveries  9: (\d+) copied, (\d+) already there", done.stdout)
        self.assertGreater(int(copied.group(2)), 0, done.stdout)  # the first run's, kept
        self.assertIn("verified    sent 9/9", done.stdout)
        shared = self.log(machine="b")
        self.assertEqual(len(shared), len(theirs) + 9)
        ids = [d["id"] for d in shared]
        self.assertEqual(len(ids), len(set(ids)))
        self.assertEqual(sorted(d["message_id"] for d in shared),
                         sorted(d["message_id"] for d in theirs + local))
        self.assertTrue(min(d["id"] for d in shared if d["message_id"] in
                            {x["message_id"] for x in local}) > max(d["id"] for d in theirs))
        by_message = {d["message_id"]: d for d in shared}
        resend = by_message[local[0]["message_id"]]  # its original mapped to its id here
        self.assertEqual(resend["resend_of"], by_message[cto["message_id"]]["id"])
        self.assertNotEqual(resend["resend_of"], cto["id"])
        again = self.migrate("--archive", self.archive, check=0)
        self.assertIn("deliveries  9: 0 copied, 9 already there", again.stdout)
        self.assertEqual(len(self.log(machine="b")), len(theirs) + 9)

    def test_a_tampered_archive_file_is_named_and_the_exit_code_says_so(self):
        self.send("--persona", "cfo")
        self.send("--persona", "cto")
        [cto, cfo] = self.log()
        with open(cfo["archive"], "ab") as f:
            f.write(b"tampered\n")
        result = self.migrate("--archive", self.archive)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("1 uploaded, 0 already there, 1 failed", result.stdout)
        self.assertIn("verified    1 of 2 archived messages match the ledger's SHA-256",
                      result.stdout)
        self.assertIn(f"mismatch    delivery {cfo['id']} (cfo/portfolio): {cfo['archive']}: "
                      "its SHA-256 is not the ledger's", result.stdout)
        shared = {d["persona"]: d for d in self.log(machine="b")}
        self.assertEqual(shared["cfo"]["archive"], cfo["archive"])  # left local, not uploaded
        self.assertTrue(shared["cto"]["archive"].startswith(self.archive))
        again = self.migrate("--archive", self.archive, "--json")
        self.assertEqual(again.returncode, 1, again.stderr)
        document = json.loads(again.stdout)
        self.assertEqual([(m["delivery"], m["report"]) for m in document["mismatches"]],
                         [(cfo["id"], "cfo/portfolio")])
        self.assertIn("its SHA-256 is not the ledger's", document["mismatches"][0]["why"])
        self.assertEqual((document["ids"], document["copied"], document["already_there"],
                          document["states"]["sent"], document["error"]),
                         ("kept", 0, 2, {"local": 2, "table": 2}, None))
        self.assertEqual((document["archive"]["already_there"], document["archive"]["failed"]),
                         (1, 1))

    def test_what_migrate_refuses(self):
        missing = self.briefing("ledger", "migrate", "--root", self.root, "--to",
                                "dynamodb://" + self.table)
        self.assertEqual(missing.returncode, 2)
        self.assertIn("no ledger at", missing.stderr)
        self.send("--persona", "cfo")
        no_to = self.briefing("ledger", "migrate", "--root", self.root)
        self.assertEqual(no_to.returncode, 2)
        self.assertIn("--to dynamodb://TABLE", no_to.stderr)
        wrong = self.briefing("ledger", "migrate", "--root", self.root, "--to", "/tmp/x.sqlite3")
        self.assertEqual(wrong.returncode, 2)
        self.assertIn("not a shared ledger", wrong.stderr)
        shared = self.briefing("ledger", "migrate", "--root", self.root, "--to",
                               "dynamodb://" + self.table, machine="b")
        self.assertEqual(shared.returncode, 2)
        self.assertIn("there is no local ledger to move", shared.stderr)
        self.standin.faults([{"kind": "hang", "action": "SendRawEmail", "seconds": 60}])
        sending = subprocess.Popen([BRIEFING, "send", "--root", self.root, "--now", NOW, "--yes",
                                    "--persona", "cto"], env=environment(self.machine_env("a")),
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            wait_for(lambda: any(r["status"] == "hang" for r in self.standin.sends()))
            locked = self.migrate()
            self.assertEqual(locked.returncode, 3, locked.stderr)
            self.assertIn(f"another briefing batch is running on {self.local} "
                          f"(pid {sending.pid})", locked.stderr)
        finally:
            os.killpg(sending.pid, signal.SIGKILL)
            sending.wait()
        self.log()  # the killed send is settled (unknown) before the migration below
        folder = self.migrate(check=0)  # no S3 archive: the messages stay here
        self.assertIn("a folder: the messages stay on this machine", folder.stdout)
        shared = self.log(machine="b")
        self.assertEqual([d["state"] for d in shared], ["unknown", "sent"])
        self.assertTrue(all(d["archive"].startswith(os.path.join(self.dir, "machine-a"))
                            for d in shared))


if __name__ == "__main__":
    unittest.main()
