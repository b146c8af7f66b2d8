/* The SES client's pieces that need no peer: the form encoding signed and
 * sent, base64 of the raw message, reading SES's XML answers and numbers
 * whatever the locale, and the backoff window. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>

#include "ses/ses_internal.h"

static void test_form_encodes_all_but_unreserved_characters(void **state)
{
    (void)state;
    strbuf form = STRBUF_INIT;
    ses_form_add(&form, "Source", "Jane Doe <jane+cfo@example.com>");
    ses_form_add(&form, "Destinations.member.1", "a~b_c-d.e");
    ses_form_add(&form, "Subject", "Zoë=1&2/3");
    assert_string_equal(strbuf_cstr(&form),
                        "Source=Jane%20Doe%20%3Cjane%2Bcfo%40example.com%3E"
                        "&Destinations.member.1=a~b_c-d.e"
                        "&Subject=Zo%C3%AB%3D1%262%2F3");
    strbuf_free(&form);
}

static void test_base64_matches_rfc_4648_vectors(void **state)
{
    (void)state;
    static const struct {
        const char *plain, *encoded;
    } vectors[] = {
        {"", ""},           {"f", "Zg=="},         {"fo", "Zm8="},
        {"foo", "Zm9v"},    {"foob", "Zm9vYg=="},  {"fooba", "Zm9vYmE="},
        {"foobar", "Zm9vYmFy"},
    };
    for (size_t i = 0; i < sizeof vectors / sizeof *vectors; i++) {
        strbuf out = STRBUF_INIT;
        ses_base64_append(&out, vectors[i].plain, strlen(vectors[i].plain));
        assert_string_equal(strbuf_cstr(&out), vectors[i].encoded);
        strbuf_free(&out);
    }
}

static void test_base64_of_a_large_message_has_no_line_breaks(void **state)
{
    (void)state;
    enum { SIZE = 100000 }; /* several of the encoder's chunks, not a multiple of 3 */
    static char message[SIZE + 1];
    memset(message, 'x', SIZE);
    strbuf out = STRBUF_INIT;
    ses_base64_append(&out, message, SIZE);
    assert_int_equal(out.len, (SIZE + 2) / 3 * 4);
    assert_null(strchr(strbuf_cstr(&out), '\n'));
    assert_string_equal(strbuf_cstr(&out) + out.len - 4, "eA==");
    strbuf_free(&out);
}

static void test_error_response_gives_code_message_and_request_id(void **state)
{
    (void)state;
    static const char xml[] =
        "<ErrorResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\">\n"
        "  <Error>\n    <Type>Sender</Type>\n    <Code>MessageRejected</Code>\n"
        "    <Message>Email address is not verified: a&amp;b@example.com</Message>\n"
        "  </Error>\n  <RequestId>req-42</RequestId>\n</ErrorResponse>\n";
    ses_status status = {0};
    assert_true(ses_xml_parse_error(xml, strlen(xml), &status));
    assert_string_equal(status.error_code, "MessageRejected");
    assert_string_equal(status.error_message, "Email address is not verified: a&b@example.com");
    assert_string_equal(status.request_id, "req-42");
}

static void test_error_response_rejects_other_documents(void **state)
{
    (void)state;
    static const char *const not_errors[] = {
        "<GetSendQuotaResponse><GetSendQuotaResult/></GetSendQuotaResponse>",
        "{\"message\": \"Bad Request Exception\"}",
        "<ErrorResponse><Error><Code>Throttling</Code>",
        "",
    };
    for (size_t i = 0; i < sizeof not_errors / sizeof *not_errors; i++) {
        ses_status status = {0};
        assert_false(ses_xml_parse_error(not_errors[i], strlen(not_errors[i]), &status));
        assert_string_equal(status.error_code, "");
    }
}

static const char *collect_leaf(void *context, const char *path, const char *text)
{
    strbuf *out = context;
    strbuf_printf(out, "%s=%s;", path, text);
    return strcmp(text, "stop") == 0 ? "told to stop" : NULL;
}

static void test_xml_reports_leaves_by_path_without_namespaces(void **state)
{
    (void)state;
    static const char xml[] = "<r:Root xmlns:r=\"urn:x\" xmlns=\"urn:y\"><A><B> one </B>"
                              "<C>two</C></A><D/></r:Root>";
    char root[32], error[128];
    strbuf leaves = STRBUF_INIT;
    assert_true(ses_xml_parse(xml, strlen(xml), root, sizeof root, collect_leaf, &leaves, error,
                              sizeof error));
    assert_string_equal(root, "Root");
    assert_string_equal(strbuf_cstr(&leaves), "A/B=one;A/C=two;A=;D=;");
    strbuf_free(&leaves);
}

