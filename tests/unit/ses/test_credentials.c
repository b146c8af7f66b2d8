/* Unit tests for the credential chain: flags -> repos.env -> AWS_* environment
 * -> shared files (credentials, then config) under a temporary aws_dir.
 *
 * Every test starts from a clean environment (AWS_* unset) and its own
 * mkdtemp folder; each level is checked to override the ones below it, half
 * pairs to be errors naming the missing key, and secrets never to show up
 * in an error or in source_detail.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "briefing/ses.h"

#define FLAG_SECRET "flagSECRETflagSECRETflagSECRET0000000000"
#define FILE_SECRET "fileSECRETfileSECRETfileSECRET0000000000"
#define ENVIRONMENT_SECRET "envSECRETenvSECRETenvSECRET00000000000000"
#define PROFILE_SECRET "profSECRETprofSECRETprofSECRET0000000000"
#define CONFIG_SECRET "confSECRETconfSECRETconfSECRET0000000000"

typedef struct {
    char aws_dir[64];
    ses_credential_inputs inputs;
    ses_credentials out;
    char error[512];
} fixture;

static const char *const environment_names[] = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                                                "AWS_SESSION_TOKEN", "AWS_PROFILE"};

static void write_file(const fixture *f, const char *name, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", f->aws_dir, name);
    FILE *file = fopen(path, "w");
    assert_non_null(file);
    fputs(text, file);
    fclose(file);
}

static void remove_file(const fixture *f, const char *name)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", f->aws_dir, name);
    unlink(path);
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    snprintf(f->aws_dir, sizeof f->aws_dir, "/tmp/briefing-aws-XXXXXX");
    assert_non_null(mkdtemp(f->aws_dir));
    f->inputs.aws_dir = f->aws_dir;
    for (size_t i = 0; i < sizeof environment_names / sizeof *environment_names; i++)
        unsetenv(environment_names[i]);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    remove_file(f, "credentials");
    remove_file(f, "config");
    rmdir(f->aws_dir);
    free(f);
    return 0;
}

static bool resolve(fixture *f)
{
    f->error[0] = '\0';
    return ses_resolve_credentials(&f->inputs, &f->out, f->error, sizeof f->error);
}

/* All five levels filled, each with its own key id. */
static void fill_every_level(fixture *f)
{
    f->inputs.flag_access_key_id = "AKIDFLAG";
    f->inputs.flag_secret_access_key = FLAG_SECRET;
    f->inputs.env_file_access_key_id = "AKIDREPOSENV";
    f->inputs.env_file_secret_access_key = FILE_SECRET;
    setenv("AWS_ACCESS_KEY_ID", "AKIDENVIRONMENT", 1);
    setenv("AWS_SECRET_ACCESS_KEY", ENVIRONMENT_SECRET, 1);
    write_file(f, "credentials",
               "[default]\naws_access_key_id = AKIDPROFILE\n"
               "aws_secret_access_key = " PROFILE_SECRET "\n");
    write_file(f, "config",
               "[default]\nregion = eu-west-1\naws_access_key_id = AKIDCONFIG\n"
               "aws_secret_access_key = " CONFIG_SECRET "\n");
}

static void assert_resolved_to(fixture *f, const char *key_id, const char *secret,
                               credential_source source)
{
    assert_true(resolve(f));
    assert_string_equal(f->out.access_key_id, key_id);
    assert_string_equal(f->out.secret_access_key, secret);
    assert_int_equal(f->out.source, source);
    assert_null(strstr(f->out.source_detail, secret));
}

