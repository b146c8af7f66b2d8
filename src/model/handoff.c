/* handoff: one Markdown handoff (format v1, docs/handoff-format.md) into an
 * entity, walking cmark's AST — never regexes over the raw text.
 *
 *   # Title                      → entity title
 *   - Key: value  (before ##)    → fields (Kind, Business, Domains, ...)
 *   ## Section                   → a known section by name, else kept as text
 *   - Label: value (tag, tag)    → an item; nested bullets are its children
 *
 * Every problem is a diagnostic with the file and line; the rest of the file
 * is still used.
 */
#include <cmark.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "briefing/strbuf.h"
#include "briefing/utf8.h"
#include "model/model_internal.h"

enum { HANDOFF_LONG_LINE = 64 * 1024, HANDOFF_SHOWN_BYTES = 200 };

/* Section names and their aliases, case-insensitive. */
static const struct {
    const char *name;
    section_kind kind;
} handoff_section_names[] = {
    {"revenue", SECTION_REVENUE},   {"revenues", SECTION_REVENUE},   {"income", SECTION_REVENUE},
    {"expenses", SECTION_EXPENSES}, {"expense", SECTION_EXPENSES},   {"costs", SECTION_EXPENSES},
    {"kpis", SECTION_KPIS},         {"kpi", SECTION_KPIS},           {"metrics", SECTION_KPIS},
    {"marketing", SECTION_MARKETING},
    {"tech", SECTION_TECH},         {"technology", SECTION_TECH},    {"stack", SECTION_TECH},
    {"assets", SECTION_ASSETS},     {"asset", SECTION_ASSETS},
    {"risks", SECTION_RISKS},       {"risk", SECTION_RISKS},
    {"actions", SECTION_ACTIONS},   {"action", SECTION_ACTIONS},     {"next steps", SECTION_ACTIONS},
    {"clients", SECTION_CLIENTS},   {"client", SECTION_CLIENTS},
    {"team", SECTION_TEAM},
};

static const char *const handoff_section_titles[SECTION_KIND_COUNT] = {
    [SECTION_REVENUE] = "Revenue", [SECTION_EXPENSES] = "Expenses", [SECTION_KPIS] = "KPIs",
    [SECTION_MARKETING] = "Marketing", [SECTION_TECH] = "Tech", [SECTION_ASSETS] = "Assets",
    [SECTION_RISKS] = "Risks", [SECTION_ACTIONS] = "Actions", [SECTION_CLIENTS] = "Clients",
    [SECTION_TEAM] = "Team", [SECTION_UNKNOWN] = "Other",
};

const char *model_section_name(section_kind kind)
{
    return handoff_section_titles[kind];
}

typedef struct {
    portfolio *portfolio;
    entity *entity;
    const char *path;
    section *current;       /* NULL before the first "##" */
    bool seen_section;
} handoff_parser;

static void handoff_warn(handoff_parser *h, int line, const char *message)
{
    diag_add(&h->portfolio->arena, &h->portfolio->diagnostics, DIAG_WARNING, h->path, line, "%s",
             message);
}

/* Inline content flattened to text: emphasis, links and code keep their
 * words; breaks become spaces. */
static void handoff_inline_text(cmark_node *node, strbuf *out)
{
    for (cmark_node *child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
        switch (cmark_node_get_type(child)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_HTML_INLINE:
            strbuf_puts(out, cmark_node_get_literal(child));
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            strbuf_putc(out, ' ');
            break;
        default:
            handoff_inline_text(child, out);
        }
    }
}

/* The text of a block: paragraphs and headings flattened, others literal. */
static void handoff_block_text(cmark_node *node, strbuf *out)
{
    cmark_node_type type = cmark_node_get_type(node);
    if (type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK) {
        strbuf_puts(out, cmark_node_get_literal(node));
        return;
    }
    if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING) {
        handoff_inline_text(node, out);
        return;
    }
    for (cmark_node *child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
        if (out->len && out->data[out->len - 1] != '\n')
            strbuf_putc(out, '\n');
        handoff_block_text(child, out);
    }
}

