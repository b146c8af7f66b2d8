"""What the command line tells an operator about recipients (issue 13):
an address error names the field, the address as typed and why, and where
it came from; `send --dry-run` says where every recipient came from."""
import json
import os
import unittest

from support import NOW, PeersTestCase, TempDir, copy_sample, run, write_env

ENV = {"SES_REGION": "us-east-1", "SES_FROM_ADDRESS": "reports@example.com",
       "EXEC_REPORT_TO": "owner@example.com", "SES_BCC_ADDRESS": "audit@example.com",
       "EXEC_REPORT_TO_CFO": "cfo@example.com"}


class PortfolioCase(unittest.TestCase):
    """A private copy of the sample portfolio whose repos.env holds ENV."""

    def setUp(self):
        self.tmp = TempDir()
        self.dir = self.tmp.__enter__()
        self.root = copy_sample(self.dir)
        self.env_path = write_env(self.root, **ENV)
        self.ledger = os.path.join(self.dir, "ledger.sqlite3")

    def tearDown(self):
        self.tmp.__exit__(None, None, None)

    def dry_run(self, *args, check=None):
        # No SES peer here: what is checked is what briefing builds.
        return run("send", "--root", self.root, "--ledger", self.ledger, "--now", NOW,
                   "--dry-run", "--offline", *args, check=check)

    def line_of(self, path, key):
        with open(path) as f:
            return next(n for n, line in enumerate(f, 1) if line.startswith(key + "="))


class RepeatedOptionTest(PortfolioCase):
    """A value option given twice is refused: the last one silently winning
    would send one report, or one recipient, where the operator typed two."""

    def test_two_personas_are_refused_and_nothing_is_sent(self):
        result = self.dry_run("--persona", "cmo", "--persona", "cfo")
        self.assertEqual(result.returncode, 2)
        self.assertIn('send: --persona given twice ("cmo", then "cfo"): give it once',
                      result.stderr)
        self.assertNotIn("cfo/portfolio", result.stdout)

    def test_two_to_options_are_refused_rather_than_dropping_the_first(self):
        result = self.dry_run("--persona", "ceo", "--to", "a@example.com", "--to", "b@example.com")
        self.assertEqual(result.returncode, 2)
        self.assertIn('--to given twice ("a@example.com", then "b@example.com")', result.stderr)

    def test_the_same_value_twice_and_a_flag_twice_are_accepted(self):
        result = self.dry_run("--persona", "ceo", "--persona", "ceo", "--dry-run", check=None)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("ceo/portfolio", result.stdout)


class AddressErrorTest(PortfolioCase):
    def test_a_flag_address_error_names_the_field_the_address_as_typed_and_the_flag(self):
        result = self.dry_run("--persona", "ceo", "--to", "Bob <bob@@example.com>")
        self.assertEqual(result.returncode, 2)
        self.assertIn('ceo/portfolio: To: "Bob <bob@@example.com>" has two @ (from --to)',
                      result.stderr)
        self.assertNotIn("to[0]", result.stderr)

    def test_cc_and_bcc_flags_name_their_own_field(self):
        cc = self.dry_run("--persona", "ceo", "--cc", "ops.example.com")
        self.assertIn('Cc: "ops.example.com" has no @ (from --cc)', cc.stderr)
        bcc = self.dry_run("--persona", "ceo", "--bcc", "a@example.com, jane doe@example.com")
        self.assertIn('Bcc: "jane doe@example.com" contains a space (from --bcc)', bcc.stderr)

    def test_a_repos_env_address_error_names_the_key_and_its_line(self):
        write_env(self.root, **{**ENV, "EXEC_REPORT_TO_CFO": "cfo@@example.com"})
        result = self.dry_run("--persona", "cfo")
        self.assertEqual(result.returncode, 2)
        line = self.line_of(self.env_path, "EXEC_REPORT_TO_CFO")
        self.assertIn(f'cfo/portfolio: To: "cfo@@example.com" has two @ '
                      f'(from repos.env:{line} EXEC_REPORT_TO_CFO)', result.stderr)

    def test_a_recipients_env_address_error_names_that_file(self):
        with open(os.path.join(self.root, "recipients.env"), "w") as f:
            f.write("# saved by the console\nEXEC_REPORT_CC_CEO=board@example..com\n")
        result = self.dry_run("--persona", "ceo")
        self.assertEqual(result.returncode, 2)
        self.assertIn('ceo/portfolio: Cc: "board@example..com" has an empty label in its domain '
                      '(from recipients.env:2 EXEC_REPORT_CC_CEO)', result.stderr)

    def test_a_bad_sender_names_from_and_its_key(self):
        write_env(self.root, **{**ENV, "SES_FROM_ADDRESS": '"Reports <reports@localhost>"'})
        result = self.dry_run("--persona", "ceo")
        line = self.line_of(self.env_path, "SES_FROM_ADDRESS")
        self.assertIn(f'From: "Reports <reports@localhost>" has no dot in its domain '
                      f'(from repos.env:{line} SES_FROM_ADDRESS)', result.stderr)

    def test_a_line_break_in_an_address_is_shown_escaped_not_obeyed(self):
        result = self.dry_run("--persona", "ceo", "--to", "a@example.com\r\nBcc: x@example.com")
        self.assertIn('To: "a@example.com\\r\\nBcc: x@example.com" contains a line break',
                      result.stderr)


