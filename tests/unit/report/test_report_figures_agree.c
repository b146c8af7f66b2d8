/* Issue 14's content findings, each against the rule docs/handoff-format.md
 * and docs/reports.md write for it: one fixed cost behind every break-even,
 * the gap sentence, nothing dropped from the agenda, receivables over the
 * whole portfolio, loan payments as financing, the blast capped by capacity,
 * effort as a size, one Data quality line per request, and an Audit that
 * names only the parts a handoff lacks. Figures are worked out by hand in
 * the comments. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "report_fixture.h"

/* The handoffs `ids[i]` with `markdown[i]`, rendered for persona and scope. */
static char *render_many(const char *const *ids, const char *const *markdown, size_t count,
                         persona persona, const char *scope)
{
    char *root;
    portfolio *p = fixture_portfolio(&root, ids, markdown, count);
    char *md = fixture_render(p, persona, scope);
    model_portfolio_free(p);
    fixture_remove(root);
    return md;
}

static char *render_one(const char *id, const char *markdown, persona persona, const char *scope)
{
    return render_many(&id, &markdown, 1, persona, scope);
}

/* The sample's QuickDumpNow, without its malformed permit line. */
static const char hauler[] = "# Hauler\n\n## Revenue\n- Hauling jobs: $450/job\n\n"
                             "## Expenses\n- Dump site fees: $85/job (variable)\n"
                             "- Google Ads: $200–600/month (variable)\n"
                             "- Website hosting: $12/month (fixed, tech)\n"
                             "- Mailchimp: $13/month (tech)\n\n"
                             "## KPIs\n- Jobs per month: 3\n- Average job price: $450\n";

/* handoff-format.md, "Money received ahead beside units sold" (eyes-final18
 * W2b, W3): gift cards of $600/month beside 40 workshops, a 10% fee on all
 * revenue. Per workshop $30 + 10% × $90 = $39, margin $51; fixed $1,500 +
 * 10% × $600 = $1,560. Counting the gift cards: ceil(($1,560 − $600) ÷ $51)
 * = ceil(18.8) = 19. On units alone, the $600 and its $60 of fees left out:
 * ceil(($1,560 − $60) ÷ $51) = ceil(29.4) = 30 (31 if the fee stayed).
 * Cash flow $3,600 + $600 − ($1,200 + $420 + $1,500) = $1,080; without the
 * gift cards $1,080 − $600 + $60 = $540 = 40 × $51 − $1,500. */
static const char gift_studio[] = "# Studio\n\n- Owner: Ana Ruiz (founder)\n\n"
                                  "## Revenue\n- Workshops: $90/workshop\n"
                                  "- Gift cards sold: $600/month\n\n"
                                  "## Expenses\n- Tutor: $30/workshop (variable)\n"
                                  "- Card processing: 10% (variable)\n"
                                  "- Rent: $1,500/month (fixed)\n\n"
                                  "## KPIs\n- Workshops per month: 40\n"
                                  "- Average workshop price: $90\n"
                                  "- Workshops available per month: 50\n";

static void test_break_even_beside_money_received_ahead_gives_units_alone_first(void **state)
{
    (void)state;
    char *cfo = render_one("studio", gift_studio, PERSONA_CFO, "studio");
    /* changed by fixC3 (fixB3 lead notes): reports.md CFO Break-even, the cell holds the
     * units alone, marked, the count with the money under the table (it wrapped over 6
     * lines at 72 columns), and the sentence leads with the units alone; same 30 and 19 */
    assert_row(cfo, "| Studio", "workshop", "$90", "$39", "$1,560", "30\u2020", "40");
    assert_contains(cfo, "\u2020 Studio: 19 counting the $600 received ahead.\n");
    assert_contains(cfo, "**30 workshops a month** at $90 a workshop cover its costs on earned "
                         "revenue (it sells 40 workshops; 19 counting the $600 received ahead, and "
                         "the $60/month of fees on it)");
    free(cfo);
}

/* The Audit says the same two break-evens and both cash flows (30 ÷ 50 =
 * 60% and 19 ÷ 50 = 38% of the workshops available), and keeps the
 * question they answer in Data quality. */
static void test_audit_beside_money_received_ahead_gives_both_readings(void **state)
{
    (void)state;
    char *audit = render_one("studio", gift_studio, PERSONA_AUDIT, "studio");
    const char *said[] = {
        "cash flow **$1,080/month** if the $600 of Gift cards sold is on top of the 40 "
        "workshops; $540 if those workshops include it (confirm with Ana Ruiz).\n",
        "break-even is 30 workshops (19 counting the $600 received ahead).\n",
        "- Break-even: 30 workshops/month (19 counting the $600 received ahead)\n",
        "(break-even utilisation 60%; 38% counting the $600 received ahead)",
        "partly paid by Gift cards sold?",
    };
    assert_true(fixture_in_order(audit, said, sizeof said / sizeof said[0]));
    free(audit);
}

static void test_break_even_units_revenue_and_price_floor_share_one_fixed_cost(void **state)
{
    (void)state;
    char *md = render_one("hauler", hauler, PERSONA_CFO, "hauler");
    /* gross burn 255 + 400 + 12 + 13 = 680; per-unit costs 85 × 3 = 255;
     * fixed cost 425; margin 365: ceil(425 ÷ 365) = 2 jobs; revenue of the
     * break-even units 450 × 425 ÷ 365 = 523.97; floor 85 + 425 ÷ 3 = 226.67 */
    /* one short sentence (reports.md, CFO Break-even, eyes-final G7); the
     * fixed cost and the exact point's revenue are in the tables */
    assert_contains(md, "- Hauler: **2 jobs a month** at $450 a job cover its costs (it sells 3 "
                        "jobs); at today's volume a job can sell for as little as $226.67, the "
                        "price floor.\n");
    assert_row(md, "| Hauler", "job", "$85", "$425", "2", "3");
    /* monthly results in whole dollars (rendering.md; eyes-final4 P12) */
    assert_row(md, "| Hauler", "$1,350", "$524", "$826 (61.2%)");
    assert_contains(md, "never sell a job below **$226.67 per job**");
    free(md);
}

