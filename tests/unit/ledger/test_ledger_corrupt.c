/* Files that cannot be a ledger: garbage, a damaged database, a directory,
 * an impossible path, a read-only file. Each is refused with a message
 * naming the file, and nothing crashes. Tests run as root here, where
 * chmod does not stop writes, so the read-only case drops to an
 * unprivileged user in a child when it has to. */
#include "ledger_fixture.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The ledger file directly in the fixture's folder, made by the tests. */
static int setup(void **state)
{
    fixture_setup(state);
    ledger_fixture *f = *state;
    snprintf(f->path, sizeof f->path, "%s/ledger.sqlite3", f->dir);
    return 0;
}

static void write_bytes(const char *path, long offset, const char *bytes, size_t length)
{
    int fd = open(path, O_WRONLY | O_CREAT, 0600);
    assert_true(fd >= 0);
    assert_int_equal(pwrite(fd, bytes, length, offset), (ssize_t)length);
    close(fd);
}

static void assert_open_fails_naming(const char *path, const char *why)
{
    char error[512] = "";
    assert_null(ledger_open(path, NULL, error, sizeof error));
    assert_non_null(strstr(error, path));
    if (why && !strstr(error, why))
        fail_msg("expected \"%s\" in: %s", why, error);
}

static void test_ledger_refuses_a_garbage_file(void **state)
{
    ledger_fixture *f = *state;
    char garbage[8192];
    for (size_t i = 0; i < sizeof garbage; i++)
        garbage[i] = (char)("not a database, just text\n"[i % 26]);
    write_bytes(f->path, 0, garbage, sizeof garbage);
    assert_open_fails_naming(f->path, "not a database");
}

static void test_ledger_refuses_a_damaged_header(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    fixture_add(l, 0, "cfo", "portfolio", 0);
    ledger_close(l);
    write_bytes(f->path, 0, "SQLite format 2\0", 16);
    assert_open_fails_naming(f->path, "not a database");
}

/* Overwrites every page after the first (the schema) with a pattern: the
 * header is valid, the tables are not. */
static void test_ledger_refuses_damaged_pages(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    for (int i = 0; i < 50; i++)
        fixture_add(l, 0, "cfo", "portfolio", 0);
    ledger_close(l);
    struct stat st;
    assert_int_equal(stat(f->path, &st), 0);
    long page = fixture_sql_int(f->path, "PRAGMA page_size");
    assert_true(st.st_size > page);
    size_t length = (size_t)(st.st_size - page);
    char *pattern = malloc(length);
    memset(pattern, 0xA5, length);
    write_bytes(f->path, page, pattern, length);
    free(pattern);
    assert_open_fails_naming(f->path, NULL);
}

static void test_ledger_refuses_a_directory(void **state)
{
    ledger_fixture *f = *state;
    assert_open_fails_naming(f->dir, NULL);
}

static void test_ledger_refuses_a_path_under_a_file(void **state)
{
    ledger_fixture *f = *state;
    write_bytes(f->path, 0, "x", 1);
    char below[200];
    snprintf(below, sizeof below, "%s/ledger.sqlite3", f->path);
    assert_open_fails_naming(below, "Not a directory");
}

static void test_ledger_refuses_an_empty_path(void **state)
{
    (void)state;
    char error[512] = "";
    assert_null(ledger_open("", NULL, error, sizeof error));
    assert_non_null(strstr(error, "empty"));
}

/* Runs ledger_open() on a file this process may read but not write: as
 * root, in a child that has become "nobody"; the child reports whether the
 * open was refused naming the file. */
static void test_ledger_refuses_a_read_only_file(void **state)
{
    ledger_fixture *f = *state;
    ledger *l = fixture_open(f->path, NULL);
    fixture_add(l, 0, "cfo", "portfolio", 0);
    ledger_close(l);
    assert_int_equal(chmod(f->dir, 0755), 0);
    assert_int_equal(chmod(f->path, 0444), 0);

    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(2);
        char error[512] = "";
        ledger *opened = ledger_open(f->path, NULL, error, sizeof error);
        if (opened)
            _exit(3);
        _exit(strstr(error, f->path) ? 0 : 4);
    }
    int status = 0;
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(fixture_sql_int(f->path, "SELECT COUNT(*) FROM deliveries"), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ledger_refuses_a_garbage_file, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_refuses_a_damaged_header, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_refuses_damaged_pages, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_refuses_a_directory, setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_refuses_a_path_under_a_file, setup, fixture_teardown),
        cmocka_unit_test(test_ledger_refuses_an_empty_path),
        cmocka_unit_test_setup_teardown(test_ledger_refuses_a_read_only_file, setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
