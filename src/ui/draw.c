/* draw: the few curses primitives every view uses. All text goes through
 * ui_draw_text, which clips by display columns (never mid-character), so a
 * wide character can never spill into the next pane. Labels, titles, rows
 * and bars go through ui_draw_string, which ends a cut text with "…", so a
 * cut never passes for the whole (a report's wide line is scrolled
 * instead, with ui_draw_text). */
#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "briefing/english.h"
#include "ui/ui_columns.h"
#include "ui/ui_internal.h"

int ui_style(const ui_state *s, ui_role role)
{
    return role < ROLE_COUNT ? s->styles[role] : (int)A_NORMAL;
}

int ui_draw_text(int y, int x, int columns, const char *text, size_t length, int attributes)
{
    if (columns <= 0 || length == 0)
        return 0;
    int used = 0;
    size_t fit = text_fit(text, length, columns, &used);
    attrset((attr_t)attributes);
    mvaddnstr(y, x, text, (int)fit);
    attrset(A_NORMAL);
    return used;
}

int ui_draw_string(int y, int x, int columns, const char *text, int attributes)
{
    size_t length = strlen(text);
    if (columns <= 0 || length == 0)
        return 0;
    size_t fit = text_fit(text, length, columns, NULL);
    if (fit == length)
        return ui_draw_text(y, x, columns, text, length, attributes);
    /* Cut: as much as leaves a column for the ellipsis, which says so. */
    int used = ui_draw_text(y, x, columns - 1, text, text_fit(text, length, columns - 1, NULL), attributes);
    attrset((attr_t)attributes);
    mvaddstr(y, x + used, UI_ELLIPSIS);
    attrset(A_NORMAL);
    return used + 1;
}

int ui_text_width(const char *text)
{
    int used = 0;
    text_fit(text, strlen(text), INT_MAX, &used);
    return used;
}

void ui_fill(int y, int x, int columns, int attributes)
{
    if (columns > 0)
        mvhline(y, x, ' ' | (chtype)attributes, columns);
}

void ui_draw_title(const ui_state *s, int y, int x, int columns, const char *title, bool focused)
{
    int attributes = ui_style(s, focused ? ROLE_PANE_TITLE_FOCUSED : ROLE_PANE_TITLE);
    ui_fill(y, x, columns, attributes);
    ui_draw_string(y, x + 1, columns - 1, title, attributes);
}

void ui_place_cursor(ui_state *s, int y, int x)
{
    s->cursor_visible = true;
    s->cursor_y = y;
    s->cursor_x = x;
}

void ui_count(char *out, size_t out_size, int64_t count, const char *noun)
{
    strbuf word = STRBUF_INIT;
    if (count == 1)
        strbuf_puts(&word, noun);
    else
        english_plural(&word, noun);
    snprintf(out, out_size, "%lld %s", (long long)count, strbuf_cstr(&word));
    strbuf_free(&word);
}
