/* The one-line editor behind `/` and the recipients fields: insert at the
 * cursor, delete by whole UTF-8 characters, the usual control keys. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <curses.h>
#include <string.h>

#include "ui/line_editor.h"

static void type(line_editor *e, const char *text)
{
    for (const char *c = text; *c; c++)
        assert_int_equal(line_editor_key(e, (unsigned char)*c), LINE_EDIT_CONTINUE);
}

static void test_line_editor_typing_inserts_at_the_cursor(void **state)
{
    line_editor e;
    line_editor_set(&e, "ac");
    line_editor_key(&e, KEY_LEFT);
    type(&e, "b");
    assert_string_equal(e.text, "abc");
    assert_int_equal(e.cursor, 2);
}

static void test_line_editor_backspace_removes_a_whole_utf8_character(void **state)
{
    line_editor e;
    line_editor_set(&e, "caf\xc3\xa9");
    line_editor_key(&e, KEY_BACKSPACE);
    assert_string_equal(e.text, "caf");
    line_editor_set(&e, "\xc3\xa9x");
    line_editor_key(&e, KEY_HOME);
    line_editor_key(&e, KEY_RIGHT);
    assert_int_equal(e.cursor, 2); /* stepped over both bytes of é */
    line_editor_key(&e, KEY_DC);
    assert_string_equal(e.text, "\xc3\xa9");
}

static void test_line_editor_enter_finishes_and_escape_cancels(void **state)
{
    line_editor e;
    line_editor_set(&e, "");
    assert_int_equal(line_editor_key(&e, '\n'), LINE_EDIT_DONE);
    assert_int_equal(line_editor_key(&e, 27), LINE_EDIT_CANCEL);
}

static void test_line_editor_control_keys_kill_words_and_line_parts(void **state)
{
    line_editor e;
    line_editor_set(&e, "a@example.com, b@example.com");
    line_editor_key(&e, 'W' & 0x1f);
    assert_string_equal(e.text, "a@example.com, ");
    line_editor_key(&e, 'A' & 0x1f);
    line_editor_key(&e, KEY_RIGHT);
    line_editor_key(&e, 'K' & 0x1f);
    assert_string_equal(e.text, "a");
    line_editor_key(&e, 'E' & 0x1f);
    line_editor_key(&e, 'U' & 0x1f);
    assert_string_equal(e.text, "");
    assert_int_equal(e.cursor, 0);
}

static void test_line_editor_stops_at_its_size(void **state)
{
    line_editor e;
    line_editor_set(&e, "");
    for (int i = 0; i < LINE_EDITOR_SIZE + 10; i++)
        line_editor_key(&e, 'x');
    assert_int_equal(e.length, LINE_EDITOR_SIZE - 1);
    assert_int_equal(strlen(e.text), LINE_EDITOR_SIZE - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_editor_typing_inserts_at_the_cursor),
        cmocka_unit_test(test_line_editor_backspace_removes_a_whole_utf8_character),
        cmocka_unit_test(test_line_editor_enter_finishes_and_escape_cancels),
        cmocka_unit_test(test_line_editor_control_keys_kill_words_and_line_parts),
        cmocka_unit_test(test_line_editor_stops_at_its_size),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
