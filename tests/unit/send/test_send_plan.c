/* Planning against a real SQLite ledger: which reports join a batch, which
 * are left out and why (send_plan_judge), which deliveries are still to
 * settle (send_unresolved_list), and the refusal of an empty portfolio. */
#include "send_fixture.h"

#include <time.h>
#include <unistd.h>

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

/* What send_unresolved_list said it left out, for the tests to read. */
typedef struct {
    int count;
    char last[512];
} plan_notes;

static void plan_note(void *context, const char *why)
{
    plan_notes *notes = context;
    notes->count++;
    snprintf(notes->last, sizeof notes->last, "%s", why);
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
    assert_true(send_unresolved_list(l, 0, true, &list, &count, NULL, NULL, error, sizeof error));
    assert_int_equal(count, 3);
    assert_int_equal(list[0].id, failed); /* oldest first */
    assert_int_equal(list[1].id, skipped);
    assert_int_equal(list[2].id, unknown);
    ledger_deliveries_free(list, count);

    assert_true(send_unresolved_list(l, batch2, true, &list, &count, NULL, NULL, error, sizeof error));
    assert_int_equal(count, 1);
    assert_int_equal(list[0].id, unknown);
    ledger_deliveries_free(list, count);

    /* Without include_unknown the unknown one is left out, and `note` says why. */
    plan_notes notes = {0};
    assert_true(send_unresolved_list(l, 0, false, &list, &count, plan_note, &notes, error,
                                     sizeof error));
    assert_int_equal(count, 2);
    assert_int_equal(list[0].id, failed);
    assert_int_equal(list[1].id, skipped);
    ledger_deliveries_free(list, count);
    assert_int_equal(notes.count, 1);
    assert_non_null(strstr(notes.last, "(cmo/portfolio, unknown) left out: SES may have accepted it"));
    assert_non_null(strstr(notes.last, "--include-unknown"));
    ledger_close(l);
}

/* How many deliveries of `batch` (0: all) resend --failed would send;
 * `notes` gets what it left out and why. */
static size_t plan_unresolved_count(ledger *l, int64_t batch, plan_notes *notes)
{
    ledger_delivery *list = NULL;
    size_t count = 0;
    char error[512] = "";
    memset(notes, 0, sizeof *notes);
    assert_true(send_unresolved_list(l, batch, true, &list, &count, plan_note, notes, error,
                                     sizeof error));
    ledger_deliveries_free(list, count);
    return count;
}

/* The plan for ceo/portfolio, checked to be `verdict` decided by `delivery`. */
static send_plan_check plan_expect(ledger *l, bool include_sent, send_plan_verdict verdict,
                                   int64_t delivery)
{
    send_plan_check check;
    assert_int_equal(send_plan_judge(l, &ceo, time(NULL), include_sent, &check), verdict);
    assert_int_equal(check.delivery_id, delivery);
    return check;
}

/* A delivery the batch did not send (a refused day claim, a stop). */
static int64_t plan_not_attempted(ledger *l, int64_t batch)
{
    int64_t id = fixture_delivery(l, batch, "ceo", "portfolio", DELIVERY_PENDING);
    char error[512] = "";
    assert_true(ledger_mark_not_attempted(l, id, "the day is held", error, sizeof error));
    return id;
}

/* A ceo/portfolio delivery in `state` holding today, then a refused
 * claim's not-attempted row after it; returns the holder's id. */
static int64_t plan_day_held(ledger *l, delivery_state state)
{
    int64_t holder = fixture_delivery(l, 0, "ceo", "portfolio", state);
    plan_not_attempted(l, 0);
    return holder;
}

