"""What each persona says about both independent portfolios (issue 14, "Done
when": the hand-computed figures in all six personas), as docs/reports.md
describes each report: headline numbers, the CEO's shortfall ranking and
agenda, the CTO's findings and dev-cycle ranking, the CMO's channel matrix
and plans, the CFO's cost drivers and targets, Accounting's chart of accounts
and roadmap, the Audit's three recommendations.

The figures were computed by hand from docs/handoff-format.md and
docs/reports.md (each portfolio's EXPECTED.md, "Persona content"), kept in
its expected.json under "personas". A persona's tests run once
docs/reports.md in this tree describes that persona: a report cannot be
checked against a section that does not exist yet.

A test marked expectedFailure is a mismatch between the program and the docs;
its comment names the rule and what the program shows instead."""
import json
import os
import re
import unittest

from support import SOURCE_DIR, live_row, run
from test_independent_portfolio import (FigureTestCase, figure, follow_the_docs_rule_6, limit, money, monthly,
                                        printed_room, whole, whole_monthly)

NOW = "2026-11-30T09:00:00Z"
# changed by fixW Y1: docs/reports.md Chart of accounts books unbilled work in 1210, not 1200, and
# handoff-format.md rule 2 ages invoices only (unbilled work said apart). By hand, per portfolio
# scope: P1's unbilled is Corner Yoga Studio's (ledgerline.md:19-21): $400 of 3 days, $1,800 of 108
# days; P2's is Fieldnote's Menu costing $2,800 (10 days) and Blue Door's Q3 retainer $6,000
# (60 days), Oakline's Harbor Festival banners $1,850 (81 days). Fieldnote's 1200 cell $23,900
# splits into $15,100 invoiced and $8,800 unbilled.
UNBILLED_APART = {
    "independent-portfolio": {"ages": {"age_0_30": 40000, "age_90_plus": 180000}, "accounts": {}},
    "independent-portfolio-2": {"ages": {"age_0_30": 280000, "age_31_60": 600000, "age_61_90": 185000},
                                "accounts": {"Accounts receivable": 1510000, "Unbilled work": 880000}},
}
FIXTURES = os.path.join(SOURCE_DIR, "tests", "fixtures")
RENDERED = {}


def reports_doc_section(heading):
    """The text of `## <heading>` in docs/reports.md, '' when it is empty."""
    with open(os.path.join(SOURCE_DIR, "docs", "reports.md")) as doc:
        text = doc.read()
    found = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    return found.group(1).strip() if found else ""


def section(text, heading):
    """A report's `## <heading…>` section, up to the next `## `."""
    found = re.search(rf"^## {heading}[^\n]*\n(.*?)(?=^## |\Z)", text, re.M | re.S | re.I)
    return found.group(1).replace("**", "") if found else ""


def table_rows(text):
    return [line for line in text.splitlines()
            if line.startswith("|") and not re.match(r"^\|[\s:|-]+\|$", line)][1:]


def numbered_items(text):
    return [line for line in text.splitlines() if re.match(r"^\s*\d+\.\s", line)]


def first_index(rows, token):
    return next((i for i, row in enumerate(rows) if token in row), None)


class PersonaCase(FigureTestCase):
    """One persona of one portfolio; subclasses name both."""
    fixture = None
    persona = None
    heading = None

    @classmethod
    def setUpClass(cls):
        if not reports_doc_section(cls.heading):
            raise unittest.SkipTest(f"docs/reports.md does not describe the {cls.heading} report yet")
        cls.root = os.path.join(FIXTURES, cls.fixture)
        with open(os.path.join(cls.root, "expected.json")) as f:
            cls.expected = json.load(f)
        cls.entities, cls.portfolio = follow_the_docs_rule_6(cls.expected)
        cls.want = cls.expected["personas"][cls.persona]

    def report(self, entity="portfolio", persona=None):
        key = (self.root, persona or self.persona, entity)
        if key not in RENDERED:
            RENDERED[key] = run("render", "--persona", key[1], "--entity", entity, "--root", self.root,
                                "--format", "md", "--now", NOW, check=0).stdout
        return RENDERED[key]

    def headline(self, entity="portfolio"):
        return section(self.report(entity), "Headline")

    def row_index(self, rows, token):
        """The row naming `token`; else, for money owed, its entity's one
        Receivables row, whose Where lists the item's line."""
        # changed by fix15a G4: docs/reports.md "One entity's receivables are one row, not one per
        # invoice ... its Where the entity's file with every line it adds up"
        place = first_index(rows, token)
        where = self.want.get("receivable_lines", {}).get(token)
        if place is not None or not where:
            return place
        path, line = where.rsplit(":", 1)
        pattern = re.escape(path) + r":(?:\d+,)*" + line + r"\b"
        return next((i for i, row in enumerate(rows) if re.search(pattern, row)), None)

    def assertInOrder(self, rows, tokens, what):
        places = [self.row_index(rows, token) for token in tokens]
        self.assertNotIn(None, places, f"{what}: not every one of {tokens} is in:\n" + "\n".join(rows))
        self.assertEqual(places, sorted(places), f"{what}: {tokens} out of order:\n" + "\n".join(rows))

    def assertRowShows(self, rows, token, pattern, what):
        place = self.row_index(rows, token)
        self.assertIsNotNone(place, f"{what}: no row names {token!r}:\n" + "\n".join(rows))
        self.assertRegex(rows[place], pattern, what)