static void test_xml_truncated_or_refused_is_an_error_with_its_place(void **state)
{
    (void)state;
    char root[32], error[128];
    strbuf leaves = STRBUF_INIT;
    static const char truncated[] = "<Root>\n  <A>one</A>\n  <B>tw";
    assert_false(ses_xml_parse(truncated, strlen(truncated), root, sizeof root, collect_leaf,
                               &leaves, error, sizeof error));
    assert_non_null(strstr(error, "XML 3:"));
    static const char refused[] = "<Root><A>stop</A></Root>";
    assert_false(ses_xml_parse(refused, strlen(refused), root, sizeof root, collect_leaf, &leaves,
                               error, sizeof error));
    assert_non_null(strstr(error, "told to stop"));
    strbuf_free(&leaves);
}

static void test_decimals_parse_whatever_the_locale(void **state)
{
    (void)state;
    /* A locale with a decimal comma, when the system has one. */
    const char *previous = setlocale(LC_NUMERIC, "de_DE.UTF-8");
    static const struct {
        const char *text;
        double value;
    } good[] = {
        {"200.0", 200.0}, {"1.5", 1.5}, {"-1", -1.0}, {"1.0E7", 1.0e7},
        {"2.5e-1", 0.25}, {"0", 0.0},   {"14", 14.0},
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        double value = -99;
        assert_true(ses_parse_decimal(good[i].text, &value));
        assert_true(value == good[i].value);
    }
    static const char *const bad[] = {"", "-", ".", "1,5", "1.0E", "12abc", " 1", "1e999"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        double value;
        assert_false(ses_parse_decimal(bad[i], &value));
    }
    if (previous)
        setlocale(LC_NUMERIC, "C");
}

static void test_integers_parse_whole_and_in_range(void **state)
{
    (void)state;
    int64_t value;
    assert_true(ses_parse_int64("3000000000", &value));
    assert_int_equal(value, 3000000000LL);
    assert_true(ses_parse_int64("-7", &value));
    assert_int_equal(value, -7);
    assert_false(ses_parse_int64("9223372036854775808", &value));
    assert_false(ses_parse_int64("12.0", &value));
    assert_false(ses_parse_int64("", &value));
}

static void test_iso8601_times_with_fractions_and_offsets(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        time_t epoch; /* date -u -d <text> +%s */
    } good[] = {
        {"2026-11-23T08:15:00Z", 1795421700},
        {"2026-11-23T08:15:00.000Z", 1795421700},
        {"2026-11-23T09:15:00+01:00", 1795421700},
        {"2026-11-23T03:45:00-04:30", 1795421700},
        {"2011-08-03T19:23:00Z", 1312399380},
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        time_t value = 0;
        assert_true(ses_parse_iso8601(good[i].text, &value));
        assert_int_equal(value, good[i].epoch);
    }
    static const char *const bad[] = {"2026-11-23", "2026-11-23T08:15:00", "2026-13-01T00:00:00Z",
                                      "2026-11-23T08:15:00ZZ", "2026-11-23 08:15:00Z"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        time_t value;
        assert_false(ses_parse_iso8601(bad[i], &value));
    }
}

static void test_copy_text_never_splits_a_utf8_character(void **state)
{
    (void)state;
    char small[5];
    ses_copy_text(small, sizeof small, "abcé"); /* é is 2 bytes: 5 bytes do not fit in 4 */
    assert_string_equal(small, "abc");
    ses_copy_text(small, sizeof small, "abcd");
    assert_string_equal(small, "abcd");
}

static void test_backoff_stays_within_the_full_jitter_window(void **state)
{
    (void)state;
    double largest_first = 0, largest_late = 0;
    for (int i = 0; i < 2000; i++) {
        double first = ses_backoff_seconds(2.0, 20.0, 0);
        double late = ses_backoff_seconds(2.0, 20.0, 6);
        assert_true(first >= 0 && first <= 2.0);
        assert_true(late >= 0 && late <= 20.0);
        largest_first = first > largest_first ? first : largest_first;
        largest_late = late > largest_late ? late : largest_late;
    }
    /* Random over the whole window, not a fixed wait: 2000 draws reach its top part. */
    assert_true(largest_first > 1.8);
    assert_true(largest_late > 18.0);
}

