/* view_preview: the report for the selection, on the right. Pages come from
 * the cache (persona, scope, width, form); only the visible lines are drawn.
 * Search matches are highlighted in the visible lines, the current one
 * differently; n/N move between them and scroll them into view. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "ui/ui_columns.h"
#include "ui/ui_internal.h"

#define PREVIEW_MARGIN 1 /* blank columns left and right of the text */

static int view_preview_width(const ui_state *s)
{
    return s->layout.preview.width - 2 * PREVIEW_MARGIN;
}

static size_t view_preview_visible(const ui_state *s)
{
    return s->layout.preview.height > 1 ? (size_t)(s->layout.preview.height - 1) : 0;
}

static int view_preview_widest(const preview_page *page)
{
    int widest = 0;
    for (size_t i = 0; i < preview_page_line_count(page); i++) {
        const render_line *line = preview_page_line(page, i);
        int width = line->indent;
        for (size_t j = 0; j < line->span_count; j++) {
            int used;
            text_fit(line->spans[j].text, line->spans[j].length, INT_MAX, &used);
            width += used;
        }
        widest = width > widest ? width : widest;
    }
    return widest;
}

const preview_page *view_preview_page(ui_state *s)
{
    report_target target = {s->persona, ui_selected_scope(s)};
    int width = view_preview_width(s);
    preview_page *page = preview_cache_find(&s->cache, target.persona, target.scope, width, s->mode);
    if (page)
        return page;
    page = preview_cache_insert(&s->cache, target.persona, target.scope, width, s->mode);
    preview_build(s, page, &target, width, s->mode);
    page->serial = ++s->page_serial;
    page->widest = view_preview_widest(page);
    return page;
}

void view_preview_reset(ui_state *s)
{
    s->preview_top = 0;
    s->preview_left = 0;
}

/* Highlight state at byte `offset` of line `line`: the role to use and the
 * offset where that state ends. */
static int view_preview_highlight(const ui_state *s, size_t line, size_t offset, int plain,
                                  size_t *until)
{
    *until = (size_t)-1;
    for (size_t i = 0; i < s->search.count; i++) {
        const search_match *m = &s->search.matches[i];
        if (m->line != line)
            continue;
        if (offset >= m->offset && offset < m->offset + m->length) {
            *until = m->offset + m->length;
            return ui_style(s, i == s->search.current ? ROLE_CURRENT_MATCH : ROLE_SEARCH_MATCH);
        }
        if (m->offset > offset && m->offset < *until)
            *until = m->offset;
    }
    return plain;
}

/* Draws one line scrolled `preview_left` columns sideways: text left of the
 * pane is skipped by whole characters. */
static void view_preview_draw_line(ui_state *s, int y, int x, int columns, const render_line *line,
                                   size_t line_index)
{
    int column = line->indent - s->preview_left; /* on screen; negative: left of the pane */
    size_t offset = 0; /* bytes into the line's joined text, as search counts them */
    for (size_t i = 0; i < line->span_count && column < columns; i++) {
        const render_span *span = &line->spans[i];
        int plain = ui_style(s, (ui_role)span->style);
        for (size_t done = 0; done < span->length && column < columns;) {
            size_t until;
            int attributes = view_preview_highlight(s, line_index, offset + done, plain, &until);
            size_t piece = span->length - done;
            if (until - (offset + done) < piece)
                piece = until - (offset + done);
            const char *text = span->text + done;
            size_t length = piece;
            if (column < 0) {
                int skipped;
                size_t skip = text_skip(text, length, -column, &skipped);
                text += skip;
                length -= skip;
                column += skipped;
            }
            if (column >= 0 && length)
                column += ui_draw_text(y, x + column, columns - column, text, length, attributes);
            done += piece;
        }
        offset += span->length;
    }
}

static void view_preview_clamp(ui_state *s, const preview_page *page)
{
    size_t count = preview_page_line_count(page), visible = view_preview_visible(s);
    size_t last_top = count > visible ? count - visible : 0;
    if (s->preview_top > last_top)
        s->preview_top = last_top;
}

static void view_preview_draw_title(ui_state *s, const preview_page *page)
{
    const ui_rect *r = &s->layout.preview;
    const entity *e = ui_selected_entity(s);
    size_t count = preview_page_line_count(page), visible = view_preview_visible(s);
    size_t last = s->preview_top + visible < count ? s->preview_top + visible : count;
    char title[512];
    int n = snprintf(title, sizeof title, "%s — %s · %s · %zu-%zu/%zu%s",
                     report_personas[s->persona].short_title, e ? e->title : "Portfolio",
                     preview_mode_name(s->mode), count ? s->preview_top + 1 : 0, last, count,
                     page->widest > view_preview_width(s) ? " · wide: < >" : "");
    if (s->search.query[0] && n > 0 && (size_t)n < sizeof title)
        snprintf(title + n, sizeof title - (size_t)n, " · \"%s\" %zu/%zu", s->search.query,
                 s->search.count ? s->search.current + 1 : 0, s->search.count);
    ui_draw_title(s, r->top, r->left, r->width, title, s->focus == FOCUS_PREVIEW);
}

