/* ui_columns: column arithmetic over UTF-8 (see ui_columns.h). Decoding is util's
 * strict one; wcwidth needs an UTF-8 LC_CTYPE, which ui_run sets from the
 * environment. */
#include <wchar.h>

#include "briefing/utf8.h"
#include "ui/ui_columns.h"

/* Bytes of the character at `text` and its columns. An invalid byte is one
 * U+FFFD, one column. */
static size_t text_character(const char *text, size_t length, int *width)
{
    unsigned int codepoint;
    size_t n = utf8_decode(text, length, &codepoint);
    *width = wcwidth((wchar_t)codepoint);
    if (*width < 0)
        *width = 2; /* curses shows a control character as ^X */
    return n;
}

size_t text_fit(const char *text, size_t length, int columns, int *used)
{
    size_t offset = 0;
    int taken = 0;
    while (offset < length && text[offset] != '\n') {
        int width;
        size_t n = text_character(text + offset, length - offset, &width);
        if (taken + width > columns)
            break;
        taken += width;
        offset += n;
    }
    if (used)
        *used = taken;
    return offset;
}

size_t text_skip(const char *text, size_t length, int columns, int *skipped)
{
    size_t offset = 0;
    int taken = 0;
    while (offset < length && taken < columns) {
        int width;
        offset += text_character(text + offset, length - offset, &width);
        taken += width;
    }
    *skipped = taken;
    return offset;
}

size_t text_fit_words(const char *text, size_t length, int columns)
{
    size_t fit = text_fit(text, length, columns, NULL);
    if (fit >= length)
        return length;
    if (text[fit] == '\n')
        return fit; /* the line ends within the fit: nothing to break */
    size_t space = fit;
    while (space > 0 && text[space] != ' ')
        space--;
    return space > 0 ? space : fit > 0 ? fit : length > 0;
}
