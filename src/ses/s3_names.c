/* s3_names: the pure half of the S3 client (briefing/s3.h): where an
 * archive lives (s3://BUCKET/PREFIX), an archived file's key, an object's
 * URL in either addressing style, the checksum and tagging headers, and
 * the S3 way of signing (canonical URI encoded once, never normalised;
 * x-amz-content-sha256 signed). No I/O here but the profile's file.
 */
#include "briefing/s3.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "briefing/digest.h"
#include "ses/aws_internal.h"
#include "ses/ses_internal.h"

enum { S3_KEY_MAX = 1024 };   /* S3's limit on a key, in bytes */

static const char S3_SCHEME[] = "s3://";
static const char AWS_DOMAIN[] = ".amazonaws.com";

/* ---- s3://BUCKET/PREFIX ---- */

/* Why `name` is not a bucket name, or NULL (S3's general purpose rules). */
static const char *s3_bucket_name_problem(const char *name, size_t length)
{
    if (length < 3 || length > 63)
        return "a bucket name has 3 to 63 characters";
    if (strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789.-") < length)
        return "a bucket name holds only a-z, 0-9, '.' and '-'";
    if (!isalnum((unsigned char)name[0]) || !isalnum((unsigned char)name[length - 1]))
        return "a bucket name starts and ends with a letter or a digit";
    for (size_t i = 1; i < length; i++)
        if (name[i] == '.' && name[i - 1] == '.')
            return "a bucket name has no two '.' in a row";
    return NULL;
}

/* Why `prefix` (after the bucket's '/') is not a usable prefix, or NULL. */
static const char *s3_prefix_problem(const char *prefix, size_t length)
{
    if (length >= sizeof ((s3_location *)0)->prefix)
        return "the prefix is longer than 511 bytes";
    if (strstr(prefix, "//"))
        return "the prefix has an empty segment (\"//\")";
    for (size_t i = 0; i < length; i++)
        if ((unsigned char)prefix[i] < 0x20 || prefix[i] == 0x7f)
            return "the prefix holds a control character";
    for (const char *p = prefix; *p;) {
        size_t segment = strcspn(p, "/");
        if ((segment == 1 && p[0] == '.') || (segment == 2 && p[0] == '.' && p[1] == '.'))
            return "the prefix has a \".\" or \"..\" segment";
        p += segment + (p[segment] == '/');
    }
    return NULL;
}

bool s3_location_parse(const char *uri, s3_location *out, char *error, size_t error_size)
{
    memset(out, 0, sizeof *out);
    const char *problem = NULL;
    if (strncmp(uri, S3_SCHEME, sizeof S3_SCHEME - 1) != 0)
        problem = "must start with s3://";
    const char *bucket = uri + (problem ? 0 : sizeof S3_SCHEME - 1);
    size_t bucket_length = strcspn(bucket, "/");
    if (!problem)
        problem = bucket_length ? s3_bucket_name_problem(bucket, bucket_length)
                                : "no bucket after s3://";
    const char *prefix = bucket + bucket_length + (bucket[bucket_length] == '/');
    size_t prefix_length = strlen(prefix);
    while (prefix_length > 0 && prefix[prefix_length - 1] == '/')
        prefix_length--; /* "s3://b/reports/" is "s3://b/reports" */
    char trimmed[sizeof out->prefix + 1] = "";
    if (!problem && prefix_length >= sizeof trimmed)
        problem = "the prefix is longer than 511 bytes";
    if (!problem) {
        memcpy(trimmed, prefix, prefix_length);
        trimmed[prefix_length] = '\0';
        problem = prefix[0] == '/' ? "the prefix starts with '/'"
                                   : s3_prefix_problem(trimmed, prefix_length);
    }
    if (problem) {
        snprintf(error, error_size, "s3 archive \"%.200s\": %s", uri, problem);
        return false;
    }
    memcpy(out->bucket, bucket, bucket_length);
    snprintf(out->prefix, sizeof out->prefix, "%s", trimmed);
    return true;
}

static bool s3_is_date(const char *date)
{
    static const char shape[] = "dddd-dd-dd";
    if (strlen(date) != sizeof shape - 1)
        return false;
    for (size_t i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? !isdigit((unsigned char)date[i]) : date[i] != shape[i])
            return false;
    return true;
}

bool s3_archive_key(const s3_location *where, const char *date, const char *file, char *key,
                    size_t key_size, char *error, size_t error_size)
{
    if (!s3_is_date(date)) {
        snprintf(error, error_size, "archive key: \"%.40s\" is not a YYYY-MM-DD date", date);
        return false;
    }
    if (!file[0] || strchr(file, '/')) {
        snprintf(error, error_size, "archive key: \"%.200s\" is not a file name", file);
        return false;
    }
    int length = snprintf(key, key_size, "%s%s%s/%s", where->prefix, where->prefix[0] ? "/" : "",
                          date, file);
    if (length < 0 || (size_t)length >= key_size || length > S3_KEY_MAX) {
        snprintf(error, error_size, "archive key for \"%.200s\": longer than %d bytes", file,
                 S3_KEY_MAX);
        return false;
    }
    return true;
}

/* ---- headers ---- */

void s3_checksum_sha256(const void *data, size_t length, char base64[45])
{
    unsigned char digest[DIGEST_SHA256_BYTES];
    digest_sha256(data, length, digest);
    strbuf encoded = STRBUF_INIT;
    ses_base64_append(&encoded, digest, sizeof digest);
    snprintf(base64, 45, "%s", strbuf_cstr(&encoded));
    strbuf_free(&encoded);
}

void s3_archive_tagging(const char *report_type, const char *entity, const char *generated_date,
                        strbuf *out)
{
    ses_form_add(out, "report-type", report_type);
    ses_form_add(out, "entity", entity);
    ses_form_add(out, "generated-date", generated_date);
}

/* ---- the URL ---- */

static bool s3_ends_with(const char *text, const char *suffix)
{
    size_t text_length = strlen(text), suffix_length = strlen(suffix);
    return text_length >= suffix_length &&
           strcmp(text + text_length - suffix_length, suffix) == 0;
}

/* Virtual-hosted needs AWS's endpoint and a bucket that is one DNS label
 * (a '.' in it breaks the TLS wildcard certificate). */
static bool s3_virtual_hosted(s3_addressing addressing, const char *host, const char *bucket)
{
    if (addressing != S3_ADDRESSING_AUTO)
        return addressing == S3_ADDRESSING_VIRTUAL;
    return s3_ends_with(host, AWS_DOMAIN) && !strchr(bucket, '.');
}

/* The key percent-encoded as the signer encodes it: all but A-Z a-z 0-9
 * - _ . ~ and '/' as %XX, so the sent path is the signed one. */
static void s3_encode_key(strbuf *out, const char *key)
{
    for (const char *segment = key; *segment;) {
        size_t length = strcspn(segment, "/");
        ses_percent_encode(out, segment, length);
        segment += length;
        if (*segment == '/') {
            strbuf_putc(out, '/');
            segment++;
        }
    }
}

/* Parts of the endpoint: scheme, host, ":port" or "", path without its
 * trailing '/'. */
typedef struct {
    char scheme[16];
    char host[256];
    char port[16];
    char path[512];
} s3_endpoint_parts;

static bool s3_split_endpoint(const char *endpoint, s3_endpoint_parts *out)
{
    CURLU *url = curl_url();
    char *scheme = NULL, *host = NULL, *port = NULL, *path = NULL;
    bool ok = url && curl_url_set(url, CURLUPART_URL, endpoint, 0) == CURLUE_OK &&
              curl_url_get(url, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
              curl_url_get(url, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
              curl_url_get(url, CURLUPART_PATH, &path, 0) == CURLUE_OK;
    if (ok) {
        snprintf(out->scheme, sizeof out->scheme, "%s", scheme);
        snprintf(out->host, sizeof out->host, "%s", host);
        out->port[0] = '\0';
        if (curl_url_get(url, CURLUPART_PORT, &port, CURLU_NO_DEFAULT_PORT) == CURLUE_OK)
            snprintf(out->port, sizeof out->port, ":%s", port);
        size_t length = strlen(path);
        while (length > 0 && path[length - 1] == '/')
            length--;
        snprintf(out->path, sizeof out->path, "%.*s", (int)length, path);
    }
    curl_free(scheme);
    curl_free(host);
    curl_free(port);
    curl_free(path);
    curl_url_cleanup(url);
    return ok;
}

bool s3_object_target(const char *endpoint, const char *bucket, const char *key,
                      s3_addressing addressing, s3_target *out, char *error, size_t error_size)
{
    s3_endpoint_parts parts;
    if (!s3_split_endpoint(endpoint, &parts)) {
        snprintf(error, error_size, "S3 endpoint \"%.200s\": not a URL", endpoint);
        return false;
    }
    bool virtual_hosted = s3_virtual_hosted(addressing, parts.host, bucket);
    strbuf raw = STRBUF_INIT, encoded = STRBUF_INIT;
    strbuf_printf(&raw, "%s", parts.path);
    strbuf_printf(&encoded, "%s", parts.path);
    if (!virtual_hosted) {
        strbuf_printf(&raw, "/%s", bucket);
        strbuf_printf(&encoded, "/%s", bucket);
    }
    strbuf_putc(&raw, '/');
    strbuf_putc(&encoded, '/');
    if (key) {
        strbuf_printf(&raw, "%s", key);
        s3_encode_key(&encoded, key);
    }
    snprintf(out->host, sizeof out->host, "%s%s%s%s", virtual_hosted ? bucket : "",
             virtual_hosted ? "." : "", parts.host, parts.port);
    snprintf(out->path, sizeof out->path, "%s", strbuf_cstr(&raw));
    int length = snprintf(out->url, sizeof out->url, "%s://%s%s", parts.scheme, out->host,
                          strbuf_cstr(&encoded));
    bool fits = raw.len < sizeof out->path && length > 0 && (size_t)length < sizeof out->url;
    strbuf_free(&raw);
    strbuf_free(&encoded);
    if (!fits)
        snprintf(error, error_size, "S3 object URL for \"%.200s\": too long", key ? key : bucket);
    return fits;
}

/* The addressing styles a profile's s3 addressing_style may name. */
static const struct {
    const char *name;
    s3_addressing style;
} s3_addressing_names[] = {
    {"auto", S3_ADDRESSING_AUTO},
    {"path", S3_ADDRESSING_PATH},
    {"virtual", S3_ADDRESSING_VIRTUAL},
};

bool s3_profile_addressing(const char *aws_dir, s3_addressing *out, char *error,
                           size_t error_size)
{
    *out = S3_ADDRESSING_AUTO;
    aws_files files;
    if (!aws_files_load(&files, aws_dir, error, error_size))
        return false;
    const char *profile = aws_profile_name(NULL);
    const char *value = aws_files_profile(&files, false, profile, "s3.addressing_style");
    bool known = !value;
    for (size_t i = 0; value && i < sizeof s3_addressing_names / sizeof *s3_addressing_names; i++)
        if (strcmp(value, s3_addressing_names[i].name) == 0) {
            *out = s3_addressing_names[i].style;
            known = true;
        }
    if (!known)
        snprintf(error, error_size, "%s [profile %s] s3 addressing_style \"%.20s\": not auto, path "
                 "or virtual", files.config_shown, profile, value);
    aws_files_free(&files);
    return known;
}

/* ---- signing ---- */

enum { S3_SIGNED_HEADERS_MAX = 8 };

void s3_sign(const s3_target *target, const s3_request *request,
             const sigv4_credentials *credentials, const char *region, time_t when,
             strbuf *headers, sigv4_result *result)
{
    char payload_hash[65];
    sigv4_payload_hash(request->body ? request->body : "", request->body_length, payload_hash);
    sigv4_header signed_headers[S3_SIGNED_HEADERS_MAX] = {{"Host", target->host}};
    size_t count = 1;
    if (request->content_type)
        signed_headers[count++] = (sigv4_header){"Content-Type", request->content_type};
    if (request->checksum_sha256)
        signed_headers[count++] = (sigv4_header){"x-amz-checksum-sha256", request->checksum_sha256};
    if (request->checksum_mode)
        signed_headers[count++] = (sigv4_header){"x-amz-checksum-mode", "ENABLED"};
    signed_headers[count++] = (sigv4_header){"x-amz-content-sha256", payload_hash};
    if (request->tagging)
        signed_headers[count++] = (sigv4_header){"x-amz-tagging", request->tagging};
    const sigv4_request to_sign = {
        .method = request->method,
        .path = target->path,
        .query = request->query,
        .headers = signed_headers,
        .header_count = count,
        .payload_hash = payload_hash,
    };
    /* S3: the path is encoded once and never normalised ("a//b" is a key). */
    sigv4_sign(&to_sign, credentials, region, "s3", when, 0, result);
    for (size_t i = 0; i < count; i++)
        strbuf_printf(headers, "%s: %s\n", signed_headers[i].name, signed_headers[i].value);
    strbuf_printf(headers, "X-Amz-Date: %s\n", result->amz_date);
    if (credentials->session_token)
        strbuf_printf(headers, "X-Amz-Security-Token: %s\n", credentials->session_token);
    strbuf_printf(headers, "Authorization: %s\n", strbuf_cstr(&result->authorization));
}
