"""A seventh independent portfolio (check21): four businesses written from docs/handoff-format.md
alone by a checker who did not read the report code, to exercise the rules the last readers
changed: unbilled work beside invoices (Accounting's 1210 and "Not aged"), a business that burns
and states no cash with a spend held "until its cash is stated", the CFO's pooled cash naming
the business that states none, a 2.9% card fee in a per-unit business's price floor (rule 6),
a lost-revenue risk larger than the revenue it can come from, loan payments (cash shortfall vs
operating result), gift cards received ahead of earning, a fee paid between two of the group's
businesses, a key-person risk, an off-season business short of cash until May whose own
e-mail blast reaches what it needs (the one story), and a paid role in Expenses with the
Audit's capacity question. Every figure is computed by hand in
tests/fixtures/independent-portfolio-7/EXPECTED.md and kept in expected.json.

A test marked expectedFailure is a mismatch between the program and the docs (written to the
lead in /work/briefs/check21-findings.md); its comment names the doc rule. The hand figures are
not adjusted to the program."""
import functools
import itertools
import json
import os
import re
import unittest

from support import SOURCE_DIR, run
from test_independent_portfolio import FigureTestCase, data_quality, lines_with, money, monthly, whole
from test_independent_portfolio_3 import display_width, gap_paragraph, headline, section
from test_independent_portfolio_6 import table_rows

ROOT = os.path.join(SOURCE_DIR, "tests", "fixtures", "independent-portfolio-7")
NOW = "2026-12-01T09:00:00Z"
with open(os.path.join(ROOT, "expected.json"), encoding="utf-8") as expected_file:
    EXPECTED = json.load(expected_file)
ENTITY, PORTFOLIO, DATES = EXPECTED["entities"], EXPECTED["portfolio"], EXPECTED["dates"]
PERSONAS = ("ceo", "cto", "cfo", "cmo", "cao", "audit")
# every (persona, scope) a reader can render: the Audit has no portfolio scope
SCOPES = [(persona, scope) for persona, scope in itertools.product(PERSONAS, ["portfolio"] + sorted(ENTITY))
          if (persona, scope) != ("audit", "portfolio")]


@functools.lru_cache(maxsize=None)
def report(persona, entity="portfolio", form="md"):
    """One persona's report for one scope, rendered once per test run."""
    return run("render", "--persona", persona, "--entity", entity, "--root", ROOT,
               "--format", form, "--now", NOW, check=0).stdout


def agenda_rows():
    """The CEO portfolio agenda: (due, item, entity, owner) per row, in order."""
    text = section(report("ceo"), "30-day agenda")
    return [(r[1], r[2], r[3], r[4]) for r in table_rows(text) if re.match(r"^\d+$", r[0])]


def one_line(text):
    """`text` with its line breaks and Markdown emphasis taken out, for phrases a table or a
    wrapped paragraph may split."""
    return re.sub(r"\s+", " ", text.replace("**", "").replace("\\`", "`"))


class Portfolio7TestCase(FigureTestCase):
    def assertEachShows(self, text, expectations):
        """Each (pattern, what) of `expectations` is in `text`."""
        for pattern, what in expectations:
            with self.subTest(what=what):
                self.assertShows(text, pattern, what)


class ListTest(Portfolio7TestCase):
    def test_kinds_plan_and_no_diagnostic(self):
        """Four core handoffs, no diagnostic: the plan is the five portfolio reports."""
        listed = json.loads(run("list", "--root", ROOT, "--json", check=0).stdout)
        self.assertEqual(dict((entry["id"], entry["kind"]) for entry in listed["entities"]),
                         dict((entity, figures["kind"]) for entity, figures in ENTITY.items()))
        self.assertEqual(["/".join((step["persona"], step["scope"])) for step in listed["plan"]], EXPECTED["plan"])
        self.assertFalse(listed["diagnostics"])

    def test_every_report_fits_72_columns(self):
        """rendering.md: no line of the text part is wider than 72 columns (a URL aside)."""
        too_wide = {(persona, scope): [line for line in report(persona, scope, "text").splitlines()
                                       if display_width(line) > 72 and "://" not in line]
                    for persona, scope in SCOPES}
        self.assertEqual({key: lines for key, lines in too_wide.items() if lines}, {})
        self.assertTrue(all(report(persona, scope, "text").strip() for persona, scope in SCOPES), "a text part")


