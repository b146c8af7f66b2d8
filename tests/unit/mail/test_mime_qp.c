/* Quoted-printable bodies (RFC 2045 §6.7): vectors worked out by hand from
 * the RFC's rules, then properties (line length, decoding) on larger input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "mail/mime_internal.h"

static void assert_qp(const char *input, const char *expected)
{
    strbuf out = STRBUF_INIT;
    mime_qp_encode(input, strlen(input), &out);
    assert_string_equal(strbuf_cstr(&out), expected);
    strbuf_free(&out);
}

static char *repeated(char c, size_t n)
{
    char *s = malloc(n + 1);
    assert_non_null(s);
    memset(s, c, n);
    s[n] = '\0';
    return s;
}

static void test_qp_plain_ascii_is_unchanged(void **state)
{
    (void)state;
    assert_qp("Cash runway: 14 months (was 12).", "Cash runway: 14 months (was 12).");
    assert_qp("", "");
}

static void test_qp_equals_sign_is_encoded(void **state)
{
    (void)state;
    assert_qp("a=b", "a=3Db");
    assert_qp("=", "=3D");
}

static void test_qp_trailing_whitespace_is_encoded(void **state)
{
    (void)state;
    assert_qp("end \nnext", "end=20\r\nnext");
    assert_qp("tab\t", "tab=09");
    assert_qp("two  \n", "two =20\r\n");
    assert_qp("inner space stays", "inner space stays");
}

static void test_qp_line_feeds_become_crlf(void **state)
{
    (void)state;
    assert_qp("x\ny\r\nz\n", "x\r\ny\r\nz\r\n");
    assert_qp("\n\n", "\r\n\r\n");
}

static void test_qp_bare_carriage_return_and_controls_are_encoded(void **state)
{
    (void)state;
    assert_qp("a\rb", "a=0Db");
    assert_qp("bell\x07", "bell=07");
    assert_qp("del\x7f", "del=7F");
}

static void test_qp_utf8_bytes_are_encoded_uppercase(void **state)
{
    (void)state;
    assert_qp("é", "=C3=A9");
    assert_qp("☂", "=E2=98=82");
    assert_qp("😀", "=F0=9F=98=80");
}

static void test_qp_dot_and_from_starting_a_line_are_encoded(void **state)
{
    (void)state;
    assert_qp(".\n.x", "=2E\r\n=2Ex");
    assert_qp("From here\nsay From here", "=46rom here\r\nsay From here");
    assert_qp("Fromage", "Fromage");
}

static void test_qp_line_of_76_fits_and_77_breaks_softly(void **state)
{
    (void)state;
    char *a76 = repeated('a', 76);
    assert_qp(a76, a76);
    char *a77 = repeated('a', 77);
    char *a75 = repeated('a', 75);
    strbuf expected = STRBUF_INIT;
    strbuf_printf(&expected, "%s=\r\naa", a75);
    assert_qp(a77, expected.data);
    free(a76);
    free(a77);
    free(a75);
    strbuf_free(&expected);
}

static void test_qp_soft_break_never_splits_an_escape_or_a_character(void **state)
{
    (void)state;
    strbuf input = STRBUF_INIT;
    strbuf expected = STRBUF_INIT;
    strbuf_repeat(&input, 'a', 72);
    strbuf_puts(&input, "éz");
    /* 72 + 6 = 78 > 75: the whole character moves to the next line. */
    strbuf_repeat(&expected, 'a', 72);
    strbuf_puts(&expected, "=\r\n=C3=A9z");
    assert_qp(input.data, expected.data);
    strbuf_truncate(&input, 0);
    strbuf_truncate(&expected, 0);
    strbuf_repeat(&input, 'a', 74);
    strbuf_puts(&input, "=z");
    strbuf_repeat(&expected, 'a', 74);
    strbuf_puts(&expected, "=\r\n=3Dz");
    assert_qp(input.data, expected.data);
    strbuf_free(&input);
    strbuf_free(&expected);
}

static void test_qp_last_unit_of_a_line_may_reach_column_76(void **state)
{
    (void)state;
    strbuf input = STRBUF_INIT;
    strbuf expected = STRBUF_INIT;
    strbuf_repeat(&input, 'a', 70);
    strbuf_puts(&input, "é\nb");
    strbuf_repeat(&expected, 'a', 70);
    strbuf_puts(&expected, "=C3=A9\r\nb");
    assert_qp(input.data, expected.data);
    strbuf_free(&input);
    strbuf_free(&expected);
}

static int hex_value(char c)
{
    const char *digits = "0123456789ABCDEF";
    const char *p = strchr(digits, c);
    assert_non_null(p);
    return (int)(p - digits);
}

/* An independent decoder: soft breaks vanish, CRLF becomes "\n". */
static void qp_decode(const char *s, strbuf *out)
{
    while (*s) {
        if (s[0] == '=' && s[1] == '\r' && s[2] == '\n') {
            s += 3;
        } else if (s[0] == '=') {
            strbuf_putc(out, (char)(hex_value(s[1]) * 16 + hex_value(s[2])));
            s += 3;
        } else if (s[0] == '\r' && s[1] == '\n') {
            strbuf_putc(out, '\n');
            s += 2;
        } else {
            strbuf_putc(out, *s++);
        }
    }
}

static void test_qp_long_mixed_text_decodes_back_and_keeps_lines_short(void **state)
{
    (void)state;
    strbuf input = STRBUF_INIT;
    for (int i = 0; i < 200; i++)
        strbuf_printf(&input, "%d= Ünïcödé ☂ 现金 %*s", i, i % 7, "");
    strbuf_puts(&input, "\n.\nFrom x \n");
    strbuf_repeat(&input, ' ', 300);
    strbuf out = STRBUF_INIT;
    mime_qp_encode(input.data, input.len, &out);
    size_t column = 0;
    for (size_t i = 0; i < out.len; i++) {
        if (out.data[i] == '\r') {
            assert_int_equal(out.data[i + 1], '\n');
            assert_true(i == 0 || (out.data[i - 1] != ' ' && out.data[i - 1] != '\t'));
            column = 0;
            i++;
            continue;
        }
        assert_true((unsigned char)out.data[i] >= 0x20 && (unsigned char)out.data[i] < 0x7F);
        column++;
        assert_in_range(column, 1, 76);
    }
    strbuf decoded = STRBUF_INIT;
    qp_decode(out.data, &decoded);
    assert_int_equal(decoded.len, input.len);
    assert_memory_equal(decoded.data, input.data, input.len);
    strbuf_free(&input);
    strbuf_free(&out);
    strbuf_free(&decoded);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_qp_plain_ascii_is_unchanged),
        cmocka_unit_test(test_qp_equals_sign_is_encoded),
        cmocka_unit_test(test_qp_trailing_whitespace_is_encoded),
        cmocka_unit_test(test_qp_line_feeds_become_crlf),
        cmocka_unit_test(test_qp_bare_carriage_return_and_controls_are_encoded),
        cmocka_unit_test(test_qp_utf8_bytes_are_encoded_uppercase),
        cmocka_unit_test(test_qp_dot_and_from_starting_a_line_are_encoded),
        cmocka_unit_test(test_qp_line_of_76_fits_and_77_breaks_softly),
        cmocka_unit_test(test_qp_soft_break_never_splits_an_escape_or_a_character),
        cmocka_unit_test(test_qp_last_unit_of_a_line_may_reach_column_76),
        cmocka_unit_test(test_qp_long_mixed_text_decodes_back_and_keeps_lines_short),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
