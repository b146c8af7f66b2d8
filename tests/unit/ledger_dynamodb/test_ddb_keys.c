/* The DynamoDB ledger's keys and guards, without a peer: sort keys sort as
 * time then id; a transition's condition names exactly the states the
 * shared transition table lets become the target; the changes builder puts
 * every attribute behind a placeholder; recipients of a delivery item are
 * read back in order with their outcome counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "ledger_dynamodb/ddb_internal.h"

static void test_sort_keys_sort_by_time_then_id(void **state)
{
    (void)state;
    char a[64], b[64], c[64], d[64];
    ddb_delivery_sk(1796631123, 5, 9, a, sizeof a);
    ddb_delivery_sk(1796631123, 5, 10, b, sizeof b);
    ddb_delivery_sk(1796631123, 6, 2, c, sizeof c);
    ddb_delivery_sk(1796631124, 0, 1, d, sizeof d);
    assert_string_equal(a, "2026-12-07T08:12:03.005Z#0000000009");
    assert_true(strcmp(a, b) < 0);
    assert_true(strcmp(b, c) < 0);
    assert_true(strcmp(c, d) < 0);
    assert_true(strcmp(d, "day#2026-12-07") < 0); /* the day claims sort after */
}

static void test_conditions_come_from_the_transition_table(void **state)
{
    (void)state;
    static const struct {
        delivery_state to;
        const char *text;
        const char *first;
    } expected[] = {
        {DELIVERY_SENDING, "#state IN (:from0)", "pending"},
        {DELIVERY_SENT, "#state IN (:from0)", "sending"},
        {DELIVERY_FAILED, "#state IN (:from0, :from1)", "pending"},
        {DELIVERY_UNKNOWN, "#state IN (:from0)", "sending"},
        {DELIVERY_NOT_ATTEMPTED, "#state IN (:from0, :from1)", "pending"}, /* or sending: never started */
    };
    for (size_t i = 0; i < sizeof expected / sizeof *expected; i++) {
        char text[160];
        ses_dynamodb_attr values[DELIVERY_STATE_COUNT];
        size_t count = ddb_transition_condition(expected[i].to, text, sizeof text, values,
                                                DELIVERY_STATE_COUNT);
        assert_string_equal(text, expected[i].text);
        assert_string_equal(values[0].value, expected[i].first);
        for (size_t j = 0; j < count; j++) {
            delivery_state from;
            assert_true(ledger_state_from_name(values[j].value, &from));
            assert_true(ledger_transition_allowed(from, expected[i].to));
        }
    }
}

static void test_changes_hide_every_name_and_value_behind_placeholders(void **state)
{
    (void)state;
    ddb_changes c = DDB_CHANGES_INIT;
    ddb_changes_text(&c, "from", "reports@example.com");
    ddb_changes_text(&c, "error_code", NULL);
    ddb_changes_number(&c, "size_bytes", 1234);
    ddb_changes_increment(&c, "attempts");
    assert_string_equal(strbuf_cstr(&c.set), ", #n0 = :v0, #n2 = :v1, #n3 = #n3 + :v2");
    assert_string_equal(strbuf_cstr(&c.remove), ", #n1");
    assert_int_equal(c.name_count, 4);
    assert_string_equal(c.names[0].value, "from");
    assert_int_equal(c.value_count, 3);
    assert_int_equal(c.values[1].type, 'N');
    assert_string_equal(c.values[1].value, "1234");
    ddb_changes_free(&c);
    assert_int_equal(c.name_count, 0);
}

static void test_recipients_of_an_item_and_their_outcome_counts(void **state)
{
    (void)state;
    ses_dynamodb_owned_attr attrs[] = {
        {"id", 'N', "7"},           {"state", 'S', "sent"},
        {"persona", 'S', "cfo"},    {"scope", 'S', "portfolio"},
        {"r_count", 'N', "2"},      {"r0_address", 'S', "a@example.com"},
        {"r0_kind", 'S', "to"},     {"r0_outcome", 'S', "delivered"},
        {"r1_address", 'S', "b@example.com"}, {"r1_kind", 'S', "bcc"},
        {"r1_outcome", 'S', "bounced"},       {"r1_opens", 'N', "3"},
    };
    ses_dynamodb_item item = {attrs, sizeof attrs / sizeof *attrs};
    ledger_delivery d;
    assert_true(ddb_delivery_from_item(&item, &d));
    assert_int_equal(d.id, 7);
    assert_int_equal(d.recipient_count, 2);
    assert_int_equal(d.outcome_counts[OUTCOME_BOUNCED], 1);
    ledger_delivery_clear(&d);
    assert_int_equal(ddb_item_recipient_index(&item, "B@Example.com"), 1);
    ledger_recipient r;
    ddb_item_recipient(&item, 1, &r);
    assert_string_equal(r.kind, "bcc");
    assert_int_equal(r.opens, 3);
    free(r.address);
    free(r.detail);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sort_keys_sort_by_time_then_id),
        cmocka_unit_test(test_conditions_come_from_the_transition_table),
        cmocka_unit_test(test_changes_hide_every_name_and_value_behind_placeholders),
        cmocka_unit_test(test_recipients_of_an_item_and_their_outcome_counts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
