#include "briefing/json.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "briefing/utf8.h"

static void jsonw_separate(json_writer *w)
{
    if (w->depth > 0 && w->need_comma[w->depth])
        strbuf_putc(w->out, ',');
    if (w->depth > 0)
        w->need_comma[w->depth] = true;
}

void jsonw_begin(json_writer *w, strbuf *out)
{
    memset(w, 0, sizeof *w);
    w->out = out;
}

static void jsonw_open(json_writer *w, char bracket)
{
    jsonw_separate(w);
    strbuf_putc(w->out, bracket);
    if (w->depth < 63)
        w->depth++;
    w->need_comma[w->depth] = false;
}

static void jsonw_close(json_writer *w, char bracket)
{
    strbuf_putc(w->out, bracket);
    if (w->depth > 0)
        w->depth--;
}

void jsonw_object_open(json_writer *w) { jsonw_open(w, '{'); }
void jsonw_object_close(json_writer *w) { jsonw_close(w, '}'); }
void jsonw_array_open(json_writer *w) { jsonw_open(w, '['); }
void jsonw_array_close(json_writer *w) { jsonw_close(w, ']'); }

void jsonw_escape(strbuf *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    const unsigned char *end = p + strlen(s);
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
            size_t n = utf8_char_length((const char *)p, (size_t)(end - p));
            if (n == 0) {
                strbuf_puts(out, UTF8_REPLACEMENT);
                p++;
            } else {
                strbuf_append(out, p, n);
                p += n;
            }
        }
    }
}

void jsonw_key(json_writer *w, const char *key)
{
    jsonw_separate(w);
    strbuf_putc(w->out, '"');
    jsonw_escape(w->out, key);
    strbuf_puts(w->out, "\":");
    /* The value that follows must not add a comma. */
    w->need_comma[w->depth] = false;
}

static void jsonw_value_done(json_writer *w)
{
    if (w->depth > 0)
        w->need_comma[w->depth] = true;
}

void jsonw_string(json_writer *w, const char *s)
{
    jsonw_separate(w);
    if (!s) {
        strbuf_puts(w->out, "null");
    } else {
        strbuf_putc(w->out, '"');
        jsonw_escape(w->out, s);
        strbuf_putc(w->out, '"');
    }
    jsonw_value_done(w);
}

void jsonw_int(json_writer *w, int64_t v)
{
    jsonw_separate(w);
    strbuf_printf(w->out, "%" PRId64, v);
    jsonw_value_done(w);
}

void jsonw_hundredths(json_writer *w, int64_t hundredths)
{
    jsonw_separate(w);
    /* Integer arithmetic: exact, and no locale can turn the point into a comma. */
    uint64_t magnitude = hundredths < 0 ? (uint64_t)0 - (uint64_t)hundredths : (uint64_t)hundredths;
    strbuf_printf(w->out, "%s%" PRIu64 ".%02" PRIu64, hundredths < 0 ? "-" : "", magnitude / 100,
                  magnitude % 100);
    jsonw_value_done(w);
}

void jsonw_bool(json_writer *w, bool v)
{
    jsonw_separate(w);
    strbuf_puts(w->out, v ? "true" : "false");
    jsonw_value_done(w);
}

void jsonw_null(json_writer *w)
{
    jsonw_separate(w);
    strbuf_puts(w->out, "null");
    jsonw_value_done(w);
}

void jsonw_key_string(json_writer *w, const char *key, const char *s)
{
    jsonw_key(w, key);
    jsonw_string(w, s);
}

void jsonw_key_int(json_writer *w, const char *key, int64_t v)
{
    jsonw_key(w, key);
    jsonw_int(w, v);
}

void jsonw_key_hundredths(json_writer *w, const char *key, int64_t hundredths)
{
    jsonw_key(w, key);
    jsonw_hundredths(w, hundredths);
}

void jsonw_key_bool(json_writer *w, const char *key, bool v)
{
    jsonw_key(w, key);
    jsonw_bool(w, v);
}
