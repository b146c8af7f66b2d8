/* report_blast: the e-mail blast model (rule 5 of docs/handoff-format.md)
 * and the sentences the CMO and the Audit say it in.
 *
 * Blast: conversions = recipients × open × click × conversion, once with
 * every factor's low end and once with the high ends (a percent range
 * "25–40%" gives both; a single percent is both); net value = conversions
 * × value per conversion − cost per send. The value per conversion is
 * `Blast value per conversion`, else the KPI `Average order value`, else
 * the `Average <unit> price`, and the report says which; without `Blast
 * cost per send` the cost is $0 and the report asks for it. The factors
 * are a table of labels so the handoff names them and the report says
 * which one is missing.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report/report_internal.h"

static const char *const blast_rates[] = {"Blast open rate", "Blast click rate",
                                          "Blast conversion rate"};
_Static_assert(sizeof blast_rates / sizeof blast_rates[0] == REPORT_BLAST_RATE_COUNT,
               "one label per rate of the model");
#define BLAST_RATE_COUNT REPORT_BLAST_RATE_COUNT
#define BLAST_RECIPIENTS REPORT_BLAST_RECIPIENTS

/* Marketing items that are the blast model's keys, not channels. */
static const char *const blast_keys[] = {"Blast open rate", "Blast click rate",
                                         "Blast conversion rate", "Blast value per conversion",
                                         "Blast cost per send"};

bool report_blast_is_key(const item *it)
{
    for (size_t i = 0; i < sizeof blast_keys / sizeof blast_keys[0]; i++)
        if (strcasecmp(it->label, blast_keys[i]) == 0)
            return true;
    return false;
}

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


/* The churn KPI's percent, scaled: the midpoint of a range. */
static int64_t churn_percent_mid(const item *churn)
{
    return (churn->value.scaled + churn->value.scaled_high) / 2;
}

/* Rule 5: the months a subscriber stays from the churn, 1 ÷ churn (the
 * midpoint of a range) to a tenth of a month, as the report shows it
 * (6% → 16.7), scaled; 0 without a churn percent. The text only: every
 * figure multiplies by the exact 100% ÷ churn (life_num ÷ life_den). */
static int64_t churn_lifetime(const entity *e)
{
    const item *churn = report_churn_kpi(e);
    if (!churn)
        return 0;
    const int64_t tenth = MODEL_SCALE / 10;
    return report_muldiv(REPORT_PERCENT_ONE, 10, churn_percent_mid(churn)) * tenth;
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
        if (report_names_word(s->items[i].label, "first") &&
            report_names_word(s->items[i].label, "blast"))
            return true;
    return false;
}

/* Rule 5's capacity cap: the spare units of a per-unit entity that states
 * `<Unit>s available per month`; without it a per-unit entity is asked. */
