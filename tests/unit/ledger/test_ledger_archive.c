/* The archive: .eml, .txt and .html per sent message under the UTC day,
 * exact bytes, the SHA-256 that `sha256sum` computes, and never an
 * overwrite (a later send the same day gets -2, -3 ...). */
#include "ledger_fixture.h"

#include <sys/stat.h>
#include <time.h>

/* 2026-03-14 23:30 UTC: a time where local and UTC days could differ. */
static time_t archive_day(void)
{
    struct tm when = {.tm_year = 126, .tm_mon = 2, .tm_mday = 14, .tm_hour = 23, .tm_min = 30};
    return timegm(&when);
}

static const char eml[] = "From: briefing@example.com\r\nTo: cfo@example.com\r\n"
                          "Subject: Q3\r\n\r\nCash: 1\0binary tail\r\n";
static const size_t eml_length = sizeof eml - 1;

static char *read_whole(const char *path, size_t *length)
{
    strbuf content = STRBUF_INIT;
    if (strbuf_read_file(&content, path, 1 << 20) != 0)
        fail_msg("cannot read %s", path);
    *length = content.len;
    return strbuf_detach(&content);
}

static void assert_file_is(const char *path, const char *bytes, size_t length)
{
    size_t got_length = 0;
    char *got = read_whole(path, &got_length);
    assert_int_equal(got_length, length);
    assert_memory_equal(got ? got : "", bytes, length);
    free(got);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
}

static void write_archive(const char *root, const char *scope, const char *text,
                          char **eml_path, char sha256[65])
{
    char error[512] = "";
    if (!ledger_archive_write(root, archive_day(), "cfo", scope, eml, eml_length, text,
                              "<p>Cash</p>", eml_path, sha256, error, sizeof error))
        fail_msg("ledger_archive_write: %s", error);
}

static void test_ledger_archive_writes_three_files_with_exact_bytes(void **state)
{
    ledger_fixture *f = *state;
    char *eml_path = NULL, sha256[65];
    write_archive(f->dir, "portfolio", "Cash: 1\n", &eml_path, sha256);
    char expected[256];
    snprintf(expected, sizeof expected, "%s/2026-03-14/cfo-portfolio.eml", f->dir);
    assert_string_equal(eml_path, expected);
    assert_file_is(expected, eml, eml_length);
    snprintf(expected, sizeof expected, "%s/2026-03-14/cfo-portfolio.txt", f->dir);
    assert_file_is(expected, "Cash: 1\n", 8);
    snprintf(expected, sizeof expected, "%s/2026-03-14/cfo-portfolio.html", f->dir);
    assert_file_is(expected, "<p>Cash</p>", 11);
    free(eml_path);
}

static void test_ledger_archive_sha256_matches_sha256sum(void **state)
{
    ledger_fixture *f = *state;
    char *eml_path = NULL, sha256[65];
    write_archive(f->dir, "portfolio", "t", &eml_path, sha256);
    char command[300];
    snprintf(command, sizeof command, "sha256sum '%s'", eml_path);
    FILE *pipe = popen(command, "r");
    assert_non_null(pipe);
    char line[256] = "";
    assert_non_null(fgets(line, sizeof line, pipe));
    assert_int_equal(pclose(pipe), 0);
    line[64] = '\0';
    assert_string_equal(sha256, line);
    free(eml_path);
}

static void test_ledger_archive_second_send_gets_a_suffix(void **state)
{
    ledger_fixture *f = *state;
    char *first = NULL, *second = NULL, *third = NULL, sha256[65];
    write_archive(f->dir, "portfolio", "first", &first, sha256);
    write_archive(f->dir, "portfolio", "second", &second, sha256);
    write_archive(f->dir, "portfolio", "third", &third, sha256);
    char expected[256];
    snprintf(expected, sizeof expected, "%s/2026-03-14/cfo-portfolio-2.eml", f->dir);
    assert_string_equal(second, expected);
    snprintf(expected, sizeof expected, "%s/2026-03-14/cfo-portfolio-3.eml", f->dir);
    assert_string_equal(third, expected);
    snprintf(expected, sizeof expected, "%s/2026-03-14/cfo-portfolio.txt", f->dir);
    assert_file_is(expected, "first", 5);
    snprintf(expected, sizeof expected, "%s/2026-03-14/cfo-portfolio-2.txt", f->dir);
    assert_file_is(expected, "second", 6);
    free(first), free(second), free(third);
}

/* A stray .txt claims the name as much as an .eml does. */
static void test_ledger_archive_never_overwrites_any_of_the_three(void **state)
{
    ledger_fixture *f = *state;
    char day[200], stray[256];
    snprintf(day, sizeof day, "%s/2026-03-14", f->dir);
    assert_int_equal(mkdir(day, 0700), 0);
    snprintf(stray, sizeof stray, "%s/cfo-acme.txt", day);
    FILE *file = fopen(stray, "w");
    assert_non_null(file);
    fputs("keep me", file);
    fclose(file);

    char *eml_path = NULL, sha256[65];
    write_archive(f->dir, "acme", "new", &eml_path, sha256);
    char expected[256];
    snprintf(expected, sizeof expected, "%s/cfo-acme-2.eml", day);
    assert_string_equal(eml_path, expected);
    size_t length = 0;
    char *kept = read_whole(stray, &length);
    assert_string_equal(kept, "keep me");
    free(kept);
    free(eml_path);
}

static void test_ledger_archive_scope_cannot_leave_the_day(void **state)
{
    ledger_fixture *f = *state;
    char *eml_path = NULL, sha256[65];
    write_archive(f->dir, "../../Acme Co/x", "t", &eml_path, sha256);
    char expected[256];
    snprintf(expected, sizeof expected, "%s/2026-03-14/cfo-------acme-co-x.eml", f->dir);
    assert_string_equal(eml_path, expected);
    free(eml_path);
}

static void test_ledger_archive_refuses_an_unwritable_root(void **state)
{
    ledger_fixture *f = *state;
    char root[200], error[512] = "", *eml_path = NULL, sha256[65];
    snprintf(root, sizeof root, "%s/file", f->dir);
    FILE *file = fopen(root, "w");
    assert_non_null(file);
    fclose(file);
    assert_false(ledger_archive_write(root, archive_day(), "cfo", "portfolio", eml, eml_length,
                                      "t", "h", &eml_path, sha256, error, sizeof error));
    assert_null(eml_path);
    assert_non_null(strstr(error, root));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ledger_archive_writes_three_files_with_exact_bytes,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_archive_sha256_matches_sha256sum, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_archive_second_send_gets_a_suffix, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_archive_never_overwrites_any_of_the_three,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_archive_scope_cannot_leave_the_day, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_ledger_archive_refuses_an_unwritable_root, fixture_setup,
                                        fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
