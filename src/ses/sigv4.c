/* sigv4: AWS Signature Version 4 (header form), checked against AWS's suite.
 *
 * Four stages, each a pure function of the request: canonical request
 * (method, normalised and encoded path, sorted encoded query, canonical
 * headers, signed header list, payload hash), string to sign (algorithm,
 * date, scope, hash of the canonical request), signing key (an HMAC chain
 * over date, region, service and "aws4_request") and signature. The secret
 * and the derived keys live only on the stack and are cleansed after use.
 */
#include "briefing/sigv4.h"
#include "briefing/digest.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#define SIGV4_ALGORITHM "AWS4-HMAC-SHA256"
#define SIGV4_TERMINATOR "aws4_request"

/* Headers the signer supplies itself: a caller's copy is ignored so the
 * signed value and the sent value can never differ. */
static const char *const sigv4_owned_headers[] = {"x-amz-date", "x-amz-security-token",
                                                  "authorization"};

typedef struct {
    char *name;          /* lower case */
    strbuf value;        /* trimmed, whitespace runs collapsed */
    size_t order;        /* position in the request: duplicates keep it */
} sigv4_canonical_header;

typedef struct {
    strbuf key;          /* RFC 3986 encoded */
    strbuf value;
} sigv4_query_param;

/* Out of memory aborts, as in the arena: nothing useful to recover. */
static void *sigv4_calloc(size_t count, size_t size)
{
    void *memory = calloc(count, size);
    if (!memory)
        abort();
    return memory;
}

void sigv4_payload_hash(const void *data, size_t length, char hex[65])
{
    digest_sha256_hex(data, length, hex);
}

/* HMAC-SHA256 of a string (the chain's date, region, ...) into `out`. */
static void sigv4_hmac(const void *key, size_t key_length, const char *message,
                       unsigned char out[DIGEST_SHA256_BYTES])
{
    digest_hmac_sha256(key, key_length, message, strlen(message), out);
}

/* --- encoding ----------------------------------------------------------- */

