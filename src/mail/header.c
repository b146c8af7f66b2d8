/* header: one header field, folded (RFC 5322 §2.2.3) at 78 columns.
 *
 * Callers hand over words; the writer decides where a line ends. A fold is
 * CRLF before the space that precedes a word, so unfolding gives back the
 * value exactly. A single word longer than a line is never cut: callers keep
 * words short (encoded words <= 75, addresses <= 254), which keeps every line
 * far below the hard limit of 998.
 */
#include <string.h>

#include "mail/mime_internal.h"

void mime_header_begin(mime_header *h, strbuf *out, const char *name)
{
    h->out = out;
    h->words = 0;
    strbuf_puts(out, name);
    strbuf_putc(out, ':');
    h->column = strlen(name) + 1;
}

void mime_header_word(mime_header *h, const char *word, size_t n)
{
    /* An empty word never folds: a continuation line of only a space is
     * invalid, and the space it stands for is kept either way. */
    bool fold = h->words > 0 && n > 0 && h->column + 1 + n > MIME_FOLD_COLUMN;
    if (fold) {
        strbuf_append(h->out, "\r\n ", 3);
        h->column = 1;
    } else {
        strbuf_putc(h->out, ' ');
        h->column++;
    }
    strbuf_append(h->out, word, n);
    h->column += n;
    h->words++;
}

void mime_header_glue(mime_header *h, const char *text)
{
    strbuf_puts(h->out, text);
    h->column += strlen(text);
}

void mime_header_end(mime_header *h)
{
    strbuf_append(h->out, "\r\n", 2);
    h->column = 0;
}