static void test_credentials_each_level_overrides_the_next(void **state)
{
    fixture *f = *state;
    fill_every_level(f);
    assert_resolved_to(f, "AKIDFLAG", FLAG_SECRET, CREDENTIAL_SOURCE_FLAGS);
    f->inputs.flag_access_key_id = f->inputs.flag_secret_access_key = NULL;
    assert_resolved_to(f, "AKIDREPOSENV", FILE_SECRET, CREDENTIAL_SOURCE_REPOS_ENV);
    assert_string_equal(f->out.source_detail, "repos.env");
    f->inputs.env_file_access_key_id = f->inputs.env_file_secret_access_key = NULL;
    assert_resolved_to(f, "AKIDENVIRONMENT", ENVIRONMENT_SECRET, CREDENTIAL_SOURCE_ENVIRONMENT);
    unsetenv("AWS_ACCESS_KEY_ID");
    unsetenv("AWS_SECRET_ACCESS_KEY");
    assert_resolved_to(f, "AKIDPROFILE", PROFILE_SECRET, CREDENTIAL_SOURCE_SHARED_FILES);
    assert_non_null(strstr(f->out.source_detail, "credentials [default]"));
    remove_file(f, "credentials");
    assert_resolved_to(f, "AKIDCONFIG", CONFIG_SECRET, CREDENTIAL_SOURCE_SHARED_FILES);
    assert_non_null(strstr(f->out.source_detail, "config [default]"));
}

static void test_credentials_empty_values_count_as_absent(void **state)
{
    fixture *f = *state;
    fill_every_level(f);
    f->inputs.flag_access_key_id = f->inputs.flag_secret_access_key = "";
    assert_resolved_to(f, "AKIDREPOSENV", FILE_SECRET, CREDENTIAL_SOURCE_REPOS_ENV);
}

static void test_credentials_environment_carries_the_session_token(void **state)
{
    fixture *f = *state;
    setenv("AWS_ACCESS_KEY_ID", "ASIATEMPORARY", 1);
    setenv("AWS_SECRET_ACCESS_KEY", ENVIRONMENT_SECRET, 1);
    setenv("AWS_SESSION_TOKEN", "session-token-value", 1);
    assert_resolved_to(f, "ASIATEMPORARY", ENVIRONMENT_SECRET, CREDENTIAL_SOURCE_ENVIRONMENT);
    assert_string_equal(f->out.session_token, "session-token-value");
    assert_null(strstr(f->out.source_detail, "session-token-value"));
}

static void test_credentials_profile_from_inputs_then_aws_profile(void **state)
{
    fixture *f = *state;
    write_file(f, "credentials",
               "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = " FILE_SECRET
               "\n[prod]\naws_access_key_id = AKIDPROD\naws_secret_access_key = " PROFILE_SECRET
               "\naws_session_token = prod-token\n");
    write_file(f, "config",
               "[profile staging]\naws_access_key_id = AKIDSTAGING\n"
               "aws_secret_access_key = " CONFIG_SECRET "\n");
    assert_resolved_to(f, "AKIDDEFAULT", FILE_SECRET, CREDENTIAL_SOURCE_SHARED_FILES);
    setenv("AWS_PROFILE", "staging", 1);
    assert_resolved_to(f, "AKIDSTAGING", CONFIG_SECRET, CREDENTIAL_SOURCE_SHARED_FILES);
    assert_non_null(strstr(f->out.source_detail, "config [staging]"));
    f->inputs.profile = "prod";
    assert_resolved_to(f, "AKIDPROD", PROFILE_SECRET, CREDENTIAL_SOURCE_SHARED_FILES);
    assert_string_equal(f->out.session_token, "prod-token");
    assert_non_null(strstr(f->out.source_detail, "credentials [prod]"));
}

static void test_credentials_config_file_wants_the_profile_prefix(void **state)
{
    fixture *f = *state;
    /* In config, "[staging]" is not the staging profile: only "[profile staging]" is. */
    write_file(f, "config",
               "[staging]\naws_access_key_id = AKIDWRONG\naws_secret_access_key = " CONFIG_SECRET
               "\n");
    f->inputs.profile = "staging";
    assert_false(resolve(f));
    assert_non_null(strstr(f->error, "[staging]"));
}