def day(iso):
    """A date as a report may write it: 2026-12-07, Dec 7, 7 December."""
    year, month, date = iso.split("-")
    name = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")[int(month) - 1]
    return rf"(?:{iso}|{name}\w*\.? {int(date)}\b|\b{int(date)} {name})"


class CeoContent:
    persona, heading = "ceo", "CEO"

    def test_headline_states_the_scope_figures(self):
        h = self.want["headline"]
        text = self.headline()
        # changed by fix15a G29: docs/rendering.md "Whole dollars in headlines and the CEO/CFO prose"
        self.assertShows(text, whole_monthly(h["revenue"]), "revenue")
        self.assertShows(text, whole_monthly(h["gross_burn"]), "gross burn")
        self.assertShows(text, r"surplus\W*" + whole_monthly(h["surplus"]), "surplus")

    def test_headline_counts_the_shortfalls_and_the_money_owed(self):
        h = self.want["headline"]
        text = self.headline()
        # changed by fix17a P1: docs/reports.md CEO "Headline (three bullets, one point each ...)
        # the count of shortfalls is the Shortfalls table's title and rows": the same count, read there
        shortfalls = section(self.report(), "Shortfalls")
        self.assertEqual(len([r for r in table_rows(shortfalls) if re.match(r"^\|\s*\d+\s*\|", r)]),
                         h["shortfalls"], shortfalls)
        title = re.search(r"^## Shortfalls[^\n]*", self.report(), re.M).group(0)
        self.assertShows(title, rf"\b{h['critical']}\** critical" if h["critical"] else r"Shortfalls$", "critical")
        entity, amount = h["largest_monthly"]
        # changed by fix15a G29: docs/rendering.md "Whole dollars in headlines and the CEO/CFO prose"
        # changed by fix17a P1: docs/reports.md CEO headline 2 "The largest monthly problem and the late
        # money, one sentence: <Entity> loses $X/month and is owed ..."
        self.assertShows(text, rf"(?m)^- [^\n]*{entity}[^\n]*" + whole_monthly(amount), "largest monthly")
        if h["owed"]:
            # changed by fix17a P1: docs/reports.md CEO headline 2 "owed $A overdue (+$B unbilled) ...
            # Billed and not yet late money is left to Accounting and the Audit": the total with its
            # billed part is no longer the headline's; its overdue and unbilled parts still are
            # changed by fixZd Z6: docs/reports.md CEO headline 2 "what the scope is owed: the one total
            # the CFO's guardrails and Accounting's Receivables give ... its parts in brackets, amount
            # first": the checker's owed total is the headline's again, its parts after it
            self.assertShows(text, r"owed " + money(h["owed"]) + r" by clients \(", "owed")
            if h["overdue"]:
                self.assertShows(text, r"by clients \(" + money(h["overdue"]) + r" overdue", "overdue")
            if h["unbilled"]:
                self.assertShows(text, (r", " if h["overdue"] else r"by clients \(") + money(h["unbilled"]) +
                                 r" unbilled", "unbilled")
            owed_bullet = re.search(r"(?m)^- [^\n]*\bowed\b[^\n]*", text).group(0)
            self.assertNotRegex(owed_bullet, r"billed, not marked overdue|\bone-off\b", "no chained states")
            self.assertNotRegex(text, r"\$0\b(?![,.]\d)", "a part that is $0 is left out")
        else:
            self.assertNotRegex(text, r"\bowed\b")

    def test_headline_decision_is_the_first_agenda_item_with_owner_and_date(self):
        h = self.want["headline"]
        self.assertShows(self.headline(), rf"Decision:[^\n]*{re.escape(h['decision_owner'])}[^\n]*"
                         + day(h["decision_due"]), "decision")

    def test_shortfalls_are_ranked_critical_then_by_impact_then_unquantified(self):
        # changed by fix15a G4: docs/reports.md "Shortfalls (1 critical) ... the title says what the table holds"
        rows = table_rows(section(self.report(), "Shortfalls"))
        self.assertInOrder(rows, self.want["shortfall_order"], "ranking")
        self.assertEqual(len(rows), self.want["headline"]["shortfalls"], "\n".join(rows))

    def test_each_shortfall_names_the_line_it_came_from(self):
        # changed by fix15a G4: docs/reports.md "Shortfalls (1 critical) ... the title says what the table holds"
        rows = table_rows(section(self.report(), "Shortfalls"))
        for token, where in self.want["shortfall_where"].items():
            with self.subTest(shortfall=token):
                # changed by fix15a G4 (docs/reports.md, one Receivables row per entity): the
                # row's Where lists every line it adds up ("ledgerline.md:20,21,24,26,27,31")
                path, line = where.rsplit(":", 1)
                self.assertRowShows(rows, token, re.escape(path) + r":(?:\d+(?:, |,))*" + line + r"\b",
                                    "file:line")

    def test_agenda_dates_each_item_from_now_with_its_owner(self):
        agenda = section(self.report(), "30-day agenda")
        rows = table_rows(agenda)
        self.assertEqual(len(rows), self.want["agenda_rows"], "\n".join(rows))
        # changed by lead eyes-final5b R2: docs/reports.md "Later, on Accounting's roadmap" (was "per the CMO and Accounting plans")
        # changed by fixV2 U3: docs/reports.md CEO agenda says "Later:" (Accounting's roadmap does not date no-cost actions; was "Later, on Accounting's roadmap:")
        later = re.findall(r"^Later: .*$", agenda, re.M)
        for token, due, owner in self.want["agenda"]:
            with self.subTest(item=token):
                if due > "2026-12-30":
                    # changed by fix17a N6: docs/reports.md "One date per action" "the actions due later
                    # are named on one line under it, each with its date"
                    self.assertTrue(later, agenda)
                    self.assertRegex(later[0], re.escape(token) + r"[^;]*, by " + day(due))
                    continue
                self.assertTrue(any(token in row and re.search(day(due), row) and owner in row for row in rows),
                                f"no row with {token!r}, {due} and {owner!r}:\n" + "\n".join(rows))

    def test_ancillary_receivables_are_marked(self):
        """reports.md, Accounting: "an ancillary entity's items are marked
        "(ancillary)"" in the one list the CEO shares."""
        # changed by fix15a G4: docs/reports.md "Shortfalls (1 critical) ... the title says what the table holds"
        rows = table_rows(section(self.report(), "Shortfalls"))
        for token in self.want["ancillary_rows"]:
            with self.subTest(row=token):
                self.assertRowShows(rows, token, r"\(ancillary\)", "marked")

    def test_revenue_gap_rows_are_named_revenue_gap(self):
        """handoff-format.md, CEO shortfalls: "the row is named "revenue gap",
        never "net burn""; reports.md: "<Entity>'s revenue gap: costs exceed
        revenue"."""
        # changed by fix15a G4: docs/reports.md "Shortfalls (1 critical) ... the title says what the table holds"
        rows = table_rows(section(self.report(), "Shortfalls"))
        for token in self.want["revenue_gap_rows"]:
            with self.subTest(row=token):
                # changed by fix16a H1: docs/handoff-format.md "CEO shortfalls" "The row names the net
                # burn what it is, a loss, never "revenue gap""
                self.assertRowShows(rows, token, r"loses \$[\d,.]+/month", "named")
                self.assertRowShows(rows, token, r"^(?!.*revenue gap)", "not revenue gap")
                self.assertRowShows(rows, token, r"^(?!.*net burn)", "not net burn")

    def test_agenda_past_ten_rows_names_the_rest(self):
        """reports.md, 30-day agenda: rows past the tenth are named in one line
        "And N more, due by <last date>: <item> (<Entity>), ..."."""
        more = self.want.get("agenda_more")
        if not more:
            self.skipTest("this portfolio's agenda fits ten rows")
        count, last = more
        self.assertShows(section(self.report(), "30-day agenda"), rf"And {count} more, due by {day(last)}",
                         "overflow")

    def test_gap_sentence_adds_up_to_the_surplus(self):
        """reports.md, the gap sentence: revenue − costs = the surplus, the
        entities that burn and make money with their amounts, then the margin
        of safety and the room (rule 6)."""
        gap = self.want["gap_sentence"]
        text = self.report()
        paragraph = text[text.find("## Headline"):text.find("## Asset")]
        # changed by fix15a G29: docs/rendering.md "Whole dollars in headlines and the CEO/CFO prose"
        self.assertShows(paragraph, r"Revenue\W*" + whole(gap["revenue"]) + r"\s*−\s*costs\W*"
                         + whole(gap["costs"]) + r"[^\n]*surplus of\W*" + whole(gap["surplus"]), "sum")
        for entity, cents in {**gap["burns"], **gap["makes"]}.items():
            self.assertShows(paragraph, re.escape(entity) + r"[^$\n]{0,20}" + whole(cents), entity)
        # changed by fix17b P12: docs/rendering.md, the room is the printed surplus less the printed
        # margin ("Monthly results in whole dollars, one rounding per figure"), the CFO's room
        # changed by fixM V5: docs/handoff-format.md rule 6 "surplus target": the 10% of revenue is
        # called the surplus target, never "margin of safety" (revenue above break-even); same figures
        self.assertShows(paragraph, r"surplus target[^\n]*" + whole(gap["margin"]) + r"[^\n]*"
                         + money(printed_room(self.portfolio)), "margin and room")

    def test_a_tech_action_that_fixes_a_leaked_credential_is_not_a_second_item(self):
        rows = table_rows(section(self.report(), "30-day agenda"))
        words = self.want["agenda_single"]
        if words:
            self.assertEqual(len([row for row in rows if any(w in row.lower() for w in words)]), 1,
                             "\n".join(rows))


