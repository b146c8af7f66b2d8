#include "briefing/diag.h"

#include <stdarg.h>
#include <stdio.h>

void diag_add(arena *a, diag_list *list, diag_severity severity, const char *file, int line,
              const char *fmt, ...)
{
    char message[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    diag *d = arena_push(a, (void **)&list->items, &list->count, &list->capacity, sizeof *d);
    d->severity = severity;
    d->file = arena_strdup(a, file ? file : "");
    d->line = line;
    d->message = arena_strdup(a, message);
}

const char *diag_format(arena *a, const diag *d)
{
    if (d->line > 0)
        return arena_printf(a, "%s:%d: %s", d->file, d->line, d->message);
    return arena_printf(a, "%s: %s", d->file, d->message);
}
