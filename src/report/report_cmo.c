/* report_cmo: headline, channel matrix, e-mail blast ROI, and a plan per
 * entity (its own OTA order, local SEO, 30/60/90-day milestones).
 *
 * Blast (rule 5 of docs/handoff-format.md): conversions = recipients × open
 * × click × conversion, once with every factor's low end and once with the
 * high ends (a percent range "25–40%" gives both; a single percent is
 * both); net value = conversions × value per conversion − cost per send.
 * The value per conversion is `Blast value per conversion`, else the KPI
 * `Average order value`, else the `Average <unit> price`, and the report
 * says which; without `Blast cost per send` the cost is $0 and the report
 * asks for it. The factors are a table of labels so the handoff names them
 * and the report says which one is missing.
 *
 * OTA sequence rule: one business's own platforms (Marketing items tagged
 * `ota`, value the commission percent, child `Setup days: N`) in ascending
 * commission, then ascending setup days; platforms equal on both share a
 * step ("Viator/GetYourGuide"). Platforms of different businesses are never
 * alternatives to each other.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report/report_internal.h"

static const char *const blast_rates[] = {"Blast open rate", "Blast click rate",
                                          "Blast conversion rate"};
#define BLAST_RATE_COUNT (sizeof blast_rates / sizeof blast_rates[0])
#define BLAST_RECIPIENTS "Email list recipients"

static const char *analytics_status(const report_context *c, const entity *e)
{
    const site *s = e->site ? model_find_site(c->portfolio, e->site) : NULL;
    if (!s)
        return NULL;
    size_t with = 0, without = 0;
    const char *which = NULL;
    for (size_t i = 0; i < s->finding_count; i++) {
        if (s->findings[i].kind == FINDING_ANALYTICS) {
            with++;
            which = s->findings[i].excerpt;
        } else if (s->findings[i].kind == FINDING_NO_ANALYTICS) {
            without++;
        }
    }
    if (!with && !without)
        return "no web pages in the site";
    if (!without)
        return report_format(c, "on every page (%s)", which ? which : "tag found");
    return report_format(c, "missing on %zu of %zu pages", without, with + without);
}

/* Marketing items that are the blast model's keys, not channels. */
static const char *const blast_keys[] = {"Blast open rate", "Blast click rate",
                                         "Blast conversion rate", "Blast value per conversion",
                                         "Blast cost per send"};

/* A label's last word that counts an audience: moved into the cell. */
static const char *const audience_nouns[] = {"recipients", "followers", "subscribers", "members"};

/* One row holds an entity's OTA platforms with their commissions. */
#define OTA_ROW "OTAs (commission)"
#define ANALYTICS_ROW "Site analytics"

static bool is_ota(const item *it)
{
    return model_item_has_tag(it, "ota") && it->value.kind == VALUE_PERCENT;
}


/* reports.md, CMO channel matrix: an expense line that pays for marketing
 * (eyes-final G11): tagged `marketing`, or its label has one of these words. */
static const char *const spend_words[] = {"ads", "advertising", "marketing", "promotion",
                                          "sponsorship"};

static bool is_marketing_spend(const item *it)
{
    if (it->value.kind != VALUE_MONEY && it->value.kind != VALUE_PERCENT)
        return false;
    if (model_item_has_tag(it, "marketing"))
        return true;
    for (size_t i = 0; i < sizeof spend_words / sizeof spend_words[0]; i++)
        if (report_names_word(it->label, spend_words[i]))
            return true;
    return false;
}

static bool is_blast_key(const item *it)
{
    for (size_t i = 0; i < sizeof blast_keys / sizeof blast_keys[0]; i++)
        if (strcasecmp(it->label, blast_keys[i]) == 0)
            return true;
    return false;
}

/* The audience noun `label` ends with (" followers"), or NULL. */
static const char *audience_noun(const char *label)
{
    size_t n = strlen(label);
    for (size_t i = 0; i < sizeof audience_nouns / sizeof audience_nouns[0]; i++) {
        size_t m = strlen(audience_nouns[i]);
        if (n > m + 1 && label[n - m - 1] == ' ' && strcasecmp(label + n - m, audience_nouns[i]) == 0)
            return audience_nouns[i];
    }
    return NULL;
}

/* "Email list recipients" -> "Email list"; other labels as written. */
static const char *channel_name(const report_context *c, const item *it)
{
    const char *noun = it->value.kind == VALUE_NUMBER ? audience_noun(it->label) : NULL;
    if (!noun)
        return it->label;
    return report_format(c, "%.*s", (int)(strlen(it->label) - strlen(noun) - 1), it->label);
}

static const char *channel_cell(const report_context *c, const item *it)
{
    if (model_item_has_tag(it, "missing"))
        return "MISSING";
    if (it->value.kind == VALUE_NUMBER) {
        const char *noun = audience_noun(it->label);
        const char *count = report_scaled_text(c, it->value.scaled);
        return noun ? report_format(c, "%s %s", count, noun) : count;
    }
    if (it->value.kind == VALUE_TEXT)
        return *it->text ? it->text : "listed";
    return report_written_amount(c, it);
}

typedef struct {
    const char *name;
    const char **cells; /* one per entity in scope; NULL where not listed */
} channel_row;

typedef struct {
    channel_row *rows;
    size_t count;
    size_t capacity;
    size_t listed;  /* cells that hold a channel (Site analytics aside) */
    size_t holders; /* entities with at least one of those cells */
    size_t missing; /* of which tagged `missing` */
    size_t stated;  /* entities with a `## Marketing` section */
} channel_matrix;

static channel_row *matrix_row(const report_context *c, channel_matrix *m, const char *name)
{
    for (size_t i = 0; i < m->count; i++)
        if (strcasecmp(m->rows[i].name, name) == 0)
            return &m->rows[i];
    channel_row *r = arena_push(c->arena, (void **)&m->rows, &m->count, &m->capacity, sizeof *r);
    r->name = name;
    r->cells = arena_alloc(c->arena, (c->entity_count + 1) * sizeof *r->cells);
    memset(r->cells, 0, (c->entity_count + 1) * sizeof *r->cells);
    return r;
}

static void build_matrix(const report_context *c, channel_matrix *m)
{
    *m = (channel_matrix){0};
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        const section *s = &e->sections[SECTION_MARKETING];
        for (size_t j = 0; j < s->item_count; j++) {
            const item *it = &s->items[j];
            if (is_blast_key(it))
                continue;
            if (is_ota(it)) {
                const char **cell = &matrix_row(c, m, OTA_ROW)->cells[i];
                *cell = report_format(c, "%s%s%s %s", *cell ? *cell : "", *cell ? ", " : "",
                                      it->label, report_percent_text(c, it->value.scaled));
                continue;
            }
            matrix_row(c, m, channel_name(c, it))->cells[i] = channel_cell(c, it);
            m->missing += model_item_has_tag(it, "missing");
        }
        const section *x = &e->sections[SECTION_EXPENSES];
        for (size_t j = 0; j < x->item_count; j++)
            if (is_marketing_spend(&x->items[j])) {
                /* the channel and what it costs share one cell: "search campaign, $200–$600/month" */
                const char **cell = &matrix_row(c, m, x->items[j].label)->cells[i];
                const char *amount = report_written_amount(c, &x->items[j]);
                *cell = *cell ? report_format(c, "%s, %s", *cell, amount) : amount;
            }
        if (!e->has_section[SECTION_MARKETING])
            report_note_missing_section(c, e, SECTION_MARKETING);
        m->stated += e->has_section[SECTION_MARKETING];
    }
    for (size_t i = 0; i < c->entity_count; i++) {
        size_t held = 0;
        for (size_t r = 0; r < m->count; r++)
            held += m->rows[r].cells[i] != NULL;
        m->listed += held;
        m->holders += held > 0;
    }
    for (size_t i = 0; i < c->entity_count; i++) {
        const char *analytics = analytics_status(c, c->entities[i]);
        if (analytics)
            matrix_row(c, m, ANALYTICS_ROW)->cells[i] = analytics;
    }
}

/* Above this many entities a column each stops reading as a table (and the
 * output grows with entities × channels): counts per channel instead. */
#define MATRIX_ENTITY_COLUMNS 6

static void put_matrix_counts(const report_context *c, const channel_matrix *m, strbuf *out)
{
    static const report_column columns[] = {
        {"Channel", REPORT_LEFT}, {"Listed by", REPORT_RIGHT}, {"Missing", REPORT_RIGHT}};
    report_table t;
    report_table_init(&t, c->arena, columns, sizeof columns / sizeof columns[0]);
    for (size_t r = 0; r < m->count; r++) {
        size_t listed = 0, missing = 0;
        for (size_t i = 0; i < c->entity_count; i++) {
            const char *cell = m->rows[r].cells[i];
            listed += cell != NULL;
            missing += cell && strcmp(cell, "MISSING") == 0;
        }
        report_table_row(&t, m->rows[r].name,
                         report_format(c, "%s of %s", report_scaled_text(c, (int64_t)listed * MODEL_SCALE),
                                       report_scaled_text(c, (int64_t)c->entity_count * MODEL_SCALE)),
                         report_scaled_text(c, (int64_t)missing * MODEL_SCALE));
    }
    report_table_write(&t, out);
}

