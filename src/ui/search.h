/* search: `/` in the preview. Case-insensitive (ASCII) substring matches
 * over each line's text (its spans joined, indent excluded), recomputed
 * whenever the page or the query changes. */
#ifndef BRIEFING_UI_SEARCH_H
#define BRIEFING_UI_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/preview.h"

#define SEARCH_QUERY_SIZE 256

typedef struct {
    size_t line;
    size_t offset;   /* bytes into the line's text */
    size_t length;
} search_match;

typedef struct {
    char query[SEARCH_QUERY_SIZE];
    search_match *matches;        /* malloc'ed, in reading order */
    size_t count;
    size_t capacity;
    size_t current;               /* index of the match n/N stands on */
    unsigned long page_serial;    /* the page the matches were found in */
} search_state;

/* First case-insensitive occurrence of `needle` in text[from, length), or
 * (size_t)-1. An empty needle matches nowhere. */
size_t search_find(const char *text, size_t length, const char *needle, size_t from);

/* Finds every match of s->query in `page`; current becomes the first match
 * on or after line `from_line`. */
void search_run(search_state *s, const preview_page *page, size_t from_line);
/* Moves current forwards or backwards (wrapping); false when no matches. */
bool search_step(search_state *s, bool forward);
void search_clear(search_state *s);
void search_free(search_state *s);

#endif
