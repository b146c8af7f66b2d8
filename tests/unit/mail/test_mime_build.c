/* mime_build: the whole message. Header order, what is left out (Bcc, empty
 * Cc), CRLF and line lengths, validation naming the field, SES's limits
 * (50 recipients, 10 MB), determinism with a boundary seed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/mime.h"

static const char *default_to[] = {"Jane Doe <jane@example.com>", "ops@example.com"};
static const char *default_cc[] = {"\"Board, The\" <board@example.com>"};
static const char *default_bcc[] = {"archive-secret@example.com"};

static mime_message sample_message(void)
{
    mime_message m = {
        .from = "Briefing <reports@example.com>",
        .to = default_to,
        .to_count = 2,
        .cc = default_cc,
        .cc_count = 1,
        .bcc = default_bcc,
        .bcc_count = 1,
        .subject = "Weekly CFO briefing",
        .date = 1795424400,
        .text = "Runway: 14 months\n",
        .html = "<p>Runway: 14 months</p>\n",
        .report_id = "cfo/portfolio",
        .delivery_id = "17",
        .boundary_seed = "cfo/portfolio/1795424400/17",
    };
    return m;
}

static char *build_ok(const mime_message *m)
{
    strbuf out = STRBUF_INIT;
    char error[256];
    if (!mime_build(m, &out, error, sizeof error))
        fail_msg("mime_build refused: %s", error);
    return strbuf_detach(&out);
}

/* Builds `m`, expecting a refusal whose error starts with `prefix`; checks
 * that the output buffer is left as it was. */
static void assert_refused(const mime_message *m, const char *prefix)
{
    strbuf out = STRBUF_INIT;
    strbuf_puts(&out, "kept");
    char error[256] = "";
    if (mime_build(m, &out, error, sizeof error))
        fail_msg("built, expected \"%s...\"", prefix);
    if (strncmp(error, prefix, strlen(prefix)) != 0)
        fail_msg("error \"%s\" does not start with \"%s\"", error, prefix);
    assert_string_equal(strbuf_cstr(&out), "kept");
    strbuf_free(&out);
}

/* The header names, in order, up to the blank line ("Name\n" each). */
static char *header_names(const char *message)
{
    strbuf names = STRBUF_INIT;
    const char *line = message;
    while (strncmp(line, "\r\n", 2) != 0) {
        if (line[0] != ' ') {
            const char *colon = strchr(line, ':');
            assert_non_null(colon);
            strbuf_append(&names, line, (size_t)(colon - line));
            strbuf_putc(&names, '\n');
        }
        line = strstr(line, "\r\n") + 2;
    }
    return strbuf_detach(&names);
}

static const char *header_value(const char *message, const char *name)
{
    size_t n = strlen(name);
    for (const char *line = message; strncmp(line, "\r\n", 2) != 0; line = strstr(line, "\r\n") + 2)
        if (strncmp(line, name, n) == 0 && line[n] == ':')
            return line + n + 2;
    return NULL;
}

static void test_build_headers_in_fixed_order(void **state)
{
    (void)state;
    mime_message m = sample_message();
    char *message = build_ok(&m);
    char *names = header_names(message);
    assert_string_equal(names, "From\nTo\nCc\nSubject\nDate\nMessage-ID\nMIME-Version\n"
                               "X-Briefing-Report\nX-Briefing-Delivery\nContent-Type\n");
    assert_non_null(strstr(message, "\r\nX-Briefing-Report: cfo/portfolio\r\n"));
    assert_non_null(strstr(message, "\r\nX-Briefing-Delivery: 17\r\n"));
    assert_non_null(strstr(message, "\r\nMIME-Version: 1.0\r\n"));
    assert_non_null(strstr(message, "\r\nCc: \"Board, The\" <board@example.com>\r\n"));
    free(names);
    free(message);
}

static void test_build_omits_empty_cc_and_absent_delivery(void **state)
{
    (void)state;
    mime_message m = sample_message();
    m.cc_count = 0;
    m.delivery_id = NULL;
    char *message = build_ok(&m);
    char *names = header_names(message);
    assert_string_equal(names, "From\nTo\nSubject\nDate\nMessage-ID\nMIME-Version\n"
                               "X-Briefing-Report\nContent-Type\n");
    free(names);
    free(message);
}

static void test_build_never_writes_bcc_but_counts_it(void **state)
{
    (void)state;
    mime_message m = sample_message();
    char *message = build_ok(&m);
    assert_null(strstr(message, "archive-secret"));
    assert_null(strstr(message, "Bcc"));
    free(message);
    const char *to[50];
    for (size_t i = 0; i < 50; i++)
        to[i] = "many@example.com";
    m.to = to;
    m.to_count = 49;
    m.cc_count = 1;
    m.bcc_count = 1;
    assert_refused(&m, "recipients: 51 (To 49 + Cc 1 + Bcc 1) is over SES's limit of 50");
}