static void test_break_even_counts_other_revenue(void **state)
{
    (void)state;
    char *md = render_one("flat",
                          "# Flat\n\n## Revenue\n- Stays: $100/night\n- Lease: $1,000/month\n\n"
                          "## Expenses\n- Mortgage: $1,500/month (fixed)\n"
                          "- Linens: $10/night (variable)\n\n"
                          "## KPIs\n- Nights per month: 10\n- Average night price: $100\n",
                          PERSONA_CFO, "flat");
    /* fixed cost 1,600 − 100 = 1,500; the lease pays 1,000 of it: 500 ÷ 90
     * = 5.56 nights, revenue 1,000 + 100 × 500 ÷ 90 = 1,555.56; in whole
     * nights ceil = 6, revenue 1,000 + 6 × 100 = 1,600 */
    assert_contains(md, "- Flat: **6 nights a month** at $100 a night cover its costs (it sells 10 "
                        "nights; $1,000/month of other revenue counted)");
    assert_row(md, "| Flat", "$2,000", "$1,556");
    free(md);
}

static const char *const pair_ids[] = {"boat", "shop"};
static const char *const pair[] = {
    "# Boat\n\n- Owner: Ana Ruiz\n\n## Revenue\n- Charters: $1,000/charter\n\n"
    "## Expenses\n- Slip: $2,000/month (fixed)\n- Fuel: $200/charter (variable)\n\n"
    "## KPIs\n- Charters per month: 1\n- Average charter price: $1,000\n\n"
    "## Actions\n- A1: $0 (high)\n- A2: $0 (high)\n- A3: $0 (high)\n- A4: $0 (high)\n"
    "- A5: $0 (high)\n- A6: $0 (high)\n- A7: $0 (high)\n- A8: $0 (high)\n"
    "- A9: $0 (high)\n- A10: $0 (high)\n- A11: $0 (high)\n- A12: $0 (medium)\n- A13: $0 (low)\n",
    "# Shop\n\n## Revenue\n- Sales: $1,500/month\n\n## Expenses\n- Rent: $500/month (fixed)\n",
};

