/* The delivery transition table: the code's (ledger_transition_allowed)
 * against the one docs/ledger.md shows, every (from, to) pair, and the
 * SQLite back end's guard against both: a real delivery put in each state
 * is moved by each ledger_mark_* call, and only the allowed moves happen. */
#include "ledger_fixture.h"

#include "briefing/ledger_backend.h"

enum { CELL_NO, CELL_YES, CELL_MISSING };

/* The documented table: cells[from][to], from docs/ledger.md. */
typedef struct {
    int cells[DELIVERY_STATE_COUNT][DELIVERY_STATE_COUNT];
} documented_table;

/* The next "|"-separated cell of `line` after *p, trimmed, into `out`. */
static bool next_cell(const char **p, char *out, size_t out_size)
{
    const char *start = *p;
    if (*start != '|')
        return false;
    start++;
    const char *end = strchr(start, '|');
    if (!end)
        return false;
    while (start < end && *start == ' ')
        start++;
    const char *last = end;
    while (last > start && last[-1] == ' ')
        last--;
    snprintf(out, out_size, "%.*s", (int)(last - start), start);
    *p = end;
    return true;
}

/* "yes", "yes (why)" or "no". */
static int cell_value(const char *cell)
{
    if (strncmp(cell, "yes", 3) == 0)
        return CELL_YES;
    if (strcmp(cell, "no") == 0)
        return CELL_NO;
    fail_msg("docs/ledger.md: transition cell \"%s\" is neither yes nor no", cell);
    return CELL_MISSING;
}

/* Reads one row "| <from> | cell | cell ..." in the header's column order. */
static void read_row(const char *line, const delivery_state columns[], size_t column_count,
                     documented_table *t)
{
    const char *p = line;
    char cell[128];
    assert_true(next_cell(&p, cell, sizeof cell));
    delivery_state from;
    if (!ledger_state_from_name(cell, &from))
        fail_msg("docs/ledger.md: \"%s\" is no delivery state", cell);
    for (size_t i = 0; i < column_count; i++) {
        assert_true(next_cell(&p, cell, sizeof cell));
        t->cells[from][columns[i]] = cell_value(cell);
    }
}

static void read_documented_table(documented_table *t)
{
    for (int i = 0; i < DELIVERY_STATE_COUNT; i++)
        for (int j = 0; j < DELIVERY_STATE_COUNT; j++)
            t->cells[i][j] = CELL_MISSING;
    const char *source = getenv("BRIEFING_SOURCE_DIR");
    assert_non_null(source);
    char path[1024];
    snprintf(path, sizeof path, "%s/docs/ledger.md", source);
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot read %s", path);
    char line[1024];
    bool in_table = false;
    delivery_state columns[DELIVERY_STATE_COUNT];
    size_t column_count = 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (strncmp(line, "| from \\ to | pending", 21) == 0) {
            const char *p = line;
            char cell[128];
            assert_true(next_cell(&p, cell, sizeof cell)); /* "from \ to" */
            while (column_count < DELIVERY_STATE_COUNT && next_cell(&p, cell, sizeof cell))
                assert_true(ledger_state_from_name(cell, &columns[column_count++]));
            in_table = true;
        } else if (in_table && strncmp(line, "|---", 4) == 0) {
            continue;
        } else if (in_table && line[0] == '|') {
            read_row(line, columns, column_count, t);
        } else if (in_table) {
            break;
        }
    }
    fclose(f);
    assert_true(in_table);
    assert_int_equal(column_count, DELIVERY_STATE_COUNT);
}

