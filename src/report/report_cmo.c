/* report_cmo: channel matrix, e-mail blast ROI, OTA sequence, local SEO
 * roadmap, 30/60/90-day milestones.
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
 * OTA sequence rule: platforms (Marketing items tagged `ota`, value the
 * commission percent, child `Setup days: N`) in ascending commission, then
 * ascending setup days; platforms equal on both share a step
 * ("Viator/GetYourGuide").
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

static bool is_channel(const item *it)
{
    return it->value.kind == VALUE_TEXT && !model_item_has_tag(it, "ota");
}

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

static void put_channels(const report_context *c, strbuf *out)
{
    static const report_column columns[] = {
        {"Entity", REPORT_LEFT},
        {"Channel", REPORT_LEFT},
        {"Status", REPORT_LEFT},
        {"Priority", REPORT_LEFT},
    };
    report_table t;
    report_table_init(&t, c->arena, columns, 4);
    strbuf_puts(out, "## Channel visibility matrix\n\n");
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        const section *s = &e->sections[SECTION_MARKETING];
        for (size_t j = 0; j < s->item_count; j++) {
            const item *it = &s->items[j];
            if (!is_channel(it))
                continue;
            const char *status = model_item_has_tag(it, "missing") ? "MISSING" : it->text;
            report_table_row(&t, e->title, it->label, *status ? status : "listed",
                             report_item_priority(it));
        }
        const char *analytics = analytics_status(c, e);
        if (analytics)
            report_table_row(&t, e->title, "Site analytics", analytics, "\u2014");
        if (!e->has_section[SECTION_MARKETING])
            report_note_missing_section(c, e, SECTION_MARKETING);
    }
    if (t.row_count)
        report_table_write(&t, out);
}

typedef struct {
    int64_t recipients; /* scaled */
    int64_t low[BLAST_RATE_COUNT], high[BLAST_RATE_COUNT];
    int64_t order_value; /* cents per conversion */
    const char *value_source; /* "Blast value per conversion", "Average order value", ... */
    bool has_cost;
    int64_t cost; /* cents, one blast to the whole list */
} blast_model;

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
    return true;
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
    const item *cost = model_find_item(e, SECTION_MARKETING, "Blast cost per send");
    b->has_cost = cost && cost->value.kind == VALUE_MONEY;
    if (b->has_cost)
        b->cost = model_money_mid(&cost->value.money);
    else if (complete)
        report_note_missing(c, e, SECTION_MARKETING, "Blast cost per send: $amount");
    return complete;
}

/* recipients × rate₁ × rate₂ × rate₃ × order value, in cents, rounded once
 * at the end; the expected number of buyers is scaled by MODEL_SCALE. */
