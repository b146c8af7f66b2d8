/* json: a small streaming JSON writer for --json output and audit logs.
 *
 * The writer tracks whether a comma is due; callers only say what comes next.
 * Strings are escaped per RFC 8259 (control characters as \u00XX); invalid
 * UTF-8 bytes are replaced by U+FFFD so the output is always valid JSON.
 */
#ifndef BRIEFING_JSON_H
#define BRIEFING_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include "briefing/strbuf.h"

typedef struct {
    strbuf *out;
    int depth;
    bool need_comma[64];
} json_writer;

void json_begin(json_writer *w, strbuf *out);
void json_object_open(json_writer *w);
void json_object_close(json_writer *w);
void json_array_open(json_writer *w);
void json_array_close(json_writer *w);
void json_key(json_writer *w, const char *key);
void json_string(json_writer *w, const char *s); /* NULL writes null */
void json_int(json_writer *w, int64_t v);
/* A number with two decimals from an integer count of hundredths: 512 -> 5.12. */
void json_hundredths(json_writer *w, int64_t hundredths);
void json_bool(json_writer *w, bool v);
void json_null(json_writer *w);
/* Shorthands for a key followed by a value. */
void json_key_string(json_writer *w, const char *key, const char *s);
void json_key_int(json_writer *w, const char *key, int64_t v);
void json_key_bool(json_writer *w, const char *key, bool v);
void json_key_hundredths(json_writer *w, const char *key, int64_t hundredths);
/* Appends `s` escaped, without quotes. */
void json_escape(strbuf *out, const char *s);

#endif
