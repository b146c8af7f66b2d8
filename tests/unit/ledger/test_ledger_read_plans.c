/* The SQLite ledger's reads stay bounded at any size (issue 11): each
 * listing the operator and the engine ask for is answered through an
 * index in its own order (SQLite's EXPLAIN QUERY PLAN says which, and
 * that no temporary B-tree sorts every match), and `ledger status`'s
 * counts, kept by triggers, always equal a count of the rows. */
#include "ledger_fixture.h"

#include "ledger/ledger_internal.h"

/* The query plan of a listing through `filter`, one line per step. */
static void plan_of(const char *path, const ledger_filter *filter, char *out, size_t out_size)
{
    strbuf sql = STRBUF_INIT;
    strbuf_puts(&sql, "EXPLAIN QUERY PLAN ");
    ledger_list_sql(filter, &sql);
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    if (sqlite3_prepare_v2(db, strbuf_cstr(&sql), -1, &stmt, NULL) != SQLITE_OK)
        fail_msg("%s: %s", strbuf_cstr(&sql), sqlite3_errmsg(db));
    size_t used = 0;
    out[0] = '\0';
    while (sqlite3_step(stmt) == SQLITE_ROW && used < out_size)
        used += (size_t)snprintf(out + used, out_size - used, "%s\n",
                                 (const char *)sqlite3_column_text(stmt, 3));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    strbuf_free(&sql);
}

static void assert_plan(const char *path, const ledger_filter *filter, const char *index_use)
{
    char plan[1024];
    plan_of(path, filter, plan, sizeof plan);
    if (!strstr(plan, index_use) || strstr(plan, "TEMP B-TREE"))
        fail_msg("expected \"%s\" and no sort of every match; the plan is:\n%s", index_use, plan);
}

static int setup(void **state)
{
    fixture_setup(state);
    ledger_fixture *f = *state;
    int recovered;
    ledger_close(fixture_open(f->path, &recovered)); /* the file at the current schema */
    return 0;
}

static void test_log_and_the_console_read_the_newest_through_the_time_index(void **state)
{
    ledger_fixture *f = *state;
    const ledger_filter first_page = {.limit = 50};
    assert_plan(f->path, &first_page, "SCAN deliveries USING INDEX deliveries_by_created");
    const ledger_filter next_page = {.limit = 500, .after_id = 4321};
    assert_plan(f->path, &next_page,
                "SEARCH deliveries USING INDEX deliveries_by_created (created_at<?)");
}

static void test_planning_reads_a_report_through_its_index(void **state)
{
    ledger_fixture *f = *state;
    /* send_report_standing: the report's latest, then its day's holder */
    const ledger_filter latest = {.persona = "cfo", .scope = "portfolio", .limit = 1,
                                  .exclude_tests = true};
    assert_plan(f->path, &latest,
                "SEARCH deliveries USING INDEX deliveries_by_report (persona=? AND scope=?)");
    const ledger_filter that_day = {.persona = "cfo", .scope = "portfolio", .since = 1700000000,
                                    .exclude_tests = true};
    assert_plan(f->path, &that_day,
                "SEARCH deliveries USING INDEX deliveries_by_report (persona=? AND scope=? AND "
                "created_at>?)");
    const ledger_filter next_page = {.persona = "cfo", .scope = "portfolio", .limit = 50,
                                     .after_id = 12};
    assert_plan(f->path, &next_page,
                "SEARCH deliveries USING INDEX deliveries_by_report (persona=? AND scope=? AND "
                "created_at<?)");
}

static void test_a_page_after_a_delivery_that_is_not_there_is_an_error(void **state)
{
    ledger_fixture *f = *state;
    int recovered;
    ledger *l = fixture_open(f->path, &recovered);
    fixture_add(l, 0, "cfo", "portfolio", 0);
    const ledger_filter after_nothing = {.after_id = 99};
    ledger_delivery *list = NULL;
    size_t count = 0;
    char error[512] = "";
    assert_false(ledger_list(l, &after_nothing, &list, &count, error, sizeof error));
    assert_non_null(strstr(error, "no delivery 99 to list after"));
    assert_int_equal(count, 0);
    ledger_close(l);
}

/* ledger_count_deliveries against a count of the rows themselves. */
static void assert_counts_match_the_rows(ledger *l, const char *path)
{
    size_t by_state[DELIVERY_STATE_COUNT];
    char error[512] = "";
    assert_true(ledger_count_deliveries(l, by_state, error, sizeof error));
    for (int s = 0; s < DELIVERY_STATE_COUNT; s++) {
        char sql[160];
        snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM deliveries WHERE state = '%s'",
                 ledger_state_name((delivery_state)s));
        assert_int_equal(by_state[s], fixture_sql_int(path, sql));
    }
}

static void test_the_counts_follow_every_change_and_a_migrated_file(void **state)
{
    ledger_fixture *f = *state;
    int recovered;
    ledger *l = fixture_open(f->path, &recovered);
    char error[512] = "";
    int64_t sent = fixture_add(l, 0, "cfo", "portfolio", 0);
    int64_t failed = fixture_add(l, 0, "ceo", "portfolio", 0);
    fixture_add(l, 0, "cto", "portfolio", 0);
    assert_true(ledger_mark_sending(l, sent, error, sizeof error));
    assert_true(ledger_mark_sent(l, sent, "m-1", "r-1", 1, error, sizeof error));
    assert_true(ledger_mark_failed(l, failed, "Throttling", "slow down", NULL, 1, error,
                                   sizeof error));
    assert_false(ledger_mark_sending(l, sent, error, sizeof error)); /* refused: no change */
    assert_counts_match_the_rows(l, f->path);
    ledger_close(l);

    /* a file written before the counts (v6): counted once when migrated */
    fixture_sql(f->path, "DROP TRIGGER deliveries_count_insert; DROP TRIGGER "
                         "deliveries_count_update; DROP TRIGGER deliveries_count_delete;"
                         "DROP TABLE delivery_counts;"
                         "UPDATE deliveries SET state = 'unknown' WHERE id = 3;"
                         "PRAGMA user_version = 6;");
    l = fixture_open(f->path, &recovered);
    assert_counts_match_the_rows(l, f->path);
    fixture_add(l, 0, "cmo", "portfolio", 0);
    assert_counts_match_the_rows(l, f->path);
    ledger_close(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_log_and_the_console_read_the_newest_through_the_time_index, setup,
            fixture_teardown),
        cmocka_unit_test_setup_teardown(test_planning_reads_a_report_through_its_index, setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(
            test_a_page_after_a_delivery_that_is_not_there_is_an_error, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_the_counts_follow_every_change_and_a_migrated_file,
                                        setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
