/* send_recipients: what the recipients form does to more than one field —
 * give every report the recipients of one, and keep the form's recipients
 * as each persona's defaults in <root>/recipients.env (recipients_file.h),
 * which the console reads after repos.env from then on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/recipients_file.h"
#include "ui/ui_internal.h"

void send_apply_to_all(ui_state *s, size_t row)
{
    batch *b = &s->send.batch;
    if (row >= b->count)
        return;
    const batch_item *from = &b->items[row];
    /* Copies: rebuilding an item frees its strings. */
    char *to = strdup(from->to ? from->to : ""), *cc = strdup(from->cc ? from->cc : ""),
         *bcc = strdup(from->bcc ? from->bcc : "");
    if (!to || !cc || !bcc)
        abort(); /* out of memory: as the arena */
    size_t broken = 0;
    for (size_t i = 0; i < b->count; i++) {
        if (i == row)
            continue;
        batch_set_recipients(b, i, to, cc, bcc);
        broken += b->items[i].build_error[0] != '\0';
    }
    free(to);
    free(cc);
    free(bcc);
    if (broken)
        ui_set_message(s, ROLE_ERROR, "%zu message(s) cannot be built with these recipients: see red",
                       broken);
    else
        ui_set_message(s, ROLE_OK, "the %zu report(s) now go to the recipients of %s/%s", b->count,
                       report_personas[from->target.persona].id, from->scope);
}

typedef struct {
    char keys[RECIPIENTS_FILE_MAX_ENTRIES][48];
    recipients_file_entry entries[RECIPIENTS_FILE_MAX_ENTRIES];
    size_t count;
} recipients_keys;

/* Sets `key` to `value`, once: a later report of the same persona wins. */
static void recipients_keys_set(recipients_keys *k, const char *prefix, const char *suffix,
                                const char *value)
{
    char key[48];
    snprintf(key, sizeof key, "%s%s", prefix, suffix);
    for (size_t i = 0; i < k->count; i++) {
        if (strcmp(k->keys[i], key) == 0) {
            k->entries[i].value = value;
            return;
        }
    }
    if (k->count == RECIPIENTS_FILE_MAX_ENTRIES)
        return; /* cannot happen: three keys per persona */
    snprintf(k->keys[k->count], sizeof k->keys[k->count], "%s", key);
    k->entries[k->count] = (recipients_file_entry){k->keys[k->count], value ? value : ""};
    k->count++;
}

void send_save_recipients(ui_state *s)
{
    const batch *b = &s->send.batch;
    recipients_keys keys = {.count = 0};
    for (size_t i = 0; i < b->count; i++) {
        const batch_item *item = &b->items[i];
        if (item->resend_of) /* a resend keeps its original's recipients: no default */
            continue;
        const char *suffix = report_personas[item->target.persona].env_suffix;
        recipients_keys_set(&keys, "EXEC_REPORT_TO_", suffix, item->to);
        recipients_keys_set(&keys, "EXEC_REPORT_CC_", suffix, item->cc);
        recipients_keys_set(&keys, "EXEC_REPORT_BCC_", suffix, item->bcc);
    }
    if (keys.count == 0) {
        ui_set_message(s, ROLE_WARNING, "nothing saved: a resend has no persona defaults to change");
        return;
    }
    char path[4096], error[1024];
    snprintf(path, sizeof path, "%s/%s", s->root, RECIPIENTS_FILE_NAME);
    if (!recipients_file_update(path, keys.entries, keys.count, error, sizeof error)) {
        ui_set_message(s, ROLE_ERROR, "not saved: %s", error);
        return;
    }
    s->reload_pending = true; /* the defaults changed: reread once the session closes */
    ui_set_message(s, ROLE_OK, "saved %zu persona(s)' recipients to %s", keys.count / 3, path);
}