class CfoTest(Portfolio7TestCase):
    """handoff-format.md Formulas and rules 1, 4, 6; reports.md CFO."""

    def test_entity_burn_figures(self):
        """Each business's own CFO: revenue, gross burn, and its surplus or net burn. rendering.md
        "Whole dollars in headlines and the CEO/CFO prose" (fix17b P12: the CFO writes every monthly
        result in whole dollars): $3,907.50 is shown $3,908."""
        for entity, figures in ENTITY.items():
            result = (r"surplus\W{0,4}" + whole(figures["surplus"])) if "surplus" in figures else whole(figures["net_burn"])
            self.assertEachShows(section(report("cfo", entity), "Burn rate"), [
                (monthly(figures["revenue"]), entity + " revenue"),
                (whole(figures["gross_burn"]), entity + " gross burn"),
                (result, entity + " result")])

    def test_portfolio_headline(self):
        """$13,100 − $10,726.90 = $2,373.10 (whole: $2,373); fixed $8,545 (79.7%), variable
        $2,181.90 (20.3%); Associate bookkeeper $2,200 (20.5%)."""
        text = one_line(headline(report("cfo")))
        p = PORTFOLIO
        self.assertShows(text, whole(p["revenue"]) + r"/month", "revenue")
        self.assertShows(text, r"gross burn " + whole(p["gross_burn"]) + r"/month", "gross burn")
        self.assertShows(text, r"surplus\W{0,4}" + whole(p["surplus"]), "surplus")
        self.assertShows(text, r"fixed " + whole(p["fixed_fv"]) + r"/month \(79\.7%", "fixed")
        self.assertShows(text, r"variable " + whole(p["variable_fv"]) + r"/month \(20\.3%", "variable")
        self.assertShows(text, r"Associate bookkeeper[^\n]{0,40}\$2,200/month \(20\.5%", "largest")

    def test_headline_says_cash_received_ahead_and_the_group_fee(self):
        """reports.md CEO headline 1 (eyes-final8 V2), "The CFO's headline 1 ends the same
        way": revenue in cash ($12,800 earned; $300 received ahead of earning) and the
        $300/month Saltmarsh pays Fernway, net $0."""
        text = one_line(headline(report("cfo")))
        # changed by fixCe S3/R8: docs/reports.md CEO headline 1, the cash received ahead names its line and
        # business, so it never reads as the $300 in-group fee of the same bullet
        self.assertShows(text, r"\$13,100/month in cash \(\$12,800 earned; \$300 of Gift cards sold \(Thimble Row "
                               r"Sewing Studio\) received ahead of earning\)", "cash and earned")
        self.assertShows(text, r"\$300/month paid between the group's businesses \(Saltmarsh Surf School "
                               r"→ Fernway Bookkeeping\), net \$0", "group fee")

    def test_decision_is_saltmarshs_one_story(self):
        """reports.md CFO headline: a season the cash does not reach comes first; Saltmarsh's own
        blast ($631 after costs at the low end) reaches the $600 it needs to reach May, so the
        decision is the one story: send the blast now and fund what it does not bring."""
        text = one_line(headline(report("cfo")))
        self.assertShows(text, r"Decision: Saltmarsh Surf School needs about \$600 more to reach May "
                               r"\(5 months × \$280 against \$800\)", "the need")
        # added by fixCm S1: the need's assumption and the case where lessons stop, 5 × $980 fixed − $800 = $4,100
        # (saltmarsh.md:16-19: 450 + 200 + 300 + 30)
        self.assertShows(text, r"\(5 months × \$280 against \$800\) if it keeps selling 20 lessons a month; about "
                               r"\$4,100 if they stop \(its fixed \$980/month\)", "the assumption")
        # changed by fixV2 U5: docs/reports.md "One story …": even the blast's low end ($631) covers the $600, so the funding is a dated fallback (was "and fund what the blast does not bring")
        self.assertShows(text, r"send its e-mail blast now \(\$25; at its stated rates about 19(?:–25)? lessons, "
                               r"\$631(?:–\$850)? after costs, if booked and paid before May\); if its bookings fall "
                               r"short by 2027-01-12, fund the difference", "the blast step")
        self.assertShows(text, r"\$800 cash lasts 2 months \(to about Feb 2027\)", "its runway")

    def test_break_even_table(self):
        rows = {r[0]: " | ".join(r) for r in table_rows(section(report("cfo"), "Break-even"))}
        for entity in ("saltmarsh", "thimble"):
            e = ENTITY[entity]
            with self.subTest(entity=entity):
                row = rows[e["title"]]
                self.assertRegex(row, money(e["variable_cost_per_unit"]), "variable per unit")
                self.assertRegex(row, money(e["fixed_cost"]), "the one fixed cost")
                if entity == "thimble":
                    # changed by fixB3 W3 (eyes-final18): docs/reports.md CFO Break-even, the cell adds
                    # up on its face: units alone first, ceil($1,370 ÷ ($90 − $28.61)) = ceil(22.3) = 23
                    # (the 2.9% card fee is of Workshops only: none on the gift cards), then the
                    # checker's 18 counting the $300/month of Gift cards sold (thimble.md:12)
                    # changed by fixC3 (fixB3 lead notes): the count with the money moves under the table,
                    # the cell marked "†" (it wrapped over 6 lines at 72 columns); same 23 and 18
                    self.assertRegex(row, rf"\|\s*23\u2020\s*\|\s*{e['units']}$", "units")
                    self.assertRegex(section(report("cfo"), "Break-even"),
                                     rf"\u2020 Thimble Row Sewing Studio: {e['break_even_units']} counting the "
                                     rf"{money(30000)} received ahead", "units counting the money")
                    continue
                self.assertRegex(row, rf"\|\s*{e['break_even_units']}\s*\|\s*{e['units']}$", "units")

    def test_break_even_sentences(self):
        """reports.md CFO Break-even: Saltmarsh's 28 lessons cover $980 exactly; Thimble's 18
        workshops with $300/month of other revenue counted, floor $54.33."""
        text = one_line(section(report("cfo"), "Break-even"))
        self.assertShows(text, r"Saltmarsh Surf School: 28 lessons a month at \$60", "Saltmarsh")
        # changed by fixCf R5 (eyes-final14): docs/reports.md CFO Break-even, other revenue received ahead
        # of earning is said so, with the units on earned revenue alone: the $300/month of Gift cards sold
        # (thimble.md:12) is Accounting's 2400; ceil($1,370 ÷ $61.39 = 22.3) = 23 workshops.
        # changed by fixC3 (fixB3 lead notes): docs/reports.md CFO Break-even, the units alone lead (23, as the
        # table's cell), the checker's 18 after them, "counting the $300 received ahead"; same figures
        self.assertShows(text, r"Thimble Row Sewing Studio: 23 workshops a month at \$90 a workshop cover "
                               r"its costs on earned revenue \(it sells 40 workshops; 18 counting the \$300 "
                               r"received ahead\)",
                         "Thimble")
        self.assertShows(text, r"a workshop can sell for as little as \$54\.33, the price floor", "Thimble floor")

    def test_revenue_targets(self):
        """Formulas: Ridgeline $3,370 × $3,500 ÷ $2,962.50 = $3,981.43 (+$481.43, 13.8%);
        Thimble $300 + $90 × $1,070 ÷ $61.39 = $1,868.66; Fernway $2,825; Saltmarsh $1,680 and
        +8 lessons (+$480) in season; pooled $8,545 × $13,100 ÷ $10,918.10 = $10,252.65."""
        rows = {r[0]: " | ".join(r) for r in table_rows(section(report("cfo"), "Revenue targets"))}
        # rendering.md: the CFO's tables in whole dollars ($3,981.43 → $3,981, $1,868.66 → $1,869)
        self.assertRegex(rows["Ridgeline Bike Repair"], whole(398143), "Ridgeline break-even")
        self.assertRegex(rows["Ridgeline Bike Repair"], whole(48143) + r"/month \(\+13\.8%\)", "gap")
        self.assertRegex(rows["Thimble Row Sewing Studio"], whole(186866), "Thimble break-even")
        self.assertRegex(rows["Thimble Row Sewing Studio"], whole(203134) + r".{0,20}52\.1%", "cushion")
        # changed by fixC3 (fixB3 lead notes): docs/reports.md, the units alone first: 40 - 23 = 17 above, then
        # the checker's 18 "counting the $300 received ahead" (40 - 18 = 22 was the count with the gift cards)
        self.assertRegex(rows["Thimble Row Sewing Studio"], r"17 workshops? above break-even \(40 sold, 23 needed "
                         r"\(18 counting the \$300 received ahead\)\)",
                         "units above")
        self.assertRegex(rows["Fernway Bookkeeping"], money(282500), "Fernway break-even")
        self.assertRegex(rows["Fernway Bookkeeping"], money(167500) + r".{0,20}37\.2%", "Fernway cushion")
        self.assertRegex(rows["Saltmarsh Surf School"], money(168000), "Saltmarsh break-even")
        self.assertRegex(rows["Saltmarsh Surf School"], r"in whole lessons \+8/month \(\+\$480\), in season "
                                                        r"\(off-season until May\)", "Saltmarsh units")
        # changed by fixCf R9 (eyes-final14): docs/handoff-format.md Formulas, break-even revenue, "The
        # pooled row leaves out money paid inside the group": Saltmarsh's $300/month Bookkeeping by Fernway
        # (saltmarsh.md:18, fernway.md:28) comes off both sums: ($8,545 − $300) × ($13,100 − $300) ÷ ($12,800 − $2,181.90) = $8,245 ×
        # $12,800 ÷ $10,618.10 = $9,939.25; cushion $12,800 − $9,939.25 = $2,860.75 (22.3%). Was $10,252.65.
        self.assertRegex(rows["Group, pooled"], whole(993925), "pooled break-even")
        self.assertRegex(rows["Group, pooled"], whole(286075) + r" \(22\.3%\)", "pooled cushion")
        self.assertRegex(rows["Group, pooled"], r"without the \$300/month paid inside the group",
                         "the inside-group fee said")
        # changed by fixB2 W4: handoff-format.md rule 6, the target is 10% of revenue from outside the group,
        # 10% × ($13,100 − $300) = $1,280 (was $1,310), and the basis names the earned outside figure,
        # $12,800 − $300 of gift cards = $12,500
        self.assertRegex(rows["Group, pooled"], r"keeps the \$1,280 surplus target", "pooled target")
        self.assertRegex(rows["Group, pooled"], r"earned and from outside the group: \$12,500", "earned basis")

    def test_price_floors_with_the_percent_fee(self):
        """Rule 6, "A percent of the price scales with the price": Thimble ($26 × 40 + $1,370 −
        $300) ÷ (40 × 0.971) = up($54.3254) = $54.33, not $55.36; never below $26 ÷ 0.971 =
        $26.78. Saltmarsh $25 + $49 = $74, no percent."""
        self.assertEachShows(one_line(section(report("cfo"), "Financial guardrails")), [
            (r"Thimble Row Sewing Studio: [^.;]{0,40}\$54\.33 per workshop", "Thimble floor"),
            (r"÷ \(1 − 2\.9%\): 2\.9% of the price is paid at the floor too", "the percent"),
            (r"Saltmarsh Surf School: price floor \$74(?:\.00)? per lesson", "Saltmarsh floor"),
            (r"variable \$25 \+ other costs \$49 per lesson", "Saltmarsh parts"),
            (r"never sell a lesson below its \$25 variable cost", "Saltmarsh variable")])

    def test_cost_drivers_shares_and_the_rest(self):
        """reports.md CFO Cost drivers: each share of the $10,726.90 gross burn to one decimal
        (Mechanic wages 1,800 ÷ 10,726.90 = 16.8%), and the 13 other lines' $1,576.90 (14.7%);
        break-even's fixed cost equals the authors' ($8,545): no "For break-even" sentence."""
        drivers = section(report("cfo"), "Cost drivers")
        cells = {row[0]: row[-1] for row in table_rows(drivers)}
        self.assertEqual((cells["Mechanic wages"], cells["Tutor fee"], cells["Office share"]),
                         ("fixed (16.8%)", "variable (7.5%)", "fixed (3.7%)"))
        self.assertRegex(drivers, r"13 other expenses\s*\|\s*\|\s*\|\s*\$1,577/month\s*\|\s*\(14\.7%\)")
        self.assertNotIn("For break-even", drivers)

    def test_capital_tiers_and_no_cost_line(self):
        """Rule 3 and reports.md CFO tiers: the scanner keeps "$480 one-off"; the held spends are no
        tier rows; the three $0 actions are named on one line."""
        tiers = section(report("cfo"), "Capital deployment tiers")
        self.assertEqual([row[1:4] for row in table_rows(tiers)[1:]],
                         [["Upgrade the document scanner", "Fernway Bookkeeping", "$480 one-off"]])
        self.assertRegex(one_line(tiers), r"No cost, so not capital: 3 actions — Chase the overdue invoices "
                                          r"\(Fernway Bookkeeping\), Add a Saturday kids' workshop \(Thimble Row Sewing "
                                          r"Studio\), Offer winter servicing packages \(Ridgeline Bike Repair\)"
                                          # added by fixV2 U3: Accounting's roadmap does not date them
                                          r"; the CEO agenda dates them\.")

    def test_room_and_price_cuts(self):
        """Rule 6: room $2,373.10 − $1,310 = $1,063.10 (printed $2,373 − $1,310 = $1,063); a cut
        only where the price is at or above its floor: each $1 off a workshop uses $40/month;
        no cut on lessons (under their floor, check20 E2)."""
        guardrails = one_line(section(report("cfo"), "Financial guardrails"))
        # changed by fixB2 W4: handoff-format.md rule 6, target 10% × ($13,100 − $300 paid inside the group)
        # = $1,280 (was $1,310); room $2,373.10 − $1,280 = $1,093.10, printed $1,093 (was $1,063)
        self.assertEachShows(guardrails, [(r"Surplus target: \$1,280/month \(10% of revenue \$12,800/month: "
                                           r"\$13,100 less the \$300/month paid inside the group\)", "target"),
                                          (r"\$1,093(?:\.10)?/month", "room")])
        # changed by fixB2 W11: reports.md CFO guardrails, net of the 2.9% card fee the cut no longer pays:
        # 40 × $1 × 0.971 = $38.84, rounded up to $39 (was $40)
        self.assertEachShows(guardrails, [(r"each \$1 off a workshop[^.]{0,40}uses \$39/month", "workshop cut"),
                                          (r"no cut on lessons", "no cut on lessons")])

    def test_runways_and_the_pooled_cash(self):
        """Rule 6 and eyes-final11 Y8: Saltmarsh 2 months (Feb 2027); Ridgeline asks for its
        cash; pooled $14,800 not drawn down, naming Ridgeline as stating none."""
        text = one_line(section(report("cfo"), "Financial guardrails"))
        self.assertShows(text, r"Saltmarsh Surf School burns \$280/month: its \$800 cash lasts 2 months "
                               r"\(to about Feb 2027\)", "Saltmarsh runway")
        # the burning business without cash is asked once, on its runway line (reports.md R9)
        asks = lines_with(report("cfo"), "`Cash: $amount`")
        self.assertEqual(len(asks), 1, asks)
        self.assertRegex(asks[0], r"Ridgeline Bike Repair burns \$408/month and states no cash: add `Cash: \$amount` "
                                  r"under `## Assets` of agent_handoffs/projects/ridgeline\.md")
        self.assertShows(text, r"Runway, pooled: cash \$14,800 \(Ridgeline Bike Repair states none\), not being "
                               r"drawn down", "pooled")

    def test_held_spends(self):
        """reports.md CFO capital tiers: a burning business that states no cash holds its spend
        "not before its cash is stated" (eyes-final9 W5); one whose cash lasts under 3 months
        "not before it is funded" (eyes-final6a T14)."""
        text = one_line(report("cfo"))
        self.assertShows(text, r"Hold: Buy a wheel truing stand \(\$650 one-off, Ridgeline Bike Repair\): it "
                               r"states no cash and burns \$408/month; not before its cash is stated", "Ridgeline")
        self.assertShows(text, r"Hold: Replace two rental boards \(\$700 one-off, Saltmarsh Surf School\): it has "
                               r"\$800 cash and burns \$280/month; not before it is funded", "Saltmarsh")

    def test_lost_revenue_risk_above_its_revenue(self):
        """handoff-format.md "A lost revenue never costs more than the revenue it can come from":
        Thimble's $4,000/month of lost workshop bookings against $3,600/month of workshops."""
        text = one_line(section(report("cfo"), "Financial guardrails"))
        self.assertShows(text, r"Thimble Row Sewing Studio's Lost workshop bookings \(\$4,000/month, medium; "
                               r"agent_handoffs/projects/thimble\.md:41\) is more than the \$3,600/month its "
                               r"workshops bring in: no burn is computed from it; ask Ines Carvalho what it "
                               r"measures", "the question")


