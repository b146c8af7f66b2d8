/* ddb_call: the DynamoDB calls every op makes, with the module's messages.
 *
 * Ids come from counter items (pk "meta#counter"): read the value, then
 * write value+1 on the condition that it is still the value read. Two
 * machines asking at once: one write holds, the other reads again. A
 * retried write that met its own first attempt loses that value and takes
 * the next: an id may be skipped, never given twice.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ledger_dynamodb/ddb_internal.h"

enum { DDB_COUNTER_TRIES = 64 };

bool ddb_fail(const ledger_backend *b, const char *what, const ses_status *status, char *error,
              size_t error_size)
{
    snprintf(error, error_size, "%s: %s: %s%s%s", b->where, what, status->error_code,
             status->error_message[0] ? ": " : "", status->error_message);
    return false;
}

bool ddb_get(ledger_backend *b, const char *pk, const char *sk, ses_dynamodb_item *item,
             bool *found, char *error, size_t error_size)
{
    const ses_dynamodb_attr key[] = {{"pk", 'S', pk}, {"sk", 'S', sk}};
    ses_status status;
    if (!ses_dynamodb_get_item(b->client, b->table, key, 2, item, found, &status))
        return ddb_fail(b, "GetItem", &status, error, error_size);
    return true;
}

void ddb_remember_key(ledger_backend *b, int64_t id, const char *pk, const char *sk)
{
    ddb_known_key *slot = &b->known[b->known_next];
    b->known_next = (b->known_next + 1) % DDB_KEY_CACHE;
    slot->id = id;
    snprintf(slot->pk, sizeof slot->pk, "%s", pk);
    snprintf(slot->sk, sizeof slot->sk, "%s", sk);
}

bool ddb_delivery_key(ledger_backend *b, int64_t id, char *pk, char *sk, bool *found,
                             char *error, size_t error_size)
{
    for (size_t i = 0; i < DDB_KEY_CACHE; i++) {
        if (b->known[i].id == id) {
            snprintf(pk, DDB_KEY_SIZE, "%s", b->known[i].pk);
            snprintf(sk, DDB_KEY_SIZE, "%s", b->known[i].sk);
            *found = true;
            return true;
        }
    }
    char pointer[48];
    snprintf(pointer, sizeof pointer, "id#%" PRId64, id);
    ses_dynamodb_item item;
    if (!ddb_get(b, pointer, "id", &item, found, error, error_size))
        return false;
    const char *delivery_pk = *found ? ses_dynamodb_item_get(&item, "delivery_pk") : NULL;
    const char *delivery_sk = *found ? ses_dynamodb_item_get(&item, "delivery_sk") : NULL;
    *found = delivery_pk && delivery_sk;
    if (*found) {
        snprintf(pk, DDB_KEY_SIZE, "%s", delivery_pk);
        snprintf(sk, DDB_KEY_SIZE, "%s", delivery_sk);
        ddb_remember_key(b, id, pk, sk);
    }
    ses_dynamodb_item_free(&item);
    return true;
}

bool ddb_get_delivery(ledger_backend *b, int64_t id, ses_dynamodb_item *item, char *pk, char *sk,
                      char *error, size_t error_size)
{
    bool found = false;
    if (!ddb_delivery_key(b, id, pk, sk, &found, error, error_size))
        return false;
    if (found && !ddb_get(b, pk, sk, item, &found, error, error_size))
        return false;
    if (!found) {
        snprintf(error, error_size, "%s: no delivery %" PRId64, b->where, id);
        return false;
    }
    return true;
}

/* One try: the value read, then value+1 if nobody wrote it meanwhile. */
static ses_dynamodb_result ddb_counter_try(ledger_backend *b, const char *name, const char *month,
                                           int64_t *value, char *error, size_t error_size)
{
    ses_dynamodb_item item;
    bool found;
    if (!ddb_get(b, "meta#counter", name, &item, &found, error, error_size))
        return SES_DYNAMODB_FAILED;
    int64_t current = found ? ddb_item_number(&item, "next") : 0;
    ses_dynamodb_item_free(&item);
    char old_text[24], new_text[24];
    snprintf(old_text, sizeof old_text, "%" PRId64, current);
    snprintf(new_text, sizeof new_text, "%" PRId64, current + 1);
    const ses_dynamodb_attr key[] = {{"pk", 'S', "meta#counter"}, {"sk", 'S', name}};
    const ses_dynamodb_attr names[] = {{"#next", 'S', "next"}};
    const ses_dynamodb_attr values[] = {{":new", 'S', NULL}, {":m", 'S', month}};
    ses_dynamodb_attr set_values[] = {{":new", 'N', new_text}, values[1]};
    const ses_dynamodb_expression update = {
        month ? "SET #next = :new, first_month = if_not_exists(first_month, :m)"
              : "SET #next = :new",
        names, 1, set_values, month ? 2 : 1};
    const ses_dynamodb_attr old[] = {{":old", 'N', old_text}};
    const ses_dynamodb_expression condition = {
        current ? "#next = :old" : "attribute_not_exists(#next)", names, 1, old, current ? 1 : 0};
    ses_status status;
    ses_dynamodb_result result =
        ses_dynamodb_update_item(b->client, b->table, key, 2, &update, &condition, &status);
    if (result == SES_DYNAMODB_FAILED)
        ddb_fail(b, "counter", &status, error, error_size);
    *value = current + 1;
    return result;
}

bool ddb_counter_next(ledger_backend *b, const char *name, const char *month, int64_t *value,
                      char *error, size_t error_size)
{
    for (int i = 0; i < DDB_COUNTER_TRIES; i++) {
        ses_dynamodb_result result = ddb_counter_try(b, name, month, value, error, error_size);
        if (result == SES_DYNAMODB_DONE)
            return true;
        if (result == SES_DYNAMODB_FAILED)
            return false;
    }
    snprintf(error, error_size, "%s: counter %s: still taken after %d tries", b->where, name,
             DDB_COUNTER_TRIES);
    return false;
}
