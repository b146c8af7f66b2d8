/* sqs: ReceiveMessage and DeleteMessageBatch for `briefing events`, through
 * ses_sqs_call (the client's JSON protocol: signed for "sqs", retried on
 * throttling and 5xx like every call; both are safe to repeat). Bodies are
 * written and read with jansson.
 */
#include "briefing/sqs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "ses/ses_internal.h"

enum { SQS_BATCH_MAX = 10 }; /* DeleteMessageBatch's limit */

static const char *sqs_member_or(const json_t *object, const char *name, const char *fallback)
{
    const char *value = json_string_value(json_object_get(object, name));
    return value ? value : fallback;
}

static char *sqs_strdup_member(const json_t *object, const char *name)
{
    char *copy = strdup(sqs_member_or(object, name, ""));
    if (!copy) {
        fputs("briefing: out of memory\n", stderr);
        abort();
    }
    return copy;
}

void sqs_messages_free(sqs_message *messages, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        free(messages[i].message_id);
        free(messages[i].receipt_handle);
        free(messages[i].body);
    }
    free(messages);
}

/* What ReceiveMessage's reader fills. */
typedef struct {
    sqs_message *messages;
    size_t count;
} sqs_received;

/* {"Messages": [{"MessageId", "ReceiptHandle", "Body"}, ...]}; no
 * "Messages" (or an empty answer): nothing queued. */
static const char *sqs_receive_read(void *context, const char *body, size_t length)
{
    sqs_received *out = context;
    json_t *root = length ? json_loadb(body, length, 0, NULL) : json_object();
    if (!json_is_object(root)) {
        json_decref(root);
        return "the answer is not a JSON object";
    }
    const json_t *list = json_object_get(root, "Messages");
    size_t n = json_is_array(list) ? json_array_size(list) : 0;
    const char *why = NULL;
    for (size_t i = 0; i < n && !why; i++)
        if (!json_string_value(json_object_get(json_array_get(list, i), "ReceiptHandle")))
            why = "a message without a ReceiptHandle";
    if (!why && n) {
        out->messages = calloc(n, sizeof *out->messages);
        if (!out->messages) {
            fputs("briefing: out of memory\n", stderr);
            abort();
        }
        for (size_t i = 0; i < n; i++) {
            const json_t *m = json_array_get(list, i);
            out->messages[i].message_id = sqs_strdup_member(m, "MessageId");
            out->messages[i].receipt_handle = sqs_strdup_member(m, "ReceiptHandle");
            out->messages[i].body = sqs_strdup_member(m, "Body");
        }
        out->count = n;
    }
    json_decref(root);
    return why;
}

bool ses_sqs_receive(ses_client *client, const char *queue_url, int wait_seconds,
                     int max_messages, sqs_message **messages, size_t *count,
                     ses_status *status)
{
    sqs_received out = {NULL, 0};
    bool ok = ses_sqs_call(client, "ReceiveMessage",
                           json_pack("{s:s, s:i, s:i}", "QueueUrl", queue_url,
                                     "MaxNumberOfMessages", max_messages, "WaitTimeSeconds",
                                     wait_seconds),
                           sqs_receive_read, &out, status);
    if (!ok) {
        /* a retried attempt may have read an answer before a later one failed */
        sqs_messages_free(out.messages, out.count);
        out.messages = NULL;
        out.count = 0;
    }
    *messages = out.messages;
    *count = out.count;
    return ok;
}

/* DeleteMessageBatch answers 200 even when entries failed: they are listed
 * in "Failed", and count as a failure here. */
static const char *sqs_delete_read(void *context, const char *body, size_t length)
{
    char *why = context;
    json_t *root = json_loadb(body, length, 0, NULL);
    const json_t *failed = json_object_get(root, "Failed");
    if (json_is_array(failed) && json_array_size(failed) > 0) {
        const json_t *first = json_array_get(failed, 0);
        snprintf(why, 256, "%zu not deleted: %s: %s", json_array_size(failed),
                 sqs_member_or(first, "Code", "?"), sqs_member_or(first, "Message", ""));
    }
    json_decref(root);
    return why[0] ? why : NULL;
}

bool ses_sqs_delete(ses_client *client, const char *queue_url,
                    const char *const *receipt_handles, size_t count, ses_status *status)
{
    for (size_t done = 0; done < count; done += SQS_BATCH_MAX) {
        size_t some = count - done < SQS_BATCH_MAX ? count - done : SQS_BATCH_MAX;
        json_t *entries = json_array();
        for (size_t i = 0; i < some; i++) {
            char id[16];
            snprintf(id, sizeof id, "m%zu", i);
            json_array_append_new(entries, json_pack("{s:s, s:s}", "Id", id, "ReceiptHandle",
                                                     receipt_handles[done + i]));
        }
        char why[256] = "";
        if (!ses_sqs_call(client, "DeleteMessageBatch",
                          json_pack("{s:s, s:o}", "QueueUrl", queue_url, "Entries", entries),
                          sqs_delete_read, why, status))
            return false;
    }
    return true;
}
