/* Styled preview lines: spans carry their styles through wrapping, tables
 * align by display width and wrap, lines fit the width, and a 100,000-line
 * report lays out fast. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "briefing/render.h"

static render_document *styled(const char *markdown, int width)
{
    render_document *document = render_styled(markdown, strlen(markdown), width);
    assert_non_null(document);
    return document;
}

static void assert_span(const render_line *line, size_t index, render_style style, const char *text)
{
    assert_true(index < line->span_count);
    const render_span *span = &line->spans[index];
    if (span->style != style || span->length != strlen(text) ||
        memcmp(span->text, text, span->length) != 0)
        fail_msg("span %zu: style %d \"%.*s\", expected style %d \"%s\"", index, span->style,
                 (int)span->length, span->text, style, text);
}

static int line_width(const render_line *line)
{
    int columns = line->indent;
    for (size_t i = 0; i < line->span_count; i++)
        columns += render_display_width(line->spans[i].text, line->spans[i].length);
    return columns;
}

static void test_styled_spans_carry_inline_styles(void **state)
{
    render_document *d = styled("**Net** burn, *down*, `csv` [deck](https://example.com/d)\n", 80);
    assert_int_equal(render_line_count(d), 1);
    const render_line *line = render_line_at(d, 0);
    assert_span(line, 0, STYLE_STRONG, "Net");
    assert_span(line, 1, STYLE_BODY, " burn, ");
    assert_span(line, 2, STYLE_EMPHASIS, "down");
    assert_span(line, 3, STYLE_BODY, ", ");
    assert_span(line, 4, STYLE_CODE, "csv");
    assert_span(line, 5, STYLE_BODY, " ");
    assert_span(line, 6, STYLE_LINK, "deck <https://example.com/d>");
    assert_int_equal(line->span_count, 7);
    render_document_free(d);
}

static void test_styled_headings_have_their_level_style(void **state)
{
    render_document *d = styled("# One\n\n## Two\n\n### Three\n", 40);
    assert_int_equal(render_line_count(d), 5); /* blank line between blocks */
    assert_span(render_line_at(d, 0), 0, STYLE_HEADING1, "One");
    assert_int_equal(render_line_at(d, 1)->span_count, 0);
    assert_span(render_line_at(d, 2), 0, STYLE_HEADING2, "Two");
    assert_span(render_line_at(d, 4), 0, STYLE_HEADING3, "Three");
    render_document_free(d);
}

static void test_styled_wrapping_keeps_styles(void **state)
{
    render_document *d = styled("Plain **strong words that go on and on** end\n", 12);
    size_t count = render_line_count(d);
    assert_true(count >= 4);
    /* every word of the strong run is STYLE_STRONG whichever line it lands on */
    size_t strong_words = 0;
    for (size_t i = 0; i < count; i++) {
        const render_line *line = render_line_at(d, i);
        for (size_t s = 0; s < line->span_count; s++) {
            const render_span *span = &line->spans[s];
            if (span->style == STYLE_STRONG) {
                for (size_t b = 0; b < span->length; b++)
                    strong_words += span->text[b] != ' ' && (b == 0 || span->text[b - 1] == ' ');
            }
        }
        assert_true(line_width(line) <= 12);
    }
    assert_int_equal(strong_words, 7);
    assert_span(render_line_at(d, count - 1), render_line_at(d, count - 1)->span_count - 1,
                STYLE_BODY, "end");
    render_document_free(d);
}

static void test_styled_bullets_and_indent(void **state)
{
    render_document *d = styled("- one two three\n  - nested\n", 10);
    const render_line *first = render_line_at(d, 0);
    assert_int_equal(first->indent, 0);
    assert_span(first, 0, STYLE_BULLET, "- ");
    assert_span(first, 1, STYLE_BODY, "one two");
    const render_line *hanging = render_line_at(d, 1);
    assert_int_equal(hanging->indent, 2);
    assert_span(hanging, 0, STYLE_BODY, "three");
    const render_line *nested = render_line_at(d, 2);
    assert_int_equal(nested->indent, 2);
    assert_span(nested, 0, STYLE_BULLET, "- ");
    assert_span(nested, 1, STYLE_BODY, "nested");
    render_document_free(d);
}

static void test_styled_quote_prefix(void **state)
{
    render_document *d = styled("> quoted\n", 20);
    assert_span(render_line_at(d, 0), 0, STYLE_QUOTE, "> ");
    assert_span(render_line_at(d, 0), 1, STYLE_BODY, "quoted");
    render_document_free(d);
}

/* Column starts are display columns: a CJK or emoji entity name pads to
 * the same column as a Latin one, and every table line fits the pane. */
static void test_styled_tables_align_cjk_and_emoji_names_by_display_width(void **state)
{
    render_document *d = styled("| Entity | Net burn/month |\n| :--- | ---: |\n"
                                "| 東京ラーメン | $1,200 |\n| Taco 🌮 Truck | $980 |\n"
                                "| JADA | $2,500 |\n",
                                40);
    assert_int_equal(render_line_count(d), 5);
    for (size_t i = 0; i < render_line_count(d); i++) {
        const render_line *line = render_line_at(d, i);
        assert_int_equal(line->span_count, 1);
        assert_int_equal(line->spans[0].style, STYLE_TABLE);
        assert_int_equal(line_width(line), 29); /* 13 + 2 + 14 */
    }
    assert_span(render_line_at(d, 2), 0, STYLE_TABLE, "東京ラーメン" "           $1,200");
    assert_span(render_line_at(d, 3), 0, STYLE_TABLE, "Taco 🌮 Truck" "            $980");
    render_document_free(d);
}

