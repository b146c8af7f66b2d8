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
#include <time.h>
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
    char error[1024];
} fixture;

static const char *const environment_names[] = {
    "AWS_ACCESS_KEY_ID",        "AWS_SECRET_ACCESS_KEY",       "AWS_SESSION_TOKEN",
    "AWS_PROFILE",              "AWS_DEFAULT_PROFILE",         "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE", "AWS_REGION",               "AWS_DEFAULT_REGION",
    "AWS_ENDPOINT_URL",         "AWS_ENDPOINT_URL_SES",        "AWS_CA_BUNDLE",
    "AWS_MAX_ATTEMPTS",         "AWS_RETRY_MODE",              "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_ROLE_ARN",             "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "BRIEFING_CREDENTIAL_PROCESS_TIMEOUT"};

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
    setenv("AWS_EC2_METADATA_DISABLED", "true", 1); /* no machine credentials here */
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    remove_file(f, "credentials");
    remove_file(f, "config");
    remove_file(f, "elsewhere-credentials");
    remove_file(f, "elsewhere-config");
    remove_file(f, "runs");
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
    assert_non_null(strstr(f->out.source_detail, "config [profile staging]"));
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
    assert_non_null(strstr(f->error, "profile \"staging\" (named by the program) is not in"));
    assert_non_null(strstr(f->error, "[staging] in "));
    assert_non_null(strstr(f->error, "write [profile staging]"));
}

/* botocore's ProfileNotFound: a named profile that exists nowhere is an
 * error even when other credentials would do, never a silent fall through. */
static void test_credentials_a_named_profile_that_exists_nowhere_is_an_error(void **state)
{
    fixture *f = *state;
    write_file(f, "config", "[profile reports]\nregion = eu-west-1\n");
    setenv("AWS_ACCESS_KEY_ID", "AKIDENVIRONMENT", 1);
    setenv("AWS_SECRET_ACCESS_KEY", ENVIRONMENT_SECRET, 1);
    setenv("AWS_PROFILE", "report", 1);
    assert_false(resolve(f));
    assert_non_null(strstr(f->error, "profile \"report\" (named by AWS_PROFILE) is not in"));
    assert_null(strstr(f->error, ENVIRONMENT_SECRET));
    ses_profile_settings settings;
    char error[512];
    assert_false(ses_profile_settings_read(NULL, f->aws_dir, &settings, error, sizeof error));
    assert_non_null(strstr(error, "profile \"report\""));
    unsetenv("AWS_PROFILE");
    setenv("AWS_DEFAULT_PROFILE", "report", 1);
    assert_false(resolve(f));
    assert_non_null(strstr(f->error, "(named by AWS_DEFAULT_PROFILE)"));
    setenv("AWS_DEFAULT_PROFILE", "reports", 1); /* an existing one, even without keys */
    assert_resolved_to(f, "AKIDENVIRONMENT", ENVIRONMENT_SECRET, CREDENTIAL_SOURCE_ENVIRONMENT);
    write_file(f, "config", "[profile empty]\n");
    setenv("AWS_DEFAULT_PROFILE", "empty", 1); /* a section with nothing in it exists */
    assert_resolved_to(f, "AKIDENVIRONMENT", ENVIRONMENT_SECRET, CREDENTIAL_SOURCE_ENVIRONMENT);
    unsetenv("AWS_DEFAULT_PROFILE");
    remove_file(f, "config");
    /* Nobody named one: "default" need not exist. */
    assert_resolved_to(f, "AKIDENVIRONMENT", ENVIRONMENT_SECRET, CREDENTIAL_SOURCE_ENVIRONMENT);
}

