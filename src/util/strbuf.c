#include "briefing/strbuf.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void strbuf_reserve(strbuf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->capacity)
        return;
    size_t grown = b->capacity ? b->capacity : 64;
    while (grown < need)
        grown *= 2;
    char *data = realloc(b->data, grown);
    if (!data) {
        fputs("briefing: out of memory\n", stderr);
        abort();
    }
    b->data = data;
    b->capacity = grown;
}

void strbuf_append(strbuf *b, const void *bytes, size_t n)
{
    strbuf_reserve(b, n);
    if (n)
        memcpy(b->data + b->len, bytes, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void strbuf_puts(strbuf *b, const char *s)
{
    strbuf_append(b, s, strlen(s));
}

void strbuf_putc(strbuf *b, char c)
{
    strbuf_append(b, &c, 1);
}

void strbuf_vprintf(strbuf *b, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return;
    strbuf_reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void strbuf_printf(strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(b, fmt, ap);
    va_end(ap);
}

void strbuf_repeat(strbuf *b, char c, size_t n)
{
    strbuf_reserve(b, n);
    memset(b->data + b->len, c, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void strbuf_put_grouped(strbuf *b, uint64_t n)
{
    char digits[24];
    int len = snprintf(digits, sizeof digits, "%" PRIu64, n);
    for (int i = 0; i < len; i++) {
        if (i > 0 && (len - i) % 3 == 0)
            strbuf_putc(b, ',');
        strbuf_putc(b, digits[i]);
    }
}

void strbuf_truncate(strbuf *b, size_t len)
{
    if (len < b->len) {
        b->len = len;
        b->data[len] = '\0';
    }
}

const char *strbuf_cstr(const strbuf *b)
{
    return b->data ? b->data : "";
}

char *strbuf_detach(strbuf *b)
{
    char *data = b->data;
    if (!data)
        data = calloc(1, 1);
    b->data = NULL;
    b->len = b->capacity = 0;
    return data;
}

void strbuf_free(strbuf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->capacity = 0;
}

int strbuf_read_file(strbuf *b, const char *path, size_t max_bytes)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && (size_t)st.st_size > max_bytes) {
        fclose(f);
        errno = EFBIG;
        return -1;
    }
    char chunk[16384];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b->len + n > max_bytes) {
            fclose(f);
            errno = EFBIG;
            return -1;
        }
        strbuf_append(b, chunk, n);
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        errno = EIO;
        return -1;
    }
    if (!b->data)
        strbuf_append(b, "", 0);
    return 0;
}
