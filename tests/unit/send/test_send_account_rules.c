/* What the account's standing and the suppression list do to a batch
 * (docs/sending.md): a shut-down or paused account is refused whatever the
 * flags, probation and the sandbox are warnings, an unanswered GetAccount
 * is a warning; a suppressed recipient is one warning naming the reason
 * and date, and an answer in the session's cache is never asked again;
 * the first send goes alone unless the preflight confirmed what its answer
 * would tell. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "send/send_internal.h"

static send_account account_of(bool production, bool sending, const char *enforcement)
{
    send_account a = {.state_known = true};
    a.state.production_access = production;
    a.state.sending_enabled = sending;
    snprintf(a.state.enforcement, sizeof a.state.enforcement, "%s", enforcement);
    return a;
}

static void test_the_standing_follows_the_worst_of_the_answer(void **state)
{
    (void)state;
    ses_account_state healthy = {.production_access = true, .sending_enabled = true,
                                 .enforcement = "HEALTHY"};
    assert_int_equal(send_standing_of(&healthy, false), SEND_STANDING_UNKNOWN);
    assert_int_equal(send_standing_of(&healthy, true), SEND_STANDING_HEALTHY);
    ses_account_state probation_paused = {.sending_enabled = false, .enforcement = "PROBATION"};
    assert_int_equal(send_standing_of(&probation_paused, true), SEND_STANDING_PAUSED);
    ses_account_state shutdown = {.sending_enabled = false, .enforcement = "SHUTDOWN"};
    assert_int_equal(send_standing_of(&shutdown, true), SEND_STANDING_SHUTDOWN);
    assert_false(send_standing_alarm(SEND_STANDING_HEALTHY));
    assert_true(send_standing_alarm(SEND_STANDING_PROBATION));
}

static void test_shut_down_and_paused_are_refused_even_when_unverified_is_ok(void **state)
{
    (void)state;
    const send_account refused[] = {account_of(true, true, "SHUTDOWN"),
                                    account_of(true, false, "HEALTHY")};
    for (size_t i = 0; i < 2; i++) {
        batch b = {.unverified_ok = true};
        batch_check_account(&b, &refused[i]);
        assert_int_equal(b.preflight.error_exit_code, 4);
        assert_false(b.preflight.overridable);
        assert_non_null(strstr(b.preflight.error, "every message would be refused"));
    }
}

static void test_probation_and_the_sandbox_are_warnings(void **state)
{
    (void)state;
    batch b = {0};
    send_account a = account_of(false, true, "PROBATION");
    batch_check_account(&b, &a);
    assert_string_equal(b.preflight.error, "");
    assert_true(b.preflight.account_known);
    assert_non_null(strstr(b.preflight.warnings, "on probation"));
    assert_non_null(strstr(b.preflight.warnings, "recipients must be verified identities"));
    batch healthy = {0};
    a = account_of(true, true, "HEALTHY");
    batch_check_account(&healthy, &a);
    assert_string_equal(healthy.preflight.warnings, "");
}

static void test_an_unanswered_account_question_is_a_warning(void **state)
{
    (void)state;
    batch b = {0};
    send_account a = {.state_known = false};
    snprintf(a.state_error, sizeof a.state_error, "GetAccount: AccessDeniedException: no");
    batch_check_account(&b, &a);
    assert_string_equal(b.preflight.error, "");
    assert_false(b.preflight.account_known);
    assert_non_null(strstr(b.preflight.warnings, "not checked (GetAccount: AccessDenied"));
}

static void test_cached_answers_are_not_asked_again_and_each_address_warned_once(void **state)
{
    (void)state;
    batch_item items[2];
    memset(items, 0, sizeof items);
    char to0[] = "Ana CFO <CFO@example.com>", to1[] = "cfo@example.com, ceo@example.com";
    char none[] = "", bcc[] = "audit@example.com";
    items[0].to = to0, items[0].cc = none, items[0].bcc = bcc;
    items[1].to = to1, items[1].cc = none, items[1].bcc = bcc;
    send_suppression_cache cache = {0};
    send_suppression_entry entries[3] = {
        {"cfo@example.com", {.suppressed = true, .reason = "BOUNCE", .since = 1795168800}},
        {"ceo@example.com", {.suppressed = false}},
        {"audit@example.com", {.suppressed = false}},
    };
    cache.entries = entries;
    cache.count = cache.capacity = 3;
    batch b = {.items = items, .count = 2, .suppression_cache = &cache};
    batch_check_suppression(&b, NULL); /* NULL: a question to SES would crash */
    assert_true(b.preflight.suppression_checked);
    assert_int_equal(b.preflight.suppressed, 1);
    assert_string_equal(b.preflight.warnings,
                        "CFO@example.com is on the account's suppression list (BOUNCE since "
                        "2026-11-20): SES will drop every message to it");
}

/* docs/sending.md "The first send": it flies with the others only when the
 * preflight saw the quota answered, sending enabled and room for every
 * recipient (To, Cc, Bcc) of the messages to send. */
static void test_the_first_send_goes_alone_unless_the_preflight_confirmed_everything(void **state)
{
    (void)state;
    batch_item items[3];
    memset(items, 0, sizeof items);
    char to[] = "Ana <cfo@example.com>, ceo@example.com", cc[] = "cto@example.com";
    char bcc[] = "audit@example.com", none[] = "";
    for (size_t i = 0; i < 3; i++)
        items[i].to = to, items[i].cc = cc, items[i].bcc = bcc; /* 4 recipients each */
    snprintf(items[2].build_error, sizeof items[2].build_error, "not sent: not counted");
    batch b = {.items = items, .count = 3};
    assert_non_null(strstr(batch_first_send_alone_why(&b), "no preflight"));

    b.preflight.checked = true;
    assert_non_null(strstr(batch_first_send_alone_why(&b), "GetSendQuota"));
    b.preflight.quota_known = true;
    b.preflight.quota = (ses_quota){.max_24_hour_send = 200, .max_send_rate = 14,
                                    .sent_last_24_hours = 192}; /* room: exactly 8 */
    assert_non_null(strstr(batch_first_send_alone_why(&b), "GetAccount"));
    b.preflight.account_known = true; /* answered, but paused */
    assert_non_null(strstr(batch_first_send_alone_why(&b), "GetAccount"));
    b.preflight.account.sending_enabled = true;
    assert_null(batch_first_send_alone_why(&b)); /* 2 messages x 4 recipients = 8 */

    b.preflight.quota.sent_last_24_hours = 193; /* room for both messages, not 8 recipients */
    assert_non_null(strstr(batch_first_send_alone_why(&b), "less than the batch's recipients"));
    items[1].cc = none; /* 7 recipients */
    assert_null(batch_first_send_alone_why(&b));
    b.preflight.quota = (ses_quota){.max_24_hour_send = -1, .sent_last_24_hours = 5000};
    assert_null(batch_first_send_alone_why(&b)); /* -1: unlimited */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_standing_follows_the_worst_of_the_answer),
        cmocka_unit_test(test_shut_down_and_paused_are_refused_even_when_unverified_is_ok),
        cmocka_unit_test(test_probation_and_the_sandbox_are_warnings),
        cmocka_unit_test(test_an_unanswered_account_question_is_a_warning),
        cmocka_unit_test(test_cached_answers_are_not_asked_again_and_each_address_warned_once),
        cmocka_unit_test(test_the_first_send_goes_alone_unless_the_preflight_confirmed_everything),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
