/* send_archive_s3: the archive on S3 (BRIEFING_ARCHIVE=s3://BUCKET/PREFIX).
 *
 * A message's three spooled files go to PREFIX/YYYY-MM-DD/<name>.{eml,txt,html}
 * where YYYY-MM-DD is the spool folder's (the send's UTC date) and <name>
 * is the spool's stem with the first 12 hex digits of the .eml's SHA-256:
 * two machines whose spools both hold "cfo-portfolio.eml" that day never
 * write one key (their messages differ: delivery id, Message-ID, time),
 * while the same message put twice (sync) lands on the same key. Each
 * PutObject carries x-amz-checksum-sha256 (base64 of the file's SHA-256,
 * for the .eml the ledger's message_sha256) and the tags report-type
 * (persona), entity (scope) and generated-date (the folder's date).
 *
 * The client uses the SES connection's credentials and region, S3's own
 * endpoint (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, the profile's, else
 * the region's) and the profile's s3 addressing_style.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "briefing/digest.h"
#include "send/send_archive_internal.h"

/* What goes up per message, in this order: the .eml first, so a message
 * whose .eml is missing on S3 is never recorded there. */
static const struct {
    const char *extension;
    const char *content_type;
} archive_s3_files[] = {
    {"eml", "message/rfc822"},
    {"txt", "text/plain; charset=utf-8"},
    {"html", "text/html; charset=utf-8"},
};

enum { ARCHIVE_S3_NAME_HASH_DIGITS = 12 };

static bool archive_s3_open(send_archive *a, const char *value, char *error, size_t error_size)
{
    return s3_location_parse(value, &a->s3, error, error_size);
}

/* A client on the SES connection's credentials for `bucket`. */
static s3_client *archive_s3_client(const briefing_config *c, const char *bucket, char *error,
                                    size_t error_size)
{
    send_connection connection;
    char endpoint[1024], why[768];
    s3_addressing addressing = S3_ADDRESSING_AUTO;
    if (!send_connection_resolve(c, &connection, why, sizeof why) ||
        !ses_resolve_service_endpoint(c->overrides.aws_dir, "s3", connection.region, endpoint,
                                      sizeof endpoint, why, sizeof why) ||
        !s3_profile_addressing(c->overrides.aws_dir, &addressing, why, sizeof why)) {
        snprintf(error, error_size, "S3 archive: %s", why);
        return NULL;
    }
    s3_config config = {
        .endpoint = endpoint,
        .region = connection.region,
        .bucket = bucket,
        .addressing = addressing,
        .credentials = connection.ses.credentials,
        .max_attempts = connection.ses.max_attempts,
        .backoff_base_seconds = connection.ses.backoff_base_seconds,
    };
    snprintf(config.ca_bundle, sizeof config.ca_bundle, "%s", connection.ses.ca_bundle);
    s3_client *client = s3_client_new(&config, why, sizeof why);
    if (!client)
        snprintf(error, error_size, "S3 archive: %s", why);
    return client;
}

/* The spool's folder date and stem of `eml_path` (".../2026-12-07/cfo-portfolio-2.eml"). */
static bool archive_s3_spool_names(const char *eml_path, char *date, size_t date_size,
                                   char *stem, size_t stem_size, char *error, size_t error_size)
{
    const char *file = strrchr(eml_path, '/');
    size_t length = file ? strlen(file + 1) : 0;
    if (!file || file == eml_path || length <= 4 || strcmp(file + 1 + length - 4, ".eml") != 0) {
        snprintf(error, error_size, "%s: not an archived .eml in a dated folder", eml_path);
        return false;
    }
    const char *folder = file;
    while (folder > eml_path && folder[-1] != '/')
        folder--;
    snprintf(date, date_size, "%.*s", (int)(file - folder), folder);
    snprintf(stem, stem_size, "%.*s", (int)(length - 4), file + 1);
    return true;
}

/* Whether `key` is on S3 already with `checksum`: an upload that sync
 * need not make again. False with `status` when S3 could not say. */
static bool archive_s3_present(s3_client *client, const char *key, const char *checksum,
                               bool *present, ses_status *status)
{
    bool exists = false;
    s3_object_info info;
    if (!s3_head_object(client, key, &exists, &info, status))
        return false;
    *present = exists && strcmp(info.checksum_sha256, checksum) == 0;
    return true;
}

