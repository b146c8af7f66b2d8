/* The day claim (ledger_claim_day) on the SQLite back end: a report is held
 * for its UTC day by another non-test delivery of it created that day that
 * is sending, sent or unknown, and the answer names that delivery and the
 * machine (the `host` column, schema v6). */
#include "ledger_fixture.h"

#include <time.h>
#include <unistd.h>

static void today_utc(char day[16])
{
    time_t now = time(NULL);
    struct tm tm;
    strftime(day, 16, "%Y-%m-%d", gmtime_r(&now, &tm));
}

static bool claim(ledger *l, int64_t id, bool *claimed, ledger_day_holder *holder)
{
    char day[16], error[512] = "";
    today_utc(day);
    if (!ledger_claim_day(l, id, day, claimed, holder, error, sizeof error))
        fail_msg("ledger_claim_day: %s", error);
    return *claimed;
}

static void this_host(char out[256])
{
    assert_int_equal(gethostname(out, 256), 0);
    out[255] = '\0';
}

static void test_a_second_delivery_is_refused_and_told_who_holds_the_day(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    char error[512] = "", host[256];
    this_host(host);
    int64_t first = fixture_add(l, 0, "cfo", "portfolio", 0);
    int64_t second = fixture_add(l, 0, "cfo", "portfolio", 0);
    bool claimed = false;
    ledger_day_holder holder;
    assert_true(claim(l, first, &claimed, &holder)); /* nobody holds it yet */
    assert_true(ledger_mark_sending(l, first, error, sizeof error));
    assert_false(claim(l, second, &claimed, &holder));
    assert_int_equal(holder.delivery_id, first);
    assert_int_equal(holder.state, DELIVERY_SENDING);
    assert_string_equal(holder.host, host);
    assert_true(holder.at > 0 && holder.at <= time(NULL));
    assert_true(ledger_mark_sent(l, first, "m-1", "r-1", 1, error, sizeof error));
    assert_false(claim(l, second, &claimed, &holder));
    assert_int_equal(holder.state, DELIVERY_SENT);
    /* the holder itself still holds it: its own claim is not refused by itself */
    assert_true(claim(l, first, &claimed, &holder));
    ledger_close(l);
}

static void test_a_failed_or_not_attempted_delivery_frees_the_day(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    char error[512] = "";
    int64_t failed = fixture_add(l, 0, "ceo", "portfolio", 0);
    assert_true(ledger_mark_sending(l, failed, error, sizeof error));
    assert_true(ledger_mark_failed(l, failed, "MessageRejected", "no", "r", 1, error,
                                   sizeof error));
    int64_t skipped = fixture_add(l, 0, "ceo", "portfolio", 0);
    assert_true(ledger_mark_not_attempted(l, skipped, "stopped", error, sizeof error));
    int64_t next = fixture_add(l, 0, "ceo", "portfolio", 0);
    bool claimed = false;
    ledger_day_holder holder;
    assert_true(claim(l, next, &claimed, &holder));
    /* an unknown one holds it: SES may have accepted it */
    assert_true(ledger_mark_sending(l, next, error, sizeof error));
    assert_true(ledger_mark_unknown(l, next, "timeout", "no answer", 1, error, sizeof error));
    int64_t after = fixture_add(l, 0, "ceo", "portfolio", 0);
    assert_false(claim(l, after, &claimed, &holder));
    assert_int_equal(holder.delivery_id, next);
    assert_int_equal(holder.state, DELIVERY_UNKNOWN);
    ledger_close(l);
}

static void test_test_sends_other_reports_and_other_days_hold_nothing(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    char error[512] = "";
    ledger_delivery d = {0};
    snprintf(d.persona, sizeof d.persona, "cfo");
    snprintf(d.scope, sizeof d.scope, "portfolio");
    d.subject = (char *)"[TEST] Weekly briefing";
    d.to_addresses = (char *)"briefing@example.com";
    d.test = true;
    assert_true(ledger_add_delivery(l, &d, error, sizeof error));
    assert_true(ledger_mark_sending(l, d.id, error, sizeof error));
    assert_true(ledger_mark_sent(l, d.id, "m-test", "r", 1, error, sizeof error));
    int64_t other_scope = fixture_add(l, 0, "cfo", "acme", 0);
    assert_true(ledger_mark_sending(l, other_scope, error, sizeof error));
    int64_t yesterday = fixture_add(l, 0, "cfo", "portfolio", 0);
    assert_true(ledger_mark_sending(l, yesterday, error, sizeof error));
    assert_true(ledger_mark_sent(l, yesterday, "m-old", "r", 1, error, sizeof error));
    char sql[160];
    snprintf(sql, sizeof sql, "UPDATE deliveries SET created_at = created_at - 86400 WHERE id = %lld",
             (long long)yesterday);
    fixture_sql(f->path, sql);
    int64_t planned = fixture_add(l, 0, "cfo", "portfolio", 0);
    bool claimed = false;
    ledger_day_holder holder;
    assert_true(claim(l, planned, &claimed, &holder));
    ledger_close(l);
}

static void test_the_day_is_a_utc_date_and_the_delivery_must_exist(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    int64_t id = fixture_add(l, 0, "cfo", "portfolio", 0);
    char error[512] = "";
    bool claimed = true;
    ledger_day_holder holder;
    assert_false(ledger_claim_day(l, id, "2026-13-01", &claimed, &holder, error, sizeof error));
    assert_non_null(strstr(error, "\"2026-13-01\" is no day to claim"));
    assert_false(claimed);
    assert_false(ledger_claim_day(l, id, "2026-12-7", &claimed, &holder, error, sizeof error));
    assert_false(ledger_claim_day(l, 999, "2026-12-07", &claimed, &holder, error, sizeof error));
    assert_non_null(strstr(error, "no delivery 999"));
    /* a sent delivery created at 23:59:59 UTC holds that day, not the next */
    char errors[512];
    assert_true(ledger_mark_sending(l, id, errors, sizeof errors));
    fixture_sql(f->path, "UPDATE deliveries SET created_at = 1796687999 WHERE id = 1"); /* 2026-12-07T23:59:59Z */
    int64_t next = fixture_add(l, 0, "cfo", "portfolio", 0);
    assert_true(ledger_claim_day(l, next, "2026-12-07", &claimed, &holder, error, sizeof error));
    assert_false(claimed);
    assert_true(ledger_claim_day(l, next, "2026-12-08", &claimed, &holder, error, sizeof error));
    assert_true(claimed);
    ledger_close(l);
}

static void test_every_row_change_records_the_host(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    char error[512] = "", host[256];
    this_host(host);
    int64_t id = fixture_add(l, 0, "cmo", "portfolio", 0);
    ledger_delivery d;
    assert_true(ledger_get(l, id, &d, error, sizeof error));
    assert_string_equal(d.host, host);
    ledger_delivery_clear(&d);
    fixture_sql(f->path, "UPDATE deliveries SET host = 'laptop-b.example.com'");
    assert_true(ledger_mark_sending(l, id, error, sizeof error));
    assert_true(ledger_get(l, id, &d, error, sizeof error));
    assert_string_equal(d.host, host);
    ledger_delivery_clear(&d);
    ledger_close(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_a_second_delivery_is_refused_and_told_who_holds_the_day,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_a_failed_or_not_attempted_delivery_frees_the_day,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_test_sends_other_reports_and_other_days_hold_nothing,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_the_day_is_a_utc_date_and_the_delivery_must_exist,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_every_row_change_records_the_host, fixture_setup,
                                        fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
