/* docs/console.md lists every key of the key table, under the heading the
 * `?` overlay gives its view, with the same help text, so the operator's
 * manual cannot drift from what the keys do. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/strbuf.h"
#include "ui/ui_internal.h"

static char *read_manual(void)
{
    const char *source = getenv("BRIEFING_SOURCE_DIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/docs/console.md", source ? source : ".");
    strbuf text = STRBUF_INIT;
    if (strbuf_read_file(&text, path, 1 << 20) != 0)
        fail_msg("%s: cannot read", path);
    return strbuf_detach(&text);
}

/* The text between "### <heading>\n" and the next heading, or NULL. */
static char *manual_section(const char *manual, const char *heading)
{
    char marker[128];
    snprintf(marker, sizeof marker, "\n### %s\n", heading);
    const char *start = strstr(manual, marker);
    if (!start)
        return NULL;
    start += strlen(marker);
    const char *end = strstr(start, "\n#");
    size_t length = end ? (size_t)(end - start) : strlen(start);
    char *section = malloc(length + 1);
    memcpy(section, start, length);
    section[length] = '\0';
    return section;
}

/* A table line of `section` with `key` in backquotes and `help` as its text. */
static bool section_lists_key(const char *section, const char *key, const char *help)
{
    char quoted[64], cell[160];
    snprintf(quoted, sizeof quoted, "`%s`", key);
    snprintf(cell, sizeof cell, " | %s |", help);
    for (const char *line = section; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t length = end ? (size_t)(end - line) : strlen(line);
        char row[512];
        snprintf(row, sizeof row, "%.*s", (int)length, line);
        if (strstr(row, quoted) && strstr(row, cell))
            return true;
        line = end ? end + 1 : NULL;
    }
    return false;
}

static void test_keymap_docs_list_every_key_with_its_help(void **state)
{
    char *manual = read_manual();
    for (size_t i = 0; i < keymap_count; i++) {
        const keymap_entry *k = &keymap_table[i];
        const char *heading = keymap_context_name(k->context);
        char *section = manual_section(manual, heading);
        if (!section)
            fail_msg("docs/console.md: no \"### %s\" section", heading);
        if (!section_lists_key(section, k->name, k->help))
            fail_msg("docs/console.md, %s: no row \"`%s` ... | %s |\"", heading, k->name, k->help);
        free(section);
    }
    free(manual);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keymap_docs_list_every_key_with_its_help),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