/* One file of the message: read from the spool, checked, put. */
static bool archive_s3_put_file(send_archive *a, const send_archive_entry *entry, size_t which,
                                const char *date, const char *name, const char *tagging,
                                bool check_first, bool *uploaded, char *key, size_t key_size,
                                char *error, size_t error_size)
{
    const char *extension = archive_s3_files[which].extension;
    char local[4200], file[600];
    send_archive_sibling(entry->eml_path, extension, local, sizeof local);
    snprintf(file, sizeof file, "%s.%s", name, extension);
    if (!s3_archive_key(&a->s3, date, file, key, key_size, error, error_size))
        return false;
    strbuf bytes = STRBUF_INIT;
    bool ok = strbuf_read_file(&bytes, local, SEND_ARCHIVE_MAX_BYTES) == 0;
    if (!ok)
        snprintf(error, error_size, "%s: cannot read the spooled file: %s", local,
                 strerror(errno));
    char hex[65], checksum[45];
    digest_sha256_hex(bytes.data ? bytes.data : "", bytes.len, hex);
    s3_checksum_sha256(bytes.data ? bytes.data : "", bytes.len, checksum);
    if (ok && which == 0 && strcmp(hex, entry->sha256) != 0) {
        snprintf(error, error_size,
                 "%s: the spooled message does not match the ledger's SHA-256 %.12s...: "
                 "not uploaded", local, entry->sha256);
        ok = false;
    }
    ses_status status;
    bool present = false;
    if (ok && check_first)
        ok = archive_s3_present(a->client, key, checksum, &present, &status);
    if (ok && !present) {
        s3_object_info info;
        ok = s3_put_object(a->client, key, bytes.data ? bytes.data : "", bytes.len,
                           archive_s3_files[which].content_type, tagging, &info, &status);
        *uploaded = *uploaded || ok;
    }
    if (!ok && !error[0])
        snprintf(error, error_size, "%s", status.error_message);
    strbuf_free(&bytes);
    return ok;
}

static bool archive_s3_connect(send_archive *a, char *error, size_t error_size)
{
    if (!a->client)
        a->client = archive_s3_client(a->config, a->s3.bucket, error, error_size);
    return a->client != NULL;
}

static bool archive_s3_put(send_archive *a, const send_archive_entry *entry, bool check_first,
                           send_archive_put_result *result, char *location,
                           size_t location_size, char *error, size_t error_size)
{
    error[0] = '\0';
    char date[64], stem[400], name[420];
    if (!archive_s3_spool_names(entry->eml_path, date, sizeof date, stem, sizeof stem, error,
                                error_size))
        return false;
    snprintf(name, sizeof name, "%s-%.*s", stem, ARCHIVE_S3_NAME_HASH_DIGITS, entry->sha256);
    if (!archive_s3_connect(a, error, error_size))
        return false;
    strbuf tagging = STRBUF_INIT;
    s3_archive_tagging(entry->persona, entry->scope, date, &tagging);
    bool uploaded = false, ok = true;
    char eml_key[1100], key[1100];
    for (size_t i = 0; ok && i < sizeof archive_s3_files / sizeof archive_s3_files[0]; i++)
        ok = archive_s3_put_file(a, entry, i, date, name, strbuf_cstr(&tagging), check_first,
                                 &uploaded, i == 0 ? eml_key : key, sizeof key, error,
                                 error_size);
    strbuf_free(&tagging);
    if (!ok)
        return false;
    *result = uploaded ? ARCHIVE_PUT_UPLOADED : ARCHIVE_PUT_ALREADY_THERE;
    snprintf(location, location_size, "%s%s/%s", SEND_ARCHIVE_S3_SCHEME, a->s3.bucket, eml_key);
    return true;
}

/* GetObject with checksum mode: the bytes, checked against the checksum
 * S3 kept, when given. Bytes that are not the ledger's (`sha256`) are
 * returned as they are: send_archive_read refuses them with the ledger's
 * hash, the same words for every kind of archive. */
static bool archive_s3_read(const briefing_config *c, const char *location, const char *sha256,
                            strbuf *out, char *error, size_t error_size)
{
    s3_location where; /* its prefix is the object's key */
    if (!s3_location_parse(location, &where, error, error_size))
        return false;
    if (!where.prefix[0]) {
        snprintf(error, error_size, "%s: no object key after the bucket", location);
        return false;
    }
    s3_client *client = archive_s3_client(c, where.bucket, error, error_size);
    if (!client)
        return false;
    size_t start = out->len;
    s3_object_info info;
    ses_status status;
    bool ok = s3_get_object(client, where.prefix, out, &info, &status);
    s3_client_free(client);
    if (!ok) {
        snprintf(error, error_size, "%s: %s", location,
                 status.http_status == 404 ? "no such object on S3" : status.error_message);
        return false;
    }
    char hex[65], checksum[45];
    digest_sha256_hex(out->data ? out->data + start : "", out->len - start, hex);
    s3_checksum_sha256(out->data ? out->data + start : "", out->len - start, checksum);
    bool ledgers = !sha256 || strcmp(hex, sha256) == 0;
    if (ledgers && info.checksum_sha256[0] && strcmp(info.checksum_sha256, checksum) != 0) {
        snprintf(error, error_size, "%s: its bytes do not match the checksum S3 stored "
                 "(S3 %s, object %s): refused", location, info.checksum_sha256, checksum);
        strbuf_truncate(out, start);
        return false;
    }
    return true;
}

static void archive_s3_close(send_archive *a)
{
    s3_client_free(a->client);
    a->client = NULL;
}

const send_archive_ops send_archive_s3_ops = {
    .kind = "s3",
    .open = archive_s3_open,
    .connect = archive_s3_connect,
    .put = archive_s3_put,
    .read = archive_s3_read,
    .close = archive_s3_close,
};
