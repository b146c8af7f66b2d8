/* message_log: every status message, kept so that `M` can show each one
 * in full — the status line cuts a long one and the next key clears it. A
 * ring of UI_LOG_SIZE entries; a message repeated at once is kept once. */
#include <stdio.h>
#include <string.h>

#include "ui/ui_internal.h"

void message_log_add(message_log *log, time_t at, const char *text)
{
    if (!text[0])
        return;
    size_t last = (log->next + UI_LOG_SIZE - 1) % UI_LOG_SIZE;
    if (log->count && strcmp(log->text[last], text) == 0) {
        log->at[last] = at;
        return;
    }
    snprintf(log->text[log->next], sizeof log->text[log->next], "%s", text);
    log->at[log->next] = at;
    log->next = (log->next + 1) % UI_LOG_SIZE;
    if (log->count < UI_LOG_SIZE)
        log->count++;
}

void message_log_text(const message_log *log, strbuf *out)
{
    if (log->count == 0) {
        strbuf_puts(out, "No message yet.\n");
        return;
    }
    for (size_t i = 0; i < log->count; i++) {
        size_t slot = (log->next + UI_LOG_SIZE - 1 - i) % UI_LOG_SIZE;
        struct tm tm;
        char when[16];
        localtime_r(&log->at[slot], &tm);
        strftime(when, sizeof when, "%H:%M:%S", &tm);
        strbuf_printf(out, "%s  %s\n", when, log->text[slot]);
    }
}
