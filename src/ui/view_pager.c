/* view_pager: a text read in full — a message exactly as it goes out, a
 * delivery with its whole error, the message log. The text is wrapped to
 * the screen's width (again when the width changes), so nothing is cut;
 * j/k and PgDn/PgUp scroll, q goes back to where it was opened from. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui_internal.h"

void view_pager_close(ui_state *s)
{
    free(s->pager.watch_seen);
    preview_page_free(&s->pager.page);
    strbuf_free(&s->pager.text);
    s->pager = (pager_state){.text = STRBUF_INIT};
}

void view_pager_open(ui_state *s, const char *title, const char *text, size_t length)
{
    view_pager_close(s);
    snprintf(s->pager.title, sizeof s->pager.title, "%s", title);
    strbuf_append(&s->pager.text, text, length);
    ui_open_view(s, VIEW_PAGER);
}

void view_pager_open_at(ui_state *s, const char *title, const char *text, size_t length,
                        size_t offset)
{
    view_pager_open(s, title, text, length);
    for (size_t i = 0; i < offset && i < length; i++)
        s->pager.open_at += text[i] == '\n';
}

void view_pager_watch(ui_state *s, size_t first, size_t last,
                      void (*watched)(ui_state *s, size_t arg), size_t arg)
{
    pager_state *p = &s->pager;
    free(p->watch_seen);
    p->watch_first = first;
    p->watch_last = last < first ? first : last;
    p->watch_seen = calloc(p->watch_last - first + 1, sizeof *p->watch_seen);
    if (!p->watch_seen)
        abort(); /* out of memory: as the arena */
    p->watched = watched;
    p->watched_arg = arg;
}

void view_pager_open_diff(ui_state *s, const char *title, const char *text, size_t length)
{
    view_pager_open(s, title, text, length);
    s->pager.diff = true;
}

/* A diff line's colour, from the first character of the line it wraps
 * (a continuation keeps its line's colour). */
static ui_role pager_diff_role(const pager_state *p, const render_line *line)
{
    if (!p->diff || line->span_count == 0)
        return ROLE_BODY;
    const char *base = strbuf_cstr(&p->page.text), *at = line->spans[0].text;
    while (at > base && at[-1] != '\n')
        at--;
    static const struct {
        const char *prefix;
        ui_role role;
    } roles[] = {
        {"+++", ROLE_STRONG}, {"---", ROLE_STRONG}, {"@@", ROLE_HEADING},
        {"+", ROLE_OK},       {"-", ROLE_ERROR},    {VIEW_PAGER_MOVED, ROLE_WARNING},
    };
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++) {
        if (strncmp(at, roles[i].prefix, strlen(roles[i].prefix)) == 0)
            return roles[i].role;
    }
    return ROLE_BODY;
}

static size_t pager_visible(const ui_state *s)
{
    return s->layout.body.height > 1 ? (size_t)(s->layout.body.height - 1) : 0;
}

static void pager_wrap(ui_state *s)
{
    int width = s->layout.body.width - 2;
    if (s->pager.width == width)
        return;
    preview_page_free(&s->pager.page);
    preview_page_set_text(&s->pager.page, strbuf_cstr(&s->pager.text), s->pager.text.len, width,
                          STYLE_BODY);
    s->pager.width = width;
    if (!s->pager.open_at)
        return;
    /* The first screen line of text line open_at. The page holds its own,
     * normalised copy of the text (CRLF as LF...): lines are counted, not
     * bytes. */
    const char *base = strbuf_cstr(&s->pager.page.text), *counted = base;
    size_t newlines = 0;
    for (size_t i = 0, count = preview_page_line_count(&s->pager.page); i < count; i++) {
        const render_line *line = preview_page_line(&s->pager.page, i);
        if (!line->span_count)
            continue;
        for (; counted < line->spans[0].text; counted++)
            newlines += *counted == '\n';
        if (newlines >= s->pager.open_at) {
            s->pager.top = i;
            break;
        }
    }
    s->pager.open_at = 0;
}

