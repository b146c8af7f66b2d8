/* The archive's kind from the configuration (send_archive_open): the
 * command line or config file, else BRIEFING_ARCHIVE, else the folder
 * beside the ledger; an s3:// value is S3 with the spool beside the
 * ledger; a bad value is refused quoting it, never taken for a folder.
 * Uploads and reads from S3 are the integration tests' (real peers). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "briefing/send.h"

typedef struct {
    char dir[64];
    char ledger_path[128];
    ledger *ledger;
} archive_fixture;

static int archive_setup(void **state)
{
    archive_fixture *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/briefing-archive-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->ledger_path, sizeof f->ledger_path, "%s/ledger.sqlite3", f->dir);
    int recovered = 0;
    char error[512];
    f->ledger = ledger_open(f->ledger_path, &recovered, error, sizeof error);
    assert_non_null(f->ledger);
    unsetenv("BRIEFING_ARCHIVE");
    *state = f;
    return 0;
}

static int archive_teardown(void **state)
{
    archive_fixture *f = *state;
    ledger_close(f->ledger);
    char command[128];
    snprintf(command, sizeof command, "rm -rf '%s'", f->dir);
    assert_int_equal(system(command), 0);
    unsetenv("BRIEFING_ARCHIVE");
    free(f);
    return 0;
}

/* Opens the archive `value` names (NULL: no option); false leaves `why`. */
static send_archive *archive_open(archive_fixture *f, const char *value, char *why,
                                  size_t why_size)
{
    briefing_config config = {.overrides = {.archive_root = value}};
    send_archive *a = NULL;
    why[0] = '\0';
    if (!send_archive_open(&config, f->ledger, &a, why, why_size))
        return NULL;
    return a;
}

static void the_default_is_the_folder_beside_the_ledger(void **state)
{
    archive_fixture *f = *state;
    char why[512], expected[160];
    send_archive *a = archive_open(f, NULL, why, sizeof why);
    assert_non_null(a);
    snprintf(expected, sizeof expected, "%s/archive", f->dir);
    assert_string_equal(send_archive_where(a), expected);
    assert_string_equal(send_archive_spool(a), expected);
    assert_false(send_archive_remote(a));
    send_archive_free(a);
}

static void an_s3_value_spools_beside_the_ledger(void **state)
{
    archive_fixture *f = *state;
    char why[512], expected[160];
    send_archive *a = archive_open(f, "s3://acme-briefings/reports/", why, sizeof why);
    assert_non_null(a);
    snprintf(expected, sizeof expected, "%s/archive", f->dir);
    assert_string_equal(send_archive_spool(a), expected);
    assert_string_equal(send_archive_where(a), "s3://acme-briefings/reports/");
    assert_true(send_archive_remote(a));
    send_archive_free(a);
}

static void the_option_wins_over_the_environment(void **state)
{
    archive_fixture *f = *state;
    char why[512];
    setenv("BRIEFING_ARCHIVE", "s3://acme-briefings/exec", 1);
    send_archive *a = archive_open(f, NULL, why, sizeof why);
    assert_non_null(a);
    assert_string_equal(send_archive_where(a), "s3://acme-briefings/exec");
    send_archive_free(a);
    a = archive_open(f, "/srv/briefing-archive", why, sizeof why);
    assert_non_null(a);
    assert_string_equal(send_archive_spool(a), "/srv/briefing-archive");
    assert_false(send_archive_remote(a));
    send_archive_free(a);
}

static void a_bad_value_is_refused_quoting_it(void **state)
{
    archive_fixture *f = *state;
    static const struct {
        const char *value, *why;
    } cases[] = {
        {"s3://Acme", "s3 archive \"s3://Acme\": a bucket name holds only"},
        {"S3://acme-briefings", "must start with s3://"},
        {"s3:acme-briefings", "must start with s3://"},
        {"s3://acme-briefings/a//b", "s3 archive \"s3://acme-briefings/a//b\""},
        {"gs://acme/reports", "archive \"gs://acme/reports\": a folder or s3://BUCKET/PREFIX"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char why[512];
        assert_null(archive_open(f, cases[i].value, why, sizeof why));
        if (!strstr(why, cases[i].why))
            fail_msg("%s: %s", cases[i].value, why);
    }
}

static void siblings_follow_the_eml_whatever_its_kind(void **state)
{
    (void)state;
    char out[256];
    send_archive_sibling("s3://acme-briefings/r/2026-12-07/cfo-portfolio-0123456789ab.eml", "txt",
                         out, sizeof out);
    assert_string_equal(out, "s3://acme-briefings/r/2026-12-07/cfo-portfolio-0123456789ab.txt");
    send_archive_sibling("/a/2026-12-07/ceo-portfolio-2.eml", "html", out, sizeof out);
    assert_string_equal(out, "/a/2026-12-07/ceo-portfolio-2.html");
}

static void a_folder_location_reads_the_file(void **state)
{
    archive_fixture *f = *state;
    char eml[160], txt[160], why[512];
    snprintf(eml, sizeof eml, "%s/cfo-portfolio.eml", f->dir);
    snprintf(txt, sizeof txt, "%s/cfo-portfolio.txt", f->dir);
    FILE *out = fopen(txt, "w");
    assert_non_null(out);
    fputs("Revenue $4,100\n", out);
    fclose(out);
    briefing_config config = {0};
    strbuf text = STRBUF_INIT;
    assert_true(send_archive_read(&config, eml, "txt", NULL, &text, why, sizeof why));
    assert_string_equal(strbuf_cstr(&text), "Revenue $4,100\n");
    assert_false(send_archive_read(&config, eml, "eml", NULL, &text, why, sizeof why));
    assert_non_null(strstr(why, "cfo-portfolio.eml: cannot read the archived message"));
    strbuf_free(&text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(the_default_is_the_folder_beside_the_ledger,
                                        archive_setup, archive_teardown),
        cmocka_unit_test_setup_teardown(an_s3_value_spools_beside_the_ledger, archive_setup,
                                        archive_teardown),
        cmocka_unit_test_setup_teardown(the_option_wins_over_the_environment, archive_setup,
                                        archive_teardown),
        cmocka_unit_test_setup_teardown(a_bad_value_is_refused_quoting_it, archive_setup,
                                        archive_teardown),
        cmocka_unit_test_setup_teardown(siblings_follow_the_eml_whatever_its_kind, archive_setup,
                                        archive_teardown),
        cmocka_unit_test_setup_teardown(a_folder_location_reads_the_file, archive_setup,
                                        archive_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