class UnreadableRecipientsLineTest(PortfolioCase):
    """A recipients line with an unclosed quote stops its report instead of
    letting it fall back to the shared To it was meant to replace."""

    def setUp(self):
        super().setUp()
        with open(os.path.join(self.root, "recipients.env"), "w") as f:
            f.write('EXEC_REPORT_TO_CEO="newceo@example.com\n')

    def test_the_report_is_refused_and_names_the_line(self):
        result = self.dry_run("--persona", "ceo")
        self.assertEqual(result.returncode, 2, result.stdout)
        self.assertIn("ceo/portfolio: To: recipients.env:1 EXEC_REPORT_TO_CEO could not be read "
                      "(the quoted value is not closed on this line)", result.stderr)
        self.assertNotIn("owner@example.com", result.stdout)  # the shared To it would replace

    def test_other_reports_go_and_a_to_given_by_the_operator_is_theirs(self):
        self.assertEqual(self.dry_run("--persona", "cfo").returncode, 0)
        given = self.dry_run("--persona", "ceo", "--to", "ceo@example.com")
        self.assertEqual(given.returncode, 0, given.stderr)
        self.assertIn("ceo@example.com", given.stdout)


class DryRunSourcesTest(PortfolioCase):
    def test_every_recipient_says_where_it_came_from(self):
        with open(os.path.join(self.root, "recipients.env"), "w") as f:
            f.write("EXEC_REPORT_TO_CEO=board@example.com\n")
        result = self.dry_run("--persona", "ceo", "--cc", "ops@example.com", check=0)
        bcc_line = self.line_of(self.env_path, "SES_BCC_ADDRESS")
        from_line = self.line_of(self.env_path, "SES_FROM_ADDRESS")
        self.assertIn("To:   board@example.com  (recipients.env:1 EXEC_REPORT_TO_CEO)",
                      result.stdout)
        self.assertIn("Cc:   ops@example.com  (--cc)", result.stdout)
        self.assertIn(f"Bcc:  audit@example.com  (repos.env:{bcc_line} SES_BCC_ADDRESS)",
                      result.stdout)
        self.assertIn(f"From:     reports@example.com  (repos.env:{from_line} SES_FROM_ADDRESS)",
                      result.stdout)

    def test_the_json_dry_run_gives_the_sources_too(self):
        result = self.dry_run("--persona", "ceo", "--bcc", "ops@example.com", "--json", check=0)
        report = json.loads(result.stdout)[0]
        line = self.line_of(self.env_path, "EXEC_REPORT_TO")
        self.assertEqual(report["sources"], {
            "to": f"repos.env:{line} EXEC_REPORT_TO",
            "cc": "none set: no EXEC_REPORT_CC_CEO or EXEC_REPORT_CC", "bcc": "--bcc"})

    def test_an_unset_field_names_the_keys_that_would_set_it(self):
        result = self.dry_run("--persona", "cfo", check=0)
        self.assertIn("Cc:   -  (none set: no EXEC_REPORT_CC_CFO or EXEC_REPORT_CC)", result.stdout)

    def test_an_empty_key_says_it_means_nobody(self):
        write_env(self.root, **{**ENV, "EXEC_REPORT_BCC_CFO": ""})
        result = self.dry_run("--persona", "cfo", check=0)
        line = self.line_of(self.env_path, "EXEC_REPORT_BCC_CFO")
        self.assertIn(f"Bcc:  -  (repos.env:{line} EXEC_REPORT_BCC_CFO, set empty: nobody)",
                      result.stdout)

    def test_an_env_file_given_with_env_is_named_by_its_path(self):
        other = os.path.join(self.dir, "other.env")
        with open(other, "w") as f:
            f.write("SES_FROM_ADDRESS=reports@example.com\nEXEC_REPORT_TO=other@example.com\n")
        os.chmod(other, 0o600)
        result = self.dry_run("--persona", "cmo", "--env", other, check=0)
        self.assertIn(f"To:   other@example.com  ({other}:2 EXEC_REPORT_TO)", result.stdout)


