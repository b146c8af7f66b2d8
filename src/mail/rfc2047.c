/* rfc2047: non-ASCII text in headers as encoded words (RFC 2047).
 *
 * Always the B encoding of UTF-8: "=?UTF-8?B?" + base64 + "?=". A word holds
 * at most 45 bytes (60 base64 characters, 72 octets in all, under the limit
 * of 75) and only whole characters, since a decoder may decode each word on
 * its own. Whitespace between two encoded words is dropped by decoders, so
 * folding between them adds nothing to the decoded value.
 */
#include <string.h>

#include "briefing/utf8.h"
#include "mail/mime_internal.h"

#define ENCODED_WORD_OVERHEAD 12 /* "=?UTF-8?B?" and "?=" */
#define ENCODED_WORD_MAX_BYTES 45

static const char base64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void base64_encode(const unsigned char *s, size_t n, strbuf *out)
{
    for (size_t i = 0; i < n; i += 3) {
        unsigned long group = (unsigned long)s[i] << 16;
        if (i + 1 < n)
            group |= (unsigned long)s[i + 1] << 8;
        if (i + 2 < n)
            group |= s[i + 2];
        strbuf_putc(out, base64_alphabet[(group >> 18) & 63]);
        strbuf_putc(out, base64_alphabet[(group >> 12) & 63]);
        strbuf_putc(out, i + 1 < n ? base64_alphabet[(group >> 6) & 63] : '=');
        strbuf_putc(out, i + 2 < n ? base64_alphabet[group & 63] : '=');
    }
}

/* Bytes that fit in an encoded word placed after the current column. */
static size_t encoded_word_budget(const mime_header *h)
{
    size_t used = h->column + 1 + ENCODED_WORD_OVERHEAD;
    if (used >= MIME_FOLD_COLUMN)
        return 0;
    size_t budget = (MIME_FOLD_COLUMN - used) / 4 * 3;
    return budget < ENCODED_WORD_MAX_BYTES ? budget : ENCODED_WORD_MAX_BYTES;
}

void mime_header_encoded_words(mime_header *h, const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t done = 0;
    while (done < n) {
        size_t take = utf8_cut((const char *)s + done, n - done, encoded_word_budget(h));
        if (take == 0) /* not even one character fits here: a full word, folded */
            take = utf8_cut((const char *)s + done, n - done, ENCODED_WORD_MAX_BYTES);
        strbuf word = STRBUF_INIT;
        strbuf_puts(&word, "=?UTF-8?B?");
        base64_encode(s + done, take, &word);
        strbuf_puts(&word, "?=");
        mime_header_word(h, word.data, word.len);
        strbuf_free(&word);
        done += take;
    }
}

/* Whether `text` may be written as it is, split at its spaces: printable
 * ASCII, nothing a decoder would take for an encoded word, and no word too
 * long to fold. */
static bool plain_words_fit(const char *text, size_t n)
{
    if (!mime_ascii_printable(text, n))
        return false;
    size_t word = 0;
    for (size_t i = 0; i < n; i++) {
        if (text[i] == '=' && i + 1 < n && text[i + 1] == '?')
            return false;
        word = text[i] == ' ' ? 0 : word + 1;
        if (word > MIME_FOLD_COLUMN - 1)
            return false;
    }
    return true;
}

/* Writes `text` split at each single space; folding re-creates the space. */
static void plain_words(mime_header *h, const char *text, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && text[i] != ' ')
            continue;
        mime_header_word(h, text + start, i - start);
        start = i + 1;
    }
}

void mime_header_unstructured(mime_header *h, const char *text)
{
    size_t n = strlen(text);
    if (plain_words_fit(text, n))
        plain_words(h, text, n);
    else
        mime_header_encoded_words(h, text, n);
}

/* Atoms separated by single spaces, none too long: written unquoted. */
static bool is_atom_phrase(const char *name, size_t n)
{
    if (n == 0 || name[0] == ' ' || name[n - 1] == ' ' || !plain_words_fit(name, n))
        return false;
    for (size_t i = 0; i < n; i++) {
        if (name[i] == ' ' && name[i + 1] == ' ')
            return false;
        if (name[i] != ' ' && !mime_is_atext(name[i]))
            return false;
    }
    return true;
}

/* Writes `name` as one quoted-string word when it fits on a line (a
 * quoted-string cannot fold inside); returns false when it does not. */
static bool quoted_string_word(mime_header *h, const char *name, size_t n)
{
    strbuf quoted = STRBUF_INIT;
    strbuf_putc(&quoted, '"');
    for (size_t i = 0; i < n; i++) {
        if (name[i] == '"' || name[i] == '\\')
            strbuf_putc(&quoted, '\\');
        strbuf_putc(&quoted, name[i]);
    }
    strbuf_putc(&quoted, '"');
    bool fits = quoted.len < MIME_FOLD_COLUMN;
    if (fits)
        mime_header_word(h, quoted.data, quoted.len);
    strbuf_free(&quoted);
    return fits;
}

void mime_header_phrase(mime_header *h, const char *name, size_t n)
{
    if (is_atom_phrase(name, n))
        plain_words(h, name, n);
    else if (!plain_words_fit(name, n) || !quoted_string_word(h, name, n))
        mime_header_encoded_words(h, name, n);
}