static bool sigv4_is_unreserved(unsigned char c)
{
    return isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

static void sigv4_encode(strbuf *out, const char *bytes, size_t length, bool keep_slash)
{
    for (size_t i = 0; i < length; i++) {
        unsigned char c = (unsigned char)bytes[i];
        if (sigv4_is_unreserved(c) || (keep_slash && c == '/'))
            strbuf_putc(out, (char)c);
        else
            strbuf_printf(out, "%%%02X", c);
    }
}

static int sigv4_hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Query components arrive possibly encoded: decode first so an already
 * encoded key is not encoded twice. A stray '%' stays a literal. */
static void sigv4_decode_then_encode(strbuf *out, const char *bytes, size_t length)
{
    strbuf decoded = STRBUF_INIT;
    for (size_t i = 0; i < length; i++) {
        int high = i + 2 < length && bytes[i] == '%' ? sigv4_hex_value(bytes[i + 1]) : -1;
        int low = high >= 0 ? sigv4_hex_value(bytes[i + 2]) : -1;
        if (high >= 0 && low >= 0) {
            strbuf_putc(&decoded, (char)(high * 16 + low));
            i += 2;
        } else {
            strbuf_putc(&decoded, bytes[i]);
        }
    }
    sigv4_encode(out, decoded.data ? decoded.data : "", decoded.len, false);
    strbuf_free(&decoded);
}

/* --- path --------------------------------------------------------------- */

static bool sigv4_ends_with(const char *text, const char *suffix)
{
    size_t text_length = strlen(text), suffix_length = strlen(suffix);
    return text_length >= suffix_length &&
           strcmp(text + text_length - suffix_length, suffix) == 0;
}

/* RFC 3986 dot-segment removal plus collapsed empty segments: "//a/./b/../"
 * becomes "/a/". A trailing '/', "." or ".." keeps the trailing slash. */
static void sigv4_normalize_path(strbuf *out, const char *path)
{
    size_t path_length = strlen(path);
    const char **starts = sigv4_calloc(path_length + 1, sizeof *starts);
    size_t *lengths = sigv4_calloc(path_length + 1, sizeof *lengths);
    size_t count = 0;
    for (const char *p = path; *p;) {
        while (*p == '/')
            p++;
        const char *end = strchr(p, '/');
        size_t length = end ? (size_t)(end - p) : strlen(p);
        bool dot = length == 1 && p[0] == '.';
        bool dot_dot = length == 2 && p[0] == '.' && p[1] == '.';
        if (dot_dot && count > 0)
            count--;
        else if (length > 0 && !dot && !dot_dot) {
            starts[count] = p;
            lengths[count++] = length;
        }
        p += length;
    }
    bool trailing_slash = path_length > 0 && path[path_length - 1] == '/';
    trailing_slash = trailing_slash || sigv4_ends_with(path, "/.") || sigv4_ends_with(path, "/..");
    strbuf_putc(out, '/');
    for (size_t i = 0; i < count; i++) {
        sigv4_encode(out, starts[i], lengths[i], false);
        if (i + 1 < count || trailing_slash)
            strbuf_putc(out, '/');
    }
    free(starts);
    free(lengths);
}

static void sigv4_canonical_path(strbuf *out, const char *path, int normalize_path)
{
    if (!path || !*path) {
        strbuf_putc(out, '/');
        return;
    }
    if (normalize_path)
        sigv4_normalize_path(out, path);
    else
        sigv4_encode(out, path, strlen(path), true);
}

/* --- query -------------------------------------------------------------- */

static int sigv4_compare_params(const void *left, const void *right)
{
    const sigv4_query_param *a = left, *b = right;
    int by_key = strcmp(strbuf_cstr(&a->key), strbuf_cstr(&b->key));
    return by_key ? by_key : strcmp(strbuf_cstr(&a->value), strbuf_cstr(&b->value));
}

/* Parameters sorted by encoded key, then value; "key" alone means "key=". */
static void sigv4_canonical_query(strbuf *out, const char *query)
{
    if (!query || !*query)
        return;
    size_t capacity = 1;
    for (const char *p = query; *p; p++)
        capacity += *p == '&';
    sigv4_query_param *params = sigv4_calloc(capacity, sizeof *params);
    size_t count = 0;
    for (const char *p = query; *p;) {
        const char *end = strchr(p, '&');
        size_t length = end ? (size_t)(end - p) : strlen(p);
        if (length > 0) {
            const char *equals = memchr(p, '=', length);
            size_t key_length = equals ? (size_t)(equals - p) : length;
            sigv4_decode_then_encode(&params[count].key, p, key_length);
            if (equals)
                sigv4_decode_then_encode(&params[count].value, equals + 1,
                                         length - key_length - 1);
            count++;
        }
        p += length + (end != NULL);
    }
    qsort(params, count, sizeof *params, sigv4_compare_params);
    for (size_t i = 0; i < count; i++) {
        strbuf_printf(out, "%s%s=%s", i ? "&" : "", strbuf_cstr(&params[i].key),
                      strbuf_cstr(&params[i].value));
        strbuf_free(&params[i].key);
        strbuf_free(&params[i].value);
    }
    free(params);
}

/* --- headers ------------------------------------------------------------ */

static bool sigv4_is_owned_header(const char *lower_name)
{
    for (size_t i = 0; i < sizeof sigv4_owned_headers / sizeof *sigv4_owned_headers; i++)
        if (strcmp(lower_name, sigv4_owned_headers[i]) == 0)
            return true;
    return false;
}

/* Trims both ends and turns every run of blanks (continuation line breaks
 * included) into one space: "a   b\n  c" -> "a b c". */
static void sigv4_collapse_value(strbuf *out, const char *value)
{
    bool pending_space = false;
    for (const char *p = value; *p; p++) {
        if (isspace((unsigned char)*p)) {
            pending_space = out->len > 0;
            continue;
        }
        if (pending_space)
            strbuf_putc(out, ' ');
        pending_space = false;
        strbuf_putc(out, *p);
    }
}

static char *sigv4_lower(const char *name)
{
    size_t length = strlen(name);
    char *lower = sigv4_calloc(length + 1, 1);
    for (size_t i = 0; i <= length; i++)
        lower[i] = (char)tolower((unsigned char)name[i]);
    return lower;
}

static int sigv4_compare_headers(const void *left, const void *right)
{
    const sigv4_canonical_header *a = left, *b = right;
    int by_name = strcmp(a->name, b->name);
    if (by_name)
        return by_name;
    return a->order < b->order ? -1 : a->order > b->order;
}

static void sigv4_add_header(sigv4_canonical_header *headers, size_t *count, char *lower_name,
                             const char *value)
{
    sigv4_canonical_header *header = &headers[*count];
    header->name = lower_name;
    header->order = *count;
    sigv4_collapse_value(&header->value, value);
    (*count)++;
}

/* Writes "name:value\n" lines (duplicates joined with ',') to `canonical`
 * and "name;name" to `signed_names`. */
static void sigv4_canonical_headers(const sigv4_request *request, const char *amz_date,
                                    const char *session_token, strbuf *canonical,
                                    strbuf *signed_names)
{
    sigv4_canonical_header *headers = sigv4_calloc(request->header_count + 2, sizeof *headers);
    size_t count = 0;
    for (size_t i = 0; i < request->header_count; i++) {
        char *lower_name = sigv4_lower(request->headers[i].name);
        if (sigv4_is_owned_header(lower_name)) {
            free(lower_name);
            continue;
        }
        sigv4_add_header(headers, &count, lower_name, request->headers[i].value);
    }
    sigv4_add_header(headers, &count, sigv4_lower("x-amz-date"), amz_date);
    if (session_token)
        sigv4_add_header(headers, &count, sigv4_lower("x-amz-security-token"), session_token);
    qsort(headers, count, sizeof *headers, sigv4_compare_headers);

    for (size_t i = 0; i < count; i++) {
        bool same_as_previous = i > 0 && strcmp(headers[i].name, headers[i - 1].name) == 0;
        if (same_as_previous) {
            strbuf_truncate(canonical, canonical->len - 1); /* drop '\n' */
            strbuf_printf(canonical, ",%s\n", strbuf_cstr(&headers[i].value));
        } else {
            strbuf_printf(canonical, "%s:%s\n", headers[i].name, strbuf_cstr(&headers[i].value));
            strbuf_printf(signed_names, "%s%s", signed_names->len ? ";" : "", headers[i].name);
        }
    }
    for (size_t i = 0; i < count; i++) {
        free(headers[i].name);
        strbuf_free(&headers[i].value);
    }
    free(headers);
}

/* --- signing ------------------------------------------------------------ */

static void sigv4_signing_key(const char *secret, const char *date, const char *region,
                              const char *service, unsigned char key[32])
{
    strbuf seed = STRBUF_INIT;
    strbuf_printf(&seed, "AWS4%s", secret);
    unsigned char date_key[32], region_key[32], service_key[32];
    sigv4_hmac(seed.data, seed.len, date, date_key);
    sigv4_hmac(date_key, sizeof date_key, region, region_key);
    sigv4_hmac(region_key, sizeof region_key, service, service_key);
    sigv4_hmac(service_key, sizeof service_key, SIGV4_TERMINATOR, key);
    OPENSSL_cleanse(seed.data, seed.len);
    strbuf_free(&seed);
    OPENSSL_cleanse(date_key, sizeof date_key);
    OPENSSL_cleanse(region_key, sizeof region_key);
    OPENSSL_cleanse(service_key, sizeof service_key);
}

static void sigv4_format_date(time_t when, char amz_date[17])
{
    struct tm utc;
    gmtime_r(&when, &utc);
    strftime(amz_date, 17, "%Y%m%dT%H%M%SZ", &utc);
}

void sigv4_sign(const sigv4_request *request, const sigv4_credentials *credentials,
                const char *region, const char *service, time_t when, int normalize_path,
                sigv4_result *result)
{
    memset(result, 0, sizeof *result);
    sigv4_format_date(when, result->amz_date);
    char date[9];
    memcpy(date, result->amz_date, 8);
    date[8] = '\0';

    strbuf signed_names = STRBUF_INIT;
    strbuf *canonical = &result->canonical_request;
    strbuf_printf(canonical, "%s\n", request->method);
    sigv4_canonical_path(canonical, request->path, normalize_path);
    strbuf_putc(canonical, '\n');
    sigv4_canonical_query(canonical, request->query);
    strbuf_putc(canonical, '\n');
    sigv4_canonical_headers(request, result->amz_date, credentials->session_token, canonical,
                            &signed_names);
    strbuf_printf(canonical, "\n%s\n%s", strbuf_cstr(&signed_names), request->payload_hash);

    char canonical_hash[65];
    sigv4_payload_hash(canonical->data, canonical->len, canonical_hash);
    strbuf_printf(&result->string_to_sign, "%s\n%s\n%s/%s/%s/%s\n%s", SIGV4_ALGORITHM,
                  result->amz_date, date, region, service, SIGV4_TERMINATOR, canonical_hash);

    unsigned char key[32], signature[32];
    sigv4_signing_key(credentials->secret_access_key, date, region, service, key);
    sigv4_hmac(key, sizeof key, strbuf_cstr(&result->string_to_sign), signature);
    OPENSSL_cleanse(key, sizeof key);
    digest_hex(signature, sizeof signature, result->signature);

    strbuf_printf(&result->authorization,
                  "%s Credential=%s/%s/%s/%s/%s, SignedHeaders=%s, Signature=%s",
                  SIGV4_ALGORITHM, credentials->access_key_id, date, region, service,
                  SIGV4_TERMINATOR, strbuf_cstr(&signed_names), result->signature);
    strbuf_free(&signed_names);
}

/* The canonical request holds the session token: wiped, not just freed. */
void sigv4_result_free(sigv4_result *result)
{
    if (result->canonical_request.data)
        OPENSSL_cleanse(result->canonical_request.data, result->canonical_request.len);
    strbuf_free(&result->canonical_request);
    strbuf_free(&result->string_to_sign);
    strbuf_free(&result->authorization);
}
