/* report_cao: the accounting officer's report (docs/reports.md, Accounting).
 *
 * Revenue recognition follows the billing period of each revenue line, and
 * a line that is paid before it is earned (gift certificates, deposits,
 * lifetime deals: report_revenue.c's deferral rules, which the other
 * reports share) is deferred until the event. The chart of
 * accounts groups every amount into standard accounts (account_rules: 1000
 * assets, 2000 liabilities, 4000 revenue, 5000 cost of sales, 6000
 * operating expenses), one column per entity. The roadmap places the
 * savings, the overdue money and the `## Actions` quarter by quarter from
 * the report date, by priority.
 */
#define _GNU_SOURCE /* strcasestr */
#include <string.h>
#include <ctype.h>
#include <stdlib.h>
#include <strings.h>
#include <time.h>

#include "report/report_internal.h"

/* Whether `label` holds a word that starts with one of the space-separated
 * `words` (case-insensitive): "Contract developers" holds "developer". One
 * pass over the label's words, each compared with the list. */
static bool holds_any(const char *label, const char *words)
{
    for (const char *at = label; *at;) {
        while (*at && !isalnum((unsigned char)*at))
            at++;
        const char *start = at;
        while (isalnum((unsigned char)*at))
            at++;
        size_t length = (size_t)(at - start);
        for (const char *w = words; length && *w;) {
            size_t n = strcspn(w, " ");
            if (n && n <= length && strncasecmp(start, w, n) == 0)
                return true;
            w += n + (w[n] == ' ');
        }
    }
    return false;
}

/* Goods sold over the counter: recognised at each sale, not over a
 * service period (docs/reports.md, Revenue recognition). */
#define SALE_WORDS "sale retail shop store merchandise"

/* A `## Revenue` line of goods sold over the counter (a period, not
 * deferred, a SALE_WORDS word): recognised at each sale and booked as
 * 4015 Retail sales; a Clients fee is a client's, whatever its name
 * ("Dune Surf Shop"). */
static bool sold_at_each_sale(const entity *e, const item *it)
{
    return model_revenue_section(e) == SECTION_REVENUE && it->value.kind == VALUE_MONEY &&
           it->value.money.period != PERIOD_NONE && it->value.money.period != PERIOD_UNIT &&
           !report_revenue_deferral(it) && holds_any(it->label, SALE_WORDS);
}

/* A recurring service, and a subscription's plan (check17 E9). */
#define MONTH_OF_SERVICE "each month of service"

/* When revenue is recognised, by the line's billing period. */
static const struct {
    money_period period;
    const char *basis;
    const char *rule;
} recognition_rules[] = {
    {PERIOD_UNIT, "per unit", "on delivery of each unit"},
    {PERIOD_WEEK, "weekly", "each week of service"},
    {PERIOD_MONTH, "monthly", MONTH_OF_SERVICE},
    {PERIOD_QUARTER, "quarterly", "ratably, a third each month"},
    {PERIOD_YEAR, "annual", "ratably, a twelfth each month"},
    {PERIOD_NONE, "one-off", "when the work is delivered and invoiced"},
};

/* The singular of a KPI's plural noun: "Repairs" -> "repair", "Boxes" ->
 * "box", "Deliveries" -> "delivery" (lower case, for "as each repair is
 * done"). */
static const char *unit_singular(const report_context *c, const char *plural, size_t n)
{
    char *word = report_format(c, "%.*s", (int)n, plural);
    for (char *p = word; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    size_t len = strlen(word);
    if (len > 3 && strcmp(word + len - 3, "ies") == 0)
        return report_format(c, "%.*sy", (int)(len - 3), word);
    if (len > 3 && (strcmp(word + len - 3, "xes") == 0 || strcmp(word + len - 4, "ches") == 0 ||
                    strcmp(word + len - 4, "shes") == 0))
        word[len - 2] = '\0';
    else if (len > 1 && word[len - 1] == 's')
        word[len - 1] = '\0';
    return word;
}

/* The volume unit a monthly Revenue line is sold by, or NULL: the one-word
 * noun of a KPI `<Unit>s per month` that is a word of the line's label
 * ("Repairs and servicing" beside `Repairs per month: 70` -> "repair").
 * Such a line is a monthly average of units sold, recognised as each is
 * done, never a contract (docs/reports.md, Revenue recognition;
 * eyes-final15 S2). Hours are time worked, not a unit sold. */
static const char *volume_unit_of(const report_context *c, const entity *e, const item *it)
{
    static const char suffix[] = " per month";
    if (model_revenue_section(e) != SECTION_REVENUE || it->value.kind != VALUE_MONEY ||
        it->value.money.period != PERIOD_MONTH || !it->label)
        return NULL;
    const section *kpis = &e->sections[SECTION_KPIS];
    for (size_t i = 0; i < kpis->item_count; i++) {
        const char *label = kpis->items[i].label;
        size_t len = label ? strlen(label) : 0;
        if (len <= sizeof suffix - 1 || kpis->items[i].value.kind != VALUE_NUMBER ||
            strcasecmp(label + len - (sizeof suffix - 1), suffix) != 0)
            continue;
        size_t noun = len - (sizeof suffix - 1);
        if (memchr(label, ' ', noun) || (noun == 5 && strncasecmp(label, "hours", 5) == 0))
            continue;
        const char *unit = unit_singular(c, label, noun);
        if (holds_any(it->label, unit))
            return unit;
    }
    return NULL;
}

/* Rule 5's subscription: a KPI naming a churn, or `Customer lifetime`
 * (the CMO's blast reads the same KPIs). Its per-unit line is a plan
 * billed monthly, earned each month of service (check17 E9). */

/* The tag of work earned when it is done (a tax filing), not ratably. */
#define ON_COMPLETION_TAG "on completion"

/* An annual or quarterly line recognised ratably only because it says
 * nothing else (docs/reports.md, Revenue recognition). */
static bool ratable_by_default(const item *it)
{
    return it->value.kind == VALUE_MONEY &&
           (it->value.money.period == PERIOD_YEAR || it->value.money.period == PERIOD_QUARTER) &&
           !report_revenue_deferral(it) && !model_item_has_tag(it, ON_COMPLETION_TAG);
}

/* Per-unit lines whose unit is not delivered: a night is stayed
 * (docs/reports.md, Revenue recognition; eyes-final5a Q6). */
static const struct {
    const char *unit;
    const char *rule;
} unit_recognitions[] = {
    {"night", "as each night is stayed"},
};

static const char *unit_recognition(const report_context *c, const char *unit)
{
    for (size_t i = 0; i < sizeof unit_recognitions / sizeof unit_recognitions[0]; i++)
        if (strcasecmp(unit, unit_recognitions[i].unit) == 0)
            return unit_recognitions[i].rule;
    return report_format(c, "on delivery of each %s", unit);
}

/* Data quality's ask for a recurring deferred line: the handoff states no
 * redemptions, so earned revenue leaves it out; the reader is told why and
 * what figure settles it (docs/reports.md, Revenue recognition; eyes-final12
 * Z2). */
static void ask_earned_figure(const report_context *c, const entity *e, const item *it)
{
    report_note_missing_figure(
        c, report_format(c, "%s (%s, %s) is received ahead of earning and none of it is stated "
                            "earned, so earned revenue leaves it out (in steady sales about as "
                            "much is earned a month as is received): add how much of it is "
                            "earned a month to %s:%d.",
                         it->label, e->title, report_money_text(c, &it->value.money), e->path,
                         it->line));
}

/* Whether `e` has a recurring deferred revenue line: it receives money
 * ahead every month, so its 2400 balance is unknown, not none (Z2). */
static bool receives_ahead(const entity *e)
{
    const section *s = &e->sections[model_revenue_section(e)];
    for (size_t j = 0; j < s->item_count; j++)
        if (report_revenue_ahead_monthly(e, &s->items[j]))
            return true;
    return false;
}

static void recognition_row(const report_context *c, const entity *e, const item *it,
                            report_table *user)
{
    if (it->value.kind != VALUE_MONEY)
        return;
    for (size_t i = 0; i < sizeof recognition_rules / sizeof recognition_rules[0]; i++) {
        if (recognition_rules[i].period != it->value.money.period)
            continue;
        const char *rule = recognition_rules[i].rule;
        if (it->value.money.period == PERIOD_UNIT && report_entity_is_subscription(e))
            rule = MONTH_OF_SERVICE;
        else if (it->value.money.period == PERIOD_UNIT && it->value.money.unit)
            rule = unit_recognition(c, it->value.money.unit);
        const char *deferred = report_revenue_deferral(it);
        if (deferred && it->value.money.period != PERIOD_NONE) { /* said, and asked (Z2) */
            rule = report_format(c, "cash now; revenue %s (held in 2400 Deferred revenue until "
                                    "then; none stated earned yet)",
                                 deferred);
            ask_earned_figure(c, e, it);
        } else if (deferred) /* cash received, not earned: one reading (docs/reports.md) */
            rule = report_format(c, "cash now; revenue %s (held in 2400 Deferred revenue until then)", deferred);
        else if (model_item_has_tag(it, ON_COMPLETION_TAG))
            rule = "when the work is done";
        else if (sold_at_each_sale(e, it))
            rule = "at each sale";
        else if (volume_unit_of(c, e, it))
            rule = report_format(c, "as each %s is done", volume_unit_of(c, e, it));
        report_table_row(user, e->title, it->label, report_money_text(c, &it->value.money),
                         recognition_rules[i].basis, rule);
        return;
    }
}

/* "- Tax filings (Quarry Bookkeeping) is recognised ratably because its
 * line says nothing else: ...": once per line recognised ratably by
 * default, so a reader knows how to say it is earned when done. */
static void put_ratable_note(const report_context *c, strbuf *out)
{
    size_t shown = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        const section *s = &e->sections[model_revenue_section(e)];
        for (size_t j = 0; j < s->item_count; j++)
            if (report_revenue_line(e, &s->items[j]) && ratable_by_default(&s->items[j]))
                shown++, strbuf_printf(out, "- %s (%s) is recognised ratably because its line "
                                            "says nothing else: tag it `(%s)` if it is earned "
                                            "when the work is done (%s:%d).\n",
                                       s->items[j].label, e->title, ON_COMPLETION_TAG, e->path,
                                       s->items[j].line);
    }
    if (shown)
        strbuf_putc(out, '\n');
}

static void put_recognition(const report_context *c, strbuf *out)
{
    static const report_column columns[] = {
        {"Entity", REPORT_LEFT}, {"Revenue line", REPORT_LEFT}, {"Amount", REPORT_RIGHT},
        {"Basis", REPORT_LEFT},  {"Recognised", REPORT_LEFT},
    };
    report_table t;
    report_table_init(&t, c->arena, columns, 5);
    strbuf_puts(out, "## Revenue recognition\n\n");
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        const section *s = &e->sections[model_revenue_section(e)];
        for (size_t j = 0; j < s->item_count; j++)
            if (report_revenue_line(e, &s->items[j]))
                recognition_row(c, e, &s->items[j], &t);
    }
    if (!t.row_count) {
        strbuf_puts(out, "No revenue lines with an amount in scope.\n\n");
        return;
    }
    report_table_write(&t, out);
    put_ratable_note(c, out);
}

/* The chart of accounts (docs/reports.md): a fixed list, numbered by the
 * usual categories. `words` are label words that send an expense there
 * (first match in this order); balances and one-off amounts have their
 * own accounts, never summed with the monthly ones. */
typedef enum {
    ACC_CASH,
    ACC_RECEIVABLE,
    ACC_UNBILLED, /* work done, not invoiced: booked apart from 1200 (Y1) */
    ACC_PROPERTY,
    ACC_DEFERRED,
    ACC_UNIT_SALES,
    ACC_RETAIL_SALES,
    ACC_RECURRING,
    ACC_ONE_OFF_REVENUE,
    ACC_DIRECT,
    ACC_FEES,
    ACC_OTHER_VARIABLE,
    ACC_PAYROLL,
    ACC_RENT,
    ACC_INSURANCE,
    ACC_SOFTWARE,
    ACC_VEHICLES,
    ACC_TAXES,
    ACC_REPAIRS,
    ACC_MARKETING,
    ACC_PROFESSIONAL, /* bookkeeping, legal: after software and payroll (S9) */
    ACC_INTEREST,
    ACC_OTHER_OPERATING,
    ACC_ONE_OFF_EXPENSES,
    ACC_LOAN, /* financing: below the operating Net */
    ACC_DEFERRED_RECEIVED, /* cash taken in ahead of earning: below the operating Net */
    ACC_COUNT
} account_id;

