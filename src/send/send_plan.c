/* send_plan: may a report join a batch? The ledger decides, by a table of
 * rules in order: the first that holds leaves the report out, with why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/send.h"

bool send_portfolio_usable(const portfolio *p, char *error, size_t error_size)
{
    if (p->entity_count > 0)
        return true;
    snprintf(error, error_size,
             "no handoffs in %s/agent_handoffs/projects/*.md: nothing to report on (is --root the "
             "portfolio folder?)", p->root);
    return false;
}

/* Local midnight of the day `now` falls in. */
static time_t send_plan_day_start(time_t now)
{
    struct tm tm;
    localtime_r(&now, &tm);
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = -1;
    return mktime(&tm);
}

/* The latest delivery of `target` matching `filter`'s state and time, or
 * false when there is none (or the ledger cannot say: the send stops later
 * on the same ledger with its message). */
static bool send_plan_latest(ledger *l, const report_target *target, ledger_filter filter,
                             ledger_delivery *out)
{
    filter.persona = report_personas[target->persona].id;
    filter.scope = target->scope;
    filter.limit = 1;
    filter.exclude_tests = true; /* a test send is not the persona's report */
    ledger_delivery *list = NULL;
    size_t count = 0;
    char error[256];
    if (!ledger_list(l, &filter, &list, &count, error, sizeof error) || count == 0)
        return false;
    out->id = list[0].id;
    out->state = list[0].state;
    out->created_at = list[0].created_at;
    ledger_deliveries_free(list, count);
    return true;
}

static bool send_plan_last_unknown(ledger *l, const report_target *target, time_t now,
                                   ledger_delivery *found)
{
    ledger_filter any = {0};
    return send_plan_latest(l, target, any, found) && found->state == DELIVERY_UNKNOWN;
}

static bool send_plan_sent_today(ledger *l, const report_target *target, time_t now,
                                 ledger_delivery *found)
{
    ledger_filter today = {.has_state = true, .state = DELIVERY_SENT,
                           .since = send_plan_day_start(now)};
    return send_plan_latest(l, target, today, found);
}

static const struct {
    send_plan_verdict verdict;
    bool (*holds)(ledger *l, const report_target *target, time_t now, ledger_delivery *found);
    bool waived_by_include_sent;
    const char *why;          /* after "persona/scope left out: " */
    const char *what_to_do;
} send_plan_rules[] = {
    {SEND_PLAN_LAST_UNKNOWN, send_plan_last_unknown, false,
     "its last delivery (%lld) is unknown, SES may have accepted it",
     "check, then resend it (`briefing resend %lld`, or r in the history)"},
    {SEND_PLAN_SENT_TODAY, send_plan_sent_today, true,
     "already sent today at %s (delivery %lld)",
     "add --include-sent to send it again (the console asks)"},
};

send_plan_verdict send_plan_judge(ledger *l, const report_target *target, time_t now,
                                  bool include_sent, send_plan_check *out)
{
    memset(out, 0, sizeof *out);
    if (!l)
        return out->verdict = SEND_PLAN_INCLUDED;
    for (size_t i = 0; i < sizeof send_plan_rules / sizeof send_plan_rules[0]; i++) {
        ledger_delivery found = {0};
        if ((include_sent && send_plan_rules[i].waived_by_include_sent) ||
            !send_plan_rules[i].holds(l, target, now, &found))
            continue;
        out->verdict = send_plan_rules[i].verdict;
        out->delivery_id = found.id;
        out->when = found.created_at;
        char why[256], what[256], clock[16];
        struct tm tm;
        localtime_r(&found.created_at, &tm);
        strftime(clock, sizeof clock, "%H:%M", &tm);
        if (out->verdict == SEND_PLAN_SENT_TODAY)
            snprintf(why, sizeof why, send_plan_rules[i].why, clock, (long long)found.id);
        else
            snprintf(why, sizeof why, send_plan_rules[i].why, (long long)found.id);
        snprintf(what, sizeof what, send_plan_rules[i].what_to_do, (long long)found.id);
        snprintf(out->reason, sizeof out->reason, "%s/%s left out: %s; %s",
                 report_personas[target->persona].id, target->scope, why, what);
        return out->verdict;
    }
    /* Another machine may send it between this plan and the batch: the
     * claim just before `sending` settles that. What the operator asked
     * for again (include_sent) is an explicit choice and claims nothing. */
    out->claims_day = !include_sent;
    return out->verdict = SEND_PLAN_INCLUDED;
}

static bool send_unresolved_state(delivery_state state)
{
    return state == DELIVERY_FAILED || state == DELIVERY_UNKNOWN ||
           state == DELIVERY_NOT_ATTEMPTED;
}

bool send_unresolved_list(ledger *l, int64_t batch_id, ledger_delivery **out, size_t *count,
                          char *error, size_t error_size)
{
    *out = NULL;
    *count = 0;
    ledger_filter filter = {.batch_id = batch_id};
    ledger_delivery *all = NULL;
    size_t all_count = 0;
    if (!ledger_list(l, &filter, &all, &all_count, error, error_size))
        return false;
    ledger_delivery *kept = calloc(all_count ? all_count : 1, sizeof *kept);
    if (!kept)
        abort();
    size_t n = 0;
    for (size_t i = all_count; i-- > 0;) { /* newest first: walk back for oldest first */
        ledger_delivery latest = {0};
        const persona_info *info = report_persona_by_id(all[i].persona);
        report_target target = {info ? info->persona : PERSONA_CEO, all[i].scope};
        ledger_filter any = {0};
        bool is_latest = info && send_plan_latest(l, &target, any, &latest) &&
                         latest.id == all[i].id;
        if (!send_unresolved_state(all[i].state) || !is_latest)
            continue;
        kept[n++] = all[i];
        memset(&all[i], 0, sizeof all[i]); /* its strings are kept's now */
    }
    ledger_deliveries_free(all, all_count);
    *out = kept;
    *count = n;
    return true;
}
