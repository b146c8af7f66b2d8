/* events_parse: SQS message bodies → SES events, raw or through SNS, with
 * the shapes of the SES Developer Guide's examples; anything else refused
 * with why. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/events.h"

static const char bounce_event[] =
    "{\"eventType\": \"Bounce\","
    " \"bounce\": {\"bounceType\": \"Permanent\", \"bounceSubType\": \"General\","
    "  \"bouncedRecipients\": [{\"emailAddress\": \"recipient@example.com\","
    "   \"action\": \"failed\", \"status\": \"5.1.1\","
    "   \"diagnosticCode\": \"smtp; 550 5.1.1 user unknown\"}],"
    "  \"timestamp\": \"2017-08-05T00:41:02.669Z\", \"feedbackId\": \"example\","
    "  \"reportingMTA\": \"dsn; mta.example.com\"},"
    " \"mail\": {\"timestamp\": \"2017-08-05T00:40:02.012Z\", \"source\": \"sender@example.com\","
    "  \"messageId\": \"EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000\","
    "  \"destination\": [\"recipient@example.com\"],"
    "  \"headers\": [{\"name\": \"From\", \"value\": \"sender@example.com\"},"
    "   {\"name\": \"x-briefing-delivery\", \"value\": \"42\"}]}}";

static void parse_ok(const char *body, events_parsed *out)
{
    char why[256] = "";
    if (!events_parse(body, strlen(body), out, why, sizeof why))
        fail_msg("refused: %s", why);
}

static void parse_refused(const char *body, const char *expected_why)
{
    events_parsed out;
    char why[256] = "";
    assert_false(events_parse(body, strlen(body), &out, why, sizeof why));
    if (!strstr(why, expected_why))
        fail_msg("why \"%s\" lacks \"%s\"", why, expected_why);
}

static void test_a_raw_bounce(void **state)
{
    events_parsed p;
    parse_ok(bounce_event, &p);
    assert_false(p.enveloped);
    assert_int_equal(p.event.type, LEDGER_EVENT_BOUNCE);
    assert_string_equal(p.event.message_id,
                        "EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000");
    assert_int_equal(p.event.header_delivery, 42);
    assert_int_equal(p.event.at, 1501893662); /* the bounce's own time, not mail's */
    assert_int_equal(p.event.recipient_count, 1);
    assert_string_equal(p.event.recipients[0].address, "recipient@example.com");
    assert_string_equal(p.event.recipients[0].detail,
                        "Permanent/General: smtp; 550 5.1.1 user unknown");
    assert_int_equal(strlen(p.event.key), 64);
    events_parsed_free(&p);
}

/* SNS's envelope holds the event as a JSON string; the key is the event's,
 * so the same event raw and through SNS is one event. */
static void test_the_sns_envelope_is_the_same_event(void **state)
{
    events_parsed raw, wrapped;
    parse_ok(bounce_event, &raw);
    /* The event re-spaced, then escaped as a JSON string by hand. */
    char *compact = strdup(bounce_event);
    size_t n = 0;
    for (const char *c = bounce_event; *c; c++) {
        if (*c == '"')
            compact[n++] = '\'';
        else if (*c != ' ' || c[-1] != ',')
            compact[n++] = *c;
    }
    compact[n] = '\0';
    char body[4096];
    int used = snprintf(body, sizeof body,
                        "{\"Type\": \"Notification\", \"MessageId\": \"m\", \"TopicArn\":"
                        " \"arn:aws:sns:us-east-1:123456789012:ses\", \"Message\": \"");
    for (const char *c = compact; *c; c++)
        used += snprintf(body + used, sizeof body - used, "%s", *c == '\'' ? "\\\"" : (char[]){*c, 0});
    snprintf(body + used, sizeof body - used, "\", \"Timestamp\": \"2017-08-05T00:41:03Z\"}");
    free(compact);
    parse_ok(body, &wrapped);
    assert_true(wrapped.enveloped);
    assert_string_equal(wrapped.event.key, raw.event.key);
    assert_int_equal(wrapped.event.type, LEDGER_EVENT_BOUNCE);
    events_parsed_free(&raw);
    events_parsed_free(&wrapped);
}

