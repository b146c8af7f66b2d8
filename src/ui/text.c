/* text: column arithmetic over UTF-8 (see text.h). Needs an UTF-8 LC_CTYPE,
 * which ui_run sets from the environment. */
#include <wchar.h>

#include "ui/text.h"

size_t text_fit(const char *text, size_t length, int columns, int *used)
{
    mbstate_t state = {0};
    size_t offset = 0;
    int taken = 0;
    while (offset < length && text[offset] != '\n') {
        wchar_t wide;
        size_t n = mbrtowc(&wide, text + offset, length - offset, &state);
        int width = 1;
        if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
            n = 1;
            state = (mbstate_t){0};
        } else {
            width = wcwidth(wide);
            if (width < 0)
                width = 2; /* curses shows a control character as ^X */
        }
        if (taken + width > columns)
            break;
        taken += width;
        offset += n;
    }
    if (used)
        *used = taken;
    return offset;
}
