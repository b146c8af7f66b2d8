/* send_recovery: the last resort when SES took a message and the ledger
 * could not record it. The MessageId is what settles the `unknown` later
 * (SES's events and the recipient's copy carry it), so it must not live
 * only in memory: stderr for the operator watching, a line appended to a
 * file beside the ledger for the one who comes back. */
#include <stdio.h>
#include <time.h>

#include "send/send_internal.h"

/* Beside the ledger file; for a ledger kept elsewhere (DynamoDB), in this
 * machine's state folder: the note is for whoever comes back to it. "" when
 * no folder can be named (send_recovery_note then says so). */
void send_recovery_path(const ledger *l, char *out, size_t out_size)
{
    if (ledger_local_file(l)) {
        snprintf(out, out_size, "%s.recovery", ledger_local_file(l));
        return;
    }
    strbuf folder = STRBUF_INIT;
    char why[256];
    if (ledger_local_folder(l, &folder, why, sizeof why))
        snprintf(out, out_size, "%sledger.recovery", strbuf_cstr(&folder));
    else
        snprintf(out, out_size, "%s", "");
    strbuf_free(&folder);
}

void send_recovery_note(ledger *l, int64_t id, const batch_item *item, const char *message_id,
                        const char *ledger_error)
{
    char path[4200], when[32];
    send_recovery_path(l, path, sizeof path);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    const char *report = report_personas[item->target.persona].id;
    fprintf(stderr,
            "briefing: SES accepted delivery %lld (%s/%s) as MessageId %s, but the ledger could "
            "not record it: %s. Recorded in %s; the delivery will read `unknown`.\n",
            (long long)id, report, item->scope, message_id, ledger_error, path);
    FILE *f = path[0] ? fopen(path, "a") : NULL;
    if (!f) {
        fprintf(stderr, "briefing: cannot append to %s either: keep the MessageId above\n", path);
        return;
    }
    fprintf(f, "%s delivery=%lld report=%s/%s message_id=%s\n", when, (long long)id, report,
            item->scope, message_id);
    if (fclose(f) != 0)
        fprintf(stderr, "briefing: cannot write %s either: keep the MessageId above\n", path);
}
