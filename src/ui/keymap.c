/* keymap: the one table of keys. It drives input dispatch (keymap_lookup),
 * the `?` overlay and the bottom bar's hints, so what is shown is what the
 * keys do. A view's own rows win over KEYS_GLOBAL rows. Rows with the same
 * context and help text are shown together ("j Down  move down").
 */
#include <curses.h>

#include "ui/ui_internal.h"

#define CONTROL(letter) ((letter) & 0x1f)
#define ESCAPE 27

const keymap_entry keymap_table[] = {
    /* everywhere */
    {'?', "?", KEYS_GLOBAL, ACTION_HELP, 0, "show these keys", "help"},
    {'Q', "Q", KEYS_GLOBAL, ACTION_QUIT, 0, "quit the console", NULL},
    /* Ctrl-C comes as SIGINT (ctrl_c.c); as a key only where the terminal
     * does not make it a signal (stty -isig). Both go to ui_interrupt. */
    {CONTROL('C'), "^C", KEYS_GLOBAL, ACTION_INTERRUPT, 0,
     "stop a send as Esc, else Q; twice: at once", NULL},
    {CONTROL('L'), "^L", KEYS_GLOBAL, ACTION_REDRAW, 0, "redraw the screen", NULL},
    {'M', "M", KEYS_GLOBAL, ACTION_MESSAGE_LOG, 0, "every status message in full", NULL},

    /* the main view: lists on the left, the report on the right */
    {'j', "j", KEYS_MAIN, ACTION_MOVE_DOWN, 0, "lists: next; report: scroll down", NULL},
    {KEY_DOWN, "Down", KEYS_MAIN, ACTION_MOVE_DOWN, 0, "lists: next; report: scroll down", NULL},
    {'k', "k", KEYS_MAIN, ACTION_MOVE_UP, 0, "lists: previous; report: scroll up", NULL},
    {KEY_UP, "Up", KEYS_MAIN, ACTION_MOVE_UP, 0, "lists: previous; report: scroll up", NULL},
    {'\t', "Tab", KEYS_MAIN, ACTION_FOCUS_NEXT, 0, "focus entities, personas, report", "focus"},
    {'h', "h", KEYS_MAIN, ACTION_FOCUS_LISTS, 0, "focus the lists", NULL},
    {KEY_LEFT, "Left", KEYS_MAIN, ACTION_FOCUS_LISTS, 0, "focus the lists", NULL},
    {'l', "l", KEYS_MAIN, ACTION_FOCUS_PREVIEW, 0, "focus the report", NULL},
    {KEY_RIGHT, "Right", KEYS_MAIN, ACTION_FOCUS_PREVIEW, 0, "focus the report", NULL},
    {'\n', "Enter", KEYS_MAIN, ACTION_FOCUS_PREVIEW, 0, "focus the report", NULL},
    {KEY_NPAGE, "PgDn", KEYS_MAIN, ACTION_PAGE_DOWN, 0, "report: page down", NULL},
    {CONTROL('F'), "^F", KEYS_MAIN, ACTION_PAGE_DOWN, 0, "report: page down", NULL},
    {KEY_PPAGE, "PgUp", KEYS_MAIN, ACTION_PAGE_UP, 0, "report: page up", NULL},
    {CONTROL('B'), "^B", KEYS_MAIN, ACTION_PAGE_UP, 0, "report: page up", NULL},
    {'g', "g", KEYS_MAIN, ACTION_TOP, 0, "report: first line", NULL},
    {KEY_HOME, "Home", KEYS_MAIN, ACTION_TOP, 0, "report: first line", NULL},
    {'G', "G", KEYS_MAIN, ACTION_BOTTOM, 0, "report: last line", NULL},
    {KEY_END, "End", KEYS_MAIN, ACTION_BOTTOM, 0, "report: last line", NULL},
    {'<', "<", KEYS_MAIN, ACTION_SCROLL_LEFT, 0, "report: scroll left", NULL},
    {'>', ">", KEYS_MAIN, ACTION_SCROLL_RIGHT, 0, "report: scroll right (wide code lines)", NULL},
    {'1', "1", KEYS_MAIN, ACTION_PICK_PERSONA, PERSONA_CEO, "CEO CTO CFO CMO CAO Audit", NULL},
    {'2', "2", KEYS_MAIN, ACTION_PICK_PERSONA, PERSONA_CTO, "CEO CTO CFO CMO CAO Audit", NULL},
    {'3', "3", KEYS_MAIN, ACTION_PICK_PERSONA, PERSONA_CFO, "CEO CTO CFO CMO CAO Audit", NULL},
    {'4', "4", KEYS_MAIN, ACTION_PICK_PERSONA, PERSONA_CMO, "CEO CTO CFO CMO CAO Audit", NULL},
    {'5', "5", KEYS_MAIN, ACTION_PICK_PERSONA, PERSONA_CAO, "CEO CTO CFO CMO CAO Audit", NULL},
    {'6', "6", KEYS_MAIN, ACTION_PICK_PERSONA, PERSONA_AUDIT, "CEO CTO CFO CMO CAO Audit", NULL},
    {'/', "/", KEYS_MAIN, ACTION_SEARCH, 0, "search the report", "search"},
    {'n', "n", KEYS_MAIN, ACTION_SEARCH_NEXT, 0, "next match", NULL},
    {'N', "N", KEYS_MAIN, ACTION_SEARCH_PREVIOUS, 0, "previous match", NULL},
    {'v', "v", KEYS_MAIN, ACTION_CYCLE_MODE, 0, "report, text, HTML, message (.eml)", "view"},
    {'e', "e", KEYS_MAIN, ACTION_EDIT_HANDOFF, 0, "edit the handoff in $EDITOR", "edit"},
    {'R', "R", KEYS_MAIN, ACTION_RELOAD, 0, "reload the portfolio from disk", NULL},
    {' ', "Space", KEYS_MAIN, ACTION_MARK, 0, "mark or unmark this report", "mark"},
    {'a', "a", KEYS_MAIN, ACTION_MARK_PLAN, 0, "mark the default plan (8 reports)", NULL},
    {'c', "c", KEYS_MAIN, ACTION_CLEAR_MARKS, 0, "clear the marks", NULL},
    {'s', "s", KEYS_MAIN, ACTION_SEND, 0, "send marked (or this) report", "send"},
    {'t', "t", KEYS_MAIN, ACTION_SEND_TEST, 0, "test: this report to the sender only", "test"},
    {'H', "H", KEYS_MAIN, ACTION_HISTORY, 0, "delivery history", "history"},
    {'S', "S", KEYS_MAIN, ACTION_STATS, 0, "SES statistics and quota", "stats"},
    {'q', "q", KEYS_MAIN, ACTION_QUIT, 0, "quit the console", "quit"},

    /* recipients of the reports to send */
    {'j', "j", KEYS_RECIPIENTS, ACTION_NEXT_FIELD, 0, "next field", NULL},
    {KEY_DOWN, "Down", KEYS_RECIPIENTS, ACTION_NEXT_FIELD, 0, "next field", NULL},
    {'\t', "Tab", KEYS_RECIPIENTS, ACTION_NEXT_FIELD, 0, "next field", NULL},
    {'k', "k", KEYS_RECIPIENTS, ACTION_PREVIOUS_FIELD, 0, "previous field", NULL},
    {KEY_UP, "Up", KEYS_RECIPIENTS, ACTION_PREVIOUS_FIELD, 0, "previous field", NULL},
    {'\n', "Enter", KEYS_RECIPIENTS, ACTION_EDIT_FIELD, 0, "edit (Enter keeps, Esc drops)", "edit"},
    {'a', "a", KEYS_RECIPIENTS, ACTION_APPLY_TO_ALL, 0, "all reports get these To/Cc/Bcc (asks)", "to all"},
    {'u', "u", KEYS_RECIPIENTS, ACTION_UNDO, 0, "undo the last a", NULL},
    {'w', "w", KEYS_RECIPIENTS, ACTION_SAVE_RECIPIENTS, 0, "save as defaults in <root>/recipients.env", "save"},
    {'y', "y", KEYS_RECIPIENTS, ACTION_CONFIRM, 0, "check with SES, then confirm", "continue"},
    {'q', "q", KEYS_RECIPIENTS, ACTION_BACK, 0, "cancel: send nothing", "cancel"},
    {ESCAPE, "Esc", KEYS_RECIPIENTS, ACTION_BACK, 0, "cancel: send nothing", NULL},

    /* typing into a recipients field (other keys edit: see line_editor.h) */
    {'\n', "Enter", KEYS_EDITING, ACTION_EDIT_KEEP, 0, "keep the edit (rebuilds the message)", "done"},
    {ESCAPE, "Esc", KEYS_EDITING, ACTION_EDIT_DROP, 0, "drop the edit", "drop"},
    {CONTROL('U'), "^U", KEYS_EDITING, ACTION_EDIT_CLEAR, 0, "clear the field", "clear"},

    /* the confirmation: a review of every message */
    {'j', "j", KEYS_CONFIRM, ACTION_MOVE_DOWN, 0, "next message", NULL},
    {KEY_DOWN, "Down", KEYS_CONFIRM, ACTION_MOVE_DOWN, 0, "next message", NULL},
    {'k', "k", KEYS_CONFIRM, ACTION_MOVE_UP, 0, "previous message", NULL},
    {KEY_UP, "Up", KEYS_CONFIRM, ACTION_MOVE_UP, 0, "previous message", NULL},
    {KEY_NPAGE, "PgDn", KEYS_CONFIRM, ACTION_PAGE_DOWN, 0, "page down", NULL},
    {CONTROL('F'), "^F", KEYS_CONFIRM, ACTION_PAGE_DOWN, 0, "page down", NULL},
    {KEY_PPAGE, "PgUp", KEYS_CONFIRM, ACTION_PAGE_UP, 0, "page up", NULL},
    {CONTROL('B'), "^B", KEYS_CONFIRM, ACTION_PAGE_UP, 0, "page up", NULL},
    {'g', "g", KEYS_CONFIRM, ACTION_TOP, 0, "first message", NULL},
    {KEY_HOME, "Home", KEYS_CONFIRM, ACTION_TOP, 0, "first message", NULL},
    {'G', "G", KEYS_CONFIRM, ACTION_BOTTOM, 0, "last message", NULL},
    {KEY_END, "End", KEYS_CONFIRM, ACTION_BOTTOM, 0, "last message", NULL},
    {'\n', "Enter", KEYS_CONFIRM, ACTION_OPEN, 0, "the selected message's bytes", "open"},
    {'d', "d", KEYS_CONFIRM, ACTION_DIFF, 0, "what changed since it was last sent", "diff"},
    {'y', "y", KEYS_CONFIRM, ACTION_CONFIRM, 0, "send, once every message was seen", "send"},
    {'U', "U", KEYS_CONFIRM, ACTION_SEND_UNVERIFIED, 0,
     "allow sending without SES's confirmation", NULL},
    {'q', "q", KEYS_CONFIRM, ACTION_BACK, 0, "back to the recipients", "back"},
    {ESCAPE, "Esc", KEYS_CONFIRM, ACTION_BACK, 0, "back to the recipients", NULL},

    /* sending */
    {ESCAPE, "Esc", KEYS_PROGRESS, ACTION_STOP, 0, "stop: those in flight finish; close", "stop/close"},
    {'q', "q", KEYS_PROGRESS, ACTION_BACK, 0, "close once finished", "close"},

    /* delivery history */
    {'j', "j", KEYS_HISTORY, ACTION_MOVE_DOWN, 0, "next delivery", NULL},
    {KEY_DOWN, "Down", KEYS_HISTORY, ACTION_MOVE_DOWN, 0, "next delivery", NULL},
    {'k', "k", KEYS_HISTORY, ACTION_MOVE_UP, 0, "previous delivery", NULL},
    {KEY_UP, "Up", KEYS_HISTORY, ACTION_MOVE_UP, 0, "previous delivery", NULL},
    {'\n', "Enter", KEYS_HISTORY, ACTION_OPEN, 0, "in full: error, each recipient's outcome", "details"},
    {'r', "r", KEYS_HISTORY, ACTION_RESEND, 0, "resend this delivery alone", "resend"},
    {'p', "p", KEYS_HISTORY, ACTION_FILTER_PERSONA, 0, "filter: next persona (all, CEO … Audit)", "persona"},
    {'s', "s", KEYS_HISTORY, ACTION_FILTER_STATE, 0, "filter: next state (unknown, failed, …)", "state"},
    {'c', "c", KEYS_HISTORY, ACTION_FILTER_CLEAR, 0, "filter: show every delivery", NULL},
    {'R', "R", KEYS_HISTORY, ACTION_REFRESH, 0, "read the ledger again", "refresh"},
    {'q', "q", KEYS_HISTORY, ACTION_BACK, 0, "back to where it was opened", "back"},
    {ESCAPE, "Esc", KEYS_HISTORY, ACTION_BACK, 0, "back to where it was opened", NULL},

    /* SES statistics */
    {'r', "r", KEYS_STATS, ACTION_REFRESH, 0, "ask SES again", "refresh"},
    {'q', "q", KEYS_STATS, ACTION_BACK, 0, "back to where it was opened", "back"},
    {ESCAPE, "Esc", KEYS_STATS, ACTION_BACK, 0, "back to where it was opened", NULL},

    /* reading a text in full: a message, a delivery, the message log */
    {'j', "j", KEYS_PAGER, ACTION_MOVE_DOWN, 0, "scroll down", NULL},
    {KEY_DOWN, "Down", KEYS_PAGER, ACTION_MOVE_DOWN, 0, "scroll down", NULL},
    {'k', "k", KEYS_PAGER, ACTION_MOVE_UP, 0, "scroll up", NULL},
    {KEY_UP, "Up", KEYS_PAGER, ACTION_MOVE_UP, 0, "scroll up", NULL},
    {KEY_NPAGE, "PgDn", KEYS_PAGER, ACTION_PAGE_DOWN, 0, "page down", NULL},
    {CONTROL('F'), "^F", KEYS_PAGER, ACTION_PAGE_DOWN, 0, "page down", NULL},
    {' ', "Space", KEYS_PAGER, ACTION_PAGE_DOWN, 0, "page down", NULL},
    {KEY_PPAGE, "PgUp", KEYS_PAGER, ACTION_PAGE_UP, 0, "page up", NULL},
    {CONTROL('B'), "^B", KEYS_PAGER, ACTION_PAGE_UP, 0, "page up", NULL},
    {'g', "g", KEYS_PAGER, ACTION_TOP, 0, "first line", NULL},
    {KEY_HOME, "Home", KEYS_PAGER, ACTION_TOP, 0, "first line", NULL},
    {'G', "G", KEYS_PAGER, ACTION_BOTTOM, 0, "last line", NULL},
    {KEY_END, "End", KEYS_PAGER, ACTION_BOTTOM, 0, "last line", NULL},
    {'q', "q", KEYS_PAGER, ACTION_BACK, 0, "back to where it was opened", "back"},
    {ESCAPE, "Esc", KEYS_PAGER, ACTION_BACK, 0, "back to where it was opened", NULL},

    /* a question in the status line: asked once before a bulk or destructive action */
    {'y', "y", KEYS_QUESTION, ACTION_ANSWER_YES, 0, "yes: do it", "yes"},
    {'n', "n", KEYS_QUESTION, ACTION_ANSWER_NO, 0, "no (so does any other key)", "no"},
    {ESCAPE, "Esc", KEYS_QUESTION, ACTION_ANSWER_NO, 0, "no (so does any other key)", NULL},

    /* the help overlay */
    {'j', "j", KEYS_HELP, ACTION_MOVE_DOWN, 0, "scroll down", NULL},
    {KEY_DOWN, "Down", KEYS_HELP, ACTION_MOVE_DOWN, 0, "scroll down", NULL},
    {'k', "k", KEYS_HELP, ACTION_MOVE_UP, 0, "scroll up", NULL},
    {KEY_UP, "Up", KEYS_HELP, ACTION_MOVE_UP, 0, "scroll up", NULL},
    {'q', "q", KEYS_HELP, ACTION_BACK, 0, "close the help", "close"},
    {ESCAPE, "Esc", KEYS_HELP, ACTION_BACK, 0, "close the help", NULL},
    {'?', "?", KEYS_HELP, ACTION_BACK, 0, "close the help", NULL},
};

