/* ledger_open: finding, creating, checking and migrating the ledger file.
 *
 * Opening is also when a previous crash is noticed: rows left `sending` are
 * turned into `unknown`, but only while no other process holds the batch
 * lock (a live batch's `sending` row is a request in flight, not a crash).
 * The file and its directories are private (0600/0700): it holds recipients.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "briefing/strbuf.h"
#include "ledger/ledger_internal.h"

/* $XDG_STATE_HOME/briefing/ledger.sqlite3, else ~/.local/state/briefing/...
 * The XDG spec says a relative XDG_STATE_HOME is invalid and to be ignored. */
bool ledger_default_path(strbuf *out, char *error, size_t error_size)
{
    const char *state_home = getenv("XDG_STATE_HOME");
    if (state_home && state_home[0] == '/') {
        strbuf_printf(out, "%s/briefing/ledger.sqlite3", state_home);
        return true;
    }
    const char *home = getenv("HOME");
    if (!home || !home[0]) {
        snprintf(error, error_size,
                 "ledger: neither XDG_STATE_HOME nor HOME is set; pass --ledger FILE");
        return false;
    }
    strbuf_printf(out, "%s/.local/state/briefing/ledger.sqlite3", home);
    return true;
}

/* mkdir -p of the directory part of `path`; new directories are 0700. */
static bool ledger_make_parents(const char *path, char *error, size_t error_size)
{
    strbuf dir = STRBUF_INIT;
    strbuf_puts(&dir, path);
    bool ok = true;
    for (size_t i = 1; i < dir.len && ok; i++) {
        if (dir.data[i] != '/')
            continue;
        dir.data[i] = '\0';
        if (mkdir(dir.data, 0700) != 0 && errno != EEXIST) {
            snprintf(error, error_size, "%s: cannot create the directory %s: %s", path,
                     dir.data, strerror(errno));
            ok = false;
        }
        dir.data[i] = '/';
    }
    strbuf_free(&dir);
    return ok;
}

/* Creates the file 0600 if missing (SQLite would use 0644), and refuses what
 * cannot be a writable ledger with a plain reason before SQLite sees it. */
static bool ledger_prepare_file(const char *path, char *error, size_t error_size)
{
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(error, error_size, "%s: cannot open the ledger for writing: %s", path,
                 strerror(errno));
        return false;
    }
    struct stat st;
    bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    close(fd);
    if (!regular)
        snprintf(error, error_size, "%s: the ledger is not a regular file", path);
    return regular;
}

static bool ledger_exec_pragma(ledger_backend *b, const char *sql, char *error, size_t error_size)
{
    if (sqlite3_exec(b->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return ledger_fail_sqlite(b, "cannot open the ledger", error, error_size);
    return true;
}

/* WAL with synchronous=FULL: a committed `sending` row survives power loss,
 * which is the whole point of writing it before the request leaves. */
static bool ledger_configure(ledger_backend *b, char *error, size_t error_size)
{
    sqlite3_busy_timeout(b->db, 5000);
    sqlite3_extended_result_codes(b->db, 1);
    if (!ledger_exec_pragma(b, "PRAGMA journal_mode = WAL", error, error_size) ||
        !ledger_exec_pragma(b, "PRAGMA synchronous = FULL", error, error_size) ||
        !ledger_exec_pragma(b, "PRAGMA foreign_keys = ON", error, error_size))
        return false;
    if (sqlite3_db_readonly(b->db, "main") == 1) {
        snprintf(error, error_size, "%s: the ledger is read-only", b->path);
        return false;
    }
    return true;
}

/* The damage an open can find without reading the whole file: the
 * header and the schema (page 1), then each table's root and its first
 * and last rows, the pages every command starts from. PRAGMA quick_check
 * read every page: 2 s at 100,000 deliveries on every open, and the
 * console opens the ledger for each page of history it reads (issue 11,
 * docs/performance.md). A page damaged further in is refused when it is
 * read (SQLITE_CORRUPT, with the path): SQLite reads every page a write
 * changes, so none is written over. */

/* Reads the first and the last row of table `name`. */
static bool ledger_check_table(ledger_backend *b, const char *name, char *error,
                               size_t error_size)
{
    static const char *const ends[] = {"ASC", "DESC"};
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++) {
        char sql[256];
        /* `name` comes from the file's own schema, quoted as an identifier */
        snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" ORDER BY rowid %s LIMIT 1", name, ends[i]);
        sqlite3_stmt *stmt = ledger_prepare(b, sql, error, error_size);
        if (!stmt)
            return false;
        int rc = sqlite3_step(stmt);
        sqlite3_finalize(stmt);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return ledger_fail_sqlite(b, "the ledger is damaged", error, error_size);
    }
    return true;
}

