/* sqs: the few Amazon SQS calls `briefing events` makes, in SQS's JSON
 * protocol (AWS_JSON_1_0: POST /, X-Amz-Target: AmazonSQS.<Action>),
 * signed with SigV4 for service "sqs" with the SES credentials.
 *
 * No retries of its own: a receive that fails is tried again by the next
 * run, and a delete that fails leaves the message in the queue, where it
 * comes back and is applied again as a duplicate (nothing changes).
 * Errors read "SQS <Action>: <code>: <message>", never a secret.
 */
#ifndef BRIEFING_SQS_H
#define BRIEFING_SQS_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/ses.h"

/* The endpoint: AWS_ENDPOINT_URL_SQS, AWS_ENDPOINT_URL, the AWS profile's
 * [services] sqs endpoint_url then its endpoint_url, else
 * https://sqs.<region>.amazonaws.com; https, or http to loopback only.
 * `aws_dir` as in ses_credential_inputs. False with "origin: why". */
bool sqs_resolve_endpoint(const char *aws_dir, const char *region, char *out, size_t out_size,
                          char *error, size_t error_size);

typedef struct {
    const char *endpoint;
    const char *region;
    ses_credentials credentials;
    const char *ca_bundle;       /* NULL or "": the system's */
} sqs_config;

typedef struct sqs_client sqs_client;

sqs_client *sqs_client_new(const sqs_config *config, char *error, size_t error_size);
void sqs_client_free(sqs_client *client);

/* One received message; owned strings. */
typedef struct {
    char *message_id;
    char *receipt_handle;
    char *body;
} sqs_message;

/* ReceiveMessage: up to `max_messages` (1..10), waiting up to
 * `wait_seconds` (0..20) for the first. An empty queue is true with
 * `count` 0. Free with sqs_messages_free(). */
bool sqs_receive(sqs_client *client, const char *queue_url, int wait_seconds, int max_messages,
                 sqs_message **messages, size_t *count, char *error, size_t error_size);
void sqs_messages_free(sqs_message *messages, size_t count);

/* DeleteMessageBatch, 10 at a time. False with the first failure (the
 * entries SQS could not delete come back later, as duplicates). */
bool sqs_delete(sqs_client *client, const char *queue_url, const char *const *receipt_handles,
                size_t count, char *error, size_t error_size);

#endif
