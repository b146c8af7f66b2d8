/* view_main: the lists and the preview side by side, and the actions that
 * concern the selection as a whole (focus, edit, reload, marks, search, and
 * opening the other views). Movement goes to the focused pane. */
#include <stdio.h>

#include "ui/ui_internal.h"

void view_main_draw(ui_state *s)
{
    view_lists_draw(s);
    view_preview_draw(s);
}

static void view_main_edit(ui_state *s)
{
    const entity *e = ui_selected_entity(s);
    if (!e) {
        ui_set_message(s, ROLE_WARNING, "select an entity to edit its handoff (the Portfolio row has none)");
        return;
    }
    char path[4096], error[512];
    snprintf(path, sizeof path, "%s/%s", s->root, e->path);
    bool edited = editor_run(path, error, sizeof error);
    ctrl_c_take(s->ctrl_c_fd); /* a Ctrl-C typed in the editor was the editor's */
    if (!edited) {
        ui_set_message(s, ROLE_ERROR, "%s", error);
        return;
    }
    session_reload(s);
}

bool view_main_handle(ui_state *s, const keymap_entry *k)
{
    if (view_lists_handle(s, k) || view_preview_handle(s, k))
        return true;
    switch (k->action) {
    case ACTION_FOCUS_NEXT: s->focus = (ui_focus)((s->focus + 1) % FOCUS_COUNT); return true;
    case ACTION_FOCUS_LISTS: /* from the report, back to the personas beside it */
        s->focus = s->focus == FOCUS_PREVIEW ? FOCUS_PERSONAS : FOCUS_ENTITIES;
        return true;
    case ACTION_FOCUS_PREVIEW: s->focus = FOCUS_PREVIEW; return true;
    case ACTION_SEARCH:
        s->searching = true;
        line_editor_set(&s->search_input, "");
        return true;
    case ACTION_EDIT_HANDOFF: view_main_edit(s); return true;
    case ACTION_RELOAD:
        last_delivery_forget(&s->last); /* another program may have sent */
        session_reload(s);
        return true;
    case ACTION_MARK: ui_toggle_mark(s, s->persona, ui_selected_scope(s)); return true;
    case ACTION_MARK_PLAN: ui_mark_default_plan(s); return true;
    case ACTION_SEND: send_begin(s); return true;
    case ACTION_SEND_TEST: send_begin_test(s); return true;
    case ACTION_HISTORY: view_history_open(s); return true;
    case ACTION_STATS: view_stats_open(s); return true;
    case ACTION_CLEAR_MARKS:
        s->mark_count = 0;
        ui_set_message(s, ROLE_STATUS, "no report marked");
        return true;
    default:
        return false;
    }
}

/* A key typed into the `/` prompt. */
void view_main_search_key(ui_state *s, int key)
{
    line_edit_result result = line_editor_key(&s->search_input, key);
    if (result == LINE_EDIT_CONTINUE)
        return;
    s->searching = false;
    if (result == LINE_EDIT_DONE)
        view_preview_search(s, s->search_input.text);
}
