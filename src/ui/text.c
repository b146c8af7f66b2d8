/* text: column arithmetic over UTF-8 (see text.h). Needs an UTF-8 LC_CTYPE,
 * which ui_run sets from the environment. */
#include <wchar.h>

#include "ui/text.h"

/* Bytes of the character at `text` and its columns. */
static size_t text_character(const char *text, size_t length, mbstate_t *state, int *width)
{
    wchar_t wide;
    size_t n = mbrtowc(&wide, text, length, state);
    if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
        *state = (mbstate_t){0};
        *width = 1;
        return 1;
    }
    *width = wcwidth(wide);
    if (*width < 0)
        *width = 2; /* curses shows a control character as ^X */
    return n;
}

size_t text_fit(const char *text, size_t length, int columns, int *used)
{
    mbstate_t state = {0};
    size_t offset = 0;
    int taken = 0;
    while (offset < length && text[offset] != '\n') {
        int width;
        size_t n = text_character(text + offset, length - offset, &state, &width);
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
    mbstate_t state = {0};
    size_t offset = 0;
    int taken = 0;
    while (offset < length && taken < columns) {
        int width;
        offset += text_character(text + offset, length - offset, &state, &width);
        taken += width;
    }
    *skipped = taken;
    return offset;
}