BAD_MONEY = '"Permit renewal": "$1,2,00/year" is not a money amount'
QUICKDUMP = "agent_handoffs/projects/quickdumpnow.md"


class DataDiagnosticsTest(PortfolioCase):
    """The sample's quickdumpnow.md:19 holds "$1,2,00/year": every command
    that reads the data says so on stderr, and stdout stays the output."""

    def test_list_says_the_data_diagnostics_on_stderr(self):
        result = run("list", "--root", self.root, check=0)
        self.assertIn(f"{QUICKDUMP}:19: {BAD_MONEY}", result.stderr)
        self.assertNotIn(BAD_MONEY, result.stdout)

    def test_render_says_them_on_stderr_in_every_format_and_keeps_stdout_the_report(self):
        for fmt in ("md", "text", "html"):
            result = run("render", "--root", self.root, "--persona", "cmo", "--format", fmt,
                         "--now", NOW, check=0)
            self.assertIn(f"{QUICKDUMP}:19: {BAD_MONEY}", result.stderr, fmt)
            self.assertIn("1 data diagnostic(s)", result.stderr)
            self.assertNotIn("data diagnostic(s)", result.stdout)

    def test_the_send_summary_lists_them(self):
        result = self.dry_run("--persona", "ceo", check=0)
        self.assertIn("1 data diagnostic(s)", result.stdout)
        self.assertIn(f"{QUICKDUMP}:19: {BAD_MONEY}", result.stdout)

    def test_the_send_summary_lists_five_then_says_how_many_more_and_where(self):
        with open(os.path.join(self.root, QUICKDUMP), "a") as f:
            f.write("\n## Expenses\n\n" + "".join(f"- Fee {i}: $1,2,0{i}/year (fixed)\n"
                                                   for i in range(6)))
        result = self.dry_run("--persona", "ceo", check=0)
        self.assertIn("8 data diagnostic(s)", result.stdout)  # 6 fees, the sample's, "appears twice"
        self.assertEqual(result.stdout.count(f"{QUICKDUMP}:"), 5)
        self.assertIn(f"... and 3 more: `briefing list --root {self.root}` shows them all",
                      result.stdout)

    def test_a_clean_portfolio_says_nothing(self):
        with open(os.path.join(self.root, QUICKDUMP)) as f:
            text = f.read()
        with open(os.path.join(self.root, QUICKDUMP), "w") as f:
            f.write(text.replace("$1,2,00/year", "$1,200/year"))
        result = run("list", "--root", self.root, check=0)
        self.assertEqual(result.stderr, "")


