/* model: what is on disk about the portfolio, parsed once.
 *
 * A portfolio is read from <root>/agent_handoffs/projects/<id>.md (handoff
 * format v1, docs/handoff-format.md), <root>/repos.env, <root>/recipients.env
 * and <root>/sites/.
 * Everything it points to lives in the portfolio's arena and is released by
 * model_portfolio_free(). Money is integer cents, never floating point;
 * other numbers and percents are integers scaled by MODEL_SCALE.
 *
 * Bad input never aborts: it becomes a diagnostic in `diagnostics` and the
 * rest of the file is still used.
 */
#ifndef BRIEFING_MODEL_H
#define BRIEFING_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "briefing/arena.h"
#include "briefing/diag.h"
#include "briefing/strbuf.h"

#define MODEL_SCALE 1000 /* numbers and percents: 2.5% is 2500, 3,676 is 3676000 */

typedef enum {
    PERIOD_NONE,    /* a one-off or stock amount: "$1,850" */
    PERIOD_WEEK,
    PERIOD_MONTH,
    PERIOD_QUARTER,
    PERIOD_YEAR,
    PERIOD_UNIT,    /* per unit: "/charter", "/job"; see money.unit */
} money_period;

typedef struct {
    int64_t low_cents;   /* equal to high_cents unless a range "$7-9K" */
    int64_t high_cents;
    money_period period;
    const char *unit;    /* singular, lower case, for PERIOD_UNIT: "charter" */
} money;

typedef enum {
    VALUE_TEXT,
    VALUE_MONEY,
    VALUE_NUMBER,  /* scaled by MODEL_SCALE */
    VALUE_PERCENT, /* scaled by MODEL_SCALE: 22% is 22000 */
} value_kind;

typedef struct {
    value_kind kind;
    money money;           /* VALUE_MONEY */
    int64_t scaled;        /* VALUE_NUMBER, VALUE_PERCENT */
    int64_t scaled_high;   /* a number range "3-5": high end; equals scaled otherwise */
} value;

typedef struct item item;
struct item {
    const char *label;     /* text before the first ':' (or the whole bullet) */
    const char *text;      /* the value as written, tags removed; "" if none */
    value value;
    const char **tags;     /* lower case, trimmed: "fixed", "unused", ... */
    size_t tag_count;
    const char *share_of;  /* "2.75% of Lunch service": "Lunch service"; NULL otherwise */
    item *children;        /* nested bullets */
    size_t child_count;
    int line;              /* 1-based line in the handoff */
};

typedef enum {
    SECTION_REVENUE,
    SECTION_EXPENSES,
    SECTION_KPIS,
    SECTION_MARKETING,
    SECTION_TECH,
    SECTION_ASSETS,
    SECTION_RISKS,
    SECTION_ACTIONS,
    SECTION_CLIENTS,
    SECTION_TEAM,
    SECTION_UNKNOWN,       /* kept as text, shown in the CEO inventory */
    SECTION_KIND_COUNT
} section_kind;

typedef struct {
    section_kind kind;
    const char *title;     /* as written in the heading */
    item *items;
    size_t item_count;
    const char *text;      /* paragraphs that are not bullets, joined by "\n\n" */
    int line;
} section;

typedef enum { ENTITY_CORE, ENTITY_ANCILLARY } entity_kind;

typedef struct {
    const char *key;
    const char *value;
    int line;
} field;

typedef struct {
    const char *id;        /* file name without ".md" */
    const char *path;      /* relative to the portfolio root */
    const char *title;     /* "# Title"; the id when missing (with a diagnostic) */
    int title_line;        /* line of "# Title"; 0 when missing */
    entity_kind kind;
    const char *business;  /* fields; NULL when absent */
    const char **domains;
    size_t domain_count;
    const char *status;
    const char *site;      /* path under sites/ */
    const char *owner;
    field *fields;         /* every "- Key: value" before the first "##", known or not */
    size_t field_count;
    section sections[SECTION_KIND_COUNT]; /* known sections by kind; item_count 0 when absent */
    bool has_section[SECTION_KIND_COUNT];
    section *unknown_sections;
    size_t unknown_section_count;
} entity;

