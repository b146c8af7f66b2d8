/* The table model: a GFM pipe table's raw lines become rows × plain-text
 * cells with per-column alignment; anything else is not a table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "render/table_model.h"

static bool parse(table_model *t, const char *text)
{
    return table_model_parse(t, text, strlen(text));
}

static void test_table_has_a_header_rows_and_alignment_per_column(void **state)
{
    (void)state;
    table_model t;
    assert_true(parse(&t, "| Entity | Net | Note | Mid |\n"
                          "| --- | ---: | :--- | :-: |\n"
                          "| JADA | $2,500 | fixed | x |\n"
                          "| QuickDumpNow | $12 | | y |\n"));
    assert_int_equal(t.column_count, 4);
    assert_int_equal(t.row_count, 3);
    assert_int_equal(t.aligns[0], TABLE_ALIGN_DEFAULT);
    assert_int_equal(t.aligns[1], TABLE_ALIGN_RIGHT);
    assert_int_equal(t.aligns[2], TABLE_ALIGN_LEFT);
    assert_int_equal(t.aligns[3], TABLE_ALIGN_CENTER);
    assert_string_equal(table_model_cell(&t, 0, 0), "Entity");
    assert_string_equal(table_model_cell(&t, 1, 1), "$2,500");
    assert_string_equal(table_model_cell(&t, 2, 2), "");
    assert_string_equal(table_model_cell(&t, 2, 3), "y");
    table_model_free(&t);
}

static void test_escaped_pipes_and_punctuation_are_cell_text(void **state)
{
    (void)state;
    table_model t;
    assert_true(parse(&t, "|Name|Path|\n|-|-|\n|A \\| B \\*x\\*|C:\\dir\\\\sub|\n"));
    assert_int_equal(t.column_count, 2);
    assert_string_equal(table_model_cell(&t, 1, 0), "A | B *x*");
    /* a backslash before a letter stays; before a backslash it is one */
    assert_string_equal(table_model_cell(&t, 1, 1), "C:\\dir\\sub");
    table_model_free(&t);
}

static void test_short_rows_are_padded_and_long_rows_cut_as_gfm_does(void **state)
{
    (void)state;
    table_model t;
    assert_true(parse(&t, "| a | b | c |\n|---|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 |\n"));
    assert_int_equal(t.row_count, 3);
    assert_string_equal(table_model_cell(&t, 1, 0), "1");
    assert_string_equal(table_model_cell(&t, 1, 1), "");
    assert_string_equal(table_model_cell(&t, 1, 2), "");
    assert_string_equal(table_model_cell(&t, 2, 2), "3");
    table_model_free(&t);
}

static void test_trailing_pipe_and_indent_and_crlf_are_optional(void **state)
{
    (void)state;
    table_model t;
    assert_true(parse(&t, "   | a | b\r\n   |:--|--:\r\n   | 1 | 2\r\n"));
    assert_int_equal(t.column_count, 2);
    assert_int_equal(t.aligns[1], TABLE_ALIGN_RIGHT);
    assert_string_equal(table_model_cell(&t, 1, 1), "2");
    table_model_free(&t);
}

static void test_a_header_alone_is_a_table_without_rows(void **state)
{
    (void)state;
    table_model t;
    assert_true(parse(&t, "| Only |\n| --- |\n"));
    assert_int_equal(t.row_count, 1);
    table_model_free(&t);
}

static void test_text_that_is_not_a_pipe_table_is_refused(void **state)
{
    (void)state;
    static const char *not_tables[] = {
        "",
        "| just one line |\n",
        "Revenue | costs\n|---|---|\n",          /* header without the leading pipe */
        "| a | b |\n| not | dashes |\n",          /* no delimiter row */
        "| a | b |\n|---|\n",                     /* delimiter count differs */
        "| a | b |\n|---|---|\n| 1 | 2 |\nprose\n", /* a later line is not a row */
        "    | a |\n    |---|\n",                 /* four spaces: indented code */
        "|\n|\n",                                 /* no cells */
        "| a |\n| :: |\n",                        /* colons without a dash */
    };
    for (size_t i = 0; i < sizeof not_tables / sizeof not_tables[0]; i++) {
        table_model t;
        assert_false(parse(&t, not_tables[i]));
        assert_int_equal(t.row_count, 0);
        assert_null(t.cells);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_has_a_header_rows_and_alignment_per_column),
        cmocka_unit_test(test_escaped_pipes_and_punctuation_are_cell_text),
        cmocka_unit_test(test_short_rows_are_padded_and_long_rows_cut_as_gfm_does),
        cmocka_unit_test(test_trailing_pipe_and_indent_and_crlf_are_optional),
        cmocka_unit_test(test_a_header_alone_is_a_table_without_rows),
        cmocka_unit_test(test_text_that_is_not_a_pipe_table_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
