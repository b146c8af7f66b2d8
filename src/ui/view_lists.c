/* view_lists: the left side. Entities on top (the Portfolio row, then each
 * entity; ancillary ones tagged), personas below, each with its report's
 * last delivery on the right (last_delivery.c). j/k move the selection of
 * the focused list; the preview follows at once. A `*` shows a marked
 * report: beside a persona when (persona, selected scope) is marked, beside
 * an entity when any of its reports is. */
#include <stdio.h>
#include <string.h>

#include "ui/ui_internal.h"

#define PERSONA_TITLE_LEAST 8 /* columns of a persona's long title worth showing */

static bool view_lists_scope_marked(const ui_state *s, const char *scope)
{
    for (size_t i = 0; i < s->mark_count; i++) {
        if (strcmp(s->marks[i].scope, scope) == 0)
            return true;
    }
    return false;
}

/* One row: the mark, the label, and a tag in the last `tag_columns`
 * columns (0: none), which the label never enters. */
static void view_lists_row(ui_state *s, int y, const ui_rect *r, bool selected, bool focused,
                           bool marked, const char *label, const char *tag, int tag_columns,
                           ui_role role)
{
    int attributes = selected ? ui_style(s, focused ? ROLE_SELECTED : ROLE_SELECTED_UNFOCUSED)
                              : ui_style(s, role);
    ui_fill(y, r->left, r->width, attributes);
    ui_draw_string(y, r->left, 2, marked ? "*" : " ",
                   selected ? attributes : ui_style(s, ROLE_MARKED));
    int tag_width = tag_columns ? tag_columns + 2 : 0; /* a blank before and after */
    ui_draw_string(y, r->left + 2, r->width - 2 - tag_width, label, attributes);
    if (tag_columns && tag)
        ui_draw_string(y, r->left + r->width - tag_width + 1, tag_columns, tag, attributes);
}

/* Keeps the selected entity row inside the visible rows. */
static void view_lists_follow(ui_state *s, size_t visible)
{
    if (s->entity_row < s->entity_scroll)
        s->entity_scroll = s->entity_row;
    else if (visible && s->entity_row >= s->entity_scroll + visible)
        s->entity_scroll = s->entity_row - visible + 1;
}

static void view_lists_draw_entities(ui_state *s)
{
    const ui_rect *r = &s->layout.entities;
    bool focused = s->focus == FOCUS_ENTITIES;
    ui_draw_title(s, r->top, r->left, r->width, "Entities", focused);
    size_t visible = r->height > 1 ? (size_t)(r->height - 1) : 0;
    view_lists_follow(s, visible);
    for (size_t i = 0; i < visible && s->entity_scroll + i < ui_entity_rows(s); i++) {
        size_t row = s->entity_scroll + i;
        const entity *e = row ? &s->portfolio->entities[row - 1] : NULL;
        char label[160];
        /* With no handoff read the row says so: "all core" would claim entities. */
        const char *portfolio_label =
            s->portfolio && s->portfolio->entity_count ? "Portfolio (all core)"
                                                       : "Portfolio (no handoffs)";
        snprintf(label, sizeof label, "%s", e ? e->title : portfolio_label);
        bool ancillary = e && e->kind == ENTITY_ANCILLARY;
        view_lists_row(s, r->top + 1 + (int)i, r, row == s->entity_row, focused,
                       view_lists_scope_marked(s, e ? e->id : REPORT_SCOPE_PORTFOLIO), label,
                       ancillary ? "anc" : NULL, ancillary ? ui_text_width("anc") : 0,
                       ancillary ? ROLE_ANCILLARY : ROLE_LIST);
    }
}

/* The last delivery column: as wide as its widest entry, the same for
 * every row, so a row with nothing to say there (no report for this
 * selection: "—") never lends it to its label. */