const size_t keymap_count = sizeof keymap_table / sizeof keymap_table[0];

static const char *const keymap_context_names[KEYS_CONTEXT_COUNT] = {
    [KEYS_GLOBAL] = "Everywhere",
    [KEYS_MAIN] = "Reports",
    [KEYS_HELP] = "This help",
    [KEYS_RECIPIENTS] = "Recipients",
    [KEYS_EDITING] = "Editing a field",
    [KEYS_CONFIRM] = "Confirmation",
    [KEYS_PROGRESS] = "Sending",
    [KEYS_HISTORY] = "History",
    [KEYS_STATS] = "Statistics",
    [KEYS_PAGER] = "Reading a message, delivery or log",
    [KEYS_QUESTION] = "A question",
};

const char *keymap_context_name(keymap_context context)
{
    return context < KEYS_CONTEXT_COUNT ? keymap_context_names[context] : "?";
}

static const keymap_entry *keymap_find(keymap_context context, int key)
{
    for (size_t i = 0; i < keymap_count; i++) {
        if (keymap_table[i].context == context && keymap_table[i].key == key)
            return &keymap_table[i];
    }
    return NULL;
}

const keymap_entry *keymap_lookup(keymap_context context, int key)
{
    const keymap_entry *entry = keymap_find(context, key);
    return entry ? entry : keymap_find(KEYS_GLOBAL, key);
}