void view_preview_draw(ui_state *s)
{
    const preview_page *page = view_preview_page(s);
    if (s->search.query[0] && s->search.page_serial != page->serial)
        search_run(&s->search, page, s->preview_top);
    view_preview_clamp(s, page);
    view_preview_draw_title(s, page);
    const ui_rect *r = &s->layout.preview;
    size_t visible = view_preview_visible(s);
    for (size_t i = 0; i < visible; i++) {
        const render_line *line = preview_page_line(page, s->preview_top + i);
        if (!line)
            break;
        view_preview_draw_line(s, r->top + 1 + (int)i, r->left + PREVIEW_MARGIN, view_preview_width(s),
                               line, s->preview_top + i);
    }
}

void view_preview_scroll(ui_state *s, long lines)
{
    if (lines < 0 && (size_t)-lines > s->preview_top)
        s->preview_top = 0;
    else
        s->preview_top = (size_t)((long)s->preview_top + lines);
    view_preview_clamp(s, view_preview_page(s));
}

/* Half a pane sideways, no further than the widest line needs. */
static void view_preview_scroll_sideways(ui_state *s, bool right)
{
    int width = view_preview_width(s), step = width / 2 > 0 ? width / 2 : 1;
    int widest = view_preview_page(s)->widest;
    int last = widest > width ? widest - width : 0;
    s->preview_left = right ? s->preview_left + step : s->preview_left - step;
    s->preview_left = s->preview_left < 0 ? 0 : s->preview_left > last ? last : s->preview_left;
}

/* Scrolls so the current match is in view: a third of the way down the
 * pane, and sideways when it sits in a wide line. */
static void view_preview_show_match(ui_state *s)
{
    if (s->search.count == 0)
        return;
    const search_match *m = &s->search.matches[s->search.current];
    const preview_page *page = view_preview_page(s);
    size_t visible = view_preview_visible(s);
    if (m->line < s->preview_top || m->line >= s->preview_top + visible) {
        s->preview_top = m->line > visible / 3 ? m->line - visible / 3 : 0;
        view_preview_clamp(s, page);
    }
    const render_line *line = preview_page_line(page, m->line);
    strbuf text = STRBUF_INIT;
    preview_line_text(line, &text);
    int before, match;
    text_fit(strbuf_cstr(&text), m->offset, INT_MAX, &before);
    text_fit(strbuf_cstr(&text) + m->offset, m->length, INT_MAX, &match);
    strbuf_free(&text);
    int start = line->indent + before, width = view_preview_width(s);
    if (start < s->preview_left || start + match > s->preview_left + width)
        s->preview_left = start > width / 3 ? start - width / 3 : 0;
}

void view_preview_search(ui_state *s, const char *query)
{
    snprintf(s->search.query, sizeof s->search.query, "%s", query);
    if (!query[0]) {
        search_clear(&s->search);
        return;
    }
    search_run(&s->search, view_preview_page(s), s->preview_top);
    if (s->search.count == 0) {
        ui_set_message(s, ROLE_WARNING, "no match for \"%s\"", query);
        return;
    }
    bool wrapped = s->search.matches[s->search.current].line < s->preview_top;
    ui_set_message(s, ROLE_STATUS, "%zu match%s for \"%s\" (n next, N previous)%s", s->search.count,
                   s->search.count == 1 ? "" : "es", query,
                   wrapped ? ": none below, search wrapped to the top" : "");
    view_preview_show_match(s);
}

static void view_preview_step_match(ui_state *s, bool forward)
{
    if (!s->search.query[0]) {
        ui_set_message(s, ROLE_WARNING, "no search yet: / searches the report");
        return;
    }
    size_t before = s->search.current;
    if (!search_step(&s->search, forward)) {
        ui_set_message(s, ROLE_WARNING, "no match for \"%s\"", s->search.query);
        return;
    }
    bool wrapped = forward ? s->search.current <= before : s->search.current >= before;
    ui_set_message(s, ROLE_STATUS, "match %zu of %zu%s", s->search.current + 1, s->search.count,
                   !wrapped ? "" : forward ? " (search wrapped to the top)" : " (search wrapped to the bottom)");
    view_preview_show_match(s);
}

bool view_preview_handle(ui_state *s, const keymap_entry *k)
{
    long page = (long)view_preview_visible(s) - 1;
    switch (k->action) {
    case ACTION_MOVE_DOWN:
    case ACTION_MOVE_UP:
        if (s->focus != FOCUS_PREVIEW)
            return false;
        view_preview_scroll(s, k->action == ACTION_MOVE_DOWN ? 1 : -1);
        return true;
    case ACTION_PAGE_DOWN: view_preview_scroll(s, page > 0 ? page : 1); return true;
    case ACTION_PAGE_UP: view_preview_scroll(s, page > 0 ? -page : -1); return true;
    case ACTION_TOP: s->preview_top = 0; return true;
    case ACTION_SCROLL_LEFT:
    case ACTION_SCROLL_RIGHT: view_preview_scroll_sideways(s, k->action == ACTION_SCROLL_RIGHT); return true;
    case ACTION_BOTTOM: view_preview_scroll(s, (long)preview_page_line_count(view_preview_page(s))); return true;
    case ACTION_SEARCH_NEXT: view_preview_step_match(s, true); return true;
    case ACTION_SEARCH_PREVIOUS: view_preview_step_match(s, false); return true;
    case ACTION_CYCLE_MODE:
        s->mode = (preview_mode)((s->mode + 1) % PREVIEW_MODE_COUNT);
        view_preview_reset(s);
        ui_set_message(s, ROLE_STATUS, "showing the %s (v for the next form)", preview_mode_name(s->mode));
        return true;
    default:
        return false;
    }
}