class WhichReportTest(PortfolioCase):
    """What --persona, --entity and --format need, as the help says it."""

    def test_render_help_says_persona_or_all_is_required_and_what_eml_needs(self):
        help_text = " ".join(run("render", "--help", check=0).stdout.split())
        self.assertIn("--persona P the report's persona: ceo cto cfo cmo cao audit (this or "
                      "--all is required)", help_text)
        self.assertIn("eml needs SES_FROM_ADDRESS and the persona's To in repos.env", help_text)
        result = run("render", "--root", self.root, "--format", "eml", "--now", NOW)
        self.assertEqual(result.returncode, 2)
        self.assertIn("--persona P", result.stderr)
        self.assertIn("or --all", result.stderr)

    def test_render_eml_without_a_sender_says_which_key_to_set(self):
        write_env(self.root, **{k: v for k, v in ENV.items() if k != "SES_FROM_ADDRESS"})
        result = run("render", "--root", self.root, "--format", "eml", "--persona", "ceo",
                     "--now", NOW)
        self.assertEqual(result.returncode, 2)
        self.assertIn("SES_FROM_ADDRESS", result.stderr)
        self.assertNotIn("does not exist", result.stderr)
        os.remove(self.env_path)  # no repos.env at all: the message says why it has no sender
        result = run("render", "--root", self.root, "--format", "eml", "--persona", "ceo",
                     "--now", NOW, check=2)
        self.assertIn(f"no sender: set SES_FROM_ADDRESS in {self.root}/repos.env, which does "
                      "not exist: create it", result.stderr)

    def test_diff_help_says_the_entity_defaults_to_the_portfolio_and_audit_needs_one(self):
        help_text = " ".join(run("diff", "--help", check=0).stdout.split())
        self.assertIn("--entity E an entity id, or portfolio (the default; audit needs an entity "
                      "id)", help_text)

    def test_diff_of_a_portfolio_persona_needs_no_entity(self):
        result = run("diff", "--root", self.root, "--ledger", self.ledger, "--persona", "cfo",
                     "--now", NOW)
        self.assertEqual(result.returncode, 2)  # nothing sent yet: no version to compare with
        self.assertIn("cfo/portfolio has no sent version", result.stderr)
        self.assertNotIn("--entity", result.stderr)

    def test_an_audit_without_an_entity_is_refused_saying_so(self):
        for command in ("diff", "render", "send"):
            result = run(command, "--root", self.root, "--persona", "audit", "--now", NOW,
                         *(["--ledger", self.ledger] if command != "render" else []))
            self.assertEqual(result.returncode, 2, command)
            self.assertIn("--persona audit needs --entity E", result.stderr)

    def test_an_unknown_entity_says_which_was_meant_or_lists_the_ids(self):
        named = run("render", "--root", self.root, "--persona", "cfo", "--entity", "JADA",
                    "--now", NOW, check=2)  # the name the console shows; the id is jada
        self.assertIn('cfo: no entity "JADA" in agent_handoffs/projects/: did you mean jada?',
                      named.stderr)
        titled = run("render", "--root", self.root, "--persona", "cfo", "--entity",
                     "Queen of San Diego", "--now", NOW, check=2)
        self.assertIn("did you mean queen-of-san-diego?", titled.stderr)
        unknown = run("render", "--root", self.root, "--persona", "cfo", "--entity", "nope",
                      "--now", NOW, check=2)
        self.assertIn('no entity "nope" in agent_handoffs/projects/: the ids are '
                      "dangerouscentaur, jada, ", unknown.stderr)
        self.assertIn("expert-yacht-delivery", unknown.stderr)

    def test_log_filters_say_they_filter(self):
        help_text = " ".join(run("log", "--help", check=0).stdout.split())
        self.assertIn("--persona P only deliveries of persona P", help_text)
        self.assertIn("--entity E only deliveries of entity E", help_text)
        self.assertNotIn("(the default", help_text)