static void read_blast_capacity(const report_context *c, const entity *e, report_blast_model *b)
{
    report_unit_economics u;
    if (!report_unit_economics_of(c, e, &u) || !u.has_volume)
        return;
    b->unit = u.unit;
    b->volume = u.volume_scaled;
    b->unit_cost = u.variable.mid - u.stay_share.mid; /* the stay's own costs: stay_cost */
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
static bool read_blast_value(const report_context *c, const entity *e, report_blast_model *b)
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


/* Rule 5, a stay of several units: what one booking is called, in the
 * KPI `<Stay>s per month` and in an expense paid per it (`$95/stay`). */
static const char *const stay_words[] = {"stay", "booking"};

/* `Stays per month` (or `Bookings per month`) beside the unit's volume
 * gives the units one stay holds; MODEL_SCALE when the KPIs give none or
 * a stay is one unit. */
static int64_t units_per_stay(const report_context *c, const entity *e, const report_blast_model *b)
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
static int64_t stay_expenses(const report_context *c, const entity *e, const char **labels)
{
    const section *s = &e->sections[SECTION_EXPENSES];
    int64_t total = 0;
    strbuf named = STRBUF_INIT;
    for (size_t i = 0; i < s->item_count; i++) {
        const value *v = &s->items[i].value;
        for (size_t w = 0; v->kind == VALUE_MONEY && v->money.period == PERIOD_UNIT &&
                           v->money.unit && w < sizeof stay_words / sizeof *stay_words;
             w++)
            if (strcmp(v->money.unit, stay_words[w]) == 0) {
                total += model_money_mid(&v->money);
                strbuf_printf(&named, "%s%s", named.len ? " and " : "", s->items[i].label);
            }
    }
    char *text = report_format(c, "%s", strbuf_cstr(&named));
    if (*text && !(isupper((unsigned char)text[0]) && isupper((unsigned char)text[1])))
        text[0] = (char)tolower((unsigned char)text[0]); /* "cleaning", an acronym kept */
    *labels = text;
    strbuf_free(&named);
    return total;
}

/* What a conversion is (rule 5): booked or sold, one unit, a stay or a
 * subscriber's lifetime of units, measured or assumed. Called once the
 * value is read. */
static void read_blast_kind(const report_context *c, const entity *e, report_blast_model *b)
{
    b->booking = is_booking_unit(b->unit);
    b->untested = blast_untested(e);
    b->subscription = report_entity_is_subscription(e);
    b->lifetime = MODEL_SCALE;
    b->life_num = b->life_den = MODEL_SCALE;
    b->per_stay = b->from_price && !b->subscription ? units_per_stay(c, e, b) : MODEL_SCALE;
    b->order_value = report_muldiv(b->order_value, b->per_stay, MODEL_SCALE);
    b->stay_cost = b->per_stay != MODEL_SCALE ? stay_expenses(c, e, &b->stay_cost_labels) : 0;
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
    if (b->churn) /* 1 ÷ churn exactly: rounded only where a figure is shown */
        b->life_num = REPORT_PERCENT_ONE, b->life_den = churn_percent_mid(b->churn);
    else
        b->life_num = months, b->life_den = MODEL_SCALE;
    b->monthly = b->order_value;
    b->order_value = report_muldiv(b->order_value, b->life_num, b->life_den);
}

/* Reads the blast factors of `e`; notes each missing one. */
static bool read_blast(const report_context *c, const entity *e, report_blast_model *b)
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
static int64_t blast_units_per_conversion(const report_blast_model *b)
{
    if (b->unit_price > 0)
        return report_muldiv(b->order_value, MODEL_SCALE, b->unit_price);
    return b->lifetime;
}

/* `cents` × the units one conversion buys, rounded once (rule 5): a
 * subscriber's exact 1 ÷ churn months, never the 16.7 shown (Z1). */
static int64_t blast_times_units(const report_blast_model *b, int64_t cents)
{
    if (b->unit_price > 0 && b->monthly > 0) { /* the monthly value's units × the life */
        const int64_t factors[] = {b->monthly, b->life_num};
        return report_product_div(cents, factors, 2, b->unit_price * b->life_den);
    }
    if (b->unit_price > 0)
        return report_muldiv(cents, b->order_value, b->unit_price);
    return report_muldiv(cents, b->life_num, b->life_den);
}

/* The most conversions the spare units take (rule 5, capacity cap): the
 * cap counts units, so a stay of 3 nights or an order of 1.5 boxes takes
 * that many; a subscriber takes this month's one unit (eyes-final2b
 * K10/K15). Scaled. */
static int64_t blast_cap_conversions(const report_blast_model *b)
{
    int64_t units = b->subscription ? MODEL_SCALE : blast_units_per_conversion(b);
    return units > 0 ? report_muldiv(b->spare, MODEL_SCALE, units) : b->spare;
}

/* recipients × rate₁ × rate₂ × rate₃ × order value, in cents, rounded once
 * at the end; the expected number of buyers is scaled by MODEL_SCALE. With
 * a capacity cap that binds, the conversions the spare units take × order
 * value instead. */
static int64_t blast_value(const report_blast_model *b, const int64_t *rates,
                           int64_t *buyers_scaled)
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
static int64_t blast_conversion_cost(const report_blast_model *b)
{
    return blast_times_units(b, b->unit_cost) + b->stay_cost;
}

/* What one send adds after the variable cost of the units it sells (rule
 * 5): conversions × (value per conversion − variable cost per conversion)
 * − cost per send. Only meaningful when b->unit is set. */
static int64_t blast_after_unit_costs(const report_blast_model *b, const int64_t *rates)
{
    int64_t buyers;
    int64_t value = blast_value(b, rates, &buyers);
    int64_t cost_per_conversion = blast_conversion_cost(b);
    return value - report_muldiv(buyers, cost_per_conversion, MODEL_SCALE) - b->cost;
}

/* A conversion that buys one unit costs one unit's variable cost (rule 5). */
static bool blast_costs_one_unit(const report_blast_model *b)
{
    return blast_units_per_conversion(b) == MODEL_SCALE;
}

/* What a conversion of several units is called: a subscriber (the months
 * of its lifetime), a stay (its nights) or an order (rule 5). */
static const char *blast_conversion_noun(const report_blast_model *b)
{
    return b->subscription ? "subscriber" : b->per_stay != MODEL_SCALE ? "stay" : "order";
}

/* "$4.94 of costs per box", or for a conversion that is not one unit
 * "$7.41 of costs per order (1.5 boxes at $4.94)", for a stay "$125.90 of
 * costs per stay (3 nights at $10.30, and $95 a stay)", for a subscriber
 * "$136.75 of costs per subscriber (25 months at $5.47)" (rule 5, check17
 * D1: the figure after unit costs is computed with the lifetime's cost). */
static const char *blast_unit_cost_text(const report_context *c, const report_blast_model *b)
{
    int64_t units = blast_units_per_conversion(b);
    if (blast_costs_one_unit(b))
        return report_format(c, "%s of costs per %s", report_cents_text(c, b->unit_cost), b->unit);
    /* a stay's own lines spread over its nights: the CFO's cost a night (T4) */
    int64_t per_unit =
        b->stay_cost ? report_muldiv(blast_conversion_cost(b), MODEL_SCALE, units) : b->unit_cost;
    return report_format(c, "%s of costs per %s (%s at %s%s)",
                         report_cents_text(c, blast_conversion_cost(b)), blast_conversion_noun(b),
                         b->subscription ? report_unit_count(c, "month", b->lifetime)
                                         : report_unit_count(c, b->unit, units),
                         report_cents_text(c, per_unit),
                         b->stay_cost ? report_format(c, ", %s included", b->stay_cost_labels)
                                      : "");
}

/* What the blast's money is (rule 5): bookings for a business that takes
 * bookings, sales for every other one (coffee orders, kits, a SaaS). */
static const char *blast_money_word(const report_blast_model *b)
{
    return b->booking ? "bookings" : "sales";
}

/* "Bookings are not profit" / "Sales are not profit". */
static const char *blast_money_title(const report_blast_model *b)
{
    return b->booking ? "Bookings" : "Sales";
}

#define UNTESTED_CLAUSE "if the assumed rates hold (no blast sent yet)"

static const char *conversions_text(const report_context *c, int64_t scaled);

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
static const char *whole_units_text(const report_context *c, const report_blast_model *b,
                                    int64_t low, int64_t high)
{
    int64_t wl, wh;
    whole_conversions(low, high, &wl, &wh);
    /* a conversion of several units is a subscriber, a stay or an order
     * (rule 5): "2–3 orders", never "2–3 mugs" of a 2.4-mug order */
    const char *unit = !b->unit || blast_costs_one_unit(b) ? b->unit
                                                           : blast_conversion_noun(b);
    const char *noun = unit ? (wh == 1 ? unit : report_unit_plural(c, unit, false))
                            : (wh == 1 ? "conversion" : "conversions");
    if (wl == wh)
        return report_format(c, "%lld %s", (long long)wl, noun);
    return report_format(c, "%lld–%lld %s", (long long)wl, (long long)wh, noun);
}

/* whole_units_text, and when the spare units cap the send, the cap
 * beside them: "3–4 tours (only 4 free slots a month)", so a reader who
 * redoes the funnel (6) sees why (rule 5, eyes-final13 Q12). */
static const char *capped_units_text(const report_context *c, const report_blast_model *b,
                                     int64_t low, int64_t high)
{
    const char *units = whole_units_text(c, b, low, high);
    report_blast_model uncapped = *b;
    uncapped.has_cap = false;
    int64_t free_high;
    blast_value(&uncapped, b->high, &free_high);
    if (!b->has_cap || free_high <= high)
        return units;
    return report_format(c, "%s (only %s free %s a month)", units,
                         report_scaled_text(c, b->spare), b->spare == MODEL_SCALE ? "slot" : "slots");
}

/* "9 nights", "9–12 nights": the units the whole stays of a send book
 * (rule 5, "A stay of several units"); NULL when a conversion is not a
 * stay. */
static const char *stay_units_text(const report_context *c, const report_blast_model *b,
                                   int64_t low, int64_t high)
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
static const char *blast_whole_units_text(const report_context *c, const report_blast_model *b)
{
    int64_t low, high;
    blast_value(b, b->low, &low);
    blast_value(b, b->high, &high);
    report_blast_model uncapped = *b;
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

/* Rule 5, "What a subscriber adds a month": "1–3 subscribers, +$49–$147 a
 * month", the whole subscribers of a send × the monthly price; NULL when
 * the value is not a price × a lifetime. */
static const char *blast_month_money(const report_context *c, const report_blast_model *b)
{
    if (!b->monthly)
        return NULL;
    int64_t low, high; /* the model's conversions: the lifetime value's basis (T6) */
    blast_value(b, b->low, &low);
    blast_value(b, b->high, &high);
    return report_format(c, "+%s a month",
                         report_estimate_text(c, report_muldiv(low, b->monthly, MODEL_SCALE),
                                              report_muldiv(high, b->monthly, MODEL_SCALE)));
}

/* "1–3 subscribers (1.2–3.4 at these rates)": the whole subscribers and,
 * when they differ, the conversions the month's and the lifetime's money
 * count (rule 5, "What a subscriber adds a month"; eyes-final6a T6). */
static const char *subscribers_text(const report_context *c, const report_blast_model *b,
                                    int64_t low, int64_t high)
{
    int64_t wl, wh;
    whole_conversions(low, high, &wl, &wh);
    const char *whole = whole_units_text(c, b, low, high);
    const char *lo = conversions_text(c, low), *hi = conversions_text(c, high);
    if (wl * MODEL_SCALE == report_muldiv(low, 1, MODEL_SCALE / 10) * (MODEL_SCALE / 10) &&
        wh * MODEL_SCALE == report_muldiv(high, 1, MODEL_SCALE / 10) * (MODEL_SCALE / 10))
        return whole;
    return report_format(c, "%s (%s at these rates)", whole,
                         strcmp(lo, hi) == 0 ? lo : report_format(c, "%s–%s", lo, hi));
}

static const char *blast_month_text(const report_context *c, const report_blast_model *b)
{
    const char *money = blast_month_money(c, b);
    if (!money)
        return NULL;
    int64_t low, high;
    blast_value(b, b->low, &low);
    blast_value(b, b->high, &high);
    return report_format(c, "%s, %s", subscribers_text(c, b, low, high), money);
}

/* "over their 25-month life": the lifetime, said once per sentence; a
 * life from 1 ÷ churn is an assumption and says so, "over an assumed
 * 16.7-month life" (handoff-format.md rule 5; eyes-final18 W10). */
static const char *blast_life_text(const report_context *c, const report_blast_model *b)
{
    return report_format(c, "over %s %s-month life", b->churn ? "an assumed" : "their",
                         report_scaled_text(c, b->lifetime));
}

/* The lifetime in the one-line blast (the CMO's best blast, the CEO's
 * agenda row, Accounting's roadmap): " over their life" when the handoff
 * states `Customer lifetime`; from 1 ÷ churn, " over an assumed 17-month
 * life (1 ÷ 6% churn)", the life to whole months (half up) and the churn's
 * midpoint, the percent the life divides by; `bracketed` (the clause ends
 * a bracket already) says the churn after a comma, never "churn))"
 * (handoff-format.md rule 5, "A life from churn is an assumption";
 * eyes-final18 W10). */
static const char *blast_life_short_text(const report_context *c, const report_blast_model *b,
                                         bool bracketed)
{
    if (!b->churn)
        return " over their life";
    return report_format(c, bracketed ? " over an assumed %lld-month life, 1 ÷ %s churn"
                                      : " over an assumed %lld-month life (1 ÷ %s churn)",
                         (long long)((b->lifetime + MODEL_SCALE / 2) / MODEL_SCALE),
                         report_percent_text(c, churn_percent_mid(b->churn)));
}

/* "1–3 subscribers, +$49–$147 a month (about $1,470–$4,120 of sales over
 * their 25-month life<tail>)": the month first, `value` (the send's value
 * or net) in brackets; NULL when the value is not a price × a lifetime. */
static const char *blast_month_clause(const report_context *c, const report_blast_model *b,
                                      const char *value, const char *tail)
{
    const char *month = blast_month_text(c, b);
    return month ? report_format(c, "%s (about %s of %s %s%s)", month, value,
                                 blast_money_word(b), blast_life_text(c, b), tail)
                 : NULL;
}

/* Conversions to one decimal (rule 5, rounding): the rates are estimates. */
static const char *conversions_text(const report_context *c, int64_t scaled)
{
    return report_scaled_text(c, report_muldiv(scaled, 1, MODEL_SCALE / 10) * (MODEL_SCALE / 10));
}

/* "the 96 spare nights a month can take every conversion", or, when the
 * Status limits an off-season to weekends (which the available KPI does
 * not: it counts every day), that limit beside it, with no weekend figure
 * the file does not give (handoff-format.md rule 5, "Capacity cap";
 * eyes-final9 W11). */
static const char *spare_takes_all_text(const report_context *c, const entity *e,
                                        const report_blast_model *b)
{
    const char *spare = report_format(c, "the %s spare %s a month", report_scaled_text(c, b->spare),
                                      report_unit_plural(c, b->unit, false));
    report_season season;
    if (!report_entity_off_season(c, e, &season) ||
        !(report_names_word(e->status, "weekend") || report_names_word(e->status, "weekends")))
        return report_format(c, "%s can take every conversion", spare);
    return report_format(c, "%s count every day, and the Status says \"%s\": check that the "
                            "weekends left free hold the %s the send could bring",
                         spare, e->status, blast_whole_units_text(c, b));
}

/* Whether the capacity cap binds, or that it is unknown for a per-unit entity. */
static void put_capacity_note(const report_context *c, const entity *e, const report_blast_model *b,
                              strbuf *out)
{
    if (!b->unit)
        return;
    const char *units = report_unit_plural(c, b->unit, false);
    report_blast_model uncapped = *b;
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
                           "is not stated: add `%s` to the KPIs of %s to cap the conversions "
                           "at the spare %s.\n\n",
                      e->title, report_unit_count(c, b->unit, b->volume), (long long)wh, label,
                      e->path, units);
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
    else {
        const char *all = spare_takes_all_text(c, e, b);
        strbuf_printf(out, "%c%s.\n\n", toupper((unsigned char)*all), all + 1);
    }
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

static size_t blast_factor_rows(const report_context *c, const report_blast_model *b,
                                factor_row *rows)
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
static void put_value_source(const report_context *c, const entity *e, const report_blast_model *b,
                             strbuf *out)
{
    const char *value = report_cents_text(c, b->order_value);
    bool key = strcmp(b->value_source, "Blast value per conversion") == 0;
    if (b->per_stay != MODEL_SCALE) { /* rule 5: a conversion books a stay */
        strbuf_printf(out, "Value per conversion %s: %s at the %s KPI, the stay the KPIs give.\n\n",
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
    /* where the value comes from, never an edit for the author (eyes-final15 S8) */
    strbuf_puts(out, ".\n\n");
}

static void put_blast_model(const report_context *c, const entity *e, const report_blast_model *b,
                            strbuf *out)
{
    int64_t buyers_low, buyers_high;
    int64_t low = blast_value(b, b->low, &buyers_low);
    int64_t high = blast_value(b, b->high, &buyers_high);
    const char *cost = report_cents_text(c, b->cost);
    const char *month = blast_month_money(c, b);
    strbuf_printf(out, "%s%s: one blast to **%s recipients** ", e->title,
                  b->untested ? ", " UNTESTED_CLAUSE : "", report_scaled_text(c, b->recipients));
    if (month)
        strbuf_printf(out, "could bring %s, **%s**, worth **%s** of %s %s",
                      subscribers_text(c, b, buyers_low, buyers_high), month,
                      report_estimate_text(c, low, high), blast_money_word(b),
                      blast_life_text(c, b));
    else
        strbuf_printf(out, "is worth **%s** of %s", report_estimate_text(c, low, high),
                      blast_money_word(b));
    if (b->has_cost)
        strbuf_printf(out, "; net of its %s cost per send, **%s**.\n\n", cost,
                      report_estimate_text(c, low - b->cost, high - b->cost));
    else {
        report_note_asked(c, e, SECTION_MARKETING, "Blast cost per send: $amount"); /* R9 */
        strbuf_printf(out, "; its cost is not stated (add `Blast cost per send: $amount` to "
                           "the Marketing section of %s), so it is counted as $0.\n\n",
                      e->path);
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

void report_blast_put_models(const report_context *c, strbuf *out)
{
    strbuf_puts(out, "## E-mail blast ROI model\n\n");
    size_t shown = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        if (!model_find_item(e, SECTION_MARKETING, BLAST_RECIPIENTS))
            continue;
        report_blast_model b = {0};
        if (!read_blast(c, e, &b))
            continue;
        put_blast_model(c, e, &b, out);
        shown++;
    }
    /* said once and true (reports.md CMO, eyes-final6a T15): Data quality
     * lists a list's missing keys; with no list, nothing there to point at */
    if (!shown && report_blast_any_list(c))
        strbuf_puts(out, "No complete blast model: the keys each list lacks are in Data "
                         "quality.\n\n");
    else if (!shown)
        strbuf_printf(out,
                      "No business has an e-mail list in its file; if one has, add `%s: N` and "
                      "the three blast rates to its `## Marketing` section.\n\n",
                      BLAST_RECIPIENTS);
}

/* Rule 5 / reports.md CMO headline 2: when one send's whole units reach
 * what the business sells a month and no capacity caps them, the figure is
 * a caution, not a promise: the tail of the sentence that says so
 * (": send it and record the real rates before counting on it" for a blast
 * not sent yet, ": its capacity is not stated" otherwise); NULL when the
 * send stays under a month's sales. */
static const char *blast_caution(const report_context *c, const report_blast_model *b)
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

/* The best complete blast model in scope: its entity, model and net value. */
const entity *report_blast_best(const report_context *c, report_amount *net,
                                report_blast_model *model)
{
    const entity *best = NULL;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        report_blast_model b = {0};
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

bool report_blast_any_list(const report_context *c)
{
    for (size_t i = 0; i < c->entity_count; i++)
        if (model_find_item(c->entities[i], SECTION_MARKETING, BLAST_RECIPIENTS))
            return true;
    return false;
}

/* "Best e-mail blast: JADA's first, not sent yet: send it to its 3,676
 * addresses and record opens, clicks and bookings; one charter from it
 * ($750 margin) covers 27% of JADA's $2,800/month loss": a blast not sent
 * yet whose low bookings are more than a month of the business's revenue
 * leads with the step, its range stays in the body (reports.md, CMO
 * headline 2; eyes-final4 P14). False when the range may lead. */
static bool blast_range_too_large_to_lead(const report_context *c, const entity *best,
                                          const report_blast_model *b)
{
    int64_t buyers;
    return b->untested && blast_value(b, b->low, &buyers) > report_entity_revenue(c, best).mid;
}

/* "Best e-mail blast" compares: with one complete blast model in scope it
 * is "E-mail blast" (reports.md, CMO headline 2; eyes-final15 S8). The
 * models are read quietly: report_blast_best already asked for their keys. */
static const char *blast_headline_label(const report_context *c)
{
    report_missing unasked = {0};
    report_context quiet = *c;
    quiet.missing = &unasked;
    size_t models = 0;
    for (size_t i = 0; i < c->entity_count; i++) {
        report_blast_model b = {0};
        if (model_find_item(c->entities[i], SECTION_MARKETING, BLAST_RECIPIENTS) &&
            read_blast(&quiet, c->entities[i], &b))
            models++;
    }
    return models > 1 ? "Best e-mail blast" : "E-mail blast";
}

static bool put_first_blast_step(const report_context *c, const entity *best,
                                 const report_blast_model *b, strbuf *out)
{
    report_unit_economics u;
    int64_t revenue = report_entity_revenue(c, best).mid;
    if (!blast_range_too_large_to_lead(c, best, b) || !report_unit_economics_of(c, best, &u) ||
        !u.has_price || u.margin <= 0)
        return false;
    int64_t net = report_entity_burn(c, best).mid - revenue; /* > 0: a loss */
    strbuf_printf(out, "- %s: %s first, not sent yet: send it to its %s addresses "
                       "and record opens, clicks and bookings; one %s from it (%s margin) ",
                  blast_headline_label(c), report_possessive(c, best->title), report_scaled_text(c, b->recipients), u.unit,
                  report_dollars_text(c, u.margin));
    if (net <= 0)
        strbuf_printf(out, "adds %s to its %s/month surplus.\n", report_dollars_text(c, u.margin),
                      report_dollars_text(c, -net));
    else if (u.margin >= net) /* a loan's principal is no loss (handoff-format.md) */
        strbuf_printf(out, "covers %s %s.\n", report_possessive(c, best->title),
                      report_loss_text(c, best, net, REPORT_LOSS_NOUN));
    else
        strbuf_printf(out, "covers %lld%% of %s %s.\n",
                      (long long)report_muldiv(u.margin, 100, net),
                      report_possessive(c, best->title),
                      report_loss_text(c, best, net, REPORT_LOSS_NOUN));
    return true;
}

/* "Best e-mail blast: JADA, if the assumed rates hold (no blast sent yet):
 * $10,200–$43,500 of bookings per send (its cost not stated); after
 * $1,100 of costs per charter it adds $4,140–$17,600. Caution: 5–24
 * charters from one send is more than the 2 JADA sells a month (its
 * capacity is not stated): send it and record the real rates before
 * counting on it." (reports.md, CMO headline 2). */
void report_blast_put_headline(const report_context *c, const entity *best,
                               const report_blast_model *b, report_amount net,
                               strbuf *out)
{
    if (put_first_blast_step(c, best, b, out))
        return;
    const char *month = blast_month_money(c, b);
    const char *untested = b->untested ? UNTESTED_CLAUSE ": " : "";
    const char *cost_unstated = b->has_cost ? "" : " (its cost not stated)";
    if (!b->unit) {
        strbuf_printf(out, "- %s: %s, %s%s of %s per send%s.\n", blast_headline_label(c),
                      best->title,
                      untested, report_estimate_text(c, net.low, net.high), blast_money_word(b),
                      b->has_cost
                          ? report_format(c, " after its %s cost", report_cents_text(c, b->cost))
                          : cost_unstated);
        return;
    }
    /* two figures (reports.md, "The CMO's best-blast line"; eyes-final8 U13):
     * the whole units one send brings and what they add after every cost;
     * the rates, the month and the per-unit costs are the blast section's */
    int64_t buyers_low, buyers_high;
    blast_value(b, b->low, &buyers_low);
    blast_value(b, b->high, &buyers_high);
    strbuf_printf(out, "- %s: %s, %s%s per send, adding %s after costs%s%s",
                  blast_headline_label(c), best->title, untested, whole_units_text(c, b, buyers_low, buyers_high),
                  report_estimate_text(c, blast_after_unit_costs(b, b->low),
                                       blast_after_unit_costs(b, b->high)),
                  month ? blast_life_short_text(c, b, false) : "", cost_unstated);
    /* the key is the whole value; the month clause said the lifetime once */
    bool no_lifetime_note = month || strcmp(b->value_source, "Blast value per conversion") == 0;
    if (b->subscription && !no_lifetime_note && b->lifetime == MODEL_SCALE)
        strbuf_printf(out, " (one %s per subscriber; one who stays is worth more)", b->unit);
    else if (b->subscription && !no_lifetime_note)
        strbuf_printf(out, " (a subscriber's %s months%s)", report_scaled_text(c, b->lifetime),
                      b->churn ? report_format(c, " at %s churn",
                                               report_percent_text(c, b->churn->value.scaled))
                               : "");
    report_blast_model uncapped = *b;
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

/* The revenue gap's blast clause (reports.md, CMO Plans): "; one send to
 * its 1,200-recipient list could bring about 1–3 subscribers (...)";
 * nothing without a complete model. */
void report_blast_put_gap_clause(const report_context *c, const entity *e, strbuf *out)
{
    report_blast_model b = {0};
    if (!model_find_item(e, SECTION_MARKETING, BLAST_RECIPIENTS) || !read_blast(c, e, &b))
        return;
    int64_t low, high;
    int64_t value_low = blast_value(&b, b.low, &low);
    int64_t value_high = blast_value(&b, b.high, &high);
    const char *stay = stay_units_text(c, &b, low, high); /* 3 stays are 9 nights (D2) */
    const char *value = report_estimate_text(c, value_low, value_high);
    const char *month = blast_month_clause(c, &b, value, ""); /* rule 5, a subscription */
    strbuf_printf(out, "; %sone send to its %s-recipient list could bring ",
                  b.untested ? "if the assumed rates hold, " : "",
                  report_scaled_text(c, b.recipients));
    if (month)
        strbuf_puts(out, month);
    else
        strbuf_printf(out, "about %s (%s%s of %s)", whole_units_text(c, &b, low, high),
                      stay ? report_format(c, "%s, ", stay) : "", value, blast_money_word(&b));
    const char *caution = blast_caution(c, &b);
    if (caution)
        strbuf_printf(out, ", more than the %s it sells a month%s",
                      report_scaled_text(c, b.volume), caution);
}

/* reports.md, CMO Plans "E-mail blast": "### E-mail blast" and its one
 * sentence, in the words of `action` when the business has one that names
 * the blast (NULL otherwise). */
void report_blast_put_plan_step(const report_context *c, const entity *e,
                                const report_blast_model *b, report_amount net,
                                const item *action, strbuf *out)
{
    const char *list = report_scaled_text(c, b->recipients);
    const char *cost = b->has_cost ? report_cents_text(c, b->cost) : NULL;
    const char *net_text = report_estimate_text(c, net.low, net.high);
    const char *month = /* rule 5, "What a subscriber adds a month": the month first */
        blast_month_clause(c, b, net_text,
                           cost ? report_format(c, ", after its %s cost", cost) : "");
    const char *figure =
        month ? month
              : report_format(c, "%s of %s per send%s", net_text, blast_money_word(b),
                              cost ? report_format(c, " after its %s cost", cost) : "");
    strbuf_printf(out, "### E-mail blast\n\n%s: %s%s%s",
                  action ? report_format(c, "%s (%s:%d), the %s-recipient list", action->label,
                                         e->path, action->line, list)
                         : report_format(c, "Send the blast to the %s-recipient list (%s, within "
                                            "30 days)", /* who and when (W17) */
                                         list,
                                         e->owner && *e->owner
                                             ? report_format(c, "owner %s", e->owner)
                                             : "name its owner"),
                  b->untested ? UNTESTED_CLAUSE ", " : "",
                  c->entity_count > 1 ? "the best return in scope, " : "", figure);
    int64_t high;
    report_blast_model uncapped = *b;
    uncapped.has_cap = false;
    blast_value(&uncapped, b->high, &high);
    if (b->has_cap && high <= blast_cap_conversions(b))
        strbuf_printf(out, "; %s", spare_takes_all_text(c, e, b));
    else if (b->has_cap)
        strbuf_printf(out, " (capped at %s spare %s a month)", report_scaled_text(c, b->spare),
                      report_unit_plural(c, b->unit, false));
    strbuf_puts(out, ".\n\n");
}

/* The headline's decision when it is the blast (reports.md, CMO headline
 * 3): false when the best send does not pay (the plans' steps decide). */
bool report_blast_put_decision(const report_context *c, const entity *best,
                               const report_blast_model *b, report_amount net, strbuf *out)
{
    if (net.low > 0 && b->untested && blast_range_too_large_to_lead(c, best, b)) {
        strbuf_printf(out, "- Decision: send the first %s blast and record its real rates, within "
                           "30 days.\n\n",
                      best->title);
        return true;
    }
    /* rule 5, "What a subscriber adds a month": the month, not the lifetime */
    const char *month = blast_month_text(c, b);
    const char *figure =
        month ? month
              : report_format(c, "%s of %s", report_estimate_text(c, net.low, net.high),
                              blast_money_word(b));
    if (net.low > 0 && b->untested) {
        strbuf_printf(out, "- Decision: send the first %s blast and record its real rates (if the "
                           "assumed ones hold, %s), within 30 days.\n\n",
                      best->title, figure);
        return true;
    }
    if (net.low > 0) {
        strbuf_printf(out, "- Decision: send the %s blast (%s%s), within 30 days.\n\n",
                      best->title, figure, month ? "" : " per send");
        return true;
    }
    return false;
}

bool report_blast_of(const report_context *c, const entity *e, report_blast *out)
{
    report_blast_model b = {0};
    if (!model_find_item(e, SECTION_MARKETING, BLAST_RECIPIENTS) || !read_blast(c, e, &b))
        return false;
    *out = (report_blast){.recipients = b.recipients, .has_cost = b.has_cost, .cost = b.cost};
    out->value_low = blast_value(&b, b.low, &out->conversions_low);
    out->value_high = blast_value(&b, b.high, &out->conversions_high);
    return true;
}

const char *report_blast_units_text(const report_context *c, const entity *e)
{
    report_blast_model b = {0};
    if (!model_find_item(e, SECTION_MARKETING, BLAST_RECIPIENTS) || !read_blast(c, e, &b))
        return NULL;
    return blast_whole_units_text(c, &b);
}

const char *report_blast_brings_text(const report_context *c, const entity *e)
{
    report_blast_model b = {0};
    if (!model_find_item(e, SECTION_MARKETING, BLAST_RECIPIENTS) || !read_blast(c, e, &b))
        return NULL;
    int64_t low, high;
    const char *value = report_estimate_text(c, blast_value(&b, b.low, &low),
                                             blast_value(&b, b.high, &high));
    const char *brings = blast_month_clause(c, &b, value, "");
    if (!brings)
        brings = report_format(c, "%s, %s of %s", blast_whole_units_text(c, &b), value,
                               blast_money_word(&b));
    return b.untested ? report_format(c, "if the assumed rates hold, %s", brings) : brings;
}

const char *report_blast_whole_text(const report_context *c, int64_t low, int64_t high)
{
    return whole_range_text(c, low, high);
}

const char *report_blast_send_text(const report_context *c, const entity *e)
{
    report_blast_model b = {0};
    if (!model_find_item(e, SECTION_MARKETING, BLAST_RECIPIENTS) || !read_blast(c, e, &b))
        return NULL;
    int64_t buyers;
    int64_t low = blast_value(&b, b.low, &buyers) - b.cost;
    int64_t high = blast_value(&b, b.high, &buyers) - b.cost;
    const char *net = report_estimate_text(c, low, high);
    const char *cost =
        b.has_cost ? report_format(c, " after its %s cost", report_cents_text(c, b.cost))
                   : " (its cost not stated)";
    const char *month = blast_month_clause(c, &b, net, b.has_cost ? report_format(c, ",%s", cost)
                                                                  : "");
    const char *figure =
        month ? month : report_format(c, "%s of %s per send%s", net, blast_money_word(&b), cost);
    const char *after =
        b.unit && !month
            ? report_format(c, " (%s after the %s own costs)",
                            report_estimate_text(c, blast_after_unit_costs(&b, b.low),
                                                 blast_after_unit_costs(&b, b.high)),
                            report_possessive(c, report_unit_plural(c, b.unit, false)))
            : "";
    return report_format(c, "%s%s%s", b.untested ? "if the assumed rates hold, " : "", figure,
                         after);
}

/* A business's cash is short when it lasts fewer months than this: the
 * CFO's "fund or cut" (docs/reports.md, CFO headline). */
enum { BLAST_CASH_SHORT_MONTHS = 3 };

/* Days from the report date to the check of the one-story blast's
 * bookings (reports.md, "One story …"; fixV2 U5): 6 weeks before a season,
 * still in the off-season; within the month when "this month" is the need. */
enum { BLAST_CHECK_SEASON_DAYS = 42, BLAST_CHECK_MONTH_DAYS = 28 };

/* Days before the cash's last day that the check comes at the latest
 * (reports.md, "One story …"; eyes-final21 C2): a check after the money
 * is gone is no check, and the owner needs a few days to fund it. */
enum { BLAST_CHECK_BEFORE_CASH_OUT_DAYS = 3 };

/* The check's day: `usual`, or earlier when the cash runs out first; never
 * before tomorrow. */
static int check_days_before_cash_out(const report_runway *r, int usual)
{
    int64_t out = report_cash_out_days(r);
    if (out < 0 || out - BLAST_CHECK_BEFORE_CASH_OUT_DAYS >= usual)
        return usual;
    int64_t day = out - BLAST_CHECK_BEFORE_CASH_OUT_DAYS;
    return day < 1 ? 1 : (int)day;
}

/* What `e` needs to be funded, in cents, the words for it ("the $540 it
 * needs to reach May", "its $300/month loss") and by when its bookings
 * must be paid to count ("before May", "this month"); false when its cash
 * is not short. */
static bool funding_need(const report_context *c, const entity *e, int64_t *need,
                         const char **words, const char **when, int *check_days)
{
    report_season season;
    report_runway r;
    if (report_season_funding_need(c, e, need, &season, &r)) {
        *words = report_format(c, "the %s it needs to reach %s", report_dollars_text(c, *need),
                               season.month_name);
        *when = report_format(c, "before %s", season.month_name);
        *check_days = check_days_before_cash_out(&r, BLAST_CHECK_SEASON_DAYS);
        return true;
    }
    report_entity_runway(c, e, &r);
    if (!r.has_cash || r.net_burn <= 0 || r.months >= BLAST_CASH_SHORT_MONTHS)
        return false;
    *need = r.net_burn;
    *words = report_format(c, "its %s", report_loss_text(c, e, r.net_burn, REPORT_LOSS_NOUN));
    *when = "this month";
    *check_days = check_days_before_cash_out(&r, BLAST_CHECK_MONTH_DAYS);
    return true;
}

/* report_blast_funding, with the day its bookings are checked and, in
 * `brief` when not NULL, the said clause without its caveats for the
 * CEO's decision: "($25; about 19–25 lessons, $631–$850 after costs)". */
static const entity *blast_funding(const report_context *c, const char **said,
                                   const char **need_words, int *check_days, const char **brief)
{
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        report_blast_model b = {0};
        int64_t need;
        const char *words, *when;
        /* a subscriber's lifetime is not cash this month: per-unit sales only */
        if (!funding_need(c, e, &need, &words, &when, check_days) ||
            !model_find_item(e, SECTION_MARKETING, BLAST_RECIPIENTS) || !read_blast(c, e, &b) ||
            !b.unit || b.monthly)
            continue;
        int64_t low = blast_after_unit_costs(&b, b.low), high = blast_after_unit_costs(&b, b.high);
        if (low < need)
            continue;
        int64_t buyers_low, buyers_high;
        blast_value(&b, b.low, &buyers_low);
        blast_value(&b, b.high, &buyers_high);
        /* an estimate, not money in hand (U11): its rates, and when it must be paid */
        *said = report_format(c, "(%s; %s about %s, %s after costs, if booked and paid %s)",
                              b.has_cost ? report_cents_text(c, b.cost) : "its cost not stated",
                              b.untested ? "if the assumed rates hold," : "at its stated rates",
                              capped_units_text(c, &b, buyers_low, buyers_high),
                              report_estimate_text(c, low, high), when);
        if (brief)
            *brief = report_format(c, "(%s; about %s, %s after costs)",
                                   b.has_cost ? report_cents_text(c, b.cost) : "its cost not stated",
                                   capped_units_text(c, &b, buyers_low, buyers_high),
                                   report_estimate_text(c, low, high));
        *need_words = words;
        return e;
    }
    return NULL;
}

const entity *report_blast_funding(const report_context *c, const char **said,
                                   const char **need_words)
{
    int check_days;
    return blast_funding(c, said, need_words, &check_days, NULL);
}

const char *report_blast_funding_check_text(const report_context *c, const entity *e,
                                            bool with_need)
{
    const char *said, *need;
    int check_days = 0;
    if (blast_funding(c, &said, &need, &check_days, NULL) != e)
        return NULL;
    /* its low end covers the need (blast_funding's test), so the funding is
     * a fallback with a date, never an open-ended ask (fixV2 U5) */
    return report_format(c, "if its bookings fall short%s by %s, fund the difference",
                         with_need ? report_format(c, " of %s", need) : "",
                         report_due_date_text(c, check_days));
}

/* The step with `whose` before "e-mail blast": "its" where the sentence
 * has named the business, its name where nothing before it does. */
static const char *funding_step(const report_context *c, const entity *e, bool with_need,
                                const char *whose)
{
    const char *send = report_blast_funding_send_text(c, e, whose);
    if (!send)
        return NULL;
    return report_format(c, "%s; %s", send, report_blast_funding_check_text(c, e, with_need));
}

const char *report_blast_funding_send_text(const report_context *c, const entity *e,
                                           const char *whose)
{
    const char *said, *need;
    if (report_blast_funding(c, &said, &need) != e)
        return NULL;
    return report_format(c, "send %s e-mail blast now %s", whose, said);
}

const char *report_blast_funding_send_brief_text(const report_context *c, const entity *e)
{
    const char *said, *need, *brief;
    int check_days;
    if (blast_funding(c, &said, &need, &check_days, &brief) != e)
        return NULL;
    return report_format(c, "send its e-mail blast now %s", brief);
}

const char *report_blast_funding_step_text(const report_context *c, const entity *e,
                                           bool with_need)
{
    return funding_step(c, e, with_need, "its");
}

const char *report_blast_funding_step_named_text(const report_context *c, const entity *e,
                                                 bool with_need)
{
    return funding_step(c, e, with_need, report_possessive(c, e->title));
}

bool report_blast_funding_cost(const report_context *c, const entity *e, int64_t *cost)
{
    const char *said, *need;
    report_blast_model b = {0};
    if (report_blast_funding(c, &said, &need) != e || !read_blast(c, e, &b) || !b.has_cost)
        return false;
    *cost = b.cost;
    return true;
}

/* reports.md CEO 30-day agenda (eyes-final11 Y6): the CMO's best blast, in
 * the words of its headline line 2, so the CEO's 30-day list and the CMO's
 * plan name the same send. NULL (and no row) when the CMO's plan does not
 * date it within 30 days for a named owner: no cost per send, no owner, a
 * business action that names the blast (the action keeps its own date), the
 * one-story blast (report_blast_funding: the agenda already names it), a
 * first send that leads with the step, or no return after its cost. */
const entity *report_blast_agenda_text(const report_context *c, const char **text)
{
    report_amount net;
    report_blast_model b = {0};
    const char *said, *need;
    /* the model's missing keys are the CMO's to ask: reading it for one
     * agenda row leaves the CEO's Data quality as it was */
    report_missing unasked = {0};
    report_context quiet = *c;
    quiet.missing = &unasked;
    const entity *best = report_blast_best(&quiet, &net, &b);
    if (!best || net.low <= 0 || !b.has_cost || !best->owner || !*best->owner ||
        report_blast_funding(c, &said, &need) == best || blast_range_too_large_to_lead(c, best, &b))
        return NULL;
    const section *actions = &best->sections[SECTION_ACTIONS];
    for (size_t i = 0; i < actions->item_count; i++)
        if (report_names_word(actions->items[i].label, "blast"))
            return NULL;
    const char *cost = report_cents_text(c, b.cost);
    if (!b.unit) {
        *text = report_format(c, "send %s e-mail blast (%s; %s of %s per send after its cost)",
                              report_possessive(c, best->title), cost,
                              report_estimate_text(c, net.low, net.high), blast_money_word(&b));
        return best;
    }
    int64_t buyers_low, buyers_high;
    blast_value(&b, b.low, &buyers_low);
    blast_value(&b, b.high, &buyers_high);
    *text = report_format(c, "send %s e-mail blast (%s; %s, %s after costs%s)",
                          report_possessive(c, best->title), cost,
                          capped_units_text(c, &b, buyers_low, buyers_high),
                          report_estimate_text(c, blast_after_unit_costs(&b, b.low),
                                               blast_after_unit_costs(&b, b.high)),
                          blast_month_money(c, &b) ? blast_life_short_text(c, &b, true) : "");
    return best;
}

const item *report_blast_action(const entity *e)
{
    const section *s = &e->sections[SECTION_ACTIONS];
    for (size_t i = 0; i < s->item_count; i++)
        if (report_names_word(s->items[i].label, "blast"))
            return &s->items[i];
    return NULL;
}

bool report_blast_sent_cost(const report_context *c, const entity *e, report_sent_blast *out)
{
    const char *said, *need, *agenda = NULL;
    *out = (report_sent_blast){0};
    if (report_blast_funding(c, &said, &need) == e) /* the one story's send (U11) */
        out->due_days = REPORT_DUE_SHORTFALL_DAYS;
    else if ((out->action = report_blast_action(e)))
        out->due_days = report_action_due_days(c, e, out->action);
    else if (report_blast_agenda_text(c, &agenda) == e)
        out->due_days = REPORT_DUE_AGENDA_BLAST_DAYS, out->agenda = agenda;
    else
        return false;
    /* the model's missing keys are the CMO's to ask: pricing a send leaves
     * the CFO's and Accounting's Data quality as it was */
    report_missing unasked = {0};
    report_context quiet = *c;
    quiet.missing = &unasked;
    report_blast b;
    if (!report_blast_of(&quiet, e, &b) || !b.has_cost || b.cost <= 0)
        return false;
    out->cost = b.cost;
    return true;
}
