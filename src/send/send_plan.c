/* send_plan: may a report join a batch? The ledger decides, by a table of
 * rules in order: the first that holds leaves the report out, with why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/send.h"

/* Local midnight of the day `now` falls in. */
static time_t send_plan_day_start(time_t now)
{
    struct tm tm;
    localtime_r(&now, &tm);
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    tm.tm_isdst = -1;
    return mktime(&tm);
}

/* The fields planning reads of `from`. */
static void send_plan_copy(const ledger_delivery *from, ledger_delivery *out)
{
    out->id = from->id;
    out->state = from->state;
    out->created_at = from->created_at;
    out->updated_at = from->updated_at;
    snprintf(out->host, sizeof out->host, "%s", from->host);
}

/* A state that holds a report's day (ledger_claim_day's rule). */
static bool send_plan_holds_day(delivery_state state)
{
    return state == DELIVERY_SENDING || state == DELIVERY_SENT || state == DELIVERY_UNKNOWN;
}

/* The report's non-test deliveries through `filter`, newest first; false
 * when there is none (or the ledger cannot say: the send stops later on
 * the same ledger with its message). */
static bool send_plan_list(ledger *l, const report_target *target, ledger_filter filter,
                           ledger_delivery **list, size_t *count)
{
    filter.persona = report_personas[target->persona].id;
    filter.scope = target->scope;
    filter.exclude_tests = true; /* a test send is not the persona's report */
    char error[256];
    if (ledger_list(l, &filter, list, count, error, sizeof error) && *count > 0)
        return true;
    ledger_deliveries_free(*list, *count);
    *list = NULL;
    *count = 0;
    return false;
}

/* The latest delivery of `target` matching `filter`'s state and time. */
static bool send_plan_latest(ledger *l, const report_target *target, ledger_filter filter,
                             ledger_delivery *out)
{
    ledger_delivery *list = NULL;
    size_t count = 0;
    filter.limit = 1;
    if (!send_plan_list(l, target, filter, &list, &count))
        return false;
    send_plan_copy(&list[0], out);
    ledger_deliveries_free(list, count);
    return true;
}

/* The latest delivery since `since` that holds the report's day. */
static bool send_plan_day_holder(ledger *l, const report_target *target, time_t since,
                                 ledger_delivery *out)
{
    ledger_filter that_day = {.since = since};
    ledger_delivery *list = NULL;
    size_t count = 0;
    if (!send_plan_list(l, target, that_day, &list, &count))
        return false;
    size_t i = 0;
    while (i < count && !send_plan_holds_day(list[i].state))
        i++;
    if (i < count)
        send_plan_copy(&list[i], out);
    ledger_deliveries_free(list, count);
    return i < count;
}

/* Midnight UTC of the day `t` falls in: the day a claim holds. */
static time_t send_plan_utc_day_start(time_t t)
{
    return t - t % 86400;
}

/* A report's standing: its latest delivery, except that a `not-attempted`
 * one does not hide a delivery of the same report that holds its UTC day
 * (`sending`, `sent` or `unknown`): a day-claim refusal (or a stop) writes
 * such a row after the delivery that may have gone out, and that delivery
 * is what the report stands on. Planning and `resend --failed` read this,
 * on every back end alike. */
bool send_report_standing(ledger *l, const report_target *target, ledger_delivery *out)
{
    ledger_filter any = {0};
    if (!send_plan_latest(l, target, any, out))
        return false;
    if (out->state != DELIVERY_NOT_ATTEMPTED)
        return true;
    ledger_delivery holder = {0};
    if (send_plan_day_holder(l, target, send_plan_utc_day_start(out->created_at), &holder))
        *out = holder;
    return true;
}

static bool send_plan_last_unknown(ledger *l, const report_target *target, time_t now,
                                   ledger_delivery *found)
{
    (void)now;
    return send_report_standing(l, target, found) && found->state == DELIVERY_UNKNOWN;
}

/* Another process has it in flight (on SQLite a crash is `unknown` at the
 * next open; on DynamoDB another host's `sending` stays until stale). */
static bool send_plan_being_sent(ledger *l, const report_target *target, time_t now,
                                 ledger_delivery *found)
{
    (void)now;
    return send_report_standing(l, target, found) && found->state == DELIVERY_SENDING;
}

static bool send_plan_sent_today(ledger *l, const report_target *target, time_t now,
                                 ledger_delivery *found)
{
    ledger_filter today = {.has_state = true, .state = DELIVERY_SENT,
                           .since = send_plan_day_start(now)};
    return send_plan_latest(l, target, today, found);
}

/* " from HOST" when the ledger knows the machine, else "". */
static void send_plan_from_host(const ledger_delivery *found, char *out, size_t out_size)
{
    if (found->host[0])
        snprintf(out, out_size, " from %s", found->host);
    else
        out[0] = '\0';
}

static void send_plan_clock(time_t t, char *out, size_t out_size)
{
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(out, out_size, "%H:%M", &tm);
}

static void send_plan_why_unknown(const ledger_delivery *found, char *out, size_t out_size)
{
    snprintf(out, out_size, "its last delivery (%lld) is unknown, SES may have accepted it",
             (long long)found->id);
}

static void send_plan_why_sending(const ledger_delivery *found, char *out, size_t out_size)
{
    char clock[16];
    send_plan_clock(found->created_at, clock, sizeof clock);
    snprintf(out, out_size, "is being sent by %s since %s (delivery %lld)",
             found->host[0] ? found->host : "another process", clock, (long long)found->id);
}