/* The hint spells each section as its file wants it and lists every source. */
static void test_credentials_none_found_spells_each_section_as_its_file_does(void **state)
{
    fixture *f = *state;
    write_file(f, "config", "[profile reports]\nregion = eu-west-1\n");
    setenv("AWS_PROFILE", "reports", 1);
    assert_false(resolve(f));
    assert_non_null(strstr(f->error, "config [profile reports] one of"));
    assert_non_null(strstr(f->error, "credentials [reports]"));
    static const char *const sources[] = {"role_arn", "web_identity_token_file", "sso_session",
                                          "sso_start_url", "credential_process",
                                          "AWS_WEB_IDENTITY_TOKEN_FILE"};
    for (size_t i = 0; i < sizeof sources / sizeof *sources; i++)
        assert_non_null(strstr(f->error, sources[i]));
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
    assert_error_names(f, "/credentials", "[default]");
}

static void test_credentials_malformed_shared_file_is_an_error(void **state)
{
    fixture *f = *state;
    write_file(f, "credentials", "[default\naws_access_key_id = AKID\n");
    assert_false(resolve(f));
    assert_non_null(strstr(f->error, "credentials:1:"));
}

/* ---- the files as the AWS CLI finds them ---- */

static void test_credentials_a_1200_byte_session_token_in_the_file_is_read_whole(void **state)
{
    fixture *f = *state;
    char token[1201];
    for (size_t i = 0; i < sizeof token - 1; i++)
        token[i] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[i % 64];
    token[sizeof token - 1] = '\0';
    char text[3000];
    snprintf(text, sizeof text,
             "# %s\n[default]\naws_access_key_id = ASIALONGTOKEN\naws_secret_access_key = " PROFILE_SECRET
             "\naws_session_token = %s\n",
             token, token);
    write_file(f, "credentials", text);
    assert_resolved_to(f, "ASIALONGTOKEN", PROFILE_SECRET, CREDENTIAL_SOURCE_SHARED_FILES);
    assert_string_equal(f->out.session_token, token);
}

static void test_credentials_files_named_by_the_environment_win_over_the_folder(void **state)
{
    fixture *f = *state;
    write_file(f, "credentials",
               "[default]\naws_access_key_id = AKIDFOLDER\naws_secret_access_key = " FILE_SECRET
               "\n");
    write_file(f, "elsewhere-credentials",
               "[default]\naws_access_key_id = AKIDELSEWHERE\naws_secret_access_key = " PROFILE_SECRET
               "\n");
    write_file(f, "elsewhere-config",
               "[profile ops]\naws_access_key_id = AKIDOPS\naws_secret_access_key = " CONFIG_SECRET
               "\n");
    char path[128];
    snprintf(path, sizeof path, "%s/elsewhere-credentials", f->aws_dir);
    setenv("AWS_SHARED_CREDENTIALS_FILE", path, 1);
    assert_resolved_to(f, "AKIDELSEWHERE", PROFILE_SECRET, CREDENTIAL_SOURCE_SHARED_FILES);
    assert_non_null(strstr(f->out.source_detail, "elsewhere-credentials [default]"));
    snprintf(path, sizeof path, "%s/elsewhere-config", f->aws_dir);
    setenv("AWS_CONFIG_FILE", path, 1);
    setenv("AWS_DEFAULT_PROFILE", "ops", 1);
    assert_resolved_to(f, "AKIDOPS", CONFIG_SECRET, CREDENTIAL_SOURCE_SHARED_FILES);
    setenv("AWS_PROFILE", "default", 1); /* AWS_PROFILE wins over AWS_DEFAULT_PROFILE */
    assert_resolved_to(f, "AKIDELSEWHERE", PROFILE_SECRET, CREDENTIAL_SOURCE_SHARED_FILES);
}

