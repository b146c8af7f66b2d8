"""briefing gets temporary AWS credentials from each source the AWS CLI
knows (credential_process, AssumeRole, web identity, SSO, container,
IMDSv2) from loopback stand-ins (tests/peers/aws_standin.py,
credential_process.py), and signs SES calls with them, session token
included: the SigV4-checking SES stand-in accepts only those temporary keys
with their token. HOME is a temporary folder with no key in any file."""
import hashlib
import json
import os
import pty
import select
import unittest
from datetime import datetime, timedelta, timezone

from support import BRIEFING, NOW, TempDir, copy_sample, environment, run, write_env

from peers import CREDENTIAL_PROCESS_SCRIPT, PYTHON, AwsStandIn, Emulator, StandIn, start_together

FROM = "Reports <reports@example.com>"
ISSUED_KEY, ISSUED_SECRET, ISSUED_TOKEN = AwsStandIn.issued
ROLE_ARN = "arn:aws:iam::111122223333:role/exec-reports"


def read_until(terminal, wanted, timeout=30):
    """What the terminal shows until `wanted` appears (None: until it closes)."""
    seen = b""
    while wanted is None or wanted not in seen:
        ready, _, _ = select.select([terminal], [], [], timeout)
        if not ready:
            raise AssertionError(f"the terminal showed only {seen!r}")
        try:
            chunk = os.read(terminal, 4096)
        except OSError:  # the child closed it
            chunk = b""
        if not chunk:
            break
        seen += chunk
    return seen


