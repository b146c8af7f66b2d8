/* Plain text: wrapping by display width, headings, lists, tables in
 * columns that fit the width, verbatim code, one blank line between blocks, one final newline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/render.h"

static char *text_of(const char *markdown, int width)
{
    strbuf out = STRBUF_INIT;
    render_text(markdown, strlen(markdown), width, &out);
    return strbuf_detach(&out);
}

static void assert_text(const char *markdown, int width, const char *expected)
{
    char *text = text_of(markdown, width);
    assert_string_equal(text, expected);
    free(text);
}

/* Every line's display width, checked against `width`. */
static void assert_lines_fit(const char *text, int width)
{
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        assert_non_null(end);
        int columns = render_display_width(line, (size_t)(end - line));
        if (columns > width)
            fail_msg("line wider than %d: %.*s", width, (int)(end - line), line);
        assert_true(end == line || end[-1] != ' ');
        line = end + 1;
    }
}

/* The text of `markdown` at `width`, checked to fit it and to be
 * `expected`; returns its lines, the empty ones counted. */
static size_t assert_text_fits(const char *markdown, int width, const char *expected)
{
    char *text = text_of(markdown, width);
    assert_lines_fit(text, width);
    assert_string_equal(text, expected);
    size_t lines = 0;
    for (const char *at = text; *at; at++)
        lines += *at == '\n';
    free(text);
    return lines;
}

static const char lorem[] =
    "Burn rose in March because the team hired two engineers and moved the "
    "servers to a bigger plan; revenue grew more slowly than the plan, so the "
    "runway shrank from eighteen to fourteen months.\n";

static void test_text_wraps_paragraph_at_72(void **state)
{
    char *text = text_of(lorem, 72);
    assert_lines_fit(text, 72);
    assert_string_equal(text,
                        "Burn rose in March because the team hired two engineers and moved the\n"
                        "servers to a bigger plan; revenue grew more slowly than the plan, so the\n"
                        "runway shrank from eighteen to fourteen months.\n");
    free(text);
}

static void test_text_wraps_paragraph_at_20(void **state)
{
    char *text = text_of(lorem, 20);
    assert_lines_fit(text, 20);
    assert_true(strncmp(text, "Burn rose in March\nbecause the team\n", 36) == 0);
    free(text);
}

static void test_text_width_zero_means_default_72(void **state)
{
    char *by_default = text_of(lorem, 0);
    char *at_72 = text_of(lorem, RENDER_TEXT_WIDTH);
    assert_string_equal(by_default, at_72);
    free(by_default);
    free(at_72);
}

static void test_text_breaks_words_longer_than_width_marking_each_continuation(void **state)
{
    /* "↪" (one column) opens each line the word goes on: never two words */
    assert_text("abcdefghijklmnopqrstuvwxy end\n", 10,
                "abcdefghij\n\u21aaklmnopqrs\n\u21aatuvwxy\nend\n");
    char *text = text_of("See (agent_handoffs/projects/dangerouscentaur.md:70) first.\n", 20);
    assert_lines_fit(text, 20);
    /* after the last '/' that fits; a piece without one between characters,
     * but the file's last character stays with its ":70" */
    assert_string_equal(text, "See\n(agent_handoffs/\n\u21aaprojects/\n\u21aadangerouscentaur.m\n"
                              "\u21aad:70) first.\n");
    free(text);
}

/* eyes-final2a H14: the P1 CTO printed "frontend/index.html:1" / "↪3`", and a
 * reader saw line 1. A path breaks between its folders, never in ":13". */
static void test_text_breaks_a_long_path_after_a_slash_never_inside_its_line_number(void **state)
{
    const char *markdown = "- plain http:// link at "
                           "`sites/queenofsandiego.com/tools/shipcaptaincrew/frontend/index.html:13` "
                           "(`http://www.example.com/waiver.pdf`)\n";
    for (int width = 40; width <= 72; width++) {
        char *text = text_of(markdown, width);
        assert_lines_fit(text, width);
        if (!strstr(text, "index.html:13`"))
            fail_msg("width %d split the file:line: %s", width, text);
        const char *mark = text;
        while ((mark = strstr(mark, "\u21aa")) != NULL) {
            if (mark[-1] != '\n' && mark[-1] != ' ')
                fail_msg("width %d: a continuation mid-line: %s", width, text);
            /* each piece before a continuation ends with a '/' */
            const char *end_of_piece = mark;
            while (end_of_piece > text && (end_of_piece[-1] == ' ' || end_of_piece[-1] == '\n'))
                end_of_piece--;
            if (end_of_piece[-1] != '/')
                fail_msg("width %d: a path cut between characters: %s", width, text);
            mark += strlen("\u21aa");
        }
        free(text);
    }
    assert_text(markdown, 72,
                "- plain http:// link at\n"
                "  `sites/queenofsandiego.com/tools/shipcaptaincrew/frontend/\n"
                "  \u21aaindex.html:13` (`http://www.example.com/waiver.pdf`)\n");
}