static const struct {
    int number;
    const char *name;
    bool monthly; /* a monthly flow; otherwise a balance or one-off amount */
    const char *words;
} account_rules[ACC_COUNT] = {
    [ACC_CASH] = {1010, "Cash", false, NULL},
    [ACC_RECEIVABLE] = {1200, "Accounts receivable", false, NULL},
    [ACC_UNBILLED] = {1210, "Unbilled work", false, NULL},
    [ACC_PROPERTY] = {1500, "Property and equipment", false, NULL},
    [ACC_DEFERRED] = {2400, "Deferred revenue", false, NULL},
    [ACC_UNIT_SALES] = {4010, "Unit sales", true, NULL},
    [ACC_RETAIL_SALES] = {4015, "Retail sales", true, NULL}, /* recognised at each sale */
    [ACC_RECURRING] = {4020, "Recurring revenue", true, NULL},
    [ACC_ONE_OFF_REVENUE] = {4030, "One-off revenue", false, NULL},
    [ACC_DIRECT] = {5010, "Direct costs per unit", true, NULL},
    [ACC_FEES] = {5020, "Payment and platform fees", true, NULL},
    [ACC_OTHER_VARIABLE] = {5090, "Other variable costs", true, NULL},
    [ACC_PAYROLL] = {6010, "Payroll and contractors", true,
                     "payroll salary salaries wage staff contractor developer assistant captain "
                     "crew consultant associate editor employee"},
    [ACC_RENT] = {6020, "Rent and occupancy", true,
                  "rent lease kitchen office coworking slip storage warehouse utilities"},
    [ACC_INSURANCE] = {6030, "Insurance", true, "insurance"},
    [ACC_SOFTWARE] = {6040, "Software, hosting and domains", true,
                      "software hosting domain license licence plan"},
    [ACC_VEHICLES] = {6050, "Vehicles and equipment", true, "truck vehicle equipment fuel generator"},
    [ACC_TAXES] = {6060, "Taxes, permits and fees", true, "tax permit fee commission"},
    [ACC_REPAIRS] = {6070, "Repairs and maintenance", true, "repair maintenance reserve"},
    [ACC_MARKETING] = {6080, "Marketing", true, "marketing advertising ads"},
    [ACC_PROFESSIONAL] = {6090, "Professional fees", true,
                          "bookkeeping accountant accounting legal lawyer attorney audit"},
    [ACC_INTEREST] = {6110, "Interest expense", true, "interest"},
    [ACC_OTHER_OPERATING] = {6900, "Other operating expenses", true, NULL},
    [ACC_ONE_OFF_EXPENSES] = {6950, "One-off expenses", false, NULL},
    [ACC_LOAN] = {2500, "Loan repayments (financing)", true, "loan mortgage principal"},
    [ACC_DEFERRED_RECEIVED] = {2400, "Deferred revenue received", true, NULL},
};

bool report_expense_pays_people(const item *it)
{
    return holds_any(it->label, account_rules[ACC_PAYROLL].words);
}

/* A debt payment (handoff-format.md, Formulas): cash out, but principal is
 * financing, not an operating expense; an `interest` line is expense. */
static bool is_loan_payment(const item *it)
{
    return holds_any(it->label, account_rules[ACC_LOAN].words) &&
           !holds_any(it->label, account_rules[ACC_INTEREST].words);
}

/* Label words that send an expense to an account before the table's order:
 * an "Equipment lease" is equipment, not occupancy (eyes-final3b N9). */
static const struct {
    account_id account;
    const char *words;
} account_first[] = {
    {ACC_VEHICLES, "equipment"},
};

/* A lease, rental or hire of a machine or vehicle: equipment, not rent
 * and occupancy ("Sewing machine lease"; docs/reports.md, Chart of
 * accounts; eyes-final15 S9). */
static bool leases_equipment(const item *it)
{
    return holds_any(it->label, "lease rental hire") &&
           holds_any(it->label, "machine press printer copier oven kiln van truck vehicle");
}

/* The order the 6000 accounts' words are matched in: the table's, but
 * 6090 before 6060, since a professional's fee is no tax ("Audit fee";
 * docs/reports.md, Chart of accounts; check22 F3). */
static const account_id operating_match_order[] = {
    ACC_PAYROLL, ACC_RENT,  ACC_INSURANCE, ACC_SOFTWARE,  ACC_VEHICLES,
    ACC_PROFESSIONAL, ACC_TAXES, ACC_REPAIRS, ACC_MARKETING, ACC_INTEREST,
};

/* The first account in operating_match_order whose words `text` holds,
 * or ACC_OTHER_OPERATING. */
static account_id operating_account_of_words(const char *text, const item *it)
{
    for (size_t i = 0; i < sizeof operating_match_order / sizeof operating_match_order[0]; i++) {
        account_id a = operating_match_order[i];
        if (holds_any(text, account_rules[a].words) ||
            (a == ACC_SOFTWARE && model_item_has_tag(it, "tech")))
            return a;
    }
    return ACC_OTHER_OPERATING;
}

/* `label` without its bracketed parts, into `out` (`size` bytes, cut
 * short when longer): what is paid for, not the payee a bracket names. */
static void label_outside_brackets(const char *label, char *out, size_t size)
{
    size_t n = 0;
    int depth = 0;
    for (const char *at = label; *at && n + 1 < size; at++) {
        if (*at == '(')
            depth++;
        else if (*at == ')' && depth > 0)
            depth--;
        else if (!depth)
            out[n++] = *at;
    }
    out[n] = '\0';
}

/* The operating account of a fixed or untagged monthly expense: the words
 * outside the label's brackets first, then the whole label's, so a payee
 * named "Kestrel Tax & Audit" never books an accountant to 6060 (F3). */
static account_id operating_account(const item *it)
{
    if (leases_equipment(it) && !holds_any(it->label, account_rules[ACC_PAYROLL].words))
        return ACC_VEHICLES;
    for (size_t i = 0; i < sizeof account_first / sizeof account_first[0]; i++)
        if (holds_any(it->label, account_first[i].words) &&
            !holds_any(it->label, account_rules[ACC_PAYROLL].words))
            return account_first[i].account;
    char outside[256];
    label_outside_brackets(it->label, outside, sizeof outside);
    account_id a = operating_account_of_words(outside, it);
    return a != ACC_OTHER_OPERATING ? a : operating_account_of_words(it->label, it);
}

static account_id expense_account(const item *it)
{
    if (it->value.kind == VALUE_MONEY && it->value.money.period == PERIOD_NONE)
        return ACC_ONE_OFF_EXPENSES;
    if (is_loan_payment(it))
        return ACC_LOAN;
    if (!report_cost_is_variable(it)) /* the CFO's split: one function */
        return operating_account(it);
    if (it->value.kind == VALUE_MONEY && it->value.money.period == PERIOD_UNIT)
        return ACC_DIRECT;
    if (it->value.kind == VALUE_PERCENT)
        return ACC_FEES;
    /* advertising is an operating expense, however it varies (eyes-final19 A12) */
    return holds_any(it->label, account_rules[ACC_MARKETING].words) ? ACC_MARKETING
                                                                     : ACC_OTHER_VARIABLE;
}

/* cells[account * entity_count + entity]: midpoints in cents. */
typedef struct {
    int64_t *cells;
    bool used[ACC_COUNT];
    strbuf unplaced; /* amounts with no monthly figure that are not one-off */
    bool one_off_now; /* a one-off dated in the report's month or later */
    bool one_off_past; /* a one-off dated before the report's month */
    const char *undated; /* "<file>:<line>, …" of the undated one-offs, or NULL (Z13) */
} chart;

static void chart_add(chart *ch, const report_context *c, account_id a, size_t entity,
                      int64_t cents)
{
    ch->cells[(size_t)a * c->entity_count + entity] += cents;
    ch->used[a] = true;
}

/* Whether a one-off item carries a date in the report's month or later:
 * undated or earlier, it is a past one-off, not this period's cash
 * (docs/reports.md, Chart of accounts; eyes-final4 P11). */
static bool one_off_in_period(const report_context *c, const item *it)
{
    int64_t day;
    if (!model_item_date(it, &day))
        return false;
    time_t now = (time_t)c->options->now;
    struct tm tm;
    gmtime_r(&now, &tm);
    int64_t month_start = (int64_t)c->options->now / 86400 - (tm.tm_mday - 1);
    return day >= month_start;
}

/* A flow item: its monthly midpoint into `monthly`, its one-off amount
 * into `one_off`; anything else is named under the table. */
static void chart_place(chart *ch, const report_context *c, size_t i, const item *it,
                        account_id monthly, account_id one_off)
{
    const entity *e = c->entities[i];
    report_amount a;
    if (it->value.kind == VALUE_MONEY && it->value.money.period == PERIOD_NONE &&
        report_item_amount(it, &a)) {
        chart_add(ch, c, one_off, i, a.mid);
        int64_t day;
        if (one_off == ACC_DEFERRED)
            ; /* a balance, in no one-off table */
        else if (!model_item_date(it, &day)) /* undated: may be spent next month (Z13) */
            ch->undated = report_format(c, "%s%s%s:%d", ch->undated ? ch->undated : "",
                                        ch->undated ? ", " : "", e->path, it->line);
        else if (one_off_in_period(c, it))
            ch->one_off_now = true;
        else
            ch->one_off_past = true;
    }
    else if (report_item_monthly(c, e, it, &a))
        chart_add(ch, c, monthly, i, a.mid);
    else if (it->value.kind == VALUE_MONEY || it->value.kind == VALUE_PERCENT)
        strbuf_printf(&ch->unplaced, "%s%s (%s, %s:%d): %s", ch->unplaced.len ? "; " : "",
                      it->label, e->title, e->path, it->line, report_written_amount(c, it));
}

static void chart_fill_entity(chart *ch, const report_context *c, size_t i)
{
    const entity *e = c->entities[i];
    const section *rev = &e->sections[model_revenue_section(e)];
    for (size_t j = 0; j < rev->item_count; j++) {
        const item *it = &rev->items[j];
        if (!report_revenue_line(e, it))
            continue;
        bool unit = it->value.kind == VALUE_MONEY && it->value.money.period == PERIOD_UNIT;
        bool deferred = report_revenue_deferral(it) != NULL;
        /* a deferred line is cash received, not earned (docs/reports.md,
         * Revenue recognition): a liability, never in 4000 */
        account_id monthly = deferred                         ? ACC_DEFERRED_RECEIVED
                             : unit                           ? ACC_UNIT_SALES
                             : sold_at_each_sale(e, it)       ? ACC_RETAIL_SALES
                             : volume_unit_of(c, e, it)       ? ACC_UNIT_SALES
                                                              : ACC_RECURRING;
        chart_place(ch, c, i, it, monthly, deferred ? ACC_DEFERRED : ACC_ONE_OFF_REVENUE);
    }
    const section *exp = &e->sections[SECTION_EXPENSES];
    for (size_t j = 0; j < exp->item_count; j++)
        chart_place(ch, c, i, &exp->items[j], expense_account(&exp->items[j]),
                    ACC_ONE_OFF_EXPENSES);
    const section *assets = &e->sections[SECTION_ASSETS];
    for (size_t j = 0; j < assets->item_count; j++) {
        report_amount a;
        if (assets->items[j].value.kind == VALUE_MONEY &&
            assets->items[j].value.money.period == PERIOD_NONE &&
            report_item_amount(&assets->items[j], &a))
            chart_add(ch, c, report_item_is_cash(&assets->items[j]) ? ACC_CASH : ACC_PROPERTY, i,
                      a.mid);
    }
    if (e->has_section[SECTION_CLIENTS]) {
        report_owed_list owed = {0};
        report_owed_collect_for_scope(c, e, &owed);
        /* invoices in 1200, work not yet invoiced in 1210 (docs/reports.md,
         * Chart of accounts; eyes-final11 Y1): together, what is owed */
        int64_t unbilled = owed.by_state[OWED_UNBILLED].mid;
        if (owed.count && owed.total.mid != unbilled)
            chart_add(ch, c, ACC_RECEIVABLE, i, owed.total.mid - unbilled);
        if (unbilled)
            chart_add(ch, c, ACC_UNBILLED, i, unbilled);
    }
}

/* Beyond this many entities the chart shows the totals only: a column per
 * entity would no longer be readable (each entity's report has its own). */
#define CHART_ENTITY_COLUMNS 6

static bool chart_per_entity(const report_context *c)
{
    return c->entity_count <= CHART_ENTITY_COLUMNS;
}

/* The chart's columns: Account, Name, one per entity (`shown` of them),
 * then `Ancillary` when the portfolio's ancillary handoffs are owed money
 * (docs/reports.md: 1200's Total equals the Receivables section's owed),
 * then Total when there is more than one column of figures. */
typedef struct {
    size_t shown;
    int64_t ancillary_owed; /* > 0: the Ancillary column, rows 1200 and 1210 only */
    int64_t ancillary_unbilled; /* the part of ancillary_owed in 1210 */
    bool total;
} chart_layout;

static chart_layout chart_layout_of(const report_context *c)
{
    chart_layout l = {chart_per_entity(c) ? c->entity_count : 0, 0, 0, false};
    if (c->is_portfolio) {
        report_owed_list owed = {0};
        report_receivables_collect(c, &owed);
        l.ancillary_owed = report_owed_ancillary(c, &owed);
        for (size_t i = 0; i < owed.count; i++)
            if (owed.items[i].entity->kind == ENTITY_ANCILLARY &&
                owed.items[i].state == OWED_UNBILLED)
                l.ancillary_unbilled += owed.items[i].amount.mid;
    }
    l.total = c->entity_count > 1 || l.ancillary_owed > 0;
    return l;
}

/* One row: the account's cell per entity, the ancillary handoffs' cell
 * (`ancillary`, 0 for every row but 1200), and the total. */
