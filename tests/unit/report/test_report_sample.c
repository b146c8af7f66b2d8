/* The sample portfolio (examples/portfolio) reproduces the seeds' headline
 * numbers through the formulas, and no report ever carries its planted key. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>

#include "report_fixture.h"

/* "$7,088" at `s` -> 7088 (whole dollars); advances *end past it. */
static long parse_dollars(const char *s, const char **end)
{
    if (*s != '$')
        fail_msg("no amount at \"%.20s\"", s);
    long value = 0;
    for (s++; isdigit((unsigned char)*s) || *s == ','; s++)
        if (*s != ',')
            value = value * 10 + (*s - '0');
    if (*s == '.')
        for (s++; isdigit((unsigned char)*s); s++)
            ;
    *end = s;
    return value;
}

/* The range right after `marker`: "$A–$B" (or one amount, then A == B).
 * A figure written "$M/month ($A–$B/month)" gives its bracketed range. */
static void range_after(const char *text, const char *marker, long *low, long *high)
{
    const char *at = strstr(text, marker);
    if (!at)
        fail_msg("missing \"%s\" in:\n%s", marker, text);
    const char *end;
    *low = parse_dollars(at + strlen(marker), &end);
    if (strncmp(end, "/month ($", strlen("/month ($")) == 0)
        *low = parse_dollars(end + strlen("/month ("), &end);
    *high = *low;
    if (strncmp(end, "\u2013", strlen("\u2013")) == 0)
        *high = parse_dollars(end + strlen("\u2013"), &end);
}

static char *render_sample(persona persona, const char *scope)
{
    portfolio *p = fixture_load(fixture_sample_root());
    char *md = fixture_render(p, persona, scope);
    model_portfolio_free(p);
    return md;
}

