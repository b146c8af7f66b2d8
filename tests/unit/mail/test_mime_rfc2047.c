/* Header encoding: RFC 2047 encoded words for non-ASCII subjects and display
 * names, quoted-strings for ASCII names with specials, folding at 78. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "mail/mime_internal.h"

static char *subject_header(const char *subject)
{
    strbuf out = STRBUF_INIT;
    mime_header h;
    mime_header_begin(&h, &out, "Subject");
    mime_header_unstructured(&h, subject);
    mime_header_end(&h);
    return strbuf_detach(&out);
}

static char *to_header(const char *const *addresses, size_t count)
{
    strbuf out = STRBUF_INIT;
    mime_header h;
    mime_header_begin(&h, &out, "To");
    for (size_t i = 0; i < count; i++) {
        mime_address parsed;
        char error[200];
        if (!mime_address_parse(addresses[i], &parsed, error, sizeof error))
            fail_msg("%s: %s", addresses[i], error);
        if (i > 0)
            mime_header_glue(&h, ",");
        mime_header_address(&h, &parsed);
    }
    mime_header_end(&h);
    return strbuf_detach(&out);
}

static void assert_to(const char *address, const char *expected)
{
    char *header = to_header(&address, 1);
    assert_string_equal(header, expected);
    free(header);
}

/* Every line of a header ends with CRLF and is at most 78 octets. */
static void assert_folded_within_78(const char *header)
{
    const char *line = header;
    const char *end;
    while ((end = strstr(line, "\r\n")) != NULL) {
        assert_in_range((size_t)(end - line), 1, 78);
        line = end + 2;
        if (*line)
            assert_int_equal(*line, ' ');
    }
    assert_int_equal(*line, '\0');
}

/* The header with CRLF removed, without the trailing CRLF. */
static char *unfold(const char *header)
{
    strbuf out = STRBUF_INIT;
    for (const char *p = header; *p; p++) {
        if (p[0] == '\r' && p[1] == '\n')
            p++;
        else
            strbuf_putc(&out, *p);
    }
    return strbuf_detach(&out);
}

static int base64_value(char c)
{
    const char *alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const char *p = strchr(alphabet, c);
    assert_non_null(p);
    return (int)(p - alphabet);
}

static void base64_decode(const char *s, size_t n, strbuf *out)
{
    for (size_t i = 0; i + 4 <= n; i += 4) {
        unsigned long group = 0;
        int bytes = 3;
        for (size_t k = 0; k < 4; k++) {
            if (s[i + k] == '=') {
                bytes--;
                group <<= 6;
                continue;
            }
            group = group << 6 | (unsigned long)base64_value(s[i + k]);
        }
        for (int k = 0; k < bytes; k++)
            strbuf_putc(out, (char)(group >> (16 - 8 * k) & 0xFF));
    }
}

/* Decodes every =?UTF-8?B?...?= word of `header`, checking that each is at
 * most 75 octets and holds whole characters; returns the concatenation. */
static char *decode_encoded_words(const char *header)
{
    strbuf all = STRBUF_INIT;
    const char *p = header;
    while ((p = strstr(p, "=?UTF-8?B?")) != NULL) {
        const char *data = p + 10;
        const char *end = strstr(data, "?=");
        assert_non_null(end);
        assert_in_range((size_t)(end + 2 - p), 13, 75);
        strbuf word = STRBUF_INIT;
        base64_decode(data, (size_t)(end - data), &word);
        assert_true(word.len > 0);
        assert_int_not_equal((unsigned char)word.data[0] & 0xC0, 0x80);
        strbuf_append(&all, word.data, word.len);
        strbuf_free(&word);
        p = end + 2;
    }
    return strbuf_detach(&all);
}

static void test_rfc2047_ascii_subject_is_written_as_is(void **state)
{
    (void)state;
    char *header = subject_header("Weekly CFO briefing: runway 14 months");
    assert_string_equal(header, "Subject: Weekly CFO briefing: runway 14 months\r\n");
    free(header);
}

static void test_rfc2047_non_ascii_subject_is_a_base64_encoded_word(void **state)
{
    (void)state;
    char *header = subject_header("Résumé");
    assert_string_equal(header, "Subject: =?UTF-8?B?UsOpc3Vtw6k=?=\r\n");
    free(header);
}

static void test_rfc2047_ascii_that_looks_encoded_is_encoded(void **state)
{
    (void)state;
    char *header = subject_header("see =?x?= here");
    char *decoded = decode_encoded_words(header);
    assert_string_equal(decoded, "see =?x?= here");
    free(header);
    free(decoded);
}

static void test_rfc2047_long_ascii_subject_folds_at_spaces(void **state)
{
    (void)state;
    const char *subject = "Quarterly cash flow, burn multiple and runway for every company in the "
                          "portfolio, with the break-even month and the dilution of the next round";
    char *header = subject_header(subject);
    assert_folded_within_78(header);
    assert_non_null(strstr(header, "\r\n "));
    char *unfolded = unfold(header);
    assert_string_equal(unfolded + strlen("Subject: "), subject);
    assert_null(strstr(header, "=?"));
    free(header);
    free(unfolded);
}