static void pager_clamp(ui_state *s)
{
    size_t count = preview_page_line_count(&s->pager.page), visible = pager_visible(s);
    size_t last_top = count > visible ? count - visible : 0;
    if (s->pager.top > last_top)
        s->pager.top = last_top;
}

/* Marks the watched text lines on screen whole now (a line wrapped over
 * several screen lines counts once all of them are; an empty line has no
 * screen text and counts with its neighbours), then runs `watched` once
 * every one was. */
static void pager_note_watched(ui_state *s, size_t visible)
{
    pager_state *p = &s->pager;
    if (!p->watched)
        return;
    size_t span = p->watch_last - p->watch_first + 1;
    bool *cut = calloc(span, sizeof *cut); /* some screen line of it is off screen */
    if (!cut)
        abort(); /* out of memory: as the arena */
    const char *counted = strbuf_cstr(&p->page.text);
    size_t newlines = 0;
    for (size_t i = 0, count = preview_page_line_count(&p->page); i < count; i++) {
        const render_line *line = preview_page_line(&p->page, i);
        if (!line->span_count)
            continue;
        for (; counted < line->spans[0].text; counted++)
            newlines += *counted == '\n';
        if (newlines > p->watch_last)
            break;
        bool on_screen = i >= p->top && i < p->top + visible;
        if (newlines >= p->watch_first && !on_screen)
            cut[newlines - p->watch_first] = true;
    }
    bool all = true;
    for (size_t i = 0; i < span; i++) {
        p->watch_seen[i] = p->watch_seen[i] || !cut[i];
        all = all && p->watch_seen[i];
    }
    free(cut);
    if (all) {
        void (*watched)(ui_state *, size_t) = p->watched;
        p->watched = NULL;
        watched(s, p->watched_arg);
    }
}

void view_pager_draw(ui_state *s)
{
    const ui_rect *r = &s->layout.body;
    pager_wrap(s);
    pager_clamp(s);
    size_t count = preview_page_line_count(&s->pager.page), visible = pager_visible(s);
    pager_note_watched(s, visible);
    size_t last = s->pager.top + visible < count ? s->pager.top + visible : count;
    char title[384];
    snprintf(title, sizeof title, "%s · lines %zu-%zu of %zu", s->pager.title,
             count ? s->pager.top + 1 : 0, last, count);
    ui_draw_title(s, r->top, r->left, r->width, title, true);
    for (size_t i = s->pager.top; i < last; i++) {
        const render_line *line = preview_page_line(&s->pager.page, i);
        int x = r->left + 1 + line->indent, y = r->top + 1 + (int)(i - s->pager.top);
        ui_role diff_role = pager_diff_role(&s->pager, line);
        for (size_t j = 0; j < line->span_count; j++)
            x += ui_draw_text(y, x, r->left + r->width - 1 - x, line->spans[j].text,
                              line->spans[j].length,
                              ui_style(s, s->pager.diff ? diff_role : (ui_role)line->spans[j].style));
    }
}

bool view_pager_handle(ui_state *s, const keymap_entry *k)
{
    size_t page = pager_visible(s) > 1 ? pager_visible(s) - 1 : 1;
    pager_state *p = &s->pager;
    switch (k->action) {
    case ACTION_MOVE_DOWN: p->top++; return true;
    case ACTION_MOVE_UP: if (p->top > 0) p->top--; return true;
    case ACTION_PAGE_DOWN: p->top += page; return true;
    case ACTION_PAGE_UP: p->top = p->top > page ? p->top - page : 0; return true;
    case ACTION_TOP: p->top = 0; return true;
    case ACTION_BOTTOM: p->top = preview_page_line_count(&p->page); return true;
    case ACTION_BACK:
        view_pager_close(s);
        ui_close_view(s);
        return true;
    default: return false;
    }
}
