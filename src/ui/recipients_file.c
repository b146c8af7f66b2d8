/* recipients_file: rewrites chosen keys of an env file atomically (see
 * recipients_file.h). Values are written double-quoted, with \ and "
 * escaped, so display names with spaces and commas read back as written
 * (model_parse_env). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "briefing/strbuf.h"
#include "ui/recipients_file.h"

#define RECIPIENTS_FILE_MAX_BYTES (1 << 20)

/* The key a line assigns ("KEY=", "export KEY ="), or 0 length. */
static size_t recipients_line_key(const char *line, size_t length, const char **key)
{
    const char *s = line, *end = line + length;
    while (s < end && isspace((unsigned char)*s))
        s++;
    if ((size_t)(end - s) > 7 && strncmp(s, "export", 6) == 0 && isspace((unsigned char)s[6]))
        for (s += 6; s < end && isspace((unsigned char)*s); s++)
            ;
    const char *start = s;
    while (s < end && (*s == '_' || isalnum((unsigned char)*s)))
        s++;
    size_t key_length = (size_t)(s - start);
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    if (key_length == 0 || isdigit((unsigned char)*start) || s == end || *s != '=')
        return 0;
    *key = start;
    return key_length;
}

static void recipients_put_entry(strbuf *out, const recipients_file_entry *entry)
{
    strbuf_printf(out, "%s=\"", entry->key);
    for (const char *c = entry->value ? entry->value : ""; *c; c++) {
        if (*c == '"' || *c == '\\')
            strbuf_putc(out, '\\');
        if (*c == '\n')
            strbuf_puts(out, "\\n");
        else
            strbuf_putc(out, *c);
    }
    strbuf_puts(out, "\"\n");
}

/* The entry for the key at [key, key + length), or -1. */
static long recipients_find(const recipients_file_entry *entries, size_t count, const char *key,
                            size_t length)
{
    for (size_t i = 0; i < count; i++)
        if (strlen(entries[i].key) == length && memcmp(entries[i].key, key, length) == 0)
            return (long)i;
    return -1;
}

/* `old` with the entries set: in place where present, else appended. */
static void recipients_merge(const strbuf *old, const recipients_file_entry *entries, size_t count,
                             strbuf *out)
{
    bool written[RECIPIENTS_FILE_MAX_ENTRIES] = {false};
    const char *text = strbuf_cstr(old), *end = text + old->len;
    for (const char *s = text; s < end;) {
        const char *eol = memchr(s, '\n', (size_t)(end - s));
        size_t length = (size_t)((eol ? eol : end) - s);
        const char *key;
        size_t key_length = recipients_line_key(s, length, &key);
        long found = key_length ? recipients_find(entries, count, key, key_length) : -1;
        if (found < 0) {
            strbuf_append(out, s, length);
            strbuf_putc(out, '\n');
        } else if (!written[found]) {
            recipients_put_entry(out, &entries[found]);
            written[found] = true;
        } /* a repeat of a key just written would override it: dropped */
        s = eol ? eol + 1 : end;
    }
    for (size_t i = 0; i < count; i++)
        if (!written[i])
            recipients_put_entry(out, &entries[i]);
}

static bool recipients_write_atomically(const char *path, const strbuf *text, char *error,
                                        size_t error_size)
{
    char temporary[4096];
    if ((size_t)snprintf(temporary, sizeof temporary, "%s.XXXXXX", path) >= sizeof temporary) {
        snprintf(error, error_size, "%s: path too long", path);
        return false;
    }
    int fd = mkstemp(temporary); /* mkstemp creates it 0600 */
    if (fd < 0) {
        snprintf(error, error_size, "%s: cannot create: %s", temporary, strerror(errno));
        return false;
    }
    const char *data = strbuf_cstr(text);
    size_t left = text->len;
    while (left > 0) {
        ssize_t n = write(fd, data, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        data += n;
        left -= (size_t)n;
    }
    int saved = errno;
    bool ok = left == 0 && fchmod(fd, 0600) == 0 && fsync(fd) == 0;
    if (!ok && left == 0)
        saved = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (ok && rename(temporary, path) != 0) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        snprintf(error, error_size, "%s: cannot write: %s", path, strerror(saved));
        unlink(temporary);
    }
    return ok;
}

bool recipients_file_update(const char *path, const recipients_file_entry *entries, size_t count,
                            char *error, size_t error_size)
{
    if (count > RECIPIENTS_FILE_MAX_ENTRIES) {
        snprintf(error, error_size, "%s: %zu keys, at most %d", path, count, RECIPIENTS_FILE_MAX_ENTRIES);
        return false;
    }
    strbuf old = STRBUF_INIT, fresh = STRBUF_INIT;
    if (strbuf_read_file(&old, path, RECIPIENTS_FILE_MAX_BYTES) != 0 && errno != ENOENT) {
        snprintf(error, error_size, "%s: cannot read: %s", path, strerror(errno));
        strbuf_free(&old);
        return false;
    }
    if (old.len == 0)
        strbuf_puts(&fresh, "# Recipients saved by the briefing console; read after repos.env.\n");
    recipients_merge(&old, entries, count, &fresh);
    bool ok = recipients_write_atomically(path, &fresh, error, error_size);
    strbuf_free(&old);
    strbuf_free(&fresh);
    return ok;
}
