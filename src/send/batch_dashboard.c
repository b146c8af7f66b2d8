/* batch_dashboard: after a batch that sent the CEO report, its top three
 * shortfalls become kanban cards on DASHBOARD_URL (seed 001). The cards are a
 * courtesy to the operator's dashboard: whatever happens is noted on the
 * batch in the ledger and shown, and never changes the batch's outcome.
 * What goes there is data leaving for a second destination, so the same
 * plan (batch_dashboard_preview) is shown before the yes and followed
 * after the send: the first CEO report of a scope sent in a day posts its
 * cards, a later one that day posts none. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "briefing/send.h"
#include "briefing/dashboard.h"
#include "briefing/url.h"

enum { DASHBOARD_CARDS = 3, DASHBOARD_TIMEOUT_MS = 5000 };

/* The batch's CEO report: any state when `sent_only` is false (the plan
 * before the send), else only one that went out. A test send is not the
 * CEO's report: it posts nothing. */
static const batch_item *batch_ceo_report(const batch *b, bool sent_only)
{
    if (b->test)
        return NULL;
    for (size_t i = 0; i < b->count; i++) {
        const batch_item *item = &b->items[i];
        if (item->target.persona == PERSONA_CEO && !item->build_error[0] &&
            (!sent_only || item->state == DELIVERY_SENT))
            return item;
    }
    return NULL;
}

/* The plan for `ceo` (the batch's CEO report): `except_id` is its own
 * delivery once sent, so only an earlier one of the day stops the cards. */
static void batch_dashboard_plan_for(const batch *b, ledger *l, const batch_item *ceo,
                                     int64_t except_id, batch_dashboard_plan *out)
{
    memset(out, 0, sizeof *out);
    if (!b->config->dashboard_url || !ceo)
        return;
    out->configured = true;
    url_redact(b->config->dashboard_url, out->url, sizeof out->url);
    snprintf(out->report, sizeof out->report, "ceo/%s", ceo->scope);
    ledger_delivery earlier = {0};
    char words[256];
    if (send_report_sent_today(l, &ceo->target, time(NULL), except_id, &earlier, words,
                               sizeof words)) {
        snprintf(out->why_none, sizeof out->why_none,
                 "%s %s: its cards went then (once a day per report)", out->report, words);
        return;
    }
    report_shortfall shortfalls[DASHBOARD_CARDS];
    out->count = report_top_shortfalls(b->portfolio, ceo->scope, shortfalls, DASHBOARD_CARDS);
    for (size_t i = 0; i < out->count; i++)
        snprintf(out->titles[i], sizeof out->titles[i], "%s", shortfalls[i].title);
    out->will_post = out->count > 0;
    if (!out->will_post)
        snprintf(out->why_none, sizeof out->why_none, "%s names no shortfall", out->report);
}

void batch_dashboard_preview(const batch *b, ledger *l, batch_dashboard_plan *out)
{
    batch_dashboard_plan_for(b, l, batch_ceo_report(b, false), 0, out);
}

void batch_dashboard_describe(const batch_dashboard_plan *plan, char *out, size_t out_size)
{
    out[0] = '\0';
    if (!plan->configured)
        return;
    size_t used;
    if (!plan->will_post) {
        snprintf(out, out_size, "Dashboard: no cards to %s (%s)\n", plan->url, plan->why_none);
        return;
    }
    used = (size_t)snprintf(out, out_size, "Dashboard: %zu card(s) to %s after the send, "
                            "if %s goes out:\n", plan->count, plan->url, plan->report);
    for (size_t i = 0; i < plan->count && used < out_size; i++)
        used += (size_t)snprintf(out + used, out_size - used, "  - %s\n", plan->titles[i]);
}

void batch_post_dashboard(batch *b, ledger *l, char *summary, size_t summary_size)
{
    summary[0] = '\0';
    const batch_item *ceo = batch_ceo_report(b, true);
    if (!ceo)
        return;
    batch_dashboard_plan plan;
    batch_dashboard_plan_for(b, l, ceo, ceo->delivery_id, &plan);
    if (!plan.configured)
        return;
    if (!plan.will_post) {
        snprintf(summary, summary_size, "dashboard: no cards posted (%s)", plan.why_none);
    } else {
        report_shortfall shortfalls[DASHBOARD_CARDS];
        size_t count = report_top_shortfalls(b->portfolio, ceo->scope, shortfalls,
                                             DASHBOARD_CARDS);
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
            snprintf(summary, summary_size, "dashboard: %zu of %zu card(s) posted (%s)",
                     accepted, count, error);
    }
    char ledger_error[512];
    ledger_note_batch(l, b->batch_id, summary, ledger_error, sizeof ledger_error);
}
