/* report_context: the per-report scratch state generators write notes into. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "report/report_internal.h"

char *report_format(const report_context *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    strbuf b = STRBUF_INIT;
    strbuf_vprintf(&b, fmt, ap);
    va_end(ap);
    char *s = arena_strdup(c->arena, strbuf_cstr(&b));
    strbuf_free(&b);
    return s;
}

/* A CommonMark code span that survives backticks inside `text`: the fence
 * is one backtick longer than the longest run in it. */
void report_put_code_span(strbuf *out, const char *text)
{
    size_t longest = 0, run = 0;
    for (const char *s = text; *s; s++) {
        run = *s == '`' ? run + 1 : 0;
        if (run > longest)
            longest = run;
    }
    bool pad = longest > 0;
    strbuf_repeat(out, '`', longest + 1);
    if (pad)
        strbuf_putc(out, ' ');
    strbuf_puts(out, text);
    if (pad)
        strbuf_putc(out, ' ');
    strbuf_repeat(out, '`', longest + 1);
}

void report_bullet(strbuf *out, size_t *count, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    strbuf_puts(out, "- ");
    strbuf_vprintf(out, fmt, ap);
    strbuf_putc(out, '\n');
    va_end(ap);
    (*count)++;
}

/* Whether `path` is one of the ", "-separated paths of `list`. */
static bool lists_path(const char *list, const char *path)
{
    size_t n = strlen(path);
    for (const char *p = list; (p = strstr(p, path)) != NULL; p++)
        if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ','))
            return true;
    return false;
}

/* Whether two requests ask for one field of one section in two spellings:
 * "add `Customer lifetime: N` to the KPIs of" and "add `Customer lifetime:
 * N months` to the KPIs of" (the field is what comes before ':'). */
static bool asks_same_field(const char *a, const char *b)
{
    static const char lead[] = "add `";
    size_t lead_length = sizeof lead - 1;
    if (strncmp(a, lead, lead_length) != 0 || strncmp(b, lead, lead_length) != 0)
        return false;
    const char *a_close = strchr(a + lead_length, '`'), *b_close = strchr(b + lead_length, '`');
    const char *a_colon = strchr(a + lead_length, ':'), *b_colon = strchr(b + lead_length, ':');
    if (!a_close || !b_close || !a_colon || !b_colon || a_colon > a_close || b_colon > b_close)
        return false;
    return a_colon - a == b_colon - b && strncmp(a, b, (size_t)(a_colon - a)) == 0 &&
           strcmp(a_close, b_close) == 0;
}

/* One request ("add `CI: ...` to the Tech of") and the file it is for; the
 * same request for several files becomes one line naming them all, and one
 * field asked in two spellings keeps the longer, the one naming its unit
 * (docs/reports.md, Data quality). */
static void add_missing_line(const report_context *c, const char *request, const char *path)
{
    report_missing *m = c->missing;
    for (size_t i = 0; i < m->count; i++)
        if (strcmp(m->lines[i], request) == 0 || asks_same_field(m->lines[i], request)) {
            if (strlen(request) > strlen(m->lines[i]))
                m->lines[i] = request;
            if (!lists_path(m->paths[i], path))
                m->paths[i] = report_format(c, "%s, %s", m->paths[i], path);
            return;
        }
    size_t count = m->count, capacity = m->capacity;
    const char **slot =
        arena_push(c->arena, (void **)&m->lines, &m->count, &m->capacity, sizeof *m->lines);
    *slot = request;
    slot = arena_push(c->arena, (void **)&m->paths, &count, &capacity, sizeof *m->paths);
    *slot = path;
}

/* The CTO asks only for what a CTO acts on: the Tech section and the
 * fields at the top (reports.md, CTO's Data quality); the others ask for
 * every field their figures need. */
static bool persona_asks(const report_context *c, section_kind section)
{
    return c->persona != &report_personas[PERSONA_CTO] || section == SECTION_TECH ||
           section == SECTION_UNKNOWN;
}

/* Data quality's spelling of a field's request: "add `CI: ...` to the
 * Tech of"; SECTION_UNKNOWN stands for the fields before the first "##". */
static const char *field_request(const report_context *c, section_kind section, const char *field)
{
    const char *where =
        section == SECTION_UNKNOWN ? "fields at the top" : model_section_name(section);
    return report_format(c, "add `%s` to the %s of", field, where);
}