static void test_retry_tables_classify_codes(void **state)
{
    (void)state;
    assert_true(ses_is_throttling_code("Throttling"));
    assert_true(ses_is_throttling_code("TooManyRequestsException"));
    assert_false(ses_is_throttling_code("MessageRejected"));
    assert_true(ses_is_daily_quota_message("Throttling", "Daily message quota exceeded."));
    assert_false(ses_is_daily_quota_message("Throttling", "Maximum sending rate exceeded."));
    assert_true(ses_is_auth_failure_code("SignatureDoesNotMatch"));
    assert_true(ses_is_auth_failure_code("AccessDenied"));
    assert_false(ses_is_auth_failure_code("Throttling"));
    assert_true(ses_is_retryable_http_status(503));
    assert_false(ses_is_retryable_http_status(501));
    assert_false(ses_is_retryable_http_status(400));
}

static void test_retry_quota_runs_out_and_refills_on_success(void **state)
{
    (void)state;
    ses_retry_quota quota;
    ses_retry_quota_init(&quota);
    int retries = 0;
    while (ses_retry_quota_take(&quota))
        retries++;
    assert_int_equal(retries, 100); /* 500 tokens at 5 a retry */
    ses_retry_quota_succeeded(&quota, false);
    assert_false(ses_retry_quota_take(&quota));
    for (int i = 0; i < 4; i++)
        ses_retry_quota_succeeded(&quota, false);
    assert_true(ses_retry_quota_take(&quota));
    for (int i = 0; i < 1000; i++)
        ses_retry_quota_succeeded(&quota, true);
    retries = 0;
    while (ses_retry_quota_take(&quota))
        retries++;
    assert_int_equal(retries, 100); /* never above the initial 500 */
}

static void test_answer_read_uses_each_actions_own_reader(void **state)
{
    (void)state;
    static const char quota[] =
        "<GetSendQuotaResponse xmlns=\"http://ses.amazonaws.com/doc/2010-12-01/\">"
        "<GetSendQuotaResult><Max24HourSend>200.0</Max24HourSend>"
        "<MaxSendRate>abc</MaxSendRate></GetSendQuotaResult></GetSendQuotaResponse>";
    ses_status status = {0};
    assert_false(ses_answer_read("GetSendQuota", 200, quota, sizeof quota - 1, &status));
    assert_int_equal(status.outcome, SES_OUTCOME_FAILED);
    assert_non_null(strstr(status.error_message, "a quota value is not a number"));

    static const char sent[] =
        "<SendRawEmailResponse><SendRawEmailResult><MessageId>m-1</MessageId>"
        "</SendRawEmailResult><ResponseMetadata><RequestId>r-1</RequestId>"
        "</ResponseMetadata></SendRawEmailResponse>";
    assert_true(ses_answer_read("SendRawEmail", 200, sent, sizeof sent - 1, &status));
    assert_string_equal(status.request_id, "r-1");
    /* The wrong action's answer: a send whose fate is unknown. */
    assert_false(ses_answer_read("SendRawEmail", 200, quota, sizeof quota - 1, &status));
    assert_int_equal(status.outcome, SES_OUTCOME_UNKNOWN);

    static const char refused[] = "<ErrorResponse><Error><Code>Throttling</Code>"
                                  "<Message>Maximum sending rate exceeded.</Message></Error>"
                                  "<RequestId>r-2</RequestId></ErrorResponse>";
    assert_false(ses_answer_read("GetSendStatistics", 400, refused, sizeof refused - 1, &status));
    assert_string_equal(status.error_code, "Throttling");
    assert_false(ses_answer_read("DeleteIdentity", 200, sent, sizeof sent - 1, &status));
    assert_string_equal(status.error_code, "invalid_request");
}

/* ---- the pacer, on a clock the test moves ---- */

/* Starts sends as soon as the pacer allows, the sender busy `busy` seconds
 * after each start (its ledger and archive work), for `sends` starts. */
static void pace_run(ses_pacer *pacer, double busy, double *starts, size_t sends)
{
    double now = 1000.0;
    for (size_t i = 0; i < sends; i++) {
        now += ses_pacer_delay(pacer, now);
        assert_true(ses_pacer_delay(pacer, now) == 0);
        ses_pacer_take(pacer, now);
        starts[i] = now;
        now += busy;
    }
}

