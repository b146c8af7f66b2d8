/* preflight_account: the two checks of a batch that ask SES API v2 — may
 * this account send at all (GetAccount), and will SES drop any recipient
 * because it is on the account's suppression list (GetSuppressedDestination).
 * The rules are docs/sending.md's "Before the first message":
 *   SendingEnabled false or EnforcementStatus SHUTDOWN: refused, whatever
 *     the flags (SES would refuse every message);
 *   PROBATION, the sandbox, a suppressed recipient: a warning before `y`;
 *   GetAccount or the suppression check unanswered: a warning (the sender
 *     and quota checks still refuse what they cannot confirm).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "briefing/mime.h"
#include "send/send_internal.h"

void batch_preflight_warn(batch_preflight_result *r, const char *fmt, ...)
{
    size_t used = strlen(r->warnings);
    if (used + 1 >= sizeof r->warnings)
        return;
    if (used)
        r->warnings[used++] = '\n';
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->warnings + used, sizeof r->warnings - used, fmt, ap);
    va_end(ap);
}

/* What each standing does to a batch: a refusal, a warning, or nothing. */
static const struct {
    const char *refusal;
    const char *warning;
} account_rules[] = {
    [SEND_STANDING_UNKNOWN] = {NULL, NULL},
    [SEND_STANDING_HEALTHY] = {NULL, NULL},
    [SEND_STANDING_PROBATION] = {NULL, "the account is on probation (EnforcementStatus PROBATION): "
                                       "more bounces or complaints and SES shuts it down"},
    [SEND_STANDING_PAUSED] = {"SES has paused sending for this account (SendingEnabled false): "
                              "every message would be refused; see the reputation page of the SES "
                              "console", NULL},
    [SEND_STANDING_SHUTDOWN] = {"SES has shut this account down (EnforcementStatus SHUTDOWN): "
                                "every message would be refused; see the reputation page of the "
                                "SES console", NULL},
};

void batch_check_account(batch *b, const send_account *account)
{
    batch_preflight_result *r = &b->preflight;
    if (!account->state_known) {
        batch_preflight_warn(r, "the account's state was not checked (%s)", account->state_error);
        return;
    }
    r->account_known = true;
    r->account = account->state;
    send_standing standing = send_standing_of(&account->state, account->state_known);
    if (account_rules[standing].refusal) {
        snprintf(r->error, sizeof r->error, "%s", account_rules[standing].refusal);
        r->error_exit_code = 4;
        r->overridable = false; /* SES said so: no flag makes it deliver */
        return;
    }
    if (account_rules[standing].warning)
        batch_preflight_warn(r, "%s", account_rules[standing].warning);
    if (!account->state.production_access)
        batch_preflight_warn(r, "the account is in the SES sandbox: recipients must be "
                                "verified identities");
}

/* ---- the suppression list ---- */

void send_suppression_cache_free(send_suppression_cache *cache)
{
    free(cache->entries);
    memset(cache, 0, sizeof *cache);
}

static const ses_suppression *suppression_cached(const send_suppression_cache *cache,
                                                 const char *address)
{
    for (size_t i = 0; cache && i < cache->count; i++)
        if (strcasecmp(cache->entries[i].address, address) == 0)
            return &cache->entries[i].answer;
    return NULL;
}

static void suppression_remember(send_suppression_cache *cache, const char *address,
                                 const ses_suppression *answer)
{
    if (!cache)
        return;
    if (cache->count == cache->capacity) {
        size_t grown = cache->capacity ? cache->capacity * 2 : 16;
        send_suppression_entry *entries = realloc(cache->entries, grown * sizeof *entries);
        if (!entries)
            abort(); /* out of memory, as everywhere in briefing */
        cache->entries = entries;
        cache->capacity = grown;
    }
    send_suppression_entry *entry = &cache->entries[cache->count++];
    snprintf(entry->address, sizeof entry->address, "%s", address);
    entry->answer = *answer;
}

static void recipient_set_add(batch_recipient_set *set, const char *address)
{
    for (size_t i = 0; i < set->count; i++)
        if (strcasecmp(set->addresses[i], address) == 0)
            return;
    char **grown = realloc(set->addresses, (set->count + 1) * sizeof *grown);
    char *copy = strdup(address);
    if (!grown || !copy)
        abort();
    set->addresses = grown;
    set->addresses[set->count++] = copy;
}

void batch_item_each_address(const batch_item *item, batch_address_fn each, void *user)
{
    const char *lists[] = {item->to, item->cc, item->bcc};
    for (size_t l = 0; l < 3; l++) {
        char **part = NULL;
        size_t n = mime_address_split(lists[l] ? lists[l] : "", &part);
        for (size_t j = 0; j < n; j++) {
            strbuf bare = STRBUF_INIT;
            mime_address_bare(part[j], &bare);
            each(user, strbuf_cstr(&bare));
            strbuf_free(&bare);
        }
        mime_address_list_free(part, n);
    }
}

static void recipient_set_take(void *set, const char *address)
{
    recipient_set_add(set, address);
}

void batch_recipient_set_collect(const batch *b, batch_recipient_set *set)
{
    for (size_t i = 0; i < b->count; i++)
        if (!b->items[i].build_error[0])
            batch_item_each_address(&b->items[i], recipient_set_take, set);
}

void batch_recipient_set_free(batch_recipient_set *set)
{
    for (size_t i = 0; i < set->count; i++)
        free(set->addresses[i]);
    free(set->addresses);
}

/* Asks SES about `address`, or the cache. False with `status` set. */
static bool suppression_ask(batch *b, ses_client *client, const char *address,
                            ses_suppression *answer, ses_status *status)
{
    const ses_suppression *cached = suppression_cached(b->suppression_cache, address);
    if (cached) {
        *answer = *cached;
        return true;
    }
    if (!ses_get_suppressed_destination(client, address, answer, status))
        return false;
    suppression_remember(b->suppression_cache, address, answer);
    return true;
}

void batch_check_suppression(batch *b, ses_client *client)
{
    batch_preflight_result *r = &b->preflight;
    batch_recipient_set set = {0};
    batch_recipient_set_collect(b, &set);
    r->suppression_checked = true;
    for (size_t i = 0; i < set.count; i++) {
        ses_suppression answer;
        ses_status status;
        if (!suppression_ask(b, client, set.addresses[i], &answer, &status)) {
            /* One unanswered question says the rest would go the same way. */
            r->suppression_checked = false;
            batch_preflight_warn(r, "the suppression list was not checked "
                                    "(GetSuppressedDestination: %s%s%s)",
                                 status.error_code, status.error_message[0] ? ": " : "",
                                 status.error_message);
            break;
        }
        if (!answer.suppressed)
            continue;
        char since[32];
        struct tm tm;
        gmtime_r(&answer.since, &tm);
        strftime(since, sizeof since, "%Y-%m-%d", &tm);
        r->suppressed++;
        batch_preflight_warn(r, "%s is on the account's suppression list (%s since %s): SES "
                                "will drop every message to it",
                             set.addresses[i], answer.reason, since);
    }
    batch_recipient_set_free(&set);
}