static void put_matrix(const report_context *c, const channel_matrix *m, strbuf *out)
{
    strbuf_puts(out, "## Channel matrix\n\n");
    if (!m->count) {
        strbuf_puts(out, "No channel in scope: add `## Marketing` items (lists, social, OTAs, "
                         "reviews) to the handoffs.\n\n");
        return;
    }
    if (c->entity_count > MATRIX_ENTITY_COLUMNS) {
        put_matrix_counts(c, m, out);
        return;
    }
    report_column *columns = arena_alloc(c->arena, (c->entity_count + 1) * sizeof *columns);
    columns[0] = (report_column){"Channel", REPORT_LEFT};
    for (size_t i = 0; i < c->entity_count; i++)
        columns[i + 1] = (report_column){c->entities[i]->title, REPORT_LEFT};
    report_table t;
    report_table_init(&t, c->arena, columns, c->entity_count + 1);
    const char **row = arena_alloc(c->arena, (c->entity_count + 1) * sizeof *row);
    for (size_t r = 0; r < m->count; r++) {
        row[0] = m->rows[r].name;
        for (size_t i = 0; i < c->entity_count; i++)
            row[i + 1] = m->rows[r].cells[i] ? m->rows[r].cells[i] : "\u2014";
        report_table_row_cells(&t, row);
    }
    report_table_write(&t, out);
}

typedef struct {
    int64_t recipients; /* scaled */
    int64_t low[BLAST_RATE_COUNT], high[BLAST_RATE_COUNT];
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
                          for one unit */
    bool from_price;   /* the value is the `Average <unit> price` KPI */
    const item *churn; /* the churn KPI the lifetime came from (1 ÷ churn), NULL otherwise */
    int64_t per_stay;  /* scaled units a conversion books when they sell in stays (3 nights);
                          MODEL_SCALE otherwise */
    int64_t stay_cost; /* cents: the per-stay expense lines (Cleaning $95/stay) when per_stay
                          is set, 0 otherwise */
    bool subscription; /* churn or `Customer lifetime` in its KPIs (rule 5) */
    bool booking;      /* its unit is booked (charter, tour...): "of bookings", else "of sales" */
    bool untested;     /* an action sends the first blast: the rates are assumptions */
} blast_model;

/* Rule 5: the units a business takes bookings for; every other business's
 * blast money is "of sales" (eyes-final G12). */

static const char *const booking_units[] = {
    "charter", "tour",    "night", "rental",      "lesson",      "booking", "stay",
    "trip",    "session", "class", "appointment", "reservation", "cruise",  "delivery"};

static bool is_booking_unit(const char *unit)
{
    for (size_t i = 0; unit && i < sizeof booking_units / sizeof booking_units[0]; i++)
        if (strcasecmp(unit, booking_units[i]) == 0)
            return true;
    return false;
}

#define LIFETIME_KPI REPORT_LIFETIME_KPI


/* Rule 5: the months a subscriber stays from the churn, 1 ÷ churn (the
 * midpoint of a range) to a tenth of a month, as the report shows it
 * (6% → 16.7), scaled; 0 without a churn percent. */
static int64_t churn_lifetime(const entity *e)
{
    const item *churn = report_churn_kpi(e);
    if (!churn)
        return 0;
    int64_t mid = (churn->value.scaled + churn->value.scaled_high) / 2;
    const int64_t tenth = MODEL_SCALE / 10;
    return report_muldiv(REPORT_PERCENT_ONE, 10, mid) * tenth;
}

/* `Customer lifetime: 16` or `16 months`, scaled; 0 when not a figure. */
static int64_t lifetime_months(const entity *e)
{
    const item *it = model_find_item(e, SECTION_KPIS, LIFETIME_KPI);
    if (!it)
        return 0;
    if (it->value.kind == VALUE_NUMBER)
        return it->value.scaled > 0 ? it->value.scaled : 0;
    char *end;
    long months = it->value.kind == VALUE_TEXT ? strtol(it->text, &end, 10) : 0;
    if (months <= 0 || (strncasecmp(end, " month", 6) != 0))
        return 0;
    return (int64_t)months * MODEL_SCALE;
}

/* Rule 5, a blast not sent yet: an action with the words `first` and `blast`. */
static bool blast_untested(const entity *e)
{
    const section *s = &e->sections[SECTION_ACTIONS];
    for (size_t i = 0; i < s->item_count; i++)
        if (report_names_word(s->items[i].label, "first") && report_names_word(s->items[i].label, "blast"))
            return true;
    return false;
}

/* Rule 5's capacity cap: the spare units of a per-unit entity that states
 * `<Unit>s available per month`; without it a per-unit entity is asked. */
static void read_blast_capacity(const report_context *c, const entity *e, blast_model *b)
{
    report_unit_economics u;
    if (!report_unit_economics_of(c, e, &u) || !u.has_volume)
        return;
    b->unit = u.unit;
    b->volume = u.volume_scaled;
    b->unit_cost = u.variable.mid;
    b->unit_price = u.has_price ? u.price : 0;
    const char *label =
        report_format(c, "%s available per month", report_unit_plural(c, u.unit, true));
    const item *available = model_find_item(e, SECTION_KPIS, label);
    if (!available || available->value.kind != VALUE_NUMBER)
        return; /* asked for only where it could bind: put_capacity_note */
    b->has_cap = true;
    b->spare = available->value.scaled - u.volume_scaled;
    if (b->spare < 0)
        b->spare = 0;
}

/* Where a conversion's value comes from, in the order rule 5 tries them. */
static bool read_blast_value(const report_context *c, const entity *e, blast_model *b)
{
    static const struct {
        section_kind section;
        const char *label;
    } sources[] = {
        {SECTION_MARKETING, "Blast value per conversion"},
        {SECTION_KPIS, "Average order value"},
    };
    for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++) {
        const item *it = model_find_item(e, sources[i].section, sources[i].label);
        if (it && it->value.kind == VALUE_MONEY) {
            b->order_value = model_money_mid(&it->value.money);
            b->value_source = sources[i].label;
            return true;
        }
    }
    report_unit_economics u;
    if (!report_unit_economics_of(c, e, &u) || !u.has_price) {
        report_note_missing(c, e, SECTION_MARKETING, "Blast value per conversion: $amount");
        return false;
    }
    b->order_value = u.price;
    b->value_source = report_format(c, "Average %s price", u.unit);
    b->from_price = true;
    return true;
}

static size_t entity_items(const report_context *c, const entity *e, section_kind kind,
                           const char *tag, report_entry **out);

/* Rule 5, a stay of several units: what one booking is called, in the
 * KPI `<Stay>s per month` and in an expense paid per it (`$95/stay`). */
static const char *const stay_words[] = {"stay", "booking"};

/* `Stays per month` (or `Bookings per month`) beside the unit's volume
 * gives the units one stay holds; MODEL_SCALE when the KPIs give none or
 * a stay is one unit. */
static int64_t units_per_stay(const report_context *c, const entity *e, const blast_model *b)
{
    for (size_t i = 0; b->unit && b->volume > 0 && i < sizeof stay_words / sizeof *stay_words;
         i++) {
        const item *it = model_find_item(
            e, SECTION_KPIS,
            report_format(c, "%s per month", report_unit_plural(c, stay_words[i], true)));
        if (it && it->value.kind == VALUE_NUMBER && it->value.scaled > 0 &&
            b->volume > it->value.scaled)
            return report_muldiv(b->volume, MODEL_SCALE, it->value.scaled);
    }
    return MODEL_SCALE;
}

/* The `## Expenses` lines paid per stay or booking ("Cleaning: $95/stay"):
 * what one booked stay costs beyond its units. */
static int64_t stay_expenses(const entity *e)
{
    const section *s = &e->sections[SECTION_EXPENSES];
    int64_t total = 0;
    for (size_t i = 0; i < s->item_count; i++) {
        const value *v = &s->items[i].value;
        for (size_t w = 0; v->kind == VALUE_MONEY && v->money.period == PERIOD_UNIT &&
                           v->money.unit && w < sizeof stay_words / sizeof *stay_words;
             w++)
            if (strcmp(v->money.unit, stay_words[w]) == 0)
                total += model_money_mid(&v->money);
    }
    return total;
}

/* What a conversion is (rule 5): booked or sold, one unit, a stay or a
 * subscriber's lifetime of units, measured or assumed. Called once the
 * value is read. */
static void read_blast_kind(const report_context *c, const entity *e, blast_model *b)
{
    b->booking = is_booking_unit(b->unit);
    b->untested = blast_untested(e);
    b->subscription = report_entity_is_subscription(e);
    b->lifetime = MODEL_SCALE;
    b->per_stay = b->from_price && !b->subscription ? units_per_stay(c, e, b) : MODEL_SCALE;
    b->order_value = report_muldiv(b->order_value, b->per_stay, MODEL_SCALE);
    b->stay_cost = b->per_stay != MODEL_SCALE ? stay_expenses(e) : 0;
    if (!b->subscription || !b->value_source ||
        strcmp(b->value_source, "Blast value per conversion") == 0)
        return;
    int64_t months = lifetime_months(e);
    if (!months) {
        months = churn_lifetime(e);
        b->churn = months ? report_churn_kpi(e) : NULL;
    }
    if (!months) {
        report_note_missing(c, e, SECTION_KPIS, LIFETIME_KPI ": N months");
        return;
    }
    b->lifetime = months;
    b->order_value = report_muldiv(b->order_value, months, MODEL_SCALE);
}

