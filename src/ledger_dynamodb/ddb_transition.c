/* ddb_transition: a delivery's state changes, each one guarded UpdateItem.
 *
 * The condition is built from ledger_transition_sources() (the table
 * SQLite's WHERE is built from too): "#state IN (:from0, :from1...)", the
 * states the table lets become `to`. A condition that does not hold means another machine moved
 * the delivery first, and the refusal names its state and host. A write
 * retried after a throttling or 5xx answer, or whose answer was lost, may
 * have been applied: the item is read back, and holding `to` written by
 * this process (`writer`: host and pid) means it was (docs/ledger.md, "Every state change...").
 *
 * `inflight` ("pending", "sending") is set only while a delivery may still
 * leave: the sparse index by_inflight lists what a killed machine left.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ledger_dynamodb/ddb_internal.h"

static const char DDB_INTERRUPTED_SENDING[] =
    "the program stopped while this message was being sent;"
    " SES may or may not have accepted it";
static const char DDB_INTERRUPTED_PENDING[] = "not sent, the process stopped";

static const char *const ddb_from_value_names[DELIVERY_STATE_COUNT] = {
    ":from0", ":from1", ":from2", ":from3", ":from4", ":from5",
};

size_t ddb_transition_condition(delivery_state to, char *text, size_t text_size,
                                ses_dynamodb_attr *values, size_t value_capacity)
{
    delivery_state from[DELIVERY_STATE_COUNT];
    size_t count = ledger_transition_sources(to, from);
    if (count > value_capacity)
        count = value_capacity;
    int used = snprintf(text, text_size, "#state IN (");
    for (size_t i = 0; i < count; i++) {
        values[i] = (ses_dynamodb_attr){ddb_from_value_names[i], 'S', ledger_state_name(from[i])};
        used += snprintf(text + used, text_size - (size_t)used, "%s%s", i ? ", " : "",
                         ddb_from_value_names[i]);
    }
    snprintf(text + used, text_size - (size_t)used, ")");
    return count;
}

void ddb_mirror_claim(ledger_backend *b, const ses_dynamodb_item *delivery, delivery_state to)
{
    const char *day = ses_dynamodb_item_get(delivery, "claim_day");
    const char *pk = ses_dynamodb_item_get(delivery, "pk");
    const char *id = ses_dynamodb_item_get(delivery, "id");
    if (!day || !pk || !id)
        return; /* never claimed: a resend, a test, or a delivery refused the day */
    char sk[64], now[24];
    snprintf(sk, sizeof sk, "day#%s", day);
    snprintf(now, sizeof now, "%lld", (long long)time(NULL));
    const ses_dynamodb_attr key[] = {{"pk", 'S', pk}, {"sk", 'S', sk}};
    const ses_dynamodb_attr names[] = {{"#state", 'S', "state"}};
    const ses_dynamodb_attr set[] = {
        {":to", 'S', ledger_state_name(to)}, {":now", 'N', now}, {":host", 'S', b->host}};
    const ses_dynamodb_attr mine[] = {{":mine", 'N', id}};
    const ses_dynamodb_expression update = {"SET #state = :to, updated_at = :now, host = :host",
                                            names, 1, set, 3};
    const ses_dynamodb_expression condition = {"delivery = :mine", NULL, 0, mine, 1};
    ses_status status;
    /* A claim that now names another delivery is not this one's to move;
     * a mirror that fails leaves the claim behind its delivery, and
     * claim_day reads the delivery itself before refusing the day. */
    (void)ses_dynamodb_update_item(b->client, b->table, key, 2, &update, &condition, &status);
}

/* After a refused or lost write: was it ours after all? */
static bool ddb_was_ours(ledger_backend *b, const char *pk, const char *sk, delivery_state to,
                         ses_dynamodb_item *now, bool *found)
{
    char ignored[256];
    if (!ddb_get(b, pk, sk, now, found, ignored, sizeof ignored) || !*found)
        return false;
    const char *state = ses_dynamodb_item_get(now, "state");
    const char *writer = ses_dynamodb_item_get(now, "writer");
    return state && writer && strcmp(state, ledger_state_name(to)) == 0 &&
           strcmp(writer, b->writer) == 0;
}

static bool ddb_refuse(ledger_backend *b, int64_t id, delivery_state to,
                       const ses_dynamodb_item *now, char *error, size_t error_size)
{
    const char *state = ses_dynamodb_item_get(now, "state");
    const char *host = ses_dynamodb_item_get(now, "host");
    snprintf(error, error_size, "%s: delivery %" PRId64 " is %s and cannot become %s%s%s%s",
             b->where, id, state ? state : "missing", ledger_state_name(to),
             host ? " (moved by host " : "", host ? host : "", host ? ")" : "");
    return false;
}

