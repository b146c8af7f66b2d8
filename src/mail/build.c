/* build: mime_build, the whole RFC 5322 message.
 *
 * Layout (CRLF everywhere):
 *   From, To, Cc (when any), Subject, Date, Message-ID, MIME-Version,
 *   X-Briefing-Report, X-Briefing-Delivery (when set), Content-Type
 *   multipart/alternative; then a text/plain and a text/html part, both
 *   UTF-8 and quoted-printable.
 * The boundary "=_briefing_<hex>" cannot occur in a body: quoted-printable
 * always writes '=' as "=3D". Bcc is validated and counted, never written.
 */
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "briefing/digest.h"
#include "mail/mime_internal.h"

#define TOKEN_BYTES 16 /* boundary and Message-ID each get 128 bits */

/* Day and month names of RFC 5322 §3.3, independent of the locale. */
static const char *const day_names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static const char *const month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

typedef struct {
    char boundary[64];
    char message_id[64];
} mime_tokens;

/* 32 bytes: SHA-256 of the seed (deterministic builds, golden files), else
 * random. Failure of either means libcrypto itself is broken. */
static bool token_bytes(const char *seed, unsigned char bytes[2 * TOKEN_BYTES], char *error,
                        size_t error_size)
{
    bool ok = seed ? EVP_Digest(seed, strlen(seed), bytes, NULL, EVP_sha256(), NULL) == 1
                   : RAND_bytes(bytes, 2 * TOKEN_BYTES) == 1;
    if (!ok)
        snprintf(error, error_size, "message: %s failed in OpenSSL", seed ? "SHA-256" : "RAND_bytes");
    return ok;
}

static bool tokens_make(const char *seed, const char *message_id_seed, mime_tokens *tokens,
                        char *error, size_t error_size)
{
    unsigned char bytes[2 * TOKEN_BYTES], id_bytes[2 * TOKEN_BYTES];
    if (!token_bytes(seed, bytes, error, error_size))
        return false;
    if (message_id_seed && !token_bytes(message_id_seed, id_bytes, error, error_size))
        return false;
    char hex[2 * TOKEN_BYTES + 1];
    digest_hex(bytes, TOKEN_BYTES, hex);
    snprintf(tokens->boundary, sizeof tokens->boundary, "=_briefing_%s", hex);
    digest_hex((message_id_seed ? id_bytes : bytes) + TOKEN_BYTES, TOKEN_BYTES, hex);
    snprintf(tokens->message_id, sizeof tokens->message_id, "<%s@briefing.invalid>", hex);
    return true;
}

static void header_simple(strbuf *out, const char *name, const char *value)
{
    mime_header h;
    mime_header_begin(&h, out, name);
    mime_header_word(&h, value, strlen(value));
    mime_header_end(&h);
}

static void header_unstructured(strbuf *out, const char *name, const char *value)
{
    mime_header h;
    mime_header_begin(&h, out, name);
    mime_header_unstructured(&h, value);
    mime_header_end(&h);
}

/* Addresses were validated, so parsing cannot fail here. */
static void header_addresses(strbuf *out, const char *name, const char *const *list, size_t count)
{
    mime_header h;
    mime_header_begin(&h, out, name);
    for (size_t i = 0; i < count; i++) {
        mime_address parsed;
        char unused[8];
        mime_address_parse(list[i], &parsed, unused, sizeof unused);
        if (i > 0)
            mime_header_glue(&h, ",");
        mime_header_address(&h, &parsed);
    }
    mime_header_end(&h);
}

static void header_date(strbuf *out, time_t date)
{
    struct tm utc;
    gmtime_r(&date, &utc);
    strbuf_printf(out, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n", day_names[utc.tm_wday],
                  utc.tm_mday, month_names[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
                  utc.tm_sec);
}

static void headers_write(const mime_message *message, const mime_tokens *tokens, strbuf *out)
{
    header_addresses(out, "From", &message->from, 1);
    if (message->to_count > 0)
        header_addresses(out, "To", message->to, message->to_count);
    if (message->cc_count > 0)
        header_addresses(out, "Cc", message->cc, message->cc_count);
    header_unstructured(out, "Subject", message->subject);
    header_date(out, message->date);
    header_simple(out, "Message-ID", tokens->message_id);
    header_simple(out, "MIME-Version", "1.0");
    header_unstructured(out, "X-Briefing-Report", message->report_id);
    if (message->delivery_id)
        header_unstructured(out, "X-Briefing-Delivery", message->delivery_id);
    mime_header h;
    mime_header_begin(&h, out, "Content-Type");
    mime_header_word(&h, "multipart/alternative;", strlen("multipart/alternative;"));
    char boundary[96];
    int n = snprintf(boundary, sizeof boundary, "boundary=\"%s\"", tokens->boundary);
    mime_header_word(&h, boundary, (size_t)n);
    mime_header_end(&h);
}

static void part_write(strbuf *out, const char *boundary, const char *type, const char *body)
{
    strbuf_printf(out, "--%s\r\n", boundary);
    strbuf_printf(out, "Content-Type: %s; charset=UTF-8\r\n", type);
    strbuf_puts(out, "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
    mime_qp_encode(body, strlen(body), out);
    /* The CRLF before the next delimiter belongs to the delimiter. */
    strbuf_puts(out, "\r\n");
}

/* Megabytes with one decimal, rounded up so "over 10 MB" never reads 10.0. */
static bool size_error(size_t bytes, const char *qualifier, char *error, size_t error_size)
{
    unsigned long long tenths = ((unsigned long long)bytes * 10 + (1u << 20) - 1) >> 20;
    snprintf(error, error_size, "message: %s%llu.%llu MB is over SES's 10 MB limit", qualifier,
             tenths / 10, tenths % 10);
    return false;
}

bool mime_build(const mime_message *message, strbuf *out, char *error, size_t error_size)
{
    if (!mime_message_validate(message, error, error_size))
        return false;
    /* Encoding only grows the bodies: refuse early rather than build 30 MB. */
    size_t body_bytes = strlen(message->text) + strlen(message->html);
    if (body_bytes > MIME_MAX_MESSAGE_BYTES)
        return size_error(body_bytes, "at least ", error, error_size);
    mime_tokens tokens;
    if (!tokens_make(message->boundary_seed, message->message_id_seed, &tokens, error, error_size))
        return false;
    strbuf built = STRBUF_INIT;
    headers_write(message, &tokens, &built);
    strbuf_puts(&built, "\r\n");
    part_write(&built, tokens.boundary, "text/plain", message->text);
    part_write(&built, tokens.boundary, "text/html", message->html);
    strbuf_printf(&built, "--%s--\r\n", tokens.boundary);
    if (built.len > MIME_MAX_MESSAGE_BYTES) {
        size_error(built.len, "", error, error_size);
        strbuf_free(&built);
        return false;
    }
    strbuf_append(out, built.data, built.len);
    strbuf_free(&built);
    return true;
}
