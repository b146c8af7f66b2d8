/* eml_summary: the review's and the message view's header lines come from
 * the built message's own bytes, decoded as a mail program shows them. The
 * messages here are built by mime_build, the builder every send uses. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/mime.h"
#include "ui/eml_summary.h"

static const char *to[] = {"Jane Doe <jane@example.com>", "ops@example.com"};
static const char *bcc[] = {"records@example.com"};

static char *build(const char *subject, size_t cc_count)
{
    static const char *cc[] = {"board@example.com"};
    mime_message m = {
        .from = "Briefing <reports@example.com>", .to = to, .to_count = 2,
        .cc = cc, .cc_count = cc_count, .bcc = bcc, .bcc_count = 1,
        .subject = subject, .date = 1795424400, .text = "Runway\n", .html = "<p>Runway</p>\n",
        .report_id = "cfo/portfolio", .boundary_seed = "seed",
    };
    strbuf out = STRBUF_INIT;
    char error[256];
    if (!mime_build(&m, &out, error, sizeof error))
        fail_msg("mime_build refused: %s", error);
    return strbuf_detach(&out);
}

static char *header(const char *eml, const char *name)
{
    strbuf value = STRBUF_INIT;
    if (!eml_header_value(eml, strlen(eml), name, &value))
        fail_msg("no %s header", name);
    return strbuf_detach(&value);
}

static void test_a_long_non_ascii_subject_reads_as_written(void **state)
{
    const char *subject = "Rapport exécutif : CFO — Portefeuille — trésorerie, créances, "
                          "échéances et prévisions — 2026-11-30";
    char *eml = build(subject, 0);
    assert_non_null(strstr(eml, "=?UTF-8?B?")); /* it was encoded, in several words */
    char *decoded = header(eml, "Subject");
    assert_string_equal(decoded, subject);
    free(decoded);
    free(eml);
}

static void test_addresses_and_date_read_as_in_the_message(void **state)
{
    char *eml = build("Weekly", 1);
    char *value = header(eml, "to");
    assert_string_equal(value, "Jane Doe <jane@example.com>, ops@example.com");
    free(value);
    value = header(eml, "Cc");
    assert_string_equal(value, "board@example.com");
    free(value);
    value = header(eml, "Date");
    assert_string_equal(value, "Mon, 23 Nov 2026 09:00:00 +0000");
    free(value);
    free(eml);
}

static void test_summary_shows_bcc_from_the_envelope_and_a_dash_for_no_cc(void **state)
{
    char *eml = build("Weekly", 0);
    strbuf out = STRBUF_INIT;
    eml_summary(eml, strlen(eml), "records@example.com", &out);
    const char *text = strbuf_cstr(&out);
    assert_non_null(strstr(text, "From     Briefing <reports@example.com>\n"));
    assert_non_null(strstr(text, "Cc       -\n"));
    assert_non_null(strstr(text, "Bcc      records@example.com   (envelope only: not in the message)\n"));
    assert_non_null(strstr(text, "Subject  Weekly\n"));
    assert_null(strstr(eml, "records@example.com")); /* the note is true */
    strbuf_free(&out);
    free(eml);
}

static void test_q_words_decode_and_other_charsets_stay_as_written(void **state)
{
    const char *eml = "Subject: =?utf-8?q?caf=C3=A9_ok?= =?UTF-8?B?w6k=?= and\r\n"
                      " =?ISO-8859-1?Q?caf=E9?=\r\n\r\nbody: Subject: no\r\n";
    char *value = header(eml, "Subject");
    assert_string_equal(value, "café oké and =?ISO-8859-1?Q?caf=E9?=");
    free(value);
    strbuf none = STRBUF_INIT;
    assert_false(eml_header_value(eml, strlen(eml), "body", &none));
    assert_int_equal(none.len, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_long_non_ascii_subject_reads_as_written),
        cmocka_unit_test(test_addresses_and_date_read_as_in_the_message),
        cmocka_unit_test(test_summary_shows_bcc_from_the_envelope_and_a_dash_for_no_cc),
        cmocka_unit_test(test_q_words_decode_and_other_charsets_stay_as_written),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
