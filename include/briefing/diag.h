/* diag: diagnostics about the input ("file:line: message").
 *
 * Bad input never aborts a run: parsers add a diagnostic and go on. The list
 * is shown in the console's status area and in each report's Data quality
 * section, in the order the problems were found.
 */
#ifndef BRIEFING_DIAG_H
#define BRIEFING_DIAG_H

#include <stddef.h>

#include "briefing/arena.h"

typedef enum { DIAG_WARNING, DIAG_ERROR } diag_severity;

typedef struct {
    diag_severity severity;
    const char *file; /* path relative to the portfolio root */
    int line;         /* 1-based; 0 when the whole file is concerned */
    const char *message;
} diag;

typedef struct {
    diag *items;
    size_t count;
    size_t capacity;
} diag_list;

void diag_add(arena *a, diag_list *list, diag_severity severity, const char *file, int line,
              const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* "file:line: message" (or "file: message" when line is 0) into an arena. */
const char *diag_format(arena *a, const diag *d);

#endif
