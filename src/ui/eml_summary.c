/* eml_summary: see eml_summary.h. Only what a display needs: UTF-8 and
 * US-ASCII encoded words in B or Q; a word in another charset, or a broken
 * one, is shown as it is written rather than guessed at. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "ui/eml_summary.h"

/* Where the header section ends: the first empty line, or the end. */
static size_t eml_headers_end(const char *eml, size_t length)
{
    for (size_t i = 0; i + 1 < length; i++) {
        if (eml[i] == '\n' && (eml[i + 1] == '\n' || (eml[i + 1] == '\r' && i + 2 < length &&
                                                      eml[i + 2] == '\n')))
            return i + 1;
    }
    return length;
}

static int base64_value(char c)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const char *at = c ? strchr(alphabet, c) : NULL;
    return at ? (int)(at - alphabet) : -1;
}

static bool decode_b(const char *text, size_t length, strbuf *out)
{
    unsigned long group = 0;
    int bits = 0;
    for (size_t i = 0; i < length && text[i] != '='; i++) {
        int value = base64_value(text[i]);
        if (value < 0)
            return false;
        group = (group << 6) | (unsigned long)value;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            strbuf_putc(out, (char)((group >> bits) & 0xff));
        }
    }
    return true;
}

static int hex_value(char c)
{
    return isdigit((unsigned char)c) ? c - '0'
           : (c >= 'A' && c <= 'F') ? c - 'A' + 10
           : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                                    : -1;
}

static bool decode_q(const char *text, size_t length, strbuf *out)
{
    for (size_t i = 0; i < length; i++) {
        if (text[i] == '_') {
            strbuf_putc(out, ' ');
        } else if (text[i] == '=') {
            if (i + 2 >= length)
                return false;
            int high = hex_value(text[i + 1]), low = hex_value(text[i + 2]);
            if (high < 0 || low < 0)
                return false;
            strbuf_putc(out, (char)(high * 16 + low));
            i += 2;
        } else {
            strbuf_putc(out, text[i]);
        }
    }
    return true;
}

/* Decodes the encoded word at `text` ("=?charset?E?data?=") onto `out`
 * (NULL: only measures); returns its length, or 0 when it is not one this
 * display decodes. */
static size_t decode_word(const char *text, size_t length, strbuf *out)
{
    if (length < 8 || text[0] != '=' || text[1] != '?')
        return 0;
    const char *charset = text + 2, *end = text + length;
    const char *q1 = memchr(charset, '?', (size_t)(end - charset));
    if (!q1 || q1 + 3 >= end || q1[2] != '?')
        return 0;
    const char *data = q1 + 3, *close = data;
    while (close + 1 < end && !(close[0] == '?' && close[1] == '='))
        close++;
    if (close + 1 >= end)
        return 0;
    size_t charset_length = (size_t)(q1 - charset);
    if (!(charset_length == 5 && strncasecmp(charset, "UTF-8", 5) == 0) &&
        !(charset_length == 8 && strncasecmp(charset, "US-ASCII", 8) == 0))
        return 0;
    strbuf decoded = STRBUF_INIT;
    char encoding = (char)toupper((unsigned char)q1[1]);
    bool ok = encoding == 'B'   ? decode_b(data, (size_t)(close - data), &decoded)
              : encoding == 'Q' ? decode_q(data, (size_t)(close - data), &decoded)
                                : false;
    if (ok && out)
        strbuf_append(out, strbuf_cstr(&decoded), decoded.len);
    strbuf_free(&decoded);
    return ok ? (size_t)(close + 2 - text) : 0;
}

/* Appends the decoded run of encoded words `run` (then emptied). In an
 * address header (`phrase`) a display name holding a comma or another
 * special goes back between quotes, as the sender had to write it
 * ("Müller, Zoë" <…>): shown bare it would read as two recipients. */
