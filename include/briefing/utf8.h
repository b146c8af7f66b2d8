/* utf8: the program's one UTF-8 decoder (RFC 3629, the strictest reading).
 *
 * A well-formed character is 1-4 bytes, never overlong, never a surrogate
 * (U+D800-U+DFFF), never above U+10FFFF. Everything that reads, measures,
 * checks or cuts text calls these, so a byte the handoff loader lets through
 * is one the MIME builder accepts and the renderers measure the same way.
 * Invalid bytes are taken one at a time (as U+FFFD), so a loop over text
 * always advances and never splits a well-formed character.
 */
#ifndef BRIEFING_UTF8_H
#define BRIEFING_UTF8_H

#include <stdbool.h>
#include <stddef.h>

#include "briefing/strbuf.h"

#define UTF8_REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD */

/* Bytes (1..4) of the well-formed character at `s`, or 0 when there is none
 * (invalid or truncated sequence, or `available` is 0). */
size_t utf8_char_length(const char *s, size_t available);

/* Decodes one character into `*codepoint`; returns the bytes it takes (>= 1
 * when length > 0). An invalid byte is U+FFFD and takes one byte. */
size_t utf8_decode(const char *s, size_t length, unsigned int *codepoint);

/* True when all `n` bytes are well-formed; else `*bad_offset` (may be NULL)
 * is the first bad byte. */
bool utf8_valid(const char *s, size_t n, size_t *bad_offset);

/* Appends `n` bytes with each invalid byte (and each NUL) replaced by
 * U+FFFD; returns how many were replaced. */
size_t utf8_append_repaired(strbuf *out, const char *s, size_t n);

/* The longest prefix of `s` (`length` bytes) of at most `max` bytes that
 * ends on a character boundary: where to cut without halving a character. */
size_t utf8_cut(const char *s, size_t length, size_t max);

/* Bytes taken by the first `count` characters of `s` (all of it if shorter). */
size_t utf8_prefix(const char *s, size_t length, size_t count);

#endif