/* A file:line with no '/' to break at: the cut moves back so the name's last
 * character stays with ":1234", never "x.c:12" / "34". */
static void test_text_never_cuts_a_line_number_from_its_file(void **state)
{
    assert_text("abcdefghijklmnopqr.c:1234\n", 22, "abcdefghijklmnopqr.\n\u21aac:1234\n");
    assert_text("abcdefghijklmnopqrs:1234\n", 21, "abcdefghijklmnopqr\n\u21aas:1234\n");
    assert_text("abcdefghijklmnopqrstu:12\n", 22, "abcdefghijklmnopqrst\n\u21aau:12\n");
}

/* A code span that fits the line moves whole to the next line rather than
 * break at its spaces: what to type is read in one piece (H7's ask). */
static void test_text_keeps_a_code_span_that_fits_on_one_line(void **state)
{
    assert_text("Missing: add `Customer lifetime: N months` to the KPIs.\n", 30,
                "Missing: add\n`Customer lifetime: N months`\nto the KPIs.\n");
    /* wider than the line: it breaks at its spaces like prose */
    assert_text("See `one two three four five six` now.\n", 12,
                "See `one two\nthree four\nfive six`\nnow.\n");
}

static void test_text_never_breaks_a_url_it_stands_alone_on_its_line(void **state)
{
    const char *urls[] = {
        "https://example.com/reports/2026/11/portfolio-summary.pdf",
        "(http://www.example.com/a/very/long/waiver/path.pdf)",
        "(mailto:accounting-department-long-name@example.com)",
        "www.example.com/a-long-path/that-goes-on-and-on",
    };
    for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
        char markdown[256], expected[256];
        snprintf(markdown, sizeof markdown, "Read %s now.\n", urls[i]);
        snprintf(expected, sizeof expected, "Read\n%s\nnow.\n", urls[i]);
        char *text = text_of(markdown, 20);
        assert_string_equal(text, expected);
        assert_null(strstr(text, "\u21aa"));
        free(text);
    }
}

/* A URL with a password before its host is a credential (the site scan
 * quotes masked ones), not a link to click: it breaks like any other word
 * rather than stick out of the width. */
static void test_text_breaks_a_url_holding_a_password(void **state)
{
    char *text = text_of("masked: postgres://app:Ha**********@db.example.com/x\n", 24);
    assert_lines_fit(text, 24);
    assert_string_equal(text, "masked:\n"
                              "postgres://\n"
                              "\u21aaapp:Ha**********@db.exa\n"
                              "\u21aample.com/x\n");
    free(text);
}

static void test_text_display_width_counts_columns_not_bytes(void **state)
{
    assert_int_equal(render_display_width("café", strlen("café")), 4);
    assert_int_equal(render_display_width("e\xcc\x81", 3), 1); /* e + combining acute */
    assert_int_equal(render_display_width("中文", strlen("中文")), 4);
    assert_int_equal(render_display_width("🎉", strlen("🎉")), 2);
    assert_int_equal(render_display_width("\xff" "a", 2), 2); /* invalid byte: one column */
}

static void test_text_wraps_utf8_by_display_width(void **state)
{
    /* 11 columns each: "ééééé ééééé" is 11 columns but 21 bytes */
    assert_text("ééééé ééééé ééééé\n", 11, "ééééé ééééé\nééééé\n");
    assert_text("中文中文 中文中文\n", 10, "中文中文\n中文中文\n");
    assert_text("🎉🎉 🎉🎉 🎉🎉\n", 10, "🎉🎉 🎉🎉\n🎉🎉\n");
}

static void test_text_breaks_wide_words_between_code_points(void **state)
{
    /* 7 wide characters at 5 columns: two per line, never half a character */
    char *text = text_of("中文中文中文中\n", 5);
    assert_string_equal(text, "中文\n\u21aa中文\n\u21aa中文\n\u21aa中\n");
    assert_lines_fit(text, 5);
    free(text);
}

