/* report_money: integer money, number and name formatting for reports.
 *
 * No floating point and no locale: thousands separators and decimals are
 * written by hand so the bytes never depend on the machine. Division rounds
 * half away from zero (rounding.h), like the model's monthly().
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "briefing/rounding.h"
#include "report/report_internal.h"

int64_t report_muldiv(int64_t a, int64_t b, int64_t d)
{
    return rounding_div((__int128)a * b, d);
}

int64_t report_product_div(int64_t base, const int64_t *factors, size_t count, int64_t divisor)
{
    __int128 product = base;
    for (size_t i = 0; i < count; i++)
        product *= factors[i];
    return rounding_div(product, divisor);
}

int64_t report_ceil_div(int64_t a, int64_t b)
{
    if (a <= 0)
        return 0;
    return (a + b - 1) / b;
}

int64_t report_midpoint(int64_t low, int64_t high)
{
    return report_muldiv(low + high, 1, 2);
}

report_amount report_amount_of(int64_t low, int64_t high)
{
    return (report_amount){low, high, report_midpoint(low, high)};
}

void report_amount_add(report_amount *sum, const report_amount *a)
{
    sum->low += a->low;
    sum->high += a->high;
    sum->mid += a->mid;
}

/* The low end of a difference subtracts the other's high end: the result
 * spans every outcome of the two ranges. */
report_amount report_amount_minus(const report_amount *a, const report_amount *b)
{
    return (report_amount){a->low - b->high, a->high - b->low, a->mid - b->mid};
}

void report_put_cents(strbuf *out, int64_t cents)
{
    uint64_t magnitude = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
    if (cents < 0)
        strbuf_putc(out, '-');
    strbuf_putc(out, '$');
    strbuf_put_grouped(out, magnitude / 100);
    if (magnitude % 100)
        strbuf_printf(out, ".%02" PRIu64, magnitude % 100);
}

void report_put_amount(strbuf *out, const report_amount *a)
{
    report_put_cents(out, a->low);
    if (a->high == a->low)
        return;
    /* ends on both sides of zero: "-$319 to $2,641", never "-$319–$2,641"
     * (docs/rendering.md, "One sign convention for a net burn or surplus") */
    strbuf_puts(out, a->low < 0 && a->high > 0 ? " to " : "\u2013");
    report_put_cents(out, a->high);
}

static const char *detach_into_arena(const report_context *c, strbuf *b)
{
    const char *s = arena_strdup(c->arena, strbuf_cstr(b));
    strbuf_free(b);
    return s;
}

const char *report_cents_text(const report_context *c, int64_t cents)
{
    strbuf b = STRBUF_INIT;
    report_put_cents(&b, cents);
    return detach_into_arena(c, &b);
}

const char *report_amount_text(const report_context *c, const report_amount *a)
{
    strbuf b = STRBUF_INIT;
    report_put_amount(&b, a);
    return detach_into_arena(c, &b);
}

/* Scaled by MODEL_SCALE: whole part grouped, then up to three decimals
 * without trailing zeros. */
static void put_scaled(strbuf *out, int64_t scaled)
{
    uint64_t magnitude = scaled < 0 ? (uint64_t)0 - (uint64_t)scaled : (uint64_t)scaled;
    if (scaled < 0)
        strbuf_putc(out, '-');
    strbuf_put_grouped(out, magnitude / MODEL_SCALE);
    uint64_t fraction = magnitude % MODEL_SCALE;
    if (!fraction)
        return;
    char decimals[8];
    snprintf(decimals, sizeof decimals, "%03" PRIu64, fraction);
    size_t len = 3;
    while (len > 0 && decimals[len - 1] == '0')
        len--;
    strbuf_putc(out, '.');
    strbuf_append(out, decimals, len);
}

const char *report_scaled_text(const report_context *c, int64_t scaled)
{
    strbuf b = STRBUF_INIT;
    put_scaled(&b, scaled);
    return detach_into_arena(c, &b);
}

const char *report_net_text(const report_context *c, const report_amount *a)
{
    if (a->high >= 0)
        return report_amount_text(c, a);
    report_amount surplus = {-a->high, -a->low, -a->mid};
    strbuf b = STRBUF_INIT;
    strbuf_puts(&b, "surplus ");
    report_put_amount(&b, &surplus);
    return detach_into_arena(c, &b);
}

/* report_net_text with the midpoint first and a range in brackets, as the
 * CFO writes every figure, table cells too (docs/reports.md, CFO). */
const char *report_net_figure_text(const report_context *c, const report_amount *a)
{
    /* the side is the midpoint's: a surplus whose worst end burns is still
     * "surplus $1,161 (-$319 to $2,641)" (docs/rendering.md, one sign convention) */
    if (a->mid >= 0)
        return report_figure_text(c, a, "");
    report_amount surplus = {-a->high, -a->low, -a->mid};
    return report_format(c, "surplus %s", report_figure_text(c, &surplus, ""));
}

