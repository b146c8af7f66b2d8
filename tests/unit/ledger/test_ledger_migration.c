/* Schema migrations: a version 1 file, written here with raw SQL as the
 * first release wrote it, is brought to the current version with its rows
 * kept; a file from a newer program is refused rather than damaged. */
#include "ledger_fixture.h"


#include "ledger/ledger_internal.h"

/* The ledger file directly in the fixture's folder, made by the tests. */
static int setup(void **state)
{
    fixture_setup(state);
    ledger_fixture *f = *state;
    snprintf(f->path, sizeof f->path, "%s/ledger.sqlite3", f->dir);
    return 0;
}

/* The v1 schema as released; kept here verbatim, independent of the code. */
static const char v1_file[] =
    "CREATE TABLE batches (id INTEGER PRIMARY KEY, created_at INTEGER NOT NULL, note TEXT,"
    " finished_at INTEGER);"
    "CREATE TABLE deliveries (id INTEGER PRIMARY KEY, batch_id INTEGER REFERENCES batches(id),"
    " resend_of INTEGER REFERENCES deliveries(id), persona TEXT NOT NULL, scope TEXT NOT NULL,"
    " subject TEXT, from_address TEXT, to_addresses TEXT, cc_addresses TEXT,"
    " bcc_addresses TEXT, message_sha256 TEXT, archive_path TEXT, state TEXT NOT NULL"
    " CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'unknown')), message_id TEXT,"
    " attempts INTEGER NOT NULL DEFAULT 0, error_message TEXT, created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL, size_bytes INTEGER NOT NULL DEFAULT 0);"
    "INSERT INTO batches VALUES (1, 1700000000, 'first', 1700000100);"
    "INSERT INTO deliveries (id, batch_id, persona, scope, subject, to_addresses, state,"
    " message_id, attempts, created_at, updated_at, size_bytes) VALUES"
    " (1, 1, 'cfo', 'portfolio', 'Q3 cash', 'cfo@example.com', 'sent', 'm-1', 1,"
    "  1700000000, 1700000050, 900),"
    " (2, 1, 'ceo', 'acme', 'Acme risks', 'ceo@example.com', 'pending', NULL, 0,"
    "  1700000001, 1700000001, 800);"
    "PRAGMA user_version = 1;";

static void test_ledger_migrates_a_v1_file_and_keeps_its_rows(void **state)
{
    ledger_fixture *f = *state;
    fixture_sql(f->path, v1_file);
    assert_true(ledger_schema_version() >= 2);

    int recovered = -1;
    ledger *l = fixture_open(f->path, &recovered);
    assert_int_equal(recovered, 0);
    assert_int_equal(fixture_sql_int(f->path, "PRAGMA user_version"), ledger_schema_version());

    char error[512] = "";
    ledger_delivery d;
    assert_true(ledger_get(l, 1, &d, error, sizeof error));
    assert_int_equal(d.state, DELIVERY_SENT);
    assert_string_equal(d.subject, "Q3 cash");
    assert_string_equal(d.message_id, "m-1");
    assert_int_equal(d.created_at, 1700000000);
    assert_null(d.request_id);
    ledger_delivery_clear(&d);
    assert_int_equal(ledger_last_batch(l), 1);

    /* The v2 columns work on the old row: left `pending`, it never left,
     * and opening recorded that in error_code. */
    assert_true(ledger_get(l, 2, &d, error, sizeof error));
    assert_int_equal(d.state, DELIVERY_FAILED);
    assert_string_equal(d.error_code, "interrupted");
    ledger_delivery_clear(&d);
    int64_t id = fixture_add(l, 1, "ceo", "acme", 2);
    assert_true(ledger_mark_sending(l, id, error, sizeof error));
    assert_true(ledger_mark_failed(l, id, "Throttling", "rate exceeded", "req-9", 2, error,
                                   sizeof error));
    assert_true(ledger_get(l, id, &d, error, sizeof error));
    assert_string_equal(d.error_code, "Throttling");
    assert_string_equal(d.request_id, "req-9");
    ledger_delivery_clear(&d);
    ledger_close(l);

    /* Opening a current file again changes nothing. */
    l = fixture_open(f->path, NULL);
    assert_int_equal(fixture_sql_int(f->path, "PRAGMA user_version"), ledger_schema_version());
    assert_int_equal(fixture_sql_int(f->path, "SELECT COUNT(*) FROM deliveries"), 3);
    ledger_close(l);
}

static void test_ledger_migration_flags_earlier_test_sends_by_their_label(void **state)
{
    ledger_fixture *f = *state;
    fixture_sql(f->path, v1_file);
    fixture_sql(f->path, "INSERT INTO deliveries (id, batch_id, persona, scope, subject,"
                         " to_addresses, state, message_id, attempts, created_at, updated_at)"
                         " VALUES (3, 1, 'cto', 'portfolio', '[TEST] CTO briefing',"
                         " 'reports@example.com', 'sent', 'm-3', 1, 1700000002, 1700000003);");
    ledger *l = fixture_open(f->path, NULL);
    char error[512] = "";
    ledger_delivery d;
    assert_true(ledger_get(l, 3, &d, error, sizeof error));
    assert_true(d.test);
    ledger_delivery_clear(&d);
    assert_true(ledger_get(l, 1, &d, error, sizeof error));
    assert_false(d.test);
    ledger_delivery_clear(&d);
    ledger_close(l);
}

static void test_ledger_new_file_starts_at_the_current_version(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    ledger_close(l);
    assert_int_equal(fixture_sql_int(f->path, "PRAGMA user_version"), ledger_schema_version());
    assert_int_equal(fixture_sql_int(f->path, "SELECT COUNT(*) FROM pragma_table_info("
                                              "'deliveries') WHERE name = 'request_id'"),
                     1);
}

static void test_ledger_refuses_a_file_from_a_newer_program(void **state)
{
    ledger_fixture *f = *state;
    fixture_sql(f->path, "CREATE TABLE future (x); PRAGMA user_version = 99;");
    char error[512] = "";
    assert_null(ledger_open(f->path, NULL, error, sizeof error));
    assert_non_null(strstr(error, f->path));
    assert_non_null(strstr(error, "newer"));
    assert_int_equal(fixture_sql_int(f->path, "PRAGMA user_version"), 99);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ledger_migrates_a_v1_file_and_keeps_its_rows, setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(
            test_ledger_migration_flags_earlier_test_sends_by_their_label, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_new_file_starts_at_the_current_version, setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_refuses_a_file_from_a_newer_program, setup,
                                        fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