static void test_the_code_allows_exactly_the_documented_moves(void **state)
{
    (void)state;
    documented_table t;
    read_documented_table(&t);
    for (int from = 0; from < DELIVERY_STATE_COUNT; from++) {
        for (int to = 0; to < DELIVERY_STATE_COUNT; to++) {
            if (t.cells[from][to] == CELL_MISSING)
                fail_msg("docs/ledger.md: no cell for %s -> %s",
                         ledger_state_name((delivery_state)from), ledger_state_name((delivery_state)to));
            bool documented = t.cells[from][to] == CELL_YES;
            if (ledger_transition_allowed((delivery_state)from, (delivery_state)to) != documented)
                fail_msg("%s -> %s: the code says %s, docs/ledger.md says %s",
                         ledger_state_name((delivery_state)from),
                         ledger_state_name((delivery_state)to), documented ? "no" : "yes",
                         documented ? "yes" : "no");
        }
    }
}

static void test_the_sources_list_the_allowed_states(void **state)
{
    (void)state;
    delivery_state sources[DELIVERY_STATE_COUNT];
    assert_int_equal(ledger_transition_sources(DELIVERY_PENDING, sources), 0);
    assert_int_equal(ledger_transition_sources(DELIVERY_FAILED, sources), 2);
    assert_int_equal(sources[0], DELIVERY_PENDING);
    assert_int_equal(sources[1], DELIVERY_SENDING);
    for (int to = 0; to < DELIVERY_STATE_COUNT; to++) {
        size_t count = ledger_transition_sources((delivery_state)to, sources);
        for (int from = 0; from < DELIVERY_STATE_COUNT; from++) {
            bool listed = false;
            for (size_t i = 0; i < count; i++)
                listed |= sources[i] == (delivery_state)from;
            assert_int_equal(listed, ledger_transition_allowed((delivery_state)from,
                                                               (delivery_state)to));
        }
    }
}

/* Moves delivery `id` to `to` with the ledger call that does it. */
static bool mark(ledger *l, int64_t id, delivery_state to, char *error, size_t error_size)
{
    switch (to) {
    case DELIVERY_SENDING: return ledger_mark_sending(l, id, error, error_size);
    case DELIVERY_SENT: return ledger_mark_sent(l, id, "m-1", "r-1", 1, error, error_size);
    case DELIVERY_FAILED:
        return ledger_mark_failed(l, id, "code", "message", NULL, 1, error, error_size);
    case DELIVERY_UNKNOWN: return ledger_mark_unknown(l, id, "code", "message", 1, error, error_size);
    case DELIVERY_NOT_ATTEMPTED: return ledger_mark_not_attempted(l, id, "why", error, error_size);
    default: fail_msg("no ledger call moves a delivery to %s", ledger_state_name(to));
    }
    return false;
}

static void test_sqlite_moves_a_delivery_only_as_the_table_allows(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    for (int from = 0; from < DELIVERY_STATE_COUNT; from++) {
        for (int to = DELIVERY_SENDING; to < DELIVERY_STATE_COUNT; to++) {
            int64_t id = fixture_add(l, 0, "cfo", "portfolio", 0);
            char sql[160];
            snprintf(sql, sizeof sql, "UPDATE deliveries SET state = '%s' WHERE id = %lld",
                     ledger_state_name((delivery_state)from), (long long)id);
            fixture_sql(f->path, sql);
            char error[512] = "";
            bool allowed = ledger_transition_allowed((delivery_state)from, (delivery_state)to);
            bool moved = mark(l, id, (delivery_state)to, error, sizeof error);
            if (moved != allowed)
                fail_msg("%s -> %s: %s (%s)", ledger_state_name((delivery_state)from),
                         ledger_state_name((delivery_state)to), moved ? "moved" : "refused", error);
            assert_int_equal(fixture_state(l, id), moved ? to : from);
            if (!moved) {
                char expected[128];
                snprintf(expected, sizeof expected, "is %s and cannot become %s",
                         ledger_state_name((delivery_state)from),
                         ledger_state_name((delivery_state)to));
                assert_non_null(strstr(error, expected));
            }
        }
    }
    ledger_close(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_code_allows_exactly_the_documented_moves),
        cmocka_unit_test(test_the_sources_list_the_allowed_states),
        cmocka_unit_test_setup_teardown(test_sqlite_moves_a_delivery_only_as_the_table_allows,
                                        fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
