/* question: a bulk or destructive action (apply to all, quit with messages
 * not sent, send again what was delivered) asks once in the status line
 * before it acts. y answers yes; any other key answers no and says that
 * nothing was done, so a stray key never does the damage. */
#include <stdarg.h>
#include <stdio.h>

#include "ui/ui_internal.h"

void ui_ask(ui_state *s, void (*yes)(ui_state *s), const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->question.text, sizeof s->question.text, fmt, ap);
    va_end(ap);
    s->question.open = true;
    s->question.yes = yes;
    message_log_add(&s->log, time(NULL), s->question.text);
}

void ui_answer(ui_state *s, const keymap_entry *k)
{
    void (*yes)(ui_state *s) = s->question.yes;
    s->question = (ui_question){.open = false};
    if (k && k->action == ACTION_ANSWER_YES)
        yes(s);
    else
        ui_set_message(s, ROLE_STATUS, "not done: the answer was no");
}
