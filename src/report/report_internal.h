/* report_internal: what the persona generators share.
 *
 * A report_context is built once per report_render() call: the entities in
 * scope, a scratch arena for the strings of this one report (freed when the
 * report is done), and the list of missing fields the generators noticed,
 * which the Data quality section prints. Generators receive the context as
 * const; the two things they add to (arena, missing list) are reached through
 * pointers, so a generator cannot change the scope.
 *
 * Amounts are integer cents. A range keeps its low and high end and its
 * midpoint; sums add the three separately (DESIGN §4: "a range is shown as a
 * range and its midpoint used in sums").
 */
#ifndef BRIEFING_REPORT_INTERNAL_H
#define BRIEFING_REPORT_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "briefing/arena.h"
#include "briefing/model.h"
#include "briefing/report.h"
#include "briefing/strbuf.h"

/* Percents and numbers in the model are scaled by MODEL_SCALE; 100% is: */
#define REPORT_PERCENT_ONE ((int64_t)100 * MODEL_SCALE)

typedef struct {
    const char **lines; /* "add `X` to the KPIs of", in order noticed */
    const char **paths; /* the files each line is for: "a.md, b.md" */
    size_t count;
    size_t capacity;
    const char **asked;       /* the requests the body made itself (report_ask) ... */
    const char **asked_paths; /* ... and the one file each was for: Data quality skips them */
    size_t asked_count;
    size_t asked_capacity;
    const char **questions; /* "Question: ...", "Note: ...": said once each */
    size_t question_count;
    size_t question_capacity;
} report_missing;

struct report_context {
    const portfolio *portfolio;
    const report_target *target;
    const report_options *options;
    const persona_info *persona;
    const entity **entities; /* in scope, in portfolio order */
    size_t entity_count;
    bool is_portfolio;
    const char *scope_title; /* "Portfolio" or the entity's title */
    arena *arena;            /* this report's scratch strings */
    report_missing *missing;
};

/* Fills `c` for `target`: the entities in scope, strings in `scratch`,
 * notes in `missing`. The caller frees `scratch`. */
void report_context_init(report_context *c, const portfolio *p, const report_target *target,
                         const report_options *options, arena *scratch, report_missing *missing);

/* A monthly (or one-off) amount: low and high end, midpoint for sums. */
typedef struct {
    int64_t low;
    int64_t high;
    int64_t mid;
} report_amount;

/* --- context and missing fields (report_context.c) --- */
/* Records "add `field` to the <section> of <file>" once per report;
 * SECTION_UNKNOWN means the fields before the first "##". */
void report_note_missing(const report_context *c, const entity *e, section_kind section,
                         const char *field);