static int64_t blast_value(const blast_model *b, const int64_t *rates, int64_t *buyers_scaled)
{
    const int64_t percent_cubed = REPORT_PERCENT_ONE * REPORT_PERCENT_ONE * REPORT_PERCENT_ONE;
    *buyers_scaled = report_product_div(b->recipients, rates, BLAST_RATE_COUNT, percent_cubed);
    int64_t factors[BLAST_RATE_COUNT + 1];
    memcpy(factors, rates, sizeof(int64_t) * BLAST_RATE_COUNT);
    factors[BLAST_RATE_COUNT] = b->order_value;
    return report_product_div(b->recipients, factors, BLAST_RATE_COUNT + 1,
                              percent_cubed * MODEL_SCALE);
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
        static const report_column columns[] = {
            {"Factor", REPORT_LEFT},
            {"Low", REPORT_RIGHT},
            {"High", REPORT_RIGHT},
        };
        report_table t;
        report_table_init(&t, c->arena, columns, 3);
        const char *recipients = report_scaled_text(c, b.recipients);
        report_table_row(&t, "Recipients", recipients, recipients);
        for (size_t k = 0; k < BLAST_RATE_COUNT; k++)
            report_table_row(&t, blast_rates[k], report_percent_text(c, b.low[k]),
                             report_percent_text(c, b.high[k]));
        const char *value = report_cents_text(c, b.order_value);
        report_table_row(&t, "Value per conversion", value, value);
        int64_t buyers_low, buyers_high;
        int64_t low = blast_value(&b, b.low, &buyers_low);
        int64_t high = blast_value(&b, b.high, &buyers_high);
        report_table_row(&t, "Expected conversions", report_scaled_text(c, buyers_low),
                         report_scaled_text(c, buyers_high));
        report_table_row(&t, "Blast value", report_cents_text(c, low), report_cents_text(c, high));
        const char *cost = report_cents_text(c, b.cost);
        report_table_row(&t, "Cost per send", cost, cost);
        report_table_row(&t, "Net value", report_cents_text(c, low - b.cost),
                         report_cents_text(c, high - b.cost));
        report_amount gross = report_amount_of(low, high);
        report_amount net = report_amount_of(low - b.cost, high - b.cost);
        strbuf_printf(out, "%s: one blast to **%s recipients** is worth **%s** in bookings",
                      e->title, recipients, report_amount_text(c, &gross));
        if (b.has_cost)
            strbuf_printf(out, "; net of its %s cost per send, **%s**.\n\n", cost,
                          report_amount_text(c, &net));
        else
            strbuf_puts(out, "; its cost is not stated (add `Blast cost per send: $amount` to "
                             "the Marketing section), so it is counted as $0.\n\n");
        strbuf_printf(out,
                      "Value per conversion %s: the %s%s.\n\n", value, b.value_source,
                      strcmp(b.value_source, "Blast value per conversion") == 0
                          ? " key"
                          : " KPI; set `Blast value per conversion` to change it");
        report_table_write(&t, out);
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

static size_t collect_otas(const report_context *c, ota **out)
{
    size_t count = 0, capacity = 0;
    *out = NULL;
    for (size_t i = 0; i < c->entity_count; i++) {
        const entity *e = c->entities[i];
        const section *s = &e->sections[SECTION_MARKETING];
        for (size_t j = 0; j < s->item_count; j++) {
            const item *it = &s->items[j];
            if (!model_item_has_tag(it, "ota") || it->value.kind != VALUE_PERCENT)
                continue;
            ota *o = arena_push(c->arena, (void **)out, &count, &capacity, sizeof **out);
            o->name = it->label;
            o->order = count;
            o->commission = it->value.scaled;
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
    }
    if (count)
        qsort(*out, count, sizeof **out, ota_order);
    return count;
}

static bool same_step(const ota *a, const ota *b)
{
    return a->commission == b->commission && a->setup_days == b->setup_days;
}

static void put_ota(const report_context *c, strbuf *out)
{
    static const report_column columns[] = {
        {"Step", REPORT_RIGHT},
        {"Platform", REPORT_LEFT},
        {"Commission", REPORT_RIGHT},
        {"Setup days", REPORT_RIGHT},
    };
    ota *otas;
    size_t count = collect_otas(c, &otas);
    strbuf_puts(out, "## OTA sequencing\n\n");
    if (!count) {
        strbuf_puts(out, "No OTA platforms listed: add Marketing items like `- Sailo: 12% (ota)` "
                         "with a child `- Setup days: 1`.\n\n");
        return;
    }
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
    strbuf_puts(out, "**\n\nRule: lowest commission first, then least setup effort; platforms "
                     "equal on both are listed together.\n\n");
    report_table_write(&t, out);
}

/* `label` names `name` as whole words, case aside: "Claim the Google
 * Business Profile" names "Google Business Profile". */
static bool names_words(const char *label, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = label; n && *p; p++)
        if ((p == label || !isalnum((unsigned char)p[-1])) && strncasecmp(p, name, n) == 0 &&
            !isalnum((unsigned char)p[n]))
            return true;
    return false;
}

/* An action that names one of its own business's Marketing channels
 * tagged `tag` is that channel's step, already listed once: the CMO sees
 * each business + channel once. */
static bool action_repeats_channel(const report_entry *action, const char *tag)
{
    const section *s = &action->entity->sections[SECTION_MARKETING];
    for (size_t i = 0; i < s->item_count; i++)
        if (model_item_has_tag(&s->items[i], tag) &&
            names_words(action->item->label, s->items[i].label))
            return true;
    return false;
}

/* A channel is set up when tagged `missing` and maintained otherwise; an
 * action is written as it is. */
static void put_seo_step(const report_context *c, const report_entry *entry, bool is_channel,
                         size_t number, strbuf *out)
{
    const item *it = entry->item;
    bool missing = model_item_has_tag(it, "missing");
    const char *verb = !is_channel ? "" : missing ? "set up " : "maintain ";
    bool show_text = !missing && it->value.kind == VALUE_TEXT && *it->text;
    strbuf_printf(out, "%zu. %s: %s%s%s", number, entry->entity->title, verb, it->label,
                  show_text ? report_format(c, " (%s)", it->text) : "");
    if (entry->rank < 3)
        strbuf_printf(out, " \u2014 %s priority", report_item_priority(it));
    strbuf_putc(out, '\n');
}

/* Marketing channels and Actions tagged `seo`, merged by priority. */
static void put_seo(const report_context *c, strbuf *out)
{
    strbuf_puts(out, "## Local SEO roadmap\n\n");
    report_entry *channels, *actions;
    size_t channel_count = report_collect_items(c, SECTION_MARKETING, "seo", &channels);
    size_t action_count = report_collect_items(c, SECTION_ACTIONS, "seo", &actions);
    size_t n = 0;
    for (int rank = 0; rank <= 3; rank++) {
        for (size_t i = 0; i < channel_count; i++)
            if (channels[i].rank == rank)
                put_seo_step(c, &channels[i], true, ++n, out);
        for (size_t i = 0; i < action_count; i++)
            if (actions[i].rank == rank && !action_repeats_channel(&actions[i], "seo"))
                put_seo_step(c, &actions[i], false, ++n, out);
    }
    if (!n)
        strbuf_puts(out, "No item tagged `seo` in scope.\n");
    strbuf_putc(out, '\n');
}

/* Milestone windows: high priority in 30 days, medium in 60, low in 90;
 * OTA step N goes live in window N. */
static void put_milestones(const report_context *c, strbuf *out)
{
    static const char *const windows[] = {"30 days", "60 days", "90 days"};
    ota *otas;
    size_t ota_count = collect_otas(c, &otas);
    report_entry *missing, *revenue;
    size_t missing_count = report_collect_items(c, SECTION_MARKETING, "missing", &missing);
    size_t revenue_count = report_collect_items(c, SECTION_ACTIONS, "revenue", &revenue);
    strbuf_puts(out, "## 30/60/90-day milestones\n\n");
    for (int w = 0; w < 3; w++) {
        strbuf_printf(out, "**%s**\n\n", windows[w]);
        size_t n = 0;
        int step = 0;
        for (size_t i = 0; i < ota_count; i++) {
            if (i == 0 || !same_step(&otas[i - 1], &otas[i]))
                step++;
            if (step == w + 1)
                report_bullet(out, &n, "List on %s (%s commission)", otas[i].name,
                              report_percent_text(c, otas[i].commission));
        }
        for (size_t i = 0; i < missing_count; i++)
            if (missing[i].rank == w)
                report_bullet(out, &n, "%s: set up %s", missing[i].entity->title,
                              missing[i].item->label);
        for (size_t i = 0; i < revenue_count; i++)
            if (revenue[i].rank == w && !action_repeats_channel(&revenue[i], "ota") &&
                !action_repeats_channel(&revenue[i], "missing"))
                report_bullet(out, &n, "%s: %s", revenue[i].entity->title, revenue[i].item->label);
        if (!n)
            strbuf_puts(out, "- Nothing scheduled\n");
        strbuf_putc(out, '\n');
    }
}

void report_cmo(const report_context *c, strbuf *out)
{
    put_channels(c, out);
    put_blast(c, out);
    put_ota(c, out);
    put_seo(c, out);
    put_milestones(c, out);
}
