/* html_internal: what html.c and table_html.c share. Private to render. */
#ifndef BRIEFING_RENDER_HTML_INTERNAL_H
#define BRIEFING_RENDER_HTML_INTERNAL_H

#include "briefing/strbuf.h"
#include "render/table_model.h"

/* The class names the page's <style> block refers to (html.c) and the
 * table markup carries (table_html.c). */
#define HTML_TABLE_CLASS "briefing-table"
/* A table too wide for a phone is written twice: */
#define HTML_PHONE_CLASS "briefing-phone"     /* column groups or records, shown by default */
#define HTML_DESKTOP_CLASS "briefing-desktop" /* the whole table, shown on wide screens */
#define HTML_RECORDS_CLASS "briefing-records" /* a phone form of heading | value lines */

/* Text with &, <, >, " and ' as entities: safe in content and attributes. */
void html_append_escaped(strbuf *out, const char *text);

/* The HTML of `t`: one inline-styled <table> when its words fit a phone
 * side by side; otherwise a phone form (HTML_PHONE_CLASS: column groups
 * or records, inline-styled, shown by default) and the whole table
 * (HTML_DESKTOP_CLASS: hidden inline and from Outlook, no cell styles),
 * which the page's min-width media query shows in its place. */
void table_html_write(const table_model *t, strbuf *out);

#endif
