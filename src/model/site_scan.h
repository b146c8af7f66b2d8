/* site_scan: the checks run over one text file of a site. */
#ifndef BRIEFING_SITE_SCAN_H
#define BRIEFING_SITE_SCAN_H

#include <stddef.h>

#include "briefing/model.h"

typedef struct site_walk site_walk;

typedef struct {
    site_walk *walk;
    const char *relative_path;  /* in the portfolio's arena */
} site_scan_context;

/* Looks for secrets, unauthenticated handlers, analytics and http links. */
void site_scan_text(site_scan_context *scan, const char *name, const char *text, size_t length);

/* Adds what the site is built with ("Node.js (AWS Lambda)"), once. `stack`
 * must outlive the portfolio (a string literal). */
void site_add_stack_of(site_scan_context *scan, const char *stack);

/* Records a finding; `excerpt` must already be masked. */
finding *site_add_finding(site_scan_context *scan, finding_kind kind, int line,
                          const char *excerpt);
/* `text` copied into the portfolio's arena (lives as long as the model). */
const char *site_copy(site_scan_context *scan, const char *text);

#endif
