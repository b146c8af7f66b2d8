/* Preview pages from plain text (wrapping by display columns, tabs, CRLF)
 * and search over them: case-insensitive, every match, n/N wrap around. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>

#include "ui/search.h"
#include "ui/ui_columns.h"

static void set_page(preview_page *page, const char *text, int width)
{
    *page = (preview_page){0};
    preview_page_set_text(page, text, strlen(text), width, STYLE_BODY);
    page->serial = 1;
}

static void assert_line(const preview_page *page, size_t index, const char *expected)
{
    strbuf text = STRBUF_INIT;
    preview_line_text(preview_page_line(page, index), &text);
    assert_string_equal(strbuf_cstr(&text), expected);
    strbuf_free(&text);
}

static void test_text_fit_counts_columns_not_bytes(void **state)
{
    int used;
    assert_int_equal(text_fit("caf\xc3\xa9 ok", 8, 4, &used), 5); /* "café" is 5 bytes, 4 columns */
    assert_int_equal(used, 4);
    assert_int_equal(text_fit("\xe6\x97\xa5\xe6\x9c\xac", 6, 3, &used), 3); /* 日本: 2 columns each */
    assert_int_equal(used, 2);
    assert_int_equal(text_fit("ab\ncd", 5, 10, &used), 2); /* stops at the newline */
    assert_int_equal(text_fit("a\x1b[31m", 6, 3, &used), 2); /* ESC takes two columns: ^[ */
    assert_int_equal(used, 3);
}

static void test_text_skip_covers_columns_by_whole_characters(void **state)
{
    int skipped;
    assert_int_equal(text_skip("abcdef", 6, 2, &skipped), 2);
    assert_int_equal(skipped, 2);
    assert_int_equal(text_skip("\xe6\x97\xa5x", 4, 1, &skipped), 3); /* 日 straddles: skip it whole */
    assert_int_equal(skipped, 2);
    assert_int_equal(text_skip("ab", 2, 5, &skipped), 2); /* shorter than asked: all of it */
    assert_int_equal(skipped, 2);
}

static void test_page_wraps_long_lines_and_keeps_blank_ones(void **state)
{
    preview_page page;
    set_page(&page, "abcdefgh\n\nxy\r\n", 5);
    assert_int_equal(preview_page_line_count(&page), 4);
    assert_line(&page, 0, "abcde");
    assert_line(&page, 1, "fgh");
    assert_line(&page, 2, "");
    assert_line(&page, 3, "xy"); /* CRLF's CR dropped */
    preview_page_free(&page);
}

static void test_page_expands_tabs_to_spaces(void **state)
{
    preview_page page;
    set_page(&page, "a\tb", 40);
    assert_line(&page, 0, "a       b");
    preview_page_free(&page);
}

static void test_search_find_is_case_insensitive(void **state)
{
    const char *text = "Break-even: 6 Charters";
    assert_int_equal(search_find(text, strlen(text), "charters", 0), 14);
    assert_int_equal(search_find(text, strlen(text), "BREAK", 0), 0);
    assert_int_equal(search_find(text, strlen(text), "break", 1), (size_t)-1);
    assert_int_equal(search_find(text, strlen(text), "", 0), (size_t)-1);
}

static void test_search_finds_every_match_in_reading_order(void **state)
{
    preview_page page;
    set_page(&page, "the cat\nno match\nThe end, the end\n", 40);
    search_state s = {0};
    strcpy(s.query, "the");
    search_run(&s, &page, 0);
    assert_int_equal(s.count, 3);
    assert_int_equal(s.matches[0].line, 0);
    assert_int_equal(s.matches[1].line, 2);
    assert_int_equal(s.matches[1].offset, 0);
    assert_int_equal(s.matches[2].offset, 9);
    assert_int_equal(s.page_serial, 1);
    search_free(&s);
    preview_page_free(&page);
}

static void test_search_starts_at_the_first_match_below_the_top_and_wraps(void **state)
{
    preview_page page;
    set_page(&page, "x\nx\nx\n", 40);
    search_state s = {0};
    strcpy(s.query, "x");
    search_run(&s, &page, 1);
    assert_int_equal(s.current, 1);
    assert_true(search_step(&s, true));
    assert_int_equal(s.current, 2);
    assert_true(search_step(&s, true));
    assert_int_equal(s.current, 0); /* n after the last wraps to the first */
    assert_true(search_step(&s, false));
    assert_int_equal(s.current, 2); /* N before the first wraps to the last */
    search_run(&s, &page, 3);
    assert_int_equal(s.current, 0); /* nothing below: the first */
    search_free(&s);
    preview_page_free(&page);
}

static void test_search_without_matches_cannot_step(void **state)
{
    preview_page page;
    set_page(&page, "nothing here", 40);
    search_state s = {0};
    strcpy(s.query, "absent");
    search_run(&s, &page, 0);
    assert_int_equal(s.count, 0);
    assert_false(search_step(&s, true));
    search_free(&s);
    preview_page_free(&page);
}

static void test_cache_finds_by_persona_scope_width_and_mode_and_evicts_the_oldest(void **state)
{
    preview_cache *cache = test_calloc(1, sizeof *cache);
    preview_page *cfo = preview_cache_insert(cache, PERSONA_CFO, "portfolio", 80, PREVIEW_RENDERED);
    set_page(cfo, "cfo", 80);
    assert_ptr_equal(preview_cache_find(cache, PERSONA_CFO, "portfolio", 80, PREVIEW_RENDERED), cfo);
    assert_null(preview_cache_find(cache, PERSONA_CFO, "portfolio", 79, PREVIEW_RENDERED));
    assert_null(preview_cache_find(cache, PERSONA_CFO, "portfolio", 80, PREVIEW_TEXT));
    assert_null(preview_cache_find(cache, PERSONA_CEO, "portfolio", 80, PREVIEW_RENDERED));
    for (int width = 1; width <= PREVIEW_CACHE_SIZE; width++)
        preview_cache_insert(cache, PERSONA_CEO, "jada", width, PREVIEW_RENDERED);
    assert_null(preview_cache_find(cache, PERSONA_CFO, "portfolio", 80, PREVIEW_RENDERED));
    assert_non_null(preview_cache_find(cache, PERSONA_CEO, "jada", 2, PREVIEW_RENDERED));
    preview_cache_clear(cache);
    test_free(cache);
}

int main(void)
{
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_fit_counts_columns_not_bytes),
        cmocka_unit_test(test_text_skip_covers_columns_by_whole_characters),
        cmocka_unit_test(test_page_wraps_long_lines_and_keeps_blank_ones),
        cmocka_unit_test(test_page_expands_tabs_to_spaces),
        cmocka_unit_test(test_search_find_is_case_insensitive),
        cmocka_unit_test(test_search_finds_every_match_in_reading_order),
        cmocka_unit_test(test_search_starts_at_the_first_match_below_the_top_and_wraps),
        cmocka_unit_test(test_search_without_matches_cannot_step),
        cmocka_unit_test(test_cache_finds_by_persona_scope_width_and_mode_and_evicts_the_oldest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
