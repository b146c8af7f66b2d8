/* ledger_audit: the exported audit log, one JSON object per delivery a line.
 *
 * The log may leave the operator's machine, so no address appears in it:
 * each recipient becomes the HMAC-SHA-256 of its bare, lower-cased
 * addr-spec under a salt of 32 random bytes drawn for this export alone and
 * handed back to the caller (printed once, never written to the file). A
 * plain SHA-256 could be reversed by hashing a list of likely addresses; with
 * the salt, only whoever holds it can check an address, and two exports
 * cannot be joined. Free text (subject, error message, paths) has any word
 * containing '@' replaced by "hmac:<hex>" of that word, lower-cased, the
 * same way.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/rand.h>

#include "briefing/json.h"
#include "briefing/strbuf.h"
#include "briefing/digest.h"
#include "ledger/ledger_internal.h"

enum { AUDIT_SALT_BYTES = 32 };

/* The salt of one export: what every address is hashed under. */
typedef struct {
    unsigned char bytes[AUDIT_SALT_BYTES];
} audit_salt;

static void ledger_hash_lowered(const audit_salt *salt, const char *bytes, size_t length,
                                char hex[65])
{
    strbuf lowered = STRBUF_INIT;
    for (size_t i = 0; i < length; i++) {
        char c = bytes[i];
        strbuf_putc(&lowered, c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c);
    }
    digest_hmac_sha256_hex(salt->bytes, sizeof salt->bytes, lowered.data ? lowered.data : "",
                           lowered.len, hex);
    strbuf_free(&lowered);
}

static bool ledger_is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* What ledger_audit_address needs: where to write, under which salt. */
typedef struct {
    json_writer *w;
    const audit_salt *salt;
} audit_address_context;

static void ledger_audit_address(void *context, const char *address, size_t length)
{
    audit_address_context *c = context;
    char hex[65];
    ledger_hash_lowered(c->salt, address, length, hex);
    jsonw_string(c->w, hex);
}

/* A comma-separated list as an array of hashes of its bare addresses. */
static void ledger_audit_addresses(json_writer *w, const audit_salt *salt, const char *key,
                                   const char *list)
{
    jsonw_key(w, key);
    jsonw_array_open(w);
    audit_address_context context = {w, salt};
    ledger_each_address(list, ledger_audit_address, &context);
    jsonw_array_close(w);
}

static bool ledger_is_word_break(char c)
{
    return ledger_is_blank(c) || c == '\0' || strchr("<>,;:\"'()[]", c) != NULL;
}

/* Free text with every word that contains '@' replaced by its hash. */
static void ledger_audit_text(json_writer *w, const audit_salt *salt, const char *key,
                              const char *text)
{
    if (!text || !strchr(text, '@')) {
        jsonw_key_string(w, key, text);
        return;
    }
    strbuf scrubbed = STRBUF_INIT;
    const char *p = text;
    while (*p) {
        const char *end = p;
        while (!ledger_is_word_break(*end))
            end++;
        if (end == p) {
            strbuf_putc(&scrubbed, *p++);
            continue;
        }
        if (memchr(p, '@', (size_t)(end - p))) {
            char hex[65];
            ledger_hash_lowered(salt, p, (size_t)(end - p), hex);
            strbuf_printf(&scrubbed, "hmac:%s", hex);
        } else {
            strbuf_append(&scrubbed, p, (size_t)(end - p));
        }
        p = end;
    }
    jsonw_key_string(w, key, strbuf_cstr(&scrubbed));
    strbuf_free(&scrubbed);
}

static void ledger_audit_time(json_writer *w, const char *key, time_t when)
{
    struct tm utc;
    char text[32];
    if (when <= 0 || !gmtime_r(&when, &utc) ||
        strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc) == 0) {
        jsonw_key(w, key);
        jsonw_null(w);
        return;
    }
    jsonw_key_string(w, key, text);
}

static void ledger_audit_optional_id(json_writer *w, const char *key, int64_t id)
{
    jsonw_key(w, key);
    if (id > 0)
        jsonw_int(w, id);
    else
        jsonw_null(w);
}

