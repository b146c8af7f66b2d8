/* preflight_first_send: whether a batch's first SendRawEmail must go alone.
 *
 * Alone, an answer that stops the batch (credentials refused, sending
 * paused, the daily quota) finds nothing else in flight; that costs one
 * round trip per batch. The rule is docs/sending.md's "The first send":
 * the first send flies with the others only when the preflight has just
 * had SES confirm everything such an answer would say, one row of the
 * table below each. A stop that comes all the same (the quota raced by
 * another sender) is handled by batch_send like any stop: the requests in
 * flight end with their real outcome, the rest are `not-attempted`.
 */
#include <stdio.h>

#include "send/send_internal.h"

static void first_send_count(void *count, const char *address)
{
    (void)address;
    ++*(double *)count;
}

double batch_sendable_recipients(const batch *b)
{
    double recipients = 0;
    for (size_t i = 0; i < b->count; i++)
        if (!b->items[i].build_error[0])
            batch_item_each_address(&b->items[i], first_send_count, &recipients);
    return recipients;
}

static bool first_send_quota_answered(const batch *b)
{
    return b->preflight.quota_known;
}

static bool first_send_account_sending(const batch *b)
{
    return b->preflight.account_known && b->preflight.account.sending_enabled;
}

static bool first_send_room_for_batch(const batch *b)
{
    const ses_quota *quota = &b->preflight.quota;
    if (!b->preflight.quota_known)
        return false;
    if (quota->max_24_hour_send < 0)
        return true; /* SES says -1 for an unlimited quota */
    return quota->max_24_hour_send - quota->sent_last_24_hours >= batch_sendable_recipients(b);
}

/* What the preflight must have seen, each with what goes unchecked without
 * it; in the order docs/sending.md's table gives them. */
static const struct {
    bool (*holds)(const batch *b);
    const char *alone_because;
} first_send_rules[] = {
    {first_send_quota_answered, "SES did not answer GetSendQuota: the credentials and the "
                                "quota are unconfirmed"},
    {first_send_account_sending, "GetAccount did not confirm that sending is enabled"},
    {first_send_room_for_batch, "the 24-hour quota left is less than the batch's recipients"},
};

const char *batch_first_send_alone_why(const batch *b)
{
    if (!b->preflight.checked)
        return "no preflight asked SES";
    for (size_t i = 0; i < sizeof first_send_rules / sizeof first_send_rules[0]; i++)
        if (!first_send_rules[i].holds(b))
            return first_send_rules[i].alone_because;
    return NULL;
}