/* The UpdateItem of one move; `condition` holds the states it leaves. */
ses_dynamodb_result ddb_move(ledger_backend *b, const char *pk, const char *sk,
                                    delivery_state to, const ddb_changes *changes,
                                    const ses_dynamodb_expression *condition, ses_status *status)
{
    static const ddb_changes none = DDB_CHANGES_INIT;
    const ddb_changes *c = changes ? changes : &none;
    char now[24];
    snprintf(now, sizeof now, "%lld", (long long)time(NULL));
    bool sending = to == DELIVERY_SENDING;
    strbuf text = STRBUF_INIT;
    strbuf_printf(&text, "SET #state = :to, updated_at = :now, host = :host, writer = :writer%s%s",
                  sending ? ", inflight = :to" : "", strbuf_cstr(&c->set));
    if (!sending || c->remove.len)
        strbuf_printf(&text, " REMOVE %s%s", sending ? strbuf_cstr(&c->remove) + 2 : "inflight",
                      sending ? "" : strbuf_cstr(&c->remove));
    size_t value_count = c->value_count + 4, name_count = c->name_count + 1;
    ses_dynamodb_attr *values = calloc(value_count, sizeof *values);
    ses_dynamodb_attr *names = calloc(name_count, sizeof *names);
    if (!values || !names) {
        fputs("briefing: out of memory\n", stderr);
        abort();
    }
    values[0] = (ses_dynamodb_attr){":to", 'S', ledger_state_name(to)};
    values[1] = (ses_dynamodb_attr){":now", 'N', now};
    values[2] = (ses_dynamodb_attr){":host", 'S', b->host};
    values[3] = (ses_dynamodb_attr){":writer", 'S', b->writer};
    if (c->value_count)
        memcpy(values + 4, c->values, c->value_count * sizeof *values);
    names[0] = (ses_dynamodb_attr){"#state", 'S', "state"};
    if (c->name_count)
        memcpy(names + 1, c->names, c->name_count * sizeof *names);
    const ses_dynamodb_expression expression = {strbuf_cstr(&text), names, name_count, values,
                                                value_count};
    const ses_dynamodb_attr key[] = {{"pk", 'S', pk}, {"sk", 'S', sk}};
    ses_dynamodb_result result =
        ses_dynamodb_update_item(b->client, b->table, key, 2, &expression, condition, status);
    free(values);
    free(names);
    strbuf_free(&text);
    return result;
}

bool ddb_transition(ledger_backend *b, int64_t id, delivery_state to, const ddb_changes *changes,
                    char *error, size_t error_size)
{
    ses_dynamodb_item item;
    char pk[DDB_KEY_SIZE], sk[DDB_KEY_SIZE];
    if (!ddb_get_delivery(b, id, &item, pk, sk, error, error_size))
        return false;
    char text[160];
    ses_dynamodb_attr from[DELIVERY_STATE_COUNT];
    size_t from_count = ddb_transition_condition(to, text, sizeof text, from, DELIVERY_STATE_COUNT);
    const ses_dynamodb_attr names[] = {{"#state", 'S', "state"}};
    const ses_dynamodb_expression condition = {text, names, 1, from, from_count};
    ses_status status;
    ses_dynamodb_result result = ddb_move(b, pk, sk, to, changes, &condition, &status);
    bool ok = result == SES_DYNAMODB_DONE;
    if (!ok && (result == SES_DYNAMODB_CONDITION_FAILED || status.outcome == SES_OUTCOME_UNKNOWN)) {
        bool found = false;
        ses_dynamodb_item now;
        bool retried = status.attempts > 1 || result == SES_DYNAMODB_FAILED;
        ok = ddb_was_ours(b, pk, sk, to, &now, &found) && retried;
        if (!ok && result == SES_DYNAMODB_CONDITION_FAILED)
            found ? ddb_refuse(b, id, to, &now, error, error_size)
                  : (void)snprintf(error, error_size, "%s: no delivery %" PRId64, b->where, id);
        else if (!ok)
            ddb_fail(b, "UpdateItem", &status, error, error_size);
        if (found)
            ses_dynamodb_item_free(&now);
    } else if (!ok) {
        ddb_fail(b, "UpdateItem", &status, error, error_size);
    }
    if (ok) {
        ddb_mirror_claim(b, &item, to);
        ddb_count_move(b, ses_dynamodb_item_get(&item, "state"), to);
    }
    ses_dynamodb_item_free(&item);
    return ok;
}

/* ---- what a killed machine left ---- */