static void chart_row(const report_context *c, const chart_layout *l, report_table *t,
                      const char *number, const char *name, bool unmarked,
                      const int64_t *cells, int64_t ancillary)
{
    size_t n = c->entity_count, column = 1;
    const char **row = arena_alloc(c->arena, t->column_count * sizeof *row);
    /* number and name share a cell ("6950 One-off expenses (one-off)"): one
     * column less lets four entities and a Total fit 72 columns of text.
     * `unmarked`: a monthly flow or a balance (cash is held, not spent once) */
    row[0] = report_format(c, "%s%s%s%s", number, *number ? " " : "", name,
                           unmarked ? "" : " (one-off)");
    int64_t total = ancillary;
    for (size_t i = 0; i < n; i++) {
        if (i < l->shown)
            row[column++] = cells[i] ? report_cents_text(c, cells[i]) : "\u2014";
        total += cells[i];
    }
    if (l->ancillary_owed > 0)
        row[column++] = ancillary ? report_cents_text(c, ancillary) : "\u2014";
    if (l->total)
        row[column] = report_cents_text(c, total);
    report_table_row_cells(t, row);
}

/* A 2400 Deferred revenue balance cell: a business that receives money
 * ahead every month has an unknown balance (the handoff states no
 * redemptions), "not stated", or "at least" the one-off amount it states;
 * never "—" (docs/reports.md, Revenue recognition; eyes-final12 Z2). */
static const char *deferred_balance_text(const report_context *c, int64_t cents, bool unknown)
{
    if (!unknown)
        return cents ? report_cents_text(c, cents) : "\u2014";
    return cents ? report_format(c, "at least %s", report_cents_text(c, cents)) : "not stated";
}

/* The balance row 2400 Deferred revenue, per entity and in total. */
static void deferred_balance_row(const report_context *c, const chart_layout *l, report_table *t,
                                 const int64_t *cells)
{
    size_t column = 1;
    const char **row = arena_alloc(c->arena, t->column_count * sizeof *row);
    row[0] = report_format(c, "%d %s", account_rules[ACC_DEFERRED].number,
                           account_rules[ACC_DEFERRED].name);
    int64_t total = 0;
    bool unknown = false;
    for (size_t i = 0; i < c->entity_count; i++) {
        bool ahead = receives_ahead(c->entities[i]);
        if (i < l->shown)
            row[column++] = deferred_balance_text(c, cells[i], ahead);
        total += cells[i];
        unknown |= ahead;
    }
    if (l->ancillary_owed > 0)
        row[column++] = "\u2014";
    if (l->total)
        row[column] = deferred_balance_text(c, total, unknown);
    report_table_row_cells(t, row);
}

/* The subtotal of the monthly accounts from `first` to `last`. */
static void chart_subtotal(const report_context *c, const chart *ch, account_id first,
                           account_id last, int64_t *sum)
{
    for (size_t i = 0; i < c->entity_count; i++) {
        sum[i] = 0;
        for (int a = (int)first; a <= (int)last; a++)
            if (account_rules[a].monthly)
                sum[i] += ch->cells[(size_t)a * c->entity_count + i];
    }
}

static report_column *chart_columns(const report_context *c, const chart_layout *l,
                                    size_t *count)
{
    *count = 1 + l->shown + (l->ancillary_owed > 0) + l->total;
    report_column *columns = arena_alloc(c->arena, *count * sizeof *columns);
    size_t column = 0;
    columns[column++] = (report_column){"Account", REPORT_LEFT};
    for (size_t i = 0; i < l->shown; i++)
        columns[column++] = (report_column){c->entities[i]->title, REPORT_RIGHT};
    if (l->ancillary_owed > 0)
        columns[column++] = (report_column){"Ancillary", REPORT_RIGHT};
    if (l->total)
        columns[column] = (report_column){"Total", REPORT_RIGHT};
    return columns;
}

/* Whether the entity splits its loan's interest out (an `interest` line). */
static bool has_interest_line(const entity *e)
{
    const section *s = &e->sections[SECTION_EXPENSES];
    for (size_t i = 0; i < s->item_count; i++)
        if (holds_any(s->items[i].label, account_rules[ACC_INTEREST].words))
            return true;
    return false;
}

/* "Boat loan payment" -> "Boat loan": the name its interest line takes. */
static const char *loan_name(const report_context *c, const char *label)
{
    size_t n = strlen(label), tail = strlen(" payment");
    if (n > tail && strcasecmp(label + n - tail, " payment") == 0)
        return report_format(c, "%.*s", (int)(n - tail), label);
    return label;
}


/* handoff-format.md, "A loan's principal is not a loss": the rows of
 * `e` below Accounting's operating result, read with the chart's own
 * tests (is_loan_payment, report_revenue_deferral), so the CEO and the Audit name the
 * same operating result as the chart. Invariant: operating = revenue −
 * ahead − (burn − loan), midpoints. */
void report_entity_operating(const report_context *c, const entity *e, report_operating *out)
{
    *out = (report_operating){0};
    const section *exp = &e->sections[SECTION_EXPENSES];
    for (size_t i = 0; i < exp->item_count; i++) {
        report_amount m;
        if (expense_account(&exp->items[i]) == ACC_LOAN &&
            report_item_monthly(c, e, &exp->items[i], &m))
            out->loan += m.mid;
    }
    out->principal = out->loan > 0 && has_interest_line(e);
    const section *rev = &e->sections[model_revenue_section(e)];
    for (size_t i = 0; i < rev->item_count; i++) {
        report_amount m;
        if (report_revenue_ahead_amount(c, e, &rev->items[i], &m))
            out->ahead += m.mid;
    }
    out->operating = report_entity_revenue(c, e).mid - out->ahead -
                     (report_entity_burn(c, e).mid - out->loan);
}

/* "loan principal" when the handoff splits the interest out, else "loan
 * payments": an unsplit payment holds some interest (the 2500 note). */
const char *report_loan_words(const report_operating *o)
{
    return o->principal ? "loan principal" : "loan payments";
}

/* "operating profit $89.50", "operating loss $740", to the cent as in
 * the chart. */
const char *report_operating_text(const report_context *c, const report_operating *o)
{
    return report_format(c, "operating %s %s", o->operating < 0 ? "loss" : "profit",
                         report_cents_text(c, o->operating < 0 ? -o->operating : o->operating));
}

/* handoff-format.md, "A loan's principal is not a loss": the one wording
 * of a net burn of `net` cents. Without loan payments in the burn, "loses
 * $331/month" (clause), "$331/month loss" (noun), "loss" (word); with
 * them, "is short $331/month in cash after $420/month of loan principal
 * (operating profit $89.50)", "$331/month cash shortfall", "cash
 * shortfall". */
const char *report_loss_text(const report_context *c, const entity *e, int64_t net,
                             report_loss_form form)
{
    report_operating o;
    report_entity_operating(c, e, &o);
    const char *amount = report_dollars_text(c, net);
    const char *word = o.loan > 0 ? "cash shortfall" : "loss";
    if (form == REPORT_LOSS_WORD)
        return word;
    if (form == REPORT_LOSS_NOUN)
        return report_format(c, "%s/month %s", amount, word);
    if (o.loan <= 0)
        return report_format(c, "loses %s/month", amount);
    return report_format(c, "is short %s/month in cash after %s/month of %s (%s)", amount,
                         report_dollars_text(c, o.loan), report_loan_words(&o),
                         report_operating_text(c, &o));
}

/* "6080 Marketing holds $400/month of advertising tagged variable (Google
 * Ads, Queen of San Diego): …": advertising is an operating expense in the
 * chart (eyes-final19 A12) while the CFO counts it variable, so the line
 * says how the two splits meet. Invariant: the CFO's variable costs are
 * cost of sales (5000) plus this amount. */
static void put_variable_marketing_note(const report_context *c, strbuf *out)
{
    int64_t total = 0;
    strbuf lines = STRBUF_INIT;
    for (size_t i = 0; i < c->entity_count; i++) {
        const section *s = &c->entities[i]->sections[SECTION_EXPENSES];
        for (size_t j = 0; j < s->item_count; j++) {
            const item *it = &s->items[j];
            report_amount m;
            if (!report_cost_is_variable(it) || expense_account(it) != ACC_MARKETING ||
                !report_item_monthly(c, c->entities[i], it, &m))
                continue;
            total += m.mid;
            strbuf_printf(&lines, "%s%s, %s", lines.len ? "; " : "", it->label,
                          c->entities[i]->title);
        }
    }
    if (total)
        strbuf_printf(out, "6080 Marketing holds %s/month of advertising tagged variable (%s): "
                           "the CFO counts it among variable costs, so its variable costs are "
                           "cost of sales (5000) plus it.\n\n",
                      report_cents_text(c, total), strbuf_cstr(&lines));
    strbuf_free(&lines);
}

/* Each loan line of an entity with no interest line: principal and
 * interest are not split, so the interest expense is unknown. */
static void put_loan_notes(const report_context *c, strbuf *out)
{
    size_t shown = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        const section *s = &e->sections[SECTION_EXPENSES];
        if (has_interest_line(e))
            continue;
        for (size_t j = 0; j < s->item_count; j++) {
            const item *it = &s->items[j];
            if (!is_loan_payment(it) || expense_account(it) != ACC_LOAN)
                continue;
            strbuf_printf(out, "- %s (%s, %s:%d): principal and interest are not split, so it "
                               "is booked whole as 2500 financing; add `%s interest: $X/month` "
                               "to book the interest as 6110 Interest expense.\n",
                          it->label, e->title, e->path, it->line, loan_name(c, it->label));
            /* the body's ask is the one ask (reports.md, R9) */
            report_note_asked(c, e, SECTION_EXPENSES,
                                report_format(c, "%s interest: $X/month", loan_name(c, it->label)));
            shown++;
        }
    }
    if (shown)
        strbuf_putc(out, '\n');
}


/* Whether an amount the monthly accounts read is a range ("$7-9K",
 * "18-22 nights"): only then are its cells midpoints worth saying
 * (docs/reports.md, Chart of accounts; eyes-final15 S8). */
static bool scope_has_range(const report_context *c)
{
    static const section_kind read[] = {SECTION_REVENUE, SECTION_CLIENTS, SECTION_EXPENSES,
                                        SECTION_KPIS};
    for (size_t i = 0; i < c->entity_count; i++)
        for (size_t k = 0; k < sizeof read / sizeof read[0]; k++) {
            const section *s = &c->entities[i]->sections[read[k]];
            for (size_t j = 0; j < s->item_count; j++) {
                const value *v = &s->items[j].value;
                if ((v->kind == VALUE_MONEY && v->money.low_cents != v->money.high_cents) ||
                    (v->kind != VALUE_MONEY && v->scaled != v->scaled_high))
                    return true;
            }
        }
    return false;
}

/* The rows below the operating result (docs/reports.md, Chart of
 * accounts): 2400 received (cash in ahead of earning) and 2500 (loan
 * principal out), then Net, which is always the surplus; `net` holds the
 * operating result and ends as Net. The sentence above the table says
 * why each row sits there. */
static void put_below_operating(const report_context *c, const chart_layout *layout,
                                report_table *t, const chart *ch, int64_t *net, strbuf *out)
{
    static const struct {
        account_id account;
        int sign; /* +1 cash in, -1 cash out */
        const char *in_net;
        const char *why;
    } below[] = {
        {ACC_DEFERRED_RECEIVED, +1, " + 2400",
         " Deferred revenue received sits below the operating result: it is cash taken in "
         "before it is earned, a liability until then."},
        {ACC_LOAN, -1, " − 2500",
         " Loan repayments sit below the operating result: their principal is financing."},
    };
    size_t n = c->entity_count;
    strbuf_puts(out, scope_has_range(c) ? "Monthly accounts (range midpoints)." : "Monthly accounts.");
    strbuf label = STRBUF_INIT;
    for (size_t b = 0; b < sizeof below / sizeof below[0]; b++) {
        account_id a = below[b].account;
        if (!ch->used[a])
            continue;
        if (!label.len)
            chart_row(c, layout, t, "", "Operating result (4000 − 5000 − 6000)", true, net, 0);
        const int64_t *cells = &ch->cells[(size_t)a * n];
        chart_row(c, layout, t, report_format(c, "%d", account_rules[a].number),
                  account_rules[a].name, true, cells, 0);
        for (size_t i = 0; i < n; i++)
            net[i] += below[b].sign * cells[i];
        strbuf_puts(&label, below[b].in_net);
        strbuf_puts(out, below[b].why);
    }
    chart_row(c, layout, t, "",
              label.len ? report_format(c, "Net (operating result%s)", strbuf_cstr(&label))
                        : "Net (4000 − 5000 − 6000)",
              true, net, 0);
    strbuf_free(&label);
}

static bool in_scope(const report_context *c, const entity *e)
{
    for (size_t i = 0; i < c->entity_count; i++)
        if (c->entities[i] == e)
            return true;
    return false;
}

/* The payer's expense line of the same monthly amount as a fee it pays
 * inside the group, NULL when its handoff has none. */
/* Whether `label` names `biller`: a word of its title of four letters or
 * more ("Bookkeeping by Fernway", "Accountant (Kestrel Tax & Audit)"). */
static bool names_biller(const char *label, const entity *biller)
{
    for (const char *at = biller->title; *at;) {
        while (*at && !isalnum((unsigned char)*at))
            at++;
        size_t n = 0;
        while (isalnum((unsigned char)at[n]))
            n++;
        char word[64];
        if (n >= 4 && n < sizeof word) {
            memcpy(word, at, n);
            word[n] = '\0';
            if (holds_any(label, word))
                return true;
        }
        at += n;
    }
    return false;
}

