/* ddb_changes: the SET and REMOVE parts of an UpdateItem, built one
 * attribute at a time with generated placeholders, so that no attribute
 * name (many are reserved words) nor value is ever pasted into the text.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger_dynamodb/ddb_internal.h"

char *ddb_copy(const char *text)
{
    char *copy = strdup(text);
    if (!copy) {
        fputs("briefing: out of memory\n", stderr);
        abort();
    }
    return copy;
}

static void ddb_changes_grow(ddb_changes *c)
{
    if (c->name_count < c->capacity && c->value_count < c->capacity)
        return;
    size_t grown = c->capacity ? c->capacity * 2 : 16;
    ses_dynamodb_attr *names = realloc(c->names, grown * sizeof *names);
    if (names)
        c->names = names;
    ses_dynamodb_attr *values = names ? realloc(c->values, grown * sizeof *values) : NULL;
    if (!values) {
        fputs("briefing: out of memory\n", stderr);
        abort();
    }
    c->values = values;
    c->capacity = grown;
}

/* "#nN" for `attribute`; its placeholder is returned. */
static const char *ddb_changes_name(ddb_changes *c, const char *attribute)
{
    ddb_changes_grow(c);
    char placeholder[24];
    snprintf(placeholder, sizeof placeholder, "#n%zu", c->name_count);
    c->names[c->name_count] = (ses_dynamodb_attr){ddb_copy(placeholder), 'S', ddb_copy(attribute)};
    return c->names[c->name_count++].name;
}

static const char *ddb_changes_value(ddb_changes *c, char type, const char *value)
{
    ddb_changes_grow(c);
    char placeholder[24];
    snprintf(placeholder, sizeof placeholder, ":v%zu", c->value_count);
    c->values[c->value_count] = (ses_dynamodb_attr){ddb_copy(placeholder), type, ddb_copy(value)};
    return c->values[c->value_count++].name;
}

void ddb_changes_text(ddb_changes *c, const char *attribute, const char *value)
{
    const char *name = ddb_changes_name(c, attribute);
    if (!value || !*value) {
        strbuf_printf(&c->remove, ", %s", name);
        return;
    }
    strbuf_printf(&c->set, ", %s = %s", name, ddb_changes_value(c, 'S', value));
}

void ddb_changes_number(ddb_changes *c, const char *attribute, int64_t value)
{
    char text[24];
    snprintf(text, sizeof text, "%" PRId64, value);
    const char *name = ddb_changes_name(c, attribute);
    strbuf_printf(&c->set, ", %s = %s", name, ddb_changes_value(c, 'N', text));
}

void ddb_changes_increment(ddb_changes *c, const char *attribute)
{
    const char *name = ddb_changes_name(c, attribute);
    strbuf_printf(&c->set, ", %s = %s + %s", name, name, ddb_changes_value(c, 'N', "1"));
}

void ddb_changes_free(ddb_changes *c)
{
    for (size_t i = 0; i < c->name_count; i++) {
        free((char *)c->names[i].name);
        free((char *)c->names[i].value);
    }
    for (size_t i = 0; i < c->value_count; i++) {
        free((char *)c->values[i].name);
        free((char *)c->values[i].value);
    }
    free(c->names);
    free(c->values);
    strbuf_free(&c->set);
    strbuf_free(&c->remove);
    *c = (ddb_changes)DDB_CHANGES_INIT;
}
