/* Addresses: a practical RFC 5322 addr-spec within RFC 5321's lengths,
 * "Name <addr>" forms, bare extraction and comma-separated lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "briefing/mime.h"

typedef struct {
    const char *address;
    const char *reason; /* substring of the error; NULL when valid */
} address_case;

static const address_case address_cases[] = {
    {"jane@example.com", NULL},
    {"Jane Doe <jane@example.com>", NULL},
    {"\"Doe, Jane\" <jane.doe+cfo@mail.example.com>", NULL},
    {"Zoë Ölund <zoe@example.com>", NULL},
    {"  padded@example.com  ", NULL},
    {"\"john smith\"@example.com", NULL},
    {"ops@[192.0.2.1]", NULL},
    {"ops@[IPv6:2001:db8::1]", NULL},
    {"o'brien_{x}@example-mail.co.uk", NULL},
    {"", "is empty"},
    {"jane.example.com", "has no @"},
    {"jane@@example.com", "has two @"},
    {"a@b@example.com", "two @"},
    {"@example.com", "empty local part"},
    {"jane@", "empty domain"},
    {"jane doe@example.com", "contains a space"},
    {"jane@exa mple.com", "contains a space"},
    {"jane@localhost", "no dot in its domain"},
    {".jane@example.com", "starts or ends with a dot"},
    {"jane..doe@example.com", "two dots"},
    {"jane@example..com", "empty label"},
    {"jane@-example.com", "starts or ends with '-'"},
    {"jane@exam_ple.com", "a character in its domain"},
    {"jane(x)@example.com", "needs quoting"},
    {"ops@[999.0.2.1]", "IP literal"},
    {"zoë@example.com", "is not ASCII"},
    {"Jane <jane@example.com", "do not enclose"},
    {"jane@example.com>", "do not enclose"},
    {"Jane \"Doe <jane@example.com>", "not closed"},
    {"Jane\r\nBcc: x@example.com <jane@example.com>", "line break"},
    {"jane@example.com\n", "line break"},
    {"jane\x01@example.com", "control character"},
};

static void test_address_valid_and_invalid_forms(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof address_cases / sizeof address_cases[0]; i++) {
        const address_case *c = &address_cases[i];
        char error[256] = "";
        bool valid = mime_address_valid(c->address, error, sizeof error);
        if (!c->reason && !valid)
            fail_msg("\"%s\" refused: %s", c->address, error);
        if (c->reason && valid)
            fail_msg("\"%s\" accepted, expected \"%s\"", c->address, c->reason);
        if (c->reason && !strstr(error, c->reason))
            fail_msg("\"%s\": error \"%s\" does not say \"%s\"", c->address, error, c->reason);
    }
}

static void test_address_rfc5321_lengths(void **state)
{
    (void)state;
    char address[400];
    char error[256];
    /* local part: 64 accepted, 65 refused */
    memset(address, 'l', 64);
    strcpy(address + 64, "@example.com");
    assert_true(mime_address_valid(address, error, sizeof error));
    memset(address, 'l', 65);
    strcpy(address + 65, "@example.com");
    assert_false(mime_address_valid(address, error, sizeof error));
    assert_non_null(strstr(error, "has a local part of 65 characters"));
    /* whole path: 254 accepted, 255 refused (labels of 49 letters) */
    for (size_t total = 254; total <= 255; total++) {
        strcpy(address, "a@");
        for (size_t i = 2; i < total; i++)
            address[i] = (i - 1) % 50 == 0 ? '.' : 'd';
        address[total] = '\0';
        bool valid = mime_address_valid(address, error, sizeof error);
        if (valid != (total == 254))
            fail_msg("%zu characters: %s", total, valid ? "accepted" : error);
        if (!valid && !strstr(error, "over RFC 5321's 254"))
            fail_msg("%zu characters: %s", total, error);
    }
}

static void test_address_domain_label_over_63_is_refused(void **state)
{
    (void)state;
    char address[200] = "jane@";
    memset(address + 5, 'd', 64);
    strcpy(address + 69, ".com");
    char error[256];
    assert_false(mime_address_valid(address, error, sizeof error));
    assert_non_null(strstr(error, "over 63"));
}

static void assert_bare(const char *address, const char *expected)
{
    strbuf out = STRBUF_INIT;
    mime_address_bare(address, &out);
    assert_string_equal(strbuf_cstr(&out), expected);
    strbuf_free(&out);
}

static void test_address_bare_strips_display_name(void **state)
{
    (void)state;
    assert_bare("Jane Doe <jane@example.com>", "jane@example.com");
    assert_bare("\"Doe <not this>, Jane\" <jane@example.com>", "jane@example.com");
    assert_bare("  jane@example.com ", "jane@example.com");
    assert_bare("< jane@example.com >", "jane@example.com");
}

/* Found by fuzz_address: a quoted local part may hold '<'; its bare form must
 * stay as valid as the "Name <...>" form it came from. */
static void test_address_bare_form_of_a_quoted_local_part_with_an_angle_is_valid(void **state)
{
    (void)state;
    const char *named = "sed ed <\"@eK.1om<\"@eK.1om>";
    char error[256];
    assert_true(mime_address_valid(named, error, sizeof error));
    assert_bare(named, "\"@eK.1om<\"@eK.1om");
    assert_true(mime_address_valid("\"@eK.1om<\"@eK.1om", error, sizeof error));
    assert_true(mime_address_valid("\"a>b\"@example.com", error, sizeof error));
    assert_false(mime_address_valid("a<b@example.com", error, sizeof error));
    assert_non_null(strstr(error, "do not enclose"));
}

static void test_address_split_trims_and_skips_empty_items(void **state)
{
    (void)state;
    char **list = NULL;
    size_t n = mime_address_split(" a@example.com ,, Bob <b@example.com>,  ,c@example.com,", &list);
    assert_int_equal(n, 3);
    assert_string_equal(list[0], "a@example.com");
    assert_string_equal(list[1], "Bob <b@example.com>");
    assert_string_equal(list[2], "c@example.com");
    mime_address_list_free(list, n);
}

static void test_address_split_keeps_commas_inside_quotes(void **state)
{
    (void)state;
    char **list = NULL;
    size_t n = mime_address_split("\"Doe, Jane\" <j@example.com>, \"a \\\", b\" <x@example.com>", &list);
    assert_int_equal(n, 2);
    assert_string_equal(list[0], "\"Doe, Jane\" <j@example.com>");
    assert_string_equal(list[1], "\"a \\\", b\" <x@example.com>");
    mime_address_list_free(list, n);
}

static void test_address_split_of_nothing_is_empty(void **state)
{
    (void)state;
    char **list = (char **)&list;
    assert_int_equal(mime_address_split(NULL, &list), 0);
    assert_null(list);
    assert_int_equal(mime_address_split(" , ", &list), 0);
    mime_address_list_free(list, 0);
    assert_int_equal(mime_address_split("\"unclosed, quote <u@example.com>", &list), 1);
    assert_string_equal(list[0], "\"unclosed, quote <u@example.com>");
    mime_address_list_free(list, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_address_valid_and_invalid_forms),
        cmocka_unit_test(test_address_rfc5321_lengths),
        cmocka_unit_test(test_address_domain_label_over_63_is_refused),
        cmocka_unit_test(test_address_bare_strips_display_name),
        cmocka_unit_test(test_address_bare_form_of_a_quoted_local_part_with_an_angle_is_valid),
        cmocka_unit_test(test_address_split_trims_and_skips_empty_items),
        cmocka_unit_test(test_address_split_keeps_commas_inside_quotes),
        cmocka_unit_test(test_address_split_of_nothing_is_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
