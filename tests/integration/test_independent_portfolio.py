"""An independent portfolio (issue 14): five businesses written from
docs/handoff-format.md alone, every figure computed by hand in
tests/fixtures/independent-portfolio/EXPECTED.md and kept in cents in its
expected.json. Each test renders one persona for one scope and looks for the
hand figure written the way the docs write it ("$1,350/month",
"$10,200.90–$43,523.84", "104 meals", "$1,650 one-off").

A test marked expectedFailure is a known mismatch between the program and the
docs; its comment names the mismatch and what the program shows instead. The
lead decides which side changes: the hand figures are not adjusted to the
program."""
import json
import os
import re
import shutil
import unittest

from support import SOURCE_DIR, TempDir, run

ROOT = os.path.join(SOURCE_DIR, "tests", "fixtures", "independent-portfolio")
NOW = "2026-11-30T09:00:00Z"
# changed by fixW Y1: invoices only are aged (handoff-format.md rule 2); Corner Yoga Studio is
# unbilled (ledgerline.md:19), so its November close $400 (2026-11-27, 3 days) leaves 0–30 and its
# catch-up $1,800 (2026-08-14, 108 days) leaves 90+: the $2,200 unbilled is said apart
LEDGERLINE_UNBILLED = {"age_0_30": 40000, "age_90_plus": 180000}
PROJECTS = "agent_handoffs/projects"
with open(os.path.join(ROOT, "expected.json")) as expected_file:
    EXPECTED = json.load(expected_file)


def docs_rule_6_revised():
    """Rule 6 was revised (other revenue nets the price floor; room =
    surplus − margin of safety): does docs/handoff-format.md in this tree
    hold the revision?"""
    with open(os.path.join(SOURCE_DIR, "docs", "handoff-format.md")) as docs:
        return "**other revenue**" in docs.read()


def follow_the_docs_rule_6(expected):
    """The hand figures of both versions of rule 6 are in expected.json; the
    tests check the version the docs in this tree define. Returns the entity
    and portfolio figures to check."""
    entities, portfolio = expected["entities"], expected["portfolio"]
    if docs_rule_6_revised():
        for entity, figures in expected["rule6_revised"]["entities"].items():
            entities[entity].update(figures)
        portfolio.update(expected["rule6_revised"]["portfolio"])
    return entities, portfolio


ENTITY, PORTFOLIO = follow_the_docs_rule_6(EXPECTED)
RENDERED = {}


def money(cents):
    """A regex for an amount as the docs print it: `$4,770` (whole dollars,
    `.00` tolerated: the docs never show it), `$6.45`."""
    dollars, rest = divmod(cents, 100)
    if rest == 0:
        return r"\$" + f"{dollars:,}" + r"(?:\.00)?(?!\d|[,.]\d)"
    return r"\$" + f"{dollars:,}" + rf"\.{rest:02d}(?!\d)"


def figure(value):
    """One amount, or a [low, high] range written `$low–$high`."""
    if isinstance(value, list) and value[0] != value[1]:
        return money(value[0]) + r"\s*(?:–|-|to)\s*" + money(value[1])
    return money(value[0] if isinstance(value, list) else value)


def monthly(value):
    return figure(value) + r"\s*/\s*month"


# added by fix15a G29: docs/rendering.md "Whole dollars in headlines and the CEO/CFO prose":
# a headline's or the gap sentence's monthly figure is rounded half away from zero.
def whole(cents):
    """A regex for `cents` as a headline writes it: whole dollars."""
    dollars = (abs(cents) + 50) // 100 * (1 if cents >= 0 else -1)
    return money(dollars * 100)


def whole_monthly(cents):
    return whole(cents) + r"\s*/\s*month"


# added by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per
# figure": the CFO and CMO write every monthly result in whole dollars, each end of a range
# too; the room is the printed surplus less the printed margin of safety.
def to_dollars(cents):
    """`cents` rounded half away from zero to whole dollars, in cents."""
    return (abs(cents) + 50) // 100 * 100 * (1 if cents >= 0 else -1)


def midpoint(value):
    """A range's midpoint in cents, rounded half away from zero."""
    if isinstance(value, list):
        total = value[0] + value[1]
        return (abs(total) + 1) // 2 * (1 if total >= 0 else -1)
    return value


def whole_figure(value):
    """figure() in whole dollars: `$low–$high` with each end rounded."""
    if isinstance(value, list) and to_dollars(value[0]) != to_dollars(value[1]):
        return whole(value[0]) + r"\s*(?:–|-|to)\s*" + whole(value[1])
    return whole(value[0] if isinstance(value, list) else value)


def whole_monthly_figure(value):
    return whole_figure(value) + r"\s*/\s*month"


