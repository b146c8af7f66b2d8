"""Dashboard cards (seed 001): after a batch that sent the CEO report, its
top three shortfalls are POSTed as JSON; a dashboard that fails never fails
the batch."""
import http.server
import json
import os
import threading
import unittest

from support import NOW, PeersTestCase, run


class CardCollector(http.server.BaseHTTPRequestHandler):
    cards = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        CardCollector.cards.append((self.headers["Content-Type"], json.loads(body)))
        self.send_response(201)
        self.end_headers()

    def log_message(self, *args):
        pass


class DashboardTest(PeersTestCase):
    env_values = {"SES_REGION": "us-east-1", "SES_FROM_ADDRESS": "reports@example.com",
                  "EXEC_REPORT_TO": "owner@example.com"}

    def send(self, *args, env=None):
        return run("send", "--root", self.root, "--ledger", self.ledger, "--now", NOW, "--yes",
                   "--json", *args, env={**self.env, **(env or {})})

    def test_three_cards_after_the_ceo_report_went_out(self):
        server = http.server.HTTPServer(("127.0.0.1", 0), CardCollector)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        CardCollector.cards = []
        try:
            url = f"http://127.0.0.1:{server.server_port}/cards"
            result = self.send("--all", env={"DASHBOARD_URL": url})
        finally:
            server.shutdown()
            server.server_close()
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("3 card(s) posted", result.stderr)
        self.assertEqual(len(CardCollector.cards), 3)
        batch = json.loads(run("log", "--json", "--ledger", self.ledger, env=self.env).stdout)[0]["batch"]
        for content_type, card in CardCollector.cards:
            self.assertEqual(content_type, "application/json")
            self.assertEqual(card["persona"], "ceo")
            self.assertIn(card["urgency"], ("critical", "high", "medium"))
            self.assertTrue(card["title"])
            self.assertEqual(card["batch_id"], batch)

    def test_no_cards_when_the_ceo_report_was_not_sent(self):
        result = self.send("--persona", "cfo", env={"DASHBOARD_URL": "http://127.0.0.1:9/cards"})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn("dashboard", result.stderr)

    def collecting(self):
        """A card listener for one test: its URL; stopped at the test's end."""
        server = http.server.HTTPServer(("127.0.0.1", 0), CardCollector)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        CardCollector.cards = []
        return f"http://127.0.0.1:{server.server_port}/cards"

    def test_the_summary_and_the_dry_run_name_the_cards_and_where_they_go_before_yes(self):
        url = self.collecting()
        dry = run("send", "--root", self.root, "--ledger", self.ledger, "--now", NOW, "--persona",
                  "ceo", "--dry-run", env={**self.env, "DASHBOARD_URL": url}, check=0)
        self.assertIn(f"Dashboard: 3 card(s) to {url} after the send, if ceo/portfolio goes out",
                      dry.stdout)
        self.assertEqual(CardCollector.cards, [])
        result = self.send("--persona", "ceo", env={"DASHBOARD_URL": url})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(f"Dashboard: 3 card(s) to {url} after the send", result.stderr)
        titles = [card["title"] for _, card in CardCollector.cards]
        self.assertEqual(len(titles), 3)
        for title in titles:  # what was shown is what went
            self.assertIn(f"  - {title}\n", dry.stdout)
            self.assertIn(f"  - {title}\n", result.stderr)

    def test_a_second_send_or_resend_of_the_ceo_report_the_same_day_posts_no_cards(self):
        url = self.collecting()
        first = self.send("--persona", "ceo", env={"DASHBOARD_URL": url})
        self.assertEqual(len(CardCollector.cards), 3, first.stderr)
        delivery = json.loads(first.stdout)[0]["delivery_id"]
        again = self.send("--persona", "ceo", env={"DASHBOARD_URL": url})
        self.assertEqual(json.loads(again.stdout)[0]["state"], "sent", again.stderr)
        self.assertIn(f"Dashboard: no cards to {url} (ceo/portfolio already sent today at", again.stderr)
        self.assertIn(f"(delivery {delivery}): its cards went then", again.stderr)
        resend = run("resend", str(delivery), "--root", self.root, "--ledger", self.ledger, "--yes",
                     env={**self.env, "DASHBOARD_URL": url}, check=0)
        self.assertIn("dashboard: no cards posted", resend.stderr)
        self.assertEqual(len(CardCollector.cards), 3)

    def test_plain_http_to_a_host_that_only_starts_like_loopback_is_refused(self):
        for url in ("http://127.0.0.1.example.com/cards", "http://localhost:@dashboard.example.com/",
                    "http://127.1.2.3@dashboard.example.com/cards"):
            # One ledger per try: the cards go with the day's first CEO report.
            self.ledger = os.path.join(self.dir, "state", url.replace("/", "_") + ".sqlite3")
            result = self.send("--persona", "ceo", env={"DASHBOARD_URL": url})
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertIn("dashboard: 0 of 3 card(s) posted", result.stderr)
            self.assertIn("plain http", result.stderr, url)

    def test_a_password_in_a_url_is_never_printed_or_stored(self):
        password = "hunter2-dashboard"
        endpoint = self.env["AWS_ENDPOINT_URL_SES"].replace("http://", "http://ops:ses-pass-77@")
        bad = self.send("--persona", "ceo",
                        env={"DASHBOARD_URL": f"http://ops:{password}@dashboard.example.com/cards",
                             "AWS_ENDPOINT_URL_SES": "http://ops:ses-pass-77@ses.example.com"})
        self.assertEqual(bad.returncode, 3, bad.stderr)
        result = self.send("--persona", "ceo",
                           env={"DASHBOARD_URL": f"http://ops:{password}@dashboard.example.com/cards",
                                "AWS_ENDPOINT_URL_SES": endpoint})
        self.assertEqual(json.loads(result.stdout)[0]["state"], "sent", result.stderr)
        log = run("log", "--ledger", self.ledger, env=self.env).stdout
        log_json = run("log", "--json", "--ledger", self.ledger, env=self.env).stdout
        for text in (bad.stdout, bad.stderr, result.stdout, result.stderr, log, log_json):
            self.assertNotIn(password, text)
            self.assertNotIn("ses-pass-77", text)
        self.assertIn("ops:***@", bad.stderr + result.stderr)

    def test_a_dashboard_that_is_down_does_not_fail_the_batch(self):
        result = self.send("--persona", "ceo", env={"DASHBOARD_URL": "http://127.0.0.1:9/cards"})
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("dashboard: 0 of 3 card(s) posted", result.stderr)
        self.assertEqual(json.loads(result.stdout)[0]["state"], "sent")


if __name__ == "__main__":
    unittest.main(verbosity=2)