static const char *section_request(const report_context *c, section_kind section)
{
    return report_format(c, "add a `## %s` section to", model_section_name(section));
}

void report_note_missing(const report_context *c, const entity *e, section_kind section,
                         const char *field)
{
    if (!persona_asks(c, section))
        return;
    add_missing_line(c, field_request(c, section, field), e->path);
}

void report_note_missing_section(const report_context *c, const entity *e, section_kind section)
{
    if (!persona_asks(c, section))
        return;
    add_missing_line(c, section_request(c, section), e->path);
}

/* The body asked `request` for `path`: Data quality skips that file on the
 * line of the same request (docs/reports.md, "Each ask is made once"). No
 * persona_asks filter: what the body asks is asked. */
static void add_asked(const report_context *c, const char *request, const char *path)
{
    report_missing *m = c->missing;
    if (report_was_asked(c, request, path))
        return;
    size_t count = m->asked_count, capacity = m->asked_capacity;
    *(const char **)arena_push(c->arena, (void **)&m->asked, &m->asked_count,
                               &m->asked_capacity, sizeof *m->asked) = request;
    *(const char **)arena_push(c->arena, (void **)&m->asked_paths, &count, &capacity,
                               sizeof *m->asked_paths) = path;
}

bool report_was_asked(const report_context *c, const char *request, const char *path)
{
    const report_missing *m = c->missing;
    for (size_t i = 0; i < m->asked_count; i++)
        if (strcmp(m->asked_paths[i], path) == 0 &&
            (strcmp(m->asked[i], request) == 0 || asks_same_field(m->asked[i], request)))
            return true;
    return false;
}

void report_note_asked(const report_context *c, const entity *e, section_kind section,
                       const char *field)
{
    add_asked(c, field_request(c, section, field), e->path);
}

void report_note_asked_section(const report_context *c, const entity *e, section_kind section)
{
    add_asked(c, section_request(c, section), e->path);
}

const char *report_ask(const report_context *c, const entity *e, const char *request)
{
    add_asked(c, request, e->path);
    return report_format(c, "%s %s", request, e->path);
}

const char *report_ask_scope(const report_context *c, const char *request)
{
    strbuf files = STRBUF_INIT;
    for (size_t i = 0; i < c->entity_count; i++) {
        add_asked(c, request, c->entities[i]->path);
        strbuf_printf(&files, "%s%s", i ? ", " : "", c->entities[i]->path);
    }
    const char *ask = report_format(c, "%s %s", request, strbuf_cstr(&files));
    strbuf_free(&files);
    return ask;
}

static void add_note(const report_context *c, const char *note)
{
    report_missing *m = c->missing;
    for (size_t i = 0; i < m->question_count; i++)
        if (strcmp(m->questions[i], note) == 0)
            return;
    *(const char **)arena_push(c->arena, (void **)&m->questions, &m->question_count,
                               &m->question_capacity, sizeof *m->questions) = note;
}

void report_note_question(const report_context *c, const char *question)
{
    add_note(c, report_format(c, "Question: %s", question));
}

void report_note_missing_figure(const report_context *c, const char *text)
{
    add_note(c, report_format(c, "Missing: %s", text));
}

/* Whether `text` writes a dollar amount with three or more decimals. */
static bool finer_than_cent(const char *text)
{
    for (const char *d = strchr(text, '$'); d; d = strchr(d + 1, '$')) {
        const char *p = d + 1 + strspn(d + 1, "0123456789,");
        if (*p == '.' && strspn(p + 1, "0123456789") >= 3)
            return true;
    }
    return false;
}

static void note_rounded_items(const report_context *c, const entity *e, const item *items,
                               size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const item *it = &items[i];
        if (it->value.kind == VALUE_MONEY && finer_than_cent(it->text))
            add_note(c, report_format(c, "Note: %s:%d: \"%s\" is read as %s (amounts are kept "
                                         "to the cent)",
                                      e->path, it->line, it->text,
                                      report_money_text(c, &it->value.money)));
        note_rounded_items(c, e, it->children, it->child_count);
    }
}

void report_note_rounded_amounts(const report_context *c)
{
    for (size_t i = 0; i < c->entity_count; i++)
        for (int s = 0; s < SECTION_KIND_COUNT; s++)
            note_rounded_items(c, c->entities[i], c->entities[i]->sections[s].items,
                               c->entities[i]->sections[s].item_count);
}