static void test_gap_sentence_ties_revenue_costs_and_who_burns(void **state)
{
    (void)state;
    char *md = render_many(pair_ids, pair, 2, PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    /* revenue 1,000 + 1,500; costs 2,200 + 500: net burn 200; Boat burns
     * 1,200, Shop makes 1,000; Boat's margin 800: ceil(1,200 ÷ 800) = 2.
     * Boat alone sells units and burns more than the group: the group's
     * $200 closes in its charters, ceil(200 ÷ 800) = 1 (reports.md, "The
     * gap sentence", P13), not the $217 of revenue at the group's average
     * margin (break-even 2,717.39, the CFO's Revenue targets, H11); Boat's
     * own need is a clause after the cuts, not a bracket of charters
     * (reports.md, "The gap sentence", eyes-final5b R15) */
    assert_contains(md, "Revenue $2,500 − costs $2,700 = net burn **$200 a month**: Boat burns "
                        "$1,200; Shop makes $1,000. Closing it takes 1 more Boat charter a month "
                        "(margin $800, $800 each) or $200 of cuts; Boat alone needs 2 to break "
                        "even.");
    assert_not_contains(md, "of cuts (");
    /* the headline says the loss short; its lever is the shortfall row's (eyes-final4 P1) */
    assert_contains(md, "- Boat loses $1,200/month.\n");
    assert_contains(strstr(md, "## Shortfalls"), "Boat loses $1,200/month: needs 2 more "
                                                 "charters a month to break even (3; it sells 1)");
    assert_not_contains(md, "revenue gap");
    free(md);
    md = render_many(pair_ids, pair, 2, PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    assert_contains(md, "Revenue $2,500 − costs $2,700 = net burn **$200 a month**");
    /* the CFO's sentence is the CEO's, its units the pooled row's */
    assert_contains(md, "Closing it takes 1 more Boat charter a month (margin $800, $800 each)");
    /* the targets' pooled row is named what it is, not the rows' sum
     * (eyes-final4 P2); monthly results in whole dollars (P12) */
    assert_row(md, "| Group, pooled", "$2,717");
    free(md);
}

/* reports.md, 30-day agenda and "One date per action" (eyes-final3b N6):
 * past ten rows the month's items are named; the actions due later are
 * named on their own line with their one date. */
static void test_agenda_names_the_rows_past_ten_and_the_later_actions_with_their_date(void **state)
{
    (void)state;
    char *md = render_many(pair_ids, pair, 2, PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    /* 11 high actions (day 7) and the revenue gap (day 14): 12 items, 10 rows, 2 named after */
    /* changed by fixCe eyes-final15 S8: each named item starts with a capital, as the Item cells */
    assert_contains(md, "And 2 more, due by 2026-12-07: A11 (Boat); Plan how to sell 2 more charters a month: "
                        "closes the $1,200/month loss (Boat).");
    /* FIXTURE_NOW 2026-11-23: medium + 60 days, low + 90 */
    assert_contains(md, "Later: A12 (Boat, by 2027-01-22); A13 "
                        "(Boat, by 2027-02-21).");
    free(md);
}

static void test_accounting_reads_the_ancillary_receivables_in_the_portfolio(void **state)
{
    (void)state;
    const char *ids[] = {"core", "side"};
    const char *markdown[] = {
        "# Core\n\n## Revenue\n- Sales: $1,000/month\n\n## Expenses\n- Rent: $400/month (fixed)\n",
        "# Side\n\n- Kind: ancillary\n\n## Revenue\n- Fees: $300/month\n\n"
        "## Clients\n- Cabo delivery: $3,600 (overdue, 2026-07-20)\n",
    };
    char *cfo = render_many(ids, markdown, 2, PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    /* changed by fixZa Q4: docs/reports.md CFO guardrails "overdue $13,450, $5,400 of it over 90 days" */
    assert_contains(cfo, "- Owed: $3,600 one-off (overdue $3,600, $3,600 of it over 90 days), cash not "
                         "in the runway until collected (Accounting's Receivables lists it); "
                         "all of it to ancillary businesses.");
    free(cfo);
    char *md = render_many(ids, markdown, 2, PERSONA_CAO, REPORT_SCOPE_PORTFOLIO);
    assert_not_contains(md, "No receivables ledger");
    /* changed by fix20d Q5: docs/reports.md Accounting headline "Clients owe" */
    assert_contains(md, "- Clients owe $3,600 ($3,600 overdue)");
    assert_row(md, "Side (ancillary)", "Cabo delivery", "$3,600 one-off", "overdue");
    free(md);
}

/* E15: an ancillary Clients line the portfolio CEO and Accounting show
 * brings its diagnostic with it (to the CFO's Data quality too, T7); the ancillary file's other diagnostics
 * stay in its own reports (handoff-format.md, Kind). */
static void test_an_ancillary_clients_line_brings_its_diagnostic(void **state)
{
    (void)state;
    const char *ids[] = {"core", "side"};
    const char *markdown[] = {
        "# Core\n\n## Revenue\n- Sales: $1,000/month\n\n## Expenses\n- Rent: $400/month (fixed)\n",
        "# Side\n\n- Kind: ancillary\n\n## Expenses\n- Fuel: -$50/month\n\n"
        "## Clients\n- Tidepool: $1,200 (overdue, 2026-11-31)\n",
    };
    for (persona p = PERSONA_CEO; p < PERSONA_COUNT; p++) {
        if (p == PERSONA_AUDIT)
            continue;
        char *md = render_many(ids, markdown, 2, p, REPORT_SCOPE_PORTFOLIO);
        /* changed by fixCf eyes-final16 T7: handoff-format.md Kind, the portfolio CFO's
         * Data quality lists them too */
        if (p == PERSONA_CEO || p == PERSONA_CAO || p == PERSONA_CFO)
            assert_contains(md, "side.md:9: \"Tidepool\": not a date: 2026-11-31 (write "
                                "YYYY-MM-DD; counted as undated)");
        else
            assert_not_contains(md, "2026-11-31");
        assert_not_contains(md, "side.md:6");
        free(md);
    }
}

/* Rule 2: a billed invoice over 30 days old is a question; a top-level one
 * is its own client and is named once (2026-10-02 to 2026-11-23: 52 days). */
static void test_an_old_top_level_invoice_is_named_once(void **state)
{
    (void)state;
    char *md = render_one("firm",
                          "# Firm\n\n## Clients\n- Harbor handbook: $2,200 (2026-10-02)\n",
                          PERSONA_CAO, "firm");
    assert_contains(md, "- Harbor handbook is 52 days old and not marked overdue: confirm");
    assert_not_contains(md, "(Harbor handbook)");
    free(md);
}

/* E11: Accounting's roadmap opens with a burning entity's own runway; cash
 * that ends inside the roadmap's three quarters says the later steps need
 * funding. $8,000 ÷ $3,819 = 2 months from 2026-11-23: Jan 2027. */
static const char lab[] = "# Lab\n\n## Revenue\n- Fees: $3,000/month\n\n"
                          "## Expenses\n- Contractors: $6,819/month (fixed)\n\n"
                          "## Assets\n- Cash: $8,000\n\n"
                          "## Actions\n- Automate reminders: $20/month (medium)\n";

static void test_accounting_roadmap_says_when_the_cash_ends(void **state)
{
    (void)state;
    char *md = render_one("lab", lab, PERSONA_CAO, "lab");
    assert_contains(md, "Today: net burn $3,819/month. Lab burns $3,819/month: its cash, $8,000, "
                        "lasts 2 months (to about Jan 2027); the steps after that need it "
                        "funded.");
    free(md);
}

/* E25: the Audit's action recommendation keeps a cost with its period and
 * says "no cost" for a $0 action, never "$0 one-off". */
static void test_audit_action_says_no_cost_for_a_free_action(void **state)
{
    (void)state;
    char *markdown = NULL;
    if (asprintf(&markdown, "%s- Claim the profile: $0 (high)\n", lab) < 0)
        abort();
    char *md = render_one("lab", markdown, PERSONA_AUDIT, "lab");
    /* its own sentence, never `Do "..."` (reports.md Audit, H9) */
    assert_contains(md, "Claim the profile (no cost, high priority; ");
    assert_not_contains(md, "Do \"");
    assert_not_contains(md, "$0 one-off");
    free(md);
    free(markdown);
}

static void test_loan_payment_is_financing_below_the_operating_result(void **state)
{
    (void)state;
    const char *both = "# Boat\n\n## Revenue\n- Charters: $3,000/month\n\n"
                       "## Expenses\n- Slip: $1,000/month (fixed)\n"
                       "- Boat loan payment: $650/month (fixed)\n";
    char *md = render_one("boat", both, PERSONA_CAO, "boat");
    /* 3,000 − 1,000 = 2,000 operating; less 650 of loan: Net 1,350 */
    assert_row(md, "Operating result (4000 − 5000 − 6000)", "$2,000");
    assert_row(md, "2500", "Loan repayments (financing)", "$650");
    assert_row(md, "Net (operating result − 2500)", "$1,350");
    assert_contains(md, "principal and interest are not split");
    assert_contains(md, "add `Boat loan interest: $X/month`");
    free(md);
    char *split = NULL;
    if (asprintf(&split, "%s- Boat loan interest: $150/month (fixed)\n", both) < 0)
        abort();
    md = render_one("boat", split, PERSONA_CAO, "boat");
    assert_row(md, "6110", "Interest expense", "$150");
    assert_not_contains(md, "not split");
    free(md);
    free(split);
}

/* handoff-format.md, "A loan's principal is not a loss" (eyes-final8 V3):
 * a business whose net burn holds loan principal is short of cash, not
 * losing money; the CEO and the Audit give Accounting's operating result
 * beside it. Revenue 20 × $100 = $2,000; gross burn 20 × $40 + $1,000 +
 * $100 + $500 = $2,400: net burn $400; operating result $2,000 − ($2,400 −
 * $500) = $100, the chart's. Net margin per lesson: contribution $60; fixed
 * share $1,600 ÷ 20 = $80 in cash (−$20), $1,100 ÷ 20 = $55 without the
 * principal ($5). */
static const char loan_school[] = "# School\n\n## Revenue\n- Lessons: $100/lesson\n\n"
                                  "## Expenses\n- Instructor: $40/lesson (variable)\n"
                                  "- Slip: $1,000/month (fixed)\n"
                                  "- Boat loan interest: $100/month (fixed)\n"
                                  "- Boat loan principal: $500/month (fixed)\n\n"
                                  "## KPIs\n- Lessons per month: 20\n- Average lesson price: $100\n";

static void test_a_loan_principal_is_not_a_loss(void **state)
{
    (void)state;
    char *md = render_one("school", loan_school, PERSONA_CEO, "school");
    assert_contains(md, "School is short $400/month in cash after $500/month of loan principal "
                        "(operating profit $100): needs 7 more lessons a month to break even "
                        "(27; it sells 20)");
    assert_contains(md, "closes the $400/month cash shortfall");
    assert_not_contains(md, "loses $400/month");
    free(md);
    md = render_one("school", loan_school, PERSONA_CAO, "school");
    assert_row(md, "Operating result (4000 − 5000 − 6000)", "$100");
    free(md);
    md = render_one("school", loan_school, PERSONA_AUDIT, "school");
    assert_contains(md, "- Revenue $2,000/month, expenses $2,400/month (including $500/month of "
                        "loan principal): cash flow **-$400/month** (operating profit $100)");
    assert_contains(md, "net margin **$5/lesson** (-$20/lesson in cash, after the loan principal)");
    free(md);
}

static const char unsplit_school[] = "# School\n\n## Revenue\n- Lessons: $100/lesson\n\n"
                                     "## Expenses\n- Instructor: $40/lesson (variable)\n"
                                     "- Slip: $1,000/month (fixed)\n"
                                     "- Boat loan payment: $600/month (fixed)\n\n"
                                     "## KPIs\n- Lessons per month: 20\n- Average lesson price: $100\n";

/* The same rule for a payment that does not split its interest out: it
 * holds some interest, so it is "loan payments", never "principal"; and a
 * business without a loan still loses money. */
static void test_an_unsplit_loan_payment_is_named_loan_payments(void **state)
{
    (void)state;
    char *md = render_one("school", unsplit_school, PERSONA_CEO, "school");
    assert_contains(md, "School is short $400/month in cash after $600/month of loan payments "
                        "(operating profit $200)");
    free(md);
    const char *no_loan = "# School\n\n## Revenue\n- Lessons: $100/lesson\n\n"
                          "## Expenses\n- Instructor: $40/lesson (variable)\n"
                          "- Slip: $1,600/month (fixed)\n\n"
                          "## KPIs\n- Lessons per month: 20\n- Average lesson price: $100\n";
    md = render_one("school", no_loan, PERSONA_CEO, "school");
    assert_contains(md, "School loses $400/month: needs 7 more lessons");
    assert_not_contains(md, "operating profit");
    free(md);
    md = render_one("school", no_loan, PERSONA_AUDIT, "school");
    assert_contains(md, "net margin **-$20/lesson**\n");
    free(md);
}

/* handoff-format.md, "A loan's principal is not a loss" (eyes-final19 A7):
 * an unsplit payment holds interest, so the Audit's headline gives the cash
 * flow after it and the operating result before it, and says the interest
 * share is missing. Revenue $2,000; burn $800 + $1,000 + $600 = $2,400:
 * cash flow −$400; before the payment $2,000 − $1,800 = $200. */
static void test_audit_cash_flow_is_after_an_unsplit_loan_payment_and_the_result_before_it(void **state)
{
    (void)state;
    char *md = render_one("school", unsplit_school, PERSONA_AUDIT, "school");
    assert_contains(md, "- Revenue $2,000/month, expenses $2,400/month: cash flow **-$400/month** "
                        "after $600/month of loan payments; operating profit $200 before them (the "
                        "interest share is not stated)");
    assert_not_contains(md, "(including $600/month of loan payments)");
    free(md);
}

/* docs/reports.md, CEO headline 1 (eyes-final8 V2): revenue that holds cash
 * received ahead of earning says so, with Accounting's earned figure, in
 * the CEO's and the CFO's headline. Cafe: $2,000 of coffee + $500 of gift
 * cards = $2,500 in cash, $2,000 earned; costs $1,800: surplus $700. */
static void test_revenue_received_ahead_of_earning_is_named_in_cash(void **state)
{
    (void)state;
    const char *cafe = "# Cafe\n\n## Revenue\n- Coffee: $2,000/month\n"
                       "- Gift card sales: $500/month\n\n"
                       "## Expenses\n- Rent: $1,800/month (fixed)\n";
    char *md = render_one("cafe", cafe, PERSONA_CEO, "cafe");
    /* changed by fixCe eyes-final15 S3: the amount received ahead names its line */
    assert_contains(md, "- Revenue $2,500/month in cash ($2,000 earned; $500 of Gift card sales "
                        "received ahead of earning), gross burn $1,800/month: surplus "
                        "**$700/month**.\n");
    free(md);
    md = render_one("cafe", cafe, PERSONA_CFO, "cafe");
    assert_contains(md, "- Revenue $2,500/month in cash ($2,000 earned; $500 of Gift card sales "
                        "received ahead of earning) against gross burn $1,800/month");
    free(md);
    md = render_one("cafe", cafe, PERSONA_CAO, "cafe");
    assert_contains(md, "- Earned revenue $2,000/month");
    free(md);
    const char *plain = "# Cafe\n\n## Revenue\n- Coffee: $2,000/month\n\n"
                        "## Expenses\n- Rent: $1,800/month (fixed)\n";
    md = render_one("cafe", plain, PERSONA_CEO, "cafe");
    assert_contains(md, "- Revenue $2,000/month, gross burn $1,800/month: surplus **$200/month**.\n");
    free(md);
}

/* The same headline (eyes-final8 V2): a fee one group business pays
 * another sits in both revenue and costs, as Accounting's chart keeps it,
 * and the headline says so; a fee the payer's handoff does not hold is
 * counted once, and said nothing of. */
static void test_a_fee_paid_inside_the_group_is_said_to_sit_in_both_revenue_and_costs(void **state)
{
    (void)state;
    const char *ids[] = {"lawyer", "cafe"};
    const char *both[] = {"# Lawyer\n\n## Clients\n- Cafe: $800/month\n- Bakery: $2,000/month\n\n"
                          "## Expenses\n- Payroll: $2,000/month (fixed)\n",
                          "# Cafe\n\n## Revenue\n- Coffee: $3,000/month\n\n"
                          "## Expenses\n- Legal retainer: $800/month (fixed)\n"
                          "- Rent: $1,000/month (fixed)\n"};
    char *md = render_many(ids, both, 2, PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    /* revenue 2,800 + 3,000; costs 2,000 + 1,800: surplus 2,000 */
    assert_contains(md, "- Revenue $5,800/month, gross burn $3,800/month: surplus **$2,000/month**; "
                        "revenue and costs both hold $800/month paid between the group's "
                        "businesses (Cafe → Lawyer), net $0.\n");
    free(md);
    md = render_many(ids, both, 2, PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    assert_contains(md, "net $0.\n");
    free(md);
    const char *unheld[] = {both[0], "# Cafe\n\n## Revenue\n- Coffee: $3,000/month\n\n"
                                     "## Expenses\n- Rent: $1,000/month (fixed)\n"};
    md = render_many(ids, unheld, 2, PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    assert_not_contains(md, "paid between the group's businesses");
    free(md);
}

/* docs/reports.md, Accounting headline and decision (eyes-final8 V13,
 * the sample's QuickDumpNow and Expert Yacht Delivery): the result says
 * which unreadable expense line it leaves out, with its file:line, and a
 * Clients line that is itself the job is never named as the one who owes.
 * Revenue $1,000 − rent $500 = surplus $500, the permit left out. */
static const char unreadable_hauler[] =
    "# Hauler\n\n## Revenue\n- Jobs: $1,000/month\n\n## Expenses\n- Rent: $500/month (fixed)\n"
    "- Permit renewal: $1,2,00/year\n\n## Clients\n- Cabo delivery: $3,600 (overdue)\n"
    "- Bay Yoga: $300/month\n  - Invoice 7: $300 (overdue)\n";

static void test_an_unreadable_expense_line_is_named_beside_the_headline_result(void **state)
{
    (void)state;
    char *md = render_one("hauler", unreadable_hauler, PERSONA_CAO, "hauler");
    /* changed by fixAc eyes-final16 T3/T8: docs/reports.md Accounting headline, the result is
     * its own bullet and "nothing paid ahead to defer" is dropped, so the line ends there */
    assert_contains(md, "- Revenue $1,000/month, surplus $500/month (1 expense line unreadable, "
                        "left out: hauler.md:8).\n");
    assert_contains(md, "- Decision: The client for the Cabo delivery owes Hauler $3,600 overdue, "
                        "undated: collect it first, then the other $300 overdue (Bay Yoga: "
                        "Invoice 7).\n");
    assert_not_contains(md, "Decision: Cabo delivery owes");
    free(md);
    /* a one-off line that names its client stays the debtor */
    const char *readable = "# Hauler\n\n## Revenue\n- Jobs: $1,000/month\n\n"
                           "## Expenses\n- Rent: $500/month (fixed)\n\n"
                           "## Clients\n- Old Mill Brewery: $3,100 (overdue)\n";
    md = render_one("hauler", readable, PERSONA_CAO, "hauler");
    assert_not_contains(md, "unreadable");
    assert_contains(md, "- Decision: Old Mill Brewery owes Hauler $3,100 overdue, undated: collect it");
    free(md);
}

/* docs/reports.md, Audit headline (eyes-final19 A1): the Audit says the
 * expense line its sums leave out beside the expenses, in the words the
 * other reports' headlines use, so no report gives the figure bare. */
static void test_the_audit_headline_names_the_unreadable_expense_line_beside_the_expenses(void **state)
{
    (void)state;
    /* with the permit unreadable, then with every line read: no caveat */
    const struct {
        const char *handoff, *headline;
    } cases[] = {
        {unreadable_hauler, "- Revenue $1,000/month, expenses $500/month (1 expense line "
                            "unreadable, left out: hauler.md:8): cash flow **$500/month**"},
        {"# Hauler\n\n## Revenue\n- Jobs: $1,000/month\n\n## Expenses\n- Rent: $500/month (fixed)\n",
         "- Revenue $1,000/month, expenses $500/month: cash flow **$500/month**"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *md = render_one("hauler", cases[i].handoff, PERSONA_AUDIT, "hauler");
        assert_contains(md, cases[i].headline);
        free(md);
    }
}

static const char listed_boat[] = "# Boat\n\n## Revenue\n- Charters: $1,850/charter\n\n"
                                  "## KPIs\n- Charters per month: 2\n- Average charter price: $1,850\n"
                                  "- Charters available per month: 4\n\n"
                                  "## Marketing\n- Email list recipients: 3,676\n"
                                  "- Blast open rate: 25–40%\n- Blast click rate: 3–8%\n"
                                  "- Blast conversion rate: 20%\n";

/* F35: a deferred line is cash received, not earned (docs/reports.md,
 * Revenue recognition): every report counts its cash in revenue, and
 * Accounting books it as the liability it is, never in 4000. The docs'
 * example, the sample's Queen of San Diego: $300/month of gift
 * certificates against $342/month of costs. */
static void test_deferred_line_is_cash_received_not_earned_in_every_report(void **state)
{
    (void)state;
    const char *queen = "# Queen\n\n## Revenue\n- Gift certificates: $300/month\n\n"
                        "## Expenses\n- Website and booking: $92/month (tech)\n"
                        "- Dock fee share: $250/month (fixed)\n";
    char *cao = render_one("queen", queen, PERSONA_CAO, "queen");
    /* changed by fix23c S13: docs/reports.md Accounting headline "leads with ... the earned
     * revenue and the operating result"; the cash result as before (Q13) */
    /* changed by fixZa Z2: docs/reports.md Revenue recognition, the reason earned leaves the
     * received-ahead line out is said beside it */
    /* changed by fixAc eyes-final16 T3: docs/reports.md Accounting headline, at most three
     * bullets (result; received ahead; who burns), the cash ask in Data quality only */
    /* changed by fixC4 eyes-final19 A3: the handoff does not say how much is earned; it
     * never says "none" */
    assert_contains(cao, "- Earned revenue $0/month, operating result -$342/month; in cash (with "
                         "the $300/month received ahead), net burn $42/month.\n"
                         "- Earned revenue leaves out the $300/month received ahead of earning "
                         "(Gift certificates): the handoff does not say how much of it is earned a "
                         "month, so none is counted as earned yet (in steady "
                         "sales about as much is earned a month as is received).\n"
                         "- Queen burns $42/month and states no cash.\n");
    assert_non_null(strstr(cao, "## Data quality"));
    assert_contains(strstr(cao, "## Data quality"), "`Cash: $amount`");
    /* eyes-final4 P3: no account number in the headline; the chart has them */
    const char *recognition = strstr(cao, "## Revenue recognition");
    assert_non_null(recognition);
    char *headline = strndup(cao, (size_t)(recognition - cao));
    assert_not_contains(headline, "(2400)");
    assert_not_contains(headline, "2400 Deferred");
    free(headline);
    /* changed by fixZa Z2: docs/reports.md Revenue recognition, "none stated earned yet" */
    assert_row(cao, "Gift certificates", "cash now; revenue when redeemed (held in 2400 Deferred "
                                         "revenue until then; none stated earned yet)");
    assert_not_contains(cao, "4020 Recurring revenue");
    /* 4000 $0 − 6000 $342 = −$342 operating; + $300 received: Net −$42 */
    assert_row(cao, "Operating result (4000 − 5000 − 6000)", "-$342");
    assert_row(cao, "2400 Deferred revenue received", "$300");
    assert_row(cao, "Net (operating result + 2400)", "-$42");
    free(cao);
    char *cfo = render_one("queen", queen, PERSONA_CFO, "queen");
    assert_contains(cfo, "Revenue $300/month");
    assert_contains(cfo, "net burn **$42/month**");
    free(cfo);
    char *audit = render_one("queen", queen, PERSONA_AUDIT, "queen");
    /* changed by fixAu T1: docs/reports.md Audit, the cash received ahead of earning is said apart */
    assert_contains(audit, "- Revenue: $300/month in cash ($0 earned; $300 received ahead of "
                           "earning: Gift certificates)\n");
    free(audit);
}

/* F11: the Audit's recommendation to close a per-unit burn says what one
 * send to the entity's list brings, with the CMO's figures (docs/reports.md,
 * Audit, the Pelican Charters example): 1,500 × 30% × 5% × 10% = 2.25
 * conversions (2 in a sentence, the CMO's whole units) × $900 = $2,025
 * ($2,030), against +1 charter. */
static void test_audit_uses_the_cmo_blast_against_the_units_to_add(void **state)
{
    (void)state;
    const char *pelican = "# Pelican Charters\n\n- Kind: ancillary\n\n"
                          "## Revenue\n- Day charters: $900/charter\n\n"
                          "## Expenses\n- Skipper: $150/charter (variable)\n"
                          "- Fuel: $80/charter (variable)\n"
                          "- Boat mortgage: $1,200/month (fixed)\n"
                          "- Moorage: $300/month (fixed)\n\n"
                          "## KPIs\n- Charters per month: 2\n- Average charter price: $900\n\n"
                          "## Marketing\n- Email list recipients: 1,500\n- Blast open rate: 30%\n"
                          "- Blast click rate: 5%\n- Blast conversion rate: 10%\n";
    char *audit = render_one("pelican", pelican, PERSONA_AUDIT, "pelican");
    /* changed by lead eyes-final14 R1: rendering.md Rounding, blast money in whole dollars under $10,000 */
    assert_contains(audit, "1. Close the $160/month net burn: +1 charter/month at the charter "
                           "contribution of $670; one send to the 1,500-recipient list could "
                           "bring 2 charters ($2,025 of revenue, one-off; its cost per send "
                           "is not stated): enough for the +1 charter in the month it goes out.");
    assert_contains(audit, "add `Blast cost per send: $amount` to the Marketing");
    free(audit);
    char *cmo = render_one("pelican", pelican, PERSONA_CMO, "pelican");
    /* changed by lead eyes-final14 R1: rendering.md Rounding, whole dollars under $10,000 */
    assert_contains(cmo, "is worth **$2,025** of bookings");
    free(cmo);
    /* 7 more lessons needed, 2.1 from a send: "2 of the +7 lessons" */
    const char *bayside = "# Bayside\n\n## Revenue\n- Lessons: $95/lesson\n\n"
                          "## Expenses\n- Instructor: $42.85/lesson (variable)\n"
                          "- Dock: $1,895/month (fixed)\n\n"
                          "## KPIs\n- Lessons per month: 30\n- Average lesson price: $95\n\n"
                          "## Marketing\n- Email list recipients: 800\n- Blast open rate: 35%\n"
                          "- Blast click rate: 5%\n- Blast conversion rate: 15%\n";
    audit = render_one("bayside", bayside, PERSONA_AUDIT, "bayside");
    assert_contains(audit, "one send to the 800-recipient list could bring 2 lessons ($200 of "
                           "revenue, one-off; its cost per send is not stated): 2 of the +7 "
                           "lessons.");
    free(audit);
    /* 200 recipients bring 0.5 lessons, under a tenth of the 7: not said */
    char *small = NULL;
    if (asprintf(&small, "%.*s200\n- Blast open rate: 35%%\n- Blast click rate: 5%%\n"
                         "- Blast conversion rate: 15%%\n",
                 (int)(strstr(bayside, "800") - bayside), bayside) < 0)
        abort();
    audit = render_one("bayside", small, PERSONA_AUDIT, "bayside");
    assert_contains(audit, "+7 lessons/month at the lesson contribution of $52.15.");
    assert_not_contains(audit, "one send");
    free(audit);
    free(small);
}

/* E12: the chart is three tables, so every subtotal adds exactly the rows
 * above it: Cedar Ridge's 6030 $180 + 6060 $300 = 6000 $480, and the $650
 * repair sits in the one-off table after Net (docs/reports.md, Chart of
 * accounts). */
static const char cabin[] = "# Cedar\n\n## Revenue\n- Stays: $210/night\n\n"
                            "## Expenses\n- Property tax: $3,600/year (fixed)\n"
                            "- Insurance: $2,160/year (fixed)\n- Hot tub repair: $650\n\n"
                            "## Assets\n- Cash: $5,000\n\n"
                            "## KPIs\n- Nights per month: 18\n- Average night price: $210\n";

static void test_chart_subtotals_add_the_rows_above_them(void **state)
{
    (void)state;
    char *md = render_one("cedar", cabin, PERSONA_CAO, "cedar");
    assert_row(md, "| Total operating expenses (6000)", "$480");
    assert_row(md, "| 6950 One-off expenses (one-off)", "$650");
    /* a balance carries no "(one-off)" mark (reports.md, Chart of accounts, G18) */
    assert_not_contains(md, "1010 Cash (one-off)");
    /* changed by fixAc eyes-final15 S8: docs/reports.md Chart of accounts, "(range midpoints)"
     * only when an amount is a range; the cabin states none */
    assert_in_order(md, "Balances: what is held or owed today.", "| 1010 Cash ",
                    "Monthly accounts.", "| Total operating expenses (6000)",
                    /* changed by fixZa Z13: docs/reports.md Chart of accounts, undated is
                     * "date not stated", never past */
                    "One-offs, date not stated, not in the monthly figures (add the date: ",
                    "| 6950 One-off expenses (one-off)");
    free(md);
}

/* E14, E19: the CFO's guardrails name the money owed (not in the runway
 * until collected) and a risk larger than its entity's surplus; a
 * profitable per-unit target says its cushion in units. The cabin: revenue
 * 18 × $210 = $3,780, costs $300 + $180 = $480, surplus $3,300; break-even
 * ceil($480 ÷ $210) = 3 nights; a $3,500/month risk would burn $200. */
static void test_cfo_names_owed_money_risks_over_the_surplus_and_the_cushion_in_units(void **state)
{
    (void)state;
    char *markdown = NULL;
    if (asprintf(&markdown, "%s\n## Risks\n- Winter gap: $3,500/month (high)\n"
                            "- Small leak: $100/month (low)\n\n"
                            "## Clients\n- Bay Yoga: $500 (overdue, 2026-07-01)\n",
                 cabin) < 0)
        abort();
    char *md = render_one("cedar", markdown, PERSONA_CFO, "cedar");
    /* changed by fixZa Q4: docs/reports.md CFO guardrails "overdue $13,450, $5,400 of it over 90 days" */
    assert_contains(md, "- Owed: $500 one-off (overdue $500, $500 of it over 90 days), cash not in the "
                        "runway until collected");
    assert_contains(md, "- Cedar's Winter gap ($3,500/month, high; agent_handoffs/projects/"
                        "cedar.md:");
    assert_contains(md, "is more than its $3,300/month surplus: if it happens it burns "
                        "$200/month.");
    assert_not_contains(md, "Small leak");
    assert_contains(md, "15 nights above break-even (18 sold, 3 needed)");
    free(md);
    free(markdown);
}

/* E14: $3,780 − $3,390 = $390 surplus, $378 margin: $12 of room, while $1
 * off each of 18 nights uses $18/month: no price cut fits. */
static void test_cfo_says_when_no_price_cut_fits_the_room(void **state)
{
    (void)state;
    char *md = render_one("thin",
                          "# Thin\n\n## Revenue\n- Stays: $210/night\n\n"
                          "## Expenses\n- Mortgage: $3,390/month (fixed)\n\n"
                          "## KPIs\n- Nights per month: 18\n- Average night price: $210\n",
                          PERSONA_CFO, "thin");
    assert_contains(md, "each $1 off a night (Thin) uses $18/month (more than the room: no price "
                        "cut fits)");
    free(md);
}

/* E14, E28 (independent portfolio 2's Cedar Ridge Cabin): $3,200 fixed ÷
 * ($210 − $10.30) = 16.02 nights, never "16"; revenue $3,780 − $3,385.40
 * = $394.60 surplus, $378 margin: $16.60 of room, less than the $18 a $1
 * cut uses; the $1,400 winter risk, $1,331 at today's margin (linens and
 * cleaning fall with the nights), would leave a $937 burn. No price
 * cut fits and $210 clears the $188.08 floor: the floor is not the decision
 * (reports.md, CFO headline, eyes-final G6). */
static const char thin_cabin[] =
    "# Cedar Ridge Cabin\n\n## Revenue\n- Nightly stays: $210/night\n\n"
    "## Expenses\n- Mortgage: $3,200/month (fixed)\n"
    "- Linens and cleaning: $10.30/night (variable)\n\n"
    "## KPIs\n- Nights per month: 18\n- Average night price: $210\n\n"
    "## Risks\n- Winter bookings gap: $1,400/month (high)\n";

static void test_cfo_decision_of_a_thin_business(void **state)
{
    (void)state;
    char *md = render_one("cedar", thin_cabin, PERSONA_CFO, "cedar");
    /* the room is computed from the printed dollars: $395 − $378 = $17
     * (rendering.md, "Monthly results in whole dollars"; eyes-final3a M13) */
    assert_contains(md, "- Decision: up to $17/month of new fixed costs (no $1 price cut "
                        "fits), keeping the $378/month surplus target; Cedar Ridge Cabin's "
                        "Winter bookings gap "
                        /* changed by fix23a T13: handoff-format.md "Risk cost": a
                         * bookings gap costs $1,400 × $3,594.60 ÷ $3,780 = $1,331 */
                        "($1,400/month, $1,331 at today's margin) would turn its $395/month "
                        "surplus into a $937/month burn.");
    /* 16.02 nights' worth of revenue in the table; 17 whole nights in words */
    assert_row(md, "| Cedar Ridge Cabin", "$3,365");
    assert_contains(md, "**17 nights a month** at $210 a night cover its costs (it sells 18 nights)");
    free(md);
}

static void test_blast_is_capped_by_the_spare_units(void **state)
{
    (void)state;
    char *md = render_one("boat", listed_boat, PERSONA_CMO, "boat");
    /* 5.514–23.526 conversions, 4 − 2 = 2 spare: 2 × $1,850 = $3,700; the
     * sentence counts whole charters, the capped ones first, each end
     * rounded half away (rule 5; eyes-final3b N21) */
    assert_contains(md, "is worth **$3,700** of bookings");
    assert_contains(md, "Capped at 2 spare charters a month (4 available, 2 sold): the list could "
                        "bring 2 charters (6–24 if there were room).");
    free(md);
}

/* handoff-format.md rule 5 (eyes-final13 Q12): the CEO's agenda row gives
 * the capped charters with the cap beside them, so a reader who redoes the
 * funnel (6–24) sees why the send brings 2. */
static void test_capped_blast_units_say_the_cap_on_the_ceo_agenda(void **state)
{
    (void)state;
    char *boat = NULL;
    if (asprintf(&boat, "%s- Blast cost per send: $50\n", listed_boat) < 0)
        abort();
    char *owned = NULL;
    if (asprintf(&owned, "# Boat\n\n- Owner: Ana Ruiz\n%s", boat + strlen("# Boat\n")) < 0)
        abort();
    char *md = render_one("boat", owned, PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    assert_contains(md, "Send Boat's e-mail blast ($50; 2 charters (only 2 free slots a month), ");
    free(md);
    free(owned);
    free(boat);
}

static void test_cto_effort_is_a_size_and_cost_its_own_column(void **state)
{
    (void)state;
    const char *ids[] = {"a", "b"};
    const char *markdown[] = {
        "# A\n\n- Site: a\n\n## Tech\n- Hosting: static\n\n## Actions\n- Add uptime checks: $300 "
        "(medium, tech, 2 hours)\n- Move to a CDN: $0 (medium, tech)\n",
        "# B\n\n- Site: b\n\n## Tech\n- Hosting: static\n",
    };
    char *md = render_many(ids, markdown, 2, PERSONA_CTO, REPORT_SCOPE_PORTFOLIO);
    assert_row(md, "| medium", "Add uptime checks", "2 hours", "$300 one-off");
    assert_row(md, "| medium", "Move to a CDN", "not stated", "$0 one-off");
    assert_not_contains(md, "cost $300");
    /* one line per field, naming both handoffs (each has a site: eyes-ea E8) */
    assert_contains(md, "- Missing: add `CI: ...` to the Tech of "
                        "agent_handoffs/projects/a.md, agent_handoffs/projects/b.md\n");
    assert_contains(md, "- Missing: add `Backups: ...` to the Tech of "
                        "agent_handoffs/projects/a.md, agent_handoffs/projects/b.md\n");
    free(md);
}

/* reports.md, Audit (eyes-final5a Q4): a missing section is asked once,
 * in Data quality; the recommendations say nothing to the handoff's author. */
static void test_audit_asks_a_missing_section_once_in_data_quality(void **state)
{
    (void)state;
    char *md = render_one("desk",
                          "# Desk\n\n## Revenue\n- Fees: $1,000/month\n\n"
                          "## Expenses\n- Rent: $500/month (fixed)\n\n"
                          "## KPIs\n- Clients: 4\n",
                          PERSONA_AUDIT, "desk");
    const char *recommendations = strstr(md, "## Recommendations");
    const char *quality = strstr(md, "## Data quality");
    assert_non_null(recommendations);
    assert_non_null(quality);
    assert_not_contains(recommendations, "could give more");
    assert_not_contains(recommendations, "recommendations follow");
    assert_contains(md, "## Risks\n\nNone stated.\n");
    const char *first = strstr(md, "`## Risks`");
    assert_true(first > quality);
    assert_null(strstr(first + 1, "`## Risks`"));
    free(md);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_break_even_units_revenue_and_price_floor_share_one_fixed_cost),
        cmocka_unit_test(test_break_even_counts_other_revenue),
        cmocka_unit_test(test_gap_sentence_ties_revenue_costs_and_who_burns),
        cmocka_unit_test(test_agenda_names_the_rows_past_ten_and_the_later_actions_with_their_date),
        cmocka_unit_test(test_accounting_reads_the_ancillary_receivables_in_the_portfolio),
        cmocka_unit_test(test_an_ancillary_clients_line_brings_its_diagnostic),
        cmocka_unit_test(test_an_old_top_level_invoice_is_named_once),
        cmocka_unit_test(test_accounting_roadmap_says_when_the_cash_ends),
        cmocka_unit_test(test_audit_action_says_no_cost_for_a_free_action),
        cmocka_unit_test(test_loan_payment_is_financing_below_the_operating_result),
        cmocka_unit_test(test_a_loan_principal_is_not_a_loss),
        cmocka_unit_test(test_an_unsplit_loan_payment_is_named_loan_payments),
        cmocka_unit_test(test_audit_cash_flow_is_after_an_unsplit_loan_payment_and_the_result_before_it),
        cmocka_unit_test(test_revenue_received_ahead_of_earning_is_named_in_cash),
        cmocka_unit_test(test_a_fee_paid_inside_the_group_is_said_to_sit_in_both_revenue_and_costs),
        cmocka_unit_test(test_an_unreadable_expense_line_is_named_beside_the_headline_result),
        cmocka_unit_test(test_the_audit_headline_names_the_unreadable_expense_line_beside_the_expenses),
        cmocka_unit_test(test_deferred_line_is_cash_received_not_earned_in_every_report),
        cmocka_unit_test(test_audit_uses_the_cmo_blast_against_the_units_to_add),
        cmocka_unit_test(test_chart_subtotals_add_the_rows_above_them),
        cmocka_unit_test(test_cfo_names_owed_money_risks_over_the_surplus_and_the_cushion_in_units),
        cmocka_unit_test(test_cfo_says_when_no_price_cut_fits_the_room),
        cmocka_unit_test(test_cfo_decision_of_a_thin_business),
        cmocka_unit_test(test_blast_is_capped_by_the_spare_units),
        cmocka_unit_test(test_capped_blast_units_say_the_cap_on_the_ceo_agenda),
        cmocka_unit_test(test_cto_effort_is_a_size_and_cost_its_own_column),
        cmocka_unit_test(test_audit_asks_a_missing_section_once_in_data_quality),
        cmocka_unit_test(test_break_even_beside_money_received_ahead_gives_units_alone_first),
        cmocka_unit_test(test_audit_beside_money_received_ahead_gives_both_readings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
