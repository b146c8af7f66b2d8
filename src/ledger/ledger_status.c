/* ledger_status: how a ledger stands (`briefing ledger status`), read
 * over the ledger.h calls only, so it is the same for every back end. */
#include <stdio.h>
#include <string.h>

#include "ledger/ledger_internal.h"

/* A message SES has or may have whose archive is a path, not a URL. */
static bool ledger_status_archive_is_local(const ledger_delivery *d)
{
    return (d->state == DELIVERY_SENT || d->state == DELIVERY_UNKNOWN) && d->archive_path &&
           d->archive_path[0] && !strstr(d->archive_path, "://");
}

bool ledger_status_read(ledger *l, ledger_status *out, char *error, size_t error_size)
{
    memset(out, 0, sizeof *out);
    out->backend = ledger_backend_name(l);
    out->where = ledger_path(l);
    ledger_delivery *list = NULL;
    size_t count = 0;
    if (!ledger_list(l, NULL, &list, &count, error, error_size))
        return false;
    out->deliveries = count;
    for (size_t i = 0; i < count; i++) {
        if ((unsigned)list[i].state < DELIVERY_STATE_COUNT)
            out->by_state[list[i].state]++;
        out->local_archives += ledger_status_archive_is_local(&list[i]);
    }
    if (count > 0) { /* newest first */
        out->has_last = true;
        out->last_id = list[0].id;
        out->last_at = list[0].created_at;
        out->last_state = list[0].state;
        snprintf(out->last_report, sizeof out->last_report, "%s/%s", list[0].persona,
                 list[0].scope);
    }
    ledger_deliveries_free(list, count);
    out->batches = ledger_last_batch(l);
    out->kept_aside = ledger_kept_aside_count(l);
    return true;
}