static void decode_run_flush(strbuf *run, bool phrase, strbuf *out)
{
    const char *text = strbuf_cstr(run);
    if (phrase && run->len && strpbrk(text, ",;:<>@\"\\()[]")) {
        strbuf_putc(out, '"');
        for (size_t i = 0; i < run->len; i++) {
            if (text[i] == '"' || text[i] == '\\')
                strbuf_putc(out, '\\');
            strbuf_putc(out, text[i]);
        }
        strbuf_putc(out, '"');
    } else
        strbuf_append(out, text, run->len);
    strbuf_truncate(run, 0);
}

/* Appends the unfolded `value`, its encoded words decoded; the white space
 * between two encoded words is dropped (RFC 2047 §6.2). */
static void decode_value(const char *value, size_t length, bool phrase, strbuf *out)
{
    strbuf run = STRBUF_INIT; /* consecutive encoded words, decoded */
    bool after_word = false;
    for (size_t i = 0; i < length;) {
        size_t blanks = 0;
        while (i + blanks < length && (value[i + blanks] == ' ' || value[i + blanks] == '\t'))
            blanks++;
        if (after_word && blanks && decode_word(value + i + blanks, length - i - blanks, NULL)) {
            i += blanks;
            blanks = 0;
        }
        if (blanks) {
            decode_run_flush(&run, phrase, out);
            strbuf_append(out, value + i, blanks);
            i += blanks;
            after_word = false;
            continue;
        }
        size_t word = decode_word(value + i, length - i, &run);
        if (word) {
            i += word;
            after_word = true;
        } else {
            decode_run_flush(&run, phrase, out);
            strbuf_putc(out, value[i++]);
            after_word = false;
        }
    }
    decode_run_flush(&run, phrase, out);
    strbuf_free(&run);
}

/* Headers whose encoded words are display names (RFC 2047 §5 (3)). */
static bool header_holds_addresses(const char *name)
{
    static const char *const names[] = {"From", "To", "Cc", "Reply-To", "Sender"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(name, names[i]) == 0)
            return true;
    return false;
}

/* The raw value of `name` in the header section, folds and all: start and
 * length; false when absent. */
static bool eml_find_header(const char *eml, size_t length, const char *name, const char **value,
                            size_t *value_length)
{
    size_t end = eml_headers_end(eml, length), name_length = strlen(name);
    for (size_t line = 0; line < end;) {
        const char *newline = memchr(eml + line, '\n', end - line);
        size_t next = newline ? (size_t)(newline - eml) + 1 : end;
        if (next - line > name_length && eml[line + name_length] == ':' &&
            strncasecmp(eml + line, name, name_length) == 0) {
            size_t stop = next; /* continuation lines start with a blank */
            while (stop < end && (eml[stop] == ' ' || eml[stop] == '\t')) {
                const char *more = memchr(eml + stop, '\n', end - stop);
                stop = more ? (size_t)(more - eml) + 1 : end;
            }
            *value = eml + line + name_length + 1;
            *value_length = stop - (line + name_length + 1);
            return true;
        }
        line = next;
    }
    return false;
}

bool eml_header_value(const char *eml, size_t length, const char *name, strbuf *out)
{
    const char *raw;
    size_t raw_length;
    if (!eml_find_header(eml, length, name, &raw, &raw_length))
        return false;
    strbuf unfolded = STRBUF_INIT;
    for (size_t i = 0; i < raw_length; i++) {
        if (raw[i] != '\r' && raw[i] != '\n')
            strbuf_putc(&unfolded, raw[i]);
    }
    const char *text = strbuf_cstr(&unfolded);
    size_t start = 0, stop = unfolded.len;
    while (start < stop && (text[start] == ' ' || text[start] == '\t'))
        start++;
    while (stop > start && (text[stop - 1] == ' ' || text[stop - 1] == '\t'))
        stop--;
    decode_value(text + start, stop - start, header_holds_addresses(name), out);
    strbuf_free(&unfolded);
    return true;
}

