/* question: a bulk or destructive action (apply to all, quit with messages
 * not sent, send again what was delivered) asks once in the status line
 * before it acts. y answers yes; any other key answers no and says that
 * nothing was done, so a stray key never does the damage. */
#include <stdarg.h>
#include <stdio.h>

#include "ui/ui_internal.h"

static void ui_ask_text(ui_state *s, void (*yes)(ui_state *s), void (*no)(ui_state *s),
                        const char *fmt, va_list ap)
{
    vsnprintf(s->question.text, sizeof s->question.text, fmt, ap);
    s->question.open = true;
    s->question.yes = yes;
    s->question.no = no;
    message_log_add(&s->log, time(NULL), s->question.text);
}

void ui_ask(ui_state *s, void (*yes)(ui_state *s), const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ui_ask_text(s, yes, NULL, fmt, ap);
    va_end(ap);
}

void ui_ask_either(ui_state *s, void (*yes)(ui_state *s), void (*no)(ui_state *s),
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ui_ask_text(s, yes, no, fmt, ap);
    va_end(ap);
}

void ui_answer(ui_state *s, const keymap_entry *k)
{
    ui_question question = s->question;
    s->question = (ui_question){.open = false};
    if (k && k->action == ACTION_ANSWER_YES)
        question.yes(s);
    else if (question.no)
        question.no(s);
    else
        ui_set_message(s, ROLE_STATUS, "not done: the answer was no");
}