static void test_credentials_profile_settings_follow_the_environment_then_the_profile(void **state)
{
    fixture *f = *state;
    write_file(f, "config",
               "[profile ops]\nregion = eu-west-1\nservices = local\nendpoint_url = "
               "https://profile.example.com\nca_bundle = /etc/ssl/ops.pem\nmax_attempts = 5\n"
               "retry_mode = adaptive\n"
               "[services local]\nses =\n  endpoint_url = http://127.0.0.1:4579\n");
    ses_profile_settings settings;
    char error[512];
    assert_true(ses_profile_settings_read("ops", f->aws_dir, &settings, error, sizeof error));
    assert_string_equal(settings.region, "eu-west-1");
    assert_string_equal(settings.endpoint_url, "http://127.0.0.1:4579");
    assert_non_null(strstr(settings.endpoint_origin, "[services local] ses.endpoint_url"));
    assert_string_equal(settings.ca_bundle, "/etc/ssl/ops.pem");
    assert_int_equal(settings.max_attempts, 5);
    assert_string_equal(settings.retry_mode, "adaptive");
    setenv("AWS_DEFAULT_REGION", "us-west-2", 1);
    setenv("AWS_CA_BUNDLE", "/tmp/other.pem", 1);
    setenv("AWS_MAX_ATTEMPTS", "2", 1);
    assert_true(ses_profile_settings_read("ops", f->aws_dir, &settings, error, sizeof error));
    assert_string_equal(settings.region, "us-west-2");
    assert_string_equal(settings.ca_bundle, "/tmp/other.pem");
    assert_int_equal(settings.max_attempts, 2);
    setenv("AWS_REGION", "ap-south-1", 1);
    assert_true(ses_profile_settings_read("ops", f->aws_dir, &settings, error, sizeof error));
    assert_string_equal(settings.region, "ap-south-1");
}

static void test_credentials_profile_settings_refuse_a_bad_retry_setting(void **state)
{
    fixture *f = *state;
    write_file(f, "config", "[default]\nretry_mode = eager\n");
    ses_profile_settings settings;
    char error[512];
    assert_false(ses_profile_settings_read(NULL, f->aws_dir, &settings, error, sizeof error));
    assert_non_null(strstr(error, "config [default] retry_mode"));
    assert_non_null(strstr(error, "eager"));
    write_file(f, "config", "[default]\nmax_attempts = many\n");
    assert_false(ses_profile_settings_read(NULL, f->aws_dir, &settings, error, sizeof error));
    assert_non_null(strstr(error, "max_attempts"));
}

/* ---- credential_process ---- */

/* A [default] profile whose credential_process runs the tests' script with
 * `arguments`. */
static void use_process(fixture *f, const char *arguments)
{
    const char *source = getenv("BRIEFING_SOURCE_DIR");
    char text[2048];
    snprintf(text, sizeof text,
             "[default]\ncredential_process = /usr/bin/python3 -B "
             "%s/tests/peers/credential_process.py %s\n",
             source ? source : ".", arguments);
    write_file(f, "config", text);
}

static void test_credentials_process_output_is_used_with_its_expiration(void **state)
{
    fixture *f = *state;
    use_process(f, "--key ASIAPROCESS --secret " PROFILE_SECRET
                   " --token 'a token with \"quotes\" and spaces' --expires-in 3600");
    time_t before = time(NULL);
    assert_resolved_to(f, "ASIAPROCESS", PROFILE_SECRET, CREDENTIAL_SOURCE_PROCESS);
    assert_string_equal(f->out.session_token, "a token with \"quotes\" and spaces");
    assert_in_range(f->out.expiration, before + 3590, before + 3610);
    assert_non_null(strstr(f->out.source_detail, "credential_process"));
}

static void test_credentials_process_that_fails_is_an_error_quoting_its_stderr(void **state)
{
    fixture *f = *state;
    use_process(f, "--exit 3 --say 'the vault is sealed'");
    assert_false(resolve(f));
    assert_non_null(strstr(f->error, "credential_process"));
    assert_non_null(strstr(f->error, "exited with status 3"));
    assert_non_null(strstr(f->error, "the vault is sealed"));
}

static void test_credentials_process_line_keeps_a_semicolon_as_the_aws_cli_does(void **state)
{
    fixture *f = *state;
    use_process(f, "--exit 4 --say 'first ; second'");
    assert_false(resolve(f));
    assert_non_null(strstr(f->error, "it said: first ; second"));
}