/* One stale delivery moved, on the condition it is still as seen. */
static bool ddb_recover_one(ledger_backend *b, const ses_dynamodb_item *item, delivery_state to,
                            const char *why, bool *moved, char *error, size_t error_size)
{
    char text[200];
    ses_dynamodb_attr values[DELIVERY_STATE_COUNT + 1];
    size_t count = ddb_transition_condition(to, text, sizeof text, values, DELIVERY_STATE_COUNT);
    strncat(text, " AND updated_at = :seen", sizeof text - strlen(text) - 1);
    values[count++] = (ses_dynamodb_attr){":seen", 'N', ses_dynamodb_item_get(item, "updated_at")};
    const ses_dynamodb_attr names[] = {{"#state", 'S', "state"}};
    const ses_dynamodb_expression condition = {text, names, 1, values, count};
    ddb_changes changes = DDB_CHANGES_INIT;
    ddb_changes_text(&changes, "error_code", "interrupted");
    ddb_changes_text(&changes, "error_message", why);
    ses_status status;
    ses_dynamodb_result result = ddb_move(b, ses_dynamodb_item_get(item, "pk"),
                                          ses_dynamodb_item_get(item, "sk"), to, &changes,
                                          &condition, &status);
    ddb_changes_free(&changes);
    *moved = result == SES_DYNAMODB_DONE;
    if (*moved) {
        ddb_mirror_claim(b, item, to);
        ddb_count_move(b, ses_dynamodb_item_get(item, "state"), to);
    }
    /* a condition that fails: its owner wrote it meanwhile (a late `sent`) */
    return result != SES_DYNAMODB_FAILED ||
           ddb_fail(b, "recovering an interrupted delivery", &status, error, error_size);
}

/* Whether `item` was last written by a process of this host that is gone
 * (`writer` "HOST pid N", kill(N, 0) says no such process): what it left
 * in flight cannot move any more, so it need not wait for the stale time,
 * as SQLite's open does not. EPERM means the process is there. */
static bool ddb_writer_gone(const ledger_backend *b, const ses_dynamodb_item *item)
{
    const char *writer = ses_dynamodb_item_get(item, "writer");
    size_t host_length = strlen(b->host);
    if (!writer || strncmp(writer, b->host, host_length) != 0 ||
        strncmp(writer + host_length, " pid ", 5) != 0)
        return false;
    char *end = NULL;
    long pid = strtol(writer + host_length + 5, &end, 10);
    if (pid <= 0 || *end || pid == (long)getpid())
        return false;
    return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Each `inflight` delivery not written for longer than a send can take, or
 * left by a process of this host that is gone. */
static bool ddb_recover_state(ledger_backend *b, delivery_state state, delivery_state to,
                              const char *why, int *moved_count, char *error, size_t error_size)
{
    const ses_dynamodb_attr names[] = {{"#k", 'S', "inflight"}};
    const ses_dynamodb_attr values[] = {{":v", 'S', ledger_state_name(state)}};
    ses_dynamodb_query_spec spec = {b->table, "by_inflight", {"#k = :v", names, 1, values, 1},
                                    b->page_size, false, NULL};
    time_t oldest = time(NULL) - b->stale_seconds;
    char *cursor = NULL;
    bool ok = true;
    do {
        ses_dynamodb_page page;
        ses_status status;
        spec.start = cursor;
        if (!ses_dynamodb_query(b->client, &spec, &page, &status)) {
            free(cursor);
            return ddb_fail(b, "Query by_inflight", &status, error, error_size);
        }
        for (size_t i = 0; i < page.count && ok; i++) {
            bool moved = false;
            const char *host = ses_dynamodb_item_get(&page.items[i], "host");
            bool mine = host && strcmp(host, b->host) == 0;
            bool stale = ddb_item_number(&page.items[i], "updated_at") <= (int64_t)oldest;
            if ((stale && (state == DELIVERY_SENDING || mine)) ||
                (mine && ddb_writer_gone(b, &page.items[i])))
                ok = ddb_recover_one(b, &page.items[i], to, why, &moved, error, error_size);
            *moved_count += moved;
        }
        free(cursor);
        cursor = page.next;
        page.next = NULL;
        ses_dynamodb_page_free(&page);
    } while (cursor && ok);
    free(cursor);
    return ok;
}

bool ddb_recover_stale(ledger_backend *b, int *recovered, char *error, size_t error_size)
{
    int failed = 0;
    *recovered = 0;
    return ddb_recover_state(b, DELIVERY_SENDING, DELIVERY_UNKNOWN, DDB_INTERRUPTED_SENDING,
                             recovered, error, error_size) &&
           ddb_recover_state(b, DELIVERY_PENDING, DELIVERY_FAILED, DDB_INTERRUPTED_PENDING,
                             &failed, error, error_size);
}