/* Reads the blast factors of `e`; notes each missing one. */
static bool read_blast(const report_context *c, const entity *e, blast_model *b)
{
    bool complete = true;
    const item *recipients = model_find_item(e, SECTION_MARKETING, BLAST_RECIPIENTS);
    if (recipients && recipients->value.kind == VALUE_NUMBER)
        b->recipients = recipients->value.scaled;
    else
        report_note_missing(c, e, SECTION_MARKETING, BLAST_RECIPIENTS ": N"), complete = false;
    for (size_t i = 0; i < BLAST_RATE_COUNT; i++) {
        const item *rate = model_find_item(e, SECTION_MARKETING, blast_rates[i]);
        if (!rate || rate->value.kind != VALUE_PERCENT) {
            report_note_missing(c, e, SECTION_MARKETING,
                                report_format(c, "%s: N%%", blast_rates[i]));
            complete = false;
            continue;
        }
        b->low[i] = rate->value.scaled;
        b->high[i] = rate->value.scaled_high;
    }
    if (!read_blast_value(c, e, b))
        complete = false;
    read_blast_capacity(c, e, b);
    read_blast_kind(c, e, b);
    const item *cost = model_find_item(e, SECTION_MARKETING, "Blast cost per send");
    b->has_cost = cost && cost->value.kind == VALUE_MONEY;
    if (b->has_cost)
        b->cost = model_money_mid(&cost->value.money);
    else if (complete)
        report_note_missing(c, e, SECTION_MARKETING, "Blast cost per send: $amount");
    return complete;
}

/* The units one conversion buys, scaled (rule 5): its value ÷ the unit's
 * price (a $21 order of $14 boxes is 1.5), a subscriber's months, or one
 * unit when the price is not known. */
static int64_t blast_units_per_conversion(const blast_model *b)
{
    if (b->unit_price > 0)
        return report_muldiv(b->order_value, MODEL_SCALE, b->unit_price);
    return b->lifetime;
}

/* The most conversions the spare units take (rule 5, capacity cap): the
 * cap counts units, so a stay of 3 nights or an order of 1.5 boxes takes
 * that many; a subscriber takes this month's one unit (eyes-final2b
 * K10/K15). Scaled. */
static int64_t blast_cap_conversions(const blast_model *b)
{
    int64_t units = b->subscription ? MODEL_SCALE : blast_units_per_conversion(b);
    return units > 0 ? report_muldiv(b->spare, MODEL_SCALE, units) : b->spare;
}

/* recipients × rate₁ × rate₂ × rate₃ × order value, in cents, rounded once
 * at the end; the expected number of buyers is scaled by MODEL_SCALE. With
 * a capacity cap that binds, the conversions the spare units take × order
 * value instead. */
static int64_t blast_value(const blast_model *b, const int64_t *rates, int64_t *buyers_scaled)
{
    const int64_t percent_cubed = REPORT_PERCENT_ONE * REPORT_PERCENT_ONE * REPORT_PERCENT_ONE;
    *buyers_scaled = report_product_div(b->recipients, rates, BLAST_RATE_COUNT, percent_cubed);
    int64_t cap = b->has_cap ? blast_cap_conversions(b) : 0;
    if (b->has_cap && *buyers_scaled > cap) {
        *buyers_scaled = cap;
        return report_muldiv(cap, b->order_value, MODEL_SCALE);
    }
    int64_t factors[BLAST_RATE_COUNT + 1];
    memcpy(factors, rates, sizeof(int64_t) * BLAST_RATE_COUNT);
    factors[BLAST_RATE_COUNT] = b->order_value;
    return report_product_div(b->recipients, factors, BLAST_RATE_COUNT + 1,
                              percent_cubed * MODEL_SCALE);
}

/* The variable cost of one conversion: its units' and, for a stay, the
 * per-stay lines (rule 5). */
static int64_t blast_conversion_cost(const blast_model *b)
{
    return report_muldiv(b->unit_cost, blast_units_per_conversion(b), MODEL_SCALE) + b->stay_cost;
}

/* What one send adds after the variable cost of the units it sells (rule
 * 5): conversions × (value per conversion − variable cost per conversion)
 * − cost per send. Only meaningful when b->unit is set. */
static int64_t blast_after_unit_costs(const blast_model *b, const int64_t *rates)
{
    int64_t buyers;
    int64_t value = blast_value(b, rates, &buyers);
    int64_t cost_per_conversion = blast_conversion_cost(b);
    return value - report_muldiv(buyers, cost_per_conversion, MODEL_SCALE) - b->cost;
}

/* A conversion that buys one unit costs one unit's variable cost (rule 5). */
static bool blast_costs_one_unit(const blast_model *b)
{
    return blast_units_per_conversion(b) == MODEL_SCALE;
}

/* What a conversion of several units is called: a subscriber (the months
 * of its lifetime), a stay (its nights) or an order (rule 5). */
static const char *blast_conversion_noun(const blast_model *b)
{
    return b->subscription ? "subscriber" : b->per_stay != MODEL_SCALE ? "stay" : "order";
}

/* "$4.94 of costs per box", or for a conversion that is not one unit
 * "$7.41 of costs per order (1.5 boxes at $4.94)", for a stay "$125.90 of
 * costs per stay (3 nights at $10.30, and $95 a stay)", for a subscriber
 * "$136.75 of costs per subscriber (25 months at $5.47)" (rule 5, check17
 * D1: the figure after unit costs is computed with the lifetime's cost). */
static const char *blast_unit_cost_text(const report_context *c, const blast_model *b)
{
    int64_t units = blast_units_per_conversion(b);
    if (blast_costs_one_unit(b))
        return report_format(c, "%s of costs per %s", report_cents_text(c, b->unit_cost), b->unit);
    return report_format(c, "%s of costs per %s (%s at %s%s)",
                         report_cents_text(c, blast_conversion_cost(b)), blast_conversion_noun(b),
                         report_unit_count(c, b->subscription ? "month" : b->unit, units),
                         report_cents_text(c, b->unit_cost),
                         b->stay_cost ? report_format(c, ", and %s a stay",
                                                      report_cents_text(c, b->stay_cost))
                                      : "");
}

/* What the blast's money is (rule 5): bookings for a business that takes
 * bookings, sales for every other one (coffee orders, kits, a SaaS). */
static const char *blast_money_word(const blast_model *b)
{
    return b->booking ? "bookings" : "sales";
}

/* "Bookings are not profit" / "Sales are not profit". */
static const char *blast_money_title(const blast_model *b)
{
    return b->booking ? "Bookings" : "Sales";
}

#define UNTESTED_CLAUSE "if the assumed rates hold (no blast sent yet)"

/* Whole units a send could bring (rule 5, rounding): each end rounded half
 * away from zero, never wider than the model (eyes-final3b N21). Scaled in,
 * whole out. */
static void whole_conversions(int64_t low, int64_t high, int64_t *whole_low, int64_t *whole_high)
{
    *whole_low = report_muldiv(low, 1, MODEL_SCALE);
    *whole_high = report_muldiv(high, 1, MODEL_SCALE);
}

/* "3–6", "4": whole conversions without their noun. */
static const char *whole_range_text(const report_context *c, int64_t low, int64_t high)
{
    int64_t wl, wh;
    whole_conversions(low, high, &wl, &wh);
    return wl == wh ? report_format(c, "%lld", (long long)wl)
                    : report_format(c, "%lld–%lld", (long long)wl, (long long)wh);
}

/* "5–24 charters", "10 orders", "1 kit". */
static const char *whole_units_text(const report_context *c, const blast_model *b, int64_t low,
                                    int64_t high)
{
    int64_t wl, wh;
    whole_conversions(low, high, &wl, &wh);
    /* a conversion of a business selling stays is a stay of several units,
     * a subscription's a subscriber (rule 5) */
    const char *unit = b->unit && b->subscription      ? "subscriber"
                       : b->unit && b->per_stay != MODEL_SCALE ? "stay"
                                                               : b->unit;
    const char *noun = unit ? (wh == 1 ? unit : report_unit_plural(c, unit, false))
                            : (wh == 1 ? "conversion" : "conversions");
    if (wl == wh)
        return report_format(c, "%lld %s", (long long)wl, noun);
    return report_format(c, "%lld–%lld %s", (long long)wl, (long long)wh, noun);
}

/* "9 nights", "9–12 nights": the units the whole stays of a send book
 * (rule 5, "A stay of several units"); NULL when a conversion is not a
 * stay. */
static const char *stay_units_text(const report_context *c, const blast_model *b, int64_t low,
                                   int64_t high)
{
    if (!b->unit || b->per_stay == MODEL_SCALE)
        return NULL;
    int64_t wl, wh;
    whole_conversions(low, high, &wl, &wh);
    const char *units_low = report_scaled_text(c, wl * b->per_stay);
    return wl == wh ? report_unit_count(c, b->unit, wl * b->per_stay)
                    : report_format(c, "%s–%s", units_low,
                                    report_unit_count(c, b->unit, wh * b->per_stay));
}

/* What one send could bring in whole units, as every sentence counts it
 * (rule 5): "3–4 tours (3–6 if there were room)", "3 stays (9 nights)",
 * "2–3 orders". The CMO's model and the Audit say the same (one source). */
static const char *blast_whole_units_text(const report_context *c, const blast_model *b)
{
    int64_t low, high;
    blast_value(b, b->low, &low);
    blast_value(b, b->high, &high);
    blast_model uncapped = *b;
    uncapped.has_cap = false;
    int64_t free_low, free_high;
    blast_value(&uncapped, b->low, &free_low);
    blast_value(&uncapped, b->high, &free_high);
    const char *stay = stay_units_text(c, b, low, high);
    const char *room = free_high > high ? report_format(c, "%s if there were room",
                                                        whole_range_text(c, free_low, free_high))
                                        : NULL;
    const char *units = whole_units_text(c, b, low, high);
    if (stay && room)
        return report_format(c, "%s (%s; %s)", units, stay, room);
    if (stay || room)
        return report_format(c, "%s (%s)", units, stay ? stay : room);
    return units;
}