static void send_plan_why_sent(const ledger_delivery *found, char *out, size_t out_size)
{
    char clock[16], from[160];
    send_plan_clock(found->created_at, clock, sizeof clock);
    send_plan_from_host(found, from, sizeof from);
    snprintf(out, out_size, "already sent today at %s%s (delivery %lld)", clock, from,
             (long long)found->id);
}

bool send_resent_as(ledger *l, const ledger_delivery *original, ledger_delivery *found)
{
    const persona_info *info = report_persona_by_id(original->persona);
    if (!l || !info)
        return false;
    report_target target = {info->persona, original->scope};
    ledger_filter after = {.since = original->created_at};
    ledger_delivery *list = NULL;
    size_t count = 0;
    if (!send_plan_list(l, &target, after, &list, &count))
        return false;
    size_t i = 0; /* newest first: the latest resend */
    while (i < count && list[i].resend_of != original->id)
        i++;
    if (i < count)
        send_plan_copy(&list[i], found);
    ledger_deliveries_free(list, count);
    return i < count;
}

bool send_report_sent_today(ledger *l, const report_target *target, time_t now,
                            int64_t except_id, ledger_delivery *found, char *words,
                            size_t words_size)
{
    ledger_filter today = {.has_state = true, .state = DELIVERY_SENT,
                           .since = send_plan_day_start(now)};
    ledger_delivery *list = NULL;
    size_t count = 0;
    if (!l || !send_plan_list(l, target, today, &list, &count))
        return false;
    size_t i = 0;
    while (i < count && list[i].id == except_id)
        i++;
    if (i < count) {
        send_plan_copy(&list[i], found);
        send_plan_why_sent(found, words, words_size);
    }
    ledger_deliveries_free(list, count);
    return i < count;
}

static const struct {
    send_plan_verdict verdict;
    bool (*holds)(ledger *l, const report_target *target, time_t now, ledger_delivery *found);
    bool waived_by_include_sent;
    void (*why)(const ledger_delivery *found, char *out, size_t out_size); /* after "persona/scope left out: " */
    const char *what_to_do;
} send_plan_rules[] = {
    {SEND_PLAN_LAST_UNKNOWN, send_plan_last_unknown, false, send_plan_why_unknown,
     "check, then resend it (`briefing resend %lld`, or r in the history)"},
    {SEND_PLAN_BEING_SENT, send_plan_being_sent, false, send_plan_why_sending,
     "wait for it to end (`briefing log %lld` shows how it went)"},
    {SEND_PLAN_SENT_TODAY, send_plan_sent_today, true, send_plan_why_sent,
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
        char why[384], what[256];
        send_plan_rules[i].why(&found, why, sizeof why);
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

/* Why a not-attempted `row` is left out of `resend --failed`: `standing`,
 * a delivery of the same report that holds the row's UTC day, may have
 * gone out (or did); false when that is not why. */
static bool send_unresolved_held(const ledger_delivery *row, const ledger_delivery *standing,
                                 char *why, size_t why_size)
{
    if (row->state != DELIVERY_NOT_ATTEMPTED || !send_plan_holds_day(standing->state) ||
        send_plan_utc_day_start(standing->created_at) != send_plan_utc_day_start(row->created_at))
        return false;
    char clock[16], from[160], advice[96] = "";
    send_plan_clock(standing->created_at, clock, sizeof clock);
    send_plan_from_host(standing, from, sizeof from);
    if (standing->state == DELIVERY_UNKNOWN)
        snprintf(advice, sizeof advice, " (SES may have it: check, then `briefing resend %lld`)",
                 (long long)standing->id);
    else if (standing->state == DELIVERY_SENDING)
        snprintf(advice, sizeof advice, " (still in flight)");
    snprintf(why, why_size,
             "delivery %lld (%s/%s, not-attempted) left out: delivery %lld of that report, "
             "created that day at %s%s, is %s%s",
             (long long)row->id, row->persona, row->scope, (long long)standing->id, clock, from,
             ledger_state_name(standing->state), advice);
    return true;
}

bool send_unresolved_list(ledger *l, int64_t batch_id, bool include_unknown, ledger_delivery **out,
                          size_t *count, send_unresolved_note_fn note, void *context, char *error,
                          size_t error_size)
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
        const persona_info *info = report_persona_by_id(all[i].persona);
        if (!info || !send_unresolved_state(all[i].state))
            continue;
        char why[512];
        if (all[i].test) { /* never the report's standing: said, not silently skipped */
            if (note) {
                snprintf(why, sizeof why, "delivery %lld ([TEST] %s/%s, %s) left out: a test send "
                         "to the sender, not the report; send a test again from the console (t)",
                         (long long)all[i].id, all[i].persona, all[i].scope,
                         ledger_state_name(all[i].state));
                note(context, why);
            }
            continue;
        }
        ledger_delivery standing = {0};
        report_target target = {info->persona, all[i].scope};
        if (!send_report_standing(l, &target, &standing))
            continue;
        if (standing.id != all[i].id) {
            if (note && send_unresolved_held(&all[i], &standing, why, sizeof why))
                note(context, why);
            continue;
        }
        if (all[i].state == DELIVERY_UNKNOWN && !include_unknown) {
            if (note) {
                snprintf(why, sizeof why, "delivery %lld (%s/%s, unknown) left out: SES may have "
                         "accepted it; check it (briefing log %lld), then resend it alone "
                         "(briefing resend %lld) or add --include-unknown", (long long)all[i].id,
                         all[i].persona, all[i].scope, (long long)all[i].id, (long long)all[i].id);
                note(context, why);
            }
            continue;
        }
        kept[n++] = all[i];
        memset(&all[i], 0, sizeof all[i]); /* its strings are kept's now */
    }
    ledger_deliveries_free(all, all_count);
    *out = kept;
    *count = n;
    return true;
}