class CeoTest(Portfolio7TestCase):
    """reports.md CEO."""

    def test_headline(self):
        text = one_line(headline(report("ceo")))
        # changed by fixCe S3/R8: docs/reports.md CEO headline 1, the $300 received ahead names its line and business
        self.assertShows(text, r"Revenue \$13,100/month in cash \(\$12,800 earned; \$300 of Gift cards sold \(Thimble "
                               r"Row Sewing Studio\) received ahead of earning\), gross burn \$10,727/month: surplus "
                               r"\$2,373/month", "line 1")
        self.assertShows(text, r"revenue and costs both hold \$300/month paid between the group's businesses "
                               r"\(Saltmarsh Surf School → Fernway Bookkeeping\), net \$0", "group fee")
        # changed by lead (fixZd eyes-final12 Z6): docs/reports.md CEO headline 2, the one owed total the CFO and
        # Accounting give, with its parts: 2,700 + 900 + 1,200 = $4,800; was "$2,700 overdue (+$900 unbilled)"
        # changed by fixB1 W5: docs/reports.md CEO headline 2, all of the $4,800 is Fernway's (fernway.md:24-30),
        # so the clause names Fernway, never "the group", beside Ridgeline's shortfall
        self.assertShows(text, r"Fernway Bookkeeping is owed \$4,800 by clients \(\$2,700 overdue, \$900 unbilled, \$1,200 billed "
                               r"and not yet due\)", "line 2: late money")

    # check21 F1: handoff-format.md "A lost revenue never costs more than the revenue it can come
    # from" — the report computes no cost, loss or burn from Thimble's $4,000/month (more than its
    # $3,600/month of workshops) and no sentence uses the amount as a loss; reports.md CEO headline 2
    # is "the largest quantified monthly shortfall". By hand that is Ridgeline's $408/month cash
    # shortfall after $500/month of loan payments; the program leads with "Lost workshop bookings
    # (Thimble Row Sewing Studio): $4,000/month at risk".
    # fixed by lead (f0cb8d4, 84f3b50): the program now does what the docs say; expectedFailure removed
    def test_headline_2_is_the_largest_quantified_shortfall(self):
        text = one_line(headline(report("ceo")))
        self.assertShows(text, r"- Ridgeline Bike Repair is short \$408/month in cash after \$500/month of loan "
                               r"payments \(operating profit \$9[23](?:\.50)?\)", "line 2: the cash shortfall")

    def test_decision_is_the_one_story(self):
        """reports.md "One story for a business short of cash until its season": the decision,
        dated with the owner on the revenue-gap line's day (14)."""
        text = one_line(headline(report("ceo")))
        # the decision says the need before the step ("It needs about $600 more to reach May (…):
        # send …"), the agenda line after it ("… of the $600 it needs to reach May"): the same story
        # changed by fixB5 W2: docs/reports.md "The inside-group lever": the need's line names deferring Fernway's
        # $300/month fee (saltmarsh.md:18, fernway.md:28) before the step; it is allowed here and asserted below
        # changed by fixC2 (lead note, CEO decision length): docs/reports.md CEO headline 3, the brief form: the
        # lever without its bracket, the send with its figures and without its caveats (the agenda keeps them)
        self.assertShows(text, r"Decision: Saltmarsh Surf School[^\n]{0,300}"
                               r"(?:, or \$0 if Fernway Bookkeeping defers its \$300/month fee until May\. )?"
                               r"send its e-mail blast now \(\$25; about 19(?:–25)? lessons, \$631(?:–\$850)? after costs\)"
                               # changed by fixV2 U5: docs/reports.md "One story …": even the blast's low end ($631) covers the $600, so the funding is a dated fallback (was "and fund what the blast does not bring")
                               # changed by fixV2 U5: the owner and day follow the send, the dated fallback last
                               r", owner Kai Moreno, by 2026-12-15; if its bookings fall short by 2027-01-12, fund the "
                               r"difference", "the story")
        # changed by fixC2 (lead note, CEO decision length): the brief form says "before its May season: it needs
        # about $600 (about $4,100 if lessons stop)"; the assumption stays in the CFO's and Audit's full line
        self.assertShows(text, r"before its May season: it needs about \$600 ", "the need")
        # added by fixCm S1: the CEO decision says the same assumption and the lessons-stop case ($4,100)
        # changed by lead eyes-final17: docs/reports.md CEO headline 3, the decision's brief form (", about"); the
        # CFO keeps the sums: 5 × $980 − $800 = $4,100
        self.assertShows(text, r"\(about \$4,100 if lessons stop\)", "the stop case")
        self.assertShows(headline(report("cfo")), r"if it keeps selling 20 lessons a month; about \$4,100 if they stop "
                         r"\(its fixed \$980/month\)", "the CFO's sums")
        self.assertShows(text, r"owner Kai Moreno, by " + DATES["d14"], "owner and date")
        self.assertNotIn("cut its costs or fund it this month", text)
        # added by fixB5 W2: docs/reports.md "The inside-group lever": $300/month of Saltmarsh's costs is Fernway's fee
        # (saltmarsh.md:18, fernway.md:28; Fernway makes $1,675 so it can wait): −$280 + $300 = +$20/month, so
        # 5 × (−$20) − $800 < 0: $0; if lessons stop, 5 × ($980 − $300) − $800 = $2,600
        # changed by fixC2 (lead note, CEO decision length): docs/reports.md CEO headline 3, the CEO's brief form names
        # the lever without its bracket; the $2,600 and "the fee stays inside the group" are the CFO's, asserted below
        self.assertShows(text, r"\(about \$4,100 if lessons stop\), or \$0 if Fernway Bookkeeping defers its \$300/month "
                               r"fee until May\. ", "the lever")
        self.assertShows(headline(report("cfo")), r"about \$4,100 if they stop \(its fixed \$980/month\); or \$0 if "
                         r"Fernway Bookkeeping defers its \$300/month fee until May \(about \$2,600 if lessons stop; "
                         r"the fee stays inside the group\)", "the CFO's lever")

    def test_gap_sentence(self):
        """reports.md "The gap sentence": the sum, who burns and who makes money, the room."""
        self.assertEachShows(one_line(gap_paragraph(report("ceo"))), [
            (r"Revenue \$13,100 − costs \$10,727 = a surplus of \$2,373 a month", "sum"),
            (r"Ridgeline Bike Repair burns \$408", "Ridgeline"),
            (r"Saltmarsh Surf School \$280", "Saltmarsh"),
            (r"Fernway Bookkeeping makes \$1,675", "Fernway"),
            (r"Thimble Row Sewing Studio \$1,386", "Thimble"),
            # changed by fixB2 W4: handoff-format.md rule 6, 10% × ($13,100 − $300 inside the group) = $1,280;
            # $2,373 − $1,280 = $1,093 (was $1,310 and $1,063)
            (r"takes \$1,280, leaving \$1,093 a month of room", "room")])

    def test_shortfall_rows(self):
        rows = [one_line(" | ".join(r)) for r in table_rows(section(report("ceo"), "Shortfalls"))
                if re.match(r"^\d+$", r[0])]
        text = "\n".join(rows)

        def row(pattern):
            found = [r for r in rows if re.search(pattern, r)]
            self.assertTrue(found, f"/{pattern}/ in no shortfall row:\n{text}")
            return found[0]
        receivables = row(r"\$2,700 overdue from 2 clients")
        self.assertRegex(receivables, r"largest Pine Street Dental \$1,500", "largest")
        self.assertRegex(receivables, r"\$900 unbilled \(Dockside Marine: Year-end cleanup\)", "unbilled")
        self.assertRegex(receivables, r"\$1,200 more billed and not yet due \(Harbor Florist\)", "billed")
        # changed by lead (fixZd eyes-final12 Z6): the receivables row ranks at the one owed total, $4,800 (overdue
        # + unbilled + billed); was "$3,600 one-off" (overdue + unbilled)
        # changed by fixB1 W5: docs/reports.md CEO Shortfalls, the impact is what is due to act on (2,700 +
        # 900 = $3,600) and ranks by it; the owed total $4,800 follows with the $1,200 (FB-214, 16 days) not yet due
        self.assertRegex(receivables, r"\$3,600 one-off \(\$4,800 with \$1,200 not yet due\)",
                         "impact: the due part, then the owed total")
        ridgeline = row(r"Ridgeline Bike Repair is short \$408/month in cash")
        self.assertRegex(ridgeline, r"after \$500/month of loan payments", "loan")
        # changed by lead eyes-final14 R4: docs/reports.md CEO Shortfalls, a cash shortfall made by loan payments
        # beside an operating profit names the loan and its levers, never "costs exceed revenue; largest cost:
        # Mechanic wages $1,800/month"; $481 is this checker's break-even gap (CFO, $3,981.43 − $3,500)
        self.assertRegex(ridgeline, r"the loan payments take more than the operating profit; refinance the loan or "
                                    r"add \$481/month of revenue", "lever")
        self.assertRegex(ridgeline, r"cash not stated", "runway")
        saltmarsh = row(r"Saltmarsh Surf School loses \$280/month")
        self.assertRegex(saltmarsh, r"needs 8 more lessons a month to break even \(28; it sells 20 in the "
                                    r"off-season, until May\)", "units")
        self.assertRegex(saltmarsh, r"cash lasts 2 months \(to about Feb 2027\)", "runway")
        key = row(r"Key person")
        self.assertRegex(key, r"all of Fernway Bookkeeping's revenue, \$4,500/month \(fernway\.md:11\)", "at stake")
        self.assertRegex(key, r"up to \$4,500/month", "impact")
        unused = row(r"Old invoicing app")
        self.assertRegex(unused, r"\$35/month", "saving")
        supplier = row(r"Supplier delays")
        self.assertRegex(supplier, r"how much revenue a month would it take\? add `\$X/month` to the risk line, "
                                   r"ridgeline\.md:29", "question")

    def test_shortfall_lost_revenue_risk_is_asked(self):
        """handoff-format.md "A lost revenue never costs more than the revenue it can come from":
        the CEO's row says it is more than the $3,600/month the workshops bring in and asks."""
        rows = [" | ".join(r) for r in table_rows(section(report("ceo"), "Shortfalls"))]
        found = [r for r in rows if "Lost workshop bookings" in r]
        self.assertTrue(found, "no row for the risk")
        self.assertRegex(found[0], r"more than the \$3,600/month its workshops bring in", "compared")
        self.assertRegex(found[0], r"ask Ines Carvalho what it measures", "asked")
        self.assertNotRegex(found[0], r"would (?:leave|cut|deepen)", "no cost computed from it")
        # added by fixB1 W6: docs/reports.md CEO Shortfalls, one wording in the row and the agenda line, the
        # amount as written (thimble.md:41, $4,000) first, so one risk never reads as two figures
        said = (r"Lost workshop bookings[^|]*\$4,000/month as written, more than the \$3,600/month its workshops "
                r"bring in; ask Ines Carvalho what it measures")
        self.assertRegex(found[0], said, "the row says the amount as written")
        agenda = " ".join(" | ".join(r) for r in table_rows(section(report("ceo"), "30-day agenda")))
        self.assertRegex(agenda, said, "the agenda says the row's words")

    def test_shortfall_order(self):
        """reports.md CEO Order: money lost/owed by impact (receivables $3,600, Ridgeline $408,
        Saltmarsh $280), then the exposures by amount (Key person up to $4,500, the $35 app),
        then the unquantified (Supplier delays, low)."""
        order = [" | ".join(r) for r in table_rows(section(report("ceo"), "Shortfalls")) if re.match(r"^\d+$", r[0])]
        # changed by fixC2 C11: docs/reports.md CEO Order "then the revenue gap of a business whose cash runs
        # out before its season opens ... whatever its amount": Saltmarsh ($800 cash, runs out about Feb 2027,
        # its season in May) ranks first; the rest keep the checker's order
        keys = [r"Saltmarsh Surf School loses", r"\$2,700 overdue", r"Ridgeline Bike Repair is short",
                r"Key person", r"Old invoicing app", r"Supplier delays"]
        positions = []
        for key in keys:
            found = [i for i, r in enumerate(order) if re.search(key, r)]
            self.assertTrue(found, key)
            positions.append(found[0])
        self.assertEqual(positions, sorted(positions), order)

    def test_agenda(self):
        rows = agenda_rows()
        text = "\n".join(" | ".join(r) for r in rows)

        def row(pattern):
            found = [r for r in rows if re.search(pattern, r[1])]
            self.assertTrue(found, f"/{pattern}/ on no agenda row:\n{text}")
            return found[0]
        collect = row(r"Chase the overdue invoices")
        self.assertEqual(collect[0], DATES["d7"])
        self.assertRegex(collect[1], r"collect \$2,700 overdue one-off \(2 items; largest: Pine Street Dental: "
                                     r"Invoice FB-190 \$1,500\)")
        self.assertEqual(collect[3], "Nadia Brooks")
        # changed by lead (fixZd eyes-final13 Q15): docs/reports.md 30-day agenda, an Item cell starts with a capital letter
        invoice = row(r"Invoice \$900 unbilled one-off \(Dockside Marine: Year-end cleanup\)")
        self.assertEqual(invoice[0], DATES["d14"])
        cancel = row(r"Cancel Old invoicing app \(\$35/month\)")
        self.assertEqual(cancel[0], DATES["d14"])
        close = row(r"Close the \$408/month cash shortfall")
        self.assertEqual(close[0], DATES["d14"])
        self.assertEqual(close[3], "Theo Lindqvist")
        # changed by fixCe S8: docs/reports.md 30-day agenda, an Item cell names whose blast (no "its")
        blast = row(r"Send Saltmarsh Surf School's e-mail blast now")
        self.assertEqual(blast[0], DATES["d14"])
        self.assertEqual(blast[3], "Kai Moreno")
        key = row(r"Plan for Key person: up to \$4,500/month at stake \(all of Fernway Bookkeeping's revenue\)")
        self.assertEqual(key[0], DATES["d21"])
        self.assertEqual(key[3], "Nadia Brooks")

    def test_agenda_state_the_cash_before_the_held_spend(self):
        """reports.md "One date per action" (eyes-final11 Y3): Ridgeline's high $650 stand waits
        until its cash is stated, so its day-7 slot is stating the cash (it names an owner, so
        no "and name its owner")."""
        rows = agenda_rows()
        found = [r for r in rows if "Ridgeline" in r[2] and r[0] == DATES["d7"]]
        self.assertTrue(found, rows)
        # the docs' example names the thing ("the advanced module, $600 one-off, waits on it");
        # how the noun is taken from the label is not written (check21 F6): either reading passes
        # changed by lead (fixZd eyes-final13 Q15): docs/reports.md 30-day agenda, an Item cell starts with a capital letter
        self.assertRegex(found[0][1], r"State Ridgeline Bike Repair's cash \((?:the wheel truing stand|Buy a wheel "
                                      r"truing stand), \$650 one-off, waits on it\)")
        self.assertNotIn("name its owner", found[0][1])

    def test_later_line(self):
        """reports.md: the actions due after 30 days, each with its one date; a spend held until
        it is funded keeps its words."""
        text = one_line(section(report("ceo"), "30-day agenda"))
        later = text[text.find("Later"):]
        # added by fixV2 U3: docs/reports.md CEO agenda "Later:": Accounting lists no-cost actions as "No cost,
        # so not in the table", undated, so the line points at no other report for the kids' workshop's date
        self.assertTrue(later.startswith("Later: "), later[:40])
        self.assertNotIn("Accounting's roadmap", later.split(".")[0])
        self.assertShows(later, r"Replace two rental boards \(\$700 one-off, on hold until it is funded\) "
                                r"\(Saltmarsh Surf School, by " + DATES["d60"] + r"\)", "boards")
        self.assertShows(later, r"Add a Saturday kids' workshop \(Thimble Row Sewing Studio, by " +
                         DATES["d60"] + r"\)", "workshop")
        self.assertShows(later, r"Upgrade the document scanner \(\$480 one-off\) \(Fernway Bookkeeping, by " +
                         DATES["d90"] + r"\)", "scanner")
        # changed by fixCe S4/R7: docs/reports.md "One date per action", unknown cash is not safe cash: Ridgeline
        # burns and states no cash, so its revenue action is a day-28 agenda row, not on the Later line
        self.assertNotIn("Offer winter servicing packages", later)
        servicing = [r for r in agenda_rows() if r[1].startswith("Offer winter servicing packages")]
        # changed by fixV2 U9: docs/reports.md "One date per action": the packages cost nothing and are the first
        # step of Ridgeline's gap line (the Audit's "first step: offer winter servicing packages"), so they are due
        # with that line, 14 days, not 28 (was DATES["d28"])
        self.assertEqual([r[0] for r in servicing], [DATES["d14"]], "servicing: 14 days, with its gap line")
        gap = [r for r in agenda_rows() if r[1].startswith("Close the $408/month cash shortfall")]
        self.assertEqual([r[0] for r in gap], [DATES["d14"]], "the gap line it is the first step of")

    def test_data_quality_asks_ridgelines_cash_once(self):
        """reports.md CEO revenue-gap row: "; cash not stated" is a gap named in few words, so Data
        quality asks for it (R9); nothing else is missing in the portfolio CEO."""
        asks = [line for line in data_quality(report("ceo")).splitlines() if line.startswith("- ")]
        self.assertEqual(asks, ["- Missing: add `Cash: $amount` to the Assets of agent_handoffs/projects/ridgeline.md"])

    def test_each_scope_gives_an_item_the_portfolios_date(self):
        """reports.md "One date per action": an item on a business's own agenda has the date the
        portfolio agenda gives it."""
        portfolio = {item: due for due, item, _entity, _owner in agenda_rows()}
        for entity in ENTITY:
            own = [(r[1], r[2]) for r in table_rows(section(report("ceo", entity), "30-day agenda"))
                   if re.match(r"^\d+$", r[0])]
            shared = [(item, due) for due, item in own if item in portfolio]
            self.assertTrue(shared, entity)
            self.assertEqual(shared, [(item, portfolio[item]) for item, _due in shared], entity)

    def test_ridgelines_own_decision_states_its_cash_first(self):
        """reports.md CEO headline 3 (check20 E8): the agenda's first line spends money at a business
        that burns and states no cash, so the decision is to state the cash first, in the loan's
        words (handoff-format.md "A loan's principal is not a loss")."""
        self.assertIn("Decision: state Ridgeline Bike Repair's cash before Buy a wheel truing stand ($650 one-off): "
                      "it is short $408/month in cash after $500/month of loan payments (operating profit $92.50), "
                      "owner Theo Lindqvist, by " + DATES["d7"], one_line(headline(report("ceo", "ridgeline"))))

    def test_missing_kpis(self):
        rows = [" | ".join(r) for r in table_rows(section(report("ceo"), "Missing KPIs"))]
        text = "\n".join(rows)
        self.assertRegex(text, r"Average days to collect[^\n]*fernway\.md:35")
        self.assertRegex(text, r"Repeat student rate[^\n]*thimble\.md:29")