/* Conversions to one decimal (rule 5, rounding): the rates are estimates. */
static const char *conversions_text(const report_context *c, int64_t scaled)
{
    return report_scaled_text(c, report_muldiv(scaled, 1, MODEL_SCALE / 10) * (MODEL_SCALE / 10));
}

/* Whether the capacity cap binds, or that it is unknown for a per-unit entity. */
static void put_capacity_note(const report_context *c, const entity *e, const blast_model *b,
                              strbuf *out)
{
    if (!b->unit)
        return;
    const char *units = report_unit_plural(c, b->unit, false);
    blast_model uncapped = *b;
    uncapped.has_cap = false;
    int64_t low, high;
    blast_value(&uncapped, b->low, &low);
    blast_value(&uncapped, b->high, &high);
    if (!b->has_cap) {
        /* Only a send that could sell as many units as a month's could run
         * out of capacity: elsewhere the question is noise. */
        if (high < b->volume)
            return;
        const char *label = report_format(c, "%s available per month",
                                          report_unit_plural(c, b->unit, true));
        report_note_asked(c, e, SECTION_KPIS, report_format(c, "%s: N", label)); /* R9 */
        int64_t wl, wh;
        whole_conversions(low, high, &wl, &wh);
        strbuf_printf(out, "%s sells %s a month and one send could bring up to %lld; its capacity "
                           "is not stated: add `%s` to the KPIs to cap the conversions at the "
                           "spare %s.\n\n",
                      e->title, report_unit_count(c, b->unit, b->volume), (long long)wh, label,
                      units);
        return;
    }
    int64_t capped_low, capped_high;
    blast_value(b, b->low, &capped_low);
    blast_value(b, b->high, &capped_high);
    if (high > capped_high) /* the capped units first, never above the cap (N21) */
        strbuf_printf(out, "Capped at %s spare %s a month (%s available, %s sold): the list could "
                           "bring %s (%s if there were room).\n\n",
                      report_scaled_text(c, b->spare), units,
                      report_scaled_text(c, b->spare + b->volume), report_scaled_text(c, b->volume),
                      whole_units_text(c, b, capped_low, capped_high),
                      whole_range_text(c, low, high));
    else
        strbuf_printf(out, "The %s spare %s a month can take every conversion.\n\n",
                      report_scaled_text(c, b->spare), units);
}

/* The factors table: one `Value` column when no factor is a range. */
typedef struct {
    const char *label, *low, *high;
} factor_row;

static void put_factors(const report_context *c, const factor_row *rows, size_t count,
                        strbuf *out)
{
    bool ranged = false;
    for (size_t i = 0; i < count; i++)
        ranged |= strcmp(rows[i].low, rows[i].high) != 0;
    static const report_column two[] = {
        {"Factor", REPORT_LEFT}, {"Low", REPORT_RIGHT}, {"High", REPORT_RIGHT}};
    static const report_column one[] = {{"Factor", REPORT_LEFT}, {"Value", REPORT_RIGHT}};
    report_table t;
    report_table_init(&t, c->arena, ranged ? two : one, ranged ? 3 : 2);
    for (size_t i = 0; i < count; i++) {
        const char *cells[] = {rows[i].label, rows[i].low, rows[i].high};
        report_table_row_cells(&t, cells);
    }
    report_table_write(&t, out);
}

#define FACTOR_ROWS_MAX (BLAST_RATE_COUNT + 9)

static size_t blast_factor_rows(const report_context *c, const blast_model *b, factor_row *rows)
{
    size_t n = 0;
    const char *recipients = report_scaled_text(c, b->recipients);
    rows[n++] = (factor_row){"Recipients", recipients, recipients};
    for (size_t k = 0; k < BLAST_RATE_COUNT; k++)
        rows[n++] = (factor_row){blast_rates[k], report_percent_text(c, b->low[k]),
                                 report_percent_text(c, b->high[k])};
    const char *value = report_cents_text(c, b->order_value);
    rows[n++] = (factor_row){"Value per conversion", value, value};
    int64_t buyers_low, buyers_high;
    int64_t low = blast_value(b, b->low, &buyers_low), high = blast_value(b, b->high, &buyers_high);
    rows[n++] = (factor_row){"Expected conversions", conversions_text(c, buyers_low),
                             conversions_text(c, buyers_high)};
    rows[n++] = (factor_row){"Blast value", report_estimate_text(c, low, low),
                             report_estimate_text(c, high, high)};
    const char *cost = b->has_cost ? report_cents_text(c, b->cost) : "not stated";
    rows[n++] = (factor_row){"Cost per send", cost, cost};
    rows[n++] = (factor_row){"Net value", report_estimate_text(c, low - b->cost, low - b->cost),
                             report_estimate_text(c, high - b->cost, high - b->cost)};
    if (b->unit) {
        bool one_unit = blast_costs_one_unit(b);
        int64_t per = one_unit ? b->unit_cost : blast_conversion_cost(b);
        const char *unit_cost = report_estimate_text(c, per, per);
        int64_t adds_low = blast_after_unit_costs(b, b->low);
        int64_t adds_high = blast_after_unit_costs(b, b->high);
        rows[n++] = (factor_row){report_format(c, "Cost per %s sold",
                                               one_unit ? b->unit : blast_conversion_noun(b)),
                                 unit_cost, unit_cost};
        rows[n++] = (factor_row){"After unit costs", report_estimate_text(c, adds_low, adds_low),
                                 report_estimate_text(c, adds_high, adds_high)};
    }
    return n;
}

/* Where the value per conversion comes from, and for a subscription
 * whether it counts the customer's lifetime (rule 5). */
static void put_value_source(const report_context *c, const entity *e, const blast_model *b,
                             strbuf *out)
{
    const char *value = report_cents_text(c, b->order_value);
    bool key = strcmp(b->value_source, "Blast value per conversion") == 0;
    if (b->per_stay != MODEL_SCALE) { /* rule 5: a conversion books a stay */
        strbuf_printf(out, "Value per conversion %s: %s at the %s KPI, the stay the KPIs give; "
                           "set `Blast value per conversion` to change it.\n\n",
                      value, report_unit_count(c, b->unit, b->per_stay), b->value_source);
        return;
    }
    strbuf_printf(out, "Value per conversion %s: the %s%s", value, b->value_source,
                  key ? " key" : " KPI");
    if (b->subscription && !key && b->churn)
        strbuf_printf(out, " × the %s months a subscriber stays at the %s %s (1 ÷ churn; "
                           "`%s: N months` replaces it)",
                      report_scaled_text(c, b->lifetime),
                      report_percent_text(c, b->churn->value.scaled), b->churn->label,
                      LIFETIME_KPI);
    else if (b->subscription && !key && b->lifetime != MODEL_SCALE)
        strbuf_printf(out, " × the %s-month %s (a subscriber pays every month)",
                      report_scaled_text(c, b->lifetime), LIFETIME_KPI);
    else if (b->subscription && !key) {
        report_note_asked(c, e, SECTION_KPIS, LIFETIME_KPI ": N months"); /* its one ask (R9) */
        strbuf_printf(out, ", one %s only; a subscriber who stays is worth more (add `%s: N "
                           "months` to the KPIs of %s, or set `Blast value per conversion`).\n\n",
                      b->unit ? b->unit : "payment", LIFETIME_KPI, e->path);
        return;
    }
    strbuf_puts(out, key ? ".\n\n" : "; set `Blast value per conversion` to change it.\n\n");
}

static void put_blast_model(const report_context *c, const entity *e, const blast_model *b,
                            strbuf *out)
{
    int64_t buyers;
    int64_t low = blast_value(b, b->low, &buyers), high = blast_value(b, b->high, &buyers);
    const char *cost = report_cents_text(c, b->cost);
    strbuf_printf(out, "%s%s: one blast to **%s recipients** is worth **%s** of %s", e->title,
                  b->untested ? ", " UNTESTED_CLAUSE : "", report_scaled_text(c, b->recipients),
                  report_estimate_text(c, low, high), blast_money_word(b));
    if (b->has_cost)
        strbuf_printf(out, "; net of its %s cost per send, **%s**.\n\n", cost,
                      report_estimate_text(c, low - b->cost, high - b->cost));
    else {
        report_note_asked(c, e, SECTION_MARKETING, "Blast cost per send: $amount"); /* R9 */
        strbuf_puts(out, "; its cost is not stated (add `Blast cost per send: $amount` to "
                         "the Marketing section), so it is counted as $0.\n\n");
    }
    if (b->untested)
        strbuf_printf(out, "Send it and record the real rates (`%s`, `%s`, `%s`) in place of the "
                           "assumed ones.\n\n",
                      blast_rates[0], blast_rates[1], blast_rates[2]);
    if (b->unit)
        strbuf_printf(out, "%s are not profit: after %s, one send adds **%s**.\n\n",
                      blast_money_title(b), blast_unit_cost_text(c, b),
                      report_estimate_text(c, blast_after_unit_costs(b, b->low),
                                           blast_after_unit_costs(b, b->high)));
    put_value_source(c, e, b, out);
    factor_row rows[FACTOR_ROWS_MAX];
    put_factors(c, rows, blast_factor_rows(c, b, rows), out);
    put_capacity_note(c, e, b, out);
}

