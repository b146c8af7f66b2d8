/* Delivery states: pending -> sending -> sent | failed | unknown, the
 * transitions the ledger refuses, and how deliveries are listed back. */
#include "ledger_fixture.h"

#include <sys/stat.h>

static void test_ledger_state_names_round_trip(void **state)
{
    (void)state;
    for (int i = 0; i < DELIVERY_STATE_COUNT; i++) {
        delivery_state parsed = DELIVERY_STATE_COUNT;
        assert_true(ledger_state_from_name(ledger_state_name((delivery_state)i), &parsed));
        assert_int_equal(parsed, i);
    }
    assert_string_equal(ledger_state_name(DELIVERY_SENT), "sent");
    delivery_state parsed;
    assert_false(ledger_state_from_name("delivered", &parsed));
    assert_false(ledger_state_from_name(NULL, &parsed));
}

static void test_ledger_open_creates_private_file_and_dirs(void **state)
{
    ledger_fixture *f = *state;
    int recovered = -1;
    ledger *l = fixture_open(f->path, &recovered);
    assert_int_equal(recovered, 0);
    assert_string_equal(ledger_path(l), f->path);
    struct stat st;
    assert_int_equal(stat(f->path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    char dir[160];
    snprintf(dir, sizeof dir, "%s/state", f->dir);
    assert_int_equal(stat(dir, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
    ledger_close(l);
    /* WAL mode is persistent in the file: a raw connection sees it. */
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(stmt, 0), "wal");
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

static void test_ledger_default_path_follows_xdg_state_home(void **state)
{
    ledger_fixture *f = *state;
    setenv("XDG_STATE_HOME", f->dir, 1);
    ledger *l = fixture_open(NULL, NULL);
    char expected[160];
    snprintf(expected, sizeof expected, "%s/briefing/ledger.sqlite3", f->dir);
    assert_string_equal(ledger_path(l), expected);
    strbuf root = STRBUF_INIT;
    ledger_default_archive_root(l, &root);
    snprintf(expected, sizeof expected, "%s/briefing/archive", f->dir);
    assert_string_equal(strbuf_cstr(&root), expected);
    strbuf_free(&root);
    ledger_close(l);
    unsetenv("XDG_STATE_HOME");
}

static void test_ledger_default_path_falls_back_to_home(void **state)
{
    ledger_fixture *f = *state;
    const char *saved = getenv("HOME");
    char *home = saved ? strdup(saved) : NULL;
    unsetenv("XDG_STATE_HOME");
    setenv("HOME", f->dir, 1);
    ledger *l = fixture_open(NULL, NULL);
    char expected[160];
    snprintf(expected, sizeof expected, "%s/.local/state/briefing/ledger.sqlite3", f->dir);
    assert_string_equal(ledger_path(l), expected);
    ledger_close(l);
    if (home)
        setenv("HOME", home, 1);
    free(home);
}

static void test_ledger_delivery_goes_pending_sending_sent(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    char error[512] = "";
    int64_t batch = ledger_begin_batch(l, "weekly", error, sizeof error);
    assert_true(batch > 0);
    int64_t id = fixture_add(l, batch, "cfo", "portfolio", 0);
    assert_int_equal(fixture_state(l, id), DELIVERY_PENDING);

    assert_true(ledger_mark_sending(l, id, error, sizeof error));
    assert_int_equal(fixture_state(l, id), DELIVERY_SENDING);
    assert_true(ledger_mark_sent(l, id, "0100-msg", "req-1", 2, error, sizeof error));

    ledger_delivery d;
    assert_true(ledger_get(l, id, &d, error, sizeof error));
    assert_int_equal(d.state, DELIVERY_SENT);
    assert_int_equal(d.batch_id, batch);
    assert_string_equal(d.persona, "cfo");
    assert_string_equal(d.scope, "portfolio");
    assert_string_equal(d.subject, "Weekly briefing");
    assert_string_equal(d.to_addresses, "Ana CFO <cfo@example.com>");
    assert_string_equal(d.cc_addresses, "ops@example.com");
    assert_null(d.bcc_addresses);
    assert_string_equal(d.message_id, "0100-msg");
    assert_string_equal(d.request_id, "req-1");
    assert_int_equal(d.attempts, 2);
    assert_int_equal(d.size_bytes, 1234);
    assert_true(d.created_at > 0 && d.updated_at >= d.created_at);
    ledger_delivery_clear(&d);
    ledger_close(l);
}

static void test_ledger_failed_and_unknown_keep_the_error(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    char error[512] = "";
    int64_t invalid = fixture_add(l, 0, "cfo", "portfolio", 0);
    int64_t rejected = fixture_add(l, 0, "ceo", "portfolio", 0);
    int64_t timed_out = fixture_add(l, 0, "coo", "portfolio", 0);

    assert_true(ledger_mark_failed(l, invalid, "invalid", "no recipient", NULL, 0, error,
                                   sizeof error));
    assert_true(ledger_mark_sending(l, rejected, error, sizeof error));
    assert_true(ledger_mark_failed(l, rejected, "MessageRejected", "Email address is not verified",
                                   "req-2", 1, error, sizeof error));
    assert_true(ledger_mark_sending(l, timed_out, error, sizeof error));
    assert_true(ledger_mark_unknown(l, timed_out, "timeout", "no answer in 30 s", 3, error,
                                    sizeof error));

    ledger_delivery d;
    assert_true(ledger_get(l, invalid, &d, error, sizeof error));
    assert_int_equal(d.state, DELIVERY_FAILED);
    assert_int_equal(d.attempts, 0);
    assert_string_equal(d.error_code, "invalid");
    ledger_delivery_clear(&d);
    assert_true(ledger_get(l, rejected, &d, error, sizeof error));
    assert_int_equal(d.state, DELIVERY_FAILED);
    assert_string_equal(d.error_code, "MessageRejected");
    assert_string_equal(d.request_id, "req-2");
    assert_int_equal(d.attempts, 1);
    ledger_delivery_clear(&d);
    assert_true(ledger_get(l, timed_out, &d, error, sizeof error));
    assert_int_equal(d.state, DELIVERY_UNKNOWN);
    assert_string_equal(d.error_message, "no answer in 30 s");
    assert_int_equal(d.attempts, 3);
    ledger_delivery_clear(&d);
    ledger_close(l);
}

static void test_ledger_refuses_transitions_outside_the_state_machine(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    char error[512] = "";
    int64_t id = fixture_add(l, 0, "cfo", "portfolio", 0);

    assert_false(ledger_mark_sent(l, id, "m", "r", 1, error, sizeof error));
    assert_non_null(strstr(error, "is pending and cannot become sent"));
    assert_false(ledger_mark_unknown(l, id, "x", "y", 1, error, sizeof error));

    assert_true(ledger_mark_sending(l, id, error, sizeof error));
    assert_false(ledger_mark_sending(l, id, error, sizeof error));
    assert_non_null(strstr(error, "is sending and cannot become sending"));
    assert_true(ledger_mark_sent(l, id, "m", "r", 1, error, sizeof error));
    assert_false(ledger_mark_sending(l, id, error, sizeof error));
    assert_false(ledger_mark_failed(l, id, "x", "y", NULL, 1, error, sizeof error));
    assert_non_null(strstr(error, f->path));
    assert_int_equal(fixture_state(l, id), DELIVERY_SENT);

    assert_false(ledger_mark_sending(l, 999, error, sizeof error));
    assert_non_null(strstr(error, "no delivery 999"));
    ledger_close(l);
}

static void test_ledger_get_missing_names_the_id_and_file(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    char error[512] = "";
    ledger_delivery d;
    assert_false(ledger_get(l, 42, &d, error, sizeof error));
    assert_non_null(strstr(error, "no delivery 42"));
    assert_non_null(strstr(error, f->path));
    ledger_close(l);
}

static void test_ledger_resend_links_to_the_original(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    char error[512] = "";
    int64_t original = fixture_add(l, 0, "cfo", "portfolio", 0);
    int64_t resend = fixture_add(l, 0, "cfo", "portfolio", original);
    ledger_delivery d;
    assert_true(ledger_get(l, resend, &d, error, sizeof error));
    assert_int_equal(d.resend_of, original);
    ledger_delivery_clear(&d);
    assert_true(ledger_get(l, original, &d, error, sizeof error));
    assert_int_equal(d.resend_of, 0);
    ledger_delivery_clear(&d);
    ledger_close(l);
}

static void test_ledger_set_archive_records_path_and_hash(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    char error[512] = "";
    int64_t id = fixture_add(l, 0, "cfo", "portfolio", 0);
    const char *hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    assert_true(ledger_set_archive(l, id, "/a/cfo-portfolio.eml", hash, 77, error, sizeof error));
    ledger_delivery d;
    assert_true(ledger_get(l, id, &d, error, sizeof error));
    assert_string_equal(d.archive_path, "/a/cfo-portfolio.eml");
    assert_string_equal(d.message_sha256, hash);
    assert_int_equal(d.size_bytes, 77);
    ledger_delivery_clear(&d);
    assert_false(ledger_set_archive(l, 999, "/x", hash, 1, error, sizeof error));
    ledger_close(l);
}

/* Rows at fixed times so order and `since` do not depend on the clock. */
static void fixture_set_created(const char *path, int64_t id, long long when)
{
    char sql[128];
    snprintf(sql, sizeof sql, "UPDATE deliveries SET created_at = %lld WHERE id = %lld", when,
             (long long)id);
    fixture_sql(path, sql);
}

static void test_ledger_list_is_newest_first_and_filters(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    char error[512] = "";
    int64_t first = ledger_begin_batch(l, NULL, error, sizeof error);
    int64_t a = fixture_add(l, first, "cfo", "portfolio", 0);
    int64_t b = fixture_add(l, first, "ceo", "acme", 0);
    int64_t second = ledger_begin_batch(l, NULL, error, sizeof error);
    int64_t c = fixture_add(l, second, "cfo", "acme", 0);
    assert_int_equal(ledger_last_batch(l), second);
    fixture_set_created(f->path, a, 1000);
    fixture_set_created(f->path, b, 3000);
    fixture_set_created(f->path, c, 2000);
    assert_true(ledger_mark_sending(l, c, error, sizeof error));

    ledger_delivery *list = NULL;
    size_t count = 0;
    ledger_filter any = {0};
    assert_true(ledger_list(l, &any, &list, &count, error, sizeof error));
    assert_int_equal(count, 3);
    assert_int_equal(list[0].id, b);
    assert_int_equal(list[1].id, c);
    assert_int_equal(list[2].id, a);
    ledger_deliveries_free(list, count);

    struct {
        ledger_filter filter;
        size_t count;
        int64_t newest;
    } cases[] = {
        {{.persona = "cfo"}, 2, c},
        {{.scope = "acme"}, 2, b},
        {{.has_state = true, .state = DELIVERY_SENDING}, 1, c},
        {{.has_state = true, .state = DELIVERY_SENT}, 0, 0},
        {{.since = 2000}, 2, b},
        {{.batch_id = first}, 2, b},
        {{.persona = "cfo", .batch_id = second}, 1, c},
        {{.limit = 1}, 1, b},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_true(ledger_list(l, &cases[i].filter, &list, &count, error, sizeof error));
        assert_int_equal(count, cases[i].count);
        if (count > 0)
            assert_int_equal(list[0].id, cases[i].newest);
        ledger_deliveries_free(list, count);
    }
    ledger_close(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ledger_state_names_round_trip),
        cmocka_unit_test_setup_teardown(test_ledger_open_creates_private_file_and_dirs, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_default_path_follows_xdg_state_home, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_default_path_falls_back_to_home, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_delivery_goes_pending_sending_sent, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_failed_and_unknown_keep_the_error, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_refuses_transitions_outside_the_state_machine,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_get_missing_names_the_id_and_file, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_resend_links_to_the_original, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_set_archive_records_path_and_hash, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_list_is_newest_first_and_filters, fixture_setup,
                                        fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