static void test_credentials_process_output_must_be_the_json_shape(void **state)
{
    fixture *f = *state;
    use_process(f, "--print 'not json'");
    assert_false(resolve(f));
    assert_non_null(strstr(f->error, "not JSON"));
    use_process(f, "--print '{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"B\"}'");
    assert_false(resolve(f));
    assert_non_null(strstr(f->error, "\"Version\" is not 1"));
    use_process(f, "--expires-in -60");
    assert_false(resolve(f));
    assert_non_null(strstr(f->error, "already expired"));
}

static void test_credentials_process_that_hangs_is_stopped_at_the_timeout(void **state)
{
    fixture *f = *state;
    use_process(f, "--sleep 30");
    setenv("BRIEFING_CREDENTIAL_PROCESS_TIMEOUT", "1", 1);
    time_t before = time(NULL);
    assert_false(resolve(f));
    assert_true(time(NULL) - before < 10);
    assert_non_null(strstr(f->error, "did not finish within 1 s"));
}

static void test_credentials_process_with_an_unclosed_quote_is_an_error(void **state)
{
    fixture *f = *state;
    write_file(f, "config", "[default]\ncredential_process = /bin/echo 'unclosed\n");
    assert_false(resolve(f));
    assert_non_null(strstr(f->error, "unclosed ' quote"));
}

/* ---- assume role ---- */

static void test_credentials_mfa_role_in_the_console_is_refused_not_prompted(void **state)
{
    fixture *f = *state;
    write_file(f, "credentials",
               "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = " PROFILE_SECRET "\n");
    write_file(f, "config",
               "[default]\nrole_arn = arn:aws:iam::111122223333:role/reports\n"
               "source_profile = base\nmfa_serial = arn:aws:iam::111122223333:mfa/operator\n");
    setenv("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:9", 1); /* never reached */
    f->inputs.terminal_busy = true;
    assert_false(resolve(f));
    unsetenv("AWS_ENDPOINT_URL_STS");
    assert_non_null(strstr(f->error, "role arn:aws:iam::111122223333:role/reports"));
    assert_non_null(strstr(f->error, "console cannot ask"));
    assert_null(strstr(f->error, PROFILE_SECRET));
}

static void test_credentials_role_without_a_source_says_what_to_add(void **state)
{
    fixture *f = *state;
    write_file(f, "config", "[default]\nrole_arn = arn:aws:iam::111122223333:role/reports\n");
    assert_false(resolve(f));
    assert_non_null(strstr(f->error, "needs source_profile or credential_source"));
}

static void test_credentials_source_profile_loop_is_an_error(void **state)
{
    fixture *f = *state;
    write_file(f, "config",
               "[profile a]\nrole_arn = arn:aws:iam::111122223333:role/a\nsource_profile = b\n"
               "[profile b]\nrole_arn = arn:aws:iam::111122223333:role/b\nsource_profile = a\n");
    f->inputs.profile = "a";
    assert_false(resolve(f));
    assert_non_null(strstr(f->error, "source_profile goes round in a loop: a -> b -> a"));
}

/* Role profiles botocore refuses are refused before any STS call, and the
 * message says which profile and why. */
static void test_credentials_role_profiles_botocore_refuses_are_refused(void **state)
{
    fixture *f = *state;
    static const struct {
        const char *config;
        const char *why;
    } cases[] = {
        {"[profile reports]\nrole_arn = arn:aws:iam::111122223333:role/reports\n"
         "source_profile = base\ncredential_source = Environment\n",
         "both source_profile and credential_source"},
        {"[profile reports]\nrole_arn = arn:aws:iam::111122223333:role/reports\n"
         "source_profile = nosuch\n",
         "source_profile \"nosuch\": no such profile"},
    };
    write_file(f, "credentials",
               "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = " PROFILE_SECRET "\n");
    setenv("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:9", 1); /* never reached */
    f->inputs.profile = "reports";
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        write_file(f, "config", cases[i].config);
        assert_false(resolve(f));
        assert_non_null(strstr(f->error, "config [profile reports]"));
        assert_non_null(strstr(f->error, cases[i].why));
    }
    unsetenv("AWS_ENDPOINT_URL_STS");
}

