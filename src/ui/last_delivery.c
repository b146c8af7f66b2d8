/* last_delivery: what became of each persona's report for the selected
 * scope the last time it was sent, for the personas list ("sent 09:12",
 * "failed", "unknown", "not sent", "never"), so the operator sees before marking what
 * went out already. Read from the ledger when the scope changes and after
 * a send session closes, never on every frame. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ui/ui_internal.h"

void last_delivery_forget(last_deliveries *l)
{
    l->loaded = false;
}

/* Reads the newest delivery of each persona's report for `scope`. A ledger
 * that cannot be read leaves every row without a word ("" rather than a
 * guess). */
static void last_delivery_load(ui_state *s, const char *scope)
{
    last_deliveries *l = &s->last;
    *l = (last_deliveries){.loaded = true};
    snprintf(l->scope, sizeof l->scope, "%s", scope);
    l->readable = true;
    for (int p = 0; p < PERSONA_COUNT && l->readable; p++) {
        /* A test send went to the sender only: not the persona's report. */
        ledger_filter filter = {.persona = report_personas[p].id, .scope = scope, .limit = 1,
                                .exclude_tests = true};
        ledger_delivery *found = NULL;
        size_t count = 0;
        char error[512];
        l->readable = send_history_list(&s->config, &filter, &found, &count, error, sizeof error);
        if (count) {
            l->known[p] = true;
            l->state[p] = found[0].state;
            l->when[p] = found[0].updated_at;
        }
        ledger_deliveries_free(found, count);
    }
}

void last_delivery_describe(ui_state *s, const char *scope, persona p, char *out, size_t out_size)
{
    last_deliveries *l = &s->last;
    if (!l->loaded || strcmp(l->scope, scope) != 0)
        last_delivery_load(s, scope);
    if (!l->readable) {
        snprintf(out, out_size, "%s", "");
        return;
    }
    if (!l->known[p]) {
        snprintf(out, out_size, "never");
        return;
    }
    if (l->state[p] == DELIVERY_NOT_ATTEMPTED) { /* the ledger's "not-attempted", to fit */
        snprintf(out, out_size, "not sent");
        return;
    }
    if (l->state[p] != DELIVERY_SENT) {
        snprintf(out, out_size, "%s", ledger_state_name(l->state[p]));
        return;
    }
    struct tm then, today;
    time_t now = time(NULL);
    localtime_r(&l->when[p], &then);
    localtime_r(&now, &today);
    bool same_day = then.tm_year == today.tm_year && then.tm_yday == today.tm_yday;
    char when[32];
    strftime(when, sizeof when, same_day ? "%H:%M" : "%b %d", &then);
    snprintf(out, out_size, "sent %s", when);
}
