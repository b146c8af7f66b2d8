/* The key table: one meaning per key in a context, every row documented,
 * views' own rows win over global ones, the layout holds at 80x24. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "ui/ui_internal.h"

static void test_keymap_no_key_is_bound_twice_in_one_context(void **state)
{
    for (size_t i = 0; i < keymap_count; i++) {
        for (size_t j = i + 1; j < keymap_count; j++) {
            if (keymap_table[i].context == keymap_table[j].context &&
                keymap_table[i].key == keymap_table[j].key)
                fail_msg("%s bound twice in %s", keymap_table[i].name,
                         keymap_context_name(keymap_table[i].context));
        }
    }
}

static void test_keymap_every_row_has_a_name_help_and_action(void **state)
{
    for (size_t i = 0; i < keymap_count; i++) {
        assert_non_null(keymap_table[i].name);
        assert_true(strlen(keymap_table[i].name) > 0);
        assert_non_null(keymap_table[i].help);
        assert_true(strlen(keymap_table[i].help) > 0);
        assert_int_not_equal(keymap_table[i].action, ACTION_NONE);
        if (strlen(keymap_table[i].help) > 42) /* the help overlay's two columns at 120 */
            fail_msg("help for %s is longer than 42: %s", keymap_table[i].name, keymap_table[i].help);
    }
}

static void test_keymap_view_rows_win_over_global_rows(void **state)
{
    const keymap_entry *help = keymap_lookup(KEYS_HELP, '?');
    assert_non_null(help);
    assert_int_equal(help->action, ACTION_BACK); /* `?` closes the help it opened */
    const keymap_entry *main = keymap_lookup(KEYS_MAIN, '?');
    assert_non_null(main);
    assert_int_equal(main->action, ACTION_HELP);
    assert_null(keymap_lookup(KEYS_MAIN, 0x7ffe));
}

static void test_keymap_digits_pick_personas_in_order(void **state)
{
    for (int p = 0; p < PERSONA_COUNT; p++) {
        const keymap_entry *k = keymap_lookup(KEYS_MAIN, '1' + p);
        assert_non_null(k);
        assert_int_equal(k->action, ACTION_PICK_PERSONA);
        assert_int_equal(k->argument, p);
    }
}

static void test_layout_80x24_fits_the_lists_and_the_preview(void **state)
{
    ui_layout l;
    layout_compute(24, 80, &l);
    assert_false(l.too_small);
    assert_int_equal(l.top_bar.top, 0);
    assert_int_equal(l.key_bar.top, 23);
    assert_int_equal(l.status_line.top, 22);
    assert_int_equal(l.preview.left + l.preview.width, 80);
    assert_int_equal(l.personas.top + l.personas.height, l.status_line.top);
    assert_true(l.entities.height >= 9); /* title, Portfolio and the seeds' seven entities */
    assert_true(l.preview.width >= 50);
}

static void test_layout_below_80x24_is_too_small(void **state)
{
    ui_layout l;
    layout_compute(23, 80, &l);
    assert_true(l.too_small);
    layout_compute(24, 79, &l);
    assert_true(l.too_small);
    layout_compute(20, 60, &l);
    assert_true(l.too_small);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keymap_no_key_is_bound_twice_in_one_context),
        cmocka_unit_test(test_keymap_every_row_has_a_name_help_and_action),
        cmocka_unit_test(test_keymap_view_rows_win_over_global_rows),
        cmocka_unit_test(test_keymap_digits_pick_personas_in_order),
        cmocka_unit_test(test_layout_80x24_fits_the_lists_and_the_preview),
        cmocka_unit_test(test_layout_below_80x24_is_too_small),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