/* No 14 + 1 starts within 1.03 s (a second plus the jitter allowance),
 * whatever the sender's own delays. */
static void assert_window_kept(const double *starts, size_t sends, size_t per_second)
{
    for (size_t i = 0; i + per_second < sends; i++)
        if (starts[i + per_second] - starts[i] < 1.03 - 1e-9)
            fail_msg("starts %zu and %zu are %.4f s apart", i, i + per_second,
                     starts[i + per_second] - starts[i]);
}

static void test_pacer_never_lets_a_second_hold_more_than_the_rate(void **state)
{
    (void)state;
    enum { SENDS = 200 };
    double starts[SENDS];
    const double busy_times[] = {0, 0.01, 0.05, 0.07, 0.2};
    for (size_t b = 0; b < sizeof busy_times / sizeof *busy_times; b++) {
        ses_pacer pacer;
        ses_pacer_init(&pacer, 14);
        pace_run(&pacer, busy_times[b], starts, SENDS);
        assert_window_kept(starts, SENDS, 14);
    }
}

/* A sender that is busy most of a slot still keeps 97% of the rate: the
 * window gives back what a bucket of one token would lose. */
static void test_pacer_keeps_the_rate_when_the_sender_is_late(void **state)
{
    (void)state;
    enum { SENDS = 300 };
    double starts[SENDS];
    ses_pacer pacer;
    ses_pacer_init(&pacer, 14);
    /* Late by 0-60 ms after each 71 ms slot, in a repeating pattern. */
    double now = 1000.0;
    for (size_t i = 0; i < SENDS; i++) {
        now += ses_pacer_delay(&pacer, now);
        ses_pacer_take(&pacer, now);
        starts[i] = now;
        now += 0.02 * (double)(i % 4);
    }
    assert_window_kept(starts, SENDS, 14);
    double rate = (SENDS - 1) / (starts[SENDS - 1] - starts[0]);
    assert_true(rate > 14 * 0.96);
    assert_true(rate < 14);
}

static void test_throttling_halves_the_rate_once_a_second_and_sends_bring_it_back(void **state)
{
    (void)state;
    ses_pacer pacer;
    ses_pacer_init(&pacer, 14);
    ses_pacer_throttled(&pacer, 10.0);
    assert_true(pacer.rate == 7);
    ses_pacer_throttled(&pacer, 10.5);   /* the same burst of answers */
    assert_true(pacer.rate == 7);
    ses_pacer_throttled(&pacer, 11.1);
    assert_true(pacer.rate == 3.5);
    assert_int_equal(pacer.throttled, 3);
    for (int i = 0; i < 100 && pacer.rate < 14; i++)
        ses_pacer_accepted(&pacer);
    assert_true(pacer.rate == 14);
    ses_pacer unpaced;
    ses_pacer_init(&unpaced, 0);
    ses_pacer_take(&unpaced, 5.0);
    assert_true(ses_pacer_delay(&unpaced, 5.0) == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_form_encodes_all_but_unreserved_characters),
        cmocka_unit_test(test_base64_matches_rfc_4648_vectors),
        cmocka_unit_test(test_base64_of_a_large_message_has_no_line_breaks),
        cmocka_unit_test(test_error_response_gives_code_message_and_request_id),
        cmocka_unit_test(test_error_response_rejects_other_documents),
        cmocka_unit_test(test_xml_reports_leaves_by_path_without_namespaces),
        cmocka_unit_test(test_xml_truncated_or_refused_is_an_error_with_its_place),
        cmocka_unit_test(test_decimals_parse_whatever_the_locale),
        cmocka_unit_test(test_integers_parse_whole_and_in_range),
        cmocka_unit_test(test_iso8601_times_with_fractions_and_offsets),
        cmocka_unit_test(test_copy_text_never_splits_a_utf8_character),
        cmocka_unit_test(test_backoff_stays_within_the_full_jitter_window),
        cmocka_unit_test(test_pacer_never_lets_a_second_hold_more_than_the_rate),
        cmocka_unit_test(test_pacer_keeps_the_rate_when_the_sender_is_late),
        cmocka_unit_test(test_throttling_halves_the_rate_once_a_second_and_sends_bring_it_back),
        cmocka_unit_test(test_retry_tables_classify_codes),
        cmocka_unit_test(test_retry_quota_runs_out_and_refills_on_success),
        cmocka_unit_test(test_answer_read_uses_each_actions_own_reader),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
