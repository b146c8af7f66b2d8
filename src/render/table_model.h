/* table_model: one GFM pipe table as rows × cells of plain text, the form
 * every renderer draws from (text and preview: table_layout.c; HTML:
 * html.c).
 *
 * The source is the block's raw lines, as `report_table_write` writes them
 * and GitHub reads them:
 *
 *     | Entity | Net burn/month |
 *     | :--- | ---: |
 *     | JADA \| charters | $2,500 |
 *
 * Invariants of a parsed model: row 0 is the header; every row has exactly
 * column_count (>= 1) cells: a short row is padded with "" and a long one
 * cut, as GFM does; a cell is trimmed and unescaped (a backslash before
 * ASCII punctuation is dropped, so "\|" is a '|' inside the cell), never
 * NULL, and lives in the model's arena until table_model_free().
 */
#ifndef BRIEFING_RENDER_TABLE_MODEL_H
#define BRIEFING_RENDER_TABLE_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include <cmark.h>

#include "briefing/arena.h"

typedef enum {
    TABLE_ALIGN_DEFAULT, /* "---": drawn left */
    TABLE_ALIGN_LEFT,    /* ":---" */
    TABLE_ALIGN_CENTER,  /* ":---:" */
    TABLE_ALIGN_RIGHT,   /* "---:" */
} table_align;

typedef struct {
    arena memory;
    size_t column_count;
    size_t row_count; /* the header included */
    table_align *aligns;
    const char **cells; /* row-major, row_count × column_count */
} table_model;

/* Parses `length` bytes of lines ('\n' or "\r\n" ends) into `t`. False, with
 * `t` empty, unless every line starts with '|' (after up to three spaces),
 * there are at least two lines and the second is a delimiter row with as
 * many cells as the header. Stricter than GFM, which also takes rows
 * without the leading pipe: a paragraph that merely mentions a '|' must
 * never turn into a table. */
bool table_model_parse(table_model *t, const char *text, size_t length);
/* The Markdown a cmark document was parsed from; its line starts are
 * indexed the first time a paragraph may be a table. */
typedef struct {
    const char *text;
    size_t length;
    size_t *line_starts; /* malloc'd; table_source_free() */
    size_t line_count;
} table_source;

/* Whether `node` is a table, parsed into `t` if so. Two forms are tables:
 *  - a top-level paragraph whose raw lines (from `source`) are a pipe table:
 *    cmark 0.30 has no table extension and reads one as a paragraph, and
 *    only the raw lines keep its escapes; tables nested in lists or quotes
 *    stay paragraphs;
 *  - a fenced code block whose info string's first word is `table` and whose
 *    content is a pipe table (the form reports used before pipe tables;
 *    any other ```table block stays code). */
bool table_model_from_node(table_model *t, cmark_node *node, table_source *source);
void table_source_free(table_source *source);

const char *table_model_cell(const table_model *t, size_t row, size_t column);
/* How many leading columns name a row, repeated in every column group
 * (text and HTML): up to the first left-aligned one whose body cells are
 * all filled and all different ("Account" whose subtotals are empty, then
 * "Name"; "#", then "Shortfall"); the first column alone when none before
 * the last does. */
size_t table_model_key_columns(const table_model *t);
/* Whether a cell says nothing: empty, or the em dash reports write for
 * "none". Records leave such cells out after a row's first. */
bool table_cell_is_empty(const char *cell);
void table_model_free(table_model *t);

#endif