static void put_blast(const report_context *c, strbuf *out)
{
    strbuf_puts(out, "## E-mail blast ROI model\n\n");
    size_t shown = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        if (!model_find_item(e, SECTION_MARKETING, BLAST_RECIPIENTS))
            continue;
        blast_model b = {0};
        if (!read_blast(c, e, &b))
            continue;
        put_blast_model(c, e, &b, out);
        shown++;
    }
    if (!shown)
        strbuf_printf(out,
                      "No complete blast model: add `%s`, the three blast rates and a "
                      "value per conversion to a handoff (see Data quality).\n\n",
                      BLAST_RECIPIENTS);
}

typedef struct {
    const char *name;
    int64_t commission; /* scaled percent */
    int64_t setup_days; /* scaled */
    bool has_setup;
    size_t order; /* as listed: keeps ties in the handoff's order */
} ota;

static int ota_order(const void *a, const void *b)
{
    const ota *x = a, *y = b;
    if (x->commission != y->commission)
        return x->commission < y->commission ? -1 : 1;
    if (x->setup_days != y->setup_days)
        return x->setup_days < y->setup_days ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Words in an `## Expenses` label that say it is a booking platform's fee. */
static const char *const platform_fee_words[] = {"ota", "booking", "host", "platform"};

/* The `## Expenses` percent line that is a booking platform's fee at the
 * commission of `candidate` — when no other candidate has that commission
 * — so the business is presumably on it already (reports.md, OTA order);
 * NULL otherwise. */
static const item *ota_fee_paid(const entity *e, const item *candidate)
{
    const section *m = &e->sections[SECTION_MARKETING];
    for (size_t j = 0; j < m->item_count; j++)
        if (&m->items[j] != candidate && model_item_has_tag(&m->items[j], "ota") &&
            m->items[j].value.kind == VALUE_PERCENT &&
            m->items[j].value.scaled == candidate->value.scaled)
            return NULL; /* two at that commission: which one is not said */
    const section *x = &e->sections[SECTION_EXPENSES];
    for (size_t i = 0; i < x->item_count; i++) {
        const item *fee = &x->items[i];
        bool named = report_names_word(fee->label, candidate->label);
        for (size_t w = 0; !named && w < sizeof platform_fee_words / sizeof *platform_fee_words; w++)
            named = report_names_word(fee->label, platform_fee_words[w]);
        if (named && fee->value.kind == VALUE_PERCENT &&
            fee->value.scaled == candidate->value.scaled)
            return fee;
    }
    return NULL;
}

/* An `ota` candidate the business is already on: tagged `listed`, or
 * presumed from the fee it pays (`*fee` set then). */
static bool ota_listed(const entity *e, const item *candidate, const item **fee)
{
    *fee = NULL;
    if (model_item_has_tag(candidate, "listed"))
        return true;
    *fee = ota_fee_paid(e, candidate);
    return *fee != NULL;
}

/* "Already on Airbnb (presumed: it pays a 3% OTA service fee,
 * cedar-cabin.md:17; tag it `(ota, listed)` to confirm, ...)". */
static void put_listed_otas(const report_context *c, const entity *e, strbuf *out)
{
    const section *s = &e->sections[SECTION_MARKETING];
    for (size_t j = 0; j < s->item_count; j++) {
        const item *it = &s->items[j], *fee;
        if (!model_item_has_tag(it, "ota") || it->value.kind != VALUE_PERCENT ||
            !ota_listed(e, it, &fee))
            continue;
        if (!fee)
            strbuf_printf(out, "Already on %s (%s commission).\n\n", it->label,
                          report_percent_text(c, it->value.scaled));
        else
            strbuf_printf(out, "Already on %s (presumed: it pays a %s %s, %s:%d; tag it `(ota, "
                               "listed)` to confirm, or say in the fee's line which platform it "
                               "is).\n\n",
                          it->label, report_percent_text(c, fee->value.scaled), fee->label,
                          e->path, fee->line);
    }
}

static size_t collect_otas(const report_context *c, const entity *e, ota **out)
{
    size_t count = 0, capacity = 0;
    *out = NULL;
    const section *s = &e->sections[SECTION_MARKETING];
    for (size_t j = 0; j < s->item_count; j++) {
        const item *it = &s->items[j], *fee;
        if (!model_item_has_tag(it, "ota") || it->value.kind != VALUE_PERCENT ||
            ota_listed(e, it, &fee))
            continue;
        ota *o = arena_push(c->arena, (void **)out, &count, &capacity, sizeof **out);
        *o = (ota){.name = it->label, .order = count, .commission = it->value.scaled};
        for (size_t k = 0; k < it->child_count; k++)
            if (it->children[k].value.kind == VALUE_NUMBER &&
                strcmp(it->children[k].label, "Setup days") == 0) {
                o->setup_days = it->children[k].value.scaled;
                o->has_setup = true;
            }
        if (!o->has_setup)
            report_note_missing(c, e, SECTION_MARKETING,
                                report_format(c, "Setup days: N` under `%s", it->label));
    }
    if (count)
        qsort(*out, count, sizeof **out, ota_order);
    return count;
}

static bool same_step(const ota *a, const ota *b)
{
    return a->commission == b->commission && a->setup_days == b->setup_days;
}

/* `label` names `name` as whole words, case aside: "Claim the Google
 * Business Profile" names "Google Business Profile". */

/* An action that names one of its own business's Marketing channels
 * tagged `tag` is that channel's step, already listed once: the CMO sees
 * each business + channel once. */
static bool action_repeats_channel(const report_entry *action, const char *tag)
{
    const section *s = &action->entity->sections[SECTION_MARKETING];
    for (size_t i = 0; i < s->item_count; i++)
        if (model_item_has_tag(&s->items[i], tag) &&
            report_names_word(action->item->label, s->items[i].label))
            return true;
    return false;
}

/* A channel's priority rank (0 high .. 3 none): its own, or that of the
 * highest-priority action of its business that names it — the action is
 * the channel's step, so the plan dates it as the CEO's agenda does. */
static int channel_rank(const report_context *c, const entity *e, const char *channel, int own)
{
    report_entry *actions;
    size_t count = entity_items(c, e, SECTION_ACTIONS, NULL, &actions);
    int rank = own;
    for (size_t i = 0; i < count; i++)
        if (actions[i].rank < rank && report_names_word(actions[i].item->label, channel))
            rank = actions[i].rank;
    return rank;
}

static void put_ota(const report_context *c, const ota *otas, size_t count, strbuf *out)
{
    static const report_column columns[] = {
        {"Step", REPORT_RIGHT},
        {"Platform", REPORT_LEFT},
        {"Commission", REPORT_RIGHT},
        {"Setup days", REPORT_RIGHT},
    };
    report_table t;
    report_table_init(&t, c->arena, columns, 4);
    strbuf_puts(out, "Sequence: **");
    int step = 0;
    for (size_t i = 0; i < count; i++) {
        bool joins = i > 0 && same_step(&otas[i - 1], &otas[i]);
        if (!joins)
            step++;
        strbuf_puts(out, i == 0 ? "" : joins ? "/" : " \u2192 ");
        strbuf_puts(out, otas[i].name);
        report_table_row(&t, report_format(c, "%d", step), otas[i].name,
                         report_percent_text(c, otas[i].commission),
                         otas[i].has_setup ? report_scaled_text(c, otas[i].setup_days) : "?");
    }
    strbuf_puts(out, count == 1 ? "**: its only OTA candidate.\n" : "**.\n");
    report_table_write(&t, out);
}

/* The entity's top-level items of `kind` tagged `tag`, by priority. */
static size_t entity_items(const report_context *c, const entity *e, section_kind kind,
                           const char *tag, report_entry **out)
{
    report_entry *all;
    size_t count = report_collect_items(c, kind, tag, &all), n = 0;
    for (size_t i = 0; i < count; i++)
        if (all[i].entity == e)
            all[n++] = all[i];
    *out = all;
    return n;
}

/* A plan step is a sentence (reports.md, CMO Plans): "Set up backups". */
static const char *capitalised(const report_context *c, const char *text)
{
    char *copy = report_format(c, "%s", text);
    copy[0] = (char)toupper((unsigned char)copy[0]);
    return copy;
}

/* A channel is set up when tagged `missing` and maintained otherwise; an
 * action is written as it is. */
static void put_seo_step(const report_context *c, const report_entry *entry, bool is_channel,
                         size_t number, strbuf *out)
{
    const item *it = entry->item;
    bool missing = model_item_has_tag(it, "missing");
    const char *verb = !is_channel ? "" : missing ? "Set up " : "Maintain ";
    bool show_text = !missing && it->value.kind == VALUE_TEXT && *it->text;
    static const char *const rank_names[] = {"high", "medium", "low"};
    strbuf_printf(out, "%zu. %s%s%s", number, verb, *verb ? it->label : capitalised(c, it->label),
                  show_text ? report_format(c, " (%s)", it->text) : "");
    if (entry->rank < 3)
        strbuf_printf(out, " \u2014 %s priority", rank_names[entry->rank]);
    strbuf_putc(out, '\n');
}

/* The entity's `seo` channels and `seo` actions, merged by priority. */
static size_t put_seo(const report_context *c, const entity *e, strbuf *out)
{
    report_entry *channels, *actions;
    size_t channel_count = entity_items(c, e, SECTION_MARKETING, "seo", &channels);
    for (size_t i = 0; i < channel_count; i++)
        channels[i].rank = channel_rank(c, e, channels[i].item->label, channels[i].rank);
    size_t action_count = entity_items(c, e, SECTION_ACTIONS, "seo", &actions);
    size_t n = 0;
    for (int rank = 0; rank <= 3; rank++) {
        for (size_t i = 0; i < channel_count; i++)
            if (channels[i].rank == rank) {
                if (!n)
                    strbuf_puts(out, "### Local SEO roadmap\n\n");
                put_seo_step(c, &channels[i], true, ++n, out);
            }
        for (size_t i = 0; i < action_count; i++)
            if (actions[i].rank == rank && !action_repeats_channel(&actions[i], "seo")) {
                if (!n)
                    strbuf_puts(out, "### Local SEO roadmap\n\n");
                put_seo_step(c, &actions[i], false, ++n, out);
            }
    }
    if (n)
        strbuf_putc(out, '\n');
    return n;
}

/* Milestone windows: priority high in 30 days, medium in 60, low or none
 * in 90; OTA step N goes live in window N (the last window at most). */
#define WINDOW_COUNT 3
static const char *const windows[WINDOW_COUNT] = {"30 days", "60 days", "90 days"};
static const int rank_window[] = {0, 1, 2, 2};

typedef struct {
    int window;
    const char *text;
    bool high; /* the handoff ranks it high (a tag or a high action), not the OTA order */
} milestone;

typedef struct {
    milestone *items;
    size_t count;
    size_t capacity;
} milestone_list;

static milestone *add_milestone(const report_context *c, milestone_list *list, int window,
                                const char *text)
{
    milestone *m =
        arena_push(c->arena, (void **)&list->items, &list->count, &list->capacity, sizeof *m);
    *m = (milestone){window < WINDOW_COUNT ? window : WINDOW_COUNT - 1, text, false};
    return m;
}

static void collect_milestones(const report_context *c, const entity *e, const ota *otas,
                               size_t ota_count, milestone_list *list)
{
    *list = (milestone_list){0};
    for (size_t i = 0, step = 0; i < ota_count; i++) {
        if (i == 0 || !same_step(&otas[i - 1], &otas[i]))
            step++;
        int rank = channel_rank(c, e, otas[i].name, 3), by_action = rank_window[rank];
        add_milestone(c, list, by_action < (int)step - 1 ? by_action : (int)step - 1,
                      report_format(c, "List on %s (%s commission)", otas[i].name,
                                    report_percent_text(c, otas[i].commission)))
            ->high = rank == 0;
    }
    report_entry *missing, *revenue;
    size_t missing_count = entity_items(c, e, SECTION_MARKETING, "missing", &missing);
    for (size_t i = 0; i < missing_count; i++) {
        int rank = channel_rank(c, e, missing[i].item->label, missing[i].rank);
        add_milestone(c, list, rank_window[rank],
                      report_format(c, "Set up %s", missing[i].item->label))
            ->high = rank == 0;
    }
    size_t revenue_count = entity_items(c, e, SECTION_ACTIONS, "revenue", &revenue);
    for (size_t i = 0; i < revenue_count; i++)
        if (!action_repeats_channel(&revenue[i], "ota") &&
            !action_repeats_channel(&revenue[i], "missing"))
            add_milestone(c, list, report_due_window(report_action_due_days(c, e, revenue[i].item)),
                          capitalised(c, revenue[i].item->label))
                ->high =
                revenue[i].rank == 0;
}

static void put_milestones(const milestone_list *list, strbuf *out)
{
    if (!list->count)
        return;
    strbuf_puts(out, "### 30/60/90-day milestones\n\n");
    for (int w = 0; w < WINDOW_COUNT; w++) {
        size_t n = 0;
        for (size_t i = 0; i < list->count; i++)
            if (list->items[i].window == w) {
                if (!n)
                    strbuf_printf(out, "**%s**\n\n", windows[w]);
                report_bullet(out, &n, "%s", list->items[i].text);
            }
        if (n)
            strbuf_putc(out, '\n');
    }
}

/* Rule 5 / reports.md CMO headline 2: when one send's whole units reach
 * what the business sells a month and no capacity caps them, the figure is
 * a caution, not a promise: the tail of the sentence that says so
 * (": send it and record the real rates before counting on it" for a blast
 * not sent yet, ": its capacity is not stated" otherwise); NULL when the
 * send stays under a month's sales. */
static const char *blast_caution(const report_context *c, const blast_model *b)
{
    if (!b->unit || b->has_cap)
        return NULL;
    int64_t low, high, wl, wh;
    blast_value(b, b->low, &low);
    blast_value(b, b->high, &high);
    whole_conversions(low, high, &wl, &wh);
    if (wh * MODEL_SCALE < b->volume)
        return NULL;
    return b->untested ? ": send it and record the real rates before counting on it"
                       : ": its capacity is not stated";
}

/* "### Revenue gap" of a burning entity: the units it must add (or its
 * largest cost) and, with a complete blast model, what one send brings
 * (reports.md, CMO, Plans). False when it does not burn. */
static bool put_revenue_gap(const report_context *c, const entity *e, strbuf *out)
{
    int64_t net = report_entity_burn(c, e).mid - report_entity_revenue(c, e).mid;
    if (net <= 0)
        return false;
    strbuf_puts(out, "### Revenue gap\n\n");
    strbuf_printf(out, "%s burns %s/month", e->title, report_dollars_text(c, net)); /* whole (P12) */
    report_unit_economics u;
    if (report_unit_economics_of(c, e, &u) && u.has_price && u.has_volume && u.reachable &&
        u.volume_scaled / MODEL_SCALE < u.break_even_units) {
        int64_t more = u.break_even_units - u.volume_scaled / MODEL_SCALE;
        report_season season; /* its volume is the off-season's (eyes-final4 P6) */
        if (report_entity_off_season(c, e, &season))
            strbuf_printf(out, ": in season it needs %lld %s a month to break even (it sells %s "
                               "in the %s)",
                          (long long)u.break_even_units, report_unit_plural(c, u.unit, false),
                          report_scaled_text(c, u.volume_scaled),
                          season.month_name
                              ? report_format(c, "off-season, until %s", season.month_name)
                              : "off-season");
        else if (report_churn_kpi(e)) /* subscriptions are a stock (check17 A4) */
            strbuf_printf(out, ": to break even it needs to %s",
                          report_units_to_add_text(c, e, &u, more));
        else
            strbuf_printf(out, ": it needs %lld more %s a month to break even (%lld; it sells %s)",
                          (long long)more, more == 1 ? u.unit : report_unit_plural(c, u.unit, false),
                          (long long)u.break_even_units, report_scaled_text(c, u.volume_scaled));
    } else { /* the CFO's break-even figure: costs that move with revenue grow too (H1) */
        int64_t more;
        if (report_revenue_to_break_even(c, e, &more, NULL))
            strbuf_printf(out, ": it needs %s a month more revenue to break even%s",
                          report_dollars_text(c, more),
                          more > net ? " (costs that move with revenue grow with it)" : "");
        else
            strbuf_puts(out, ": no revenue closes it, the costs that move with revenue take all "
                             "of it (the CFO's Revenue targets)");
    }
    blast_model b = {0};
    if (model_find_item(e, SECTION_MARKETING, BLAST_RECIPIENTS) && read_blast(c, e, &b)) {
        int64_t low, high;
        int64_t value_low = blast_value(&b, b.low, &low), value_high = blast_value(&b, b.high, &high);
        const char *stay = stay_units_text(c, &b, low, high); /* 3 stays are 9 nights (D2) */
        strbuf_printf(out, "; %sone send to its %s-recipient list could bring about %s (%s%s of %s)",
                      b.untested ? "if the assumed rates hold, " : "",
                      report_scaled_text(c, b.recipients), whole_units_text(c, &b, low, high),
                      stay ? report_format(c, "%s, ", stay) : "",
                      report_estimate_text(c, value_low, value_high), blast_money_word(&b));
        const char *caution = blast_caution(c, &b);
        if (caution)
            strbuf_printf(out, ", more than the %s it sells a month%s",
                          report_scaled_text(c, b.volume), caution);
    }
    strbuf_puts(out, ".\n\n");
    return true;
}

/* reports.md, CMO Plans "No `## Marketing` section": ask for it and name
 * the marketing facts the file has, its quoted work (eyes-final G14). */
/* A `## Clients` item tagged `quoted` with an amount: work waiting for an
 * answer, a step of a plan without `## Marketing`. */
static bool quote_to_follow_up(const item *it, report_amount *amount)
{
    return model_item_has_tag(it, "quoted") && report_item_amount(it, amount);
}

static bool put_no_marketing(const report_context *c, const entity *e, strbuf *out)
{
    if (e->has_section[SECTION_MARKETING])
        return false;
    report_note_asked_section(c, e, SECTION_MARKETING); /* the one ask (R9) */
    strbuf_printf(out, "### Marketing\n\nNo `## Marketing` section: add one to %s with its "
                       "channels, e-mail list and spend.\n\n",
                  e->path);
    const section *s = &e->sections[SECTION_CLIENTS];
    size_t n = 0;
    report_amount a;
    for (size_t i = 0; i < s->item_count; i++)
        if (quote_to_follow_up(&s->items[i], &a))
            report_bullet(out, &n, "Follow up the %s quote: %s.", report_amount_text(c, &a),
                          s->items[i].label);
    if (n)
        strbuf_putc(out, '\n');
    return true;
}

/* The first quote a plan follows up (put_no_marketing) in entity order:
 * the decision when the plans hold no dated step (check17 E7). */
static const item *first_quote_step(const report_context *c, const entity **who,
                                    report_amount *amount)
{
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        const section *s = &e->sections[SECTION_CLIENTS];
        for (size_t j = 0; !e->has_section[SECTION_MARKETING] && j < s->item_count; j++)
            if (quote_to_follow_up(&s->items[j], amount)) {
                *who = e;
                return &s->items[j];
            }
    }
    return NULL;
}