/* Percents keep one decimal: 0.1% is MODEL_SCALE / 10. */
const char *report_percent_text(const report_context *c, int64_t scaled)
{
    strbuf b = STRBUF_INIT;
    put_scaled(&b, report_muldiv(scaled, 1, MODEL_SCALE / 10) * (MODEL_SCALE / 10));
    strbuf_putc(&b, '%');
    return detach_into_arena(c, &b);
}

const char *report_money_text(const report_context *c, const money *m)
{
    report_amount a = report_amount_of(m->low_cents, m->high_cents);
    strbuf b = STRBUF_INIT;
    report_put_amount(&b, &a);
    if (m->period == PERIOD_NONE)
        strbuf_puts(&b, " one-off");
    else if (m->period == PERIOD_UNIT)
        strbuf_printf(&b, "/%s", m->unit ? m->unit : "unit");
    else
        strbuf_puts(&b, model_period_suffix(m->period));
    return detach_into_arena(c, &b);
}

const char *report_figure_text(const report_context *c, const report_amount *a, const char *suffix)
{
    strbuf b = STRBUF_INIT;
    report_put_cents(&b, a->mid);
    strbuf_puts(&b, suffix);
    if (a->low != a->high) {
        strbuf_puts(&b, " (");
        report_put_amount(&b, a);
        strbuf_printf(&b, "%s)", suffix);
    }
    return detach_into_arena(c, &b);
}

/* Each end and the midpoint rounded half away from zero to the dollar
 * (docs/rendering.md, "Monthly results in whole dollars"). */
static report_amount whole_amount(const report_amount *a)
{
    return (report_amount){report_muldiv(a->low, 1, 100) * 100,
                           report_muldiv(a->high, 1, 100) * 100,
                           report_muldiv(a->mid, 1, 100) * 100};
}

const char *report_whole_figure_text(const report_context *c, const report_amount *a,
                                     const char *suffix)
{
    report_amount whole = whole_amount(a);
    return report_figure_text(c, &whole, suffix);
}

bool report_whole_parts_foot(const int64_t *parts, size_t count, int64_t total)
{
    int64_t shown = 0;
    for (size_t i = 0; i < count; i++)
        shown += report_muldiv(parts[i], 1, 100) * 100;
    return shown == report_muldiv(total, 1, 100) * 100;
}

const char *report_whole_net_figure_text(const report_context *c, const report_amount *a)
{
    report_amount whole = whole_amount(a);
    return report_net_figure_text(c, &whole);
}

/* A percent as the handoff wrote it: every decimal it holds ("2.75%"). */
static const char *written_percent_text(const report_context *c, int64_t scaled)
{
    strbuf b = STRBUF_INIT;
    put_scaled(&b, scaled);
    strbuf_putc(&b, '%');
    return detach_into_arena(c, &b);
}

const char *report_written_amount(const report_context *c, const item *it)
{
    if (it->value.kind == VALUE_PERCENT) {
        const char *low = written_percent_text(c, it->value.scaled);
        const char *share =
            it->value.scaled == it->value.scaled_high
                ? low
                : report_format(c, "%s–%s", low, written_percent_text(c, it->value.scaled_high));
        return report_format(c, "%s of %s", share, it->share_of ? it->share_of : "revenue");
    }
    return it->value.kind == VALUE_MONEY ? report_money_text(c, &it->value.money) : it->text;
}

/* Whole dollars, and from $10,000 up three significant figures
 * (docs/rendering.md, "Rounding"): estimates built on guessed rates, which
 * a reader still checks by hand where they are small (eyes-final14 R1). */
int64_t report_round_estimate(int64_t cents)
{
    int64_t magnitude = cents < 0 ? -cents : cents, step = 100;
    while (magnitude >= 1000000 && magnitude / step >= 1000)
        step *= 10;
    return report_muldiv(cents, 1, step) * step;
}

const char *report_estimate_text(const report_context *c, int64_t low, int64_t high)
{
    report_amount a = report_amount_of(report_round_estimate(low), report_round_estimate(high));
    return report_amount_text(c, &a);
}

const char *report_possessive(const report_context *c, const char *name)
{
    size_t n = strlen(name);
    bool ends_in_s = n > 0 && (name[n - 1] == 's' || name[n - 1] == 'S');
    return report_format(c, "%s%s", name, ends_in_s ? "'" : "'s");
}

const char *report_dollars_text(const report_context *c, int64_t cents)
{
    return report_cents_text(c, report_muldiv(cents, 1, 100) * 100);
}