/* The payer's expense that is `biller`'s fee: its monthly amount, and a
 * label naming the biller or professional work, so an insurance of the
 * same amount is never taken for the bill (docs/reports.md, Data quality,
 * a fee paid inside the group; eyes-final20 B4). */
static const item *matching_expense(const report_context *c, const entity *biller,
                                    const entity *payer, int64_t fee)
{
    const section *s = &payer->sections[SECTION_EXPENSES];
    for (size_t i = 0; i < s->item_count; i++) {
        report_amount m;
        const item *it = &s->items[i];
        if (report_item_monthly(c, payer, it, &m) && m.mid == fee &&
            (names_biller(it->label, biller) ||
             holds_any(it->label, account_rules[ACC_PROFESSIONAL].words)))
            return it;
    }
    return NULL;
}

const item *report_group_fee_expense(const report_context *c, const entity *biller,
                                     const entity *payer, int64_t fee)
{
    return matching_expense(c, biller, payer, fee);
}

/* The business of the group in scope a Clients line of `biller` names,
 * when that line has a monthly fee (in `fee`): a fee paid inside the
 * group; NULL otherwise. */
static const entity *group_fee_payer(const report_context *c, const entity *biller,
                                     const item *client, report_amount *fee)
{
    const entity *payer = report_group_business(c, biller, client);
    if (!payer || !in_scope(c, payer) || !report_item_monthly(c, biller, client, fee))
        return NULL;
    return payer;
}

/* docs/reports.md, CEO headline 1 (eyes-final8 V2): the fees Accounting's
 * "Inside the group" line names whose payer's handoff holds the expense,
 * so both revenue and costs count them: "; revenue and costs both hold
 * $800/month paid between the group's businesses (Driftwood Café →
 * Marlow & Finch Legal), net $0"; "" when none. */
/* The fees paid inside the group that both revenue and costs hold, summed
 * (the payer's handoff has the expense), with their pairs named into
 * `names` ("A → B") and `priced` ("A → B $800"); `pairs` counts them. */
static int64_t group_fees_held(const report_context *c, strbuf *names, strbuf *priced,
                               size_t *pairs)
{
    int64_t total = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *biller = c->entities[i];
        const section *clients = &biller->sections[SECTION_CLIENTS];
        for (size_t j = 0; j < clients->item_count; j++) {
            report_amount fee;
            const entity *payer = group_fee_payer(c, biller, &clients->items[j], &fee);
            if (!payer || !matching_expense(c, biller, payer, fee.mid))
                continue;
            const char *sep = *pairs ? "; " : "";
            strbuf_printf(names, "%s%s → %s", sep, payer->title, biller->title);
            strbuf_printf(priced, "%s%s → %s %s", sep, payer->title, biller->title,
                          report_dollars_text(c, fee.mid));
            total += fee.mid;
            (*pairs)++;
        }
    }
    return total;
}

const char *report_group_fees_text(const report_context *c)
{
    size_t pairs = 0;
    strbuf names = STRBUF_INIT, priced = STRBUF_INIT; /* "A → B", "A → B $800" */
    int64_t total = group_fees_held(c, &names, &priced, &pairs);
    /* one pair: the total is its amount, said once */
    const char *text = pairs ? report_format(c, "; revenue and costs both hold %s/month paid "
                                                "between the group's businesses (%s), net $0",
                                             report_dollars_text(c, total),
                                             strbuf_cstr(pairs == 1 ? &names : &priced))
                             : "";
    strbuf_free(&names);
    strbuf_free(&priced);
    return text;
}

/* "Inside the group: Marlow & Finch Legal bills Driftwood Café $800/month
 * (...), in ... revenue and ... costs (...): not eliminated in the table
 * above (net effect on the group's result $0); consolidated revenue is
 * $58,600" (docs/reports.md, Accounting, eyes-final G16, eyes-final21
 * C12): `earned` is the chart's 4000 total, so the consolidated figure is
 * the headline's (consolidated_text: 4000 less the fees held). */
static void put_group_fees(const report_context *c, int64_t earned, strbuf *out)
{
    size_t pairs = 0;
    strbuf names = STRBUF_INIT, priced = STRBUF_INIT;
    int64_t held = group_fees_held(c, &names, &priced, &pairs);
    strbuf_free(&names);
    strbuf_free(&priced);
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *biller = c->entities[i];
        const section *clients = &biller->sections[SECTION_CLIENTS];
        for (size_t j = 0; j < clients->item_count; j++) {
            const item *client = &clients->items[j];
            report_amount fee;
            const entity *payer = group_fee_payer(c, biller, client, &fee);
            if (!payer)
                continue;
            const item *cost = matching_expense(c, biller, payer, fee.mid);
            strbuf_printf(out, "Inside the group: %s bills %s %s/month (%s:%d), in %s revenue",
                          biller->title, payer->title, report_cents_text(c, fee.mid), biller->path,
                          client->line, report_possessive(c, biller->title));
            if (cost)
                strbuf_printf(out, " and %s costs (%s, %s:%d): not eliminated in the table "
                                   "above (net effect on the group's result $0); consolidated "
                                   "revenue is %s.\n\n",
                              report_possessive(c, payer->title), cost->label, payer->path,
                              cost->line, report_dollars_text(c, earned - held));
            else
                strbuf_printf(out, "; %s handoff shows no expense of %s/month.\n\n",
                              report_possessive(c, payer->title), report_cents_text(c, fee.mid));
        }
    }
}

/* The scope's chart, every entity's amounts placed in their accounts;
 * the caller frees `unplaced`. */
static chart chart_open(const report_context *c)
{
    size_t n = c->entity_count;
    chart ch = {arena_alloc(c->arena, ACC_COUNT * (n ? n : 1) * sizeof(int64_t)), {false},
                STRBUF_INIT, false, false, NULL};
    memset(ch.cells, 0, ACC_COUNT * (n ? n : 1) * sizeof(int64_t));
    for (size_t i = 0; i < n; i++)
        chart_fill_entity(&ch, c, i);
    return ch;
}

/* The chart's earned revenue (4000) and operating result (4000 − 5000 −
 * 6000) over the scope, the figures the headline leads with (S13). */
static void chart_operating_totals(const report_context *c, int64_t *earned, int64_t *operating)
{
    chart ch = chart_open(c);
    size_t n = c->entity_count ? c->entity_count : 1;
    int64_t *revenue = arena_alloc(c->arena, n * sizeof *revenue),
            *sales_cost = arena_alloc(c->arena, n * sizeof *sales_cost),
            *expenses = arena_alloc(c->arena, n * sizeof *expenses);
    chart_subtotal(c, &ch, ACC_UNIT_SALES, ACC_ONE_OFF_REVENUE, revenue);
    chart_subtotal(c, &ch, ACC_DIRECT, ACC_OTHER_VARIABLE, sales_cost);
    chart_subtotal(c, &ch, ACC_PAYROLL, ACC_ONE_OFF_EXPENSES, expenses);
    *earned = *operating = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        *earned += revenue[i];
        *operating += revenue[i] - sales_cost[i] - expenses[i];
    }
    strbuf_free(&ch.unplaced);
}

/* ", less the $600/month of loan payments": the step between the operating
 * result and cash besides the money received ahead, so the headline's two
 * figures add up as printed (docs/reports.md, Accounting headline 1;
 * eyes-final22 D3); "" when no business in scope pays a loan. */
static const char *loan_step_text(const report_context *c)
{
    int64_t loan = 0;
    bool principal = true;
    for (size_t i = 0; i < c->entity_count; i++) {
        report_operating o;
        report_entity_operating(c, c->entities[i], &o);
        loan += o.loan;
        principal = principal && (o.loan == 0 || o.principal);
    }
    if (loan <= 0)
        return "";
    return report_format(c, ", less the %s/month of loan %s", report_dollars_text(c, loan),
                         principal ? "principal" : "payments");
}

/* The one-off table's title by the dates its amounts carry: none this
 * period or later is not this month's cash, and an undated one is never
 * called past (docs/reports.md, Chart of accounts; eyes-final4 P11,
 * eyes-final12 Z13). */
static const char *one_off_title(const chart *ch)
{
    if (ch->one_off_now)
        return "One-off amounts";
    if (ch->undated && ch->one_off_past)
        return "Past or undated one-offs";
    return ch->undated ? "One-offs, date not stated" : "Past one-offs (not this period)";
}

static void put_accounts(const report_context *c, strbuf *out)
{
    size_t n = c->entity_count;
    chart ch = chart_open(c);
    chart_layout layout = chart_layout_of(c);
    if (layout.ancillary_owed > layout.ancillary_unbilled)
        ch.used[ACC_RECEIVABLE] = true;
    if (layout.ancillary_unbilled > 0)
        ch.used[ACC_UNBILLED] = true;
    strbuf_puts(out, "## Chart of accounts\n\n");
    bool any = false;
    for (int a = 0; a < ACC_COUNT; a++)
        any |= ch.used[a];
    if (!any) {
        strbuf_puts(out, "No amounts in scope to open accounts for: add `## Revenue` and "
                         "`## Expenses` lines (Data quality names the files).\n\n");
        strbuf_free(&ch.unplaced);
        return;
    }
    /* the flows have no Ancillary column: only 1200 and 1210, balances, hold one */
    chart_layout flows = layout;
    flows.ancillary_owed = 0;
    flows.total = c->entity_count > 1;
    size_t balance_count, flow_count;
    const report_column *balance_columns = chart_columns(c, &layout, &balance_count);
    const report_column *flow_columns = chart_columns(c, &flows, &flow_count);
    report_table balances, monthly, once; /* the three tables of the chart */
    report_table_init(&balances, c->arena, balance_columns, balance_count);
    report_table_init(&monthly, c->arena, flow_columns, flow_count);
    report_table_init(&once, c->arena, flow_columns, flow_count);
    for (size_t i = 0; i < n; i++)
        ch.used[ACC_DEFERRED] |= receives_ahead(c->entities[i]); /* unknown, said (Z2) */
    for (int a = ACC_CASH; a <= ACC_DEFERRED; a++)
        if (a == ACC_DEFERRED && ch.used[a])
            deferred_balance_row(c, &layout, &balances, &ch.cells[(size_t)a * n]);
        else if (ch.used[a])
            chart_row(c, &layout, &balances, report_format(c, "%d", account_rules[a].number),
                      account_rules[a].name, true, &ch.cells[(size_t)a * n],
                      a == ACC_RECEIVABLE  ? layout.ancillary_owed - layout.ancillary_unbilled
                      : a == ACC_UNBILLED ? layout.ancillary_unbilled
                                          : 0);
    static const struct {
        account_id first, last;
        const char *name;
    } groups[] = {
        {ACC_UNIT_SALES, ACC_ONE_OFF_REVENUE, "Total revenue (4000)"},
        {ACC_DIRECT, ACC_OTHER_VARIABLE, "Total cost of sales (5000)"},
        {ACC_PAYROLL, ACC_ONE_OFF_EXPENSES, "Total operating expenses (6000)"},
    };
    int64_t *sums[3];
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        for (int a = (int)groups[g].first; a <= (int)groups[g].last; a++)
            if (ch.used[a]) /* a one-off row is never among the rows a subtotal adds */
                chart_row(c, &flows, account_rules[a].monthly ? &monthly : &once,
                          report_format(c, "%d", account_rules[a].number), account_rules[a].name,
                          account_rules[a].monthly, &ch.cells[(size_t)a * n], 0);
        int64_t *sum = arena_alloc(c->arena, (n ? n : 1) * sizeof *sum);
        chart_subtotal(c, &ch, groups[g].first, groups[g].last, sum);
        sums[g] = sum;
        chart_row(c, &flows, &monthly, "", groups[g].name, true, sum, 0);
    }
    int64_t *net = arena_alloc(c->arena, (n ? n : 1) * sizeof *net);
    for (size_t i = 0; i < n; i++)
        net[i] = sums[0][i] - sums[1][i] - sums[2][i];
    if (balances.row_count) {
        strbuf_puts(out, "Balances: what is held or owed today.");
        if (layout.ancillary_owed > 0)
            strbuf_puts(out, " Ancillary: only what the ancillary handoffs are owed.");
        strbuf_puts(out, "\n\n");
        report_table_write(&balances, out);
    }
    put_below_operating(c, &flows, &monthly, &ch, net, out);
    if (!chart_per_entity(c))
        strbuf_printf(out, " %zu entities: totals only (each entity's report has its own "
                           "column).",
                      n);
    strbuf_puts(out, "\n\n");
    report_table_write(&monthly, out);
    if (once.row_count) {
        strbuf_printf(out, "%s, not in the monthly figures%s:\n\n", one_off_title(&ch),
                      !ch.one_off_now && ch.undated
                          ? report_format(c, " (add the date: %s)", ch.undated)
                          : "");
        report_table_write(&once, out);
    }
    if (ch.unplaced.len)
        strbuf_printf(out, "Not in the chart (no monthly figure; Data quality says what to add): "
                           "%s.\n\n",
                      strbuf_cstr(&ch.unplaced));
    put_variable_marketing_note(c, out);
    put_loan_notes(c, out);
    int64_t earned, operating;
    chart_operating_totals(c, &earned, &operating);
    put_group_fees(c, earned, out);
    strbuf_free(&ch.unplaced);
}

static bool has_cost_tag(const item *it)
{
    return model_item_has_tag(it, "fixed") || model_item_has_tag(it, "variable");
}

typedef struct {
    const char *label;
    size_t entity;
    size_t order;
} labelled_expense;

