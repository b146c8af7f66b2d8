/* selection: what the left side points at, and the marks. Row 0 of the
 * entity list is the Portfolio (all core entities); row i + 1 is
 * portfolio->entities[i]. A mark is a (persona, scope) pair, so marks
 * survive a reload as long as the entity does. */
#include <stdio.h>
#include <string.h>

#include "ui/ui_internal.h"

size_t ui_entity_rows(const ui_state *s)
{
    return 1 + (s->portfolio ? s->portfolio->entity_count : 0);
}

const entity *ui_selected_entity(const ui_state *s)
{
    if (!s->portfolio || s->entity_row == 0 || s->entity_row > s->portfolio->entity_count)
        return NULL;
    return &s->portfolio->entities[s->entity_row - 1];
}

const char *ui_selected_scope(const ui_state *s)
{
    const entity *e = ui_selected_entity(s);
    return e ? e->id : REPORT_SCOPE_PORTFOLIO;
}

static ui_mark *ui_find_mark(ui_state *s, persona persona, const char *scope)
{
    for (size_t i = 0; i < s->mark_count; i++) {
        if (s->marks[i].persona == persona && strcmp(s->marks[i].scope, scope) == 0)
            return &s->marks[i];
    }
    return NULL;
}

bool ui_is_marked(const ui_state *s, persona persona, const char *scope)
{
    return ui_find_mark((ui_state *)s, persona, scope) != NULL;
}

static bool ui_add_mark(ui_state *s, persona persona, const char *scope)
{
    if (ui_find_mark(s, persona, scope))
        return true;
    if (s->mark_count == UI_MAX_MARKS) {
        ui_set_message(s, ROLE_ERROR, "at most %d reports can be marked at once", UI_MAX_MARKS);
        return false;
    }
    ui_mark *m = &s->marks[s->mark_count++];
    *m = (ui_mark){.persona = persona};
    snprintf(m->scope, sizeof m->scope, "%s", scope);
    return true;
}

bool ui_unmark(ui_state *s, persona persona, const char *scope)
{
    ui_mark *m = ui_find_mark(s, persona, scope);
    if (!m)
        return false;
    size_t index = (size_t)(m - s->marks);
    memmove(m, m + 1, (--s->mark_count - index) * sizeof *m); /* keep the order marked */
    return true;
}

void ui_toggle_mark(ui_state *s, persona persona, const char *scope)
{
    report_target target = {persona, scope};
    char error[256];
    if (!report_target_valid(s->portfolio, &target, error, sizeof error)) {
        ui_set_message(s, ROLE_ERROR, "cannot mark %s/%s: %s", report_personas[persona].id, scope, error);
        return;
    }
    if (ui_unmark(s, persona, scope)) {
        ui_set_message(s, ROLE_STATUS, "unmarked %s/%s (%zu marked)", report_personas[persona].id,
                       scope, s->mark_count);
        return;
    }
    if (ui_add_mark(s, persona, scope))
        ui_set_message(s, ROLE_STATUS, "marked %s/%s (%zu marked; s sends)",
                       report_personas[persona].id, scope, s->mark_count);
}

void ui_mark_default_plan(ui_state *s)
{
    report_target plan[PERSONA_COUNT + UI_MAX_MARKS];
    size_t count = report_default_plan(s->portfolio, plan, sizeof plan / sizeof plan[0]);
    char why[256] = "";
    size_t left_out = 0;
    for (size_t i = 0; i < count; i++) {
        /* A report that cannot be written (no core entity) is not marked. */
        if (!report_target_valid(s->portfolio, &plan[i], why, sizeof why)) {
            left_out++;
            continue;
        }
        if (!ui_add_mark(s, plan[i].persona, plan[i].scope))
            break;
    }
    if (left_out)
        ui_set_message(s, ROLE_WARNING, "marked %zu reports; %zu left out: %s", s->mark_count,
                       left_out, why);
    else
        ui_set_message(s, ROLE_STATUS, "marked the default plan: %zu reports marked (s sends)",
                       s->mark_count);
}
