/* batch_recipients: the one check of To/Cc/Bcc, for new sends, resends
 * (also byte-for-byte ones, whose headers are not rebuilt) and the
 * console's form alike. Each rule is a row of the table below; errors name
 * the field and the address as the operator typed it:
 *   To: "bob@@example.com" has two @ */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "briefing/mime.h"
#include "briefing/send.h"

typedef struct {
    const char *name;         /* "To" */
    char **addresses;         /* split on commas, trimmed */
    size_t count;
} batch_recipient_field;

enum { FIELD_TO, FIELD_CC, FIELD_BCC, FIELD_COUNT };

static bool batch_every_address_valid(batch_recipient_field *fields, char *error, size_t error_size)
{
    for (size_t f = 0; f < FIELD_COUNT; f++) {
        for (size_t i = 0; i < fields[f].count; i++) {
            if (!mime_address_check(fields[f].name, fields[f].addresses[i], error, error_size))
                return false;
        }
    }
    return true;
}

static bool batch_to_not_empty(batch_recipient_field *fields, char *error, size_t error_size)
{
    if (fields[FIELD_TO].count)
        return true;
    snprintf(error, error_size, "To is empty: give at least one To address (Cc and Bcc alone "
                                "hide whom the report is for)");
    return false;
}

static bool batch_within_ses_limit(batch_recipient_field *fields, char *error, size_t error_size)
{
    size_t total = fields[FIELD_TO].count + fields[FIELD_CC].count + fields[FIELD_BCC].count;
    if (total <= MIME_MAX_RECIPIENTS)
        return true;
    snprintf(error, error_size, "%zu recipients (To %zu + Cc %zu + Bcc %zu): SES takes at most %d",
             total, fields[FIELD_TO].count, fields[FIELD_CC].count, fields[FIELD_BCC].count,
             MIME_MAX_RECIPIENTS);
    return false;
}

/* True when `address` (bare, any case) is one of `field`'s. */
static bool batch_field_has(const batch_recipient_field *field, const char *address)
{
    strbuf bare = STRBUF_INIT, other = STRBUF_INIT;
    mime_address_bare(address, &bare);
    bool found = false;
    for (size_t i = 0; i < field->count && !found; i++) {
        strbuf_truncate(&other, 0);
        mime_address_bare(field->addresses[i], &other);
        found = strcasecmp(strbuf_cstr(&bare), strbuf_cstr(&other)) == 0;
    }
    strbuf_free(&bare);
    strbuf_free(&other);
    return found;
}

/* An address in both To and Bcc: a mistake (the Bcc copy is no secret and
 * the recipient gets two), usually a Bcc default copied into To. */
static bool batch_to_not_in_bcc(batch_recipient_field *fields, char *error, size_t error_size)
{
    for (size_t i = 0; i < fields[FIELD_TO].count; i++) {
        if (batch_field_has(&fields[FIELD_BCC], fields[FIELD_TO].addresses[i])) {
            snprintf(error, error_size, "\"%s\" is in both To and Bcc: keep it in one",
                     fields[FIELD_TO].addresses[i]);
            return false;
        }
    }
    return true;
}

static bool (*const batch_recipient_rules[])(batch_recipient_field *, char *, size_t) = {
    batch_every_address_valid,
    batch_to_not_empty,
    batch_within_ses_limit,
    batch_to_not_in_bcc,
};

bool batch_recipients_valid(const recipients *r, char *error, size_t error_size)
{
    batch_recipient_field fields[FIELD_COUNT] = {{"To", NULL, 0}, {"Cc", NULL, 0}, {"Bcc", NULL, 0}};
    const char *lists[FIELD_COUNT] = {r->to, r->cc, r->bcc};
    for (size_t f = 0; f < FIELD_COUNT; f++)
        fields[f].count = mime_address_split(lists[f] ? lists[f] : "", &fields[f].addresses);
    bool ok = true;
    for (size_t i = 0; ok && i < sizeof batch_recipient_rules / sizeof batch_recipient_rules[0]; i++)
        ok = batch_recipient_rules[i](fields, error, error_size);
    for (size_t f = 0; f < FIELD_COUNT; f++)
        mime_address_list_free(fields[f].addresses, fields[f].count);
    return ok;
}