static int labelled_compare(const void *a, const void *b)
{
    const labelled_expense *x = a, *y = b;
    int by_label = strcasecmp(x->label, y->label);
    if (by_label)
        return by_label;
    return x->entity < y->entity ? -1 : x->entity > y->entity;
}

/* For each expense in scope order: how many entities have an expense with
 * its label. Sorted once, so big portfolios stay O(n log n). */
static size_t *label_counts(const report_context *c)
{
    size_t total = 0;
    for (size_t i = 0; i < c->entity_count; i++)
        total += c->entities[i]->sections[SECTION_EXPENSES].item_count;
    labelled_expense *all = arena_alloc(c->arena, (total ? total : 1) * sizeof *all);
    size_t *counts = arena_alloc(c->arena, (total ? total : 1) * sizeof *counts);
    size_t n = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const section *s = &c->entities[i]->sections[SECTION_EXPENSES];
        for (size_t j = 0; j < s->item_count; j++, n++)
            all[n] = (labelled_expense){s->items[j].label, i, n};
    }
    if (n)
        qsort(all, n, sizeof *all, labelled_compare);
    for (size_t start = 0, end; start < n; start = end) {
        size_t entities = 1;
        for (end = start + 1; end < n && strcasecmp(all[end].label, all[start].label) == 0; end++)
            entities += all[end].entity != all[end - 1].entity;
        for (size_t k = start; k < end; k++)
            counts[all[k].order] = entities;
    }
    return counts;
}

static bool is_untagged(const item *it)
{
    bool one_off = it->value.kind == VALUE_MONEY && it->value.money.period == PERIOD_NONE;
    /* an unused line is the table's and the roadmap cancels it (eyes-final5a Q6) */
    return !one_off && !has_cost_tag(it) && !model_item_has_tag(it, "unused");
}

/* "DangerousCentaur: AWS, GitHub (file:15, 16); QuickDumpNow: ...": the
 * lines not tagged fixed or variable, one entity at a time, or "" when
 * every line is tagged (docs/reports.md, Expense audit). */
static const char *untagged_expenses_text(const report_context *c)
{
    strbuf all = STRBUF_INIT;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        const section *s = &e->sections[SECTION_EXPENSES];
        strbuf labels = STRBUF_INIT, lines = STRBUF_INIT;
        for (size_t j = 0; j < s->item_count; j++) {
            if (!is_untagged(&s->items[j]))
                continue;
            strbuf_printf(&labels, "%s%s", labels.len ? ", " : "", s->items[j].label);
            strbuf_printf(&lines, "%s%d", lines.len ? ", " : "", s->items[j].line);
        }
        if (labels.len)
            strbuf_printf(&all, "%s%s: %s (%s:%s)", all.len ? "; " : "", e->title,
                          strbuf_cstr(&labels), e->path, strbuf_cstr(&lines));
        strbuf_free(&labels);
        strbuf_free(&lines);
    }
    const char *text = report_format(c, "%s", all.len ? strbuf_cstr(&all) : "");
    strbuf_free(&all);
    return text;
}

/* One row per expense flagged unused, duplicate or one-off, its findings
 * together. */
static void audit_expense(const report_context *c, const entity *e, const item *it,
                          size_t label_entities, report_table *t)
{
    strbuf findings = STRBUF_INIT;
    bool one_off = it->value.kind == VALUE_MONEY && it->value.money.period == PERIOD_NONE;
    if (one_off) /* neither fixed nor variable: nothing to tag */
        strbuf_puts(&findings, "one-off: in 6950, not in the monthly burn");
    /* not tagged fixed or variable: the line above the table says it */
    if (label_entities > 1 && model_item_has_tag(it, "tech"))
        strbuf_printf(&findings, "%sduplicate across entities", findings.len ? "; " : "");
    if (model_item_has_tag(it, "unused"))
        strbuf_printf(&findings, "%sunused", findings.len ? "; " : "");
    if (findings.len)
        report_table_row(t, e->title, it->label, report_written_amount(c, it),
                         arena_strdup(c->arena, strbuf_cstr(&findings)));
    strbuf_free(&findings);
}

static void put_expense_audit(const report_context *c, strbuf *out)
{
    static const report_column columns[] = {
        {"Entity", REPORT_LEFT},
        {"Item", REPORT_LEFT},
        {"Amount", REPORT_RIGHT},
        {"Finding", REPORT_LEFT},
    };
    report_table t;
    report_table_init(&t, c->arena, columns, 4);
    strbuf_puts(out, "## Expense audit\n\n");
    const size_t *label_entities = label_counts(c);
    size_t order = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const section *s = &c->entities[i]->sections[SECTION_EXPENSES];
        for (size_t j = 0; j < s->item_count; j++)
            audit_expense(c, c->entities[i], &s->items[j], label_entities[order++], &t);
    }
    const char *untagged = untagged_expenses_text(c);
    if (*untagged)
        strbuf_printf(out, "Not tagged fixed or variable (until tagged, a monthly amount counts "
                           "as fixed): %s.\n\n",
                      untagged);
    if (!t.row_count) {
        if (!*untagged)
            strbuf_puts(out, "Nothing to flag: no untagged, duplicate or unused expense.\n\n");
        return;
    }
    report_table_write(&t, out);
}

/* The calendar quarter `offset` quarters after the one holding `now`. */
static const char *quarter_name(const report_context *c, int offset)
{
    struct tm tm;
    time_t now = c->options->now;
    gmtime_r(&now, &tm);
    int index = tm.tm_mon / 3 + offset;
    return report_format(c, "Q%d %d", index % 4 + 1, tm.tm_year + 1900 + index / 4);
}

/* "net burn $1,768" or "surplus $1,232": the monthly net after a step,
 * named for what it is (never "net burn surplus"); the period is in the
 * column's heading, so a row that collects money owed once shows no
 * "/month" beside it (rule 2). */
static const char *net_text(const report_context *c, int64_t net)
{
    return net < 0 ? report_format(c, "surplus %s", report_cents_text(c, -net))
                   : report_format(c, "net burn %s", report_cents_text(c, net));
}

/* The range beside net_text's label, read as the label reads, worst end
 * first: a surplus's range is the surplus's (-$319.40–$2,640.60), never
 * the net burn's beside the word "surplus" (docs/reports.md, Accounting
 * roadmap; check22 F1). `net` is a net burn, its midpoint < 0 a surplus. */
static const char *net_range_text(const report_context *c, const report_amount *net)
{
    if (net->mid >= 0)
        return report_amount_text(c, net);
    report_amount surplus = {-net->high, -net->low, -net->mid};
    return report_amount_text(c, &surplus);
}

/* The scope's net burn (gross − revenue) over the entities stating
 * expenses; false when none does. */
static bool roadmap_inputs(const report_context *c, report_amount *net)
{
    bool stated = false;
    *net = (report_amount){0};
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        if (!report_entity_states_expenses(c, e))
            continue;
        stated = true;
        /* its ends two scenarios: percents move with their revenue end (rule 4) */
        report_amount part = report_entity_net_burn(c, e);
        report_amount_add(net, &part);
    }
    return stated;
}

/* One roadmap row: `monthly` changes the net burn (a saving < 0), a
 * one-off amount does not and is summed into the quarter's cash. */
#define ROADMAP_QUARTERS 3

typedef struct {
    report_table table;
    int64_t net;                        /* net burn per month, < 0: surplus */
    int64_t today;                      /* net burn before any step, < 0: surplus */
    int64_t held_monthly;               /* monthly costs of the steps held (beyond the room) */
    size_t held_count;
    int64_t cash_out[ROADMAP_QUARTERS]; /* one-off costs of the quarter's steps */
    int64_t held_out[ROADMAP_QUARTERS]; /* those on hold, not paid out (Y2) */
    int64_t cash_in[ROADMAP_QUARTERS];  /* one-off money collected */
    int64_t billed_in;                  /* of cash_in[UNBILLED_CASH_QUARTER]: billed, not yet due (B8) */
    report_entry *actions;              /* the scope's actions by priority */
    size_t action_count;
    int64_t *entity_change;             /* per entity: what the steps add to its monthly net */
    bool *entity_changed;               /* per entity: a step changed it (Q9) */
    int64_t *entity_once;               /* per entity: one-off costs the steps pay out (B1) */
} roadmap;

/* Index of `e` in the scope, or entity_count when it is not in it. */
static size_t roadmap_entity_index(const report_context *c, const entity *e)
{
    size_t i = 0;
    while (i < c->entity_count && c->entities[i] != e)
        i++;
    return i;
}

/* A step's one-off cost paid out in `quarter`: counted in the quarter's
 * cash out and against its business's cash, so the runway said after the
 * table is the cash the steps leave (docs/reports.md, Accounting roadmap;
 * eyes-final20 B1). Invariant: the cash-out line and the runways after
 * the table count the same one-off costs. */
static void roadmap_pay_once(const report_context *c, roadmap *r, int quarter, const entity *e,
                             int64_t cost)
{
    r->cash_out[quarter] += cost;
    size_t i = roadmap_entity_index(c, e);
    if (i < c->entity_count)
        r->entity_once[i] += cost;
}

/* A step changes `e`'s monthly net by `monthly` (a saving < 0): said after
 * the table when `e` burns (docs/reports.md, Accounting roadmap; Q9). */
static void roadmap_entity_change(const report_context *c, roadmap *r, const entity *e,
                                  int64_t monthly)
{
    size_t i = roadmap_entity_index(c, e);
    if (i < c->entity_count)
        r->entity_change[i] += monthly, r->entity_changed[i] = true;
}

/* "ShiftCal after these steps: loss $3,446.12/month; its $65,000 cash less
 * the steps' $15,120 one-off leaves $49,880, which lasts 14 months (to
 * about Feb 2028)": the cash a business has once its steps' one-off costs
 * are paid (docs/reports.md, Accounting roadmap; eyes-final20 B1). */
static void put_entity_after_cash(const report_context *c, const entity *e, int64_t cash,
                                  int64_t once, int64_t burn, strbuf *out)
{
    if (!once) {
        strbuf_printf(out, "%s after these steps: loss %s/month; its %s cash lasts %s.\n\n",
                      e->title, report_cents_text(c, burn), report_cents_text(c, cash),
                      report_runway_months_text(c, cash / burn));
        return;
    }
    const char *before = report_format(c, "%s after these steps: loss %s/month; its %s cash less "
                                          "the steps' %s one-off leaves",
                                       e->title, report_cents_text(c, burn),
                                       report_cents_text(c, cash), report_cents_text(c, once));
    if (cash <= once)
        strbuf_printf(out, "%s no cash: the steps need it funded.\n\n", before);
    else
        strbuf_printf(out, "%s %s, which lasts %s.\n\n", before, report_cents_text(c, cash - once),
                      report_runway_months_text(c, (cash - once) / burn));
}

/* "TallyHQ after these steps: loss $1,738/month; its $30,000 cash lasts 17
 * months (to about May 2028).": each business that burns today and whose
 * monthly result or cash the steps change, and each the steps turn into a
 * loss-maker, so "profitable" (the group's) never hides a loss-maker the
 * plan adds costs to (eyes-final13 Q9, eyes-final20 B1/B5). */
static void put_entities_after(const report_context *c, const roadmap *r, strbuf *out)
{
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        report_runway run;
        bool burns_today = report_entity_burning(c, e, &run);
        int64_t burn = run.net_burn + r->entity_change[i];
        bool turned = !burns_today && r->entity_changed[i] && burn > 0 &&
                      e->has_section[SECTION_EXPENSES];
        if (!turned && (!burns_today || (!r->entity_changed[i] && !r->entity_once[i])))
            continue;
        if (burn <= 0)
            strbuf_printf(out, "%s after these steps: breaks even.\n\n", e->title);
        else if (!run.has_cash)
            strbuf_printf(out, "%s after these steps: loss %s/month; it states no cash (see the "
                               "headline).\n\n",
                          e->title, report_cents_text(c, burn));
        else
            put_entity_after_cash(c, e, run.cash, r->entity_once[i], burn, out);
    }
}

static void roadmap_row(const report_context *c, roadmap *r, int quarter, const char *step,
                        const char *entity, const char *effect, int64_t monthly)
{
    r->net += monthly;
    report_table_row(&r->table, quarter_name(c, quarter), step, entity, effect,
                     net_text(c, r->net));
}

/* The closing "After these steps" row: what the steps do alone, its
 * Quarter cell empty, since nothing is due then (reports.md, check20 E5). */
static void roadmap_closing_row(const report_context *c, roadmap *r, const char *step)
{
    report_table_row(&r->table, "", step, "", "\u2014", net_text(c, r->net));
}

/* The quarter (0 this one) a business's off-season ends, from its Status
 * ("Off-season until April"), within the roadmap's quarters; 1 (next
 * quarter) for any other business (docs/reports.md, Accounting). */
static int target_quarter(const report_context *c, const entity *e)
{
    report_season season;
    if (!report_entity_off_season(c, e, &season) || !season.month)
        return 1;
    struct tm tm;
    time_t now = c->options->now;
    gmtime_r(&now, &tm);
    int quarter = (int)((tm.tm_mon % 3 + season.until_months) / 3);
    return quarter < 1 ? 1 : quarter > ROADMAP_QUARTERS - 1 ? ROADMAP_QUARTERS - 1 : quarter;
}

/* The quarter that holds an action's one date (reports.md, "One date per
 * action"), the roadmap's last at most. */
