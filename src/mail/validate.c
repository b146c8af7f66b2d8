/* validate: every input of a mime_message is checked before anything is
 * built, so a bad message fails whole and nothing half-made reaches SES.
 *
 * Errors start with the field: an address by its header, with the address as
 * given ("Cc: \"bob@@example.com\" has two @"), other inputs as mime_message
 * names them ("subject: ...").
 */
#include <stdio.h>
#include <string.h>

#include "briefing/utf8.h"
#include "mail/mime_internal.h"

#define REASON_MAX 200

static bool field_error(char *error, size_t error_size, const char *field, const char *reason)
{
    snprintf(error, error_size, "%s: %s", field, reason);
    return false;
}

static bool address_list_valid(const char *header, const char *const *list, size_t count, char *error,
                               size_t error_size)
{
    for (size_t i = 0; i < count; i++)
        if (!mime_address_check(header, list[i], error, error_size))
            return false;
    return true;
}

static bool recipient_count_valid(const mime_message *message, char *error, size_t error_size)
{
    size_t total = message->to_count + message->cc_count + message->bcc_count;
    if (total == 0)
        return field_error(error, error_size, "recipients", "none (To, Cc and Bcc are all empty)");
    if (total <= MIME_MAX_RECIPIENTS)
        return true;
    snprintf(error, error_size, "recipients: %zu (To %zu + Cc %zu + Bcc %zu) is over SES's limit of %d",
             total, message->to_count, message->cc_count, message->bcc_count, MIME_MAX_RECIPIENTS);
    return false;
}

/* A header value; `required` says whether NULL is an error or "absent". */
static bool header_value_valid(const char *field, const char *value, bool required, char *error,
                               size_t error_size)
{
    char reason[REASON_MAX];
    if (!value)
        return !required || field_error(error, error_size, field, "missing");
    if (mime_header_text_valid(value, reason, sizeof reason))
        return true;
    return field_error(error, error_size, field, reason);
}

static bool body_valid(const char *field, const char *body, char *error, size_t error_size)
{
    if (!body)
        return field_error(error, error_size, field, "missing");
    size_t bad;
    if (utf8_valid(body, strlen(body), &bad))
        return true;
    snprintf(error, error_size, "%s: not UTF-8 (byte %zu)", field, bad + 1);
    return false;
}

bool mime_message_validate(const mime_message *message, char *error, size_t error_size)
{
    return address_list_valid("From", &message->from, 1, error, error_size) &&
           recipient_count_valid(message, error, error_size) &&
           address_list_valid("To", message->to, message->to_count, error, error_size) &&
           address_list_valid("Cc", message->cc, message->cc_count, error, error_size) &&
           address_list_valid("Bcc", message->bcc, message->bcc_count, error, error_size) &&
           header_value_valid("subject", message->subject, true, error, error_size) &&
           header_value_valid("report_id", message->report_id, true, error, error_size) &&
           header_value_valid("delivery_id", message->delivery_id, false, error, error_size) &&
           body_valid("text", message->text, error, error_size) &&
           body_valid("html", message->html, error, error_size);
}
