/* The SQS endpoint of `briefing events` (ses_resolve_service_endpoint with
 * "sqs"): AWS_ENDPOINT_URL_SQS ->
 * AWS_ENDPOINT_URL -> the profile's [services] sqs endpoint_url -> its
 * endpoint_url -> https://sqs.<region>.amazonaws.com; https, or plain http
 * to loopback only. The AWS files are written to a private folder. */
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

typedef struct {
    char dir[64];
    char config[128];
} aws_folder;

static int setup(void **state)
{
    const char *const variables[] = {"AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL", "AWS_PROFILE",
                                     "AWS_DEFAULT_PROFILE", "AWS_CONFIG_FILE",
                                     "AWS_SHARED_CREDENTIALS_FILE"};
    for (size_t i = 0; i < sizeof variables / sizeof *variables; i++)
        unsetenv(variables[i]);
    aws_folder *f = calloc(1, sizeof *f);
    snprintf(f->dir, sizeof f->dir, "/tmp/briefing-sqs-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->config, sizeof f->config, "%s/config", f->dir);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    aws_folder *f = *state;
    unlink(f->config);
    rmdir(f->dir);
    free(f);
    return 0;
}

static void write_config(const aws_folder *f, const char *text)
{
    FILE *file = fopen(f->config, "w");
    assert_non_null(file);
    fputs(text, file);
    fclose(file);
}

static void assert_endpoint(const aws_folder *f, const char *region, const char *expected)
{
    char url[256] = "", error[512] = "";
    if (!ses_resolve_service_endpoint(f->dir, "sqs", region, url, sizeof url, error,
                                      sizeof error))
        fail_msg("refused: %s", error);
    assert_string_equal(url, expected);
}

static void test_each_level_overrides_the_next(void **state)
{
    aws_folder *f = *state;
    write_config(f, "[default]\nendpoint_url = https://profile.example.com\nservices = local\n"
                    "[services local]\nsqs =\n  endpoint_url = https://sqs-local.example.com/\n");
    setenv("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:4566", 1);
    setenv("AWS_ENDPOINT_URL", "https://all.example.com", 1);
    assert_endpoint(f, "eu-west-1", "http://127.0.0.1:4566");
    unsetenv("AWS_ENDPOINT_URL_SQS");
    assert_endpoint(f, "eu-west-1", "https://all.example.com");
    unsetenv("AWS_ENDPOINT_URL");
    assert_endpoint(f, "eu-west-1", "https://sqs-local.example.com");
    write_config(f, "[default]\nendpoint_url = https://profile.example.com\n");
    assert_endpoint(f, "eu-west-1", "https://profile.example.com");
    write_config(f, "[default]\nregion = us-east-1\n");
    assert_endpoint(f, "eu-west-1", "https://sqs.eu-west-1.amazonaws.com");
}

static void test_plain_http_only_to_loopback_and_a_region_is_needed(void **state)
{
    aws_folder *f = *state;
    write_config(f, "");
    char url[256] = "", error[512] = "";
    setenv("AWS_ENDPOINT_URL_SQS", "http://queue.example.com", 1);
    assert_false(ses_resolve_service_endpoint(f->dir, "sqs", "eu-west-1", url, sizeof url, error,
                                              sizeof error));
    assert_non_null(strstr(error, "AWS_ENDPOINT_URL_SQS"));
    assert_non_null(strstr(error, "plain http"));
    unsetenv("AWS_ENDPOINT_URL_SQS");
    assert_false(
        ses_resolve_service_endpoint(f->dir, "sqs", "", url, sizeof url, error, sizeof error));
    assert_non_null(strstr(error, "no sqs endpoint"));
    assert_false(ses_resolve_service_endpoint(f->dir, "sqs", "eu west", url, sizeof url, error,
                                              sizeof error));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_each_level_overrides_the_next, setup, teardown),
        cmocka_unit_test_setup_teardown(test_plain_http_only_to_loopback_and_a_region_is_needed,
                                        setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