static void test_build_accepts_50_recipients_and_refuses_51(void **state)
{
    (void)state;
    const char *to[51];
    for (size_t i = 0; i < 51; i++)
        to[i] = "many@example.com";
    mime_message m = sample_message();
    m.to = to;
    m.to_count = 50;
    m.cc_count = 0;
    m.bcc_count = 0;
    free(build_ok(&m));
    m.to_count = 51;
    assert_refused(&m, "recipients: 51 ");
}

static void test_build_refuses_a_message_without_recipients(void **state)
{
    (void)state;
    mime_message m = sample_message();
    m.to_count = m.cc_count = m.bcc_count = 0;
    assert_refused(&m, "recipients: none");
}

static void test_build_bcc_only_message_has_no_to_header(void **state)
{
    (void)state;
    mime_message m = sample_message();
    m.to_count = m.cc_count = 0;
    char *message = build_ok(&m);
    assert_null(header_value(message, "To"));
    assert_null(strstr(message, "archive-secret"));
    free(message);
}

static void test_build_writes_crlf_only_and_short_lines(void **state)
{
    (void)state;
    strbuf text = STRBUF_INIT;
    strbuf_repeat(&text, 'x', 5000);
    strbuf_puts(&text, "\nline two ☂ trailing \n\rbare cr\n");
    strbuf_repeat(&text, ' ', 2000);
    mime_message m = sample_message();
    m.text = text.data;
    m.html = text.data;
    char *message = build_ok(&m);
    const char *body = strstr(message, "\r\n\r\n") + 4;
    size_t column = 0;
    for (const char *p = message; *p; p++) {
        if (*p == '\n')
            fail_msg("bare LF at offset %zu", (size_t)(p - message));
        if (*p == '\r') {
            if (p[1] != '\n')
                fail_msg("bare CR at offset %zu", (size_t)(p - message));
            p++;
            column = 0;
            continue;
        }
        column++;
        assert_in_range(column, 1, p < body ? 78 : 998);
        if (p >= body && strncmp(p - column + 1, "--", 2) != 0)
            assert_in_range(column, 1, 76);
    }
    free(message);
    strbuf_free(&text);
}

static void test_build_writes_rfc5322_dates_in_utc(void **state)
{
    (void)state;
    const struct {
        time_t date;
        const char *expected;
    } dates[] = {
        {0, "Thu, 01 Jan 1970 00:00:00 +0000\r\n"},
        {951782400, "Tue, 29 Feb 2000 00:00:00 +0000\r\n"},
        {1795424400, "Mon, 23 Nov 2026 09:00:00 +0000\r\n"},
    };
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        mime_message m = sample_message();
        m.date = dates[i].date;
        char *message = build_ok(&m);
        const char *value = header_value(message, "Date");
        assert_non_null(value);
        assert_memory_equal(value, dates[i].expected, strlen(dates[i].expected));
        free(message);
    }
}

static void test_build_is_deterministic_with_a_boundary_seed(void **state)
{
    (void)state;
    mime_message m = sample_message();
    char *first = build_ok(&m);
    char *second = build_ok(&m);
    assert_string_equal(first, second);
    m.boundary_seed = "another seed";
    char *other = build_ok(&m);
    assert_string_not_equal(first, other);
    assert_string_not_equal(header_value(first, "Message-ID"), header_value(other, "Message-ID"));
    m.boundary_seed = NULL;
    char *random_one = build_ok(&m);
    char *random_two = build_ok(&m);
    assert_string_not_equal(random_one, random_two);
    free(first);
    free(second);
    free(other);
    free(random_one);
    free(random_two);
}

static void test_build_message_id_and_boundary_shapes(void **state)
{
    (void)state;
    mime_message m = sample_message();
    char *message = build_ok(&m);
    const char *id = header_value(message, "Message-ID");
    assert_int_equal(id[0], '<');
    assert_int_equal(strspn(id + 1, "0123456789abcdef"), 32);
    assert_memory_equal(id + 33, "@briefing.invalid>\r\n", 20);
    const char *boundary = strstr(message, "boundary=\"=_briefing_");
    assert_non_null(boundary);
    char delimiter[80] = "\r\n--";
    size_t length = strcspn(boundary + 10, "\"");
    memcpy(delimiter + 4, boundary + 10, length);
    delimiter[4 + length] = '\0';
    size_t delimiters = 0;
    for (const char *p = strstr(message, delimiter); p; p = strstr(p + 1, delimiter))
        delimiters++;
    assert_int_equal(delimiters, 3);
    strcat(delimiter, "--\r\n");
    assert_string_equal(message + strlen(message) - strlen(delimiter), delimiter);
    free(message);
}

