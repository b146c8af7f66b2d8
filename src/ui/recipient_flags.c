/* recipient_flags: the recipients form warns about an address SES said
 * bounced permanently or complained about (send_address_flags: the
 * ledger's word, from `briefing events` or the console's own poll), so the
 * operator sees it before sending to it again. Read once per message and
 * recipients, again when they are edited or new events came in; never on
 * every frame. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ui/ui_internal.h"

void recipient_flags_free(recipient_flags *f)
{
    for (size_t i = 0; i < f->count; i++)
        free(f->entries[i].key);
    free(f->entries);
    *f = (recipient_flags){0};
}

/* "cfo@example.com bounced permanently Dec 05 (delivery 12)", then, when
 * `detail`, ": Permanent/General: smtp; 550 ..." */
static void recipient_flags_one(const ledger_address_flag *flag, bool detail, strbuf *out)
{
    char when[16];
    struct tm tm;
    localtime_r(&flag->at, &tm);
    strftime(when, sizeof when, "%b %d", &tm);
    strbuf_printf(out, "%s %s %s (delivery %lld)", flag->address,
                  flag->outcome == OUTCOME_COMPLAINED ? "complained" : "bounced permanently", when,
                  (long long)flag->delivery_id);
    if (detail && flag->detail[0])
        strbuf_printf(out, ": %s", flag->detail);
}

/* One flag in full; several, each without its detail (the history's
 * Enter on that delivery shows it), so every address fits the one line. */
static void recipient_flags_read(ui_state *s, const char *addresses, char *out, size_t out_size)
{
    ledger_address_flag *flags = NULL;
    size_t count = 0;
    char error[512];
    out[0] = '\0';
    if (!send_address_flags(&s->config, addresses, &flags, &count, error, sizeof error)) {
        snprintf(out, out_size, "cannot check the addresses' past bounces: %s", error);
        return;
    }
    strbuf text = STRBUF_INIT;
    for (size_t i = 0; i < count; i++) {
        if (i)
            strbuf_printf(&text, "; ");
        recipient_flags_one(&flags[i], count == 1, &text);
    }
    snprintf(out, out_size, "%s", strbuf_cstr(&text));
    strbuf_free(&text);
    free(flags);
}

/* The entry of item `index`, made to fit the batch. */
static recipient_flag_entry *recipient_flags_entry(recipient_flags *f, size_t index, size_t count)
{
    if (f->count != count) {
        recipient_flags_free(f);
        f->entries = calloc(count ? count : 1, sizeof *f->entries);
        if (!f->entries)
            abort(); /* out of memory: as the arena */
        f->count = count;
    }
    return &f->entries[index];
}

const char *recipient_flags_describe(ui_state *s, size_t index)
{
    const batch *b = &s->send.batch;
    if (index >= b->count)
        return "";
    const batch_item *item = &b->items[index];
    recipient_flag_entry *e = recipient_flags_entry(&s->flags, index, b->count);
    strbuf key = STRBUF_INIT;
    strbuf_printf(&key, "%s\n%s\n%s", item->to ? item->to : "", item->cc ? item->cc : "",
                  item->bcc ? item->bcc : "");
    if (!e->key || strcmp(e->key, strbuf_cstr(&key)) != 0 || e->generation != s->events.generation) {
        free(e->key);
        e->key = strbuf_detach(&key);
        e->generation = s->events.generation;
        /* All three lists at once: one ledger read for the message. */
        char *all = strdup(e->key);
        if (!all)
            abort();
        for (char *p = all; *p; p++)
            *p = *p == '\n' ? ',' : *p;
        recipient_flags_read(s, all, e->text, sizeof e->text);
        free(all);
    }
    strbuf_free(&key);
    return e->text;
}
