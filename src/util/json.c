#include "briefing/json.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static void json_separate(json_writer *w)
{
    if (w->depth > 0 && w->need_comma[w->depth])
        strbuf_putc(w->out, ',');
    if (w->depth > 0)
        w->need_comma[w->depth] = true;
}

void json_begin(json_writer *w, strbuf *out)
{
    memset(w, 0, sizeof *w);
    w->out = out;
}

static void json_open(json_writer *w, char bracket)
{
    json_separate(w);
    strbuf_putc(w->out, bracket);
    if (w->depth < 63)
        w->depth++;
    w->need_comma[w->depth] = false;
}

static void json_close(json_writer *w, char bracket)
{
    strbuf_putc(w->out, bracket);
    if (w->depth > 0)
        w->depth--;
}

void json_object_open(json_writer *w) { json_open(w, '{'); }
void json_object_close(json_writer *w) { json_close(w, '}'); }
void json_array_open(json_writer *w) { json_open(w, '['); }
void json_array_close(json_writer *w) { json_close(w, ']'); }

/* Length of the valid UTF-8 sequence at s, or 0 when it is not valid. */
static size_t utf8_sequence_length(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    size_t n = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 && s[0] < 0xE0 ? 2 : 0;
    if (n == 0 || s[0] > 0xF4)
        return 0;
    for (size_t i = 1; i < n; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if (n == 3 && s[0] == 0xE0 && s[1] < 0xA0)
        return 0; /* overlong */
    if (n == 3 && s[0] == 0xED && s[1] >= 0xA0)
        return 0; /* surrogate */
    if (n == 4 && s[0] == 0xF0 && s[1] < 0x90)
        return 0;
    if (n == 4 && s[0] == 0xF4 && s[1] >= 0x90)
        return 0;
    return n;
}

void json_escape(strbuf *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned char c = *p;
        if (c == '"' || c == '\\') {
            strbuf_putc(out, '\\');
            strbuf_putc(out, (char)c);
            p++;
        } else if (c == '\n') {
            strbuf_puts(out, "\\n");
            p++;
        } else if (c == '\t') {
            strbuf_puts(out, "\\t");
            p++;
        } else if (c == '\r') {
            strbuf_puts(out, "\\r");
            p++;
        } else if (c < 0x20 || c == 0x7F) {
            strbuf_printf(out, "\\u%04x", c);
            p++;
        } else {
            size_t n = utf8_sequence_length(p);
            if (n == 0) {
                strbuf_puts(out, "\xEF\xBF\xBD");
                p++;
            } else {
                strbuf_append(out, p, n);
                p += n;
            }
        }
    }
}

void json_key(json_writer *w, const char *key)
{
    json_separate(w);
    strbuf_putc(w->out, '"');
    json_escape(w->out, key);
    strbuf_puts(w->out, "\":");
    /* The value that follows must not add a comma. */
    w->need_comma[w->depth] = false;
}

static void json_value_done(json_writer *w)
{
    if (w->depth > 0)
        w->need_comma[w->depth] = true;
}

void json_string(json_writer *w, const char *s)
{
    json_separate(w);
    if (!s) {
        strbuf_puts(w->out, "null");
    } else {
        strbuf_putc(w->out, '"');
        json_escape(w->out, s);
        strbuf_putc(w->out, '"');
    }
    json_value_done(w);
}

void json_int(json_writer *w, int64_t v)
{
    json_separate(w);
    strbuf_printf(w->out, "%" PRId64, v);
    json_value_done(w);
}

void json_bool(json_writer *w, bool v)
{
    json_separate(w);
    strbuf_puts(w->out, v ? "true" : "false");
    json_value_done(w);
}

void json_null(json_writer *w)
{
    json_separate(w);
    strbuf_puts(w->out, "null");
    json_value_done(w);
}

void json_key_string(json_writer *w, const char *key, const char *s)
{
    json_key(w, key);
    json_string(w, s);
}

void json_key_int(json_writer *w, const char *key, int64_t v)
{
    json_key(w, key);
    json_int(w, v);
}

void json_key_bool(json_writer *w, const char *key, bool v)
{
    json_key(w, key);
    json_bool(w, v);
}
