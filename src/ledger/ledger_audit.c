/* ledger_audit: the exported audit log, one JSON object per delivery a line.
 *
 * The log may leave the operator's machine, so no address appears in it:
 * each recipient becomes the SHA-256 of its bare, lower-cased addr-spec (so an
 * auditor who knows an address can find it, and nobody else can read it),
 * and free text (subject, error message, paths) has any word containing '@'
 * replaced by "sha256:<hex>" of that word, lower-cased, the same way.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "briefing/json.h"
#include "briefing/strbuf.h"
#include "briefing/digest.h"
#include "ledger/ledger_internal.h"

static void ledger_hash_lowered(const char *bytes, size_t length, char hex[65])
{
    strbuf lowered = STRBUF_INIT;
    for (size_t i = 0; i < length; i++) {
        char c = bytes[i];
        strbuf_putc(&lowered, c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c);
    }
    digest_sha256_hex(lowered.data ? lowered.data : "", lowered.len, hex);
    strbuf_free(&lowered);
}

static bool ledger_is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* One list entry, "Name <addr>" or "addr": hashes the bare address. */
static void ledger_audit_address(json_writer *w, const char *start, const char *end)
{
    const char *open = memchr(start, '<', (size_t)(end - start));
    if (open) {
        const char *close = memchr(open, '>', (size_t)(end - open));
        start = open + 1;
        end = close ? close : end;
    }
    while (start < end && ledger_is_blank(*start))
        start++;
    while (end > start && ledger_is_blank(end[-1]))
        end--;
    if (start == end)
        return;
    char hex[65];
    ledger_hash_lowered(start, (size_t)(end - start), hex);
    json_string(w, hex);
}

/* A comma-separated list as an array of hashes; commas inside a quoted
 * display name ("Doe, Jane" <j@example.com>) do not split. */
static void ledger_audit_addresses(json_writer *w, const char *key, const char *list)
{
    json_key(w, key);
    json_array_open(w);
    const char *start = list ? list : "";
    bool quoted = false;
    for (const char *p = start;; p++) {
        if (*p == '"' && (p == start || p[-1] != '\\'))
            quoted = !quoted;
        if (*p == '\0' || (*p == ',' && !quoted)) {
            ledger_audit_address(w, start, p);
            start = p + 1;
        }
        if (*p == '\0')
            break;
    }
    json_array_close(w);
}

static bool ledger_is_word_break(char c)
{
    return ledger_is_blank(c) || c == '\0' || strchr("<>,;:\"'()[]", c) != NULL;
}

/* Free text with every word that contains '@' replaced by its hash. */
static void ledger_audit_text(json_writer *w, const char *key, const char *text)
{
    if (!text || !strchr(text, '@')) {
        json_key_string(w, key, text);
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
            ledger_hash_lowered(p, (size_t)(end - p), hex);
            strbuf_printf(&scrubbed, "sha256:%s", hex);
        } else {
            strbuf_append(&scrubbed, p, (size_t)(end - p));
        }
        p = end;
    }
    json_key_string(w, key, strbuf_cstr(&scrubbed));
    strbuf_free(&scrubbed);
}

static void ledger_audit_time(json_writer *w, const char *key, time_t when)
{
    struct tm utc;
    char text[32];
    if (when <= 0 || !gmtime_r(&when, &utc) ||
        strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc) == 0) {
        json_key(w, key);
        json_null(w);
        return;
    }
    json_key_string(w, key, text);
}

static void ledger_audit_optional_id(json_writer *w, const char *key, int64_t id)
{
    json_key(w, key);
    if (id > 0)
        json_int(w, id);
    else
        json_null(w);
}

static void ledger_audit_delivery(strbuf *out, const ledger_delivery *d)
{
    json_writer w;
    json_begin(&w, out);
    json_object_open(&w);
    json_key_int(&w, "id", d->id);
    ledger_audit_optional_id(&w, "batch", d->batch_id);
    ledger_audit_optional_id(&w, "resend_of", d->resend_of);
    json_key_string(&w, "persona", d->persona);
    ledger_audit_text(&w, "scope", d->scope);
    ledger_audit_text(&w, "subject", d->subject);
    json_key_string(&w, "state", ledger_state_name(d->state));
    ledger_audit_text(&w, "message_id", d->message_id);
    ledger_audit_text(&w, "request_id", d->request_id);
    json_key_int(&w, "attempts", d->attempts);
    ledger_audit_text(&w, "error_code", d->error_code);
    ledger_audit_text(&w, "error_message", d->error_message);
    ledger_audit_time(&w, "created_at", d->created_at);
    ledger_audit_time(&w, "updated_at", d->updated_at);
    json_key_string(&w, "sha256", d->message_sha256[0] ? d->message_sha256 : NULL);
    json_key_int(&w, "size_bytes", d->size_bytes);
    ledger_audit_addresses(&w, "from", d->from_address);
    ledger_audit_addresses(&w, "to", d->to_addresses);
    ledger_audit_addresses(&w, "cc", d->cc_addresses);
    ledger_audit_addresses(&w, "bcc", d->bcc_addresses);
    json_object_close(&w);
    strbuf_putc(out, '\n');
}

/* Oldest first, as a log reads. */
static void ledger_audit_render(const ledger_delivery *list, size_t count, strbuf *out)
{
    for (size_t i = count; i > 0; i--)
        ledger_audit_delivery(out, &list[i - 1]);
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

bool ledger_export_audit(ledger *l, const char *path, char *error, size_t error_size)
{
    ledger_delivery *list = NULL;
    size_t count = 0;
    if (!ledger_list(l, NULL, &list, &count, error, error_size))
        return false;
    strbuf content = STRBUF_INIT;
    ledger_audit_render(list, count, &content);
    ledger_deliveries_free(list, count);
    bool ok = ledger_write_export(path, &content, error, error_size);
    strbuf_free(&content);
    return ok;
}
