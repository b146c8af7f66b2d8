/* search: finding and stepping through matches (see search.h). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "briefing/strbuf.h"
#include "ui/search.h"

size_t search_find(const char *text, size_t length, const char *needle, size_t from)
{
    size_t needle_length = strlen(needle);
    if (needle_length == 0 || needle_length > length)
        return (size_t)-1;
    for (size_t i = from; i + needle_length <= length; i++) {
        size_t j = 0;
        while (j < needle_length &&
               tolower((unsigned char)text[i + j]) == tolower((unsigned char)needle[j]))
            j++;
        if (j == needle_length)
            return i;
    }
    return (size_t)-1;
}

static void search_add(search_state *s, size_t line, size_t offset, size_t length)
{
    if (s->count == s->capacity) {
        s->capacity = s->capacity ? s->capacity * 2 : 64;
        s->matches = realloc(s->matches, s->capacity * sizeof *s->matches);
        if (!s->matches)
            abort(); /* as the arena: out of memory is not recoverable here */
    }
    s->matches[s->count++] = (search_match){line, offset, length};
}

void search_run(search_state *s, const preview_page *page, size_t from_line)
{
    s->count = 0;
    s->current = 0;
    s->page_serial = page->serial;
    size_t needle_length = strlen(s->query);
    strbuf text = STRBUF_INIT;
    for (size_t line = 0; needle_length && line < preview_page_line_count(page); line++) {
        strbuf_truncate(&text, 0);
        preview_line_text(preview_page_line(page, line), &text);
        size_t at = 0;
        while ((at = search_find(text.data, text.len, s->query, at)) != (size_t)-1) {
            search_add(s, line, at, needle_length);
            at += needle_length;
        }
    }
    strbuf_free(&text);
    while (s->current < s->count && s->matches[s->current].line < from_line)
        s->current++;
    if (s->current == s->count)
        s->current = 0; /* wrap to the first match, as n does */
}

bool search_step(search_state *s, bool forward)
{
    if (s->count == 0)
        return false;
    s->current = forward ? (s->current + 1) % s->count : (s->current + s->count - 1) % s->count;
    return true;
}

void search_clear(search_state *s)
{
    s->query[0] = '\0';
    s->count = 0;
    s->current = 0;
    s->page_serial = 0;
}

void search_free(search_state *s)
{
    free(s->matches);
    *s = (search_state){0};
}
