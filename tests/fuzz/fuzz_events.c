/* libFuzzer target: an SQS message body through events_parse, as `briefing
 * events` reads every message of the queue (raw SES event or SNS
 * envelope). Oracle: besides no crash, leak or undefined behaviour
 * (ASan+UBSan), a refusal says why (it is what the ledger keeps aside);
 * an accepted event has a 64-hex key, a MessageId and at least one
 * recipient with an '@', and every string it hands the ledger is valid
 * UTF-8. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/events.h"
#include "briefing/utf8.h"

static void fuzz_expect_utf8(const char *text)
{
    if (text && !utf8_valid(text, strlen(text), NULL))
        abort();
}

static void fuzz_check_event(const ledger_event *e)
{
    if (strlen(e->key) != 64 || strspn(e->key, "0123456789abcdef") != 64)
        abort();
    if (!e->message_id || !*e->message_id || e->recipient_count == 0)
        abort();
    fuzz_expect_utf8(e->message_id);
    fuzz_expect_utf8(e->detail);
    fuzz_expect_utf8(e->header_report);
    for (size_t i = 0; i < e->recipient_count; i++) {
        if (!strchr(e->recipients[i].address, '@'))
            abort();
        fuzz_expect_utf8(e->recipients[i].address);
        fuzz_expect_utf8(e->recipients[i].detail);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *body = malloc(size + 1);
    if (!body)
        abort();
    memcpy(body, data, size);
    body[size] = '\0';
    events_parsed parsed;
    char why[512] = "";
    if (events_parse(body, size, &parsed, why, sizeof why)) {
        fuzz_check_event(&parsed.event);
        events_parsed_free(&parsed);
    } else if (!why[0]) {
        abort();
    }
    free(body);
    return 0;
}