static int action_quarter(const report_context *c, const report_entry *action)
{
    int quarter = report_due_quarter(c, report_action_due_days(c, action->entity, action->item));
    return quarter < ROADMAP_QUARTERS ? quarter : ROADMAP_QUARTERS - 1;
}

static void put_no_cost_steps(const report_context *c, const roadmap *r, strbuf *out)
{
    size_t n;
    const char *names = report_no_cost_actions(c, r->actions, r->action_count, &n);
    if (n)
        strbuf_printf(out, "No cost, so not in the table: %zu step%s — %s.\n\n", n,
                      n == 1 ? "" : "s", names);
}

/* A roadmap room hold in its two wordings: alone in a Step cell, and
 * after "on hold: cash not stated, and " (docs/reports.md, Accounting
 * roadmap; eyes-final18 W11). */
typedef struct {
    const char *alone;
    const char *beside_cash;
} room_hold;

/* An action's Step cell, marked when its quarter holds or follows the
 * month its business's cash runs out (docs/reports.md, Accounting
 * roadmap; eyes-final5a Q17), with `room`, the room hold of a monthly
 * cost the roadmap holds, or NULL. Invariant: every reason is in one
 * parenthesis after the label, never two back to back (eyes-final18 W11). */
static const char *step_text(const report_context *c, const report_entry *action, int quarter,
                             const room_hold *room, const char *turns)
{
    report_runway run;
    report_entity_runway(c, action->entity, &run);
    struct tm tm;
    time_t now = c->options->now;
    gmtime_r(&now, &tm);
    /* a burning business with no cash stated: its spend waits, as in the
     * CEO's agenda and the CFO's tiers (eyes-final9 W5); beyond the room
     * too, both said as one hold */
    bool held = report_spend_waits_for_funding(c, action->entity, action->item);
    if (report_burns_without_cash(&run) && held)
        return room ? report_format(c, "%s (on hold: cash not stated, and %s)", action->item->label,
                                    room->beside_cash)
                    : report_format(c, "%s (%s)", action->item->label,
                                    report_spend_hold_text(c, action->entity));
    bool runs_out = run.has_cash && run.net_burn > 0 && (tm.tm_mon % 3 + run.months) / 3 <= quarter;
    /* a one-off spend the other reports hold says so, like a row whose
     * cash is unstated (R11, check21 F5), as the one-off line counts it
     * "on hold" (Y2); a monthly one is counted in the net, so it is not
     * said held; the cash note stays beside it */
    bool one_off = action->item->value.kind == VALUE_MONEY &&
                   action->item->value.money.period == PERIOD_NONE;
    const char *reasons[4] = {held && one_off ? report_spend_hold_text(c, action->entity) : NULL,
                              room ? room->alone : NULL, turns,
                              runs_out ? report_format(c, "its cash runs out %s",
                                                       report_runway_end_text(c, run.months))
                                       : NULL};
    strbuf said = STRBUF_INIT;
    for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
        if (reasons[i])
            strbuf_printf(&said, "%s%s", said.len ? "; " : "", reasons[i]);
    const char *text = said.len ? report_format(c, "%s (%s)", action->item->label, strbuf_cstr(&said))
                                : action->item->label;
    strbuf_free(&said);
    return text;
}

/* The CFO's room at the row's surplus: today's room plus what the steps
 * so far saved, less what they added (report_scope_room_after). */
static int64_t roadmap_room(const report_context *c, const roadmap *r)
{
    return report_scope_room_after(c, r->today - r->net);
}

/* A new monthly cost beyond the room left is held, not planned, in a
 * scope with a surplus today (docs/reports.md, Accounting roadmap;
 * eyes-final6b S12): the plan never spends what the CFO forbids. */
static bool roadmap_holds(const report_context *c, const roadmap *r, int64_t monthly)
{
    return r->today < 0 && monthly > 0 && monthly > roadmap_room(c, r);
}

/* Why a monthly cost the roadmap holds waits for room: the one status's
 * words when `waits` (report_spend_room_hold_text), else "hold: beyond
 * the CFO's $0 room" at the row's room (S12). Said beside a hold for
 * unstated cash, the room alone, "the CFO's room is $0" or "beyond the
 * CFO's $50 room" (step_text; eyes-final18 W11). */
static room_hold room_hold_of(const report_context *c, const roadmap *r, const entity *e,
                              bool waits)
{
    if (waits) {
        const char *text = report_spend_room_hold_text(c, e);
        return (room_hold){text, text}; /* never beside a funding hold: room_candidate */
    }
    int64_t room = roadmap_room(c, r);
    const char *amount = report_cents_text(c, room);
    return (room_hold){report_format(c, "hold: beyond the CFO's %s room", amount),
                       room > 0 ? report_format(c, "beyond the CFO's %s room", amount)
                                : report_format(c, "the CFO's room is %s", amount)};
}

/* "Northbeam Advisory then loses $450/month unless its revenue grows by
 * about $450/month": said in the Step cell of a monthly step that turns a
 * business with a surplus (after the steps before it) into a loss-maker,
 * so the group's "profitable" never hides it (docs/reports.md, Accounting
 * roadmap; eyes-final20 B5); NULL when the step leaves it as it was. */
static const char *turns_to_loss_text(const report_context *c, const roadmap *r, const entity *e,
                                      int64_t monthly)
{
    size_t i = roadmap_entity_index(c, e);
    if (i >= c->entity_count || !e->has_section[SECTION_EXPENSES])
        return NULL;
    int64_t before = report_entity_net_burn(c, e).mid + r->entity_change[i];
    int64_t after = before + monthly;
    if (before > 0 || after <= 0)
        return NULL;
    return report_format(c, "%s then loses %s/month unless its revenue grows by about %s/month",
                         e->title, report_cents_text(c, after), report_cents_text(c, after));
}

static void roadmap_actions(const report_context *c, roadmap *r, int quarter)
{
    const report_entry *actions = r->actions;
    for (size_t i = 0; i < r->action_count; i++) {
        const item *it = actions[i].item;
        if (action_quarter(c, &actions[i]) != quarter ||
            report_action_is_free(c, actions[i].entity, it) ||
            report_spend_swap(c, actions[i].entity, it)) /* its saving's row */
            continue;
        if (report_action_costs_nothing(it)) { /* a blast's send, whatever its line says (Z3) */
            report_sent_blast sent;
            report_blast_sent_cost(c, actions[i].entity, &sent); /* not free: it is sent */
            roadmap_pay_once(c, r, quarter, actions[i].entity, sent.cost);
            roadmap_row(c, r, quarter, step_text(c, &actions[i], quarter, NULL, NULL), actions[i].entity->title,
                        report_format(c, "cost %s one-off", report_cents_text(c, sent.cost)), 0);
            continue;
        }
        report_amount monthly = {0}, once;
        bool recurring = report_item_monthly(c, actions[i].entity, it, &monthly);
        if (!recurring && it->value.kind == VALUE_MONEY && report_item_amount(it, &once)) {
            /* a spend the other reports hold is not paid out (Y2) */
            if (report_spend_waits_for_funding(c, actions[i].entity, it))
                r->held_out[quarter] += once.mid;
            else
                roadmap_pay_once(c, r, quarter, actions[i].entity, once.mid);
        }
        const char *cost = it->value.kind == VALUE_MONEY || it->value.kind == VALUE_PERCENT
                               ? report_format(c, "cost %s", report_written_amount(c, it))
                               : "cost not stated";
        bool waits = report_spend_waits_for_room(c, actions[i].entity, it); /* Z4, Q3 */
        if (recurring && (waits || roadmap_holds(c, r, monthly.mid))) {
            room_hold room = room_hold_of(c, r, actions[i].entity, waits);
            report_table_row(&r->table, quarter_name(c, quarter),
                             step_text(c, &actions[i], quarter, &room, NULL), actions[i].entity->title,
                             cost, "not counted");
            r->held_monthly += monthly.mid;
            r->held_count++;
            continue;
        }
        const char *turns = recurring ? turns_to_loss_text(c, r, actions[i].entity, monthly.mid)
                                      : NULL;
        roadmap_row(c, r, quarter, step_text(c, &actions[i], quarter, NULL, turns),
                    actions[i].entity->title, cost, recurring ? monthly.mid : 0);
        if (recurring)
            roadmap_entity_change(c, r, actions[i].entity, monthly.mid);
    }
}

/* Whether an action is the collect step itself ("Chase the overdue
 * invoices"): a word starting with overdue, or chase/collect beside
 * invoice, payment, money or debt (docs/reports.md, Accounting roadmap;
 * eyes-final14 R11). */
static bool collects_overdue(const item *action)
{
    return action->label &&
           (holds_any(action->label, "overdue") ||
            (holds_any(action->label, "chase collect") &&
             holds_any(action->label, "invoice payment money debt")));
}

/* The collect row's step for `e`: its own collect action, in its words,
 * taken out of the actions so it is one step, never a row and a no-cost
 * line too (R11); else "Collect the overdue money". */
static const char *collect_step(roadmap *r, const entity *e)
{
    for (size_t i = 0; i < r->action_count; i++) {
        if (r->actions[i].entity != e || !collects_overdue(r->actions[i].item))
            continue;
        const char *label = r->actions[i].item->label;
        memmove(&r->actions[i], &r->actions[i + 1],
                (r->action_count - i - 1) * sizeof r->actions[i]);
        r->action_count--;
        return label;
    }
    return "Collect the overdue money";
}

/* Unbilled work is invoiced this quarter and its cash comes in the next:
 * the quarter both its row's Effect cell and the one-off cash line name, so
 * they never disagree (docs/reports.md, Accounting roadmap; eyes-final18 W8). */
#define UNBILLED_CASH_QUARTER 1

/* Overdue and unbilled money per entity, from the receivables every
 * report reads (the ancillary handoffs' too in the portfolio scope, as
 * the headline and Receivables): one row per entity and state. */
static void roadmap_collect(const report_context *c, roadmap *r)
{
    report_owed_list owed = {0};
    report_receivables_collect(c, &owed);
    for (size_t i = 0; i < owed.count; i++) {
        const entity *e = owed.items[i].entity;
        bool first = true;
        for (size_t j = 0; j < i && first; j++)
            first = owed.items[j].entity != e;
        if (!first)
            continue;
        int64_t overdue = 0, unbilled = 0, billed = 0;
        for (size_t j = i; j < owed.count; j++) {
            const report_owed *o = &owed.items[j];
            if (o->entity == e && o->state == OWED_OVERDUE)
                overdue += o->amount.mid;
            else if (o->entity == e && o->state == OWED_UNBILLED)
                unbilled += o->amount.mid;
            /* not yet due: next quarter, no terms being stated; one not
             * marked overdue may be paid, so it is not counted (B8) */
            else if (o->entity == e && o->state == OWED_BILLED && !report_owed_unmarked(o))
                billed += o->amount.mid;
        }
        r->cash_in[0] += overdue;
        r->cash_in[UNBILLED_CASH_QUARTER] += unbilled + billed;
        r->billed_in += billed;
        if (overdue > 0)
            roadmap_row(c, r, 0, collect_step(r, e), report_entity_cell(c, e),
                        report_format(c, "cash in %s one-off", report_cents_text(c, overdue)), 0);
        if (unbilled > 0)
            roadmap_row(c, r, 0, "Invoice the unbilled work", report_entity_cell(c, e),
                        report_format(c, "cash in %s one-off, in %s",
                                      report_cents_text(c, unbilled),
                                      quarter_name(c, UNBILLED_CASH_QUARTER)),
                        0);
    }
}

/* A burning entity with no units to count: its revenue target, the CFO's
 * break-even figure, not counted either (docs/reports.md, Accounting). */
static void roadmap_revenue_target(const report_context *c, roadmap *r, int quarter,
                                   const entity *e)
{
    int64_t net = report_entity_burn(c, e).mid - report_entity_revenue(c, e).mid, more,
            break_even;
    if (net <= 0 || !report_revenue_to_break_even(c, e, &more, &break_even) || more <= 0)
        return;
    report_table_row(&r->table, quarter_name(c, quarter),
                     report_format(c, "Target: if %s raises revenue by %s a month to %s "
                                      "(break-even)",
                                   e->title, report_dollars_text(c, more),
                                   report_dollars_text(c, break_even)),
                     e->title, report_format(c, "%s/month if reached", report_dollars_text(c, -net)),
                     "not counted");
}

static void roadmap_break_even(const report_context *c, roadmap *r, int quarter)
{
    for (size_t i = 0; i < c->entity_count; i++) {
        report_unit_economics u;
        const entity *e = c->entities[i];
        if (target_quarter(c, e) != quarter)
            continue;
        if (!report_unit_economics_of(c, e, &u) || !u.reachable || !u.has_volume) {
            roadmap_revenue_target(c, r, quarter, e);
            continue;
        }
        int64_t now = u.volume_scaled / MODEL_SCALE;
        if (now >= u.break_even_units)
            continue;
        /* a target, not a step: nothing says the units will sell, so the
         * net after it stays what the steps make it (docs/reports.md) */
        int64_t gain = (u.break_even_units - now) * u.margin;
        report_table_row(&r->table, quarter_name(c, quarter),
                         report_format(c, "Target: if %s sells %s a month (today %s)", e->title,
                                       report_unit_count(c, u.unit,
                                                         u.break_even_units * MODEL_SCALE),
                                       report_scaled_text(c, u.volume_scaled)),
                         e->title,
                         /* an estimate: whole dollars (eyes-final16 T8) */
                         report_format(c, "%s/month if reached", report_dollars_text(c, -gain)),
                         "not counted");
    }
}