static void test_text_headings_are_underlined_by_level(void **state)
{
    assert_text("# Board update\n\n## Cash\n\n### Detail\n\nBody.\n", 72,
                "BOARD UPDATE\n"
                "============\n"
                "\n"
                "Cash\n"
                "----\n"
                "\n"
                "Detail\n"
                "\n"
                "Body.\n");
}

static void test_text_heading_upper_cases_latin1_letters(void **state)
{
    assert_text("# Détails à revoir, ß ÷ 中文\n", 72,
                "DÉTAILS À REVOIR, ß ÷ 中文\n"
                "==========================\n");
}

static void test_text_bullets_hang_and_nest(void **state)
{
    assert_text("- first item wraps here\n"
                "- second\n"
                "  - nested one\n"
                "    1. deep\n"
                "    2. deeper\n"
                "- third\n",
                16,
                "- first item\n"
                "  wraps here\n"
                "- second\n"
                "  - nested one\n"
                "    1. deep\n"
                "    2. deeper\n"
                "- third\n");
}

static void test_text_ordered_list_keeps_its_start(void **state)
{
    assert_text("7. seven\n8. eight\n", 72, "7. seven\n8. eight\n");
}

static void test_text_loose_list_items_are_separated(void **state)
{
    assert_text("- one\n\n- two\n", 72, "- one\n\n- two\n");
}

static const char burn_table[] = "| Entity | Gross burn/month | Note |\n"
                                 "| :--- | ---: | :--- |\n"
                                 "| JADA | $6,200\u2013$6,800 | charter boat crew and fuel |\n"
                                 "| QuickDumpNow | $480 | |\n";

static void test_text_table_that_fits_keeps_each_column_at_its_widest_cell(void **state)
{
    char markdown[512];
    snprintf(markdown, sizeof markdown, "Before.\n\n%s\nAfter.\n", burn_table);
    assert_text(markdown, 72,
                "Before.\n\n"
                "Entity        Gross burn/month  Note\n"
                "------------  ----------------  --------------------------\n"
                "JADA             $6,200\u2013$6,800  charter boat crew and fuel\n"
                "QuickDumpNow              $480\n"
                "\nAfter.\n");
}

/* 12 + 2 + 16 + 2 + 26 = 58 columns at 40: a heading wraps first (at
 * spaces, then after '/'), then the widest column gives way, one column at
 * a time, never below its longest body word ("$6,200–$6,800" is 13);
 * cells wrap in their column, and since one row wraps, every row stands
 * apart. */
static void test_text_table_cells_wrap_within_their_columns_to_fit_the_width(void **state)
{
    /* "burn/month" fits the column: it goes whole to the next line */
    assert_text_fits(burn_table, 40,
                     "Entity                Gross  Note\n"
                     "                 burn/month\n"
                     "------------  -------------  -----------\n"
                     "JADA          $6,200\u2013$6,800  charter\n"
                     "                             boat crew\n"
                     "                             and fuel\n"
                     "\n"
                     "QuickDumpNow           $480\n");
}

/* When no row wraps, none stands apart; when one does, all do: the table
 * keeps one rhythm instead of looking like paragraphs. */
static void test_text_table_rows_stand_apart_all_or_none(void **state)
{
    const char *markdown = "| Entity | Note |\n| --- | --- |\n| A | short |\n"
                           "| B | a note that wraps |\n| C | short |\n";
    assert_text(markdown, 72,
                "Entity  Note\n"
                "------  -----------------\n"
                "A       short\n"
                "B       a note that wraps\n"
                "C       short\n");
    assert_text(markdown, 16,
                "Entity  Note\n"
                "------  --------\n"
                "A       short\n"
                "\n"
                "B       a note\n"
                "        that\n"
                "        wraps\n"
                "\n"
                "C       short\n");
}

/* A body cell wraps between words, and a word breaks only where it is
 * wider than its column: "one-off" and an amount stay whole ("$1,000
 * one-" / "off" was read as two amounts), a path may break after '/' and
 * its hyphens. */
static void test_text_table_never_breaks_an_amount_or_a_hyphenated_period(void **state)
{
    assert_text("| Item | Amount |\n| :--- | ---: |\n| Waiver | $1,000 one-off |\n", 16,
                "Item      Amount\n"
                "------  --------\n"
                "Waiver    $1,000\n"
                "         one-off\n");
    assert_text("| Where |\n| --- |\n| agent/expert-yacht-delivery.md:27 |\n", 20,
                "Where\n"
                "--------------------\n"
                "agent/expert-yacht-\n"
                "delivery.md:27\n");
}