/* Splits "value (tag, tag)" into the value and lower-case tags. */
static void handoff_split_tags(handoff_parser *h, item *it, const char *value)
{
    size_t n = strlen(value);
    const char *start = value;
    model_trim(&start, &n);
    if (n > 0 && start[n - 1] == ')') {
        int depth = 0;
        size_t open = n;
        for (size_t i = n; i-- > 0;) {
            if (start[i] == ')')
                depth++;
            else if (start[i] == '(' && --depth == 0) {
                open = i;
                break;
            }
        }
        if (open < n) {
            size_t capacity = 0;
            const char *tags = start + open + 1;
            size_t tags_length = n - open - 2;
            for (size_t i = 0; i <= tags_length;) {
                size_t j = i;
                while (j < tags_length && tags[j] != ',')
                    j++;
                const char *tag = tags + i;
                size_t tag_length = j - i;
                model_trim(&tag, &tag_length);
                if (tag_length) {
                    char *lower = arena_strndup(&h->portfolio->arena, tag, tag_length);
                    for (char *c = lower; *c; c++)
                        *c = (char)tolower((unsigned char)*c);
                    const char **slot = arena_push(&h->portfolio->arena, (void **)&it->tags,
                                                   &it->tag_count, &capacity, sizeof *slot);
                    *slot = lower;
                }
                i = j + 1;
            }
            n = open;
            model_trim(&start, &n);
        }
    }
    it->text = arena_strndup(&h->portfolio->arena, start, n);
}

/* "Label: value" at the first ':' that ends the word before it. */
static const char *handoff_find_colon(const char *text)
{
    for (const char *c = strchr(text, ':'); c; c = strchr(c + 1, ':'))
        if (c[1] == '\0' || c[1] == ' ' || c[1] == '\t')
            return c;
    return NULL;
}

static void handoff_parse_item(handoff_parser *h, cmark_node *list_item, item *it);

/* `s` cut to HANDOFF_SHOWN_BYTES (on a UTF-8 boundary) and "…" when it is
 * longer: what the reports show of a bullet over 64 KB. */
static const char *handoff_shorten(handoff_parser *h, const char *s)
{
    size_t n = strlen(s);
    if (n <= HANDOFF_SHOWN_BYTES)
        return s;
    n = HANDOFF_SHOWN_BYTES;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    char *cut = arena_alloc(&h->portfolio->arena, n + sizeof "\u2026");
    memcpy(cut, s, n);
    memcpy(cut + n, "\u2026", sizeof "\u2026");
    return cut;
}

/* "2.75% of Lunch service": a percent of one revenue line (rule 4). */
static void handoff_parse_share(handoff_parser *h, item *it)
{
    const char *of = strstr(it->text, " of ");
    if (!of)
        return;
    value percent;
    char *head = arena_strndup(&h->portfolio->arena, it->text, (size_t)(of - it->text));
    if (!model_parse_value(&h->portfolio->arena, head, &percent) ||
        percent.kind != VALUE_PERCENT)
        return;
    const char *base = of + 4;
    size_t n = strlen(base);
    model_trim(&base, &n);
    if (!n)
        return;
    it->value = percent;
    it->share_of = arena_strndup(&h->portfolio->arena, base, n);
}

/* A Revenue or Expenses line with a figure the reader meant as money but no
 * `$` ("Slip rent: 1650 a month", "Fuel: 400/month"): read as text it would
 * drop out of revenue or burn without a word (docs/handoff-format.md). */
static bool handoff_money_unread(const handoff_parser *h, const item *it)
{
    if (!h->current || (h->current->kind != SECTION_REVENUE && h->current->kind != SECTION_EXPENSES))
        return false;
    if (it->value.kind == VALUE_NUMBER)
        return true;
    return it->value.kind == VALUE_TEXT && strpbrk(it->text, "0123456789") != NULL;
}

/* The line's own figure written as the model reads money ("400/month" ->
 * "$400/month", "1650 a month" -> "$1,650/month"; a figure with no period
 * gets "/month, or $400 if it is paid once": a one-off is never summed
 * into a monthly figure, rule 3), so the hint never proposes a figure the
 * reader did not write. False when a `$` before the first digit does not
 * make money of the rest. */
static bool handoff_money_as_written(handoff_parser *h, const char *text, strbuf *out)
{
    const char *digit = strpbrk(text, "0123456789");
    strbuf dollar = STRBUF_INIT;
    strbuf_printf(&dollar, "$%s", digit ? digit : "");
    value v;
    bool money = model_parse_value(&h->portfolio->arena, strbuf_cstr(&dollar), &v) &&
                 v.kind == VALUE_MONEY;
    strbuf_free(&dollar);
    if (!money)
        return false;
    strbuf amount = STRBUF_INIT;
    const int64_t ends[2] = {v.money.low_cents, v.money.high_cents};
    for (int i = 0; i < (ends[0] == ends[1] ? 1 : 2); i++) {
        strbuf_puts(&amount, i ? "-$" : "$");
        strbuf_put_grouped(&amount, (uint64_t)ends[i] / 100);
        if (ends[i] % 100)
            strbuf_printf(&amount, ".%02d", (int)(ends[i] % 100));
    }
    if (v.money.period == PERIOD_UNIT)
        strbuf_printf(out, "%s/%s", strbuf_cstr(&amount), v.money.unit);
    else if (v.money.period == PERIOD_NONE)
        strbuf_printf(out, "%s/month, or %s if it is paid once", strbuf_cstr(&amount), strbuf_cstr(&amount));
    else
        strbuf_printf(out, "%s%s", strbuf_cstr(&amount), model_period_suffix(v.money.period));
    strbuf_free(&amount);
    return true;
}

