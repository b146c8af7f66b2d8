"""What a new user found in the AWS configuration chain (issue 10), each
against the loopback stand-ins: a mistyped profile stops everything, the
SSO cache of older CLI v2 releases is read and an expired SSO token is
refreshed through SSO OIDC as the CLI does, no region is never a silent
us-east-1 (STS shares the SES region chain, an EC2 instance's own region
comes last), short-lived credential_process keys run once per batch, and
`stats` says which credentials it used."""
import hashlib
import json
import os
import stat
from datetime import datetime, timedelta, timezone

from support import NOW, run, write_env

from peers import CREDENTIAL_PROCESS_SCRIPT, PYTHON, AwsStandIn, StandIn
from test_cli_aws_sources import FROM, ISSUED_SECRET, ISSUED_TOKEN, ROLE_ARN, AwsSourcesCase

SSO_CONFIG = ("[profile reports]\nsso_session = company\nsso_account_id = 111122223333\n"
              "sso_role_name = ReportSender\n"
              "[sso-session company]\nsso_start_url = https://example.awsapps.com/start\n"
              "sso_region = eu-west-1\n")
OLD_SSO_TOKEN = "aoaEXAMPLEexpiredACCESStoken"
SECRETS = (ISSUED_SECRET, ISSUED_TOKEN, AwsStandIn.source_secret, AwsStandIn.sso_token,
           OLD_SSO_TOKEN, AwsStandIn.sso_client_secret, AwsStandIn.sso_refresh_token)


def iso(when):
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def hours(n):
    return datetime.now(timezone.utc) + timedelta(hours=n)