class AwsSourcesCase(unittest.TestCase):
    """The peers (emulator, SES stand-in accepting the issued keys, the AWS
    stand-in) once per class; per test a HOME with an empty ~/.aws and a
    copy of the sample. No test of its own: test_cli_aws_config_chain.py
    builds on it too."""

    @classmethod
    def setUpClass(cls):
        cls.emulator = Emulator()
        cls.ses = StandIn(forward=cls.emulator,
                          temporary=[AwsStandIn.issued,
                                     ("ASIAPROCESSEXAMPLE", ISSUED_SECRET, "process-session-token")])
        cls.aws = AwsStandIn()
        start_together(cls.emulator, cls.ses, cls.aws)

    @classmethod
    def tearDownClass(cls):
        cls.aws.__exit__(None, None, None)
        cls.ses.__exit__(None, None, None)
        cls.emulator.__exit__(None, None, None)

    def setUp(self):
        self.emulator.clear()
        self.ses.reset()
        self.aws.reset()
        self.tmp = TempDir()
        self.home = self.tmp.__enter__()
        self.root = copy_sample(self.home)
        write_env(self.root, SES_FROM_ADDRESS=f'"{FROM}"', EXEC_REPORT_TO="owner@example.com")
        os.makedirs(os.path.join(self.home, ".aws"))
        self.env = {"HOME": self.home, "AWS_ENDPOINT_URL_SES": self.ses.url,
                    "AWS_REGION": "us-east-1"}

    def tearDown(self):
        self.tmp.__exit__(None, None, None)

    def write_aws(self, name, text):
        path = os.path.join(self.home, ".aws", name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def stats(self, env=None, check=None):
        return run("stats", "--root", self.root, "--json", env={**self.env, **(env or {})},
                   check=check)

    def assert_signed_with_the_issued_keys(self, result):
        requests = self.ses.requests()
        self.assertTrue(requests)
        self.assertTrue(all(r["signature_ok"] and r["session_token"] for r in requests),
                        requests)
        for secret in (ISSUED_SECRET, ISSUED_TOKEN, AwsStandIn.source_secret):
            self.assertNotIn(secret, result.stdout + result.stderr)

    def aws_requests(self, service):
        return [r for r in self.aws.requests() if r["service"] == service]


class AwsSourcesTest(AwsSourcesCase):
    # -- a new user with only a credential_process ------------------------

    def test_a_credential_process_alone_sends_the_sample_plan(self):
        self.write_aws("config",
                       "[default]\nregion = us-east-1\ncredential_process = "
                       f"{PYTHON} -B '{CREDENTIAL_PROCESS_SCRIPT}' --key ASIAPROCESSEXAMPLE "
                       f"--secret {ISSUED_SECRET} --token process-session-token "
                       "--expires-in 3600\n")
        env = dict(self.env)
        del env["AWS_REGION"]  # the profile's region is enough
        result = run("send", "--root", self.root, "--ledger", os.path.join(self.home, "l.db"),
                     "--now", NOW, "--all", "--yes", "--json", env=env, check=0)
        reports = json.loads(result.stdout)
        self.assertEqual(len(reports), 8)
        self.assertTrue(all(r["state"] == "sent" for r in reports))
        self.assertEqual(len(self.emulator.store()["emails"]), 8)
        self.assertIn("credentials from credential_process", result.stderr)
        self.assert_signed_with_the_issued_keys(result)

    def test_the_profile_region_signs_unless_the_environment_names_another(self):
        self.write_aws("config",
                       "[default]\nregion = eu-west-1\ncredential_process = "
                       f"{PYTHON} -B '{CREDENTIAL_PROCESS_SCRIPT}' --key ASIAPROCESSEXAMPLE "
                       f"--secret {ISSUED_SECRET} --token process-session-token\n")
        temporary = [("ASIAPROCESSEXAMPLE", ISSUED_SECRET, "process-session-token")]
        del self.env["AWS_REGION"]
        with StandIn(region="eu-west-1", temporary=temporary) as ireland:
            env = {"HOME": self.home, "AWS_ENDPOINT_URL_SES": ireland.url}
            self.stats(env=env, check=0)
            self.assertTrue(all(r["signature_ok"] for r in ireland.requests()))
            ireland.reset()
            result = self.stats(env={**env, "AWS_DEFAULT_REGION": "us-east-1"})
            self.assertEqual(result.returncode, 4, result.stderr)
            self.assertIn("SignatureDoesNotMatch", result.stderr)

    def test_the_profile_services_section_names_the_ses_endpoint(self):
        self.write_aws("config",
                       "[default]\nservices = local\ncredential_process = "
                       f"{PYTHON} -B '{CREDENTIAL_PROCESS_SCRIPT}' --key ASIAPROCESSEXAMPLE "
                       f"--secret {ISSUED_SECRET} --token process-session-token\n"
                       f"[services local]\nses =\n  endpoint_url = {self.ses.url}\n")
        del self.env["AWS_ENDPOINT_URL_SES"]
        self.stats(check=0)
        self.assertTrue(self.ses.requests())
        self.write_aws("config", "[default]\nendpoint_url = http://ses.example.com\n")
        result = self.stats()
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("config [default] endpoint_url", result.stderr)
        self.assertIn("plain http", result.stderr)

    # -- STS -----------------------------------------------------------------

    def test_an_assume_role_profile_signs_with_the_role_keys(self):
        self.write_aws("credentials",
                       f"[base]\naws_access_key_id = {AwsStandIn.source_key}\n"
                       f"aws_secret_access_key = {AwsStandIn.source_secret}\n")
        self.write_aws("config",
                       f"[profile reports]\nrole_arn = {ROLE_ARN}\nsource_profile = base\n"
                       "external_id = example-external\nrole_session_name = weekly\n"
                       "duration_seconds = 1800\n")
        result = self.stats(env={"AWS_PROFILE": "reports", "AWS_ENDPOINT_URL_STS": self.aws.url},
                            check=0)
        self.assert_signed_with_the_issued_keys(result)
        calls = self.aws_requests("sts")
        self.assertEqual(len(calls), 1)
        self.assertTrue(calls[0]["signature_ok"])
        parameters = calls[0]["parameters"]
        self.assertEqual((parameters["RoleArn"], parameters["ExternalId"],
                          parameters["RoleSessionName"], parameters["DurationSeconds"]),
                         (ROLE_ARN, "example-external", "weekly", "1800"))

    def test_a_role_whose_source_is_the_environment_is_assumed_with_those_keys(self):
        self.write_aws("config",
                       f"[profile reports]\nrole_arn = {ROLE_ARN}\ncredential_source = Environment\n")
        result = self.stats(env={"AWS_PROFILE": "reports", "AWS_ENDPOINT_URL_STS": self.aws.url,
                                 "AWS_ACCESS_KEY_ID": AwsStandIn.source_key,
                                 "AWS_SECRET_ACCESS_KEY": AwsStandIn.source_secret}, check=0)
        self.assert_signed_with_the_issued_keys(result)
        calls = self.aws_requests("sts")
        self.assertEqual([(c["action"], c["signature_ok"]) for c in calls], [("AssumeRole", True)])

    def test_sts_refusing_the_role_names_the_source_and_its_answer(self):
        with AwsStandIn(deny=True) as denying:
            self.write_aws("credentials",
                           f"[base]\naws_access_key_id = {AwsStandIn.source_key}\n"
                           f"aws_secret_access_key = {AwsStandIn.source_secret}\n")
            self.write_aws("config", f"[default]\nrole_arn = {ROLE_ARN}\nsource_profile = base\n")
            result = self.stats(env={"AWS_ENDPOINT_URL_STS": denying.url})
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn(f"role {ROLE_ARN}", result.stderr)
        self.assertIn("AccessDenied", result.stderr)
        self.assertNotIn(AwsStandIn.source_secret, result.stderr)

    def test_sts_over_plain_http_to_another_host_is_refused(self):
        self.write_aws("config", f"[default]\nrole_arn = {ROLE_ARN}\nsource_profile = default\n"
                                 f"aws_access_key_id = {AwsStandIn.source_key}\n"
                                 f"aws_secret_access_key = {AwsStandIn.source_secret}\n")
        result = self.stats(env={"AWS_ENDPOINT_URL_STS": "http://sts.example.com"})
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("AWS_ENDPOINT_URL_STS", result.stderr)
        self.assertIn("plain http", result.stderr)
        self.assertEqual(self.aws_requests("sts"), [])

    # -- MFA -----------------------------------------------------------------

    def write_mfa_role(self):
        """[default] assumes the role with an MFA device, from [base]'s keys."""
        self.write_aws("credentials",
                       f"[base]\naws_access_key_id = {AwsStandIn.source_key}\n"
                       f"aws_secret_access_key = {AwsStandIn.source_secret}\n")
        self.write_aws("config",
                       f"[default]\nrole_arn = {ROLE_ARN}\nsource_profile = base\n"
                       "mfa_serial = arn:aws:iam::111122223333:mfa/operator\n")

    def test_mfa_serial_asks_for_the_code_on_the_terminal(self):
        self.write_mfa_role()
        env = environment({**self.env, "AWS_ENDPOINT_URL_STS": self.aws.url})
        pid, terminal = pty.fork()
        if pid == 0:
            os.execve(BRIEFING, [BRIEFING, "stats", "--root", self.root, "--json"], env)
        screen = read_until(terminal, b"MFA code for arn:aws:iam::111122223333:mfa/operator: ")
        os.write(terminal, b"123456\n")
        screen += read_until(terminal, None)
        _, status = os.waitpid(pid, 0)
        self.assertEqual(os.waitstatus_to_exitcode(status), 0, screen.decode(errors="replace"))
        self.assertNotIn(b"123456", screen)  # not echoed
        calls = self.aws_requests("sts")
        self.assertEqual(calls[0]["parameters"]["SerialNumber"],
                         "arn:aws:iam::111122223333:mfa/operator")
        self.assertEqual(calls[0]["token_code"], "123456")

    def test_mfa_serial_without_a_terminal_is_an_error(self):
        self.write_mfa_role()
        result = run("stats", "--root", self.root, "--json",
                     env={**self.env, "AWS_ENDPOINT_URL_STS": self.aws.url})
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("no terminal to ask the code on", result.stderr)
        self.assertEqual(self.aws_requests("sts"), [])

    def test_a_web_identity_token_file_gets_the_role(self):
        token_file = self.write_aws("token", AwsStandIn.web_identity_token + "\n")
        result = self.stats(env={"AWS_WEB_IDENTITY_TOKEN_FILE": token_file,
                                 "AWS_ROLE_ARN": ROLE_ARN, "AWS_ENDPOINT_URL_STS": self.aws.url},
                            check=0)
        self.assert_signed_with_the_issued_keys(result)
        calls = self.aws_requests("sts")
        self.assertEqual([c["action"] for c in calls], ["AssumeRoleWithWebIdentity"])
        self.assertTrue(calls[0]["web_identity_ok"])

    # -- SSO -------------------------------------------------------------------

    def write_sso(self, expires_at):
        self.write_aws("config",
                       "[profile reports]\nsso_session = company\nsso_account_id = 111122223333\n"
                       "sso_role_name = ReportSender\n"
                       "[sso-session company]\nsso_start_url = https://example.awsapps.com/start\n"
                       "sso_region = eu-west-1\n")
        cache = os.path.join(self.home, ".aws", "sso", "cache")
        os.makedirs(cache, exist_ok=True)
        name = hashlib.sha1(b"company").hexdigest() + ".json"
        with open(os.path.join(cache, name), "w") as f:
            json.dump({"startUrl": "https://example.awsapps.com/start", "region": "eu-west-1",
                       "accessToken": AwsStandIn.sso_token,
                       "expiresAt": expires_at.strftime("%Y-%m-%dT%H:%M:%SZ")}, f)

    def test_the_sso_token_cache_gets_role_credentials(self):
        self.write_sso(datetime.now(timezone.utc) + timedelta(hours=8))
        result = self.stats(env={"AWS_PROFILE": "reports", "AWS_ENDPOINT_URL_SSO": self.aws.url},
                            check=0)
        self.assert_signed_with_the_issued_keys(result)
        calls = self.aws_requests("sso")
        self.assertEqual([(c["account_id"], c["role_name"], c["status"]) for c in calls],
                         [("111122223333", "ReportSender", 200)])

    def test_an_expired_sso_token_says_to_log_in_again(self):
        self.write_sso(datetime.now(timezone.utc) - timedelta(minutes=1))
        result = self.stats(env={"AWS_PROFILE": "reports", "AWS_ENDPOINT_URL_SSO": self.aws.url})
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("SSO", result.stderr)
        self.assertIn("aws sso login", result.stderr)
        self.assertEqual(self.aws_requests("sso"), [])

    # -- the machine -----------------------------------------------------------

    def test_container_credentials_with_the_authorization_token_file(self):
        token_file = self.write_aws("container-token", AwsStandIn.container_token)
        result = self.stats(env={"AWS_CONTAINER_CREDENTIALS_FULL_URI":
                                 self.aws.url + "/container/credentials",
                                 "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": token_file}, check=0)
        self.assert_signed_with_the_issued_keys(result)
        self.assertEqual([c["authorization_ok"] for c in self.aws_requests("container")], [True])

    def test_a_refused_container_token_names_the_source(self):
        result = self.stats(env={"AWS_CONTAINER_CREDENTIALS_FULL_URI":
                                 self.aws.url + "/container/credentials",
                                 "AWS_CONTAINER_AUTHORIZATION_TOKEN": "not-the-token"})
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("container credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI)", result.stderr)
        self.assertIn("HTTP 403", result.stderr)
        self.assertNotIn("not-the-token", result.stderr)

    def test_container_credentials_over_plain_http_to_another_host_are_refused(self):
        result = self.stats(env={"AWS_CONTAINER_CREDENTIALS_FULL_URI":
                                 "http://credentials.example.com/container"})
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("plain http", result.stderr)

    def test_instance_metadata_puts_for_a_token_first(self):
        result = self.stats(env={"AWS_EC2_METADATA_DISABLED": "false",
                                 "AWS_EC2_METADATA_SERVICE_ENDPOINT": self.aws.url}, check=0)
        self.assert_signed_with_the_issued_keys(result)
        calls = [(c["method"], c["path"], c["status"]) for c in self.aws_requests("imds")]
        self.assertEqual(calls, [
            ("PUT", "/latest/api/token", 200),
            ("GET", "/latest/meta-data/iam/security-credentials/", 200),
            ("GET", f"/latest/meta-data/iam/security-credentials/{AwsStandIn.role_name}", 200)])

    def test_an_instance_metadata_endpoint_that_is_chosen_but_silent_is_an_error(self):
        with AwsStandIn() as gone:
            silent = gone.url
        result = self.stats(env={"AWS_EC2_METADATA_DISABLED": "false",
                                 "AWS_EC2_METADATA_SERVICE_ENDPOINT": silent})
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn(f"instance metadata at {silent}", result.stderr)
        self.assertIn("PUT /latest/api/token", result.stderr)

    def test_instance_metadata_is_not_asked_when_disabled(self):
        result = self.stats(env={"AWS_EC2_METADATA_DISABLED": "true",
                                 "AWS_EC2_METADATA_SERVICE_ENDPOINT": self.aws.url})
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertIn("no AWS credentials found", result.stderr)
        self.assertEqual(self.aws_requests("imds"), [])


if __name__ == "__main__":
    unittest.main()
