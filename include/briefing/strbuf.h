/* strbuf: a growable, always NUL-terminated byte string.
 *
 * Invariants:
 *  - data[len] == '\0' whenever data != NULL; an empty strbuf has data == NULL
 *    and len == 0, and strbuf_cstr() returns "" for it;
 *  - len counts bytes, may include NULs appended with strbuf_append();
 *  - the strbuf owns data; strbuf_free() releases it and resets to empty;
 *    strbuf_detach() hands ownership to the caller (free() it).
 */
#ifndef BRIEFING_STRBUF_H
#define BRIEFING_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    char *data;
    size_t len;
    size_t capacity;
} strbuf;

#define STRBUF_INIT {NULL, 0, 0}

void strbuf_append(strbuf *b, const void *bytes, size_t n);
void strbuf_puts(strbuf *b, const char *s);
void strbuf_putc(strbuf *b, char c);
void strbuf_printf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vprintf(strbuf *b, const char *fmt, va_list ap);
/* Appends `c` `n` times (padding for tables and wrapped text). */
void strbuf_repeat(strbuf *b, char c, size_t n);
/* Appends `n` in digits grouped by thousands: 1234567 -> "1,234,567". */
void strbuf_put_grouped(strbuf *b, uint64_t n);
void strbuf_truncate(strbuf *b, size_t len);
const char *strbuf_cstr(const strbuf *b);
char *strbuf_detach(strbuf *b);
void strbuf_free(strbuf *b);

/* Reads a whole file; returns 0, or -1 with errno set. Files larger than
 * `max_bytes` fail with EFBIG. */
int strbuf_read_file(strbuf *b, const char *path, size_t max_bytes);

#endif
