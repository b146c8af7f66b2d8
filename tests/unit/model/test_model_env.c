/* repos.env as dotenv: quoting, comments, overrides, diagnostics that
 * never repeat a value, and the warning for a secret others can read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "briefing/model.h"

static portfolio *fresh(void)
{
    portfolio *p = calloc(1, sizeof *p);
    p->root = ".";
    return p;
}

static bool has_diagnostic(const portfolio *p, int line, const char *words)
{
    for (size_t i = 0; i < p->diagnostics.count; i++)
        if (p->diagnostics.items[i].line == line && strstr(p->diagnostics.items[i].message, words))
            return true;
    return false;
}

static void test_dotenv_forms_and_later_keys_override(void **state)
{
    portfolio *p = fresh();
    const char *env = "# comment\n\nSES_REGION=us-west-2\nexport SES_FROM_ADDRESS = \"Reports <r@example.com>\"\n"
                      "A='single $literal'\nB=\"line\\nbreak\"\nC=value # trailing\nSES_REGION=eu-west-1\n"
                      "not a line\nD=\"unclosed\n";
    model_parse_env(p, "repos.env", env, strlen(env));
    assert_string_equal(model_env_get(p, "SES_REGION"), "eu-west-1");
    assert_string_equal(model_env_get(p, "SES_FROM_ADDRESS"), "Reports <r@example.com>");
    assert_string_equal(model_env_get(p, "A"), "single $literal");
    assert_string_equal(model_env_get(p, "B"), "line\nbreak");
    assert_string_equal(model_env_get(p, "C"), "value");
    assert_null(model_env_get(p, "D"));
    assert_non_null(model_env_find(p, "D")->unreadable); /* present: no fallback takes its place */
    assert_true(has_diagnostic(p, 9, "KEY=value"));
    assert_true(has_diagnostic(p, 10, "not closed"));
    model_portfolio_free(p);
}

static void test_dotenv_diagnostic_never_repeats_a_value(void **state)
{
    portfolio *p = fresh();
    const char *env = "SES_SECRET_ACCESS_KEY=\"abcdefghSECRET\n";
    model_parse_env(p, "repos.env", env, strlen(env));
    assert_int_equal(p->diagnostics.count, 1);
    assert_null(strstr(p->diagnostics.items[0].message, "SECRET"));
    model_portfolio_free(p);
}

/* Loads a portfolio whose repos.env holds `content` with `mode`, and says
 * whether a diagnostic mentions "readable by others" (never the value). */
static bool readable_secret_warned(const char *content, mode_t mode)
{
    char root[] = "/tmp/briefing-env-XXXXXX";
    assert_non_null(mkdtemp(root));
    char path[4096];
    snprintf(path, sizeof path, "%s/agent_handoffs", root);
    assert_int_equal(mkdir(path, 0755), 0);
    snprintf(path, sizeof path, "%s/repos.env", root);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
    assert_int_equal(chmod(path, mode), 0);
    char error[256];
    portfolio *p = model_portfolio_load(root, error, sizeof error);
    assert_non_null(p);
    bool warned = false;
    for (size_t i = 0; i < p->diagnostics.count; i++) {
        assert_null(strstr(p->diagnostics.items[i].message, "wJalrXUtnFEMI"));
        warned |= strstr(p->diagnostics.items[i].message, "readable by others") != NULL;
    }
    model_portfolio_free(p);
    char command[4200];
    snprintf(command, sizeof command, "rm -rf '%s'", root);
    assert_int_equal(system(command), 0);
    return warned;
}

static void test_readable_secret_is_a_warning_without_the_value(void **state)
{
    assert_true(readable_secret_warned("SES_SECRET_ACCESS_KEY=wJalrXUtnFEMIexample\n", 0644));
    assert_true(readable_secret_warned("STRIPE_SECRET=wJalrXUtnFEMIexample\n", 0640));
    assert_false(readable_secret_warned("SES_SECRET_ACCESS_KEY=wJalrXUtnFEMIexample\n", 0600));
    assert_false(readable_secret_warned("SES_REGION=us-east-1\nSES_SECRET_ACCESS_KEY=\n", 0644));
}