static void test_a_day_held_not_attempted_row_does_not_hide_the_unknown_delivery(void **state)
{
    send_fixture *f = *state;
    ledger *l = fixture_ledger(f);
    char error[512] = "";
    int64_t unknown = fixture_delivery(l, ledger_begin_batch(l, NULL, error, sizeof error), "ceo",
                                       "portfolio", DELIVERY_UNKNOWN);
    int64_t later = ledger_begin_batch(l, NULL, error, sizeof error);
    int64_t refused = plan_not_attempted(l, later);
    plan_not_attempted(l, later); /* every refused run adds one: none hides it */
    plan_expect(l, true, SEND_PLAN_LAST_UNKNOWN, unknown);

    plan_notes notes;
    /* resend --failed --batch LATER sends nothing */
    assert_int_equal(plan_unresolved_count(l, later, &notes), 0);
    assert_int_equal(notes.count, 2);
    char expected[128];
    snprintf(expected, sizeof expected, "(ceo/portfolio, not-attempted) left out: delivery %lld",
             (long long)unknown);
    assert_non_null(strstr(notes.last, expected));
    assert_non_null(strstr(notes.last, "is unknown (SES may have it"));

    ledger_delivery *list = NULL;
    size_t count = 0;
    assert_true(send_unresolved_list(l, 0, true, &list, &count, NULL, NULL, error, sizeof error));
    assert_int_equal(count, 1); /* every batch: the unknown one, named as what it is */
    assert_int_equal(list[0].id, unknown);
    assert_int_not_equal(list[0].id, refused);
    ledger_deliveries_free(list, count);
    ledger_close(l);
}

/* ...and the reason names the machine that sent it ("from HOST"). */
static void test_a_day_held_not_attempted_row_does_not_hide_the_sent_delivery(void **state)
{
    send_fixture *f = *state;
    ledger *l = fixture_ledger(f);
    int64_t sent = plan_day_held(l, DELIVERY_SENT);
    send_plan_check check = plan_expect(l, false, SEND_PLAN_SENT_TODAY, sent);
    char host[128] = "", expected[256];
    assert_int_equal(gethostname(host, sizeof host - 1), 0);
    snprintf(expected, sizeof expected, " from %s (delivery %lld)", host, (long long)sent);
    assert_non_null(strstr(check.reason, expected));
    plan_notes notes;
    assert_int_equal(plan_unresolved_count(l, 0, &notes), 0);
    assert_int_equal(notes.count, 1);
    assert_non_null(strstr(notes.last, "is sent"));
    ledger_close(l);
}

static void test_a_report_being_sent_is_left_out_even_when_asked_and_names_the_host(void **state)
{
    send_fixture *f = *state;
    ledger *l = fixture_ledger(f);
    int64_t sending = plan_day_held(l, DELIVERY_SENDING);
    char error[512] = "";
    ledger_delivery stored;
    assert_true(ledger_get(l, sending, &stored, error, sizeof error));
    send_plan_check check = plan_expect(l, true, SEND_PLAN_BEING_SENT, sending);
    char expected[256];
    snprintf(expected, sizeof expected, "ceo/portfolio left out: is being sent by %s since ",
             stored.host[0] ? stored.host : "another process");
    assert_non_null(strstr(check.reason, expected));
    ledger_delivery_clear(&stored);
    ledger_close(l);
}

static void test_a_portfolio_without_handoffs_is_not_usable_and_says_where_it_looked(void **state)
{
    send_fixture *f = *state;
    char path[256], error[512];
    assert_true(report_portfolio_usable(f->portfolio, error, sizeof error));
    snprintf(path, sizeof path, "%s/agent_handoffs/projects/acme.md", f->root);
    assert_int_equal(remove(path), 0);
    fixture_load(f);
    assert_false(report_portfolio_usable(f->portfolio, error, sizeof error));
    snprintf(path, sizeof path, "no handoffs in %s/agent_handoffs/projects", f->root);
    assert_non_null(strstr(error, path));
    /* A report asked for says the same (the console's first screen), not
     * "every handoff is ancillary". */
    report_target ceo = {PERSONA_CEO, REPORT_SCOPE_PORTFOLIO};
    assert_false(report_target_valid(f->portfolio, &ceo, error, sizeof error));
    assert_non_null(strstr(error, path));
    assert_null(strstr(error, "ancillary"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_a_report_never_sent_is_included, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(
            test_a_day_held_not_attempted_row_does_not_hide_the_unknown_delivery, fixture_setup,
            fixture_teardown),
        cmocka_unit_test_setup_teardown(
            test_a_day_held_not_attempted_row_does_not_hide_the_sent_delivery, fixture_setup,
            fixture_teardown),
        cmocka_unit_test_setup_teardown(
            test_a_report_being_sent_is_left_out_even_when_asked_and_names_the_host,
            fixture_setup, fixture_teardown),
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
