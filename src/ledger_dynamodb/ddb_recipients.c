/* ddb_recipients: a sent delivery's recipients, kept in its own item.
 *
 * SQLite makes one row per bare address of the To, Cc and Bcc when a
 * delivery is marked sent, in the same transaction. Here they are
 * attributes of the delivery item (r<i>_address, r<i>_kind, r<i>_outcome,
 * r<i>_at, r<i>_opens, r<i>_clicks, r<i>_detail; r_count), written by the
 * same UpdateItem that makes it `sent`: one item, one atomic write. An
 * address in two lists, or already named by an event, is recorded once.
 */
#include <stdlib.h>
#include <strings.h>

#include "briefing/mime.h"
#include "ledger_dynamodb/ddb_internal.h"

typedef struct {
    char *addresses[DDB_MAX_RECIPIENTS];
    const char *kinds[DDB_MAX_RECIPIENTS];
    size_t count;
} ddb_recipient_list;

static void ddb_recipients_add(ddb_recipient_list *list, const char *kind, const char *field)
{
    char **entries;
    size_t count = mime_address_split(field, &entries);
    for (size_t i = 0; i < count && list->count < DDB_MAX_RECIPIENTS; i++) {
        strbuf bare = STRBUF_INIT;
        mime_address_bare(entries[i], &bare);
        bool seen = strbuf_cstr(&bare)[0] == '\0';
        for (size_t j = 0; j < list->count && !seen; j++)
            seen = strcasecmp(list->addresses[j], strbuf_cstr(&bare)) == 0;
        if (seen) {
            strbuf_free(&bare);
            continue;
        }
        list->kinds[list->count] = kind;
        list->addresses[list->count++] = strbuf_detach(&bare);
    }
    mime_address_list_free(entries, count);
}

void ddb_recipients_sent(const ses_dynamodb_item *delivery, time_t at, ddb_changes *c)
{
    static const struct {
        const char *kind;
        const char *attribute;
    } fields[] = {{"to", "to"}, {"cc", "cc"}, {"bcc", "bcc"}};
    ddb_recipient_list list = {{NULL}, {NULL}, 0};
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
        ddb_recipients_add(&list, fields[i].kind,
                           ses_dynamodb_item_get(delivery, fields[i].attribute));
    size_t known = ddb_item_recipient_count(delivery); /* made by events before: kept */
    size_t added = 0;
    for (size_t i = 0; i < list.count; i++) {
        char name[32];
        if (ddb_item_recipient_index(delivery, list.addresses[i]) >= 0) {
            free(list.addresses[i]);
            continue;
        }
        size_t at_index = known + added++;
        ddb_recipient_attr(at_index, "address", name, sizeof name);
        ddb_changes_text(c, name, list.addresses[i]);
        ddb_recipient_attr(at_index, "kind", name, sizeof name);
        ddb_changes_text(c, name, list.kinds[i]);
        ddb_recipient_attr(at_index, "outcome", name, sizeof name);
        ddb_changes_text(c, name, ledger_outcome_name(OUTCOME_SENT));
        ddb_recipient_attr(at_index, "at", name, sizeof name);
        ddb_changes_number(c, name, (int64_t)at);
        ddb_recipient_attr(at_index, "opens", name, sizeof name);
        ddb_changes_number(c, name, 0);
        ddb_recipient_attr(at_index, "clicks", name, sizeof name);
        ddb_changes_number(c, name, 0);
        free(list.addresses[i]);
    }
    ddb_changes_number(c, "r_count", (int64_t)(known + added));
}