class CtoTest(Portfolio7TestCase):
    def test_headline(self):
        """reports.md CTO: no site in scope; tech spend $195/month; saving $35/month."""
        text = one_line(headline(report("cto")))
        # changed by fixAu S7: docs/reports.md CTO headline 1, listed domains with no Site read as not checked, not "no site"
        self.assertShows(text, r"4 domains listed \(fernway\.example\.com, ridgeline\.example\.com, "
                               r"saltmarsh\.example\.com, thimblerow\.example\.com\) but no `?Site`? to inspect: "
                               r"security was not checked", "no site")
        self.assertShows(text, r"Tech spend \$195/month; savings \$35/month", "spend")
        self.assertShows(text, r"Decision: cancel Old invoicing app at Fernway Bookkeeping \(unused; saves "
                               r"\$35/month\)", "decision")


class CmoTest(Portfolio7TestCase):
    def test_headline(self):
        """reports.md CMO headline: 4 channels in 3 of 4 entities; the one blast model is the best:
        19–25 lessons, $631–$850 after costs; decision the one story."""
        bullets = [line for line in headline(report("cmo")).splitlines() if line.startswith("- ")]
        self.assertEqual(len(bullets), 3, bullets)
        # changed by lead (fixZb eyes-final12 Z16): docs/reports.md CMO headline 1 counts listings and channels:
        # LinkedIn, E-mail list, Instagram (Saltmarsh and Thimble) = 4 listings on 3 channels
        self.assertRegex(bullets[0], r"Channels: 4 listings on 3 channels across 3 businesses \(of 4 in scope\), none "
                                     r"to set up")
        # changed by fixCm S8: docs/reports.md CMO headline 2, Saltmarsh has the only blast model (saltmarsh.md:29-33;
        # no other handoff lists `Email list recipients`), so "best" of one reads "E-mail blast"
        self.assertRegex(bullets[1], r"^- E-mail blast: Saltmarsh Surf School, 19–25 lessons per send, adding "
                                     r"\$631–\$850 after costs")
        self.assertShows(one_line(bullets[2]), r"Decision: send Saltmarsh Surf School's e-mail blast now \(\$25; at its stated "
                               # changed by fixV2 U5: docs/reports.md "One story …": even the blast's low end ($631) covers the $600, so the funding is a dated fallback (was "and fund what the blast does not bring")
                               r"rates about 19(?:–25)? lessons, \$631(?:–\$850)? after costs, if booked and paid before May\); if its "
                               r"bookings fall short of the \$600 it needs to reach May by 2027-01-12, fund the difference", "decision")

    def test_plans(self):
        """reports.md CMO plans: Ridgeline's revenue gap is the CFO's $481 (not its $408 burn) and
        it is asked for a Marketing section; Saltmarsh's gap is the season's; Thimble's 8 spare
        workshops with its revenue action in the 60-day window, Ridgeline's in the 90-day one."""
        cmo = one_line(report("cmo"))
        self.assertIn("Ridgeline Bike Repair burns $408/month: it needs $481 a month more revenue to break even "
                      "(costs that move with revenue grow with it)", cmo)
        self.assertIn("No `## Marketing` section: add one to agent_handoffs/projects/ridgeline.md", cmo)
        # changed by lead eyes-final11 Y4: docs/reports.md CMO Plans "Revenue gap", an off-season business's loss
        # is the off-season's beside its break-even (28) and what it sells (20) and can sell (160,
        # saltmarsh.md KPIs); was "in season it needs 28 lessons a month to break even (it sells 20 in the
        # off-season, until May)"
        self.assertIn("Saltmarsh Surf School burns $280/month in the off-season, until May: it sells 20 lessons a "
                      "month and breaks even at 28 (of 160 available)", cmo)
        self.assertRegex(cmo, r"Sell the 8 workshops/month still available: at the \$61\.39 contribution, up to "
                              r"\$491\.12/month\. The marketing steps below are to fill them\. .{0,40}60 days - Add a "
                              r"Saturday kids' workshop")
        # changed by fixCe S4/R7: docs/reports.md "One date per action": 28 days, the 30-day window
        self.assertRegex(cmo, r"30 days - Offer winter servicing packages")

    def test_blast_model(self):
        """Rule 5: 18.75–25 conversions (18.8–25), $1,125–$1,500 of bookings ($1,130–$1,500), net
        of the $25 send $1,100–$1,475 ($1,100–$1,480), after $25 of costs per lesson $631–$850."""
        blast = one_line(section(report("cmo"), "E-mail blast"))
        # changed by lead eyes-final14 R1: docs/rendering.md Rounding, whole dollars under $10,000: the hand figures
        # $1,125–$1,500 and $1,100–$1,475 are shown as they are (were $1,130–$1,500 and $1,100–$1,480)
        self.assertEachShows(blast, [(r"18\.8", "low conversions"), (r"\$1,125–\$1,500 of bookings", "bookings"),
                                     (r"\$1,100–\$1,475", "net of the send")])
        self.assertShows(blast, r"after \$25(?:\.00)? of costs per lesson[^.]{0,30}\$631–\$850", "after unit costs")