/* What the site inspector found in one file of sites/<site>/. */
typedef enum {
    FINDING_HARDCODED_SECRET,  /* excerpt is masked: never the secret itself */
    FINDING_UNAUTHENTICATED_ENDPOINT,
    FINDING_NO_ANALYTICS,      /* an HTML page with no analytics tag */
    FINDING_ANALYTICS,         /* an HTML page with one (which one in excerpt) */
    FINDING_HTTP_LINK,         /* a plain http:// link in a page */
    FINDING_KIND_COUNT
} finding_kind;

/* What leaked on one line, by kind: the site scan's own names, so a report
 * reads kinds and counts, never the English of `leaked`. Invariant: kinds
 * are distinct string literals, each counts[i] ≥ 1, kind_count ≤
 * FINDING_LEAK_KINDS. */
#define FINDING_LEAK_KINDS 8
typedef struct {
    const char *kinds[FINDING_LEAK_KINDS]; /* "database password", in scan order */
    size_t counts[FINDING_LEAK_KINDS];     /* how many of each: two passwords are two */
    size_t kind_count;
} finding_leak;

typedef struct {
    finding_kind kind;
    const char *file;          /* relative to the portfolio root */
    int line;
    const char *excerpt;       /* masked, at most one line */
    const char *leaked;        /* FINDING_HARDCODED_SECRET: what leaked, "database
                                  password", "AWS access key and secret"; else NULL */
    finding_leak leak;         /* the same by kind and count; empty for other kinds */
    bool browser_callers;      /* FINDING_UNAUTHENTICATED_ENDPOINT: a comment of the file
                                  says browsers send to it (page-view events), so no
                                  secret token can be kept by its callers; else false */
} finding;

typedef struct {
    const char *name;          /* directory name under sites/ */
    const char **stack;        /* what it is built with: "Python (AWS Lambda)", "HTML" */
    size_t stack_count;
    size_t file_count;         /* files inspected */
    size_t skipped_count;      /* too large, binary, outside the root */
    finding *findings;
    size_t finding_count;
} site;

typedef struct {
    const char *key;
    const char *value;         /* may be a secret: never print values of *SECRET* keys */
    const char *file;          /* the file as diagnostics name it: "repos.env", the
                                  --env path, "recipients.env" */
    int line;
    const char *unreadable;    /* why the line's value could not be read ("the quoted
                                  value is not closed on this line"), else NULL; then
                                  value is "" and the key is present: what uses it
                                  refuses rather than fall back to another key */
} env_entry;

typedef struct {
    arena arena;
    const char *root;
    const char *settings_path; /* the settings file read: the --env file, or
                                  <root>/repos.env */
    const char *settings_where; /* how "set KEY in ..." messages name it: the
                                  path, and when <root>/repos.env does not
                                  exist, that it does not and how to make it */
    entity *entities;          /* sorted: core first, then ancillary, each by id */
    size_t entity_count;
    site *sites;
    size_t site_count;
    size_t site_capacity;
    env_entry *env;            /* repos.env in file order; later keys override */
    size_t env_count;
    size_t env_capacity;
    diag_list diagnostics;
    /* The settings files (repos.env or the --env file, then recipients.env)
     * are read first, so diagnostics.items[0, settings_diagnostic_count) are
     * theirs: a secret others can read, a NUL in a value. Every command that
     * reads the settings shows these, not only `list`. */
    size_t settings_diagnostic_count;
} portfolio;

/* Reads the portfolio under `root`. Returns NULL only when `root` itself
 * cannot be read (message in `error`); anything wrong inside becomes a
 * diagnostic. */
portfolio *model_portfolio_load(const char *root, char *error, size_t error_size);
/* The same, with `env_file` read instead of <root>/repos.env (NULL: the
 * usual repos.env, optional). Both ways then read <root>/recipients.env if
 * it exists, the recipients the console saved, whose keys win. An
 * `env_file` that cannot be read is an error (NULL, message in `error`). */
portfolio *model_portfolio_open(const char *root, const char *env_file, char *error,
                                size_t error_size);
void model_portfolio_free(portfolio *p);

/* Parses one handoff from memory (tests, and the loader). `path` is used in
 * diagnostics and as the source of the id. */
entity *model_parse_handoff(portfolio *p, const char *path, const char *markdown, size_t length);

/* Parses dotenv text into p->env. */
void model_parse_env(portfolio *p, const char *path, const char *text, size_t length);
/* The last value for `key` in repos.env, or NULL. */
const char *model_env_get(const portfolio *p, const char *key);
/* The entry that value comes from (its file and line), or NULL. */
const env_entry *model_env_find(const portfolio *p, const char *key);