static bool ledger_check_integrity(ledger_backend *b, char *error, size_t error_size)
{
    sqlite3_stmt *stmt = ledger_prepare(
        b, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        error, error_size);
    if (!stmt)
        return false;
    int rc;
    bool ok = true;
    while (ok && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(stmt, 0);
        if (!name || strchr(name, '"')) {
            snprintf(error, error_size, "%s: the ledger is damaged: a table named %s", b->path,
                     name ? name : "NULL");
            ok = false;
        } else {
            ok = ledger_check_table(b, name, error, error_size);
        }
    }
    if (ok && rc != SQLITE_DONE)
        ok = ledger_fail_sqlite(b, "the ledger is damaged", error, error_size);
    sqlite3_finalize(stmt);
    return ok;
}

/* Recovery only under the batch lock: if another process holds it, its
 * `sending` rows are live and must be left alone. */
static bool ledger_recover_if_idle(ledger_backend *b, int *recovered, char *error, size_t error_size)
{
    bool held_elsewhere = false;
    char why[512];
    if (!ledger_lock_try(b, &held_elsewhere, why, sizeof why)) {
        if (held_elsewhere)
            return true;
        snprintf(error, error_size, "%s", why);
        return false;
    }
    bool ok = ledger_recover_interrupted(b, recovered, error, error_size);
    ledger_lock_release(b);
    return ok;
}

static bool ledger_open_database(ledger_backend *b, int *recovered, char *error, size_t error_size)
{
    if (!ledger_make_parents(b->path, error, error_size) ||
        !ledger_prepare_file(b->path, error, error_size))
        return false;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
    if (sqlite3_open_v2(b->path, &b->db, flags, NULL) != SQLITE_OK)
        return ledger_fail_sqlite(b, "cannot open the ledger", error, error_size);
    return ledger_configure(b, error, error_size) &&
           ledger_check_integrity(b, error, error_size) &&
           ledger_migrate(b, error, error_size) &&
           ledger_recover_if_idle(b, recovered, error, error_size);
}

/* This machine's name as the ledger records it; "" when the system has
 * none to give (the rows then name no host, as those of schema v5). */
static void ledger_hostname(char *out, size_t out_size)
{
    if (gethostname(out, out_size) != 0)
        out[0] = '\0';
    out[out_size - 1] = '\0';
}

/* The SQLite back end of `path` (NULL: the default), open and checked. */
static ledger_backend *ledger_sqlite_open(const char *path, int *recovered, char *error,
                                          size_t error_size)
{
    strbuf resolved = STRBUF_INIT;
    if (path)
        strbuf_puts(&resolved, path);
    else if (!ledger_default_path(&resolved, error, error_size))
        return NULL;
    ledger_backend *b = calloc(1, sizeof *b);
    if (!b) {
        strbuf_free(&resolved);
        snprintf(error, error_size, "ledger: out of memory");
        return NULL;
    }
    b->path = strbuf_detach(&resolved);
    b->lock_fd = -1;
    ledger_hostname(b->host, sizeof b->host);
    if (!b->path || !b->path[0]) {
        snprintf(error, error_size, "ledger: the ledger path is empty");
        ledger_sqlite_close(b);
        return NULL;
    }
    if (!ledger_open_database(b, recovered, error, error_size)) {
        ledger_sqlite_close(b);
        return NULL;
    }
    return b;
}

ledger *ledger_open(const char *path, int *recovered, char *error, size_t error_size)
{
    int ignored = 0;
    if (!recovered)
        recovered = &ignored;
    *recovered = 0;
    ledger_backend *b = ledger_sqlite_open(path, recovered, error, error_size);
    if (!b)
        return NULL;
    ledger *l = ledger_from_backend(&ledger_sqlite_ops, b);
    if (!l)
        snprintf(error, error_size, "ledger: out of memory");
    return l;
}

ledger *ledger_open_existing(const char *path, bool *missing, int *recovered, char *error,
                             size_t error_size)
{
    *missing = false;
    strbuf resolved = STRBUF_INIT;
    if (path)
        strbuf_puts(&resolved, path);
    else if (!ledger_default_path(&resolved, error, error_size))
        return NULL;
    struct stat st;
    ledger *l = NULL;
    if (stat(strbuf_cstr(&resolved), &st) != 0 && errno == ENOENT) {
        *missing = true;
        snprintf(error, error_size, "no ledger at %s: nothing was sent with it (--ledger FILE names another)",
                 strbuf_cstr(&resolved));
    } else {
        l = ledger_open(strbuf_cstr(&resolved), recovered, error, error_size);
    }
    strbuf_free(&resolved);
    return l;
}

void ledger_sqlite_close(ledger_backend *b)
{
    if (!b)
        return;
    ledger_sqlite_unlock_batch(b);
    sqlite3_close(b->db);
    free(b->path);
    free(b);
}

const char *ledger_sqlite_where(const ledger_backend *b)
{
    return b->path;
}
