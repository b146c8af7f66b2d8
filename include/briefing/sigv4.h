/* sigv4: AWS Signature Version 4 with OpenSSL, no SDK.
 *
 * Reproduces AWS's test suite byte for byte (tests/fixtures/aws-sigv4-test-suite):
 * canonical request, string to sign, signature and Authorization header.
 * The payload is hashed once by the caller (sigv4_payload_hash) so a retry
 * re-signs with a new date without hashing the body again.
 */
#ifndef BRIEFING_SIGV4_H
#define BRIEFING_SIGV4_H

#include <stddef.h>
#include <time.h>

#include "briefing/strbuf.h"

typedef struct {
    const char *access_key_id;
    const char *secret_access_key;
    const char *session_token;   /* NULL unless temporary credentials */
} sigv4_credentials;

typedef struct {
    const char *name;            /* as sent; canonicalised (lower case, trimmed) when signing */
    const char *value;
} sigv4_header;

typedef struct {
    const char *method;          /* "POST" */
    const char *path;            /* raw path, before normalisation: "/" */
    const char *query;           /* raw query without '?', or NULL */
    const sigv4_header *headers; /* must include Host; X-Amz-Date is added by signing */
    size_t header_count;
    const char *payload_hash;    /* lower-case hex SHA-256 of the body */
} sigv4_request;

typedef struct {
    strbuf canonical_request;
    strbuf string_to_sign;
    char signature[65];
    char amz_date[17];           /* "20150830T123600Z" */
    strbuf authorization;        /* full Authorization header value */
} sigv4_result;

/* Lower-case hex SHA-256 of `data` into `hex` (65 bytes). */
void sigv4_payload_hash(const void *data, size_t length, char hex[65]);

/* Signs `request` at time `when` for `region`/`service`. The request's own
 * X-Amz-Date header, if any, is ignored in favour of `when`; with a session
 * token X-Amz-Security-Token is signed. `normalize_path` is true for every
 * service but S3. Free the result with sigv4_result_free(). */
void sigv4_sign(const sigv4_request *request, const sigv4_credentials *credentials,
                const char *region, const char *service, time_t when, int normalize_path,
                sigv4_result *result);
void sigv4_result_free(sigv4_result *result);

#endif