/* A heading may break inside a CamelCase name, where a reader sees the
 * words it joins; a body cell never does. */
static void test_text_table_heading_breaks_inside_a_camel_case_name(void **state)
{
    assert_text("| Name | DangerousCentaur | QuickDumpNow |\n| --- | ---: | ---: |\n"
                "| Unit sales | $500 | $1,350 |\n",
                29,
                "Name        Dangerous   Quick\n"
                "              Centaur    Dump\n"
                "                          Now\n"
                "----------  ---------  ------\n"
                "Unit sales       $500  $1,350\n");
}

static const char prose_table[] =
    "| # | Improvement | Entity | Effort | Cost |\n| --: | --- | --- | --- | --: |\n"
    "| 1 | change the database password now and load it from the environment or a secret "
    "store | Lumen Analytics | 1 hour | |\n"
    "| 2 | Add an online waiver form | Harbor Kayak Tours | half a day | $300 one-off |\n";

/* Narrowing the widest column first left "Improvement" 12 columns wide,
 * its first row eight lines tall, beside an Effort and a Cost column with
 * room to spare: 14 lines. Width moves to where it saves the most lines
 * ("half a" / "day" and "$300" / "one-off" give theirs to the prose), so
 * the same table takes 10, and no line is wider than the width. */
static void test_text_table_prose_column_gets_the_room_that_saves_lines(void **state)
{
    size_t lines = assert_text_fits(prose_table, 56,
                                    "#  Improvement          Entity         Effort       Cost\n"
                                    "-  -------------------  -------------  ------  ---------\n"
                                    "1  change the database  Lumen          1 hour\n"
                                    "   password now and     Analytics\n"
                                    "   load it from the\n"
                                    "   environment or a\n"
                                    "   secret store\n"
                                    "\n"
                                    "2  Add an online        Harbor Kayak   half a       $300\n"
                                    "   waiver form          Tours          day       one-off\n");
    assert_int_equal(lines, 10);
}

/* Columns that cannot fit side by side go in groups, one after the other,
 * each repeating the key: the leading columns up to the first left-aligned
 * one that names every row ("Account" has an empty cell, so "Name" joins
 * it). "QuickDumpNow" takes back a column from Name, which still wraps
 * "Total revenue (4000)" on three lines, to head its column on two. */
static void test_text_table_too_wide_goes_in_column_groups_repeating_the_key(void **state)
{
    char *text = text_of("| Account | Name | DangerousCentaur | QuickDumpNow | Total |\n"
                         "| :--- | :--- | ---: | ---: | ---: |\n"
                         "| 4010 | Unit sales | $500 | $1,350 | $1,850 |\n"
                         "| | Total revenue (4000) | $500 | $1,350 | $1,850 |\n",
                         40);
    assert_lines_fit(text, 40);
    assert_string_equal(text, "Account  Name         Dangerous    Quick\n"
                              "                        Centaur  DumpNow\n"
                              "-------  -----------  ---------  -------\n"
                              "4010     Unit sales        $500   $1,350\n"
                              "\n"
                              "         Total             $500   $1,350\n"
                              "         revenue\n"
                              "         (4000)\n"
                              "\n"
                              "Account  Name                   Total\n"
                              "-------  --------------------  ------\n"
                              "4010     Unit sales            $1,850\n"
                              "         Total revenue (4000)  $1,850\n");
    free(text);
}

/* A last column headed "Where" (a row's file:line) goes under its row,
 * indented, when the table does not fit at its widest; the other columns
 * share the width and the rows stand apart. A table that fits keeps it as
 * a column. */
static void test_text_table_where_column_goes_under_its_row_when_too_wide(void **state)
{
    const char *markdown = "| # | Shortfall | Impact | Where |\n| --: | --- | --: | --- |\n"
                           "| 1 | Cabo delivery: overdue | $3,600 one-off | "
                           "agent_handoffs/projects/expert-yacht-delivery.md:27 |\n"
                           "| 2 | Single vessel | \u2014 | |\n";
    assert_text(markdown, 64,
                "#  Shortfall                       Impact\n"
                "-  ----------------------  --------------\n"
                "1  Cabo delivery: overdue  $3,600 one-off\n"
                "    Where: agent_handoffs/projects/expert-yacht-delivery.md:27\n"
                "\n"
                "2  Single vessel                        \u2014\n");
    char *wide = text_of(markdown, 120);
    assert_non_null(strstr(wide, "  Where\n"));
    assert_null(strstr(wide, "Where: "));
    free(wide);
}