class AccountingTest(Portfolio7TestCase):
    def test_headline(self):
        """reports.md Accounting headline: earned revenue and the operating result lead (a
        recurring line is deferred); receivables split into what clients owe and unbilled work;
        Ridgeline's burn with the one ask for its cash."""
        text = one_line(headline(report("cao")))
        # changed by fixAc eyes-final16 T3/T8: docs/reports.md Accounting headline, at most three bullets in
        # whole dollars like the CEO and CFO (was "$2,573.10", "$2,373.10", "$407.50"), the cash ask in Data
        # quality only (was ": add `Cash: $amount` under `## Assets` of agent_handoffs/projects/ridgeline.md"
        # on the headline's line)
        # changed by fixAc eyes-final16 T6: docs/reports.md Accounting headline, the consolidated figure beside
        # the group total (eyes-final15 S3 by hand: earned revenue from outside customers is $12,500)
        self.assertShows(text, r"Earned revenue \$12,800/month \(consolidated, without the \$300/month paid inside "
                               r"the group: \$12,500\), operating result \$2,573/month", "earned")
        # changed by lead (fixZa eyes-final12 Z2): docs/reports.md Revenue recognition, Accounting says why earned
        # revenue leaves out money received ahead and that the handoff states none of it earned; was "$300/month
        # more received ahead of earning (Gift cards sold: a liability until earned)"
        # changed by fixC4 eyes-final19 A3: docs/reports.md Accounting headline, the handoff is silent on how much is
        # earned, it never says "none" (was "handoff states none of it earned yet")
        self.assertShows(text, r"Earned revenue leaves out the \$300/month received ahead of earning \(Gift cards sold\): the "
                               r"handoff does not say how much of it is earned a month, so none is counted as earned yet",
                         "deferred")
        # changed by lead eyes-final22 D3: the bracket names Ridgeline's $500/month of loan payments too
        # (docs/reports.md Accounting headline 1), so 2,573 + 300 - 500 = 2,373 adds up as printed.
        self.assertShows(text, r"in cash \(with the \$300/month received ahead, less the \$500/month of loan "
                               r"payments\), surplus \$2,373/month", "in cash")
        self.assertShows(text, r"Saltmarsh Surf School burns \$280/month: its \$800 cash lasts 2 months", "Saltmarsh")
        self.assertShows(text, r"Ridgeline Bike Repair burns \$408/month and states no cash", "Ridgeline")
        self.assertShows(one_line(section(report("cao"), "Data quality")),
                         r"`Cash: \$amount`[^.]{0,80}agent_handoffs/projects/ridgeline\.md", "Ridgeline's cash asked")
        self.assertShows(text, r"Receivables \$4,800: clients owe \$3,900 \(\$2,700 overdue\) and \$900 of work is "
                               r"not yet billed", "receivables")
        self.assertShows(text, r"\$1,500 is over 90 days old", "over 90")

    def test_decision_collects_the_oldest(self):
        text = one_line(headline(report("cao")))
        self.assertShows(text, r"Pine Street Dental owes Fernway Bookkeeping \$1,500(?: \(Invoice FB-190\))?, sent 122 days ago and "
                               r"overdue: collect it first, then the other \$1,200 overdue \(Harbor Florist: "
                               r"Invoice FB-201\)", "decision")

    def chart(self):
        rows = {}
        for r in table_rows(section(report("cao"), "Chart of accounts")):
            m = re.match(r"^(\d{4})\b", r[0])
            if m and m.group(1) not in rows:
                rows[m.group(1)] = r
        return rows

    def test_chart_totals(self):
        """reports.md chart: 1200 $3,900 and 1210 $900 apart (eyes-final11 Y1); 2400 received
        $300; 2500 $500; 4010/4015/4020; 5000 and 6000 rows by hand."""
        rows = self.chart()
        for account, cents in PORTFOLIO["accounts"].items():
            if account in ("4000", "5000", "6000", "2400_received"):
                continue
            with self.subTest(account=account):
                self.assertIn(account, rows)
                self.assertRegex(rows[account][-1], money(cents), f"{account} total")
        text = one_line(section(report("cao"), "Chart of accounts"))
        self.assertShows(text, r"Total revenue \(4000\)[^\n]{0,200}" + money(1280000), "4000")
        self.assertShows(text, r"Total cost of sales \(5000\)[^\n]{0,200}" + money(218190), "5000")
        self.assertShows(text, r"Total operating expenses \(6000\)[^\n]{0,200}" + money(804500), "6000")
        self.assertShows(text, r"Operating result[^\n]{0,200}" + money(257310), "operating result")
        self.assertShows(text, r"2400 Deferred revenue received[^\n]{0,200}" + money(30000), "2400")

    def test_group_fee_line_and_loan_note(self):
        text = one_line(report("cao"))
        self.assertShows(text, r"Inside the group: Fernway Bookkeeping bills Saltmarsh Surf School \$300/month "
                               r"\((?:agent_handoffs/projects/)?fernway\.md:28\), in Fernway Bookkeeping's revenue and Saltmarsh Surf School's "
                               # changed by fixC4 eyes-final21 C12: docs/reports.md Accounting, "not eliminated in the
                               # table above", with the consolidated revenue: $12,800 − the $300 fee = $12,500
                               r"costs \(Bookkeeping by Fernway, (?:agent_handoffs/projects/)?saltmarsh\.md:18\): not eliminated "
                               r"in the table above \(net effect on the group's result \$0\); consolidated revenue is "
                               r"\$12,500", "group fee")
        self.assertShows(text, r"interest: \$X/month`[^.]{0,60}6110", "loan note")

    def test_receivables_aging_apart_from_unbilled(self):
        """Rule 2 (eyes-final11 Y1): invoices aged 0–30 $1,200, 61–90 $1,200, 90+ $1,500; the
        $900 of unbilled work not aged."""
        text = one_line(section(report("cao"), "Receivables"))
        self.assertShows(text, r"0–30[^\n$]{0,20}" + money(120000), "0–30")
        self.assertShows(text, r"61–90[^\n$]{0,20}" + money(120000), "61–90")
        self.assertShows(text, r"90\+[^\n$]{0,20}" + money(150000), "90+")
        self.assertShows(text, r"Not aged: \$900 of unbilled work \(not yet invoiced\)", "not aged")
        self.assertNotRegex(text, r"31–60", "no empty age")

    def test_revenue_recognition(self):
        """reports.md Revenue recognition: gift cards held in 2400 until redeemed; Parts sales at each
        sale (a label word starting with "sale"); per-unit lines on delivery of each unit."""
        recognised = {row[1]: row[-1] for row in table_rows(section(report("cao"), "Revenue recognition"))}
        # changed by lead (fixZa eyes-final12 Z2): the row says none is stated earned yet
        self.assertEqual(recognised["Gift cards sold"],
                         "cash now; revenue when redeemed (held in 2400 Deferred revenue until then; none stated "
                         "earned yet)")
        self.assertEqual((recognised["Parts sales"], recognised["Lessons"], recognised["Workshops"]),
                         ("at each sale", "on delivery of each lesson", "on delivery of each workshop"))

    def test_expense_audit(self):
        """reports.md Expense audit: the two `tech`-only lines on one line above the table; the
        unused app is a row, not asked to be tagged."""
        audit = one_line(section(report("cao"), "Expense audit"))
        self.assertIn("Saltmarsh Surf School: Website and booking (agent_handoffs/projects/saltmarsh.md:19); "
                      "Thimble Row Sewing Studio: Booking software (agent_handoffs/projects/thimble.md:21)", audit)
        self.assertRegex(audit, r"Old invoicing app \| \$35/month \| unused")

    def roadmap(self):
        return one_line(section(report("cao"), "Quarter-by-quarter roadmap"))

    def test_roadmap(self):
        text = self.roadmap()
        # changed by fixAc eyes-final16 T8 / eyes-final15 S8: docs/reports.md Accounting roadmap, the Step cell
        # names the business where it said a bare "its" (was "Send its e-mail blast now")
        self.assertShows(text, r"Send Saltmarsh Surf School's e-mail blast now[^|]{0,300}, by " + DATES["d14"], "blast row")
        self.assertShows(text, r"cost \$25 one-off; bookings not counted", "blast cost")
        self.assertShows(text, r"If Saltmarsh Surf School sells 28 lessons a month \(today 20\)", "Saltmarsh target")
        self.assertShows(text, r"Q2 2027[^|]*\|[^|]*If Saltmarsh", "target in the season's quarter")
        self.assertShows(text, r"Target: if Ridgeline Bike Repair raises revenue by \$481 a month to \$3,981 "
                               r"\(break-even\)", "Ridgeline target")
        self.assertShows(text, r"Ridgeline Bike Repair burns \$407\.50/month and states no cash", "today line")

    def test_one_off_cash_by_quarter_keeps_holds_apart(self):
        """reports.md roadmap (eyes-final11 Y2): Q4 2026 $25 out (+$650 on hold), $2,700 in; Q1
        2027 $480 out (+$700 on hold), $900 in."""
        text = self.roadmap()
        self.assertShows(text, r"Q4 2026 \$25 out \(\+\$650 on hold\), \$2,700 in", "Q4")
        # changed by fixC4 eyes-final20 B8: docs/reports.md Accounting roadmap, money billed and not yet due is next
        # quarter's cash in with the unbilled work: FB-214's $1,200 (fernway.md:25, 16 days) + the $900 cleanup = $2,100
        self.assertShows(text, r"Q1 2027 \$480 out \(\+\$700 on hold\), \$2,100 in \(unbilled work invoiced and "
                               r"collected \$900; billed and not yet due \$1,200\)", "Q1")

    # check21 F5: reports.md "One date per action" — one function (`report_spend_waits_for_funding`)
    # holds a spend "so the CFO's capital tiers, the CEO's agenda, Accounting and the Audit's rule 10
    # agree", and the one-off cash line counts the boards "+$700 on hold"; the roadmap's own row of
    # Saltmarsh's $700 boards says only "(its cash runs out about Feb 2027)", never that it is held,
    # while Ridgeline's row says "(on hold until its cash is stated)".
    # expectedFailure removed by fixAc (check21 F5, eyes-final14 R11): docs/reports.md Accounting roadmap, a
    # one-off spend the other reports hold says so in its Step cell, the cash note beside it.
    def test_held_boards_row_says_it_is_on_hold(self):
        text = self.roadmap()
        self.assertShows(text, r"Replace two rental boards \([^)]*on hold until it is funded", "boards held")

    def test_after_the_steps(self):
        text = self.roadmap()
        self.assertShows(text, r"After these steps: profitable[^|]*\|[^\n]*" + money(240810), "after")


