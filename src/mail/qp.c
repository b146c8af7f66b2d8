/* qp: quoted-printable bodies (RFC 2045 §6.7).
 *
 * The input is cut into units: a line break, or one character (a whole UTF-8
 * sequence counts as one, so a soft break never separates its bytes and an
 * =XX escape is never split). A unit goes on the current line when it fits in
 * 75 columns (76 when it is the last one before a hard break), leaving room
 * for the soft-break "="; otherwise a soft break comes first.
 */
#include <string.h>

#include "briefing/utf8.h"
#include "mail/mime_internal.h"

/* The longest unit: a 4-byte UTF-8 character as =XX=XX=XX=XX. */
#define QP_UNIT_MAX 12

static const char qp_hex_digits[] = "0123456789ABCDEF";

/* 2 for "\r\n", 1 for "\n", 0 when s[i] starts no line break. */
static size_t qp_line_break_length(const unsigned char *s, size_t i, size_t n)
{
    if (i < n && s[i] == '\n')
        return 1;
    if (i + 1 < n && s[i] == '\r' && s[i + 1] == '\n')
        return 2;
    return 0;
}

static bool qp_ends_line(const unsigned char *s, size_t i, size_t n)
{
    return i == n || qp_line_break_length(s, i, n) > 0;
}

/* Whether the single byte at s[i] must be written as =XX. Whitespace is
 * encoded only at a line's end (where transports strip it); "." and "From "
 * only at a line's start (SMTP dot lines, mbox "From " lines). */
static bool qp_must_escape(const unsigned char *s, size_t i, size_t n, bool line_start)
{
    unsigned char c = s[i];
    if (c == ' ' || c == '\t')
        return qp_ends_line(s, i + 1, n);
    if (c == '=' || c < 0x20 || c > 0x7E)
        return true;
    if (line_start && c == '.')
        return true;
    return line_start && c == 'F' && n - i >= 5 && memcmp(s + i, "From ", 5) == 0;
}

/* Encodes the unit at s[i] into `unit`; returns its width, `*consumed` bytes. */
static size_t qp_unit(const unsigned char *s, size_t i, size_t n, bool line_start,
                      char unit[QP_UNIT_MAX], size_t *consumed)
{
    size_t length = 1;
    if (s[i] >= 0x80) {
        length = utf8_char_length((const char *)s + i, n - i);
        if (length == 0)
            length = 1;
    }
    *consumed = length;
    if (length == 1 && !qp_must_escape(s, i, n, line_start)) {
        unit[0] = (char)s[i];
        return 1;
    }
    for (size_t b = 0; b < length; b++) {
        unit[3 * b] = '=';
        unit[3 * b + 1] = qp_hex_digits[s[i + b] >> 4];
        unit[3 * b + 2] = qp_hex_digits[s[i + b] & 0x0F];
    }
    return 3 * length;
}

void mime_qp_encode(const char *text, size_t n, strbuf *out)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t column = 0;
    size_t i = 0;
    while (i < n) {
        size_t line_break = qp_line_break_length(s, i, n);
        if (line_break) {
            strbuf_append(out, "\r\n", 2);
            column = 0;
            i += line_break;
            continue;
        }
        char unit[QP_UNIT_MAX];
        size_t consumed;
        size_t width = qp_unit(s, i, n, column == 0, unit, &consumed);
        size_t limit = qp_ends_line(s, i + consumed, n) ? MIME_QP_LINE_MAX : MIME_QP_LINE_MAX - 1;
        if (column + width > limit) {
            strbuf_append(out, "=\r\n", 3);
            column = 0;
            width = qp_unit(s, i, n, true, unit, &consumed);
        }
        strbuf_append(out, unit, width);
        column += width;
        i += consumed;
    }
}