static void test_a_nul_in_a_value_is_a_diagnostic_and_the_line_is_not_used(void **state)
{
    portfolio *p = fresh();
    static const char env[] = "SES_REGION=us-west-2\n"
                              "EXEC_REPORT_TO=boss@example.com\0.attacker.example\n"
                              "SES_REGION=\"eu\0west-1\"\n"
                              "SES_FROM_ADDRESS=r@example.com\n";
    model_parse_env(p, "recipients.env", env, sizeof env - 1);
    assert_null(model_env_get(p, "EXEC_REPORT_TO"));
    assert_string_equal(model_env_get(p, "SES_REGION"), "us-west-2");
    assert_string_equal(model_env_get(p, "SES_FROM_ADDRESS"), "r@example.com");
    assert_true(has_diagnostic(p, 2, "NUL"));
    assert_true(has_diagnostic(p, 2, "EXEC_REPORT_TO"));
    assert_true(has_diagnostic(p, 3, "SES_REGION"));
    for (size_t i = 0; i < p->diagnostics.count; i++) {
        assert_string_equal(p->diagnostics.items[i].file, "recipients.env");
        assert_null(strstr(p->diagnostics.items[i].message, "boss@"));
    }
    model_portfolio_free(p);
}

static void write_text(const char *dir, const char *name, const char *content, mode_t mode)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
    assert_int_equal(chmod(path, mode), 0);
}

static void test_env_file_replaces_repos_env_and_saved_recipients_win(void **state)
{
    char root[] = "/tmp/briefing-env-XXXXXX";
    assert_non_null(mkdtemp(root));
    write_text(root, "repos.env", "SES_REGION=us-west-2\nSES_SECRET_ACCESS_KEY=unused-secret\n", 0644);
    write_text(root, "other.env", "SES_FROM_ADDRESS=r@example.com\nEXEC_REPORT_TO=a@example.com\n", 0600);
    write_text(root, "recipients.env", "EXEC_REPORT_TO=saved@example.com\n", 0600);
    char env_file[4200], error[256];
    snprintf(env_file, sizeof env_file, "%s/other.env", root);

    portfolio *p = model_portfolio_open(root, env_file, error, sizeof error);
    assert_non_null(p);
    assert_null(model_env_get(p, "SES_REGION"));          /* repos.env was not read */
    assert_string_equal(model_env_get(p, "SES_FROM_ADDRESS"), "r@example.com");
    assert_string_equal(model_env_get(p, "EXEC_REPORT_TO"), "saved@example.com");
    for (size_t i = 0; i < p->diagnostics.count; i++)   /* nor warned about */
        assert_null(strstr(p->diagnostics.items[i].file, "repos.env"));
    model_portfolio_free(p);

    p = model_portfolio_load(root, error, sizeof error);
    assert_string_equal(model_env_get(p, "SES_REGION"), "us-west-2");
    assert_string_equal(model_env_get(p, "EXEC_REPORT_TO"), "saved@example.com");
    model_portfolio_free(p);

    snprintf(env_file, sizeof env_file, "%s/missing.env", root);
    assert_null(model_portfolio_open(root, env_file, error, sizeof error));
    assert_non_null(strstr(error, "missing.env"));
    char command[4200];
    snprintf(command, sizeof command, "rm -rf '%s'", root);
    assert_int_equal(system(command), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dotenv_forms_and_later_keys_override),
        cmocka_unit_test(test_dotenv_diagnostic_never_repeats_a_value),
        cmocka_unit_test(test_readable_secret_is_a_warning_without_the_value),
        cmocka_unit_test(test_a_nul_in_a_value_is_a_diagnostic_and_the_line_is_not_used),
        cmocka_unit_test(test_env_file_replaces_repos_env_and_saved_recipients_win),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
