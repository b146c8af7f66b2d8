/* Diagnostics: "file:line: message", long messages cut on a character
 * boundary so what Data quality quotes is still UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "briefing/diag.h"
#include "briefing/utf8.h"

static void test_a_diagnostic_reads_file_line_message(void **state)
{
    arena a = {0};
    diag_list list = {0};
    diag_add(&a, &list, DIAG_WARNING, "agent_handoffs/projects/acme.md", 7, "%s is %d", "x", 3);
    assert_string_equal(diag_format(&a, &list.items[0]), "agent_handoffs/projects/acme.md:7: x is 3");
    diag_add(&a, &list, DIAG_ERROR, "repos.env", 0, "unreadable");
    assert_string_equal(diag_format(&a, &list.items[1]), "repos.env: unreadable");
    arena_free(&a);
}

static void test_a_long_message_is_cut_between_characters(void **state)
{
    char long_text[1024] = "ab";
    for (size_t i = 2; i + 2 < sizeof long_text; i += 2)
        memcpy(long_text + i, "\xC3\xA9", 2); /* é: an odd cut would halve one */
    for (size_t shift = 0; shift < 2; shift++) {
        arena a = {0};
        diag_list list = {0};
        diag_add(&a, &list, DIAG_WARNING, "f.md", 1, "%s", long_text + shift);
        const char *message = list.items[0].message;
        assert_true(strlen(message) > 400);
        assert_true(utf8_valid(message, strlen(message), NULL));
        arena_free(&a);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_diagnostic_reads_file_line_message),
        cmocka_unit_test(test_a_long_message_is_cut_between_characters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
