/* json_api: the error answers of AWS's JSON APIs (SES v2's REST JSON, SQS's
 * JSON 1.0), read with jansson.
 *
 * The error's name travels in the x-amzn-ErrorType header
 * ("NotFoundException:http://internal.amazon.com/coral/..."), or in the
 * body's "__type" ("com.amazonaws.sqs#QueueDoesNotExist") or "code"; the
 * text in "message" (or "Message"). Only the name before ':' or after '#'
 * is kept: it is what the retry and authentication rules compare.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "ses/ses_internal.h"

/* "a#Name:extra" -> "Name" into `out`. */
static void json_error_name(const char *text, char *out, size_t out_size)
{
    const char *hash = strrchr(text, '#');
    const char *start = hash ? hash + 1 : text;
    size_t length = strcspn(start, ":");
    if (length >= out_size)
        length = out_size - 1;
    memcpy(out, start, length);
    out[length] = '\0';
}

static const char *json_member_text(const json_t *root, const char *const *names, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const char *text = json_string_value(json_object_get(root, names[i]));
        if (text && text[0])
            return text;
    }
    return NULL;
}

bool ses_json_parse_error(const char *error_type_header, const char *body, size_t length,
                          ses_status *status)
{
    static const char *const type_names[] = {"__type", "code", "type"};
    static const char *const message_names[] = {"message", "Message", "detail"};
    json_t *root = length ? json_loadb(body, length, 0, NULL) : NULL;
    const char *type = error_type_header && error_type_header[0]
                           ? error_type_header
                           : json_member_text(root, type_names, 3);
    bool named = type != NULL;
    if (named) {
        char name[sizeof status->error_code];
        json_error_name(type, name, sizeof name);
        ses_copy_text(status->error_code, sizeof status->error_code, name);
        const char *message = json_member_text(root, message_names, 3);
        ses_copy_text(status->error_message, sizeof status->error_message,
                      message ? message : "");
    }
    json_decref(root);
    return named;
}
