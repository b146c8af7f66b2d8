/* The one UTF-8 decoder: strict RFC 3629, cuts on character boundaries,
 * repairs with U+FFFD. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "briefing/utf8.h"

static void test_every_boundary_code_point_decodes_to_itself(void **state)
{
    static const struct {
        const char *bytes;
        unsigned int codepoint;
    } cases[] = {
        {"\x7F", 0x7F},         {"\xC2\x80", 0x80},         {"\xDF\xBF", 0x7FF},
        {"\xE0\xA0\x80", 0x800}, {"\xED\x9F\xBF", 0xD7FF},   {"\xEE\x80\x80", 0xE000},
        {"\xEF\xBF\xBF", 0xFFFF}, {"\xF0\x90\x80\x80", 0x10000}, {"\xF4\x8F\xBF\xBF", 0x10FFFF},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = strlen(cases[i].bytes);
        unsigned int codepoint = 0;
        assert_int_equal(utf8_decode(cases[i].bytes, n, &codepoint), n);
        assert_int_equal(codepoint, cases[i].codepoint);
        assert_true(utf8_valid(cases[i].bytes, n, NULL));
    }
}

static void test_overlongs_surrogates_and_beyond_u10ffff_are_refused(void **state)
{
    static const char *const bad[] = {
        "\xC0\x80",         "\xC1\xBF",         "\xE0\x80\x80", "\xE0\x9F\xBF", /* overlong */
        "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF",                               /* overlong */
        "\xED\xA0\x80",     "\xED\xBF\xBF",                                   /* surrogates */
        "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF",                       /* > U+10FFFF */
        "\x80",             "\xC3",             "\xE2\x82",     "\xF0\x9F\x98", /* stray, cut */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t n = strlen(bad[i]), offset = 99;
        assert_int_equal(utf8_char_length(bad[i], n), 0);
        assert_false(utf8_valid(bad[i], n, &offset));
        assert_int_equal(offset, 0);
        unsigned int codepoint = 0;
        assert_int_equal(utf8_decode(bad[i], n, &codepoint), 1);
        assert_int_equal(codepoint, 0xFFFD);
    }
}

static void test_the_first_bad_byte_is_reported(void **state)
{
    size_t offset = 0;
    assert_false(utf8_valid("ok \xC3\xA9 \xED\xA0\x80", 9, &offset));
    assert_int_equal(offset, 6);
}

static void test_repair_replaces_each_bad_byte_and_nul(void **state)
{
    strbuf out = STRBUF_INIT;
    assert_int_equal(utf8_append_repaired(&out, "a\xED\xA0\x80" "b\0c\xC3\xA9", 9), 4);
    assert_string_equal(strbuf_cstr(&out),
                        "a" UTF8_REPLACEMENT UTF8_REPLACEMENT UTF8_REPLACEMENT "b" UTF8_REPLACEMENT
                        "c\xC3\xA9");
    assert_true(utf8_valid(out.data, out.len, NULL));
    strbuf_free(&out);
}

static void test_a_cut_never_halves_a_character(void **state)
{
    const char *text = "ab\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"; /* a b é € 😀 */
    size_t n = strlen(text);
    static const size_t expected[] = {0, 1, 2, 2, 4, 4, 4, 7, 7, 7, 7, 11, 11};
    for (size_t max = 0; max <= n + 1; max++)
        assert_int_equal(utf8_cut(text, n, max), expected[max]);
}

static void test_a_prefix_counts_characters_not_bytes(void **state)
{
    const char *text = "\xC3\xA9\xC3\xA9\xE2\x82\xAC" "abc";
    size_t n = strlen(text);
    assert_int_equal(utf8_prefix(text, n, 0), 0);
    assert_int_equal(utf8_prefix(text, n, 2), 4);
    assert_int_equal(utf8_prefix(text, n, 4), 8);
    assert_int_equal(utf8_prefix(text, n, 99), n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_boundary_code_point_decodes_to_itself),
        cmocka_unit_test(test_overlongs_surrogates_and_beyond_u10ffff_are_refused),
        cmocka_unit_test(test_the_first_bad_byte_is_reported),
        cmocka_unit_test(test_repair_replaces_each_bad_byte_and_nul),
        cmocka_unit_test(test_a_cut_never_halves_a_character),
        cmocka_unit_test(test_a_prefix_counts_characters_not_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