class CtoContent:
    persona, heading = "cto", "CTO"

    def test_headline_counts_findings_and_states_spend_and_savings(self):
        h = self.want["headline"]
        text = self.headline()
        # changed by fix18c E10: docs/reports.md CTO headline 1 "only the severities that have findings
        # ("1 high finding", not "0 critical, 1 high, 0 medium")": the zero counts are left out
        found = [rf"{h[k]}\W{{0,2}} {k}" for k in ("critical", "high", "medium") if h[k]]
        # changed by fixR S18: docs/reports.md CTO headline 1: with several severities the count comes first,
        # "3 findings (1 critical, 1 high, 1 medium)"; one severity alone still reads "2 high findings"
        total = sum(h[k] for k in ("critical", "high", "medium"))
        counts = (rf"{total} findings \(\W{{0,2}}" + r"\W{0,2}, ".join(found) + r"\W{0,2}\)" if len(found) > 1
                  else r"\W{0,2}" + "".join(found) + r"\W{0,2} finding")
        self.assertShows(text, r"Security: " + counts, "counts")
        self.assertShows(text, rf"\b{h['sites']} sites \({h['files']} files", "sites and files")
        if "sites_with_findings" in h:  # reports.md CTO headline: "in W of S sites"
            self.assertShows(text, rf"in {h['sites_with_findings']} of {h['sites']} sites", "W of S")
        self.assertShows(text, r"Tech spend[^\n]*" + figure(h["tech_spend"]), "tech spend")
        self.assertShows(text, r"savings\W*" + monthly(h["savings"]), "savings")

    def test_stack_recognises_the_lambda_handler(self):
        for site, built_with in self.want["stack"].items():
            self.assertLineShows(self.report(), site, re.escape(built_with), "built with")

    def test_dev_cycle_ranked_by_severity_then_effort(self):
        rows = table_rows(section(self.report(), "Dev-cycle"))
        self.assertInOrder(rows, self.want["dev_cycle_order"], "dev-cycle")
        for token, where in self.want["dev_cycle_where"].items():
            self.assertRowShows(rows, token, re.escape(where), "file:line")

    def test_a_tech_action_is_merged_into_the_gap_it_fixes(self):
        if self.want["dev_cycle_merged"]:
            label, where = self.want["dev_cycle_merged"]
            rows = table_rows(section(self.report(), "Dev-cycle"))
            self.assertRowShows(rows, label, re.escape(where), "merged row")
            self.assertEqual(len([row for row in rows if label in row]), 1, "\n".join(rows))

    def test_a_tech_section_without_ci_or_backups_is_asked_for_them(self):
        quality = section(self.report(), "Data quality")
        for path in self.want.get("asks_tech", ()):
            self.assertShows(quality, r"CI: [^\n]*" + re.escape(path), "CI asked")
            self.assertShows(quality, r"Backups: [^\n]*" + re.escape(path), "Backups asked")