/* reports.md, CMO Plans "Marketing spend": each spend and what it brings,
 * or the KPI that would say (eyes-final G11). */
static size_t put_spends(const report_context *c, const entity *e, strbuf *out)
{
    const section *x = &e->sections[SECTION_EXPENSES];
    size_t n = 0;
    for (size_t j = 0; j < x->item_count; j++) {
        const item *spend = &x->items[j];
        if (!is_marketing_spend(spend))
            continue;
        if (!n)
            strbuf_puts(out, "### Marketing spend\n\n");
        const item *result = NULL;
        const section *k = &e->sections[SECTION_KPIS];
        for (size_t i = 0; i < k->item_count && !result; i++)
            if (report_names_word(k->items[i].label, spend->label) && k->items[i].value.kind != VALUE_TEXT)
                result = &k->items[i];
        if (result) {
            report_bullet(out, &n, "%s, %s: brings %s (`%s`).", spend->label,
                          report_written_amount(c, spend), report_written_amount(c, result),
                          result->label);
            continue;
        }
        report_unit_economics u;
        const char *what = report_unit_economics_of(c, e, &u)
                               ? report_unit_plural(c, u.unit, true)
                               : "Sales";
        const char *kpi = report_format(c, "%s from %s per month", what, spend->label);
        report_note_asked(c, e, SECTION_KPIS, report_format(c, "%s: N", kpi)); /* its one ask (R9) */
        report_bullet(out, &n, "%s, %s: no figure in the file says what it brings: add `%s: N` "
                               "to the KPIs of %s.",
                      spend->label, report_written_amount(c, spend), kpi, e->path);
    }
    if (n)
        strbuf_putc(out, '\n');
    return n;
}