class AuditTest(Portfolio7TestCase):
    def recommendations(self, entity):
        return one_line(section(report("audit", entity), "Recommendations"))

    def test_fernway(self):
        text = one_line(report("audit", "fernway"))
        self.assertIn("Owed $4,800 one-off", headline(report("audit", "fernway")), "line 2 of the headline")
        self.assertShows(text, r"Owed \$4,800 one-off: overdue \$2,700, unbilled \$900, billed and not yet due "
                               r"\$1,200", "owed")
        self.assertShows(text, r"Who does the work: Associate bookkeeper \(\$2,200/month, fernway\.md:15\); hours "
                               r"not stated: add a `## Team` section to agent_handoffs/projects/fernway\.md",
                         "capacity")
        self.assertShows(text, r"Key person[^\n]{0,120}at risk: all of Fernway Bookkeeping's revenue, "
                               r"\$4,500/month \(fernway\.md:11\)", "risk")
        recs = self.recommendations("fernway")
        self.assertShows(recs, r"Invoice FB-190[^;]{0,40}122 days", "oldest")
        self.assertShows(recs, r"the handoff's own step: Chase the overdue invoices \(no cost, high priority, by " +
                         DATES["d7"] + r"; (?:agent_handoffs/projects/)?fernway\.md:51\)", "own step")
        self.assertShows(recs, r"\$900[^.]{0,60}Year-end cleanup", "invoice the unbilled")
        self.assertShows(recs, r"Old invoicing app[^.]{0,30}\$35/month", "cancel")

    def test_ridgeline(self):
        """handoff-format.md "A loan's principal is not a loss": the cash flow with the loan payments
        in it and the operating result beside it; the paid role names who does the work (Y7)."""
        text = one_line(report("audit", "ridgeline"))
        first = headline(report("audit", "ridgeline")).splitlines()[2]
        # changed by fixC5 A7: the interest is not split out, so the cash flow is after the payments and the
        # operating result before them, the split said missing (handoff-format.md, "A loan's principal is not a loss")
        self.assertRegex(first, r"expenses \$3,907\.50/month: cash flow \**-\$407\.50/month\** after \$500/month of "
                                r"loan payments; operating profit \$92\.50 before them \(the interest share is not stated\)")
        self.assertShows(text, r"Who does the work: Mechanic wages \(\$1,800/month, ridgeline\.md:16\); hours not "
                               r"stated", "capacity")
        self.assertShows(text, r"add `Cash: \$amount` under `## Assets` of agent_handoffs/projects/ridgeline\.md",
                         "cash ask")
        recs = self.recommendations("ridgeline")
        self.assertShows(recs, r"\$481\.43 a month more revenue closes it \(break-even \$3,981\.43\)", "close")
        # changed by lead eyes-final14 R4: docs/reports.md, the Audit's lever for a burn made by loan payments
        # beside an operating profit is refinancing, never cutting the largest cost (Mechanic wages)
        self.assertShows(recs, r"or refinance the loan: the \$500/month of loan payments take more than the "
                               r"\$92\.50 operating profit", "loan")

    def test_saltmarsh(self):
        text = one_line(report("audit", "saltmarsh"))
        self.assertShows(text, r"\$74(?:\.00)? per lesson", "floor")
        self.assertShows(text, r"-\$14(?:\.00)?/lesson", "net margin")
        recs = self.recommendations("saltmarsh")
        # changed by fixCm S1: docs/reports.md CEO headline 3, the need says its assumption (saltmarsh.md:23 "Lessons per
        # month: 20" is not said to be the off-season's) and the case where lessons stop: fixed 450 + 2,400/12 + 300 +
        # 30 = $980 (saltmarsh.md:16-19); 5 × 980 − 800 = $4,100
        # changed by lead eyes-final18 W1: docs/reports.md "One story …", the Audit leads with the send, never "Fund the off-season"
        self.assertShows(recs, r"Send its e-mail blast now \([^)]*\) to bridge the off-season: it needs about \$600 more "
                               r"to reach May \(5 months × \$280 "
                               r"against \$800\) if it keeps selling 20 lessons a month; about \$4,100 if they stop "
                               # changed by fixB5 W2: docs/reports.md "The inside-group lever", the same line as the CEO's and
                               # CFO's: 5 × ($280 − $300) − $800 < 0 → $0; 5 × ($980 − $300) − $800 = $2,600
                               r"\(its fixed \$980/month\); or \$0 if Fernway Bookkeeping defers its \$300/month fee until "
                               r"May \(about \$2,600 if lessons stop; the fee stays inside the group\); if its bookings "
                               r"fall short", "fund the off-season")
        self.assertShows(recs, r"its \$800 cash lasts 2 months \(to about Feb 2027\)", "runway")
        self.assertShows(recs, r"When the season opens, sell at least 28 lessons a month to break even \(20 now, "
                               r"160 available\)", "rule 4 off-season")

    def test_thimble(self):
        text = one_line(report("audit", "thimble"))
        # changed by lead (fixZb eyes-final12 Z12): docs/handoff-format.md rule 6, a floor that rounding moved says
        # "rounded up to the cent" once, before its bracket; the $54.33 is unchanged
        self.assertShows(text, r"\$54\.33 per workshop, rounded up to the cent \(variable cost without its 2\.9% of "
                               r"price \+ fixed share, ÷ \(1 − 2\.9%\)\)", "floor")
        self.assertShows(text, r"contribution \$61\.39", "contribution")
        self.assertShows(text, r"Lost workshop bookings: \$4,000/month; more than the \$3,600/month its workshops "
                               r"bring in; ask Ines Carvalho what it measures", "risk row")
        recs = self.recommendations("thimble")
        self.assertShows(recs, r"Sell the 8 workshops/month still available: at the \$61\.39 contribution, up to "
                               r"\$491\.12/month", "spare")
        self.assertShows(recs, r"Add a Saturday kids' workshop \(no cost, medium priority, by " + DATES["d60"] +
                         r"; (?:agent_handoffs/projects/)?thimble\.md:45\)", "the risk's answering action")
        self.assertShows(recs, r"Repeat student rate", "measure")
        # added by fixB3 W3/W2b (eyes-final18): docs/reports.md Audit, beside the $300/month of Gift cards sold
        # (thimble.md:12) that Data quality asks may be inside the 40 workshops, the break-even on units alone
        # first, ceil($1,370 ÷ $61.39) = 23, then 18 counting it; cash flow $1,385.60 − $300 (no fee on it:
        # the 2.9% is of Workshops) = $1,085.60
        self.assertShows(text, r"Break-even: 23 workshops/month \(18 counting the \$300 received ahead\)", "break-even")
        self.assertShows(text, r"cash flow \**\$1,385\.60/month\** if the \$300 of Gift cards sold is on top of "
                               r"the 40 workshops; \$1,085\.60 if those workshops include it \(confirm with Ines "
                               r"Carvalho\)", "cash flow both ways")

    # check21 F2: handoff-format.md "A lost revenue never costs more than the revenue it can come
    # from": when the amount is more than that revenue "the report computes no cost, loss or burn
    # from it (`report_risk_cost` is $0 and no sentence uses the amount as a loss): it says the amount
    # is more than that revenue and asks the owner"; reports.md Audit rule 9 says a risk's cost only
    # for "a risk measured at today's margin". The recommendation reads "at today's margin it would
    # cost $0/month and cut the $1,386/month surplus to $1,386/month".
    # fixed by lead (f0cb8d4, 84f3b50): the program now does what the docs say; expectedFailure removed
    def test_thimble_risk_recommendation_asks_what_it_measures(self):
        recs = self.recommendations("thimble")
        self.assertNotRegex(recs, r"would cost \$0/month", "no cost computed from it")
        self.assertShows(recs, r"Lost workshop bookings[^\n]{0,200}more than the \$3,600/month its workshops bring "
                               r"in; ask Ines Carvalho what it measures", "the question")

    # check21 F3: reports.md Audit rule 10 writes an action "its cost with its period, or "no cost"
    # for a $0 one" and its priority ("no cost, high priority"); "untagged" means no priority
    # (reports.md "One date per action"). Ridgeline's untagged revenue action reads "(no cost, —
    # priority; …)", a dash where no priority exists.
    # fixed by lead (f0cb8d4, 84f3b50): the program now does what the docs say; expectedFailure removed
    def test_untagged_action_has_no_dash_priority(self):
        recs = self.recommendations("ridgeline")
        self.assertShows(recs, r"Offer winter servicing packages \(no cost", "the action")
        self.assertNotIn("— priority", recs)

    # check21 F4: reports.md "One date per action": a business that burns and states no cash holds its
    # spend "until its cash is stated", one function for the CFO, the CEO, Accounting and the Audit's
    # rule 10. Ridgeline's audit holds the stand "until the funding decision is made", a decision its
    # report never asks for (rule 2 is "close the net burn": its cash is unknown, not under 3 months).
    # fixed by lead (f0cb8d4, 84f3b50): the program now does what the docs say; expectedFailure removed
    def test_ridgeline_hold_waits_for_its_cash(self):
        recs = self.recommendations("ridgeline")
        self.assertShows(recs, r"hold Buy a wheel truing stand \(\$650 one-off[^)]*\) until its cash is stated",
                         "the hold")


if __name__ == "__main__":
    unittest.main()
