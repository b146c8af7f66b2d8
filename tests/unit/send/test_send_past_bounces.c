/* The preflight's word on what SES's events said of a recipient before
 * (docs/sending.md, step 4), against a real SQLite ledger the events were
 * applied to: one warning per address however often and however spelled
 * it appears in the batch, a transient bounce saying nothing, never a
 * refusal, and nothing to say without a ledger. The CLI and the console
 * over the real peers are tests/integration/test_cli_events.py and
 * test_console_events.py. */
#include "send_fixture.h"

#include <time.h>

static const report_target ceo = {PERSONA_CEO, "portfolio"};
static const report_target cfo = {PERSONA_CFO, "portfolio"};

#define BOUNCE_DETAIL "Permanent/General: smtp; 550 5.1.1 user unknown"

/* SES's Bounce event for `address` of the delivery with MessageId ses-1. */
static void apply_bounce(ledger *l, const char *address, const char *detail, const char *key)
{
    ledger_event_recipient recipient = {address, NULL};
    ledger_event event = {.type = LEDGER_EVENT_BOUNCE, .message_id = "ses-1",
                          .at = (time_t)1795392006 /* 2026-11-23 09:00:06 UTC */,
                          .detail = detail, .recipients = &recipient, .recipient_count = 1};
    snprintf(event.key, sizeof event.key, "%s", key);
    ledger_event_result result;
    int64_t delivery_id = 0;
    char why[512] = "", error[512] = "";
    if (!ledger_apply_event(l, &event, "{}", &result, &delivery_id, why, sizeof why, error,
                            sizeof error))
        fail_msg("ledger_apply_event: %s", error);
}

/* Occurrences of `needle` in `text`. */
static size_t count_of(const char *text, const char *needle)
{
    size_t count = 0;
    for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle))
        count++;
    return count;
}

static void test_a_recipient_ses_bounced_permanently_is_one_warning_not_a_refusal(void **state)
{
    send_fixture *f = *state;
    ledger *l = fixture_ledger(f);
    int64_t id = fixture_delivery(l, 0, "ceo", "portfolio", DELIVERY_SENT); /* To owner@ */
    apply_bounce(l, "owner@example.com", BOUNCE_DETAIL, "bounce-owner");
    ledger_close(l);

    batch b;
    batch_init(&b, f->portfolio, &f->config, time(NULL));
    batch_add(&b, &ceo, NULL); /* To owner@example.com, Bcc audit@example.com */
    recipients again = {.to = "Owner <OWNER@example.com>", .cc = "", .bcc = ""};
    batch_add(&b, &cfo, &again);
    send_session s;
    assert_true(send_session_open(&s, &f->config));
    if (!send_session_connect(&s))
        fail_msg("send_session_connect: %s", s.error);
    send_session_preflight(&s, &b);

    char expected[512];
    snprintf(expected, sizeof expected,
             "owner@example.com bounced permanently 2026-11-23 (delivery %lld): " BOUNCE_DETAIL
             ": check the address or take it out of the recipients", (long long)id);
    if (!strstr(b.preflight.warnings, expected))
        fail_msg("no \"%s\" in the warnings:\n%s", expected, b.preflight.warnings);
    assert_int_equal(count_of(b.preflight.warnings, "bounced permanently"), 1);
    assert_int_equal(b.preflight.flagged_recipients, 1);
    assert_null(strstr(b.preflight.warnings, "audit@example.com"));
    /* The refusal is SES's silence (the endpoint refuses), not the bounce. */
    assert_null(strstr(b.preflight.error, "bounced"));
    assert_true(b.preflight.overridable);
    send_session_close(&s);
    batch_free(&b);
}

static void test_a_transient_bounce_or_no_ledger_says_nothing(void **state)
{
    send_fixture *f = *state;
    ledger *l = fixture_ledger(f);
    fixture_delivery(l, 0, "ceo", "portfolio", DELIVERY_SENT);
    apply_bounce(l, "owner@example.com", "Transient/MailboxFull: smtp; 452 4.2.2 mailbox full",
                 "bounce-transient");
    batch b;
    batch_init(&b, f->portfolio, &f->config, time(NULL));
    batch_add(&b, &ceo, NULL);
    batch_check_past_bounces(&b, l);
    assert_string_equal(b.preflight.warnings, "");
    assert_int_equal(b.preflight.flagged_recipients, 0);

    apply_bounce(l, "owner@example.com", BOUNCE_DETAIL, "bounce-permanent");
    batch_check_past_bounces(&b, l);
    assert_int_equal(b.preflight.flagged_recipients, 1);
    ledger_close(l);
    /* No ledger yet (a dry run before the first send): nothing to say. */
    b.preflight = (batch_preflight_result){0};
    batch_check_past_bounces(&b, NULL);
    assert_string_equal(b.preflight.warnings, "");
    assert_int_equal(b.preflight.flagged_recipients, 0);
    batch_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(
            test_a_recipient_ses_bounced_permanently_is_one_warning_not_a_refusal, fixture_setup,
            fixture_teardown),
        cmocka_unit_test_setup_teardown(test_a_transient_bounce_or_no_ledger_says_nothing,
                                        fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
