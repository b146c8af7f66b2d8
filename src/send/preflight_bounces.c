/* preflight_bounces: before a batch goes out, each of its recipients
 * against what SES's delivery events said of it before — a permanent
 * bounce or a complaint, as `briefing events` or the console's poll wrote
 * them to the ledger (ledger_address_flags). The rule is docs/sending.md's
 * step 4: a warning with the latest such event, never a refusal (the
 * mailbox may be back; the suppression-list check says whether SES would
 * drop the message), the same on every face because it is here, in the
 * preflight both the CLI and the console run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "send/send_internal.h"

/* "bounced permanently 2026-11-23 (delivery 2): Permanent/General: ..." */
static void past_bounce_warn(batch_preflight_result *r, const ledger_address_flag *flag)
{
    char day[16];
    struct tm tm;
    gmtime_r(&flag->at, &tm);
    strftime(day, sizeof day, "%Y-%m-%d", &tm);
    batch_preflight_warn(r, "%s %s %s (delivery %lld)%s%s: check the address or take it out of "
                            "the recipients",
                         flag->address,
                         flag->outcome == OUTCOME_COMPLAINED ? "complained" : "bounced permanently",
                         day, (long long)flag->delivery_id, flag->detail[0] ? ": " : "",
                         flag->detail);
}

void batch_check_past_bounces(batch *b, ledger *l)
{
    batch_preflight_result *r = &b->preflight;
    r->flagged_recipients = 0;
    if (!l)
        return;
    batch_recipient_set set = {0};
    batch_recipient_set_collect(b, &set);
    /* One ledger read for the whole batch: the bare addresses as one list
     * (a quoted local part keeps its comma: the list is split quote-aware). */
    strbuf list = STRBUF_INIT;
    for (size_t i = 0; i < set.count; i++)
        strbuf_printf(&list, "%s%s", i ? ", " : "", set.addresses[i]);
    batch_recipient_set_free(&set);
    ledger_address_flag *flags = NULL;
    size_t count = 0;
    char error[512];
    if (!ledger_address_flags(l, strbuf_cstr(&list), &flags, &count, error, sizeof error))
        batch_preflight_warn(r, "past bounces and complaints were not checked: %s", error);
    for (size_t i = 0; i < count; i++)
        past_bounce_warn(r, &flags[i]);
    r->flagged_recipients = count;
    free(flags);
    strbuf_free(&list);
}
