/* report: one executive report per persona, as pure functions.
 *
 * A report is Markdown (CommonMark) computed from the model alone: no I/O, no
 * clock (the time comes in `report_options.now`), so the same portfolio and
 * options give the same bytes. Every figure comes from the data; where data
 * is missing the report names the field and file to add. Each report ends
 * with a "Data quality" section listing the diagnostics that concern it.
 */
#ifndef BRIEFING_REPORT_H
#define BRIEFING_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "briefing/model.h"
#include "briefing/strbuf.h"

typedef enum {
    PERSONA_CEO,
    PERSONA_CTO,
    PERSONA_CFO,
    PERSONA_CMO,
    PERSONA_CAO,   /* Accounting */
    PERSONA_AUDIT, /* one ancillary entity */
    PERSONA_COUNT
} persona;

typedef struct {
    persona persona;
    const char *id;        /* "ceo" ... "audit": command line and env suffix */
    const char *title;     /* "Chief Financial Officer" */
    const char *short_title; /* "CFO" */
    const char *env_suffix;  /* "CFO": EXEC_REPORT_TO_CFO */
} persona_info;

extern const persona_info report_personas[PERSONA_COUNT];

/* NULL when `id` is not a persona id (case-insensitive). */
const persona_info *report_persona_by_id(const char *id);

/* A report to produce: persona and scope. scope is REPORT_SCOPE_PORTFOLIO
 * (all core entities) or an entity id. */
#define REPORT_SCOPE_PORTFOLIO "portfolio"
typedef struct {
    persona persona;
    const char *scope;
} report_target;

typedef struct {
    time_t now;            /* the report's date; from --now or SOURCE_DATE_EPOCH */
} report_options;

/* The default plan: CEO, CTO, CFO, CMO, CAO x portfolio, then Audit x each
 * ancillary entity in entity order. Returns the count written (at most max). */
size_t report_default_plan(const portfolio *p, report_target *out, size_t max);

/* A portfolio with nothing to report on (no handoff read: an empty or
 * wrong folder) must not produce reports that say "no problems found":
 * false with "no handoffs in ROOT/agent_handoffs/projects ...". */
bool report_portfolio_usable(const portfolio *p, char *error, size_t error_size);

/* Checks that `target` makes sense for `p` (the portfolio has handoffs;
 * entity exists; Audit needs one entity; a portfolio report needs a core
 * entity). Returns false with a message. */
bool report_target_valid(const portfolio *p, const report_target *target, char *error,
                         size_t error_size);

/* Appends the report's Markdown to `out`. */
void report_render(const portfolio *p, const report_target *target, const report_options *options,
                   strbuf *out);

/* "Executive Report: CFO — Portfolio" style subject line, UTF-8. */
void report_subject(const portfolio *p, const report_target *target, const report_options *options,
                    strbuf *out);

/* The CEO report's critical shortfalls for `scope`, ranked as in the report
 * (largest monthly impact first), for the dashboard's kanban cards (seed
 * 001). Urgency is "critical" when the impact is at least a quarter of the
 * scope's gross burn, "high" when at least a twentieth or tagged `high`,
 * "medium" otherwise. Returns the count written (at most max). */
#define REPORT_SHORTFALL_TITLE_MAX 200
typedef struct {
    char title[REPORT_SHORTFALL_TITLE_MAX]; /* "JADA: Off-season gap in bookings" */
    const char *urgency;                    /* "critical", "high" or "medium" */
    long long monthly_impact_cents;         /* -1 when not quantified */
} report_shortfall;

size_t report_top_shortfalls(const portfolio *p, const char *scope, report_shortfall *out,
                             size_t max);

/* Per-persona generators, called by report_render() through a table. Each
 * appends its sections (not the title or Data quality). */
typedef struct report_context report_context;
void report_ceo(const report_context *c, strbuf *out);
void report_cto(const report_context *c, strbuf *out);
void report_cfo(const report_context *c, strbuf *out);
void report_cmo(const report_context *c, strbuf *out);
void report_cao(const report_context *c, strbuf *out);
void report_audit(const report_context *c, strbuf *out);

#endif
