/* Planning against a real SQLite ledger: which reports join a batch, which
 * are left out and why (send_plan_judge), which deliveries are still to
 * settle (send_unresolved_list), and the refusal of an empty portfolio. */
#include "send_fixture.h"

#include <time.h>

static const report_target ceo = {PERSONA_CEO, "portfolio"};

static void test_a_report_never_sent_is_included(void **state)
{
    send_fixture *f = *state;
    ledger *l = fixture_ledger(f);
    send_plan_check check;
    assert_int_equal(send_plan_judge(l, &ceo, time(NULL), false, &check), SEND_PLAN_INCLUDED);
    assert_string_equal(check.reason, "");
    ledger_close(l);
}

static void test_a_report_whose_last_delivery_is_unknown_is_left_out_even_when_asked(void **state)
{
    send_fixture *f = *state;
    ledger *l = fixture_ledger(f);
    int64_t id = fixture_delivery(l, 0, "ceo", "portfolio", DELIVERY_UNKNOWN);
    send_plan_check check;
    assert_int_equal(send_plan_judge(l, &ceo, time(NULL), true, &check), SEND_PLAN_LAST_UNKNOWN);
    assert_int_equal(check.delivery_id, id);
    assert_non_null(strstr(check.reason, "ceo/portfolio left out: its last delivery"));
    assert_non_null(strstr(check.reason, "is unknown"));
    ledger_close(l);
}

static void test_a_report_sent_today_is_left_out_unless_include_sent(void **state)
{
    send_fixture *f = *state;
    ledger *l = fixture_ledger(f);
    fixture_delivery(l, 0, "ceo", "portfolio", DELIVERY_SENT);
    send_plan_check check;
    assert_int_equal(send_plan_judge(l, &ceo, time(NULL), false, &check), SEND_PLAN_SENT_TODAY);
    assert_non_null(strstr(check.reason, "already sent today at"));
    assert_non_null(strstr(check.reason, "--include-sent"));
    assert_int_equal(send_plan_judge(l, &ceo, time(NULL), true, &check), SEND_PLAN_INCLUDED);
    ledger_close(l);
}

static void test_a_report_sent_on_an_earlier_day_is_included(void **state)
{
    send_fixture *f = *state;
    ledger *l = fixture_ledger(f);
    fixture_delivery(l, 0, "ceo", "portfolio", DELIVERY_SENT);
    send_plan_check check;
    time_t two_days_later = time(NULL) + 2 * 24 * 3600;
    assert_int_equal(send_plan_judge(l, &ceo, two_days_later, false, &check), SEND_PLAN_INCLUDED);
    ledger_close(l);
}

/* A test send as the console records it: to the sender only, flagged. */
static int64_t plan_test_send(ledger *l)
{
    ledger_delivery d = {.test = true};
    snprintf(d.persona, sizeof d.persona, "ceo");
    snprintf(d.scope, sizeof d.scope, "portfolio");
    d.subject = (char *)"[TEST] Weekly briefing";
    d.to_addresses = (char *)"reports@example.com";
    char error[512] = "";
    assert_true(ledger_add_delivery(l, &d, error, sizeof error));
    assert_true(ledger_mark_sending(l, d.id, error, sizeof error));
    assert_true(ledger_mark_sent(l, d.id, "ses-test", "req-test", 1, error, sizeof error));
    return d.id;
}

static void test_a_test_send_today_does_not_count_as_the_report_sent(void **state)
{
    send_fixture *f = *state;
    ledger *l = fixture_ledger(f);
    int64_t id = plan_test_send(l);
    char error[512] = "";
    ledger_delivery stored;
    assert_true(ledger_get(l, id, &stored, error, sizeof error));
    assert_true(stored.test);
    ledger_delivery_clear(&stored);
    send_plan_check check;
    assert_int_equal(send_plan_judge(l, &ceo, time(NULL), false, &check), SEND_PLAN_INCLUDED);
    int64_t real = fixture_delivery(l, 0, "ceo", "portfolio", DELIVERY_SENT);
    plan_test_send(l); /* a later test does not hide the real report either */
    assert_int_equal(send_plan_judge(l, &ceo, time(NULL), false, &check), SEND_PLAN_SENT_TODAY);
    assert_int_equal(check.delivery_id, real);
    ledger_close(l);
}

static void test_unresolved_deliveries_are_the_latest_failed_unknown_or_not_attempted(void **state)
{
    send_fixture *f = *state;
    ledger *l = fixture_ledger(f);
    char error[512] = "";
    int64_t batch1 = ledger_begin_batch(l, NULL, error, sizeof error);
    fixture_delivery(l, batch1, "ceo", "portfolio", DELIVERY_FAILED);
    fixture_delivery(l, batch1, "ceo", "portfolio", DELIVERY_SENT); /* settles the failure */
    int64_t failed = fixture_delivery(l, batch1, "cto", "portfolio", DELIVERY_FAILED);
    int64_t skipped = fixture_delivery(l, batch1, "cfo", "portfolio", DELIVERY_PENDING);
    assert_true(ledger_mark_not_attempted(l, skipped, "stopped", error, sizeof error));
    int64_t batch2 = ledger_begin_batch(l, NULL, error, sizeof error);
    int64_t unknown = fixture_delivery(l, batch2, "cmo", "portfolio", DELIVERY_UNKNOWN);

    ledger_delivery *list = NULL;
    size_t count = 0;
    assert_true(send_unresolved_list(l, 0, &list, &count, error, sizeof error));
    assert_int_equal(count, 3);
    assert_int_equal(list[0].id, failed); /* oldest first */
    assert_int_equal(list[1].id, skipped);
    assert_int_equal(list[2].id, unknown);
    ledger_deliveries_free(list, count);

    assert_true(send_unresolved_list(l, batch2, &list, &count, error, sizeof error));
    assert_int_equal(count, 1);
    assert_int_equal(list[0].id, unknown);
    ledger_deliveries_free(list, count);
    ledger_close(l);
}

static void test_a_portfolio_without_handoffs_is_not_usable_and_says_where_it_looked(void **state)
{
    send_fixture *f = *state;
    char path[256], error[512];
    assert_true(send_portfolio_usable(f->portfolio, error, sizeof error));
    snprintf(path, sizeof path, "%s/agent_handoffs/projects/acme.md", f->root);
    assert_int_equal(remove(path), 0);
    fixture_load(f);
    assert_false(send_portfolio_usable(f->portfolio, error, sizeof error));
    snprintf(path, sizeof path, "no handoffs in %s/agent_handoffs/projects", f->root);
    assert_non_null(strstr(error, path));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_a_report_never_sent_is_included, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(
            test_a_report_whose_last_delivery_is_unknown_is_left_out_even_when_asked,
            fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_a_report_sent_today_is_left_out_unless_include_sent,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_a_report_sent_on_an_earlier_day_is_included,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(
            test_a_test_send_today_does_not_count_as_the_report_sent, fixture_setup,
            fixture_teardown),
        cmocka_unit_test_setup_teardown(
            test_unresolved_deliveries_are_the_latest_failed_unknown_or_not_attempted,
            fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(
            test_a_portfolio_without_handoffs_is_not_usable_and_says_where_it_looked,
            fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
