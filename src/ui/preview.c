/* preview: pages of styled lines and their cache (see preview.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/preview.h"
#include "ui/ui_columns.h"

#define PREVIEW_TAB_WIDTH 8

static const char *const preview_mode_names[PREVIEW_MODE_COUNT] = {
    [PREVIEW_RENDERED] = "report",
    [PREVIEW_TEXT] = "text/plain part",
    [PREVIEW_HTML] = "text/html source",
    [PREVIEW_EML] = "message (.eml)",
};

const char *preview_mode_name(preview_mode mode)
{
    return mode < PREVIEW_MODE_COUNT ? preview_mode_names[mode] : "?";
}

static void *preview_grow(void *items, size_t count, size_t *capacity, size_t size)
{
    if (count < *capacity)
        return items;
    *capacity = *capacity ? *capacity * 2 : 256;
    items = realloc(items, *capacity * size);
    if (!items)
        abort(); /* out of memory: nothing sensible to show instead */
    return items;
}

void preview_page_set_styled(preview_page *page, render_document *document)
{
    preview_page_free(page);
    page->styled = document;
}

/* Tabs to spaces and CRLF to LF, so every byte left draws in one place. */
static void preview_normalise(const char *text, size_t length, strbuf *out)
{
    size_t column = 0;
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        if (c == '\r' && i + 1 < length && text[i + 1] == '\n')
            continue;
        if (c == '\t') {
            size_t pad = PREVIEW_TAB_WIDTH - column % PREVIEW_TAB_WIDTH;
            strbuf_repeat(out, ' ', pad);
            column += pad;
            continue;
        }
        strbuf_putc(out, c);
        column = c == '\n' ? 0 : column + 1;
    }
}

/* Bytes of the line starting at `at`: up to the newline or `width` columns
 * (cut after a word for prose), at least one byte so a character wider
 * than the pane still shows. */
static size_t preview_line_length(const char *data, size_t total, size_t at, int width, bool prose)
{
    size_t fit = prose ? text_fit_words(data + at, total - at, width > 0 ? width : 1)
                       : text_fit(data + at, total - at, width > 0 ? width : 1, NULL);
    if (fit == 0 && at < total && data[at] != '\n')
        fit = 1;
    return fit;
}

void preview_page_set_text(preview_page *page, const char *text, size_t length, int width,
                           render_style style)
{
    preview_page_free(page);
    preview_normalise(text, length, &page->text);
    const char *data = strbuf_cstr(&page->text); /* final: spans may point into it */
    size_t total = page->text.len;
    size_t line_capacity = 0, span_capacity = 0;
    size_t at = 0;
    /* Text a person reads (the text/plain part, an explanation, the message
     * log, a delivery) breaks between words, never inside one; code (HTML
     * source, the .eml) keeps every byte in place and breaks where it must. */
    bool prose = style != STYLE_CODE;
    do {
        size_t fit = preview_line_length(data, total, at, width, prose);
        page->lines = preview_grow(page->lines, page->line_count, &line_capacity, sizeof *page->lines);
        page->spans = preview_grow(page->spans, page->line_count, &span_capacity, sizeof *page->spans);
        page->spans[page->line_count] = (render_span){style, data + at, fit};
        page->lines[page->line_count++] = (render_line){NULL, fit ? 1 : 0, 0};
        at += fit;
        if (at < total && (data[at] == '\n' || (prose && data[at] == ' ')))
            at++;
    } while (at < total);
    for (size_t i = 0; i < page->line_count; i++) /* the span array has stopped moving */
        page->lines[i].spans = &page->spans[i];
}

size_t preview_page_line_count(const preview_page *page)
{
    return page->styled ? render_line_count(page->styled) : page->line_count;
}

const render_line *preview_page_line(const preview_page *page, size_t index)
{
    if (index >= preview_page_line_count(page))
        return NULL;
    return page->styled ? render_line_at(page->styled, index) : &page->lines[index];
}

void preview_page_free(preview_page *page)
{
    if (page->styled)
        render_document_free(page->styled);
    strbuf_free(&page->text);
    free(page->lines);
    free(page->spans);
    *page = (preview_page){0};
}

void preview_line_text(const render_line *line, strbuf *out)
{
    for (size_t i = 0; line && i < line->span_count; i++)
        strbuf_append(out, line->spans[i].text, line->spans[i].length);
}

preview_page *preview_cache_find(preview_cache *c, persona persona, const char *scope, int width,
                                 preview_mode mode)
{
    for (size_t i = 0; i < PREVIEW_CACHE_SIZE; i++) {
        preview_cache_entry *e = &c->entries[i];
        if (e->used && e->persona == persona && e->width == width && e->mode == mode &&
            strcmp(e->scope, scope) == 0) {
            e->last_used = ++c->clock;
            return &e->page;
        }
    }
    return NULL;
}

preview_page *preview_cache_insert(preview_cache *c, persona persona, const char *scope, int width,
                                   preview_mode mode)
{
    preview_cache_entry *victim = &c->entries[0];
    for (size_t i = 0; i < PREVIEW_CACHE_SIZE; i++) {
        preview_cache_entry *e = &c->entries[i];
        if (!e->used) {
            victim = e;
            break;
        }
        if (e->last_used < victim->last_used)
            victim = e;
    }
    preview_page_free(&victim->page);
    victim->used = true;
    victim->persona = persona;
    snprintf(victim->scope, sizeof victim->scope, "%s", scope);
    victim->width = width;
    victim->mode = mode;
    victim->last_used = ++c->clock;
    return &victim->page;
}

void preview_cache_clear(preview_cache *c)
{
    for (size_t i = 0; i < PREVIEW_CACHE_SIZE; i++) {
        preview_page_free(&c->entries[i].page);
        c->entries[i].used = false;
    }
}
