#include "briefing/diag.h"

#include <stdarg.h>
#include <stdio.h>

#include "briefing/strbuf.h"
#include "briefing/utf8.h"

enum { DIAG_MESSAGE_MAX = 511 };

void diag_add(arena *a, diag_list *list, diag_severity severity, const char *file, int line,
              const char *fmt, ...)
{
    strbuf message = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&message, fmt, ap);
    va_end(ap);
    /* Long messages are cut (they quote input), between two characters. */
    strbuf_truncate(&message, utf8_cut(strbuf_cstr(&message), message.len, DIAG_MESSAGE_MAX));
    diag *d = arena_push(a, (void **)&list->items, &list->count, &list->capacity, sizeof *d);
    d->severity = severity;
    d->file = arena_strdup(a, file ? file : "");
    d->line = line;
    d->message = arena_strdup(a, strbuf_cstr(&message));
    strbuf_free(&message);
}

const char *diag_format(arena *a, const diag *d)
{
    if (d->line > 0)
        return arena_printf(a, "%s:%d: %s", d->file, d->line, d->message);
    return arena_printf(a, "%s: %s", d->file, d->message);
}