/* `text` as one CommonMark code span, whatever backticks it holds. */
void report_put_code_span(strbuf *out, const char *text);
/* Appends "- <text>\n" and counts it: sections say "none" when count is 0. */
void report_bullet(strbuf *out, size_t *count, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Records a question about a contradiction in a file, once per report
 * (Data quality's "- Question: ..."). */
void report_note_question(const report_context *c, const char *question);
/* Records a figure a handoff line leaves out, said in its own words with
 * its file:line, once per report (Data quality's "- Missing: ..."), for an
 * ask that is no field of a section (eyes-final12 Z2). */
void report_note_missing_figure(const report_context *c, const char *text);
/* Data quality's "- Note: <file>:<line>: "$0.385/box" is read as
 * $0.39/box (amounts are kept to the cent)", once per amount in scope
 * written finer than the cent (docs/reports.md, Data quality). */
void report_note_rounded_amounts(const report_context *c);
/* The one way a report's body asks for something with its file
 * (docs/reports.md, "Each ask is made once"; eyes-final5b R9): `request`
 * ("add a `## Clients` section to", "add `- Action: $cost (priority)` items
 * under `## Actions` of") is recorded as asked for e's file, so Data quality
 * does not repeat it, and returned as the body's words, "<request> <file>". */
const char *report_ask(const report_context *c, const entity *e, const char *request);
/* The same record for a body line that asks in its own words: field
 * `field` of `section` of e's file ("Cash: $amount" of the Assets; a
 * risk's "add `$X/month` to the risk line" is its "<label>: $X/month"). */
void report_note_asked(const report_context *c, const entity *e, section_kind section,
                       const char *field);
/* A section the body asks for in its own words ("No `## Marketing`
 * section: add one to <file> ..."). */
void report_note_asked_section(const report_context *c, const entity *e, section_kind section);
/* Whether the body asked `request` (or the same field in another spelling)
 * for `path`: Data quality leaves that file out of its line. */
bool report_was_asked(const report_context *c, const char *request, const char *path);
/* The same for every entity in scope: "<request> a.md, b.md". */
#define ACTIONS_ASK "add `- Action: $cost (priority)` items under `## Actions` of"
#define SITE_ASK "add a `Site` field (its site is then inspected) to"
const char *report_ask_scope(const report_context *c, const char *request);
/* Records "add a `## Expenses` section to <file>" once per report. */
void report_note_missing_section(const report_context *c, const entity *e, section_kind section);
/* An arena copy of a printf result, for table cells. */
char *report_format(const report_context *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* --- money and numbers (report_money.c) --- */
/* "$1,850", "$1,850.50", "-$200". */
void report_put_cents(strbuf *out, int64_t cents);
/* "$7,200–$8,900" for a range, "$1,850" otherwise. */
void report_put_amount(strbuf *out, const report_amount *a);
const char *report_cents_text(const report_context *c, int64_t cents);
const char *report_amount_text(const report_context *c, const report_amount *a);
/* One figure, its range in brackets: "$9,199.75/month ($9,151–$9,248.50/month)",
 * or "$1,630/month" when it is no range. `suffix` follows each amount. */
const char *report_figure_text(const report_context *c, const report_amount *a, const char *suffix);
/* An amount with its period (rule 3): "$1,650 one-off", "$49/month",
 * "$1,850/charter", "$14,400/year". */
const char *report_money_text(const report_context *c, const money *m);
/* An item's amount as written, period kept: "2.5% of Poke boxes",
 * "2.9% of revenue", "$1,188/year", "$1,200 one-off"; its text otherwise. */
const char *report_written_amount(const report_context *c, const item *it);
/* A net figure: "surplus $349–$409" when wholly negative, else as amount. */
const char *report_net_text(const report_context *c, const report_amount *a);
const char *report_net_figure_text(const report_context *c, const report_amount *a);
/* report_figure_text and report_net_figure_text in whole dollars: a
 * monthly result in the CFO and CMO (docs/rendering.md). */
const char *report_whole_figure_text(const report_context *c, const report_amount *a,
                                     const char *suffix);
const char *report_whole_net_figure_text(const report_context *c, const report_amount *a);
/* Whether `count` parts (cents), each shown in whole dollars, add to the
 * total shown in whole dollars: else the table's Total row is labelled
 * "Total (rounded)" (docs/rendering.md, "A Total row adds up as printed";
 * eyes-final20 B10). The parts are never re-rounded to foot. */
bool report_whole_parts_foot(const int64_t *parts, size_t count, int64_t total);
/* "Sandpiper Beach Rentals'" for a name ending in s, else "JADA's": the
 * one possessive every "%s's" of the reports goes through (eyes-final G31). */
const char *report_possessive(const report_context *c, const char *name);
/* Whole dollars, grouped: "$16,848", "-$1,344" — a prose figure whose inputs
 * carry ranges or that stands for a count (reports.md, "Whole dollars"). */
const char *report_dollars_text(const report_context *c, int64_t cents);
/* A value scaled by MODEL_SCALE: "3,676", "2.5". */
const char *report_scaled_text(const report_context *c, int64_t scaled);
/* A percent scaled by MODEL_SCALE, to 0.1%: "22%", "2.5%", "73.3%". */
const char *report_percent_text(const report_context *c, int64_t scaled);
/* An estimate (the blast model) rounded for display: three significant
 * figures, never finer than a whole dollar ($10,200.90 -> $10,200). */
int64_t report_round_estimate(int64_t cents);
/* "$10,200–$43,500": both ends rounded by report_round_estimate. */
const char *report_estimate_text(const report_context *c, int64_t low, int64_t high);
/* a * b / d rounded half away from zero, without overflow for report sizes. */
int64_t report_muldiv(int64_t a, int64_t b, int64_t d);
/* base × Π factors ÷ divisor (divisor > 0), rounded half away from zero;
 * the product is kept in 128 bits, so no precision is lost on the way. */
int64_t report_product_div(int64_t base, const int64_t *factors, size_t count, int64_t divisor);
/* ceil(a / b) for a >= 0, b > 0. */
int64_t report_ceil_div(int64_t a, int64_t b);
int64_t report_midpoint(int64_t low, int64_t high);
report_amount report_amount_of(int64_t low, int64_t high);
void report_amount_add(report_amount *sum, const report_amount *a);
report_amount report_amount_minus(const report_amount *a, const report_amount *b);

/* --- figures from the model (report_figures.c) --- */
/* The monthly amount of a money item (DESIGN §4 monthly()), or of a
 * percent `## Expenses` line (rule 4: its share of its base); notes the
 * missing "<Unit>s per month" KPI when a per-unit volume is unknown. False for
 * items that are not periodic money or a percent expense with a base. */
bool report_item_monthly(const report_context *c, const entity *e, const item *it,
                         report_amount *out);
/* The one-off amount of a money item ("$300"), false otherwise. */
bool report_item_amount(const item *it, report_amount *out);
/* Σ monthly over a section's items (children included), only those tagged
 * `tag` when tag is not NULL. */
report_amount report_section_monthly(const report_context *c, const entity *e, section_kind kind,
                                     const char *tag);
/* Σ over the entities in scope. */
report_amount report_scope_monthly(const report_context *c, section_kind kind, const char *tag);

/* Revenue of an entity (rule 1): Σ monthly of the top-level `## Revenue`
 * items, or of the `## Clients` fees when there is no Revenue section. */
report_amount report_entity_revenue(const report_context *c, const entity *e);
/* " (from `## Clients`: no `## Revenue` section)" when rule 1 reads the
 * revenue from Clients, "" otherwise: reports showing revenue say so. */
const char *report_revenue_source(const entity *e);
report_amount report_entity_burn(const report_context *c, const entity *e);
/* An entity's expenses as a range alone (handoff-format.md rule 4, "an
 * expenses range alone", eyes-final21 C9): the burn with each percent
 * taken at the low % of its base's low end and the high % of its base's
 * high end, so the range holds every outcome; the midpoint is the burn's.
 * Every report showing an entity's or a scope's expenses range (CFO burn
 * table, Audit "Expenses") calls this, never report_entity_burn's ends.
 * report_expense_widening is one line's share of that widening ({0} but
 * for a percent; its midpoint is 0), for sums of some lines (variable). */
report_amount report_entity_expenses(const report_context *c, const entity *e);
report_amount report_expense_widening(const entity *e, const item *it);
/* Revenue − gross burn, and gross burn − revenue, whose ends are two
 * scenarios (handoff-format.md, the Formulas and rule 4): low revenue with
 * its own percent fees and the high costs, high revenue with its fees and
 * the low costs; the midpoint is revenue's less the burn's. Sum these over
 * entities for a scope's range (each end is one scenario for all). */
report_amount report_entity_surplus(const report_context *c, const entity *e);
report_amount report_entity_net_burn(const report_context *c, const entity *e);
/* Whether the handoff states its revenue (Revenue or Clients section) and
 * its expenses; a missing section is noted, never read as $0. */
bool report_entity_states_revenue(const report_context *c, const entity *e);
bool report_entity_states_expenses(const report_context *c, const entity *e);
/* The entity's `## Expenses` item with the largest monthly midpoint (the
 * first of equals), its monthly figure in `monthly`; NULL when no expense
 * has a monthly figure. The lever named where a net burn has no units to
 * sell (CEO revenue gap, CFO decision, Audit recommendation). */
const item *report_entity_largest_cost(const report_context *c, const entity *e,
                                       report_amount *monthly);

/* Cash of an entity (rule 6): one-off `## Assets` amounts labelled `Cash`
 * or `Cash reserve`, or tagged `cash`. False when none is stated. */
bool report_entity_cash(const entity *e, int64_t *cents);

/* Runway of one entity (rule 6): each business's cash is its own. */
typedef struct {
    bool has_cash;
    int64_t cash;     /* cents, when has_cash */
    int64_t net_burn; /* burn − revenue midpoint; ≤ 0: not drawn down */
    int64_t months;   /* floor(cash ÷ net burn), when burning with cash */
} report_runway;

void report_entity_runway(const report_context *c, const entity *e, report_runway *out);
/* The runway of `e` after a one-off spend of `spend` cents (docs/reports.md,
 * CFO capital tiers, "A one-off at a business that burns", eyes-final20 B1):
 * floor((cash − spend) ÷ net burn), 0 when the spend takes all its cash;
 * `before` gets today's runway. False unless `e` burns and states its cash.
 * The CFO's tier line and Accounting's "after these steps" call it. */
bool report_runway_after_spend(const report_context *c, const entity *e, int64_t spend,
                               report_runway *before, int64_t *months_after);
bool report_entity_burning(const report_context *c, const entity *e, report_runway *out);
/* "2 months (to about Feb 2027)": the report date's month + months. */
const char *report_runway_months_text(const report_context *c, int64_t months);
/* "about Feb 2027": the month the cash of a `months` runway ends. */
const char *report_runway_end_text(const report_context *c, int64_t months);
/* The cash line of a runway: "$8,000, **2 months (to about Feb 2027)** at
 * the $3,819/month net burn", "$12,000, not being drawn down", "not stated". */
const char *report_runway_text(const report_context *c, const report_runway *r);
bool report_item_is_cash(const item *it);

/* Savings on tech spend (CTO, accounting): expense items tagged `unused`,
 * and labels repeated across the entities in scope (all but the dearest
 * copy can go). */
typedef struct {
    const entity *entity;
    const item *item;
    report_amount monthly;
    const char *reason; /* "unused", "duplicate of <entity>" */
} report_saving;

typedef struct {
    report_saving *items;
    size_t count;
    size_t capacity;
    report_amount total;
} report_savings;

void report_find_savings(const report_context *c, report_savings *out);
/* The savings of the entities in scope, a duplicate judged across the
 * group (the core entities and those in scope), as the portfolio reports
 * judge it: the Audit's one business finds the copy another business
 * keeps (docs/reports.md, Audit rule 7; eyes-final19 A2b). */
void report_find_group_savings(const report_context *c, report_savings *out);

/* Unit economics of an entity selling units ("/charter"): the first per-unit
 * Revenue line gives the unit. */
typedef struct {
    const char *unit; /* "charter" */
    bool has_price;
    int64_t price;          /* cents, KPI "Average <unit> price" */
    report_amount variable; /* per unit: expenses per that unit (not tagged fixed),
                               percents of its price (rule 4) and costs per stay
                               spread over the stay's units (the Formulas) */
    report_amount stay_share; /* the part of `variable` that is costs per stay:
                                 the blast model adds them per stay (rule 5) */
    int64_t price_share;      /* Σ rate of the percents of the unit's price (midpoint,
                                 scaled by REPORT_PERCENT_ONE): they scale with the price */
    int64_t price_share_cost; /* their cents per unit at today's price, inside variable.mid */
    report_amount fixed;    /* the Formulas' one fixed cost: every other monthly
                               expense (gross burn − the per-unit costs) */
    int64_t other_revenue;  /* revenue not priced per this unit, per month, ≥ 0 */
    bool has_volume;
    int64_t volume_scaled;    /* KPI "<Unit>s per month" */
    bool reachable;           /* price − variable (midpoint) > 0 */
    int64_t margin;           /* price − variable midpoint, per unit */
    int64_t break_even_units; /* ceil((fixed.mid − other_revenue) / margin), ≥ 0,
                                 when reachable */
} report_unit_economics;

/* False when the entity sells no per-unit line; notes missing KPIs. */
bool report_unit_economics_of(const report_context *c, const entity *e, report_unit_economics *out);
/* Break-even's split of one expense (handoff-format.md, Formulas,
 * "variable costs and fixed cost"): for a per-unit entity (a per-unit
 * Revenue line with its volume and price KPIs) the part paid with each
 * unit — priced per the unit, a percent of its price, a cost per stay
 * spread over the stay's units — and the monthly part left in the fixed
 * cost (a percent's share of the other revenue, every other cost); for any
 * other entity its expenses tagged `variable` and its percents not tagged
 * `fixed` are variable, every other one is in the fixed cost. Invariant:
 * per_unit × units + overhead is the line's monthly figure, up to the
 * rounding of per_unit to the cent. */
typedef struct {
    bool variable;          /* break-even counts it, or a part of it, as variable */
    report_amount per_unit; /* per-unit entity: its cost per unit sold, else 0 */
    bool per_stay;          /* per_unit is a cost per stay spread over its units */
    report_amount overhead; /* monthly, inside break-even's fixed cost; 0 when none */
    int64_t price_share;    /* a percent of the unit's price: its rate (midpoint, scaled by
                               REPORT_PERCENT_ONE), whose per_unit grows with the price; 0 else */
} report_break_even_part;
void report_break_even_part_of(const report_context *c, const entity *e, const item *it,
                               report_break_even_part *out);
/* The author's split (Formulas, "fixed or variable, as the author wrote
 * it"): variable when tagged `variable`, priced per a unit or a percent,
 * and not tagged `fixed`. The one classification every report that labels
 * a cost uses (CFO split and Kind, Accounting's 5000/6000 accounts). */
bool report_cost_is_variable(const item *it);
/* The unit of a per-unit entity's break-even (its first per-unit Revenue
 * line with volume and price KPIs), NULL for any other entity. */
const char *report_break_even_unit(const entity *e);
/* Σ monthly (midpoint) of the entity's revenue lines priced per `unit`. */
int64_t report_unit_revenue(const report_context *c, const entity *e, const char *unit);
/* Revenue of the break-even units before rounding up (reachable u):
 * other revenue + price × (fixed − other revenue) ÷ margin. */
int64_t report_unit_break_even_revenue(const report_unit_economics *u);

/* Money received ahead beside units sold (handoff-format.md, "Money
 * received ahead beside units sold"; eyes-final18 W2b, W3): a per-unit
 * entity's monthly Revenue lines received ahead of earning, the ones Data
 * quality asks may already be inside the units sold. Its break-even and
 * cash flow rest on them, so every report that says either gives both.
 * Invariant: 0 < ahead ≤ u.other_revenue; fees ≤ the fixed cost they are
 * inside; units_alone ≥ u.break_even_units. */
typedef struct {
    report_unit_economics u;
    int64_t ahead;       /* Σ monthly midpoints of those lines, cents */
    int64_t fees;        /* the percent fees charged on them (of all revenue or of the line) */
    int64_t units_alone; /* ceil((fixed − fees − (other revenue − ahead)) ÷ margin), ≥ 0,
                            when u.reachable: the break-even on units alone */
    const char *lines;   /* their labels: "Annual prepaid plans" */
} report_ahead_units;
/* False unless `e` sells units with a price and a volume beside such lines. */
bool report_ahead_beside_units(const report_context *c, const entity *e, report_ahead_units *out);
/* The cash flow without that money: flow − ahead + fees (Tidebox: $4,221 −
 * $2,400 + $72 = $1,893). */
int64_t report_ahead_flow_without(const report_ahead_units *a, int64_t flow);
/* " (281 counting the $2,400 received ahead)": said after the units alone. */
const char *report_ahead_counted_text(const report_context *c, const report_ahead_units *a);
/* Both readings of one figure: "<on_top> if the $2,400 of Annual prepaid
 * plans is on top of the 650 kits; <inside> if those kits include it
 * (confirm with Priya Shah)" -- the Audit's cash flow, the CEO's "makes". */
const char *report_ahead_either_text(const report_context *c, const entity *e,
                                     const report_ahead_units *a, const char *on_top,
                                     const char *inside);

/* Rule 5 (handoff-format.md), a subscription: a KPI naming a churn, or
 * `Customer lifetime` -- even while its value is `(missing)`. The CMO's
 * blast, Accounting's recognition and the Audit's capacity read it. */
#define REPORT_LIFETIME_KPI "Customer lifetime"
bool report_entity_is_subscription(const entity *e);
/* The one per-unit business whose sales close a burning scope, in whole
 * units (docs/reports.md, Revenue targets; eyes-final4 P13): "3 more JADA
 * charters a month close the group's $1,793 burn; 4 make JADA itself break
 * even". Invariant: scope_burn > 0, u.margin > 0, scope_units =
 * ceil(scope_burn ÷ margin), own_units = ceil(own_burn ÷ margin). */
typedef struct {
    const entity *entity;
    report_unit_economics u;
    int64_t scope_burn, own_burn; /* cents a month */
    int64_t scope_units, own_units;
} report_unit_lever;
/* False unless the scope burns and exactly one burning entity sells units
 * at a positive margin (with a price), its own burn at least the scope's. */
bool report_units_to_close(const report_context *c, report_unit_lever *out);
/* Whether `label` has `name` as a whole word ("Subscriber churn" names
 * "churn"), case-insensitive. */
bool report_names_word(const char *label, const char *name);
/* The monthly churn KPI given as a percent (`Subscriber churn: 6%`), NULL
 * when none is: the entity is a subscription (handoff-format.md rule 5). */
const item *report_churn_kpi(const entity *e);
/* The units sentence of `more` units to add (handoff-format.md, Formulas):
 * "sell 57 more plans a month", or for a subscription, whose units are a
 * stock, "grow to 237 paying subscriptions (+57 net; about 7 a month cancel
 * at 4% churn)". Every report says it through this one function. */
const char *report_units_to_add_text(const report_context *c, const entity *e,
                                     const report_unit_economics *u, int64_t more);
/* `scaled` units of `e` as a report counts them (handoff-format.md, "A
 * subscription's break-even is a stock"; eyes-final12 Z17): a subscription
 * holds "237 paying subscriptions", never "237 plans a month"; every other
 * per-unit entity sells "237 plans a month". */
const char *report_units_held_text(const report_context *c, const entity *e, const char *unit,
                                   int64_t scaled);
/* The fixed cost one unit carries at today's volume (u has a volume > 0):
 * (fixed − other revenue) ÷ units per month, rounded half away from zero
 * to the cent (never up: only the floor is; eyes-final12 Z12), $0
 * when other revenue covers it. The CFO's price floor and the Audit's
 * margin per unit both use it (rule 6). */
int64_t report_fixed_cost_per_unit(const report_unit_economics *u);
/* Rule 6's price floor (handoff-format.md, "price floor"; eyes-final8 V7):
 * the price p at which today's units cover every cost, a percent of the
 * price growing with p: (variable cost per unit without those percents ×
 * units + fixed cost − other revenue, ≥ 0) ÷ (units × (1 − their rate)),
 * rounded up to the cent once. False without a price and a volume > 0, or
 * when the percents take the whole price. The CFO's guardrails and the
 * Audit's margin per unit both say it. */
bool report_price_floor(const report_unit_economics *u, int64_t *floor);
/* Whether rounding the floor up to the cent changed it (not a whole cent
 * before): the floor's line then says "rounded up to the cent" once
 * (handoff-format.md rule 6; eyes-final12 Z12). */
bool report_price_floor_rounded_up(const report_unit_economics *u);
/* Rule 6's floor with a platform's commission `rate` (scaled percent) as
 * a percent of the price, in place of the fee `replaced` it would not pay
 * (0: added to the other percents), and the cash one unit sold there still
 * brings at today's price (reports.md CMO, OTA order; eyes-final13 Q7).
 * False as report_price_floor. */
bool report_price_floor_at_fee(const report_unit_economics *u, int64_t replaced, int64_t rate,
                               int64_t *floor, int64_t *cash);
/* u's percents of the price as written, to the digit the handoff gives
 * ("2.75%", not report_percent_text's "2.8%"): a hand check divides by it. */
const char *report_price_share_text(const report_context *c, const report_unit_economics *u);

/* "1 charter", "6 charters", "2.5 charters" for a count scaled by MODEL_SCALE. */
const char *report_unit_count(const report_context *c, const char *unit, int64_t scaled);
/* "charter" -> "Charters" (capitalised English plural). */
const char *report_unit_plural(const report_context *c, const char *unit, bool capital);
/* Every item of a section, children after their parent, in order. */
typedef void report_item_visitor(const report_context *c, const entity *e, const item *it,
                                 void *user);
void report_each_item(const report_context *c, const entity *e, section_kind kind,
                      report_item_visitor *visit, void *user);
/* One item of an entity in scope, for lists sorted across entities. */
typedef struct {
    const entity *entity;
    const item *item;
    int rank;     /* priority: 0 high, 1 medium, 2 low, 3 none */
    size_t order; /* position in the scope, for stable ties */
} report_entry;

/* The top-level items of `kind` in every entity in scope (only those tagged
 * `tag` unless NULL), by priority, then in scope order. Arena-owned. */
size_t report_collect_items(const report_context *c, section_kind kind, const char *tag,
                            report_entry **out);
/* An action costing $0 moves no money: the CFO's tiers and Accounting's
 * roadmap name such actions in one line, never as rows. */
bool report_action_costs_nothing(const item *it);
/* An action of `e` that costs $0 and sends no blast with a cost per send:
 * a blast action costs what a send costs, whatever its line says
 * (report_blast_sent_cost; eyes-final12 Z3). */
bool report_action_is_free(const report_context *c, const entity *e, const item *it);
/* "Rotate the key (Lumen), Claim the profile (Harbor)": the free actions of
 * `actions` (report_action_is_free), how many in `count`; "" when none. */
const char *report_no_cost_actions(const report_context *c, const report_entry *actions,
                                   size_t action_count, size_t *count);
/* 0 high, 1 medium, 2 low, 3 none: for sorting. */
int report_item_priority_rank(const item *it);
const char *report_item_priority(const item *it);

/* "northbeam.md": the handoff's file name without its folder, as a
 * row's line reference says it. */
const char *report_file_name(const entity *e);
/* Whether an `## Expenses` line pays people: its label holds a word of
 * Accounting's 6010 Payroll and contractors (salary, wage, staff,
 * contractor, consultant, associate, ...); the Audit's who-does-the-work
 * line reads the same words (docs/reports.md, Capacity; Y7). */
bool report_expense_pays_people(const item *it);

/* --- the gap sentence (report_gap.c) --- */
/* " (1 expense line unreadable, left out: quickdumpnow.md:19)": the
 * scope's `## Expenses` lines whose amount holds a digit but is no money
 * or percent the model reads, which every sum leaves out; "" when none
 * (Accounting's headline and the gap sentence; eyes-final8 V13, X3). */
const char *report_unreadable_expenses_text(const report_context *c);
/* "Revenue $R − costs $G = net burn $N a month: <who burns, who makes>.
 * Closing it needs ..." (docs/reports.md, "The gap sentence"). Nothing
 * when no entity in scope states expenses. */
void report_put_gap_sentence(const report_context *c, strbuf *out);
/* reports.md CEO, "Outside the group's figures" (fixT 6), portfolio scope:
 * "Outside the group's figures: Pelican Charters (ancillary) burns
 * $160/month; Anchor Bookkeeping (ancillary) makes $340/month.", each
 * ancillary entity's net as the CFO's Ancillary entities table has it
 * (report_entity_burn − report_entity_revenue); nothing without one. */
void report_put_ancillary_sentence(const report_context *c, strbuf *out);
/* Monthly variable costs of an entity (midpoint), the Formulas' one
 * definition, as in the CFO's cost split. */
int64_t report_entity_variable_costs(const report_context *c, const entity *e);
/* The revenue that covers the costs (the CFO's Revenue targets): for a
 * per-unit entity `e` the revenue of its break-even units, else
 * (gross − variable) × revenue ÷ (revenue − variable), as costs that move
 * with revenue grow with it; `e` NULL for a sum of entities. False when no
 * revenue covers them (variable costs take it all). */
bool report_break_even_revenue_of(const report_context *c, const entity *e, int64_t revenue,
                                  int64_t gross, int64_t variable, int64_t *break_even);
/* How much more revenue a month closes the burn of `e` (NULL: the whole
 * scope): break-even revenue − revenue, the one figure every report says
 * (handoff-format.md, "CEO shortfalls"); `break_even` may be NULL. False
 * when not reachable. */
bool report_revenue_to_break_even(const report_context *c, const entity *e, int64_t *more,
                                  int64_t *break_even);
/* Rule 6's room for new fixed costs and price cuts in the scope: surplus −
 * 10% of revenue, $0 when under it (the CFO's guardrail; Accounting's
 * roadmap names it). */
int64_t report_scope_room(const report_context *c);
/* Rule 6's surplus target of the scope in whole dollars (cents): 10% of its
 * revenue from outside the group, the money its businesses pay each other
 * left out (handoff-format.md rule 6; eyes-final18 W4); `inside` (may be
 * NULL) gets that money, whole dollars, 0 in a scope of one business. One
 * figure for the CFO and the CEO's gap sentence. */
int64_t report_scope_surplus_target(const report_context *c, int64_t *inside);
/* The same room once the scope's surplus has changed by `surplus_change`
 * cents a month (Accounting's roadmap, after its steps; eyes-final5a Q6). */
int64_t report_scope_room_after(const report_context *c, int64_t surplus_change);
/* An off-season business, read from its `Status` (handoff-format.md,
 * Parts): "Off-season until April". Invariant: month is 1..12 when
 * named, 0 when the Status names no month; until_months counts from the
 * report date's month to it (0 when unnamed). */
typedef struct {
    int month;
    const char *month_name; /* "April", NULL when unnamed */
    int64_t until_months;
} report_season;
bool report_entity_off_season(const report_context *c, const entity *e, report_season *out);
/* A risk that names the entity's revenue gap (handoff-format.md "CEO
 * shortfalls": tagged `gap`, or its label says gap, shortfall, lost revenue
 * or bookings): the same money the net burn measures, counted once. */
bool report_risk_is_revenue_gap(const item *it);
/* handoff-format.md, "Risk cost" (eyes-final6a T7/T13): a risk that names
 * lost revenue -- a revenue gap's words, or "slowdown", "fewer", "lower",
 * "drop" -- is measured at today's margin. */
bool report_risk_names_lost_revenue(const item *it);
/* What losing `amount` cents/month of revenue takes from `e`'s result:
 * amount × (revenue − variable costs) ÷ revenue, never below 0; the amount
 * itself when `e` states no revenue. */
int64_t report_lost_revenue_cost(const report_context *c, const entity *e, int64_t amount);
/* What a `## Risks` item of `amount` cents/month would take from `e`'s
 * result each month: at today's margin when it names lost revenue, else
 * its amount. The one measure for the CEO risk rows and the CFO guardrails. */
int64_t report_risk_cost(const report_context *c, const entity *e, const item *risk,
                         int64_t amount);
/* handoff-format.md, "Risk cost", the guard (eyes-final8 V1): the revenue
 * a lost-revenue risk can come from -- for a per-unit entity whose risk
 * label names bookings, sales or its unit, its per-unit lines' revenue
 * ("its rentals"), else its whole revenue ("its revenue") -- and whether
 * `amount` is more than it. False for any other risk and for an entity
 * with no revenue stated. report_risk_cost is $0 then. */
bool report_risk_over_revenue(const report_context *c, const entity *e, const item *risk,
                              int64_t amount, int64_t *revenue, const char **source);
/* The handoff's gap set against the figures (handoff-format.md, "CEO
 * shortfalls"; one wording for the CEO's row and the CFO's guardrails):
 * "more than the $1,000/month its rentals bring in; ask Tom Reyes what it
 * measures" when the guard holds, else against today's loss `loss`
 * (cents > 0): "$310 more than the figures' loss; ask Tom Reyes which
 * holds", "… less …", "the same as the figures' loss". */
const char *report_gap_estimate_text(const report_context *c, const entity *e, const item *risk,
                                     int64_t amount, int64_t loss);
/* The guard's clause alone, NULL when the amount fits its revenue. */
const char *report_risk_over_revenue_text(const report_context *c, const entity *e,
                                          const item *risk, int64_t amount);
/* handoff-format.md, "Risk cost" (fixR U2/U3/S9): the one `## Expenses`
 * line with a period a risk names (a word of its label, or its own tag
 * such as `tech`); NULL when it names none or several. */
const item *report_risk_expense_line(const entity *e, const item *risk);
/* A `## Risks` item's monthly amount: as written, else priced from the one
 * expense line whose change it names ("double", "triple", "N%" rise), with
 * *priced (when not NULL) its words: "$149/month more if Course platform
 * ($149/month, quillwork.md:11) doubles", NULL when written. False when
 * neither: the risk is asked. CEO risk rows, CFO guardrails, Audit. */
bool report_risk_monthly(const report_context *c, const entity *e, const item *risk,
                         report_amount *a, const char **priced);
/* reports.md, "A risk marked not quantified" (Q12, R8): an accounts risk
 * naming one client whose monthly fee the file gives is quantified as that
 * fee: "Pelham Contractors' fee, $3,000/month (marlow-legal.md:24)", and
 * *monthly its cents; a single-point risk (R10) as the entity's whole
 * revenue: "all of JADA's revenue, $3,700/month (jada.md:11)"; NULL when
 * the file does not answer it. */
const char *report_risk_fee_text(const report_context *c, const entity *e, const item *risk,
                                 int64_t *monthly);
/* reports.md, "A risk that the business rests on one thing" (R10):
 * "Single vessel", "Sole supplier", "Only one guide", "Key person". */
bool report_risk_is_single_point(const item *risk);
/* Whether `label` has a word starting with `word` (case-insensitive, at a
 * word's start: "guide" is in "Train a second guide", not in "misguided"). */
bool report_label_names(const char *label, const char *word);
/* Whether `label` names one of `count` `words`, as report_label_names. */
bool report_label_names_any(const char *label, const char *const *words, size_t count);
/* reports.md, Audit rule 9 (eyes-final5a Q11, fixA U7/S8): whether `action`
 * is about `risk` -- a risk naming lost revenue (a gap, a slowdown:
 * report_risk_names_lost_revenue) met by a revenue action, any other risk
 * by an action sharing a word of four letters or more with its label. */
bool report_action_answers_risk(const item *action, const item *risk);
/* Whether `label` names a word of `text` four letters or longer that is not
 * a common one ("with", "without", "month", ...): the one test of "about
 * the same thing" (Audit rule 9). */
bool report_label_shares_a_word(const char *label, const char *text);
/* Whether `action` brings revenue: tagged `revenue`, `seo` or `marketing`,
 * or its label lists, sells, launches, promotes, books, prices or
 * advertises (reports.md, Audit rules 9 and 10). */
bool report_action_brings_revenue(const item *action);
/* A `## Risks` item without an amount: the one question that would quantify
 * it, with the field and file:line ("what do those accounts pay a month?
 * add `$X/month` to the risk line, tallyhq.md:48"), its field asked once in
 * Data quality; NULL when the risk has an amount (reports.md, CEO, "A risk
 * marked not quantified asks once"). CEO and Audit. */
const char *report_risk_question(const report_context *c, const entity *e, const item *risk);
/* The Audit's Risks cell: "<label>: <text>", then "; not quantified:
 * <question>" when report_risk_question asks one. */
const char *report_risk_asked(const report_context *c, const entity *e, const item *risk);
/* What an off-season business whose cash ends before its season must find
 * (docs/reports.md, CEO headline 3; check17 E2): "it needs about $540 more
 * to reach May: 5 months × $608 against $2,500" — months to the season's
 * month × net burn − cash, up to the next $10. NULL when the entity is not
 * off-season until a named month, does not burn, states no cash, or its
 * cash lasts to the season. The CEO decision and the Audit read it. */
const char *report_season_funding_text(const report_context *c, const entity *e);
/* The same without the sums in brackets, for the CEO's decision (reports.md,
 * CEO headline 3): "it needs about $600 more to reach May if it keeps
 * selling 20 lessons a month, about $4,100 if they stop". */
const char *report_season_funding_brief_text(const report_context *c, const entity *e);
/* The amount of report_season_funding_text, in cents up to the next $10,
 * with the season and runway it comes from; false when it says NULL. */
bool report_season_funding_need(const report_context *c, const entity *e, int64_t *need,
                                report_season *season, report_runway *r);
/* The days `r`'s cash lasts from the report date (reports.md, "One date per
 * action", eyes-final21 C2): cash ÷ net burn in months of 365/12 days,
 * whole days down; -1 when it states no cash or does not burn. */
int64_t report_cash_out_days(const report_runway *r);
/* `sep` and that text, or nothing when it is NULL (the Audit's rule 2). */
/* A business in season selling fewer units than it has, in the Audit's
 * words (docs/reports.md, CEO Shortfalls; check17 E6): "sell the 150
 * mugs/month still available: at the $20.50 contribution, up to
 * $3,075/month". NULL without a per-unit line with price, volume, a
 * positive margin and `<Unit>s available per month` above the volume, or
 * off-season. The Audit's recommendation and the CEO read it. */
const char *report_spare_capacity_text(const report_context *c, const entity *e);
void report_put_season_funding(const report_context *c, const entity *e, const char *sep,
                               strbuf *out);
/* "off-season until April" or "off-season". */
const char *report_season_text(const report_context *c, const report_season *s);

/* --- what sits below Accounting's operating result (report_cao.c) --- */
/* handoff-format.md, "A loan's principal is not a loss" (eyes-final8 V3):
 * an entity's monthly loan payments (the chart's 2500), the cash it takes
 * in ahead of earning (2400 received) and its operating result, revenue −
 * ahead − (gross burn − loan), midpoints in cents. */
typedef struct {
    int64_t loan;      /* loan payments in the gross burn, ≥ 0 */
    bool principal;    /* the handoff splits their interest out */
    int64_t ahead;     /* deferred revenue received a month, ≥ 0 */
    int64_t operating; /* Accounting's operating result */
} report_operating;
void report_entity_operating(const report_context *c, const entity *e, report_operating *out);
/* "loan principal", or "loan payments" when the interest is not split. */
const char *report_loan_words(const report_operating *o);
/* Why a business with an operating profit is short of cash: its loan
 * (reports.md, CEO Shortfalls; eyes-final14 R4): "the $500/month of loan
 * payments take more than the $92.50 operating profit", or `short_form`
 * "the loan payments take more than the operating profit" beside a clause
 * that says the amounts. NULL when it has no loan or loses money before it. */
const char *report_loan_cause_text(const report_context *c, const entity *e, bool short_form);
/* "operating profit $89.50", "operating loss $740". */
const char *report_operating_text(const report_context *c, const report_operating *o);
typedef enum { REPORT_LOSS_CLAUSE, REPORT_LOSS_NOUN, REPORT_LOSS_WORD } report_loss_form;
/* The one wording of a net burn of `net` cents: "loses $331/month" and
 * "$331/month loss", or where the burn holds loan payments "is short
 * $331/month in cash after $420/month of loan principal (operating profit
 * $89.50)" and "$331/month cash shortfall"; the word alone, "loss" or
 * "cash shortfall" (REPORT_LOSS_WORD). */
const char *report_loss_text(const report_context *c, const entity *e, int64_t net,
                             report_loss_form form);

/* --- revenue received ahead of earning (report_revenue.c) --- */
/* The CEO's and CFO's headline revenue (docs/reports.md, CEO headline 1;
 * eyes-final8 V2): "$62,200/month", or "$62,200/month in cash ($59,400
 * earned; $2,800 of Prepaid plans (Tidebox Snack Club) received ahead of
 * earning)" when some is deferred, naming its lines (eyes-final15 S3). */
const char *report_revenue_cash_text(const report_context *c, int64_t revenue);
/* Its entity form, the same writer (docs/reports.md, Audit headline;
 * eyes-final16 T1): "$25,800/month in cash ($23,400 earned; $2,400
 * received ahead of earning: Annual prepaid plans)", to the cent. */
const char *report_entity_revenue_cash_text(const report_context *c, const entity *e,
                                            int64_t revenue);
/* A revenue line received ahead of earning (deferred, prepaid, a gift card):
 * monthly, 2400 received; one-off, owed to customers until earned. */
bool report_revenue_received_ahead(const entity *e, const item *it);
/* The same, recurring only (a period): Accounting's 2400 received a month. */
bool report_revenue_ahead_monthly(const entity *e, const item *it);
/* report_revenue_ahead_monthly with its monthly amount in `m`. */
bool report_revenue_ahead_amount(const report_context *c, const entity *e, const item *it,
                                 report_amount *m);
/* When a line paid before it is earned is earned ("when redeemed"), or
 * NULL: docs/reports.md's deferral table, or a `deferred`/`prepaid` tag. */
const char *report_revenue_deferral(const item *it);
/* A line of rule 1 (docs/reports.md, Revenue recognition): not an invoice
 * nested under a client, nor a one-off Clients amount. */
bool report_revenue_line(const entity *e, const item *it);

/* --- fees between the group's businesses (report_cao.c) --- */
/* The payer's `## Expenses` line of the monthly amount `fee` (cents) it pays
 * another business of the group, NULL when its handoff has none: the test
 * of Accounting's "Inside the group" line (report_cao.c), which the CEO's
 * Data quality also asks with (docs/reports.md, eyes-final13 Q2); the line
 * must name `biller` or professional work, never match by amount alone (B4). */
const item *report_group_fee_expense(const report_context *c, const entity *biller,
                                     const entity *payer, int64_t fee);
/* Data quality's question for each monthly fee a group business bills
 * another in scope whose `## Expenses` hold no line of that amount
 * (reports.md, CEO Data quality, eyes-final13 Q2; the CFO's too, T7). */
void report_ask_unbooked_group_fees(const report_context *c);
/* "; revenue and costs both hold $800/month paid between the group's
 * businesses (Driftwood Café → Marlow & Finch Legal), net $0", or "". */
const char *report_group_fees_text(const report_context *c);

/* --- the billing ledger: money owed, its age, MRR (report_billing.c) --- */
typedef enum { OWED_BILLED, OWED_OVERDUE, OWED_UNBILLED, OWED_STATE_COUNT } report_owed_state;
typedef enum {
    AGE_0_30,
    AGE_31_60,
    AGE_61_90,
    AGE_OVER_90,
    AGE_UNDATED,
    AGE_BUCKET_COUNT
} report_age_bucket;

/* One amount owed (rule 2). `item` is the invoice, or the client line
 * itself when one month of its recurring fee is owed (month_of_fee). */
typedef struct {
    const entity *entity;
    const item *client; /* the top-level Clients line */
    const item *item;
    report_owed_state state;
    report_amount amount; /* one-off: never a monthly figure */
    bool month_of_fee;
    bool dated;
    int64_t age_days;     /* from the date tag to the report date, ≥ 0 */
    report_age_bucket bucket;
    const entity *debtor; /* the group business that owes it (rule 2, "Inside the
                             group"), in `internal` only; NULL otherwise */
} report_owed;

/* The billed part of some owed items split by age (handoff-format.md
 * rule 2, fixA S15): what is not yet due, and what was sent over 30 days
 * ago and is not marked overdue. Invariant: fresh + stale is the billed
 * part; youngest <= oldest are the stale items' ages, 0 when none. */
typedef struct {
    report_amount fresh; /* billed, 30 days old or less, or undated */
    report_amount stale; /* billed over 30 days ago: not marked overdue */
    size_t stale_count;
    int64_t youngest, oldest;
} report_billed_split;

/* Counts `o` in `b` when it is billed; other states are not the billed part. */
void report_billed_split_add(report_billed_split *b, const report_owed *o);
/* Counts all of `from` in `into` (a business's clients together). */
void report_billed_split_merge(report_billed_split *into, const report_billed_split *from);
/* The billed parts that are not $0, in rule 2's words: name first ("billed
 * and not yet due $800, billed, not marked overdue $2,200 (sent 59 days
 * ago)", "(sent 52–91 days ago)" for several) or, with `more` (the word
 * after the first amount: "" or " more"), amount first: "$800 more billed
 * and not yet due and $2,200 sent 59 days ago, not marked overdue";
 * `midpoints` as in report_put_owed_parts. "" when both are $0. The one
 * wording of Accounting, the Audit and the CEO's row. */
const char *report_billed_parts_text(const report_context *c, const report_billed_split *b,
                                     const char *more, bool midpoints);

/* Invariant: items, by_state, by_age and total hold what is owed to the
 * scope; `billed` splits by_state[OWED_BILLED]; in the portfolio scope what one group business owes another is in
 * `internal` alone, never in those sums (rule 2, "Inside the group"). */
typedef struct {
    report_owed *items;
    size_t count;
    size_t capacity;
    report_amount by_state[OWED_STATE_COUNT];
    report_amount by_age[AGE_BUCKET_COUNT];
    report_amount total;
    report_billed_split billed;
    report_owed *internal;
    size_t internal_count;
    size_t internal_capacity;
} report_owed_list;

/* Appends what the entity is owed, in Clients order: the one reading of
 * money owed every report uses. */
void report_owed_collect(const report_context *c, const entity *e, report_owed_list *list);
/* The other business of the portfolio a client line of `e` names (its
 * title, case-insensitive), NULL when the client is outside the group. */
const entity *report_group_business(const report_context *c, const entity *e,
                                    const item *client);
/* What `e` is owed as the scope's receivables read it: report_owed_collect,
 * with what another group business owes moved to `internal` in the
 * portfolio scope (rule 2, "Inside the group"). The chart's 1200 reads it
 * too, so its Total equals the Receivables section's owed. */
void report_owed_collect_for_scope(const report_context *c, const entity *e,
                                   report_owed_list *list);
const char *report_owed_state_name(report_owed_state state);
const char *report_age_bucket_name(report_age_bucket bucket);
/* The overdue item with the most days (undated ones count 0), NULL when
 * nothing is overdue; `overdue_count` (may be NULL) gets how many are. */
const report_owed *report_owed_oldest_overdue(const report_owed_list *list, size_t *overdue_count);
/* The unbilled work in the over-90-days bucket: said beside that bucket so
 * it does not read as late money (docs/reports.md, Accounting headline). */
int64_t report_owed_unbilled_over_90(const report_owed_list *list);
/* An entity as a table cell: "Oakline Print Co. (ancillary)" in the
 * portfolio scope, where only an ancillary entity's money owed is read
 * (handoff-format.md, `Kind`); its title otherwise. */
const char *report_entity_cell(const report_context *c, const entity *e);
/* "Invoice 7710", or "one month of $300/month": what an item of `internal` is. */
const char *report_owed_inside_what(const report_context *c, const report_owed *o);
/* "Harbor Dental: Invoice 1042", or the client's label alone. */
const char *report_owed_label(const report_context *c, const report_owed *o);
/* "$1,650 one-off", "$300 (one month of $300/month)". */
const char *report_owed_amount_text(const report_context *c, const report_owed *o);
/* What is owed in the report's scope, read by report_owed_collect: the
 * entities in scope and, in the portfolio scope, the ancillary ones too
 * (money owed to them is the group's cash). True when any of them has a
 * `## Clients` section (a receivables ledger). */
bool report_receivables_collect(const report_context *c, report_owed_list *list);
/* The same receivables as money is collected: what another business of the
 * group owes is in `internal` in one business's own scope too, settled, not
 * collected (rule 2, check17 A2); its totals are then the clients' alone. */
bool report_collectable_collect(const report_context *c, report_owed_list *list);
/* "overdue $A, unbilled $B, billed and not yet due $C, sent 59 days ago
 * and not marked overdue $D": each part of the owed total that is not $0,
 * in that order, and no other (rule 2), so the parts a sentence lists add
 * up to the total it states; `midpoints` writes each part as its midpoint
 * (a headline), else as written (a range stays a range). */
void report_put_owed_parts(const report_context *c, const report_owed_list *list,
                           bool midpoints, strbuf *out);
/* A billed invoice more than 30 days old: not marked overdue, and never
 * called "not yet due" (rule 2). */
bool report_owed_unmarked(const report_owed *o);
/* The part of `list` owed to ancillary handoffs in the portfolio scope
 * (midpoints): the group's cash, outside the core figures. */
int64_t report_owed_ancillary(const report_context *c, const report_owed_list *list);
/* "## Receivables": owed by state, each item with file:line, and by age;
 * nothing when no entity in scope has a `## Clients` section. */
void report_put_receivables(const report_context *c, strbuf *out);
/* What one client line owes one business, all its items summed: the one
 * grouping of money owed every report uses (Receivables' client totals,
 * the CEO's rows, the Audit's debtors, what group businesses owe each
 * other), so the same debt reads the same figures everywhere (eyes-final4
 * P4). Invariant: total == Σ total_in, count == Σ count_in; first_in,
 * largest_in and oldest_in are NULL exactly when count_in is 0 (oldest_in
 * also when no item in that state is dated). */
typedef struct {
    const entity *entity; /* the business owed */
    const item *client;   /* its Clients line (the first one with this label) */
    const entity *debtor; /* the group business the client is, in any scope; else NULL */
    const report_owed *first; /* its first item, in Clients order */
    size_t count;
    int64_t total; /* midpoints */
    size_t count_in[OWED_STATE_COUNT];
    int64_t total_in[OWED_STATE_COUNT];
    const report_owed *first_in[OWED_STATE_COUNT];   /* in Clients order */
    const report_owed *largest_in[OWED_STATE_COUNT]; /* the first on a tie */
    const report_owed *oldest_in[OWED_STATE_COUNT];  /* dated ones only */
    report_billed_split billed; /* total_in[OWED_BILLED] by age (rule 2) */
} report_client_owed;

typedef struct {
    report_client_owed *groups;
    size_t count;
    size_t capacity;
} report_client_owed_list;

/* Groups `count` owed items by business and client label, in the order
 * first met (Clients order). */
void report_owed_by_client(const report_context *c, const report_owed *items, size_t count,
                           report_client_owed_list *out);
/* The oldest dated item of `g` in any state, NULL when none is dated. */
const report_owed *report_client_owed_oldest(const report_client_owed *g);
/* The overdue and unbilled part of `g`: what is late or not yet invoiced. */
int64_t report_client_owed_due(const report_client_owed *g);
/* Which late item the pair's wording names in its brackets. */
typedef enum {
    LATE_NAME_NONE,   /* none: the items are listed after it */
    LATE_NAME_ONE,    /* the one late item, when there is one */
    LATE_NAME_LARGEST /* that, or "largest Trademark filing $1,200" */
} report_late_item;
/* "$2,000 overdue ($2,800 in all)", "$450 overdue (Invoice 7710)", "$800
 * billed and not yet due": what a pair of group businesses owes, in its one
 * wording (handoff-format.md rule 2, "One pair, one wording"; eyes-final4
 * P4). */
const char *report_client_owed_late_text(const report_context *c, const report_client_owed *g,
                                         report_late_item name);
/* "Driftwood Café owes Marlow & Finch Legal $2,000 overdue ($2,800 in
 * all)": a group of `internal` (its debtor set), in that wording. */
const char *report_group_pair_text(const report_context *c, const report_client_owed *g,
                                   report_late_item name);

/* --- who owes one business and what it owes the group, as the Audit
 * says it (report_debtors.c), read through report_owed_by_client --- */
/* "; <lead> collect the $1,000 overdue (Northwind: Invoice 88, 47 days),
 * 13% of its cash" ("oldest Northwind: Invoice 88 (47 days)" among several)
 * and the client that owes most over two or more overdue invoices; nothing
 * when no client outside the group is late. `lead`: "first", "meanwhile". */
void report_put_collect_first(const report_context *c, const entity *e,
                              const report_owed_list *owed, int64_t cash, const char *lead,
                              strbuf *out);
/* Audit rule 1: "Collect the $7,000 overdue from clients, oldest first:
 * ...", its largest and repeat debtors, then `step` (the handoff's own
 * collection step, or NULL) and each group business's overdue; "Settle
 * inside the group: ..." when only group businesses are late (no step).
 * False when nothing is overdue. */
bool report_recommend_collect(const report_context *c, const entity *e,
                              const report_owed_list *owed, const char *step, strbuf *out);
/* Accounting's decision (docs/reports.md; check17 E11, A2): "Old Mill
 * Brewery owes Quarry Bookkeeping $3,100, 139 days overdue: collect it
 * first, then the other $2,100 overdue (2 items)", then each group
 * business's overdue as the Audit names it; "settle inside the group: ..."
 * when only group businesses are late. False when nothing is overdue. */
bool report_put_collect_decision(const report_context *c, const report_owed_list *owed,
                                 strbuf *out);
/* "Pay the $2,000 overdue to Marlow & Finch Legal, a business of the
 * group: settle it inside the group"; false when `e` owes none overdue. */
bool report_recommend_pay_group(const report_context *c, const entity *e, strbuf *out);
/* "## Owed inside the group": one line per business of the group `e` owes. */
void report_put_payables(const report_context *c, const entity *e, strbuf *out);
/* "; $950 of it owed by businesses of the group (Seaside Smiles Dental
 * $650, Rolling Bowls $300)", one business "; $450 of it owed by Groomers,
 * inside the group": the owed line's group part (K16, fixT 2). */
void report_put_group_part(const report_context *c, const report_owed_list *owed, strbuf *out);

/* Σ monthly of the top-level Clients lines with a period. */
report_amount report_clients_mrr(const report_context *c, const entity *e);
/* The `## Revenue` line that names retainers beside other lines, its
 * monthly figure in `m`: what the client fees are set against like for like
 * (handoff-format.md rule 1); NULL when none. */
const item *report_retainer_line(const report_context *c, const entity *e, report_amount *m);
/* Revenue lines vs. Clients MRR where both sections exist, Clients lists
 * a recurring fee and the two differ; nothing when none does. */
void report_put_reconciliation(const report_context *c, strbuf *out);
/* The CEO's and CFO's Data quality line for each business whose retainer
 * line differs from its client fees (handoff-format.md rule 1; eyes-final9
 * W3), with the Status's client count when it names more than are listed. */
void report_note_retainer_gaps(const report_context *c);
/* The `## Revenue` line naming retainers of `e` when its `## Clients` fees
 * differ from it, the test of report_note_retainer_gaps (the one question
 * Data quality asks), with both monthly figures; NULL when they agree or
 * the question is not asked. The CEO's loss clause reads it (eyes-final18 W9). */
const item *report_retainer_gap(const report_context *c, const entity *e,
                                report_amount *retainers, report_amount *ledger);
/* Data quality's questions the files leave open, asked by Accounting and
 * the Audit in one set of words (docs/reports.md, Accounting Data quality):
 * cash received ahead beside units sold, an asset that is also leased. */
void report_note_open_questions(const report_context *c);

/* --- tables (report_table.c) ---
 * Convention shared with the renderer (src/render/table_model.h): a table is
 * a GFM pipe table with a blank line on either side; cells are plain text
 * (escaped on the way out); numeric columns are right-aligned. */
typedef enum { REPORT_LEFT, REPORT_RIGHT } report_align;

/* Text from a handoff as inline Markdown that shows exactly that text
 * (markup escaped, line breaks as spaces), as table cells are: for a
 * quote inside a sentence. */
const char *report_inline_text(arena *a, const char *text);

typedef struct {
    const char *heading;
    report_align align;
} report_column;

typedef struct {
    arena *arena;
    const report_column *columns;
    size_t column_count;
    const char **cells; /* row-major */
    size_t row_count;
    size_t cell_capacity;
} report_table;

void report_table_init(report_table *t, arena *a, const report_column *columns,
                       size_t column_count);
/* Appends one row; exactly column_count strings follow (NULL prints ""). */
void report_table_row(report_table *t, ...);
/* The same from an array of column_count strings: tables whose columns
 * are known only at run time (one per entity). */
void report_table_row_cells(report_table *t, const char *const *cells);
void report_table_write(const report_table *t, strbuf *out);

/* --- security gaps of the sites in scope (report_findings.c) --- */
typedef enum {
    SEVERITY_CRITICAL,
    SEVERITY_HIGH,
    SEVERITY_MEDIUM,
    SEVERITY_LOW,
    REPORT_SEVERITY_COUNT
} report_severity;
extern const char *const report_severity_names[REPORT_SEVERITY_COUNT];

/* How long a fix takes, smallest first (dev-cycle items sort on it). */
typedef enum { EFFORT_MINUTES, EFFORT_HOUR, EFFORT_HALF_DAY, EFFORT_DAY, EFFORT_COUNT } report_effort;
/* "15 minutes", "1 hour", "half a day", "1 day". */
const char *report_effort_name(report_effort effort);

/* One gap: every finding of one kind in one file (a credential, an open
 * endpoint, an http:// link), its lines joined. Excerpts are the model's
 * masked ones: never more than a secret's first four characters. */
typedef struct {
    const entity *entity;
    finding_kind kind;
    const char *file;
    int first_line;
    const char *lines;    /* "8, 9" */
    const char *excerpts; /* "a; b"; NULL when none */
    report_severity severity;
    const char *what;     /* "hard-coded database password" */
    const char *fix;      /* "change the database password now and ..." */
    report_effort effort;
    const char *leaked;   /* a credential: what leaked, "AWS access key and secret";
                             NULL for other gaps */
    finding_leak leak;    /* the same by kind, each line's kinds merged */
    const char *rotate;   /* a credential: "change the database password", "rotate the
                             AWS access key and secret"; NULL for other gaps */
} report_gap;

typedef struct {
    report_gap *items;
    size_t count;
    size_t capacity;
} report_gap_list;

/* The gaps of the sites in scope, by severity, then file and line. */
void report_collect_gaps(const report_context *c, report_gap_list *out);
/* Whether an Actions item's label names the gap `g` ("Move the deploy key
 * out" fixes a leaked AWS key; "Rotate the API key" does not fix a leaked
 * database password): the two are one task. */
bool report_action_fixes_gap(const item *action, const report_gap *g);
/* An action of `e` about a secret (key, credential, secret, password,
 * token) that names none the scan found leaked in `e`'s site: its label
 * and what the scan found, "Rotate the API key (the scan found a database
 * password in sites/lumen/api/config.js: check whether it is the same
 * secret)"; NULL otherwise. */
const char *report_other_secret_note(const report_context *c, const item *action,
                                     const entity *e, const report_gap_list *gaps);
/* Whether a credential gap's leak is more than one secret: two kinds
 * ("AWS access key and secret") or one counted ("two database
 * passwords"): "them", not "it". */
bool report_leaks_several(const report_gap *g);
/* "sites/x/deploy.py:8, 9". */
const char *report_gap_where(const report_context *c, const report_gap *g);

/* --- one date per action (report_schedule.c) --- */
/* Days from the report date an `## Actions` item of `e` is due: high 7, a
 * `revenue` action of a business whose cash lasts under 3 months 28,
 * medium 60, low or none 90 (docs/reports.md, "One date per action"). The
 * CEO agenda, the CMO milestones and the Accounting roadmap read it. */
int report_action_due_days(const report_context *c, const entity *e, const item *action);
/* A burning business whose stated cash lasts under 3 months. */
bool report_cash_runs_short(const report_runway *r);
/* A spend with a cost that brings no revenue at a business whose cash runs
 * short waits until it is funded (the CFO's hold line, the CEO's "on hold",
 * the Audit's rule 10) — not when report_spend_swap pays for it. */
bool report_spend_waits_for_funding(const report_context *c, const entity *e, const item *action);
/* A burning business that states no cash (its runway is unknown). */
bool report_burns_without_cash(const report_runway *r);
/* Why a spend of `e` waits: "on hold until it is funded", or "on hold until
 * its cash is stated" when `e` burns and states no cash (eyes-final9 W5). */
/* The Audit's hold, after the action's name (reports.md, Audit rule 10;
 * eyes-final14 R13): "until its cash is stated", the other reports' words,
 * for a business that burns and states no cash, else "until the funding
 * decision is made" (rule 2's fund-or-cut decision). */
const char *report_spend_hold_until_text(const report_context *c, const entity *e);
const char *report_spend_hold_text(const report_context *c, const entity *e);
/* A new monthly cost that waits for room (docs/reports.md, "A monthly
 * spend waits for room"; eyes-final12 Z4, eyes-final13 Q3): an action of
 * `e` with a recurring cost, not already waiting for funding nor a swap,
 * while `e` burns or the CFO's room for new fixed costs is $0. One status
 * for the CFO's capital tiers, Accounting's roadmap and the CEO's "Later"
 * line, said in report_spend_room_hold_text's words. */
bool report_spend_waits_for_room(const report_context *c, const entity *e, const item *action);
/* "on hold until Bayside Sailing School covers its costs" (its business
 * burns), or "on hold while the CFO's room is $0". */
const char *report_spend_room_hold_text(const report_context *c, const entity *e);
/* The `unused` expense of `e` whose cancellation pays for the monthly spend
 * `action` that would otherwise wait (docs/reports.md, "A held spend that
 * a saving covers is a swap"; eyes-final8 V8); NULL when none does. */
const report_saving *report_spend_swap(const report_context *c, const entity *e,
                                       const item *action);
/* The action `saving` is swapped for (report_spend_swap), or NULL. */
const item *report_saving_swapped_for(const report_context *c, const report_saving *saving);
/* "swap Old status page ($29/month) for Automate invoice reminders
 * ($20/month)": the words every report says a swap in; no colon inside, so
 * "due by …: swap …" never reads two in a row (reports.md, fixT 1). */
const char *report_swap_text(const report_context *c, const entity *e, const item *unused,
                             const item *spend);
/* The same date as YYYY-MM-DD (UTC): "due 2027-01-30" where a report names
 * one action's date outside the CEO's agenda (docs/reports.md, CFO capital
 * tiers; eyes-final6a T5). */
const char *report_action_due_date(const report_context *c, const entity *e, const item *action);
/* The calendar quarter holding the report date plus `days`: 0 the report
 * date's own, 1 the next. */
int report_due_quarter(const report_context *c, int days);
/* The CMO's 30/60/90-day window holding `days`: 0, 1 or 2 (the last for
 * anything later). */
int report_due_window(int days);
/* "2027-01-30": the report date plus `days`, in UTC (the CMO's dated
 * marketing actions). */
const char *report_due_date_text(const report_context *c, int days);
/* Days from the report date to a shortfall's agenda line (the CEO's), which
 * the CMO's funding blast step shares (reports.md, "One story …"). */
enum { REPORT_DUE_SHORTFALL_DAYS = 14 };
/* The day the CEO agenda plans a `## Risks` item: 21 days for a `high`
 * one, 28 for any other; an action that answers a high risk is due by then
 * too (reports.md, "One date per action"; eyes-final20 B6). */
enum { REPORT_DUE_HIGH_RISK_DAYS = 21, REPORT_DUE_RISK_DAYS = 28 };
/* The first of `e`'s actions, in the file's order, that answers its `high`
 * risk `risk` as the Audit's rule 9 reads it, not a spend on hold; NULL
 * when none does or the risk is not high. It is due with the risk (B6). */
const item *report_risk_first_answer(const report_context *c, const entity *e, const item *risk);
/* Days from the report date to the CEO agenda's line for the CMO's best
 * blast (report_blast_agenda_text; the CEO's DUE_OTHER). */
enum { REPORT_DUE_AGENDA_BLAST_DAYS = 28 };

/* --- the CTO's findings, as other reports name them (report_cto.c) --- */
/* One high finding of the CTO's Dev-cycle list: a scan gap or a missing
 * practice (backups), never an Actions item. */
typedef struct {
    const char *what;        /* "endpoint without authentication", "no backups" */
    const char *fix;         /* the CTO's improvement cell */
    report_effort effort;
    const char *where;       /* "path:line" */
    const report_gap *gap;   /* the scan's gap, NULL for a practice */
} report_cto_finding;
/* The CTO's high findings of `e`, in the CTO's order (one source for the
 * CEO's shortfall row, reports.md CEO); at most `max`. */
size_t report_cto_high_findings(const report_context *c, const entity *e,
                                report_cto_finding *out, size_t max);
/* The finding in the CEO's words, problem first: "the handler endpoint
 * answers any request, no token checked (handler.js:2)", "no backups
 * (tallyhq.md:42)"; the CEO's CTO row and the CTO's decision (fixT 5). */
const char *report_cto_finding_text(const report_context *c, const report_cto_finding *f);
/* Its fix: the scan gap's own, else the CTO's improvement cell. */
const char *report_cto_finding_fix(const report_cto_finding *f);
/* The CTO's backups row of `e` as one clause, its words and effort (one
 * fact, one text and one effort in every report; eyes-final13 Q1): "set up
 * backups and test a restore" (1 day) for `Backups: none`, "backups not
 * recorded: confirm backups exist and test a restore" (half a day) for
 * `Backups: (missing)`; NULL when the line says neither. */
const char *report_cto_backups_step(const report_context *c, const entity *e,
                                    report_effort *effort, const char **where);

/* --- the Audit's words other reports share (report_audit.c) --- */
/* A KPI written `(missing)`, the handoff's gap and its one ask, in every
 * report that names it (reports.md, Audit rule 11; eyes-final13 Q10):
 * "Review score is not stated in the handoff: copy the figure in
 * (cedar-cabin.md:28)"; `where` is the KPI's file:line as the caller
 * cites lines. */
const char *report_missing_kpi_text(const report_context *c, const item *kpi, const char *where);

/* --- the e-mail blast model (report_blast.c) --- */
#define REPORT_BLAST_RATE_COUNT 3 /* open, click, conversion */
#define REPORT_BLAST_RECIPIENTS "Email list recipients"

/* One entity's blast model as read from its handoff (rule 5). Born
 * complete from report_blast_best only: every rate, the recipients and
 * the value per conversion are set; low[k] <= high[k]. */
typedef struct {
    int64_t recipients; /* scaled */
    int64_t low[REPORT_BLAST_RATE_COUNT], high[REPORT_BLAST_RATE_COUNT];
    int64_t order_value; /* cents per conversion */
    const char *value_source; /* "Blast value per conversion", "Average order value", ... */
    bool has_cost;
    int64_t cost; /* cents, one blast to the whole list */
    const char *unit;  /* the per-unit entity's unit, NULL otherwise */
    int64_t volume;    /* scaled: units sold a month now */
    bool has_cap;      /* `<Unit>s available per month` is stated */
    int64_t spare;     /* scaled: available − sold, ≥ 0: the most one send can sell */
    int64_t unit_cost; /* cents: variable cost per unit (midpoint) when `unit` is set */
    int64_t unit_price; /* cents: the unit's price, 0 when not known */
    int64_t lifetime;  /* scaled units a conversion buys (a subscription's months); MODEL_SCALE
                          for one unit; to a tenth of a month from a churn: the text only */
    int64_t life_num, life_den; /* the exact months: life_num ÷ life_den (1 ÷ churn as
                                   100% ÷ churn, never rounded; eyes-final12 Z1) */
    bool from_price;   /* the value is the `Average <unit> price` KPI */
    const item *churn; /* the churn KPI the lifetime came from (1 ÷ churn), NULL otherwise */
    int64_t per_stay;  /* scaled units a conversion books when they sell in stays (3 nights);
                          MODEL_SCALE otherwise */
    int64_t stay_cost; /* cents: the per-stay expense lines (Cleaning $95/stay) when per_stay
                          is set, 0 otherwise */
    const char *stay_cost_labels; /* "cleaning": those lines' labels, lower case */
    bool subscription; /* churn or `Customer lifetime` in its KPIs (rule 5) */
    bool booking;      /* its unit is booked (charter, tour...): "of bookings", else "of sales" */
    bool untested;     /* an action sends the first blast: the rates are assumptions */
    int64_t monthly;   /* cents a subscriber pays a month when the value is the price × its
                          lifetime (rule 5, "What a subscriber adds a month"), 0 otherwise */
} report_blast_model;

/* A Marketing item that is one of the model's keys, not a channel. */
bool report_blast_is_key(const item *it);
/* Whether any entity in scope states `Email list recipients`. */
bool report_blast_any_list(const report_context *c);
/* The best complete model in scope by its net value (notes missing keys
 * for Data quality); NULL without one. */
const entity *report_blast_best(const report_context *c, report_amount *net,
                                report_blast_model *model);
/* The CMO's sections and sentences of the model (docs/reports.md, CMO). */
void report_blast_put_models(const report_context *c, strbuf *out);
void report_blast_put_headline(const report_context *c, const entity *best,
                               const report_blast_model *b, report_amount net, strbuf *out);
bool report_blast_put_decision(const report_context *c, const entity *best,
                               const report_blast_model *b, report_amount net, strbuf *out);
void report_blast_put_gap_clause(const report_context *c, const entity *e, strbuf *out);
void report_blast_put_plan_step(const report_context *c, const entity *e,
                                const report_blast_model *model, report_amount net,
                                const item *action, strbuf *out);

/* One send to an entity's list (rule 5 of docs/handoff-format.md): the
 * CMO's figures, which the Audit's recommendations quote. Conversions are
 * capped by the spare units when `<Unit>s available per month` is stated;
 * the value is conversions × value per conversion, before the cost. */
typedef struct {
    int64_t recipients;                        /* scaled by MODEL_SCALE */
    int64_t conversions_low, conversions_high; /* scaled by MODEL_SCALE */
    int64_t value_low, value_high;             /* cents, one-off */
    bool has_cost;                             /* `Blast cost per send` stated */
    int64_t cost;                              /* cents per send; 0 when not stated */
} report_blast;

/* False when `e` has no list or its model lacks a key (each missing key
 * is noted for Data quality, as in the CMO report). */
bool report_blast_of(const report_context *c, const entity *e, report_blast *out);
/* What one send could bring in whole units, as the CMO says it: "3–4 tours
 * (3–6 if there were room)", "3 stays (9 nights)"; NULL without a model. */
const char *report_blast_units_text(const report_context *c, const entity *e);
/* What one send could bring, as the CMO's model says it (docs/reports.md,
 * Audit rule 10): "if the assumed rates hold, 2–3 orders, $144–$216 of
 * sales"; a subscription's month first; NULL without a complete model. */
const char *report_blast_brings_text(const report_context *c, const entity *e);
/* Whole conversions without their noun ("3–4", "3"), each end rounded. */
const char *report_blast_whole_text(const report_context *c, int64_t low, int64_t high);
/* What one send of `e`'s own blast brings, for a plan step that names it
 * (reports.md CMO, Plans "30/60/90 days"; eyes-final6a T1): "if the assumed
 * rates hold, $124–$196 of sales per send after its $20 cost ($75–$122 after
 * the mugs' own costs)"; NULL without a complete model. */
const char *report_blast_send_text(const report_context *c, const entity *e);
/* reports.md CMO headline 3 (eyes-final6a T16): the business that needs
 * funding (cash short of its season, or under 3 months) whose own blast,
 * after its cost and the units' costs at the low end, covers the need;
 * `said` gets "($25; at its stated rates about 3 stays, $1,260 after
 * costs, if booked and paid before May)", `need_words` "the $540 it needs
 * to reach May". NULL when none. */
const entity *report_blast_funding(const report_context *c, const char **said,
                                   const char **need_words);
/* reports.md, "One story for a business short of cash until its season"
 * (eyes-final8 U11): the step the CEO, the CFO and the CMO all say, "send
 * its e-mail blast now ($25; …); if its bookings fall short by 2027-01-12,
 * fund the difference" (" short of the $540 it needs to reach May by …" with
 * `with_need`; fixV2 U5); NULL unless `e` is report_blast_funding's business. */
/* The CEO decision's brief send (reports.md, CEO headline 3): "send its
 * e-mail blast now ($25; about 19–25 lessons, $631–$850 after costs)",
 * the same figures without the estimate's caveats, which the CFO, the
 * Audit and the CEO agenda keep; NULL as report_blast_funding_send_text. */
const char *report_blast_funding_send_brief_text(const report_context *c, const entity *e);
const char *report_blast_funding_step_text(const report_context *c, const entity *e,
                                           bool with_need);
/* The step's second half alone, "if its bookings fall short of the $540 it
 * needs to reach May by 2027-01-12, fund the difference": the blast's low
 * end covers the need, so funding is a dated fallback (fixV2 U5). NULL
 * unless `e` is report_blast_funding's business. */
const char *report_blast_funding_check_text(const report_context *c, const entity *e,
                                            bool with_need);
/* The step's first half alone, "send its e-mail blast now ($25; …)" (`whose`
 * "its" or a possessive name): for a sentence that gives the send its owner
 * and day before the dated funding fallback (reports.md CEO headline 3;
 * fixV2 U5). NULL unless `e` is report_blast_funding's business. */
const char *report_blast_funding_send_text(const report_context *c, const entity *e,
                                           const char *whose);
/* The same step naming the business, "send Saltmarsh Surf School's e-mail
 * blast now …": for the CEO agenda's Item cell, where no word before it
 * names one (docs/reports.md, 30-day agenda; eyes-final15 S8). */
const char *report_blast_funding_step_named_text(const report_context *c, const entity *e,
                                                 bool with_need);
/* The first step of `e`'s CMO plan (its 30/60/90-day milestones: the
 * earliest window, in the plan's order), "Set up Google Business Profile",
 * "List on VRBO (8% commission)"; NULL when its plan has none: the CEO's
 * test for "which only the season brings" (reports.md, "One story …";
 * fixS 4). */
const char *report_cmo_first_step_text(const report_context *c, const entity *e);
/* The CEO agenda's line for the CMO's best blast (reports.md 30-day agenda;
 * eyes-final11 Y6): "send Loopline Analytics' e-mail blast ($30; 1–3
 * subscribers, $1,280–$3,630 after costs over their life)" in `text`; the
 * business, or NULL when the agenda has no such line. */
const entity *report_blast_agenda_text(const report_context *c, const char **text);
/* The cost of one send of the funding blast of `e` (report_blast_funding's
 * business), in cents: Accounting's roadmap row of the one story (fixS 2);
 * false when `e` is not that business or the cost is not stated. */
bool report_blast_funding_cost(const report_context *c, const entity *e, int64_t *cost);
/* A blast the reports send and what one send costs (docs/reports.md,
 * Capital deployment tiers; eyes-final12 Z3, Z10). */
typedef struct {
    int64_t cost;       /* cents per send: its `Blast cost per send`, > 0 */
    int due_days;       /* its one date, days from the report date */
    const item *action; /* the `## Actions` item that sends it (its line may say $0), or NULL */
    const char *agenda; /* the CEO agenda's words when the agenda sends it, else NULL */
} report_sent_blast;
/* Whether the reports send `e`'s blast — the funding blast
 * (report_blast_funding), else one an `## Actions` item sends (its label
 * names `blast`), else the CEO agenda's (report_blast_agenda_text) — and
 * its `Blast cost per send` is above $0: the CFO's capital section and
 * Accounting's roadmap count it, whatever the action line says. */
bool report_blast_sent_cost(const report_context *c, const entity *e, report_sent_blast *out);
/* The `## Actions` item of `e` that sends its e-mail blast (its label names
 * `blast`), or NULL. */
const item *report_blast_action(const entity *e);

#endif
