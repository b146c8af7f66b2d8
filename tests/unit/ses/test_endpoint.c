/* Unit tests for endpoint resolution: flag -> AWS_ENDPOINT_URL_SES ->
 * AWS_ENDPOINT_URL -> repos.env SES_ENDPOINT -> https://email.<region>...,
 * https everywhere except plain http to loopback hosts. Each test starts
 * with both AWS_ENDPOINT_URL variables unset.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/ses.h"

typedef struct {
    char url[256];
    char error[512];
} resolution;

static int clear_environment(void **state)
{
    unsetenv("AWS_ENDPOINT_URL_SES");
    unsetenv("AWS_ENDPOINT_URL");
    return 0;
}

static bool resolve(const char *flag, const char *env_file, const char *region, resolution *r)
{
    r->url[0] = r->error[0] = '\0';
    return ses_resolve_endpoint(flag, env_file, NULL, region, r->url, sizeof r->url, r->error,
                                sizeof r->error);
}

static void assert_resolves(const char *flag, const char *env_file, const char *region,
                            const char *expected)
{
    resolution r;
    bool ok = resolve(flag, env_file, region, &r);
    if (!ok)
        fprintf(stderr, "unexpected error: %s\n", r.error);
    assert_true(ok);
    assert_string_equal(r.url, expected);
}

static void test_endpoint_each_level_overrides_the_next(void **state)
{
    setenv("AWS_ENDPOINT_URL_SES", "https://ses.example.com", 1);
    setenv("AWS_ENDPOINT_URL", "https://all.example.com", 1);
    assert_resolves("https://flag.example.com", "https://file.example.com", "eu-west-1",
                    "https://flag.example.com");
    assert_resolves(NULL, "https://file.example.com", "eu-west-1", "https://ses.example.com");
    unsetenv("AWS_ENDPOINT_URL_SES");
    assert_resolves(NULL, "https://file.example.com", "eu-west-1", "https://all.example.com");
    unsetenv("AWS_ENDPOINT_URL");
    assert_resolves(NULL, "https://file.example.com", "eu-west-1", "https://file.example.com");
    assert_resolves(NULL, NULL, "eu-west-1", "https://email.eu-west-1.amazonaws.com");
}

static void test_endpoint_empty_values_count_as_absent(void **state)
{
    setenv("AWS_ENDPOINT_URL_SES", "", 1);
    assert_resolves("", "", "us-east-2", "https://email.us-east-2.amazonaws.com");
}

static void test_endpoint_default_follows_the_region(void **state)
{
    assert_resolves(NULL, NULL, "us-east-1", "https://email.us-east-1.amazonaws.com");
    assert_resolves(NULL, NULL, "ap-southeast-2", "https://email.ap-southeast-2.amazonaws.com");
}

static void test_endpoint_default_needs_a_region(void **state)
{
    resolution r;
    assert_false(resolve(NULL, NULL, "", &r));
    assert_non_null(strstr(r.error, "SES_REGION"));
    assert_false(resolve(NULL, NULL, NULL, &r));
    assert_false(resolve(NULL, NULL, "eu-west-1/evil", &r));
    assert_non_null(strstr(r.error, "region"));
}

static void test_endpoint_refuses_plain_http_to_a_remote_host(void **state)
{
    resolution r;
    assert_false(resolve("http://example.com", NULL, "us-east-1", &r));
    assert_non_null(strstr(r.error, "--endpoint"));
    assert_non_null(strstr(r.error, "http"));
    assert_non_null(strstr(r.error, "loopback"));
    /* Tricks that only look local. */
    assert_false(resolve("http://127.0.0.1.example.com", NULL, "us-east-1", &r));
    assert_false(resolve("http://localhost@example.com", NULL, "us-east-1", &r));
    assert_false(resolve("http://[::2]:4566", NULL, "us-east-1", &r));
    assert_false(resolve(NULL, "http://10.0.0.1:4566", "us-east-1", &r));
    assert_non_null(strstr(r.error, "SES_ENDPOINT"));
}

static void test_endpoint_allows_plain_http_to_loopback(void **state)
{
    assert_resolves("http://127.0.0.1:4566", NULL, "", "http://127.0.0.1:4566");
    assert_resolves("http://127.8.9.10:4566/", NULL, "", "http://127.8.9.10:4566");
    assert_resolves("http://localhost:4566", NULL, "", "http://localhost:4566");
    assert_resolves("http://LOCALHOST", NULL, "", "http://LOCALHOST");
    assert_resolves("http://[::1]:4566", NULL, "", "http://[::1]:4566");
}

static void test_endpoint_refuses_other_schemes_and_missing_hosts(void **state)
{
    resolution r;
    assert_false(resolve("ftp://example.com", NULL, "us-east-1", &r));
    assert_non_null(strstr(r.error, "https://"));
    assert_false(resolve("email.us-east-1.amazonaws.com", NULL, "us-east-1", &r));
    assert_false(resolve("https://", NULL, "us-east-1", &r));
    assert_non_null(strstr(r.error, "no host"));
}

static void test_endpoint_keeps_no_userinfo_and_shows_no_password(void **state)
{
    assert_resolves("http://ops:pw-123@127.0.0.1:4566/", NULL, "", "http://127.0.0.1:4566");
    resolution r;
    assert_false(resolve("http://ops:pw-123@email.example.com", NULL, "us-east-1", &r));
    assert_null(strstr(r.error, "pw-123"));
    assert_non_null(strstr(r.error, "ops:***@email.example.com"));
    assert_false(resolve("http://127.0.0.1@email.example.com", NULL, "us-east-1", &r));
    assert_non_null(strstr(r.error, "plain http to email.example.com"));
}

static void test_endpoint_drops_trailing_slashes(void **state)
{
    assert_resolves("https://email.eu-west-1.amazonaws.com//", NULL, "",
                    "https://email.eu-west-1.amazonaws.com");
    assert_resolves("http://127.0.0.1:4566/ses/", NULL, "", "http://127.0.0.1:4566/ses");
}

static void test_endpoint_too_long_for_the_buffer_is_an_error(void **state)
{
    char tiny[16], error[256];
    assert_false(ses_resolve_endpoint("https://email.eu-west-1.amazonaws.com", NULL, NULL, "", tiny,
                                      sizeof tiny, error, sizeof error));
    assert_non_null(strstr(error, "longer"));
}

int main(void)
{
#define CASE(name) cmocka_unit_test_setup(name, clear_environment)
    const struct CMUnitTest tests[] = {
        CASE(test_endpoint_each_level_overrides_the_next),
        CASE(test_endpoint_empty_values_count_as_absent),
        CASE(test_endpoint_default_follows_the_region),
        CASE(test_endpoint_default_needs_a_region),
        CASE(test_endpoint_refuses_plain_http_to_a_remote_host),
        CASE(test_endpoint_allows_plain_http_to_loopback),
        CASE(test_endpoint_refuses_other_schemes_and_missing_hosts),
        CASE(test_endpoint_keeps_no_userinfo_and_shows_no_password),
        CASE(test_endpoint_drops_trailing_slashes),
        CASE(test_endpoint_too_long_for_the_buffer_is_an_error),
    };
#undef CASE
    return cmocka_run_group_tests(tests, NULL, NULL);
}