/* The last row: what the steps do alone, and the CFO's room said as the
 * CFO's figure with what this plan takes from it (eyes-final5a Q6: the
 * room beside the row's surplus; eyes-final6b S5), with the steps held. */
static void roadmap_close(const report_context *c, roadmap *r)
{
    int64_t room = roadmap_room(c, r), cfo_room = report_scope_room_after(c, 0);
    const char *held =
        r->held_count ? report_format(c, "; %zu step%s held (%s/month)", r->held_count,
                                      r->held_count == 1 ? "" : "s",
                                      report_cents_text(c, r->held_monthly))
                      : "";
    const char *close;
    if (r->net > 0)
        close = report_format(c, "After these steps: new revenue still needed%s", held);
    else if (room <= 0) /* eyes-final4 P5 */
        close = report_format(c, "After these steps: profitable; no new fixed costs: the CFO's "
                                 "room is $0%s",
                              held);
    else if (room == cfo_room)
        close = report_format(c, "After these steps: profitable; hold fixed costs within the "
                                 "CFO's room (%s/month)%s",
                              report_cents_text(c, room), held);
    else
        close = report_format(c, "After these steps: profitable; hold fixed costs within the "
                                 "CFO's room: %s/month %s %s/month%s",
                              report_cents_text(c, cfo_room),
                              room < cfo_room ? "less this plan's net new costs leaves"
                                              : "plus this plan's savings makes",
                              report_cents_text(c, room), held);
    roadmap_closing_row(c, r, close);
}

/* Quarter by quarter from the report date (docs/reports.md, Accounting):
 * savings, overdue money and high-priority actions now; medium actions and
 * break-even volume next; the rest after; then what is left. */
/* Each burning entity's own runway (rule 6, report_entity_runway), so a
 * roadmap that runs past the month its cash ends says so first. The
 * roadmap's three quarters end `months_left` months after the report's. */
static void put_runways(const report_context *c, strbuf *out)
{
    struct tm tm;
    time_t now = c->options->now;
    gmtime_r(&now, &tm);
    int64_t months_left = 8 - tm.tm_mon % 3;
    for (size_t i = 0; i < c->entity_count; i++) {
        report_runway r;
        report_entity_runway(c, c->entities[i], &r);
        if (r.net_burn <= 0 || !c->entities[i]->has_section[SECTION_EXPENSES])
            continue;
        if (!r.has_cash) { /* asked once, in the headline (eyes-final6b S4/S11) */
            strbuf_printf(out, " %s burns %s/month and states no cash (Data quality asks for it).",
                          c->entities[i]->title, report_cents_text(c, r.net_burn));
            continue;
        }
        strbuf_printf(out, " %s burns %s/month: its cash, %s, lasts %s%s.",
                      c->entities[i]->title, report_cents_text(c, r.net_burn),
                      report_cents_text(c, r.cash), report_runway_months_text(c, r.months),
                      r.months <= months_left ? "; the steps after that need it funded" : "");
    }
}

/* This quarter's row of an unused or duplicate line: "Cancel Old status
 * page (unused)", or, when it pays for a held spend, "Swap Old status
 * page (unused) for Automate invoice reminders" at the
 * difference (docs/reports.md, "A held spend that a saving covers is a
 * swap"; eyes-final8 V8). */
static void roadmap_saving(const report_context *c, roadmap *r, const report_saving *v)
{
    const item *spend = report_saving_swapped_for(c, v);
    report_amount cost = {0};
    if (spend)
        report_item_monthly(c, v->entity, spend, &cost);
    int64_t effect = cost.mid - v->monthly.mid;
    const char *step = spend ? report_format(c, "Swap %s (%s) for %s", v->item->label,
                                             v->reason, spend->label)
                             : report_format(c, "Cancel %s (%s)", v->item->label, v->reason);
    roadmap_row(c, r, 0, step, v->entity->title,
                report_format(c, "%s/month", report_cents_text(c, effect)), effect);
    roadmap_entity_change(c, r, v->entity, effect);
}

/* A step's words with its business named where they would begin "send
 * its" with nothing for "its" before it: "Send Pinecrest Lake Lodge's
 * e-mail blast now" (docs/reports.md, Accounting roadmap; eyes-final16 T8,
 * eyes-final15 S8). Capitalised: it is a Step cell. */
static const char *named_step(const report_context *c, const char *step, const entity *e)
{
    static const char bare[] = "send its ";
    if (strncasecmp(step, bare, sizeof bare - 1) == 0)
        return report_format(c, "Send %s %s", report_possessive(c, e->title),
                             step + sizeof bare - 1);
    return report_format(c, "%c%s", toupper((unsigned char)step[0]), step + 1);
}

/* The one story's step as a row in the quarter of the CEO's date: "Send
 * Saltmarsh's e-mail blast now (…), by 2026-12-15; if its bookings fall
 * short of the $540 it needs to reach May by 2027-01-12, fund the
 * difference": each date beside its own step (eyes-final21 C12), the
 * check's the shared one (report_blast_funding_check_text); its effect the send's cost
 * only, in the quarter's cash out: what it brings is an estimate, not
 * counted (docs/reports.md, "One story for a business short of cash until
 * its season"; fixS 2). */
static void roadmap_blast_funding(const report_context *c, roadmap *r, int quarter)
{
    if (report_due_quarter(c, REPORT_DUE_SHORTFALL_DAYS) != quarter)
        return;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        /* the send and its date, then the check with its own (eyes-final21 C12) */
        const char *send = report_blast_funding_send_text(c, e, "its");
        if (!send)
            continue;
        const char *step = report_format(c, "%s, by %s; %s", named_step(c, send, e),
                                         report_due_date_text(c, REPORT_DUE_SHORTFALL_DAYS),
                                         report_blast_funding_check_text(c, e, true));
        int64_t cost = 0;
        bool stated = report_blast_funding_cost(c, e, &cost);
        roadmap_pay_once(c, r, quarter, e, cost);
        roadmap_row(c, r, quarter, step, e->title,
                    report_format(c, "%s; bookings not counted (an estimate)",
                                  stated ? report_format(c, "cost %s one-off",
                                                         report_cents_text(c, cost))
                                         : "cost not stated"),
                    0);
    }
}

/* The CEO agenda's blast (the CMO's best) as a row in the quarter of the
 * agenda's date, in the CEO's words: its effect the send's cost, in the
 * quarter's cash out; the sales it may bring are an estimate, not counted
 * (docs/reports.md, Capital deployment tiers; eyes-final12 Z10). */
static void roadmap_agenda_blast(const report_context *c, roadmap *r, int quarter)
{
    if (report_due_quarter(c, REPORT_DUE_AGENDA_BLAST_DAYS) != quarter)
        return;
    for (size_t i = 0; i < c->entity_count; i++) {
        report_sent_blast sent;
        if (!report_blast_sent_cost(c, c->entities[i], &sent) || !sent.agenda)
            continue;
        roadmap_pay_once(c, r, quarter, c->entities[i], sent.cost);
        roadmap_row(c, r, quarter,
                    report_format(c, "%s, by %s", named_step(c, sent.agenda, c->entities[i]),
                                  report_due_date_text(c, sent.due_days)),
                    c->entities[i]->title,
                    report_format(c, "cost %s one-off; sales not counted (an estimate)",
                                  report_cents_text(c, sent.cost)),
                    0);
    }
}

static void put_roadmap(const report_context *c, strbuf *out)
{
    static const report_column columns[] = {
        {"Quarter", REPORT_LEFT}, {"Step", REPORT_LEFT},           {"Entity", REPORT_LEFT},
        {"Effect on burn", REPORT_RIGHT}, {"Monthly net after", REPORT_RIGHT},
    };
    strbuf_puts(out, "## Quarter-by-quarter roadmap\n\n");
    roadmap r = {0};
    report_amount today;
    if (!roadmap_inputs(c, &today)) {
        strbuf_puts(out, "No roadmap without expenses: see Data quality.\n\n");
        return;
    }
    r.net = r.today = today.mid;
    strbuf_printf(out, "Today: %s/month", net_text(c, today.mid));
    if (today.low != today.high)
        strbuf_printf(out, " (%s/month)", net_range_text(c, &today));
    strbuf_puts(out, ".");
    put_runways(c, out);
    strbuf_puts(out, "\n\n");
    report_table_init(&r.table, c->arena, columns, 5);
    size_t n = c->entity_count ? c->entity_count : 1;
    r.entity_change = arena_alloc(c->arena, n * sizeof *r.entity_change);
    r.entity_changed = arena_alloc(c->arena, n * sizeof *r.entity_changed);
    r.entity_once = arena_alloc(c->arena, n * sizeof *r.entity_once);
    for (size_t i = 0; i < n; i++)
        r.entity_change[i] = 0, r.entity_changed[i] = false, r.entity_once[i] = 0;
    r.action_count = report_collect_items(c, SECTION_ACTIONS, NULL, &r.actions);
    report_savings savings;
    report_find_savings(c, &savings);
    for (size_t i = 0; i < savings.count; i++)
        roadmap_saving(c, &r, &savings.items[i]);
    roadmap_collect(c, &r);
    roadmap_blast_funding(c, &r, 0);
    roadmap_agenda_blast(c, &r, 0);
    roadmap_actions(c, &r, 0);
    roadmap_break_even(c, &r, 1);
    roadmap_blast_funding(c, &r, 1);
    roadmap_agenda_blast(c, &r, 1);
    roadmap_actions(c, &r, 1);
    roadmap_break_even(c, &r, 2);
    roadmap_actions(c, &r, 2);
    roadmap_close(c, &r);
    report_table_write(&r.table, out);
    put_entities_after(c, &r, out);
    put_no_cost_steps(c, &r, out);
    /* cash_in[q] holds one kind of money per quarter (roadmap_collect), but
     * next quarter's may add what is billed and not yet due, said apart */
    const char *cash_in_is[ROADMAP_QUARTERS] = {"overdue collected",
                                                "unbilled work invoiced and collected", ""};
    int64_t unbilled_in = r.cash_in[UNBILLED_CASH_QUARTER] - r.billed_in;
    if (r.billed_in && unbilled_in)
        cash_in_is[UNBILLED_CASH_QUARTER] =
            report_format(c, "unbilled work invoiced and collected %s; billed and not yet due %s",
                          report_cents_text(c, unbilled_in), report_cents_text(c, r.billed_in));
    else if (r.billed_in)
        cash_in_is[UNBILLED_CASH_QUARTER] = "billed and not yet due";
    strbuf_puts(out, "One-off cash by quarter:");
    for (int q = 0; q < ROADMAP_QUARTERS; q++)
        strbuf_printf(out, "%s %s %s out%s%s", q ? ";" : "", quarter_name(c, q),
                      report_cents_text(c, r.cash_out[q]),
                      r.held_out[q] ? report_format(c, " (+%s on hold)",
                                                    report_cents_text(c, r.held_out[q]))
                                    : "",
                      r.cash_in[q] ? report_format(c, ", %s in (%s)",
                                                   report_cents_text(c, r.cash_in[q]),
                                                   cash_in_is[q])
                                   : "");
    strbuf_puts(out, ".\n\n");
    if (!r.action_count)
        strbuf_printf(out, "No steps to plan: %s.\n\n",
                      report_ask_scope(c, "add `- Step: $cost (priority)` under `## Actions` of"));
}

/* "Snowline Ski School's cash runs out about Jan 2027, Saltmarsh Surf
 * School's about Feb 2027": each business in scope whose cash runs short
 * (report_cash_runs_short), so a ledger with nothing to force never says
 * "none forced" beside it (docs/reports.md, Accounting decision;
 * eyes-final21 C13); "" when none does. */
static const char *short_cash_text(const report_context *c)
{
    strbuf said = STRBUF_INIT;
    for (size_t i = 0; i < c->entity_count; i++) {
        report_runway run;
        if (!report_entity_burning(c, c->entities[i], &run) || !report_cash_runs_short(&run))
            continue;
        strbuf_printf(&said, "%s%s %s", said.len ? ", " : "",
                      report_possessive(c, c->entities[i]->title),
                      said.len ? report_runway_end_text(c, run.months)
                               : report_format(c, "cash runs out %s",
                                               report_runway_end_text(c, run.months)));
    }
    const char *text = arena_strdup(c->arena, strbuf_cstr(&said));
    strbuf_free(&said);
    return text;
}

/* "surplus $4,020" / "net burn $2,669": the group's result in the
 * headline's whole dollars, like the CEO's and the CFO's (docs/reports.md,
 * Accounting headline; eyes-final16 T8); the roadmap keeps the cents. */
static const char *headline_net_text(const report_context *c, int64_t net)
{
    return net < 0 ? report_format(c, "surplus %s", report_dollars_text(c, -net))
                   : report_format(c, "net burn %s", report_dollars_text(c, net));
}

/* Headline bullet 3: "- Lumen Analytics burns $3,819/month: its $8,000 cash
 * lasts 2 months (to about Feb 2027); Marlow & Finch Legal burns
 * $1,308/month and states no cash.", every business that burns in the
 * portfolio's order, or nothing when none does. The ask for a cash figure
 * is Data quality's (note_own_asks), never an instruction in the headline
 * (docs/reports.md, Accounting headline; eyes-final16 T3; Q13, S4/S11). */
