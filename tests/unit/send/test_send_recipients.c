/* The one recipients check of sends and resends (batch_recipients_valid):
 * what it refuses, and that its message names the field and the address. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "briefing/send.h"

static bool check(const char *to, const char *cc, const char *bcc, char *error, size_t size)
{
    recipients r = {to, cc, bcc};
    error[0] = '\0';
    return batch_recipients_valid(&r, error, size);
}

static void test_to_cc_and_bcc_with_display_names_pass(void **state)
{
    char error[512];
    assert_true(check("Ana CFO <cfo@example.com>, owner@example.com", "ops@example.com",
                      "audit@example.com", error, sizeof error));
    assert_string_equal(error, "");
}

static void test_an_empty_to_is_refused_even_with_a_bcc(void **state)
{
    char error[512];
    assert_false(check("", "", "audit@example.com", error, sizeof error));
    assert_non_null(strstr(error, "To is empty"));
    assert_false(check(" , ", "", "", error, sizeof error));
}

static void test_a_non_address_is_refused_naming_the_field_and_the_address(void **state)
{
    char error[512];
    assert_false(check("owner@example.com", "bob@@example.com", "", error, sizeof error));
    assert_string_equal(error, "Cc: \"bob@@example.com\" has two @");
}

static void test_a_line_break_cannot_forge_a_header(void **state)
{
    char error[512];
    assert_false(check("owner@example.com\r\nBcc: thief@example.com", "", "", error, sizeof error));
    assert_memory_equal(error, "To: ", 4);
    assert_false(check("owner@example.com\nX-Evil: 1", "", "", error, sizeof error));
}

static void test_fifty_recipients_pass_and_fifty_one_are_refused(void **state)
{
    char to[4096] = "", error[512];
    for (int i = 0; i < 49; i++)
        snprintf(to + strlen(to), sizeof to - strlen(to), "%sr%d@example.com", i ? "," : "", i);
    assert_true(check(to, "", "audit@example.com", error, sizeof error));
    assert_false(check(to, "cc@example.com", "audit@example.com", error, sizeof error));
    assert_non_null(strstr(error, "51 recipients"));
    assert_non_null(strstr(error, "at most 50"));
}

static void test_an_address_in_to_and_bcc_is_refused_whatever_its_case_or_name(void **state)
{
    char error[512];
    assert_false(check("Audit <Audit@Example.com>", "", "audit@example.com", error, sizeof error));
    assert_non_null(strstr(error, "in both To and Bcc"));
    assert_true(check("owner@example.com", "", "audit@example.com", error, sizeof error));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_to_cc_and_bcc_with_display_names_pass),
        cmocka_unit_test(test_an_empty_to_is_refused_even_with_a_bcc),
        cmocka_unit_test(test_a_non_address_is_refused_naming_the_field_and_the_address),
        cmocka_unit_test(test_a_line_break_cannot_forge_a_header),
        cmocka_unit_test(test_fifty_recipients_pass_and_fifty_one_are_refused),
        cmocka_unit_test(test_an_address_in_to_and_bcc_is_refused_whatever_its_case_or_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