class OptionsBeforeTheCommandTest(PortfolioCase):
    """`briefing --root DIR list`, as `git -C DIR log`: options before the
    command word are the command's."""

    def test_root_before_the_command_is_the_commands(self):
        before = run("--root", self.root, "list", "--json", check=0)
        after = run("list", "--root", self.root, "--json", check=0)
        self.assertEqual(before.stdout, after.stdout)
        self.assertEqual(json.loads(before.stdout)["root"], self.root)

    def test_options_on_both_sides_and_operands_after_them(self):
        result = run("--root", self.root, "render", "--persona", "cfo", "--now", NOW,
                     "--format", "text", check=0)
        self.assertIn("CFO", result.stdout)
        os.close(os.open(self.ledger, os.O_CREAT | os.O_WRONLY, 0o600))  # log never creates one
        log = run("--ledger", self.ledger, "log", "42", "--json")
        self.assertEqual(log.returncode, 2, log.stderr)
        self.assertIn("42", log.stderr)

    def test_an_option_the_command_does_not_take_is_refused_by_the_command(self):
        result = run("--theme", "mono", "list", "--root", self.root)
        self.assertEqual(result.returncode, 2)
        self.assertIn("list: --theme is not an option of this command", result.stderr)

    def test_an_unknown_command_after_options_is_still_refused(self):
        result = run("--root", self.root, "lsit")
        self.assertEqual(result.returncode, 2)
        self.assertIn('unknown command "lsit"', result.stderr)


class ResendAddressTest(PeersTestCase):
    env_values = ENV

    def test_resend_to_a_bad_address_names_the_field_and_the_address(self):
        env = {**self.env}
        sent = run("send", "--root", self.root, "--ledger", self.ledger, "--now", NOW,
                   "--persona", "ceo", "--yes", "--json", env=env, check=0)
        delivery = json.loads(sent.stdout)[0]["delivery_id"]
        result = run("resend", str(delivery), "--root", self.root, "--ledger", self.ledger,
                     "--to", "bob@@example.com", "--yes", env=env)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn('To: "bob@@example.com" has two @', result.stderr)
        self.assertEqual(len(self.standin.sends()), 1)

    def test_diff_of_a_sent_portfolio_report_needs_no_entity(self):
        run("send", "--root", self.root, "--ledger", self.ledger, "--now", NOW, "--persona", "cfo",
            "--yes", env=self.env, check=0)
        result = run("diff", "--root", self.root, "--ledger", self.ledger, "--persona", "cfo",
                     "--now", NOW, env=self.env, check=0)
        self.assertIn("cfo/portfolio: no change since delivery", result.stdout)