/* Missing SSO settings are blamed on the section they belong in. */
static void test_credentials_sso_settings_are_blamed_on_their_section(void **state)
{
    fixture *f = *state;
#define SSO_SESSION "[sso-session company]\nsso_start_url = https://example.awsapps.com/start\n"
    static const struct {
        const char *config;
        const char *blamed;
    } cases[] = {
        {"[profile dev]\nsso_session = other\nsso_account_id = 111122223333\n"
         "sso_role_name = Reports\n" SSO_SESSION "sso_region = eu-west-1\n",
         "no [sso-session other] section"},
        {"[profile dev]\nsso_session = company\nsso_account_id = 111122223333\n" SSO_SESSION
         "sso_region = eu-west-1\nsso_role_name = Reports\n",
         "sso_role_name is not set in this profile"},
        {"[profile dev]\nsso_session = company\nsso_account_id = 111122223333\n"
         "sso_role_name = Reports\n" SSO_SESSION,
         "sso_region is not set in [sso-session company]"},
    };
#undef SSO_SESSION
    f->inputs.profile = "dev";
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        write_file(f, "config", cases[i].config);
        assert_false(resolve(f));
        assert_non_null(strstr(f->error, "SSO for "));
        assert_non_null(strstr(f->error, "config [profile dev]"));
        assert_non_null(strstr(f->error, cases[i].blamed));
    }
}

/* ---- refresh ---- */

static void test_credentials_are_asked_again_within_five_minutes_of_expiring(void **state)
{
    fixture *f = *state;
    char arguments[512];
    snprintf(arguments, sizeof arguments,
             "--key ASIARUN --secret " PROFILE_SECRET " --expires-in 3600 --counter %s/runs",
             f->aws_dir);
    use_process(f, arguments);
    assert_resolved_to(f, "ASIARUN1", PROFILE_SECRET, CREDENTIAL_SOURCE_PROCESS);
    time_t expiration = f->out.expiration;
    char error[512];
    assert_true(ses_credentials_refresh(&f->out, expiration - 301, error, sizeof error));
    assert_string_equal(f->out.access_key_id, "ASIARUN1"); /* still good: not asked */
    assert_true(ses_credentials_refresh(&f->out, expiration - 299, error, sizeof error));
    assert_string_equal(f->out.access_key_id, "ASIARUN2");
    assert_int_equal(f->out.source, CREDENTIAL_SOURCE_PROCESS);
}

/* Credentials living less than the margin are not asked for before every
 * request: once per lifetime, a small skew before they expire, with one
 * warning to show. */
static void test_credentials_short_lived_are_kept_until_just_before_they_expire(void **state)
{
    fixture *f = *state;
    char arguments[512];
    /* 200 s: under the 300 s margin, and a quarter of it stays above the 30 s
     * skew when the process's clock and `obtained` fall a second apart (a
     * fresh-clone CI run under valgrind read 119 s of 120: skew 29) */
    snprintf(arguments, sizeof arguments,
             "--key ASIASHORT --secret " PROFILE_SECRET " --expires-in 200 --counter %s/runs",
             f->aws_dir);
    use_process(f, arguments);
    assert_resolved_to(f, "ASIASHORT1", PROFILE_SECRET, CREDENTIAL_SOURCE_PROCESS);
    assert_non_null(strstr(f->out.warning, "valid for only"));
    assert_non_null(strstr(f->out.warning, "credential_process of"));
    time_t expiration = f->out.expiration;
    assert_int_equal(ses_credentials_refresh_at(&f->out), expiration - 30);
    char error[512];
    for (time_t now = f->out.obtained; now < expiration - 30; now += 10)
        assert_true(ses_credentials_refresh(&f->out, now, error, sizeof error));
    assert_string_equal(f->out.access_key_id, "ASIASHORT1"); /* one run for the window */
    assert_true(ses_credentials_refresh(&f->out, expiration - 30, error, sizeof error));
    assert_string_equal(f->out.access_key_id, "ASIASHORT2");
}

