/* sqs: the two Amazon SQS calls `briefing events` makes, ReceiveMessage and
 * DeleteMessageBatch, in SQS's JSON protocol, on an ses_client made for
 * service "sqs" (ses_config.service, its endpoint from
 * ses_resolve_service_endpoint): signed, retried and timed out like every
 * other AWS call. A long poll needs the client's query timeout above the
 * wait (ses_config.query_timeout_ms).
 *
 * A delete that fails leaves the message in the queue, where it comes back
 * and is applied again as a duplicate: nothing changes.
 */
#ifndef BRIEFING_SQS_H
#define BRIEFING_SQS_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/ses.h"

/* One received message; owned strings. */
typedef struct {
    char *message_id;
    char *receipt_handle;
    char *body;
} sqs_message;

/* ReceiveMessage: up to `max_messages` (1..10), waiting up to
 * `wait_seconds` (0..20) for the first. An empty queue is true with
 * `count` 0. Free with sqs_messages_free(). */
bool ses_sqs_receive(ses_client *client, const char *queue_url, int wait_seconds,
                     int max_messages, sqs_message **messages, size_t *count,
                     ses_status *status);
void sqs_messages_free(sqs_message *messages, size_t count);

/* DeleteMessageBatch, 10 at a time. False with the first failure, an
 * entry SQS could not delete included (it comes back later, a duplicate). */
bool ses_sqs_delete(ses_client *client, const char *queue_url,
                    const char *const *receipt_handles, size_t count, ses_status *status);

#endif
