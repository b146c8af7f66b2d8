/* Report formulas on small handoffs written here, with the expected figures
 * worked out by hand in the comments (DESIGN §4). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "report_fixture.h"

/* One core entity "shop"; renders `persona` for the portfolio. */
static char *render_one(const char *markdown, persona persona, const char *scope)
{
    const char *ids[] = {"shop"};
    char *root;
    portfolio *p = fixture_portfolio(&root, ids, &markdown, 1);
    char *md = fixture_render(p, persona, scope);
    model_portfolio_free(p);
    fixture_remove(root);
    return md;
}

/* Trips sold at $500 with $100 variable cost; $1,000 fixed: margin $400,
 * 1,000 / 400 = 2.5, rounded up to 3. */
static const char trip_shop[] = "# Trip Shop\n\n"
                                "## Revenue\n\n- Trips: $500/trip\n\n"
                                "## Expenses\n\n- Rent: $1,000/month (fixed)\n"
                                "- Fuel: $100/trip (variable)\n\n"
                                "## KPIs\n\n- Trips per month: 2\n- Average trip price: $500\n";

static void test_cfo_gross_burn_sums_monthly_expenses(void **state)
{
    (void)state;
    /* 1,200 + 2,400/12 + 30*52/12 + 300/3 = 1,200 + 200 + 130 + 100 = 1,630 */
    char *md = render_one("# Shop\n\n## Expenses\n\n- Rent: $1,200/month (fixed)\n"
                          "- Licence: $2,400/year (fixed)\n- Cleaner: $30/week (variable)\n"
                          "- Audit: $300/quarter (fixed)\n",
                          PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    assert_contains(md, "Gross burn is **$1,630/month**");
    free(md);
}

static void test_cfo_net_burn_is_gross_minus_revenue(void **state)
{
    (void)state;
    /* gross 1,000 + 2 trips × 100 = 1,200; revenue 2 × 500 = 1,000; net 200 */
    char *md = render_one(trip_shop, PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    assert_contains(md, "Gross burn is **$1,200/month**");
    assert_contains(md, "revenue $1,000/month; net burn **$200/month**");
    free(md);
}

static void test_cfo_break_even_rounds_up(void **state)
{
    (void)state;
    char *md = render_one(trip_shop, PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    /* $1,000 ÷ $400 = 2.5 trips ($1,250); 3 whole trips bring $1,500 */
    /* the sentence names the whole trips; the exact point's $1,250 is the
     * Revenue targets' break-even (reports.md, CFO Break-even, G7) */
    assert_contains(md, "**3 trips a month** at $500 a trip cover its costs");
    assert_row(md, "| Trip Shop", "$1,250");
    free(md);
}

static void test_cfo_break_even_not_reachable_when_margin_not_positive(void **state)
{
    (void)state;
    char *md =
        render_one("# Loss Shop\n\n## Revenue\n\n- Trips: $100/trip\n\n"
                   "## Expenses\n\n- Rent: $1,000/month (fixed)\n- Fuel: $100/trip (variable)\n\n"
                   "## KPIs\n\n- Trips per month: 2\n- Average trip price: $100\n",
                   PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    assert_contains(md, "break-even **not reachable**");
    assert_not_contains(md, "breaks even at");
    free(md);
}

static void test_cfo_range_midpoint_used_in_sums(void **state)
{
    (void)state;
    /* 1,000–3,000 plus 500: shown 1,500–3,500, midpoint 2,500 */
    char *md = render_one("# Shop\n\n## Expenses\n\n- Crew: $1–3K/month (fixed)\n"
                          "- Rent: $500/month (fixed)\n",
                          PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    assert_contains(md, "Gross burn is **$2,500/month ($1,500\u2013$3,500/month)**");
    free(md);
}

static void test_cfo_capital_tiers_cost_then_revenue_and_no_cost_named(void **state)
{
    (void)state;
    char *md = render_one("# Shop\n\n## Actions\n\n- Launch ads: $200 (high, revenue)\n"
                          "- Buy a printer: $90 (low)\n- Fix the listing: $0 (medium)\n",
                          PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    const char *cost = strstr(md, "| With a cost ");
    const char *revenue = strstr(md, "| Revenue-producing ");
    assert_non_null(cost);
    assert_non_null(revenue);
    assert_true(cost < revenue);
    /* a $0 action is not capital: named once under the table, never a row */
    assert_null(strstr(md, "| Fix the listing"));
    /* changed by fix23a T5: docs/reports.md Capital deployment tiers "one action is named with
     * its date": medium, 60 days after 2026-11-23 */
    assert_contains(md, "No cost, so not capital: Fix the listing (Shop), due 2027-01-22.");
    free(md);
}

static void test_cmo_blast_roi_low_and_high(void **state)
{
    (void)state;
    /* 1,000 × 10% × 10% × 50% = 5 bookings × $100 = $500;
     * 1,000 × 20% × 10% × 50% = 10 bookings = $1,000 */
    char *md =
        render_one("# Boat\n\n## Revenue\n\n- Charters: $100/charter\n\n"
                   "## KPIs\n\n- Charters per month: 1\n- Average charter price: $100\n\n"
                   "## Marketing\n\n- Email list recipients: 1,000\n- Blast open rate: 10–20%\n"
                   "- Blast click rate: 10%\n- Blast conversion rate: 50%\n",
                   PERSONA_CMO, REPORT_SCOPE_PORTFOLIO);
    assert_contains(md, "one blast to **1,000 recipients** is worth **$500\u2013$1,000**");
    free(md);
}

static void test_cmo_blast_names_the_missing_rate(void **state)
{
    (void)state;
    char *md = render_one("# Boat\n\n## Marketing\n\n- Email list recipients: 1,000\n"
                          "- Blast open rate: 10%\n- Blast conversion rate: 50%\n",
                          PERSONA_CMO, REPORT_SCOPE_PORTFOLIO);
    assert_contains(
        md, "add `Blast click rate: N%` to the Marketing of agent_handoffs/projects/shop.md");
    assert_not_contains(md, "is worth");
    free(md);
}

static void test_cmo_ota_sequence_by_commission_then_setup_with_ties(void **state)
{
    (void)state;
    char *md = render_one("# Boat\n\n## Marketing\n\n"
                          "- Alpha: 15% (ota)\n  - Setup days: 1\n"
                          "- Bravo: 10% (ota)\n  - Setup days: 3\n"
                          "- Charlie: 15% (ota)\n  - Setup days: 1\n"
                          "- Delta: 15% (ota)\n  - Setup days: 4\n",
                          PERSONA_CMO, REPORT_SCOPE_PORTFOLIO);
    assert_contains(md, "Sequence: **Bravo \u2192 Alpha/Charlie \u2192 Delta**");
    free(md);
}

static void test_cto_savings_from_unused_items_and_duplicates(void **state)
{
    (void)state;
    /* unused 20; Hosting twice (10 and 15): the 15 is kept, 10 saved: 30 */
    const char *ids[] = {"one", "two"};
    const char *markdown[] = {
        "# One\n\n## Expenses\n\n- Sketch tool: $20/month (tech, unused)\n- Hosting: $10/month "
        "(tech)\n",
        "# Two\n\n## Expenses\n\n- Hosting: $15/month (tech)\n",
    };
    char *root;
    portfolio *p = fixture_portfolio(&root, ids, markdown, 2);
    char *md = fixture_render(p, PERSONA_CTO, REPORT_SCOPE_PORTFOLIO);
    assert_contains(md, "Tech spend (expenses tagged `tech`): **$45/month**");
    assert_contains(md, "Savings: **$30/month**");
    assert_contains(md, "duplicate of Two");
    free(md);
    model_portfolio_free(p);
    fixture_remove(root);
}

static void test_ceo_shortfalls_ranked_by_monthly_impact(void **state)
{
    (void)state;
    char *md = render_one("# Shop\n\n## Risks\n\n- Small leak: $100/month (high)\n"
                          "- Big fire: $900/month (low)\n- Unpriced worry (high)\n",
                          PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    const char *fire = strstr(md, "Big fire");
    const char *leak = strstr(md, "Small leak");
    const char *worry = strstr(md, "Unpriced worry");
    assert_non_null(fire);
    assert_non_null(leak);
    assert_non_null(worry);
    assert_true(fire < leak && leak < worry);
    assert_contains(md, "not quantified");
    free(md);
}

/* Gross burn 1,000: a quarter (250) is critical, a twentieth (50) high. */
static void test_ceo_top_shortfalls_for_dashboard_cards(void **state)
{
    (void)state;
    const char *ids[] = {"shop"};
    const char *markdown[] = {"# Shop\n\n## Revenue\n\n- Sales: $1,000/month\n\n"
                              "## Expenses\n\n- Rent: $1,000/month (fixed)\n\n"
                              "## Risks\n\n- Flood: $300/month\n- Theft: $60/month\n"
                              "- Dust: $10/month\n- Rumours (high)\n"};
    char *root;
    portfolio *p = fixture_portfolio(&root, ids, markdown, 1);
    report_shortfall top[3];
    assert_int_equal(report_top_shortfalls(p, REPORT_SCOPE_PORTFOLIO, top, 3), 3);
    assert_string_equal(top[0].title, "Shop: Flood");
    assert_string_equal(top[0].urgency, "critical");
    assert_int_equal(top[0].monthly_impact_cents, 30000);
    assert_string_equal(top[1].urgency, "high");
    assert_string_equal(top[2].title, "Shop: Dust");
    assert_string_equal(top[2].urgency, "medium");
    report_shortfall all[8];
    assert_int_equal(report_top_shortfalls(p, REPORT_SCOPE_PORTFOLIO, all, 8), 4);
    assert_string_equal(all[3].title, "Shop: Rumours");
    assert_string_equal(all[3].urgency, "high");
    assert_int_equal(all[3].monthly_impact_cents, -1);
    model_portfolio_free(p);
    fixture_remove(root);
}

/* docs/reports.md, CEO (eyes-final G4): a dashboard card is a row of the
 * report's Shortfalls table, so one entity's invoices are one card. */
static void test_ceo_dashboard_cards_group_an_entitys_receivables_as_the_report_does(void **state)
{
    (void)state;
    const char *ids[] = {"shop"};
    const char *markdown[] = {"# Shop\n\n## Revenue\n\n- Sales: $1,000/month\n\n"
                              "## Expenses\n\n- Rent: $900/month (fixed)\n\n"
                              "## Clients\n\n- Acme: $100/month\n"
                              "  - Invoice 1: $400 (overdue, 2026-10-01)\n"
                              "  - Invoice 2: $200 (overdue, 2026-10-15)\n"
                              "- Bolt: $50/month\n  - Invoice 3: $300 (overdue, 2026-10-20)\n"};
    char *root;
    portfolio *p = fixture_portfolio(&root, ids, markdown, 1);
    report_shortfall cards[8];
    assert_int_equal(report_top_shortfalls(p, REPORT_SCOPE_PORTFOLIO, cards, 8), 1);
    assert_non_null(strstr(cards[0].title, "Shop: Receivables: $900 overdue from 2 clients"));
    assert_int_equal(cards[0].monthly_impact_cents, 90000);
    model_portfolio_free(p);
    fixture_remove(root);
}

static void test_ceo_missing_kpis_point_at_file_and_line(void **state)
{
    (void)state;
    char *md = render_one("# Shop\n\n## KPIs\n\n- Visitors: 100\n- Repeat rate: (missing)\n",
                          PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    assert_row(md, "Shop", "Repeat rate", "agent_handoffs/projects/shop.md:6");
    free(md);
}

static void test_ceo_inventory_lists_unknown_sections(void **state)
{
    (void)state;
    char *md =
        render_one("# Shop\n\n## Expenses\n\n- Rent: $1/month (fixed)\n\n## Garden\n\nRoses.\n",
                   PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    /* one list, each line with what the section says (eyes-final2 H15) */
    assert_contains(
        md, "Sections the reports do not read, kept as written:\n\n"
            "- Shop, Garden (agent_handoffs/projects/shop.md:7): Roses.\n");
    assert_not_contains(md, "What the unrecognised sections say");
    assert_not_contains(md, "Sections in each handoff"); /* eyes-ea E26 */
    assert_true(strstr(md, "## 30-day agenda") < strstr(md, "## Asset inventory"));
    free(md);
}

static void test_cao_chart_of_accounts_by_category(void **state)
{
    (void)state;
    /* trips 2 × $500 = $1,000; fuel 2 × $100 = $200; rent $1,000 */
    char *md = render_one(trip_shop, PERSONA_CAO, REPORT_SCOPE_PORTFOLIO);
    assert_row(md, "4010", "Unit sales", "$1,000");
    assert_row(md, "5010", "Direct costs per unit", "$200");
    assert_row(md, "6020", "Rent and occupancy", "$1,000");
    assert_row(md, "Net (4000 − 5000 − 6000)", "-$200");
    assert_contains(md, "on delivery of each trip");
    free(md);
}

static void test_cao_chart_of_accounts_groups_many_lines_into_one_account(void **state)
{
    (void)state;
    /* 150 operating expenses with no category word are one account, 6900,
     * holding their sum 1 + 2 + ... + 150 = $11,325: not 150 rows. */
    strbuf md = STRBUF_INIT;
    strbuf_puts(&md, "# Big\n\n## Expenses\n\n");
    for (int i = 1; i <= 150; i++)
        strbuf_printf(&md, "- Cost %d: $%d/month (fixed)\n", i, i);
    char *report = render_one(strbuf_cstr(&md), PERSONA_CAO, REPORT_SCOPE_PORTFOLIO);
    assert_row(report, "6900", "Other operating expenses", "$11,325");
    const char *row[] = {"Cost 1", "$1"};
    assert_false(fixture_line_has(report, row, 2));
    free(report);
    strbuf_free(&md);
}

/* reports.md, the chart's label words (eyes-final7 U6): the people a
 * business pays are 6010 Payroll and contractors, whatever their title;
 * a trade association's dues are not ("association" is not "associate"). */
static void test_cao_people_the_business_pays_are_payroll_not_other_expenses(void **state)
{
    (void)state;
    char *md = render_one("# Firm\n\n## Expenses\n\n- Associate consultant: $4,200/month (fixed)\n"
                          "- Video editor: $1,200/month (fixed)\n"
                          "- Trade association dues: $15/month (fixed)\n",
                          PERSONA_CAO, REPORT_SCOPE_PORTFOLIO);
    assert_row(md, "6010", "Payroll and contractors", "$5,400");
    assert_row(md, "6900", "Other operating expenses", "$15");
    free(md);
}

static void test_cao_flags_untagged_expenses_and_owes_one_month_of_an_overdue_fee(void **state)
{
    (void)state;
    char *md =
        render_one("# Shop\n\n## Expenses\n\n- Coffee: $50/month\n- Rent: $900/month (fixed)\n\n"
                   "## Clients\n\n- Late client: $300/month (overdue)\n",
                   PERSONA_CAO, REPORT_SCOPE_PORTFOLIO);
    /* G19 wording; one line for every untagged line, not a row each (H17) */
    assert_contains(md, "Not tagged fixed or variable (until tagged, a monthly amount counts as "
                        "fixed): Shop: Coffee (agent_handoffs/projects/shop.md:5).");
    const char *coffee_row[] = {"Coffee", "$50/month"};
    assert_false(fixture_line_has(md, coffee_row, 2));
    assert_row(md, "Late client", "$300 one-off", "overdue");
    /* changed by fixC4 eyes-final19 A6: handoff-format.md rule 2, at least one month, asked */
    assert_contains(md, "- Late client: at least $300 (one month of $300/month; the handoff does not "
                        "say how many months), no invoice listed: confirm how many months are owed.");
    const char *rent_untagged[] = {"Rent", "not tagged"};
    assert_false(fixture_line_has(md, rent_untagged, 2));
    free(md);
}

static void test_audit_rental_utilisation_and_cash_flow(void **state)
{
    (void)state;
    /* 15 of 30 nights = 50%; revenue 15 × 100 = 1,500; costs 1,000 + 15 × 10
     * = 1,150; cash flow 350 */
    const char *ids[] = {"flat"};
    const char *markdown[] = {
        "# Flat\n\n- Kind: ancillary\n\n## Revenue\n\n- Stays: $100/night\n\n"
        "## Expenses\n\n- Mortgage: $1,000/month (fixed)\n"
        "- Linen: $10/night (variable)\n\n"
        "## KPIs\n\n- Nights per month: 15\n- Nights available per month: 30\n"
        "- Average night price: $100\n"};
    char *root;
    portfolio *p = fixture_portfolio(&root, ids, markdown, 1);
    char *md = fixture_render(p, PERSONA_AUDIT, "flat");
    assert_contains(md, "Cash flow: **$350/month**");
    assert_contains(md, "- Utilisation: 15 of 30 nights = **50%**"); /* docs: utilisation */
    assert_contains(md, "Break-even: 12 nights/month"); /* ceil(1,000 / 90) */
    free(md);
    model_portfolio_free(p);
    fixture_remove(root);
}

static void test_audit_tagged_fee_without_invoices_owes_one_month(void **state)
{
    (void)state;
    const char *ids[] = {"clients"};
    const char *markdown[] = {"# Clients\n\n- Kind: ancillary\n\n## Clients\n\n- A: $100/month\n"
                              "- B: $50/month (unbilled)\n- C: $25/month (overdue)\n"};
    char *root;
    portfolio *p = fixture_portfolio(&root, ids, markdown, 1);
    char *md = fixture_render(p, PERSONA_AUDIT, "clients");
    assert_contains(md, "Clients MRR: **$175/month**");
    assert_contains(md, "- Revenue: $175/month (from `## Clients`: no `## Revenue` section)");
    assert_contains(md, "Owed **$75** (one-off): overdue $25, unbilled $50");
    assert_row(md, "B", "$50 one-off", "unbilled", "undated");
    /* changed by fixC4 eyes-final19 A6: handoff-format.md rule 2, at least one month, asked, and
     * unbilled: set up monthly billing */
    assert_contains(md, "- B: at least $50 (one month of $50/month; the handoff does not say how many "
                        "months), no invoice listed: confirm how many months are owed, and set up "
                        "monthly billing.");
    free(md);
    model_portfolio_free(p);
    fixture_remove(root);
}

static void test_data_quality_names_the_missing_kpi_and_file(void **state)
{
    (void)state;
    char *md = render_one("# Shop\n\n## Revenue\n\n- Trips: $500/trip\n\n"
                          "## Expenses\n\n- Rent: $1,000/month (fixed)\n",
                          PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    assert_contains(md, "## Data quality");
    assert_contains(md, "add `Average trip price` to the KPIs of agent_handoffs/projects/shop.md");
    /* the model's diagnostic asks for it, once (reports.md, Data quality, G5) */
    assert_contains(md, "agent_handoffs/projects/shop.md:5: \"Trips\" is per trip: add the KPI "
                        "\"Trips per month\"");
    assert_not_contains(md, "add `Trips per month`");
    free(md);
}

/* A diagnostic quoting a backtick still renders as one code span. */
static void test_data_quality_diagnostic_with_backtick(void **state)
{
    (void)state;
    char *md = render_one("# Shop\n\n## Expenses\n\n- Rent: $1,2`00/month (fixed)\n", PERSONA_CFO,
                          REPORT_SCOPE_PORTFOLIO);
    const char *quality = strstr(md, "## Data quality");
    assert_non_null(quality);
    assert_contains(quality, "- `` agent_handoffs/projects/shop.md:5: ");
    free(md);
}

/* Someone else's portfolio: a bakery (per cake) and a florist, one ancillary. */
static void test_other_portfolio_figures(void **state)
{
    (void)state;
    const char *ids[] = {"bakery", "florist", "van"};
    const char *markdown[] = {
        /* gross 2,000 + 400 × 1.50 = 2,600; margin 4.00 − 1.50 = 2.50;
         * break-even ceil(2,000 / 2.50) = 800 cakes */
        "# Corner Bakery\n\n## Revenue\n\n- Cakes: $4/cake\n\n"
        "## Expenses\n\n- Oven lease: $2,000/month (fixed)\n- Flour: $1.50/cake (variable)\n\n"
        "## KPIs\n\n- Cakes per month: 400\n- Average cake price: $4\n",
        /* 600–1,000 a month: midpoint 800 */
        "# Rose Florist\n\n## Expenses\n\n- Stall: $600–1,000/month (fixed)\n",
        "# Delivery Van\n\n- Kind: ancillary\n\n## Expenses\n\n- Van: $300/month (fixed)\n",
    };
    char *root;
    portfolio *p = fixture_portfolio(&root, ids, markdown, 3);
    char *md = fixture_render(p, PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    /* 2,600 + 600–1,000 = 3,200–3,600, midpoint 3,400; revenue 1,600 */
    assert_contains(md, "Gross burn is **$3,400/month ($3,200\u2013$3,600/month)**");
    assert_contains(md, "revenue $1,600/month");
    assert_contains(md, "**800 cakes a month** at $4 a cake cover its costs");
    assert_contains(md, "## Ancillary entities");
    report_target plan[16];
    size_t n = report_default_plan(p, plan, 16);
    assert_int_equal(n, 6);
    assert_int_equal(plan[5].persona, PERSONA_AUDIT);
    assert_string_equal(plan[5].scope, "van");
    free(md);
    model_portfolio_free(p);
    fixture_remove(root);
}

static void test_report_is_deterministic_and_dated_from_options(void **state)
{
    (void)state;
    char *first = render_one(trip_shop, PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    char *second = render_one(trip_shop, PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    assert_string_equal(first, second);
    assert_contains(first, "2026-11-23");
    free(first);
    free(second);
}

static void test_subject_names_persona_scope_and_date(void **state)
{
    (void)state;
    const char *ids[] = {"shop"};
    const char *markdown[] = {trip_shop};
    char *root;
    portfolio *p = fixture_portfolio(&root, ids, markdown, 1);
    report_target target = {PERSONA_CFO, REPORT_SCOPE_PORTFOLIO};
    report_options options = {.now = FIXTURE_NOW};
    strbuf subject = STRBUF_INIT;
    report_subject(p, &target, &options, &subject);
    assert_string_equal(strbuf_cstr(&subject),
                        "Executive Report: CFO \u2014 Portfolio \u2014 2026-11-23");
    strbuf_free(&subject);
    target = (report_target){PERSONA_CAO, "shop"};
    report_subject(p, &target, &options, &subject);
    assert_string_equal(strbuf_cstr(&subject),
                        "Executive Report: Accounting \u2014 Trip Shop \u2014 2026-11-23");
    strbuf_free(&subject);
    model_portfolio_free(p);
    fixture_remove(root);
}

static void test_personas_and_target_validation(void **state)
{
    (void)state;
    assert_ptr_equal(report_persona_by_id("CFO"), &report_personas[PERSONA_CFO]);
    assert_ptr_equal(report_persona_by_id("accounting"), &report_personas[PERSONA_CAO]);
    assert_null(report_persona_by_id("cxo"));
    assert_string_equal(report_personas[PERSONA_CAO].env_suffix, "CAO");
    const char *ids[] = {"shop"};
    const char *markdown[] = {trip_shop};
    char *root;
    portfolio *p = fixture_portfolio(&root, ids, markdown, 1);
    char error[256];
    report_target audit_all = {PERSONA_AUDIT, REPORT_SCOPE_PORTFOLIO};
    assert_false(report_target_valid(p, &audit_all, error, sizeof error));
    assert_non_null(strstr(error, "one entity"));
    report_target unknown = {PERSONA_CEO, "nowhere"};
    assert_false(report_target_valid(p, &unknown, error, sizeof error));
    assert_non_null(strstr(error, "nowhere"));
    report_target ok = {PERSONA_AUDIT, "shop"};
    assert_true(report_target_valid(p, &ok, error, sizeof error));
    model_portfolio_free(p);
    fixture_remove(root);
}

/* Every persona on a handoff with only a title: no crash, no figure
 * invented, a Data quality section. */
static void test_reports_survive_a_bare_handoff(void **state)
{
    (void)state;
    const char *ids[] = {"bare"};
    const char *markdown[] = {"# Bare\n"};
    char *root;
    portfolio *p = fixture_portfolio(&root, ids, markdown, 1);
    for (int persona = 0; persona < PERSONA_COUNT; persona++) {
        char *md = fixture_render(p, persona, "bare");
        assert_contains(md, "## Data quality");
        assert_not_contains(md, "$0");
        free(md);
    }
    model_portfolio_free(p);
    fixture_remove(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cfo_gross_burn_sums_monthly_expenses),
        cmocka_unit_test(test_cfo_net_burn_is_gross_minus_revenue),
        cmocka_unit_test(test_cfo_break_even_rounds_up),
        cmocka_unit_test(test_cfo_break_even_not_reachable_when_margin_not_positive),
        cmocka_unit_test(test_cfo_range_midpoint_used_in_sums),
        cmocka_unit_test(test_cfo_capital_tiers_cost_then_revenue_and_no_cost_named),
        cmocka_unit_test(test_cmo_blast_roi_low_and_high),
        cmocka_unit_test(test_cmo_blast_names_the_missing_rate),
        cmocka_unit_test(test_cmo_ota_sequence_by_commission_then_setup_with_ties),
        cmocka_unit_test(test_cto_savings_from_unused_items_and_duplicates),
        cmocka_unit_test(test_ceo_shortfalls_ranked_by_monthly_impact),
        cmocka_unit_test(test_ceo_top_shortfalls_for_dashboard_cards),
        cmocka_unit_test(test_ceo_dashboard_cards_group_an_entitys_receivables_as_the_report_does),
        cmocka_unit_test(test_ceo_missing_kpis_point_at_file_and_line),
        cmocka_unit_test(test_ceo_inventory_lists_unknown_sections),
        cmocka_unit_test(test_cao_chart_of_accounts_by_category),
        cmocka_unit_test(test_cao_chart_of_accounts_groups_many_lines_into_one_account),
        cmocka_unit_test(test_cao_people_the_business_pays_are_payroll_not_other_expenses),
        cmocka_unit_test(test_cao_flags_untagged_expenses_and_owes_one_month_of_an_overdue_fee),
        cmocka_unit_test(test_audit_rental_utilisation_and_cash_flow),
        cmocka_unit_test(test_audit_tagged_fee_without_invoices_owes_one_month),
        cmocka_unit_test(test_data_quality_names_the_missing_kpi_and_file),
        cmocka_unit_test(test_data_quality_diagnostic_with_backtick),
        cmocka_unit_test(test_other_portfolio_figures),
        cmocka_unit_test(test_report_is_deterministic_and_dated_from_options),
        cmocka_unit_test(test_subject_names_persona_scope_and_date),
        cmocka_unit_test(test_personas_and_target_validation),
        cmocka_unit_test(test_reports_survive_a_bare_handoff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
