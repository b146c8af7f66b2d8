/* json: a small streaming JSON writer for --json output and audit logs.
 * Its functions are jsonw_*: jansson (the reader) owns json_*, and with the
 * static link a writer function of the same name would replace jansson's.
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

void jsonw_begin(json_writer *w, strbuf *out);
void jsonw_object_open(json_writer *w);
void jsonw_object_close(json_writer *w);
void jsonw_array_open(json_writer *w);
void jsonw_array_close(json_writer *w);
void jsonw_key(json_writer *w, const char *key);
void jsonw_string(json_writer *w, const char *s); /* NULL writes null */
void jsonw_int(json_writer *w, int64_t v);
/* A number with two decimals from an integer count of hundredths: 512 -> 5.12. */
void jsonw_hundredths(json_writer *w, int64_t hundredths);
void jsonw_bool(json_writer *w, bool v);
void jsonw_null(json_writer *w);
/* Shorthands for a key followed by a value. */
void jsonw_key_string(json_writer *w, const char *key, const char *s);
void jsonw_key_int(json_writer *w, const char *key, int64_t v);
void jsonw_key_bool(json_writer *w, const char *key, bool v);
void jsonw_key_hundredths(json_writer *w, const char *key, int64_t hundredths);
/* Appends `s` escaped, without quotes. */
void jsonw_escape(strbuf *out, const char *s);

#endif
