/* Saving the recipients form's addresses as per-persona keys: only those
 * keys change, every other line stays, the file is private (0600) and
 * replaced whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "briefing/model.h"
#include "briefing/strbuf.h"
#include "ui/recipients_file.h"

typedef struct {
    char directory[64];
    char path[128];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    snprintf(f->directory, sizeof f->directory, "/tmp/briefing-recipients-XXXXXX");
    if (!mkdtemp(f->directory))
        return -1;
    snprintf(f->path, sizeof f->path, "%s/recipients.env", f->directory);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    unlink(f->path);
    rmdir(f->directory);
    free(f);
    return 0;
}

static void write_file(const char *path, const char *text)
{
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fputs(text, file);
    fclose(file);
}

static char *read_file(const char *path)
{
    strbuf text = STRBUF_INIT;
    assert_int_equal(strbuf_read_file(&text, path, 1 << 20), 0);
    return strbuf_detach(&text);
}

/* What model_parse_env (the console's reader) makes of the file. */
static char *env_value(const char *root, const char *path, const char *key)
{
    char error[256];
    portfolio *p = model_portfolio_load(root, error, sizeof error);
    if (!p)
        fail_msg("%s", error);
    char *text = read_file(path);
    p->env_count = 0;
    model_parse_env(p, path, text, strlen(text));
    const char *value = model_env_get(p, key);
    char *copy = value ? strdup(value) : NULL;
    free(text);
    model_portfolio_free(p);
    return copy;
}

static void test_recipients_file_created_with_the_keys_and_mode_0600(void **state)
{
    fixture *f = *state;
    recipients_file_entry entries[] = {{"EXEC_REPORT_BCC_CFO", "records@example.com"}};
    char error[256];
    assert_true(recipients_file_update(f->path, entries, 1, error, sizeof error));
    struct stat info;
    assert_int_equal(stat(f->path, &info), 0);
    assert_int_equal(info.st_mode & 0777, 0600);
    char *text = read_file(f->path);
    assert_non_null(strstr(text, "EXEC_REPORT_BCC_CFO=\"records@example.com\"\n"));
    free(text);
}

static void test_recipients_file_updates_only_its_keys_and_keeps_other_lines(void **state)
{
    fixture *f = *state;
    write_file(f->path, "# mine\nSES_REGION=eu-west-1\nEXEC_REPORT_TO_CFO=old@example.com\n"
                        "export EXEC_REPORT_TO_CFO=older@example.com\nOTHER=1");
    chmod(f->path, 0644);
    recipients_file_entry entries[] = {{"EXEC_REPORT_TO_CFO", "new@example.com"},
                                       {"EXEC_REPORT_CC_CFO", ""}};
    char error[256];
    assert_true(recipients_file_update(f->path, entries, 2, error, sizeof error));
    char *text = read_file(f->path);
    assert_string_equal(text, "# mine\nSES_REGION=eu-west-1\nEXEC_REPORT_TO_CFO=\"new@example.com\"\n"
                              "OTHER=1\nEXEC_REPORT_CC_CFO=\"\"\n");
    free(text);
    struct stat info;
    assert_int_equal(stat(f->path, &info), 0);
    assert_int_equal(info.st_mode & 0777, 0600);
}

static void test_recipients_file_values_read_back_as_written(void **state)
{
    fixture *f = *state;
    const char *to = "\"Finance, Team\" <cfo@example.com>, back\\slash@example.com";
    recipients_file_entry entries[] = {{"EXEC_REPORT_TO_CFO", to}};
    char error[256];
    assert_true(recipients_file_update(f->path, entries, 1, error, sizeof error));
    char *value = env_value(f->directory, f->path, "EXEC_REPORT_TO_CFO");
    assert_non_null(value);
    assert_string_equal(value, to);
    free(value);
}

static void test_recipients_file_unwritable_directory_says_where(void **state)
{
    fixture *f = *state;
    char path[160];
    snprintf(path, sizeof path, "%s/missing/recipients.env", f->directory);
    recipients_file_entry entries[] = {{"EXEC_REPORT_TO_CEO", "ceo@example.com"}};
    char error[512] = "";
    assert_false(recipients_file_update(path, entries, 1, error, sizeof error));
    assert_non_null(strstr(error, "missing/recipients.env"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_recipients_file_created_with_the_keys_and_mode_0600, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_recipients_file_updates_only_its_keys_and_keeps_other_lines,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_recipients_file_values_read_back_as_written, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recipients_file_unwritable_directory_says_where, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
