/* ledger_status: how a ledger stands (`briefing ledger status`), read
 * over the ledger.h calls only, so it is the same for every back end. */
#include <stdio.h>
#include <string.h>

#include "ledger/ledger_internal.h"

bool ledger_status_read(ledger *l, ledger_status *out, char *error, size_t error_size)
{
    memset(out, 0, sizeof *out);
    out->backend = ledger_backend_name(l);
    out->where = ledger_path(l);
    /* The counts the writers keep and the newest delivery: what this
     * reads does not grow with the ledger. */
    if (!ledger_count_deliveries(l, out->by_state, error, error_size))
        return false;
    for (int s = 0; s < DELIVERY_STATE_COUNT; s++)
        out->deliveries += out->by_state[s];
    ledger_delivery *list = NULL;
    size_t count = 0;
    const ledger_filter newest = {.limit = 1};
    if (!ledger_list(l, &newest, &list, &count, error, error_size))
        return false;
    if (count > 0) {
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
