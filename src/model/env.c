/* env: repos.env, a dotenv file.
 *
 *   KEY=value            KEY = value      export KEY=value
 *   KEY='literal $x'     KEY="with \n escapes"   KEY=value # comment
 * Blank lines and lines starting with '#' are skipped. A malformed line, or
 * a value holding a NUL byte, is a diagnostic that never repeats the line's
 * value (it may be a secret), and the line is not used.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "briefing/strbuf.h"
#include "model/model_internal.h"

static bool env_key_char(char c, bool first)
{
    return c == '_' || isalpha((unsigned char)c) || (!first && isdigit((unsigned char)c));
}

/* Reads a quoted value starting at the opening quote; false when unclosed. */
static bool env_read_quoted(const char **p, const char *end, strbuf *out)
{
    char quote = **p;
    const char *s = *p + 1;
    for (; s < end && *s != quote; s++) {
        if (quote == '"' && *s == '\\' && s + 1 < end) {
            s++;
            strbuf_putc(out, *s == 'n' ? '\n' : *s == 't' ? '\t' : *s == 'r' ? '\r' : *s);
            continue;
        }
        strbuf_putc(out, *s);
    }
    if (s >= end)
        return false;
    *p = s + 1;
    return true;
}

static void env_warn(portfolio *p, const char *path, int line, const char *message)
{
    diag_add(&p->arena, &p->diagnostics, DIAG_WARNING, path, line, "%s", message);
}

static env_entry *env_add(portfolio *p, const char *path, int line, const char *key,
                          size_t key_length, const char *value)
{
    env_entry *entry = arena_push(&p->arena, (void **)&p->env, &p->env_count, &p->env_capacity,
                                  sizeof *entry);
    entry->key = arena_strndup(&p->arena, key, key_length);
    entry->value = arena_strdup(&p->arena, value);
    entry->file = arena_strdup(&p->arena, path);
    entry->line = line;
    entry->unreadable = NULL;
    return entry;
}

/* Parses one line [s, end); adds an entry or a diagnostic. A line whose
 * value cannot be read but whose key can is kept, empty and marked
 * unreadable: a recipient key typed wrong must stop a send, not let the
 * report go to the address it was meant to replace. */
static void env_parse_line(portfolio *p, const char *path, int line, const char *s,
                           const char *end)
{
    while (s < end && isspace((unsigned char)*s))
        s++;
    if (s == end || *s == '#')
        return;
    if ((size_t)(end - s) > 7 && strncmp(s, "export", 6) == 0 && isspace((unsigned char)s[6]))
        for (s += 6; s < end && isspace((unsigned char)*s); s++)
            ;
    const char *key = s;
    while (s < end && env_key_char(*s, s == key))
        s++;
    size_t key_length = (size_t)(s - key);
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    if (key_length == 0 || s == end || *s != '=') {
        env_warn(p, path, line, "expected KEY=value (the key is letters, digits and _)");
        return;
    }
    s++;
    if (memchr(s, '\0', (size_t)(end - s))) {
        /* C strings would end the value there: "a@example.com\0..." would
         * silently become another recipient list than the file holds. */
        char message[160];
        snprintf(message, sizeof message, "%.*s: the value holds a NUL byte; this line is not used",
                 (int)key_length, key);
        env_warn(p, path, line, message);
        return;
    }
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    strbuf value = STRBUF_INIT;
    if (s < end && (*s == '"' || *s == '\'')) {
        if (!env_read_quoted(&s, end, &value)) {
            static const char unclosed[] = "the quoted value is not closed on this line";
            env_warn(p, path, line, unclosed);
            strbuf_free(&value);
            env_add(p, path, line, key, key_length, "")->unreadable = unclosed;
            return;
        }
    } else {
        const char *v = s;
        while (s < end && !(*s == '#' && (s == v || isspace((unsigned char)s[-1]))))
            s++;
        size_t n = (size_t)(s - v);
        model_trim(&v, &n);
        strbuf_append(&value, v, n);
    }
    env_add(p, path, line, key, key_length, strbuf_cstr(&value));
    strbuf_free(&value);
}

void model_parse_env(portfolio *p, const char *path, const char *text, size_t length)
{
    const char *end = text + length;
    int line = 1;
    for (const char *s = text; s < end; line++) {
        const char *eol = memchr(s, '\n', (size_t)(end - s));
        const char *line_end = eol ? eol : end;
        if (line_end > s && line_end[-1] == '\r')
            line_end--;
        env_parse_line(p, path, line, s, line_end);
        s = eol ? eol + 1 : end;
    }
}

const env_entry *model_env_find(const portfolio *p, const char *key)
{
    for (size_t i = p->env_count; i-- > 0;)
        if (strcmp(p->env[i].key, key) == 0)
            return &p->env[i];
    return NULL;
}

const char *model_env_get(const portfolio *p, const char *key)
{
    const env_entry *entry = model_env_find(p, key);
    return entry && !entry->unreadable ? entry->value : NULL;
}