/* Too narrow for even one column beside the key: each row becomes a
 * record. */
static void test_text_table_too_narrow_for_its_words_becomes_records(void **state)
{
    char *text = text_of(burn_table, 16);
    assert_lines_fit(text, 16);
    assert_string_equal(text, "Entity: JADA\n"
                              "Gross\n"
                              "burn/month:\n"
                              "$6,200\u2013$6,800\n"
                              "Note: charter\n"
                              "boat crew and\n"
                              "fuel\n"
                              "\n"
                              "Entity:\n"
                              "QuickDumpNow\n"
                              "Gross\n"
                              "burn/month: $480\n"); /* its empty Note is left out */
    free(text);
}

/* 中 and 🚀 take two columns each, é (e + U+0301) one: padding counts
 * columns, so the second column starts at the same place on every line. */
static void test_text_table_aligns_cjk_emoji_and_combining_marks(void **state)
{
    assert_text("| Entity | Net |\n|---|---:|\n| 中文餐厅 | $1 |\n| Rocket 🚀 | $22 |\n"
                "| Cafe\u0301 | $333 |\n",
                72,
                "Entity      Net\n"
                "---------  ----\n"
                "中文餐厅     $1\n"
                "Rocket 🚀   $22\n"
                "Cafe\u0301       $333\n");
}

static void test_text_table_cells_show_escaped_pipes_as_text(void **state)
{
    assert_text("| a \\| b | c |\n|---|---|\n| \\*x\\* | y |\n", 72,
                "a | b  c\n"
                "-----  -\n"
                "*x*    y\n");
}

static void test_text_fenced_table_of_pipe_rows_is_a_table_and_other_fences_code(void **state)
{
    assert_text("```table aligned\n| A | B |\n|---|---|\n| 1 | 2 |\n```\n", 72,
                "A  B\n-  -\n1  2\n");
    assert_text("```table\nA  B\n-  -\n```\n", 72, "  A  B\n  -  -\n");
}

/* Only a paragraph whose every line starts with '|' and whose second line
 * is a delimiter row is a table; a table in a list stays text. */
static void test_text_pipes_in_prose_stay_prose(void **state)
{
    assert_text("Revenue | costs\n|---|---|\n", 72, "Revenue | costs |---|---|\n");
    assert_text("| a | b |\nnot a delimiter\n", 72, "| a | b | not a delimiter\n");
    assert_text("- | a |\n  |---|\n", 72, "- | a | |---|\n");
}

static void test_text_code_is_verbatim_and_indented(void **state)
{
    assert_text("```\nlet x =    1;\n  nested\n```\n", 72, "  let x =    1;\n    nested\n");
}

static void test_text_code_drops_empty_lines_at_its_ends(void **state)
{
    assert_text("A.\n\n```\n\n  x\n\n  y\n\n```\n\nB.\n", 72, "A.\n\n    x\n\n    y\n\nB.\n");
}

static void test_text_code_tabs_expand_to_stops_of_8(void **state)
{
    assert_text("```\na\tb\n\tc\n```\n", 72, "  a       b\n          c\n");
}

static void test_text_quotes_are_prefixed(void **state)
{
    assert_text("> one two three\n>\n> four\n", 10, "> one two\n> three\n>\n> four\n");
}

static void test_text_links_show_their_address(void **state)
{
    assert_text("See [the deck](https://example.com/deck) or <https://example.com/>.\n", 72,
                "See the deck <https://example.com/deck> or https://example.com/.\n");
}

/* Bold and italics lose their marks; code keeps its backticks (E6: "add
 * - Owner: ... to the" hid what to type). */
static void test_text_inline_markup_is_dropped_but_code_keeps_its_backticks(void **state)
{
    assert_text("**Net** burn is *down*, see `burn.csv`.\n", 72, "Net burn is down, see `burn.csv`.\n");
    assert_text("Add `- Owner: <name>` at the top.\n", 72, "Add `- Owner: <name>` at the top.\n");
}

static void test_text_hard_break_starts_a_line(void **state)
{
    assert_text("one  \ntwo\nthree\n", 72, "one\ntwo three\n");
}

static void test_text_one_blank_line_between_blocks(void **state)
{
    char *text = text_of("# A\n\n\n\nPara one.\n\n\n\n- x\n- y\n\n\n---\n\n\nEnd.\n", 10);
    assert_null(strstr(text, "\n\n\n"));
    assert_string_equal(text, "A\n=\n\nPara one.\n\n- x\n- y\n\n----------\n\nEnd.\n");
    free(text);
}

