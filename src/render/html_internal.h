/* html_internal: what html.c and table_html.c share. Private to render. */
#ifndef BRIEFING_RENDER_HTML_INTERNAL_H
#define BRIEFING_RENDER_HTML_INTERNAL_H

#include "briefing/strbuf.h"
#include "render/table_model.h"

/* The class names the page's <style> block refers to (html.c) and the
 * table markup carries (table_html.c). */
#define HTML_TABLE_CLASS "briefing-table"
#define HTML_STACK_CLASS "briefing-stack" /* too wide for a phone: rows stack there */
#define HTML_LABEL_CLASS "briefing-label"
#define HTML_VALUE_CLASS "briefing-value"
#define HTML_FIRST_CLASS "briefing-first" /* a row's first cell */

/* Text with &, <, >, " and ' as entities: safe in content and attributes. */
void html_append_escaped(strbuf *out, const char *text);

/* A <table> for `t`: inline styles as the base (clients that drop <style>
 * still get a table whose cells wrap and that is never wider than the
 * screen). A table too wide for a phone is a stack table (class
 * HTML_STACK_CLASS): every body cell holds a label naming its column,
 * hidden unless the page's media query stacks the rows on a narrow
 * screen. */
void table_html_write(const table_model *t, strbuf *out);

#endif