static void assert_error_names(const fixture *f, const char *first, const char *second)
{
    assert_non_null(strstr(f->error, first));
    assert_non_null(strstr(f->error, second));
    static const char *const secrets[] = {FLAG_SECRET, FILE_SECRET, ENVIRONMENT_SECRET,
                                          PROFILE_SECRET, CONFIG_SECRET};
    for (size_t i = 0; i < sizeof secrets / sizeof *secrets; i++)
        assert_null(strstr(f->error, secrets[i]));
}

static void test_credentials_repos_env_half_pair_is_an_error(void **state)
{
    fixture *f = *state;
    fill_every_level(f);
    f->inputs.flag_access_key_id = f->inputs.flag_secret_access_key = NULL;
    f->inputs.env_file_secret_access_key = NULL;
    assert_false(resolve(f));
    assert_error_names(f, "repos.env has SES_ACCESS_KEY_ID", "no SES_SECRET_ACCESS_KEY");
    assert_int_equal(f->out.source, CREDENTIAL_SOURCE_NONE);
    assert_string_equal(f->out.secret_access_key, "");
}

static void test_credentials_environment_half_pair_is_an_error(void **state)
{
    fixture *f = *state;
    setenv("AWS_SECRET_ACCESS_KEY", ENVIRONMENT_SECRET, 1);
    assert_false(resolve(f));
    assert_error_names(f, "has AWS_SECRET_ACCESS_KEY", "no AWS_ACCESS_KEY_ID");
}

static void test_credentials_shared_file_half_pair_is_an_error(void **state)
{
    fixture *f = *state;
    write_file(f, "credentials", "[default]\naws_secret_access_key = " PROFILE_SECRET "\n");
    assert_false(resolve(f));
    assert_error_names(f, "credentials [default]", "no aws_access_key_id");
}

static void test_credentials_flag_half_pair_is_an_error(void **state)
{
    fixture *f = *state;
    fill_every_level(f);
    f->inputs.flag_secret_access_key = NULL;
    assert_false(resolve(f));
    assert_error_names(f, "access key id", "no secret access key");
}

static void test_credentials_missing_everywhere_names_the_keys_to_set(void **state)
{
    fixture *f = *state;
    assert_false(resolve(f));
    assert_error_names(f, "SES_ACCESS_KEY_ID", "SES_SECRET_ACCESS_KEY");
    assert_error_names(f, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    assert_error_names(f, "~/.aws/credentials", "[default]");
}

static void test_credentials_malformed_shared_file_is_an_error(void **state)
{
    fixture *f = *state;
    write_file(f, "credentials", "[default\naws_access_key_id = AKID\n");
    assert_false(resolve(f));
    assert_non_null(strstr(f->error, "credentials:1:"));
}

static void test_credentials_source_names(void **state)
{
    assert_string_equal(ses_credential_source_name(CREDENTIAL_SOURCE_REPOS_ENV), "repos.env");
    assert_string_equal(ses_credential_source_name(CREDENTIAL_SOURCE_ENVIRONMENT), "environment");
    assert_string_equal(ses_credential_source_name((credential_source)99), "unknown");
}

int main(void)
{
#define CASE(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        CASE(test_credentials_each_level_overrides_the_next),
        CASE(test_credentials_empty_values_count_as_absent),
        CASE(test_credentials_environment_carries_the_session_token),
        CASE(test_credentials_profile_from_inputs_then_aws_profile),
        CASE(test_credentials_config_file_wants_the_profile_prefix),
        CASE(test_credentials_repos_env_half_pair_is_an_error),
        CASE(test_credentials_environment_half_pair_is_an_error),
        CASE(test_credentials_shared_file_half_pair_is_an_error),
        CASE(test_credentials_flag_half_pair_is_an_error),
        CASE(test_credentials_missing_everywhere_names_the_keys_to_set),
        CASE(test_credentials_malformed_shared_file_is_an_error),
        cmocka_unit_test(test_credentials_source_names),
    };
#undef CASE
    return cmocka_run_group_tests(tests, NULL, NULL);
}