static void test_text_empty_blocks_leave_no_extra_blank_lines(void **state)
{
    assert_text("#\n\nPara.\n\n##\n\nEnd.\n", 72, "Para.\n\nEnd.\n");
}

static void test_text_quote_keeps_its_marker_on_blank_lines(void **state)
{
    assert_text("> - a\n>\n> - b\n", 72, "> - a\n>\n> - b\n");
}

static void test_text_ends_with_exactly_one_newline(void **state)
{
    char *text = text_of("Last line.\n\n\n\n", 72);
    size_t length = strlen(text);
    assert_true(length >= 2);
    assert_int_equal(text[length - 1], '\n');
    assert_true(text[length - 2] != '\n');
    free(text);
}

static void test_text_is_deterministic(void **state)
{
    char *first = text_of(lorem, 33);
    char *second = text_of(lorem, 33);
    assert_string_equal(first, second);
    free(first);
    free(second);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_wraps_paragraph_at_72),
        cmocka_unit_test(test_text_wraps_paragraph_at_20),
        cmocka_unit_test(test_text_width_zero_means_default_72),
        cmocka_unit_test(test_text_breaks_words_longer_than_width_marking_each_continuation),
        cmocka_unit_test(test_text_breaks_a_long_path_after_a_slash_never_inside_its_line_number),
        cmocka_unit_test(test_text_never_cuts_a_line_number_from_its_file),
        cmocka_unit_test(test_text_keeps_a_code_span_that_fits_on_one_line),
        cmocka_unit_test(test_text_never_breaks_a_url_it_stands_alone_on_its_line),
        cmocka_unit_test(test_text_breaks_a_url_holding_a_password),
        cmocka_unit_test(test_text_display_width_counts_columns_not_bytes),
        cmocka_unit_test(test_text_wraps_utf8_by_display_width),
        cmocka_unit_test(test_text_breaks_wide_words_between_code_points),
        cmocka_unit_test(test_text_headings_are_underlined_by_level),
        cmocka_unit_test(test_text_heading_upper_cases_latin1_letters),
        cmocka_unit_test(test_text_bullets_hang_and_nest),
        cmocka_unit_test(test_text_ordered_list_keeps_its_start),
        cmocka_unit_test(test_text_loose_list_items_are_separated),
        cmocka_unit_test(test_text_table_that_fits_keeps_each_column_at_its_widest_cell),
        cmocka_unit_test(test_text_table_cells_wrap_within_their_columns_to_fit_the_width),
        cmocka_unit_test(test_text_table_rows_stand_apart_all_or_none),
        cmocka_unit_test(test_text_table_never_breaks_an_amount_or_a_hyphenated_period),
        cmocka_unit_test(test_text_table_heading_breaks_inside_a_camel_case_name),
        cmocka_unit_test(test_text_table_prose_column_gets_the_room_that_saves_lines),
        cmocka_unit_test(test_text_table_too_wide_goes_in_column_groups_repeating_the_key),
        cmocka_unit_test(test_text_table_where_column_goes_under_its_row_when_too_wide),
        cmocka_unit_test(test_text_table_too_narrow_for_its_words_becomes_records),
        cmocka_unit_test(test_text_table_aligns_cjk_emoji_and_combining_marks),
        cmocka_unit_test(test_text_table_cells_show_escaped_pipes_as_text),
        cmocka_unit_test(test_text_fenced_table_of_pipe_rows_is_a_table_and_other_fences_code),
        cmocka_unit_test(test_text_pipes_in_prose_stay_prose),
        cmocka_unit_test(test_text_code_is_verbatim_and_indented),
        cmocka_unit_test(test_text_code_drops_empty_lines_at_its_ends),
        cmocka_unit_test(test_text_code_tabs_expand_to_stops_of_8),
        cmocka_unit_test(test_text_quotes_are_prefixed),
        cmocka_unit_test(test_text_links_show_their_address),
        cmocka_unit_test(test_text_inline_markup_is_dropped_but_code_keeps_its_backticks),
        cmocka_unit_test(test_text_hard_break_starts_a_line),
        cmocka_unit_test(test_text_one_blank_line_between_blocks),
        cmocka_unit_test(test_text_empty_blocks_leave_no_extra_blank_lines),
        cmocka_unit_test(test_text_quote_keeps_its_marker_on_blank_lines),
        cmocka_unit_test(test_text_ends_with_exactly_one_newline),
        cmocka_unit_test(test_text_is_deterministic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