static void test_delivery_and_identity_notifications(void **state)
{
    events_parsed p;
    parse_ok("{\"eventType\": \"Delivery\", \"mail\": {\"timestamp\": \"2016-10-19T23:20:52.240Z\","
             " \"messageId\": \"m-1\", \"destination\": [\"a@example.com\", \"b@example.com\"]},"
             " \"delivery\": {\"timestamp\": \"2016-10-19T23:21:04.133+01:00\","
             " \"recipients\": [\"a@example.com\", \"b@example.com\"],"
             " \"smtpResponse\": \"250 2.6.0 Message received\"}}",
             &p);
    assert_int_equal(p.event.type, LEDGER_EVENT_DELIVERY);
    assert_int_equal(p.event.recipient_count, 2);
    assert_string_equal(p.event.recipients[1].address, "b@example.com");
    assert_string_equal(p.event.recipients[0].detail, "250 2.6.0 Message received");
    assert_int_equal(p.event.at, 1476919264 - 3600);
    assert_int_equal(p.event.header_delivery, 0);
    events_parsed_free(&p);
    /* SES's identity notifications say notificationType; Send, Reject and
     * Open name mail.destination and take mail's time. */
    parse_ok("{\"notificationType\": \"Complaint\", \"mail\": {\"timestamp\":"
             " \"2016-01-27T14:59:38.237Z\", \"messageId\": \"m-2\", \"destination\":"
             " [\"a@example.com\"]}, \"complaint\": {\"complainedRecipients\":"
             " [{\"emailAddress\": \"a@example.com\"}], \"timestamp\": \"2016-01-27T14:59:38.237Z\","
             " \"complaintFeedbackType\": \"abuse\"}}",
             &p);
    assert_int_equal(p.event.type, LEDGER_EVENT_COMPLAINT);
    assert_string_equal(p.event.recipients[0].detail, "abuse");
    events_parsed_free(&p);
    parse_ok("{\"eventType\": \"Reject\", \"mail\": {\"timestamp\": \"2016-01-27T14:59:38.237Z\","
             " \"messageId\": \"m-3\", \"destination\": [\"a@example.com\"]},"
             " \"reject\": {\"reason\": \"Bad content\"}}",
             &p);
    assert_int_equal(p.event.type, LEDGER_EVENT_REJECT);
    assert_string_equal(p.event.recipients[0].detail, "Bad content");
    assert_int_equal(p.event.at, 1453906778);
    events_parsed_free(&p);
}

static void test_what_is_not_an_event_is_refused_with_why(void **state)
{
    parse_refused("this is not JSON {", "not JSON");
    parse_refused("[1, 2]", "not a JSON object");
    parse_refused("{\"hello\": 1}", "no eventType");
    parse_refused("{\"eventType\": \"Teleport\", \"mail\": {}}", "\"Teleport\" is not one");
    parse_refused("{\"eventType\": \"Send\", \"mail\": {\"timestamp\": \"2016-01-27T14:59:38Z\","
                  " \"destination\": [\"a@example.com\"]}}",
                  "without mail.messageId");
    parse_refused("{\"eventType\": \"Send\", \"mail\": {\"messageId\": \"m\","
                  " \"destination\": [\"a@example.com\"]}}",
                  "without a timestamp");
    parse_refused("{\"eventType\": \"Bounce\", \"mail\": {\"messageId\": \"m\", \"timestamp\":"
                  " \"2016-01-27T14:59:38Z\"}, \"bounce\": {}}",
                  "no bounce.bouncedRecipients");
    parse_refused("{\"Type\": \"SubscriptionConfirmation\", \"Message\": \"You have chosen\"}",
                  "SubscriptionConfirmation");
    parse_refused("{\"Type\": \"Notification\", \"Message\": \"not json\"}",
                  "the SNS Message is not JSON");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_raw_bounce),
        cmocka_unit_test(test_the_sns_envelope_is_the_same_event),
        cmocka_unit_test(test_delivery_and_identity_notifications),
        cmocka_unit_test(test_what_is_not_an_event_is_refused_with_why),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
