/* Theme files: "role = foreground background attributes", bad lines
 * reported as file:line and skipped, colours degraded for small palettes,
 * and the shipped themes parse cleanly. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/strbuf.h"
#include "ui/theme.h"

static void parse(theme *t, const char *text)
{
    theme_init_builtin(t, "test");
    theme_parse(t, "test.theme", text, strlen(text));
}

static void test_theme_line_sets_colours_and_attributes(void **state)
{
    theme t;
    parse(&t, "heading1 = yellow blue bold underline\nselected = 208 default reverse\n");
    assert_int_equal(t.error_count, 0);
    assert_int_equal(t.styles[STYLE_HEADING1].foreground, 3);
    assert_int_equal(t.styles[STYLE_HEADING1].background, 4);
    assert_int_equal(t.styles[STYLE_HEADING1].attributes, THEME_BOLD | THEME_UNDERLINE);
    assert_int_equal(t.styles[ROLE_SELECTED].foreground, 208);
    assert_int_equal(t.styles[ROLE_SELECTED].background, THEME_DEFAULT_COLOUR);
    assert_int_equal(t.styles[ROLE_SELECTED].attributes, THEME_REVERSE);
}

static void test_theme_comments_and_blank_lines_are_ignored(void **state)
{
    theme t;
    parse(&t, "# a comment\n\n   \nbody = green default # trailing comment\n");
    assert_int_equal(t.error_count, 0);
    assert_int_equal(t.styles[ROLE_BODY].foreground, 2);
}

static void test_theme_bad_lines_are_reported_with_file_and_line_and_skipped(void **state)
{
    theme t;
    parse(&t, "body = green default\nnosuchrole = red default\nstrong = purple default\n"
              "link = blue default blinking\nquote = red\ncode = cyan default\n");
    assert_int_equal(t.error_count, 4);
    assert_string_equal(t.error, "test.theme:2: unknown role \"nosuchrole\"");
    assert_int_equal(t.styles[ROLE_BODY].foreground, 2);
    assert_int_equal(t.styles[STYLE_CODE].foreground, 6); /* lines after a bad one still apply */
    assert_int_equal(t.styles[ROLE_STRONG].foreground, THEME_DEFAULT_COLOUR); /* bad line: untouched */
    assert_int_equal(t.styles[ROLE_STRONG].attributes, THEME_BOLD);           /* the built-in look */
}

static void test_theme_colour_out_of_range_is_an_error(void **state)
{
    theme t;
    parse(&t, "body = 256 default\n");
    assert_int_equal(t.error_count, 1);
    assert_non_null(strstr(t.error, "test.theme:1: \"256\" is not a colour"));
}

static void test_theme_role_names_round_trip(void **state)
{
    for (int role = 0; role < ROLE_COUNT; role++) {
        ui_role found;
        assert_true(theme_role_by_name(theme_role_name((ui_role)role), &found));
        assert_int_equal(found, role);
    }
}

static void test_theme_degrades_256_colours_to_the_basic_eight(void **state)
{
    assert_int_equal(theme_degrade_colour(208, 256), 208);
    assert_int_equal(theme_degrade_colour(3, 8), 3);
    assert_int_equal(theme_degrade_colour(THEME_DEFAULT_COLOUR, 8), THEME_DEFAULT_COLOUR);
    assert_int_equal(theme_degrade_colour(9, 8), 1);     /* bright red -> red */
    assert_int_equal(theme_degrade_colour(196, 8), 1);   /* cube 5,0,0 -> red */
    assert_int_equal(theme_degrade_colour(46, 8), 2);    /* cube 0,5,0 -> green */
    assert_int_equal(theme_degrade_colour(21, 8), 4);    /* cube 0,0,5 -> blue */
    assert_int_equal(theme_degrade_colour(226, 8), 3);   /* cube 5,5,0 -> yellow */
    assert_int_equal(theme_degrade_colour(16, 8), 0);    /* cube black */
    assert_int_equal(theme_degrade_colour(235, 8), 0);   /* dark grey */
    assert_int_equal(theme_degrade_colour(252, 8), 7);   /* light grey */
}

static void test_theme_shipped_files_parse_without_errors_and_set_every_role(void **state)
{
    static const char *const names[] = {"default", "light", "mono"};
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/themes", getenv("BRIEFING_SOURCE_DIR"));
    setenv("BRIEFING_THEME_DIR", dir, 1);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        theme t;
        char error[1024] = "";
        assert_true(theme_load(&t, names[i], error, sizeof error));
        assert_int_equal(t.error_count, 0);
        char path[4200];
        snprintf(path, sizeof path, "%s/%s.theme", dir, names[i]);
        strbuf text = STRBUF_INIT;
        assert_int_equal(strbuf_read_file(&text, path, 1 << 16), 0);
        for (int role = 0; role < ROLE_COUNT; role++) {
            char needle[64];
            snprintf(needle, sizeof needle, "\n%s ", theme_role_name((ui_role)role));
            if (!strstr(strbuf_cstr(&text), needle))
                fail_msg("%s.theme does not set %s", names[i], theme_role_name((ui_role)role));
        }
        strbuf_free(&text);
    }
}

static void test_theme_mono_uses_no_colour(void **state)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/themes", getenv("BRIEFING_SOURCE_DIR"));
    setenv("BRIEFING_THEME_DIR", dir, 1);
    theme t;
    char error[1024];
    assert_true(theme_load(&t, "mono", error, sizeof error));
    for (int role = 0; role < ROLE_COUNT; role++) {
        assert_int_equal(t.styles[role].foreground, THEME_DEFAULT_COLOUR);
        assert_int_equal(t.styles[role].background, THEME_DEFAULT_COLOUR);
    }
}

static void test_theme_missing_file_says_where_it_looked(void **state)
{
    setenv("BRIEFING_THEME_DIR", "/nonexistent/themes", 1);
    setenv("XDG_CONFIG_HOME", "/nonexistent/config", 1);
    theme t;
    char error[1024];
    assert_false(theme_load(&t, "nosuchtheme", error, sizeof error));
    assert_non_null(strstr(error, "theme \"nosuchtheme\" not found"));
    assert_non_null(strstr(error, "/nonexistent/themes"));
    assert_false(theme_load(&t, "../etc/passwd", error, sizeof error));
    assert_non_null(strstr(error, "not a path"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_theme_line_sets_colours_and_attributes),
        cmocka_unit_test(test_theme_comments_and_blank_lines_are_ignored),
        cmocka_unit_test(test_theme_bad_lines_are_reported_with_file_and_line_and_skipped),
        cmocka_unit_test(test_theme_colour_out_of_range_is_an_error),
        cmocka_unit_test(test_theme_role_names_round_trip),
        cmocka_unit_test(test_theme_degrades_256_colours_to_the_basic_eight),
        cmocka_unit_test(test_theme_shipped_files_parse_without_errors_and_set_every_role),
        cmocka_unit_test(test_theme_mono_uses_no_colour),
        cmocka_unit_test(test_theme_missing_file_says_where_it_looked),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
