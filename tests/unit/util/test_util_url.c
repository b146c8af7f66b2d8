/* The transport rule shared by the SES endpoint and DASHBOARD_URL, and
 * URLs shown without their password. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "briefing/url.h"

static void test_https_anywhere_and_http_only_to_loopback(void **state)
{
    static const struct {
        const char *url;
        url_verdict verdict;
    } cases[] = {
        {"https://dashboard.example.com/cards", URL_ALLOWED},
        {"HTTPS://dashboard.example.com", URL_ALLOWED},
        {"http://127.0.0.1:8080/cards", URL_ALLOWED},
        {"http://127.5.6.7/", URL_ALLOWED},
        {"http://localhost/", URL_ALLOWED},
        {"http://LOCALHOST:9000", URL_ALLOWED},
        {"http://[::1]:8080/", URL_ALLOWED},
        {"http://user:pw@127.0.0.1:8080/", URL_ALLOWED},
        /* the forms a prefix check lets through */
        {"http://127.evil.example.com/", URL_PLAIN_HTTP_REMOTE},
        {"http://127.0.0.1.example.com/", URL_PLAIN_HTTP_REMOTE},
        {"http://localhost.example.com/", URL_PLAIN_HTTP_REMOTE},
        {"http://localhost:@evil.example.com/", URL_PLAIN_HTTP_REMOTE},
        {"http://127.0.0.1@evil.example.com/", URL_PLAIN_HTTP_REMOTE},
        {"http://[::1].evil.example.com/", URL_NO_HOST},
        {"http://[::2]/", URL_PLAIN_HTTP_REMOTE},
        {"http://dashboard.example.com/", URL_PLAIN_HTTP_REMOTE},
        {"HTTP://dashboard.example.com/", URL_PLAIN_HTTP_REMOTE},
        {"http://a@127.0.0.1@evil.example.com/", URL_NO_HOST},
        {"http:///path", URL_NO_HOST},
        {"https://", URL_NO_HOST},
        {"ftp://example.com/", URL_NOT_HTTP},
        {"dashboard.example.com", URL_NOT_HTTP},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        url_verdict verdict = url_check_transport(cases[i].url, NULL, 0);
        if (verdict != cases[i].verdict)
            fail_msg("%s: verdict %d, expected %d", cases[i].url, verdict, cases[i].verdict);
    }
    char host[64];
    assert_int_equal(url_check_transport("http://localhost:@evil.example.com/x", host, sizeof host),
                     URL_PLAIN_HTTP_REMOTE);
    assert_string_equal(host, "evil.example.com");
}

static void test_a_password_is_never_shown(void **state)
{
    static const char *const cases[][2] = {
        {"https://user:s3cret@dashboard.example.com/cards", "https://user:***@dashboard.example.com/cards"},
        {"https://user:p@ss:w@rd@host.example.com", "https://user:***@host.example.com"},
        {"https://:only-password@host.example.com/", "https://:***@host.example.com/"},
        {"https://user@host.example.com/", "https://user@host.example.com/"},
        {"https://host.example.com/a:b@c", "https://host.example.com/a:b@c"},
        {"http://127.0.0.1:8080/", "http://127.0.0.1:8080/"},
        {"user:secret@host.example.com", "user:***@host.example.com"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char shown[128];
        url_redact(cases[i][0], shown, sizeof shown);
        assert_string_equal(shown, cases[i][1]);
    }
}

static void test_userinfo_can_be_dropped_whole(void **state)
{
    char out[128];
    url_drop_userinfo("http://ops:pw@127.0.0.1:4566/ses", out, sizeof out);
    assert_string_equal(out, "http://127.0.0.1:4566/ses");
    url_drop_userinfo("https://email.us-east-1.amazonaws.com", out, sizeof out);
    assert_string_equal(out, "https://email.us-east-1.amazonaws.com");
    url_drop_userinfo("https://host.example.com/a@b", out, sizeof out);
    assert_string_equal(out, "https://host.example.com/a@b");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_https_anywhere_and_http_only_to_loopback),
        cmocka_unit_test(test_a_password_is_never_shown),
        cmocka_unit_test(test_userinfo_can_be_dropped_whole),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