class CmoContent:
    persona, heading = "cmo", "CMO"

    def test_channel_matrix_holds_every_marketing_item(self):
        matrix = section(self.report(), "Channel")
        for cell in self.want["cells"]:
            self.assertIn(cell, matrix)
        for channel in self.want["one_row"]:
            self.assertEqual(len([row for row in table_rows(matrix) if row.startswith(f"| {channel} ")]), 1,
                             matrix)

    def test_headline_counts_channels_and_decides_the_first_step(self):
        count, to_set_up = self.want["headline_channels"]
        text = self.headline()
        # changed by fixZb Z16: docs/reports.md CMO headline 1 counts what the matrix shows, "N listings on
        # K channels across E businesses" (just "N across" when each channel is one business's): K is the
        # matrix's rows without Site analytics (no channel), counted here from the same report
        # changed by fixC1 A4: docs/reports.md CMO headline 1, K counts the rows with a live listing
        rows = [row for row in table_rows(section(self.report(), "Channel"))
                if not row.startswith("| Site analytics ") and live_row(row)]
        on = "" if len(rows) == count else rf" listings on {len(rows)} channels?"
        self.assertShows(text, rf"Channels: {count}{on} across", "channels")
        if to_set_up:
            self.assertIn(to_set_up, text)
        entity, step = self.want["decision"]
        self.assertShows(text, rf"Decision:[^\n]*{entity}[^\n]*{step}", "decision")

    def test_headline_names_the_best_blast(self):
        entity, net = self.want["best_blast"]
        # changed by fixP eyes-final8 U13: docs/reports.md "The CMO's best-blast line (headline 2) holds at most the two
        # figures an executive acts on" (whole units per send, what they add after costs); the net per send
        # is the blast section's, which must show it on the best blast's line
        self.assertShows(self.headline(), rf"Best e-mail blast\W*{entity}[^\n]* per send", "best blast")
        self.assertShows(section(self.report(), "E-mail blast"), rf"{entity}[^\n]*" + figure(net), "best blast")

    def test_plans_are_per_entity_and_ota_order_stays_inside_one_business(self):
        text = self.report()
        for entity, tokens in self.want["plans"].items():
            plan = re.search(rf"^###? (?:Plan: )?{re.escape(entity)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
            self.assertIsNotNone(plan, f"no plan for {entity}")
            self.assertInOrder(plan.group(1).splitlines(), tokens, entity)
            for other in self.want["plans_exclude"].get(entity, ()):
                self.assertNotIn(other, plan.group(1), entity)

    def test_an_entity_with_nothing_to_plan_is_named_with_its_file(self):
        # changed by fix15b G11: docs/reports.md CMO "Entities with nothing to plan are named
        # once, after the plans, in plain words" ("the file lists no channel to set up, ..."),
        # no longer the engine's tag list ("no Marketing item tagged ...").
        for path in self.want["nothing_to_plan"]:
            self.assertShows(self.report(), rf"{re.escape(path)}[^\n]*the file lists no channel to set up"
                             rf"|the file lists no channel to set up[^\n]*{re.escape(path)}", path)


class CfoContent:
    persona, heading = "cfo", "CFO"

    def test_headline_figures_split_and_largest_cost(self):
        h = self.want["headline"]
        text = self.headline()
        for key in ("revenue", "gross_burn", "surplus", "fixed", "variable", "untagged"):
        # changed by fix15a G29: docs/rendering.md "Whole dollars in headlines and the CEO/CFO prose"
            if key in h:  # "untagged" only while reports.md splits costs by tag
                self.assertShows(text, whole_monthly(h[key]), key)
        label, amount, share = h["largest"]
        self.assertShows(text, rf"{label}[^\n]*" + whole(amount) + rf"[^\n]*{share}\s*%", "largest cost")

    def test_headline_decision_is_the_room_and_the_lowest_floor(self):
        h = self.want["headline"]
        text = self.headline()
        # changed by fix15a G29: docs/rendering.md "Whole dollars in headlines and the CEO/CFO prose"
        # changed by fix17b P12: docs/rendering.md, the room is the printed surplus less the printed margin
        self.assertShows(text, rf"Decision[^\n]*" + whole_monthly(printed_room(self.portfolio)), "room")
        self.assertShows(text, rf"Decision[^\n]*" + whole(h["margin"]), "margin")
        floor, unit = h["lowest_floor"]
        # changed by fix16a K9: docs/reports.md CFO headline "when an entity burns inside a scope with a
        # surplus, the room is pooled and the decision says so, the largest burn first; else, when price
        # cuts are offered, the lowest floor limits them": both portfolios have a burning entity (ShiftCal,
        # TallyHQ), so the decision names the pooling and the lowest floor stays in the guardrails.
        # changed by fix17b P9: docs/reports.md CFO headline "Money to collect comes first": a business
        # owed more overdue money than a month of its revenue, some over 90 days (I2's Fieldnote), is the
        # decision, and the burning business that draws on the room follows it.
        # changed by fix17b P9: docs/reports.md CFO headline "when an entity burns inside a scope with room,
        # the decision is to close that burn first ... then the room as context, said to be pooled" (I1's
        # ShiftCal).
        if re.search(r"Decision: close ", text):
            self.assertShows(text, r"Decision: close [^\n]* \$[\d,]+/month burn before adding costs[^\n]*room[^\n]*"
                                   r"the room is pooled: it holds only if [^\n]* cash may pay [^\n]* costs",
                             "close first, then the pooled room")
        elif re.search(r"Decision: collect ", text):
            # changed by the lead (eyes-final9 W1, W14): docs/reports.md CFO headline "Money to collect comes
            # first": the bracket is the part of the overdue total over 90 days ("of it"), an old invoice not
            # marked overdue is asked about apart, and the room is "after" the burning business's loss
            self.assertShows(text, r"Decision: collect [^\n]* overdue \(\$[\d,]+ of it over 90 days: [^\n]*\)[^\n]* "
                                   r"before adding costs; [^\n]*room[^\n]*, after [^\n]* \$[\d,]+/month "
                                   r"(?:loss|cash shortfall)",
                             "collect first, then the pooled room")
        else:
            self.assertShows(text, r"Decision[^\n]*the room is pooled: [^\n]* burns \$[\d,]+/month, so it holds "
                                   r"only if [^\n]* cash may pay its costs", "pooled room")
        guardrails = section(self.report(), "Financial guardrails")
        self.assertShows(guardrails, rf"(?:\b{unit}\b[^\n$]*{money(floor)}|{money(floor)}\s*(?:per|/|a)\s*"
                                     rf"{unit})", "lowest floor")

    def test_cost_drivers_are_the_ten_largest_and_one_row_for_the_rest(self):
        count, total = self.want["other_expenses"]
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertLineShows(section(self.report(), "Cost drivers"), f"{count} other expenses", whole(total),
                             "others")

    def test_break_even_says_what_other_revenue_it_leaves_out(self):
        for entity, other in self.want["break_even_other_revenue"].items():
            self.assertLineShows(section(self.report(), "Break-even"), entity, money(other), entity)

    def test_revenue_targets_show_break_even_revenue_and_cushion(self):
        targets = section(self.report(), r"(?:Monthly )?revenue targets")
        self.assertNotRegex(targets, r"\|\s*covered\s*\|")
        rows = table_rows(targets)
        for entity, (break_even, cushion, share) in self.want["targets"].items():
            with self.subTest(entity=entity):
                # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
                self.assertRowShows(rows, entity, whole(break_even) + r".*" + whole(cushion), "cushion")
                self.assertRowShows(rows, entity, rf"{share}\s*%", "share")
        for entity, (needed, gap) in self.want["burning"].items():
            # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
            self.assertRowShows(rows, entity, whole(needed) + r".*" + whole(gap), "revenue needed")

    def test_guardrails_price_a_dollar_off_each_unit(self):
        if not any("room_per_dollar_off" in e for e in self.entities.values()):
            self.skipTest("rule 6 in this tree prices no price cut")
        guardrails = section(self.report(), "Financial guardrails")
        # changed by fixB2 W11: docs/reports.md CFO guardrails, the figures in expected.json are net
        # of the percents of the price a cut no longer pays, rounded up to the dollar (see _fixB2_W11)
        for unit, cents in self.want["per_dollar_off"].items():
            self.assertShows(guardrails, rf"\$1 off[^\n]*\b{unit}\b[^\n$]{{0,60}}" + monthly(cents), unit)


class CaoContent:
    persona, heading = "cao", "Accounting (cao)"

    def test_headline_revenue_deferred_owed_and_decision(self):
        h = self.want["headline"]
        text = self.headline()
        self.assertShows(text, monthly(h["revenue"]), "revenue")
        self.assertShows(text, r"deferred[^\n]*" + money(h["deferred"]) + "|" + money(h["deferred"])
                         + r"[^\n]*deferred", "deferred")
        if h["owed"]:
            self.assertShows(text, money(h["owed"]), "owed")
            self.assertShows(text, money(h["over_90"]) + r"[^\n]*90|90[^\n]*" + money(h["over_90"]), "over 90")
        else:
            self.assertShows(text, r"## Clients", "no receivables ledger")
        self.assertShows(text, rf"Decision[^\n]*{h['decision']}", "decision")

    # reports.md, Accounting headline: "collect the overdue money (the oldest
    # item named)": Portfolio 2's oldest overdue item is Fieldnote's Invoice
    # F-085 (2026-07-15, 138 days). (Once "collect the $11,900 overdue before
    # booking new work", naming no item.)
    def test_headline_decision_names_the_oldest_overdue_item(self):
        oldest = self.want["headline"].get("oldest")
        if not oldest:
            self.skipTest("no money owed in this portfolio's core entities")
        self.assertShows(self.headline(), rf"Decision[^\n]*{oldest}", "oldest item")

    def test_revenue_recognition_knows_deferred_income_and_invoices(self):
        recognition = section(self.report(), "Revenue recognition")
        for label, when in self.want["deferred_lines"].items():
            self.assertLineShows(recognition, label, when, label)
        for label in self.want["not_revenue_lines"]:
            self.assertNotIn(label, recognition)

    def label_rule(self):
        """reports.md's chart label rule in this tree: "whole-word" as first
        written, or "word starts" (plurals match) as revised."""
        return "whole-word" if "label rules are whole-word" in reports_doc_section(self.heading) else "word starts"

    def accounts_by_label_rule(self):
        return self.want.get("accounts_by_label_rule", {}).get(self.label_rule(), {})

    def check_accounts(self, accounts):
        rows = table_rows(section(self.report(), "Chart of accounts"))
        for account, cents in accounts.items():
            with self.subTest(account=account):
                row = next((r for r in rows if re.search(rf"\|\s*(?:\d{{4}}\s+)?{re.escape(account)}"
                                                         rf"(?:\s*\([^)|]*\))?\s*\|", r)), None)
                self.assertIsNotNone(row, f"no account {account}:\n" + "\n".join(rows))
                self.assertRegex(row, money(cents))
                if account in self.want["one_off_accounts"]:
                    # changed by fix15c G18: docs/reports.md "a row of the one-off table keeps
                    # its "(one-off)" mark, a balance carries none": a balance (Cash, Accounts
                    # receivable, ...) must stand in the Balances table, a one-off flow keeps
                    # the mark; neither may be a monthly row
                    chart = section(self.report(), "Chart of accounts")
                    balances = chart.split("Monthly accounts")[0]
                    self.assertTrue("one-off" in row or ("Balances:" in balances and row in balances),
                                    row)

    def test_chart_of_accounts_totals(self):
        accounts = dict(self.want["accounts"])
        if self.label_rule() == "word starts":
            accounts.update(self.accounts_by_label_rule())
        accounts.update(UNBILLED_APART.get(self.fixture, {}).get("accounts", {}))  # fixW Y1, above
        self.check_accounts(accounts)

    # reports.md as first written: "the label rules are whole-word": "Contract
    # developers" (Portfolio 1's ShiftCal) matches neither "contractor" nor
    # "developer", so it is 6900 Other operating expenses ($14,000) and 6010
    # holds $23,450. reports.md now matches word starts (plurals), so this
    # test skips and test_chart_of_accounts_totals checks 6010 = $37,450.
    def test_chart_of_accounts_label_rules_are_whole_word(self):
        if self.label_rule() != "whole-word" or not self.accounts_by_label_rule():
            self.skipTest("reports.md matches word starts, or no label here depends on a plural")
        self.check_accounts(self.accounts_by_label_rule())

    def test_expense_audit_flags_unused_and_no_false_duplicate(self):
        audit = section(self.report(), "Expense audit")
        for label in self.want["unused"]:
            self.assertLineShows(audit, label, "unused", label)
        for label in self.want["no_duplicate"]:
            for line in audit.splitlines():
                if label in line:
                    self.assertNotIn("duplicate", line)

    def test_receivables_by_state_and_age_over_the_scope(self):
        owed = self.want.get("receivables")
        if not owed:
            self.skipTest("no core entity of this portfolio has `## Clients`")
        receivables = section(self.report(), "Receivables")
        self.check_owed_by_state(receivables, owed)
        self.check_owed_by_age(receivables, owed, UNBILLED_APART.get(self.fixture, {}).get("ages"))  # fixW Y1

    def test_roadmap_starts_this_quarter_with_the_savings(self):
        quarter, net_after = self.want["roadmap_first_quarter"]
        roadmap = section(self.report(), r"(?:Quarter-by-quarter|Profitability) roadmap")
        self.assertTrue(any(quarter in row and re.search(money(net_after), row) for row in table_rows(roadmap)),
                        roadmap)


class AuditContent:
    persona, heading = "audit", "Audit"

    def check_recommendation(self, item, want):
        what, amount, *detail = want
        self.assertIn(what, item)
        if amount is not None:
            written = monthly(amount) if what in ("Clients", "net burn") else money(amount)
            self.assertRegex(item, written)
        for text in detail:
            self.assertIn(text, item)

    def check_recommendations(self, audits):
        for entity, want in audits.items():
            with self.subTest(entity=entity):
                recommendations = section(self.report(entity), "Recommendations")
                items = numbered_items(recommendations)
                self.assertEqual(len(items), len(want["recommendations"]), recommendations)
                for item, expected in zip(items, want["recommendations"]):
                    self.check_recommendation(item, expected)
                if want.get("fewer_than_three"):
                    # changed by fix19c Q4: docs/reports.md "When fewer than three apply, the
                    # list is shorter and says nothing more" (was: names the sections that
                    # would give more)
                    self.assertNotRegex(recommendations, r"`## \w+`|could give more")

    def check_no_money_owed_headline(self, audits):
        """reports.md, Audit (issue 14, F44): with no money owed recorded the
        headline gives the entity's next figure, never a request for a
        `## Clients` section; nor do the Recommendations (fix19c Q4)."""
        for entity, want in audits.items():
            if want.get("no_money_owed"):
                self.assertNotIn("## Clients", self.headline(entity), entity)
                # changed by fix19c Q4: docs/reports.md "When fewer than three apply, the
                # list is shorter and says nothing more" (was: the Recommendations name
                # `## Clients` once)
                self.assertNotIn("`## Clients`", section(self.report(entity), "Recommendations"),
                                 entity)

    def test_fewer_than_three_names_only_the_missing_parts(self):
        """reports.md, Audit: the list names "only those the entity lacks"."""
        audits = {**self.want, **self.expected["personas"].get("audit_without_revenue", {})}
        checked = 0
        for entity, want in audits.items():
            parts = want.get("missing_parts")
            if parts:
                checked += 1
                text = self.report(entity)
                recommendations = section(text, "Recommendations")
                for named in parts["named"]:
                    # changed by fix19c Q4: docs/reports.md "Data quality asks for each missing
                    # section once" (was: the Recommendations name each missing part)
                    self.assertNotIn(named, recommendations, entity)
                    self.assertLessEqual(text.count(f"`{named}`"), 1, (entity, named))
                for absent in parts["not_named"]:
                    self.assertNotIn(absent, recommendations, entity)
        if not checked:
            self.skipTest("no audited entity here gives fewer than three")

    def test_three_recommendations_with_their_figures(self):
        self.check_recommendations(self.want)

    def test_headline_says_when_no_money_owed_is_recorded(self):
        self.check_no_money_owed_headline(self.want)

    # Formulas: revenue = Σ monthly revenue ($0 with no revenue line), net burn
    # = gross burn − revenue: Lakeshore Holdings burns $175/month, as its CFO
    # report says (net burn $175/month, runway 51 months), so its audit opens
    # with a headline (its cash lasts 51 months; no request for `## Clients`
    # there since issue 14) and recommends closing the $175/month net burn. (Once no
    # headline and "No recommendation follows from the data".)
    def test_an_entity_without_revenue_is_audited_as_the_cfo_sees_it(self):
        audits = self.expected["personas"].get("audit_without_revenue", {})
        if not audits:
            self.skipTest("every audited entity of this portfolio states revenue")
        self.check_no_money_owed_headline(audits)
        self.check_recommendations(audits)

    def test_risks_kpis_capacity_and_margin_per_unit(self):
        for entity, want in self.want.items():
            text = self.report(entity)
            for label, where in want.get("risks", {}).items():
                self.assertLineShows(section(text, "Risks"), label, re.escape(where), label)
            for label in want.get("to_measure", ()):
                # changed by fixZc Q10: docs/reports.md Audit KPIs, a `(missing)` KPI is "not stated in the
                # handoff" (the handoff lacks the figure), never "to measure" / "not measured yet"
                self.assertShows(section(text, "KPIs"), rf"{label}[^\n]*not stated in the handoff", label)
            for ask in want.get("asks", ()):
                self.assertIn(ask, section(text, "Capacity"))
            if "margin_per_unit" in want:
                margin = section(text, r"Margin per \w+")
                for cents in want["margin_per_unit"]:
                    self.assertShows(margin, money(cents), "margin per unit")


def both_portfolios(content):
    """Two test classes for one persona's content: one per portfolio."""
    for number, fixture in (("1", "independent-portfolio"), ("2", "independent-portfolio-2")):
        name = f"{content.__name__[:-len('Content')]}Portfolio{number}Test"
        globals()[name] = type(name, (content, PersonaCase), {"fixture": fixture})


for persona_content in (CeoContent, CtoContent, CmoContent, CfoContent, CaoContent, AuditContent):
    both_portfolios(persona_content)

# Mismatches between the program and the docs at main d5a2f35, re-derived
# by hand on 2026-12-07 (each portfolio's EXPECTED.md, "Re-derived
# 2026-12-07"). The hand figures stand; the lead decides which side changes.
#
# reports.md, Accounting headline: "In the portfolio scope the receivables
# are read from every handoff, the ancillary ones included ...: one function
# (`report_receivables_collect`) gives the CEO, Accounting and Audit the same
# list; an ancillary entity's items are marked "(ancillary)"", and rule 2:
# "Money owed is read from `## Clients` only, the same way in every report
# (CEO shortfalls, ...)"; `billed` is owed. By hand the CEO's portfolio
# therefore holds the ancillary entities' overdue and unbilled items:
# Portfolio 1 adds Ledgerline's 8 (14 shortfalls; owed $7,280 one-off,
# overdue $3,800, unbilled $2,200; agenda "collect $3,800 overdue", "invoice
# $2,200 unbilled", 12 rows: "And 2 more, due by 2026-12-28"); Portfolio 2
# adds Oakline's 4 (18 shortfalls; owed $28,950, overdue $13,900, unbilled
# $10,650; "And 9 more"). The program's CEO reads the core entities only (6
# and 14 shortfalls, owed $20,700 = overdue + unbilled, "And 7 more"), while
# its Accounting report reads every handoff. (handoff-format.md's `Kind`
# said the portfolio scope "of every report" is the core entities: a docs
# conflict, since settled: `Kind` names money owed as the one exception.)
# Settled by the docs rule 753984b (reports14c), the program changed to
# match the checker's figures: a gap risk of an entity with no net burn is
# that entity's revenue-gap row ("Cedar Ridge Cabin's revenue gap: Winter
# bookings gap"); quantified ties go by entity id (Invoice 7688 of
# oakline-print before Pawsh's $1,200/month); the agenda's 14-day rows rank
# by the amount each states, so Oakline's "collect $2,000 overdue" and
# "invoice $1,850 unbilled" (Theo Park, 2026-12-14) are in its ten rows.
# No mismatch is left open.
REVISED_BY_DOCS = set()


def expected_failure_copy(test):
    """expectedFailure marks the function it is given: a copy keeps the
    other portfolio's class, which shares the mixin's function, unmarked."""
    def copy(self):
        return test(self)
    copy.__name__ = test.__name__
    return unittest.expectedFailure(copy)


def mark_known_mismatches():
    """A function, so no class is left in a module global for the loader to
    run twice."""
    for class_name, method in REVISED_BY_DOCS:
        case = globals()[class_name]
        setattr(case, method, expected_failure_copy(getattr(case, method)))


mark_known_mismatches()


if __name__ == "__main__":
    unittest.main(verbosity=2)