static void test_build_body_cannot_fake_the_boundary(void **state)
{
    (void)state;
    mime_message m = sample_message();
    char *first = build_ok(&m);
    const char *boundary = strstr(first, "=_briefing_");
    char fake[128];
    snprintf(fake, sizeof fake, "before\n--%.43s\n--%.43s--\nafter\n", boundary, boundary);
    m.text = fake;
    m.html = fake;
    char *message = build_ok(&m);
    char delimiter[64];
    snprintf(delimiter, sizeof delimiter, "\r\n--%.43s", boundary);
    size_t delimiters = 0;
    for (const char *p = strstr(message, delimiter); p; p = strstr(p + 1, delimiter))
        delimiters++;
    assert_int_equal(delimiters, 3);
    free(first);
    free(message);
}

static void test_build_parts_are_utf8_quoted_printable(void **state)
{
    (void)state;
    mime_message m = sample_message();
    m.text = "a=b ☂\n";
    m.html = "<b>é</b>";
    char *message = build_ok(&m);
    assert_non_null(strstr(message, "\r\n\r\n--=_briefing_"));
    assert_non_null(strstr(message, "Content-Type: text/plain; charset=UTF-8\r\n"
                                    "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                                    "a=3Db =E2=98=82\r\n\r\n--=_briefing_"));
    assert_non_null(strstr(message, "Content-Type: text/html; charset=UTF-8\r\n"
                                    "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
                                    "<b>=C3=A9</b>\r\n--=_briefing_"));
    assert_non_null(strstr(message, "Content-Type: multipart/alternative;\r\n boundary=\"=_briefing_"));
    free(message);
}

typedef enum { FIELD_FROM, FIELD_TO1, FIELD_CC0, FIELD_BCC0, FIELD_SUBJECT, FIELD_REPORT, FIELD_DELIVERY } field;

static const struct {
    field which;
    const char *name;
} header_fields[] = {
    {FIELD_FROM, "From"},       {FIELD_TO1, "To"},            {FIELD_CC0, "Cc"},
    {FIELD_BCC0, "Bcc"},        {FIELD_SUBJECT, "subject"},   {FIELD_REPORT, "report_id"},
    {FIELD_DELIVERY, "delivery_id"},
};

/* Puts `value` into one header input of `m`; list slots come from `slots`. */
static void set_field(mime_message *m, field which, const char *value, const char *slots[3][2])
{
    slots[0][0] = default_to[0];
    slots[0][1] = default_to[1];
    slots[1][0] = default_cc[0];
    slots[2][0] = default_bcc[0];
    m->to = slots[0];
    m->cc = slots[1];
    m->bcc = slots[2];
    switch (which) {
    case FIELD_FROM: m->from = value; break;
    case FIELD_TO1: slots[0][1] = value; break;
    case FIELD_CC0: slots[1][0] = value; break;
    case FIELD_BCC0: slots[2][0] = value; break;
    case FIELD_SUBJECT: m->subject = value; break;
    case FIELD_REPORT: m->report_id = value; break;
    case FIELD_DELIVERY: m->delivery_id = value; break;
    }
}

static void test_build_refuses_line_breaks_in_every_header_field(void **state)
{
    (void)state;
    const struct {
        const char *value;
        const char *reason;
    } injections[] = {
        {"x@example.com\r\nBcc: victim@example.com", "contains a line break"},
        {"x@example.com\nX-Evil: 1", "contains a line break"},
        {"x@example.com\rX-Evil: 1", "contains a line break"},
        {"x@example.com\x1b", "contains a control character"},
    };
    for (size_t f = 0; f < sizeof header_fields / sizeof header_fields[0]; f++) {
        for (size_t i = 0; i < sizeof injections / sizeof injections[0]; i++) {
            mime_message m = sample_message();
            const char *slots[3][2];
            set_field(&m, header_fields[f].which, injections[i].value, slots);
            char prefix[96];
            snprintf(prefix, sizeof prefix, "%s: ", header_fields[f].name);
            assert_refused(&m, prefix);
            /* The reason follows; an address is quoted with its controls
             * escaped, so the error itself cannot move a terminal's cursor. */
            char error[256] = "";
            strbuf out = STRBUF_INIT;
            assert_false(mime_build(&m, &out, error, sizeof error));
            strbuf_free(&out);
            if (!strstr(error, injections[i].reason) || strpbrk(error, "\r\n\x1b"))
                fail_msg("error \"%s\" does not say \"%s\" in one clean line", error,
                         injections[i].reason);
        }
    }
}

static void test_build_refuses_invalid_addresses_naming_the_field(void **state)
{
    (void)state;
    const char *slots[3][2];
    mime_message m = sample_message();
    set_field(&m, FIELD_TO1, "jane@@example.com", slots);
    assert_refused(&m, "To: \"jane@@example.com\" has two @");
    m = sample_message();
    set_field(&m, FIELD_BCC0, "no-at-sign", slots);
    assert_refused(&m, "Bcc: \"no-at-sign\" has no @");
    m = sample_message();
    set_field(&m, FIELD_FROM, "Reports <reports@localhost>", slots);
    assert_refused(&m, "From: \"Reports <reports@localhost>\" has no dot in its domain");
    m = sample_message();
    m.from = NULL;
    assert_refused(&m, "From: the address is missing");
}

static void test_build_refuses_invalid_utf8_naming_the_field(void **state)
{
    (void)state;
    mime_message m = sample_message();
    m.text = "caf\xe9 au lait";
    assert_refused(&m, "text: not UTF-8 (byte 4)");
    m = sample_message();
    m.html = "<p>\xc3\x28</p>";
    assert_refused(&m, "html: not UTF-8 (byte 4)");
    m = sample_message();
    m.subject = "R\xe9sum\xe9";
    assert_refused(&m, "subject: not UTF-8 (byte 2)");
    m = sample_message();
    m.text = "\xed\xa0\x80 surrogate";
    assert_refused(&m, "text: not UTF-8 (byte 1)");
}

/* The two 10 MB cases are most of this file's time under valgrind (three
 * minutes of its run): there they are skipped. They still run in the plain
 * and the ASan+UBSan builds, and valgrind still sees the encoder and the
 * size check through the smaller messages above. */
static int under_valgrind(void)
{
    const char *preload = getenv("LD_PRELOAD");
    return preload && strstr(preload, "vgpreload") != NULL;
}

static void test_build_refuses_messages_over_10_mb(void **state)
{
    (void)state;
    if (under_valgrind())
        skip();
    /* 3.5 MB of "é" is 7 MB of UTF-8 and about 21 MB quoted-printable. */
    size_t count = 3500000;
    char *text = malloc(2 * count + 1);
    assert_non_null(text);
    for (size_t i = 0; i < count; i++)
        memcpy(text + 2 * i, "\xc3\xa9", 2);
    text[2 * count] = '\0';
    mime_message m = sample_message();
    m.text = text;
    assert_refused(&m, "message: 2");
    strbuf out = STRBUF_INIT;
    char error[256];
    assert_false(mime_build(&m, &out, error, sizeof error));
    assert_non_null(strstr(error, " MB is over SES's 10 MB limit"));
    /* Bodies larger than the limit before encoding are refused up front. */
    memset(text, 'a', 2 * count);
    m.html = text;
    assert_refused(&m, "message: at least 13.4 MB is over SES's 10 MB limit");
    free(text);
}

static void test_build_just_under_10_mb_is_accepted(void **state)
{
    (void)state;
    if (under_valgrind())
        skip();
    /* CRLF for every 70th byte grows the text by 1.4%: 9.89 MB in all. */
    size_t size = MIME_MAX_MESSAGE_BYTES - 256 * 1024;
    char *text = malloc(size + 1);
    assert_non_null(text);
    for (size_t i = 0; i < size; i++)
        text[i] = (i + 1) % 70 == 0 ? '\n' : 'a';
    text[size] = '\0';
    mime_message m = sample_message();
    m.text = text;
    m.html = "<p>short</p>";
    char *message = build_ok(&m);
    assert_true(strlen(message) <= MIME_MAX_MESSAGE_BYTES);
    free(message);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_build_headers_in_fixed_order),
        cmocka_unit_test(test_build_omits_empty_cc_and_absent_delivery),
        cmocka_unit_test(test_build_never_writes_bcc_but_counts_it),
        cmocka_unit_test(test_build_accepts_50_recipients_and_refuses_51),
        cmocka_unit_test(test_build_refuses_a_message_without_recipients),
        cmocka_unit_test(test_build_bcc_only_message_has_no_to_header),
        cmocka_unit_test(test_build_writes_crlf_only_and_short_lines),
        cmocka_unit_test(test_build_writes_rfc5322_dates_in_utc),
        cmocka_unit_test(test_build_is_deterministic_with_a_boundary_seed),
        cmocka_unit_test(test_build_message_id_and_boundary_shapes),
        cmocka_unit_test(test_build_body_cannot_fake_the_boundary),
        cmocka_unit_test(test_build_parts_are_utf8_quoted_printable),
        cmocka_unit_test(test_build_refuses_line_breaks_in_every_header_field),
        cmocka_unit_test(test_build_refuses_invalid_addresses_naming_the_field),
        cmocka_unit_test(test_build_refuses_invalid_utf8_naming_the_field),
        cmocka_unit_test(test_build_refuses_messages_over_10_mb),
        cmocka_unit_test(test_build_just_under_10_mb_is_accepted),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
