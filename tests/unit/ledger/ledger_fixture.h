/* ledger_fixture: what the ledger tests share: a private temporary
 * directory per test (never the real ~/.local/state), raw SQL on the file,
 * and a sample delivery with example.com recipients. */
#ifndef BRIEFING_TEST_LEDGER_FIXTURE_H
#define BRIEFING_TEST_LEDGER_FIXTURE_H

/* nftw() is an XSI function; this header is included first. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/ledger.h"

typedef struct {
    char dir[64];
    char path[128]; /* <dir>/state/ledger.sqlite3 (the state dir not yet made) */
} ledger_fixture;

static inline void fixture_make(ledger_fixture *f)
{
    snprintf(f->dir, sizeof f->dir, "/tmp/briefing-ledger-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->path, sizeof f->path, "%s/state/ledger.sqlite3", f->dir);
}

static inline int fixture_remove_entry(const char *path, const struct stat *st, int type,
                                       struct FTW *ftw)
{
    (void)st, (void)type, (void)ftw;
    return remove(path);
}

static inline void fixture_remove(ledger_fixture *f)
{
    nftw(f->dir, fixture_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* cmocka setup and teardown: a fixture per test in *state. */
static inline int fixture_setup(void **state)
{
    ledger_fixture *f = calloc(1, sizeof *f);
    fixture_make(f);
    *state = f;
    return 0;
}

static inline int fixture_teardown(void **state)
{
    fixture_remove(*state);
    free(*state);
    return 0;
}

static inline ledger *fixture_open(const char *path, int *recovered)
{
    char error[512] = "";
    ledger *l = ledger_open(path, recovered, error, sizeof error);
    if (!l)
        fail_msg("ledger_open: %s", error);
    return l;
}

/* Runs SQL straight on the file, outside the code under test. */
static inline void fixture_sql(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *message = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &message) != SQLITE_OK)
        fail_msg("%s: %s", sql, message);
    sqlite3_close(db);
}

static inline long long fixture_sql_int(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    long long value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

/* Adds a pending delivery for `persona`/`scope` and returns its id. */
static inline int64_t fixture_add(ledger *l, int64_t batch, const char *persona,
                                  const char *scope, int64_t resend_of)
{
    ledger_delivery d = {0};
    d.batch_id = batch;
    d.resend_of = resend_of;
    snprintf(d.persona, sizeof d.persona, "%s", persona);
    snprintf(d.scope, sizeof d.scope, "%s", scope);
    d.subject = (char *)"Weekly briefing";
    d.from_address = (char *)"briefing@example.com";
    d.to_addresses = (char *)"Ana CFO <cfo@example.com>";
    d.cc_addresses = (char *)"ops@example.com";
    d.size_bytes = 1234;
    char error[512] = "";
    if (!ledger_add_delivery(l, &d, error, sizeof error))
        fail_msg("ledger_add_delivery: %s", error);
    assert_true(d.id > 0);
    return d.id;
}

static inline delivery_state fixture_state(ledger *l, int64_t id)
{
    ledger_delivery d;
    char error[512] = "";
    if (!ledger_get(l, id, &d, error, sizeof error))
        fail_msg("ledger_get: %s", error);
    delivery_state state = d.state;
    ledger_delivery_clear(&d);
    return state;
}

#endif