class DiffFiguresTest(PeersTestCase):
    """`briefing diff` pairs each figure that moved with its own label
    (issue 13's fresh-eyes trial: labels were paired with other rows'
    values and moved figures were missing)."""
    env_values = ENV

    maxDiff = None

    def test_each_moved_figure_appears_once_under_its_own_label(self):
        run("send", "--root", self.root, "--ledger", self.ledger, "--now", NOW, "--persona", "cfo",
            "--yes", env=self.env, check=0)
        jada = os.path.join(self.root, "agent_handoffs", "projects", "jada.md")
        with open(jada) as f:
            text = f.read()
        with open(jada, "w") as f:
            f.write(text.replace("Charters per month: 2", "Charters per month: 3"))
        result = run("diff", "--root", self.root, "--ledger", self.ledger, "--persona", "cfo",
                     "--now", NOW, env=self.env, check=0)
        self.assertEqual(result.returncode, 0, result.stderr)
        moved = result.stdout.split("\n\n")[0].splitlines()
        self.assertTrue(moved[0].startswith("Figures that moved since delivery 1 "), moved[0])
        self.assertEqual(moved[1:], [
            "Headline › Revenue: $5,850/month → $7,700/month",
            # changed by fixL V2: docs/reports.md CEO headline 1 (the CFO's the same) "Revenue
            # $62,200/month in cash ($59,400 earned; $2,800 received ahead of earning)": Queen's
            # $300 of gift certificates is received ahead, so the earned figure moves with JADA's
            "Headline › earned: $5,550 → $7,400",
            "Headline › gross burn: $7,643/month → $8,743/month",
            "Headline › net burn: $1,793/month → $1,043/month",
            # issue 14 (F3/F22): QuickDumpNow's Google Ads ($400/month) is variable, as tagged
            "Headline › Costs — variable: $2,855/month → $3,955/month",
            # changed by fix23a T9: docs/reports.md CFO headline: the decision now says "JADA needs 4
            # more charters a month to break even (3 close the group's $1,793 burn)"; its counts move
            # with its figures (4 → 3, 3 → 2), so the diff pairs no sentence there (noted to the lead)
            "Headline › Revenue: $5,850 → $7,700",
            "Headline › costs: $7,643 → $8,743",
            "Headline › net burn: $1,793 → $1,043",
            "Headline › JADA burns: $2,800 → $2,050",
            # changed by fix16a H11: docs/reports.md "The gap sentence" "closing it needs $B a month
            # more revenue (break-even $E: ...) or $N less cost": one sentence, the CFO's figure first
            # fix15a G29 (docs/rendering.md, "Whole dollars"): the gap sentence in whole dollars
            # changed by fix18a (P13 leftover): docs/reports.md "The gap sentence" "when the group
            # burns and exactly one burning business sells units ... closing it needs 3 more JADA
            # charters a month (+$2,250 margin)": the group's burn in JADA's charters (3 → 2)
            "Headline › margin: $2,250 → $1,500",
            # changed by fix20a R15: docs/reports.md "The gap sentence" "Closing it takes 3 more
            # JADA charters a month (margin $2,250, $750 each) or $1,793 of cuts": the label is "cuts"
            "Headline › cuts: $1,793 → $1,043",
            "Burn rate › Gross burn: $7,643/month → $8,743/month",
            "Burn rate › Gross burn: $7,088–$8,198/month → $8,138–$9,348/month",
            "Burn rate › revenue: $5,850/month → $7,700/month",
            "Burn rate › net burn: $1,793/month → $1,043/month",
            "Burn rate › net burn: $1,238–$2,348/month → $438–$1,648/month",
            "Burn rate › JADA · Gross burn/month: $6,500 → $7,600",
            "Burn rate › JADA · Gross burn/month: $6,200–$6,800 → $7,250–$7,950",
            "Burn rate › JADA · Revenue/month: $3,700 → $5,550",
            "Burn rate › JADA · Net burn/month: $2,800 → $2,050",
            "Burn rate › JADA · Net burn/month: $2,500–$3,100 → $1,700–$2,400",
            "Burn rate › Total · Gross burn/month: $7,643 → $8,743",
            "Burn rate › Total · Gross burn/month: $7,088–$8,198 → $8,138–$9,348",
            "Burn rate › Total · Revenue/month: $5,850 → $7,700",
            "Burn rate › Total · Net burn/month: $1,793 → $1,043",
            "Burn rate › Total · Net burn/month: $1,238–$2,348 → $438–$1,648",
            "Cost drivers › variable: $2,855/month → $3,955/month",
            "Cost drivers › variable: $2,555–$3,155/month → $3,605–$4,305/month",
            "Cost drivers › Captain · Monthly: $800/month → $1,200/month",
            "Cost drivers › Fuel · Monthly: $600/month → $900/month",
            "Cost drivers › Fuel · Monthly: $500–$700/month → $750–$1,050/month",
            "Cost drivers › Deckhand · Monthly: $400/month → $600/month",
            "Cost drivers › Cleaning and provisioning · Monthly: $400/month → $600/month",
            # fix15a G7: the short break-even sentence ends with the price floor
            "Break-even › JADA — today's volume a charter would have to sell for at least: $3,250 → $2,533.34",
            "Revenue targets › JADA · Revenue/month: $3,700 → $5,550",
            # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars"
            "Revenue targets › JADA · Cushion or gap: $6,907 → $5,057",
            "Revenue targets › JADA · Target: $6,907/month → $5,057/month",
            # changed by fixC3 A5: docs/reports.md Revenue targets, the gap names the loss it comes from
            # ("its $2,800/month loss at a 40.5% margin"); with 3 charters the loss is $2,050
            "Revenue targets › JADA · Target: $2,800/month → $2,050/month",
            # eyes-ea E1: the target also says what the whole charters bring (+4: $7,400; +3: $5,550)
            "Revenue targets › JADA · Target: $7,400 → $5,550",
            # changed by fix17b P2, P13: docs/reports.md Revenue targets: the pooled row is "Group, pooled";
            # a group burning with one short unit business says its burn in that business's units
            "Revenue targets › Group, pooled · Revenue/month: $5,850 → $7,700",
            "Revenue targets › Group, pooled · Break-even/month: $8,940 → $9,638",
            "Revenue targets › Group, pooled · Cushion or gap: $1,793 → $1,043",
            "Revenue targets › Group, pooled · Target: $2,250 → $1,500",
            "Revenue targets › Group, pooled · Target: $1,793 → $1,043",
            # changed by fixC3 A10: the target names the pooled break-even's basis ("the $8,940 break-even
            # is pooled at today's sales mix"), so it moves with the Break-even cell
            "Revenue targets › Group, pooled · Target: $8,940 → $9,638",
            # changed by fixM V5: docs/handoff-format.md rule 6 "surplus target": the 10% of revenue is
            # the surplus target, never "margin of safety" (revenue above break-even to an executive)
            "Financial guardrails › Surplus target: $585/month → $770/month",
            "Financial guardrails › Surplus target — 10% of revenue: $5,850/month → $7,700/month",
            # changed by lead N3: docs/reports.md "margin of safety, said as the target it is":
            # the line now names the scope's burn, which the diff labels by the words before it
            # changed by fix23a T10: docs/reports.md CFO guardrails "the group burns", never "the scope"
            "Financial guardrails › Surplus target — group burns: $1,793/month → $1,043/month",
            # changed by fixM V5: docs/reports.md Financial guardrails: a burning group says how far it
            # is from the target, burn + target ($1,793 + $585, $1,043 + $770)
            "Financial guardrails › Surplus target — short of the target: $2,378/month → $1,813/month",
            "Financial guardrails › Room for new fixed costs — group burns: $1,793/month → $1,043/month",
            # changed by fix16a H13: docs/reports.md "Financial guardrails" "the guardrail says volume
            # closes it, never "raise the price"": "- JADA: price floor **$3,250 per charter** ..."
            "Financial guardrails › JADA — price floor: $3,250 → $2,533.34",
            # changed by fixZb Z12: handoff-format.md rule 6, the fixed cost per unit is rounded half away
            # from zero ($4,300 ÷ 3 = $1,433.33); only the floor ($2,533.34) is rounded up
            "Financial guardrails › JADA — other costs: $2,150 → $1,433.33",
            "Financial guardrails › JADA — each one: $1,400 → $683.34",
            "Financial guardrails › JADA burns: $2,800/month → $2,050/month",
            "Financial guardrails › Runway, pooled — net burn: $1,793 → $1,043",  # fix15a G8
            # changed by fix21 A3: docs/reports.md CFO guardrails "a burning entity's risk with a
            # monthly amount is listed ... as the burn it deepens": JADA's off-season gap line
            # changed by fix23a T7: handoff-format.md "Risk cost": the off-season gap costs $750 at
            # today's margin (the words before the figure now end "... today's margin and would deepen its")
            "Financial guardrails › today's margin and would deepen its: $2,800/month → $2,050/month",
            "Financial guardrails › if it happens it burns: $3,550/month → $2,800/month",
            # issue 14 (F2): the closing guardrail sentence names each burning entity
            "Financial guardrails › JADA burns: $2,800/month → $2,050/month",
        ])

if __name__ == "__main__":
    unittest.main(verbosity=2)