static void test_rfc2047_ascii_word_too_long_to_fold_is_encoded(void **state)
{
    (void)state;
    char word[120];
    memset(word, 'w', sizeof word - 1);
    word[sizeof word - 1] = '\0';
    char *header = subject_header(word);
    assert_folded_within_78(header);
    char *decoded = decode_encoded_words(header);
    assert_string_equal(decoded, word);
    free(header);
    free(decoded);
}

static void test_rfc2047_long_non_ascii_subject_splits_between_characters(void **state)
{
    (void)state;
    const char *subject = "Résumé — Q1 ☂ report: 现金流、预算与预测的详细分析 😀 Ελληνικά κείμενα "
                          "και ακόμη περισσότερα γράμματα για να γεμίσει η γραμμή";
    char *header = subject_header(subject);
    assert_folded_within_78(header);
    char *decoded = decode_encoded_words(header);
    assert_string_equal(decoded, subject);
    free(header);
    free(decoded);
}

static void test_rfc2047_display_name_atoms_stay_plain(void **state)
{
    (void)state;
    assert_to("Jane Doe <jane@example.com>", "To: Jane Doe <jane@example.com>\r\n");
    assert_to("jane@example.com", "To: jane@example.com\r\n");
    assert_to("<jane@example.com>", "To: jane@example.com\r\n");
}

static void test_rfc2047_display_name_with_specials_is_quoted(void **state)
{
    (void)state;
    assert_to("\"Doe, Jane\" <jane@example.com>", "To: \"Doe, Jane\" <jane@example.com>\r\n");
    assert_to("Jane Q. Doe <jane@example.com>", "To: \"Jane Q. Doe\" <jane@example.com>\r\n");
    assert_to("\"Say \\\"hi\\\" \\\\ ok\" <x@example.com>",
              "To: \"Say \\\"hi\\\" \\\\ ok\" <x@example.com>\r\n");
}

static void test_rfc2047_non_ascii_display_name_is_encoded(void **state)
{
    (void)state;
    assert_to("Zoë <zoe@example.com>", "To: =?UTF-8?B?Wm/Dqw==?= <zoe@example.com>\r\n");
    assert_to("\"☂\" <u@example.com>", "To: =?UTF-8?B?4piC?= <u@example.com>\r\n");
}

static void test_rfc2047_address_list_folds_after_commas(void **state)
{
    (void)state;
    const char *addresses[] = {"alice.anderson@example.com", "Bob Brown <bob.brown@example.com>",
                               "carol.c@example.com", "Dörte Dübel <doerte@example.com>",
                               "erin@example.com"};
    char *header = to_header(addresses, 5);
    assert_folded_within_78(header);
    for (const char *fold = strstr(header, "\r\n "); fold && fold[2]; fold = strstr(fold + 2, "\r\n "))
        assert_true(fold[-1] == ',' || fold[-1] == '=');
    char *unfolded = unfold(header);
    assert_non_null(strstr(unfolded, "To: alice.anderson@example.com, Bob Brown <bob.brown@example.com>, "
                                     "carol.c@example.com, =?UTF-8?B?"));
    assert_non_null(strstr(unfolded, "?= <doerte@example.com>, erin@example.com"));
    free(header);
    free(unfolded);
}

static void test_rfc2047_address_that_fits_a_line_is_not_split(void **state)
{
    (void)state;
    const char *addresses[] = {"Zoë Ölund <zoe@example.com>", "\"Doe, Jane\" <jane@example.com>"};
    char *header = to_header(addresses, 2);
    assert_string_equal(header, "To: =?UTF-8?B?Wm/DqyDDlmx1bmQ=?= <zoe@example.com>,\r\n"
                                " \"Doe, Jane\" <jane@example.com>\r\n");
    free(header);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc2047_ascii_subject_is_written_as_is),
        cmocka_unit_test(test_rfc2047_non_ascii_subject_is_a_base64_encoded_word),
        cmocka_unit_test(test_rfc2047_ascii_that_looks_encoded_is_encoded),
        cmocka_unit_test(test_rfc2047_long_ascii_subject_folds_at_spaces),
        cmocka_unit_test(test_rfc2047_ascii_word_too_long_to_fold_is_encoded),
        cmocka_unit_test(test_rfc2047_long_non_ascii_subject_splits_between_characters),
        cmocka_unit_test(test_rfc2047_display_name_atoms_stay_plain),
        cmocka_unit_test(test_rfc2047_display_name_with_specials_is_quoted),
        cmocka_unit_test(test_rfc2047_non_ascii_display_name_is_encoded),
        cmocka_unit_test(test_rfc2047_address_list_folds_after_commas),
        cmocka_unit_test(test_rfc2047_address_that_fits_a_line_is_not_split),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
