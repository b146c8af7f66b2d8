/* What the CEO, CTO and CMO reports say (docs/reports.md): their headlines,
 * the CEO's ranked and dated items, the CTO's de-duplicated dev cycle, the
 * CMO's channel matrix and per-business OTA order. Portfolios are written
 * to a temporary directory (sites included) and read by the real model. */
#define _GNU_SOURCE /* asprintf */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "report_fixture.h"

/* A site whose deploy script holds a password twice (no key-shaped
 * literal: the scan's assignment rule finds it). */
static const char shop_site_script[] = "db_password = \"first-long-pass\"\n"
                                       "api_token = \"second-long-token\"\n";

static const char shop[] = "# Shop\n\n- Site: shop\n- Owner: Ana Ruiz\n\n"
                           "## Revenue\n- Sales: $1,000/month\n\n"
                           "## Expenses\n- Rent: $800/month (fixed)\n"
                           "- Old CRM: $40/month (tech, unused)\n\n"
                           "## Tech\n- CI: none\n- Backups: (missing)\n\n"
                           "## Risks\n- Big fire: $900/month (high)\n\n"
                           "## Actions\n- Move the password out of the code: $0 (high, tech)\n"
                           "- Repaint: $300 (low)\n";

static const char books[] = "# Books\n\n"
                            "## Revenue\n- Retainers: $500/month\n\n"
                            "## Expenses\n- Desk: $100/month (fixed)\n\n"
                            "## Tech\n- Ledger: spreadsheets\n\n"
                            "## Clients\n- Dock Cafe: $200/month\n"
                            "  - Invoice 7: $200 (overdue, 2026-10-01)\n"
                            "  - Invoice 8: $150 (overdue, 2026-11-01)\n";

static char *render_pair(persona who)
{
    char *root = fixture_tempdir();
    fixture_handoff(root, "shop", shop);
    fixture_handoff(root, "books", books);
    fixture_write(root, "sites/shop/deploy.py", shop_site_script);
    portfolio *p = fixture_load(root);
    char *md = fixture_render(p, who, REPORT_SCOPE_PORTFOLIO);
    model_portfolio_free(p);
    fixture_remove(root);
    return md;
}

/* One handoff `id` (and, when `site_file` is set, that file of its site)
 * rendered for `who` over the portfolio. */
static char *render_one(const char *id, const char *markdown, const char *site_file,
                        const char *site_text, persona who)
{
    char *root = fixture_tempdir();
    fixture_handoff(root, id, markdown);
    if (site_file)
        fixture_write(root, site_file, site_text);
    portfolio *p = fixture_load(root);
    char *md = fixture_render(p, who, REPORT_SCOPE_PORTFOLIO);
    model_portfolio_free(p);
    fixture_remove(root);
    return md;
}

static const char *after(const char *text, const char *marker)
{
    const char *at = strstr(text, marker);
    if (!at)
        fail_msg("missing \"%s\" in:\n%s", marker, text);
    return at;
}

static void test_ceo_ranks_a_leaked_credential_first_with_its_file_and_line(void **state)
{
    (void)state;
    char *md = render_pair(PERSONA_CEO);
    const char *table = after(md, "## Shortfalls");
    /* changed by fixC2 eyes-final19 A8: reports.md CEO Shortfalls, the CTO's and Audit's "hard-coded" */
    const char *leak = after(table, "Password and token hard-coded in sites/shop/deploy.py");
    const char *fire = after(table, "Big fire");
    assert_true(leak < fire);
    assert_row(table, " critical |", "sites/shop/deploy.py:1, 2");
    assert_row(table, "Big fire", "$900/month", "agent_handoffs/projects/shop.md:18");
    assert_row(table, "Old CRM (unused)", "$40/month", "agent_handoffs/projects/shop.md:11");
    /* reports.md, Shortfalls (eyes-final G4): one receivables row per entity */
    assert_row(table, "Receivables: $350 overdue from Dock Cafe (2 items)", "$350 one-off",
               "agent_handoffs/projects/books.md:14,15");
    free(md);
}

/* FIXTURE_NOW is 2026-11-23: a credential is due the next day, a high
 * action in 7 days, shortfalls in 14, a low action in 90 (after the month). */
static void test_ceo_agenda_is_dated_inside_30_days_with_each_owner(void **state)
{
    (void)state;
    char *md = render_pair(PERSONA_CEO);
    const char *agenda = after(md, "## 30-day agenda");
    assert_row(agenda, "2026-11-24",
               "Move the password out of the code: rotate the password and token now, "
               "remove them from sites/shop/deploy.py and load them",
               "Ana Ruiz");
    /* the action is the credential's row, not a second one on its own day 7 */
    const char *first = strstr(agenda, "Move the password out of the code");
    assert_null(strstr(first + 1, "Move the password out of the code"));
    /* the CTO's high finding (Backups: (missing)) is its own line on day 7 (eyes-final4 P16) */
    /* named, not "fix what the CTO ranks high" (eyes-final6a T2); not
     * recorded is not "no backups" (eyes-final9 W2) */
    assert_row(agenda, "2026-11-30", "Backups not recorded (shop.md:15): confirm backups exist "
                                     "and test a restore (half a day)", "Ana Ruiz");
    assert_row(agenda, "2026-12-07", "Collect $350 overdue one-off (2 items; largest: Dock Cafe: "
                                     "Invoice 7 $200)", "Books", "not named");
    assert_row(agenda, "2026-12-07", "Cancel Old CRM ($40/month)", "Ana Ruiz");
    /* a low action is due in 90 days: after the month, with its one date (eyes-final3b N6) */
    assert_contains(agenda, "Later: Repaint ($300 one-off) (Shop, "
                            "by 2027-02-21).");
    assert_contains(after(md, "## Data quality"),
                    "add `- Owner: ...` to the fields at the top of agent_handoffs/projects/books.md");
    free(md);
}

static void test_ceo_headline_is_three_bullets_one_point_each(void **state)
{
    (void)state;
    char *md = render_pair(PERSONA_CEO);
    const char *headline = after(md, "## Headline\n\n");
    assert_true(headline < after(md, "## Asset inventory"));
    /* revenue 1,000 + 500; burn 800 + 40 + 100: surplus 560 */
    assert_contains(headline, "- Revenue $1,500/month, gross burn $940/month: surplus "
                              "**$560/month**.\n");
    /* reports.md, CEO headline 2 (eyes-final4 P1): the largest monthly problem and the late
     * money in one sentence; the count is the Shortfalls table's (4 rows, 1 critical) */
    /* changed by fixB1 W5: all of the late money is Books', so the clause names Books */
    assert_contains(headline, "- Big fire (Shop): $900/month at risk; Books is owed $350 "
                              "overdue by clients.\n- Decision: ");
    assert_not_contains(headline, "shortfalls,");
    assert_contains(md, "## Shortfalls (1 critical)");
    assert_contains(headline, "- Decision: Move the password out of the code: rotate the "
                              "password and token now, remove them from sites/shop/deploy.py "
                              "and load them from the environment (Shop), owner Ana Ruiz, by "
                              "2026-11-24.\n");
    free(md);
}

/* docs/reports.md, CTO, "What leaked" (F8): a database password in a
 * postgres:// URL is named as such, and the handoff's own "Rotate the API
 * key" is about another secret: it stays its own row and agenda line. */
static void test_a_leaked_database_password_is_named_and_an_api_key_action_stays_itself(
    void **state)
{
    (void)state;
    static const char lumen[] = "# Lumen\n\n- Site: lumen\n- Owner: Priya Nair\n\n"
                                "## Revenue\n- Subscriptions: $5,000/month\n\n"
                                "## Expenses\n- Contractors: $5,500/month (fixed)\n\n"
                                "## Actions\n- Rotate the API key: $0 (high, tech, 1 hour)\n";
    static const char config[] = "module.exports = { DATABASE_URL: "
                                 "\"postgres://app:Harb0rLight-93@db.example.com/lumen\" };\n";
    char *cto = render_one("lumen", lumen, "sites/lumen/config.js", config, PERSONA_CTO);
    char *ceo = render_one("lumen", lumen, "sites/lumen/config.js", config, PERSONA_CEO);
    assert_contains(after(cto, "## Security gaps"),
                    "hard-coded database password at `sites/lumen/config.js:1`");
    const char *dev = after(cto, "## Dev-cycle improvements");
    assert_row(dev, "| critical", "change the database password now and load it from the "
                                  "environment or a secret store", "sites/lumen/config.js:1");
    /* another secret than the leaked one: says what the scan found (E27) */
    assert_row(dev, "| high", "Rotate the API key (the scan found a database password in "
                              "sites/lumen/config.js: check whether it is the same secret)",
               "1 hour", "agent_handoffs/projects/lumen.md");
    /* changed by fixC2 eyes-final19 A8: one word with the CTO and Audit, never "leaked" */
    assert_contains(after(ceo, "## Shortfalls"),
                    "Database password hard-coded in sites/lumen/config.js");
    assert_not_contains(ceo, "leaked in");
    const char *agenda = after(ceo, "## 30-day agenda");
    /* FIXTURE_NOW 2026-11-23: the leak the next day, the API key right after it */
    /* "now" first, never "change the password in <file>" (eyes-final10 X9) */
    assert_row(agenda, "2026-11-24", "Change the database password now, remove it from "
                                     "sites/lumen/config.js and load it from the environment");
    assert_row(agenda, "2026-11-24", "Rotate the API key (the scan found a database password",
               "Priya Nair");
    assert_true(strstr(agenda, "Change the database password") < strstr(agenda, "Rotate the API"));
    free(cto);
    free(ceo);
}

/* docs/reports.md, CTO, "What leaked" (eyes-final G2): an action that names
 * a token but replaces no secret ("Add a token check to the order webhook")
 * gets no "check whether it is the same secret" note. */
static void test_an_action_that_adds_a_token_check_is_not_asked_about_the_leaked_secret(
    void **state)
{
    (void)state;
    static const char tidebox[] = "# Tidebox\n\n- Site: tidebox\n- Owner: Ines Park\n\n"
                                  "## Revenue\n- Subscriptions: $5,000/month\n\n"
                                  "## Expenses\n- Founder salary: $3,000/month (fixed)\n\n"
                                  "## Actions\n- Add a token check to the order webhook: $0 "
                                  "(high, tech, half a day)\n";
    static const char secrets[] = "export const DB = "
                                  "\"postgres://app:Tide-b0x-77@db.example.com/tidebox\";\n";
    char *cto = render_one("tidebox", tidebox, "sites/tidebox/secrets.mjs", secrets, PERSONA_CTO);
    char *ceo = render_one("tidebox", tidebox, "sites/tidebox/secrets.mjs", secrets, PERSONA_CEO);
    assert_contains(after(cto, "## Dev-cycle improvements"), "Add a token check to the order webhook");
    assert_not_contains(cto, "check whether it is the same secret");
    assert_not_contains(ceo, "check whether it is the same secret");
    free(cto);
    free(ceo);
}

/* A group business that owes another: the second handoff of the "Inside the
 * group" fixtures. */
static const char groomers_handoff[] = "# Groomers\n\n## Revenue\n- Grooms: $9,000/month\n\n"
                                       "## Expenses\n- Rent: $2,000/month (fixed)\n";

/* One report of a two-business portfolio written into a fresh folder. */
static char *render_two(const char *first_id, const char *first, const char *second_id,
                        const char *second, persona who, const char *scope)
{
    const char *ids[] = {first_id, second_id};
    const char *markdown[] = {first, second};
    char *root;
    portfolio *p = fixture_portfolio(&root, ids, markdown, 2);
    char *md = fixture_render(p, who, scope);
    model_portfolio_free(p);
    fixture_remove(root);
    return md;
}

/* rendering.md, "A Total row adds up as printed" (eyes-final20 B10) and "One
 * sign convention for a net burn or surplus" (check22): two stalls of
 * $1,000.50 of costs show $1,001 each, $2,002, above a $2,001 total, so the
 * row says "Total (rounded)"; North's surplus of $999.50 ranges from a
 * $500.50 burn (revenue $500) to $2,499.50, and the group's $1,499 from a $1
 * burn to $2,999: each reads "surplus", its worst end signed, with "to". */