static void test_credentials_that_do_not_expire_are_never_asked_again(void **state)
{
    fixture *f = *state;
    setenv("AWS_ACCESS_KEY_ID", "AKIDSTATIC", 1);
    setenv("AWS_SECRET_ACCESS_KEY", ENVIRONMENT_SECRET, 1);
    assert_resolved_to(f, "AKIDSTATIC", ENVIRONMENT_SECRET, CREDENTIAL_SOURCE_ENVIRONMENT);
    unsetenv("AWS_ACCESS_KEY_ID");
    char error[512];
    assert_true(ses_credentials_refresh(&f->out, time(NULL) + 86400 * 365, error, sizeof error));
    assert_string_equal(f->out.access_key_id, "AKIDSTATIC");
}

static void test_credentials_refresh_that_fails_names_the_source(void **state)
{
    fixture *f = *state;
    use_process(f, "--key ASIAONCE --expires-in 3600");
    assert_true(resolve(f));
    use_process(f, "--exit 1 --say 'token revoked'");
    char error[1024];
    assert_false(ses_credentials_refresh(&f->out, f->out.expiration, error, sizeof error));
    assert_non_null(strstr(error, "credential_process"));
    assert_non_null(strstr(error, "token revoked"));
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
        CASE(test_credentials_a_named_profile_that_exists_nowhere_is_an_error),
        CASE(test_credentials_none_found_spells_each_section_as_its_file_does),
        CASE(test_credentials_repos_env_half_pair_is_an_error),
        CASE(test_credentials_environment_half_pair_is_an_error),
        CASE(test_credentials_shared_file_half_pair_is_an_error),
        CASE(test_credentials_flag_half_pair_is_an_error),
        CASE(test_credentials_missing_everywhere_names_the_keys_to_set),
        CASE(test_credentials_malformed_shared_file_is_an_error),
        CASE(test_credentials_a_1200_byte_session_token_in_the_file_is_read_whole),
        CASE(test_credentials_files_named_by_the_environment_win_over_the_folder),
        CASE(test_credentials_profile_settings_follow_the_environment_then_the_profile),
        CASE(test_credentials_profile_settings_refuse_a_bad_retry_setting),
        CASE(test_credentials_process_output_is_used_with_its_expiration),
        CASE(test_credentials_process_that_fails_is_an_error_quoting_its_stderr),
        CASE(test_credentials_process_line_keeps_a_semicolon_as_the_aws_cli_does),
        CASE(test_credentials_process_output_must_be_the_json_shape),
        CASE(test_credentials_process_that_hangs_is_stopped_at_the_timeout),
        CASE(test_credentials_process_with_an_unclosed_quote_is_an_error),
        CASE(test_credentials_mfa_role_in_the_console_is_refused_not_prompted),
        CASE(test_credentials_role_without_a_source_says_what_to_add),
        CASE(test_credentials_source_profile_loop_is_an_error),
        CASE(test_credentials_role_profiles_botocore_refuses_are_refused),
        CASE(test_credentials_sso_settings_are_blamed_on_their_section),
        CASE(test_credentials_are_asked_again_within_five_minutes_of_expiring),
        CASE(test_credentials_short_lived_are_kept_until_just_before_they_expire),
        CASE(test_credentials_that_do_not_expire_are_never_asked_again),
        CASE(test_credentials_refresh_that_fails_names_the_source),
        cmocka_unit_test(test_credentials_source_names),
    };
#undef CASE
    return cmocka_run_group_tests(tests, NULL, NULL);
}
