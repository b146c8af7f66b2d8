/* ui_layout: where everything goes for one terminal size. Pure arithmetic, so
 * a resize is just a recompute and a redraw.
 *
 *   row 0           top bar (sender, region/endpoint, quota)
 *   rows 1..n-3     entities over personas | preview   (or a full-screen view)
 *   row n-2         status: a message or the first diagnostic
 *   row n-1         the context's keys
 */
#include "ui/ui_internal.h"

#define LAYOUT_LEFT_MIN 26
#define LAYOUT_LEFT_MAX 36

void layout_compute(int lines, int columns, ui_layout *out)
{
    *out = (ui_layout){.lines = lines, .columns = columns};
    out->too_small = lines < UI_MIN_LINES || columns < UI_MIN_COLUMNS;
    if (out->too_small)
        return;
    int body_height = lines - 3;
    int left = columns / 4;
    left = left < LAYOUT_LEFT_MIN ? LAYOUT_LEFT_MIN : left > LAYOUT_LEFT_MAX ? LAYOUT_LEFT_MAX : left;
    int personas_height = 1 + PERSONA_COUNT; /* title row + one per persona */

    out->top_bar = (ui_rect){0, 0, 1, columns};
    out->body = (ui_rect){1, 0, body_height, columns};
    out->entities = (ui_rect){1, 0, body_height - personas_height - 1, left};
    out->personas = (ui_rect){1 + body_height - personas_height, 0, personas_height, left};
    out->separator_column = left;
    out->preview = (ui_rect){1, left + 1, body_height, columns - left - 1};
    out->status_line = (ui_rect){lines - 2, 0, 1, columns};
    out->key_bar = (ui_rect){lines - 1, 0, 1, columns};
}