/* Inspects sites/<name> under the root (bounded: skips .git, node_modules,
 * files over 1 MB and links that leave the root). */
site *model_inspect_site(portfolio *p, const char *name);

const entity *model_find_entity(const portfolio *p, const char *id);
const site *model_find_site(const portfolio *p, const char *name);

/* Value parsing, exposed for tests: "$1.2K/month", "$7-9K", "22%", "3,676".
 * Returns false (value left as VALUE_TEXT) when the text is not a figure. */
bool model_parse_value(arena *a, const char *text, value *out);

/* monthly(amount) in cents for the low and high ends, per DESIGN §4: /month
 * x1, /year /12, /quarter /3, /week x52/12, /unit x the entity's
 * "<Unit>s per month" KPI. Returns false when the amount has no period or its
 * unit volume is unknown. Division rounds half away from zero. */
bool model_monthly_cents(const entity *e, const money *m, int64_t *low, int64_t *high);

/* Midpoint of a range, used in sums (rounded half away from zero). */
int64_t model_money_mid(const money *m);

/* KPI lookups: "<Unit>s per month: N" and "Average <unit> price: $X".
 * Case-insensitive; plural forms per English rules ("deliveries"). */
bool model_units_per_month(const entity *e, const char *unit, int64_t *scaled);
bool model_unit_price(const entity *e, const char *unit, int64_t *cents);
/* Rule 5, "A stay of several units": whether `unit` names a stay ("stay",
 * "booking"), and the stays a month of an entity selling `unit`s in stays
 * (KPI `Stays per month`, else `Bookings per month`, beside `<Unit>s per
 * month`, fewer stays than units; false otherwise). */
bool model_is_stay_unit(const char *unit);
bool model_stays_per_month(const entity *e, const char *unit, int64_t *stays_scaled);

/* The section revenue is read from (docs/handoff-format.md rule 1):
 * `## Revenue` when the handoff has one, else `## Clients`. */
section_kind model_revenue_section(const entity *e);
/* Monthly revenue per rule 1: Σ monthly of the top-level items of
 * model_revenue_section() that have a period. False when no line's monthly
 * figure is known. */
bool model_monthly_revenue(const entity *e, int64_t *low, int64_t *high);
/* The base of a percent expense (rule 4), in cents: the monthly figure
 * (midpoint) of the revenue line it names (`3% of Lunch service`), else of
 * the entity's monthly revenue. `line` is the per-unit revenue line the
 * percent also applies to per unit (the named line or the only revenue
 * line), NULL otherwise. False when the base cannot be found. */
bool model_percent_base(const entity *e, const item *it, int64_t *base_cents, const item **line);
/* The same base as its two ends (handoff-format.md rule 4, "A percent moves
 * with its revenue end"): a range's ends take the percent of these, never
 * of the midpoint. */
bool model_percent_base_range(const entity *e, const item *it, int64_t *low_cents,
                              int64_t *high_cents, const item **line);

/* A date tag "YYYY-MM-DD" as days since 1970-01-01; false when `text` is
 * not one. model_item_date() reads the item's first date tag. */
bool model_parse_date(const char *text, int64_t *day);
bool model_item_date(const item *it, int64_t *day);
/* Whether `text` is shaped like a date tag (dddd-dd-dd), valid or not. */
bool model_looks_like_date(const char *text);

/* Items carrying `tag` (case-insensitive). */
bool model_item_has_tag(const item *it, const char *tag);
/* First item in `kind` whose label matches (case-insensitive), or NULL. */
const item *model_find_item(const entity *e, section_kind kind, const char *label);

const char *model_section_name(section_kind kind); /* "Revenue", ... */
const char *model_period_suffix(money_period period); /* "/month", "" ... */

/* `line` (trimmed) into `out` with every secret the site checks look for
 * (AWS access key ids, Stripe live keys, quoted literals assigned to a
 * secret-sounding name, URL passwords) cut to its first four characters
 * and asterisks; true when one was found. For any front end that shows
 * text it did not write (a kept-aside queue message). */
bool model_mask_secrets(const char *line, size_t length, strbuf *out);
/* "two database passwords": `count` of `kind` as the scan names them (the
 * number spelled up to nine); `adjective` ("hard-coded"), when not NULL,
 * goes after the number: "two hard-coded database passwords". */
void model_put_leak_kind(strbuf *what, const char *kind, size_t count, const char *adjective);

#endif