static void eml_summary_line(strbuf *out, const char *label, const char *value, const char *note)
{
    strbuf_printf(out, "%-9s%s%s\n", label, value && *value ? value : "-",
                  value && *value && note ? note : "");
}

void eml_summary(const char *eml, size_t length, const char *bcc, strbuf *out)
{
    static const char *const names[] = {"From", "To", "Cc", NULL, "Subject", "Date"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!names[i]) { /* Bcc: the envelope's, never in the bytes */
            eml_summary_line(out, "Bcc", bcc, "   (envelope only: not in the message)");
            continue;
        }
        strbuf value = STRBUF_INIT;
        eml_header_value(eml, length, names[i], &value);
        eml_summary_line(out, names[i], strbuf_cstr(&value), NULL);
        strbuf_free(&value);
    }
}

/* The delimiter line ("--BOUNDARY") just above the part whose headers hold
 * `at`, as [*line, *line + *length); false for a message of one part. */
static bool eml_part_delimiter(const char *eml, const char *at, const char **line, size_t *length)
{
    const char *end = at;
    while (end > eml) {
        const char *start = end - 1; /* end is a line start: step over its '\n' */
        while (start > eml && start[-1] != '\n')
            start--;
        if (start[0] == '-' && start[1] == '-') {
            *line = start;
            *length = strcspn(start, "\r\n");
            return true;
        }
        if (start == end - 1 || (start == end - 2 && start[0] == '\r'))
            return false; /* an empty line: the top-level headers end here */
        end = start;
    }
    return false;
}

/* Quoted-printable (RFC 2045 §6.7): "=XX" a byte, "=" at a line end a soft
 * break; a stray '=' stays as written. CRLF becomes LF. */
static void eml_decode_qp(const char *text, size_t length, strbuf *out)
{
    for (size_t i = 0; i < length; i++) {
        int high = i + 2 < length ? hex_value(text[i + 1]) : -1;
        int low = i + 2 < length ? hex_value(text[i + 2]) : -1;
        if (text[i] == '=' && i + 1 < length && (text[i + 1] == '\n' || text[i + 1] == '\r')) {
            i += text[i + 1] == '\r' && i + 2 < length && text[i + 2] == '\n' ? 2 : 1;
        } else if (text[i] == '=' && high >= 0 && low >= 0) {
            strbuf_putc(out, (char)(high * 16 + low));
            i += 2;
        } else if (!(text[i] == '\r' && i + 1 < length && text[i + 1] == '\n')) {
            strbuf_putc(out, text[i]);
        }
    }
}

bool eml_text_part(const char *eml, size_t length, strbuf *out)
{
    const char *type = strstr(eml, "Content-Type: text/plain");
    if (!type || (size_t)(type - eml) >= length)
        return false;
    size_t from = eml_headers_end(type, length - (size_t)(type - eml));
    const char *body = type + from, *end = eml + length;
    body += body < end && *body == '\r';
    body += body < end && *body == '\n';
    const char *delimiter;
    size_t delimiter_length;
    if (eml_part_delimiter(eml, type, &delimiter, &delimiter_length)) {
        for (const char *at = body; at < end; at++) {
            if ((at == body || at[-1] == '\n') && (size_t)(end - at) >= delimiter_length &&
                memcmp(at, delimiter, delimiter_length) == 0) {
                end = at;
                break;
            }
        }
    }
    strbuf part_headers = STRBUF_INIT;
    bool qp = eml_header_value(type, (size_t)(body - type), "Content-Transfer-Encoding",
                               &part_headers) &&
              strcasecmp(strbuf_cstr(&part_headers), "quoted-printable") == 0;
    strbuf_free(&part_headers);
    size_t size = (size_t)(end - body);
    if (qp) {
        eml_decode_qp(body, size, out);
    } else {
        for (size_t i = 0; i < size; i++)
            if (!(body[i] == '\r' && i + 1 < size && body[i + 1] == '\n'))
                strbuf_putc(out, body[i]);
    }
    return true;
}