static void ledger_audit_delivery(strbuf *out, const audit_salt *salt, const ledger_delivery *d)
{
    json_writer w;
    jsonw_begin(&w, out);
    jsonw_object_open(&w);
    jsonw_key_int(&w, "id", d->id);
    ledger_audit_optional_id(&w, "batch", d->batch_id);
    ledger_audit_optional_id(&w, "resend_of", d->resend_of);
    jsonw_key_string(&w, "persona", d->persona);
    ledger_audit_text(&w, salt, "scope", d->scope);
    ledger_audit_text(&w, salt, "subject", d->subject);
    jsonw_key_string(&w, "state", ledger_state_name(d->state));
    char outcome[48];
    ledger_outcome_summary(d, outcome, sizeof outcome);
    jsonw_key_string(&w, "outcome", outcome[0] ? outcome : NULL);
    jsonw_key_bool(&w, "test", d->test);
    ledger_audit_text(&w, salt, "message_id", d->message_id);
    ledger_audit_text(&w, salt, "request_id", d->request_id);
    jsonw_key_int(&w, "attempts", d->attempts);
    ledger_audit_text(&w, salt, "error_code", d->error_code);
    ledger_audit_text(&w, salt, "error_message", d->error_message);
    ledger_audit_time(&w, "created_at", d->created_at);
    ledger_audit_time(&w, "updated_at", d->updated_at);
    jsonw_key_string(&w, "host", d->host[0] ? d->host : NULL);
    jsonw_key_string(&w, "sha256", d->message_sha256[0] ? d->message_sha256 : NULL);
    jsonw_key_int(&w, "size_bytes", d->size_bytes);
    ledger_audit_addresses(&w, salt, "from", d->from_address);
    ledger_audit_addresses(&w, salt, "to", d->to_addresses);
    ledger_audit_addresses(&w, salt, "cc", d->cc_addresses);
    ledger_audit_addresses(&w, salt, "bcc", d->bcc_addresses);
    jsonw_object_close(&w);
    strbuf_putc(out, '\n');
}

/* Oldest first, as a log reads. */
static void ledger_audit_render(const audit_salt *salt, const ledger_delivery *list, size_t count,
                                strbuf *out)
{
    for (size_t i = count; i > 0; i--)
        ledger_audit_delivery(out, salt, &list[i - 1]);
}

static bool ledger_write_export(const char *path, const strbuf *content, char *error,
                                size_t error_size)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(error, error_size, "%s: cannot create the audit log: %s", path,
                 strerror(errno));
        return false;
    }
    const char *bytes = strbuf_cstr(content);
    size_t left = content->len;
    bool ok = true;
    while (left > 0 && ok) {
        ssize_t n = write(fd, bytes, left);
        if (n < 0 && errno == EINTR)
            continue;
        ok = n > 0;
        bytes += ok ? n : 0;
        left -= ok ? (size_t)n : 0;
    }
    ok = ok && fsync(fd) == 0;
    if (!ok)
        snprintf(error, error_size, "%s: cannot write the audit log: %s", path,
                 strerror(errno));
    if (close(fd) != 0 && ok) {
        snprintf(error, error_size, "%s: cannot write the audit log: %s", path,
                 strerror(errno));
        ok = false;
    }
    return ok;
}

bool ledger_export_audit(ledger *l, const char *path, char salt_hex[65], char *error,
                         size_t error_size)
{
    audit_salt salt;
    if (RAND_bytes(salt.bytes, sizeof salt.bytes) != 1) {
        snprintf(error, error_size, "%s: no random salt for the audit log (OpenSSL RAND_bytes)",
                 path);
        return false;
    }
    ledger_delivery *list = NULL;
    size_t count = 0;
    if (!ledger_list(l, NULL, &list, &count, error, error_size))
        return false;
    digest_hex(salt.bytes, sizeof salt.bytes, salt_hex);
    strbuf content = STRBUF_INIT;
    ledger_audit_render(&salt, list, count, &content);
    ledger_deliveries_free(list, count);
    bool ok = ledger_write_export(path, &content, error, error_size);
    strbuf_free(&content);
    return ok;
}
