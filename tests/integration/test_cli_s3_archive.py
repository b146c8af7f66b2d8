"""The archive on S3 (issue 11, step 3), through the command line against
real peers: sends through the SigV4-checking SES stand-in in front of the
aws-ses-v2-local emulator, the archive in fauxqs's S3 behind s3_peer.py
(SigV4 for "s3", payload hashes and x-amz-checksum-sha256 checked, the
checksums and tags kept). What is checked: where each message's three
files go, with which tags and checksum; what the ledger records; a resend
from another state folder read back from S3 byte for byte; a tampered
object refused; S3 down during a send, then `briefing ledger sync`; a bad
BRIEFING_ARCHIVE refused."""
import base64
import datetime
import hashlib
import itertools
import json
import os
import shutil
import urllib.parse

from support import NOW, PeersTestCase, run
from peers import S3Peer, free_port

FROM = "Reports <reports@example.com>"
TO = "owner@example.com"
PREFIX = "reports"


class S3ArchiveTest(PeersTestCase):
    env_values = {"SES_REGION": "us-east-1", "SES_FROM_ADDRESS": f'"{FROM}"', "EXEC_REPORT_TO": TO}
    buckets = itertools.count(1)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.s3 = S3Peer().__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.s3.__exit__(None, None, None)
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        self.bucket = f"acme-briefings-{next(self.buckets)}"  # a bucket per test
        self.s3.create_bucket(self.bucket)
        self.env.update({"AWS_ENDPOINT_URL_S3": self.s3.url,
                         "BRIEFING_ARCHIVE": f"s3://{self.bucket}/{PREFIX}",
                         "XDG_STATE_HOME": os.path.join(self.dir, "machine-a")})

    def briefing(self, command, *args, check=None, env=None):
        root = [] if command == "log" else ["--root", self.root]
        return run(command, *root, "--ledger", self.ledger, *args,
                   env={**self.env, **(env or {})}, check=check)

    def send(self, *args, check=0, env=None):
        return self.briefing("send", "--now", NOW, "--persona", "cfo", "--yes", *args,
                             check=check, env=env)

    def deliveries(self):
        return json.loads(self.briefing("log", "--json", check=0).stdout)

    def raw_sends(self):
        return [s["raw"] for s in self.standin.sends()]

    def requests(self, method):
        """This test's requests to S3 (the peer's list is the class's)."""
        return [r for r in self.s3.requests()
                if r["method"] == method and r["path"].startswith(f"/{self.bucket}/")]

    def objects(self):
        """What the bucket holds: key -> {"checksum", "tagging"}."""
        start = f"/{self.bucket}/"
        return {path[len(start):]: kept for path, kept in self.s3.stored().items()
                if path.startswith(start)}

    def test_a_send_puts_three_tagged_checksummed_objects_and_the_ledger_names_them(self):
        self.send()
        [delivery] = self.deliveries()
        location = delivery["archive"]
        self.assertTrue(location.startswith(f"s3://{self.bucket}/{PREFIX}/"), location)
        key = location[len(f"s3://{self.bucket}/"):]
        day = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
        stem = key[:-len(".eml")]
        self.assertEqual(os.path.dirname(key), f"{PREFIX}/{day}")
        self.assertTrue(stem.endswith(delivery["sha256"][:12]), key)
        objects = self.objects()
        self.assertEqual(sorted(objects), sorted(f"{stem}.{ext}" for ext in ("eml", "html", "txt")))
        spool = os.path.join(os.path.dirname(self.ledger), "archive", day)
        for name, kept in objects.items():
            data = self.s3.object(self.bucket, name)
            with open(os.path.join(spool, "cfo-portfolio." + name.rsplit(".", 1)[1]), "rb") as f:
                self.assertEqual(data, f.read(), name)  # the spool's bytes, as written
            self.assertEqual(kept["checksum"], base64.b64encode(hashlib.sha256(data).digest()).decode())
            self.assertEqual(dict(urllib.parse.parse_qsl(kept["tagging"])),
                             {"report-type": "cfo", "entity": "portfolio", "generated-date": day})
        # the ledger's message_sha256 is the checksum S3 stores, in hex
        eml_checksum = objects[f"{stem}.eml"]["checksum"]
        self.assertEqual(base64.b64decode(eml_checksum).hex(), delivery["sha256"])
        self.assertEqual(self.raw_sends()[0].encode(), self.s3.object(self.bucket, key))
        puts = self.requests("PUT")
        self.assertEqual(len(puts), 3)
        self.assertTrue(all(r["checked"] for r in puts))
        shown = self.briefing("log", str(delivery["id"]), check=0).stdout
        self.assertIn(f"  archive     {location}\n              s3://{self.bucket}/{stem}.txt\n"
                      f"              s3://{self.bucket}/{stem}.html\n", shown)

    def test_a_resend_from_another_state_folder_reads_the_object_byte_for_byte(self):
        self.send()
        first = self.raw_sends()[0]
        [delivery] = self.deliveries()
        # the other machine: its own state folder, none of the first's local files
        shutil.rmtree(os.path.join(os.path.dirname(self.ledger), "archive"))
        other = {"XDG_STATE_HOME": os.path.join(self.dir, "machine-b")}
        result = self.briefing("resend", str(delivery["id"]), "--yes", check=0, env=other)
        self.assertIn(f"byte-identical resend of delivery {delivery['id']}", result.stderr)
        self.assertEqual(self.raw_sends()[-1], first)
        emails = self.emulator.store()["emails"]
        self.assertEqual(len(emails), 2)
        gets = self.requests("GET")
        self.assertIn(urllib.parse.quote(delivery["archive"][len("s3:/"):]),
                      [r["path"] for r in gets])

    def test_a_tampered_object_refuses_the_resend(self):
        self.send()
        [delivery] = self.deliveries()
        key = delivery["archive"][len(f"s3://{self.bucket}/"):]
        original = self.s3.object(self.bucket, key)
        self.s3.replace_object(self.bucket, key, original.replace(b"Subject:", b"Subject: [changed]"))
        result = self.briefing("resend", str(delivery["id"]), "--yes")
        self.assertNotEqual(result.returncode, 0, result.stderr)
        self.assertIn(delivery["archive"], result.stderr)
        self.assertIn("its SHA-256 is not the ledger's", result.stderr)
        self.assertIn("nothing was sent", result.stderr)
        self.assertEqual(len(self.standin.sends()), 1)

    def test_a_missing_object_refuses_the_resend(self):
        self.send()
        [delivery] = self.deliveries()
        self.s3.fail(1, status=404, code="NoSuchKey")  # S3's answer for a key it does not hold
        result = self.briefing("resend", str(delivery["id"]), "--yes")
        self.assertNotEqual(result.returncode, 0, result.stderr)
        self.assertIn(f"{delivery['archive']}: no such object on S3", result.stderr)
        self.assertEqual(len(self.standin.sends()), 1)

    def test_s3_down_during_the_send_keeps_the_archive_local_until_ledger_sync(self):
        down = {"AWS_ENDPOINT_URL_S3": f"http://127.0.0.1:{free_port()}"}
        result = self.send(env=down)
        self.assertIn("1 sent, 0 failed", result.stderr)
        self.assertIn("not archived to S3", result.stderr)
        self.assertIn("briefing ledger sync", result.stderr)
        [delivery] = self.deliveries()
        self.assertEqual(delivery["state"], "sent")
        self.assertTrue(os.path.isfile(delivery["archive"]), delivery["archive"])
        self.assertEqual(self.objects(), {})

        failed = self.briefing("ledger", "sync", env=down)
        self.assertEqual(failed.returncode, 1, failed.stderr)
        self.assertIn("0 uploaded, 0 already there, 1 failed: delivery 1:", failed.stdout)
        failed = json.loads(self.briefing("ledger", "sync", "--json", env=down).stdout)
        self.assertEqual([d["result"] for d in failed["deliveries"]], ["failed"])
        self.assertIn("Couldn't connect", failed["deliveries"][0]["error"])
        self.assertEqual(failed["failed"], 1)

        synced = self.briefing("ledger", "sync", check=0)
        self.assertIn("1 uploaded, 0 already there, 0 failed", synced.stdout)
        [delivery] = self.deliveries()
        self.assertTrue(delivery["archive"].startswith(f"s3://{self.bucket}/{PREFIX}/"))
        self.assertEqual(len(self.objects()), 3)
        key = delivery["archive"][len(f"s3://{self.bucket}/"):]
        self.assertEqual(self.s3.object(self.bucket, key).decode(), self.raw_sends()[0])

        again = self.briefing("ledger", "sync", check=0)
        self.assertIn("0 uploaded, 0 already there, 0 failed", again.stdout)
        document = json.loads(self.briefing("ledger", "sync", "--json", check=0).stdout)
        self.assertEqual(document, {"deliveries": [], "uploaded": 0, "already_there": 0,
                                    "failed": 0, "error": None})
        self.assertEqual(len(self.requests("PUT")), 3)

    def test_sync_uploads_each_local_delivery_once(self):
        down = {"AWS_ENDPOINT_URL_S3": f"http://127.0.0.1:{free_port()}"}
        self.send(env=down)
        self.send("--include-sent", env=down)
        synced = self.briefing("ledger", "sync", check=0)
        self.assertIn("2 uploaded, 0 already there, 0 failed", synced.stdout)
        puts = len(self.requests("PUT"))
        self.assertEqual(puts, 6)
        self.assertEqual(len(self.objects()), 6)

    def test_sync_counts_files_another_client_already_put_and_does_not_put_them_again(self):
        down = {"AWS_ENDPOINT_URL_S3": f"http://127.0.0.1:{free_port()}"}
        self.send(env=down)
        [delivery] = self.deliveries()
        spooled = delivery["archive"][:-len(".eml")]
        day = os.path.basename(os.path.dirname(spooled))
        stem = f"{PREFIX}/{day}/cfo-portfolio-{delivery['sha256'][:12]}"
        for ext in ("eml", "txt", "html"):  # the keys are a contract: put by someone else
            with open(f"{spooled}.{ext}", "rb") as f:
                self.s3.put_object(self.bucket, f"{stem}.{ext}", f.read())
        before = len(self.requests("PUT"))
        synced = self.briefing("ledger", "sync", check=0)
        self.assertIn(f"1        already there  s3://{self.bucket}/{stem}.eml", synced.stdout)
        self.assertIn("0 uploaded, 1 already there, 0 failed", synced.stdout)
        self.assertEqual(len(self.requests("PUT")), before)
        self.assertEqual(len(self.requests("HEAD")), 3)
        self.assertEqual(self.deliveries()[0]["archive"], f"s3://{self.bucket}/{stem}.eml")

    def test_ledger_sync_with_a_folder_archive_says_there_is_nothing_to_upload(self):
        result = self.briefing("ledger", "sync", env={"BRIEFING_ARCHIVE": ""})
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("nothing to upload", result.stderr)
        self.assertIn("s3://BUCKET/PREFIX", result.stderr)

    def test_a_bad_archive_value_is_an_error_quoting_it(self):
        cases = {"s3://Acme/reports": "a bucket name holds only",
                 "s3:/acme/reports": "must start with s3://",
                 "s3://acme//reports": "",
                 "gs://acme/reports": "a folder or s3://BUCKET/PREFIX"}
        for value, why in cases.items():
            result = self.send(check=None, env={"BRIEFING_ARCHIVE": value})
            self.assertEqual(result.returncode, 3, (value, result.stderr))
            self.assertIn(f'"{value}"', result.stderr)
            self.assertIn(why, result.stderr)
        self.assertEqual(self.standin.sends(), [])

    def test_an_s3_endpoint_that_cannot_be_used_stops_the_batch_before_it_sends(self):
        result = self.send(check=None, env={"AWS_ENDPOINT_URL_S3": "http://s3.example.com"})
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("nothing was sent: S3 archive:", result.stderr)
        self.assertIn("http://s3.example.com", result.stderr)
        self.assertEqual(self.standin.sends(), [])
        self.assertEqual(self.deliveries(), [])

    def test_the_config_file_names_the_archive_and_the_environment_wins(self):
        config_home = os.path.join(self.dir, "config")
        os.makedirs(os.path.join(config_home, "briefing"))
        with open(os.path.join(config_home, "briefing", "config"), "w") as f:
            f.write(f"archive = s3://{self.bucket}/from-file\n")
        from_file = {"XDG_CONFIG_HOME": config_home, "BRIEFING_ARCHIVE": ""}
        self.send(env=from_file)
        self.assertIn(f"s3://{self.bucket}/from-file/", self.deliveries()[0]["archive"])
        self.send("--include-sent", env={"XDG_CONFIG_HOME": config_home})
        self.assertIn(f"s3://{self.bucket}/{PREFIX}/", self.deliveries()[0]["archive"])


if __name__ == "__main__":
    import unittest
    unittest.main(verbosity=2)