/* The entity's first action whose label names `word`, NULL without one. */
static const item *action_naming(const entity *e, const char *word)
{
    const section *s = &e->sections[SECTION_ACTIONS];
    for (size_t i = 0; i < s->item_count; i++)
        if (report_names_word(s->items[i].label, word))
            return &s->items[i];
    return NULL;
}

/* Whether a step of the 30/60/90-day plan already names `word`. */
static bool any_step_names(const milestone_list *steps, const char *word)
{
    for (size_t j = 0; j < steps->count; j++)
        if (report_names_word(steps->items[j].text, word))
            return true;
    return false;
}

static const entity *best_blast(const report_context *c, report_amount *net, blast_model *model);

/* reports.md, CMO Plans "E-mail blast": the best blast's business sends it
 * (eyes-final G11), in its own action's words when one names the blast
 * ("Send the first blast to the e-mail list", check17 D6: the headline's
 * decision is in a plan); only a dated step of the plan that already names
 * the blast replaces it. */
static bool put_blast_step(const report_context *c, const entity *e,
                           const milestone_list *steps, strbuf *out)
{
    report_amount net;
    blast_model b = {0};
    if (best_blast(c, &net, &b) != e || net.low <= 0 || any_step_names(steps, "blast"))
        return false;
    const item *action = action_naming(e, "blast");
    strbuf_printf(out, "### E-mail blast\n\n%s: %s%s%s of %s per send%s",
                  action ? report_format(c, "%s (%s:%d), the %s-recipient list", action->label,
                                         e->path, action->line,
                                         report_scaled_text(c, b.recipients))
                         : report_format(c, "Send the blast to the %s-recipient list",
                                         report_scaled_text(c, b.recipients)),
                  b.untested ? UNTESTED_CLAUSE ", " : "",
                  c->entity_count > 1 ? "the best return in scope, " : "",
                  report_estimate_text(c, net.low, net.high), blast_money_word(&b),
                  b.has_cost ? report_format(c, " after its %s cost", report_cents_text(c, b.cost))
                             : "");
    int64_t high;
    blast_model uncapped = b;
    uncapped.has_cap = false;
    blast_value(&uncapped, b.high, &high);
    if (b.has_cap && high <= blast_cap_conversions(&b))
        strbuf_printf(out, "; the %s spare %s a month can take every conversion",
                      report_scaled_text(c, b.spare), report_unit_plural(c, b.unit, false));
    else if (b.has_cap)
        strbuf_printf(out, " (capped at %s spare %s a month)", report_scaled_text(c, b.spare),
                      report_unit_plural(c, b.unit, false));
    strbuf_puts(out, ".\n\n");
    return true;
}

static void put_plans(const report_context *c, strbuf *out)
{
    strbuf idle = STRBUF_INIT;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        ota *otas;
        size_t ota_count = collect_otas(c, e, &otas);
        milestone_list steps;
        collect_milestones(c, e, otas, ota_count, &steps);
        strbuf plan = STRBUF_INIT;
        bool gap = put_revenue_gap(c, e, &plan);
        bool asked = put_no_marketing(c, e, &plan);
        bool blast = put_blast_step(c, e, &steps, &plan);
        size_t spends = put_spends(c, e, &plan);
        put_listed_otas(c, e, &plan);
        if (ota_count)
            put_ota(c, otas, ota_count, &plan);
        size_t seo = put_seo(c, e, &plan);
        put_milestones(&steps, &plan);
        if (gap || asked || blast || spends || ota_count || seo || steps.count)
            strbuf_printf(out, "## Plan: %s\n\n%s", e->title, strbuf_cstr(&plan));
        else
            strbuf_printf(&idle, "%s%s (%s)", idle.len ? ", " : "", e->title, e->path);
        strbuf_free(&plan);
    }
    if (idle.len)
        strbuf_printf(out,
                      "No marketing step for %s: the file lists no channel to set up, no OTA, "
                      "SEO or spend, and no revenue action.\n\n",
                      strbuf_cstr(&idle));
    strbuf_free(&idle);
}

/* The best complete blast model in scope: its entity, model and net value. */
static const entity *best_blast(const report_context *c, report_amount *net, blast_model *model)
{
    const entity *best = NULL;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        blast_model b = {0};
        if (!model_find_item(e, SECTION_MARKETING, BLAST_RECIPIENTS) || !read_blast(c, e, &b))
            continue;
        int64_t buyers;
        report_amount value = report_amount_of(blast_value(&b, b.low, &buyers) - b.cost,
                                               blast_value(&b, b.high, &buyers) - b.cost);
        if (!best || value.mid > net->mid) {
            best = e;
            *net = value;
            *model = b;
        }
    }
    return best;
}

/* The first step of window `w` in entity order (only those the handoff
 * ranks high when `high_only`). */
static bool first_step_of(const report_context *c, int w, bool high_only, const entity **who,
                          const char **step)
{
    for (size_t i = 0; i < c->entity_count; i++) {
        ota *otas;
        size_t ota_count = collect_otas(c, c->entities[i], &otas);
        milestone_list steps;
        collect_milestones(c, c->entities[i], otas, ota_count, &steps);
        for (size_t j = 0; j < steps.count; j++)
            if (steps.items[j].window == w && (!high_only || steps.items[j].high)) {
                *who = c->entities[i];
                *step = steps.items[j].text;
                return true;
            }
    }
    return false;
}

/* reports.md, CMO headline 3: the handoff's own high steps first, so the
 * CMO and the CEO agenda name the same next step. */
static bool first_step(const report_context *c, int w, const entity **who, const char **step)
{
    return first_step_of(c, w, true, who, step) || first_step_of(c, w, false, who, step);
}

static bool any_blast_list(const report_context *c)
{
    for (size_t i = 0; i < c->entity_count; i++)
        if (model_find_item(c->entities[i], SECTION_MARKETING, BLAST_RECIPIENTS))
            return true;
    return false;
}

/* "Best e-mail blast: JADA, if the assumed rates hold (no blast sent yet):
 * $10,200–$43,500 of bookings per send (its cost not stated); after
 * $1,100 of costs per charter it adds $4,140–$17,600. Caution: 5–24
 * charters from one send is more than the 2 JADA sells a month (its
 * capacity is not stated): send it and record the real rates before
 * counting on it." (reports.md, CMO headline 2). */
/* "Best e-mail blast: JADA's first, not sent yet: send it to its 3,676
 * addresses and record opens, clicks and bookings; one charter from it
 * ($750 margin) covers 27% of JADA's $2,800/month loss": a blast not sent
 * yet whose low bookings are more than a month of the business's revenue
 * leads with the step, its range stays in the body (reports.md, CMO
 * headline 2; eyes-final4 P14). False when the range may lead. */
static bool blast_range_too_large_to_lead(const report_context *c, const entity *best,
                                          const blast_model *b)
{
    int64_t buyers;
    return b->untested && blast_value(b, b->low, &buyers) > report_entity_revenue(c, best).mid;
}

