/* s3: the Amazon S3 calls the archive on S3 needs (issue 11): PutObject
 * with a SHA-256 checksum and tags, GetObject (its checksum read back) and
 * HeadObject, signed with SigV4 for service "s3", retried like every AWS
 * call (throttling, 5xx, a connection that failed: all three calls are
 * safe to repeat; the same key with the same bytes is the same object).
 *
 * Where an object lives: BRIEFING_ARCHIVE=s3://BUCKET/PREFIX, each file at
 * PREFIX/YYYY-MM-DD/<file> (docs/ledger.md, "Archive on S3"). The endpoint
 * is AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, the profile's, else
 * https://s3.<region>.amazonaws.com; requests are path-style
 * (endpoint/BUCKET/KEY) when the endpoint is not AWS's or the profile's
 * s3 addressing_style says path, virtual-hosted (BUCKET.endpoint/KEY)
 * otherwise.
 *
 * S3 signs differently from the other services: the canonical URI is the
 * key percent-encoded once (not normalised, not encoded twice), and the
 * payload's hash travels signed in x-amz-content-sha256.
 */
#ifndef BRIEFING_S3_H
#define BRIEFING_S3_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "briefing/ses.h"
#include "briefing/sigv4.h"
#include "briefing/strbuf.h"

/* ---- where: s3://BUCKET/PREFIX ---- */

/* Invariant: `bucket` is a valid S3 bucket name (3-63 of a-z 0-9 . -,
 * starting and ending with a letter or digit); `prefix` has no leading or
 * trailing '/', no empty segment, and may be "" (the bucket's root). */
typedef struct {
    char bucket[64];
    char prefix[512];
} s3_location;

/* Parses "s3://BUCKET/PREFIX" (PREFIX optional). False with why, the
 * value quoted: "s3 archive \"s3:/x\": must start with s3://". */
bool s3_location_parse(const char *uri, s3_location *out, char *error, size_t error_size);

/* The key of `file` archived on `date` ("YYYY-MM-DD"):
 * PREFIX/YYYY-MM-DD/file. False when `date` is not a date, `file` is
 * empty or holds a '/', or the key would pass S3's 1024 bytes. */
bool s3_archive_key(const s3_location *where, const char *date, const char *file, char *key,
                    size_t key_size, char *error, size_t error_size);

/* ---- what a request carries ---- */

/* The base64 of the SHA-256 of the bytes: x-amz-checksum-sha256 (45 bytes). */
void s3_checksum_sha256(const void *data, size_t length, char base64[45]);

/* The archive's tags as x-amz-tagging wants them: a URL-encoded query,
 * "report-type=...&entity=...&generated-date=..." (into `out`). */
void s3_archive_tagging(const char *report_type, const char *entity, const char *generated_date,
                        strbuf *out);

/* How the bucket goes into the URL. */
typedef enum {
    S3_ADDRESSING_AUTO,       /* virtual-hosted on AWS's endpoints, path-style elsewhere */
    S3_ADDRESSING_PATH,
    S3_ADDRESSING_VIRTUAL,
} s3_addressing;

/* One object's URL as sent, and the Host and path as signed (the path is
 * the key before encoding: the signer encodes it once). */
typedef struct {
    char url[3072];
    char host[320];
    char path[2048];
} s3_target;

/* Builds the target of `key` (or of the bucket when `key` is NULL) in
 * `bucket` on `endpoint`. False with why when the endpoint is not a URL. */
bool s3_object_target(const char *endpoint, const char *bucket, const char *key,
                      s3_addressing addressing, s3_target *out, char *error, size_t error_size);

/* The profile's s3 addressing_style ("path", "virtual", "auto" or unset).
 * False with "file: why" when the files are malformed or the value is not
 * one of those. `aws_dir` as in ses_credential_inputs. */
bool s3_profile_addressing(const char *aws_dir, s3_addressing *out, char *error,
                           size_t error_size);

/* One S3 request before it is signed. */
typedef struct {
    const char *method;           /* "PUT", "GET", "HEAD" */
    const char *query;            /* raw query without '?' ("tagging"), or NULL */
    const void *body;             /* PUT's bytes; NULL: none */
    size_t body_length;
    const char *content_type;     /* PUT; NULL: none */
    const char *checksum_sha256;  /* base64 (s3_checksum_sha256); NULL: not sent */
    const char *tagging;          /* URL-encoded (s3_archive_tagging); NULL: none */
    bool checksum_mode;           /* GET/HEAD: x-amz-checksum-mode: ENABLED */
} s3_request;

/* Signs `request` to `target` at `when`: appends every header to send as
 * "Name: value" lines (Host, the x-amz-* ones, Authorization) to `headers`,
 * and leaves the signature in `result` (free with sigv4_result_free).
 * Lines hold the session token: the caller wipes them. */
void s3_sign(const s3_target *target, const s3_request *request,
             const sigv4_credentials *credentials, const char *region, time_t when,
             strbuf *headers, sigv4_result *result);

/* ---- the client ---- */

typedef struct {
    const char *endpoint;         /* resolved (ses_resolve_service_endpoint "s3") */
    const char *region;
    const char *bucket;
    s3_addressing addressing;
    ses_credentials credentials;
    char ca_bundle[1024];         /* "": the system's */
    long connect_timeout_ms;      /* 0: 5000 */
    long request_timeout_ms;      /* 0: 60000 */
    int max_attempts;             /* 0: 3 */
    double backoff_base_seconds;  /* 0: 1.0 */
    double backoff_cap_seconds;   /* 0: 20 */
} s3_config;

typedef struct s3_client s3_client;

s3_client *s3_client_new(const s3_config *config, char *error, size_t error_size);
void s3_client_free(s3_client *client);

/* What S3 said of an object. Invariant: `checksum_sha256` is the base64
 * S3 answered with (GET/HEAD with checksum mode), "" when it gave none. */
typedef struct {
    char checksum_sha256[64];
    char etag[80];
    long long content_length;     /* HEAD; -1 unknown */
} s3_object_info;

/* PutObject `body` at `key` with its checksum (S3 refuses the upload when
 * the bytes it got do not match) and `tagging` (NULL: none). `status`
 * says why on failure (ses_status: code, message, attempts). */
bool s3_put_object(s3_client *client, const char *key, const void *body, size_t length,
                   const char *content_type, const char *tagging, s3_object_info *info,
                   ses_status *status);

/* GetObject: the bytes appended to `body`, and `info` with the stored
 * checksum (asked for with x-amz-checksum-mode: ENABLED). */
bool s3_get_object(s3_client *client, const char *key, strbuf *body, s3_object_info *info,
                   ses_status *status);

/* HeadObject: true with *exists false when S3 answers 404. */
bool s3_head_object(s3_client *client, const char *key, bool *exists, s3_object_info *info,
                    ses_status *status);

/* GetObjectTagging: the TagSet as "key=value" lines appended to `tags`. */
bool s3_get_object_tagging(s3_client *client, const char *key, strbuf *tags,
                           ses_status *status);

#endif