def printed_room(figures):
    """Rule 6's room from the whole-dollar revenue and gross burn printed:
    surplus − 10% of revenue (to the dollar), $0 when negative."""
    revenue = to_dollars(midpoint(figures["revenue"]))
    # changed by fixC3 C9: handoff-format.md rule 4, "an expenses range alone", puts a percent at its base's
    # ends, so a gross burn range need not be centred on its midpoint: the stated midpoint wins
    gross = to_dollars(figures.get("gross_burn_mid", midpoint(figures["gross_burn"])))
    # changed by fixB2 W4: handoff-format.md rule 6, the 10% is of revenue from outside the group: a
    # portfolio whose businesses pay each other states that fee as "inside_group" (cents), left out
    inside = to_dollars(figures.get("inside_group", 0))
    return max(0, revenue - gross - to_dollars((revenue - inside) // 10))


def limit(cents):
    """The CFO room in the headline: a limit, rounded down to the dollar."""
    return money(cents // 100 * 100) + r"\s*/\s*month"


def not_drawn_down(cents, without=None):
    """Rule 6's runway sentence when the scope has a surplus."""
    # changed by fixW Y8: docs/reports.md CFO, the pooled cash names the businesses that state
    # none ("cash $44,500 (Quarry Bookkeeping states none), not being drawn down"): `without`
    return r"cash " + money(cents) + (rf" \({re.escape(without)} states? none\)" if without else "") + \
        r",? not being drawn down"


def report(persona, entity="portfolio", root=ROOT):
    """The Markdown report of one persona for one scope, rendered once."""
    key = (persona, entity, root)
    if key not in RENDERED:
        RENDERED[key] = run("render", "--persona", persona, "--entity", entity, "--root", root,
                            "--now", NOW, check=0).stdout
    return RENDERED[key]


def section_of(text, heading):
    """A report's `## <heading>` section, up to the next `## `."""
    found = re.search(rf"^## {heading}[^\n]*\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    return found.group(1) if found else ""


def data_quality(text):
    return text[text.find("## Data quality"):]


def lines_with(text, label):
    return [line for line in text.splitlines() if label in line]


class FigureTestCase(unittest.TestCase):
    maxDiff = None

    def assertShows(self, text, pattern, what):
        if not re.search(pattern, text, re.I):
            self.fail(f"{what}: /{pattern}/ not in the report:\n{text[:6000]}")

    def assertNear(self, text, label, cents, what):
        """`label` followed closely by the amount (a table row or a phrase)."""
        self.assertShows(text, label + r"[^\d\n]{0,40}" + money(cents), what)

    # added by fixA S15: docs/handoff-format.md rule 2 splits the billed part by age, "billed and not yet
    # due $X" (30 days old or less) and "billed, not marked overdue $Y (sent N days ago)" (over 30): the
    # two, as the first sentence of `text` names them, add up to the billed part, and "not marked
    # overdue" is said only of an age over 30 days
    def assertBilledParts(self, text, cents, what):
        amount = r"\$([\d,]+(?:\.\d\d)?)"
        fresh = re.search(r"billed and not yet due " + amount, text)
        stale = re.search(r"billed, not marked overdue " + amount + r" \(sent (\d+)(?:–(\d+))? days ago\)", text)
        if cents == 0:
            self.assertFalse(fresh or stale, f"{what}: a billed part shown where none is owed")
            return
        self.assertTrue(fresh or stale, f"{what}: no billed part in the report:\n{text[:6000]}")

        def cents_of(m):
            return round(float(m.group(1).replace(",", "")) * 100) if m else 0
        self.assertEqual(cents_of(fresh) + cents_of(stale), cents, f"{what}: billed parts {fresh and fresh.group(0)!r}"
                         f" + {stale and stale.group(0)!r}")
        if stale:
            self.assertGreater(int(stale.group(2)), 30, f"{what}: not marked overdue at 30 days or less")

    def assertLineShows(self, text, label, pattern, what):
        lines = lines_with(text, label)
        self.assertTrue(lines, f"{what}: no line names {label!r}")
        self.assertTrue(any(re.search(pattern, line) for line in lines),
                        f"{what}: /{pattern}/ not on the lines naming {label!r}: {lines}")

    def assertCapitalTiers(self, entity, *actions):
        """Each (label, amount, period) action keeps its period in the CFO's
        capital tiers (rule 3): "$300 one-off", "$49/month"."""
        text = report("cfo", entity)
        for label, amount, period in actions:
            written = r"\s*one-off" if period == "one-off" else r"\s*/\s*" + period
            self.assertLineShows(text, label, figure(amount) + written, f"{label} ({period})")

    def check_reconciliation(self, text, revenue, clients_mrr, difference):
        self.assertShows(text, r"Revenue lines\W{0,6}" + monthly(revenue), "revenue lines")
        self.assertShows(text, r"Clients MRR\W{0,6}" + monthly(clients_mrr), "Clients MRR")
        self.assertShows(text, r"difference\W{0,6}" + monthly(difference), "difference")

    def check_owed_by_state(self, text, owed):
        self.assertNear(text, "overdue", owed["overdue"], "overdue")
        self.assertNear(text, "unbilled", owed["unbilled"], "unbilled")
        # changed by fixA S15: docs/handoff-format.md rule 2, the billed part split by age; its parts add up to it
        self.assertBilledParts(text, owed["billed"], "billed, by age")
        self.assertShows(text, money(owed["total"]), "owed")

    def check_owed_by_age(self, text, owed, unbilled=None):
        # changed by fixW Y1: docs/handoff-format.md rule 2 ages invoices only ("Not aged: $X of
        # unbilled work"): `unbilled` holds the unbilled cents each age held, by hand from the handoff
        owed = {k: v - (unbilled or {}).get(k, 0) for k, v in owed.items()}
        ages = ((r"0\s*[–-]\s*30", "age_0_30"), (r"31\s*[–-]\s*60", "age_31_60"),
                (r"61\s*[–-]\s*90", "age_61_90"), (r"90\+", "age_90_plus"), ("undated", "undated"))
        for label, key in ages:
            # changed by fix20d Q14: docs/handoff-format.md rule 2 "only the ages that hold money,
            # and when one age holds it all, one line instead of a table": a $0 age is asserted
            # absent, and when one age holds it all the one line "By age: all $1,000 is 31–60 days old"
            if owed[key] == 0:
                self.assertNotRegex(text, r"(?i)" + label + r"[^\d\n]{0,40}" + money(0), f"{key}: $0 age shown")
            elif sum(1 for _, k in ages if owed[k]) == 1:
                self.assertShows(text, r"By age: all " + money(owed[key]) + r" is " + label, key)
            else:
                self.assertNear(text, label, owed[key], key)


class DocsExamplesTest(FigureTestCase):
    """The matchers below find the figures of docs/handoff-format.md's own
    worked examples in the docs' text: the tests marked expectedFailure can
    pass on a report written the way the docs write."""

    @classmethod
    def setUpClass(cls):
        with open(os.path.join(SOURCE_DIR, "docs", "handoff-format.md")) as f:
            text = f.read().replace("**", "").replace("`", "")
        # one line per paragraph or list item, as a report's Markdown holds them
        cls.docs = re.sub(r"(?<=\S)\n(?=[^\n\s|#`-])", " ", text)

    # Re-derived 2026-12-07 (EXPECTED.md): under the Formulas' one fixed
    # cost, rule 4's Lunch Truck has fixed cost $4,770 − $6.99 × 500 =
    # $1,275 (fix20a A6; $1,545 before), all covered by the catering's
    # $2,500: break-even 0 meals.
    def test_ranges_monthly_amounts_and_units_as_the_docs_write_them(self):
        self.assertShows(self.docs, "revenue " + monthly([1100000, 1200000]), "rule 4 revenue")
        self.assertShows(self.docs, "Card processing[^\n]*" + monthly(22500), "rule 4 percent")
        # changed by fix20a A6: docs/handoff-format.md rule 4 "When its base is the whole revenue of a
        # per-unit entity ... the percent of the unit price is part of the variable cost per unit":
        # the platform fee's 3% × $18 = $0.54 a meal, fixed cost $4,770 − $6.99 × 500 = $1,275 (was $1,545)
        self.assertShows(self.docs, "fixed cost[^\n]*= " + money(127500), "rule 4 fixed cost")
        self.assertShows(self.docs, "break-even[^\n]*" + r"\b0 meals\b", "rule 4 break-even")
        # changed by fix20a A6: docs/handoff-format.md rule 4 (a percent of all revenue is paid with
        # each meal too): the revised rule 6 floor is $6 + $0.45 + $0.54 = $6.99 (was $6.45)
        # changed by fixG V7: docs/handoff-format.md rule 6 "A percent of the price scales with the
        # price": the 2.5% card fee and the 3% platform fee are paid at the floor's price, so the
        # floor is $6 ÷ (1 − 5.5%) = $6.349 → $6.35 (was $6.99)
        floor, room = (635, 558000) if docs_rule_6_revised() else (954, 135000)
        self.assertShows(self.docs, money(floor) + r"\s*(?:per|/)\s*meal", "rule 6 price floor")
        self.assertShows(self.docs, "room[^$]*[^\n]*" + monthly(room), "rule 6 room")
        self.assertShows(self.docs, not_drawn_down(2000000), "rule 6 runway")
        self.assertShows(self.docs, figure([1005090, 4337384]), "rule 5 net value")
        self.assertShows(self.docs, r"shown " + figure([1010000, 4340000]), "rule 5 net value, rounded")
        self.assertNotRegex(self.docs, money(135))  # "$1,350" is not "$1.35"
        self.assertNotRegex("$10,050.90", money(1005000))

    def test_reconciliation_and_money_owed_as_the_docs_write_them(self):
        self.check_reconciliation(self.docs, 110000, 95000, 15000)
        owed = {"overdue": 430000, "unbilled": 120000, "billed": 65000, "total": 615000,
                "age_0_30": 120000, "age_31_60": 0, "age_61_90": 40000, "age_90_plus": 425000, "undated": 30000}
        self.check_owed_by_state(self.docs, owed)
        # changed by fixW Y1: the docs example ages invoices only; Logo refresh $1,200 (unbilled, 20 days)
        self.check_owed_by_age(self.docs, owed, {"age_0_30": 120000})
        self.assertShows(self.docs, r"not aged: \$1,200 of\s+unbilled work", "unbilled said apart")
        self.assertShows(self.docs, r"one month of \$300/month", "one month owed")

    def test_periods_kept_as_the_docs_write_them(self):
        self.assertLineShows(self.docs, "Add an online booking calendar —", money(30000) + r"\s*one-off",
                             "one-off")
        self.assertLineShows(self.docs, "Move to the hosted plan —", money(4900) + r"\s*/\s*month", "monthly")
        self.assertLineShows(self.docs, "CEO shortfall", money(165000) + r"\s*one-off", "shortfall")


class RollingBowlsTest(FigureTestCase):
    """Food truck: per box, a card fee on the per-unit line, a percent range on
    a weekly range, a three-decimal unit cost, a blast valued at the Average
    order value."""
    e = ENTITY["rolling-bowls"]

    def test_revenue_is_the_boxes_plus_the_weekly_catering_range(self):
        self.assertShows(report("cfo", "rolling-bowls"), monthly(self.e["revenue"]), "revenue")

    def test_gross_burn_counts_the_card_fee_and_the_commission(self):
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        # changed by fixC3 C9: handoff-format.md rule 4, "an expenses range alone": the commission at its
        # base's ends, 10% x 1,300 = 130 to 15% x 2,600 = 390, so $9,086-$9,346 (expected.json _fixC3_C9)
        self.assertShows(report("cfo", "rolling-bowls"), whole_monthly_figure(self.e["gross_burn"]), "gross burn")

    def test_surplus_is_revenue_midpoint_less_gross_burn_midpoint(self):
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertShows(report("cfo", "rolling-bowls"), whole(self.e["surplus"]), "surplus")

    def test_card_fee_is_a_share_of_its_named_revenue_line(self):
        text = report("cfo", "rolling-bowls") + report("cao", "rolling-bowls")
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertShows(text, whole_monthly_figure(self.e["percent_fees"]["Card processing"]), "card processing")

    def test_commission_range_is_low_and_high_percent_of_the_catering_midpoint(self):
        text = report("cfo", "rolling-bowls") + report("cao", "rolling-bowls")
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertShows(text, whole_monthly_figure(self.e["percent_fees"]["Brewery commission"]), "commission")

    def test_variable_cost_per_box_includes_the_card_fee_share_of_the_price(self):
        self.assertShows(report("cfo", "rolling-bowls"), money(self.e["variable_cost_per_unit"]),
                         "variable cost per box")

    # Formulas (one fixed cost, other revenue counted), re-derived in
    # EXPECTED.md: fixed cost 9,199.75 − 4.94 × 1,150 = 3,518.75; less the
    # catering's 1,950 = 1,568.75; ceil(1,568.75 ÷ 9.06) = 174 boxes.
    def test_break_even_in_boxes(self):
        self.assertShows(report("cfo", "rolling-bowls"), rf"\b{self.e['break_even_units']} boxes\b",
                         "break-even")

    def test_break_even_sentence_ties_the_three_break_evens(self):
        """CFO Break-even (reports.md): one sentence per per-unit entity holds
        the fixed cost $3,518.75, the other revenue $1,950, 174 boxes, the
        $4,374.12 of revenue and the $6.11 floor (fixG V7: $6.31 before the 2.5%
        card fee was taken at the floor's price)."""
        line = lines_with(section_of(report("cfo", "rolling-bowls"), "Break-even"), "Rolling Bowls")
        sentence = next((l for l in line if re.search(r"\b174 boxes\b", l)), "")
        # changed by fix15a G7: docs/reports.md CFO Break-even "one short sentence per entity
        # ... the table holds the fixed cost; the exact point stays in the Revenue targets'
        # break-even revenue": the sentence keeps the other revenue and the floor, the
        # Break-even row the fixed cost, the Revenue targets row the break-even revenue.
        for cents in (self.e["other_revenue"], self.e["price_floor"]):
            self.assertShows(sentence, money(cents), "break-even sentence")
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertLineShows(section_of(report("cfo", "rolling-bowls"), "Break-even"), "Rolling Bowls",
                             whole(self.e["fixed_cost"]), "fixed cost")
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertLineShows(section_of(report("cfo", "rolling-bowls"), "Revenue targets"), "Rolling Bowls",
                             whole(self.e["break_even_revenue"]), "break-even revenue")

    def test_price_floor_per_box(self):
        self.assertShows(report("cfo", "rolling-bowls"), money(self.e["price_floor"]) + r"\s*(?:per|/)\s*box",
                         "price floor")

    def test_margin_of_safety_is_a_tenth_of_revenue(self):
        self.assertShows(report("cfo", "rolling-bowls"), money(self.e["margin_of_safety"]), "margin of safety")

    def test_room_for_new_fixed_costs(self):
        # changed by fix17b P12: docs/rendering.md, the room is the printed surplus less the printed margin
        self.assertShows(report("cfo", "rolling-bowls"), whole_monthly(printed_room(self.e)), "room")

    def test_cash_with_a_surplus_is_not_being_drawn_down(self):
        self.assertShows(report("cfo", "rolling-bowls"), not_drawn_down(self.e["cash"]),
                         "runway")

    # Rule 5 rounding (rendering.md, "Rounding"): $43.12–$140.77 is shown
    # $43–$141 (three significant figures, never to cents).
    def test_blast_net_value_uses_the_average_order_value_less_the_cost(self):
        self.assertShows(report("cmo", "rolling-bowls"), figure(self.e["blast_net"]), "blast net value")

    def test_blast_says_it_used_the_average_order_value(self):
        self.assertShows(report("cmo", "rolling-bowls"), r"Average order value", "value source")

    def test_capital_tiers_keep_each_amounts_period(self):
        self.assertCapitalTiers("rolling-bowls", ("Second generator", 240000, "one-off"),
                                ("Online ordering app", 5900, "month"),
                                ("Wrap the truck", [350000, 450000], "one-off"))

    def test_a_one_off_expense_is_shown_one_off(self):
        self.assertLineShows(report("cao", "rolling-bowls"), "Generator repair in October",
                             money(120000) + r"\s*one-off", "one-off expense")


class SeasideSmilesTest(FigureTestCase):
    """Dental: `## Income`, a /quarter line, a per-case line with no volume, two
    `## Expenses` sections, an unused /year licence, a malformed amount."""
    e = ENTITY["seaside-smiles"]

    def test_revenue_leaves_out_the_per_case_line_without_its_volume(self):
        self.assertShows(report("cfo", "seaside-smiles"), monthly(self.e["revenue"]), "revenue")

    def test_gross_burn_merges_both_expense_sections_and_counts_the_unused_licence(self):
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertShows(report("cfo", "seaside-smiles"), whole_monthly_figure(self.e["gross_burn"]), "gross burn")

    def test_surplus(self):
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertShows(report("cfo", "seaside-smiles"), whole(self.e["surplus"]), "surplus")

    def test_card_fee_on_patient_payments(self):
        text = report("cfo", "seaside-smiles") + report("cao", "seaside-smiles")
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertShows(text, whole_monthly_figure(self.e["percent_fees"]["Card processing"]), "card processing")

    def test_margin_of_safety_and_room(self):
        text = report("cfo", "seaside-smiles")
        self.assertShows(text, money(self.e["margin_of_safety"]), "margin of safety")
        # changed by fix17b P12: docs/rendering.md, the room is the printed surplus less the printed margin
        self.assertShows(text, whole_monthly(printed_room(self.e)), "room")

    def test_cash_tagged_cash_is_not_being_drawn_down(self):
        self.assertShows(report("cfo", "seaside-smiles"), not_drawn_down(self.e["cash"]),
                         "runway")

    def test_unused_licence_keeps_its_yearly_period(self):
        self.assertLineShows(report("cao", "seaside-smiles"), "Old X-ray viewer license",
                             money(118800) + r"\s*/\s*year", "unused licence")

    def test_missing_blast_key_is_listed_and_no_blast_figure_is_shown(self):
        text = report("cmo", "seaside-smiles")
        self.assertShows(data_quality(text), self.e["blast_missing_key"], "missing blast key")
        self.assertNotRegex(text, r"worth \*\*\$")

    def test_capital_tiers_keep_each_amounts_period(self):
        self.assertCapitalTiers("seaside-smiles", ("Replace the sterilizer", [700000, 900000], "one-off"),
                                ("Online booking widget", 120000, "year"))


class ShiftCalTest(FigureTestCase):
    """SaaS: no Kind field, a bare Stripe percent, a one-off lifetime deal, a
    percent of a revenue line that does not exist, a net burn with cash."""
    e = ENTITY["shiftcal"]

    def test_without_kind_it_is_core(self):
        doc = json.loads(run("list", "--root", ROOT, "--json", check=0).stdout)
        kinds = {entity["id"]: entity["kind"] for entity in doc["entities"]}
        self.assertEqual(kinds["shiftcal"], "core")

    def test_revenue_leaves_out_the_lifetime_deal(self):
        self.assertShows(report("cfo", "shiftcal"), monthly(self.e["revenue"]), "revenue")

    def test_gross_burn(self):
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertShows(report("cfo", "shiftcal"), whole_monthly_figure(self.e["gross_burn"]), "gross burn")

    def test_net_burn(self):
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertShows(report("cfo", "shiftcal"), whole_monthly_figure(self.e["net_burn"]), "net burn")

    def test_stripe_fee_is_a_share_of_all_monthly_revenue(self):
        text = report("cfo", "shiftcal") + report("cao", "shiftcal")
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertShows(text, whole_monthly_figure(self.e["percent_fees"]["Stripe fees"]), "stripe fee")

    def test_runway_in_whole_months(self):
        self.assertShows(report("cfo", "shiftcal"), rf"\b{self.e['runway_months']} months\b", "runway")

    def test_margin_of_safety_and_no_room(self):
        text = report("cfo", "shiftcal")
        self.assertShows(text, money(self.e["margin_of_safety"]), "margin of safety")
        self.assertShows(text, r"room[^\n]*" + money(self.e["room"]), "room $0")

    # Rule 5 rounding: $1,213.73–$2,886.95 is shown $1,210–$2,890.
    def test_blast_net_value_uses_the_value_key_less_the_cost(self):
        self.assertShows(report("cmo", "shiftcal"), figure(self.e["blast_net"]), "blast net value")

    def test_capital_tiers_keep_each_amounts_period(self):
        self.assertCapitalTiers("shiftcal", ("SOC 2 readiness assessment", 1500000, "one-off"),
                                ("Status page", 2900, "month"))

    # added by fixC4 eyes-final20 B1: docs/reports.md Accounting roadmap, the cash after the steps is the cash less
    # the one-off costs the roadmap pays for the business. By hand: SOC 2 $15,000 (shiftcal.md:47) + the $120 blast
    # (shiftcal.md:37) = $15,120; (65,000 − 15,120) ÷ 3,446.12 (the $3,472.12 burn less the $26 cancel) = 14.5, so
    # 14 whole months from this checker's Nov 2026: about Jan 2028 (never the 18 months of the whole $65,000).
    def test_roadmap_runway_after_the_steps_counts_their_one_off_costs(self):
        text = " ".join(report("cao").split())
        self.assertShows(text, r"ShiftCal after these steps: loss \$3,446\.12/month; its \$65,000 cash less the "
                               r"steps' \$15,120 one-off leaves \$49,880, which lasts 14 months \(to about Jan "
                               r"2028\)", "ShiftCal after the steps")
        self.assertNotRegex(text, r"ShiftCal after these steps: loss \$3,446\.12/month; its \$65,000 cash lasts")


class MapleDuplexTest(FigureTestCase):
    """Rental: nights, a host fee named in lower case, a per-turnover cost with
    no volume, `$40 to $90`, no cash, a blast with no cost."""
    e = ENTITY["maple-duplex"]

    def test_revenue(self):
        self.assertShows(report("cfo", "maple-duplex"), monthly(self.e["revenue"]), "revenue")

    def test_gross_burn(self):
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertShows(report("cfo", "maple-duplex"), whole_monthly_figure(self.e["gross_burn"]), "gross burn")

    def test_surplus(self):
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertShows(report("cfo", "maple-duplex"), whole(self.e["surplus"]), "surplus")

    def test_host_fee_is_a_share_of_the_named_line_whatever_its_case(self):
        text = report("cfo", "maple-duplex") + report("cao", "maple-duplex")
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertShows(text, whole_monthly_figure(self.e["percent_fees"]["Airbnb host fee"]), "host fee")

    def test_variable_cost_per_night(self):
        self.assertShows(report("cfo", "maple-duplex"), money(self.e["variable_cost_per_unit"]), "variable/night")

    # Formulas (one fixed cost, other revenue counted): fixed cost 3,473.05
    # − 10.95 × 19 = 3,265; less the unit A lease 1,650 = 1,615;
    # ceil(1,615 ÷ 154.05) = ceil(10.48) = 11 nights.
    def test_break_even_in_nights(self):
        self.assertShows(report("cfo", "maple-duplex"), rf"\b{self.e['break_even_units']} nights\b", "break-even")

    # Formulas, break-even revenue of a per-unit entity: other revenue + unit
    # price × (fixed cost − other revenue) ÷ unit margin = 1,650 + 165 ×
    # 1,615 ÷ 154.05 = $3,379.80.
    def test_break_even_revenue_counts_the_lease(self):
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertShows(report("cfo", "maple-duplex"), whole(self.e["break_even_revenue"]), "break-even revenue")

    def test_price_floor_per_night(self):
        self.assertShows(report("cfo", "maple-duplex"), money(self.e["price_floor"]) + r"\s*(?:per|/)\s*night",
                         "price floor")

    def test_margin_of_safety_and_room(self):
        text = report("cfo", "maple-duplex")
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertShows(text, whole(self.e["margin_of_safety"]), "margin of safety")
        # changed by fix17b P12: docs/rendering.md, the room is the printed surplus less the printed margin
        self.assertShows(text, whole_monthly(printed_room(self.e)), "room")

    def test_without_cash_the_report_asks_for_it(self):
        self.assertShows(report("cfo", "maple-duplex"), r"Cash: \$", "ask for cash")

    # Rule 5 rounding: $168.96–$348.48 is shown $169–$348.
    def test_blast_value_uses_the_average_night_price(self):
        text = report("cmo", "maple-duplex")
        self.assertShows(text, figure(self.e["blast_net"]), "blast value")
        self.assertShows(text, r"Average night price", "value source")

    # Rule 5, capacity: no `Nights available per month`, so no cap; one send
    # brings at most 2.1 nights against 19 sold, so the CMO does not ask.
    def test_blast_does_not_ask_for_a_capacity_it_cannot_outrun(self):
        self.assertFalse(self.e["blast_asks_capacity"])
        self.assertNotIn("Nights available per month", report("cmo", "maple-duplex"))

    def test_blast_without_a_cost_asks_for_it(self):
        self.assertShows(report("cmo", "maple-duplex"), r"Blast cost per send", "ask for the cost")

    def test_capital_tiers_keep_each_amounts_period(self):
        self.assertCapitalTiers("maple-duplex", ("Smart lock for unit B", 24000, "one-off"),
                                ("Dynamic pricing tool", 1999, "month"))


class LedgerlineTest(FigureTestCase):
    """Bookkeeping: both `## Revenue` and `## Clients`, nested invoices with
    inherited states, dates on the bucket edges, a future date, a bad date."""
    e = ENTITY["ledgerline"]

    def test_revenue_is_the_revenue_section_only(self):
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertShows(report("cfo", "ledgerline"), whole_monthly_figure(self.e["revenue"]), "revenue")

    def test_gross_burn(self):
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertShows(report("cfo", "ledgerline"), whole_monthly_figure(self.e["gross_burn"]), "gross burn")

    def test_surplus(self):
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertShows(report("cfo", "ledgerline"), whole(self.e["surplus"]), "surplus")

    def test_card_fee_on_retainers(self):
        text = report("cfo", "ledgerline") + report("cao", "ledgerline")
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertShows(text, whole_monthly_figure(self.e["percent_fees"]["Card fees on retainers"]), "card fee")

    def test_guardrails(self):
        text = report("cfo", "ledgerline")
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertShows(text, whole(self.e["margin_of_safety"]), "margin of safety")
        # changed by fix17b P12: docs/rendering.md, the room is the printed surplus less the printed margin
        self.assertShows(text, whole_monthly(printed_room(self.e)), "room")
        self.assertShows(text, not_drawn_down(self.e["cash"]), "runway")

    def reconciliation(self):
        return self.e["revenue"], self.e["clients_mrr"], self.e["reconciliation_difference"]

    def test_clients_mrr_counts_every_periodic_client_whatever_its_tag(self):
        self.assertShows(report("audit", "ledgerline"), monthly(self.e["clients_mrr"]), "Clients MRR")

    def test_accounting_reconciles_revenue_lines_with_clients_mrr(self):
        self.check_reconciliation(report("cao", "ledgerline"), *self.reconciliation())

    def test_audit_reconciles_revenue_lines_with_clients_mrr(self):
        self.check_reconciliation(report("audit", "ledgerline"), *self.reconciliation())


    def test_accounting_shows_owed_by_state(self):
        self.check_owed_by_state(report("cao", "ledgerline"), self.e["owed"])

    def test_audit_shows_owed_by_state(self):
        self.check_owed_by_state(report("audit", "ledgerline"), self.e["owed"])


    def test_accounting_shows_owed_by_age(self):
        self.check_owed_by_age(report("cao", "ledgerline"), self.e["owed"], LEDGERLINE_UNBILLED)

    def test_audit_shows_owed_by_age(self):
        self.check_owed_by_age(report("audit", "ledgerline"), self.e["owed"], LEDGERLINE_UNBILLED)


    def test_audit_pipeline_shows_the_quote(self):
        self.assertNear(report("audit", "ledgerline"), "quoted", self.e["quoted"], "quoted")

    def test_an_overdue_fee_without_invoices_owes_one_month(self):
        self.assertShows(report("cao", "ledgerline"), r"one month of \$300/month", "cao")
        # changed by fix15a G4: docs/reports.md "One entity's receivables are one row, not one per
        # invoice": the CEO counts Rolling Bowls' month (line 18) in the entity's one row
        # changed by fix18c A2: docs/handoff-format.md rule 2 "In one entity's scope ... every report
        # names it apart wherever money is collected": Rolling Bowls and Seaside Smiles Dental are
        # businesses of the group, so their $950 is settled in rows of their own, not collected
        self.assertShows(report("ceo", "ledgerline"), r"Receivables: \$2,850 overdue from 3 clients", "ceo")
        self.assertShows(report("ceo", "ledgerline"), r"Rolling Bowls owes Ledgerline Bookkeeping \$300 overdue "
                         r"\(one month of \$300/month\): settle inside the group[^\n]*ledgerline\.md:18\b", "ceo")

    def test_ceo_shortfalls_show_owed_money_one_off(self):
        text = report("ceo", "ledgerline")
        # changed by fix15a G4 (one Receivables row per entity): the largest item is named with
        # its amount, the row's total is one-off
        self.assertLineShows(text, "Sunset Cafe year-end cleanup", money(120000) + r"\)", "largest")
        # changed by fix18c A2: docs/handoff-format.md rule 2 "In one entity's scope ... named apart
        # wherever money is collected": $6,000 less the group's $650 + $300, settled in their own rows
        # changed by fixZd Z6: docs/reports.md CEO Shortfalls "its impact all the entity's clients owe,
        # billed included": $5,050 late + the $1,280 billed and not yet due = $6,330, Accounting's owed
        # changed by fixB1 W5: docs/reports.md CEO Shortfalls "said as what is due to act on when part of
        # it is billed and not yet due": $5,050 due, the same $6,330 total after it with the $1,280 not yet due
        self.assertLineShows(text, "Receivables:", money(505000) + r"\s*one-off \(" + money(633000) + r" with "
                             + money(128000) + r" not yet due\)", "one-off")
        for line in lines_with(text, "Invoice 2012"):
            self.assertNotIn("/month", line)

    def test_owed_money_is_never_shown_per_month(self):
        for line in report("cao", "ledgerline").splitlines():
            if re.search(r"\b(?:overdue|unbilled)\b", line):
                self.assertNotRegex(line, r"\$[\d,.]+/month", line)


class PortfolioTest(FigureTestCase):
    """The core entities together (DESIGN.md §4: `portfolio` is all core entities)."""

    def test_revenue(self):
        self.assertShows(report("cfo"), monthly(PORTFOLIO["revenue"]), "revenue")

    def test_gross_burn(self):
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        # changed by fixC3 C9: handoff-format.md rule 4, "an expenses range alone": Rolling Bowls' commission
        # at its base's ends moves the ends by -65 and +97.50: $62,519.72-$63,579.72 (expected.json _fixC3_C9)
        self.assertShows(report("cfo"), whole_monthly_figure(PORTFOLIO["gross_burn"]), "gross burn")

    # added by fixC3 B10: docs/rendering.md "A Total row adds up as printed": the rows show $9,200 + $36,082 +
    # $17,752 = $63,034 (9,199.75, 36,081.60, 17,752.12 each rounded) above the $63,033 total (63,033.47)
    def test_burn_table_total_that_does_not_add_up_as_printed_says_rounded(self):
        self.assertShows(report("cfo"), r"\| Total \(rounded\)\s*\|\s*" + whole(to_dollars(midpoint(PORTFOLIO["gross_burn_mid"]))),
                         "Total (rounded) row")

    def test_surplus(self):
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertShows(report("cfo"), whole(PORTFOLIO["surplus"]), "surplus")

    def test_margin_of_safety_and_room(self):
        text = report("cfo")
        self.assertShows(text, money(PORTFOLIO["margin_of_safety"]), "margin of safety")
        # changed by fix17b P12: docs/rendering.md, the room is the printed surplus less the printed margin
        self.assertShows(text, whole_monthly(printed_room(PORTFOLIO)), "room")

    def test_cash_summed_over_the_scope_is_not_being_drawn_down(self):
        self.assertShows(report("cfo"), not_drawn_down(PORTFOLIO["cash"]), "runway")

    def test_fixed_costs_are_the_expenses_tagged_fixed(self):
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertShows(report("cfo"), whole_monthly_figure(PORTFOLIO["fixed"]), "portfolio")
        for entity, figures in ENTITY.items():
            with self.subTest(entity=entity):
                # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
                self.assertShows(report("cfo", entity), whole_monthly_figure(figures["fixed"]), entity)

    def test_the_default_plan_audits_each_ancillary_entity(self):
        out = run("render", "--all", "--root", ROOT, "--now", NOW, check=0).stdout
        plan = re.findall(r"^=== \d+/\d+ (\S+) ===$", out, re.M)
        self.assertEqual(plan, ["ceo/portfolio", "cto/portfolio", "cfo/portfolio", "cmo/portfolio",
                                "cao/portfolio", "audit/ledgerline", "audit/maple-duplex"])

    def test_missing_kpis_are_asked_for(self):
        text = report("ceo")
        for kpi in ("Repeat customer rate", "Case acceptance rate", "Trial to paid conversion"):
            self.assertIn(kpi, text)


def diagnostic_reports(source):
    """The reports whose scope holds the file `source`: the entity's own four,
    plus the five portfolio reports for a core entity; every report for
    repos.env."""
    entity = os.path.basename(source)[:-len(".md")] if source.startswith(PROJECTS) else None
    core = ("rolling-bowls", "seaside-smiles", "shiftcal")
    reports = []
    if entity is None or entity in core:
        reports += [report(p) for p in ("ceo", "cto", "cfo", "cmo", "cao")]
    for e in ([entity] if entity else list(ENTITY)):
        reports += [report(p, e) for p in ("ceo", "cfo", "cmo", "cao")]
    return reports


class DiagnosticsTest(FigureTestCase):
    """Each problem is `file:line:` in the Data quality of every report that
    reads the file."""

    def check(self, where):
        source = where.rsplit(":", 1)[0]
        for text in diagnostic_reports(source):
            self.assertIn(where + ":", data_quality(text), text[:300])

    def test_a_field_bullet_without_key_and_value(self):
        self.check(f"{PROJECTS}/rolling-bowls.md:10")

    def test_a_per_case_amount_without_its_volume_kpi(self):
        self.check(f"{PROJECTS}/seaside-smiles.md:14")

    def test_a_value_that_starts_like_money_but_is_not(self):
        self.check(f"{PROJECTS}/seaside-smiles.md:24")

    def test_a_section_written_twice(self):
        self.check(f"{PROJECTS}/seaside-smiles.md:38")

    def test_a_percent_of_a_revenue_line_that_does_not_exist(self):
        self.check(f"{PROJECTS}/shiftcal.md:22")

    def test_a_missing_site_folder(self):
        self.check(f"{PROJECTS}/maple-duplex.md:6")

    def test_a_per_turnover_amount_without_its_volume_kpi(self):
        self.check(f"{PROJECTS}/maple-duplex.md:18")

    def test_a_date_tag_that_is_not_a_date(self):
        self.check(f"{PROJECTS}/ledgerline.md:27")

    # Revised by the docs rule (fix14a, F36, handoff-format.md Diagnostics):
    # repos.env is the sender's configuration, so its problems are on stderr
    # and in the console, never in an executive report's Data quality. The
    # checker's test asked for it in every report's Data quality.
    def test_a_repos_env_line_that_is_not_key_value(self):
        result = run("render", "--persona", "ceo", "--root", ROOT, "--now", NOW, check=0)
        self.assertIn("repos.env:9:", result.stderr)
        for text in diagnostic_reports("repos.env"):
            self.assertNotIn("repos.env", data_quality(text), text[:300])


class EditedCopyTestCase(FigureTestCase):
    """A private copy of the portfolio: `change(root)` edits it and renders
    what the class's tests read; the copy is removed afterwards."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = TempDir()
        cls.root = os.path.join(cls.tmp.__enter__(), "portfolio")
        shutil.copytree(ROOT, cls.root)
        cls.change(cls.root)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.__exit__(None, None, None)

    @staticmethod
    def edit(path, old, new):
        with open(path) as f:
            text = f.read()
        assert old in text, (path, old)
        with open(path, "w") as f:
            f.write(text.replace(old, new, 1))


class DiagnosticVariantsTest(EditedCopyTestCase):
    """The rule 7 inputs a real owner's folder should not hold, written into a
    copy: a second handoff with the same title, a Site leading outside the
    portfolio, an unknown Kind, a line over 64 KB. The messages are the docs'."""

    @classmethod
    def change(cls, root):
        os.makedirs(os.path.join(root, "..", "etc"))  # the Site's target exists, outside the portfolio
        projects = os.path.join(root, PROJECTS)
        shutil.copy(os.path.join(projects, "rolling-bowls.md"), os.path.join(projects, "rolling-bowls-2.md"))
        cls.edit(os.path.join(projects, "shiftcal.md"), "* Site: shiftcal\n", "* Site: sites/../../etc\n")
        cls.edit(os.path.join(projects, "seaside-smiles.md"), "- Kind: core\n", "- Kind: franchise\n")
        cls.edit(os.path.join(projects, "maple-duplex.md"), "## Assets\n",
                 "## Assets\n- Guest book notes: " + "lorem " * 12000 + "\n")
        cls.ceo = report("ceo", "portfolio", root)
        cls.duplex = report("cfo", "maple-duplex", root)

    def test_two_handoffs_with_one_title_are_both_kept(self):
        self.assertIn(f'{PROJECTS}/rolling-bowls-2.md:1: title "Rolling Bowls" is also the title of '
                      f"{PROJECTS}/rolling-bowls.md", data_quality(self.ceo))

    def test_a_site_leading_outside_the_portfolio_is_not_inspected(self):
        self.assertIn(f'{PROJECTS}/shiftcal.md:6: Site "sites/../../etc" leads outside the portfolio',
                      data_quality(self.ceo))

    def test_a_kind_other_than_core_or_ancillary(self):
        self.assertIn(f"{PROJECTS}/seaside-smiles.md:3:", data_quality(self.ceo))

    def test_a_line_over_64_kb_is_cut_to_200_characters(self):
        self.assertShows(data_quality(self.duplex), re.escape(f"{PROJECTS}/maple-duplex.md:") + r"\d+: "
                         r"this line is over 64 KB", "long line")
        self.assertNotIn("lorem " * 40, self.duplex)


class LedgerlineWithoutRevenueTest(EditedCopyTestCase):
    """Rule 1's other half: remove `## Revenue` (lines 9–13) and the revenue is
    the Clients MRR; the card fee's base line is gone, so it is a diagnostic."""

    @classmethod
    def change(cls, root):
        path = os.path.join(root, PROJECTS, "ledgerline.md")
        with open(path) as f:
            lines = f.readlines()
        assert lines[8].startswith("## Revenue") and lines[13].startswith("## Clients"), lines[8:14]
        with open(path, "w") as f:
            f.writelines(lines[:8] + lines[13:])
        cls.cfo = report("cfo", "ledgerline", root)
        cls.variant = ENTITY["ledgerline"]["without_revenue_section"]

    def test_revenue_is_the_clients_mrr(self):
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertShows(self.cfo, whole_monthly_figure(self.variant["revenue"]), "revenue")

    def test_the_report_says_revenue_comes_from_clients(self):
        # changed by fixCf T7: docs/handoff-format.md rule 1, the CFO's note as a sentence: "… revenue is taken
        # from its `## Clients` list; it has no `## Revenue` section."
        self.assertShows(self.cfo, r"from (?:its )?`?## Clients`?", "revenue source")

    def test_gross_burn_leaves_out_the_fee_without_a_base(self):
        # changed by fix17b P12: docs/rendering.md "Monthly results in whole dollars, one rounding per figure"
        self.assertShows(self.cfo, whole_monthly_figure(self.variant["gross_burn"]), "gross burn")

    def test_the_fee_without_a_base_is_a_diagnostic(self):
        line = self.variant["card_fee_diagnostic_line"]
        self.assertIn(f"{PROJECTS}/ledgerline.md:{line}:", data_quality(self.cfo))


class SiteInspectionTest(FigureTestCase):
    """The CTO report on the three sites: a plain http:// link and no
    analytics (Rolling Bowls), Google Tag Manager (Seaside), a Lambda handler
    that checks no token (ShiftCal)."""

    def test_a_plain_http_link_is_a_security_gap_at_its_line(self):
        self.assertIn("sites/rollingbowls/index.html:7", report("cto", "rolling-bowls"))

    def test_a_page_without_analytics_is_a_ux_gap_and_one_with_them_is_not(self):
        self.assertShows(report("cto", "rolling-bowls"), r"index\.html`? has no analytics", "no analytics")
        self.assertNotRegex(report("cto", "seaside-smiles"), r"no analytics")

    def test_the_site_is_built_with_a_lambda_handler(self):
        self.assertLineShows(report("cto", "shiftcal"), "sites/shiftcal", "Lambda", "built with")

    def test_a_handler_that_checks_no_token_is_a_security_gap(self):
        self.assertIn("sites/shiftcal/handler.js", report("cto", "shiftcal"))


class SiteSecretTest(EditedCopyTestCase):
    """A credential written into a copy of ShiftCal's site at run time (no
    key-shaped literal is committed) is shown by its format's first four
    characters (sk_l) only, in every report."""
    secret = "sk_" + "live_" + "4eC39HqLyjWDarjtT1zdp7dc"

    @classmethod
    def change(cls, root):
        with open(os.path.join(root, "sites", "shiftcal", "billing.js"), "w") as f:
            f.write(f'const stripe = require("stripe")("{cls.secret}");\nmodule.exports = stripe;\n')
        cls.reports = run("render", "--all", "--root", root, "--now", NOW, check=0).stdout
        cls.cto = report("cto", "shiftcal", root)

    def test_the_credential_is_found_at_its_line(self):
        self.assertIn("sites/shiftcal/billing.js:1", self.cto)

    def test_no_report_shows_more_than_its_first_four_characters(self):
        self.assertNotIn(self.secret[:5], self.reports + self.cto)


if __name__ == "__main__":
    unittest.main(verbosity=2)