static void put_headline_burners(const report_context *c, strbuf *out)
{
    strbuf line = STRBUF_INIT;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        report_runway r;
        if (!report_entity_burning(c, e, &r))
            continue;
        if (r.has_cash)
            strbuf_printf(&line, "%s%s burns %s/month: its %s cash lasts %s",
                          line.len ? "; " : "", e->title, report_dollars_text(c, r.net_burn),
                          report_dollars_text(c, r.cash), report_runway_months_text(c, r.months));
        else
            strbuf_printf(&line, "%s%s burns %s/month and states no cash", line.len ? "; " : "",
                          e->title, report_dollars_text(c, r.net_burn));
    }
    if (line.len)
        strbuf_printf(out, "- %s.\n", strbuf_cstr(&line));
    strbuf_free(&line);
}

/* " (consolidated, without the $800/month paid inside the group:
 * $58,600)" beside a revenue of `revenue` cents that keeps the fees both
 * revenue and costs hold, or "" when none is paid inside the group
 * (docs/reports.md, Accounting headline; eyes-final16 T6). */
static const char *consolidated_text(const report_context *c, int64_t revenue)
{
    size_t pairs = 0;
    strbuf names = STRBUF_INIT, priced = STRBUF_INIT;
    int64_t fees = group_fees_held(c, &names, &priced, &pairs);
    strbuf_free(&names);
    strbuf_free(&priced);
    if (fees <= 0)
        return "";
    return report_format(c, " (consolidated, without the %s/month paid inside the group: %s)",
                         report_dollars_text(c, fees), report_dollars_text(c, revenue - fees));
}

/* ", surplus $2,373/month" (after `sep`), or "" when the result cannot be
 * read: the group's result, the roadmap's Today, in whole dollars. */
static const char *headline_result_text(const report_context *c, const char *sep)
{
    report_amount net;
    if (!roadmap_inputs(c, &net))
        return "";
    return report_format(c, "%s%s/month", sep, headline_net_text(c, net.mid));
}

/* Headline bullets 1 and 2 (docs/reports.md, Accounting headline; T3):
 * the result — when a recurring line is received ahead, the earned revenue
 * and operating result first, then the result in cash (eyes-final6b S13) —
 * and, only when something is received ahead or deferred, what is, with
 * why earned revenue leaves it out, said beside it (eyes-final12 Z2).
 * Nothing deferred says nothing (T8). The deferred lines are named into
 * `deferred`, which the decision reads. */
static void put_headline_revenue(const report_context *c, strbuf *deferred, strbuf *out)
{
    int64_t revenue = 0, ahead = 0;
    strbuf one_off = STRBUF_INIT, ahead_lines = STRBUF_INIT; /* named, not explained (S13) */
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        revenue += report_entity_revenue(c, e).mid;
        const section *s = &e->sections[model_revenue_section(e)];
        for (size_t j = 0; j < s->item_count; j++) {
            const item *it = &s->items[j];
            const char *when = report_revenue_line(e, it) ? report_revenue_deferral(it) : NULL;
            report_amount monthly;
            if (!when)
                continue;
            strbuf_printf(deferred, "%s%s", deferred->len ? ", " : "", it->label);
            if (it->value.money.period == PERIOD_NONE)
                strbuf_printf(&one_off, "%s%s %s", one_off.len ? ", " : "", it->label,
                              report_money_text(c, &it->value.money));
            else if (report_item_monthly(c, e, it, &monthly)) {
                ahead += monthly.mid;
                strbuf_printf(&ahead_lines, "%s%s", ahead_lines.len ? ", " : "", it->label);
            }
        }
    }
    strbuf_puts(out, "## Headline\n\n");
    if (ahead > 0) { /* earned and operating first, the policy in its table (S13) */
        int64_t earned, operating;
        chart_operating_totals(c, &earned, &operating);
        size_t receivers = 0; /* "the handoff states" or "the handoffs state" */
        for (size_t i = 0; i < c->entity_count; i++)
            receivers += receives_ahead(c->entities[i]);
        strbuf_printf(out, "- Earned revenue %s/month%s, operating result %s/month%s%s.\n",
                      report_dollars_text(c, earned), consolidated_text(c, earned),
                      report_dollars_text(c, operating),
                      report_unreadable_expenses_text(c),
                      headline_result_text(
                          c, report_format(c, "; in cash (with the %s/month received ahead%s), ",
                                           report_dollars_text(c, ahead), loan_step_text(c))));
        /* why earned leaves it out, said beside it, never an unstated reading (Z2) */
        strbuf_printf(out,
                      "- Earned revenue leaves out the %s/month received ahead of earning (%s): "
                      "the %s how much of it is earned a month, so none is counted as earned "
                      "yet (in steady sales about as much is earned a month as is received)%s%s.\n",
                      report_dollars_text(c, ahead), strbuf_cstr(&ahead_lines),
                      /* the file is silent, it never says "none" (eyes-final19 A3) */
                      receivers > 1 ? "handoffs do not say" : "handoff does not say",
                      one_off.len ? "; deferred until earned: " : "", strbuf_cstr(&one_off));
    } else {
        strbuf_printf(out, "- Revenue %s/month%s%s%s.\n", report_dollars_text(c, revenue),
                      consolidated_text(c, revenue), headline_result_text(c, ", "),
                      report_unreadable_expenses_text(c));
        if (one_off.len)
            strbuf_printf(out, "- Deferred until earned: %s.\n", strbuf_cstr(&one_off));
    }
    put_headline_burners(c, out);
    strbuf_free(&one_off);
    strbuf_free(&ahead_lines);
}

/* " Another $400 is overdue inside the group: settle it there." (with
 * ", the oldest 122 days" past 90 days) or "":
 * what group businesses owe each other is outside the owed total, never
 * hidden by it, but the pair, its invoices and ages are Receivables'
 * (docs/reports.md, Accounting headline; eyes-final5a Q5). */
static const char *inside_the_group_text(const report_context *c, const report_owed_list *owed)
{
    int64_t overdue = 0, oldest = -1;
    for (size_t i = 0; i < owed->internal_count; i++) {
        const report_owed *o = &owed->internal[i];
        if (o->state != OWED_OVERDUE)
            continue;
        overdue += o->amount.mid;
        if (o->dated && o->age_days > oldest)
            oldest = o->age_days;
    }
    if (overdue <= 0)
        return "";
    /* a stale one keeps its age: "none of it is over 90 days old" hides nothing (H5) */
    return report_format(c, " Another %s is overdue inside the group%s: settle it there.",
                         report_cents_text(c, overdue),
                         oldest > 90 ? report_format(c, ", the oldest %lld days", (long long)oldest)
                                     : "");
}

/* "Clients owe $8,450 ($5,200 overdue)", or, when part of it is work not
 * yet billed, which no client owes until it is invoiced, "Receivables
 * $8,450: clients owe $6,050 ($5,200 overdue) and $2,400 of work is not
 * yet billed" (docs/reports.md, Accounting headline; eyes-final9 W6). */
static const char *clients_owe_text(const report_context *c, const report_owed_list *owed)
{
    int64_t unbilled = owed->by_state[OWED_UNBILLED].mid;
    const char *overdue = report_cents_text(c, owed->by_state[OWED_OVERDUE].mid);
    if (unbilled <= 0)
        return report_format(c, "Clients owe %s (%s overdue)", report_cents_text(c, owed->total.mid),
                             overdue);
    return report_format(c, "Receivables %s: clients owe %s (%s overdue) and %s of work is not yet "
                            "billed",
                         report_cents_text(c, owed->total.mid),
                         report_cents_text(c, owed->total.mid - unbilled), overdue,
                         report_cents_text(c, unbilled));
}

/* ", $3,000 undated", and the undated part that is work not yet billed
 * said as such, since no unbilled work is aged by an invoice: ", $150
 * unbilled, no date" when all of it is, ", $3,150 undated ($150 of it
 * unbilled, no date)" when part is; "" when nothing is undated
 * (docs/reports.md, Accounting headline; eyes-final13 Q11). */
static const char *undated_text(const report_context *c, const report_owed_list *owed)
{
    int64_t undated = owed->by_age[AGE_UNDATED].mid, unbilled = 0;
    for (size_t i = 0; i < owed->count; i++)
        if (owed->items[i].bucket == AGE_UNDATED && owed->items[i].state == OWED_UNBILLED)
            unbilled += owed->items[i].amount.mid;
    if (undated <= 0)
        return "";
    if (unbilled >= undated)
        return report_format(c, ", %s unbilled, no date", report_cents_text(c, undated));
    return report_format(c, ", %s undated%s", report_cents_text(c, undated),
                         unbilled > 0 ? report_format(c, " (%s of it unbilled, no date)",
                                                      report_cents_text(c, unbilled))
                                      : "");
}

/* Three lines first: revenue and what of it is deferred, what is owed,
 * and the one decision they imply. */
static void put_headline(const report_context *c, strbuf *out)
{
    bool stated = false;
    for (size_t i = 0; i < c->entity_count; i++)
        stated |= c->entities[i]->has_section[model_revenue_section(c->entities[i])] ||
                  c->entities[i]->has_section[SECTION_EXPENSES];
    if (!stated)
        return; /* nothing to head: Data quality says what to add */
    report_owed_list owed = {0};
    bool ledger = report_receivables_collect(c, &owed);
    strbuf deferred = STRBUF_INIT;
    put_headline_revenue(c, &deferred, out);
    strbuf group = STRBUF_INIT; /* one business's own scope: what the group owes it (A2) */
    report_put_group_part(c, &owed, &group);
    const char *owe = ledger ? clients_owe_text(c, &owed) : "";
    if (ledger && owed.by_age[AGE_UNDATED].mid == owed.total.mid && owed.count)
        strbuf_printf(out, "- %s%s; none of it is dated, so its age is "
                           "unknown (Receivables says how to date it).%s\n",
                      owe, strbuf_cstr(&group), inside_the_group_text(c, &owed));
    else if (ledger)
        strbuf_printf(out, "- %s%s; %s over 90 days old%s%s.%s\n", owe, strbuf_cstr(&group),
                      owed.by_age[AGE_OVER_90].mid > 0
                          ? report_format(c, "%s is",
                                          report_cents_text(c, owed.by_age[AGE_OVER_90].mid))
                          : "none of it is",
                      report_owed_unbilled_over_90(&owed) > 0
                          ? report_format(c, " (%s of it work not yet billed)",
                                          report_cents_text(c, report_owed_unbilled_over_90(&owed)))
                          : "",
                      undated_text(c, &owed),
                      inside_the_group_text(c, &owed));
    else
        strbuf_printf(out, "- No receivables ledger: %s.\n",
                      report_ask_scope(c, "add a `## Clients` section to"));
    report_savings savings = {0};
    if (owed.by_state[OWED_OVERDUE].mid <= 0 && owed.by_state[OWED_UNBILLED].mid <= 0 &&
        !deferred.len)
        report_find_savings(c, &savings); /* only when it is the decision */
    strbuf collect = STRBUF_INIT;
    if (report_put_collect_decision(c, &owed, &collect))
        strbuf_printf(out, "- Decision: %s.\n\n", strbuf_cstr(&collect));
    else if (owed.by_state[OWED_UNBILLED].mid > 0)
        strbuf_printf(out, "- Decision: invoice the %s of unbilled work.\n\n",
                      report_cents_text(c, owed.by_state[OWED_UNBILLED].mid));
    else if (deferred.len)
        strbuf_puts(out, "- Decision: book the deferred lines as deferred revenue, a "
                         "liability, and recognise them as they are earned.\n\n");
    else if (savings.count)
        strbuf_printf(out, "- Decision: cancel %s/month of unused or duplicate subscriptions.\n\n",
                      report_cents_text(c, savings.total.mid));
    else if (*short_cash_text(c))
        strbuf_printf(out, "- Decision (ledger): none; %s: see the CFO's funding decision.\n\n",
                      short_cash_text(c));
    else
        strbuf_puts(out, "- Decision: none forced: nothing overdue, unbilled, deferred or "
                         "unused.\n\n");
    strbuf_free(&collect);
    strbuf_free(&group);
    strbuf_free(&deferred);
}

/* Accounting's Data quality lists its own asks as the CFO's does: the cash
 * each business leaves unstated (the headline names a burning one without
 * the ask, eyes-final16 T3) and the reconciliation's retainer
 * question, so "No problems found" is never said beside an ask
 * (docs/reports.md, Accounting Data quality; eyes-final12 Z5), and the
 * question of a group fee the payer does not book (eyes-final20 B4). */
static void note_own_asks(const report_context *c)
{
    int64_t cash;
    for (size_t i = 0; i < c->entity_count; i++)
        if (!report_entity_cash(c->entities[i], &cash))
            report_note_missing(c, c->entities[i], SECTION_ASSETS, "Cash: $amount");
    report_note_retainer_gaps(c);
    report_note_open_questions(c);
    report_ask_unbooked_group_fees(c); /* the CEO's and CFO's question, whose job it is (B4) */
}

void report_cao(const report_context *c, strbuf *out)
{
    put_headline(c, out);
    put_recognition(c, out);
    put_accounts(c, out);
    put_expense_audit(c, out);
    report_put_reconciliation(c, out);
    report_put_receivables(c, out);
    put_roadmap(c, out);
    note_own_asks(c);
}