static bool put_first_blast_step(const report_context *c, const entity *best,
                                 const blast_model *b, strbuf *out)
{
    report_unit_economics u;
    int64_t revenue = report_entity_revenue(c, best).mid;
    if (!blast_range_too_large_to_lead(c, best, b) || !report_unit_economics_of(c, best, &u) ||
        !u.has_price || u.margin <= 0)
        return false;
    int64_t net = report_entity_burn(c, best).mid - revenue; /* > 0: a loss */
    strbuf_printf(out, "- Best e-mail blast: %s first, not sent yet: send it to its %s addresses "
                       "and record opens, clicks and bookings; one %s from it (%s margin) ",
                  report_possessive(c, best->title), report_scaled_text(c, b->recipients), u.unit,
                  report_dollars_text(c, u.margin));
    if (net <= 0)
        strbuf_printf(out, "adds %s to its %s/month surplus.\n", report_dollars_text(c, u.margin),
                      report_dollars_text(c, -net));
    else if (u.margin >= net)
        strbuf_printf(out, "covers %s %s/month loss.\n", report_possessive(c, best->title),
                      report_dollars_text(c, net));
    else
        strbuf_printf(out, "covers %lld%% of %s %s/month loss.\n",
                      (long long)report_muldiv(u.margin, 100, net),
                      report_possessive(c, best->title), report_dollars_text(c, net));
    return true;
}

static void put_best_blast(const report_context *c, const entity *best, const blast_model *b,
                           report_amount net, strbuf *out)
{
    if (put_first_blast_step(c, best, b, out))
        return;
    strbuf_printf(out, "- Best e-mail blast: %s, %s%s of %s per send%s", best->title,
                  b->untested ? UNTESTED_CLAUSE ": " : "",
                  report_estimate_text(c, net.low, net.high), blast_money_word(b),
                  b->has_cost ? report_format(c, " after its %s cost", report_cents_text(c, b->cost))
                              : " (its cost not stated)");
    if (!b->unit) {
        strbuf_puts(out, ".\n");
        return;
    }
    strbuf_printf(out, "; after %s it adds %s", blast_unit_cost_text(c, b),
                  report_estimate_text(c, blast_after_unit_costs(b, b->low),
                                       blast_after_unit_costs(b, b->high)));
    bool key = strcmp(b->value_source, "Blast value per conversion") == 0;
    if (b->subscription && !key && b->lifetime == MODEL_SCALE)
        strbuf_printf(out, " (one %s per subscriber; one who stays is worth more)", b->unit);
    else if (b->subscription && !key)
        strbuf_printf(out, " (a subscriber's %s months%s)", report_scaled_text(c, b->lifetime),
                      b->churn ? report_format(c, " at %s churn",
                                               report_percent_text(c, b->churn->value.scaled))
                               : "");
    blast_model uncapped = *b;
    uncapped.has_cap = false;
    int64_t low, high, wl, wh;
    blast_value(&uncapped, b->low, &low);
    blast_value(&uncapped, b->high, &high);
    whole_conversions(low, high, &wl, &wh);
    if (b->has_cap && high > blast_cap_conversions(b))
        strbuf_printf(out, " (capped at %s spare %s a month)", report_scaled_text(c, b->spare),
                      report_unit_plural(c, b->unit, false));
    const char *caution = blast_caution(c, b);
    bool even_low = wl * MODEL_SCALE >= b->volume;
    if (caution)
        strbuf_printf(out, ". Caution: %s from one send %s more than the %s %s sells a month "
                           "(its capacity is not stated)%s",
                      even_low ? whole_units_text(c, b, low, high)
                               : report_format(c, "up to %s",
                                               report_unit_count(c, b->unit, wh * MODEL_SCALE)),
                      even_low ? "is" : "would be",
                      report_scaled_text(c, b->volume), best->title,
                      b->untested ? ": send it and record the real rates before counting on it"
                                  : "");
    strbuf_puts(out, ".\n");
}

/* No handoff has a `## Marketing` section, yet an expense is marketing
 * spend: said once, naming the section, and the spend named as money with
 * no figure of what it brings, not counted as a channel (check20 E10). */
static void put_no_marketing_stated(const report_context *c, const channel_matrix *m,
                                    strbuf *out)
{
    if (c->entity_count == 1)
        strbuf_printf(out, "- %s states no marketing: add a `## Marketing` section to its handoff",
                      c->entities[0]->title);
    else
        strbuf_puts(out, "- No business states its marketing: add a `## Marketing` section to "
                         "each handoff");
    bool one = c->entity_count == 1; /* its own name is already said */
    strbuf_puts(out, m->listed > 1 ? "; marketing spends with no figure of what they bring: "
                     : one         ? "; its only marketing spend is "
                                   : "; the only marketing spend is ");
    for (size_t r = 0, n = 0; r < m->count; r++)
        for (size_t i = 0; i < c->entity_count; i++)
            if (m->rows[r].cells[i] && strcmp(m->rows[r].name, ANALYTICS_ROW) != 0)
                strbuf_printf(out, "%s%s%s%s, %s", n++ ? "; " : "", one ? "" : c->entities[i]->title,
                              one ? "" : "'s ", m->rows[r].name, m->rows[r].cells[i]);
    if (m->listed == 1)
        strbuf_puts(out, ", with no figure of what it brings");
}

/* Three lines first: the channels, the best blast, and the first step. */
static void put_headline(const report_context *c, const channel_matrix *m, strbuf *out)
{
    strbuf_puts(out, "## Headline\n\n");
    if (!m->listed) /* never "0 across 0 entities" (check17 E7) */
        strbuf_puts(out, "- No marketing channels stated");
    else if (!m->stated)
        put_no_marketing_stated(c, m, out);
    else
        strbuf_printf(out, "- Channels: %zu across %zu %s%s, %s to set up", m->listed, m->holders,
                      m->holders == 1 ? "entity" : "entities",
                      m->holders < c->entity_count
                          ? report_format(c, " (of %zu in scope)", c->entity_count)
                          : "",
                      m->missing ? report_format(c, "%zu", m->missing) : "none");
    for (size_t r = 0, n = 0; r < m->count; r++)
        for (size_t i = 0; i < c->entity_count; i++)
            if (m->rows[r].cells[i] && strcmp(m->rows[r].cells[i], "MISSING") == 0)
                strbuf_printf(out, "%s%s (%s)", n++ ? ", " : ": ", m->rows[r].name,
                              c->entities[i]->title);
    strbuf_puts(out, ".\n");
    report_amount net;
    blast_model model = {0};
    const entity *best = best_blast(c, &net, &model);
    if (best)
        put_best_blast(c, best, &model, net, out);
    else if (any_blast_list(c))
        strbuf_puts(out, "- No complete e-mail blast model: the keys it lacks are listed in "
                         "Data quality.\n");
    else
        strbuf_printf(out, "- E-mail blast: no handoff in scope states `%s`, so no blast can "
                           "be valued.\n",
                      BLAST_RECIPIENTS);
    const entity *who;
    const char *step;
    if (first_step(c, 0, &who, &step)) {
        strbuf_printf(out, "- Decision: %s: %s, within %s.\n\n", who->title, step, windows[0]);
        return;
    }
    if (best && net.low > 0 && model.untested && blast_range_too_large_to_lead(c, best, &model)) {
        strbuf_printf(out, "- Decision: send the first %s blast and record its real rates, within "
                           "30 days.\n\n",
                      best->title);
        return;
    }
    if (best && net.low > 0 && model.untested) {
        strbuf_printf(out, "- Decision: send the first %s blast and record its real rates (if the "
                           "assumed ones hold, %s of %s), within 30 days.\n\n",
                      best->title, report_estimate_text(c, net.low, net.high),
                      blast_money_word(&model));
        return;
    }
    if (best && net.low > 0) {
        strbuf_printf(out, "- Decision: send the %s blast (%s of %s per send), within 30 days.\n\n",
                      best->title, report_estimate_text(c, net.low, net.high),
                      blast_money_word(&model));
        return;
    }
    for (int w = 1; w < WINDOW_COUNT; w++)
        if (first_step(c, w, &who, &step)) {
            strbuf_printf(out, "- Decision: %s: %s, within %s.\n\n", who->title, step,
                          windows[w]);
            return;
        }
    report_amount quote;
    const item *quoted = first_quote_step(c, &who, &quote);
    if (quoted) { /* a plan with a step is never "none forced" (check17 E7) */
        strbuf_printf(out, "- Decision: %s: follow up the %s %s quote, this week.\n\n", who->title,
                      report_amount_text(c, &quote), quoted->label);
        return;
    }
    strbuf_puts(out, "- Decision: none forced: no marketing step in the data.\n\n");
}

void report_cmo(const report_context *c, strbuf *out)
{
    channel_matrix matrix;
    build_matrix(c, &matrix);
    put_headline(c, &matrix, out);
    put_matrix(c, &matrix, out);
    put_blast(c, out);
    put_plans(c, out);
}

bool report_blast_of(const report_context *c, const entity *e, report_blast *out)
{
    blast_model b = {0};
    if (!model_find_item(e, SECTION_MARKETING, BLAST_RECIPIENTS) || !read_blast(c, e, &b))
        return false;
    *out = (report_blast){.recipients = b.recipients, .has_cost = b.has_cost, .cost = b.cost};
    out->value_low = blast_value(&b, b.low, &out->conversions_low);
    out->value_high = blast_value(&b, b.high, &out->conversions_high);
    return true;
}

const char *report_blast_units_text(const report_context *c, const entity *e)
{
    blast_model b = {0};
    if (!model_find_item(e, SECTION_MARKETING, BLAST_RECIPIENTS) || !read_blast(c, e, &b))
        return NULL;
    return blast_whole_units_text(c, &b);
}

const char *report_blast_whole_text(const report_context *c, int64_t low, int64_t high)
{
    return whole_range_text(c, low, high);
}