static void view_lists_draw_personas(ui_state *s)
{
    const ui_rect *r = &s->layout.personas;
    bool focused = s->focus == FOCUS_PERSONAS;
    ui_draw_title(s, r->top, r->left, r->width, "Personas", focused);
    const char *scope = ui_selected_scope(s);
    int short_width = 0, last_width = 0; /* align the long titles after the widest short one */
    char last[PERSONA_COUNT][64];
    bool valid[PERSONA_COUNT];
    for (int i = 0; i < PERSONA_COUNT; i++) {
        const persona_info *info = &report_personas[i];
        int width = ui_text_width(info->short_title);
        short_width = width > short_width ? width : short_width;
        report_target target = {info->persona, scope};
        char error[256];
        valid[i] = s->portfolio && report_target_valid(s->portfolio, &target, error, sizeof error);
        snprintf(last[i], sizeof last[i], "—");
        if (valid[i])
            last_delivery_describe(s, scope, info->persona, last[i], sizeof last[i]);
        width = ui_text_width(last[i]);
        last_width = width > last_width ? width : last_width;
    }
    int room = r->width - 2 - (last_width ? last_width + 2 : 0) - (3 + short_width);
    for (int i = 0; i < PERSONA_COUNT && i + 1 < r->height; i++) {
        const persona_info *info = &report_personas[i];
        char label[160];
        if (room >= PERSONA_TITLE_LEAST) /* else the long title would be a few letters and … */
            snprintf(label, sizeof label, "%d %-*s %s", i + 1, short_width, info->short_title, info->title);
        else
            snprintf(label, sizeof label, "%d %s", i + 1, info->short_title);
        view_lists_row(s, r->top + 1 + i, r, info->persona == s->persona, focused,
                       ui_is_marked(s, info->persona, scope), label, last[i], last_width,
                       !valid[i] ? ROLE_ANCILLARY
                       : last_delivery_troubled(s, scope, info->persona) ? ROLE_WARNING
                                                                         : ROLE_LIST);
    }
}

void view_lists_draw(ui_state *s)
{
    view_lists_draw_entities(s);
    view_lists_draw_personas(s);
    for (int y = s->layout.preview.top; y < s->layout.preview.top + s->layout.preview.height; y++)
        ui_draw_string(y, s->layout.separator_column, 1, "│", ui_style(s, ROLE_BORDER));
}

static void view_lists_select_entity(ui_state *s, size_t row)
{
    if (row >= ui_entity_rows(s) || row == s->entity_row)
        return;
    s->entity_row = row;
    view_preview_reset(s);
}

static void view_lists_select_persona(ui_state *s, persona persona)
{
    if (persona >= PERSONA_COUNT || persona == s->persona)
        return;
    s->persona = persona;
    view_preview_reset(s);
}

bool view_lists_handle(ui_state *s, const keymap_entry *k)
{
    int step = k->action == ACTION_MOVE_DOWN ? 1 : k->action == ACTION_MOVE_UP ? -1 : 0;
    if (k->action == ACTION_PICK_PERSONA) {
        view_lists_select_persona(s, (persona)k->argument);
        return true;
    }
    if (step == 0 || s->focus == FOCUS_PREVIEW)
        return false;
    if (s->focus == FOCUS_ENTITIES) {
        if (step > 0 || s->entity_row > 0)
            view_lists_select_entity(s, step > 0 ? s->entity_row + 1 : s->entity_row - 1);
    } else if (step > 0 || s->persona > 0) {
        view_lists_select_persona(s, (persona)((int)s->persona + step));
    }
    return true;
}

bool view_lists_click(ui_state *s, int y, int x)
{
    const ui_rect *entities = &s->layout.entities, *personas = &s->layout.personas;
    if (x >= entities->left + entities->width)
        return false;
    if (y > entities->top && y < entities->top + entities->height) {
        s->focus = FOCUS_ENTITIES;
        view_lists_select_entity(s, s->entity_scroll + (size_t)(y - entities->top - 1));
        return true;
    }
    if (y > personas->top && y < personas->top + personas->height) {
        s->focus = FOCUS_PERSONAS;
        view_lists_select_persona(s, (persona)(y - personas->top - 1));
        return true;
    }
    return false;
}
