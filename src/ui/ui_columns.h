/* ui_columns: UTF-8 measured in terminal columns (wcwidth), for drawing and
 * wrapping text that render_styled has not laid out (HTML source, .eml). */
#ifndef BRIEFING_UI_COLUMNS_H
#define BRIEFING_UI_COLUMNS_H

#include <stddef.h>

/* How many bytes of `text` fit in `columns` without splitting a character;
 * the columns they take go to `*used` (may be NULL). An invalid byte counts
 * as one column, a control character as two (curses draws it as ^X). Stops
 * at a newline. */
size_t text_fit(const char *text, size_t length, int columns, int *used);

/* As text_fit, cut after a word when the line goes on past the fit and a
 * space is within it (wrapping prose); at least one byte of a non-empty
 * text. Stops at a newline. */
size_t text_fit_words(const char *text, size_t length, int columns);

/* Bytes that cover at least `columns` columns (one more when a wide
 * character straddles the edge), or all of `text`; the columns they take
 * go to `*skipped`. For scrolling sideways. */
size_t text_skip(const char *text, size_t length, int columns, int *skipped);

#endif