class AwsConfigChainTest(AwsSourcesCase):
    def assert_no_secret(self, result):
        for secret in SECRETS:
            self.assertNotIn(secret, result.stdout + result.stderr)

    def sso_env(self):
        return {"AWS_PROFILE": "reports", "AWS_ENDPOINT_URL_SSO": self.aws.url,
                "AWS_ENDPOINT_URL_SSO_OIDC": self.aws.url}

    def write_sso_cache(self, key, **fields):
        """The cache file `aws sso login` keeps for `key` (session name or start URL)."""
        cache = os.path.join(self.home, ".aws", "sso", "cache")
        os.makedirs(cache, exist_ok=True)
        path = os.path.join(cache, hashlib.sha1(key.encode()).hexdigest() + ".json")
        with open(path, "w") as f:
            json.dump({"startUrl": "https://example.awsapps.com/start", "region": "eu-west-1",
                       **fields}, f)
        os.chmod(path, 0o600)
        return path

    def write_refreshable_cache(self, expires_at, refresh_token=AwsStandIn.sso_refresh_token):
        """What current `aws sso login` writes for an sso-session."""
        return self.write_sso_cache(
            "company", accessToken=OLD_SSO_TOKEN, expiresAt=expires_at,
            clientId=AwsStandIn.sso_client_id, clientSecret=AwsStandIn.sso_client_secret,
            registrationExpiresAt=iso(hours(24 * 30)), refreshToken=refresh_token)

    # -- 1. a profile someone named must exist ------------------------------

    def test_a_mistyped_profile_stops_even_with_environment_keys_or_an_instance_role(self):
        self.write_aws("config", "[profile reports]\nregion = us-east-1\n")
        wanted = ('profile "report" (named by AWS_PROFILE) is not in ~/.aws/config or '
                  "~/.aws/credentials")
        for source in ({"AWS_ACCESS_KEY_ID": AwsStandIn.source_key,
                        "AWS_SECRET_ACCESS_KEY": AwsStandIn.source_secret},
                       {"AWS_EC2_METADATA_DISABLED": "false",
                        "AWS_EC2_METADATA_SERVICE_ENDPOINT": self.aws.url}):
            result = self.stats(env={"AWS_PROFILE": "report", **source})
            self.assertEqual(result.returncode, 3, result.stderr)
            self.assertIn(wanted, result.stderr)
            self.assert_no_secret(result)
        result = run("send", "--root", self.root, "--ledger", os.path.join(self.home, "l.db"),
                     "--now", NOW, "--all", "--yes",
                     env={**self.env, "AWS_DEFAULT_PROFILE": "report",
                          "AWS_ACCESS_KEY_ID": AwsStandIn.source_key,
                          "AWS_SECRET_ACCESS_KEY": AwsStandIn.source_secret})
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn('profile "report" (named by AWS_DEFAULT_PROFILE)', result.stderr)
        self.assertEqual(self.ses.requests(), [])
        self.assertEqual(self.aws.requests(), [])

    # -- 2. the SSO cache's expiresAt ---------------------------------------------

    def test_an_sso_cache_whose_expiry_ends_in_utc_is_read(self):
        self.write_aws("config", SSO_CONFIG)
        self.write_sso_cache("company", accessToken=AwsStandIn.sso_token,
                             expiresAt=hours(8).strftime("%Y-%m-%dT%H:%M:%SUTC"))
        result = self.stats(env=self.sso_env(), check=0)
        self.assert_signed_with_the_issued_keys(result)
        self.assertIn("briefing: credentials from SSO 111122223333 role ReportSender "
                      "(~/.aws/config [profile reports])", result.stderr)

    def test_an_unreadable_sso_expiry_is_quoted(self):
        self.write_aws("config", SSO_CONFIG)
        self.write_sso_cache("company", accessToken=AwsStandIn.sso_token,
                             expiresAt="next tuesday")
        result = self.stats(env=self.sso_env())
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn('expiresAt "next tuesday" is not a time', result.stderr)
        self.assertNotIn("has no expiresAt", result.stderr)
        self.assertEqual(self.aws.requests(), [])

    # -- 3. SSO token refresh ------------------------------------------------------

    def test_an_expired_sso_token_is_refreshed_and_the_cache_rewritten(self):
        self.write_aws("config", SSO_CONFIG)
        path = self.write_refreshable_cache(iso(hours(-1)))
        result = self.stats(env=self.sso_env(), check=0)
        self.assert_signed_with_the_issued_keys(result)
        self.assert_no_secret(result)
        calls = [(r["service"], r["status"]) for r in self.aws.requests()]
        self.assertEqual(calls, [("sso-oidc", 200), ("sso", 200)])
        self.assertEqual(self.aws_requests("sso-oidc")[0]["grant_type"], "refresh_token")
        with open(path) as f:
            cache = json.load(f)
        self.assertEqual(cache["accessToken"], AwsStandIn.sso_token)
        self.assertEqual(cache["refreshToken"], AwsStandIn.sso_refresh_token + "-rotated-1")
        self.assertGreater(datetime.strptime(cache["expiresAt"], "%Y-%m-%dT%H:%M:%SZ")
                           .replace(tzinfo=timezone.utc), hours(0.9))
        self.assertEqual((cache["clientId"], cache["startUrl"]),
                         (AwsStandIn.sso_client_id, "https://example.awsapps.com/start"))
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        self.assertEqual(sorted(os.listdir(os.path.dirname(path))), [os.path.basename(path)])
        # The refreshed token is good for an hour: the next run asks no one.
        self.aws.reset()
        self.stats(env=self.sso_env(), check=0)
        self.assertEqual([r["service"] for r in self.aws.requests()], ["sso"])

    def test_a_refused_refresh_says_how_to_log_in_again(self):
        self.write_aws("config", SSO_CONFIG)
        path = self.write_refreshable_cache(iso(hours(-1)), refresh_token="revoked")
        with open(path) as f:
            before = f.read()
        result = self.stats(env=self.sso_env())
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("refreshing it failed", result.stderr)
        self.assertIn("invalid_grant", result.stderr)
        self.assertIn("run `aws sso login --sso-session company`", result.stderr)
        self.assert_no_secret(result)
        with open(path) as f:
            self.assertEqual(f.read(), before)
        self.assertEqual(self.aws_requests("sso"), [])
        # The legacy form has no refresh: log in for the profile.
        self.write_aws("config", "[profile reports]\nsso_start_url = https://example.awsapps.com/"
                                 "start\nsso_region = eu-west-1\nsso_account_id = 111122223333\n"
                                 "sso_role_name = ReportSender\n")
        self.write_sso_cache("https://example.awsapps.com/start", accessToken=OLD_SSO_TOKEN,
                             expiresAt=iso(hours(-1)))
        result = self.stats(env=self.sso_env())
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("run `aws sso login --profile reports`", result.stderr)

    # -- 4. the region ----------------------------------------------------------------

    def test_no_region_anywhere_is_an_error_even_with_an_endpoint(self):
        env = {k: v for k, v in self.env.items() if k != "AWS_REGION"}
        result = run("stats", "--root", self.root, "--json",
                     env={**env, "AWS_ACCESS_KEY_ID": AwsStandIn.source_key,
                          "AWS_SECRET_ACCESS_KEY": AwsStandIn.source_secret})
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("no SES region: set SES_REGION in", result.stderr)
        self.assertIn("an endpoint URL does not say which region to sign for", result.stderr)
        self.assertEqual(self.ses.requests(), [])

    def test_sts_signs_for_the_region_repos_env_names(self):
        write_env(self.root, SES_FROM_ADDRESS=f'"{FROM}"', EXEC_REPORT_TO="owner@example.com",
                  SES_REGION="eu-west-1")
        self.write_aws("credentials",
                       f"[base]\naws_access_key_id = {AwsStandIn.source_key}\n"
                       f"aws_secret_access_key = {AwsStandIn.source_secret}\n")
        self.write_aws("config", f"[profile reports]\nrole_arn = {ROLE_ARN}\n"
                                 "source_profile = base\n")
        with AwsStandIn(region="eu-west-1") as sts, \
                StandIn(region="eu-west-1", temporary=[AwsStandIn.issued]) as ireland:
            result = run("stats", "--root", self.root, "--json",
                         env={"HOME": self.home, "AWS_PROFILE": "reports",
                              "AWS_ENDPOINT_URL_STS": sts.url,
                              "AWS_ENDPOINT_URL_SES": ireland.url}, check=0)
            self.assertEqual([(r["action"], r["signature_ok"]) for r in sts.requests()],
                             [("AssumeRole", True)])
            self.assertTrue(all(r["signature_ok"] and r["session_token"]
                                for r in ireland.requests()))
        self.assertIn(f"credentials from role {ROLE_ARN} of ~/.aws/config [profile reports]",
                      result.stderr)

    def test_on_ec2_with_no_region_set_the_instance_region_signs(self):
        with AwsStandIn(instance_region="eu-west-1") as instance, \
                StandIn(region="eu-west-1", temporary=[AwsStandIn.issued]) as ireland:
            run("stats", "--root", self.root, "--json",
                env={"HOME": self.home, "AWS_ENDPOINT_URL_SES": ireland.url,
                     "AWS_EC2_METADATA_DISABLED": "false",
                     "AWS_EC2_METADATA_SERVICE_ENDPOINT": instance.url}, check=0)
            paths = [(r["method"], r["path"], r["status"]) for r in instance.requests()]
            self.assertIn(("GET", "/latest/meta-data/placement/region", 200), paths)
            self.assertTrue(ireland.requests())
            self.assertTrue(all(r["signature_ok"] for r in ireland.requests()))

    # -- 7. short-lived credential_process keys ------------------------------------

    def test_short_lived_process_credentials_run_once_for_a_batch_and_warn_once(self):
        counter = os.path.join(self.home, "runs")
        self.write_aws("config",
                       "[default]\ncredential_process = "
                       f"{PYTHON} -B '{CREDENTIAL_PROCESS_SCRIPT}' --key ASIAPROCESSEXAMPLE "
                       f"--secret {ISSUED_SECRET} --token process-session-token "
                       f"--expires-in 120 --counter {counter}\n")
        # The stand-in takes the key with the run number appended: run 1 only.
        with StandIn(forward=self.emulator.url, temporary=[
                ("ASIAPROCESSEXAMPLE1", ISSUED_SECRET, "process-session-token")]) as ses:
            result = run("send", "--root", self.root, "--ledger",
                         os.path.join(self.home, "l.db"), "--now", NOW, "--all", "--yes",
                         "--json", env={**self.env, "AWS_ENDPOINT_URL_SES": ses.url}, check=0)
        self.assertTrue(all(r["state"] == "sent" for r in json.loads(result.stdout)))
        with open(counter) as f:
            self.assertEqual(f.read(), "1")
        self.assertEqual(result.stderr.count("valid for only"), 1, result.stderr)
        self.assertIn("briefing: warning: credential_process of ~/.aws/config [default]",
                      result.stderr)

    # -- 8. what the operator is told ------------------------------------------------

    def test_stats_says_which_credentials_it_used(self):
        self.write_aws("config",
                       "[default]\ncredential_process = "
                       f"{PYTHON} -B '{CREDENTIAL_PROCESS_SCRIPT}' --key ASIAPROCESSEXAMPLE "
                       f"--secret {ISSUED_SECRET} --token process-session-token\n")
        result = self.stats(check=0)
        lines = [line for line in result.stderr.splitlines() if "credentials from" in line]
        self.assertEqual(lines,
                         ["briefing: credentials from credential_process of ~/.aws/config "
                          "[default]"])
        self.assert_no_secret(result)

    def test_a_failed_sender_check_shows_no_empty_verification(self):
        result = run("send", "--root", self.root, "--ledger", os.path.join(self.home, "l.db"),
                     "--now", NOW, "--all", "--yes",
                     env={**self.env, "AWS_ACCESS_KEY_ID": AwsStandIn.source_key,
                          "AWS_SECRET_ACCESS_KEY": "not-the-secret-the-stand-in-knows"})
        self.assertEqual(result.returncode, 4, result.stderr)
        self.assertIn("From:     Reports <reports@example.com>\n", result.stderr)
        self.assertNotIn("[: ]", result.stderr)
        self.assertIn("SES refused the credentials", result.stderr)


if __name__ == "__main__":
    import unittest
    unittest.main()
