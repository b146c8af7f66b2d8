/* docs/reports.md, CMO: the plans and the decision said against the other
 * reports' figures (eyes-final6a T1, T16), rendered through the real model
 * and report on the docs' date. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "report_fixture.h"

/* 2026-11-30T00:00:00Z, the docs' report date. */
#define DOCS_NOW ((time_t)1795996800)

/* Several handoffs, rendered as the portfolio's CMO report. */
static char *render_cmo(const char *const *ids, const char *const *markdown, size_t count)
{
    return fixture_render_handoffs(ids, markdown, count, PERSONA_CMO, REPORT_SCOPE_PORTFOLIO, DOCS_NOW);
}

/* Independent portfolio 5's Fernleaf Ceramics: one marketing action. */
static const char mugs[] = "# Mugs\n\n## Revenue\n- Mug sales: $30/mug\n\n"
                           "## Expenses\n- Clay and glaze: $6/mug (variable)\n"
                           "- Kiln power: $2/mug (variable)\n- Packaging: $1.50/mug (variable)\n"
                           "- Card processing: 2.5% (variable)\n- Studio rent: $1,500/month (fixed)\n\n"
                           "## KPIs\n- Mugs per month: 300\n- Average mug price: $30\n"
                           "- Average order value: $72\n- Mugs available per month: 450\n\n"
                           "## Marketing\n- Email list recipients: 2,500\n- Blast open rate: 40%\n"
                           "- Blast click rate: 4–6%\n- Blast conversion rate: 5%\n"
                           "- Blast cost per send: $20\n\n## Assets\n- Cash: $12,000\n\n"
                           "## Actions\n- Send the first blast to the e-mail list: $0 (medium, "
                           "marketing)\n";

/* A business whose blast is the best in scope. */
static const char boat[] = "# Boat\n\n## Revenue\n- Charters: $1,850/charter\n\n"
                           "## Expenses\n- Slip: $900/month (fixed)\n\n"
                           "## KPIs\n- Charters per month: 2\n- Average charter price: $1,850\n\n"
                           "## Marketing\n- Email list recipients: 3,676\n"
                           "- Blast open rate: 25–40%\n- Blast click rate: 3–8%\n"
                           "- Blast conversion rate: 20%\n- Blast cost per send: $150\n";

/* reports.md CMO, Plans "30/60/90 days" (eyes-final6a T1): 2,500 × 40% ×
 * 4–6% × 5% = 2–3 orders × $72 = $144–$216, less $20; an order is 2.4 mugs
 * at $10.25 ($24.60): 2 × $47.40 − $20 = $74.80, 3 × $47.40 − $20 =
 * $122.20. Medium: due in 60 days, 2027-01-29. */
static void test_cmo_plan_holds_a_business_own_marketing_action_when_another_blast_is_best(
    void **state)
{
    (void)state;
    const char *const ids[] = {"boat", "mugs"};
    const char *const markdown[] = {boat, mugs};
    char *md = render_cmo(ids, markdown, 2);
    assert_contains(md, "- Best e-mail blast: Boat,");
    const char *plan = strstr(md, "## Plan: Mugs");
    assert_non_null(plan);
    assert_in_order(plan, "**60 days**",
                    "- Send the first blast to the e-mail list "
                    "(agent_handoffs/projects/mugs.md:30), by 2027-01-29: if the assumed rates "
                    "hold, $124–$196 of sales per send after its $20 cost ($75–$122 after the "
                    "mugs' own costs)");
    free(md);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            test_cmo_plan_holds_a_business_own_marketing_action_when_another_blast_is_best),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