static void test_a_total_row_that_does_not_add_up_as_printed_says_rounded(void **state)
{
    (void)state;
    static const char north[] = "# North Stall\n\n- Kind: core\n\n"
                                "## Revenue\n- Sales: $500–3,500/month\n\n"
                                "## Expenses\n- Pitch: $1,000.50/month (fixed)\n";
    static const char south[] = "# South Stall\n\n- Kind: core\n\n"
                                "## Revenue\n- Sales: $1,500/month\n\n"
                                "## Expenses\n- Pitch: $1,000.50/month (fixed)\n";
    char *md = render_two("north", north, "south", south, PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    assert_row(md, "| North Stall", "$1,001", "surplus $1,000 (-$501 to $2,500)");
    assert_row(md, "| Total (rounded)", "$2,001", "surplus $1,499 (-$1 to $2,999)");
    assert_not_contains(md, "-$1,499");
    free(md);
}

/* docs/reports.md, the gap sentence (eyes-final G3): a surplus under the
 * surplus target is said in its own sentence, never as a clause after
 * the last entity named. Revenue $10,000, costs $9,600: surplus $400,
 * margin $1,000. */
static void test_a_surplus_under_the_margin_is_its_own_sentence(void **state)
{
    (void)state;
    static const char cafe[] = "# Cafe\n\n## Revenue\n- Coffee: $6,000/month\n\n"
                               "## Expenses\n- Rent: $6,500/month (fixed)\n";
    static const char shop[] = "# Shop\n\n## Revenue\n- Sales: $4,000/month\n\n"
                               "## Expenses\n- Rent: $3,100/month (fixed)\n";
    char *ceo = render_two("cafe", cafe, "shop", shop, PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    /* changed by fixCe eyes-final16 T5: the room is for new monthly costs */
    assert_contains(ceo, "Shop makes $900. The surplus is below the $1,000 surplus target (10% "
                         "of revenue): no room for new monthly costs or price cuts.");
    free(ceo);
}

/* docs/reports.md, Audit recommendation 1 (eyes-final G20): overdue money
 * another business of the group owes is settled inside the group, apart
 * and last, never "call before doing more work"; when only it is late the
 * recommendation is that settlement alone. */
static void test_audit_settles_a_group_business_debt_instead_of_calling_it(void **state)
{
    (void)state;
    static const char print[] = "# Print Co\n\n- Owner: Theo Park\n\n"
                                "## Revenue\n- Printing: $3,000/month\n\n"
                                "## Clients\n- Groomers: $450/month\n"
                                "  - Invoice 7710: $450 (overdue, 2026-10-20)\n"
                                "  - Invoice 7720: $450 (overdue, 2026-10-25)\n";
    char *audit = render_two("print", print, "groomers", groomers_handoff, PERSONA_AUDIT, "print");
    assert_contains(audit, "1. Settle inside the group: Groomers, a business of the group, owes "
                           "$900 overdue (2 invoices, the oldest 34 days): settle it inside the "
                           "group.");
    assert_not_contains(audit, "Collect the");
    assert_not_contains(audit, "call before doing more work");
    free(audit);
}

/* A business whose clients owe it overdue money, one of them another
 * business of the group (Groomers): Bay Books is the oldest, Harbor Inn
 * the largest and the Concentration risk. */
static const char print_with_a_group_debtor[] =
    "# Print Co\n\n- Owner: Theo Park\n\n"
    "## Revenue\n- Printing: $3,000/month\n\n"
    "## Clients\n- Groomers: $450/month\n"
    "  - Invoice 7710: $450 (overdue, 2026-10-20)\n"
    "- Harbor Inn: $2,000/month (overdue)\n"
    "- Bay Books: $300/month\n"
    "  - Invoice 7700: $300 (overdue, 2026-10-01)\n\n"
    "## Risks\n- Concentration: Harbor Inn pays most of it (medium)\n\n"
    "## Expenses\n- Ink: $500/month (fixed)\n";

/* docs/reports.md, Audit recommendation 1 (eyes-final G20): the clients'
 * overdue is collected oldest first, the client owing the most named with
 * the risk that names it, and the group business's overdue settled last. */
static void test_audit_collects_from_clients_names_the_largest_debtor_and_settles_the_group_last(
    void **state)
{
    (void)state;
    char *audit = render_two("print", print_with_a_group_debtor, "groomers", groomers_handoff, PERSONA_AUDIT, "print");
    /* the owed line says the group's part, so "$2,300 from clients" is no
     * second, unexplained total (reports.md Audit headline, K16) */
    /* changed by fixT 2: docs/reports.md Audit headline, "owed by <business>, inside the group" */
    assert_contains(audit, "- Owed $2,750 one-off: overdue $2,750; $450 of it owed by Groomers, "
                           "inside the group.\n");
    /* changed by fixZc Q13: Harbor Inn's $2,000 is undated, so the oldest
     * is the oldest dated and the undated is asked about (reports.md Audit
     * rule 1); Harbor Inn's own line is what is owed, so it stays cited */
    assert_contains(audit, "1. Collect the $2,300 overdue from clients, oldest dated first: Bay "
                           "Books: Invoice 7700 ($300, 53 days, agent_handoffs/projects/print.md:13); "
                           "ask when Harbor Inn ($2,000) fell due; largest overdue: Harbor Inn ($2,000, agent_handoffs/projects/print.md:11), "
                           "also its risk \"Concentration\" (agent_handoffs/projects/print.md:16); "
                           "Groomers, a business of the group, owes $450 overdue (Invoice 7710, "
                           "34 days): settle it inside the group.");
    free(audit);
}

/* A per-unit studio that also sells gift cards (cash received ahead of
 * earning) and lists a sewing machine it also leases; the kiln has no
 * lease. Line numbers matter: the questions cite them. */
static const char studio_with_open_questions[] =
    "# Studio\n\n- Owner: Ana Ruiz\n\n"                              /* 1-4 */
    "## Revenue\n- Workshops: $90/workshop\n- Gift cards sold: $300/month\n\n" /* 5-8 */
    "## Expenses\n- Tutor fee: $20/workshop (variable)\n"            /* 9-10 */
    "- Sewing machine lease: $180/month (fixed)\n\n"                 /* 11-12 */
    "## Assets\n- Cash: $5,000\n- Sewing machine: $2,000\n- Kiln: $3,000\n\n" /* 13-17 */
    "## KPIs\n- Workshops per month: 40\n- Average workshop price: $90\n"; /* 18-20 */

/* Accounting's and the Audit's reports of the studio, each holding
 * `question` in Data quality, and `absent` in neither (Accounting's words
 * are the Audit's: one function asks both). */
static void assert_studio_reports_ask(const char *question, const char *absent)
{
    persona who[] = {PERSONA_CAO, PERSONA_AUDIT};
    for (size_t i = 0; i < 2; i++) {
        char *md = render_two("studio", studio_with_open_questions, "groomers",
                              groomers_handoff, who[i], "studio");
        assert_contains(after(md, "Data quality"), question);
        assert_null(strstr(md, absent));
        free(md);
    }
}

/* reports.md Accounting Data quality (eyes-final17 U2, I4-U1): cash received
 * ahead beside units sold may be counted twice; Accounting and the Audit ask
 * it in the same words with both file:lines, and no figure changes. */
static void test_data_quality_asks_whether_cash_received_ahead_pays_for_units_already_counted(
    void **state)
{
    (void)state;
    assert_studio_reports_ask("Question: are the 40 workshops a month "
                              "(agent_handoffs/projects/studio.md:19) partly paid by Gift cards "
                              "sold? If so, its $300/month is counted twice "
                              "(agent_handoffs/projects/studio.md:7); if not, the costs of the "
                              "workshops it pays for are left out.",
                              "Tutor fee is listed");
    /* a business selling no unit is not asked: Groomers' grooms are monthly */
    char *groomers = render_two("studio", studio_with_open_questions, "groomers",
                                groomers_handoff, PERSONA_AUDIT, "groomers");
    assert_null(strstr(groomers, "partly paid by"));
    free(groomers);
}

/* reports.md Accounting Data quality (eyes-final17 I4-U4): an asset whose
 * label starts a lease line is asked owned or leased, with both lines; an
 * asset with no lease (the kiln) is not. */
static void test_data_quality_asks_whether_an_asset_also_leased_is_owned_or_leased(void **state)
{
    (void)state;
    assert_studio_reports_ask("Question: Sewing machine is listed as an asset at $2,000 "
                              "(agent_handoffs/projects/studio.md:15) and leased at $180/month "
                              "(agent_handoffs/projects/studio.md:11): owned or leased? If "
                              "leased, it is not the business's property.",
                              "Kiln is listed");
}

/* reports.md Accounting decision (eyes-final17 I4-U3): one collect order for
 * every report. When some of the clients' overdue items are undated and one
 * is dated, Accounting leads with the oldest dated, as the Audit's
 * recommendation 1 does, and asks when the undated fell due in the Audit's
 * words. */
static void test_accounting_collects_the_oldest_dated_first_and_asks_when_the_undated_fell_due(
    void **state)
{
    (void)state;
    char *cao = render_two("print", print_with_a_group_debtor, "groomers", groomers_handoff, PERSONA_CAO, "print");
    char *audit = render_two("print", print_with_a_group_debtor, "groomers", groomers_handoff, PERSONA_AUDIT, "print");
    /* the same first item and the same ask in both reports */
    assert_contains(cao, "- Decision: Bay Books owes Print Co $300 (Invoice 7700)");
    assert_contains(audit, "oldest dated first: Bay Books: Invoice 7700 ($300");
    assert_contains(cao, "; ask when Harbor Inn ($2,000) fell due;");
    assert_contains(audit, "ask when Harbor Inn ($2,000) fell due;");
    free(cao);
    free(audit);
}

/* handoff-format.md rule 2 (check17 A2) and reports.md Accounting decision
 * (E11): in one business's own scope what another business of the group
 * owes it is its receivable (in Owed) but settled, not collected: the CEO,
 * Accounting and the Audit collect the clients' $2,300 and settle the
 * $450 apart, and Accounting's decision says who owes whom. */
static void test_one_business_collects_from_clients_and_settles_what_the_group_owes_it_apart(
    void **state)
{
    (void)state;
    char *cao = render_two("print", print_with_a_group_debtor, "groomers", groomers_handoff, PERSONA_CAO, "print");
    /* changed by fix20d Q5: docs/reports.md Accounting headline "Clients owe" */
    /* changed by fixT 2: docs/reports.md Audit headline, "owed by <business>, inside the group" */
    assert_contains(cao, "- Clients owe $2,750 ($2,750 overdue); $450 of it owed by Groomers, "
                         "inside the group;");
    /* changed by fix23c S3/S14: docs/reports.md "sent N days ago and overdue" */
    assert_contains(cao, "- Decision: Bay Books owes Print Co $300 (Invoice 7700), sent 53 days ago "
                         "and overdue: "
                         /* changed by fixV3 I4-U3: docs/reports.md Accounting decision asks
                          * when the undated item fell due, as the Audit does, and
                          * names it there alone */
                         "collect it first, then the other $2,000 overdue; ask when "
                         "Harbor Inn ($2,000) fell due; Groomers, a "
                         "business of the group, owes $450 overdue (Invoice 7710, 34 days): settle "
                         "it inside the group.\n");
    free(cao);
    char *ceo = render_two("print", print_with_a_group_debtor, "groomers", groomers_handoff, PERSONA_CEO, "print");
    assert_contains(ceo, "Receivables: $2,300 overdue from 2 clients");
    assert_contains(ceo, "Groomers owes Print Co $450 overdue (Invoice 7710): settle inside the "
                         "group");
    assert_contains(ceo, "Collect $2,300 overdue one-off");
    free(ceo);
    char *audit = render_two("print", print_with_a_group_debtor, "groomers", groomers_handoff, PERSONA_AUDIT, "print");
    assert_contains(audit, "1. Collect the $2,300 overdue from clients");
    free(audit);
}

/* reports.md, Accounting headline (eyes-final3b N14): several pairs inside
 * the group are one clause, "another" since they are outside the owed
 * total just given. */
static void test_accounting_headline_says_several_pairs_owe_each_other_another_sum(void **state)
{
    (void)state;
    static const char print[] = "# Print Co\n\n## Revenue\n- Printing: $3,000/month\n\n"
                                "## Clients\n- Groomers: $450/month\n"
                                "  - Invoice 7710: $450 (overdue, 2026-10-20)\n"
                                "- Bakery: $200/month\n"
                                "  - Invoice 7720: $200 (overdue, 2026-10-01)\n"
                                "- Bay Books: $300/month\n"
                                "  - Invoice 7700: $300 (overdue, 2026-10-01)\n";
    static const char bakery[] = "# Bakery\n\n## Revenue\n- Bread: $2,000/month\n";
    const char *ids[] = {"print", "groomers", "bakery"};
    const char *markdown[] = {print, groomers_handoff, bakery};
    char *root;
    portfolio *p = fixture_portfolio(&root, ids, markdown, 3);
    char *md = fixture_render(p, PERSONA_CAO, REPORT_SCOPE_PORTFOLIO);
    model_portfolio_free(p);
    fixture_remove(root);
    /* changed by fix20d Q5: docs/reports.md Accounting headline "Clients owe", "Another $400 is
     * overdue inside the group: settle it there." (several pairs summed, age only past 90 days) */
    assert_contains(md, "- Clients owe $300 ($300 overdue); none of it is over 90 days old. Another "
                        "$650 is overdue inside the group: settle it there.\n");
    free(md);
}

/* reports.md, Audit recommendation 1: a group business's overdue gives
 * the whole after it when a billed item not yet late makes it larger, as
 * the pair's one wording does (rule 2). */
static void test_audit_names_the_whole_a_group_business_owes_after_its_overdue(void **state)
{
    (void)state;
    static const char print[] = "# Print Co\n\n## Revenue\n- Printing: $3,000/month\n\n"
                                "## Clients\n- Groomers: $450/month\n"
                                "  - Invoice 7710: $450 (overdue, 2026-10-20)\n"
                                "  - Invoice 7730: $450 (2026-11-20)\n"
                                "- Bay Books: $300/month\n"
                                "  - Invoice 7700: $300 (overdue, 2026-10-01)\n";
    char *audit = render_two("print", print, "groomers", groomers_handoff, PERSONA_AUDIT, "print");
    assert_contains(audit, "; Groomers, a business of the group, owes $450 overdue (Invoice 7710, "
                           "34 days; $900 in all): settle it inside the group.");
    free(audit);
}

/* reports.md, CTO headline 3 (fixT 5): the decision on a finding names the
 * problem before the fix, in the CEO's words for it, so the CTO and the
 * CEO say the same finding the same way. */
static void test_cto_decision_on_a_finding_names_the_problem_before_the_fix(void **state)
{
    (void)state;
    static const char box[] = "# Box\n\n- Site: box\n- Owner: Ana Ruiz\n\n"
                              "## Revenue\n- Sales: $1,000/month\n\n"
                              "## Expenses\n- Rent: $800/month (fixed)\n";
    static const char orders[] = "export const handler = async (event) => {\n"
                                 "  const order = JSON.parse(event.body || \"{}\");\n"
                                 "  return { statusCode: 200, body: JSON.stringify(order) };\n};\n";
    static const char problem[] = "he orders endpoint answers any request, no token checked "
                                  "(orders.mjs:1)";
    char *cto = render_one("box", box, "sites/box/api/orders.mjs", orders, PERSONA_CTO);
    assert_contains(cto, "- Decision: the orders endpoint answers any request, no token checked "
                         "(orders.mjs:1): check a token or signature before serving the request "
                         "(Box, high, effort half a day).\n");
    assert_not_contains(cto, "- Decision: check a token");
    char *ceo = render_one("box", box, "sites/box/api/orders.mjs", orders, PERSONA_CEO);
    assert_contains(ceo, problem);
    free(ceo);
    free(cto);
}

/* reports.md CEO, "Outside the group's figures" (fixT 6: I3's Pelican
 * Charters burned $160/month unnamed): in the portfolio scope the CEO
 * names each ancillary entity with the CFO's figures, right after the gap
 * sentence; never in one business's own scope. */
static void test_ceo_names_the_ancillary_entities_outside_the_groups_figures(void **state)
{
    (void)state;
    /* a core business and an ancillary one that burns $1,960 − $1,800 */
    static const char core[] = "# Core\n\n- Kind: core\n\n## Revenue\n- Sales: $1,000/month\n\n"
                               "## Expenses\n- Rent: $800/month (fixed)\n";
    static const char boat[] = "# Boat\n\n- Kind: ancillary\n\n## Revenue\n- Charters: "
                               "$1,800/month\n\n## Expenses\n- Slip: $1,960/month (fixed)\n";
    static const char said[] = "Outside the group's figures: Boat (ancillary) burns $160/month.\n";
    char *ceo = render_two("core", core, "boat", boat, PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    assert_contains(ceo, said);
    /* right after the gap sentence, whose figures leave it out */
    assert_true(strstr(ceo, "Revenue $1,000 − costs $800") < strstr(ceo, said));
    assert_true(strstr(ceo, said) < strstr(ceo, "## Shortfalls"));
    char *cfo = render_two("core", core, "boat", boat, PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    assert_row(after(cfo, "## Ancillary entities"), "Boat", "$1,960", "$1,800", "$160");
    free(cfo);
    free(ceo);
    char *own = render_two("core", core, "boat", boat, PERSONA_CEO, "core");
    assert_not_contains(own, "Outside the group's figures");
    free(own);
}

/* The Audit of handoff `id` whose site holds one file, `site_path`. */
static char *render_with_site(const char *id, const char *handoff, const char *site_path,
                              const char *site_text)
{
    char *root = fixture_tempdir();
    fixture_handoff(root, id, handoff);
    fixture_write(root, site_path, site_text);
    portfolio *p = fixture_load(root);
    char *md = fixture_render(p, PERSONA_AUDIT, id);
    model_portfolio_free(p);
    fixture_remove(root);
    return md;
}

/* reports.md, What leaked (eyes-final2b K8): a line holding the primary's
 * and the replica's passwords leaks two; the fix changes both. */
static void test_two_passwords_on_one_line_are_counted_and_both_changed(void **state)
{
    (void)state;
    static const char tally[] = "# Tally\n\n- Site: tally\n\n"
                                "## Revenue\n- Subscriptions: $5,000/month\n\n"
                                "## Expenses\n- Contractors: $4,000/month (fixed)\n";
    static const char settings[] =
        "PRIMARY_DB = \"postgresql://app:Wh1skeyTango-42@db1.example.com/t\"; "
        "REPLICA_DB = \"postgresql://ro:Fo0tballKilo-77@db2.example.com/t\"\n";
    char *cto = render_one("tally", tally, "sites/tally/settings.py", settings, PERSONA_CTO);
    assert_contains(after(cto, "## Security gaps"),
                    "two hard-coded database passwords at `sites/tally/settings.py:1`");
    assert_row(after(cto, "## Dev-cycle improvements"), "| critical",
               "change the two database passwords now and load them from the environment or a "
               "secret store", "sites/tally/settings.py:1");
    free(cto);
}

/* reports.md, CTO Dev-cycle improvements (eyes-final19 A13): every finding
 * the headline counts has its row, the medium http:// link too. */
static void test_cto_every_counted_finding_has_its_dev_cycle_row_the_http_link_too(void **state)
{
    (void)state;
    static const char crew[] = "# Crew\n\n- Site: crew\n\n## Revenue\n- Tours: $2,000/month\n\n"
                               "## Expenses\n- Rent: $800/month (fixed)\n";
    static const char waiver[] = "<a href=\"http://www.example.com/waiver.pdf\">Waiver</a>\n";
    char *cto = render_one("crew", crew, "sites/crew/index.html", waiver, PERSONA_CTO);
    assert_contains(cto, "1 medium");
    assert_row(after(cto, "## Dev-cycle improvements"), "| medium",
               "serve the link over https://", "15 minutes", "sites/crew/index.html:1");
    free(cto);
}

/* reports.md, Audit (eyes-final G24): a credential leaked in the audited
 * business's site is recommendation 1, graded critical as in the CTO and
 * CEO reports, with the handoff's own fix named inside it and not again;
 * no backups comes next. */
static void test_audit_puts_a_leaked_credential_first_then_missing_backups(void **state)
{
    (void)state;
    char *md = render_with_site("shop", shop, "sites/shop/deploy.py", shop_site_script);
    const char *list = after(md, "## Recommendations");
    assert_contains(list, "1. Rotate the password and token now and load them from the environment "
                          "or a secret store: hard-coded password and token ");
    assert_contains(list, "in sites/shop/deploy.py:1, 2 (critical, 1 hour; the handoff's \"Move "
                          "the password out of the code\", agent_handoffs/projects/shop.md:21).\n"
                          "2. Backups not recorded: confirm backups exist and test a restore "
                          "(high, half a day; agent_handoffs/projects/shop.md:15).\n");
    assert_not_contains(list, "Do \"Move the password");
    assert_contains(md, "- Decision: rotate the password and token now");
    free(md);
}

/* An order webhook that serves any request: the CTO's high gap. */
static const char open_orders_endpoint[] = "export const handler = async (event) => {\n"
                                           "  const order = JSON.parse(event.body || \"{}\");\n"
                                           "  return { statusCode: 200, body: JSON.stringify(order) };\n};\n";

/* reports.md, Audit (eyes-final2a H7): an endpoint without authentication,
 * high in the CTO, is recommended with the missing backups, as one
 * recommendation, with the handoff's own fix inside it and not again. */
static void test_audit_recommends_the_open_endpoint_with_the_missing_backups(void **state)
{
    (void)state;
    static const char box[] = "# Box\n\n- Site: box\n\n"
                              "## Revenue\n- Sales: $1,000/month\n\n"
                              "## Expenses\n- Rent: $800/month (fixed)\n\n"
                              "## Tech\n- Backups: none\n\n"
                              "## Actions\n- Add a token check to the order webhook: $0 (medium, tech)\n";
    char *md = render_with_site("box", box, "sites/box/api/orders.mjs", open_orders_endpoint);
    const char *list = after(md, "## Recommendations");
    assert_contains(list, "1. Check a token or signature before serving the request: endpoint "
                          "without authentication in sites/box/api/orders.mjs:1 (high, half a "
                          "day; the handoff's \"Add a token check to the order webhook\", "
                          "agent_handoffs/projects/box.md:15); set up backups and test a restore "
                          "(high, 1 day; agent_handoffs/projects/box.md:12).\n");
    assert_null(strstr(strstr(list, "box.md:15"), "Add a token check"));
    free(md);
}

/* reports.md, Audit, what cannot wait (eyes-final13 Q1): `Backups:
 * (missing)` says the handoff does not record them, not that there are
 * none: the Audit says the CTO's and CEO's step and effort, "backups not
 * recorded: confirm backups exist and test a restore (half a day)", never
 * "set up backups … 1 day". */
static void test_audit_says_backups_not_recorded_as_the_cto_and_ceo_do(void **state)
{
    (void)state;
    static const char box[] = "# Box\n\n- Site: box\n- Owner: Ana Ruiz\n\n"
                              "## Revenue\n- Sales: $1,000/month\n\n"
                              "## Expenses\n- Rent: $800/month (fixed)\n\n"
                              "## Tech\n- Backups: (missing)\n";
    static const char page[] = "<html><body>Box</body></html>\n";
    char *audit = render_with_site("box", box, "sites/box/index.html", page);
    char *cto = render_one("box", box, "sites/box/index.html", page, PERSONA_CTO);
    char *ceo = render_one("box", box, "sites/box/index.html", page, PERSONA_CEO);
    assert_contains(after(audit, "## Recommendations"),
                    "1. Backups not recorded: confirm backups exist and test a restore (high, "
                    "half a day; agent_handoffs/projects/box.md:13).\n");
    assert_not_contains(audit, "et up backups");
    assert_row(after(cto, "## Dev-cycle improvements"), "| high",
               "confirm backups exist and test a restore", "half a day");
    /* the agenda's Item cell starts with a capital (fixZd Q15) */
    assert_contains(ceo, "Backups not recorded (box.md:13): confirm backups exist and test a "
                         "restore (half a day)");
    free(audit);
    free(cto);
    free(ceo);
}

/* reports.md, CTO headline 1 (eyes-final13 Q14): a business whose Site the
 * scan could not read is named with why and where, never silently out of
 * the count of sites, and never asked to add a Site it has. */
static void test_cto_headline_names_a_site_that_was_not_scanned_and_why(void **state)
{
    (void)state;
    char *cto = render_one("print",
                           "# Print\n\n- Owner: Theo Park\n- Site: sites/../../elsewhere\n\n"
                           "## Revenue\n- Sales: $1,000/month\n",
                           NULL, NULL, PERSONA_CTO);
    assert_contains(cto, "- Security: no site inspected; Print's site was not scanned: its path "
                         "leads outside the portfolio (print.md:4).\n");
    assert_contains(cto, "## Security gaps\n\nNot inspected; Print's site was not scanned: its "
                         "path leads outside the portfolio (print.md:4).\n");
    assert_not_contains(cto, "add a `Site` field");
    assert_not_contains(cto, "no handoff names a Site");
    free(cto);
}

/* reports.md, CTO Security gaps (eyes-final12 Z8): an open handler whose
 * own comment says browsers send to it cannot keep a token secret: the fix
 * is deciding how events are authenticated, in the CTO, CEO and Audit; a
 * handler whose file says nothing of its callers keeps the token check. */
static const char browser_events[] = "// Receives page-view events from customers' shops.\n"
                                     "export const handler = async (event) => {\n"
                                     "  const body = JSON.parse(event.body || \"{}\");\n"
                                     "  return { statusCode: 202, body: \"ok\" };\n};\n";
static const char loop_handoff[] = "# Loop\n\n- Site: loop\n- Owner: Ana Ruiz\n\n"
                                   "## Revenue\n- Plans: $1,000/month\n\n"
                                   "## Tech\n- Backups: nightly\n- CI: yes\n";

static void test_an_endpoint_browsers_call_is_told_to_decide_how_events_are_authenticated(
    void **state)
{
    (void)state;
    const char *events = browser_events, *loop = loop_handoff;
    static const char fix[] = "decide how events are authenticated (an origin or site-ID check "
                              "for browser events, a signed token from servers)";
    persona who[] = {PERSONA_CTO, PERSONA_CEO, PERSONA_AUDIT};
    for (size_t i = 0; i < sizeof who / sizeof who[0]; i++) {
        char *md = who[i] == PERSONA_AUDIT
                       ? render_with_site("loop", loop, "sites/loop/api/events.mjs", events)
                       : render_one("loop", loop, "sites/loop/api/events.mjs", events, who[i]);
        assert_contains(md, who[i] == PERSONA_AUDIT ? "1. Decide how events are authenticated "
                                                      "(an origin or site-ID check for browser "
                                                      "events, a signed token from servers)"
                                                    : fix);
        assert_not_contains(md, "check a token or signature");
        free(md);
    }
    /* the same handler without its comment: nothing says who calls it */
    char *quiet = render_one("loop", loop, "sites/loop/api/events.mjs", strchr(events, '\n') + 1,
                             PERSONA_CTO);
    assert_contains(quiet, "check a token or signature before serving the request");
    assert_not_contains(quiet, "decide how events");
    free(quiet);
}

/* reports.md, CEO, Shortfalls and 30-day agenda (eyes-final4 P16,
 * eyes-final3a M21): the CTO's high findings of a business (the open
 * endpoint, no backups) are one high row with the CTO's effort added up,
 * and one line on day 7 each (eyes-final13 Q15), the one the handoff's
 * medium action fixes taking it, dated above a small subscription. */
static void test_ceo_the_ctos_high_findings_are_one_row_and_one_day_7_line_each(void **state)
{
    (void)state;
    static const char box[] = "# Box\n\n- Site: box\n- Owner: Ana Ruiz\n\n"
                              "## Revenue\n- Sales: $1,000/month\n\n"
                              "## Expenses\n- Rent: $800/month (fixed)\n\n"
                              "## Tech\n- Backups: none\n\n"
                              "## Actions\n- Add a token check to the order webhook: $0 (medium, tech)\n"
                              "- Uptime monitoring: $15/month (medium)\n";
    char *md = render_one("box", box, "sites/box/api/orders.mjs",
                          "export const handler = async (event) => {\n"
                          "  const order = JSON.parse(event.body || \"{}\");\n"
                          "  return { statusCode: 200, body: JSON.stringify(order) };\n};\n",
                          PERSONA_CEO);
    /* each finding in plain words with its file and line (R16) */
    assert_row(after(md, "## Shortfalls"),
               "The orders endpoint answers any request, no token checked (orders.mjs:1); no "
               "backups (box.md:13): a day and a half of work (CTO report)",
               "high", "sites/box/api/orders.mjs:1; agent_handoffs/projects/box.md:13");
    const char *agenda = after(md, "## 30-day agenda");
    /* the agenda names each finding and its fix (eyes-final6a T2), one line a finding, the
     * action first on the one it fixes (changed by fixZd Q15: two tasks, two lines) */
    assert_row(agenda, "2026-11-30", "Add a token check to the order webhook: the orders endpoint "
                                     "answers any request, no token checked (orders.mjs:1): check a "
                                     "token or signature before serving the request (half a day) |");
    assert_row(agenda, "2026-11-30", "No backups (box.md:13): set up backups and test a restore "
                                     "(1 day)");
    assert_true(strstr(agenda, "2026-11-30") < strstr(agenda, "Uptime monitoring"));
    assert_null(strstr(strstr(agenda, "order webhook") + 1, "order webhook"));
    free(md);
}

/* reports.md, CEO, "A risk marked not quantified asks once" (eyes-final4
 * P17): the CEO row and the Audit's Risks row ask the one question that
 * would quantify the risk, with the field and file:line; Data quality
 * names the field once. */
static void test_a_risk_not_quantified_asks_the_question_that_would_quantify_it(void **state)
{
    (void)state;
    static const char app[] = "# App\n\n- Owner: Ben Okafor\n\n"
                              "## Revenue\n- Subscriptions: $9,000/month\n\n"
                              "## Expenses\n- Salaries: $8,000/month (fixed)\n\n"
                              "## Risks\n- Competitor churn: two large accounts are evaluating a "
                              "competitor (medium)\n- Server outage: $300/month (low)\n";
    char *ceo = render_one("app", app, NULL, NULL, PERSONA_CEO);
    assert_row(after(ceo, "## Shortfalls"),
               /* a table cell escapes the backticks of the field */
               "Competitor churn: what do those accounts pay a month? add \\`$X/month\\` to the "
               "risk line, app.md:12", "not quantified");
    assert_null(strstr(after(ceo, "## Shortfalls"), "Server outage: how much"));
    /* the row's "add `$X/month` to the risk line" is the one ask (R9) */
    assert_not_contains(after(ceo, "## Data quality"), "Competitor churn");
    free(ceo);
    char *audit = render_one("app", app, NULL, NULL, PERSONA_AUDIT);
    assert_row(after(audit, "## Risks"),
               "Competitor churn: two large accounts are evaluating a competitor; not quantified: "
               "what do those accounts pay a month? add \\`$X/month\\` to the risk line, app.md:12",
               "medium");
    free(audit);
}

/* reports.md, "A risk marked not quantified": a risk naming one client of
 * its business's `## Clients` is answered by that client's fee when the
 * file states one (Q12, R8: nothing asked, "up to" its fee, ranked with the
 * unquantified rows), never "those accounts". */
static void test_a_risk_naming_one_client_asks_of_that_client(void **state)
{
    (void)state;
    static const char firm[] = "# Firm\n\n- Owner: Ben Okafor\n\n"
                               "## Expenses\n- Rent: $2,000/month (fixed)\n\n"
                               "## Clients\n- Pelham Contractors: $3,000/month\n"
                               "- Cove Bakery: $1,000/month\n\n"
                               "## Risks\n- Client concentration: Pelham Contractors pays most "
                               "(medium)\n- Account churn: Dune Shop may leave (low)\n";
    char *ceo = render_one("firm", firm, NULL, NULL, PERSONA_CEO);
    assert_contains(ceo, "Client concentration; at stake: Pelham Contractors' fee, $3,000/month "
                         "(firm.md:9)");
    assert_contains(ceo, "up to $3,000/month");
    assert_not_contains(ceo, "add \\`Client concentration: $X/month\\`");
    char *audit = render_one("firm", firm, NULL, NULL, PERSONA_AUDIT);
    assert_contains(audit, "Client concentration: Pelham Contractors pays most; at risk: Pelham "
                           "Contractors' fee, $3,000/month (firm.md:9)");
    free(audit);
    /* a client the Clients section does not list: the table's question */
    assert_contains(ceo, "Account churn: what do those accounts pay a month?");
    free(ceo);
}

/* reports.md, CEO, Order (fixR U1 and its review): the money lost, owed or
 * at risk by the file's own figure first; then the "up to $X/month"
 * exposures and the unused spend by amount -- a $4,000 fee above a $39
 * app, a definite row before an exposure of the same amount. */
static void test_money_lost_owed_or_priced_ranks_first_then_exposures_and_unused_spend_by_amount(void **state)
{
    (void)state;
    static const char firm[] = "# Firm\n\n- Owner: Ben Okafor\n\n"
                               "## Revenue\n- Retainers: $9,000/month\n\n"
                               "## Expenses\n- Rent: $2,000/month (fixed)\n"
                               "- Old app: $39/month (tech, unused)\n"
                               "- Spare desk: $4,000/month (fixed, unused)\n\n"
                               "## Clients\n- Halvorsen Foods: $4,000/month\n\n"
                               "## Risks\n- Winter slowdown: $5,500/month (high)\n"
                               "- Client concentration: Halvorsen Foods pays most (low)\n"
                               "- Office flood: no insurance (high)\n"
                               "- Key person: the only partner may retire (medium)\n";
    char *md = render_one("firm", firm, NULL, NULL, PERSONA_CEO);
    const char *table = after(md, "## Shortfalls\n");
    /* the whole $9,000 at stake is the most that could go, not a loss: it
     * follows the $5,500 at risk by the file's own figure, and leads the
     * band of exposures and unused spend (lead's review of fixR U1) */
    assert_contains(table, "up to $9,000/month");
    assert_in_order(table, "Winter slowdown", "Key person", "Spare desk", "Client concentration",
                    "Old app", "Office flood");
    free(md);
}

/* reports.md, CEO, Order (eyes-final21 C11): the gap of a business whose
 * cash runs out within 60 days ranks above larger money owed. The school
 * burns $500/month: $600 of cash lasts 600 × 365 ÷ (500 × 12) = 36 days,
 * so its $500/month row leads the firm's $5,000 overdue; with $2,000 (121
 * days) the $5,000 leads again, by amount. */
static void test_ceo_a_business_whose_cash_runs_out_within_60_days_ranks_first_of_the_money(
    void **state)
{
    (void)state;
    static const char firm[] = "# Firm\n\n## Revenue\n- Retainers: $9,000/month\n\n"
                               "## Expenses\n- Rent: $2,000/month (fixed)\n\n"
                               "## Clients\n- Harbor Inn: $5,000 (overdue)\n";
    const char *cash[] = {"600", "2,000"};
    for (size_t i = 0; i < 2; i++) {
        char *school = NULL;
        if (asprintf(&school,
                     "# School\n\n## Revenue\n- Lessons: $1,000/month\n\n"
                     "## Expenses\n- Rent: $1,500/month (fixed)\n\n## Assets\n- Cash: $%s\n",
                     cash[i]) < 0)
            abort();
        char *md = render_two("firm", firm, "school", school, PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
        const char *table = after(md, "## Shortfalls");
        if (i == 0)
            assert_in_order(table, "School loses $500/month", "Harbor Inn");
        else
            assert_in_order(table, "Harbor Inn", "School loses $500/month");
        free(md);
        free(school);
    }
}

/* reports.md, CEO revenue-gap row (eyes-final19 A2): a business whose
 * cash taken in ahead of earning makes its cash and operating results
 * differ says which is which. $300 of gift certificates + $100 of tours −
 * $442 of costs = −$42 in cash; earned $100 − $442 = −$342 operating. */
static void test_ceo_a_gap_with_cash_received_ahead_says_short_in_cash_and_its_operating_loss(
    void **state)
{
    (void)state;
    char *md = render_one("boat",
                          "# Boat\n\n## Revenue\n- Gift certificates: $300/month\n- Tours: "
                          "$100/month\n\n## Expenses\n- Bookkeeping: $250/month (fixed)\n- "
                          "Mooring: $192/month (fixed)\n",
                          NULL, NULL, PERSONA_CEO);
    const char *shortfalls = after(md, "## Shortfalls");
    assert_contains(shortfalls, "Boat is $42/month short in cash (operating loss $342 until its "
                                "gift certificates are redeemed)");
    assert_contains(shortfalls, "$42/month cash shortfall"); /* its agenda line */
    assert_not_contains(md, "Boat loses $42/month");
    free(md);
}

/* A core business that makes money, beside the ancillary one of the
 * tests below. */
static const char ancillary_core[] = "# Core\n\n## Revenue\n- Sales: $9,000/month\n\n"
                                     "## Expenses\n- Rent: $2,000/month (fixed)\n";

/* reports.md, Outside the group's figures (eyes-final20 B2/B3): the high
 * actions and risks of an ancillary business are named on one line, the
 * risk with the revenue line it names at stake ($9,600 ÷ 12 = $800), and
 * stay out of the shortfalls; medium ones are not named. */
static void test_ceo_names_the_ancillary_businesses_own_high_actions_and_risks_outside_the_figures(
    void **state)
{
    (void)state;
    static const char side[] = "# Side\n\n- Kind: ancillary\n\n## Revenue\n"
                               "- Year-end tax packages: $9,600/year\n\n"
                               "## Expenses\n- Desk: $100/month (fixed)\n\n"
                               "## Risks\n- Key person: only Grace can sign off year-end packages "
                               "(high)\n\n## Next steps\n- Smart lock: $240 (high)\n"
                               "- Pricing tool: $20/month (medium)\n";
    char *md = render_two("core", ancillary_core, "side", side, PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    assert_contains(md, "Outside the group's figures, high on their own lists: Side: Smart lock "
                        "($240 one-off); Key person: only Grace can sign off year-end packages "
                        "($800/month at stake: Year-end tax packages $9,600/year).");
    assert_not_contains(md, "Pricing tool");
    assert_not_contains(after(md, "## Shortfalls"), "Key person");
    free(md);
}

/* reports.md, One date per action (eyes-final20 B7): an ancillary
 * business's chasing action merges into its collect line and dates it by
 * its priority (high: 7 days from FIXTURE_NOW 2026-11-23), as a core
 * business's does; it is not named again on the ancillary line. */
static void test_an_ancillary_chasing_action_merges_into_its_collect_line_and_dates_it(void **state)
{
    (void)state;
    static const char books[] = "# Books\n\n- Kind: ancillary\n- Owner: Ada Example\n\n"
                                "## Revenue\n- Retainers: $1,000/month\n\n"
                                "## Expenses\n- Desk: $100/month (fixed)\n\n"
                                "## Clients\n- Harbor Inn: $500 (overdue)\n\n"
                                "## Actions\n- Send the overdue reminders this week: $0 (high)\n";
    char *md = render_two("core", ancillary_core, "books", books, PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    const char *agenda = after(md, "## 30-day agenda");
    assert_row(agenda, "2026-11-30", "Send the overdue reminders this week: collect $500 overdue");
    assert_not_contains(md, "high on their own lists");
    free(md);
}

/* handoff-format.md, "Risk cost" (fixR U2/U3/S9): a risk that names a
 * change to one priced expense line is priced from that line, says where
 * the figure comes from, and is never asked; CEO and Audit agree. A risk
 * naming two lines, or no change, stays asked. */
static void test_a_risk_naming_a_change_to_a_priced_expense_line_is_priced_from_that_line(
    void **state)
{
    (void)state;
    static const char school[] = "# School\n\n- Owner: Ada Quill\n\n"
                                 "## Revenue\n- Courses: $2,000/month\n\n"
                                 "## Expenses\n- Course platform: $149/month (tech)\n"
                                 "- Video editor: $1,200/year (fixed)\n"
                                 "- Mail tool: $20/month (fixed)\n\n"
                                 "## Risks\n"
                                 "- Platform price rise: the course host may double its fee (low)\n"
                                 "- Editor rate: the video editor may raise prices by 25% (low)\n"
                                 "- Tool costs: the mail tool or the platform may triple (low)\n"
                                 "- Host outage: the platform may go down (low)\n"
                                 "- Mail tool rise: the mail tool may go up by $10 (low)\n"
                                 "- Fewer platform signups: they may halve, not double (low)\n";
    char *ceo = render_one("school", school, NULL, NULL, PERSONA_CEO);
    /* "by $N": $N more in the line's own period */
    assert_contains(ceo, "Mail tool rise: $10/month more if Mail tool ($20/month, school.md:11) "
                         "rises by $10/month");
    assert_contains(ceo, "Platform price rise: $149/month more if Course platform ($149/month, "
                         "school.md:9) doubles");
    assert_contains(ceo, "$149/month at risk");
    /* a yearly line: its monthly figure, $100, rises 25% */
    assert_contains(ceo, "Editor rate: $25/month more if Video editor ($100/month, school.md:10) "
                         "rises 25%");
    assert_not_contains(ceo, "Platform price rise: how much");
    /* two lines named: which one is not said, so it is asked */
    assert_contains(ceo, "Tool costs: how much a month would it cost?");
    /* no change named: asked */
    assert_contains(ceo, "Host outage: how much a month would it cost?");
    /* lost revenue is no cost line's rise: asked, never priced from the platform */
    assert_contains(ceo, "Fewer platform signups: how much a month would it cost?");
    free(ceo);
    char *audit = render_one("school", school, NULL, NULL, PERSONA_AUDIT);
    assert_contains(audit, "Platform price rise: the course host may double its fee; at risk: "
                           "$149/month more if Course platform ($149/month, school.md:9) doubles");
    free(audit);
    /* the CFO's guardrails say the same figure, from the same line, for a business it would
     * push further into a burn */
    static const char burning[] = "# School\n\n## Revenue\n- Courses: $1,000/month\n\n"
                                  "## Expenses\n- Course platform: $149/month (tech)\n"
                                  "- Rent: $1,100/month (fixed)\n\n"
                                  "## Risks\n- Platform price rise: the host may double its fee (low)\n";
    char *cfo = render_one("school", burning, NULL, NULL, PERSONA_CFO);
    assert_contains(cfo, "Platform price rise ($149/month more if Course platform ($149/month, "
                         "school.md:7) doubles, low;");
    free(cfo);
}

/* reports.md, Audit rule 9 (fixT 3): the recommendation against a risk the
 * file prices from an expense line says that price, in the Risks table's
 * words, not the risk's label alone. */
static void test_audit_rule_9_says_a_priced_risks_price_as_the_risks_table_does(void **state)
{
    (void)state;
    static const char school[] = "# School\n\n- Owner: Ada Quill\n\n"
                                 "## Revenue\n- Courses: $2,000/month\n\n"
                                 "## Expenses\n- Course platform: $149/month (tech)\n"
                                 "- Rent: $900/month (fixed)\n\n"
                                 "## Risks\n"
                                 "- Platform price rise: the course host may double its fee (high)\n";
    char *audit = render_one("school", school, NULL, NULL, PERSONA_AUDIT);
    assert_contains(audit, "the high risk \"Platform price rise\": the course host may double "
                           "its fee (agent_handoffs/projects/school.md:13); at stake: ");
    assert_contains(audit, "; at stake: $149/month more if Course platform ($149/month, "
                           "school.md:9) doubles");
    assert_contains(audit, "; at risk: $149/month more if Course platform ($149/month, "
                           "school.md:9) doubles");
    free(audit);
}

/* reports.md, "A risk that the business rests on one thing" (fixR U3): "the
 * only <role>" in a risk's text rests on one person, so the whole revenue
 * is at stake, never "what would a month without that person cost?". */
static void test_a_risk_naming_the_only_role_puts_the_whole_revenue_at_stake(void **state)
{
    (void)state;
    static const char plumb[] = "# Plumb\n\n- Owner: Dana Whitlock\n\n"
                                "## Revenue\n- Jobs: $14,400/month\n\n"
                                "## Expenses\n- Van lease: $1,100/month (fixed)\n\n"
                                "## Risks\n- Staff turnover: the only licensed plumber may leave "
                                "(medium)\n";
    char *ceo = render_one("plumb", plumb, NULL, NULL, PERSONA_CEO);
    assert_contains(ceo, "Staff turnover; at stake: all of Plumb's revenue, $14,400/month "
                         "(plumb.md:6)");
    assert_not_contains(ceo, "without that person");
    free(ceo);
}

/* reports.md, "A risk that the business rests on one thing puts its whole
 * revenue at stake" (eyes-final5b R10): "Single vessel" is answered by the
 * file, all the charter revenue, never asked as `$X/month`; CEO and Audit. */
static void test_a_risk_that_the_business_rests_on_one_thing_puts_its_whole_revenue_at_stake(
    void **state)
{
    (void)state;
    static const char boat[] = "# Boat\n\n- Owner: Ana Ruiz\n\n"
                               "## Revenue\n- Charters: $1,850/charter\n\n"
                               "## Expenses\n- Slip rent: $1,650/month (fixed)\n\n"
                               "## KPIs\n- Charters per month: 2\n\n"
                               "## Risks\n- Single vessel: every charter dollar depends on one boat "
                               "(high)\n- Weather closures (low)\n";
    char *ceo = render_one("boat", boat, NULL, NULL, PERSONA_CEO);
    assert_row(after(ceo, "## Shortfalls"),
               "Single vessel; at stake: all of Boat's revenue, $3,700/month (boat.md:6)",
               "up to $3,700/month");
    assert_not_contains(ceo, "Single vessel: how much");
    assert_not_contains(ceo, "Single vessel: $X/month");
    /* a risk that names no single thing is still asked */
    assert_contains(ceo, "Weather closures: how much revenue a month would it take?");
    char *audit = render_one("boat", boat, NULL, NULL, PERSONA_AUDIT);
    assert_contains(audit, "Single vessel: every charter dollar depends on one boat; at risk: all "
                           "of Boat's revenue, $3,700/month (boat.md:6)");
    free(audit);
    free(ceo);
    /* with other revenue beside the units, the units' part is said: the
     * one guide may carry only the tours (eyes-final10 X1) */
    static const char tours[] = "# Tours\n\n- Owner: Ana Ruiz\n\n"
                                "## Revenue\n- Guided tours: $120/tour\n"
                                "- Board storage leases: $600/month\n\n"
                                "## Expenses\n- Dock: $1,000/month (fixed)\n"
                                "- Guide pay: $35/tour (variable)\n\n"
                                "## KPIs\n- Tours per month: 40\n- Average tour price: $120\n\n"
                                "## Risks\n- Single guide: tours stop when the guide is sick (high)\n";
    ceo = render_one("tours", tours, NULL, NULL, PERSONA_CEO);
    assert_contains(ceo, "Single guide; at stake: all of Tours' revenue, $5,400/month "
                         "(tours.md:6-7), $4,800 of it its tours");
    free(ceo);
}

/* reports.md, "A risk that the business rests on one thing puts its whole
 * revenue at stake" (fixT 4: I2's fieldnote.md:41): a business with no
 * `## Revenue` whose revenue is its Clients MRR puts that MRR at stake,
 * said with its `## Clients` heading; CEO and Audit; never asked. */
static void test_a_single_point_risk_of_a_business_paid_by_its_clients_puts_its_clients_mrr_at_stake(
    void **state)
{
    (void)state;
    static const char desk[] = "# Desk\n\n- Owner: Amara Nwosu\n\n"
                               "## Clients\n- Harbor Bistro: $4,000/month\n"
                               "- Copper Kettle: $2,500/month\n"
                               "- Kitchen audit: $4,500 (quoted)\n\n"
                               "## Expenses\n- Software: $300/month (fixed)\n\n"
                               "## Risks\n- Key person: every engagement depends on the principal "
                               "(high)\n";
    static const char stake[] = "all of Desk's revenue, $6,500/month (its Clients, desk.md:5)";
    char *ceo = render_one("desk", desk, NULL, NULL, PERSONA_CEO);
    assert_contains(ceo, "Key person; at stake: all of Desk's revenue, $6,500/month (its Clients, "
                         "desk.md:5)");
    assert_not_contains(ceo, "without that person");
    free(ceo);
    char *audit = render_one("desk", desk, NULL, NULL, PERSONA_AUDIT);
    assert_contains(audit, "Key person: every engagement depends on the principal; at risk: ");
    assert_contains(audit, stake);
    assert_not_contains(audit, "without that person");
    free(audit);
}

/* reports.md, CEO Shortfalls order (eyes-final5b R16): the CTO's high
 * findings carry no money, so they rank after the money the business loses
 * (a $45/month unused seat included), first of the unquantified rows; a
 * leaked secret still ranks first. */
static void test_ceo_a_cto_finding_without_money_ranks_below_the_money_shortfalls(void **state)
{
    (void)state;
    static const char app[] = "# App\n\n- Site: app\n- Owner: Ana Ruiz\n\n"
                              "## Revenue\n- Plans: $1,000/month\n\n"
                              "## Expenses\n- Hosting: $1,500/month (fixed)\n"
                              "- Old dashboard: $45/month (unused)\n\n"
                              "## Tech\n- Backups: daily\n- CI: GitHub Actions\n\n"
                              "## Risks\n- Churn: some accounts may leave (high)\n";
    char *md = render_one("app", app, "sites/app/api/events.mjs",
                          "export const handler = async (event) => {\n"
                          "  const body = JSON.parse(event.body || \"{}\");\n"
                          "  return { statusCode: 202, body: JSON.stringify(body) };\n};\n",
                          PERSONA_CEO);
    const char *table = after(md, "## Shortfalls");
    const char *loss = strstr(table, "App loses $545/month");
    const char *seat = strstr(table, "Old dashboard (unused)");
    const char *cto = strstr(table, "The events endpoint answers any request");
    const char *churn = strstr(table, "Churn: what do those accounts pay a month?");
    assert_true(loss && seat && cto && churn);
    assert_true(loss < seat && seat < cto && cto < churn);
    free(md);
}

/* reports.md, CEO Missing KPIs (eyes-final5b R9): a KPI written `(missing)`
 * is one row under the sentence that asks for it, and Data quality does
 * not ask it again; a handoff without `## KPIs` is no row. */
static void test_ceo_missing_kpis_are_asked_once_and_no_kpis_section_is_no_row(void **state)
{
    (void)state;
    static const char *const shop[] = {
        "# Shop\n\n- Owner: Ana Ruiz\n- Business: Gifts\n\n## Revenue\n- Sales: $1,000/month\n\n"
        "## Expenses\n- Rent: $800/month\n\n## KPIs\n- Collection rate: (missing)\n\n"
        "## Actions\n- Sell online: $0 (high)\n\n## Assets\n- Cash: $1,000\n",
        "# Cafe\n\n- Owner: Ben Okafor\n- Business: Coffee\n\n## Revenue\n- Sales: $2,000/month\n\n"
        "## Expenses\n- Rent: $900/month\n\n## Assets\n- Cash: $1,000\n",
    }; /* changed by fixZd Z15: cash stated, so Data quality's only ask is the body's (KPIs) */
    char *root = fixture_tempdir();
    fixture_handoff(root, "shop", shop[0]);
    fixture_handoff(root, "cafe", shop[1]);
    portfolio *p = fixture_load(root);
    char *md = fixture_render(p, PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    model_portfolio_free(p);
    fixture_remove(root);
    const char *kpis = after(md, "## Missing KPIs");
    assert_contains(kpis, "Each is written `(missing)` in its file: replace it with the figure.");
    assert_row(kpis, "Shop", "Collection rate", "agent_handoffs/projects/shop.md:13");
    assert_not_contains(md, "(no KPIs section)");
    /* changed by fixZd Z15: no row, but named with its ask, never "every KPI has a value" */
    assert_contains(kpis, "Cafe has no `## KPIs` section: add one to agent_handoffs/projects/cafe.md.");
    assert_not_contains(after(md, "## Data quality"), "Collection rate");
    /* never "No problems found" beside the ask (G21) */
    assert_contains(after(md, "## Data quality"), "Only the fields asked for above are missing.");
    free(md);
}

/* reports.md, CEO revenue-gap row (R9): "cash not stated" names no field,
 * so Data quality asks for it, once. */
static void test_ceo_cash_not_stated_in_a_row_is_asked_in_data_quality(void **state)
{
    (void)state;
    static const char shop[] = "# Shop\n\n- Owner: Ana Ruiz\n- Business: Gifts\n\n"
                               "## Revenue\n- Sales: $1,000/month\n\n"
                               "## Expenses\n- Rent: $1,400/month (fixed)\n";
    char *md = render_one("shop", shop, NULL, NULL, PERSONA_CEO);
    assert_contains(after(md, "## Shortfalls"), "cash not stated");
    assert_contains(after(md, "## Data quality"),
                    "- Missing: add `Cash: $amount` to the Assets of agent_handoffs/projects/shop.md\n");
    free(md);
}

/* reports.md, Audit rule 9 (eyes-final2b K13): the handoff's own action of
 * at least the risk's priority is what to do about it and leads; the
 * headline's decision names it, not "reduce the high risk". */
static void test_audit_meets_a_risk_with_the_handoffs_own_action(void **state)
{
    (void)state;
    static const char cabin[] = "# Cabin\n\n"
                                "## Revenue\n- Stays: $3,780/month\n\n"
                                "## Expenses\n- Mortgage: $3,385.40/month (fixed)\n\n"
                                "## Risks\n- Winter bookings gap: $1,400/month (high)\n\n"
                                "## Actions\n- List the cabin on VRBO: $0 (high)\n"
                                "- Keyless entry lock: $260 (medium)\n";
    char *md = render_one("cabin", cabin, NULL, NULL, PERSONA_AUDIT);
    /* fixA U7/S8: the answering action says when, its one date (7 days, high) */
    assert_contains(md, "- Decision: list the cabin on VRBO (no cost, high priority, by 2026-11-30), "
                        "against the high risk \"Winter bookings gap\": $1,400/month.\n");
    assert_contains(after(md, "## Recommendations"),
                    "1. List the cabin on VRBO (no cost, high priority, by 2026-11-30; "
                    "agent_handoffs/projects/cabin.md:13), against the high risk \"Winter bookings "
                    "gap\": $1,400/month (agent_handoffs/projects/cabin.md:10).\n"
                    "2. Keyless entry lock ($260 one-off, medium priority; "
                    "agent_handoffs/projects/cabin.md:14).\n");
    free(md);
}

/* reports.md, Audit rule 9 (eyes-final5a Q11): an action leads against the
 * top risk only when it is about it; a Google profile is no answer to one
 * guide, a second guide is. */
static void test_audit_pairs_an_action_with_a_risk_only_when_it_is_about_it(void **state)
{
    (void)state;
    static const char unrelated[] = "# Tours\n\n"
                                    "## Revenue\n- Tours: $4,000/month\n\n"
                                    "## Expenses\n- Boats: $1,000/month (fixed)\n\n"
                                    "## Risks\n- Single guide: tours stop when the lead guide is "
                                    "sick (high)\n\n"
                                    "## Actions\n- Claim the Google Business Profile: $0 (high, seo)\n";
    char *md = render_one("tours", unrelated, NULL, NULL, PERSONA_AUDIT);
    const char *recs = after(md, "## Recommendations");
    /* changed by fix21 E9: docs/reports.md Audit rule 9, a risk the file answers carries the
     * Risks table's "at risk:" amount */
    assert_contains(recs, "Reduce the high risk \"Single guide\": tours stop when the lead guide "
                          "is sick (agent_handoffs/projects/tours.md:10); at stake: all of Tours' "
                          "revenue, $4,000/month (tours.md:4); no action in the file answers it: "
                          "add one under `## Actions` of agent_handoffs/projects/tours.md.\n");
    assert_contains(recs, "Claim the Google Business Profile (no cost, high priority; "
                          "agent_handoffs/projects/tours.md:13).\n");
    assert_not_contains(recs, "Profile (no cost, high priority; agent_handoffs/projects/tours.md:13), "
                              "against");
    free(md);
    static const char related[] = "# Tours\n\n"
                                  "## Revenue\n- Tours: $4,000/month\n\n"
                                  "## Expenses\n- Boats: $1,000/month (fixed)\n\n"
                                  "## Risks\n- Single guide: tours stop when the lead guide is "
                                  "sick (high)\n\n"
                                  "## Actions\n- Train a second guide: $0 (high)\n";
    md = render_one("tours", related, NULL, NULL, PERSONA_AUDIT);
    assert_contains(after(md, "## Recommendations"),
                    "Train a second guide (no cost, high priority, by 2026-11-30; "
                    "agent_handoffs/projects/tours.md:13), against the high risk \"Single guide\"");
    free(md);
}

/* copperline.md in short (independent portfolio 6): revenue $14,400,
 * variable $3,300, fixed $6,328: surplus $4,772; a high slowdown, a high
 * action about something else and a medium revenue action. */
static const char plumber_handoff[] = "# Plumber\n\n"
                                      "## Revenue\n- Service jobs: $240/job\n\n"
                                      "## Expenses\n- Parts: $55/job (variable)\n"
                                      "- Wages: $6,289/month (fixed)\n"
                                      "- Old dispatch app: $39/month (tech, unused)\n\n"
                                      "## KPIs\n- Jobs per month: 60\n- Average job price: $240\n"
                                      "- Jobs available per month: 70\n\n"
                                      "## Risks\n- Winter slowdown: $5,500/month (high)\n\n"
                                      "## Actions\n- Fit a GPS tracker to the van: $300 (high)\n"
                                      "- Add a maintenance-plan subscription: $0 (medium, revenue)\n";

/* The Audit of one handoff (with one site file when `site_path`): its
 * Recommendations say `says` and never `never` (NULL: nothing to rule out). */
static void assert_audit_recommends_of_site(const char *id, const char *handoff,
                                            const char *site_path, const char *site_file,
                                            const char *says, const char *never)
{
    char *md = render_one(id, handoff, site_path, site_file, PERSONA_AUDIT);
    const char *recs = after(md, "## Recommendations");
    assert_contains(recs, says);
    if (never)
        assert_not_contains(recs, never);
    free(md);
}

static void assert_audit_recommends(const char *id, const char *handoff, const char *says,
                                    const char *never)
{
    assert_audit_recommends_of_site(id, handoff, NULL, NULL, says, never);
}

/* reports.md, Audit, "A site gap is recommended once" (fixA read-through,
 * queen-of-san-diego.md): a risk naming the open endpoint recommended
 * before the list is that recommendation's; rule 9 does not say it again. */
static void test_audit_a_site_gap_is_recommended_once(void **state)
{
    (void)state;
    assert_audit_recommends_of_site("box",
                                    "# Box\n\n- Site: box\n\n## Revenue\n- Sales: $1,000/month\n\n"
                                    "## Expenses\n- Rent: $800/month (fixed)\n\n"
                                    "## Risks\n- Order endpoint without authentication (high)\n",
                                    "sites/box/api/orders.mjs", open_orders_endpoint,
                                    "1. Check a token or signature before serving the request",
                                    "Order endpoint without authentication\"");
}

/* handoff-format.md, "Money received ahead beside units sold" (fixB3 W2b):
 * the CEO's risk clause says what the business makes both ways, as the
 * Audit does. 200 kits × $40 + $2,400 − $3,000 − 200 × $20 = $3,400; without
 * the $2,400, $1,000. */
static void test_ceo_says_what_a_business_makes_both_ways_beside_money_received_ahead(void **state)
{
    (void)state;
    char *md = render_one("box",
                          "# Box\n\n- Owner: Pat Example\n\n## Revenue\n- Kits: $40/kit\n"
                          "- Annual prepaid plans: $2,400/month\n\n## Expenses\n"
                          "- Rent: $3,000/month (fixed)\n- Kit cost: $20/kit (variable)\n\n"
                          "## KPIs\n- Kits per month: 200\n- Average kit price: $40\n\n"
                          "## Risks\n- Supplier price rise: $450/month (medium)\n",
                          NULL, NULL, PERSONA_CEO);
    assert_contains(md, "Box makes $3,400/month today if the $2,400 of Annual prepaid plans is "
                        "on top of the 200 kits; $1,000 if those kits include it");
    free(md);
}

/* reports.md, One date per action (eyes-final20 B6): the first action
 * that answers a high risk is that risk's CEO agenda row, on the risk's day
 * (21 days from FIXTURE_NOW 2026-11-23), and the Audit dates it the same. */
static void test_the_action_that_answers_a_high_risk_is_due_on_the_risks_day_in_the_ceo_and_audit(
    void **state)
{
    (void)state;
    char *ceo = render_one("plumber", plumber_handoff, NULL, NULL, PERSONA_CEO);
    assert_row(after(ceo, "## 30-day agenda"), "2026-12-14",
               "Add a maintenance-plan subscription: prepare for Winter slowdown");
    assert_not_contains(ceo, "Add a maintenance-plan subscription (Plumber, by");
    free(ceo);
    char *audit = render_one("plumber", plumber_handoff, NULL, NULL, PERSONA_AUDIT);
    assert_contains(audit, "Add a maintenance-plan subscription (no cost, medium priority, by "
                           "2026-12-14;");
    free(audit);
}

/* reports.md, Audit rule 9 (fixA U7/S8): a risk that names lost revenue is
 * answered by the file's revenue action whatever its priority, dated, with
 * the risk's cost at today's margin and what it leaves of the surplus. */
static void test_audit_rule_9_answers_a_slowdown_with_a_revenue_action_at_todays_margin(void **state)
{
    (void)state;
    /* $5,500 lost costs $5,500 x ($14,400 - $3,300) / $14,400 = $4,240 */
    /* first: the slowdown's ~23 jobs outnumber the 10 spare (rule 4, eyes-final9 W7) */
    /* changed by fixC2 eyes-final20 B6: reports.md "One date per action": the action that answers
     * the high risk is due by the risk's day on the CEO agenda, 21 days (was 60, 2027-01-22) */
    assert_audit_recommends("plumber", plumber_handoff,
                            "1. Add a maintenance-plan subscription (no cost, medium priority, by "
                            "2026-12-14; agent_handoffs/projects/plumber.md:21), against the high "
                            "risk \"Winter slowdown\": $5,500/month (agent_handoffs/projects/plumber.md:17); "
                            "at today's margin it would cost $4,240/month and cut the $4,772/month "
                            "surplus to $532/month.\n",
                            "Reduce the high risk");
}

/* reports.md, Audit rule 9 (fixA read-through, rolling-bowls.md): a shared
 * word answers a risk only from an action of at least its priority; a low
 * truck wrap is no answer to a high single truck. */
static void test_audit_rule_9_a_shared_word_needs_the_risks_priority(void **state)
{
    (void)state;
    static const char truck[] = "# Truck\n\n## Revenue\n- Lunches: $9,000/month\n\n"
                                "## Expenses\n- Fuel: $1,000/month (fixed)\n\n"
                                "## Risks\n- Single truck: a breakdown stops lunches (high)\n\n"
                                "## Actions\n- Wrap the truck: $4,000 (low)\n";
    assert_audit_recommends("truck", truck, "Reduce the high risk \"Single truck\"",
                            "Wrap the truck ($4,000 one-off, low priority, by");
}

/* reports.md, Audit (fixA U7/S8): a high-priority action the three
 * recommendations leave out is named after them with its cost and date. */
static void test_audit_names_a_high_action_the_three_recommendations_leave_out(void **state)
{
    (void)state;
    assert_audit_recommends("plumber", plumber_handoff,
                            ".\n\nAlso high priority in the file: Fit a GPS tracker to the van "
                            "($300 one-off, by 2026-11-30; agent_handoffs/projects/plumber.md:20).\n",
                            NULL);
}

/* reports.md, Audit rule 1 (fixA): the handoff's own collection step ends
 * the recommendation that collects, dated, and is not said again after the
 * list or by rule 10. */
static const char collect_handoff[] = "# Firm\n\n## Revenue\n- Fees: $3,000/month\n\n"
                                      "## Expenses\n- Rent: $1,000/month (fixed)\n\n"
                                      "## Clients\n- Dock Cafe: $450/month\n"
                                      "  - Invoice 1: $450 (overdue, 2026-09-01)\n\n"
                                      "## Actions\n- Send overdue reminders this week: $0 (high)\n";

static void test_audit_rule_1_ends_with_the_handoffs_own_collection_step(void **state)
{
    (void)state;
    assert_audit_recommends("firm", collect_handoff,
                            "1. Collect the $450 overdue: Dock Cafe: Invoice 1 ($450, 83 days, "
                            "agent_handoffs/projects/firm.md:11); the handoff's own step: Send overdue "
                            "reminders this week (no cost, high priority, by 2026-11-30; "
                            "agent_handoffs/projects/firm.md:14).\n",
                            "Send overdue reminders this week (no cost, high priority; ");
    assert_audit_recommends("firm", collect_handoff, "1. Collect", "Also high priority");
}

/* reports.md, Audit Capacity (eyes-final2b K13): 18 nights at 59%
 * occupancy is about 30 available (18 ÷ 59% = 30.5, rounded down): said,
 * not asked for. */
static void test_audit_reads_what_is_available_from_the_occupancy(void **state)
{
    (void)state;
    static const char cabin[] = "# Cabin\n\n"
                                "## Revenue\n- Stays: $210/night\n\n"
                                "## Expenses\n- Mortgage: $3,000/month (fixed)\n"
                                "- Cleaning: $20/night (variable)\n\n"
                                "## KPIs\n- Nights per month: 18\n- Average night price: $210\n"
                                "- Occupancy: 59%\n";
    char *md = render_one("cabin", cabin, NULL, NULL, PERSONA_AUDIT);
    assert_contains(md, "- Available: about 30 nights a month (18 at the 59% Occupancy KPI): "
                        "about 12 free\n");
    assert_not_contains(md, "Nights available per month");
    free(md);
}

/* reports.md, Audit Capacity (eyes-final2b K12): a Status naming who
 * works ("one principal") is not asked for again as a `## Team`; one
 * naming only machines is. */
static void test_audit_asks_for_a_team_only_when_no_line_says_who_works(void **state)
{
    (void)state;
    static const char advice[] = "# Advice\n\n- Status: Operating; one principal\n\n"
                                 "## Revenue\n- Retainers: $4,000/month\n\n"
                                 "## Expenses\n- Rent: $900/month (fixed)\n";
    static const char print[] = "# Print\n\n- Status: Operating; one press\n\n"
                                "## Revenue\n- Jobs: $4,000/month\n\n"
                                "## Expenses\n- Rent: $900/month (fixed)\n";
    char *said = render_one("advice", advice, NULL, NULL, PERSONA_AUDIT);
    char *asked = render_one("print", print, NULL, NULL, PERSONA_AUDIT);
    assert_contains(said, "- Status: Operating; one principal\n");
    assert_not_contains(said, "## Team");
    assert_contains(asked, "Who does the work is not stated: add a `## Team` section");
    free(said);
    free(asked);
    /* a line that pays people names who works: only the hours are asked
     * (eyes-final11 Y7) */
    static const char firm[] = "# Firm\n\n- Status: Operating\n\n"
                               "## Revenue\n- Retainers: $9,000/month\n\n"
                               "## Expenses\n- Associate consultant: $4,200/month (fixed)\n";
    char *paid = render_one("firm", firm, NULL, NULL, PERSONA_AUDIT);
    assert_contains(paid, "- Who does the work: Associate consultant ($4,200/month, firm.md:9); "
                          "hours not stated: add a `## Team` section to");
    assert_not_contains(paid, "Who does the work is not stated");
    free(paid);
}

/* reports.md, Audit (eyes-final G25): in its off-season a business is
 * told its own revenue lever and to fund the winter, never to sell its
 * spare units now; its off-season gap risk is the burn, said once. */
static void test_audit_of_an_off_season_business_funds_the_winter_and_pulls_its_own_lever(void **state)
{
    (void)state;
    static const char beach[] = "# Beach\n\n- Status: Off-season until April\n\n"
                                "## Revenue\n- Rentals: $25/rental\n\n"
                                "## Expenses\n- Attendant: $5/rental (variable)\n"
                                "- Yard: $2,000/month (fixed)\n\n"
                                "## KPIs\n- Rentals per month: 40\n- Average rental price: $25\n"
                                "- Rentals available per month: 600\n\n"
                                "## Assets\n- Cash: $6,000\n\n"
                                "## Risks\n- Off-season bookings gap: $1,000/month (high)\n\n"
                                "## Actions\n- Winter storage promotion: $150 (high, revenue)\n";
    char *md = render_two("beach", beach, "groomers", groomers_handoff, PERSONA_AUDIT, "beach");
    const char *list = after(md, "## Recommendations");
    /* burn $2,000 + 40 × $5 − 40 × $25 = $1,200; $6,000 lasts 5 months;
     * break-even ceil($2,000 ÷ $20) = 100 rentals */
    /* eyes-final2a H9: the action is its own sentence; no Status pasted */
    assert_contains(list, "1. Winter storage promotion ($150 one-off, high priority; "
                          "agent_handoffs/projects/beach.md:24).\n"
                          "2. Fund the off-season: the $1,200/month net burn; its $6,000 cash "
                          "lasts 5 months (to about Apr 2027).\n"
                          "3. When the season opens, sell at least 100 rentals a month to break "
                          "even (40 now, 600 available).\n");
    /* the headline's decision is recommendation 1 without its file:line (H8) */
    assert_contains(md, "- Decision: winter storage promotion ($150 one-off, high priority).\n");
    assert_not_contains(md, "still available");
    assert_not_contains(list, "Off-season bookings gap");
    free(md);
}

/* reports.md, Audit (eyes-final G26): what the audited business owes
 * another of the group is shown and settled inside the group. */
static void test_audit_shows_what_a_business_owes_inside_the_group(void **state)
{
    (void)state;
    static const char print[] = "# Print Co\n\n## Revenue\n- Printing: $3,000/month\n\n"
                                "## Clients\n- Groomers: $450/month\n"
                                "  - Invoice 7710: $450 (overdue, 2026-10-20)\n"
                                "  - Invoice 7720: $450 (2026-11-20)\n";
    char *md = render_two("print", print, "groomers", groomers_handoff, PERSONA_AUDIT, "groomers");
    /* FIXTURE_NOW 2026-11-23: 34 days */
    assert_contains(md, "## Owed inside the group\n\n- Groomers owes Print Co $900 on 2 items: "
                        "overdue $450, billed and not yet due $450; the oldest overdue, Invoice "
                        "7710, 34 days (agent_handoffs/projects/print.md:8).\n");
    assert_contains(after(md, "## Recommendations"),
                    "1. Pay the $450 overdue to Print Co, a business of the group: settle it "
                    "inside the group.\n");
    free(md);
}

/* Print Co bills Groomers $450/month, and Groomers books it: a fee paid
 * inside the group (Accounting's line, the CFO's pooled break-even). */
static const char fee_print[] = "# Print Co\n\n## Revenue\n- Printing: $3,000/month\n\n"
                                "## Expenses\n- Press lease: $1,000/month (fixed)\n\n"
                                "## Clients\n- Groomers: $450/month\n";
static const char fee_groomers[] = "# Groomers\n\n## Revenue\n- Grooms: $9,000/month\n\n"
                                   "## Expenses\n- Rent: $2,000/month (fixed)\n"
                                   "- Flyers from Print Co: $450/month (fixed)\n";

/* reports.md, Accounting (eyes-final G16): a monthly fee one group
 * business bills another stays in both (not consolidated), said in one
 * line under the chart. */
/* changed by fixC4 eyes-final21 C12: "not eliminated in the table above", with the consolidated
 * revenue the headline gives: $3,000 + $9,000 − $450 = $11,550 */
static void test_accounting_says_once_that_an_intra_group_fee_is_in_both_businesses(void **state)
{
    (void)state;
    char *md = render_two("print", fee_print, "groomers", fee_groomers, PERSONA_CAO,
                          REPORT_SCOPE_PORTFOLIO);
    assert_contains(md, "Inside the group: Print Co bills Groomers $450/month "
                        "(agent_handoffs/projects/print.md:10), in Print Co's revenue and Groomers' "
                        "costs (Flyers from Print Co, agent_handoffs/projects/groomers.md:8): not "
                        "eliminated in the table above (net effect on the group's result $0); "
                        "consolidated revenue is $11,550.");
    free(md);
}

/* reports.md, "Each ask is made once, where the reader meets the gap"
 * (eyes-final5b R9, replacing G21's "Data quality lines too"): the CFO's
 * request for cash and Accounting's for a loan's interest are asked in the
 * body, not again in Data quality, which never says "No problems found". */
static void test_cfo_and_accounting_asks_are_made_once_in_the_body(void **state)
{
    (void)state;
    static const char van[] = "# Van\n\n## Revenue\n- Moves: $1,000/month\n\n"
                              "## Expenses\n- Van loan payment: $600/month (fixed)\n"
                              "- Garage: $700/month (fixed)\n";
    char *cfo = render_two("van", van, "groomers", groomers_handoff, PERSONA_CFO,
                           REPORT_SCOPE_PORTFOLIO);
    char *cao = render_two("van", van, "groomers", groomers_handoff, PERSONA_CAO,
                           REPORT_SCOPE_PORTFOLIO);
    assert_contains(cfo, "states no cash: add `Cash: $amount` under `## Assets` of "
                         "agent_handoffs/projects/van.md");
    assert_not_contains(after(cfo, "## Data quality"), "`Cash: $amount`");
    assert_not_contains(after(cfo, "## Data quality"), "No problems found");
    assert_contains(cao, "add `Van loan interest: $X/month` to book the interest");
    assert_not_contains(after(cao, "## Data quality"), "`Van loan interest: $X/month`");
    assert_not_contains(after(cao, "## Data quality"), "No problems found");
    free(cfo);
    free(cao);
}

/* reports.md, CTO (eyes-final G9, G10): an http:// link is listed once, in
 * Security gaps; a business with a site and no `## Tech` is asked for one. */
static void test_cto_lists_an_http_link_once_and_asks_for_a_missing_tech_section(void **state)
{
    (void)state;
    static const char cafe[] = "# Cafe\n\n- Site: cafe\n\n## Revenue\n- Coffee: $900/month\n";
    char *md = render_one("cafe", cafe, "sites/cafe/index.html",
                          "<a href=\"http://ferries.example.com/\">Ferries</a>\n", PERSONA_CTO);
    assert_contains(after(md, "## Security gaps"), "plain http:// link at `sites/cafe/index.html:1`");
    assert_not_contains(after(md, "## UX gaps"), "http://");
    assert_contains(after(md, "## Data quality"),
                    "- Missing: add a `## Tech` section to agent_handoffs/projects/cafe.md\n");
    free(md);
}

/* handoff-format.md, "CEO risks" (F29): a cabin that makes $394.60/month
 * has no revenue gap; its winter risk is "$1,400/month at risk", what it
 * would do to the surplus, and "prepare for" on day 21 (high), never
 * "close the revenue gap". */
static void test_a_risk_of_a_business_that_makes_money_is_a_risk_not_a_revenue_gap(void **state)
{
    (void)state;
    static const char cabin[] = "# Cabin\n\n- Owner: The Delgado family\n\n"
                                "## Revenue\n- Stays: $3,780/month\n\n"
                                "## Expenses\n- Mortgage: $3,385.40/month (fixed)\n\n"
                                "## Risks\n- Winter bookings gap: $1,400/month (high)\n";
    char *md = render_one("cabin", cabin, NULL, NULL, PERSONA_CEO);
    assert_not_contains(md, "revenue gap");
    assert_row(after(md, "## Shortfalls"),
               /* whole dollars, like the headline (rendering.md, the CEO's monthly figures) */
               "Winter bookings gap (risk: Cabin makes $395/month today; this would leave a "
               "loss of $1,005/month)",
               "$1,400/month at risk", "agent_handoffs/projects/cabin.md:12");
    /* FIXTURE_NOW 2026-11-23 + 21 */
    assert_row(after(md, "## 30-day agenda"), "2026-12-14",
               "Prepare for Winter bookings gap: $1,400/month at risk", "The Delgado family");
    free(md);
}

/* handoff-format.md rule 2, "Inside the group" (F31): what a group
 * business owes another is no money owed to the group; in the entity's own
 * scope it is that business's receivable. */
static void test_money_one_group_business_owes_another_is_settled_inside_the_group(void **state)
{
    (void)state;
    static const char print[] = "# Print Co\n\n- Kind: ancillary\n- Owner: Theo Park\n\n"
                                "## Clients\n- Groomers: $450/month\n"
                                "  - Invoice 7710: $450 (overdue, 2026-10-20)\n"
                                "- Corner Market: $350 (overdue)\n";
    const char *g = groomers_handoff;
    char *ceo = render_two("print", print, "groomers", g, PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    char *cao = render_two("print", print, "groomers", g, PERSONA_CAO, REPORT_SCOPE_PORTFOLIO);
    char *own = render_two("print", print, "groomers", g, PERSONA_CAO, "print");
    /* the owed half counts the group's clients, not what one group business owes another */
    /* changed by fixZd Z6: what the group owes itself is said apart, no part of the total */
    assert_contains(ceo, "- Print Co is owed $350 overdue by clients, plus $450 inside the group.\n");
    assert_row(after(ceo, "## Shortfalls"),
               "Groomers owes Print Co $450 overdue (Invoice 7710): settle inside the group",
               "$450 one-off");
    /* changed by fixZd Z14: dated with the other collections, FIXTURE_NOW + 14 */
    assert_row(after(ceo, "## 30-day agenda"), "2026-12-07",
               "Settle inside the group: Groomers owes Print Co $450 overdue (Invoice 7710)");
    assert_contains(cao, "Owed **$350** (one-off): overdue $350.");
    /* changed by fixAc eyes-final16 T6: docs/reports.md Accounting, the pair's line names the
     * owed total it stays out of */
    assert_contains(cao, "Owed inside the group (not counted in the $350 above): Groomers owes Print Co $450 overdue "
                         "(Invoice 7710): settle inside the group");
    assert_contains(own, "Owed **$800** (one-off): overdue $800.");
    free(ceo);
    free(cao);
    free(own);
}

/* reports.md, Accounting headline (eyes-final2a H5): what one group
 * business owes another is outside the owed total but named beside it with
 * its oldest age, so "none of it is over 90 days old" never hides a stale debt. */
static void test_accounting_headline_names_what_the_group_owes_itself_and_its_age(void **state)
{
    (void)state;
    static const char print[] = "# Print Co\n\n- Kind: ancillary\n- Owner: Theo Park\n\n"
                                "## Clients\n- Groomers: $450/month\n"
                                "  - Invoice 7710: $450 (overdue, 2026-10-20)\n"
                                "- Corner Market: $350 (overdue, 2026-10-01)\n"
                                "- Bay Deli: $200 (billed)\n";
    char *cao = render_two("print", print, "groomers", groomers_handoff, PERSONA_CAO,
                           REPORT_SCOPE_PORTFOLIO);
    /* FIXTURE_NOW 2026-11-23: Invoice 7710 is 34 days old */
    /* changed by fix20d Q5: docs/reports.md Accounting headline "Clients owe", "Another $400 is
     * overdue inside the group: settle it there." (its age only past 90 days) */
    assert_contains(cao, "- Clients owe $550 ($350 overdue); none of it is over 90 days old, $200 "
                         "undated. Another $450 is overdue inside the group: settle it there.\n");
    free(cao);
}

/* reports.md, Accounting headline (eyes-final5a Q5, H5): the group's own
 * overdue is one short sentence, its oldest age kept when past 90 days. */
static void test_accounting_headline_gives_a_stale_group_debt_its_age_in_one_sentence(void **state)
{
    (void)state;
    static const char print[] = "# Print Co\n\n- Kind: ancillary\n- Owner: Theo Park\n\n"
                                "## Clients\n- Groomers: $450/month\n"
                                "  - Invoice 7700: $450 (overdue, 2026-07-01)\n"
                                "- Corner Market: $350 (overdue, 2026-10-01)\n";
    char *cao = render_two("print", print, "groomers", groomers_handoff, PERSONA_CAO,
                           REPORT_SCOPE_PORTFOLIO);
    /* FIXTURE_NOW 2026-11-23: Invoice 7700 is 145 days old */
    assert_contains(cao, "- Clients owe $350 ($350 overdue); none of it is over 90 days old. "
                         "Another $450 is overdue inside the group, the oldest 145 days: settle it "
                         "there.\n");
    /* the pair's invoice is Receivables', not the headline's */
    const char *receivables = strstr(cao, "## Receivables");
    assert_non_null(receivables);
    assert_null(memmem(cao, (size_t)(receivables - cao), "Invoice 7700", strlen("Invoice 7700")));
    assert_contains(receivables, "Invoice 7700");
    free(cao);
}

/* A bookkeeper owed $400 overdue since 2026-07-01: the owed-line tests add
 * one more client below it. */
#define BOOKS_OWED                                                                          \
    "# Books\n\n- Owner: Ana Ruiz\n\n## Revenue\n- Bookkeeping: $2,000/month\n\n"                \
    "## Expenses\n- Rent: $1,000/month (fixed)\n\n"                                          \
    "## Clients\n- Pier Cafe: $400 (overdue, 2026-07-01)\n"

/* reports.md, Accounting headline (eyes-final3b N12): unbilled work over
 * 90 days old is said apart, lest "$1,000 over 90 days" read as more late
 * money than the $400 overdue. FIXTURE_NOW 2026-11-23. */
static void test_owed_lines_say_how_much_of_the_part_over_90_days_is_unbilled(void **state)
{
    (void)state;
    static const char books[] = BOOKS_OWED "- Dune Shop: $600 (unbilled, 2026-08-01)\n";
    char *cao = render_two("books", books, "groomers", groomers_handoff, PERSONA_CAO,
                           REPORT_SCOPE_PORTFOLIO);
    /* changed by fix20d Q5: docs/reports.md Accounting headline "Clients owe $8,450 ($5,200
     * overdue)" */
    /* changed by the lead (eyes-final9 W6): work not yet billed is no client's
     * debt: the total is receivables, split */
    assert_contains(cao, "- Receivables $1,000: clients owe $400 ($400 overdue) and $600 of work "
                         "is not yet billed; $1,000 is over 90 days old ($600 of it work not yet "
                         "billed).");
    free(cao);
    char *cfo = render_two("books", books, "groomers", groomers_handoff, PERSONA_CFO,
                           REPORT_SCOPE_PORTFOLIO);
    /* changed by fixZa Q4: docs/reports.md CFO guardrails, the over-90 part beside "overdue" is
     * of the overdue only; unbilled work over 90 days is named apart */
    assert_contains(cfo, "(overdue $400, $400 of it over 90 days; also over 90 days: $600 of work "
                         "not yet billed)");
    free(cfo);
}

/* docs/reports.md, CFO guardrails (eyes-final13 Q4): the part over 90 days
 * said beside "overdue" is of the overdue only ($400); an invoice over 90
 * days not marked overdue is named apart with its age, never summed in
 * ("$900 over 90 days" read as $900 of the $400 overdue). FIXTURE_NOW
 * 2026-11-23. */
static void test_cfo_owed_line_keeps_over_90_of_the_overdue_apart_from_an_unmarked_invoice(void **state)
{
    (void)state;
    char *cfo = render_two("books",
                           BOOKS_OWED "- Dune Shop: $200/month\n  - Invoice D-7: $500 (2026-08-01)\n",
                           "groomers", groomers_handoff, PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    assert_contains(cfo, "(overdue $400, $400 of it over 90 days; also over 90 days: Dune Shop: "
                         "Invoice D-7 $500 at 114 days, not marked overdue)");
    assert_not_contains(cfo, "$900 over 90 days");
    free(cfo);
}

/* reports.md, CEO headline 3 (eyes-ea E11): $8,000 at a $3,819/month
 * burn lasts 2 months, under 6: the runway is the decision of the month,
 * and the revenue-gap row says it. */
static const char lumen_short_of_cash[] =
    "# Lumen\n\n- Site: lumen\n- Owner: Priya Nair\n\n"
    "## Revenue\n- Subscriptions: $1,681/month\n\n"
    "## Expenses\n- Developer contractors: $5,500/month (fixed)\n\n"
    "## Assets\n- Cash: $8,000\n";

/* reports.md, "One date per action" (eyes-final3b N6): the CEO agenda, the
 * CMO milestones and the Accounting roadmap date an action alike. Lumen's
 * cash lasts 2 months: its medium revenue action is due in 28 days
 * (2026-12-21: a CEO row, the CMO's 30 days, Q4 2026); its medium widget
 * in 60 (2027-01-22: the CEO's Later line, Q1 2027). */
static void test_one_date_per_action_in_the_ceo_agenda_cmo_milestones_and_cao_roadmap(void **state)
{
    (void)state;
    char handoff[1024];
    snprintf(handoff, sizeof handoff, "%s\n## Actions\n"
             "- Launch an annual plan discount: $500 (medium, revenue)\n"
             "- Upgrade the booking widget: $49/month (medium)\n", lumen_short_of_cash);
    char *ceo = render_one("lumen", handoff, NULL, NULL, PERSONA_CEO);
    const char *agenda = after(ceo, "## 30-day agenda");
    assert_row(agenda, "2026-12-21", "Launch an annual plan discount ($500 one-off)", "Lumen");
    /* changed by fixZa Z4/Q3: docs/reports.md "A monthly spend waits for room": Lumen burns,
     * so its monthly widget waits, in the CFO's and Accounting's words; its date is kept */
    assert_contains(agenda, "Later: Upgrade the booking widget "
                            "($49/month, on hold until Lumen covers its costs) (Lumen, by "
                            "2027-01-22).");
    free(ceo);
    char *cmo = render_one("lumen", handoff, NULL, NULL, PERSONA_CMO);
    /* changed by fixC1 A11: docs/reports.md CMO 30/60/90 days, every milestone an action is
     * behind carries its cost and its one date, the CEO agenda's */
    assert_contains(after(cmo, "### 30/60/90-day milestones"),
                    "**30 days**\n\n- Launch an annual plan discount ($500 one-off), by 2026-12-21\n");
    free(cmo);
    char *cao = render_one("lumen", handoff, NULL, NULL, PERSONA_CAO);
    const char *roadmap = after(cao, "## Quarter-by-quarter roadmap");
    assert_row(roadmap, "Q4 2026", "Launch an annual plan discount");
    assert_row(roadmap, "Q1 2027", "Upgrade the booking widget");
    free(cao);
}

/* A course that burns $3,819/month and states no cash: an unknown runway
 * (the two "One date per action" tests below add their `## Actions`). */
#define COURSE_BURNING_WITHOUT_CASH                                                                \
    "# Course\n\n- Owner: Priya Nair\n\n## Revenue\n- Subscriptions: $1,681/month\n\n"            \
    "## Expenses\n- Developer contractors: $5,500/month (fixed)\n\n"

/* reports.md, "One date per action" (check20 A1; changed by fixCe
 * eyes-final15 S4: unknown cash is not safe cash): a `revenue` action with
 * no priority tag is untagged, and a burning business that states no cash
 * has an unknown runway, so its revenue action is due in 28 days
 * (2026-12-21), a row of the 30-day agenda, not on the Later line at 90. */
static void test_a_revenue_action_of_a_burning_business_that_states_no_cash_is_due_in_28_days(
    void **state)
{
    (void)state;
    static const char course[] = COURSE_BURNING_WITHOUT_CASH
        "## Actions\n- Launch an affiliate programme: $50 (revenue)\n";
    char *ceo = render_one("course", course, NULL, NULL, PERSONA_CEO);
    const char *agenda = after(ceo, "## 30-day agenda");
    assert_contains(agenda, "| 2026-12-21 | Launch an affiliate programme ($50 one-off) ");
    assert_null(strstr(agenda, "Later:"));
    free(ceo);
}

/* reports.md, "One date per action" (fixV2 U9): a no-cost revenue action
 * that is the first step of a burning business's gap line is due with that
 * line, in 14 days (2026-12-07, the day of "close the … loss"), never two
 * weeks after it; a second no-cost revenue action keeps 28 days
 * (2026-12-21), and so does one that costs money. */
static void test_a_no_cost_revenue_action_that_is_the_first_step_of_the_gap_line_is_due_with_it(
    void **state)
{
    (void)state;
    static const char course[] = COURSE_BURNING_WITHOUT_CASH
        "## Actions\n- Launch a paid webinar: $50 (revenue)\n"
        "- Offer winter packages: $0 (revenue)\n- Ask for referrals: $0 (revenue)\n";
    char *ceo = render_one("course", course, NULL, NULL, PERSONA_CEO);
    const char *agenda = after(ceo, "## 30-day agenda");
    assert_contains(agenda, "| 2026-12-07 | Offer winter packages ");
    assert_contains(agenda, "| 2026-12-21 | Ask for referrals ");
    assert_contains(agenda, "| 2026-12-21 | Launch a paid webinar ($50 one-off) ");
    /* the gap line the first step belongs to is on the same day */
    assert_contains(agenda, "| 2026-12-07 | Close the ");
    free(ceo);
}

/* docs/reports.md, CEO headline 1 (eyes-final15 S3, eyes-final14 R8: I7's
 * "$300 received ahead of earning" read as the $300 in-group fee of the same
 * bullet): the cash received ahead names its lines, each with its business
 * in a group, in the order of the entities. Box $3,000 + $600 prepaid plans,
 * Cafe $2,000 + $400 gift cards:
 * $6,000 in cash, $5,000 earned, $1,000 received ahead. */
static void test_the_cash_received_ahead_of_earning_names_its_lines_and_their_business(
    void **state)
{
    (void)state;
    /* each: a sale earned now, a line received ahead, one cost */
    static const char cafe[] = "# Cafe\n\n## Revenue\n- Coffee: $2,000/month\n- Gift card sales: "
                               "$400/month\n\n## Expenses\n- Rent: $1,500/month (fixed)\n",
                      box[] = "# Box\n\n## Revenue\n- Kits: $3,000/month\n- Annual prepaid plans: "
                              "$600/month\n\n## Expenses\n- Rent: $2,500/month (fixed)\n";
    static const persona readers[] = {PERSONA_CEO, PERSONA_CFO}; /* one function, both headlines */
    for (size_t i = 0; i < sizeof readers / sizeof *readers; i++) {
        char *md = render_two("cafe", cafe, "box", box, readers[i], REPORT_SCOPE_PORTFOLIO);
        assert_contains(md, "Revenue $6,000/month in cash ($5,000 earned; $1,000 of Annual prepaid "
                            "plans (Box) and Gift card sales (Cafe) received ahead of "
                            "earning)");
        free(md);
    }
}

/* reports.md, 30-day agenda (check20 D2): on one day the rows follow the
 * table's order whatever the amounts: Lumen's own 28-day revenue action
 * comes before the 28-day "prepare for" line of a $9,000/month risk. */
static void test_ceo_agenda_puts_the_days_own_action_before_its_risk_line(void **state)
{
    (void)state;
    char handoff[1024];
    snprintf(handoff, sizeof handoff, "%s\n## Risks\n- Churn of the largest account: "
             "$9,000/month (medium)\n\n## Actions\n"
             "- Launch an annual plan discount: $500 (medium, revenue)\n", lumen_short_of_cash);
    char *ceo = render_one("lumen", handoff, NULL, NULL, PERSONA_CEO);
    const char *agenda = after(ceo, "## 30-day agenda");
    const char *action = strstr(agenda, "| 2026-12-21 | Launch an annual plan discount");
    /* changed by fixZd Q15: every Item cell starts with a capital */
    const char *risk = strstr(agenda, "| 2026-12-21 | Prepare for Churn of the largest account");
    assert_non_null(action);
    assert_non_null(risk);
    assert_true(action < risk);
    free(ceo);
}

/* reports.md, CEO headline 3 (check20 E8): a spending action is not the
 * decision for a business that loses money and states no cash (its cash
 * first, its owner asked, never "owner not named"), nor beside a risk that
 * would turn a business that makes money to a loss (that risk is). */
static void test_ceo_decision_holds_a_spend_for_unstated_cash_or_a_risk_larger_than_the_surplus(
    void **state)
{
    (void)state;
    static const char course[] = "# Course\n\n## Revenue\n- Subscriptions: $1,600/month\n\n"
                                 "## Expenses\n- Hosting: $1,900/month (fixed)\n\n"
                                 "## Actions\n- Record the advanced module: $600 (high)\n";
    char *ceo = render_one("course", course, NULL, NULL, PERSONA_CEO);
    assert_contains(ceo, "- Decision: state Course's cash and name its owner before Record the "
                         "advanced module ($600 one-off): it loses $300/month, by 2026-11-30.\n");
    assert_not_contains(after(ceo, "## Headline"), "owner not named");
    free(ceo);
    static const char vans[] = "# Vans\n\n- Owner: Dana Whitlock\n\n"
                               "## Revenue\n- Jobs: $6,000/month\n\n"
                               "## Expenses\n- Wages: $4,000/month (fixed)\n\n"
                               "## Risks\n- Winter slowdown: $2,500/month (high)\n\n"
                               "## Actions\n- Fit a GPS tracker to the van: $300 (high)\n";
    ceo = render_one("vans", vans, NULL, NULL, PERSONA_CEO);
    assert_contains(ceo, "- Decision: Prepare for Winter slowdown: $2,500/month at risk");
    assert_contains(ceo, "(Vans), owner Dana Whitlock, by 2026-12-14.\n");
    free(ceo);
}

static void test_a_runway_under_six_months_is_the_ceo_decision(void **state)
{
    (void)state;
    char *md = render_one("lumen", lumen_short_of_cash, NULL, NULL, PERSONA_CEO);
    /* FIXTURE_NOW 2026-11-23: + 2 months = Jan 2027; the gap's line is due in 14 days */
    assert_contains(md, "- Decision: Lumen's cash lasts 2 months (to about Jan 2027): $8,000 at "
                        "$3,819/month; cut its costs or fund it this month; largest cost "
                        "Developer contractors $5,500/month, owner Priya Nair, by 2026-12-07.\n");
    assert_contains(after(md, "## Shortfalls"), "; cash lasts 2 months (to about Jan 2027)");
    free(md);
}

/* reports.md, CEO headline 3 (eyes-final G1): a leaked credential is the
 * decision first, the short runway after it; the agenda opens with it. */
static void test_a_leaked_credential_is_the_one_decision_before_a_short_runway(void **state)
{
    (void)state;
    char *md = render_one("lumen", lumen_short_of_cash, "sites/lumen/config.js",
                          "const token = \"abcdefghijkl\";\n", PERSONA_CEO);
    /* one decision (reports.md CEO headline 3, eyes-final3a M2): the runway stays in its
     * shortfall row and agenda line */
    assert_not_contains(md, ". Then ");
    assert_not_contains(md, "Decision this month");
    assert_contains(md, "(Lumen), owner Priya Nair, by 2026-11-24.\n\n");
    assert_contains(after(md, "## Shortfalls"), "; cash lasts 2 months (to about Jan 2027)");
    assert_contains(after(md, "## Headline"), "- Decision: Rotate the token");
    assert_row(after(md, "## 30-day agenda"), "2026-11-24", "Rotate the token");
    free(md);
}

/* An off-season business below its break-even volume, its `## Assets` to
 * follow: 40 rentals at $25 against $2,190 fixed + $6 a rental. */
#define OFF_SEASON_BEACH                                                                           \
    "# Beach Rentals\n\n- Status: Off-season until April; weekends only\n"                         \
    "- Owner: Tom Reyes\n\n"                                                                       \
    "## Revenue\n- Beach sets: $25/rental\n\n"                                                     \
    "## Expenses\n- Yard lease: $2,190/month (fixed)\n- Attendant: $6/rental (variable)\n\n"       \
    "## KPIs\n- Rentals per month: 40\n- Average rental price: $25\n\n"

/* handoff-format.md, Parts, and reports.md, CEO headline 3 (eyes-final
 * G1): "Off-season until April" in Status frames the runway against the
 * season ($5,000 at $1,190/month lasts 4 months from Nov 2026: Mar 2027,
 * before April) and the units to break even are said to be the season's. */
static void test_an_off_season_business_has_its_runway_framed_by_its_season(void **state)
{
    (void)state;
    static const char beach[] = OFF_SEASON_BEACH "## Assets\n- Cash: $5,000\n";
    char *md = render_one("beach", beach, NULL, NULL, PERSONA_CEO);
    /* the decision is the off-season's funding, never the season's volume
     * (eyes-final11 Y4, Y5): that stays in the shortfall row below */
    /* changed by fixCm S1: reports.md CEO headline 3, the need says its assumption and
     * the case where the units stop: 5 × $2,190 fixed − $5,000 = $5,950 */
    /* changed by lead eyes-final17: the decision's brief form, without the sums in
     * brackets, which the CFO and the Audit show */
/* changed by fixC2 (lead note, CEO decision length): reports.md CEO headline 3, the brief form:
     * the figure and the stop case in brackets, no assumption, no lever bracket */
    assert_contains(md, "- Decision: Beach Rentals runs out of cash about Feb 2027, before its "
                        "April season: it needs about $2,150 (about $5,950 if rentals stop). Cut "
                        "its costs or fund it this month, owner Tom Reyes, by ");
    assert_null(strstr(after(md, "## Headline"), "in season it needs"));
    assert_contains(after(md, "## Shortfalls"), "Beach Rentals loses $1,430/month: needs");
    assert_contains(after(md, "## Shortfalls"), "it sells 40 in the off-season, until April)");
    assert_contains(after(md, "## 30-day agenda"), "Plan the off-season until April: the "
                                                   "$1,430/month loss needs");
    assert_null(strstr(md, "sell 76 more"));
    free(md);
}

/* handoff-format.md, Parts, `Status` (check22): the Audit's headline says
 * an off-season business's units are the off-season's volume, as the CEO
 * and CFO say them; in season it says nothing of a season. Break-even
 * $2,190 / ($25 − $6) = 115.3 → 116 rentals. */
static void test_audit_headline_says_off_season_units_are_the_off_season_volume(void **state)
{
    (void)state;
    const struct {
        const char *status, *line;
    } cases[] = {
        {"Off-season until April", "- Sells 40 rentals a month in the off-season (until April); "
                                   "break-even is 116 rentals.\n"},
        {"Operating", "- Sells 40 rentals a month; break-even is 116 rentals.\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char handoff[512];
        snprintf(handoff, sizeof handoff,
                 "# Beach\n\n- Status: %s\n\n## Revenue\n- Beach sets: $25/rental\n\n"
                 "## Expenses\n- Yard lease: $2,190/month (fixed)\n- Attendant: $6/rental "
                 "(variable)\n\n## KPIs\n- Rentals per month: 40\n- Average rental price: $25\n",
                 cases[i].status);
        char *audit = render_with_site("beach", handoff, "sites/none/x.txt", "");
        assert_contains(after(audit, "## Headline"), cases[i].line);
        free(audit);
    }
}

/* reports.md, CEO headline 3 and Audit rule 2 (check17 E2): cash that
 * ends before the season says the sum to find, from one function: Nov →
 * April is 5 months, 5 × $1,430 − $5,000 = $2,150 (up to the next $10);
 * the gap sentence's units are the season's (D3). */
static void test_an_off_season_business_short_of_cash_is_told_the_sum_to_reach_its_season(
    void **state)
{
    (void)state;
    static const char beach[] =
        "# Beach Rentals\n\n- Status: Off-season until April\n- Owner: Tom Reyes\n\n"
        "## Revenue\n- Beach sets: $25/rental\n\n"
        "## Expenses\n- Yard lease: $2,190/month (fixed)\n- Attendant: $6.33/rental (variable)\n\n"
        "## KPIs\n- Rentals per month: 40\n- Average rental price: $25\n\n"
        "## Assets\n- Cash: $5,000\n";
    char *ceo = render_one("beach", beach, NULL, NULL, PERSONA_CEO);
    char *audit = render_with_site("beach", beach, "sites/none/x.txt", "");
    /* $1,443.20/month: 5 × $1,443.20 − $5,000 = $2,216 → about $2,220 */
    /* changed by lead eyes-final17: the CEO's decision says the figure, the Audit its sum */
/* changed by fixC2 (lead note, CEO decision length): reports.md CEO headline 3, the brief form:
     * the figure and the stop case in brackets, no assumption, no lever bracket */
    assert_contains(ceo, "it needs about $2,220 (about ");
    assert_contains(audit, "it needs about $2,220 more to reach April (5 months × $1,443 "
                           "against $5,000)");
    /* the revenue step after the costs, never in "less cost" (eyes-final8 V10) */
    assert_contains(ceo, "; Beach Rentals closes it with ");
    assert_contains(ceo, "margin each in season, off-season until April.");
    free(ceo);
    free(audit);
}

/* A school off-season until May: 20 lessons at $60 against $25 each and
 * $980/month fixed (its $300/month of bookkeeping from Books, another
 * business of the group when Books is loaded beside it), $800 cash. */
static const char off_season_school[] =
    "# School\n\n- Status: Off-season until May\n- Owner: Kai Moreno\n\n"
    "## Revenue\n- Lessons: $60/lesson\n\n"
    "## Expenses\n- Instructor pay: $25/lesson (variable)\n- Storage: $450/month (fixed)\n"
    "- Insurance: $2,400/year (fixed)\n- Bookkeeping by Books: $300/month (fixed)\n"
    "- Website: $30/month (tech)\n\n"
    "## KPIs\n- Lessons per month: 20\n- Average lesson price: $60\n\n"
    "## Assets\n- Cash: $800\n";

/* reports.md, CEO headline 3 (eyes-final15 S1): the handoff never says
 * the KPI's units are the off-season's, so the sum to find says so and the
 * case where they stop. School: 20 × ($60 − $25) = $700 against $980 fixed,
 * a $280 burn; Nov (the tests' date) → May is 6 months: 6 × $280 − $800
 * = $880; if the lessons stop, 6 × $980 − $800 = $5,080. With $100/month
 * of kit hire (not per lesson): 6 × $180 − $800 = $280, and still $5,080 if
 * they stop (the hire is not stated to last the off-season either). With
 * no lessons KPI there is no second case. */
static void test_an_off_season_funding_need_says_its_units_keep_selling_and_the_need_if_they_stop(
    void **state)
{
    (void)state;
    const char *school = off_season_school;
    char *ceo = render_one("school", school, NULL, NULL, PERSONA_CEO);
    /* changed by lead eyes-final17: the CEO's decision in its brief form; the CFO keeps the sums */
/* changed by fixC2 (lead note, CEO decision length): reports.md CEO headline 3, the brief form:
     * the figure and the stop case in brackets, no assumption, no lever bracket */
    assert_contains(ceo, "it needs about $880 (about $5,080 if lessons stop)");
    free(ceo);
    char *cfo = render_one("school", school, NULL, NULL, PERSONA_CFO);
    assert_contains(cfo, "needs about $880 more to reach May (6 months × $280 against $800) if it "
                         "keeps selling 20 lessons a month; about $5,080 if they stop (its fixed "
                         "$980/month)");
    free(cfo);
    static const char hire[] =
        "# School\n\n- Status: Off-season until May\n- Owner: Kai Moreno\n\n"
        "## Revenue\n- Lessons: $60/lesson\n- Kit hire: $100/month\n\n"
        "## Expenses\n- Instructor pay: $25/lesson (variable)\n- Storage: $980/month (fixed)\n\n"
        "## KPIs\n- Lessons per month: 20\n- Average lesson price: $60\n\n"
        "## Assets\n- Cash: $800\n";
    /* changed by lead eyes-final17: the sums are the CFO's (the CEO's decision is brief) */
    ceo = render_one("school", hire, NULL, NULL, PERSONA_CFO);
    assert_contains(ceo, "needs about $280 more to reach May (6 months × $180 against $800) if it "
                         "keeps selling 20 lessons a month; about $5,080 if they stop (its fixed "
                         "$980/month)");
    free(ceo);
    static const char no_volume[] =
        "# School\n\n- Status: Off-season until May\n- Owner: Kai Moreno\n\n"
        "## Revenue\n- Lessons: $1,200/month\n\n"
        "## Expenses\n- Storage: $1,480/month (fixed)\n\n"
        "## Assets\n- Cash: $800\n";
    ceo = render_one("school", no_volume, NULL, NULL, PERSONA_CFO);
    assert_contains(ceo, "needs about $880 more to reach May (6 months × $280 against $800); its");
    assert_null(strstr(ceo, "if they stop"));
    free(ceo);
}

/* docs/reports.md, "The inside-group lever" (eyes-final18 W2): School
 * pays Books, another business of the group, $300/month (Books' Clients
 * line, School's Expenses line), so deferring that fee until the season
 * finds money no one outside is asked for. Nov (the tests' date) → May is
 * 6 months; School burns $280 against $800 cash: the need is 6 × $280 −
 * $800 = $880 ($5,080 if the lessons stop). Without the fee it burns
 * $280 − $300 = −$20/month, so $0; if the lessons stop, 6 × ($980 − $300)
 * − $800 = $3,280. A Books that burns itself, or states no expenses,
 * has no fee we know it can spare: no lever. */
static void test_the_season_line_names_the_inside_group_lever_a_fee_deferred_until_the_season(
    void **state)
{
    (void)state;
    const char *school = off_season_school;
    static const char books[] = "# Books\n\n- Owner: Ana Diaz\n\n"
                                "## Revenue\n- Bookkeeping: $2,000/month\n\n"
                                "## Expenses\n- Staff: $1,000/month (fixed)\n\n"
                                "## Clients\n- School: $300/month\n\n## Assets\n- Cash: $5,000\n";
    char *ceo = render_two("books", books, "school", school, PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
/* changed by fixC2 (lead note, CEO decision length): reports.md CEO headline 3, the brief form:
     * the figure and the stop case in brackets, no assumption, no lever bracket */
    assert_contains(ceo, "it needs about $880 (about $5,080 if lessons stop), or $0 if Books "
                         "defers its $300/month fee until May. ");
    free(ceo);
    char *cfo = render_two("books", books, "school", school, PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    assert_contains(cfo, "about $5,080 if they stop (its fixed $980/month); or $0 if Books defers "
                         "its $300/month fee until May (about $3,280 if lessons stop; the fee "
                         "stays inside the group)");
    free(cfo);
    /* the Audit's scope is School alone; Books is still of the group */
    char *audit = render_two("books", books, "school", school, PERSONA_AUDIT, "school");
    assert_contains(audit, "; or $0 if Books defers its $300/month fee until May (about $3,280 "
                           "if lessons stop; the fee stays inside the group)");
    free(audit);
    /* a Books that burns, or states no expenses (its surplus not known), spares no fee */
    static const char *const no_lever[] = {
        "# Books\n\n- Owner: Ana Diaz\n\n## Revenue\n- Bookkeeping: $2,000/month\n\n"
        "## Expenses\n- Staff: $2,500/month (fixed)\n\n## Clients\n- School: $300/month\n\n"
        "## Assets\n- Cash: $5,000\n",
        "# Books\n\n- Owner: Ana Diaz\n\n## Revenue\n- Bookkeeping: $2,000/month\n\n"
        "## Clients\n- School: $300/month\n",
    };
    for (size_t i = 0; i < sizeof no_lever / sizeof *no_lever; i++) {
        cfo = render_two("books", no_lever[i], "school", school, PERSONA_CFO,
                         REPORT_SCOPE_PORTFOLIO);
        assert_contains(cfo, "about $5,080 if they stop (its fixed $980/month)");
        assert_null(strstr(cfo, "defers its"));
        free(cfo);
    }
}

/* reports.md, CEO Shortfalls (check17 E6): no shortfall reads "No
 * shortfalls." and the spare capacity the Audit recommends selling is the
 * decision: 150 − 30 = 120 mugs at $30 − $9.50 = $20.50 → $2,460/month. */
static void test_a_ceo_with_no_shortfall_decides_to_sell_the_spare_capacity(void **state)
{
    (void)state;
    static const char mugs[] =
        "# Mugs\n\n- Owner: Ana Diaz\n\n## Revenue\n- Mugs: $30/mug\n\n"
        "## Expenses\n- Studio: $200/month (fixed)\n- Clay: $9.50/mug (variable)\n\n"
        "## KPIs\n- Mugs per month: 30\n- Average mug price: $30\n"
        "- Mugs available per month: 150\n";
    char *ceo = render_one("mugs", mugs, NULL, NULL, PERSONA_CEO);
    char *audit = render_with_site("mugs", mugs, "sites/none/x.txt", "");
    const char *sell = "ell the 120 mugs/month still available: at the $20.50 contribution, up "
                       "to $2,460/month";
    assert_contains(after(ceo, "## Shortfalls"), "No shortfalls. Spare capacity: sell");
    assert_contains(after(ceo, "## Headline"), "- Decision: S");
    assert_contains(after(ceo, "## Headline"), sell);
    assert_contains(after(audit, "## Recommendations"), sell);
    assert_null(strstr(ceo, "None found"));
    free(ceo);
    free(audit);
}

/* reports.md, "Each ask is made once, where the reader meets the gap"
 * (eyes-final5b R9, replacing check17 D5): an ask in the body names its
 * file, through report_ask, and Data quality does not repeat it, nor says
 * "No problems found" beside it (G21): the CFO's and CEO's "No actions",
 * Accounting's "No receivables ledger", the CTO's "no site"; the CEO asks
 * no `## KPIs` section (its ask would name no field). */
static void test_every_ask_in_the_body_names_its_file_and_data_quality_does_not_repeat_it(void **state)
{
    (void)state;
    static const char shop[] = "# Shop\n\n## Revenue\n- Sales: $1,000/month\n\n"
                               "## Expenses\n- Rent: $800/month\n";
    static const persona who[] = {PERSONA_CFO, PERSONA_CEO, PERSONA_CAO, PERSONA_CTO};
    static const char *const asks[] = {
        "add `- Action: $cost (priority)` items under `## Actions` of agent_handoffs/projects/shop.md",
        "add `- Action: $cost (priority)` items under `## Actions` of agent_handoffs/projects/shop.md",
        "add a `## Clients` section to agent_handoffs/projects/shop.md",
        "add a `Site` field (its site is then inspected) to agent_handoffs/projects/shop.md",
    };
    for (size_t i = 0; i < sizeof who / sizeof who[0]; i++) {
        char *md = render_one("shop", shop, NULL, NULL, who[i]);
        const char *body_end = strstr(md, "## Data quality");
        assert_non_null(body_end);
        const char *in_body = strstr(md, asks[i]);
        assert_true(in_body && in_body < body_end);
        assert_null(strstr(in_body + 1, asks[i])); /* asked once (R9) */
        assert_null(strstr(md, "No problems found"));
        if (who[i] == PERSONA_CEO) { /* no "(no KPIs section)" row, no such ask (R9) */
            assert_not_contains(md, "(no KPIs section)");
            assert_not_contains(md, "add a `## KPIs` section");
        }
        free(md);
    }
}

/* reports.md, Financial guardrails (eyes-final2 H4/H13): a floor over
 * today's price is fixed cost spread over few units; when the price covers
 * the variable cost, more units close it, so the guardrail says "sell more"
 * and forbids only a sale under the variable cost. Boat: $1,100 +
 * $4,300 ÷ 2 = $3,250; ceil($4,300 ÷ $750) = 6. */
static void test_cfo_a_floor_volume_closes_says_sell_more_never_raise_the_price(void **state)
{
    (void)state;
    static const char boat[] = "# Boat\n\n## Revenue\n- Charters: $1,850/charter\n\n"
                               "## Expenses\n- Slip: $4,300/month (fixed)\n"
                               "- Crew: $1,100/charter (variable)\n\n"
                               "## KPIs\n- Charters per month: 2\n- Average charter price: $1,850\n";
    char *md = render_one("boat", boat, NULL, NULL, PERSONA_CFO);
    assert_contains(after(md, "## Financial guardrails"),
                    "- Boat: price floor **$3,250 per charter** at 2 charters/month (variable $1,100 "
                    "+ other costs $2,150 per charter); at $1,850 each one is $1,400 below it, but 6 "
                    "charters a month at $1,850 cover the costs: sell more, and never sell a charter "
                    "below its $1,100 variable cost.\n");
    assert_not_contains(md, "raise the price");
    free(md);
    /* a price under the variable cost: no volume closes it, the price must rise */
    static const char loss[] = "# Loss\n\n## Revenue\n- Charters: $1,000/charter\n\n"
                               "## Expenses\n- Slip: $4,300/month (fixed)\n"
                               "- Crew: $1,100/charter (variable)\n\n"
                               "## KPIs\n- Charters per month: 2\n- Average charter price: $1,000\n";
    md = render_one("loss", loss, NULL, NULL, PERSONA_CFO);
    assert_contains(md, "- Loss: never sell a charter below **$3,250 per charter** (variable $1,100 + "
                        "other costs $2,150 per charter at 2 charters/month); at $1,000 each one is "
                        "$2,250 below it: raise the price, it does not cover the costs of each sale.\n");
    free(md);
}

/* reports.md, CFO headline (eyes-final2 K9): a surplus with an entity
 * burning inside it is pooled; the decision says so before any floor.
 * Shop makes $8,000, Lab burns $1,000: surplus $7,000. */
static void test_cfo_a_surplus_with_a_burning_entity_says_the_room_is_pooled(void **state)
{
    (void)state;
    static const char shop[] = "# Shop\n\n## Revenue\n- Sales: $10,000/month\n\n"
                               "## Expenses\n- Rent: $2,000/month (fixed)\n\n## Assets\n- Cash: $20,000\n";
    static const char lab[] = "# Lab\n\n## Revenue\n- Fees: $1,000/month\n\n"
                              "## Expenses\n- Contractors: $2,000/month (fixed)\n\n"
                              "## Assets\n- Cash: $50,000\n";
    char *md = render_two("shop", shop, "lab", lab, PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    const char *decision = after(md, "- Decision: ");
    /* the burn first, the pooled room its context (reports.md, CFO
     * headline; eyes-final4 P9): surplus $7,000 − margin $1,100 */
    assert_contains(decision, "close Lab's $1,000/month burn before adding costs: its largest "
                              "cost is Contractors, $2,000/month, and its $50,000 cash lasts ");
    assert_contains(decision, "; the group has $5,900/month of room above the $1,100/month surplus "
                              "target, but the room is pooled: it holds only if Shop's cash may "
                              "pay Lab's costs.\n");
    free(md);
}

/* reports.md, CFO headline, "Money to collect comes first" (eyes-final16
 * T7): the business's unbilled work is the same decision, to invoice,
 * oldest first: $2,500 overdue > its $2,000 month, B-1 145 days old on
 * 2026-11-23; the design sprint 53 days, the menu 3 days. */
static const char unbilled_agency[] = "# Agency\n\n## Clients\n- Bolt: $2,000/month\n"
                                     "  - Menu: $300 (unbilled, 2026-11-20)\n"
                                     "  - Invoice B-1: $2,500 (overdue, 2026-07-01)\n"
                                     "  - Design sprint: $900 (unbilled, 2026-10-01)\n\n"
                                     "## Expenses\n- Studio rent: $400/month (fixed)\n";

static void test_cfo_collect_decision_says_the_unbilled_work_to_invoice(void **state)
{
    (void)state;
    char *md = render_one("agency", unbilled_agency, NULL, NULL, PERSONA_CFO);
    assert_contains(md, "- Decision: collect Agency's $2,500 overdue ($2,500 of it over 90 days: "
                        "Bolt: Invoice B-1 $2,500 at 145 days) and invoice its $1,200 of "
                        "unbilled work (Bolt: Design sprint $900 at 53 days; Bolt: Menu $300 at "
                        "3 days) before adding costs");
    free(md);
}

/* reports.md, CFO headline, "Money to collect comes first" (eyes-final4
 * P9): a business owed more overdue money than a month of its revenue,
 * some of it over 90 days, is the decision; the room is its context. */
static void test_cfo_decision_collects_overdue_money_larger_than_a_month_first(void **state)
{
    (void)state;
    static const char firm[] = "# Firm\n\n## Clients\n- Acme: $3,000/month\n"
                               "  - Invoice A-1: $3,000 (overdue, 2026-07-01)\n"
                               "  - Invoice A-2: $1,000 (overdue, 2026-11-01)\n"
                               "  - Invoice A-0: $500 (2026-08-01)\n\n"
                               "## Expenses\n- Rent: $500/month (fixed)\n\n## Assets\n- Cash: $9,000\n";
    static const char lab[] = "# Lab\n\n## Revenue\n- Fees: $1,000/month\n\n"
                              "## Expenses\n- Contractors: $1,200/month (fixed)\n\n"
                              "## Assets\n- Cash: $5,000\n";
    char *md = render_two("firm", firm, "lab", lab, PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    /* $4,000 overdue > Firm's $3,000 month; A-1 is 145 days old on
     * 2026-11-23. Revenue $4,000 − costs $1,700 = $2,300; margin $400;
     * room $1,900 */
    /* the part over 90 days is of the $4,000 overdue only; A-0, 114 days
     * old and not marked overdue, is outside it and asked about apart
     * (eyes-final9 W1); the room is after Lab's loss (W14) */
    assert_contains(md, "- Decision: collect Firm's $4,000 overdue ($3,000 of it over 90 days: "
                        "Acme: Invoice A-1 $3,000 at 145 days) and ask whether Acme: Invoice A-0 "
                        "$500, sent 114 days ago and not marked overdue, is paid, before adding "
                        "costs; the group has $1,900/month of room above the $400/month surplus "
                        "target, after Lab's $200/month loss.\n");
    assert_not_contains(md, "- Decision: up to");
    free(md);
    /* owed less than a month of revenue: Lab's burn is the decision again */
    static const char paid_firm[] = "# Firm\n\n## Clients\n- Acme: $3,000/month\n"
                                    "  - Invoice A-1: $2,000 (overdue, 2026-07-01)\n\n"
                                    "## Expenses\n- Rent: $500/month (fixed)\n";
    md = render_two("firm", paid_firm, "lab", lab, PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    assert_contains(md, "- Decision: close Lab's $200/month burn before adding costs");
    assert_not_contains(md, "- Decision: collect");
    free(md);
}

/* reports.md, Revenue targets (eyes-final4 P2): the pooled row is named
 * what it is and says the surplus against the surplus target. */
static void test_cfo_pooled_targets_row_says_the_surplus_against_the_margin(void **state)
{
    (void)state;
    static const char shop[] = "# Shop\n\n## Revenue\n- Sales: $10,000/month\n\n"
                               "## Expenses\n- Rent: $5,000/month (fixed)\n"
                               "- Stock: $4,500/month (variable)\n";
    static const char lab[] = "# Lab\n\n## Revenue\n- Fees: $2,000/month\n\n"
                              "## Expenses\n- Contractors: $1,900/month (fixed)\n";
    char *md = render_two("shop", shop, "lab", lab, PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    /* surplus $600 (5.0% of $12,000) under the $1,200 margin; pooled
     * break-even 6,900 × 12,000 ÷ 7,500 = $11,040, cushion $960 (8.0%) */
    assert_row(md, "| Group, pooled", "$12,000", "$11,040", "$960 (8.0%)",
               /* changed by fixC3 A10: reports.md Revenue targets, the pooled figure's basis */
               "breaks even at $11,040/month pooled at today's sales mix; surplus $600 (5.0% of "
               "revenue) is under the "
               "$1,200 surplus target (10%)");
    assert_not_contains(after(md, "## Revenue targets"), "| Total ");
    free(md);
}

/* reports.md, Capital deployment tiers (eyes-final2 K4): the unused
 * subscriptions are said to cover only the recurring actions they pay for
 * in full, cheapest first; never "fund them" with less than they cost. */
static void test_cfo_savings_cover_the_cheapest_recurring_actions_and_the_rest_is_deferred(void **state)
{
    (void)state;
    /* changed by fixU eyes-final9 W5: Lab states its cash ($9,000, 8 months), since a
     * burning business that states none now holds its spends (reports.md, "One date per
     * action"); this test is about the savings sentence of a business that may spend */
    static const char lab[] = "# Lab\n\n## Revenue\n- Fees: $1,000/month\n\n"
                              "## Expenses\n- Contractors: $2,000/month (fixed)\n"
                              "- Old status page: $29/month (tech, unused)\n\n"
                              "## Assets\n- Cash: $9,000\n\n"
                              "## Actions\n- Automate invoice reminders: $20/month (medium)\n"
                              "- Upgrade the booking widget: $49/month (tech, 2 days)\n";
    char *md = render_one("lab", lab, NULL, NULL, PERSONA_CFO);
    /* changed by fix23a T10: docs/reports.md "the group burns", never "the scope" */
    /* changed by fixZa Z4/Q3: docs/reports.md "A monthly spend waits for room": the spend the
     * savings do not cover is held in the words Accounting and the CEO use, not "defer" */
    assert_contains(md, "Hold: Upgrade the booking widget ($49/month, Lab): on hold until Lab "
                        "covers its costs.\n");
    assert_contains(md, "1 of these adds $20/month while the group burns: cancelling Old status page "
                        "($29/month, unused) covers it.\n");
    assert_not_contains(md, "fund them");
    free(md);
    static const char small[] = "# Lab\n\n## Revenue\n- Fees: $1,000/month\n\n"
                                "## Expenses\n- Contractors: $2,000/month (fixed)\n"
                                "- Old status page: $29/month (tech, unused)\n\n"
                                "## Actions\n- Upgrade the booking widget: $49/month (tech, 2 days)\n";
    md = render_one("lab", small, NULL, NULL, PERSONA_CFO);
    /* changed by fix23a T10: docs/reports.md "the group burns" */
    /* changed by fixZa Z4/Q3: docs/reports.md "A monthly spend waits for room": $29 of savings
     * does not pay for $49, so the widget is held, in every report's words */
    assert_contains(md, "Hold: Upgrade the booking widget ($49/month, Lab): on hold until Lab "
                        "covers its costs.\n");
    assert_not_contains(md, "adds $49/month");
    free(md);
}

/* docs/reports.md, "A monthly spend waits for room" (eyes-final12 Z4,
 * eyes-final13 Q3): a surplus of $500 under the $1,000 target leaves the
 * CFO $0 of room, so a $39/month app waits, revenue tag or not, and the
 * CFO, Accounting and the CEO say the same status in the same words. */
static void test_a_monthly_spend_waits_for_room_in_the_cfo_accounting_and_ceo_alike(void **state)
{
    (void)state;
    static const char cafe[] = "# Cafe\n\n- Owner: Nina Alvarez\n\n## Revenue\n"
                               "- Catering: $10,000/month\n\n## Expenses\n"
                               "- Rent: $9,500/month (fixed)\n\n## Assets\n- Cash: $20,000\n\n"
                               "## Actions\n- Loyalty app: $39/month (low, revenue)\n";
    const persona personas[] = {PERSONA_CFO, PERSONA_CAO, PERSONA_CEO};
    const char *says[] = {"Hold: Loyalty app ($39/month, Cafe): on hold while the CFO's room is $0.",
                          "Loyalty app (on hold while the CFO's room is $0)",
                          "Loyalty app ($39/month, on hold while the CFO's room is $0)"};
    for (size_t i = 0; i < sizeof says / sizeof says[0]; i++) {
        char *md = render_one("cafe", cafe, NULL, NULL, personas[i]);
        assert_contains(md, says[i]);
        assert_not_contains(md, "| Revenue-producing");
        free(md);
    }
}

/* reports.md, "One date per action" (eyes-final11 Y3): a spend held until
 * its cash is stated cannot start, so its CEO agenda slot, on its own date,
 * asks for the cash (and the owner only when none is named); a spend held
 * until it is funded keeps its words and its date on the "Later" line. */
static void test_a_spend_held_until_its_cash_is_stated_gives_its_agenda_slot_to_stating_the_cash(
    void **state)
{
    (void)state;
    static const char owned[] =
        "# Academy\n\n- Owner: Lena Okafor\n\n## Revenue\n- Fees: $1,000/month\n\n## Expenses\n"
        "- Tutors: $1,305/month (fixed)\n\n## Actions\n- Record the advanced module: $600 (high)\n";
    char *md = render_one("academy", owned, NULL, NULL, PERSONA_CEO);
    assert_contains(md, "State Academy's cash (the advanced module, $600 one-off, waits on it)");
    assert_not_contains(md, "name its owner");
    assert_not_contains(md, "| Record the advanced module ($600"); /* no agenda row of its own */
    free(md);
    /* past the 30 days it is no slot: the "Later" line keeps the spend's words */
    static const char later[] =
        "# Academy\n\n- Owner: Lena Okafor\n\n## Revenue\n- Fees: $1,000/month\n\n## Expenses\n"
        "- Tutors: $1,305/month (fixed)\n\n## Actions\n- Record the advanced module: $600 (medium)\n";
    md = render_one("academy", later, NULL, NULL, PERSONA_CEO);
    assert_contains(md, "Later: Record the advanced module ($600 one-off, on "
                        "hold until its cash is stated) (Academy, by 2027-01-22)");
    assert_not_contains(md, "State Academy's cash (");
    free(md);
    static const char funded[] =
        "# School\n\n- Owner: Lena Okafor\n\n## Revenue\n- Fees: $1,000/month\n\n## Expenses\n"
        "- Tutors: $1,300/month (fixed)\n\n## Assets\n- Cash: $700\n\n"
        "## Actions\n- Re-upholster the chairs: $400 (low)\n";
    md = render_one("school", funded, NULL, NULL, PERSONA_CEO);
    assert_contains(md, "Re-upholster the chairs ($400 one-off, on hold until it is funded)");
    assert_not_contains(md, "State School's cash");
    free(md);
}

/* reports.md 30-day agenda (eyes-final11 Y4): a volume line's date is when
 * the plan for it is due, never a deadline to sell the volume. */
static void test_an_agenda_volume_line_is_the_plan_due_that_day(void **state)
{
    (void)state;
    char *md = render_one("school",
                          "# School\n\n- Owner: Lena Okafor\n\n## Revenue\n- Lessons: $45/lesson\n\n"
                          "## Expenses\n- Teacher pay: $22/lesson (variable)\n"
                          "- Rent: $2,900/month (fixed)\n\n## KPIs\n- Lessons per month: 120\n"
                          "- Average lesson price: $45\n\n## Assets\n- Cash: $9,000\n",
                          NULL, NULL, PERSONA_CEO);
    /* $2,900 ÷ ($45 − $22) = 126.1 → 127 lessons, 7 more than the 120 sold */
    assert_contains(md, "| Plan how to sell 7 more lessons a month: closes the $140/month loss |");
    free(md);
}

/* handoff-format.md rule 5, "A life from churn is an assumption"
 * (eyes-final18 W10): with no `Customer lifetime`, a 5–7% churn (its
 * midpoint 6%) gives 1 ÷ 6% = 16.7 months, said whole (17) with where it
 * comes from, in the one blast clause the CMO, the CEO and Accounting
 * share: 3,000 × 25–35% × 2–4% × 8% = 1.2–3.36 subscribers × ($49 − $4) ×
 * 16.67 − $30 = $870–$2,490. Inside a bracket the churn follows a comma.
 * A stated `Customer lifetime` keeps "over their life". */
static void test_a_blast_valued_over_a_life_from_churn_says_the_life_is_assumed_in_every_report(
    void **state)
{
    (void)state;
#define ASSUMED_LIFE_SAAS(kpi)                                                                     \
    "# Saas\n\n- Owner: Theo Park\n\n## Revenue\n- Subscriptions: $49/plan\n\n"                  \
    "## Expenses\n- Hosting: $4/plan (variable)\n- Rent: $900/month (fixed)\n\n"                  \
    "## KPIs\n- Plans per month: 180\n- Average plan price: $49\n" kpi "\n"                       \
    "## Marketing\n- Email list recipients: 3,000\n- Blast open rate: 25–35%\n"                    \
    "- Blast click rate: 2–4%\n- Blast conversion rate: 8%\n- Blast cost per send: $30\n"
    static const char churn[] = ASSUMED_LIFE_SAAS("- Subscriber churn: 5–7%\n");
    static const char stated[] =
        ASSUMED_LIFE_SAAS("- Subscriber churn: 5–7%\n- Customer lifetime: 17 months\n");
#undef ASSUMED_LIFE_SAAS
    static const struct {
        persona who;
        const char *says;
    } reads[] = {
        {PERSONA_CMO, "$870–$2,490 after costs over an assumed 17-month life (1 ÷ 6% churn).\n"},
        {PERSONA_CMO, "of sales over an assumed 16.7-month life"}, /* the blast section */
        {PERSONA_CEO, "($30; 1–3 subscribers, $870–$2,490 after costs over an assumed 17-month "
                      "life, 1 ÷ 6% churn) | Saas"},
        {PERSONA_CAO, "$870–$2,490 after costs over an assumed 17-month life, 1 ÷ 6% churn), by "},
    };
    for (size_t i = 0; i < sizeof reads / sizeof *reads; i++) {
        char *md = render_one("saas", churn, NULL, NULL, reads[i].who);
        assert_contains(md, reads[i].says);
        assert_not_contains(md, "churn))");
        free(md);
    }
    char *ceo = render_one("saas", stated, NULL, NULL, PERSONA_CEO);
    assert_contains(ceo, "after costs over their life) | Saas");
    assert_not_contains(ceo, "assumed");
    free(ceo);
}

/* reports.md 30-day agenda (eyes-final11 Y6): the CMO's best blast, with a
 * cost per send and a named owner, is the CEO's day-28 row in the CMO's
 * figures; without an owner the CMO's plan names none, so neither does the
 * agenda. */
static void test_the_cmos_best_blast_is_a_ceo_agenda_line_on_day_28_when_its_owner_is_named(
    void **state)
{
    (void)state;
    static const char saas[] =
        "# Saas\n\n- Owner: Theo Park\n\n## Revenue\n- Subscriptions: $49/plan\n\n"
        "## Expenses\n- Hosting: $4/plan (variable)\n- Rent: $900/month (fixed)\n\n"
        "## KPIs\n- Plans per month: 180\n- Average plan price: $49\n- Subscriber churn: 4%\n\n"
        "## Marketing\n- Email list recipients: 3,000\n- Blast open rate: 25–35%\n"
        "- Blast click rate: 2–4%\n- Blast conversion rate: 8%\n- Blast cost per send: $30\n";
    char *cmo = render_one("saas", saas, NULL, NULL, PERSONA_CMO);
    char *md = render_one("saas", saas, NULL, NULL, PERSONA_CEO);
    assert_contains(cmo, "1–3 subscribers");
    assert_contains(md, "Send Saas' e-mail blast ($30; 1–3 subscribers, ");
    /* changed by fixZd Q15: every Item cell starts with a capital; +28 days */
    assert_contains(md, "| 2026-12-21 | Send Saas' e-mail blast ($30; 1–3 subscribers, ");
    /* changed by fixB5 eyes-final18 W10: handoff-format.md rule 5, a life from 1 ÷ churn is said as assumed */
    assert_contains(md, "after costs over an assumed 25-month life, 1 ÷ 4% churn) | Saas   | Theo Park |");
    free(md);
    free(cmo);
    /* the same business without an owner: no agenda line */
    char *unowned = strdup(saas);
    memcpy(strstr(unowned, "- Owner: Theo Park"), "- Status: Growing ", 18);
    md = render_one("saas", unowned, NULL, NULL, PERSONA_CEO);
    assert_not_contains(md, "e-mail blast ($30");
    free(md);
    free(unowned);
}

/* reports.md, "A held spend that a saving covers is a swap" (eyes-final8
 * V8): Lab burns $1,000/month on $1,500 of cash (under 3 months); its
 * unused $29 line pays for the $20/month reminders, so no report holds
 * them: each says the same swap, dated like the saving; the $400 one-off
 * no monthly saving pays now still waits. */
static void test_a_held_spend_that_an_unused_line_pays_for_is_a_swap_in_every_report(void **state)
{
    (void)state;
    static const char lab[] = "# Lab\n\n## Revenue\n- Fees: $1,000/month\n\n"
                              "## Expenses\n- Contractors: $1,971/month (fixed)\n"
                              "- Old status page: $29/month (tech, unused)\n\n"
                              "## Assets\n- Cash: $1,500\n\n"
                              "## Actions\n- Automate invoice reminders: $20/month (medium)\n"
                              "- Buy chairs: $400 (low)\n";
    static const char swap[] = "Swap Old status page ($29/month) for Automate "
                               "invoice reminders ($20/month)";
    char *cfo = render_one("lab", lab, NULL, NULL, PERSONA_CFO);
    assert_contains(cfo, "Swap Old status page ($29/month) for Automate invoice "
                         "reminders ($20/month) (Lab): it has $1,500 cash and burns $1,000/month; "
                         "the swap saves $9/month.\n");
    assert_contains(cfo, "Hold: Buy chairs ($400 one-off, Lab)");
    assert_not_contains(cfo, "Hold: Automate invoice reminders");
    assert_not_contains(cfo, "covers Automate invoice reminders");
    free(cfo);
    char *ceo = render_one("lab", lab, NULL, NULL, PERSONA_CEO);
    assert_contains(ceo, swap);
    assert_not_contains(ceo, "Automate invoice reminders ($20/month, on hold");
    assert_contains(ceo, "Buy chairs ($400 one-off, on hold until it is funded)");
    free(ceo);
    char *cao = render_one("lab", lab, NULL, NULL, PERSONA_CAO);
    assert_contains(cao, "Swap Old status page (unused) for Automate invoice reminders");
    assert_contains(cao, "-$9/month");
    assert_not_contains(cao, "| Automate invoice reminders");
    free(cao);
}

/* reports.md, "One date per action" (eyes-final9 W5: I6's Quillwork
 * loses $305/month and states no cash, yet its $600 module was put in
 * week 1): a spend at a burning business that states no cash waits until
 * its cash is stated, in the CEO agenda, the CFO tiers and Accounting. */
static void test_a_spend_at_a_burning_business_that_states_no_cash_waits_until_its_cash_is_stated(
    void **state)
{
    (void)state;
    static const struct {
        persona who;
        const char *says;
    } reports[] = {
        /* the CEO's slot names what unblocks it (eyes-final11 Y3) */
        {PERSONA_CEO, "State Academy's cash and name its owner (Record a module, $600 one-off, "
                      "waits on it)"},
        {PERSONA_CFO, "Hold: Record a module ($600 one-off, Academy): it states no cash and "
                      "burns $305/month; not before its cash is stated."},
        {PERSONA_CAO, "Record a module (on hold until its cash is stated)"},
        /* held, it is no cash out (eyes-final11 Y2) */
        {PERSONA_CAO, "$0 out (+$600 on hold)"},
    };
    for (size_t i = 0; i < sizeof reports / sizeof *reports; i++) {
        char *md = render_one("academy",
                              "# Academy\n\n## Revenue\n- Fees: $1,000/month\n\n## Expenses\n"
                              "- Tutors: $1,305/month (fixed)\n\n## Actions\n- Record a module: $600 (high)\n",
                              NULL, NULL, reports[i].who);
        assert_contains(md, reports[i].says);
        free(md);
    }
}

/* reports.md, "A held spend that a saving covers is a swap" (fixT 1: I3's
 * "And 3 more, due by 2026-12-29: swap: cancel Old status page …"): the
 * swap's words hold no colon, so the line that introduces them with one
 * never reads two in a row, in any report. */
static void test_a_swap_holds_no_colon_so_a_line_introducing_it_never_reads_two(void **state)
{
    (void)state;
    static const char lab[] = "# Lab\n\n## Revenue\n- Fees: $1,000/month\n\n"
                              "## Expenses\n- Contractors: $1,971/month (fixed)\n"
                              "- Old status page: $29/month (tech, unused)\n\n"
                              "## Assets\n- Cash: $1,500\n\n"
                              "## Actions\n- Automate invoice reminders: $20/month (medium)\n";
    static const persona personas[] = {PERSONA_CEO, PERSONA_CFO, PERSONA_CAO};
    for (size_t i = 0; i < sizeof personas / sizeof *personas; i++) {
        char *md = render_one("lab", lab, NULL, NULL, personas[i]);
        assert_true(strstr(md, "wap Old status page") != NULL);
        assert_not_contains(md, "swap:");
        assert_not_contains(md, "Swap:");
        assert_not_contains(md, ": swap");
        free(md);
    }
}

/* reports.md, 30-day agenda (eyes-final2 H3): an action that costs money
 * says what it spends; one that costs nothing is its label alone. */
static void test_ceo_agenda_action_carries_its_cost(void **state)
{
    (void)state;
    static const char cafe[] = "# Cafe\n\n## Revenue\n- Sales: $5,000/month\n\n"
                               "## Expenses\n- Rent: $1,000/month (fixed)\n\n"
                               "## Actions\n- Add a second grinder: $900 (medium)\n"
                               "- Document automation software: $120/month (low)\n"
                               "- Ask for reviews: $0 (high)\n";
    char *md = render_one("cafe", cafe, NULL, NULL, PERSONA_CEO);
    const char *agenda = after(md, "## 30-day agenda");
    /* medium (60 days) and low (90) are named after the month with their date and cost
     * (reports.md, "One date per action", eyes-final3b N6) */
    assert_contains(agenda, "Later: Add a second grinder ($900 "
                            "one-off) (Cafe, by 2027-01-22); Document automation software "
                            "($120/month) (Cafe, by 2027-02-21).");
    assert_row(agenda, "| Ask for reviews ", "Cafe");
    assert_not_contains(agenda, "Ask for reviews (");
    free(md);
}

/* reports.md, CFO headline (eyes-final G6): the decision names the floor
 * a business sells under, with its runway and season, never the lowest
 * floor a price clears. Beach: $6 + $2,190 ÷ 40 = $60.75 against $25;
 * $5,000 at $1,430/month lasts 3 months from Nov 2026. */
static void test_cfo_decision_names_the_floor_a_business_sells_under(void **state)
{
    (void)state;
    static const char cafe[] = "# Cafe\n\n## Revenue\n- Coffee: $4/cup\n\n"
                               "## Expenses\n- Rent: $1,000/month (fixed)\n- Beans: $1/cup (variable)\n\n"
                               "## KPIs\n- Cups per month: 2,500\n- Average cup price: $4\n";
    static const char beach[] =
        "# Beach Rentals\n\n- Status: Off-season until April\n\n"
        "## Revenue\n- Beach sets: $25/rental\n\n"
        "## Expenses\n- Yard lease: $2,190/month (fixed)\n- Attendant: $6/rental (variable)\n\n"
        "## KPIs\n- Rentals per month: 40\n- Average rental price: $25\n\n"
        "## Assets\n- Cash: $5,000\n";
    char *md = render_two("beach", beach, "cafe", cafe, PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    const char *decision = after(md, "- Decision: ");
    /* its cash runs out in Feb, before April: funding comes first and its
     * units are the season's (reports.md, "a season the cash does not
     * reach comes first", check17 E1): ceil($1,430 ÷ $19) = 76 */
    /* changed by fix23a T3: docs/reports.md CFO headline "no new fixed costs at <the
     * business> until then"; "the funded business's own floor is the guardrails', never
     * bracketed in the headline" */
    /* changed by fixCm S1: the need's assumption and the units-stop case, 5 × $2,190 − $5,000 */
    /* changed by fixB2 (eyes-final18, one date per action): reports.md CFO headline, the
     * funding decision carries the CEO's date for it, the report date + 14 days */
    assert_contains(decision, "fund Beach Rentals by 2026-12-07: it needs about $2,150 more to reach April (5 "
                              "months × $1,430 against $5,000) if it keeps selling 40 rentals a "
                              "month; about $5,950 if they stop (its fixed $2,190/month); its $5,000 cash lasts 3 months (to "
                              "about Feb 2027); no new fixed costs at Beach Rentals until then");
    /* changed by fixCf T9: docs/reports.md CFO headline, break-even against what it sells in
     * the CMO's words, never "+76 in season" (read as the season's target): ceil($2,190 ÷
     * $19) = 116 */
    assert_contains(decision, "; break-even is 116 rentals a month; it sells 40 in the "
                              "off-season (until April).\n");
    assert_contains(after(md, "## Financial guardrails"), "Beach Rentals: price floor **$60.75 per "
                                                          "rental** at 40 rentals/month");
    assert_null(strstr(decision, "no cup below"));
    assert_contains(after(md, "## Revenue targets"), "in whole rentals +76/month (+$1,900), in "
                                                     "season (off-season until April)");
    free(md);
}

/* reports.md, Shortfalls (eyes-final G4): one entity's receivables are one
 * row, titled by what the table holds, the client owing most named, and a
 * risk that names that client says what it owes. */
/* handoff-format.md rule 1, the reconciliation (eyes-final9 W3: I5's
 * Accounting asked about Quarry's retainers while the CEO and CFO said "No
 * problems found"): the CEO's and CFO's Data quality name the difference,
 * and the Status's client count when it names more than are listed. */
static void test_ceo_and_cfo_data_quality_name_a_retainer_line_that_differs_from_the_client_fees(
    void **state)
{
    (void)state;
    static const char books[] = "# Books\n\n- Status: Operating; 14 retainer clients\n\n"
                                "## Revenue\n- Monthly retainers: $6,500/month\n- Tax filings: $9,000/year\n\n"
                                "## Expenses\n- Salaries: $3,200/month (fixed)\n\n"
                                "## Clients\n- Harbor: $1,200/month\n- Cedar: $2,800/month\n";
    const persona readers[] = {PERSONA_CEO, PERSONA_CFO};
    for (size_t i = 0; i < 2; i++) {
        char *md = render_one("books", books, NULL, NULL, readers[i]);
        assert_contains(after(md, "## Data quality"),
                        "Books' `## Revenue` retainers, $6,500/month, differ from its `## Clients` fees, "
                        "$4,000/month, by $2,500 (agent_handoffs/projects/books.md:6, 12): the figures use "
                        "`## Revenue`; the Status says 14 retainer clients and 2 are listed, so the list "
                        "may be incomplete.");
        assert_not_contains(md, "No problems found");
        free(md);
    }
}

/* reports.md, "A risk marked not quantified" (eyes-final9 W4: I6's "Staff
 * turnover", all of Copperline's $14,400/month at stake, had no agenda line
 * or owner): a single-point risk of priority high or medium is planned like
 * a client's fee, with the owner (high 21 days); a low one is not dated. */
static void test_ceo_agenda_plans_a_single_point_risk_of_high_or_medium_priority_with_its_owner(
    void **state)
{
    (void)state;
    const char *priorities[] = {"high", "low"};
    for (size_t i = 0; i < 2; i++) {
        char vans[512];
        snprintf(vans, sizeof vans,
                 "# Vans\n\n- Owner: Dana Whitlock\n\n## Revenue\n- Jobs: $6,000/month\n\n"
                 "## Expenses\n- Wages: $4,000/month (fixed)\n\n## Risks\n"
                 "- Staff turnover: the only licensed plumber may leave (%s)\n",
                 priorities[i]);
        char *ceo = render_one("vans", vans, NULL, NULL, PERSONA_CEO);
        const char *agenda = after(ceo, "## 30-day agenda");
        static const char line[] = "Plan for Staff turnover: up to $6,000/month at stake (all of Vans' revenue)";
        if (i == 0)
            assert_row(agenda, "2026-12-14", line);
        else
            assert_not_contains(agenda, line);
        if (i == 0)
            assert_contains(agenda, "Dana Whitlock");
        free(ceo);
    }
}

/* reports.md, "A risk marked not quantified" and the 30-day agenda (check20
 * A2): a risk answered by its client's fee is dated like a quantified risk
 * (medium: 28 days, 2026-12-21); when that client is overdue, its collect
 * line says it instead, and no second line is added. */
static void test_ceo_agenda_dates_a_client_fee_risk_or_names_it_on_the_clients_collect_line(
    void **state)
{
    (void)state;
    static const char firm[] = "# Firm\n\n- Owner: Ben Okafor\n\n"
                               "## Revenue\n- Retainers: $4,000/month\n\n"
                               "## Expenses\n- Rent: $2,000/month (fixed)\n\n"
                               "## Clients\n- Pelham Contractors: $3,000/month\n"
                               "- Cove Bakery: $1,000/month\n\n"
                               "## Risks\n- Client concentration: Pelham Contractors pays most "
                               "(medium)\n";
    char *ceo = render_one("firm", firm, NULL, NULL, PERSONA_CEO);
    assert_row(after(ceo, "## 30-day agenda"), "2026-12-21",
               "Plan for Client concentration: up to $3,000/month at stake (Pelham Contractors' "
               "fee)");
    free(ceo);
    static const char late[] = "# Firm\n\n- Owner: Ben Okafor\n\n"
                               "## Revenue\n- Retainers: $4,000/month\n\n"
                               "## Expenses\n- Rent: $2,000/month (fixed)\n\n"
                               "## Clients\n- Pelham Contractors: $3,000/month\n"
                               "  - Invoice 1: $3,000 (overdue, 2026-10-20)\n"
                               "- Cove Bakery: $1,000/month\n\n"
                               "## Risks\n- Client concentration: Pelham Contractors pays most "
                               "(medium)\n";
    ceo = render_one("firm", late, NULL, NULL, PERSONA_CEO);
    const char *agenda = after(ceo, "## 30-day agenda");
    assert_contains(agenda, "Collect $3,000 overdue one-off (Pelham Contractors: Invoice 1); also "
                            "the Client concentration risk");
    assert_not_contains(agenda, "Plan for Client concentration");
    free(ceo);
}

static void test_receivables_are_one_row_tied_to_the_risk_naming_the_largest_debtor(void **state)
{
    (void)state;
    static const char law[] =
        "# Law\n\n- Owner: Jonah Marlow\n\n## Revenue\n- Retainers: $9,000/month\n\n"
        "## Clients\n- Harborline: $2,500/month\n  - Invoice 1: $2,500 (overdue, 2026-10-20)\n"
        "- Pelham Contractors: $3,000/month (overdue)\n"
        "- Cove Bakery: $1,500/month\n  - Review: $1,800 (unbilled, 2026-11-12)\n\n"
        "## Expenses\n- Payroll: $8,500/month (fixed)\n\n"
        "## Risks\n- Client concentration: Pelham Contractors pays a third of the retainers "
        "(medium)\n";
    char *md = render_one("law", law, NULL, NULL, PERSONA_CEO);
    const char *table = after(md, "## Shortfalls\n");
    assert_row(table, "Receivables: $5,500 overdue from 2 clients (largest Pelham Contractors "
                      "$3,000), $1,800 unbilled (Cove Bakery: Review); Pelham Contractors is also "
                      "the Client concentration risk (line 19)",
               "$7,300 one-off", "agent_handoffs/projects/law.md:10,11,13");
    /* its fee is what is at stake (Q12): "up to", still ranked after the money owed */
    assert_row(table, "Client concentration: Pelham Contractors pays a third of the retainers; it "
                      "owes $3,000 overdue; at stake: Pelham Contractors' fee", "up to $3,000/month");
    /* changed by fixZd Z6: the one owed total with its parts (reports.md, CEO headline 2) */
    assert_contains(md, "- Law is owed $7,300 by clients ($5,500 overdue, $1,800 unbilled).\n");
    free(md);
}

/* reports.md, Shortfalls and 30-day agenda (eyes-final G4): two invoices
 * one group business owes another are one row and one agenda line. */
static void test_a_group_pair_owing_two_items_is_one_row_and_one_agenda_line(void **state)
{
    (void)state;
    static const char print[] = "# Print Co\n\n- Kind: ancillary\n- Owner: Theo Park\n\n"
                                "## Clients\n- Groomers: $450/month\n"
                                "  - Invoice 7710: $450 (overdue, 2026-10-20)\n"
                                "  - Banner: $1,200 (unbilled, 2026-11-01)\n";
    char *ceo = render_two("print", print, "groomers", groomers_handoff, PERSONA_CEO,
                           REPORT_SCOPE_PORTFOLIO);
    assert_row(after(ceo, "## Shortfalls"),
               "Groomers owes Print Co $450 overdue and $1,200 unbilled (largest Banner $1,200): "
               "settle inside the group",
               "$1,650 one-off", "agent_handoffs/projects/print.md:8,9");
    /* changed by fixZd Z14: dated with the other collections, FIXTURE_NOW + 14 */
    assert_row(after(ceo, "## 30-day agenda"), "2026-12-07",
               "Settle inside the group: Groomers owes Print Co $450 overdue and $1,200 unbilled");
    assert_null(strstr(ceo, "settle $450 inside"));
    free(ceo);
}

/* A firm owed in every state: $450 overdue, $300 unbilled, $200 billed 39
 * days before FIXTURE_NOW (2026-11-23) and not marked overdue. */
#define FIRM_OWED                                                                                  \
    "# Firm\n\n## Revenue\n- Fees: $3,000/month\n\n"                                               \
    "## Expenses\n- Rent: $1,000/month (fixed)\n\n"                                                 \
    "## Clients\n- Dock Cafe: $450/month\n"                                                        \
    "  - Invoice 1: $450 (overdue, 2026-09-01)\n"                                                  \
    "- Harbor Club: $300/month\n"                                                                 \
    "  - Invoice 2: $300 (unbilled, 2026-11-01)\n"                                                 \
    "- Pier Shop: $200/month\n"                                                                   \
    "  - Invoice 3: $200 (2026-10-15)\n"

/* reports.md, CEO receivables row (eyes-final5b R3): money billed and not
 * marked overdue is no shortfall, but the row names it, so it adds up to
 * the CFO's owed total ($450 + $300 + $200 = $950). */
static void test_ceo_receivables_row_names_the_billed_money_not_marked_overdue(void **state)
{
    (void)state;
    static const char firm[] = FIRM_OWED;
    char *ceo = render_one("firm", firm, NULL, NULL, PERSONA_CEO);
    /* changed by fixA S15: rule 2's amount-first wording with the age, 2026-10-15 to 2026-11-23 */
    assert_contains(ceo, "; $200 more sent 39 days ago, not marked overdue (Pier Shop)");
    /* changed by fixZd Z6: the row's impact is that total too, billed included */
    assert_row(after(ceo, "## Shortfalls"), "Receivables: $450 overdue", "$950 one-off");
    free(ceo);
}

/* reports.md, CEO receivables row (check20 D1): the billed part follows
 * handoff-format.md rule 2's wording like Accounting: a 16-day-old invoice
 * is "billed and not yet due", never "not marked overdue". */
static void test_ceo_receivables_row_calls_a_recent_invoice_billed_and_not_yet_due(void **state)
{
    (void)state;
    static const char firm[] = "# Firm\n\n## Revenue\n- Fees: $3,000/month\n\n"
                               "## Expenses\n- Rent: $1,000/month (fixed)\n\n"
                               "## Clients\n- Dock Cafe: $450/month\n"
                               "  - Invoice 1: $450 (overdue, 2026-09-01)\n"
                               "- Pier Shop: $200/month\n"
                               "  - Invoice 3: $200 (2026-11-15)\n";
    char *ceo = render_one("firm", firm, NULL, NULL, PERSONA_CEO);
    assert_contains(ceo, "; $200 more billed and not yet due (Pier Shop)");
    assert_not_contains(ceo, "not marked overdue");
    free(ceo);
}

/* handoff-format.md, room (eyes-final5b R11): a $0 room says what is
 * missing: $10,000 − $9,600 = $400 surplus, $1,000 margin, $600 below. */
static void test_cfo_a_zero_room_says_how_far_the_surplus_is_below_the_margin(void **state)
{
    (void)state;
    static const char shop[] = "# Shop\n\n## Revenue\n- Sales: $10,000/month\n\n"
                               "## Expenses\n- Rent: $9,600/month (fixed)\n";
    char *cfo = render_one("shop", shop, NULL, NULL, PERSONA_CFO);
    assert_contains(cfo, "- Room for new fixed costs: **$0/month**: the $400/month surplus is $600 "
                         "below the $1,000/month surplus target.\n");
    assert_not_contains(cfo, "the surplus is below the margin: $0");
    free(cfo);
}

/* reports.md, CEO headline 2 (eyes-final10 X6): a loss that leaves the
 * business's cash under 6 months says the runway in the same clause, even
 * when a leaked credential takes the decision. */
static void test_ceo_headline_loss_says_a_runway_under_six_months(void **state)
{
    (void)state;
    static const char lab[] = "# Lab\n\n## Revenue\n- Fees: $1,000/month\n\n"
                              "## Expenses\n- Contractors: $1,500/month (fixed)\n\n"
                              "## Assets\n- Cash: $1,000\n";
    char *ceo = render_one("lab", lab, NULL, NULL, PERSONA_CEO);
    assert_contains(ceo, "- Lab loses $500/month, its cash lasting 2 months");
    free(ceo);
    static const char rich[] = "# Lab\n\n## Revenue\n- Fees: $1,000/month\n\n"
                               "## Expenses\n- Contractors: $1,500/month (fixed)\n\n"
                               "## Assets\n- Cash: $10,000\n";
    ceo = render_one("lab", rich, NULL, NULL, PERSONA_CEO);
    assert_contains(ceo, "- Lab loses $500/month");
    assert_not_contains(ceo, "its cash lasting");
    free(ceo);
}

/* reports.md, "The gap sentence" (eyes-final10 X3): an expense line no
 * sum could read is named beside the result, never left out silently. */
static void test_gap_sentence_names_the_unreadable_expense_line_it_leaves_out(void **state)
{
    (void)state;
    static const char dump[] = "# Dump\n\n## Revenue\n- Hauls: $1,350/month\n\n"
                               "## Expenses\n- Fuel: $400/month (variable)\n"
                               "- Permit renewal: $1,2,00/year (fixed)\n";
    char *ceo = render_one("dump", dump, NULL, NULL, PERSONA_CEO);
    assert_contains(ceo, "= a surplus of **$950 a month** (1 expense line unreadable, left out: "
                         "dump.md:8)");
    free(ceo);
}

/* reports.md, CEO headline 2 (eyes-final12 Z6, eyes-final10 X8): the
 * headline says the one owed total the CFO and Accounting give, its parts
 * amount first, and what one group business owes another apart, and the
 * receivables row ranks at that total. FIXTURE_NOW 2026-11-23. */
static void test_ceo_headline_says_the_owed_total_the_cfo_and_accounting_give_with_its_parts(
    void **state)
{
    (void)state;
    static const char firm[] = FIRM_OWED "- Shop: $100/month\n"
                                         "  - Invoice 4: $100 (overdue, 2026-10-01)\n";
    static const char shop[] = "# Shop\n\n## Revenue\n- Sales: $2,000/month\n\n"
                               "## Expenses\n- Rent: $2,500/month (fixed)\n"
                               "- Bookkeeping (Firm): $100/month (fixed)\n";
    char *ceo = render_two("firm", firm, "shop", shop, PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    char *cfo = render_two("firm", firm, "shop", shop, PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    /* $450 + $300 + $200 = $950, the CFO's; Shop's $100 is the group's own */
    /* changed by fixB1 W5: all of it, the $100 inside the group too, is Firm's: the clause names it */
    assert_contains(ceo, "- Shop loses $600/month; Firm is owed $950 by clients ($450 overdue, "
                         "$300 unbilled, $200 sent 39 days ago, not marked overdue), plus $100 "
                         "inside the group.\n");
    assert_contains(cfo, "- Owed: $950 one-off");
    assert_row(after(ceo, "## Shortfalls"), "Receivables: $450 overdue", "$950 one-off");
    free(ceo);
    free(cfo);
}

/* reports.md, CEO Missing KPIs and Asset inventory (eyes-final12 Z15,
 * eyes-final11 Y8): a business with no `## KPIs` section is named, never
 * covered by "every KPI has a value", and one that states no cash has a
 * "not stated" row and the CFO's ask in Data quality. */
static void test_ceo_names_a_business_without_kpis_or_cash_never_silently(void **state)
{
    (void)state;
    static const char firm[] = FIRM_OWED;
    char *ceo = render_one("firm", firm, NULL, NULL, PERSONA_CEO);
    assert_contains(ceo, "Firm has no `## KPIs` section: add one to "
                         "agent_handoffs/projects/firm.md.");
    assert_not_contains(ceo, "Every KPI named");
    assert_row(after(ceo, "## Asset inventory"), "Firm", "Cash", "not stated");
    assert_contains(after(ceo, "## Data quality"),
                    "add `Cash: $amount` to the Assets of agent_handoffs/projects/firm.md");
    free(ceo);
}

/* An ancillary print shop's handoff up to its `## Clients` items. */
#define PRINT_CO_HEAD "# Print Co\n\n- Kind: ancillary\n- Owner: Theo Park\n\n## Clients\n"

/* reports.md, CEO 30-day agenda (eyes-final12 Z14): money one group
 * business owes another is dated with the other collections, day 14, and
 * ranked by its late total among them. FIXTURE_NOW 2026-11-23. */
static void test_ceo_settles_inside_the_group_on_the_day_of_the_other_collections(void **state)
{
    (void)state;
    /* Print Co (ancillary) is owed by Groomers, a group business, and by a client */
    char *ceo = render_two("print",
                           PRINT_CO_HEAD "- Groomers: $450/month\n"
                                         "  - Invoice 7710: $450 (overdue, 2026-10-20)\n"
                                         "- Corner Market: $350 (unbilled, 2026-11-01)\n",
                           "groomers", groomers_handoff, PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    const char *agenda = after(ceo, "## 30-day agenda");
    assert_row(agenda, "2026-12-07", "Settle inside the group: Groomers owes Print Co $450");
    assert_row(agenda, "2026-12-07", "$350 unbilled one-off (Corner Market)");
    /* $450 before $350: ranked by amount with the collections, not last */
    assert_true(strstr(agenda, "settle inside the group") < strstr(agenda, "$350 unbilled"));
    free(ceo);
}

/* reports.md, CEO 30-day agenda (eyes-final13 Q15): every Item cell starts
 * with a capital letter, whatever the line's first word ("collect", "the
 * orders endpoint ..."). */
static void test_ceo_agenda_items_start_with_a_capital_letter(void **state)
{
    (void)state;
    static const char firm[] = FIRM_OWED "\n## Actions\n- send the newsletter: $0 (high)\n";
    char *ceo = render_one("firm", firm, NULL, NULL, PERSONA_CEO);
    const char *agenda = after(ceo, "## 30-day agenda");
    size_t rows = 0;
    /* "|   1 | 2026-11-30 | <Item> | ...": the third cell of each numbered row */
    for (const char *line = strstr(agenda, "\n|   "); line && line < after(ceo, "## Missing KPIs");
         line = strstr(line + 1, "\n|   ")) {
        const char *cell = strchr(strchr(strchr(line + 2, '|') + 1, '|') + 1, ' ');
        assert_non_null(cell);
        assert_true(isupper((unsigned char)cell[1]));
        rows++;
    }
    assert_true(rows >= 3); /* the action, the collect line and the invoice line */
    assert_contains(agenda, "| Collect $450 overdue one-off");
    assert_contains(agenda, "| Send the newsletter");
    free(ceo);
}

/* reports.md, CEO Data quality (eyes-final13 Q2): a monthly fee one group
 * business bills another whose costs hold no line of that amount is asked,
 * with both file:lines; once the payer books it, nothing is asked. The CFO
 * asks it in the same words (changed by fixCf eyes-final16 T7). */
static void test_ceo_and_cfo_ask_about_a_fee_inside_the_group_the_payers_costs_leave_out(void **state)
{
    (void)state;
    static const char print[] = PRINT_CO_HEAD "- Groomers: $450/month\n";
    /* the payer without the cost, then with it booked */
    const char *const payers[] = {groomers_handoff,
                                  "# Groomers\n\n## Revenue\n- Grooms: $9,000/month\n\n"
                                  "## Expenses\n- Printing (Print Co): $450/month (fixed)\n"};
    for (size_t i = 0; i < 4; i++) {
        char *ceo = render_two("print", print, "groomers", payers[i % 2],
                               i < 2 ? PERSONA_CEO : PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
        const char *asked = strstr(ceo, "Question: Print Co bills Groomers $450/month "
                                        "(agent_handoffs/projects/print.md:7), but groomers.md "
                                        "lists no such expense (agent_handoffs/projects/"
                                        "groomers.md:6, `## Expenses`): add it or correct the "
                                        "client line.");
        assert_true(i % 2 == 0 ? asked != NULL : asked == NULL);
        free(ceo);
    }
}

/* reports.md, CEO headline 2 (eyes-final5b R4): when every late item is
 * owed to an ancillary handoff, whose revenue is outside the group's, the
 * headline says so instead of "the group is owed". */
static void test_ceo_headline_says_when_the_late_money_is_owed_to_ancillary_businesses(void **state)
{
    (void)state;
    static const char yard[] = "# Boat Yard\n\n- Kind: ancillary\n\n"
                               "## Clients\n- Harbor Club: $600/month\n"
                               "  - Invoice 12: $600 (overdue, 2026-10-01)\n";
    static const char cafe[] = "# Cafe\n\n## Revenue\n- Coffee: $2,000/month\n\n"
                               "## Expenses\n- Rent: $2,500/month (fixed)\n";
    char *ceo = render_two("yard", yard, "cafe", cafe, PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    /* changed by fixB1 W5: one ancillary business owed is named, marked "(ancillary)" */
    assert_contains(ceo, "- Cafe loses $500/month; Boat Yard (ancillary) is owed $600 "
                         "overdue by clients.\n");
    free(ceo);
    /* mixed: the ancillary part is said after the group's total (eyes-final10 X5) */
    static const char shop[] = "# Shop\n\n## Clients\n- Dock Cafe: $400/month\n"
                               "  - Invoice 7: $400 (overdue, 2026-10-01)\n\n"
                               "## Expenses\n- Rent: $100/month (fixed)\n";
    ceo = render_two("yard", yard, "shop", shop, PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    /* changed by fixZd Q5: the ancillary part names its basis, the total, and whose it is */
    assert_contains(ceo, "- The group is owed $1,000 overdue by clients, $600 of the $1,000 to Boat "
                         "Yard (ancillary).\n");
    free(ceo);
}

/* handoff-format.md rule 2, "One pair, one wording" (eyes-final4 P4): the
 * CEO's row and agenda and Accounting's headline and Receivables give the
 * same figures for one group debt: its overdue part and, when a billed
 * item not yet late makes it larger, the whole. FIXTURE_NOW 2026-11-23. */
static void test_a_group_pair_reads_overdue_and_in_all_the_same_in_ceo_and_accounting(void **state)
{
    (void)state;
    static const char print[] = "# Print Co\n\n- Kind: ancillary\n- Owner: Theo Park\n\n"
                                "## Clients\n- Groomers: $450/month\n"
                                "  - Invoice 7701: $800 (2026-11-10)\n"
                                "  - Invoice 7710: $450 (overdue, 2026-10-20)\n"
                                "  - Banner: $1,200 (overdue, 2026-09-01)\n";
    const char *g = groomers_handoff;
    char *ceo = render_two("print", print, "groomers", g, PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    char *cao = render_two("print", print, "groomers", g, PERSONA_CAO, REPORT_SCOPE_PORTFOLIO);
    assert_row(after(ceo, "## Shortfalls"),
               "Groomers owes Print Co $1,650 overdue ($2,450 in all; largest Banner $1,200): "
               "settle inside the group",
               "$1,650 one-off");
    assert_row(after(ceo, "## 30-day agenda"),
               "Settle inside the group: Groomers owes Print Co $1,650 overdue ($2,450 in all)");
    /* changed by fix20d Q5: docs/reports.md Accounting headline "the pair, its invoice and its
     * age are not in the headline": its overdue part there, the pair's wording in Receivables */
    assert_contains(cao, "Another $1,650 is overdue inside the group: settle it there.");
    /* changed by fixAc eyes-final16 T6: docs/reports.md Accounting, "Owed inside the group" */
    assert_contains(cao, "Owed inside the group: Groomers owes Print Co $1,650 overdue "
                         "($2,450 in all): $800 (Invoice 7701, billed); $450 (Invoice 7710, "
                         "overdue); $1,200 (Banner, overdue): settle inside the group");
    free(ceo);
    free(cao);
}

/* reports.md, the gap sentence (eyes-final2 H15): a burn at most a fifth
 * of the largest cost is said plainly, revenue against costs, not as a cut
 * of it; a larger one names the cost. $42 against a $250 bookkeeper. */
static void test_a_small_burn_is_said_plainly_a_large_one_names_its_largest_cost(void **state)
{
    (void)state;
    static const char boat[] = "# Boat\n\n## Revenue\n- Tours: $358/month\n\n"
                               "## Expenses\n- Bookkeeping: $250/month (fixed)\n"
                               "- Fuel: $150/month (variable)\n";
    static const char lab[] = "# Lab\n\n## Revenue\n- Fees: $1,000/month\n\n"
                              "## Expenses\n- Contractors: $2,000/month (fixed)\n";
    char *small = render_one("boat", boat, NULL, NULL, PERSONA_CEO);
    assert_contains(small, "(Boat: $42/month short, revenue $358 against costs $400)");
    assert_not_contains(small, "less on Bookkeeping");
    char *large = render_one("lab", lab, NULL, NULL, PERSONA_CEO);
    assert_contains(large, "(Lab: its largest cost is Contractors, $2,000/month)");
    free(small);
    free(large);
}

/* docs/rendering.md and reports.md (eyes-final G31): a name ending in s
 * takes an apostrophe alone, "Dunes Cabins'", in every possessive. */
static void test_a_name_ending_in_s_takes_an_apostrophe_alone(void **state)
{
    (void)state;
    static const char dunes[] = "# Dunes Cabins\n\n## Revenue\n- Stays: $3,000/month\n\n"
                                "## Expenses\n- Mortgage: $2,800/month (fixed)\n\n"
                                "## Risks\n- Winter gap: $900/month (high)\n";
    char *cfo = render_one("dunes", dunes, NULL, NULL, PERSONA_CFO);
    assert_contains(cfo, "Dunes Cabins' Winter gap ($900/month");
    assert_null(strstr(cfo, "Cabins's"));
    free(cfo);
}

/* reports.md, CEO agenda (eyes-ea E17): the action that chases the overdue
 * money is the collect line, one row due on the action's day 7. */
static void test_an_action_chasing_overdue_money_is_the_collect_line(void **state)
{
    (void)state;
    static const char books[] = "# Books\n\n- Owner: Amara Nwosu\n\n"
                                "## Revenue\n- Retainers: $500/month\n\n"
                                "## Clients\n- Dock Cafe: $200/month\n"
                                "  - Invoice 7: $200 (overdue, 2026-10-01)\n"
                                "  - Invoice 8: $150 (overdue, 2026-11-01)\n\n"
                                "## Actions\n- Send the overdue reminders this week: $0 (high)\n";
    char *md = render_one("books", books, NULL, NULL, PERSONA_CEO);
    const char *agenda = after(md, "## 30-day agenda");
    assert_row(agenda, "2026-11-30", "Send the overdue reminders this week: collect $350 overdue "
                                     "one-off (2 items; largest: Dock Cafe: Invoice 7 $200)");
    assert_null(strstr(strstr(agenda, "Send the overdue") + 1, "Send the overdue"));
    free(md);
}

/* reports.md, CMO headline 3 (eyes-ea E13): the cabin's own high action
 * names VRBO: the decision is VRBO, though Airbnb is OTA step 1. */
static void test_cmo_decision_is_the_step_the_handoff_ranks_high_with_its_actions_owner_and_date(
    void **state)
{
    (void)state;
    static const char cabin[] = "# Cabin\n\n## Marketing\n- Airbnb: 3% (ota)\n  - Setup days: 0\n"
                                "- VRBO: 5% (ota)\n  - Setup days: 2\n\n"
                                "## Actions\n- List Cabin on VRBO: $0 (high)\n";
    char *md = render_one("cabin", cabin, NULL, NULL, PERSONA_CMO);
    /* "<Entity> to <step>": one colon, no capital after it (eyes-final5b R14) */
    /* changed by fixV eyes-final9 W17: the handoff's own action dates it, as the CEO agenda does */
    assert_contains(md, "- Decision: Cabin to list on VRBO (5% commission), by 2026-11-30; name "
                        "its owner.\n");
    free(md);
    /* reports.md, CMO headline 3 (eyes-final9 W17): the step keeps its
     * action's owner and date, the CEO agenda's; a step the plan made keeps
     * its window */
    static const char owned[] = "# Cabin\n\n- Owner: The Delgado family\n\n"
                                "## Marketing\n- VRBO: 5% (ota)\n  - Setup days: 2\n\n"
                                "## Actions\n- List Cabin on VRBO: $0 (high)\n";
    md = render_one("cabin", owned, NULL, NULL, PERSONA_CMO);
    assert_contains(md, "- Decision: Cabin to list on VRBO (5% commission), owner The Delgado "
                        "family, by 2026-11-30.\n");
    assert_contains(md, "- List on VRBO (5% commission), by 2026-11-30\n");
    free(md);
    char *ceo = render_one("cabin", owned, NULL, NULL, PERSONA_CEO);
    assert_row(after(ceo, "## 30-day agenda"), "2026-11-30", "List Cabin on VRBO");
    free(ceo);
    static const char unnamed[] = "# Cabin\n\n- Owner: The Delgado family\n\n"
                                  "## Marketing\n- VRBO: 5% (ota)\n  - Setup days: 2\n";
    md = render_one("cabin", unnamed, NULL, NULL, PERSONA_CMO);
    assert_contains(md, "- Decision: Cabin to list on VRBO (5% commission), within 30 days.\n");
    free(md);
}

/* reports.md, CMO Plans, "Revenue gap" (eyes-ea E18): a business that
 * burns has a plan that opens with what marketing has to bring. */
static void test_cmo_plan_of_a_burning_business_opens_with_its_revenue_gap(void **state)
{
    (void)state;
    static const char school[] = "# School\n\n## Revenue\n- Lessons: $95/lesson\n\n"
                                 "## Expenses\n- Instructor: $42.85/lesson (variable)\n"
                                 "- Dock: $1,895/month (fixed)\n\n"
                                 "## KPIs\n- Lessons per month: 30\n- Average lesson price: $95\n\n"
                                 "## Marketing\n- Email list recipients: 800\n- Blast open rate: 35%\n"
                                 "- Blast click rate: 5%\n- Blast conversion rate: 15%\n";
    char *md = render_one("school", school, NULL, NULL, PERSONA_CMO);
    /* 30 × ($95 − $42.85) = $1,564.50 against $1,895: $330.50, said $331
     * (rendering.md, "Monthly results in whole dollars"); ceil(1,895 ÷ 52.15) = 37 */
    assert_contains(after(md, "## Plan: School"),
                    "### Revenue gap\n\nSchool burns $331/month: it needs 7 more lessons a month "
                    "to break even (37; it sells 30); one send to its 800-recipient list could "
                    "bring about 2 lessons ($200 of bookings).\n");
    assert_not_contains(md, "Nothing to plan for School");
    free(md);
}

/* reports.md, CTO's Data quality (eyes-ea E8): a missing volume KPI is
 * asked by the CFO, whose figures need it, not by the CTO. */
static void test_cto_asks_only_for_tech_lines(void **state)
{
    (void)state;
    static const char desk[] = "# Desk\n\n## Expenses\n- Client site visits: $75/visit (variable)\n"
                               "- Hosting: $20/month (tech)\n";
    char *cto = render_one("desk", desk, NULL, NULL, PERSONA_CTO);
    char *cfo = render_one("desk", desk, NULL, NULL, PERSONA_CFO);
    assert_not_contains(after(cto, "## Data quality"), "to the KPIs of");
    /* the CFO's asks it once, through the model's diagnostic (reports.md, Data quality, G5) */
    assert_contains(after(cfo, "## Data quality"), "add the KPI \"Visits per month\"");
    free(cto);
    free(cfo);
}

/* reports.md, CMO headline 1 (check20 E10): with no `## Marketing` in
 * scope a Facebook ads expense is no channel: the headline says no
 * business states its marketing, once, and names the spend as bringing no
 * stated figure. */
static void test_cmo_headline_says_no_business_states_its_marketing_and_names_the_spend_once(void **state)
{
    (void)state;
    char *md = render_two("course", "# Course\n\n## Revenue\n- Fees: $2,000/month\n\n"
                                    "## Expenses\n- Facebook ads: $500/month (marketing)\n",
                          "desk", "# Desk\n\n## Revenue\n- Fees: $1,000/month\n", PERSONA_CMO,
                          REPORT_SCOPE_PORTFOLIO);
    assert_contains(md, "- No business states its marketing: add a `## Marketing` section to each "
                        "handoff; the only marketing spend is Course's Facebook ads, $500/month, "
                        "with no figure of what it brings.\n");
    assert_not_contains(md, "- Channels:");
    /* asked once: the plans do not ask each handoff again (eyes-final7 U5) */
    assert_not_contains(md, "No `## Marketing` section: add one to");
    free(md);
    md = render_one("course", "# Course\n\n## Revenue\n- Fees: $2,000/month\n\n"
                              "## Expenses\n- Facebook ads: $500/month (marketing)\n",
                    NULL, NULL, PERSONA_CMO);
    assert_contains(md, "- Course states no marketing: add a `## Marketing` section to its "
                        "handoff; its only marketing spend is Facebook ads, $500/month, with no "
                        "figure of what it brings.\n");
    free(md);
}

/* reports.md, CMO headline 1 (check14 B7): E counts the entities that
 * hold a channel, and says how many are in scope when fewer. */
static void test_cmo_channels_count_the_entities_that_hold_one(void **state)
{
    (void)state;
    char *md = render_two("shop", "# Shop\n\n## Marketing\n- Instagram followers: 900\n", "desk",
                          "# Desk\n\n## Revenue\n- Fees: $1,000/month\n", PERSONA_CMO,
                          REPORT_SCOPE_PORTFOLIO);
    /* changed by fixZb Z16: reports.md CMO headline 1, "businesses"; listings and channels when they differ */
    assert_contains(md, "- Channels: 1 across 1 business (of 2 in scope), none to set up.\n");
    free(md);
}

/* reports.md, CTO Dev-cycle improvements (check17 E10): a table in which
 * no row has a cost has no Cost column; a tech action's cost brings it. */
static void test_cto_dev_cycle_has_a_cost_column_only_when_a_row_has_a_cost(void **state)
{
    (void)state;
    static const char lab[] = "# Lab\n\n- Site: lab\n\n## Revenue\n- Sales: $1,000/month\n\n"
                              "## Tech\n- CI: none\n- Backups: nightly\n";
    char *md = render_one("lab", lab, "sites/lab/index.html", "<html></html>\n", PERSONA_CTO);
    const char *dev = after(md, "## Dev-cycle improvements");
    assert_contains(dev, "| Effort | Where ");
    assert_not_contains(dev, " Cost |");
    free(md);
    static const char costed[] = "# Lab\n\n- Site: lab\n\n## Revenue\n- Sales: $1,000/month\n\n"
                                 "## Tech\n- CI: none\n- Backups: nightly\n\n"
                                 "## Actions\n- Move hosting: $1,200 (low, tech)\n";
    md = render_one("lab", costed, "sites/lab/index.html", "<html></html>\n", PERSONA_CTO);
    assert_contains(after(md, "## Dev-cycle improvements"), " Cost | Where ");
    free(md);
}

/* handoff-format.md rule 5 (eyes-ea E20): a business that sells no unit
 * gets a blast worth so much "of sales", not bookings. */
static void test_a_blast_of_a_business_without_units_is_of_sales(void **state)
{
    (void)state;
    static const char saas[] = "# App\n\n## Marketing\n- Email list recipients: 5,000\n"
                               "- Blast open rate: 30%\n- Blast click rate: 4%\n"
                               "- Blast conversion rate: 2%\n- Blast value per conversion: $240\n"
                               "- Blast cost per send: $60\n";
    char *md = render_one("app", saas, NULL, NULL, PERSONA_CMO);
    /* 5,000 × 30% × 4% × 2% = 1.2 conversions × $240 = $288 */
    assert_contains(md, "is worth **$288** of sales");
    /* changed by fixCm S8: reports.md CMO headline 2, one blast model in scope reads "E-mail blast" */
    assert_contains(md, "- E-mail blast: App, $228 of sales per send after its $60 cost.\n");
    assert_not_contains(md, "bookings");
    free(md);
}

/* reports.md, CTO, Dev-cycle (eyes-final9 W8): with no site in scope the
 * report never gives a clean bill nobody checked. */
static void test_cto_without_a_site_says_no_site_inspected_never_no_security_gap(void **state)
{
    (void)state;
    static const char shop[] = "# Shop\n\n- Owner: Ana Ruiz\n\n"
                               "## Revenue\n- Sales: $2,000/month\n\n"
                               "## Expenses\n- Rent: $500/month (fixed)\n";
    char *md = render_one("shop", shop, NULL, NULL, PERSONA_CTO);
    assert_contains(md, "no site inspected");
    assert_not_contains(md, "no security gap");
    free(md);
}

static void test_cto_dev_cycle_is_deduplicated_and_ranked_by_severity_then_effort(void **state)
{
    (void)state;
    char *md = render_pair(PERSONA_CTO);
    const char *gaps = after(md, "## Security gaps");
    /* named by what leaked (docs/reports.md, CTO, "What leaked") */
    assert_contains(gaps, "- **critical** (effort 1 hour): hard-coded password and token at "
                          "`sites/shop/deploy.py:1, 2`");
    const char *dev = after(md, "## Dev-cycle improvements");
    const char *key = after(dev, "Move the password out of the code: rotate the password and token now");
    /* Backups: (missing) is not recorded, not none (reports.md, CTO; eyes-final9 W2) */
    const char *backups = after(dev, "confirm backups exist and test a restore");
    const char *ci = after(dev, "set up CI: build and test every push");
    assert_true(key < backups && backups < ci);
    assert_null(strstr(key + 1, "Move the password out of the code")); /* listed once */
    assert_row(dev, "| high", "confirm backups exist", "half a day",
               "agent_handoffs/projects/shop.md:15");
    assert_row(dev, "| medium", "set up CI", "1 day", "agent_handoffs/projects/shop.md:14");
    /* Books has a Tech section but no site: no code to build or restore, so
     * it is asked for neither (reports.md, CTO; eyes-ea E8) */
    assert_not_contains(after(md, "## Data quality"), "add `CI: ...`");
    assert_not_contains(after(md, "## Data quality"), "add `Backups: ...`");
    /* only the severities found, the one finding named (reports.md CTO
     * headline 1; check17 E10) */
    /* changed by fix20d Q10: docs/reports.md CTO headline 1 "in the only site inspected (F
     * files)" */
    assert_contains(after(md, "## Headline"),
                    "- Security: **1 critical** finding (Shop: hard-coded password and token) "
                    "in the only site inspected (1 file).\n");
    free(md);
}

/* reports.md, CTO headline 1 (fixR S18): with several severities the count
 * comes first, "2 findings (1 critical, 1 medium)", never "1 critical, 1
 * medium findings", a list without its noun. */
static void test_cto_security_headline_says_the_count_of_findings_first(void **state)
{
    (void)state;
    static const char shop_two[] = "# Shop\n\n- Site: shop\n- Owner: Ana Ruiz\n\n"
                                   "## Revenue\n- Sales: $1,000/month\n\n"
                                   "## Expenses\n- Rent: $800/month (fixed)\n\n"
                                   "## Tech\n- CI: none\n- Backups: daily\n";
    char *root = fixture_tempdir();
    fixture_handoff(root, "shop", shop_two);
    fixture_write(root, "sites/shop/deploy.py", "db_password = \"first-long-pass\"\n");
    fixture_write(root, "sites/shop/index.html",
                  "<html><body><a href=\"http://example.com/page\">x</a></body></html>\n");
    portfolio *p = fixture_load(root);
    char *md = fixture_render(p, PERSONA_CTO, REPORT_SCOPE_PORTFOLIO);
    model_portfolio_free(p);
    fixture_remove(root);
    assert_contains(after(md, "## Headline"), "- Security: 2 findings (**1 critical**, 1 medium) in "
                                              "the only site inspected (2 files).\n");
    assert_not_contains(md, "medium findings");
    free(md);
}

static const char boats[] = "# Boats\n\n## Marketing\n- Email list recipients: 900\n"
                            "- Sailo: 12% (ota)\n  - Setup days: 1\n"
                            "- Viator: 20% (ota)\n  - Setup days: 5\n"
                            "- Google Business Profile: not claimed (seo, missing, high)\n";
static const char rooms[] = "# Rooms\n\n## Marketing\n- Instagram followers: 4,800\n"
                            "- Airbnb: 3% (ota)\n  - Setup days: 2\n"
                            "- Google Business Profile: claimed (seo)\n";

/* reports.md, Channel matrix (eyes-final5b R13, R14): a grid whose cells
 * are mostly `—` is written Channel · Listed by, each channel one row
 * naming only the entities that list it, no `—`; `Email …` is
 * written `E-mail …`; a business whose only steps would be to maintain its
 * channels has a one-line plan. */
static void test_cmo_a_mostly_empty_matrix_lists_each_channel_once_and_upkeep_is_one_line(
    void **state)
{
    (void)state;
    const char *ids[] = {"studio", "boats", "rooms"};
    const char *markdown[] = {"# Studio\n\n## Marketing\n- Portfolio site: studio.example.com (seo)\n",
                              "# Boats\n\n## Marketing\n- Email list recipients: 900\n"
                              "- Instagram followers: 1,200\n- Google Business Profile: claimed (seo)\n",
                              "# Rooms\n\n## Marketing\n- Email newsletter: monthly\n"
                              "- Google Business Profile: not claimed (seo, missing)\n"};
    char *root;
    portfolio *p = fixture_portfolio(&root, ids, markdown, 3);
    char *md = fixture_render(p, PERSONA_CMO, REPORT_SCOPE_PORTFOLIO);
    model_portfolio_free(p);
    fixture_remove(root);
    const char *matrix = after(md, "## Channel matrix");
    assert_row(matrix, "| Channel", "| Listed by");
    assert_row(matrix, "| E-mail list", "| Boats: 900 recipients");
    assert_row(matrix, "| E-mail newsletter", "| Rooms: monthly");
    assert_row(matrix, "| Google Business Profile", "| Boats: claimed; Rooms: MISSING");
    assert_not_contains(matrix, "— |");
    assert_contains(md, "## Plan: Studio\n\nNothing to set up in agent_handoffs/projects/studio.md: "
                        "keep its Portfolio site (studio.example.com) as it is.\n");
    assert_not_contains(md, "1. Maintain Portfolio site");
    free(md);
}

/* reports.md CMO headline 1 (eyes-final5b R7): "none to set up" only when
 * no channel is missing and no OTA is still to list; a platform the
 * business is already on is not one; and the OTA table has no setup-days
 * column that no row knows (R14). */
static void test_cmo_headline_names_the_otas_still_to_list(void **state)
{
    (void)state;
    char *md = render_one("lodge",
                          "# Lodge\n\n## Revenue\n- Stays: $2,000/month\n\n"
                          "## Marketing\n- Airbnb: 3% (ota, listed)\n- VRBO: 8% (ota)\n"
                          "- Booking.com: 15% (ota)\n",
                          NULL, NULL, PERSONA_CMO);
    /* changed by fixZb Z16: reports.md CMO headline 1, "businesses"; listings and channels when they differ */
    assert_contains(md, "- Channels: 1 across 1 business; 2 OTAs still to list for Lodge (VRBO 8%, "
                        "Booking.com 15%).\n");
    assert_not_contains(md, "none to set up");
    assert_not_contains(md, "Setup days |");
    assert_not_contains(md, "| ? |");
    free(md);
    char *none = render_one("lodge",
                            "# Lodge\n\n## Revenue\n- Stays: $2,000/month\n\n"
                            "## Marketing\n- Airbnb: 3% (ota, listed)\n",
                            NULL, NULL, PERSONA_CMO);
    /* changed by fixZb Z16: reports.md CMO headline 1, "businesses"; listings and channels when they differ */
    assert_contains(none, "- Channels: 1 across 1 business, none to set up.\n");
    free(none);
}

static void test_cmo_matrix_and_ota_order_per_business(void **state)
{
    (void)state;
    char *md = render_two("boats", boats, "rooms", rooms, PERSONA_CMO, REPORT_SCOPE_PORTFOLIO);
    const char *matrix = after(md, "## Channel matrix");
    assert_row(matrix, "| Channel", "| Boats", "| Rooms");
    assert_row(matrix, "| E-mail list", "900 recipients", "—"); /* one spelling (R14) */
    assert_row(matrix, "| Instagram", "—", "4,800 followers");
    /* changed by fixC1 A4: docs/reports.md Channel matrix, candidates the business is not on
     * yet follow "not listed yet —" */
    assert_row(matrix, "| OTAs (commission)", "not listed yet \u2014 Sailo 12%, Viator 20%",
               "not listed yet \u2014 Airbnb 3%");
    assert_row(matrix, "| Google Business Profile", "MISSING", "claimed");
    /* Airbnb (3%) is Rooms' own step, never ahead of Boats' platforms */
    assert_contains(after(md, "## Plan: Boats"), "Sequence: **Sailo \u2192 Viator**");
    assert_contains(after(md, "## Plan: Rooms"), "Sequence: **Airbnb**");
    assert_not_contains(md, "Airbnb \u2192");
    /* the OTAs not listed yet are channels to set up too (eyes-final5b R7) */
    assert_contains(after(md, "## Headline"),
                    /* changed by fixZb Z16: 6 listings on the matrix's 4 channel rows */
                    /* changed by fixC1 A4: docs/reports.md CMO headline 1 counts only live
                     * listings: E-mail list (Boats), Instagram and the claimed profile (Rooms);
                     * the MISSING profile and the OTAs not listed yet are named after */
                    "- Channels: 3 across 2 businesses, 1 to set up: "
                    "Google Business Profile (Boats); "
                    "2 OTAs still to list for Boats (Sailo 12%, Viator 20%), 1 OTA still to list "
                    "for Rooms (Airbnb 3%).");
    /* the handoff's own high step (the missing profile tagged high) before OTA step 1
     * (reports.md, CMO headline 3, eyes-ea E13) */
    assert_contains(after(md, "## Headline"), "- Decision: Boats to set up Google Business Profile, "
                                              "within 30 days.");
    free(md);
}

/* Seven businesses: one column each would not read; counts per channel do. */
static void test_cmo_matrix_above_six_entities_counts_each_channel(void **state)
{
    (void)state;
    const char *ids[] = {"b1", "b2", "b3", "b4", "b5", "b6", "b7"};
    const char *markdown[7];
    for (size_t i = 0; i < 7; i++)
        markdown[i] = i < 2 ? boats : rooms;
    char *root;
    portfolio *p = fixture_portfolio(&root, ids, markdown, 7);
    char *md = fixture_render(p, PERSONA_CMO, REPORT_SCOPE_PORTFOLIO);
    model_portfolio_free(p);
    fixture_remove(root);
    const char *matrix = after(md, "## Channel matrix");
    assert_row(matrix, "| Channel", "| Listed by", "| Missing");
    assert_row(matrix, "| Instagram", "5 of 7", "0");
    /* changed by fixC1 A4: docs/reports.md Channel matrix, "Listed by" counts the live
     * listings (headline 1's count); the 2 MISSING are under Missing */
    assert_row(matrix, "| Google Business Profile", "5 of 7", "2");
    assert_row(matrix, "| OTAs (commission)", "0 of 7", "7"); /* none on one yet */
    assert_not_contains(matrix, "| Boats");
    free(md);
}

/* A snack-box subscription: 4,000 × 35% × 5% × 10% = 7 conversions. */
#define BOX_HEAD                                                                                   \
    "# Box\n\n## Revenue\n- Kits: $36/kit\n\n"                                                     \
    "## Expenses\n- Contents: $14/kit (variable)\n- Rent: $1,000/month (fixed)\n%s\n"              \
    "## KPIs\n- Kits per month: 650\n- Average kit price: $36\n- Kits available per month: 800\n"  \
    "- Subscriber churn: (missing)\n%s\n"                                                          \
    "## Marketing\n- Email list recipients: 4,000\n- Blast open rate: 35%%\n"                      \
    "- Blast click rate: 5%%\n- Blast conversion rate: 10%%\n- Blast cost per send: $40\n"

static char *render_box(const char *expense, const char *kpi)
{
    char *markdown = NULL;
    if (asprintf(&markdown, BOX_HEAD, expense, kpi) < 0)
        abort();
    char *md = render_one("box", markdown, NULL, NULL, PERSONA_CMO);
    free(markdown);
    return md;
}

/* handoff-format.md rule 5, "What a send adds after unit costs"
 * (eyes-final2b K15): a $21 order of $14 bowls is 1.5 bowls, so each
 * conversion costs 1.5 × $4 = $6: 7 × ($21 − $6) − $40 = $65, not
 * 7 × ($21 − $4) − $40 = $79. */
static void test_cmo_a_conversion_worth_an_order_costs_the_units_the_order_buys(void **state)
{
    (void)state;
    char *md = render_one("bowls",
                          "# Bowls\n\n## Revenue\n- Bowls: $14/bowl\n\n"
                          "## Expenses\n- Food: $4/bowl (variable)\n- Rent: $1,000/month (fixed)\n\n"
                          "## KPIs\n- Bowls per month: 500\n- Average bowl price: $14\n"
                          "- Average order value: $21\n\n"
                          "## Marketing\n- Email list recipients: 4,000\n- Blast open rate: 35%\n"
                          "- Blast click rate: 5%\n- Blast conversion rate: 10%\n"
                          "- Blast cost per send: $40\n",
                          NULL, NULL, PERSONA_CMO);
    assert_contains(md, "Sales are not profit: after $6 of costs per order (1.5 bowls at $4), one "
                        "send adds **$65**.");
    assert_contains(md, "| Cost per order sold   |    $6 |");
    free(md);
}

/* handoff-format.md rule 5, "A stay of several units" (eyes-final2b K10):
 * 12 nights in 4 stays is 3 nights, so a conversion is worth 3 × $200 =
 * $600 and costs 3 × $10 + $90 of cleaning = $120: 4,000 × 35% × 5% × 10%
 * = 7 conversions, $4,200, after costs 7 × $480 − $40 = $3,320. */
static void test_cmo_a_conversion_of_a_business_selling_stays_books_a_whole_stay(void **state)
{
    (void)state;
    char *md = render_one("cabin",
                          "# Cabin\n\n## Revenue\n- Nights: $200/night\n\n"
                          "## Expenses\n- Linens: $10/night (variable)\n"
                          "- Cleaning: $90/stay (variable)\n- Mortgage: $1,500/month (fixed)\n\n"
                          "## KPIs\n- Nights per month: 12\n- Stays per month: 4\n"
                          "- Average night price: $200\n\n"
                          "## Marketing\n- Email list recipients: 4,000\n- Blast open rate: 35%\n"
                          "- Blast click rate: 5%\n- Blast conversion rate: 10%\n"
                          "- Blast cost per send: $40\n",
                          NULL, NULL, PERSONA_CMO);
    assert_contains(md, "Cabin: one blast to **4,000 recipients** is worth **$4,200** of bookings");
    /* a night at $10 + $90 ÷ 3 = $40, the CFO's figure (eyes-final6a T4) */
    assert_contains(md, "Bookings are not profit: after $120 of costs per stay (3 nights at $40, "
                        "cleaning included), one send adds **$3,320**.");
    assert_contains(md, "Value per conversion $600: 3 nights at the Average night price KPI, the "
                        "stay the KPIs give");
    free(md);
}

/* handoff-format.md rule 5, "Capacity cap" (eyes-final2b K10/K15): the
 * cap counts nights, and a stay takes 3 of them. */
static void test_cmo_the_capacity_cap_counts_units_a_stay_takes_several(void **state)
{
    (void)state;
    char *md = render_one("cabin",
                          "# Cabin\n\n## Revenue\n- Nights: $200/night\n\n"
                          "## Expenses\n- Linens: $10/night (variable)\n"
                          "- Mortgage: $1,500/month (fixed)\n\n"
                          "## KPIs\n- Nights per month: 12\n- Stays per month: 4\n"
                          "- Nights available per month: 18\n- Average night price: $200\n\n"
                          "## Marketing\n- Email list recipients: 4,000\n- Blast open rate: 35%\n"
                          "- Blast click rate: 5%\n- Blast conversion rate: 10%\n"
                          "- Blast cost per send: $40\n",
                          NULL, NULL, PERSONA_CMO);
    /* 7 stays modelled; 6 spare nights take 2 stays of 3: 2 × $600 */
    assert_contains(md, "Cabin: one blast to **4,000 recipients** is worth **$1,200** of bookings");
    assert_contains(md, "Capped at 6 spare nights a month (18 available, 12 sold): the list could "
                        "bring 2 stays (7 if there were room).");
    free(md);
}

/* A kit subscription whose lifetime comes from a 5% churn (rule 5). */
#define BOX_WITH_CHURN                                                                            \
    "# Box\n\n## Revenue\n- Kits: $36/kit\n\n"                                                  \
    "## Expenses\n- Contents: $14/kit (variable)\n- Rent: $1,000/month (fixed)\n\n"              \
    "## KPIs\n- Kits per month: 650\n- Average kit price: $36\n- Subscriber churn: 5%\n\n"      \
    "## Marketing\n- Email list recipients: 4,000\n- Blast open rate: 35%\n"                     \
    "- Blast click rate: 5%\n- Blast conversion rate: 10%\n- Blast cost per send: $40\n"

/* handoff-format.md rule 5, "A subscription" (eyes-final3a M3): without
 * `Customer lifetime`, a 5% monthly churn gives 1 ÷ 0.05 = 20 months, so a
 * conversion is worth 20 × $36 = $720: 7 × $720 = $5,040, net $5,000. */
static void test_cmo_a_subscription_takes_its_lifetime_from_its_churn(void **state)
{
    (void)state;
    char *md = render_one("box",
                          BOX_WITH_CHURN,
                          NULL, NULL, PERSONA_CMO);
    /* rule 5, "What a subscriber adds a month" (eyes-final5b R1): 7 × $36 first */
    /* changed by fixB5 eyes-final18 W10: handoff-format.md rule 5, a life from 1 ÷ churn is said as assumed */
    assert_contains(md, "Box: one blast to **4,000 recipients** could bring 7 subscribers, **+$252 "
                        "a month**, worth **$5,040** of sales over an assumed 20-month life; net of "
                        "its $40 cost per send, **$5,000**.");
    assert_contains(md, "Value per conversion $720: the Average kit price KPI × the 20 months a "
                        "subscriber stays at the 5% Subscriber churn (1 ÷ churn; `Customer "
                        "lifetime: N months` replaces it)");
    assert_not_contains(md, "one kit only");
    free(md);
}

/* reports.md Audit rule 10, an action that sends the blast (eyes-final5a
 * Q9): its cost is a send's ($20), never the action's "no cost", and it
 * says what the send could bring: 2,500 × 40% × 4–6% × 5% = 2–3 orders of
 * $72 (2.4 mugs each), $144–$216. */
static void test_audit_a_blast_action_costs_a_send_and_says_what_it_could_bring(void **state)
{
    (void)state;
    char *md = render_one("studio",
                          "# Studio\n\n## Revenue\n- Mugs: $30/mug\n\n"
                          "## Expenses\n- Clay: $9.50/mug (variable)\n- Rent: $400/month (fixed)\n\n"
                          "## KPIs\n- Mugs per month: 150\n- Average order value: $72\n"
                          "- Average mug price: $30\n\n"
                          "## Marketing\n- Email list recipients: 2,500\n- Blast open rate: 40%\n"
                          "- Blast click rate: 4–6%\n- Blast conversion rate: 5%\n"
                          "- Blast cost per send: $20\n\n"
                          "## Actions\n- Send the first blast to the e-mail list: $0 (medium)\n",
                          NULL, NULL, PERSONA_AUDIT);
    const char *recs = after(md, "## Recommendations");
    assert_contains(recs, "Send the first blast to the e-mail list ($20 a send, medium priority; "
                          "agent_handoffs/projects/studio.md:23): if the assumed rates hold, 2–3 "
                          "orders, $144–$216 of sales");
    assert_not_contains(recs, "no cost");
    free(md);
}

/* handoff-format.md rule 5, "What a subscriber adds a month" (eyes-final5b
 * R1): beside a monthly burn a lifetime value reads as a month's sales, so
 * every CMO sentence says the month first (7 subscribers × $36 = +$252 a
 * month) and the lifetime once, in brackets; the decision says the month. */
static void test_cmo_a_subscription_blast_says_what_it_adds_a_month_before_its_lifetime(
    void **state)
{
    (void)state;
    char *md = render_one("box", BOX_WITH_CHURN, NULL, NULL, PERSONA_CMO);
    const char *headline = after(md, "## Headline");
    /* changed by fixP eyes-final8 U13: headline 2 holds two figures; the
     * month and the lifetime are the blast section's, month first there */
    /* changed by fixCm S8: reports.md CMO headline 2, one blast model in scope reads "E-mail blast" */
    /* changed by fixB5 eyes-final18 W10: handoff-format.md rule 5, a life from 1 ÷ churn is said as assumed */
    assert_contains(headline, "- E-mail blast: Box, 7 subscribers per send, adding $3,040 "
                              "after costs over an assumed 20-month life (1 ÷ 5% churn).\n");
    assert_contains(after(md, "## E-mail blast"), "could bring 7 subscribers, **+$252 a month**, "
                                                  "worth **$5,040** of sales over an assumed "
                                                  "20-month life");
    assert_contains(headline, "- Decision: send the Box blast (7 subscribers, +$252 a month), "
                              "within 30 days.");
    /* changed by fixV eyes-final9 W17: the step says who sends it and when */
    assert_contains(after(md, "## Plan: Box"), "### E-mail blast\n\nSend the blast to the "
                                               "4,000-recipient list (name its owner, within 30 "
                                               "days): 7 subscribers, +$252 a month "
                                               /* changed by fixB5 eyes-final18 W10: the life from
                                                * churn is said as assumed */
                                               "(about $5,000 of sales over an assumed 20-month "
                                               "life, after its $40 cost)");
    free(md);
}

/* handoff-format.md rule 5, "What a send adds after unit costs" (check17
 * D1, A5): a subscriber's cost is its lifetime's, 20 months × $14 = $280,
 * so 7 × ($720 − $280) − $40 = $3,040; the headline says the lifetime came
 * from the churn. */
static void test_cmo_a_subscribers_cost_is_the_lifetimes_and_the_headline_names_the_churn(
    void **state)
{
    (void)state;
    char *md = render_one("box",
                          BOX_WITH_CHURN,
                          NULL, NULL, PERSONA_CMO);
    assert_contains(md, "Sales are not profit: after $280 of costs per subscriber (20 months at "
                        "$14), one send adds **$3,040**.");
    /* changed by fixP eyes-final8 U13: the headline holds two figures; the
     * lifetime's cost is said above, in the blast section */
    /* changed by fixCm S8: reports.md CMO headline 2, one blast model in scope reads "E-mail blast" */
    /* changed by fixB5 eyes-final18 W10: handoff-format.md rule 5, a life from 1 ÷ churn is said as assumed */
    assert_contains(md, "- E-mail blast: Box, 7 subscribers per send, adding $3,040 after "
                        "costs over an assumed 20-month life (1 ÷ 5% churn).\n");
    assert_contains(md, "| Cost per subscriber sold |");
    assert_not_contains(md, "$14 of costs per kit");
    free(md);
}

/* handoff-format.md rule 5, "A stay of several units" (check17 D2): the
 * revenue-gap plan counts a send in stays and the nights they book, 7
 * stays of 3 nights = 21 nights ($4,200), never "7 nights". */
static void test_cmo_the_gap_plan_counts_a_stay_blast_in_stays_and_their_nights(void **state)
{
    (void)state;
    char *md = render_one("cabin",
                          "# Cabin\n\n## Revenue\n- Nights: $200/night\n\n"
                          "## Expenses\n- Linens: $10/night (variable)\n"
                          "- Mortgage: $3,000/month (fixed)\n\n"
                          "## KPIs\n- Nights per month: 12\n- Stays per month: 4\n"
                          "- Average night price: $200\n\n"
                          "## Marketing\n- Email list recipients: 4,000\n- Blast open rate: 35%\n"
                          "- Blast click rate: 5%\n- Blast conversion rate: 10%\n"
                          "- Blast cost per send: $40\n",
                          NULL, NULL, PERSONA_CMO);
    assert_contains(md, "one send to its 4,000-recipient list could bring about 7 stays (21 nights, "
                        "$4,200 of bookings)");
    free(md);
}

/* reports.md, CMO "OTA order" (eyes-final4 P10): a platform the business
 * is already on is no step: tagged `listed`, or presumed from a booking
 * fee of the same percent (said so); two candidates at that percent: no
 * presumption. */
static void test_cmo_a_platform_the_business_is_already_on_is_no_ota_step(void **state)
{
    (void)state;
    char *fee = render_one("cabin",
                           "# Cabin\n\n## Revenue\n- Stays: $2,000/month\n\n"
                           "## Expenses\n- OTA service fee: 3% (variable)\n\n"
                           "## Marketing\n- Airbnb: 3% (ota)\n  - Setup days: 0\n"
                           "- VRBO: 5% (ota)\n  - Setup days: 2\n",
                           NULL, NULL, PERSONA_CMO);
    assert_contains(fee, "Already on Airbnb (presumed: it pays a 3% OTA service fee, "
                         "agent_handoffs/projects/cabin.md:7; tag it `(ota, listed)` to confirm");
    assert_contains(fee, "Sequence: **VRBO**: its only OTA candidate.");
    free(fee);
    char *tagged = render_one("cabin",
                              "# Cabin\n\n## Revenue\n- Stays: $2,000/month\n\n"
                              "## Marketing\n- Airbnb: 3% (ota, listed)\n  - Setup days: 0\n"
                              "- VRBO: 5% (ota)\n  - Setup days: 2\n",
                              NULL, NULL, PERSONA_CMO);
    assert_contains(tagged, "Already on Airbnb (3% commission).");
    assert_not_contains(tagged, "List on Airbnb");
    free(tagged);
    char *two = render_one("cabin",
                           "# Cabin\n\n## Revenue\n- Stays: $2,000/month\n\n"
                           "## Expenses\n- OTA service fee: 3% (variable)\n\n"
                           "## Marketing\n- Airbnb: 3% (ota)\n  - Setup days: 0\n"
                           "- Hipcamp: 3% (ota)\n  - Setup days: 1\n",
                           NULL, NULL, PERSONA_CMO);
    assert_not_contains(two, "Already on");
    free(two);
}

/* handoff-format.md rule 5, "A subscription" and "of sales" (eyes-final G12). */
static void test_cmo_a_subscription_without_a_lifetime_is_one_kit_only_and_asks_for_it(void **state)
{
    (void)state;
    char *md = render_box("", "");
    /* 7 × $36 = $252 of sales, not bookings: kits are sold, not booked */
    assert_contains(md, "Box: one blast to **4,000 recipients** is worth **$252** of sales; net of "
                        "its $40 cost per send, **$212**.");
    assert_contains(md, "Sales are not profit: after $14 of costs per kit, one send adds **$114**.");
    assert_contains(md, "Value per conversion $36: the Average kit price KPI, one kit only; a "
                        "subscriber who stays is worth more (add `Customer lifetime: N months` to "
                        "the KPIs of agent_handoffs/projects/box.md, or set `Blast value per "
                        "conversion`).");
    /* the sentence above is the one ask (reports.md, "Each ask is made once"; R9) */
    assert_not_contains(after(md, "## Data quality"), "`Customer lifetime: N months`");
    assert_not_contains(md, "of bookings");
    /* changed by fixP eyes-final8 U13: two figures in the headline */
    /* changed by fixCm S8: reports.md CMO headline 2, one blast model in scope reads "E-mail blast" */
    assert_contains(md, "- E-mail blast: Box, 7 kits per send, adding $114 after costs (one "
                        "kit per subscriber; one who stays is worth more).\n");
    /* rule 5, rounding: no factor is a range, so one column */
    assert_contains(md, "| Factor                | Value |");
    free(md);
}

static void test_cmo_a_subscription_with_a_lifetime_counts_every_month_of_it(void **state)
{
    (void)state;
    char *md = render_box("", "- Customer lifetime: 10 months\n");
    /* a conversion is 10 kits: 7 × $360 = $2,520; 7 × ($360 − $140) − $40 = $1,500 */
    assert_contains(md, "could bring 7 subscribers, **+$252 a month**, worth **$2,520** of sales "
                        "over their 10-month life; net of its $40 cost per send, **$2,480**.");
    assert_contains(md, "one send adds **$1,500**.");
    assert_contains(md, "Value per conversion $360: the Average kit price KPI × the 10-month "
                        "Customer lifetime (a subscriber pays every month)");
    assert_not_contains(md, "one kit only");
    /* changed by fixP eyes-final8 U13: two figures in the headline */
    /* changed by fixCm S8: reports.md CMO headline 2, one blast model in scope reads "E-mail blast" */
    assert_contains(md, "- E-mail blast: Box, 7 subscribers per send, adding $1,500 after "
                        "costs over their life.\n");
    free(md);
}

/* reports.md CMO, channel matrix and Plans "Marketing spend", "E-mail
 * blast" (eyes-final G11). */
static void test_cmo_a_marketing_spend_is_a_channel_whose_plan_asks_for_the_kpi_that_measures_it(
    void **state)
{
    (void)state;
    char *md = render_box("- Instagram ads: $600–900/month (variable)\n", "");
    assert_contains(md, "| Instagram ads | $600–$900/month  |");
    const char *plan = after(md, "## Plan: Box");
    /* one business in scope: "the best return in scope" would say nothing */
    /* changed by fixV eyes-final9 W17: the step says who sends it and when */
    assert_contains(plan, "### E-mail blast\n\nSend the blast to the 4,000-recipient list (name its "
                          "owner, within 30 days): $212 of "
                          "sales per send after its $40 cost; the 150 spare kits a month can take "
                          "every conversion.\n");
    /* changed by fixP eyes-final8 U15: an ask says why its answer matters */
    assert_contains(plan, "### Marketing spend\n\n- Instagram ads, $600–$900/month: no figure in "
                          "the file says what it brings: add `Kits from Instagram ads per month: "
                          "N` to the KPIs of agent_handoffs/projects/box.md, so the report can "
                          "tell whether the spend pays for itself.\n");
    assert_not_contains(md, "No marketing step");
    assert_not_contains(md, "Nothing to plan");
    free(md);
    md = render_box("- Instagram ads: $600–900/month (variable)\n",
                    "- Kits from Instagram ads per month: 40\n");
    assert_contains(md, "- Instagram ads, $600–$900/month: brings 40 (`Kits from Instagram ads per "
                        "month`).");
    assert_not_contains(after(md, "## Data quality"), "Kits from Instagram ads per month");
    free(md);
}

/* handoff-format.md rule 5, "A blast not sent yet" and "Rounding"; reports.md
 * CMO headline 2 (eyes-final G27). */
static void test_cmo_a_blast_not_sent_yet_is_if_the_assumed_rates_hold_in_whole_charters(
    void **state)
{
    (void)state;
    static const char boat[] = "# Boat\n\n## Revenue\n- Charters: $1,850/charter\n\n"
                               "## Expenses\n- Crew: $1,100/charter (variable)\n\n"
                               "## KPIs\n- Charters per month: 2\n- Average charter price: $1,850\n\n"
                               "## Marketing\n- Email list recipients: 3,676\n"
                               "- Blast open rate: 25–40%\n- Blast click rate: 3–8%\n"
                               "- Blast conversion rate: 20%\n\n"
                               "## Actions\n- Send the first blast to the e-mail list: $0 (medium)\n";
    char *md = render_one("boat", boat, NULL, NULL, PERSONA_CMO);
    /* 5.514–23.526 conversions: 5–24 whole charters; money from the exact ones */
    /* $10,200 of low bookings is more than Boat's $3,700 month: the
     * headline leads with the step, the range stays in the body
     * (reports.md, CMO headline 2; eyes-final4 P14) */
    /* changed by fixCm S8: reports.md CMO headline 2, one blast model in scope reads "E-mail blast" */
    assert_contains(md, "- E-mail blast: Boat's first, not sent yet: send it to its 3,676 "
                        "addresses and record opens, clicks and bookings; one charter from it "
                        "($750 margin) adds $750 to its $1,500/month surplus.\n");
    const char *matrix = after(md, "## Channel matrix");
    const char *range = strstr(md, "$10,200–$43,500");
    assert_true(range && range > matrix); /* not in the headline */
    assert_contains(md, "Boat, if the assumed rates hold (no blast sent yet): one blast to **3,676 "
                        "recipients** is worth **$10,200–$43,500** of bookings");
    assert_contains(md, "Send it and record the real rates (`Blast open rate`, `Blast click rate`, "
                        "`Blast conversion rate`) in place of the assumed ones.");
    assert_contains(md, "| Cost per send         | not stated | not stated |");
    assert_not_contains(md, "23.5 charters");
    assert_contains(md, "- Decision: send the first Boat blast and record its real rates, within "
                        "30 days.\n");
    free(md);
}

/* reports.md, CMO headline 2 (eyes-final4 P14): a business that loses
 * money hears what one unit from the first blast covers of its loss. */
static void test_cmo_an_unsent_blast_larger_than_a_month_leads_with_the_step(void **state)
{
    (void)state;
    static const char boat[] = "# Boat\n\n## Revenue\n- Charters: $1,850/charter\n\n"
                               "## Expenses\n- Crew: $1,100/charter (variable)\n"
                               "- Slip: $4,300/month (fixed)\n\n"
                               "## KPIs\n- Charters per month: 2\n- Average charter price: $1,850\n\n"
                               "## Marketing\n- Email list recipients: 3,676\n"
                               "- Blast open rate: 25–40%\n- Blast click rate: 3–8%\n"
                               "- Blast conversion rate: 20%\n\n"
                               "## Actions\n- Send the first blast to the e-mail list: $0 (medium)\n";
    char *md = render_one("boat", boat, NULL, NULL, PERSONA_CMO);
    /* loss 6,500 − 3,700 = 2,800; margin 750: 27% of it */
    /* changed by fixCm S8: reports.md CMO headline 2, one blast model in scope reads "E-mail blast" */
    assert_contains(md, "- E-mail blast: Boat's first, not sent yet: send it to its 3,676 "
                        "addresses and record opens, clicks and bookings; one charter from it "
                        "($750 margin) covers 27% of Boat's $2,800/month loss.\n");
    free(md);
}

/* reports.md CMO Plans "Revenue gap" (eyes-final2 H1): the revenue a
 * plan asks for is the CFO's break-even figure, more than the burn when a
 * cost moves with revenue. */
static void test_cmo_more_revenue_to_break_even_is_the_cfos_figure(void **state)
{
    (void)state;
    static const char firm[] = "# Firm\n\n## Revenue\n- Retainers: $10,000/month\n\n"
                               "## Expenses\n- Attorney payroll: $10,800/month (fixed)\n"
                               "- Card fees: 10% (variable)\n";
    /* burn 10,800 + 1,000 − 10,000 = 1,800; break-even 10,800 × 10,000 ÷
     * (10,000 − 1,000) = 12,000: $2,000 more revenue */
    char *md = render_one("firm", firm, NULL, NULL, PERSONA_CMO);
    assert_contains(after(md, "## Plan: Firm"),
                    "Firm burns $1,800/month: it needs $2,000 a month more revenue to break even "
                    "(costs that move with revenue grow with it).");
    free(md);
    md = render_one("firm", firm, NULL, NULL, PERSONA_CFO);
    assert_row(md, "| Firm", "$12,000", "short $2,000");
    free(md);
}

/* reports.md CMO Plans "No `## Marketing` section" and "Revenue gap"
 * (eyes-final G14): the plan asks for marketing, not a finance line. */
static void test_cmo_a_business_without_marketing_plans_from_its_quoted_work(void **state)
{
    (void)state;
    static const char firm[] = "# Firm\n\n## Revenue\n- Retainers: $9,000/month\n\n"
                               "## Clients\n- Florist lease dispute: $4,500 (quoted)\n\n"
                               "## Expenses\n- Attorney payroll: $8,500/month (fixed)\n"
                               "- Office rent: $1,800/month (fixed)\n";
    char *md = render_one("firm", firm, NULL, NULL, PERSONA_CMO);
    const char *plan = after(md, "## Plan: Firm");
    assert_contains(plan, "Firm burns $1,300/month: it needs $1,300 a month more revenue to break "
                          "even.\n");
    assert_contains(plan, "### Marketing\n\nNo `## Marketing` section: add one to "
                          "agent_handoffs/projects/firm.md with its channels, e-mail list and "
                          "spend.\n\n- Follow up the $4,500 quote: Florist lease dispute.\n");
    assert_not_contains(md, "largest cost");
    /* reports.md CMO headline 1 and 3 (check17 E7): no channel is said in
     * words, and the quote the plan follows up is the decision */
    assert_contains(md, "- No marketing channels stated.\n");
    assert_contains(md, "- Decision: Firm to follow up the $4,500 Florist lease dispute quote, this "
                        "week.\n");
    assert_not_contains(md, "none forced");
    free(md);
}

/* reports.md CMO Plans "E-mail blast" (check17 D6): the action that sends
 * the first blast is the best blast's step, in its words and with its
 * line, so the headline's decision is in a plan; no channel is missing:
 * "none to set up". */
static void test_cmo_the_action_that_sends_the_first_blast_is_the_plans_blast_step(void **state)
{
    (void)state;
    static const char shop[] = "# Shop\n\n## Revenue\n- Mug sales: $30/mug\n\n"
                               "## Expenses\n- Clay: $6/mug (variable)\n"
                               "- Rent: $1,500/month (fixed)\n\n"
                               "## KPIs\n- Mugs per month: 300\n- Average mug price: $30\n\n"
                               "## Marketing\n- Email list recipients: 2,500\n"
                               "- Blast open rate: 40%\n- Blast click rate: 5%\n"
                               "- Blast conversion rate: 5%\n- Blast cost per send: $20\n\n"
                               "## Actions\n- Send the first blast to the e-mail list: $0 (medium, "
                               "marketing)\n";
    char *md = render_one("shop", shop, NULL, NULL, PERSONA_CMO);
    assert_contains(after(md, "## Plan: Shop"),
                    "### E-mail blast\n\nSend the first blast to the e-mail list "
                    "(agent_handoffs/projects/shop.md:22), the 2,500-recipient list: if the "
                    "assumed rates hold (no blast sent yet), ");
    /* changed by fixZb Z16: reports.md CMO headline 1, "businesses"; listings and channels when they differ */
    assert_contains(md, "- Channels: 1 across 1 business, none to set up.\n");
    free(md);
}

/* reports.md, CFO headline, "a season the cash does not reach comes
 * first" (check17 E1, D3): $1,800 − $3,200 = a $1,400 burn; $2,000 lasts
 * 1 month, the season opens in May; ceil($1,400 ÷ $160) = 9 nights, said
 * to be the season's. */
static void test_cfo_decides_to_fund_an_off_season_its_cash_does_not_reach_first(void **state)
{
    (void)state;
    static const char lodge[] = "# Lodge\n\n- Status: Off-season until May\n\n"
                                "## Revenue\n- Nights: $180/night\n\n"
                                "## Expenses\n- Linens: $20/night (variable)\n"
                                "- Lease: $3,000/month (fixed)\n\n"
                                "## KPIs\n- Nights per month: 10\n- Average night price: $180\n\n"
                                "## Assets\n- Cash: $2,000\n";
    char *md = render_one("lodge", lodge, NULL, NULL, PERSONA_CFO);
    /* one decision (eyes-final5b R6): the sum to find, 6 months to May from
     * 2026-11-23 × $1,400 − $2,000 = $6,400 (the CEO's figure) */
    /* changed by fixCm S1: the need's assumption and the units-stop case, 6 × $3,000 − $2,000 */
    /* changed by fixB2 (eyes-final18, one date per action): the CEO's date, 2026-11-23 + 14 */
    assert_contains(md, "- Decision: fund Lodge by 2026-12-07: it needs about $6,400 more to reach May (6 months "
                        "× $1,400 against $2,000) if it keeps selling 10 nights a month; about "
                        "$16,000 if they stop (its fixed $3,000/month); its $2,000 cash lasts 1 month (to about Dec "
                        "2026); no new fixed costs at Lodge until then"); /* changed by fix23a T3 */
    /* its own floor, $20 + $3,000 ÷ 10 = $320, in the guardrails, not in brackets
     * (changed by fix23a T3: docs/reports.md CFO headline "never bracketed in the headline") */
    /* changed by fixCf T9: docs/reports.md CFO headline "break-even is 29 nights a month; it
     * sells 24 in the off-season (until May)": ceil($3,000 ÷ $160) = 19 */
    assert_contains(md, "; break-even is 19 nights a month; it sells 10 in the off-season "
                        "(until May).\n");
    assert_not_contains(md, "in season (off-season until May), +");
    assert_contains(after(md, "## Financial guardrails"), "Lodge: price floor **$320 per night** "
                                                          "at 10 nights/month");
    free(md);
}

/* handoff-format.md Formulas, break-even revenue, "The pooled row leaves out
 * money paid inside the group" (eyes-final14 R9): Print Co bills Groomers
 * $450/month and Groomers books it, so the pooled row takes it off both
 * sums: revenue $3,000 + $9,000 − $450 = $11,550; fixed $1,000 + $2,450 −
 * $450 = $3,000; no variable costs, so break-even is the fixed cost, $3,000
 * (with the fee it would be $3,450), cushion $8,550 (74.0%). */
/* handoff-format.md rule 6, "surplus target" (eyes-final18 W4): 10% of
 * the revenue the group takes in from outside, the fee Print Co bills
 * Groomers left out: ($3,000 + $9,000 − $450) × 10% = $1,155, not $1,200;
 * room = surplus ($12,000 − $3,450 = $8,550) − $1,155 = $7,395. The CFO's
 * guardrail and the gap sentence the CEO shares say the one figure and its
 * base. */
static void test_rule6_surplus_target_is_ten_percent_of_revenue_from_outside_the_group(
    void **state)
{
    (void)state;
    const persona personas[] = {PERSONA_CFO, PERSONA_CEO};
    for (size_t i = 0; i < 2; i++) {
        char *md = render_two("print", fee_print, "groomers", fee_groomers, personas[i],
                              REPORT_SCOPE_PORTFOLIO);
        assert_contains(md, "The surplus target (10% of revenue less the $450/month paid inside "
                            "the group) takes $1,155, leaving $7,395 a month of room");
        assert_not_contains(md, "$1,200");
        if (personas[i] == PERSONA_CFO) {
            /* changed by fixC3 C12: reports.md Financial guardrails, the CFO's own benchmark */
            assert_contains(md, "- Surplus target: $1,155/month (10% of revenue $11,550/month: "
                                "$12,000 less the $450/month paid inside the group), the CFO's "
                                "benchmark, not a handoff figure.\n");
            assert_contains(md, "Room for new fixed costs: **$7,395/month** = surplus $8,550 − "
                                "surplus target $1,155");
            /* the pooled row's share is of the same revenue: 8,550 ÷ 11,550 = 74.0% */
            assert_contains(after(md, "## Revenue targets"), "surplus $8,550 (74.0% of revenue) "
                                                             "keeps the $1,155 surplus target");
        }
        free(md);
    }
}

/* reports.md, Revenue targets (eyes-final18 W4): with cash received ahead
 * of earning the pooled basis says the earned revenue from outside the
 * group beside it, so it is not read as the CEO's "earned" figure:
 * $3,000 + $200 gift cards + $9,000 − $450 = $11,750 in the row; earned
 * and outside, $11,750 − $200 = $11,550. */
static void test_cfo_pooled_basis_names_the_earned_revenue_from_outside_the_group(void **state)
{
    (void)state;
    static const char print_gift[] = "# Print Co\n\n## Revenue\n- Printing: $3,000/month\n"
                                     "- Gift cards sold: $200/month\n\n"
                                     "## Expenses\n- Press lease: $1,000/month (fixed)\n\n"
                                     "## Clients\n- Groomers: $450/month\n";
    char *md = render_two("print", print_gift, "groomers", fee_groomers, PERSONA_CFO,
                          REPORT_SCOPE_PORTFOLIO);
    assert_contains(after(md, "## Revenue targets"),
                    "(on $11,750: revenue in cash $12,200 without the $450/month paid inside the "
                    "group; earned and from outside the group: $11,550)");
    free(md);
}

/* reports.md, CFO headline and "One date per action" (eyes-final18, I4
 * Sandpiper): an off-season business that burns below its break-even
 * volume is told to decide its funding by the date the CEO's agenda gives
 * its shortfall, the one shared due date. */
static void test_cfo_off_season_funding_decision_carries_the_ceo_agenda_date(void **state)
{
    (void)state;
    /* $20,000 lasts past April: the floor's decision; $5,000 does not: "fund" */
    static const char lasts[] = OFF_SEASON_BEACH "## Assets\n- Cash: $20,000\n";
    static const char short_of_it[] = OFF_SEASON_BEACH "## Assets\n- Cash: $5,000\n";
    const char *cases[] = {lasts, short_of_it};
    const char *says[] = {"it is off-season until April: decide how to fund the off-season by %s",
                          "- Decision: fund Beach Rentals by %s: it needs about"};
    for (size_t i = 0; i < 2; i++) {
        char *ceo = render_two("beach", cases[i], "groomers", fee_groomers, PERSONA_CEO,
                               REPORT_SCOPE_PORTFOLIO);
        const char *plan = strstr(after(ceo, "## 30-day agenda"), "Plan the off-season until April");
        assert_non_null(plan);
        const char *row = plan;
        while (row > ceo && row[-1] != '\n')
            row--;
        const char *date = strstr(row, " 20");
        assert_true(date && date < plan);
        char due[11] = {0};
        memcpy(due, date + 1, 10);
        char *cfo = render_two("beach", cases[i], "groomers", fee_groomers, PERSONA_CFO,
                               REPORT_SCOPE_PORTFOLIO);
        char *want = NULL;
        assert_true(asprintf(&want, says[i], due) > 0);
        assert_contains(after(cfo, "## Headline"), want);
        free(want);
        free(cfo);
        free(ceo);
    }
}

static void test_cfo_pooled_break_even_leaves_out_money_paid_inside_the_group(void **state)
{
    (void)state;
    char *md = render_two("print", fee_print, "groomers", fee_groomers, PERSONA_CFO,
                          REPORT_SCOPE_PORTFOLIO);
    const char *targets = after(md, "## Revenue targets");
    assert_row(targets, "| Group, pooled ", " $11,550 |", " $3,000 |", " $8,550 (74.0%) |",
               /* changed by fixV1 U1: reports.md Revenue targets, the row names its
                * revenue's basis (cash less the fee inside the group), not "earned" */
               /* changed by fixB2 W4: reports.md Revenue targets, the basis names the cash
                * figure it is taken from ($3,000 + $9,000 = $12,000); nothing is received
                * ahead here, so no earned figure follows */
               /* changed by fixC3 A10: "at today's sales mix", the pooled figure's basis */
               "breaks even at $3,000/month pooled at today's sales mix (on $11,550: revenue in "
               "cash $12,000 without "
               "the $450/month paid inside the group); ");
    assert_not_contains(targets, "$3,450");
    free(md);
}

/* reports.md, CFO Break-even (eyes-final14 R5): other revenue that is cash
 * received ahead of earning (gift cards) is said to be, with the units on
 * earned revenue alone: margin $90 − $30 = $60; ceil(($1,500 − $300) ÷
 * $60) = 20 workshops, ceil($1,500 ÷ $60) = 25 on earned revenue; floor
 * $30 + ($1,500 − $300) ÷ 40 = $60. */
static void test_cfo_break_even_says_other_revenue_received_ahead_of_earning(void **state)
{
    (void)state;
    char *md = render_one("studio",
                          "# Studio\n\n## Revenue\n- Workshops: $90/workshop\n"
                          "- Gift cards sold: $300/month\n\n## Expenses\n"
                          "- Tutor: $30/workshop (variable)\n- Rent: $1,500/month (fixed)\n\n"
                          "## KPIs\n- Workshops per month: 40\n- Average workshop price: $90\n",
                          NULL, NULL, PERSONA_CFO);
    const char *said[] = {
        "## Break-even",
        /* changed by fixC3 (fixB3 lead notes): reports.md CFO Break-even, the units on
         * earned revenue lead, the count with the money after them; same 25 and 20 */
        "25 workshops a month** at $90 a workshop cover its costs on earned revenue (it sells "
        "40 workshops; 20 counting the $300 received ahead)",
        "## Financial guardrails",
        "other revenue $300/month counted, cash received ahead of earning)",
    };
    assert_true(fixture_in_order(md, said, sizeof said / sizeof said[0]));
    free(md);
}

/* Two per-unit businesses for the CFO's cash, cut and risk rules (check20
 * E1, E2, A3). Studio: $45 × 120 = $5,400 against $22 × 120 + $3,060 =
 * $5,700, a $300 burn; $700 lasts 2 months; floor $22 + $3,060 ÷ 120 =
 * $47.50; ceil($300 ÷ $23) = 14 lessons. Plumber: $240 × 60 = $14,400
 * against $55 × 60 + $5,000 = $8,300, a $6,100 surplus. */
static const char cash_short_studio[] =
    "# Studio\n\n## Revenue\n- Lessons: $45/lesson\n\n"
    "## Expenses\n- Teacher pay: $22/lesson (variable)\n- Rent: $3,060/month (fixed)\n\n"
    "## KPIs\n- Lessons per month: 120\n- Average lesson price: $45\n\n"
    "## Assets\n- Cash: $700\n\n"
    "## Risks\n- Lower enrolment: $900/month (medium)\n";
static const char profitable_plumber[] =
    "# Plumber\n\n## Revenue\n- Jobs: $240/job\n\n"
    "## Expenses\n- Parts: $55/job (variable)\n- Wages: $5,000/month (fixed)\n\n"
    "## KPIs\n- Jobs per month: 60\n- Average job price: $240\n\n"
    "## Risks\n- Winter slowdown: $7,000/month (high)\n";

/* reports.md, CFO headline (check20 E1): a business whose cash lasts under
 * 3 months is the one decision, before the floor it sells under. */
static void test_cfo_decides_to_fund_a_business_with_under_3_months_of_cash_before_any_floor(void **state)
{
    (void)state;
    char *md = render_two("studio", cash_short_studio, "plumber", profitable_plumber, PERSONA_CFO,
                          REPORT_SCOPE_PORTFOLIO);
    const char *decision = after(md, "- Decision: ");
    assert_true(strncmp(decision, "- Decision: fund Studio or cut its costs this month: its $700 "
                                  "cash lasts 2 months (to about ",
                        strlen("- Decision: fund Studio or cut its costs this month: its $700 "
                               "cash lasts 2 months (to about ")) == 0);
    /* changed by fix23a T3: docs/reports.md CFO headline: the hold names its business, the
     * floor ($22 + $3,060 ÷ 120 = $47.50) is the guardrails' */
    assert_contains(decision, ") at $300/month; no new fixed costs at Studio until then; +14 "
                              "lessons/month closes its burn.\n");
    assert_contains(after(md, "## Financial guardrails"), "Studio: price floor **$47.50 per "
                                                          "lesson** at 120 lessons/month");
    /* one decision: the room and the floor sentence are the body's (R6) */
    assert_not_contains(md, "- Decision: up to");
    assert_not_contains(md, "short of the");
    free(md);
}

/* reports.md, CFO guardrails (check20 E2): a price cut is offered only on a
 * unit sold at or above its floor: $1 off a job uses 60 × $1 = $60/month. */
static void test_cfo_guardrails_offer_no_price_cut_on_a_unit_sold_below_its_floor(void **state)
{
    (void)state;
    char *md = render_two("studio", cash_short_studio, "plumber", profitable_plumber, PERSONA_CFO,
                          REPORT_SCOPE_PORTFOLIO);
    const char *guardrails = after(md, "## Financial guardrails");
    assert_contains(guardrails, "shared with price cuts: each $1 off a job (Plumber) uses "
                                "$60/month; no cut on lessons: they sell below their floor.\n");
    assert_not_contains(guardrails, "each $1 off a lesson");
    free(md);
}

/* reports.md, CFO guardrails (check20 A3): a burning entity's risk is the
 * burn it deepens, $300 + $460 = $760 (changed by fix23a T7/T13:
 * handoff-format.md "Risk cost": a lower enrolment is lost revenue, $900 ×
 * $2,760 ÷ $5,400 = $460 at today's margin, not $900); the Plumber's
 * slowdown costs $7,000 × $11,100 ÷ $14,400 = $5,396, less than its $6,100
 * surplus, so it is no guardrail (it was "$900/month" at the raw amount),
 * and the headline names no surplus turned into a burn. */
static void test_cfo_guardrails_list_a_burning_entitys_risk_as_the_burn_it_deepens(void **state)
{
    (void)state;
    char *md = render_two("studio", cash_short_studio, "plumber", profitable_plumber, PERSONA_CFO,
                          REPORT_SCOPE_PORTFOLIO);
    const char *guardrails = after(md, "## Financial guardrails");
    const char *const order[] = {
        /* changed by fix23a T13: handoff-format.md "Risk cost" */
        "- Studio's Lower enrolment ($900/month, medium; agent_handoffs/projects/studio.md:",
        ") costs $460/month at today's margin and would deepen its $300/month burn: if it "
        "happens it burns $760/month.\n",
    };
    assert_true(fixture_in_order(guardrails, order, 2));
    /* changed by fix23a T13: handoff-format.md "Risk cost" (was listed at $900/month) */
    assert_not_contains(guardrails, "- Plumber's Winter slowdown");
    assert_not_contains(md, "would turn its -");
    free(md);
}

/* reports.md, Capital deployment tiers (eyes-final6a T14): while the
 * Studio's $700 lasts 2 months, its $400 of chairs waits until it is
 * funded; its revenue action and the Plumber's spend stay tier rows. */
static void test_a_spend_bringing_no_revenue_waits_until_a_business_short_of_cash_is_funded(void **state)
{
    (void)state;
    static const char studio[] =
        "# Studio\n\n## Revenue\n- Lessons: $45/lesson\n\n"
        "## Expenses\n- Teacher pay: $22/lesson (variable)\n- Rent: $3,060/month (fixed)\n\n"
        "## KPIs\n- Lessons per month: 120\n- Average lesson price: $45\n\n"
        "## Assets\n- Cash: $700\n\n"
        "## Actions\n- Re-upholster the chairs: $400 (medium)\n"
        "- Launch an enrolment drive: $150 (medium, revenue)\n";
    static const char plumber[] =
        "# Plumber\n\n## Revenue\n- Jobs: $240/job\n\n"
        "## Expenses\n- Parts: $55/job (variable)\n- Wages: $5,000/month (fixed)\n\n"
        "## KPIs\n- Jobs per month: 60\n- Average job price: $240\n\n"
        "## Actions\n- Fit a van tracker: $300 (high)\n";
    char *md = render_two("studio", studio, "plumber", plumber, PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    const char *tiers = after(md, "## Capital deployment tiers");
    assert_contains(tiers, "Hold: Re-upholster the chairs ($400 one-off, Studio): it has $700 cash "
                           "and burns $300/month; not before it is funded.\n");
    assert_not_contains(tiers, "| Re-upholster the chairs");
    assert_row(tiers, "| Revenue-producing ", "Launch an enrolment drive");
    assert_row(tiers, "| With a cost ", "Fit a van tracker");
    free(md);
    /* the CEO dates the same spend and says it waits (reports.md, "One date per action";
     * eyes-final6a T14); a revenue action and another business's spend do not wait */
    md = render_two("studio", studio, "plumber", plumber, PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    assert_contains(md, "Re-upholster the chairs ($400 one-off, on hold until it is funded)");
    assert_not_contains(md, "Launch an enrolment drive ($150 one-off, on hold");
    assert_not_contains(md, "Fit a van tracker ($300 one-off, on hold");
    free(md);
}

/* handoff-format.md, "Risk cost" (eyes-final6a T7/T13): a risk that names
 * lost revenue costs its amount × (revenue − variable costs) ÷ revenue in
 * the CEO's risk row, as the CFO measures it: the Plumber's $7,000 slowdown
 * costs $5,396 and leaves $704 of its $6,100 surplus; a fee costs its
 * amount. */
static void test_a_risk_that_names_lost_revenue_costs_its_amount_at_todays_margin(void **state)
{
    (void)state;
    static const char fined_plumber[] =
        "# Plumber\n\n## Revenue\n- Jobs: $240/job\n\n"
        "## Expenses\n- Parts: $55/job (variable)\n- Wages: $5,000/month (fixed)\n\n"
        "## KPIs\n- Jobs per month: 60\n- Average job price: $240\n\n"
        "## Risks\n- Winter slowdown: $7,000/month (high)\n- Licence fine: $6,500/month (low)\n";
    char *md = render_two("studio", cash_short_studio, "plumber", fined_plumber, PERSONA_CEO,
                          REPORT_SCOPE_PORTFOLIO);
    assert_contains(md, "Plumber makes $6,100/month today; at today's margin this would cost "
                        "$5,396/month and cut its surplus to $704/month");
    assert_contains(md, "Studio burns $300/month today; at today's margin this would cost "
                        "$460/month and deepen it to $760/month");
    assert_contains(md, "Plumber makes $6,100/month today; this would leave a loss of $400/month");
    free(md);
    char *cfo = render_two("studio", cash_short_studio, "plumber", fined_plumber, PERSONA_CFO,
                           REPORT_SCOPE_PORTFOLIO);
    const char *guardrails = after(cfo, "## Financial guardrails");
    assert_contains(guardrails, "- Plumber's Licence fine ($6,500/month, low; ");
    assert_contains(guardrails, ") is more than its $6,100/month surplus: if it happens it burns "
                                "$400/month.\n");
    assert_not_contains(guardrails, "Plumber's Winter slowdown");
    free(cfo);
}

/* handoff-format.md, Formulas, "A subscription's break-even is a stock"
 * (check17 A4, E3): 650 kits, $22 margin, $16,000 of rent: break-even
 * ceil(16,000 ÷ 22) = 728, +78 net; 650 × 5% = 32.5, about 33 cancel. */
static void test_a_subscriptions_units_to_add_are_paying_subscriptions_to_grow_to(void **state)
{
    (void)state;
    static const char box[] = "# Box\n\n## Revenue\n- Kits: $36/kit\n\n"
                              "## Expenses\n- Contents: $14/kit (variable)\n"
                              "- Rent: $16,000/month (fixed)\n\n"
                              "## KPIs\n- Kits per month: 650\n- Average kit price: $36\n"
                              "- Subscriber churn: 5%\n\n"
                              "## Marketing\n- Email list recipients: 4,000\n"
                              "- Blast open rate: 35%\n- Blast click rate: 5%\n"
                              "- Blast conversion rate: 10%\n- Blast cost per send: $40\n";
    const char *sentence = "grow to 728 paying subscriptions (+78 net; about 33 a month cancel at "
                           "5% churn)";
    char *cmo = render_one("box", box, NULL, NULL, PERSONA_CMO);
    assert_contains(cmo, sentence);
    assert_not_contains(cmo, "78 more kits");
    /* a conversion is a subscriber (rule 5): 4,000 × 35% × 5% × 10% = 7 */
    /* changed by fixB5 eyes-final18 W10: handoff-format.md rule 5, a life from 1 ÷ churn is said as assumed */
    assert_contains(cmo, "could bring 7 subscribers, +$252 a month (about $5,040 of sales over "
                        "an assumed 20-month life)");
    free(cmo);
    char *cfo = render_one("box", box, NULL, NULL, PERSONA_CFO);
    assert_contains(cfo, sentence);
    free(cfo);
    /* the CEO's row, agenda and gap sentence say the same stock (lead, A4) */
    char *ceo = render_one("box", box, NULL, NULL, PERSONA_CEO);
    assert_contains(ceo, "needs to grow to 728 paying subscriptions (+78 net; about 33 a month "
                         "cancel at 5% churn) to break even; it has 650 now");
    assert_contains(ceo, "5% churn): closes the $1,700/month loss");
    assert_contains(ceo, "; Box closes it: grow to 728 paying subscriptions (+78 net; about 33 a "
                         "month cancel at 5% churn), each at a $22 margin.");
    assert_not_contains(ceo, "78 more kits");
    free(ceo);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ceo_ranks_a_leaked_credential_first_with_its_file_and_line),
        cmocka_unit_test(test_a_blast_of_a_business_without_units_is_of_sales),
        cmocka_unit_test(test_cmo_channels_count_the_entities_that_hold_one),
        cmocka_unit_test(test_cmo_headline_says_no_business_states_its_marketing_and_names_the_spend_once),
        cmocka_unit_test(test_cfo_decision_collects_overdue_money_larger_than_a_month_first),
        cmocka_unit_test(test_cfo_collect_decision_says_the_unbilled_work_to_invoice),
        cmocka_unit_test(test_cfo_pooled_targets_row_says_the_surplus_against_the_margin),
        cmocka_unit_test(test_cmo_an_unsent_blast_larger_than_a_month_leads_with_the_step),
        cmocka_unit_test(test_cto_asks_only_for_tech_lines),
        cmocka_unit_test(test_cmo_plan_of_a_burning_business_opens_with_its_revenue_gap),
        cmocka_unit_test(test_cmo_decision_is_the_step_the_handoff_ranks_high_with_its_actions_owner_and_date),
        cmocka_unit_test(test_an_action_chasing_overdue_money_is_the_collect_line),
        cmocka_unit_test(test_ceo_agenda_puts_the_days_own_action_before_its_risk_line),
        cmocka_unit_test(test_a_revenue_action_of_a_burning_business_that_states_no_cash_is_due_in_28_days),
        cmocka_unit_test(test_a_no_cost_revenue_action_that_is_the_first_step_of_the_gap_line_is_due_with_it),
        cmocka_unit_test(test_the_cash_received_ahead_of_earning_names_its_lines_and_their_business),
        cmocka_unit_test(test_ceo_decision_holds_a_spend_for_unstated_cash_or_a_risk_larger_than_the_surplus),
        cmocka_unit_test(test_a_runway_under_six_months_is_the_ceo_decision),
        cmocka_unit_test(test_a_leaked_credential_is_the_one_decision_before_a_short_runway),
        cmocka_unit_test(test_an_off_season_business_has_its_runway_framed_by_its_season),
        cmocka_unit_test(test_audit_headline_says_off_season_units_are_the_off_season_volume),
        cmocka_unit_test(test_an_off_season_business_short_of_cash_is_told_the_sum_to_reach_its_season),
        cmocka_unit_test(
            test_an_off_season_funding_need_says_its_units_keep_selling_and_the_need_if_they_stop),
        cmocka_unit_test(
            test_the_season_line_names_the_inside_group_lever_a_fee_deferred_until_the_season),
        cmocka_unit_test(test_a_ceo_with_no_shortfall_decides_to_sell_the_spare_capacity),
        cmocka_unit_test(test_every_ask_in_the_body_names_its_file_and_data_quality_does_not_repeat_it),
        cmocka_unit_test(test_cfo_a_floor_volume_closes_says_sell_more_never_raise_the_price),
        cmocka_unit_test(test_cfo_a_surplus_with_a_burning_entity_says_the_room_is_pooled),
        cmocka_unit_test(test_cfo_savings_cover_the_cheapest_recurring_actions_and_the_rest_is_deferred),
        cmocka_unit_test(test_a_monthly_spend_waits_for_room_in_the_cfo_accounting_and_ceo_alike),
        cmocka_unit_test(test_a_held_spend_that_an_unused_line_pays_for_is_a_swap_in_every_report),
        cmocka_unit_test(
            test_a_spend_at_a_burning_business_that_states_no_cash_waits_until_its_cash_is_stated),
        cmocka_unit_test(
            test_a_spend_held_until_its_cash_is_stated_gives_its_agenda_slot_to_stating_the_cash),
        cmocka_unit_test(test_an_agenda_volume_line_is_the_plan_due_that_day),
        cmocka_unit_test(
            test_the_cmos_best_blast_is_a_ceo_agenda_line_on_day_28_when_its_owner_is_named),
        cmocka_unit_test(
            test_a_blast_valued_over_a_life_from_churn_says_the_life_is_assumed_in_every_report),
        cmocka_unit_test(test_a_swap_holds_no_colon_so_a_line_introducing_it_never_reads_two),
        cmocka_unit_test(test_audit_rule_9_says_a_priced_risks_price_as_the_risks_table_does),
        cmocka_unit_test(test_cto_decision_on_a_finding_names_the_problem_before_the_fix),
        cmocka_unit_test(test_ceo_names_the_ancillary_entities_outside_the_groups_figures),
        cmocka_unit_test(
            test_a_single_point_risk_of_a_business_paid_by_its_clients_puts_its_clients_mrr_at_stake),
        cmocka_unit_test(test_ceo_agenda_action_carries_its_cost),
        cmocka_unit_test(test_cfo_decision_names_the_floor_a_business_sells_under),
        cmocka_unit_test(
            test_ceo_agenda_plans_a_single_point_risk_of_high_or_medium_priority_with_its_owner),
        cmocka_unit_test(
            test_ceo_and_cfo_data_quality_name_a_retainer_line_that_differs_from_the_client_fees),
        cmocka_unit_test(test_ceo_agenda_dates_a_client_fee_risk_or_names_it_on_the_clients_collect_line),
        cmocka_unit_test(test_receivables_are_one_row_tied_to_the_risk_naming_the_largest_debtor),
        cmocka_unit_test(test_a_name_ending_in_s_takes_an_apostrophe_alone),
        cmocka_unit_test(test_a_small_burn_is_said_plainly_a_large_one_names_its_largest_cost),
        cmocka_unit_test(test_a_group_pair_owing_two_items_is_one_row_and_one_agenda_line),
        cmocka_unit_test(test_money_one_group_business_owes_another_is_settled_inside_the_group),
        cmocka_unit_test(test_a_group_pair_reads_overdue_and_in_all_the_same_in_ceo_and_accounting),
        cmocka_unit_test(test_ceo_headline_loss_says_a_runway_under_six_months),
        cmocka_unit_test(test_gap_sentence_names_the_unreadable_expense_line_it_leaves_out),
        cmocka_unit_test(test_ceo_headline_says_when_the_late_money_is_owed_to_ancillary_businesses),
        cmocka_unit_test(test_ceo_receivables_row_names_the_billed_money_not_marked_overdue),
        cmocka_unit_test(test_ceo_headline_says_the_owed_total_the_cfo_and_accounting_give_with_its_parts),
        cmocka_unit_test(test_ceo_names_a_business_without_kpis_or_cash_never_silently),
        cmocka_unit_test(test_ceo_settles_inside_the_group_on_the_day_of_the_other_collections),
        cmocka_unit_test(test_ceo_agenda_items_start_with_a_capital_letter),
        cmocka_unit_test(test_ceo_and_cfo_ask_about_a_fee_inside_the_group_the_payers_costs_leave_out),
        cmocka_unit_test(test_ceo_receivables_row_calls_a_recent_invoice_billed_and_not_yet_due),
        cmocka_unit_test(test_cfo_a_zero_room_says_how_far_the_surplus_is_below_the_margin),
        cmocka_unit_test(test_accounting_headline_names_what_the_group_owes_itself_and_its_age),
        cmocka_unit_test(test_accounting_headline_gives_a_stale_group_debt_its_age_in_one_sentence),
        cmocka_unit_test(test_owed_lines_say_how_much_of_the_part_over_90_days_is_unbilled),
        cmocka_unit_test(test_cfo_owed_line_keeps_over_90_of_the_overdue_apart_from_an_unmarked_invoice),
        cmocka_unit_test(test_a_risk_of_a_business_that_makes_money_is_a_risk_not_a_revenue_gap),
        cmocka_unit_test(test_a_leaked_database_password_is_named_and_an_api_key_action_stays_itself),
        cmocka_unit_test(test_an_action_that_adds_a_token_check_is_not_asked_about_the_leaked_secret),
        cmocka_unit_test(test_a_total_row_that_does_not_add_up_as_printed_says_rounded),
        cmocka_unit_test(test_a_surplus_under_the_margin_is_its_own_sentence),
        cmocka_unit_test(test_audit_settles_a_group_business_debt_instead_of_calling_it),
        cmocka_unit_test(
            test_audit_collects_from_clients_names_the_largest_debtor_and_settles_the_group_last),
        cmocka_unit_test(
            test_one_business_collects_from_clients_and_settles_what_the_group_owes_it_apart),
        cmocka_unit_test(
            test_accounting_collects_the_oldest_dated_first_and_asks_when_the_undated_fell_due),
        cmocka_unit_test(
            test_data_quality_asks_whether_cash_received_ahead_pays_for_units_already_counted),
        cmocka_unit_test(test_data_quality_asks_whether_an_asset_also_leased_is_owned_or_leased),
        cmocka_unit_test(test_accounting_says_once_that_an_intra_group_fee_is_in_both_businesses),
        cmocka_unit_test(test_accounting_headline_says_several_pairs_owe_each_other_another_sum),
        cmocka_unit_test(test_audit_names_the_whole_a_group_business_owes_after_its_overdue),
        cmocka_unit_test(test_cto_lists_an_http_link_once_and_asks_for_a_missing_tech_section),
        cmocka_unit_test(test_cfo_and_accounting_asks_are_made_once_in_the_body),
        cmocka_unit_test(test_audit_puts_a_leaked_credential_first_then_missing_backups),
        cmocka_unit_test(test_audit_recommends_the_open_endpoint_with_the_missing_backups),
        cmocka_unit_test(test_audit_says_backups_not_recorded_as_the_cto_and_ceo_do),
        cmocka_unit_test(test_cto_headline_names_a_site_that_was_not_scanned_and_why),
        cmocka_unit_test(test_an_endpoint_browsers_call_is_told_to_decide_how_events_are_authenticated),
        cmocka_unit_test(test_audit_a_site_gap_is_recommended_once),
        cmocka_unit_test(test_two_passwords_on_one_line_are_counted_and_both_changed),
        cmocka_unit_test(test_cto_every_counted_finding_has_its_dev_cycle_row_the_http_link_too),
        cmocka_unit_test(test_audit_meets_a_risk_with_the_handoffs_own_action),
        cmocka_unit_test(test_audit_pairs_an_action_with_a_risk_only_when_it_is_about_it),
        cmocka_unit_test(test_audit_rule_9_answers_a_slowdown_with_a_revenue_action_at_todays_margin),
        cmocka_unit_test(test_audit_rule_9_a_shared_word_needs_the_risks_priority),
        cmocka_unit_test(test_audit_names_a_high_action_the_three_recommendations_leave_out),
        cmocka_unit_test(test_audit_rule_1_ends_with_the_handoffs_own_collection_step),
        cmocka_unit_test(test_audit_reads_what_is_available_from_the_occupancy),
        cmocka_unit_test(test_audit_asks_for_a_team_only_when_no_line_says_who_works),
        cmocka_unit_test(test_audit_of_an_off_season_business_funds_the_winter_and_pulls_its_own_lever),
        cmocka_unit_test(test_audit_shows_what_a_business_owes_inside_the_group),
        cmocka_unit_test(test_ceo_agenda_is_dated_inside_30_days_with_each_owner),
        cmocka_unit_test(test_ceo_headline_is_three_bullets_one_point_each),
        cmocka_unit_test(test_one_date_per_action_in_the_ceo_agenda_cmo_milestones_and_cao_roadmap),
        cmocka_unit_test(test_a_risk_not_quantified_asks_the_question_that_would_quantify_it),
        cmocka_unit_test(test_a_risk_naming_one_client_asks_of_that_client),
        cmocka_unit_test(test_cto_security_headline_says_the_count_of_findings_first),
        cmocka_unit_test(test_a_risk_naming_a_change_to_a_priced_expense_line_is_priced_from_that_line),
        cmocka_unit_test(test_a_risk_naming_the_only_role_puts_the_whole_revenue_at_stake),
        cmocka_unit_test(test_money_lost_owed_or_priced_ranks_first_then_exposures_and_unused_spend_by_amount),
        cmocka_unit_test(test_ceo_a_business_whose_cash_runs_out_within_60_days_ranks_first_of_the_money),
        cmocka_unit_test(test_ceo_a_gap_with_cash_received_ahead_says_short_in_cash_and_its_operating_loss),
        cmocka_unit_test(test_ceo_names_the_ancillary_businesses_own_high_actions_and_risks_outside_the_figures),
        cmocka_unit_test(test_an_ancillary_chasing_action_merges_into_its_collect_line_and_dates_it),
        cmocka_unit_test(test_the_action_that_answers_a_high_risk_is_due_on_the_risks_day_in_the_ceo_and_audit),
        cmocka_unit_test(test_ceo_says_what_a_business_makes_both_ways_beside_money_received_ahead),
        cmocka_unit_test(test_a_risk_that_the_business_rests_on_one_thing_puts_its_whole_revenue_at_stake),
        cmocka_unit_test(test_ceo_a_cto_finding_without_money_ranks_below_the_money_shortfalls),
        cmocka_unit_test(test_ceo_missing_kpis_are_asked_once_and_no_kpis_section_is_no_row),
        cmocka_unit_test(test_ceo_cash_not_stated_in_a_row_is_asked_in_data_quality),
        cmocka_unit_test(test_ceo_the_ctos_high_findings_are_one_row_and_one_day_7_line_each),
        cmocka_unit_test(test_cto_without_a_site_says_no_site_inspected_never_no_security_gap),
        cmocka_unit_test(test_cto_dev_cycle_is_deduplicated_and_ranked_by_severity_then_effort),
        cmocka_unit_test(test_cto_dev_cycle_has_a_cost_column_only_when_a_row_has_a_cost),
        cmocka_unit_test(test_cmo_matrix_and_ota_order_per_business),
        cmocka_unit_test(test_cmo_headline_names_the_otas_still_to_list),
        cmocka_unit_test(test_cmo_a_mostly_empty_matrix_lists_each_channel_once_and_upkeep_is_one_line),
        cmocka_unit_test(test_cmo_matrix_above_six_entities_counts_each_channel),
        cmocka_unit_test(test_cmo_a_conversion_worth_an_order_costs_the_units_the_order_buys),
        cmocka_unit_test(test_cmo_a_platform_the_business_is_already_on_is_no_ota_step),
        cmocka_unit_test(test_cmo_a_conversion_of_a_business_selling_stays_books_a_whole_stay),
        cmocka_unit_test(test_cmo_the_capacity_cap_counts_units_a_stay_takes_several),
        cmocka_unit_test(test_cmo_a_subscription_takes_its_lifetime_from_its_churn),
        cmocka_unit_test(test_audit_a_blast_action_costs_a_send_and_says_what_it_could_bring),
        cmocka_unit_test(test_cmo_a_subscription_blast_says_what_it_adds_a_month_before_its_lifetime),
        cmocka_unit_test(test_cmo_a_subscribers_cost_is_the_lifetimes_and_the_headline_names_the_churn),
        cmocka_unit_test(test_cmo_the_gap_plan_counts_a_stay_blast_in_stays_and_their_nights),
        cmocka_unit_test(test_cmo_a_subscription_without_a_lifetime_is_one_kit_only_and_asks_for_it),
        cmocka_unit_test(test_cmo_a_subscription_with_a_lifetime_counts_every_month_of_it),
        cmocka_unit_test(
            test_cmo_a_marketing_spend_is_a_channel_whose_plan_asks_for_the_kpi_that_measures_it),
        cmocka_unit_test(test_cmo_a_blast_not_sent_yet_is_if_the_assumed_rates_hold_in_whole_charters),
        cmocka_unit_test(test_cmo_more_revenue_to_break_even_is_the_cfos_figure),
        cmocka_unit_test(test_cmo_a_business_without_marketing_plans_from_its_quoted_work),
        cmocka_unit_test(test_cmo_the_action_that_sends_the_first_blast_is_the_plans_blast_step),
        cmocka_unit_test(test_cfo_decides_to_fund_an_off_season_its_cash_does_not_reach_first),
        cmocka_unit_test(test_cfo_pooled_break_even_leaves_out_money_paid_inside_the_group),
        cmocka_unit_test(test_rule6_surplus_target_is_ten_percent_of_revenue_from_outside_the_group),
        cmocka_unit_test(test_cfo_pooled_basis_names_the_earned_revenue_from_outside_the_group),
        cmocka_unit_test(test_cfo_off_season_funding_decision_carries_the_ceo_agenda_date),
        cmocka_unit_test(test_cfo_break_even_says_other_revenue_received_ahead_of_earning),
        cmocka_unit_test(test_cfo_decides_to_fund_a_business_with_under_3_months_of_cash_before_any_floor),
        cmocka_unit_test(test_cfo_guardrails_offer_no_price_cut_on_a_unit_sold_below_its_floor),
        cmocka_unit_test(test_cfo_guardrails_list_a_burning_entitys_risk_as_the_burn_it_deepens),
        cmocka_unit_test(test_a_risk_that_names_lost_revenue_costs_its_amount_at_todays_margin),
        cmocka_unit_test(test_a_spend_bringing_no_revenue_waits_until_a_business_short_of_cash_is_funded),
        cmocka_unit_test(test_a_subscriptions_units_to_add_are_paying_subscriptions_to_grow_to),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