static void test_sample_gross_burn_is_a_range_inside_7_to_9k(void **state)
{
    (void)state;
    char *md = render_sample(PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    long low, high;
    range_after(md, "Gross burn is **", &low, &high);
    assert_true(low >= 7000 && low < 8000);
    assert_true(high > 8000 && high <= 9000);
    free(md);
}

static void test_sample_break_even_is_6_charters(void **state)
{
    (void)state;
    char *md = render_sample(PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    /* $4,300 ÷ $750 = 5.73 charters ($10,606.67); 6 whole ones bring $11,100,
     * and the target says what the whole ones bring beside the exact gap */
    assert_contains(md, "- JADA: **6 charters a month** at $1,850 a charter cover its costs (it "
                        "sells 2 charters); at today's volume a charter would have to sell for at "
                        "least $3,250, the price floor.\n");
    /* monthly results in whole dollars (rendering.md; eyes-final4 P12) */
    assert_row(md, "| JADA", "$10,607");
    /* changed by fixC3 A5: reports.md Revenue targets, the gap names the loss it comes
     * from: $2,800 ÷ (750 ÷ 1,850 = 40.5%) = $6,907 */
    assert_contains(md, "raise revenue $6,907/month (+186.7%): its $2,800/month loss at a 40.5% "
                        "margin; in whole charters +4/month (+$7,400)");
    /* the group's burn in JADA's charters, not $3,090 at the average margin
     * (reports.md, Revenue targets; eyes-final4 P13) */
    assert_row(md, "| Group, pooled", "$8,940", "burns $1,793",
               "3 more JADA charters a month (+$2,250 margin) close the group's $1,793 burn; 4 "
               "make JADA itself break even");
    /* reports.md, Revenue targets (eyes-final19 A10): the pooled figure's basis */
    assert_row(md, "| Group, pooled", "the $8,940 break-even is pooled at today's sales mix");
    free(md);
}

static void test_sample_blast_of_3676_is_worth_10k_to_50k(void **state)
{
    (void)state;
    char *md = render_sample(PERSONA_CMO, REPORT_SCOPE_PORTFOLIO);
    long low, high;
    range_after(md, "one blast to **3,676 recipients** is worth **", &low, &high);
    assert_true(low >= 9000 && low <= 12000);
    assert_true(high >= 40000 && high <= 55000);
    free(md);
}

/* reports.md, CEO ties: JADA's $2,800/month gap recurs every month, so it
 * ranks before Ensenada's $2,800 one-off, in the shortfalls and the agenda. */
static void test_sample_a_monthly_gap_ranks_before_an_equal_one_off(void **state)
{
    (void)state;
    char *md = render_sample(PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    const char *table = strstr(md, "## Shortfalls");
    const char *agenda = strstr(md, "## 30-day agenda");
    assert_non_null(table);
    assert_non_null(agenda);
    /* its burn holds the $650/month boat loan: cash short, not a loss
     * (handoff-format.md, "A loan's principal is not a loss") */
    const char *gap = strstr(table, "JADA is short $2,800/month in cash"), *once = strstr(table, "Ensenada return");
    assert_non_null(gap);
    assert_non_null(once);
    /* reports.md, Shortfalls (eyes-final G4): Ensenada is part of Expert
     * Yacht Delivery's one receivables row, $6,400 one-off, above the gap */
    assert_non_null(strstr(table, "$3,600 overdue (Cabo delivery), $2,800 unbilled (Ensenada"));
    assert_true(once < gap);
    gap = strstr(agenda, "closes the $2,800/month cash shortfall");
    once = strstr(agenda, "Invoice $2,800 unbilled one-off");
    assert_non_null(gap);
    assert_non_null(once);
    assert_true(gap < once);
    free(md);
}

/* reports.md, CEO (eyes-ea E4): Queen of San Diego's admin endpoint risk is
 * confirmed by the scan of its Lambda: high, right after the leaked key. */
static void test_sample_a_risk_the_scan_confirms_ranks_after_the_critical_rows(void **state)
{
    (void)state;
    char *md = render_sample(PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    const char *table = strstr(md, "## Shortfalls");
    assert_non_null(table);
    const char *row =
        strstr(table, "|   2 | Admin endpoint without authentication (confirmed by the site scan)");
    assert_non_null(row);
    const char *end = strchr(row, '\n');
    const char *high = strstr(row, " high |");
    const char *file = strstr(row, "lambda_function.py");
    assert_true(high && high < end && file && file < end);
    free(md);
}

/* reports.md, CEO agenda (eyes-ea E3): Owner is asked of every handoff
 * that lacks it, QuickDumpNow too, though its lines are past the tenth row. */
static void test_sample_ceo_asks_every_missing_owner(void **state)
{
    (void)state;
    char *md = render_sample(PERSONA_CEO, REPORT_SCOPE_PORTFOLIO);
    assert_contains(md, "- Missing: add `- Owner: ...` to the fields at the top of "
                        "agent_handoffs/projects/dangerouscentaur.md, "
                        "agent_handoffs/projects/queen-of-san-diego.md, "
                        "agent_handoffs/projects/quickdumpnow.md, "
                        "agent_handoffs/projects/expert-yacht-delivery.md\n");
    free(md);
}

static void test_sample_cto_savings_about_25_a_month(void **state)
{
    (void)state;
    char *md = render_sample(PERSONA_CTO, REPORT_SCOPE_PORTFOLIO);
    long low, high;
    range_after(md, "Savings: **", &low, &high);
    assert_int_equal(low, high);
    assert_true(low >= 20 && low <= 30);
    free(md);
}

static void test_sample_ota_sequence(void **state)
{
    (void)state;
    char *md = render_sample(PERSONA_CMO, REPORT_SCOPE_PORTFOLIO);
    assert_contains(md, "Sequence: **Sailo \u2192 GetMyBoat \u2192 Viator/GetYourGuide**");
    free(md);
}

/* The planted line's number is read from the handoff, not assumed. */
static void test_sample_data_quality_shows_the_malformed_line(void **state)
{
    (void)state;
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/agent_handoffs/projects/quickdumpnow.md",
             fixture_sample_root());
    strbuf handoff = STRBUF_INIT;
    assert_int_equal(strbuf_read_file(&handoff, path, 1 << 20), 0);
    const char *bad = strstr(strbuf_cstr(&handoff), "- Permit renewal");
    assert_non_null(bad);
    int line = 1;
    for (const char *s = handoff.data; s < bad; s++)
        line += *s == '\n';
    char expected[128];
    snprintf(expected, sizeof expected, "agent_handoffs/projects/quickdumpnow.md:%d: ", line);
    char *md = render_sample(PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    const char *quality = strstr(md, "## Data quality");
    assert_non_null(quality);
    assert_contains(quality, expected);
    free(md);
    strbuf_free(&handoff);
}

/* Every quoted value on a line naming a key or secret in the planted file. */
static void assert_no_planted_secret(const char *report)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/sites/dangerouscentaur/scripts/deploy.py",
             fixture_sample_root());
    strbuf source = STRBUF_INIT;
    assert_int_equal(strbuf_read_file(&source, path, 1 << 20), 0);
    size_t checked = 0;
    for (const char *s = strbuf_cstr(&source); (s = strstr(s, " = \"")); s++) {
        const char *start = s + 4, *end = strchr(start, '"');
        if (!end || end - start < 16)
            continue;
        char *secret = strndup(start, (size_t)(end - start));
        if (strstr(report, secret))
            fail_msg("secret %.4s... appears in a report", secret);
        free(secret);
        checked++;
    }
    assert_true(checked >= 2);
    strbuf_free(&source);
}

static void test_sample_no_report_contains_the_planted_key(void **state)
{
    (void)state;
    portfolio *p = fixture_load(fixture_sample_root());
    for (int persona = 0; persona < PERSONA_COUNT; persona++) {
        for (size_t i = 0; i <= p->entity_count; i++) {
            const char *scope = i < p->entity_count ? p->entities[i].id : REPORT_SCOPE_PORTFOLIO;
            report_target t = {persona, scope};
            char error[128];
            if (!report_target_valid(p, &t, error, sizeof error))
                continue;
            char *md = fixture_render(p, persona, scope);
            assert_no_planted_secret(md);
            free(md);
        }
    }
    char *cto = fixture_render(p, PERSONA_CTO, REPORT_SCOPE_PORTFOLIO);
    assert_contains(cto, "hard-coded AWS access key and secret");
    free(cto);
    model_portfolio_free(p);
}

/* Slip rent 1,650 -> 2,650: gross burn moves by exactly $1,000. */
static void test_sample_changing_one_figure_changes_the_report(void **state)
{
    (void)state;
    char *copy = fixture_tempdir();
    fixture_copy_tree(fixture_sample_root(), copy);
    char *before = render_sample(PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);

    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/agent_handoffs/projects/jada.md", copy);
    strbuf jada = STRBUF_INIT;
    assert_int_equal(strbuf_read_file(&jada, path, 1 << 20), 0);
    char *at = strstr(jada.data, "Slip rent: $1,650");
    assert_non_null(at);
    at[strlen("Slip rent: $")] = '2';
    fixture_write(copy, "agent_handoffs/projects/jada.md", jada.data);
    strbuf_free(&jada);

    portfolio *p = fixture_load(copy);
    char *after = fixture_render(p, PERSONA_CFO, REPORT_SCOPE_PORTFOLIO);
    long low_before, high_before, low_after, high_after;
    range_after(before, "Gross burn is **", &low_before, &high_before);
    range_after(after, "Gross burn is **", &low_after, &high_after);
    assert_int_equal(low_after - low_before, 1000);
    assert_int_equal(high_after - high_before, 1000);
    free(before);
    free(after);
    model_portfolio_free(p);
    fixture_remove(copy);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample_gross_burn_is_a_range_inside_7_to_9k),
        cmocka_unit_test(test_sample_break_even_is_6_charters),
        cmocka_unit_test(test_sample_blast_of_3676_is_worth_10k_to_50k),
        cmocka_unit_test(test_sample_a_monthly_gap_ranks_before_an_equal_one_off),
        cmocka_unit_test(test_sample_a_risk_the_scan_confirms_ranks_after_the_critical_rows),
        cmocka_unit_test(test_sample_ceo_asks_every_missing_owner),
        cmocka_unit_test(test_sample_cto_savings_about_25_a_month),
        cmocka_unit_test(test_sample_ota_sequence),
        cmocka_unit_test(test_sample_data_quality_shows_the_malformed_line),
        cmocka_unit_test(test_sample_no_report_contains_the_planted_key),
        cmocka_unit_test(test_sample_changing_one_figure_changes_the_report),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