/* "has no $ amount" with the line's own figure as the way to write it. */
static void handoff_warn_money_unread(handoff_parser *h, const item *it)
{
    strbuf written = STRBUF_INIT;
    if (handoff_money_as_written(h, it->text, &written))
        diag_add(&h->portfolio->arena, &h->portfolio->diagnostics, DIAG_WARNING, h->path, it->line,
                 "\"%s\": \"%s\" has no $ amount: left out of every sum (write it as %s)",
                 it->label, it->text, strbuf_cstr(&written));
    else
        diag_add(&h->portfolio->arena, &h->portfolio->diagnostics, DIAG_WARNING, h->path, it->line,
                 "\"%s\": \"%s\" has no $ amount: left out of every sum (write its amount with a $ "
                 "and a period, as $1,650/month)",
                 it->label, it->text);
    strbuf_free(&written);
}

static void handoff_parse_list(handoff_parser *h, cmark_node *list, item **items, size_t *count)
{
    size_t capacity = *count;
    for (cmark_node *li = cmark_node_first_child(list); li; li = cmark_node_next(li)) {
        item *it = arena_push(&h->portfolio->arena, (void **)items, count, &capacity, sizeof *it);
        handoff_parse_item(h, li, it);
    }
}

static void handoff_parse_item(handoff_parser *h, cmark_node *list_item, item *it)
{
    it->line = cmark_node_get_start_line(list_item);
    strbuf text = STRBUF_INIT;
    for (cmark_node *child = cmark_node_first_child(list_item); child;
         child = cmark_node_next(child)) {
        if (cmark_node_get_type(child) == CMARK_NODE_LIST) {
            handoff_parse_list(h, child, &it->children, &it->child_count);
        } else {
            if (text.len)
                strbuf_putc(&text, ' ');
            handoff_block_text(child, &text);
        }
    }
    const char *whole = strbuf_cstr(&text);
    const char *colon = handoff_find_colon(whole);
    const char *value_text = colon ? colon + 1 : "";
    size_t label_length = colon ? (size_t)(colon - whole) : strlen(whole);
    const char *label = whole;
    model_trim(&label, &label_length);
    if (colon) {
        it->label = arena_strndup(&h->portfolio->arena, label, label_length);
        handoff_split_tags(h, it, value_text);
    } else {
        /* "- Publish the pricing page (high)": a label with tags, no value. */
        handoff_split_tags(h, it, whole);
        it->label = it->text;
        it->text = "";
    }
    model_parse_value(&h->portfolio->arena, it->text, &it->value);
    if (it->value.kind == VALUE_TEXT)
        handoff_parse_share(h, it);
    if (text.len > HANDOFF_LONG_LINE) {
        it->label = handoff_shorten(h, it->label);
        it->text = handoff_shorten(h, it->text);
    }
    if (it->value.kind == VALUE_TEXT && model_looks_like_negative_money(it->text))
        diag_add(&h->portfolio->arena, &h->portfolio->diagnostics, DIAG_WARNING, h->path, it->line,
                 "\"%s\": \"%s\": amounts are never negative; write a refund or loss as an expense",
                 it->label, it->text);
    else if (it->value.kind == VALUE_TEXT && model_looks_like_money(it->text))
        diag_add(&h->portfolio->arena, &h->portfolio->diagnostics, DIAG_WARNING, h->path, it->line,
                 "\"%s\": \"%s\" is not a money amount ($1,850, $1.2K, $7-9K/month)", it->label,
                 it->text);
    else if (handoff_money_unread(h, it))
        handoff_warn_money_unread(h, it);
    strbuf_free(&text);
}

static section_kind handoff_section_kind(const char *title)
{
    for (size_t i = 0; i < sizeof handoff_section_names / sizeof handoff_section_names[0]; i++)
        if (strcasecmp(handoff_section_names[i].name, title) == 0)
            return handoff_section_names[i].kind;
    return SECTION_UNKNOWN;
}