static void test_styled_tables_wrap_to_the_pane(void **state)
{
    render_document *d = styled("| Entity | Gross burn | Revenue |\n|---|--:|--:|\n"
                                "| Queen of San Diego | $317–$367 | $300 |\n",
                                24);
    assert_true(render_line_count(d) > 3);
    for (size_t i = 0; i < render_line_count(d); i++)
        assert_true(line_width(render_line_at(d, i)) <= 24);
    render_document_free(d);
}

static void test_styled_rule_and_code(void **state)
{
    render_document *d = styled("---\n\n```\nx = 1\n```\n", 8);
    assert_span(render_line_at(d, 0), 0, STYLE_RULE, "--------");
    const render_line *code = render_line_at(d, 2);
    assert_int_equal(code->indent, 2);
    assert_span(code, 0, STYLE_CODE, "x = 1");
    render_document_free(d);
}

/* A URL wider than the room stands alone on its line, overflowing it
 * (docs/rendering.md, Paragraphs): the line ends with the URL, and only its
 * prefix (a quote bar, a bullet) comes before it. */
static bool line_is_lone_url(const render_line *line)
{
    char text[512] = "";
    size_t length = 0;
    for (size_t i = 0; i < line->span_count && length + line->spans[i].length < sizeof text; i++) {
        memcpy(text + length, line->spans[i].text, line->spans[i].length);
        length += line->spans[i].length;
    }
    text[length] = '\0';
    const char *scheme = strstr(text, "://");
    if (!scheme || strchr(scheme, ' '))
        return false;
    const char *start = scheme;
    while (start > text && start[-1] != ' ')
        start--;
    for (const char *c = text; c < start; c++)
        if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9'))
            return false;
    return true;
}

static void test_styled_lines_fit_the_width(void **state)
{
    const char *markdown = "# A heading that is long enough to wrap\n\n"
                           "Text with ünïcödé, 中文字符 and 🎉 emoji, and **bold** words and a "
                           "verylongwordthatmustbebrokenacrosslines.\n\n"
                           "- item with `code` inside it\n  1. nested ordered item text\n\n"
                           "> a quote with [a link](https://example.com/long/path)\n";
    for (int width = 6; width <= 40; width++) {
        render_document *d = styled(markdown, width);
        for (size_t i = 0; i < render_line_count(d); i++) {
            const render_line *line = render_line_at(d, i);
            if (line_width(line) > width && !line_is_lone_url(line))
                fail_msg("width %d, line %zu is %d columns: \"%.*s\"...", width, i,
                         line_width(line), (int)line->spans[0].length, line->spans[0].text);
        }
        render_document_free(d);
    }
}

static void test_styled_line_at_out_of_range_is_null(void **state)
{
    render_document *d = styled("one\n", 20);
    assert_non_null(render_line_at(d, 0));
    assert_null(render_line_at(d, 1));
    render_document_free(d);
}

/* Sanitizers and valgrind slow everything tenfold or more; the 1 s budget is
 * for the optimised, uninstrumented build the console runs. */
static int instrumented(void)
{
    const char *preload = getenv("LD_PRELOAD");
#if defined(__SANITIZE_ADDRESS__) || !defined(__OPTIMIZE__)
    return 1;
#endif
    return preload && strstr(preload, "vgpreload") != NULL;
}

static void test_styled_100k_lines_lay_out_fast(void **state)
{
    enum { PARAGRAPHS = 50000 };
    strbuf markdown = STRBUF_INIT;
    for (int i = 0; i < PARAGRAPHS; i++)
        strbuf_printf(&markdown, "Paragraph %d has **some** words.\n\n", i);
    clock_t start = clock();
    render_document *d = render_styled(markdown.data, markdown.len, 80);
    double seconds = (double)(clock() - start) / CLOCKS_PER_SEC;
    /* one line per paragraph and a blank line between each pair */
    assert_int_equal(render_line_count(d), 2 * PARAGRAPHS - 1);
    assert_span(render_line_at(d, 2 * (PARAGRAPHS - 1)), 0, STYLE_BODY, "Paragraph 49999 has ");
    if (!instrumented() && seconds >= 1.0)
        fail_msg("100,000 lines took %.2f s", seconds);
    render_document_free(d);
    strbuf_free(&markdown);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_styled_spans_carry_inline_styles),
        cmocka_unit_test(test_styled_headings_have_their_level_style),
        cmocka_unit_test(test_styled_wrapping_keeps_styles),
        cmocka_unit_test(test_styled_bullets_and_indent),
        cmocka_unit_test(test_styled_quote_prefix),
        cmocka_unit_test(test_styled_tables_align_cjk_and_emoji_names_by_display_width),
        cmocka_unit_test(test_styled_tables_wrap_to_the_pane),
        cmocka_unit_test(test_styled_rule_and_code),
        cmocka_unit_test(test_styled_lines_fit_the_width),
        cmocka_unit_test(test_styled_line_at_out_of_range_is_null),
        cmocka_unit_test(test_styled_100k_lines_lay_out_fast),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
