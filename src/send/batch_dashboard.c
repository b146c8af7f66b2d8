/* batch_dashboard: after a batch that sent the CEO report, its top three
 * shortfalls become kanban cards on DASHBOARD_URL (seed 001). The cards are a
 * courtesy to the operator's dashboard: whatever happens is noted on the
 * batch in the ledger and shown, and never changes the batch's outcome. */
#include <stdio.h>
#include <string.h>

#include "briefing/send.h"
#include "briefing/dashboard.h"

enum { DASHBOARD_CARDS = 3, DASHBOARD_TIMEOUT_MS = 5000 };

static const batch_item *batch_sent_ceo_report(const batch *b)
{
    for (size_t i = 0; i < b->count; i++)
        if (b->items[i].target.persona == PERSONA_CEO && b->items[i].state == DELIVERY_SENT)
            return &b->items[i];
    return NULL;
}

void batch_post_dashboard(batch *b, ledger *l, char *summary, size_t summary_size)
{
    summary[0] = '\0';
    const batch_item *ceo = batch_sent_ceo_report(b);
    if (!b->config->dashboard_url || !ceo)
        return;
    report_shortfall shortfalls[DASHBOARD_CARDS];
    size_t count = report_top_shortfalls(b->portfolio, ceo->scope, shortfalls, DASHBOARD_CARDS);
    dashboard_card cards[DASHBOARD_CARDS];
    for (size_t i = 0; i < count; i++)
        cards[i] = (dashboard_card){shortfalls[i].title, "ceo", shortfalls[i].urgency,
                                    b->batch_id};
    char error[512];
    size_t accepted = dashboard_post_cards(b->config->dashboard_url, cards, count,
                                           DASHBOARD_TIMEOUT_MS, error, sizeof error);
    if (accepted == count)
        snprintf(summary, summary_size, "dashboard: %zu card(s) posted", accepted);
    else
        snprintf(summary, summary_size, "dashboard: %zu of %zu card(s) posted (%s)", accepted,
                 count, error);
    char ledger_error[512];
    ledger_note_batch(l, b->batch_id, summary, ledger_error, sizeof ledger_error);
}