static void handoff_start_section(handoff_parser *h, cmark_node *heading)
{
    strbuf title = STRBUF_INIT;
    handoff_inline_text(heading, &title);
    const char *name = strbuf_cstr(&title);
    size_t n = strlen(name);
    model_trim(&name, &n);
    char *trimmed = arena_strndup(&h->portfolio->arena, name, n);
    strbuf_free(&title);
    entity *e = h->entity;
    section_kind kind = handoff_section_kind(trimmed);
    h->seen_section = true;
    if (kind == SECTION_UNKNOWN) {
        size_t capacity = e->unknown_section_count;
        h->current = arena_push(&h->portfolio->arena, (void **)&e->unknown_sections,
                                &e->unknown_section_count, &capacity, sizeof *h->current);
        h->current->kind = SECTION_UNKNOWN;
    } else {
        h->current = &e->sections[kind];
        if (e->has_section[kind])
            handoff_warn(h, cmark_node_get_start_line(heading),
                         "this section appears twice: its items are merged");
        e->has_section[kind] = true;
        h->current->kind = kind;
    }
    if (!h->current->title) {
        h->current->title = trimmed;
        h->current->line = cmark_node_get_start_line(heading);
    }
}

/* Appends a paragraph (or other block) to the current section's text. */
static void handoff_section_text(handoff_parser *h, cmark_node *node)
{
    strbuf text = STRBUF_INIT;
    if (h->current->text && *h->current->text)
        strbuf_printf(&text, "%s\n\n", h->current->text);
    handoff_block_text(node, &text);
    h->current->text = arena_strdup(&h->portfolio->arena, strbuf_cstr(&text));
    strbuf_free(&text);
}

static char *handoff_strip(portfolio *p, const char *s)
{
    size_t n = strlen(s);
    model_trim(&s, &n);
    return arena_strndup(&p->arena, s, n);
}

static void handoff_set_domains(handoff_parser *h, const char *list)
{
    entity *e = h->entity;
    size_t capacity = 0;
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        const char *d = p;
        size_t length = n;
        model_trim(&d, &length);
        if (length) {
            const char **slot = arena_push(&h->portfolio->arena, (void **)&e->domains,
                                           &e->domain_count, &capacity, sizeof *slot);
            *slot = arena_strndup(&h->portfolio->arena, d, length);
        }
        p += n + (p[n] == ',');
    }
}

/* One "- Key: value" field before the first section. */
static void handoff_parse_field(handoff_parser *h, cmark_node *list_item)
{
    int line = cmark_node_get_start_line(list_item);
    strbuf text = STRBUF_INIT;
    handoff_block_text(list_item, &text);
    const char *colon = handoff_find_colon(strbuf_cstr(&text));
    if (!colon) {
        diag_add(&h->portfolio->arena, &h->portfolio->diagnostics, DIAG_WARNING, h->path, line,
                 "\"%s\" is not a \"Key: value\" field: if it is a way the business sells or "
                 "spends, give it its figure in a section (a `## Revenue` line), else write it as "
                 "a field (\"- Note: ...\")",
                 text.len > HANDOFF_LONG_LINE ? handoff_shorten(h, strbuf_cstr(&text))
                                              : strbuf_cstr(&text));
        strbuf_free(&text);
        return;
    }
    portfolio *p = h->portfolio;
    entity *e = h->entity;
    const char *key =
        handoff_strip(p, arena_strndup(&p->arena, text.data, (size_t)(colon - text.data)));
    const char *value = handoff_strip(p, colon + 1);
    if (text.len > HANDOFF_LONG_LINE) {
        key = handoff_shorten(h, key);
        value = handoff_shorten(h, value);
    }
    strbuf_free(&text);
    size_t capacity = e->field_count;
    field *f = arena_push(&p->arena, (void **)&e->fields, &e->field_count, &capacity, sizeof *f);
    *f = (field){key, value, line};
    if (strcasecmp(key, "kind") == 0) {
        if (strcasecmp(value, "core") == 0)
            e->kind = ENTITY_CORE;
        else if (strcasecmp(value, "ancillary") == 0)
            e->kind = ENTITY_ANCILLARY;
        else
            diag_add(&p->arena, &p->diagnostics, DIAG_WARNING, h->path, line,
                     "Kind is \"%s\": use core or ancillary (taken as core)", value);
    } else if (strcasecmp(key, "business") == 0) {
        e->business = value;
    } else if (strcasecmp(key, "domains") == 0 || strcasecmp(key, "domain") == 0) {
        handoff_set_domains(h, value);
    } else if (strcasecmp(key, "status") == 0) {
        e->status = value;
    } else if (strcasecmp(key, "site") == 0) {
        e->site = strncmp(value, "sites/", 6) == 0 ? value + 6 : value;
    } else if (strcasecmp(key, "owner") == 0) {
        e->owner = value;
    }
}

