/* last_delivery: what became of each persona's report for the selected
 * scope the last time it was sent (a later try that never left does not
 * hide it), for the personas list ("sent 09:12",
 * "failed", "unknown", "not sent", "never", and "! bounced" or
 * "! complained" when SES's events said so), so the operator sees
 * before marking what went out already and what did not arrive. Read from the ledger when the scope changes and after
 * a send session closes, never on every frame. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ui/ui_internal.h"

/* How often rows showing `sending` are read again: often enough that a
 * send that ended elsewhere shows within a glance, rarely enough that six
 * small ledger reads stay out of the way. */
enum { LAST_DELIVERY_SENDING_REREAD_MS = 3000 };

static double last_delivery_clock(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + now.tv_nsec / 1e9;
}

void last_delivery_forget(last_deliveries *l)
{
    l->loaded = false;
}

static bool last_delivery_any_sending(const last_deliveries *l)
{
    for (int p = 0; p < PERSONA_COUNT; p++)
        if (l->known[p] && l->state[p] == DELIVERY_SENDING)
            return true;
    return false;
}

int last_delivery_timeout_ms(const ui_state *s)
{
    const last_deliveries *l = &s->last;
    if (!l->loaded || !l->readable || !last_delivery_any_sending(l))
        return -1;
    double due = l->loaded_at + LAST_DELIVERY_SENDING_REREAD_MS / 1000.0;
    double left = due - last_delivery_clock();
    return left <= 0 ? 0 : (int)(left * 1000) + 1;
}

void last_delivery_tick(ui_state *s)
{
    if (last_delivery_timeout_ms(s) == 0)
        last_delivery_forget(&s->last); /* the next draw reads them */
}

/* "complained" or "bounced" (a complaint named first, as the history's
 * outcome column does) when a recipient complained or bounced; else "".
 * The word alone: the personas column is narrow, the history has counts. */
static void last_delivery_note_trouble(const ledger_delivery *d, char *out, size_t out_size)
{
    const char *word = d->outcome_counts[OUTCOME_COMPLAINED] ? "complained"
                       : d->outcome_counts[OUTCOME_BOUNCED]  ? "bounced" : "";
    snprintf(out, out_size, "%s", word);
}

/* How far back a row looks past deliveries that never left. */
enum { LAST_DELIVERY_LOOK_BACK = 16 };

/* The delivery that says what became of the report: the newest one that
 * left or tried to (a `not-attempted` one, e.g. of a stopped batch, did not
 * change whether the report went out — the plan's standing reads it the
 * same way, docs/sending.md), else the newest. */
static const ledger_delivery *last_delivery_telling(const ledger_delivery *found, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (found[i].state != DELIVERY_NOT_ATTEMPTED)
            return &found[i];
    return count ? &found[0] : NULL;
}

/* Reads each persona's report's telling delivery for `scope`. A ledger
 * that cannot be read leaves every row without a word ("" rather than a
 * guess). */
static void last_delivery_load(ui_state *s, const char *scope)
{
    last_deliveries *l = &s->last;
    *l = (last_deliveries){.loaded = true, .loaded_at = last_delivery_clock()};
    snprintf(l->scope, sizeof l->scope, "%s", scope);
    l->readable = true;
    for (int p = 0; p < PERSONA_COUNT && l->readable; p++) {
        /* A test send went to the sender only: not the persona's report. */
        ledger_filter filter = {.persona = report_personas[p].id, .scope = scope,
                                .limit = LAST_DELIVERY_LOOK_BACK, .exclude_tests = true};
        ledger_delivery *found = NULL;
        size_t count = 0;
        char error[512];
        l->readable = send_history_list(&s->config, &filter, &found, &count, error, sizeof error);
        const ledger_delivery *telling = last_delivery_telling(found, count);
        if (telling) {
            l->known[p] = true;
            l->state[p] = telling->state;
            l->when[p] = telling->updated_at;
            last_delivery_note_trouble(telling, l->trouble[p], sizeof l->trouble[p]);
        }
        ledger_deliveries_free(found, count);
    }
}

static last_deliveries *last_delivery_for(ui_state *s, const char *scope)
{
    last_deliveries *l = &s->last;
    if (!l->loaded || strcmp(l->scope, scope) != 0)
        last_delivery_load(s, scope);
    return l;
}

bool last_delivery_troubled(ui_state *s, const char *scope, persona p)
{
    last_deliveries *l = last_delivery_for(s, scope);
    return l->readable && l->known[p] && l->trouble[p][0];
}

void last_delivery_describe(ui_state *s, const char *scope, persona p, char *out, size_t out_size)
{
    last_deliveries *l = last_delivery_for(s, scope);
    if (!l->readable) {
        snprintf(out, out_size, "%s", "");
        return;
    }
    if (l->known[p] && l->trouble[p][0]) {
        snprintf(out, out_size, "! %s", l->trouble[p]);
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
