/* ddb_item: the keys of the table's items and a delivery item read back.
 *
 * A delivery's sort key starts with its creation time to the millisecond
 * and ends with its id on ten digits, so that string order is time order
 * and two deliveries of one millisecond still sort by id. Attributes that
 * would be empty are not written (DynamoDB refuses empty key attributes
 * and an absent one reads back as NULL, like SQLite's).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ledger_dynamodb/ddb_internal.h"

void ddb_report_pk(const char *persona, const char *scope, char *out, size_t out_size)
{
    snprintf(out, out_size, "%s#%s", persona, scope);
}

void ddb_delivery_sk(time_t created_at, int milliseconds, int64_t id, char *out, size_t out_size)
{
    struct tm tm;
    gmtime_r(&created_at, &tm);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out, out_size, "%s.%03dZ#%010" PRId64, stamp, milliseconds, id);
}

void ddb_month(time_t when, char *out, size_t out_size)
{
    struct tm tm;
    gmtime_r(&when, &tm);
    strftime(out, out_size, "%Y-%m", &tm);
}

void ddb_recipient_attr(size_t index, const char *field, char *out, size_t out_size)
{
    snprintf(out, out_size, "r%zu_%s", index, field);
}

int64_t ddb_item_number(const ses_dynamodb_item *item, const char *name)
{
    const char *value = ses_dynamodb_item_get(item, name);
    return value ? strtoll(value, NULL, 10) : 0;
}

static char *ddb_item_strdup(const ses_dynamodb_item *item, const char *name)
{
    const char *value = ses_dynamodb_item_get(item, name);
    return value ? strdup(value) : NULL;
}

static void ddb_item_copy(const ses_dynamodb_item *item, const char *name, char *out,
                          size_t out_size)
{
    const char *value = ses_dynamodb_item_get(item, name);
    snprintf(out, out_size, "%s", value ? value : "");
}

size_t ddb_item_recipient_count(const ses_dynamodb_item *item)
{
    return (size_t)ddb_item_number(item, "r_count");
}

void ddb_item_recipient(const ses_dynamodb_item *item, size_t index, ledger_recipient *r)
{
    char name[32];
    memset(r, 0, sizeof *r);
    ddb_recipient_attr(index, "address", name, sizeof name);
    r->address = strdup(ses_dynamodb_item_get(item, name) ? ses_dynamodb_item_get(item, name)
                                                           : "");
    ddb_recipient_attr(index, "kind", name, sizeof name);
    ddb_item_copy(item, name, r->kind, sizeof r->kind);
    ddb_recipient_attr(index, "outcome", name, sizeof name);
    if (!ledger_outcome_from_name(ses_dynamodb_item_get(item, name), &r->outcome))
        r->outcome = OUTCOME_SENT; /* only this module writes it, from the names */
    ddb_recipient_attr(index, "at", name, sizeof name);
    r->at = (time_t)ddb_item_number(item, name);
    ddb_recipient_attr(index, "detail", name, sizeof name);
    r->detail = ddb_item_strdup(item, name);
    ddb_recipient_attr(index, "opens", name, sizeof name);
    r->opens = (int)ddb_item_number(item, name);
    ddb_recipient_attr(index, "clicks", name, sizeof name);
    r->clicks = (int)ddb_item_number(item, name);
}

long ddb_item_recipient_index(const ses_dynamodb_item *item, const char *address)
{
    size_t n = ddb_item_recipient_count(item);
    for (size_t i = 0; i < n; i++) {
        char name[32];
        ddb_recipient_attr(i, "address", name, sizeof name);
        const char *stored = ses_dynamodb_item_get(item, name);
        if (stored && strcasecmp(stored, address) == 0)
            return (long)i;
    }
    return -1;
}

/* The outcome counts `log` shows, from the recipients in the item. */
static void ddb_read_outcomes(const ses_dynamodb_item *item, ledger_delivery *d)
{
    size_t count = ddb_item_recipient_count(item);
    for (size_t i = 0; i < count; i++) {
        char name[32];
        recipient_outcome o;
        ddb_recipient_attr(i, "outcome", name, sizeof name);
        if (ledger_outcome_from_name(ses_dynamodb_item_get(item, name), &o)) {
            d->outcome_counts[o]++;
            d->recipient_count++;
        }
    }
}

bool ddb_delivery_from_item(const ses_dynamodb_item *item, ledger_delivery *d)
{
    memset(d, 0, sizeof *d);
    if (!ses_dynamodb_item_get(item, "id") ||
        !ledger_state_from_name(ses_dynamodb_item_get(item, "state"), &d->state))
        return false;
    d->id = ddb_item_number(item, "id");
    d->batch_id = ddb_item_number(item, "batch");
    d->resend_of = ddb_item_number(item, "resend_of");
    ddb_item_copy(item, "persona", d->persona, sizeof d->persona);
    ddb_item_copy(item, "scope", d->scope, sizeof d->scope);
    d->subject = ddb_item_strdup(item, "subject");
    d->from_address = ddb_item_strdup(item, "from");
    d->to_addresses = ddb_item_strdup(item, "to");
    d->cc_addresses = ddb_item_strdup(item, "cc");
    d->bcc_addresses = ddb_item_strdup(item, "bcc");
    ddb_item_copy(item, "message_sha256", d->message_sha256, sizeof d->message_sha256);
    d->archive_path = ddb_item_strdup(item, "archive");
    d->message_id = ddb_item_strdup(item, "message_id");
    d->request_id = ddb_item_strdup(item, "request_id");
    d->attempts = (int)ddb_item_number(item, "attempts");
    d->error_code = ddb_item_strdup(item, "error_code");
    d->error_message = ddb_item_strdup(item, "error_message");
    d->created_at = (time_t)ddb_item_number(item, "created_at");
    d->updated_at = (time_t)ddb_item_number(item, "updated_at");
    d->size_bytes = ddb_item_number(item, "size_bytes");
    d->test = ddb_item_number(item, "test") != 0;
    ddb_item_copy(item, "host", d->host, sizeof d->host);
    ddb_read_outcomes(item, d);
    return true;
}