static void handoff_walk(handoff_parser *h, cmark_node *document)
{
    for (cmark_node *node = cmark_node_first_child(document); node; node = cmark_node_next(node)) {
        cmark_node_type type = cmark_node_get_type(node);
        int level = type == CMARK_NODE_HEADING ? cmark_node_get_heading_level(node) : 0;
        if (level == 1 && !h->entity->title) {
            strbuf title = STRBUF_INIT;
            handoff_inline_text(node, &title);
            h->entity->title = handoff_strip(h->portfolio, strbuf_cstr(&title));
            h->entity->title_line = cmark_node_get_start_line(node);
            if (title.len > HANDOFF_LONG_LINE)
                h->entity->title = handoff_shorten(h, h->entity->title);
            strbuf_free(&title);
        } else if (level == 2) {
            handoff_start_section(h, node);
        } else if (!h->current && type == CMARK_NODE_LIST) {
            for (cmark_node *li = cmark_node_first_child(node); li; li = cmark_node_next(li))
                handoff_parse_field(h, li);
        } else if (h->current && type == CMARK_NODE_LIST) {
            handoff_parse_list(h, node, &h->current->items, &h->current->item_count);
        } else if (h->current) {
            handoff_section_text(h, node);
        }
    }
}

/* Checks UTF-8 (utf8.h's strict reading, the one the MIME builder applies)
 * and long lines; returns a clean copy (each invalid byte or NUL becomes
 * U+FFFD) in `clean`, with one diagnostic per kind of problem at the first
 * line that has it. */
static void handoff_check_bytes(handoff_parser *h, const char *text, size_t length, strbuf *clean)
{
    int line = 1, bad_line = 0, bad_lines = 0, long_line = 0;
    for (size_t at = 0; at < length; line++) {
        const char *eol = memchr(text + at, '\n', length - at);
        size_t n = (size_t)((eol ? eol + 1 : text + length) - (text + at));
        if (utf8_append_repaired(clean, text + at, n) > 0) {
            bad_lines++;
            bad_line = bad_line ? bad_line : line;
        }
        if (n - (eol != NULL) > HANDOFF_LONG_LINE && !long_line)
            long_line = line;
        at += n;
    }
    if (bad_lines == 1) {
        handoff_warn(h, bad_line, "bytes that are not UTF-8 (or NUL) were replaced by U+FFFD");
    } else if (bad_lines > 1) {
        char message[128];
        snprintf(message, sizeof message,
                 "bytes that are not UTF-8 (or NUL) on %d lines, the first here, were replaced by U+FFFD",
                 bad_lines);
        handoff_warn(h, bad_line, message);
    }
    if (long_line)
        handoff_warn(h, long_line, "this line is over 64 KB: shown cut to 200 characters");
}

static const char *handoff_id_from_path(portfolio *p, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 3 && strcmp(base + n - 3, ".md") == 0)
        n -= 3;
    return arena_strndup(&p->arena, base, n);
}

entity *model_parse_handoff(portfolio *p, const char *path, const char *markdown, size_t length)
{
    entity *e = arena_alloc(&p->arena, sizeof *e);
    e->id = handoff_id_from_path(p, path);
    e->path = arena_strdup(&p->arena, path);
    e->kind = ENTITY_CORE;
    handoff_parser h = {.portfolio = p, .entity = e, .path = e->path};
    strbuf clean = STRBUF_INIT;
    handoff_check_bytes(&h, markdown, length, &clean);
    bool empty = strspn(strbuf_cstr(&clean), " \t\r\n") == clean.len;
    if (empty)
        handoff_warn(&h, 0, "the handoff is empty");
    cmark_node *document = cmark_parse_document(strbuf_cstr(&clean), clean.len, CMARK_OPT_DEFAULT);
    handoff_walk(&h, document);
    cmark_node_free(document);
    strbuf_free(&clean);
    if (!e->title || !*e->title) {
        if (!empty)
            handoff_warn(&h, 1, "no \"# Title\" line: the file name is used as the name");
        e->title = e->id;
    }
    model_check_entity(p, e);
    return e;
}
